/*
 * test_main.c - the CUnit runner. Each tests/unit/test_<module>.c registers
 * one suite through gp_test_add_<module>(). The exit status comes from the
 * failure count: CU_basic_run_tests() returns success even when tests fail.
 * `run_tests SUITE` runs one suite (while working on a module).
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "harness.h"

int main(int argc, char **argv)
{
	int (*const adders[])(void) = {
		gp_test_add_date,        gp_test_add_util,        gp_test_add_load,
		gp_test_add_timeline,    gp_test_add_graph,       gp_test_add_locale,
		gp_test_add_rows,        gp_test_add_partial,     gp_test_add_tabular,
		gp_test_add_stream,      gp_test_add_write_jsonl, gp_test_add_timeline_formats,
		gp_test_add_interchange, gp_test_add_claims,      gp_test_add_story,
		gp_test_add_chart,       gp_test_add_sign,        gp_test_add_series,
		gp_test_add_diff,        gp_test_add_betweenness, gp_test_add_view
	};
	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "cannot initialise CUnit\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(adders) / sizeof(adders[0]); i++) {
		if (adders[i]() != 0) {
			fprintf(stderr, "cannot register tests: %s\n", CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (argc > 1) {
		CU_pSuite suite = CU_get_suite(argv[1]);
		if (!suite) {
			fprintf(stderr, "no suite '%s'\n", argv[1]);
			CU_cleanup_registry();
			return 2;
		}
		CU_basic_run_suite(suite);
	} else {
		CU_basic_run_tests();
	}
	unsigned failures = CU_get_number_of_failures();
	unsigned run = CU_get_number_of_tests_run();
	CU_cleanup_registry();
	if (run == 0) {
		fprintf(stderr, "no test ran\n");
		return 1;
	}
	return failures ? 1 : 0;
}
