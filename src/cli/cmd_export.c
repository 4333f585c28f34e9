/*
 * cmd_export.c - `geopol export`: the main job. Writes timeline.txt,
 * timeline.json, graph.dot, graph.svg and graph.json into one folder.
 *
 * All five are written to temporary files first and put in place together
 * only when every one was written and synced, all or none
 * (cli_output_commit() says how far POSIX lets that go).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol export [FILTERS] [--level actor|country] [--out-dir DIR]\n"
	"                     [--as-of DATE] [--layout ENGINE] FILE...\n\n"
	"Write timeline.txt, timeline.json, graph.dot, graph.svg and graph.json into\n"
	"DIR (default output/, created when missing). Either all five are replaced\n"
	"or, on a failure, none is. The files are as 'geopol timeline' (text, json)\n"
	"and 'geopol graph' (dot, svg, json) write them.\n\n"
	"  --out-dir DIR    where to write (default output/)\n"
	"  --as-of DATE     timelines: mark events past / ongoing / upcoming\n"
	CLI_HELP_LEVEL CLI_HELP_LAYOUT CLI_HELP_JOBS CLI_HELP_MAX_IDS CLI_HELP_INPUT CLI_HELP_HELP "\n"
	CLI_HELP_FILTERS;

/*
 * mkdir -p path. *made is the length of the first folder it created (0:
 * none), so that a failed export can remove what it created.
 */
static int make_dirs(char *path, size_t *made)
{
	int rc = 0;
	*made = 0;
	for (char *s = path + 1;; s++) {
		if (*s != '/' && *s != '\0') {
			continue;
		}
		char c = *s;
		*s = '\0';
		if (mkdir(path, 0777) == 0) {
			*made = *made ? *made : (size_t)(s - path);
		} else if (errno != EEXIST) {
			rc = -1;
		}
		*s = c;
		if (rc || c == '\0') {
			return rc;
		}
	}
}

/* Remove the (empty) folders make_dirs() created, deepest first. */
static void remove_dirs(char *path, size_t made)
{
	size_t n = strlen(path);
	while (made && n >= made) {
		path[n] = '\0';
		if (rmdir(path) != 0 && errno != ENOENT) {
			return;
		}
		while (n > 0 && path[n - 1] != '/') {
			n--;
		}
		while (n > 0 && path[n - 1] == '/') {
			n--;
		}
	}
}

enum { OUT_TXT, OUT_TJSON, OUT_DOT, OUT_SVG, OUT_GJSON, OUT_N };
static const char *const names[OUT_N] = { "timeline.txt", "timeline.json", "graph.dot", "graph.svg",
					  "graph.json" };

int cmd_export(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_SKIP_BAD | CLI_OPT_LEVEL |
				   CLI_OPT_OUT_DIR | CLI_OPT_JOBS | CLI_OPT_MAX_IDS | CLI_OPT_AS_OF | CLI_OPT_MIN_COUNT |
				   CLI_OPT_LAYOUT,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	const char *dir = o.out_dir ? o.out_dir : "output";
	o.keep_events = 1; /* the timeline needs them */
	gp_timeline_options topts = GP_TIMELINE_OPTIONS_INIT;
	if (o.as_of && (rc = cli_as_of(o.as_of, &topts)) >= 0) {
		return rc;
	}
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	/* The timeline uses the same filters as the graph. */
	gp_filter f;
	gp_index *types = NULL, *order = NULL;
	uint8_t *mask = NULL;
	size_t n = 0, made = 0;
	cli_output out[OUT_N];
	char *paths[OUT_N] = { 0 }, *folder = strdup(dir);
	int w[OUT_N] = { GP_OK, GP_OK, GP_OK, GP_OK, GP_OK }, opened = 0;
	memset(out, 0, sizeof(out));
	if ((rc = cli_filter(ds, &o, &f, &types, &mask)) >= 0) {
		goto done;
	}
	rc = CLI_EXIT_OK;
	if (!folder || gp_timeline_build(ds, &f, &order, &n) != GP_OK) {
		rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
		goto done;
	}
	if (n == 0) {
		cli_no_events(&o);
	}
	if (make_dirs(folder, &made) != 0) {
		rc = cli_error(CLI_EXIT_IO, "cannot create '%s': %s", dir, strerror(errno));
		goto done;
	}
	for (opened = 0; opened < OUT_N; opened++) {
		size_t len = strlen(dir) + strlen(names[opened]) + 2;
		paths[opened] = malloc(len);
		if (!paths[opened]) {
			rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
			goto done;
		}
		snprintf(paths[opened], len, "%s/%s", dir, names[opened]);
		if ((rc = cli_output_open(&out[opened], paths[opened])) != CLI_EXIT_OK) {
			goto done;
		}
	}
	gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
	dopt.layout = o.layout;
	dopt.top_edges = o.top_edges;
	topts.format = GP_TIMELINE_TEXT;
	w[OUT_TXT] = gp_timeline_write(out[OUT_TXT].fp, ds, order, n, &topts);
	topts.format = GP_TIMELINE_JSON;
	w[OUT_TJSON] = gp_timeline_write(out[OUT_TJSON].fp, ds, order, n, &topts);
	w[OUT_DOT] = gp_graph_write_dot(out[OUT_DOT].fp, g, &dopt);
	w[OUT_SVG] = gp_graph_render(out[OUT_SVG].fp, g, "svg", &dopt);
	w[OUT_GJSON] = gp_graph_write_json(out[OUT_GJSON].fp, g);
done:;
	int ok = rc == CLI_EXIT_OK && opened == OUT_N;
	for (int i = 0; i < OUT_N; i++) {
		ok = ok && w[i] == GP_OK;
	}
	/* Write errors are told by the commit, naming the file; the rest here. */
	int crc = cli_output_commit(out, (size_t)opened, ok);
	rc = rc != CLI_EXIT_OK ? rc : crc;
	for (int i = 0; rc == CLI_EXIT_OK && i < OUT_N; i++) {
		if (w[i] == GP_ERROR) {
			rc = cli_error(CLI_EXIT_INTERNAL, "cannot render %s: Graphviz failed", names[i]);
		} else if (w[i] != GP_OK) {
			rc = cli_error(cli_exit_for(w[i]), "cannot write '%s': %s", paths[i], gp_strerror(w[i]));
		}
	}
	if (rc == CLI_EXIT_OK) {
		for (int i = 0; i < OUT_N; i++) {
			printf("wrote %s\n", paths[i]);
		}
	} else if (folder) {
		remove_dirs(folder, made);
	}
	for (int i = 0; i < OUT_N; i++) {
		free(paths[i]);
	}
	free(folder);
	free(types);
	free(mask);
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
