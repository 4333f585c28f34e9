/*
 * graph_interchange.c - the graph as the JSON that web and Python tools
 * read without a converter (DESIGN §8): Cytoscape.js elements (also
 * Cytoscape desktop's .cyjs and networkx's cytoscape_graph), graphology's
 * serialised form (sigma.js), and node-link JSON as networkx writes it
 * (d3-force). The values are graph_values.c's, printed with cJSON a node
 * or an edge at a time, as graph.json is.
 */
#include <stdlib.h>
#include <string.h>

#include "graph_values.h"

typedef enum { FORM_CYTOSCAPE, FORM_GRAPHOLOGY, FORM_D3 } form;
/* The makers' `f`: the form, and above PRIMES_SHIFT cytoscape_primes'. */
#define PRIMES_SHIFT 8
#define FORM_MASK ((1 << PRIMES_SHIFT) - 1)

/* A boolean or a string under a key (constants: borrowed). */
static int add_bool(cJSON *o, const char *key, int b)
{
	return gp__json_add_cs(o, key, cJSON_CreateBool(b));
}

static int add_str(cJSON *o, const char *key, const char *s)
{
	return gp__json_add_ref(o, key, s);
}

/* An object holding keys[from..to) of v; NULL out of memory. */
static cJSON *values_object(const gp_gv_key *keys, gp_gv *v, size_t from, size_t to)
{
	cJSON *o = cJSON_CreateObject();
	if (o && gp__gv_add(o, keys, v, from, to)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/*
 * The document up to its first list: the graph's values under the key the
 * form gives them, and how to read the edges. Printed without its closing
 * brace (gp__json_stream_head). GP_OK or GP_ENOMEM.
 */
static int head(FILE *fp, const gp_graph *g, form f)
{
	gp_gv hv[GP_GK_N];
	int bad = gp__gv_graph(hv, g) != GP_OK;
	cJSON *h = cJSON_CreateObject(), *data = values_object(gp__graph_keys, hv, 0, GP_GK_N);
	gp__gv_release(hv, GP_GK_N);
	cJSON *opts = f == FORM_GRAPHOLOGY ? cJSON_CreateObject() : NULL;
	bad |= !h || !data || (f == FORM_GRAPHOLOGY && !opts);
	switch (bad ? -1 : (int)f) {
	case FORM_CYTOSCAPE:
		bad |= gp__json_add_cs(h, "data", data), data = NULL;
		bad |= add_bool(h, "directed", 1) || add_bool(h, "multigraph", 1);
		break;
	case FORM_GRAPHOLOGY:
		/*
		 * A mixed graph holds a directed and an undirected edge between
		 * the same two nodes without being a multigraph.
		 */
		bad |= gp__json_add_cs(h, "attributes", data), data = NULL;
		bad |= add_str(opts, "type", "mixed") || add_bool(opts, "multi", 0) ||
		       add_bool(opts, "allowSelfLoops", 1);
		bad |= gp__json_add_cs(h, "options", opts), opts = NULL;
		break;
	case FORM_D3:
		bad |= add_bool(h, "directed", 1) || add_bool(h, "multigraph", 1);
		bad |= gp__json_add_cs(h, "graph", data), data = NULL;
		break;
	default: break;
	}
	cJSON_Delete(data), cJSON_Delete(opts);
	if (bad) {
		cJSON_Delete(h);
		h = NULL;
	}
	return gp__json_stream_head(fp, h) ? GP_ENOMEM : GP_OK;
}

static cJSON *node_item(const gp_graph *g, size_t i, int f, gp_gv_scratch *sc)
{
	(void)sc;
	gp_gv v[GP_NK_N];
	gp__gv_node(v, g, i);
	cJSON *o = cJSON_CreateObject(), *in = NULL;
	int bad = !o;
	switch (bad ? -1 : f & FORM_MASK) {
	case FORM_CYTOSCAPE:
		/* networkx's cytoscape_graph names a node by "value" and keeps "name". */
		in = cJSON_CreateObject();
		bad |= !in || gp__gv_add(in, gp__node_keys, v, 0, GP_NK_ID + 1);
		bad |= bad || add_str(in, "value", v[GP_NK_ID].s) ||
		       add_str(in, "name", v[GP_NK_LABEL].s);
		bad |= bad || gp__gv_add(in, gp__node_keys, v, GP_NK_ID + 1, GP_NK_N);
		bad |= gp__json_add_cs(o, "data", in);
		break;
	case FORM_GRAPHOLOGY:
		bad |= add_str(o, "key", v[GP_NK_ID].s);
		bad |= gp__json_add_cs(o, "attributes",
				       values_object(gp__node_keys, v, GP_NK_ID + 1, GP_NK_N));
		break;
	case FORM_D3: bad |= gp__gv_add(o, gp__node_keys, v, 0, GP_NK_N); break;
	default: break;
	}
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/*
 * Cytoscape.js has one id space for nodes and edges, and leaves out an edge
 * whose id a node has: an actor named `e0` would hide edge e0. So where some
 * node id is "e", digits and k primes ('), every edge id of the document
 * gets the fewest primes no node id has (e0', e1', ...): usually none, so
 * the ids are DESIGN §8's "e" + index.
 */
static int cytoscape_primes(const gp_graph *g)
{
	uint64_t taken = 0;
	const gp_dataset *ds = gp_graph_dataset(g);
	for (size_t i = 0, n = gp_graph_node_count(g); i < n; i++) {
		const char *id = gp_dataset_actor(ds, gp_graph_node(g, i)->actor)->id;
		size_t d = id[0] == 'e' ? strspn(id + 1, "0123456789") : 0;
		size_t k = d ? strspn(id + 1 + d, "'") : 0;
		if (d && id[1 + d + k] == '\0' && k < 64) {
			taken |= (uint64_t)1 << k;
		}
	}
	int k = 0;
	while (k < 63 && (taken >> k & 1)) {
		k++;
	}
	return k;
}

static cJSON *edge_item(const gp_graph *g, size_t i, int f, gp_gv_scratch *sc)
{
	gp_gv v[GP_EK_N];
	char id[96];
	if (gp__gv_edge(v, g, i, sc) != GP_OK) {
		return NULL;
	}
	/* DESIGN §8: "e" + the index in graph.json (and primes: cytoscape_primes) */
	int len = snprintf(id, 32, "e%zu", i);
	for (int k = 0; k < f >> PRIMES_SHIFT; k++) {
		id[len++] = '\'';
	}
	id[len] = '\0';
	f &= FORM_MASK;
	cJSON *o = cJSON_CreateObject(), *in = NULL;
	int bad = !o;
	switch (bad ? -1 : f) {
	case FORM_CYTOSCAPE:
		/* "key" is networkx's multigraph key; Cytoscape.js keeps it as data. */
		in = cJSON_CreateObject();
		bad |= !in || gp__json_add_cs(in, "id", cJSON_CreateString(id)) ||
		       gp__json_add_cs(in, "key", cJSON_CreateString(id));
		bad |= bad || gp__gv_add(in, gp__edge_keys, v, 0, GP_EK_N);
		bad |= gp__json_add_cs(o, "data", in);
		break;
	case FORM_GRAPHOLOGY:
		bad |= gp__json_add_cs(o, "key", cJSON_CreateString(id));
		bad |= gp__gv_add(o, gp__edge_keys, v, 0, GP_EK_TARGET + 1);
		if (!gp_graph_edge(g, i)->directed) {
			bad |= add_bool(o, "undirected", 1);
		}
		bad |= gp__json_add_cs(o, "attributes",
				       values_object(gp__edge_keys, v, GP_EK_TARGET + 1, GP_EK_N));
		break;
	case FORM_D3:
		/* A symmetric edge is one link whose "directed" is false. */
		bad |= gp__gv_add(o, gp__edge_keys, v, 0, GP_EK_TARGET + 1);
		bad |= gp__json_add_cs(o, "key", cJSON_CreateString(id));
		bad |= gp__gv_add(o, gp__edge_keys, v, GP_EK_TARGET + 1, GP_EK_N);
		break;
	default: break;
	}
	gp__gv_release(v, GP_EK_N);
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Cytoscape's lists sit in "elements"; node-link's edges are "links". */
static int write_form(FILE *fp, const gp_graph *g, form f, const uint8_t *node_keep,
		      const uint8_t *edge_keep)
{
	int src_rc = gp__graph_check_full(g);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	if (head(fp, g, f) != GP_OK) {
		return GP_ENOMEM;
	}
	int primes = f == FORM_CYTOSCAPE ? cytoscape_primes(g) : 0;
	return gp__gv_stream_some(fp, g, f == FORM_CYTOSCAPE ? "elements" : NULL,
				  f == FORM_D3 ? "links" : "edges", node_item, edge_item,
				  (int)f | primes << PRIMES_SHIFT, node_keep, edge_keep);
}

int gp_graph_write_cytoscape(FILE *fp, const gp_graph *g)
{
	return write_form(fp, g, FORM_CYTOSCAPE, NULL, NULL);
}

int gp_graph_write_graphology(FILE *fp, const gp_graph *g)
{
	return write_form(fp, g, FORM_GRAPHOLOGY, NULL, NULL);
}

int gp_graph_write_d3(FILE *fp, const gp_graph *g)
{
	return write_form(fp, g, FORM_D3, NULL, NULL);
}

int gp_graph_cytoscape_json(char **out, size_t *len, const gp_graph *g, int html_safe)
{
	return gp__graph_cytoscape_text(out, len, g, html_safe, NULL, NULL);
}

int gp__graph_cytoscape_text(char **out, size_t *len, const gp_graph *g, int html_safe,
			     const uint8_t *node_keep, const uint8_t *edge_keep)
{
	char *text = NULL;
	size_t n = 0;
	*out = NULL, *len = 0;
	FILE *mem = open_memstream(&text, &n);
	if (!mem) {
		return GP_ENOMEM;
	}
	int rc = write_form(mem, g, FORM_CYTOSCAPE, node_keep, edge_keep);
	if (fclose(mem) != 0 && rc == GP_OK) {
		rc = GP_ENOMEM; /* a memory stream fails only for want of memory */
	}
	if (rc != GP_OK) {
		free(text);
		return rc == GP_EIO ? GP_ENOMEM : rc;
	}
	if (html_safe) {
		/* Each escape takes six bytes: count what they add, then copy. */
		size_t extra = 0;
		char esc[8];
		for (size_t i = 0, k; i < n; i += k ? k : 1) {
			k = gp__json_html_escape(text + i, esc);
			extra += k ? 6 - k : 0;
		}
		char *safe = extra ? malloc(n + extra + 1) : NULL;
		if (extra && !safe) {
			free(text);
			return GP_ENOMEM;
		}
		for (size_t i = 0, j = 0; extra && i <= n;) {
			size_t k = i < n ? gp__json_html_escape(text + i, esc) : 0;
			if (k) {
				memcpy(safe + j, esc, 6), j += 6, i += k;
			} else {
				safe[j++] = text[i++];
			}
		}
		if (extra) {
			free(text);
			text = safe;
			n = strlen(safe);
		}
	}
	*out = text, *len = n;
	return GP_OK;
}
