/*
 * geopol/view.h - the viewer (DESIGN §8): one self-contained HTML page
 * holding the graph (Cytoscape.js) and the timeline (vis-timeline), linked,
 * with every script, style and datum inline, so that it works from file:
 * with the network off.
 */
#ifndef GEOPOL_VIEW_H
#define GEOPOL_VIEW_H

#include <stdio.h>

#include "geopol/graph.h"
#include "geopol/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write the page of graph `g` and the events `order[0..n)` of its dataset
 * (gp_timeline_build with the filter the graph was built with). topts
 * (NULL: defaults) gives --as-of, which widens the timeline's span as in
 * GP_TIMELINE_VIS; its format is ignored. The page is the same bytes for
 * the same input. The data go in <script type="application/json"> blocks,
 * with `<`, `>` and `&` written as \u escapes, so no text of the input can
 * end a block or be read as markup.
 * @return GP_OK, GP_EIO (a write failed) or GP_ENOMEM
 */
int gp_view_write(FILE *fp, const gp_graph *g, const gp_index *order, size_t n,
		  const gp_timeline_options *topts);

#ifdef __cplusplus
}
#endif
#endif
