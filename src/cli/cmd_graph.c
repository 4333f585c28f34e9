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
	"  --format F       dot (default), json, svg, png, pdf, or partial (for geopol merge)\n"
	"  --min-count N    keep edges with at least N events\n"
	"  --layout E       Graphviz layout engine: dot (default), neato, fdp, sfdp, circo\n"
	"  -j N             read plain GDELT/ICEWS files with N threads\n"
	"  --max-event-ids N  list at most N events per edge, the earliest (default: all\n"
	"                   for geopol files, 10 for GDELT/ICEWS; 0: all); the JSON\n"
	"                   says how many more with 'events_more'\n"
	"  --top-edges N    draw at most N edges, the strongest (default 250); JSON has all\n"
	"  --skip-bad       count and skip malformed GDELT/ICEWS rows\n"
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
	o.graph_only = 1; /* events are only counted into the graph */
	const char *format = o.format ? o.format : "dot";
	if (cli_graph_format(format) < 0) {
		return cli_error(CLI_EXIT_USAGE, "unknown graph format '%s' (dot, json, svg, png, pdf or partial)", format);
	}
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	rc = cli_write_graph(&o, g, format);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
