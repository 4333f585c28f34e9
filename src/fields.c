/*
 * fields.c - a tab-separated row cut into fields in place (32 or 16 bytes
 * at a time where the CPU allows), and the values read from fields: digits,
 * dates, numbers as JSON would take them, NA. For tabular.c (fields.h).
 */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "fields.h"
#include "internal.h"

/* ------------------------------------------------------------- helpers */

#if defined(__SSE2__)
/* Bits set in a 16-bit mask (__builtin_popcount is a libgcc call without -mpopcnt). */
static inline size_t popcount16(unsigned m)
{
	m = m - ((m >> 1) & 0x5555u);
	m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
	m = (m + (m >> 4)) & 0x0f0fu;
	return (m + (m >> 8)) & 0x1fu;
}
#endif

/* Tabs found so far: the offsets of the first ones, how many in all, the last. */
typedef struct {
	size_t pos[MAX_FIELDS + 32];      /* a block adds at most 32 before the count is checked */
	size_t n, stored, last_tab, upto; /* pos[0..stored): the first tabs */
} tab_scan;

/* The tabs of the block at i (bits of m, nonzero; `count` of them). */
static inline void take_tabs(tab_scan *ts, size_t i, unsigned m, size_t count)
{
	if (ts->n >= ts->upto) {
		ts->n += count; /* past the columns wanted: only counted */
		ts->last_tab = i + (size_t)(31 - __builtin_clz(m));
		return;
	}
	do {
		ts->pos[ts->n++] = i + (size_t)__builtin_ctz(m);
		m &= m - 1;
	} while (m);
	ts->stored = ts->n;
}

#if defined(__x86_64__) && defined(__GNUC__)
/*
 * 32 bytes at a time, on CPUs with AVX2 (asked at run time: the build
 * targets every x86-64). Returns where it stopped; the caller goes on.
 */
__attribute__((target("avx2,popcnt"))) static size_t tabs_avx2(const char *line, size_t len,
							       tab_scan *ts)
{
	size_t i = 0;
	const __m256i tab32 = _mm256_set1_epi8('\t');
	for (; i + 32 <= len; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(line + i));
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, tab32));
		if (m) {
			take_tabs(ts, i, m, (size_t)__builtin_popcount(m));
		}
	}
	return i;
}
#endif

/*
 * Split a row at its tabs. Rows have dozens of short fields: a memchr call
 * per field costs more than it saves, so 32 bytes are compared at once
 * (AVX2, where the CPU has it), sixteen (SSE2, on every x86-64) or eight (an
 * exact SWAR test for bytes equal to '\t', on other little-endian machines;
 * else byte by byte), and the tabs' offsets are taken from the mask, lowest
 * first, into pos[]: a few
 * instructions a tab. f[] then gets the fields listed in cols[] (a row
 * reader needs a dozen of GDELT's 58; NULL: all of them) and the last one;
 * past the first `upto` fields (more than any in cols[]) tabs are only counted.
 * Returns the number of fields, more than MAX_FIELDS when there are too many
 * to hold.
 */
size_t gp__fields_split_cols(const char *line, size_t len, field *f, const uint8_t *cols,
			     size_t ncols, size_t upto)
{
	tab_scan ts;
	ts.n = ts.stored = 0, ts.last_tab = SIZE_MAX, ts.upto = upto;
	size_t i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx2")) {
		i = tabs_avx2(line, len, &ts);
	}
#endif
#if defined(__SSE2__)
	const __m128i tab16 = _mm_set1_epi8('\t');
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab16));
		if (m) {
			take_tabs(&ts, i, m, popcount16(m));
		}
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL, tabs = 0x0909090909090909ULL;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, line + i, 8);
		uint64_t x = w ^ tabs; /* bytes that were tabs are now zero */
		uint64_t m = ~(((x & low7) + low7) | x | low7); /* 0x80 in each tab byte */
		if (!m) {
			continue;
		}
		if (ts.n >= ts.upto) {
			ts.n += (size_t)(((m >> 7) * 0x0101010101010101ULL) >> 56);
			ts.last_tab = i + ((size_t)(63 - __builtin_clzll(m)) >> 3);
			continue;
		}
		do {
			ts.pos[ts.n++] = i + ((size_t)__builtin_ctzll(m) >> 3);
			m &= m - 1;
		} while (m);
		ts.stored = ts.n;
	}
#endif
	for (; i < len; i++) {
		if (line[i] == '\t') {
			if (ts.n < ts.upto) {
				ts.pos[ts.n] = i;
				ts.stored = ts.n + 1;
			}
			ts.n++;
			ts.last_tab = i;
		}
	}
	size_t n = ts.n, last_tab = ts.last_tab;
	const size_t *pos = ts.pos;
	if (n >= MAX_FIELDS) {
		return n + 1; /* f[] has room for MAX_FIELDS + 1 */
	}
	size_t start = 0, held = ts.stored; /* tabs whose offsets are in pos[] */
	if (!cols) {
		for (size_t k = 0; k < held; k++) {
			f[k].p = line + start;
			f[k].n = pos[k] - start;
			start = pos[k] + 1;
		}
	}
	for (size_t j = 0; j < ncols; j++) {
		size_t k = cols[j];
		if (k < held) {
			start = k ? pos[k - 1] + 1 : 0;
			f[k].p = line + start;
			f[k].n = pos[k] - start;
		}
	}
	if (n > held) {
		start = last_tab + 1; /* counted, not stored: the last was remembered */
	} else {
		start = n ? pos[n - 1] + 1 : 0;
	}
	f[n].p = line + start; /* the last field */
	f[n].n = len - start;
	return n + 1;
}

size_t gp__fields_split(const char *line, size_t len, field *f)
{
	return gp__fields_split_cols(line, len, f, NULL, 0, MAX_FIELDS);
}

int gp__field_all_digits(const field *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->p[i] < '0' || f->p[i] > '9') {
			return 0;
		}
	}
	return f->n > 0;
}

/* A day date from YYYYMMDD (GDELT) or YYYY-MM-DD (ICEWS), without text round trips. */
int gp__field_day_date(const field *f, gp_date *out)
{
	const char *p = f->p;
	int v[8], k = 0;
	if (f->n != 8 && !(f->n == 10 && p[4] == '-' && p[7] == '-')) {
		return -1;
	}
	for (size_t i = 0; i < f->n; i++) {
		if (f->n == 10 && (i == 4 || i == 7)) {
			continue;
		}
		if (p[i] < '0' || p[i] > '9') {
			return -1;
		}
		v[k++] = p[i] - '0';
	}
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5],
	    d = v[6] * 10 + v[7];
	if (m < 1 || m > 12 || d < 1 || (unsigned)d > gp_days_in_month(y, (unsigned)m)) {
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->start = gp_days_from_civil(y, (unsigned)m, (unsigned)d) * 86400;
	out->end = out->start + 86399;
	out->precision = out->start_prec = out->end_prec = GP_PREC_DAY;
	return 0;
}

/* The value of digits that row_common checked (leading zeros aside, few enough to fit). */
uint64_t gp__field_digits_value(const field *f)
{
	uint64_t v = 0;
	for (size_t i = 0; i < f->n; i++) {
		v = v * 10 + (uint64_t)(f->p[i] - '0');
	}
	return v;
}

/*
 * A row's id is a number, and its event's id is "gdelt-N" or "icews-N" with
 * N in its one spelling, whether the row is kept or streamed (which knows
 * only N): at most GP_IMPORTED_DIGITS digits after any leading zeros.
 */
int gp__field_row_id_ok(const field *f)
{
	size_t zeros = 0;
	while (zeros < f->n && f->p[zeros] == '0') {
		zeros++;
	}
	return f->n > 0 && gp__field_all_digits(f) && f->n - zeros <= GP_IMPORTED_DIGITS;
}

/*
 * Plain decimals ("-2.5", "10") of up to 15 digits: the integer of the
 * digits and a power of ten are both exact doubles, so one division is
 * correctly rounded, the same double strtod gives (Clinger's fast path).
 * Returns -1 for anything else, which strtod then reads.
 */
static int plain_decimal(const field *f, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
					1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	size_t i = 0, digits = 0, frac = 0;
	int neg = 0, dot = 0;
	uint64_t m = 0;
	if (i < f->n && (f->p[i] == '-' || f->p[i] == '+')) {
		neg = f->p[i++] == '-';
	}
	for (; i < f->n; i++) {
		char ch = f->p[i];
		if (ch >= '0' && ch <= '9') {
			m = m * 10 + (uint64_t)(ch - '0');
			digits++;
			frac += (size_t)dot;
		} else if (ch == '.' && !dot) {
			dot = 1;
		} else {
			return -1;
		}
	}
	if (digits == 0 || digits > 15) {
		return -1;
	}
	double v = (double)m / pow10[frac];
	*out = neg ? -v : v;
	return 0;
}

int gp__field_number(const field *f, double *out)
{
	char buf[64], *end;
	if (plain_decimal(f, out) == 0) {
		return 0;
	}
	if (f->n == 0 || f->n >= sizeof(buf)) {
		return -1;
	}
	memcpy(buf, f->p, f->n);
	buf[f->n] = '\0';
	*out = gp__strtod_c(buf, &end);
	return *end == '\0' && *out == *out ? 0 : -1; /* NaN fails */
}

static int digit_at(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* A number as JSON writes it (RFC 8259: no '+', leading zero, bare '.'), to be copied into JSON. */
int gp__field_json_number(const field *f)
{
	const char *p = f->p, *end = f->p + f->n;
	p += p < end && *p == '-';
	if (!digit_at(p, end)) {
		return 0;
	}
	if (*p++ != '0') {
		while (digit_at(p, end)) {
			p++;
		}
	}
	if (p < end && *p == '.') {
		if (!digit_at(++p, end)) {
			return 0;
		}
		while (digit_at(p, end)) {
			p++;
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		p += p < end && (*p == '+' || *p == '-');
		if (!digit_at(p, end)) {
			return 0;
		}
		while (digit_at(p, end)) {
			p++;
		}
	}
	return p == end;
}

int gp__field_is_na(const field *f)
{
	return f->n == 0 || (f->n == 2 && f->p[0] == 'N' && f->p[1] == 'A');
}
