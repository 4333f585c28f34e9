/*
 * fuzz_icews.c - ICEWS coded event rows (header row, 20 columns): loaded,
 * streamed into a graph, and imported as JSON Lines, whose graph must be
 * the same (fuzz_tabular in fuzz_util.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_tabular(data, size, GP_INPUT_ICEWS);
}
