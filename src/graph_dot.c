/*
 * graph_dot.c - the graph as Graphviz DOT through cgraph: what every picture
 * draws (nodes by kind, edges by sign and count, multilateral events as hubs:
 * graph_hubs.c), written as DOT or rendered by graph_render.c. The cgraph
 * graphs themselves (ids in creation order, escaping) are graphviz_base.c's.
 */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geopol/graph.h"
#include "graph_hubs.h"
#include "graph_impl.h"
#include "graph_labels.h"
#include "graphviz_impl.h"
#include "internal.h"
#include "timeline_impl.h" /* gp__timeline_source: sources in words, as the viewer has them */

#define label_escape gp__dot_escape
#define set gp__dot_set
#define close_graph gp__dot_close

#define kind_shape gp__kind_shape
#define kind_fill gp__kind_fill
#define COLOR_COOP GP_COLOR_COOP
#define COLOR_CONFLICT GP_COLOR_CONFLICT
#define COLOR_NEUTRAL GP_COLOR_NEUTRAL

static const char *edge_color(double w)
{
	return w > 0 ? COLOR_COOP : w < 0 ? COLOR_CONFLICT : COLOR_NEUTRAL;
}

/* "Tariff ×2 · Threat" and a date range, for an edge's or a hub's events (s). */
static void edge_label(gp_sbuf *b, const gp_graph *g, const gp__ev_summary *s)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	const gp_type_count *tc = s->types;
	char n[32];
	for (uint32_t i = 0; i < s->n_types; i++) {
		if (i) {
			gp__sb_puts(b, i % 2 ? " · " : "\\n");
		}
		label_escape(b, gp_dataset_type(ds, tc[i].type)->label);
		if (tc[i].count > 1) {
			snprintf(n, sizeof(n), " ×%u", tc[i].count);
			gp__sb_puts(b, n);
		}
	}
	/*
	 * The first and last dates at the precision each is known; the last
	 * without its year when it is the first's ("2025-05-16 – 07-23"). An
	 * open start alone ("…") tells nothing on a picture and is left out.
	 */
	char first[48], last[48];
	const gp_edge *e = s->edge;
	if (e) {
		gp__time_format_qualified(e->first, e->first_prec, e->first_qual, first,
					  sizeof(first));
		gp__time_format_qualified(e->last, e->last_prec, e->last_qual, last, sizeof(last));
	} else {
		gp__time_format_qualified(s->first->start, s->first->prec, s->first->qual, first,
					  sizeof(first));
		gp__time_format_qualified(s->last->start, s->last->prec, s->last->qual, last,
					  sizeof(last));
	}
	if (strcmp(first, "…") == 0 && strcmp(last, "…") == 0) {
		return;
	}
	gp__sb_puts(b, "\\n");
	gp__sb_puts(b, first);
	if (strcmp(first, last) != 0) {
		/* Past an approximate date's "~", which the shortened last keeps ("~2025-05 – ~07"). */
		size_t fa = first[0] == '~', la = last[0] == '~';
		const char *f = first + fa, *l = last + la;
		int same_year = strlen(f) >= 5 && strlen(l) > 5 && f[4] == '-' && l[4] == '-' &&
				memcmp(f, l, 5) == 0 && strspn(f, "0123456789") == 4;
		gp__sb_puts(b, " – ");
		gp__sb_puts(b, la ? "~" : "");
		gp__sb_puts(b, l + (same_year ? 5 : 0));
	}
}

/* Events a tooltip lists at most: a browser shows a tooltip whole, on one screen. */
#define TOOLTIP_EVENTS 12

/*
 * An event's sources in words, as the viewer lists them: a citation's title
 * (publisher, date), else its id or the URL. An ICEWS publisher, its own
 * title, is not said twice.
 */
static void tooltip_sources(gp_sbuf *b, gp_sbuf *tmp, const gp_graph *g, const gp_evref *r)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	const char *s;
	for (size_t k = 0; (s = gp__evref_source(g, r, k)); k++) {
		gp__source_ref ref = gp__timeline_source(ds, s);
		if (ref.publisher && strcmp(ref.publisher, ref.label) == 0 && !ref.published) {
			ref.publisher = NULL;
		}
		tmp->n = 0;
		gp__sb_puts(tmp, ref.label);
		gp__timeline_source_detail(tmp, &ref);
		gp__sb_puts(b, k ? "; " : "\n      ");
		label_escape(b, gp__sb_str(tmp));
		b->oom |= tmp->oom;
	}
}

/*
 * Events refs[0..n) in a tooltip, of count in all: each with its date as
 * the text timeline writes it, qualifiers and all ("~2012", "2023-01-27?",
 * "2024? → ongoing"), its title, and its sources (docs/sources.md).
 */
static void tooltip_events(gp_sbuf *b, gp_sbuf *tmp, const gp_graph *g, const gp_evref *const *refs,
			   size_t n, uint32_t count)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	char date[96], idbuf[48];
	for (size_t k = 0; k < n && k < TOOLTIP_EVENTS; k++) {
		const gp_evref *r = refs[k];
		const gp_event *x =
			r->kind == GP_EVREF_DATASET ? gp_dataset_event(ds, (gp_index)r->id) : NULL;
		if (x) {
			gp_date_format_human(gp_event_date(x), date, sizeof(date));
		} else {
			gp__time_format_qualified(r->start, r->prec, r->qual, date, sizeof(date));
		}
		gp__sb_puts(b, "\n");
		label_escape(b, date);
		gp__sb_puts(b, "  ");
		label_escape(b, x ? gp_event_title(x) : gp__evref_id(g, r, idbuf, sizeof(idbuf)));
		tooltip_sources(b, tmp, g, r);
	}
	if (count > n || n > TOOLTIP_EVENTS) {
		size_t shown = n < TOOLTIP_EVENTS ? n : TOOLTIP_EVENTS;
		gp__sb_printf(b, "\n… and %zu more", (size_t)count - shown);
	}
}

/*
 * An edge's tooltip: its ends and count, then its events refs[0..n) of
 * count; in_hubs more are drawn by hubs.
 */
static void edge_tooltip(gp_sbuf *b, gp_sbuf *tmp, const gp_graph *g, const gp_edge *e,
			 const gp_evref *const *refs, size_t n, uint32_t count, uint32_t in_hubs)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	label_escape(b, gp_dataset_actor(ds, gp_graph_node(g, e->source)->actor)->name);
	gp__sb_puts(b, e->directed ? " → " : " ↔ ");
	label_escape(b, gp_dataset_actor(ds, gp_graph_node(g, e->target)->actor)->name);
	gp__sb_printf(b, ": %u event%s", count, count == 1 ? "" : "s");
	tooltip_events(b, tmp, g, refs, n, count);
	if (in_hubs) {
		gp__sb_printf(b, "\n(and %u with more participants, drawn as hubs)", in_hubs);
	}
}

/*
 * A URL for Graphviz: its SVG writer (2.42, 2.43) copies a URL into
 * xlink:href without escaping a bare '&' (an ill-formed SVG), but keeps an
 * entity: '&' goes as "&amp;". '<', '>' and '"', which no URL holds
 * unencoded, are percent-encoded; '\' doubled (an escString).
 */
static void url_escape(gp_sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': gp__sb_puts(b, "&amp;"); break;
		case '<': gp__sb_puts(b, "%3C"); break;
		case '>': gp__sb_puts(b, "%3E"); break;
		case '"': gp__sb_puts(b, "%22"); break;
		case '\\': gp__sb_puts(b, "\\\\"); break;
		default: gp__sb_add(b, s, 1);
		}
	}
}

/* Where a click goes: the first source of refs[0..n) that has a web address, or NULL. */
static const char *edge_url(const gp_graph *g, const gp_evref *const *refs, size_t n)
{
	const char *s, *url;
	for (size_t k = 0; k < n; k++) {
		for (size_t j = 0; (s = gp__evref_source(g, refs[k], j)); j++) {
			url = gp__timeline_source(gp_graph_dataset(g), s).url;
			if (gp__timeline_web_url(url)) {
				return url;
			}
		}
	}
	return NULL;
}

/*
 * How firm events are (docs/claims.md): dotted when all are planned, dashed
 * when none is confirmed or reported (claims, denials and plans only), else
 * solid.
 */
#define EDGE_SOLID GP_EDGE_SOLID
#define EDGE_DASHED GP_EDGE_DASHED
#define EDGE_DOTTED GP_EDGE_DOTTED
static const char *const edge_styles[] = { NULL, "dashed", "dotted" };

static int firmness(const gp__ev_summary *s)
{
	return s->planned == s->count ? EDGE_DOTTED : s->firm == 0 ? EDGE_DASHED : EDGE_SOLID;
}

/* What a picture shows: see gp_dot_options. */
typedef struct {
	const char *layout;
	int clusters, labels;
	int picture; /* rendered (legend and keys under it), not DOT */
	uint8_t *edge_kept, *node_kept;
	size_t kept_edges, kept_nodes;
	gp__hub_plan hubs;
	uint32_t max_count; /* the most events a drawn line stands for */
	gp__picture_key key;
	gp_sbuf hub_key;
	char prefix[64];
} plan;

#define MAX_DOT_NODES 60
#define MAX_DOT_EDGES 30

static _Thread_local const gp_graph *plan_graph; /* qsort has no context argument */

static int cmp_strength(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t ca = gp_graph_edge(plan_graph, a)->count, cb = gp_graph_edge(plan_graph, b)->count;
	return ca != cb ? (ca > cb ? -1 : 1) : (a > b) - (a < b);
}

/* The layout, clusters and labels, by the size of what is drawn. */
static void plan_layout(plan *p, const gp_graph *gg, const gp_dot_options *o)
{
	/* Lines drawn: edges with events of their own, and the hubs' spokes. */
	size_t lines = 0;
	for (size_t i = 0; i < gp_graph_edge_count(gg); i++) {
		lines += p->edge_kept[i] && p->hubs.edge_rest[i] > 0;
		uint32_t c = p->hubs.edge_rest[i];
		p->max_count = p->edge_kept[i] && c > p->max_count ? c : p->max_count;
	}
	for (size_t h = 0; h < p->hubs.n_hubs; h++) {
		lines += p->hubs.hubs[h].n_nodes;
		uint32_t c = p->hubs.hubs[h].n_events;
		p->max_count = c > p->max_count ? c : p->max_count;
	}
	/*
	 * Small graphs read best ranked, with country clusters (dot); past a few
	 * dozen edges dot's long curves tangle, and a network layout reads better
	 * (neato; fdp would keep the clusters but lays out differently on every
	 * run, which geopol's output must not); big graphs take sfdp.
	 */
	p->layout = o->layout                       ? o->layout
		    : p->kept_nodes > MAX_DOT_NODES ? "sfdp"
		    : lines > MAX_DOT_EDGES         ? "neato"
						    : "dot";
	p->clusters = o->clusters && gp_graph_level(gg) == GP_LEVEL_ACTOR &&
		      (strcmp(p->layout, "dot") == 0 || strcmp(p->layout, "fdp") == 0);
	p->labels = o->edge_labels >= 0 ? o->edge_labels : lines <= MAX_LABELLED_EDGES;
}

int gp__graph_strongest(const gp_graph *gg, size_t top, uint8_t *edge_kept, uint8_t *node_kept)
{
	size_t nn = gp_graph_node_count(gg), ne = gp_graph_edge_count(gg);
	memset(edge_kept, 0, ne);
	memset(node_kept, 0, nn);
	uint32_t *order = malloc((ne ? ne : 1) * sizeof(*order));
	if (!order) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < ne; i++) {
		order[i] = (uint32_t)i;
	}
	if (ne > top) {
		plan_graph = gg;
		qsort(order, ne, sizeof(*order), cmp_strength);
		plan_graph = NULL;
	}
	size_t kept = 0;
	for (size_t i = 0; i < ne && i < top; i++) {
		const gp_edge *e = gp_graph_edge(gg, order[i]);
		edge_kept[order[i]] = 1;
		node_kept[e->source] = node_kept[e->target] = 1;
		kept++;
	}
	free(order);
	for (size_t i = 0; i < nn; i++) {
		/* All nodes while every edge is kept; else those the kept edges join. */
		node_kept[i] |= kept == ne;
	}
	return GP_OK;
}

static int make_plan(plan *p, const gp_graph *gg, const gp_dot_options *o)
{
	size_t nn = gp_graph_node_count(gg), ne = gp_graph_edge_count(gg);
	p->edge_kept = malloc(ne ? ne : 1);
	p->node_kept = malloc(nn ? nn : 1);
	if (!p->edge_kept || !p->node_kept ||
	    gp__graph_strongest(gg, o->top_edges ? o->top_edges : GP_AUTO_TOP_EDGES, p->edge_kept,
				p->node_kept) != GP_OK) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < ne; i++) {
		p->kept_edges += p->edge_kept[i];
	}
	for (size_t i = 0; i < nn; i++) {
		p->kept_nodes += p->node_kept[i];
	}
	if (gp__hubs_plan(&p->hubs, gg, p->edge_kept, o->hubs) != GP_OK) {
		return GP_ENOMEM;
	}
	plan_layout(p, gg, o);
	return GP_OK;
}

static void free_plan(plan *p)
{
	free(p->edge_kept);
	free(p->node_kept);
	gp__hubs_free(&p->hubs);
	free(p->hub_key.s);
}

/* The graph's attributes: defaults first, then the layout's settings. */
static void set_graph_attributes(Agraph_t *g, const plan *p)
{
	/* Defaults first: a label default of "" would blank every unlabelled node. */
	agattr(g, AGNODE, "label", "\\N");
	agattr(g, AGNODE, "shape", "ellipse");
	agattr(g, AGNODE, "style", "filled");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGNODE, "fontsize", "12");
	agattr(g, AGNODE, "fillcolor", "#ffffff");
	agattr(g, AGNODE, "color", "#444444");
	agattr(g, AGEDGE, "fontname", "Helvetica");
	agattr(g, AGEDGE, "fontsize", "9");
	agattr(g, AGEDGE, "label", "");
	agattr(g, AGEDGE, "dir", "forward");
	agattr(g, AGRAPH, "fontname", "Helvetica");
	set(g, "rankdir", "LR");
	set(g, "nodesep", "0.35");
	set(g, "ranksep", "0.9");
	set(g, "bgcolor", "white");
	set(g, "pad", "0.3");
	set(g, "layout", p->layout); /* so that Graphviz's tools draw the DOT the same way */
	/* Force-directed layouts start from random positions: a fixed seed keeps output identical. */
	set(g, "start", "1");
	/*
	 * Curves routed around the nodes they do not join (dot does so itself;
	 * neato and sfdp need room between nodes for it: sep).
	 */
	set(g, "splines", "true");
	if (strcmp(p->layout, "dot") != 0) {
		/* Force-directed: no overlapping nodes; room for labels on medium graphs. */
		set(g, "overlap", "prism");
		set(g, "sep", p->labels ? "+30" : "+12");
		set(g, "esep", p->labels ? "+8" : "+4");
	}
	set(g, "outputorder", "edgesfirst");
	/*
	 * newrank: without it, edge labels together with clusters make dot
	 * (Graphviz 2.42) free memory twice in gvFreeLayout, a long-standing
	 * dot bug; the global ranking avoids that code path.
	 */
	set(g, "newrank", "true");
}

/*
 * The title: the data set's and what the picture leaves out. DOT, which
 * has no room under the picture, adds the legend and the hubs' key.
 * GP_ENOMEM or GP_OK.
 */
static int set_title(Agraph_t *g, const gp_graph *gg, const plan *p, gp_sbuf *b)
{
	const char *title = gp_dataset_title(gp_graph_dataset(gg));
	size_t ne = gp_graph_edge_count(gg);
	b->n = 0;
	label_escape(b, title ? title : "");
	if (p->kept_edges < ne) {
		/* Say what the picture leaves out. */
		gp__sb_printf(
			b, "%s(showing the %zu strongest of %zu relations; the JSON has them all)",
			title ? "\\n" : "", p->kept_edges, ne);
	}
	if (!p->picture && ne > 0) {
		unsigned used = p->key.styles;
		gp__sb_puts(b, b->n ? "\\n" : "");
		gp__sb_puts(
			b,
			"green: cooperation · red: conflict · grey: neutral · thicker: more events");
		gp__sb_puts(b, used & 1u << EDGE_DASHED
				       ? " · dashed: only claimed, denied or planned"
				       : "");
		gp__sb_puts(b, used & 1u << EDGE_DOTTED ? " · dotted: only planned" : "");
		if (p->hub_key.n) {
			gp__sb_puts(b, "\\n● events of 3 or more participants:\\l");
			gp__sb_puts(b, p->hub_key.s);
		}
	}
	if (b->oom || p->hub_key.oom) {
		return GP_ENOMEM;
	}
	if (b->n) {
		set(g, "label", b->s);
		set(g, "labelloc", "t");
		set(g, "fontsize", p->picture ? "18" : "14");
	}
	return GP_OK;
}

/* One cluster per country, named by its id, labelled by its name. NULL on ENOMEM. */
static Agraph_t *country_cluster(Agraph_t *g, const gp_actor *c, gp_sbuf *b)
{
	Agraph_t *home;
	b->n = 0;
	gp__sb_puts(b, "cluster_");
	gp__sb_puts(b, c->id);
	if (b->oom || !(home = agsubg(g, b->s, 1))) {
		return NULL;
	}
	b->n = 0;
	label_escape(b, c->name);
	set(home, "label", b->oom ? "" : b->s);
	set(home, "style", "rounded,filled");
	set(home, "fillcolor", "#f4f7fb");
	set(home, "color", "#9fb4cc");
	set(home, "fontsize", "11");
	set(home, "fontcolor", "#4a5d73");
	return home;
}

/* The drawn nodes, shaped by kind; the kinds in use marked for the legend. */
/*
 * Does node i share its country with another drawn node? A country's
 * cluster around the country alone says its name twice.
 */
static int shares_country(const gp_graph *gg, const plan *p, size_t i)
{
	gp_index c = gp_graph_node(gg, i)->country;
	for (size_t k = 0; c != GP_NONE && k < gp_graph_node_count(gg); k++) {
		if (k != i && p->node_kept[k] && gp_graph_node(gg, k)->country == c) {
			return 1;
		}
	}
	return 0;
}

static int add_nodes(Agraph_t *g, const gp_graph *gg, plan *p, Agnode_t **nodes, gp_sbuf *b)
{
	const gp_dataset *ds = gp_graph_dataset(gg);
	for (size_t i = 0; i < gp_graph_node_count(gg); i++) {
		const gp_node *nd = gp_graph_node(gg, i);
		if (!p->node_kept[i]) {
			continue;
		}
		const gp_actor *a = gp_dataset_actor(ds, nd->actor);
		Agraph_t *home = g;
		if (p->clusters && shares_country(gg, p, i) &&
		    !(home = country_cluster(g, gp_dataset_actor(ds, nd->country), b))) {
			return GP_ENOMEM;
		}
		if (!(nodes[i] = agnode(home, (char *)a->id, 1))) {
			return GP_ENOMEM;
		}
		b->n = 0;
		label_escape(b, a->name);
		set(nodes[i], "label", b->oom ? "" : b->s);
		if (a->role) {
			b->n = 0;
			label_escape(b, a->name);
			gp__sb_puts(b, ", ");
			label_escape(b, a->role);
			set(nodes[i], "tooltip", b->oom ? "" : b->s);
		}
		int k = a->kind >= 0 && a->kind < GP_KIND_COUNT ? a->kind : GP_KIND_GROUP;
		p->key.kinds_used[k] = 1;
		set(nodes[i], "shape", kind_shape[k]);
		set(nodes[i], "fillcolor", kind_fill[k]);
		if (k == GP_KIND_COUNTRY) {
			set(nodes[i], "style", "rounded,filled,bold");
		}
	}
	return GP_OK;
}

/* Pen width by the events a line stands for, from 1.2 to 6. */
static void set_penwidth(void *obj, uint32_t count, uint32_t max_count)
{
	char num[32];
	gp__snprintf_c(num, sizeof(num), "%.2f",
		       1.2 + 4.8 * (max_count > 1 && count > 1
					    ? log((double)count) / log((double)max_count)
					    : 0));
	set(obj, "penwidth", num);
}

/* An edge or a hub's spoke: colour, style, tooltip and link from its events' summary. */
static void style_line(Agedge_t *ed, plan *p, const gp__ev_summary *s, const char *tooltip,
		       const char *url, gp_sbuf *b)
{
	double w = (double)s->weight_micro;
	set(ed, "color", edge_color(w));
	set(ed, "fontcolor", edge_color(w));
	set_penwidth(ed, s->count, p->max_count);
	int firm = firmness(s);
	p->key.styles |= 1u << firm;
	if (edge_styles[firm]) {
		set(ed, "style", edge_styles[firm]);
	}
	/*
	 * SVG: the tooltip, and a click on the edge or its label opens its
	 * first source (URL applies to both; Graphviz draws them as links).
	 */
	set(ed, "tooltip", tooltip);
	set(ed, "labeltooltip", tooltip); /* else the label's text */
	if (url) {
		b->n = 0;
		url_escape(b, url);
		set(ed, "URL", b->oom ? "" : b->s);
		set(ed, "target", "_blank");
	}
}

/* Edge i, drawn with its events that no hub draws. */
static int add_edge(Agraph_t *g, const gp_graph *gg, plan *p, Agnode_t **nodes, size_t i,
		    gp_sbuf *b, gp_sbuf *tmp)
{
	const gp_edge *e = gp_graph_edge(gg, i);
	const gp_evref *ev = gp__edge_events(gg, e);
	uint32_t rest = p->hubs.edge_rest[i];
	const gp_evref **refs = malloc((e->n_events ? e->n_events : 1) * sizeof(*refs));
	gp__ev_summary s;
	char key[32];
	size_t n = 0;
	if (!refs) {
		return GP_ENOMEM;
	}
	for (uint32_t k = 0; k < e->n_events; k++) {
		if (!gp__hubs_has(&p->hubs, &ev[k])) {
			refs[n++] = &ev[k];
		}
	}
	snprintf(key, sizeof(key), "e%zu", i);
	Agedge_t *ed = agedge(g, nodes[e->source], nodes[e->target], key, 1);
	if (!ed || (rest < e->count ? gp__summary_refs(&s, gg, refs, n)
				    : (gp__summary_edge(&s, gg, e), GP_OK)) != GP_OK) {
		free(refs);
		return GP_ENOMEM;
	}
	if (!e->directed) {
		set(ed, "dir", "none");
	}
	if (p->labels) {
		b->n = 0;
		edge_label(b, gg, &s);
		set(ed, "label", b->oom ? "" : b->s);
	}
	b->n = 0;
	edge_tooltip(b, tmp, gg, e, refs, n, rest, e->count - rest);
	style_line(ed, p, &s, b->oom ? "" : b->s, edge_url(gg, refs, n), tmp);
	gp__summary_free(&s);
	free(refs);
	return GP_OK;
}

/* The drawn edges that keep events of their own: coloured by sign, pen width by count. */
static int add_edges(Agraph_t *g, const gp_graph *gg, plan *p, Agnode_t **nodes, gp_sbuf *b)
{
	gp_sbuf tmp = { 0 }; /* a source in words */
	int rc = GP_OK;
	for (size_t i = 0; rc == GP_OK && i < gp_graph_edge_count(gg); i++) {
		if (p->edge_kept[i] && p->hubs.edge_rest[i] > 0) {
			rc = add_edge(g, gg, p, nodes, i, b, &tmp);
		}
	}
	free(tmp.s);
	return rc;
}

/*
 * Hub number h + 1: a small circle, numbered, joined to each participant;
 * its events' types and dates go to the key under the picture (p->hub_key).
 */
static int add_hub(Agraph_t *g, const gp_graph *gg, plan *p, Agnode_t **nodes, size_t h, gp_sbuf *b,
		   gp_sbuf *tmp)
{
	const gp_dataset *ds = gp_graph_dataset(gg);
	const gp__hub *hub = &p->hubs.hubs[h];
	gp__ev_summary s;
	char name[96], num[24];
	snprintf(name, sizeof(name), "%s_hub_%zu", p->key.prefix, h + 1);
	snprintf(num, sizeof(num), "%zu", h + 1);
	Agnode_t *n = agnode(g, name, 1);
	if (!n || gp__summary_refs(&s, gg, hub->events, hub->n_events) != GP_OK) {
		return GP_ENOMEM;
	}
	/* The key's line: "1  Talks ×4 · Agreement, 2013-11-24 – 2021-11-29 (8 participants)". */
	b->n = 0;
	edge_label(b, gg, &s);
	gp__sb_printf(&p->hub_key, "%s  ", num);
	gp__dot_one_line(&p->hub_key, b->oom ? "" : b->s);
	gp__sb_printf(&p->hub_key, " (%u participants)\\l", hub->n_nodes);
	/* Its tooltip: the participants, then the events. */
	b->n = 0;
	for (uint32_t k = 0; k < hub->n_nodes; k++) {
		gp__sb_puts(b, k ? ", " : "");
		label_escape(b,
			     gp_dataset_actor(ds, gp_graph_node(gg, hub->nodes[k])->actor)->name);
	}
	gp__sb_printf(b, ": %u event%s", hub->n_events, hub->n_events == 1 ? "" : "s");
	tooltip_events(b, tmp, gg, hub->events, hub->n_events, hub->n_events);
	const char *tip = b->oom ? "" : b->s;
	double w = (double)s.weight_micro;
	set(n, "shape", "circle");
	set(n, "fixedsize", "true");
	set(n, "width", "0.3");
	set(n, "label", num);
	set(n, "fontsize", "10");
	set(n, "fillcolor", w > 0 ? "#d9f0d3" : w < 0 ? "#fddbc7" : "#eeeeee");
	set(n, "color", edge_color(w));
	set(n, "tooltip", tip);
	const char *url = edge_url(gg, hub->events, hub->n_events);
	for (uint32_t k = 0; k < hub->n_nodes; k++) {
		snprintf(name, sizeof(name), "h%zu_%u", h + 1, k);
		Agedge_t *ed = agedge(g, n, nodes[hub->nodes[k]], name, 1);
		if (!ed) {
			gp__summary_free(&s);
			return GP_ENOMEM;
		}
		set(ed, "dir", "none");
		style_line(ed, p, &s, tip, url, tmp);
	}
	p->key.n_hubs = h + 1;
	gp__summary_free(&s);
	return GP_OK;
}

static int add_hubs(Agraph_t *g, const gp_graph *gg, plan *p, Agnode_t **nodes, gp_sbuf *b)
{
	gp_sbuf tmp = { 0 };
	int rc = GP_OK;
	for (size_t h = 0; rc == GP_OK && h < p->hubs.n_hubs; h++) {
		rc = add_hub(g, gg, p, nodes, h, b, &tmp);
	}
	free(tmp.s);
	return rc;
}

/*
 * Node names are actor ids, clusters are named cluster_<country id>: the
 * names of our own nodes (legend, hubs) take a prefix ("legend",
 * "legend_", ...) that no id in the graph starts with.
 */
static void legend_prefix(const gp_graph *gg, char prefix[64])
{
	const gp_dataset *ds = gp_graph_dataset(gg);
	size_t nn = gp_graph_node_count(gg);
	strcpy(prefix, "legend");
	for (size_t i = 0; i < 2 * nn; i++) {
		const gp_node *nd = gp_graph_node(gg, i / 2);
		gp_index a = i % 2 ? nd->country : nd->actor; /* node names, cluster names */
		const char *id = a == GP_NONE ? "" : gp_dataset_actor(ds, a)->id;
		if (strncmp(id, prefix, strlen(prefix)) == 0 && strlen(prefix) < 63) {
			strcat(prefix, "_");
			i = (size_t)-1; /* check every name again */
		}
	}
}

/* A graph with no node: say so in the picture, rather than draw nothing. */
static int add_empty(Agraph_t *g, const char *prefix)
{
	char name[96];
	snprintf(name, sizeof(name), "%s_empty", prefix);
	Agnode_t *n = agnode(g, name, 1);
	if (!n) {
		return GP_ENOMEM;
	}
	set(n, "label", "No events match the selection");
	set(n, "shape", "box");
	set(n, "style", "rounded,dashed");
	set(n, "color", "#999999");
	set(n, "fontcolor", "#555555");
	set(n, "fontsize", "16");
	set(n, "margin", "0.3,0.2");
	return GP_OK;
}

/* Build the cgraph graph (p made, its picture flag set); caller close_graph()s it. */
static int build(Agraph_t **out, const gp_graph *gg, const gp_dot_options *o, plan *p)
{
	size_t nn = gp_graph_node_count(gg);
	Agnode_t **nodes = calloc(nn ? nn : 1, sizeof(*nodes));
	Agraph_t *g = gp__dot_open("geopol");
	gp_sbuf b = { 0 };
	int rc = GP_ENOMEM;
	*out = NULL;
	if (!g || !gp__dot_ids_ok(g) || !nodes || make_plan(p, gg, o) != GP_OK) {
		goto fail;
	}
	/* The sources of the edges drawn, if the graph left them in its files. */
	if ((rc = gp__graph_read_sources(gg, p->edge_kept, 0, SIZE_MAX, NULL)) != GP_OK) {
		goto fail;
	}
	rc = GP_ENOMEM;
	legend_prefix(gg, p->prefix);
	p->key.prefix = p->prefix;
	set_graph_attributes(g, p);
	if (add_nodes(g, gg, p, nodes, &b) != GP_OK || add_edges(g, gg, p, nodes, &b) != GP_OK ||
	    add_hubs(g, gg, p, nodes, &b) != GP_OK || (nn == 0 && add_empty(g, p->prefix)) ||
	    set_title(g, gg, p, &b) != GP_OK || b.oom || !gp__dot_ids_ok(g)) {
		goto fail;
	}
	p->key.hub_key = p->hub_key.n ? p->hub_key.s : NULL;
	rc = GP_OK;
	*out = g;
	g = NULL;
fail:
	if (g) {
		close_graph(g);
	}
	free(nodes);
	free(b.s);
	return rc;
}

static int write_dot(FILE *fp, const gp_graph *gg, const gp_dot_options *opts)
{
	gp_dot_options def = GP_DOT_OPTIONS_INIT;
	Agraph_t *g;
	plan p = { 0 };
	int rc = build(&g, gg, opts ? opts : &def, &p);
	if (rc == GP_OK) {
		rc = agwrite(g, fp) == 0 && !ferror(fp) ? GP_OK : GP_EIO;
		close_graph(g);
	}
	free_plan(&p);
	return rc;
}

static int render(FILE *fp, const gp_graph *gg, const char *format, const gp_dot_options *opts)
{
	gp_dot_options def = GP_DOT_OPTIONS_INIT;
	Agraph_t *g;
	plan p = { 0 };
	p.picture = 1;
	/* Keep Graphviz quiet: the caller reports failures. */
	agseterr(AGMAX);
	int rc = build(&g, gg, opts ? opts : &def, &p);
	if (rc == GP_OK) {
		rc = gp__dot_render_keyed(fp, g, p.layout, format, &p.key);
		close_graph(g);
	}
	free_plan(&p);
	return rc;
}

/*
 * Graphviz formats coordinates and pen widths with the C library's printf,
 * which follows the locale: both entry points run in the "C" locale, for
 * this thread and this call only (internal.h).
 */
int gp_graph_write_dot(FILE *fp, const gp_graph *gg, const gp_dot_options *opts)
{
	locale_t old = uselocale(gp__c_locale());
	int rc = write_dot(fp, gg, opts);
	uselocale(old);
	return rc;
}

int gp_graph_render(FILE *fp, const gp_graph *gg, const char *format, const gp_dot_options *opts)
{
	locale_t old = uselocale(gp__c_locale());
	int rc = render(fp, gg, format, opts);
	uselocale(old);
	return rc;
}
