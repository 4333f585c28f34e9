/*
 * cmd_merge.c - `geopol merge PARTIAL...`: the reduce step. Partial graphs
 * of shards of the data (geopol graph --format partial) become the graph of
 * the whole, exactly: docs/merge.md.
 */
#include "cli.h"

static const char usage[] =
	"usage: geopol merge [--format F] [--min-count N] [--max-event-ids N]\n"
	"                    [--layout ENGINE] [-o OUT] PARTIAL...\n\n"
	"Merge partial graphs written by 'geopol graph --format partial' from\n"
	"shards of the same data (- reads them from standard input, concatenated).\n"
	"The result equals the graph of all the shards read at once.\n\n"
	"  --format F       json (default), dot, svg, png, pdf, or partial: a partial\n"
	"                   graph again, for a tree of merges; or gexf, graphml,\n"
	"                   cytoscape, graphology, d3 (as 'geopol graph' writes them)\n"
	"  --min-count N    keep edges with at least N events\n"
	"  --max-event-ids N  list at most N events per edge (default: as the partial\n"
	"                   graphs do)\n" CLI_HELP_LAYOUT CLI_HELP_BETWEENNESS CLI_HELP_OUT
	"  --strict         treat warnings as errors\n" CLI_HELP_HELP;

int cmd_merge(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT | CLI_OPT_MIN_COUNT |
				   CLI_OPT_MAX_IDS | CLI_OPT_LAYOUT | CLI_OPT_BETWEENNESS,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	const char *format = o.format ? o.format : "json";
	if ((rc = cli_graph_format(&o, format)) >= 0) {
		return rc;
	}
	if (o.n_files == 0) {
		return cli_error(CLI_EXIT_USAGE,
				 "no partial graphs given (PARTIAL..., or - for standard input)");
	}
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	gp_graph *g = NULL;
	if ((rc = gp_dataset_new(&ds)) != GP_OK) {
		return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
	}
	cli_diags diags;
	cli_diags_start(&diags, &sink, o.strict, o.files, o.n_files);
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	go.min_count = o.min_count;
	go.betweenness_pivots = o.pivots;
	go.no_analytics = !cli_graph_format_analysed(format); /* pictures, partial graphs */
	go.max_event_ids = o.max_ids_given ? o.max_ids : 0;   /* 0: as the partial graphs say */
	rc = gp_graph_merge(&g, ds, (const char *const *)o.files, (size_t)o.n_files, &go, &sink);
	cli_diags_print(&diags);
	if (rc == GP_OK) {
		rc = cli_write_graph(&o, g, format);
	} else {
		rc = rc == GP_EINVALID || rc == GP_EIO
			     ? cli_exit_for(rc)
			     : cli_error(cli_exit_for(rc), "%s", gp_strerror(rc));
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
