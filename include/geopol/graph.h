/*
 * geopol/graph.h - the relationship graph of DESIGN §4: actors (or the
 * countries they belong to) as nodes, events aggregated into edges, and
 * network analytics computed with igraph.
 *
 * Ownership: a gp_graph borrows the dataset it was built from (free the
 * graph first) and owns its nodes, edges and their lists. Getters return
 * pointers into the graph, valid until gp_graph_free().
 */
#ifndef GEOPOL_GRAPH_H
#define GEOPOL_GRAPH_H

#include <stdint.h>
#include <stdio.h>

#include "geopol/dataset.h"
#include "geopol/filter.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_graph gp_graph;

typedef enum { GP_LEVEL_ACTOR = 0, GP_LEVEL_COUNTRY } gp_level;

typedef struct {
	gp_level level;
	const gp_filter *filter; /**< events to use (NULL: all) */
	uint32_t min_count;      /**< drop edges with fewer events (0 or 1: keep all) */
	uint32_t max_event_ids;  /**< events listed per edge, the earliest (0: all;
				      GP_EVENT_IDS_AUTO: all, but 10 once imported
				      GDELT/ICEWS rows are among the events) */
	unsigned jobs;           /**< worker threads for gp_graph_stream (0 or 1: one) */
	/** Betweenness from this many pivots (sources of shortest paths); 0: exact
	    up to a budget, estimated past it; GP_BETWEENNESS_EXACT: exact always */
	uint32_t betweenness_pivots;
	/** gp_graph_stream at GP_LEVEL_COUNTRY over GDELT files only: an actor
	    code given with its country column is read as that country straight
	    away and not kept as an actor of the dataset (less time and memory
	    with many distinct codes; the graph is the same). The dataset then
	    lacks those actors: leave 0 when they are written or looked up (a
	    partial graph lists them, a path may start at one). */
	int collapse_codes;
	/** gp_graph_stream: leave the SOURCEURL of GDELT rows read from plain
	    files in those files until an output needs it; the writers read the
	    sources of what they write (a picture: of the edges it draws; the
	    JSON and the other formats: a window of edges at a time, put back
	    once written). Less time and memory when few edges are shown, less
	    memory when all are; the files must stay as they are, and such a
	    graph is written from one thread at a time.
	    0: every source is read before gp_graph_stream returns. */
	int sources_later;
	/** 1: leave the analytics out (degrees, strength, PageRank, betweenness
	    and communities: 0 in every node), for a graph that is only drawn
	    (gp_graph_write_dot, gp_graph_render) or written as a partial graph
	    (gp_graph_write_partial), none of which shows them; on big graphs
	    they take most of the time after reading. The outputs and lookups
	    that show them (JSON, GEXF, GraphML, Cytoscape.js, graphology, d3,
	    the actors table, the rankings) then fail with GP_ERROR. */
	int no_analytics;
} gp_graph_options;

#define GP_GRAPH_OPTIONS_INIT                                                                      \
	{                                                                                          \
		GP_LEVEL_ACTOR, NULL, 0, 0, 1, 0, 0, 0, 0                                          \
	}
#define GP_BETWEENNESS_EXACT UINT32_MAX
#define GP_EVENT_IDS_AUTO UINT32_MAX
#define GP_EVENT_IDS_IMPORTED 10 /* what AUTO lists once imported rows are read */

/** An event on an edge of a graph; opaque: see gp_graph_edge_event_id(). */
typedef struct gp_evref gp_evref;

typedef struct {
	gp_index actor;       /**< the actor this node stands for */
	gp_index country;     /**< the country it maps to at its latest event, or GP_NONE */
	uint32_t events;      /**< selected events it takes part in */
	uint32_t self_events; /**< events that produced a self-loop on it */
	uint32_t in_degree, out_degree; /**< distinct in- and out-neighbours */
	double strength;                /**< sum of |weight| of the edges touching it */
	double pagerank;
	double betweenness;
	uint32_t community; /**< numbered from 0 in the order of first node */
	/** strength counted by sign (docs/sign.md): the sums of the touching edges'
	    cooperation and of |conflict|, both >= 0 */
	double strength_cooperation, strength_conflict;
} gp_node;

typedef struct {
	gp_index type;
	uint32_t count;
} gp_type_count;

typedef struct {
	uint32_t source, target; /**< node indexes; undirected: source's id < target's */
	int directed;
	uint32_t count;                /**< events */
	double weight;                 /**< sum of event weights */
	int64_t first, last;           /**< earliest and latest event start (GP_TIME_MIN: open) */
	uint8_t first_prec, last_prec; /**< their precision (gp_precision) */
	uint8_t first_qual, last_qual; /**< their qualifiers: 1 approximate, 2 uncertain, 3 both
				      (among events starting then, the fewest) */
	uint32_t n_types;              /**< types counted: see gp_graph_edge_types() */
	uint32_t n_events;             /**< events listed: the earliest n_events of count
				      (all unless capped); see gp_graph_edge_event_id() */
	/** weight split by sign (docs/sign.md): the sum of the events weighing more
	    than 0 (>= 0) and of those weighing less (<= 0); weight is their sum */
	double cooperation, conflict;
	uint32_t count_cooperation, count_conflict; /**< events weighing > 0, < 0 */
} gp_edge;

/**
 * Build the graph of the events passing the filter, in timeline order, at the
 * level asked, and compute its analytics. The dataset must be finished
 * (gp_dataset_finish).
 * @return GP_OK, GP_ENOMEM, or GP_ERROR when the dataset is not finished or
 *         igraph failed (message in gp_graph_last_error()).
 */
int gp_graph_build(gp_graph **out, const gp_dataset *ds, const gp_graph_options *opts);
void gp_graph_free(gp_graph *g);

/**
 * Why the last graph call of this thread that returned GP_ERROR failed
 * (igraph, Graphviz, or a dataset not finished); "" if none. Thread-local
 * storage, valid until the thread's next graph call.
 */
const char *gp_graph_last_error(void);

const gp_dataset *gp_graph_dataset(const gp_graph *g);
/**
 * 0 when betweenness is exact; else the number of pivots it was estimated
 * from (big graphs, or gp_graph_options.betweenness_pivots), and *error
 * (when not NULL) the bound on every node's error, as a share of the largest
 * betweenness possible, (V-1)(V-2), at 95% confidence (0 when exact).
 */
uint32_t gp_graph_betweenness_pivots(const gp_graph *g, double *error);
gp_level gp_graph_level(const gp_graph *g);
size_t gp_graph_node_count(const gp_graph *g);
size_t gp_graph_edge_count(const gp_graph *g);
/** Nodes are in id order, edges in (source id, target id, directed) order. */
const gp_node *gp_graph_node(const gp_graph *g, size_t i);
const gp_edge *gp_graph_edge(const gp_graph *g, size_t i);
/** The node standing for an actor (after mapping to the level), or GP_NONE. */
uint32_t gp_graph_find_node(const gp_graph *g, gp_index actor);
/** Per-type counts of an edge, sorted by type name. */
const gp_type_count *gp_graph_edge_types(const gp_graph *g, const gp_edge *e);
/** How many of an edge's events have the status (gp_event_status_kind). */
uint32_t gp_graph_edge_status_count(const gp_graph *g, const gp_edge *e, int status);
/**
 * The id of an edge's k-th event in timeline order (k < e->n_events). The id
 * of an imported row ("gdelt-N") is made in `buf` (32 bytes do); others are
 * the dataset's.
 */
const char *gp_graph_edge_event_id(const gp_graph *g, const gp_edge *e, size_t k, char *buf,
				   size_t size);

/**
 * The sources of an edge (docs/sources.md): the citation ids and inline URLs
 * of its listed events (e->n_events), each once, in order of first use
 * along the events. The strings are borrowed from the graph and its dataset.
 * @param[out] out  the list; free() it (not the strings)
 * @return GP_OK or GP_ENOMEM
 */
int gp_graph_edge_sources(const char ***out, size_t *n, const gp_graph *g, const gp_edge *e);

/**
 * Build the graph of input files without keeping their events: GDELT and
 * ICEWS rows are aggregated as they are read, so memory holds only actors
 * and aggregated edges (each with at most max_event_ids event references).
 * Geopol JSON files among the inputs are loaded and added as usual. With
 * jobs > 1, plain (not gzipped) tabular files are read by that many threads,
 * in chunks, and the partial graphs merged. The filter's actor mask is not
 * supported here (use gp_graph_build). Loading problems go to `sink`; ds
 * receives the actors and is finished by the call.
 * @return as gp_graph_build, or GP_EINVALID / GP_EIO after reporting.
 */
int gp_graph_stream(gp_graph **out, gp_dataset *ds, const char *const *paths, size_t n,
		    gp_input_format fmt, const gp_graph_options *opts, gp_diag_sink *sink);

/**
 * Map an actor to the node it stands for at `level` for an event starting at
 * `t`: itself at actor level; at country level, the actor if it is a
 * country, else its nearest country ancestor through the membership valid
 * at t (the first listed when several are, or t is open), else itself.
 */
gp_index gp_graph_map_actor(const gp_dataset *ds, gp_index actor, gp_level level, int64_t t);

/**
 * The shortest chain of relations between two nodes, following edges in
 * either direction; among equally short chains, the one whose node
 * sequence comes first in node order.
 * @param[out] out  node indexes from `from` to `to`; free()
 * @return GP_OK, GP_ENOTFOUND (no path), GP_ENOMEM or GP_ERROR
 */
int gp_graph_path(uint32_t **out, size_t *n, const gp_graph *g, uint32_t from, uint32_t to);

/**
 * Nodes ranked for `geopol actors`: by PageRank (highest first), then
 * betweenness, then events, then id.
 * @param[out] out  node indexes; free()
 */
int gp_graph_ranking(uint32_t **out, const gp_graph *g);

/** What `geopol actors --by` ranks by: a node's value of that name (gp_node). */
typedef enum {
	GP_RANK_PAGERANK = 0,
	GP_RANK_BETWEENNESS,
	GP_RANK_STRENGTH,
	GP_RANK_STRENGTH_COOPERATION,
	GP_RANK_STRENGTH_CONFLICT,
	GP_RANK_EVENTS,
	GP_RANK_DEGREE, /**< in_degree + out_degree */
	GP_RANK_IN_DEGREE,
	GP_RANK_OUT_DEGREE,
	GP_RANK_N
} gp_rank_by;

/** The name of a ranking key ("pagerank", "strength_conflict", ...), NULL past the last. */
const char *gp_rank_by_name(gp_rank_by by);
/** The key of that name, or -1. */
int gp_rank_by_from_name(const char *name);

/**
 * Nodes ranked by a key, highest first; ties as gp_graph_ranking's order
 * (PageRank, betweenness, events, id). gp_graph_ranking is GP_RANK_PAGERANK.
 * @param[out] out  node indexes; free()
 * @return GP_OK, GP_ENOMEM, GP_EINVALID for an unknown key, or GP_ERROR when
 *         the graph was built with no_analytics (as gp_graph_ranking)
 */
int gp_graph_ranking_by(uint32_t **out, const gp_graph *g, gp_rank_by by);

typedef enum { GP_TABLE_TEXT = 0, GP_TABLE_CSV, GP_TABLE_JSON } gp_table_format;

/** Write the ranked table of actors (`geopol actors`), its first `n` rows. */
int gp_graph_write_actors(FILE *fp, const gp_graph *g, const uint32_t *order, size_t n,
			  gp_table_format format);

/**
 * Write a path (from gp_graph_path) for reading: the chain, then for each hop
 * the edges between the two nodes and the events behind them.
 */
int gp_graph_write_path(FILE *fp, const gp_graph *g, const uint32_t *path, size_t n);

/**
 * Write the graph as a partial graph (docs/merge.md): JSON Lines holding
 * the actors, nodes and aggregated edges exactly, for gp_graph_merge.
 */
int gp_graph_write_partial(FILE *fp, const gp_graph *g, uint32_t max_event_ids);

/**
 * Merge partial graphs (written by gp_graph_write_partial, from shards of
 * the same data) into the graph of the whole: counts, weights, first/last
 * and event lists come out as if the shards had been read as one. ds
 * receives the actors and is finished by the call. Problems go to sink.
 */
int gp_graph_merge(gp_graph **out, gp_dataset *ds, const char *const *paths, size_t n,
		   const gp_graph_options *opts, gp_diag_sink *sink);

/** Write the graph as JSON (DESIGN §7) with cJSON. */
int gp_graph_write_json(FILE *fp, const gp_graph *g);

/*
 * The graph in the formats other tools read (DESIGN §8). Each carries what
 * the JSON carries, nodes and edges in its order, edge ids "e" + the
 * edge's index. Each returns GP_OK, GP_EIO (a write failed) or GP_ENOMEM,
 * and, as gp_graph_write_json and gp_graph_write_actors, GP_ERROR when the
 * graph was built with no_analytics.
 */

/** GEXF 1.3 (Gephi, graphology-gexf): dynamic, a spell per listed event on each edge. */
int gp_graph_write_gexf(FILE *fp, const gp_graph *g);
/** GraphML (networkx, igraph, graphology-graphml, yEd). */
int gp_graph_write_graphml(FILE *fp, const gp_graph *g);
/** Cytoscape.js elements JSON (also Cytoscape's .cyjs, networkx's cytoscape_graph). */
int gp_graph_write_cytoscape(FILE *fp, const gp_graph *g);
/** graphology's serialised form, for Graph.from() (and sigma.js). */
int gp_graph_write_graphology(FILE *fp, const gp_graph *g);
/** Node-link JSON as networkx writes it, for node_link_graph and d3-force. */
int gp_graph_write_d3(FILE *fp, const gp_graph *g);

/**
 * The Cytoscape.js JSON of gp_graph_write_cytoscape as a string, to embed
 * in a page: `*out` (NUL-terminated, `*len` bytes) is the caller's to
 * free(). With html_safe, '<', '>', '&', U+2028 and U+2029 are written as
 * \u escapes (the same JSON), so the text can stand inside an HTML
 * <script> element.
 * @return GP_OK or GP_ENOMEM
 */
int gp_graph_cytoscape_json(char **out, size_t *len, const gp_graph *g, int html_safe);

/**
 * How to draw. What is drawn is planned by size so that a picture stays
 * readable and renders in seconds (the JSON keeps everything): at most
 * top_edges edges, the strongest by count (auto: 250), with the nodes they
 * join; labels on edges while at most 60 are drawn; Graphviz's dot engine
 * (with country clusters) up to 30 edges, neato up to 60 nodes, sfdp beyond.
 */
typedef struct {
	const char *layout; /**< Graphviz engine; NULL: chosen by size */
	int clusters;    /**< at actor level, draw each country's actors in a cluster (dot, fdp) */
	int edge_labels; /**< types and dates on edges: 1, 0, or -1 chosen by size */
	uint32_t top_edges; /**< draw at most this many edges; 0: chosen by size */
	int hubs; /**< 3+ participants' events as hubs: 1, 0, -1 auto (docs/pictures.md) */
} gp_dot_options;

#define GP_DOT_OPTIONS_INIT                                                                        \
	{                                                                                          \
		NULL, 1, -1, 0, -1                                                                 \
	}

/** Write DOT through cgraph. */
int gp_graph_write_dot(FILE *fp, const gp_graph *g, const gp_dot_options *opts);

/**
 * Lay out and render with libgvc: format "svg", "png" or "pdf".
 * @return GP_OK, GP_EIO, GP_ENOMEM, or GP_ERROR (Graphviz failed; message in
 *         gp_graph_last_error())
 */
int gp_graph_render(FILE *fp, const gp_graph *g, const char *format, const gp_dot_options *opts);

#ifdef __cplusplus
}
#endif
#endif
