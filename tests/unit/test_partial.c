/*
 * test_partial.c - reading partial graphs (geopol merge, docs/merge.md):
 * what a partial graph must hold for the merge to be a graph. Cases found by
 * the fuzz harnesses (fuzz/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static const char header[] = "{\"geopol\":1,\"kind\":\"partial-graph\",\"level\":\"actor\",\"max_event_ids\":0}\n"
			     "{\"actor\":{\"id\":\"A\",\"name\":\"A\",\"kind\":\"country\"}}\n"
			     "{\"actor\":{\"id\":\"B\",\"name\":\"B\",\"kind\":\"country\"}}\n";
static const char node_a[] = "{\"node\":{\"id\":\"A\",\"events\":1,\"self_events\":0,\"latest\":[0,86399,7,2,\"gdelt-7\"]}}\n";
static const char node_b[] = "{\"node\":{\"id\":\"B\",\"events\":1,\"self_events\":0,\"latest\":[0,86399,7,2,\"gdelt-7\"]}}\n";
static const char edge_ab[] = "{\"edge\":{\"source\":\"A\",\"target\":\"B\",\"directed\":true,\"count\":1,"
			      "\"weight_micro\":\"-5000000\",\"types\":{\"sanction\":1},\"first\":[0,2],\"last\":[0,2],"
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
	EXPECT_TRUE(test_diags_find(&d, "error: an edge joins 'B', which has no node line with events") >= 0);
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

static CU_TestInfo partial_tests[] = {
	{ "an edge needs its nodes", test_edge_needs_nodes },
	CU_TEST_INFO_NULL,
};

int gp_test_add_partial(void)
{
	return gp_test_register("partial graphs", partial_tests);
}
