/*
 * graph_render.c - pictures rendered in-process with libgvc (the context,
 * Graphviz's errors, gp__dot_render), and what a graph picture draws under
 * itself (docs/pictures.md): edge labels that do not fit replaced by
 * numbers, a one-line legend, and the key of the numbers (hubs' and edges').
 *
 * Which labels fit is known only once Graphviz has laid the graph out. The
 * picture is therefore drawn in two passes: the engine's layout (dot,
 * neato, sfdp) with every label, placed by graph_labels.c; then, with each
 * node, curve and fitting label pinned where the first pass put them (the
 * positions written back as attributes, as `dot -Tdot` does), the labels
 * that did not fit become numbers, the legend and the key are added below
 * the drawing, and Graphviz's nop2 (neato -n2) draws it all without moving
 * anything. Only the picture changes: the DOT output has no positions.
 */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_labels.h"
#include "graphviz_impl.h"
#include "internal.h"

#define set gp__dot_set

#define KEY_FONT 10.0
#define ROW_HEIGHT 22.0

/* Characters of UTF-8 text s, for widths estimated before Graphviz measures. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		n += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return n;
}

/* Helvetica's average advance is a little over half an em. */
static double text_width(const char *s, double size)
{
	return (double)chars(s) * size * 0.56;
}

static void pin(Agnode_t *n, double x, double y)
{
	char pos[96];
	gp__snprintf_c(pos, sizeof(pos), "%.2f,%.2f!", x, y);
	set(n, "pos", pos);
}

typedef struct {
	Agraph_t *g;
	const char *prefix;
	double x0, x1, x, y; /* the row's left and right ends, the next item's place */
	int k;               /* our nodes so far, for their names */
} row;

static Agnode_t *row_node(row *r, const char *shape)
{
	char name[96];
	snprintf(name, sizeof(name), "%s_key_%d", r->prefix, r->k++);
	Agnode_t *n = agnode(r->g, name, 1);
	if (n) {
		set(n, "shape", shape);
		set(n, "label", "");
		set(n, "style", "");
		set(n, "tooltip", " ");
	}
	return n;
}

/* Room for an item w points wide: the next row when this one is full. */
static void row_room(row *r, double w)
{
	if (r->x > r->x0 && r->x + w > r->x1) {
		r->x = r->x0;
		r->y -= ROW_HEIGHT;
	}
}

static int row_text(row *r, const char *text)
{
	double w = text_width(text, KEY_FONT - 1);
	row_room(r, w);
	Agnode_t *n = row_node(r, "plaintext");
	if (!n) {
		return GP_ENOMEM;
	}
	set(n, "label", text);
	set(n, "fontsize", "9");
	set(n, "fontcolor", "#333333");
	set(n, "margin", "0");
	set(n, "height", "0.2");
	/* Its width is ours, not Graphviz's least (0.75 in): nodes that touch get straight edges. */
	char width[32];
	gp__snprintf_c(width, sizeof(width), "%.2f", w / 72);
	set(n, "width", width);
	pin(n, r->x + w / 2, r->y);
	r->x += w + 16;
	return GP_OK;
}

/* A sample line: a short edge drawn as the graph draws them, and its meaning. */
static int row_line(row *r, const char *color, const char *dir, const char *style, const char *text)
{
	row_room(r, 34 + text_width(text, KEY_FONT - 1));
	Agnode_t *a = row_node(r, "point"), *b = row_node(r, "point");
	Agedge_t *e = a && b ? agedge(r->g, a, b, NULL, 1) : NULL;
	if (!e) {
		return GP_ENOMEM;
	}
	set(a, "width", "0.01");
	set(b, "width", "0.01");
	set(a, "color", "#ffffff");
	set(b, "color", "#ffffff");
	pin(a, r->x, r->y);
	pin(b, r->x + 28, r->y);
	set(e, "color", color);
	set(e, "dir", dir);
	set(e, "penwidth", "1.5");
	set(e, "arrowsize", "0.6");
	if (style) {
		set(e, "style", style);
	}
	r->x += 34;
	return row_text(r, text);
}

/* The legend: one line (or a few, as wide as the drawing) of what the picture uses. */
static int add_legend(row *r, const gp__picture_key *k)
{
	int rc = GP_OK;
	if (k->styles) {
		rc |= row_line(r, GP_COLOR_COOP, "forward", NULL, "cooperation");
		rc |= row_line(r, GP_COLOR_CONFLICT, "forward", NULL, "conflict");
		rc |= row_line(r, GP_COLOR_NEUTRAL, "none", NULL, "no arrow: meeting, talks");
	}
	if (k->styles & 1u << GP_EDGE_DASHED) {
		rc |= row_line(r, GP_COLOR_NEUTRAL, "forward", "dashed",
			       "only claimed, denied or planned");
	}
	if (k->styles & 1u << GP_EDGE_DOTTED) {
		rc |= row_line(r, GP_COLOR_NEUTRAL, "forward", "dotted", "only planned");
	}
	if (k->styles) {
		rc |= row_text(r, "thicker: more events");
	}
	if (k->n_hubs) {
		row_room(r, 20 + text_width("event of 3 or more participants", KEY_FONT - 1));
		Agnode_t *n = row_node(r, "circle");
		if (!n) {
			return GP_ENOMEM;
		}
		set(n, "width", "0.2");
		set(n, "fixedsize", "true");
		set(n, "style", "filled");
		set(n, "fillcolor", "#eeeeee");
		set(n, "color", GP_COLOR_NEUTRAL);
		pin(n, r->x + 7, r->y);
		r->x += 20;
		rc |= row_text(r, "event of 3 or more participants");
	}
	for (int i = 0; i < GP_KIND_COUNT; i++) {
		if (!k->kinds_used[i]) {
			continue;
		}
		const char *name = gp_actor_kind_name(i);
		double w = text_width(name, 8) + 18;
		row_room(r, w);
		Agnode_t *n = row_node(r, gp__kind_shape[i]);
		if (!n) {
			return GP_ENOMEM;
		}
		char width[32];
		gp__snprintf_c(width, sizeof(width), "%.2f", w / 72);
		set(n, "label", name);
		set(n, "style", i == GP_KIND_COUNTRY ? "rounded,filled,bold" : "filled");
		set(n, "fillcolor", gp__kind_fill[i]);
		set(n, "fontsize", "8");
		set(n, "width", width);
		set(n, "height", "0.22");
		set(n, "fixedsize", "true");
		pin(n, r->x + w / 2, r->y);
		r->x += w + 8;
	}
	return rc ? GP_ENOMEM : GP_OK;
}

/* DOT label text on one line: its line breaks ("\\n") as " · ". */
void gp__dot_one_line(gp_sbuf *b, const char *text)
{
	for (const char *c = text ? text : ""; *c; c++) {
		if (c[0] == '\\' && c[1] == 'n') {
			gp__sb_puts(b, " · ");
			c++;
		} else {
			gp__sb_add(b, c, c[0] == '\\' && c[1] ? 2 : 1);
			c += c[0] == '\\' && c[1];
		}
	}
}

/* An edge's label in one line of the key: "China ↔ France: Talks ×4 · 2013-11-24". */
static void key_line(gp_sbuf *b, Agedge_t *e, size_t num)
{
	const char *dir = agget(e, (char *)"dir");
	gp__sb_printf(b, "%zu  ", num);
	gp__dot_one_line(b, agget(agtail(e), (char *)"label"));
	gp__sb_puts(b, dir && strcmp(dir, "none") == 0 ? " ↔ " : " → ");
	gp__dot_one_line(b, agget(aghead(e), (char *)"label"));
	gp__sb_puts(b, ": ");
	gp__dot_one_line(b, agget(e, (char *)"label"));
	gp__sb_puts(b, "\\l");
}

/* Labels that do not fit become numbers, after the hubs' numbers; their lines go to b. */
static void number_labels(Agedge_t **unfit, size_t n, size_t first, gp_sbuf *b)
{
	char num[32];
	for (size_t i = 0; i < n; i++) {
		key_line(b, unfit[i], first + i);
		snprintf(num, sizeof(num), "%zu", first + i);
		set(unfit[i], "label", num);
		set(unfit[i], "lp", ""); /* Graphviz places it anew, graph_labels.c moves it */
	}
}

/* The key, its top at y: the hubs' lines, then the edges'. */
static int add_key(row *r, const gp__picture_key *k, const char *edges, size_t n_edges)
{
	gp_sbuf b = { 0 };
	size_t lines = 0;
	if (k->hub_key) {
		gp__sb_puts(&b, "Numbered circles: events of 3 or more participants, joined to "
				"each of them\\l");
		gp__sb_puts(&b, k->hub_key);
		lines += 1 + k->n_hubs;
	}
	if (n_edges) {
		gp__sb_puts(&b, "Numbered edges: labels with no room on the picture\\l");
		gp__sb_puts(&b, edges);
		lines += 1 + n_edges;
	}
	if (!lines) {
		return GP_OK;
	}
	Agnode_t *n = row_node(r, "plaintext");
	if (!n || b.oom) {
		free(b.s);
		return GP_ENOMEM;
	}
	set(n, "label", b.s);
	set(n, "fontsize", "10");
	set(n, "fontcolor", "#333333");
	set(n, "margin", "0.05,0.05");
	free(b.s);
	/* Graphviz's lines are 1.2 em apart; a little more keeps clear of the legend. */
	double h = (double)lines * KEY_FONT * 1.2 + 16;
	/* Clear of the legend's row, margins and all: nop2 routes edges only between nodes apart. */
	pin(n, (r->x0 + r->x1) / 2, r->y - ROW_HEIGHT - h / 2);
	return GP_OK;
}

/* The second pass: pinned positions, numbers, legend and key. */
static int add_key_pass(Agraph_t *g, const gp__picture_key *k, boxf bb, Agedge_t **unfit,
			size_t n_unfit)
{
	gp_sbuf lines = { 0 };
	row r = { g, k->prefix, bb.LL.x + 8, bb.UR.x - 8, bb.LL.x + 8, bb.LL.y - ROW_HEIGHT, 0 };
	if (r.x1 - r.x0 < 360) {
		r.x1 = r.x0 + 360; /* a narrow graph: its legend may be a little wider */
	}
	number_labels(unfit, n_unfit, k->n_hubs + 1, &lines);
	int rc = lines.oom ? GP_ENOMEM : add_legend(&r, k);
	if (rc == GP_OK) {
		rc = add_key(&r, k, lines.s ? lines.s : "", n_unfit);
	}
	/* A node name that found no memory was given an anonymous ID (graph_dot.c's id_map). */
	if (rc == GP_OK && !gp__dot_ids_ok(g)) {
		rc = GP_ENOMEM;
	}
	free(lines.s);
	/* The drawing's box and title are placed anew around what is added. */
	set(g, "bb", "");
	set(g, "lp", "");
	return rc;
}

/*
 * cairo stamps a PDF with the time it was made, so two runs would differ.
 * The date is overwritten in place with one of the same length (the xref
 * table's offsets stay right): D:19700101000000Z.
 */
static void pin_pdf_date(char *data, unsigned int len)
{
	static const char key[] = "/CreationDate (D:";
	size_t kl = sizeof(key) - 1;
	for (unsigned int i = 0; i + kl < len; i++) {
		if (memcmp(data + i, key, kl) == 0) {
			for (unsigned int k = i + kl, n = 0; k < len && data[k] != ')'; k++, n++) {
				if (data[k] >= '0' && data[k] <= '9') {
					data[k] = n < 8 ? "19700101"[n] : '0';
				}
			}
			return;
		}
	}
}

/*
 * One Graphviz context for the process, made on first use and kept. After
 * gvFreeContext(), Graphviz 2.42's pango plugin still holds a font it cached
 * in the freed context, and the next context's text sizing reads freed
 * memory (ASan, on the second picture of a process). Graphviz's state is
 * process-wide anyway (geopol.h).
 */
GVC_t *gp__dot_context(void)
{
	static GVC_t *gvc;
	if (!gvc) {
		gvc = gvContext();
	}
	return gvc;
}

/* What gp_graph_last_error() says: ours, then Graphviz's own last message, if any. */
void gp__dot_error(const char *fmt, ...)
{
	char what[160];
	va_list ap;
	va_start(ap, fmt);
	gp__vsnprintf_c(what, sizeof(what), fmt, ap);
	va_end(ap);
	char *why = aglasterr(); /* a copy, ours to free */
	size_t n = why ? strlen(why) : 0;
	while (n && (why[n - 1] == '\n' || why[n - 1] == ' ')) {
		n--; /* Graphviz ends its messages with a line break */
	}
	gp__graph_set_error("Graphviz %s%s%.*s", what, n ? ": " : "", (int)(n < 200 ? n : 200),
			    why ? why : "");
	free(why);
}

int gp__dot_render(FILE *fp, Agraph_t *g, const char *layout, const char *format, int place_labels)
{
	GVC_t *gvc = gp__dot_context();
	if (!gvc) {
		return GP_ENOMEM;
	}
	int rc = GP_ERROR;
	if (gvLayout(gvc, g, layout) != 0) {
		gp__dot_error("could not lay out the graph with '%s'", layout);
		return rc;
	}
	/*
	 * Render into memory and write it ourselves: Graphviz 2.42's own
	 * writer calls exit(1) on a write error (a full disk), which would
	 * leave a half-written file and no message.
	 */
	char *data = NULL;
	unsigned int len = 0;
	if (place_labels && (rc = gp__place_labels(g)) != GP_OK) {
		/* out of memory */
	} else if (gvRenderData(gvc, g, format, &data, &len) == 0 && data) {
		if (strcmp(format, "pdf") == 0) {
			pin_pdf_date(data, len);
		}
		rc = fwrite(data, 1, len, fp) == len && !ferror(fp) ? GP_OK : GP_EIO;
	} else {
		gp__dot_error("could not render '%s'", format);
		rc = GP_ERROR;
	}
	gvFreeRenderData(data);
	gvFreeLayout(gvc, g);
	return rc;
}

/*
 * Declare in h each attribute g declares for this kind of object, with g's
 * default; of the graph's, not those that move the drawing as a whole (its
 * title, its box, the rank direction): h is drawn in g's coordinates.
 */
static int copy_decls(Agraph_t *h, Agraph_t *g, int kind)
{
	static const char *const moving[] = { "rankdir", "label", "lp", "bb", NULL };
	for (Agsym_t *s = agnxtattr(g, kind, NULL); s; s = agnxtattr(g, kind, s)) {
		int skip = 0;
		for (int i = 0; kind == AGRAPH && moving[i]; i++) {
			skip |= strcmp(s->name, moving[i]) == 0;
		}
		if (skip) {
			continue;
		}
		char *dflt = kind == AGRAPH ? agxget(g, s) : s->defval;
		if (!agattr(h, kind, s->name, dflt)) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/* Copy o's attributes (of this kind, declared in g) to p, where they differ from the default. */
static int copy_values(void *p, void *o, Agraph_t *g, int kind)
{
	for (Agsym_t *s = agnxtattr(g, kind, NULL); s; s = agnxtattr(g, kind, s)) {
		char *v = agxget(o, s);
		if (strcmp(v, s->defval) != 0 && agset(p, s->name, v) != 0) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

/*
 * A pos or lp attribute ("e,x,y s,x,y x,y ..." or "x,y") with every point
 * moved by (dx, dy), into b. GP_OK or GP_ENOMEM.
 */
static int shifted(gp_sbuf *b, const char *pos, double dx, double dy)
{
	b->n = 0;
	gp__sb_puts(b, "");
	while (pos && *pos) {
		size_t len = strcspn(pos, " ");
		const char *xy = pos;
		if (len > 2 && (pos[0] == 'e' || pos[0] == 's') && pos[1] == ',') {
			gp__sb_printf(b, "%c,", pos[0]);
			xy += 2;
		}
		double x, y;
		if (sscanf(xy, "%lf,%lf", &x, &y) == 2) {
			gp__sb_printf(b, "%.2f,%.2f", x + dx, y + dy);
		}
		pos += len;
		pos += strspn(pos, " ");
		if (*pos) {
			gp__sb_puts(b, " ");
		}
	}
	return b->oom ? GP_ENOMEM : GP_OK;
}

/*
 * Route the edges of g that have no curve yet (the legend's samples, those
 * the first pass drew through a node), around every node as nop2 would in
 * g, but in a graph h of g's nodes and these edges only: Graphviz 2.42
 * finds a shortest path for every edge of the graph it routes in, also for
 * those whose curves are given, and that cost a second full routing (2.3 s
 * of 7 s on a 15-minute GDELT file). Their curves are then copied into g,
 * whose last pass then routes nothing. GP_OK, GP_ENOMEM or GP_ERROR.
 */
static int route_missing(GVC_t *gvc, Agraph_t *g, const char *keys, int legend)
{
	size_t n = 0, cap = 0, kl = strlen(keys);
	Agedge_t **todo = NULL;
#define KEY(v) (strncmp(agnameof(v), keys, kl) == 0)
	for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v)) {
		for (Agedge_t *e = agfstout(g, v); e; e = agnxtout(g, e)) {
			char *pos = agget(e, "pos");
			/* legend: the legend's edges, between its nodes (named keys...); else the drawing's. */
			if ((pos && *pos) || legend != (KEY(v) && KEY(aghead(e)))) {
				continue;
			}
			if (n == cap) {
				Agedge_t **t =
					realloc(todo, (cap = cap ? 2 * cap : 16) * sizeof(*t));
				if (!t) {
					free(todo);
					return GP_ENOMEM;
				}
				todo = t;
			}
			todo[n++] = e;
		}
	}
	if (n == 0) {
		return GP_OK;
	}
	/* As g is made (gp__dot_open): its objects' ids, and so their order, as created. */
	Agraph_t *h = gp__dot_open("route");
	Agedge_t **routed = h ? malloc(n * sizeof(*routed)) : NULL;
	int rc = routed ? GP_OK : GP_ENOMEM;
	for (int k = AGRAPH; rc == GP_OK && k <= AGEDGE; k++) {
		rc = copy_decls(h, g, k);
	}
	for (Agnode_t *v = agfstnode(g); rc == GP_OK && v; v = agnxtnode(g, v)) {
		Agnode_t *w = !legend || KEY(v) ? agnode(h, agnameof(v), 1) : v;
		rc = w ? w == v ? GP_OK : copy_values(w, v, g, AGNODE) : GP_ENOMEM;
	}
#undef KEY
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		Agnode_t *t = agnode(h, agnameof(agtail(todo[i])), 0);
		Agnode_t *hd = agnode(h, agnameof(aghead(todo[i])), 0);
		routed[i] = t && hd ? agedge(h, t, hd, NULL, 1) : NULL;
		rc = routed[i] ? copy_values(routed[i], todo[i], g, AGEDGE) : GP_ENOMEM;
	}
	char *data = NULL;
	unsigned int len = 0;
	if (rc == GP_OK && gvLayout(gvc, h, "nop2") != 0) {
		gp__dot_error("could not route the edges with 'nop2'");
		rc = GP_ERROR;
	} else if (rc == GP_OK) {
		/* Rendered as DOT, the curves are written back into h's attributes. */
		if (gvRenderData(gvc, h, "dot", &data, &len) != 0) {
			gp__dot_error("could not pin the routes");
			rc = GP_ERROR;
		}
		gvFreeRenderData(data);
		gvFreeLayout(gvc, h);
	}
	/* Where Graphviz moved h's drawing (its margins): a node's place in g and in h. */
	double dx = 0, dy = 0, gx, gy, hx, hy;
	Agnode_t *w0 = h ? agfstnode(h) : NULL, *v0 = w0 ? agnode(g, agnameof(w0), 0) : NULL;
	if (w0 && sscanf(agget(v0, "pos"), "%lf,%lf", &gx, &gy) == 2 &&
	    sscanf(agget(w0, "pos"), "%lf,%lf", &hx, &hy) == 2) {
		dx = gx - hx, dy = gy - hy;
	}
	gp_sbuf b = { 0 };
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		rc = shifted(&b, agget(routed[i], "pos"), dx, dy);
		if (rc == GP_OK) {
			set(todo[i], "pos", gp__sb_str(&b));
		}
		char *lp = agget(routed[i], "lp");
		if (rc == GP_OK && lp && *lp && (rc = shifted(&b, lp, dx, dy)) == GP_OK) {
			set(todo[i], "lp", gp__sb_str(&b));
		}
	}
	free(b.s);
	free(routed);
	free(todo);
	if (h) {
		gp__dot_close(h);
	}
	return rc;
}

int gp__dot_render_keyed(FILE *fp, Agraph_t *g, const char *layout, const char *format,
			 const gp__picture_key *key)
{
	GVC_t *gvc = gp__dot_context();
	if (!gvc) {
		return GP_ENOMEM;
	}
	if (gvLayout(gvc, g, layout) != 0) {
		gp__dot_error("could not lay out the graph with '%s'", layout);
		return GP_ERROR;
	}
	Agedge_t **unfit = NULL, **through = NULL;
	size_t n_unfit = 0, n_through = 0;
	char *data = NULL;
	unsigned int len = 0;
	boxf bb = GD_bb(g);
	int rc = gp__place_labels_fit(g, &unfit, &n_unfit);
	if (rc == GP_OK) {
		rc = gp__edges_through_nodes(g, &through, &n_through);
	}
	/* Rendered as DOT, the layout is written back into g's attributes: pos, lp, bb. */
	if (rc == GP_OK && gvRenderData(gvc, g, "dot", &data, &len) != 0) {
		gp__dot_error("could not pin the layout");
		rc = GP_ERROR;
	}
	gvFreeRenderData(data);
	gvFreeLayout(gvc, g);
	/*
	 * An edge through a node it does not join (dot with clusters draws
	 * some so) is routed anew by nop2, around every node.
	 */
	for (size_t i = 0; rc == GP_OK && i < n_through; i++) {
		set(through[i], "pos", "");
		set(through[i], "lp", "");
	}
	if (rc == GP_OK) {
		rc = add_key_pass(g, key, bb, unfit, n_unfit);
	}
	free(unfit);
	free(through);
	if (rc == GP_OK) {
		set(g, "layout", "nop2");
		/*
		 * Edges routed anew keep this far from nodes; nodes closer than
		 * twice it make Graphviz draw them straight.
		 */
		set(g, "esep", "+2");
		/*
		 * The legend's sample lines among the legend's nodes only (a row of
		 * its own under the drawing): a picture with no edge to route
		 * again then builds no obstacles around the drawing's nodes.
		 */
		char keys[96];
		snprintf(keys, sizeof(keys), "%s_key_", key->prefix);
		rc = route_missing(gp__dot_context(), g, keys, 1);
		if (rc == GP_OK) {
			rc = route_missing(gp__dot_context(), g, keys, 0);
		}
	}
	if (rc == GP_OK) {
		rc = gp__dot_render(fp, g, "nop2", format, 1);
	}
	return rc;
}
