/*
 * test_graph.c - the relationship graph of DESIGN §4: aggregation of events
 * into edges, --level country with (time-bounded) memberships, filters and
 * min_count, the analytics, path, ranking, and the JSON (§7) and DOT writers
 * (both parsed back: cJSON and cgraph's agmemread).
 *
 * Every expectation below was worked out by hand from the inline input next
 * to it; none comes from running the code under test. PageRank values are
 * the exact solutions (as fractions) of the small linear systems stated in
 * the comments, solved with python3's fractions module:
 *
 *     x_i = (1 - d)/n + d * ( sum_{j -> i} x_j * w_ji / W_j  +  sum_{dangling j} x_j / n ),
 *     d = 0.85, W_j = the total weight of j's out-arcs, sum_i x_i = 1,
 *
 * on the simple directed view of §4 (an undirected edge is one arc each way,
 * arcs of the same ordered pair merge with weight = sum of counts).
 *
 * Built-in weights used: tariff -8, sanction -8, threat -4.4, statement 0,
 * meeting 2.5, visit 1.9, aid 7.
 */
#include <cjson/cJSON.h>
#include <graphviz/cgraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_impl.h" /* white-box: event references, the fields behind gp_actor_*() */
#include "harness.h"

#define DAY 86400
#define PR_TOL 1e-6

/* ---------------------------------------------------------------- helpers */

/* Seconds of 00:00:00 on a civil day. */
static int64_t day_start(int64_t y, unsigned m, unsigned d)
{
	return gp_days_from_civil(y, m, d) * DAY;
}

/* Seconds of 23:59:59 on a civil day. */
static int64_t day_end(int64_t y, unsigned m, unsigned d)
{
	return gp_days_from_civil(y, m, d) * DAY + DAY - 1;
}

/* Append s to buf (bounded). */
static void cat(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf);
	if (n + 1 < size) {
		snprintf(buf + n, size - n, "%s", s);
	}
}

#define LOAD(text) load_ok((text), __LINE__)

/* Load an inline input that must be free of errors and warnings. */
static gp_dataset *load_ok(const char *text, unsigned line)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	int rc = test_load("graph.json", text, &d, &ds);
	int ok = rc == GP_OK && d.sink.errors == 0 && d.sink.warnings == 0;
	if (!ok) {
		fprintf(stderr,
			"\n  test_graph.c:%u: load failed (rc %d), diagnostics (%zu):", line, rc,
			d.n);
		for (size_t i = 0; i < d.n; i++) {
			fprintf(stderr, "\n      %s", d.lines[i]);
		}
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, "load", __FILE__, "", CU_FALSE);
	test_diags_release(&d);
	if (rc != GP_OK) {
		gp_dataset_free(ds);
		return NULL;
	}
	return ds;
}

#define BUILD(ds, level, filter, min_count) build_ok((ds), (level), (filter), (min_count), __LINE__)

static gp_graph *build_ok(const gp_dataset *ds, int level, const gp_filter *f, uint32_t min_count,
			  unsigned line)
{
	gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
	gp_graph *g = NULL;
	o.level = level;
	o.filter = f;
	o.min_count = min_count;
	int rc = gp_graph_build(&g, ds, &o);
	gp_test_expect_i64(rc, GP_OK, __FILE__, line, "gp_graph_build");
	if (rc != GP_OK) {
		fprintf(stderr, "\n  test_graph.c:%u: igraph: %s", line, gp_graph_last_error());
		gp_graph_free(g);
		return NULL;
	}
	return g;
}

static const char *node_id(const gp_graph *g, uint32_t node)
{
	const gp_node *nd = gp_graph_node(g, node);
	return nd ? gp_dataset_actor(gp_graph_dataset(g), nd->actor)->id : NULL;
}

/* The node of the actor with this id, or NULL. */
static const gp_node *node_of(const gp_graph *g, const char *id)
{
	gp_index a = gp_dataset_find_actor(gp_graph_dataset(g), id);
	if (a == GP_NONE) {
		return NULL;
	}
	uint32_t n = gp_graph_find_node(g, a);
	return n == GP_NONE ? NULL : gp_graph_node(g, n);
}

static const char *country_of(const gp_graph *g, const gp_node *nd)
{
	if (!nd || nd->country == GP_NONE) {
		return NULL;
	}
	return gp_dataset_actor(gp_graph_dataset(g), nd->country)->id;
}

/* "A,B,C": the node ids in graph order. */
static const char *node_list(const gp_graph *g, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < gp_graph_node_count(g); i++) {
		if (i) {
			cat(buf, size, ",");
		}
		cat(buf, size, node_id(g, (uint32_t)i));
	}
	return buf;
}

/* "A-B,A>B": the edges in graph order, '>' directed, '-' undirected. */
static const char *edge_list(const gp_graph *g, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		if (i) {
			cat(buf, size, ",");
		}
		cat(buf, size, node_id(g, e->source));
		cat(buf, size, e->directed ? ">" : "-");
		cat(buf, size, node_id(g, e->target));
	}
	return buf;
}

/* "sanction:1,tariff:1": an edge's type counts, in the order given. */
static const char *type_list(const gp_graph *g, const gp_edge *e, char *buf, size_t size)
{
	const gp_type_count *tc = gp_graph_edge_types(g, e);
	buf[0] = '\0';
	for (uint32_t i = 0; i < e->n_types; i++) {
		char num[32];
		if (i) {
			cat(buf, size, ",");
		}
		cat(buf, size, gp_dataset_type(gp_graph_dataset(g), tc[i].type)->name);
		snprintf(num, sizeof(num), ":%u", tc[i].count);
		cat(buf, size, num);
	}
	return buf;
}

/* "t1,t2": an edge's event ids, in the order given. */
static const char *event_list(const gp_graph *g, const gp_edge *e, char *buf, size_t size)
{
	char idbuf[48];
	buf[0] = '\0';
	for (uint32_t i = 0; i < e->n_events; i++) {
		if (i) {
			cat(buf, size, ",");
		}
		cat(buf, size, gp_graph_edge_event_id(g, e, i, idbuf, sizeof(idbuf)));
	}
	EXPECT_TRUE(gp_graph_edge_event_id(g, e, e->n_events, idbuf, sizeof(idbuf)) == NULL);
	return buf;
}

static const gp_edge *find_edge(const gp_graph *g, const char *src, const char *tgt, int directed)
{
	for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		if (!e->directed == !directed && strcmp(node_id(g, e->source), src) == 0 &&
		    strcmp(node_id(g, e->target), tgt) == 0) {
			return e;
		}
	}
	return NULL;
}

#define EXPECT_EDGE(g, src, tgt, dir, count, weight, types, first, last, events)                   \
	expect_edge((g), (src), (tgt), (dir), (count), (weight), (types), (first), (last),         \
		    (events), __LINE__)

/* One aggregated edge, every field. first/last: GP_TIME_MIN for open. */
static void expect_edge(const gp_graph *g, const char *src, const char *tgt, int directed,
			uint32_t count, double weight, const char *types, int64_t first,
			int64_t last, const char *events, unsigned line)
{
	char buf[512];
	const gp_edge *e = find_edge(g, src, tgt, directed);
	if (!e) {
		fprintf(stderr, "\n  test_graph.c:%u: no edge %s %s %s; edges: %s", line, src,
			directed ? "->" : "--", tgt, edge_list(g, buf, sizeof(buf)));
		CU_assertImplementation(CU_FALSE, line, "edge exists", __FILE__, "", CU_FALSE);
		return;
	}
	gp_test_expect_i64(e->count, count, __FILE__, line, "edge count");
	gp_test_expect_near(e->weight, weight, 1e-9, __FILE__, line, "edge weight");
	gp_test_expect_str(type_list(g, e, buf, sizeof(buf)), types, __FILE__, line, "edge types");
	gp_test_expect_i64(e->first, first, __FILE__, line, "edge first");
	gp_test_expect_i64(e->last, last, __FILE__, line, "edge last");
	gp_test_expect_str(event_list(g, e, buf, sizeof(buf)), events, __FILE__, line,
			   "edge events");
	gp_test_expect_i64(e->n_events, e->count, __FILE__, line, "edge n_events == count");
}

#define EXPECT_NODE(g, id, events, self_events, country)                                           \
	expect_node((g), (id), (events), (self_events), (country), __LINE__)

static void expect_node(const gp_graph *g, const char *id, uint32_t events, uint32_t self_events,
			const char *country, unsigned line)
{
	const gp_node *nd = node_of(g, id);
	if (!nd) {
		fprintf(stderr, "\n  test_graph.c:%u: no node %s", line, id);
		CU_assertImplementation(CU_FALSE, line, "node exists", __FILE__, "", CU_FALSE);
		return;
	}
	gp_test_expect_str(node_id(g, gp_graph_find_node(g, nd->actor)), id, __FILE__, line,
			   "node id");
	gp_test_expect_i64(nd->events, events, __FILE__, line, "node events");
	gp_test_expect_i64(nd->self_events, self_events, __FILE__, line, "node self_events");
	gp_test_expect_str(country_of(g, nd), country, __FILE__, line, "node country");
}

#define EXPECT_DEGREES(g, id, in, out) expect_degrees((g), (id), (in), (out), __LINE__)

static void expect_degrees(const gp_graph *g, const char *id, uint32_t in, uint32_t out,
			   unsigned line)
{
	const gp_node *nd = node_of(g, id);
	if (!nd) {
		fprintf(stderr, "\n  test_graph.c:%u: no node %s", line, id);
		CU_assertImplementation(CU_FALSE, line, "node exists", __FILE__, "", CU_FALSE);
		return;
	}
	gp_test_expect_i64(nd->in_degree, in, __FILE__, line, "in_degree");
	gp_test_expect_i64(nd->out_degree, out, __FILE__, line, "out_degree");
}

/* A field of a node by id, for one-line checks; -12345 when there is no node. */
static double node_val(const gp_graph *g, const char *id, char what)
{
	const gp_node *nd = node_of(g, id);
	if (!nd) {
		return -12345.0;
	}
	switch (what) {
	case 'p': return nd->pagerank;
	case 'b': return nd->betweenness;
	case 's': return nd->strength;
	case 'c': return nd->community;
	default: return -12345.0;
	}
}

/* What a whole-graph writer wrote, and its return code in *rc. */
typedef int (*graph_writer)(FILE *fp, const gp_graph *g);

static char *capture_with(graph_writer write, const gp_graph *g, int *rc, size_t *len)
{
	char *buf = NULL;
	*len = 0;
	FILE *fp = open_memstream(&buf, len);
	if (!fp) {
		*rc = GP_ENOMEM;
		return NULL;
	}
	*rc = write(fp, g);
	fclose(fp);
	return buf;
}

static const gp_dot_options *dot_options; /* for write_dot: the writers take no options */

static int write_dot(FILE *fp, const gp_graph *g)
{
	return gp_graph_write_dot(fp, g, dot_options);
}

/* What gp_graph_write_json / _dot write, NUL-terminated, the write checked; free(). */
static char *capture_ok(graph_writer write, const gp_graph *g)
{
	int rc;
	size_t len;
	char *buf = capture_with(write, g, &rc, &len);
	EXPECT_I64(rc, GP_OK);
	return buf;
}

static char *capture_json(const gp_graph *g)
{
	return capture_ok(gp_graph_write_json, g);
}

static char *capture_dot(const gp_graph *g, const gp_dot_options *o)
{
	dot_options = o;
	return capture_ok(write_dot, g);
}

/* ------------------------------------------------- 1. aggregation (actor) */

/*
 * Events in the file out of date order. Timeline order: r1 (01-05), t1
 * (01-15), m1 (01-20), t2 (02-10). Actors defined out of id order, so that
 * actor index order is not id order. D is only `about`: no node.
 */
static const char agg_text[] =
	"{\"geopol\": 1, \"actors\": [\n"
	"{\"id\": \"C\", \"name\": \"Gamma Corp\", \"kind\": \"organization\"},\n"
	"{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"country\"},\n"
	"{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},\n"
	"{\"id\": \"D\", \"name\": \"Delta\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"t2\", \"type\": \"tariff\", \"date\": \"2025-02-10\", \"title\": \"Second tariff\", \"source\": [\"A\"], \"target\": [\"B\"]},\n"
	"{\"id\": \"m1\", \"type\": \"meeting\", \"date\": \"2025-01-20\", \"title\": \"Summit\", \"participants\": [\"C\", \"B\", \"A\"]},\n"
	"{\"id\": \"r1\", \"type\": \"threat\", \"date\": \"2025-01-05\", \"title\": \"Threat\", \"source\": [\"B\"], \"target\": [\"A\"]},\n"
	"{\"id\": \"t1\", \"type\": \"tariff\", \"date\": \"2025-01-15\", \"title\": \"First tariff\", \"source\": [\"A\"], \"target\": [\"B\"], \"about\": [\"D\"]}]}\n";

static void test_aggregation_actor(void)
{
	char buf[512];
	gp_dataset *ds = LOAD(agg_text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (!g) {
		gp_dataset_free(ds);
		return;
	}
	EXPECT_I64(gp_graph_level(g), GP_LEVEL_ACTOR);
	EXPECT_TRUE(gp_graph_dataset(g) == ds);
	/* Nodes in id order; D (only `about`) is none. */
	EXPECT_STR(node_list(g, buf, sizeof(buf)), "A,B,C");
	EXPECT_I64(gp_graph_find_node(g, gp_dataset_find_actor(ds, "D")), GP_NONE);
	EXPECT_NODE(g, "A", 4, 0, "A");
	EXPECT_NODE(g, "B", 4, 0, "B");
	EXPECT_NODE(g, "C", 1, 0, NULL);
	/* Edges by (source id, target id, directed), undirected before directed. */
	EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A-B,A>B,A-C,B>A,B-C");
	EXPECT_EDGE(g, "A", "B", 0, 1, 2.5, "meeting:1", day_start(2025, 1, 20),
		    day_start(2025, 1, 20), "m1");
	EXPECT_EDGE(g, "A", "B", 1, 2, -16, "tariff:2", day_start(2025, 1, 15),
		    day_start(2025, 2, 10), "t1,t2");
	EXPECT_EDGE(g, "A", "C", 0, 1, 2.5, "meeting:1", day_start(2025, 1, 20),
		    day_start(2025, 1, 20), "m1");
	EXPECT_EDGE(g, "B", "A", 1, 1, -4.4, "threat:1", day_start(2025, 1, 5),
		    day_start(2025, 1, 5), "r1");
	EXPECT_EDGE(g, "B", "C", 0, 1, 2.5, "meeting:1", day_start(2025, 1, 20),
		    day_start(2025, 1, 20), "m1");
	/* The getters' bounds. */
	EXPECT_TRUE(gp_graph_node(g, gp_graph_node_count(g)) == NULL);
	EXPECT_TRUE(gp_graph_edge(g, gp_graph_edge_count(g)) == NULL);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Ids compare as bytes: "B" (0x42) < "a" (0x61) < "Ä" (0xC3 0x84). The
 * meeting lists them in the opposite order; the undirected edges must
 * name the smaller id as source.
 */
static void test_id_byte_order(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"\\u00c4\", \"name\": \"A umlaut\", \"kind\": \"country\"},\n"
		"{\"id\": \"a\", \"name\": \"small a\", \"kind\": \"country\"},\n"
		"{\"id\": \"B\", \"name\": \"Big B\", \"kind\": \"country\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"m\", \"type\": \"meeting\", \"date\": \"2025\", \"title\": \"M\", \"participants\": [\"\\u00c4\", \"a\", \"B\"]}]}\n";
	char buf[256];
	gp_dataset *ds = LOAD(text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "B,a,\xc3\x84");
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "B-a,B-\xc3\x84,a-\xc3\x84");
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Edge events in timeline order when starts tie (DESIGN §2): the later
 * latest end first ("2025" ends 2025-12-31, after "2025-01"), then input
 * order (d1 before d2, both 2025-01-01). File order: d1, m, d2, y.
 * Expected: y, m, d1, d2; first = last = 2025-01-01.
 */
static void test_edge_events_ties(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"A\", \"name\": \"A\", \"kind\": \"country\"},\n"
		"{\"id\": \"B\", \"name\": \"B\", \"kind\": \"country\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"d1\", \"type\": \"tariff\", \"date\": \"2025-01-01\", \"title\": \"1\", \"source\": [\"A\"], \"target\": [\"B\"]},\n"
		"{\"id\": \"m\", \"type\": \"threat\", \"date\": \"2025-01\", \"title\": \"2\", \"source\": [\"A\"], \"target\": [\"B\"]},\n"
		"{\"id\": \"d2\", \"type\": \"tariff\", \"date\": \"2025-01-01\", \"title\": \"3\", \"source\": [\"A\"], \"target\": [\"B\"]},\n"
		"{\"id\": \"y\", \"type\": \"aid\", \"date\": \"2025\", \"title\": \"4\", \"source\": [\"A\"], \"target\": [\"B\"]}]}\n";
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		/* weight: -8 - 4.4 - 8 + 7 */
		EXPECT_EDGE(g, "A", "B", 1, 4, -13.4, "aid:1,tariff:2,threat:1",
			    day_start(2025, 1, 1), day_start(2025, 1, 1), "y,m,d1,d2");
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* ------------------------------------------------------- 2. country level */

/*
 * c1: two USA persons -> a RUS person: both pairs land on USA->RUS, once.
 * c2: a USA person -> another USA person and USA: two self-loop pairs on
 *     USA, one self-loop event.
 * c3: meeting of p4 (fsb -> RUS), acme (no country: stays acme) and p3
 *     (RUS): pairs RUS-acme twice (counted once) and RUS-RUS (self-loop).
 * c4: USA -> p3 and fsb, both RUS: once on USA->RUS.
 * Timeline order: c1 (03-01), c2 (03-05), c3 (03-10), c4 (03-12).
 */
static const char country_text[] =
	"{\"actors\": [\n"
	"{\"id\": \"p1\", \"name\": \"Person One\", \"kind\": \"person\", \"part_of\": \"USA\"},\n"
	"{\"id\": \"p2\", \"name\": \"Person Two\", \"kind\": \"person\", \"part_of\": \"USA\"},\n"
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},\n"
	"{\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"country\"},\n"
	"{\"id\": \"fsb\", \"name\": \"FSB\", \"kind\": \"agency\", \"part_of\": \"RUS\"},\n"
	"{\"id\": \"p3\", \"name\": \"Person Three\", \"kind\": \"person\", \"part_of\": \"RUS\"},\n"
	"{\"id\": \"p4\", \"name\": \"Officer Four\", \"kind\": \"person\", \"part_of\": \"fsb\"},\n"
	"{\"id\": \"holding\", \"name\": \"Holding\", \"kind\": \"organization\"},\n"
	"{\"id\": \"acme\", \"name\": \"Acme\", \"kind\": \"organization\", \"part_of\": \"holding\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"c4\", \"type\": \"tariff\", \"date\": \"2025-03-12\", \"title\": \"T\", \"source\": [\"USA\"], \"target\": [\"p3\", \"fsb\"]},\n"
	"{\"id\": \"c1\", \"type\": \"sanction\", \"date\": \"2025-03-01\", \"title\": \"S\", \"source\": [\"p1\", \"p2\"], \"target\": [\"p3\"]},\n"
	"{\"id\": \"c3\", \"type\": \"meeting\", \"date\": \"2025-03-10\", \"title\": \"M\", \"participants\": [\"p4\", \"acme\", \"p3\"]},\n"
	"{\"id\": \"c2\", \"type\": \"statement\", \"date\": \"2025-03-05\", \"title\": \"St\", \"source\": [\"p1\"], \"target\": [\"p2\", \"USA\"]}]}\n";

static void test_country_level(void)
{
	char buf[512];
	gp_dataset *ds = LOAD(country_text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_COUNTRY, NULL, 0);
	if (!g) {
		gp_dataset_free(ds);
		return;
	}
	EXPECT_I64(gp_graph_level(g), GP_LEVEL_COUNTRY);
	/* "RUS" < "USA" < "holding" in bytes. acme has no country ancestor: it
	 * collapses onto the top of its part_of chain, holding (DESIGN §4). */
	EXPECT_STR(node_list(g, buf, sizeof(buf)), "RUS,USA,holding");
	EXPECT_NODE(g, "RUS", 3, 1, "RUS");    /* c1 c3 c4; self-loop in c3 */
	EXPECT_NODE(g, "USA", 3, 1, "USA");    /* c1 c2 c4; self-loop in c2 */
	EXPECT_NODE(g, "holding", 1, 0, NULL); /* c3, through acme */
	EXPECT_STR(edge_list(g, buf, sizeof(buf)), "RUS-holding,USA>RUS");
	EXPECT_EDGE(g, "RUS", "holding", 0, 1, 2.5, "meeting:1", day_start(2025, 3, 10),
		    day_start(2025, 3, 10), "c3");
	EXPECT_EDGE(g, "USA", "RUS", 1, 2, -16, "sanction:1,tariff:1", day_start(2025, 3, 1),
		    day_start(2025, 3, 12), "c1,c4");
	/* Degrees: arcs RUS->holding, holding->RUS, USA->RUS. */
	EXPECT_DEGREES(g, "RUS", 2, 1);
	EXPECT_DEGREES(g, "USA", 0, 1);
	EXPECT_DEGREES(g, "holding", 1, 1);
	/* strength: RUS 2.5 + 16, USA 16, holding 2.5 */
	EXPECT_DBL(node_val(g, "RUS", 's'), 18.5);
	EXPECT_DBL(node_val(g, "USA", 's'), 16);
	EXPECT_DBL(node_val(g, "holding", 's'), 2.5);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* The same input at actor level: every actor its own node, `country` mapped. */
static void test_actor_level_country_key(void)
{
	char buf[512];
	gp_dataset *ds = LOAD(country_text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (!g) {
		gp_dataset_free(ds);
		return;
	}
	EXPECT_STR(node_list(g, buf, sizeof(buf)), "USA,acme,fsb,p1,p2,p3,p4");
	EXPECT_NODE(g, "USA", 2, 0, "USA"); /* c2, c4 */
	EXPECT_NODE(g, "acme", 1, 0, NULL);
	EXPECT_NODE(g, "fsb", 1, 0, "RUS");
	EXPECT_NODE(g, "p1", 2, 0, "USA");
	EXPECT_NODE(g, "p2", 2, 0, "USA");
	EXPECT_NODE(g, "p3", 3, 0, "RUS");
	EXPECT_NODE(g, "p4", 1, 0, "RUS"); /* through fsb */
	/* RUS itself takes part in nothing at actor level. */
	EXPECT_TRUE(node_of(g, "RUS") == NULL);
	EXPECT_STR(edge_list(g, buf, sizeof(buf)),
		   "USA>fsb,USA>p3,acme-p3,acme-p4,p1>USA,p1>p2,p1>p3,p2>p3,p3-p4");
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* ---------------------------------------------- 3. time-bounded membership */

/*
 * min: AAA 2010..2015, BBB from 2016. dual: BBB from 2011, AAA always (both
 * valid from 2011: the first listed, BBB). unit: ag1 until 2019, ag2 from
 * 2020; ag1 is in AAA only from 2015; ag2 in BBB.
 * Timeline order: eopen (open start), e2005, d2010, d2012 (2012-01-01),
 * e2012 (2012-05-01), e2015 (2015-06), e2020.
 */
static const char time_text[] =
	"{\"actors\": [\n"
	"{\"id\": \"min\", \"name\": \"The Minister\", \"kind\": \"person\", \"part_of\": [{\"id\": \"AAA\", \"from\": \"2010\", \"to\": \"2015\"}, {\"id\": \"BBB\", \"from\": \"2016\"}]},\n"
	"{\"id\": \"dual\", \"name\": \"Dual\", \"kind\": \"person\", \"part_of\": [{\"id\": \"BBB\", \"from\": \"2011\"}, {\"id\": \"AAA\"}]},\n"
	"{\"id\": \"unit\", \"name\": \"Unit\", \"kind\": \"group\", \"part_of\": [{\"id\": \"ag1\", \"to\": \"2019\"}, {\"id\": \"ag2\", \"from\": \"2020\"}]},\n"
	"{\"id\": \"ag1\", \"name\": \"Agency 1\", \"kind\": \"agency\", \"part_of\": [{\"id\": \"AAA\", \"from\": \"2015\"}]},\n"
	"{\"id\": \"ag2\", \"name\": \"Agency 2\", \"kind\": \"agency\", \"part_of\": \"BBB\"},\n"
	"{\"id\": \"AAA\", \"name\": \"Country A\", \"kind\": \"country\"},\n"
	"{\"id\": \"BBB\", \"name\": \"Country B\", \"kind\": \"country\"},\n"
	"{\"id\": \"XXX\", \"name\": \"Country X\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"e2020\", \"type\": \"tariff\", \"date\": \"2020\", \"title\": \"a\", \"source\": [\"min\"], \"target\": [\"XXX\"]},\n"
	"{\"id\": \"e2012\", \"type\": \"tariff\", \"date\": \"2012-05-01\", \"title\": \"b\", \"source\": [\"min\"], \"target\": [\"XXX\"]},\n"
	"{\"id\": \"e2005\", \"type\": \"tariff\", \"date\": \"2005\", \"title\": \"c\", \"source\": [\"min\"], \"target\": [\"XXX\"]},\n"
	"{\"id\": \"e2015\", \"type\": \"tariff\", \"date\": \"2015-06\", \"title\": \"d\", \"source\": [\"min\"], \"target\": [\"XXX\"]},\n"
	"{\"id\": \"eopen\", \"type\": \"tariff\", \"date\": \"../2013\", \"title\": \"e\", \"source\": [\"min\"], \"target\": [\"XXX\"]},\n"
	"{\"id\": \"d2012\", \"type\": \"statement\", \"date\": \"2012\", \"title\": \"f\", \"source\": [\"dual\"], \"target\": [\"XXX\"]},\n"
	"{\"id\": \"d2010\", \"type\": \"statement\", \"date\": \"2010\", \"title\": \"g\", \"source\": [\"dual\"], \"target\": [\"XXX\"]}]}\n";

static void test_time_bounded_graph(void)
{
	char buf[512];
	gp_dataset *ds = LOAD(time_text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_COUNTRY, NULL, 0);
	if (g) {
		/* min in 2005: no membership valid, it stays itself. dual always maps. */
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "AAA,BBB,XXX,min");
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "AAA>XXX,BBB>XXX,min>XXX");
		/* AAA: eopen (open: first listed), d2010 (only AAA valid for dual),
		 * e2012, e2015 (2015-06 is before the end of "2015"). */
		EXPECT_EDGE(g, "AAA", "XXX", 1, 4, -24, "statement:1,tariff:3", GP_TIME_MIN,
			    day_start(2015, 6, 1), "eopen,d2010,e2012,e2015");
		/* BBB: d2012 (dual: both valid, first listed), e2020. */
		EXPECT_EDGE(g, "BBB", "XXX", 1, 2, -8, "statement:1,tariff:1",
			    day_start(2012, 1, 1), day_start(2020, 1, 1), "d2012,e2020");
		EXPECT_EDGE(g, "min", "XXX", 1, 1, -8, "tariff:1", day_start(2005, 1, 1),
			    day_start(2005, 1, 1), "e2005");
		EXPECT_NODE(g, "AAA", 4, 0, "AAA");
		EXPECT_NODE(g, "BBB", 2, 0, "BBB");
		EXPECT_NODE(g, "XXX", 7, 0, "XXX");
		/* The node min's latest event is e2005, where it maps to nothing. */
		EXPECT_NODE(g, "min", 1, 0, NULL);
	}
	gp_graph_free(g);
	/* At actor level `country` is the mapping at the latest event. */
	g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "XXX,dual,min");
		EXPECT_NODE(g, "min", 5, 0, "BBB");  /* latest: e2020 */
		EXPECT_NODE(g, "dual", 2, 0, "BBB"); /* latest: d2012, both valid: first */
		EXPECT_EDGE(g, "min", "XXX", 1, 5, -40, "tariff:5", GP_TIME_MIN,
			    day_start(2020, 1, 1), "eopen,e2005,e2012,e2015,e2020");
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

static void test_map_actor(void)
{
	gp_dataset *ds = LOAD(time_text);
	if (!ds) {
		return;
	}
	gp_index min = gp_dataset_find_actor(ds, "min"), dual = gp_dataset_find_actor(ds, "dual");
	gp_index unit = gp_dataset_find_actor(ds, "unit"), ag1 = gp_dataset_find_actor(ds, "ag1");
	gp_index aaa = gp_dataset_find_actor(ds, "AAA"), bbb = gp_dataset_find_actor(ds, "BBB");
	gp_index ag2 = gp_dataset_find_actor(ds, "ag2");
	EXPECT_TRUE(min != GP_NONE && dual != GP_NONE && unit != GP_NONE && ag1 != GP_NONE &&
		    aaa != GP_NONE && bbb != GP_NONE && ag2 != GP_NONE);
	/* Actor level: always itself. */
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_ACTOR, day_start(2012, 1, 1)), min);
	EXPECT_I64(gp_graph_map_actor(ds, unit, GP_LEVEL_ACTOR, GP_TIME_MIN), unit);
	/* min: AAA from 2010-01-01T00:00:00 to 2015-12-31T23:59:59, BBB from 2016. */
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_start(2012, 5, 1)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_start(2015, 6, 1)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_start(2010, 1, 1)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_end(2015, 12, 31)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_start(2016, 1, 1)), bbb);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_start(2020, 1, 1)), bbb);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, GP_TIME_MIN), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_start(2005, 1, 1)), min);
	EXPECT_I64(gp_graph_map_actor(ds, min, GP_LEVEL_COUNTRY, day_end(2009, 12, 31)), min);
	/* dual: both valid from 2011: the first listed (BBB). */
	EXPECT_I64(gp_graph_map_actor(ds, dual, GP_LEVEL_COUNTRY, day_start(2012, 1, 1)), bbb);
	EXPECT_I64(gp_graph_map_actor(ds, dual, GP_LEVEL_COUNTRY, day_start(2010, 1, 1)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, dual, GP_LEVEL_COUNTRY, GP_TIME_MIN), bbb);
	/* unit through its agencies. */
	EXPECT_I64(gp_graph_map_actor(ds, unit, GP_LEVEL_COUNTRY, day_start(2018, 3, 1)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, unit, GP_LEVEL_COUNTRY, day_end(2019, 12, 31)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, unit, GP_LEVEL_COUNTRY, day_start(2021, 1, 1)), bbb);
	/* 2012: unit -> ag1 holds, ag1 -> AAA does not: the chain stops at ag1,
	 * the last actor it reaches, which stands for unit (DESIGN §4). */
	EXPECT_I64(gp_graph_map_actor(ds, unit, GP_LEVEL_COUNTRY, day_start(2012, 1, 1)), ag1);
	EXPECT_I64(gp_graph_map_actor(ds, ag1, GP_LEVEL_COUNTRY, day_start(2012, 1, 1)), ag1);
	/* Open start: first listed at every step: unit -> ag1 -> AAA. */
	EXPECT_I64(gp_graph_map_actor(ds, unit, GP_LEVEL_COUNTRY, GP_TIME_MIN), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, ag2, GP_LEVEL_COUNTRY, day_start(1990, 1, 1)), bbb);
	/* A country is itself. */
	EXPECT_I64(gp_graph_map_actor(ds, aaa, GP_LEVEL_COUNTRY, day_start(2012, 1, 1)), aaa);
	EXPECT_I64(gp_graph_map_actor(ds, aaa, GP_LEVEL_COUNTRY, GP_TIME_MIN), aaa);
	gp_dataset_free(ds);
}

/* ---------------------------------------------------- 4. filters, min_count */

static void test_filters_min_count(void)
{
	char buf[512];
	gp_dataset *ds = LOAD(agg_text);
	if (!ds) {
		return;
	}
	/* 2025-01-15 .. 2025-01-31: t1 and m1 (r1 ends before, t2 starts after). */
	gp_filter f = GP_FILTER_INIT;
	f.has_from = 1;
	f.from = day_start(2025, 1, 15);
	f.has_to = 1;
	f.to = day_end(2025, 1, 31);
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, &f, 0);
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "A,B,C");
		EXPECT_NODE(g, "A", 2, 0, "A");
		EXPECT_NODE(g, "B", 2, 0, "B");
		EXPECT_NODE(g, "C", 1, 0, NULL);
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A-B,A>B,A-C,B-C");
		EXPECT_EDGE(g, "A", "B", 1, 1, -8, "tariff:1", day_start(2025, 1, 15),
			    day_start(2025, 1, 15), "t1");
	}
	gp_graph_free(g);

	/* Types: tariff only. C takes part in no selected event: no node. */
	gp_filter ft = GP_FILTER_INIT;
	gp_index tariff = gp_dataset_find_type(ds, "tariff");
	ft.types = &tariff;
	ft.n_types = 1;
	g = BUILD(ds, GP_LEVEL_ACTOR, &ft, 0);
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "A,B");
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A>B");
		EXPECT_EDGE(g, "A", "B", 1, 2, -16, "tariff:2", day_start(2025, 1, 15),
			    day_start(2025, 2, 10), "t1,t2");
		EXPECT_NODE(g, "A", 2, 0, "A");
	}
	gp_graph_free(g);

	/* Actor mask: events involving C (only m1). */
	uint8_t *mask = NULL;
	gp_index c = gp_dataset_find_actor(ds, "C");
	EXPECT_I64(gp_filter_actor_mask(&mask, ds, &c, 1), GP_OK);
	gp_filter fa = GP_FILTER_INIT;
	fa.actor_mask = mask;
	g = mask ? BUILD(ds, GP_LEVEL_ACTOR, &fa, 0) : NULL;
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "A,B,C");
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A-B,A-C,B-C");
		EXPECT_NODE(g, "A", 1, 0, "A");
	}
	gp_graph_free(g);
	free(mask);

	/* min_count 2: only A>B (t1, t2) stays; nodes are unaffected. */
	g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 2);
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "A,B,C");
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A>B");
		EXPECT_EDGE(g, "A", "B", 1, 2, -16, "tariff:2", day_start(2025, 1, 15),
			    day_start(2025, 2, 10), "t1,t2");
		EXPECT_NODE(g, "C", 1, 0, NULL);
		EXPECT_DEGREES(g, "A", 0, 1);
		EXPECT_DEGREES(g, "B", 1, 0);
		EXPECT_DEGREES(g, "C", 0, 0);
		EXPECT_DBL(node_val(g, "A", 's'), 16);
		EXPECT_DBL(node_val(g, "C", 's'), 0);
	}
	gp_graph_free(g);
	/* min_count 1 and 0 keep everything. */
	for (uint32_t mc = 0; mc <= 1; mc++) {
		g = BUILD(ds, GP_LEVEL_ACTOR, NULL, mc);
		if (g) {
			EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A-B,A>B,A-C,B>A,B-C");
		}
		gp_graph_free(g);
	}
	/* The filter first, then min_count: in the date window no edge has 2 events. */
	g = BUILD(ds, GP_LEVEL_ACTOR, &f, 2);
	if (g) {
		EXPECT_I64(gp_graph_edge_count(g), 0);
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "A,B,C");
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* --------------------------------------------------------- 5. analytics */

#define ACTORS3                                                                                    \
	"{\"actors\": [\n"                                                                         \
	"{\"id\": \"C\", \"name\": \"C\", \"kind\": \"country\"},\n"                               \
	"{\"id\": \"B\", \"name\": \"B\", \"kind\": \"country\"},\n"                               \
	"{\"id\": \"A\", \"name\": \"A\", \"kind\": \"country\"}],\n"

/*
 * Path A -> B -> C (one event each), C dangling.
 * Betweenness (directed, ordered pairs): only A->C has an intermediate: B = 1.
 * PageRank, n = 3, x = 0.05 + 0.85c/3 (teleport + dangling share):
 *   a = x, b = x + 0.85a, c = x + 0.85b  =>  a = 400/2169, b = 740/2169, c = 343/723.
 *   (check: a + b + c = (400 + 740 + 1029)/2169 = 1; x = 400/2169 and
 *    0.05 + 0.85 * (1029/2169) / 3 = (108.45 + 291.55)/2169 = 400/2169.)
 */
static void test_analytics_path(void)
{
	static const char text[] = ACTORS3
		"\"events\": [\n"
		"{\"id\": \"p2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"b\", \"source\": [\"B\"], \"target\": [\"C\"]},\n"
		"{\"id\": \"p1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"a\", \"source\": [\"A\"], \"target\": [\"B\"]}]}\n";
	gp_dataset *ds = LOAD(text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (g) {
		EXPECT_DEGREES(g, "A", 0, 1);
		EXPECT_DEGREES(g, "B", 1, 1);
		EXPECT_DEGREES(g, "C", 1, 0);
		EXPECT_DBL(node_val(g, "A", 'b'), 0);
		EXPECT_DBL(node_val(g, "B", 'b'), 1);
		EXPECT_DBL(node_val(g, "C", 'b'), 0);
		EXPECT_NEAR(node_val(g, "A", 'p'), 400.0 / 2169, PR_TOL);
		EXPECT_NEAR(node_val(g, "B", 'p'), 740.0 / 2169, PR_TOL);
		EXPECT_NEAR(node_val(g, "C", 'p'), 343.0 / 723, PR_TOL);
		/* statements weigh 0 */
		EXPECT_DBL(node_val(g, "B", 's'), 0);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * A -> B tariff (-8), A - B meeting (+2.5), A -> C aid (+7).
 * Aggregated edges: A-B (undirected, 1), A>B (1), A>C (1).
 * Simple directed view: A->B weight 1 + 1 = 2, B->A weight 1, A->C weight 1.
 * Degrees (distinct neighbours): A in {B} out {B, C}; B in {A} out {A};
 * C in {A} out {}.
 * Strength: A 8 + 2.5 + 7 = 17.5, B 8 + 2.5 = 10.5, C 7.
 * Betweenness: ordered pairs with an intermediate: B->C via A only: A = 1.
 * PageRank, n = 3, C dangling, x = 0.05 + 0.85c/3:
 *   a = x + 0.85b, b = x + 0.85 * (2/3)a, c = x + 0.85 * (1/3)a
 *   =>  a = 2220/5351, b = 1880/5351, c = 1251/5351.
 */
static void test_analytics_mixed(void)
{
	static const char text[] = ACTORS3
		"\"events\": [\n"
		"{\"id\": \"x3\", \"type\": \"aid\", \"date\": \"2025-01-03\", \"title\": \"c\", \"source\": [\"A\"], \"target\": [\"C\"]},\n"
		"{\"id\": \"x2\", \"type\": \"meeting\", \"date\": \"2025-01-02\", \"title\": \"b\", \"participants\": [\"B\", \"A\"]},\n"
		"{\"id\": \"x1\", \"type\": \"tariff\", \"date\": \"2025-01-01\", \"title\": \"a\", \"source\": [\"A\"], \"target\": [\"B\"]}]}\n";
	char buf[256];
	gp_dataset *ds = LOAD(text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (g) {
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "A-B,A>B,A>C");
		EXPECT_DEGREES(g, "A", 1, 2);
		EXPECT_DEGREES(g, "B", 1, 1);
		EXPECT_DEGREES(g, "C", 1, 0);
		EXPECT_DBL(node_val(g, "A", 's'), 17.5);
		EXPECT_DBL(node_val(g, "B", 's'), 10.5);
		EXPECT_DBL(node_val(g, "C", 's'), 7);
		EXPECT_DBL(node_val(g, "A", 'b'), 1);
		EXPECT_DBL(node_val(g, "B", 'b'), 0);
		EXPECT_DBL(node_val(g, "C", 'b'), 0);
		EXPECT_NEAR(node_val(g, "A", 'p'), 2220.0 / 5351, PR_TOL);
		EXPECT_NEAR(node_val(g, "B", 'p'), 1880.0 / 5351, PR_TOL);
		EXPECT_NEAR(node_val(g, "C", 'p'), 1251.0 / 5351, PR_TOL);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Arc weights are event counts: A -> B twice, A -> C once, B -> C once.
 * PageRank, n = 3, C dangling, x = 0.05 + 0.85c/3:
 *   a = x, b = x + 0.85 * (2/3)a, c = x + 0.85 * ((1/3)a + b)
 *   =>  a = 600/3109, b = 940/3109, c = 1569/3109.
 * (Unweighted, b would be x + 0.85a/2: the weights matter.)
 * Betweenness: A->C is direct: all 0.
 */
static void test_analytics_weighted_pagerank(void)
{
	static const char text[] = ACTORS3
		"\"events\": [\n"
		"{\"id\": \"w1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"a\", \"source\": [\"A\"], \"target\": [\"B\"]},\n"
		"{\"id\": \"w2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"b\", \"source\": [\"A\"], \"target\": [\"B\"]},\n"
		"{\"id\": \"w3\", \"type\": \"statement\", \"date\": \"2025-01-03\", \"title\": \"c\", \"source\": [\"A\"], \"target\": [\"C\"]},\n"
		"{\"id\": \"w4\", \"type\": \"statement\", \"date\": \"2025-01-04\", \"title\": \"d\", \"source\": [\"B\"], \"target\": [\"C\"]}]}\n";
	gp_dataset *ds = LOAD(text);
	if (!ds) {
		return;
	}
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	if (g) {
		EXPECT_NEAR(node_val(g, "A", 'p'), 600.0 / 3109, PR_TOL);
		EXPECT_NEAR(node_val(g, "B", 'p'), 940.0 / 3109, PR_TOL);
		EXPECT_NEAR(node_val(g, "C", 'p'), 1569.0 / 3109, PR_TOL);
		EXPECT_DBL(node_val(g, "A", 'b'), 0);
		EXPECT_DBL(node_val(g, "B", 'b'), 0);
		EXPECT_DBL(node_val(g, "C", 'b'), 0);
		EXPECT_DEGREES(g, "A", 0, 2);
		EXPECT_DEGREES(g, "B", 1, 1);
		EXPECT_DEGREES(g, "C", 2, 0);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Undirected star: meetings hub-x, hub-y, hub-z. Each meeting gives arcs both
 * ways. Betweenness: the 6 ordered leaf pairs all pass through hub: 6.
 * PageRank, n = 4, no dangling node: h = 0.0375 + 0.85(x + y + z),
 * x = y = z = 0.0375 + 0.85h/3, h + 3x = 1  =>  h = 71/148, x = 77/444.
 * Strength: hub 3 * 2.5 = 7.5, leaves 2.5. Degrees: hub 3/3, leaves 1/1.
 *
 * Directed star: x -> hub, hub -> y, hub -> z: hub lies on x->y and x->z: 2.
 */
static void test_analytics_stars(void)
{
	static const char und[] =
		"{\"actors\": [\n"
		"{\"id\": \"z\", \"name\": \"z\", \"kind\": \"group\"},\n"
		"{\"id\": \"hub\", \"name\": \"hub\", \"kind\": \"group\"},\n"
		"{\"id\": \"x\", \"name\": \"x\", \"kind\": \"group\"},\n"
		"{\"id\": \"y\", \"name\": \"y\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"s1\", \"type\": \"meeting\", \"date\": \"2025-01-01\", \"title\": \"a\", \"participants\": [\"x\", \"hub\"]},\n"
		"{\"id\": \"s2\", \"type\": \"meeting\", \"date\": \"2025-01-02\", \"title\": \"b\", \"participants\": [\"hub\", \"y\"]},\n"
		"{\"id\": \"s3\", \"type\": \"meeting\", \"date\": \"2025-01-03\", \"title\": \"c\", \"participants\": [\"z\", \"hub\"]}]}\n";
	static const char dir[] =
		"{\"actors\": [\n"
		"{\"id\": \"z\", \"name\": \"z\", \"kind\": \"group\"},\n"
		"{\"id\": \"hub\", \"name\": \"hub\", \"kind\": \"group\"},\n"
		"{\"id\": \"x\", \"name\": \"x\", \"kind\": \"group\"},\n"
		"{\"id\": \"y\", \"name\": \"y\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"s1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"a\", \"source\": [\"x\"], \"target\": [\"hub\"]},\n"
		"{\"id\": \"s2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"b\", \"source\": [\"hub\"], \"target\": [\"y\"]},\n"
		"{\"id\": \"s3\", \"type\": \"statement\", \"date\": \"2025-01-03\", \"title\": \"c\", \"source\": [\"hub\"], \"target\": [\"z\"]}]}\n";
	char buf[256];
	gp_dataset *ds = LOAD(und);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "hub-x,hub-y,hub-z");
		EXPECT_DBL(node_val(g, "hub", 'b'), 6);
		EXPECT_DBL(node_val(g, "x", 'b'), 0);
		EXPECT_DBL(node_val(g, "y", 'b'), 0);
		EXPECT_DBL(node_val(g, "z", 'b'), 0);
		EXPECT_NEAR(node_val(g, "hub", 'p'), 71.0 / 148, PR_TOL);
		EXPECT_NEAR(node_val(g, "x", 'p'), 77.0 / 444, PR_TOL);
		EXPECT_NEAR(node_val(g, "y", 'p'), 77.0 / 444, PR_TOL);
		EXPECT_NEAR(node_val(g, "z", 'p'), 77.0 / 444, PR_TOL);
		EXPECT_DBL(node_val(g, "hub", 's'), 7.5);
		EXPECT_DBL(node_val(g, "z", 's'), 2.5);
		EXPECT_DEGREES(g, "hub", 3, 3);
		EXPECT_DEGREES(g, "y", 1, 1);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);

	ds = LOAD(dir);
	g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		EXPECT_DBL(node_val(g, "hub", 'b'), 2);
		EXPECT_DBL(node_val(g, "x", 'b'), 0);
		EXPECT_DBL(node_val(g, "y", 'b'), 0);
		EXPECT_DEGREES(g, "hub", 1, 2);
		EXPECT_DEGREES(g, "x", 0, 1);
		EXPECT_DEGREES(g, "z", 1, 0);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Two triangles {a, c, e} and {b, d, f} joined by the directed edge e -> b.
 * Modularity (m = 7, one unit per edge): the split into the two triangles
 * gives 2 * (3/7 - (7/14)^2) = 0.357 > 0 (one community); Louvain finds it.
 * Numbering by first node in id order: a -> 0, so {a, c, e} = 0, {b, d, f} = 1.
 * The second triangle comes first in the file, so that first mention is not
 * id order.
 */
static void test_analytics_communities(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"f\", \"name\": \"f\", \"kind\": \"group\"},\n"
		"{\"id\": \"d\", \"name\": \"d\", \"kind\": \"group\"},\n"
		"{\"id\": \"b\", \"name\": \"b\", \"kind\": \"group\"},\n"
		"{\"id\": \"e\", \"name\": \"e\", \"kind\": \"group\"},\n"
		"{\"id\": \"c\", \"name\": \"c\", \"kind\": \"group\"},\n"
		"{\"id\": \"a\", \"name\": \"a\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"k1\", \"type\": \"meeting\", \"date\": \"2025-01-01\", \"title\": \"1\", \"participants\": [\"f\", \"d\", \"b\"]},\n"
		"{\"id\": \"k2\", \"type\": \"tariff\", \"date\": \"2025-01-02\", \"title\": \"2\", \"source\": [\"e\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"k3\", \"type\": \"meeting\", \"date\": \"2025-01-03\", \"title\": \"3\", \"participants\": [\"e\", \"c\"]},\n"
		"{\"id\": \"k4\", \"type\": \"meeting\", \"date\": \"2025-01-04\", \"title\": \"4\", \"participants\": [\"c\", \"a\"]},\n"
		"{\"id\": \"k5\", \"type\": \"meeting\", \"date\": \"2025-01-05\", \"title\": \"5\", \"participants\": [\"a\", \"e\"]}]}\n";
	/*
	 * The projection's weights are counts, and edges of the same pair (a>b,
	 * b>a, a-b) add up: the cycle p - q - r - s - p with p-q 3 (p>q, q>p and a
	 * meeting) and r-s 3 (r>s twice, a meeting), q-r 1 and s>p 1. Split
	 * {p, q}, {r, s}: m = 8, each side in 3/8, degree total 8/16:
	 * Q = 2 * (3/8 - 1/4) = 0.25; the other pairing {q, r}, {s, p} gives
	 * 2 * (1/8 - 1/4) < 0, one community 0. Louvain: {p, q} = 0, {r, s} = 1.
	 * Unweighted, both pairings would have Q = 0.
	 */
	static const char cycle[] =
		"{\"actors\": [\n"
		"{\"id\": \"s\", \"name\": \"s\", \"kind\": \"group\"},\n"
		"{\"id\": \"r\", \"name\": \"r\", \"kind\": \"group\"},\n"
		"{\"id\": \"q\", \"name\": \"q\", \"kind\": \"group\"},\n"
		"{\"id\": \"p\", \"name\": \"p\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"v1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"1\", \"source\": [\"p\"], \"target\": [\"q\"]},\n"
		"{\"id\": \"v2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"2\", \"source\": [\"q\"], \"target\": [\"p\"]},\n"
		"{\"id\": \"v3\", \"type\": \"meeting\", \"date\": \"2025-01-03\", \"title\": \"3\", \"participants\": [\"q\", \"p\"]},\n"
		"{\"id\": \"v4\", \"type\": \"statement\", \"date\": \"2025-01-04\", \"title\": \"4\", \"source\": [\"r\"], \"target\": [\"s\"]},\n"
		"{\"id\": \"v5\", \"type\": \"statement\", \"date\": \"2025-01-05\", \"title\": \"5\", \"source\": [\"r\"], \"target\": [\"s\"]},\n"
		"{\"id\": \"v6\", \"type\": \"meeting\", \"date\": \"2025-01-06\", \"title\": \"6\", \"participants\": [\"s\", \"r\"]},\n"
		"{\"id\": \"v7\", \"type\": \"meeting\", \"date\": \"2025-01-07\", \"title\": \"7\", \"participants\": [\"r\", \"q\"]},\n"
		"{\"id\": \"v8\", \"type\": \"statement\", \"date\": \"2025-01-08\", \"title\": \"8\", \"source\": [\"s\"], \"target\": [\"p\"]}]}\n";
	/*
	 * The same triangles, the bridge e -> b now one edge of 5 events. Its
	 * projection weight is 5 (m = 11, degrees a c d f 2, b e 7). By
	 * enumerating every partition of the 6 nodes: {a, c}, {b, e}, {d, f}
	 * has Q = 2 (1/11 - (4/22)^2) + (5/11 - (14/22)^2) = 20/121 = 0.165,
	 * against 14/121 = 0.116 for the next best and 2 (3/11 - (11/22)^2) =
	 * 1/22 = 0.045 for the two triangles. Numbering: a 0, b 1, c 0, d 2,
	 * e 1, f 2.
	 */
	static const char heavy[] =
		"{\"actors\": [\n"
		"{\"id\": \"f\", \"name\": \"f\", \"kind\": \"group\"},\n"
		"{\"id\": \"d\", \"name\": \"d\", \"kind\": \"group\"},\n"
		"{\"id\": \"b\", \"name\": \"b\", \"kind\": \"group\"},\n"
		"{\"id\": \"e\", \"name\": \"e\", \"kind\": \"group\"},\n"
		"{\"id\": \"c\", \"name\": \"c\", \"kind\": \"group\"},\n"
		"{\"id\": \"a\", \"name\": \"a\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"k1\", \"type\": \"meeting\", \"date\": \"2025-01-01\", \"title\": \"1\", \"participants\": [\"f\", \"d\", \"b\"]},\n"
		"{\"id\": \"k2\", \"type\": \"tariff\", \"date\": \"2025-01-02\", \"title\": \"2\", \"source\": [\"e\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"k3\", \"type\": \"meeting\", \"date\": \"2025-01-03\", \"title\": \"3\", \"participants\": [\"e\", \"c\"]},\n"
		"{\"id\": \"k4\", \"type\": \"meeting\", \"date\": \"2025-01-04\", \"title\": \"4\", \"participants\": [\"c\", \"a\"]},\n"
		"{\"id\": \"k5\", \"type\": \"meeting\", \"date\": \"2025-01-05\", \"title\": \"5\", \"participants\": [\"a\", \"e\"]},\n"
		"{\"id\": \"k6\", \"type\": \"tariff\", \"date\": \"2025-01-06\", \"title\": \"6\", \"source\": [\"e\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"k7\", \"type\": \"tariff\", \"date\": \"2025-01-07\", \"title\": \"7\", \"source\": [\"e\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"k8\", \"type\": \"tariff\", \"date\": \"2025-01-08\", \"title\": \"8\", \"source\": [\"e\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"k9\", \"type\": \"tariff\", \"date\": \"2025-01-09\", \"title\": \"9\", \"source\": [\"e\"], \"target\": [\"b\"]}]}\n";
	char buf[256];
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "a,b,c,d,e,f");
		EXPECT_DBL(node_val(g, "a", 'c'), 0);
		EXPECT_DBL(node_val(g, "c", 'c'), 0);
		EXPECT_DBL(node_val(g, "e", 'c'), 0);
		EXPECT_DBL(node_val(g, "b", 'c'), 1);
		EXPECT_DBL(node_val(g, "d", 'c'), 1);
		EXPECT_DBL(node_val(g, "f", 'c'), 1);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);

	ds = LOAD(heavy);
	g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "a-c,a-e,b-d,b-f,c-e,d-f,e>b");
		EXPECT_DBL(node_val(g, "a", 'c'), 0);
		EXPECT_DBL(node_val(g, "b", 'c'), 1);
		EXPECT_DBL(node_val(g, "c", 'c'), 0);
		EXPECT_DBL(node_val(g, "d", 'c'), 2);
		EXPECT_DBL(node_val(g, "e", 'c'), 1);
		EXPECT_DBL(node_val(g, "f", 'c'), 2);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);

	ds = LOAD(cycle);
	g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "p-q,p>q,q>p,q-r,r-s,r>s,s>p");
		EXPECT_DBL(node_val(g, "p", 'c'), 0);
		EXPECT_DBL(node_val(g, "q", 'c'), 0);
		EXPECT_DBL(node_val(g, "r", 'c'), 1);
		EXPECT_DBL(node_val(g, "s", 'c'), 1);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * An actor that is both source and target: a self-loop, no edge, but still
 * a node taking part in the event. X -> [X, Y]: X self_events 1, edge X>Y.
 * Z -> Z only: a node with no edge at all (its own community, 1).
 */
static void test_self_loop_actor_level(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"X\", \"name\": \"X\", \"kind\": \"group\"},\n"
		"{\"id\": \"Y\", \"name\": \"Y\", \"kind\": \"group\"},\n"
		"{\"id\": \"Z\", \"name\": \"Z\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"l1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"1\", \"source\": [\"X\"], \"target\": [\"X\", \"Y\"]},\n"
		"{\"id\": \"l2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"2\", \"source\": [\"Z\"], \"target\": [\"Z\"]}]}\n";
	char buf[256];
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (g) {
		EXPECT_STR(node_list(g, buf, sizeof(buf)), "X,Y,Z");
		EXPECT_STR(edge_list(g, buf, sizeof(buf)), "X>Y");
		EXPECT_NODE(g, "X", 1, 1, NULL);
		EXPECT_NODE(g, "Y", 1, 0, NULL);
		EXPECT_NODE(g, "Z", 1, 1, NULL);
		EXPECT_DEGREES(g, "X", 0, 1);
		EXPECT_DEGREES(g, "Z", 0, 0);
		EXPECT_DBL(node_val(g, "Z", 'c'), 1);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Misuse and failures say why in gp_graph_last_error(): a dataset that was
 * never finished, a picture format Graphviz does not have.
 */
static void test_errors_said(void)
{
	gp_dataset *ds = NULL;
	gp_graph *g = NULL;
	CU_ASSERT_EQUAL_FATAL(gp_dataset_new(&ds), GP_OK);
	EXPECT_I64(gp_dataset_load_buffer(ds, "t.json", agg_text, strlen(agg_text), GP_INPUT_AUTO,
					  NULL),
		   GP_OK);
	EXPECT_I64(gp_graph_build(&g, ds, NULL), GP_ERROR); /* not finished */
	EXPECT_TRUE(g == NULL);
	EXPECT_TRUE(strstr(gp_graph_last_error(), "gp_dataset_finish") != NULL);
	EXPECT_I64(gp_dataset_finish(ds, NULL), GP_OK);
	EXPECT_I64(gp_graph_build(&g, ds, NULL), GP_OK);
	EXPECT_STR(gp_graph_last_error(), "");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	EXPECT_I64(gp_graph_render(fp, g, "bogus", NULL), GP_ERROR);
	fclose(fp);
	EXPECT_I64(len, 0); /* nothing written */
	EXPECT_TRUE(strstr(gp_graph_last_error(), "Graphviz could not render 'bogus'") != NULL);
	free(buf);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * A filter that keeps nothing: an empty graph, still written as valid JSON
 * and DOT, with no path and an empty ranking.
 */
static void test_empty_graph(void)
{
	gp_dataset *ds = LOAD(agg_text);
	if (!ds) {
		return;
	}
	gp_filter f = GP_FILTER_INIT;
	f.has_from = 1;
	f.from = day_start(2030, 1, 1);
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, &f, 0);
	if (g) {
		EXPECT_I64(gp_graph_node_count(g), 0);
		EXPECT_I64(gp_graph_edge_count(g), 0);
		EXPECT_I64(gp_graph_find_node(g, gp_dataset_find_actor(ds, "A")), GP_NONE);
		uint32_t *path = NULL, *order = NULL;
		size_t n = 99;
		EXPECT_I64(gp_graph_path(&path, &n, g, 0, 0), GP_ENOTFOUND);
		EXPECT_TRUE(path == NULL);
		free(path);
		EXPECT_I64(gp_graph_ranking(&order, g), GP_OK);
		free(order);
		char *text = capture_json(g);
		cJSON *root = text ? cJSON_Parse(text) : NULL;
		CU_ASSERT_PTR_NOT_NULL(root);
		if (root) {
			EXPECT_STR(cJSON_GetObjectItemCaseSensitive(root, "kind")->valuestring,
				   "graph");
			EXPECT_I64(
				cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "nodes")),
				0);
			EXPECT_TRUE(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "edges")));
			EXPECT_I64(
				cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "edges")),
				0);
		}
		cJSON_Delete(root);
		free(text);
		text = capture_dot(g, NULL);
		Agraph_t *dg = text ? agmemread(text) : NULL;
		CU_ASSERT_PTR_NOT_NULL(dg);
		if (dg) {
			/* No events: one node that says so, no legend (docs/pictures.md). */
			Agnode_t *only = agfstnode(dg);
			EXPECT_I64(agnnodes(dg), 1);
			EXPECT_TRUE(agsubg(dg, "cluster_legend", 0) == NULL);
			EXPECT_STR(only ? agget(only, "label") : "",
				   "No events match the selection");
			agclose(dg);
		}
		free(text);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* ------------------------------------------------------------------ 6. path */

/*
 * A -> C, C -> E (forward), B -> A, E -> B (backward from A's side), a longer
 * chain A - A0 - A1 - E whose ids come first, D -> E, and Y - Z apart.
 * A to E: A-B-E and A-C-E both 2 hops: node order picks B. A-A0-A1-E is
 * earlier in node order but 3 hops. C is mentioned before B in the file.
 */
static void test_path(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"Z\", \"name\": \"Z\", \"kind\": \"group\"},\n"
		"{\"id\": \"E\", \"name\": \"E\", \"kind\": \"group\"},\n"
		"{\"id\": \"C\", \"name\": \"C\", \"kind\": \"group\"},\n"
		"{\"id\": \"B\", \"name\": \"B\", \"kind\": \"group\"},\n"
		"{\"id\": \"A\", \"name\": \"A\", \"kind\": \"group\"},\n"
		"{\"id\": \"A1\", \"name\": \"A1\", \"kind\": \"group\"},\n"
		"{\"id\": \"A0\", \"name\": \"A0\", \"kind\": \"group\"},\n"
		"{\"id\": \"D\", \"name\": \"D\", \"kind\": \"group\"},\n"
		"{\"id\": \"Y\", \"name\": \"Y\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"q1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"1\", \"source\": [\"A\"], \"target\": [\"C\"]},\n"
		"{\"id\": \"q2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"2\", \"source\": [\"C\"], \"target\": [\"E\"]},\n"
		"{\"id\": \"q3\", \"type\": \"statement\", \"date\": \"2025-01-03\", \"title\": \"3\", \"source\": [\"B\"], \"target\": [\"A\"]},\n"
		"{\"id\": \"q4\", \"type\": \"statement\", \"date\": \"2025-01-04\", \"title\": \"4\", \"source\": [\"E\"], \"target\": [\"B\"]},\n"
		"{\"id\": \"q5\", \"type\": \"meeting\", \"date\": \"2025-01-05\", \"title\": \"5\", \"participants\": [\"A0\", \"A\"]},\n"
		"{\"id\": \"q6\", \"type\": \"meeting\", \"date\": \"2025-01-06\", \"title\": \"6\", \"participants\": [\"A0\", \"A1\"]},\n"
		"{\"id\": \"q7\", \"type\": \"meeting\", \"date\": \"2025-01-07\", \"title\": \"7\", \"participants\": [\"E\", \"A1\"]},\n"
		"{\"id\": \"q8\", \"type\": \"statement\", \"date\": \"2025-01-08\", \"title\": \"8\", \"source\": [\"D\"], \"target\": [\"E\"]},\n"
		"{\"id\": \"q9\", \"type\": \"meeting\", \"date\": \"2025-01-09\", \"title\": \"9\", \"participants\": [\"Z\", \"Y\"]}]}\n";
	static const struct {
		const char *from, *to, *want; /* want NULL: no path */
	} cases[] = {
		{ "A", "E", "A,B,E" },   { "E", "A", "E,B,A" }, { "A", "D", "A,B,E,D" },
		{ "D", "A", "D,E,B,A" }, { "C", "B", "C,A,B" }, { "A0", "E", "A0,A1,E" },
		{ "Y", "Z", "Y,Z" },     { "Z", "Y", "Z,Y" },   { "A", "C", "A,C" },
		{ "A", "Y", NULL },      { "Z", "D", NULL },
	};
	char buf[256], node_buf[256];
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (!g) {
		gp_dataset_free(ds);
		return;
	}
	EXPECT_STR(node_list(g, node_buf, sizeof(node_buf)), "A,A0,A1,B,C,D,E,Y,Z");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t from = gp_graph_find_node(g, gp_dataset_find_actor(ds, cases[i].from));
		uint32_t to = gp_graph_find_node(g, gp_dataset_find_actor(ds, cases[i].to));
		uint32_t *path = NULL;
		size_t n = 99;
		int rc = gp_graph_path(&path, &n, g, from, to);
		if (!cases[i].want) {
			if (rc != GP_ENOTFOUND) {
				fprintf(stderr, "\n  case %s -> %s", cases[i].from, cases[i].to);
			}
			EXPECT_I64(rc, GP_ENOTFOUND);
			EXPECT_TRUE(path == NULL);
			EXPECT_I64(n, 0);
			free(path);
			continue;
		}
		EXPECT_I64(rc, GP_OK);
		buf[0] = '\0';
		for (size_t k = 0; rc == GP_OK && k < n; k++) {
			if (k) {
				cat(buf, sizeof(buf), ",");
			}
			cat(buf, sizeof(buf), node_id(g, path[k]));
		}
		if (strcmp(buf, cases[i].want) != 0) {
			fprintf(stderr, "\n  case %s -> %s", cases[i].from, cases[i].to);
		}
		EXPECT_STR(buf, cases[i].want);
		free(path);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* --------------------------------------------------------------- 7. ranking */

/*
 * s1 -> m -> t (one event each), s2 -> k (two events), x - y (a meeting).
 * n = 7, dangling: t and k. Let x0 = 0.15/7 + 0.85(t + k)/7 (every node's
 * teleport and dangling share). Each of s1, m, s2 has a single out-arc, so
 * arc weights do not matter:
 *   s1 = s2 = x0, m = k = x0 + 0.85 x0 = 1.85 x0, t = x0 + 0.85 m = 2.5725 x0,
 *   x = y = x0 + 0.85 x  =>  x = y = x0 / 0.15;
 *   the sum is 1: x0 = 1200/25927, m = k = 2220/25927, t = 3087/25927,
 *   x = y = 8000/25927.
 * Betweenness: m = 1 (s1 -> t), all others 0. Events: s1 1, s2 2, m 2, k 2,
 * t 1, x 1, y 1.
 * Ranking: x, y (PageRank tie, betweenness tie, events tie: id), t,
 *          m, k (PageRank tie: betweenness 1 > 0, against id order),
 *          s2, s1 (PageRank and betweenness tie: events 2 > 1, against id order).
 */
static void test_ranking(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"y\", \"name\": \"y\", \"kind\": \"group\"},\n"
		"{\"id\": \"x\", \"name\": \"x\", \"kind\": \"group\"},\n"
		"{\"id\": \"t\", \"name\": \"t\", \"kind\": \"group\"},\n"
		"{\"id\": \"s2\", \"name\": \"s2\", \"kind\": \"group\"},\n"
		"{\"id\": \"s1\", \"name\": \"s1\", \"kind\": \"group\"},\n"
		"{\"id\": \"m\", \"name\": \"m\", \"kind\": \"group\"},\n"
		"{\"id\": \"k\", \"name\": \"k\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"r1\", \"type\": \"statement\", \"date\": \"2025-01-01\", \"title\": \"1\", \"source\": [\"s1\"], \"target\": [\"m\"]},\n"
		"{\"id\": \"r2\", \"type\": \"statement\", \"date\": \"2025-01-02\", \"title\": \"2\", \"source\": [\"m\"], \"target\": [\"t\"]},\n"
		"{\"id\": \"r3\", \"type\": \"statement\", \"date\": \"2025-01-03\", \"title\": \"3\", \"source\": [\"s2\"], \"target\": [\"k\"]},\n"
		"{\"id\": \"r4\", \"type\": \"statement\", \"date\": \"2025-01-04\", \"title\": \"4\", \"source\": [\"s2\"], \"target\": [\"k\"]},\n"
		"{\"id\": \"r5\", \"type\": \"meeting\", \"date\": \"2025-01-05\", \"title\": \"5\", \"participants\": [\"y\", \"x\"]}]}\n";
	char buf[256];
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (!g) {
		gp_dataset_free(ds);
		return;
	}
	EXPECT_NEAR(node_val(g, "x", 'p'), 8000.0 / 25927, PR_TOL);
	EXPECT_NEAR(node_val(g, "y", 'p'), 8000.0 / 25927, PR_TOL);
	EXPECT_NEAR(node_val(g, "t", 'p'), 3087.0 / 25927, PR_TOL);
	EXPECT_NEAR(node_val(g, "m", 'p'), 2220.0 / 25927, PR_TOL);
	EXPECT_NEAR(node_val(g, "k", 'p'), 2220.0 / 25927, PR_TOL);
	EXPECT_NEAR(node_val(g, "s1", 'p'), 1200.0 / 25927, PR_TOL);
	EXPECT_NEAR(node_val(g, "s2", 'p'), 1200.0 / 25927, PR_TOL);
	EXPECT_DBL(node_val(g, "m", 'b'), 1);
	EXPECT_NODE(g, "s2", 2, 0, NULL);
	EXPECT_NODE(g, "s1", 1, 0, NULL);
	uint32_t *order = NULL;
	EXPECT_I64(gp_graph_ranking(&order, g), GP_OK);
	if (order) {
		buf[0] = '\0';
		for (size_t i = 0; i < gp_graph_node_count(g); i++) {
			if (i) {
				cat(buf, sizeof(buf), ",");
			}
			cat(buf, sizeof(buf), node_id(g, order[i]));
		}
		EXPECT_STR(buf, "x,y,t,m,k,s2,s1");
		if (strcmp(buf, "x,y,t,m,k,s2,s1") != 0) {
			for (size_t i = 0; i < gp_graph_node_count(g); i++) {
				const gp_node *nd = gp_graph_node(g, i);
				fprintf(stderr, "\n    %s pagerank %.17g betweenness %g events %u",
					node_id(g, (uint32_t)i), nd->pagerank, nd->betweenness,
					nd->events);
			}
		}
	}
	free(order);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* ------------------------------------------------------------------ 8. JSON */

/*
 * j3, j2: meetings RUS - p (j2 with an open start); j1: USA -> RUS tariff;
 * j4: acme -> RUS aid. Timeline order: j2 (open), j1, j3, j4.
 * Edges: RUS-p (2 meetings, 5, first null, last 2025-03-01), USA>RUS, acme>RUS.
 * Directed view: RUS->p 2, p->RUS 2, USA->RUS 1, acme->RUS 1; no dangling.
 * PageRank, n = 4: usa = acme = 0.0375, rus = 0.0375 + 0.85(usa + acme + p),
 * p = 0.0375 + 0.85 rus  =>  rus = 71/148, p = 659/1480, usa = acme = 3/80.
 * Betweenness: USA->p and acme->p pass RUS: RUS = 2.
 * Communities: the projection is a star around RUS (weights p 2, USA 1,
 * acme 1); any split has modularity < 0 = one community: all 0.
 */
static const char json_text[] =
	"{\"title\": \"JSON test\", \"actors\": [\n"
	"{\"id\": \"p\", \"name\": \"Person P\", \"kind\": \"person\", \"part_of\": \"USA\", \"role\": \"envoy\"},\n"
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},\n"
	"{\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"country\"},\n"
	"{\"id\": \"acme\", \"name\": \"Acme Corp\", \"kind\": \"organization\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"j3\", \"type\": \"meeting\", \"date\": \"2025-03-01\", \"title\": \"3\", \"participants\": [\"RUS\", \"p\"]},\n"
	"{\"id\": \"j1\", \"type\": \"tariff\", \"date\": \"2025-02-01\", \"title\": \"1\", \"source\": [\"USA\"], \"target\": [\"RUS\"]},\n"
	"{\"id\": \"j4\", \"type\": \"aid\", \"date\": \"2025-04-01\", \"title\": \"4\", \"source\": [\"acme\"], \"target\": [\"RUS\"]},\n"
	"{\"id\": \"j2\", \"type\": \"meeting\", \"date\": \"../2025-01\", \"title\": \"2\", \"participants\": [\"p\", \"RUS\"]}]}\n";

static const cJSON *jget(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = jget(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A number, or -12345 when absent or not a number. */
static double jnum(const cJSON *o, const char *key)
{
	const cJSON *v = jget(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : -12345.0;
}

/* Does the value at key equal the JSON text `want` (objects: any key order)? */
static int jequal(const cJSON *o, const char *key, const char *want)
{
	cJSON *w = cJSON_Parse(want);
	int ok = w && cJSON_Compare(jget(o, key), w, 1);
	if (!ok) {
		char *got = jget(o, key) ? cJSON_PrintUnformatted(jget(o, key)) : NULL;
		fprintf(stderr, "\n  test_graph.c: %s = %s, expected %s", key,
			got ? got : "(absent)", want);
		cJSON_free(got);
	}
	cJSON_Delete(w);
	return ok;
}

static void test_json(void)
{
	static const struct {
		const char *id, *label, *kind, *country;
		int events, self_events, in, out;
		double strength, pagerank, betweenness;
		int community;
	} nodes[] = {
		{ "RUS", "Russia", "country", "RUS", 4, 0, 3, 1, 20, 71.0 / 148, 2, 0 },
		{ "USA", "United States", "country", "USA", 1, 0, 0, 1, 8, 3.0 / 80, 0, 0 },
		{ "acme", "Acme Corp", "organization", NULL, 1, 0, 0, 1, 7, 3.0 / 80, 0, 0 },
		{ "p", "Person P", "person", "USA", 2, 0, 1, 1, 5, 659.0 / 1480, 0, 0 },
	};
	static const struct {
		const char *source, *target;
		int directed, count;
		double weight;
		const char *types, *first, *last, *events;
	} edges[] = {
		{ "RUS", "p", 0, 2, 5, "{\"meeting\": 2}", NULL, "2025-03-01", "[\"j2\", \"j3\"]" },
		{ "USA", "RUS", 1, 1, -8, "{\"tariff\": 1}", "2025-02-01", "2025-02-01",
		  "[\"j1\"]" },
		{ "acme", "RUS", 1, 1, 7, "{\"aid\": 1}", "2025-04-01", "2025-04-01", "[\"j4\"]" },
	};
	gp_dataset *ds = LOAD(json_text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	char *text = g ? capture_json(g) : NULL;
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	CU_ASSERT_PTR_NOT_NULL(root);
	if (root) {
		EXPECT_TRUE(cJSON_IsNumber(jget(root, "geopol")));
		EXPECT_DBL(jnum(root, "geopol"), 1);
		EXPECT_STR(jstr(root, "kind"), "graph");
		EXPECT_STR(jstr(root, "level"), "actor");
		/* "geopol" first, then "kind" (§7: starts with "geopol": 1 and a "kind"). */
		EXPECT_STR(root->child ? root->child->string : NULL, "geopol");
		EXPECT_STR(root->child && root->child->next ? root->child->next->string : NULL,
			   "kind");
		const cJSON *jn = jget(root, "nodes"), *je = jget(root, "edges");
		EXPECT_TRUE(cJSON_IsArray(jn));
		EXPECT_TRUE(cJSON_IsArray(je));
		EXPECT_I64(cJSON_GetArraySize(jn), 4);
		EXPECT_I64(cJSON_GetArraySize(je), 3);
		for (int i = 0; i < 4 && i < cJSON_GetArraySize(jn); i++) {
			const cJSON *o = cJSON_GetArrayItem(jn, i);
			EXPECT_STR(jstr(o, "id"), nodes[i].id);
			EXPECT_STR(jstr(o, "label"), nodes[i].label);
			EXPECT_STR(jstr(o, "kind"), nodes[i].kind);
			if (nodes[i].country) {
				EXPECT_STR(jstr(o, "country"), nodes[i].country);
			} else {
				EXPECT_TRUE(cJSON_IsNull(jget(o, "country")));
			}
			EXPECT_DBL(jnum(o, "events"), nodes[i].events);
			EXPECT_DBL(jnum(o, "self_events"), nodes[i].self_events);
			EXPECT_DBL(jnum(o, "in_degree"), nodes[i].in);
			EXPECT_DBL(jnum(o, "out_degree"), nodes[i].out);
			EXPECT_DBL(jnum(o, "strength"), nodes[i].strength);
			EXPECT_NEAR(jnum(o, "pagerank"), nodes[i].pagerank, PR_TOL);
			EXPECT_DBL(jnum(o, "betweenness"), nodes[i].betweenness);
			EXPECT_DBL(jnum(o, "community"), nodes[i].community);
		}
		for (int i = 0; i < 3 && i < cJSON_GetArraySize(je); i++) {
			const cJSON *o = cJSON_GetArrayItem(je, i);
			EXPECT_STR(jstr(o, "source"), edges[i].source);
			EXPECT_STR(jstr(o, "target"), edges[i].target);
			EXPECT_TRUE(cJSON_IsBool(jget(o, "directed")));
			EXPECT_I64(cJSON_IsTrue(jget(o, "directed")), edges[i].directed);
			EXPECT_DBL(jnum(o, "count"), edges[i].count);
			EXPECT_DBL(jnum(o, "weight"), edges[i].weight);
			EXPECT_TRUE(jequal(o, "types", edges[i].types));
			if (edges[i].first) {
				EXPECT_STR(jstr(o, "first"), edges[i].first);
			} else {
				EXPECT_TRUE(cJSON_IsNull(jget(o, "first")));
			}
			EXPECT_STR(jstr(o, "last"), edges[i].last);
			EXPECT_TRUE(jequal(o, "events", edges[i].events));
		}
	}
	cJSON_Delete(root);
	free(text);
	gp_graph_free(g);

	/* Country level: "level": "country"; p -> USA. */
	g = ds ? BUILD(ds, GP_LEVEL_COUNTRY, NULL, 0) : NULL;
	text = g ? capture_json(g) : NULL;
	root = text ? cJSON_Parse(text) : NULL;
	CU_ASSERT_PTR_NOT_NULL(root);
	if (root) {
		EXPECT_STR(jstr(root, "level"), "country");
		const cJSON *jn = jget(root, "nodes"), *je = jget(root, "edges");
		EXPECT_I64(cJSON_GetArraySize(jn), 3); /* RUS, USA, acme */
		EXPECT_I64(cJSON_GetArraySize(je), 3); /* RUS-USA (meetings), USA>RUS, acme>RUS */
		const cJSON *e0 = cJSON_GetArrayItem(je, 0);
		EXPECT_STR(jstr(e0, "source"), "RUS");
		EXPECT_STR(jstr(e0, "target"), "USA");
		EXPECT_TRUE(cJSON_IsFalse(jget(e0, "directed")));
		EXPECT_TRUE(cJSON_IsNull(jget(e0, "first")));
	}
	cJSON_Delete(root);
	free(text);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * A date without a time moved by hours: an edge's first and last are event
 * starts written as the timeline writes them, so with their times (DESIGN §7).
 */
static void test_json_hours_offset(void)
{
	gp_dataset *ds = LOAD(
		"{\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"kind\": \"country\"}, "
		"{\"id\": \"B\", \"name\": \"B\", \"kind\": \"country\"}], \"events\": ["
		"{\"id\": \"b\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"b\", "
		"\"source\": [\"A\"], \"target\": [\"B\"]}, {\"id\": \"c\", \"type\": \"tariff\", "
		"\"date\": {\"after\": \"b\", \"offset\": \"PT5H\"}, \"title\": \"c\", "
		"\"source\": [\"A\"], \"target\": [\"B\"]}]}");
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	char *out = g ? capture_json(g) : NULL;
	cJSON *root = out ? cJSON_Parse(out) : NULL;
	CU_ASSERT_PTR_NOT_NULL(root);
	if (root) {
		const cJSON *e = cJSON_GetArrayItem(jget(root, "edges"), 0);
		EXPECT_STR(jstr(e, "first"), "2025-08-06");
		EXPECT_STR(jstr(e, "last"), "2025-08-06T05:00:00Z");
	}
	cJSON_Delete(root);
	free(out);
	gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
	out = g ? capture_dot(g, &dopt) : NULL;
	CU_ASSERT(out && strstr(out, "2025-08-06 – 08-06 05:00Z") != NULL); /* the year said once */
	free(out);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* ------------------------------------------------------------------- 9. DOT */

/*
 * p1 (USA) -> p3 (RUS) tariff: red. p3 - acme meeting: green, no arrow
 * (endpoints acme, p3 in id order). USA -> RUS aid: green.
 * At country level: USA -> RUS holds the tariff and the aid: -8 + 7 = -1, red.
 */
static const char dot_text[] =
	"{\"actors\": [\n"
	"{\"id\": \"p1\", \"name\": \"Quote \\\"q\\\" back\\\\slash <b>\\n\\u0141\\u00f3d\\u017a\", \"kind\": \"person\", \"part_of\": \"USA\"},\n"
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"},\n"
	"{\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"country\"},\n"
	"{\"id\": \"p3\", \"name\": \"Person Three\", \"kind\": \"person\", \"part_of\": \"RUS\"},\n"
	"{\"id\": \"acme\", \"name\": \"Acme\", \"kind\": \"organization\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"d1\", \"type\": \"tariff\", \"date\": \"2025-01-01\", \"title\": \"1\", \"source\": [\"p1\"], \"target\": [\"p3\"]},\n"
	"{\"id\": \"d2\", \"type\": \"meeting\", \"date\": \"2025-01-02\", \"title\": \"2\", \"participants\": [\"p3\", \"acme\"]},\n"
	"{\"id\": \"d3\", \"type\": \"aid\", \"date\": \"2025-01-03\", \"title\": \"3\", \"source\": [\"USA\"], \"target\": [\"RUS\"]}]}\n";

#define GREEN "#1a9850"
#define RED "#d73027"

/* The name of p1 as loaded, and as its DOT label ('\' doubled, newline as "\n"). */
#define P1_NAME                                                                                    \
	"Quote \"q\" back\\slash <b>\n\xc5\x81\xc3\xb3"                                            \
	"d\xc5\xba"
#define P1_LABEL                                                                                   \
	"Quote \"q\" back\\\\slash <b>\\n\xc5\x81\xc3\xb3"                                         \
	"d\xc5\xba"

/* Is n one of the legend's nodes? */
static int in_legend(Agraph_t *legend, Agnode_t *n)
{
	return legend && agsubnode(legend, n, 0) != NULL;
}

/* Non-legend clusters, "cluster_RUS,cluster_USA" (sorted by name). */
static const char *cluster_list(Agraph_t *g, char *buf, size_t size)
{
	const char *names[16];
	size_t n = 0;
	for (Agraph_t *s = agfstsubg(g); s && n < 16; s = agnxtsubg(s)) {
		const char *name = agnameof(s);
		if (strncmp(name, "cluster_", 8) == 0 && strcmp(name, "cluster_legend") != 0) {
			names[n++] = name;
		}
	}
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i) {
			cat(buf, size, ",");
		}
		cat(buf, size, names[i]);
	}
	return buf;
}

#define EXPECT_DOT_EDGE(g, t, h, dir, color)                                                       \
	expect_dot_edge((g), (t), (h), (dir), (color), __LINE__)

static void expect_dot_edge(Agraph_t *g, const char *tail, const char *head, const char *dir,
			    const char *color, unsigned line)
{
	Agnode_t *t = agnode(g, (char *)tail, 0), *h = agnode(g, (char *)head, 0);
	Agedge_t *found = NULL;
	int n = 0;
	for (Agedge_t *e = t ? agfstout(g, t) : NULL; e; e = agnxtout(g, e)) {
		if (aghead(e) == h) {
			found = e;
			n++;
		}
	}
	gp_test_expect_i64(n, 1, __FILE__, line, "edges from tail to head");
	if (!found) {
		return;
	}
	gp_test_expect_str(agget(found, "dir"), dir, __FILE__, line, "dir");
	gp_test_expect_str(agget(found, "color"), color, __FILE__, line, "color");
}

static void test_dot(void)
{
	static const struct {
		const char *id, *label;
	} labels[] = {
		{ "RUS", "Russia" }, { "USA", "United States" }, { "acme", "Acme" },
		{ "p1", P1_LABEL },  { "p3", "Person Three" },
	};
	char buf[256];
	gp_dataset *ds = LOAD(dot_text);
	if (!ds) {
		return;
	}
	EXPECT_STR(gp_dataset_actor(ds, gp_dataset_find_actor(ds, "p1"))->name, P1_NAME);

	/* Actor level, default options (clusters on). */
	gp_graph *g = BUILD(ds, GP_LEVEL_ACTOR, NULL, 0);
	char *text = g ? capture_dot(g, NULL) : NULL;
	Agraph_t *dg = text ? agmemread(text) : NULL;
	CU_ASSERT_PTR_NOT_NULL(dg);
	if (dg) {
		Agraph_t *legend = agsubg(dg, "cluster_legend", 0);
		EXPECT_TRUE(legend == NULL); /* a line of the title: see below */
		int actors = 0, edges = 0;
		for (Agnode_t *n = agfstnode(dg); n; n = agnxtnode(dg, n)) {
			if (in_legend(legend, n)) {
				continue;
			}
			actors++;
			const char *want = NULL;
			for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
				if (strcmp(agnameof(n), labels[i].id) == 0) {
					want = labels[i].label;
				}
			}
			if (!want) {
				fprintf(stderr, "\n  unexpected DOT node \"%s\"", agnameof(n));
			}
			EXPECT_TRUE(want != NULL);
			if (want) {
				EXPECT_STR(agget(n, "label"), want);
			}
			for (Agedge_t *e = agfstout(dg, n); e; e = agnxtout(dg, e)) {
				edges += !in_legend(legend, aghead(e));
			}
		}
		EXPECT_I64(actors, 5);
		EXPECT_I64(agnnodes(dg), 5 + (legend ? agnnodes(legend) : 0));
		EXPECT_I64(edges, 3);
		EXPECT_DOT_EDGE(dg, "p1", "p3", "forward", RED);
		EXPECT_DOT_EDGE(dg, "acme", "p3", "none", GREEN);
		EXPECT_DOT_EDGE(dg, "USA", "RUS", "forward", GREEN);
		/* Clusters by country; acme (no country) in none. */
		EXPECT_STR(cluster_list(dg, buf, sizeof(buf)), "cluster_RUS,cluster_USA");
		Agraph_t *cu = agsubg(dg, "cluster_USA", 0), *cr = agsubg(dg, "cluster_RUS", 0);
		Agnode_t *acme = agnode(dg, "acme", 0);
		EXPECT_TRUE(cu && agsubnode(cu, agnode(dg, "USA", 0), 0));
		EXPECT_TRUE(cu && agsubnode(cu, agnode(dg, "p1", 0), 0));
		EXPECT_TRUE(cr && agsubnode(cr, agnode(dg, "RUS", 0), 0));
		EXPECT_TRUE(cr && agsubnode(cr, agnode(dg, "p3", 0), 0));
		EXPECT_TRUE(cu && !agsubnode(cu, agnode(dg, "p3", 0), 0));
		EXPECT_TRUE(acme && cu && cr && !agsubnode(cu, acme, 0) && !agsubnode(cr, acme, 0));
		agclose(dg);
	}
	free(text);

	/* Clusters off: none at actor level either. */
	gp_dot_options o = GP_DOT_OPTIONS_INIT;
	o.clusters = 0;
	text = g ? capture_dot(g, &o) : NULL;
	dg = text ? agmemread(text) : NULL;
	CU_ASSERT_PTR_NOT_NULL(dg);
	if (dg) {
		EXPECT_STR(cluster_list(dg, buf, sizeof(buf)), "");
		agclose(dg);
	}
	free(text);
	gp_graph_free(g);

	/* Country level: no country clusters. */
	g = BUILD(ds, GP_LEVEL_COUNTRY, NULL, 0);
	text = g ? capture_dot(g, NULL) : NULL;
	dg = text ? agmemread(text) : NULL;
	CU_ASSERT_PTR_NOT_NULL(dg);
	if (dg) {
		/* DOT has no room under the picture: the legend is a line of the title. */
		Agraph_t *legend = agsubg(dg, "cluster_legend", 0);
		EXPECT_TRUE(legend == NULL);
		EXPECT_TRUE(strstr(agget(dg, "label"), "green: cooperation · red: conflict") !=
			    NULL);
		int actors = 0;
		for (Agnode_t *n = agfstnode(dg); n; n = agnxtnode(dg, n)) {
			actors += !in_legend(legend, n);
		}
		EXPECT_I64(actors, 3);
		EXPECT_STR(cluster_list(dg, buf, sizeof(buf)), "");
		EXPECT_DOT_EDGE(dg, "USA", "RUS", "forward", RED);
		EXPECT_DOT_EDGE(dg, "RUS", "acme", "none", GREEN);
		EXPECT_STR(agget(agnode(dg, "USA", 0), "label"), "United States");
		agclose(dg);
	}
	free(text);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Actor ids are free text: an actor whose id happens to be one of the
 * legend's node names must still be drawn as itself (its own label, outside
 * the legend), and the legend must not take its place.
 */
static void test_dot_legend_names(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"legend_to_0\", \"name\": \"Real Actor\", \"kind\": \"group\"},\n"
		"{\"id\": \"legend_from_1\", \"name\": \"Other Actor\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025\", \"title\": \"t\", \"source\": [\"legend_from_1\"], \"target\": [\"legend_to_0\"]}]}\n";
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	char *dot = g ? capture_dot(g, NULL) : NULL;
	Agraph_t *dg = dot ? agmemread(dot) : NULL;
	CU_ASSERT_PTR_NOT_NULL(dg);
	if (dg) {
		Agraph_t *legend = agsubg(dg, "cluster_legend", 0);
		Agnode_t *a = agnode(dg, "legend_to_0", 0), *b = agnode(dg, "legend_from_1", 0);
		EXPECT_TRUE(a != NULL && b != NULL);
		if (a && b) {
			EXPECT_STR(agget(a, "label"), "Real Actor");
			EXPECT_STR(agget(b, "label"), "Other Actor");
			EXPECT_TRUE(!in_legend(legend, a));
			EXPECT_TRUE(!in_legend(legend, b));
		}
		agclose(dg);
	}
	free(dot);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* Edges of dg between tail and head (either way when undirected). */
static int dot_edges(Agraph_t *dg, const char *tail, const char *head)
{
	Agnode_t *t = agnode(dg, (char *)tail, 0), *h = agnode(dg, (char *)head, 0);
	int n = 0;
	for (Agedge_t *e = t && h ? agfstedge(dg, t) : NULL; e; e = agnxtedge(dg, e, t)) {
		n += agtail(e) == h || aghead(e) == h;
	}
	return n;
}

/*
 * Hubs (docs/pictures.md): two rounds of talks among a, b, c, d share one
 * hub joined to each; a's and b's bilateral meeting keeps an edge that
 * says only its own event; never: the pairwise edges; auto: hubs once the
 * multilateral pairs are over a third of the edges; the graph is the same.
 */
static void test_dot_hubs(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"a\", \"name\": \"A\", \"kind\": \"group\"},\n"
		"{\"id\": \"b\", \"name\": \"B\", \"kind\": \"group\"},\n"
		"{\"id\": \"c\", \"name\": \"C\", \"kind\": \"group\"},\n"
		"{\"id\": \"d\", \"name\": \"D\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"r1\", \"type\": \"talks\", \"date\": \"2025-01-10\", \"title\": \"Round one\", \"participants\": [\"a\", \"b\", \"c\", \"d\"]},\n"
		"{\"id\": \"r2\", \"type\": \"talks\", \"date\": \"2025-02-10\", \"title\": \"Round two\", \"participants\": [\"a\", \"b\", \"c\", \"d\"]},\n"
		"{\"id\": \"m\", \"type\": \"meeting\", \"date\": \"2025-03-01\", \"title\": \"Side meeting\", \"participants\": [\"a\", \"b\"]},\n"
		"{\"id\": \"t\", \"type\": \"threat\", \"date\": \"2025-04-01\", \"title\": \"t\", \"source\": [\"c\"], \"target\": [\"d\"]}]}\n";
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	if (!g) {
		gp_dataset_free(ds);
		return;
	}
	EXPECT_I64(gp_graph_edge_count(g), 7); /* 6 pairs and the threat: the graph keeps them */
	gp_dot_options o = GP_DOT_OPTIONS_INIT;
	for (int mode = -1; mode <= 1; mode++) {
		o.hubs = mode;
		char *dot = capture_dot(g, &o);
		Agraph_t *dg = dot ? agmemread(dot) : NULL;
		CU_ASSERT_PTR_NOT_NULL(dg);
		if (!dg) {
			free(dot);
			continue;
		}
		Agnode_t *hub = agnode(dg, "legend_hub_1", 0);
		if (mode == 0) {
			EXPECT_TRUE(hub == NULL);
			EXPECT_I64(dot_edges(dg, "c", "d"), 2); /* the talks, the threat */
			EXPECT_I64(agnedges(dg), 7);
		} else {
			/* auto: 6 of 7 edges carry the talks, over a third */
			EXPECT_TRUE(hub != NULL);
			EXPECT_TRUE(agnode(dg, "legend_hub_2", 0) ==
				    NULL); /* the rounds share it */
			EXPECT_STR(hub ? agget(hub, "label") : "", "1");
			EXPECT_STR(
				hub ? agget(hub, "tooltip") : "",
				"A, B, C, D: 2 events\n2025-01-10  Round one\n2025-02-10  Round two");
			EXPECT_I64(dot_edges(dg, "legend_hub_1", "a"), 1);
			EXPECT_I64(dot_edges(dg, "legend_hub_1", "d"), 1);
			EXPECT_I64(dot_edges(dg, "a", "c"), 0);
			EXPECT_I64(dot_edges(dg, "c", "d"), 1); /* the threat only */
			EXPECT_I64(agnedges(dg), 4 + 1 + 1);
			Agnode_t *a = agnode(dg, "a", 0), *b = agnode(dg, "b", 0);
			Agedge_t *ab = a && b ? agedge(dg, a, b, NULL, 0) : NULL;
			EXPECT_STR(ab ? agget(ab, "label") : "", "Meeting\\n2025-03-01");
			EXPECT_TRUE(ab && strstr(agget(ab, "tooltip"), "A ↔ B: 1 event\n") != NULL);
			EXPECT_TRUE(ab && strstr(agget(ab, "tooltip"),
						 "(and 2 with more participants, drawn as hubs)") !=
						  NULL);
			EXPECT_TRUE(strstr(agget(dg, "label"),
					   "1  Talks ×2 · 2025-01-10 – 02-10 (4 participants)") !=
				    NULL);
		}
		agclose(dg);
		free(dot);
	}
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/*
 * Edge labels: types, then the first and last dates; the last drops the
 * year it shares with the first; an open start alone shows no date.
 */
static void test_dot_edge_labels(void)
{
	static const char text[] =
		"{\"actors\": [\n"
		"{\"id\": \"a\", \"name\": \"A\", \"kind\": \"group\"},\n"
		"{\"id\": \"b\", \"name\": \"B\", \"kind\": \"group\"},\n"
		"{\"id\": \"c\", \"name\": \"C\", \"kind\": \"group\"},\n"
		"{\"id\": \"d\", \"name\": \"D\", \"kind\": \"group\"}],\n"
		"\"events\": [\n"
		"{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025-05-16\", \"title\": \"t\", \"source\": [\"a\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"e2\", \"type\": \"tariff\", \"date\": \"2025-07-23\", \"title\": \"t\", \"source\": [\"a\"], \"target\": [\"b\"]},\n"
		"{\"id\": \"e3\", \"type\": \"tariff\", \"date\": \"2024-12\", \"title\": \"t\", \"source\": [\"a\"], \"target\": [\"c\"]},\n"
		"{\"id\": \"e4\", \"type\": \"threat\", \"date\": \"2025-01\", \"title\": \"t\", \"source\": [\"a\"], \"target\": [\"c\"]},\n"
		"{\"id\": \"e5\", \"type\": \"tariff\", \"date\": \"2025-05~\", \"title\": \"t\", \"source\": [\"b\"], \"target\": [\"c\"]},\n"
		"{\"id\": \"e6\", \"type\": \"tariff\", \"date\": \"2025-07~\", \"title\": \"t\", \"source\": [\"b\"], \"target\": [\"c\"]},\n"
		"{\"id\": \"e7\", \"type\": \"threat\", \"date\": \"../2025-08-06\", \"title\": \"t\", \"source\": [\"c\"], \"target\": [\"a\"]},\n"
		"{\"id\": \"e8\", \"type\": \"threat\", \"date\": \"../2025-08-06\", \"title\": \"t\", \"source\": [\"d\"], \"target\": [\"a\"]},\n"
		"{\"id\": \"e9\", \"type\": \"threat\", \"date\": \"2025-08-04\", \"title\": \"t\", \"source\": [\"d\"], \"target\": [\"a\"]}]}\n";
	static const struct {
		const char *tail, *head, *label;
	} want[] = {
		{ "a", "b", "Tariff ×2\\n2025-05-16 – 07-23" },
		{ "a", "c", "Tariff · Threat\\n2024-12 – 2025-01" },
		{ "b", "c", "Tariff ×2\\n~2025-05 – ~07" }, /* qualifiers kept: never firmer */
		{ "c", "a", "Threat" },
		{ "d", "a", "Threat ×2\\n… – 2025-08-04" },
	};
	gp_dataset *ds = LOAD(text);
	gp_graph *g = ds ? BUILD(ds, GP_LEVEL_ACTOR, NULL, 0) : NULL;
	char *dot = g ? capture_dot(g, NULL) : NULL;
	Agraph_t *dg = dot ? agmemread(dot) : NULL;
	CU_ASSERT_PTR_NOT_NULL(dg);
	for (size_t i = 0; dg && i < sizeof(want) / sizeof(want[0]); i++) {
		Agnode_t *t = agnode(dg, (char *)want[i].tail, 0),
			 *h = agnode(dg, (char *)want[i].head, 0);
		Agedge_t *e = t && h ? agedge(dg, t, h, NULL, 0) : NULL;
		EXPECT_TRUE(e != NULL);
		if (e) {
			EXPECT_STR(agget(e, "label"), want[i].label);
		}
	}
	if (dg) {
		agclose(dg);
	}
	free(dot);
	gp_graph_free(g);
	gp_dataset_free(ds);
}

/* ----------------------------------------------------------- 10. determinism */

/* A generated input: 12 actors, 60 events from a fixed LCG. free(). */
static char *make_big_input(void)
{
	static const char *const types[] = { "tariff", "meeting", "aid", "threat", "statement" };
	size_t cap = 32768, n = 0;
	char *s = malloc(cap);
	uint32_t r = 12345;
	if (!s) {
		return NULL;
	}
	n += (size_t)snprintf(s + n, cap - n, "{\"actors\": [\n");
	for (int i = 0; i < 12; i++) {
		if (i < 3) {
			n += (size_t)snprintf(
				s + n, cap - n,
				"{\"id\": \"C%d\", \"name\": \"Country %d\", \"kind\": \"country\"},\n",
				i, i);
		} else {
			n += (size_t)snprintf(
				s + n, cap - n,
				"{\"id\": \"a%02d\", \"name\": \"Actor %d\", \"kind\": \"person\", \"part_of\": \"C%d\"}%s\n",
				i, i, i % 3, i == 11 ? "" : ",");
		}
	}
	n += (size_t)snprintf(s + n, cap - n, "], \"events\": [\n");
	for (int e = 0; e < 60; e++) {
		int pick[3];
		for (int k = 0; k < 3; k++) {
			int dup;
			do { /* three distinct actors */
				r = r * 1103515245u + 12345u;
				pick[k] = (int)((r >> 16) % 12);
				dup = 0;
				for (int j = 0; j < k; j++) {
					dup |= pick[j] == pick[k];
				}
			} while (dup);
		}
		r = r * 1103515245u + 12345u;
		const char *type = types[(r >> 16) % 5];
		char ids[3][16];
		for (int k = 0; k < 3; k++) {
			if (pick[k] < 3) {
				snprintf(ids[k], sizeof(ids[k]), "C%d", pick[k]);
			} else {
				snprintf(ids[k], sizeof(ids[k]), "a%02d", pick[k]);
			}
		}
		int month = 1 + (int)((r >> 8) % 12), day = 1 + (int)((r >> 4) % 28);
		if (strcmp(type, "meeting") == 0) {
			n += (size_t)snprintf(
				s + n, cap - n,
				"{\"id\": \"g%d\", \"type\": \"meeting\", \"date\": \"2024-%02d-%02d\", \"title\": \"t\", \"participants\": [\"%s\", \"%s\", \"%s\"]}%s\n",
				e, month, day, ids[0], ids[1], ids[2], e == 59 ? "" : ",");
		} else {
			n += (size_t)snprintf(
				s + n, cap - n,
				"{\"id\": \"g%d\", \"type\": \"%s\", \"date\": \"2024-%02d-%02d\", \"title\": \"t\", \"source\": [\"%s\"], \"target\": [\"%s\", \"%s\"]}%s\n",
				e, type, month, day, ids[0], ids[1], ids[2], e == 59 ? "" : ",");
		}
	}
	n += (size_t)snprintf(s + n, cap - n, "]}\n");
	if (n >= cap) {
		free(s);
		return NULL;
	}
	return s;
}

static void test_determinism(void)
{
	char *input = make_big_input();
	CU_ASSERT_PTR_NOT_NULL(input);
	if (!input) {
		return;
	}
	for (int level = GP_LEVEL_ACTOR; level <= GP_LEVEL_COUNTRY; level++) {
		gp_dataset *ds1 = LOAD(input), *ds2 = LOAD(input);
		gp_graph *g1 = ds1 ? BUILD(ds1, level, NULL, 0) : NULL;
		gp_graph *g2 = ds2 ? BUILD(ds2, level, NULL, 0) : NULL;
		gp_graph *g3 = ds1 ? BUILD(ds1, level, NULL, 0) : NULL;
		char *j1 = g1 ? capture_json(g1) : NULL, *j1b = g1 ? capture_json(g1) : NULL;
		char *j2 = g2 ? capture_json(g2) : NULL, *j3 = g3 ? capture_json(g3) : NULL;
		char *d1 = g1 ? capture_dot(g1, NULL) : NULL,
		     *d3 = g3 ? capture_dot(g3, NULL) : NULL;
		EXPECT_TRUE(j1 && j1b && j2 && j3 && d1 && d3);
		if (j1 && j1b && j2 && j3 && d1 && d3) {
			EXPECT_TRUE(strcmp(j1, j1b) == 0);
			EXPECT_TRUE(strcmp(j1, j2) == 0);
			EXPECT_TRUE(strcmp(j1, j3) == 0);
			EXPECT_TRUE(strcmp(d1, d3) == 0);
			/* Not a trivial graph. */
			EXPECT_TRUE(gp_graph_edge_count(g1) > 5);
		}
		free(j1), free(j1b), free(j2), free(j3), free(d1), free(d3);
		gp_graph_free(g1), gp_graph_free(g2), gp_graph_free(g3);
		gp_dataset_free(ds1), gp_dataset_free(ds2);
	}
	free(input);
}

static int write_partial_auto(FILE *fp, const gp_graph *g)
{
	return gp_graph_write_partial(fp, g, GP_EVENT_IDS_AUTO);
}

static int write_actors_text(FILE *fp, const gp_graph *g)
{
	uint32_t order[1] = { 0 };
	return gp_graph_write_actors(fp, g, order, 1, GP_TABLE_TEXT);
}

/*
 * no_analytics: the picture and the partial graph come out the same as with
 * the analytics; every output or lookup that shows them fails with GP_ERROR
 * and writes nothing, rather than showing zeros.
 */
static void test_no_analytics(void)
{
	static const struct {
		const char *name;
		graph_writer write;
	} showing[] = {
		{ "json", gp_graph_write_json },
		{ "gexf", gp_graph_write_gexf },
		{ "graphml", gp_graph_write_graphml },
		{ "cytoscape", gp_graph_write_cytoscape },
		{ "graphology", gp_graph_write_graphology },
		{ "d3", gp_graph_write_d3 },
		{ "actors", write_actors_text },
	};
	char *input = make_big_input();
	gp_dataset *ds = input ? LOAD(input) : NULL;
	free(input);
	if (!ds) {
		CU_FAIL("no input");
		return;
	}
	for (int level = GP_LEVEL_ACTOR; level <= GP_LEVEL_COUNTRY; level++) {
		gp_graph_options o = GP_GRAPH_OPTIONS_INIT;
		gp_graph *full = NULL, *bare = NULL;
		o.level = level;
		EXPECT_I64(gp_graph_build(&full, ds, &o), GP_OK);
		o.no_analytics = 1;
		EXPECT_I64(gp_graph_build(&bare, ds, &o), GP_OK);
		if (!full || !bare) {
			gp_graph_free(full), gp_graph_free(bare);
			break;
		}
		/* The analytics were there to leave out. */
		double pr_full = 0, pr_bare = 0;
		for (size_t i = 0; i < gp_graph_node_count(full); i++) {
			pr_full += gp_graph_node(full, i)->pagerank;
			pr_bare += gp_graph_node(bare, i)->pagerank +
				   gp_graph_node(bare, i)->betweenness +
				   gp_graph_node(bare, i)->in_degree;
		}
		EXPECT_TRUE(fabs(pr_full - 1) < 1e-9);
		EXPECT_TRUE(pr_bare == 0);
		char *d1 = capture_dot(full, NULL), *d2 = capture_dot(bare, NULL);
		EXPECT_TRUE(d1 && d2 && strcmp(d1, d2) == 0);
		free(d1), free(d2);
		int rc1, rc2;
		size_t n1, n2;
		char *p1 = capture_with(write_partial_auto, full, &rc1, &n1);
		char *p2 = capture_with(write_partial_auto, bare, &rc2, &n2);
		EXPECT_I64(rc1, GP_OK);
		EXPECT_I64(rc2, GP_OK);
		EXPECT_TRUE(p1 && p2 && n1 > 100 && n1 == n2 && memcmp(p1, p2, n1) == 0);
		free(p1), free(p2);
		for (size_t k = 0; k < sizeof(showing) / sizeof(showing[0]); k++) {
			char *t = capture_with(showing[k].write, full, &rc1, &n1);
			EXPECT_I64(rc1, GP_OK);
			EXPECT_TRUE(n1 > 0);
			free(t);
			t = capture_with(showing[k].write, bare, &rc2, &n2);
			if (rc2 != GP_ERROR || n2 != 0) {
				fprintf(stderr, "\n  no_analytics: %s gave %d, %zu bytes",
					showing[k].name, rc2, n2);
			}
			EXPECT_I64(rc2, GP_ERROR);
			EXPECT_I64(n2, 0);
			EXPECT_TRUE(strstr(gp_graph_last_error(), "without its analytics") != NULL);
			free(t);
		}
		uint32_t *order = NULL;
		EXPECT_I64(gp_graph_ranking(&order, bare), GP_ERROR);
		EXPECT_TRUE(order == NULL);
		char *cy = NULL;
		size_t cylen = 0;
		EXPECT_I64(gp_graph_cytoscape_json(&cy, &cylen, bare, 0), GP_ERROR);
		EXPECT_TRUE(cy == NULL);
		gp_graph_free(full), gp_graph_free(bare);
	}
	gp_dataset_free(ds);
}

/* ------------------------------------------------------------------ suite */

/* Imported rows' ids are written by hand (not printf): every digit count, both sources. */
static void test_imported_event_ids(void)
{
	char buf[32];
	gp_evref r;
	memset(&r, 0, sizeof(r));
	r.kind = GP_EVREF_GDELT;
	r.id = 0;
	EXPECT_STR(gp__evref_id(NULL, &r, buf, sizeof(buf)), "gdelt-0");
	r.id = 741917024;
	EXPECT_STR(gp__evref_id(NULL, &r, buf, sizeof(buf)), "gdelt-741917024");
	r.id = UINT64_MAX;
	EXPECT_STR(gp__evref_id(NULL, &r, buf, sizeof(buf)), "gdelt-18446744073709551615");
	r.kind = GP_EVREF_ICEWS;
	r.id = 10;
	EXPECT_STR(gp__evref_id(NULL, &r, buf, sizeof(buf)), "icews-10");
	/* Exactly big enough, then one byte short: the id whole or nothing. */
	EXPECT_STR(gp__evref_id(NULL, &r, buf, 9), "icews-10");
	EXPECT_STR(gp__evref_id(NULL, &r, buf, 8), "");
}

/* The first point of an edge's pos ("e,x,y s,x,y x,y ...": the curve's first x,y). */
static int first_point(const char *pos, double *x, double *y)
{
	while (pos && *pos) {
		if ((pos[0] != 'e' && pos[0] != 's') || pos[1] != ',') {
			return sscanf(pos, "%lf,%lf", x, y) == 2;
		}
		pos += strcspn(pos, " ");
		pos += strspn(pos, " ");
	}
	return 0;
}

/*
 * Every curve of a picture starts at its tail node, the ones the second pass
 * routes anew too (graph_render.c's route_missing: drawn in a graph of their
 * own, their curves copied back). The picture, laid out, as DOT (Graphviz's
 * "dot" output: pos, width and height of every node and edge), of data whose
 * first pass draws edges through nodes (dot with country clusters).
 */
static void test_render_curves_start_at_nodes(void)
{
	const char *const files[] = { "tests/data/iran-nuclear-2013-2025.json",
				      "data/seed-article.json" };
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		gp_dataset *ds = NULL;
		gp_graph *g = NULL;
		CU_ASSERT_FATAL(gp_dataset_new(&ds) == GP_OK);
		EXPECT_I64(gp_dataset_load_file(ds, files[f], GP_INPUT_AUTO, NULL), GP_OK);
		EXPECT_I64(gp_dataset_finish(ds, NULL), GP_OK);
		EXPECT_I64(gp_graph_build(&g, ds, NULL), GP_OK);
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		EXPECT_I64(gp_graph_render(fp, g, "dot", NULL), GP_OK);
		fclose(fp);
		Agraph_t *dot = buf ? agmemread(buf) : NULL;
		EXPECT_TRUE(dot != NULL);
		size_t checked = 0;
		for (Agnode_t *n = dot ? agfstnode(dot) : NULL; n; n = agnxtnode(dot, n)) {
			double nx, ny, w = atof(agget(n, "width")) * 72,
				       h = atof(agget(n, "height")) * 72;
			if (sscanf(agget(n, "pos"), "%lf,%lf", &nx, &ny) != 2) {
				continue;
			}
			for (Agedge_t *e = agfstout(dot, n); e; e = agnxtout(dot, e)) {
				double x, y;
				if (!first_point(agget(e, "pos"), &x, &y)) {
					continue;
				}
				checked++;
				int at_tail =
					fabs(x - nx) <= w / 2 + 3 && fabs(y - ny) <= h / 2 + 3;
				if (!at_tail) {
					fprintf(stderr,
						"  %s: %s -> %s starts at %.1f,%.1f, its node is at %.1f,%.1f (%.0f x %.0f)\n",
						files[f], agnameof(n), agnameof(aghead(e)), x, y,
						nx, ny, w, h);
				}
				EXPECT_TRUE(at_tail);
			}
		}
		EXPECT_TRUE(checked >= 10);
		if (dot) {
			agclose(dot);
		}
		free(buf);
		gp_graph_free(g);
		gp_dataset_free(ds);
	}
}

static CU_TestInfo graph_tests[] = {
	{ "aggregation at actor level", test_aggregation_actor },
	{ "no_analytics: pictures and partial graphs only", test_no_analytics },
	{ "imported event ids", test_imported_event_ids },
	{ "ids compared as bytes", test_id_byte_order },
	{ "edge events: timeline ties", test_edge_events_ties },
	{ "country level: collapsing pairs, self-loops", test_country_level },
	{ "actor level: country key", test_actor_level_country_key },
	{ "time-bounded memberships in the graph", test_time_bounded_graph },
	{ "gp_graph_map_actor", test_map_actor },
	{ "filters and min_count", test_filters_min_count },
	{ "analytics: directed path", test_analytics_path },
	{ "analytics: mixed arcs, strength, dangling", test_analytics_mixed },
	{ "analytics: weighted PageRank", test_analytics_weighted_pagerank },
	{ "analytics: stars", test_analytics_stars },
	{ "analytics: communities", test_analytics_communities },
	{ "self-loops at actor level", test_self_loop_actor_level },
	{ "empty graph", test_empty_graph },
	{ "errors said in gp_graph_last_error()", test_errors_said },
	{ "path", test_path },
	{ "ranking", test_ranking },
	{ "JSON output", test_json },
	{ "JSON output: a day moved by hours", test_json_hours_offset },
	{ "DOT output", test_dot },
	{ "DOT: actor ids like legend names", test_dot_legend_names },
	{ "DOT: edge labels", test_dot_edge_labels },
	{ "DOT: multilateral events as hubs", test_dot_hubs },
	{ "determinism", test_determinism },
	{ "pictures: every curve starts at its tail node", test_render_curves_start_at_nodes },
	CU_TEST_INFO_NULL,
};

int gp_test_add_graph(void)
{
	return gp_test_register("graph", graph_tests);
}
