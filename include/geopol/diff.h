/*
 * geopol/diff.h - what changed between two sets of events (`geopol diff`,
 * docs/diff.md): the events added, removed and changed field by field
 * (matched by id), the edges of the graph that appeared, disappeared or
 * changed count or sign, and the nodes whose PageRank and betweenness moved
 * most.
 *
 * The two sides are two datasets (the same file at two commits, a GDELT week
 * and the next), each with its own filter, or one dataset split at a date
 * (gp_diff_split: before it and from it on).
 *
 * Ownership: a gp_diff borrows both datasets (free the diff first; they may
 * be the same one) and owns its lists. The strings it hands out (ids,
 * labels) are the datasets'. Datasets that keep compact rows
 * (gp_dataset_set_compact_rows) or brief events are not supported: their
 * events are rebuilt one at a time.
 */
#ifndef GEOPOL_DIFF_H
#define GEOPOL_DIFF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "geopol/dataset.h"
#include "geopol/filter.h"
#include "geopol/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_diff gp_diff;

/** What happened to an event or an edge between the sides. */
typedef enum {
	GP_DIFF_ADDED = 0, /**< only on the new side (an edge: appeared) */
	GP_DIFF_REMOVED,   /**< only on the old side (an edge: disappeared) */
	GP_DIFF_CHANGED,   /**< on both, different */
	GP_DIFF_KIND_COUNT
} gp_diff_kind;

/**
 * The fields of an event compared, in the order they are reported. Lists
 * (actors, sources, links) compare as sets: the order written does not
 * matter. `date` is the EDTF as written (a derived date: as computed);
 * `weight` the effective weight (own, else the type's); `attributes` the
 * JSON object, keys in any order.
 */
typedef enum {
	GP_FIELD_TYPE = 0,
	GP_FIELD_TITLE,
	GP_FIELD_DATE,
	GP_FIELD_SOURCE,
	GP_FIELD_TARGET,
	GP_FIELD_PARTICIPANTS,
	GP_FIELD_ABOUT,
	GP_FIELD_STATUS,
	GP_FIELD_CONFIDENCE,
	GP_FIELD_WEIGHT,
	GP_FIELD_SUMMARY,
	GP_FIELD_SOURCES,
	GP_FIELD_LINKS,
	GP_FIELD_ATTRIBUTES,
	GP_FIELD_COUNT
} gp_diff_field;

/** "type", "title", ... as the timeline JSON names them; NULL out of range. */
const char *gp_diff_field_name(int field);

typedef struct {
	gp_level level;     /**< of both graphs */
	uint32_t min_count; /**< graph edges with fewer events are dropped, on both sides */
	size_t top;         /**< moves kept per measure, the largest (0: all that moved) */
} gp_diff_options;

#define GP_DIFF_TOP_DEFAULT 10
#define GP_DIFF_OPTIONS_INIT                                                                       \
	{                                                                                          \
		GP_LEVEL_ACTOR, 0, GP_DIFF_TOP_DEFAULT                                             \
	}

/**
 * The filters of the two sides of a diff at a date `at` (its earliest
 * start): `before` takes the events `f` keeps that began before `at` (as
 * --to the day before), `after` those `f` keeps that had not ended by `at`
 * (as --from at). An event spanning `at` is on both sides. f may be NULL.
 */
void gp_diff_split(gp_filter *before, gp_filter *after, const gp_filter *f, int64_t at);

/**
 * Compare the events each filter keeps (NULL: all) and the graphs built from
 * them at opts->level (NULL: GP_DIFF_OPTIONS_INIT). The datasets must be
 * finished; they may be the same one.
 * @return GP_OK, GP_ENOMEM, GP_EINVALID (a dataset keeps compact rows), or
 *         GP_ERROR when a graph could not be built (gp_graph_last_error())
 */
int gp_diff_build(gp_diff **out, const gp_dataset *old_ds, const gp_filter *old_f,
		  const gp_dataset *new_ds, const gp_filter *new_f, const gp_diff_options *opts);
void gp_diff_free(gp_diff *d);

/** Events each side selected, and how many of those on both sides are unchanged. */
size_t gp_diff_old_events(const gp_diff *d);
size_t gp_diff_new_events(const gp_diff *d);
size_t gp_diff_unchanged_events(const gp_diff *d);
/** Nodes and edges of each side's graph. */
size_t gp_diff_old_nodes(const gp_diff *d);
size_t gp_diff_new_nodes(const gp_diff *d);
size_t gp_diff_old_edges(const gp_diff *d);
size_t gp_diff_new_edges(const gp_diff *d);

/**
 * An event added (old_event GP_NONE), removed (new_event GP_NONE) or changed
 * (fields: a bit 1 << gp_diff_field for each field that differs). Indexes
 * into the old and the new dataset.
 */
typedef struct {
	gp_index old_event, new_event;
	uint32_t fields;
} gp_diff_event;

/**
 * Events of one kind: added in the new side's timeline order, removed in the
 * old side's, changed in the new side's.
 */
size_t gp_diff_event_count(const gp_diff *d, gp_diff_kind kind);
const gp_diff_event *gp_diff_event_at(const gp_diff *d, gp_diff_kind kind, size_t i);

/**
 * An edge (DESIGN §4, matched by source id, target id and directedness)
 * that appeared (old_count 0), disappeared (new_count 0), or changed its
 * count or the sign of its weight (cooperation > 0, conflict < 0, neutral
 * 0). A side without the edge has count and weight 0.
 */
typedef struct {
	const char *source, *target; /**< node ids; an undirected edge's in id order */
	int directed;
	uint32_t old_count, new_count;
	double old_weight, new_weight;
} gp_diff_edge;

/**
 * Edges of one kind, the largest changes first: by |count change|, then
 * |weight change|, then source id, target id, directed after undirected.
 */
size_t gp_diff_edge_count(const gp_diff *d, gp_diff_kind kind);
const gp_diff_edge *gp_diff_edge_at(const gp_diff *d, gp_diff_kind kind, size_t i);

typedef enum { GP_MEASURE_PAGERANK = 0, GP_MEASURE_BETWEENNESS, GP_MEASURE_COUNT } gp_measure;

/** A node's measure on each side (0 on a side without the node). */
typedef struct {
	const char *id;
	const char *label; /**< the node's label (its actor's name), the new side's if there */
	double old_value, new_value;
} gp_diff_move;

/**
 * The nodes whose measure changed, the largest |change| first, ties by id,
 * at most opts->top of them.
 */
size_t gp_diff_move_count(const gp_diff *d, gp_measure measure);
const gp_diff_move *gp_diff_move_at(const gp_diff *d, gp_measure measure, size_t i);

/** Is there any change at all (events, edges or moves)? */
int gp_diff_any(const gp_diff *d);

typedef enum { GP_DIFF_TEXT = 0, GP_DIFF_JSON } gp_diff_format;

typedef struct {
	gp_diff_format format;
	const char *old_label, *new_label; /**< the sides, as the reader knows them (file names) */
	/**
	 * The date of a diff at a date, as written (NULL: two sets of files):
	 * the text then says "began on or after DATE" and "ended before DATE"
	 * for added and removed; JSON has "mode": "at".
	 */
	const char *at;
	size_t max_lines; /**< text: items listed per section (0: all) */
} gp_diff_write_options;

#define GP_DIFF_TEXT_LINES 100
#define GP_DIFF_WRITE_OPTIONS_INIT                                                                 \
	{                                                                                          \
		GP_DIFF_TEXT, "old", "new", NULL, GP_DIFF_TEXT_LINES                               \
	}

/**
 * Write the diff as text for a reader (sections with counts, aligned
 * columns, "no changes" when there are none) or as JSON ({"geopol": 1,
 * "kind": "diff", ...}, docs/diff.md).
 * @return GP_OK, GP_EIO or GP_ENOMEM
 */
int gp_diff_write(FILE *fp, const gp_diff *d, const gp_diff_write_options *opts);

#ifdef __cplusplus
}
#endif
#endif
