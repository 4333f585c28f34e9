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
	CLI_EXIT_INVALID = 1,  /* the input is invalid */
	CLI_EXIT_USAGE = 2,    /* unknown option, missing argument, unknown name */
	CLI_EXIT_IO = 3,       /* a file could not be read or written */
	CLI_EXIT_INTERNAL = 4  /* internal failure (out of memory, ...) */
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
	CLI_OPT_JOBS = 1 << 12 /* -j N, --max-event-ids N */
};

typedef struct {
	const char *from, *to, *types, *actors, *format, *as_of, *out, *input_format;
	const char *out_dir, *layout;
	int strict;
	int skip_bad;
	int level;          /* gp_level */
	unsigned min_count; /* 0: keep every edge */
	long top;           /* 0: all */
	unsigned jobs;      /* -j N */
	unsigned top_edges; /* --top-edges N (0: chosen by size) */
	unsigned max_ids;   /* --max-event-ids N (0: all) */
	int max_ids_given;
	int keep_events;    /* the command needs the events, not only the graph */
	int compact_rows;   /* GDELT/ICEWS rows may be kept compactly (no URL, attributes) */
	int graph_only;     /* only the graph is written: events need no title, attributes, URLs */
	char **files;
	int n_files;
} cli_opts;

typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} cli_cmd;

/*
 * Parse argv for a command accepting `allowed`. Returns -1 to go on, or an
 * exit code (0 after --help, 2 on a usage error) to return at once.
 */
int cli_parse(int argc, char **argv, unsigned allowed, const char *usage, cli_opts *o);

/* The gp_input_format named by --input-format (auto, json, jsonl, gdelt, icews), or -1. */
int cli_input_format(const char *name);

/* Load every input into a new dataset, printing diagnostics in file order. Returns an exit code. */
int cli_load(const cli_opts *o, gp_dataset **out, gp_diag_sink *sink);

/*
 * Turn the filter options into a gp_filter. On success the caller frees
 * *types_out and *mask_out. Returns -1 to go on, or an exit code.
 */
int cli_filter(const gp_dataset *ds, const cli_opts *o, gp_filter *f, gp_index **types_out,
	       uint8_t **mask_out);

/* Resolve an actor name as --actor does; -1 on success, else an exit code (printed). */
int cli_resolve_actor(const gp_dataset *ds, const char *name, gp_index *out);

/* Parse a date given on the command line; prints a usage error on failure. */
int cli_date(const char *opt, const char *text, gp_date *out);

/* --as-of: one date, or `today` (UTC), into t; -1 on success, else an exit code (printed). */
int cli_as_of(const char *text, gp_timeline_options *t);

/*
 * Output: "-" or NULL is standard output; a path is written to a temporary
 * file in the same folder and renamed into place by cli_output_close(ok=1),
 * so a failed run never leaves a half-written file.
 */
typedef struct {
	FILE *fp;
	char *path, *tmp;
	int direct; /* not a regular file: written in place */
} cli_output;

int cli_output_open(cli_output *out, const char *path);
/* Returns CLI_EXIT_OK, or CLI_EXIT_IO after printing why. */
int cli_output_close(cli_output *out, int ok);

/* "geopol: MESSAGE" on stderr; returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Map a library status to an exit code. */
int cli_exit_for(int status);

/*
 * Load, filter and build the graph the options ask for. On success *ds_out
 * and *g_out are the caller's (free the graph first). Returns an exit code.
 */
int cli_graph(const cli_opts *o, gp_dataset **ds_out, gp_graph **g_out);

/* --max-event-ids, or its default: all for annotated files, 10 for GDELT/ICEWS rows. */
unsigned cli_max_event_ids(const cli_opts *o);

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

/* The index of a graph format (dot json svg png pdf partial), or -1. */
int cli_graph_format(const char *format);
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

#endif
