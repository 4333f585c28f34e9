/*
 * fuzz_jsonl.c - a geopol JSON Lines file: loaded and used as fuzz_json.c
 * does, and two properties of what `geopol import` writes:
 * - written again with gp_dataset_write_jsonl and read back, a dataset
 *   writes the same bytes (the header promises the same dataset);
 * - the graph `geopol graph` streams from the file, keeping brief events,
 *   is the graph `geopol export` builds from every event kept whole.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *jsonl(const gp_dataset *ds, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	FUZZ_CHECK(fp != NULL);
	int rc = gp_dataset_write_jsonl(fp, ds);
	FUZZ_CHECK(fclose(fp) == 0 && rc == GP_OK);
	return buf;
}

static void rewrite(const gp_dataset *ds)
{
	size_t n1, n2;
	char *first = jsonl(ds, &n1);
	gp_dataset *back = fuzz_load("again.jsonl", (const uint8_t *)first, n1, GP_INPUT_JSONL, 0);
	if (!back) {
		fprintf(stderr, "written as:\n%s", first);
		FUZZ_CHECK(!"what gp_dataset_write_jsonl writes reads back");
	}
	char *second = jsonl(back, &n2);
	if (n1 != n2 || memcmp(first, second, n1) != 0) {
		fprintf(stderr, "--- written\n%s--- read back and written\n%s", first, second);
		FUZZ_CHECK(!"a dataset read back writes the same JSON Lines");
	}
	free(first);
	free(second);
	gp_dataset_free(back);
}

static void brief_graph(const gp_dataset *ds, const uint8_t *data, size_t size)
{
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	gp_graph *whole, *brief;
	gp_dataset *bds;
	char path[64];
	go.max_event_ids = GP_EVENT_IDS_AUTO;
	if (gp_graph_build(&whole, ds, &go) != GP_OK) {
		return;
	}
	int fd = fuzz_file(data, size, path, sizeof(path));
	FUZZ_CHECK(fd >= 0);
	brief = fuzz_stream(&bds, path, GP_INPUT_JSONL, GP_LEVEL_ACTOR, 0, 0);
	FUZZ_CHECK(brief != NULL);
	fuzz_check_same_graph(whole, brief, bds, "graph of whole events vs graph of brief events");
	gp_graph_free(whole);
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gp_dataset *ds = fuzz_load("events.jsonl", data, size, GP_INPUT_JSONL, 0);
	if (ds) {
		fuzz_use_dataset(ds, fuzz_bits(data, size) & 1);
		rewrite(ds);
		brief_graph(ds, data, size);
		gp_dataset_free(ds);
	}
	return 0;
}
