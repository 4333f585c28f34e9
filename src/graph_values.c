/*
 * graph_values.c - the graph's values key by key, for every graph writer
 * (graph_values.h).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_values.h"

const gp_gv_key gp__graph_keys[GP_GK_N] = {
	{ "geopol", GP_GV_COUNT, 0 },
	{ "kind", GP_GV_STRING, 0 },
	{ "level", GP_GV_STRING, 0 },
	{ "title", GP_GV_STRING, 0 },
	/*
	 * null: betweenness is exact; else estimated from this many pivots drawn
	 * with this seed, every node within this error (a share of (V-1)(V-2),
	 * 95% confidence): docs/decisions.md.
	 */
	{ "betweenness_pivots", GP_GV_COUNT, 0 },
	{ "betweenness_seed", GP_GV_COUNT, 0 },
	{ "betweenness_error", GP_GV_REAL, 0 },
	/* The citation entries the edges' sources name (docs/sources.md). */
	{ "citations", GP_GV_JSON, 0 },
};

const gp_gv_key gp__node_keys[GP_NK_N] = {
	{ "id", GP_GV_STRING, 0 },
	{ "label", GP_GV_STRING, 0 },
	{ "kind", GP_GV_STRING, 0 },
	{ "country", GP_GV_STRING, 0 },
	{ "events", GP_GV_COUNT, 0 },
	{ "self_events", GP_GV_COUNT, 0 },
	{ "in_degree", GP_GV_COUNT, 0 },
	{ "out_degree", GP_GV_COUNT, 0 },
	{ "strength", GP_GV_REAL, 0 },
	/* Strength by sign, both >= 0 (docs/sign.md). */
	{ "strength_cooperation", GP_GV_REAL, 0 },
	{ "strength_conflict", GP_GV_REAL, 0 },
	{ "pagerank", GP_GV_REAL, 0 },
	{ "betweenness", GP_GV_REAL, 0 },
	{ "community", GP_GV_COUNT, 0 },
	{ "role", GP_GV_STRING, 1 },
};

const gp_gv_key gp__edge_keys[GP_EK_N] = {
	{ "source", GP_GV_STRING, 0 },
	{ "target", GP_GV_STRING, 0 },
	{ "directed", GP_GV_BOOL, 0 },
	{ "count", GP_GV_COUNT, 0 },
	{ "weight", GP_GV_REAL, 0 },
	/* The weight by sign (docs/sign.md): cooperation >= 0, conflict <= 0, their sum the weight. */
	{ "cooperation", GP_GV_REAL, 0 },
	{ "conflict", GP_GV_REAL, 0 },
	{ "count_cooperation", GP_GV_COUNT, 0 },
	{ "count_conflict", GP_GV_COUNT, 0 },
	{ "types", GP_GV_JSON, 0 },
	{ "first", GP_GV_STRING, 0 },
	{ "last", GP_GV_STRING, 0 },
	{ "events", GP_GV_JSON, 0 },
	/* The listed events' citation ids and inline URLs, each once, in order of first use. */
	{ "sources", GP_GV_JSON, 0 },
	/* --max-event-ids: the earliest are listed, this many more are not. */
	{ "events_more", GP_GV_COUNT, 1 },
	/* Its events by status (docs/claims.md): {"reported": 2, "claimed": 1}. */
	{ "statuses", GP_GV_JSON, 0 },
};

void gp__gv_scratch_free(gp_gv_scratch *sc)
{
	free(sc->ids);
	free(sc->print.s);
}

static gp_gv str(const char *s)
{
	gp_gv v = { s == NULL, s, 0, NULL };
	return v;
}

static gp_gv num(double x)
{
	gp_gv v = { 0, NULL, x, NULL };
	return v;
}

static const char *actor_id(const gp_graph *g, uint32_t node)
{
	return gp_dataset_actor(gp_graph_dataset(g), gp_graph_node(g, node)->actor)->id;
}

/*
 * The citation entries that the edges' sources name, in order of first use
 * (edges in order, each's sources in order): what a reader of the graph
 * needs to footnote it, and no more, whichever way the graph was built.
 */
static cJSON *citations(const gp_graph *g)
{
	gp_cite_set cs;
	gp__cite_set_init(&cs, gp_graph_dataset(g));
	for (size_t i = 0; !cs.bad && cs.ds->cites.n && i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		const gp_evref *ev = gp__edge_events(g, e);
		const char *s;
		for (uint32_t k = 0; k < e->n_events; k++) {
			for (size_t j = 0; (s = gp__evref_source(g, &ev[k], j)); j++) {
				gp__cite_set_add(&cs, s);
			}
		}
	}
	return gp__cite_set_take(&cs);
}

int gp__gv_graph(gp_gv v[GP_GK_N], const gp_graph *g)
{
	v[GP_GK_GEOPOL] = num(1);
	v[GP_GK_KIND] = str("graph");
	v[GP_GK_LEVEL] = str(gp_graph_level(g) == GP_LEVEL_COUNTRY ? "country" : "actor");
	v[GP_GK_TITLE] = str(gp_dataset_title(gp_graph_dataset(g)));
	double error;
	uint32_t pivots = gp_graph_betweenness_pivots(g, &error);
	v[GP_GK_PIVOTS] = num(pivots);
	v[GP_GK_SEED] = num((double)BETWEENNESS_SEED);
	v[GP_GK_ERROR] = num(error);
	v[GP_GK_PIVOTS].none = v[GP_GK_SEED].none = v[GP_GK_ERROR].none = pivots == 0;
	v[GP_GK_CITATIONS] = num(0);
	v[GP_GK_CITATIONS].json = citations(g);
	return v[GP_GK_CITATIONS].json ? GP_OK : GP_ENOMEM;
}

void gp__gv_node(gp_gv v[GP_NK_N], const gp_graph *g, size_t i)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	const gp_node *nd = gp_graph_node(g, i);
	const gp_actor *a = gp_dataset_actor(ds, nd->actor);
	v[GP_NK_ID] = str(a->id);
	v[GP_NK_LABEL] = str(a->name);
	v[GP_NK_KIND] = str(gp_actor_kind_name(a->kind));
	v[GP_NK_COUNTRY] =
		str(nd->country == GP_NONE ? NULL : gp_dataset_actor(ds, nd->country)->id);
	v[GP_NK_EVENTS] = num(nd->events);
	v[GP_NK_SELF_EVENTS] = num(nd->self_events);
	v[GP_NK_IN_DEGREE] = num(nd->in_degree);
	v[GP_NK_OUT_DEGREE] = num(nd->out_degree);
	v[GP_NK_STRENGTH] = num(nd->strength);
	v[GP_NK_STRENGTH_COOP] = num(nd->strength_cooperation);
	v[GP_NK_STRENGTH_CONF] = num(nd->strength_conflict);
	v[GP_NK_PAGERANK] = num(nd->pagerank);
	v[GP_NK_BETWEENNESS] = num(nd->betweenness);
	v[GP_NK_COMMUNITY] = num(nd->community);
	v[GP_NK_ROLE] = str(a->role);
}

/* An edge bound: an event start, as the timeline writes it; none when open. */
static gp_gv bound(int64_t t, int prec, char buf[32])
{
	if (t == GP_TIME_MIN || t == GP_TIME_MAX) {
		return str(NULL);
	}
	return str(gp_time_format(t, gp_bound_has_time(t, prec, 0), buf));
}

int gp__gv_edge(gp_gv v[GP_EK_N], const gp_graph *g, size_t i, gp_gv_scratch *sc)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	const gp_edge *e = gp_graph_edge(g, i);
	if (sc->ids_cap < e->n_events) {
		char *ids = realloc(sc->ids, (size_t)e->n_events * GP_EVENT_ID_MAX);
		if (!ids) {
			return GP_ENOMEM;
		}
		sc->ids = ids, sc->ids_cap = e->n_events;
	}
	cJSON *types = cJSON_CreateObject(), *events = cJSON_CreateArray(),
	      *statuses = cJSON_CreateObject(), *sources = cJSON_CreateArray();
	int bad = !types || !events || !statuses || !sources;
	/* In the order DESIGN's extension lists them: confirmed first. */
	static const int by_firmness[] = { GP_STATUS_CONFIRMED, GP_STATUS_REPORTED,
					   GP_STATUS_CLAIMED, GP_STATUS_DENIED, GP_STATUS_PLANNED };
	for (size_t k = 0; !bad && k < GP_STATUS_COUNT; k++) {
		uint32_t c = gp_graph_edge_status_count(g, e, by_firmness[k]);
		bad |= c ? gp__json_add_cs(statuses, gp_status_name(by_firmness[k]),
					   gp__json_num(c))
			 : 0;
	}
	const gp_type_count *tc = gp_graph_edge_types(g, e);
	for (uint32_t k = 0; !bad && k < e->n_types; k++) {
		bad |= gp__json_add_cs(types, gp_dataset_type(ds, tc[k].type)->name,
				       gp__json_num(tc[k].count));
	}
	const gp_evref *ev = gp__edge_events(g, e);
	for (uint32_t k = 0; !bad && k < e->n_events; k++) {
		char *buf = sc->ids + (size_t)k * GP_EVENT_ID_MAX;
		bad |= gp__json_push(events, cJSON_CreateStringReference(gp__evref_id(
						     g, &ev[k], buf, GP_EVENT_ID_MAX)));
	}
	const char **src = NULL;
	size_t ns = 0;
	bad |= bad ? 0 : gp_graph_edge_sources(&src, &ns, g, e) != GP_OK;
	for (size_t k = 0; !bad && k < ns; k++) {
		bad |= gp__json_push(sources, cJSON_CreateStringReference(src[k]));
	}
	free(src);
	if (bad) {
		cJSON_Delete(types), cJSON_Delete(events), cJSON_Delete(statuses),
			cJSON_Delete(sources);
		return GP_ENOMEM;
	}
	v[GP_EK_SOURCE] = str(actor_id(g, e->source));
	v[GP_EK_TARGET] = str(actor_id(g, e->target));
	v[GP_EK_DIRECTED] = num(e->directed != 0);
	v[GP_EK_COUNT] = num(e->count);
	v[GP_EK_WEIGHT] = num(e->weight);
	v[GP_EK_COOP] = num(e->cooperation);
	v[GP_EK_CONF] = num(e->conflict);
	v[GP_EK_COUNT_COOP] = num(e->count_cooperation);
	v[GP_EK_COUNT_CONF] = num(e->count_conflict);
	v[GP_EK_TYPES] = num(0), v[GP_EK_TYPES].json = types;
	v[GP_EK_FIRST] = bound(e->first, e->first_prec, sc->bound[0]);
	v[GP_EK_LAST] = bound(e->last, e->last_prec, sc->bound[1]);
	v[GP_EK_EVENTS] = num(0), v[GP_EK_EVENTS].json = events;
	v[GP_EK_SOURCES] = num(0), v[GP_EK_SOURCES].json = sources;
	v[GP_EK_EVENTS_MORE] = num(e->count - e->n_events);
	v[GP_EK_EVENTS_MORE].none = e->count == e->n_events;
	v[GP_EK_STATUSES] = num(0), v[GP_EK_STATUSES].json = statuses;
	return GP_OK;
}

void gp__gv_release(gp_gv *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cJSON_Delete(v[i].json);
		v[i].json = NULL;
	}
}

static cJSON *gv_json(gp_gv *v, gp_gv_type type)
{
	cJSON *item;
	if (v->none) {
		return cJSON_CreateNull();
	}
	switch (type) {
	case GP_GV_STRING: return cJSON_CreateStringReference(v->s);
	case GP_GV_BOOL: return cJSON_CreateBool(v->x != 0);
	case GP_GV_JSON: item = v->json, v->json = NULL; return item;
	default: return gp__json_num(v->x);
	}
}

int gp__gv_add(cJSON *obj, const gp_gv_key *keys, gp_gv *v, size_t from, size_t to)
{
	int bad = 0;
	for (size_t i = from; !bad && i < to; i++) {
		if (!(v[i].none && keys[i].optional)) {
			bad |= gp__json_add_cs(obj, keys[i].key, gv_json(&v[i], keys[i].type));
		}
	}
	return bad ? -1 : 0;
}

const char *gp__gv_number(double x, char buf[32])
{
	if (gp__json_number_text(x, buf)) {
		return buf;
	}
	/*
	 * As cJSON prints a number: 15 digits when they read back as x within
	 * its tolerance (a relative DBL_EPSILON), else 17. The same text as
	 * graph.json, so that each format reads the same double.
	 */
	gp__snprintf_c(buf, 32, "%1.15g", x);
	double y = gp__strtod_c(buf, NULL), big = fabs(x) > fabs(y) ? fabs(x) : fabs(y);
	if (!(fabs(x - y) <= big * DBL_EPSILON)) {
		gp__snprintf_c(buf, 32, "%1.17g", x);
	}
	return buf;
}

const char *gp__gv_text(const gp_gv *v, gp_gv_type type, gp_gv_scratch *sc)
{
	switch (type) {
	case GP_GV_STRING: return v->s;
	case GP_GV_BOOL: return v->x != 0 ? "true" : "false";
	case GP_GV_JSON: return gp__json_print_buf(v->json, &sc->print);
	default: return gp__gv_number(v->x, sc->num);
	}
}

int gp__gv_stream_lists(FILE *fp, const gp_graph *g, const char *within, const char *edges,
			gp_gv_maker node, gp_gv_maker edge, int form)
{
	return gp__gv_stream_some(fp, g, within, edges, node, edge, form, NULL, NULL);
}

int gp__gv_stream_some(FILE *fp, const gp_graph *g, const char *within, const char *edges,
		       gp_gv_maker node, gp_gv_maker edge, int form, const uint8_t *node_keep,
		       const uint8_t *edge_keep)
{
	/* A node or edge at a time: a graph of GDELT has millions of event ids.
	 * A failed write (a full disk, a reader gone) ends the lists. */
	gp_gv_scratch sc;
	memset(&sc, 0, sizeof(sc));
	int rc = GP_OK;
	if (within) {
		gp__json_stream_object(fp, within);
		gp__json_stream_first_list(fp, "nodes");
	} else {
		gp__json_stream_list(fp, "nodes");
	}
	size_t put = 0;
	for (size_t i = 0; rc == GP_OK && i < gp_graph_node_count(g) && !ferror(fp); i++) {
		if (!node_keep || node_keep[i]) {
			rc = gp__json_stream_item_buf(fp, node(g, i, form, &sc), put++ == 0,
						      &sc.print)
				     ? GP_ENOMEM
				     : GP_OK;
		}
	}
	gp__json_stream_end_list(fp);
	gp__json_stream_list(fp, edges);
	/* Sources left in files, read an edge window at a time (of the edges written). */
	gp_sources_window win = { .edge_mask = edge_keep };
	put = 0;
	for (size_t i = 0; rc == GP_OK && i < gp_graph_edge_count(g) && !ferror(fp); i++) {
		if (edge_keep && !edge_keep[i]) {
			continue;
		}
		if ((rc = gp__sources_window_at(&win, g, i)) == GP_OK) {
			rc = gp__json_stream_item_buf(fp, edge(g, i, form, &sc), put++ == 0,
						      &sc.print)
				     ? GP_ENOMEM
				     : GP_OK;
		}
	}
	gp__sources_window_end(&win);
	gp__gv_scratch_free(&sc);
	if (rc != GP_OK) {
		return rc;
	}
	gp__json_stream_end_list(fp);
	if (within) {
		gp__json_stream_end(fp);
	}
	gp__json_stream_end(fp);
	return ferror(fp) ? GP_EIO : GP_OK;
}
