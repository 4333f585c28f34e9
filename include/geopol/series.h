/*
 * geopol/series.h - change over time (docs/series.md): the graph's events
 * cut into calendar windows (months, quarters or years) and, per window,
 * every node's events, degrees, strength by sign and PageRank, and every
 * dyad's count, cooperation and conflict. `geopol series` and `geopol dyad`.
 *
 * An event belongs to every window its bounds overlap, weighted by the share
 * of its bounds inside each (an event dated 2025 is 31/365 in January 2025),
 * or counted whole in each (`whole`). Open bounds are cut at the series'
 * range.
 *
 * Ownership: a gp_series borrows the dataset it was built from (free the
 * series first) and owns its windows, nodes and dyads. Getters return
 * pointers into it, valid until gp_series_free().
 */
#ifndef GEOPOL_SERIES_H
#define GEOPOL_SERIES_H

#include <stdint.h>
#include <stdio.h>

#include "geopol/dataset.h"
#include "geopol/filter.h"
#include "geopol/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_series gp_series;

typedef enum { GP_EVERY_MONTH = 0, GP_EVERY_QUARTER, GP_EVERY_YEAR } gp_every;

typedef struct {
	gp_level level;
	const gp_filter *filter; /**< events to use (NULL: all); its from/to also bound the range */
	gp_every every;
	int whole; /**< count an event whole in each window it overlaps (default: its share) */
	/**
	 * Per actor, nonzero: list only these nodes (mapped to the level) and the
	 * dyads touching them; NULL: every node and dyad. The windows' analytics
	 * are those of every selected event all the same.
	 */
	const uint8_t *focus;
	/**
	 * Two actors (GP_NONE: not used): only the events between them count
	 * (after mapping to the level), and only their dyads are listed (`geopol
	 * dyad`); every window of the range is listed, empty ones included.
	 */
	gp_index pair[2];
} gp_series_options;

#define GP_SERIES_OPTIONS_INIT                                                                     \
	{                                                                                          \
		GP_LEVEL_ACTOR, NULL, GP_EVERY_MONTH, 0, NULL,                                     \
		{                                                                                  \
			GP_NONE, GP_NONE                                                           \
		}                                                                                  \
	}

/** A window: [start, end], its events (sum of shares) and their cooperation and conflict. */
typedef struct {
	int64_t start, end; /**< first and last second */
	double events, cooperation, conflict;
	size_t first_node, n_nodes; /**< its rows of gp_series_node_at() */
	size_t first_dyad, n_dyads; /**< its rows of gp_series_dyad_at() */
} gp_window;

typedef struct {
	uint32_t window;
	gp_index actor; /**< the actor the node stands for, at the level */
	double events;  /**< sum of the shares of its events in the window */
	uint32_t in_degree, out_degree;
	double strength, strength_cooperation,
		strength_conflict; /**< as gp_node's, in the window */
	double pagerank;           /**< on the window's graph, arcs weighted by the dyads' counts */
} gp_series_node;

typedef struct {
	uint32_t window;
	gp_index source, target; /**< actors at the level; undirected: source's id < target's */
	int directed;
	double count, cooperation, conflict; /**< shares; conflict <= 0 */
	double weight;                       /**< cooperation + conflict */
} gp_series_dyad;

/**
 * Build the series. The dataset must be finished.
 * @return GP_OK, GP_ENOMEM, GP_EINVALID (bad options), or GP_ERROR (igraph
 *         failed; message in gp_graph_last_error())
 */
int gp_series_build(gp_series **out, const gp_dataset *ds, const gp_series_options *opts);
void gp_series_free(gp_series *s);

size_t gp_series_window_count(const gp_series *s);
const gp_window *gp_series_window(const gp_series *s, size_t i);
size_t gp_series_node_count(const gp_series *s);
const gp_series_node *gp_series_node_at(const gp_series *s, size_t i);
size_t gp_series_dyad_count(const gp_series *s);
const gp_series_dyad *gp_series_dyad_at(const gp_series *s, size_t i);
const gp_dataset *gp_series_dataset(const gp_series *s);
const gp_series_options *gp_series_options_of(const gp_series *s);
/** Events selected, counted once each (not by share). */
size_t gp_series_event_count(const gp_series *s);

/** A window's name: "2025-07", "2025-Q3" or "2025" (buf: 16 bytes do). */
const char *gp_series_window_name(const gp_series *s, size_t i, char *buf, size_t size);

/** The name of a period ("P1M", "P3M" and "P1Q", "P1Y", "P12M") as gp_every, or -1. */
int gp_every_from_name(const char *name);

typedef enum { GP_SERIES_NODES = 0, GP_SERIES_DYADS } gp_series_table;

/** `geopol series`: one table as CSV or text, or everything as JSON (table unused). */
int gp_series_write_csv(FILE *fp, const gp_series *s, gp_series_table table);
int gp_series_write_text(FILE *fp, const gp_series *s, gp_series_table table);
int gp_series_write_json(FILE *fp, const gp_series *s);

/**
 * `geopol dyad`: the pair's series (built with opts.pair) as text (a
 * sparkline per relation and a table), CSV, JSON, or an SVG line chart.
 * Each returns GP_OK, GP_EIO or GP_ENOMEM.
 */
int gp_dyad_write_text(FILE *fp, const gp_series *s);
int gp_dyad_write_csv(FILE *fp, const gp_series *s);
int gp_dyad_write_json(FILE *fp, const gp_series *s);
int gp_dyad_write_svg(FILE *fp, const gp_series *s);

#ifdef __cplusplus
}
#endif
#endif
