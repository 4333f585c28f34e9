/*
 * cmd_diff.c - `geopol diff`: what changed between two sets of events
 * (OLD... -- NEW...), or before and from a date on (--at DATE FILE...);
 * gp_diff_build and gp_diff_write (docs/diff.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol diff [FILTERS] [--level L] [--top N] [--format text|json] [-o OUT]\n"
	"                   (OLD... -- NEW... | --at DATE FILE...)\n\n"
	"What changed between the events of OLD and those of NEW (the same file at two\n"
	"commits, a GDELT week and the next): events added, removed, and changed field\n"
	"by field (matched by id); edges of the graph that appeared, disappeared, or\n"
	"changed count or sign (cooperation > 0, conflict < 0); the nodes whose PageRank\n"
	"and betweenness moved most. With --at, one set of files split at DATE: before\n"
	"it, the events that began before DATE (as --to the day before); after, those\n"
	"not over by DATE (as --from DATE): an event spanning DATE is on both sides.\n"
	"The filters apply to both sides. Options may come anywhere; '--' only\n"
	"separates OLD from NEW. Exit 0 whether or not anything changed.\n\n"
	"  --at DATE        compare the events before DATE with those from DATE on\n"
	"  --top N          the N largest PageRank and betweenness moves (default 10;\n"
	"                   0: every node that moved)\n" CLI_HELP_LEVEL
	"  --format F       text (default) or json: {\"geopol\": 1, \"kind\": \"diff\", ...}\n"
	"                   (docs/diff.md)\n" CLI_HELP_OUT CLI_HELP_INPUT CLI_HELP_HELP
	"\n" CLI_HELP_FILTERS;

/* Where '--' stood: a pointer no argument can be, found again among the files. */
static char separator[] = "";

/* "a.json", or "a.json +2 more", naming a side for the reader. */
static char *side_label(char **files, int n)
{
	size_t len = strlen(files[0]) + 32;
	char *s = malloc(len);
	if (s) {
		if (n == 1) {
			snprintf(s, len, "%s", files[0]);
		} else {
			snprintf(s, len, "%s +%d more", files[0], n - 1);
		}
	}
	return s;
}

/*
 * The names of a comma-separated list that `ds` knows (an actor name
 * resolves, not unknown; a type exists), into *out (the caller frees it):
 * a name only the other side knows selects nothing here rather than being
 * an error. *none is set when every name was dropped. Names neither side
 * knows are kept, for cli_filter to report. -1, or an exit code.
 */
static int known_names(char **out, int *none, const char *list, const gp_dataset *ds,
		       const gp_dataset *other, int actors)
{
	size_t len = strlen(list), n = 0, kept = 0;
	char *s = malloc(len + 1);
	*out = s;
	*none = 0;
	if (!s) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	for (const char *p = list; *p;) {
		const char *q = strchr(p, ',');
		size_t k = q ? (size_t)(q - p) : strlen(p);
		char name[512];
		snprintf(name, sizeof(name), "%.*s", (int)(k < 511 ? k : 511), p);
		p += k + (q != NULL);
		if (!*name) {
			continue;
		}
		int here, there;
		if (actors) {
			gp_index a;
			here = gp_dataset_resolve_actor(&a, NULL, NULL, ds, name) != GP_ENOTFOUND;
			there = gp_dataset_resolve_actor(&a, NULL, NULL, other, name) !=
				GP_ENOTFOUND;
		} else {
			here = gp_dataset_find_type(ds, name) != GP_NONE;
			there = gp_dataset_find_type(other, name) != GP_NONE;
		}
		n++;
		if (here || !there) {
			memcpy(s + kept, name, strlen(name));
			kept += strlen(name);
			s[kept++] = ',';
		}
	}
	s[kept ? kept - 1 : 0] = '\0';
	*none = n > 0 && kept == 0;
	return -1;
}

/*
 * One side's filter from the options, with names the other side alone knows
 * dropped: an actor or a type new in NEW is not an error in OLD. On success
 * the caller frees *types, *mask and *own. -1, or an exit code (printed).
 */
static int side_filter(const gp_dataset *ds, const gp_dataset *other, const cli_opts *o,
		       gp_filter *f, gp_index **types, uint8_t **mask, char *own[2])
{
	cli_opts so = *o;
	int none[2] = { 0, 0 }, rc;
	own[0] = own[1] = NULL;
	if (o->actors && (rc = known_names(&own[0], &none[0], o->actors, ds, other, 1)) >= 0) {
		return rc;
	}
	if (o->types && (rc = known_names(&own[1], &none[1], o->types, ds, other, 0)) >= 0) {
		return rc;
	}
	so.actors = none[0] ? NULL : own[0] ? own[0] : so.actors;
	so.types = none[1] ? NULL : own[1] ? own[1] : so.types;
	if ((rc = cli_filter(ds, &so, f, types, mask)) >= 0) {
		return rc;
	}
	if (none[0] || none[1]) {
		/* No actor selected: no event is kept (each has one). */
		free(*mask);
		size_t n = gp_dataset_actor_count(ds);
		if (!(*mask = calloc(n ? n : 1, 1))) {
			return cli_error(CLI_EXIT_INTERNAL, "out of memory");
		}
		f->actor_mask = *mask;
	}
	return -1;
}

/* Split argv at '--' (marked by `separator`), parse it, and check the sides. */
static int parse(int argc, char **argv, char ***copy, cli_opts *o, int *split)
{
	int seps = 0, rc;
	char **v = malloc(((size_t)argc + 1) * sizeof(*v));
	*copy = v;
	if (!v) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	for (int i = 0; i <= argc; i++) {
		int sep = i > 0 && i < argc && strcmp(argv[i], "--") == 0;
		seps += sep;
		v[i] = sep ? separator : argv[i];
	}
	rc = cli_parse(argc, v,
		       CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT |
			       CLI_OPT_INPUT | CLI_OPT_LEVEL | CLI_OPT_TOP | CLI_OPT_MIN_COUNT |
			       CLI_OPT_SKIP_BAD | CLI_OPT_AT,
		       usage, o);
	if (rc >= 0) {
		return rc;
	}
	*split = -1;
	for (int i = 0; i < o->n_files; i++) {
		if (o->files[i] == separator) {
			*split = i;
		}
	}
	const char *why = seps > 1          ? "'--' may be given once"
			  : seps && o->at   ? "give OLD... -- NEW... or --at DATE FILE..., not both"
			  : !seps && !o->at ? "diff needs OLD... -- NEW..., or --at DATE FILE..."
			  : *split < 0 && seps ? "'--' was taken as an option's argument"
			  : *split == 0        ? "no OLD file before '--'"
			  : seps && *split == o->n_files - 1 ? "no NEW file after '--'"
			  : !seps && o->n_files == 0         ? "no input files for --at"
							     : NULL;
	if (why) {
		cli_error(CLI_EXIT_USAGE, "%s", why);
		fputs(usage, stderr);
		return CLI_EXIT_USAGE;
	}
	if (seps) {
		int stdin_old = 0, stdin_new = 0;
		for (int i = 0; i < o->n_files; i++) {
			if (strcmp(o->files[i], "-") == 0) {
				*(i < *split ? &stdin_old : &stdin_new) = 1;
			}
		}
		if (stdin_old && stdin_new) {
			return cli_error(CLI_EXIT_USAGE, "standard input (-) can be one side only");
		}
	}
	return -1;
}

/* --at DATE: one date, its earliest start. -1, or an exit code (printed). */
static int at_date(const char *text, int64_t *at)
{
	gp_date d;
	int rc = cli_date("--at", text, &d);
	if (rc >= 0) {
		return rc;
	}
	if (d.flags & GP_DATE_INTERVAL) {
		return cli_error(CLI_EXIT_USAGE, "--at: '%s' is an interval; give one date", text);
	}
	*at = d.start;
	return -1;
}

/* Load each side (or the one dataset of --at) and make their filters. */
typedef struct {
	gp_dataset *ds[2];
	gp_filter f[2];
	gp_index *types[2];
	uint8_t *mask[2];
	char *own[2][2];
	char *label[2];
} sides;

static int load_sides(sides *s, const cli_opts *o, int split)
{
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	int rc;
	if (o->at) {
		int64_t at = 0;
		gp_filter f;
		if ((rc = at_date(o->at, &at)) >= 0 || (rc = cli_load(o, &s->ds[0], &sink)) != 0 ||
		    (rc = cli_filter(s->ds[0], o, &f, &s->types[0], &s->mask[0])) >= 0) {
			return rc;
		}
		s->ds[1] = s->ds[0];
		gp_diff_split(&s->f[0], &s->f[1], &f, at);
		s->label[0] = side_label(o->files, o->n_files);
		s->label[1] = side_label(o->files, o->n_files);
		return s->label[0] && s->label[1] ? -1
						  : cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	cli_opts side[2] = { *o, *o };
	side[0].n_files = split;
	side[1].files = o->files + split + 1;
	side[1].n_files = o->n_files - split - 1;
	for (int k = 0; k < 2; k++) {
		gp_diag_sink ks = GP_DIAG_SINK_INIT;
		if ((rc = cli_load(&side[k], &s->ds[k], &ks)) != CLI_EXIT_OK) {
			return rc;
		}
		if (!(s->label[k] = side_label(side[k].files, side[k].n_files))) {
			return cli_error(CLI_EXIT_INTERNAL, "out of memory");
		}
	}
	for (int k = 0; k < 2; k++) {
		if ((rc = side_filter(s->ds[k], s->ds[1 - k], o, &s->f[k], &s->types[k],
				      &s->mask[k], s->own[k])) >= 0) {
			return rc;
		}
	}
	return -1;
}

static void free_sides(sides *s)
{
	for (int k = 0; k < 2; k++) {
		if (k == 0 || s->ds[1] != s->ds[0]) {
			gp_dataset_free(s->ds[k]);
		}
		free(s->types[k]);
		free(s->mask[k]);
		free(s->own[k][0]);
		free(s->own[k][1]);
		free(s->label[k]);
	}
}

static int write_diff(const cli_opts *o, const gp_diff *d, const sides *s, int json)
{
	gp_diff_write_options wo = GP_DIFF_WRITE_OPTIONS_INIT;
	cli_output out;
	wo.format = json ? GP_DIFF_JSON : GP_DIFF_TEXT;
	wo.old_label = s->label[0];
	wo.new_label = s->label[1];
	wo.at = o->at;
	int rc = cli_output_open(&out, o->out);
	if (rc != CLI_EXIT_OK) {
		return rc;
	}
	int wrc = gp_diff_write(out.fp, d, &wo);
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	cli_opts o;
	char **copy = NULL;
	int split = -1, k = 0;
	int rc = parse(argc, argv, &copy, &o, &split);
	static const char *const formats[] = { "text", "json", NULL };
	if (rc < 0 && o.format) {
		rc = cli_pick("diff format", o.format, formats, &k);
	}
	if (rc >= 0) {
		free(copy);
		return rc;
	}
	sides s = { 0 };
	gp_diff *d = NULL;
	if ((rc = load_sides(&s, &o, split)) < 0) {
		gp_diff_options dopts = GP_DIFF_OPTIONS_INIT;
		dopts.level = o.level;
		dopts.min_count = o.min_count;
		dopts.top = o.top_given ? (size_t)o.top : GP_DIFF_TOP_DEFAULT;
		int drc = gp_diff_build(&d, s.ds[0], &s.f[0], s.ds[1], &s.f[1], &dopts);
		if (drc == GP_ERROR) {
			rc = cli_error(CLI_EXIT_INTERNAL, "graph analytics failed: %s",
				       gp_graph_last_error());
		} else if (drc != GP_OK) {
			rc = cli_error(cli_exit_for(drc), "%s", gp_strerror(drc));
		} else {
			if (!gp_diff_old_events(d) && !gp_diff_new_events(d)) {
				cli_no_events(&o);
			}
			rc = write_diff(&o, d, &s, k == 1);
		}
	}
	gp_diff_free(d);
	free_sides(&s);
	free(copy);
	return rc;
}
