/*
 * fuzz_gdelt.c - GDELT 1.0 and 2.0 event rows: loaded, streamed into a
 * graph, and imported as JSON Lines, whose graph must be the same
 * (fuzz_tabular in fuzz_util.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_tabular(data, size, GP_INPUT_GDELT);
}
