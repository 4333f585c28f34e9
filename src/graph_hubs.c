/*
 * graph_hubs.c - multilateral events drawn as hubs (docs/pictures.md).
 *
 * An event with participants makes an undirected edge for each pair of
 * them: talks among eight parties draw 28 edges, and a few such rounds turn
 * a picture into a clique of labels. Pictures draw such an event as a small
 * hub node joined to its participants instead; events with the same
 * participants (rounds of the same talks) share one hub. The graph itself,
 * its JSON and its analytics keep the pairwise edges: only the drawing
 * changes. The events are read from the drawn edges' event lists, so the
 * participants are those at the graph's level (actors mapped to their
 * countries), and an edge whose list is capped (--max-event-ids) is left
 * whole: its events cannot all be told apart.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geopol/dataset.h"
#include "graph_hubs.h"

typedef struct {
	gp_index event;
	uint32_t node;
	const gp_evref *ref;
} ev_node;

typedef GP_VEC(ev_node) ev_nodes;

typedef struct {
	size_t at, n; /* the event's nodes: pairs[at .. at + n) */
	const gp_evref *ref;
} ev_set;

static _Thread_local const ev_node *sort_pairs; /* qsort has no context argument */

static int cmp_ev_node(const void *pa, const void *pb)
{
	const ev_node *a = pa, *b = pb;
	if (a->event != b->event) {
		return a->event < b->event ? -1 : 1;
	}
	return (a->node > b->node) - (a->node < b->node);
}

/* By participants (fewest first, then node by node), then timeline order. */
static int cmp_ev_set(const void *pa, const void *pb)
{
	const ev_set *a = pa, *b = pb;
	if (a->n != b->n) {
		return a->n < b->n ? -1 : 1;
	}
	for (size_t i = 0; i < a->n; i++) {
		uint32_t x = sort_pairs[a->at + i].node, y = sort_pairs[b->at + i].node;
		if (x != y) {
			return x < y ? -1 : 1;
		}
	}
	return gp__evref_cmp(a->ref, b->ref);
}

static int cmp_hub(const void *pa, const void *pb)
{
	const gp__hub *a = pa, *b = pb;
	return gp__evref_cmp(a->events[0], b->events[0]);
}

static int same_nodes(const ev_node *p, const ev_set *a, const ev_set *b)
{
	if (a->n != b->n) {
		return 0;
	}
	for (size_t i = 0; i < a->n; i++) {
		if (p[a->at + i].node != p[b->at + i].node) {
			return 0;
		}
	}
	return 1;
}

/*
 * Can edge i's events be split between hubs and the edge? A drawn
 * undirected edge that lists all its events, every one a dataset event
 * (whose type the edge's own label needs).
 */
static int splittable(const gp_graph *g, const uint8_t *kept, size_t i)
{
	const gp_edge *e = gp_graph_edge(g, i);
	const gp_evref *ev = gp__edge_events(g, e);
	if (!kept[i] || e->directed || e->n_events != e->count) {
		return 0;
	}
	for (uint32_t k = 0; k < e->n_events; k++) {
		if (ev[k].kind != GP_EVREF_DATASET) {
			return 0;
		}
	}
	return 1;
}

/* Each dataset event on the drawn undirected edges, with each of its nodes. */
static int collect(ev_nodes *pairs, const gp_graph *g, const uint8_t *kept)
{
	for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		const gp_evref *ev = gp__edge_events(g, e);
		uint32_t n = splittable(g, kept, i) ? e->n_events : 0;
		for (uint32_t k = 0; k < n; k++) {
			ev_node a = { (gp_index)ev[k].id, e->source, &ev[k] };
			ev_node b = { (gp_index)ev[k].id, e->target, &ev[k] };
			if (GP_VEC_PUSH(*pairs, a) || GP_VEC_PUSH(*pairs, b)) {
				return GP_ENOMEM;
			}
		}
	}
	return GP_OK;
}

/* The hubs of the multilateral events in sets[0..n), sorted by participants. */
static int make_hubs(gp__hub_plan *hp, const ev_node *pairs, const ev_set *sets, size_t n)
{
	size_t nh = 0;
	for (size_t i = 0; i < n; i++) {
		nh += i == 0 || !same_nodes(pairs, &sets[i - 1], &sets[i]);
	}
	size_t nodes = 0;
	for (size_t i = 0; i < n; i++) {
		nodes += i == 0 || !same_nodes(pairs, &sets[i - 1], &sets[i]) ? sets[i].n : 0;
	}
	/* One block: hubs, then their node lists, then their event lists. */
	size_t bytes = nh * sizeof(gp__hub) + nodes * sizeof(uint32_t) + n * sizeof(gp_evref *);
	char *mem = calloc(bytes ? bytes : 1, 1);
	if (!mem) {
		return GP_ENOMEM;
	}
	hp->mem = mem;
	hp->hubs = (gp__hub *)(void *)mem;
	const gp_evref **evs = (const gp_evref **)(void *)(mem + nh * sizeof(gp__hub));
	uint32_t *nd = (uint32_t *)(void *)(evs + n);
	gp__hub *h = NULL;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || !same_nodes(pairs, &sets[i - 1], &sets[i])) {
			h = &hp->hubs[hp->n_hubs++];
			h->nodes = nd;
			h->n_nodes = (uint32_t)sets[i].n;
			h->events = evs + i;
			for (size_t k = 0; k < sets[i].n; k++) {
				*nd++ = pairs[sets[i].at + k].node;
			}
		}
		h->events[h->n_events++] = sets[i].ref;
		hp->multi[pairs[sets[i].at].event] = 1;
	}
	if (hp->n_hubs > 1) { /* qsort of NULL is undefined, even for no element */
		qsort(hp->hubs, hp->n_hubs, sizeof(*hp->hubs), cmp_hub);
	}
	return GP_OK;
}

/* How many drawn edges carry a multilateral event; edge_rest. */
static size_t count_rest(gp__hub_plan *hp, const gp_graph *g, const uint8_t *kept, int mark)
{
	size_t pairwise = 0;
	for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		const gp_evref *ev = gp__edge_events(g, e);
		uint32_t in_hubs = 0;
		uint32_t n = splittable(g, kept, i) ? e->n_events : 0;
		for (uint32_t k = 0; k < n; k++) {
			in_hubs += gp__hubs_has(hp, &ev[k]);
		}
		pairwise += in_hubs > 0;
		hp->edge_rest[i] = e->count - (mark ? in_hubs : 0);
	}
	return pairwise;
}

int gp__hubs_plan(gp__hub_plan *hp, const gp_graph *g, const uint8_t *edge_kept, int mode)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	size_t ne = gp_graph_edge_count(g), nev = ds ? gp_dataset_event_count(ds) : 0;
	ev_nodes pairs = { 0 };
	GP_VEC(ev_set) sets = { 0 };
	int rc = GP_ENOMEM;
	memset(hp, 0, sizeof(*hp));
	hp->edge_rest = calloc(ne ? ne : 1, sizeof(*hp->edge_rest));
	hp->multi = calloc(nev ? nev : 1, 1);
	if (!hp->edge_rest || !hp->multi ||
	    (mode != GP_HUBS_NEVER && collect(&pairs, g, edge_kept))) {
		goto done;
	}
	/* Each event's distinct nodes, in a run; three or more make it multilateral. */
	if (pairs.n > 1) { /* qsort of NULL is undefined, even for no element */
		qsort(pairs.v, pairs.n, sizeof(*pairs.v), cmp_ev_node);
	}
	size_t w = 0;
	for (size_t i = 0; i < pairs.n; i++) {
		if (w == 0 || cmp_ev_node(&pairs.v[w - 1], &pairs.v[i]) != 0) {
			pairs.v[w++] = pairs.v[i];
		}
	}
	pairs.n = w;
	for (size_t i = 0, j; i < pairs.n; i = j) {
		for (j = i; j < pairs.n && pairs.v[j].event == pairs.v[i].event; j++) {
			/* the run */
		}
		ev_set s = { i, j - i, pairs.v[i].ref };
		if (j - i >= 3) {
			hp->multi[pairs.v[i].event] = 1; /* for the count below */
			if (GP_VEC_PUSH(sets, s)) {
				goto done;
			}
		}
	}
	hp->pairwise = count_rest(hp, g, edge_kept, 0);
	size_t drawn = 0;
	for (size_t i = 0; i < ne; i++) {
		drawn += edge_kept[i] != 0;
	}
	memset(hp->multi, 0, nev ? nev : 1);
	if (mode == GP_HUBS_NEVER || sets.n == 0 ||
	    (mode == GP_HUBS_AUTO && hp->pairwise * 3 <= drawn)) {
		count_rest(hp, g, edge_kept, 0);
		rc = GP_OK;
		goto done;
	}
	sort_pairs = pairs.v;
	if (sets.n > 1) { /* qsort of NULL is undefined, even for no element */
		qsort(sets.v, sets.n, sizeof(*sets.v), cmp_ev_set);
	}
	sort_pairs = NULL;
	if (make_hubs(hp, pairs.v, sets.v, sets.n) != GP_OK) {
		goto done;
	}
	count_rest(hp, g, edge_kept, 1);
	rc = GP_OK;
done:
	GP_VEC_FREE(pairs);
	GP_VEC_FREE(sets);
	return rc;
}

void gp__hubs_free(gp__hub_plan *hp)
{
	free(hp->edge_rest);
	free(hp->multi);
	free(hp->mem);
	memset(hp, 0, sizeof(*hp));
}

int gp__hubs_has(const gp__hub_plan *hp, const gp_evref *r)
{
	return hp->multi && r->kind == GP_EVREF_DATASET && hp->multi[r->id];
}

void gp__summary_edge(gp__ev_summary *s, const gp_graph *g, const gp_edge *e)
{
	memset(s, 0, sizeof(*s));
	s->edge = e;
	s->count = e->count;
	s->planned = gp_graph_edge_status_count(g, e, GP_STATUS_PLANNED);
	s->firm = gp_graph_edge_status_count(g, e, GP_STATUS_CONFIRMED) +
		  gp_graph_edge_status_count(g, e, GP_STATUS_REPORTED);
	s->weight_micro = e->weight > 0 ? 1 : e->weight < 0 ? -1 : 0;
	s->types = (gp_type_count *)gp_graph_edge_types(g, e);
	s->n_types = e->n_types;
}

static _Thread_local const gp_dataset *sort_ds;

static int cmp_type_name(const void *pa, const void *pb)
{
	const gp_type_count *x = pa, *y = pb;
	return strcmp(gp_dataset_type(sort_ds, x->type)->name,
		      gp_dataset_type(sort_ds, y->type)->name);
}

int gp__summary_refs(gp__ev_summary *s, const gp_graph *g, const gp_evref *const *refs, size_t n)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	memset(s, 0, sizeof(*s));
	s->types = calloc(n ? n : 1, sizeof(*s->types));
	if (!s->types) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const gp_event *x = gp_dataset_event(ds, (gp_index)refs[i]->id);
		gp_index t = gp_event_type(x);
		uint32_t k = 0;
		while (k < s->n_types && s->types[k].type != t) {
			k++;
		}
		s->types[k].type = t;
		s->types[k].count++;
		s->n_types += k == s->n_types;
		s->count++;
		s->weight_micro += llround(gp_event_weight(x) * 1e6);
		s->planned += gp_event_status(x) == GP_STATUS_PLANNED;
		s->firm += gp_event_status(x) == GP_STATUS_CONFIRMED ||
			   gp_event_status(x) == GP_STATUS_REPORTED;
		s->first = s->first ? s->first : refs[i];
		s->last = refs[i]; /* timeline order: the latest start comes last */
	}
	sort_ds = ds;
	if (s->n_types > 1) { /* qsort of NULL is undefined, even for no element */
		qsort(s->types, s->n_types, sizeof(*s->types), cmp_type_name);
	}
	sort_ds = NULL;
	return GP_OK;
}

void gp__summary_free(gp__ev_summary *s)
{
	if (!s->edge) {
		free(s->types);
	}
	s->types = NULL;
}
