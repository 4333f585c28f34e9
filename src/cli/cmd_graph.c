/*
 * cmd_graph.c - `geopol graph`: the relationship graph as DOT, JSON, a
 * picture rendered in-process with Graphviz, or the formats of other tools.
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol graph [FILTERS] [--level actor|country] [--format dot|json|svg|png|pdf]\n"
	"                    [--layout ENGINE] [-o OUT] FILE...\n"
	"       geopol graph [FILTERS] [--level actor|country]\n"
	"                    --format gexf|graphml|cytoscape|graphology|d3 [-o OUT] FILE...\n\n"
	"The relationship graph of the selected events: a directed edge from each\n"
	"source to each target, an undirected one between participants, aggregated\n"
	"per pair, with PageRank, betweenness and communities.\n\n" CLI_HELP_LEVEL
		CLI_HELP_BETWEENNESS
	"  --format F       dot (default), json, svg, png, pdf, or partial (for geopol merge);\n"
	"                   png and pdf need -o or a redirection; or another tool's own:\n"
	"                   gexf (Gephi), graphml (networkx, igraph, yEd), cytoscape\n"
	"                   (Cytoscape.js), graphology (sigma.js), d3 (networkx\n"
	"                   node-link, d3-force)\n" CLI_HELP_LAYOUT CLI_HELP_JOBS CLI_HELP_MAX_IDS
	"                   and the JSON says how many more in 'events_more'\n" CLI_HELP_OUT
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

int cmd_graph(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT |
				   CLI_OPT_INPUT | CLI_OPT_LEVEL | CLI_OPT_BETWEENNESS |
				   CLI_OPT_MIN_COUNT | CLI_OPT_LAYOUT | CLI_OPT_JOBS |
				   CLI_OPT_MAX_IDS | CLI_OPT_SKIP_BAD,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	const char *format = o.format ? o.format : "dot";
	/* Events are only counted into the graph; pictures' tooltips show their titles. */
	o.graph_only = strcmp(format, "dot") != 0 && strcmp(format, "svg") != 0 &&
		       strcmp(format, "png") != 0 && strcmp(format, "pdf") != 0;
	/*
	 * Sources left in the input files are read when written: a picture's for
	 * the edges it draws, the other formats' a window of edges at a time.
	 */
	o.few_sources = 1;
	/* A partial graph lists the actors read, for geopol merge to check them across shards. */
	o.nodes_only = strcmp(format, "partial") != 0;
	/*
	 * Pictures and partial graphs show no degree, PageRank, betweenness or
	 * community (geopol merge computes them for the whole): on big graphs
	 * they would be most of the time after reading.
	 */
	o.no_analytics = !cli_graph_format_analysed(format);
	if ((rc = cli_graph_format(&o, format)) >= 0) {
		return rc;
	}
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	if (gp_graph_node_count(g) == 0) {
		cli_no_events(&o);
	}
	rc = cli_write_graph(&o, g, format);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
