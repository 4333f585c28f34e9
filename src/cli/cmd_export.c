/*
 * cmd_export.c - `geopol export`: the main job. Writes timeline.txt,
 * timeline.json, timeline.svg (the theme-line chart), graph.dot, graph.svg,
 * graph.json, graph.gexf, graph.graphml and view.html into one folder.
 *
 * All of them are written to temporary files first and put in place together
 * only when every one was written and synced, all or none
 * (cli_output_commit() says how far POSIX lets that go).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol export [FILTERS] [--level actor|country] [--out-dir DIR]\n"
	"                     [--as-of DATE] [--layout ENGINE] FILE...\n\n"
	"Write timeline.txt, timeline.json, timeline.svg, graph.dot, graph.svg,\n"
	"graph.json, graph.gexf, graph.graphml and view.html into DIR (default\n"
	"output/, created when missing). Either all are replaced or, on a failure,\n"
	"none is. The files are as 'geopol timeline' (text, json, svg: the theme-line\n"
	"chart), 'geopol graph' (dot, svg, json, gexf, graphml) and 'geopol view' (the\n"
	"offline HTML viewer) write them; graph.svg and view.html show the strongest\n"
	"relations (--top-edges), view.html a share of their events (--max-events).\n\n"
	"  --out-dir DIR    where to write (default output/)\n"
	"  --as-of DATE     timelines: mark events past / ongoing / upcoming\n" CLI_HELP_LEVEL
		CLI_HELP_BETWEENNESS CLI_HELP_LAYOUT
	"  --max-events N   view.html shows at most N events of its relations (default 2000)\n"
	"  -j, --jobs N     read plain GDELT/ICEWS files with N threads (1 to 256); from 2,\n"
	"                   write the timelines beside the graph's files\n" CLI_HELP_MAX_IDS
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

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

enum {
	OUT_TXT,
	OUT_TJSON,
	OUT_CHART,
	OUT_DOT,
	OUT_SVG,
	OUT_GJSON,
	OUT_GEXF,
	OUT_GRAPHML,
	OUT_VIEW,
	OUT_N
};
static const char *const names[OUT_N] = { "timeline.txt", "timeline.json", "timeline.svg",
					  "graph.dot",    "graph.svg",     "graph.json",
					  "graph.gexf",   "graph.graphml", "view.html" };

/* What the files are made from. */
typedef struct {
	const gp_dataset *ds;
	const gp_graph *g;
	const gp_index *order; /* the timeline */
	size_t n;
	gp_timeline_options topts;
	gp_dot_options dopt;
	gp_chart_options copts;
	gp_view_options vopts;
	gp_view_shown shown;
} sources;

static int write_one(int i, FILE *fp, sources *x)
{
	gp_timeline_options topts = x->topts; /* its own: another thread may write the other */
	switch (i) {
	case OUT_TXT:
	case OUT_TJSON:
		topts.format = i == OUT_TXT ? GP_TIMELINE_TEXT : GP_TIMELINE_JSON;
		return gp_timeline_write(fp, x->ds, x->order, x->n, &topts);
	case OUT_CHART: return gp_timeline_chart_write(fp, x->ds, x->order, x->n, "svg", &x->copts);
	case OUT_DOT: return gp_graph_write_dot(fp, x->g, &x->dopt);
	case OUT_SVG: return gp_graph_render(fp, x->g, "svg", &x->dopt);
	case OUT_GEXF: return gp_graph_write_gexf(fp, x->g);
	case OUT_GRAPHML: return gp_graph_write_graphml(fp, x->g);
	case OUT_VIEW:
		return gp_view_write(fp, x->g, x->order, x->n, &x->topts, &x->vopts, &x->shown);
	default: return gp_graph_write_json(fp, x->g);
	}
}

/* The outputs of one export, and the folders it made. */
typedef struct {
	const char *dir;
	char *folder; /* a copy of dir that make_dirs() and remove_dirs() cut */
	size_t made;
	cli_output out[OUT_N];
	char *paths[OUT_N];
	int w[OUT_N]; /* each writer's status */
	int opened;
} job;

/*
 * With -j 2 or more the two timelines (text and JSON) are written on a
 * thread of their own while this one writes the rest: they read only the
 * dataset, which the graph's writers read too, and nothing of Graphviz,
 * whose state is process-wide (timeline.svg stays here with graph.svg).
 */
typedef struct {
	job *j;
	sources *x;
} timelines;

static void *write_timelines(void *arg)
{
	timelines *t = arg;
	for (int i = OUT_TXT; i <= OUT_TJSON && (i == OUT_TXT || t->j->w[i - 1] == GP_OK); i++) {
		t->j->w[i] = write_one(i, t->j->out[i].fp, t->x);
	}
	return NULL;
}

/* Write every file: the timelines on a second thread when asked (jobs > 1). */
static void write_all(job *j, sources *x, unsigned jobs)
{
	timelines t = { j, x };
	pthread_t th;
	int threaded = jobs > 1 && pthread_create(&th, NULL, write_timelines, &t) == 0;
	if (!threaded) {
		write_timelines(&t);
	}
	/* After a failure none is put in place: the rest are not written (nor rendered). */
	int ok = threaded || j->w[OUT_TJSON] == GP_OK;
	for (int i = OUT_TJSON + 1; ok && i < OUT_N; i++) {
		ok = (j->w[i] = write_one(i, j->out[i].fp, x)) == GP_OK;
	}
	if (threaded) {
		pthread_join(th, NULL);
	}
}

/* Create the folder and open the temporary files. An exit code. */
static int open_outputs(job *j)
{
	if (make_dirs(j->folder, &j->made) != 0) {
		return errno == ENOMEM ? cli_error(CLI_EXIT_INTERNAL, "out of memory")
				       : cli_error(CLI_EXIT_IO, "cannot create '%s': %s", j->dir,
						   strerror(errno));
	}
	for (j->opened = 0; j->opened < OUT_N; j->opened++) {
		size_t len = strlen(j->dir) + strlen(names[j->opened]) + 2;
		char *path = j->paths[j->opened] = malloc(len);
		if (!path) {
			return cli_error(CLI_EXIT_INTERNAL, "out of memory");
		}
		snprintf(path, len, "%s/%s", j->dir, names[j->opened]);
		int rc = cli_output_open(&j->out[j->opened], path);
		if (rc != CLI_EXIT_OK) {
			return rc;
		}
	}
	return CLI_EXIT_OK;
}

/*
 * Put the files in place, all or none (rc: how the work went), and say
 * what happened. Write errors are told by the commit, naming the file; the
 * rest here. Returns the exit code.
 */
static int finish(job *j, int rc)
{
	int ok = rc == CLI_EXIT_OK && j->opened == OUT_N;
	for (int i = 0; i < OUT_N; i++) {
		ok = ok && j->w[i] == GP_OK;
	}
	int crc = cli_output_commit(j->out, (size_t)j->opened, ok);
	rc = rc != CLI_EXIT_OK ? rc : crc;
	for (int i = 0; rc == CLI_EXIT_OK && i < OUT_N; i++) {
		if (j->w[i] == GP_ERROR) {
			rc = cli_error(CLI_EXIT_INTERNAL, "cannot render %s: %s", names[i],
				       gp_graph_last_error());
		} else if (j->w[i] != GP_OK) {
			rc = cli_error(cli_exit_for(j->w[i]), "cannot write '%s': %s", j->paths[i],
				       gp_strerror(j->w[i]));
		}
	}
	if (rc == CLI_EXIT_OK) {
		for (int i = 0; i < OUT_N; i++) {
			printf("wrote %s\n", j->paths[i]);
		}
	} else if (j->folder) {
		remove_dirs(j->folder, j->made);
	}
	for (int i = 0; i < OUT_N; i++) {
		free(j->paths[i]);
	}
	free(j->folder);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_SKIP_BAD |
				   CLI_OPT_LEVEL | CLI_OPT_BETWEENNESS | CLI_OPT_OUT_DIR |
				   CLI_OPT_JOBS | CLI_OPT_MAX_IDS | CLI_OPT_AS_OF |
				   CLI_OPT_MIN_COUNT | CLI_OPT_LAYOUT | CLI_OPT_VIEW,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	sources x = { .topts = GP_TIMELINE_OPTIONS_INIT,
		      .dopt = GP_DOT_OPTIONS_INIT,
		      .copts = GP_CHART_OPTIONS_INIT };
	if (o.as_of && (rc = cli_as_of(o.as_of, &x.topts)) >= 0) {
		return rc;
	}
	x.dopt.layout = o.layout;
	x.dopt.top_edges = o.top_edges;
	x.vopts.max_edges = o.top_edges; /* the page shows the picture's relations */
	x.vopts.max_events = o.max_events;
	x.dopt.hubs = cli_dot_hubs(&o);
	x.copts.level = o.level; /* the chart's lines at the graph's level */
	o.keep_events = 1;       /* the timeline needs them */
	gp_dataset *ds;
	gp_graph *g;
	if ((rc = cli_graph(&o, &ds, &g)) != CLI_EXIT_OK) {
		return rc;
	}
	/* The timeline uses the same filters as the graph. */
	gp_index *order = NULL;
	job j = { .dir = o.out_dir ? o.out_dir : "output" };
	if (!(j.folder = strdup(j.dir))) {
		rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
		goto done;
	}
	if ((rc = cli_timeline_order(ds, &o, &order, &x.n)) >= 0) {
		goto done;
	}
	if ((rc = open_outputs(&j)) != CLI_EXIT_OK) {
		goto done;
	}
	x.ds = ds, x.g = g, x.order = order;
	write_all(&j, &x, o.jobs);
done:
	rc = finish(&j, rc);
	if (rc == CLI_EXIT_OK) {
		cli_view_note(&x.shown, o.level, "view.html");
	}
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
	return rc;
}
