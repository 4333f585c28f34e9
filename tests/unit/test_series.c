/*
 * test_series.c - the graph window by window (docs/series.md): calendar
 * windows, shares of an event's dates, --whole, open ends cut at the range,
 * nodes' and dyads' values per window, --actor's focus, a pair (geopol
 * dyad), and the writers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/*
 * 2025 (a year: 31/365 in January); 2025-01-17/2025-02-15 (15 of its 30 days
 * in each month); A meets B and C on 2025-03-01; B accuses A from 2025-02 on.
 */
static const char series_text[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},\n"
	"  {\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"country\"},\n"
	"  {\"id\": \"C\", \"name\": \"Gamma\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"y\", \"type\": \"sanction\", \"weight\": -8, \"date\": \"2025\", \"title\": \"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"]},\n"
	"{\"id\": \"t\", \"type\": \"talks\", \"weight\": 4, \"date\": \"2025-01-17/2025-02-15\",\n"
	" \"title\": \"t\", \"participants\": [\"A\", \"B\"]},\n"
	"{\"id\": \"m\", \"type\": \"meeting\", \"weight\": 2, \"date\": \"2025-03-01\", \"title\": \"t\",\n"
	" \"participants\": [\"A\", \"B\", \"C\"]},\n"
	"{\"id\": \"o\", \"type\": \"accusation\", \"weight\": -2, \"date\": \"2025-02/..\", \"title\": "
	"\"t\",\n"
	" \"source\": [\"B\"], \"target\": [\"A\"]}\n"
	"]}\n";

static gp_dataset *load_series(void)
{
	return test_load_clean("series.json", series_text);
}

static gp_series *build(const gp_dataset *ds, gp_series_options *o)
{
	gp_series *s = NULL;
	EXPECT_I64(gp_series_build(&s, ds, o), GP_OK);
	CU_ASSERT_FATAL(s != NULL);
	return s;
}

static const gp_series_dyad *dyad_in(const gp_series *s, size_t win, const char *a, const char *b,
				     int directed)
{
	const gp_window *w = gp_series_window(s, win);
	const gp_dataset *ds = gp_series_dataset(s);
	for (size_t k = w->first_dyad; k < w->first_dyad + w->n_dyads; k++) {
		const gp_series_dyad *d = gp_series_dyad_at(s, k);
		if (d->directed == directed &&
		    strcmp(gp_actor_id(gp_dataset_actor(ds, d->source)), a) == 0 &&
		    strcmp(gp_actor_id(gp_dataset_actor(ds, d->target)), b) == 0) {
			return d;
		}
	}
	return NULL;
}

static const gp_series_node *node_in(const gp_series *s, size_t win, const char *id)
{
	const gp_window *w = gp_series_window(s, win);
	const gp_dataset *ds = gp_series_dataset(s);
	for (size_t k = w->first_node; k < w->first_node + w->n_nodes; k++) {
		const gp_series_node *x = gp_series_node_at(s, k);
		if (strcmp(gp_actor_id(gp_dataset_actor(ds, x->actor)), id) == 0) {
			return x;
		}
	}
	return NULL;
}

static void test_windows_and_shares(void)
{
	gp_dataset *ds = load_series();
	gp_series_options o = GP_SERIES_OPTIONS_INIT;
	gp_series *s = build(ds, &o);
	/* 2025-01 .. 2025-12: the year's event bounds the range; the open end is cut there. */
	EXPECT_I64(gp_series_window_count(s), 12);
	EXPECT_I64(gp_series_event_count(s), 4);
	char name[16];
	EXPECT_STR(gp_series_window_name(s, 0, name, sizeof(name)), "2025-01");
	EXPECT_STR(gp_series_window_name(s, 11, name, sizeof(name)), "2025-12");
	const gp_series_dyad *ab = dyad_in(s, 0, "A", "B", 1);
	CU_ASSERT_FATAL(ab != NULL);
	EXPECT_NEAR(ab->count, 31.0 / 365, 1e-12);
	EXPECT_NEAR(ab->conflict, -8 * 31.0 / 365, 1e-12);
	EXPECT_DBL(ab->cooperation, 0);
	const gp_series_dyad *talks = dyad_in(s, 0, "A", "B", 0);
	CU_ASSERT_FATAL(talks != NULL);
	EXPECT_NEAR(talks->count, 0.5, 1e-12);
	EXPECT_NEAR(talks->cooperation, 2, 1e-12);
	/* The accusation: 2025-02 to the range's end (Dec 31): 28 of 334 days in February. */
	const gp_series_dyad *ba = dyad_in(s, 1, "B", "A", 1);
	CU_ASSERT_FATAL(ba != NULL);
	EXPECT_NEAR(ba->count, 28.0 / 334, 1e-12);
	EXPECT_NEAR(gp_series_window(s, 1)->events, 28.0 / 365 + 0.5 + 28.0 / 334, 1e-12);
	/* March: the meeting's three dyads; its nodes' values. */
	EXPECT_TRUE(dyad_in(s, 2, "B", "C", 0) != NULL);
	const gp_series_node *a = node_in(s, 2, "A");
	CU_ASSERT_FATAL(a != NULL);
	EXPECT_NEAR(a->events, 31.0 / 365 + 1 + 31.0 / 334, 1e-12);
	EXPECT_I64(a->out_degree, 2); /* B (the sanction, the meeting), C */
	EXPECT_I64(a->in_degree, 2);  /* B (the accusation, the meeting), C */
	EXPECT_NEAR(a->strength_cooperation, 2 + 2, 1e-12);
	EXPECT_NEAR(a->strength_conflict, 8 * 31.0 / 365 + 2 * 31.0 / 334, 1e-12);
	double pr = 0;
	for (size_t k = 0; k < gp_series_window(s, 2)->n_nodes; k++) {
		pr += gp_series_node_at(s, gp_series_window(s, 2)->first_node + k)->pagerank;
	}
	EXPECT_NEAR(pr, 1, 1e-9);
	gp_series_free(s);

	/* Whole: 1 in every window overlapped; quarters. */
	o.whole = 1;
	o.every = GP_EVERY_QUARTER;
	s = build(ds, &o);
	EXPECT_I64(gp_series_window_count(s), 4);
	EXPECT_STR(gp_series_window_name(s, 2, name, sizeof(name)), "2025-Q3");
	ab = dyad_in(s, 3, "A", "B", 1);
	CU_ASSERT_FATAL(ab != NULL);
	EXPECT_DBL(ab->count, 1);
	EXPECT_DBL(ab->conflict, -8);
	EXPECT_DBL(gp_series_window(s, 0)->events, 4); /* every event touches Q1 */
	gp_series_free(s);

	/* --from/--to bound the range; years. */
	gp_filter f = GP_FILTER_INIT;
	gp_date d;
	gp_date_error de;
	CU_ASSERT_FATAL(gp_date_parse(&d, "2024", 4, &de) == GP_OK);
	f.has_from = 1, f.from = d.start;
	o.whole = 0, o.every = GP_EVERY_YEAR, o.filter = &f;
	s = build(ds, &o);
	EXPECT_I64(gp_series_window_count(s), 2);
	EXPECT_STR(gp_series_window_name(s, 0, name, sizeof(name)), "2024");
	EXPECT_I64(gp_series_window(s, 0)->n_dyads, 0);
	gp_series_free(s);
	gp_dataset_free(ds);
}

static void test_focus_and_pair(void)
{
	gp_dataset *ds = load_series();
	gp_series_options o = GP_SERIES_OPTIONS_INIT;
	uint8_t *focus = calloc(gp_dataset_actor_count(ds), 1);
	CU_ASSERT_FATAL(focus != NULL);
	focus[gp_dataset_find_actor(ds, "C")] = 1;
	o.focus = focus;
	gp_series *s = build(ds, &o);
	for (size_t i = 0; i < gp_series_node_count(s); i++) {
		EXPECT_STR(gp_actor_id(gp_dataset_actor(ds, gp_series_node_at(s, i)->actor)), "C");
	}
	EXPECT_I64(gp_series_node_count(s), 1);
	EXPECT_I64(gp_series_dyad_count(s), 2); /* A - C, B - C in March */
	gp_series_free(s);
	free(focus);

	/* A pair: only their events, from the first to the last; no nodes. */
	gp_series_options p = GP_SERIES_OPTIONS_INIT;
	p.pair[0] = gp_dataset_find_actor(ds, "C");
	p.pair[1] = gp_dataset_find_actor(ds, "A");
	s = build(ds, &p);
	EXPECT_I64(gp_series_window_count(s), 1);
	EXPECT_I64(gp_series_event_count(s), 1);
	EXPECT_I64(gp_series_node_count(s), 0);
	EXPECT_TRUE(dyad_in(s, 0, "A", "C", 0) != NULL);
	gp_series_free(s);
	p.pair[1] = GP_NONE;
	EXPECT_I64(gp_series_build(&s, ds, &p), GP_EINVALID);
	EXPECT_TRUE(s == NULL);

	EXPECT_I64(gp_every_from_name("P1M"), GP_EVERY_MONTH);
	EXPECT_I64(gp_every_from_name("P1Q"), GP_EVERY_QUARTER);
	EXPECT_I64(gp_every_from_name("P3M"), GP_EVERY_QUARTER);
	EXPECT_I64(gp_every_from_name("P1Y"), GP_EVERY_YEAR);
	EXPECT_I64(gp_every_from_name("P1W"), -1);
	gp_dataset_free(ds);
}

static char *written(const gp_series *s, int what)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	int rc = what == 0   ? gp_series_write_csv(fp, s, GP_SERIES_DYADS)
		 : what == 1 ? gp_series_write_json(fp, s)
		 : what == 2 ? gp_dyad_write_csv(fp, s)
			     : gp_dyad_write_svg(fp, s);
	EXPECT_I64(rc, GP_OK);
	fclose(fp);
	return buf;
}

static void test_writers(void)
{
	gp_dataset *ds = load_series();
	gp_series_options o = GP_SERIES_OPTIONS_INIT;
	gp_series *s = build(ds, &o);
	char *csv = written(s, 0), *json = written(s, 1);
	CU_ASSERT(strstr(csv, "2025-01,2025-01-01,2025-01-31,A,B,false,0.5,2,0,2,share\n") != NULL);
	CU_ASSERT(strstr(json, "\"kind\":\"series\",\"level\":\"actor\",\"every\":\"P1M\","
			       "\"counted\":\"share\",\"events\":4") != NULL);
	free(csv), free(json);
	gp_series_free(s);
	o.pair[0] = gp_dataset_find_actor(ds, "B");
	o.pair[1] = gp_dataset_find_actor(ds, "A");
	s = build(ds, &o);
	csv = written(s, 2);
	char *svg = written(s, 3);
	CU_ASSERT(strstr(csv, "2025-02,2025-02-01,2025-02-28,b_to_a,A,B,true,") != NULL);
	CU_ASSERT(strstr(csv, "2025-01,2025-01-01,2025-01-31,mutual,A,B,false,0.5,2,0,2,share") !=
		  NULL);
	CU_ASSERT(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"") != NULL);
	CU_ASSERT(strstr(svg, "Beta and Alpha: cooperation and conflict by month") != NULL);
	free(csv), free(svg);
	gp_series_free(s);
	gp_dataset_free(ds);
}

static CU_TestInfo series_tests[] = {
	{ "windows, shares, whole, range", test_windows_and_shares },
	{ "--actor's focus, a pair", test_focus_and_pair },
	{ "CSV, JSON, dyad CSV and SVG", test_writers },
	CU_TEST_INFO_NULL,
};

int gp_test_add_series(void)
{
	return gp_test_register("series", series_tests);
}
