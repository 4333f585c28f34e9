/*
 * timeline.c - the smallest useful program on libgeopol: load event files,
 * print their chronological timeline.
 *
 *   cc timeline.c $(pkg-config --cflags --libs geopol) -o timeline
 *   ./timeline data/seed-article.json
 *
 * The library never prints: problems in the input come to the callback
 * below as FILE:LINE:COLUMN diagnostics, and the program decides what to
 * do with them.
 */
#include <stdio.h>
#include <stdlib.h>

#include <geopol/geopol.h>

static void print_diag(const gp_diag *d, void *userdata)
{
	(void)userdata;
	fprintf(stderr, "%s:%lu:%lu: %s: %s\n", d->file, d->line, d->column,
		d->severity == GP_SEV_ERROR ? "error" : "warning", d->message);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	sink.fn = print_diag;
	gp_dataset *ds = NULL;
	gp_index *order = NULL;
	size_t n = 0;
	int rc = gp_dataset_new(&ds);
	/* Load every file, then resolve references across them. */
	for (int i = 1; rc == GP_OK && i < argc; i++) {
		rc = gp_dataset_load_file(ds, argv[i], GP_INPUT_AUTO, &sink);
	}
	if (rc == GP_OK) {
		rc = gp_dataset_finish(ds, &sink);
	}
	/* Every event (no filter), in timeline order. */
	if (rc == GP_OK) {
		rc = gp_timeline_build(ds, NULL, &order, &n);
	}
	if (rc == GP_OK) {
		gp_timeline_options opts = GP_TIMELINE_OPTIONS_INIT; /* text, no colour */
		rc = gp_timeline_write(stdout, ds, order, n, &opts);
	}
	if (rc != GP_OK) {
		fprintf(stderr, "timeline: %s\n", gp_strerror(rc));
	}
	free(order);
	gp_dataset_free(ds);
	return rc == GP_OK ? 0 : 1;
}
