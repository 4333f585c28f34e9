/*
 * chart_layout.c - where everything of the theme-line chart goes
 * (chart_impl.h): the lines, the time axis with its long empty stretches cut
 * out, the boxes in rows above their lines. Plain geometry, no Graphviz:
 * timeline_chart.c draws what this computes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "geopol/graph.h"
#include "timeline_impl.h"

/* ----------------------------------------------------------------- text */

/* Helvetica's advance widths (1/1000 em) for ASCII 32..126. */
static const unsigned short helvetica[95] = {
	278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};

/*
 * The width of a line of text in points. Renderers substitute wider fonts
 * for Helvetica (DejaVu Sans here): the estimate is Helvetica's plus 15%,
 * which the SVG label check (tests/tools/check_chart_svg.py) holds to.
 */
double gp__chart_text_width(const char *s, double size)
{
	double em = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 32 && *p < 127) {
			em += helvetica[*p - 32];
		} else if ((*p & 0xC0) != 0x80) {
			em += 700; /* a character beyond ASCII, counted at its first byte */
		}
	}
	return em / 1000.0 * size * 1.15;
}

void gp__chart_cut(gp_sbuf *b, const char *s, size_t chars)
{
	size_t len = strlen(s), keep = gp__timeline_cut_bytes(s, len, chars);
	gp__sb_add(b, s, keep);
	if (keep < len) {
		gp__sb_puts(b, "…");
	}
}

/* ---------------------------------------------------------------- layout */

/* The lines an event touches, the role of each (the first role it plays there). */
int gp__chart_event_lines(int8_t *role_on, const gp_dataset *ds, const gp_event *ev,
			  const uint32_t *line_of, int level, size_t n_lines)
{
	int any = 0;
	memset(role_on, -1, n_lines);
	for (int r = 0; r < GP_ROLE_COUNT; r++) {
		const gp_index *a = gp_dataset_event_actors(ds, ev, (gp_role)r);
		for (size_t k = 0; k < ev->n_actors[r]; k++) {
			gp_index m = gp_graph_map_actor(ds, a[k], (gp_level)level, ev->date.start);
			uint32_t l = m == GP_NONE ? GP_NONE : line_of[m];
			if (l != GP_NONE && role_on[l] < 0) {
				role_on[l] = (int8_t)r;
				any |= r != GP_ROLE_ABOUT;
			}
		}
	}
	return any;
}

typedef struct {
	const gp_dataset *ds;
	size_t *count, *first;
} rank_ctx;
static _Thread_local const rank_ctx *rank_by; /* qsort has no context argument */

static int cmp_most_events(const void *pa, const void *pb)
{
	gp_index a = *(const gp_index *)pa, b = *(const gp_index *)pb;
	const rank_ctx *r = rank_by;
	if (r->count[a] != r->count[b]) {
		return r->count[a] > r->count[b] ? -1 : 1;
	}
	if (r->first[a] != r->first[b]) {
		return r->first[a] < r->first[b] ? -1 : 1;
	}
	return strcmp(gp_dataset_actor(r->ds, a)->id, gp_dataset_actor(r->ds, b)->id);
}

static int cmp_first_event(const void *pa, const void *pb)
{
	gp_index a = *(const gp_index *)pa, b = *(const gp_index *)pb;
	const rank_ctx *r = rank_by;
	if (r->first[a] != r->first[b]) {
		return r->first[a] < r->first[b] ? -1 : 1;
	}
	return strcmp(gp_dataset_actor(r->ds, a)->id, gp_dataset_actor(r->ds, b)->id);
}

/*
 * The lines: the options', or the actors (countries) of the most events
 * (source, target or participant), at most max_lines of them, top to bottom
 * by first event, ties by id.
 */
static int choose_lines(gp__chart *c, const gp_dataset *ds, const gp_index *order, size_t n,
			const gp_chart_options *o)
{
	size_t na = gp_dataset_actor_count(ds),
	       max = o->max_lines ? o->max_lines : GP_CHART_MAX_LINES;
	size_t *count = calloc(na ? na : 1, sizeof(*count));
	size_t *first = malloc((na ? na : 1) * sizeof(*first));
	size_t *seen = malloc((na ? na : 1) * sizeof(*seen));
	gp_index *pick = malloc((na ? na : 1) * sizeof(*pick));
	int rc = GP_ENOMEM;
	size_t np = 0;
	if (!count || !first || !seen || !pick) {
		goto done;
	}
	for (size_t a = 0; a < na; a++) {
		first[a] = seen[a] = SIZE_MAX;
	}
	for (size_t i = 0; i < n; i++) {
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		for (int r = 0; r < GP_ROLE_ABOUT; r++) {
			const gp_index *act = gp_dataset_event_actors(ds, ev, (gp_role)r);
			for (size_t k = 0; k < ev->n_actors[r]; k++) {
				gp_index m = gp_graph_map_actor(ds, act[k], (gp_level)o->level,
								ev->date.start);
				if (m == GP_NONE || seen[m] == i) {
					continue;
				}
				seen[m] = i;
				count[m]++;
				first[m] = first[m] == SIZE_MAX ? i : first[m];
			}
		}
	}
	rank_ctx ctx = { ds, count, first };
	rank_by = &ctx;
	if (o->lines) {
		for (size_t i = 0; i < o->n_lines; i++) {
			int dup = 0;
			for (size_t k = 0; k < np; k++) {
				dup |= pick[k] == o->lines[i];
			}
			if (!dup && o->lines[i] < na) {
				pick[np++] = o->lines[i];
			}
		}
	} else {
		for (size_t a = 0; a < na; a++) {
			if (count[a]) {
				pick[np++] = (gp_index)a;
			}
		}
		qsort(pick, np, sizeof(*pick), cmp_most_events);
		np = np < max ? np : max;
		qsort(pick, np, sizeof(*pick), cmp_first_event);
	}
	rank_by = NULL;
	if (np && !(c->lines = calloc(np, sizeof(*c->lines)))) {
		goto done;
	}
	for (size_t i = 0; i < np; i++) {
		c->lines[i].actor = pick[i];
		c->lines[i].first = first[pick[i]];
		c->lines[i].lanes = 1;
	}
	c->n_lines = np;
	rc = GP_OK;
done:
	free(count);
	free(first);
	free(seen);
	free(pick);
	return rc;
}

/* The box's anchor: the known start, else the known end; 0 when neither is known. */
static int anchor_of(const gp_date *d, int64_t *t)
{
	if (d->start_kind == GP_END_VALUE) {
		*t = d->start;
	} else if (d->end_kind == GP_END_VALUE) {
		*t = d->end;
	} else {
		return 0;
	}
	return 1;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

static int cmp_time(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
	return (a > b) - (a < b);
}

static int cmp_range(const void *pa, const void *pb)
{
	const int64_t *a = pa, *b = pb;
	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : (a[1] > b[1]) - (a[1] < b[1]);
}

/*
 * The axis: what the boxes occupy (their anchors, and closed intervals
 * whole) merged into stretches; the longest empty stretches between them
 * compressed to GAP_W while each is long on the page and a good part of the
 * time still drawn to scale; the rest linear, one scale for all.
 */
static int make_axis(gp__chart *c)
{
	size_t nb = c->n_boxes, nr = 0;
	int64_t(*r)[2] = malloc((nb ? nb : 1) * sizeof(*r));
	if (!r) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < nb; i++) {
		r[i][0] = r[i][1] = c->boxes[i].t;
	}
	nr = nb;
	/* Closed intervals occupy their whole span (the caller stored it in bar0/bar1 as times). */
	for (size_t i = 0; i < nb; i++) {
		const gp__chart_box *b = &c->boxes[i];
		if (!b->open0 && !b->open1 && b->bar1 > b->bar0) {
			r[i][0] = (int64_t)b->bar0;
			r[i][1] = (int64_t)b->bar1;
		}
	}
	qsort(r, nr, sizeof(*r), cmp_range);
	size_t nc = 0; /* merged in place */
	for (size_t i = 0; i < nr; i++) {
		if (nc && r[i][0] <= r[nc - 1][1]) {
			r[nc - 1][1] = r[i][1] > r[nc - 1][1] ? r[i][1] : r[nc - 1][1];
		} else {
			r[nc][0] = r[i][0];
			r[nc][1] = r[i][1];
			nc++;
		}
	}
	if (nc == 0) {
		r[0][0] = 0;
		r[0][1] = 0;
		nc = 1;
	}
	if (r[nc - 1][1] - r[0][0] < (int64_t)SECS_PER_DAY) { /* one day at least */
		r[0][0] -= (int64_t)SECS_PER_DAY / 2;
		r[nc - 1][1] += (int64_t)SECS_PER_DAY / 2;
	}
	double total = (double)(r[nc - 1][1] - r[0][0]), cut = 0;
	uint8_t *gap = calloc(nc, 1);
	/* The spacings between successive anchors, and the empty stretch each crosses. */
	int64_t *at = malloc((nb ? nb : 1) * sizeof(*at));
	size_t *across = malloc((nb ? nb : 1) * sizeof(*across));
	double *spans = malloc((nb ? nb : 1) * sizeof(*spans));
	c->segs = calloc(2 * nc, sizeof(*c->segs));
	if (!gap || !at || !across || !spans || !c->segs) {
		free(gap);
		free(at);
		free(across);
		free(spans);
		free(r);
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < nb; i++) {
		at[i] = c->boxes[i].t;
	}
	qsort(at, nb, sizeof(*at), cmp_time);
	for (size_t j = 0, i = 0; j + 1 < nb; j++) {
		while (i + 1 < nc && r[i + 1][0] <= at[j]) {
			i++;
		}
		across[j] = i + 1 < nc && at[j + 1] >= r[i + 1][0] ? i : SIZE_MAX;
	}
	for (size_t ng = 0;; ng++) {
		double rest = total - cut, k = (PLOT_W - (double)ng * GAP_W) / rest;
		size_t best = SIZE_MAX, others = 0;
		for (size_t i = 0; i + 1 < nc; i++) {
			double len = (double)(r[i + 1][0] - r[i][1]);
			if (!gap[i] &&
			    (best == SIZE_MAX || len > (double)(r[best + 1][0] - r[best][1]))) {
				best = i;
			}
		}
		for (size_t j = 0; j + 1 < nb; j++) {
			if (at[j + 1] > at[j] &&
			    (across[j] == SIZE_MAX || (!gap[across[j]] && across[j] != best))) {
				spans[others++] = (double)(at[j + 1] - at[j]);
			}
		}
		/*
		 * A stretch is cut out when it is long on the page, a good part
		 * of the time still drawn, and three times the typical (median)
		 * spacing between the events that remain: a long silence, not
		 * the rhythm of the data. Events, not merged stretches, and the
		 * median, not the mean: years of sparse events before a dense
		 * month are silences, the month is where the width goes.
		 */
		double len = best == SIZE_MAX ? 0 : (double)(r[best + 1][0] - r[best][1]);
		double left = rest - len, typical = left;
		if (others) {
			qsort(spans, others, sizeof(*spans), cmp_double);
			typical = (spans[(others - 1) / 2] + spans[others / 2]) / 2;
		}
		if (best == SIZE_MAX || len * k < 2.5 * GAP_W || len < 0.25 * rest ||
		    left < SECS_PER_DAY || len < 3 * typical ||
		    (double)(ng + 1) * GAP_W > PLOT_W / 3) {
			c->px_per_day = k * SECS_PER_DAY;
			break;
		}
		gap[best] = 1;
		cut += len;
	}
	free(at);
	free(across);
	free(spans);
	double x = c->plot_x0, k = c->px_per_day / SECS_PER_DAY;
	int64_t t = r[0][0];
	for (size_t i = 0; i < nc; i++) {
		if (i + 1 < nc && !gap[i]) {
			continue;
		}
		gp__chart_seg *s = &c->segs[c->n_segs++];
		s->t0 = t;
		s->t1 = r[i][1];
		s->x0 = x;
		s->x1 = x += k * (double)(s->t1 - s->t0);
		if (i + 1 < nc) {
			s = &c->segs[c->n_segs++];
			s->t0 = r[i][1];
			s->t1 = t = r[i + 1][0];
			s->x0 = x;
			s->x1 = x += GAP_W;
			s->gap = 1;
		}
	}
	c->plot_x1 = x;
	free(gap);
	free(r);
	return GP_OK;
}

double gp__chart_x(const gp__chart *c, int64_t t)
{
	if (!c->n_segs || t <= c->segs[0].t0) {
		return c->plot_x0;
	}
	for (size_t i = 0; i < c->n_segs; i++) {
		const gp__chart_seg *s = &c->segs[i];
		if (t <= s->t1) {
			return s->t1 == s->t0 ? s->x0
					      : s->x0 + (s->x1 - s->x0) * ((double)(t - s->t0) /
									   (double)(s->t1 - s->t0));
		}
	}
	return c->plot_x1;
}

/*
 * The box's text: its date as the text timeline writes it, with the mark of
 * what is not established fact (docs/claims.md) after it, and its title cut.
 */
void gp__chart_box_text(gp_sbuf *b, const gp_event *ev, char date[96])
{
	gp_date_format_human(&ev->date, date, 80);
	if (ev->status == GP_STATUS_CLAIMED || ev->status == GP_STATUS_DENIED ||
	    ev->status == GP_STATUS_PLANNED) {
		size_t n = strlen(date);
		snprintf(date + n, 96 - n, "  [%s]", gp_status_name(ev->status));
	}
	b->n = 0;
	gp__chart_cut(b, ev->title ? ev->title : ev->id, TITLE_CHARS);
}

/* The boxes, their anchors and bars; which events the chart leaves out. */
static int make_boxes(gp__chart *c, const gp_dataset *ds, const gp_index *order, size_t n,
		      const uint32_t *line_of, int level)
{
	int8_t *role_on = malloc(c->n_lines ? c->n_lines : 1);
	c->boxes = calloc(n < MAX_BOXES ? (n ? n : 1) : MAX_BOXES, sizeof(*c->boxes));
	gp_sbuf b = { 0 };
	if (!role_on || !c->boxes) {
		free(role_on);
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		int64_t t;
		if (!gp__chart_event_lines(role_on, ds, ev, line_of, level, c->n_lines) ||
		    !anchor_of(&ev->date, &t)) {
			c->left_out++;
			continue;
		}
		if (c->n_boxes == MAX_BOXES) {
			c->not_drawn++;
			continue;
		}
		gp__chart_box *x = &c->boxes[c->n_boxes++];
		char date[96];
		x->event = order[i];
		x->t = t;
		x->open0 = ev->date.start_kind != GP_END_VALUE;
		x->open1 = ev->date.end_kind != GP_END_VALUE;
		/*
		 * Times for now: make_axis reads the spans of closed intervals
		 * (a single date, even a year, occupies only its anchor).
		 * place_bars sets the bars' x once the axis is made.
		 */
		int interval = ev->date.flags & GP_DATE_INTERVAL;
		x->bar0 = interval ? (double)ev->date.start : (double)t;
		x->bar1 = interval ? (double)ev->date.end : (double)t;
		gp__chart_box_text(&b, ev, date);
		double w = gp__chart_text_width(date, BOX_FONT),
		       tw = gp__chart_text_width(gp__sb_str(&b), BOX_FONT);
		x->w = (w > tw ? w : tw) + 10;
		x->h = BOX_H;
	}
	free(role_on);
	free(b.s);
	return b.oom ? GP_ENOMEM : GP_OK;
}

/* Bars in x: over the date's bounds, an open or unknown side fading out from the anchor. */
static void place_bars(gp__chart *c, const gp_dataset *ds)
{
	for (size_t i = 0; i < c->n_boxes; i++) {
		gp__chart_box *x = &c->boxes[i];
		const gp_date *d = &gp_dataset_event(ds, x->event)->date;
		x->x = gp__chart_x(c, x->t);
		x->bar0 = x->open0 ? x->x - TAIL : gp__chart_x(c, d->start);
		if (d->end_kind == GP_END_OPEN) {
			x->bar1 = (x->x > c->plot_x1 ? x->x : c->plot_x1) + TAIL; /* ongoing */
		} else {
			x->bar1 = x->open1 ? x->x + TAIL : gp__chart_x(c, d->end);
		}
		x->left = x->x - 5;
	}
}

static _Thread_local const gp__chart *sort_chart;

static int cmp_box_left(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	double la = sort_chart->boxes[a].left, lb = sort_chart->boxes[b].left;
	return la != lb ? (la < lb ? -1 : 1) : (a > b) - (a < b);
}

typedef GP_VEC(double) lane_ends;

/*
 * Rows of boxes: left to right, each box goes above the one of its lines
 * (source, target, participant) where it fits nearest the line, in the
 * first row free at its left edge (ties: the first line in role order).
 */
/*
 * The line of the box an event's date derives from, or of the first event
 * it links to, once that box is placed; SIZE_MAX when none is.
 */
static size_t partner_line(const gp__chart *c, const gp_dataset *ds, const gp_event *ev,
			   const uint8_t *placed)
{
	const gp_link *lk = gp_dataset_event_links(ds, ev);
	for (size_t k = 0; k <= ev->n_links; k++) {
		gp_index e = k == 0 ? ev->derived_from : lk[k - 1].event;
		for (size_t i = 0; e != GP_NONE && i < c->n_boxes; i++) {
			if (c->boxes[i].event == e && placed[i]) {
				return c->boxes[i].home;
			}
		}
	}
	return SIZE_MAX;
}

/*
 * Rows of boxes: left to right, each box goes above the one of its lines
 * (source, target, participant) where it fits nearest the line, in the
 * first row free at its left edge (ties: the first line in role order);
 * but beside the event it derives from or links to when that costs at most
 * one row more, so that a lineage reads along one line.
 */
static int stack_boxes(gp__chart *c, const gp_dataset *ds, const uint32_t *line_of, int level)
{
	size_t nb = c->n_boxes, nl = c->n_lines;
	size_t *idx = malloc((nb ? nb : 1) * sizeof(*idx));
	size_t *lane = malloc((nl ? nl : 1) * sizeof(*lane));
	uint8_t *placed = calloc(nb ? nb : 1, 1);
	lane_ends *ends = calloc(nl ? nl : 1, sizeof(*ends));
	int8_t *role_on = malloc(nl ? nl : 1);
	int rc = GP_ENOMEM;
	if (!idx || !lane || !placed || !ends || !role_on) {
		goto done;
	}
	for (size_t i = 0; i < nb; i++) {
		idx[i] = i;
	}
	sort_chart = c;
	qsort(idx, nb, sizeof(*idx), cmp_box_left);
	sort_chart = NULL;
	for (size_t k = 0; k < nb; k++) {
		gp__chart_box *x = &c->boxes[idx[k]];
		const gp_event *ev = gp_dataset_event(ds, x->event);
		gp__chart_event_lines(role_on, ds, ev, line_of, level, nl);
		size_t best = SIZE_MAX;
		for (int r = 0; r < GP_ROLE_ABOUT; r++) {
			for (size_t l = 0; l < nl; l++) {
				if (role_on[l] != r) {
					continue;
				}
				c->lines[l].events++;
				for (lane[l] = 0;
				     lane[l] < ends[l].n && ends[l].v[lane[l]] + BOX_PAD > x->left;
				     lane[l]++) {
				}
				if (best == SIZE_MAX || lane[l] < lane[best]) {
					best = l;
				}
			}
		}
		size_t p = partner_line(c, ds, ev, placed);
		if (p != SIZE_MAX && role_on[p] >= 0 && role_on[p] < GP_ROLE_ABOUT &&
		    lane[p] <= lane[best] + 1) {
			best = p;
		}
		if (lane[best] == ends[best].n && GP_VEC_PUSH(ends[best], 0)) {
			goto done;
		}
		ends[best].v[lane[best]] = x->left + x->w;
		x->home = best;
		x->lane = (unsigned)lane[best];
		placed[idx[k]] = 1;
		if (lane[best] + 1 > c->lines[best].lanes) {
			c->lines[best].lanes = (unsigned)lane[best] + 1;
		}
	}
	rc = GP_OK;
done:
	for (size_t l = 0; ends && l < nl; l++) {
		GP_VEC_FREE(ends[l]);
	}
	free(ends);
	free(idx);
	free(lane);
	free(placed);
	free(role_on);
	return rc;
}

/* Top to bottom: title, axis, then each line under its rows of boxes. */
static void place_rows(gp__chart *c)
{
	double y = TOP_H + AXIS_H;
	c->axis_y = y;
	y += 8;
	for (size_t l = 0; l < c->n_lines; l++) {
		gp__chart_line *ln = &c->lines[l];
		ln->band_top = y;
		ln->y = y + ln->lanes * LANE_H + 4;
		y = ln->y + LINE_GAP;
	}
	c->bottom = y;
	double right = c->plot_x1 + TAIL + MARGIN;
	for (size_t i = 0; i < c->n_boxes; i++) {
		gp__chart_box *x = &c->boxes[i];
		const gp__chart_line *ln = &c->lines[x->home];
		x->top = ln->y - 6 - x->lane * LANE_H - x->h;
		/* room for the arcs that round a box's right side, and their labels */
		right = fmax(right, x->left + x->w + 64);
	}
	c->width = ceil(right);
}

void gp__chart_free(gp__chart *c)
{
	free(c->lines);
	free(c->boxes);
	free(c->segs);
	free(c->line_of);
	memset(c, 0, sizeof(*c));
}

int gp__chart_layout(gp__chart *c, const gp_dataset *ds, const gp_index *order, size_t n,
		     const gp_chart_options *o)
{
	gp_chart_options def = GP_CHART_OPTIONS_INIT;
	size_t na = gp_dataset_actor_count(ds);
	uint32_t *line_of = NULL;
	int rc;
	o = o ? o : &def;
	memset(c, 0, sizeof(*c));
	c->plot_x0 = MARGIN + LABEL_W + 18;
	if ((rc = choose_lines(c, ds, order, n, o)) != GP_OK) {
		goto done;
	}
	rc = GP_ENOMEM;
	if (!(line_of = malloc((na ? na : 1) * sizeof(*line_of)))) {
		goto done;
	}
	for (size_t a = 0; a < na; a++) {
		line_of[a] = GP_NONE;
	}
	for (size_t l = 0; l < c->n_lines; l++) {
		line_of[c->lines[l].actor] = (uint32_t)l;
	}
	if ((rc = make_boxes(c, ds, order, n, line_of, o->level)) != GP_OK ||
	    (rc = make_axis(c)) != GP_OK) {
		goto done;
	}
	place_bars(c, ds);
	if ((rc = stack_boxes(c, ds, line_of, o->level)) != GP_OK) {
		goto done;
	}
	place_rows(c);
	c->height = ceil(c->bottom + 56); /* the note: three lines at most */
done:
	c->line_of = line_of;
	c->level = o->level;
	if (rc != GP_OK) {
		gp__chart_free(c);
	}
	return rc;
}
