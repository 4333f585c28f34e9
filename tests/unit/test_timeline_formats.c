/*
 * test_timeline_formats.c - the timeline formats of DESIGN §8: the iCalendar
 * line writer (escapes, folding at 75 octets, never inside a character),
 * the known time span and what open ends are drawn to, groups, and the vis
 * items read back with cJSON. The outputs in the real clients are
 * tests/cli/timeline_formats.sh's.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeline_impl.h"
#include "harness.h"

/* ------------------------------------------------------- the line writer */

/* The physical lines of b (CRLF-ended), each checked: at most 75 octets, a
 * continuation starts with a space and with no UTF-8 continuation byte. The
 * unfolded text (one logical line) goes to `out`. */
static void check_folded(const gp_sbuf *b, char *out, size_t size, size_t *n_lines)
{
	const char *s = gp__sb_str(b), *end = s + b->n;
	size_t k = 0;
	*n_lines = 0;
	EXPECT_TRUE(b->n >= 2 && memcmp(end - 2, "\r\n", 2) == 0);
	while (s < end) {
		const char *crlf = strstr(s, "\r\n");
		CU_ASSERT_PTR_NOT_NULL_FATAL(crlf);
		size_t len = (size_t)(crlf - s);
		EXPECT_TRUE(len <= 75);
		EXPECT_TRUE(memchr(s, '\n', len) == NULL && memchr(s, '\r', len) == NULL);
		const char *body = s;
		if (*n_lines > 0) {
			EXPECT_TRUE(len > 1 && s[0] == ' ');
			body++, len--;
			EXPECT_TRUE(((unsigned char)body[0] & 0xC0) != 0x80);
		}
		EXPECT_TRUE(gp__utf8_check((const unsigned char *)s, (size_t)(crlf - s)) ==
			    (size_t)(crlf - s));
		CU_ASSERT_FATAL(k + len < size);
		memcpy(out + k, body, len);
		k += len;
		s = crlf + 2;
		(*n_lines)++;
	}
	out[k] = '\0';
}

static void test_ics_escape(void)
{
	gp_sbuf b = { 0 };
	char text[256];
	size_t lines;
	gp__ics_line(&b, "SUMMARY", "a\\b;c,d\ne\r\nf\rg\th\001i\177j", 1);
	check_folded(&b, text, sizeof(text), &lines);
	EXPECT_STR(text, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng\th i j");
	EXPECT_I64(lines, 1);
	/* Not TEXT: as it is (a date, a duration). */
	b.n = 0;
	gp__ics_line(&b, "DTSTART;VALUE=DATE", "20250806", 0);
	EXPECT_STR(gp__sb_str(&b), "DTSTART;VALUE=DATE:20250806\r\n");
	b.n = 0;
	gp__ics_line(&b, "TRIGGER", "-P1D", 0);
	EXPECT_STR(gp__sb_str(&b), "TRIGGER:-P1D\r\n");
	free(b.s);
}

static void test_ics_fold(void)
{
	gp_sbuf b = { 0 };
	char text[2048], want[2048];
	size_t lines;
	/* 75 octets exactly: one line; 76: two. */
	memset(want, 'x', 75 - 8);
	want[75 - 8] = '\0';
	gp__ics_line(&b, "SUMMARY", want, 1);
	EXPECT_I64(b.n, 75 + 2);
	b.n = 0;
	strcat(want, "y");
	gp__ics_line(&b, "SUMMARY", want, 1);
	check_folded(&b, text, sizeof(text), &lines);
	EXPECT_I64(lines, 2);
	EXPECT_STR(gp__sb_str(&b) + 75, "\r\n y\r\n");
	/* Three-byte characters at every offset: no fold splits one. */
	for (size_t lead = 0; lead < 3; lead++) {
		b.n = 0;
		size_t k = 0;
		for (size_t i = 0; i < lead; i++) {
			want[k++] = 'a';
		}
		for (int i = 0; i < 100; i++) {
			memcpy(want + k, "語", 3);
			k += 3;
		}
		want[k] = '\0';
		gp__ics_line(&b, "X", want, 1);
		check_folded(&b, text, sizeof(text), &lines);
		EXPECT_TRUE(strncmp(text, "X:", 2) == 0 && strcmp(text + 2, want) == 0);
		EXPECT_TRUE(lines >= 5);
	}
	/* An escape stays whole on its line: commas only, so a lone '\' would end a line. */
	for (size_t lead = 0; lead < 2; lead++) {
		b.n = 0;
		memset(want, ',', 200);
		want[200] = '\0';
		gp__ics_line(&b, lead ? "XY" : "X", want, 1);
		const char *s = gp__sb_str(&b);
		for (const char *p = strstr(s, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
			EXPECT_TRUE(p[-1] != '\\');
		}
		check_folded(&b, text, sizeof(text), &lines);
		EXPECT_I64(strlen(text), strlen(lead ? "XY:" : "X:") + 400);
	}
	free(b.s);
}

/* ------------------------------------------------------------- the data */

static const char doc[] =
	"{\"actors\": ["
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},"
	"{\"id\": \"GBR\", \"name\": \"United Kingdom\", \"kind\": \"country\"},"
	"{\"id\": \"acme\", \"name\": \"Acme\", \"kind\": \"organization\"},"
	"{\"id\": \"envoy\", \"name\": \"Envoy\", \"kind\": \"person\", \"part_of\": ["
	" {\"id\": \"USA\", \"to\": \"2024-12\"}, {\"id\": \"GBR\", \"from\": \"2025-01\"}]}],"
	"\"events\": ["
	"{\"id\": \"open\", \"type\": \"threat\", \"date\": \"../2025-03\", \"title\": \"T <1>\","
	" \"source\": [\"envoy\"]},"
	"{\"id\": \"day\", \"type\": \"meeting\", \"date\": \"2024-06-10\", \"title\": \"A & B\","
	" \"participants\": [\"envoy\", \"acme\"]},"
	"{\"id\": \"later\", \"type\": \"meeting\", \"date\": \"2025-06\", \"title\": \"C\","
	" \"participants\": [\"envoy\", \"USA\"]},"
	"{\"id\": \"firm\", \"type\": \"statement\", \"date\": \"2025-05-02/..\", \"title\": \"D\","
	" \"target\": [\"acme\"]},"
	"{\"id\": \"due\", \"type\": \"deadline\", \"date\": \"2025-07-01\", \"title\": \"E, F; G\","
	" \"source\": [\"USA\"]}]}";

static gp_dataset *load_doc(void)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	int rc = test_load("t.json", doc, &d, &ds);
	EXPECT_I64(rc, GP_OK);
	EXPECT_I64(d.n, 0);
	test_diags_release(&d);
	return ds;
}

static const cJSON *item_of(const cJSON *items, const char *id)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, items)
	{
		if (strcmp(cJSON_GetObjectItem(it, "id")->valuestring, id) == 0) {
			return it;
		}
	}
	return NULL;
}

static const char *key(const cJSON *o, const char *k)
{
	const cJSON *v = o ? cJSON_GetObjectItem(o, k) : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void put_bytes(FILE *fp, const char *s, size_t n)
{
	fwrite(s, 1, n, fp);
}

/*
 * The vis document as the viewer embeds it (gp__timeline_vis_put: an item
 * at a time, cJSON's compact form, on one line), parsed; NULL on failure.
 */
static cJSON *vis_doc(const gp_dataset *ds, const gp_index *order, size_t n,
		      const gp_timeline_options *o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mf = open_memstream(&text, &len);
	if (!mf) {
		return NULL;
	}
	int rc = gp__timeline_vis_put(mf, ds, order, n, o, put_bytes);
	fclose(mf);
	CU_ASSERT_PTR_NULL(memchr(text, '\n', len));
	cJSON *parsed = rc == GP_OK ? cJSON_ParseWithLength(text, len) : NULL;
	free(text);
	return parsed;
}

static void test_vis_items(void)
{
	gp_dataset *ds = load_doc();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index *order = NULL;
	size_t n = 0;
	CU_ASSERT_FATAL(gp_timeline_build(&order, &n, ds, NULL) == GP_OK);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	cJSON *vis = vis_doc(ds, order, n, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vis);
	const cJSON *items = cJSON_GetObjectItem(vis, "items"),
		    *span = cJSON_GetObjectItem(vis, "span");
	EXPECT_I64(cJSON_GetArraySize(items), 5);
	/* The span: the earliest bounded start to the latest bounded end. */
	EXPECT_STR(key(span, "start"), "2024-06-10");
	EXPECT_STR(key(span, "end"), "2025-07-01");
	/* An open start drawn from the span's start, said in the tooltip; escaped HTML. */
	const cJSON *it = item_of(items, "open");
	EXPECT_STR(key(it, "start"), "2024-06-10");
	EXPECT_STR(key(it, "end"), "2025-04-01");
	EXPECT_STR(key(it, "type"), "range");
	EXPECT_STR(key(it, "content"), "T &lt;1&gt;");
	EXPECT_STR(key(it, "title"), "… → 2025-03 (open start, shown from 2024-06-10)<br>Envoy");
	EXPECT_STR(key(it, "className"), "precision-month open-start conflict");
	/* An open start maps the envoy by its first membership: USA. */
	EXPECT_STR(key(it, "group"), "USA");
	it = item_of(items, "day");
	EXPECT_STR(key(it, "type"), "point");
	EXPECT_TRUE(cJSON_GetObjectItem(it, "end") == NULL);
	EXPECT_STR(key(it, "content"), "A &amp; B");
	EXPECT_STR(key(it, "group"), "USA");
	/* The same envoy, after the move: GBR. */
	EXPECT_STR(key(item_of(items, "later"), "group"), "GBR");
	EXPECT_STR(key(item_of(items, "later"), "end"), "2025-07-01");
	/* A target only, not a country: other. The open end widens the span to its start. */
	it = item_of(items, "firm");
	EXPECT_STR(key(it, "group"), "other");
	EXPECT_STR(key(it, "end"), "2025-07-02");
	/* Groups: every one used, by id. */
	const cJSON *groups = cJSON_GetObjectItem(vis, "groups");
	EXPECT_I64(cJSON_GetArraySize(groups), 3);
	EXPECT_STR(key(cJSON_GetArrayItem(groups, 0), "id"), "GBR");
	EXPECT_STR(key(cJSON_GetArrayItem(groups, 1), "id"), "USA");
	EXPECT_STR(key(cJSON_GetArrayItem(groups, 1), "content"), "United States");
	EXPECT_STR(key(cJSON_GetArrayItem(groups, 2), "id"), "other");
	cJSON_Delete(vis);

	/* --as-of later than every end moves the span's end, and open ends with it. */
	o.has_as_of = 1;
	CU_ASSERT_FATAL(gp_date_parse(&o.as_of, "2025-12", 7, NULL) == 0);
	o.as_of_text = "2025-12";
	vis = vis_doc(ds, order, n, &o);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vis);
	items = cJSON_GetObjectItem(vis, "items");
	EXPECT_STR(key(item_of(items, "firm"), "end"), "2026-01-01");
	EXPECT_STR(key(cJSON_GetObjectItem(vis, "span"), "end"), "2025-12-31");
	EXPECT_STR(key(vis, "as_of"), "2025-12");
	cJSON_Delete(vis);
	free(order);
	gp_dataset_free(ds);
}

/* Unfold a calendar in place: a CRLF and a space join two lines (RFC 5545 §3.1). */
static void unfold(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ') {
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* The calendar through gp_timeline_write: the open start left out, the deadline's alarm, DTSTAMP. */
static void test_ics_write(void)
{
	gp_dataset *ds = load_doc();
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index *order = NULL;
	size_t n = 0, len = 0;
	char *text = NULL;
	CU_ASSERT_FATAL(gp_timeline_build(&order, &n, ds, NULL) == GP_OK);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = GP_TIMELINE_ICS;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	EXPECT_I64(gp_timeline_write(fp, ds, order, n, &o), GP_OK);
	fclose(fp);
	unfold(text);
	EXPECT_TRUE(strncmp(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
	EXPECT_TRUE(strstr(text, "UID:open@geopol") == NULL);
	EXPECT_TRUE(strstr(text, "UID:due@geopol\r\nDTSTAMP:20250701T235959Z\r\n"
				 "DTSTART;VALUE=DATE:20250701\r\nDTEND;VALUE=DATE:20250702\r\n"
				 "SUMMARY:E\\, F\\; G\r\n") != NULL);
	EXPECT_TRUE(strstr(text, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n") != NULL);
	EXPECT_TRUE(strstr(text, "TRIGGER:-P1D\r\nEND:VALARM\r\nEND:VEVENT\r\n") != NULL);
	/* The open end stops at the span's end, and says so. */
	EXPECT_TRUE(strstr(text,
			   "UID:firm@geopol\r\nDTSTAMP:20250701T235959Z\r\n"
			   "DTSTART;VALUE=DATE:20250502\r\nDTEND;VALUE=DATE:20250702\r\n") != NULL);
	EXPECT_TRUE(strstr(text, "(open end\\, shown until 2025-07-01)") != NULL);
	EXPECT_TRUE(
		strstr(text, "4 events from geopol\\; 1 with an open or unknown start left out") !=
		NULL);
	/* One alarm: only the deadline has one. */
	EXPECT_TRUE(strstr(strstr(text, "BEGIN:VALARM") + 1, "BEGIN:VALARM") == NULL);
	size_t tail = strlen(text);
	EXPECT_TRUE(tail > 15 && strcmp(text + tail - 15, "END:VCALENDAR\r\n") == 0);
	free(text);
	free(order);
	gp_dataset_free(ds);
}

/*
 * TimelineJS drops an end_date when each key of start_date has the same
 * value in it: a coarse start the end refines (2004/2004-09, or 2025/..
 * drawn to a full day in 2025) keeps its end by a display_date on the start.
 */
static void test_tjs_refined_end(void)
{
	static const char refined[] =
		"{\"actors\": [{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"}],"
		"\"events\": ["
		"{\"id\": \"a\", \"type\": \"statement\", \"date\": \"2004/2004-09\", \"title\": \"A\","
		" \"source\": [\"USA\"]},"
		"{\"id\": \"b\", \"type\": \"statement\", \"date\": \"2025/..\", \"title\": \"B\","
		" \"source\": [\"USA\"]},"
		"{\"id\": \"c\", \"type\": \"statement\", \"date\": \"2004-03/2004-05\", \"title\": \"C\","
		" \"source\": [\"USA\"]}]}";
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	EXPECT_I64(test_load("t.json", refined, &d, &ds), GP_OK);
	test_diags_release(&d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	gp_index *order = NULL;
	size_t n = 0, len = 0;
	char *text = NULL;
	CU_ASSERT_FATAL(gp_timeline_build(&order, &n, ds, NULL) == GP_OK);
	gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
	o.format = GP_TIMELINE_TIMELINEJS;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	EXPECT_I64(gp_timeline_write(fp, ds, order, n, &o), GP_OK);
	fclose(fp);
	cJSON *doc_tjs = cJSON_Parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc_tjs);
	const cJSON *evs = cJSON_GetObjectItem(doc_tjs, "events"), *e;
	int seen = 0;
	cJSON_ArrayForEach(e, evs)
	{
		const char *id = key(e, "unique_id");
		const cJSON *s = cJSON_GetObjectItem(e, "start_date"),
			    *en = cJSON_GetObjectItem(e, "end_date");
		CU_ASSERT_PTR_NOT_NULL_FATAL(en);
		if (strcmp(id, "a") == 0) {
			EXPECT_STR(key(s, "year"), "2004");
			EXPECT_TRUE(cJSON_GetObjectItem(s, "month") == NULL);
			EXPECT_STR(key(s, "display_date"), "2004");
			EXPECT_STR(key(en, "month"), "9");
			seen++;
		} else if (strcmp(id, "b") == 0) {
			EXPECT_STR(key(s, "display_date"), "2025");
			EXPECT_STR(key(en, "day"), "31");
			seen++;
		} else {
			/* Start and end differ in a key they share: no display_date. */
			EXPECT_TRUE(cJSON_GetObjectItem(s, "display_date") == NULL);
			seen++;
		}
	}
	EXPECT_I64(seen, 3);
	cJSON_Delete(doc_tjs);
	free(text);
	free(order);
	gp_dataset_free(ds);
}

static CU_TestInfo tests[] = {
	{ "iCalendar: TEXT escapes", test_ics_escape },
	{ "iCalendar: folding at 75 octets", test_ics_fold },
	{ "vis: items, span, groups", test_vis_items },
	{ "iCalendar: the calendar", test_ics_write },
	{ "TimelineJS: an end that refines the start is kept", test_tjs_refined_end },
	CU_TEST_INFO_NULL,
};

int gp_test_add_timeline_formats(void)
{
	return gp_test_register("timeline formats", tests);
}
