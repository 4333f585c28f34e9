/*
 * timeline_chart.c - the theme-line chart (docs/theme-lines.md): one line
 * per actor (or country), time left to right, each event a box at its date
 * tied to the lines of its actors, links and derived dates as curved
 * arrows between boxes.
 *
 * Every position is computed first (chart_layout.c) and handed to Graphviz
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

/* --------------------------------------------------------------- drawing */

/* s cut to `chars` characters ("…" included) into b, as DOT label text. */
static void put_cut(gp_sbuf *b, const char *s, size_t chars)
{
	gp_sbuf cut = { 0 };
	gp__chart_cut(&cut, s, chars);
	gp__dot_escape(b, gp__sb_str(&cut));
	b->oom |= cut.oom;
	free(cut.s);
}

/* Line colours, distinct on a projector and in print (Tableau 10, then two darker). */
static const char *const palette[] = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
				       "#9467bd", "#8c564b", "#e377c2", "#17becf",
				       "#7f7f7f", "#bcbd22", "#393b79", "#637939" };
#define N_COLORS (sizeof(palette) / sizeof(palette[0]))
#define COLOR_TIE "#7a7a7a"
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
	GP_VEC(double) taken; /* the arcs' labels placed so far: x0, y0, x1, y1 each */
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

/* A node's size in points (fixed: the layout counted on it). */
static void set_size(Agnode_t *n, double w, double h)
{
	char num[32];
	gp__snprintf_c(num, sizeof(num), "%.3f", w / 72);
	gp__dot_set(n, "width", num);
	gp__snprintf_c(num, sizeof(num), "%.3f", h / 72);
	gp__dot_set(n, "height", num);
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
	set_size(n, w, size + 4);
	/* At least that size; Graphviz's own text estimate may ask for more (no warning). */
	gp__dot_set(n, "fixedsize", "false");
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
	double w = gp__chart_text_width(label, 8);
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
		set_size(band, s->x1 - s->x0 - 12, h);
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
		} while (gp__chart_text_width(gp__sb_str(&d->b), 9.5) > LABEL_W - 4 && --chars > 4);
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
	char date[96];
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
		gp__chart_box_text(&d->b, ev, date);
		char *title = strdup(gp__sb_str(&d->b));
		d->b.n = 0;
		gp__dot_escape(&d->b, date);
		gp__sb_puts(&d->b, "\\l");
		gp__dot_escape(&d->b, title ? title : ""); /* a title's \\N would name the node */
		gp__sb_puts(&d->b, "\\l");
		free(title);
		if (!title) {
			goto done;
		}
		gp__dot_set(n, "label", gp__sb_str(&d->b));
		gp__dot_set(n, "shape", "box");
		gp__dot_set(n, "style", "rounded,filled");
		gp__dot_set(n, "color", line_color(x->home));
		set_size(n, x->w, x->h);
		d->b.n = 0;
		gp__dot_escape(&d->b, ev->id);
		gp__sb_puts(&d->b, ": ");
		gp__dot_escape(&d->b, ev->title ? ev->title : "");
		gp__sb_printf(&d->b, " (%s)\\n", date);
		gp_sbuf who = { 0 };
		gp__timeline_actors_text(&who, d->ds, ev, 1);
		gp__dot_escape(&d->b, gp__sb_str(&who));
		d->b.oom |= who.oom; /* build() fails on it */
		free(who.s);
		gp__dot_set(n, "tooltip", gp__sb_str(&d->b));
		gp__chart_event_lines(role_on, d->ds, ev, c->line_of, c->level, c->n_lines);
		if (draw_ties(d, x, n, role_on) != GP_OK) {
			goto done;
		}
	}
	rc = GP_OK;
done:
	free(role_on);
	return rc;
}

/* Does the rectangle meet a box, or a label placed before? */
static int label_blocked(const draw *d, double x0, double y0, double x1, double y1)
{
	const gp__chart *c = d->c;
	for (size_t i = 0; i < c->n_boxes; i++) {
		const gp__chart_box *b = &c->boxes[i];
		if (x0 < b->left + b->w && b->left < x1 && y0 < b->top + b->h && b->top < y1) {
			return 1;
		}
	}
	for (size_t i = 0; i + 3 < d->taken.n; i += 4) {
		const double *t = &d->taken.v[i];
		if (x0 < t[2] && t[0] < x1 && y0 < t[3] && t[1] < y1) {
			return 1;
		}
	}
	return 0;
}

/*
 * Where an arc's label goes: the first point along the curve, from its
 * middle outwards, where it covers no box and no other label (else the
 * middle, or the place the caller chose when the curve has no free point).
 * 0 on ENOMEM.
 */
static int place_label(draw *d, const double p[8], double w, double *lx, double *ly)
{
	static const double at[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88 };
	const double h = 10;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		double t = at[i], u = 1 - t;
		double x = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] +
			   t * t * t * p[6];
		double y = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] +
			   t * t * t * p[7];
		if (!label_blocked(d, x - w / 2, y - h / 2, x + w / 2, y + h / 2)) {
			*lx = x;
			*ly = y;
			break;
		}
	}
	if (GP_VEC_RESERVE(d->taken, 4)) {
		return 0;
	}
	double r[4] = { *lx - w / 2, *ly - h / 2, *lx + w / 2, *ly + h / 2 };
	memcpy(d->taken.v + d->taken.n, r, sizeof(r));
	d->taken.n += 4;
	return 1;
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
		lx = rx + 30 + gp__chart_text_width(label, 7) / 2;
		ly = (fy + ty) / 2;
	} else {
		double lift = fmin(18 + 0.12 * fabs(tx - fx), 60), cy = fmin(f->top, t->top) - lift;
		double q[8] = { fx, f->top, fx, cy, tx, cy, tx, t->top };
		memcpy(p, q, sizeof(p));
		lx = (fx + tx) / 2;
		ly = (f->top + t->top + 6 * cy) / 8;
	}
	Agedge_t *e = curve(d, fn, tn, p, 1);
	double w = gp__chart_text_width(label, 7) + 4;
	if (!place_label(d, p, w, &lx, &ly)) {
		return GP_ENOMEM;
	}
	Agnode_t *n = e ? text_at(d, label, lx, ly, w, 7) : NULL;
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
			/* In words ("in response to"); a relation outside the vocabulary as written. */
			const char *words = gp__link_rel_words(lk[k].rel);
			d->b.n = 0;
			gp__dot_escape(&d->b, words ? words : lk[k].rel);
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
	draw d = { gp__dot_open("theme_lines"), c, ds, 0, { 0 }, 0, { 0 } };
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
	/* Invisible corners: Graphviz sizes the page to what it draws, and the margins are ours. */
	if (!node_at(&d, "p", 0, 0) || !node_at(&d, "p", c->width, c->height)) {
		goto done;
	}
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
	GP_VEC_FREE(d.taken);
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
