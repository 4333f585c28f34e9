/*
 * test_timeline.c - timeline order (DESIGN §2), the filters of DESIGN §6,
 * status against an as-of date, and the writers (text, Markdown, CSV, and
 * the JSON of DESIGN §7, parsed back with cJSON).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "model.h" /* white-box: the fields behind gp_actor_*() and gp_event_*() */
#include "timeline_impl.h"
#include "harness.h"

#define DAY 86400

/* ---------------------------------------------------------------- helpers */

#define EXPECT_CONTAINS(hay, needle) expect_contains((hay), (needle), __LINE__)
#define EXPECT_ORDER(ds, order, n, ...)                                                            \
	expect_order((ds), (order), (n), (const char *const[]){ __VA_ARGS__, NULL }, __LINE__)

static void expect_contains(const char *hay, const char *needle, unsigned line)
{
	int ok = hay && strstr(hay, needle) != NULL;
	if (!ok) {
		fprintf(stderr, "\n  test_timeline.c:%u: output lacks \"%s\"; output:\n%s", line,
			needle, hay ? hay : "(null)");
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, needle, __FILE__, "", CU_FALSE);
}

/* The events order[0..n) are exactly `want` (NULL-terminated ids), in order. */
static void expect_order(const gp_dataset *ds, const gp_index *order, size_t n,
			 const char *const *want, unsigned line)
{
	size_t m = 0;
	while (want[m]) {
		m++;
	}
	int ok = n == m;
	for (size_t i = 0; ok && i < n; i++) {
		ok = strcmp(gp_dataset_event(ds, order[i])->id, want[i]) == 0;
	}
	if (!ok) {
		fprintf(stderr, "\n  test_timeline.c:%u: order is", line);
		for (size_t i = 0; i < n; i++) {
			fprintf(stderr, " %s", gp_dataset_event(ds, order[i])->id);
		}
		fprintf(stderr, "; expected");
		for (size_t i = 0; i < m; i++) {
			fprintf(stderr, " %s", want[i]);
		}
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, "timeline order", __FILE__, "",
				CU_FALSE);
}

static int64_t day_start(int64_t y, unsigned m, unsigned d)
{
	return gp_days_from_civil(y, m, d) * DAY;
}

static int64_t day_end(int64_t y, unsigned m, unsigned d)
{
	return gp_days_from_civil(y, m, d) * DAY + DAY - 1;
}

/* A whole civil day as a gp_date value, built by hand. */
static gp_date day_date(int64_t y, unsigned m, unsigned d)
{
	gp_date x;
	memset(&x, 0, sizeof(x));
	x.start = day_start(y, m, d);
	x.end = day_end(y, m, d);
	x.precision = x.start_prec = x.end_prec = GP_PREC_DAY;
	x.start_kind = x.end_kind = GP_END_VALUE;
	return x;
}

/* Options with an as-of date: a whole day, `text` as the user wrote it. */
static void set_as_of(gp_timeline_options *o, int64_t y, unsigned m, unsigned d, const char *text)
{
	o->has_as_of = 1;
	o->as_of = day_date(y, m, d);
	o->as_of_text = text;
}

/* Load a text that must be valid (no diagnostic at all). */
static gp_dataset *load_ok(const char *text)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	int rc = test_load("t.json", text, &d, &ds);
	if (rc != GP_OK || d.n) {
		fprintf(stderr, "\n  unexpected load result %d:", rc);
		for (size_t i = 0; i < d.n; i++) {
			fprintf(stderr, "\n    %s", d.lines[i]);
		}
	}
	CU_ASSERT(rc == GP_OK);
	CU_ASSERT(d.n == 0);
	test_diags_release(&d);
	return ds;
}

static const gp_event *event_by_id(const gp_dataset *ds, const char *id)
{
	gp_index i = gp_dataset_find_event(ds, id);
	return i == GP_NONE ? NULL : gp_dataset_event(ds, i);
}

/* Build with a filter and compare with the expected ids. */
static void check_filter(const gp_dataset *ds, const gp_filter *f, const char *const *want,
			 unsigned line)
{
	gp_index *order = NULL;
	size_t n = 0;
	int rc = gp_timeline_build(&order, &n, ds, f);
	CU_assertImplementation(rc == GP_OK ? CU_TRUE : CU_FALSE, line, "gp_timeline_build",
				__FILE__, "", CU_FALSE);
	expect_order(ds, order, n, want, line);
	free(order);
}

#define CHECK_FILTER(ds, f, ...)                                                                   \
	check_filter((ds), (f), (const char *const[]){ __VA_ARGS__, NULL }, __LINE__)

/* Write the timeline of all events in a format; the text, to free(). */
static char *write_all(const gp_dataset *ds, const gp_timeline_options *o)
{
	gp_index *order = NULL;
	size_t n = 0;
	char *buf = NULL;
	size_t len = 0;
	if (gp_timeline_build(&order, &n, ds, NULL) != GP_OK) {
		return NULL;
	}
	FILE *fp = open_memstream(&buf, &len);
	if (!fp) {
		free(order);
		return NULL;
	}
	int rc = gp_timeline_write(fp, ds, order, n, o);
	fclose(fp);
	free(order);
	CU_ASSERT(rc == GP_OK);
	return buf;
}

/* A copy of the line of `text` that contains `needle`, or NULL. */
static char *line_with(const char *text, const char *needle)
{
	const char *p = text ? strstr(text, needle) : NULL;
	if (!p) {
		return NULL;
	}
	const char *b = p, *e = p;
	while (b > text && b[-1] != '\n') {
		b--;
	}
	while (*e && *e != '\n') {
		e++;
	}
	return strndup(b, (size_t)(e - b));
}

static size_t count_str(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s ? strstr(s, needle) : NULL; p; p = strstr(p + 1, needle)) {
		n++;
	}
	return n;
}

/* Lines of s that start with `prefix`. */
static size_t count_lines_starting(const char *s, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	for (const char *p = s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		n += strncmp(p, prefix, len) == 0;
	}
	return n;
}

static size_t count_char(const char *s, char c)
{
	size_t n = 0;
	for (; s && *s; s++) {
		n += *s == c;
	}
	return n;
}

/* ------------------------------------------------------------------ order */

static const char order_text[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"d\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"d\", \"source\": [\"A\"]},\n"
	"{\"id\": \"m\", \"type\": \"statement\", \"date\": \"2025-01\", \"title\": \"m\", \"source\": [\"A\"]},\n"
	"{\"id\": \"y\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"A\"]},\n"
	"{\"id\": \"open\", \"type\": \"statement\", \"date\": \"../2025-03\", \"title\": \"o\", \"source\": [\"A\"]},\n"
	"{\"id\": \"t1\", \"type\": \"statement\", \"date\": \"2024-06-01\", \"title\": \"t1\", \"source\": [\"A\"]},\n"
	"{\"id\": \"t2\", \"type\": \"statement\", \"date\": \"2024-06-01\", \"title\": \"t2\", \"source\": [\"A\"]},\n"
	"{\"id\": \"iv\", \"type\": \"statement\", \"date\": \"2024-06-01/2024-06-30\", \"title\": \"iv\", \"source\": [\"A\"]},\n"
	"{\"id\": \"ong\", \"type\": \"statement\", \"date\": \"2024-06-01/..\", \"title\": \"ong\", \"source\": [\"A\"]},\n"
	"{\"id\": \"early\", \"type\": \"statement\", \"date\": \"2023\", \"title\": \"e\", \"source\": [\"A\"]},\n"
	"{\"id\": \"open2\", \"type\": \"statement\", \"date\": \"../2024\", \"title\": \"o2\", \"source\": [\"A\"]},\n"
	"{\"id\": \"t3\", \"type\": \"statement\", \"date\": \"2024-06-01\", \"title\": \"t3\", \"source\": [\"A\"]},\n"
	"{\"id\": \"unkend\", \"type\": \"statement\", \"date\": \"2024-06-01/\", \"title\": \"u\", \"source\": [\"A\"]},\n"
	"{\"id\": \"unk\", \"type\": \"statement\", \"date\": \"/2025-02\", \"title\": \"u2\", \"source\": [\"A\"]}]}\n";

static void test_order(void)
{
	gp_dataset *ds = load_ok(order_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index *o1 = NULL, *o2 = NULL;
	size_t n1 = 0, n2 = 0;
	CU_ASSERT_FATAL(gp_timeline_build(&o1, &n1, ds, NULL) == GP_OK);
	/*
	 * Open/unknown starts first (later end first among them), then by
	 * earliest start; on a tie the later latest end first (open/unknown end
	 * latest of all), then input order.
	 */
	EXPECT_ORDER(ds, o1, n1, "open", "unk", "open2", "early", "ong", "unkend", "iv", "t1", "t2",
		     "t3", "y", "m", "d");
	/* The same on a second build. */
	CU_ASSERT_FATAL(gp_timeline_build(&o2, &n2, ds, NULL) == GP_OK);
	CU_ASSERT(n1 == n2);
	CU_ASSERT(n1 == n2 && memcmp(o1, o2, n1 * sizeof(*o1)) == 0);
	/* An empty filter is the same as none. */
	gp_filter f = GP_FILTER_INIT;
	free(o2);
	o2 = NULL;
	CU_ASSERT_FATAL(gp_timeline_build(&o2, &n2, ds, &f) == GP_OK);
	CU_ASSERT(n1 == n2 && memcmp(o1, o2, n1 * sizeof(*o1)) == 0);
	free(o1);
	free(o2);
	gp_dataset_free(ds);
}

/* `2025` before `2025-01` before `2025-01-01`, whatever the input order. */
static void test_order_precision(void)
{
	static const char text[] =
		"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"m\", \"type\": \"statement\", \"date\": \"2025-01\", \"title\": \"m\", \"source\": [\"A\"]},\n"
		"{\"id\": \"d\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"d\", \"source\": [\"A\"]},\n"
		"{\"id\": \"t\", \"type\": \"statement\", \"date\": \"2025-01-01T10:00:00Z\", \"title\": \"t\", \"source\": [\"A\"]},\n"
		"{\"id\": \"y\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"A\"]},\n"
		"{\"id\": \"c\", \"type\": \"statement\", \"date\": \"20XX\", \"title\": \"c\", \"source\": [\"A\"]},\n"
		"{\"id\": \"dec\", \"type\": \"statement\", \"date\": \"202X\", \"title\": \"dec\", \"source\": [\"A\"]}]}\n";
	gp_dataset *ds = load_ok(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index *o = NULL;
	size_t n = 0;
	CU_ASSERT_FATAL(gp_timeline_build(&o, &n, ds, NULL) == GP_OK);
	/* 20XX starts 2000-01-01; 202X 2020-01-01; then 2025 > 2025-01 > 2025-01-01 > 10:00. */
	EXPECT_ORDER(ds, o, n, "c", "dec", "y", "m", "d", "t");
	free(o);
	gp_dataset_free(ds);
}

/* ---------------------------------------------------------------- filters */

static const char filter_text[] =
	"{\"actors\": [\n"
	"{\"id\": \"C\", \"name\": \"Country\", \"kind\": \"country\"},\n"
	"{\"id\": \"ag\", \"name\": \"Agency\", \"kind\": \"agency\", \"part_of\": \"C\"},\n"
	"{\"id\": \"unit\", \"name\": \"Unit\", \"kind\": \"group\", \"part_of\": \"ag\"},\n"
	"{\"id\": \"min\", \"name\": \"Minister\", \"kind\": \"person\", \"part_of\": [{\"id\": \"C\", \"from\": \"2004\", \"to\": \"2010\"}]},\n"
	"{\"id\": \"X\", \"name\": \"Other\", \"kind\": \"country\"},\n"
	"{\"id\": \"Y\", \"name\": \"Third\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2024-12-15/2025-01-10\", \"title\": \"a\", \"source\": [\"X\"], \"target\": [\"Y\"]},\n"
	"{\"id\": \"e2\", \"type\": \"meeting\", \"date\": \"2025-03\", \"title\": \"b\", \"participants\": [\"unit\", \"X\"]},\n"
	"{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2024/..\", \"title\": \"c\", \"source\": [\"min\"]},\n"
	"{\"id\": \"e4\", \"type\": \"sanction\", \"date\": \"2024-11-30\", \"title\": \"d\", \"source\": [\"Y\"], \"about\": [\"C\"]},\n"
	"{\"id\": \"e5\", \"type\": \"tariff\", \"date\": \"2025-06-01\", \"title\": \"e\", \"source\": [\"ag\"], \"target\": [\"X\"]},\n"
	"{\"id\": \"e6\", \"type\": \"statement\", \"date\": \"2025-02-01\", \"title\": \"f\", \"source\": [\"C\"]},\n"
	"{\"id\": \"e7\", \"type\": \"statement\", \"date\": \"../2026\", \"title\": \"g\", \"target\": [\"Y\"]},\n"
	"{\"id\": \"e8\", \"type\": \"statement\", \"date\": \"2024-12-31T23:30:00Z\", \"title\": \"h\", \"source\": [\"X\"]},\n"
	"{\"id\": \"e9\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"i\", \"source\": [\"X\"]}]}\n";

static void test_filter_dates(void)
{
	gp_dataset *ds = load_ok(filter_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_filter f = GP_FILTER_INIT;

	/* No filter: everything, in order. */
	CHECK_FILTER(ds, &f, "e7", "e3", "e4", "e1", "e8", "e9", "e6", "e2", "e5");
	CHECK_FILTER(ds, NULL, "e7", "e3", "e4", "e1", "e8", "e9", "e6", "e2", "e5");

	/*
	 * --from 2025-01-01: latest end on or after 2025-01-01T00:00:00. e1 ends
	 * inside the range (kept), e3 has an open end (kept), e8 ends at
	 * 2024-12-31T23:30 (dropped), e9 starts exactly then (kept).
	 */
	f.has_from = 1;
	f.from = day_start(2025, 1, 1);
	CHECK_FILTER(ds, &f, "e7", "e3", "e1", "e9", "e6", "e2", "e5");

	/* --to 2024-12-31: earliest start on or before 2024-12-31T23:59:59. */
	f.has_from = 0;
	f.has_to = 1;
	f.to = day_end(2024, 12, 31);
	CHECK_FILTER(ds, &f, "e7", "e3", "e4", "e1", "e8");

	/* Both: --from 2025-01-01 --to 2025-01 (to = 2025-01-31T23:59:59). */
	f.has_from = 1;
	f.from = day_start(2025, 1, 1);
	f.to = day_end(2025, 1, 31);
	CHECK_FILTER(ds, &f, "e7", "e3", "e1", "e9");

	/* gp_filter_match on single events. */
	CU_ASSERT(gp_filter_match(ds, &f, event_by_id(ds, "e1")) != 0);
	CU_ASSERT(gp_filter_match(ds, &f, event_by_id(ds, "e6")) == 0);
	CU_ASSERT(gp_filter_match(ds, NULL, event_by_id(ds, "e6")) != 0);

	/* A range that only an open-ended event reaches. */
	f.from = day_start(2030, 1, 1);
	f.to = day_end(2030, 12, 31);
	CHECK_FILTER(ds, &f, "e3");
	gp_dataset_free(ds);
}

static void test_filter_types(void)
{
	gp_dataset *ds = load_ok(filter_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index t[2] = { gp_dataset_find_type(ds, "tariff"), gp_dataset_find_type(ds, "meeting") };
	CU_ASSERT_FATAL(t[0] != GP_NONE && t[1] != GP_NONE);
	gp_filter f = GP_FILTER_INIT;
	f.types = t;
	f.n_types = 1;
	CHECK_FILTER(ds, &f, "e1", "e5");
	f.n_types = 2;
	CHECK_FILTER(ds, &f, "e1", "e2", "e5");
	/* With a date too. */
	f.has_from = 1;
	f.from = day_start(2025, 2, 1);
	CHECK_FILTER(ds, &f, "e2", "e5");
	gp_dataset_free(ds);
}

static void test_filter_actors(void)
{
	gp_dataset *ds = load_ok(filter_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index C = gp_dataset_find_actor(ds, "C"), ag = gp_dataset_find_actor(ds, "ag");
	gp_index unit = gp_dataset_find_actor(ds, "unit"), min = gp_dataset_find_actor(ds, "min");
	gp_index X = gp_dataset_find_actor(ds, "X"), Y = gp_dataset_find_actor(ds, "Y");
	CU_ASSERT_FATAL(C != GP_NONE && ag != GP_NONE && unit != GP_NONE && min != GP_NONE &&
			X != GP_NONE && Y != GP_NONE);
	EXPECT_I64(gp_dataset_actor_count(ds), 6);
	uint8_t *mask = NULL;
	gp_filter f = GP_FILTER_INIT;

	/* C: itself, ag, unit (depth 2) and min (through a bounded membership). */
	CU_ASSERT_FATAL(gp_filter_actor_mask(&mask, ds, &C, 1) == GP_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mask);
	CU_ASSERT(mask[C] != 0);
	CU_ASSERT(mask[ag] != 0);
	CU_ASSERT(mask[unit] != 0);
	CU_ASSERT(mask[min] != 0);
	CU_ASSERT(mask[X] == 0);
	CU_ASSERT(mask[Y] == 0);
	f.actor_mask = mask;
	/* e4 names C only in `about`: not kept. */
	CHECK_FILTER(ds, &f, "e3", "e6", "e2", "e5");
	CU_ASSERT(gp_filter_match(ds, &f, event_by_id(ds, "e4")) == 0);
	free(mask);
	mask = NULL;

	/* The child does not select its parents. */
	CU_ASSERT_FATAL(gp_filter_actor_mask(&mask, ds, &unit, 1) == GP_OK);
	CU_ASSERT(mask[unit] != 0);
	CU_ASSERT(mask[ag] == 0);
	CU_ASSERT(mask[C] == 0);
	CU_ASSERT(mask[min] == 0);
	f.actor_mask = mask;
	CHECK_FILTER(ds, &f, "e2");
	free(mask);
	mask = NULL;

	/* ag: itself and unit. */
	CU_ASSERT_FATAL(gp_filter_actor_mask(&mask, ds, &ag, 1) == GP_OK);
	CU_ASSERT(mask[ag] != 0 && mask[unit] != 0);
	CU_ASSERT(mask[C] == 0 && mask[min] == 0);
	f.actor_mask = mask;
	CHECK_FILTER(ds, &f, "e2", "e5");
	free(mask);
	mask = NULL;

	/* The minister alone: the mask does not spread to C. */
	CU_ASSERT_FATAL(gp_filter_actor_mask(&mask, ds, &min, 1) == GP_OK);
	CU_ASSERT(mask[min] != 0 && mask[C] == 0);
	free(mask);
	mask = NULL;

	/* Several actors: any of them. Y is a target in e1 and e7, a source in e4. */
	gp_index two[2] = { unit, Y };
	CU_ASSERT_FATAL(gp_filter_actor_mask(&mask, ds, two, 2) == GP_OK);
	f.actor_mask = mask;
	CHECK_FILTER(ds, &f, "e7", "e4", "e1", "e2");

	/* Combined with a type and a date. */
	gp_index st = gp_dataset_find_type(ds, "statement");
	f.types = &st;
	f.n_types = 1;
	CHECK_FILTER(ds, &f, "e7");
	free(mask);
	mask = NULL;
	CU_ASSERT_FATAL(gp_filter_actor_mask(&mask, ds, &C, 1) == GP_OK);
	f.actor_mask = mask;
	CHECK_FILTER(ds, &f, "e3", "e6");
	f.types = NULL;
	f.n_types = 0;
	f.has_from = 1;
	f.from = day_start(2025, 1, 1);
	CHECK_FILTER(ds, &f, "e3", "e6", "e2", "e5");
	free(mask);
	gp_dataset_free(ds);
}

/* ----------------------------------------------------------------- status */

static const char status_text[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"past\", \"type\": \"statement\", \"date\": \"2025-08-05\", \"title\": \"a\", \"source\": [\"A\"]},\n"
	"{\"id\": \"today\", \"type\": \"statement\", \"date\": \"2025-08-06\", \"title\": \"b\", \"source\": [\"A\"]},\n"
	"{\"id\": \"soon\", \"type\": \"statement\", \"date\": \"2025-08-07\", \"title\": \"c\", \"source\": [\"A\"]},\n"
	"{\"id\": \"month\", \"type\": \"statement\", \"date\": \"2025-08\", \"title\": \"d\", \"source\": [\"A\"]},\n"
	"{\"id\": \"open\", \"type\": \"statement\", \"date\": \"2024/..\", \"title\": \"e\", \"source\": [\"A\"]},\n"
	"{\"id\": \"openstart\", \"type\": \"statement\", \"date\": \"../2025-08-05\", \"title\": \"f\", \"source\": [\"A\"]},\n"
	"{\"id\": \"dl\", \"type\": \"deadline\", \"date\": \"2025-08-08\", \"title\": \"g\", \"source\": [\"A\"]}]}\n";

static void test_status(void)
{
	gp_dataset *ds = load_ok(status_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_date asof = day_date(2025, 8, 6);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "past"), &asof), GP_TIMING_PAST);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "today"), &asof), GP_TIMING_ONGOING);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "soon"), &asof), GP_TIMING_UPCOMING);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "month"), &asof), GP_TIMING_ONGOING);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "open"), &asof), GP_TIMING_ONGOING);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "openstart"), &asof), GP_TIMING_PAST);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "dl"), &asof), GP_TIMING_UPCOMING);

	const gp_event *dl = event_by_id(ds, "dl");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dl);
	EXPECT_I64(gp_event_days_left(dl, &asof), 2);
	gp_date later = day_date(2025, 8, 10);
	EXPECT_I64(gp_event_days_left(dl, &later), -2);
	EXPECT_I64(gp_event_timing(dl, &later), GP_TIMING_PAST);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "month"), &later), GP_TIMING_ONGOING);
	gp_date same = day_date(2025, 8, 8);
	EXPECT_I64(gp_event_days_left(dl, &same), 0);
	EXPECT_I64(gp_event_timing(dl, &same), GP_TIMING_ONGOING);
	gp_date sept = day_date(2025, 9, 1);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "month"), &sept), GP_TIMING_PAST);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "open"), &sept), GP_TIMING_ONGOING);
	gp_date early = day_date(2023, 1, 1);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "open"), &early), GP_TIMING_UPCOMING);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "openstart"), &early), GP_TIMING_ONGOING);
	gp_dataset_free(ds);
}

/* A date parsed as the command line gives it. */
static gp_date parsed(const char *s)
{
	gp_date d;
	memset(&d, 0, sizeof(d));
	CU_ASSERT_EQUAL(gp_date_parse(&d, s, strlen(s), NULL), 0);
	return d;
}

/*
 * A coarse as-of date is read as its last day: status and days left come
 * from that one day and agree (a deadline was "ongoing" and "181 days left"
 * as of 2025 once).
 */
static void test_status_coarse_as_of(void)
{
	gp_dataset *ds = load_ok(status_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const gp_event *dl = event_by_id(ds, "dl");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dl);
	gp_date year = parsed("2025"), month = parsed("2025-08"), july = parsed("2025-07");
	EXPECT_I64(gp_event_timing(dl, &year), GP_TIMING_PAST);
	EXPECT_I64(gp_event_days_left(dl, &year), -145); /* 2025-08-08 from 2025-12-31 */
	EXPECT_I64(gp_event_timing(dl, &month), GP_TIMING_PAST);
	EXPECT_I64(gp_event_days_left(dl, &month), -23);
	EXPECT_I64(gp_event_timing(dl, &july), GP_TIMING_UPCOMING);
	EXPECT_I64(gp_event_days_left(dl, &july), 8);
	/* Whatever the event, past means days left < 0, upcoming > 0. */
	EXPECT_I64(gp_event_timing(event_by_id(ds, "month"), &month), GP_TIMING_ONGOING);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "soon"), &month), GP_TIMING_PAST);
	EXPECT_I64(gp_event_timing(event_by_id(ds, "open"), &year), GP_TIMING_ONGOING);
	/* An approximate day, or a time, is still that moment. */
	gp_date noon = parsed("2025-08-08T12:00:00Z");
	EXPECT_I64(gp_event_timing(dl, &noon), GP_TIMING_ONGOING);
	EXPECT_I64(gp_event_days_left(dl, &noon), 0);
	gp_dataset_free(ds);
}

/* ---------------------------------------------------------------- writers */

static const char write_text[] =
	"{\"title\": \"Writers\",\n"
	"\"actors\": [{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},\n"
	"{\"id\": \"IND\", \"name\": \"India\", \"kind\": \"country\"},\n"
	"{\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"Tariff order, \\\"25%\\\"\",\n"
	" \"source\": [\"USA\"], \"target\": [\"IND\"], \"about\": [\"RUS\"], \"sources\": [\"https://x.org/a\"],\n"
	" \"attributes\": {\"rate_pct\": 25, \"note\": \"x\"}},\n"
	"{\"id\": \"e2\", \"type\": \"tariff_effective\", \"date\": {\"after\": \"e1\", \"offset\": \"P21D\"},\n"
	" \"title\": \"Tariff takes effect\", \"source\": [\"USA\"], \"target\": [\"IND\"]},\n"
	"{\"id\": \"e3\", \"type\": \"meeting\", \"date\": \"2025-02\", \"title\": \"A | B talks\", \"participants\": [\"USA\", \"IND\"]},\n"
	"{\"id\": \"e4\", \"type\": \"statement\", \"date\": \"2025-08~\", \"title\": \"Approx\", \"source\": [\"IND\"]},\n"
	"{\"id\": \"e5\", \"type\": \"cyber_espionage\", \"date\": \"2024/ongoing\", \"title\": \"Campaign\", \"source\": [\"RUS\"], \"target\": [\"USA\"]},\n"
	"{\"id\": \"e6\", \"type\": \"deadline\", \"date\": \"2025-08-08\", \"title\": \"Ultimatum\", \"source\": [\"USA\"], \"target\": [\"RUS\"]},\n"
	"{\"id\": \"e7\", \"type\": \"visit\", \"date\": \"2025-08-06T14:30:00Z\", \"title\": \"Visit\", \"participants\": [\"IND\", \"RUS\"]}]}\n";

/* Timeline order of write_text: e5 e3 e4 e1 e7 e6 e2. */

static void test_write_text(void)
{
	gp_dataset *ds = load_ok(write_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	char *out = write_all(ds, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	EXPECT_CONTAINS(out, "Writers");
	EXPECT_CONTAINS(out, "2025-02");
	EXPECT_CONTAINS(out, "~2025-08");
	EXPECT_CONTAINS(out, "2024 → ongoing");
	EXPECT_CONTAINS(out, "21 days after e1");
	EXPECT_CONTAINS(out, "Tariff order, \"25%\"");
	CU_ASSERT(strchr(out, '\033') == NULL); /* no colour unless asked */
	/* One line per event, in timeline order. */
	const char *titles[] = { "Campaign", "A | B talks", "Approx",          "Tariff order",
				 "Visit",    "Ultimatum",   "21 days after e1" };
	const char *prev = out;
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		const char *p = strstr(out, titles[i]);
		CU_ASSERT(p != NULL && p >= prev);
		if (p) {
			prev = p;
		}
	}
	/* Each date at its precision on its event's line. */
	char *l = line_with(out, "Campaign");
	EXPECT_CONTAINS(l, "2024 → ongoing");
	free(l);
	l = line_with(out, "A | B talks");
	EXPECT_CONTAINS(l, "2025-02");
	CU_ASSERT(l && strstr(l, "2025-02-") == NULL);
	free(l);
	l = line_with(out, "Approx");
	EXPECT_CONTAINS(l, "~2025-08");
	free(l);
	l = line_with(out, "21 days after e1");
	EXPECT_CONTAINS(l, "2025-08-27");
	EXPECT_CONTAINS(l, "Tariff takes effect");
	free(l);
	free(out);

	/* With an as-of date: status marks and the deadline's days left. */
	set_as_of(&o, 2025, 8, 6, "2025-08-06");
	out = write_all(ds, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	l = line_with(out, "Ultimatum");
	EXPECT_CONTAINS(l, "2 days left");
	EXPECT_CONTAINS(l, "upcoming");
	free(l);
	l = line_with(out, "Campaign");
	/* Marked ongoing, besides the date "2024 → ongoing". */
	CU_ASSERT(count_str(l, "ongoing") == 2);
	free(l);
	l = line_with(out, "A | B talks");
	EXPECT_CONTAINS(l, "past");
	free(l);
	l = line_with(out, "Tariff takes effect");
	EXPECT_CONTAINS(l, "upcoming");
	free(l);
	free(out);

	set_as_of(&o, 2025, 8, 10, "2025-08-10");
	out = write_all(ds, &o);
	l = line_with(out, "Ultimatum");
	EXPECT_CONTAINS(l, "past");
	CU_ASSERT(l && strstr(l, "2 days left") == NULL);
	free(l);
	free(out);
	gp_dataset_free(ds);
}

/*
 * Rows whose actor lists are too long for the column (at most 40 characters),
 * next to a short one. Accented and Cyrillic names: widths are characters, not
 * bytes, and a cut in bytes would split a character.
 */
static const char long_lists[] =
	"{\"title\": \"Long lists\",\n"
	"\"actors\": [{\"id\": \"USA\", \"name\": \"États-Unis\", \"kind\": \"country\"},\n"
	"{\"id\": \"IND\", \"name\": \"India\", \"kind\": \"country\"},\n"
	"{\"id\": \"RUS\", \"name\": \"Российская Федерация\", \"kind\": \"country\"},\n"
	"{\"id\": \"DEU\", \"name\": \"Bundesrepublik Deutschland\", \"kind\": \"country\"},\n"
	"{\"id\": \"fsb\", \"name\": \"Federal Security Service\", \"kind\": \"agency\"},\n"
	"{\"id\": \"sb\", \"name\": \"Secret Blizzard\", \"kind\": \"group\"},\n"
	"{\"id\": \"emb\", \"name\": \"Ambassades étrangères à Moscou\", \"kind\": \"group\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"s\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"Short row\",\n"
	" \"source\": [\"USA\"], \"target\": [\"IND\"]},\n"
	"{\"id\": \"l\", \"type\": \"cyber_espionage\", \"date\": \"2025-02\", \"title\": \"Long row\",\n"
	" \"source\": [\"fsb\", \"sb\"], \"target\": [\"emb\"]},\n"
	"{\"id\": \"p\", \"type\": \"talks\", \"date\": \"2025-05\", \"title\": \"Many talk\",\n"
	" \"participants\": [\"RUS\", \"DEU\", \"USA\", \"IND\"]},\n"
	"{\"id\": \"c\", \"type\": \"accusation\", \"date\": \"2025-07\", \"title\": \"Counted row\",\n"
	" \"source\": [\"USA\", \"sb\", \"fsb\"], \"target\": [\"IND\"]},\n"
	"{\"id\": \"r\", \"type\": \"meeting\", \"date\": \"2025-07-01\", \"title\": \"Cyrillic row\",\n"
	" \"participants\": [\"RUS\", \"DEU\"]}]}\n";

/* Where `needle` starts in `line`, counted in characters (code points), or -1. */
static int64_t char_col(const char *line, const char *needle)
{
	const char *p = line ? strstr(line, needle) : NULL;
	return p ? (int64_t)gp__utf8_count(line, (size_t)(p - line)) : -1;
}

/*
 * One line per event after the `head` lines, each valid UTF-8, every title
 * at the column of the first one's; the lines of `titles`, to free().
 */
static void check_rows(const char *out, size_t head, const char *const *titles, size_t n,
		       char **lines, unsigned line)
{
	int ok = out && count_str(out, "\n") == head + n &&
		 gp__utf8_check((const unsigned char *)out, strlen(out)) == strlen(out);
	int64_t col = -1;
	for (size_t i = 0; i < n; i++) {
		lines[i] = line_with(out, titles[i]);
		int64_t c = char_col(lines[i], titles[i]);
		col = i ? col : c;
		ok = ok && c > 0 && c == col;
	}
	if (!ok) {
		fprintf(stderr, "\n  test_timeline.c:%u: not one aligned line per event:\n%s", line,
			out ? out : "(null)");
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, "one aligned line per event",
				__FILE__, "", CU_FALSE);
}

static void test_write_text_long_lists(void)
{
	gp_dataset *ds = load_ok(long_lists);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	const char *titles[] = { "Long row", "Many talk", "Cyrillic row", "Counted row",
				 "Short row" };
	enum { N = sizeof(titles) / sizeof(titles[0]) };
	char *l[N];
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	for (int as_of = 0; as_of < 2; as_of++) {
		if (as_of) {
			set_as_of(&o, 2025, 8, 6,
				  "2025-08-06"); /* the status column moves all alike */
		}
		char *out = write_all(ds, &o);
		check_rows(out, as_of ? 3 : 2, titles, N, l, __LINE__);
		/* Both sides and the arrow stay; the second source is counted; names cut with "…". */
		EXPECT_CONTAINS(l[0], "Federal Sec");
		EXPECT_CONTAINS(l[0], " +1 → Ambassades");
		EXPECT_CONTAINS(l[0], "…");
		CU_ASSERT(l[0] && !strstr(l[0], "Secret Blizzard"));
		/* Participants keep two names around their "↔", the other two counted. */
		EXPECT_CONTAINS(l[1], "Российск");
		EXPECT_CONTAINS(l[1], " ↔ Bundes");
		EXPECT_CONTAINS(l[1], " +2  ");
		/* Two names cut alike (an odd number of bytes: a byte cut would split a letter). */
		EXPECT_CONTAINS(l[2], "Российская Федера… ↔ Bundesrepublik De…  ");
		/* "+N" alone makes it fit: no name is cut. */
		EXPECT_CONTAINS(l[3], "États-Unis, Secret Blizzard +1 → India  ");
		EXPECT_CONTAINS(l[4], "États-Unis → India  ");
		for (size_t i = 0; i < N; i++) {
			free(l[i]);
		}
		free(out);
	}
	/* The other formats keep the full lists. */
	o.format = GP_TIMELINE_MARKDOWN;
	char *out = write_all(ds, &o);
	EXPECT_CONTAINS(
		out,
		" · Federal Security Service, Secret Blizzard → Ambassades étrangères à Moscou\\\n  Long row\n");
	free(out);
	gp_dataset_free(ds);
}

/*
 * Sources, targets and participants, `ns`, `nt` and `np` of them: when even
 * names cut to a few characters leave the "+N" too wide, the text is cut.
 */
static void check_crowded(int ns, int nt, int np, const char *want, unsigned line)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	int from[] = { 0, ns, ns + nt, ns + nt + np };
	fputs("{\"actors\": [", fp);
	for (int i = 0; i < from[3]; i++) {
		fprintf(fp,
			"%s{\"id\": \"a%d\", \"name\": \"Acteur numéro %d\", \"kind\": \"group\"}",
			i ? ",\n" : "", i, i);
	}
	fputs("],\n\"events\": [{\"id\": \"short\", \"type\": \"talks\", \"date\": \"2025\", \"title\": \"Short row\",\n"
	      " \"participants\": [\"a0\", \"a1\"]},\n"
	      "{\"id\": \"crowd\", \"type\": \"talks\", \"date\": \"2025\", \"title\": \"Crowded row\"",
	      fp);
	const char *keys[] = { "source", "target", "participants" };
	for (int k = 0; k < 3; k++) {
		fprintf(fp, ", \"%s\": [", keys[k]);
		for (int i = from[k]; i < from[k + 1]; i++) {
			fprintf(fp, "%s\"a%d\"", i > from[k] ? ", " : "", i);
		}
		fputc(']', fp);
	}
	fputs("}]}\n", fp);
	fclose(fp);
	gp_dataset *ds = load_ok(text);
	free(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	const char *titles[] = { "Crowded row", "Short row" };
	char *l[2];
	char *out = write_all(ds, &o);
	check_rows(out, 0, titles, 2, l, line);
	/* At most 40 characters of actors, then the title two spaces after. */
	int ok = char_col(l[0], "Crowded row") - char_col(l[0], "Acte") == 42 && strstr(l[0], want);
	if (!ok) {
		fprintf(stderr,
			"\n  test_timeline.c:%u: want \"%s\" in a 40-character column:\n%s\n", line,
			want, l[0] ? l[0] : "(null)");
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, want, __FILE__, "", CU_FALSE);
	free(l[0]), free(l[1]);
	free(out);
	gp_dataset_free(ds);
}

static void test_write_text_crowded(void)
{
	/* "+100", "+10", "+10": cut in the last count. */
	check_crowded(101, 11, 12, "Acte… +100 → Acte… +10; Acte… ↔ Acte… +…  Crowded row",
		      __LINE__);
	/* "+1000", "+100", "+10": cut after a name's "…", which ends the text alone. */
	check_crowded(1001, 101, 12, "Acte… +1000 → Acte… +100; Acte… ↔ Acte…   Crowded row",
		      __LINE__);
}

static void test_write_markdown(void)
{
	gp_dataset *ds = load_ok(write_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = GP_TIMELINE_MARKDOWN;
	char *out = write_all(ds, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	EXPECT_CONTAINS(out, "A \\| B talks");
	CU_ASSERT(strstr(out, "A | B talks") == NULL);
	EXPECT_CONTAINS(out, "\\~2025-08");
	EXPECT_CONTAINS(out, "2024 → ongoing");
	/* A list item an event, in timeline order: its date, type and actors, then its title. */
	EXPECT_I64(count_lines_starting(out, "- **"), 7);
	EXPECT_CONTAINS(
		out,
		"\n\n- **2025-02** · Meeting · United States ↔ India\\\n  A \\| B talks\n\n- ");
	/* Footnotes always, with links to web addresses. */
	EXPECT_CONTAINS(out, "  Tariff order, \"25%\"[^1]\n");
	EXPECT_CONTAINS(out, "\n\n[^1]: [https://x.org/a](<https://x.org/a>)\n");
	free(out);
	gp_dataset_free(ds);
}

/* Markdown special characters in a title, names, a type label and an id. */
static const char md_special_text[] =
	"{\"title\": \"Report *draft*\",\n"
	"\"types\": {\"trade_war\": {\"label\": \"Trade_war\", \"weight\": -3, \"quad\": 3}},\n"
	"\"actors\": [{\"id\": \"tw\", \"name\": \"Trade_war `x`\", \"kind\": \"group\"},\n"
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"order_1\", \"type\": \"trade_war\", \"date\": \"2025-08~\", \"source\": [\"tw\"], \"target\": [\"USA\"],\n"
	" \"title\": \"Trade_war *update* [draft] <b> back\\\\slash a|b &amp; ~~x~~\"},\n"
	"{\"id\": \"e2\", \"type\": \"statement\", \"date\": {\"after\": \"order_1\", \"offset\": \"P21D\"},\n"
	" \"title\": \"Later\", \"source\": [\"USA\"]},\n"
	"{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025-09-30\", \"title\": \"  # Not a heading\", \"source\": [\"USA\"],\n"
	" \"summary\": \"1986. A year\\n- not a list\",\n"
	" \"links\": [{\"rel\": \"in_response_to\", \"event\": \"order_1\"}, {\"rel\": \"contradicts\", \"event\": \"e2\"}]}]}\n";

static void test_write_markdown_escapes(void)
{
	gp_dataset *ds = load_ok(md_special_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options md = GP_TIMELINE_OPTIONS_INIT, text = GP_TIMELINE_OPTIONS_INIT;
	md.format = GP_TIMELINE_MARKDOWN;
	char *out = write_all(ds, &md), *plain = write_all(ds, &text);
	CU_ASSERT_FATAL(out && plain);
	EXPECT_CONTAINS(out, "## Report \\*draft\\*\n");
	EXPECT_CONTAINS(
		out,
		"\n  Trade\\_war \\*update\\* \\[draft] \\<b> back\\\\slash a\\|b \\&amp; \\~\\~x\\~\\~\n");
	EXPECT_CONTAINS(out, " · Trade\\_war · ");
	EXPECT_CONTAINS(out, " · Trade\\_war \\`x\\` → United States\\\n");
	EXPECT_CONTAINS(out, "after order\\_1");
	/* geopol's own text is escaped too: the '~' of two dates could pair. */
	EXPECT_CONTAINS(out, "- **\\~2025-08** · ");
	/* User text that starts a line opens no block: no heading, no ordered list. */
	EXPECT_CONTAINS(out, "\n  \\# Not a heading\n");
	EXPECT_CONTAINS(out, "\n  1986\\. A year - not a list\n");
	/* Links under their event, in words, escaped. */
	EXPECT_CONTAINS(out, "\n  ↳ in response to order\\_1 (2025-08\\~)\\\n  ↳ contradicts e2 (");
	/* A title with no sources has no mark, and there are no footnotes. */
	CU_ASSERT(strstr(out, "[^") == NULL);
	/* Text output is not Markdown: nothing escaped. */
	EXPECT_CONTAINS(plain, "Trade_war *update* [draft] <b> back\\slash a|b &amp; ~~x~~");
	free(out);
	free(plain);
	gp_dataset_free(ds);
}

static void test_write_csv(void)
{
	gp_dataset *ds = load_ok(write_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = GP_TIMELINE_CSV;
	char *out = write_all(ds, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT(strncmp(out, "id,date,start,end,precision", 27) == 0);
	/* A header and one row per event (no field holds a line break). */
	EXPECT_I64(count_char(out, '\n'), 8);
	/* RFC 4180: a field with a comma or quote is quoted, quotes doubled. */
	EXPECT_CONTAINS(out, ",\"Tariff order, \"\"25%\"\"\",");
	EXPECT_CONTAINS(out, "\ne1,2025-08-06,2025-08-06,2025-08-06,day,");
	EXPECT_CONTAINS(out, "\ne2,2025-08-27,2025-08-27,2025-08-27,day,");
	EXPECT_CONTAINS(out, "\ne3,2025-02,2025-02-01,2025-02-28,month,");
	EXPECT_CONTAINS(out, "\ne4,2025-08~,2025-08-01,2025-08-31,month,");
	EXPECT_CONTAINS(out, "\ne5,2024/..,2024-01-01,,year,");
	EXPECT_CONTAINS(
		out, "\ne7,2025-08-06T14:30:00Z,2025-08-06T14:30:00Z,2025-08-06T14:30:00Z,second,");
	/* Rows in timeline order. */
	const char *ids[] = { "\ne5,", "\ne3,", "\ne4,", "\ne1,", "\ne7,", "\ne6,", "\ne2," };
	const char *prev = out;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const char *p = strstr(out, ids[i]);
		CU_ASSERT(p != NULL && p > prev);
		if (p) {
			prev = p;
		}
	}
	/* The derived row names its origin; "A | B talks" needs no quotes. */
	char *l = line_with(out, "e2,2025-08-27");
	CU_ASSERT_FATAL(l != NULL);
	CU_ASSERT(strstr(l, ",e1,") != NULL ||
		  (strlen(l) > 3 && strcmp(l + strlen(l) - 3, ",e1") == 0));
	free(l);
	EXPECT_CONTAINS(out, "A | B talks");
	CU_ASSERT(strstr(out, "\"A | B talks\"") == NULL);
	free(out);
	gp_dataset_free(ds);
}

/* JSON helpers: the value of a key, checked for its type. */
static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int jnull(const cJSON *o, const char *key)
{
	return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, key));
}

static int jbool(const cJSON *o, const char *key, int want)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsBool(v) && (cJSON_IsTrue(v) ? 1 : 0) == want;
}

static double jnum(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : -12345.0;
}

/* The array at `key` holds exactly the strings `want` (NULL-terminated). */
static int jstrs(const cJSON *o, const char *key, const char *const *want)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsArray(a)) {
		return 0;
	}
	const cJSON *e = a->child;
	for (size_t i = 0; want[i]; i++, e = e->next) {
		if (!e || !cJSON_IsString(e) || strcmp(e->valuestring, want[i]) != 0) {
			return 0;
		}
	}
	return e == NULL;
}

#define JSTRS(o, key, ...) jstrs((o), (key), (const char *const[]){ __VA_ARGS__ })

static const cJSON *jevent(const cJSON *events, const char *id)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, events)
	{
		if (jstr(e, "id") && strcmp(jstr(e, "id"), id) == 0) {
			return e;
		}
	}
	return NULL;
}

static void test_write_json(void)
{
	gp_dataset *ds = load_ok(write_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = GP_TIMELINE_JSON;
	char *out = write_all(ds, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	cJSON *root = cJSON_Parse(out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	/* "geopol": 1 comes first, then "kind". */
	CU_ASSERT(root->child && root->child->string && strcmp(root->child->string, "geopol") == 0);
	EXPECT_DBL(jnum(root, "geopol"), 1);
	EXPECT_STR(jstr(root, "kind"), "timeline");
	CU_ASSERT(jnull(root, "as_of"));
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(root, "events");
	CU_ASSERT_FATAL(cJSON_IsArray(events));
	EXPECT_I64(cJSON_GetArraySize(events), 7);
	const char *want_order[] = { "e5", "e3", "e4", "e1", "e7", "e6", "e2" };
	for (int i = 0; i < 7 && i < cJSON_GetArraySize(events); i++) {
		EXPECT_STR(jstr(cJSON_GetArrayItem(events, i), "id"), want_order[i]);
	}

	/* A derived date. */
	const cJSON *e2 = jevent(events, "e2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	EXPECT_STR(jstr(e2, "type"), "tariff_effective");
	EXPECT_STR(jstr(e2, "title"), "Tariff takes effect");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(e2, "date");
	CU_ASSERT_FATAL(cJSON_IsObject(d));
	EXPECT_STR(jstr(d, "edtf"), "2025-08-27");
	EXPECT_STR(jstr(d, "start"), "2025-08-27");
	EXPECT_STR(jstr(d, "end"), "2025-08-27");
	EXPECT_STR(jstr(d, "precision"), "day");
	CU_ASSERT(jbool(d, "approximate", 0));
	CU_ASSERT(jbool(d, "uncertain", 0));
	EXPECT_STR(jstr(d, "derived_from"), "e1");
	CU_ASSERT(JSTRS(e2, "source", "USA", NULL));
	CU_ASSERT(JSTRS(e2, "target", "IND", NULL));
	CU_ASSERT(JSTRS(e2, "participants", NULL));
	CU_ASSERT(JSTRS(e2, "about", NULL));
	EXPECT_DBL(jnum(e2, "weight"), -8);
	EXPECT_DBL(jnum(e2, "quad"), 4);
	CU_ASSERT(JSTRS(e2, "sources", NULL));
	const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(e2, "attributes");
	CU_ASSERT(cJSON_IsObject(attrs) && attrs->child == NULL);

	/* A plain day with about, citations and attributes. */
	const cJSON *e1 = jevent(events, "e1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	EXPECT_STR(jstr(e1, "type"), "tariff");
	EXPECT_STR(jstr(e1, "title"), "Tariff order, \"25%\"");
	d = cJSON_GetObjectItemCaseSensitive(e1, "date");
	CU_ASSERT_FATAL(cJSON_IsObject(d));
	EXPECT_STR(jstr(d, "edtf"), "2025-08-06");
	EXPECT_STR(jstr(d, "start"), "2025-08-06");
	EXPECT_STR(jstr(d, "end"), "2025-08-06");
	CU_ASSERT(jnull(d, "derived_from"));
	CU_ASSERT(JSTRS(e1, "source", "USA", NULL));
	CU_ASSERT(JSTRS(e1, "target", "IND", NULL));
	CU_ASSERT(JSTRS(e1, "participants", NULL));
	CU_ASSERT(JSTRS(e1, "about", "RUS", NULL));
	CU_ASSERT(JSTRS(e1, "sources", "https://x.org/a", NULL));
	EXPECT_DBL(jnum(e1, "weight"), -8);
	EXPECT_DBL(jnum(e1, "quad"), 4);
	attrs = cJSON_GetObjectItemCaseSensitive(e1, "attributes");
	CU_ASSERT_FATAL(cJSON_IsObject(attrs));
	EXPECT_I64(cJSON_GetArraySize(attrs), 2);
	EXPECT_DBL(jnum(attrs, "rate_pct"), 25);
	EXPECT_STR(jstr(attrs, "note"), "x");

	/* An open-ended interval. */
	const cJSON *e5 = jevent(events, "e5");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e5);
	d = cJSON_GetObjectItemCaseSensitive(e5, "date");
	CU_ASSERT_FATAL(cJSON_IsObject(d));
	EXPECT_STR(jstr(d, "edtf"), "2024/..");
	EXPECT_STR(jstr(d, "start"), "2024-01-01");
	CU_ASSERT(jnull(d, "end"));
	EXPECT_STR(jstr(d, "precision"), "year");
	CU_ASSERT(jnull(d, "derived_from"));
	EXPECT_DBL(jnum(e5, "weight"), -7);
	EXPECT_DBL(jnum(e5, "quad"), 4);
	CU_ASSERT(JSTRS(e5, "source", "RUS", NULL));
	CU_ASSERT(JSTRS(e5, "target", "USA", NULL));

	/* An approximate month. */
	const cJSON *e4 = jevent(events, "e4");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e4);
	d = cJSON_GetObjectItemCaseSensitive(e4, "date");
	CU_ASSERT_FATAL(cJSON_IsObject(d));
	EXPECT_STR(jstr(d, "edtf"), "2025-08~");
	EXPECT_STR(jstr(d, "start"), "2025-08-01");
	EXPECT_STR(jstr(d, "end"), "2025-08-31");
	EXPECT_STR(jstr(d, "precision"), "month");
	CU_ASSERT(jbool(d, "approximate", 1));
	CU_ASSERT(jbool(d, "uncertain", 0));
	EXPECT_DBL(jnum(e4, "weight"), 0);
	EXPECT_DBL(jnum(e4, "quad"), 1);

	/* A symmetric event. */
	const cJSON *e3 = jevent(events, "e3");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e3);
	CU_ASSERT(JSTRS(e3, "participants", "USA", "IND", NULL));
	CU_ASSERT(JSTRS(e3, "source", NULL));
	EXPECT_DBL(jnum(e3, "weight"), 2.5);
	EXPECT_STR(jstr(e3, "title"), "A | B talks");
	d = cJSON_GetObjectItemCaseSensitive(e3, "date");
	EXPECT_STR(jstr(d, "start"), "2025-02-01");
	EXPECT_STR(jstr(d, "end"), "2025-02-28");

	/* A date with a time: full ISO 8601 instants. */
	const cJSON *e7 = jevent(events, "e7");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e7);
	d = cJSON_GetObjectItemCaseSensitive(e7, "date");
	EXPECT_STR(jstr(d, "start"), "2025-08-06T14:30:00Z");
	EXPECT_STR(jstr(d, "end"), "2025-08-06T14:30:00Z");
	EXPECT_STR(jstr(d, "precision"), "second");
	EXPECT_DBL(jnum(e7, "weight"), 1.9);
	cJSON_Delete(root);
	free(out);

	/* With an as-of date, "as_of" holds it as written. */
	set_as_of(&o, 2025, 8, 6, "2025-08-06");
	out = write_all(ds, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	root = cJSON_Parse(out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	EXPECT_STR(jstr(root, "as_of"), "2025-08-06");
	EXPECT_I64(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "events")), 7);
	cJSON_Delete(root);
	free(out);
	gp_dataset_free(ds);
}

/*
 * A date without a time moved by hours (PT5H): its bounds have times now, so
 * start and end are instants in CSV and JSON (DESIGN §7), as in the EDTF and
 * the text; the precision stays the day's (DESIGN §2: the other event's).
 */
static void test_write_hours_offset(void)
{
	gp_dataset *ds = load_ok(
		"{\"actors\": [{\"id\": \"USA\", \"name\": \"US\", \"kind\": \"country\"}], \"events\": ["
		"{\"id\": \"b\", \"type\": \"statement\", \"date\": \"2025-08-06\", \"title\": \"B\", \"source\": [\"USA\"]}, "
		"{\"id\": \"c\", \"type\": \"statement\", \"date\": {\"after\": \"b\", \"offset\": \"PT5H\"}, "
		"\"title\": \"C\", \"source\": [\"USA\"]}, "
		"{\"id\": \"d\", \"type\": \"statement\", \"date\": {\"after\": \"b\", \"offset\": \"PT48H\"}, "
		"\"title\": \"D\", \"source\": [\"USA\"]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	char *text = write_all(ds, &o);
	o.format = GP_TIMELINE_CSV;
	char *csv = write_all(ds, &o);
	o.format = GP_TIMELINE_JSON;
	char *json = write_all(ds, &o);
	cJSON *root = json ? cJSON_Parse(json) : NULL;
	const cJSON *c = jevent(cJSON_GetObjectItemCaseSensitive(root, "events"), "c");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(c, "date");
	CU_ASSERT_FATAL(text && csv && cJSON_IsObject(d));
	EXPECT_STR(jstr(d, "edtf"), "2025-08-06T05:00Z/2025-08-07T04:59Z");
	EXPECT_STR(jstr(d, "start"), "2025-08-06T05:00:00Z");
	EXPECT_STR(jstr(d, "end"), "2025-08-07T04:59:59Z");
	EXPECT_STR(jstr(d, "precision"), "minute");
	EXPECT_STR(jstr(d, "offset"), "PT5H");
	EXPECT_CONTAINS(csv, "\nc,2025-08-06T05:00Z/2025-08-07T04:59Z,2025-08-06T05:00:00Z,"
			     "2025-08-07T04:59:59Z,minute,");
	/* Hours that add up to whole days leave a plain date. */
	EXPECT_CONTAINS(csv, "\nd,2025-08-08,2025-08-08,2025-08-08,day,");
	EXPECT_CONTAINS(text, "2025-08-06 05:00Z → 2025-08-07 04:59Z");
	EXPECT_CONTAINS(text, "5 hours after b");
	cJSON_Delete(root);
	free(text);
	free(csv);
	free(json);
	gp_dataset_free(ds);
}

/* Writing no event at all still gives a valid document. */
static void test_write_empty(void)
{
	gp_dataset *ds = load_ok(write_text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = GP_TIMELINE_JSON;
	gp_index none = 0;
	EXPECT_I64(gp_timeline_write(fp, ds, &none, 0, &o), GP_OK);
	fclose(fp);
	cJSON *root = cJSON_Parse(buf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(root, "events");
	CU_ASSERT(cJSON_IsArray(ev) && cJSON_GetArraySize(ev) == 0);
	cJSON_Delete(root);
	free(buf);

	/* CSV into a tmpfile: the header alone. */
	FILE *tf = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(tf);
	o.format = GP_TIMELINE_CSV;
	EXPECT_I64(gp_timeline_write(tf, ds, &none, 0, &o), GP_OK);
	rewind(tf);
	char line[512];
	CU_ASSERT(fgets(line, sizeof(line), tf) != NULL);
	CU_ASSERT(strncmp(line, "id,date,start,end,precision", 27) == 0);
	CU_ASSERT(fgets(line, sizeof(line), tf) == NULL);
	fclose(tf);
	gp_dataset_free(ds);
}

/*
 * Compact rows are put in order by a counting sort by day (timeline.c),
 * all of them or a part listed in input order, and events and out-of-order
 * lists by qsort: each gives one order, days ascending and ties in input
 * order, including days before 1970 and days far apart.
 */
static void test_order_compact_rows(void)
{
	static const char *const dates[] = { "20250806", "19691231", "20250806", "18000101",
					     "20250805", "19691231", "99991231", "20250806",
					     "20250805", "19700101" };
	enum { N = sizeof(dates) / sizeof(dates[0]) };
	static const int ids[N] = { 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 };
	test_diags d;
	gp_dataset *ds;
	EXPECT_I64(test_load_gdelt_rows(ids, N, 1, dates, GP_ROWS_COMPACT, &d, &ds), GP_OK);
	EXPECT_I64(gp_dataset_event_count(ds), N);

	gp_index *order;
	size_t n;
	EXPECT_I64(gp_timeline_build(&order, &n, ds, NULL), GP_OK);
	CU_ASSERT_FATAL(n == N);
	/* Input ids in the expected order: by day, then as read. */
	static const int want[] = { 103, 101, 105, 109, 104, 108, 100, 102, 107, 106 };
	char id[32];
	for (size_t i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "gdelt-%d", want[i]);
		EXPECT_STR(gp_dataset_event(ds, order[i])->id, id);
	}
	/* A list not in input order goes through qsort: the same order. */
	gp_index back[N];
	for (size_t i = 0; i < N; i++) {
		back[i] = (gp_index)(N - 1 - i);
	}
	gp__timeline_sort(ds, back, N);
	for (size_t i = 0; i < N; i++) {
		EXPECT_I64(back[i], order[i]);
	}
	/* A part of them listed in input order (a filter's): the order of the whole, kept to it. */
	gp_index even[N / 2], want_even[N / 2];
	size_t ke = 0;
	for (size_t i = 0; i < N; i++) {
		if (order[i] % 2 == 0) {
			want_even[ke++] = order[i];
		}
	}
	CU_ASSERT_FATAL(ke == N / 2);
	for (size_t i = 0; i < N / 2; i++) {
		even[i] = (gp_index)(2 * i);
	}
	gp__timeline_sort(ds, even, N / 2);
	for (size_t i = 0; i < N / 2; i++) {
		EXPECT_I64(even[i], want_even[i]);
	}
	free(order);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/* ------------------------------------------------------------ registration */

static CU_TestInfo timeline_tests[] = {
	{ "order", test_order },
	{ "order by precision", test_order_precision },
	{ "order of compact rows: by day, then as read", test_order_compact_rows },
	{ "filter by dates", test_filter_dates },
	{ "filter by types", test_filter_types },
	{ "filter by actors", test_filter_actors },
	{ "status and days left", test_status },
	{ "status: a coarse --as-of is its last day", test_status_coarse_as_of },
	{ "write text", test_write_text },
	{ "write text: long actor lists, one line", test_write_text_long_lists },
	{ "write text: crowded actor lists, one line", test_write_text_crowded },
	{ "write markdown", test_write_markdown },
	{ "write markdown: special characters escaped", test_write_markdown_escapes },
	{ "write csv", test_write_csv },
	{ "write json", test_write_json },
	{ "write a day moved by hours", test_write_hours_offset },
	{ "write nothing", test_write_empty },
	CU_TEST_INFO_NULL,
};

int gp_test_add_timeline(void)
{
	return gp_test_register("timeline", timeline_tests);
}
