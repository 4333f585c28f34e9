/*
 * geopol/view.h - the viewer (DESIGN §8): one self-contained HTML page
 * holding the graph (Cytoscape.js) and the timeline (vis-timeline), linked,
 * with every script, style and datum inline, so that it works from file:
 * with the network off.
 */
#ifndef GEOPOL_VIEW_H
#define GEOPOL_VIEW_H

#include <stdint.h>
#include <stdio.h>

#include "geopol/graph.h"
#include "geopol/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * What the page holds. A browser draws a few hundred relations and a few
 * thousand events in seconds, and a big input in minutes or not at all, so
 * the page holds at most max_edges relations, the strongest by count (as the
 * picture), with the actors they join, and at most max_events of the events
 * on them: each shown relation (or actor, for an event with no relation)
 * gets an equal share, the rest going to those with more, taken evenly
 * through its events in time, first and last included. Smaller inputs are
 * whole. The cut is stated on the page and in gp_view_shown.
 */
typedef struct {
	uint32_t max_edges;  /**< 0: GP_VIEW_MAX_EDGES */
	uint32_t max_events; /**< 0: GP_VIEW_MAX_EVENTS */
} gp_view_options;

#define GP_VIEW_MAX_EDGES 250
#define GP_VIEW_MAX_EVENTS 2000
#define GP_VIEW_OPTIONS_INIT                                                                       \
	{                                                                                          \
		0, 0                                                                               \
	}

/** What a page shows of what it was given: nodes, edges and events, shown and in all. */
typedef struct {
	size_t nodes, edges, events;
	size_t all_nodes, all_edges, all_events;
} gp_view_shown;

/**
 * Write the page of graph `g` and the events `order[0..n)` of its dataset
 * (gp_timeline_build with the filter the graph was built with). topts
 * (NULL: defaults) gives --as-of, which widens the timeline's span as in
 * GP_TIMELINE_VIS; its format is ignored. vopts (NULL: defaults) bounds
 * what the page holds; shown (NULL: not wanted) says what it holds. The
 * page is the same bytes for the same input. The data go in
 * <script type="application/json"> blocks, with `<`, `>` and `&` written as
 * \u escapes, so no text of the input can end a block or be read as markup.
 * @return GP_OK, GP_EIO (a write failed) or GP_ENOMEM
 */
int gp_view_write(FILE *fp, const gp_graph *g, const gp_index *order, size_t n,
		  const gp_timeline_options *topts, const gp_view_options *vopts,
		  gp_view_shown *shown);

#ifdef __cplusplus
}
#endif
#endif
