/*
 * tabular.c - machine-coded event data: GDELT 1.0 (58 columns, or 57 in the
 * historical backfile), GDELT 2.0 (61 columns) and ICEWS (a header row, 20
 * columns), all tab-separated. Each row becomes one event with at most one
 * source and one target; docs/import.md gives the mapping column by column.
 *
 * Rows are split in place with memchr and nothing is kept per row unless the
 * dataset keeps events: when it streams (ds->sink), memory holds only actors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "dataset_impl.h"
#include "input.h"
#include "tables.h"
#include "tabular.h"

#define MAX_FIELDS 64

typedef struct {
	const char *p;
	size_t n;
} field;

typedef struct {
	gp_dataset *ds;
	gp_diag_sink *sink;
	const char *fname;
	uint32_t file;
	unsigned long line_no;
	const char *line;
	int bad;      /* the current row was reported */
	uint32_t *type_of; /* code_type's table: 0 unknown yet, else type + 1 */
	struct code_slot *codes; /* actor_by_code's cache */
	int oom;      /* an allocation failed: the load ends with GP_ENOMEM */
} tctx;

/*
 * Actor codes are few and Zipf-distributed: a direct-mapped cache of code
 * bytes to actor index answers most rows without a string-map probe.
 */
#define CODE_BITS 13
#define CODE_SLOTS (1u << CODE_BITS)
struct code_slot {
	uint64_t w[2]; /* the code, zero-padded (codes of up to 16 bytes are cached) */
	uint32_t len;
	gp_index actor;
};

static gp_index cached_code(const tctx *c, const char *p, size_t n, uint64_t w[2], size_t *slot)
{
	w[0] = w[1] = 0;
	if (n == 0 || n > 16) {
		*slot = SIZE_MAX;
		return GP_NONE;
	}
	memcpy(w, p, n);
	*slot = (size_t)(((w[0] ^ (w[1] * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL) >> (64 - CODE_BITS));
	const struct code_slot *e = &c->codes[*slot];
	return e->len == n && e->w[0] == w[0] && e->w[1] == w[1] ? e->actor : GP_NONE;
}

static void remember_code(tctx *c, size_t slot, const uint64_t w[2], size_t n, gp_index a)
{
	if (slot != SIZE_MAX && a != GP_NONE) {
		c->codes[slot].w[0] = w[0];
		c->codes[slot].w[1] = w[1];
		c->codes[slot].len = (uint32_t)n;
		c->codes[slot].actor = a;
	}
}

/* GDELT column numbers (0-based), the same in 1.0 and 2.0 up to AvgTone. */
enum {
	G_ID = 0, G_SQLDATE = 1,
	G_A1CODE = 5, G_A1NAME = 6, G_A1COUNTRY = 7,
	G_A2CODE = 15, G_A2NAME = 16, G_A2COUNTRY = 17,
	G_EVENTCODE = 26, G_ROOTCODE = 28, G_QUAD = 29, G_GOLDSTEIN = 30,
	G_NUMMENTIONS = 31, G_AVGTONE = 34
};
static const char *const gdelt_names[] = {
	[G_ID] = "GLOBALEVENTID", [G_SQLDATE] = "SQLDATE", [G_A1CODE] = "Actor1Code",
	[G_A2CODE] = "Actor2Code", [G_EVENTCODE] = "EventCode", [G_ROOTCODE] = "EventRootCode",
	[G_QUAD] = "QuadClass", [G_GOLDSTEIN] = "GoldsteinScale",
};

enum {
	I_ID = 0, I_DATE = 1, I_SNAME = 2, I_SSECTORS = 3, I_SCOUNTRY = 4, I_TEXT = 5,
	I_CAMEO = 6, I_INTENSITY = 7, I_TNAME = 8, I_TSECTORS = 9, I_TCOUNTRY = 10,
	I_STORY = 11, I_PUBLISHER = 13
};
static const char *const icews_names[] = {
	"Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
	"CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
	"Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
	"Longitude",
};

/* ------------------------------------------------------------ detection */

int gp__tabular_detect(const char *p, size_t len)
{
	if (len >= 9 && memcmp(p, "Event ID\t", 9) == 0) {
		return GP_INPUT_ICEWS;
	}
	const char *nl = memchr(p, '\n', len);
	size_t n = nl ? (size_t)(nl - p) : len, tabs = 0;
	for (size_t i = 0; i < n; i++) {
		tabs += p[i] == '\t';
	}
	return tabs == 56 || tabs == 57 || tabs == 60 ? GP_INPUT_GDELT : GP_INPUT_AUTO;
}

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
	size_t pos[MAX_FIELDS + 32]; /* a block adds at most 32 before the count is checked */
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
__attribute__((target("avx2,popcnt"))) static size_t tabs_avx2(const char *line, size_t len, tab_scan *ts)
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
static size_t split_cols(const char *line, size_t len, field *f, const uint8_t *cols, size_t ncols,
			 size_t upto)
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

static size_t split(const char *line, size_t len, field *f)
{
	return split_cols(line, len, f, NULL, 0, MAX_FIELDS);
}

GP_PRINTF(4, 5) static void row_error(tctx *c, const field *at, const char *column, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->bad = 1;
	if (c->ds->skip_bad) {
		return;
	}
	unsigned long col = at ? (unsigned long)gp__utf8_count(c->line, (size_t)(at->p - c->line)) + 1 : 1;
	if (column) {
		gp__diag(c->sink, GP_SEV_ERROR, c->fname, c->line_no, col, "column '%s': %s", column, msg);
	} else {
		gp__diag(c->sink, GP_SEV_ERROR, c->fname, c->line_no, col, "%s", msg);
	}
}

static int all_digits(const field *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->p[i] < '0' || f->p[i] > '9') {
			return 0;
		}
	}
	return f->n > 0;
}

/* A day date from YYYYMMDD (GDELT) or YYYY-MM-DD (ICEWS), without text round trips. */
static int day_date(const field *f, gp_date *out)
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
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
	if (m < 1 || m > 12 || d < 1 || (unsigned)d > gp_days_in_month(y, (unsigned)m)) {
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->start = gp_days_from_civil(y, (unsigned)m, (unsigned)d) * 86400;
	out->end = out->start + 86399;
	out->precision = out->start_prec = out->end_prec = GP_PREC_DAY;
	return 0;
}

static uint64_t digits_value(const field *f)
{
	uint64_t v = 0;
	for (size_t i = 0; i < f->n && i < 19; i++) {
		v = v * 10 + (uint64_t)(f->p[i] - '0');
	}
	return v;
}

/*
 * Plain decimals ("-2.5", "10") of up to 15 digits: the integer of the
 * digits and a power of ten are both exact doubles, so one division is
 * correctly rounded, the same double strtod gives (Clinger's fast path).
 * Returns -1 for anything else, which strtod then reads.
 */
static int plain_decimal(const field *f, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
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

static int number(const field *f, double *out)
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
	*out = strtod(buf, &end);
	return *end == '\0' && *out == *out ? 0 : -1; /* NaN fails */
}

static int is_na(const field *f)
{
	return f->n == 0 || (f->n == 2 && f->p[0] == 'N' && f->p[1] == 'A');
}

/* CAMEO event code to a geopol type: a few codes have a type of their own. */
static const char *cameo_type(const char *code, size_t n)
{
	static const struct {
		const char *code, *type;
	} specific[] = {
		{ "042", "visit" },     { "043", "visit" },     { "044", "meeting" },
		{ "046", "talks" },     { "057", "agreement" }, { "0871", "ceasefire" },
		{ "112", "accusation" }, { "139", "deadline" },  { "163", "sanction" },
		{ "172", "sanction" },
	};
	for (size_t i = 0; i < sizeof(specific) / sizeof(specific[0]); i++) {
		if (strlen(specific[i].code) == n && memcmp(specific[i].code, code, n) == 0) {
			return specific[i].type;
		}
	}
	if (n < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') {
		return NULL;
	}
	return gp_cameo_root_type((code[0] - '0') * 10 + (code[1] - '0'));
}

/*
 * The type of a CAMEO code, remembered per code: codes are 2 to 4 digits,
 * so (length, value) indexes a small table filled on first use.
 */
static gp_index code_type(tctx *c, const field *code)
{
	if (code->n < 2 || code->n > 4 || !all_digits(code)) {
		return GP_NONE;
	}
	size_t slot = (code->n - 2) * 10000 + digits_value(code);
	if (c->type_of[slot] == 0) {
		const char *name = cameo_type(code->p, code->n);
		gp_index t = name ? gp__type_ref(c->ds, name, strlen(name), (gp_loc){ 0, 0, 0 }) : GP_NONE;
		if (name && t == GP_NONE) {
			c->oom = 1;
			return GP_NONE;
		}
		c->type_of[slot] = t == GP_NONE ? UINT32_MAX : t + 1;
	}
	return c->type_of[slot] == UINT32_MAX ? GP_NONE : c->type_of[slot] - 1;
}

static const char *role_label(const char *p);

/* A country actor by ISO alpha-3 code, created on first use. */
static gp_index country_actor(tctx *c, const char *code, size_t n, gp_loc at)
{
	uint64_t w[2];
	size_t slot;
	gp_index a = cached_code(c, code, n, w, &slot);
	if (a != GP_NONE) {
		return a;
	}
	(void)at; /* defined at once: no mention to count for warnings */
	a = gp__actor_ref(c->ds, code, n, (gp_loc){ 0, 0, 0 });
	c->oom |= a == GP_NONE;
	remember_code(c, slot, w, n, a);
	if (a != GP_NONE && !c->ds->actors.v[a].defined) {
		gp_actor *ac = &c->ds->actors.v[a];
		const gp_country *ct = gp__country_by_code(code, n);
		const char *region = !ct && n == 3 ? role_label(code) : NULL;
		ac->defined = 1;
		if (ct) {
			ac->kind = GP_KIND_COUNTRY;
			ac->name = ct->names[0]; /* static storage */
		} else if (region) {
			/* A CAMEO region (EUR, AFR) in the country column: a group, not a country. */
			ac->kind = GP_KIND_GROUP;
			ac->name = region;
		} else {
			ac->kind = GP_KIND_COUNTRY;
		}
	}
	return a;
}

/*
 * The kind of a GDELT actor, from the role parts of its code (USAGOV is an
 * agency): a function of the code alone, so every shard of a file agrees.
 */
static int gdelt_kind(const char *code, size_t n)
{
	static const char *const agency[] = { "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI", "PTY", NULL };
	static const char *const org[] = { "BUS", "MNC", "MED", "EDU", "HLH", "NGO", "NGM", "AGR", "LAB", "CRM", NULL };
	for (size_t k = 0; k + 3 <= n; k += 3) {
		for (int i = 0; agency[i]; i++) {
			if (memcmp(code + k, agency[i], 3) == 0) {
				return GP_KIND_AGENCY;
			}
		}
		for (int i = 0; org[i]; i++) {
			if (memcmp(code + k, org[i], 3) == 0) {
				return GP_KIND_ORGANIZATION;
			}
		}
		if (memcmp(code + k, "IGO", 3) == 0) {
			return GP_KIND_INTERNATIONAL;
		}
	}
	return GP_KIND_GROUP;
}

/* CAMEO actor role codes (3 letters) and how a reader names them. */
static const char *role_label(const char *p)
{
	static const char *const roles[][2] = {
		{ "AGR", "agriculture" }, { "BUS", "business" },   { "CHR", "Christian" },
		{ "COP", "police" },      { "CRM", "criminals" },  { "CVL", "civilians" },
		{ "DEV", "development" }, { "EDU", "education" },  { "ELI", "elites" },
		{ "ENV", "environmental" }, { "GOV", "government" }, { "HLH", "health" },
		{ "HRI", "human rights" }, { "IGO", "international organization" },
		{ "IMG", "immigrants" },  { "INS", "insurgents" }, { "JUD", "judiciary" },
		{ "LAB", "labor" },       { "LEG", "legislature" }, { "MED", "media" },
		{ "MIL", "military" },    { "MNC", "multinational corporation" },
		{ "MOD", "moderates" },   { "MUS", "Muslim" },     { "NGM", "non-governmental movement" },
		{ "NGO", "NGO" },         { "OPP", "opposition" }, { "PTY", "political party" },
		{ "RAD", "radicals" },    { "REB", "rebels" },     { "REF", "refugees" },
		{ "REL", "religious" },   { "SEP", "separatists" }, { "SET", "settlers" },
		{ "SPY", "intelligence" }, { "UAF", "armed forces (unaffiliated)" },
		{ "UIS", "unidentified state actor" },
		/* CAMEO regions */
		{ "AFR", "Africa" },        { "ASA", "Asia" },          { "BLK", "Balkans" },
		{ "CAU", "Caucasus" },      { "CAS", "Central Asia" },  { "CEU", "Central Europe" },
		{ "CFR", "Central Africa" }, { "EAF", "East Africa" },  { "EEU", "Eastern Europe" },
		{ "EUR", "Europe" },        { "LAM", "Latin America" }, { "MEA", "Middle East" },
		{ "MDT", "Mediterranean" }, { "NAF", "North Africa" },  { "NMR", "North America" },
		{ "PGS", "Persian Gulf" },  { "SAF", "Southern Africa" }, { "SAM", "South America" },
		{ "SAS", "South Asia" },    { "SCN", "Scandinavia" },   { "SEA", "Southeast Asia" },
		{ "WAF", "West Africa" },   { "WST", "the West" },
	};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if (memcmp(p, roles[i][0], 3) == 0) {
			return roles[i][1];
		}
	}
	return NULL;
}

/*
 * A stable name for a GDELT actor code, from the code itself: Actor1Name
 * varies from row to row for one code ("PRESIDENT", "WASHINGTON" for USAGOV),
 * and a name that depends on which row came first would differ between
 * shards of one file. USAGOV -> "United States government", GOV ->
 * "Government", MNCUSA -> "Multinational corporation (United States)".
 * NULL when a part of the code is neither a country nor a role (or memory
 * ran out: c->oom).
 */
static char *code_name(tctx *c, const char *code, size_t n)
{
	gp_dataset *ds = c->ds;
	if (n == 0 || n % 3 != 0 || n > 30) {
		return NULL;
	}
	gp_sbuf b = { 0 };
	for (size_t k = 0; k < n; k += 3) {
		const gp_country *ct = gp__country_by_code(code + k, 3);
		const char *role = role_label(code + k);
		if (!ct && !role) {
			free(b.s);
			return NULL;
		}
		if (ct && role && k == 0 && n == 3) {
			role = NULL; /* a bare country code names the country */
		}
		if (k > 0 && memcmp(code + k, code + k - 3, 3) == 0) {
			continue; /* JUDJUD is the judiciary, once */
		}
		if (k > 0) {
			gp__sb_puts(&b, " ");
		}
		if (role) {
			gp__sb_puts(&b, role);
		} else {
			gp__sb_printf(&b, k == 0 ? "%s" : "(%s)", ct->names[0]);
		}
	}
	char *s = b.oom ? NULL : gp__arena_strndup(&ds->arena, b.s, b.n);
	c->oom |= !s;
	free(b.s);
	if (s && s[0] >= 'a' && s[0] <= 'z') {
		s[0] = (char)(s[0] - 'a' + 'A');
	}
	return s;
}

/* One side of a GDELT row: the actor (with part_of its country), or GP_NONE. */
static gp_index gdelt_actor(tctx *c, const field *code, const field *name, const field *country,
			    gp_loc at)
{
	gp_dataset *ds = c->ds;
	if (code->n == 0 && country->n == 0) {
		return GP_NONE;
	}
	if (code->n == 0 || (country->n == code->n && memcmp(country->p, code->p, code->n) == 0)) {
		return country->n ? country_actor(c, country->p, country->n, at)
				  : country_actor(c, code->p, code->n, at);
	}
	uint64_t w[2];
	size_t slot;
	gp_index a = cached_code(c, code->p, code->n, w, &slot);
	if (a != GP_NONE) {
		return a;
	}
	a = gp__actor_ref(ds, code->p, code->n, (gp_loc){ 0, 0, 0 });
	c->oom |= a == GP_NONE;
	if (a == GP_NONE || ds->actors.v[a].defined) {
		remember_code(c, slot, w, code->n, a);
		return a;
	}
	/* First sight: name, kind and country from this row. */
	gp_index ctry = country->n ? country_actor(c, country->p, country->n, at) : GP_NONE;
	gp_actor *ac = &ds->actors.v[a]; /* after country_actor: the array may have moved */
	ac->defined = 1;
	ac->kind = gdelt_kind(code->p, code->n);
	char *s = code_name(c, code->p, code->n);
	if (!s && name->n) {
		s = gp__arena_strndup(&ds->arena, name->p, name->n);
		c->oom |= !s;
	}
	ac = &ds->actors.v[a];
	ac->name = s ? s : ac->name;
	if (ctry != GP_NONE) {
		gp_membership m = { ctry, GP_TIME_MIN, GP_TIME_MAX };
		ac->member_off = (uint32_t)ds->members.n;
		ac->n_members = 1;
		if (GP_VEC_PUSH(ds->members, m) || GP_VEC_PUSH(ds->member_loc, at)) {
			c->oom = 1;
			return GP_NONE;
		}
	}
	remember_code(c, slot, w, code->n, a);
	return a;
}

static const char *actor_name(const gp_dataset *ds, gp_index a)
{
	return a == GP_NONE ? "?" : ds->actors.v[a].name;
}

/*
 * A row's two sides into the event: sources first. A row with only a target
 * has no source; one with neither is skipped (returns 0: nothing to draw).
 */
static int place_actors(gp_row_event *ev, gp_index first, gp_index second)
{
	ev->actor[0] = first;
	ev->actor[1] = second;
	if (first == GP_NONE && second == GP_NONE) {
		return 0;
	}
	if (first == GP_NONE) {
		ev->actor[0] = second;
		ev->actor[1] = GP_NONE;
		ev->n_target = 1;
	} else {
		ev->n_source = 1;
		ev->n_target = second != GP_NONE;
	}
	return 1;
}

/* "Make a visit: UNITED STATES → INDIA". */
static void make_title(gp_sbuf *b, const gp_dataset *ds, const char *what, size_t wn,
		       gp_index src, gp_index tgt)
{
	b->n = 0;
	gp__sb_add(b, what, wn);
	gp__sb_puts(b, ": ");
	gp__sb_puts(b, src != GP_NONE ? actor_name(ds, src) : "(no source)");
	if (tgt != GP_NONE) {
		gp__sb_puts(b, " → ");
		gp__sb_puts(b, actor_name(ds, tgt));
	}
}

/* The columns both formats check the same way, and how the date is written. */
typedef struct {
	const char *const *names;
	int id, date, weight, code;
	const char *date_form;
} row_columns;

/*
 * Start ev from a row's id, date, weight (-10..10) and CAMEO code, reporting
 * each bad one at its column. Returns nonzero when the row had an error.
 */
static int row_common(tctx *c, const field *f, const row_columns *k, gp_row_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->cite = GP_NONE;
	const field *id = &f[k->id], *date = &f[k->date], *w = &f[k->weight], *code = &f[k->code];
	if (!all_digits(id)) {
		row_error(c, id, k->names[k->id], "expected a number, got '%.*s'", (int)id->n, id->p);
	}
	if (day_date(date, &ev->date)) {
		row_error(c, date, k->names[k->date], "invalid date '%.*s' (expected %s)", (int)date->n, date->p,
			  k->date_form);
	}
	if (number(w, &ev->weight) || ev->weight < -10 || ev->weight > 10) {
		row_error(c, w, k->names[k->weight], "expected a number from -10 to 10, got '%.*s'", (int)w->n, w->p);
	}
	ev->type = code_type(c, code);
	if (ev->type == GP_NONE) {
		row_error(c, code, k->names[k->code], "expected a CAMEO event code, got '%.*s'", (int)code->n,
			  code->p);
	}
	return c->bad;
}

/* --------------------------------------------------------------- GDELT */

static int gdelt_row(tctx *c, const char *line, size_t len, gp_sbuf *title, gp_sbuf *attrs)
{
	field f[MAX_FIELDS + 1];
	/* The columns read below; kept events also SOURCEURL, the last. */
	static const uint8_t used[] = { G_ID, G_SQLDATE, G_A1CODE, G_A1NAME, G_A1COUNTRY,
					G_A2CODE, G_A2NAME, G_A2COUNTRY, G_EVENTCODE, G_QUAD,
					G_GOLDSTEIN, G_NUMMENTIONS, G_AVGTONE };
	size_t nf = split_cols(line, len, f, used, sizeof(used), G_AVGTONE + 1);
	gp_dataset *ds = c->ds;
	gp_loc at = { c->file, (uint32_t)c->line_no, 1 };
	if (nf != 57 && nf != 58 && nf != 61) {
		row_error(c, NULL, NULL,
			  "expected 58 or 57 tab-separated columns (GDELT 1.0) or 61 (GDELT 2.0), found %zu", nf);
		return GP_OK;
	}
	gp_row_event ev;
	static const row_columns cols = { gdelt_names, G_ID, G_SQLDATE, G_GOLDSTEIN, G_EVENTCODE, "YYYYMMDD" };
	if (row_common(c, f, &cols, &ev)) {
		return GP_OK;
	}
	const field *code = &f[G_EVENTCODE];
	gp_index a1 = gdelt_actor(c, &f[G_A1CODE], &f[G_A1NAME], &f[G_A1COUNTRY], at);
	gp_index a2 = gdelt_actor(c, &f[G_A2CODE], &f[G_A2NAME], &f[G_A2COUNTRY], at);
	if (!place_actors(&ev, a1, a2)) {
		return GP_OK; /* neither side coded: nothing to draw, not an error of the file */
	}
	/*
	 * Input order is the row's id: GDELT and ICEWS list rows in id order, and
	 * unlike a line number it is the same in any shard of a file.
	 */
	ev.seq = digits_value(&f[G_ID]);
	memcpy(ev.cameo, code->p, code->n < 4 ? code->n : 4);
	char id[48];
	if (!ds->sink && !ds->compact_rows) {
		snprintf(id, sizeof(id), "gdelt-%.*s", (int)(f[G_ID].n < 30 ? f[G_ID].n : 30), f[G_ID].p);
		ev.id = id;
	} else {
		ev.id = "gdelt-"; /* streamed: the number is ev.seq */
	}
	ev.at = at;
	if (!ds->sink && !ds->compact_rows) {
		/* Kept events get a title, the URL and the row's codes. */
		const char *label = gp__cameo_label(code->p, code->n);
		char what[160];
		snprintf(what, sizeof(what), "%s", label ? label : gp_dataset_type(ds, ev.type)->label);
		gp_index src = ev.n_source ? ev.actor[0] : GP_NONE;
		gp_index tgt = ev.n_source ? ev.actor[1] : ev.actor[0];
		make_title(title, ds, what, strlen(what), src, tgt);
		ev.title = title->s;
		if (nf != 57 && f[nf - 1].n) {
			ev.url = f[nf - 1].p; /* SOURCEURL: the last column, ends the line */
		}
		attrs->n = 0;
		gp__sb_printf(attrs, "{\"cameo\":\"%.*s\",\"quad_class\":%.*s,\"num_mentions\":%.*s,\"avg_tone\":%.*s}",
			      (int)code->n, code->p, (int)f[G_QUAD].n, f[G_QUAD].p,
			      (int)f[G_NUMMENTIONS].n, f[G_NUMMENTIONS].p, (int)f[G_AVGTONE].n, f[G_AVGTONE].p);
		/* Only numbers that JSON accepts go in as they are. */
		double x;
		if (!all_digits(&f[G_QUAD]) || !all_digits(&f[G_NUMMENTIONS]) || number(&f[G_AVGTONE], &x)) {
			attrs->n = 0;
			gp__sb_printf(attrs, "{\"cameo\":\"%.*s\"}", (int)code->n, code->p);
		}
		ev.attributes = attrs->s;
		if (title->oom || attrs->oom) {
			return GP_ENOMEM;
		}
	}
	return gp__dataset_add_row(ds, &ev);
}

/* --------------------------------------------------------------- ICEWS */

static int icews_kind(const field *sectors)
{
	static const struct {
		const char *word;
		int kind;
	} words[] = {
		{ "International Government Organization", GP_KIND_INTERNATIONAL },
		{ "Regional Diplomatic IGOs", GP_KIND_INTERNATIONAL },
		{ "Government", GP_KIND_AGENCY }, { "Executive", GP_KIND_AGENCY },
		{ "Military", GP_KIND_AGENCY },   { "Police", GP_KIND_AGENCY },
		{ "Legislative", GP_KIND_AGENCY }, { "Judicial", GP_KIND_AGENCY },
		{ "Ministry", GP_KIND_AGENCY },    { "Business", GP_KIND_ORGANIZATION },
		{ "Media", GP_KIND_ORGANIZATION }, { "Education", GP_KIND_ORGANIZATION },
		{ "Nongovernmental", GP_KIND_ORGANIZATION },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t wl = strlen(words[i].word);
		for (size_t k = 0; k + wl <= sectors->n; k++) {
			if (memcmp(sectors->p + k, words[i].word, wl) == 0) {
				return words[i].kind;
			}
		}
	}
	return GP_KIND_GROUP;
}

/* A country by name: its ISO alpha-3 actor when the name is known, else the name. */
static gp_index icews_country(tctx *c, const field *name, gp_loc at)
{
	gp_dataset *ds = c->ds;
	uint32_t a = gp__strmap_get(&ds->country_names, name->p, name->n);
	if (a != GP_NONE) {
		return a;
	}
	const gp_country *ct = gp__country_by_name(name->p, name->n);
	gp_index ai;
	if (ct) {
		ai = country_actor(c, ct->alpha3, strlen(ct->alpha3), at);
	} else {
		ai = gp__actor_ref(ds, name->p, name->n, at);
		if (ai != GP_NONE && !ds->actors.v[ai].defined) {
			ds->actors.v[ai].kind = GP_KIND_COUNTRY;
			ds->actors.v[ai].defined = 1;
		}
	}
	char *key = gp__arena_strndup(&ds->arena, name->p, name->n);
	if (ai == GP_NONE || !key || gp__strmap_put(&ds->country_names, key, name->n, ai)) {
		c->oom = 1;
		return GP_NONE;
	}
	return ai;
}

static gp_index icews_actor(tctx *c, const field *name, const field *sectors, const field *country,
			    gp_loc at)
{
	gp_dataset *ds = c->ds;
	if (is_na(name)) {
		return is_na(country) ? GP_NONE : icews_country(c, country, at);
	}
	if (!is_na(country) && name->n == country->n && memcmp(name->p, country->p, name->n) == 0) {
		return icews_country(c, country, at);
	}
	gp_index a = gp__actor_ref(ds, name->p, name->n, at);
	c->oom |= a == GP_NONE;
	if (a == GP_NONE || ds->actors.v[a].defined) {
		return a;
	}
	gp_index ctry = is_na(country) ? GP_NONE : icews_country(c, country, at);
	gp_actor *ac = &ds->actors.v[a];
	ac->defined = 1;
	ac->kind = icews_kind(sectors);
	if (ctry != GP_NONE) {
		gp_membership m = { ctry, GP_TIME_MIN, GP_TIME_MAX };
		ac->member_off = (uint32_t)ds->members.n;
		ac->n_members = 1;
		if (GP_VEC_PUSH(ds->members, m) || GP_VEC_PUSH(ds->member_loc, at)) {
			c->oom = 1;
			return GP_NONE;
		}
	}
	return a;
}

static int icews_row(tctx *c, const char *line, size_t len, gp_sbuf *title, gp_sbuf *attrs)
{
	field f[MAX_FIELDS + 1];
	size_t nf = split(line, len, f);
	gp_dataset *ds = c->ds;
	gp_loc at = { c->file, (uint32_t)c->line_no, 1 };
	if (nf != 20) {
		row_error(c, NULL, NULL, "expected 20 tab-separated columns (ICEWS), found %zu", nf);
		return GP_OK;
	}
	gp_row_event ev;
	static const row_columns cols = { icews_names, I_ID, I_DATE, I_INTENSITY, I_CAMEO, "YYYY-MM-DD" };
	if (row_common(c, f, &cols, &ev)) {
		return GP_OK;
	}
	const field *code = &f[I_CAMEO];
	gp_index a1 = icews_actor(c, &f[I_SNAME], &f[I_SSECTORS], &f[I_SCOUNTRY], at);
	gp_index a2 = icews_actor(c, &f[I_TNAME], &f[I_TSECTORS], &f[I_TCOUNTRY], at);
	if (!place_actors(&ev, a1, a2)) {
		return GP_OK;
	}
	ev.seq = digits_value(&f[I_ID]); /* input order: see gdelt_row */
	memcpy(ev.cameo, code->p, code->n < 4 ? code->n : 4);
	char id[48];
	snprintf(id, sizeof(id), "icews-%.*s", (int)(f[I_ID].n < 30 ? f[I_ID].n : 30), f[I_ID].p);
	ev.id = id;
	ev.at = at;
	if (!ds->sink && !ds->compact_rows) {
		gp_index src = ev.n_source ? ev.actor[0] : GP_NONE;
		gp_index tgt = ev.n_source ? ev.actor[1] : ev.actor[0];
		make_title(title, ds, f[I_TEXT].p, f[I_TEXT].n, src, tgt);
		ev.title = title->s;
		/* The publisher is the citation: one source entry per publisher. */
		if (!is_na(&f[I_PUBLISHER])) {
			char key[300];
			snprintf(key, sizeof(key), "icews:%.*s", (int)(f[I_PUBLISHER].n < 280 ? f[I_PUBLISHER].n : 280),
				 f[I_PUBLISHER].p);
			ev.cite = gp__cite_ref(ds, key, strlen(key), (gp_loc){ 0, 0, 0 });
			if (ev.cite != GP_NONE && !ds->cites.v[ev.cite].title) {
				ds->cites.v[ev.cite].publisher =
					gp__arena_strndup(&ds->arena, f[I_PUBLISHER].p, f[I_PUBLISHER].n);
				ds->cites.v[ev.cite].title = ds->cites.v[ev.cite].publisher;
				ds->cite_info.v[ev.cite].defined = 1;
			}
			c->oom |= ev.cite == GP_NONE || !ds->cites.v[ev.cite].title;
		}
		attrs->n = 0;
		gp__sb_printf(attrs, "{\"cameo\":\"%.*s\",\"story_id\":\"%.*s\"}", (int)code->n, code->p,
			      (int)(all_digits(&f[I_STORY]) ? f[I_STORY].n : 0), f[I_STORY].p);
		ev.attributes = attrs->s;
		if (title->oom || attrs->oom) {
			return GP_ENOMEM;
		}
	}
	return gp__dataset_add_row(ds, &ev);
}

/* ----------------------------------------------------------------- load */

int gp__load_tabular(gp_dataset *ds, gp_input *in, const char *fname, uint32_t file, int fmt,
		     gp_diag_sink *sink)
{
	tctx c = { ds, sink, fname, file, 0, NULL, 0, calloc(30000, sizeof(uint32_t)),
		   calloc(CODE_SLOTS, sizeof(struct code_slot)), 0 };
	gp_sbuf title = { 0 }, attrs = { 0 };
	if (!c.type_of || !c.codes) {
		free(c.type_of), free(c.codes);
		return GP_ENOMEM;
	}
	char *line;
	ssize_t n;
	int rc = GP_OK;
	while (rc == GP_OK && (n = gp__input_line(in, &line)) >= 0) {
		c.line_no = in->line_no;
		c.line = line;
		c.bad = 0;
		if (n == 0) {
			continue;
		}
		if (fmt == GP_INPUT_ICEWS) {
			if (c.line_no == 1 && n >= 9 && memcmp(line, "Event ID\t", 9) == 0) {
				continue; /* the header row */
			}
			rc = icews_row(&c, line, (size_t)n, &title, &attrs);
		} else {
			rc = gdelt_row(&c, line, (size_t)n, &title, &attrs);
		}
		if (c.bad && ds->skip_bad) {
			ds->skipped_rows++;
		}
		if (rc == GP_OK && c.oom) {
			rc = GP_ENOMEM; /* a row read with less than it holds would be wrong output */
		}
	}
	free(title.s);
	free(attrs.s);
	free(c.type_of);
	free(c.codes);
	if (rc == GP_OK && in->err) {
		return gp__input_failed(sink, fname, "read error", in->err);
	}
	return rc;
}
