/*
 * cli.h - the geopol command-line tool: exit codes, shared option parsing,
 * loading inputs with diagnostics on stderr, and atomic output files.
 * Only the CLI prints or exits; it reaches the library through its public API.
 */
#ifndef GEOPOL_CLI_H
#define GEOPOL_CLI_H

#include <stdio.h>

#include "geopol/geopol.h"

/* Exit codes (DESIGN §5). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_INVALID = 1, /* the input is invalid */
	CLI_EXIT_USAGE = 2,   /* unknown option, missing argument, unknown name */
	CLI_EXIT_IO = 3,      /* a file could not be read or written */
	CLI_EXIT_INTERNAL = 4 /* internal failure (out of memory, ...) */
};

/* Which options a command accepts. */
enum {
	CLI_OPT_FILTERS = 1 << 0, /* --from --to --type --actor */
	CLI_OPT_FORMAT = 1 << 1,
	CLI_OPT_AS_OF = 1 << 2,
	CLI_OPT_OUT = 1 << 3,
	CLI_OPT_STRICT = 1 << 4,
	CLI_OPT_INPUT = 1 << 5, /* --input-format */
	CLI_OPT_LEVEL = 1 << 6,
	CLI_OPT_MIN_COUNT = 1 << 7,
	CLI_OPT_TOP = 1 << 8,
	CLI_OPT_OUT_DIR = 1 << 9,
	CLI_OPT_LAYOUT = 1 << 10,
	CLI_OPT_SKIP_BAD = 1 << 11,
	CLI_OPT_JOBS = 1 << 12,        /* -j N */
	CLI_OPT_MAX_IDS = 1 << 13,     /* --max-event-ids N */
	CLI_OPT_SOURCES = 1 << 14,     /* --sources (text timeline footnotes) */
	CLI_OPT_LINES = 1 << 15,       /* --lines A[,A] (the theme-line chart) */
	CLI_OPT_BY = 1 << 16,          /* --by KEY (actors' ranking) */
	CLI_OPT_EVERY = 1 << 17,       /* --every P, --whole (series, dyad) */
	CLI_OPT_TABLE = 1 << 18,       /* --table nodes|dyads (series) */
	CLI_OPT_AT = 1 << 19,          /* --at DATE (geopol diff) */
	CLI_OPT_BETWEENNESS = 1 << 20, /* --betweenness auto|exact|N */
	CLI_OPT_VIEW = 1 << 21         /* --top-edges, --max-events (the viewer's page) */
};

typedef struct {
	const char *from, *to, *types, *actors, *format, *as_of, *out, *input_format;
	const char *out_dir, *layout;
	const char *statuses, *min_grade; /* --status (lists add up), --min-grade */
	const char *sign;                 /* --sign cooperation|conflict (checked by the parser) */
	const char *lines;                /* --lines, repeated ones joined with commas */
	const char *at;                   /* --at DATE (geopol diff) */
	int strict;
	int skip_bad;
	int by;                    /* gp_rank_by */
	const char *every, *table; /* --every, --table (checked by the command) */
	int whole;                 /* --whole */
	int level;                 /* gp_level */
	unsigned min_count;        /* 0: keep every edge */
	long top;                  /* 0: all */
	int top_given;             /* --top was given (diff: its default is 10) */
	unsigned jobs;             /* -j N */
	unsigned top_edges;        /* --top-edges N (0: chosen by size) */
	unsigned max_events;       /* --max-events N (0: the viewer's default) */
	int hubs;                  /* --hubs: 0 auto, 1 always, 2 never */
	uint32_t pivots;           /* --betweenness: gp_graph_options.betweenness_pivots */
	unsigned max_ids;          /* --max-event-ids N (0: all) */
	int max_ids_given;
	int sources;                 /* --sources */
	int keep_events;             /* the command needs the events, not only the graph */
	gp_row_keeping compact_rows; /* GDELT/ICEWS rows may be kept compactly (no URL, attributes) */
	int graph_only;   /* only the graph is written: events need no title, attributes, URLs */
	int nodes_only;   /* only the graph's nodes are written or looked up, not the input's
			     actors: gp_graph_options.collapse_codes */
	int few_sources;  /* the writers read the sources they write: sources_later */
	int no_analytics; /* the output shows no analytics: the graph is built without them */
	char **files;
	int n_files;
} cli_opts;

/*
 * Help text the commands share: each command's --help lists every option it
 * takes (tests/cli/options.sh checks that against the parser).
 */
#define CLI_HELP_FILTERS                                                                           \
	"FILTERS (--type and --actor may be repeated; their lists add up):\n"                      \
	"  --from DATE      events whose latest end is on or after DATE's start\n"                 \
	"  --to DATE        events whose earliest start is on or before DATE's end\n"              \
	"  --type T[,T]     events of these types (see 'geopol types')\n"                          \
	"  --actor A[,A]    events involving these actors (id, name or alias) or any\n"            \
	"                   actor part_of them, as source, target or participant\n"                \
	"  --status S[,S]   events of these statuses: confirmed, reported, claimed,\n"             \
	"                   denied, planned\n"                                                     \
	"  --min-grade G    events graded G (as B2) or better in both reliability\n"               \
	"                   and credibility; ungraded events are left out\n"                       \
	"  --sign S         cooperation (events weighing more than 0) or conflict\n"               \
	"                   (less than 0); neutral events are in neither\n"                        \
	"  --min-count N    graph edges with at least N events (no effect on a timeline)\n"
#define CLI_HELP_INPUT                                                                             \
	"  --strict         treat warnings as errors\n"                                            \
	"  --input-format F read - (or every file) as auto, json, jsonl, gdelt or icews\n"         \
	"  --skip-bad       count and skip malformed GDELT/ICEWS rows\n"
#define CLI_HELP_JOBS "  -j, --jobs N     read plain GDELT/ICEWS files with N threads (1 to 256)\n"
#define CLI_HELP_MAX_IDS                                                                           \
	"  --max-event-ids N  list at most N events per edge, the earliest (default: all\n"        \
	"                   for geopol files, 10 for GDELT/ICEWS; 0: all)\n"
/* The default engine: graph_dot.c's make_plan(). */
#define CLI_HELP_LAYOUT                                                                            \
	"  --layout E       Graphviz engine: dot, neato, fdp, sfdp, circo or twopi;\n"             \
	"                   default by size: dot (country clusters) up to 30 drawn edges\n"        \
	"                   and 60 nodes, neato up to 60 nodes, sfdp beyond\n"                     \
	"  --top-edges N    draw at most N edges, the strongest (default 250); JSON has all\n"     \
	"  --hubs H         auto (default), always or never: draw an event of 3 or more\n"         \
	"                   participants as a small hub joined to each, not as edges\n"            \
	"                   between every pair; auto: when such pairs make over a\n"               \
	"                   third of the edges drawn\n"
/* The viewer's bounds: gp_view_options. */
#define CLI_HELP_VIEW                                                                              \
	"  --top-edges N    the page shows at most N relations, the strongest by count,\n"         \
	"                   with the actors they join (default 250)\n"                             \
	"  --max-events N   the page shows at most N of their events (default 2000), an\n"         \
	"                   equal share of each relation's, spread over its time\n"
#define CLI_HELP_LEVEL                                                                             \
	"  --level L        actor (default) or country: actors replaced by their country\n"
#define CLI_HELP_BETWEENNESS                                                                       \
	"  --betweenness B  auto (default): exact up to about 50 million steps of\n"               \
	"                   work, else estimated from sampled pivots (the JSON gives\n"            \
	"                   their number, seed and error bound); exact; or N pivots\n"
#define CLI_HELP_OUT "  -o, --output F   write to F (atomically); - or none: standard output\n"
#define CLI_HELP_HELP "  -h, --help       show this help\n"

typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} cli_cmd;

/*
 * Parse argv for a command accepting `allowed`. Returns -1 to go on, or an
 * exit code (0 after --help, 2 on a usage error) to return at once. Names
 * (--level, --layout, --input-format), numbers and dates are checked here,
 * before any input is read.
 */
int cli_parse(int argc, char **argv, unsigned allowed, const char *usage, cli_opts *o);
/* Free what cli_parse() kept (repeated --type/--actor joined); main() calls it. */
void cli_release(void);

/*
 * *index = the place of name among the NULL-terminated names (a `what`, as
 * "timeline format"): -1; else a usage error listing them, printed.
 */
int cli_pick(const char *what, const char *name, const char *const *names, int *index);

/* The gp_input_format named by --input-format (auto, json, jsonl, gdelt, icews), or -1. */
int cli_input_format(const char *name);
/* The names of gp_input_format, in its order, NULL-terminated. */
extern const char *const cli_input_formats[];
/* The index of name in the NULL-terminated names, or -1. */
int cli_name_index(const char *name, const char *const *names);

/* Load every input into a new dataset, printing diagnostics in file order. Returns an exit code. */
int cli_load(const cli_opts *o, gp_dataset **out, gp_diag_sink *sink);

/*
 * Turn the filter options into a gp_filter. On success the caller frees
 * *types_out and *mask_out. Returns -1 to go on, or an exit code.
 */
int cli_filter(const gp_dataset *ds, const cli_opts *o, gp_filter *f, gp_index **types_out,
	       uint8_t **mask_out);

/*
 * The events the filter options keep, in timeline order, into *order (the
 * caller frees it) and *n; says so on standard error when none is kept.
 * Returns -1 to go on, or an exit code (printed).
 */
int cli_timeline_order(const gp_dataset *ds, const cli_opts *o, gp_index **order, size_t *n);

/* Resolve an actor name as --actor does; -1 on success, else an exit code (printed). */
int cli_resolve_actor(const gp_dataset *ds, const char *name, gp_index *out);
/*
 * A comma-separated list of actor names (`opt`, as "--lines") resolved as
 * --actor does, into *out (the caller frees it) and *n; -1, or an exit code
 * (printed: an unknown or ambiguous name, or an empty list).
 */
int cli_actor_list(const gp_dataset *ds, const char *opt, const char *list, gp_index **out,
		   size_t *n);

/* Parse a date given on the command line; prints a usage error on failure. */
int cli_date(const char *opt, const char *text, gp_date *out);

/* --as-of: one date, or `today` (UTC), into t; -1 on success, else an exit code (printed). */
int cli_as_of(const char *text, gp_timeline_options *t);

/*
 * Output: "-" or NULL is standard output; a path is written to a temporary
 * file in the same folder (with the mode of the file it replaces), synced
 * to disk and renamed into place by cli_output_close(ok=1), so a failed run
 * never leaves a half-written file. Every failure is told, naming the file.
 */
typedef struct {
	FILE *fp;
	char *path, *tmp;
	int direct;        /* not a regular file: written in place */
	char *bak;         /* the replaced file's backup, while several are put in place */
	int moved, placed; /* the target was renamed to bak; tmp was renamed into place */
} cli_output;

int cli_output_open(cli_output *out, const char *path);
/* Colour only for a person at a terminal: standard output a tty, no NO_COLOR, TERM not dumb. */
int cli_color(const cli_output *out);
/* SIGINT, SIGTERM, SIGHUP remove the temporary outputs, then end the run as they would. */
void cli_catch_interrupts(void);
/* Returns CLI_EXIT_OK, or an exit code after printing why. */
int cli_output_close(cli_output *out, int ok);
/*
 * Close n outputs (some may be unopened: fp NULL) and put them in place all
 * or none (ok=0: none). Returns CLI_EXIT_OK, or an exit code after printing
 * why, with every earlier file as it was.
 */
int cli_output_commit(cli_output *v, size_t n, int ok);
/*
 * main()'s last word on the exit code rc: standard output is flushed, and a
 * failure to write it is told (exit 3). When a pipe's reader left, the
 * process ends by SIGPIPE here, quietly.
 */
int cli_exit(int rc);

/* "geopol: MESSAGE" on stderr; returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Map a library status to an exit code. */
int cli_exit_for(int status);

/*
 * Load, filter and build the graph the options ask for. On success *ds_out
 * and *g_out are the caller's (free the graph first). Returns an exit code.
 */
int cli_graph(const cli_opts *o, gp_dataset **ds_out, gp_graph **g_out);

/* Say on stderr that no event is selected, naming the filters. */
void cli_no_events(const cli_opts *o);
/* A note on standard error when the viewer's page (named page) leaves something out. */
void cli_view_note(const gp_view_shown *s, int level, const char *page);

/* --max-event-ids, or its default: all for annotated files, 10 for GDELT/ICEWS rows. */
unsigned cli_max_event_ids(const cli_opts *o);
/* --hubs as gp_dot_options.hubs: -1 auto, 1 always, 0 never. */
int cli_dot_hubs(const cli_opts *o);

/*
 * The diagnostics of one run, printed in file order (DESIGN §5): by input
 * file in command-line order, then line, then column; in the order found
 * when those are equal. The library finds them pass by pass (unknown actors
 * only once every file is read), so they are held until cli_diags_print().
 */
typedef struct {
	gp_diag_sink *sink;
	char *const *files;
	int n_files;
	struct cli_held *v; /* held diagnostics, in the order found */
	size_t n, cap;
	char *text; /* their messages (and names of files not among `files`) */
	size_t text_n, text_cap;
	int last_file; /* the file of the last diagnostic */
} cli_diags;

/* Point sink at d (strict: `--strict`); files are the inputs as given. */
void cli_diags_start(cli_diags *d, gp_diag_sink *sink, int strict, char *const *files, int n_files);
/* Print what d holds, sorted, and free it; later diagnostics print as found. */
void cli_diags_print(cli_diags *d);

/*
 * Check a graph format (dot json svg png pdf partial gexf graphml cytoscape
 * graphology d3) before any work: -1, or
 * a usage error printed (an unknown name; PNG or PDF for a terminal).
 */
int cli_graph_format(const cli_opts *o, const char *format);
/*
 * Whether a graph format shows the analytics (degrees, PageRank, ...): not
 * the pictures and partial graphs, whose graphs are built without them.
 */
int cli_graph_format_analysed(const char *format);
/* PNG or PDF for a terminal (no -o, no redirection): a usage error printed; else -1. */
int cli_binary_to_terminal(const cli_opts *o, const char *format);
/* Write g to -o (or standard output) in that format. Returns an exit code. */
int cli_write_graph(const cli_opts *o, const gp_graph *g, const char *format);

int cmd_validate(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_types(int argc, char **argv);
int cmd_view(int argc, char **argv);
int cmd_chain(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_dyad(int argc, char **argv);
int cmd_diff(int argc, char **argv);

#endif
