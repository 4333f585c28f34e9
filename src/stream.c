/*
 * stream.c - gp_graph_stream: the graph of input files without keeping
 * their events. GDELT and ICEWS rows go from the reader straight into the
 * aggregator (graph_impl.h); with jobs > 1, plain tabular files are cut into
 * line-aligned byte ranges read by worker threads, each with its own
 * dataset (actors) and aggregator, merged at the end by actor id.
 *
 * A row's place in input order is its numeric id: the same whichever way
 * the file is cut, so the merged graph is the graph of the whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset_impl.h"
#include "graph_impl.h"
#include "input.h"
#include "tabular.h"

typedef struct {
	gp_agg *agg;
	const gp_graph_options *o;
	gp_mapper map;
	int rc;
	size_t nb; /* rows waiting in batch[] */
	gp_agg_row batch[GP_AGG_BATCH];
	/* The waiting rows' sources, packed (graph_impl.h): a row's URL lives only while it is read. */
	gp_sbuf src;
	size_t src_at[GP_AGG_BATCH]; /* offset + 1 in src; 0: none */
} row_ctx;

static void row_ctx_init(row_ctx *c, gp_agg *agg, const gp_graph_options *o)
{
	memset(c, 0, sizeof(*c));
	c->agg = agg;
	c->o = o;
	c->map.level = o->level;
	c->rc = GP_OK;
}

/* Aggregate the rows waiting; c->rc. Before anything reads the aggregator. */
static int flush_rows(row_ctx *c)
{
	if (c->nb) {
		for (size_t i = 0; i < c->nb; i++) {
			if (!c->batch[i].ref.src_in_file) {
				c->batch[i].ref.src =
					c->src_at[i] ? c->src.s + c->src_at[i] - 1 : NULL;
			}
		}
		int r = c->src.oom ? GP_ENOMEM : gp__agg_rows(c->agg, c->batch, c->nb);
		c->nb = 0;
		c->src.n = 0;
		if (r != GP_OK && c->rc == GP_OK) {
			c->rc = r;
		}
	}
	return c->rc;
}

static int row_passes(const gp_dataset *ds, const gp_filter *f, const gp_row_event *r)
{
	gp_event ev; /* the parts of an event the filter looks at */
	memset(&ev, 0, sizeof(ev));
	ev.date = r->date;
	ev.type = r->type;
	ev.weight = r->weight;
	return gp_filter_match(ds, f, &ev);
}

/* The dataset's sink: one tabular row into the aggregator. */
static int on_row(void *userdata, gp_dataset *ds, const gp_row_event *r)
{
	row_ctx *c = userdata;
	const gp_graph_options *o = c->o;
	if (o->filter && !row_passes(ds, o->filter, r)) {
		return GP_OK;
	}
	/* A row has one source and one target, or just one of them. */
	gp_agg_row *b = &c->batch[c->nb++];
	b->s = gp__mapper_map(&c->map, ds, r->actor[0], r->date.start);
	b->t = r->n_source + r->n_target == 2
		       ? gp__mapper_map(&c->map, ds, r->actor[1], r->date.start)
		       : GP_NONE;
	/* An imported row's id is its kind and its number, which is also r->seq. */
	gp_evref ref = { .start = r->date.start,
			 .end = r->date.end,
			 .seq = r->seq,
			 .id = r->seq,
			 .prec = r->date.start_prec,
			 .kind = r->id[0] == 'i' ? GP_EVREF_ICEWS : GP_EVREF_GDELT };
	/* Its one source, as a kept row's event has it (gp__dataset_add_row): a URL, else an ICEWS citation. */
	const char *src = r->url ? r->url : r->cite != GP_NONE ? ds->cites.v[r->cite].id : NULL;
	if (r->url && r->url_pos != UINT64_MAX) {
		/* A plain file's URL stays there until an output needs it (graph_impl.h). */
		ref.src_in_file = 1;
		ref.src_file = r->at.file;
		ref.src_pos = r->url_pos;
		src = NULL;
	}
	b->ref = ref;
	c->src_at[c->nb - 1] = src ? c->src.n + 1 : 0; /* placed by flush_rows */
	if (src) {
		gp__sb_add(&c->src, src, strlen(src) + 1);
		gp__sb_add(&c->src, "", 1);
	}
	b->w = (int64_t)llround(r->weight * GP_WEIGHT_SCALE);
	b->type = r->type;
	b->status = GP_STATUS_REPORTED;
	return c->nb == GP_AGG_BATCH ? flush_rows(c) : c->rc;
}

/* ---------------------------------------------------------------- workers */

typedef struct {
	gp_severity sev;
	unsigned long line, column;
	char *message;
} held_diag;

typedef struct {
	const char *path;
	uint32_t file;
	int fmt;
	uint64_t start, end;
	const gp_graph_options *o;
	int skip_bad;
	int code_map; /* gp__dataset_set_code_map, as the whole stream's dataset */
	/* results */
	gp_dataset *ds;
	gp_agg *agg;
	GP_VEC(held_diag) diags;
	unsigned long lines;
	int rc;
	size_t errors;
} worker;

static void hold(const gp_diag *d, void *userdata)
{
	worker *w = userdata;
	held_diag h = { d->severity, d->line, d->column, strdup(d->message) };
	if (h.message && GP_VEC_PUSH(w->diags, h)) {
		free(h.message);
	}
}

static void *work(void *arg)
{
	worker *w = arg;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_input in;
	row_ctx c;
	row_ctx_init(&c, NULL, w->o);
	sink.fn = hold;
	sink.userdata = w;
	if ((w->rc = gp_dataset_new(&w->ds)) != GP_OK ||
	    (w->rc = gp__agg_new(&w->agg, w->ds, w->o->level, w->o->max_event_ids)) != GP_OK) {
		return NULL;
	}
	gp_dataset_set_skip_bad(w->ds, w->skip_bad);
	gp__dataset_set_code_map(w->ds, w->code_map);
	c.agg = w->agg;
	gp__dataset_set_row_sink(w->ds, on_row, &c);
	if (gp__input_open_range(&in, w->path, w->start, w->end)) {
		w->rc = errno == ENOMEM ? GP_ENOMEM : GP_EIO;
		return NULL;
	}
	w->rc = gp__load_tabular(w->ds, &in, w->path, w->file, w->fmt, &sink);
	flush_rows(&c);
	w->lines = in.line_no;
	gp__input_close(&in);
	if (w->rc == GP_OK) {
		w->rc = c.rc;
	}
	w->errors = sink.errors;
	gp__mapper_free(&c.map);
	free(c.src.s);
	return NULL;
}

/* Line-aligned cut points of a plain file into n parts. */
static int cut(const char *path, uint64_t size, unsigned n, uint64_t *at)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		return -1;
	}
	at[0] = 0;
	for (unsigned k = 1; k < n; k++) {
		uint64_t p = size / n * k;
		if (p <= at[k - 1]) {
			p = at[k - 1];
		}
		int ch = 0;
		if (fseeko(fp, (off_t)p, SEEK_SET) == 0) {
			while ((ch = fgetc(fp)) != EOF && ch != '\n') {
				p++;
			}
		}
		at[k] = ch == EOF ? size : p + 1;
	}
	at[n] = size;
	fclose(fp);
	return 0;
}

/* Copy a worker's actor into the main dataset; returns its index there. */
static gp_index adopt(gp_dataset *ds, const gp_dataset *wds, gp_index a, gp_index *map)
{
	if (map[a] != GP_NONE) {
		return map[a];
	}
	const gp_actor *wa = &wds->actors.v[a];
	gp_index m = gp__actor_ref(ds, wa->id, strlen(wa->id), (gp_loc){ 0, 0, 0 });
	if (m == GP_NONE) {
		return GP_NONE;
	}
	map[a] = m;
	if (!ds->actors.v[m].defined && wa->defined) {
		char *name = gp__dataset_strdup(ds, wa->name, strlen(wa->name));
		gp_index parent =
			wa->n_members ? adopt(ds, wds, wds->members.v[wa->member_off].actor, map)
				      : GP_NONE;
		if (!name ||
		    gp__actor_set_imported(ds, m, name, wa->kind, parent, (gp_loc){ 0, 0, 0 })) {
			return GP_NONE;
		}
	}
	return m;
}

/* Read one plain tabular file with n workers; merge into (ds, a). */
/* Add a part's actors, citations and aggregated edges to ds and a. */
static int take_part(gp_dataset *ds, gp_agg *a, const worker *w)
{
	size_t na = gp_dataset_actor_count(w->ds);
	gp_index *map = malloc((na ? na : 1) * sizeof(*map));
	if (!map) {
		return GP_ENOMEM;
	}
	int rc = GP_OK;
	memset(map, 0xff, (na ? na : 1) * sizeof(*map));
	for (gp_index i = 0; i < na && rc == GP_OK; i++) {
		if (adopt(ds, w->ds, i, map) == GP_NONE) {
			rc = GP_ENOMEM;
		}
	}
	ds->skipped_rows += w->ds->skipped_rows;
	/* ICEWS rows' citations (their publishers), which edges' sources name. */
	for (size_t i = 0; rc == GP_OK && i < w->ds->cites.n; i++) {
		const gp_citation *wc = &w->ds->cites.v[i];
		gp_index ci = gp__cite_ref(ds, wc->id, strlen(wc->id), (gp_loc){ 0, 0, 0 });
		if (ci == GP_NONE ||
		    (wc->publisher &&
		     gp__cite_set_imported(ds, ci, wc->publisher, strlen(wc->publisher)))) {
			rc = GP_ENOMEM;
		}
	}
	if (rc == GP_OK) {
		rc = gp__agg_merge(a, w->agg, map);
	}
	free(map);
	return rc;
}

static int parallel_file(gp_dataset *ds, gp_agg *a, const char *path, int fmt, uint64_t size,
			 const gp_graph_options *o, gp_diag_sink *sink)
{
	unsigned n = o->jobs;
	uint32_t file;
	uint64_t *at = malloc((n + 1) * sizeof(*at));
	worker *w = calloc(n, sizeof(*w));
	pthread_t *t = calloc(n, sizeof(*t));
	int rc = GP_ENOMEM;
	if (!at || !w || !t || gp__dataset_add_file(ds, path, &file)) {
		goto done;
	}
	const char *name = gp_dataset_file_name(ds, file);
	/* Its rows' URLs are read back from it (graph_sources.c): the file as it is now. */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int stamped = fd >= 0 && gp__dataset_stamp_file(ds, file, fd) == 0;
	if (fd >= 0) {
		close(fd);
	}
	if (!stamped) {
		rc = errno == ENOMEM ? GP_ENOMEM
				     : gp__input_failed(sink, path, "cannot read", errno, NULL);
		goto done;
	}
	if (cut(path, size, n, at)) {
		rc = gp__input_failed(sink, path, "cannot read", errno, NULL);
		goto done;
	}
	for (unsigned k = 0; k < n; k++) {
		w[k].path = name, w[k].file = file, w[k].fmt = fmt, w[k].o = o;
		w[k].start = at[k], w[k].end = at[k + 1], w[k].skip_bad = ds->skip_bad;
		w[k].code_map = ds->code_map.on;
		if (pthread_create(&t[k], NULL, work, &w[k]) != 0) {
			work(&w[k]); /* no thread: do it here */
			t[k] = 0;
		}
	}
	/*
	 * Each part merged once read, in file order: the first while the later
	 * ones are still being read (the dataset and aggregator change as when
	 * merged after them all; a part that failed makes the call fail).
	 */
	rc = GP_OK;
	for (unsigned k = 0; k < n; k++) {
		if (t[k]) {
			pthread_join(t[k], NULL);
		}
		if (w[k].rc != GP_OK && rc == GP_OK) {
			rc = w[k].rc;
		}
		if (rc == GP_OK) {
			rc = take_part(ds, a, &w[k]);
		}
	}
	/* Diagnostics in file order, with line numbers counted from the top. */
	unsigned long base = 0;
	for (unsigned k = 0; k < n; k++) {
		for (size_t i = 0; i < w[k].diags.n; i++) {
			held_diag *h = &w[k].diags.v[i];
			gp__diag(sink, h->sev, name, h->line ? base + h->line : 0, h->column, "%s",
				 h->message);
		}
		base += w[k].lines;
	}
done:
	for (unsigned k = 0; w && k < n; k++) {
		for (size_t i = 0; i < w[k].diags.n; i++) {
			free(w[k].diags.v[i].message);
		}
		GP_VEC_FREE(w[k].diags);
		gp__agg_free(w[k].agg);
		gp_dataset_free(w[k].ds);
	}
	free(at), free(w), free(t);
	return rc;
}

/* A plain (not gzipped) regular file in a tabular format, worth cutting? */
static int splittable(const char *path, int fmt, uint64_t *size)
{
	struct stat st;
	gp_input in;
	size_t len;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < (1 << 20) || gp__input_open(&in, path)) {
		return 0;
	}
	const char *p = gp__input_peek(&in, &len);
	int seen, kind = fmt != GP_INPUT_AUTO ? fmt : gp__tabular_detect(p, len);
	/* Not what was asked for: read whole, so that one message says so (tabular.c). */
	if (gp__input_describe(p, len, &seen) && seen != kind) {
		kind = 0;
	}
	int gz = gp__input_plain_size(&in) < 0; /* gzip: not cut into ranges */
	gp__input_close(&in);
	*size = (uint64_t)st.st_size;
	return !gz && (kind == GP_INPUT_GDELT || kind == GP_INPUT_ICEWS) ? kind : 0;
}

/*
 * Are all the inputs GDELT files (not standard input: it is read once)? Then
 * a country graph can read actor codes as their countries (collapse_codes).
 */
static int all_gdelt(const char *const *paths, size_t n, gp_input_format fmt)
{
	for (size_t i = 0; i < n; i++) {
		/* The format given is checked against the file's when it is read (tabular.c). */
		if (strcmp(paths[i], "-") == 0 ||
		    (fmt != GP_INPUT_AUTO ? fmt : gp_input_format_detect(paths[i])) !=
			    GP_INPUT_GDELT) {
			return 0;
		}
	}
	return 1;
}

int gp_graph_stream(gp_graph **out, gp_dataset *ds, const char *const *paths, size_t n,
		    gp_input_format fmt, const gp_graph_options *opts, gp_diag_sink *sink)
{
	gp_graph_options defaults = GP_GRAPH_OPTIONS_INIT;
	const gp_graph_options *o = opts ? opts : &defaults;
	gp_agg *a = NULL;
	int rc = gp__agg_new(&a, ds, o->level, o->max_event_ids), io = 0;
	row_ctx c;
	row_ctx_init(&c, a, o);
	*out = NULL;
	gp__dataset_set_row_sink(ds, on_row, &c);
	gp__dataset_set_code_map(ds, o->collapse_codes && o->level == GP_LEVEL_COUNTRY &&
					     all_gdelt(paths, n, fmt));
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		uint64_t size = 0;
		int kind = o->jobs > 1 ? splittable(paths[i], fmt, &size) : 0;
		int r = kind ? parallel_file(ds, a, paths[i], kind, size, o, sink)
			     : gp_dataset_load_file(ds, paths[i], fmt, sink);
		flush_rows(&c);
		if (r == GP_EIO) {
			io = 1;
		} else if (r != GP_OK && r != GP_EINVALID) {
			rc = r;
		} else if (c.rc != GP_OK) {
			rc = c.rc;
		}
	}
	gp__dataset_set_row_sink(ds, NULL, NULL);
	gp__dataset_set_code_map(ds, 0);
	if (rc == GP_OK) {
		rc = gp_dataset_finish(ds, sink);
		rc = rc == GP_EINVALID || rc == GP_OK ? GP_OK : rc;
	}
	if (rc == GP_OK && (io || (sink && sink->errors))) {
		rc = io ? GP_EIO : GP_EINVALID;
	}
	if (rc == GP_OK) {
		rc = gp__agg_add_kept(a, ds, o->filter, o->level); /* from geopol JSON inputs */
	}
	if (rc == GP_OK) {
		rc = gp__agg_graph(a, o, out);
	}
	gp__mapper_free(&c.map);
	free(c.src.s);
	gp__agg_free(a);
	/* The rows' URLs left in their files, read now that the aggregator's memory is free. */
	if (rc == GP_OK && !o->sources_later &&
	    (rc = gp__graph_read_sources(*out, GP_GRAPH_ALL_EDGES, sink))) {
		gp_graph_free(*out);
		*out = NULL;
	}
	return rc;
}

int gp_graph_merge(gp_graph **out, gp_dataset *ds, const char *const *paths, size_t n,
		   const gp_graph_options *opts, gp_diag_sink *sink)
{
	gp_graph_options defaults = GP_GRAPH_OPTIONS_INIT;
	const gp_graph_options *o = opts ? opts : &defaults;
	gp_agg *a = NULL;
	int rc = GP_OK, io = 0;
	*out = NULL;
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		int r = gp__load_partial(ds, &a, o, paths[i], sink);
		if (r == GP_EIO) {
			io = 1;
		} else if (r != GP_OK && r != GP_EINVALID) {
			rc = r;
		}
	}
	if (rc == GP_OK) {
		rc = gp_dataset_finish(ds, sink);
		rc = rc == GP_EINVALID ? GP_OK : rc;
	}
	if (rc == GP_OK && (io || (sink && sink->errors))) {
		rc = io ? GP_EIO : GP_EINVALID;
	}
	if (rc == GP_OK && !a && gp__agg_new(&a, ds, o->level, o->max_event_ids) != GP_OK) {
		rc = GP_ENOMEM;
	}
	if (rc == GP_OK && gp__agg_level(a) < 0) {
		gp__diag(
			sink, GP_SEV_ERROR, n ? paths[0] : "-", 0, 0,
			"no partial graph header ({\"geopol\": 1, \"kind\": \"partial-graph\", ...}) in the input");
		rc = GP_EINVALID;
	}
	char why[600];
	if (rc == GP_OK && gp__agg_check_merged(a, why, sizeof(why))) {
		gp__diag(sink, GP_SEV_ERROR, n ? paths[0] : "-", 0, 0,
			 "%s: the partial graphs do not hold together", why);
		rc = GP_EINVALID;
	}
	if (rc == GP_OK) {
		rc = gp__agg_graph(a, o, out);
	}
	gp__agg_free(a);
	return rc;
}
