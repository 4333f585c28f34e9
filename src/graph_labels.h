/*
 * graph_labels.h - placing edge labels after the layout (graph_labels.c).
 * Private to the Graphviz writers (graphviz_impl.h).
 */
#ifndef GEOPOL_GRAPH_LABELS_H
#define GEOPOL_GRAPH_LABELS_H

#include <graphviz/cgraph.h>

/* Edges drawn with labels when the picture is planned by size (graph_dot.c). */
#define MAX_LABELLED_EDGES 60

/*
 * Move each edge label of the laid-out graph g that overlaps something to
 * the free place nearest the middle of its edge. Graphs with more than
 * 4 * MAX_LABELLED_EDGES labels are left as laid out. GP_OK or GP_ENOMEM.
 */
int gp__place_labels(Agraph_t *g);
/*
 * The same; then *unfit (malloc'd, the caller frees it) lists the edges
 * whose label still touches a node, a curve or another label, in drawing
 * order. GP_OK or GP_ENOMEM.
 */
int gp__place_labels_fit(Agraph_t *g, Agedge_t ***unfit, size_t *n_unfit);

/*
 * *out (malloc'd, the caller frees it): the edges of the laid-out g whose
 * curve runs through a node it does not join. GP_OK or GP_ENOMEM.
 */
int gp__edges_through_nodes(Agraph_t *g, Agedge_t ***out, size_t *n_out);

#endif
