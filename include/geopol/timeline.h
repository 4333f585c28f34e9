/*
 * geopol/timeline.h - the selected events (filter.h) in timeline order
 * (DESIGN §2), and the timeline written as text, Markdown, CSV or JSON
 * (DESIGN §7), or in the formats of the programs of DESIGN §8:
 * vis-timeline, TimelineJS3 and iCalendar; and the theme-line chart
 * (docs/theme-lines.md) as Graphviz DOT or a picture.
 *
 * Ownership: arrays returned
 * through `**out` belong to the caller (free()). Nothing here keeps a
 * pointer to the dataset after returning.
 */
#ifndef GEOPOL_TIMELINE_H
#define GEOPOL_TIMELINE_H

#include <stdint.h>
#include <stdio.h>

#include "geopol/dataset.h"
#include "geopol/filter.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The events that pass `f` (NULL: all), in timeline order: earliest start,
 * then later latest end, then input order.
 * @param[out] out  event indexes; free()
 */
int gp_timeline_build(gp_index **out, size_t *n, const gp_dataset *ds, const gp_filter *f);

typedef enum {
	GP_TIMELINE_TEXT = 0,
	GP_TIMELINE_MARKDOWN,
	GP_TIMELINE_CSV,
	GP_TIMELINE_JSON,
	/*
	 * DESIGN §8. Open and unknown ends are drawn to the edge of the selected
	 * events' known time span (and --as-of, where later), and say so.
	 */
	GP_TIMELINE_VIS,        /**< vis-timeline: {"items": [...], "groups": [...]};
				     an object on its own, which can be embedded in a page */
	GP_TIMELINE_TIMELINEJS, /**< TimelineJS3: {"title": {...}, "events": [...]} */
	GP_TIMELINE_ICS         /**< iCalendar (RFC 5545): one all-day VEVENT per event */
} gp_timeline_format;

typedef struct {
	gp_timeline_format format;
	int color;     /**< ANSI colour in text output */
	int has_as_of; /**< mark past / ongoing / upcoming against as_of */
	gp_date as_of;
	const char *as_of_text; /**< as written, for the JSON "as_of" key */
	/**
	 * Text: a footnote mark ([1]) after each title for each of its sources,
	 * numbered by first use, and the numbered references at the end.
	 * Markdown always has them ([^1]); the other formats list sources anyway.
	 */
	int sources;
} gp_timeline_options;

#define GP_TIMELINE_OPTIONS_INIT                                                                   \
	{                                                                                          \
		GP_TIMELINE_TEXT, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 0 }, NULL, 0                        \
	}

/**
 * Where an event stands against the as-of date. An as-of date at day
 * precision or finer is that moment; a coarser one is read as its last day
 * (`2025-08`: as things stood on 2025-08-31). It must be a single date.
 */
typedef enum { GP_TIMING_PAST = 0, GP_TIMING_ONGOING, GP_TIMING_UPCOMING } gp_timing_kind;
gp_timing_kind gp_event_timing(const gp_event *ev, const gp_date *as_of);
/** Days from the as-of date to the event's latest end (deadlines). */
int64_t gp_event_days_left(const gp_event *ev, const gp_date *as_of);

/**
 * Write the events `order[0..n)` to fp.
 * @return GP_OK, GP_EIO (write failed) or GP_ENOMEM
 */
int gp_timeline_write(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
		      const gp_timeline_options *opts);

/**
 * The causal chain through `event` (docs/story.md): the events it answers
 * or follows from (`in_response_to` and `follows_from` links), theirs in
 * turn back to the first causes, and the events that answer or follow from
 * it, forward to the last; each once, however the chain branches, in
 * timeline order, `event` included. Links are followed through every event;
 * `f` (NULL: all) decides which of those reached are listed (`event` always
 * is).
 * @param[out] out   event indexes; free()
 * @param[out] side  for each, -1 a cause, 0 `event`, +1 a response; free(); may be NULL
 * @return GP_OK, GP_ENOTFOUND (no such event) or GP_ENOMEM
 */
int gp_timeline_chain(gp_index **out, int8_t **side, size_t *n, const gp_dataset *ds,
		      const gp_filter *f, gp_index event);

/**
 * Write a chain (gp_timeline_chain) as text, one event a line marked
 * cause / event / response, or as JSON ({"geopol": 1, "kind": "chain",
 * "event", "events": [...timeline event objects], "links": [{"from",
 * "rel", "to"}]}: the causal links between listed events). opts: its
 * format (GP_TIMELINE_TEXT or GP_TIMELINE_JSON) and colour.
 * @return GP_OK, GP_EIO, GP_ENOMEM, or GP_ERROR for another format
 */
int gp_timeline_write_chain(FILE *fp, const gp_dataset *ds, gp_index event, const gp_index *chain,
			    const int8_t *side, size_t n, const gp_timeline_options *opts);

/** What the theme-line chart shows (docs/theme-lines.md). */
typedef struct {
	int level;             /**< gp_level (graph.h): one line per actor, or per country */
	const gp_index *lines; /**< the lines, top to bottom (actors, or countries at country
				    level); NULL: the actors of the most events, by first event */
	size_t n_lines;
	size_t max_lines; /**< default lines: at most this many (0: GP_CHART_MAX_LINES) */
} gp_chart_options;

#define GP_CHART_MAX_LINES 12
#define GP_CHART_OPTIONS_INIT                                                                      \
	{                                                                                          \
		0, NULL, 0, 0                                                                      \
	}

/**
 * Write the events `order[0..n)` as a theme-line chart: one horizontal line
 * per actor, time left to right on a real scale with long empty stretches
 * cut out and marked, each event a box at its date tied to its actors'
 * lines, links and derived dates as curved arrows. Every position is
 * computed here (Graphviz only draws: layout `nop2`, as `neato -n2`), so
 * the output is the same run to run.
 * @param format "dot" (the graph with its positions), "svg", "png" or "pdf"
 * @return GP_OK, GP_EIO, GP_ENOMEM, GP_EINVALID (unknown format), or
 *         GP_ERROR when Graphviz failed (gp_graph_last_error())
 */
int gp_timeline_chart_write(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			    const char *format, const gp_chart_options *opts);

#ifdef __cplusplus
}
#endif
#endif
