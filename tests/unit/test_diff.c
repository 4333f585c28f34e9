/*
 * test_diff.c - what changed between two sets of events (gp_diff_build,
 * gp_diff_split, gp_diff_write; docs/diff.md): events added, removed and
 * changed field by field, lists as sets, edges that appeared, disappeared
 * or turned sign, the largest moves in order, and a dataset split at a date
 * with the event spanning it on both sides.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static gp_dataset *load(const char *text)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load("diff.json", text, &d, &ds), GP_OK);
	test_diags_release(&d);
	return ds;
}

static gp_diff *diff_of(const gp_dataset *a, const gp_dataset *b, const gp_diff_options *o)
{
	gp_diff *d = NULL;
	EXPECT_I64(gp_diff_build(&d, a, NULL, b, NULL, o), GP_OK);
	CU_ASSERT_FATAL(d != NULL);
	return d;
}

static char *written(const gp_diff *d, gp_diff_format format)
{
	gp_diff_write_options o = GP_DIFF_WRITE_OPTIONS_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	o.format = format;
	EXPECT_I64(gp_diff_write(fp, d, &o), GP_OK);
	fclose(fp);
	return buf;
}

#define ACTORS                                                                                     \
	"\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},"                \
	"{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"country\"},"                              \
	"{\"id\": \"C\", \"name\": \"Gamma\", \"kind\": \"country\"},"                             \
	"{\"id\": \"D\", \"name\": \"Delta\", \"kind\": \"country\"}]"

static const char old_text[] =
	"{\"sources\": {\"s1\": {\"title\": \"One\"}, \"s2\": {\"title\": \"Two\"}}, " ACTORS ", "
	"\"events\": ["
	"{\"id\": \"same\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"T\","
	" \"participants\": [\"A\", \"B\"], \"sources\": [\"s1\", \"s2\"],"
	" \"attributes\": {\"x\": 1, \"y\": [1, 2]}},"
	"{\"id\": \"gone\", \"type\": \"statement\", \"date\": \"2025-02\", \"title\": \"G\","
	" \"source\": [\"C\"]},"
	"{\"id\": \"edit\", \"type\": \"demand\", \"date\": \"2025-03\", \"title\": \"Old title\","
	" \"source\": [\"A\"], \"target\": [\"C\"], \"about\": [\"D\"], \"summary\": \"s\","
	" \"status\": \"claimed\", \"confidence\": \"B2\", \"sources\": [\"s1\"],"
	" \"links\": [{\"rel\": \"in_response_to\", \"event\": \"same\"}], \"attributes\": {\"k\": 1}},"
	"{\"id\": \"w\", \"type\": \"threat\", \"date\": \"2025-04\", \"title\": \"W\","
	" \"source\": [\"B\"], \"target\": [\"C\"]}]}";

/* Every field of `edit` changed; `same` reordered only; `gone` removed, `new` added. */
static const char new_text[] =
	"{\"sources\": {\"s1\": {\"title\": \"One\"}, \"s2\": {\"title\": \"Two\"}}, " ACTORS ", "
	"\"events\": ["
	"{\"id\": \"same\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"T\","
	" \"participants\": [\"B\", \"A\"], \"sources\": [\"s2\", \"s1\"],"
	" \"attributes\": {\"y\": [1, 2], \"x\": 1.0}},"
	"{\"id\": \"edit\", \"type\": \"appeal\", \"date\": \"2025-03-05\", \"title\": \"New title\","
	" \"source\": [\"D\"], \"target\": [\"C\", \"B\"], \"participants\": [\"A\", \"B\"],"
	" \"weight\": 2, \"status\": \"confirmed\", \"confidence\": \"A1\","
	" \"sources\": [\"s2\"], \"links\": [{\"rel\": \"follows_from\", \"event\": \"same\"}],"
	" \"attributes\": {\"k\": 2}},"
	"{\"id\": \"w\", \"type\": \"threat\", \"date\": \"2025-04\", \"title\": \"W\","
	" \"source\": [\"B\"], \"target\": [\"C\"], \"weight\": -1},"
	"{\"id\": \"new\", \"type\": \"statement\", \"date\": \"2025-05\", \"title\": \"N\","
	" \"source\": [\"D\"], \"target\": [\"B\"]}]}";

static void test_events(void)
{
	gp_dataset *a = load(old_text), *b = load(new_text);
	CU_ASSERT_FATAL(a && b);
	gp_diff *d = diff_of(a, b, NULL);
	EXPECT_I64(gp_diff_old_events(d), 4);
	EXPECT_I64(gp_diff_new_events(d), 4);
	EXPECT_I64(gp_diff_event_count(d, GP_DIFF_ADDED), 1);
	EXPECT_I64(gp_diff_event_count(d, GP_DIFF_REMOVED), 1);
	EXPECT_I64(gp_diff_event_count(d, GP_DIFF_CHANGED), 2);
	/* Reordered lists and an object's keys in another order (1 and 1.0 alike): no change. */
	EXPECT_I64(gp_diff_unchanged_events(d), 1);
	const gp_diff_event *e = gp_diff_event_at(d, GP_DIFF_ADDED, 0);
	EXPECT_STR(gp_event_id(gp_dataset_event(b, e->new_event)), "new");
	EXPECT_I64(e->old_event, GP_NONE);
	e = gp_diff_event_at(d, GP_DIFF_REMOVED, 0);
	EXPECT_STR(gp_event_id(gp_dataset_event(a, e->old_event)), "gone");
	EXPECT_I64(e->new_event, GP_NONE);
	/* `edit` first (timeline order), with every field; `w` only its weight. */
	e = gp_diff_event_at(d, GP_DIFF_CHANGED, 0);
	EXPECT_STR(gp_event_id(gp_dataset_event(b, e->new_event)), "edit");
	EXPECT_I64(e->fields, (1u << GP_FIELD_COUNT) - 1);
	e = gp_diff_event_at(d, GP_DIFF_CHANGED, 1);
	EXPECT_STR(gp_event_id(gp_dataset_event(b, e->new_event)), "w");
	EXPECT_I64(e->fields, 1u << GP_FIELD_WEIGHT);
	EXPECT_STR(gp_diff_field_name(GP_FIELD_PARTICIPANTS), "participants");
	EXPECT_TRUE(gp_diff_field_name(GP_FIELD_COUNT) == NULL);
	EXPECT_TRUE(gp_diff_event_at(d, GP_DIFF_CHANGED, 2) == NULL);

	/* The JSON: old and new values as the timeline JSON writes them. */
	char *json = written(d, GP_DIFF_JSON);
	cJSON *root = cJSON_Parse(json);
	CU_ASSERT_FATAL(root != NULL);
	EXPECT_STR(cJSON_GetObjectItem(root, "kind")->valuestring, "diff");
	cJSON *ch = cJSON_GetArrayItem(
		cJSON_GetObjectItem(cJSON_GetObjectItem(root, "events"), "changed"), 0);
	cJSON *changes = cJSON_GetObjectItem(ch, "changes");
	EXPECT_I64(cJSON_GetArraySize(changes), GP_FIELD_COUNT);
	for (int f = 0; f < GP_FIELD_COUNT; f++) {
		cJSON *c = cJSON_GetArrayItem(changes, f);
		EXPECT_STR(cJSON_GetObjectItem(c, "field")->valuestring, gp_diff_field_name(f));
	}
	cJSON *sum = cJSON_GetArrayItem(changes, GP_FIELD_SUMMARY);
	EXPECT_STR(cJSON_GetObjectItem(sum, "old")->valuestring, "s");
	EXPECT_TRUE(cJSON_IsNull(cJSON_GetObjectItem(sum, "new")));
	cJSON *date = cJSON_GetArrayItem(changes, GP_FIELD_DATE);
	EXPECT_STR(cJSON_GetObjectItem(date, "new")->valuestring, "2025-03-05");
	cJSON *tgt = cJSON_GetObjectItem(cJSON_GetArrayItem(changes, GP_FIELD_TARGET), "new");
	EXPECT_STR(cJSON_GetArrayItem(tgt, 0)->valuestring, "C");
	EXPECT_STR(cJSON_GetArrayItem(tgt, 1)->valuestring, "B");
	cJSON *w = cJSON_GetArrayItem(changes, GP_FIELD_WEIGHT);
	EXPECT_DBL(cJSON_GetObjectItem(w, "old")->valuedouble, -5);
	EXPECT_DBL(cJSON_GetObjectItem(w, "new")->valuedouble, 2);
	cJSON_Delete(root);
	free(json);

	char *text = written(d, GP_DIFF_TEXT);
	EXPECT_TRUE(strstr(text, "Events: 1 added, 1 removed, 2 changed, 1 unchanged") != NULL);
	EXPECT_TRUE(strstr(text, "      title        Old title → New title\n") != NULL);
	EXPECT_TRUE(strstr(text, "      confidence   B2 → A1\n") != NULL);
	EXPECT_TRUE(strstr(text, "      links        in_response_to same → follows_from same\n") !=
		    NULL);
	free(text);
	/* Long lists stop at max_lines and say how many more the JSON has. */
	gp_diff_write_options wo = GP_DIFF_WRITE_OPTIONS_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	wo.max_lines = 1;
	EXPECT_I64(gp_diff_write(fp, d, &wo), GP_OK);
	fclose(fp);
	EXPECT_TRUE(strstr(buf, "    … and 1 more (the JSON output lists them all)\n") != NULL);
	EXPECT_TRUE(strstr(buf, "    w  W\n") == NULL);
	free(buf);
	gp_diff_free(d);
	gp_dataset_free(a);
	gp_dataset_free(b);
}

/* The edge of a kind between two ids, or NULL. */
static const gp_diff_edge *edge(const gp_diff *d, gp_diff_kind kind, const char *s, const char *t)
{
	for (size_t i = 0; i < gp_diff_edge_count(d, kind); i++) {
		const gp_diff_edge *e = gp_diff_edge_at(d, kind, i);
		if (strcmp(e->source, s) == 0 && strcmp(e->target, t) == 0) {
			return e;
		}
	}
	return NULL;
}

static void test_edges(void)
{
	static const char before[] =
		"{" ACTORS ", \"events\": ["
		"{\"id\": \"1\", \"type\": \"threat\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"A\"], \"target\": [\"B\"]},"
		"{\"id\": \"2\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"participants\": [\"A\", \"C\"]},"
		"{\"id\": \"3\", \"type\": \"threat\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"C\"], \"target\": [\"D\"]},"
		"{\"id\": \"4\", \"type\": \"demand\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"B\"], \"target\": [\"D\"]}]}";
	/* A→B turns cooperative; A–C gone; C→D twice as often; B→D heavier only; D→A new. */
	static const char after[] =
		"{" ACTORS ", \"events\": ["
		"{\"id\": \"1\", \"type\": \"aid\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"A\"], \"target\": [\"B\"]},"
		"{\"id\": \"3\", \"type\": \"threat\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"C\"], \"target\": [\"D\"]},"
		"{\"id\": \"3b\", \"type\": \"threat\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"C\"], \"target\": [\"D\"]},"
		"{\"id\": \"4\", \"type\": \"coerce\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"B\"], \"target\": [\"D\"]},"
		"{\"id\": \"5\", \"type\": \"visit\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"D\"], \"target\": [\"A\"]}]}";
	gp_dataset *a = load(before), *b = load(after);
	CU_ASSERT_FATAL(a && b);
	gp_diff *d = diff_of(a, b, NULL);
	EXPECT_I64(gp_diff_edge_count(d, GP_DIFF_ADDED), 1);
	EXPECT_I64(gp_diff_edge_count(d, GP_DIFF_REMOVED), 1);
	EXPECT_I64(gp_diff_edge_count(d, GP_DIFF_CHANGED), 2);
	const gp_diff_edge *e = edge(d, GP_DIFF_ADDED, "D", "A");
	CU_ASSERT_FATAL(e != NULL);
	EXPECT_I64(e->old_count, 0);
	EXPECT_I64(e->new_count, 1);
	EXPECT_DBL(e->new_weight, 1.9);
	e = edge(d, GP_DIFF_REMOVED, "A", "C");
	CU_ASSERT_FATAL(e != NULL);
	EXPECT_I64(e->directed, 0);
	EXPECT_I64(e->old_count, 1);
	EXPECT_I64(e->new_count, 0);
	/* Changed: C→D by count first (the larger change), then A→B by sign. */
	e = gp_diff_edge_at(d, GP_DIFF_CHANGED, 0);
	EXPECT_STR(e->source, "C");
	EXPECT_I64(e->old_count, 1);
	EXPECT_I64(e->new_count, 2);
	e = gp_diff_edge_at(d, GP_DIFF_CHANGED, 1);
	EXPECT_STR(e->source, "A");
	EXPECT_DBL(e->old_weight, -4.4);
	EXPECT_DBL(e->new_weight, 7);
	/* B→D: the same count and sign, only heavier: not an edge change. */
	EXPECT_TRUE(edge(d, GP_DIFF_CHANGED, "B", "D") == NULL);
	char *text = written(d, GP_DIFF_TEXT);
	EXPECT_TRUE(strstr(text, "(conflict → cooperation)") != NULL);
	EXPECT_TRUE(strstr(text, "disappeared  A ↔ C") != NULL);
	free(text);
	gp_diff_free(d);
	gp_dataset_free(a);
	gp_dataset_free(b);
}

static void test_moves(void)
{
	static const char star[] =
		"{" ACTORS ", \"events\": ["
		"{\"id\": \"1\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"A\"], \"target\": [\"B\"]},"
		"{\"id\": \"2\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"A\"], \"target\": [\"C\"]}]}";
	static const char chain[] =
		"{" ACTORS ", \"events\": ["
		"{\"id\": \"1\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"A\"], \"target\": [\"B\"]},"
		"{\"id\": \"3\", \"type\": \"talks\", \"date\": \"2025-01\", \"title\": \"x\","
		" \"source\": [\"B\"], \"target\": [\"D\"]}]}";
	gp_dataset *a = load(star), *b = load(chain);
	CU_ASSERT_FATAL(a && b);
	gp_diff_options o = GP_DIFF_OPTIONS_INIT;
	o.top = 0;
	gp_diff *d = diff_of(a, b, &o);
	/* Betweenness: B 0 → 1 (on A→B→D), nothing else moves; C and D count 0 where absent. */
	EXPECT_I64(gp_diff_move_count(d, GP_MEASURE_BETWEENNESS), 1);
	const gp_diff_move *m = gp_diff_move_at(d, GP_MEASURE_BETWEENNESS, 0);
	EXPECT_STR(m->id, "B");
	EXPECT_DBL(m->old_value, 0);
	EXPECT_DBL(m->new_value, 1);
	/* PageRank: every node moves; the largest |change| first, ties by id. */
	size_t n = gp_diff_move_count(d, GP_MEASURE_PAGERANK);
	EXPECT_I64(n, 4);
	for (size_t i = 1; i < n; i++) {
		const gp_diff_move *x = gp_diff_move_at(d, GP_MEASURE_PAGERANK, i - 1);
		const gp_diff_move *y = gp_diff_move_at(d, GP_MEASURE_PAGERANK, i);
		double dx = x->new_value - x->old_value, dy = y->new_value - y->old_value;
		dx = dx < 0 ? -dx : dx;
		dy = dy < 0 ? -dy : dy;
		EXPECT_TRUE(dx > dy || (dx == dy && strcmp(x->id, y->id) < 0));
	}
	int seen_c = 0;
	for (size_t i = 0; i < n; i++) {
		m = gp_diff_move_at(d, GP_MEASURE_PAGERANK, i);
		if (strcmp(m->id, "C") == 0) {
			seen_c = 1;
			EXPECT_DBL(m->new_value, 0); /* gone: 0 on the new side */
			EXPECT_STR(m->label, "Gamma");
		}
	}
	EXPECT_TRUE(seen_c);
	gp_diff_free(d);
	/* top 2: the two largest only. */
	o.top = 2;
	d = diff_of(a, b, &o);
	EXPECT_I64(gp_diff_move_count(d, GP_MEASURE_PAGERANK), 2);
	gp_diff_free(d);
	/* The same data on both sides: nothing moves, and the text says so. */
	d = diff_of(a, a, NULL);
	EXPECT_TRUE(!gp_diff_any(d));
	EXPECT_I64(gp_diff_unchanged_events(d), 2);
	char *text = written(d, GP_DIFF_TEXT);
	EXPECT_TRUE(strstr(text, "\nno changes\n") != NULL);
	free(text);
	gp_diff_free(d);
	gp_dataset_free(a);
	gp_dataset_free(b);
}

static void test_split(void)
{
	static const char text[] =
		"{" ACTORS ", \"events\": ["
		"{\"id\": \"early\", \"type\": \"talks\", \"date\": \"2025-07-30\", \"title\": \"x\","
		" \"participants\": [\"A\", \"B\"]},"
		"{\"id\": \"span\", \"type\": \"talks\", \"date\": \"2025-07-28/2025-08-03\","
		" \"title\": \"x\", \"participants\": [\"A\", \"C\"]},"
		"{\"id\": \"month\", \"type\": \"talks\", \"date\": \"2025-07\", \"title\": \"x\","
		" \"participants\": [\"B\", \"D\"]},"
		"{\"id\": \"open\", \"type\": \"threat\", \"date\": \"2024/..\", \"title\": \"x\","
		" \"source\": [\"D\"], \"target\": [\"A\"]},"
		"{\"id\": \"late\", \"type\": \"talks\", \"date\": \"2025-08-01\", \"title\": \"x\","
		" \"participants\": [\"C\", \"D\"]}]}";
	gp_dataset *ds = load(text);
	CU_ASSERT_FATAL(ds != NULL);
	gp_date at;
	CU_ASSERT_FATAL(gp_date_parse(&at, "2025-08-01", 10, NULL) == 0);
	gp_filter before, after;
	gp_diff_split(&before, &after, NULL, at.start);
	EXPECT_I64(before.has_to, 1);
	EXPECT_I64(before.to, at.start - 1);
	EXPECT_I64(after.from, at.start);
	gp_diff *d = NULL;
	EXPECT_I64(gp_diff_build(&d, ds, &before, ds, &after, NULL), GP_OK);
	CU_ASSERT_FATAL(d != NULL);
	EXPECT_I64(gp_diff_old_events(d), 4); /* early, span, month, open */
	EXPECT_I64(gp_diff_new_events(d), 3); /* span, open, late */
	EXPECT_I64(gp_diff_unchanged_events(d), 2);
	EXPECT_I64(gp_diff_event_count(d, GP_DIFF_CHANGED), 0);
	EXPECT_I64(gp_diff_event_count(d, GP_DIFF_ADDED), 1);
	EXPECT_STR(
		gp_event_id(gp_dataset_event(ds, gp_diff_event_at(d, GP_DIFF_ADDED, 0)->new_event)),
		"late");
	EXPECT_I64(gp_diff_event_count(d, GP_DIFF_REMOVED), 2);
	EXPECT_STR(gp_event_id(gp_dataset_event(
			   ds, gp_diff_event_at(d, GP_DIFF_REMOVED, 1)->old_event)),
		   "early");
	/* A–C (the spanning event) is on both sides, unchanged: not listed. */
	EXPECT_I64(gp_diff_edge_count(d, GP_DIFF_CHANGED), 0);
	gp_diff_write_options wo = GP_DIFF_WRITE_OPTIONS_INIT;
	wo.at = "2025-08-01";
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_diff_write(fp, d, &wo), GP_OK);
	fclose(fp);
	EXPECT_TRUE(strstr(buf, "Events: 1 began on or after 2025-08-01, 2 ended before it, 2 span "
				"it") != NULL);
	free(buf);
	gp_diff_free(d);

	/* The user's own --to and --from narrow a side, never widen it. */
	gp_filter f = GP_FILTER_INIT;
	f.has_to = 1, f.to = at.start - 86400 * 10;
	f.has_from = 1, f.from = at.start + 86400;
	gp_diff_split(&before, &after, &f, at.start);
	EXPECT_I64(before.to, f.to);
	EXPECT_I64(after.from, f.from);
	EXPECT_I64(after.to, f.to);
	gp_dataset_free(ds);
}

static void test_compact_refused(void)
{
	char row[4096];
	size_t len = test_gdelt_row(row, sizeof(row), NULL);
	gp_dataset *ds = NULL;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
	gp_dataset_set_compact_rows(ds, GP_ROWS_COMPACT, NULL);
	EXPECT_I64(gp_dataset_load_buffer(ds, "x.tsv", row, len, GP_INPUT_GDELT, &sink), GP_OK);
	EXPECT_I64(gp_dataset_finish(ds, &sink), GP_OK);
	gp_diff *d = (gp_diff *)1;
	EXPECT_I64(gp_diff_build(&d, ds, NULL, ds, NULL, NULL), GP_EINVALID);
	EXPECT_TRUE(d == NULL);
	gp_dataset_free(ds);
}

static CU_TestInfo diff_tests[] = {
	{ "events: added, removed, changed field by field; lists as sets", test_events },
	{ "edges: appeared, disappeared, count and sign changes, in order", test_edges },
	{ "moves: largest first, ties by id, absent as 0, top N", test_moves },
	{ "at a date: the spanning event on both sides", test_split },
	{ "compact rows refused", test_compact_refused },
	CU_TEST_INFO_NULL,
};

int gp_test_add_diff(void)
{
	return gp_test_register("diff", diff_tests);
}
