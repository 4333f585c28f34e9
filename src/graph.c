/*
 * graph.c - building the relationship graph (DESIGN §4) and its analytics.
 * The only file that includes igraph.h: every igraph call is here.
 *
 * Aggregation is the graph's own work (per endpoint pair and directedness,
 * an event counted once per edge); igraph receives the aggregated graph
 * seen as the simple directed graph of DESIGN §4 and computes degrees,
 * PageRank, betweenness, strength and communities.
 */
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geopol/graph.h"
#include "internal.h"

struct gp_graph {
	const gp_dataset *ds;
	int level;
	gp_node *nodes;
	size_t nn;
	gp_edge *edges;
	size_t ne;
	gp_type_count *types;
	gp_index *events;
	uint32_t *node_of_actor; /* actor -> node, GP_NONE when absent */
};

/* ------------------------------------------------------------- igraph errors */

static char igraph_reason[256];

/* igraph's default handler aborts: ours records the reason and returns. */
static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
	(void)file;
	(void)line;
	snprintf(igraph_reason, sizeof(igraph_reason), "%s (%s)", reason, igraph_strerror(code));
	IGRAPH_FINALLY_FREE();
}

const char *gp_graph_last_error(void)
{
	return igraph_reason;
}

static void igraph_setup(void)
{
	igraph_set_error_handler(on_igraph_error);
	igraph_set_warning_handler(igraph_warning_handler_ignore);
	igraph_reason[0] = '\0';
}

/* ---------------------------------------------------------------- getters */

const gp_dataset *gp_graph_dataset(const gp_graph *g) { return g->ds; }
int gp_graph_level(const gp_graph *g) { return g->level; }
size_t gp_graph_node_count(const gp_graph *g) { return g->nn; }
size_t gp_graph_edge_count(const gp_graph *g) { return g->ne; }

const gp_node *gp_graph_node(const gp_graph *g, size_t i)
{
	return i < g->nn ? &g->nodes[i] : NULL;
}

const gp_edge *gp_graph_edge(const gp_graph *g, size_t i)
{
	return i < g->ne ? &g->edges[i] : NULL;
}

uint32_t gp_graph_find_node(const gp_graph *g, gp_index actor)
{
	return actor < gp_dataset_actor_count(g->ds) ? g->node_of_actor[actor] : GP_NONE;
}

const gp_type_count *gp_graph_edge_types(const gp_graph *g, const gp_edge *e)
{
	return g->types + e->type_off;
}

const gp_index *gp_graph_edge_events(const gp_graph *g, const gp_edge *e)
{
	return g->events + e->event_off;
}

void gp_graph_free(gp_graph *g)
{
	if (!g) {
		return;
	}
	free(g->nodes);
	free(g->edges);
	free(g->types);
	free(g->events);
	free(g->node_of_actor);
	free(g);
}

/* ----------------------------------------------------------------- mapping */

gp_index gp_graph_map_actor(const gp_dataset *ds, gp_index actor, int level, int64_t t)
{
	if (level != GP_LEVEL_COUNTRY) {
		return actor;
	}
	gp_index cur = actor;
	/* part_of has no cycles once loaded; the bound only guards the loop. */
	for (size_t steps = 0; steps <= gp_dataset_actor_count(ds); steps++) {
		const gp_actor *a = gp_dataset_actor(ds, cur);
		if (a->kind == GP_KIND_COUNTRY) {
			return cur;
		}
		const gp_membership *m = gp_dataset_actor_part_of(ds, a);
		gp_index next = GP_NONE;
		for (uint32_t k = 0; k < a->n_members && next == GP_NONE; k++) {
			if (t == GP_TIME_MIN || (m[k].from <= t && t <= m[k].to)) {
				next = m[k].actor;
			}
		}
		if (next == GP_NONE) {
			return actor; /* the chain stops: no country ancestor */
		}
		cur = next;
	}
	return actor;
}

/* ------------------------------------------------------------ aggregation */

/* Open-addressing map from a 64-bit key to a slot number. */
typedef struct {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;
} u64map;

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* Find key; insert it with value `ins` when absent. Returns the value or GP_NONE on ENOMEM. */
static uint32_t u64map_get_or_put(u64map *m, uint64_t key, uint32_t ins)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		uint64_t *keys = malloc(cap * sizeof(*keys));
		uint32_t *vals = malloc(cap * sizeof(*vals));
		if (!keys || !vals) {
			free(keys), free(vals);
			return GP_NONE;
		}
		memset(vals, 0xff, cap * sizeof(*vals));
		for (size_t i = 0; i < m->cap; i++) {
			if (m->vals[i] != GP_NONE) {
				size_t j = mix64(m->keys[i]) & (cap - 1);
				while (vals[j] != GP_NONE) {
					j = (j + 1) & (cap - 1);
				}
				keys[j] = m->keys[i];
				vals[j] = m->vals[i];
			}
		}
		free(m->keys), free(m->vals);
		m->keys = keys, m->vals = vals, m->cap = cap;
	}
	size_t j = mix64(key) & (m->cap - 1);
	while (m->vals[j] != GP_NONE) {
		if (m->keys[j] == key) {
			return m->vals[j];
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = ins;
	m->n++;
	return ins;
}

static void u64map_release(u64map *m)
{
	free(m->keys), free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* An edge while aggregating: endpoints are actor indexes. */
typedef struct {
	gp_index a, b;
	int directed;
	uint32_t count;
	double weight;
	int64_t first, last;
	gp_index last_event; /* counts an event once per edge */
	uint32_t ev_head, ev_tail; /* list of events, through ev_next */
} agg_edge;

typedef struct {
	gp_index event;
	uint32_t next;
} ev_link;

typedef struct {
	uint32_t edge;
	gp_index type;
	uint32_t count;
} type_cell;

typedef struct {
	const gp_dataset *ds;
	GP_VEC(agg_edge) edges;
	GP_VEC(ev_link) links;
	GP_VEC(type_cell) types;
	u64map edge_map, type_map;
	/* per actor (mapped): events taken part in, self-loop events, latest event */
	uint32_t *events, *self_events;
	gp_index *last_event, *last_self, *latest;
	int oom;
} builder;

static int id_cmp(const gp_dataset *ds, gp_index a, gp_index b)
{
	return strcmp(gp_dataset_actor(ds, a)->id, gp_dataset_actor(ds, b)->id);
}

static void add_pair(builder *b, gp_index ev_i, const gp_event *ev, gp_index s, gp_index t,
		     int directed)
{
	if (s == t) {
		if (b->last_self[s] != ev_i) {
			b->last_self[s] = ev_i;
			b->self_events[s]++;
		}
		return;
	}
	if (!directed && id_cmp(b->ds, s, t) > 0) {
		gp_index x = s;
		s = t, t = x;
	}
	uint64_t key = ((uint64_t)s << 32 | t) * 2 + (uint64_t)directed;
	/* s and t are below 2^31 in practice; the map compares whole keys. */
	uint32_t slot = u64map_get_or_put(&b->edge_map, key, (uint32_t)b->edges.n);
	if (slot == GP_NONE) {
		b->oom = 1;
		return;
	}
	if (slot == b->edges.n) {
		agg_edge e = { s, t, directed, 0, 0.0, GP_TIME_MAX, GP_TIME_MIN, GP_NONE, GP_NONE, GP_NONE };
		if (GP_VEC_PUSH(b->edges, e)) {
			b->oom = 1;
			return;
		}
	}
	agg_edge *e = &b->edges.v[slot];
	if (e->last_event == ev_i) {
		return; /* this event is on the edge already */
	}
	e->last_event = ev_i;
	e->count++;
	e->weight += ev->weight;
	if (ev->date.start < e->first) {
		e->first = ev->date.start;
	}
	if (ev->date.start > e->last) {
		e->last = ev->date.start;
	}
	ev_link l = { ev_i, GP_NONE };
	if (GP_VEC_PUSH(b->links, l)) {
		b->oom = 1;
		return;
	}
	uint32_t li = (uint32_t)b->links.n - 1;
	if (e->ev_tail == GP_NONE) {
		e->ev_head = li;
	} else {
		b->links.v[e->ev_tail].next = li;
	}
	e->ev_tail = li;
	uint64_t tkey = (uint64_t)slot << 32 | ev->type;
	uint32_t ts = u64map_get_or_put(&b->type_map, tkey, (uint32_t)b->types.n);
	if (ts == GP_NONE) {
		b->oom = 1;
		return;
	}
	if (ts == b->types.n) {
		type_cell c = { slot, ev->type, 0 };
		if (GP_VEC_PUSH(b->types, c)) {
			b->oom = 1;
			return;
		}
	}
	b->types.v[ts].count++;
}

/* Note that a mapped actor takes part in event ev_i (once per event). */
static void take_part(builder *b, gp_index a, gp_index ev_i)
{
	if (b->last_event[a] != ev_i) {
		b->last_event[a] = ev_i;
		b->events[a]++;
		b->latest[a] = ev_i;
	}
}

/* qsort contexts: qsort has none, so the comparisons read these. */
static const gp_dataset *sort_ds;

static int cmp_node(const void *pa, const void *pb)
{
	const gp_node *a = pa, *b = pb;
	return strcmp(gp_dataset_actor(sort_ds, a->actor)->id, gp_dataset_actor(sort_ds, b->actor)->id);
}

static int cmp_edge(const void *pa, const void *pb)
{
	const gp_edge *a = pa, *b = pb;
	if (a->source != b->source) {
		return a->source < b->source ? -1 : 1; /* node order is id order */
	}
	if (a->target != b->target) {
		return a->target < b->target ? -1 : 1;
	}
	return a->directed - b->directed;
}

static int cmp_type_name(const void *pa, const void *pb)
{
	const gp_type_count *a = pa, *b = pb;
	return strcmp(gp_dataset_type(sort_ds, a->type)->name, gp_dataset_type(sort_ds, b->type)->name);
}

static int analyze(gp_graph *g);

int gp_graph_build(gp_graph **out, const gp_dataset *ds, const gp_graph_options *opts)
{
	gp_graph_options defaults = GP_GRAPH_OPTIONS_INIT;
	const gp_graph_options *o = opts ? opts : &defaults;
	size_t na = gp_dataset_actor_count(ds), n_order = 0;
	gp_index *order = NULL;
	builder b;
	gp_graph *g = calloc(1, sizeof(*g));
	int rc = GP_ENOMEM;
	memset(&b, 0, sizeof(b));
	*out = NULL;
	b.ds = ds;
	if (!g) {
		return GP_ENOMEM;
	}
	g->ds = ds;
	g->level = o->level;
	size_t nalloc = na ? na : 1;
	b.events = calloc(nalloc, sizeof(*b.events));
	b.self_events = calloc(nalloc, sizeof(*b.self_events));
	b.last_event = malloc(nalloc * sizeof(*b.last_event));
	b.last_self = malloc(nalloc * sizeof(*b.last_self));
	b.latest = malloc(nalloc * sizeof(*b.latest));
	g->node_of_actor = malloc(nalloc * sizeof(*g->node_of_actor));
	gp_index *mapped = NULL;
	if (!b.events || !b.self_events || !b.last_event || !b.last_self || !b.latest ||
	    !g->node_of_actor) {
		goto done;
	}
	memset(b.last_event, 0xff, nalloc * sizeof(*b.last_event));
	memset(b.last_self, 0xff, nalloc * sizeof(*b.last_self));
	memset(b.latest, 0xff, nalloc * sizeof(*b.latest));
	memset(g->node_of_actor, 0xff, nalloc * sizeof(*g->node_of_actor));
	if ((rc = gp_timeline_build(ds, o->filter, &order, &n_order)) != GP_OK) {
		goto done;
	}
	rc = GP_ENOMEM;
	/* Walk events in timeline order, so that edge event lists come out in it. */
	for (size_t k = 0; k < n_order && !b.oom; k++) {
		gp_index ei = order[k];
		const gp_event *ev = gp_dataset_event(ds, ei);
		const gp_index *act = gp_dataset_event_actors(ds, ev, GP_ROLE_SOURCE);
		size_t ns = ev->n_actors[GP_ROLE_SOURCE], nt = ev->n_actors[GP_ROLE_TARGET];
		size_t np = ev->n_actors[GP_ROLE_PARTICIPANT], nall = ns + nt + np;
		gp_index *m = realloc(mapped, (nall ? nall : 1) * sizeof(*m));
		if (!m) {
			goto done;
		}
		mapped = m;
		for (size_t i = 0; i < nall; i++) {
			mapped[i] = gp_graph_map_actor(ds, act[i], o->level, ev->date.start);
			take_part(&b, mapped[i], ei);
		}
		for (size_t i = 0; i < ns; i++) {
			for (size_t j = 0; j < nt; j++) {
				add_pair(&b, ei, ev, mapped[i], mapped[ns + j], 1);
			}
		}
		for (size_t i = 0; i < np; i++) {
			for (size_t j = i + 1; j < np; j++) {
				add_pair(&b, ei, ev, mapped[ns + nt + i], mapped[ns + nt + j], 0);
			}
		}
	}
	if (b.oom) {
		goto done;
	}
	/* Nodes: every mapped actor that took part in an event, in id order. */
	for (gp_index a = 0; a < na; a++) {
		g->nn += b.events[a] > 0;
	}
	g->nodes = calloc(g->nn ? g->nn : 1, sizeof(*g->nodes));
	if (!g->nodes) {
		goto done;
	}
	size_t k = 0;
	for (gp_index a = 0; a < na; a++) {
		if (!b.events[a]) {
			continue;
		}
		gp_node *nd = &g->nodes[k++];
		nd->actor = a;
		nd->events = b.events[a];
		nd->self_events = b.self_events[a];
		const gp_event *lev = gp_dataset_event(ds, b.latest[a]);
		gp_index c = gp_graph_map_actor(ds, a, GP_LEVEL_COUNTRY, lev->date.start);
		nd->country = gp_dataset_actor(ds, c)->kind == GP_KIND_COUNTRY ? c : GP_NONE;
	}
	sort_ds = ds;
	qsort(g->nodes, g->nn, sizeof(*g->nodes), cmp_node);
	for (size_t i = 0; i < g->nn; i++) {
		g->node_of_actor[g->nodes[i].actor] = (uint32_t)i;
	}
	/* Edges, with --min-count applied, their types and event lists flattened. */
	size_t ne = 0, nev = 0, nty = 0;
	uint32_t *kept = calloc(b.edges.n ? b.edges.n : 1, sizeof(*kept));
	if (!kept) {
		goto done;
	}
	for (size_t i = 0; i < b.edges.n; i++) {
		kept[i] = b.edges.v[i].count >= o->min_count;
		ne += kept[i];
		nev += kept[i] ? b.edges.v[i].count : 0;
	}
	for (size_t i = 0; i < b.types.n; i++) {
		nty += kept[b.types.v[i].edge];
	}
	g->edges = calloc(ne ? ne : 1, sizeof(*g->edges));
	g->events = malloc((nev ? nev : 1) * sizeof(*g->events));
	g->types = malloc((nty ? nty : 1) * sizeof(*g->types));
	uint32_t *type_start = calloc(b.edges.n + 1, sizeof(*type_start));
	if (!g->edges || !g->events || !g->types || !type_start) {
		free(kept), free(type_start);
		goto done;
	}
	for (size_t i = 0; i < b.types.n; i++) {
		type_start[b.types.v[i].edge + 1]++;
	}
	for (size_t i = 0; i < b.edges.n; i++) {
		type_start[i + 1] += type_start[i];
	}
	gp_type_count *by_edge = malloc((b.types.n ? b.types.n : 1) * sizeof(*by_edge));
	uint32_t *fill = calloc(b.edges.n ? b.edges.n : 1, sizeof(*fill));
	if (!by_edge || !fill) {
		free(kept), free(type_start), free(by_edge), free(fill);
		goto done;
	}
	for (size_t i = 0; i < b.types.n; i++) {
		const type_cell *c = &b.types.v[i];
		gp_type_count tc = { c->type, c->count };
		by_edge[type_start[c->edge] + fill[c->edge]++] = tc;
	}
	size_t ke = 0, kev = 0, kty = 0;
	for (size_t i = 0; i < b.edges.n; i++) {
		const agg_edge *a = &b.edges.v[i];
		if (!kept[i]) {
			continue;
		}
		gp_edge *e = &g->edges[ke++];
		e->source = g->node_of_actor[a->a];
		e->target = g->node_of_actor[a->b];
		e->directed = a->directed;
		e->count = a->count;
		e->weight = a->weight;
		e->first = a->first;
		e->last = a->last;
		e->event_off = (uint32_t)kev;
		for (uint32_t l = a->ev_head; l != GP_NONE; l = b.links.v[l].next) {
			g->events[kev++] = b.links.v[l].event;
		}
		e->n_events = (uint32_t)(kev - e->event_off);
		e->type_off = (uint32_t)kty;
		e->n_types = type_start[i + 1] - type_start[i];
		memcpy(g->types + kty, by_edge + type_start[i], e->n_types * sizeof(*g->types));
		qsort(g->types + kty, e->n_types, sizeof(*g->types), cmp_type_name);
		kty += e->n_types;
	}
	g->ne = ne;
	free(kept), free(type_start), free(by_edge), free(fill);
	qsort(g->edges, g->ne, sizeof(*g->edges), cmp_edge);
	rc = analyze(g);
done:
	free(order);
	free(mapped);
	free(b.events), free(b.self_events), free(b.last_event), free(b.last_self), free(b.latest);
	GP_VEC_FREE(b.edges);
	GP_VEC_FREE(b.links);
	GP_VEC_FREE(b.types);
	u64map_release(&b.edge_map);
	u64map_release(&b.type_map);
	if (rc != GP_OK) {
		gp_graph_free(g);
		return rc;
	}
	*out = g;
	return GP_OK;
}

/* -------------------------------------------------------------- analytics */

typedef struct {
	uint32_t s, t;
	double w;
} arc;

static int cmp_arc(const void *pa, const void *pb)
{
	const arc *a = pa, *b = pb;
	if (a->s != b->s) {
		return a->s < b->s ? -1 : 1;
	}
	return (a->t > b->t) - (a->t < b->t);
}

/* Merge arcs of the same ordered pair, summing weights; returns the new count. */
static size_t merge_arcs(arc *v, size_t n)
{
	size_t k = 0;
	qsort(v, n, sizeof(*v), cmp_arc);
	for (size_t i = 0; i < n; i++) {
		if (k && v[k - 1].s == v[i].s && v[k - 1].t == v[i].t) {
			v[k - 1].w += v[i].w;
		} else {
			v[k++] = v[i];
		}
	}
	return k;
}

/* Make an igraph graph and weight vector from arcs. */
static int make_igraph(igraph_t *ig, igraph_vector_t *w, const arc *v, size_t n, size_t nodes,
		       int directed)
{
	igraph_vector_int_t el;
	if (igraph_vector_int_init(&el, (igraph_integer_t)(2 * n))) {
		return -1;
	}
	if (igraph_vector_init(w, (igraph_integer_t)n)) {
		igraph_vector_int_destroy(&el);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		VECTOR(el)[2 * i] = v[i].s;
		VECTOR(el)[2 * i + 1] = v[i].t;
		VECTOR(*w)[i] = v[i].w;
	}
	igraph_error_t rc = igraph_create(ig, &el, (igraph_integer_t)nodes,
					  directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&el);
	if (rc) {
		igraph_vector_destroy(w);
		return -1;
	}
	return 0;
}

static int analyze(gp_graph *g)
{
	size_t n = g->nn;
	int rc = GP_ERROR;
	if (n == 0) {
		return GP_OK;
	}
	igraph_setup();
	arc *arcs = malloc((2 * g->ne + 1) * sizeof(*arcs));
	if (!arcs) {
		return GP_ENOMEM;
	}
	/* The simple directed view: an undirected edge is an arc each way; weight = count. */
	size_t na = 0;
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		arc x = { e->source, e->target, e->count };
		arcs[na++] = x;
		if (!e->directed) {
			arc y = { e->target, e->source, e->count };
			arcs[na++] = y;
		}
	}
	na = merge_arcs(arcs, na);
	igraph_t dg, ug, sg;
	igraph_vector_t dw, uw, sw, res;
	igraph_vector_int_t deg, memb;
	int have_dg = 0, have_ug = 0, have_sg = 0, have_res = 0, have_deg = 0, have_memb = 0;
	if (make_igraph(&dg, &dw, arcs, na, n, 1)) {
		goto done;
	}
	have_dg = 1;
	if (igraph_vector_init(&res, 0) || !(have_res = 1) || igraph_vector_int_init(&deg, 0) ||
	    !(have_deg = 1)) {
		goto done;
	}
	if (igraph_degree(&dg, &deg, igraph_vss_all(), IGRAPH_IN, IGRAPH_NO_LOOPS)) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].in_degree = (uint32_t)VECTOR(deg)[i];
	}
	if (igraph_degree(&dg, &deg, igraph_vss_all(), IGRAPH_OUT, IGRAPH_NO_LOOPS)) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].out_degree = (uint32_t)VECTOR(deg)[i];
	}
	if (igraph_pagerank(&dg, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL, igraph_vss_all(), 1, 0.85,
			    &dw, NULL)) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].pagerank = VECTOR(res)[i];
	}
	if (igraph_betweenness(&dg, &res, igraph_vss_all(), 1, NULL)) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].betweenness = VECTOR(res)[i];
	}
	/* Strength: each aggregated edge once, |weight|. */
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		arc x = { e->source, e->target, e->weight < 0 ? -e->weight : e->weight };
		arcs[i] = x;
	}
	if (make_igraph(&ug, &uw, arcs, g->ne, n, 0)) {
		goto done;
	}
	have_ug = 1;
	if (igraph_strength(&ug, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &uw)) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].strength = VECTOR(res)[i];
	}
	/* Communities: the undirected projection, each edge adding its count once. */
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		uint32_t lo = e->source < e->target ? e->source : e->target;
		uint32_t hi = e->source < e->target ? e->target : e->source;
		arc x = { lo, hi, e->count };
		arcs[i] = x;
	}
	size_t nu = merge_arcs(arcs, g->ne);
	if (make_igraph(&sg, &sw, arcs, nu, n, 0)) {
		goto done;
	}
	have_sg = 1;
	if (igraph_vector_int_init(&memb, 0)) {
		goto done;
	}
	have_memb = 1;
	igraph_rng_seed(igraph_rng_default(), 20250806);
	if (igraph_community_multilevel(&sg, &sw, 1.0, &memb, NULL, NULL)) {
		goto done;
	}
	/* Renumber communities in the order of their first node. */
	uint32_t *renum = malloc(n * sizeof(*renum)), next = 0;
	if (!renum) {
		rc = GP_ENOMEM;
		goto done;
	}
	memset(renum, 0xff, n * sizeof(*renum));
	for (size_t i = 0; i < n; i++) {
		igraph_integer_t c = VECTOR(memb)[i];
		if (c < 0 || (size_t)c >= n) {
			free(renum);
			snprintf(igraph_reason, sizeof(igraph_reason), "community id out of range");
			goto done;
		}
		if (renum[c] == GP_NONE) {
			renum[c] = next++;
		}
		g->nodes[i].community = renum[c];
	}
	free(renum);
	rc = GP_OK;
done:
	if (have_memb) {
		igraph_vector_int_destroy(&memb);
	}
	if (have_sg) {
		igraph_destroy(&sg), igraph_vector_destroy(&sw);
	}
	if (have_ug) {
		igraph_destroy(&ug), igraph_vector_destroy(&uw);
	}
	if (have_deg) {
		igraph_vector_int_destroy(&deg);
	}
	if (have_res) {
		igraph_vector_destroy(&res);
	}
	if (have_dg) {
		igraph_destroy(&dg), igraph_vector_destroy(&dw);
	}
	free(arcs);
	return rc;
}

/* ------------------------------------------------------------------- path */

int gp_graph_path(const gp_graph *g, uint32_t from, uint32_t to, uint32_t **out, size_t *n_out)
{
	size_t n = g->nn;
	*out = NULL;
	*n_out = 0;
	if (from >= n || to >= n) {
		return GP_ENOTFOUND;
	}
	igraph_setup();
	/* The undirected simple view, as a CSR adjacency for the walk. */
	arc *arcs = malloc((2 * g->ne + 1) * sizeof(*arcs));
	uint32_t *start = calloc(n + 1, sizeof(*start)), *adj = NULL, *path = NULL;
	igraph_t ug;
	igraph_vector_t uw;
	igraph_matrix_t dist;
	int have_ug = 0, have_dist = 0, rc = GP_ENOMEM;
	if (!arcs || !start) {
		goto done;
	}
	size_t na = 0;
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		arc x = { e->source, e->target, 1 }, y = { e->target, e->source, 1 };
		arcs[na++] = x;
		arcs[na++] = y;
	}
	na = merge_arcs(arcs, na); /* sorted by (s, t): neighbours in node order */
	adj = malloc((na + 1) * sizeof(*adj));
	if (!adj) {
		goto done;
	}
	for (size_t i = 0; i < na; i++) {
		start[arcs[i].s + 1]++;
		adj[i] = arcs[i].t;
	}
	for (size_t i = 0; i < n; i++) {
		start[i + 1] += start[i];
	}
	rc = GP_ERROR;
	if (make_igraph(&ug, &uw, arcs, na, n, 1)) {
		goto done;
	}
	have_ug = 1;
	if (igraph_matrix_init(&dist, 0, 0)) {
		goto done;
	}
	have_dist = 1;
	/* Hop distances to `to` (arcs go both ways, so any mode will do). */
	if (igraph_distances(&ug, &dist, igraph_vss_1((igraph_integer_t)to), igraph_vss_all(),
			     IGRAPH_OUT)) {
		goto done;
	}
	igraph_real_t d0 = MATRIX(dist, 0, from);
	if (d0 == IGRAPH_INFINITY) {
		rc = GP_ENOTFOUND;
		goto done;
	}
	size_t hops = (size_t)d0;
	path = malloc((hops + 1) * sizeof(*path));
	if (!path) {
		rc = GP_ENOMEM;
		goto done;
	}
	/* From `from`, always step to the first neighbour (node order) one hop closer. */
	uint32_t cur = from;
	path[0] = cur;
	for (size_t h = 1; h <= hops; h++) {
		igraph_real_t want = MATRIX(dist, 0, cur) - 1;
		uint32_t next = GP_NONE;
		for (uint32_t k = start[cur]; k < start[cur + 1] && next == GP_NONE; k++) {
			if (MATRIX(dist, 0, adj[k]) == want) {
				next = adj[k];
			}
		}
		if (next == GP_NONE) {
			goto done;
		}
		path[h] = cur = next;
	}
	*out = path;
	*n_out = hops + 1;
	path = NULL;
	rc = GP_OK;
done:
	if (have_dist) {
		igraph_matrix_destroy(&dist);
	}
	if (have_ug) {
		igraph_destroy(&ug), igraph_vector_destroy(&uw);
	}
	free(arcs), free(start), free(adj), free(path);
	return rc;
}

/* ---------------------------------------------------------------- ranking */

static const gp_graph *rank_graph;

static int cmp_rank(const void *pa, const void *pb)
{
	const gp_node *a = &rank_graph->nodes[*(const uint32_t *)pa];
	const gp_node *b = &rank_graph->nodes[*(const uint32_t *)pb];
	if (a->pagerank != b->pagerank) {
		return a->pagerank > b->pagerank ? -1 : 1;
	}
	if (a->betweenness != b->betweenness) {
		return a->betweenness > b->betweenness ? -1 : 1;
	}
	if (a->events != b->events) {
		return a->events > b->events ? -1 : 1;
	}
	/* Nodes are in id order: the index breaks the last tie by id. */
	return (*(const uint32_t *)pa > *(const uint32_t *)pb) - (*(const uint32_t *)pa < *(const uint32_t *)pb);
}

int gp_graph_ranking(const gp_graph *g, uint32_t **out)
{
	uint32_t *v = malloc((g->nn ? g->nn : 1) * sizeof(*v));
	*out = NULL;
	if (!v) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < g->nn; i++) {
		v[i] = (uint32_t)i;
	}
	rank_graph = g;
	qsort(v, g->nn, sizeof(*v), cmp_rank);
	rank_graph = NULL;
	*out = v;
	return GP_OK;
}
