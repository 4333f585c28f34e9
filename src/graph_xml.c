/*
 * graph_xml.c - the graph as GEXF 1.3 (Gephi, graphology-gexf) and GraphML
 * (networkx, igraph, graphology-graphml, yEd), written with libxml2's
 * xmlTextWriter (DESIGN §8; the only libxml2 user). The values are
 * graph_values.c's; what each format needs beside them is said where it is
 * written.
 */
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "graph_values.h"

/* ------------------------------------------------------------------ writer */

/* A document being written: calls after a failure do nothing. */
typedef struct {
	xmlTextWriterPtr w;
	xmlOutputBufferPtr out; /* w's, checked for lost text (out_lost) */
	int bad;                /* a libxml2 call failed (out of memory, or a write error) */
	int depth;              /* elements started and not yet ended */
	int oom;                /* one of ours ran out of memory */
	char *clean;            /* a copy of a text with special characters, cut in pieces */
	size_t clean_cap;
	gp_gv_scratch sc;
	xmlStructuredErrorFunc old_handler; /* this thread's, put back when done */
	void *old_context;
	xmlGenericErrorFunc old_generic;
	void *old_generic_context;
} xw;

/*
 * libxml2 prints its errors (a failed write: "I/O error : Broken pipe")
 * unless a handler takes them; the library never prints, and the failure
 * is told by the status. The handler is libxml2's per thread, and the
 * caller's is put back.
 */
static void quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx, (void)err;
}

/* Its generic errors too ("Cannot initialize memory for list"). */
static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

/*
 * libxml2 2.9 loses text quietly when memory runs out in places: a buffer
 * that failed to grow keeps an error flag, drops what comes after and
 * flushes nothing (its content reads NULL); the encoder's buffer alike.
 * Seen by the allocation-failure sweep (tests/fault/run.sh).
 */
static int out_lost(xmlOutputBufferPtr out)
{
	return out->error || !xmlBufContent(out->buffer) ||
	       (out->conv && !xmlBufContent(out->conv));
}

static const xmlChar *X(const char *s)
{
	return (const xmlChar *)s;
}

static int ok(xw *x)
{
	return !x->bad && !x->oom;
}

/*
 * Characters written otherwise than as themselves: those XML 1.0 cannot
 * hold, escaped or not (C0 controls but tab, line feed and carriage return;
 * U+FFFE, U+FFFF), become U+FFFD; NEL (U+0085) and LINE SEPARATOR (U+2028),
 * which xmldom (graphology's parser in node) turns into line feeds as XML
 * 1.1 would, become character references. The length of such a character
 * at s, its replacement in *out, *raw when that is a reference; or 0.
 * geopol's strings are valid UTF-8 without NUL.
 */
static size_t special(const unsigned char *s, const char **out, int *raw)
{
	*raw = 0;
	if (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r') {
		*out = "\xEF\xBF\xBD";
		return 1;
	}
	if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) {
		*out = "\xEF\xBF\xBD";
		return 3;
	}
	if ((s[0] == 0xC2 && s[1] == 0x85) || (s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xA8)) {
		*out = s[0] == 0xC2 ? "&#x85;" : "&#x2028;";
		*raw = 1;
		return s[0] == 0xC2 ? 2 : 3;
	}
	return 0;
}

/*
 * Text, escaped by libxml2. In element text xmlTextWriterWriteString would
 * escape it with xmlEncodeSpecialChars and write nothing, quietly, when
 * that ran out of memory (libxml2 2.9): so it is escaped here, by the same
 * function, and written raw. In an attribute it goes straight into the
 * output buffer, whose failure shows in out_lost.
 */
static void write_string(xw *x, const char *s, int in_attr)
{
	if (in_attr) {
		x->bad |= xmlTextWriterWriteString(x->w, X(s)) < 0;
		return;
	}
	xmlChar *esc = xmlEncodeSpecialChars(NULL, X(s));
	if (!esc) {
		x->bad = 1;
		return;
	}
	x->bad |= xmlTextWriterWriteRaw(x->w, esc) < 0;
	xmlFree(esc);
}

/* Write s as text (of an element or an open attribute), escaped by libxml2. */
static void text(xw *x, const char *s, int in_attr)
{
	const char *rep;
	int raw, n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && !n; p++) {
		n = special(p, &rep, &raw) != 0;
	}
	if (!n) {
		write_string(x, s, in_attr);
		return;
	}
	/* Pieces of a copy, each cut at a special character. */
	size_t len = strlen(s);
	if (x->clean_cap < len + 1) {
		char *c = realloc(x->clean, len + 1);
		if (!c) {
			x->oom = 1;
			return;
		}
		x->clean = c, x->clean_cap = len + 1;
	}
	memcpy(x->clean, s, len + 1);
	char *piece = x->clean;
	for (char *p = x->clean; ok(x);) {
		size_t k = *p ? special((const unsigned char *)p, &rep, &raw) : 0;
		if (k || !*p) {
			char c = *p;
			*p = '\0';
			if (*piece) {
				write_string(x, piece, in_attr);
			}
			if (!c) {
				break;
			}
			if (raw) {
				x->bad |= xmlTextWriterWriteRaw(x->w, X(rep)) < 0;
			} else {
				write_string(x, rep, in_attr);
			}
			p += k, piece = p;
		} else {
			p++;
		}
	}
}

static void start(xw *x, const char *name)
{
	if (ok(x) && xmlTextWriterStartElement(x->w, X(name)) < 0) {
		x->bad = 1;
	}
	x->depth++;
}

static void end(xw *x)
{
	if (ok(x) && xmlTextWriterEndElement(x->w) < 0) {
		x->bad = 1;
	}
	x->depth--;
}

static void attr(xw *x, const char *name, const char *value)
{
	if (ok(x) && xmlTextWriterStartAttribute(x->w, X(name)) < 0) {
		x->bad = 1;
	}
	if (ok(x)) {
		text(x, value, 1);
	}
	if (ok(x) && xmlTextWriterEndAttribute(x->w) < 0) {
		x->bad = 1;
	}
}

/* <name attrs...>content</name>: attrs are name/value pairs, NULL-terminated. */
static void element(xw *x, const char *name, const char *content, ...)
{
	start(x, name);
	va_list ap;
	va_start(ap, content);
	for (const char *a; (a = va_arg(ap, const char *)) != NULL;) {
		attr(x, a, va_arg(ap, const char *));
	}
	va_end(ap);
	if (ok(x) && content) {
		text(x, content, 0);
	}
	end(x);
}

static int open_doc(xw *x, FILE *fp)
{
	memset(x, 0, sizeof(*x));
	x->old_handler = xmlStructuredError;
	x->old_context = xmlStructuredErrorContext;
	x->old_generic = xmlGenericError;
	x->old_generic_context = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(NULL, quiet);
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	xmlOutputBufferPtr out = xmlOutputBufferCreateFile(fp, NULL);
	x->w = out ? xmlNewTextWriter(out) : NULL; /* owns out from here */
	if (!x->w) {
		xmlOutputBufferClose(out);
		xmlSetStructuredErrorFunc(x->old_context, x->old_handler);
		xmlSetGenericErrorFunc(x->old_generic_context, x->old_generic);
		return GP_ENOMEM;
	}
	x->out = out;
	x->bad = xmlTextWriterSetIndent(x->w, 1) < 0 ||
		 xmlTextWriterSetIndentString(x->w, X("  ")) < 0 ||
		 xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0;
	return GP_OK;
}

/* Finish and free the document: GP_OK, GP_EIO (a write failed) or GP_ENOMEM. */
static int close_doc(xw *x, FILE *fp)
{
	/*
	 * Every element is ended by us, not by EndDocument: libxml2 2.9's
	 * StartElement ignores a failed push of the element on its stack (out
	 * of memory), writing it all the same; the element ended first then
	 * ends its parent, and the last of our ends finds the stack empty and
	 * fails, where EndDocument would have closed the broken document
	 * without a word.
	 */
	while (x->depth > 0) {
		end(x);
	}
	if (ok(x) && xmlTextWriterEndDocument(x->w) < 0) {
		x->bad = 1;
	}
	x->bad |= out_lost(x->out); /* EndDocument flushed: nothing is left to lose */
	xmlFreeTextWriter(x->w);    /* flushes into fp */
	xmlSetStructuredErrorFunc(x->old_context, x->old_handler);
	xmlSetGenericErrorFunc(x->old_generic_context, x->old_generic);
	free(x->clean);
	gp__gv_scratch_free(&x->sc);
	if (ferror(fp)) {
		return GP_EIO;
	}
	return x->bad || x->oom ? GP_ENOMEM : GP_OK;
}

/*
 * Open edge i's element, <edge id="e" + its index in graph.json (DESIGN §8)
 * source=... target=...>, its values in v (release them): 0, or -1 when
 * nothing was opened.
 */
static int edge_start(xw *x, const gp_graph *g, size_t i, gp_gv v[GP_EK_N])
{
	char id[32];
	if (!ok(x)) {
		return -1;
	}
	if (gp__gv_edge(v, g, i, &x->sc) != GP_OK) {
		x->oom = 1;
		return -1;
	}
	snprintf(id, sizeof(id), "e%zu", i);
	start(x, "edge");
	attr(x, "id", id);
	attr(x, "source", v[GP_EK_SOURCE].s);
	attr(x, "target", v[GP_EK_TARGET].s);
	return 0;
}

static const char *index_text(size_t i, char buf[32])
{
	snprintf(buf, 32, "%zu", i);
	return buf;
}

/* ------------------------------------------------------------------- GEXF */

/*
 * GEXF's attribute types. Counts are `long` (a count may pass Java's int).
 * The event and source lists are `liststring`s, written as the JSON arrays they are, which
 * Gephi and graphology-gexf read as a list; the per-type counts are an
 * object, which GEXF has no type for: a JSON string.
 */
static const char *gexf_type(const gp_gv_key *k)
{
	switch (k->type) {
	case GP_GV_BOOL: return "boolean";
	case GP_GV_COUNT: return "long";
	case GP_GV_REAL: return "double";
	case GP_GV_JSON:
		return strcmp(k->key, "events") == 0 || strcmp(k->key, "sources") == 0
			       ? "liststring"
			       : "string";
	default: return "string";
	}
}

/*
 * The keys that are GEXF attributes: a node's id and label, and an edge's
 * ends and direction, are the element's own. An edge's `weight` is its
 * count (layouts want a positive weight), so graph.json's signed weight is
 * the attribute `tone`.
 */
static int gexf_node_attr(size_t k)
{
	return k != GP_NK_ID && k != GP_NK_LABEL;
}

static int gexf_edge_attr(size_t k)
{
	return k != GP_EK_SOURCE && k != GP_EK_TARGET && k != GP_EK_DIRECTED;
}

/*
 * <attributes class="..."> with ids 0, 1, ... in key order, titled by the
 * keys (the key at `tone`, if any, "tone"); ids[k] gets each key's id (-1:
 * not an attribute).
 */
static void gexf_attributes(xw *x, const char *cls, const gp_gv_key *keys, size_t n,
			    int (*is_attr)(size_t), size_t tone, int *ids)
{
	char id[32];
	int next = 0;
	start(x, "attributes");
	attr(x, "class", cls);
	for (size_t k = 0; k < n; k++) {
		ids[k] = is_attr(k) ? next++ : -1;
		if (ids[k] >= 0) {
			element(x, "attribute", NULL, "id", index_text((size_t)ids[k], id), "title",
				k == tone ? "tone" : keys[k].key, "type", gexf_type(&keys[k]),
				NULL);
		}
	}
	end(x);
}

/* <attvalues>: a value that is none (null, absent) is left out. */
static void gexf_attvalues(xw *x, const gp_gv_key *keys, const gp_gv *v, size_t n, const int *ids)
{
	char id[32];
	start(x, "attvalues");
	for (size_t k = 0; k < n && ok(x); k++) {
		if (ids[k] < 0 || v[k].none) {
			continue;
		}
		const char *text = gp__gv_text(&v[k], keys[k].type, &x->sc);
		x->oom |= !text;
		element(x, "attvalue", NULL, "for", index_text((size_t)ids[k], id), "value", text,
			NULL);
	}
	end(x);
}

/* One <spell>: from the day of start to the day of end, an open side left out. */
static void gexf_spell(xw *x, int64_t start_t, int64_t end_t)
{
	char a[32], b[32];
	start(x, "spell");
	if (start_t != GP_TIME_MIN) {
		attr(x, "start", gp_time_format(start_t, 0, a));
	}
	if (end_t != GP_TIME_MAX) {
		attr(x, "end", gp_time_format(end_t, 0, b));
	}
	end(x);
}

static void gexf_node(xw *x, const gp_graph *g, size_t i, const int *ids)
{
	gp_gv v[GP_NK_N];
	gp__gv_node(v, g, i);
	start(x, "node");
	attr(x, "id", v[GP_NK_ID].s);
	attr(x, "label", v[GP_NK_LABEL].s);
	gexf_attvalues(x, gp__node_keys, v, GP_NK_N, ids);
	/* One spell over the node's events, so that Gephi's timeline plays the graph. */
	start(x, "spells");
	gexf_spell(x, g->span[i].start, g->span[i].end);
	end(x);
	end(x);
}

static void gexf_edge(xw *x, const gp_graph *g, size_t i, const int *ids)
{
	gp_gv v[GP_EK_N];
	if (edge_start(x, g, i, v)) {
		return;
	}
	const gp_edge *e = gp_graph_edge(g, i);
	const char *type = e->directed ? "directed" : "undirected";
	attr(x, "type", type);
	/*
	 * Gephi merges edges that join the same two nodes (an undirected edge
	 * counts as either way) unless their kind differs: the kind keeps a
	 * directed edge and a symmetric one apart.
	 */
	attr(x, "kind", type);
	attr(x, "weight", gp__gv_text(&v[GP_EK_COUNT], GP_GV_COUNT, &x->sc));
	gexf_attvalues(x, gp__edge_keys, v, GP_EK_N, ids);
	gp__gv_release(v, GP_EK_N);
	/* One spell per listed event: its earliest start to its latest end. */
	const gp_evref *ev = gp__edge_events(g, e);
	start(x, "spells");
	for (uint32_t k = 0; k < e->n_events && ok(x); k++) {
		gexf_spell(x, ev[k].start, ev[k].end);
	}
	end(x);
	end(x);
}

int gp_graph_write_gexf(FILE *fp, const gp_graph *g)
{
	int src_rc = gp__graph_check_full(g);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	xw x;
	int node_ids[GP_NK_N], edge_ids[GP_EK_N];
	if (open_doc(&x, fp) != GP_OK) {
		return GP_ENOMEM;
	}
	const char *title = gp_dataset_title(gp_graph_dataset(g));
	start(&x, "gexf");
	attr(&x, "xmlns", "http://gexf.net/1.3");
	attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	attr(&x, "xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
	attr(&x, "version", "1.3");
	start(&x, "meta");
	element(&x, "creator", "geopol", NULL);
	if (title) {
		element(&x, "description", title, NULL);
	}
	end(&x);
	/*
	 * No defaultedgetype: each edge says its own, and Gephi drops the edges
	 * that differ from a default given (it knows no "mixed").
	 */
	start(&x, "graph");
	attr(&x, "mode", "dynamic");
	attr(&x, "timeformat", "date");
	gexf_attributes(&x, "node", gp__node_keys, GP_NK_N, gexf_node_attr, GP_NK_N, node_ids);
	gexf_attributes(&x, "edge", gp__edge_keys, GP_EK_N, gexf_edge_attr, GP_EK_WEIGHT, edge_ids);
	start(&x, "nodes");
	for (size_t i = 0; i < gp_graph_node_count(g) && ok(&x); i++) {
		gexf_node(&x, g, i, node_ids);
	}
	end(&x);
	start(&x, "edges");
	gp_sources_window win = { 0 }; /* sources left in files, read an edge window at a time */
	for (size_t i = 0; i < gp_graph_edge_count(g) && ok(&x) &&
			   (src_rc = gp__sources_window_at(&win, g, i)) == GP_OK;
	     i++) {
		gexf_edge(&x, g, i, edge_ids);
	}
	gp__sources_window_end(&win);
	end(&x);
	int rc = close_doc(&x, fp);
	return src_rc != GP_OK ? src_rc : rc;
}

/* ---------------------------------------------------------------- GraphML */

/* GraphML has no list or object type: those are JSON strings. */
static const char *graphml_type(gp_gv_type t)
{
	switch (t) {
	case GP_GV_BOOL: return "boolean";
	case GP_GV_COUNT: return "long";
	case GP_GV_REAL: return "double";
	default: return "string";
	}
}

/* The keys of one domain (graph, node, edge), numbered on from *next; ids[k] -1 for none. */
static void graphml_keys(xw *x, const char *domain, const gp_gv_key *keys, size_t n, size_t skip,
			 int *ids, int *next)
{
	char id[32];
	for (size_t k = 0; k < n; k++) {
		ids[k] = k < skip ? -1 : (*next)++;
		if (ids[k] >= 0) {
			snprintf(id, sizeof(id), "d%d", ids[k]);
			element(x, "key", NULL, "id", id, "for", domain, "attr.name", keys[k].key,
				"attr.type", graphml_type(keys[k].type), NULL);
		}
	}
}

/* <data key="dN">value</data> for each key that has a value. */
static void graphml_data(xw *x, const gp_gv_key *keys, const gp_gv *v, size_t n, const int *ids)
{
	char id[32];
	for (size_t k = 0; k < n && ok(x); k++) {
		if (ids[k] < 0 || v[k].none) {
			continue;
		}
		const char *text = gp__gv_text(&v[k], keys[k].type, &x->sc);
		x->oom |= !text;
		snprintf(id, sizeof(id), "d%d", ids[k]);
		element(x, "data", text, "key", id, NULL);
	}
}

static void graphml_edge(xw *x, const gp_graph *g, size_t i, const int *ids)
{
	gp_gv v[GP_EK_N];
	if (edge_start(x, g, i, v)) {
		return;
	}
	graphml_data(x, gp__edge_keys, v, GP_EK_N, ids);
	end(x);
	gp__gv_release(v, GP_EK_N);
}

/*
 * python-igraph (0.10, Debian 12) reads GraphML through libxml2 without
 * entity substitution, so an `&` in an attribute, however escaped, reaches
 * it as "&#38;": a node id="A&amp;B" becomes the vertex id "A&#38;B". Text
 * content is read right. When a node id holds an `&`, its id is also the
 * node key `id` (graph.json's own key), which igraph takes for the vertex
 * `id` instead (with a warning that it could not add the element's);
 * networkx and graphology keep it as a node attribute equal to the id.
 */
static int graphml_id_key(const gp_graph *g)
{
	for (size_t i = 0; i < gp_graph_node_count(g); i++) {
		gp_gv v[GP_NK_N];
		gp__gv_node(v, g, i);
		if (strchr(v[GP_NK_ID].s, '&')) {
			return 1;
		}
	}
	return 0;
}

int gp_graph_write_graphml(FILE *fp, const gp_graph *g)
{
	int src_rc = gp__graph_check_full(g);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	xw x;
	int graph_ids[GP_GK_N], node_ids[GP_NK_N], edge_ids[GP_EK_N], next = 0;
	if (open_doc(&x, fp) != GP_OK) {
		return GP_ENOMEM;
	}
	start(&x, "graphml");
	attr(&x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
	attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	attr(&x, "xsi:schemaLocation",
	     "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
	/*
	 * A key per domain, never for="all": readers take an "all" key's type
	 * for every element. A node's id is the element's; an edge's ends too,
	 * but its direction is the boolean key `directed`, not the per-edge
	 * XML attribute, which networkx refuses in a directed graph
	 * ("directed=false edge found in directed graph") and other readers
	 * misread.
	 */
	graphml_keys(&x, "graph", gp__graph_keys, GP_GK_N, 0, graph_ids, &next);
	graphml_keys(&x, "node", gp__node_keys, GP_NK_N,
		     graphml_id_key(g) ? GP_NK_ID : GP_NK_ID + 1, node_ids, &next);
	graphml_keys(&x, "edge", gp__edge_keys, GP_EK_N, GP_EK_TARGET + 1, edge_ids, &next);
	start(&x, "graph");
	attr(&x, "id", "G");
	attr(&x, "edgedefault", "directed");
	gp_gv hv[GP_GK_N];
	x.oom |= gp__gv_graph(hv, g) != GP_OK;
	graphml_data(&x, gp__graph_keys, hv, GP_GK_N, graph_ids);
	gp__gv_release(hv, GP_GK_N);
	for (size_t i = 0; i < gp_graph_node_count(g) && ok(&x); i++) {
		gp_gv v[GP_NK_N];
		gp__gv_node(v, g, i);
		start(&x, "node");
		attr(&x, "id", v[GP_NK_ID].s);
		graphml_data(&x, gp__node_keys, v, GP_NK_N, node_ids);
		end(&x);
	}
	gp_sources_window win = { 0 }; /* sources left in files, read an edge window at a time */
	for (size_t i = 0; i < gp_graph_edge_count(g) && ok(&x) &&
			   (src_rc = gp__sources_window_at(&win, g, i)) == GP_OK;
	     i++) {
		graphml_edge(&x, g, i, edge_ids);
	}
	gp__sources_window_end(&win);
	int rc = close_doc(&x, fp);
	return src_rc != GP_OK ? src_rc : rc;
}
