/*
 * test_rows.c - GDELT and ICEWS rows: what makes a row malformed, so that
 * every command reads a file alike and `geopol import` writes what geopol
 * reads back. Most cases were found by the fuzz harnesses (fuzz/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h" /* white-box: the fields behind gp_event_*() */
#include "harness.h"

/* Load text as one file of rows, then finish; the status of the first step that failed. */
static int load_rows(const char *text, size_t n, gp_input_format fmt, int skip_bad, test_diags *d,
		     gp_dataset **ds)
{
	test_diags_init(d);
	CU_ASSERT_FATAL(gp_dataset_new(ds) == GP_OK);
	gp_dataset_set_skip_bad(*ds, skip_bad);
	int rc = gp_dataset_load_buffer(*ds, "rows", text, n, fmt, &d->sink);
	int frc = gp_dataset_finish(*ds, &d->sink);
	return rc != GP_OK ? rc : frc;
}

/* The row is malformed: an error whose text holds `want`; with --skip-bad, skipped silently. */
static void expect_bad_row(const char *text, size_t n, gp_input_format fmt, const char *want)
{
	test_diags d;
	gp_dataset *ds;
	EXPECT_I64(load_rows(text, n, fmt, 0, &d, &ds), GP_EINVALID);
	EXPECT_DIAG_HAS(&d, want);
	gp_dataset_free(ds);
	test_diags_release(&d);
	EXPECT_I64(load_rows(text, n, fmt, 1, &d, &ds), GP_OK);
	EXPECT_I64(gp_dataset_skipped_rows(ds), 1);
	EXPECT_I64(d.n, 0);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/*
 * Text a row gives geopol must be UTF-8 without NUL: a Latin-1 byte in a
 * URL was imported as is, and the JSON Lines written then failed to read.
 */
static void test_text_utf8(void)
{
	char row[2048];
	size_t n;
	const char *const url[] = { "57=https://example.org/caf\xe9", NULL };
	n = test_gdelt_row(row, sizeof(row), url);
	expect_bad_row(row, n, GP_INPUT_GDELT,
		       "1:110: error: column 'SOURCEURL': invalid UTF-8 (byte 0xe9)");
	const char *const name[] = { "6=UNITED \xff STATES", NULL };
	n = test_gdelt_row(row, sizeof(row), name);
	expect_bad_row(row, n, GP_INPUT_GDELT, "column 'Actor1Name': invalid UTF-8 (byte 0xff)");
	const char *const publisher[] = { "13=Agencia EFE - Servi\xc3", NULL };
	n = test_icews_rows(row, sizeof(row), publisher);
	expect_bad_row(row, n, GP_INPUT_ICEWS,
		       "2:106: error: column 'Publisher': invalid UTF-8 (byte 0xc3)");
	/* A NUL would cut the text short: two codes, one id. */
	n = test_gdelt_row(row, sizeof(row), NULL);
	row[strlen("7\t20250806\t\t\t\tUS")] = '\0';
	expect_bad_row(row, n, GP_INPUT_GDELT,
		       "1:17: error: column 'Actor1Code': invalid UTF-8 (byte 0x00)");

	/* Valid UTF-8 is kept as it is. */
	const char *const utf8[] = { "2=Nicolás Maduro", NULL };
	test_diags d;
	gp_dataset *ds;
	n = test_icews_rows(row, sizeof(row), utf8);
	EXPECT_I64(load_rows(row, n, GP_INPUT_ICEWS, 0, &d, &ds), GP_OK);
	EXPECT_TRUE(gp_dataset_find_actor(ds, "Nicolás Maduro") != GP_NONE);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/*
 * An id is unique across all inputs: a kept row that repeats one (an export
 * read twice) is malformed, reported at the later row. It was kept, and
 * `geopol import` wrote two events with one id, which geopol then refused.
 */
static void test_duplicate_row_id(void)
{
	char text[4096];
	size_t n = test_gdelt_row(text, sizeof(text), NULL);
	const char *const other[] = { "0=8", NULL };
	n += test_gdelt_row(text + n, sizeof(text) - n, other);
	n += test_gdelt_row(text + n, sizeof(text) - n, NULL);
	expect_bad_row(
		text, n, GP_INPUT_GDELT,
		"3:1: error: column 'GLOBALEVENTID': duplicate event id 'gdelt-7' (first defined at line 1)");

	/* Across files, the earlier one is named. */
	test_diags d;
	gp_dataset *ds;
	test_diags_init(&d);
	CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
	n = test_gdelt_row(text, sizeof(text), NULL);
	EXPECT_I64(gp_dataset_load_buffer(ds, "first", text, n, GP_INPUT_GDELT, &d.sink), GP_OK);
	n = test_icews_rows(text, sizeof(text), NULL);
	EXPECT_I64(gp_dataset_load_buffer(ds, "second", text, n, GP_INPUT_ICEWS, &d.sink), GP_OK);
	n = test_gdelt_row(text, sizeof(text), NULL);
	EXPECT_I64(gp_dataset_load_buffer(ds, "third", text, n, GP_INPUT_GDELT, &d.sink),
		   GP_EINVALID);
	EXPECT_DIAG_HAS(&d, "duplicate event id 'gdelt-7' (first defined at first, line 1)");
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/*
 * Compact rows whose ids increase are found through the rows themselves
 * (dataset.c: rows_keyed), and through a hash map once an id comes out of
 * order: in both, every id is found and a repeated one names the first.
 */
static void test_compact_row_ids(void)
{
	static const int in_order[] = { 5, 9, 12, 40 }, out_of_order[] = { 5, 9, 3, 40 };
	const int *const lists[] = { in_order, out_of_order };
	for (int l = 0; l < 2; l++) {
		test_diags d;
		gp_dataset *ds;
		EXPECT_I64(
			test_load_gdelt_rows(lists[l], 4, -1, NULL, GP_ROWS_WITH_SOURCE, &d, &ds),
			GP_OK);
		char id[32];
		for (size_t i = 0; i < 4; i++) {
			snprintf(id, sizeof(id), "gdelt-%d", lists[l][i]);
			EXPECT_I64(gp_dataset_find_event(ds, id), i);
		}
		EXPECT_I64(gp_dataset_find_event(ds, "gdelt-4"), GP_NONE);
		EXPECT_I64(gp_dataset_find_event(ds, "gdelt-41"), GP_NONE);
		gp_dataset_free(ds);
		test_diags_release(&d);

		int again[] = { lists[l][0], lists[l][1], lists[l][2], lists[l][3], 9 };
		EXPECT_I64(test_load_gdelt_rows(again, 5, -1, NULL, GP_ROWS_WITH_SOURCE, &d, &ds),
			   GP_EINVALID);
		EXPECT_DIAG_HAS(&d, "5:1: error: column 'GLOBALEVENTID': duplicate event id "
				    "'gdelt-9' (first defined at line 2)");
		gp_dataset_free(ds);
		test_diags_release(&d);
	}
}

/*
 * A compact row keeps its URL, the same text once for an article's events
 * met close together (dataset.c: compact_source), whether in a row or not.
 */
static void test_compact_row_urls(void)
{
	static const char *const urls[] = { "https://a.example/1", "https://b.example/2",
					    "https://a.example/1", "https://c.example/3",
					    "https://b.example/2", "https://b.example/2" };
	enum { N = sizeof(urls) / sizeof(urls[0]) };
	static const int ids[N] = { 10, 11, 12, 13, 14, 15 };
	test_diags d;
	gp_dataset *ds;
	EXPECT_I64(test_load_gdelt_rows(ids, N, 57, urls, GP_ROWS_WITH_SOURCE, &d, &ds), GP_OK);
	const char *kept[N];
	for (gp_index i = 0; i < N; i++) {
		const gp_event *ev = gp_dataset_event(ds, i);
		CU_ASSERT_FATAL(ev != NULL && ev->n_sources == 1);
		kept[i] = gp_dataset_event_sources(ds, ev)[0];
		EXPECT_STR(kept[i], urls[i]);
	}
	CU_ASSERT_PTR_EQUAL(kept[0], kept[2]);
	CU_ASSERT_PTR_EQUAL(kept[1], kept[4]);
	CU_ASSERT_PTR_EQUAL(kept[4], kept[5]);
	CU_ASSERT_PTR_NOT_EQUAL(kept[0], kept[1]);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/*
 * A kept GDELT row carries QuadClass, NumMentions and AvgTone as JSON
 * attributes, copied as written: only where they are JSON numbers. An empty
 * QuadClass or an AvgTone of 0578 made attributes that were not JSON.
 */
static void test_gdelt_attributes_json(void)
{
	static const struct {
		const char *quad, *mentions, *tone, *attributes;
	} cases[] = {
		{ "4", "1", "-3.5e2",
		  "{\"cameo\":\"172\",\"quad_class\":4,\"num_mentions\":1,\"avg_tone\":-3.5e2}" },
		{ "4", "1", "0.25",
		  "{\"cameo\":\"172\",\"quad_class\":4,\"num_mentions\":1,\"avg_tone\":0.25}" },
		{ "", "1", "0", "{\"cameo\":\"172\"}" },
		{ "4", "01", "0", "{\"cameo\":\"172\"}" },
		{ "4", "1", "0578", "{\"cameo\":\"172\"}" },
		{ "4", "1", "+2", "{\"cameo\":\"172\"}" },
		{ "4", "1", ".5", "{\"cameo\":\"172\"}" },
		{ "4", "1", "5.", "{\"cameo\":\"172\"}" },
		{ "4", "1", "1e", "{\"cameo\":\"172\"}" },
		{ "4", "1", "inf", "{\"cameo\":\"172\"}" },
		{ "4", "1", "", "{\"cameo\":\"172\"}" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char q[16], m[16], t[16], row[2048];
		snprintf(q, sizeof(q), "29=%s", cases[i].quad);
		snprintf(m, sizeof(m), "31=%s", cases[i].mentions);
		snprintf(t, sizeof(t), "34=%s", cases[i].tone);
		const char *const set[] = { q, m, t, NULL };
		size_t n = test_gdelt_row(row, sizeof(row), set);
		test_diags d;
		gp_dataset *ds;
		EXPECT_I64(load_rows(row, n, GP_INPUT_GDELT, 0, &d, &ds), GP_OK);
		if (gp_dataset_event_count(ds) == 1) {
			EXPECT_STR(gp_dataset_event(ds, 0)->attributes, cases[i].attributes);
		}
		gp_dataset_free(ds);
		test_diags_release(&d);
	}
}

/*
 * A row's event id is "icews-N" with N in its one spelling whichever way the
 * row is read: streamed rows know only the number. A kept row used the text
 * as written (icews-00547181) where a streamed one said icews-547181, and
 * ids of more digits than a JSON number holds exactly, or none, could not
 * be told apart.
 */
static void test_row_id_spelling(void)
{
	char text[2048];
	const char *const zeros[] = { "0=00547181", NULL };
	size_t n = test_icews_rows(text, sizeof(text), zeros);
	test_diags d;
	gp_dataset *ds;
	EXPECT_I64(load_rows(text, n, GP_INPUT_ICEWS, 0, &d, &ds), GP_OK);
	EXPECT_I64(gp_dataset_find_event(ds, "icews-547181"), 0);
	EXPECT_I64(gp_dataset_find_event(ds, "icews-00547181"), GP_NONE);
	gp_dataset_free(ds);
	test_diags_release(&d);

	const char *const longest[] = { "0=000999999999999999", NULL };
	n = test_gdelt_row(text, sizeof(text), longest);
	EXPECT_I64(load_rows(text, n, GP_INPUT_GDELT, 0, &d, &ds), GP_OK);
	EXPECT_I64(gp_dataset_find_event(ds, "gdelt-999999999999999"), 0);
	gp_dataset_free(ds);
	test_diags_release(&d);

	const char *const too_long[] = { "0=1000000000000000", NULL };
	n = test_gdelt_row(text, sizeof(text), too_long);
	expect_bad_row(
		text, n, GP_INPUT_GDELT,
		"1:1: error: column 'GLOBALEVENTID': expected a number of at most 15 digits, got '1000000000000000'");
	const char *const none[] = { "0=", NULL };
	n = test_icews_rows(text, sizeof(text), none);
	expect_bad_row(
		text, n, GP_INPUT_ICEWS,
		"2:1: error: column 'Event ID': expected a number of at most 15 digits, got ''");
}

/*
 * An ICEWS publisher is the event's citation, "icews:" and the start of its
 * name, an id of at most 256 bytes: the name was cut at 280 bytes (an id
 * too long for geopol files), and inside a character (not UTF-8).
 */
static void test_publisher_cut_between_characters(void)
{
	char pub[400] = "13=", text[2048];
	memset(pub + 3, 'x', 249);
	strcpy(pub + 3 + 249, "\xc3\xa9 and more"); /* an 'é' on bytes 250 and 251 of the id */
	const char *const set[] = { pub, NULL };
	size_t n = test_icews_rows(text, sizeof(text), set);
	test_diags d;
	gp_dataset *ds;
	EXPECT_I64(load_rows(text, n, GP_INPUT_ICEWS, 0, &d, &ds), GP_OK);
	const gp_event *ev = gp_dataset_event_count(ds) == 1 ? gp_dataset_event(ds, 0) : NULL;
	CU_ASSERT_FATAL(ev != NULL && ev->n_sources == 1);
	const char *id = gp_dataset_event_sources(ds, ev)[0];
	EXPECT_I64(strlen(id), 6 + 249);
	EXPECT_TRUE(strncmp(id, "icews:xxx", 9) == 0 && id[strlen(id) - 1] == 'x');
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/*
 * Text from rows is held to the limits of geopol files (ids 256 bytes,
 * names 4096, not only white space), or `geopol import` wrote files that
 * geopol refused. Made-up titles are cut to 4096 bytes.
 */
static void test_text_limits(void)
{
	static char big[5000], text[12000];
	size_t n;
	snprintf(big, sizeof(big), "5=");
	memset(big + 2, 'A', 257);
	const char *const long_code[] = { big, NULL };
	n = test_gdelt_row(text, sizeof(text), long_code);
	expect_bad_row(text, n, GP_INPUT_GDELT,
		       "1:15: error: column 'Actor1Code': too long (257 bytes; at most 256)");
	const char *const blank_name[] = { "8=\xc2\xa0 ", NULL };
	n = test_icews_rows(text, sizeof(text), blank_name);
	expect_bad_row(text, n, GP_INPUT_ICEWS, "column 'Target Name': blank (only white space)");
	snprintf(big, sizeof(big), "6=");
	memset(big + 2, 'N', 4097);
	const char *const long_name[] = { big, NULL };
	n = test_gdelt_row(text, sizeof(text), long_name);
	expect_bad_row(text, n, GP_INPUT_GDELT,
		       "column 'Actor1Name': too long (4097 bytes; at most 4096)");

	/* Two names of 3000 bytes: the title is cut, between characters. */
	static char a[3100], b[3100];
	snprintf(a, sizeof(a), "6=");
	memset(a + 2, 'a', 2999);
	strcpy(a + 2 + 2999, "\xc3\xa9");
	snprintf(b, sizeof(b), "16=");
	memset(b + 3, 'b', 3000);
	const char *const names[] = { "5=XXXAAA", a, "15=XXXBBB", b, NULL };
	n = test_gdelt_row(text, sizeof(text), names);
	test_diags d;
	gp_dataset *ds;
	EXPECT_I64(load_rows(text, n, GP_INPUT_GDELT, 0, &d, &ds), GP_OK);
	const char *title = gp_dataset_event(ds, 0)->title;
	EXPECT_TRUE(strlen(title) <= 4096 && strlen(title) > 4000);
	/* What `geopol import` writes of it reads back. */
	char *jsonl = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&jsonl, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_dataset_write_jsonl(fp, ds), GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	gp_dataset_free(ds);
	test_diags_release(&d);
	EXPECT_I64(load_rows(jsonl, len, GP_INPUT_JSONL, 0, &d, &ds), GP_OK);
	free(jsonl);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

static CU_TestInfo row_tests[] = {
	{ "text in rows is UTF-8 without NUL", test_text_utf8 },
	{ "a repeated row id is malformed", test_duplicate_row_id },
	{ "compact rows: ids found in order and out of it", test_compact_row_ids },
	{ "compact rows: an article's URL kept once", test_compact_row_urls },
	{ "GDELT attributes are JSON", test_gdelt_attributes_json },
	{ "row ids in one spelling", test_row_id_spelling },
	{ "publisher cut between characters", test_publisher_cut_between_characters },
	{ "text within the limits of geopol files", test_text_limits },
	CU_TEST_INFO_NULL,
};

int gp_test_add_rows(void)
{
	return gp_test_register("rows", row_tests);
}
