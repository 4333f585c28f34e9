/*
 * test_tabular.c - src/fields.c and src/tabular.c: GDELT and ICEWS rows cut
 * into fields, the values read from fields (dates, numbers, ids), the
 * formats told apart by their first line, and what a row becomes once
 * loaded: actors with their countries, CAMEO regions, event types from
 * CAMEO codes, titles, citations. Malformed rows are test_rows.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "harness.h"
#include "model.h" /* white-box: the fields behind gp_actor_*() and gp_event_*() */
#include "tabular.h"

#define REAL "tests/data/real/"

/* ------------------------------------------------------------- splitting */

/* A field's bytes as a string in buf (cut to size), for EXPECT_STR. */
static const char *field_text(const field *f, char *buf, size_t size)
{
	snprintf(buf, size, "%.*s", (int)f->n, f->p);
	return buf;
}

/* Rows cut at every tab: empty fields, and a tab at either end, are fields. */
static void test_split_fields(void)
{
	static const struct {
		const char *line;
		size_t count;
		const char *fields[5];
	} cases[] = {
		{ "a\tb\tc", 3, { "a", "b", "c" } },
		{ "", 1, { "" } },
		{ "no tabs at all", 1, { "no tabs at all" } },
		{ "\t", 2, { "", "" } },
		{ "a\t\tb", 3, { "a", "", "b" } },
		{ "a\tb\t", 3, { "a", "b", "" } }, /* a line ending in a tab: an empty last field */
		{ "\t\tz", 3, { "", "", "z" } },
		{ "GLOBALEVENTID\tSQLDATE\t\t\t\tActor1Code\t",
		  7,
		  { "GLOBALEVENTID", "SQLDATE", "", "", "" } },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		field f[MAX_FIELDS + 1];
		char buf[64];
		size_t n = gp__fields_split(cases[i].line, strlen(cases[i].line), f);
		EXPECT_I64(n, cases[i].count);
		for (size_t k = 0; k < n && k < 5 && cases[i].fields[k]; k++) {
			EXPECT_STR(field_text(&f[k], buf, sizeof(buf)), cases[i].fields[k]);
		}
	}
}

/* The fields of a line cut one byte at a time: what the fast split must agree with. */
static size_t reference_split(const char *line, size_t len, size_t *start, size_t *n)
{
	size_t count = 0, from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || line[i] == '\t') {
			start[count] = from;
			n[count++] = i - from;
			from = i + 1;
		}
	}
	return count;
}

/*
 * Lines of every length up to 300 bytes, with tabs (one byte in 2, 5 or 8,
 * at pseudo-random places) that fall anywhere in the 8-, 16- and 32-byte
 * blocks the split reads at once, next to each other or at either end: all
 * fields, then only some columns (sorted) and the last, with tabs past
 * `upto` only counted, as the GDELT reader asks. Past MAX_FIELDS fields are
 * no longer filled, but the counts stay exact.
 */
static void test_split_against_reference(void)
{
	static char line[300];
	static const uint8_t cols[] = { 0, 1, 5, 26, 34 };
	size_t start[301], len[301];
	unsigned failures = 0;
	for (size_t size = 0; size <= sizeof(line); size++) {
		for (unsigned every = 2; every <= 8; every += 3) {
			uint32_t x = 2463534242u + (uint32_t)(size * 8 + every);
			for (size_t i = 0; i < size; i++) {
				x ^= x << 13, x ^= x >> 17, x ^= x << 5;
				line[i] = x % every == 0 ? '\t' : (char)('a' + i % 26);
			}
			size_t want = reference_split(line, size, start, len);
			field all[MAX_FIELDS + 1], some[MAX_FIELDS + 1];
			size_t got_all = gp__fields_split(line, size, all);
			size_t got_some =
				gp__fields_split_cols(line, size, some, cols, sizeof(cols), 35);
			int ok = got_all == want && got_some == want;
			for (size_t k = 0; ok && want <= MAX_FIELDS && k < want; k++) {
				ok = all[k].p == line + start[k] && all[k].n == len[k];
			}
			for (size_t j = 0; ok && want <= MAX_FIELDS && j < sizeof(cols); j++) {
				size_t k = cols[j];
				ok = k >= want ||
				     (some[k].p == line + start[k] && some[k].n == len[k]);
			}
			if (ok && want <= MAX_FIELDS) {
				ok = some[want - 1].p == line + start[want - 1] &&
				     some[want - 1].n == len[want - 1];
			}
			if (!ok && failures++ < 5) {
				fprintf(stderr,
					"\n  split of %zu bytes (a tab in %u): %zu and %zu fields, want %zu",
					size, every, got_all, got_some, want);
			}
		}
	}
	EXPECT_I64(failures, 0);
}

/* A row of `fields` fields "0", "1", ... joined by tabs, in buf; its length. */
static size_t numbered_row(char *buf, size_t size, size_t fields)
{
	size_t n = 0;
	for (size_t k = 0; k < fields; k++) {
		n += (size_t)snprintf(buf + n, size - n, "%s%zu", k ? "\t" : "", k);
	}
	return n;
}

/* MAX_FIELDS fields are held; one more is too many to hold, but still counted. */
static void test_split_too_many_fields(void)
{
	static char row[2048];
	field f[MAX_FIELDS + 1];
	char buf[16];
	size_t n = numbered_row(row, sizeof(row), MAX_FIELDS);
	EXPECT_I64(gp__fields_split(row, n, f), MAX_FIELDS);
	EXPECT_STR(field_text(&f[0], buf, sizeof(buf)), "0");
	EXPECT_STR(field_text(&f[MAX_FIELDS - 1], buf, sizeof(buf)), "63");
	n = numbered_row(row, sizeof(row), MAX_FIELDS + 1);
	EXPECT_I64(gp__fields_split(row, n, f), MAX_FIELDS + 1);
	n = numbered_row(row, sizeof(row), 200);
	EXPECT_I64(gp__fields_split(row, n, f), 200);
	/* Only columns 0 and 1 wanted, tabs past the fourth counted: the count is exact. */
	static const uint8_t cols[] = { 0, 1 };
	EXPECT_I64(gp__fields_split_cols(row, n, f, cols, 2, 4), 200);
	n = numbered_row(row, sizeof(row), 61); /* GDELT 2.0 */
	EXPECT_I64(gp__fields_split_cols(row, n, f, cols, 2, 4), 61);
	EXPECT_STR(field_text(&f[1], buf, sizeof(buf)), "1");
	EXPECT_STR(field_text(&f[60], buf, sizeof(buf)), "60"); /* the last, after counted tabs */
}

/* ---------------------------------------------------------------- values */

static field field_of(const char *s)
{
	field f = { s, strlen(s) };
	return f;
}

/* GDELT's YYYYMMDD and ICEWS's YYYY-MM-DD: whole days, checked against the calendar. */
static void test_day_date(void)
{
	static const struct {
		const char *text;
		int64_t y;
		unsigned m, d; /* 0: invalid */
	} cases[] = {
		{ "20250806", 2025, 8, 6 },
		{ "2025-08-06", 2025, 8, 6 },
		{ "20240229", 2024, 2, 29 },
		{ "2000-02-29", 2000, 2, 29 },
		{ "00010101", 1, 1, 1 },
		{ "9999-12-31", 9999, 12, 31 },
		{ "20230229", 0, 0, 0 },
		{ "1900-02-29", 0, 0, 0 },
		{ "20251301", 0, 0, 0 },
		{ "2025-00-10", 0, 0, 0 },
		{ "20250800", 0, 0, 0 },
		{ "2025-04-31", 0, 0, 0 },
		{ "2025/08/06", 0, 0, 0 },
		{ "2025-0806", 0, 0, 0 },
		{ "202508061", 0, 0, 0 },
		{ "2025080", 0, 0, 0 },
		{ "2025080a", 0, 0, 0 },
		{ "2025-08-0x", 0, 0, 0 },
		{ "20250-8-06", 0, 0, 0 },
		{ "+2025080", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ "2025-08-06T00", 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		field f = field_of(cases[i].text);
		gp_date d;
		memset(&d, 0x55, sizeof(d));
		int rc = gp__field_day_date(&f, &d);
		if (!cases[i].m) {
			if (rc != -1) {
				fprintf(stderr, "\n  '%s' read as a date", cases[i].text);
			}
			EXPECT_I64(rc, -1);
			continue;
		}
		/* The same day as a geopol file's "YYYY-MM-DD". */
		char iso[40];
		gp_date want;
		snprintf(iso, sizeof(iso), "%04d-%02u-%02u", (int)cases[i].y, cases[i].m,
			 cases[i].d);
		CU_ASSERT_FATAL(gp_date_parse(&want, iso, strlen(iso), NULL) == 0);
		EXPECT_I64(rc, 0);
		EXPECT_I64(d.start, gp_days_from_civil(cases[i].y, cases[i].m, cases[i].d) * 86400);
		EXPECT_I64(d.end, d.start + 86399);
		EXPECT_I64(d.precision, GP_PREC_DAY);
		EXPECT_TRUE(d.start == want.start && d.end == want.end &&
			    d.precision == want.precision && d.start_prec == want.start_prec &&
			    d.end_prec == want.end_prec && d.start_kind == want.start_kind &&
			    d.end_kind == want.end_kind && d.flags == want.flags);
	}
}

/* The number of a field, and whether gp__field_number took it. */
static int number_of(const char *text, double *out)
{
	field f = field_of(text);
	return gp__field_number(&f, out);
}

/* Does gp__field_number read `text` as exactly the double strtod reads? */
static int reads_as_strtod(const char *text)
{
	double got, want = strtod(text, NULL);
	int ok = number_of(text, &got) == 0 && memcmp(&got, &want, sizeof(got)) == 0;
	if (!ok) {
		fprintf(stderr, "\n  '%s': strtod says %.17g", text, want);
	}
	return ok;
}

/*
 * Plain decimals of up to 15 digits take a fast path that must give the
 * double strtod gives, bit for bit; longer ones and exponents go to strtod.
 */
static void test_number(void)
{
	static const char *const written[] = { "-2.5",
					       "10",
					       "0.1",
					       "3.4",
					       "-0",
					       "0",
					       "7.",
					       ".5",
					       "+1.9",
					       "-10.0",
					       "1.23456789012345",
					       "9.999999999999999",
					       "999999999999999",
					       "0.000000000000001",
					       "0.30000000000000004",
					       "1e1",
					       "2.5E-3",
					       "-1.5e+2",
					       "1234567890123456789",
					       "000000000000000001.5" };
	for (size_t i = 0; i < sizeof(written) / sizeof(written[0]); i++) {
		EXPECT_TRUE(reads_as_strtod(written[i]));
	}
	/* 20,000 decimals of 1 to 15 digits, the point anywhere: a fixed pseudo-random sequence. */
	unsigned failures = 0;
	uint64_t x = 88172645463325252ULL;
	for (int k = 0; k < 20000; k++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		int digits = 1 + (int)(x % 15), point = (int)((x >> 8) % (uint64_t)(digits + 1));
		char text[32], *p = text;
		*p++ = (x >> 20) & 1 ? '-' : '+';
		for (int d = 0; d < digits; d++) {
			if (d == point) {
				*p++ = '.';
			}
			*p++ = (char)('0' + (x >> (24 + 2 * d % 40)) % 10);
		}
		*p = '\0';
		failures += !reads_as_strtod(text);
	}
	EXPECT_I64(failures, 0);

	static const char *const junk[] = { "",    "-",    "+",   ".",  "-.",   "1..2", "2,5",
					    "1 ",  "1-",   "--1", "1e", "e5",   "1e+",  "nan",
					    "NaN", "-nan", "abc", "0x", "5 kg", "1.2.3" };
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		double v = 0;
		if (number_of(junk[i], &v) != -1) {
			fprintf(stderr, "\n  '%s' read as the number %g", junk[i], v);
		}
		EXPECT_I64(number_of(junk[i], &v), -1);
	}
}

/* Numbers copied into JSON as they are written must be JSON numbers (RFC 8259). */
static void test_json_number(void)
{
	static const struct {
		const char *text;
		int ok;
	} cases[] = {
		{ "0", 1 },    { "-0", 1 },      { "10", 1 },   { "1.5", 1 },  { "-0.25", 1 },
		{ "2E-3", 1 }, { "-1.5e+3", 1 }, { "1e10", 1 }, { "0.0", 1 },  { "", 0 },
		{ "-", 0 },    { "01", 0 },      { "-01", 0 },  { "+1", 0 },   { ".5", 0 },
		{ "5.", 0 },   { "1e", 0 },      { "1e+", 0 },  { "1.e5", 0 }, { "inf", 0 },
		{ "1.5x", 0 }, { "--1", 0 },     { "0x1", 0 },  { " 1", 0 },   { "1 ", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		field f = field_of(cases[i].text);
		if (gp__field_json_number(&f) != cases[i].ok) {
			fprintf(stderr, "\n  '%s': expected %s", cases[i].text,
				cases[i].ok ? "a JSON number" : "none");
		}
		EXPECT_I64(gp__field_json_number(&f), cases[i].ok);
	}
}

/* Row ids: digits, at most GP_IMPORTED_DIGITS of them after leading zeros; NA; digits. */
static void test_ids_and_na(void)
{
	static const struct {
		const char *text;
		int digits, id_ok, na;
		uint64_t value;
	} cases[] = {
		{ "7", 1, 1, 0, 7 },
		{ "0", 1, 1, 0, 0 },
		{ "564111644", 1, 1, 0, 564111644 },
		{ "999999999999999", 1, 1, 0, 999999999999999ULL },
		{ "000999999999999999", 1, 1, 0, 999999999999999ULL },
		{ "1000000000000000", 1, 0, 0, 0 },
		{ "", 0, 0, 1, 0 },
		{ "NA", 0, 0, 1, 0 },
		{ "N", 0, 0, 0, 0 },
		{ "NAN", 0, 0, 0, 0 },
		{ "12a", 0, 0, 0, 0 },
		{ "-1", 0, 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		field f = field_of(cases[i].text);
		EXPECT_I64(gp__field_all_digits(&f), cases[i].digits);
		EXPECT_I64(gp__field_row_id_ok(&f), cases[i].id_ok);
		EXPECT_I64(gp__field_is_na(&f), cases[i].na);
		if (cases[i].id_ok) {
			EXPECT_I64(gp__field_digits_value(&f), cases[i].value);
		}
	}
}

/* ------------------------------------------------------------- detection */

/* A first line of `tabs` tabs between x's, then a second line, in buf. */
static const char *tabs_head(char *buf, size_t size, size_t tabs, const char *next)
{
	size_t n = 0;
	for (size_t k = 0; k <= tabs; k++) {
		n += (size_t)snprintf(buf + n, size - n, "%sx", k ? "\t" : "");
	}
	snprintf(buf + n, size - n, "%s", next);
	return buf;
}

/* The first line tells the formats apart: ICEWS by its header, GDELT by its columns. */
static void test_detect_heads(void)
{
	static const struct {
		size_t tabs; /* a first line of x's and tabs; or none: text */
		const char *text;
		int kind;
		const char *said;
	} cases[] = {
		/* 58 columns; 57, the historical backfile; 61 */
		{ 57, NULL, GP_INPUT_GDELT, "a GDELT 1.0 export" },
		{ 56, NULL, GP_INPUT_GDELT, "a GDELT 1.0 export" },
		{ 60, NULL, GP_INPUT_GDELT, "a GDELT 2.0 export" },
		{ 55, NULL, GP_INPUT_AUTO, NULL },
		{ 58, NULL, GP_INPUT_AUTO, NULL },
		{ 59, NULL, GP_INPUT_AUTO, NULL },
		{ 61, NULL, GP_INPUT_AUTO, NULL },
		{ 19, NULL, GP_INPUT_AUTO, NULL }, /* ICEWS's columns without its header */
		{ 0, "Event ID\tEvent Date\tSource Name\n1\t2\t3\n", GP_INPUT_ICEWS,
		  "an ICEWS file" },
		{ 0, "Event ID,Event Date\n", GP_INPUT_AUTO, NULL },
		{ 0, "{\"geopol\": 1}", GP_INPUT_JSON, "JSON" },
		{ 0, "[1, 2]", GP_INPUT_JSON, "JSON" },
		{ 0, "\xef\xbb\xbf \r\n\t{}", GP_INPUT_JSON, "JSON" },
		{ 0, "a\tb\n", GP_INPUT_AUTO, NULL },
		{ 0, "hello", GP_INPUT_AUTO, NULL },
		{ 0, "", GP_INPUT_AUTO, NULL },
	};
	static char buf[1024];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *p = cases[i].text ? cases[i].text
					      : tabs_head(buf, sizeof(buf), cases[i].tabs, "\n");
		int kind = -1;
		const char *said = gp__input_describe(p, strlen(p), &kind);
		EXPECT_STR(said, cases[i].said);
		EXPECT_I64(kind, cases[i].kind);
		/* JSON is none of the tabular formats. */
		EXPECT_I64(gp__tabular_detect(p, strlen(p)),
			   kind == GP_INPUT_JSON ? GP_INPUT_AUTO : kind);
	}
	/* Only the first line counts, whole or cut short. */
	tabs_head(buf, sizeof(buf), 3, "\n");
	tabs_head(buf + strlen(buf), sizeof(buf) - strlen(buf), 57, "\n");
	EXPECT_I64(gp__tabular_detect(buf, strlen(buf)), GP_INPUT_AUTO);
	tabs_head(buf, sizeof(buf), 60, "");
	EXPECT_I64(gp__tabular_detect(buf, strlen(buf)), GP_INPUT_GDELT);
}

/* A file's text, malloc()ed and NUL-terminated, with its length. */
static char *read_text(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	CU_ASSERT_FATAL(fp != NULL);
	char *text = malloc(1 << 20);
	CU_ASSERT_FATAL(text != NULL);
	*len = fread(text, 1, (1 << 20) - 1, fp);
	text[*len] = '\0';
	fclose(fp);
	return text;
}

/* The real slices are told apart as the files they are. */
static void test_detect_real(void)
{
	static const struct {
		const char *path;
		int kind;
		const char *said;
	} files[] = {
		{ REAL "gdelt1.tsv", GP_INPUT_GDELT, "a GDELT 1.0 export" },
		{ REAL "gdelt2.csv", GP_INPUT_GDELT, "a GDELT 2.0 export" },
		{ REAL "icews.tab", GP_INPUT_ICEWS, "an ICEWS file" },
		{ "tests/data/small.json", GP_INPUT_JSON, "JSON" },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *text = read_text(files[i].path, &len);
		int kind = -1;
		EXPECT_STR(gp__input_describe(text, len, &kind), files[i].said);
		EXPECT_I64(kind, files[i].kind);
		EXPECT_I64(gp_input_format_detect(files[i].path), files[i].kind);
		free(text);
	}
}

/* --------------------------------------------------------------- loading */

/* Load text (GP_INPUT_AUTO) through gp_dataset_load_buffer and finish: no diagnostic. */
static gp_dataset *load_rows_ok(const char *name, const char *text, size_t len)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
	EXPECT_I64(gp_dataset_load_buffer(ds, name, text, len, GP_INPUT_AUTO, &d.sink), GP_OK);
	EXPECT_I64(gp_dataset_finish(ds, &d.sink), GP_OK);
	EXPECT_NO_DIAGS(&d);
	test_diags_release(&d);
	return ds;
}

/* A real slice, loaded from memory. */
static gp_dataset *load_real(const char *path)
{
	size_t len;
	char *text = read_text(path, &len);
	gp_dataset *ds = load_rows_ok(path, text, len);
	free(text);
	return ds;
}

/* Is i an index (not GP_NONE)? A check that names what was not found. */
static int expect_found(gp_index i, const char *what, const char *id)
{
	if (i == GP_NONE) {
		fprintf(stderr, "\n  no %s '%s'", what, id);
	}
	EXPECT_TRUE(i != GP_NONE);
	return i != GP_NONE;
}

/* An actor as a row made it: id, name, kind and what it is part of (NULL: nothing). */
typedef struct {
	const char *id, *name;
	gp_actor_kind kind;
	const char *part_of;
} actor_want;

static void expect_actors(const gp_dataset *ds, const actor_want *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		gp_index ai = gp_dataset_find_actor(ds, want[i].id);
		const gp_actor *a =
			expect_found(ai, "actor", want[i].id) ? gp_dataset_actor(ds, ai) : NULL;
		if (!a) {
			continue;
		}
		EXPECT_STR(a->name, want[i].name);
		EXPECT_I64(a->kind, want[i].kind);
		EXPECT_I64(a->defined, 1);
		EXPECT_I64(a->n_members, want[i].part_of ? 1 : 0);
		if (a->n_members == 1 && want[i].part_of) {
			const gp_membership *m = gp_dataset_actor_part_of(ds, a);
			EXPECT_STR(gp_dataset_actor(ds, m[0].actor)->id, want[i].part_of);
			EXPECT_TRUE(m[0].from == GP_TIME_MIN && m[0].to == GP_TIME_MAX);
		}
	}
}

/* An event as a row made it (source or target NULL: none). */
typedef struct {
	const char *id, *type, *title;
	double weight;
	int64_t y;
	unsigned m, d;
	const char *source, *target, *attributes, *cited;
} event_want;

static const char *role_id(const gp_dataset *ds, const gp_event *ev, gp_role role)
{
	return ev->n_actors[role]
		       ? gp_dataset_actor(ds, gp_dataset_event_actors(ds, ev, role)[0])->id
		       : NULL;
}

/* A row's event: at most one source and one target (NULL: none), and what it cites (NULL: none). */
static void expect_sides(const gp_dataset *ds, const gp_event *ev, const char *source,
			 const char *target, const char *cited)
{
	EXPECT_STR(role_id(ds, ev, GP_ROLE_SOURCE), source);
	EXPECT_STR(role_id(ds, ev, GP_ROLE_TARGET), target);
	EXPECT_I64(ev->n_actors[GP_ROLE_SOURCE], source != NULL);
	EXPECT_I64(ev->n_actors[GP_ROLE_TARGET], target != NULL);
	EXPECT_I64(ev->n_actors[GP_ROLE_PARTICIPANT] + ev->n_actors[GP_ROLE_ABOUT], 0);
	EXPECT_I64(ev->n_sources, cited != NULL);
	if (ev->n_sources == 1 && cited) {
		EXPECT_STR(gp_dataset_event_sources(ds, ev)[0], cited);
	}
}

static void expect_events(const gp_dataset *ds, const event_want *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		gp_index ei = gp_dataset_find_event(ds, want[i].id);
		const gp_event *ev =
			expect_found(ei, "event", want[i].id) ? gp_dataset_event(ds, ei) : NULL;
		if (!ev) {
			continue;
		}
		EXPECT_STR(gp_dataset_type(ds, ev->type)->name, want[i].type);
		EXPECT_STR(ev->title, want[i].title);
		EXPECT_DBL(ev->weight, want[i].weight);
		EXPECT_I64(ev->has_weight, 1);
		EXPECT_I64(ev->date.start,
			   gp_days_from_civil(want[i].y, want[i].m, want[i].d) * 86400);
		EXPECT_I64(ev->date.precision, GP_PREC_DAY);
		EXPECT_STR(ev->attributes, want[i].attributes);
		expect_sides(ds, ev, want[i].source, want[i].target, want[i].cited);
	}
}

/* A real slice, loaded from memory: its number of events, and some actors and events as wanted. */
#define CHECK_SLICE(path, events, actors, want)                                                    \
	check_slice((path), (events), (actors), sizeof(actors) / sizeof(*(actors)), (want),        \
		    sizeof(want) / sizeof(*(want)))

static gp_dataset *check_slice(const char *path, size_t n_events, const actor_want *actors,
			       size_t n_actors, const event_want *events, size_t n_want)
{
	gp_dataset *ds = load_real(path);
	EXPECT_I64(gp_dataset_event_count(ds), n_events);
	expect_actors(ds, actors, n_actors);
	expect_events(ds, events, n_want);
	return ds;
}

/*
 * GDELT 1.0 (58 and 57 columns): an actor's name comes from its code, parts
 * of it named (USAGOV: "United States government"), and where a part is no
 * country or role, from the row's Actor1Name; role parts give the kind, the
 * country column what it is part of. Events: type and title from the CAMEO
 * code, weight from GoldsteinScale, the other columns as attributes.
 */
static void test_load_gdelt1(void)
{
	static const actor_want actors[] = {
		{ "USA", "United States", GP_KIND_COUNTRY, NULL },
		{ "GOV", "Government", GP_KIND_AGENCY, NULL },
		{ "CVL", "Civilians", GP_KIND_GROUP, NULL },
		{ "USAGOV", "United States government", GP_KIND_AGENCY, "USA" },
		{ "USACVL", "United States civilians", GP_KIND_GROUP, "USA" },
		{ "USAEDU", "United States education", GP_KIND_ORGANIZATION, "USA" },
		{ "MYSBUS", "Malaysia business", GP_KIND_ORGANIZATION, "MYS" },
		{ "CHRPTY", "Christian political party", GP_KIND_AGENCY, NULL },
		{ "ITAPTY", "Italy political party", GP_KIND_AGENCY, "ITA" },
		{ "CHRCTH", "CATHOLIC", GP_KIND_GROUP, NULL },     /* CTH: no role of CAMEO's */
		{ "HINBUS", "HINDU", GP_KIND_ORGANIZATION, NULL }, /* HIN: no country */
	};
	static const event_want events[] = {
		{ "gdelt-564111644", "statement",
		  "Make statement, not specified below: United States", 0, 2006, 7, 31, "USA", NULL,
		  "{\"cameo\":\"010\",\"quad_class\":1,\"num_mentions\":2,\"avg_tone\":-0.34188034188034}",
		  "http://wtop.com/lifestyle/2016/07/deepest-darkest-secrets-now-display-national-postal-museum/" },
		{ "gdelt-564111684", "sanction",
		  "Impose administrative sanctions, not specified below: Canada → United States",
		  -5, 2016, 7, 21, "CAN", "USA",
		  "{\"cameo\":\"172\",\"quad_class\":4,\"num_mentions\":12,\"avg_tone\":-3.40034628703348}",
		  "http://neworleanscitybusiness.com/blog/2016/07/27/cities-turn-to-local-action-to-block-oil-trains/" },
		{ "gdelt-564112774", "threat", "Threaten, not specified below: CATHOLIC → MUSLIM",
		  -4.4, 2016, 7, 28, "CHRCTH", "MOSREF",
		  "{\"cameo\":\"130\",\"quad_class\":3,\"num_mentions\":50,\"avg_tone\":-0.346146732721606}",
		  "http://www.ivpressonline.com/news/apgeneral/the-latest-pope-talks-about-migrants-with-polish-bishops/article_3582b075-2333-5219-8cc9-fce2010f387e.html" },
		/* 57 columns: no SOURCEURL. */
		{ "gdelt-1552869", "yield",
		  "Yield, not specified below: Christian political party → Italy political party",
		  5, 1982, 1, 2, "CHRPTY", "ITAPTY",
		  "{\"cameo\":\"080\",\"quad_class\":2,\"num_mentions\":3,\"avg_tone\":5.43071161048689}",
		  NULL },
	};
	gp_dataset *ds = CHECK_SLICE(REAL "gdelt1.tsv", 50, actors, events);
	EXPECT_I64(gp_dataset_actor_count(ds), 41);
	EXPECT_I64(gp_dataset_citation_count(ds), 0);
	gp_dataset_free(ds);
}

/*
 * GDELT 2.0 (61 columns): a CAMEO region in the country column (EUR, AFR) is
 * a group named after the region, not a country; IGO codes are international.
 */
static void test_load_gdelt2(void)
{
	static const actor_want actors[] = {
		{ "MNCUSA", "Multinational corporation (United States)", GP_KIND_ORGANIZATION,
		  "USA" },
		{ "IGOEUREEC", "EUROPEAN UNION", GP_KIND_INTERNATIONAL, "EUR" },
		{ "EUR", "Europe", GP_KIND_GROUP, NULL },
		{ "AFR", "Africa", GP_KIND_GROUP, NULL },
		{ "IGOUNO", "THE UN", GP_KIND_INTERNATIONAL, NULL },
		{ "ELIMIL", "Elites military", GP_KIND_AGENCY, NULL },
		{ "NGAHLH", "Nigeria health", GP_KIND_ORGANIZATION, "NGA" },
		{ "GBR", "United Kingdom", GP_KIND_COUNTRY, NULL },
	};
	static const event_want events[] = {
		{ "gdelt-741917022", "aid",
		  "Provide economic aid: Business → Multinational corporation (United States)", 7.4,
		  2017, 3, 26, "BUS", "MNCUSA",
		  "{\"cameo\":\"071\",\"quad_class\":2,\"num_mentions\":5,\"avg_tone\":-0.66953610712577}",
		  "https://yourstory.com/2018/03/flipkart-fy2018-fiscal-fitness/" },
		{ "gdelt-741917025", "visit", "Host a visit: United Kingdom → Canada", 2.8, 2017, 3,
		  26, "GBR", "CAN",
		  "{\"cameo\":\"043\",\"quad_class\":1,\"num_mentions\":2,\"avg_tone\":3.7037037037037}",
		  "https://www.express.co.uk/news/royal/936966/Meghan-Markle-Prince-Harry-Royal-news-relationship-secret-latest" },
	};
	gp_dataset_free(CHECK_SLICE(REAL "gdelt2.csv", 60, actors, events));
}

/*
 * ICEWS: actors by name, part of their country (by its ISO alpha-3 code),
 * their kind from their sectors; a title from the event text; the publisher
 * as the citation "icews:PUBLISHER"; the CAMEO code and story as attributes.
 */
static void test_load_icews(void)
{
	static const actor_want actors[] = {
		{ "Foreign Affairs (Bangladesh)", "Foreign Affairs (Bangladesh)", GP_KIND_AGENCY,
		  "BGD" },
		{ "BGD", "Bangladesh", GP_KIND_COUNTRY, NULL },
		{ "Citizen (Japan)", "Citizen (Japan)", GP_KIND_GROUP, "JPN" },
		{ "Businessperson (India)", "Businessperson (India)", GP_KIND_ORGANIZATION, "IND" },
		{ "Student (Malaysia)", "Student (Malaysia)", GP_KIND_ORGANIZATION, "MYS" },
		{ "Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", GP_KIND_AGENCY, "TUR" },
	};
	static const event_want events[] = {
		{ "icews-32889836", "consult",
		  "Consult: Foreign Affairs (Bangladesh) → High Ranking Military Personnel (Vietnam)",
		  1, 2018, 6, 1, "Foreign Affairs (Bangladesh)",
		  "High Ranking Military Personnel (Vietnam)",
		  "{\"cameo\":\"040\",\"story_id\":\"47400351\"}",
		  "icews:Vietnam News Agency Bulletin" },
		{ "icews-32891059", "appeal", "Make an appeal or request: Aso Taro → United States",
		  3, 2018, 6, 1, "Aso Taro", "USA", "{\"cameo\":\"020\",\"story_id\":\"47400361\"}",
		  "icews:Kyodo News" },
	};
	gp_dataset *ds = CHECK_SLICE(REAL "icews.tab", 60, actors, events);
	gp_index c = GP_NONE;
	for (gp_index i = 0; i < gp_dataset_citation_count(ds); i++) {
		if (strcmp(gp_dataset_citation(ds, i)->id, "icews:Kyodo News") == 0) {
			c = i;
		}
	}
	CU_ASSERT_FATAL(c != GP_NONE);
	EXPECT_STR(gp_dataset_citation(ds, c)->title, "Kyodo News");
	EXPECT_STR(gp_dataset_citation(ds, c)->publisher, "Kyodo News");
	EXPECT_STR(gp_dataset_citation(ds, c)->url, NULL);
	gp_dataset_free(ds);
}

/*
 * The type of a CAMEO event code: a few codes have a type of their own
 * (a visit, talks, a ceasefire), the others their root code's; the title
 * starts with the code's label.
 */
static void test_cameo_types(void)
{
	static const struct {
		const char *code, *type, *label;
	} cases[] = {
		{ "042", "visit", "Make a visit" },
		{ "043", "visit", "Host a visit" },
		{ "044", "meeting", "Meet at a third location" },
		{ "046", "talks", "Engage in negotiation" },
		{ "057", "agreement", "Sign formal agreement" },
		{ "0871", "ceasefire", "Declare truce, ceasefire" },
		{ "112", "accusation", "Accuse, not specified below" },
		{ "139", "deadline", "Give ultimatum" },
		{ "163", "sanction", "Impose embargo, boycott, or sanctions" },
		{ "172", "sanction", "Impose administrative sanctions, not specified below" },
		{ "010", "statement", "Make statement, not specified below" },
		{ "0834", "yield", "Accede to demands for change in institutions, regime" },
		{ "14", "protest", "PROTEST" },
		{ "145", "protest", "Protest violently, riot" },
		{ "190", "military_action",
		  "Use conventional military force, not specified below" },
		{ "20", "mass_violence", "USE UNCONVENTIONAL MASS VIOLENCE" },
	};
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	static char text[N * 300];
	size_t n = 0;
	for (size_t i = 0; i < N; i++) {
		char id[16], code[16];
		snprintf(id, sizeof(id), "0=%zu", i + 1);
		snprintf(code, sizeof(code), "26=%s", cases[i].code);
		const char *const set[] = { id, code, NULL };
		n += test_gdelt_row(text + n, sizeof(text) - n, set);
	}
	gp_dataset *ds = load_rows_ok("cameo.tsv", text, n);
	EXPECT_I64(gp_dataset_event_count(ds), N);
	for (size_t i = 0; i < N && i < gp_dataset_event_count(ds); i++) {
		const gp_event *ev = gp_dataset_event(ds, (gp_index)i);
		char title[200];
		snprintf(title, sizeof(title), "%s: United States → India", cases[i].label);
		EXPECT_STR(gp_dataset_type(ds, ev->type)->name, cases[i].type);
		EXPECT_STR(ev->title, title);
	}
	gp_dataset_free(ds);
}

/* A row with columns changed (as test_gdelt_row and test_icews_rows do), and what it becomes. */
typedef struct {
	size_t (*make)(char *text, size_t size, const char *const *set);
	const char *set;             /* the columns changed, "COLUMN=VALUE|COLUMN=VALUE..." */
	const char *source, *target; /* both NULL: the row gives no event (nor an error) */
	const char *cited;           /* the event's one entry in `sources`, or NULL: none */
	const char *title;           /* NULL: not checked */
	const char *actor, *name;    /* an actor the row made, and how (actor NULL: none) */
	gp_actor_kind kind;
	const char *part_of;
} row_case;

#define GDELT test_gdelt_row
#define ICEWS test_icews_rows
#define URL "https://example.org/a" /* test_gdelt_row's SOURCEURL */
#define WIRE "icews:Wire"           /* test_icews_rows's publisher */
#define SANCTIONS "Impose administrative sanctions, not specified below: "
#define COUNTRY GP_KIND_COUNTRY

/*
 * The two sides of a row. GDELT: a code equal to its country, or only a
 * country, is the country; a code of several parts is part of the row's
 * country, named from its parts (once each); a side left empty is no actor
 * (a row with only a target has no source; one with neither gives no event
 * and no error). ICEWS: a name equal to its country, or NA with a country,
 * is the country (by ISO code when the name is known, else by its name);
 * sectors give the kind; a publisher of NA cites nothing.
 */
static void test_row_sides(void)
{
	static const row_case cases[] = {
		{ GDELT, "", "USA", "IND", URL, SANCTIONS "United States → India", "USA",
		  "United States", COUNTRY, NULL },
		{ GDELT, "5=|15=", "USA", "IND", URL, NULL, "IND", "India", COUNTRY, NULL },
		{ GDELT, "5=USAGOV|15=INDMIL", "USAGOV", "INDMIL", URL,
		  SANCTIONS "United States government → India military", "USAGOV",
		  "United States government", GP_KIND_AGENCY, "USA" },
		{ GDELT, "5=USAGOV|15=INDMIL", "USAGOV", "INDMIL", URL, NULL, "INDMIL",
		  "India military", GP_KIND_AGENCY, "IND" },
		{ GDELT, "5=JUDJUD|7=|6=COURT", "JUDJUD", "IND", URL, NULL, "JUDJUD", "Judiciary",
		  GP_KIND_AGENCY, NULL },
		{ GDELT, "5=XYZABC|6=SOME NAME|7=", "XYZABC", "IND", URL, NULL, "XYZABC",
		  "SOME NAME", GP_KIND_GROUP, NULL },
		{ GDELT, "5=IGOWSTNAT|7=WST", "IGOWSTNAT", "IND", URL, NULL, "WST", "the West",
		  GP_KIND_GROUP, NULL },
		{ GDELT, "5=|7=|57=", NULL, "IND", NULL, SANCTIONS "(no source) → India", "IND",
		  "India", COUNTRY, NULL },
		{ GDELT, "15=|17=", "USA", NULL, URL, SANCTIONS "United States", "USA",
		  "United States", COUNTRY, NULL },
		{ GDELT, "5=|7=|15=|17=", NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL },
		{ ICEWS, "", "USA", "RUS", WIRE, "Accuse: United States → Russian Federation",
		  "RUS", "Russian Federation", COUNTRY, NULL },
		{ ICEWS, "2=NA|13=NA", "USA", "RUS", NULL, NULL, "USA", "United States", COUNTRY,
		  NULL },
		{ ICEWS, "2=Atlantis|4=Atlantis", "Atlantis", "RUS", WIRE, NULL, "Atlantis",
		  "Atlantis", COUNTRY, NULL },
		{ ICEWS, "2=Ministry (X)|3=Government,Ministry|4=Canada", "Ministry (X)", "RUS",
		  WIRE, NULL, "Ministry (X)", "Ministry (X)", GP_KIND_AGENCY, "CAN" },
		{ ICEWS, "8=Firm|9=Business|10=NA", "USA", "Firm", WIRE, NULL, "Firm", "Firm",
		  GP_KIND_ORGANIZATION, NULL },
		{ ICEWS, "8=UN|9=International Government Organization|10=NA", "USA", "UN", WIRE,
		  NULL, "UN", "UN", GP_KIND_INTERNATIONAL, NULL },
		{ ICEWS, "8=Crowd|9=NA", "USA", "Crowd", WIRE, NULL, "Crowd", "Crowd",
		  GP_KIND_GROUP, "RUS" },
		{ ICEWS, "2=NA|4=NA", NULL, "RUS", WIRE, "Accuse: (no source) → Russian Federation",
		  "RUS", "Russian Federation", COUNTRY, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const row_case *c = &cases[i];
		char set_text[200], text[2048];
		const char *set[8];
		size_t k = 0;
		snprintf(set_text, sizeof(set_text), "%s", c->set);
		for (char *p = strtok(set_text, "|"); p && k < 7; p = strtok(NULL, "|")) {
			set[k++] = p;
		}
		set[k] = NULL;
		gp_dataset *ds = load_rows_ok("sides", text, c->make(text, sizeof(text), set));
		const actor_want actor = { c->actor, c->name, c->kind, c->part_of };
		expect_actors(ds, &actor, c->actor != NULL);
		EXPECT_I64(gp_dataset_event_count(ds), c->source || c->target);
		if (gp_dataset_event_count(ds) == 1) {
			const gp_event *ev = gp_dataset_event(ds, 0);
			expect_sides(ds, ev, c->source, c->target, c->cited);
			if (c->title) {
				EXPECT_STR(ev->title, c->title);
			}
		}
		gp_dataset_free(ds);
	}
}

/*
 * GDELT GoldsteinScale: plain decimals are read by a fast path that must
 * give exactly strtod's double; other spellings go to strtod itself.
 */
static void test_gdelt_weight_parsing(void)
{
	static const char *const ok[] = { "-2.5",
					  "10",
					  "0.1",
					  "3.4",
					  "-0",
					  "7.",
					  ".5",
					  "+1.9",
					  "-10.0",
					  "1.23456789012345",
					  "9.999999999999999",
					  "1e1",
					  "0.30000000000000004",
					  "-0.000000000000001" };
	static const char *const bad[] = { "1..2", "-", ".", "", "2,5", "nan", "11", "-10.5" };
	for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]) + sizeof(bad) / sizeof(bad[0]); k++) {
		int good = k < sizeof(ok) / sizeof(ok[0]);
		const char *w = good ? ok[k] : bad[k - sizeof(ok) / sizeof(ok[0])];
		char row[1024], col[32];
		snprintf(col, sizeof(col), "30=%s", w);
		const char *const set[] = { col, "57=", NULL };
		size_t n = test_gdelt_row(row, sizeof(row), set);
		test_diags d;
		gp_dataset *ds = NULL;
		test_diags_init(&d);
		CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
		int rc = gp_dataset_load_buffer(ds, "w.tsv", row, n, GP_INPUT_GDELT, &d.sink);
		if (good) {
			EXPECT_I64(rc, GP_OK);
			if (gp_dataset_finish(ds, &d.sink) != GP_OK || rc != GP_OK) {
				fprintf(stderr, "\n  GoldsteinScale '%s' not read", w);
				for (size_t i = 0; i < d.n; i++) {
					fprintf(stderr, "\n    %s", d.lines[i]);
				}
			}
			CU_ASSERT_FATAL(d.sink.errors == 0);
			CU_ASSERT_FATAL(gp_dataset_event_count(ds) == 1);
			double want = strtod(w, NULL);
			double got = gp_dataset_event(ds, 0)->weight;
			if (memcmp(&got, &want, sizeof(got)) != 0) {
				fprintf(stderr,
					"\n  GoldsteinScale '%s': got %.17g, strtod says %.17g", w,
					got, want);
			}
			CU_ASSERT(memcmp(&got, &want, sizeof(got)) == 0);
		} else {
			EXPECT_I64(rc, GP_EINVALID);
			EXPECT_DIAG_HAS(&d, "1:56: error: column 'GoldsteinScale'");
		}
		gp_dataset_free(ds);
		test_diags_release(&d);
	}
}

static CU_TestInfo tabular_tests[] = {
	{ "fields: split at tabs", test_split_fields },
	{ "fields: split as one byte at a time would", test_split_against_reference },
	{ "fields: too many to hold, still counted", test_split_too_many_fields },
	{ "fields: day dates", test_day_date },
	{ "fields: numbers as strtod reads them", test_number },
	{ "fields: JSON numbers", test_json_number },
	{ "fields: row ids, digits, NA", test_ids_and_na },
	{ "detect: first lines", test_detect_heads },
	{ "detect: the real slices", test_detect_real },
	{ "load: GDELT 1.0 slice", test_load_gdelt1 },
	{ "load: GDELT 2.0 slice", test_load_gdelt2 },
	{ "load: ICEWS slice", test_load_icews },
	{ "load: CAMEO codes to types and titles", test_cameo_types },
	{ "load: the two sides of a row", test_row_sides },
	{ "load: GDELT weights read exactly", test_gdelt_weight_parsing },
	CU_TEST_INFO_NULL,
};

int gp_test_add_tabular(void)
{
	return gp_test_register("tabular", tabular_tests);
}
