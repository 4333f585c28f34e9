/*
 * test_story.c - the story in the text outputs (docs/story.md): sources as
 * footnotes numbered by first use (text --sources, Markdown), links shown
 * under their event, and the causal chain through an event
 * (gp_timeline_chain, gp_timeline_write_chain).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define EXPECT_HAS(hay, needle) expect_has((hay), (needle), __LINE__)

static void expect_has(const char *hay, const char *needle, unsigned line)
{
	int ok = hay && strstr(hay, needle) != NULL;
	if (!ok) {
		fprintf(stderr, "\n  test_story.c:%u: output lacks \"%s\"; output:\n%s", line,
			needle, hay ? hay : "(null)");
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, needle, __FILE__, "", CU_FALSE);
}

/* Load a text; its diagnostics must be exactly `warnings` warnings (no error). */
static gp_dataset *load(const char *text, size_t warnings)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load("story.json", text, &d, &ds), GP_OK);
	EXPECT_I64(d.n, warnings);
	test_diags_release(&d);
	return ds;
}

/* The timeline of every event in a format; the text, to free(). */
static char *timeline(const gp_dataset *ds, const gp_timeline_options *o)
{
	gp_index *order = NULL;
	size_t n = 0, len = 0;
	char *buf = NULL;
	CU_ASSERT_FATAL(gp_timeline_build(&order, &n, ds, NULL) == GP_OK);
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_timeline_write(fp, ds, order, n, o), GP_OK);
	fclose(fp);
	free(order);
	return buf;
}

/* The column (in characters) where `needle` starts on its line, or -1. */
static long column_of(const char *text, const char *needle)
{
	const char *p = text ? strstr(text, needle) : NULL;
	if (!p) {
		return -1;
	}
	long col = 0;
	for (const char *b = p; b > text && b[-1] != '\n'; b--) {
		col += ((unsigned char)b[-1] & 0xC0) != 0x80; /* UTF-8: count lead bytes */
	}
	return col;
}

/*
 * Timeline order: e2 (2024), e1 (2025-01), e3 (2025-06). First uses: c1
 * (e2), missing (e2, an unknown citation: a warning), c2 (e1, cited twice
 * there: one mark), the inline URL (e1). e3 links to e1 and, by a relation
 * outside the vocabulary (a warning), to e2.
 */
static const char sources_text[] =
	"{\"sources\": {\"c1\": {\"title\": \"Title [one]\", \"publisher\": \"Pub\", \"published\": "
	"\"2025-07-31\", \"url\": \"https://c1.org/x\"},\n"
	"  \"c2\": {\"title\": \"Only a title\"}},\n"
	"\"actors\": [{\"id\": \"A\", \"name\": \"A rather long name for an actor, longer than forty "
	"characters\", \"kind\": \"country\"}, {\"id\": \"B\", \"name\": \"Bee\", \"kind\": "
	"\"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025-01\", \"title\": \"T-e1\", "
	"\"source\": [\"A\"], \"target\": [\"B\"],\n"
	" \"sources\": [\"c2\", \"https://x.org/a\", \"c2\"]},\n"
	"{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2024\", \"title\": \"T-e2\", "
	"\"source\": [\"B\"], \"sources\": [\"c1\", \"missing\"]},\n"
	"{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025-06\", \"title\": \"T-e3\", "
	"\"source\": [\"B\"], \"sources\": [\"c1\"],\n"
	" \"links\": [{\"rel\": \"in_response_to\", \"event\": \"e1\"}, {\"rel\": \"follows\", "
	"\"event\": \"e2\"}]}]}\n";

static void test_text_footnotes(void)
{
	gp_dataset *ds = load(sources_text, 2);
	CU_ASSERT_FATAL(ds != NULL);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	char *plain = timeline(ds, &o);
	o.sources = 1;
	char *out = timeline(ds, &o);
	/* Marks by first use along the timeline, each source once an event. */
	EXPECT_HAS(out, "T-e2[1][2]\n");
	EXPECT_HAS(out, "T-e1[3][4]\n");
	EXPECT_HAS(out, "T-e3[1]\n");
	/* The references: a citation's fields, an unknown id as itself, a URL as itself. */
	EXPECT_HAS(out,
		   "\n\nSources\n[1] Title [one]. Pub, 2025-07-31. https://c1.org/x\n[2] missing\n"
		   "[3] Only a title.\n[4] https://x.org/a\n");
	/* Columns still cut to fit: every title and link starts in one column. */
	long col = column_of(out, "T-e1");
	CU_ASSERT(col > 0);
	EXPECT_I64(column_of(out, "T-e2"), col);
	EXPECT_I64(column_of(out, "T-e3"), col);
	EXPECT_I64(column_of(out, "↳ in response to e1 (2025-01)\n"), col);
	EXPECT_I64(column_of(out, "↳ follows e2 (2024)\n"), col);
	EXPECT_HAS(out, "A rather long name for an actor… → Bee  ");
	/* Without --sources: no marks, no references; the links are there anyway. */
	CU_ASSERT(plain && !strstr(plain, "[1]") && !strstr(plain, "Sources"));
	EXPECT_HAS(plain, "↳ in response to e1 (2025-01)\n");
	free(plain);
	free(out);
	gp_dataset_free(ds);
}

/* The timeline of sources_text in a format. */
static char *sources_timeline(gp_timeline_format format)
{
	gp_dataset *ds = load(sources_text, 2);
	CU_ASSERT_FATAL(ds != NULL);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = format;
	char *out = timeline(ds, &o);
	gp_dataset_free(ds);
	return out;
}

static void test_markdown_footnotes(void)
{
	char *out = sources_timeline(GP_TIMELINE_MARKDOWN);
	EXPECT_HAS(out, "\n  T-e2[^1][^2]\n");
	EXPECT_HAS(out, "\n  T-e1[^3][^4]\n");
	EXPECT_HAS(out,
		   "\n  T-e3[^1]\n\n  ↳ in response to e1 (2025-01)\\\n  ↳ follows e2 (2024)\n");
	EXPECT_HAS(out, "\n\n[^1]: [Title \\[one\\]](<https://c1.org/x>), Pub, 2025-07-31\n"
			"[^2]: missing\n[^3]: Only a title\n"
			"[^4]: [https://x.org/a](<https://x.org/a>)\n");
	free(out);
}

static void test_csv_sources_summary(void)
{
	char *out = sources_timeline(GP_TIMELINE_CSV);
	EXPECT_HAS(out, ",title,derived_from,status,confidence,sources,summary\n");
	EXPECT_HAS(out, ",T-e1,,reported,,c2;https://x.org/a;c2,\n");
	free(out);
}

/* ----------------------------------------------------------------- chain */

/*
 * a <- b <- c <- d (in_response_to, follows_from), b <- e (a branch), f
 * part_of b (not causal), g alone; h and i answer each other (a cycle;
 * one of them a warning: it answers a later event).
 */
static const char chain_text[] =
	"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"d\", \"type\": \"statement\", \"date\": \"2025-01-20\", \"title\": \"D\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"c\"}]},\n"
	"{\"id\": \"c\", \"type\": \"statement\", \"date\": \"2025-01-10\", \"title\": \"C\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"follows_from\", \"event\": \"b\"}]},\n"
	"{\"id\": \"b\", \"type\": \"statement\", \"date\": \"2025-01-05\", \"title\": \"B\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"a\"}]},\n"
	"{\"id\": \"a\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"A\", "
	"\"source\": [\"A\"]},\n"
	"{\"id\": \"e\", \"type\": \"statement\", \"date\": \"2025-01-07\", \"title\": \"E\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"b\"}]},\n"
	"{\"id\": \"f\", \"type\": \"statement\", \"date\": \"2025-01-08\", \"title\": \"F\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"part_of\", \"event\": \"b\"}]},\n"
	"{\"id\": \"g\", \"type\": \"statement\", \"date\": \"2025-02\", \"title\": \"G\", "
	"\"source\": [\"A\"]},\n"
	"{\"id\": \"h\", \"type\": \"statement\", \"date\": \"2025-03-01\", \"title\": \"H\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"i\"}]},\n"
	"{\"id\": \"i\", \"type\": \"statement\", \"date\": \"2025-03-02\", \"title\": \"I\", "
	"\"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"h\"}]}]}\n";

/* The chain through `id` (filter f) is exactly `want`: "id:side" words, in order. */
static void expect_chain(const gp_dataset *ds, const gp_filter *f, const char *id, const char *want,
			 unsigned line)
{
	gp_index *v = NULL;
	int8_t *side = NULL;
	size_t n = 0;
	char got[256] = "";
	int rc = gp_timeline_chain(&v, &side, &n, ds, f, gp_dataset_find_event(ds, id));
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		size_t len = strlen(got);
		snprintf(got + len, sizeof(got) - len, "%s%s:%d", i ? " " : "",
			 gp_event_id(gp_dataset_event(ds, v[i])), side[i]);
	}
	int ok = rc == GP_OK && strcmp(got, want) == 0;
	if (!ok) {
		fprintf(stderr,
			"\n  test_story.c:%u: chain through %s is \"%s\" (status %d), want \"%s\"",
			line, id, got, rc, want);
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, "chain", __FILE__, "", CU_FALSE);
	free(v);
	free(side);
}

static void test_chain(void)
{
	gp_dataset *ds = load(chain_text, 1);
	CU_ASSERT_FATAL(ds != NULL);
	/* Back to the first cause, forward to the last effect; no sibling, no part_of. */
	expect_chain(ds, NULL, "c", "a:-1 b:-1 c:0 d:1", __LINE__);
	/* A branching chain: every event reached once, in timeline order. */
	expect_chain(ds, NULL, "b", "a:-1 b:0 e:1 c:1 d:1", __LINE__);
	expect_chain(ds, NULL, "a", "a:0 b:1 e:1 c:1 d:1", __LINE__);
	/* No links: the event alone. A cycle: each once. */
	expect_chain(ds, NULL, "g", "g:0", __LINE__);
	expect_chain(ds, NULL, "h", "h:0 i:-1", __LINE__);
	/* The filters choose what is listed; links are followed through the rest; EVENT always is. */
	gp_filter f = GP_FILTER_INIT;
	gp_date to;
	CU_ASSERT_FATAL(gp_date_parse(&to, "2025-01-06", 10, NULL) == 0);
	f.has_to = 1;
	f.to = to.end;
	expect_chain(ds, &f, "d", "a:-1 b:-1 d:0", __LINE__);
	/* An index past the events. */
	gp_index *v = NULL;
	size_t n = 0;
	EXPECT_I64(gp_timeline_chain(&v, NULL, &n, ds, NULL, 1000), GP_ENOTFOUND);
	CU_ASSERT(v == NULL && n == 0);
	gp_dataset_free(ds);
}

/* The chain through id written in a format; the text, to free(). */
static char *chain_out(const gp_dataset *ds, const char *id, gp_timeline_format format)
{
	gp_index *v = NULL, ev = gp_dataset_find_event(ds, id);
	int8_t *side = NULL;
	size_t n = 0, len = 0;
	char *buf = NULL;
	CU_ASSERT_FATAL(gp_timeline_chain(&v, &side, &n, ds, NULL, ev) == GP_OK);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = format;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_timeline_write_chain(fp, ds, ev, v, side, n, &o), GP_OK);
	fclose(fp);
	free(v);
	free(side);
	return buf;
}

static void test_chain_writers(void)
{
	gp_dataset *ds = load(chain_text, 1);
	CU_ASSERT_FATAL(ds != NULL);
	char *text = chain_out(ds, "b", GP_TIMELINE_TEXT);
	EXPECT_HAS(text, "Causal chain through b: 1 cause, 3 effects\n\n");
	EXPECT_HAS(text, "\ncause   2025-01-01  Statement  Alpha  A\n");
	EXPECT_HAS(text, "\nevent   2025-01-05  Statement  Alpha  B\n");
	EXPECT_HAS(text, "\neffect  2025-01-20  Statement  Alpha  D\n");
	EXPECT_HAS(text,
		   "\n                                      ↳ in response to c (2025-01-10)\n");
	/* JSON: the events as the timeline writes them, and the causal links among them. */
	char *json = chain_out(ds, "b", GP_TIMELINE_JSON);
	cJSON *doc = cJSON_Parse(json);
	CU_ASSERT_FATAL(doc != NULL);
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "kind")), "chain");
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "event")), "b");
	cJSON *evs = cJSON_GetObjectItem(doc, "events"), *links = cJSON_GetObjectItem(doc, "links");
	EXPECT_I64(cJSON_GetArraySize(evs), 5);
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(evs, 2), "id")),
		   "e");
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(
			   cJSON_GetObjectItem(cJSON_GetArrayItem(evs, 0), "date"), "edtf")),
		   "2025-01-01");
	/* b -> a, e -> b, c -> b, d -> c: in the chain's order, no part_of. */
	EXPECT_I64(cJSON_GetArraySize(links), 4);
	cJSON *l0 = cJSON_GetArrayItem(links, 0), *l2 = cJSON_GetArrayItem(links, 2);
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(l0, "from")), "b");
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(l0, "rel")), "in_response_to");
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(l0, "to")), "a");
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(l2, "from")), "c");
	EXPECT_STR(cJSON_GetStringValue(cJSON_GetObjectItem(l2, "rel")), "follows_from");
	cJSON_Delete(doc);
	free(json);
	free(text);
	gp_dataset_free(ds);
}

static CU_TestInfo story_tests[] = {
	{ "text: footnotes by first use, references, links, columns", test_text_footnotes },
	{ "Markdown: footnotes with links, links under the event", test_markdown_footnotes },
	{ "CSV: sources and summary at the end", test_csv_sources_summary },
	{ "chain: causes, effects, branches, cycles, filters", test_chain },
	{ "chain: text and JSON", test_chain_writers },
	CU_TEST_INFO_NULL,
};

int gp_test_add_story(void)
{
	return gp_test_register("story", story_tests);
}
