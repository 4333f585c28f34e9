/*
 * load_json.c - geopol files (JSON and JSON Lines) into a gp_dataset.
 *
 * cJSON keeps no source positions and takes some invalid JSON, so a strict
 * scanner (scan_json) walks the text too: it reports the first syntax error
 * where it is, and records where each value starts, in document order;
 * cJSON keeps members and elements in document order too, so a pre-order
 * walk of the tree pairs every node with its offset. The offset
 * is kept in the node's `valueint`, which nothing here reads otherwise
 * (numbers are read through `valuedouble`).
 *
 * The cJSON tree lives only while one file (or one JSON Lines line) is
 * processed: every string kept is copied into the dataset's arena.
 */
#include <cjson/cJSON.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_impl.h"
#include "input.h"
#include "tabular.h"

#define MAX_ID_LEN 256
#define MAX_LINE_TEXT 4096 /* names, titles, labels, roles */

typedef struct {
	gp_dataset *ds;
	gp_diag_sink *sink;
	const char *fname;
	uint32_t file;
	const char *text; /* the text being parsed: a whole file, or one line */
	size_t len;
	size_t *lines; /* JSON: offsets of line starts */
	size_t nlines;
	unsigned long line_no; /* JSON Lines: the current line's number */
	int oom;
	cJSON *root;      /* the tree being loaded; its offsets are assigned on demand */
	size_t skip;      /* where its text starts (past a byte-order mark) */
	int offsets_done;
	int scanned;      /* scan_json has checked the text and recorded its offsets */
	/* scan_json's and assign_offsets' work space */
	GP_VEC(size_t) offs;   /* where each value starts, in document order */
	GP_VEC(size_t) open;   /* where each open '{' or '[' is */
	GP_VEC(cJSON *) stack;
	/* load_event's lists of one event */
	GP_VEC(gp_index) acts;
	GP_VEC(const char *) cites;
	gp_agg **agg;          /* reading a partial graph into *agg (geopol merge) */
	const gp_graph_options *gopts;
} lctx;

/* ------------------------------------------------------------- positions */

static gp_loc loc_at(const lctx *c, size_t off)
{
	gp_loc l = { c->file, 0, 0 };
	if (off > c->len) {
		off = c->len;
	}
	if (c->line_no) {
		size_t from = c->line_no == 1 && off >= 3 && c->len >= 3 &&
				      memcmp(c->text, "\xef\xbb\xbf", 3) == 0
			      ? 3
			      : 0;
		l.line = (uint32_t)c->line_no;
		l.column = (uint32_t)(gp__utf8_count(c->text + from, off - from) + 1);
		return l;
	}
	size_t lo = 0, hi = c->nlines; /* last line start <= off */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (c->lines[mid] <= off) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	l.line = (uint32_t)(lo + 1);
	size_t from = c->lines[lo];
	/* A byte-order mark is invisible in editors: columns start after it. */
	if (lo == 0 && off >= 3 && c->len >= 3 && memcmp(c->text, "\xef\xbb\xbf", 3) == 0) {
		from = 3;
	}
	l.column = (uint32_t)(gp__utf8_count(c->text + from, off - from) + 1);
	return l;
}

/*
 * Past JSON's white space (space, tab, line feed, carriage return) from i.
 * The NUL at len is none: it stops the loop without a bound check.
 */
static inline size_t json_ws(const char *t, size_t i)
{
	for (;; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch > ' ' || (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r')) {
			return i;
		}
	}
}

static int assign_offsets(lctx *c, cJSON *root);
static int scan_json(lctx *c, size_t i);

/*
 * Offsets are found when first asked for: a valid line of a big JSON Lines
 * file usually needs none (its event and the actors and types it names are
 * located only on their first use), and the scan would cost a pass over it.
 * A text scan_json has checked (a document, a line that looked suspect) has
 * them recorded already: only the tree is walked.
 */
static void need_offsets(lctx *c)
{
	if (c->root && !c->offsets_done) {
		c->offsets_done = 1;
		/* A line passed by line_surely_valid: the scan finds no error, but would say one. */
		int r = c->scanned ? 0 : scan_json(c, c->skip);
		if (r < 0 || assign_offsets(c, c->root)) {
			c->oom = 1;
		}
	}
}

static gp_loc loc_of(lctx *c, const cJSON *node)
{
	if (node == c->root) {
		return loc_at(c, json_ws(c->text, c->skip)); /* its '{': no scan needed */
	}
	need_offsets(c);
	return loc_at(c, node->valueint >= 0 ? (size_t)node->valueint : 0);
}

static int build_line_table(lctx *c)
{
	size_t n = 1;
	for (size_t i = 0; i < c->len; i++) {
		n += c->text[i] == '\n';
	}
	c->lines = malloc(n * sizeof(*c->lines));
	if (!c->lines) {
		return -1;
	}
	c->nlines = 0;
	c->lines[c->nlines++] = 0;
	for (size_t i = 0; i < c->len; i++) {
		if (c->text[i] == '\n') {
			c->lines[c->nlines++] = i + 1;
		}
	}
	return 0;
}

/* The bytes that stop a string: '"', '\\', and control characters (NUL among them). */
static const unsigned char string_stops[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

/*
 * The next '"', '\\' or control character from i: a NUL at len at the
 * latest (every text is NUL-terminated), which stops the loop. Sixteen
 * bytes are compared at once (SSE2, on every x86-64) or eight (an exact
 * SWAR test, on other little-endian machines), and the first such byte is
 * taken from the mask: no branch per byte, and most keys and ids end in
 * the first block.
 */
static inline size_t string_stop(const char *t, size_t len, size_t i)
{
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), ctl = _mm_set1_epi8(0x1f);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
					   _mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl)); /* v <= 0x1f */
		unsigned m = (unsigned)_mm_movemask_epi8(hit);
		if (m) {
			return i + (size_t)__builtin_ctz(m);
		}
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	for (; i + 8 <= len; i += 8) {
		uint64_t w, q, b, k;
		memcpy(&w, t + i, 8);
		q = w ^ 0x2222222222222222ULL; /* '"' bytes are now zero */
		b = w ^ 0x5c5c5c5c5c5c5c5cULL; /* '\\' bytes are now zero */
		k = w & 0xe0e0e0e0e0e0e0e0ULL; /* bytes below 0x20 are now zero */
		/* 0x80 in each zero byte, exactly. */
		q = ~(((q & low7) + low7) | q | low7);
		b = ~(((b & low7) + low7) | b | low7);
		k = ~(((k & low7) + low7) | k | low7);
		if (q | b | k) {
			return i + ((size_t)__builtin_ctzll(q | b | k) >> 3);
		}
	}
#endif
	while (!string_stops[(unsigned char)t[i]]) {
		i++;
	}
	return i;
}

/* Past the string whose opening quote is at i, in a text already checked. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
	for (i = string_stop(t, len, i + 1); i < len && t[i] != '"'; i = string_stop(t, len, i)) {
		i += t[i] == '\\' ? 2 : 1;
	}
	return i + 1;
}

/*
 * Give each node of the tree the offset of its value, recorded by scan_json
 * in document order: cJSON keeps members and elements in document order
 * too, so a pre-order walk pairs them. Iterative: depth costs nothing.
 */
static int assign_offsets(lctx *c, cJSON *root)
{
	size_t k = 0;
	c->stack.n = 0;
	if (GP_VEC_PUSH(c->stack, root)) {
		return -1;
	}
	while (c->stack.n) {
		cJSON *n = c->stack.v[--c->stack.n];
		n->valueint = k < c->offs.n && c->offs.v[k] <= INT_MAX ? (int)c->offs.v[k] : 0;
		k++;
		if ((n != root && n->next && GP_VEC_PUSH(c->stack, n->next)) ||
		    (n->child && GP_VEC_PUSH(c->stack, n->child))) {
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ reporting */

GP_PRINTF(4, 5) static void report(lctx *c, gp_severity sev, gp_loc at, const char *fmt, ...)
{
	va_list ap;
	if (c->oom) {
		return; /* what memory ran out for would be reported missing ("event has no actor") */
	}
	va_start(ap, fmt);
	gp__vdiag(c->sink, sev, c->fname, at.line, at.column, fmt, ap);
	va_end(ap);
}

/* ---------------------------------------------------- strict JSON scanner */

/*
 * cJSON gives no positions, stops a token or more after an error, and takes
 * some texts RFC 8259 forbids: leading zeros (01), a bare decimal point
 * (1.), control characters in strings and between tokens, and a \u escape
 * without four hex digits, which it reads as a NUL. So this scanner, which
 * holds to the RFC, checks every text cJSON refused, every document, and
 * every JSON Lines line that line_surely_valid cannot vouch for. On a valid
 * text it records where each value starts (c->offs, document order: see
 * assign_offsets), which it does for a vouched-for line too when its
 * offsets are first needed; on any other text it reports the first error,
 * at the offending character, in words. It is the walk that recorded the
 * offsets before, with the checks added, and it replaces the passes that
 * looked for NUL bytes and escaped NULs.
 */

GP_PRINTF(3, 4) static int json_error(lctx *c, size_t at, const char *fmt, ...)
{
	va_list ap;
	gp_loc l = loc_at(c, at);
	va_start(ap, fmt);
	gp__vdiag(c->sink, GP_SEV_ERROR, c->fname, l.line, l.column, fmt, ap);
	va_end(ap);
	return 1;
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch) || ch == '_' ||
	       ch == '$';
}

/* The character at i as a message shows it (buf: 48 bytes). */
static const char *char_text(const lctx *c, size_t i, char *buf)
{
	const unsigned char *p = (const unsigned char *)c->text + i;
	if (i >= c->len) {
		return "the end of the input";
	}
	if (p[0] < 0x20 || p[0] == 0x7f) {
		snprintf(buf, 48, "control character U+%04X", p[0]);
	} else if (p[0] < 0x80) {
		snprintf(buf, 48, "'%c'", p[0]);
	} else {
		/* The whole character and its code point (a no-break space is invisible): the text is valid UTF-8. */
		int n = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
		unsigned long cp = p[0] & (0x7f >> n);
		for (int k = 1; k < n; k++) {
			cp = cp << 6 | (p[k] & 0x3f);
		}
		snprintf(buf, 48, "'%.*s' (U+%04lX)", n, c->text + i, cp);
	}
	return buf;
}

/* Where the character at o is, for a message: "line 3, column 7", or "column 7" on a JSON Lines line. */
static const char *place(const lctx *c, size_t o, char *buf, size_t size)
{
	gp_loc l = loc_at(c, o);
	if (c->line_no) {
		snprintf(buf, size, "column %lu", (unsigned long)l.column);
	} else {
		snprintf(buf, size, "line %lu, column %lu", (unsigned long)l.line, (unsigned long)l.column);
	}
	return buf;
}

/* The end of the last token: where a truncated text is reported. */
static size_t text_end(const lctx *c)
{
	size_t e = c->len;
	while (e > 0 && (unsigned char)c->text[e - 1] <= ' ') {
		e--;
	}
	return e;
}

/*
 * What is at i is not what the grammar expects there (`expected`, e.g. "a
 * value"): say what it is, with a hint for the usual slips.
 */
static int unexpected(lctx *c, size_t i, const char *expected)
{
	const char *t = c->text;
	char d[48];
	if (i >= c->len) {
		/* Truncated: naming the innermost open bracket. */
		char w[64];
		if (!c->open.n) {
			return json_error(c, text_end(c), "syntax error: unexpected end of input, expected %s",
					  expected);
		}
		size_t o = c->open.v[c->open.n - 1];
		return json_error(c, text_end(c),
				  "syntax error: unexpected end of input: the '%c' at %s is not closed", t[o],
				  place(c, o, w, sizeof(w)));
	}
	unsigned char ch = (unsigned char)t[i];
	if (ch == 0) {
		return json_error(c, i, "unexpected NUL byte");
	}
	if (ch < 0x20) {
		return json_error(c, i,
				  "syntax error: control character U+%04X (only spaces, tabs and line breaks may stand between tokens)",
				  ch);
	}
	if (ch == '\'') {
		return json_error(c, i, "syntax error: single quote: strings and keys are written in double quotes (\")");
	}
	if (ch == 0xe2 && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] >= 0x98 &&
	    (unsigned char)t[i + 2] <= 0x9d) {
		return json_error(c, i, "syntax error: typographic quote %s: strings and keys are written in plain double quotes (\")",
				  char_text(c, i, d));
	}
	if (is_word_char((char)ch) && strcmp(expected, "a value") == 0) {
		size_t e = i;
		while (is_word_char(t[e]) && e - i < 40) {
			e++;
		}
		return json_error(c, i,
				  "syntax error: unexpected word '%.*s' (text is written in double quotes; the literals are true, false and null)",
				  (int)(e - i), t + i);
	}
	if (is_word_char((char)ch) && strncmp(expected, "a key", 5) == 0) {
		size_t e = i;
		while ((is_word_char(t[e]) || t[e] == '-') && e - i < 40) {
			e++;
		}
		return json_error(c, i, "syntax error: unquoted key '%.*s': keys are written in double quotes",
				  (int)(e - i), t + i);
	}
	if ((ch == '+' || ch == '.') && strcmp(expected, "a value") == 0) {
		return json_error(c, i, "syntax error: a number starts with a digit or '-', not '%c'", ch);
	}
	return json_error(c, i, "syntax error: expected %s, found %s", expected, char_text(c, i, d));
}

/* Four hex digits at i: their value, or -1. */
static long hex4(const char *t, size_t len, size_t i)
{
	long v = 0;
	for (size_t k = i; k < i + 4; k++) {
		char ch = k < len ? t[k] : 0;
		int x = is_digit(ch) ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
		if (x < 0) {
			return -1;
		}
		v = v * 16 + x;
	}
	return v;
}

/* The escape at i (a '\\'): its length, or 0 with the error reported. */
static size_t scan_escape(lctx *c, size_t i)
{
	const char *t = c->text;
	char e = t[i + 1]; /* the caller saw that i + 1 < len */
	char d[48];
	if (e && strchr("\"\\/bfnrt", e)) {
		return 2;
	}
	if (e != 'u') {
		json_error(c, i, "syntax error: invalid escape: '\\' followed by %s (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
			   char_text(c, i + 1, d));
		return 0;
	}
	long u = hex4(t, c->len, i + 2);
	if (u < 0) {
		json_error(c, i, "syntax error: '\\u' must be followed by four hex digits");
		return 0;
	}
	if (u == 0) {
		/* Valid JSON, but cJSON would end the string there. */
		json_error(c, i, "'\\u0000' (a NUL character) is not allowed in geopol strings");
		return 0;
	}
	if (u >= 0xdc00 && u <= 0xdfff) {
		json_error(c, i, "syntax error: '\\u%.4s' is the second half of a surrogate pair, without the first", t + i + 2);
		return 0;
	}
	if (u >= 0xd800 && u <= 0xdbff) {
		long lo = i + 7 < c->len && t[i + 6] == '\\' && t[i + 7] == 'u' ? hex4(t, c->len, i + 8) : -1;
		if (lo < 0xdc00 || lo > 0xdfff) {
			json_error(c, i, "syntax error: '\\u%.4s' must be followed by the second half of its surrogate pair (\\uDC00 to \\uDFFF)", t + i + 2);
			return 0;
		}
		return 12;
	}
	return 6;
}

/* What ends the string opened at q early, at i: the end of the input, or a control character. */
static int string_error(lctx *c, size_t q, size_t i)
{
	unsigned char ch = i < c->len ? (unsigned char)c->text[i] : 0;
	char w[64];
	if (i >= c->len) {
		/* Where the closing quote is missing, as for a line break below. */
		return json_error(c, c->len, "syntax error: unterminated string (the '\"' at %s is not closed)",
				  place(c, q, w, sizeof(w)));
	}
	if (ch == '\n' || ch == '\r') {
		return json_error(c, i, "syntax error: line break in a string (a missing closing quote? a line break in a string is written \\n)");
	}
	if (ch == '\t') {
		return json_error(c, i, "syntax error: tab character in a string (write it as \\t)");
	}
	if (ch == 0) {
		return json_error(c, i, "unexpected NUL byte");
	}
	return json_error(c, i, "syntax error: control character U+%04X in a string (write it as \\u%04X)",
			  ch, ch);
}

/* Past the string whose opening quote is at *pos: 0, or 1 reported. */
static inline int scan_string(lctx *c, size_t *pos)
{
	const char *t = c->text;
	size_t len = c->len, i = string_stop(t, len, *pos + 1), n;
	while (i < len && t[i] != '"') {
		if (t[i] != '\\' || i + 1 >= len) {
			return string_error(c, *pos, i + (t[i] == '\\'));
		}
		if (!(n = scan_escape(c, i))) {
			return 1;
		}
		i = string_stop(t, len, i + n);
	}
	if (i >= len) {
		return string_error(c, *pos, i);
	}
	*pos = i + 1;
	return 0;
}

/* Past the number at *pos: 0, or 1 reported. The NUL at len ends every run of digits. */
static int scan_number(lctx *c, size_t *pos)
{
	const char *t = c->text;
	size_t i = *pos + (t[*pos] == '-');
	if (!is_digit(t[i])) {
		return json_error(c, i, "syntax error: expected a digit after '-'");
	}
	if (t[i] == '0' && is_digit(t[i + 1])) {
		size_t e = i;
		while (is_digit(t[e]) && e - *pos < 24) {
			e++;
		}
		return json_error(c, i, "syntax error: leading zero in the number %.*s (a code with leading zeros is written as a string: \"%.*s\")",
				  (int)(e - *pos), t + *pos, (int)(e - *pos), t + *pos);
	}
	while (is_digit(t[i])) {
		i++;
	}
	if (t[i] == '.') {
		if (!is_digit(t[i + 1])) {
			return json_error(c, i, "syntax error: a decimal point must be followed by a digit");
		}
		for (i++; is_digit(t[i]); i++) {
		}
	}
	if (t[i] == 'e' || t[i] == 'E') {
		size_t e = i++;
		i += t[i] == '+' || t[i] == '-';
		if (!is_digit(t[i])) {
			return json_error(c, e, "syntax error: an exponent needs digits ('1e5', '2.5E-3')");
		}
		while (is_digit(t[i])) {
			i++;
		}
	}
	*pos = i;
	return 0;
}

/* A key at i (past white space), then ':': 0 with i past the ':', or 1 reported. */
static inline int scan_key(lctx *c, size_t *i)
{
	if (c->text[*i] != '"') {
		return unexpected(c, *i, "a key in double quotes");
	}
	if (scan_string(c, i)) {
		return 1;
	}
	*i = json_ws(c->text, *i);
	if (c->text[*i] != ':') {
		return unexpected(c, *i, "':' after the key");
	}
	(*i)++;
	return 0;
}

/* What follows a complete top-level value at i, past white space: 0 when nothing. */
static int scan_end(lctx *c, size_t i)
{
	char d[48];
	if (i >= c->len) {
		return 0;
	}
	gp_loc l = loc_at(c, i);
	if (c->text[i] == '{' && !c->line_no && l.line > 1 && l.column == 1) {
		return json_error(c, i, "syntax error: unexpected '{' (one object per line? that is JSON Lines: name the file .jsonl or give --input-format jsonl)");
	}
	if ((unsigned char)c->text[i] < 0x20) {
		return unexpected(c, i, "the end of the input");
	}
	return json_error(c, i, "syntax error: unexpected %s after the end of the top-level value",
			  char_text(c, i, d));
}

/* At i, after a value in the array or object opened at o, neither ',' nor its closing bracket. */
static int scan_after_error(lctx *c, size_t i, size_t o)
{
	const char *t = c->text;
	char close = t[o] == '{' ? '}' : ']', d[48];
	if (i < c->len && (t[i] == '}' || t[i] == ']')) {
		char w[64];
		return json_error(c, i, "syntax error: '%c' does not close the '%c' at %s", t[i], t[o],
				  place(c, o, w, sizeof(w)));
	}
	if (i < c->len && (t[i] == '"' || t[i] == '{' || t[i] == '[' || t[i] == '-' || is_word_char(t[i]))) {
		return json_error(c, i, "syntax error: expected ',' or '%c', found %s (a missing comma?)",
				  close, char_text(c, i, d));
	}
	snprintf(d, sizeof(d), "',' or '%c'", close);
	return unexpected(c, i, d);
}

/*
 * One byte of line_surely_valid's candidates ('.', '0', '\\') at p: 1 when
 * it may be a trace of what cJSON takes beyond JSON. *esc_end: where the
 * last escape ends (a '\\' before it is an escaped one, not an escape).
 */
static inline int trace_at(const char *t, size_t len, size_t skip, size_t p, size_t *esc_end)
{
	char prev = p > skip ? t[p - 1] : ':', next = t[p + 1]; /* the text's start is a value's */
	if (t[p] == '\\') {
		if (p < *esc_end) {
			return 0;
		}
		*esc_end = p + 2;
		if (next == 'u') {
			long u = hex4(t, len, p + 2);
			*esc_end = p + 6;
			return u <= 0; /* no four hex digits, or \u0000 */
		}
		return 0;
	}
	if (t[p] == '.') {
		/* "1." and "1.e5", "-.5": no digit after the point, or none before it. */
		return prev == '-' || (is_digit(prev) && !is_digit(next));
	}
	/* A '0' and a digit at a number's start (after an optional '-'): a leading zero. */
	if (!is_digit(next)) {
		return 0;
	}
	if (prev == '-') {
		prev = p - 1 > skip ? t[p - 2] : ':';
	}
	return prev == ':' || prev == ',' || prev == '[' || prev == ' ';
}

/*
 * Is a JSON Lines line cJSON accepted surely valid JSON, so that the strict
 * scan can be spared (a big file's lines are parsed by cJSON and seldom
 * need their offsets)? What cJSON takes beyond RFC 8259 leaves a trace one
 * pass finds without parsing: a control character (no line of a JSON Lines
 * file has one unless it is broken: writers escape them in strings and
 * separate tokens with spaces); a \u escape without four hex digits; a
 * number with a leading zero (a '0' and a digit at a number's start: after
 * ':', ',', '[', a space, or a '-' there), or with a '.' without a digit
 * after it or a '-' before it; a second byte-order mark. Strings can hold
 * such traces too ("at 09:05"): then the scan decides. Sixteen bytes are
 * looked at at once (SSE2), and only the candidate bytes one by one.
 */
static int line_surely_valid(const lctx *c, size_t skip)
{
	const char *t = c->text;
	size_t len = c->len, i = skip, esc_end = 0;
	if (len - skip >= 3 && memcmp(t + skip, "\xef\xbb\xbf", 3) == 0) {
		return 0;
	}
#if defined(__SSE2__)
	const __m128i ctl = _mm_set1_epi8(0x1f), dot = _mm_set1_epi8('.'), zero = _mm_set1_epi8('0'),
		      bslash = _mm_set1_epi8('\\');
	{
		/*
		 * Until an escape, quotes open and close strings exactly, so a
		 * number's traces are looked for outside strings only (a URL's
		 * "1234.html" is none); inside-string bits come from a prefix XOR
		 * of the quotes' mask. A line with an escape (rare) is looked at
		 * again below from its start, strings or not.
		 */
		const __m128i quote = _mm_set1_epi8('"');
		unsigned carry = 0; /* 0xffff while a string is open at a block's start */
		for (; i + 16 <= len; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
			if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl))) {
				return 0;
			}
			if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, bslash))) {
				break; /* an escape: the look below, from the start */
			}
			unsigned in = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote));
			in ^= in << 1, in ^= in << 2, in ^= in << 4, in ^= in << 8;
			in = (in ^ carry) & 0xffffu;
			carry = in & 0x8000u ? 0xffffu : 0;
			unsigned cand = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, dot),
										 _mm_cmpeq_epi8(v, zero)));
			for (unsigned m = cand & ~in; m; m &= m - 1) {
				if (trace_at(t, len, skip, i + (size_t)__builtin_ctz(m), &esc_end)) {
					return 0;
				}
			}
		}
		int inside = carry != 0;
		for (; i < len && t[i] != '\\'; i++) {
			unsigned char ch = (unsigned char)t[i];
			if (ch < 0x20 || (!inside && (ch == '.' || ch == '0') && trace_at(t, len, skip, i, &esc_end))) {
				return 0;
			}
			inside ^= ch == '"';
		}
		if (i == len) {
			return 1;
		}
		i = skip; /* an escape was met */
	}
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, zero)),
					   _mm_or_si128(_mm_cmpeq_epi8(v, bslash),
							_mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl)));
		for (unsigned m = (unsigned)_mm_movemask_epi8(hit); m; m &= m - 1) {
			size_t p = i + (size_t)__builtin_ctz(m);
			if ((unsigned char)t[p] < 0x20 || trace_at(t, len, skip, p, &esc_end)) {
				return 0;
			}
		}
	}
#endif
	for (; i < len; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch < 0x20 || ((ch == '.' || ch == '0' || ch == '\\') && trace_at(t, len, skip, i, &esc_end))) {
			return 0;
		}
	}
	return 1;
}

/*
 * Scan the text from i (past a byte-order mark). 0 when it is valid JSON,
 * with the value offsets in c->offs; 1 when an error was reported; -1 out of
 * memory. The same walk as a parser's, without a tree: at a value, then
 * after it, commas and closing brackets.
 */
static int scan_json(lctx *c, size_t i)
{
	const char *t = c->text;
	size_t len = c->len;
	c->offs.n = c->open.n = 0; /* kept across the lines of a JSON Lines file */
	for (;;) {
		i = json_ws(t, i);
		if (i >= len) {
			return unexpected(c, i, "a value");
		}
		if (GP_VEC_PUSH(c->offs, i)) {
			return -1;
		}
		char ch = t[i];
		if (ch == '{' || ch == '[') {
			/* cJSON's own limit, said where it is passed. */
			if (c->open.n >= CJSON_NESTING_LIMIT) {
				return json_error(c, i, "syntax error: nested deeper than %d levels",
						  CJSON_NESTING_LIMIT);
			}
			if (GP_VEC_PUSH(c->open, i)) {
				return -1;
			}
			i = json_ws(t, i + 1);
			if (t[i] != (ch == '{' ? '}' : ']')) {
				if (ch == '{' && scan_key(c, &i)) {
					return 1;
				}
				continue;
			}
			c->open.n--;
			i++;
		} else if (ch == '"') {
			if (scan_string(c, &i)) {
				return 1;
			}
		} else if (ch == '-' || is_digit(ch)) {
			if (scan_number(c, &i)) {
				return 1;
			}
		} else {
			static const char *const literal[] = { "true", "false", "null" };
			int k = ch == 't' ? 0 : ch == 'f' ? 1 : ch == 'n' ? 2 : -1;
			size_t n = k >= 0 ? strlen(literal[k]) : 0;
			if (k < 0 || strncmp(t + i, literal[k], n) != 0 || is_word_char(t[i + n])) {
				return unexpected(c, i, "a value");
			}
			i += n;
		}
		/* After a value: closing brackets, up to a ',' before the next value. */
		for (;;) {
			i = json_ws(t, i);
			if (!c->open.n) {
				return scan_end(c, i);
			}
			size_t o = c->open.v[c->open.n - 1];
			char close = t[o] == '{' ? '}' : ']';
			if (t[i] == ',') {
				i = json_ws(t, i + 1);
				if (t[i] == close) {
					return json_error(c, i, "syntax error: trailing comma before '%c'", close);
				}
				if (close == '}' && scan_key(c, &i)) {
					return 1;
				}
				break;
			}
			if (t[i] != close) {
				return scan_after_error(c, i, o);
			}
			c->open.n--;
			i++;
		}
	}
}

static const char *json_type(const cJSON *v)
{
	if (cJSON_IsString(v)) {
		return "a string";
	}
	if (cJSON_IsNumber(v)) {
		return "a number";
	}
	if (cJSON_IsArray(v)) {
		return "an array";
	}
	if (cJSON_IsObject(v)) {
		return "an object";
	}
	if (cJSON_IsBool(v)) {
		return cJSON_IsTrue(v) ? "true" : "false";
	}
	return "null";
}

static char *keep(lctx *c, const char *s)
{
	char *p = gp__arena_strndup(&c->ds->arena, s, strlen(s));
	if (!p) {
		c->oom = 1;
	}
	return p;
}

/*
 * A string field: wrong type, empty or too long is an error at the value.
 * Returns 1 when present and valid (*out set), 0 when absent, -1 invalid.
 */
static int get_string_v(lctx *c, const cJSON *v, const char *field, const char *what,
			size_t maxlen, const char **out)
{
	*out = NULL;
	if (!v) {
		return 0;
	}
	if (!cJSON_IsString(v)) {
		report(c, GP_SEV_ERROR, loc_of(c, v), "expected a string for '%s' of %s, got %s",
		       field, what, json_type(v));
		return -1;
	}
	size_t n = strlen(v->valuestring);
	if (n == 0) {
		report(c, GP_SEV_ERROR, loc_of(c, v), "'%s' of %s must not be empty", field, what);
		return -1;
	}
	if (maxlen && n > maxlen) {
		report(c, GP_SEV_ERROR, loc_of(c, v),
		       "'%s' of %s is too long (%zu bytes; at most %zu)", field, what, n, maxlen);
		return -1;
	}
	*out = v->valuestring;
	return 1;
}

/* The same for obj's member `field`. */
static int get_string(lctx *c, const cJSON *obj, const char *field, const char *what,
		      size_t maxlen, const char **out)
{
	return get_string_v(c, cJSON_GetObjectItemCaseSensitive(obj, field), field, what, maxlen, out);
}

static void missing(lctx *c, const cJSON *obj, const char *what, const char *field)
{
	report(c, GP_SEV_ERROR, loc_of(c, obj), "%s is missing required field '%s'", what, field);
}

/* Where the key of a member starts: just before its value, past the ':'. */
static gp_loc key_loc(lctx *c, const cJSON *member)
{
	need_offsets(c);
	size_t i = member->valueint > 0 ? (size_t)member->valueint : 0;
	while (i > 0 && (unsigned char)c->text[i - 1] <= ' ') {
		i--;
	}
	if (i > 0 && c->text[i - 1] == ':') {
		i--;
	}
	while (i > 0 && (unsigned char)c->text[i - 1] <= ' ') {
		i--;
	}
	if (i > 0 && c->text[i - 1] == '"') {
		/* Back to the opening quote: one not preceded by an odd run of '\'. */
		for (i -= 2; i > 0; i--) {
			if (c->text[i] == '"') {
				size_t bs = 0;
				while (i - bs > 0 && c->text[i - bs - 1] == '\\') {
					bs++;
				}
				if (bs % 2 == 0) {
					break;
				}
			}
		}
	}
	return loc_at(c, i);
}

/* Index of key in known[] (NULL-terminated), or -1; two bytes are compared before strcmp. */
static int known_index(const char *const *known, const char *key)
{
	for (int k = 0; known[k]; k++) {
		/* known[k][0] is never NUL, so known[k][1] exists; key[1] too when key[0] matched. */
		if (known[k][0] == key[0] && known[k][1] == key[1] && strcmp(known[k], key) == 0) {
			return k;
		}
	}
	return -1;
}

#define MAX_KNOWN 32 /* fields of any one kind of object */

/*
 * Duplicate keys are errors (cJSON keeps the first silently); unknown ones
 * warnings. found[k], when given, is set to the member named known[k]
 * (its first occurrence) or NULL: one pass over the members instead of a
 * lookup per field.
 */
static void check_members(lctx *c, const cJSON *obj, const char *const *known, const char *what,
			  const cJSON **found)
{
	const cJSON *seen_known[MAX_KNOWN] = { NULL };
	size_t n = 0;
	for (size_t k = 0; found && known && known[k]; k++) {
		found[k] = NULL; /* also when out of memory below */
	}
	for (const cJSON *m = obj->child; m; m = m->next) {
		n++;
	}
	/* Other keys: pairwise for ordinary objects; a key map for big ones (a long 'sources'). */
	gp_strmap seen = { 0 };
	const cJSON **first_of = NULL;
	if (n > 32) {
		first_of = malloc(n * sizeof(*first_of));
		if (!first_of) {
			c->oom = 1;
			return;
		}
	}
	size_t i = 0;
	for (const cJSON *m = obj->child; m; m = m->next, i++) {
		const cJSON *first = m;
		int k = known ? known_index(known, m->string) : -1;
		if (first_of) {
			first_of[i] = m;
		}
		if (k >= 0) {
			if (seen_known[k]) {
				first = seen_known[k];
			} else {
				seen_known[k] = m;
			}
		} else if (first_of) {
			uint32_t prev = gp__strmap_get(&seen, m->string, strlen(m->string));
			if (prev != GP_NONE) {
				first = first_of[prev];
			} else if (gp__strmap_put(&seen, m->string, strlen(m->string), (uint32_t)i)) {
				c->oom = 1;
				break;
			}
		} else {
			for (first = obj->child; first != m && strcmp(first->string, m->string) != 0;) {
				first = first->next;
			}
		}
		if (first != m) {
			gp_loc earlier = key_loc(c, first);
			report(c, GP_SEV_ERROR, key_loc(c, m),
			       "duplicate key '%s' in %s (first at line %lu)", m->string, what,
			       (unsigned long)earlier.line);
			continue;
		}
		if (known && k < 0) {
			size_t nk = 0;
			while (known[nk]) {
				nk++;
			}
			char sugg[160] = "";
			gp__suggest_names(sugg, sizeof(sugg), m->string, known, nk);
			report(c, GP_SEV_WARNING, key_loc(c, m), "unknown field '%s' in %s%s",
			       m->string, what, sugg);
		}
	}
	for (size_t k = 0; found && known && known[k]; k++) {
		found[k] = seen_known[k];
	}
	free(first_of);
	gp__strmap_release(&seen);
}

/* The text of a value as written, without white space outside strings, in the arena. */
static const char *minified_value(lctx *c, const cJSON *v)
{
	need_offsets(c);
	size_t start = v->valueint > 0 ? (size_t)v->valueint : 0, i = start, depth = 0;
	/* Find its end: brackets balance, strings skipped. */
	do {
		char ch = c->text[i];
		if (ch == '"') {
			i = skip_string(c->text, c->len, i);
			continue;
		}
		depth += ch == '{' || ch == '[';
		depth -= ch == '}' || ch == ']';
		i++;
	} while (i < c->len && depth > 0);
	char *out = gp__arena_alloc(&c->ds->arena, i - start + 1);
	if (!out) {
		c->oom = 1;
		return NULL;
	}
	size_t n = 0;
	for (size_t k = start; k < i;) {
		if (c->text[k] == '"') {
			size_t e = skip_string(c->text, c->len, k);
			memcpy(out + n, c->text + k, e - k);
			n += e - k;
			k = e;
		} else if ((unsigned char)c->text[k] <= ' ') {
			k++;
		} else {
			out[n++] = c->text[k++];
		}
	}
	out[n] = '\0';
	return out;
}

/* ---------------------------------------------------------------- dates */

/* Parse an EDTF string value; 0 ok, -1 reported. */
static int parse_date_value(lctx *c, const cJSON *v, const char *field, gp_date *out)
{
	gp_date_error err;
	if (!cJSON_IsString(v)) {
		report(c, GP_SEV_ERROR, loc_of(c, v),
		       "expected an EDTF date string or a relative date object for '%s', got %s",
		       field, json_type(v));
		return -1;
	}
	if (gp_date_parse(out, v->valuestring, strlen(v->valuestring), &err)) {
		report(c, GP_SEV_ERROR, loc_of(c, v), "%s", err.message);
		return -1;
	}
	return 0;
}

static const char *const relative_fields[] = { "after", "before", "offset", NULL };

/* A relative date object; fills *rd (except .event). 0 ok, -1 reported. */
static int parse_relative(lctx *c, const cJSON *o, rel_date *rd)
{
	check_members(c, o, relative_fields, "relative date", NULL);
	const cJSON *after = cJSON_GetObjectItemCaseSensitive(o, "after");
	const cJSON *before = cJSON_GetObjectItemCaseSensitive(o, "before");
	const cJSON *off = cJSON_GetObjectItemCaseSensitive(o, "offset");
	const cJSON *ref = after ? after : before;
	const char *s;
	int ok = 1;
	if (after && before) {
		report(c, GP_SEV_ERROR, loc_of(c, before),
		       "relative date has both 'after' and 'before'; give one");
		ok = 0;
	} else if (!ref) {
		report(c, GP_SEV_ERROR, loc_of(c, o),
		       "relative date needs 'after' or 'before' naming an event");
		ok = 0;
	} else if (get_string(c, o, after ? "after" : "before", "a relative date", MAX_ID_LEN, &s) < 0) {
		ok = 0;
	} else {
		rd->ref = keep(c, s);
		rd->sign = after ? 1 : -1;
		rd->at = loc_of(c, ref);
	}
	if (!off) {
		report(c, GP_SEV_ERROR, loc_of(c, o),
		       "relative date is missing required field 'offset' (an ISO 8601 duration such as \"P21D\")");
		return -1;
	}
	if (!cJSON_IsString(off)) {
		report(c, GP_SEV_ERROR, loc_of(c, off), "expected a string for 'offset', got %s",
		       json_type(off));
		return -1;
	}
	gp_date_error err;
	if (gp_duration_parse(&rd->offset, off->valuestring, strlen(off->valuestring), &err)) {
		report(c, GP_SEV_ERROR, loc_of(c, off), "%s", err.message);
		return -1;
	}
	rd->offset_text = keep(c, off->valuestring);
	return ok ? 0 : -1;
}

/* ---------------------------------------------------------------- actors */

static const char *const actor_fields[] = { "id", "name", "kind", "aliases", "part_of", "role", NULL };
static const char *const member_fields[] = { "id", "from", "to", NULL };
static const char *const kind_list[] = { "country", "person", "agency", "organization",
					 "group", "international", NULL };

/* Read an array of non-empty strings; reports and returns -1 when invalid. */
static int string_array(lctx *c, const cJSON *v, const char *field, const char *what)
{
	if (!cJSON_IsArray(v)) {
		report(c, GP_SEV_ERROR, loc_of(c, v), "expected an array of strings for '%s' of %s, got %s",
		       field, what, json_type(v));
		return -1;
	}
	int rc = 0;
	for (const cJSON *e = v->child; e; e = e->next) {
		if (!cJSON_IsString(e)) {
			report(c, GP_SEV_ERROR, loc_of(c, e),
			       "expected a string in '%s' of %s, got %s", field, what, json_type(e));
			rc = -1;
		} else if (!e->valuestring[0]) {
			report(c, GP_SEV_ERROR, loc_of(c, e), "empty string in '%s' of %s", field, what);
			rc = -1;
		} else if (strlen(e->valuestring) > MAX_LINE_TEXT) {
			report(c, GP_SEV_ERROR, loc_of(c, e), "string in '%s' of %s is too long", field,
			       what);
			rc = -1;
		}
	}
	return rc;
}

typedef struct {
	const char *id;
	gp_loc at;
	int64_t from, to;
} member_in;
typedef GP_VEC(member_in) member_vec;

static int is_open_bound(const cJSON *v, int is_to)
{
	return cJSON_IsString(v) &&
	       (strcmp(v->valuestring, "..") == 0 || (is_to && strcmp(v->valuestring, "ongoing") == 0));
}

static int parse_part_of(lctx *c, const cJSON *v, member_vec *out)
{
	if (cJSON_IsString(v)) {
		member_in m = { v->valuestring, loc_of(c, v), GP_TIME_MIN, GP_TIME_MAX };
		if (!v->valuestring[0]) {
			report(c, GP_SEV_ERROR, loc_of(c, v), "'part_of' must not be empty");
			return -1;
		}
		return GP_VEC_PUSH(*out, m) ? (c->oom = 1, -1) : 0;
	}
	if (!cJSON_IsArray(v)) {
		report(c, GP_SEV_ERROR, loc_of(c, v),
		       "expected an actor id or an array of memberships for 'part_of', got %s",
		       json_type(v));
		return -1;
	}
	int rc = 0;
	for (const cJSON *e = v->child; e; e = e->next) {
		member_in m = { NULL, loc_of(c, e), GP_TIME_MIN, GP_TIME_MAX };
		if (cJSON_IsString(e) && e->valuestring[0]) {
			m.id = e->valuestring;
		} else if (cJSON_IsObject(e)) {
			check_members(c, e, member_fields, "a membership", NULL);
			const cJSON *jf = cJSON_GetObjectItemCaseSensitive(e, "from");
			const cJSON *jt = cJSON_GetObjectItemCaseSensitive(e, "to");
			gp_date d;
			int r = get_string(c, e, "id", "a membership", MAX_ID_LEN, &m.id);
			if (r == 0) {
				missing(c, e, "membership", "id");
			}
			if (r <= 0) {
				rc = -1;
				continue;
			}
			m.at = loc_of(c, cJSON_GetObjectItemCaseSensitive(e, "id"));
			/* A bound may be open: "..", or "ongoing" for `to` (DESIGN §1). */
			if (jf && !is_open_bound(jf, 0)) {
				if (parse_date_value(c, jf, "from", &d) == 0) {
					m.from = d.start;
				} else {
					rc = -1;
				}
			}
			if (jt && !is_open_bound(jt, 1)) {
				if (parse_date_value(c, jt, "to", &d) == 0) {
					m.to = d.end;
				} else {
					rc = -1;
				}
			}
			if (m.from != GP_TIME_MIN && m.to != GP_TIME_MAX && m.to < m.from) {
				report(c, GP_SEV_ERROR, loc_of(c, jt), "membership ends before it starts");
				rc = -1;
			}
		} else {
			report(c, GP_SEV_ERROR, loc_of(c, e),
			       "expected an actor id or a membership object in 'part_of', got %s",
			       json_type(e));
			rc = -1;
			continue;
		}
		if (GP_VEC_PUSH(*out, m)) {
			c->oom = 1;
			return -1;
		}
	}
	return rc;
}

/* "line 4" in the same file, "other.json, line 4" elsewhere. */
static const char *where(const lctx *c, gp_loc at, char *buf, size_t size)
{
	if (at.file == c->file) {
		snprintf(buf, size, "line %lu", (unsigned long)at.line);
	} else {
		snprintf(buf, size, "%s, line %lu", gp_dataset_file_name(c->ds, at.file),
			 (unsigned long)at.line);
	}
	return buf;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void conflict(lctx *c, const cJSON *v, const char *id, const char *field,
		     const char *was, gp_loc def)
{
	char w[300];
	report(c, GP_SEV_ERROR, loc_of(c, v), "conflicting %s for actor '%s': '%s' here, '%s' at %s",
	       field, id, cJSON_IsString(v) ? v->valuestring : "...", was ? was : "(none)",
	       where(c, def, w, sizeof(w)));
}

/* A bound of a membership as messages show it: a day, or an instant when it has a time. */
static const char *bound_text(int64_t t, int is_end, char *buf)
{
	if (t == (is_end ? GP_TIME_MAX : GP_TIME_MIN)) {
		return "..";
	}
	int64_t tod = (t % 86400 + 86400) % 86400;
	return gp_time_format(t, tod != (is_end ? 86399 : 0), buf);
}

/*
 * Append membership k of n to a message's text of a part_of: 'X' for a
 * plain id, 'X' (2004-01-01/..) with bounds, several in [...].
 */
static void member_text(char *buf, size_t size, size_t k, size_t n, const char *id, int64_t from,
			int64_t to)
{
	size_t pos = strlen(buf);
	char f[32], t[32];
	if (pos >= size) {
		return;
	}
	int bounded = from != GP_TIME_MIN || to != GP_TIME_MAX;
	snprintf(buf + pos, size - pos, "%s'%s'%s%s%s%s%s%s", k ? ", " : n > 1 ? "[" : "", id,
		 bounded ? " (" : "", bounded ? bound_text(from, 0, f) : "", bounded ? "/" : "",
		 bounded ? bound_text(to, 1, t) : "", bounded ? ")" : "", k + 1 == n && n > 1 ? "]" : "");
}

/*
 * A later definition of actor ai: each field it gives validly must agree with
 * the earlier definitions', whatever else is wrong with it. mem is NULL when
 * its part_of is broken. Returns 1 when all agree.
 */
static int actor_agrees(lctx *c, const cJSON *o, gp_index ai, const char *name, int kind,
			const char *role, const member_vec *mem)
{
	const gp_dataset *ds = c->ds;
	const gp_actor *a = &ds->actors.v[ai];
	const actor_info *info = &ds->actor_info.v[ai];
	int ok = 1;
	if (name && !(info->lacks & ACTOR_LACKS_NAME) && strcmp(a->name, name) != 0) {
		conflict(c, cJSON_GetObjectItemCaseSensitive(o, "name"), a->id, "name", a->name, info->def);
		ok = 0;
	}
	if (kind >= 0 && !(info->lacks & ACTOR_LACKS_KIND) && a->kind != kind) {
		conflict(c, cJSON_GetObjectItemCaseSensitive(o, "kind"), a->id, "kind",
			 gp_actor_kind_name(a->kind), info->def);
		ok = 0;
	}
	if (role && a->role && strcmp(role, a->role) != 0) {
		conflict(c, cJSON_GetObjectItemCaseSensitive(o, "role"), a->id, "role", a->role, info->role_at);
		ok = 0;
	}
	if (mem && mem->n && a->n_members) {
		int same = mem->n == a->n_members;
		for (size_t k = 0; same && k < mem->n; k++) {
			const gp_membership *m = &ds->members.v[a->member_off + k];
			same = strcmp(ds->actors.v[m->actor].id, mem->v[k].id) == 0 &&
			       m->from == mem->v[k].from && m->to == mem->v[k].to;
		}
		if (!same) {
			/* Both values, and where the kept one was written (maybe not the first definition). */
			char here[400] = "", was[400] = "", w[300];
			for (size_t k = 0; k < mem->n; k++) {
				member_text(here, sizeof(here), k, mem->n, mem->v[k].id, mem->v[k].from,
					    mem->v[k].to);
			}
			for (uint32_t k = 0; k < a->n_members; k++) {
				const gp_membership *m = &ds->members.v[a->member_off + k];
				member_text(was, sizeof(was), k, a->n_members, ds->actors.v[m->actor].id,
					    m->from, m->to);
			}
			report(c, GP_SEV_ERROR, loc_of(c, cJSON_GetObjectItemCaseSensitive(o, "part_of")),
			       "conflicting part_of for actor '%s': %s here, %s at %s", a->id, here, was,
			       where(c, ds->member_loc.v[a->member_off], w, sizeof(w)));
			ok = 0;
		}
	}
	return ok;
}

/* Take what a definition validly gives that no earlier one did (the first wins). */
static void take_fields(lctx *c, gp_index ai, gp_loc at, const char *name, int kind,
			const char *role, gp_loc role_at)
{
	gp_actor *a = &c->ds->actors.v[ai];
	actor_info *info = &c->ds->actor_info.v[ai];
	if (!a->defined) {
		a->defined = 1;
		info->def = at;
		info->lacks = ACTOR_LACKS_NAME | ACTOR_LACKS_KIND;
	}
	const char *s;
	if (name && (info->lacks & ACTOR_LACKS_NAME) && (s = keep(c, name))) {
		a->name = s;
		info->lacks &= (uint8_t)~ACTOR_LACKS_NAME;
	}
	if (kind >= 0 && (info->lacks & ACTOR_LACKS_KIND)) {
		a->kind = kind;
		info->lacks &= (uint8_t)~ACTOR_LACKS_KIND;
	}
	if (role && !a->role) {
		a->role = keep(c, role);
		info->role_at = role_at;
	}
}

/*
 * The part_of ids of a definition that is not kept still count as mentions,
 * so that an unknown one is reported as it would be in a kept one.
 */
static void mention_members(lctx *c, const member_vec *mem)
{
	for (size_t k = 0; k < mem->n && !c->oom; k++) {
		c->oom |= gp__actor_ref(c->ds, mem->v[k].id, strlen(mem->v[k].id), mem->v[k].at) == GP_NONE;
	}
}

static void load_actor(lctx *c, const cJSON *o)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(o)) {
		report(c, GP_SEV_ERROR, loc_of(c, o), "expected an object for an actor, got %s",
		       json_type(o));
		return;
	}
	check_members(c, o, actor_fields, "actor", NULL);
	const char *id, *name, *kind_s, *role;
	int ok = 1, r;
	if ((r = get_string(c, o, "id", "an actor", MAX_ID_LEN, &id)) == 0) {
		missing(c, o, "actor", "id");
	}
	ok &= r > 0;
	if ((r = get_string(c, o, "name", "an actor", MAX_LINE_TEXT, &name)) == 0) {
		missing(c, o, "actor", "name");
	}
	ok &= r > 0;
	if ((r = get_string(c, o, "kind", "an actor", MAX_ID_LEN, &kind_s)) == 0) {
		missing(c, o, "actor", "kind");
	}
	ok &= r > 0;
	int kind = -1;
	if (kind_s) {
		for (int k = 0; kind_list[k]; k++) {
			if (strcmp(kind_list[k], kind_s) == 0) {
				kind = k;
			}
		}
		if (kind < 0) {
			char sugg[160] = "";
			gp__suggest_names(sugg, sizeof(sugg), kind_s, kind_list, GP_KIND_COUNT);
			report(c, GP_SEV_ERROR, loc_of(c, cJSON_GetObjectItemCaseSensitive(o, "kind")),
			       "unknown actor kind '%s'%s; one of country, person, agency, organization, group, international",
			       kind_s, sugg);
			ok = 0;
		}
	}
	ok &= get_string(c, o, "role", "an actor", MAX_LINE_TEXT, &role) >= 0;
	const cJSON *jal = cJSON_GetObjectItemCaseSensitive(o, "aliases");
	if (jal && string_array(c, jal, "aliases", "an actor")) {
		ok = 0;
	}
	const cJSON *jpo = cJSON_GetObjectItemCaseSensitive(o, "part_of");
	member_vec mem = { 0 };
	int mem_ok = !jpo || parse_part_of(c, jpo, &mem) == 0;
	ok &= mem_ok;
	gp_loc at = loc_of(c, o);
	gp_loc role_at = role ? loc_of(c, cJSON_GetObjectItemCaseSensitive(o, "role")) : at;
	gp_index ai = GP_NONE;
	if (id && !c->oom) {
		ai = gp__actor_ref(ds, id, strlen(id), (gp_loc){ 0, 0, 0 });
		c->oom |= ai == GP_NONE;
	}
	if (ai != GP_NONE && ds->actors.v[ai].defined && c->agg) {
		/*
		 * Merging partial graphs: shards of machine-coded data may name an
		 * actor after different rows. The first partial's definition wins,
		 * as the first row does when the data is read whole.
		 */
		GP_VEC_FREE(mem);
		return;
	}
	if (ai != GP_NONE && ds->actors.v[ai].defined) {
		/* A second definition must agree; fields only one of them has are taken. */
		ok &= actor_agrees(c, o, ai, name, kind, role, mem_ok ? &mem : NULL);
	} else if (ai != GP_NONE && !ok) {
		/*
		 * A broken first definition still defines what it gives validly, so
		 * that events naming the actor do not warn again, and later
		 * definitions are held only to those fields.
		 */
		take_fields(c, ai, at, name, kind, role, role_at);
	}
	if (!ok || c->oom) {
		mention_members(c, &mem);
		GP_VEC_FREE(mem);
		return;
	}
	take_fields(c, ai, at, name, kind, role, role_at);
	gp_actor *a = &ds->actors.v[ai];
	if (a->n_members) {
		mem.n = 0; /* the first definition's part_of is kept */
	}
	if (jal && cJSON_GetArraySize(jal) > 0) {
		/* Aliases are the union of all definitions', in order of first mention. */
		uint32_t off = (uint32_t)ds->aliases.n, n = 0;
		for (uint32_t k = 0; k < a->n_aliases; k++, n++) {
			if (GP_VEC_PUSH(ds->aliases, ds->aliases.v[a->alias_off + k])) {
				c->oom = 1;
			}
		}
		for (const cJSON *e = jal->child; e && !c->oom; e = e->next) {
			int dup = 0;
			for (uint32_t k = 0; k < n && !dup; k++) {
				dup = strcmp(ds->aliases.v[off + k], e->valuestring) == 0;
			}
			if (!dup) {
				char *s = keep(c, e->valuestring);
				if (!s || GP_VEC_PUSH(ds->aliases, s)) {
					c->oom = 1;
				}
				n++;
			}
		}
		a = &ds->actors.v[ai];
		a->alias_off = off;
		a->n_aliases = n;
	}
	if (mem.n) {
		uint32_t off = (uint32_t)ds->members.n;
		for (size_t k = 0; k < mem.n && !c->oom; k++) {
			gp_index t = gp__actor_ref(ds, mem.v[k].id, strlen(mem.v[k].id), mem.v[k].at);
			gp_membership m = { t, mem.v[k].from, mem.v[k].to };
			if (t == GP_NONE || GP_VEC_PUSH(ds->members, m) ||
			    GP_VEC_PUSH(ds->member_loc, mem.v[k].at)) {
				c->oom = 1;
			}
		}
		a = &ds->actors.v[ai];
		a->member_off = off;
		a->n_members = (uint32_t)mem.n;
	}
	GP_VEC_FREE(mem);
}

/* ---------------------------------------------------------------- events */

static const char *const event_fields[] = { "id",      "type",      "date",    "title",
					    "source",  "target",    "participants", "about",
					    "summary", "sources",   "weight",  "attributes",
					    "links",   NULL };
/* event_fields[] by name; the roles follow gp_role's order. */
enum { EF_ID, EF_TYPE, EF_DATE, EF_TITLE, EF_ROLES, EF_SUMMARY = EF_ROLES + GP_ROLE_COUNT,
       EF_SOURCES, EF_WEIGHT, EF_ATTRIBUTES, EF_LINKS, EF_COUNT };
static const char *const role_fields[GP_ROLE_COUNT] = { "source", "target", "participants",
							 "about" };
static const char *const link_fields[] = { "rel", "event", NULL };

static void load_event(lctx *c, const cJSON *o)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(o)) {
		report(c, GP_SEV_ERROR, loc_of(c, o), "expected an object for an event, got %s",
		       json_type(o));
		return;
	}
	const cJSON *f[EF_COUNT];
	check_members(c, o, event_fields, "event", f);
	if (c->oom) {
		return;
	}
	gp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.derived_from = GP_NONE;
	ev.type = GP_NONE;
	gp_loc at = loc_of(c, o);
	ev.file = at.file, ev.line = at.line, ev.column = at.column;
	const char *id, *type, *title, *summary;
	int ok = 1, r;
	if ((r = get_string_v(c, f[EF_ID], "id", "an event", MAX_ID_LEN, &id)) == 0) {
		missing(c, o, "event", "id");
	}
	ok &= r > 0;
	/*
	 * A duplicate id is reported first and the later event is dropped, but
	 * only after the rest of it is checked: one run reports every problem.
	 */
	int dropped = 0;
	if (id) {
		gp_index prev = gp__event_lookup(ds, id, strlen(id));
		if (prev != GP_NONE) {
			gp_loc first = gp__event_loc(ds, prev);
			char w[300];
			report(c, GP_SEV_ERROR, loc_of(c, f[EF_ID]),
			       "duplicate event id '%s' (first defined at %s)", id,
			       where(c, first, w, sizeof(w)));
			dropped = 1;
		}
	}
	if ((r = get_string_v(c, f[EF_TYPE], "type", "an event", MAX_ID_LEN, &type)) == 0) {
		missing(c, o, "event", "type");
	}
	ok &= r > 0;
	if (type) {
		/* A use, even by an event dropped below: an unknown type is reported at the end. */
		ev.type = gp__type_ref_again(ds, type, strlen(type));
		if (ev.type == GP_NONE) {
			ev.type = gp__type_ref(ds, type, strlen(type), loc_of(c, f[EF_TYPE]));
		}
		c->oom |= ev.type == GP_NONE;
	}
	if ((r = get_string_v(c, f[EF_TITLE], "title", "an event", MAX_LINE_TEXT, &title)) == 0) {
		missing(c, o, "event", "title");
	}
	ok &= r > 0;
	if (title && strchr(title, '\n')) {
		report(c, GP_SEV_WARNING, loc_of(c, f[EF_TITLE]),
		       "'title' should be one line; longer text belongs in 'summary'");
	}
	ok &= get_string_v(c, f[EF_SUMMARY], "summary", "an event", 0, &summary) >= 0;

	/* The date: an EDTF string, or a relative date object. */
	rel_date rd;
	int relative = 0; /* a well-formed relative date, resolved at the end */
	memset(&rd, 0, sizeof(rd));
	const cJSON *jd = f[EF_DATE];
	if (!jd) {
		missing(c, o, "event", "date");
		ok = 0;
	} else if (cJSON_IsObject(jd)) {
		relative = parse_relative(c, jd, &rd) == 0;
		ok &= relative;
	} else if (parse_date_value(c, jd, "date", &ev.date) == 0) {
		const char *s = jd->valuestring;
		size_t n = strlen(s);
		/* Keep the text as written, with `ongoing` in its EDTF form `..`. */
		if (n > 8 && strcmp(s + n - 8, "/ongoing") == 0) {
			char buf[64];
			snprintf(buf, sizeof(buf), "%.*s/..", (int)(n - 8), s);
			ev.edtf = keep(c, buf);
		} else {
			ev.edtf = keep(c, s);
		}
	} else {
		ok = 0;
	}

	/* Actors, role after role, each listed once. */
	c->acts.n = 0; /* kept in c: no allocation per event */
	int roles_ok = 1;
	for (int role = 0; role < GP_ROLE_COUNT; role++) {
		const cJSON *jl = f[EF_ROLES + role];
		if (!jl) {
			continue;
		}
		if (string_array(c, jl, role_fields[role], "an event")) {
			roles_ok = 0;
			continue;
		}
		size_t first = c->acts.n;
		for (const cJSON *e = jl->child; e; e = e->next) {
			size_t len = strlen(e->valuestring);
			gp_index ai = gp__actor_ref_again(ds, e->valuestring, len);
			if (ai == GP_NONE) {
				ai = gp__actor_ref(ds, e->valuestring, len, loc_of(c, e));
			}
			int dup = 0;
			for (size_t k = first; k < c->acts.n && !dup; k++) {
				dup = c->acts.v[k] == ai;
			}
			if (ai == GP_NONE || (!dup && GP_VEC_PUSH(c->acts, ai))) {
				c->oom = 1;
				break;
			}
			if (dup) {
				report(c, GP_SEV_WARNING, loc_of(c, e), "actor '%s' is listed twice in '%s'",
				       e->valuestring, role_fields[role]);
			}
		}
		if (c->acts.n - first > UINT16_MAX) {
			report(c, GP_SEV_ERROR, loc_of(c, jl), "too many actors in '%s' (at most %u)",
			       role_fields[role], (unsigned)UINT16_MAX);
			roles_ok = 0;
		}
		ev.n_actors[role] = (uint16_t)(c->acts.n - first);
	}
	ok &= roles_ok;
	if (roles_ok && !ev.n_actors[GP_ROLE_SOURCE] && !ev.n_actors[GP_ROLE_TARGET] &&
	    !ev.n_actors[GP_ROLE_PARTICIPANT]) {
		report(c, GP_SEV_ERROR, at,
		       "event has no actor: give at least one in 'source', 'target' or 'participants'");
		ok = 0;
	}

	/* Citations: ids of `sources` entries, or inline URLs. */
	const cJSON *js = f[EF_SOURCES];
	c->cites.n = 0;
	if (js && string_array(c, js, "sources", "an event") == 0) {
		for (const cJSON *e = js->child; e && !c->oom; e = e->next) {
			const char *s = e->valuestring;
			if (strstr(s, "://")) {
				if (ds->brief_events) {
					continue; /* a URL is only written out with the event */
				}
				s = keep(c, s);
			} else {
				gp_index ci = gp__cite_ref_again(ds, s, strlen(s));
				if (ci == GP_NONE) {
					ci = gp__cite_ref(ds, s, strlen(s), loc_of(c, e));
				}
				s = ci == GP_NONE ? NULL : ds->cites.v[ci].id;
			}
			if (!s || GP_VEC_PUSH(c->cites, s)) {
				c->oom = 1;
			}
		}
	} else if (js) {
		ok = 0;
	}

	const cJSON *jw = f[EF_WEIGHT];
	if (jw && !cJSON_IsNumber(jw)) {
		report(c, GP_SEV_ERROR, loc_of(c, jw), "expected a number for 'weight', got %s",
		       json_type(jw));
		ok = 0;
	} else if (jw && (jw->valuedouble < -10 || jw->valuedouble > 10)) {
		report(c, GP_SEV_ERROR, loc_of(c, jw),
		       "'weight' must be between -10 and +10 (the Goldstein scale), got %g", jw->valuedouble);
		ok = 0;
	} else if (jw) {
		ev.weight = jw->valuedouble;
		ev.has_weight = 1;
	}

	const cJSON *ja = f[EF_ATTRIBUTES];
	if (ja && !cJSON_IsObject(ja)) {
		report(c, GP_SEV_ERROR, loc_of(c, ja), "expected an object for 'attributes', got %s",
		       json_type(ja));
		ok = 0;
	} else if (ja) {
		/*
		 * Carried through unchanged: the text as written (white space
		 * outside strings dropped), not cJSON's reprint, which would round
		 * 64-bit integers through a double.
		 */
		ev.attributes = ds->brief_events ? NULL : minified_value(c, ja);
	}

	GP_VEC(link_ref) lrefs = { 0 };
	GP_VEC(gp_link) lks = { 0 };
	const cJSON *jk = f[EF_LINKS];
	if (jk && !cJSON_IsArray(jk)) {
		report(c, GP_SEV_ERROR, loc_of(c, jk), "expected an array for 'links', got %s",
		       json_type(jk));
		ok = 0;
	} else if (jk) {
		for (const cJSON *e = jk->child; e; e = e->next) {
			const char *rel, *target;
			if (!cJSON_IsObject(e)) {
				report(c, GP_SEV_ERROR, loc_of(c, e),
				       "expected an object {\"rel\": ..., \"event\": ...} in 'links', got %s",
				       json_type(e));
				ok = 0;
				continue;
			}
			check_members(c, e, link_fields, "a link", NULL);
			int r1 = get_string(c, e, "rel", "a link", MAX_ID_LEN, &rel);
			int r2 = get_string(c, e, "event", "a link", MAX_ID_LEN, &target);
			if (r1 == 0) {
				missing(c, e, "link", "rel");
			}
			if (r2 == 0) {
				missing(c, e, "link", "event");
			}
			if (r1 <= 0 || r2 <= 0) {
				ok = 0;
				continue;
			}
			gp_link l = { keep(c, rel), GP_NONE };
			link_ref lr = { GP_NONE, keep(c, target),
					loc_of(c, cJSON_GetObjectItemCaseSensitive(e, "event")) };
			if (GP_VEC_PUSH(lks, l) || GP_VEC_PUSH(lrefs, lr)) {
				c->oom = 1;
			}
		}
	}

	int as_row = 0;
	if (id && !dropped && !c->oom && !relative && !lks.n && ds->brief_events) {
		/* One imported row's worth of event: kept compactly when only the graph is wanted. */
		ev.id = id;
		as_row = gp__dataset_add_json_row(ds, &ev, c->acts.v, at);
		c->oom |= as_row < 0;
		ev.id = NULL;
	}
	if (id && !dropped && !c->oom && !as_row) {
		gp_index ei = (gp_index)ds->events.n;
		ev.order = (uint32_t)(ds->events.n + ds->rows.n);
		ev.id = keep(c, id);
		ev.title = title && !ds->brief_events ? keep(c, title) : ev.id;
		ev.summary = summary && !ds->brief_events ? keep(c, summary) : NULL;
		ev.actor_off = (uint32_t)ds->refs.n;
		ev.source_off = (uint32_t)ds->evsources.n;
		ev.n_sources = (uint32_t)c->cites.n;
		ev.link_off = (uint32_t)ds->links.n;
		ev.n_links = (uint32_t)lks.n;
		if (GP_VEC_RESERVE(ds->refs, c->acts.n) || GP_VEC_RESERVE(ds->evsources, c->cites.n) ||
		    GP_VEC_RESERVE(ds->links, lks.n) || GP_VEC_RESERVE(ds->link_refs, lrefs.n) ||
		    gp__event_register(ds, ev.id ? ev.id : "", strlen(id), ei)) {
			c->oom = 1;
		} else {
			/* memcpy needs valid pointers even for 0 bytes: empty lists have none. */
			if (c->acts.n) {
				memcpy(ds->refs.v + ds->refs.n, c->acts.v, c->acts.n * sizeof(*c->acts.v));
				ds->refs.n += c->acts.n;
			}
			if (c->cites.n) {
				memcpy(ds->evsources.v + ds->evsources.n, c->cites.v, c->cites.n * sizeof(*c->cites.v));
				ds->evsources.n += c->cites.n;
			}
			for (size_t k = 0; k < lks.n; k++) {
				lrefs.v[k].link = (uint32_t)ds->links.n;
				ds->links.v[ds->links.n++] = lks.v[k];
				ds->link_refs.v[ds->link_refs.n++] = lrefs.v[k];
			}
			if (relative) {
				rd.event = ei;
				if (GP_VEC_PUSH(ds->rels, rd)) {
					c->oom = 1;
				}
			}
			if (GP_VEC_PUSH(ds->events, ev)) {
				c->oom = 1;
			}
		}
	} else if (!c->oom && !as_row) {
		/*
		 * Dropped (a duplicate, or no id): its references to other events
		 * are still checked at the end, against the events kept, but they
		 * belong to no event (GP_NONE), so they resolve nothing and close
		 * no cycle.
		 */
		for (size_t k = 0; k < lrefs.n; k++) {
			c->oom |= GP_VEC_PUSH(ds->link_refs, lrefs.v[k]) != 0;
		}
		rd.event = GP_NONE;
		c->oom |= relative && GP_VEC_PUSH(ds->rels, rd) != 0;
	}
	GP_VEC_FREE(lks);
	GP_VEC_FREE(lrefs);
}

/* ------------------------------------------------------- types, sources */

static const char *const type_fields[] = { "label", "weight", "quad", NULL };
static const char *const cite_fields[] = { "title", "publisher", "published", "url", NULL };

static void load_types(lctx *c, const cJSON *obj)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(obj)) {
		report(c, GP_SEV_ERROR, loc_of(c, obj),
		       "expected an object mapping type names to definitions for 'types', got %s",
		       json_type(obj));
		return;
	}
	check_members(c, obj, NULL, "'types'", NULL);
	for (const cJSON *t = obj->child; t; t = t->next) {
		if (!cJSON_IsObject(t)) {
			report(c, GP_SEV_ERROR, loc_of(c, t), "expected an object for type '%s', got %s",
			       t->string, json_type(t));
			continue;
		}
		if (!t->string[0] || strlen(t->string) > MAX_ID_LEN) {
			report(c, GP_SEV_ERROR, key_loc(c, t), "a type name must be 1 to %d bytes",
			       MAX_ID_LEN);
			continue;
		}
		check_members(c, t, type_fields, "a type", NULL);
		const char *label;
		int ok = get_string(c, t, "label", "a type", MAX_LINE_TEXT, &label) >= 0;
		const cJSON *jw = cJSON_GetObjectItemCaseSensitive(t, "weight");
		const cJSON *jq = cJSON_GetObjectItemCaseSensitive(t, "quad");
		if (jw && (!cJSON_IsNumber(jw) || jw->valuedouble < -10 || jw->valuedouble > 10)) {
			report(c, GP_SEV_ERROR, loc_of(c, jw),
			       "'weight' of a type must be a number between -10 and +10");
			ok = 0;
			jw = NULL;
		}
		if (jq && (!cJSON_IsNumber(jq) || jq->valuedouble != floor(jq->valuedouble) ||
			   jq->valuedouble < 0 || jq->valuedouble > 4)) {
			report(c, GP_SEV_ERROR, loc_of(c, jq),
			       "'quad' of a type must be a CAMEO QuadClass: 1, 2, 3 or 4 (0 unknown)");
			ok = 0;
			jq = NULL;
		}
		gp_index ti = gp__strmap_get(&ds->type_map, t->string, strlen(t->string));
		if (ti != GP_NONE && ds->type_info.v[ti].def.line) {
			/* Defined by an earlier file: what this one gives validly must agree. */
			const gp_type *ty = &ds->types.v[ti];
			int same = (!label || strcmp(label, ty->label) == 0) &&
				   (!jw || jw->valuedouble == ty->weight) &&
				   (!jq || (int)jq->valuedouble == ty->quad);
			if (!same) {
				char w[300];
				report(c, GP_SEV_ERROR, loc_of(c, t),
				       "conflicting definition of type '%s' (first at %s)", t->string,
				       where(c, ds->type_info.v[ti].def, w, sizeof(w)));
			}
			continue;
		}
		if (!ok) {
			continue;
		}
		ti = gp__type_ref(ds, t->string, strlen(t->string), (gp_loc){ 0, 0, 0 });
		if (ti == GP_NONE) {
			c->oom = 1;
			return;
		}
		gp_type *ty = &ds->types.v[ti];
		type_info *info = &ds->type_info.v[ti];
		if (label) {
			ty->label = keep(c, label);
		}
		if (jw) {
			ty->weight = jw->valuedouble;
		}
		if (jq) {
			ty->quad = (int)jq->valuedouble;
		}
		ty->known = 1;
		info->def = loc_of(c, t);
	}
}

static void load_sources(lctx *c, const cJSON *obj)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(obj)) {
		report(c, GP_SEV_ERROR, loc_of(c, obj),
		       "expected an object mapping source ids to citations for 'sources', got %s",
		       json_type(obj));
		return;
	}
	check_members(c, obj, NULL, "'sources'", NULL);
	for (const cJSON *s = obj->child; s; s = s->next) {
		if (!cJSON_IsObject(s)) {
			report(c, GP_SEV_ERROR, loc_of(c, s), "expected an object for source '%s', got %s",
			       s->string, json_type(s));
			continue;
		}
		check_members(c, s, cite_fields, "a source", NULL);
		const char *f[4];
		int ok = 1;
		for (int k = 0; k < 4; k++) {
			ok &= get_string(c, s, cite_fields[k], "a source", 0, &f[k]) >= 0;
		}
		if (!s->string[0] || strlen(s->string) > MAX_ID_LEN) {
			report(c, GP_SEV_ERROR, key_loc(c, s), "a source id must be 1 to %d bytes", MAX_ID_LEN);
			continue;
		}
		/* A broken entry is still compared with an earlier definition, field by field. */
		gp_index ci = gp__strmap_get(&ds->cite_map, s->string, strlen(s->string));
		if (!ok && (ci == GP_NONE || !ds->cite_info.v[ci].defined)) {
			continue;
		}
		if (ci == GP_NONE &&
		    (ci = gp__cite_ref(ds, s->string, strlen(s->string), (gp_loc){ 0, 0, 0 })) == GP_NONE) {
			c->oom = 1;
			return;
		}
		gp_citation *ct = &ds->cites.v[ci];
		cite_info *info = &ds->cite_info.v[ci];
		const char **have[4] = { &ct->title, &ct->publisher, &ct->published, &ct->url };
		if (info->defined) {
			for (int k = 0; k < 4; k++) {
				if (f[k] && *have[k] && !same_str(f[k], *have[k])) {
					char w[300];
					report(c, GP_SEV_ERROR,
					       loc_of(c, cJSON_GetObjectItemCaseSensitive(s, cite_fields[k])),
					       "conflicting %s for source '%s' (first at %s)", cite_fields[k],
					       s->string, where(c, info->def, w, sizeof(w)));
				}
			}
		} else {
			info->defined = 1;
			info->def = loc_of(c, s);
		}
		for (int k = 0; k < 4 && ok; k++) {
			if (f[k] && !*have[k]) {
				*have[k] = keep(c, f[k]);
			}
		}
	}
}

/* ------------------------------------------------------------ documents */

static const char *const top_fields[] = { "geopol", "title", "sources", "types",
					  "actors", "events", NULL };

/* The head of a document: version, title, types and sources. */
static void load_head(lctx *c, const cJSON *root)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "geopol");
	if (v && !(cJSON_IsNumber(v) && v->valuedouble == 1)) {
		if (cJSON_IsNumber(v)) {
			report(c, GP_SEV_ERROR, loc_of(c, v),
			       "unsupported 'geopol' format version %g; this geopol reads version 1",
			       v->valuedouble);
		} else {
			report(c, GP_SEV_ERROR, loc_of(c, v),
			       "expected the number 1 for 'geopol' (the format version), got %s",
			       json_type(v));
		}
	}
	const char *title;
	if (get_string(c, root, "title", "the file", MAX_LINE_TEXT, &title) > 0 && !c->ds->title) {
		c->ds->title = keep(c, title);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "types"))) {
		load_types(c, v);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "sources"))) {
		load_sources(c, v);
	}
}

static void load_document(lctx *c, const cJSON *root)
{
	if (!cJSON_IsObject(root)) {
		report(c, GP_SEV_ERROR, loc_of(c, root),
		       "expected an object at the top level (with \"actors\" and \"events\"), got %s",
		       json_type(root));
		return;
	}
	check_members(c, root, top_fields, "the file", NULL);
	load_head(c, root);
	const char *lists[2] = { "actors", "events" };
	for (int k = 0; k < 2; k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, lists[k]);
		if (!v) {
			continue;
		}
		if (!cJSON_IsArray(v)) {
			report(c, GP_SEV_ERROR, loc_of(c, v), "expected an array for '%s', got %s",
			       lists[k], json_type(v));
			continue;
		}
		for (const cJSON *e = v->child; e && !c->oom; e = e->next) {
			if (k == 0) {
				load_actor(c, e);
			} else {
				load_event(c, e);
			}
		}
	}
}

/* ---------------------------------------------------------- partial graphs */

/* [start|null, end|null, seq, prec, "id"] into a reference. 0, or -1 reported. */
static int read_evref(lctx *c, const cJSON *parent, const cJSON *a, gp_evref *r)
{
	const cJSON *v[5] = { NULL, NULL, NULL, NULL, NULL };
	int n = 0;
	for (const cJSON *e = cJSON_IsArray(a) ? a->child : NULL; e && n < 6; e = e->next) {
		if (n < 5) {
			v[n] = e;
		}
		n++;
	}
	if (n != 5 || !(cJSON_IsNumber(v[0]) || cJSON_IsNull(v[0])) ||
	    !(cJSON_IsNumber(v[1]) || cJSON_IsNull(v[1])) || !cJSON_IsNumber(v[2]) ||
	    !cJSON_IsNumber(v[3]) || !cJSON_IsString(v[4]) || v[3]->valuedouble < 0 ||
	    v[3]->valuedouble > GP_PREC_CENTURY) {
		report(c, GP_SEV_ERROR, loc_of(c, a ? a : parent),
		       "expected an event reference [start, end, order, precision, \"id\"]");
		return -1;
	}
	r->start = cJSON_IsNull(v[0]) ? GP_TIME_MIN : (int64_t)v[0]->valuedouble;
	r->end = cJSON_IsNull(v[1]) ? GP_TIME_MAX : (int64_t)v[1]->valuedouble;
	r->seq = (uint64_t)v[2]->valuedouble;
	r->prec = (uint8_t)v[3]->valuedouble;
	const char *id = v[4]->valuestring;
	size_t digits = strspn(id + (strlen(id) > 6 ? 6 : 0), "0123456789");
	if ((strncmp(id, "gdelt-", 6) == 0 || strncmp(id, "icews-", 6) == 0) && digits > 0 &&
	    digits < 20 && id[6 + digits] == '\0') {
		r->kind = id[0] == 'g' ? GP_EVREF_GDELT : GP_EVREF_ICEWS;
		r->id = strtoull(id + 6, NULL, 10);
	} else {
		const char *kept = keep(c, id);
		r->kind = GP_EVREF_NAMED;
		r->id = (uint64_t)(uintptr_t)kept;
	}
	return 0;
}

static gp_index partial_actor(lctx *c, const cJSON *o, const char *field)
{
	const char *id;
	if (get_string(c, o, field, "a partial graph line", MAX_ID_LEN, &id) <= 0) {
		if (!cJSON_GetObjectItemCaseSensitive(o, field)) {
			missing(c, o, "partial graph line", field);
		}
		return GP_NONE;
	}
	gp_index a = gp__actor_ref(c->ds, id, strlen(id), loc_of(c, cJSON_GetObjectItemCaseSensitive(o, field)));
	c->oom |= a == GP_NONE;
	return a;
}

static int count_field(lctx *c, const cJSON *o, const char *field, uint32_t *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 4e9 ||
	    v->valuedouble != floor(v->valuedouble)) {
		report(c, GP_SEV_ERROR, v ? loc_of(c, v) : loc_of(c, o), "expected a whole number for '%s'", field);
		return -1;
	}
	*out = (uint32_t)v->valuedouble;
	return 0;
}

static int bound_field(lctx *c, const cJSON *o, const char *field, int64_t open, int64_t *t, uint8_t *prec)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	const cJSON *a = cJSON_IsArray(v) ? v->child : NULL, *b = a ? a->next : NULL;
	if (!a || !b || b->next || !(cJSON_IsNumber(a) || cJSON_IsNull(a)) || !cJSON_IsNumber(b)) {
		report(c, GP_SEV_ERROR, v ? loc_of(c, v) : loc_of(c, o), "expected [time, precision] for '%s'", field);
		return -1;
	}
	*t = cJSON_IsNull(a) ? open : (int64_t)a->valuedouble;
	*prec = (uint8_t)b->valuedouble;
	return 0;
}

/* The merge's aggregator, made at the first line whatever it is; its level comes with a header. */
static int partial_agg(lctx *c)
{
	if (*c->agg) {
		return GP_OK;
	}
	if (gp__agg_new(c->agg, c->ds, GP_LEVEL_ACTOR, c->gopts->max_event_ids) != GP_OK) {
		c->oom = 1;
		return GP_ENOMEM;
	}
	gp__agg_unknown_level(*c->agg);
	return GP_OK;
}

static void load_partial_line(lctx *c, const cJSON *root)
{
	const cJSON *v;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "kind"))) {
		/* The partial graph's own header: its level must be the merge's. */
		const cJSON *lv = cJSON_GetObjectItemCaseSensitive(root, "level");
		int level = cJSON_IsString(lv) && strcmp(lv->valuestring, "country") == 0 ? GP_LEVEL_COUNTRY
											   : GP_LEVEL_ACTOR;
		const cJSON *cap = cJSON_GetObjectItemCaseSensitive(root, "max_event_ids");
		if (!cJSON_IsString(v) || strcmp(v->valuestring, "partial-graph") != 0 || !cJSON_IsString(lv)) {
			report(c, GP_SEV_ERROR, loc_of(c, root), "not a partial graph header (expected \"kind\": \"partial-graph\" and a \"level\")");
		} else if (partial_agg(c) == GP_OK) {
			/* Lines may come in any order (Hadoop Streaming sorts them). */
			if (gp__agg_level(*c->agg) < 0) {
				gp__agg_set_level(*c->agg, level);
			} else if (gp__agg_level(*c->agg) != level) {
				report(c, GP_SEV_ERROR, loc_of(c, lv), "level '%s' differs from the partial graphs before it", lv->valuestring);
			}
			/* Unless told otherwise, list as many events as the partial graphs do. */
			if (!c->gopts->max_event_ids && cJSON_IsNumber(cap) && cap->valuedouble > 0) {
				gp__agg_set_list(*c->agg, (uint32_t)cap->valuedouble);
			}
		}
		return;
	}
	if (cJSON_GetObjectItemCaseSensitive(root, "geopol")) {
		static const char *const head[] = { "geopol", "title", "sources", "types", NULL };
		check_members(c, root, head, "a header line", NULL);
		load_head(c, root);
		return;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "actor"))) {
		load_actor(c, v);
		return;
	}
	if (partial_agg(c) != GP_OK) {
		return;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "node"))) {
		uint32_t events, self_events;
		gp_evref latest;
		gp_index a = partial_actor(c, v, "id");
		if (a == GP_NONE || count_field(c, v, "events", &events) ||
		    count_field(c, v, "self_events", &self_events) ||
		    read_evref(c, v, cJSON_GetObjectItemCaseSensitive(v, "latest"), &latest)) {
			return;
		}
		c->oom |= gp__agg_add_node(*c->agg, a, events, self_events, &latest) != GP_OK;
		return;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "edge"))) {
		gp_index s = partial_actor(c, v, "source"), t = partial_actor(c, v, "target");
		const cJSON *dir = cJSON_GetObjectItemCaseSensitive(v, "directed");
		const cJSON *wm = cJSON_GetObjectItemCaseSensitive(v, "weight_micro");
		const cJSON *types = cJSON_GetObjectItemCaseSensitive(v, "types");
		const cJSON *events = cJSON_GetObjectItemCaseSensitive(v, "events");
		uint32_t count;
		int64_t first, last;
		uint8_t fp, lp;
		char *end = NULL;
		long long w = cJSON_IsString(wm) ? strtoll(wm->valuestring, &end, 10) : 0;
		if (s == GP_NONE || t == GP_NONE || count_field(c, v, "count", &count) ||
		    bound_field(c, v, "first", GP_TIME_MIN, &first, &fp) ||
		    bound_field(c, v, "last", GP_TIME_MIN, &last, &lp)) {
			return;
		}
		if (!cJSON_IsBool(dir) || !end || *end || !cJSON_IsObject(types) || !cJSON_IsArray(events)) {
			report(c, GP_SEV_ERROR, loc_of(c, v),
			       "an edge needs 'directed' (true/false), 'weight_micro' (a whole number as a string), 'types' and 'events'");
			return;
		}
		GP_VEC(gp_type_count) tc = { 0 };
		GP_VEC(gp_evref) refs = { 0 };
		int ok = 1;
		for (const cJSON *e = types->child; e && ok; e = e->next) {
			gp_type_count x = { gp__type_ref(c->ds, e->string, strlen(e->string), (gp_loc){ 0, 0, 0 }),
					    cJSON_IsNumber(e) ? (uint32_t)e->valuedouble : 0 };
			ok = x.type != GP_NONE && GP_VEC_PUSH(tc, x) == 0;
			c->oom |= !ok;
		}
		for (const cJSON *e = events->child; e && ok; e = e->next) {
			gp_evref r;
			ok = read_evref(c, v, e, &r) == 0;
			if (ok && GP_VEC_PUSH(refs, r)) {
				ok = 0;
				c->oom = 1;
			}
		}
		if (ok && gp__agg_add_edge(*c->agg, s, t, cJSON_IsTrue(dir), count, (int64_t)w, first, fp, last,
					   lp, tc.v, tc.n, refs.v, refs.n) != GP_OK) {
			c->oom = 1;
		}
		GP_VEC_FREE(tc);
		GP_VEC_FREE(refs);
		return;
	}
	report(c, GP_SEV_ERROR, loc_of(c, root), "expected a partial graph line: header, actor, node or edge");
}

/* Reject invalid UTF-8, which cJSON would take; NUL bytes and the rest: scan_json. */
static int check_text(lctx *c)
{
	size_t bad = gp__utf8_check((const unsigned char *)c->text, c->len);
	if (bad < c->len) {
		report(c, GP_SEV_ERROR, loc_at(c, bad), "invalid UTF-8 (byte 0x%02x); geopol files are UTF-8",
		       (unsigned char)c->text[bad]);
		return -1;
	}
	return 0;
}

/* Parse c->text (NUL-terminated at c->len) and hand the tree to `use`. */
/*
 * What a JSON Lines object is, from its keys in one pass (an event line has
 * a dozen): 'a' an actor ("actor"), 'h' a header ("geopol" and no "id"),
 * 'e' an event.
 */
static int jsonl_kind(const cJSON *root)
{
	int geopol = 0, id = 0;
	for (const cJSON *m = root->child; m; m = m->next) {
		const char *k = m->string;
		if (k[0] == 'a' && strcmp(k, "actor") == 0) {
			return 'a';
		}
		geopol |= k[0] == 'g' && strcmp(k, "geopol") == 0;
		id |= k[0] == 'i' && k[1] == 'd' && k[2] == '\0';
	}
	return geopol && !id ? 'h' : 'e';
}

static void parse_and_load(lctx *c, int jsonl_line)
{
	int line_kind;
	size_t skip = 0;
	if (c->len >= 3 && memcmp(c->text, "\xef\xbb\xbf", 3) == 0) {
		skip = 3; /* a UTF-8 byte-order mark is accepted */
	}
	if (json_ws(c->text, skip) >= c->len) {
		report(c, GP_SEV_ERROR, loc_at(c, c->len),
		       "syntax error: the file is empty; expected a JSON object");
		return;
	}
	/*
	 * The strict scan reports an error where it is, and what cJSON lets
	 * through. It checks every document (whose offsets are needed anyway),
	 * and a line only when cJSON refused it or line_surely_valid cannot
	 * vouch for it: a big file's valid lines cost one quick pass, not a scan.
	 */
	cJSON *root = cJSON_ParseWithLengthOpts(c->text + skip, c->len - skip + 1, NULL, 1);
	c->scanned = !root || !jsonl_line || !line_surely_valid(c, skip);
	int r = c->scanned ? scan_json(c, skip) : 0;
	if (r) {
		c->oom |= r < 0;
		cJSON_Delete(root);
		return;
	}
	if (!root) {
		/* Valid JSON that cJSON refused (the scan checks its limits too): out of memory. */
		c->oom = 1;
		return;
	}

	c->root = root, c->skip = skip, c->offsets_done = 0;
	if (!jsonl_line) {
		load_document(c, root);
	} else if (!cJSON_IsObject(root)) {
		report(c, GP_SEV_ERROR, loc_of(c, root), "expected an object on each line, got %s",
		       json_type(root));
	} else if (c->agg) {
		load_partial_line(c, root);
	} else if ((line_kind = jsonl_kind(root)) == 'a') {
		static const char *const wrap[] = { "actor", NULL };
		check_members(c, root, wrap, "an actor line", NULL);
		load_actor(c, cJSON_GetObjectItemCaseSensitive(root, "actor"));
	} else if (line_kind == 'h') {
		/* A header line: version, title, types and sources for what follows. */
		static const char *const head[] = { "geopol", "title", "sources", "types", NULL };
		check_members(c, root, head, "a header line", NULL);
		load_head(c, root);
	} else {
		load_event(c, root);
	}
	c->root = NULL;
	cJSON_Delete(root);
}

static int add_file(gp_dataset *ds, const char *name, uint32_t *out)
{
	char *s = gp__arena_strndup(&ds->arena, name, strlen(name));
	*out = (uint32_t)ds->files.n;
	return !s || GP_VEC_PUSH(ds->files, s) ? -1 : 0;
}

/* The work space kept in c across lines. */
static void release_work(lctx *c)
{
	GP_VEC_FREE(c->offs);
	GP_VEC_FREE(c->open);
	GP_VEC_FREE(c->stack);
	GP_VEC_FREE(c->acts);
	GP_VEC_FREE(c->cites);
}

static int finish_load(lctx *c, size_t errors_before)
{
	release_work(c);
	if (c->oom) {
		return GP_ENOMEM;
	}
	return c->sink && c->sink->errors > errors_before ? GP_EINVALID : GP_OK;
}

static int is_jsonl(const char *path, gp_input_format fmt)
{
	if (fmt != GP_INPUT_AUTO) {
		return fmt == GP_INPUT_JSONL;
	}
	size_t n = strlen(path);
	return (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) ||
	       (n > 7 && strcmp(path + n - 7, ".ndjson") == 0);
}

static int detect(const char *path, const char *p, size_t len, gp_input_format fmt);

int gp_dataset_load_buffer(gp_dataset *ds, const char *name, const char *text, size_t len,
			   gp_input_format fmt, gp_diag_sink *sink)
{
	lctx c;
	size_t errors_before = sink ? sink->errors : 0;
	int kind = detect(name, text, len, fmt);
	memset(&c, 0, sizeof(c));
	c.ds = ds, c.sink = sink;
	if (ds->finished || add_file(ds, name, &c.file)) {
		return ds->finished ? GP_ERROR : GP_ENOMEM;
	}
	c.fname = ds->files.v[c.file];
	if (kind == GP_INPUT_GDELT || kind == GP_INPUT_ICEWS) {
		gp_input in;
		if (gp__input_open_memory(&in, text, len)) {
			return GP_ENOMEM;
		}
		int rc = gp__load_tabular(ds, &in, c.fname, c.file, kind, sink);
		gp__input_close(&in);
		return rc != GP_OK ? rc : sink && sink->errors > errors_before ? GP_EINVALID : GP_OK;
	}
	/* cJSON needs a NUL after the text. */
	char *buf = malloc(len + 1);
	if (!buf) {
		return GP_ENOMEM;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	c.text = buf, c.len = len;
	if (!is_jsonl(name, fmt)) {
		if (build_line_table(&c)) {
			c.oom = 1;
		} else if (check_text(&c) == 0) {
			parse_and_load(&c, 0);
		}
	} else {
		unsigned long line = 1;
		for (size_t i = 0; i < len && !c.oom; line++) {
			size_t j = i;
			while (j < len && buf[j] != '\n') {
				j++;
			}
			size_t k = j > i && buf[j - 1] == '\r' ? j - 1 : j;
			buf[k] = '\0';
			c.text = buf + i, c.len = k - i, c.line_no = line;
			if (check_text(&c) == 0 && json_ws(c.text, 0) < c.len) {
				parse_and_load(&c, 1);
			}
			i = j + 1;
		}
	}
	free(buf);
	free(c.lines);
	return finish_load(&c, errors_before);
}

/* Tell the format from the first bytes (after a BOM and white space). */
static int detect(const char *path, const char *p, size_t len, gp_input_format fmt)
{
	if (fmt != GP_INPUT_AUTO) {
		return fmt;
	}
	size_t i = len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && (unsigned char)p[i] <= ' ') {
		i++;
	}
	if (i < len && p[i] != '{' && p[i] != '[') {
		int t = gp__tabular_detect(p, len);
		if (t != GP_INPUT_AUTO) {
			return t;
		}
	}
	return is_jsonl(path, GP_INPUT_AUTO) ? GP_INPUT_JSONL : GP_INPUT_JSON;
}

gp_input_format gp_detect_input_format(const char *path)
{
	gp_input in;
	size_t len;
	if (strcmp(path, "-") == 0 || gp__input_open(&in, path)) {
		return GP_INPUT_AUTO; /* standard input cannot be looked at twice */
	}
	const char *p = gp__input_peek(&in, &len);
	int kind = detect(path, p, len, GP_INPUT_AUTO);
	gp__input_close(&in);
	return (gp_input_format)kind;
}

/* Load a JSON Lines input a line at a time into c, then close it. */
static int load_lines(lctx *c, gp_input *in, const char *path, size_t errors_before)
{
	char *line;
	ssize_t got;
	while (!c->oom && (got = gp__input_line(in, &line)) >= 0) {
		c->text = line, c->len = (size_t)got, c->line_no = in->line_no;
		if (check_text(c) == 0 && json_ws(line, 0) < (size_t)got) {
			parse_and_load(c, 1);
		}
	}
	int io = in->err;
	gp__input_close(in);
	if (io) {
		release_work(c);
		return gp__input_failed(c->sink, path, "read error", io);
	}
	return finish_load(c, errors_before);
}

int gp_dataset_load_file(gp_dataset *ds, const char *path, gp_input_format fmt,
			 gp_diag_sink *sink)
{
	gp_input in;
	if (gp__input_open(&in, path)) {
		return gp__input_failed(sink, path, "cannot open", errno);
	}
	size_t plen;
	const char *p = gp__input_peek(&in, &plen);
	if (in.err) {
		int err = in.err;
		gp__input_close(&in);
		return gp__input_failed(sink, path, "cannot read", err);
	}
	int kind = detect(path, p, plen, fmt);
	if (kind == GP_INPUT_JSON) {
		char *buf = NULL;
		size_t len = 0;
		int rc = gp__input_read_all(&in, &buf, &len);
		int err = in.err;
		gp__input_close(&in);
		if (rc) {
			return gp__input_failed(sink, path, "cannot read", err);
		}
		rc = gp_dataset_load_buffer(ds, path, buf, len, GP_INPUT_JSON, sink);
		free(buf);
		return rc;
	}
	size_t errors_before = sink ? sink->errors : 0;
	uint32_t file;
	if (ds->finished || add_file(ds, path, &file)) {
		gp__input_close(&in);
		return ds->finished ? GP_ERROR : GP_ENOMEM;
	}
	if (kind != GP_INPUT_JSONL) {
		int rc = gp__load_tabular(ds, &in, ds->files.v[file], file, kind, sink);
		gp__input_close(&in);
		return rc != GP_OK ? rc : sink && sink->errors > errors_before ? GP_EINVALID : GP_OK;
	}
	/* JSON Lines: streamed, one line in memory at a time. */
	lctx c;
	memset(&c, 0, sizeof(c));
	c.ds = ds, c.sink = sink, c.file = file, c.fname = ds->files.v[file];
	return load_lines(&c, &in, path, errors_before);
}

int gp__load_partial(gp_dataset *ds, gp_agg **agg, const gp_graph_options *opts, const char *path,
		     gp_diag_sink *sink)
{
	gp_input in;
	size_t errors_before = sink ? sink->errors : 0;
	if (gp__input_open(&in, path)) {
		return gp__input_failed(sink, path, "cannot open", errno);
	}
	size_t plen;
	const char *p = gp__input_peek(&in, &plen);
	size_t k = 0;
	while (k < plen && (unsigned char)p[k] <= ' ') {
		k++;
	}
	if (k < plen && p[k] != '{') {
		gp__diag(sink, GP_SEV_ERROR, path, 1, 1,
			 "not a partial graph (write one with 'geopol graph --format partial')");
		gp__input_close(&in);
		return GP_EINVALID;
	}
	uint32_t file;
	if (add_file(ds, path, &file)) {
		gp__input_close(&in);
		return GP_ENOMEM;
	}
	lctx c;
	memset(&c, 0, sizeof(c));
	c.ds = ds, c.sink = sink, c.file = file, c.fname = ds->files.v[file];
	c.agg = agg, c.gopts = opts;
	return load_lines(&c, &in, path, errors_before);
}
