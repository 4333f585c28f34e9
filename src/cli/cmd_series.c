/*
 * cmd_series.c - `geopol series` and `geopol dyad`: the graph window by
 * window (gp_series_build, docs/series.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define SERIES_HELP_EVERY                                                                          \
	"  --every P        the windows: P1M (calendar months, the default), P3M or P1Q\n"         \
	"                   (quarters), P1Y (years); --from and --to bound them\n"                 \
	"  --whole          count an event whole in every window its dates overlap\n"              \
	"                   (default: by the share of its dates in each window)\n"

static const char series_usage[] =
	"usage: geopol series [FILTERS] [--level actor|country] [--every P1M|P3M|P1Y]\n"
	"                     [--whole] [--table nodes|dyads] [--format text|csv|json]\n"
	"                     [-o OUT] FILE...\n\n"
	"The relationship graph window by window: for every calendar window, every\n"
	"node's events, in/out degree, strength (and its cooperation and conflict\n"
	"parts) and PageRank on that window's graph, and every dyad's count,\n"
	"cooperation and conflict. An event belongs to every window its dates\n"
	"overlap, weighted by the share of its dates inside each. With --actor, the\n"
	"rows are those of the actors named and the dyads touching them.\n\n" SERIES_HELP_EVERY
	"  --table T        nodes (default) or dyads, for text and csv; json has both\n"
	"  --format F       text (default), csv or json\n" CLI_HELP_LEVEL CLI_HELP_OUT
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

static const char dyad_usage[] =
	"usage: geopol dyad [FILTERS] [--level actor|country] [--every P1M|P3M|P1Y]\n"
	"                   [--whole] [--format text|csv|json|svg] [-o OUT] A B FILE...\n\n"
	"The cooperation and conflict between two actors window by window: A -> B,\n"
	"B -> A, and A - B (together as participants) apart, every window from\n"
	"their first event to their last (or --from/--to), empty ones included.\n"
	"Text draws a sparkline per relation and sign, then the table; csv and json\n"
	"are for plotting; svg is a line chart. A and B are named like --actor.\n\n" SERIES_HELP_EVERY
	"  --format F       text (default), csv, json or svg\n" CLI_HELP_LEVEL CLI_HELP_OUT
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

/* --actor's actors and what they stand for at the level: the rows series lists. */
static int focus_of(const gp_dataset *ds, const cli_opts *o, uint8_t **out)
{
	gp_index *act = NULL;
	size_t n = 0;
	*out = NULL;
	int rc = cli_actor_list(ds, "--actor", o->actors, &act, &n);
	if (rc >= 0) {
		return rc;
	}
	uint8_t *mask = calloc(gp_dataset_actor_count(ds) + 1, 1);
	if (!mask) {
		free(act);
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		mask[act[i]] = 1;
		mask[gp_graph_map_actor(ds, act[i], o->level, GP_TIME_MIN)] = 1;
	}
	free(act);
	*out = mask;
	return -1;
}

/* Build the series asked and write it; the command's exit code. */
static int run(const cli_opts *o, gp_dataset *ds, gp_series_options *so, int dyad, int format,
	       int table)
{
	gp_filter f;
	gp_index *types = NULL;
	uint8_t *mask = NULL, *focus = NULL;
	gp_series *s = NULL;
	int rc = cli_filter(ds, o, &f, &types, &mask);
	if (rc < 0 && o->actors && !dyad) {
		rc = focus_of(ds, o, &focus);
	}
	if (rc < 0) {
		so->filter = &f;
		so->focus = focus;
		int src = gp_series_build(&s, ds, so);
		if (src != GP_OK) {
			rc = cli_error(cli_exit_for(src), "%s",
				       src == GP_ERROR ? gp_graph_last_error() : gp_strerror(src));
		}
	}
	if (rc < 0) {
		if (gp_series_event_count(s) == 0) {
			cli_no_events(o);
		}
		cli_output out;
		if ((rc = cli_output_open(&out, o->out)) == CLI_EXIT_OK) {
			int wrc;
			if (dyad) {
				wrc = format == 0   ? gp_dyad_write_text(out.fp, s)
				      : format == 1 ? gp_dyad_write_csv(out.fp, s)
				      : format == 2 ? gp_dyad_write_json(out.fp, s)
						    : gp_dyad_write_svg(out.fp, s);
			} else {
				wrc = format == 0   ? gp_series_write_text(out.fp, s, table)
				      : format == 1 ? gp_series_write_csv(out.fp, s, table)
						    : gp_series_write_json(out.fp, s);
			}
			rc = cli_output_close(&out, wrc == GP_OK);
			if (wrc != GP_OK && rc == CLI_EXIT_OK) {
				rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
			}
		}
	}
	gp_series_free(s);
	free(types), free(mask), free(focus);
	return rc;
}

/* Options both commands share: --every, --table; the format's index. -1, or an exit code. */
static int common(const cli_opts *o, gp_series_options *so, const char *const *formats,
		  const char *what, int *format, int *table)
{
	int rc;
	so->level = o->level;
	so->whole = o->whole;
	if (o->every) {
		int e = gp_every_from_name(o->every);
		if (e < 0) {
			return cli_error(CLI_EXIT_USAGE,
					 "--every: '%s' is not a window: P1M (months), P3M or P1Q "
					 "(quarters), or P1Y (years)",
					 o->every);
		}
		so->every = (gp_every)e;
	}
	static const char *const tables[] = { "nodes", "dyads", NULL };
	if (o->table && (rc = cli_pick("series table", o->table, tables, table)) >= 0) {
		return rc;
	}
	if (o->format && (rc = cli_pick(what, o->format, formats, format)) >= 0) {
		return rc;
	}
	return -1;
}

int cmd_series(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT |
				   CLI_OPT_INPUT | CLI_OPT_SKIP_BAD | CLI_OPT_LEVEL |
				   CLI_OPT_EVERY | CLI_OPT_TABLE,
			   series_usage, &o);
	if (rc >= 0) {
		return rc;
	}
	static const char *const formats[] = { "text", "csv", "json", NULL };
	gp_series_options so = GP_SERIES_OPTIONS_INIT;
	int format = 0, table = 0;
	if ((rc = common(&o, &so, formats, "series format", &format, &table)) >= 0) {
		return rc;
	}
	o.compact_rows =
		GP_ROWS_COMPACT; /* GDELT/ICEWS rows: what a series reads of them fits in 48 bytes */
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	if ((rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	rc = run(&o, ds, &so, 0, format, table);
	gp_dataset_free(ds);
	return rc < 0 ? CLI_EXIT_OK : rc;
}

int cmd_dyad(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT |
				   CLI_OPT_INPUT | CLI_OPT_SKIP_BAD | CLI_OPT_LEVEL | CLI_OPT_EVERY,
			   dyad_usage, &o);
	if (rc >= 0) {
		return rc;
	}
	static const char *const formats[] = { "text", "csv", "json", "svg", NULL };
	gp_series_options so = GP_SERIES_OPTIONS_INIT;
	int format = 0, table = 0;
	if ((rc = common(&o, &so, formats, "dyad format", &format, &table)) >= 0) {
		return rc;
	}
	if (o.n_files < 3) {
		cli_error(CLI_EXIT_USAGE, "dyad needs A, B and at least one FILE");
		fputs(dyad_usage, stderr);
		return CLI_EXIT_USAGE;
	}
	const char *a = o.files[0], *b = o.files[1];
	o.files += 2;
	o.n_files -= 2;
	o.compact_rows = GP_ROWS_COMPACT;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	if ((rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	gp_index pa, pb;
	if ((rc = cli_resolve_actor(ds, a, &pa)) < 0 && (rc = cli_resolve_actor(ds, b, &pb)) < 0) {
		/* At country level an actor stands for its country (its first membership). */
		so.pair[0] = gp_graph_map_actor(ds, pa, o.level, GP_TIME_MIN);
		so.pair[1] = gp_graph_map_actor(ds, pb, o.level, GP_TIME_MIN);
		rc = so.pair[0] == so.pair[1]
			     ? cli_error(CLI_EXIT_USAGE, "dyad: '%s' and '%s' are the same %s", a,
					 b, o.level == GP_LEVEL_COUNTRY ? "country" : "actor")
			     : run(&o, ds, &so, 1, format, table);
	}
	gp_dataset_free(ds);
	return rc < 0 ? CLI_EXIT_OK : rc;
}
