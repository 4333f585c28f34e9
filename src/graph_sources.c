/*
 * graph_sources.c - the sources a streamed graph left in its input files.
 *
 * A GDELT row streamed from a plain file keeps its SOURCEURL's place in the
 * file, not a copy (gp_evref.src_in_file): an edge keeps the first ten
 * events of many, and a picture shows the sources of a few hundred edges,
 * so most copies would only have cost time and memory. They are read back
 * here, sorted by file and place, once per event, and the graph owns them
 * from then on as if it had copied them (graph_impl.h); or, for a writer
 * that goes through every edge, a window of edges at a time, put back in
 * their files once written (gp_sources_window).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset_impl.h"
#include "graph_impl.h"

#define BLOCK (1u << 20)
/* A URL of a row is at most tabular.c's TEXT_MAX (4096) bytes; a longer one means another file. */
#define URL_MAX 4096
/*
 * A read covers the next wanted places while they lie less than GAP bytes
 * apart (copying 16 KiB costs about what another pread does), up to BLOCK,
 * and SLACK bytes past the last place, which most URLs fit in (the rest are
 * read again whole). Dense places (every edge's, in a big file) are read in
 * blocks; a window's few, spread through the file, one by one.
 */
#define GAP (16u << 10)
#define SLACK 1024u
/*
 * A window of edges holds the sources of about this many listed events (~7 MB
 * of URLs), or a quarter of them all when more. Smaller windows spread wider
 * through a file: at 8,192 a country graph of 1M rows took 25% longer (a
 * pread per URL), at 65,536 no longer than reading every source at once, in
 * a third of its memory; an actor graph's 600,000 took 5% longer in windows
 * of 65,536, and no longer in four.
 */
unsigned gp__sources_window_events = 65536;

typedef gp_src_wanted wanted;

static int cmp_wanted(const void *pa, const void *pb)
{
	const wanted *a = pa, *b = pb;
	if (a->file != b->file) {
		return a->file < b->file ? -1 : 1;
	}
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* Up to len bytes at pos; the count read, or -1 (errno). */
static ssize_t read_at(int fd, char *buf, size_t len, uint64_t pos)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, (off_t)(pos + got));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return -1;
		}
		if (n == 0) {
			break;
		}
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int same_file(const struct stat *st, const gp_file_stamp *s)
{
	return s && (uint64_t)st->st_dev == s->dev && (uint64_t)st->st_ino == s->ino &&
	       (uint64_t)st->st_size == s->size && (int64_t)st->st_mtim.tv_sec == s->mtime_s &&
	       (int64_t)st->st_mtim.tv_nsec == s->mtime_ns;
}

/*
 * The sources of w[0..n), all in one file, read into their events; GP_OK,
 * GP_ENOMEM, or GP_EIO with *why set (errno's text, or NULL: changed).
 */
static int read_file(const gp_graph *g, const wanted *w, size_t n, char *buf, const char **why,
		     size_t *taken)
{
	const char *path = gp_dataset_file_name(g->ds, w[0].file);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	*why = NULL;
	if (fd < 0 || fstat(fd, &st) != 0) {
		*why = strerror(errno);
		if (fd >= 0) {
			close(fd);
		}
		return GP_EIO;
	}
	int rc = same_file(&st, gp__dataset_file_stamp(g->ds, w[0].file)) ? GP_OK : GP_EIO;
	uint64_t at = 0;
	size_t have = 0; /* buf holds the file's bytes [at, at + have) */
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		uint64_t pos = w[i].pos;
		const char *nl = pos >= at && pos < at + have
					 ? memchr(buf + (pos - at), '\n', (size_t)(at + have - pos))
					 : NULL;
		if (!nl && !(pos >= at && at + have == (uint64_t)st.st_size)) {
			/* Read up to the last of the next places close enough, then its URL. */
			uint64_t last = pos;
			for (size_t j = i + 1;
			     j < n && w[j].pos - last <= GAP && w[j].pos - pos + SLACK <= BLOCK;
			     j++) {
				last = w[j].pos;
			}
			size_t len = (size_t)(last - pos) + SLACK;
			ssize_t got = read_at(fd, buf, len, pos);
			if (got >= 0 && (size_t)got == len && !memchr(buf, '\n', len)) {
				/* A URL longer than SLACK: all of it, its line end too. */
				got = read_at(fd, buf, URL_MAX + 2, pos);
			}
			if (got < 0) {
				*why = strerror(errno);
				rc = GP_EIO;
				break;
			}
			at = pos, have = (size_t)got;
			nl = memchr(buf, '\n', have);
		}
		if (pos < at || pos >= at + have) {
			rc = GP_EIO; /* past the file's end: the file changed */
			break;
		}
		/* The URL runs to its line's end ("\n", "\r\n" or the file's). */
		const char *p = buf + (pos - at);
		size_t len = nl ? (size_t)(nl - p) : (size_t)(at + have - pos);
		if (len && p[len - 1] == '\r') {
			len--;
		}
		if (len == 0 || len > URL_MAX || memchr(p, '\t', len) || memchr(p, '\0', len)) {
			rc = GP_EIO; /* not what was read: the file changed */
			break;
		}
		char *s = malloc(len + 2); /* a packed list of one (graph_impl.h) */
		if (!s) {
			rc = GP_ENOMEM;
			break;
		}
		memcpy(s, p, len);
		s[len] = s[len + 1] = '\0';
		w[i].r->src = s;
		w[i].r->src_in_file = 0;
		++*taken;
	}
	close(fd);
	return rc;
}

/* Collect the places of edges from..to-1's sources left in files (edge_mask as below). */
static int collect(gp_graph *g, const uint8_t *edge_mask, size_t from, size_t to, gp_src_wanteds *w)
{
	for (size_t i = from; i < g->ne && i < to; i++) {
		for (uint32_t k = 0; (!edge_mask || edge_mask[i]) && k < g->edges[i].n_events;
		     k++) {
			gp_evref *r = &g->edge_more[i].refs[k];
			wanted x = { r->src_file, r->src_pos, r };
			if (r->src_in_file && GP_VEC_PUSH(*w, x)) {
				return GP_ENOMEM;
			}
		}
	}
	return GP_OK;
}

/*
 * What reading a list of places did: rc, and on GP_EIO the file (bad) and
 * errno's text (why; NULL: it changed); taken sources were read, which the
 * caller takes off g->src_in_files (a second thread leaves that to it).
 */
typedef struct {
	int rc;
	uint32_t bad;
	const char *why;
	size_t taken;
} read_result;

/* Read the sources at w's places, sorting w; touches w's references only. */
static read_result read_places(const gp_graph *g, gp_src_wanteds *w)
{
	read_result res = { GP_OK, 0, NULL, 0 };
	if (w->n == 0) {
		return res; /* qsort takes no NULL */
	}
	qsort(w->v, w->n, sizeof(*w->v), cmp_wanted);
	char *buf = malloc(BLOCK);
	res.rc = buf ? GP_OK : GP_ENOMEM;
	size_t i = 0;
	while (res.rc == GP_OK && i < w->n) {
		size_t j = i;
		while (j < w->n && w->v[j].file == w->v[i].file) {
			j++;
		}
		res.rc = read_file(g, w->v + i, j - i, buf, &res.why, &res.taken);
		res.bad = w->v[i].file;
		i = j;
	}
	free(buf);
	return res;
}

/* Account for what read_places did, and say why it failed. */
static int read_done(gp_graph *g, const read_result *res, gp_diag_sink *sink)
{
	g->src_in_files -= res->taken;
	if (res->rc == GP_EIO) {
		const char *path = gp_dataset_file_name(g->ds, res->bad);
		const char *what = res->why ? res->why : "it changed since it was read";
		gp__graph_set_error("%s: cannot read its rows' source URLs back: %s", path, what);
		gp__diag(sink, GP_SEV_ERROR, path, 0, 0,
			 "cannot read its rows' source URLs back: %s", what);
	}
	return res->rc;
}

static int read_wanted(gp_graph *g, gp_src_wanteds *w, gp_diag_sink *sink)
{
	read_result res = read_places(g, w);
	return read_done(g, &res, sink);
}

int gp__graph_read_sources(const gp_graph *cg, const uint8_t *edge_mask, size_t from, size_t to,
			   gp_diag_sink *sink)
{
	/* Logically const: see gp_graph_stream (graph.h) on threads. */
	gp_graph *g = (gp_graph *)(uintptr_t)cg;
	if (!g->src_in_files) {
		return GP_OK;
	}
	gp_src_wanteds w = { 0 };
	int rc = collect(g, edge_mask, from, to, &w);
	if (rc == GP_OK) {
		rc = read_wanted(g, &w, sink);
	}
	GP_VEC_FREE(w);
	return rc;
}

/* Put the sources read at held's places back in their files. */
static void give_back(gp_graph *g, gp_src_wanteds *held)
{
	for (size_t i = 0; i < held->n; i++) {
		gp_evref *r = held->v[i].r;
		if (!r->src_in_file) {
			free((char *)(uintptr_t)r->src);
			r->src_pos = held->v[i].pos;
			r->src_in_file = 1;
			g->src_in_files++;
		}
	}
	held->n = 0;
}

static void window_return(gp_sources_window *win)
{
	give_back((gp_graph *)(uintptr_t)win->g, &win->held);
}

/* The edges from `edge` whose listed events make a window: the end. */
static size_t window_end(const gp_sources_window *win, size_t edge)
{
	const gp_graph *g = win->g;
	size_t to = edge, n = 0;
	while (to < g->ne && (to == edge || n + g->edges[to].n_events <= win->per_window)) {
		n += !win->edge_mask || win->edge_mask[to] ? g->edges[to].n_events : 0;
		to++;
	}
	return to;
}

/*
 * The next window, read on a thread of its own: edges [from, to)'s places
 * in held, what reading them did in res. The thread writes only those
 * edges' references, which the writer does not read before it joins.
 */
struct gp_src_ahead {
	const gp_graph *g;
	size_t from, to;
	gp_src_wanteds held;
	read_result res;
	pthread_t thread;
	int running;
};

static void *read_ahead(void *arg)
{
	gp_src_ahead *ah = arg;
	ah->res = read_places(ah->g, &ah->held);
	return NULL;
}

/* Start reading edges [from, to)'s sources on a second thread, if one starts. */
static void start_ahead(gp_sources_window *win, size_t from, size_t to)
{
	gp_src_ahead *ah = win->ahead;
	gp_graph *g = (gp_graph *)(uintptr_t)win->g;
	if (!ah && !(ah = win->ahead = calloc(1, sizeof(*ah)))) {
		return;
	}
	ah->g = g, ah->from = from, ah->to = to, ah->held.n = 0;
	if (collect(g, win->edge_mask, from, to, &ah->held) == GP_OK && ah->held.n &&
	    pthread_create(&ah->thread, NULL, read_ahead, ah) == 0) {
		ah->running = 1;
	} else {
		ah->held.n = 0; /* read when asked for instead */
	}
}

/* Wait for the window read ahead: GP_OK (its sources read and counted) or as read_wanted. */
static int join_ahead(gp_sources_window *win)
{
	gp_src_ahead *ah = win->ahead;
	pthread_join(ah->thread, NULL);
	ah->running = 0;
	return read_done((gp_graph *)(uintptr_t)win->g, &ah->res, NULL);
}

int gp__sources_window_at(gp_sources_window *win, const gp_graph *cg, size_t edge)
{
	gp_graph *g = (gp_graph *)(uintptr_t)cg;
	if (!win->g) {
		/* Before anything is written: are the files still those read? */
		win->g = cg;
		if (!win->per_window) {
			size_t least = gp__sources_window_events;
			win->per_window = g->src_in_files / 4 > least ? g->src_in_files / 4 : least;
		}
		int rc = g->src_in_files ? gp__graph_check_sources(cg) : GP_OK;
		if (rc != GP_OK) {
			return rc;
		}
	}
	if ((edge >= win->from && edge < win->to) || !g->src_in_files) {
		return GP_OK;
	}
	window_return(win);
	gp_src_ahead *ah = win->ahead;
	size_t from = edge, to;
	int rc;
	if (ah && ah->running && edge >= ah->from && edge < ah->to) {
		/* Read while the last window was written: take its places. */
		rc = join_ahead(win);
		gp_src_wanteds t = win->held;
		win->held = ah->held, ah->held = t;
		from = ah->from, to = ah->to;
	} else {
		if (ah && ah->running) { /* not the window asked for: put back */
			join_ahead(win);
			give_back(g, &ah->held);
		}
		/* Edges from this one, as many as hold per_window sources, at least one. */
		to = window_end(win, edge);
		rc = collect(g, win->edge_mask, edge, to, &win->held);
		if (rc == GP_OK) {
			rc = read_wanted(g, &win->held, NULL);
		}
	}
	win->from = from;
	win->to = rc == GP_OK ? to : from;
	if (rc == GP_OK && g->jobs > 1 && to < g->ne) {
		start_ahead(win, to, window_end(win, to));
	}
	return rc;
}

void gp__sources_window_end(gp_sources_window *win)
{
	gp_src_ahead *ah = win->ahead;
	if (ah) {
		if (ah->running) {
			join_ahead(win);
		}
		give_back((gp_graph *)(uintptr_t)win->g, &ah->held);
		GP_VEC_FREE(ah->held);
		free(ah);
		win->ahead = NULL;
	}
	if (win->g) {
		window_return(win);
	}
	GP_VEC_FREE(win->held);
	win->from = win->to = 0;
}

int gp__graph_check_full(const gp_graph *g)
{
	int rc = gp__graph_check_analytics(g);
	return rc == GP_OK ? gp__graph_check_sources(g) : rc;
}

int gp__graph_check_sources(const gp_graph *g)
{
	const gp_dataset *ds = g->ds;
	for (uint32_t f = 0; g->src_in_files && f < gp_dataset_file_count(ds); f++) {
		const gp_file_stamp *stamp = gp__dataset_file_stamp(ds, f);
		const char *path = gp_dataset_file_name(ds, f);
		struct stat st;
		const char *what = !stamp                   ? NULL
				   : stat(path, &st) != 0   ? strerror(errno)
				   : !same_file(&st, stamp) ? "it changed since it was read"
							    : NULL;
		if (what) {
			gp__graph_set_error("%s: cannot read its rows' source URLs back: %s", path,
					    what);
			return GP_EIO;
		}
	}
	return GP_OK;
}
