/*
 * test_partial.c - reading partial graphs (geopol merge, docs/merge.md):
 * what a partial graph must hold for the merge to be a graph. Cases found by
 * the fuzz harnesses (fuzz/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static const char header[] =
	"{\"geopol\":1,\"kind\":\"partial-graph\",\"level\":\"actor\",\"max_event_ids\":0}\n"
	"{\"actor\":{\"id\":\"A\",\"name\":\"A\",\"kind\":\"country\"}}\n"
	"{\"actor\":{\"id\":\"B\",\"name\":\"B\",\"kind\":\"country\"}}\n";
static const char node_a[] =
	"{\"node\":{\"id\":\"A\",\"events\":1,\"self_events\":0,\"latest\":[0,86399,7,2,\"gdelt-7\"]}}\n";
static const char node_b[] =
	"{\"node\":{\"id\":\"B\",\"events\":1,\"self_events\":0,\"latest\":[0,86399,7,2,\"gdelt-7\"]}}\n";
static const char edge_ab[] =
	"{\"edge\":{\"source\":\"A\",\"target\":\"B\",\"directed\":true,\"count\":1,"
	"\"weight_micro\":\"-5000000\",\"cooperation_micro\":\"0\",\"count_cooperation\":0,"
	"\"count_conflict\":1,\"types\":{\"sanction\":1},\"first\":[0,2],\"last\":[0,2],"
	"\"events\":[[0,86399,7,2,\"gdelt-7\"]]}}\n";

/* Merge one partial graph made of the lines given (NULL-terminated); its status. */
static int merge_lines(const char *const *lines, test_diags *d, gp_graph **g, gp_dataset **ds)
{
	char path[] = "/tmp/geopol-partial-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	CU_ASSERT_FATAL(fp != NULL);
	for (; *lines; lines++) {
		fputs(*lines, fp);
	}
	CU_ASSERT_FATAL(fclose(fp) == 0);
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	const char *paths[] = { path };
	test_diags_init(d);
	CU_ASSERT_FATAL(gp_dataset_new(ds) == GP_OK);
	int rc = gp_graph_merge(g, *ds, paths, 1, &go, &d->sink);
	unlink(path);
	return rc;
}

/*
 * An edge whose end has no node line (with events) is not a graph: igraph
 * was asked for 2^32 vertices. Now an error; with the nodes, a graph.
 */
static void test_edge_needs_nodes(void)
{
	test_diags d;
	gp_graph *g = NULL;
	gp_dataset *ds;
	const char *const lone[] = { header, node_a, edge_ab, NULL };
	EXPECT_I64(merge_lines(lone, &d, &g, &ds), GP_EINVALID);
	EXPECT_TRUE(g == NULL);
	EXPECT_DIAG_HAS(&d, "error: an edge joins 'B', which has no node line with events");
	gp_dataset_free(ds);
	test_diags_release(&d);

	const char *const whole[] = { header, edge_ab, node_b, node_a, NULL };
	EXPECT_I64(merge_lines(whole, &d, &g, &ds), GP_OK);
	EXPECT_I64(gp_graph_node_count(g), 2);
	EXPECT_I64(gp_graph_edge_count(g), 1);
	gp_graph_free(g);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/* Merging the lines must be refused with an error holding `want`. */
static void expect_refused_lines(const char *const *lines, const char *want)
{
	test_diags d;
	gp_graph *g = NULL;
	gp_dataset *ds;
	EXPECT_I64(merge_lines(lines, &d, &g, &ds), GP_EINVALID);
	EXPECT_DIAG_HAS(&d, want);
	gp_graph_free(g);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/* The header, both nodes and `line`: refused with `want`. */
static void expect_refused(const char *line, const char *want)
{
	const char *const lines[] = { header, node_a, node_b, line, NULL };
	expect_refused_lines(lines, want);
}

/*
 * Numbers become integers: a double outside the integer's range made
 * undefined behaviour (an order of 4.5e26), a precision of 300 or a type
 * count of -1 wrapped, times outside the years 0000-9999 reached the date
 * code, and counts that add up past 2^32 - 1 wrapped. Each is now an error.
 */
static void test_numbers_in_range(void)
{
	char line[512];
	static const struct {
		const char *from, *to, *want;
	} edits[] = {
		{ "[0,86399,7,2,", "[0,86399,4.5e26,2,", "expected an event reference" },
		{ "[0,86399,7,2,", "[0,86399,7,2.5,", "expected an event reference" },
		{ "[0,86399,7,2,", "[1e300,86399,7,2,", "expected an event reference" },
		{ "[0,86399,7,2,", "[-62167219201,86399,7,2,", "expected an event reference" },
		{ "\"first\":[0,2]", "\"first\":[0,300]",
		  "expected [time, precision] or [time, precision, qualifier] for 'first'" },
		{ "\"last\":[0,2]", "\"last\":[253402300800,2]",
		  "expected [time, precision] or [time, precision, qualifier] for 'last'" },
		{ "{\"sanction\":1}", "{\"sanction\":-1}",
		  "expected a whole number of events for type 'sanction'" },
		{ "\"-5000000\"", "\"-10000001\"",
		  "'weight_micro' must be within 'count' times -10 to +10" },
		{ "\"-5000000\"", "\"9223372036854775807\"", "'weight_micro' must be within" },
		/* The weight by sign (docs/sign.md): kept, and only sums events can make. */
		{ "\"cooperation_micro\":\"0\",\"count_cooperation\":0,\"count_conflict\":1,", "",
		  "this edge has no 'cooperation_micro': the partial graph was written by an older "
		  "geopol" },
		{ "\"cooperation_micro\":\"0\"", "\"cooperation_micro\":0",
		  "expected 'cooperation_micro', a whole number >= 0 as a string" },
		{ "\"cooperation_micro\":\"0\"", "\"cooperation_micro\":\"-1\"",
		  "expected 'cooperation_micro', a whole number >= 0 as a string" },
		{ "\"cooperation_micro\":\"0\"", "\"cooperation_micro\":\"1\"",
		  "'cooperation_micro', 'count_cooperation' and 'count_conflict' do not add up" },
		{ "\"count_conflict\":1", "\"count_conflict\":0",
		  "'cooperation_micro', 'count_cooperation' and 'count_conflict' do not add up" },
		{ "\"count_cooperation\":0", "\"count_cooperation\":1",
		  "'cooperation_micro', 'count_cooperation' and 'count_conflict' do not add up" },
		{ "\"count_conflict\":1", "\"count_conflict\":-1",
		  "expected a whole number for 'count_conflict'" },
	};
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		const char *at = strstr(edge_ab, edits[i].from);
		CU_ASSERT_FATAL(at != NULL);
		snprintf(line, sizeof(line), "%.*s%s%s", (int)(at - edge_ab), edge_ab, edits[i].to,
			 at + strlen(edits[i].from));
		expect_refused(line, edits[i].want);
	}
	expect_refused(
		"{\"geopol\":1,\"kind\":\"partial-graph\",\"level\":\"actor\",\"max_event_ids\":1e20}\n",
		"expected a whole number for 'max_event_ids'");

	/* Sums past a count's range: two lines of 4e9 events on one edge, or one node. */
	static const char big_edge[] =
		"{\"edge\":{\"source\":\"A\",\"target\":\"B\",\"directed\":true,"
		"\"count\":4000000000,\"weight_micro\":\"0\",\"cooperation_micro\":\"0\","
		"\"count_cooperation\":0,\"count_conflict\":0,\"types\":{},\"first\":[0,2],"
		"\"last\":[0,2],\"events\":[]}}\n";
	const char *const edges[] = { header, node_a, node_b, big_edge, big_edge, NULL };
	expect_refused_lines(edges,
			     "error: the events of the edge 'A' - 'B' add up past 4294967295");
	static const char big_node[] =
		"{\"node\":{\"id\":\"A\",\"events\":4000000000,\"self_events\":0,"
		"\"latest\":[0,86399,7,2,\"gdelt-7\"]}}\n";
	const char *const nodes[] = { header, big_node, big_node, node_b, edge_ab, NULL };
	expect_refused_lines(nodes, "error: the events of 'A' add up past 4294967295");
}

/*
 * An edge lists its earliest events, as many as its count or the cap: an
 * edge that counts 2 events but lists 1 under max_event_ids 0 (all) was
 * merged, and written again as a partial graph its list read as a cap of
 * 1, so a merge of the merge listed fewer events than the merge.
 */
static void test_edge_lists_its_events(void)
{
	char line[512];
	const char *at = strstr(edge_ab, "\"count\":1");
	CU_ASSERT_FATAL(at != NULL);
	snprintf(line, sizeof(line), "%.*s\"count\":2%s", (int)(at - edge_ab), edge_ab,
		 at + strlen("\"count\":1"));
	expect_refused(
		line,
		"error: the edge 'A' - 'B' counts 2 events but lists 1: the partial graphs do not hold together");
	/* More events than counted. */
	at = strstr(edge_ab, "\"events\":[");
	snprintf(line, sizeof(line), "%.*s\"events\":[[0,86399,8,2,\"gdelt-8\"],%s",
		 (int)(at - edge_ab), edge_ab, at + strlen("\"events\":["));
	expect_refused(line, "error: the edge 'A' - 'B' counts 1 events but lists 2");

	/* Under a cap of 1, an edge of 2 events lists 1: whole. */
	test_diags d;
	gp_graph *g = NULL;
	gp_dataset *ds;
	static const char capped[] =
		"{\"geopol\":1,\"kind\":\"partial-graph\",\"level\":\"actor\",\"max_event_ids\":1}\n";
	at = strstr(edge_ab, "\"count\":1");
	snprintf(line, sizeof(line), "%.*s\"count\":2%s", (int)(at - edge_ab), edge_ab,
		 at + strlen("\"count\":1"));
	const char *const ok[] = { capped, header, node_a, node_b, line, NULL };
	EXPECT_I64(merge_lines(ok, &d, &g, &ds), GP_OK);
	gp_graph_free(g);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/*
 * Keys of partial graph lines are checked as in geopol files: a repeated
 * key is an error (the first value was taken silently), another key a
 * warning.
 */
static void test_keys_checked(void)
{
	char line[512];
	const char *at = strstr(edge_ab, "\"count\":1");
	CU_ASSERT_FATAL(at != NULL);
	snprintf(line, sizeof(line), "%.*s\"count\":1,\"count\":9%s", (int)(at - edge_ab), edge_ab,
		 at + strlen("\"count\":1"));
	expect_refused(line, "error: duplicate key 'count' in an edge (first at line 6)");
	expect_refused("{\"node\":{\"id\":\"A\",\"id\":\"B\",\"events\":1,\"self_events\":0,"
		       "\"latest\":[0,86399,7,2,\"gdelt-7\"]}}\n",
		       "6:19: error: duplicate key 'id' in a node (first at line 6)");

	test_diags d;
	gp_graph *g = NULL;
	gp_dataset *ds;
	snprintf(line, sizeof(line), "%.*s\"count\":1,\"weight\":0%s", (int)(at - edge_ab), edge_ab,
		 at + strlen("\"count\":1"));
	const char *const lines[] = { header, node_a, node_b, line, NULL };
	EXPECT_I64(merge_lines(lines, &d, &g, &ds), GP_OK);
	EXPECT_DIAG_HAS(&d, "6:");
	EXPECT_DIAG_HAS(&d, "warning: unknown field 'weight' in an edge");
	gp_graph_free(g);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/* One shard's lines of an event on A -> B (the first of its file: order 2^52). */
static void shard_lines(char *buf, size_t size, const char *id)
{
	static const char ref[] = "[0,86399,4503599627370496,2,\"%s\"]";
	char r[64];
	snprintf(r, sizeof(r), ref, id);
	snprintf(
		buf, size,
		"{\"node\":{\"id\":\"A\",\"events\":1,\"self_events\":0,\"latest\":%s}}\n"
		"{\"node\":{\"id\":\"B\",\"events\":1,\"self_events\":0,\"latest\":%s}}\n"
		"{\"edge\":{\"source\":\"A\",\"target\":\"B\",\"directed\":true,\"count\":1,"
		"\"weight_micro\":\"1000000\",\"cooperation_micro\":\"1000000\","
		"\"count_cooperation\":1,\"count_conflict\":0,\"types\":{\"visit\":1},\"first\":[0,2],"
		"\"last\":[0,2],\"events\":[%s]}}\n",
		r, r, r);
}

/* The merge of the lines, written as a partial graph; its first event listed in *first. */
static char *merged_partial(const char *const *lines, char *first, size_t size)
{
	test_diags d;
	gp_graph *g = NULL;
	gp_dataset *ds;
	char *buf = NULL;
	size_t len = 0;
	EXPECT_I64(merge_lines(lines, &d, &g, &ds), GP_OK);
	CU_ASSERT_FATAL(g != NULL && gp_graph_edge_count(g) == 1);
	const gp_edge *e = gp_graph_edge(g, 0);
	char idbuf[64];
	const char *id = gp_graph_edge_event_id(g, e, 0, idbuf, sizeof(idbuf));
	CU_ASSERT_FATAL(id != NULL);
	snprintf(first, size, "%s", id);
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_graph_write_partial(fp, g, GP_EVENT_IDS_AUTO), GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	gp_graph_free(g);
	gp_dataset_free(ds);
	test_diags_release(&d);
	return buf;
}

/*
 * An event that is no imported row is ordered by its place in its own file,
 * so events of different shards tie on start, end and order. Which came
 * first in an edge's list, which one a cap kept, and which was a node's
 * latest depended on the order the partial graphs were read in: a merge of
 * the merge listed them otherwise than the merge (fuzz_merge,
 * fuzz/regress/merge/tied-events-of-shards.partial). Ties go by id now.
 */
static void test_tied_events_any_order(void)
{
	static const char capped[] =
		"{\"geopol\":1,\"kind\":\"partial-graph\",\"level\":\"actor\",\"max_event_ids\":1}\n";
	char zulu[1024], alpha[1024], first[64];
	shard_lines(zulu, sizeof(zulu), "zulu");
	shard_lines(alpha, sizeof(alpha), "alpha");
	const char *const za[] = { header, zulu, alpha, NULL };
	const char *const az[] = { header, alpha, zulu, NULL };
	char *one = merged_partial(za, first, sizeof(first));
	EXPECT_STR(first, "alpha");
	char *two = merged_partial(az, first, sizeof(first));
	EXPECT_STR(first, "alpha");
	EXPECT_STR(one, two);
	EXPECT_TRUE(strstr(one, "\"latest\":[0,86399,4503599627370496,2,\"zulu\"]") != NULL);
	/* The merge merged again: the same partial graph. */
	const char *const again[] = { one, NULL };
	char *three = merged_partial(again, first, sizeof(first));
	EXPECT_STR(three, one);
	free(one), free(two), free(three);

	/* Under a cap of 1, the same event is kept whichever comes first. */
	const char *const za1[] = { capped, header, zulu, alpha, NULL };
	const char *const az1[] = { capped, header, alpha, zulu, NULL };
	one = merged_partial(za1, first, sizeof(first));
	EXPECT_STR(first, "alpha");
	two = merged_partial(az1, first, sizeof(first));
	EXPECT_STR(first, "alpha");
	EXPECT_STR(one, two);
	free(one), free(two);
}

/*
 * An event id that looks like an imported row's but is not in its one
 * spelling ("gdelt-007" is an id like any other in a geopol file) was read
 * as the number 7 and written back as "gdelt-7": the merge renamed events.
 */
static void test_event_ids_as_written(void)
{
	static const char node[] = "{\"node\":{\"id\":\"%s\",\"events\":1,\"self_events\":0,"
				   "\"latest\":[0,86399,7,2,\"icews-0012\"]}}\n";
	char na[256], nb[256], edge[512], first[64];
	snprintf(na, sizeof(na), node, "A");
	snprintf(nb, sizeof(nb), node, "B");
	const char *at = strstr(edge_ab, "\"gdelt-7\"");
	CU_ASSERT_FATAL(at != NULL);
	snprintf(edge, sizeof(edge), "%.*s\"gdelt-007\"%s", (int)(at - edge_ab), edge_ab,
		 at + strlen("\"gdelt-7\""));
	const char *const lines[] = { header, na, nb, edge, NULL };
	char *out = merged_partial(lines, first, sizeof(first));
	EXPECT_STR(first, "gdelt-007");
	EXPECT_TRUE(strstr(out, "\"icews-0012\"") != NULL);
	free(out);
}

static CU_TestInfo partial_tests[] = {
	{ "an edge needs its nodes", test_edge_needs_nodes },
	{ "numbers in range", test_numbers_in_range },
	{ "an edge lists its events", test_edge_lists_its_events },
	{ "keys checked as in geopol files", test_keys_checked },
	{ "tied events merge alike in any order", test_tied_events_any_order },
	{ "event ids as written", test_event_ids_as_written },
	CU_TEST_INFO_NULL,
};

int gp_test_add_partial(void)
{
	return gp_test_register("partial graphs", partial_tests);
}
