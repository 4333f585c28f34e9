/*
 * main.c - `geopol <command> [<args>]`: the command table and dispatch.
 * Each command sees its own name as argv[0].
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_cmd commands[] = {
	{ "validate", cmd_validate, "Check event files and report every problem found" },
	{ "timeline", cmd_timeline, "Print the events in chronological order" },
	{ "graph", cmd_graph, "The actor relationship graph as DOT, JSON, SVG, PNG or PDF" },
	{ "actors", cmd_actors, "Rank the actors by the graph's analytics" },
	{ "path", cmd_path, "The shortest chain of relations between two actors" },
	{ "chain", cmd_chain,
	  "The causal chain through an event: what it answered, what answered it" },
	{ "series", cmd_series,
	  "The graph window by window: nodes' and dyads' cooperation, conflict, PageRank" },
	{ "dyad", cmd_dyad, "Two actors' cooperation and conflict window by window" },
	{ "diff", cmd_diff, "What changed between two sets of events, or before and after a date" },
	{ "view", cmd_view, "The graph and the timeline, linked, in one offline HTML page" },
	{ "export", cmd_export, "Write the timeline and the graph in every format (the main job)" },
	{ "merge", cmd_merge, "Merge partial graphs of shards into the graph of the whole" },
	{ "import", cmd_import, "Convert GDELT or ICEWS event data to geopol JSON Lines" },
	{ "types", cmd_types, "List the event types with their weights and QuadClass" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *fp)
{
	fputs("usage: geopol <command> [<options>] FILE...\n"
	      "       geopol --version | --help\n\n"
	      "Turns annotated geopolitical events into a timeline and a relationship graph.\n\n"
	      "commands:\n",
	      fp);
	for (const cli_cmd *c = commands; c->name; c++) {
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	}
	fputs("\n'geopol <command> --help' describes a command's options.\n"
	      "Exit codes: 0 ok, 1 invalid input, 2 wrong usage, 3 unreadable or unwritable file,\n"
	      "4 internal failure.\n",
	      fp);
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		if (strcmp(name, "help") == 0 && argc > 2) {
			for (const cli_cmd *c = commands; c->name; c++) {
				if (strcmp(c->name, argv[2]) == 0) {
					char *args[] = { argv[2], "--help", NULL };
					return c->fn(2, args);
				}
			}
		}
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("geopol %s\n", gp_version());
		return CLI_EXIT_OK;
	}
	for (const cli_cmd *c = commands; c->name; c++) {
		if (strcmp(c->name, name) == 0) {
			int rc = c->fn(argc - 1, argv + 1);
			cli_release();
			return rc;
		}
	}
	cli_error(CLI_EXIT_USAGE, "'%s' is not a geopol command; see 'geopol --help'", name);
	return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	/*
	 * A reader that leaves (geopol timeline | head -1) makes writes fail
	 * with EPIPE rather than kill the process at once: temporary files are
	 * removed, and a closed standard error does not stop the work.
	 * cli_exit() then ends by SIGPIPE, as cat or git would.
	 */
	signal(SIGPIPE, SIG_IGN);
	cli_catch_interrupts();
	return cli_exit(run(argc, argv));
}
