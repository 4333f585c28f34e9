/*
 * series_write.c - `geopol series` and `geopol dyad` written: CSV, text,
 * JSON (cJSON) and the dyad's SVG line chart (libxml2's xmlTextWriter).
 * See docs/series.md.
 */
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "json_util.h"
#include "series_impl.h"

/* ----------------------------------------------------------------- shared */

/*
 * Shares add up in binary: 31/365 + 334/365 prints as 0.9999999999999999.
 * Values written are rounded to 9 decimals (a second of a year is 3e-8).
 */
static double tidy(double x)
{
	double r = round(x * 1e9) / 1e9;
	return r == 0 ? 0 : r; /* no -0 */
}

static const char *num(double x, char buf[40])
{
	gp__snprintf_c(buf, 40, "%.15g", tidy(x));
	return buf;
}

/* For reading: at most two decimals, no trailing zeros ("2.48", "2", "-20"). */
static const char *short_num(double x, char buf[40])
{
	gp__snprintf_c(buf, 40, "%.2f", tidy(x));
	char *dot = strchr(buf, '.');
	if (dot) {
		char *e = buf + strlen(buf);
		while (e > dot && (e[-1] == '0' || e[-1] == '.')) {
			*--e = '\0';
		}
	}
	return strcmp(buf, "-0") == 0 ? "0" : buf;
}

static const char *id_of(const gp_series *s, gp_index a)
{
	return gp_dataset_actor(s->ds, a)->id;
}

static const char *every_name(const gp_series *s)
{
	return s->o.every == GP_EVERY_YEAR ? "P1Y" : s->o.every == GP_EVERY_QUARTER ? "P3M" : "P1M";
}

static const char *every_words(const gp_series *s)
{
	return s->o.every == GP_EVERY_YEAR      ? "year"
	       : s->o.every == GP_EVERY_QUARTER ? "quarter"
						: "month";
}

static const char *counted(const gp_series *s)
{
	return s->o.whole ? "whole" : "share";
}

/* A window's first and last day. */
static void window_days(const gp_window *w, char a[32], char b[32])
{
	gp_time_format(w->start, 0, a);
	gp_time_format(w->end, 0, b);
}

/* -------------------------------------------------------------------- CSV */

int gp_series_write_csv(FILE *fp, const gp_series *s, gp_series_table table)
{
	fputs(table == GP_SERIES_DYADS
		      ? "window,start,end,source,target,directed,count,cooperation,conflict,weight,"
			"counted\n"
		      : "window,start,end,id,label,events,in_degree,out_degree,strength,"
			"strength_cooperation,strength_conflict,pagerank,counted\n",
	      fp);
	char name[16], a[32], b[32], n1[40], n2[40], n3[40], n4[40];
	for (size_t i = 0; i < s->nw; i++) {
		const gp_window *w = &s->win[i];
		gp_series_window_name(s, i, name, sizeof(name));
		window_days(w, a, b);
		size_t first = table == GP_SERIES_DYADS ? w->first_dyad : w->first_node;
		size_t n = table == GP_SERIES_DYADS ? w->n_dyads : w->n_nodes;
		for (size_t k = first; k < first + n; k++) {
			fprintf(fp, "%s,%s,%s,", name, a, b);
			if (table == GP_SERIES_DYADS) {
				const gp_series_dyad *d = &s->dyads[k];
				gp__csv_field(fp, id_of(s, d->source), ',');
				gp__csv_field(fp, id_of(s, d->target), ',');
				fprintf(fp, "%s,%s,%s,%s,%s,%s\n", d->directed ? "true" : "false",
					num(d->count, n1), num(d->cooperation, n2),
					num(d->conflict, n3), num(d->weight, n4), counted(s));
				continue;
			}
			const gp_series_node *x = &s->nodes[k];
			const gp_actor *ac = gp_dataset_actor(s->ds, x->actor);
			gp__csv_field(fp, ac->id, ',');
			gp__csv_field(fp, ac->name, ',');
			char pr[40];
			gp__snprintf_c(pr, sizeof(pr), "%.15g", x->pagerank);
			fprintf(fp, "%s,%u,%u,%s,%s,%s,%s,%s\n", num(x->events, n1), x->in_degree,
				x->out_degree, num(x->strength, n2),
				num(x->strength_cooperation, n3), num(x->strength_conflict, n4), pr,
				counted(s));
		}
	}
	return ferror(fp) ? GP_EIO : GP_OK;
}

/* ------------------------------------------------------------------- text */

/* The first line of a text output: what is counted, how. */
static void text_head(FILE *fp, const gp_series *s, const char *what)
{
	char a[16], b[16];
	if (!s->nw) {
		fprintf(fp, "%s: no window (no event with a known date)\n", what);
		return;
	}
	fprintf(fp, "%s by %s, %s to %s: %zu events, each counted %s\n", what, every_words(s),
		gp_series_window_name(s, 0, a, sizeof(a)),
		gp_series_window_name(s, s->nw - 1, b, sizeof(b)), s->n_events,
		s->o.whole ? "whole in every window it overlaps"
			   : "by the share of its dates in each window");
}

int gp_series_write_text(FILE *fp, const gp_series *s, gp_series_table table)
{
	text_head(fp, s, table == GP_SERIES_DYADS ? "Dyads" : "Actors");
	char name[16], n1[40], n2[40], n3[40], n4[40], row[200];
	if (table == GP_SERIES_DYADS) {
		fprintf(fp, "%-8s %-18s %-2s %-18s %8s %8s %8s\n", "WINDOW", "SOURCE", "", "TARGET",
			"COUNT", "COOP", "CONFLICT");
	} else {
		fprintf(fp, "%-8s %-18s %7s %4s %4s %8s %8s %8s %8s\n", "WINDOW", "ID", "EVENTS",
			"IN", "OUT", "STRENGTH", "COOP", "CONFLICT", "PAGERANK");
	}
	for (size_t i = 0; i < s->nw; i++) {
		const gp_window *w = &s->win[i];
		gp_series_window_name(s, i, name, sizeof(name));
		size_t n = table == GP_SERIES_DYADS ? w->n_dyads : w->n_nodes;
		for (size_t k = 0; k < n; k++) {
			fprintf(fp, "%-8s ", k == 0 ? name : "");
			if (table == GP_SERIES_DYADS) {
				const gp_series_dyad *d = &s->dyads[w->first_dyad + k];
				gp__fpad(fp, id_of(s, d->source), 18, 1);
				fputs(d->directed ? " → " : " – ", fp);
				gp__fpad(fp, id_of(s, d->target), 18, 1);
				gp__snprintf_c(
					row, sizeof(row), " %8s %8s %8s\n", short_num(d->count, n1),
					short_num(d->cooperation, n2), short_num(d->conflict, n3));
			} else {
				const gp_series_node *x = &s->nodes[w->first_node + k];
				gp__fpad(fp, id_of(s, x->actor), 18, 1);
				gp__snprintf_c(row, sizeof(row),
					       " %7.2f %4u %4u %8.1f %8.1f %8.1f %8.4f\n",
					       tidy(x->events), x->in_degree, x->out_degree,
					       tidy(x->strength), tidy(x->strength_cooperation),
					       tidy(x->strength_conflict), x->pagerank);
			}
			fputs(row, fp);
		}
	}
	(void)n4;
	return ferror(fp) ? GP_EIO : GP_OK;
}

/* ------------------------------------------------------------------- JSON */

static cJSON *json_head(const gp_series *s, const char *kind)
{
	cJSON *h = cJSON_CreateObject();
	int bad = !h;
	bad |= bad || gp__json_add(h, "geopol", cJSON_CreateNumber(1));
	bad |= bad || gp__json_add(h, "kind", cJSON_CreateString(kind));
	bad |= bad || gp__json_add(h, "level",
				   cJSON_CreateString(s->o.level == GP_LEVEL_COUNTRY ? "country"
										     : "actor"));
	bad |= bad || gp__json_add(h, "every", cJSON_CreateString(every_name(s)));
	bad |= bad || gp__json_add(h, "counted", cJSON_CreateString(counted(s)));
	bad |= bad || gp__json_add(h, "events", cJSON_CreateNumber((double)s->n_events));
	if (bad) {
		cJSON_Delete(h);
		return NULL;
	}
	return h;
}

/* A window's own keys: name, first and last day, its events' totals. */
static cJSON *window_json(const gp_series *s, size_t i)
{
	const gp_window *w = &s->win[i];
	char name[16], a[32], b[32];
	gp_series_window_name(s, i, name, sizeof(name));
	window_days(w, a, b);
	cJSON *o = cJSON_CreateObject();
	int bad = !o;
	bad |= bad || gp__json_add(o, "window", cJSON_CreateString(name));
	bad |= bad || gp__json_add(o, "start", cJSON_CreateString(a));
	bad |= bad || gp__json_add(o, "end", cJSON_CreateString(b));
	bad |= bad || gp__json_add(o, "events", cJSON_CreateNumber(tidy(w->events)));
	bad |= bad || gp__json_add(o, "cooperation", cJSON_CreateNumber(tidy(w->cooperation)));
	bad |= bad || gp__json_add(o, "conflict", cJSON_CreateNumber(tidy(w->conflict)));
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int add_dyad_values(cJSON *o, const gp_series_dyad *d)
{
	int bad = gp__json_add(o, "count", cJSON_CreateNumber(d ? tidy(d->count) : 0));
	bad |= bad ||
	       gp__json_add(o, "cooperation", cJSON_CreateNumber(d ? tidy(d->cooperation) : 0));
	bad |= bad || gp__json_add(o, "conflict", cJSON_CreateNumber(d ? tidy(d->conflict) : 0));
	return bad;
}

static cJSON *series_window_json(const gp_series *s, size_t i)
{
	const gp_window *w = &s->win[i];
	cJSON *o = window_json(s, i), *nodes = cJSON_CreateArray(), *dyads = cJSON_CreateArray();
	int bad = !o || !nodes || !dyads;
	for (size_t k = 0; !bad && k < w->n_nodes; k++) {
		const gp_series_node *x = &s->nodes[w->first_node + k];
		cJSON *n = cJSON_CreateObject();
		bad |= !n || gp__json_push(nodes, n);
		bad |= bad || gp__json_add(n, "id", cJSON_CreateString(id_of(s, x->actor)));
		bad |= bad || gp__json_add(n, "events", cJSON_CreateNumber(tidy(x->events)));
		bad |= bad || gp__json_add(n, "in_degree", cJSON_CreateNumber(x->in_degree));
		bad |= bad || gp__json_add(n, "out_degree", cJSON_CreateNumber(x->out_degree));
		bad |= bad || gp__json_add(n, "strength", cJSON_CreateNumber(tidy(x->strength)));
		bad |= bad || gp__json_add(n, "strength_cooperation",
					   cJSON_CreateNumber(tidy(x->strength_cooperation)));
		bad |= bad || gp__json_add(n, "strength_conflict",
					   cJSON_CreateNumber(tidy(x->strength_conflict)));
		bad |= bad || gp__json_add(n, "pagerank", cJSON_CreateNumber(x->pagerank));
	}
	for (size_t k = 0; !bad && k < w->n_dyads; k++) {
		const gp_series_dyad *d = &s->dyads[w->first_dyad + k];
		cJSON *y = cJSON_CreateObject();
		bad |= !y || gp__json_push(dyads, y);
		bad |= bad || gp__json_add(y, "source", cJSON_CreateString(id_of(s, d->source)));
		bad |= bad || gp__json_add(y, "target", cJSON_CreateString(id_of(s, d->target)));
		bad |= bad || gp__json_add(y, "directed", cJSON_CreateBool(d->directed));
		bad |= bad || add_dyad_values(y, d);
	}
	/* gp__json_add takes the list, added or deleted; what is not handed over is deleted here. */
	if (!bad) {
		bad |= gp__json_add(o, "nodes", nodes);
		nodes = NULL;
	}
	if (!bad) {
		bad |= gp__json_add(o, "dyads", dyads);
		dyads = NULL;
	}
	cJSON_Delete(nodes), cJSON_Delete(dyads);
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

typedef cJSON *(*window_maker)(const gp_series *s, size_t i);

/* The head, then a window a line. */
static int stream_windows(FILE *fp, const gp_series *s, cJSON *head, window_maker make)
{
	if (!head || gp__json_stream_head(fp, head)) {
		return GP_ENOMEM;
	}
	gp__json_stream_list(fp, "windows");
	for (size_t i = 0; i < s->nw; i++) {
		if (gp__json_stream_item(fp, make(s, i), i == 0)) {
			return GP_ENOMEM;
		}
	}
	fputs("\n]}\n", fp);
	return ferror(fp) ? GP_EIO : GP_OK;
}

int gp_series_write_json(FILE *fp, const gp_series *s)
{
	return stream_windows(fp, s, json_head(s, "series"), series_window_json);
}

/* ------------------------------------------------------------------- dyad */

/* The three relations of a pair: A -> B, B -> A, and A - B (participants together). */
enum { REL_AB, REL_BA, REL_MUTUAL, REL_N };
static const char *const rel_keys[REL_N] = { "a_to_b", "b_to_a", "mutual" };

/* A window's dyad of a relation, or NULL when it had no event. */
static const gp_series_dyad *rel_dyad(const gp_series *s, size_t win, int rel)
{
	const gp_window *w = &s->win[win];
	gp_index a = s->o.pair[0], b = s->o.pair[1];
	for (size_t k = w->first_dyad; k < w->first_dyad + w->n_dyads; k++) {
		const gp_series_dyad *d = &s->dyads[k];
		if ((rel == REL_MUTUAL && !d->directed) ||
		    (d->directed && rel == REL_AB && d->source == a && d->target == b) ||
		    (d->directed && rel == REL_BA && d->source == b && d->target == a)) {
			return d;
		}
	}
	return NULL;
}

/* A relation in words: "IRN → USA", "USA → IRN", "IRN – USA". */
static void rel_name(const gp_series *s, int rel, char *buf, size_t size)
{
	const char *a = id_of(s, s->o.pair[0]), *b = id_of(s, s->o.pair[1]);
	if (rel == REL_MUTUAL && strcmp(a, b) > 0) {
		const char *x = a;
		a = b, b = x;
	}
	snprintf(buf, size, "%s %s %s", rel == REL_BA ? b : a, rel == REL_MUTUAL ? "–" : "→",
		 rel == REL_BA ? a : b);
}

static cJSON *dyad_window_json(const gp_series *s, size_t i)
{
	cJSON *o = window_json(s, i);
	int bad = !o;
	for (int r = 0; !bad && r < REL_N; r++) {
		/* gp__json_add takes x, added or deleted: so x goes in first, then its values. */
		cJSON *x = cJSON_CreateObject();
		bad |= gp__json_add(o, rel_keys[r], x) || add_dyad_values(x, rel_dyad(s, i, r));
	}
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int gp_dyad_write_json(FILE *fp, const gp_series *s)
{
	cJSON *h = json_head(s, "dyad");
	if (h && (gp__json_add(h, "a", cJSON_CreateString(id_of(s, s->o.pair[0]))) ||
		  gp__json_add(h, "b", cJSON_CreateString(id_of(s, s->o.pair[1]))))) {
		cJSON_Delete(h);
		h = NULL;
	}
	return stream_windows(fp, s, h, dyad_window_json);
}

int gp_dyad_write_csv(FILE *fp, const gp_series *s)
{
	fputs("window,start,end,relation,source,target,directed,count,cooperation,conflict,weight,"
	      "counted\n",
	      fp);
	char name[16], a[32], b[32], n1[40], n2[40], n3[40], n4[40];
	for (size_t i = 0; i < s->nw; i++) {
		gp_series_window_name(s, i, name, sizeof(name));
		window_days(&s->win[i], a, b);
		for (int r = 0; r < REL_N; r++) {
			const gp_series_dyad *d = rel_dyad(s, i, r);
			gp_index x = s->o.pair[r == REL_BA], y = s->o.pair[r != REL_BA];
			if (r == REL_MUTUAL && strcmp(id_of(s, x), id_of(s, y)) > 0) {
				gp_index t = x;
				x = y, y = t;
			}
			fprintf(fp, "%s,%s,%s,%s,", name, a, b, rel_keys[r]);
			gp__csv_field(fp, id_of(s, x), ',');
			gp__csv_field(fp, id_of(s, y), ',');
			fprintf(fp, "%s,%s,%s,%s,%s,%s\n", r == REL_MUTUAL ? "false" : "true",
				num(d ? d->count : 0, n1), num(d ? d->cooperation : 0, n2),
				num(d ? d->conflict : 0, n3), num(d ? d->weight : 0, n4),
				counted(s));
		}
	}
	return ferror(fp) ? GP_EIO : GP_OK;
}

/* A sparkline of v[0..n) scaled to its largest: blank for 0, ▁ to █. */
static void sparkline(FILE *fp, const double *v, size_t n, double max)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	for (size_t i = 0; i < n; i++) {
		if (v[i] <= 0 || max <= 0) {
			fputc(v[i] > 0 ? '_' : ' ', fp);
			continue;
		}
		int k = (int)ceil(v[i] / max * 8) - 1;
		fputs(bars[k < 0 ? 0 : k > 7 ? 7 : k], fp);
	}
}

int gp_dyad_write_text(FILE *fp, const gp_series *s)
{
	const gp_dataset *ds = s->ds;
	char head[600];
	snprintf(head, sizeof(head), "%s and %s", gp_dataset_actor(ds, s->o.pair[0])->name,
		 gp_dataset_actor(ds, s->o.pair[1])->name);
	text_head(fp, s, head);
	if (!s->nw) {
		return ferror(fp) ? GP_EIO : GP_OK;
	}
	double *v = malloc(s->nw * sizeof(*v));
	if (!v) {
		return GP_ENOMEM;
	}
	char name[80], n1[40], n2[40], n3[40];
	fputs("\nCooperation (up) and conflict, each line scaled to its own largest window:\n", fp);
	for (int r = 0; r < REL_N; r++) {
		for (int sign = 0; sign < 2; sign++) {
			double max = 0;
			for (size_t i = 0; i < s->nw; i++) {
				const gp_series_dyad *d = rel_dyad(s, i, r);
				v[i] = d ? tidy(sign ? -d->conflict : d->cooperation) : 0;
				max = v[i] > max ? v[i] : max;
			}
			rel_name(s, r, name, sizeof(name));
			gp__fpad(fp, sign ? "" : name, 24, 1);
			fprintf(fp, " %-11s |", sign ? "conflict" : "cooperation");
			sparkline(fp, v, s->nw, max);
			fprintf(fp, "| max %s\n", short_num(max, n1));
		}
	}
	fputs("\nWINDOW  ", fp);
	for (int r = 0; r < REL_N; r++) {
		rel_name(s, r, name, sizeof(name));
		fputs(" ", fp);
		gp__fpad(fp, name, 26, 1);
	}
	fputs("\n        ", fp);
	for (int r = 0; r < REL_N; r++) {
		fprintf(fp, " %7s %8s %9s", "COUNT", "COOP", "CONFLICT");
	}
	fputc('\n', fp);
	for (size_t i = 0; i < s->nw; i++) {
		fprintf(fp, "%-8s", gp_series_window_name(s, i, name, sizeof(name)));
		for (int r = 0; r < REL_N; r++) {
			const gp_series_dyad *d = rel_dyad(s, i, r);
			char row[80];
			gp__snprintf_c(row, sizeof(row), " %7s %8s %9s",
				       d ? short_num(d->count, n1) : "-",
				       d ? short_num(d->cooperation, n2) : "-",
				       d ? short_num(d->conflict, n3) : "-");
			fputs(row, fp);
		}
		fputc('\n', fp);
	}
	free(v);
	return ferror(fp) ? GP_EIO : GP_OK;
}
