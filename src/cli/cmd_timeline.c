/*
 * cmd_timeline.c - `geopol timeline`: the events in chronological order.
 */
#include <stdlib.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol timeline [FILTERS] [--format text|markdown|csv|json|vis|timelinejs|ics]\n"
	"                       [--as-of DATE] [--sources] [-o OUT] FILE...\n"
	"       geopol timeline [FILTERS] --format dot|svg|png|pdf [--level actor|country]\n"
	"                       [--lines A[,A]] [-o OUT] FILE...\n\n"
	"Print every selected event in chronological order, each date shown at the\n"
	"precision it is known (2025-02, ~2025-08, 2024 → ongoing); or draw them as a\n"
	"theme-line chart: one line per actor, each event a box at its date.\n\n"
	"  --format F       text (default), markdown, csv or json; or for other programs:\n"
	"                   vis (vis-timeline), timelinejs (TimelineJS3) or ics (iCalendar),\n"
	"                   where open ends stop at the edge of the events' known time span;\n"
	"                   or the theme-line chart: dot (Graphviz, positions pinned), svg,\n"
	"                   png or pdf (png and pdf need -o or a redirection)\n" CLI_HELP_LEVEL
	"                   (the chart's lines)\n"
	"  --lines A[,A]    the chart's lines, top to bottom (id, name or alias; default:\n"
	"                   the 12 actors of the most events, by first event)\n"
	"  --as-of DATE     mark events past / ongoing / upcoming; deadlines show days left.\n"
	"                   DATE is a day, 'today' (UTC), or a month or year read as its last day\n"
	"  --sources        text: a footnote mark [1] after each title for each of its\n"
	"                   sources, and the numbered references at the end (Markdown\n"
	"                   always has them; CSV and JSON list each event's sources)\n" CLI_HELP_OUT
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

/* The place of "dot" among the formats: the chart's come last. */
#define CHART_FORMATS 7

/* --lines resolved as --actor is, each at the chart's level; -1, or an exit code. */
static int chart_lines(const gp_dataset *ds, const cli_opts *o, gp_index **lines, size_t *n)
{
	int rc = cli_actor_list(ds, "--lines", o->lines, lines, n);
	for (size_t i = 0; rc < 0 && i < *n; i++) {
		(*lines)[i] = gp_graph_map_actor(ds, (*lines)[i], (gp_level)o->level, GP_TIME_MIN);
	}
	return rc;
}

/* The theme-line chart (docs/theme-lines.md). */
static int chart(cli_opts *o, const char *format)
{
	gp_chart_options copts = GP_CHART_OPTIONS_INIT;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	gp_index *order = NULL, *lines = NULL;
	size_t n = 0;
	cli_output out = { 0 };
	int rc;
	if (o->as_of) {
		return cli_error(CLI_EXIT_USAGE, "--as-of is not drawn on the chart");
	}
	if ((rc = cli_binary_to_terminal(o, format)) >= 0) {
		return rc;
	}
	o->compact_rows = GP_ROWS_COMPACT; /* titles, dates and actors only */
	if ((rc = cli_load(o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	if ((o->lines && (rc = chart_lines(ds, o, &lines, &copts.n_lines)) >= 0) ||
	    ((rc = cli_timeline_order(ds, o, &order, &n)) >= 0) ||
	    (rc = cli_output_open(&out, o->out)) != CLI_EXIT_OK) {
		goto done;
	}
	copts.level = o->level;
	copts.lines = lines;
	int wrc = gp_timeline_chart_write(out.fp, ds, order, n, format, &copts);
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc == GP_ERROR) {
		rc = cli_error(CLI_EXIT_INTERNAL, "%s", gp_graph_last_error());
	} else if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
done:
	free(lines);
	free(order);
	gp_dataset_free(ds);
	return rc;
}

int cmd_timeline(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_AS_OF | CLI_OPT_OUT |
				   CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_SKIP_BAD |
				   CLI_OPT_SOURCES | CLI_OPT_LEVEL | CLI_OPT_LINES,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	gp_timeline_options topts = GP_TIMELINE_OPTIONS_INIT;
	/* The order of gp_timeline_format. */
	static const char *const formats[] = { "text", "markdown",   "csv", "json",
					       "vis",  "timelinejs", "ics", /* the chart: */ "dot",
					       "svg",  "png",        "pdf", NULL };
	int k = 0;
	if (o.format && (rc = cli_pick("timeline format", o.format, formats, &k)) >= 0) {
		return rc;
	}
	if (k >= CHART_FORMATS) {
		return chart(&o, formats[k]);
	}
	if ((o.lines || o.level != GP_LEVEL_ACTOR) &&
	    (rc = cli_error(CLI_EXIT_USAGE, "%s is for the chart (--format dot, svg, png or pdf)",
			    o.lines ? "--lines" : "--level")) >= 0) {
		return rc;
	}
	topts.format = k;
	topts.sources = o.sources;
	if (o.as_of && (rc = cli_as_of(o.as_of, &topts)) >= 0) {
		return rc;
	}
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	/*
	 * Plain text and vis show neither URLs nor attributes: rows can be kept
	 * lean (a compact row forgets its URL). Markdown, CSV and text with
	 * --sources list sources: compact rows that keep theirs (2). JSON and
	 * the other formats write attributes: whole rows.
	 */
	int lean =
		(topts.format == GP_TIMELINE_TEXT && !o.sources) || topts.format == GP_TIMELINE_VIS;
	int cited = topts.format == GP_TIMELINE_CSV || topts.format == GP_TIMELINE_MARKDOWN ||
		    topts.format == GP_TIMELINE_TEXT;
	o.compact_rows = lean ? GP_ROWS_COMPACT : cited ? GP_ROWS_WITH_SOURCE : GP_ROWS_WHOLE;
	if ((rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	gp_index *order = NULL;
	size_t n = 0;
	cli_output out = { 0 };
	if ((rc = cli_timeline_order(ds, &o, &order, &n)) >= 0) {
		goto done;
	}
	if ((rc = cli_output_open(&out, o.out)) != CLI_EXIT_OK) {
		goto done;
	}
	topts.color = cli_color(&out);
	int wrc = gp_timeline_write(out.fp, ds, order, n, &topts);
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
done:
	free(order);
	gp_dataset_free(ds);
	return rc;
}
