/*
 * graph_hubs.h - multilateral events drawn as hubs in pictures
 * (graph_hubs.c, docs/pictures.md). Private to graph_dot.c.
 */
#ifndef GEOPOL_GRAPH_HUBS_H
#define GEOPOL_GRAPH_HUBS_H

#include "geopol/graph.h"
#include "graph_impl.h"
#include "internal.h"

/*
 * A set of events summed up as an edge label says it: types and counts,
 * the first and last dates, the weight's sign, how firm they are.
 */
typedef struct {
	uint32_t count, planned, firm; /* firm: confirmed or reported */
	int64_t weight_micro;
	const gp_evref *first, *last; /* NULL: taken from edge below */
	const gp_edge *edge;          /* a whole edge's summary: its own fields */
	gp_type_count *types;         /* owned unless edge */
	uint32_t n_types;
} gp__ev_summary;

/* One hub: the events whose participants, at the graph's level, are the same nodes. */
typedef struct {
	uint32_t *nodes, n_nodes; /* graph node indexes, ascending */
	const gp_evref **events;  /* timeline order */
	uint32_t n_events;
} gp__hub;

typedef struct {
	gp__hub *hubs;
	size_t n_hubs;
	uint8_t *multi;      /* per dataset event: drawn by a hub (NULL: no hubs) */
	uint32_t *edge_rest; /* per graph edge: its events not drawn by a hub */
	size_t pairwise;     /* drawn edges carrying an event of 3 or more participants */
	void *mem;           /* what the hubs' arrays live in */
} gp__hub_plan;

/* gp_dot_options.hubs */
enum { GP_HUBS_AUTO = -1, GP_HUBS_NEVER = 0, GP_HUBS_ALWAYS = 1 };

/*
 * Plan the hubs of the drawn edges (edge_kept[i]) for mode GP_HUBS_*:
 * events on the drawn undirected edges that list all their events, whose
 * ends make 3 or more nodes. AUTO draws hubs when more than a third of the
 * drawn edges carry such an event. GP_OK or GP_ENOMEM; free with
 * gp__hubs_free.
 */
int gp__hubs_plan(gp__hub_plan *hp, const gp_graph *g, const uint8_t *edge_kept, int mode);
void gp__hubs_free(gp__hub_plan *hp);

/* Is reference r drawn by a hub? */
int gp__hubs_has(const gp__hub_plan *hp, const gp_evref *r);

/* The summary of a whole edge (borrowing its arrays). */
void gp__summary_edge(gp__ev_summary *s, const gp_graph *g, const gp_edge *e);
/*
 * The summary of n references (timeline order), skipping those hp draws as
 * hubs when skip_hubs. GP_OK or GP_ENOMEM; free with gp__summary_free.
 */
int gp__summary_refs(gp__ev_summary *s, const gp_graph *g, const gp_evref *const *refs, size_t n);
void gp__summary_free(gp__ev_summary *s);

#endif
