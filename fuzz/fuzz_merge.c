/*
 * fuzz_merge.c - partial graphs (`geopol graph --format partial`) merged by
 * gp_graph_merge. A NUL byte splits the input into files (at most four).
 * Property: a merge is a partial graph again (`geopol merge --format
 * partial`), and merging that alone gives the same graph: a tree of merges
 * equals one merge.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FILES 4

/* Merge the files; the graph, or NULL when they were invalid. */
static gp_graph *merge(gp_dataset **ds, const char *const *paths, size_t n)
{
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT; /* max_event_ids 0: as the partials say */
	gp_diag_sink sink;
	gp_graph *g = NULL;
	fuzz_sink_init(&sink);
	FUZZ_CHECK(gp_dataset_new(ds) == GP_OK);
	if (gp_graph_merge(&g, *ds, paths, n, &go, &sink) != GP_OK) {
		gp_dataset_free(*ds);
		*ds = NULL;
		return NULL;
	}
	return g;
}

static void remerge(const gp_graph *g)
{
	char *buf = NULL, path[64];
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	FUZZ_CHECK(fp != NULL);
	int rc = gp_graph_write_partial(fp, g, GP_EVENT_IDS_AUTO);
	FUZZ_CHECK(fclose(fp) == 0 && rc == GP_OK);
	int fd = fuzz_file(buf, len, path, sizeof(path));
	FUZZ_CHECK(fd >= 0);
	const char *paths[] = { path };
	gp_dataset *ds;
	gp_graph *again = merge(&ds, paths, 1);
	if (!again) {
		fprintf(stderr, "written as:\n%s", buf);
		FUZZ_CHECK(!"a merged graph written as a partial graph merges");
	}
	fuzz_check_same_graph(g, again, ds,
			      "merge vs merge of the merge written as a partial graph");
	close(fd);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char names[MAX_FILES][64];
	const char *paths[MAX_FILES];
	int fds[MAX_FILES];
	size_t n = 0, at = 0;
	while (n < MAX_FILES && (at < size || n == 0)) {
		const uint8_t *nul = n + 1 < MAX_FILES ? memchr(data + at, '\0', size - at) : NULL;
		size_t len = nul ? (size_t)(nul - (data + at)) : size - at;
		fds[n] = fuzz_file(data + at, len, names[n], sizeof(names[n]));
		FUZZ_CHECK(fds[n] >= 0);
		paths[n] = names[n];
		n++;
		at += len + (nul != NULL);
	}
	gp_dataset *ds;
	gp_graph *g = merge(&ds, paths, n);
	if (g) {
		fuzz_use_graph(g);
		remerge(g);
		gp_graph_free(g);
		gp_dataset_free(ds);
	}
	for (size_t i = 0; i < n; i++) {
		close(fds[i]);
	}
	return 0;
}
