/*
 * test_stream.c - src/stream.c: gp_graph_stream, the graph of GDELT and
 * ICEWS rows aggregated as they are read, must be the graph gp_graph_build
 * makes of the same rows kept in a dataset, whether one thread reads a file
 * or several read ranges of it (-j); and gp_graph_merge of the partial
 * graphs of a file's parts must be the graph of the whole. Graphs are
 * compared as their JSON (gp_graph_write_json), byte for byte.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph_impl.h" /* white-box: the sources a graph left in its files */
#include "harness.h"

#define REAL "tests/data/real/"

typedef struct {
	char s[8192];
	size_t n;
} gp_sbuf_test;

/* A graph option set: the level, max_event_ids, jobs (the rest as GP_GRAPH_OPTIONS_INIT). */
static gp_graph_options options(gp_level level, uint32_t max_ids, unsigned jobs)
{
	gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
	o.level = level;
	o.max_event_ids = max_ids;
	o.jobs = jobs;
	return o;
}

/* How a graph is made of the files. */
enum { BUILD, STREAM, MERGE, STREAM_PARTIAL };

/*
 * The graph of the files, as JSON (gp_graph_write_json), made by loading
 * them into a dataset and gp_graph_build (BUILD), by gp_graph_stream
 * (STREAM), or by gp_graph_merge of partial graphs (MERGE); or as a partial
 * graph (STREAM_PARTIAL: streamed, gp_graph_write_partial). NULL when there
 * is no graph. The diagnostics in *d (initialised here; release them), the
 * status in *rc, the rows skipped (skip_bad) in *skipped.
 */
static char *graph_of(int how, const char *const *paths, size_t n, const gp_graph_options *o,
		      int skip_bad, test_diags *d, int *rc, uint64_t *skipped)
{
	gp_dataset *ds = NULL;
	gp_graph *g = NULL;
	test_diags_init(d);
	CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
	gp_dataset_set_skip_bad(ds, skip_bad);
	if (how == STREAM || how == STREAM_PARTIAL) {
		*rc = gp_graph_stream(&g, ds, paths, n, GP_INPUT_AUTO, o, &d->sink);
	} else if (how == MERGE) {
		*rc = gp_graph_merge(&g, ds, paths, n, o, &d->sink);
	} else {
		*rc = GP_OK;
		for (size_t i = 0; i < n; i++) {
			int r = gp_dataset_load_file(ds, paths[i], GP_INPUT_AUTO, &d->sink);
			*rc = *rc != GP_OK ? *rc : r;
		}
		int r = gp_dataset_finish(ds, &d->sink);
		*rc = *rc != GP_OK ? *rc : r != GP_OK ? r : gp_graph_build(&g, ds, o);
	}
	*skipped = gp_dataset_skipped_rows(ds);
	char *text = NULL;
	if (g && how == STREAM_PARTIAL) {
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);
		CU_ASSERT_FATAL(fp != NULL);
		EXPECT_I64(gp_graph_write_partial(fp, g, o->max_event_ids), GP_OK);
		CU_ASSERT_FATAL(fclose(fp) == 0);
	} else if (g) {
		text = test_graph_json_text(g);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
	return text;
}

/* The graph of valid files (no diagnostic), made as graph_of says. */
static char *graph_ok(int how, const char *const *paths, size_t n, const gp_graph_options *o)
{
	test_diags d;
	int rc;
	uint64_t skipped;
	char *text = graph_of(how, paths, n, o, 0, &d, &rc, &skipped);
	EXPECT_I64(rc, GP_OK);
	EXPECT_NO_DIAGS(&d);
	test_diags_release(&d);
	CU_ASSERT_FATAL(text != NULL);
	return text;
}

/* A file's text, malloc()ed, with its length. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	CU_ASSERT_FATAL(fp != NULL);
	CU_ASSERT_FATAL(fseek(fp, 0, SEEK_END) == 0);
	long size = ftell(fp);
	CU_ASSERT_FATAL(size >= 0 && fseek(fp, 0, SEEK_SET) == 0);
	char *text = malloc((size_t)size + 1);
	CU_ASSERT_FATAL(text != NULL);
	*len = fread(text, 1, (size_t)size, fp);
	text[*len] = '\0';
	fclose(fp);
	return text;
}

/*
 * A GDELT file past the 1 MiB that -j cuts into ranges: the real 2.0 and
 * 1.0 slices (61, 58 and 57 columns) over and over, each copy's ids moved
 * by another 10^9 so that every row is its own event. Row `bad` (1-based;
 * 0: none) of each copy below `bad_copies` gets an invalid date.
 */
static void write_big(char *path, size_t size, size_t bad, unsigned bad_copies)
{
	static const char *const slices[] = { REAL "gdelt2.csv", REAL "gdelt1.tsv" };
	enum { COPIES = 30 };
	size_t len[2], cap = 0, n = 0;
	char *text[2];
	for (int s = 0; s < 2; s++) {
		text[s] = slurp(slices[s], &len[s]);
		cap += COPIES * (len[s] + 4096);
	}
	char *out = malloc(cap);
	CU_ASSERT_FATAL(out != NULL);
	size_t rows = 0;
	for (unsigned copy = 0; copy < COPIES; copy++) {
		size_t row = 0;
		for (int s = 0; s < 2; s++) {
			char *tab, *nl;
			for (char *line = text[s];
			     (tab = strchr(line, '\t')) && (nl = strchr(line, '\n'));
			     row++, rows++) {
				unsigned long long id =
					strtoull(line, NULL, 10) + copy * 1000000000ULL;
				int broken = row + 1 == bad && copy < bad_copies;
				n += (size_t)snprintf(out + n, cap - n, "%llu\t%s", id,
						      broken ? "20171399" : "");
				char *rest = broken ? strchr(tab + 1, '\t') : tab + 1;
				memcpy(out + n, rest, (size_t)(nl + 1 - rest));
				n += (size_t)(nl + 1 - rest);
				line = nl + 1;
			}
		}
	}
	EXPECT_I64(rows, COPIES * 110); /* 60 rows of gdelt2.csv, 50 of gdelt1.tsv */
	CU_ASSERT_FATAL(n > (1u << 20));
	test_tmp_file(path, size, "big.tsv", out, n);
	free(out);
	free(text[0]);
	free(text[1]);
}

/*
 * A file of 3,300 rows past 1 MiB: streamed by one thread and by two (two
 * ranges, merged), it is the graph of its rows kept in a dataset, at actor
 * and at country level, with every event listed or the first few; at
 * country level also with codes read as countries (collapse_codes) and with
 * the URLs read back from the file (sources_later), which both threads
 * leave there.
 */
static void test_stream_equals_build(void)
{
	char path[256];
	write_big(path, sizeof(path), 0, 0);
	const char *const paths[] = { path };
	static const struct {
		gp_level level;
		uint32_t max_ids;
		int collapse, later;
	} cases[] = { { GP_LEVEL_ACTOR, 0, 0, 0 },
		      { GP_LEVEL_COUNTRY, 0, 0, 0 },
		      { GP_LEVEL_ACTOR, 3, 0, 0 },
		      { GP_LEVEL_COUNTRY, 0, 1, 0 },
		      { GP_LEVEL_COUNTRY, 10, 1, 1 } };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gp_graph_options o1 = options(cases[i].level, cases[i].max_ids, 1);
		gp_graph_options o2 = options(cases[i].level, cases[i].max_ids, 2);
		o1.collapse_codes = o2.collapse_codes = cases[i].collapse;
		o1.sources_later = o2.sources_later = cases[i].later;
		char *whole = graph_ok(BUILD, paths, 1, &o1);
		char *one = graph_ok(STREAM, paths, 1, &o1), *two = graph_ok(STREAM, paths, 1, &o2);
		/* Rows' SOURCEURLs are the edges' sources, whether rows are kept or streamed. */
		EXPECT_TRUE(strstr(whole, "\"sources\":[\"http") != NULL);
		EXPECT_SAME_TEXT(one, whole);
		EXPECT_SAME_TEXT(two, whole);
		free(whole), free(one), free(two);
	}
	/* The edges in order by qsort, as when keys are too wide for the radix sort. */
	gp_graph_options oa = options(GP_LEVEL_ACTOR, 0, 1);
	char *radix = graph_ok(STREAM, paths, 1, &oa);
	gp__agg_radix_bits = 0;
	char *sorted = graph_ok(STREAM, paths, 1, &oa);
	gp__agg_radix_bits = 64;
	EXPECT_SAME_TEXT(sorted, radix);
	free(radix), free(sorted);
	/*
	 * The file twice (streamed rows are not checked for ids met before): by
	 * two threads, the first part is moved whole into the empty aggregator,
	 * the next three merged edge by edge; the graph of one thread.
	 */
	const char *const twice[] = { path, path };
	gp_graph_options o1 = options(GP_LEVEL_COUNTRY, 0, 1), o2 = options(GP_LEVEL_COUNTRY, 0, 2);
	char *one = graph_ok(STREAM, twice, 2, &o1), *two = graph_ok(STREAM, twice, 2, &o2);
	char *once = graph_ok(STREAM, paths, 1, &o1);
	EXPECT_TRUE(strcmp(once, one) != 0); /* the second file counted */
	EXPECT_SAME_TEXT(two, one);
	free(once), free(one), free(two);
	unlink(path);
}

/*
 * A GDELT 1.0 row: the first of the real slice with its id and actor
 * columns (code and country code of each side) replaced, and its
 * SOURCEURL when url is not NULL, as a line.
 */
static void gdelt_row(gp_sbuf_test *out, const char *tmpl, unsigned id, const char *code1,
		      const char *country1, const char *code2, const char *country2,
		      const char *url)
{
	const char *set[58] = { 0 };
	char num[16];
	snprintf(num, sizeof(num), "%u", id);
	set[0] = num, set[5] = code1, set[7] = country1, set[15] = code2, set[17] = country2;
	set[57] = url;
	const char *p = tmpl;
	for (int col = 0; col < 58; col++) {
		size_t n = strcspn(p, "\t\n");
		const char *v = set[col] ? set[col] : p;
		size_t vn = set[col] ? strlen(set[col]) : n;
		if (out->n + vn + 2 >= sizeof(out->s)) {
			CU_FAIL_FATAL("a GDELT row longer than its buffer");
		}
		memcpy(out->s + out->n, v, vn);
		out->n += vn;
		out->s[out->n++] = col == 57 ? '\n' : '\t';
		p += n + (p[n] == '\t');
	}
}

/*
 * collapse_codes: at country level a GDELT code that comes with its country
 * is read as that country and kept as no actor, yet the graph is the graph
 * of the rows kept, whatever order codes and countries come in: a code seen
 * with its country then without (still that country), without then with
 * (its own node), a bare country code beside another country column, a code
 * past the 16 bytes the map holds, a code named later in a country column,
 * and a code that is already an actor.
 */
static void test_stream_collapse_codes(void)
{
	size_t len;
	char *real = slurp(REAL "gdelt1.tsv", &len);
	static const char *const rows[][4] = {
		{ "USAGOV", "USA", "RUSMIL", "RUS" },
		{ "USAGOV", "", "RUSMIL", "RUS" },
		{ "EDUXYZ", "", "CHNGOV", "CHN" },
		{ "EDUXYZ", "FRA", "USAGOV", "USA" },
		{ "USA", "CAN", "FRA", "FRA" },
		{ "DEU", "POL", "DEUGOV", "DEU" },
		{ "GBRGOVMILCOPJUDLEG", "GBR", "GBRGOV", "GBR" },
		{ "IRN", "GBRGOV", "ITAGOV", "ITA" },
		{ "ITAGOV", "ESP", "CHNGOV", "" },
		{ "", "RUSMIL", "RUSMIL", "" },
		{ "CHN", "CHN", "USAGOV", "" },
	};
	/* Two files: a reader remembers codes in a cache of its own, the dataset across files. */
	enum { FIRST = 7 };
	gp_sbuf_test text[2] = { { { 0 }, 0 }, { { 0 }, 0 } };
	for (unsigned i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		gdelt_row(&text[i >= FIRST], real, 900000001u + i, rows[i][0], rows[i][1],
			  rows[i][2], rows[i][3], NULL);
	}
	free(real);
	char path[2][256];
	test_tmp_file(path[0], sizeof(path[0]), "codes1.tsv", text[0].s, text[0].n);
	test_tmp_file(path[1], sizeof(path[1]), "codes2.tsv", text[1].s, text[1].n);
	const char *const paths[] = { path[0], path[1] };
	gp_graph_options o = options(GP_LEVEL_COUNTRY, 0, 1);
	char *want = graph_ok(BUILD, paths, 2, &o);
	size_t actors[2];
	for (int collapse = 0; collapse <= 1; collapse++) {
		gp_dataset *ds;
		gp_graph *g = NULL;
		test_diags d;
		test_diags_init(&d);
		CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
		o.collapse_codes = collapse;
		EXPECT_I64(gp_graph_stream(&g, ds, paths, 2, GP_INPUT_AUTO, &o, &d.sink), GP_OK);
		EXPECT_NO_DIAGS(&d);
		test_diags_release(&d);
		CU_ASSERT_FATAL(g != NULL);
		char *got = test_graph_json_text(g);
		EXPECT_SAME_TEXT(got, want);
		actors[collapse] = gp_dataset_actor_count(ds);
		/* Collapsed, a code with its country is no actor; one first seen without is. */
		EXPECT_TRUE((gp_dataset_find_actor(ds, "RUSMIL") != GP_NONE) == !collapse);
		EXPECT_TRUE(gp_dataset_find_actor(ds, "EDUXYZ") != GP_NONE);
		free(got);
		gp_graph_free(g);
		gp_dataset_free(ds);
	}
	EXPECT_TRUE(actors[1] < actors[0]);
	/* Two threads read what one does. */
	o.jobs = 2;
	char *two = graph_ok(STREAM, paths, 2, &o);
	EXPECT_SAME_TEXT(two, want);
	free(two);
	free(want);
	unlink(path[0]);
	unlink(path[1]);
}

/* A graph's DOT text (its tooltips list events' sources, its links the first). */
static char *dot_text(const gp_graph *g)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_graph_write_dot(fp, g, NULL), GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	return text;
}

/* gp_graph_stream of one file by `jobs` threads, sources_later set or not: the graph, its dataset in *ds. */
static gp_graph *stream_jobs(gp_dataset **ds, const char *path, gp_level level, int later,
			     unsigned jobs)
{
	gp_graph *g = NULL;
	gp_graph_options o = options(level, 0, jobs);
	test_diags d;
	test_diags_init(&d);
	o.sources_later = later;
	CU_ASSERT_FATAL(gp_dataset_new(ds) == GP_OK);
	EXPECT_I64(gp_graph_stream(&g, *ds, &path, 1, GP_INPUT_AUTO, &o, &d.sink), GP_OK);
	EXPECT_NO_DIAGS(&d);
	test_diags_release(&d);
	CU_ASSERT_FATAL(g != NULL);
	return g;
}

static gp_graph *stream_one(gp_dataset **ds, const char *path, gp_level level, int later)
{
	return stream_jobs(ds, path, level, later, 1);
}

/*
 * sources_later: the URLs of GDELT rows stay in a plain file until an
 * output needs them, and every output is the same as when they were read
 * at once (JSON, a picture's tooltips and links, an edge's sources), with
 * "\r\n" line ends and a last line without one too. A file changed since
 * it was read fails the output that needs it, naming the file; a gzipped
 * file's URLs are read as the rows are.
 */
static void test_stream_sources_later(void)
{
	size_t len;
	char *real = slurp(REAL "gdelt2.csv", &len);
	/* "\r\n" on every other line, and no newline at the very end. */
	char *text = malloc(2 * len + 1);
	CU_ASSERT_FATAL(text != NULL);
	size_t n = 0, line = 0;
	for (size_t i = 0; i < len; i++) {
		if (real[i] == '\n' && line++ % 2 == 0) {
			text[n++] = '\r';
		}
		if (!(real[i] == '\n' && i + 1 == len)) {
			text[n++] = real[i];
		}
	}
	free(real);
	char path[256];
	test_tmp_file(path, sizeof(path), "later.csv", text, n);
	for (int level = GP_LEVEL_ACTOR; level <= GP_LEVEL_COUNTRY; level++) {
		gp_dataset *ds_now, *ds_later;
		gp_graph *now = stream_one(&ds_now, path, (gp_level)level, 0);
		gp_graph *later = stream_one(&ds_later, path, (gp_level)level, 1);
		/* The picture first: it reads only the sources of the edges it draws. */
		char *dot_now = dot_text(now), *dot_later = dot_text(later);
		EXPECT_SAME_TEXT(dot_later, dot_now);
		EXPECT_TRUE(strstr(dot_now, "URL=\"http") != NULL);
		const char **s_now, **s_later;
		size_t n_now, n_later;
		const gp_edge *e_now = gp_graph_edge(now, 0), *e_later = gp_graph_edge(later, 0);
		EXPECT_I64(gp_graph_edge_sources(&s_now, &n_now, now, e_now), GP_OK);
		EXPECT_I64(gp_graph_edge_sources(&s_later, &n_later, later, e_later), GP_OK);
		EXPECT_I64(n_later, n_now);
		EXPECT_TRUE(n_now > 0 && strcmp(s_later[0], s_now[0]) == 0 &&
			    strchr(s_now[0], '\r') == NULL);
		free(s_now), free(s_later);
		char *json_now = test_graph_json_text(now),
		     *json_later = test_graph_json_text(later);
		EXPECT_SAME_TEXT(json_later, json_now);
		free(dot_now), free(dot_later), free(json_now), free(json_later);
		gp_graph_free(now), gp_graph_free(later);
		gp_dataset_free(ds_now), gp_dataset_free(ds_later);
	}
	/*
	 * Beside an annotated file, whose events' sources are the dataset's:
	 * each edge's sources asked one by one (some edges have none left in
	 * the file), then the JSON, as with the sources read at once.
	 */
	const char *const mixed[] = { "tests/data/small.json", path };
	char *first = NULL;
	for (int later = 0; later <= 1; later++) {
		gp_graph_options o = options(GP_LEVEL_ACTOR, 0, 1);
		o.sources_later = later;
		gp_dataset *mds;
		gp_graph *mg = NULL;
		test_diags md;
		test_diags_init(&md);
		CU_ASSERT_FATAL(gp_dataset_new(&mds) == GP_OK);
		EXPECT_I64(gp_graph_stream(&mg, mds, mixed, 2, GP_INPUT_AUTO, &o, &md.sink), GP_OK);
		test_diags_release(&md);
		CU_ASSERT_FATAL(mg != NULL);
		size_t total = 0;
		for (size_t i = 0; i < gp_graph_edge_count(mg); i++) {
			const char **s;
			size_t ns;
			EXPECT_I64(gp_graph_edge_sources(&s, &ns, mg, gp_graph_edge(mg, i)), GP_OK);
			total += ns;
			free(s);
		}
		EXPECT_TRUE(total > 0);
		char *json = test_graph_json_text(mg);
		if (later) {
			EXPECT_SAME_TEXT(json, first);
			free(first);
			free(json);
		} else {
			first = json;
		}
		gp_graph_free(mg);
		gp_dataset_free(mds);
	}
	/*
	 * Replaced since it was read, even by the same bytes (another file in
	 * its place): no output that needs its URLs.
	 */
	gp_dataset *ds;
	gp_graph *g = stream_one(&ds, path, GP_LEVEL_ACTOR, 1);
	char again[256];
	test_tmp_file(again, sizeof(again), "later-again.csv", text, n);
	CU_ASSERT_FATAL(rename(again, path) == 0);
	FILE *fp;
	char *out = NULL;
	size_t out_len = 0;
	fp = open_memstream(&out, &out_len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(gp_graph_write_json(fp, g), GP_EIO);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	EXPECT_I64(out_len, 0); /* found before a byte is written */
	EXPECT_TRUE(strstr(gp_graph_last_error(), path) != NULL &&
		    strstr(gp_graph_last_error(), "changed") != NULL);
	free(out);
	gp_graph_free(g);
	gp_dataset_free(ds);
	unlink(path);
	free(text);
}

/* A graph's text in a writer that goes through every edge. */
static char *written(int (*write)(FILE *, const gp_graph *), const gp_graph *g)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	CU_ASSERT_FATAL(fp != NULL);
	EXPECT_I64(write(fp, g), GP_OK);
	CU_ASSERT_FATAL(fclose(fp) == 0);
	return text;
}

/* Do the sources of edge i of g, streamed from test_stream_sources_windows' rows, fit? */
static size_t window_rows_wrong(const gp_graph *g, size_t i, size_t *long_ones)
{
	const gp_edge *e = gp_graph_edge(g, i);
	const gp_dataset *ds = gp_graph_dataset(g);
	const char *a = gp_dataset_actor(ds, gp_graph_node(g, e->source)->actor)->id;
	unsigned pair = (unsigned)strtoul(a + 1, NULL, 10);
	const char **s;
	size_t ns, bad = 0;
	EXPECT_I64(gp_graph_edge_sources(&s, &ns, g, e), GP_OK);
	EXPECT_I64(ns, e->count);
	for (size_t k = 0; k < ns; k++) {
		char want[64];
		unsigned r = (unsigned)strtoul(s[k] + strlen("https://example.org/"), NULL, 10);
		size_t n = (size_t)snprintf(want, sizeof(want), "https://example.org/%u/", r);
		bad += r % 7 != pair || strncmp(s[k], want, n) != 0 ||
		       strlen(s[k]) != (r % 500 == 17 ? 2500 : n);
		*long_ones += strlen(s[k]) == 2500;
	}
	free(s);
	return bad;
}

/*
 * A file changed in place after the first windows were read (same size and
 * times: only its bytes tell): a row of pair 5 fails the window of edges 4
 * and 5 when the writer reaches it, with the message naming the file; the
 * windows before it are fine, and every source goes back to the file.
 */
static void windows_changed_later(gp_graph *g, const char *path, size_t pairs)
{
	size_t len, e5 = SIZE_MAX;
	char *text = slurp(path, &len);
	const char *url = text ? strstr(text, "https://example.org/5/") : NULL;
	struct stat st;
	CU_ASSERT_FATAL(url != NULL && stat(path, &st) == 0);
	for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
		const gp_node *n = gp_graph_node(g, gp_graph_edge(g, i)->source);
		if (strcmp(gp_dataset_actor(gp_graph_dataset(g), n->actor)->id, "A5") == 0) {
			e5 = i;
		}
	}
	CU_ASSERT_FATAL(e5 == 5);
	int fd = open(path, O_WRONLY);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(pwrite(fd, "\t", 1, (off_t)(url - text) + 8) == 1); /* https://\t */
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	CU_ASSERT_FATAL(futimens(fd, times) == 0 && close(fd) == 0);
	gp_sources_window win = { 0 };
	win.per_window = 2500;
	for (size_t i = 0; i < pairs; i++) {
		int rc = gp__sources_window_at(&win, g, i);
		if (i < 4) {
			EXPECT_I64(rc, GP_OK);
			continue;
		}
		EXPECT_I64(rc, GP_EIO);
		EXPECT_TRUE(
			strstr(gp_graph_last_error(),
			       "windows.tsv: cannot read its rows' source URLs back: it changed "
			       "since it was read") != NULL);
		break;
	}
	gp__sources_window_end(&win);
	free(text);
}

/*
 * The writers that go through every edge (JSON, GEXF, partial; GraphML and
 * Cytoscape.js as these) read the sources left in the file a window of
 * edges at a time and put them back once written. Seven edges of 1,000
 * events each (all listed): written with the sources left in the file, the
 * same text as read at once, again after a picture read some; then in
 * windows of 2,500 events (two edges; 65,536 in the writers): each edge in
 * its window has its own rows' URLs, a URL longer than what a read takes
 * first and the last line's without a newline too, the edges before it are
 * back in the file, and all are once the window ends.
 */
enum { WIN_ROWS = 7000, WIN_PAIRS = 7 };

/* test_stream_sources_windows' file: its path in path. */
static void write_windows_file(char *path, size_t size)
{
	size_t len;
	char *real = slurp(REAL "gdelt1.tsv", &len);
	enum { ROWS = WIN_ROWS, PAIRS = WIN_PAIRS };
	test_tmp_file(path, size, "windows.tsv", "", 0);
	FILE *fp = fopen(path, "w");
	CU_ASSERT_FATAL(fp != NULL);
	static char url[3000];
	static gp_sbuf_test row;
	for (unsigned i = 0; i < ROWS; i++) {
		row.n = 0;
		char a[16], b[16];
		snprintf(a, sizeof(a), "A%u", i % PAIRS);
		snprintf(b, sizeof(b), "B%u", i % PAIRS);
		int n = snprintf(url, sizeof(url), "https://example.org/%u/", i);
		/* Every 500th URL is 2,500 bytes long. */
		while (i % 500 == 17 && n < 2500) {
			url[n++] = 'x';
		}
		url[n] = '\0';
		gdelt_row(&row, real, 700000001u + i, a, "", b, "", url);
		if (fwrite(row.s, 1, row.n - (i + 1 == ROWS), fp) != row.n - (i + 1 == ROWS)) {
			CU_FAIL_FATAL("cannot write the rows");
		}
	}
	CU_ASSERT_FATAL(fclose(fp) == 0);
	free(real);
}

static void test_stream_sources_windows(void)
{
	enum { ROWS = WIN_ROWS, PAIRS = WIN_PAIRS };
	char path[256];
	write_windows_file(path, sizeof(path));
	gp_dataset *ds_now, *ds_later;
	gp_graph *now = stream_one(&ds_now, path, GP_LEVEL_ACTOR, 0);
	gp_graph *later = stream_one(&ds_later, path, GP_LEVEL_ACTOR, 1);
	CU_ASSERT_FATAL(gp_graph_edge_count(later) == PAIRS);
	EXPECT_I64(later->src_in_files, ROWS);
	/* In windows of two edges. */
	gp_sources_window win = { 0 };
	win.per_window = 2500;
	size_t long_ones = 0;
	for (size_t i = 0; i < PAIRS; i++) {
		EXPECT_I64(gp__sources_window_at(&win, later, i), GP_OK);
		EXPECT_I64(win.from, i / 2 * 2);
		EXPECT_I64(later->src_in_files, ROWS - (win.to - win.from) * (ROWS / PAIRS));
		EXPECT_I64(window_rows_wrong(later, i, &long_ones), 0);
	}
	gp__sources_window_end(&win);
	EXPECT_I64(long_ones, ROWS / 500);
	EXPECT_I64(later->src_in_files, ROWS);
	/* The writers' windows. */
	int (*const writers[])(FILE *, const gp_graph *) = { gp_graph_write_json,
							     gp_graph_write_gexf,
							     gp_graph_write_json };
	size_t left = ROWS;
	for (size_t w = 0; w < sizeof(writers) / sizeof(writers[0]); w++) {
		char *a = written(writers[w], now), *b = written(writers[w], later);
		EXPECT_SAME_TEXT(b, a);
		EXPECT_I64(later->src_in_files, left);
		free(a), free(b);
		if (w == 1) {
			/* The picture reads the sources of the edges it draws for good. */
			gp_dot_options o = GP_DOT_OPTIONS_INIT;
			o.top_edges = 3;
			char *dot = NULL;
			size_t dot_len = 0;
			FILE *dp = open_memstream(&dot, &dot_len);
			CU_ASSERT_FATAL(dp != NULL);
			EXPECT_I64(gp_graph_write_dot(dp, later, &o), GP_OK);
			CU_ASSERT_FATAL(fclose(dp) == 0);
			free(dot);
			left = later->src_in_files;
			EXPECT_TRUE(left > 0 && left < ROWS);
		}
	}
	char *partial_now = NULL, *partial_later = NULL;
	size_t n1 = 0, n2 = 0;
	FILE *f1 = open_memstream(&partial_now, &n1), *f2 = open_memstream(&partial_later, &n2);
	CU_ASSERT_FATAL(f1 && f2);
	EXPECT_I64(gp_graph_write_partial(f1, now, GP_EVENT_IDS_AUTO), GP_OK);
	EXPECT_I64(gp_graph_write_partial(f2, later, GP_EVENT_IDS_AUTO), GP_OK);
	CU_ASSERT_FATAL(fclose(f1) == 0 && fclose(f2) == 0);
	EXPECT_SAME_TEXT(partial_later, partial_now);
	EXPECT_I64(later->src_in_files, left);
	free(partial_now), free(partial_later);
	windows_changed_later(later, path, PAIRS);
	EXPECT_I64(later->src_in_files, left);
	gp_graph_free(now), gp_graph_free(later);
	gp_dataset_free(ds_now), gp_dataset_free(ds_later);
	unlink(path);
}

/*
 * A graph streamed with jobs = 2 has its writers' next window of sources
 * read on a second thread while they write this one. Only the window asked
 * for counts as read (the next is taken when asked for), each edge has its
 * own rows' URLs, a writer that skips the window read ahead gets the one it
 * asks for, and all go back to the file at the end; the writers' texts are
 * those of one thread; a file changed fails the window read ahead when it
 * is asked for, with the message of one thread.
 */
static void test_stream_sources_ahead(void)
{
	enum { ROWS = WIN_ROWS, PAIRS = WIN_PAIRS };
	char path[256];
	write_windows_file(path, sizeof(path));
	gp_dataset *ds_one, *ds_two;
	gp_graph *one = stream_jobs(&ds_one, path, GP_LEVEL_ACTOR, 1, 1);
	gp_graph *two = stream_jobs(&ds_two, path, GP_LEVEL_ACTOR, 1, 2);
	CU_ASSERT_FATAL(gp_graph_edge_count(two) == PAIRS);
	size_t long_ones = 0;
	gp_sources_window win = { 0 };
	win.per_window = 2500;
	for (size_t i = 0; i < PAIRS; i++) {
		EXPECT_I64(gp__sources_window_at(&win, two, i), GP_OK);
		EXPECT_I64(win.from, i / 2 * 2);
		EXPECT_TRUE(win.ahead != NULL); /* a thread started, or its place kept */
		EXPECT_I64(two->src_in_files, ROWS - (win.to - win.from) * (ROWS / PAIRS));
		EXPECT_I64(window_rows_wrong(two, i, &long_ones), 0);
	}
	gp__sources_window_end(&win);
	EXPECT_TRUE(win.ahead == NULL);
	EXPECT_I64(long_ones, ROWS / 500);
	EXPECT_I64(two->src_in_files, ROWS);
	/* Edge 0, then 5: edges 2 and 3 were read ahead, and go back unused. */
	memset(&win, 0, sizeof(win));
	win.per_window = 2500;
	EXPECT_I64(gp__sources_window_at(&win, two, 0), GP_OK);
	EXPECT_I64(gp__sources_window_at(&win, two, 5), GP_OK);
	EXPECT_I64(win.from, 5);
	EXPECT_I64(win.to, 7);
	EXPECT_I64(two->src_in_files, ROWS - 2 * (ROWS / PAIRS));
	EXPECT_I64(window_rows_wrong(two, 5, &long_ones), 0);
	EXPECT_I64(window_rows_wrong(two, 6, &long_ones), 0);
	gp__sources_window_end(&win);
	EXPECT_I64(two->src_in_files, ROWS);
	/* Ended while a window is read ahead. */
	memset(&win, 0, sizeof(win));
	win.per_window = 2500;
	EXPECT_I64(gp__sources_window_at(&win, two, 0), GP_OK);
	gp__sources_window_end(&win);
	EXPECT_I64(two->src_in_files, ROWS);
	/* The writers, in their windows (one here) and in windows of two edges (four, three read ahead). */
	int (*const writers[])(FILE *, const gp_graph *) = { gp_graph_write_json,
							     gp_graph_write_gexf };
	for (int small = 0; small < 2; small++) {
		gp__sources_window_events = small ? 2500 : 65536;
		for (size_t w = 0; w < sizeof(writers) / sizeof(writers[0]); w++) {
			char *a = written(writers[w], one), *b = written(writers[w], two);
			EXPECT_SAME_TEXT(b, a);
			EXPECT_I64(two->src_in_files, ROWS);
			free(a), free(b);
		}
	}
	gp__sources_window_events = 65536;
	windows_changed_later(two, path, PAIRS);
	EXPECT_I64(two->src_in_files, ROWS);
	gp_graph_free(one), gp_graph_free(two);
	gp_dataset_free(ds_one), gp_dataset_free(ds_two);
	unlink(path);
}

/*
 * The real ICEWS slice over and over past the 1 MiB that -j cuts, each
 * copy's ids moved by another 10^8: two threads give the graph of one,
 * citations included (the publishers that ICEWS rows cite, read by each
 * thread into its own dataset, are handed to the merged one).
 */
static void test_stream_jobs_icews_citations(void)
{
	size_t len;
	char *text = slurp(REAL "icews.tab", &len);
	char *body = strchr(text, '\n') + 1;
	size_t head = (size_t)(body - text), cap = len * 80 + 1024, n = head;
	char *out = malloc(cap);
	CU_ASSERT_FATAL(out != NULL);
	memcpy(out, text, head);
	for (unsigned copy = 0; copy < 80; copy++) {
		char *tab, *nl;
		for (char *line = body; (tab = strchr(line, '\t')) && (nl = strchr(line, '\n'));
		     line = nl + 1) {
			n += (size_t)snprintf(out + n, cap - n, "%llu",
					      strtoull(line, NULL, 10) + copy * 100000000ULL);
			memcpy(out + n, tab, (size_t)(nl + 1 - tab));
			n += (size_t)(nl + 1 - tab);
		}
	}
	CU_ASSERT_FATAL(n > (1u << 20));
	char path[256];
	test_tmp_file(path, sizeof(path), "big.tab", out, n);
	free(out), free(text);
	const char *const paths[] = { path };
	gp_graph_options o1 = options(GP_LEVEL_COUNTRY, 0, 1), o2 = options(GP_LEVEL_COUNTRY, 0, 2);
	char *one = graph_ok(STREAM, paths, 1, &o1), *two = graph_ok(STREAM, paths, 1, &o2);
	EXPECT_TRUE(strstr(one, "\"citations\":{\"icews:") != NULL);
	EXPECT_TRUE(strstr(one, "\"sources\":[\"icews:Kyodo News\"]") != NULL);
	EXPECT_SAME_TEXT(two, one);
	free(one), free(two);
	unlink(path);
}

/*
 * Read by two threads, a file's diagnostics still name its lines counted
 * from the top, in file order; with skip_bad, the rows skipped in both
 * ranges are counted, and the graph is the one thread's.
 */
static void test_stream_jobs_diagnostics(void)
{
	char path[256];
	write_big(path, sizeof(path), 7, 30); /* row 7 of each of the 30 copies */
	const char *const paths[] = { path };
	gp_graph_options o1 = options(GP_LEVEL_ACTOR, 0, 1), o2 = options(GP_LEVEL_ACTOR, 0, 2);
	test_diags d1, d2;
	int rc1, rc2;
	uint64_t skipped1, skipped2;
	char *one = graph_of(STREAM, paths, 1, &o1, 0, &d1, &rc1, &skipped1);
	char *two = graph_of(STREAM, paths, 1, &o2, 0, &d2, &rc2, &skipped2);
	EXPECT_I64(rc1, GP_EINVALID);
	EXPECT_I64(rc2, GP_EINVALID);
	EXPECT_TRUE(one == NULL && two == NULL);
	EXPECT_I64(d1.n, 30);
	EXPECT_I64(d2.n, 30);
	/* Row 7 of copy k is line 110 k + 7 (110 rows a copy). */
	EXPECT_STR(d1.n ? d1.lines[0] : NULL,
		   "7:11: error: column 'SQLDATE': invalid date '20171399' (expected YYYYMMDD)");
	EXPECT_DIAG_HAS(&d2, "3197:13: error: column 'SQLDATE': invalid date '20171399'");
	for (size_t i = 0; i < d1.n && i < d2.n; i++) {
		EXPECT_STR(d2.lines[i], d1.lines[i]);
	}
	test_diags_release(&d1);
	test_diags_release(&d2);

	one = graph_of(STREAM, paths, 1, &o1, 1, &d1, &rc1, &skipped1);
	two = graph_of(STREAM, paths, 1, &o2, 1, &d2, &rc2, &skipped2);
	EXPECT_I64(rc1, GP_OK);
	EXPECT_I64(rc2, GP_OK);
	EXPECT_I64(d1.n + d2.n, 0);
	EXPECT_I64(skipped1, 30);
	EXPECT_I64(skipped2, 30);
	EXPECT_SAME_TEXT(two, one);
	free(one), free(two);
	test_diags_release(&d1);
	test_diags_release(&d2);
	unlink(path);
}

/* The partial graph of the rows (streamed), in a file of its own: its path in path[size]. */
static void write_partial(char *path, size_t size, const char *rows, size_t len,
			  const gp_graph_options *o)
{
	char src[256];
	test_tmp_file(src, sizeof(src), "part.tsv", rows, len);
	const char *const paths[] = { src };
	char *text = graph_ok(STREAM_PARTIAL, paths, 1, o);
	test_tmp_file(path, size, "part.partial", text, strlen(text));
	free(text);
	unlink(src);
}

/*
 * The real GDELT 1.0 slice cut in two halves: merging their partial graphs,
 * in either order, gives the graph of the whole file (counts, weights,
 * first and last dates, the events listed), at both levels.
 */
static void test_merge_halves(void)
{
	size_t len;
	char *text = slurp(REAL "gdelt1.tsv", &len);
	size_t half = 0;
	for (int line = 0; line < 25; line++) {
		half += (size_t)(strchr(text + half, '\n') + 1 - (text + half));
	}
	const char *const whole[] = { REAL "gdelt1.tsv" };
	for (int level = GP_LEVEL_ACTOR; level <= GP_LEVEL_COUNTRY; level++) {
		gp_graph_options o = options((gp_level)level, 5, 1);
		char first[256], second[256];
		write_partial(first, sizeof(first), text, half, &o);
		write_partial(second, sizeof(second), text + half, len - half, &o);
		const char *const in_order[] = { first, second };
		const char *const reversed[] = { second, first };
		char *want = graph_ok(STREAM, whole, 1, &o);
		char *got = graph_ok(MERGE, in_order, 2, &o);
		char *got_reversed = graph_ok(MERGE, reversed, 2, &o);
		EXPECT_SAME_TEXT(got, want);
		EXPECT_SAME_TEXT(got_reversed, want);
		free(want), free(got), free(got_reversed);
		unlink(first);
		unlink(second);
	}
	free(text);
}

/*
 * Without a cap given, rows list the 10 earliest events of an edge, and so
 * does the merge of shards none of whose edges reaches 10: six copies of the
 * GDELT 2.0 slice (country edges of 2 events, 12 together). Each partial
 * graph says 10, not 0 (all); before, the merge listed all 12.
 */
static void test_merge_automatic_cap(void)
{
	size_t len;
	char *text = slurp(REAL "gdelt2.csv", &len);
	char *six = malloc(6 * len + 1), whole[256], part[6][256];
	CU_ASSERT_FATAL(six != NULL);
	for (int k = 0; k < 6; k++) {
		memcpy(six + (size_t)k * len, text, len);
	}
	test_tmp_file(whole, sizeof(whole), "six.csv", six, 6 * len);
	gp_graph_options o = options(GP_LEVEL_COUNTRY, GP_EVENT_IDS_AUTO, 1);
	for (int k = 0; k < 6; k++) {
		write_partial(part[k], sizeof(part[k]), text, len, &o);
	}
	size_t plen;
	char *p = slurp(part[0], &plen);
	CU_ASSERT(strstr(p, "\"max_event_ids\":10}") != NULL);
	const char *const wholes[] = { whole };
	const char *const parts[] = { part[0], part[1], part[2], part[3], part[4], part[5] };
	char *want = graph_ok(STREAM, wholes, 1, &o);
	gp_graph_options m =
		options(GP_LEVEL_COUNTRY, 0, 1); /* geopol merge: as the partials say */
	char *got = graph_ok(MERGE, parts, 6, &m);
	CU_ASSERT(strstr(want, "\"events_more\":2") != NULL);
	EXPECT_SAME_TEXT(got, want);
	free(want), free(got), free(p), free(six), free(text);
	unlink(whole);
	for (int k = 0; k < 6; k++) {
		unlink(part[k]);
	}
}

/*
 * Geopol JSON among the inputs is loaded and added as usual: the stream of a
 * JSON file and a GDELT and an ICEWS file is the graph of the three loaded.
 */
static void test_stream_with_json(void)
{
	const char *const paths[] = { "tests/data/small.json", REAL "gdelt2.csv",
				      REAL "icews.tab" };
	for (int level = GP_LEVEL_ACTOR; level <= GP_LEVEL_COUNTRY; level++) {
		gp_graph_options o = options((gp_level)level, 0, 1);
		char *want = graph_ok(BUILD, paths, 3, &o), *got = graph_ok(STREAM, paths, 3, &o);
		EXPECT_SAME_TEXT(got, want);
		free(want), free(got);
	}
}

/* A filter of dates and types is applied to rows as they stream as to kept events. */
static void test_stream_filtered(void)
{
	const char *const paths[] = { REAL "gdelt1.tsv", REAL "icews.tab" };
	gp_dataset *types_ds = NULL;
	CU_ASSERT_FATAL(gp_dataset_new(&types_ds) == GP_OK); /* built-in types: the same indexes */
	gp_index types[] = { gp_dataset_find_type(types_ds, "statement"),
			     gp_dataset_find_type(types_ds, "consult") };
	gp_dataset_free(types_ds);
	CU_ASSERT_FATAL(types[0] != GP_NONE && types[1] != GP_NONE);
	gp_filter f = GP_FILTER_INIT;
	f.has_from = 1;
	f.from = gp_days_from_civil(2016, 1, 1) * 86400;
	f.types = types;
	f.n_types = 2;
	gp_graph_options o = options(GP_LEVEL_ACTOR, 0, 1);
	char *all = graph_ok(BUILD, paths, 2, &o);
	o.filter = &f;
	char *want = graph_ok(BUILD, paths, 2, &o), *got = graph_ok(STREAM, paths, 2, &o);
	EXPECT_SAME_TEXT(got, want);
	EXPECT_TRUE(strlen(want) < strlen(all) / 2); /* the filter kept a part */
	EXPECT_TRUE(strstr(want, "\"statement\"") != NULL && strstr(want, "\"visit\"") == NULL);
	free(all), free(want), free(got);
}

/*
 * An annotated file in two shards (docs/sources.md): citations, inline URLs
 * and uncertain or approximate dates. Shard 0 holds e1 and e3, shard 1 e2
 * and e4; c4 is defined and cited by no event.
 */
static void write_cited_shards(char paths[2][256])
{
	static const char head[] =
		"{\"sources\": {\"c1\": {\"title\": \"One\", \"publisher\": \"P\", \"url\": \"https://one.example/a\"},"
		" \"c2\": {\"title\": \"Two\"}, \"c3\": {\"title\": \"Three\", \"published\": \"2020-04-02\"},"
		" \"c4\": {\"title\": \"Four\"}},"
		" \"actors\": [{\"id\": \"AAA\", \"name\": \"A\", \"kind\": \"country\"},"
		" {\"id\": \"BBB\", \"name\": \"B\", \"kind\": \"country\"}], \"events\": [";
	static const char *const ev[] = {
		"{\"id\": \"e1\", \"type\": \"meeting\", \"date\": \"2020-01-01?\", \"title\": \"t\","
		" \"participants\": [\"AAA\", \"BBB\"], \"sources\": [\"c2\", \"https://x.example/1\"]}",
		"{\"id\": \"e2\", \"type\": \"meeting\", \"date\": \"2020-02~\", \"title\": \"t\","
		" \"participants\": [\"AAA\", \"BBB\"], \"sources\": [\"https://x.example/1\", \"c1\"]}",
		"{\"id\": \"e3\", \"type\": \"meeting\", \"date\": \"2020-03-01\", \"title\": \"t\","
		" \"participants\": [\"AAA\", \"BBB\"], \"sources\": [\"c2\"]}",
		"{\"id\": \"e4\", \"type\": \"threat\", \"date\": \"2020-04-01\", \"title\": \"t\","
		" \"source\": [\"AAA\"], \"target\": [\"BBB\"], \"sources\": [\"c3\"]}",
	};
	for (int k = 0; k < 2; k++) {
		char text[2048];
		int n = snprintf(text, sizeof(text), "%s%s,\n%s]}\n", head, ev[k], ev[k + 2]);
		test_tmp_file(paths[k], sizeof(paths[k]), k ? "b.json" : "a.json", text, (size_t)n);
	}
}

/*
 * Every edge lists its events' sources once each, in order of first use
 * along its events; the graph's citations are the entries they name, in
 * order of first use, and no more. Built from the files, streamed, or
 * merged from the shards' partial graphs (which carry the sources and the
 * qualifiers), the graph is the same; under a cap, only the listed events'
 * sources count.
 */
static void test_sources_every_way(void)
{
	char paths[2][256];
	write_cited_shards(paths);
	const char *const both[] = { paths[0], paths[1] };
	for (uint32_t cap = 0; cap <= 1; cap++) {
		gp_graph_options o = options(GP_LEVEL_ACTOR, cap, 1);
		char *whole = graph_ok(BUILD, both, 2, &o),
		     *streamed = graph_ok(STREAM, both, 2, &o);
		char part[2][256];
		for (int k = 0; k < 2; k++) {
			const char *const one[] = { paths[k] };
			char *text = graph_ok(STREAM_PARTIAL, one, 1, &o);
			if (k == 0) {
				/* The partial graph carries each event's sources and qualifier. */
				EXPECT_TRUE(
					strstr(text,
					       "\"e1\",{\"sources\":[\"c2\",\"https://x.example/1\"],"
					       "\"qualifier\":\"?\"}]") != NULL);
				EXPECT_TRUE(strstr(text, "\"first\":[1577836800,2,\"?\"]") != NULL);
			}
			test_tmp_file(part[k], sizeof(part[k]), "s.partial", text, strlen(text));
			free(text);
		}
		const char *const parts[] = { part[1], part[0] };
		char *merged = graph_ok(MERGE, parts, 2, &o);
		EXPECT_SAME_TEXT(streamed, whole);
		EXPECT_SAME_TEXT(merged, whole);
		if (cap == 0) {
			EXPECT_TRUE(strstr(whole,
					   "\"events\":[\"e1\",\"e2\",\"e3\"],"
					   "\"sources\":[\"c2\",\"https://x.example/1\",\"c1\"]") !=
				    NULL);
			EXPECT_TRUE(
				strstr(whole,
				       "\"citations\":{\"c2\":{\"title\":\"Two\"},"
				       "\"c1\":{\"title\":\"One\",\"publisher\":\"P\","
				       "\"url\":\"https://one.example/a\"},"
				       "\"c3\":{\"title\":\"Three\",\"published\":\"2020-04-02\"}},") !=
				NULL);
		} else {
			/* e1 listed, e2 and e3 not: c1 is named by no listed event. */
			EXPECT_TRUE(
				strstr(whole,
				       "\"events\":[\"e1\"],\"sources\":[\"c2\",\"https://x.example/1\"]") !=
				NULL);
			EXPECT_TRUE(strstr(whole, "\"c1\"") == NULL);
		}
		EXPECT_TRUE(strstr(whole, "\"c4\"") == NULL);
		free(whole), free(streamed), free(merged);
		unlink(part[0]), unlink(part[1]);
	}

	/* The same through the API, straight from a dataset. */
	gp_dataset *ds = NULL;
	gp_graph *g = NULL;
	CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
	for (int k = 0; k < 2; k++) {
		EXPECT_I64(gp_dataset_load_file(ds, paths[k], GP_INPUT_AUTO, NULL), GP_OK);
	}
	EXPECT_I64(gp_dataset_finish(ds, NULL), GP_OK);
	gp_graph_options o = options(GP_LEVEL_ACTOR, 0, 1);
	CU_ASSERT_FATAL(gp_graph_build(&g, ds, &o) == GP_OK);
	const gp_edge *e = gp_graph_edge(g, 0); /* AAA - BBB, before AAA -> BBB */
	EXPECT_I64(e->directed, 0);
	EXPECT_I64(e->first_qual, 2); /* uncertain */
	const char **src = NULL;
	size_t n = 0;
	EXPECT_I64(gp_graph_edge_sources(&src, &n, g, e), GP_OK);
	EXPECT_I64(n, 3);
	if (n == 3) {
		EXPECT_STR(src[0], "c2");
		EXPECT_STR(src[1], "https://x.example/1");
		EXPECT_STR(src[2], "c1");
	}
	free(src);
	gp_graph_free(g);
	gp_dataset_free(ds);
	unlink(paths[0]), unlink(paths[1]);
}

static CU_TestInfo stream_tests[] = {
	{ "streamed, with one thread or two: the graph of the rows kept",
	  test_stream_equals_build },
	{ "two threads: diagnostics in file order, skipped rows counted",
	  test_stream_jobs_diagnostics },
	{ "two threads: ICEWS publishers cited as by one", test_stream_jobs_icews_citations },
	{ "merged partial graphs of halves: the graph of the whole", test_merge_halves },
	{ "merged partial graphs: the automatic cap of rows kept", test_merge_automatic_cap },
	{ "country level: codes read as their countries, the same graph",
	  test_stream_collapse_codes },
	{ "sources left in the file until an output needs them", test_stream_sources_later },
	{ "sources read back a window of edges at a time", test_stream_sources_windows },
	{ "sources of the next window read on a second thread", test_stream_sources_ahead },
	{ "JSON among the streamed inputs", test_stream_with_json },
	{ "streamed with a filter", test_stream_filtered },
	{ "edge sources and citations: built, streamed, merged alike", test_sources_every_way },
	CU_TEST_INFO_NULL,
};

int gp_test_add_stream(void)
{
	return gp_test_register("stream", stream_tests);
}
