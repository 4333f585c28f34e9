/*
 * graph_labels.c - edge labels moved after Graphviz's layout, so that no
 * label sits on a node, a graph or cluster label, another edge label, or
 * under a crossing edge; which labels still do not fit, and which edges run
 * through a node they do not join (graph_render.c calls it before
 * rendering).
 */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph_labels.h"
#include "internal.h"

/*
 * Edge labels after the layout. dot keeps a place for each label, but with
 * clusters and rankdir=LR (Graphviz 2.42/2.43, newrank) it gives two labels
 * places that overlap; neato puts a label at the middle of its edge
 * whatever is there. This pass moves each label that overlaps a node, a
 * graph or cluster label or another edge label, or that an edge crosses,
 * to the free place nearest the middle of its own edge, beside the curve.
 * Labels keep their edge's colour, so the pairing stays plain. Only the
 * rendered picture changes: the DOT carries no positions.
 */
typedef struct {
	double x0, y0, x1, y1;
} lbox;

typedef struct {
	pointf p;
	double r;      /* half the line's width */
	uint32_t edge; /* index in the scene's edges; GP_NONE for a cluster's border */
} curve_point;

typedef struct {
	GP_VEC(lbox) fixed;          /* nodes, the graph's and clusters' labels */
	GP_VEC(curve_point) curve;   /* edges' curves and clusters' borders, sampled */
	GP_VEC(Agedge_t *) edges;    /* every edge with a curve */
	GP_VEC(uint32_t) labelled;   /* indices in edges of the labelled ones */
	GP_VEC(lbox) label;          /* their label boxes, as now placed */
	GP_VEC(Agraph_t *) clusters; /* labelled clusters; their labels are fixed.v[0..] */
	boxf bb;
} scene;

#define LABEL_GAP 2.0  /* points kept free around a label */
#define CURVE_STEP 4.0 /* points between curve samples */

static lbox label_box(pointf c, pointf size)
{
	lbox b = { c.x - size.x / 2 - LABEL_GAP, c.y - size.y / 2 - LABEL_GAP,
		   c.x + size.x / 2 + LABEL_GAP, c.y + size.y / 2 + LABEL_GAP };
	return b;
}

static double overlap_area(const lbox *a, const lbox *b)
{
	double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
	double h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
	return w > 0 && h > 0 ? w * h : 0;
}

static int add_line(scene *s, pointf a, pointf b, double r, uint32_t edge)
{
	double len = hypot(b.x - a.x, b.y - a.y);
	int n = len / CURVE_STEP < 1 ? 1 : (int)(len / CURVE_STEP);
	for (int t = 0; t <= n; t++) {
		curve_point cp = { { a.x + (b.x - a.x) * t / n, a.y + (b.y - a.y) * t / n },
				   r,
				   edge };
		if (GP_VEC_PUSH(s->curve, cp)) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/* The graph's label, and each cluster's label and border. */
static int add_clusters(scene *s, Agraph_t *g, int root)
{
	textlabel_t *l = GD_label(g);
	boxf bb = GD_bb(g);
	pointf c[4] = { bb.LL, { bb.UR.x, bb.LL.y }, bb.UR, { bb.LL.x, bb.UR.y } };
	if (l && l->set && !root &&
	    (GP_VEC_PUSH(s->fixed, label_box(l->pos, l->dimen)) || GP_VEC_PUSH(s->clusters, g))) {
		return GP_ENOMEM;
	}
	for (int i = 0; !root && i < 4; i++) {
		if (add_line(s, c[i], c[(i + 1) % 4], 0.5, GP_NONE) != GP_OK) {
			return GP_ENOMEM;
		}
	}
	for (int i = 1; i <= GD_n_cluster(g); i++) {
		if (add_clusters(s, GD_clust(g)[i], 0) != GP_OK) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/* The curve of edge number k, every CURVE_STEP points or so. */
static int sample_curve(scene *s, Agedge_t *e, uint32_t k)
{
	splines *spl = ED_spl(e);
	const char *pw = agget(e, (char *)"penwidth");
	double r = pw && *pw ? gp__strtod_c(pw, NULL) / 2 : 0.5;
	for (int i = 0; spl && i < spl->size; i++) {
		const bezier *bz = &spl->list[i];
		for (int j = 0; j + 3 < bz->size; j += 3) {
			const pointf *c = &bz->list[j];
			double len = hypot(c[1].x - c[0].x, c[1].y - c[0].y) +
				     hypot(c[2].x - c[1].x, c[2].y - c[1].y) +
				     hypot(c[3].x - c[2].x, c[3].y - c[2].y);
			int n = len / CURVE_STEP < 1     ? 1
				: len / CURVE_STEP > 500 ? 500
							 : (int)(len / CURVE_STEP);
			for (int t = j ? 1 : 0; t <= n; t++) {
				double u = (double)t / n, v = 1 - u;
				double a = v * v * v, b = 3 * v * v * u, cc = 3 * v * u * u,
				       d = u * u * u;
				curve_point cp = {
					{ a * c[0].x + b * c[1].x + cc * c[2].x + d * c[3].x,
					  a * c[0].y + b * c[1].y + cc * c[2].y + d * c[3].y },
					r,
					k
				};
				if (GP_VEC_PUSH(s->curve, cp)) {
					return GP_ENOMEM;
				}
			}
		}
	}
	return GP_OK;
}

/*
 * How bad a label box is for labelled edge number li: overlaps weigh most,
 * then curves through it (and their pens' width, unless lenient).
 */
static double label_cost(const scene *s, size_t li, const lbox *b, int lenient)
{
	if (b->x0 < s->bb.LL.x || b->y0 < s->bb.LL.y || b->x1 > s->bb.UR.x || b->y1 > s->bb.UR.y) {
		return HUGE_VAL;
	}
	double area = 0;
	for (size_t i = 0; i < s->fixed.n; i++) {
		area += overlap_area(b, &s->fixed.v[i]);
	}
	for (size_t i = 0; i < s->label.n; i++) {
		area += i == li ? 0 : overlap_area(b, &s->label.v[i]);
	}
	size_t crossing = 0;
	uint32_t self = s->labelled.v[li];
	for (size_t i = 0; i < s->curve.n; i++) {
		/*
		 * Its own edge too, when it goes through the text (dot sometimes
		 * draws one so); running close beside it is where a label belongs.
		 */
		const curve_point *c = &s->curve.v[i];
		double m = lenient ? 0 : c->edge == self ? c->r - LABEL_GAP : c->r;
		crossing += c->p.x > b->x0 - m && c->p.x < b->x1 + m && c->p.y > b->y0 - m &&
			    c->p.y < b->y1 + m;
	}
	return area * 100 + (double)crossing * 400;
}

/* Edges crossing a box. */
static size_t edges_crossing(const scene *s, const lbox *b)
{
	size_t n = 0;
	for (size_t i = 0; i < s->curve.n; i++) {
		const curve_point *c = &s->curve.v[i];
		n += c->edge != GP_NONE && c->p.x > b->x0 - c->r && c->p.x < b->x1 + c->r &&
		     c->p.y > b->y0 - c->r && c->p.y < b->y1 + c->r;
	}
	return n;
}

/*
 * A cluster's label that an edge crosses slides along the band that dot
 * keeps for it at the cluster's top, to the free place nearest the middle.
 */
static void slide_cluster_label(scene *s, size_t ci)
{
	Agraph_t *sg = s->clusters.v[ci];
	textlabel_t *l = GD_label(sg);
	boxf bb = GD_bb(sg);
	lbox *fixed = &s->fixed.v[ci];
	size_t best = edges_crossing(s, fixed);
	double lo = bb.LL.x + l->dimen.x / 2 + 2 * LABEL_GAP,
	       hi = bb.UR.x - l->dimen.x / 2 - 2 * LABEL_GAP;
	pointf best_pos = l->pos;
	for (double d = 4; best > 0 && d <= hi - lo; d += 4) {
		for (int sign = -1; sign <= 1; sign += 2) {
			pointf c = { l->pos.x + sign * d, l->pos.y };
			lbox b = label_box(c, l->dimen);
			size_t n = c.x < lo || c.x > hi ? best : edges_crossing(s, &b);
			if (n < best) {
				best = n;
				best_pos = c;
			}
		}
	}
	l->pos = best_pos;
	*fixed = label_box(best_pos, l->dimen);
}

/* Try places beside the label's own curve, from its middle outwards. */
static void move_label(scene *s, size_t li)
{
	Agedge_t *e = s->edges.v[s->labelled.v[li]];
	textlabel_t *l = ED_label(e);
	/*
	 * Where the layout put it stays if nothing touches the text itself:
	 * dot's places are near their edge's middle, and tight ones read well.
	 */
	lbox text = label_box(l->pos, l->dimen);
	text.x0 += LABEL_GAP, text.y0 += LABEL_GAP, text.x1 -= LABEL_GAP, text.y1 -= LABEL_GAP;
	if (label_cost(s, li, &text, 1) == 0) {
		return;
	}
	double best = label_cost(s, li, &s->label.v[li], 0);
	/* The own curve's samples are contiguous in s->curve. */
	size_t first = 0, n = 0;
	while (first < s->curve.n && s->curve.v[first].edge != s->labelled.v[li]) {
		first++;
	}
	while (first + n < s->curve.n && s->curve.v[first + n].edge == s->labelled.v[li]) {
		n++;
	}
	if (n < 2) {
		return;
	}
	const curve_point *cv = &s->curve.v[first];
	double total = 0;
	for (size_t i = 1; i < n; i++) {
		total += hypot(cv[i].p.x - cv[i - 1].p.x, cv[i].p.y - cv[i - 1].p.y);
	}
	static const double side[8][2] = { { 0, 1 }, { 0, -1 }, { 1, 0 },  { -1, 0 },
					   { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 } };
	pointf best_pos = l->pos;
	double r = cv[0].r + 2 * LABEL_GAP;
	double w = l->dimen.x / 2 + r, h = l->dimen.y / 2 + r;
	for (int step = 0; step <= 16; step++) {
		/* 0.5, 0.45, 0.55, 0.4, 0.6 ... 0.1, 0.9 of the curve's length */
		double f = 0.5 + (step % 2 ? -1 : 1) * 0.05 * ((step + 1) / 2);
		double want = f * total, run = 0;
		size_t i = 1;
		for (; i < n - 1; i++) {
			double d = hypot(cv[i].p.x - cv[i - 1].p.x, cv[i].p.y - cv[i - 1].p.y);
			if (run + d >= want) {
				break;
			}
			run += d;
		}
		pointf at = cv[i].p;
		for (int k = 0; k < 8; k++) {
			pointf c = { at.x + side[k][0] * w, at.y + side[k][1] * h };
			lbox b = label_box(c, l->dimen);
			/* A little for the distance from the middle: the nearest free place wins. */
			double cost = label_cost(s, li, &b, 0) + step;
			if (cost < best) {
				best = cost;
				best_pos = c;
			}
		}
	}
	l->pos = best_pos;
	s->label.v[li] = label_box(best_pos, l->dimen);
}

/*
 * Which labels fit: whose text no node, curve (its own included) or label
 * touches, now that all are placed. A label that does not fit leaves the
 * scene, so that it does not count against the ones after it.
 */
static int find_unfit(scene *s, Agedge_t ***unfit, size_t *n_unfit)
{
	GP_VEC(Agedge_t *) out = { 0 };
	for (size_t i = 0; i < s->labelled.n; i++) {
		lbox text = s->label.v[i];
		text.x0 += LABEL_GAP, text.y0 += LABEL_GAP, text.x1 -= LABEL_GAP,
			text.y1 -= LABEL_GAP;
		if (label_cost(s, i, &text, 1) > 0) {
			lbox gone = { -1e300, -1e300, -1e300, -1e300 };
			s->label.v[i] = gone;
			if (GP_VEC_PUSH(out, s->edges.v[s->labelled.v[i]])) {
				GP_VEC_FREE(out);
				return GP_ENOMEM;
			}
		}
	}
	*unfit = out.v;
	*n_unfit = out.n;
	return GP_OK;
}

/* Is p inside node n's shape, more than a point from its border? */
static int inside_node(Agnode_t *n, pointf p)
{
	double rx = ND_width(n) * 36 - 1, ry = ND_height(n) * 36 - 1;
	double dx = p.x - ND_coord(n).x, dy = p.y - ND_coord(n).y;
	const char *shape = agget(n, (char *)"shape");
	if (rx <= 0 || ry <= 0 || fabs(dx) >= rx || fabs(dy) >= ry) {
		return 0;
	}
	if (shape && (strcmp(shape, "ellipse") == 0 || strcmp(shape, "circle") == 0 ||
		      strcmp(shape, "point") == 0)) {
		return (dx / rx) * (dx / rx) + (dy / ry) * (dy / ry) < 1;
	}
	return 1;
}

int gp__edges_through_nodes(Agraph_t *g, Agedge_t ***out, size_t *n_out)
{
	scene s = { 0 };
	GP_VEC(Agedge_t *) found = { 0 };
	*out = NULL, *n_out = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			int through = 0;
			s.curve.n = 0;
			if (sample_curve(&s, e, 0) != GP_OK) {
				goto oom;
			}
			for (Agnode_t *m = agfstnode(g); m && !through; m = agnxtnode(g, m)) {
				for (size_t i = 0;
				     m != agtail(e) && m != aghead(e) && i < s.curve.n; i++) {
					if (inside_node(m, s.curve.v[i].p)) {
						through = 1;
						break;
					}
				}
			}
			if (through && GP_VEC_PUSH(found, e)) {
				goto oom;
			}
		}
	}
	GP_VEC_FREE(s.curve);
	*out = found.v, *n_out = found.n;
	return GP_OK;
oom:
	GP_VEC_FREE(s.curve);
	GP_VEC_FREE(found);
	return GP_ENOMEM;
}

int gp__place_labels(Agraph_t *g)
{
	return gp__place_labels_fit(g, NULL, NULL);
}

int gp__place_labels_fit(Agraph_t *g, Agedge_t ***unfit, size_t *n_unfit)
{
	scene s = { 0 };
	int rc = GP_ENOMEM;
	size_t labels = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			labels += ED_label(e) && ED_label(e)->set;
		}
	}
	/*
	 * Each label is tried in a few hundred places against every curve: a
	 * picture planned by size has at most MAX_LABELLED_EDGES; more (asked
	 * for through the library) are drawn where the layout puts them.
	 */
	if (unfit) {
		*unfit = NULL, *n_unfit = 0;
	}
	if (labels == 0 || labels > 4 * MAX_LABELLED_EDGES) {
		return GP_OK;
	}
	s.bb = GD_bb(g);
	/* Cluster labels first, so that the graph's label comes after them in fixed. */
	textlabel_t *title = GD_label(g);
	if (add_clusters(&s, g, 1) != GP_OK ||
	    (title && title->set && GP_VEC_PUSH(s.fixed, label_box(title->pos, title->dimen)))) {
		goto done;
	}
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		pointf size = { ND_width(n) * 72 - 2 * LABEL_GAP,
				ND_height(n) * 72 - 2 * LABEL_GAP };
		if (GP_VEC_PUSH(s.fixed, label_box(ND_coord(n), size))) {
			goto done;
		}
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			uint32_t k = (uint32_t)s.edges.n;
			textlabel_t *l = ED_label(e);
			if (GP_VEC_PUSH(s.edges, e) || sample_curve(&s, e, k) != GP_OK ||
			    (l && l->set &&
			     (GP_VEC_PUSH(s.labelled, k) ||
			      GP_VEC_PUSH(s.label, label_box(l->pos, l->dimen))))) {
				goto done;
			}
		}
	}
	for (size_t i = 0; i < s.clusters.n; i++) {
		slide_cluster_label(&s, i);
	}
	for (size_t i = 0; i < s.labelled.n; i++) {
		move_label(&s, i);
	}
	rc = unfit ? find_unfit(&s, unfit, n_unfit) : GP_OK;
done:
	GP_VEC_FREE(s.fixed);
	GP_VEC_FREE(s.curve);
	GP_VEC_FREE(s.edges);
	GP_VEC_FREE(s.labelled);
	GP_VEC_FREE(s.label);
	GP_VEC_FREE(s.clusters);
	return rc;
}
