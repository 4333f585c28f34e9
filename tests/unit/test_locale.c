/*
 * test_locale.c - numbers read and written alike under any locale.
 *
 * A program that links libgeopol may call setlocale(LC_ALL, "") in a
 * German locale, where printf writes 2.5 as "2,5" and strtod stops at the
 * '.' of "-2.5". Everything geopol reads and writes must be the same there
 * as in the "C" locale: each output is made in both and compared byte for
 * byte. The comma locale is de_DE.UTF-8, compiled by the Makefile into
 * tests/tmp/locale (localedef, from Debian's `locales`, which
 * scripts/install-deps.sh installs): no system locale is needed.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h" /* white-box: the fields behind gp_actor_*() and gp_event_*() */
#include "harness.h"

#define LOCALE_DIR "tests/tmp/locale"

static const char events_json[] =
	"{\"types\": {\"summit\": {\"label\": \"Summit\", \"weight\": 2.5, \"quad\": 1}},\n"
	"\"actors\": [{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},\n"
	"{\"id\": \"IND\", \"name\": \"India\", \"kind\": \"country\"},\n"
	"{\"id\": \"modi\", \"name\": \"Narendra Modi\", \"kind\": \"person\", \"part_of\": \"IND\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"a\", \"type\": \"summit\", \"date\": \"2025-02-13\", \"title\": \"Summit\", "
	"\"participants\": [\"USA\", \"modi\"]},\n"
	"{\"id\": \"b\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"weight\": -7.25, \"title\": \"Tariff\", "
	"\"source\": [\"USA\"], \"target\": [\"IND\"], \"attributes\": {\"rate\": 0.25}},\n"
	"{\"id\": \"c\", \"type\": \"statement\", \"date\": {\"after\": \"b\", \"offset\": \"PT5H\"}, "
	"\"title\": \"Reply\", \"source\": [\"modi\"], \"target\": [\"USA\"], \"weight\": 1.5}]}\n";

/* Two GDELT 1.0 rows (58 columns) with fractional Goldstein values and tones. */
static void gdelt_row(char *buf, size_t size, const char *id, const char *a1, const char *a2,
		      const char *goldstein)
{
	char cols[58][32];
	memset(cols, 0, sizeof(cols));
	snprintf(cols[0], 32, "%s", id);
	snprintf(cols[1], 32, "20180326");
	snprintf(cols[2], 32, "201803");
	snprintf(cols[3], 32, "2018");
	snprintf(cols[4], 32, "2018.2274");
	snprintf(cols[5], 32, "%s", a1);
	snprintf(cols[7], 32, "%s", a1);
	snprintf(cols[15], 32, "%s", a2);
	snprintf(cols[17], 32, "%s", a2);
	snprintf(cols[25], 32, "1");
	snprintf(cols[26], 32, "042");
	snprintf(cols[27], 32, "042");
	snprintf(cols[28], 32, "04");
	snprintf(cols[29], 32, "1");
	snprintf(cols[30], 32, "%s", goldstein);
	snprintf(cols[31], 32, "4");
	snprintf(cols[32], 32, "1");
	snprintf(cols[33], 32, "4");
	snprintf(cols[34], 32, "-3.97727272727273");
	size_t pos = 0;
	for (int k = 0; k < 58 && pos < size; k++) {
		pos += (size_t)snprintf(buf + pos, size - pos, "%s%s", cols[k],
					k < 57 ? "\t" : "\n");
	}
}

static void add(FILE *out, const char *what, int rc)
{
	fprintf(out, "== %s: %d\n", what, rc);
}

/*
 * Everything the library reads and writes, for one dataset, as one text:
 * graph JSON, DOT and SVG (Graphviz formats coordinates itself), actors,
 * timelines in every format, and the diagnostics (numbers in messages).
 */
static char *everything(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	if (!out) {
		return NULL;
	}
	char rows[2048], row[1024];
	gdelt_row(rows, sizeof(rows), "1001", "USA", "CHN", "-2.5");
	gdelt_row(row, sizeof(row), "1002", "CHN", "USA", "3.4");
	strncat(rows, row, sizeof(rows) - strlen(rows) - 1);
	gp_dataset *ds = NULL;
	test_diags d;
	test_diags_init(&d);
	int rc = gp_dataset_new(&ds);
	if (rc == GP_OK) {
		rc = gp_dataset_load_buffer(ds, "events.json", events_json, strlen(events_json),
					    GP_INPUT_AUTO, &d.sink);
	}
	if (rc == GP_OK) {
		rc = gp_dataset_load_buffer(ds, "rows.tsv", rows, strlen(rows), GP_INPUT_GDELT,
					    &d.sink);
	}
	if (rc == GP_OK) {
		rc = gp_dataset_finish(ds, &d.sink);
	}
	add(out, "load", rc);
	/* A message with a number in it. */
	static const char bad[] = "{\"events\": [{\"id\": \"w\", \"type\": \"statement\", "
				  "\"date\": \"2025\", \"title\": \"t\", \"source\": [\"USA\"], "
				  "\"weight\": 12.5}]}";
	gp_dataset *other = NULL;
	if (gp_dataset_new(&other) == GP_OK) {
		gp_dataset_load_buffer(other, "bad.json", bad, strlen(bad), GP_INPUT_AUTO, &d.sink);
		gp_dataset_free(other);
	}
	for (size_t i = 0; i < d.n; i++) {
		fprintf(out, "%s\n", d.lines[i]);
	}
	test_diags_release(&d);
	gp_index *order = NULL;
	size_t n = 0;
	if (rc == GP_OK && gp_timeline_build(&order, &n, ds, NULL) == GP_OK) {
		gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
		for (int f = GP_TIMELINE_TEXT; f <= GP_TIMELINE_JSON; f++) {
			o.format = f;
			add(out, "timeline", gp_timeline_write(out, ds, order, n, &o));
		}
	}
	free(order);
	for (int level = GP_LEVEL_ACTOR; rc == GP_OK && level <= GP_LEVEL_COUNTRY; level++) {
		gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
		gp_graph *g = NULL;
		go.level = level;
		if (gp_graph_build(&g, ds, &go) != GP_OK) {
			add(out, "graph", -1);
			continue;
		}
		gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
		uint32_t *rank = NULL;
		add(out, "json", gp_graph_write_json(out, g));
		add(out, "dot", gp_graph_write_dot(out, g, &dopt));
		add(out, "svg", gp_graph_render(out, g, "svg", &dopt));
		if (gp_graph_ranking(&rank, g) == GP_OK) {
			for (int f = GP_TABLE_TEXT; f <= GP_TABLE_JSON; f++) {
				add(out, "actors",
				    gp_graph_write_actors(out, g, rank, gp_graph_node_count(g), f));
			}
		}
		free(rank);
		gp_graph_free(g);
	}
	gp_dataset_free(ds);
	fclose(out);
	return text;
}

/* The comma locale, from tests/tmp/locale; NULL (a failure) when it cannot be had. */
static locale_t comma_locale(void)
{
	setenv("LOCPATH", LOCALE_DIR, 1);
	locale_t loc = newlocale(LC_ALL_MASK, "de_DE.UTF-8", (locale_t)0);
	unsetenv("LOCPATH");
	if (!loc) {
		fprintf(stderr, "\n  no de_DE.UTF-8 in " LOCALE_DIR
				" (made by `make check` with localedef, "
				"from Debian's locales package)\n");
	}
	return loc;
}

static void test_comma_locale(void)
{
	char *in_c = everything();
	locale_t loc = comma_locale();
	CU_ASSERT_PTR_NOT_NULL_FATAL(in_c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(loc);
	locale_t old = uselocale(loc);
	/* The locale bites: the C library itself writes a comma here. */
	char probe[16];
	snprintf(probe, sizeof(probe), "%g", 2.5);
	EXPECT_STR(probe, "2,5");
	char *in_de = everything();
	uselocale(old);
	freelocale(loc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(in_de);
	/* Outputs that are not trivially empty, and identical. */
	CU_ASSERT(strstr(in_c, "\"weight\":-7.25") != NULL);
	CU_ASSERT(strstr(in_c, "2.5") != NULL);
	CU_ASSERT(strstr(in_c, "<svg") != NULL);
	CU_ASSERT(strstr(in_c, "12.5") != NULL); /* the weight out of range, in a message */
	if (strcmp(in_c, in_de) != 0) {
		size_t i = 0;
		while (in_c[i] && in_c[i] == in_de[i]) {
			i++;
		}
		size_t from = i > 60 ? i - 60 : 0;
		fprintf(stderr,
			"\n  outputs differ at byte %zu:\n  C:     %.120s\n  de_DE: %.120s\n", i,
			in_c + from, in_de + from);
		CU_FAIL("outputs differ between the C and de_DE locales");
	}
	/* The caller's locale is the caller's again. */
	CU_ASSERT(uselocale((locale_t)0) == old);
	free(in_c);
	free(in_de);
}

int gp_test_add_locale(void)
{
	static CU_TestInfo tests[] = {
		{ "numbers alike under a comma locale (de_DE)", test_comma_locale },
		CU_TEST_INFO_NULL,
	};
	return gp_test_register("locale", tests);
}
