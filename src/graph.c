/*
 * graph.c - the relationship graph as the library hands it out (DESIGN §4):
 * getters, event ids, the shortest path and the ranking. It is built by
 * build.c and stream.c through the aggregator (agg.c), and analysed by
 * analytics.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_impl.h"

/* ---------------------------------------------------------------- getters */

const gp_dataset *gp_graph_dataset(const gp_graph *g)
{
	return g->ds;
}
uint32_t gp_graph_betweenness_pivots(const gp_graph *g, double *error)
{
	if (error) {
		*error = g->betweenness_error;
	}
	return g->betweenness_pivots;
}
gp_level gp_graph_level(const gp_graph *g)
{
	return g->level;
}
size_t gp_graph_node_count(const gp_graph *g)
{
	return g->nn;
}
size_t gp_graph_edge_count(const gp_graph *g)
{
	return g->ne;
}

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
	return g->types + gp__edge_more(g, e)->type_off;
}

uint32_t gp_graph_edge_status_count(const gp_graph *g, const gp_edge *e, int status)
{
	return status >= 0 && status < GP_STATUS_COUNT ? gp__edge_more(g, e)->status_n[status] : 0;
}

const gp_evref *gp__edge_events(const gp_graph *g, const gp_edge *e)
{
	return gp__edge_more(g, e)->refs;
}

const char *gp_graph_edge_event_id(const gp_graph *g, const gp_edge *e, size_t k, char *buf,
				   size_t size)
{
	if (k >= e->n_events) {
		return NULL;
	}
	return gp__evref_id(g, &gp__edge_events(g, e)[k], buf, size);
}

const char *gp__evref_id(const gp_graph *g, const gp_evref *r, char *buf, size_t size)
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
		return gp__evref_id(g, &rr, buf, size);
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

const char *gp__evref_source(const gp_graph *g, const gp_evref *r, size_t k)
{
	if (r->kind == GP_EVREF_DATASET) {
		/* A dataset event's are the dataset's; a compact row kept none. */
		if (r->id >= g->ds->events.n) {
			return NULL;
		}
		const gp_event *ev = gp_dataset_event(g->ds, (gp_index)r->id);
		return k < ev->n_sources ? gp_dataset_event_sources(g->ds, ev)[k] : NULL;
	}
	/* Read by the public entry points first (gp__graph_read_sources). */
	const char *p = r->src_in_file ? NULL : r->src;
	for (; p && *p && k; k--) {
		p += strlen(p) + 1;
	}
	return p && *p ? p : NULL;
}

int gp_graph_edge_sources(const char ***out, size_t *n, const gp_graph *g, const gp_edge *e)
{
	size_t at = (size_t)(e - g->edges);
	int src_rc = gp__graph_read_sources(g, NULL, at, at + 1, NULL);
	if (src_rc != GP_OK) {
		*out = NULL;
		*n = 0;
		return src_rc;
	}
	GP_VEC(const char *) v = { 0 };
	gp_strmap seen = { 0 };
	const gp_evref *ev = gp__edge_events(g, e);
	int rc = GP_OK;
	for (uint32_t i = 0; rc == GP_OK && i < e->n_events; i++) {
		const char *s;
		for (size_t k = 0; rc == GP_OK && (s = gp__evref_source(g, &ev[i], k)); k++) {
			/* Most edges have a few sources: a look along them; a map past 16. */
			size_t len = strlen(s), j = 0;
			while (j < v.n && v.n <= 16 && strcmp(v.v[j], s) != 0) {
				j++;
			}
			if (v.n <= 16 ? j < v.n : gp__strmap_get(&seen, s, len) != GP_NONE) {
				continue;
			}
			if (GP_VEC_PUSH(v, s)) {
				rc = GP_ENOMEM;
			}
			for (size_t m = v.n > 16 ? (seen.count ? v.n - 1 : 0) : v.n;
			     rc == GP_OK && m < v.n; m++) {
				if (gp__strmap_put(&seen, v.v[m], strlen(v.v[m]), (uint32_t)m)) {
					rc = GP_ENOMEM;
				}
			}
		}
	}
	gp__strmap_release(&seen);
	if (rc != GP_OK) {
		GP_VEC_FREE(v);
	}
	*out = rc == GP_OK ? v.v : NULL;
	*n = rc == GP_OK ? v.n : 0;
	return rc;
}

void gp_graph_free(gp_graph *g)
{
	if (!g) {
		return;
	}
	for (size_t i = 0; g->edge_more && i < g->ne; i++) {
		for (uint32_t k = 0; g->edge_more[i].refs && k < g->edges[i].n_events; k++) {
			if (!g->edge_more[i].refs[k].src_in_file) {
				free((void *)(uintptr_t)g->edge_more[i].refs[k].src);
			}
		}
		free(g->edge_more[i].refs);
	}
	free(g->nodes);
	free(g->latest);
	free(g->span);
	free(g->edges);
	free(g->edge_more);
	free(g->types);
	free(g->node_of_actor);
	free(g);
}

/* ---------------------------------------------------------------- ranking */

static _Thread_local const gp_graph *rank_graph; /* qsort has no context argument */
static _Thread_local gp_rank_by rank_key;

static const char *const rank_names[GP_RANK_N] = {
	"pagerank", "betweenness", "strength",  "strength_cooperation", "strength_conflict",
	"events",   "degree",      "in_degree", "out_degree",
};

const char *gp_rank_by_name(gp_rank_by by)
{
	return (unsigned)by < GP_RANK_N ? rank_names[by] : NULL;
}

int gp_rank_by_from_name(const char *name)
{
	for (int k = 0; name && k < GP_RANK_N; k++) {
		if (strcmp(name, rank_names[k]) == 0) {
			return k;
		}
	}
	return -1;
}

static double rank_value(const gp_node *n, gp_rank_by by)
{
	switch (by) {
	case GP_RANK_BETWEENNESS: return n->betweenness;
	case GP_RANK_STRENGTH: return n->strength;
	case GP_RANK_STRENGTH_COOPERATION: return n->strength_cooperation;
	case GP_RANK_STRENGTH_CONFLICT: return n->strength_conflict;
	case GP_RANK_EVENTS: return n->events;
	case GP_RANK_DEGREE: return (double)n->in_degree + n->out_degree;
	case GP_RANK_IN_DEGREE: return n->in_degree;
	case GP_RANK_OUT_DEGREE: return n->out_degree;
	default: return n->pagerank;
	}
}

/*
 * Higher first, -1, 0 or 1. Equal up to rounding counts as equal:
 * structurally identical actors get PageRanks that differ in the last bits,
 * and should fall to the next key.
 */
static int cmp_desc(double x, double y, double tolerance)
{
	if (fabs(x - y) > tolerance * (fabs(x) + fabs(y))) {
		return x > y ? -1 : 1;
	}
	return 0;
}

static int cmp_rank(const void *pa, const void *pb)
{
	const gp_node *a = &rank_graph->nodes[*(const uint32_t *)pa];
	const gp_node *b = &rank_graph->nodes[*(const uint32_t *)pb];
	int c = rank_key == GP_RANK_PAGERANK
			? 0
			: cmp_desc(rank_value(a, rank_key), rank_value(b, rank_key), 1e-12);
	if (!c) {
		c = cmp_desc(a->pagerank, b->pagerank, 1e-12);
	}
	if (!c) {
		c = cmp_desc(a->betweenness, b->betweenness, 1e-9);
	}
	if (!c && a->events != b->events) {
		c = a->events > b->events ? -1 : 1;
	}
	/* Nodes are in id order: the index breaks the last tie by id. */
	return c ? c
		 : (*(const uint32_t *)pa > *(const uint32_t *)pb) -
			       (*(const uint32_t *)pa < *(const uint32_t *)pb);
}

int gp__graph_check_analytics(const gp_graph *g)
{
	if (g->no_analytics) {
		gp__graph_set_error("the graph was built without its analytics (no_analytics)");
		return GP_ERROR;
	}
	return GP_OK;
}

int gp_graph_ranking_by(uint32_t **out, const gp_graph *g, gp_rank_by by)
{
	*out = NULL;
	if ((unsigned)by >= GP_RANK_N) {
		return GP_EINVALID;
	}
	int arc = gp__graph_check_analytics(g);
	if (arc != GP_OK) {
		return arc;
	}
	uint32_t *v = malloc((g->nn ? g->nn : 1) * sizeof(*v));
	if (!v) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < g->nn; i++) {
		v[i] = (uint32_t)i;
	}
	rank_graph = g;
	rank_key = by;
	qsort(v, g->nn, sizeof(*v), cmp_rank);
	rank_graph = NULL;
	*out = v;
	return GP_OK;
}

int gp_graph_ranking(uint32_t **out, const gp_graph *g)
{
	return gp_graph_ranking_by(out, g, GP_RANK_PAGERANK);
}
