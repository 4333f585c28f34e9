/*
 * cmd_view.c - `geopol view`: the graph and the timeline in one
 * self-contained HTML page (DESIGN §8), written by gp_view_write.
 */
#include <stdlib.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol view [FILTERS] [--level actor|country] [--as-of DATE] [-o OUT.html] FILE...\n\n"
	"Write one self-contained HTML page that works from a file, offline: the\n"
	"relationship graph (Cytoscape.js) and the timeline (vis-timeline) side by\n"
	"side and linked. Selecting an actor or a relation shows its events on the\n"
	"timeline and lists their details; moving or zooming the timeline shows the\n"
	"graph of the events in its time window; Reset shows everything again; the\n"
	"search box finds an actor by name or alias. Node size follows PageRank,\n"
	"colour the community; edges are green for cooperation, red for conflict.\n"
	"Every script, style and datum is inline: nothing is fetched. A browser draws\n"
	"a few hundred relations and a few thousand events in seconds: the page holds\n"
	"the strongest relations and a share of their events, and says so.\n\n" CLI_HELP_LEVEL
		CLI_HELP_VIEW CLI_HELP_BETWEENNESS
	"  --as-of DATE     the timeline reaches at least to DATE (open ends stop there)\n" CLI_HELP_OUT
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

int cmd_view(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_OUT | CLI_OPT_STRICT | CLI_OPT_INPUT |
				   CLI_OPT_SKIP_BAD | CLI_OPT_LEVEL | CLI_OPT_BETWEENNESS |
				   CLI_OPT_MIN_COUNT | CLI_OPT_AS_OF | CLI_OPT_VIEW,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	gp_timeline_options topts = GP_TIMELINE_OPTIONS_INIT;
	if (o.as_of && (rc = cli_as_of(o.as_of, &topts)) >= 0) {
		return rc;
	}
	o.keep_events = 1; /* the timeline needs them */
	o.compact_rows = GP_ROWS_WITH_SOURCE;
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	/* The timeline uses the same filters as the graph. */
	gp_index *order = NULL;
	size_t n = 0;
	cli_output out = { 0 };
	if ((rc = cli_timeline_order(ds, &o, &order, &n)) >= 0) {
		goto done;
	}
	if ((rc = cli_output_open(&out, o.out)) != CLI_EXIT_OK) {
		goto done;
	}
	gp_view_options vopts = { o.top_edges, o.max_events };
	gp_view_shown shown;
	int wrc = gp_view_write(out.fp, g, order, n, &topts, &vopts, &shown);
	rc = cli_output_close(&out, wrc == GP_OK);
	if (rc == CLI_EXIT_OK && wrc == GP_OK) {
		cli_view_note(&shown, o.level, "the page");
	}
	if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
done:
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
