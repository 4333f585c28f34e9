/*
 * top_actors.c - build the country graph of event files and print the most
 * central countries by PageRank, reading the graph node by node.
 *
 *   cc top_actors.c $(pkg-config --cflags --libs geopol) -o top_actors
 *   ./top_actors 5 data/seed-article.json
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
	if (argc < 3) {
		fprintf(stderr, "usage: %s N FILE...\n", argv[0]);
		return 2;
	}
	size_t top = (size_t)strtoul(argv[1], NULL, 10);
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	sink.fn = print_diag;
	gp_dataset *ds = NULL;
	gp_graph *g = NULL;
	uint32_t *rank = NULL;
	int rc = gp_dataset_new(&ds);
	for (int i = 2; rc == GP_OK && i < argc; i++) {
		rc = gp_dataset_load_file(ds, argv[i], GP_INPUT_AUTO, &sink);
	}
	if (rc == GP_OK) {
		rc = gp_dataset_finish(ds, &sink);
	}
	if (rc == GP_OK) {
		/* Actors replaced by their countries (DESIGN §4). */
		gp_graph_options opts = GP_GRAPH_OPTIONS_INIT;
		opts.level = GP_LEVEL_COUNTRY;
		rc = gp_graph_build(&g, ds, &opts);
	}
	if (rc == GP_OK) {
		rc = gp_graph_ranking(g, &rank); /* by PageRank, highest first */
	}
	for (size_t i = 0; rc == GP_OK && i < top && i < gp_graph_node_count(g); i++) {
		const gp_node *node = gp_graph_node(g, rank[i]);
		const gp_actor *actor = gp_dataset_actor(ds, node->actor);
		printf("%zu. %-6s %-28s pagerank %.4f, %u events\n", i + 1, actor->id, actor->name,
		       node->pagerank, node->events);
	}
	if (rc != GP_OK) {
		fprintf(stderr, "top_actors: %s\n", gp_strerror(rc));
	}
	free(rank);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc == GP_OK ? 0 : 1;
}
