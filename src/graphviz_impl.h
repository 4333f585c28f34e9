/*
 * graphviz_impl.h - what the Graphviz writers share (graph_dot.c owns it):
 * graphs whose DOT does not change with the allocator, escaped labels, and
 * rendering in-process with libgvc. Private; only graph_dot.c,
 * graph_labels.c and timeline_chart.c include Graphviz's headers.
 */
#ifndef GEOPOL_GRAPHVIZ_IMPL_H
#define GEOPOL_GRAPHVIZ_IMPL_H

#include <graphviz/cgraph.h>
#include <stdio.h>

#include "internal.h"

/* A directed graph whose objects are numbered in creation order; NULL on ENOMEM. */
Agraph_t *gp__dot_open(const char *name);
/* Did the graph keep every name so far? (A failed one means out of memory.) */
int gp__dot_ids_ok(Agraph_t *g);
/* agclose, freeing what cgraph would leak. */
void gp__dot_close(Agraph_t *g);
/* agsafeset with an empty default (declare real defaults with agattr first). */
void gp__dot_set(void *obj, const char *name, const char *value);
/* User text into a plain DOT label: '\' doubled, line breaks as "\n". */
void gp__dot_escape(gp_sbuf *b, const char *s);
/*
 * Lay g out with `layout`, render it as `format` (svg, png, pdf) in memory
 * and write it to fp; with place_labels, edge labels that overlap something
 * are moved first (graph_labels.c). The caller keeps g and runs in the C
 * locale. GP_OK, GP_EIO, GP_ENOMEM, or GP_ERROR (gp_graph_last_error()).
 */
int gp__dot_render(FILE *fp, Agraph_t *g, const char *layout, const char *format, int place_labels);

#endif
