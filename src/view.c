/*
 * view.c - `geopol view`: one self-contained HTML page (DESIGN §8), the
 * template web/viewer.html with its markers replaced by the viewer's own
 * style and script, the npm libraries (view_assets.h: compiled in at build
 * time) and three JSON blocks written with cJSON:
 *
 *   geopol-graph     the Cytoscape.js JSON of the graph (graph_interchange.c)
 *   geopol-timeline  the vis-timeline items and groups (timeline_formats.c)
 *   geopol-events    what the page links and shows: per event its details
 *                    (type, date as the text timeline writes it, actors,
 *                    summary, sources) and the nodes and edges it lies on;
 *                    per node its aliases (the search box)
 *
 * The JSON goes inside <script type="application/json">: every '<', '>'
 * and '&' is written as its \u escape (gp__json_html_escape), so that no
 * text of the input can close the block or open a comment. The libraries
 * were checked for `</script` when they were embedded (scripts/embed.c).
 */
#include <stdlib.h>
#include <string.h>

#include "geopol/view.h"
#include "dataset_impl.h"
#include "graph_impl.h"
#include "json_util.h"
#include "timeline_impl.h"
#include "view_assets.h"

/* Write JSON text with the escapes that let it stand inside a <script>. */
static void put_json(FILE *fp, const char *s, size_t n)
{
	char esc[8];
	size_t from = 0;
	for (size_t i = 0; i < n;) {
		size_t k = gp__json_html_escape(s + i, esc);
		if (!k) {
			i++;
			continue;
		}
		fwrite(s + from, 1, i - from, fp);
		fputs(esc, fp);
		i += k;
		from = i;
	}
	fwrite(s + from, 1, n - from, fp);
}

/* -------------------------------------------------------- event links */

/* The index of the edge (source, target, directed), or UINT32_MAX (dropped by --min-count). */
static uint32_t find_edge(const gp_graph *g, uint32_t s, uint32_t t, int directed)
{
	size_t lo = 0, hi = gp_graph_edge_count(g);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const gp_edge *e = gp_graph_edge(g, mid);
		int c = e->source != s ? (e->source < s ? -1 : 1)
			: e->target != t
				? (e->target < t ? -1 : 1)
				: (!!e->directed > !!directed) - (!!e->directed < !!directed);
		if (c == 0) {
			return (uint32_t)mid;
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return UINT32_MAX;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The n values of v, sorted and without repeats, as a JSON array; NULL out of memory. */
static cJSON *index_list(uint32_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_u32);
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		if ((i == 0 || v[i] != v[i - 1]) && gp__json_push(a, cJSON_CreateNumber(v[i]))) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* Scratch room for one event's nodes and edges. */
typedef struct {
	uint32_t *node, *edge; /* node of each actor (source, target, participants) */
	size_t cap;
} links;

static int links_room(links *l, size_t actors)
{
	size_t edges = actors * actors;
	if (edges <= l->cap) {
		return GP_OK;
	}
	uint32_t *n = realloc(l->node, edges * sizeof(*n));
	if (n) {
		l->node = n;
	}
	uint32_t *e = n ? realloc(l->edge, edges * sizeof(*e)) : NULL;
	if (!e) {
		return GP_ENOMEM;
	}
	l->edge = e, l->cap = edges;
	return GP_OK;
}

/*
 * The nodes an event takes part in (source, target, participant, mapped to
 * the graph's level at its start) into l->node[0..*nn) and the edges it adds
 * to (DESIGN §4: every source × every target, every pair of participants; no
 * self-loop; not those --min-count dropped) into l->edge[0..*ne), in the
 * graph's indexes. GP_OK or GP_ENOMEM.
 */
static int event_links(links *l, const gp_graph *g, const gp_event *ev, size_t *nn, size_t *ne)
{
	const gp_dataset *ds = gp_graph_dataset(g);
	size_t ns = ev->n_actors[GP_ROLE_SOURCE], nt = ev->n_actors[GP_ROLE_TARGET];
	size_t np = ev->n_actors[GP_ROLE_PARTICIPANT], na = ns + nt + np;
	if (links_room(l, na ? na : 1) != GP_OK) {
		return GP_ENOMEM;
	}
	const gp_index *act = gp_dataset_event_actors(ds, ev, GP_ROLE_SOURCE); /* all three roles */
	size_t n_nodes = 0, n_edges = 0;
	uint32_t *m = l->node;
	for (size_t k = 0; k < na; k++) {
		uint32_t v = gp_graph_find_node(
			g, gp_graph_map_actor(ds, act[k], gp_graph_level(g), ev->date.start));
		m[k] = v;
	}
	for (size_t s = 0; s < ns; s++) {
		for (size_t t = ns; t < ns + nt; t++) {
			if (m[s] != GP_NONE && m[t] != GP_NONE && m[s] != m[t]) {
				l->edge[n_edges++] = find_edge(g, m[s], m[t], 1);
			}
		}
	}
	for (size_t a = ns + nt; a < na; a++) {
		for (size_t b = a + 1; b < na; b++) {
			if (m[a] != GP_NONE && m[b] != GP_NONE && m[a] != m[b]) {
				uint32_t lo = m[a] < m[b] ? m[a] : m[b],
					 hi = m[a] < m[b] ? m[b] : m[a];
				l->edge[n_edges++] = find_edge(g, lo, hi, 0);
			}
		}
	}
	for (size_t k = 0; k < na; k++) {
		m[n_nodes] = m[k];
		n_nodes += m[k] != GP_NONE;
	}
	size_t kept = 0;
	for (size_t k = 0; k < n_edges; k++) {
		l->edge[kept] = l->edge[k];
		kept += l->edge[k] != UINT32_MAX;
	}
	*nn = n_nodes, *ne = kept;
	return GP_OK;
}

/* v[0..n) through at (the page's index, UINT32_MAX: not on it; NULL: the same); the count left. */
static size_t on_page(uint32_t *v, size_t n, const uint32_t *at)
{
	size_t kept = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t x = at ? at[v[k]] : v[k];
		v[kept] = x;
		kept += x != UINT32_MAX;
	}
	return kept;
}

/* The event's nodes and edges on the page, as "nodes" and "edges" index lists on o. */
static int add_links(cJSON *o, links *l, const gp_graph *g, const gp_event *ev,
		     const uint32_t *node_at, const uint32_t *edge_at)
{
	size_t nn, ne;
	if (event_links(l, g, ev, &nn, &ne) != GP_OK) {
		return GP_ENOMEM;
	}
	nn = on_page(l->node, nn, node_at);
	ne = on_page(l->edge, ne, edge_at);
	int bad = gp__json_add(o, "nodes", index_list(l->node, nn));
	bad |= gp__json_add(o, "edges", index_list(l->edge, ne));
	return bad ? GP_ENOMEM : GP_OK;
}

/* ------------------------------------------------------- event details */

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* [{"text": "Reuters story (Reuters, 2025-08-06)", "url": "https://..." or null}] */
static cJSON *sources_json(gp_sbuf *b, const gp_dataset *ds, const gp_event *ev)
{
	const char *const *src = gp_dataset_event_sources(ds, ev);
	cJSON *a = cJSON_CreateArray();
	for (uint32_t i = 0; a && i < ev->n_sources; i++) {
		gp__source_ref r = gp__timeline_source(ds, src[i]);
		b->n = 0;
		gp__sb_puts(b, r.label);
		gp__timeline_source_detail(b, &r);
		cJSON *s = cJSON_CreateObject();
		int bad =
			!s || b->oom || gp__json_add(s, "text", cJSON_CreateString(gp__sb_str(b)));
		bad = bad || gp__json_add(s, "url",
					  str_or_null(gp__timeline_web_url(r.url) ? r.url : NULL));
		if (bad || gp__json_push(a, s)) {
			cJSON_Delete(bad ? s : NULL);
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/*
 * What the page shows of what it was given (gp_view_options): every node,
 * edge and event, or a bounded part. node_at and edge_at take the graph's
 * indexes to the page's lists (UINT32_MAX: not on the page; NULL: all, in
 * the same places); order[0..n) are the page's events, in timeline order.
 */
typedef struct {
	const gp_graph *g;
	const gp_timeline_options *topts;
	const gp_index *order;
	size_t n;
	uint8_t *node_keep, *edge_keep; /* NULL: all */
	uint32_t *node_at, *edge_at;
	gp_index *picked; /* order's storage when events were left out */
	uint32_t max_edges, max_events;
	gp_view_shown shown;
} page;

static cJSON *event_json(gp_sbuf *b, links *l, const page *p, const gp_event *ev)
{
	const gp_dataset *ds = gp_graph_dataset(p->g);
	cJSON *o = cJSON_CreateObject();
	if (!o) {
		return NULL;
	}
	const gp_type *ty = ev->type != GP_NONE ? gp_dataset_type(ds, ev->type) : NULL;
	char date[96];
	gp_date_format_human(&ev->date, date, sizeof(date));
	b->n = 0;
	gp__sb_puts(b, "");
	gp__timeline_actors_text(b, ds, ev, 1);
	int bad = gp__json_add(o, "id", cJSON_CreateString(ev->id));
	bad |= gp__json_add(o, "title", cJSON_CreateString(ev->title));
	bad |= gp__json_add(o, "type", str_or_null(ty ? ty->name : NULL));
	bad |= gp__json_add(o, "type_label", str_or_null(ty ? ty->label : NULL));
	bad |= gp__json_add(o, "date", cJSON_CreateString(date));
	bad |= gp__json_add(o, "actors", b->oom ? NULL : cJSON_CreateString(gp__sb_str(b)));
	bad |= gp__json_add(o, "summary", str_or_null(ev->summary));
	bad |= gp__json_add(o, "weight", cJSON_CreateNumber(ev->weight));
	bad |= gp__json_add(o, "sources", sources_json(b, ds, ev));
	bad = bad || add_links(o, l, p->g, ev, p->node_at, p->edge_at) != GP_OK;
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Per node on the page, in the graph's order: its actor's aliases (the search box finds them). */
static cJSON *nodes_json(const page *p)
{
	const gp_dataset *ds = gp_graph_dataset(p->g);
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < gp_graph_node_count(p->g); i++) {
		if (p->node_keep && !p->node_keep[i]) {
			continue;
		}
		const gp_actor *ac = gp_dataset_actor(ds, gp_graph_node(p->g, i)->actor);
		const char *const *al = gp_dataset_actor_aliases(ds, ac);
		cJSON *o = cJSON_CreateObject(), *names = cJSON_CreateArray();
		int bad = !o || !names;
		for (uint32_t k = 0; !bad && k < ac->n_aliases; k++) {
			bad = gp__json_push(names, cJSON_CreateString(al[k]));
		}
		if (!bad) {
			bad = gp__json_add(o, "aliases", names); /* takes names */
			names = NULL;
		}
		if (bad || gp__json_push(a, o)) {
			cJSON_Delete(names);
			cJSON_Delete(bad ? o : NULL);
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* {"nodes": 412, "all_nodes": 65974, ...} when the page leaves something out, else null. */
static cJSON *cut_json(const page *p)
{
	const gp_view_shown *s = &p->shown;
	if (s->nodes == s->all_nodes && s->edges == s->all_edges && s->events == s->all_events) {
		return cJSON_CreateNull();
	}
	cJSON *o = cJSON_CreateObject();
	int bad = !o;
	bad = bad || gp__json_add(o, "nodes", cJSON_CreateNumber((double)s->nodes));
	bad = bad || gp__json_add(o, "all_nodes", cJSON_CreateNumber((double)s->all_nodes));
	bad = bad || gp__json_add(o, "edges", cJSON_CreateNumber((double)s->edges));
	bad = bad || gp__json_add(o, "all_edges", cJSON_CreateNumber((double)s->all_edges));
	bad = bad || gp__json_add(o, "events", cJSON_CreateNumber((double)s->events));
	bad = bad || gp__json_add(o, "all_events", cJSON_CreateNumber((double)s->all_events));
	bad = bad || gp__json_add(o, "max_edges", cJSON_CreateNumber(p->max_edges));
	bad = bad || gp__json_add(o, "max_events", cJSON_CreateNumber(p->max_events));
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/*
 * The events block, written an event at a time: the document's head as
 * cJSON prints it, without its closing brace, then `"events":[...]}` item by
 * item, the bytes cJSON would print for the whole tree. A million events
 * held as one tree, then as one string, took gigabytes.
 */
static int put_events(FILE *fp, const page *p)
{
	const gp_dataset *ds = gp_graph_dataset(p->g);
	const char *title = gp_dataset_title(ds);
	cJSON *doc = cJSON_CreateObject();
	int bad = !doc;
	bad = bad || gp__json_add(doc, "geopol", cJSON_CreateNumber(1));
	bad = bad || gp__json_add(doc, "kind", cJSON_CreateString("view"));
	bad = bad || gp__json_add(doc, "title", str_or_null(title));
	bad = bad ||
	      gp__json_add(doc, "level",
			   cJSON_CreateString(gp_graph_level(p->g) == GP_LEVEL_COUNTRY ? "country"
										       : "actor"));
	bad = bad || gp__json_add(doc, "cut", cut_json(p));
	bad = bad || gp__json_add(doc, "nodes", nodes_json(p));
	if (bad) {
		cJSON_Delete(doc);
		return GP_ENOMEM;
	}
	bad = gp__json_put_head(fp, doc, "events", put_json);
	gp_sbuf b = { 0 };
	links l = { 0 };
	gp__json_pbuf pb = { NULL, 0 };
	for (size_t i = 0; !bad && i < p->n && !ferror(fp); i++) {
		bad = gp__json_put_item(fp,
					event_json(&b, &l, p, gp_dataset_event(ds, p->order[i])),
					i == 0, &pb, put_json);
	}
	free(b.s), free(l.node), free(l.edge), free(pb.s);
	if (!bad) {
		gp__json_put_end(fp, put_json);
	}
	return bad ? GP_ENOMEM : GP_OK;
}

/* ------------------------------------------------- what the page shows */

/* The page's index of each kept item (UINT32_MAX: not kept); NULL out of memory. */
static uint32_t *positions(const uint8_t *keep, size_t n, size_t *kept)
{
	uint32_t *at = malloc((n ? n : 1) * sizeof(*at));
	*kept = 0;
	for (size_t i = 0; at && i < n; i++) {
		at[i] = keep[i] ? (uint32_t)(*kept)++ : UINT32_MAX;
	}
	return at;
}

/*
 * The group an event's share is taken from (gp_view_options): the first of
 * its edges on the page; for an event on no edge, the first of its nodes on
 * the page (after the edges' groups), or, on no node either, one group of
 * its own (the last). UINT32_MAX: the event lies only on what is cut.
 */
static uint32_t share_of(const page *p, links *l, const gp_event *ev, int *oom)
{
	size_t nn, ne, n_edges = gp_graph_edge_count(p->g);
	if (event_links(l, p->g, ev, &nn, &ne) != GP_OK) {
		*oom = 1;
		return UINT32_MAX;
	}
	for (size_t k = 0; k < ne; k++) {
		if (!p->edge_keep || p->edge_keep[l->edge[k]]) {
			return l->edge[k];
		}
	}
	for (size_t k = 0; ne == 0 && k < nn; k++) {
		if (!p->node_keep || p->node_keep[l->node[k]]) {
			return (uint32_t)(n_edges + l->node[k]);
		}
	}
	return ne == 0 && nn == 0 ? (uint32_t)(n_edges + gp_graph_node_count(p->g)) : UINT32_MAX;
}

/* Events a share cap gives: the sum over groups of min(count, cap). */
static size_t capped(const uint32_t *count, size_t groups, uint32_t cap)
{
	size_t sum = 0;
	for (size_t i = 0; i < groups; i++) {
		sum += count[i] < cap ? count[i] : cap;
	}
	return sum;
}

/*
 * Choose the page's events from order[0..n): those of its groups, all while
 * they are at most max_events, else each group's share (an equal cap, the
 * budget left over one more each to the first groups over it) taken evenly
 * through the group's events in order: the k-th of q from c is the
 * floor(k (c - 1) / (q - 1))-th, so the first and the last are in.
 */
static int pick_events(page *p, const gp_index *order, size_t n)
{
	size_t groups = gp_graph_edge_count(p->g) + gp_graph_node_count(p->g) + 1;
	uint32_t *grp = malloc((n ? n : 1) * sizeof(*grp));
	uint32_t *count = calloc(groups, sizeof(*count)), *quota = calloc(groups, sizeof(*quota));
	uint32_t *seen = calloc(groups, sizeof(*seen)), *next = calloc(groups, sizeof(*next));
	p->picked = malloc((n ? n : 1) * sizeof(*p->picked));
	links l = { 0 };
	int oom = !grp || !count || !quota || !seen || !next || !p->picked;
	size_t candidates = 0;
	uint32_t most = 0;
	const gp_dataset *ds = gp_graph_dataset(p->g);
	for (size_t i = 0; !oom && i < n; i++) {
		grp[i] = share_of(p, &l, gp_dataset_event(ds, order[i]), &oom);
		if (grp[i] != UINT32_MAX) {
			uint32_t c = ++count[grp[i]];
			most = c > most ? c : most;
			candidates++;
		}
	}
	if (!oom) {
		/* The largest equal cap within the budget (all when they fit). */
		uint32_t lo = 0, hi = most;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo + 1) / 2;
			if (capped(count, groups, mid) <= p->max_events) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		size_t left =
			p->max_events -
			(candidates <= p->max_events ? candidates : capped(count, groups, lo));
		for (size_t g = 0; g < groups; g++) {
			quota[g] = count[g] < lo ? count[g] : lo;
			if (count[g] > lo && left > 0) {
				quota[g]++, left--;
			}
		}
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			uint32_t g = grp[i];
			if (g == UINT32_MAX) {
				continue;
			}
			uint32_t r = seen[g]++, q = quota[g], c = count[g];
			uint64_t want =
				q <= 1 ? 0 : (uint64_t)next[g] * (c - 1) / (uint64_t)(q - 1);
			if (next[g] < q && r == want) {
				p->picked[k++] = order[i];
				next[g]++;
			}
		}
		p->order = p->picked, p->n = k;
	}
	free(grp), free(count), free(quota), free(seen), free(next);
	free(l.node), free(l.edge);
	return oom ? GP_ENOMEM : GP_OK;
}

/* What the page shows: every node, edge and event, or the bounded part (see page). */
static int plan_page(page *p, const gp_index *order, size_t n, const gp_view_options *vo)
{
	const gp_graph *g = p->g;
	size_t nn = gp_graph_node_count(g), ne = gp_graph_edge_count(g);
	p->max_edges = vo && vo->max_edges ? vo->max_edges : GP_VIEW_MAX_EDGES;
	p->max_events = vo && vo->max_events ? vo->max_events : GP_VIEW_MAX_EVENTS;
	p->order = order, p->n = n;
	p->shown = (gp_view_shown){ nn, ne, n, nn, ne, n };
	if (ne > p->max_edges) {
		p->edge_keep = malloc(ne);
		p->node_keep = malloc(nn ? nn : 1);
		if (!p->edge_keep || !p->node_keep ||
		    gp__graph_strongest(g, p->max_edges, p->edge_keep, p->node_keep) != GP_OK ||
		    !(p->node_at = positions(p->node_keep, nn, &p->shown.nodes)) ||
		    !(p->edge_at = positions(p->edge_keep, ne, &p->shown.edges))) {
			return GP_ENOMEM;
		}
	}
	if (p->edge_keep || n > p->max_events) {
		int rc = pick_events(p, order, n);
		if (rc != GP_OK) {
			return rc;
		}
		p->shown.events = p->n;
	}
	return GP_OK;
}

static void free_page(page *p)
{
	free(p->node_keep), free(p->edge_keep);
	free(p->node_at), free(p->edge_at);
	free(p->picked);
}

/* ------------------------------------------------------------ the page */

/* What a marker @@NAME@@ of the template stands for. GP_OK, GP_ENOMEM; 1: not a marker. */
static int put_marker(FILE *fp, const char *name, size_t len, const page *p)
{
#define IS(s) (len == sizeof(s) - 1 && memcmp(name, s, len) == 0)
	if (IS("VIEWER_CSS")) {
		fwrite(gp__asset_viewer_css, 1, gp__asset_viewer_css_len, fp);
	} else if (IS("VIEWER_JS")) {
		fwrite(gp__asset_viewer_js, 1, gp__asset_viewer_js_len, fp);
	} else if (IS("VIS_JS")) {
		fwrite(gp__asset_vis_js, 1, gp__asset_vis_js_len, fp);
	} else if (IS("CYTOSCAPE_JS")) {
		fwrite(gp__asset_cytoscape_js, 1, gp__asset_cytoscape_js_len, fp);
	} else if (IS("GRAPH")) {
		char *text;
		size_t n;
		int rc = gp__graph_cytoscape_text(&text, &n, p->g, 1, p->node_keep, p->edge_keep);
		if (rc != GP_OK) {
			return rc;
		}
		fwrite(text, 1, n, fp);
		free(text);
	} else if (IS("TIMELINE")) {
		gp_timeline_options defaults = GP_TIMELINE_OPTIONS_INIT;
		return gp__timeline_vis_put(fp, gp_graph_dataset(p->g), p->order, p->n,
					    p->topts ? p->topts : &defaults, put_json);
	} else if (IS("EVENTS")) {
		return put_events(fp, p);
	} else {
		return 1;
	}
	return GP_OK;
#undef IS
}

static int write_page(FILE *fp, const page *p)
{
	int src_rc = gp__graph_read_sources(p->g, p->edge_keep, 0, SIZE_MAX, NULL);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	const char *t = gp__asset_template, *end = t + gp__asset_template_len;
	while (t < end && !ferror(fp)) {
		const char *at = strstr(t, "@@");
		const char *close = at ? strstr(at + 2, "@@") : NULL;
		if (!close) {
			fwrite(t, 1, (size_t)(end - t), fp);
			break;
		}
		fwrite(t, 1, (size_t)(at - t), fp);
		int rc = put_marker(fp, at + 2, (size_t)(close - at - 2), p);
		if (rc < 0) {
			return rc;
		}
		if (rc == 1) { /* not one of ours: as written */
			fwrite(at, 1, 2, fp);
			t = at + 2;
		} else {
			t = close + 2;
		}
	}
	return ferror(fp) ? GP_EIO : GP_OK;
}

int gp_view_write(FILE *fp, const gp_graph *g, const gp_index *order, size_t n,
		  const gp_timeline_options *topts, const gp_view_options *vopts,
		  gp_view_shown *shown)
{
	page p = { .g = g, .topts = topts };
	int rc = plan_page(&p, order, n, vopts);
	if (rc == GP_OK) {
		rc = write_page(fp, &p);
	}
	if (shown) {
		*shown = p.shown;
	}
	free_page(&p);
	return rc;
}
