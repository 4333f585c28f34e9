/*
 * test_sign.c - cooperation and conflict apart (docs/sign.md): an edge's
 * weight split by sign with counts, nodes' strength by sign, --sign, the
 * ranking by any analytic, and the split kept exactly through partial
 * graphs and merge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/*
 * A -> B: a visit (+3), a sanction (-8), a statement (0), an appeal (+1.5);
 * A, B, C meet (+4). B -> C: a threat (-4.5).
 */
static const char sign_text[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},\n"
	"  {\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"country\"},\n"
	"  {\"id\": \"C\", \"name\": \"Gamma\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"v\", \"type\": \"visit\", \"weight\": 3, \"date\": \"2025-01-02\", \"title\": \"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"]},\n"
	"{\"id\": \"s\", \"type\": \"sanction\", \"weight\": -8, \"date\": \"2025-02\", \"title\": \"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"]},\n"
	"{\"id\": \"st\", \"type\": \"statement\", \"weight\": 0, \"date\": \"2025-03-01\", \"title\": "
	"\"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"]},\n"
	"{\"id\": \"ap\", \"type\": \"appeal\", \"weight\": 1.5, \"date\": \"2025-04-01\", \"title\": "
	"\"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"]},\n"
	"{\"id\": \"m\", \"type\": \"meeting\", \"weight\": 4, \"date\": \"2025-05-01\", \"title\": \"t\",\n"
	" \"participants\": [\"A\", \"B\", \"C\"]},\n"
	"{\"id\": \"th\", \"type\": \"threat\", \"weight\": -4.5, \"date\": \"2025-06-01\", \"title\": "
	"\"t\",\n"
	" \"source\": [\"B\"], \"target\": [\"C\"]}\n"
	"]}\n";

static gp_dataset *load_sign(void)
{
	return test_load_clean("sign.json", sign_text);
}

static const gp_node *node_of(const gp_graph *g, const char *id)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	uint32_t k = gp_graph_find_node(g, gp_dataset_find_actor(ds, id));
	CU_ASSERT_FATAL(k != GP_NONE);
	return gp_graph_node(g, k);
}

static gp_graph *build(const gp_dataset *ds, int sign)
{
	gp_filter f = GP_FILTER_INIT;
	f.sign = sign;
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	go.filter = &f;
	gp_graph *g = NULL;
	EXPECT_I64(gp_graph_build(&g, ds, &go), GP_OK);
	CU_ASSERT_FATAL(g != NULL);
	return g;
}

static void test_split(void)
{
	gp_dataset *ds = load_sign();
	gp_graph *g = build(ds, 0);
	const gp_edge *ab = test_edge_of(g, "A", "B", 1);
	CU_ASSERT_FATAL(ab != NULL);
	EXPECT_I64(ab->count, 4);
	EXPECT_DBL(ab->weight, -3.5);
	EXPECT_DBL(ab->cooperation, 4.5);
	EXPECT_DBL(ab->conflict, -8);
	EXPECT_I64(ab->count_cooperation, 2);
	EXPECT_I64(ab->count_conflict, 1); /* the statement is neither */
	const gp_edge *m = test_edge_of(g, "A", "C", 0);
	CU_ASSERT_FATAL(m != NULL);
	EXPECT_DBL(m->cooperation, 4);
	EXPECT_DBL(m->conflict, 0);
	EXPECT_I64(m->count_cooperation, 1);
	EXPECT_I64(m->count_conflict, 0);
	/* Strength: |weight| per edge; by sign: cooperation and |conflict| per edge. */
	const gp_node *a = node_of(g, "A"), *b = node_of(g, "B"), *c = node_of(g, "C");
	EXPECT_DBL(a->strength, 3.5 + 4 + 4);
	EXPECT_DBL(a->strength_cooperation, 4.5 + 4 + 4);
	EXPECT_DBL(a->strength_conflict, 8);
	EXPECT_DBL(b->strength_cooperation, 4.5 + 4 + 4);
	EXPECT_DBL(b->strength_conflict, 8 + 4.5);
	EXPECT_DBL(c->strength_cooperation, 8);
	EXPECT_DBL(c->strength_conflict, 4.5);
	char *json = test_graph_json_text(g);
	CU_ASSERT_FATAL(json != NULL);
	CU_ASSERT(strstr(json, "\"weight\":-3.5,\"cooperation\":4.5,\"conflict\":-8,"
			       "\"count_cooperation\":2,\"count_conflict\":1") != NULL);
	CU_ASSERT(strstr(json, "\"strength\":11.5,\"strength_cooperation\":12.5,"
			       "\"strength_conflict\":8") != NULL);
	free(json);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

static void test_sign_filter(void)
{
	gp_dataset *ds = load_sign();
	EXPECT_TRUE(gp_filter_sign_match(NULL, 0));
	gp_filter f = GP_FILTER_INIT;
	EXPECT_TRUE(gp_filter_sign_match(&f, 0));
	f.sign = GP_SIGN_COOPERATION;
	EXPECT_TRUE(gp_filter_sign_match(&f, 0.5) && !gp_filter_sign_match(&f, 0) &&
		    !gp_filter_sign_match(&f, -1));
	f.sign = GP_SIGN_CONFLICT;
	EXPECT_TRUE(gp_filter_sign_match(&f, -0.5) && !gp_filter_sign_match(&f, 0) &&
		    !gp_filter_sign_match(&f, 1));

	gp_graph *g = build(ds, GP_SIGN_CONFLICT);
	EXPECT_I64(gp_graph_edge_count(g), 2); /* A -> B (the sanction), B -> C */
	const gp_edge *ab = test_edge_of(g, "A", "B", 1);
	CU_ASSERT_FATAL(ab != NULL);
	EXPECT_I64(ab->count, 1);
	EXPECT_DBL(ab->weight, -8);
	EXPECT_DBL(ab->cooperation, 0);
	EXPECT_I64(ab->count_cooperation, 0);
	gp_graph_free(g);

	g = build(ds, GP_SIGN_COOPERATION);
	EXPECT_I64(gp_graph_edge_count(g), 4); /* A -> B and the meeting's three pairs */
	ab = test_edge_of(g, "A", "B", 1);
	CU_ASSERT_FATAL(ab != NULL);
	EXPECT_I64(ab->count, 2);
	EXPECT_DBL(ab->weight, 4.5);
	EXPECT_DBL(ab->conflict, 0);
	EXPECT_TRUE(test_edge_of(g, "B", "C", 1) == NULL);
	gp_graph_free(g);

	/* The timeline takes --sign too. */
	gp_index *order = NULL;
	size_t n = 0;
	f.sign = GP_SIGN_CONFLICT;
	EXPECT_I64(gp_timeline_build(&order, &n, ds, &f), GP_OK);
	EXPECT_I64(n, 2);
	free(order);
	gp_dataset_free(ds);
}

static void test_ranking_by(void)
{
	gp_dataset *ds = load_sign();
	gp_graph *g = build(ds, 0);
	for (int k = 0; k < GP_RANK_N; k++) {
		EXPECT_I64(gp_rank_by_from_name(gp_rank_by_name((gp_rank_by)k)), k);
	}
	EXPECT_I64(gp_rank_by_from_name("nope"), -1);
	EXPECT_TRUE(gp_rank_by_name(GP_RANK_N) == NULL);
	uint32_t *order = NULL;
	EXPECT_I64(gp_graph_ranking_by(&order, g, GP_RANK_N), GP_EINVALID);
	EXPECT_TRUE(order == NULL);
	/* By conflict: B (12.5), A (8), C (4.5). */
	EXPECT_I64(gp_graph_ranking_by(&order, g, GP_RANK_STRENGTH_CONFLICT), GP_OK);
	CU_ASSERT_FATAL(order != NULL);
	EXPECT_I64(order[0], gp_graph_find_node(g, gp_dataset_find_actor(ds, "B")));
	EXPECT_I64(order[1], gp_graph_find_node(g, gp_dataset_find_actor(ds, "A")));
	EXPECT_I64(order[2], gp_graph_find_node(g, gp_dataset_find_actor(ds, "C")));
	free(order);
	/* By cooperation: A and B tie (12.5); PageRank breaks it; C last (8). */
	EXPECT_I64(gp_graph_ranking_by(&order, g, GP_RANK_STRENGTH_COOPERATION), GP_OK);
	CU_ASSERT_FATAL(order != NULL);
	EXPECT_I64(order[2], gp_graph_find_node(g, gp_dataset_find_actor(ds, "C")));
	const gp_node *first = gp_graph_node(g, order[0]), *second = gp_graph_node(g, order[1]);
	EXPECT_TRUE(first->pagerank >= second->pagerank);
	free(order);
	/* By out-degree: A (B and C) and B (A and C) before C (A and B, undirected: 2 too). */
	EXPECT_I64(gp_graph_ranking_by(&order, g, GP_RANK_DEGREE), GP_OK);
	CU_ASSERT_FATAL(order != NULL);
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* Written as a partial graph and merged: the same split, exactly. */
static void test_partial_round_trip(void)
{
	gp_dataset *ds = load_sign();
	gp_graph *g = build(ds, 0);
	char path[] = "/tmp/geopol-sign-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_graph_write_partial(fp, g, 0), GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	gp_dataset *mds = NULL;
	gp_graph *m = NULL;
	CU_ASSERT_FATAL(gp_dataset_new(&mds) == GP_OK);
	const char *paths[] = { path, path }; /* twice: every sum doubles */
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	EXPECT_I64(gp_graph_merge(&m, mds, paths, 2, &go, &sink), GP_OK);
	unlink(path);
	CU_ASSERT_FATAL(m != NULL);
	const gp_edge *ab = test_edge_of(m, "A", "B", 1);
	CU_ASSERT_FATAL(ab != NULL);
	EXPECT_I64(ab->count, 8);
	EXPECT_DBL(ab->cooperation, 9);
	EXPECT_DBL(ab->conflict, -16);
	EXPECT_I64(ab->count_cooperation, 4);
	EXPECT_I64(ab->count_conflict, 2);
	EXPECT_DBL(node_of(m, "B")->strength_conflict, 25);
	gp_graph_free(m);
	gp_dataset_free(mds);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

static CU_TestInfo sign_tests[] = {
	{ "edges split by sign, nodes' strength by sign", test_split },
	{ "--sign keeps one sign", test_sign_filter },
	{ "ranking by any analytic", test_ranking_by },
	{ "partial graphs keep the split", test_partial_round_trip },
	CU_TEST_INFO_NULL,
};

int gp_test_add_sign(void)
{
	return gp_test_register("sign", sign_tests);
}
