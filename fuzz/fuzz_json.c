/*
 * fuzz_json.c - a whole geopol JSON event file: loaded and finished as the
 * command-line tool does, then the timeline and the graph at both levels
 * built and written in every format.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gp_dataset *ds = fuzz_load("events.json", data, size, GP_INPUT_JSON, 0);
	if (ds) {
		fuzz_use_dataset(ds, fuzz_bits(data, size) & 1);
		gp_dataset_free(ds);
	}
	return 0;
}
