/*
 * graph_impl.h - the inside of gp_graph and the aggregator that builds it
 * (agg.c). Private.
 *
 * The aggregator takes one event at a time, with its actors already mapped to
 * the graph's level, in any order: each edge keeps the earliest events by
 * timeline order (a bounded heap), weights add up in fixed point so that the
 * sum does not depend on the order (merged shards equal the whole), and two
 * aggregators over the same kind of input merge into one.
 */
#ifndef GEOPOL_GRAPH_IMPL_H
#define GEOPOL_GRAPH_IMPL_H

#include "geopol/graph.h"
#include "internal.h"

/* Where an event reference points. */
enum {
	GP_EVREF_DATASET = 0, /* id is an event index in the graph's dataset */
	GP_EVREF_GDELT,       /* id is the number of "gdelt-N" */
	GP_EVREF_ICEWS,       /* id is the number of "icews-N" */
	GP_EVREF_NAMED        /* id is a pointer to the event id's text (merged partial graphs) */
};

/*
 * An event on an edge: its place in timeline order (start, then later end
 * first, then input order, then id: gp__evref_cmp) and which event it is: a
 * dataset event index, or the number of an imported row's id ("gdelt-N",
 * "icews-N").
 */
struct gp_evref {
	int64_t start, end;
	uint64_t seq; /* input order */
	uint64_t id;
	uint8_t prec; /* gp_precision of the start */
	uint8_t kind; /* GP_EVREF_* */
	uint8_t qual; /* the start's qualifiers: GP_QUAL_* */
	/*
	 * 1: the event's one source is still in its input file, not read: the
	 * SOURCEURL of a GDELT row streamed from a plain file, at byte src_pos
	 * of the dataset's file src_file, to its line's end. Its graph reads it
	 * when an output needs it (gp__graph_read_sources): streamed rows' URLs
	 * then cost nothing on the many events no output shows.
	 */
	uint8_t src_in_file;
	uint32_t src_file;
	union {
		/*
		 * The event's sources (citation ids and inline URLs) where the dataset
		 * does not hold them (streamed rows, merged partial graphs): packed,
		 * each NUL-terminated, the list ended by an empty string; NULL: none,
		 * or a dataset event's (gp__evref_source). A kept reference owns its
		 * copy (the aggregator's heap, then the graph); one handed to the
		 * aggregator is borrowed for the call.
		 */
		const char *src;
		uint64_t src_pos; /* src_in_file */
	};
};

/*
 * The time a node's events cover: the earliest start and the latest end of
 * them all (GP_TIME_MIN / GP_TIME_MAX where any is open), for the spells of
 * GEXF (DESIGN §8).
 */
typedef struct {
	int64_t start, end;
} gp_span;

/* What the graph keeps of an edge beyond gp_edge: edge_more[i] is edges[i]'s. */
typedef struct {
	int64_t weight_micro; /* the weight, exactly, in millionths */
	int64_t coop_micro;   /* its cooperation (positive part), exactly; conflict is the rest */
	uint32_t type_off;    /* its type counts in types[type_off ..] */
	gp_evref *refs;       /* its n_events events, owned by the graph */
	/* Events by status (gp_event_status_kind); [GP_STATUS_REPORTED] is the rest of count. */
	uint32_t status_n[GP_STATUS_COUNT];
} gp_edge_more;

struct gp_graph {
	const gp_dataset *ds;
	gp_level level;
	gp_node *nodes;
	gp_evref *latest; /* latest[i]: node i's latest event in timeline order */
	gp_span *span;    /* span[i]: the time node i's events cover */
	size_t nn;
	gp_edge *edges;
	gp_edge_more *edge_more;
	size_t ne;
	gp_type_count *types;
	uint32_t *node_of_actor; /* actor -> node, GP_NONE when absent */
	size_t n_actor_slots;
	uint32_t betweenness_pivots; /* 0: exact; else estimated from this many sources */
	double betweenness_error;    /* the estimate's bound (analytics.c), 0 when exact */
	uint32_t list_cap;           /* events an edge lists at most (UINT32_MAX: all) */
	size_t src_in_files;         /* listed events whose source is still in a file */
	int no_analytics;            /* built without them (gp_graph_options.no_analytics) */
	unsigned jobs;               /* gp_graph_options.jobs: threads its writers may use */
};

/*
 * Betweenness is exact while a search from every node costs at most this
 * many node and arc visits (about a second); past it, estimated from as many
 * pivots as it pays for, at least BETWEENNESS_MIN_PIVOTS (analytics.c).
 */
#define BETWEENNESS_WORK 50000000u
#define BETWEENNESS_MIN_PIVOTS 64u
#define BETWEENNESS_SEED 20250806u /* the seed article's day */

/* Weights are summed as integers of micro-units: exact and order-free. */
#define GP_WEIGHT_SCALE 1000000.0

typedef struct gp_agg gp_agg;

/*
 * An edge's weight split by sign (docs/sign.md): the sum of its positive
 * event weights in millionths (the conflict sum is the weight minus it) and
 * how many of its events weigh more and less than 0.
 */
typedef struct {
	int64_t coop_micro;
	uint32_t n_coop, n_conf;
} gp_sign_split;

int gp__agg_new(gp_agg **out, const gp_dataset *ds, int level, uint32_t max_refs);
void gp__agg_free(gp_agg *a);

/*
 * One event. actors[] holds ns sources, nt targets and np participants,
 * already mapped to the level. GP_OK or GP_ENOMEM.
 */
int gp__agg_event(gp_agg *a, const gp_evref *r, gp_index type, int64_t weight_micro, int status,
		  const gp_index *actors, size_t ns, size_t nt, size_t np);

/*
 * Rows of machine-coded data: each one event whose source s acts on target
 * t (a directed pair), or with the one actor s (t GP_NONE); actors mapped to
 * the level. At most GP_AGG_BATCH rows a call. The same as gp__agg_event on
 * each row in turn, faster. GP_OK or GP_ENOMEM.
 */
#define GP_AGG_BATCH 64
typedef struct {
	gp_evref ref;
	int64_t w; /* micro-units */
	gp_index type, s, t;
	int status; /* gp_event_status_kind: GDELT and ICEWS rows are reported */
} gp_agg_row;
int gp__agg_rows(gp_agg *a, const gp_agg_row *rows, size_t n);

/*
 * gp_graph_map_actor, remembered per actor when the answer cannot depend on
 * the time (no time-bounded membership on its part_of chain): rows map the
 * same few actors millions of times. Start zeroed with `level` set; the
 * dataset's memberships must not change while it is used.
 */
typedef struct {
	int level;
	GP_VEC(gp_index) node_of;
} gp_mapper;
gp_index gp__mapper_map(gp_mapper *m, const gp_dataset *ds, gp_index actor, int64_t t);
void gp__mapper_free(gp_mapper *m);

/*
 * Read the sources that listed events of edges from..to-1 (those with
 * edge_mask[i] set; NULL: all) left in their input files
 * (gp_evref.src_in_file); GP_GRAPH_ALL_EDGES: every edge. The graph is
 * const to its readers, who see it whole: the sources fill in as if they had
 * been there (see gp_graph_stream). GP_OK; GP_ENOMEM; GP_EIO when a file is
 * gone or changed since it was read (gp_graph_last_error() and sink say
 * which; sink may be NULL).
 */
int gp__graph_read_sources(const gp_graph *g, const uint8_t *edge_mask, size_t from, size_t to,
			   gp_diag_sink *sink);
#define GP_GRAPH_ALL_EDGES NULL, 0, SIZE_MAX

/*
 * Are the files a graph left sources in as they were read? GP_OK, or GP_EIO
 * with gp_graph_last_error() naming the file: what a writer checks before it
 * writes anything.
 */
int gp__graph_check_sources(const gp_graph *g);

/* A source left in a file: where, and the reference it is read into. */
typedef struct {
	uint32_t file;
	uint64_t pos;
	gp_evref *r;
} gp_src_wanted;
typedef GP_VEC(gp_src_wanted) gp_src_wanteds;

/*
 * The sources of a window of edges, for a writer that goes through every
 * edge: read a window at a time (65,536 listed events, or a quarter of all)
 * and put back in their files once the writer moves on, so that writing
 * holds a window's URLs and not every edge's. Start zeroed; call
 * gp__sources_window_at(w, g, i) before writing edge i (the edges in
 * order), which checks the files before the first (GP_OK, GP_ENOMEM,
 * GP_EIO as gp__graph_read_sources); and gp__sources_window_end(w) when
 * done, after an error too. The graph is written from one thread at a time
 * (gp_graph_options.sources_later). A graph streamed with jobs > 1 has the
 * next window read on a thread of its own while the writer writes this one
 * (two windows' URLs held then): the two touch different edges' references.
 */
typedef struct gp_src_ahead gp_src_ahead;
typedef struct {
	const gp_graph *g;
	size_t from, to;          /* the edges whose sources it read */
	size_t per_window;        /* listed events a window holds (0: chosen on the first call) */
	const uint8_t *edge_mask; /* the edges written (edge_mask[i]; NULL: all) */
	gp_src_wanteds held;
	gp_src_ahead *ahead; /* the next window, read on a second thread (graph's jobs > 1) */
} gp_sources_window;
int gp__sources_window_at(gp_sources_window *w, const gp_graph *g, size_t edge);
/* The fewest listed events a writer's window holds (65,536; tests lower it). */
extern unsigned gp__sources_window_events;
void gp__sources_window_end(gp_sources_window *w);

/* The graph's edges are radix-sorted when key and index fit in this many bits (64; tests lower it). */
extern unsigned gp__agg_radix_bits;

/* Add src into dst; actor_map takes src's actor indexes to dst's. src may
   be left without its edges (moved into an empty dst): free it next. */
int gp__agg_merge(gp_agg *dst, gp_agg *src, const gp_index *actor_map);

/*
 * Add one aggregated edge as a partial graph holds it (geopol merge): a and
 * b are dst actors; bounds gives first and last (time, precision,
 * qualifiers); refs are added like events' (the earliest are kept, with a
 * copy of their sources); status_n counts its events by status (NULL: all
 * reported; the reported entry is not read); sign splits the weight.
 * GP_EINVALID when the edge's count would pass UINT32_MAX (as for nodes'),
 * or its statuses or signs count more events than it has.
 */
int gp__agg_add_edge(gp_agg *a, gp_index s, gp_index t, int directed, uint32_t count,
		     int64_t weight_micro, const gp_edge *bounds, const gp_type_count *types,
		     size_t n_types, const gp_evref *refs, size_t n_refs, const uint32_t *status_n,
		     const gp_sign_split *sign);
/* Add node counts (events, self_events, latest event, span) as a partial graph holds them. */
int gp__agg_add_node(gp_agg *a, gp_index actor, uint32_t events, uint32_t self_events,
		     const gp_evref *latest, const gp_span *span);

/*
 * Do the partial graphs added hold together? Every edge joins actors that
 * took part in events, and lists as many events as the partial graphs'
 * caps say (at most its count). 0, or -1 with what does not in msg.
 */
int gp__agg_check_merged(const gp_agg *a, char *msg, size_t size);

/* The graph of what was added (edges under o->min_count dropped), analytics done. */
int gp__agg_graph(gp_agg *a, const gp_graph_options *o, gp_graph **out);

/* Per actor: events taken part in, self-loop events, latest event, the time they cover. */
typedef struct {
	uint32_t events, self_events;
	gp_evref latest;
	gp_span span;
} gp_agg_node;

/* Analytics of DESIGN §4; betweenness from `pivots` (gp_graph_options.betweenness_pivots). */
int gp__graph_analyze(gp_graph *g, uint32_t pivots);
/* GP_ERROR, with the message set, when g was built without its analytics. */
int gp__graph_check_analytics(const gp_graph *g);
/* What a writer of the whole graph checks first: its analytics, then its sources' files. */
int gp__graph_check_full(const gp_graph *g);

/*
 * What a bounded output shows of g (a picture, the viewer's page): the top
 * edges, the strongest by count (ties: the first in g's order), in
 * edge_kept[0..edges), and the nodes they join in node_kept[0..nodes); every
 * node when every edge fits. GP_OK or GP_ENOMEM.
 */
#define GP_AUTO_TOP_EDGES 250
int gp__graph_strongest(const gp_graph *g, size_t top, uint8_t *edge_kept, uint8_t *node_kept);

/*
 * gp_graph_cytoscape_json of the nodes and edges kept (node_keep[i],
 * edge_keep[i]; NULL: all). Edge ids stay "e" + the index in the whole graph.
 */
int gp__graph_cytoscape_text(char **out, size_t *len, const gp_graph *g, int html_safe,
			     const uint8_t *node_keep, const uint8_t *edge_keep);

/* An arc of the simple directed view: s -> t, weight w. */
typedef struct {
	uint32_t s, t;
	double w;
} gp_arc;
/*
 * In/out degree and PageRank of `nodes` nodes joined by arcs (sorted and
 * merged in place), as the graph's analytics define them. GP_OK or GP_ERROR.
 */
int gp__arcs_analyze(size_t nodes, gp_arc *arcs, size_t n, uint32_t *in_deg, uint32_t *out_deg,
		     double *pagerank);
/* Add the events a dataset kept that pass the filter, their actors mapped to the level. */
int gp__agg_add_kept(gp_agg *a, const gp_dataset *ds, const gp_filter *filter, int level);
/* A kept event's place in input order for the graph (imported rows: their id number). */
uint64_t gp__event_seq(const gp_event *ev);
/* The level, or -1 while a merge has not seen a partial graph's header yet. */
int gp__agg_level(const gp_agg *a);
void gp__agg_set_level(gp_agg *a, int level);
/* GP_EVENT_IDS_AUTO: imported rows are among the events; call before adding any. */
void gp__agg_imported(gp_agg *a);
void gp__agg_unknown_level(gp_agg *a);
/* List at most n events per edge in the graph (0: no change). */
void gp__agg_set_list(gp_agg *a, uint32_t n);

/* Read a partial graph file into ds (actors) and *agg (created by its header). */
int gp__load_partial(gp_dataset *ds, gp_agg **agg, const gp_graph_options *opts, const char *path,
		     gp_diag_sink *sink);

/*
 * Timeline order of event references: <0, 0, >0; total (0 only for the same
 * id and precision), so that any arrival order sorts and caps alike.
 */
int gp__evref_cmp(const gp_evref *x, const gp_evref *y);

/* The events of an edge (e->n_events), and an event's id (buf: GP_EVENT_ID_MAX bytes). */
const gp_evref *gp__edge_events(const gp_graph *g, const gp_edge *e);
const char *gp__evref_id(const gp_graph *g, const gp_evref *r, char *buf, size_t size);
/* An event's k-th source on an edge (a citation id or a URL); NULL past its last. */
const char *gp__evref_source(const gp_graph *g, const gp_evref *r, size_t k);

/* What else the graph keeps of an edge. */
static inline const gp_edge_more *gp__edge_more(const gp_graph *g, const gp_edge *e)
{
	return &g->edge_more[e - g->edges];
}

#endif
