/*
 * test_claims.c - claims and confidence (docs/claims.md): an event's
 * `status` and `confidence` read and checked, kept through JSON Lines,
 * filtered on (--status, --min-grade), counted on graph edges and kept
 * through partial graphs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static const char claims_text[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},\n"
	"  {\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"acc\", \"type\": \"accusation\", \"date\": \"2025-01-02\", \"title\": \"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"], \"status\": \"confirmed\", \"confidence\": "
	"\"B2\"},\n"
	"{\"id\": \"hack\", \"type\": \"cyber_espionage\", \"date\": \"2024\", \"title\": \"t\",\n"
	" \"source\": [\"B\"], \"target\": [\"A\"], \"status\": \"claimed\", \"confidence\": "
	"\"C3\"},\n"
	"{\"id\": \"deny\", \"type\": \"cyber_espionage\", \"date\": \"2024-05\", \"title\": \"t\",\n"
	" \"source\": [\"B\"], \"target\": [\"A\"], \"status\": \"denied\", \"confidence\": "
	"\"A1\"},\n"
	"{\"id\": \"visit\", \"type\": \"visit\", \"date\": \"2025-03?\", \"title\": \"t\",\n"
	" \"source\": [\"A\"], \"target\": [\"B\"], \"status\": \"planned\"},\n"
	"{\"id\": \"meet\", \"type\": \"meeting\", \"date\": \"2025-02-01\", \"title\": \"t\",\n"
	" \"participants\": [\"A\", \"B\"]}\n"
	"]}\n";

static gp_dataset *load_claims(void)
{
	return test_load_clean("claims.json", claims_text);
}

static const gp_event *ev_of(const gp_dataset *ds, const char *id)
{
	gp_index i = gp_dataset_find_event(ds, id);
	CU_ASSERT_FATAL(i != GP_NONE);
	return gp_dataset_event(ds, i);
}

static void test_read(void)
{
	gp_dataset *ds = load_claims();
	char grade[3];
	EXPECT_I64(gp_event_status(ev_of(ds, "acc")), GP_STATUS_CONFIRMED);
	EXPECT_STR(gp_event_confidence(ev_of(ds, "acc"), grade, sizeof(grade)), "B2");
	EXPECT_I64(gp_event_status(ev_of(ds, "hack")), GP_STATUS_CLAIMED);
	EXPECT_I64(gp_event_status(ev_of(ds, "deny")), GP_STATUS_DENIED);
	EXPECT_I64(gp_event_status(ev_of(ds, "visit")), GP_STATUS_PLANNED);
	/* The defaults: reported, ungraded. */
	EXPECT_I64(gp_event_status(ev_of(ds, "meet")), GP_STATUS_REPORTED);
	EXPECT_STR(gp_event_confidence(ev_of(ds, "meet"), grade, sizeof(grade)), NULL);
	EXPECT_STR(gp_event_confidence(ev_of(ds, "acc"), grade, 2), NULL); /* no room */
	gp_dataset_free(ds);

	int r, c;
	EXPECT_I64(gp_grade_parse("F6", &r, &c), 0);
	EXPECT_I64(r, 6);
	EXPECT_I64(c, 6);
	EXPECT_I64(gp_grade_parse("A1", &r, &c), 0);
	EXPECT_I64(r * 10 + c, 11);
	static const char *const bad[] = { "b2", "G1", "A0", "A7", "A", "A12", "", " A1", NULL };
	for (const char *const *b = bad; *b; b++) {
		EXPECT_I64(gp_grade_parse(*b, &r, &c), -1);
	}
	EXPECT_I64(gp_status_from_name("claimed"), GP_STATUS_CLAIMED);
	EXPECT_I64(gp_status_from_name("Claimed"), -1);
	EXPECT_STR(gp_status_name(GP_STATUS_PLANNED), "planned");
	EXPECT_STR(gp_status_name(GP_STATUS_COUNT), NULL);
}

static void test_checked(void)
{
	static const struct {
		const char *field, *want;
	} cases[] = {
		{ "\"status\": \"claim\"",
		  "3:26: error: unknown status 'claim': one of confirmed, reported, claimed, denied, "
		  "planned (did you mean 'claimed'?)" },
		{ "\"status\": 3", "3:26: error: expected a string for 'status'" },
		{ "\"confidence\": \"b2\"",
		  "3:30: error: 'confidence' must be a NATO/Admiralty grade: source reliability A-F "
		  "and information credibility 1-6, as \"B2\"; got 'b2'" },
		{ "\"confidence\": \"G7\"",
		  "3:30: error: 'confidence' must be a NATO/Admiralty grade" },
		{ "\"confidence\": \"   \"", "3:30: error:" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512];
		snprintf(
			text, sizeof(text),
			"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			"\"events\": [{\"id\": \"e\", \"type\": \"statement\", \"date\": \"2025\",\n"
			" \"title\": \"t\", %s, \"source\": [\"A\"]}]}\n",
			cases[i].field);
		test_diags d;
		gp_dataset *ds = NULL;
		test_diags_init(&d);
		EXPECT_I64(test_load("bad.json", text, &d, &ds), GP_EINVALID);
		EXPECT_DIAG_HAS(&d, cases[i].want);
		test_diags_release(&d);
		gp_dataset_free(ds);
	}
}

/* The ids the filter keeps, in timeline order, comma-separated. */
static void kept(const gp_dataset *ds, const gp_filter *f, char *out, size_t size)
{
	gp_index *order = NULL;
	size_t n = 0;
	out[0] = '\0';
	CU_ASSERT_FATAL(gp_timeline_build(&order, &n, ds, f) == GP_OK);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s%s", i ? "," : "",
			 gp_event_id(gp_dataset_event(ds, order[i])));
	}
	free(order);
}

static void test_filters(void)
{
	gp_dataset *ds = load_claims();
	char ids[256];
	gp_filter f = GP_FILTER_INIT;
	kept(ds, &f, ids, sizeof(ids));
	EXPECT_STR(ids, "hack,deny,acc,meet,visit");
	f.statuses = 1u << GP_STATUS_CLAIMED | 1u << GP_STATUS_PLANNED;
	kept(ds, &f, ids, sizeof(ids));
	EXPECT_STR(ids, "hack,visit");
	f.statuses = 1u << GP_STATUS_REPORTED;
	kept(ds, &f, ids, sizeof(ids));
	EXPECT_STR(ids, "meet");
	/* At least as reliable and as credible as B2: A1 and B2, not C3; ungraded left out. */
	f.statuses = 0;
	f.min_reliability = 2, f.min_credibility = 2;
	kept(ds, &f, ids, sizeof(ids));
	EXPECT_STR(ids, "deny,acc");
	/* B3 keeps no C3 (less reliable) and no A... with credibility 4+. */
	f.min_reliability = 3, f.min_credibility = 1;
	kept(ds, &f, ids, sizeof(ids));
	EXPECT_STR(ids, "deny");
	gp_dataset_free(ds);
}

static void test_jsonl_round_trip(void)
{
	gp_dataset *ds = load_claims();
	char *jsonl = test_jsonl_text(ds);
	CU_ASSERT_FATAL(jsonl != NULL);
	/* Defaults are left out: the meeting line says neither. */
	const char *meet = strstr(jsonl, "\"id\":\"meet\"");
	CU_ASSERT_FATAL(meet != NULL);
	char line[512];
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(meet, "\n"), meet);
	CU_ASSERT(strstr(line, "status") == NULL && strstr(line, "confidence") == NULL);
	CU_ASSERT(strstr(jsonl, "\"status\":\"denied\",\"confidence\":\"A1\"") != NULL);
	test_diags d;
	gp_dataset *back = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load("back.jsonl", jsonl, &d, &back), GP_OK);
	EXPECT_NO_DIAGS(&d);
	test_diags_release(&d);
	char *a = test_timeline_json_text(ds), *b = test_timeline_json_text(back);
	CU_ASSERT_FATAL(a && b);
	EXPECT_SAME_TEXT(b, a);
	free(a), free(b), free(jsonl);
	gp_dataset_free(back);
	gp_dataset_free(ds);
}

static void test_edge_statuses(void)
{
	gp_dataset *ds = load_claims();
	gp_graph *g = NULL;
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	CU_ASSERT_FATAL(gp_graph_build(&g, ds, &go) == GP_OK);
	const gp_edge *ab = test_edge_of(g, "A", "B", 1), *ba = test_edge_of(g, "B", "A", 1);
	const gp_edge *meet = test_edge_of(g, "A", "B", 0);
	CU_ASSERT_FATAL(ab && ba && meet);
	EXPECT_I64(gp_graph_edge_status_count(g, ab, GP_STATUS_CONFIRMED), 1);
	EXPECT_I64(gp_graph_edge_status_count(g, ab, GP_STATUS_PLANNED), 1);
	EXPECT_I64(gp_graph_edge_status_count(g, ab, GP_STATUS_REPORTED), 0);
	EXPECT_I64(gp_graph_edge_status_count(g, ba, GP_STATUS_CLAIMED), 1);
	EXPECT_I64(gp_graph_edge_status_count(g, ba, GP_STATUS_DENIED), 1);
	EXPECT_I64(gp_graph_edge_status_count(g, meet, GP_STATUS_REPORTED), 1);
	char *json = test_graph_json_text(g);
	CU_ASSERT_FATAL(json != NULL);
	CU_ASSERT(strstr(json, "\"statuses\":{\"confirmed\":1,\"planned\":1}") != NULL);
	CU_ASSERT(strstr(json, "\"statuses\":{\"claimed\":1,\"denied\":1}") != NULL);

	/* Through a partial graph and back: the same graph, statuses and all. */
	char path[] = "/tmp/geopol-claims-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_graph_write_partial(fp, g, 0), GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	gp_dataset *mds = NULL;
	gp_graph *m = NULL;
	CU_ASSERT_FATAL(gp_dataset_new(&mds) == GP_OK);
	const char *paths[] = { path };
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	EXPECT_I64(gp_graph_merge(&m, mds, paths, 1, &go, &sink), GP_OK);
	unlink(path);
	char *merged = m ? test_graph_json_text(m) : NULL;
	CU_ASSERT_FATAL(merged != NULL);
	/* The merged graph names events by id; the statuses are the same. */
	CU_ASSERT(strstr(merged, "\"statuses\":{\"confirmed\":1,\"planned\":1}") != NULL);
	CU_ASSERT(strstr(merged, "\"statuses\":{\"claimed\":1,\"denied\":1}") != NULL);
	CU_ASSERT(strstr(merged, "\"statuses\":{\"reported\":1}") != NULL);
	free(merged), free(json);
	gp_graph_free(m);
	gp_dataset_free(mds);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* A partial graph whose statuses count more events than its edge has is refused. */
static void test_partial_statuses_checked(void)
{
	static const char text[] =
		"{\"geopol\":1,\"kind\":\"partial-graph\",\"level\":\"actor\",\"max_event_ids\":0}\n"
		"{\"actor\":{\"id\":\"A\",\"name\":\"A\",\"kind\":\"country\"}}\n"
		"{\"actor\":{\"id\":\"B\",\"name\":\"B\",\"kind\":\"country\"}}\n"
		"{\"node\":{\"id\":\"A\",\"events\":1,\"self_events\":0,\"latest\":[0,86399,7,2,"
		"\"gdelt-7\"]}}\n"
		"{\"node\":{\"id\":\"B\",\"events\":1,\"self_events\":0,\"latest\":[0,86399,7,2,"
		"\"gdelt-7\"]}}\n"
		"{\"edge\":{\"source\":\"A\",\"target\":\"B\",\"directed\":true,\"count\":1,"
		"\"weight_micro\":\"-5000000\",\"cooperation_micro\":\"0\",\"count_cooperation\":0,"
		"\"count_conflict\":1,\"types\":{\"sanction\":1},\"first\":[0,2],"
		"\"last\":[0,2],\"events\":[[0,86399,7,2,\"gdelt-7\"]],%s}}\n";
	static const struct {
		const char *statuses, *want;
	} cases[] = {
		{ "\"statuses\":{\"claimed\":2}",
		  "error: 'statuses' counts more events than the edge's 'count'" },
		{ "\"statuses\":{\"reported\":1}", "error: 'statuses' counts events claimed" },
		{ "\"statuses\":{\"claimed\":0.5}", "error: 'statuses' counts events claimed" },
		{ "\"statuses\":[]", "error: expected an object for 'statuses', got an array" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char line[2048], path[256];
		int len = snprintf(line, sizeof(line), text, cases[i].statuses);
		test_tmp_file(path, sizeof(path), "p.partial", line, (size_t)len);
		gp_dataset *ds = NULL;
		gp_graph *g = NULL;
		CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
		test_diags d;
		test_diags_init(&d);
		gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
		const char *paths[] = { path };
		EXPECT_I64(gp_graph_merge(&g, ds, paths, 1, &go, &d.sink), GP_EINVALID);
		EXPECT_DIAG_HAS(&d, cases[i].want);
		unlink(path);
		test_diags_release(&d);
		gp_graph_free(g);
		gp_dataset_free(ds);
	}
}

static CU_TestInfo claims_tests[] = {
	{ "status and confidence read", test_read },
	{ "status and confidence checked, located", test_checked },
	{ "--status and --min-grade", test_filters },
	{ "JSON Lines keep them", test_jsonl_round_trip },
	{ "edges count statuses, partial graphs keep them", test_edge_statuses },
	{ "partial graph statuses checked", test_partial_statuses_checked },
	CU_TEST_INFO_NULL,
};

int gp_test_add_claims(void)
{
	return gp_test_register("claims", claims_tests);
}
