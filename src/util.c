/*
 * util.c - arena, string map, growable arrays, diagnostics and string helpers.
 */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE (Linux), beside the build's POSIX 2008 */
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---------------------------------------------------------------- numbers */

/*
 * The "C" locale, made once for every thread. Numbers are read and written
 * in it whatever locale the program set (a host program in de_DE would
 * otherwise get "2,5" in JSON and read GDELT's "-2.5" as -2): uselocale()
 * changes only the calling thread's locale, for the one call.
 */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

locale_t gp__c_locale(void)
{
	pthread_once(&c_locale_once, make_c_locale);
	/* (locale_t)0 (out of memory) makes uselocale() a no-op: the program's locale. */
	return c_locale;
}

int gp__vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
	locale_t old = uselocale(gp__c_locale());
	int n = vsnprintf(buf, size, fmt, ap);
	uselocale(old);
	return n;
}

int gp__snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = gp__vsnprintf_c(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

double gp__strtod_c(const char *s, char **end)
{
	locale_t old = uselocale(gp__c_locale());
	double x = strtod(s, end);
	uselocale(old);
	return x;
}

size_t gp__u64_digits(uint64_t v, char *out)
{
	char tmp[20];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++) {
		out[i] = tmp[n - 1 - i];
	}
	return n;
}

int gp__imported_number(const char *id, size_t len, uint64_t *number, int *icews)
{
	int ic = len > 6 && memcmp(id, "icews-", 6) == 0;
	if (len < 7 || len > 6 + GP_IMPORTED_DIGITS || (!ic && memcmp(id, "gdelt-", 6) != 0) ||
	    (id[6] == '0' && len > 7)) {
		return 0;
	}
	uint64_t n = 0;
	for (size_t i = 6; i < len; i++) {
		if (id[i] < '0' || id[i] > '9') {
			return 0;
		}
		n = n * 10 + (uint64_t)(id[i] - '0');
	}
	*number = n;
	*icews = ic;
	return 1;
}

size_t gp__imported_id_text(int icews, uint64_t number, char buf[GP_IMPORTED_ID_MAX])
{
	memcpy(buf, icews ? "icews-" : "gdelt-", 6);
	size_t n = 6 + gp__u64_digits(number, buf + 6);
	buf[n] = '\0';
	return n;
}

size_t gp__json_number_text(double x, char buf[32])
{
	/*
	 * cJSON prints "%1.15g" (and "%1.17g" when that does not read back). An
	 * integer below 10^15, or m millionths with x the double nearest m / 10^6
	 * and |m| < 10^15, has at most 15 significant digits: "%1.15g" gives
	 * exactly that decimal, its trailing zeros cut, in fixed notation while
	 * 10^-4 <= |x| < 10^15, and it reads back as x.
	 */
	size_t n = 0;
	double ax = signbit(x) ? -x : x;
	uint64_t whole, frac = 0;
	if (ax < 1e15 && ax == (double)(uint64_t)ax) {
		whole = (uint64_t)ax;
	} else if (ax >= 1e-4 && ax < 1e9) {
		uint64_t m = (uint64_t)(ax * 1e6 + 0.5);
		if ((double)m / 1e6 != ax) {
			return 0;
		}
		whole = m / 1000000, frac = m % 1000000;
	} else {
		return 0; /* NaN, infinities, exponents, other fractions */
	}
	if (signbit(x)) {
		buf[n++] = '-'; /* "-0" too, as printf writes it */
	}
	n += gp__u64_digits(whole, buf + n);
	if (frac) {
		buf[n++] = '.';
		for (uint64_t d = 100000; frac; d /= 10) {
			buf[n++] = (char)('0' + frac / d);
			frac %= d;
		}
	}
	buf[n] = '\0';
	return n;
}

/* ------------------------------------------------------------------ arena */

struct gp_arena_chunk {
	gp_arena_chunk *next;
	max_align_t align[]; /* data follows */
};

#define ARENA_CHUNK (64 * 1024)
#define ARENA_CHUNK_MAX (4 * 1024 * 1024)
#define HUGE_PAGE ((uintptr_t)2 * 1024 * 1024)

/*
 * n bytes (at least 2 * HUGE_PAGE) aligned on a huge page and advised
 * MADV_HUGEPAGE before anything touches them, so that every page of them
 * can be huge (a hint: nothing where the system has none); NULL: out of
 * memory. free() releases them, realloc() may grow them. Big tables read in
 * random order (a million rows written in date order, hash tables) then
 * cost a TLB miss and a page fault 512 times less often: a million-row
 * timeline took 19% less time. gp__grow, the string maps and the arena use
 * it for blocks of 4 MiB and more.
 */
static void *huge_alloc(size_t n)
{
	void *p = NULL;
	if (posix_memalign(&p, HUGE_PAGE, n) != 0) {
		return NULL;
	}
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n & ~(HUGE_PAGE - 1), MADV_HUGEPAGE); /* failure is fine */
#endif
	return p;
}

void *gp__huge_calloc(size_t n, size_t size)
{
	char *p = calloc(n ? n : 1, size ? size : 1);
#ifdef MADV_HUGEPAGE
	/* A big calloc maps pages it leaves untouched: advised before the first touch. */
	if (p && n * size >= 2 * HUGE_PAGE) {
		uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		uintptr_t to = ((uintptr_t)p + n * size) & ~(HUGE_PAGE - 1);
		if (to > from) {
			(void)madvise((void *)from, to - from, MADV_HUGEPAGE); /* failure is fine */
		}
	}
#endif
	return p;
}

void gp__arena_init(gp_arena *a)
{
	a->head = NULL;
	a->used = a->cap = 0;
}

void gp__arena_release(gp_arena *a)
{
	gp_arena_chunk *c = a->head;
	while (c) {
		gp_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	gp__arena_init(a);
}

void *gp__arena_alloc(gp_arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if (!a->head || a->cap - a->used < size) {
		/* Big requests get a chunk of their own, kept behind the head. */
		/* Chunks double up to ARENA_CHUNK_MAX: big enough for huge pages. */
		size_t next = a->cap >= ARENA_CHUNK_MAX / 2 ? ARENA_CHUNK_MAX
			      : a->cap                      ? a->cap * 2
							    : ARENA_CHUNK;
		size_t cap = size > next / 4 ? size : next;
		gp_arena_chunk *c = cap >= ARENA_CHUNK_MAX ? huge_alloc(sizeof(*c) + cap)
							   : malloc(sizeof(*c) + cap);
		if (!c) {
			return NULL;
		}
		if (cap == size && a->head) {
			c->next = a->head->next;
			a->head->next = c;
			return c->align;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->cap = cap;
	}
	void *p = (char *)a->head->align + a->used;
	a->used += size;
	return p;
}

char *gp__arena_strndup(gp_arena *a, const char *s, size_t len)
{
	char *p = gp__arena_alloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/* ----------------------------------------------------------------- strmap */

uint32_t gp__strhash(const char *s, size_t len)
{
	/*
	 * Eight bytes a step, each word multiplied in, then a final mix so that
	 * the low bits used for slots spread. Byte-at-a-time FNV-1a was most of
	 * the cost of keeping a million GDELT rows' URLs (~100 bytes each).
	 */
	const uint64_t k = 0x9E3779B97F4A7C15u;
	uint64_t h = (uint64_t)len * k, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	if (len) {
		w = 0;
		memcpy(&w, s, len);
		h = (h ^ w) * k;
	}
	h ^= h >> 32;
	h *= 0xD6E8FEB86659FD93u;
	h ^= h >> 32;
	return (uint32_t)h;
}

void gp__strmap_release(gp_strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

uint32_t gp__strmap_get(const gp_strmap *m, const char *s, size_t len)
{
	if (!m->cap) {
		return GP_NONE;
	}
	uint32_t h = gp__strhash(s, len);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const gp_strmap_slot *sl = &m->slots[i];
		if (!sl->key) {
			return GP_NONE;
		}
		if (sl->hash == h && strncmp(sl->key, s, len) == 0 && sl->key[len] == '\0') {
			return sl->value;
		}
	}
}

static void strmap_insert(gp_strmap_slot *slots, size_t cap, gp_strmap_slot s)
{
	size_t i = s.hash & (cap - 1);
	while (slots[i].key) {
		i = (i + 1) & (cap - 1);
	}
	slots[i] = s;
}

static int strmap_grow(gp_strmap *m)
{
	if ((m->count + 1) * 4 <= m->cap * 3) {
		return 0;
	}
	size_t cap = m->cap ? m->cap * 2 : 64;
	gp_strmap_slot *slots = cap * sizeof(*slots) >= 2 * HUGE_PAGE
					? huge_alloc(cap * sizeof(*slots))
					: malloc(cap * sizeof(*slots));
	if (!slots) {
		return -1;
	}
	memset(slots, 0, cap * sizeof(*slots));
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].key) {
			strmap_insert(slots, cap, m->slots[i]);
		}
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int gp__strmap_put(gp_strmap *m, const char *key, size_t len, uint32_t value)
{
	if (strmap_grow(m)) {
		return -1;
	}
	gp_strmap_slot s = { key, gp__strhash(key, len), value };
	/* Replace an existing key's value, else insert. */
	for (size_t i = s.hash & (m->cap - 1); m->slots[i].key; i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].hash == s.hash && strcmp(m->slots[i].key, key) == 0) {
			m->slots[i].value = value;
			return 0;
		}
	}
	strmap_insert(m->slots, m->cap, s);
	m->count++;
	return 0;
}

/* --------------------------------------------------------------- u64 map */

int gp__u64map_grow(gp_u64map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	gp_u64ent *ent = malloc(cap * sizeof(*ent));
	if (!ent) {
		return -1;
	}
	for (size_t i = 0; i < cap; i++) {
		ent[i].key = 0;
		ent[i].val = GP_NONE;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (m->ent[i].val != GP_NONE) {
			size_t j = gp__mix64(m->ent[i].key) & (cap - 1);
			while (ent[j].val != GP_NONE) {
				j = (j + 1) & (cap - 1);
			}
			ent[j] = m->ent[i];
		}
	}
	free(m->ent);
	m->ent = ent, m->cap = cap;
	return 0;
}

void gp__u64map_release(gp_u64map *m)
{
	free(m->ent);
	memset(m, 0, sizeof(*m));
}

/* ----------------------------------------------------------------- vector */

int gp__grow(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem) {
			return -1;
		}
		c *= 2;
	}
	void *p;
	if (c * elem >= 2 * HUGE_PAGE) {
		/*
		 * A new block on huge pages, the old one copied into it (realloc
		 * would move its small pages along): a table of a million rows
		 * doubles a few times, copying less than itself in all.
		 */
		p = huge_alloc(c * elem);
		if (p && *v) {
			memcpy(p, *v, *cap * elem);
			free(*v);
		}
	} else {
		p = realloc(*v, c * elem);
	}
	if (!p) {
		return -1;
	}
	*v = p;
	*cap = c;
	return 0;
}

void gp__radix_sort_u64(uint64_t *v, uint64_t *tmp, size_t n, unsigned bits)
{
	uint64_t *from = v, *to = tmp;
	if (n < 2) {
		return;
	}
	for (unsigned shift = 0; shift < bits; shift += 8) {
		size_t count[256] = { 0 };
		for (size_t i = 0; i < n; i++) {
			count[(from[i] >> shift) & 0xff]++;
		}
		if (count[(from[0] >> shift) & 0xff] == n) {
			continue; /* one digit throughout: nothing to move */
		}
		size_t at = 0;
		for (int d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++) {
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		}
		uint64_t *t = from;
		from = to, to = t;
	}
	if (from != v) {
		memcpy(v, from, n * sizeof(*v));
	}
}

/* --------------------------------------------------------- string builder */

void gp__sb_add(gp_sbuf *b, const char *s, size_t len)
{
	if (b->oom) {
		return;
	}
	if (b->n + len + 1 > b->cap && gp__grow((void **)&b->s, &b->cap, b->n + len + 1, 1)) {
		b->oom = 1;
		return;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

void gp__sb_puts(gp_sbuf *b, const char *s)
{
	gp__sb_add(b, s, strlen(s));
}

void gp__sb_printf(gp_sbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int k = gp__vsnprintf_c(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	gp__sb_add(b, tmp, k < 0 ? 0 : (size_t)k < sizeof(tmp) ? (size_t)k : sizeof(tmp) - 1);
}

const char *gp__sb_str(const gp_sbuf *b)
{
	return b->n ? b->s : "";
}

void gp__fpad(FILE *fp, const char *s, size_t width, int cut)
{
	size_t len = strlen(s), chars = gp__utf8_count(s, len);
	if (chars > width && cut && width > 0) {
		/* Keep width-1 characters, then the ellipsis. */
		fwrite(s, 1, gp__utf8_skip(s, len, width - 1), fp);
		fputs("…", fp);
		return;
	}
	fputs(s, fp);
	for (size_t k = chars; k < width; k++) {
		fputc(' ', fp);
	}
}

void gp__sb_csv_field(gp_sbuf *b, const char *s, char end)
{
	size_t plain = strcspn(s, ",\"\r\n");
	if (s[plain] == '\0') {
		gp__sb_add(b, s, plain);
	} else {
		gp__sb_add(b, "\"", 1);
		for (const char *q; (q = strchr(s, '"')); s = q + 1) {
			gp__sb_add(b, s, (size_t)(q - s) + 1);
			gp__sb_add(b, "\"", 1);
		}
		gp__sb_puts(b, s);
		gp__sb_add(b, "\"", 1);
	}
	gp__sb_add(b, &end, 1);
}

void gp__csv_field(FILE *fp, const char *s, char end)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', fp);
		for (; *s; s++) {
			if (*s == '"') {
				fputc('"', fp);
			}
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else {
		fputs(s, fp);
	}
	fputc(end, fp);
}

/* ------------------------------------------------------------ diagnostics */

void gp__vdiag(gp_diag_sink *sink, gp_severity sev, const char *file, unsigned long line,
	       unsigned long column, const char *fmt, va_list ap)
{
	if (!sink) {
		return;
	}
	if (sev == GP_SEV_WARNING && sink->strict) {
		sev = GP_SEV_ERROR;
	}
	if (sev == GP_SEV_ERROR) {
		sink->errors++;
	} else {
		sink->warnings++;
	}
	if (!sink->fn) {
		return;
	}
	char msg[1024];
	gp__vsnprintf_c(msg, sizeof(msg), fmt, ap);
	gp_diag d = { sev, file ? file : "", line, column, msg };
	sink->fn(&d, sink->userdata);
}

void gp__diag(gp_diag_sink *sink, gp_severity sev, const char *file, unsigned long line,
	      unsigned long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	gp__vdiag(sink, sev, file, line, column, fmt, ap);
	va_end(ap);
}

const char *gp_strerror(int status)
{
	switch (status) {
	case GP_OK: return "success";
	case GP_ENOMEM: return "out of memory";
	case GP_EIO: return "input/output error";
	case GP_EINVALID: return "invalid input";
	case GP_ENOTFOUND: return "not found";
	case GP_EAMBIGUOUS: return "ambiguous name";
	default: return "internal error";
	}
}

/* --------------------------------------------------------------- strings */

#define HIGH_BITS 0x8080808080808080ULL

size_t gp__utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			/* Text is mostly ASCII: skip it sixteen (SSE2) or eight bytes at a time. */
			i++;
#if defined(__SSE2__)
			while (i + 16 <= len &&
			       _mm_movemask_epi8(_mm_loadu_si128(
				       (const __m128i *)(const void *)(s + i))) == 0) {
				i += 16;
			}
#endif
			uint64_t w;
			for (; i + 8 <= len; i += 8) {
				memcpy(&w, s + i, 8);
				if (w & HIGH_BITS) {
					break;
				}
			}
			continue;
		}
		size_t n;
		uint32_t cp;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n) {
			return i;
		}
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80) {
				return i;
			}
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff)) {
			return i;
		}
		i += n + 1;
	}
	return len;
}

size_t gp__utf8_count(const char *s, size_t len)
{
	/* Every byte but the continuation bytes (10xxxxxx), eight at a time. */
	size_t n = len, i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t cont = w & ~(w << 1) & HIGH_BITS; /* bit 7 set, bit 6 clear */
		n -= (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++) {
		n -= ((unsigned char)s[i] & 0xc0) == 0x80;
	}
	return n;
}

int gp__is_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		size_t n;
		if (*p < 0x80) {
			cp = *p, n = 1;
		} else if ((*p & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
			cp = (unsigned)(*p & 0x1f) << 6 | (p[1] & 0x3f), n = 2;
		} else if ((*p & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			cp = (unsigned)(*p & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 |
			     (p[2] & 0x3f),
			n = 3;
		} else {
			return 0; /* four-byte code points are never spaces */
		}
		/* Unicode White_Space, and the invisible U+200B and U+FEFF. */
		int space = cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
			    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 ||
			    cp == 0xfeff;
		if (!space) {
			return 0;
		}
		p += n;
	}
	return 1;
}

size_t gp__utf8_skip(const char *s, size_t len, size_t chars)
{
	size_t i = 0;
	for (; i < len && chars; chars--) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80) {
			i++;
		}
	}
	return i;
}

/* Decode one UTF-8 character (input already validated); advances *s. */
static uint32_t next_cp(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t c = p[0];
	size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (n > 1) {
		c &= 0x3f >> (n - 1);
		for (size_t k = 1; k < n; k++) {
			if ((p[k] & 0xc0) != 0x80) {
				*s += k;
				return 0xfffd;
			}
			c = (c << 6) | (p[k] & 0x3f);
		}
	}
	*s += n;
	return c;
}

/* Simple case folding: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic. */
static uint32_t fold(uint32_t c)
{
	if (c < 0x80) {
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	}
	if (c >= 0xc0 && c <= 0xde && c != 0xd7) {
		return c + 0x20;
	}
	if (c >= 0x100 && c <= 0x17f) {
		if (c == 0x178) {
			return 0xff;
		}
		int odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
		if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17f) {
			return c == 0x130 ? 'i' : c;
		}
		return odd_upper ? (c % 2 ? c + 1 : c) : (c % 2 ? c : c + 1);
	}
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) {
		return c + 0x20;
	}
	if (c == 0x386) {
		return 0x3ac;
	}
	if (c >= 0x388 && c <= 0x38a) {
		return c + 0x25;
	}
	if (c == 0x38c) {
		return 0x3cc;
	}
	if (c == 0x38e || c == 0x38f) {
		return c + 0x3f;
	}
	if (c >= 0x410 && c <= 0x42f) {
		return c + 0x20;
	}
	if (c >= 0x400 && c <= 0x40f) {
		return c + 0x50;
	}
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf)) {
		return c % 2 ? c : c + 1;
	}
	return c;
}

int gp__strcasecmp_utf8(const char *a, const char *b)
{
	while (*a && *b) {
		uint32_t x = fold(next_cp(&a)), y = fold(next_cp(&b));
		if (x != y) {
			return x < y ? -1 : 1;
		}
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int gp__strcasecmp_ascii(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
		if (ca != cb || !ca) {
			return ca - cb;
		}
	}
}

size_t gp__edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > cap) {
		return cap + 1;
	}
	if (la > 64 || lb > 64) {
		return gp__strcasecmp_ascii(a, b) == 0 ? 0 : cap + 1;
	}
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++) {
		d[i][0] = i;
	}
	for (size_t j = 0; j <= lb; j++) {
		d[0][j] = j;
	}
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]),
			    cb = tolower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best) {
				best = d[i - 1][j] + 1;
			}
			if (d[i][j - 1] + 1 < best) {
				best = d[i][j - 1] + 1;
			}
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best) {
				best = d[i - 2][j - 2] + 1;
			}
			d[i][j] = best;
		}
	}
	return d[la][lb] > cap ? cap + 1 : d[la][lb];
}

static int is_prefix_ci(const char *p, const char *s)
{
	for (; *p; p++, s++) {
		if (tolower((unsigned char)*p) != tolower((unsigned char)*s)) {
			return 0;
		}
	}
	return 1;
}

int gp__is_close(const char *word, const char *cand, size_t *score)
{
	size_t lw = strlen(word), lc = strlen(cand);
	size_t cap = lw < 4 ? 1 : lw < 8 ? 2 : 3;
	size_t d = gp__edit_distance(word, cand, cap);
	if (d <= cap && d < lw && d < lc) {
		*score = d;
		return 1;
	}
	/* A name that is a prefix or extension of the other counts (BRAZIL -> BRA). */
	if (lw >= 2 && lc >= 2 && (lw < lc ? is_prefix_ci(word, cand) : is_prefix_ci(cand, word))) {
		*score = cap + (lw > lc ? lw - lc : lc - lw);
		return 1;
	}
	return 0;
}

void gp__suggest_names(char *buf, size_t size, const char *word, const char *const *names, size_t n)
{
	/* Keep the three closest, ties in the order given. */
	const char *best[3] = { NULL, NULL, NULL };
	size_t bscore[3] = { 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		size_t sc;
		if (!names[i] || !gp__is_close(word, names[i], &sc)) {
			continue;
		}
		int dup = 0;
		for (int k = 0; k < 3; k++) {
			dup |= best[k] && strcmp(best[k], names[i]) == 0;
		}
		if (dup) {
			continue;
		}
		for (int k = 0; k < 3; k++) {
			if (!best[k] || sc < bscore[k]) {
				for (int j = 2; j > k; j--) {
					best[j] = best[j - 1];
					bscore[j] = bscore[j - 1];
				}
				best[k] = names[i];
				bscore[k] = sc;
				break;
			}
		}
	}
	size_t n_best = 0;
	while (n_best < 3 && best[n_best]) {
		n_best++;
	}
	gp__format_suggestions(buf, size, best, n_best);
}

void gp__format_suggestions(char *buf, size_t size, const char *const *names, size_t n)
{
	if (!n || !size) {
		return;
	}
	size_t pos = strlen(buf);
	pos += (size_t)snprintf(buf + pos, pos < size ? size - pos : 0, " (did you mean '%s'",
				names[0]);
	for (size_t k = 1; k < n && pos < size; k++) {
		pos += (size_t)snprintf(buf + pos, size - pos, "%s'%s'", k == n - 1 ? " or " : ", ",
					names[k]);
	}
	if (pos < size) {
		snprintf(buf + pos, size - pos, "?)");
	}
}
