/*
 * graph.c - building the relationship graph (DESIGN §4) and its analytics.
 * The only file that includes igraph.h: every igraph call is here.
 *
 * Aggregation is the graph's own work (per endpoint pair and directedness,
 * an event counted once per edge); igraph receives the aggregated graph
 * seen as the simple directed graph of DESIGN §4 and computes degrees,
 * PageRank, betweenness, strength and communities.
 */
#ifdef _OPENMP
#include <omp.h>
#endif
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_impl.h"

/* ------------------------------------------------------------- igraph errors */

static _Thread_local char igraph_reason[256];

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
int gp_graph_betweenness_cutoff(const gp_graph *g) { return g->betweenness_cutoff; }
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
	return actor < g->n_actor_slots ? g->node_of_actor[actor] : GP_NONE;
}

const gp_type_count *gp_graph_edge_types(const gp_graph *g, const gp_edge *e)
{
	return g->types + e->type_off;
}

const gp_evref *gp_graph_edge_events(const gp_graph *g, const gp_edge *e)
{
	(void)g;
	return e->refs;
}

const char *gp_graph_event_id(const gp_graph *g, const gp_evref *r, char *buf, size_t size)
{
	if (r->kind == GP_EVREF_DATASET && r->id < g->ds->events.n) {
		return gp_dataset_event(g->ds, (gp_index)r->id)->id;
	}
	if (r->kind == GP_EVREF_DATASET) {
		/* A kept row: written here, not in the dataset's one scratch event. */
		const gp_row *row = &g->ds->rows.v[r->id - g->ds->events.n];
		gp_evref rr = *r;
		rr.kind = row->icews ? GP_EVREF_ICEWS : GP_EVREF_GDELT;
		rr.id = row->id;
		return gp_graph_event_id(g, &rr, buf, size);
	}
	if (r->kind == GP_EVREF_NAMED) {
		return (const char *)(uintptr_t)r->id;
	}
	char text[GP_IMPORTED_ID_MAX];
	size_t n = gp__imported_id_text(r->kind == GP_EVREF_ICEWS, r->id, text);
	if (size < n + 1) {
		if (size) {
			buf[0] = '\0'; /* too small: the documented 32 bytes always do */
		}
		return buf;
	}
	memcpy(buf, text, n + 1);
	return buf;
}

void gp_graph_free(gp_graph *g)
{
	if (!g) {
		return;
	}
	for (size_t i = 0; g->edges && i < g->ne; i++) {
		free(g->edges[i].refs);
	}
	free(g->nodes);
	free(g->edges);
	free(g->types);
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
			/*
			 * No country ancestor: the top of the chain stands for the actor
			 * (DESIGN §4), a company for its division, NATO for a NATO body,
			 * the region EUR for EURGOV; itself when it has no part_of.
			 */
			return cur;
		}
		cur = next;
	}
	return actor;
}

/* ----------------------------------------------------------------- building */

/* Is the event an imported row's ("gdelt-N", "icews-N")? Its number in *n. */
static int imported_event(const gp_event *ev, uint64_t *n)
{
	int icews;
	return gp__imported_number(ev->id, strlen(ev->id), n, &icews);
}

uint64_t gp__event_seq(const gp_event *ev)
{
	uint64_t n;
	/*
	 * Input order for the graph. Imported rows take their number (below
	 * 2^52), as when rows are streamed, so stored and streamed graphs list
	 * tied events alike; other events come after them by their place in the
	 * input (not their index, which compact rows kept beside the events
	 * would shift): two ranges that never meet, exact in a partial graph.
	 */
	return imported_event(ev, &n) ? n : ((uint64_t)1 << 52) + ev->order;
}

static int64_t micro(double w)
{
	return (int64_t)llround(w * GP_WEIGHT_SCALE);
}

#define NOT_CACHED (GP_NONE - 1)

/* Does every membership on the actor's part_of chain hold at all times? */
static int timeless(const gp_dataset *ds, gp_index a)
{
	for (size_t steps = 0; steps <= gp_dataset_actor_count(ds); steps++) {
		const gp_actor *ac = gp_dataset_actor(ds, a);
		const gp_membership *m = gp_dataset_actor_part_of(ds, ac);
		if (ac->kind == GP_KIND_COUNTRY || ac->n_members == 0) {
			return 1;
		}
		for (uint32_t k = 0; k < ac->n_members; k++) {
			if (m[k].from != GP_TIME_MIN || m[k].to != GP_TIME_MAX) {
				return 0;
			}
		}
		a = m[0].actor;
	}
	return 0;
}

gp_index gp__mapper_map(gp_mapper *mp, const gp_dataset *ds, gp_index a, int64_t t)
{
	if (mp->level != GP_LEVEL_COUNTRY) {
		return a;
	}
	while (mp->node_of.n <= a) {
		if (GP_VEC_PUSH(mp->node_of, NOT_CACHED)) {
			return gp_graph_map_actor(ds, a, mp->level, t);
		}
	}
	if (mp->node_of.v[a] != NOT_CACHED) {
		return mp->node_of.v[a];
	}
	gp_index m = gp_graph_map_actor(ds, a, mp->level, t);
	if (timeless(ds, a)) {
		mp->node_of.v[a] = m;
	}
	return m;
}

void gp__mapper_free(gp_mapper *mp)
{
	GP_VEC_FREE(mp->node_of);
}


static int type_passes(const gp_filter *f, gp_index type)
{
	size_t k = 0;
	while (f->types && k < f->n_types && f->types[k] != type) {
		k++;
	}
	return !f->types || k < f->n_types;
}

/* Events of at most one source and one target go through gp__agg_rows, a batch at a time. */
static int flush_kept(gp_agg *a, gp_agg_row *batch, size_t *n)
{
	int rc = *n ? gp__agg_rows(a, batch, *n) : GP_OK;
	*n = 0;
	return rc;
}

int gp__agg_add_kept(gp_agg *a, const gp_dataset *ds, const gp_filter *filter, int level)
{
	gp_index buf[64], *mapped = buf;
	size_t cap = 64, nb = 0;
	gp_agg_row batch[GP_AGG_BATCH];
	gp_mapper mp;
	memset(&mp, 0, sizeof(mp));
	mp.level = level;
	int rc = GP_OK;
	/*
	 * Imported rows among the kept events (from JSON Lines): list as for rows
	 * read directly. Compact rows are all imported; full events say by id.
	 */
	int imported = ds->rows.n > 0;
	for (gp_index i = 0; !imported && i < ds->events.n; i++) {
		uint64_t n;
		imported = imported_event(&ds->events.v[i], &n);
	}
	if (imported) {
		gp__agg_imported(a);
	}
	size_t ne = ds->events.n;
	for (gp_index i = 0; rc == GP_OK && i < gp_dataset_event_count(ds); i++) {
		if (i >= ne) {
			/* A kept row: straight into the batch, rebuilt as an event only for --actor. */
			const gp_row *row = &ds->rows.v[i - ne];
			if (filter && filter->actor_mask && !gp_filter_match(ds, filter, gp_dataset_event(ds, i))) {
				continue;
			}
			gp_evref rr = { row->start, row->start + 86399, row->id, row->id, GP_PREC_DAY,
					row->icews ? GP_EVREF_ICEWS : GP_EVREF_GDELT };
			if (filter && ((filter->has_from && rr.end < filter->from) ||
				       (filter->has_to && rr.start > filter->to) || !type_passes(filter, row->type))) {
				continue;
			}
			gp_agg_row *b = &batch[nb++];
			b->ref = rr;
			b->w = micro(row->weight);
			b->type = row->type;
			b->s = gp__mapper_map(&mp, ds, row->actor[0], row->start);
			b->t = row->n_source + row->n_target == 2 ? gp__mapper_map(&mp, ds, row->actor[1], row->start)
								    : GP_NONE;
			if (nb == GP_AGG_BATCH) {
				rc = flush_kept(a, batch, &nb);
			}
			continue;
		}
		const gp_event *ev = gp_dataset_event(ds, i);
		if (!gp_filter_match(ds, filter, ev)) {
			continue;
		}
		const gp_index *act = gp_dataset_event_actors(ds, ev, GP_ROLE_SOURCE);
		size_t ns = ev->n_actors[GP_ROLE_SOURCE], nt = ev->n_actors[GP_ROLE_TARGET];
		size_t np = ev->n_actors[GP_ROLE_PARTICIPANT], n = ns + nt + np;
		gp_evref r = { ev->date.start, ev->date.end, gp__event_seq(ev), i, ev->date.start_prec,
			       GP_EVREF_DATASET };
		if (ns <= 1 && nt <= 1 && np == 0 && n > 0) {
			gp_agg_row *b = &batch[nb++];
			b->ref = r;
			b->w = micro(ev->weight);
			b->type = ev->type;
			b->s = gp__mapper_map(&mp, ds, act[0], ev->date.start);
			b->t = n == 2 ? gp__mapper_map(&mp, ds, act[1], ev->date.start) : GP_NONE;
			if (nb == GP_AGG_BATCH) {
				rc = flush_kept(a, batch, &nb);
			}
			continue;
		}
		if (n > cap) {
			gp_index *m = realloc(mapped == buf ? NULL : mapped, n * sizeof(*m));
			if (!m) {
				rc = GP_ENOMEM;
				break;
			}
			mapped = m, cap = n;
		}
		for (size_t k = 0; k < n; k++) {
			mapped[k] = gp__mapper_map(&mp, ds, act[k], ev->date.start);
		}
		rc = gp__agg_event(a, &r, ev->type, micro(ev->weight), mapped, ns, nt, np);
	}
	if (rc == GP_OK) {
		rc = flush_kept(a, batch, &nb);
	}
	if (mapped != buf) {
		free(mapped);
	}
	gp__mapper_free(&mp);
	return rc;
}

int gp_graph_build(gp_graph **out, const gp_dataset *ds, const gp_graph_options *opts)
{
	gp_graph_options defaults = GP_GRAPH_OPTIONS_INIT;
	const gp_graph_options *o = opts ? opts : &defaults;
	gp_agg *a = NULL;
	int rc = gp__agg_new(&a, ds, o->level, o->max_event_ids);
	*out = NULL;
	if (rc == GP_OK) {
		rc = gp__agg_add_kept(a, ds, o->filter, o->level);
	}
	if (rc == GP_OK) {
		rc = gp__agg_graph(a, o->min_count, out);
	}
	gp__agg_free(a);
	return rc;
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

int gp__graph_analyze(gp_graph *g)
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
	igraph_t dg, sg;
	igraph_vector_t dw, sw, res;
	igraph_vector_int_t deg, memb;
	int have_dg = 0, have_sg = 0, have_res = 0, have_deg = 0, have_memb = 0;
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
	/*
	 * PRPACK sums on OpenMP threads when igraph is built with OpenMP (Debian's
	 * is): the order of the additions, and so the last digits, would vary
	 * from run to run. One thread for this call, then the caller's setting back.
	 */
#ifdef _OPENMP
	int omp_threads = omp_get_max_threads();
	omp_set_num_threads(1);
#endif
	int pr_failed = igraph_pagerank(&dg, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL, igraph_vss_all(),
					1, 0.85, &dw, NULL) != IGRAPH_SUCCESS;
#ifdef _OPENMP
	omp_set_num_threads(omp_threads);
#endif
	if (pr_failed) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].pagerank = VECTOR(res)[i];
	}
	/*
	 * Betweenness is O(V·E): on big graphs (an actor graph of GDELT has tens
	 * of thousands of nodes) only paths up to a few hops are counted, and the
	 * JSON says so ("betweenness_cutoff").
	 */
	g->betweenness_cutoff = n > BETWEENNESS_EXACT_MAX ? BETWEENNESS_CUTOFF : 0;
	if (g->betweenness_cutoff
		    ? igraph_betweenness_cutoff(&dg, &res, igraph_vss_all(), 1, NULL, g->betweenness_cutoff)
		    : igraph_betweenness(&dg, &res, igraph_vss_all(), 1, NULL)) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].betweenness = VECTOR(res)[i];
	}
	/*
	 * Strength: each aggregated edge once, |weight|. A plain sum, done on the
	 * exact integer weights (millionths) so that 177.2 prints as 177.2, not as
	 * the double sum's 177.20000000000002.
	 */
	int64_t *micro_sum = calloc(n, sizeof(*micro_sum));
	if (!micro_sum) {
		rc = GP_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		int64_t w = e->weight_micro < 0 ? -e->weight_micro : e->weight_micro;
		micro_sum[e->source] += w;
		micro_sum[e->target] += w;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].strength = (double)micro_sum[i] / GP_WEIGHT_SCALE;
	}
	free(micro_sum);
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
	/*
	 * Equal up to rounding counts as equal: structurally identical actors get
	 * PageRanks that differ in the last bits, and should fall to the next key.
	 */
	double ra = a->pagerank, rb = b->pagerank, ba = a->betweenness, bb = b->betweenness;
	if (fabs(ra - rb) > 1e-12 * (fabs(ra) + fabs(rb))) {
		return ra > rb ? -1 : 1;
	}
	if (fabs(ba - bb) > 1e-9 * (fabs(ba) + fabs(bb))) {
		return ba > bb ? -1 : 1;
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
