/*
 * resolve.c - gp_dataset_finish: what refers across inputs is resolved and
 * what is still wrong reported (unknown actors, types and citations with
 * suggestions; relative dates, links, part_of cycles); and actors found by
 * a user's name (--actor). The dataset's storage is dataset.c's.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "tables.h"

/* ------------------------------------------------------------ resolution */

static const char *file_of(const gp_dataset *ds, gp_loc at)
{
	return gp_dataset_file_name(ds, at.file);
}

/* Suggestions for an unknown actor: ids, names and aliases of defined ones. */
static void suggest_actor(const gp_dataset *ds, const char *word, char *buf, size_t size)
{
	/* Large imported sets are not searched: suggestions are for hand-written files. */
	if (ds->actors.n > 20000) {
		return;
	}
	const char **names = malloc((ds->actors.n * 2 + ds->aliases.n + 1) * sizeof(*names));
	const char **ids = malloc((ds->actors.n * 2 + ds->aliases.n + 1) * sizeof(*ids));
	size_t n = 0;
	if (!names || !ids) {
		free(names);
		free(ids);
		return;
	}
	for (size_t i = 0; i < ds->actors.n; i++) {
		const gp_actor *a = &ds->actors.v[i];
		if (!a->defined) {
			continue;
		}
		names[n] = a->id, ids[n++] = a->id;
		names[n] = a->name, ids[n++] = a->id;
		for (uint32_t k = 0; k < a->n_aliases; k++) {
			names[n] = ds->aliases.v[a->alias_off + k], ids[n++] = a->id;
		}
	}
	/* Score every name, then report the ids of the best three, once each. */
	const char *best[3] = { 0 };
	size_t bs[3] = { 0 };
	for (size_t i = 0; i < n; i++) {
		size_t sc;
		if (!gp__is_close(word, names[i], &sc)) {
			continue;
		}
		int seen = 0;
		for (int k = 0; k < 3; k++) {
			if (best[k] && strcmp(best[k], ids[i]) == 0) {
				seen = 1;
				if (sc < bs[k]) {
					bs[k] = sc;
				}
			}
		}
		if (seen) {
			continue;
		}
		for (int k = 0; k < 3; k++) {
			if (!best[k] || sc < bs[k]) {
				for (int j = 2; j > k; j--) {
					best[j] = best[j - 1], bs[j] = bs[j - 1];
				}
				best[k] = ids[i], bs[k] = sc;
				break;
			}
		}
	}
	size_t m = 0;
	while (m < 3 && best[m]) {
		m++;
	}
	gp__format_suggestions(buf, size, best, m);
	free(names);
	free(ids);
}

/*
 * Suggestions for an unknown event or citation id, among the defined ones,
 * made only when one is reported. Up to ID_SCAN_MAX ids are all compared
 * (gp__is_close, about a microsecond each) while the pool's comparisons stay
 * within ID_SCAN_BUDGET, so a few broken references in a hand-written file
 * get the best suggestions. Past that (a million imported events, or
 * thousands of broken references) only a small candidate set is compared,
 * found by binary search in the ids sorted once, case-insensitively: the ids
 * around the unknown one (the same id in another case, ids that extend it,
 * typos after a shared prefix) and those that are a prefix of it (BRAZIL ->
 * BRA). A typo near the start of an id is then missed: a fair price there.
 */
#define ID_SCAN_MAX 20000
#define ID_SCAN_BUDGET 1000000
#define ID_WINDOW 16 /* sorted neighbours on each side */

typedef struct {
	const char **ids; /* the defined ids, gathered at the first unknown one */
	size_t n;
	size_t budget; /* comparisons left for whole scans */
	int sorted, failed;
} id_pool;

/* a against the first blen bytes of b, ASCII case folded (gp__is_close's folding). */
static int ci_cmp(const char *a, const char *b, size_t blen)
{
	for (size_t k = 0;; k++) {
		int ca = tolower((unsigned char)a[k]),
		    cb = k < blen ? tolower((unsigned char)b[k]) : 0;
		if (ca != cb || !ca) {
			return ca - cb;
		}
	}
}

static int ci_order(const void *x, const void *y)
{
	return ci_cmp(*(const char *const *)x, *(const char *const *)y, SIZE_MAX);
}

/* The first sorted id not below word[0..len). */
static size_t ci_lower_bound(const id_pool *p, const char *word, size_t len)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ci_cmp(p->ids[mid], word, len) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

static void suggest_id(id_pool *p, const char *word, char *buf, size_t size)
{
	if (p->failed || !p->n) {
		return;
	}
	if (!p->sorted && p->n <= ID_SCAN_MAX && p->n <= p->budget) {
		p->budget -= p->n;
		gp__suggest_names(buf, size, word, p->ids, p->n);
		return;
	}
	if (!p->sorted) {
		qsort(p->ids, p->n, sizeof(*p->ids), ci_order);
		p->sorted = 1;
	}
	const char *cand[2 * ID_WINDOW + 64];
	size_t nc = 0, len = strlen(word);
	size_t at = ci_lower_bound(p, word, len);
	for (size_t k = at > ID_WINDOW ? at - ID_WINDOW : 0; k < p->n && k < at + ID_WINDOW; k++) {
		cand[nc++] = p->ids[k];
	}
	/* Ids that are a prefix of the word, longest first, while there is room. */
	for (size_t l = len - 1; l >= 2 && l < len && nc < sizeof(cand) / sizeof(*cand); l--) {
		size_t k = ci_lower_bound(p, word, l);
		if (k < p->n && ci_cmp(p->ids[k], word, l) == 0) {
			cand[nc++] = p->ids[k];
		}
	}
	gp__suggest_names(buf, size, word, cand, nc);
}

/* The pool of defined event ids, gathered at the first unknown one. */
static id_pool *event_pool(const gp_dataset *ds, id_pool *p)
{
	if (!p->ids && !p->failed && ds->events.n) {
		p->ids = malloc(ds->events.n * sizeof(*p->ids));
		p->failed = !p->ids;
		for (size_t i = 0; p->ids && i < ds->events.n; i++) {
			p->ids[p->n++] = ds->events.v[i].id;
		}
	}
	return p;
}

static void report_unknowns(gp_dataset *ds, gp_diag_sink *sink)
{
	char sugg[256];
	for (size_t i = 0; i < ds->actors.n; i++) {
		const gp_actor *a = &ds->actors.v[i];
		const actor_info *info = &ds->actor_info.v[i];
		if (a->defined || !info->refs) {
			continue;
		}
		sugg[0] = '\0';
		suggest_actor(ds, a->id, sugg, sizeof(sugg));
		gp__diag(sink, GP_SEV_WARNING, file_of(ds, info->first_ref), info->first_ref.line,
			 info->first_ref.column,
			 "unknown actor '%s'%s; taken as a group named '%s'%s", a->id, sugg, a->id,
			 info->refs > 1 ? " (and its other mentions)" : "");
	}
	const char *tnames[128];
	size_t nt = 0;
	for (size_t i = 0; i < ds->types.n && nt < 128; i++) {
		if (ds->types.v[i].known) {
			tnames[nt++] = ds->types.v[i].name;
		}
	}
	for (size_t i = 0; i < ds->types.n; i++) {
		const type_info *info = &ds->type_info.v[i];
		if (ds->types.v[i].known || !info->uses) {
			continue;
		}
		sugg[0] = '\0';
		gp__suggest_names(sugg, sizeof(sugg), ds->types.v[i].name, tnames, nt);
		gp__diag(sink, GP_SEV_WARNING, file_of(ds, info->first_use), info->first_use.line,
			 info->first_use.column, "unknown event type '%s'%s; weight 0, quad 0",
			 ds->types.v[i].name, sugg);
	}
	id_pool cites = { NULL, 0, ID_SCAN_BUDGET, 0, 0 };
	for (size_t i = 0; i < ds->cites.n; i++) {
		const cite_info *info = &ds->cite_info.v[i];
		if (info->defined || !info->uses) {
			continue;
		}
		if (!cites.ids && !cites.failed) {
			cites.ids = malloc(ds->cites.n * sizeof(*cites.ids));
			cites.failed = !cites.ids;
			for (size_t k = 0; cites.ids && k < ds->cites.n; k++) {
				if (ds->cite_info.v[k].defined) {
					cites.ids[cites.n++] = ds->cites.v[k].id;
				}
			}
		}
		sugg[0] = '\0';
		suggest_id(&cites, ds->cites.v[i].id, sugg, sizeof(sugg));
		gp__diag(sink, GP_SEV_WARNING, file_of(ds, info->first_use), info->first_use.line,
			 info->first_use.column,
			 "unknown source '%s'%s: no entry in 'sources' (an inline URL needs '://')",
			 ds->cites.v[i].id, sugg);
	}
	free(cites.ids);
}

/* An unknown event id in a reference (`what`), with suggestions. */
static void unknown_event(const gp_dataset *ds, id_pool *pool, gp_diag_sink *sink, gp_loc at,
			  const char *id, const char *what)
{
	char sugg[256] = "";
	suggest_id(event_pool(ds, pool), id, sugg, sizeof(sugg));
	gp__diag(sink, GP_SEV_ERROR, file_of(ds, at), at.line, at.column,
		 "unknown event '%s' in %s%s", id, what, sugg);
}

static void resolve_links(gp_dataset *ds, gp_diag_sink *sink, id_pool *pool)
{
	for (size_t i = 0; i < ds->link_refs.n; i++) {
		const link_ref *r = &ds->link_refs.v[i];
		gp_index e = gp__event_lookup(ds, r->ref, strlen(r->ref));
		if (e == GP_NONE) {
			unknown_event(ds, pool, sink, r->at, r->ref, "'links'");
		}
		if (r->link != GP_NONE) {
			ds->links.v[r->link].event = e;
		}
	}
}

/*
 * An event cannot answer one that comes after it: `in_response_to` an event
 * whose earliest start is after this event's latest start is a warning (a
 * slip of id or date). Bounds are compared once relative dates are resolved.
 * A single date may start as late as its latest end (`2025-08` answering
 * `2025-08-06` is fine); an interval is taken to start at its earliest start.
 * Links and their references were added in the same order, and events'
 * links one after the other: one pass over both finds each link's event.
 */
static void check_response_order(const gp_dataset *ds, gp_diag_sink *sink)
{
	size_t e = 0;
	for (size_t i = 0; i < ds->link_refs.n; i++) {
		const link_ref *r = &ds->link_refs.v[i];
		if (r->link == GP_NONE) {
			continue;
		}
		while (e < ds->events.n &&
		       ds->events.v[e].link_off + ds->events.v[e].n_links <= r->link) {
			e++;
		}
		const gp_link *l = &ds->links.v[r->link];
		if (e == ds->events.n || l->event == GP_NONE || l->event >= ds->events.n ||
		    strcmp(l->rel, "in_response_to") != 0) {
			continue;
		}
		const gp_event *ev = &ds->events.v[e], *to = &ds->events.v[l->event];
		/*
		 * The latest this event can start: a single date's end; an interval's
		 * start unit's last second (2025-08/.. may start on 2025-08-31), or
		 * its end when the start is open.
		 */
		int64_t latest = !(ev->date.flags & GP_DATE_INTERVAL) ? ev->date.end
				 : ev->date.start == GP_TIME_MIN
					 ? ev->date.end
					 : gp__date_unit_last(ev->date.start, ev->date.start_prec);
		if (to->date.start != GP_TIME_MIN && latest != GP_TIME_MAX &&
		    to->date.start > latest) {
			char a[96], b[96];
			gp_date_format_human(&ev->date, a, sizeof(a));
			gp_date_format_human(&to->date, b, sizeof(b));
			gp__diag(sink, GP_SEV_WARNING, file_of(ds, r->at), r->at.line, r->at.column,
				 "'%s' (%s) is in_response_to '%s', which starts later (%s)",
				 ev->id, a, to->id, b);
		}
	}
}

/*
 * Relative dates form a functional graph (each event refers to at most one
 * other). Resolve in dependency order with an explicit stack, so chains of
 * any length cost no recursion. A cycle is reported once, at the reference
 * that closes it: the one written last among the cycle's references.
 */
static int resolve_relative_dates(gp_dataset *ds, gp_diag_sink *sink, id_pool *pool)
{
	/* Targets may be kept rows too (indexes past the events): absolute dates, like events without rels. */
	size_t ne = ds->events.n, nall = ne + ds->rows.n;
	if (!ds->rels.n) {
		return GP_OK;
	}
	uint32_t *rel_of = malloc((nall ? nall : 1) * sizeof(*rel_of)); /* event -> rels index */
	uint8_t *state = calloc(nall ? nall : 1, 1); /* 0 new, 1 on stack, 2 done, 3 bad */
	gp_index *target = malloc(ds->rels.n * sizeof(*target));
	gp_index *stack = malloc((ne ? ne : 1) * sizeof(*stack));
	if (!rel_of || !state || !target || !stack) {
		free(rel_of), free(state), free(target), free(stack);
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < nall; i++) {
		rel_of[i] = GP_NONE;
	}
	for (size_t r = 0; r < ds->rels.n; r++) {
		const rel_date *rd = &ds->rels.v[r];
		if (rd->event != GP_NONE) {
			rel_of[rd->event] = (uint32_t)r;
		}
		target[r] = gp__event_lookup(ds, rd->ref, strlen(rd->ref));
		if (target[r] == GP_NONE) {
			unknown_event(ds, pool, sink, rd->at, rd->ref, "relative date");
		}
	}
	for (size_t r0 = 0; r0 < ds->rels.n; r0++) {
		gp_index e0 = ds->rels.v[r0].event;
		if (e0 == GP_NONE || state[e0]) {
			continue;
		}
		size_t sp = 0;
		gp_index e = e0;
		/* Walk along references until a resolved, bad, absolute or stacked event. */
		while (rel_of[e] != GP_NONE && state[e] == 0) {
			state[e] = 1;
			stack[sp++] = e;
			gp_index t = target[rel_of[e]];
			if (t == GP_NONE) {
				break;
			}
			e = t;
		}
		int bad = 0;
		if (rel_of[e] != GP_NONE && state[e] == 1 && target[rel_of[e]] != GP_NONE) {
			/* A cycle from e back to e: find its latest-written reference. */
			size_t from = sp;
			while (from > 0 && stack[from - 1] != e) {
				from--;
			}
			from--;
			size_t closing = from;
			for (size_t k = from; k < sp; k++) {
				if (gp__loc_cmp(ds->rels.v[rel_of[stack[k]]].at,
						ds->rels.v[rel_of[stack[closing]]].at) > 0) {
					closing = k;
				}
			}
			const rel_date *rc = &ds->rels.v[rel_of[stack[closing]]];
			char chain[512];
			size_t pos = 0;
			chain[0] = '\0';
			for (size_t k = 0; k <= sp - from && pos < sizeof(chain); k++) {
				const char *id = ds->events
							 .v[stack[from + (closing + 1 + k - from) %
										 (sp - from)]]
							 .id;
				pos += (size_t)snprintf(chain + pos, sizeof(chain) - pos, "%s%s",
							k ? " -> " : "", id);
			}
			gp__diag(sink, GP_SEV_ERROR, file_of(ds, rc->at), rc->at.line,
				 rc->at.column, "relative dates form a cycle: %s", chain);
			bad = 1;
		} else if (state[e] == 3 ||
			   (rel_of[e] != GP_NONE && target[rel_of[e]] == GP_NONE) ||
			   (rel_of[e] != GP_NONE && state[e] == 1)) {
			bad = 1;
		}
		/* Unwind: each stacked event takes its target's date, shifted. */
		while (sp > 0) {
			gp_index x = stack[--sp];
			const rel_date *rd = &ds->rels.v[rel_of[x]];
			gp_index t = target[rel_of[x]];
			if (bad || t == GP_NONE || state[t] == 3) {
				state[x] = 3;
				continue;
			}
			gp_event *ev = &ds->events.v[x];
			const gp_event *te = gp_dataset_event(ds, t);
			if (gp_date_shift(&ev->date, &te->date, &rd->offset, rd->sign)) {
				gp__diag(sink, GP_SEV_ERROR, file_of(ds, rd->at), rd->at.line,
					 rd->at.column,
					 "relative date of '%s' falls outside the years 0000-9999",
					 ev->id);
				state[x] = 3;
				bad = 1;
				continue;
			}
			ev->derived_from = t;
			ev->offset = rd->offset_text;
			ev->direction = (int8_t)rd->sign;
			state[x] = 2;
		}
	}
	free(rel_of), free(state), free(target), free(stack);
	return GP_OK;
}

/*
 * part_of must end: no cycle over all memberships, ignoring time bounds.
 * Colour DFS finds whether any cycle exists (iteratively); only then are
 * the memberships replayed in written order to find each closing reference.
 */
static int member_reaches(const gp_dataset *ds, const uint8_t *added, gp_index from, gp_index to,
			  gp_index *stack, uint8_t *seen)
{
	size_t sp = 0;
	int found = 0;
	memset(seen, 0, ds->actors.n);
	stack[sp++] = from;
	seen[from] = 1;
	while (sp && !found) {
		const gp_actor *a = &ds->actors.v[stack[--sp]];
		for (uint32_t k = 0; k < a->n_members; k++) {
			uint32_t m = a->member_off + k;
			gp_index b = ds->members.v[m].actor;
			if (!added[m]) {
				continue;
			}
			if (b == to) {
				found = 1;
				break;
			}
			if (!seen[b]) {
				seen[b] = 1;
				stack[sp++] = b;
			}
		}
	}
	return found;
}

static int check_part_of_cycles(gp_dataset *ds, gp_diag_sink *sink)
{
	size_t na = ds->actors.n, nm = ds->members.n;
	if (!nm) {
		return GP_OK;
	}
	uint8_t *color = calloc(na, 1);
	gp_index *stack = malloc((na + nm + 1) * sizeof(*stack));
	uint32_t *next = calloc(na, sizeof(*next));
	int cyclic = 0;
	if (!color || !stack || !next) {
		free(color), free(stack), free(next);
		return GP_ENOMEM;
	}
	for (size_t s = 0; s < na && !cyclic; s++) {
		if (color[s]) {
			continue;
		}
		size_t sp = 0;
		stack[sp++] = (gp_index)s;
		color[s] = 1;
		while (sp && !cyclic) {
			gp_index v = stack[sp - 1];
			const gp_actor *a = &ds->actors.v[v];
			if (next[v] < a->n_members) {
				gp_index w = ds->members.v[a->member_off + next[v]++].actor;
				if (color[w] == 1) {
					cyclic = 1;
				} else if (!color[w]) {
					color[w] = 1;
					stack[sp++] = w;
				}
			} else {
				color[v] = 2;
				sp--;
			}
		}
	}
	if (cyclic) {
		/* Replay memberships in written order; the one that closes a loop is reported. */
		uint32_t *order = malloc(nm * sizeof(*order));
		uint8_t *added = calloc(nm, 1);
		if (!order || !added) {
			free(order), free(added), free(color), free(stack), free(next);
			return GP_ENOMEM;
		}
		for (uint32_t m = 0; m < nm; m++) {
			order[m] = m;
		}
		/* Insertion sort by location is fine: only files with a cycle get here. */
		for (size_t i = 1; i < nm; i++) {
			uint32_t x = order[i];
			size_t j = i;
			while (j > 0 && gp__loc_cmp(ds->member_loc.v[order[j - 1]],
						    ds->member_loc.v[x]) > 0) {
				order[j] = order[j - 1];
				j--;
			}
			order[j] = x;
		}
		gp_index *owner = malloc(nm * sizeof(*owner));
		if (!owner) {
			free(order), free(added), free(color), free(stack), free(next);
			return GP_ENOMEM;
		}
		for (size_t i = 0; i < na; i++) {
			for (uint32_t k = 0; k < ds->actors.v[i].n_members; k++) {
				owner[ds->actors.v[i].member_off + k] = (gp_index)i;
			}
		}
		for (size_t i = 0; i < nm; i++) {
			uint32_t m = order[i];
			gp_index from = owner[m], to = ds->members.v[m].actor;
			if (from == to || member_reaches(ds, added, to, from, stack, color)) {
				gp_loc at = ds->member_loc.v[m];
				gp__diag(
					sink, GP_SEV_ERROR, file_of(ds, at), at.line, at.column,
					"part_of cycle: '%s' is part of '%s', which is already part of '%s'",
					ds->actors.v[from].id, ds->actors.v[to].id,
					ds->actors.v[from].id);
				continue;
			}
			added[m] = 1;
		}
		free(owner);
		free(order);
		free(added);
	}
	free(color), free(stack), free(next);
	return GP_OK;
}

int gp_dataset_finish(gp_dataset *ds, gp_diag_sink *sink)
{
	int rc;
	if (ds->finished) {
		return GP_ERROR;
	}
	ds->finished = 1;
	report_unknowns(ds, sink);
	id_pool events = { NULL, 0, ID_SCAN_BUDGET, 0, 0 };
	resolve_links(ds, sink, &events);
	if ((rc = check_part_of_cycles(ds, sink)) == GP_OK) {
		rc = resolve_relative_dates(ds, sink, &events);
	}
	if (rc == GP_OK) {
		check_response_order(ds, sink);
	}
	free(events.ids);
	if (rc != GP_OK) {
		return rc;
	}
	for (size_t i = 0; i < ds->events.n; i++) {
		gp_event *ev = &ds->events.v[i];
		if (!ev->has_weight && ev->type != GP_NONE) {
			ev->weight = ds->types.v[ev->type].weight;
		}
	}
	return sink && sink->errors ? GP_EINVALID : GP_OK;
}

size_t gp_dataset_closest_events(const char **out, size_t max, const gp_dataset *ds, const char *id)
{
	size_t n = 0, score[8];
	max = max > 8 ? 8 : max;
	/* Events written in files (imported rows have made-up ids), as many as a whole scan allows. */
	for (size_t i = 0; i < ds->events.n && i < ID_SCAN_MAX; i++) {
		const char *cand = ds->events.v[i].id;
		size_t sc, k;
		if (!gp__is_close(id, cand, &sc)) {
			continue;
		}
		for (k = n; k > 0 && score[k - 1] > sc; k--) {
		}
		if (k >= max) {
			continue;
		}
		n = n < max ? n + 1 : n;
		memmove(out + k + 1, out + k, (n - 1 - k) * sizeof(*out));
		memmove(score + k + 1, score + k, (n - 1 - k) * sizeof(*score));
		out[k] = cand, score[k] = sc;
	}
	return n;
}

const char *gp_dataset_closest_type(const gp_dataset *ds, const char *name)
{
	const char *best = NULL;
	size_t best_score = SIZE_MAX, sc;
	for (size_t i = 0; i < ds->types.n; i++) {
		if (gp__is_close(name, ds->types.v[i].name, &sc) && sc < best_score) {
			best = ds->types.v[i].name;
			best_score = sc;
		}
	}
	return best;
}

/* ---------------------------------------------------------- name look-up */

static int push_unique(gp_index **v, size_t *n, size_t *cap, gp_index x)
{
	for (size_t i = 0; i < *n; i++) {
		if ((*v)[i] == x) {
			return 0;
		}
	}
	if (*n == *cap && gp__grow((void **)v, cap, *n + 1, sizeof(**v))) {
		return -1;
	}
	(*v)[(*n)++] = x;
	return 0;
}

int gp_dataset_resolve_actor(gp_index *out, gp_index **cands, size_t *n_cands, const gp_dataset *ds,
			     const char *name)
{
	gp_index *v = NULL;
	size_t n = 0, cap = 0;
	*out = GP_NONE;
	if (cands) {
		*cands = NULL;
		*n_cands = 0;
	}
	gp_index exact = gp_dataset_find_actor(ds, name);
	if (exact != GP_NONE) {
		*out = exact;
		return GP_OK;
	}
	for (size_t i = 0; i < ds->actors.n; i++) {
		const gp_actor *a = &ds->actors.v[i];
		int hit = gp__strcasecmp_utf8(a->id, name) == 0 ||
			  gp__strcasecmp_utf8(a->name, name) == 0;
		for (uint32_t k = 0; k < a->n_aliases && !hit; k++) {
			hit = gp__strcasecmp_utf8(ds->aliases.v[a->alias_off + k], name) == 0;
		}
		if (hit && push_unique(&v, &n, &cap, (gp_index)i)) {
			free(v);
			return GP_ENOMEM;
		}
	}
	if (n == 1) {
		*out = v[0];
		free(v);
		return GP_OK;
	}
	/* Several case-insensitive matches: ambiguous. None: offer the closest. */
	int ambiguous = n > 1;
	if (n == 0 && ds->actors.n <= 20000) {
		size_t best_score[3];
		gp_index best[3];
		size_t nb = 0;
		for (size_t i = 0; i < ds->actors.n; i++) {
			const gp_actor *a = &ds->actors.v[i];
			size_t sc = 0, s2;
			int close = gp__is_close(name, a->id, &sc);
			if (gp__is_close(name, a->name, &s2) && (!close || s2 < sc)) {
				close = 1, sc = s2;
			}
			for (uint32_t k = 0; k < a->n_aliases; k++) {
				if (gp__is_close(name, ds->aliases.v[a->alias_off + k], &s2) &&
				    (!close || s2 < sc)) {
					close = 1, sc = s2;
				}
			}
			if (!close || !a->defined) {
				continue;
			}
			/* Insert keeping the three best, earlier actors first on ties. */
			size_t pos = nb < 3 ? nb++ : 3;
			while (pos > 0 && best_score[pos - 1] > sc) {
				if (pos < 3) {
					best[pos] = best[pos - 1],
					best_score[pos] = best_score[pos - 1];
				}
				pos--;
			}
			if (pos < 3) {
				best[pos] = (gp_index)i, best_score[pos] = sc;
			}
		}
		for (size_t k = 0; k < nb; k++) {
			if (push_unique(&v, &n, &cap, best[k])) {
				free(v);
				return GP_ENOMEM;
			}
		}
	}
	if (cands) {
		*cands = v;
		*n_cands = n;
	} else {
		free(v);
	}
	return ambiguous ? GP_EAMBIGUOUS : GP_ENOTFOUND;
}
