/*
 * diff.c - gp_diff_build: what changed between two sets of events
 * (docs/diff.md). Events are matched by id and compared field by field;
 * edges by (source id, target id, directed), nodes by id, so the two sides
 * may come from different datasets, whose indexes mean nothing to each
 * other. The writers are in diff_write.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dataset_impl.h"
#include "diff_impl.h"

static const char *const field_names[GP_FIELD_COUNT] = {
	"type",   "title",      "date",   "source",  "target",  "participants", "about",
	"status", "confidence", "weight", "summary", "sources", "links",        "attributes"
};

const char *gp_diff_field_name(int field)
{
	return field >= 0 && field < GP_FIELD_COUNT ? field_names[field] : NULL;
}

void gp_diff_split(gp_filter *before, gp_filter *after, const gp_filter *f, int64_t at)
{
	gp_filter none = GP_FILTER_INIT;
	*before = *after = f ? *f : none;
	/* --to the day before: starts on or before the last second before `at`. */
	int64_t last = at == GP_TIME_MIN ? GP_TIME_MIN : at - 1;
	if (!before->has_to || before->to > last) {
		before->has_to = 1, before->to = last;
	}
	if (!after->has_from || after->from < at) {
		after->has_from = 1, after->from = at;
	}
}

/* ------------------------------------------------------------ the events */

const char *gp__diff_edtf(const gp_event *ev, char buf[GP_DIFF_EDTF_MAX])
{
	if (ev->edtf) {
		return ev->edtf;
	}
	gp_date_format_edtf(&ev->date, buf, GP_DIFF_EDTF_MAX);
	return buf;
}

const char *gp__diff_type_name(const gp_dataset *ds, const gp_event *ev)
{
	return ev->type == GP_NONE ? "" : gp_dataset_type(ds, ev->type)->name;
}

/* Scratch lists for comparing lists as sets, kept across events. */
typedef GP_VEC(const char *) strvec;
typedef struct {
	strvec a, b;
} scratch;

/* qsort, but never on an empty list's NULL (undefined behaviour, however harmless). */
static void sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1) {
		qsort(v, n, size, cmp);
	}
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sort v[0..n) and drop repeats; the count left. */
static size_t sort_unique(const char **v, size_t n)
{
	size_t k = 0;
	sort(v, n, sizeof(*v), str_cmp);
	for (size_t i = 0; i < n; i++) {
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0) {
			v[k++] = v[i];
		}
	}
	return k;
}

/* Are the sets sc->a[0..na) and sc->b[0..nb) the same? */
static int same_sets(scratch *sc)
{
	size_t na = sort_unique(sc->a.v, sc->a.n), nb = sort_unique(sc->b.v, sc->b.n);
	if (na != nb) {
		return 0;
	}
	for (size_t i = 0; i < na; i++) {
		if (strcmp(sc->a.v[i], sc->b.v[i]) != 0) {
			return 0;
		}
	}
	return 1;
}

/* An event's list (an actor role, its sources, its links) as strings into v; -1 out of memory. */
static int list_of(strvec *v, gp_sbuf *links, const gp_dataset *ds, const gp_event *ev, int what)
{
	v->n = 0;
	if (what < GP_ROLE_COUNT) {
		const gp_index *a = gp_dataset_event_actors(ds, ev, (gp_role)what);
		for (size_t i = 0; i < ev->n_actors[what]; i++) {
			if (GP_VEC_PUSH(*v, gp_dataset_actor(ds, a[i])->id)) {
				return -1;
			}
		}
		return 0;
	}
	if (what == GP_ROLE_COUNT) {
		const char *const *s = gp_dataset_event_sources(ds, ev);
		for (size_t i = 0; i < ev->n_sources; i++) {
			if (GP_VEC_PUSH(*v, s[i])) {
				return -1;
			}
		}
		return 0;
	}
	/* Links as "rel event" texts in one buffer, NUL-separated; pointers set once it is full. */
	const gp_link *l = gp_dataset_event_links(ds, ev);
	links->n = 0;
	for (size_t i = 0; i < ev->n_links; i++) {
		gp__sb_puts(links, l[i].rel);
		gp__sb_add(links, " ", 1);
		gp__sb_puts(links,
			    l[i].event == GP_NONE ? "" : gp_dataset_event(ds, l[i].event)->id);
		gp__sb_add(links, "", 1); /* the NUL, kept in the buffer */
	}
	if (links->oom) {
		return -1;
	}
	for (size_t i = 0, at = 0; i < ev->n_links; i++) {
		if (GP_VEC_PUSH(*v, links->s + at)) {
			return -1;
		}
		at += strlen(links->s + at) + 1;
	}
	return 0;
}

/* Do the lists `what` (a role, GP_ROLE_COUNT sources, +1 links) differ? 1, 0, or -1 out of memory. */
static int lists_differ(scratch *sc, const gp_dataset *da, const gp_event *ea, const gp_dataset *db,
			const gp_event *eb, int what)
{
	gp_sbuf la = { 0 }, lb = { 0 };
	int rc = -1;
	if (list_of(&sc->a, &la, da, ea, what) == 0 && list_of(&sc->b, &lb, db, eb, what) == 0) {
		rc = !same_sets(sc);
	}
	free(la.s);
	free(lb.s);
	return rc;
}

static int str_differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

/* Attributes as JSON values (an object's keys in any order): 1, 0, or -1 out of memory. */
static int attributes_differ(const char *a, const char *b)
{
	a = a ? a : "{}";
	b = b ? b : "{}";
	if (strcmp(a, b) == 0) {
		return 0;
	}
	/* Checked when loaded: a parse that fails ran out of memory. */
	cJSON *ja = cJSON_Parse(a), *jb = ja ? cJSON_Parse(b) : NULL;
	int rc = ja && jb ? !cJSON_Compare(ja, jb, 1) : -1;
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	return rc;
}

/* The fields (1 << gp_diff_field) in which two events differ into *out; GP_OK or GP_ENOMEM. */
static int compare_events(uint32_t *out, scratch *sc, const gp_dataset *da, const gp_event *ea,
			  const gp_dataset *db, const gp_event *eb)
{
	char ba[GP_DIFF_EDTF_MAX], bb[GP_DIFF_EDTF_MAX];
	uint32_t f = 0;
	int r;
	f |= (uint32_t)(strcmp(gp__diff_type_name(da, ea), gp__diff_type_name(db, eb)) != 0)
	     << GP_FIELD_TYPE;
	f |= (uint32_t)str_differ(ea->title, eb->title) << GP_FIELD_TITLE;
	f |= (uint32_t)(strcmp(gp__diff_edtf(ea, ba), gp__diff_edtf(eb, bb)) != 0) << GP_FIELD_DATE;
	for (int role = 0; role < GP_ROLE_COUNT; role++) {
		if ((r = lists_differ(sc, da, ea, db, eb, role)) < 0) {
			return GP_ENOMEM;
		}
		f |= (uint32_t)r << (GP_FIELD_SOURCE + role);
	}
	f |= (uint32_t)(ea->status != eb->status) << GP_FIELD_STATUS;
	f |= (uint32_t)(ea->reliability != eb->reliability || ea->credibility != eb->credibility)
	     << GP_FIELD_CONFIDENCE;
	f |= (uint32_t)(ea->weight != eb->weight) << GP_FIELD_WEIGHT;
	f |= (uint32_t)str_differ(ea->summary, eb->summary) << GP_FIELD_SUMMARY;
	if ((r = lists_differ(sc, da, ea, db, eb, GP_ROLE_COUNT)) < 0) {
		return GP_ENOMEM;
	}
	f |= (uint32_t)r << GP_FIELD_SOURCES;
	if ((r = lists_differ(sc, da, ea, db, eb, GP_ROLE_COUNT + 1)) < 0) {
		return GP_ENOMEM;
	}
	f |= (uint32_t)r << GP_FIELD_LINKS;
	if ((r = attributes_differ(ea->attributes, eb->attributes)) < 0) {
		return GP_ENOMEM;
	}
	f |= (uint32_t)r << GP_FIELD_ATTRIBUTES;
	*out = f;
	return GP_OK;
}

/* Each selected event's id -> its index, for matching the other side's. */
static int id_map(gp_strmap *m, const gp_dataset *ds, const gp_index *order, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *id = gp_dataset_event(ds, order[i])->id;
		if (gp__strmap_put(m, id, strlen(id), order[i])) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/* The events of both sides matched and compared: removed, added, changed. */
static int diff_events(gp_diff *d, const gp_index *const ord[2], const size_t n[2])
{
	gp_strmap map[2] = { { 0 } };
	scratch sc = { { 0 }, { 0 } };
	int rc = id_map(&map[0], d->ds[0], ord[0], n[0]);
	if (rc == GP_OK) {
		rc = id_map(&map[1], d->ds[1], ord[1], n[1]);
	}
	for (size_t i = 0; rc == GP_OK && i < n[0]; i++) {
		const char *id = gp_dataset_event(d->ds[0], ord[0][i])->id;
		gp_diff_event e = { ord[0][i], GP_NONE, 0 };
		if (gp__strmap_get(&map[1], id, strlen(id)) == GP_NONE &&
		    GP_VEC_PUSH(d->ev[GP_DIFF_REMOVED], e)) {
			rc = GP_ENOMEM;
		}
	}
	for (size_t i = 0; rc == GP_OK && i < n[1]; i++) {
		const gp_event *ev = gp_dataset_event(d->ds[1], ord[1][i]);
		gp_diff_event e = { gp__strmap_get(&map[0], ev->id, strlen(ev->id)), ord[1][i], 0 };
		gp_diff_kind kind = GP_DIFF_ADDED;
		if (e.old_event != GP_NONE) {
			/* Split at a date, both sides hold the very same event. */
			if (!(d->ds[0] == d->ds[1] && e.old_event == e.new_event)) {
				rc = compare_events(&e.fields, &sc, d->ds[0],
						    gp_dataset_event(d->ds[0], e.old_event),
						    d->ds[1], ev);
			}
			kind = GP_DIFF_CHANGED;
		}
		if (rc == GP_OK && kind == GP_DIFF_CHANGED && !e.fields) {
			d->unchanged++;
		} else if (rc == GP_OK && GP_VEC_PUSH(d->ev[kind], e)) {
			rc = GP_ENOMEM;
		}
	}
	gp__strmap_release(&map[0]);
	gp__strmap_release(&map[1]);
	GP_VEC_FREE(sc.a);
	GP_VEC_FREE(sc.b);
	return rc;
}

/* ----------------------------------------------------- edges and nodes */

/* One side's graph as the diff keeps it: edges and nodes by their ids. */
typedef struct {
	gp_diff_edge *e; /* old_* fields hold this side's values */
	size_t ne;
	gp_diff_move *v; /* old_value: PageRank, new_value: betweenness */
	size_t nv;
} side_graph;

static int edge_key_cmp(const gp_diff_edge *x, const gp_diff_edge *y)
{
	int c = strcmp(x->source, y->source);
	if (c == 0) {
		c = strcmp(x->target, y->target);
	}
	return c ? c : x->directed - y->directed;
}

static int edge_key_qcmp(const void *x, const void *y)
{
	return edge_key_cmp(x, y);
}

static int node_qcmp(const void *x, const void *y)
{
	return strcmp(((const gp_diff_move *)x)->id, ((const gp_diff_move *)y)->id);
}

static const char *node_id(const gp_graph *g, uint32_t i)
{
	return gp_dataset_actor(gp_graph_dataset(g), gp_graph_node(g, i)->actor)->id;
}

/* Build one side's graph and keep what the diff needs; the graph is freed at once. */
static int side_of(side_graph *s, const gp_dataset *ds, const gp_filter *f,
		   const gp_diff_options *o)
{
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	gp_graph *g = NULL;
	go.level = o->level;
	go.filter = f;
	go.min_count = o->min_count;
	go.max_event_ids = 1; /* only counts and weights are compared */
	int rc = gp_graph_build(&g, ds, &go);
	if (rc != GP_OK) {
		return rc;
	}
	s->ne = gp_graph_edge_count(g);
	s->nv = gp_graph_node_count(g);
	s->e = calloc(s->ne ? s->ne : 1, sizeof(*s->e));
	s->v = calloc(s->nv ? s->nv : 1, sizeof(*s->v));
	if (!s->e || !s->v) {
		gp_graph_free(g);
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < s->ne; i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		s->e[i] = (gp_diff_edge){ node_id(g, e->source),
					  node_id(g, e->target),
					  e->directed,
					  e->count,
					  0,
					  e->weight,
					  0 };
	}
	for (size_t i = 0; i < s->nv; i++) {
		const gp_node *n = gp_graph_node(g, (uint32_t)i);
		s->v[i] = (gp_diff_move){ node_id(g, (uint32_t)i),
					  gp_dataset_actor(ds, n->actor)->name, n->pagerank,
					  n->betweenness };
	}
	gp_graph_free(g);
	sort(s->e, s->ne, sizeof(*s->e), edge_key_qcmp);
	sort(s->v, s->nv, sizeof(*s->v), node_qcmp);
	return GP_OK;
}

static int sign_of(double w)
{
	return (w > 0) - (w < 0);
}

/* The edges of both sides walked in key order: appeared, disappeared, changed. */
static int diff_edges(gp_diff *d, const side_graph *a, const side_graph *b)
{
	size_t i = 0, j = 0;
	while (i < a->ne || j < b->ne) {
		int c = i == a->ne ? 1 : j == b->ne ? -1 : edge_key_cmp(&a->e[i], &b->e[j]);
		gp_diff_edge e = c <= 0 ? a->e[i] : b->e[j];
		e.old_count = c <= 0 ? a->e[i].old_count : 0;
		e.old_weight = c <= 0 ? a->e[i].old_weight : 0;
		e.new_count = c >= 0 ? b->e[j].old_count : 0;
		e.new_weight = c >= 0 ? b->e[j].old_weight : 0;
		gp_diff_kind kind = c < 0   ? GP_DIFF_REMOVED
				    : c > 0 ? GP_DIFF_ADDED
					    : GP_DIFF_CHANGED;
		i += c <= 0;
		j += c >= 0;
		if (kind == GP_DIFF_CHANGED && e.old_count == e.new_count &&
		    sign_of(e.old_weight) == sign_of(e.new_weight)) {
			continue;
		}
		if (GP_VEC_PUSH(d->edge[kind], e)) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/* The largest changes first: |count change|, |weight change|, then the key. */
static int edge_change_qcmp(const void *x, const void *y)
{
	const gp_diff_edge *a = x, *b = y;
	double ca = fabs((double)a->new_count - (double)a->old_count);
	double cb = fabs((double)b->new_count - (double)b->old_count);
	if (ca != cb) {
		return ca < cb ? 1 : -1;
	}
	double wa = fabs(a->new_weight - a->old_weight), wb = fabs(b->new_weight - b->old_weight);
	if (wa != wb) {
		return wa < wb ? 1 : -1;
	}
	return edge_key_cmp(a, b);
}

static int move_qcmp(const void *x, const void *y)
{
	const gp_diff_move *a = x, *b = y;
	double da = fabs(a->new_value - a->old_value), db = fabs(b->new_value - b->old_value);
	if (da != db) {
		return da < db ? 1 : -1;
	}
	return strcmp(a->id, b->id);
}

/* Nodes of both sides walked in id order: each measure's moves, the largest `top` kept. */
static int diff_nodes(gp_diff *d, const side_graph *a, const side_graph *b)
{
	size_t i = 0, j = 0;
	while (i < a->nv || j < b->nv) {
		int c = i == a->nv ? 1 : j == b->nv ? -1 : strcmp(a->v[i].id, b->v[j].id);
		const gp_diff_move *x = c <= 0 ? &a->v[i] : NULL, *y = c >= 0 ? &b->v[j] : NULL;
		i += c <= 0;
		j += c >= 0;
		for (int m = 0; m < GP_MEASURE_COUNT; m++) {
			gp_diff_move mv = { y ? y->id : x->id, y ? y->label : x->label, 0, 0 };
			mv.old_value = x ? (m == 0 ? x->old_value : x->new_value) : 0;
			mv.new_value = y ? (m == 0 ? y->old_value : y->new_value) : 0;
			if (mv.old_value != mv.new_value && GP_VEC_PUSH(d->move[m], mv)) {
				return GP_ENOMEM;
			}
		}
	}
	for (int m = 0; m < GP_MEASURE_COUNT; m++) {
		sort(d->move[m].v, d->move[m].n, sizeof(gp_diff_move), move_qcmp);
		if (d->top && d->move[m].n > d->top) {
			d->move[m].n = d->top;
		}
	}
	return GP_OK;
}

static int diff_graphs(gp_diff *d, const gp_filter *const f[2], const gp_diff_options *o)
{
	side_graph s[2] = { { 0 }, { 0 } };
	int rc = side_of(&s[0], d->ds[0], f[0], o);
	if (rc == GP_OK) {
		rc = side_of(&s[1], d->ds[1], f[1], o);
	}
	if (rc == GP_OK) {
		for (int k = 0; k < 2; k++) {
			d->n_nodes[k] = s[k].nv;
			d->n_edges[k] = s[k].ne;
		}
		rc = diff_edges(d, &s[0], &s[1]);
	}
	if (rc == GP_OK) {
		rc = diff_nodes(d, &s[0], &s[1]);
	}
	for (int k = 0; k < GP_DIFF_KIND_COUNT; k++) {
		sort(d->edge[k].v, d->edge[k].n, sizeof(gp_diff_edge), edge_change_qcmp);
	}
	for (int k = 0; k < 2; k++) {
		free(s[k].e);
		free(s[k].v);
	}
	return rc;
}

/* ------------------------------------------------------------- the diff */

int gp_diff_build(gp_diff **out, const gp_dataset *old_ds, const gp_filter *old_f,
		  const gp_dataset *new_ds, const gp_filter *new_f, const gp_diff_options *opts)
{
	gp_diff_options def = GP_DIFF_OPTIONS_INIT;
	const gp_diff_options *o = opts ? opts : &def;
	*out = NULL;
	if (old_ds->rows.n || old_ds->brief_events || new_ds->rows.n || new_ds->brief_events) {
		return GP_EINVALID;
	}
	gp_diff *d = calloc(1, sizeof(*d));
	if (!d) {
		return GP_ENOMEM;
	}
	d->ds[0] = old_ds;
	d->ds[1] = new_ds;
	d->top = o->top;
	d->level = o->level;
	gp_index *ord[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 };
	const gp_filter *f[2] = { old_f, new_f };
	int rc = GP_OK;
	for (int k = 0; rc == GP_OK && k < 2; k++) {
		rc = gp_timeline_build(&ord[k], &n[k], d->ds[k], f[k]);
		d->n_events[k] = n[k];
	}
	if (rc == GP_OK) {
		rc = diff_events(d, (const gp_index *const *)ord, n);
	}
	free(ord[0]);
	free(ord[1]);
	if (rc == GP_OK) {
		rc = diff_graphs(d, f, o);
	}
	if (rc != GP_OK) {
		gp_diff_free(d);
		return rc;
	}
	*out = d;
	return GP_OK;
}

void gp_diff_free(gp_diff *d)
{
	if (!d) {
		return;
	}
	for (int k = 0; k < GP_DIFF_KIND_COUNT; k++) {
		GP_VEC_FREE(d->ev[k]);
		GP_VEC_FREE(d->edge[k]);
	}
	for (int m = 0; m < GP_MEASURE_COUNT; m++) {
		GP_VEC_FREE(d->move[m]);
	}
	free(d);
}

/* -------------------------------------------------------------- getters */

size_t gp_diff_old_events(const gp_diff *d)
{
	return d->n_events[0];
}
size_t gp_diff_new_events(const gp_diff *d)
{
	return d->n_events[1];
}
size_t gp_diff_unchanged_events(const gp_diff *d)
{
	return d->unchanged;
}
size_t gp_diff_old_nodes(const gp_diff *d)
{
	return d->n_nodes[0];
}
size_t gp_diff_new_nodes(const gp_diff *d)
{
	return d->n_nodes[1];
}
size_t gp_diff_old_edges(const gp_diff *d)
{
	return d->n_edges[0];
}
size_t gp_diff_new_edges(const gp_diff *d)
{
	return d->n_edges[1];
}

size_t gp_diff_event_count(const gp_diff *d, gp_diff_kind kind)
{
	return kind < GP_DIFF_KIND_COUNT ? d->ev[kind].n : 0;
}
const gp_diff_event *gp_diff_event_at(const gp_diff *d, gp_diff_kind kind, size_t i)
{
	return kind < GP_DIFF_KIND_COUNT && i < d->ev[kind].n ? &d->ev[kind].v[i] : NULL;
}
size_t gp_diff_edge_count(const gp_diff *d, gp_diff_kind kind)
{
	return kind < GP_DIFF_KIND_COUNT ? d->edge[kind].n : 0;
}
const gp_diff_edge *gp_diff_edge_at(const gp_diff *d, gp_diff_kind kind, size_t i)
{
	return kind < GP_DIFF_KIND_COUNT && i < d->edge[kind].n ? &d->edge[kind].v[i] : NULL;
}
size_t gp_diff_move_count(const gp_diff *d, gp_measure measure)
{
	return measure < GP_MEASURE_COUNT ? d->move[measure].n : 0;
}
const gp_diff_move *gp_diff_move_at(const gp_diff *d, gp_measure measure, size_t i)
{
	return measure < GP_MEASURE_COUNT && i < d->move[measure].n ? &d->move[measure].v[i] : NULL;
}

int gp_diff_any(const gp_diff *d)
{
	for (int k = 0; k < GP_DIFF_KIND_COUNT; k++) {
		if (d->ev[k].n || d->edge[k].n) {
			return 1;
		}
	}
	return d->move[0].n || d->move[1].n;
}
