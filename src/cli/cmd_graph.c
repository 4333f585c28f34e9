/*
 * cmd_graph.c - `geopol graph`: the relationship graph as DOT, JSON, or a
 * picture rendered in-process with Graphviz.
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol graph [FILTERS] [--level actor|country] [--format dot|json|svg|png|pdf]\n"
	"                    [--min-count N] [--layout ENGINE] [-o OUT] FILE...\n\n"
	"The relationship graph of the selected events: a directed edge from each\n"
	"source to each target, an undirected one between participants, aggregated\n"
	"per pair, with PageRank, betweenness and communities.\n\n"
	"  --level L        actor (default) or country: actors replaced by their country\n"
	"  --format F       dot (default), json, svg, png or pdf\n"
	"  --min-count N    keep edges with at least N events\n"
	"  --layout E       Graphviz layout engine: dot (default), neato, fdp, sfdp, circo\n"
	"  -o, --output F   write to F (atomically); - or none: standard output\n"
	"  --strict, --input-format F, and FILTERS as for 'geopol timeline'\n";

int cmd_graph(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT | CLI_OPT_INPUT |
				   CLI_OPT_LEVEL | CLI_OPT_MIN_COUNT | CLI_OPT_LAYOUT | CLI_OPT_JOBS,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	static const char *const formats[] = { "dot", "json", "svg", "png", "pdf", NULL };
	const char *format = o.format ? o.format : "dot";
	int k = 0;
	while (formats[k] && strcmp(formats[k], format) != 0) {
		k++;
	}
	if (!formats[k]) {
		return cli_error(CLI_EXIT_USAGE, "unknown graph format '%s' (dot, json, svg, png or pdf)", format);
	}
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	cli_output out;
	if ((rc = cli_output_open(&out, o.out)) == CLI_EXIT_OK) {
		gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
		dopt.layout = o.layout;
		int wrc = k == 0 ? gp_graph_write_dot(out.fp, g, &dopt)
			  : k == 1 ? gp_graph_write_json(out.fp, g)
				   : gp_graph_render(out.fp, g, format, &dopt);
		rc = cli_output_close(&out, wrc == GP_OK);
		if (wrc == GP_ERROR) {
			rc = cli_error(CLI_EXIT_INTERNAL, "Graphviz could not lay out or render the graph%s%s",
				       o.layout ? " with layout " : "", o.layout ? o.layout : "");
		} else if (wrc != GP_OK && rc == CLI_EXIT_OK) {
			rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
		}
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
