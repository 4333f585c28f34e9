/*
 * harness.h - what the unit tests share (harness.c): suite registration,
 * checks that say what they got, a diagnostics collector for checking
 * located messages, and loading a text into a finished dataset. Each
 * tests/unit/test_<module>.c registers its suite through the
 * gp_test_add_<module>() declared here, which test_main.c calls.
 */
#ifndef GEOPOL_HARNESS_H
#define GEOPOL_HARNESS_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

#include "geopol/geopol.h"

int gp_test_add_date(void);
int gp_test_add_util(void);
int gp_test_add_load(void);
int gp_test_add_timeline(void);
int gp_test_add_timeline_formats(void);
int gp_test_add_graph(void);
int gp_test_add_rows(void);
int gp_test_add_partial(void);
int gp_test_add_locale(void);
int gp_test_add_interchange(void);
int gp_test_add_tabular(void);
int gp_test_add_stream(void);
int gp_test_add_write_jsonl(void);
int gp_test_add_claims(void);
int gp_test_add_story(void);
int gp_test_add_chart(void);
int gp_test_add_sign(void);
int gp_test_add_series(void);
int gp_test_add_diff(void);
int gp_test_add_betweenness(void);
int gp_test_add_view(void);

/*
 * Checks that say what they got: each prints FILE:LINE, the expression, the
 * value and the expectation to stderr when it fails, then records the
 * assertion with CUnit. They do not stop the test.
 */
#define EXPECT_STR(got, want) gp_test_expect_str((got), (want), __FILE__, __LINE__, #got)
#define EXPECT_I64(got, want)                                                                      \
	gp_test_expect_i64((int64_t)(got), (int64_t)(want), __FILE__, __LINE__, #got)
#define EXPECT_NEAR(got, want, tol)                                                                \
	gp_test_expect_near((double)(got), (double)(want), (tol), __FILE__, __LINE__, #got)
#define EXPECT_DBL(got, want) EXPECT_NEAR((got), (want), 1e-9)
#define EXPECT_TRUE(cond) gp_test_expect_true((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
/* Two texts are the same (neither NULL); when not, prints the first line where they differ. */
#define EXPECT_SAME_TEXT(got, want)                                                                \
	gp_test_expect_same_text((got), (want), __FILE__, __LINE__, #got)

void gp_test_expect_str(const char *got, const char *want, const char *file, unsigned line,
			const char *expr);
void gp_test_expect_i64(int64_t got, int64_t want, const char *file, unsigned line,
			const char *expr);
void gp_test_expect_near(double got, double want, double tol, const char *file, unsigned line,
			 const char *expr);
void gp_test_expect_true(int ok, const char *file, unsigned line, const char *expr);
void gp_test_expect_same_text(const char *got, const char *want, const char *file, unsigned line,
			      const char *expr);

/* Register a suite from a CU_TestInfo table ending in CU_TEST_INFO_NULL. */
int gp_test_register(const char *suite, CU_TestInfo *tests);

/* Every diagnostic of a load, kept as "LINE:COL: error|warning: MESSAGE". */
typedef struct {
	char **lines;
	size_t n;
	gp_diag_sink sink;
} test_diags;

void test_diags_init(test_diags *d);
void test_diags_release(test_diags *d);
/* Index of the first line containing `needle`, or -1. */
int test_diags_find(const test_diags *d, const char *needle);
/* A check that a line contains `needle`; when none does, prints them all. */
#define EXPECT_DIAG_HAS(d, needle) gp_test_expect_diag((d), (needle), __FILE__, __LINE__)
void gp_test_expect_diag(const test_diags *d, const char *needle, const char *file, unsigned line);
/* A check that there is no diagnostic at all; when there are, prints them. */
#define EXPECT_NO_DIAGS(d) gp_test_expect_no_diags((d), __FILE__, __LINE__)
void gp_test_expect_no_diags(const test_diags *d, const char *file, unsigned line);

/*
 * Load `text` (named `name`, whose ending picks JSON or JSON Lines) into a
 * new dataset and finish it. Returns the status of the load or finish that
 * failed first; *out is the dataset (free it) even when invalid.
 */
int test_load(const char *name, const char *text, test_diags *d, gp_dataset **out);
/* test_load, checking that it loads with no diagnostic at all; stops the test when it does not load. */
gp_dataset *test_load_clean(const char *name, const char *text);

/*
 * A GDELT 1.0 row (58 columns) in `row`, its length returned: event 7 on
 * 2025-08-06, USA imposes sanctions (172) on IND, with a URL; `set` changes
 * columns, as "COLUMN=VALUE" strings (0-based column numbers), NULL-terminated.
 */
size_t test_gdelt_row(char *row, size_t size, const char *const *set);
/*
 * n such GDELT rows, row i with the id ids[i] and, where col is not
 * negative, column col set to values[i], loaded into a new dataset that keeps
 * rows as `keep` (gp_dataset_set_compact_rows), then finished. Returns the
 * status of the first step that failed; *ds is the dataset (free it), d its
 * diagnostics (release them) even then.
 */
int test_load_gdelt_rows(const int *ids, size_t n, int col, const char *const *values,
			 gp_row_keeping keep, test_diags *d, gp_dataset **ds);
/* The ICEWS header and one row: USA accuses Russia, with a publisher; `set` as above. */
size_t test_icews_rows(char *text, size_t size, const char *const *set);

/*
 * What a writer writes, as a malloc()ed string (free it): the graph as JSON
 * (gp_graph_write_json), the dataset as JSON Lines (gp_dataset_write_jsonl),
 * the timeline of all its events as JSON (gp_timeline_write). A write that
 * fails is a failed check.
 */
char *test_graph_json_text(const gp_graph *g);
/* The edge between the actors of these ids (as the graph names them), or NULL. */
const gp_edge *test_edge_of(const gp_graph *g, const char *source, const char *target,
			    int directed);
char *test_jsonl_text(const gp_dataset *ds);
char *test_timeline_json_text(const gp_dataset *ds);

/*
 * Write text to a new file tests/tmp/unit-PID-N-NAME (NAME's ending, such as
 * .jsonl, tells its format); its path in path[size]. Remove it with unlink().
 */
void test_tmp_file(char *path, size_t size, const char *name, const char *text, size_t len);

#endif
