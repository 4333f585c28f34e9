/*
 * test_view.c - what the viewer's page holds (gp_view_write, view.c): the
 * whole input while it is small; past gp_view_options' bounds the strongest
 * relations with the actors they join, and an equal share of events per
 * relation (or per actor, for an event on no relation), taken evenly through
 * each one's events in time, the first and the last included; the cut stated
 * in the page's data and in gp_view_shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "harness.h"

/*
 * A star: A -> B five times, A -> C three times, A -> D twice, D -> E once,
 * and a statement by A alone (on no relation), twelve events in all.
 */
static const char star[] =
	"{\"geopol\": 1, \"actors\": ["
	"{\"id\": \"A\", \"name\": \"A\", \"kind\": \"person\"},"
	"{\"id\": \"B\", \"name\": \"B\", \"kind\": \"person\"},"
	"{\"id\": \"C\", \"name\": \"C\", \"kind\": \"person\"},"
	"{\"id\": \"D\", \"name\": \"D\", \"kind\": \"person\"},"
	"{\"id\": \"E\", \"name\": \"E\", \"kind\": \"person\"}],"
	"\"events\": ["
	"{\"id\": \"ab1\", \"type\": \"threat\", \"date\": \"2025-01-01\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"B\"]},"
	"{\"id\": \"ab2\", \"type\": \"threat\", \"date\": \"2025-01-03\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"B\"]},"
	"{\"id\": \"ab3\", \"type\": \"threat\", \"date\": \"2025-01-05\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"B\"]},"
	"{\"id\": \"ab4\", \"type\": \"threat\", \"date\": \"2025-01-07\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"B\"]},"
	"{\"id\": \"ab5\", \"type\": \"threat\", \"date\": \"2025-01-09\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"B\"]},"
	"{\"id\": \"ac1\", \"type\": \"appeal\", \"date\": \"2025-01-02\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"C\"]},"
	"{\"id\": \"ac2\", \"type\": \"appeal\", \"date\": \"2025-01-04\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"C\"]},"
	"{\"id\": \"ac3\", \"type\": \"appeal\", \"date\": \"2025-01-06\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"C\"]},"
	"{\"id\": \"ad1\", \"type\": \"visit\", \"date\": \"2025-02-01\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"D\"]},"
	"{\"id\": \"ad2\", \"type\": \"visit\", \"date\": \"2025-02-02\", \"title\": \"t\", \"source\": [\"A\"], \"target\": [\"D\"]},"
	"{\"id\": \"de1\", \"type\": \"visit\", \"date\": \"2025-03-01\", \"title\": \"t\", \"source\": [\"D\"], \"target\": [\"E\"]},"
	"{\"id\": \"alone\", \"type\": \"statement\", \"date\": \"2025-04-01\", \"title\": \"t\", \"source\": [\"A\"]}"
	"]}";

/* The page of star with these bounds (0: the defaults). */
typedef struct {
	char *html;
	cJSON *events, *graph; /* the page's geopol-events and geopol-graph blocks */
	gp_view_shown shown;
} page;

/* The JSON of the <script> block with this id, parsed; NULL when missing. */
static cJSON *block(const char *html, const char *id)
{
	char open[96];
	snprintf(open, sizeof(open), "<script type=\"application/json\" id=\"%s\">", id);
	const char *from = strstr(html, open);
	const char *to = from ? strstr(from, "</script>") : NULL;
	return to ? cJSON_ParseWithLength(from + strlen(open), (size_t)(to - from - strlen(open)))
		  : NULL;
}

/* The page's event ids, space-separated, in its order. */
static void event_ids(const page *p, char *out, size_t size)
{
	out[0] = '\0';
	const cJSON *ev;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(p->events, "events"))
	{
		size_t at = strlen(out);
		snprintf(out + at, size - at, "%s%s", at ? " " : "",
			 cJSON_GetObjectItem(ev, "id")->valuestring);
	}
}

/* The page, checked to hold these events (ids in order); 0 when it could not be read. */
static int make_page(page *p, uint32_t max_edges, uint32_t max_events, const char *want_ids)
{
	memset(p, 0, sizeof(*p));
	gp_dataset *ds = test_load_clean("star.json", star);
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	gp_graph *g = NULL;
	gp_index *order = NULL;
	size_t n = 0, len = 0;
	CU_ASSERT_FATAL(gp_graph_build(&g, ds, &go) == GP_OK);
	CU_ASSERT_FATAL(gp_timeline_build(&order, &n, ds, NULL) == GP_OK);
	FILE *mem = open_memstream(&p->html, &len);
	CU_ASSERT_FATAL(mem != NULL);
	gp_view_options vo = { max_edges, max_events };
	int rc = gp_view_write(mem, g, order, n, NULL, &vo, &p->shown);
	fclose(mem);
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
	EXPECT_I64(rc, GP_OK);
	p->events = block(p->html, "geopol-events");
	p->graph = block(p->html, "geopol-graph");
	EXPECT_TRUE(p->events != NULL && p->graph != NULL);
	if (!p->events || !p->graph) {
		return 0;
	}
	char ids[512];
	event_ids(p, ids, sizeof(ids));
	EXPECT_STR(ids, want_ids);
	return 1;
}

static void free_page(page *p)
{
	cJSON_Delete(p->events);
	cJSON_Delete(p->graph);
	free(p->html);
}

static int count_of(const cJSON *o, const char *key)
{
	return cJSON_GetArraySize(cJSON_GetObjectItem(o, key));
}

static double number(const cJSON *o, const char *key)
{
	const cJSON *x = cJSON_GetObjectItem(o, key);
	return cJSON_IsNumber(x) ? x->valuedouble : -1;
}

/* Within the bounds: everything, and no cut. */
static void test_whole(void)
{
	page p;
	if (!make_page(&p, 0, 0, "ab1 ac1 ab2 ac2 ab3 ac3 ab4 ab5 ad1 ad2 de1 alone")) {
		free_page(&p);
		return;
	}
	EXPECT_TRUE(cJSON_IsNull(cJSON_GetObjectItem(p.events, "cut")));
	const cJSON *el = cJSON_GetObjectItem(p.graph, "elements");
	EXPECT_I64(count_of(el, "nodes"), 5);
	EXPECT_I64(count_of(el, "edges"), 4);
	EXPECT_I64(p.shown.nodes, 5);
	EXPECT_I64(p.shown.edges, 4);
	EXPECT_I64(p.shown.events, 12);
	EXPECT_I64(p.shown.all_events, 12);
	free_page(&p);
}

/*
 * Two relations, four events: A -> B and A -> C (the strongest), nodes A, B,
 * C; the candidates are their events and A's statement (on no relation, A is
 * shown). Shares: a cap of 1 each gives 3, the one left goes to the first
 * group over it (A -> B), whose two are its first and last.
 */
static void test_cut_graph(void)
{
	page p;
	if (!make_page(&p, 2, 4, "ab1 ac1 ab5 alone")) {
		free_page(&p);
		return;
	}
	const cJSON *el = cJSON_GetObjectItem(p.graph, "elements");
	EXPECT_I64(count_of(el, "nodes"), 3);
	EXPECT_I64(count_of(el, "edges"), 2);
	/* Edge ids stay those of graph.json: A -> B is e0, A -> C e1. */
	const cJSON *e0 = cJSON_GetArrayItem(cJSON_GetObjectItem(el, "edges"), 0);
	const cJSON *d0 = cJSON_GetObjectItem(e0, "data");
	EXPECT_STR(cJSON_GetObjectItem(d0, "id")->valuestring, "e0");
	EXPECT_STR(cJSON_GetObjectItem(d0, "target")->valuestring, "B");
	const cJSON *cut = cJSON_GetObjectItem(p.events, "cut");
	EXPECT_DBL(number(cut, "nodes"), 3);
	EXPECT_DBL(number(cut, "all_nodes"), 5);
	EXPECT_DBL(number(cut, "edges"), 2);
	EXPECT_DBL(number(cut, "all_edges"), 4);
	EXPECT_DBL(number(cut, "events"), 4);
	EXPECT_DBL(number(cut, "all_events"), 12);
	EXPECT_DBL(number(cut, "max_edges"), 2);
	EXPECT_DBL(number(cut, "max_events"), 4);
	EXPECT_I64(count_of(p.events, "nodes"), 3); /* aliases of the page's nodes */
	/* Each event's links index the page's lists: ab5 lies on edge 0, ac1 on 1. */
	const cJSON *ev;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(p.events, "events"))
	{
		const char *id = cJSON_GetObjectItem(ev, "id")->valuestring;
		const cJSON *edges = cJSON_GetObjectItem(ev, "edges");
		int want = id[0] == 'a' && id[1] == 'b' ? 0 : id[1] == 'c' ? 1 : -1;
		EXPECT_I64(cJSON_GetArraySize(edges), want < 0 ? 0 : 1);
		if (want >= 0 && cJSON_GetArraySize(edges) == 1) {
			EXPECT_DBL(cJSON_GetArrayItem(edges, 0)->valuedouble, want);
		}
		const cJSON *node;
		cJSON_ArrayForEach(node, cJSON_GetObjectItem(ev, "nodes"))
		{
			EXPECT_TRUE(node->valuedouble >= 0 && node->valuedouble < 3);
		}
	}
	EXPECT_I64(p.shown.edges, 2);
	EXPECT_I64(p.shown.all_edges, 4);
	EXPECT_I64(p.shown.events, 4);
	free_page(&p);
}

/*
 * Every relation, six of twelve events: five groups (four relations and A's
 * statement) at one each, the sixth to A -> B, its first and last.
 */
static void test_cut_events(void)
{
	page p;
	if (!make_page(&p, 100, 6, "ab1 ac1 ab5 ad1 de1 alone")) {
		free_page(&p);
		return;
	}
	const cJSON *el = cJSON_GetObjectItem(p.graph, "elements");
	EXPECT_I64(count_of(el, "edges"), 4);
	const cJSON *cut = cJSON_GetObjectItem(p.events, "cut");
	EXPECT_DBL(number(cut, "edges"), 4);
	EXPECT_DBL(number(cut, "events"), 6);
	free_page(&p);
}

/* Three picks from five events: the first, the middle and the last (and A's statement). */
static void test_spread(void)
{
	page p;
	if (!make_page(&p, 1, 4, "ab1 ab3 ab5 alone")) {
		free_page(&p);
		return;
	}
	EXPECT_I64(p.shown.nodes, 2);
	free_page(&p);
}

int gp_test_add_view(void)
{
	static CU_TestInfo tests[] = {
		{ "a small input is whole", test_whole },
		{ "past max_edges: the strongest relations and a share of their events",
		  test_cut_graph },
		{ "past max_events: an equal share per relation", test_cut_events },
		{ "a share is spread over the relation's time", test_spread },
		CU_TEST_INFO_NULL,
	};
	return gp_test_register("view", tests);
}
