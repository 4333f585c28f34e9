/*
 * cli_options.c - the command line: options parsed and checked before any input is read,
 * and dates given as options.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The Graphviz engines that draw a relationship graph (osage and patchwork pack, nop needs positions). */
static const char *const layouts[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi", NULL };

/*
 * Repeated --type and --actor add up, as if joined with commas. The joined
 * lists live until cli_release(), which main() calls after the command.
 */
static char *joined[4];

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
		return cli_error(CLI_EXIT_USAGE, "%s must be at least %ld (got %s)", name, min,
				 text);
	}
	if (errno == ERANGE || v > max) {
		return cli_error(CLI_EXIT_USAGE, "%s is too large (at most %ld, got %s)", name, max,
				 text);
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
static void bad_option(const char *cmd, const char *arg, int short_opt,
		       const struct option *longopts, const struct option *all, size_t n_all)
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
		fprintf(stderr, "geopol: option '--%.*s' is ambiguous; it could be", (int)len,
			name);
		int k = 0;
		for (const struct option *lo = longopts; lo->name; lo++) {
			if (strncmp(lo->name, name, len) == 0) {
				fprintf(stderr, "%s--%s",
					k == 0       ? " "
					: k == n - 1 ? " or "
						     : ", ",
					lo->name);
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
		return cli_error(CLI_EXIT_USAGE, "--from %s begins after --to %s ends (swapped?)",
				 o->from, o->to);
	}
	return -1;
}

enum {
	O_FROM = 256,
	O_TO,
	O_TYPE,
	O_ACTOR,
	O_FORMAT,
	O_AS_OF,
	O_STRICT,
	O_INPUT,
	O_HELP,
	O_LEVEL,
	O_MIN_COUNT,
	O_TOP,
	O_OUT_DIR,
	O_LAYOUT,
	O_SKIP_BAD,
	O_MAX_IDS,
	O_TOP_EDGES,
	O_MAX_EVENTS,
	O_STATUS,
	O_MIN_GRADE,
	O_SOURCES,
	O_LINES,
	O_SIGN,
	O_BY,
	O_EVERY,
	O_WHOLE,
	O_TABLE,
	O_AT,
	O_HUBS,
	O_BETWEENNESS
};

/* Every option, and the group (CLI_OPT_*) that lets a command take it (0: every command). */
static const struct {
	struct option opt;
	unsigned group;
} table[] = {
	{ { "from", required_argument, NULL, O_FROM }, CLI_OPT_FILTERS },
	{ { "to", required_argument, NULL, O_TO }, CLI_OPT_FILTERS },
	{ { "type", required_argument, NULL, O_TYPE }, CLI_OPT_FILTERS },
	{ { "actor", required_argument, NULL, O_ACTOR }, CLI_OPT_FILTERS },
	{ { "status", required_argument, NULL, O_STATUS }, CLI_OPT_FILTERS },
	{ { "min-grade", required_argument, NULL, O_MIN_GRADE }, CLI_OPT_FILTERS },
	{ { "sign", required_argument, NULL, O_SIGN }, CLI_OPT_FILTERS },
	{ { "by", required_argument, NULL, O_BY }, CLI_OPT_BY },
	{ { "every", required_argument, NULL, O_EVERY }, CLI_OPT_EVERY },
	{ { "whole", no_argument, NULL, O_WHOLE }, CLI_OPT_EVERY },
	{ { "table", required_argument, NULL, O_TABLE }, CLI_OPT_TABLE },
	{ { "format", required_argument, NULL, O_FORMAT }, CLI_OPT_FORMAT },
	{ { "as-of", required_argument, NULL, O_AS_OF }, CLI_OPT_AS_OF },
	{ { "output", required_argument, NULL, 'o' }, CLI_OPT_OUT },
	{ { "strict", no_argument, NULL, O_STRICT }, CLI_OPT_STRICT },
	{ { "input-format", required_argument, NULL, O_INPUT }, CLI_OPT_INPUT },
	{ { "level", required_argument, NULL, O_LEVEL }, CLI_OPT_LEVEL },
	/* DESIGN §6 lists --min-count among FILTERS: every command with filters takes it. */
	{ { "min-count", required_argument, NULL, O_MIN_COUNT },
	  CLI_OPT_FILTERS | CLI_OPT_MIN_COUNT },
	{ { "top", required_argument, NULL, O_TOP }, CLI_OPT_TOP },
	{ { "out-dir", required_argument, NULL, O_OUT_DIR }, CLI_OPT_OUT_DIR },
	{ { "layout", required_argument, NULL, O_LAYOUT }, CLI_OPT_LAYOUT },
	{ { "top-edges", required_argument, NULL, O_TOP_EDGES }, CLI_OPT_LAYOUT | CLI_OPT_VIEW },
	{ { "max-events", required_argument, NULL, O_MAX_EVENTS }, CLI_OPT_VIEW },
	{ { "hubs", required_argument, NULL, O_HUBS }, CLI_OPT_LAYOUT },
	{ { "betweenness", required_argument, NULL, O_BETWEENNESS }, CLI_OPT_BETWEENNESS },
	{ { "skip-bad", no_argument, NULL, O_SKIP_BAD }, CLI_OPT_SKIP_BAD },
	{ { "jobs", required_argument, NULL, 'j' }, CLI_OPT_JOBS },
	{ { "max-event-ids", required_argument, NULL, O_MAX_IDS }, CLI_OPT_MAX_IDS },
	{ { "sources", no_argument, NULL, O_SOURCES }, CLI_OPT_SOURCES },
	{ { "lines", required_argument, NULL, O_LINES }, CLI_OPT_LINES },
	{ { "at", required_argument, NULL, O_AT }, CLI_OPT_AT },
	{ { "help", no_argument, NULL, O_HELP }, 0 },
};
enum { N_TABLE = sizeof(table) / sizeof(table[0]) };

/* A whole-number option (--top, -j, ...) into o; -1, or an exit code. */
static int take_count(int c, const char *arg, cli_opts *o)
{
	const char *name = c == O_MIN_COUNT    ? "--min-count"
			   : c == O_TOP        ? "--top"
			   : c == O_TOP_EDGES  ? "--top-edges"
			   : c == O_MAX_EVENTS ? "--max-events"
			   : c == 'j'          ? "-j"
					       : "--max-event-ids";
	long v = 0, min = c == 'j' ? 1 : 0, max = c == 'j' ? 256 : 1000000000;
	int rc = parse_count(name, arg, min, max, &v);
	if (rc >= 0) {
		return rc;
	}
	switch (c) {
	case O_MIN_COUNT: o->min_count = (unsigned)v; break;
	case O_TOP: o->top = v, o->top_given = 1; break;
	case O_TOP_EDGES: o->top_edges = (unsigned)v; break;
	case O_MAX_EVENTS: o->max_events = (unsigned)v; break;
	case 'j': o->jobs = (unsigned)v; break;
	default: o->max_ids = (unsigned)v, o->max_ids_given = 1; break;
	}
	return -1;
}

/* One option (getopt's c) and its argument into o, names checked; -1, or an exit code. */
static int take_option(int c, char *arg, cli_opts *o)
{
	static const char *const levels[] = { "actor", "country", NULL };
	static const char *const signs[] = { "cooperation", "conflict", NULL };
	static const char *const hubs[] = { "auto", "always", "never", NULL };
	int rc = -1, k;
	switch (c) {
	case O_FROM: o->from = arg; break;
	case O_TO: o->to = arg; break;
	case O_TYPE: rc = add_list(&o->types, &joined[0], arg); break;
	case O_ACTOR: rc = add_list(&o->actors, &joined[1], arg); break;
	case O_STATUS: rc = add_list(&o->statuses, &joined[2], arg); break;
	case O_MIN_GRADE: o->min_grade = arg; break;
	case O_EVERY: o->every = arg; break;
	case O_WHOLE: o->whole = 1; break;
	case O_TABLE: o->table = arg; break;
	case O_BY: {
		const char *keys[GP_RANK_N + 1] = { NULL };
		for (int i = 0; i < GP_RANK_N; i++) {
			keys[i] = gp_rank_by_name((gp_rank_by)i);
		}
		if ((rc = cli_pick("ranking key", arg, keys, &k)) < 0) {
			o->by = k;
		}
		break;
	}
	case O_SIGN:
		if ((rc = cli_pick("sign", arg, signs, &k)) < 0) {
			o->sign = signs[k];
		}
		break;
	case O_LINES: rc = add_list(&o->lines, &joined[3], arg); break;
	case O_FORMAT: o->format = arg; break;
	case O_AS_OF: o->as_of = arg; break;
	case O_AT: o->at = arg; break;
	case 'o': o->out = arg; break;
	case O_STRICT: o->strict = 1; break;
	case O_INPUT:
		if ((rc = cli_pick("input format", arg, cli_input_formats, &k)) < 0) {
			o->input_format = arg;
		}
		break;
	case O_LEVEL:
		if ((rc = cli_pick("level", arg, levels, &k)) < 0) {
			o->level = k == 0 ? GP_LEVEL_ACTOR : GP_LEVEL_COUNTRY;
		}
		break;
	case O_OUT_DIR: o->out_dir = arg; break;
	case O_LAYOUT:
		/* Checked here: Graphviz would fail late, and DOT would name the engine unchecked. */
		if ((rc = cli_pick("layout engine", arg, layouts, &k)) < 0) {
			o->layout = arg;
		}
		break;
	case O_BETWEENNESS: {
		long v = 0;
		if (strcmp(arg, "auto") == 0 || strcmp(arg, "exact") == 0) {
			o->pivots = arg[0] == 'a' ? 0 : GP_BETWEENNESS_EXACT;
		} else if (!(arg[0] >= '0' && arg[0] <= '9')) {
			rc = cli_error(
				CLI_EXIT_USAGE,
				"--betweenness takes auto, exact or a number of pivots, not '%s'",
				arg);
		} else if ((rc = parse_count("--betweenness", arg, 1, 1000000000, &v)) < 0) {
			o->pivots = (uint32_t)v;
		}
		break;
	}
	case O_HUBS:
		if ((rc = cli_pick("--hubs value", arg, hubs, &k)) < 0) {
			o->hubs = k;
		}
		break;
	case O_SKIP_BAD: o->skip_bad = 1; break;
	case O_SOURCES: o->sources = 1; break;
	case O_MIN_COUNT:
	case O_TOP:
	case O_TOP_EDGES:
	case O_MAX_EVENTS:
	case O_MAX_IDS:
	case 'j': rc = take_count(c, arg, o); break;
	default: rc = cli_error(CLI_EXIT_INTERNAL, "option %d not handled", c); break;
	}
	return rc;
}

int cli_parse(int argc, char **argv, unsigned allowed, const char *usage, cli_opts *o)
{
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
	/* No '+': options may follow files (`geopol timeline x.json --format csv`). */
	const char *shortopts = (allowed & CLI_OPT_OUT)
					? ((allowed & CLI_OPT_JOBS) ? ":o:j:h" : ":o:h")
					: ((allowed & CLI_OPT_JOBS) ? ":j:h" : ":h");
	while ((c = getopt_long(argc, argv, shortopts, longopts, &li)) != -1) {
		/* The option's own word: before its argument when that came separately. */
		const char *word =
			argv[optarg && optarg == argv[optind - 1] ? optind - 2 : optind - 1];
		if ((li >= 0 || c == ':') &&
		    (rc = other_option(argv[0], word, longopts, all, N_TABLE)) >= 0) {
			return rc;
		}
		li = -1;
		switch (c) {
		case 'h':
		case O_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
		case ':':
			cli_error(CLI_EXIT_USAGE, "option '%s' needs an argument",
				  argv[optind - 1]);
			fprintf(stderr, "%s", usage);
			return CLI_EXIT_USAGE;
		case '?':
			bad_option(argv[0], argv[optind - 1], optopt < 256 ? optopt : 0, longopts,
				   all, N_TABLE);
			fprintf(stderr, "%s", usage);
			return CLI_EXIT_USAGE;
		default:
			if ((rc = take_option(c, optarg, o)) >= 0) {
				return rc;
			}
		}
	}
	o->files = argv + optind;
	o->n_files = argc - optind;
	return check_dates(o);
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
			return cli_error(CLI_EXIT_INTERNAL,
					 "--as-of today: the system clock cannot be read");
		}
		text = today;
	}
	if ((rc = cli_date("--as-of", text, &t->as_of)) >= 0) {
		return rc;
	}
	if (t->as_of.flags & GP_DATE_INTERVAL) {
		return cli_error(CLI_EXIT_USAGE,
				 "--as-of: '%s' is an interval; give one date (a day, or a "
				 "month or year, read as its last day), or 'today'",
				 text);
	}
	t->has_as_of = 1;
	t->as_of_text = text;
	return -1;
}
