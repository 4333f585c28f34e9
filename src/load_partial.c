/*
 * load_partial.c - partial graphs, as `geopol graph --format partial` writes them, read
 * back into an aggregator for `geopol merge` (json_load.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_load.h"
#include "tabular.h"

/* ---------------------------------------------------------- partial graphs */

/*
 * Numbers in a partial graph become integers: only whole numbers in range
 * may be cast (a double past an integer type's range is undefined
 * behaviour), and times must be instants of the years 0000-9999.
 */
static int whole_in(const cJSON *v, double lo, double hi)
{
	return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
	       v->valuedouble == floor(v->valuedouble);
}

/* A time: null (open) or seconds of the years 0000-9999. */
static int time_ok(const cJSON *v)
{
	double first = (double)gp_days_from_civil(0, 1, 1) * 86400;
	double last = (double)gp_days_from_civil(10000, 1, 1) * 86400 - 1;
	return cJSON_IsNull(v) || whole_in(v, first, last);
}

/* EDTF's qualifier of a start, "~", "?" or "%", as GP_QUAL_* bits; -1 when it is none. */
static int qual_of(const cJSON *v)
{
	static const char *const q[] = { "", "~", "?", "%" };
	for (int i = 0; cJSON_IsString(v) && i < 4; i++) {
		if (strcmp(v->valuestring, q[i]) == 0) {
			return i;
		}
	}
	return -1;
}

/*
 * An event's optional sixth element, {"sources": [...], "qualifier": "?"}:
 * its qualifiers in r->qual, its sources packed at the end of srcs
 * (graph_impl.h), r->src their offset + 1 until the caller places them
 * (NULL srcs: not kept). 0, or -1 reported.
 */
static int read_evref_more(lctx *c, const cJSON *m, gp_evref *r, gp_sbuf *srcs)
{
	const cJSON *q = cJSON_GetObjectItemCaseSensitive(m, "qualifier");
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(m, "sources");
	int bad = !cJSON_IsObject(m) || (q && qual_of(q) < 0) || (l && !cJSON_IsArray(l));
	for (const cJSON *e = l ? l->child : NULL; !bad && e; e = e->next) {
		bad |= !cJSON_IsString(e) || !*e->valuestring;
	}
	if (bad) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, m),
			"expected {\"sources\": [\"id or URL\", ...], \"qualifier\": \"~\", \"?\" or \"%%\"} after an event reference's id");
		return -1;
	}
	r->qual = q ? (uint8_t)qual_of(q) : 0;
	if (srcs && l && l->child) {
		r->src = (const char *)(uintptr_t)(srcs->n + 1);
		for (const cJSON *e = l->child; e; e = e->next) {
			gp__sb_add(srcs, e->valuestring, strlen(e->valuestring) + 1);
		}
		gp__sb_add(srcs, "", 1);
		c->oom |= srcs->oom;
	}
	return 0;
}

/*
 * [start|null, end|null, seq, prec, "id"] (then optionally its sources and
 * qualifiers, read_evref_more) into a reference. 0, or -1 reported.
 */
static int read_evref(lctx *c, const cJSON *parent, const cJSON *a, gp_evref *r, gp_sbuf *srcs)
{
	const cJSON *v[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	int n = 0;
	memset(r, 0, sizeof(*r));
	for (const cJSON *e = cJSON_IsArray(a) ? a->child : NULL; e && n < 7; e = e->next) {
		if (n < 6) {
			v[n] = e;
		}
		n++;
	}
	/* seq: below 2^64, the largest double that is. */
	if ((n != 5 && n != 6) || !time_ok(v[0]) || !time_ok(v[1]) ||
	    !whole_in(v[2], 0, 0x1.fffffffffffffp63) || !whole_in(v[3], 0, GP_PREC_CENTURY) ||
	    !cJSON_IsString(v[4])) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, a ? a : parent),
			"expected an event reference [start, end, order, precision, \"id\"]");
		return -1;
	}
	if (v[5] && read_evref_more(c, v[5], r, srcs)) {
		return -1;
	}
	r->start = cJSON_IsNull(v[0]) ? GP_TIME_MIN : (int64_t)v[0]->valuedouble;
	r->end = cJSON_IsNull(v[1]) ? GP_TIME_MAX : (int64_t)v[1]->valuedouble;
	r->seq = (uint64_t)v[2]->valuedouble;
	r->prec = (uint8_t)v[3]->valuedouble;
	const char *id = v[4]->valuestring;
	int icews;
	/* Only an id in its one spelling is kept as a number: "gdelt-007" stays as written. */
	if (gp__imported_number(id, strlen(id), &r->id, &icews)) {
		r->kind = icews ? GP_EVREF_ICEWS : GP_EVREF_GDELT;
	} else {
		const char *kept = gp__json_keep(c, id);
		r->kind = GP_EVREF_NAMED;
		r->id = (uint64_t)(uintptr_t)kept;
	}
	return 0;
}

static gp_index partial_actor(lctx *c, const cJSON *o, const char *field)
{
	const char *id;
	if (gp__json_string(c, o, field, "a partial graph line", MAX_ID_LEN, &id) <= 0) {
		if (!cJSON_GetObjectItemCaseSensitive(o, field)) {
			gp__json_missing(c, o, "partial graph line", field);
		}
		return GP_NONE;
	}
	gp_index a = gp__actor_ref(c->ds, id, strlen(id),
				   gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(o, field)));
	c->oom |= a == GP_NONE;
	return a;
}

static int count_field(lctx *c, const cJSON *o, const char *field, uint32_t *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	if (!whole_in(v, 0, 4e9)) {
		gp__json_report(c, GP_SEV_ERROR, v ? gp__json_loc_of(c, v) : gp__json_loc_of(c, o),
				"expected a whole number for '%s'", field);
		return -1;
	}
	*out = (uint32_t)v->valuedouble;
	return 0;
}

/* [time, precision] or [time, precision, "qualifier"] (EDTF's "~", "?", "%"). */
static int bound_field(lctx *c, const cJSON *o, const char *field, int64_t open, int64_t *t,
		       uint8_t *prec, uint8_t *qual)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	const cJSON *a = cJSON_IsArray(v) ? v->child : NULL, *b = a ? a->next : NULL;
	const cJSON *q = b ? b->next : NULL;
	if (!a || !b || (q && (q->next || qual_of(q) < 0)) || !time_ok(a) ||
	    !whole_in(b, 0, GP_PREC_CENTURY)) {
		gp__json_report(
			c, GP_SEV_ERROR, v ? gp__json_loc_of(c, v) : gp__json_loc_of(c, o),
			"expected [time, precision] or [time, precision, qualifier] for '%s'",
			field);
		return -1;
	}
	*t = cJSON_IsNull(a) ? open : (int64_t)a->valuedouble;
	*prec = (uint8_t)b->valuedouble;
	*qual = q ? (uint8_t)qual_of(q) : 0;
	return 0;
}

/* The merge's aggregator, made at the first line whatever it is; its level comes with a header. */
static int partial_agg(lctx *c)
{
	if (*c->agg) {
		return GP_OK;
	}
	if (gp__agg_new(c->agg, c->ds, GP_LEVEL_ACTOR, c->gopts->max_event_ids) != GP_OK) {
		c->oom = 1;
		return GP_ENOMEM;
	}
	gp__agg_unknown_level(*c->agg);
	return GP_OK;
}

/* The members of partial graph lines: a duplicate is an error, another key a warning, as in geopol files. */
static const char *const partial_head_fields[] = { "geopol", "kind", "level", "max_event_ids",
						   NULL };
static const char *const node_line_fields[] = { "node", NULL };
static const char *const node_fields[] = { "id", "events", "self_events", "latest", "span", NULL };
static const char *const edge_line_fields[] = { "edge", NULL };
static const char *const edge_fields[] = { "source",
					   "target",
					   "directed",
					   "count",
					   "weight_micro",
					   "types",
					   "first",
					   "last",
					   "events",
					   "statuses",
					   "cooperation_micro",
					   "count_cooperation",
					   "count_conflict",
					   NULL };

/* The partial graph's own header: its level must be the merge's. */
static void partial_header(lctx *c, const cJSON *root, const cJSON *kind)
{
	gp__json_check_members(c, root, partial_head_fields, "a partial graph header", NULL);
	const cJSON *lv = cJSON_GetObjectItemCaseSensitive(root, "level");
	int level = cJSON_IsString(lv) && strcmp(lv->valuestring, "country") == 0 ? GP_LEVEL_COUNTRY
										  : GP_LEVEL_ACTOR;
	const cJSON *cap = cJSON_GetObjectItemCaseSensitive(root, "max_event_ids");
	if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "partial-graph") != 0 ||
	    !cJSON_IsString(lv)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, root),
			"not a partial graph header (expected \"kind\": \"partial-graph\" and a \"level\")");
		return;
	}
	if (partial_agg(c) != GP_OK) {
		return;
	}
	/* Lines may come in any order (Hadoop Streaming sorts them). */
	if (gp__agg_level(*c->agg) < 0) {
		gp__agg_set_level(*c->agg, level);
	} else if (gp__agg_level(*c->agg) != level) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, lv),
				"level '%s' differs from the partial graphs before it",
				lv->valuestring);
	}
	/* Unless told otherwise, list as many events as the partial graphs do. */
	if (cap && !whole_in(cap, 0, 4e9)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, cap),
				"expected a whole number for 'max_event_ids'");
	} else if (!c->gopts->max_event_ids && cap && cap->valuedouble > 0) {
		gp__agg_set_list(*c->agg, (uint32_t)cap->valuedouble);
	}
}

/*
 * A node's "span", [start|null, end|null]: 0, or -1 reported. Partial graphs
 * written before nodes had spans lack it: the span is then unknown, open on
 * both sides.
 */
static int span_field(lctx *c, const cJSON *o, gp_span *sp)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "span");
	const cJSON *a = cJSON_IsArray(v) ? v->child : NULL, *b = a ? a->next : NULL;
	sp->start = GP_TIME_MIN, sp->end = GP_TIME_MAX;
	if (!v) {
		return 0;
	}
	if (!a || !b || b->next || !time_ok(a) || !time_ok(b)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"expected [start, end] for 'span'");
		return -1;
	}
	sp->start = cJSON_IsNull(a) ? GP_TIME_MIN : (int64_t)a->valuedouble;
	sp->end = cJSON_IsNull(b) ? GP_TIME_MAX : (int64_t)b->valuedouble;
	return 0;
}

/* {"node": {"id", "events", "self_events", "latest", "span"}} */
static void partial_node(lctx *c, const cJSON *root, const cJSON *v)
{
	gp__json_check_members(c, root, node_line_fields, "a node line", NULL);
	if (cJSON_IsObject(v)) {
		gp__json_check_members(c, v, node_fields, "a node", NULL);
	}
	uint32_t events, self_events;
	gp_evref latest;
	gp_span span;
	gp_index a = partial_actor(c, v, "id");
	if (a == GP_NONE || count_field(c, v, "events", &events) ||
	    count_field(c, v, "self_events", &self_events) ||
	    read_evref(c, v, cJSON_GetObjectItemCaseSensitive(v, "latest"), &latest, NULL) ||
	    span_field(c, v, &span)) {
		return;
	}
	int r = gp__agg_add_node(*c->agg, a, events, self_events, &latest, &span);
	if (r == GP_EINVALID) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"the events of '%s' add up past %lu",
				gp_actor_id(gp_dataset_actor(c->ds, a)), (unsigned long)UINT32_MAX);
	}
	c->oom |= r == GP_ENOMEM;
}

typedef GP_VEC(gp_type_count) type_count_vec;
typedef GP_VEC(gp_evref) evref_vec;

/* An edge's per-type counts and its events. 0, or -1 reported (or out of memory). */
static int edge_lists(lctx *c, const cJSON *v, const cJSON *types, const cJSON *events,
		      type_count_vec *tc, evref_vec *refs, gp_sbuf *srcs)
{
	for (const cJSON *e = types->child; e; e = e->next) {
		if (!whole_in(e, 0, 4e9)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, e),
					"expected a whole number of events for type '%s'",
					e->string);
			return -1;
		}
		gp_type_count x = { gp__type_ref(c->ds, e->string, strlen(e->string),
						 (gp_loc){ 0, 0, 0 }),
				    (uint32_t)e->valuedouble };
		if (x.type == GP_NONE || GP_VEC_PUSH(*tc, x)) {
			c->oom = 1;
			return -1;
		}
	}
	for (const cJSON *e = events->child; e; e = e->next) {
		gp_evref r;
		if (read_evref(c, v, e, &r, srcs)) {
			return -1;
		}
		if (GP_VEC_PUSH(*refs, r)) {
			c->oom = 1;
			return -1;
		}
	}
	/* The sources are placed once read: the buffer moved as it grew. */
	for (size_t i = 0; i < refs->n && !c->oom; i++) {
		if (refs->v[i].src) {
			refs->v[i].src = srcs->s + (uintptr_t)refs->v[i].src - 1;
		}
	}
	return c->oom ? -1 : 0;
}

/*
 * "statuses": {"claimed": 2, ...}, the edge's events that are not reported
 * (docs/claims.md); absent: all reported. 0, or -1 after reporting.
 */
static int edge_statuses(lctx *c, const cJSON *st, uint32_t count, uint32_t *status_n)
{
	uint64_t sum = 0;
	if (st && !cJSON_IsObject(st)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, st),
				"expected an object for 'statuses', got %s",
				gp__json_type_name(st));
		return -1;
	}
	for (const cJSON *e = st ? st->child : NULL; e; e = e->next) {
		int k = gp_status_from_name(e->string);
		if (k <= GP_STATUS_REPORTED || !whole_in(e, 0, 4e9)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, e),
					"'statuses' counts events claimed, confirmed, denied or "
					"planned, each a whole number");
			return -1;
		}
		status_n[k] = (uint32_t)e->valuedouble;
		sum += status_n[k];
	}
	if (sum > count) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, st),
				"'statuses' counts more events than the edge's 'count'");
		return -1;
	}
	return 0;
}

/*
 * "cooperation_micro", "count_cooperation", "count_conflict": the edge's
 * weight by sign (docs/sign.md), which no other key can give back: a
 * partial graph without them (written before geopol kept them) is refused.
 * The sums must be ones events weighing -10 to +10 can make. 0, or -1
 * after reporting.
 */
static int edge_sign(lctx *c, const cJSON *v, uint32_t count, long long w, gp_sign_split *out)
{
	const cJSON *cm = cJSON_GetObjectItemCaseSensitive(v, "cooperation_micro");
	if (!cm && !cJSON_GetObjectItemCaseSensitive(v, "count_cooperation")) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, v),
			"this edge has no 'cooperation_micro': the partial graph was written "
			"by an older geopol, which did not keep cooperation and conflict "
			"apart; write it again");
		c->stop = 1; /* one message, not one per edge */
		return -1;
	}
	char *end = NULL;
	long long coop = cJSON_IsString(cm) ? strtoll(cm->valuestring, &end, 10) : -1;
	if (!end || *end || coop < 0) {
		gp__json_report(c, GP_SEV_ERROR,
				cm ? gp__json_loc_of(c, cm) : gp__json_loc_of(c, v),
				"expected 'cooperation_micro', a whole number >= 0 as a string");
		return -1;
	}
	if (count_field(c, v, "count_cooperation", &out->n_coop) ||
	    count_field(c, v, "count_conflict", &out->n_conf)) {
		return -1;
	}
	/* Each event weighs -10 to +10: at most 10 a positive event, -10 a negative one. */
	if ((uint64_t)out->n_coop + out->n_conf > count || coop < w ||
	    coop > (long long)out->n_coop * 10000000 ||
	    coop - w > (long long)out->n_conf * 10000000 || (coop > 0) != (out->n_coop > 0) ||
	    (coop > w) != (out->n_conf > 0)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, cm),
				"'cooperation_micro', 'count_cooperation' and 'count_conflict' do "
				"not add up with 'count' and 'weight_micro'");
		return -1;
	}
	out->coop_micro = coop;
	return 0;
}

/* {"edge": {"source", "target", "directed", "count", "weight_micro", "cooperation_micro", "count_cooperation", "count_conflict", "types", "first", "last", "events", "statuses"}} */
static void partial_edge(lctx *c, const cJSON *root, const cJSON *v)
{
	gp__json_check_members(c, root, edge_line_fields, "an edge line", NULL);
	if (cJSON_IsObject(v)) {
		gp__json_check_members(c, v, edge_fields, "an edge", NULL);
	}
	gp_index s = partial_actor(c, v, "source"), t = partial_actor(c, v, "target");
	const cJSON *dir = cJSON_GetObjectItemCaseSensitive(v, "directed");
	const cJSON *wm = cJSON_GetObjectItemCaseSensitive(v, "weight_micro");
	const cJSON *types = cJSON_GetObjectItemCaseSensitive(v, "types");
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(v, "events");
	uint32_t count;
	gp_edge b;
	memset(&b, 0, sizeof(b));
	char *end = NULL;
	long long w = cJSON_IsString(wm) ? strtoll(wm->valuestring, &end, 10) : 0;
	if (s == GP_NONE || t == GP_NONE || count_field(c, v, "count", &count) ||
	    bound_field(c, v, "first", GP_TIME_MIN, &b.first, &b.first_prec, &b.first_qual) ||
	    bound_field(c, v, "last", GP_TIME_MIN, &b.last, &b.last_prec, &b.last_qual)) {
		return;
	}
	if (!cJSON_IsBool(dir) || !end || *end || !cJSON_IsObject(types) ||
	    !cJSON_IsArray(events)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, v),
			"an edge needs 'directed' (true/false), 'weight_micro' (a whole number as a string), 'types' and 'events'");
		return;
	}
	/* Each event weighs -10 to +10: so sums of edges stay far inside 64 bits. */
	if (w < -(long long)count * 10000000 || w > (long long)count * 10000000) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, wm),
			"'weight_micro' must be within 'count' times -10 to +10 (in millionths)");
		return;
	}
	uint32_t status_n[GP_STATUS_COUNT] = { 0 };
	gp_sign_split sign;
	if (edge_statuses(c, cJSON_GetObjectItemCaseSensitive(v, "statuses"), count, status_n) ||
	    edge_sign(c, v, count, w, &sign)) {
		return;
	}
	type_count_vec tc = { 0 };
	evref_vec refs = { 0 };
	gp_sbuf srcs = { 0 };
	int r = edge_lists(c, v, types, events, &tc, &refs, &srcs)
			? GP_OK
			: gp__agg_add_edge(*c->agg, s, t, cJSON_IsTrue(dir), count, (int64_t)w, &b,
					   tc.v, tc.n, refs.v, refs.n, status_n, &sign);
	free(srcs.s);
	if (r == GP_EINVALID) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"the events of the edge '%s' - '%s' add up past %lu",
				gp_actor_id(gp_dataset_actor(c->ds, s)),
				gp_actor_id(gp_dataset_actor(c->ds, t)), (unsigned long)UINT32_MAX);
	}
	c->oom |= r == GP_ENOMEM;
	GP_VEC_FREE(tc);
	GP_VEC_FREE(refs);
}

static void load_partial_line(lctx *c, const cJSON *root)
{
	const cJSON *v;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "kind"))) {
		partial_header(c, root, v);
	} else if (cJSON_GetObjectItemCaseSensitive(root, "geopol")) {
		static const char *const head[] = { "geopol", "title", "sources", "types", NULL };
		gp__json_check_members(c, root, head, "a header line", NULL);
		gp__json_load_head(c, root);
	} else if ((v = cJSON_GetObjectItemCaseSensitive(root, "actor"))) {
		gp__json_load_actor(c, v);
	} else if (partial_agg(c) != GP_OK) {
		return;
	} else if ((v = cJSON_GetObjectItemCaseSensitive(root, "node"))) {
		partial_node(c, root, v);
	} else if ((v = cJSON_GetObjectItemCaseSensitive(root, "edge"))) {
		partial_edge(c, root, v);
	} else if (cJSON_GetObjectItemCaseSensitive(root, "id") ||
		   cJSON_GetObjectItemCaseSensitive(root, "events")) {
		/* Events, not a partial graph: one message, not one per event. */
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, root),
			"this is a file of events, not a partial graph (write one with 'geopol graph --format partial')");
		c->stop = 1;
	} else {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, root),
				"expected a partial graph line: header, actor, node or edge");
	}
}

/*
 * The start of an input that is surely no partial graph (JSON Lines), told
 * from its first bytes: what it is ("" when unknown), or NULL to read on.
 */
static const char *not_partial(const char *p, size_t len)
{
	int kind;
	const char *what = gp__input_describe(p, len, &kind);
	if (!what) {
		size_t i = 0;
		while (i < len && (unsigned char)p[i] <= ' ') {
			i++;
		}
		return i < len ? "" : NULL; /* empty: "no partial graph header", said later */
	}
	if (kind != GP_INPUT_JSON) {
		return what;
	}
	/* JSON Lines have a whole object on the first line; a document spread over lines does not. */
	const char *nl = memchr(p, '\n', len);
	size_t n = nl ? (size_t)(nl - p) : 0;
	while (n > 0 && (unsigned char)p[n - 1] <= ' ') {
		n--;
	}
	return nl && (n == 0 || p[n - 1] != '}') ? "a JSON document" : NULL;
}

int gp__load_partial(gp_dataset *ds, gp_agg **agg, const gp_graph_options *opts, const char *path,
		     gp_diag_sink *sink)
{
	gp_input in;
	size_t errors_before = sink ? sink->errors : 0;
	if (gp__input_open(&in, path)) {
		return gp__input_failed(sink, path, "cannot open", errno, NULL);
	}
	size_t plen;
	const char *p = gp__input_peek(&in, &plen);
	const char *what = not_partial(p, plen);
	if (what) {
		gp__diag(
			sink, GP_SEV_ERROR, path, 0, 0,
			"%s%s%snot a partial graph (write one with 'geopol graph --format partial')",
			*what ? "this is " : "", what, *what ? ", " : "");
		gp__input_close(&in);
		return GP_EINVALID;
	}
	uint32_t file;
	if (gp__dataset_add_file(ds, path, &file)) {
		gp__input_close(&in);
		return GP_ENOMEM;
	}
	lctx c;
	memset(&c, 0, sizeof(c));
	c.ds = ds, c.sink = sink, c.file = file, c.fname = gp_dataset_file_name(ds, file);
	c.agg = agg, c.gopts = opts, c.load_line = load_partial_line;
	return gp__json_load_lines(&c, &in, path, errors_before);
}
