/*
 * agg.c - aggregating events into the graph's edges (DESIGN §4), one event
 * at a time and in any order; see graph_impl.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph_impl.h"

/* ---------------------------------------------------------------- state */

typedef struct {
	gp_index a, b;
	int directed;
	uint32_t count;
	int64_t weight; /* micro-units */
	int64_t first, last;
	uint8_t first_prec, last_prec;
	uint8_t first_qual, last_qual;
	uint64_t stamp;                     /* the last event counted on it */
	int64_t top_start;                  /* start of the heap's root once full: a quick "no" */
	GP_VEC(gp_evref) refs;              /* a max-heap in timeline order while building */
	GP_VEC(gp_type_count) types;        /* few per edge: a short list beats a hash */
	uint32_t status_n[GP_STATUS_COUNT]; /* as gp_edge_more's: reported not counted */
	gp_sign_split sign; /* positive weights apart (micro-units), counts by sign */
} agg_edge;

struct gp_agg {
	const gp_dataset *ds;
	int level;
	int level_known; /* merge: set by a partial graph's header */
	uint32_t max_refs;
	uint32_t list_refs; /* events listed per edge in the graph (merge: the header's) */
	int auto_refs;      /* GP_EVENT_IDS_AUTO: capped once imported rows come */
	uint64_t stamp;
	GP_VEC(agg_edge) edges;
	gp_u64map edge_map;
	GP_VEC(gp_agg_node) nodes;   /* per actor */
	GP_VEC(uint64_t) node_stamp; /* per actor: last event counted, last self-loop */
	GP_VEC(uint64_t) self_stamp;
};

/* An event's id as partial graphs write it (GP_EVREF_DATASET aside). */
static const char *ref_text(const gp_evref *r, char buf[GP_IMPORTED_ID_MAX])
{
	if (r->kind == GP_EVREF_NAMED) {
		return (const char *)(uintptr_t)r->id;
	}
	gp__imported_id_text(r->kind == GP_EVREF_ICEWS, r->id, buf);
	return buf;
}

/* A packed source list copied (graph_impl.h); 0, or -1 out of memory. */
static int src_copy(gp_evref *r)
{
	if (r->src_in_file || !r->src) {
		return 0;
	}
	size_t n = 0;
	while (r->src[n]) {
		n += strlen(r->src + n) + 1;
	}
	char *p = malloc(n + 1);
	if (!p) {
		r->src = NULL;
		return -1;
	}
	memcpy(p, r->src, n + 1);
	r->src = p;
	return 0;
}

static void src_free(gp_evref *r)
{
	if (!r->src_in_file) {
		free((void *)(uintptr_t)r->src);
	}
	r->src = NULL;
	r->src_in_file = 0;
}

/*
 * Events alike in start, end and order: told apart by their id, then their
 * precision. The order (seq) of an event that is no imported row is its
 * place in its own file, so events of different shards share it: without
 * this, which of them an edge lists first, or keeps under a cap, and which
 * is a node's latest, would depend on the order events arrive in, and a
 * merge of merges would differ from one merge. The dataset's events (all of
 * one dataset) come first, by index; others by id text, as written.
 */
static int ref_tie(const gp_evref *x, const gp_evref *y)
{
	int dx = x->kind == GP_EVREF_DATASET, dy = y->kind == GP_EVREF_DATASET;
	int c;
	if (dx || dy) {
		c = dx != dy ? dy - dx : (x->id > y->id) - (x->id < y->id);
	} else {
		char bx[GP_IMPORTED_ID_MAX], by[GP_IMPORTED_ID_MAX];
		c = strcmp(ref_text(x, bx), ref_text(y, by));
	}
	return c ? (c < 0 ? -1 : 1) : (x->prec > y->prec) - (x->prec < y->prec);
}

/* Timeline order, total: start, the later end first, input order, then ref_tie. */
static inline int ref_cmp(const gp_evref *x, const gp_evref *y)
{
	if (x->start != y->start) {
		return x->start < y->start ? -1 : 1;
	}
	if (x->end != y->end) {
		return x->end > y->end ? -1 : 1; /* the later end first */
	}
	if (x->seq != y->seq) {
		return x->seq < y->seq ? -1 : 1;
	}
	return ref_tie(x, y);
}

int gp__evref_cmp(const gp_evref *x, const gp_evref *y)
{
	return ref_cmp(x, y);
}

int gp__agg_new(gp_agg **out, const gp_dataset *ds, int level, uint32_t max_refs)
{
	gp_agg *a = calloc(1, sizeof(*a));
	*out = a;
	if (!a) {
		return GP_ENOMEM;
	}
	a->ds = ds;
	a->level = level;
	a->level_known = 1;
	a->auto_refs = max_refs == GP_EVENT_IDS_AUTO;
	a->max_refs = a->list_refs = max_refs && !a->auto_refs ? max_refs : UINT32_MAX;
	return GP_OK;
}

void gp__agg_free(gp_agg *a)
{
	if (!a) {
		return;
	}
	for (size_t i = 0; i < a->edges.n; i++) {
		for (size_t k = 0; k < a->edges.v[i].refs.n; k++) {
			src_free(&a->edges.v[i].refs.v[k]);
		}
		GP_VEC_FREE(a->edges.v[i].refs);
		GP_VEC_FREE(a->edges.v[i].types);
	}
	GP_VEC_FREE(a->edges);
	GP_VEC_FREE(a->nodes);
	GP_VEC_FREE(a->node_stamp);
	GP_VEC_FREE(a->self_stamp);
	gp__u64map_release(&a->edge_map);
	free(a);
}

int gp__agg_level(const gp_agg *a)
{
	return a->level_known ? a->level : -1;
}

void gp__agg_imported(gp_agg *a)
{
	/* Before the first event of the graph: kept heaps are cut at this size. */
	if (a->auto_refs) {
		a->auto_refs = 0;
		a->max_refs = a->list_refs = GP_EVENT_IDS_IMPORTED;
	}
}

void gp__agg_set_level(gp_agg *a, int level)
{
	a->level = level;
	a->level_known = 1;
}

void gp__agg_unknown_level(gp_agg *a)
{
	a->level_known = 0;
}

void gp__agg_set_list(gp_agg *a, uint32_t n)
{
	/* Only ever fewer: the heap may keep more, the graph lists the earliest n. */
	if (n && n < a->list_refs) {
		a->list_refs = n;
	}
}

/* Per-actor arrays cover every actor index seen (the dataset grows while streaming). */
static int cover(gp_agg *a, gp_index actor)
{
	while (a->nodes.n <= actor) {
		gp_agg_node z;
		memset(&z, 0, sizeof(z));
		z.latest.start = GP_TIME_MIN;
		z.latest.end = GP_TIME_MAX;
		if (GP_VEC_PUSH(a->nodes, z) || GP_VEC_PUSH(a->node_stamp, 0) ||
		    GP_VEC_PUSH(a->self_stamp, 0)) {
			return -1;
		}
	}
	return 0;
}

/* Widen a node's span to [start, end]; its first events set it. */
static void widen(gp_agg_node *n, int64_t start, int64_t end)
{
	if (n->events == 0 || start < n->span.start) {
		n->span.start = start;
	}
	if (n->events == 0 || end > n->span.end) {
		n->span.end = end;
	}
}

static void keep_latest(gp_agg_node *n, const gp_evref *r)
{
	if (n->events == 0 || gp__evref_cmp(r, &n->latest) > 0) {
		n->latest = *r;
		n->latest.src = NULL; /* borrowed, and no writer shows it */
		n->latest.src_in_file = 0;
	}
}

/* One more event of a node's (before its count goes up). */
static void note_event(gp_agg_node *n, const gp_evref *r)
{
	widen(n, r->start, r->end);
	keep_latest(n, r);
}

/*
 * Keep the max_refs earliest references: a max-heap, its root the latest
 * kept. A kept reference owns a copy of its sources, made only when it is
 * kept: streamed rows that are not (most of them) cost nothing.
 */
static int keep_ref(gp_agg *a, agg_edge *e, const gp_evref *r)
{
	gp_evref *h;
	size_t i;
	if (e->refs.n < a->max_refs) {
		/*
		 * A small cap grows 1, 2, 4, 8, then to the cap exactly: most edges of
		 * an actor graph have one or two events (reserving the 10 GDELT lists
		 * at once took 560 bytes an edge, half the memory of 1M rows), and
		 * doubling past 8 would leave 6 slots to spare.
		 */
		if (e->refs.n == e->refs.cap && a->max_refs <= 64) {
			size_t cap = e->refs.cap ? 2 * e->refs.cap : 1;
			cap = cap > a->max_refs ? a->max_refs : cap;
			gp_evref *v = realloc(e->refs.v, cap * sizeof(*v));
			if (!v) {
				return -1;
			}
			e->refs.v = v;
			e->refs.cap = cap;
		}
		gp_evref kept = *r;
		if (src_copy(&kept)) {
			return -1;
		}
		if (GP_VEC_PUSH(e->refs, kept)) {
			src_free(&kept);
			return -1;
		}
		h = e->refs.v;
		for (i = e->refs.n - 1; i > 0 && ref_cmp(&h[(i - 1) / 2], &h[i]) < 0;
		     i = (i - 1) / 2) {
			gp_evref t = h[i];
			h[i] = h[(i - 1) / 2];
			h[(i - 1) / 2] = t;
		}
		e->top_start = h[0].start;
		return 0;
	}
	/* Full: most rows start after the latest kept one; say no without the heap. */
	if (r->start > e->top_start) {
		return 0;
	}
	h = e->refs.v;
	if (ref_cmp(r, &h[0]) >= 0) {
		return 0;
	}
	gp_evref kept = *r;
	if (src_copy(&kept)) {
		return -1;
	}
	src_free(&h[0]);
	h[0] = kept;
	for (i = 0;;) {
		size_t l = 2 * i + 1, rr = l + 1, m = i;
		if (l < e->refs.n && ref_cmp(&h[l], &h[m]) > 0) {
			m = l;
		}
		if (rr < e->refs.n && ref_cmp(&h[rr], &h[m]) > 0) {
			m = rr;
		}
		if (m == i) {
			break;
		}
		gp_evref t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
	e->top_start = h[0].start;
	return 0;
}

static int id_cmp(const gp_dataset *ds, gp_index x, gp_index y)
{
	return strcmp(gp_dataset_actor(ds, x)->id, gp_dataset_actor(ds, y)->id);
}

/* The edge for (s, t, directed), created when new; NULL on ENOMEM. */
static agg_edge *edge_for(gp_agg *a, gp_index s, gp_index t, int directed, uint32_t *slot_out)
{
	if (!directed && id_cmp(a->ds, s, t) > 0) {
		gp_index x = s;
		s = t, t = x;
	}
	uint64_t key = ((uint64_t)s << 32 | t) * 2 + (uint64_t)directed;
	uint32_t slot = gp__u64map_get_or_put(&a->edge_map, key, (uint32_t)a->edges.n);
	if (slot == GP_NONE) {
		return NULL;
	}
	if (slot == a->edges.n) {
		agg_edge e;
		memset(&e, 0, sizeof(e));
		e.a = s, e.b = t, e.directed = directed;
		e.first = GP_TIME_MAX, e.last = GP_TIME_MIN;
		if (GP_VEC_PUSH(a->edges, e)) {
			return NULL;
		}
	}
	*slot_out = slot;
	return &a->edges.v[slot];
}

static int add_types(gp_agg *a, uint32_t slot, gp_index type, uint32_t count)
{
	agg_edge *e = &a->edges.v[slot];
	gp_type_count *tv = e->types.v;
	for (size_t i = 0; i < e->types.n; i++) {
		if (tv[i].type == type) {
			tv[i].count += count;
			if (i > 0) {
				/* One step forward on each hit: common types end up first.
				 * The order is free: the graph sorts types by name. */
				gp_type_count t = tv[i - 1];
				tv[i - 1] = tv[i];
				tv[i] = t;
			}
			return 0;
		}
	}
	gp_type_count tc = { type, count };
	return GP_VEC_PUSH(e->types, tc);
}

/*
 * first and last keep the precision and qualifiers of an event that starts
 * then. When several do, the choice must not depend on the order events
 * arrive in (batches, threads, shards): both take the finest precision,
 * which says the most (a day and a month both starting 2025-01-01 show as
 * 2025-01-01), then the fewest qualifiers (one sure event on a day makes
 * the day sure).
 */
typedef struct {
	int64_t t;
	uint8_t prec, qual;
} agg_bound;

static int bound_finer(agg_bound x, uint8_t prec, uint8_t qual)
{
	return x.prec < prec || (x.prec == prec && x.qual < qual);
}

static void bounds(agg_edge *e, agg_bound first, agg_bound last)
{
	if (first.t < e->first ||
	    (first.t == e->first && bound_finer(first, e->first_prec, e->first_qual))) {
		e->first = first.t, e->first_prec = first.prec, e->first_qual = first.qual;
	}
	if (last.t > e->last || (e->count == 0 && e->last == GP_TIME_MIN) ||
	    (last.t == e->last && bound_finer(last, e->last_prec, e->last_qual))) {
		e->last = last.t, e->last_prec = last.prec, e->last_qual = last.qual;
	}
}

static agg_bound ref_bound(const gp_evref *r)
{
	agg_bound b = { r->start, r->prec, r->qual };
	return b;
}

/* One event's weight into an edge's sums. */
static void add_weight(agg_edge *e, int64_t w)
{
	e->weight += w;
	if (w > 0) {
		e->sign.coop_micro += w;
		e->sign.n_coop++;
	} else if (w < 0) {
		e->sign.n_conf++;
	}
}

static int add_pair(gp_agg *a, const gp_evref *r, gp_index type, int64_t w, int status, gp_index s,
		    gp_index t, int directed)
{
	if (s == t) {
		if (a->self_stamp.v[s] != a->stamp) {
			a->self_stamp.v[s] = a->stamp;
			a->nodes.v[s].self_events++;
		}
		return 0;
	}
	uint32_t slot;
	agg_edge *e = edge_for(a, s, t, directed, &slot);
	if (!e) {
		return -1;
	}
	if (e->stamp == a->stamp) {
		return 0; /* this event is on the edge already */
	}
	bounds(e, ref_bound(r), ref_bound(r));
	e->stamp = a->stamp;
	e->count++;
	add_weight(e, w);
	e->status_n[status]++;
	return keep_ref(a, e, r) || add_types(a, slot, type, 1) ? -1 : 0;
}

int gp__agg_event(gp_agg *a, const gp_evref *r, gp_index type, int64_t w, int status,
		  const gp_index *act, size_t ns, size_t nt, size_t np)
{
	if (a->auto_refs && r->kind != GP_EVREF_DATASET) {
		gp__agg_imported(a);
	}
	size_t n = ns + nt + np;
	a->stamp++;
	for (size_t i = 0; i < n; i++) {
		if (cover(a, act[i])) {
			return GP_ENOMEM;
		}
		if (a->node_stamp.v[act[i]] != a->stamp) {
			a->node_stamp.v[act[i]] = a->stamp;
			note_event(&a->nodes.v[act[i]], r);
			a->nodes.v[act[i]].events++;
		}
	}
	for (size_t i = 0; i < ns; i++) {
		for (size_t j = 0; j < nt; j++) {
			if (add_pair(a, r, type, w, status, act[i], act[ns + j], 1)) {
				return GP_ENOMEM;
			}
		}
	}
	for (size_t i = 0; i < np; i++) {
		for (size_t j = i + 1; j < np; j++) {
			if (add_pair(a, r, type, w, status, act[ns + nt + i], act[ns + nt + j],
				     0)) {
				return GP_ENOMEM;
			}
		}
	}
	return GP_OK;
}

/*
 * Rows of machine-coded data, a batch at a time. Each row is one event with
 * at most one directed pair, so no event can reach an edge twice and the
 * per-event stamps are not needed. The map slots, edges and type lists of a
 * country graph of GDELT (tens of thousands of edges, megabytes) miss the
 * cache on nearly every row; the batch is walked in passes that first
 * prefetch what the next pass reads, so those misses overlap instead of
 * following one another. Rows are applied in order: the result is the one
 * row-by-row aggregation gives.
 */
#define PREFETCH(p) __builtin_prefetch(p)

int gp__agg_rows(gp_agg *a, const gp_agg_row *rows, size_t n)
{
	uint32_t slot[GP_AGG_BATCH];
	if (n > GP_AGG_BATCH) {
		return GP_ERROR;
	}
	if (a->auto_refs && n && rows[0].ref.kind != GP_EVREF_DATASET) {
		gp__agg_imported(a);
	}
	/* 1: where each pair's map entry is. */
	for (size_t i = 0; i < n; i++) {
		const gp_agg_row *r = &rows[i];
		if (r->t != GP_NONE && r->s != r->t && a->edge_map.cap) {
			uint64_t key = ((uint64_t)r->s << 32 | r->t) * 2 + 1;
			PREFETCH(&a->edge_map.ent[gp__mix64(key) & (a->edge_map.cap - 1)]);
		}
	}
	/* 2: the edge of each pair, new ones numbered in row order. */
	for (size_t i = 0; i < n; i++) {
		const gp_agg_row *r = &rows[i];
		slot[i] = GP_NONE;
		if (cover(a, r->s) || (r->t != GP_NONE && cover(a, r->t))) {
			return GP_ENOMEM;
		}
		if (r->t != GP_NONE && r->s != r->t) {
			if (!edge_for(a, r->s, r->t, 1, &slot[i])) {
				return GP_ENOMEM;
			}
			const agg_edge *e = &a->edges.v[slot[i]];
			PREFETCH(e);
			PREFETCH((const char *)e + 64);
		}
	}
	/* 3: each edge's type list, and its kept events when this row may join them. */
	for (size_t i = 0; i < n; i++) {
		if (slot[i] == GP_NONE) {
			continue;
		}
		const agg_edge *e = &a->edges.v[slot[i]];
		if (e->types.v) {
			PREFETCH(e->types.v);
		}
		if (e->refs.v && (e->refs.n < a->max_refs || rows[i].ref.start <= e->top_start)) {
			PREFETCH(e->refs.v); /* the root and its children */
			PREFETCH((const char *)e->refs.v + 64);
			PREFETCH((const char *)e->refs.v + 128);
		}
	}
	/* 4: count. */
	for (size_t i = 0; i < n; i++) {
		const gp_agg_row *r = &rows[i];
		gp_agg_node *ns = &a->nodes.v[r->s];
		note_event(ns, &r->ref);
		ns->events++;
		if (r->t == GP_NONE) {
			continue;
		}
		if (r->s == r->t) {
			ns->self_events++;
			continue;
		}
		gp_agg_node *nt = &a->nodes.v[r->t];
		note_event(nt, &r->ref);
		nt->events++;
		agg_edge *e = &a->edges.v[slot[i]];
		bounds(e, ref_bound(&r->ref), ref_bound(&r->ref));
		e->count++;
		add_weight(e, r->w);
		e->status_n[r->status]++;
		if (keep_ref(a, e, &r->ref) || add_types(a, slot[i], r->type, 1)) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

int gp__agg_add_edge(gp_agg *a, gp_index s, gp_index t, int directed, uint32_t count, int64_t w,
		     const gp_edge *b, const gp_type_count *types, size_t n_types,
		     const gp_evref *refs, size_t n_refs, const uint32_t *status_n,
		     const gp_sign_split *sign)
{
	uint32_t slot;
	if (cover(a, s > t ? s : t)) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; a->auto_refs && i < n_refs; i++) {
		if (refs[i].kind != GP_EVREF_DATASET) {
			gp__agg_imported(a); /* merged from shards or threads that read rows */
		}
	}
	agg_edge *e = edge_for(a, s, t, directed, &slot);
	if (!e) {
		return GP_ENOMEM;
	}
	/* Partial graphs whose counts add up past a count's range: refused, not wrapped. */
	if (e->count > UINT32_MAX - count) {
		return GP_EINVALID;
	}
	uint64_t claims = 0;
	for (int k = GP_STATUS_REPORTED + 1; status_n && k < GP_STATUS_COUNT; k++) {
		claims += status_n[k];
	}
	if (claims > count || (uint64_t)sign->n_coop + sign->n_conf > count) {
		return GP_EINVALID;
	}
	for (int k = GP_STATUS_REPORTED + 1; status_n && k < GP_STATUS_COUNT; k++) {
		e->status_n[k] += status_n[k];
	}
	agg_bound first = { b->first, b->first_prec, b->first_qual };
	agg_bound last = { b->last, b->last_prec, b->last_qual };
	bounds(e, first, last);
	e->count += count;
	e->weight += w;
	e->sign.coop_micro += sign->coop_micro;
	e->sign.n_coop += sign->n_coop;
	e->sign.n_conf += sign->n_conf;
	/* Room for all that may be kept at once, not grown one by one (keep_ref). */
	size_t want = e->refs.n + n_refs < a->max_refs ? e->refs.n + n_refs : a->max_refs;
	if (want > e->refs.cap && a->max_refs <= 64) {
		gp_evref *v = realloc(e->refs.v, want * sizeof(*v));
		if (!v) {
			return GP_ENOMEM;
		}
		e->refs.v = v;
		e->refs.cap = want;
	}
	for (size_t i = 0; i < n_refs; i++) {
		if (keep_ref(a, e, &refs[i])) {
			return GP_ENOMEM;
		}
	}
	for (size_t i = 0; i < n_types; i++) {
		if (add_types(a, slot, types[i].type, types[i].count)) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

int gp__agg_add_node(gp_agg *a, gp_index actor, uint32_t events, uint32_t self_events,
		     const gp_evref *latest, const gp_span *span)
{
	if (cover(a, actor)) {
		return GP_ENOMEM;
	}
	gp_agg_node *n = &a->nodes.v[actor];
	if (n->events > UINT32_MAX - events || n->self_events > UINT32_MAX - self_events) {
		return GP_EINVALID; /* as for edges */
	}
	if (events) {
		widen(n, span->start, span->end);
		keep_latest(n, latest);
	}
	n->events += events;
	n->self_events += self_events;
	return GP_OK;
}

/*
 * Move src's edges whole into dst, which has none yet, as adding them one by
 * one would leave them (gp__agg_add_edge): the first part of a file read by
 * threads, for a tenth of the time. GP_OK, 1 when not so (dst or src not in
 * the same state, two edges made one, a type unknown: nothing changed, merge
 * edge by edge), or GP_ENOMEM.
 */
static int take_edges(gp_agg *dst, gp_agg *src, const gp_index *map, const gp_index *type_map)
{
	/* Rows among src's events cap dst's lists as the first of them comes (gp__agg_imported). */
	size_t rows = 0, others = 0;
	for (size_t i = 0; i < src->edges.n; i++) {
		for (size_t k = 0; k < src->edges.v[i].refs.n; k++) {
			rows += src->edges.v[i].refs.v[k].kind != GP_EVREF_DATASET;
		}
		others += src->edges.v[i].refs.n;
	}
	others -= rows;
	int capped = dst->auto_refs && rows;
	if (dst->edges.n || dst->edge_map.n || dst->level != src->level || (capped && others) ||
	    (dst->auto_refs && !capped) != src->auto_refs ||
	    (capped ? GP_EVENT_IDS_IMPORTED : dst->max_refs) != src->max_refs ||
	    (capped ? GP_EVENT_IDS_IMPORTED : dst->list_refs) != src->list_refs) {
		return 1;
	}
	int rc = GP_OK;
	for (size_t i = 0; rc == GP_OK && i < src->edges.n; i++) {
		const agg_edge *e = &src->edges.v[i];
		gp_index s = map[e->a], t = map[e->b];
		for (size_t k = 0; k < e->types.n; k++) {
			rc = type_map[e->types.v[k].type] == GP_NONE ? 1 : rc;
		}
		if (rc == GP_OK && !e->directed && id_cmp(dst->ds, s, t) > 0) {
			gp_index x = s;
			s = t, t = x;
		}
		uint64_t key = ((uint64_t)s << 32 | t) * 2 + (uint64_t)e->directed;
		uint32_t slot = rc == GP_OK
					? gp__u64map_get_or_put(&dst->edge_map, key, (uint32_t)i)
					: (uint32_t)i;
		rc = slot == GP_NONE ? GP_ENOMEM : slot != i ? 1 : rc;
	}
	if (rc != GP_OK) {
		gp__u64map_release(&dst->edge_map);
		return rc;
	}
	if (capped) {
		gp__agg_imported(dst);
	}
	dst->edges = src->edges;
	memset(&src->edges, 0, sizeof(src->edges));
	for (size_t i = 0; i < dst->edges.n; i++) {
		agg_edge *e = &dst->edges.v[i];
		gp_index s = map[e->a], t = map[e->b];
		if (!e->directed && id_cmp(dst->ds, s, t) > 0) {
			gp_index x = s;
			s = t, t = x;
		}
		e->a = s, e->b = t;
		e->stamp = 0;                        /* dst's events, not src's */
		e->status_n[GP_STATUS_REPORTED] = 0; /* as gp__agg_add_edge leaves it */
		for (size_t k = 0; k < e->types.n; k++) {
			e->types.v[k].type = type_map[e->types.v[k].type];
		}
	}
	return GP_OK;
}

int gp__agg_merge(gp_agg *dst, gp_agg *src, const gp_index *map)
{
	for (size_t i = 0; i < src->nodes.n; i++) {
		const gp_agg_node *n = &src->nodes.v[i];
		int rc = n->events || n->self_events
				 ? gp__agg_add_node(dst, map[i], n->events, n->self_events,
						    &n->latest, &n->span)
				 : GP_OK;
		if (rc != GP_OK) {
			return rc;
		}
	}
	/* Type indexes differ between datasets: map them by name, once. */
	size_t nt = gp_dataset_type_count(src->ds);
	gp_index *type_map = malloc((nt ? nt : 1) * sizeof(*type_map));
	if (!type_map) {
		return GP_ENOMEM;
	}
	for (size_t k = 0; k < nt; k++) {
		type_map[k] =
			gp_dataset_find_type(dst->ds, gp_dataset_type(src->ds, (gp_index)k)->name);
	}
	int rc = take_edges(dst, src, map, type_map);
	if (rc != 1) {
		free(type_map);
		return rc;
	}
	rc = GP_OK;
	GP_VEC(gp_type_count) tc = { 0 };
	for (size_t i = 0; i < src->edges.n && rc == GP_OK; i++) {
		const agg_edge *e = &src->edges.v[i];
		tc.n = 0;
		for (size_t k = 0; k < e->types.n && rc == GP_OK; k++) {
			gp_index t = type_map[e->types.v[k].type];
			gp_type_count x = { t, e->types.v[k].count };
			rc = t == GP_NONE ? GP_ERROR : GP_VEC_PUSH(tc, x) ? GP_ENOMEM : GP_OK;
		}
		if (rc == GP_OK) {
			gp_edge b;
			memset(&b, 0, sizeof(b));
			b.first = e->first, b.first_prec = e->first_prec,
			b.first_qual = e->first_qual;
			b.last = e->last, b.last_prec = e->last_prec, b.last_qual = e->last_qual;
			rc = gp__agg_add_edge(dst, map[e->a], map[e->b], e->directed, e->count,
					      e->weight, &b, tc.v, tc.n, e->refs.v, e->refs.n,
					      e->status_n, &e->sign);
		}
	}
	GP_VEC_FREE(tc);
	free(type_map);
	return rc;
}

/* ------------------------------------------------------------------ graph */

/* qsort has no context argument: the comparisons read these. */
static _Thread_local const gp_dataset *sort_ds; /* qsort has no context argument in C17 */

static int cmp_node(const void *pa, const void *pb)
{
	const gp_node *x = pa, *y = pb;
	return strcmp(gp_dataset_actor(sort_ds, x->actor)->id,
		      gp_dataset_actor(sort_ds, y->actor)->id);
}

/* An edge's place in the graph's order, by its ends' node indexes (node order is id order). */
typedef struct {
	uint32_t source, target;
	uint32_t directed;
	uint32_t i; /* its index in the aggregator */
} edge_key;

static int cmp_edge_key(const void *pa, const void *pb)
{
	const edge_key *x = pa, *y = pb;
	if (x->source != y->source) {
		return x->source < y->source ? -1 : 1;
	}
	if (x->target != y->target) {
		return x->target < y->target ? -1 : 1;
	}
	return (x->directed > y->directed) - (x->directed < y->directed);
}

static int cmp_ref(const void *pa, const void *pb)
{
	return gp__evref_cmp(pa, pb);
}

/* An edge's events in timeline order: most edges have one or a few, past qsort's call. */
static void sort_refs(gp_evref *v, size_t n)
{
	if (n > 16) {
		qsort(v, n, sizeof(*v), cmp_ref);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		gp_evref x = v[i];
		size_t j = i;
		for (; j > 0 && ref_cmp(&v[j - 1], &x) > 0; j--) {
			v[j] = v[j - 1];
		}
		v[j] = x;
	}
}

/* An edge's type counts by their types' name order (rank[type], distinct types). */
static void sort_types(gp_type_count *v, size_t n, const uint32_t *rank)
{
	for (size_t i = 1; i < n; i++) {
		gp_type_count x = v[i];
		size_t j = i;
		for (; j > 0 && rank[v[j - 1].type] > rank[x.type]; j--) {
			v[j] = v[j - 1];
		}
		v[j] = x;
	}
}

static int cmp_type_index_name(const void *pa, const void *pb)
{
	return strcmp(gp_dataset_type(sort_ds, *(const gp_index *)pa)->name,
		      gp_dataset_type(sort_ds, *(const gp_index *)pb)->name);
}

/* rank[t]: type t's place in name order (sort_ds's types); NULL out of memory. */
static uint32_t *type_ranks(const gp_dataset *ds)
{
	size_t nt = gp_dataset_type_count(ds);
	gp_index *by_name = malloc((nt ? nt : 1) * sizeof(*by_name));
	uint32_t *rank = malloc((nt ? nt : 1) * sizeof(*rank));
	if (by_name && rank) {
		for (size_t t = 0; t < nt; t++) {
			by_name[t] = (gp_index)t;
		}
		sort_ds = ds;
		qsort(by_name, nt, sizeof(*by_name), cmp_type_index_name);
		for (size_t k = 0; k < nt; k++) {
			rank[by_name[k]] = (uint32_t)k;
		}
	} else {
		free(rank);
		rank = NULL;
	}
	free(by_name);
	return rank;
}

unsigned gp__agg_radix_bits = 64;

/*
 * order[0..ne): the aggregator's indexes of the edges kept (count >=
 * min_count) in (source, target, directed) order, the graph's. Each edge's
 * key packed above its index and radix-sorted when they fit in 64 bits
 * (gp__agg_radix_bits; keys are distinct), else sorted by qsort. GP_OK or
 * GP_ENOMEM.
 */
static int edge_order(const gp_agg *a, const gp_graph *g, uint32_t min_count, size_t ne,
		      uint32_t *order)
{
	size_t nn = g->nn, k = 0;
	/* Below 2^31 nodes the key's largest value, 2 nn^2 - 1, fits in 64 bits. */
	unsigned key_bits = gp__bit_width(((uint64_t)nn * nn - 1) * 2 + 1);
	unsigned idx_bits = gp__bit_width(a->edges.n ? a->edges.n - 1 : 0);
	if (nn && nn < (size_t)1 << 31 && key_bits + idx_bits <= gp__agg_radix_bits) {
		uint64_t *v = malloc((ne ? ne : 1) * sizeof(*v));
		uint64_t *tmp = malloc((ne ? ne : 1) * sizeof(*tmp));
		if (!v || !tmp) {
			free(v), free(tmp);
			return GP_ENOMEM;
		}
		for (size_t i = 0; i < a->edges.n; i++) {
			const agg_edge *ae = &a->edges.v[i];
			if (ae->count >= min_count) {
				uint64_t key = ((uint64_t)g->node_of_actor[ae->a] * nn +
						g->node_of_actor[ae->b]) *
						       2 +
					       (ae->directed != 0);
				v[k++] = key << idx_bits | i;
			}
		}
		gp__radix_sort_u64(v, tmp, ne, key_bits + idx_bits);
		uint64_t mask = idx_bits ? (uint64_t)-1 >> (64 - idx_bits) : 0;
		for (size_t pos = 0; pos < ne; pos++) {
			order[pos] = (uint32_t)(v[pos] & mask);
		}
		free(v), free(tmp);
		return GP_OK;
	}
	edge_key *keys = malloc((ne ? ne : 1) * sizeof(*keys));
	if (!keys) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < a->edges.n; i++) {
		const agg_edge *ae = &a->edges.v[i];
		if (ae->count >= min_count) {
			keys[k++] = (edge_key){ g->node_of_actor[ae->a], g->node_of_actor[ae->b],
						ae->directed != 0, (uint32_t)i };
		}
	}
	qsort(keys, ne, sizeof(*keys), cmp_edge_key);
	for (size_t pos = 0; pos < ne; pos++) {
		order[pos] = keys[pos].i;
	}
	free(keys);
	return GP_OK;
}

int gp__agg_check_merged(const gp_agg *a, char *msg, size_t size)
{
	const gp_dataset *ds = a->ds;
	for (size_t i = 0; i < a->edges.n; i++) {
		const agg_edge *e = &a->edges.v[i];
		/* gp__agg_add_edge covered both ends: nodes.v holds them. */
		if (!a->nodes.v[e->a].events || !a->nodes.v[e->b].events) {
			snprintf(msg, size,
				 "an edge joins '%s', which has no node line with events",
				 gp_dataset_actor(ds, a->nodes.v[e->a].events ? e->b : e->a)->id);
			return -1;
		}
		/* Each partial lists min(its count, its cap) events: together at least as many, at most all. */
		uint32_t least = e->count < a->list_refs ? e->count : a->list_refs;
		least = least < a->max_refs ? least : a->max_refs;
		if (e->refs.n < least || e->refs.n > e->count) {
			snprintf(msg, size, "the edge '%s' - '%s' counts %lu events but lists %lu",
				 gp_dataset_actor(ds, e->a)->id, gp_dataset_actor(ds, e->b)->id,
				 (unsigned long)e->count, (unsigned long)e->refs.n);
			return -1;
		}
	}
	return 0;
}

int gp__agg_graph(gp_agg *a, const gp_graph_options *o, gp_graph **out)
{
	const gp_dataset *ds = a->ds;
	size_t na = gp_dataset_actor_count(ds);
	uint32_t min_count = o->min_count;
	gp_graph *g = calloc(1, sizeof(*g));
	*out = NULL;
	if (!g || cover(a, na ? (gp_index)(na - 1) : 0)) {
		free(g);
		return GP_ENOMEM;
	}
	g->ds = ds;
	g->level = a->level;
	g->list_cap = a->list_refs;
	g->jobs = o->jobs;
	g->n_actor_slots = na;
	g->node_of_actor = malloc((na ? na : 1) * sizeof(*g->node_of_actor));
	size_t nn = 0, ne = 0, nty = 0;
	for (size_t i = 0; i < na; i++) {
		nn += a->nodes.v[i].events > 0;
	}
	for (size_t i = 0; i < a->edges.n; i++) {
		ne += a->edges.v[i].count >= min_count;
	}
	for (size_t i = 0; i < a->edges.n; i++) {
		nty += a->edges.v[i].count >= min_count ? a->edges.v[i].types.n : 0;
	}
	g->nodes = calloc(nn ? nn : 1, sizeof(*g->nodes));
	g->latest = calloc(nn ? nn : 1, sizeof(*g->latest));
	g->span = calloc(nn ? nn : 1, sizeof(*g->span));
	uint32_t *order = malloc((ne ? ne : 1) * sizeof(*order));
	uint32_t *type_rank = type_ranks(ds);
	int rc = GP_ENOMEM;
	if (!g->node_of_actor || !g->nodes || !g->latest || !g->span || !order || !type_rank) {
		goto done;
	}
	memset(g->node_of_actor, 0xff, (na ? na : 1) * sizeof(*g->node_of_actor));
	/* Nodes: every actor that took part in an event, in id order. */
	for (gp_index i = 0; i < na; i++) {
		const gp_agg_node *an = &a->nodes.v[i];
		if (!an->events) {
			continue;
		}
		gp_node *nd = &g->nodes[g->nn++];
		nd->actor = i;
		nd->events = an->events;
		nd->self_events = an->self_events;
		gp_index c = gp_graph_map_actor(ds, i, GP_LEVEL_COUNTRY, an->latest.start);
		nd->country = gp_dataset_actor(ds, c)->kind == GP_KIND_COUNTRY ? c : GP_NONE;
	}
	sort_ds = ds;
	qsort(g->nodes, g->nn, sizeof(*g->nodes), cmp_node);
	for (size_t i = 0; i < g->nn; i++) {
		g->node_of_actor[g->nodes[i].actor] = (uint32_t)i;
		g->latest[i] = a->nodes.v[g->nodes[i].actor].latest;
		g->span[i] = a->nodes.v[g->nodes[i].actor].span;
	}
	/*
	 * Edges, in the graph's order from the aggregator's. The aggregator's
	 * edges are let go as they are taken (every caller frees it next): the
	 * analytics below then run beside the graph only, not beside the
	 * aggregator too.
	 */
	if ((rc = edge_order(a, g, min_count, ne, order)) != GP_OK) {
		goto done;
	}
	/* Allocated once the order is found: the sort's memory is free again. */
	g->edges = gp__huge_calloc(ne, sizeof(*g->edges));
	g->edge_more = gp__huge_calloc(ne, sizeof(*g->edge_more));
	g->types = gp__huge_calloc(nty, sizeof(*g->types));
	if (!g->edges || !g->edge_more || !g->types) {
		rc = GP_ENOMEM;
		goto done;
	}
	for (size_t i = 0; min_count > 1 && i < a->edges.n; i++) {
		agg_edge *ae = &a->edges.v[i];
		if (ae->count < min_count) {
			for (size_t k = 0; k < ae->refs.n; k++) {
				src_free(&ae->refs.v[k]);
			}
			GP_VEC_FREE(ae->refs);
			GP_VEC_FREE(ae->types);
		}
	}
	size_t kt = 0;
	for (size_t pos = 0; pos < ne; pos++) {
		/* Taken in another order than made: what comes next is fetched ahead. */
		if (pos + 16 < ne) {
			__builtin_prefetch(&a->edges.v[order[pos + 16]]);
			__builtin_prefetch((const char *)&a->edges.v[order[pos + 16]] + 64);
			__builtin_prefetch((const char *)&a->edges.v[order[pos + 16]] + 128);
		}
		if (pos + 8 < ne) {
			__builtin_prefetch(a->edges.v[order[pos + 8]].refs.v);
			__builtin_prefetch(a->edges.v[order[pos + 8]].types.v);
		}
		agg_edge *ae = &a->edges.v[order[pos]];
		gp_edge *e = &g->edges[g->ne];
		gp_edge_more *m = &g->edge_more[g->ne++];
		e->source = g->node_of_actor[ae->a];
		e->target = g->node_of_actor[ae->b];
		e->directed = ae->directed;
		e->count = ae->count;
		e->weight = (double)ae->weight / GP_WEIGHT_SCALE;
		memcpy(m->status_n, ae->status_n, sizeof(m->status_n));
		m->status_n[GP_STATUS_REPORTED] = ae->count;
		for (int k = GP_STATUS_REPORTED + 1; k < GP_STATUS_COUNT; k++) {
			m->status_n[GP_STATUS_REPORTED] -= ae->status_n[k];
		}
		m->weight_micro = ae->weight;
		m->coop_micro = ae->sign.coop_micro;
		e->cooperation = (double)ae->sign.coop_micro / GP_WEIGHT_SCALE;
		e->conflict = (double)(ae->weight - ae->sign.coop_micro) / GP_WEIGHT_SCALE;
		e->count_cooperation = ae->sign.n_coop;
		e->count_conflict = ae->sign.n_conf;
		e->first = ae->first, e->first_prec = ae->first_prec,
		e->first_qual = ae->first_qual;
		e->last = ae->last, e->last_prec = ae->last_prec, e->last_qual = ae->last_qual;
		/* The graph takes the edge's events over: no copy of the largest part. */
		sort_refs(ae->refs.v, ae->refs.n);
		m->refs = ae->refs.v;
		e->n_events = (uint32_t)(ae->refs.n < a->list_refs ? ae->refs.n : a->list_refs);
		for (size_t k = e->n_events; k < ae->refs.n; k++) {
			src_free(
				&ae->refs.v[k]); /* kept beyond the list: the graph frees the listed */
		}
		for (size_t k = 0; k < e->n_events; k++) {
			g->src_in_files += m->refs[k].src_in_file;
		}
		ae->refs.v = NULL;
		ae->refs.n = ae->refs.cap = 0;
		m->type_off = (uint32_t)kt;
		e->n_types = (uint32_t)ae->types.n;
		if (e->n_types) {
			memcpy(g->types + kt, ae->types.v, e->n_types * sizeof(*g->types));
		}
		sort_types(g->types + kt, e->n_types, type_rank);
		kt += e->n_types;
		GP_VEC_FREE(ae->types);
	}
	GP_VEC_FREE(a->edges);
	gp__u64map_release(&a->edge_map);
	free(type_rank), free(order);
	type_rank = NULL, order = NULL;
	g->no_analytics = o->no_analytics != 0;
	rc = g->no_analytics ? GP_OK : gp__graph_analyze(g, o->betweenness_pivots);
done:
	free(order);
	free(type_rank);
	if (rc != GP_OK) {
		gp_graph_free(g);
		return rc;
	}
	*out = g;
	return GP_OK;
}
