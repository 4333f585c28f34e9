/*
 * test_write_jsonl.c - src/write_jsonl.c: gp_dataset_write_jsonl, what
 * `geopol import` writes. Read back, the JSON Lines must give the same
 * dataset (every field of every actor, event, type and citation), the same
 * timeline and the same graph, and writing that again the same text; its
 * lines must have the keys of DESIGN §1.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model.h" /* white-box: the fields behind gp_actor_*() and gp_event_*() */

#define REAL "tests/data/real/"

/*
 * A file with a bit of everything a geopol file may hold: a title; sources
 * with every field; a type of its own and a built-in's weight overridden;
 * actors with aliases, roles, part_of plain and time-bounded (dates, open
 * ends, a time of day); events with every role, summaries, citations and
 * inline URLs, own weights, attributes, links, relative dates after and
 * before (chained), intervals, open and unknown ends, unspecified digits,
 * qualifiers, times with zones.
 */
static const char everything[] =
	"{\"geopol\": 1, \"title\": \"Everything, \\\"quoted\\\"\",\n"
	" \"sources\": {\"s1\": {\"title\": \"Art\", \"publisher\": \"Wire\", \"published\": \"2025-07-31\", \"url\": \"https://x.org/a\"},\n"
	"             \"s2\": {\"title\": \"Only a title\"}},\n"
	" \"types\": {\"spying\": {\"label\": \"Cyber spying\", \"weight\": -6, \"quad\": 4}, \"tariff\": {\"weight\": -9}},\n"
	" \"actors\": [\n"
	"  {\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"country\", \"aliases\": [\"RF\", \"Россия\"]},\n"
	"  {\"id\": \"fsb\", \"name\": \"FSB\", \"kind\": \"agency\", \"part_of\": \"RUS\", \"role\": \"security service\", \"aliases\": [\"Federal Security Service\"]},\n"
	"  {\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},\n"
	"  {\"id\": \"IND\", \"name\": \"India\", \"kind\": \"country\"},\n"
	"  {\"id\": \"envoy\", \"name\": \"Envoy\", \"kind\": \"person\", \"role\": \"special envoy\",\n"
	"   \"part_of\": [{\"id\": \"USA\", \"from\": \"2004\", \"to\": \"2010-05\"}, {\"id\": \"fsb\", \"from\": \"2011-03-02T14:30:00Z\"},\n"
	"               {\"id\": \"RUS\", \"to\": \"2003-06-15T08:00:00+02:00\"}, {\"id\": \"IND\"}]},\n"
	"  {\"id\": \"sb\", \"name\": \"Secret Blizzard\", \"kind\": \"group\", \"part_of\": [\"fsb\"]},\n"
	"  {\"id\": \"nato\", \"name\": \"NATO\", \"kind\": \"international\"},\n"
	"  {\"id\": \"acme\", \"name\": \"Acme | Co\", \"kind\": \"organization\"}],\n"
	" \"events\": [\n"
	"  {\"id\": \"order\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"Tariff order\",\n"
	"   \"source\": [\"USA\"], \"target\": [\"IND\"], \"about\": [\"RUS\", \"fsb\"], \"sources\": [\"s1\", \"https://e.org/b\"],\n"
	"   \"summary\": \"Longer text,\\nover lines\", \"attributes\": {\"rate_pct\": 25, \"list\": [1, true, null, {\"a\": \"b\"}], \"x\": 1.5e3}},\n"
	"  {\"id\": \"effective\", \"type\": \"tariff_effective\", \"date\": {\"after\": \"order\", \"offset\": \"P21D\"}, \"title\": \"Takes effect\",\n"
	"   \"source\": [\"USA\"], \"target\": [\"IND\"], \"links\": [{\"rel\": \"follows_from\", \"event\": \"order\"}]},\n"
	"  {\"id\": \"later\", \"type\": \"statement\", \"date\": {\"after\": \"effective\", \"offset\": \"P1M2D\"}, \"title\": \"Later\", \"source\": [\"IND\"], \"weight\": -1.25},\n"
	"  {\"id\": \"before\", \"type\": \"deadline\", \"date\": {\"before\": \"order\", \"offset\": \"P2W\"}, \"title\": \"Before\", \"source\": [\"USA\"], \"target\": [\"RUS\"]},\n"
	"  {\"id\": \"campaign\", \"type\": \"spying\", \"date\": \"2024/ongoing\", \"title\": \"Campaign\", \"source\": [\"sb\"], \"target\": [\"nato\", \"USA\"], \"sources\": [\"s2\"]},\n"
	"  {\"id\": \"talks\", \"type\": \"talks\", \"date\": \"2025-05-16/2025-07-23\", \"title\": \"Talks\", \"participants\": [\"RUS\", \"envoy\", \"USA\"], \"weight\": 4,\n"
	"   \"links\": [{\"rel\": \"in_response_to\", \"event\": \"campaign\"}, {\"rel\": \"part_of\", \"event\": \"order\"}]},\n"
	"  {\"id\": \"summit\", \"type\": \"meeting\", \"date\": \"2025-08~\", \"title\": \"Summit\", \"participants\": [\"IND\", \"RUS\"]},\n"
	"  {\"id\": \"rumour\", \"type\": \"statement\", \"date\": \"2024?/2025-03%\", \"title\": \"Rumour\", \"source\": [\"acme\"]},\n"
	"  {\"id\": \"old\", \"type\": \"statement\", \"date\": \"../2025-03\", \"title\": \"Old\", \"source\": [\"RUS\"]},\n"
	"  {\"id\": \"open\", \"type\": \"statement\", \"date\": \"2024/\", \"title\": \"Unknown end\", \"source\": [\"RUS\"]},\n"
	"  {\"id\": \"decade\", \"type\": \"military_action\", \"date\": \"201X\", \"title\": \"2010s\", \"source\": [\"RUS\"], \"target\": [\"USA\"]},\n"
	"  {\"id\": \"month\", \"type\": \"statement\", \"date\": \"2025-XX\", \"title\": \"Some month\", \"source\": [\"nato\"]},\n"
	"  {\"id\": \"instant\", \"type\": \"meeting\", \"date\": \"2025-08-06T14:30:00+02:00\", \"title\": \"At 12:30 UTC\", \"participants\": [\"envoy\", \"RUS\"]},\n"
	"  {\"id\": \"shifted\", \"type\": \"statement\", \"date\": {\"after\": \"campaign\", \"offset\": \"P1M\"}, \"title\": \"A month in\", \"source\": [\"fsb\"]}]}\n";

/* Load text (its name's ending picks JSON or JSON Lines), finished, without a diagnostic. */
static gp_dataset *load_ok(const char *name, const char *text)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load(name, text, &d, &ds), GP_OK);
	EXPECT_NO_DIAGS(&d);
	test_diags_release(&d);
	CU_ASSERT_FATAL(ds != NULL);
	return ds;
}

/* The ids of a role's actors, as "[a b]". */
static void put_actors(FILE *fp, const gp_dataset *ds, const gp_event *ev, gp_role role)
{
	const gp_index *a = gp_dataset_event_actors(ds, ev, role);
	fputs(" [", fp);
	for (size_t k = 0; k < ev->n_actors[role]; k++) {
		fprintf(fp, "%s%s", k ? " " : "", gp_dataset_actor(ds, a[k])->id);
	}
	fputs("]", fp);
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

/*
 * Every field of a dataset that a file gives (not where it was written),
 * as text, one line a thing: two datasets are the same when these are.
 */
static char *describe(const gp_dataset *ds)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_FATAL(fp != NULL);
	fprintf(fp, "title %s\n", or_none(gp_dataset_title(ds)));
	for (gp_index i = 0; i < gp_dataset_type_count(ds); i++) {
		const gp_type *t = gp_dataset_type(ds, i);
		fprintf(fp, "type %s|%s|%.17g|%d|%d\n", t->name, or_none(t->label), t->weight,
			t->quad, t->known);
	}
	for (gp_index i = 0; i < gp_dataset_citation_count(ds); i++) {
		const gp_citation *c = gp_dataset_citation(ds, i);
		fprintf(fp, "citation %s|%s|%s|%s|%s\n", c->id, or_none(c->title),
			or_none(c->publisher), or_none(c->published), or_none(c->url));
	}
	for (gp_index i = 0; i < gp_dataset_actor_count(ds); i++) {
		const gp_actor *a = gp_dataset_actor(ds, i);
		fprintf(fp, "actor %s|%s|%s|%s|%d|", a->id, a->name, gp_actor_kind_name(a->kind),
			or_none(a->role), a->defined);
		for (uint32_t k = 0; k < a->n_aliases; k++) {
			fprintf(fp, " alias %s", gp_dataset_actor_aliases(ds, a)[k]);
		}
		for (uint32_t k = 0; k < a->n_members; k++) {
			const gp_membership *m = &gp_dataset_actor_part_of(ds, a)[k];
			fprintf(fp, " part_of %s %lld %lld", gp_dataset_actor(ds, m->actor)->id,
				(long long)m->from, (long long)m->to);
		}
		fputs("\n", fp);
	}
	for (gp_index i = 0; i < gp_dataset_event_count(ds); i++) {
		const gp_event *ev = gp_dataset_event(ds, i);
		const gp_date *d = &ev->date;
		/* An imported row's date, which no one wrote, is written as its EDTF. */
		char edtf[96] = "(derived)";
		if (ev->derived_from == GP_NONE && !ev->edtf) {
			gp_date_format_edtf(d, edtf, sizeof(edtf));
		}
		fprintf(fp, "event %s|%s|%s|%s|%s|%s|%lld %lld %u %u %u %u %u %u|", ev->id,
			gp_dataset_type(ds, ev->type)->name, ev->title, or_none(ev->summary),
			ev->edtf ? ev->edtf : edtf, or_none(ev->attributes), (long long)d->start,
			(long long)d->end, d->precision, d->start_prec, d->end_prec, d->start_kind,
			d->end_kind, d->flags);
		fprintf(fp, "%s %s %d|%d %.17g|",
			ev->derived_from == GP_NONE ? "-"
						    : gp_dataset_event(ds, ev->derived_from)->id,
			or_none(ev->offset), ev->direction, ev->has_weight, ev->weight);
		for (int r = 0; r < GP_ROLE_COUNT; r++) {
			put_actors(fp, ds, ev, (gp_role)r);
		}
		for (uint32_t k = 0; k < ev->n_sources; k++) {
			fprintf(fp, " cites %s", gp_dataset_event_sources(ds, ev)[k]);
		}
		for (uint32_t k = 0; k < ev->n_links; k++) {
			const gp_link *l = &gp_dataset_event_links(ds, ev)[k];
			fprintf(fp, " link %s %s", l->rel, gp_dataset_event(ds, l->event)->id);
		}
		fputs("\n", fp);
	}
	CU_ASSERT_FATAL(fclose(fp) == 0);
	return text;
}

/* The graph of a dataset at a level, as JSON. */
static char *graph_json(const gp_dataset *ds, gp_level level)
{
	gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
	gp_graph *g = NULL;
	o.level = level;
	EXPECT_I64(gp_graph_build(&g, ds, &o), GP_OK);
	CU_ASSERT_FATAL(g != NULL);
	char *json = test_graph_json_text(g);
	gp_graph_free(g);
	return json;
}

/*
 * ds written as JSON Lines and read back: the same dataset, timeline and
 * graph at both levels; written again, the same text. The dataset read
 * back, to free.
 */
static gp_dataset *round_trip(const gp_dataset *ds)
{
	char *jsonl = test_jsonl_text(ds);
	gp_dataset *back = load_ok("back.jsonl", jsonl);
	char *want = describe(ds), *got = describe(back);
	EXPECT_SAME_TEXT(got, want);
	free(want), free(got);
	want = test_timeline_json_text(ds), got = test_timeline_json_text(back);
	EXPECT_SAME_TEXT(got, want);
	free(want), free(got);
	for (int level = GP_LEVEL_ACTOR; level <= GP_LEVEL_COUNTRY; level++) {
		want = graph_json(ds, (gp_level)level), got = graph_json(back, (gp_level)level);
		EXPECT_SAME_TEXT(got, want);
		free(want), free(got);
	}
	got = test_jsonl_text(back);
	EXPECT_SAME_TEXT(got, jsonl);
	free(got);
	free(jsonl);
	return back;
}

/* A geopol file with every field: read back the same. */
static void test_round_trip_everything(void)
{
	gp_dataset *ds = load_ok("everything.json", everything);
	/* What the file holds is all there (a describe() that saw nothing would agree with itself). */
	EXPECT_I64(gp_dataset_actor_count(ds), 8);
	EXPECT_I64(gp_dataset_event_count(ds), 14);
	const gp_actor *envoy = gp_dataset_actor(ds, gp_dataset_find_actor(ds, "envoy"));
	CU_ASSERT_FATAL(envoy != NULL);
	EXPECT_I64(gp_actor_membership_count(envoy), 4);
	gp_dataset_free(round_trip(ds));
	gp_dataset_free(ds);
}

/* Files loaded into one dataset, finished, without a diagnostic. */
static gp_dataset *load_files_ok(const char *const *paths, size_t n)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
	for (size_t i = 0; i < n; i++) {
		EXPECT_I64(gp_dataset_load_file(ds, paths[i], GP_INPUT_AUTO, &d.sink), GP_OK);
	}
	EXPECT_I64(gp_dataset_finish(ds, &d.sink), GP_OK);
	EXPECT_NO_DIAGS(&d);
	test_diags_release(&d);
	return ds;
}

/* The example files of tests/data read back the same. */
static void test_round_trip_examples(void)
{
	static const char *const paths[] = { "tests/data/small.json", "tests/data/relative.json" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		gp_dataset *ds = load_files_ok(&paths[i], 1);
		gp_dataset_free(round_trip(ds));
		gp_dataset_free(ds);
	}
}

/*
 * What `geopol import` writes of the real GDELT and ICEWS slices reads back
 * as the same events (titles, URLs, attributes, publishers' citations),
 * timeline and graph.
 */
static void test_round_trip_imported(void)
{
	static const char *const paths[] = { REAL "gdelt1.tsv", REAL "gdelt2.csv",
					     REAL "icews.tab" };
	gp_dataset *ds = load_files_ok(paths, 3);
	EXPECT_I64(gp_dataset_event_count(ds), 170);
	gp_dataset *back = round_trip(ds);
	EXPECT_I64(gp_dataset_event_count(back), 170);
	gp_dataset_free(back);
	gp_dataset_free(ds);
}

/* An actor only named, never defined, is written as no actor: read back, it is named again. */
static void test_undefined_actor_stays(void)
{
	static const char text[] =
		"{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
		"\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": "
		"\"x\", \"source\": [\"A\"], \"target\": [\"Z\"]}]}\n";
	test_diags d;
	gp_dataset *ds = NULL, *back = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load("named.json", text, &d, &ds), GP_OK);
	EXPECT_I64(d.sink.warnings, 1);
	test_diags_release(&d);
	char *jsonl = test_jsonl_text(ds);
	EXPECT_TRUE(strstr(jsonl, "{\"actor\":{\"id\":\"Z\"") == NULL);
	test_diags_init(&d);
	EXPECT_I64(test_load("named.jsonl", jsonl, &d, &back), GP_OK);
	EXPECT_I64(d.n, 1);
	EXPECT_DIAG_HAS(&d, "warning: unknown actor 'Z'");
	const gp_actor *z = gp_dataset_actor(back, gp_dataset_find_actor(back, "Z"));
	CU_ASSERT_FATAL(z != NULL);
	EXPECT_I64(gp_actor_defined(z), 0);
	char *want = describe(ds), *got = describe(back);
	EXPECT_SAME_TEXT(got, want);
	free(want), free(got), free(jsonl);
	test_diags_release(&d);
	gp_dataset_free(back);
	gp_dataset_free(ds);
}

/* Each key of a JSON object is one of `allowed` (NULL-terminated); how many of them it has. */
static size_t keys_among(const cJSON *o, const char *const *allowed, const char *what)
{
	size_t n = 0;
	for (const cJSON *k = o ? o->child : NULL; k; k = k->next, n++) {
		size_t i = 0;
		while (allowed[i] && strcmp(allowed[i], k->string) != 0) {
			i++;
		}
		if (!allowed[i]) {
			fprintf(stderr, "\n  %s: key '%s' is none of DESIGN §1's", what, k->string);
		}
		EXPECT_TRUE(allowed[i] != NULL);
	}
	return n;
}

/*
 * DESIGN §1: the header holds "geopol": 1, the title, the types a file
 * defined or overrode (not the built-ins) and the citation entries; an
 * actor line {"actor": {...}} the fields of an actor; an event line those of
 * an event.
 */
static void test_keys(void)
{
	static const char *const header_keys[] = { "geopol", "title", "types", "sources", NULL };
	static const char *const source_keys[] = { "title", "publisher", "published", "url", NULL };
	static const char *const type_keys[] = { "label", "weight", "quad", NULL };
	static const char *const actor_keys[] = { "id",      "name", "kind", "aliases",
						  "part_of", "role", NULL };
	static const char *const event_keys[] = {
		"id",    "type",    "date",    "title",  "source",     "target", "participants",
		"about", "summary", "sources", "weight", "attributes", "links",  NULL
	};
	gp_dataset *ds = load_ok("everything.json", everything);
	char *jsonl = test_jsonl_text(ds);
	size_t lines = 0, actors = 0;
	for (char *line = jsonl, *nl; (nl = strchr(line, '\n')); line = nl + 1, lines++) {
		*nl = '\0';
		cJSON *o = cJSON_Parse(line);
		CU_ASSERT_FATAL(cJSON_IsObject(o));
		const cJSON *actor = cJSON_GetObjectItemCaseSensitive(o, "actor");
		if (lines == 0) {
			EXPECT_I64(keys_among(o, header_keys, "header"), 4);
			EXPECT_TRUE(cJSON_GetNumberValue(
					    cJSON_GetObjectItemCaseSensitive(o, "geopol")) == 1);
			const cJSON *types = cJSON_GetObjectItemCaseSensitive(o, "types");
			EXPECT_I64(cJSON_GetArraySize(types), 2); /* spying, tariff; not meeting */
			EXPECT_TRUE(cJSON_GetObjectItemCaseSensitive(types, "spying") != NULL);
			EXPECT_TRUE(cJSON_GetObjectItemCaseSensitive(types, "tariff") != NULL);
			for (const cJSON *t = types ? types->child : NULL; t; t = t->next) {
				keys_among(t, type_keys, "type");
			}
			const cJSON *s1 = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(o, "sources"), "s1");
			EXPECT_I64(keys_among(s1, source_keys, "source"), 4);
		} else if (actor) {
			EXPECT_I64(cJSON_GetArraySize(o), 1);
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(actor, "id");
			size_t n = keys_among(actor, actor_keys, "actor");
			if (cJSON_IsString(id) && strcmp(id->valuestring, "fsb") == 0) {
				EXPECT_I64(n, 6); /* every field */
			}
			actors++;
		} else {
			keys_among(o, event_keys, "event");
		}
		cJSON_Delete(o);
	}
	EXPECT_I64(actors, gp_dataset_actor_count(ds));
	EXPECT_I64(lines, 1 + gp_dataset_actor_count(ds) + gp_dataset_event_count(ds));
	free(jsonl);
	gp_dataset_free(ds);
}

static CU_TestInfo write_jsonl_tests[] = {
	{ "every field read back", test_round_trip_everything },
	{ "the example files read back", test_round_trip_examples },
	{ "GDELT and ICEWS rows read back", test_round_trip_imported },
	{ "an actor only named stays so", test_undefined_actor_stays },
	{ "the keys of DESIGN §1", test_keys },
	CU_TEST_INFO_NULL,
};

int gp_test_add_write_jsonl(void)
{
	return gp_test_register("write_jsonl", write_jsonl_tests);
}
