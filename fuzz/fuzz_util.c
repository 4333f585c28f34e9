/*
 * fuzz_util.c - what the harnesses share: a silent sink, files in memory,
 * loading as the command-line tool does, and running every writer.
 */
#define _GNU_SOURCE /* memfd_create */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
	abort();
}

static void quiet(const gp_diag *d, void *userdata)
{
	/* Read every byte of the strings, as a printing sink would. */
	volatile size_t *n = userdata;
	*n += strlen(d->file) + strlen(d->message);
}

void fuzz_sink_init(gp_diag_sink *sink)
{
	static volatile size_t bytes;
	gp_diag_sink init = GP_DIAG_SINK_INIT;
	*sink = init;
	sink->fn = quiet;
	sink->userdata = (void *)&bytes;
}

FILE *fuzz_null(void)
{
	static FILE *fp;
	if (!fp) {
		fp = fopen("/dev/null", "w");
		FUZZ_CHECK(fp != NULL);
	}
	return fp;
}

int fuzz_file(const void *data, size_t size, char *path, size_t path_size)
{
	int fd = memfd_create("fuzz", 0);
	if (fd < 0) {
		return -1;
	}
	for (size_t done = 0; done < size;) {
		ssize_t n = write(fd, (const char *)data + done, size - done);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	/* Opening this path opens the file again, from its start. */
	snprintf(path, path_size, "/proc/self/fd/%d", fd);
	return fd;
}

char *fuzz_graph_json(const gp_graph *g, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	if (!fp) {
		return NULL;
	}
	int rc = gp_graph_write_json(fp, g);
	if (fclose(fp) != 0 || rc != GP_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

void fuzz_check_same_graph(const gp_graph *a, gp_graph *b, gp_dataset *b_ds, const char *what)
{
	size_t na = 0, nb = 0;
	char *ja = fuzz_graph_json(a, &na), *jb = fuzz_graph_json(b, &nb);
	FUZZ_CHECK(ja && jb);
	if (na != nb || memcmp(ja, jb, na) != 0) {
		fprintf(stderr, "%s: the graphs differ\n--- first\n%s\n--- second\n%s\n", what, ja,
			jb);
		fuzz_fail(__FILE__, __LINE__, what);
	}
	free(ja);
	free(jb);
	gp_graph_free(b);
	gp_dataset_free(b_ds);
}

gp_dataset *fuzz_load(const char *name, const uint8_t *data, size_t size, gp_input_format fmt,
		      int skip_bad)
{
	gp_diag_sink sink;
	gp_dataset *ds;
	fuzz_sink_init(&sink);
	if (gp_dataset_new(&ds) != GP_OK) {
		return NULL;
	}
	gp_dataset_set_skip_bad(ds, skip_bad);
	/* As the command-line tool does: finish even after errors, to report them all. */
	int rc = data ? gp_dataset_load_buffer(ds, name, (const char *)data, size, fmt, &sink)
		      : gp_dataset_load_file(ds, name, fmt, &sink);
	int frc = gp_dataset_finish(ds, &sink);
	if ((rc != GP_OK && rc != GP_EINVALID) || frc != GP_OK || sink.errors) {
		gp_dataset_free(ds);
		return NULL;
	}
	return ds;
}

void fuzz_use_graph(const gp_graph *g)
{
	FILE *null = fuzz_null();
	gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
	size_t n = gp_graph_node_count(g);
	uint32_t *order = NULL, *path = NULL;
	size_t hops = 0;
	FUZZ_CHECK(gp_graph_write_json(null, g) == GP_OK);
	FUZZ_CHECK(gp_graph_write_dot(null, g, &dopt) == GP_OK);
	FUZZ_CHECK(gp_graph_write_partial(null, g, GP_EVENT_IDS_AUTO) == GP_OK);
	FUZZ_CHECK(gp_graph_write_gexf(null, g) == GP_OK);
	FUZZ_CHECK(gp_graph_write_graphml(null, g) == GP_OK);
	FUZZ_CHECK(gp_graph_write_cytoscape(null, g) == GP_OK);
	FUZZ_CHECK(gp_graph_write_graphology(null, g) == GP_OK);
	FUZZ_CHECK(gp_graph_write_d3(null, g) == GP_OK);
	if (gp_graph_ranking(&order, g) == GP_OK) {
		/* A ranking is an order of all the nodes. */
		uint8_t *seen = calloc(n ? n : 1, 1);
		FUZZ_CHECK(seen != NULL);
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(order[i] < n && !seen[order[i]]);
			seen[order[i]] = 1;
		}
		free(seen);
		for (int f = GP_TABLE_TEXT; f <= GP_TABLE_JSON; f++) {
			FUZZ_CHECK(gp_graph_write_actors(null, g, order, n, f) == GP_OK);
		}
		free(order);
	}
	if (n >= 2 && gp_graph_path(&path, &hops, g, 0, (uint32_t)(n - 1)) == GP_OK) {
		FUZZ_CHECK(hops >= 2 && path[0] == 0 && path[hops - 1] == n - 1);
		FUZZ_CHECK(gp_graph_write_path(null, g, path, hops) == GP_OK);
		free(path);
	}
}

unsigned fuzz_bits(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < size; i++) {
		h = (h ^ data[i]) * 16777619u;
	}
	return h ^ (h >> 16);
}

/* `geopol chain` through the first event with links (else the first event), in both formats. */
static void fuzz_use_chain(const gp_dataset *ds)
{
	size_t ne = gp_dataset_event_count(ds);
	gp_index ev = 0;
	while (ev < ne && ev < 1000 && gp_event_link_count(gp_dataset_event(ds, ev)) == 0) {
		ev++;
	}
	ev = ev < ne && ev < 1000 ? ev : 0;
	gp_index *chain;
	int8_t *side;
	size_t n;
	if (!ne || gp_timeline_chain(&chain, &side, &n, ds, NULL, ev) != GP_OK) {
		return;
	}
	gp_timeline_options to = GP_TIMELINE_OPTIONS_INIT;
	FUZZ_CHECK(gp_timeline_write_chain(fuzz_null(), ds, ev, chain, side, n, &to) == GP_OK);
	to.format = GP_TIMELINE_JSON;
	FUZZ_CHECK(gp_timeline_write_chain(fuzz_null(), ds, ev, chain, side, n, &to) == GP_OK);
	free(chain);
	free(side);
}

void fuzz_use_dataset(const gp_dataset *ds, int level)
{
	FILE *null = fuzz_null();
	gp_index *order;
	size_t n;
	if (gp_timeline_build(&order, &n, ds, NULL) == GP_OK) {
		gp_timeline_options to = GP_TIMELINE_OPTIONS_INIT;
		const char as_of[] = "2025-08-06";
		FUZZ_CHECK(gp_date_parse(&to.as_of, as_of, strlen(as_of), NULL) == 0);
		to.as_of_text = as_of;
		for (int f = GP_TIMELINE_TEXT; f <= GP_TIMELINE_ICS; f++) {
			/* Text, JSON and iCalendar also use the as-of date. */
			to.format = f;
			to.color = f == GP_TIMELINE_TEXT;
			to.has_as_of = f == GP_TIMELINE_TEXT || f == GP_TIMELINE_JSON ||
				       f == GP_TIMELINE_ICS;
			FUZZ_CHECK(gp_timeline_write(null, ds, order, n, &to) == GP_OK);
		}
		/* The text timeline with its footnotes (--sources), without --as-of. */
		to.format = GP_TIMELINE_TEXT;
		to.sources = 1;
		to.has_as_of = 0;
		FUZZ_CHECK(gp_timeline_write(null, ds, order, n, &to) == GP_OK);
		/* The theme-line chart: its layout and DOT (rendering is Graphviz's). */
		gp_chart_options co = GP_CHART_OPTIONS_INIT;
		co.level = level;
		FUZZ_CHECK(gp_timeline_chart_write(null, ds, order, n, "dot", &co) == GP_OK);
		free(order);
	}
	fuzz_use_chain(ds);
	/*
	 * At country level, as `geopol graph --actor A --min-count 2 --status
	 * S...` filters (A: the first actor; S: all but denied).
	 */
	gp_filter f = GP_FILTER_INIT;
	uint8_t *mask = NULL;
	gp_index first = 0;
	if (level == GP_LEVEL_COUNTRY && gp_dataset_actor_count(ds) &&
	    gp_filter_actor_mask(&mask, ds, &first, 1) == GP_OK) {
		f.actor_mask = mask;
		f.statuses = ((1u << GP_STATUS_COUNT) - 1) & ~(1u << GP_STATUS_DENIED);
	}
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	gp_graph *g;
	go.level = level;
	go.filter = mask ? &f : NULL;
	go.min_count = mask ? 2 : 0;
	go.max_event_ids = GP_EVENT_IDS_AUTO;
	if (gp_graph_build(&g, ds, &go) == GP_OK) {
		fuzz_use_graph(g);
		gp_graph_free(g);
	}
	free(mask);
}

gp_graph *fuzz_stream(gp_dataset **ds, const char *path, gp_input_format fmt, int level,
		      int skip_bad, int lean)
{
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	gp_diag_sink sink;
	gp_graph *g = NULL;
	fuzz_sink_init(&sink);
	go.collapse_codes = go.sources_later = lean;
	go.level = level;
	go.max_event_ids = GP_EVENT_IDS_AUTO;
	*ds = NULL;
	if (gp_dataset_new(ds) != GP_OK) {
		return NULL;
	}
	gp_dataset_set_skip_bad(*ds, skip_bad);
	gp_dataset_set_brief_events(*ds, 1);
	if (gp_graph_stream(&g, *ds, &path, 1, fmt, &go, &sink) != GP_OK) {
		gp_dataset_free(*ds);
		*ds = NULL;
		return NULL;
	}
	return g;
}

/* `geopol timeline --skip-bad`: rows kept compactly, rebuilt when written. */
static void compact_timeline(const uint8_t *data, size_t size, gp_input_format fmt)
{
	gp_diag_sink sink;
	gp_dataset *ds;
	gp_index *order;
	size_t n;
	fuzz_sink_init(&sink);
	FUZZ_CHECK(gp_dataset_new(&ds) == GP_OK);
	gp_dataset_set_skip_bad(ds, 1);
	gp_dataset_set_compact_rows(ds, GP_ROWS_COMPACT, NULL);
	gp_dataset_load_buffer(ds, "rows", (const char *)data, size, fmt, &sink);
	if (gp_dataset_finish(ds, &sink) == GP_OK && !sink.errors &&
	    gp_timeline_build(&order, &n, ds, NULL) == GP_OK) {
		gp_timeline_options to = GP_TIMELINE_OPTIONS_INIT;
		for (int f = GP_TIMELINE_TEXT; f <= GP_TIMELINE_CSV; f++) {
			to.format = f;
			FUZZ_CHECK(gp_timeline_write(fuzz_null(), ds, order, n, &to) == GP_OK);
		}
		free(order);
	}
	gp_dataset_free(ds);
}

/*
 * `geopol graph [--skip-bad] ROWS` against `geopol import --skip-bad ROWS`
 * then `geopol graph`: the same JSON, unless the import skipped more rows (a
 * repeated id, which only kept rows can tell). lean: the rows' graph as a
 * picture reads them (fuzz_stream), its JSON the same all the same.
 */
static void round_trip(const char *rows_path, gp_input_format fmt, int level, int skip_bad,
		       int lean)
{
	char jsonl_path[64];
	char *jsonl = NULL;
	size_t jsonl_len = 0;
	int jsonl_fd = -1;
	gp_dataset *kept = fuzz_load(rows_path, NULL, 0, fmt, 1);
	if (kept) {
		FILE *fp = open_memstream(&jsonl, &jsonl_len);
		FUZZ_CHECK(fp != NULL);
		int rc = gp_dataset_write_jsonl(fp, kept);
		FUZZ_CHECK(fclose(fp) == 0 && rc == GP_OK);
		jsonl_fd = fuzz_file(jsonl, jsonl_len, jsonl_path, sizeof(jsonl_path));
		FUZZ_CHECK(jsonl_fd >= 0);
	}
	gp_dataset *ds_rows, *ds_jsonl;
	gp_graph *g_rows = fuzz_stream(&ds_rows, rows_path, fmt, level, skip_bad, lean);
	if (g_rows) {
		/* Rows that make a graph import, and their import makes the same graph. */
		FUZZ_CHECK(kept != NULL);
		gp_graph *g_jsonl = fuzz_stream(&ds_jsonl, jsonl_path, GP_INPUT_JSONL, level, 0, 0);
		FUZZ_CHECK(g_jsonl != NULL);
		uint64_t import_skipped = gp_dataset_skipped_rows(kept);
		FUZZ_CHECK(import_skipped >= gp_dataset_skipped_rows(ds_rows));
		if (import_skipped == gp_dataset_skipped_rows(ds_rows)) {
			fuzz_check_same_graph(g_rows, g_jsonl, ds_jsonl,
					      "graph of the rows vs graph of their import");
		} else {
			gp_graph_free(g_jsonl);
			gp_dataset_free(ds_jsonl);
		}
	}
	gp_graph_free(g_rows);
	gp_dataset_free(ds_rows);
	gp_dataset_free(kept);
	if (jsonl_fd >= 0) {
		close(jsonl_fd);
	}
	free(jsonl);
}

int fuzz_tabular(const uint8_t *data, size_t size, gp_input_format fmt)
{
	/* One reading of the rows per input, chosen by its hash, at the level chosen too. */
	unsigned bits = fuzz_bits(data, size);
	int level = bits & 1;
	char rows_path[64];
	int rows_fd = fuzz_file(data, size, rows_path, sizeof(rows_path));
	FUZZ_CHECK(rows_fd >= 0);
	gp_dataset *ds;
	gp_graph *g;
	switch ((bits >> 1) & 3) {
	case 0: round_trip(rows_path, fmt, level, (bits >> 3) & 1, (bits >> 4) & 1); break;
	case 1: /* the rows kept whole, as `geopol export` uses them */
		if ((ds = fuzz_load(rows_path, NULL, 0, fmt, 1)) != NULL) {
			fuzz_use_dataset(ds, level);
			gp_dataset_free(ds);
		}
		break;
	case 2: compact_timeline(data, size, fmt); break;
	default: /* without --skip-bad: every malformed row reported */
		gp_dataset_free(fuzz_load("rows", data, size, fmt, 0));
		g = fuzz_stream(&ds, rows_path, fmt, level, 0, 0);
		gp_graph_free(g);
		gp_dataset_free(ds);
		break;
	}
	close(rows_fd);
	return 0;
}
