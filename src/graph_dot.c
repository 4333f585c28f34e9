/*
 * graph_dot.c - the graph as Graphviz DOT through cgraph, and rendered
 * in-process with libgvc. The only file that includes cgraph.h / gvc.h.
 *
 * cgraph quotes and escapes '"' itself but passes '\' through, and DOT gives
 * '\n', '\N', '\G' ... meanings inside labels: user text is escaped here
 * before it reaches agsafeset (label_escape). HTML-like labels (the legend)
 * escape & < > " instead.
 */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geopol/graph.h"
#include "internal.h"

/* User text into a plain DOT label: '\' doubled, line breaks as "\n". */
static void label_escape(gp_sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\') {
			gp__sb_puts(b, "\\\\");
		} else if (*s == '\n') {
			gp__sb_puts(b, "\\n");
		} else if (*s != '\r') {
			gp__sb_add(b, s, 1);
		}
	}
}

/*
 * Object IDs in creation order. cgraph's default discipline makes a named
 * object's ID the address of its interned name, and agwrite lists
 * subgraphs in ID order: the DOT would then change with the allocator. Here
 * a name's ID is 2 * (its rank among names, in order of first use + 1): even,
 * as cgraph expects of named objects; anonymous objects take odd numbers.
 * Names are cgraph's own refcounted strings (agstrdup/agstrfree, balanced as
 * in the default discipline): agwrite reads their header to tell HTML
 * strings apart. The ranks are keyed by our own copy of each name.
 */
typedef struct {
	Agraph_t *g;
	gp_arena arena;
	gp_strmap map;             /* name -> rank */
	GP_VEC(char *) names;      /* rank -> cgraph string, while we hold references */
	GP_VEC(uint32_t) refs;     /* rank -> references we hold (agstrdup calls) */
	IDTYPE anon;
} id_state;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	id_state *st = calloc(1, sizeof(*st));
	if (st) {
		st->g = g;
		gp__arena_init(&st->arena);
		st->anon = 1;
	}
	return st;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	id_state *st = state;
	(void)objtype;
	if (!str) {
		*id = st->anon;
		st->anon += 2;
		return 1;
	}
	size_t len = strlen(str);
	uint32_t rank = gp__strmap_get(&st->map, str, len);
	if (!createflag) {
		if (rank == GP_NONE || !st->names.v[rank]) {
			return 0;
		}
	} else {
		if (rank == GP_NONE) {
			char *key = gp__arena_strndup(&st->arena, str, len);
			rank = (uint32_t)st->names.n;
			if (!key || GP_VEC_PUSH(st->names, NULL) || GP_VEC_PUSH(st->refs, 0) ||
			    gp__strmap_put(&st->map, key, len, rank)) {
				return 0;
			}
		}
		/* One reference per object created, released in id_free. */
		st->names.v[rank] = agstrdup(st->g, str);
		st->refs.v[rank]++;
	}
	*id = ((IDTYPE)rank + 1) * 2;
	return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state, (void)objtype, (void)id;
	return 0; /* no explicit IDs, as in cgraph's own discipline */
}

static void id_free(void *state, int objtype, IDTYPE id)
{
	id_state *st = state;
	(void)objtype;
	size_t rank = id / 2 - 1;
	if (id % 2 == 0 && rank < st->names.n && st->refs.v[rank] > 0) {
		agstrfree(st->g, st->names.v[rank]);
		if (--st->refs.v[rank] == 0) {
			st->names.v[rank] = NULL; /* ours no more; cgraph may have freed it */
		}
	}
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
	id_state *st = state;
	(void)objtype;
	if (id % 2 == 0 && id / 2 - 1 < st->names.n) {
		return st->names.v[id / 2 - 1];
	}
	return NULL;
}

static void id_close(void *state)
{
	id_state *st = state;
	if (st) {
		gp__arena_release(&st->arena);
		gp__strmap_release(&st->map);
		GP_VEC_FREE(st->names);
		GP_VEC_FREE(st->refs);
		free(st);
	}
}

static void id_register(void *state, int objtype, void *obj)
{
	(void)state, (void)objtype, (void)obj;
}

static Agiddisc_t ordered_ids = { id_open, id_map, id_alloc, id_free, id_print, id_close, id_register };
static Agdisc_t ordered_disc = { &AgMemDisc, &ordered_ids, &AgIoDisc };

/*
 * agclose, after deleting the nodes named with a leading '%': cgraph takes
 * such names for its own local names and keeps them in an internal map
 * whose entries only agdelnode frees (agclose leaks them).
 */
static void close_graph(Agraph_t *g)
{
	for (Agnode_t *n = agfstnode(g), *next; n; n = next) {
		next = agnxtnode(g, n);
		if (agnameof(n)[0] == '%') {
			agdelnode(g, n);
		}
	}
	agclose(g);
}

/* cgraph 2.42 takes char *; the strings are only read. */
static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

static const char *const kind_shape[GP_KIND_COUNT] = {
	"box",       /* country */
	"ellipse",   /* person */
	"component", /* agency */
	"folder",    /* organization */
	"hexagon",   /* group */
	"octagon",   /* international */
};
static const char *const kind_fill[GP_KIND_COUNT] = {
	"#dbe9f6", "#fde7d4", "#e6e6e6", "#e3f2e1", "#f8dde8", "#fff4c2",
};

#define COLOR_COOP "#1a9850"
#define COLOR_CONFLICT "#d73027"
#define COLOR_NEUTRAL "#7f7f7f"

static const char *edge_color(double w)
{
	return w > 0 ? COLOR_COOP : w < 0 ? COLOR_CONFLICT : COLOR_NEUTRAL;
}

/* "Tariff ×2 · Threat" and a date range, for an edge label. */
static void edge_label(gp_sbuf *b, const gp_graph *g, const gp_edge *e)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	const gp_type_count *tc = gp_graph_edge_types(g, e);
	char n[32];
	for (uint32_t i = 0; i < e->n_types; i++) {
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
	gp_time_format_human(e->first, e->first_prec, first, sizeof(first));
	gp_time_format_human(e->last, e->last_prec, last, sizeof(last));
	if (strcmp(first, "…") == 0 && strcmp(last, "…") == 0) {
		return;
	}
	gp__sb_puts(b, "\\n");
	gp__sb_puts(b, first);
	if (strcmp(first, last) != 0) {
		int same_year = strlen(first) >= 5 && strlen(last) > 5 && first[4] == '-' &&
				last[4] == '-' && memcmp(first, last, 5) == 0 &&
				strspn(first, "0123456789") == 4;
		gp__sb_puts(b, " – ");
		gp__sb_puts(b, last + (same_year ? 5 : 0));
	}
}

/*
 * The legend: sample edges for cooperation, conflict and symmetric
 * relations, and one sample node per actor kind in use, drawn as they are in
 * the graph. Plain labels only: Graphviz 2.42 leaks HTML-like tables.
 */
static int add_legend(Agraph_t *g, const int *kinds_used, const char *prefix)
{
	static const struct {
		const char *label, *color, *dir;
	} samples[] = {
		{ "cooperation (weight > 0)", COLOR_COOP, "forward" },
		{ "conflict (weight < 0)", COLOR_CONFLICT, "forward" },
		{ "meeting, talks: no arrow", COLOR_NEUTRAL, "none" },
	};
	char name[96];
	snprintf(name, sizeof(name), "cluster_%s", prefix);
	Agraph_t *sub = agsubg(g, name, 1);
	if (!sub) {
		return GP_ENOMEM;
	}
	set(sub, "label", "Legend (thicker: more events)");
	set(sub, "style", "rounded");
	set(sub, "color", "#bbbbbb");
	set(sub, "fontsize", "10");
	set(sub, "fillcolor", "#ffffff");
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		snprintf(name, sizeof(name), "%s_from_%zu", prefix, i);
		Agnode_t *a = agnode(sub, name, 1);
		snprintf(name, sizeof(name), "%s_to_%zu", prefix, i);
		Agnode_t *b = agnode(sub, name, 1);
		Agedge_t *e = a && b ? agedge(sub, a, b, NULL, 1) : NULL;
		if (!e) {
			return GP_ENOMEM;
		}
		set(a, "shape", "point");
		set(a, "width", "0.06");
		set(a, "label", "");
		set(b, "shape", "plaintext");
		set(b, "style", "");
		set(b, "fontsize", "9");
		set(b, "height", "0.2");
		set(b, "label", samples[i].label);
		set(e, "color", samples[i].color);
		set(e, "dir", samples[i].dir);
		set(e, "penwidth", "1.5");
	}
	/*
	 * The kinds in two columns, like the sample edges: an invisible edge from
	 * each left-hand kind puts the next one in the following rank.
	 */
	Agnode_t *left = NULL;
	for (int k = 0; k < GP_KIND_COUNT; k++) {
		if (!kinds_used[k]) {
			continue;
		}
		snprintf(name, sizeof(name), "%s_kind_%d", prefix, k);
		Agnode_t *n = agnode(sub, name, 1);
		Agedge_t *link = n && left ? agedge(sub, left, n, NULL, 1) : NULL;
		if (!n || (left && !link)) {
			return GP_ENOMEM;
		}
		if (link) {
			set(link, "style", "invis");
			left = NULL;
		} else {
			left = n;
		}
		set(n, "label", gp_actor_kind_name(k));
		set(n, "shape", kind_shape[k]);
		set(n, "fillcolor", kind_fill[k]);
		set(n, "fontsize", "8");
		set(n, "height", "0.2");
		set(n, "width", "0.6");
		if (k == GP_KIND_COUNTRY) {
			set(n, "style", "rounded,filled,bold");
		}
	}
	return GP_OK;
}

/* What a picture shows: see gp_dot_options. */
typedef struct {
	const char *layout;
	int clusters, labels;
	uint8_t *edge_kept, *node_kept;
	size_t kept_edges, kept_nodes;
} plan;

#define AUTO_TOP_EDGES 250
#define MAX_LABELLED_EDGES 60
#define MAX_DOT_NODES 60
#define MAX_DOT_EDGES 30

static const gp_graph *plan_graph;

static int cmp_strength(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t ca = gp_graph_edge(plan_graph, a)->count, cb = gp_graph_edge(plan_graph, b)->count;
	return ca != cb ? (ca > cb ? -1 : 1) : (a > b) - (a < b);
}

static int make_plan(plan *p, const gp_graph *gg, const gp_dot_options *o)
{
	size_t nn = gp_graph_node_count(gg), ne = gp_graph_edge_count(gg);
	size_t top = o->top_edges ? o->top_edges : AUTO_TOP_EDGES;
	memset(p, 0, sizeof(*p));
	p->edge_kept = calloc(ne ? ne : 1, 1);
	p->node_kept = calloc(nn ? nn : 1, 1);
	uint32_t *order = malloc((ne ? ne : 1) * sizeof(*order));
	if (!p->edge_kept || !p->node_kept || !order) {
		free(order);
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
	for (size_t i = 0; i < ne && i < top; i++) {
		const gp_edge *e = gp_graph_edge(gg, order[i]);
		p->edge_kept[order[i]] = 1;
		p->node_kept[e->source] = p->node_kept[e->target] = 1;
		p->kept_edges++;
	}
	free(order);
	for (size_t i = 0; i < nn; i++) {
		/* All nodes while every edge is drawn; else those the drawn edges join. */
		p->node_kept[i] |= p->kept_edges == ne;
		p->kept_nodes += p->node_kept[i];
	}
	/*
	 * Small graphs read best ranked, with country clusters (dot); past a few
	 * dozen edges dot's long curves tangle, and a network layout reads better
	 * (neato; fdp would keep the clusters but lays out differently on every
	 * run, which geopol's output must not); big graphs take sfdp.
	 */
	p->layout = o->layout ? o->layout
		    : p->kept_nodes > MAX_DOT_NODES ? "sfdp"
		    : p->kept_edges > MAX_DOT_EDGES ? "neato"
						    : "dot";
	p->clusters = o->clusters && gp_graph_level(gg) == GP_LEVEL_ACTOR &&
		      (strcmp(p->layout, "dot") == 0 || strcmp(p->layout, "fdp") == 0);
	p->labels = o->edge_labels >= 0 ? o->edge_labels : p->kept_edges <= MAX_LABELLED_EDGES;
	return GP_OK;
}

static void free_plan(plan *p)
{
	free(p->edge_kept);
	free(p->node_kept);
}

/* Build the cgraph graph; caller close_graph()s it. */
static int build(Agraph_t **out, const gp_graph *gg, const gp_dot_options *o, const char **layout)
{
	const gp_dataset *ds = gp_graph_dataset(gg);
	size_t nn = gp_graph_node_count(gg), ne = gp_graph_edge_count(gg);
	Agnode_t **nodes = calloc(nn ? nn : 1, sizeof(*nodes));
	Agraph_t *g = agopen("geopol", Agdirected, &ordered_disc);
	gp_sbuf b = { 0 };
	int rc = GP_ENOMEM, kinds_used[GP_KIND_COUNT] = { 0 };
	uint32_t max_count = 1;
	plan p = { NULL, 0, 0, NULL, NULL, 0, 0 };
	*out = NULL;
	if (!g || !nodes || make_plan(&p, gg, o) != GP_OK) {
		goto fail;
	}
	*layout = p.layout;
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
	set(g, "layout", p.layout); /* so that Graphviz's tools draw the DOT the same way */
	/* Force-directed layouts start from random positions: a fixed seed keeps output identical. */
	set(g, "start", "1");
	if (strcmp(p.layout, "dot") == 0) {
		set(g, "splines", "true");
	} else {
		/* Force-directed: no overlapping nodes; room for labels on medium graphs. */
		set(g, "overlap", "prism");
		set(g, "outputorder", "edgesfirst");
		if (p.labels) {
			set(g, "sep", "+30");
			set(g, "esep", "+8");
			set(g, "splines", "true");
		}
	}
	set(g, "outputorder", "edgesfirst");
	/*
	 * newrank: without it, edge labels together with clusters make dot
	 * (Graphviz 2.42) free memory twice in gvFreeLayout, a long-standing
	 * dot bug; the global ranking avoids that code path.
	 */
	set(g, "newrank", "true");
	int legend_box = strcmp(p.layout, "dot") == 0 || strcmp(p.layout, "fdp") == 0;
	if (gp_dataset_title(ds) || p.kept_edges < ne || !legend_box) {
		label_escape(&b, gp_dataset_title(ds) ? gp_dataset_title(ds) : "");
		if (p.kept_edges < ne) {
			/* Say what the picture leaves out. */
			gp__sb_printf(&b, "%s(showing the %zu strongest of %zu relations; the JSON has them all)",
				      gp_dataset_title(ds) ? "\\n" : "", p.kept_edges, ne);
		}
		if (strcmp(p.layout, "dot") != 0 && strcmp(p.layout, "fdp") != 0) {
			/* No legend box outside cluster layouts: a key under the title. */
			gp__sb_puts(&b, "\\ngreen: cooperation · red: conflict · grey: neutral · thicker: more events");
		}
		if (b.oom) {
			goto fail;
		}
		set(g, "label", b.s);
		set(g, "labelloc", "t");
		set(g, "fontsize", "18");
	}
	int clusters = p.clusters;
	for (size_t i = 0; i < nn; i++) {
		const gp_node *nd = gp_graph_node(gg, i);
		if (!p.node_kept[i]) {
			continue;
		}
		const gp_actor *a = gp_dataset_actor(ds, nd->actor);
		Agraph_t *home = g;
		if (clusters && nd->country != GP_NONE) {
			/* One cluster per country, named by its id, labelled by its name. */
			const gp_actor *c = gp_dataset_actor(ds, nd->country);
			b.n = 0;
			gp__sb_puts(&b, "cluster_");
			gp__sb_puts(&b, c->id);
			if (b.oom || !(home = agsubg(g, b.s, 1))) {
				goto fail;
			}
			b.n = 0;
			label_escape(&b, c->name);
			set(home, "label", b.oom ? "" : b.s);
			set(home, "style", "rounded,filled");
			set(home, "fillcolor", "#f4f7fb");
			set(home, "color", "#9fb4cc");
			set(home, "fontsize", "11");
			set(home, "fontcolor", "#4a5d73");
		}
		nodes[i] = agnode(home, (char *)a->id, 1);
		if (!nodes[i]) {
			goto fail;
		}
		b.n = 0;
		label_escape(&b, a->name);
		set(nodes[i], "label", b.oom ? "" : b.s);
		if (a->role) {
			b.n = 0;
			label_escape(&b, a->name);
			gp__sb_puts(&b, ", ");
			label_escape(&b, a->role);
			set(nodes[i], "tooltip", b.oom ? "" : b.s);
		}
		int k = a->kind >= 0 && a->kind < GP_KIND_COUNT ? a->kind : GP_KIND_GROUP;
		kinds_used[k] = 1;
		set(nodes[i], "shape", kind_shape[k]);
		set(nodes[i], "fillcolor", kind_fill[k]);
		if (k == GP_KIND_COUNTRY) {
			set(nodes[i], "style", "rounded,filled,bold");
		}
	}
	for (size_t i = 0; i < ne; i++) {
		uint32_t c = gp_graph_edge(gg, i)->count;
		max_count = c > max_count && p.edge_kept[i] ? c : max_count;
	}
	for (size_t i = 0; i < ne; i++) {
		const gp_edge *e = gp_graph_edge(gg, i);
		char key[32], num[32];
		if (!p.edge_kept[i]) {
			continue;
		}
		snprintf(key, sizeof(key), "e%zu", i);
		Agedge_t *ed = agedge(g, nodes[e->source], nodes[e->target], key, 1);
		if (!ed) {
			goto fail;
		}
		set(ed, "color", edge_color(e->weight));
		set(ed, "fontcolor", edge_color(e->weight));
		/* Pen width grows with the count, from 1.2 to 6. */
		gp__snprintf_c(num, sizeof(num), "%.2f",
			 1.2 + 4.8 * (max_count > 1 ? log((double)e->count) / log((double)max_count) : 0));
		set(ed, "penwidth", num);
		if (!e->directed) {
			set(ed, "dir", "none");
		}
		if (p.labels) {
			b.n = 0;
			edge_label(&b, gg, e);
			set(ed, "label", b.oom ? "" : b.s);
		}
	}
	/*
	 * Node names are actor ids, clusters are named cluster_<country id>: the
	 * legend's names take a prefix that no id in the graph starts with.
	 */
	char prefix[64] = "legend";
	for (size_t i = 0; i < 2 * nn; i++) {
		const gp_node *nd = gp_graph_node(gg, i / 2);
		gp_index a = i % 2 ? nd->country : nd->actor; /* node names, cluster names */
		const char *id = a == GP_NONE ? "" : gp_dataset_actor(ds, a)->id;
		if (strncmp(id, prefix, strlen(prefix)) == 0 && strlen(prefix) < sizeof(prefix) - 1) {
			strcat(prefix, "_");
			i = (size_t)-1; /* check every name again */
		}
	}
	if ((legend_box && (rc = add_legend(g, kinds_used, prefix)) != GP_OK) || b.oom) {
		rc = GP_ENOMEM;
		goto fail;
	}
	free(nodes);
	free(b.s);
	free_plan(&p);
	*out = g;
	return GP_OK;
fail:
	if (g) {
		close_graph(g);
	}
	free(nodes);
	free(b.s);
	free_plan(&p);
	return rc;
}

static int write_dot(FILE *fp, const gp_graph *gg, const gp_dot_options *opts)
{
	gp_dot_options def = GP_DOT_OPTIONS_INIT;
	Agraph_t *g;
	const char *layout;
	int rc = build(&g, gg, opts ? opts : &def, &layout);
	if (rc != GP_OK) {
		return rc;
	}
	rc = agwrite(g, fp) == 0 && !ferror(fp) ? GP_OK : GP_EIO;
	close_graph(g);
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

#define LABEL_GAP 2.0       /* points kept free around a label */
#define CURVE_STEP 4.0      /* points between curve samples */

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
		curve_point cp = { { a.x + (b.x - a.x) * t / n, a.y + (b.y - a.y) * t / n }, r, edge };
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
			int n = len / CURVE_STEP < 1 ? 1 : len / CURVE_STEP > 500 ? 500 : (int)(len / CURVE_STEP);
			for (int t = j ? 1 : 0; t <= n; t++) {
				double u = (double)t / n, v = 1 - u;
				double a = v * v * v, b = 3 * v * v * u, cc = 3 * v * u * u, d = u * u * u;
				curve_point cp = { { a * c[0].x + b * c[1].x + cc * c[2].x + d * c[3].x,
						     a * c[0].y + b * c[1].y + cc * c[2].y + d * c[3].y },
						   r, k };
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
	double lo = bb.LL.x + l->dimen.x / 2 + 2 * LABEL_GAP, hi = bb.UR.x - l->dimen.x / 2 - 2 * LABEL_GAP;
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
	static const double side[8][2] = { { 0, 1 },  { 0, -1 }, { 1, 0 },  { -1, 0 },
					   { 1, 1 },  { -1, 1 }, { 1, -1 }, { -1, -1 } };
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

static int place_labels(Agraph_t *g)
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
		pointf size = { ND_width(n) * 72 - 2 * LABEL_GAP, ND_height(n) * 72 - 2 * LABEL_GAP };
		if (GP_VEC_PUSH(s.fixed, label_box(ND_coord(n), size))) {
			goto done;
		}
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			uint32_t k = (uint32_t)s.edges.n;
			textlabel_t *l = ED_label(e);
			if (GP_VEC_PUSH(s.edges, e) || sample_curve(&s, e, k) != GP_OK ||
			    (l && l->set &&
			     (GP_VEC_PUSH(s.labelled, k) || GP_VEC_PUSH(s.label, label_box(l->pos, l->dimen))))) {
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
	rc = GP_OK;
done:
	GP_VEC_FREE(s.fixed);
	GP_VEC_FREE(s.curve);
	GP_VEC_FREE(s.edges);
	GP_VEC_FREE(s.labelled);
	GP_VEC_FREE(s.label);
	GP_VEC_FREE(s.clusters);
	return rc;
}

/*
 * One Graphviz context for the process, made on first use and kept. After
 * gvFreeContext(), Graphviz 2.42's pango plugin still holds a font it cached
 * in the freed context, and the next context's text sizing reads freed
 * memory (ASan, on the second picture of a process). Graphviz's state is
 * process-wide anyway (geopol.h).
 */
static GVC_t *graphviz_context(void)
{
	static GVC_t *gvc;
	if (!gvc) {
		gvc = gvContext();
	}
	return gvc;
}

static int render(FILE *fp, const gp_graph *gg, const char *format, const gp_dot_options *opts)
{
	gp_dot_options def = GP_DOT_OPTIONS_INIT;
	const gp_dot_options *o = opts ? opts : &def;
	Agraph_t *g;
	const char *layout;
	/* Keep Graphviz quiet: the caller reports failures. */
	agseterr(AGMAX);
	int rc = build(&g, gg, o, &layout);
	if (rc != GP_OK) {
		return rc;
	}
	GVC_t *gvc = graphviz_context();
	if (!gvc) {
		close_graph(g);
		return GP_ENOMEM;
	}
	rc = GP_ERROR;
	if (gvLayout(gvc, g, layout) == 0) {
		/*
		 * Render into memory and write it ourselves: Graphviz 2.42's own
		 * writer calls exit(1) on a write error (a full disk), which would
		 * leave a half-written file and no message.
		 */
		char *data = NULL;
		unsigned int len = 0;
		if ((rc = place_labels(g)) != GP_OK) {
			/* out of memory */
		} else if (gvRenderData(gvc, g, format, &data, &len) == 0 && data) {
			if (strcmp(format, "pdf") == 0) {
				pin_pdf_date(data, len);
			}
			rc = fwrite(data, 1, len, fp) == len && !ferror(fp) ? GP_OK : GP_EIO;
		} else {
			rc = GP_ERROR;
		}
		gvFreeRenderData(data);
		gvFreeLayout(gvc, g);
	}
	close_graph(g);
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
