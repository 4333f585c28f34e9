/*
 * timeline_impl.h - what the timeline writers share (timeline_text.c: actors
 * and sources in words, deadlines), the formats of DESIGN §8 (timeline_formats.c) that
 * timeline.c dispatches to, and the vis-timeline items for other writers (the
 * viewer) to embed. Private.
 */
#ifndef GEOPOL_TIMELINE_IMPL_H
#define GEOPOL_TIMELINE_IMPL_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "geopol/timeline.h"
#include "internal.h"
#include "json_util.h"

/* Event indexes put in timeline order (gp_timeline_build's). */
void gp__timeline_sort(const gp_dataset *ds, gp_index *v, size_t n);
/* Before writing order[i]: prefetch the rows written 8, 16 and 24 later (gp__dataset_prefetch). */
void gp__timeline_prefetch(const gp_dataset *ds, const gp_index *order, size_t n, size_t i);

/* Is the event a deadline (type `deadline`)? */
int gp__timeline_is_deadline(const gp_dataset *ds, const gp_event *ev);

/* A relative date's ISO 8601 offset in words: "21 days", "1 year 2 months", "6 hours". */
void gp__timeline_offset_text(gp_sbuf *b, const char *text);

/* "Donald Trump → India", "Witkoff ↔ Putin", with " · about Russia" when with_about. */
void gp__timeline_actors_text(gp_sbuf *b, const gp_dataset *ds, const gp_event *ev, int with_about);

/*
 * One side of an event's actor text: its sources, its targets after " → ",
 * or its participants joined by " ↔ ". The text timeline may show only the
 * first `kept` names of a side, "+N" standing for the rest.
 */
typedef struct {
	const char *lead; /* what comes before the side's names */
	const char *sep;  /* between two of its names */
	const gp_index *a;
	size_t n, kept;
	size_t min; /* names it always shows: 1, or 2 participants for a "↔" between them */
} gp__actor_side;

/* The sides of an event in the order they are written; how many. */
size_t gp__timeline_actor_sides(const gp_dataset *ds, const gp_event *ev, int with_about,
				gp__actor_side side[GP_ROLE_COUNT]);

/* The sides' names, each cut to `cut` characters ("…" included), "+N" for those not kept. */
void gp__timeline_put_sides(gp_sbuf *b, const gp_dataset *ds, const gp__actor_side *side, size_t ns,
			    size_t cut);

/* Bytes of s[0..len) that stay when it is cut to `cut` characters, "…" included (cut >= 1). */
size_t gp__timeline_cut_bytes(const char *s, size_t len, size_t cut);

/* The writers of GP_TIMELINE_VIS, _TIMELINEJS and _ICS: GP_OK or GP_ENOMEM. */
int gp__timeline_write_vis(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			   const gp_timeline_options *o);
int gp__timeline_write_timelinejs(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
				  const gp_timeline_options *o);
int gp__timeline_write_ics(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			   const gp_timeline_options *o);

/*
 * The vis-timeline document (what GP_TIMELINE_VIS writes) in cJSON's
 * compact form, an item at a time through `put` (json_util.h), for a writer
 * that embeds it in a bigger one (the viewer, which escapes it for its
 * <script> block). Its strings are HTML already (vis shows `content` and
 * `title` as HTML). GP_OK or GP_ENOMEM.
 */
int gp__timeline_vis_put(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			 const gp_timeline_options *o, gp__json_put_fn put);

/*
 * One of an event's `sources` entries (a citation's id, or an inline URL),
 * for the viewer: the citation's fields, or the URL; `label` the citation's
 * title, else its id or the URL.
 */
typedef struct {
	const char *label;
	const char *publisher, *published, *url; /* NULL when absent */
} gp__source_ref;
gp__source_ref gp__timeline_source(const gp_dataset *ds, const char *s);
/* " (Al Jazeera, 2025-08-06)", or nothing, as text. */
void gp__timeline_source_detail(gp_sbuf *b, const gp__source_ref *r);
/* Is url a web address (http: or https:), which a page may link to? */
int gp__timeline_web_url(const char *url);

/*
 * Footnotes (docs/story.md): each source an event cites (a citation's id,
 * or an inline URL) numbered by its first use along the timeline's order.
 */
typedef struct {
	gp_strmap map;             /* source -> its number */
	GP_VEC(const char *) list; /* the sources, the first numbered 1 */
} gp__notes;
int gp__notes_build(gp__notes *nt, const gp_dataset *ds, const gp_index *order, size_t n);
void gp__notes_free(gp__notes *nt);
/* The event's marks, "[1][3]" (open "[", close "]"; Markdown "[^", "]"), each source once. */
void gp__notes_marks(gp_sbuf *b, const gp__notes *nt, const gp_dataset *ds, const gp_event *ev,
		     const char *open, const char *close);
/* A reference as text: "Title. Publisher, 2025-07-31. https://...", an inline URL, or an id. */
void gp__notes_entry(gp_sbuf *b, const gp_dataset *ds, const char *src);

/*
 * A link as the text and Markdown timelines show it under its event:
 * "in response to tariff-order-1 (2025-07-30)": the relation in words (an
 * unknown one as written), the other event's id and its date as written
 * (EDTF; a derived date computed). Nothing for an unresolved link.
 */
void gp__timeline_link_text(gp_sbuf *b, const gp_dataset *ds, const gp_link *l);

/*
 * The text timeline (GP_TIMELINE_TEXT), with a word in a first column
 * before each event when `marks` is not NULL (the chain: cause, event,
 * response), then without the dataset's title.
 */
int gp__timeline_write_text(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			    const gp_timeline_options *o, const char *const *marks);
/* One event as the timeline JSON writes it; NULL when out of memory. */
cJSON *gp__timeline_event_json(const gp_dataset *ds, const gp_event *ev,
			       const gp_timeline_options *o);

/*
 * One iCalendar content line, "NAME:VALUE" (NAME may carry parameters,
 * "DTSTART;VALUE=DATE"), appended to b: the value escaped as TEXT when
 * `text` (\\, \;, \, and \n; other control characters become spaces),
 * folded so that no line has more than 75 octets without its CRLF, never
 * inside a UTF-8 character, and ended with CRLF.
 */
void gp__ics_line(gp_sbuf *b, const char *name, const char *value, int text);

#endif
