/*
 * analytics.c - the graph's analytics (DESIGN §4), and the only file that
 * includes igraph.h: every igraph call is here.
 *
 * Aggregation is the graph's own work (agg.c); igraph receives the
 * aggregated graph seen as the simple directed graph of DESIGN §4 and
 * computes degrees, PageRank, betweenness and communities (strength is a
 * plain sum), and the shortest paths of `geopol path`. gp_graph_last_error()
 * says why a graph call failed.
 */
#ifdef _OPENMP
#include <omp.h>
#endif
#include <igraph.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_impl.h"

/* ------------------------------------------------------------------ errors */

/* Why the last graph call of this thread failed: igraph, Graphviz or a misuse. */
static _Thread_local char last_error[256];

void gp__graph_set_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	gp__vsnprintf_c(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
}

/* igraph's default handler aborts: ours records the reason and returns. */
static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
	(void)file;
	(void)line;
	gp__graph_set_error("igraph: %s (%s)", reason, igraph_strerror(code));
	IGRAPH_FINALLY_FREE();
}

const char *gp_graph_last_error(void)
{
	return last_error;
}

static void igraph_setup(void)
{
	igraph_set_error_handler(on_igraph_error);
	igraph_set_warning_handler(igraph_warning_handler_ignore);
	last_error[0] = '\0';
}

/* -------------------------------------------------------------- analytics */

static int cmp_arc(const void *pa, const void *pb)
{
	const gp_arc *a = pa, *b = pb;
	if (a->s != b->s) {
		return a->s < b->s ? -1 : 1;
	}
	return (a->t > b->t) - (a->t < b->t);
}

/* Merge arcs of the same ordered pair, summing weights; returns the new count. */
static size_t merge_arcs(gp_arc *v, size_t n)
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
static int make_igraph(igraph_t *ig, igraph_vector_t *w, const gp_arc *v, size_t n, size_t nodes,
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

/* In- and out-degree: distinct neighbours in the simple directed view. */
static int degrees(gp_graph *g, const igraph_t *dg, igraph_vector_int_t *deg)
{
	if (igraph_degree(dg, deg, igraph_vss_all(), IGRAPH_IN, IGRAPH_NO_LOOPS)) {
		return GP_ERROR;
	}
	for (size_t i = 0; i < g->nn; i++) {
		g->nodes[i].in_degree = (uint32_t)VECTOR(*deg)[i];
	}
	if (igraph_degree(dg, deg, igraph_vss_all(), IGRAPH_OUT, IGRAPH_NO_LOOPS)) {
		return GP_ERROR;
	}
	for (size_t i = 0; i < g->nn; i++) {
		g->nodes[i].out_degree = (uint32_t)VECTOR(*deg)[i];
	}
	return GP_OK;
}

static int pagerank(gp_graph *g, const igraph_t *dg, const igraph_vector_t *dw,
		    igraph_vector_t *res)
{
	/*
	 * PRPACK sums on OpenMP threads when igraph is built with OpenMP (Debian's
	 * is): the order of the additions, and so the last digits, would vary
	 * from run to run. One thread for this call, then the caller's setting back.
	 * (The Makefile compiles this file, alone, with -fopenmp.)
	 */
#ifdef _OPENMP
	int omp_threads = omp_get_max_threads();
	omp_set_num_threads(1);
#endif
	int failed = igraph_pagerank(dg, IGRAPH_PAGERANK_ALGO_PRPACK, res, NULL, igraph_vss_all(),
				     1, 0.85, dw, NULL) != IGRAPH_SUCCESS;
#ifdef _OPENMP
	omp_set_num_threads(omp_threads);
#endif
	if (failed) {
		return GP_ERROR;
	}
	for (size_t i = 0; i < g->nn; i++) {
		g->nodes[i].pagerank = VECTOR(*res)[i];
	}
	return GP_OK;
}

/* splitmix64 (Steele, Lea, Flood 2014): small, fast, the same on every machine. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/*
 * How many pivots: all (exact) when a search from every node costs at most
 * BETWEENNESS_WORK node and arc visits, else as many as that budget pays
 * for, and never fewer than BETWEENNESS_MIN_PIVOTS. `asked`: the caller's
 * gp_graph_options.betweenness_pivots (0: this rule).
 */
static size_t pivot_count(size_t nodes, size_t arcs, uint32_t asked)
{
	if (asked) {
		return asked >= nodes ? nodes : asked;
	}
	size_t per = nodes + arcs; /* one breadth-first search */
	size_t k = BETWEENNESS_WORK / (per ? per : 1);
	k = k < BETWEENNESS_MIN_PIVOTS ? BETWEENNESS_MIN_PIVOTS : k;
	return k >= nodes ? nodes : k;
}

/*
 * Betweenness (Brandes) is a breadth-first search from every node: O(V·E),
 * minutes on an actor graph of a million GDELT rows. Past a budget it is
 * estimated from k pivots (Brandes and Pich 2007): igraph counts the
 * shortest paths from k sources drawn without replacement (splitmix64 from
 * BETWEENNESS_SEED, so a graph gives the same pivots on every run and
 * however it was built), and the sums are scaled by V/k: unbiased. Each
 * source adds 0 to V-2 to a node, so by Hoeffding's inequality every node's
 * estimate is within betweenness_error * (V-1)(V-2) of the exact value with
 * 95% confidence (docs/decisions.md).
 */
static int betweenness(gp_graph *g, const igraph_t *dg, igraph_vector_t *res, uint32_t asked)
{
	size_t n = g->nn, k = pivot_count(n, (size_t)igraph_ecount(dg), asked);
	g->betweenness_pivots = k < n ? (uint32_t)k : 0;
	g->betweenness_error = 0;
	if (k >= n) {
		if (igraph_betweenness(dg, res, igraph_vss_all(), 1, NULL)) {
			return GP_ERROR;
		}
	} else {
		igraph_vector_int_t src;
		uint32_t *perm = malloc(n * sizeof(*perm));
		if (!perm || igraph_vector_int_init(&src, (igraph_integer_t)k)) {
			free(perm);
			return GP_ENOMEM;
		}
		uint64_t state = BETWEENNESS_SEED;
		for (size_t i = 0; i < n; i++) {
			perm[i] = (uint32_t)i;
		}
		for (size_t i = 0; i < k; i++) { /* the first k of a Fisher-Yates shuffle */
			size_t j = i + (size_t)(((splitmix64(&state) >> 32) * (n - i)) >> 32);
			uint32_t t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
			VECTOR(src)[i] = perm[i];
		}
		free(perm);
		igraph_error_t err =
			igraph_betweenness_subset(dg, res, igraph_vss_all(), 1,
						  igraph_vss_vector(&src), igraph_vss_all(), NULL);
		igraph_vector_int_destroy(&src);
		if (err) {
			return GP_ERROR;
		}
		igraph_vector_scale(res, (double)n / (double)k);
		/*
		 * Hoeffding: t = sqrt(ln(2/0.05) / 2k) of V(V-2), said of (V-1)(V-2)
		 * and rounded up to 4 decimals (a bound stays a bound).
		 */
		double t = sqrt(log(2 / 0.05) / (2.0 * (double)k)) * (double)n / (double)(n - 1);
		g->betweenness_error = ceil(t * 1e4) / 1e4;
	}
	for (size_t i = 0; i < n; i++) {
		g->nodes[i].betweenness = VECTOR(*res)[i];
	}
	return GP_OK;
}

/*
 * Strength: each aggregated edge once, |weight|; and by sign, its
 * cooperation and |conflict| (docs/sign.md). Plain sums, done on the exact
 * integer weights (millionths) so that 177.2 prints as 177.2, not as the
 * double sum's 177.20000000000002.
 */
static int strength(gp_graph *g)
{
	int64_t *sum = calloc(3 * g->nn, sizeof(*sum)); /* per node: |weight|, coop, |conflict| */
	if (!sum) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		int64_t wm = g->edge_more[i].weight_micro, coop = g->edge_more[i].coop_micro;
		int64_t part[3] = { wm < 0 ? -wm : wm, coop, coop - wm };
		for (int k = 0; k < 3; k++) {
			sum[3 * e->source + k] += part[k];
			sum[3 * e->target + k] += part[k];
		}
	}
	for (size_t i = 0; i < g->nn; i++) {
		g->nodes[i].strength = (double)sum[3 * i] / GP_WEIGHT_SCALE;
		g->nodes[i].strength_cooperation = (double)sum[3 * i + 1] / GP_WEIGHT_SCALE;
		g->nodes[i].strength_conflict = (double)sum[3 * i + 2] / GP_WEIGHT_SCALE;
	}
	free(sum);
	return GP_OK;
}

/*
 * Communities: Louvain on the undirected projection, each edge adding its
 * count once, with a fixed seed; numbered in the order of their first node.
 * arcs has room for one gp_arc per edge.
 */
static int communities(gp_graph *g, gp_arc *arcs)
{
	size_t n = g->nn;
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		uint32_t lo = e->source < e->target ? e->source : e->target;
		uint32_t hi = e->source < e->target ? e->target : e->source;
		gp_arc x = { lo, hi, e->count };
		arcs[i] = x;
	}
	igraph_t sg;
	igraph_vector_t sw;
	igraph_vector_int_t memb;
	if (make_igraph(&sg, &sw, arcs, merge_arcs(arcs, g->ne), n, 0)) {
		return GP_ERROR;
	}
	int rc = GP_ERROR;
	uint32_t *renum = NULL, next = 0;
	if (igraph_vector_int_init(&memb, 0)) {
		goto no_memb;
	}
	igraph_rng_seed(igraph_rng_default(), 20250806);
	if (igraph_community_multilevel(&sg, &sw, 1.0, &memb, NULL, NULL)) {
		goto done;
	}
	if (!(renum = malloc(n * sizeof(*renum)))) {
		rc = GP_ENOMEM;
		goto done;
	}
	memset(renum, 0xff, n * sizeof(*renum));
	for (size_t i = 0; i < n; i++) {
		igraph_integer_t c = VECTOR(memb)[i];
		if (c < 0 || (size_t)c >= n) {
			gp__graph_set_error("igraph: community id out of range");
			goto done;
		}
		if (renum[c] == GP_NONE) {
			renum[c] = next++;
		}
		g->nodes[i].community = renum[c];
	}
	rc = GP_OK;
done:
	free(renum);
	igraph_vector_int_destroy(&memb);
no_memb:
	igraph_destroy(&sg), igraph_vector_destroy(&sw);
	return rc;
}

int gp__graph_analyze(gp_graph *g, uint32_t pivots)
{
	size_t n = g->nn;
	if (n == 0) {
		return GP_OK;
	}
	igraph_setup();
	gp_arc *arcs = malloc((2 * g->ne + 1) * sizeof(*arcs));
	if (!arcs) {
		return GP_ENOMEM;
	}
	/* The simple directed view: an undirected edge is an gp_arc each way; weight = count. */
	size_t na = 0;
	for (size_t i = 0; i < g->ne; i++) {
		const gp_edge *e = &g->edges[i];
		gp_arc x = { e->source, e->target, e->count };
		arcs[na++] = x;
		if (!e->directed) {
			gp_arc y = { e->target, e->source, e->count };
			arcs[na++] = y;
		}
	}
	igraph_t dg;
	igraph_vector_t dw, res;
	igraph_vector_int_t deg;
	int rc = GP_ERROR;
	if (make_igraph(&dg, &dw, arcs, merge_arcs(arcs, na), n, 1)) {
		free(arcs);
		return GP_ERROR;
	}
	if (igraph_vector_init(&res, 0)) {
		goto no_res;
	}
	if (igraph_vector_int_init(&deg, 0)) {
		goto no_deg;
	}
	if ((rc = degrees(g, &dg, &deg)) == GP_OK && (rc = pagerank(g, &dg, &dw, &res)) == GP_OK &&
	    (rc = betweenness(g, &dg, &res, pivots)) == GP_OK && (rc = strength(g)) == GP_OK) {
		rc = communities(g, arcs);
	}
	igraph_vector_int_destroy(&deg);
no_deg:
	igraph_vector_destroy(&res);
no_res:
	igraph_destroy(&dg), igraph_vector_destroy(&dw);
	free(arcs);
	return rc;
}

/*
 * Degrees and PageRank of arcs (a window of a series): merged per ordered
 * pair first, loops counting for neither degree, as the graph's analytics.
 */
int gp__arcs_analyze(size_t nodes, gp_arc *arcs, size_t n, uint32_t *in_deg, uint32_t *out_deg,
		     double *pagerank)
{
	if (nodes == 0) {
		return GP_OK;
	}
	igraph_setup();
	n = merge_arcs(arcs, n);
	memset(in_deg, 0, nodes * sizeof(*in_deg));
	memset(out_deg, 0, nodes * sizeof(*out_deg));
	for (size_t i = 0; i < n; i++) {
		if (arcs[i].s != arcs[i].t) {
			out_deg[arcs[i].s]++;
			in_deg[arcs[i].t]++;
		}
	}
	igraph_t dg;
	igraph_vector_t dw, res;
	if (make_igraph(&dg, &dw, arcs, n, nodes, 1)) {
		return GP_ERROR;
	}
	int rc = GP_ERROR;
	if (igraph_vector_init(&res, 0) == IGRAPH_SUCCESS) {
#ifdef _OPENMP
		int omp_threads = omp_get_max_threads(); /* one thread: see pagerank() */
		omp_set_num_threads(1);
#endif
		if (igraph_pagerank(&dg, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL, igraph_vss_all(),
				    1, 0.85, &dw, NULL) == IGRAPH_SUCCESS) {
			for (size_t i = 0; i < nodes; i++) {
				pagerank[i] = VECTOR(res)[i];
			}
			rc = GP_OK;
		}
#ifdef _OPENMP
		omp_set_num_threads(omp_threads);
#endif
		igraph_vector_destroy(&res);
	}
	igraph_destroy(&dg), igraph_vector_destroy(&dw);
	return rc;
}

/* ------------------------------------------------------------------- path */

int gp_graph_path(uint32_t **out, size_t *n_out, const gp_graph *g, uint32_t from, uint32_t to)
{
	size_t n = g->nn;
	*out = NULL;
	*n_out = 0;
	if (from >= n || to >= n) {
		return GP_ENOTFOUND;
	}
	igraph_setup();
	/* The undirected simple view, as a CSR adjacency for the walk. */
	gp_arc *arcs = malloc((2 * g->ne + 1) * sizeof(*arcs));
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
		gp_arc x = { e->source, e->target, 1 }, y = { e->target, e->source, 1 };
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
