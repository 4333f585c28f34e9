/*
 * geopol/timeline.h - selecting events (the FILTERS of DESIGN §6), putting
 * them in timeline order (DESIGN §2), and writing the timeline as text,
 * Markdown, CSV or JSON (DESIGN §7).
 *
 * Ownership: a gp_filter borrows everything it points to. Arrays returned
 * through `**out` belong to the caller (free()). Nothing here keeps a
 * pointer to the dataset after returning.
 */
#ifndef GEOPOL_TIMELINE_H
#define GEOPOL_TIMELINE_H

#include <stdint.h>
#include <stdio.h>

#include "geopol/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_filter_s {
	int has_from;        /**< keep events whose latest end >= from */
	int64_t from;        /**< the earliest start of --from's date */
	int has_to;          /**< keep events whose earliest start <= to */
	int64_t to;          /**< the latest end of --to's date */
	const gp_index *types; /**< keep events of these types (NULL: all) */
	size_t n_types;
	const uint8_t *actor_mask; /**< per actor, nonzero: selected (NULL: all) */
} gp_filter;

#define GP_FILTER_INIT { 0, 0, 0, 0, NULL, 0, NULL }

/**
 * The actor mask for `--actor`: the given actors and every actor part_of
 * them at any depth, through any membership.
 * @param[out] out  an array of gp_dataset_actor_count() bytes; free()
 */
int gp_filter_actor_mask(const gp_dataset *ds, const gp_index *actors, size_t n, uint8_t **out);

/** Does the event pass the filter? */
int gp_filter_match(const gp_dataset *ds, const gp_filter *f, const gp_event *ev);

/**
 * The events that pass `f` (NULL: all), in timeline order: earliest start,
 * then later latest end, then input order.
 * @param[out] out  event indexes; free()
 */
int gp_timeline_build(const gp_dataset *ds, const gp_filter *f, gp_index **out, size_t *n);

typedef enum {
	GP_TIMELINE_TEXT = 0,
	GP_TIMELINE_MARKDOWN,
	GP_TIMELINE_CSV,
	GP_TIMELINE_JSON
} gp_timeline_format;

typedef struct {
	int format;          /**< gp_timeline_format */
	int color;           /**< ANSI colour in text output */
	int has_as_of;       /**< mark past / ongoing / upcoming against as_of */
	gp_date as_of;
	const char *as_of_text; /**< as written, for the JSON "as_of" key */
} gp_timeline_options;

#define GP_TIMELINE_OPTIONS_INIT { GP_TIMELINE_TEXT, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 0 }, NULL }

/**
 * Where an event stands against the as-of date. An as-of date at day
 * precision or finer is that moment; a coarser one is read as its last day
 * (`2025-08`: as things stood on 2025-08-31). It must be a single date.
 */
typedef enum { GP_STATUS_PAST = 0, GP_STATUS_ONGOING, GP_STATUS_UPCOMING } gp_status_kind;
int gp_event_status(const gp_event *ev, const gp_date *as_of);
/** Days from the as-of date to the event's latest end (deadlines). */
int64_t gp_event_days_left(const gp_event *ev, const gp_date *as_of);

/**
 * Write the events `order[0..n)` to fp.
 * @return GP_OK, GP_EIO (write failed) or GP_ENOMEM
 */
int gp_timeline_write(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
		      const gp_timeline_options *opts);

#ifdef __cplusplus
}
#endif
#endif
