/*
 * series.c - the graph cut into calendar windows (geopol/series.h,
 * docs/series.md): `geopol series` and `geopol dyad`.
 *
 * One pass over the selected events makes a record per (window, node) and
 * per (window, dyad) an event reaches, with its share; the records sorted
 * by window, ends and input order add up in an order that does not depend
 * on anything but the input, and each window's graph then gets its degrees
 * and PageRank (analytics.c, igraph). The cost is the events' records plus,
 * per window, its active nodes and dyads: linear but for the sort.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_impl.h"
#include "series_impl.h"

/* ---------------------------------------------------------------- periods */

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The period (months, quarters or years since year 0) holding second t. */
static int64_t period_of(gp_every every, int64_t t)
{
	int64_t y;
	unsigned m, d;
	gp_civil_from_days(floor_div(t, 86400), &y, &m, &d);
	int64_t month = y * 12 + (m - 1);
	return every == GP_EVERY_YEAR ? y : every == GP_EVERY_QUARTER ? floor_div(month, 3) : month;
}

/* The first second of period k. */
static int64_t period_start(gp_every every, int64_t k)
{
	int64_t month = every == GP_EVERY_YEAR ? k * 12 : every == GP_EVERY_QUARTER ? k * 3 : k;
	return gp_days_from_civil(floor_div(month, 12),
				  (unsigned)(month - 12 * floor_div(month, 12)) + 1, 1) *
	       86400;
}

int gp_every_from_name(const char *name)
{
	static const struct {
		const char *name;
		gp_every every;
	} names[] = { { "P1M", GP_EVERY_MONTH },
		      { "P3M", GP_EVERY_QUARTER },
		      { "P1Q", GP_EVERY_QUARTER },
		      { "P1Y", GP_EVERY_YEAR },
		      { "P12M", GP_EVERY_YEAR } };
	for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			return (int)names[i].every;
		}
	}
	return -1;
}

const char *gp_series_window_name(const gp_series *s, size_t i, char *buf, size_t size)
{
	int64_t y;
	unsigned m, d;
	gp_civil_from_days(floor_div(s->win[i].start, 86400), &y, &m, &d);
	switch (s->o.every) {
	case GP_EVERY_YEAR: gp__snprintf_c(buf, size, "%04lld", (long long)y); break;
	case GP_EVERY_QUARTER:
		gp__snprintf_c(buf, size, "%04lld-Q%u", (long long)y, (m - 1) / 3 + 1);
		break;
	default: gp__snprintf_c(buf, size, "%04lld-%02u", (long long)y, m); break;
	}
	return buf;
}

/* ---------------------------------------------------------------- records */

typedef struct {
	uint32_t window, node; /* node: the actor's rank in id order */
	uint64_t seq;
	double share;
} node_rec;

typedef struct {
	uint32_t window, a, b; /* ranks in id order; undirected: a < b */
	uint32_t directed;
	uint64_t seq;
	double share, w;
} dyad_rec;

static int cmp_node_rec(const void *pa, const void *pb)
{
	const node_rec *x = pa, *y = pb;
	if (x->window != y->window) {
		return x->window < y->window ? -1 : 1;
	}
	if (x->node != y->node) {
		return x->node < y->node ? -1 : 1;
	}
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_dyad_rec(const void *pa, const void *pb)
{
	const dyad_rec *x = pa, *y = pb;
	if (x->window != y->window) {
		return x->window < y->window ? -1 : 1;
	}
	if (x->a != y->a) {
		return x->a < y->a ? -1 : 1;
	}
	if (x->b != y->b) {
		return x->b < y->b ? -1 : 1;
	}
	if (x->directed != y->directed) {
		return x->directed > y->directed ? -1
						 : 1; /* directed first, as the graph's edges */
	}
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static _Thread_local const gp_dataset *sort_ds; /* qsort has no context argument in C17 */

static int cmp_actor_id(const void *pa, const void *pb)
{
	return strcmp(gp_dataset_actor(sort_ds, *(const gp_index *)pa)->id,
		      gp_dataset_actor(sort_ds, *(const gp_index *)pb)->id);
}

/* What the pass over the events builds. */
typedef struct {
	const gp_dataset *ds;
	gp_series *s;
	gp_mapper map;
	uint32_t *rank; /* actor -> rank in id order */
	GP_VEC(node_rec) nodes;
	GP_VEC(dyad_rec) dyads;
	GP_VEC(uint32_t) ends;  /* one event's mapped actors (ranks) */
	GP_VEC(dyad_rec) pairs; /* one event's dyads, before the windows */
	int64_t p0;             /* the first window's period */
} pass;

/* The range: --from/--to, else the earliest and latest known bound. */
static void range_of(const gp_event *ev, int64_t *lo, int64_t *hi)
{
	int64_t a = ev->date.start, b = ev->date.end;
	int64_t first = a != GP_TIME_MIN ? a : b, last = b != GP_TIME_MAX ? b : a;
	if (first != GP_TIME_MIN && first != GP_TIME_MAX && first < *lo) {
		*lo = first;
	}
	if (last != GP_TIME_MIN && last != GP_TIME_MAX && last > *hi) {
		*hi = last;
	}
}

static int cmp_u32(const void *pa, const void *pb)
{
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
	return (x > y) - (x < y);
}

/* One of an event's dyads (not a loop; with a pair asked, only the pair's). 0 or -1 (memory). */
static int add_pair(pass *p, uint32_t a, uint32_t b, int directed, uint64_t seq, uint32_t pa,
		    uint32_t pb)
{
	if (a == b) {
		return 0;
	}
	if (!directed && a > b) {
		uint32_t x = a;
		a = b, b = x;
	}
	if (pa != GP_NONE && !((a == pa && b == pb) || (a == pb && b == pa))) {
		return 0;
	}
	dyad_rec r = { 0, a, b, (uint32_t)directed, seq, 0, 0 };
	return GP_VEC_PUSH(p->pairs, r) ? -1 : 0;
}

/* An event's mapped actors and dyads (each once), into p->ends and p->pairs. 0 or -1 (memory). */
static int event_ends(pass *p, const gp_event *ev, uint64_t seq)
{
	const gp_index *act = gp_dataset_event_actors(p->ds, ev, GP_ROLE_SOURCE);
	size_t ns = ev->n_actors[GP_ROLE_SOURCE], nt = ev->n_actors[GP_ROLE_TARGET];
	size_t np = ev->n_actors[GP_ROLE_PARTICIPANT];
	p->ends.n = p->pairs.n = 0;
	if (GP_VEC_RESERVE(p->ends, ns + nt + np)) {
		return -1;
	}
	for (size_t i = 0; i < ns + nt + np; i++) {
		p->ends.v[i] = p->rank[gp__mapper_map(&p->map, p->ds, act[i], ev->date.start)];
	}
	p->ends.n = ns + nt + np;
	const uint32_t *e = p->ends.v;
	const gp_series_options *o = &p->s->o;
	uint32_t pa = o->pair[0] == GP_NONE ? GP_NONE : p->rank[o->pair[0]];
	uint32_t pb = o->pair[1] == GP_NONE ? GP_NONE : p->rank[o->pair[1]];
	for (size_t i = 0; i < ns; i++) {
		for (size_t j = 0; j < nt; j++) {
			if (add_pair(p, e[i], e[ns + j], 1, seq, pa, pb)) {
				return -1;
			}
		}
	}
	for (size_t i = ns + nt; i < ns + nt + np; i++) {
		for (size_t j = i + 1; j < ns + nt + np; j++) {
			if (add_pair(p, e[i], e[j], 0, seq, pa, pb)) {
				return -1;
			}
		}
	}
	/* An event counts once per dyad and per node, as on the graph's edges. */
	if (p->pairs.n > 1) { /* qsort of NULL is undefined, even for no element */
		qsort(p->pairs.v, p->pairs.n, sizeof(*p->pairs.v), cmp_dyad_rec);
	}
	size_t k = 0;
	for (size_t i = 0; i < p->pairs.n; i++) {
		if (!k || cmp_dyad_rec(&p->pairs.v[k - 1], &p->pairs.v[i])) {
			p->pairs.v[k++] = p->pairs.v[i];
		}
	}
	p->pairs.n = k;
	if (p->ends.n > 1) {
		qsort(p->ends.v, p->ends.n, sizeof(*p->ends.v), cmp_u32);
	}
	k = 0;
	for (size_t i = 0; i < p->ends.n; i++) {
		if (!k || p->ends.v[k - 1] != p->ends.v[i]) {
			p->ends.v[k++] = p->ends.v[i];
		}
	}
	p->ends.n = pa == GP_NONE ? k : 0; /* a pair lists no nodes */
	return 0;
}

/* One event into the windows it overlaps within [lo, hi]. 0 or -1 (memory). */
static int add_event(pass *p, const gp_event *ev, uint64_t seq, int64_t lo, int64_t hi)
{
	gp_series *s = p->s;
	int64_t a = ev->date.start, b = ev->date.end;
	if (a == GP_TIME_MIN && b == GP_TIME_MAX) {
		return 0; /* no known bound: in no window (docs/series.md) */
	}
	if (event_ends(p, ev, seq)) {
		return -1;
	}
	if (s->o.pair[0] != GP_NONE && !p->pairs.n) {
		return 0;
	}
	int64_t ca = a < lo ? lo : a, cb = b > hi ? hi : b;
	if (ca > cb) {
		return 0;
	}
	/* The share's whole: the event's own bounds, cut at the range only where open. */
	double span = (double)((b == GP_TIME_MAX ? hi : b) - (a == GP_TIME_MIN ? lo : a)) + 1;
	/* In millionths, as the graph's edges: a compact row's weight is a float (1.9f). */
	double w = (double)llround(ev->weight * GP_WEIGHT_SCALE) / GP_WEIGHT_SCALE;
	s->n_events++;
	for (int64_t k = period_of(s->o.every, ca), last = period_of(s->o.every, cb); k <= last;
	     k++) {
		uint32_t win = (uint32_t)(k - p->p0);
		int64_t ws = period_start(s->o.every, k), we = period_start(s->o.every, k + 1) - 1;
		double share =
			s->o.whole ? 1.0
				   : (double)((cb < we ? cb : we) - (ca > ws ? ca : ws) + 1) / span;
		gp_window *wi = &s->win[win];
		wi->events += share;
		if (w > 0) {
			wi->cooperation += share * w;
		} else if (w < 0) {
			wi->conflict += share * w;
		}
		for (size_t i = 0; i < p->ends.n; i++) {
			node_rec r = { win, p->ends.v[i], seq, share };
			if (GP_VEC_PUSH(p->nodes, r)) {
				return -1;
			}
		}
		for (size_t i = 0; i < p->pairs.n; i++) {
			dyad_rec r = p->pairs.v[i];
			r.window = win, r.share = share, r.w = w;
			if (GP_VEC_PUSH(p->dyads, r)) {
				return -1;
			}
		}
	}
	return 0;
}

/* The windows of [lo, hi] (empty when lo > hi). GP_OK, GP_ENOMEM or GP_EINVALID. */
static int make_windows(pass *p, int64_t lo, int64_t hi)
{
	gp_series *s = p->s;
	if (lo > hi) {
		return GP_OK;
	}
	p->p0 = period_of(s->o.every, lo);
	int64_t n = period_of(s->o.every, hi) - p->p0 + 1;
	if (n > 200000) {
		return GP_EINVALID; /* years 0000-9999 by month are 120,000 */
	}
	s->win = calloc((size_t)n, sizeof(*s->win));
	if (!s->win) {
		return GP_ENOMEM;
	}
	s->nw = (size_t)n;
	for (size_t i = 0; i < s->nw; i++) {
		s->win[i].start = period_start(s->o.every, p->p0 + (int64_t)i);
		s->win[i].end = period_start(s->o.every, p->p0 + (int64_t)i + 1) - 1;
	}
	return GP_OK;
}

/* The selected events' range (with a pair, of the events between them). 0 or -1 (memory). */
static int find_range(pass *p, const gp_filter *f, int64_t *lo, int64_t *hi)
{
	const gp_dataset *ds = p->ds;
	*lo = GP_TIME_MAX, *hi = GP_TIME_MIN;
	for (gp_index i = 0; i < gp_dataset_event_count(ds); i++) {
		const gp_event *ev = gp_dataset_event(ds, i);
		if (!gp_filter_match(ds, f, ev)) {
			continue;
		}
		if (p->s->o.pair[0] != GP_NONE) {
			if (event_ends(p, ev, i)) {
				return -1;
			}
			if (!p->pairs.n) {
				continue;
			}
		}
		range_of(ev, lo, hi);
	}
	if (f && f->has_from) {
		*lo = f->from;
	}
	if (f && f->has_to) {
		*hi = f->to;
	}
	return 0;
}

static void pass_free(pass *p)
{
	free(p->rank);
	GP_VEC_FREE(p->nodes);
	GP_VEC_FREE(p->dyads);
	GP_VEC_FREE(p->ends);
	GP_VEC_FREE(p->pairs);
	gp__mapper_free(&p->map);
}

/* Actor ranks in id order (p->rank) and back (s->actor_of). */
static int rank_actors(pass *p)
{
	size_t na = gp_dataset_actor_count(p->ds);
	gp_series *s = p->s;
	p->rank = malloc((na ? na : 1) * sizeof(*p->rank));
	s->actor_of = malloc((na ? na : 1) * sizeof(*s->actor_of));
	if (!p->rank || !s->actor_of) {
		return GP_ENOMEM;
	}
	for (gp_index i = 0; i < na; i++) {
		s->actor_of[i] = i;
	}
	sort_ds = p->ds;
	qsort(s->actor_of, na, sizeof(*s->actor_of), cmp_actor_id);
	sort_ds = NULL;
	for (uint32_t r = 0; r < na; r++) {
		p->rank[s->actor_of[r]] = r;
	}
	return GP_OK;
}

static int collect(pass *p)
{
	const gp_dataset *ds = p->ds;
	gp_series *s = p->s;
	int64_t lo, hi;
	int rc = rank_actors(p);
	if (rc == GP_OK) {
		rc = find_range(p, s->o.filter, &lo, &hi) ? GP_ENOMEM : make_windows(p, lo, hi);
	}
	for (gp_index i = 0; rc == GP_OK && s->nw && i < gp_dataset_event_count(ds); i++) {
		const gp_event *ev = gp_dataset_event(ds, i);
		if (gp_filter_match(ds, s->o.filter, ev) && add_event(p, ev, i, lo, hi)) {
			rc = GP_ENOMEM;
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ reduce */

/* Per window: what a node adds up to before its analytics. */
/* Where rank r is among the window's nodes' ranks (sorted), or GP_NONE. */
static uint32_t find_rank(const uint32_t *rk, size_t n, uint32_t r)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rk[mid] < r) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < n && rk[lo] == r ? (uint32_t)lo : GP_NONE;
}

static int reduce_window(gp_series *s, uint32_t win, const node_rec *nr, size_t nn,
			 const dyad_rec *dr, size_t nd, gp_arc *arcs, uint32_t *rk)
{
	gp_window *w = &s->win[win];
	size_t first = s->nn;
	/* Nodes: one per actor rank, its events the sum of its shares. */
	for (size_t i = 0; i < nn;) {
		gp_series_node *x = &s->nodes[s->nn++];
		memset(x, 0, sizeof(*x));
		x->window = win;
		x->actor = s->actor_of[nr[i].node];
		uint32_t r = nr[i].node;
		rk[s->nn - 1 - first] = r;
		for (; i < nn && nr[i].node == r; i++) {
			x->events += nr[i].share;
		}
	}
	size_t nodes = s->nn - first, na = 0;
	gp_series_node *wn = &s->nodes[first];
	w->first_dyad = s->nd;
	for (size_t i = 0; i < nd;) {
		gp_series_dyad *y = &s->dyads[s->nd++];
		memset(y, 0, sizeof(*y));
		y->window = win;
		y->source = s->actor_of[dr[i].a], y->target = s->actor_of[dr[i].b];
		y->directed = (int)dr[i].directed;
		const dyad_rec *k = &dr[i];
		for (;
		     i < nd && dr[i].a == k->a && dr[i].b == k->b && dr[i].directed == k->directed;
		     i++) {
			y->count += dr[i].share;
			if (dr[i].w > 0) {
				y->cooperation += dr[i].share * dr[i].w;
			} else if (dr[i].w < 0) {
				y->conflict += dr[i].share * dr[i].w;
			}
		}
		y->weight = y->cooperation + y->conflict;
		/* Its ends among the window's nodes (both there: they took part). */
		uint32_t ends[2] = { find_rank(rk, nodes, k->a), find_rank(rk, nodes, k->b) };
		for (int e = 0; e < 2 && nodes; e++) {
			if (ends[e] == GP_NONE) {
				continue;
			}
			gp_series_node *x = &wn[ends[e]];
			x->strength += y->weight < 0 ? -y->weight : y->weight;
			x->strength_cooperation += y->cooperation;
			x->strength_conflict -= y->conflict;
		}
		if (nodes && ends[0] != GP_NONE && ends[1] != GP_NONE) {
			gp_arc f = { ends[0], ends[1], y->count },
			       b = { ends[1], ends[0], y->count };
			arcs[na++] = f;
			if (!y->directed) {
				arcs[na++] = b;
			}
		}
	}
	w->n_dyads = s->nd - w->first_dyad;
	/* Degrees and PageRank of the window's graph. */
	uint32_t *deg = malloc((2 * nodes + 1) * sizeof(*deg));
	double *pr = malloc((nodes + 1) * sizeof(*pr));
	int rc = deg && pr ? gp__arcs_analyze(nodes, arcs, na, deg, deg + nodes, pr) : GP_ENOMEM;
	for (size_t j = 0; rc == GP_OK && j < nodes; j++) {
		wn[j].in_degree = deg[j], wn[j].out_degree = deg[nodes + j], wn[j].pagerank = pr[j];
	}
	free(deg), free(pr);
	/* --actor: only the nodes asked for, and the dyads touching them. */
	if (s->o.focus) {
		size_t k = first;
		for (size_t j = first; j < s->nn; j++) {
			if (s->o.focus[s->nodes[j].actor]) {
				s->nodes[k++] = s->nodes[j];
			}
		}
		s->nn = k;
		k = w->first_dyad;
		for (size_t j = w->first_dyad; j < s->nd; j++) {
			if (s->o.focus[s->dyads[j].source] || s->o.focus[s->dyads[j].target]) {
				s->dyads[k++] = s->dyads[j];
			}
		}
		s->nd = k;
		w->n_dyads = s->nd - w->first_dyad;
	}
	w->first_node = first, w->n_nodes = s->nn - first;
	return rc;
}

static int reduce(gp_series *s, const node_rec *nr, size_t nn, const dyad_rec *dr, size_t nd)
{
	s->nodes = malloc((nn ? nn : 1) * sizeof(*s->nodes));
	s->dyads = malloc((nd ? nd : 1) * sizeof(*s->dyads));
	gp_arc *arcs = malloc((2 * nd + 1) * sizeof(*arcs));
	uint32_t *rk = malloc((nn ? nn : 1) * sizeof(*rk));
	int rc = s->nodes && s->dyads && arcs && rk ? GP_OK : GP_ENOMEM;
	size_t i = 0, j = 0;
	for (uint32_t w = 0; rc == GP_OK && w < s->nw; w++) {
		size_t i0 = i, j0 = j;
		while (i < nn && nr[i].window == w) {
			i++;
		}
		while (j < nd && dr[j].window == w) {
			j++;
		}
		rc = reduce_window(s, w, nr + i0, i - i0, dr + j0, j - j0, arcs, rk);
	}
	free(arcs), free(rk);
	return rc;
}

int gp_series_build(gp_series **out, const gp_dataset *ds, const gp_series_options *opts)
{
	gp_series_options dflt = GP_SERIES_OPTIONS_INIT;
	*out = NULL;
	if (!ds->finished) {
		gp__graph_set_error("the dataset is not finished (gp_dataset_finish)");
		return GP_ERROR;
	}
	gp_series *s = calloc(1, sizeof(*s));
	if (!s) {
		return GP_ENOMEM;
	}
	s->ds = ds;
	s->o = opts ? *opts : dflt;
	if ((unsigned)s->o.every > GP_EVERY_YEAR ||
	    (s->o.pair[0] == GP_NONE) != (s->o.pair[1] == GP_NONE)) {
		free(s);
		return GP_EINVALID;
	}
	pass p;
	memset(&p, 0, sizeof(p));
	p.ds = ds, p.s = s;
	p.map.level = s->o.level;
	int rc = collect(&p);
	if (rc == GP_OK) {
		if (p.nodes.n > 1) {
			qsort(p.nodes.v, p.nodes.n, sizeof(*p.nodes.v), cmp_node_rec);
		}
		if (p.dyads.n > 1) {
			qsort(p.dyads.v, p.dyads.n, sizeof(*p.dyads.v), cmp_dyad_rec);
		}
		rc = reduce(s, p.nodes.v, p.nodes.n, p.dyads.v, p.dyads.n);
	}
	pass_free(&p);
	s->o.filter = NULL, s->o.focus = NULL; /* borrowed for the build only */
	if (rc != GP_OK) {
		gp_series_free(s);
		return rc;
	}
	*out = s;
	return GP_OK;
}

/* ---------------------------------------------------------------- getters */

void gp_series_free(gp_series *s)
{
	if (!s) {
		return;
	}
	free(s->win), free(s->nodes), free(s->dyads), free(s->actor_of);
	free(s);
}

size_t gp_series_window_count(const gp_series *s)
{
	return s->nw;
}
const gp_window *gp_series_window(const gp_series *s, size_t i)
{
	return i < s->nw ? &s->win[i] : NULL;
}
size_t gp_series_node_count(const gp_series *s)
{
	return s->nn;
}
const gp_series_node *gp_series_node_at(const gp_series *s, size_t i)
{
	return i < s->nn ? &s->nodes[i] : NULL;
}
size_t gp_series_dyad_count(const gp_series *s)
{
	return s->nd;
}
const gp_series_dyad *gp_series_dyad_at(const gp_series *s, size_t i)
{
	return i < s->nd ? &s->dyads[i] : NULL;
}
const gp_dataset *gp_series_dataset(const gp_series *s)
{
	return s->ds;
}
const gp_series_options *gp_series_options_of(const gp_series *s)
{
	return &s->o;
}
size_t gp_series_event_count(const gp_series *s)
{
	return s->n_events;
}
