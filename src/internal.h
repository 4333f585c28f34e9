/*
 * internal.h - private helpers shared by the library's modules. Not installed.
 *
 * Memory: an arena hands out strings that live as long as the arena (the
 * dataset); a strmap maps strings to indexes without owning the strings;
 * GP_VEC is a growable array. Allocation failures are returned, never fatal.
 */
#ifndef GEOPOL_INTERNAL_H
#define GEOPOL_INTERNAL_H

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h> /* GP_VEC_FREE */

#include "geopol/dataset.h"
#include "geopol/diag.h"
#include "model.h"

#define GP_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* ------------------------------------------------------------------ arena */

typedef struct gp_arena_chunk gp_arena_chunk;
typedef struct {
	gp_arena_chunk *head;
	size_t used, cap; /* of the head chunk */
} gp_arena;

void gp__arena_init(gp_arena *a);
void gp__arena_release(gp_arena *a);
void *gp__arena_alloc(gp_arena *a, size_t size);
/* A NUL-terminated copy of s[0..len) in the arena, or NULL on ENOMEM. */
char *gp__arena_strndup(gp_arena *a, const char *s, size_t len);

/* ------------------------------------------------------------ qualifiers */

/* An event start's EDTF qualifiers, as graph references and edge bounds keep them. */
enum { GP_QUAL_APPROX = 1, GP_QUAL_UNCERTAIN = 2 };
/* A date's start qualifiers as GP_QUAL_* bits (date.c). */
uint8_t gp__date_qual(const gp_date *d);
/*
 * An event start at its precision for people, with its qualifiers, as the
 * text timeline writes a date ("~2012", "2023-01-27?"; "…" when open).
 */
size_t gp__time_format_qualified(int64_t t, int prec, uint8_t qual, char *buf, size_t size);

/* ----------------------------------------------------------------- strmap */

typedef struct {
	const char *key;
	uint32_t hash;
	uint32_t value;
} gp_strmap_slot;

typedef struct {
	gp_strmap_slot *slots;
	size_t cap, count; /* cap is a power of two */
} gp_strmap;

void gp__strmap_release(gp_strmap *m);
uint32_t gp__strhash(const char *s, size_t len);
/* The value stored for key s[0..len), or GP_NONE. */
uint32_t gp__strmap_get(const gp_strmap *m, const char *s, size_t len);
/* Store key -> value; key must outlive the map (an arena string). */
int gp__strmap_put(gp_strmap *m, const char *key, size_t len, uint32_t value);

/*
 * Open addressing from a 64-bit key to a 32-bit value (not GP_NONE); key
 * and value side by side, so a probe touches one cache line. Start zeroed.
 */
typedef struct {
	uint64_t key;
	uint32_t val; /* GP_NONE: empty */
} gp_u64ent;

typedef struct {
	gp_u64ent *ent;
	size_t cap, n; /* cap is a power of two */
} gp_u64map;

static inline uint64_t gp__mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* Double the table (at most half full after). 0, or -1 on ENOMEM. */
int gp__u64map_grow(gp_u64map *m);

/* The value for key; when absent, key is added with value `ins`. GP_NONE on ENOMEM. Inline: hot. */
static inline uint32_t gp__u64map_get_or_put(gp_u64map *m, uint64_t key, uint32_t ins)
{
	if ((m->n + 1) * 2 > m->cap && gp__u64map_grow(m)) {
		return GP_NONE;
	}
	size_t j = gp__mix64(key) & (m->cap - 1);
	while (m->ent[j].val != GP_NONE) {
		if (m->ent[j].key == key) {
			return m->ent[j].val;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->ent[j].key = key;
	m->ent[j].val = ins;
	m->n++;
	return ins;
}

/* The value for key, or GP_NONE. */
static inline uint32_t gp__u64map_get(const gp_u64map *m, uint64_t key)
{
	for (size_t j = gp__mix64(key) & (m->cap - 1); m->cap && m->ent[j].val != GP_NONE;
	     j = (j + 1) & (m->cap - 1)) {
		if (m->ent[j].key == key) {
			return m->ent[j].val;
		}
	}
	return GP_NONE;
}

void gp__u64map_release(gp_u64map *m);

/* ----------------------------------------------------------------- vector */

#define GP_VEC(T)                                                                                  \
	struct {                                                                                   \
		T *v;                                                                              \
		size_t n, cap;                                                                     \
	}

int gp__grow(void **v, size_t *cap, size_t need, size_t elem);

/*
 * calloc(n, size) of a graph's big arrays (free() them): from 4 MiB, the
 * untouched pages calloc maps are advised onto huge pages (where the system
 * gives them on request, as Debian's default does), so that filling them
 * costs a page fault per 2 MiB, not per 4 KiB.
 */
void *gp__huge_calloc(size_t n, size_t size);

/*
 * Sort v[0..n) ascending, every value below 2^bits, using tmp[0..n): a
 * radix sort a byte at a time, linear in n where qsort's comparisons are
 * not (a million edges' order, packed with their index, util.c).
 */
void gp__radix_sort_u64(uint64_t *v, uint64_t *tmp, size_t n, unsigned bits);

/* Bits needed to write x (0 for 0). */
static inline unsigned gp__bit_width(uint64_t x)
{
	unsigned b = 0;
	while (x) {
		b++, x >>= 1;
	}
	return b;
}
/* 0 on success, -1 on ENOMEM. */
#define GP_VEC_PUSH(vec, x)                                                                        \
	(((vec).n < (vec).cap ||                                                                   \
	  gp__grow((void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof(*(vec).v)) == 0)             \
		 ? ((vec).v[(vec).n++] = (x), 0)                                                   \
		 : -1)
#define GP_VEC_RESERVE(vec, k)                                                                     \
	(((vec).n + (k) <= (vec).cap)                                                              \
		 ? 0                                                                               \
		 : gp__grow((void **)&(vec).v, &(vec).cap, (vec).n + (k), sizeof(*(vec).v)))
#define GP_VEC_FREE(vec) (free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

/* --------------------------------------------------------- string builder */

/* A growable NUL-terminated string; oom is sticky. Start with { 0 }, free(s). */
typedef struct {
	char *s;
	size_t n, cap;
	int oom;
} gp_sbuf;

void gp__sb_add(gp_sbuf *b, const char *s, size_t len);
void gp__sb_puts(gp_sbuf *b, const char *s);
void gp__sb_printf(gp_sbuf *b, const char *fmt, ...) GP_PRINTF(2, 3);
/* The text so far ("" when empty). */
const char *gp__sb_str(const gp_sbuf *b);
/* gp__csv_field into a buffer: s as a CSV field (quoted when it must be), then end. */
void gp__sb_csv_field(gp_sbuf *b, const char *s, char end);

/*
 * Write s padded with spaces to `width` characters (code points). Longer
 * text is cut at a character boundary and ends in "…" when `cut`, else
 * written whole.
 */
void gp__fpad(FILE *fp, const char *s, size_t width, int cut);

/* One CSV field, quoted as RFC 4180 asks when needed, then `end` (',' or '\n'). */
void gp__csv_field(FILE *fp, const char *s, char end);

/* ------------------------------------------------------------ diagnostics */

/* Set what gp_graph_last_error() says for this thread (analytics.c), printf-style. */
void gp__graph_set_error(const char *fmt, ...) GP_PRINTF(1, 2);

void gp__diag(gp_diag_sink *sink, gp_severity sev, const char *file, unsigned long line,
	      unsigned long column, const char *fmt, ...) GP_PRINTF(6, 7);
void gp__vdiag(gp_diag_sink *sink, gp_severity sev, const char *file, unsigned long line,
	       unsigned long column, const char *fmt, va_list ap) GP_PRINTF(6, 0);

/* ---------------------------------------------------------------- numbers */

/*
 * Numbers in the "C" locale whatever the program's (util.c): snprintf and
 * strtod through these, and uselocale(gp__c_locale()) around a library
 * (Graphviz) that formats numbers itself.
 */
locale_t gp__c_locale(void);
int gp__vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap) GP_PRINTF(3, 0);
int gp__snprintf_c(char *buf, size_t size, const char *fmt, ...) GP_PRINTF(3, 4);
double gp__strtod_c(const char *s, char **end);

/*
 * Write x into buf exactly as cJSON 1.7.15 prints the number ("%1.15g",
 * checked to read back) when x is an integer below 10^15 or a multiple of a
 * millionth that cJSON prints without an exponent; returns the length, or 0
 * for any other x (then cJSON prints it). It saves cJSON's sprintf + sscanf
 * pair on the counts and weights of big graphs.
 */
size_t gp__json_number_text(double x, char buf[32]);

/* Decimal digits of v, most significant first, not NUL-terminated; returns the count (<= 20). */
size_t gp__u64_digits(uint64_t v, char *out);

/*
 * Is id[0..len) an imported row's id, "gdelt-N" or "icews-N", N in its one
 * spelling (no leading zero) of at most GP_IMPORTED_DIGITS digits? Such
 * numbers stay exact as JSON numbers (below 2^52). 1 with *number and
 * *icews set, else 0 ("gdelt-007" is an id like any other).
 */
#define GP_IMPORTED_DIGITS 15
int gp__imported_number(const char *id, size_t len, uint64_t *number, int *icews);

/* "gdelt-N" or "icews-N", NUL-terminated, without printf (millions are written); returns its length. */
#define GP_IMPORTED_ID_MAX 28
size_t gp__imported_id_text(int icews, uint64_t number, char buf[GP_IMPORTED_ID_MAX]);

/* --------------------------------------------------------------- strings */

/* Offset of the first invalid UTF-8 byte in s[0..len), or len when valid. */
size_t gp__utf8_check(const unsigned char *s, size_t len);
/* Number of code points in s[0..len) (continuation bytes not counted). */
size_t gp__utf8_count(const char *s, size_t len);
/* Bytes of the first `chars` code points of s[0..len): a cut that never splits one. */
size_t gp__utf8_skip(const char *s, size_t len, size_t chars);
/* Is s (non-empty, UTF-8) only white space: ASCII, no-break and other Unicode spaces, zero-width ones? */
int gp__is_blank(const char *s);
int gp__strcasecmp_ascii(const char *a, const char *b);
/* Case-insensitive for Latin, Greek and Cyrillic letters too (simple folding). */
int gp__strcasecmp_utf8(const char *a, const char *b);
/* Case-insensitive edit distance (optimal string alignment), capped at cap+1. */
size_t gp__edit_distance(const char *a, const char *b, size_t cap);
/* Is `cand` close to `word`: small edit distance, or a prefix/extension of it. */
int gp__is_close(const char *word, const char *cand, size_t *score);
/* Append ", did you mean 'a', 'b'?"-style text of up to 3 names to buf. */
void gp__suggest_names(char *buf, size_t size, const char *word, const char *const *names,
		       size_t n);
/* Append " (did you mean 'a', 'b' or 'c'?)" for the given names, unfiltered. */
void gp__format_suggestions(char *buf, size_t size, const char *const *names, size_t n);

/* Does the filter keep a reported, ungraded event (every GDELT or ICEWS row)? (timeline.c) */
struct gp_filter;
int gp__filter_keeps_plain(const struct gp_filter *f);

/*
 * The relations of `links[].rel` (links.c, docs/story.md), NULL-terminated;
 * one in words ("in response to"), or NULL when it is not one of them; and
 * whether it is causal (in_response_to, follows_from: what `geopol chain` follows).
 */
extern const char *const gp__link_rels[];
const char *gp__link_rel_words(const char *rel);
int gp__link_is_causal(const char *rel);

/* The last second of the calendar unit of precision `prec` (a gp_precision) holding t. (date.c) */
int64_t gp__date_unit_last(int64_t t, int prec);

#endif
