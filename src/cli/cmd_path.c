/*
 * cmd_path.c - `geopol path FROM TO`: the shortest chain of relations
 * between two actors, with the events behind each hop.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol path [FILTERS] [--level actor|country] FROM TO FILE...\n\n"
	"The shortest chain of relations (fewest hops) between two actors, following\n"
	"edges in either direction; among equally short chains, the first in node\n"
	"(id) order. Each hop lists the events behind it. FROM and TO are ids,\n"
	"names or aliases, as for --actor. No path: a message and exit 1.\n\n" CLI_HELP_LEVEL
		CLI_HELP_JOBS CLI_HELP_MAX_IDS CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS
	"\nWith --min-count, only edges with at least N events are followed.\n";

static const char *name_of(const gp_graph *g, uint32_t node)
{
	return gp_actor_name(gp_dataset_actor(gp_graph_dataset(g), gp_graph_node(g, node)->actor));
}

int cmd_path(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_SKIP_BAD |
				   CLI_OPT_LEVEL | CLI_OPT_JOBS | CLI_OPT_MAX_IDS,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	if (o.n_files < 3) {
		cli_error(CLI_EXIT_USAGE, "path needs FROM, TO and at least one FILE");
		fputs(usage, stderr);
		return CLI_EXIT_USAGE;
	}
	const char *from = o.files[0], *to = o.files[1];
	o.files += 2;
	o.n_files -= 2;
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	gp_index fa, ta;
	uint32_t *path = NULL, fn, tn;
	size_t n = 0;
	if ((rc = cli_resolve_actor(ds, from, &fa)) >= 0 ||
	    (rc = cli_resolve_actor(ds, to, &ta)) >= 0) {
		goto done;
	}
	if (gp_graph_node_count(g) == 0) {
		cli_no_events(&o); /* no path, exit 1; this says why */
		rc = CLI_EXIT_INVALID;
		goto done;
	}
	/* At country level an actor stands for its country (its first membership). */
	fn = gp_graph_find_node(g, gp_graph_map_actor(ds, fa, o.level, GP_TIME_MIN));
	tn = gp_graph_find_node(g, gp_graph_map_actor(ds, ta, o.level, GP_TIME_MIN));
	if (fn == GP_NONE || tn == GP_NONE) {
		rc = cli_error(CLI_EXIT_INVALID, "no path: '%s' takes part in no selected event",
			       gp_actor_id(gp_dataset_actor(ds, fn == GP_NONE ? fa : ta)));
		goto done;
	}
	int prc = gp_graph_path(&path, &n, g, fn, tn);
	if (prc == GP_ENOTFOUND) {
		rc = cli_error(CLI_EXIT_INVALID,
			       "no path between '%s' and '%s': no chain of relations links them",
			       name_of(g, fn), name_of(g, tn));
		goto done;
	}
	if (prc != GP_OK) {
		rc = cli_error(CLI_EXIT_INTERNAL, "%s",
			       prc == GP_ERROR ? gp_graph_last_error() : gp_strerror(prc));
		goto done;
	}
	cli_output out;
	cli_output_open(&out, NULL); /* standard output: cannot fail */
	prc = gp_graph_write_path(out.fp, g, path, n);
	rc = cli_output_close(&out, prc == GP_OK);
	if (prc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(prc), "%s", gp_strerror(prc));
	}
done:
	free(path);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
