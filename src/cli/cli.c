/*
 * cli.c - what the commands share: options, loading, filters, output files.
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <getopt.h>
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

int cli_input_format(const char *name)
{
	static const char *const names[] = { "auto", "json", "jsonl", "gdelt", "icews", NULL };
	for (int k = 0; names[k]; k++) {
		if (strcmp(names[k], name) == 0) {
			return k; /* the order of gp_input_format */
		}
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
		{ { "skip-bad", no_argument, NULL, O_SKIP_BAD }, CLI_OPT_INPUT },
		{ { "jobs", required_argument, NULL, 'j' }, CLI_OPT_JOBS },
		{ { "max-event-ids", required_argument, NULL, O_MAX_IDS }, CLI_OPT_JOBS },
		{ { "help", no_argument, NULL, O_HELP }, 0 },
	};
	struct option longopts[sizeof(table) / sizeof(table[0]) + 1];
	size_t n = 0;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (!table[i].group || (table[i].group & allowed)) {
			longopts[n++] = table[i].opt;
		}
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	optind = 0; /* glibc: a full re-initialisation, as each command parses anew */
	opterr = 0;
	int c;
	/* No '+': options may follow files (`geopol timeline x.json --format csv`). */
	const char *shortopts = (allowed & CLI_OPT_OUT) ? ((allowed & CLI_OPT_JOBS) ? ":o:j:h" : ":o:h")
				: ((allowed & CLI_OPT_JOBS) ? ":j:h" : ":h");
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case O_FROM: o->from = optarg; break;
		case O_TO: o->to = optarg; break;
		case O_TYPE: o->types = optarg; break;
		case O_ACTOR: o->actors = optarg; break;
		case O_FORMAT: o->format = optarg; break;
		case O_AS_OF: o->as_of = optarg; break;
		case 'o': o->out = optarg; break;
		case O_STRICT: o->strict = 1; break;
		case O_INPUT: o->input_format = optarg; break;
		case O_LEVEL:
			if (strcmp(optarg, "actor") == 0) {
				o->level = GP_LEVEL_ACTOR;
			} else if (strcmp(optarg, "country") == 0) {
				o->level = GP_LEVEL_COUNTRY;
			} else {
				return cli_error(CLI_EXIT_USAGE, "unknown level '%s' (actor or country)", optarg);
			}
			break;
		case O_MIN_COUNT:
		case O_TOP:
		case O_MAX_IDS:
		case O_TOP_EDGES:
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			const char *name = c == O_TOP ? "--top" : c == O_MIN_COUNT ? "--min-count"
					   : c == 'j' ? "-j" : c == O_TOP_EDGES ? "--top-edges" : "--max-event-ids";
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000000000 ||
			    (c == 'j' && (v < 1 || v > 256))) {
				return cli_error(CLI_EXIT_USAGE, "%s needs a whole number%s, not '%s'", name,
						 c == 'j' ? " from 1 to 256" : "", optarg);
			}
			if (c == O_TOP) {
				o->top = v;
			} else if (c == O_MIN_COUNT) {
				o->min_count = (unsigned)v;
			} else if (c == 'j') {
				o->jobs = (unsigned)v;
			} else if (c == O_TOP_EDGES) {
				o->top_edges = (unsigned)v;
			} else {
				o->max_ids = (unsigned)v;
				o->max_ids_given = 1;
			}
			break;
		}
		case O_OUT_DIR: o->out_dir = optarg; break;
		case O_LAYOUT: o->layout = optarg; break;
		case O_SKIP_BAD: o->skip_bad = 1; break;
		case 'h':
		case O_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
		case ':':
			cli_error(CLI_EXIT_USAGE, "option '%s' needs an argument", argv[optind - 1]);
			fprintf(stderr, "%s", usage);
			return CLI_EXIT_USAGE;
		default:
			if (optopt && optopt < 256) {
				cli_error(CLI_EXIT_USAGE, "unknown option '-%c'", optopt);
			} else {
				cli_error(CLI_EXIT_USAGE, "unknown option '%s'", argv[optind - 1]);
			}
			fprintf(stderr, "%s", usage);
			return CLI_EXIT_USAGE;
		}
	}
	o->files = argv + optind;
	o->n_files = argc - optind;
	if (o->input_format && cli_input_format(o->input_format) < 0) {
		return cli_error(CLI_EXIT_USAGE, "unknown input format '%s' (json, jsonl, gdelt or icews)",
				 o->input_format);
	}
	return -1;
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
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		out->fp = fopen(path, "w");
		if (!out->fp) {
			return cli_error(CLI_EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		}
		out->direct = 1;
		return CLI_EXIT_OK;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
		path = real ? real : path;
	}
	size_t n = strlen(path);
	out->path = strdup(path);
	free(real);
	path = out->path ? out->path : path;
	out->tmp = malloc(n + 16);
	if (!out->path || !out->tmp) {
		free(out->path), free(out->tmp);
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	/* The temporary file sits beside the target, so rename() stays on one file system. */
	snprintf(out->tmp, n + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(out->tmp);
	if (fd < 0) {
		/* path may be out->path: report before freeing it. */
		int rc = cli_error(CLI_EXIT_IO, "cannot write '%s': %s", path, strerror(errno));
		free(out->path), free(out->tmp);
		out->path = out->tmp = NULL;
		return rc;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		close(fd);
		unlink(out->tmp);
		free(out->path), free(out->tmp);
		out->path = out->tmp = NULL;
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	return CLI_EXIT_OK;
}

int cli_output_close(cli_output *out, int ok)
{
	int rc = CLI_EXIT_OK;
	if (!out->fp) {
		return rc;
	}
	if (out->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			rc = cli_error(CLI_EXIT_IO, "cannot write to standard output: %s", strerror(errno));
		}
		out->fp = NULL;
		return rc;
	}
	if (out->direct) {
		int werr = ferror(out->fp);
		if (fclose(out->fp) != 0 || werr) {
			rc = cli_error(CLI_EXIT_IO, "cannot write: %s", strerror(errno));
		}
		memset(out, 0, sizeof(*out));
		return rc;
	}
	int werr = ferror(out->fp);
	if (fclose(out->fp) != 0 || werr) {
		rc = cli_error(CLI_EXIT_IO, "cannot write '%s': %s", out->path, strerror(errno));
		ok = 0;
	}
	if (ok && rename(out->tmp, out->path) != 0) {
		rc = cli_error(CLI_EXIT_IO, "cannot write '%s': %s", out->path, strerror(errno));
		ok = 0;
	}
	if (!ok) {
		unlink(out->tmp);
	}
	free(out->path), free(out->tmp);
	memset(out, 0, sizeof(*out));
	return rc;
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

int cli_graph_format(const char *format)
{
	static const char *const formats[] = { "dot", "json", "svg", "png", "pdf", "partial", NULL };
	for (int k = 0; formats[k]; k++) {
		if (strcmp(formats[k], format) == 0) {
			return k;
		}
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
	int k = cli_graph_format(format), wrc;
	switch (k) {
	case 0: wrc = gp_graph_write_dot(out.fp, g, &dopt); break;
	case 1: wrc = gp_graph_write_json(out.fp, g); break;
	case 5: wrc = gp_graph_write_partial(out.fp, g, cli_max_event_ids(o)); break;
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
