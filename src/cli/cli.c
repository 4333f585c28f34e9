/*
 * cli.c - what the commands share: options, loading, filters, output files.
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("geopol: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_exit_for(int status)
{
	switch (status) {
	case GP_OK: return CLI_EXIT_OK;
	case GP_EINVALID: return CLI_EXIT_INVALID;
	case GP_EIO: return CLI_EXIT_IO;
	case GP_ENOTFOUND:
	case GP_EAMBIGUOUS: return CLI_EXIT_USAGE;
	default: return CLI_EXIT_INTERNAL;
	}
}

/* The index of name in the NULL-terminated names, or -1. */
static int name_index(const char *name, const char *const *names)
{
	for (int k = 0; names[k]; k++) {
		if (strcmp(names[k], name) == 0) {
			return k;
		}
	}
	return -1;
}

int cli_pick(const char *what, const char *name, const char *const *names, int *index)
{
	if ((*index = name_index(name, names)) >= 0) {
		return -1;
	}
	/* "unknown timeline format 'yaml' (text, markdown, csv or json)" */
	fprintf(stderr, "geopol: unknown %s '%s' (", what, name);
	for (int k = 0; names[k]; k++) {
		fprintf(stderr, "%s%s", k == 0 ? "" : names[k + 1] ? ", " : " or ", names[k]);
	}
	fputs(")\n", stderr);
	return CLI_EXIT_USAGE;
}

/* The order of gp_input_format. */
static const char *const input_formats[] = { "auto", "json", "jsonl", "gdelt", "icews", NULL };

int cli_input_format(const char *name)
{
	return name_index(name, input_formats);
}

/* The Graphviz engines that draw a relationship graph (osage and patchwork pack, nop needs positions). */
static const char *const layouts[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi", NULL };

/*
 * Repeated --type and --actor add up, as if joined with commas. The joined
 * lists live until cli_release(), which main() calls after the command.
 */
static char *joined[2];

void cli_release(void)
{
	for (size_t i = 0; i < sizeof(joined) / sizeof(joined[0]); i++) {
		free(joined[i]);
		joined[i] = NULL;
	}
}

static int add_list(const char **list, char **owned, const char *item)
{
	if (!*list) {
		*list = item;
		return -1;
	}
	size_t a = strlen(*list), b = strlen(item);
	char *s = malloc(a + b + 2);
	if (!s) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	memcpy(s, *list, a);
	s[a] = ',';
	memcpy(s + a + 1, item, b + 1);
	free(*owned);
	*list = *owned = s;
	return -1;
}

/* A whole number for `name`, from min to max: -1, or a usage error saying which bound it misses. */
static int parse_count(const char *name, const char *text, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0') {
		return cli_error(CLI_EXIT_USAGE, "%s needs a whole number, not '%s'", name, text);
	}
	if (v < 0) {
		return cli_error(CLI_EXIT_USAGE, "%s must not be negative (got %s)", name, text);
	}
	if (v < min) {
		return cli_error(CLI_EXIT_USAGE, "%s must be at least %ld (got %s)", name, min, text);
	}
	if (errno == ERANGE || v > max) {
		return cli_error(CLI_EXIT_USAGE, "%s is too large (at most %ld, got %s)", name, max, text);
	}
	*out = v;
	return -1;
}

static int not_here(const char *cmd, const char *option)
{
	return cli_error(CLI_EXIT_USAGE, "option '%s' does not apply to 'geopol %s'", option, cmd);
}

/* Is `name` (len bytes) exactly the name of one of opts (ending in a zeroed entry, or n long)? */
static const struct option *named(const char *name, size_t len, const struct option *opts, size_t n)
{
	for (size_t i = 0; i < n && opts[i].name; i++) {
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) {
			return &opts[i];
		}
	}
	return NULL;
}

/*
 * getopt_long takes a unique prefix of an option, but not the full name of
 * another command's option: `merge --to X` is not `--top-edges X`. text is
 * the word the option was given as. -1, or a usage error printed.
 */
static int other_option(const char *cmd, const char *text, const struct option *longopts,
			const struct option *all, size_t n_all)
{
	const char *name = text + strspn(text, "-");
	size_t len = strcspn(name, "=");
	const struct option *other = NULL;
	if (strncmp(text, "--", 2) == 0 && !named(name, len, longopts, n_all) &&
	    (other = named(name, len, all, n_all))) {
		char option[64];
		snprintf(option, sizeof(option), "--%s", other->name);
		return not_here(cmd, option);
	}
	return -1;
}

/*
 * getopt_long says only '?' for an option it cannot take. Tell the user
 * why: an abbreviation of several options (naming them), an argument given
 * to an option without one, or an option of another command.
 */
static void bad_option(const char *cmd, const char *arg, int short_opt, const struct option *longopts,
		       const struct option *all, size_t n_all)
{
	if (short_opt) {
		if (short_opt == 'o' || short_opt == 'j') {
			not_here(cmd, short_opt == 'o' ? "-o" : "-j");
		} else {
			cli_error(CLI_EXIT_USAGE, "unknown option '-%c'", short_opt);
		}
		return;
	}
	const char *name = arg + strspn(arg, "-");
	size_t len = strcspn(name, "=");
	const struct option *hit = NULL;
	int n = 0;
	for (const struct option *lo = longopts; lo->name; lo++) {
		if (strncmp(lo->name, name, len) == 0) {
			if (strlen(lo->name) == len) { /* an exact name is never ambiguous */
				hit = lo, n = 1;
				break;
			}
			hit = hit ? hit : lo, n++;
		}
	}
	if (n > 1) {
		fprintf(stderr, "geopol: option '--%.*s' is ambiguous; it could be", (int)len, name);
		int k = 0;
		for (const struct option *lo = longopts; lo->name; lo++) {
			if (strncmp(lo->name, name, len) == 0) {
				fprintf(stderr, "%s--%s", k == 0 ? " " : k == n - 1 ? " or " : ", ", lo->name);
				k++;
			}
		}
		fputc('\n', stderr);
	} else if (n == 1 && name[len] == '=' && hit->has_arg == no_argument) {
		cli_error(CLI_EXIT_USAGE, "option '--%s' takes no argument", hit->name);
	} else if (other_option(cmd, arg, longopts, all, n_all) < 0) {
		cli_error(CLI_EXIT_USAGE, "unknown option '%s'", arg);
	}
}

/* Dates are checked before any input is read; --from after --to is surely a slip. */
static int check_dates(const cli_opts *o)
{
	gp_date from = { 0 }, to = { 0 };
	gp_timeline_options as_of = GP_TIMELINE_OPTIONS_INIT;
	int rc;
	if ((o->from && (rc = cli_date("--from", o->from, &from)) >= 0) ||
	    (o->to && (rc = cli_date("--to", o->to, &to)) >= 0) ||
	    (o->as_of && (rc = cli_as_of(o->as_of, &as_of)) >= 0)) {
		return rc;
	}
	if (o->from && o->to && from.start > to.end) {
		return cli_error(CLI_EXIT_USAGE, "--from %s begins after --to %s ends (swapped?)", o->from, o->to);
	}
	return -1;
}

int cli_parse(int argc, char **argv, unsigned allowed, const char *usage, cli_opts *o)
{
	enum { O_FROM = 256, O_TO, O_TYPE, O_ACTOR, O_FORMAT, O_AS_OF, O_STRICT, O_INPUT, O_HELP,
	       O_LEVEL, O_MIN_COUNT, O_TOP, O_OUT_DIR, O_LAYOUT, O_SKIP_BAD, O_MAX_IDS, O_TOP_EDGES };
	static const struct {
		struct option opt;
		unsigned group;
	} table[] = {
		{ { "from", required_argument, NULL, O_FROM }, CLI_OPT_FILTERS },
		{ { "to", required_argument, NULL, O_TO }, CLI_OPT_FILTERS },
		{ { "type", required_argument, NULL, O_TYPE }, CLI_OPT_FILTERS },
		{ { "actor", required_argument, NULL, O_ACTOR }, CLI_OPT_FILTERS },
		{ { "format", required_argument, NULL, O_FORMAT }, CLI_OPT_FORMAT },
		{ { "as-of", required_argument, NULL, O_AS_OF }, CLI_OPT_AS_OF },
		{ { "output", required_argument, NULL, 'o' }, CLI_OPT_OUT },
		{ { "strict", no_argument, NULL, O_STRICT }, CLI_OPT_STRICT },
		{ { "input-format", required_argument, NULL, O_INPUT }, CLI_OPT_INPUT },
		{ { "level", required_argument, NULL, O_LEVEL }, CLI_OPT_LEVEL },
		/* DESIGN §6 lists --min-count among FILTERS: every command with filters takes it. */
		{ { "min-count", required_argument, NULL, O_MIN_COUNT }, CLI_OPT_FILTERS | CLI_OPT_MIN_COUNT },
		{ { "top", required_argument, NULL, O_TOP }, CLI_OPT_TOP },
		{ { "out-dir", required_argument, NULL, O_OUT_DIR }, CLI_OPT_OUT_DIR },
		{ { "layout", required_argument, NULL, O_LAYOUT }, CLI_OPT_LAYOUT },
		{ { "top-edges", required_argument, NULL, O_TOP_EDGES }, CLI_OPT_LAYOUT },
		{ { "skip-bad", no_argument, NULL, O_SKIP_BAD }, CLI_OPT_SKIP_BAD },
		{ { "jobs", required_argument, NULL, 'j' }, CLI_OPT_JOBS },
		{ { "max-event-ids", required_argument, NULL, O_MAX_IDS }, CLI_OPT_MAX_IDS },
		{ { "help", no_argument, NULL, O_HELP }, 0 },
	};
	enum { N_TABLE = sizeof(table) / sizeof(table[0]) };
	struct option longopts[N_TABLE + 1], all[N_TABLE];
	size_t n = 0;
	for (size_t i = 0; i < N_TABLE; i++) {
		all[i] = table[i].opt;
		if (!table[i].group || (table[i].group & allowed)) {
			longopts[n++] = table[i].opt;
		}
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	optind = 0; /* glibc: a full re-initialisation, as each command parses anew */
	opterr = 0;
	int c, rc, li = -1;
	long v = 0;
	/* No '+': options may follow files (`geopol timeline x.json --format csv`). */
	const char *shortopts = (allowed & CLI_OPT_OUT) ? ((allowed & CLI_OPT_JOBS) ? ":o:j:h" : ":o:h")
				: ((allowed & CLI_OPT_JOBS) ? ":j:h" : ":h");
	while ((c = getopt_long(argc, argv, shortopts, longopts, &li)) != -1) {
		const char *count_name = NULL;
		/* The option's own word: before its argument when that came separately. */
		const char *word = argv[optarg && optarg == argv[optind - 1] ? optind - 2 : optind - 1];
		if ((li >= 0 || c == ':') && (rc = other_option(argv[0], word, longopts, all, N_TABLE)) >= 0) {
			return rc;
		}
		li = -1;
		long count_min = 0, count_max = 1000000000;
		switch (c) {
		case O_FROM: o->from = optarg; break;
		case O_TO: o->to = optarg; break;
		case O_TYPE:
			if ((rc = add_list(&o->types, &joined[0], optarg)) >= 0) {
				return rc;
			}
			break;
		case O_ACTOR:
			if ((rc = add_list(&o->actors, &joined[1], optarg)) >= 0) {
				return rc;
			}
			break;
		case O_FORMAT: o->format = optarg; break;
		case O_AS_OF: o->as_of = optarg; break;
		case 'o': o->out = optarg; break;
		case O_STRICT: o->strict = 1; break;
		case O_INPUT:
			if ((rc = cli_pick("input format", optarg, input_formats, &(int){ 0 })) >= 0) {
				return rc;
			}
			o->input_format = optarg;
			break;
		case O_LEVEL: {
			static const char *const levels[] = { "actor", "country", NULL };
			int k;
			if ((rc = cli_pick("level", optarg, levels, &k)) >= 0) {
				return rc;
			}
			o->level = k == 0 ? GP_LEVEL_ACTOR : GP_LEVEL_COUNTRY;
			break;
		}
		case O_MIN_COUNT: count_name = "--min-count"; break;
		case O_TOP: count_name = "--top"; break;
		case O_MAX_IDS: count_name = "--max-event-ids"; break;
		case O_TOP_EDGES: count_name = "--top-edges"; break;
		case 'j': count_name = "-j", count_min = 1, count_max = 256; break;
		case O_OUT_DIR: o->out_dir = optarg; break;
		case O_LAYOUT:
			/* Checked here: Graphviz would fail late, and DOT would name the engine unchecked. */
			if ((rc = cli_pick("layout engine", optarg, layouts, &(int){ 0 })) >= 0) {
				return rc;
			}
			o->layout = optarg;
			break;
		case O_SKIP_BAD: o->skip_bad = 1; break;
		case 'h':
		case O_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
		case ':':
			cli_error(CLI_EXIT_USAGE, "option '%s' needs an argument", argv[optind - 1]);
			fprintf(stderr, "%s", usage);
			return CLI_EXIT_USAGE;
		default:
			bad_option(argv[0], argv[optind - 1], optopt < 256 ? optopt : 0, longopts, all, N_TABLE);
			fprintf(stderr, "%s", usage);
			return CLI_EXIT_USAGE;
		}
		if (!count_name) {
			continue;
		}
		if ((rc = parse_count(count_name, optarg, count_min, count_max, &v)) >= 0) {
			return rc;
		}
		switch (c) {
		case O_MIN_COUNT: o->min_count = (unsigned)v; break;
		case O_TOP: o->top = v; break;
		case O_TOP_EDGES: o->top_edges = (unsigned)v; break;
		case 'j': o->jobs = (unsigned)v; break;
		default: o->max_ids = (unsigned)v, o->max_ids_given = 1; break;
		}
	}
	o->files = argv + optind;
	o->n_files = argc - optind;
	return check_dates(o);
}

/* Diagnostics as a compiler prints them, so editors can jump to them. */
static void put_diag(gp_severity severity, const char *file, unsigned long line,
		     unsigned long column, const char *message)
{
	const char *sev = severity == GP_SEV_ERROR ? "error" : "warning";
	if (line) {
		fprintf(stderr, "%s:%lu:%lu: %s: %s\n", file, line, column, sev, message);
	} else {
		fprintf(stderr, "%s: %s: %s\n", file, sev, message);
	}
}

static void print_diag(const gp_diag *d, void *userdata)
{
	(void)userdata;
	put_diag(d->severity, d->file, d->line, d->column, d->message);
}

/*
 * Held diagnostics are bounded: past 100,000 of them, or 8 MB of text, the
 * ones held are printed sorted and the rest as found. Only a machine-written
 * or wholesale broken input has that many, and its first 100,000 problems
 * in order say enough; memory stays small whatever the input.
 */
enum { HELD_MAX = 100000, HELD_TEXT_MAX = 8 << 20 };

struct cli_held {
	size_t seq;         /* finding order, for ties */
	size_t message;     /* offset in text */
	size_t name;        /* offset in text of the file name, when file == n_files */
	unsigned long line; /* 0 (file-level) sorts first in its file */
	unsigned long column;
	int file; /* index in files; n_files when not one of them */
	gp_severity severity;
};

/* A file's place: its first occurrence among the inputs (a file given twice
 * is one place), or after them all for a name that is none of them. */
static int file_index(cli_diags *d, const char *name)
{
	/* Diagnostics come in runs from one file: try the last one first. */
	if (d->last_file < d->n_files && strcmp(d->files[d->last_file], name) == 0) {
		return d->last_file;
	}
	int k = 0;
	while (k < d->n_files && strcmp(d->files[k], name) != 0) {
		k++;
	}
	d->last_file = k < d->n_files ? k : d->last_file;
	return k;
}

/* Append s and its NUL to d->text; the offset, or (size_t)-1 when full. */
static size_t hold_text(cli_diags *d, const char *s)
{
	size_t len = strlen(s) + 1, at = d->text_n;
	if (at + len > HELD_TEXT_MAX) {
		return (size_t)-1;
	}
	if (at + len > d->text_cap) {
		size_t cap = d->text_cap ? d->text_cap : 4096;
		while (cap < at + len) {
			cap *= 2;
		}
		char *t = realloc(d->text, cap);
		if (!t) {
			return (size_t)-1;
		}
		d->text = t;
		d->text_cap = cap;
	}
	memcpy(d->text + at, s, len);
	d->text_n += len;
	return at;
}

static int held_cmp(const void *pa, const void *pb)
{
	const struct cli_held *a = pa, *b = pb;
	if (a->file != b->file) {
		return a->file < b->file ? -1 : 1;
	}
	if (a->line != b->line) {
		return a->line < b->line ? -1 : 1;
	}
	if (a->column != b->column) {
		return a->column < b->column ? -1 : 1;
	}
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void hold_diag(const gp_diag *g, void *userdata)
{
	cli_diags *d = userdata;
	struct cli_held h = { .seq = d->n, .line = g->line, .column = g->column,
			      .file = file_index(d, g->file), .severity = g->severity };
	size_t text_n = d->text_n;
	int ok = d->n < HELD_MAX;
	if (ok && d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct cli_held *v = realloc(d->v, cap * sizeof(*v));
		ok = v != NULL;
		if (ok) {
			d->v = v;
			d->cap = cap;
		}
	}
	ok = ok && (h.message = hold_text(d, g->message)) != (size_t)-1;
	ok = ok && (h.file < d->n_files || (h.name = hold_text(d, g->file)) != (size_t)-1);
	if (!ok) {
		/* Full (or out of memory): print what is held; the sink then prints as found. */
		d->text_n = text_n;
		cli_diags_print(d);
		print_diag(g, NULL);
		return;
	}
	d->v[d->n++] = h;
}

void cli_diags_start(cli_diags *d, gp_diag_sink *sink, int strict, char *const *files, int n_files)
{
	memset(d, 0, sizeof(*d));
	d->sink = sink;
	d->files = files;
	d->n_files = n_files;
	sink->fn = hold_diag;
	sink->userdata = d;
	sink->strict = strict;
}

void cli_diags_print(cli_diags *d)
{
	if (d->n) {
		qsort(d->v, d->n, sizeof(*d->v), held_cmp);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct cli_held *h = &d->v[i];
		const char *file = h->file < d->n_files ? d->files[h->file] : d->text + h->name;
		put_diag(h->severity, file, h->line, h->column, d->text + h->message);
	}
	free(d->v);
	free(d->text);
	d->v = NULL;
	d->text = NULL;
	d->n = d->cap = d->text_n = d->text_cap = 0;
	d->sink->fn = print_diag;
	d->sink->userdata = NULL;
}

static int can_stream(const cli_opts *o);
typedef struct {
	const gp_dataset *ds;
	gp_index *v;
	size_t n;
} index_list;
static int each_item(const char *list, int (*fn)(const char *item, void *ctx), void *ctx);
static int add_type(const char *name, void *ctx);

static void report_skipped(const gp_dataset *ds)
{
	uint64_t n = gp_dataset_skipped_rows(ds);
	if (n) {
		fprintf(stderr, "geopol: skipped %llu malformed row%s (--skip-bad)\n",
			(unsigned long long)n, n == 1 ? "" : "s");
	}
}

int cli_load(const cli_opts *o, gp_dataset **out, gp_diag_sink *sink)
{
	gp_dataset *ds = NULL;
	int rc = gp_dataset_new(&ds), io = 0, status;
	cli_diags diags;
	*out = NULL;
	if (rc != GP_OK) {
		return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
	}
	if (o->n_files == 0) {
		gp_dataset_free(ds);
		return cli_error(CLI_EXIT_USAGE, "no input files (give FILE..., or - for standard input)");
	}
	gp_input_format fmt = o->input_format ? (gp_input_format)cli_input_format(o->input_format)
					      : GP_INPUT_AUTO;
	gp_dataset_set_skip_bad(ds, o->skip_bad);
	gp_dataset_set_brief_events(ds, o->graph_only);
	gp_index *pre_types = NULL;
	if (o->compact_rows) {
		/* Rows outside --from/--to/--type are not even kept (types: built-in ones). */
		gp_filter pre = GP_FILTER_INIT;
		gp_date d;
		if (o->from && gp_date_parse(&d, o->from, strlen(o->from), NULL) == 0) {
			pre.has_from = 1, pre.from = d.start;
		}
		if (o->to && gp_date_parse(&d, o->to, strlen(o->to), NULL) == 0) {
			pre.has_to = 1, pre.to = d.end;
		}
		if (o->types && can_stream(o)) {
			index_list l = { ds, NULL, 0 };
			/* Known names only: can_stream said they all are built in. */
			if (each_item(o->types, add_type, &l) < 0 && l.n) {
				pre.types = pre_types = l.v;
				pre.n_types = l.n;
			} else {
				free(l.v);
			}
		}
		gp_dataset_set_compact_rows(ds, 1, &pre);
	}
	cli_diags_start(&diags, sink, o->strict, o->files, o->n_files);
	for (int i = 0; i < o->n_files; i++) {
		rc = gp_dataset_load_file(ds, o->files[i], fmt, sink);
		if (rc == GP_EIO) {
			io = 1;
		} else if (rc != GP_OK && rc != GP_EINVALID) {
			cli_diags_print(&diags);
			gp_dataset_free(ds);
			free(pre_types);
			return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
		}
	}
	rc = gp_dataset_finish(ds, sink);
	cli_diags_print(&diags);
	report_skipped(ds);
	free(pre_types);
	if (rc != GP_OK && rc != GP_EINVALID) {
		gp_dataset_free(ds);
		return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
	}
	status = io ? CLI_EXIT_IO : sink->errors ? CLI_EXIT_INVALID : CLI_EXIT_OK;
	if (status != CLI_EXIT_OK) {
		gp_dataset_free(ds);
		return status;
	}
	*out = ds;
	return CLI_EXIT_OK;
}

int cli_date(const char *opt, const char *text, gp_date *out)
{
	gp_date_error err;
	if (gp_date_parse(out, text, strlen(text), &err)) {
		return cli_error(CLI_EXIT_USAGE, "%s: %s", opt, err.message);
	}
	return -1;
}

int cli_as_of(const char *text, gp_timeline_options *t)
{
	/* `today` is the current day in UTC, written out so that outputs say which. */
	static char today[16];
	int rc;
	if (strcmp(text, "today") == 0) {
		time_t now = time(NULL);
		struct tm tm;
		if (now == (time_t)-1 || !gmtime_r(&now, &tm) ||
		    strftime(today, sizeof(today), "%Y-%m-%d", &tm) == 0) {
			return cli_error(CLI_EXIT_INTERNAL, "--as-of today: the system clock cannot be read");
		}
		text = today;
	}
	if ((rc = cli_date("--as-of", text, &t->as_of)) >= 0) {
		return rc;
	}
	if (t->as_of.flags & GP_DATE_INTERVAL) {
		return cli_error(CLI_EXIT_USAGE, "--as-of: '%s' is an interval; give one date (a day, or a "
				 "month or year, read as its last day), or 'today'", text);
	}
	t->has_as_of = 1;
	t->as_of_text = text;
	return -1;
}

/* Split "a,b,c" in place-free fashion: calls fn for each non-empty item. */
static int each_item(const char *list, int (*fn)(const char *item, void *ctx), void *ctx)
{
	const char *p = list;
	char item[512];
	while (*p) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n >= sizeof(item)) {
			return cli_error(CLI_EXIT_USAGE, "name too long in '%s'", list);
		}
		memcpy(item, p, n);
		item[n] = '\0';
		if (n) {
			int rc = fn(item, ctx);
			if (rc >= 0) {
				return rc;
			}
		}
		p += n + (q != NULL);
	}
	return -1;
}

static int add_index(index_list *l, gp_index x)
{
	gp_index *nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
	if (!nv) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	l->v = nv;
	l->v[l->n++] = x;
	return -1;
}

static int add_type(const char *name, void *ctx)
{
	index_list *l = ctx;
	gp_index t = gp_dataset_find_type(l->ds, name);
	if (t == GP_NONE) {
		const char *best = gp_dataset_closest_type(l->ds, name);
		if (best) {
			return cli_error(CLI_EXIT_USAGE,
					 "--type: unknown event type '%s' (did you mean '%s'?); see 'geopol types'",
					 name, best);
		}
		return cli_error(CLI_EXIT_USAGE, "--type: unknown event type '%s'; see 'geopol types'", name);
	}
	return add_index(l, t);
}

int cli_resolve_actor(const gp_dataset *ds, const char *name, gp_index *out)
{
	gp_index *cands = NULL;
	size_t nc = 0;
	int rc = gp_dataset_resolve_actor(ds, name, out, &cands, &nc);
	if (rc == GP_OK) {
		return -1;
	}
	if (rc == GP_ENOMEM) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	if (rc == GP_EAMBIGUOUS) {
		cli_error(CLI_EXIT_USAGE, "actor name '%s' is ambiguous; it could be:", name);
	} else if (nc) {
		cli_error(CLI_EXIT_USAGE, "unknown actor '%s'; did you mean:", name);
	} else {
		cli_error(CLI_EXIT_USAGE, "unknown actor '%s' (no id, name or alias matches)", name);
	}
	for (size_t i = 0; i < nc; i++) {
		const gp_actor *ac = gp_dataset_actor(ds, cands[i]);
		fprintf(stderr, "  %-20s %s (%s)\n", ac->id, ac->name, gp_actor_kind_name(ac->kind));
	}
	free(cands);
	return CLI_EXIT_USAGE;
}

static int add_actor(const char *name, void *ctx)
{
	index_list *l = ctx;
	gp_index a;
	int rc = cli_resolve_actor(l->ds, name, &a);
	return rc >= 0 ? rc : add_index(l, a);
}

int cli_filter(const gp_dataset *ds, const cli_opts *o, gp_filter *f, gp_index **types_out,
	       uint8_t **mask_out)
{
	gp_filter init = GP_FILTER_INIT;
	gp_date d;
	int rc;
	*f = init;
	*types_out = NULL;
	*mask_out = NULL;
	if (o->from) {
		if ((rc = cli_date("--from", o->from, &d)) >= 0) {
			return rc;
		}
		f->has_from = 1;
		f->from = d.start;
	}
	if (o->to) {
		if ((rc = cli_date("--to", o->to, &d)) >= 0) {
			return rc;
		}
		f->has_to = 1;
		f->to = d.end;
	}
	if (o->types) {
		index_list l = { ds, NULL, 0 };
		if ((rc = each_item(o->types, add_type, &l)) >= 0) {
			free(l.v);
			return rc;
		}
		*types_out = l.v;
		f->types = l.v;
		f->n_types = l.n;
		if (!l.n) {
			return cli_error(CLI_EXIT_USAGE, "--type: no type given");
		}
	}
	if (o->actors) {
		index_list l = { ds, NULL, 0 };
		if ((rc = each_item(o->actors, add_actor, &l)) >= 0) {
			free(l.v);
			return rc;
		}
		if (!l.n) {
			return cli_error(CLI_EXIT_USAGE, "--actor: no actor given");
		}
		rc = gp_filter_actor_mask(ds, l.v, l.n, mask_out);
		free(l.v);
		if (rc != GP_OK) {
			return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
		}
		f->actor_mask = *mask_out;
	}
	return -1;
}

/* ------------------------------------------------------------------ output */

/* Standard output's failure was dealt with (reported, or its reader gone). */
static int stdout_failed;
/* A pipe's reader left: the run ends quietly by SIGPIPE (cli_exit). */
static int reader_left;

/* Did the reader of fd go away? EPIPE says so; when errno was since
 * overwritten, a pipe or socket without a reader still polls as broken. */
static int reader_gone(int fd, int err)
{
	struct stat st;
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	return err == EPIPE || (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) &&
				poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)));
}

/* "cannot write 'PATH': why" (path NULL: standard output); returns CLI_EXIT_IO. */
static int cannot_write(const char *path, int err)
{
	const char *why = err ? strerror(err) : "write error";
	if (!path) {
		return cli_error(CLI_EXIT_IO, "cannot write to standard output: %s", why);
	}
	return cli_error(CLI_EXIT_IO, "cannot write '%s': %s", path, why);
}

/* Flush standard output; a failure is reported once, and not when its reader left. */
static int stdout_flush(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno; /* a failed fflush's, or the failed write's before it */
	if (!failed) {
		return CLI_EXIT_OK;
	}
	if (!stdout_failed) {
		stdout_failed = 1;
		if (reader_gone(STDOUT_FILENO, err)) {
			reader_left = 1;
		} else {
			cannot_write(NULL, err);
		}
	}
	return CLI_EXIT_IO;
}

int cli_exit(int rc)
{
	int out = stdout_flush();
	if (reader_left) {
		/*
		 * End as cat, jq or git do when their reader leaves: killed by
		 * SIGPIPE, without a word (status 141 in the shell), also when
		 * SIGPIPE came ignored. main() ignores it so that each write fails
		 * with EPIPE instead, temporary files are removed and memory freed.
		 */
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGPIPE);
		signal(SIGPIPE, SIG_DFL);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		raise(SIGPIPE);
	}
	return rc != CLI_EXIT_OK ? rc : out;
}

/*
 * Temporary files that exist now, for an interrupt (Ctrl-C, kill, a closed
 * terminal) to remove before the process dies: unlink() is safe in a
 * signal handler, and a slot is set only once its name is complete and
 * cleared before the name is freed. A name already renamed into place is
 * gone, and unlinking it again does nothing.
 */
enum { TRACKED_MAX = 16 };
static char *volatile tracked[TRACKED_MAX];

static void track(char *tmp, int on)
{
	for (int i = 0; i < TRACKED_MAX; i++) {
		if (on ? tracked[i] == NULL : tracked[i] == tmp) {
			tracked[i] = on ? tmp : NULL;
			return;
		}
	}
}

static void on_interrupt(int sig)
{
	for (int i = 0; i < TRACKED_MAX; i++) {
		if (tracked[i]) {
			unlink(tracked[i]);
		}
	}
	signal(sig, SIG_DFL);
	raise(sig); /* the status says which signal ended the run */
}

void cli_catch_interrupts(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_interrupt;
		sigemptyset(&sa.sa_mask);
		/* A signal ignored when geopol started (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
			sigaction(sigs[i], &sa, NULL);
		}
	}
}

static void output_free(cli_output *out)
{
	track(out->tmp, 0);
	free(out->path);
	free(out->tmp);
	free(out->bak);
	memset(out, 0, sizeof(*out));
}

/* The mode of a new output: the replaced file's, or what creat() would give. */
static mode_t output_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		return st.st_mode & 0777;
	}
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int cli_output_open(cli_output *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	if (!path || strcmp(path, "-") == 0) {
		out->fp = stdout;
		return CLI_EXIT_OK;
	}
	/*
	 * Only a regular file (or a new one) is replaced atomically. A FIFO, a
	 * device (/dev/stdout) or a terminal is written directly; a symbolic
	 * link is followed, and its target replaced.
	 */
	struct stat st;
	char *real = NULL;
	out->direct = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	if (!out->direct && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
	}
	out->path = strdup(real ? real : path);
	free(real);
	size_t n = out->path ? strlen(out->path) + 16 : 0;
	out->tmp = out->direct || !out->path ? NULL : malloc(n);
	if (!out->path || (!out->direct && !out->tmp)) {
		output_free(out);
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	if (out->direct) {
		if (!(out->fp = fopen(out->path, "w"))) {
			int rc = cannot_write(out->path, errno);
			output_free(out);
			return rc;
		}
		return CLI_EXIT_OK;
	}
	/* The temporary file sits beside the target, so rename() stays on one file system. */
	snprintf(out->tmp, n, "%s.tmp.XXXXXX", out->path);
	int fd = mkstemp(out->tmp), rc = CLI_EXIT_OK;
	if (fd >= 0) {
		track(out->tmp, 1);
	}
	if (fd < 0) {
		rc = cannot_write(out->path, errno);
		free(out->tmp);
		out->tmp = NULL; /* not created: nothing to remove */
	} else if (fchmod(fd, output_mode(out->path)) != 0) {
		rc = cli_error(CLI_EXIT_IO, "cannot set the permissions of '%s': %s", out->path, strerror(errno));
	} else if (!(out->fp = fdopen(fd, "w"))) {
		rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	if (rc != CLI_EXIT_OK) {
		if (fd >= 0) {
			close(fd);
			unlink(out->tmp);
		}
		output_free(out);
	}
	return rc;
}

/*
 * Write out what an output holds and close it: flushed, and for a file to
 * be renamed into place (sync), on disk before the rename, so that a crash
 * never leaves the new name on a file whose data was not written. Returns
 * 0 or the errno of the first failure; *gone: a pipe's reader left.
 */
static int output_finish(cli_output *out, int sync, int *gone)
{
	int err = 0;
	if (fflush(out->fp) != 0 || ferror(out->fp)) {
		err = errno ? errno : EIO;
		*gone = out->direct && reader_gone(fileno(out->fp), err);
	} else if (sync && !out->direct && fsync(fileno(out->fp)) != 0) {
		err = errno;
	}
	if (fclose(out->fp) != 0 && !err) {
		err = errno;
	}
	out->fp = NULL;
	return err;
}

/*
 * Put the finished temporary files in place, all or none. POSIX renames
 * one file atomically, not several; so before the first rename, every
 * existing target but the last gets a backup name: a hard link (the target
 * stays in place meanwhile), or where the file system has none, the target
 * itself is renamed to it. When a rename fails, the ones before it are
 * undone from the backups (a target that did not exist is removed again).
 * Only a crash during the renames themselves, or a failing undo (said so,
 * naming the backup kept), can leave some files new and some old; each
 * file is still whole. Returns an exit code.
 */
static int output_place(cli_output *v, size_t n)
{
	int rc = CLI_EXIT_OK;
	size_t last = 0;
	for (size_t i = 0; i < n; i++) {
		last = v[i].tmp ? i : last;
	}
	for (size_t i = 0; rc == CLI_EXIT_OK && i < last; i++) {
		struct stat st;
		if (!v[i].tmp || lstat(v[i].path, &st) != 0) {
			continue; /* a new file: undone by removing it */
		}
		size_t len = strlen(v[i].tmp) + 5;
		if (!(v[i].bak = malloc(len))) {
			rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
			break;
		}
		snprintf(v[i].bak, len, "%s.old", v[i].tmp);
		if (link(v[i].path, v[i].bak) != 0) {
			v[i].moved = errno != EEXIST && rename(v[i].path, v[i].bak) == 0;
			if (!v[i].moved) {
				rc = cannot_write(v[i].path, errno);
				free(v[i].bak);
				v[i].bak = NULL;
			}
		}
	}
	for (size_t i = 0; rc == CLI_EXIT_OK && i < n; i++) {
		if (v[i].tmp && rename(v[i].tmp, v[i].path) != 0) {
			rc = cannot_write(v[i].path, errno);
		} else if (v[i].tmp) {
			track(v[i].tmp, 0);
			free(v[i].tmp);
			v[i].tmp = NULL; /* in place */
			v[i].placed = 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		int undo = rc != CLI_EXIT_OK && (v[i].placed || v[i].moved);
		if (undo && v[i].bak && rename(v[i].bak, v[i].path) != 0) {
			cli_error(CLI_EXIT_IO, "cannot put the earlier '%s' back (it is kept as '%s'): %s",
				  v[i].path, v[i].bak, strerror(errno));
		} else if (undo && !v[i].bak && unlink(v[i].path) != 0) {
			cli_error(CLI_EXIT_IO, "cannot remove the new '%s': %s", v[i].path, strerror(errno));
		} else if (!undo && v[i].bak && unlink(v[i].bak) != 0) {
			cli_error(CLI_EXIT_IO, "warning: cannot remove '%s': %s", v[i].bak, strerror(errno));
		}
	}
	return rc;
}

/*
 * The renames are entries of the folder: synced too, so that after a crash
 * the new names hold. Best effort: some file systems cannot sync a folder,
 * and the files themselves were synced already.
 */
static void sync_folder(const char *path)
{
	char *dir = strdup(path);
	if (!dir) {
		return;
	}
	char *slash = strrchr(dir, '/');
	const char *name = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	int fd = open(name, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int cli_output_commit(cli_output *v, size_t n, int ok)
{
	int rc = CLI_EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		if (v[i].fp == stdout) {
			v[i].fp = NULL;
			rc = rc != CLI_EXIT_OK ? rc : stdout_flush();
		} else if (v[i].fp) {
			int gone = 0, err = output_finish(&v[i], ok && rc == CLI_EXIT_OK, &gone);
			/* The first failure is told; the rest would repeat it (a full disk). */
			if (err && rc == CLI_EXIT_OK) {
				reader_left |= gone;
				rc = gone ? CLI_EXIT_IO : cannot_write(v[i].path, err);
			}
		}
	}
	if (ok && rc == CLI_EXIT_OK) {
		rc = output_place(v, n);
		/* The outputs placed together share one folder (export's five): synced once. */
		for (size_t i = 0; rc == CLI_EXIT_OK && i < n; i++) {
			if (v[i].placed) {
				sync_folder(v[i].path);
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].tmp) {
			unlink(v[i].tmp);
		}
		output_free(&v[i]);
	}
	return rc;
}

int cli_output_close(cli_output *out, int ok)
{
	return cli_output_commit(out, 1, ok);
}

void cli_no_events(const cli_opts *o)
{
	/* Exit 0 all the same: nothing went wrong, but an empty output should not look like a bug. */
	if (!o->from && !o->to && !o->types && !o->actors) {
		fputs("geopol: no events in the input\n", stderr);
		return;
	}
	fputs("geopol: no events match", stderr);
	const char *const names[] = { "--from", "--to", "--type", "--actor" };
	const char *const values[] = { o->from, o->to, o->types, o->actors };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		if (values[i]) {
			fprintf(stderr, " %s %s", names[i], values[i]);
		}
	}
	fputc('\n', stderr);
}

unsigned cli_max_event_ids(const cli_opts *o)
{
	/* Not given: every event of annotated data, the 10 earliest once imported rows are read. */
	return o->max_ids_given ? o->max_ids : GP_EVENT_IDS_AUTO;
}

/* Can the graph be built while reading? Not with --actor, nor custom --type names. */
static int can_stream(const cli_opts *o)
{
	if (o->actors || o->keep_events) {
		return 0;
	}
	if (!o->types) {
		return 1;
	}
	gp_dataset *ds = NULL;
	int ok = gp_dataset_new(&ds) == GP_OK;
	for (const char *p = o->types; ok && *p;) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)(n < 255 ? n : 255), p);
		ok = !*name || gp_dataset_find_type(ds, name) != GP_NONE;
		p += n + (q != NULL);
	}
	gp_dataset_free(ds);
	return ok;
}

int cli_graph(const cli_opts *o, gp_dataset **ds_out, gp_graph **g_out)
{
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	gp_filter f;
	gp_index *types = NULL;
	uint8_t *mask = NULL;
	int rc;
	gp_graph *g = NULL;
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	*ds_out = NULL;
	*g_out = NULL;
	go.level = o->level;
	go.min_count = o->min_count;
	go.max_event_ids = cli_max_event_ids(o);
	go.jobs = o->jobs;
	if (can_stream(o)) {
		/* GDELT and ICEWS rows go straight into the graph: memory holds actors and edges. */
		if (o->n_files == 0) {
			return cli_error(CLI_EXIT_USAGE, "no input files (give FILE..., or - for standard input)");
		}
		if ((rc = gp_dataset_new(&ds)) != GP_OK) {
			return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
		}
		gp_dataset_set_skip_bad(ds, o->skip_bad);
		gp_dataset_set_brief_events(ds, o->graph_only);
		if ((rc = cli_filter(ds, o, &f, &types, &mask)) >= 0) {
			gp_dataset_free(ds);
			return rc;
		}
		go.filter = &f;
		gp_input_format fmt = o->input_format ? (gp_input_format)cli_input_format(o->input_format)
						      : GP_INPUT_AUTO;
		cli_diags diags;
		cli_diags_start(&diags, &sink, o->strict, o->files, o->n_files);
		rc = gp_graph_stream(&g, ds, (const char *const *)o->files, (size_t)o->n_files, fmt, &go, &sink);
		cli_diags_print(&diags);
		report_skipped(ds);
		free(types);
		if (rc == GP_EINVALID || rc == GP_EIO) {
			gp_dataset_free(ds);
			return rc == GP_EIO ? CLI_EXIT_IO : CLI_EXIT_INVALID;
		}
	} else {
		if ((rc = cli_load(o, &ds, &sink)) != CLI_EXIT_OK) {
			return rc;
		}
		if ((rc = cli_filter(ds, o, &f, &types, &mask)) >= 0) {
			gp_dataset_free(ds);
			return rc;
		}
		go.filter = &f;
		rc = gp_graph_build(&g, ds, &go);
		free(types);
		free(mask);
	}
	if (rc != GP_OK) {
		gp_dataset_free(ds);
		if (rc == GP_ERROR) {
			return cli_error(CLI_EXIT_INTERNAL, "graph analytics failed: %s", gp_graph_last_error());
		}
		return cli_error(cli_exit_for(rc), "%s", gp_strerror(rc));
	}
	*ds_out = ds;
	*g_out = g;
	return CLI_EXIT_OK;
}

static const char *const graph_formats[] = { "dot", "json", "svg", "png", "pdf", "partial", NULL };
enum { GF_DOT, GF_JSON, GF_SVG, GF_PNG, GF_PDF, GF_PARTIAL };

int cli_graph_format(const cli_opts *o, const char *format)
{
	int k, rc = cli_pick("graph format", format, graph_formats, &k);
	if (rc >= 0) {
		return rc;
	}
	/* A picture's bytes would garble the terminal (and `less` would not show them either). */
	if ((k == GF_PNG || k == GF_PDF) && (!o->out || strcmp(o->out, "-") == 0) && isatty(STDOUT_FILENO)) {
		return cli_error(CLI_EXIT_USAGE, "refusing to write %s to a terminal; use -o FILE or redirect",
				 k == GF_PNG ? "PNG" : "PDF");
	}
	return -1;
}

int cli_write_graph(const cli_opts *o, const gp_graph *g, const char *format)
{
	cli_output out;
	int rc = cli_output_open(&out, o->out);
	if (rc != CLI_EXIT_OK) {
		return rc;
	}
	gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
	dopt.layout = o->layout;
	dopt.top_edges = o->top_edges;
	int wrc;
	switch (name_index(format, graph_formats)) {
	case GF_DOT: wrc = gp_graph_write_dot(out.fp, g, &dopt); break;
	case GF_JSON: wrc = gp_graph_write_json(out.fp, g); break;
	case GF_PARTIAL: wrc = gp_graph_write_partial(out.fp, g, cli_max_event_ids(o)); break;
	default: wrc = gp_graph_render(out.fp, g, format, &dopt); break;
	}
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc == GP_ERROR) {
		rc = cli_error(CLI_EXIT_INTERNAL, "Graphviz could not lay out or render the graph%s%s",
			       o->layout ? " with layout " : "", o->layout ? o->layout : "");
	} else if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
	return rc;
}
