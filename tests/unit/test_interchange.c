/*
 * test_interchange.c - the graph in other tools' formats (graph_xml.c,
 * graph_interchange.c): the Cytoscape JSON to embed in a page, and write
 * errors. What the real clients read is checked end to end by
 * tests/cli/formats.sh.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* One actor's name holds what must not close a <script> element. */
static const char text[] =
	"{\"geopol\": 1, \"title\": \"</script> & <!-- \xE2\x80\xA8 \xE2\x80\xA9\", \"actors\": [\n"
	"{\"id\": \"A\", \"name\": \"</script><script>alert(1)</script>\", \"kind\": \"country\"},\n"
	"{\"id\": \"B\", \"name\": \"B > A && \\u0001\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"e<1>\", \"type\": \"meeting\", \"date\": \"2025-01-20\", \"title\": \"T\", \"participants\": [\"A\", \"B\"]},\n"
	"{\"id\": \"e2\", \"type\": \"tariff\", \"date\": \"2025-02\", \"title\": \"T\", \"source\": [\"A\"], \"target\": [\"B\"]}]}\n";

static gp_graph *build(gp_dataset **ds)
{
	test_diags d;
	gp_graph *g = NULL;
	gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
	test_diags_init(&d);
	EXPECT_I64(test_load("graph.json", text, &d, ds), GP_OK);
	test_diags_release(&d);
	if (*ds) {
		EXPECT_I64(gp_graph_build(&g, *ds, &o), GP_OK);
	}
	return g;
}

static void test_cytoscape_json(void)
{
	gp_dataset *ds = NULL;
	gp_graph *g = build(&ds);
	char *plain = NULL, *safe = NULL, *written = NULL;
	size_t n_plain = 0, n_safe = 0, n_written = 0;
	if (g) {
		EXPECT_I64(gp_graph_cytoscape_json(&plain, &n_plain, g, 0), GP_OK);
		EXPECT_I64(gp_graph_cytoscape_json(&safe, &n_safe, g, 1), GP_OK);
		FILE *fp = open_memstream(&written, &n_written);
		EXPECT_TRUE(fp != NULL);
		if (fp) {
			EXPECT_I64(gp_graph_write_cytoscape(fp, g), GP_OK);
			fclose(fp);
		}
	}
	EXPECT_TRUE(plain && safe && written);
	if (plain && safe && written) {
		/* The string is the file's bytes; made safe, it holds none of the five. */
		EXPECT_TRUE(n_plain == n_written && memcmp(plain, written, n_plain) == 0);
		EXPECT_I64(strlen(plain), n_plain);
		EXPECT_I64(strlen(safe), n_safe);
		EXPECT_TRUE(strchr(plain, '<') != NULL);
		EXPECT_TRUE(strpbrk(safe, "<>&") == NULL);
		EXPECT_TRUE(strstr(safe, "\xE2\x80\xA8") == NULL &&
			    strstr(safe, "\xE2\x80\xA9") == NULL);
		EXPECT_TRUE(strstr(safe, "\\u003c/script\\u003e") != NULL);
		/* The same JSON. */
		cJSON *a = cJSON_Parse(plain), *b = cJSON_Parse(safe);
		EXPECT_TRUE(a && b && cJSON_Compare(a, b, 1));
		const cJSON *edges = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(b, "elements"), "edges");
		EXPECT_I64(cJSON_GetArraySize(edges), 2);
		cJSON_Delete(a);
		cJSON_Delete(b);
	}
	free(plain), free(safe), free(written);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* Every writer says GP_EIO when its stream refuses the bytes. */
static void test_write_errors(void)
{
	int (*const writers[])(FILE *,
			       const gp_graph *) = { gp_graph_write_gexf, gp_graph_write_graphml,
						     gp_graph_write_cytoscape,
						     gp_graph_write_graphology, gp_graph_write_d3 };
	gp_dataset *ds = NULL;
	gp_graph *g = build(&ds);
	for (size_t i = 0; g && i < sizeof(writers) / sizeof(writers[0]); i++) {
		FILE *fp = fopen("/dev/full", "w");
		EXPECT_TRUE(fp != NULL);
		if (!fp) {
			break;
		}
		setvbuf(fp, NULL, _IONBF, 0); /* each write fails as it is made */
		EXPECT_I64(writers[i](fp, g), GP_EIO);
		fclose(fp);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* The GraphML of a graph from `doc`, into *xml (free it). */
static void graphml_of(const char *doc, char **xml)
{
	test_diags d;
	gp_dataset *ds = NULL;
	gp_graph *g = NULL;
	gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
	size_t n = 0;
	*xml = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load("g.json", doc, &d, &ds), GP_OK);
	test_diags_release(&d);
	if (ds && gp_graph_build(&g, ds, &o) == GP_OK) {
		FILE *fp = open_memstream(xml, &n);
		EXPECT_TRUE(fp != NULL);
		if (fp) {
			EXPECT_I64(gp_graph_write_graphml(fp, g), GP_OK);
			fclose(fp);
		}
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * igraph reads an `&` in a GraphML attribute as "&#38;": a node id with
 * one is also written as the node key `id`, which igraph reads right.
 */
static void test_graphml_amp_id(void)
{
	char *xml = NULL;
	graphml_of(
		"{\"actors\": [{\"id\": \"AT&T\", \"name\": \"AT&T\", \"kind\": \"organization\"}],"
		"\"events\": [{\"id\": \"x\", \"type\": \"meeting\", \"date\": \"2025\", \"title\": \"T\","
		" \"participants\": [\"AT&T\", \"USA\"]}]}",
		&xml);
	EXPECT_TRUE(
		xml &&
		strstr(xml, "<key id=\"d8\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>"));
	EXPECT_TRUE(xml &&
		    strstr(xml, "<node id=\"AT&amp;T\">\n      <data key=\"d8\">AT&amp;T</data>"));
	free(xml);
	graphml_of(
		"{\"events\": [{\"id\": \"x\", \"type\": \"meeting\", \"date\": \"2025\", \"title\": \"T & U\","
		" \"participants\": [\"ATT\", \"USA\"]}]}",
		&xml);
	EXPECT_TRUE(xml && !strstr(xml, "attr.name=\"id\""));
	free(xml);
}

static CU_TestInfo interchange_tests[] = {
	{ "Cytoscape JSON to embed in a page", test_cytoscape_json },
	{ "write errors are GP_EIO", test_write_errors },
	{ "GraphML: an id with an & is also the node key id", test_graphml_amp_id },
	CU_TEST_INFO_NULL,
};

int gp_test_add_interchange(void)
{
	return gp_test_register("interchange", interchange_tests);
}
