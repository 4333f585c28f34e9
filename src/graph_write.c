/*
 * graph_write.c - the graph's non-DOT outputs: JSON (DESIGN §7, with cJSON),
 * the ranked actors table (text, CSV, JSON) and the path report.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_values.h"

/*
 * Nodes and edges are printed one at a time and deleted at once, while the
 * graph and its dataset live: their keys and strings are borrowed, not
 * copied (a GDELT graph writes millions of event ids). The values are
 * graph_values.c's, which every graph writer shares.
 */
static cJSON *node_json(const gp_graph *g, size_t i)
{
	gp_gv v[GP_NK_N];
	gp__gv_node(v, g, i);
	cJSON *o = cJSON_CreateObject();
	if (o && gp__gv_add(o, gp__node_keys, v, 0, GP_NK_N)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *node_item(const gp_graph *g, size_t i, int form, gp_gv_scratch *sc)
{
	(void)form, (void)sc;
	return node_json(g, i);
}

static cJSON *edge_json(const gp_graph *g, size_t i, int form, gp_gv_scratch *sc)
{
	(void)form;
	gp_gv v[GP_EK_N];
	if (gp__gv_edge(v, g, i, sc) != GP_OK) {
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	if (o && gp__gv_add(o, gp__edge_keys, v, 0, GP_EK_N)) {
		cJSON_Delete(o);
		o = NULL;
	}
	gp__gv_release(v, GP_EK_N);
	return o;
}

/* The ranked table of `geopol actors`, a row per line like the graph JSON. */
static int actors_json(FILE *fp, const gp_graph *g, const uint32_t *order, size_t n)
{
	cJSON *head = cJSON_CreateObject();
	int bad = !head;
	bad |= bad ? 0 : gp__json_add(head, "geopol", cJSON_CreateNumber(1));
	bad |= bad ? 0 : gp__json_add(head, "kind", cJSON_CreateString("actors"));
	bad |= bad ? 0
		   : gp__json_add(head, "level",
				  cJSON_CreateString(gp_graph_level(g) == GP_LEVEL_COUNTRY
							     ? "country"
							     : "actor"));
	if (bad || gp__json_stream_head(fp, head)) {
		cJSON_Delete(bad ? head : NULL);
		return GP_ENOMEM;
	}
	gp__json_stream_list(fp, "actors");
	gp__json_pbuf pb = { NULL, 0 };
	int rc = GP_OK;
	for (size_t i = 0; rc == GP_OK && i < n; i++) {
		cJSON *o = node_json(g, order[i]);
		if (o && gp__json_add_cs(o, "rank", gp__json_num((double)(i + 1)))) {
			cJSON_Delete(o);
			o = NULL;
		}
		if (gp__json_stream_item_buf(fp, o, i == 0, &pb)) { /* takes o; fails on NULL */
			rc = GP_ENOMEM;
		}
	}
	free(pb.s);
	if (rc != GP_OK) {
		return rc;
	}
	gp__json_stream_end_list(fp);
	gp__json_stream_end(fp);
	return ferror(fp) ? GP_EIO : GP_OK;
}

/* The shortest text that reads back as x (15 digits, else 17), as cJSON prints numbers. */
static const char *shortest(double x, char buf[32])
{
	gp__snprintf_c(buf, 32, "%.15g", x);
	if (gp__strtod_c(buf, NULL) != x) {
		gp__snprintf_c(buf, 32, "%.17g", x);
	}
	return buf;
}

int gp_graph_write_actors(FILE *fp, const gp_graph *g, const uint32_t *order, size_t n,
			  gp_table_format format)
{
	int arc = gp__graph_check_analytics(g);
	if (arc != GP_OK) {
		return arc;
	}
	const gp_dataset *ds = gp_graph_dataset(g);
	if (n > gp_graph_node_count(g)) {
		n = gp_graph_node_count(g);
	}
	if (format == GP_TABLE_JSON) {
		return actors_json(fp, g, order, n);
	}
	if (format == GP_TABLE_CSV) {
		fputs("rank,id,label,kind,country,events,self_events,in_degree,out_degree,strength,"
		      "strength_cooperation,strength_conflict,pagerank,betweenness,community\n",
		      fp);
	} else {
		/* Columns as wide as their longest entry shown, ids up to 24, names 32. */
		size_t wi = 2, wn = 4;
		for (size_t i = 0; i < n; i++) {
			const gp_actor *a = gp_dataset_actor(ds, gp_graph_node(g, order[i])->actor);
			size_t li = gp__utf8_count(a->id, strlen(a->id));
			size_t ln = gp__utf8_count(a->name, strlen(a->name));
			wi = li > wi ? li : wi;
			wn = ln > wn ? ln : wn;
		}
		wi = wi > 24 ? 24 : wi;
		wn = wn > 32 ? 32 : wn;
		fputs("RANK  ", fp);
		gp__fpad(fp, "ID", wi + 1, 0);
		gp__fpad(fp, "NAME", wn + 1, 0);
		/* COOP and CONFLICT: strength by sign (docs/sign.md). */
		fprintf(fp, "%-13s %-8s %6s %4s %4s %8s %8s %8s %8s %11s %4s\n", "KIND", "COUNTRY",
			"EVENTS", "IN", "OUT", "STRENGTH", "COOP", "CONFLICT", "PAGERANK",
			"BETWEENNESS", "COMM");
		for (size_t i = 0; i < n; i++) {
			const gp_node *nd = gp_graph_node(g, order[i]);
			const gp_actor *a = gp_dataset_actor(ds, nd->actor);
			fprintf(fp, "%4zu  ", i + 1);
			gp__fpad(fp, a->id, wi, 1);
			fputc(' ', fp);
			gp__fpad(fp, a->name, wn, 1);
			char row[200];
			gp__snprintf_c(
				row, sizeof(row),
				" %-13s %-8s %6u %4u %4u %8.1f %8.1f %8.1f %8.4f %11.1f %4u\n",
				gp_actor_kind_name(a->kind),
				nd->country == GP_NONE ? "-"
						       : gp_dataset_actor(ds, nd->country)->id,
				nd->events, nd->in_degree, nd->out_degree, nd->strength,
				nd->strength_cooperation, nd->strength_conflict, nd->pagerank,
				nd->betweenness, nd->community);
			fputs(row, fp);
		}
		return ferror(fp) ? GP_EIO : GP_OK;
	}
	for (size_t i = 0; i < n; i++) {
		const gp_node *nd = gp_graph_node(g, order[i]);
		const gp_actor *a = gp_dataset_actor(ds, nd->actor);
		char num[64];
		snprintf(num, sizeof(num), "%zu", i + 1);
		gp__csv_field(fp, num, ',');
		gp__csv_field(fp, a->id, ',');
		gp__csv_field(fp, a->name, ',');
		gp__csv_field(fp, gp_actor_kind_name(a->kind), ',');
		gp__csv_field(fp,
			      nd->country == GP_NONE ? "" : gp_dataset_actor(ds, nd->country)->id,
			      ',');
		char st[32], sc[32], sf[32], pr[32], bt[32];
		fprintf(fp, "%u,%u,%u,%u,%s,%s,%s,%s,%s,%u\n", nd->events, nd->self_events,
			nd->in_degree, nd->out_degree, shortest(nd->strength, st),
			shortest(nd->strength_cooperation, sc), shortest(nd->strength_conflict, sf),
			shortest(nd->pagerank, pr), shortest(nd->betweenness, bt), nd->community);
	}
	return ferror(fp) ? GP_EIO : GP_OK;
}

int gp_graph_write_json(FILE *fp, const gp_graph *g)
{
	int src_rc = gp__graph_check_full(g);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	gp_gv hv[GP_GK_N];
	int bad = gp__gv_graph(hv, g) != GP_OK;
	cJSON *head = bad ? NULL : cJSON_CreateObject();
	if (head && gp__gv_add(head, gp__graph_keys, hv, 0, GP_GK_N)) {
		cJSON_Delete(head);
		head = NULL;
	}
	gp__gv_release(hv, GP_GK_N);
	if (gp__json_stream_head(fp, head)) {
		return GP_ENOMEM;
	}
	return gp__gv_stream_lists(fp, g, NULL, "edges", node_item, edge_json, 0);
}

static const char *node_name(const gp_graph *g, uint32_t node)
{
	return gp_dataset_actor(gp_graph_dataset(g), gp_graph_node(g, node)->actor)->name;
}

int gp_graph_write_path(FILE *fp, const gp_graph *g, const uint32_t *path, size_t n)
{
	int src_rc = gp__graph_read_sources(g, GP_GRAPH_ALL_EDGES, NULL);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	const gp_dataset *ds = gp_graph_dataset(g);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%s%s", i ? " — " : "", node_name(g, path[i]));
	}
	fprintf(fp, " (%zu hop%s)\n", n ? n - 1 : 0, n == 2 ? "" : "s");
	for (size_t h = 0; h + 1 < n; h++) {
		uint32_t a = path[h], b = path[h + 1];
		fprintf(fp, "\n  %s — %s\n", node_name(g, a), node_name(g, b));
		/* Every edge between the two, whichever way it points. */
		for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
			const gp_edge *e = gp_graph_edge(g, i);
			if (!((e->source == a && e->target == b) ||
			      (e->source == b && e->target == a))) {
				continue;
			}
			fprintf(fp, "    %s %s %s: %u event%s\n", node_name(g, e->source),
				e->directed ? "→" : "↔", node_name(g, e->target), e->count,
				e->count == 1 ? "" : "s");
			const gp_evref *ev = gp__edge_events(g, e);
			for (uint32_t k = 0; k < e->n_events; k++) {
				char date[96], idbuf[48];
				const char *id = gp__evref_id(g, &ev[k], idbuf, sizeof(idbuf));
				fputs("      ", fp);
				if (ev[k].kind == GP_EVREF_DATASET) {
					const gp_event *x =
						gp_dataset_event(ds, (gp_index)ev[k].id);
					gp_date_format_human(&x->date, date, sizeof(date));
					gp__fpad(fp, date, 24, 0);
					fputc(' ', fp);
					gp__fpad(fp, gp_dataset_type(ds, x->type)->label, 20, 0);
					fprintf(fp, " %s  [%s]\n", x->title, id);
				} else {
					gp__time_format_qualified(ev[k].start, ev[k].prec,
								  ev[k].qual, date, sizeof(date));
					gp__fpad(fp, date, 24, 0);
					fprintf(fp, " [%s]\n", id);
				}
			}
			if (e->count > e->n_events) {
				fprintf(fp, "      … and %u more\n", e->count - e->n_events);
			}
		}
	}
	return ferror(fp) ? GP_EIO : GP_OK;
}

/* ---------------------------------------------------------- partial graph */

static const char *const qual_text[] = { "", "~", "?", "%" };

/*
 * The sixth element of an event reference, {"sources": [...], "qualifier":
 * "?"}, with what it has; NULL when neither (*bad on failure).
 */
static cJSON *evref_more(const gp_graph *g, const gp_evref *r, int with_sources, int *bad)
{
	const char *src = with_sources ? gp__evref_source(g, r, 0) : NULL;
	if (!src && !r->qual) {
		return NULL;
	}
	cJSON *m = cJSON_CreateObject(), *l = src ? cJSON_CreateArray() : NULL;
	int b = !m || (src && !l);
	for (size_t k = 0; !b && src; src = gp__evref_source(g, r, ++k)) {
		b |= gp__json_push(l, cJSON_CreateString(src));
	}
	if (b) {
		cJSON_Delete(l), cJSON_Delete(m);
		*bad = 1;
		return NULL;
	}
	/* gp__json_add takes the item, and deletes it when it fails. */
	b |= l ? gp__json_add(m, "sources", l) : 0;
	b |= !b && r->qual
		     ? gp__json_add(m, "qualifier", cJSON_CreateString(qual_text[r->qual & 3]))
		     : 0;
	if (b) {
		cJSON_Delete(m);
		*bad = 1;
		return NULL;
	}
	return m;
}

/*
 * [start, end, seq, prec, "id"], then {"sources", "qualifier"} when it has
 * either (docs/merge.md); open bounds are null.
 */
static cJSON *evref_json(const gp_graph *g, const gp_evref *r, int with_sources)
{
	char idbuf[48];
	cJSON *a = cJSON_CreateArray();
	int bad = !a;
	bad |= bad ? 0
		   : gp__json_push(a, r->start == GP_TIME_MIN
					      ? cJSON_CreateNull()
					      : cJSON_CreateNumber((double)r->start));
	bad |= bad ? 0
		   : gp__json_push(a, r->end == GP_TIME_MAX ? cJSON_CreateNull()
							    : cJSON_CreateNumber((double)r->end));
	bad |= bad ? 0 : gp__json_push(a, cJSON_CreateNumber((double)r->seq));
	bad |= bad ? 0 : gp__json_push(a, cJSON_CreateNumber(r->prec));
	bad |= bad ? 0
		   : gp__json_push(a, cJSON_CreateString(gp__evref_id(g, r, idbuf, sizeof(idbuf))));
	cJSON *more = bad ? NULL : evref_more(g, r, with_sources, &bad);
	bad |= bad || !more ? 0 : gp__json_push(a, more);
	if (bad) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/* [time, precision], and the qualifier when there is one. */
static cJSON *bound_pair(int64_t t, int prec, int qual)
{
	cJSON *a = cJSON_CreateArray();
	if (!a ||
	    gp__json_push(a, t == GP_TIME_MIN || t == GP_TIME_MAX
				     ? cJSON_CreateNull()
				     : cJSON_CreateNumber((double)t)) ||
	    gp__json_push(a, cJSON_CreateNumber(prec)) ||
	    (qual && gp__json_push(a, cJSON_CreateString(qual_text[qual & 3])))) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/* [start, end] of a node's events; open sides are null. */
static cJSON *span_json(const gp_span *sp)
{
	cJSON *a = cJSON_CreateArray();
	if (!a ||
	    gp__json_push(a, sp->start == GP_TIME_MIN ? cJSON_CreateNull()
						      : cJSON_CreateNumber((double)sp->start)) ||
	    gp__json_push(a, sp->end == GP_TIME_MAX ? cJSON_CreateNull()
						    : cJSON_CreateNumber((double)sp->end))) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/* One object wrapped as {"key": obj}; obj is taken, and deleted on failure. */
static cJSON *wrap(const char *key, cJSON *obj)
{
	cJSON *w = obj ? cJSON_CreateObject() : NULL;
	if (!w) {
		cJSON_Delete(obj);
		return NULL;
	}
	if (gp__json_add(w, key, obj)) { /* deletes obj */
		cJSON_Delete(w);
		return NULL;
	}
	return w;
}

int gp_graph_write_partial(FILE *fp, const gp_graph *g, uint32_t max_event_ids)
{
	int src_rc = gp__graph_check_sources(g);
	if (src_rc != GP_OK) {
		return src_rc;
	}
	/*
	 * What the edges list, as a number, when the cap was automatic: the cap
	 * the graph was built with (10 once imported rows were read, or what the
	 * merged partial graphs said), even where no edge of this part reached
	 * it, since the shards' edges together may; else the longest cut list.
	 */
	if (max_event_ids == GP_EVENT_IDS_AUTO && g->list_cap != UINT32_MAX) {
		max_event_ids = g->list_cap;
	} else if (max_event_ids == GP_EVENT_IDS_AUTO) {
		max_event_ids = 0;
		for (size_t i = 0; i < gp_graph_edge_count(g); i++) {
			const gp_edge *e = gp_graph_edge(g, i);
			if (e->count > e->n_events && e->n_events > max_event_ids) {
				max_event_ids = e->n_events;
			}
		}
	}
	const gp_dataset *ds = gp_graph_dataset(g);
	cJSON *h = cJSON_CreateObject();
	int rc = !h || gp__json_add(h, "geopol", cJSON_CreateNumber(1)) ||
				 gp__json_add(h, "kind", cJSON_CreateString("partial-graph")) ||
				 gp__json_add(
					 h, "level",
					 cJSON_CreateString(gp_graph_level(g) == GP_LEVEL_COUNTRY
								    ? "country"
								    : "actor")) ||
				 gp__json_add(h, "max_event_ids", cJSON_CreateNumber(max_event_ids))
			 ? (cJSON_Delete(h), GP_ENOMEM)
			 : gp__jsonl_put(fp, h);
	if (rc == GP_OK) {
		rc = gp__jsonl_put(fp, gp__jsonl_header(ds));
	}
	/* Every actor the nodes stand for or belong to (all that are defined). */
	for (size_t i = 0; rc == GP_OK && i < gp_dataset_actor_count(ds); i++) {
		const gp_actor *a = gp_dataset_actor(ds, (gp_index)i);
		if (a->defined) {
			rc = gp__jsonl_put(fp, gp__jsonl_actor(ds, a));
		}
	}
	for (size_t i = 0; rc == GP_OK && i < gp_graph_node_count(g); i++) {
		const gp_node *nd = gp_graph_node(g, i);
		cJSON *o = cJSON_CreateObject();
		int bad = !o ||
			  gp__json_add(o, "id",
				       cJSON_CreateString(gp_dataset_actor(ds, nd->actor)->id)) ||
			  gp__json_add(o, "events", cJSON_CreateNumber(nd->events)) ||
			  gp__json_add(o, "self_events", cJSON_CreateNumber(nd->self_events)) ||
			  gp__json_add(o, "latest", evref_json(g, &g->latest[i], 0)) ||
			  gp__json_add(o, "span", span_json(&g->span[i]));
		rc = bad ? (cJSON_Delete(o), GP_ENOMEM) : gp__jsonl_put(fp, wrap("node", o));
	}
	gp_sources_window win = { 0 }; /* sources left in files, read an edge window at a time */
	for (size_t i = 0; rc == GP_OK && i < gp_graph_edge_count(g) &&
			   (rc = gp__sources_window_at(&win, g, i)) == GP_OK;
	     i++) {
		const gp_edge *e = gp_graph_edge(g, i);
		cJSON *o = cJSON_CreateObject(), *types = cJSON_CreateObject(),
		      *events = cJSON_CreateArray();
		char micro[32], coop[32];
		snprintf(micro, sizeof(micro), "%lld",
			 (long long)gp__edge_more(g, e)->weight_micro);
		snprintf(coop, sizeof(coop), "%lld", (long long)gp__edge_more(g, e)->coop_micro);
		int bad = !o || !types || !events;
		const gp_type_count *tc = gp_graph_edge_types(g, e);
		for (uint32_t k = 0; !bad && k < e->n_types; k++) {
			bad |= gp__json_add(types, gp_dataset_type(ds, tc[k].type)->name,
					    cJSON_CreateNumber(tc[k].count));
		}
		const gp_evref *ev = gp__edge_events(g, e);
		for (uint32_t k = 0; !bad && k < e->n_events; k++) {
			bad |= gp__json_push(events, evref_json(g, &ev[k], 1));
		}
		if (bad) {
			cJSON_Delete(o), cJSON_Delete(types), cJSON_Delete(events);
			rc = GP_ENOMEM;
			break;
		}
		bad |= gp__json_add(
			o, "source",
			cJSON_CreateString(
				gp_dataset_actor(ds, gp_graph_node(g, e->source)->actor)->id));
		bad |= gp__json_add(
			o, "target",
			cJSON_CreateString(
				gp_dataset_actor(ds, gp_graph_node(g, e->target)->actor)->id));
		bad |= gp__json_add(o, "directed", cJSON_CreateBool(e->directed));
		bad |= gp__json_add(o, "count", cJSON_CreateNumber(e->count));
		bad |= gp__json_add(o, "weight_micro",
				    cJSON_CreateString(micro)); /* exact past 2^53 */
		/* The weight by sign (docs/sign.md): conflict is weight_micro minus this. */
		bad |= gp__json_add(o, "cooperation_micro", cJSON_CreateString(coop));
		bad |= gp__json_add(o, "count_cooperation",
				    cJSON_CreateNumber(e->count_cooperation));
		bad |= gp__json_add(o, "count_conflict", cJSON_CreateNumber(e->count_conflict));
		bad |= gp__json_add(o, "types", types);
		bad |= gp__json_add(o, "first", bound_pair(e->first, e->first_prec, e->first_qual));
		bad |= gp__json_add(o, "last", bound_pair(e->last, e->last_prec, e->last_qual));
		bad |= gp__json_add(o, "events", events);
		/* Only where some event is not reported: rows' partial graphs stay as they were. */
		const uint32_t *sn = gp__edge_more(g, e)->status_n;
		if (!bad && sn[GP_STATUS_REPORTED] != e->count) {
			cJSON *st = cJSON_CreateObject();
			for (int k = GP_STATUS_REPORTED + 1; st && !bad && k < GP_STATUS_COUNT;
			     k++) {
				bad |= sn[k] ? gp__json_add(st, gp_status_name(k),
							    cJSON_CreateNumber(sn[k]))
					     : 0;
			}
			bad |= gp__json_add(o, "statuses", st);
		}
		rc = bad ? (cJSON_Delete(o), GP_ENOMEM) : gp__jsonl_put(fp, wrap("edge", o));
	}
	gp__sources_window_end(&win);
	return rc;
}
