/*
 * json_scan.c - where values are (line and column, in characters), the strict RFC 8259
 * scanner that reports a syntax error where it is, and reporting at a value
 * (json_load.h).
 */
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_load.h"

/* ------------------------------------------------------------- positions */

/*
 * Columns count characters from the line's start. On a long line (a whole
 * minified document is one) counting from there for every value would be
 * quadratic, so the text gets a table of the characters before each block
 * of COL_BLOCK bytes, built once: any column then costs at most two blocks.
 */
#define COL_BLOCK 256

/* The text being parsed changes: a whole document, or the next line. */
void gp__json_set_text(lctx *c, const char *text, size_t len, unsigned long line_no)
{
	c->text = text, c->len = len, c->line_no = line_no;
	free(c->cps);
	c->cps = NULL;
}

/* Characters in text[0..off); NULL cps: counted directly. */
static size_t chars_before(const lctx *c, size_t off)
{
	size_t b = c->cps ? off / COL_BLOCK : 0;
	return (c->cps ? c->cps[b] : 0) +
	       gp__utf8_count(c->text + b * COL_BLOCK, off - b * COL_BLOCK);
}

static void build_col_table(lctx *c)
{
	size_t nb = c->len / COL_BLOCK + 1;
	c->cps = malloc(nb * sizeof(*c->cps));
	if (!c->cps) {
		return; /* columns are counted the slow way */
	}
	c->cps[0] = 0;
	for (size_t b = 1; b < nb; b++) {
		c->cps[b] =
			c->cps[b - 1] + gp__utf8_count(c->text + (b - 1) * COL_BLOCK, COL_BLOCK);
	}
}

/* 1-based column of off on the line that starts at `from`. */
static uint32_t column_of(lctx *c, size_t from, size_t off)
{
	if (off - from > 2 * COL_BLOCK && !c->cps) {
		build_col_table(c);
	}
	if (!c->cps || off - from <= 2 * COL_BLOCK) {
		return (uint32_t)(gp__utf8_count(c->text + from, off - from) + 1);
	}
	return (uint32_t)(chars_before(c, off) - chars_before(c, from) + 1);
}

gp_loc gp__json_loc_at(lctx *c, size_t off)
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
		l.column = column_of(c, from, off);
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
	l.column = column_of(c, from, off);
	return l;
}

static int assign_offsets(lctx *c, cJSON *root);

/*
 * Offsets are found when first asked for: a valid line of a big JSON Lines
 * file usually needs none (its event and the actors and types it names are
 * located only on their first use), and the scan would cost a pass over it.
 * A text scan_json has checked (a document, a line that looked suspect) has
 * them recorded already: only the tree is walked.
 */
void gp__json_need_offsets(lctx *c)
{
	if (c->root && !c->offsets_done) {
		c->offsets_done = 1;
		/* A line passed by line_surely_valid: the scan finds no error, but would say one. */
		int r = c->scanned ? 0 : gp__json_scan(c, c->skip);
		if (r < 0 || assign_offsets(c, c->root)) {
			c->oom = 1;
		}
	}
}

/* Where a node's value starts (its offsets assigned). */
size_t gp__json_offset_of(const lctx *c, const cJSON *node)
{
	size_t k = node->valueint > 0 ? (size_t)node->valueint : 0;
	return k < c->offs.n ? c->offs.v[k] : 0;
}

gp_loc gp__json_loc_of(lctx *c, const cJSON *node)
{
	if (node == c->root) {
		return gp__json_loc_at(c,
				       gp__json_ws(c->text, c->skip)); /* its '{': no scan needed */
	}
	gp__json_need_offsets(c);
	return gp__json_loc_at(c, gp__json_offset_of(c, node));
}

int gp__json_line_table(lctx *c)
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
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1,
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
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
		      ctl = _mm_set1_epi8(0x1f);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i hit = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
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
size_t gp__json_skip_string(const char *t, size_t len, size_t i)
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
		n->valueint =
			k <= INT_MAX ? (int)k : 0; /* below 4 GiB, k fits (MAX_JSON_DOCUMENT) */
		k++;
		if ((n != root && n->next && GP_VEC_PUSH(c->stack, n->next)) ||
		    (n->child && GP_VEC_PUSH(c->stack, n->child))) {
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ reporting */

GP_PRINTF(4, 5) void gp__json_report(lctx *c, gp_severity sev, gp_loc at, const char *fmt, ...)
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
	gp_loc l = gp__json_loc_at(c, at);
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
static const char *place(lctx *c, size_t o, char *buf, size_t size)
{
	gp_loc l = gp__json_loc_at(c, o);
	if (c->line_no) {
		snprintf(buf, size, "column %lu", (unsigned long)l.column);
	} else {
		snprintf(buf, size, "line %lu, column %lu", (unsigned long)l.line,
			 (unsigned long)l.column);
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
			return json_error(c, text_end(c),
					  "syntax error: unexpected end of input, expected %s",
					  expected);
		}
		size_t o = c->open.v[c->open.n - 1];
		return json_error(
			c, text_end(c),
			"syntax error: unexpected end of input: the '%c' at %s is not closed", t[o],
			place(c, o, w, sizeof(w)));
	}
	unsigned char ch = (unsigned char)t[i];
	if (ch == 0) {
		return json_error(c, i, "unexpected NUL byte");
	}
	if (ch < 0x20) {
		return json_error(
			c, i,
			"syntax error: control character U+%04X (only spaces, tabs and line breaks may stand between tokens)",
			ch);
	}
	if (ch == '\'') {
		return json_error(
			c, i,
			"syntax error: single quote: strings and keys are written in double quotes (\")");
	}
	if (ch == 0xe2 && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] >= 0x98 &&
	    (unsigned char)t[i + 2] <= 0x9d) {
		return json_error(
			c, i,
			"syntax error: typographic quote %s: strings and keys are written in plain double quotes (\")",
			char_text(c, i, d));
	}
	if (is_word_char((char)ch) && strcmp(expected, "a value") == 0) {
		size_t e = i;
		while (is_word_char(t[e]) && e - i < 40) {
			e++;
		}
		return json_error(
			c, i,
			"syntax error: unexpected word '%.*s' (text is written in double quotes; the literals are true, false and null)",
			(int)(e - i), t + i);
	}
	if (is_word_char((char)ch) && strncmp(expected, "a key", 5) == 0) {
		size_t e = i;
		while ((is_word_char(t[e]) || t[e] == '-') && e - i < 40) {
			e++;
		}
		return json_error(
			c, i,
			"syntax error: unquoted key '%.*s': keys are written in double quotes",
			(int)(e - i), t + i);
	}
	if ((ch == '+' || ch == '.') && strcmp(expected, "a value") == 0) {
		return json_error(
			c, i, "syntax error: a number starts with a digit or '-', not '%c'", ch);
	}
	return json_error(c, i, "syntax error: expected %s, found %s", expected,
			  char_text(c, i, d));
}

/* Four hex digits at i: their value, or -1. */
static long hex4(const char *t, size_t len, size_t i)
{
	long v = 0;
	for (size_t k = i; k < i + 4; k++) {
		char ch = k < len ? t[k] : 0;
		int x = is_digit(ch)             ? ch - '0'
			: ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			: ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
						 : -1;
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
		json_error(
			c, i,
			"syntax error: invalid escape: '\\' followed by %s (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
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
		json_error(
			c, i,
			"syntax error: '\\u%.4s' is the second half of a surrogate pair, without the first",
			t + i + 2);
		return 0;
	}
	if (u >= 0xd800 && u <= 0xdbff) {
		long lo = i + 7 < c->len && t[i + 6] == '\\' && t[i + 7] == 'u'
				  ? hex4(t, c->len, i + 8)
				  : -1;
		if (lo < 0xdc00 || lo > 0xdfff) {
			json_error(
				c, i,
				"syntax error: '\\u%.4s' must be followed by the second half of its surrogate pair (\\uDC00 to \\uDFFF)",
				t + i + 2);
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
		return json_error(
			c, c->len,
			"syntax error: unterminated string (the '\"' at %s is not closed)",
			place(c, q, w, sizeof(w)));
	}
	if (ch == '\n' || ch == '\r') {
		return json_error(
			c, i,
			"syntax error: line break in a string (a missing closing quote? a line break in a string is written \\n)");
	}
	if (ch == '\t') {
		return json_error(c, i,
				  "syntax error: tab character in a string (write it as \\t)");
	}
	if (ch == 0) {
		return json_error(c, i, "unexpected NUL byte");
	}
	return json_error(
		c, i, "syntax error: control character U+%04X in a string (write it as \\u%04X)",
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
		return json_error(
			c, i,
			"syntax error: leading zero in the number %.*s (a code with leading zeros is written as a string: \"%.*s\")",
			(int)(e - *pos), t + *pos, (int)(e - *pos), t + *pos);
	}
	while (is_digit(t[i])) {
		i++;
	}
	if (t[i] == '.') {
		if (!is_digit(t[i + 1])) {
			return json_error(
				c, i, "syntax error: a decimal point must be followed by a digit");
		}
		for (i++; is_digit(t[i]); i++) {
		}
	}
	if (t[i] == 'e' || t[i] == 'E') {
		size_t e = i++;
		i += t[i] == '+' || t[i] == '-';
		if (!is_digit(t[i])) {
			return json_error(
				c, e, "syntax error: an exponent needs digits ('1e5', '2.5E-3')");
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
	*i = gp__json_ws(c->text, *i);
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
	gp_loc l = gp__json_loc_at(c, i);
	if (c->text[i] == '{' && !c->line_no && l.line > 1 && l.column == 1) {
		return json_error(
			c, i,
			"syntax error: unexpected '{' (one object per line? that is JSON Lines: name the file .jsonl or give --input-format jsonl)");
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
		return json_error(c, i, "syntax error: '%c' does not close the '%c' at %s", t[i],
				  t[o], place(c, o, w, sizeof(w)));
	}
	if (i < c->len &&
	    (t[i] == '"' || t[i] == '{' || t[i] == '[' || t[i] == '-' || is_word_char(t[i]))) {
		return json_error(c, i,
				  "syntax error: expected ',' or '%c', found %s (a missing comma?)",
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
int gp__json_surely_valid(const lctx *c, size_t skip)
{
	const char *t = c->text;
	size_t len = c->len, i = skip, esc_end = 0;
	if (len - skip >= 3 && memcmp(t + skip, "\xef\xbb\xbf", 3) == 0) {
		return 0;
	}
#if defined(__SSE2__)
	const __m128i ctl = _mm_set1_epi8(0x1f), dot = _mm_set1_epi8('.'),
		      zero = _mm_set1_epi8('0'), bslash = _mm_set1_epi8('\\');
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
			unsigned cand = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, zero)));
			for (unsigned m = cand & ~in; m; m &= m - 1) {
				if (trace_at(t, len, skip, i + (size_t)__builtin_ctz(m),
					     &esc_end)) {
					return 0;
				}
			}
		}
		int inside = carry != 0;
		for (; i < len && t[i] != '\\'; i++) {
			unsigned char ch = (unsigned char)t[i];
			if (ch < 0x20 || (!inside && (ch == '.' || ch == '0') &&
					  trace_at(t, len, skip, i, &esc_end))) {
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
		__m128i hit =
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, zero)),
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
		if (ch < 0x20 || ((ch == '.' || ch == '0' || ch == '\\') &&
				  trace_at(t, len, skip, i, &esc_end))) {
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
int gp__json_scan(lctx *c, size_t i)
{
	const char *t = c->text;
	size_t len = c->len;
	c->offs.n = c->open.n = 0; /* kept across the lines of a JSON Lines file */
	for (;;) {
		i = gp__json_ws(t, i);
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
				return json_error(c, i,
						  "syntax error: nested deeper than %d levels",
						  CJSON_NESTING_LIMIT);
			}
			if (GP_VEC_PUSH(c->open, i)) {
				return -1;
			}
			i = gp__json_ws(t, i + 1);
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
			i = gp__json_ws(t, i);
			if (!c->open.n) {
				return scan_end(c, i);
			}
			size_t o = c->open.v[c->open.n - 1];
			char close = t[o] == '{' ? '}' : ']';
			if (t[i] == ',') {
				i = gp__json_ws(t, i + 1);
				if (t[i] == close) {
					return json_error(
						c, i, "syntax error: trailing comma before '%c'",
						close);
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

/* Reject invalid UTF-8, which cJSON would take; NUL bytes and the rest: gp__json_scan. */
int gp__json_check_utf8(lctx *c)
{
	size_t bad = gp__utf8_check((const unsigned char *)c->text, c->len);
	if (bad < c->len) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_at(c, bad),
				"invalid UTF-8 (byte 0x%02x); geopol files are UTF-8",
				(unsigned char)c->text[bad]);
		return -1;
	}
	return 0;
}
