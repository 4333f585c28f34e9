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
#include "fields.h"
#include "tabular.h"

typedef struct {
	gp_dataset *ds;
	gp_diag_sink *sink;
	const char *fname;
	uint32_t file;
	unsigned long line_no;
	const char *line;
	int bad;                 /* the current row was reported */
	int ascii;               /* the current row is plain ASCII without NUL */
	uint32_t *type_of;       /* code_type's table: 0 unknown yet, else type + 1 */
	struct code_slot *codes; /* actor_by_code's cache */
	int oom;                 /* an allocation failed: the load ends with GP_ENOMEM */
	int plain;               /* streamed from a plain file: URLs are left there (url_pos) */
	uint64_t line_pos;       /* the current line's byte in the file */
} tctx;

/*
 * Actor codes are few and Zipf-distributed: a direct-mapped cache of code
 * bytes to actor index answers most rows without a string-map probe. The
 * fuzz build makes it small (GP_CODE_BITS): 256 KB to allocate for each
 * file read is most of the time of a small file under ASan.
 */
#ifdef GP_CODE_BITS
#define CODE_BITS GP_CODE_BITS
#else
#define CODE_BITS 13
#endif
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
	*slot = (size_t)(((w[0] ^ (w[1] * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL) >>
			 (64 - CODE_BITS));
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

/*
 * ds->code_map (dataset_impl.h): the entry of the code in w (n bytes), or
 * the empty slot where it goes. The map has room (cap > 0).
 */
static gp_code_entry *code_map_slot(const gp_code_map *m, const uint64_t w[2], size_t n)
{
	size_t mask = m->cap - 1;
	for (size_t j = gp__mix64(w[0] ^ gp__mix64(w[1])) & mask;; j = (j + 1) & mask) {
		gp_code_entry *e = &m->v[j];
		if (e->len == 0 || (e->len == n && e->w[0] == w[0] && e->w[1] == w[1])) {
			return e;
		}
	}
}

/* The actor the code maps to, or GP_NONE: not read yet. */
static gp_index code_map_get(const gp_code_map *m, const uint64_t w[2], size_t n)
{
	const gp_code_entry *e = m->cap ? code_map_slot(m, w, n) : NULL;
	return e && e->len ? e->actor : GP_NONE;
}

/* Map a new code to actor a; 0, or -1 out of memory. */
static int code_map_put(gp_code_map *m, const uint64_t w[2], size_t n, gp_index a)
{
	if (4 * (m->n + 1) > 3 * m->cap) { /* at most three quarters full */
		gp_code_map g = { calloc(m->cap ? 2 * m->cap : 1024, sizeof(gp_code_entry)), 0,
				  m->cap ? 2 * m->cap : 1024, m->on };
		if (!g.v) {
			return -1;
		}
		for (size_t i = 0; i < m->cap; i++) {
			if (m->v[i].len) {
				*code_map_slot(&g, m->v[i].w, m->v[i].len) = m->v[i];
			}
		}
		g.n = m->n;
		free(m->v);
		*m = g;
	}
	gp_code_entry *e = code_map_slot(m, w, n);
	e->w[0] = w[0], e->w[1] = w[1], e->len = (uint32_t)n, e->actor = a;
	m->n++;
	return 0;
}

/* GDELT column numbers (0-based), the same in 1.0 and 2.0 up to AvgTone. */
enum {
	G_ID = 0,
	G_SQLDATE = 1,
	G_A1CODE = 5,
	G_A1NAME = 6,
	G_A1COUNTRY = 7,
	G_A2CODE = 15,
	G_A2NAME = 16,
	G_A2COUNTRY = 17,
	G_EVENTCODE = 26,
	G_ROOTCODE = 28,
	G_QUAD = 29,
	G_GOLDSTEIN = 30,
	G_NUMMENTIONS = 31,
	G_AVGTONE = 34
};
static const char *const gdelt_names[] = {
	[G_ID] = "GLOBALEVENTID",
	[G_SQLDATE] = "SQLDATE",
	[G_A1CODE] = "Actor1Code",
	[G_A1NAME] = "Actor1Name",
	[G_A1COUNTRY] = "Actor1CountryCode",
	[G_A2CODE] = "Actor2Code",
	[G_A2NAME] = "Actor2Name",
	[G_A2COUNTRY] = "Actor2CountryCode",
	[G_EVENTCODE] = "EventCode",
	[G_ROOTCODE] = "EventRootCode",
	[G_QUAD] = "QuadClass",
	[G_GOLDSTEIN] = "GoldsteinScale",
};

enum {
	I_ID = 0,
	I_DATE = 1,
	I_SNAME = 2,
	I_SSECTORS = 3,
	I_SCOUNTRY = 4,
	I_TEXT = 5,
	I_CAMEO = 6,
	I_INTENSITY = 7,
	I_TNAME = 8,
	I_TSECTORS = 9,
	I_TCOUNTRY = 10,
	I_STORY = 11,
	I_PUBLISHER = 13
};
static const char *const icews_names[] = {
	"Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
	"Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
	"Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
	"District",       "Province",   "Country",         "Latitude",       "Longitude",
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

const char *gp__input_describe(const char *p, size_t len, int *kind)
{
	size_t i = len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && (unsigned char)p[i] <= ' ') {
		i++;
	}
	if (i < len && (p[i] == '{' || p[i] == '[')) {
		*kind = GP_INPUT_JSON;
		return "JSON";
	}
	*kind = gp__tabular_detect(p, len);
	if (*kind == GP_INPUT_ICEWS) {
		return "an ICEWS file";
	}
	if (*kind == GP_INPUT_GDELT) {
		const char *nl = memchr(p, '\n', len);
		size_t n = nl ? (size_t)(nl - p) : len, tabs = 0;
		for (size_t k = 0; k < n; k++) {
			tabs += p[k] == '\t';
		}
		return tabs == 60 ? "a GDELT 2.0 export" : "a GDELT 1.0 export";
	}
	return NULL;
}

/*
 * A file of another known kind than the one asked for gets one message, not
 * one per row. Only at the start of a file: a range of one (-j) has no header.
 */
static int wrong_kind(gp_input *in, const char *fname, int fmt, gp_diag_sink *sink)
{
	size_t len;
	const char *p = gp__input_peek(in, &len);
	int kind;
	const char *what = in->pos == 0 ? gp__input_describe(p, len, &kind) : NULL;
	if (!what || kind == fmt) {
		return 0;
	}
	const char *name = kind == GP_INPUT_GDELT   ? "gdelt"
			   : kind == GP_INPUT_ICEWS ? "icews"
						    : "auto";
	gp__diag(sink, GP_SEV_ERROR, fname, 0, 0,
		 "this is %s, not %s; read it as '%s' (geopol import %s, or --input-format %s)",
		 what, fmt == GP_INPUT_ICEWS ? "an ICEWS file" : "a GDELT export", name, name,
		 name);
	return 1;
}

GP_PRINTF(4, 5)
static void row_error(tctx *c, const field *at, const char *column, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	gp__vsnprintf_c(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->bad = 1;
	if (c->ds->skip_bad) {
		return;
	}
	unsigned long col =
		at ? (unsigned long)gp__utf8_count(c->line, (size_t)(at->p - c->line)) + 1 : 1;
	if (column) {
		gp__diag(c->sink, GP_SEV_ERROR, c->fname, c->line_no, col, "column '%s': %s",
			 column, msg);
	} else {
		gp__diag(c->sink, GP_SEV_ERROR, c->fname, c->line_no, col, "%s", msg);
	}
}

/* CAMEO event code to a geopol type: a few codes have a type of their own. */
static const char *cameo_type(const char *code, size_t n)
{
	static const struct {
		const char *code, *type;
	} specific[] = {
		{ "042", "visit" },      { "043", "visit" },     { "044", "meeting" },
		{ "046", "talks" },      { "057", "agreement" }, { "0871", "ceasefire" },
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
	if (code->n < 2 || code->n > 4 || !gp__field_all_digits(code)) {
		return GP_NONE;
	}
	size_t slot = (code->n - 2) * 10000 + gp__field_digits_value(code);
	if (c->type_of[slot] == 0) {
		const char *name = cameo_type(code->p, code->n);
		gp_index t = name ? gp__type_ref(c->ds, name, strlen(name), (gp_loc){ 0, 0, 0 })
				  : GP_NONE;
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
	if (a == GP_NONE && slot != SIZE_MAX) {
		/* A code read as a country (gdelt_actor): an actor of that id would have led there. */
		a = code_map_get(&c->ds->code_map, w, n);
	}
	if (a != GP_NONE) {
		return a;
	}
	(void)at; /* defined at once: no mention to count for warnings */
	a = gp__actor_ref(c->ds, code, n, (gp_loc){ 0, 0, 0 });
	c->oom |= a == GP_NONE;
	remember_code(c, slot, w, n, a);
	if (a != GP_NONE && !c->ds->actors.v[a].defined) {
		const gp_country *ct = gp__country_by_code(code, n);
		const char *region = !ct && n == 3 ? role_label(code) : NULL;
		/* A CAMEO region (EUR, AFR) in the country column is a group, not a country. */
		c->oom |= gp__actor_set_imported(
				  c->ds, a, ct ? ct->names[0] /* static storage */ : region,
				  region ? GP_KIND_GROUP : GP_KIND_COUNTRY, GP_NONE, at) != 0;
	}
	return a;
}

/*
 * The kind of a GDELT actor, from the role parts of its code (USAGOV is an
 * agency): a function of the code alone, so every shard of a file agrees.
 */
static int gdelt_kind(const char *code, size_t n)
{
	static const char *const agency[] = { "GOV", "MIL", "COP", "JUD", "LEG",
					      "SPY", "ELI", "PTY", NULL };
	static const char *const org[] = { "BUS", "MNC", "MED", "EDU", "HLH", "NGO",
					   "NGM", "AGR", "LAB", "CRM", NULL };
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
		{ "AGR", "agriculture" },
		{ "BUS", "business" },
		{ "CHR", "Christian" },
		{ "COP", "police" },
		{ "CRM", "criminals" },
		{ "CVL", "civilians" },
		{ "DEV", "development" },
		{ "EDU", "education" },
		{ "ELI", "elites" },
		{ "ENV", "environmental" },
		{ "GOV", "government" },
		{ "HLH", "health" },
		{ "HRI", "human rights" },
		{ "IGO", "international organization" },
		{ "IMG", "immigrants" },
		{ "INS", "insurgents" },
		{ "JUD", "judiciary" },
		{ "LAB", "labor" },
		{ "LEG", "legislature" },
		{ "MED", "media" },
		{ "MIL", "military" },
		{ "MNC", "multinational corporation" },
		{ "MOD", "moderates" },
		{ "MUS", "Muslim" },
		{ "NGM", "non-governmental movement" },
		{ "NGO", "NGO" },
		{ "OPP", "opposition" },
		{ "PTY", "political party" },
		{ "RAD", "radicals" },
		{ "REB", "rebels" },
		{ "REF", "refugees" },
		{ "REL", "religious" },
		{ "SEP", "separatists" },
		{ "SET", "settlers" },
		{ "SPY", "intelligence" },
		{ "UAF", "armed forces (unaffiliated)" },
		{ "UIS", "unidentified state actor" },
		/* CAMEO regions */
		{ "AFR", "Africa" },
		{ "ASA", "Asia" },
		{ "BLK", "Balkans" },
		{ "CAU", "Caucasus" },
		{ "CAS", "Central Asia" },
		{ "CEU", "Central Europe" },
		{ "CFR", "Central Africa" },
		{ "EAF", "East Africa" },
		{ "EEU", "Eastern Europe" },
		{ "EUR", "Europe" },
		{ "LAM", "Latin America" },
		{ "MEA", "Middle East" },
		{ "MDT", "Mediterranean" },
		{ "NAF", "North Africa" },
		{ "NMR", "North America" },
		{ "PGS", "Persian Gulf" },
		{ "SAF", "Southern Africa" },
		{ "SAM", "South America" },
		{ "SAS", "South Asia" },
		{ "SCN", "Scandinavia" },
		{ "SEA", "Southeast Asia" },
		{ "WAF", "West Africa" },
		{ "WST", "the West" },
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
	char *s = b.oom ? NULL : gp__dataset_strdup(ds, b.s, b.n);
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
	/*
	 * A country graph of GDELT files (gp__dataset_set_code_map): a code read
	 * before maps to what its first row gave; a new one with a country column,
	 * and no actor of its id, is that country, as its actor would be drawn.
	 */
	gp_code_map *m = &ds->code_map;
	int mapped = m->on && slot != SIZE_MAX;
	if (mapped && (a = code_map_get(m, w, code->n)) != GP_NONE) {
		remember_code(c, slot, w, code->n, a);
		return a;
	}
	if (mapped && country->n && gp__strmap_get(&ds->actor_map, code->p, code->n) == GP_NONE) {
		a = country_actor(c, country->p, country->n, at);
		if (a != GP_NONE && code_map_put(m, w, code->n, a)) {
			c->oom = 1;
			return GP_NONE;
		}
		remember_code(c, slot, w, code->n, a);
		return a;
	}
	a = gp__actor_ref(ds, code->p, code->n, (gp_loc){ 0, 0, 0 });
	c->oom |= a == GP_NONE;
	if (a != GP_NONE && mapped && code_map_put(m, w, code->n, a)) {
		c->oom = 1;
		return GP_NONE;
	}
	if (a == GP_NONE || ds->actors.v[a].defined) {
		remember_code(c, slot, w, code->n, a);
		return a;
	}
	/* First sight: name, kind and country from this row. */
	gp_index ctry = country->n ? country_actor(c, country->p, country->n, at) : GP_NONE;
	char *s = code_name(c, code->p, code->n);
	if (!s && name->n) {
		s = gp__dataset_strdup(ds, name->p, name->n);
		c->oom |= !s;
	}
	if (gp__actor_set_imported(ds, a, s, gdelt_kind(code->p, code->n), ctry, at)) {
		c->oom = 1;
		return GP_NONE;
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

/* Limits of geopol files (load_json.c), so that what `geopol import` writes reads back. */
#define ID_MAX 256    /* ids: codes, ICEWS names and countries, citations */
#define TEXT_MAX 4096 /* names, titles, URLs */

/* "Make a visit: UNITED STATES → INDIA", cut as a title of geopol files must be. */
static void make_title(gp_sbuf *b, const gp_dataset *ds, const char *what, size_t wn, gp_index src,
		       gp_index tgt)
{
	b->n = 0;
	gp__sb_add(b, what, wn);
	gp__sb_puts(b, ": ");
	gp__sb_puts(b, src != GP_NONE ? actor_name(ds, src) : "(no source)");
	if (tgt != GP_NONE) {
		gp__sb_puts(b, " → ");
		gp__sb_puts(b, actor_name(ds, tgt));
	}
	if (b->n > TEXT_MAX && !b->oom) {
		size_t n = TEXT_MAX;
		while (n > 0 && (b->s[n] & 0xc0) == 0x80) {
			n--; /* between characters */
		}
		b->s[b->n = n] = '\0';
	}
}

/* Is the row plain ASCII without NUL, as most are? Its text then needs no UTF-8 check. */
static int plain_ascii(const char *p, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i zero = _mm_setzero_si128();
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* A high bit set: a byte of 0x80 or more, or a NUL (0xff from the compare). */
		if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)))) {
			return 0;
		}
	}
#endif
	for (; i < n; i++) {
		if (p[i] == '\0' || (unsigned char)p[i] >= 0x80) {
			return 0;
		}
	}
	return 1;
}

/* Is the text only white space (gp__is_blank)? Most text starts with a letter: no copy. */
static int blank(const field *f)
{
	char buf[TEXT_MAX + 1];
	unsigned char first = f->n ? (unsigned char)f->p[0] : 0;
	if (f->n == 0 || (first > ' ' && first < 0x80) || f->n > TEXT_MAX) {
		return 0;
	}
	memcpy(buf, f->p, f->n);
	buf[f->n] = '\0';
	return gp__is_blank(buf);
}

/*
 * Text a row gives geopol (ids, names, titles, URLs) must be what geopol
 * files may hold: UTF-8 without NUL, at most `max` bytes, not only white
 * space; or what `geopol import` writes would not read back. An empty field
 * is an absent value. Checked whether or not this reading keeps the text, so
 * that a row is equally valid for every command.
 */
static void check_text(tctx *c, const field *f, const char *column, size_t max)
{
	size_t bad = c->ascii ? f->n : gp__utf8_check((const unsigned char *)f->p, f->n);
	const char *nul = c->ascii ? NULL : memchr(f->p, '\0', bad);
	if (nul || bad < f->n) {
		field at = { nul ? nul : f->p + bad, 1 };
		row_error(c, &at, column,
			  "invalid UTF-8 (byte 0x%02x); geopol text is UTF-8 without NUL",
			  (unsigned char)*at.p);
	} else if (f->n > max) {
		row_error(c, f, column, "too long (%zu bytes; at most %zu)", f->n, max);
	} else if (blank(f)) {
		row_error(c, f, column, "blank (only white space)");
	}
}

static void check_texts(tctx *c, const field *f, const uint8_t *cols, size_t n,
			const char *const *names, size_t max)
{
	for (size_t i = 0; i < n; i++) {
		check_text(c, &f[cols[i]], names[cols[i]], max);
	}
}

/*
 * A kept row's id must be new: an id is unique across all inputs (DESIGN
 * §1), and `geopol import` must write what it reads back. A repeated row
 * (an export read twice) is a malformed row, reported at the later one.
 * Rows streamed into a graph or kept compactly are not checked: that would
 * take memory per row.
 */
static void check_new_id(tctx *c, const field *f, const char *column, const char *id)
{
	gp_index prev = gp__event_lookup(c->ds, id, strlen(id));
	if (prev != GP_NONE) {
		gp_loc at = gp__event_loc(c->ds, prev);
		if (at.line == 0) { /* a row whose line was not kept */
			row_error(c, f, column, "duplicate event id '%s' (an earlier row has it)",
				  id);
			return;
		}
		row_error(c, f, column, "duplicate event id '%s' (first defined at %s%sline %lu)",
			  id, at.file == c->file ? "" : gp_dataset_file_name(c->ds, at.file),
			  at.file == c->file ? "" : ", ", (unsigned long)at.line);
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
	ev->url_pos = UINT64_MAX;
	const field *id = &f[k->id], *date = &f[k->date], *w = &f[k->weight], *code = &f[k->code];
	if (!gp__field_row_id_ok(id)) {
		row_error(c, id, k->names[k->id],
			  "expected a number of at most %d digits, got '%.*s'", GP_IMPORTED_DIGITS,
			  (int)id->n, id->p);
	}
	if (gp__field_day_date(date, &ev->date)) {
		row_error(c, date, k->names[k->date], "invalid date '%.*s' (expected %s)",
			  (int)date->n, date->p, k->date_form);
	}
	if (gp__field_number(w, &ev->weight) || ev->weight < -10 || ev->weight > 10) {
		row_error(c, w, k->names[k->weight], "expected a number from -10 to 10, got '%.*s'",
			  (int)w->n, w->p);
	}
	ev->type = code_type(c, code);
	if (ev->type == GP_NONE) {
		row_error(c, code, k->names[k->code], "expected a CAMEO event code, got '%.*s'",
			  (int)code->n, code->p);
	}
	return c->bad;
}

/* --------------------------------------------------------------- GDELT */

static int gdelt_row(tctx *c, const char *line, size_t len, gp_sbuf *title, gp_sbuf *attrs)
{
	field f[MAX_FIELDS + 1];
	/* The columns read below; kept events also SOURCEURL, the last. */
	static const uint8_t used[] = { G_ID,        G_SQLDATE, G_A1CODE,    G_A1NAME,
					G_A1COUNTRY, G_A2CODE,  G_A2NAME,    G_A2COUNTRY,
					G_EVENTCODE, G_QUAD,    G_GOLDSTEIN, G_NUMMENTIONS,
					G_AVGTONE };
	size_t nf = gp__fields_split_cols(line, len, f, used, sizeof(used), G_AVGTONE + 1);
	gp_dataset *ds = c->ds;
	gp_loc at = { c->file, (uint32_t)c->line_no, 1 };
	if (nf != 57 && nf != 58 && nf != 61) {
		row_error(
			c, NULL, NULL,
			"expected 58 or 57 tab-separated columns (GDELT 1.0) or 61 (GDELT 2.0), found %zu",
			nf);
		return GP_OK;
	}
	gp_row_event ev;
	static const row_columns cols = { gdelt_names, G_ID,        G_SQLDATE,
					  G_GOLDSTEIN, G_EVENTCODE, "YYYYMMDD" };
	static const uint8_t ids[] = { G_A1CODE, G_A1COUNTRY, G_A2CODE, G_A2COUNTRY };
	static const uint8_t text[] = { G_A1NAME, G_A2NAME };
	check_texts(c, f, ids, sizeof(ids), gdelt_names, ID_MAX);
	check_texts(c, f, text, sizeof(text), gdelt_names, TEXT_MAX);
	if (nf != 57) {
		check_text(c, &f[nf - 1], "SOURCEURL", TEXT_MAX);
	}
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
	ev.seq = gp__field_digits_value(&f[G_ID]);
	memcpy(ev.cameo, code->p, code->n < 4 ? code->n : 4);
	char id[GP_IMPORTED_ID_MAX];
	if (gp__dataset_checks_row_ids(ds)) {
		gp__imported_id_text(0, ev.seq, id);
		ev.id = id;
		check_new_id(c, &f[G_ID], gdelt_names[G_ID], id);
		if (c->bad) {
			return GP_OK;
		}
	} else {
		ev.id = "gdelt-"; /* streamed: the number is ev.seq */
	}
	ev.at = at;
	/* Kept events and streamed rows (edges' sources) get the URL. */
	if (nf != 57 && f[nf - 1].n) {
		ev.url = f[nf - 1].p; /* SOURCEURL: the last column, ends the line */
		if (c->plain) {
			ev.url_pos = c->line_pos + (uint64_t)(ev.url - line);
		}
	}
	if (gp__dataset_keeps_rows(ds, 0)) {
		/* Kept events get a title and the row's codes. */
		const char *label = gp__cameo_label(code->p, code->n);
		char what[160];
		snprintf(what, sizeof(what), "%s",
			 label ? label : gp_dataset_type(ds, ev.type)->label);
		gp_index src = ev.n_source ? ev.actor[0] : GP_NONE;
		gp_index tgt = ev.n_source ? ev.actor[1] : ev.actor[0];
		make_title(title, ds, what, strlen(what), src, tgt);
		ev.title = title->s;
		attrs->n = 0;
		gp__sb_printf(
			attrs,
			"{\"cameo\":\"%.*s\",\"quad_class\":%.*s,\"num_mentions\":%.*s,\"avg_tone\":%.*s}",
			(int)code->n, code->p, (int)f[G_QUAD].n, f[G_QUAD].p,
			(int)f[G_NUMMENTIONS].n, f[G_NUMMENTIONS].p, (int)f[G_AVGTONE].n,
			f[G_AVGTONE].p);
		/* Only numbers that JSON accepts go in as they are (a count: whole ones). */
		if (!gp__field_json_number(&f[G_QUAD]) || !gp__field_all_digits(&f[G_QUAD]) ||
		    !gp__field_json_number(&f[G_NUMMENTIONS]) ||
		    !gp__field_all_digits(&f[G_NUMMENTIONS]) ||
		    !gp__field_json_number(&f[G_AVGTONE])) {
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
		{ "Government", GP_KIND_AGENCY },
		{ "Executive", GP_KIND_AGENCY },
		{ "Military", GP_KIND_AGENCY },
		{ "Police", GP_KIND_AGENCY },
		{ "Legislative", GP_KIND_AGENCY },
		{ "Judicial", GP_KIND_AGENCY },
		{ "Ministry", GP_KIND_AGENCY },
		{ "Business", GP_KIND_ORGANIZATION },
		{ "Media", GP_KIND_ORGANIZATION },
		{ "Education", GP_KIND_ORGANIZATION },
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
			c->oom |= gp__actor_set_imported(ds, ai, NULL, GP_KIND_COUNTRY, GP_NONE,
							 at) != 0;
		}
	}
	char *key = gp__dataset_strdup(ds, name->p, name->n);
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
	if (gp__field_is_na(name)) {
		return gp__field_is_na(country) ? GP_NONE : icews_country(c, country, at);
	}
	if (!gp__field_is_na(country) && name->n == country->n &&
	    memcmp(name->p, country->p, name->n) == 0) {
		return icews_country(c, country, at);
	}
	gp_index a = gp__actor_ref(ds, name->p, name->n, at);
	c->oom |= a == GP_NONE;
	if (a == GP_NONE || ds->actors.v[a].defined) {
		return a;
	}
	gp_index ctry = gp__field_is_na(country) ? GP_NONE : icews_country(c, country, at);
	if (gp__actor_set_imported(ds, a, NULL, icews_kind(sectors), ctry, at)) {
		c->oom = 1;
		return GP_NONE;
	}
	return a;
}

static int icews_row(tctx *c, const char *line, size_t len, gp_sbuf *title, gp_sbuf *attrs)
{
	field f[MAX_FIELDS + 1];
	size_t nf = gp__fields_split(line, len, f);
	gp_dataset *ds = c->ds;
	gp_loc at = { c->file, (uint32_t)c->line_no, 1 };
	if (nf != 20) {
		row_error(c, NULL, NULL, "expected 20 tab-separated columns (ICEWS), found %zu",
			  nf);
		return GP_OK;
	}
	gp_row_event ev;
	static const row_columns cols = { icews_names, I_ID,    I_DATE,
					  I_INTENSITY, I_CAMEO, "YYYY-MM-DD" };
	static const uint8_t ids[] = { I_SNAME, I_SCOUNTRY, I_TNAME, I_TCOUNTRY };
	static const uint8_t text[] = { I_TEXT, I_PUBLISHER };
	check_texts(c, f, ids, sizeof(ids), icews_names, ID_MAX);
	check_texts(c, f, text, sizeof(text), icews_names, TEXT_MAX);
	if (row_common(c, f, &cols, &ev)) {
		return GP_OK;
	}
	const field *code = &f[I_CAMEO];
	gp_index a1 = icews_actor(c, &f[I_SNAME], &f[I_SSECTORS], &f[I_SCOUNTRY], at);
	gp_index a2 = icews_actor(c, &f[I_TNAME], &f[I_TSECTORS], &f[I_TCOUNTRY], at);
	if (!place_actors(&ev, a1, a2)) {
		return GP_OK;
	}
	ev.seq = gp__field_digits_value(&f[I_ID]); /* input order: see gdelt_row */
	memcpy(ev.cameo, code->p, code->n < 4 ? code->n : 4);
	char id[GP_IMPORTED_ID_MAX];
	gp__imported_id_text(1, ev.seq, id);
	ev.id = id;
	ev.at = at;
	if (gp__dataset_keeps_rows(ds, 1)) {
		check_new_id(c, &f[I_ID], icews_names[I_ID], id);
		if (c->bad) {
			return GP_OK;
		}
	}
	/* Kept events and streamed rows (edges' sources) cite the publisher. */
	if (gp__dataset_keeps_rows(ds, 1) || ds->sink) {
		/* The publisher is the citation: one source entry per publisher. */
		if (!gp__field_is_na(&f[I_PUBLISHER])) {
			/* The id: "icews:" and the name, cut to ID_MAX bytes between characters. */
			const field *pub = &f[I_PUBLISHER];
			size_t kn = pub->n < ID_MAX - 6 ? pub->n : ID_MAX - 6;
			while (kn < pub->n && kn > 0 && (pub->p[kn] & 0xc0) == 0x80) {
				kn--;
			}
			char key[300];
			snprintf(key, sizeof(key), "icews:%.*s", (int)kn, pub->p);
			ev.cite = gp__cite_ref(ds, key, strlen(key), (gp_loc){ 0, 0, 0 });
			c->oom |= ev.cite == GP_NONE;
			if (ev.cite != GP_NONE &&
			    gp__cite_set_imported(ds, ev.cite, f[I_PUBLISHER].p,
						  f[I_PUBLISHER].n)) {
				return GP_ENOMEM;
			}
		}
	}
	if (gp__dataset_keeps_rows(ds, 1)) {
		gp_index src = ev.n_source ? ev.actor[0] : GP_NONE;
		gp_index tgt = ev.n_source ? ev.actor[1] : ev.actor[0];
		make_title(title, ds, f[I_TEXT].p, f[I_TEXT].n, src, tgt);
		ev.title = title->s;
		attrs->n = 0;
		gp__sb_printf(attrs, "{\"cameo\":\"%.*s\",\"story_id\":\"%.*s\"}", (int)code->n,
			      code->p, (int)(gp__field_all_digits(&f[I_STORY]) ? f[I_STORY].n : 0),
			      f[I_STORY].p);
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
	tctx c = { ds,
		   sink,
		   fname,
		   file,
		   0,
		   NULL,
		   0,
		   0,
		   calloc(30000, sizeof(uint32_t)),
		   calloc(CODE_SLOTS, sizeof(struct code_slot)),
		   0,
		   0,
		   0 };
	gp_sbuf title = { 0 }, attrs = { 0 };
	if (!c.type_of || !c.codes) {
		free(c.type_of), free(c.codes);
		return GP_ENOMEM;
	}
	char *line;
	ssize_t n;
	int rc = GP_OK;
	if (wrong_kind(in, fname, fmt, sink)) {
		free(c.type_of), free(c.codes);
		return GP_OK; /* the error counted in sink makes the load invalid */
	}
	/*
	 * A graph streamed from a plain file reads its rows' URLs back from it
	 * (stream.c); not from standard input, even a file's: it has no name to
	 * open again, and it may not start at the file's start.
	 */
	c.plain = ds->sink && strcmp(fname, "-") != 0 && gp__input_plain_size(in) >= 0;
	if (c.plain && gp__dataset_stamp_file(ds, file, in->fd)) {
		free(c.type_of), free(c.codes);
		return GP_ENOMEM;
	}
	while (rc == GP_OK && (n = gp__input_line(in, &line)) >= 0) {
		c.line_no = in->line_no;
		c.line_pos = in->line_pos;
		c.line = line;
		c.bad = 0;
		c.ascii = plain_ascii(line, (size_t)n);
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
			gp__dataset_row_skipped(ds);
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
		return gp__input_failed(sink, fname, "read error", in->err, gp__input_strerror(in));
	}
	return rc;
}
