/*
 * cmd_timeline.c - `geopol timeline`: the events in chronological order.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol timeline [FILTERS] [--format text|markdown|csv|json] [--as-of DATE]\n"
	"                       [-o OUT] FILE...\n\n"
	"Print every selected event in chronological order, each date shown at the\n"
	"precision it is known (2025-02, ~2025-08, 2024 → ongoing).\n\n"
	"  --format F       text (default), markdown, csv or json\n"
	"  --as-of DATE     mark events past / ongoing / upcoming; deadlines show days left.\n"
	"                   DATE is a day, 'today' (UTC), or a month or year read as its last day\n"
	"  -o, --output F   write to F (atomically); - or none: standard output\n"
	"  --strict         treat warnings as errors\n"
	"  --input-format F read - (or every file) as json or jsonl\n\n"
	"FILTERS:\n"
	"  --from DATE      events whose latest end is on or after DATE's start\n"
	"  --to DATE        events whose earliest start is on or before DATE's end\n"
	"  --type T[,T]     events of these types (see 'geopol types')\n"
	"  --actor A[,A]    events involving these actors (id, name or alias) or any\n"
	"                   actor part_of them, as source, target or participant\n"
	"  --min-count N    graph edges with at least N events (graph, actors, path,\n"
	"                   export); accepted here so one set of filters fits every\n"
	"                   command, and leaves the timeline unchanged\n";

int cmd_timeline(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_AS_OF | CLI_OPT_OUT |
				   CLI_OPT_STRICT | CLI_OPT_INPUT,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	gp_timeline_options topts = GP_TIMELINE_OPTIONS_INIT;
	static const char *const formats[] = { "text", "markdown", "csv", "json", NULL };
	if (o.format) {
		int k = 0;
		while (formats[k] && strcmp(formats[k], o.format) != 0) {
			k++;
		}
		if (!formats[k]) {
			return cli_error(CLI_EXIT_USAGE, "unknown timeline format '%s' (text, markdown, csv or json)",
					 o.format);
		}
		topts.format = k;
	}
	if (o.as_of && (rc = cli_as_of(o.as_of, &topts)) >= 0) {
		return rc;
	}
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	/* Text, CSV and Markdown show neither URLs nor attributes: rows can be kept lean. */
	o.compact_rows = topts.format != GP_TIMELINE_JSON;
	if ((rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	gp_filter f;
	gp_index *types = NULL, *order = NULL;
	uint8_t *mask = NULL;
	size_t n = 0;
	cli_output out = { 0 };
	if ((rc = cli_filter(ds, &o, &f, &types, &mask)) >= 0) {
		goto done;
	}
	if ((rc = gp_timeline_build(ds, &f, &order, &n)) != GP_OK) {
		rc = cli_error(cli_exit_for(rc), "%s", gp_strerror(rc));
		goto done;
	}
	if ((rc = cli_output_open(&out, o.out)) != CLI_EXIT_OK) {
		goto done;
	}
	/* Colour only for a person at a terminal. */
	const char *term = getenv("TERM");
	topts.color = out.fp == stdout && isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
		      !(term && strcmp(term, "dumb") == 0);
	int wrc = gp_timeline_write(out.fp, ds, order, n, &topts);
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
done:
	free(types);
	free(mask);
	free(order);
	gp_dataset_free(ds);
	return rc;
}
