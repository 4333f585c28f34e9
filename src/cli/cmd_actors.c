/*
 * cmd_actors.c - `geopol actors`: the actors ranked by the graph's analytics.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol actors [FILTERS] [--level actor|country] [--by KEY] [--top N]\n"
	"                     [--format text|csv|json] [-o OUT] FILE...\n\n"
	"The actors of the relationship graph ranked by PageRank (then betweenness,\n"
	"events and id), with in/out degree (distinct neighbours), strength (sum of\n"
	"|weight| of their edges) and its cooperation and conflict parts,\n"
	"betweenness and community.\n\n"
	"  --by KEY         rank by pagerank (default), betweenness, strength,\n"
	"                   strength_cooperation, strength_conflict, events, degree,\n"
	"                   in_degree or out_degree (highest first; ties by PageRank)\n"
	"  --top N          the first N only\n" CLI_HELP_LEVEL CLI_HELP_BETWEENNESS
	"  --format F       text (default), csv or json\n" CLI_HELP_JOBS CLI_HELP_OUT CLI_HELP_INPUT
		CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

int cmd_actors(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT |
				   CLI_OPT_INPUT | CLI_OPT_LEVEL | CLI_OPT_BETWEENNESS |
				   CLI_OPT_TOP | CLI_OPT_MIN_COUNT | CLI_OPT_JOBS |
				   CLI_OPT_SKIP_BAD | CLI_OPT_BY,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	o.graph_only = 1;  /* events are only counted into the graph */
	o.nodes_only = 1;  /* the list is the graph's nodes */
	o.few_sources = 1; /* and shows no source */
	static const char *const formats[] = { "text", "csv", "json", NULL };
	int k = 0;
	if (o.format && (rc = cli_pick("actors format", o.format, formats, &k)) >= 0) {
		return rc;
	}
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	uint32_t *order = NULL;
	cli_output out;
	if (gp_graph_node_count(g) == 0) {
		cli_no_events(&o);
	}
	if (gp_graph_ranking_by(&order, g, o.by) != GP_OK) {
		rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
	} else if ((rc = cli_output_open(&out, o.out)) == CLI_EXIT_OK) {
		size_t n = gp_graph_node_count(g);
		if (o.top > 0 && (size_t)o.top < n) {
			n = (size_t)o.top;
		}
		int wrc = gp_graph_write_actors(out.fp, g, order, n, k);
		rc = cli_output_close(&out, wrc == GP_OK);
		if (wrc != GP_OK && rc == CLI_EXIT_OK) {
			rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
		}
	}
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
