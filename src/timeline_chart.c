/*
 * timeline_chart.c - the theme-line chart (docs/theme-lines.md): one line
 * per actor (or country), time left to right, each event a box at its date
 * tied to the lines of its actors, links and derived dates as curved
 * arrows between boxes.
 *
 * Every position is computed here (gp__chart_layout) and handed to Graphviz
 * pinned (`pos="x,y!"`, edges with their own `pos`): Graphviz's `nop2`
 * layout (what `neato -n2` runs) keeps them, so the picture is exact and the
 * same run to run. Graphviz only draws; graph_dot.c owns the drawing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "geopol/graph.h"
#include "graphviz_impl.h"
#include "timeline_impl.h"

#define SECS_PER_DAY 86400.0
#define MAX_BOXES 400 /* a slide's worth and more; the rest is counted in the note */
#define PLOT_W 1000.0 /* the time scale's width, compressed gaps included */
#define MARGIN 14.0
#define LABEL_W 124.0 /* the line names' column */
#define GAP_W 72.0    /* a compressed stretch of time */
#define BOX_H 23.0
#define LANE_H 28.0
#define BOX_PAD 6.0   /* between two boxes in a lane */
#define LINE_GAP 18.0 /* from a line down to the next line's rows */
#define TOP_H 64.0    /* title and subtitle */
#define AXIS_H 20.0
#define TAIL 42.0 /* an open end's fading tail */
#define BOX_FONT 8.0
#define TITLE_CHARS 26 /* a box's title, cut */
#define NAME_CHARS 17  /* a line's name, cut */

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
static double text_width(const char *s, double size)
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

/* s cut to `chars` characters ("…" included) into b, as DOT label text. */
static void put_cut(gp_sbuf *b, const char *s, size_t chars)
{
	size_t len = strlen(s), keep = gp__timeline_cut_bytes(s, len, chars);
	char *part = malloc(keep + 4);
	if (!part) {
		b->oom = 1;
		return;
	}
	memcpy(part, s, keep);
	strcpy(part + keep, keep < len ? "…" : "");
	gp__dot_escape(b, part);
	free(part);
}

/* ---------------------------------------------------------------- layout */

/* The lines an event touches, the role of each (the first role it plays there). */
static int event_lines(int8_t *role_on, const gp_dataset *ds, const gp_event *ev,
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
	c->segs = calloc(2 * nc, sizeof(*c->segs));
	if (!gap || !c->segs) {
		free(gap);
		free(r);
		return GP_ENOMEM;
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
			others += !gap[i];
		}
		/*
		 * A stretch is cut out when it is long on the page, a good part
		 * of the time still drawn, and three times the mean spacing of
		 * what remains: a long silence, not the rhythm of the data.
		 */
		double len = best == SIZE_MAX ? 0 : (double)(r[best + 1][0] - r[best][1]);
		double left = rest - len;
		if (best == SIZE_MAX || len * k < 2.5 * GAP_W || len < 0.25 * rest ||
		    left < SECS_PER_DAY || len < 3 * left / (double)(others > 1 ? others - 1 : 1) ||
		    (double)(ng + 1) * GAP_W > PLOT_W / 3) {
			c->px_per_day = k * SECS_PER_DAY;
			break;
		}
		gap[best] = 1;
		cut += len;
	}
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

/* The box's text: its date as the text timeline writes it, and its title cut. */
static void box_text(gp_sbuf *b, const gp_event *ev, char date[96])
{
	gp_date_format_human(&ev->date, date, 96);
	b->n = 0;
	put_cut(b, ev->title ? ev->title : ev->id, TITLE_CHARS);
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
		if (!event_lines(role_on, ds, ev, line_of, level, c->n_lines) ||
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
		box_text(&b, ev, date);
		double w = text_width(date, BOX_FONT), tw = text_width(gp__sb_str(&b), BOX_FONT);
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
static int stack_boxes(gp__chart *c, const gp_dataset *ds, const uint32_t *line_of, int level)
{
	size_t nb = c->n_boxes;
	size_t *idx = malloc((nb ? nb : 1) * sizeof(*idx));
	lane_ends *ends = calloc(c->n_lines ? c->n_lines : 1, sizeof(*ends));
	int8_t *role_on = malloc(c->n_lines ? c->n_lines : 1);
	int rc = GP_ENOMEM;
	if (!idx || !ends || !role_on) {
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
		event_lines(role_on, ds, gp_dataset_event(ds, x->event), line_of, level,
			    c->n_lines);
		size_t best = SIZE_MAX, best_lane = SIZE_MAX;
		for (int r = 0; r < GP_ROLE_ABOUT; r++) {
			for (size_t l = 0; l < c->n_lines; l++) {
				if (role_on[l] != r) {
					continue;
				}
				c->lines[l].events++;
				size_t j = 0;
				while (j < ends[l].n && ends[l].v[j] + BOX_PAD > x->left) {
					j++;
				}
				if (j < best_lane) {
					best = l;
					best_lane = j;
				}
			}
		}
		if (best_lane == ends[best].n && GP_VEC_PUSH(ends[best], 0)) {
			goto done;
		}
		ends[best].v[best_lane] = x->left + x->w;
		x->home = best;
		x->lane = (unsigned)best_lane;
		if (best_lane + 1 > c->lines[best].lanes) {
			c->lines[best].lanes = (unsigned)best_lane + 1;
		}
	}
	rc = GP_OK;
done:
	for (size_t l = 0; ends && l < c->n_lines; l++) {
		GP_VEC_FREE(ends[l]);
	}
	free(ends);
	free(idx);
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
		right = x->left + x->w + MARGIN > right ? x->left + x->w + MARGIN : right;
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

/* --------------------------------------------------------------- drawing */

/* Line colours, distinct on a projector and in print (Tableau 10, then two darker). */
static const char *const palette[] = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
				       "#9467bd", "#8c564b", "#e377c2", "#17becf",
				       "#7f7f7f", "#bcbd22", "#393b79", "#637939" };
#define N_COLORS (sizeof(palette) / sizeof(palette[0]))
#define COLOR_TIE "#555555"
#define COLOR_ABOUT "#aaaaaa"
#define COLOR_LINK "#7b3294"
#define COLOR_DERIVED "#e66101"
#define ARROW_LEN 6.0

typedef struct {
	Agraph_t *g;
	const gp__chart *c;
	const gp_dataset *ds;
	size_t next; /* helper objects made so far: their names */
	gp_sbuf b;
	int oom;
} draw;

static const char *line_color(size_t l)
{
	return palette[l % N_COLORS];
}

/* A node at (x, y) (y down), named prefix + a number; invisible until styled. */
static Agnode_t *node_at(draw *d, const char *prefix, double x, double y)
{
	char name[48], pos[64];
	snprintf(name, sizeof(name), "%s%zu", prefix, d->next++);
	Agnode_t *n = agnode(d->g, name, 1);
	if (!n) {
		d->oom = 1;
		return NULL;
	}
	gp__snprintf_c(pos, sizeof(pos), "%.2f,%.2f!", x, d->c->height - y);
	gp__dot_set(n, "pos", pos);
	return n;
}

/* A text node: its label (DOT text) at (x, y), w points wide; NULL on ENOMEM. */
static Agnode_t *text_at(draw *d, const char *label, double x, double y, double w, double size)
{
	char num[32];
	Agnode_t *n = node_at(d, "t", x, y);
	if (!n) {
		return NULL;
	}
	gp__dot_set(n, "shape", "plaintext");
	gp__dot_set(n, "style", "");
	gp__dot_set(n, "label", label);
	gp__snprintf_c(num, sizeof(num), "%.3f", w / 72);
	gp__dot_set(n, "width", num);
	gp__snprintf_c(num, sizeof(num), "%.3f", (size + 4) / 72);
	gp__dot_set(n, "height", num);
	gp__snprintf_c(num, sizeof(num), "%g", size);
	gp__dot_set(n, "fontsize", num);
	return n;
}

/*
 * An edge drawn as the cubic Bézier p[0..3] ((x, y) pairs, y down) between
 * t and h (NULL: invisible points at its ends), with an arrowhead at p[3]
 * when `arrow`: the curve then stops ARROW_LEN short of it.
 */
static Agedge_t *curve(draw *d, Agnode_t *t, Agnode_t *h, const double p[8], int arrow)
{
	double q[8];
	char pos[256];
	memcpy(q, p, sizeof(q));
	if (arrow) {
		double dx = p[6] - p[4], dy = p[7] - p[5], len = sqrt(dx * dx + dy * dy);
		if (len < 1e-6) {
			dx = p[6] - p[0], dy = p[7] - p[1], len = sqrt(dx * dx + dy * dy);
		}
		if (len > 1e-6) {
			q[6] -= dx / len * ARROW_LEN;
			q[7] -= dy / len * ARROW_LEN;
		}
	}
	if ((!t && !(t = node_at(d, "p", p[0], p[1]))) ||
	    (!h && !(h = node_at(d, "p", p[6], p[7])))) {
		return NULL;
	}
	Agedge_t *e = agedge(d->g, t, h, NULL, 1);
	if (!e) {
		d->oom = 1;
		return NULL;
	}
	double H = d->c->height;
	if (arrow) {
		gp__snprintf_c(pos, sizeof(pos),
			       "e,%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", p[6],
			       H - p[7], q[0], H - q[1], q[2], H - q[3], q[4], H - q[5], q[6],
			       H - q[7]);
		gp__dot_set(e, "dir", "forward");
	} else {
		gp__snprintf_c(pos, sizeof(pos), "%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", q[0],
			       H - q[1], q[2], H - q[3], q[4], H - q[5], q[6], H - q[7]);
	}
	gp__dot_set(e, "pos", pos);
	return e;
}

/* A straight edge from (x0, y0) to (x1, y1). */
static Agedge_t *straight(draw *d, Agnode_t *t, Agnode_t *h, double x0, double y0, double x1,
			  double y1, int arrow)
{
	double p[8] = { x0,
			y0,
			x0 + (x1 - x0) / 3,
			y0 + (y1 - y0) / 3,
			x0 + 2 * (x1 - x0) / 3,
			y0 + 2 * (y1 - y0) / 3,
			x1,
			y1 };
	return curve(d, t, h, p, arrow);
}

/* A plain stroke: colour and pen width. */
static int stroke(draw *d, double x0, double y0, double x1, double y1, const char *color,
		  const char *width)
{
	Agedge_t *e = straight(d, NULL, NULL, x0, y0, x1, y1, 0);
	if (!e) {
		return GP_ENOMEM;
	}
	gp__dot_set(e, "color", color);
	if (width) {
		gp__dot_set(e, "penwidth", width);
	}
	return GP_OK;
}

/* "19 years", "8 months", "40 days": a compressed stretch's length. */
static void gap_text(gp_sbuf *b, const gp__chart_seg *s)
{
	double days = (double)(s->t1 - s->t0) / SECS_PER_DAY;
	gp__sb_puts(b, "⋯ ");
	if (days >= 2 * 365.25) {
		gp__sb_printf(b, "%.0f years", floor(days / 365.25 + 0.5));
	} else if (days >= 61) {
		gp__sb_printf(b, "%.0f months", floor(days / 30.44 + 0.5));
	} else {
		gp__sb_printf(b, "%.0f days", floor(days + 0.5));
	}
	gp__sb_puts(b, " ⋯");
}

static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* One tick: a mark on the axis, a faint grid line, and its label where there is room. */
static int tick(draw *d, double x, const char *label, double *last_right)
{
	const gp__chart *c = d->c;
	if (stroke(d, x, c->axis_y, x, c->bottom - LINE_GAP + 4, "#ececec", "0.8") != GP_OK ||
	    stroke(d, x, c->axis_y - 3, x, c->axis_y + 3, "#888888", NULL) != GP_OK) {
		return GP_ENOMEM;
	}
	double w = text_width(label, 8);
	if (x - w / 2 < *last_right + 6) {
		return GP_OK;
	}
	*last_right = x + w / 2;
	Agnode_t *n = text_at(d, label, x, c->axis_y - 10, w, 8);
	if (n) {
		gp__dot_set(n, "fontcolor", "#555555");
	}
	return n ? GP_OK : GP_ENOMEM;
}

/*
 * The ticks of the linear stretches: months, quarters, years or N years,
 * as many as fit; January labelled with its year, and each stretch's first
 * label with its year too.
 */
static int draw_ticks(draw *d)
{
	const gp__chart *c = d->c;
	double px_month = c->px_per_day * 30.44, last_right = -1e9;
	static const int steps[] = { 1, 3, 12, 24, 60, 120, 240, 600, 1200 };
	int step = 1200;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (px_month * steps[i] >= 36) {
			step = steps[i];
			break;
		}
	}
	for (size_t i = 0; i < c->n_segs; i++) {
		const gp__chart_seg *s = &c->segs[i];
		char label[32];
		int64_t y;
		unsigned m, day;
		if (s->gap) {
			continue;
		}
		gp_civil_from_days((int64_t)floor((double)s->t0 / SECS_PER_DAY), &y, &m, &day);
		if (s->t1 == s->t0 || s->x1 - s->x0 < 20) { /* an instant: its year */
			snprintf(label, sizeof(label), "%lld", (long long)y);
			if (tick(d, s->x0, label, &last_right) != GP_OK) {
				return GP_ENOMEM;
			}
			continue;
		}
		int first = 1;
		for (int64_t k = y * 12 + (m - 1) + (day > 1);; k++) {
			int64_t ty = k / 12;
			unsigned tm = (unsigned)(k % 12) + 1;
			int64_t t = gp_days_from_civil(ty, tm, 1) * (int64_t)SECS_PER_DAY;
			if (t > s->t1) {
				break;
			}
			if (t < s->t0 || k % step) {
				continue;
			}
			if (tm == 1 || step >= 12) {
				snprintf(label, sizeof(label), "%lld", (long long)ty);
			} else if (first) {
				snprintf(label, sizeof(label), "%s %lld", month_names[tm - 1],
					 (long long)ty);
			} else {
				snprintf(label, sizeof(label), "%s", month_names[tm - 1]);
			}
			first = 0;
			if (tick(d, gp__chart_x(c, t), label, &last_right) != GP_OK) {
				return GP_ENOMEM;
			}
		}
	}
	return GP_OK;
}

/* The axis: a rule over each linear stretch, a shaded band with its length over each gap. */
static int draw_axis(draw *d)
{
	const gp__chart *c = d->c;
	char num[32];
	for (size_t i = 0; i < c->n_segs; i++) {
		const gp__chart_seg *s = &c->segs[i];
		if (!s->gap) {
			if (stroke(d, s->x0 - (i ? 0 : 10), c->axis_y, s->x1 + 10, c->axis_y,
				   "#888888", NULL) != GP_OK) {
				return GP_ENOMEM;
			}
			continue;
		}
		double top = c->axis_y - 16, h = c->bottom - LINE_GAP + 8 - top;
		Agnode_t *band = node_at(d, "g", (s->x0 + s->x1) / 2, top + h / 2);
		if (!band) {
			return GP_ENOMEM;
		}
		gp__dot_set(band, "shape", "box");
		gp__dot_set(band, "style", "filled");
		gp__dot_set(band, "color", "#e2e2e2");
		gp__dot_set(band, "fillcolor", "#f1f1f1");
		gp__snprintf_c(num, sizeof(num), "%.3f", (s->x1 - s->x0 - 12) / 72);
		gp__dot_set(band, "width", num);
		gp__snprintf_c(num, sizeof(num), "%.3f", h / 72);
		gp__dot_set(band, "height", num);
		d->b.n = 0;
		gap_text(&d->b, s);
		Agnode_t *t = text_at(d, gp__sb_str(&d->b), (s->x0 + s->x1) / 2, c->axis_y + 10,
				      s->x1 - s->x0 - 14, 7.5);
		if (!t) {
			return GP_ENOMEM;
		}
		gp__dot_set(t, "fontcolor", "#555555");
		gp__dot_set(band, "tooltip", gp__sb_str(&d->b));
	}
	return draw_ticks(d);
}

/* Each line: its name at the left, in its colour, and the rule across. */
static int draw_lines(draw *d)
{
	const gp__chart *c = d->c;
	for (size_t l = 0; l < c->n_lines; l++) {
		const gp_actor *a = gp_dataset_actor(d->ds, c->lines[l].actor);
		d->b.n = 0;
		size_t chars = NAME_CHARS;
		do { /* cut to the column's width */
			d->b.n = 0;
			put_cut(&d->b, a->name, chars);
		} while (text_width(gp__sb_str(&d->b), 9.5) > LABEL_W - 4 && --chars > 4);
		gp__sb_puts(&d->b, "\\r");
		Agnode_t *n = text_at(d, gp__sb_str(&d->b), MARGIN + LABEL_W / 2, c->lines[l].y,
				      LABEL_W, 9.5);
		if (!n || stroke(d, c->plot_x0 - 12, c->lines[l].y, c->width - MARGIN,
				 c->lines[l].y, line_color(l), "2") != GP_OK) {
			return GP_ENOMEM;
		}
		gp__dot_set(n, "fontname", "Helvetica-Bold");
		gp__dot_set(n, "fontcolor", line_color(l));
		d->b.n = 0;
		gp__dot_escape(&d->b, a->name);
		gp__sb_printf(&d->b, " (%s): %zu event%s", a->id, c->lines[l].events,
			      c->lines[l].events == 1 ? "" : "s");
		gp__dot_set(n, "tooltip", gp__sb_str(&d->b));
	}
	return GP_OK;
}

/* Part of a bar, pale by `alpha` ("66": the bar, lower: its fading tail). */
static int bar_part(draw *d, double x0, double x1, double y, size_t l, const char *alpha)
{
	char color[16];
	snprintf(color, sizeof(color), "%s%s", line_color(l), alpha);
	return x1 - x0 < 0.5 ? GP_OK : stroke(d, x0, y, x1, y, color, "7");
}

/* A tail fading out from `from` to `to` (either way) in three steps. */
static int fade(draw *d, double from, double to, double y, size_t l)
{
	static const char *const alpha[] = { "4c", "2e", "14" };
	double step = (to - from) / 3;
	for (int i = 0; i < 3; i++) {
		double a = from + step * i, b = a + step;
		if (bar_part(d, a < b ? a : b, a < b ? b : a, y, l, alpha[i]) != GP_OK) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/* The bar over the box's date on its home line: solid where known, fading where open. */
static int draw_bar(draw *d, const gp__chart_box *x)
{
	double y = d->c->lines[x->home].y, solid0 = x->open0 ? x->x : x->bar0,
	       solid1 = x->open1 ? x->bar1 - TAIL : x->bar1;
	if (!x->open0 && !x->open1 && x->bar1 - x->bar0 < 3) {
		return GP_OK; /* a day: no bar */
	}
	if ((x->open0 && fade(d, x->x, x->bar0, y, x->home) != GP_OK) ||
	    (solid1 > solid0 && bar_part(d, solid0, solid1, y, x->home, "66") != GP_OK) ||
	    (x->open1 && fade(d, solid1 > x->x ? solid1 : x->x, x->bar1, y, x->home) != GP_OK)) {
		return GP_ENOMEM;
	}
	return GP_OK;
}

/*
 * The ties from a box to its lines: an arrow from each source's line into
 * the box and from the box to each target's line, a plain line to each
 * participant's, a dotted one to each line it is about; a dot on the line.
 */
static int draw_ties(draw *d, const gp__chart_box *x, Agnode_t *box, const int8_t *role_on)
{
	const gp__chart *c = d->c;
	for (size_t l = 0; l < c->n_lines; l++) {
		int r = role_on[l];
		if (r < 0) {
			continue;
		}
		double tx = x->x + 3 * r, ly = c->lines[l].y;
		double by = ly > x->top ? x->top + x->h : x->top; /* the box's near edge */
		Agnode_t *dot = NULL;
		if (r != GP_ROLE_ABOUT) {
			if (!(dot = node_at(d, "d", tx, ly))) {
				return GP_ENOMEM;
			}
			gp__dot_set(dot, "shape", "circle");
			gp__dot_set(dot, "style", "filled");
			gp__dot_set(dot, "width", "0.07");
			gp__dot_set(dot, "height", "0.07");
			gp__dot_set(dot, "color", line_color(l));
			gp__dot_set(dot, "fillcolor", line_color(l));
		}
		Agedge_t *e = r == GP_ROLE_TARGET
				      ? straight(d, box, dot, tx, by, tx, ly, 1)
				      : straight(d, dot, box, tx, ly, tx, by, r == GP_ROLE_SOURCE);
		if (!e) {
			return GP_ENOMEM;
		}
		if (r == GP_ROLE_ABOUT) {
			gp__dot_set(e, "style", "dotted");
			gp__dot_set(e, "color", COLOR_ABOUT);
		}
	}
	return GP_OK;
}

/* Each box: the date as written and the title cut, with its bar and ties. */
static int draw_boxes(draw *d, Agnode_t **nodes)
{
	const gp__chart *c = d->c;
	int8_t *role_on = malloc(c->n_lines ? c->n_lines : 1);
	char date[96], num[32];
	int rc = GP_ENOMEM;
	if (!role_on) {
		return rc;
	}
	for (size_t i = 0; i < c->n_boxes; i++) {
		const gp__chart_box *x = &c->boxes[i];
		const gp_event *ev = gp_dataset_event(d->ds, x->event);
		Agnode_t *n = nodes[i] = node_at(d, "e", x->left + x->w / 2, x->top + x->h / 2);
		if (!n || draw_bar(d, x) != GP_OK) {
			goto done;
		}
		box_text(&d->b, ev, date);
		char *title = strdup(gp__sb_str(&d->b));
		d->b.n = 0;
		gp__dot_escape(&d->b, date);
		gp__sb_puts(&d->b, "\\l");
		gp__sb_puts(&d->b, title ? title : "");
		gp__sb_puts(&d->b, "\\l");
		free(title);
		if (!title) {
			goto done;
		}
		gp__dot_set(n, "label", gp__sb_str(&d->b));
		gp__dot_set(n, "shape", "box");
		gp__dot_set(n, "style", "rounded,filled");
		gp__dot_set(n, "color", line_color(x->home));
		gp__snprintf_c(num, sizeof(num), "%.3f", x->w / 72);
		gp__dot_set(n, "width", num);
		gp__snprintf_c(num, sizeof(num), "%.3f", x->h / 72);
		gp__dot_set(n, "height", num);
		d->b.n = 0;
		gp__dot_escape(&d->b, ev->id);
		gp__sb_puts(&d->b, ": ");
		gp__dot_escape(&d->b, ev->title ? ev->title : "");
		gp__sb_printf(&d->b, " (%s)\\n", date);
		gp_sbuf who = { 0 };
		gp__timeline_actors_text(&who, d->ds, ev, 1);
		gp__dot_escape(&d->b, gp__sb_str(&who));
		free(who.s);
		gp__dot_set(n, "tooltip", who.oom ? "" : gp__sb_str(&d->b));
		event_lines(role_on, d->ds, ev, c->line_of, c->level, c->n_lines);
		if (draw_ties(d, x, n, role_on) != GP_OK) {
			goto done;
		}
	}
	rc = GP_OK;
done:
	free(role_on);
	return rc;
}

/*
 * A curved arrow from box `from` to box `to` with its label: over the top
 * of both when they lie apart, round their right sides when one is above
 * the other.
 */
static int draw_arc(draw *d, const gp__chart_box *f, const gp__chart_box *t, Agnode_t *fn,
		    Agnode_t *tn, const char *label, const char *color)
{
	double p[8], lx, ly;
	double fx = f->left + f->w / 2, tx = t->left + t->w / 2;
	if (fabs(tx - fx) < 40) {
		double rx = fmax(f->left + f->w, t->left + t->w), fy = f->top + f->h / 2,
		       ty = t->top + t->h / 2;
		double q[8] = { f->left + f->w, fy, rx + 34, fy, rx + 34, ty, t->left + t->w, ty };
		memcpy(p, q, sizeof(p));
		lx = rx + 30 + text_width(label, 7) / 2;
		ly = (fy + ty) / 2;
	} else {
		double lift = fmin(18 + 0.12 * fabs(tx - fx), 60), cy = fmin(f->top, t->top) - lift;
		double q[8] = { fx, f->top, fx, cy, tx, cy, tx, t->top };
		memcpy(p, q, sizeof(p));
		lx = (fx + tx) / 2;
		ly = (f->top + t->top + 6 * cy) / 8;
	}
	Agedge_t *e = curve(d, fn, tn, p, 1);
	Agnode_t *n = e ? text_at(d, label, lx, ly, text_width(label, 7) + 4, 7) : NULL;
	if (!n) {
		return GP_ENOMEM;
	}
	gp__dot_set(e, "color", color);
	gp__dot_set(e, "penwidth", "1.3");
	gp__dot_set(e, "arrowsize", "0.7");
	gp__dot_set(n, "fontcolor", color);
	gp__dot_set(n, "fontname", "Helvetica-Oblique");
	gp__dot_set(n, "style", "filled");
	gp__dot_set(n, "fillcolor", "#ffffffd0");
	gp__dot_set(n, "shape", "box");
	gp__dot_set(n, "color", "#ffffff00");
	return GP_OK;
}

/* Links (labelled with their relation) and derived dates ("+21 days") between drawn boxes. */
static int draw_links(draw *d, Agnode_t **nodes, const uint32_t *box_of)
{
	const gp__chart *c = d->c;
	for (size_t i = 0; i < c->n_boxes; i++) {
		const gp_event *ev = gp_dataset_event(d->ds, c->boxes[i].event);
		const gp_link *lk = gp_dataset_event_links(d->ds, ev);
		for (size_t k = 0; k < ev->n_links; k++) {
			uint32_t j = lk[k].event == GP_NONE ? GP_NONE : box_of[lk[k].event];
			if (j == GP_NONE || j == i) {
				continue;
			}
			d->b.n = 0;
			for (const char *s = lk[k].rel; *s; s++) {
				gp__sb_add(&d->b, *s == '_' ? " " : s, 1);
			}
			char *label = strdup(gp__sb_str(&d->b));
			int rc = label ? draw_arc(d, &c->boxes[j], &c->boxes[i], nodes[j], nodes[i],
						  label, COLOR_LINK)
				       : GP_ENOMEM;
			free(label);
			if (rc != GP_OK) {
				return rc;
			}
		}
		uint32_t j = ev->derived_from == GP_NONE ? GP_NONE : box_of[ev->derived_from];
		if (j != GP_NONE && j != i) {
			gp_sbuf off = { 0 };
			gp__sb_puts(&off, ev->direction < 0 ? "−" : "+");
			gp__timeline_offset_text(&off, ev->offset);
			int rc = off.oom ? GP_ENOMEM
					 : draw_arc(d, &c->boxes[j], &c->boxes[i], nodes[j],
						    nodes[i], off.s, COLOR_DERIVED);
			free(off.s);
			if (rc != GP_OK) {
				return rc;
			}
		}
	}
	return GP_OK;
}

/* Title and subtitle at the top; what the picture shows and leaves out at the bottom. */
static int draw_text(draw *d, size_t n_selected)
{
	const gp__chart *c = d->c;
	const char *title = gp_dataset_title(d->ds);
	double w = c->width - 2 * MARGIN;
	d->b.n = 0;
	put_cut(&d->b, title ? title : "Theme lines", (size_t)(w / (15 * 0.62)));
	Agnode_t *n = text_at(d, gp__sb_str(&d->b), c->width / 2, 26, w, 15);
	if (!n) {
		return GP_ENOMEM;
	}
	gp__dot_set(n, "fontname", "Helvetica-Bold");
	d->b.n = 0;
	if (!c->n_boxes) {
		gp__sb_puts(&d->b, n_selected ? "none of the selected events is on a line shown"
					      : "no events match");
		n = text_at(d, gp__sb_str(&d->b), c->width / 2, (c->height + 30) / 2, w, 12);
		return n ? GP_OK : GP_ENOMEM;
	}
	gp__sb_printf(&d->b, "%zu event%s on %zu theme line%s", c->n_boxes,
		      c->n_boxes == 1 ? "" : "s", c->n_lines, c->n_lines == 1 ? "" : "s");
	if (c->left_out || c->not_drawn) {
		gp__sb_printf(&d->b, " (of %zu selected)", n_selected);
	}
	gp__sb_puts(&d->b, " · time runs left to right; shaded bands are stretches cut out");
	if (!(n = text_at(d, gp__sb_str(&d->b), c->width / 2, 46, w, 9))) {
		return GP_ENOMEM;
	}
	gp__dot_set(n, "fontcolor", "#555555");
	d->b.n = 0;
	gp__sb_puts(&d->b, "Arrows run from a source's line into the event and out to each "
			   "target's line; plain ties: participants; dotted: what it is about. "
			   "Bars: a date's span, fading where open. Curved arrows: links and "
			   "derived dates.\\l");
	if (c->left_out) {
		gp__sb_printf(&d->b,
			      "%zu selected event%s on none of these lines (or undated) %s left "
			      "out.\\l",
			      c->left_out, c->left_out == 1 ? "" : "s",
			      c->left_out == 1 ? "is" : "are");
	}
	if (c->not_drawn) {
		gp__sb_printf(&d->b, "%zu more not drawn: the chart draws the first %d.\\l",
			      c->not_drawn, MAX_BOXES);
	}
	double lines = 1 + (c->left_out != 0) + (c->not_drawn != 0);
	n = text_at(d, gp__sb_str(&d->b), c->width / 2, c->bottom + 4 + lines * 6, w, 8);
	if (n) {
		gp__dot_set(n, "fontcolor", "#555555");
	}
	return n ? GP_OK : GP_ENOMEM;
}

/* The graph's defaults: an invisible point, a thin grey stroke. */
static void set_defaults(Agraph_t *g, const gp__chart *c)
{
	char bb[96];
	agattr(g, AGNODE, "shape", "point");
	agattr(g, AGNODE, "style", "invis");
	agattr(g, AGNODE, "label", "");
	agattr(g, AGNODE, "width", "0.01");
	agattr(g, AGNODE, "height", "0.01");
	agattr(g, AGNODE, "fixedsize", "true");
	agattr(g, AGNODE, "margin", "0");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGNODE, "fontsize", "8");
	agattr(g, AGNODE, "fontcolor", "#222222");
	agattr(g, AGNODE, "color", "#555555");
	agattr(g, AGNODE, "fillcolor", "#ffffff");
	agattr(g, AGEDGE, "dir", "none");
	agattr(g, AGEDGE, "color", COLOR_TIE);
	agattr(g, AGEDGE, "arrowsize", "0.6");
	agattr(g, AGRAPH, "fontname", "Helvetica");
	/* Every position is ours: nop2 (neato -n2) keeps nodes and edges where they are. */
	gp__dot_set(g, "layout", "nop2");
	gp__dot_set(g, "notranslate", "true");
	gp__snprintf_c(bb, sizeof(bb), "0,0,%.0f,%.0f", c->width, c->height);
	gp__dot_set(g, "bb", bb);
	gp__dot_set(g, "bgcolor", "white");
	gp__dot_set(g, "outputorder", "edgesfirst");
	gp__dot_set(g, "pad", "0");
}

/* The chart as a cgraph graph; the caller gp__dot_close()s it. */
static int build(Agraph_t **out, const gp__chart *c, const gp_dataset *ds, size_t n_selected)
{
	draw d = { gp__dot_open("theme_lines"), c, ds, 0, { 0 }, 0 };
	size_t ne = gp_dataset_event_count(ds);
	Agnode_t **nodes = calloc(c->n_boxes ? c->n_boxes : 1, sizeof(*nodes));
	uint32_t *box_of = malloc((ne ? ne : 1) * sizeof(*box_of));
	int rc = GP_ENOMEM;
	*out = NULL;
	if (!d.g || !gp__dot_ids_ok(d.g) || !nodes || !box_of) {
		goto done;
	}
	for (size_t i = 0; i < ne; i++) {
		box_of[i] = GP_NONE;
	}
	for (size_t i = 0; i < c->n_boxes; i++) {
		box_of[c->boxes[i].event] = (uint32_t)i;
	}
	set_defaults(d.g, c);
	if (draw_text(&d, n_selected) != GP_OK ||
	    (c->n_boxes &&
	     (draw_axis(&d) != GP_OK || draw_lines(&d) != GP_OK || draw_boxes(&d, nodes) != GP_OK ||
	      draw_links(&d, nodes, box_of) != GP_OK)) ||
	    d.oom || d.b.oom || !gp__dot_ids_ok(d.g)) {
		goto done;
	}
	rc = GP_OK;
	*out = d.g;
	d.g = NULL;
done:
	if (d.g) {
		gp__dot_close(d.g);
	}
	free(d.b.s);
	free(nodes);
	free(box_of);
	return rc;
}

static int write_chart(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
		       const char *format, const gp_chart_options *o)
{
	gp__chart c;
	Agraph_t *g;
	int dot = strcmp(format, "dot") == 0;
	if (!dot && strcmp(format, "svg") != 0 && strcmp(format, "png") != 0 &&
	    strcmp(format, "pdf") != 0) {
		return GP_EINVALID;
	}
	int rc = gp__chart_layout(&c, ds, order, n, o);
	if (rc != GP_OK) {
		return rc;
	}
	if (!c.n_boxes) { /* the message alone */
		c.width = 520;
		c.height = 110;
	}
	/* Keep Graphviz quiet: the caller reports failures. */
	agseterr(AGMAX);
	if ((rc = build(&g, &c, ds, n)) == GP_OK) {
		rc = dot ? (agwrite(g, fp) == 0 && !ferror(fp) ? GP_OK : GP_EIO)
			 : gp__dot_render(fp, g, "nop2", format, 0);
		gp__dot_close(g);
	}
	gp__chart_free(&c);
	return rc;
}

/* Graphviz writes numbers with the C library's printf: in the "C" locale (internal.h). */
int gp_timeline_chart_write(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			    const char *format, const gp_chart_options *opts)
{
	locale_t old = uselocale(gp__c_locale());
	int rc = write_chart(fp, ds, order, n, format, opts);
	uselocale(old);
	return rc;
}
