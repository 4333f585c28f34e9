/*
 * graph_values.h - what graph.json says of the graph, of each node and of
 * each edge, key by key, with the key's type: the one source of the values
 * every graph writer carries (graph.json, GEXF, GraphML, Cytoscape.js,
 * graphology, node-link), so that a value is made in one place and each
 * format only decides where it goes. Private.
 */
#ifndef GEOPOL_GRAPH_VALUES_H
#define GEOPOL_GRAPH_VALUES_H

#include <cjson/cJSON.h>

#include "graph_impl.h"
#include "json_util.h"

typedef enum {
	GP_GV_STRING, /* s */
	GP_GV_BOOL,   /* x: 0 or 1 */
	GP_GV_COUNT,  /* x: a whole number (counts, degrees, the community) */
	GP_GV_REAL,   /* x */
	GP_GV_JSON    /* json: a list or an object */
} gp_gv_type;

typedef struct {
	const char *key; /* graph.json's */
	gp_gv_type type;
	int optional; /* graph.json leaves the key out, rather than writing null, when there is none */
} gp_gv_key;

/* One value. Strings are borrowed (from the dataset, or the scratch); json is owned until taken. */
typedef struct {
	int none; /* null, or absent when the key is optional */
	const char *s;
	double x;
	cJSON *json;
} gp_gv;

/* The keys, in graph.json's order. */
enum {
	GP_GK_GEOPOL,
	GP_GK_KIND,
	GP_GK_LEVEL,
	GP_GK_TITLE,
	GP_GK_PIVOTS,
	GP_GK_SEED,
	GP_GK_ERROR,
	GP_GK_CITATIONS,
	GP_GK_N
};
enum {
	GP_NK_ID,
	GP_NK_LABEL,
	GP_NK_KIND,
	GP_NK_COUNTRY,
	GP_NK_EVENTS,
	GP_NK_SELF_EVENTS,
	GP_NK_IN_DEGREE,
	GP_NK_OUT_DEGREE,
	GP_NK_STRENGTH,
	GP_NK_STRENGTH_COOP,
	GP_NK_STRENGTH_CONF,
	GP_NK_PAGERANK,
	GP_NK_BETWEENNESS,
	GP_NK_COMMUNITY,
	GP_NK_ROLE,
	GP_NK_N
};
enum {
	GP_EK_SOURCE,
	GP_EK_TARGET,
	GP_EK_DIRECTED,
	GP_EK_COUNT,
	GP_EK_WEIGHT,
	GP_EK_COOP,
	GP_EK_CONF,
	GP_EK_COUNT_COOP,
	GP_EK_COUNT_CONF,
	GP_EK_TYPES,
	GP_EK_FIRST,
	GP_EK_LAST,
	GP_EK_EVENTS,
	GP_EK_SOURCES,
	GP_EK_EVENTS_MORE,
	GP_EK_STATUSES,
	GP_EK_N
};
extern const gp_gv_key gp__graph_keys[GP_GK_N];
extern const gp_gv_key gp__node_keys[GP_NK_N];
extern const gp_gv_key gp__edge_keys[GP_EK_N];

/*
 * What is made for one element (an edge's bounds and event ids, a printed
 * list) lives here until the next; zero it first, free it with
 * gp__gv_scratch_free.
 */
typedef struct {
	char bound[2][32];
	char *ids; /* GP_EVENT_ID_MAX bytes per listed event */
	size_t ids_cap;
	char num[32];
	gp__json_pbuf print;
} gp_gv_scratch;

#define GP_EVENT_ID_MAX 48

void gp__gv_scratch_free(gp_gv_scratch *sc);

/* The values of the graph, of node i, of edge i: GP_OK or GP_ENOMEM (graph, edges). */
int gp__gv_graph(gp_gv v[GP_GK_N], const gp_graph *g);
void gp__gv_node(gp_gv v[GP_NK_N], const gp_graph *g, size_t i);
int gp__gv_edge(gp_gv v[GP_EK_N], const gp_graph *g, size_t i, gp_gv_scratch *sc);
/* Free the lists and objects not taken. */
void gp__gv_release(gp_gv *v, size_t n);

/*
 * Add keys[from..to) to a cJSON object as graph.json writes them (keys and
 * strings borrowed, lists taken). 0, or -1 out of memory.
 */
int gp__gv_add(cJSON *obj, const gp_gv_key *keys, gp_gv *v, size_t from, size_t to);

/*
 * A value as the text of an XML attribute or element: numbers as cJSON
 * prints them (so they read back as graph.json's), booleans "true" or
 * "false", lists and objects as compact JSON. Valid until the scratch is
 * used again; NULL out of memory.
 */
const char *gp__gv_text(const gp_gv *v, gp_gv_type type, gp_gv_scratch *sc);

/*
 * After a document's head (gp__json_stream_head), its nodes and edges, an
 * element a line, each made by the maker given (NULL: out of memory), in
 * lists named "nodes" and `edges`, within an object named `within` unless
 * NULL. Then the document's end. GP_OK, GP_EIO or GP_ENOMEM.
 */
typedef cJSON *(*gp_gv_maker)(const gp_graph *g, size_t i, int form, gp_gv_scratch *sc);
int gp__gv_stream_lists(FILE *fp, const gp_graph *g, const char *within, const char *edges,
			gp_gv_maker node, gp_gv_maker edge, int form);
/* The same, of the nodes and edges kept (node_keep[i], edge_keep[i]; NULL: all). */
int gp__gv_stream_some(FILE *fp, const gp_graph *g, const char *within, const char *edges,
		       gp_gv_maker node, gp_gv_maker edge, int form, const uint8_t *node_keep,
		       const uint8_t *edge_keep);

/* A number as graph.json has it: as cJSON prints it. */
const char *gp__gv_number(double x, char buf[32]);

#endif
