/*
 * test_chart.c - the theme-line chart's layout (timeline_chart.c): x in time
 * order on a real scale, long empty stretches compressed, boxes stacked
 * without overlap, the default lines and --lines, the same DOT every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "internal.h"
#include "harness.h"

/* Load text, lay out all its events; the dataset and order are the caller's. */
static int layout(gp__chart *c, const char *text, gp_dataset **ds, gp_index **order, size_t *n,
		  const gp_chart_options *o)
{
	test_diags d;
	test_diags_init(&d);
	int rc = test_load("chart.json", text, &d, ds);
	test_diags_release(&d);
	EXPECT_I64(rc, GP_OK);
	EXPECT_I64(gp_timeline_build(order, n, *ds, NULL), GP_OK);
	return gp__chart_layout(c, *ds, *order, *n, o);
}

static const gp__chart_box *box_of(const gp__chart *c, const gp_dataset *ds, const char *id)
{
	for (size_t i = 0; i < c->n_boxes; i++) {
		if (strcmp(gp_event_id(gp_dataset_event(ds, c->boxes[i].event)), id) == 0) {
			return &c->boxes[i];
		}
	}
	CU_FAIL("no box for the event");
	return &c->boxes[0];
}

static const char two_years[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},"
	" {\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"country\"}],"
	" \"events\": ["
	"{\"id\": \"e1\", \"type\": \"talks\", \"date\": \"2020-01-01\", \"title\": \"one\","
	" \"participants\": [\"A\", \"B\"]},"
	"{\"id\": \"e2\", \"type\": \"talks\", \"date\": \"2020-03-01\", \"title\": \"two\","
	" \"participants\": [\"A\", \"B\"]},"
	"{\"id\": \"e3\", \"type\": \"threat\", \"date\": \"2020-07-01\", \"title\": \"three\","
	" \"source\": [\"A\"], \"target\": [\"B\"]},"
	"{\"id\": \"e4\", \"type\": \"threat\", \"date\": \"2021-01-01\", \"title\": \"four\","
	" \"source\": [\"B\"], \"target\": [\"A\"]}]}";

/* No gap here: x grows with time, in proportion. */
static void test_real_scale(void)
{
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0;
	EXPECT_I64(layout(&c, two_years, &ds, &order, &n, NULL), GP_OK);
	EXPECT_I64(c.n_boxes, 4);
	EXPECT_I64(c.n_segs, 1);
	double x1 = box_of(&c, ds, "e1")->x, x2 = box_of(&c, ds, "e2")->x,
	       x3 = box_of(&c, ds, "e3")->x, x4 = box_of(&c, ds, "e4")->x;
	EXPECT_TRUE(x1 < x2 && x2 < x3 && x3 < x4);
	EXPECT_NEAR(x1, c.plot_x0, 1e-9);
	EXPECT_NEAR(x4, c.plot_x1, 1e-9);
	/* 2020-01-01 to 03-01 is 60 days, to 07-01 182, to 2021-01-01 366. */
	EXPECT_NEAR((x2 - x1) / (x4 - x1), 60.0 / 366, 1e-9);
	EXPECT_NEAR((x3 - x1) / (x4 - x1), 182.0 / 366, 1e-9);
	EXPECT_NEAR(c.px_per_day * 366, x4 - x1, 1e-6);
	gp__chart_free(&c);
	free(order);
	gp_dataset_free(ds);
}

/* Fifteen empty years between 2000 and 2015 become one marked gap; the rest keeps its scale. */
static void test_gap_compressed(void)
{
	static const char text[] =
		"{\"events\": ["
		"{\"id\": \"old\", \"type\": \"talks\", \"date\": \"2000-05-01\", \"title\": \"old\","
		" \"participants\": [\"A\", \"B\"]},"
		"{\"id\": \"a\", \"type\": \"talks\", \"date\": \"2015-01-01\", \"title\": \"a\","
		" \"participants\": [\"A\", \"B\"]},"
		"{\"id\": \"b\", \"type\": \"talks\", \"date\": \"2015-07-01\", \"title\": \"b\","
		" \"participants\": [\"A\", \"B\"]},"
		"{\"id\": \"c\", \"type\": \"talks\", \"date\": \"2016-01-01\", \"title\": \"c\","
		" \"participants\": [\"A\", \"B\"]}]}";
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0, gaps = 0;
	EXPECT_I64(layout(&c, text, &ds, &order, &n, NULL), GP_OK);
	for (size_t i = 0; i < c.n_segs; i++) {
		gaps += c.segs[i].gap;
	}
	EXPECT_I64(gaps, 1);
	double xo = box_of(&c, ds, "old")->x, xa = box_of(&c, ds, "a")->x,
	       xb = box_of(&c, ds, "b")->x, xc = box_of(&c, ds, "c")->x;
	EXPECT_TRUE(xo < xa && xa < xb && xb < xc);
	/* The 15 years take less room than the 1 year after them. */
	EXPECT_TRUE(xa - xo < xc - xa);
	/* After the gap, the scale is real: half a year is half the year. */
	EXPECT_NEAR((xb - xa) / (xc - xa), 181.0 / 365, 1e-9);
	/* A time inside the gap falls inside it, in order. */
	double mid = gp__chart_x(&c, (int64_t)gp_days_from_civil(2008, 1, 1) * 86400);
	EXPECT_TRUE(xo < mid && mid < xa);
	gp__chart_free(&c);
	free(order);
	gp_dataset_free(ds);
}

/*
 * The bundled data's pattern: a few events years apart, then many within two
 * months under a talks span that covers them all. The silences between the
 * sparse events are cut, however many there are, and the cluster gets most
 * of the width (the mean spacing of the merged stretches, which counted the
 * other silences, kept all of them to scale).
 */
static void test_cluster_gets_width(void)
{
	static const char *const sparse[] = { "2019-01-01", "2020-06-01", "2021-03-01",
					      "2022-03-01" };
	gp_sbuf b = { 0 };
	gp__sb_puts(&b, "{\"events\": [{\"id\": \"span\", \"type\": \"talks\", \"date\": "
			"\"2022-07-01/2022-08-31\", \"title\": \"span\","
			" \"participants\": [\"A\", \"B\"]}");
	for (int i = 0; i < 4; i++) {
		gp__sb_printf(&b,
			      ",{\"id\": \"s%d\", \"type\": \"talks\", \"date\": \"%s\","
			      " \"title\": \"s\", \"participants\": [\"A\", \"B\"]}",
			      i, sparse[i]);
	}
	for (int i = 0; i < 10; i++) {
		int day = 1 + 6 * i; /* July 1 to August 24 */
		gp__sb_printf(&b,
			      ",{\"id\": \"c%d\", \"type\": \"statement\", \"date\": "
			      "\"2022-%02d-%02d\", \"title\": \"c\", \"source\": [\"A\"]}",
			      i, day > 31 ? 8 : 7, day > 31 ? day - 31 : day);
	}
	gp__sb_puts(&b, "]}");
	CU_ASSERT_FATAL(b.s != NULL);
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0, gaps = 0;
	EXPECT_I64(layout(&c, b.s, &ds, &order, &n, NULL), GP_OK);
	for (size_t i = 0; i < c.n_segs; i++) {
		gaps += c.segs[i].gap;
	}
	EXPECT_I64(gaps, 4);
	/* Each silence lies in a cut: a day in its middle maps inside a gap segment. */
	static const int mid[4][3] = {
		{ 2019, 9, 1 }, { 2020, 10, 1 }, { 2021, 9, 1 }, { 2022, 5, 1 }
	};
	for (int i = 0; i < 4; i++) {
		int64_t t = (int64_t)gp_days_from_civil(mid[i][0], mid[i][1], mid[i][2]) * 86400;
		double x = gp__chart_x(&c, t);
		int in_gap = 0;
		for (size_t j = 0; j < c.n_segs; j++) {
			in_gap |= c.segs[j].gap && c.segs[j].x0 < x && x < c.segs[j].x1;
		}
		EXPECT_TRUE(in_gap);
	}
	/* The two months take most of the width, at one real scale. */
	double x0 = box_of(&c, ds, "c0")->x, x9 = box_of(&c, ds, "c9")->x;
	EXPECT_TRUE(x9 - x0 > 0.6 * (c.plot_x1 - c.plot_x0));
	EXPECT_NEAR(x9 - x0, c.px_per_day * 54, 1e-6);
	gp__chart_free(&c);
	free(order);
	gp_dataset_free(ds);
	free(b.s);
}

static int overlap(const gp__chart_box *a, const gp__chart_box *b)
{
	return a->left < b->left + b->w && b->left < a->left + a->w && a->top < b->top + b->h &&
	       b->top < a->top + a->h;
}

/* Eight events on one day for one actor, a ninth a year later: eight lanes, no overlap. */
static void test_lanes(void)
{
	gp_sbuf b = { 0 };
	gp__sb_puts(&b, "{\"events\": [");
	for (int i = 0; i < 9; i++) {
		gp__sb_printf(&b,
			      "%s{\"id\": \"e%d\", \"type\": \"statement\", \"date\": "
			      "\"%d-08-06\", \"title\": \"A rather long title number %d\","
			      " \"source\": [\"A\"]}",
			      i ? "," : "", i, i < 8 ? 2025 : 2026, i);
	}
	gp__sb_puts(&b, "]}");
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0;
	EXPECT_I64(layout(&c, b.s, &ds, &order, &n, NULL), GP_OK);
	EXPECT_I64(c.n_lines, 1);
	EXPECT_I64(c.lines[0].lanes, 8);
	for (size_t i = 0; i < c.n_boxes; i++) {
		EXPECT_TRUE(c.boxes[i].top + c.boxes[i].h <= c.lines[0].y);
		EXPECT_TRUE(c.boxes[i].top >= c.lines[0].band_top);
		for (size_t k = i + 1; k < c.n_boxes; k++) {
			EXPECT_TRUE(!overlap(&c.boxes[i], &c.boxes[k]));
		}
	}
	gp__chart_free(&c);
	free(order);
	free(b.s);
	gp_dataset_free(ds);
}

/* 14 actors: the 12 of the most events, ordered by first event; --lines overrides. */
static void test_default_lines(void)
{
	gp_sbuf b = { 0 };
	gp__sb_puts(&b, "{\"events\": [");
	/* Actor a<k> has k + 1 events, the first of them on day 14 - k: a13 has most, earliest. */
	int first = 1;
	for (int k = 0; k < 14; k++) {
		for (int j = 0; j <= k; j++) {
			gp__sb_printf(&b,
				      "%s{\"id\": \"a%d-%d\", \"type\": \"statement\", \"date\": "
				      "\"2025-01-%02d\", \"title\": \"t\", \"source\": [\"a%d\"]}",
				      first ? "" : ",", k, j, 14 - k + j, k);
			first = 0;
		}
	}
	gp__sb_puts(&b, "]}");
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0;
	EXPECT_I64(layout(&c, b.s, &ds, &order, &n, NULL), GP_OK);
	EXPECT_I64(c.n_lines, 12);
	EXPECT_STR(gp_actor_id(gp_dataset_actor(ds, c.lines[0].actor)), "a13");
	EXPECT_STR(gp_actor_id(gp_dataset_actor(ds, c.lines[11].actor)), "a2");
	EXPECT_I64(c.left_out, 3); /* a0's one event and a1's two */
	gp__chart_free(&c);

	gp_index pick[2] = { gp_dataset_find_actor(ds, "a0"), gp_dataset_find_actor(ds, "a5") };
	gp_chart_options o = GP_CHART_OPTIONS_INIT;
	o.lines = pick;
	o.n_lines = 2;
	EXPECT_I64(gp__chart_layout(&c, ds, order, n, &o), GP_OK);
	EXPECT_I64(c.n_lines, 2);
	EXPECT_I64(c.lines[0].actor, pick[0]);
	EXPECT_I64(c.lines[1].actor, pick[1]);
	EXPECT_I64(c.n_boxes, 7);
	EXPECT_I64(c.left_out, n - 7);
	gp__chart_free(&c);
	free(order);
	free(b.s);
	gp_dataset_free(ds);
}

/* A derived date's box sits on its origin's line when that costs no more than a row. */
static void test_lineage_line(void)
{
	static const char text[] =
		"{\"events\": ["
		"{\"id\": \"order\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": "
		"\"order\", \"source\": [\"A\"], \"target\": [\"B\"]},"
		"{\"id\": \"far\", \"type\": \"talks\", \"date\": \"2024-01-01\", \"title\": "
		"\"far\", \"participants\": [\"A\", \"B\"]},"
		"{\"id\": \"in-force\", \"type\": \"tariff_effective\", \"date\": {\"after\": "
		"\"order\", \"offset\": \"P21D\"}, \"title\": \"in force\", \"source\": [\"B\"],"
		" \"target\": [\"A\"]}]}";
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0;
	EXPECT_I64(layout(&c, text, &ds, &order, &n, NULL), GP_OK);
	const gp__chart_box *o = box_of(&c, ds, "order"), *f = box_of(&c, ds, "in-force");
	/* Its own source's line (B) is free too; the origin's (A) wins. */
	EXPECT_STR(gp_actor_id(gp_dataset_actor(ds, c.lines[o->home].actor)), "A");
	EXPECT_I64(f->home, o->home);
	gp__chart_free(&c);
	free(order);
	gp_dataset_free(ds);
}

static char *chart_dot(const gp_dataset *ds, const gp_index *order, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	EXPECT_I64(gp_timeline_chart_write(fp, ds, order, n, "dot", NULL), GP_OK);
	fclose(fp);
	return text;
}

/* The same DOT twice, positions pinned, and an unknown format refused. */
static void test_deterministic(void)
{
	gp__chart c;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0;
	EXPECT_I64(layout(&c, two_years, &ds, &order, &n, NULL), GP_OK);
	gp__chart_free(&c);
	char *a = chart_dot(ds, order, n), *b = chart_dot(ds, order, n);
	EXPECT_SAME_TEXT(a, b);
	EXPECT_TRUE(strstr(a, "layout=nop2") != NULL);
	EXPECT_TRUE(strstr(a, "!\"") != NULL); /* pinned positions */
	EXPECT_I64(gp_timeline_chart_write(stdout, ds, order, n, "gif", NULL), GP_EINVALID);
	free(a);
	free(b);
	/* No events: the message alone. */
	char *none = chart_dot(ds, order, 0);
	EXPECT_TRUE(strstr(none, "no events match") != NULL);
	free(none);
	free(order);
	gp_dataset_free(ds);
}

int gp_test_add_chart(void)
{
	static CU_TestInfo tests[] = {
		{ "x on a real scale, in time order", test_real_scale },
		{ "long empty stretches compressed", test_gap_compressed },
		{ "a dense cluster after sparse years gets the width", test_cluster_gets_width },
		{ "boxes stacked in lanes without overlap", test_lanes },
		{ "default lines and --lines", test_default_lines },
		{ "a lineage along one line", test_lineage_line },
		{ "deterministic DOT", test_deterministic },
		CU_TEST_INFO_NULL,
	};
	return gp_test_register("chart", tests);
}
