/*
 * graphviz_impl.h - what the Graphviz writers share (graphviz_base.c,
 * graph_dot.c and graph_render.c own it): graphs whose DOT does not change
 * with the allocator, escaped labels, the pictures' styles, and rendering
 * in-process with libgvc. Private; only graphviz_base.c, graph_dot.c,
 * graph_render.c, graph_labels.c and timeline_chart.c include Graphviz's
 * headers.
 */
#ifndef GEOPOL_GRAPHVIZ_IMPL_H
#define GEOPOL_GRAPHVIZ_IMPL_H

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
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

/* DOT label text (escaped) on one line: its line breaks as " · " (graph_render.c). */
void gp__dot_one_line(gp_sbuf *b, const char *text);

/* The process's Graphviz context (NULL on ENOMEM), and gp_graph_last_error() set from Graphviz's. */
GVC_t *gp__dot_context(void);
GP_PRINTF(1, 2) void gp__dot_error(const char *fmt, ...);

/* How the graph pictures draw actors by kind (GP_KIND_*) and edges by sign. */
extern const char *const gp__kind_shape[GP_KIND_COUNT];
extern const char *const gp__kind_fill[GP_KIND_COUNT];
#define GP_COLOR_COOP "#1a9850"
#define GP_COLOR_CONFLICT "#d73027"
#define GP_COLOR_NEUTRAL "#7f7f7f"
/* Edge styles by how firm their events are (docs/claims.md), bits of gp__picture_key.styles. */
enum { GP_EDGE_SOLID = 0, GP_EDGE_DASHED = 1, GP_EDGE_DOTTED = 2 };

/*
 * What a graph picture draws under itself (graph_render.c, docs/pictures.md):
 * a one-line legend of what is in use, the hubs' key, and the key of the
 * edge labels that did not fit.
 */
typedef struct {
	const char *prefix; /* names of our own nodes start with it, no actor id does */
	int kinds_used[GP_KIND_COUNT];
	unsigned styles;     /* 1 << GP_EDGE_* of the drawn edges */
	size_t n_hubs;       /* hubs drawn, numbered from 1 */
	const char *hub_key; /* lines "1  text\l" (DOT-escaped), or NULL */
} gp__picture_key;

/*
 * Lay g out with `layout`, place the edge labels, replace the ones that do
 * not fit by numbers, pin every position and add the legend and keys
 * under the picture, then render it as gp__dot_render does.
 */
int gp__dot_render_keyed(FILE *fp, Agraph_t *g, const char *layout, const char *format,
			 const gp__picture_key *key);

#endif
