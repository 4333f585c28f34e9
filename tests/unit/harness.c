/* harness.c - the shared test harness of harness.h; not a suite of its own. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int gp_test_register(const char *suite, CU_TestInfo *tests)
{
	CU_pSuite s = CU_add_suite(suite, NULL, NULL);
	if (!s) {
		return -1;
	}
	for (CU_TestInfo *t = tests; t->pName; t++) {
		if (!CU_add_test(s, t->pName, t->pTestFunc)) {
			return -1;
		}
	}
	return 0;
}

static void collect(const gp_diag *dg, void *userdata)
{
	test_diags *d = userdata;
	char buf[1200];
	snprintf(buf, sizeof(buf), "%lu:%lu: %s: %s", dg->line, dg->column,
		 dg->severity == GP_SEV_ERROR ? "error" : "warning", dg->message);
	char **nl = realloc(d->lines, (d->n + 1) * sizeof(*nl));
	if (nl) {
		d->lines = nl;
		d->lines[d->n] = strdup(buf);
		if (d->lines[d->n]) {
			d->n++;
		}
	}
}

void test_diags_init(test_diags *d)
{
	gp_diag_sink init = GP_DIAG_SINK_INIT;
	d->lines = NULL;
	d->n = 0;
	d->sink = init;
	d->sink.fn = collect;
	d->sink.userdata = d;
}

void test_diags_release(test_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i]);
	}
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

int test_diags_find(const test_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++) {
		if (strstr(d->lines[i], needle)) {
			return (int)i;
		}
	}
	return -1;
}

int test_load(const char *name, const char *text, test_diags *d, gp_dataset **out)
{
	gp_dataset *ds = NULL;
	int rc = gp_dataset_new(&ds);
	*out = ds;
	if (rc != GP_OK) {
		return rc;
	}
	rc = gp_dataset_load_buffer(ds, name, text, strlen(text), GP_INPUT_AUTO, &d->sink);
	int rc2 = gp_dataset_finish(ds, &d->sink);
	return rc != GP_OK ? rc : rc2;
}

void gp_test_expect_str(const char *got, const char *want, const char *file, unsigned line,
			const char *expr)
{
	int ok = got && want ? strcmp(got, want) == 0 : got == want;
	if (!ok) {
		fprintf(stderr, "\n  %s:%u: %s = \"%s\", expected \"%s\"", file, line, expr,
			got ? got : "(null)", want ? want : "(null)");
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, expr, file, "", CU_FALSE);
}

void gp_test_expect_i64(int64_t got, int64_t want, const char *file, unsigned line,
			const char *expr)
{
	if (got != want) {
		fprintf(stderr, "\n  %s:%u: %s = %lld, expected %lld", file, line, expr,
			(long long)got, (long long)want);
	}
	CU_assertImplementation(got == want ? CU_TRUE : CU_FALSE, line, expr, file, "", CU_FALSE);
}

void gp_test_expect_near(double got, double want, double tol, const char *file, unsigned line,
			 const char *expr)
{
	double diff = got - want;
	int ok = diff <= tol && diff >= -tol;
	if (!ok) {
		fprintf(stderr, "\n  %s:%u: %s = %.17g, expected %.17g", file, line, expr, got,
			want);
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, expr, file, "", CU_FALSE);
}

void gp_test_expect_true(int ok, const char *file, unsigned line, const char *expr)
{
	if (!ok) {
		fprintf(stderr, "\n  %s:%u: expected true: %s", file, line, expr);
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, expr, file, "", CU_FALSE);
}

void gp_test_expect_same_text(const char *got, const char *want, const char *file, unsigned line,
			      const char *expr)
{
	int same = got && want && strcmp(got, want) == 0;
	if (!same && got && want) {
		size_t k = 0, from = 0;
		while (got[k] && got[k] == want[k]) {
			from = got[k] == '\n' ? k + 1 : from;
			k++;
		}
		fprintf(stderr,
			"\n  %s:%u: %s differs at byte %zu, in the line\n    %.*s\n  instead of\n    %.*s",
			file, line, expr, k, (int)strcspn(got + from, "\n"), got + from,
			(int)strcspn(want + from, "\n"), want + from);
	} else if (!same) {
		fprintf(stderr, "\n  %s:%u: %s: no text to compare", file, line, expr);
	}
	CU_assertImplementation(same ? CU_TRUE : CU_FALSE, line, expr, file, "", CU_FALSE);
}

void gp_test_expect_diag(const test_diags *d, const char *needle, const char *file, unsigned line)
{
	int found = test_diags_find(d, needle) >= 0;
	if (!found) {
		fprintf(stderr, "\n  %s:%u: no diagnostic holds \"%s\"", file, line, needle);
		for (size_t i = 0; i < d->n; i++) {
			fprintf(stderr, "\n    %s", d->lines[i]);
		}
	}
	CU_assertImplementation(found ? CU_TRUE : CU_FALSE, line, needle, file, "", CU_FALSE);
}

void gp_test_expect_no_diags(const test_diags *d, const char *file, unsigned line)
{
	if (d->n) {
		fprintf(stderr, "\n  %s:%u: %zu diagnostics, expected none", file, line, d->n);
		for (size_t i = 0; i < d->n; i++) {
			fprintf(stderr, "\n    %s", d->lines[i]);
		}
	}
	CU_assertImplementation(d->n == 0 ? CU_TRUE : CU_FALSE, line, "no diagnostics", file, "",
				CU_FALSE);
}

size_t test_gdelt_row(char *row, size_t size, const char *const *set)
{
	const char *v[58];
	for (int col = 0; col < 58; col++) {
		v[col] = col == 0                 ? "7"
			 : col == 1               ? "20250806"
			 : col == 5 || col == 7   ? "USA"
			 : col == 15 || col == 17 ? "IND"
			 : col == 26              ? "172"
			 : col == 29              ? "4"
			 : col == 30              ? "-5"
			 : col == 31              ? "1"
			 : col == 34              ? "0"
			 : col == 57              ? "https://example.org/a"
						  : "";
	}
	for (; set && *set; set++) {
		char *eq = strchr(*set, '=');
		v[atoi(*set)] = eq + 1;
	}
	size_t n = 0;
	for (int col = 0; col < 58; col++) {
		n += (size_t)snprintf(row + n, size - n, "%s%s", col ? "\t" : "", v[col]);
	}
	n += (size_t)snprintf(row + n, size - n, "\n");
	return n;
}

int test_load_gdelt_rows(const int *ids, size_t n, int col, const char *const *values,
			 gp_row_keeping keep, test_diags *d, gp_dataset **ds)
{
	size_t size = n * 1024 + 1, len = 0;
	char *text = malloc(size), id[32], value[1024];
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "0=%d", ids[i]);
		if (col >= 0) {
			snprintf(value, sizeof(value), "%d=%s", col, values[i]);
		}
		const char *const set[] = { id, col >= 0 ? value : NULL, NULL };
		len += test_gdelt_row(text + len, size - len, set);
	}
	test_diags_init(d);
	CU_ASSERT_FATAL(gp_dataset_new(ds) == GP_OK);
	gp_dataset_set_compact_rows(*ds, keep, NULL);
	int rc = gp_dataset_load_buffer(*ds, "rows", text, len, GP_INPUT_GDELT, &d->sink);
	free(text);
	return rc != GP_OK ? rc : gp_dataset_finish(*ds, &d->sink);
}

size_t test_icews_rows(char *text, size_t size, const char *const *set)
{
	static const char *const header =
		"Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\t"
		"Event Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\t"
		"Target Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
		"Province\tCountry\tLatitude\tLongitude\n";
	const char *v[20] = { "26000001",
			      "2018-01-02",
			      "United States",
			      "NA",
			      "United States",
			      "Accuse",
			      "112",
			      "-2",
			      "Russia",
			      "NA",
			      "Russia",
			      "1",
			      "1",
			      "Wire",
			      "NA",
			      "NA",
			      "NA",
			      "NA",
			      "NA",
			      "NA" };
	for (; set && *set; set++) {
		char *eq = strchr(*set, '=');
		v[atoi(*set)] = eq + 1;
	}
	size_t n = (size_t)snprintf(text, size, "%s", header);
	for (int col = 0; col < 20; col++) {
		n += (size_t)snprintf(text + n, size - n, "%s%s", col ? "\t" : "", v[col]);
	}
	n += (size_t)snprintf(text + n, size - n, "\n");
	return n;
}

enum { CAPTURE_GRAPH, CAPTURE_JSONL, CAPTURE_TIMELINE };

/* What one of the writers writes of `obj`, as a string. */
static char *capture(int what, const void *obj)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_FATAL(fp != NULL);
	int rc = GP_ERROR;
	if (what == CAPTURE_GRAPH) {
		rc = gp_graph_write_json(fp, obj);
	} else if (what == CAPTURE_JSONL) {
		rc = gp_dataset_write_jsonl(fp, obj);
	} else {
		gp_index *order = NULL;
		size_t n = 0;
		gp_timeline_options o = GP_TIMELINE_OPTIONS_INIT;
		o.format = GP_TIMELINE_JSON;
		rc = gp_timeline_build(&order, &n, obj, NULL);
		rc = rc != GP_OK ? rc : gp_timeline_write(fp, obj, order, n, &o);
		free(order);
	}
	EXPECT_I64(rc, GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	return text;
}

char *test_graph_json_text(const gp_graph *g)
{
	return capture(CAPTURE_GRAPH, g);
}

char *test_jsonl_text(const gp_dataset *ds)
{
	return capture(CAPTURE_JSONL, ds);
}

char *test_timeline_json_text(const gp_dataset *ds)
{
	return capture(CAPTURE_TIMELINE, ds);
}

void test_tmp_file(char *path, size_t size, const char *name, const char *text, size_t len)
{
	static unsigned serial;
	mkdir("tests/tmp", 0777); /* made by `make check`; may exist */
	snprintf(path, size, "tests/tmp/unit-%ld-%u-%s", (long)getpid(), serial++, name);
	FILE *fp = fopen(path, "wb");
	CU_ASSERT_FATAL(fp != NULL);
	CU_ASSERT_FATAL(fwrite(text, 1, len, fp) == len);
	CU_ASSERT_FATAL(fclose(fp) == 0);
}

const gp_edge *test_edge_of(const gp_graph *g, const char *s, const char *t, int directed)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		if (e->directed == directed &&
		    strcmp(gp_actor_id(gp_dataset_actor(ds, gp_graph_node(g, e->source)->actor)),
			   s) == 0 &&
		    strcmp(gp_actor_id(gp_dataset_actor(ds, gp_graph_node(g, e->target)->actor)),
			   t) == 0) {
			return e;
		}
	}
	return NULL;
}

gp_dataset *test_load_clean(const char *name, const char *text)
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
