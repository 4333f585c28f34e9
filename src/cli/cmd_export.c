/*
 * cmd_export.c - `geopol export`: the main job. Writes timeline.txt,
 * timeline.json, graph.dot, graph.svg and graph.json into one folder.
 *
 * All five are written to temporary files first and renamed into place only
 * when every one succeeded, so a failure leaves earlier outputs intact.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol export [FILTERS] [--level actor|country] [--out-dir DIR]\n"
	"                     [--as-of DATE] [--layout ENGINE] FILE...\n\n"
	"Write timeline.txt, timeline.json, graph.dot, graph.svg and graph.json into\n"
	"DIR (default output/, created when missing). Either all five are replaced\n"
	"or, on a failure, none is.\n";

/* mkdir -p */
static int make_dirs(const char *path)
{
	char *p = strdup(path);
	int rc = 0;
	if (!p) {
		return -1;
	}
	for (char *s = p + 1; *s && rc == 0; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				rc = -1;
			}
			*s = '/';
		}
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST) {
		rc = -1;
	}
	free(p);
	return rc;
}

enum { OUT_TXT, OUT_TJSON, OUT_DOT, OUT_SVG, OUT_GJSON, OUT_N };
static const char *const names[OUT_N] = { "timeline.txt", "timeline.json", "graph.dot", "graph.svg",
					  "graph.json" };

int cmd_export(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_LEVEL | CLI_OPT_OUT_DIR | CLI_OPT_JOBS |
				   CLI_OPT_AS_OF | CLI_OPT_MIN_COUNT | CLI_OPT_LAYOUT,
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
	size_t n = 0;
	cli_output out[OUT_N];
	char *paths[OUT_N] = { 0 };
	int opened = 0, ok = 1;
	memset(out, 0, sizeof(out));
	if ((rc = cli_filter(ds, &o, &f, &types, &mask)) >= 0) {
		goto done;
	}
	if (gp_timeline_build(ds, &f, &order, &n) != GP_OK) {
		rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
		goto done;
	}
	if (make_dirs(dir) != 0) {
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
	int w[OUT_N];
	topts.format = GP_TIMELINE_TEXT;
	w[OUT_TXT] = gp_timeline_write(out[OUT_TXT].fp, ds, order, n, &topts);
	topts.format = GP_TIMELINE_JSON;
	w[OUT_TJSON] = gp_timeline_write(out[OUT_TJSON].fp, ds, order, n, &topts);
	w[OUT_DOT] = gp_graph_write_dot(out[OUT_DOT].fp, g, &dopt);
	w[OUT_SVG] = gp_graph_render(out[OUT_SVG].fp, g, "svg", &dopt);
	w[OUT_GJSON] = gp_graph_write_json(out[OUT_GJSON].fp, g);
	for (int i = 0; i < OUT_N; i++) {
		if (w[i] != GP_OK) {
			ok = 0;
			rc = w[i] == GP_ERROR
				     ? cli_error(CLI_EXIT_INTERNAL, "cannot render %s: Graphviz failed", names[i])
				     : cli_error(cli_exit_for(w[i]), "cannot write %s: %s", paths[i],
						 gp_strerror(w[i]));
		}
	}
done:
	/* Close every file; rename them into place only if all were written. */
	for (int i = 0; i < opened; i++) {
		fflush(out[i].fp);
		if (ferror(out[i].fp)) {
			ok = 0;
		}
	}
	ok = ok && rc == CLI_EXIT_OK && opened == OUT_N;
	for (int i = 0; i < opened; i++) {
		int crc = cli_output_close(&out[i], ok);
		if (crc != CLI_EXIT_OK) {
			ok = 0;
			rc = crc;
		}
	}
	if (ok) {
		for (int i = 0; i < OUT_N; i++) {
			printf("wrote %s\n", paths[i]);
		}
	}
	for (int i = 0; i < OUT_N; i++) {
		free(paths[i]);
	}
	free(types);
	free(mask);
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
