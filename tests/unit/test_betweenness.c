/*
 * test_betweenness.c - betweenness exact, and estimated from pivots past a
 * budget (analytics.c): the estimate within its stated bound of the exact
 * value, the same on every run, and exact when the pivots are all nodes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "geopol/geopol.h"

enum { N = 5000 };

/*
 * N actors: a tree of fan-out 8 (a statement from each to its parent) and a
 * chord from every third actor to a far one, so that shortest paths cross
 * hubs as in GDELT's actor graphs. Big enough that `auto` samples.
 */
static char *tree_text(void)
{
	size_t cap = (size_t)N * 400, len = 0; /* about 230 bytes an actor */
	char *s = malloc(cap);
	if (!s) {
		return NULL;
	}
	len += (size_t)snprintf(s + len, cap - len, "{\"actors\": [\n");
	for (int i = 0; i < N; i++) {
		len += (size_t)snprintf(
			s + len, cap - len,
			"{\"id\": \"a%d\", \"name\": \"A %d\", \"kind\": \"group\"}%s\n", i, i,
			i + 1 < N ? "," : "");
	}
	len += (size_t)snprintf(s + len, cap - len, "],\n\"events\": [\n");
	int ev = 0;
	for (int i = 1; i < N; i++) {
		len += (size_t)snprintf(
			s + len, cap - len,
			"{\"id\": \"e%d\", \"type\": \"statement\", \"date\": \"2025-01-01\", "
			"\"title\": \"t\", \"source\": [\"a%d\"], \"target\": [\"a%d\"]},\n",
			ev++, i, (i - 1) / 8);
		if (i % 3 == 0) {
			len += (size_t)snprintf(
				s + len, cap - len,
				"{\"id\": \"e%d\", \"type\": \"statement\", \"date\": \"2025-01-02\", "
				"\"title\": \"t\", \"source\": [\"a%d\"], \"target\": [\"a%d\"]},\n",
				ev++, (i * 7919) % N, i);
		}
	}
	len -= 2; /* the last ",\n" */
	snprintf(s + len, cap - len, "\n]}\n");
	return s;
}

static gp_graph *build(const gp_dataset *ds, uint32_t pivots)
{
	gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
	gp_graph *g = NULL;
	o.betweenness_pivots = pivots;
	EXPECT_I64(gp_graph_build(&g, ds, &o), GP_OK);
	return g;
}

static void test_sampled(void)
{
	char *text = tree_text();
	gp_dataset *ds = text ? test_load_clean("tree.json", text) : NULL;
	free(text);
	EXPECT_TRUE(ds != NULL);
	if (!ds) {
		return;
	}
	gp_graph *exact = build(ds, GP_BETWEENNESS_EXACT), *a = build(ds, 0), *b = build(ds, 0);
	gp_graph *all = build(ds, N), *few = build(ds, 40);
	if (exact && a && b && all && few) {
		size_t n = gp_graph_node_count(exact), arcs = gp_graph_edge_count(exact);
		double err = -1, err_few = -1, v = (double)(n - 1) * (double)(n - 2);
		EXPECT_I64(n, N);
		EXPECT_I64(gp_graph_betweenness_pivots(exact, &err), 0);
		EXPECT_DBL(err, 0);
		/* auto: as many pivots as 50 million visits pay for (every edge here is an arc) */
		uint32_t k = gp_graph_betweenness_pivots(a, &err);
		EXPECT_I64(k, 50000000 / (n + arcs));
		EXPECT_TRUE(k < n);
		EXPECT_DBL(err,
			   ceil(sqrt(log(40.0) / (2.0 * k)) * (double)n / (double)(n - 1) * 1e4) /
				   1e4);
		EXPECT_I64(gp_graph_betweenness_pivots(few, &err_few), 40);
		EXPECT_TRUE(err_few > err);
		/* all nodes as pivots: the exact values, said exact */
		EXPECT_I64(gp_graph_betweenness_pivots(all, NULL), 0);
		double worst = 0, worst_few = 0, top = 0;
		size_t differ = 0, same_run = 1, same_all = 1;
		for (size_t i = 0; i < n; i++) {
			double x = gp_graph_node(exact, i)->betweenness;
			double y = gp_graph_node(a, i)->betweenness;
			differ += x != y;
			worst = fmax(worst, fabs(x - y) / v);
			worst_few =
				fmax(worst_few, fabs(x - gp_graph_node(few, i)->betweenness) / v);
			top = fmax(top, x / v);
			same_run &= y == gp_graph_node(b, i)->betweenness;
			same_all &= fabs(x - gp_graph_node(all, i)->betweenness) <= 1e-9 * (1 + x);
		}
		EXPECT_TRUE(same_run);
		EXPECT_TRUE(same_all);
		/* an estimate, not the exact values by another name */
		EXPECT_TRUE(differ > 0);
		/* within the stated bound, and in fact well within it */
		EXPECT_TRUE(worst <= err);
		EXPECT_TRUE(worst_few <= err_few);
		EXPECT_TRUE(worst < top / 4);
	}
	gp_graph_free(exact);
	gp_graph_free(a);
	gp_graph_free(b);
	gp_graph_free(all);
	gp_graph_free(few);
	gp_dataset_free(ds);
}

/* A small graph is exact under auto; N pivots fewer than its nodes are not. */
static void test_small_exact(void)
{
	static const char text[] =
		"{\"actors\": [{\"id\": \"x\", \"name\": \"x\", \"kind\": \"group\"},\n"
		"{\"id\": \"y\", \"name\": \"y\", \"kind\": \"group\"},\n"
		"{\"id\": \"z\", \"name\": \"z\", \"kind\": \"group\"}],\n"
		"\"events\": [{\"id\": \"1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": "
		"\"t\", \"source\": [\"x\"], \"target\": [\"y\"]},\n"
		"{\"id\": \"2\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"t\", "
		"\"source\": [\"y\"], \"target\": [\"z\"]}]}\n";
	gp_dataset *ds = test_load_clean("small.json", text);
	gp_graph *g = ds ? build(ds, 0) : NULL, *h = ds ? build(ds, 2) : NULL;
	if (g && h) {
		double err = -1;
		EXPECT_I64(gp_graph_betweenness_pivots(g, &err), 0);
		EXPECT_DBL(err, 0);
		EXPECT_DBL(gp_graph_node(g, 1)->betweenness, 1); /* y, between x and z */
		EXPECT_I64(gp_graph_betweenness_pivots(h, &err), 2);
		EXPECT_TRUE(err > 0);
	}
	gp_graph_free(g);
	gp_graph_free(h);
	gp_dataset_free(ds);
}

static CU_TestInfo betweenness_tests[] = {
	{ "sampled pivots: within the bound, deterministic", test_sampled },
	{ "small graphs exact", test_small_exact },
	CU_TEST_INFO_NULL,
};

int gp_test_add_betweenness(void)
{
	return gp_test_register("betweenness", betweenness_tests);
}
