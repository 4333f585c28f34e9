/*
 * json_load.h - reading geopol files (JSON, JSON Lines) and partial graphs,
 * in four files that share this header. Private.
 *
 *   json_scan.c    positions (line, column) of values, the strict RFC 8259
 *                  scanner and reporting at a value;
 *   json_values.c  checking values against the schema: types, strings,
 *                  members;
 *   load_json.c    the event file schema (DESIGN §1): actors, events,
 *                  types, sources, documents and JSON Lines lines;
 *   load_partial.c partial graphs (geopol merge);
 *   load.c         the entry points: files and buffers, format detection,
 *                  JSON Lines line by line.
 *
 * cJSON keeps no source positions and takes some invalid JSON, so a strict
 * scanner (gp__json_scan) walks the text too: it reports the first syntax
 * error where it is, and records where each value starts, in document
 * order; cJSON keeps members and elements in document order too, so a
 * pre-order walk of the tree pairs every node with its offset. The node's
 * index in that order is kept in its `valueint`, which nothing here reads
 * otherwise (numbers are read through `valuedouble`): an int holds the
 * index of any value of a document below 4 GiB, where the offset itself
 * might not fit.
 *
 * The cJSON tree lives only while one file (or one JSON Lines line) is
 * processed: every string kept is copied into the dataset's arena.
 */
#ifndef GEOPOL_JSON_LOAD_H
#define GEOPOL_JSON_LOAD_H

#include <cjson/cJSON.h>

#include "dataset_impl.h"
#include "graph_impl.h"
#include "input.h"

#define MAX_ID_LEN 256
#define MAX_LINE_TEXT 4096 /* names, titles, labels, roles */

/* What one load works with: the text, where it is, the work space kept across lines. */
typedef struct lctx {
	gp_dataset *ds;
	gp_diag_sink *sink;
	const char *fname;
	uint32_t file;
	const char *text; /* the text being parsed: a whole file, or one line */
	size_t len;
	size_t *lines; /* JSON: offsets of line starts */
	size_t nlines;
	size_t *cps;           /* code points before each COL_BLOCK-byte block of text, or NULL */
	unsigned long line_no; /* JSON Lines: the current line's number */
	int oom;
	cJSON *root; /* the tree being loaded; its offsets are assigned on demand */
	size_t skip; /* where its text starts (past a byte-order mark) */
	int offsets_done;
	int scanned; /* scan_json has checked the text and recorded its offsets */
	/* scan_json's and assign_offsets' work space */
	GP_VEC(size_t) offs; /* where each value starts, in document order */
	GP_VEC(size_t) open; /* where each open '{' or '[' is */
	GP_VEC(cJSON *) stack;
	/* load_event's lists of one event */
	GP_VEC(gp_index) acts;
	GP_VEC(const char *) cites;
	gp_agg **agg; /* reading a partial graph into *agg (geopol merge) */
	/* Each line's object, when the lines are not events (partial graphs): the
	 * reader of such lines says so, and load.c needs to know none of them. */
	void (*load_line)(struct lctx *c, const cJSON *root);
	int stop; /* the rest of the input is not read (not a partial graph) */
	const gp_graph_options *gopts;
} lctx;

/*
 * Past JSON's white space (space, tab, line feed, carriage return) from i.
 * The NUL at len is none: it stops the loop without a bound check.
 */
static inline size_t gp__json_ws(const char *t, size_t i)
{
	for (;; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch > ' ' || (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r')) {
			return i;
		}
	}
}

/* ---------------------------------------------------------- json_scan.c */

/* The text being parsed changes: a whole document, or the next line. */
void gp__json_set_text(lctx *c, const char *text, size_t len, unsigned long line_no);
/* Line starts of a whole document (c->lines). 0, or -1 on ENOMEM. */
int gp__json_line_table(lctx *c);
gp_loc gp__json_loc_at(lctx *c, size_t off);
/* Where a node's value is (its offsets assigned on first use). */
gp_loc gp__json_loc_of(lctx *c, const cJSON *node);
void gp__json_need_offsets(lctx *c);
size_t gp__json_offset_of(const lctx *c, const cJSON *node);
/* Past the string whose opening quote is at i, in a text already checked. */
size_t gp__json_skip_string(const char *t, size_t len, size_t i);
/* A diagnostic at a place (nothing once memory ran out). */
void gp__json_report(lctx *c, gp_severity sev, gp_loc at, const char *fmt, ...) GP_PRINTF(4, 5);
/* The strict scan of c->text from i: 0, 1 after reporting an error, -1 on ENOMEM. */
int gp__json_scan(lctx *c, size_t i);
/* A JSON Lines line that surely scans clean (a quick look), from skip. */
int gp__json_surely_valid(const lctx *c, size_t skip);
/* UTF-8 throughout: 0, or -1 after reporting where it is not. */
int gp__json_check_utf8(lctx *c);

/* -------------------------------------------------------- json_values.c */

/* "a string", "an array", ... for messages. */
const char *gp__json_type_name(const cJSON *v);
/* A copy in the dataset's arena (NULL, and c->oom, on ENOMEM). */
char *gp__json_keep(lctx *c, const char *s);
/* A string field: 1 present and valid (*out set), 0 absent, -1 invalid (reported). */
int gp__json_string_v(lctx *c, const cJSON *v, const char *field, const char *what, size_t maxlen,
		      const char **out);
int gp__json_string(lctx *c, const cJSON *obj, const char *field, const char *what, size_t maxlen,
		    const char **out);
void gp__json_missing(lctx *c, const cJSON *obj, const char *what, const char *field);
gp_loc gp__json_key_loc(lctx *c, const cJSON *member);
/*
 * Unknown keys of obj are warnings, duplicate keys errors; with `found`,
 * found[k] is the member named known[k] (NULL when absent).
 */
void gp__json_check_members(lctx *c, const cJSON *obj, const char *const *known, const char *what,
			    const cJSON **found);
/* The text of a value as written, without white space outside strings, in the arena. */
const char *gp__json_minified(lctx *c, const cJSON *v);
/* An array of non-empty strings: 0, or -1 after reporting. */
int gp__json_string_array(lctx *c, const cJSON *v, const char *field, const char *what);

/* ---------------------------------------------------------- load_json.c */

void gp__json_load_document(lctx *c, const cJSON *root);
void gp__json_load_head(lctx *c, const cJSON *root);
void gp__json_load_actor(lctx *c, const cJSON *o);
void gp__json_load_event(lctx *c, const cJSON *o);

/* ---------------------------------------------------------------- load.c */

/* Load a JSON Lines input a line at a time into c, then close it. */
int gp__json_load_lines(lctx *c, gp_input *in, const char *path, size_t errors_before);

#endif
