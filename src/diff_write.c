/*
 * diff_write.c - a gp_diff (diff.c) written as text for a reader or as
 * JSON for a program (docs/diff.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diff_impl.h"
#include "json_util.h"
#include "timeline_impl.h"

/* ------------------------------------------------------ field values */

/* A number as JSON writes it (weights, counts: exact), else with 15 digits. */
static const char *num_text(double x, char buf[32])
{
	if (!gp__json_number_text(x, buf)) {
		gp__snprintf_c(buf, 32, "%.15g", x);
	}
	return buf;
}

/* One field of an event as text: lists joined with ", ", "(none)" for nothing. */
static void field_text(gp_sbuf *b, const gp_dataset *ds, const gp_event *ev, int field)
{
	char buf[GP_DIFF_EDTF_MAX], grade[3];
	size_t start = b->n;
	switch (field) {
	case GP_FIELD_TYPE: gp__sb_puts(b, gp__diff_type_name(ds, ev)); break;
	case GP_FIELD_TITLE: gp__sb_puts(b, ev->title); break;
	case GP_FIELD_DATE: gp__sb_puts(b, gp__diff_edtf(ev, buf)); break;
	case GP_FIELD_SOURCE:
	case GP_FIELD_TARGET:
	case GP_FIELD_PARTICIPANTS:
	case GP_FIELD_ABOUT: {
		int role = field - GP_FIELD_SOURCE;
		const gp_index *a = gp_dataset_event_actors(ds, ev, (gp_role)role);
		for (size_t i = 0; i < ev->n_actors[role]; i++) {
			gp__sb_puts(b, i ? ", " : "");
			gp__sb_puts(b, gp_dataset_actor(ds, a[i])->id);
		}
		break;
	}
	case GP_FIELD_STATUS: gp__sb_puts(b, gp_status_name(ev->status)); break;
	case GP_FIELD_CONFIDENCE:
		if (gp_event_confidence(ev, grade, sizeof(grade))) {
			gp__sb_puts(b, grade);
		}
		break;
	case GP_FIELD_WEIGHT: gp__sb_puts(b, num_text(ev->weight, buf)); break;
	case GP_FIELD_SUMMARY: gp__sb_puts(b, ev->summary ? ev->summary : ""); break;
	case GP_FIELD_SOURCES: {
		const char *const *s = gp_dataset_event_sources(ds, ev);
		for (size_t i = 0; i < ev->n_sources; i++) {
			gp__sb_puts(b, i ? ", " : "");
			gp__sb_puts(b, s[i]);
		}
		break;
	}
	case GP_FIELD_LINKS: {
		const gp_link *l = gp_dataset_event_links(ds, ev);
		for (size_t i = 0; i < ev->n_links; i++) {
			gp__sb_puts(b, i ? ", " : "");
			gp__sb_printf(b, "%s %s", l[i].rel,
				      l[i].event == GP_NONE ? "?"
							    : gp_dataset_event(ds, l[i].event)->id);
		}
		break;
	}
	default: gp__sb_puts(b, ev->attributes ? ev->attributes : "{}"); break;
	}
	if (b->n == start) {
		gp__sb_puts(b, "(none)");
	}
}

static cJSON *id_array(const gp_dataset *ds, const gp_event *ev, int role)
{
	cJSON *a = cJSON_CreateArray();
	const gp_index *v = gp_dataset_event_actors(ds, ev, (gp_role)role);
	for (size_t i = 0; a && i < ev->n_actors[role]; i++) {
		if (gp__json_push(a, cJSON_CreateString(gp_dataset_actor(ds, v[i])->id))) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* One field of an event as the timeline JSON writes it (NULL: out of memory). */
static cJSON *field_json(const gp_dataset *ds, const gp_event *ev, int field)
{
	char buf[GP_DIFF_EDTF_MAX], grade[3];
	cJSON *a;
	switch (field) {
	case GP_FIELD_TYPE: return cJSON_CreateString(gp__diff_type_name(ds, ev));
	case GP_FIELD_TITLE: return cJSON_CreateString(ev->title);
	case GP_FIELD_DATE: return cJSON_CreateString(gp__diff_edtf(ev, buf));
	case GP_FIELD_SOURCE:
	case GP_FIELD_TARGET:
	case GP_FIELD_PARTICIPANTS:
	case GP_FIELD_ABOUT: return id_array(ds, ev, field - GP_FIELD_SOURCE);
	case GP_FIELD_STATUS: return cJSON_CreateString(gp_status_name(ev->status));
	case GP_FIELD_CONFIDENCE:
		return gp_event_confidence(ev, grade, sizeof(grade)) ? cJSON_CreateString(grade)
								     : cJSON_CreateNull();
	case GP_FIELD_WEIGHT: return gp__json_num(ev->weight);
	case GP_FIELD_SUMMARY:
		return ev->summary ? cJSON_CreateString(ev->summary) : cJSON_CreateNull();
	case GP_FIELD_SOURCES: {
		const char *const *s = gp_dataset_event_sources(ds, ev);
		a = cJSON_CreateArray();
		for (size_t i = 0; a && i < ev->n_sources; i++) {
			if (gp__json_push(a, cJSON_CreateString(s[i]))) {
				cJSON_Delete(a);
				return NULL;
			}
		}
		return a;
	}
	case GP_FIELD_LINKS: {
		const gp_link *l = gp_dataset_event_links(ds, ev);
		a = cJSON_CreateArray();
		for (size_t i = 0; a && i < ev->n_links; i++) {
			cJSON *o = cJSON_CreateObject();
			if (gp__json_push(a, o) ||
			    gp__json_add(o, "rel", cJSON_CreateString(l[i].rel)) ||
			    gp__json_add(o, "event",
					 l[i].event == GP_NONE
						 ? cJSON_CreateNull()
						 : cJSON_CreateString(
							   gp_dataset_event(ds, l[i].event)->id))) {
				cJSON_Delete(a);
				return NULL;
			}
		}
		return a;
	}
	default: return ev->attributes ? cJSON_CreateRaw(ev->attributes) : cJSON_CreateObject();
	}
}

/* ------------------------------------------------------------ the text */

/* What the text writer carries along. */
typedef struct {
	FILE *fp;
	const gp_diff *d;
	const gp_diff_write_options *o;
} text_ctx;

/* Longer values are cut, and an old and a new value go on lines of their own. */
enum { VALUE_CUT = 160, ONE_LINE = 64, ID_CUT = 32 };

static int more_line(text_ctx *t, size_t n, const char *indent)
{
	size_t max = t->o->max_lines;
	if (max && n > max) {
		fprintf(t->fp, "%s… and %zu more (the JSON output lists them all)\n", indent,
			n - max);
	}
	return max && n > max ? (int)1 : 0;
}

static size_t shown(const text_ctx *t, size_t n)
{
	return t->o->max_lines && n > t->o->max_lines ? t->o->max_lines : n;
}

static size_t text_width(const char *s)
{
	return gp__utf8_count(s, strlen(s));
}

/* A value on one line: line breaks, tabs and other control characters as spaces, cut to `cut` characters ("…" included). */
static void put_value(FILE *fp, const char *s, size_t cut)
{
	size_t len = strlen(s), keep = len;
	if (gp__utf8_count(s, len) > cut) {
		keep = gp__utf8_skip(s, len, cut - 1);
	}
	for (size_t i = 0; i < keep; i++) {
		fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i], fp);
	}
	fputs(keep < len ? "…" : "", fp);
}

/*
 * s padded with spaces to `width` characters, as gp__fpad, cut with "…" when
 * `cut`; line breaks, tabs and other control characters as spaces, so that
 * an id or a title that holds one keeps the columns.
 */
static void pad(FILE *fp, const char *s, size_t width, int cut)
{
	size_t len = strlen(s), chars = gp__utf8_count(s, len), keep = len;
	if (cut && width > 0 && chars > width) {
		keep = gp__utf8_skip(s, len, width - 1);
		chars = width;
	}
	for (size_t i = 0; i < keep; i++) {
		fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i], fp);
	}
	fputs(keep < len ? "…" : "", fp);
	for (size_t k = chars; k < width; k++) {
		fputc(' ', fp);
	}
}

/* Added or removed events: date, id, title, each column as wide as it needs. */
static void text_events(text_ctx *t, gp_diff_kind kind, const char *title)
{
	const gp_diff *d = t->d;
	size_t n = d->ev[kind].n, k = shown(t, n), wd = 4, wi = 2;
	int side = kind == GP_DIFF_REMOVED ? 0 : 1;
	char date[64];
	if (!n) {
		return;
	}
	fprintf(t->fp, "  %s\n", title);
	for (size_t i = 0; i < k; i++) {
		const gp_diff_event *e = &d->ev[kind].v[i];
		const gp_event *ev =
			gp_dataset_event(d->ds[side], side ? e->new_event : e->old_event);
		gp_date_format_human(&ev->date, date, sizeof(date));
		size_t w = text_width(date), v = text_width(ev->id);
		wd = w > wd ? w : wd;
		wi = v > wi ? v : wi;
	}
	wi = wi > ID_CUT ? ID_CUT : wi;
	for (size_t i = 0; i < k; i++) {
		const gp_diff_event *e = &d->ev[kind].v[i];
		const gp_event *ev =
			gp_dataset_event(d->ds[side], side ? e->new_event : e->old_event);
		gp_date_format_human(&ev->date, date, sizeof(date));
		fputs("    ", t->fp);
		pad(t->fp, date, wd + 2, 0);
		pad(t->fp, ev->id, wi, 1);
		fputs("  ", t->fp);
		put_value(t->fp, ev->title, VALUE_CUT);
		fputc('\n', t->fp);
	}
	more_line(t, n, "    ");
}

/* One changed field: "old → new" on one line when short, else "- old" and "+ new". */
static int text_field(text_ctx *t, const gp_event *a, const gp_event *b, int field)
{
	gp_sbuf ob = { 0 }, nb = { 0 };
	field_text(&ob, t->d->ds[0], a, field);
	field_text(&nb, t->d->ds[1], b, field);
	if (ob.oom || nb.oom) {
		free(ob.s);
		free(nb.s);
		return GP_ENOMEM;
	}
	size_t wo = text_width(ob.s), wn = text_width(nb.s);
	fputs("      ", t->fp);
	pad(t->fp, gp_diff_field_name(field), 13, 0);
	if (wo + wn <= ONE_LINE && !strpbrk(ob.s, "\r\n") && !strpbrk(nb.s, "\r\n")) {
		put_value(t->fp, ob.s, VALUE_CUT);
		fputs(" → ", t->fp);
		put_value(t->fp, nb.s, VALUE_CUT);
		fputc('\n', t->fp);
	} else {
		fputs("- ", t->fp);
		put_value(t->fp, ob.s, VALUE_CUT);
		fputs("\n                   + ", t->fp);
		put_value(t->fp, nb.s, VALUE_CUT);
		fputc('\n', t->fp);
	}
	free(ob.s);
	free(nb.s);
	return GP_OK;
}

/* Changed events: the id and the (new) title, then a line per changed field. */
static int text_changed(text_ctx *t)
{
	const gp_diff *d = t->d;
	size_t n = d->ev[GP_DIFF_CHANGED].n, k = shown(t, n);
	if (!n) {
		return GP_OK;
	}
	fputs("  Changed\n", t->fp);
	for (size_t i = 0; i < k; i++) {
		const gp_diff_event *e = &d->ev[GP_DIFF_CHANGED].v[i];
		const gp_event *a = gp_dataset_event(d->ds[0], e->old_event);
		const gp_event *b = gp_dataset_event(d->ds[1], e->new_event);
		fputs("    ", t->fp);
		put_value(t->fp, b->id, VALUE_CUT);
		fputs("  ", t->fp);
		put_value(t->fp, b->title, VALUE_CUT);
		fputc('\n', t->fp);
		for (int f = 0; f < GP_FIELD_COUNT; f++) {
			if ((e->fields >> f & 1) && text_field(t, a, b, f) != GP_OK) {
				return GP_ENOMEM;
			}
		}
	}
	more_line(t, n, "    ");
	return GP_OK;
}

static void plural(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

/* "count 2 → 3" or "count 2"; "weight -16 → -24", with the sign in words when it turned. */
static void edge_cells(gp_sbuf *cnt, gp_sbuf *w, const gp_diff_edge *e, gp_diff_kind kind)
{
	static const char *const signs[] = { "conflict", "neutral", "cooperation" };
	char a[32], b[32];
	int sa = (e->old_weight > 0) - (e->old_weight < 0);
	int sb = (e->new_weight > 0) - (e->new_weight < 0);
	if (kind == GP_DIFF_CHANGED && e->old_count != e->new_count) {
		gp__sb_printf(cnt, "count %u → %u", e->old_count, e->new_count);
	} else {
		gp__sb_printf(cnt, "count %u",
			      kind == GP_DIFF_REMOVED ? e->old_count : e->new_count);
	}
	if (kind == GP_DIFF_CHANGED && e->old_weight != e->new_weight) {
		gp__sb_printf(w, "weight %s → %s", num_text(e->old_weight, a),
			      num_text(e->new_weight, b));
	} else {
		gp__sb_printf(w, "weight %s",
			      num_text(kind == GP_DIFF_REMOVED ? e->old_weight : e->new_weight, a));
	}
	if (kind == GP_DIFF_CHANGED && sa != sb) {
		gp__sb_printf(w, " (%s → %s)", signs[sa + 1], signs[sb + 1]);
	}
}

/* The edges that appeared, disappeared or changed: one aligned table. */
static int text_edges(text_ctx *t)
{
	static const char *const words[] = { "appeared", "disappeared", "changed" };
	const gp_diff *d = t->d;
	size_t wk = 0, wc = 0;
	/* Two passes over the rows shown: widths, then the lines. */
	for (int pass = 0; pass < 2; pass++) {
		for (int kind = 0; kind < GP_DIFF_KIND_COUNT; kind++) {
			size_t n = d->edge[kind].n, k = shown(t, n);
			for (size_t i = 0; i < k; i++) {
				const gp_diff_edge *e = &d->edge[kind].v[i];
				gp_sbuf key = { 0 }, cnt = { 0 }, w = { 0 };
				gp__sb_printf(&key, "%s %s %s", e->source, e->directed ? "→" : "↔",
					      e->target);
				edge_cells(&cnt, &w, e, (gp_diff_kind)kind);
				int oom = key.oom || cnt.oom || w.oom;
				if (!oom && pass == 0) {
					size_t x = text_width(key.s), y = text_width(cnt.s);
					wk = x > wk ? x : wk;
					wc = y > wc ? y : wc;
				} else if (!oom) {
					fputs("  ", t->fp);
					pad(t->fp, words[kind], 13, 0);
					pad(t->fp, key.s, (wk > 48 ? 48 : wk) + 2, 1);
					pad(t->fp, cnt.s, wc + 2, 0);
					put_value(t->fp, w.s, VALUE_CUT);
					fputc('\n', t->fp);
				}
				free(key.s);
				free(cnt.s);
				free(w.s);
				if (oom) {
					return GP_ENOMEM;
				}
			}
			if (pass == 1) {
				more_line(t, n, "  ");
			}
		}
	}
	return GP_OK;
}

/* A measure's value: PageRank to 4 decimals, betweenness whole or to 2 ("19.5"). */
static const char *measure_text(int m, double x, int sign, char buf[48])
{
	if (m == GP_MEASURE_PAGERANK) {
		gp__snprintf_c(buf, 48, sign ? "%+.4f" : "%.4f", x);
		if (sign && fabs(x) < 0.00005) {
			gp__snprintf_c(buf, 48, "%+.1e", x);
		}
	} else if (x == floor(x) && fabs(x) < 1e15) {
		gp__snprintf_c(buf, 48, sign ? "%+.0f" : "%.0f", x);
	} else {
		/* Betweenness counts halves and thirds of paths: 2 decimals, no trailing zero. */
		int n = gp__snprintf_c(buf, 48, sign ? "%+.2f" : "%.2f", x);
		while (n > 0 && buf[n - 1] == '0') {
			buf[--n] = '\0';
		}
	}
	return buf;
}

static void text_moves(text_ctx *t, int m)
{
	const gp_diff *d = t->d;
	size_t n = d->move[m].n, wi = 0, wl = 0, wv = 0;
	char a[48], b[48], c[48];
	if (!n) {
		return;
	}
	fprintf(t->fp, "\n%s: the largest moves\n",
		m == GP_MEASURE_PAGERANK ? "PageRank" : "Betweenness");
	for (size_t i = 0; i < n; i++) {
		const gp_diff_move *v = &d->move[m].v[i];
		size_t x = text_width(v->id), y = text_width(v->label);
		size_t z = text_width(measure_text(m, v->old_value, 0, a)) + 3 +
			   text_width(measure_text(m, v->new_value, 0, b));
		wi = x > wi ? x : wi;
		wl = y > wl ? y : wl;
		wv = z > wv ? z : wv;
	}
	wi = wi > ID_CUT ? ID_CUT : wi;
	wl = wl > ID_CUT ? ID_CUT : wl;
	for (size_t i = 0; i < n; i++) {
		const gp_diff_move *v = &d->move[m].v[i];
		char both[104];
		snprintf(both, sizeof(both), "%s → %s", measure_text(m, v->old_value, 0, a),
			 measure_text(m, v->new_value, 0, b));
		fputs("  ", t->fp);
		pad(t->fp, v->id, wi + 2, 1);
		pad(t->fp, v->label, wl + 2, 1);
		pad(t->fp, both, wv + 2, 0);
		fprintf(t->fp, "%s\n", measure_text(m, v->new_value - v->old_value, 1, c));
	}
}

/* The two sides: their names and sizes. */
static void text_head(text_ctx *t)
{
	const gp_diff *d = t->d;
	const gp_diff_write_options *o = t->o;
	const char *names[2] = { o->old_label ? o->old_label : "old",
				 o->new_label ? o->new_label : "new" };
	char at[2][160];
	if (o->at) {
		snprintf(at[0], sizeof(at[0]), "began before %s", o->at);
		snprintf(at[1], sizeof(at[1]), "not over by %s", o->at);
		names[0] = at[0], names[1] = at[1];
	}
	const char *level = d->level == GP_LEVEL_COUNTRY ? "country" : "actor";
	if (o->at) {
		fprintf(t->fp, "geopol diff at %s, %s level\n", o->at, level);
	} else {
		fprintf(t->fp, "geopol diff, %s level\n", level);
	}
	size_t w = text_width(names[0]), w1 = text_width(names[1]);
	w = w1 > w ? w1 : w;
	for (int s = 0; s < 2; s++) {
		fputs(o->at ? (s ? "  after   " : "  before  ") : (s ? "  new  " : "  old  "),
		      t->fp);
		pad(t->fp, names[s], w + 3, 0);
		plural(t->fp, d->n_events[s], "event, ", "events, ");
		plural(t->fp, d->n_nodes[s], "node, ", "nodes, ");
		plural(t->fp, d->n_edges[s], "edge\n", "edges\n");
	}
}

static int write_text(FILE *fp, const gp_diff *d, const gp_diff_write_options *o)
{
	text_ctx t = { fp, d, o };
	char added[200], removed[200];
	text_head(&t);
	if (!gp_diff_any(d)) {
		fputs("\nno changes\n", fp);
		return GP_OK;
	}
	size_t na = d->ev[GP_DIFF_ADDED].n, nr = d->ev[GP_DIFF_REMOVED].n;
	size_t nc = d->ev[GP_DIFF_CHANGED].n;
	if (o->at) {
		fprintf(fp,
			"\nEvents: %zu began on or after %s, %zu ended before it, %zu span it\n",
			na, o->at, nr, d->unchanged);
		snprintf(added, sizeof(added), "Began on or after %s", o->at);
		snprintf(removed, sizeof(removed), "Ended before %s", o->at);
	} else {
		fprintf(fp, "\nEvents: %zu added, %zu removed, %zu changed, %zu unchanged\n", na,
			nr, nc, d->unchanged);
		snprintf(added, sizeof(added), "Added");
		snprintf(removed, sizeof(removed), "Removed");
	}
	text_events(&t, GP_DIFF_ADDED, added);
	text_events(&t, GP_DIFF_REMOVED, removed);
	if (text_changed(&t) != GP_OK) {
		return GP_ENOMEM;
	}
	fprintf(fp, "\nEdges: %zu appeared, %zu disappeared, %zu changed count or sign\n",
		d->edge[GP_DIFF_ADDED].n, d->edge[GP_DIFF_REMOVED].n, d->edge[GP_DIFF_CHANGED].n);
	if (text_edges(&t) != GP_OK) {
		return GP_ENOMEM;
	}
	text_moves(&t, GP_MEASURE_PAGERANK);
	text_moves(&t, GP_MEASURE_BETWEENNESS);
	return GP_OK;
}

/* ------------------------------------------------------------ the JSON */

static cJSON *side_json(const char *label, const gp_diff *d, int s)
{
	cJSON *o = cJSON_CreateObject();
	if (!o ||
	    gp__json_add(o, "label", label ? cJSON_CreateString(label) : cJSON_CreateNull()) ||
	    gp__json_add(o, "events", cJSON_CreateNumber((double)d->n_events[s])) ||
	    gp__json_add(o, "nodes", cJSON_CreateNumber((double)d->n_nodes[s])) ||
	    gp__json_add(o, "edges", cJSON_CreateNumber((double)d->n_edges[s]))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *summary_json(const gp_diff *d)
{
	static const char *const keys[] = { "events_added",   "events_removed",    "events_changed",
					    "edges_appeared", "edges_disappeared", "edges_changed" };
	cJSON *o = cJSON_CreateObject();
	for (int k = 0; o && k < 6; k++) {
		size_t n = k < 3 ? d->ev[k].n : d->edge[k - 3].n;
		if (gp__json_add(o, keys[k], cJSON_CreateNumber((double)n))) {
			cJSON_Delete(o);
			return NULL;
		}
		if (k == 2 &&
		    gp__json_add(o, "events_unchanged", cJSON_CreateNumber((double)d->unchanged))) {
			cJSON_Delete(o);
			return NULL;
		}
	}
	return o;
}

static cJSON *head_json(const gp_diff *d, const gp_diff_write_options *o)
{
	cJSON *h = cJSON_CreateObject();
	int bad = !h;
	bad = bad || gp__json_add(h, "geopol", cJSON_CreateNumber(1));
	bad = bad || gp__json_add(h, "kind", cJSON_CreateString("diff"));
	bad = bad || gp__json_add(h, "mode", cJSON_CreateString(o->at ? "at" : "files"));
	bad = bad || gp__json_add(h, "at", o->at ? cJSON_CreateString(o->at) : cJSON_CreateNull());
	bad = bad ||
	      gp__json_add(h, "level",
			   cJSON_CreateString(d->level == GP_LEVEL_COUNTRY ? "country" : "actor"));
	bad = bad || gp__json_add(h, "top",
				  d->top ? cJSON_CreateNumber((double)d->top) : cJSON_CreateNull());
	bad = bad || gp__json_add(h, "old", side_json(o->old_label, d, 0));
	bad = bad || gp__json_add(h, "new", side_json(o->new_label, d, 1));
	bad = bad || gp__json_add(h, "summary", summary_json(d));
	if (bad) {
		cJSON_Delete(h);
		return NULL;
	}
	return h;
}

static cJSON *changed_json(const gp_diff *d, const gp_diff_event *e)
{
	const gp_event *a = gp_dataset_event(d->ds[0], e->old_event);
	const gp_event *b = gp_dataset_event(d->ds[1], e->new_event);
	cJSON *o = cJSON_CreateObject(), *list = NULL;
	/* The list is made last, so that o owns it (or it is gone) whatever fails. */
	int bad = !o || gp__json_add(o, "id", cJSON_CreateString(b->id)) ||
		  gp__json_add(o, "title", cJSON_CreateString(b->title)) ||
		  gp__json_add(o, "changes", list = cJSON_CreateArray());
	for (int f = 0; !bad && f < GP_FIELD_COUNT; f++) {
		if (!(e->fields >> f & 1)) {
			continue;
		}
		cJSON *c = cJSON_CreateObject();
		bad = gp__json_push(list, c) ||
		      gp__json_add(c, "field", cJSON_CreateString(gp_diff_field_name(f))) ||
		      gp__json_add(c, "old", field_json(d->ds[0], a, f)) ||
		      gp__json_add(c, "new", field_json(d->ds[1], b, f));
	}
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *count_json(uint32_t count, double weight)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || gp__json_add(o, "count", cJSON_CreateNumber(count)) ||
	    gp__json_add(o, "weight", gp__json_num(weight))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *edge_json(const gp_diff_edge *e, int kind)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || gp__json_add(o, "source", cJSON_CreateString(e->source)) ||
	    gp__json_add(o, "target", cJSON_CreateString(e->target)) ||
	    gp__json_add(o, "directed", cJSON_CreateBool(e->directed)) ||
	    gp__json_add(o, "old",
			 kind == GP_DIFF_ADDED ? cJSON_CreateNull()
					       : count_json(e->old_count, e->old_weight)) ||
	    gp__json_add(o, "new",
			 kind == GP_DIFF_REMOVED ? cJSON_CreateNull()
						 : count_json(e->new_count, e->new_weight))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *move_json(const gp_diff_move *v)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || gp__json_add(o, "id", cJSON_CreateString(v->id)) ||
	    gp__json_add(o, "label", cJSON_CreateString(v->label)) ||
	    gp__json_add(o, "old", cJSON_CreateNumber(v->old_value)) ||
	    gp__json_add(o, "new", cJSON_CreateNumber(v->new_value)) ||
	    gp__json_add(o, "change", cJSON_CreateNumber(v->new_value - v->old_value))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Item i of one of the diff's lists as JSON: events, edges (list 3-5), moves (6-7). */
static cJSON *item_json(const gp_diff *d, int list, size_t i)
{
	gp_timeline_options topts = GP_TIMELINE_OPTIONS_INIT;
	if (list == GP_DIFF_ADDED || list == GP_DIFF_REMOVED) {
		const gp_diff_event *e = &d->ev[list].v[i];
		int s = list == GP_DIFF_ADDED;
		return gp__timeline_event_json(
			d->ds[s], gp_dataset_event(d->ds[s], s ? e->new_event : e->old_event),
			&topts);
	}
	if (list == GP_DIFF_CHANGED) {
		return changed_json(d, &d->ev[list].v[i]);
	}
	if (list < 6) {
		return edge_json(&d->edge[list - 3].v[i], list - 3);
	}
	return move_json(&d->move[list - 6].v[i]);
}

static size_t list_len(const gp_diff *d, int list)
{
	return list < 3 ? d->ev[list].n : list < 6 ? d->edge[list - 3].n : d->move[list - 6].n;
}

/* The lists are streamed an item at a time: a GDELT week has thousands. */
static int write_json(FILE *fp, const gp_diff *d, const gp_diff_write_options *o)
{
	static const char *const names[] = { "added",       "removed", "changed",  "appeared",
					     "disappeared", "changed", "pagerank", "betweenness" };
	if (gp__json_stream_head(fp, head_json(d, o))) {
		return GP_ENOMEM;
	}
	gp__json_pbuf pb = { NULL, 0 };
	int rc = GP_OK;
	for (int list = 0; rc == GP_OK && list < 8; list++) {
		if (list == 0 || list == 3) {
			gp__json_stream_object(fp, list ? "edges" : "events");
			gp__json_stream_first_list(fp, names[list]);
		} else {
			gp__json_stream_list(fp, names[list]);
		}
		for (size_t i = 0, n = list_len(d, list); rc == GP_OK && i < n && !ferror(fp);
		     i++) {
			if (gp__json_stream_item_buf(fp, item_json(d, list, i), i == 0, &pb)) {
				rc = GP_ENOMEM;
			}
		}
		gp__json_stream_end_list(fp);
		if (list == 2 || list == 5) {
			fputc('}', fp);
		}
	}
	free(pb.s);
	if (rc == GP_OK) {
		gp__json_stream_end(fp);
	}
	return rc;
}

int gp_diff_write(FILE *fp, const gp_diff *d, const gp_diff_write_options *opts)
{
	gp_diff_write_options def = GP_DIFF_WRITE_OPTIONS_INIT;
	const gp_diff_write_options *o = opts ? opts : &def;
	int rc = o->format == GP_DIFF_JSON ? write_json(fp, d, o) : write_text(fp, d, o);
	if (rc == GP_OK && ferror(fp)) {
		rc = GP_EIO;
	}
	return rc;
}
