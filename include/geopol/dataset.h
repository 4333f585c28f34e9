/*
 * geopol/dataset.h - the event model and loading it from geopol files.
 *
 * Ownership: a gp_dataset owns every actor, event, type, citation and string
 * it holds. Getters return pointers borrowed from it; they stay valid until
 * gp_dataset_free(), and stay stable once gp_dataset_finish() has run.
 *
 * Loading is in three steps: gp_dataset_new(), one gp_dataset_load_*() per
 * input (merged in call order), then gp_dataset_finish(), which resolves what
 * may refer across files (actor and event ids, relative dates, part_of
 * chains, type weights) and reports what is still wrong. Problems go to a
 * gp_diag_sink as located diagnostics; loading goes on after an error so that
 * one run reports every problem it can find.
 *
 * Actors, events and types are referred to by index (gp_index, types.h), the
 * position in the dataset's arrays: events by input order, actors in order
 * of first mention. Actors and events are opaque: read them through
 * gp_actor_*() and gp_event_*(); the strings those return are the dataset's.
 */
#ifndef GEOPOL_DATASET_H
#define GEOPOL_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "geopol/date.h"
#include "geopol/diag.h"
#include "geopol/filter.h"
#include "geopol/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	GP_KIND_COUNTRY = 0,
	GP_KIND_PERSON,
	GP_KIND_AGENCY,
	GP_KIND_ORGANIZATION,
	GP_KIND_GROUP,
	GP_KIND_INTERNATIONAL,
	GP_KIND_COUNT
} gp_actor_kind;

/** "country", "person", ... ("unknown" out of range) */
const char *gp_actor_kind_name(gp_actor_kind kind);

/** One `part_of` membership; `from`/`to` are GP_TIME_MIN/MAX when absent. */
typedef struct {
	gp_index actor;
	int64_t from; /**< earliest start of `from` */
	int64_t to;   /**< latest end of `to` */
} gp_membership;

const char *gp_actor_id(const gp_actor *a);
const char *gp_actor_name(const gp_actor *a);
const char *gp_actor_role(const gp_actor *a); /**< NULL when absent */
gp_actor_kind gp_actor_kind_of(const gp_actor *a);
/** 0 when only named by events or part_of (then kind group, name = id). */
int gp_actor_defined(const gp_actor *a);
size_t gp_actor_alias_count(const gp_actor *a);      /**< see gp_dataset_actor_aliases() */
size_t gp_actor_membership_count(const gp_actor *a); /**< see gp_dataset_actor_part_of() */

typedef struct {
	const char *name;
	const char *label;
	double weight; /**< Goldstein-scale default, -10..+10 */
	int quad;      /**< CAMEO QuadClass 1..4, 0 unknown */
	int builtin;   /**< from geopol's own table */
	int known;     /**< built in or defined by a file (else: an unknown type) */
} gp_type;

typedef struct {
	const char *id;
	const char *title, *publisher, *published, *url; /**< NULL when absent */
} gp_citation;

/** Roles an actor plays in an event. */
typedef enum {
	GP_ROLE_SOURCE = 0,
	GP_ROLE_TARGET,
	GP_ROLE_PARTICIPANT,
	GP_ROLE_ABOUT,
	GP_ROLE_COUNT
} gp_role;

typedef struct {
	const char *rel;
	gp_index event;
} gp_link;

/**
 * How far an event is established (DESIGN §1 extension, docs/claims.md):
 * reported (the default, and every GDELT or ICEWS row), confirmed, claimed
 * (one party's assertion), denied, planned (announced, not yet happened).
 */
typedef enum {
	GP_STATUS_REPORTED = 0,
	GP_STATUS_CONFIRMED,
	GP_STATUS_CLAIMED,
	GP_STATUS_DENIED,
	GP_STATUS_PLANNED,
	GP_STATUS_COUNT
} gp_event_status_kind;

/** "reported", "confirmed", ...; NULL out of range. */
const char *gp_status_name(int status);
/** The status named (exactly, lower case), or -1. */
int gp_status_from_name(const char *name);

/**
 * A NATO/Admiralty grade ("B2"): source reliability 'A'..'F' and
 * information credibility 1..6 into *reliability and *credibility as 1..6.
 * @return 0, or -1 when text is not one.
 */
int gp_grade_parse(const char *text, int *reliability, int *credibility);

const char *gp_event_id(const gp_event *ev);
const char *gp_event_title(const gp_event *ev);
const char *gp_event_summary(const gp_event *ev); /**< NULL when absent */
/** The date as written (`ongoing` as `..`); NULL when derived from another event's. */
const char *gp_event_edtf(const gp_event *ev);
/** The attributes object as compact JSON, or NULL. */
const char *gp_event_attributes(const gp_event *ev);
const gp_date *gp_event_date(const gp_event *ev);
gp_index gp_event_type(const gp_event *ev);
/** The event a relative date was derived from, or GP_NONE. */
gp_index gp_event_derived_from(const gp_event *ev);
/** A derived date's ISO 8601 offset, and +1 for "after", -1 for "before". */
const char *gp_event_offset(const gp_event *ev);
int gp_event_direction(const gp_event *ev);
/** The effective weight: the event's own, else its type's. */
double gp_event_weight(const gp_event *ev);
int gp_event_has_weight(const gp_event *ev); /**< the event set its own weight */
gp_event_status_kind gp_event_status(const gp_event *ev);
/**
 * The event's confidence grade as text ("B2") into buf (3 bytes or more);
 * returns buf, or NULL when the event is ungraded.
 */
const char *gp_event_confidence(const gp_event *ev, char *buf, size_t size);
/** Actors of one role (see gp_dataset_event_actors()), citations, links. */
size_t gp_event_actor_count(const gp_event *ev, gp_role role);
size_t gp_event_source_count(const gp_event *ev);
size_t gp_event_link_count(const gp_event *ev);
/** Where the event was written: input index (order of loading), line and column (0: none). */
uint32_t gp_event_file(const gp_event *ev);
uint32_t gp_event_line(const gp_event *ev);
uint32_t gp_event_column(const gp_event *ev);

typedef enum {
	GP_INPUT_AUTO = 0, /**< by content: JSON ('{'), GDELT (57, 58 or 61 tab-separated
			        columns), ICEWS (its header row); JSON in a .jsonl/.ndjson
			        file is JSON Lines */
	GP_INPUT_JSON,
	GP_INPUT_JSONL,
	GP_INPUT_GDELT, /**< GDELT 1.0 (58 or 57 columns) or 2.0 (61) event rows */
	GP_INPUT_ICEWS  /**< ICEWS coded events: header row, 20 columns */
} gp_input_format;

/** How a dataset keeps GDELT and ICEWS rows (gp_dataset_set_compact_rows). */
typedef enum {
	GP_ROWS_WHOLE = 0,  /**< as events, with URL, attributes and title (the default) */
	GP_ROWS_COMPACT,    /**< about 50 bytes a row: no URL, no attributes */
	GP_ROWS_WITH_SOURCE /**< compact, GDELT rows with their URL; ICEWS rows whole */
} gp_row_keeping;

/**
 * Keep GDELT and ICEWS rows compactly (about 50 bytes a row, against
 * several hundred): they lose their URL and attributes, and their title is
 * made again when asked for, which suits text, CSV and Markdown timelines.
 * GP_ROWS_WITH_SOURCE keeps each GDELT row's source too (its URL, each
 * distinct one once), for timelines that list sources; ICEWS rows then stay
 * whole (their title is their own event text).
 * gp_dataset_event() then returns, for such a row, an event rebuilt in the
 * dataset: valid until the next call. With `filter` (NULL: none), rows outside
 * its dates or types are not kept at all (its actor mask is not used).
 */
void gp_dataset_set_compact_rows(gp_dataset *ds, gp_row_keeping how, const gp_filter *filter);

/**
 * For callers that want only the graph: events read from JSON keep no
 * title (their id stands in), summary, attributes or inline citation URLs,
 * which saves their copies (half the memory of a big JSON Lines file) and
 * locating values that only those needed. They are still checked. An event
 * that is one imported row (see docs/decisions.md) is kept as a compact
 * row, which gp_dataset_event() rebuilds on demand like a GDELT row kept by
 * gp_dataset_set_compact_rows(): a made-up title, no `about`, no date
 * qualifiers, no location. Call before loading.
 */
void gp_dataset_set_brief_events(gp_dataset *ds, int on);

/** The format of a file, told from its content as GP_INPUT_AUTO does ("-": GP_INPUT_AUTO). */
gp_input_format gp_input_format_detect(const char *path);

/**
 * With skip != 0, a malformed GDELT or ICEWS row (wrong column count, bad
 * date, non-numeric weight) is counted and skipped instead of being an
 * error; gp_dataset_skipped_rows() tells how many.
 */
void gp_dataset_set_skip_bad(gp_dataset *ds, int skip);
uint64_t gp_dataset_skipped_rows(const gp_dataset *ds);

int gp_dataset_new(gp_dataset **out);
void gp_dataset_free(gp_dataset *ds);

/**
 * Load one input file ("-" reads standard input). JSON files are read whole;
 * JSON Lines are streamed a line at a time.
 * @return GP_OK; GP_EINVALID when the input had errors (reported to sink);
 *         GP_EIO when the file could not be read (also reported); GP_ENOMEM.
 */
int gp_dataset_load_file(gp_dataset *ds, const char *path, gp_input_format fmt, gp_diag_sink *sink);

/**
 * The same for text in memory, in any format (GP_INPUT_AUTO tells them apart
 * by content, and JSON from JSON Lines by `name`'s extension); `name` is
 * used in diagnostics. The text is copied; the caller keeps it.
 */
int gp_dataset_load_buffer(gp_dataset *ds, const char *name, const char *text, size_t len,
			   gp_input_format fmt, gp_diag_sink *sink);

/**
 * Resolve references across all loaded inputs and report what remains:
 * unknown actors (warnings, with suggestions), unknown types and citations
 * (warnings), unknown or cyclic relative dates and links (errors), part_of
 * cycles (errors). Call once, after the last load.
 * @return GP_OK, GP_EINVALID when any error was reported so far, GP_ENOMEM.
 */
int gp_dataset_finish(gp_dataset *ds, gp_diag_sink *sink);

const char *gp_dataset_title(const gp_dataset *ds); /**< first file's title, or NULL */
size_t gp_dataset_actor_count(const gp_dataset *ds);
size_t gp_dataset_event_count(const gp_dataset *ds);
size_t gp_dataset_type_count(const gp_dataset *ds);
size_t gp_dataset_citation_count(const gp_dataset *ds);
size_t gp_dataset_file_count(const gp_dataset *ds);

const gp_actor *gp_dataset_actor(const gp_dataset *ds, gp_index i);
/** Event i (input order); for a compact row, see gp_dataset_set_compact_rows(). */
const gp_event *gp_dataset_event(const gp_dataset *ds, gp_index i);
const gp_type *gp_dataset_type(const gp_dataset *ds, gp_index i);
const gp_citation *gp_dataset_citation(const gp_dataset *ds, gp_index i);
const char *gp_dataset_file_name(const gp_dataset *ds, uint32_t file);

/** Look-ups by exact id; GP_NONE when absent. */
gp_index gp_dataset_find_actor(const gp_dataset *ds, const char *id);
gp_index gp_dataset_find_event(const gp_dataset *ds, const char *id);
gp_index gp_dataset_find_type(const gp_dataset *ds, const char *name);

const char *const *gp_dataset_actor_aliases(const gp_dataset *ds, const gp_actor *a);
const gp_membership *gp_dataset_actor_part_of(const gp_dataset *ds, const gp_actor *a);
/** The actors of one role, in the order written; gp_event_actor_count() of them. */
const gp_index *gp_dataset_event_actors(const gp_dataset *ds, const gp_event *ev, gp_role role);
/** Citation ids and inline URLs (gp_event_source_count()); links (gp_event_link_count()). */
const char *const *gp_dataset_event_sources(const gp_dataset *ds, const gp_event *ev);
const gp_link *gp_dataset_event_links(const gp_dataset *ds, const gp_event *ev);

/**
 * Resolve a user's name for an actor as `--actor` does: an exact id wins;
 * otherwise ids, names and aliases compared case-insensitively.
 * @param[out] out      the actor, when exactly one matches
 * @param[out] cands    with GP_EAMBIGUOUS: the matches; with GP_ENOTFOUND: the
 *                      closest actors; caller frees with free(); may be NULL
 * @return GP_OK, GP_ENOTFOUND, GP_EAMBIGUOUS or GP_ENOMEM
 */
int gp_dataset_resolve_actor(gp_index *out, gp_index **cands, size_t *n_cands, const gp_dataset *ds,
			     const char *name);

/**
 * Write the dataset as geopol JSON Lines (DESIGN §1): a header line (title,
 * types defined in files, citations), one {"actor": ...} line per actor, one
 * event per line in input order. Reading it back gives the same dataset.
 * @return GP_OK, GP_EIO or GP_ENOMEM
 */
int gp_dataset_write_jsonl(FILE *fp, const gp_dataset *ds);

/**
 * The ids of up to `max` (at most 8) events closest to a misspelt id, the
 * closest first (for "did you mean"); how many. Borrowed from the dataset.
 */
size_t gp_dataset_closest_events(const char **out, size_t max, const gp_dataset *ds,
				 const char *id);

/** The known type closest to a misspelt name, or NULL (for "did you mean"). */
const char *gp_dataset_closest_type(const gp_dataset *ds, const char *name);

/** The built-in type table (for `geopol types`), without the dataset. */
size_t gp_builtin_type_count(void);
const gp_type *gp_builtin_type(size_t i);
/** CAMEO root code (1..20) to the name of the built-in type it maps to. */
const char *gp_cameo_root_type(int root);

#ifdef __cplusplus
}
#endif
#endif
