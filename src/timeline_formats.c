/*
 * timeline_formats.c - the timeline in the formats of the programs that draw
 * timelines (DESIGN §8): vis-timeline and TimelineJS3 (JSON, through cJSON)
 * and iCalendar (RFC 5545, the one text format written by hand: see
 * gp__ics_line).
 *
 * What the three share, here: the known time span of the selected events, at
 * whose edges open and unknown ends are drawn (none of these programs can
 * draw an open end); each event's dates at the precision known; its group;
 * the date as the text timeline writes it (gp_date_format_human), with a
 * note where a side was drawn to the span's edge; its sources.
 */
#include <stdlib.h>
#include <string.h>

#include "geopol/graph.h"
#include "dataset_impl.h"
#include "json_util.h"
#include "timeline_impl.h"

#define SECS_PER_DAY 86400

static int64_t day_of(int64_t t)
{
	return t >= 0 ? t / SECS_PER_DAY : -((-t + SECS_PER_DAY - 1) / SECS_PER_DAY);
}

/* `YYYY-MM-DD` of a day number (days since 1970-01-01); buf holds 32 bytes. */
static char *day_text(int64_t day, char *buf)
{
	return gp_time_format(day * SECS_PER_DAY, 0, buf);
}

/* ------------------------------------------------------------------ span */

/* The first (last when `last`) day of the unit of `prec` (a day, month, year, decade, century) that holds t. */
static int64_t unit_day(int64_t t, int prec, int last)
{
	int64_t day = day_of(t), y;
	unsigned m, d;
	if (prec <= GP_PREC_DAY) {
		return day;
	}
	gp_civil_from_days(day, &y, &m, &d);
	if (prec == GP_PREC_MONTH) {
		return gp_days_from_civil(y, m, last ? gp_days_in_month(y, m) : 1);
	}
	int64_t years = prec == GP_PREC_DECADE ? 10 : prec == GP_PREC_CENTURY ? 100 : 1;
	y -= y % years; /* years 0..9999 */
	return last ? gp_days_from_civil(y + years, 1, 1) - 1 : gp_days_from_civil(y, 1, 1);
}

/*
 * The selected events' known time span, in days (DESIGN §8): from the
 * earliest bounded start to the latest bounded end, or the as-of date where
 * later. It is widened where an event's one known side lies beyond it (an
 * event `../2021` among events that all start later, `2026/..` after every
 * bounded end), so that no side drawn to its edge crosses the other side.
 */
typedef struct {
	int64_t first, last; /* days; first > last when no event is selected */
	int64_t latest_end;  /* the latest bounded end (seconds), or GP_TIME_MIN */
	size_t n_open_start; /* events whose start is open or unknown */
} tl_span;

static void span_of(tl_span *sp, const gp_dataset *ds, const gp_index *order, size_t n,
		    const gp_timeline_options *o)
{
	int64_t first = INT64_MAX, last = INT64_MIN, wide_first = INT64_MAX, wide_last = INT64_MIN;
	sp->latest_end = GP_TIME_MIN;
	sp->n_open_start = 0;
	for (size_t i = 0; i < n; i++) {
		const gp_date *d = &gp_dataset_event(ds, order[i])->date;
		int known_start = d->start_kind == GP_END_VALUE,
		    known_end = d->end_kind == GP_END_VALUE;
		if (known_start) {
			first = day_of(d->start) < first ? day_of(d->start) : first;
		} else {
			sp->n_open_start++;
			int64_t f = unit_day(d->end, d->end_prec, 0);
			wide_first = f < wide_first ? f : wide_first;
		}
		if (known_end) {
			last = day_of(d->end) > last ? day_of(d->end) : last;
			sp->latest_end = d->end > sp->latest_end ? d->end : sp->latest_end;
		} else {
			int64_t l = unit_day(d->start, d->start_prec, 1);
			wide_last = l > wide_last ? l : wide_last;
		}
	}
	if (o->has_as_of && o->as_of.end != GP_TIME_MAX && day_of(o->as_of.end) > last) {
		last = day_of(o->as_of.end);
	}
	sp->first = wide_first < first ? wide_first : first;
	sp->last = wide_last > last ? wide_last : last;
}

/*
 * An event's date as these programs draw it: its bounds, an open or unknown
 * side at the span's edge; whether a bound is written with its time; whether
 * it is one point (a single day at day precision or finer, or an instant).
 */
typedef struct {
	int64_t start, end; /* seconds: earliest start, latest end (inclusive) */
	int open_start, open_end;
	int start_time, end_time;
	int point;
} drawn;

static void draw(drawn *w, const gp_date *d, const tl_span *sp)
{
	w->open_start = d->start_kind != GP_END_VALUE;
	w->open_end = d->end_kind != GP_END_VALUE;
	w->start = w->open_start ? sp->first * SECS_PER_DAY : d->start;
	w->end = w->open_end ? (sp->last + 1) * SECS_PER_DAY - 1 : d->end;
	w->start_time = !w->open_start && gp_bound_has_time(d->start, d->start_prec, 0);
	w->end_time = !w->open_end && gp_bound_has_time(d->end, d->end_prec, 1);
	int single_day = !w->start_time && !w->end_time && day_of(w->start) == day_of(w->end);
	int instant = !(d->flags & GP_DATE_INTERVAL) && d->precision <= GP_PREC_MINUTE;
	w->point = !w->open_start && !w->open_end && d->precision <= GP_PREC_DAY &&
		   (single_day || instant);
}

/* "open start, shown from 2003-01-01; unknown end, shown until 2025-08-27", or nothing. */
static void clamp_note(gp_sbuf *b, const gp_date *d, const tl_span *sp)
{
	char day[32];
	if (d->start_kind != GP_END_VALUE) {
		gp__sb_printf(b, "%s start, shown from %s",
			      d->start_kind == GP_END_OPEN ? "open" : "unknown",
			      day_text(sp->first, day));
	}
	if (d->end_kind != GP_END_VALUE) {
		gp__sb_printf(
			b, "%s%s end, shown until %s", d->start_kind != GP_END_VALUE ? "; " : "",
			d->end_kind == GP_END_OPEN ? "open" : "unknown", day_text(sp->last, day));
	}
}

/* The date as the text timeline writes it, and the note when a side was drawn to the edge. */
static void date_text(gp_sbuf *b, const gp_date *d, const tl_span *sp)
{
	char date[96];
	gp_date_format_human(d, date, sizeof(date));
	gp__sb_puts(b, date);
	if (d->start_kind != GP_END_VALUE || d->end_kind != GP_END_VALUE) {
		gp__sb_puts(b, " (");
		clamp_note(b, d, sp);
		gp__sb_puts(b, ")");
	}
}

/* "Open and unknown ends are shown at the edge of ...": what every format says once. */
static void span_text(gp_sbuf *b, const tl_span *sp)
{
	char f[32], l[32];
	gp__sb_printf(b, "the events' known time span, %s to %s", day_text(sp->first, f),
		      day_text(sp->last, l));
}

/* ----------------------------------------------------------------- group */

/*
 * An event's group (DESIGN §8): the country that its first acting actor
 * (source, else participant, else target) maps to at the event's earliest
 * start, as --level country maps it; GP_NONE for `other`.
 */
static gp_index group_of(const gp_dataset *ds, const gp_event *ev)
{
	static const gp_role acting[] = { GP_ROLE_SOURCE, GP_ROLE_PARTICIPANT, GP_ROLE_TARGET };
	for (size_t r = 0; r < sizeof(acting) / sizeof(acting[0]); r++) {
		if (ev->n_actors[acting[r]]) {
			gp_index a = gp_dataset_event_actors(ds, ev, acting[r])[0];
			gp_index c = gp_graph_map_actor(ds, a, GP_LEVEL_COUNTRY, ev->date.start);
			return gp_dataset_actor(ds, c)->kind == GP_KIND_COUNTRY ? c : GP_NONE;
		}
	}
	return GP_NONE;
}

#define OTHER_GROUP "other"

static const char *group_id(const gp_dataset *ds, gp_index g)
{
	return g == GP_NONE ? OTHER_GROUP : gp_dataset_actor(ds, g)->id;
}

/* ------------------------------------------------------ text and sources */

/*
 * Text put in HTML, to be shown as it is written: vis-timeline and TimelineJS
 * read their strings as HTML. A line break (LF, CRLF or CR) is a <br>.
 */
static void html(gp_sbuf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '\r': p += p[1] == '\n'; /* fall through */
		case '\n': gp__sb_puts(b, "<br>"); break;
		case '&': gp__sb_puts(b, "&amp;"); break;
		case '<': gp__sb_puts(b, "&lt;"); break;
		case '>': gp__sb_puts(b, "&gt;"); break;
		case '"': gp__sb_puts(b, "&quot;"); break;
		default: gp__sb_add(b, p, 1); break;
		}
	}
}

/* One of an event's `sources` entries: a citation's fields, or an inline URL. */
typedef gp__source_ref source_ref;

#define source_of gp__timeline_source /* timeline_text.c */

/* " (Al Jazeera, 2025-08-06)", or nothing; escaped as HTML when as_html. */
static void source_detail(gp_sbuf *b, const source_ref *r, int as_html)
{
	if (!r->publisher && !r->published) {
		return;
	}
	gp__sb_puts(b, " (");
	const char *parts[] = { r->publisher, r->published };
	for (int k = 0, any = 0; k < 2; k++) {
		if (parts[k]) {
			gp__sb_puts(b, any++ ? ", " : "");
			as_html ? html(b, parts[k]) : gp__sb_puts(b, parts[k]);
		}
	}
	gp__sb_puts(b, ")");
}

/* A link is made only to a web address: no `javascript:` in a page. */
static int web_url(const char *url)
{
	return url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0);
}

/* The same for the viewer (view.c). */
void gp__timeline_source_detail(gp_sbuf *b, const gp__source_ref *r)
{
	source_detail(b, r, 0);
}

int gp__timeline_web_url(const char *url)
{
	return web_url(url);
}

/* ------------------------------------------------------------------ ctx */

/* (User text goes into gp_sbuf through gp__sb_puts: gp__sb_printf cuts at 511 bytes.) */

typedef struct {
	const gp_dataset *ds;
	const gp_timeline_options *o;
	tl_span span;
	gp_sbuf a, b;  /* scratch text */
	uint8_t *used; /* the countries used as groups, by actor index */
	int other_used;
} tl_ctx;

static int ctx_init(tl_ctx *c, const gp_dataset *ds, const gp_index *order, size_t n,
		    const gp_timeline_options *o)
{
	memset(c, 0, sizeof(*c));
	c->ds = ds;
	c->o = o;
	span_of(&c->span, ds, order, n, o);
	size_t na = gp_dataset_actor_count(ds);
	c->used = calloc(na ? na : 1, 1);
	return c->used ? GP_OK : GP_ENOMEM;
}

static int ctx_free(tl_ctx *c)
{
	int oom = c->a.oom || c->b.oom;
	free(c->a.s), free(c->b.s), free(c->used);
	return oom ? GP_ENOMEM : GP_OK;
}

/* The event's group, noted as used. */
static const char *use_group(tl_ctx *c, const gp_event *ev)
{
	gp_index g = group_of(c->ds, ev);
	if (g == GP_NONE) {
		c->other_used = 1;
	} else {
		c->used[g] = 1;
	}
	return group_id(c->ds, g);
}

/* The text of c->b, copied into a new cJSON string. */
static cJSON *sb_string(const gp_sbuf *b)
{
	return b->oom ? NULL : cJSON_CreateString(gp__sb_str(b));
}

/* The text of s escaped as HTML, in c->b. */
static cJSON *html_string(tl_ctx *c, const char *s)
{
	c->b.n = 0;
	gp__sb_puts(&c->b, "");
	html(&c->b, s);
	return sb_string(&c->b);
}

/* -------------------------------------------------------------------- vis */

static const char *sign_class(double w)
{
	return w > 0 ? "cooperation" : w < 0 ? "conflict" : "neutral";
}

/* The vis item's className: "precision-day approximate open-end conflict". */
static cJSON *vis_class(tl_ctx *c, const gp_event *ev)
{
	const gp_date *d = &ev->date;
	c->b.n = 0;
	gp__sb_printf(&c->b, "precision-%s", gp_precision_name(d->precision));
	gp__sb_puts(&c->b,
		    d->flags & (GP_DATE_START_APPROX | GP_DATE_END_APPROX) ? " approximate" : "");
	gp__sb_puts(&c->b, d->flags & (GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN)
				   ? " uncertain"
				   : "");
	gp__sb_puts(&c->b, d->start_kind != GP_END_VALUE ? " open-start" : "");
	gp__sb_puts(&c->b, d->end_kind != GP_END_VALUE ? " open-end" : "");
	gp__sb_printf(&c->b, " %s", sign_class(ev->weight));
	return sb_string(&c->b);
}

/* The tooltip: the date as written (and what was drawn to the edge), a line break, the actors. */
static cJSON *vis_tooltip(tl_ctx *c, const gp_event *ev)
{
	c->b.n = 0;
	gp__sb_puts(&c->b, "");
	c->a.n = 0;
	date_text(&c->a, &ev->date, &c->span);
	html(&c->b, gp__sb_str(&c->a));
	gp__sb_puts(&c->b, "<br>");
	c->a.n = 0;
	gp__timeline_actors_text(&c->a, c->ds, ev, 1);
	html(&c->b, gp__sb_str(&c->a));
	return c->a.oom ? NULL : sb_string(&c->b);
}

static cJSON *vis_item(tl_ctx *c, const gp_event *ev)
{
	cJSON *it = cJSON_CreateObject();
	if (!it) {
		return NULL;
	}
	drawn w;
	draw(&w, &ev->date, &c->span);
	char start[32], end[32];
	gp_time_format(w.start, w.start_time, start);
	/* vis reads a date as its midnight: a range ends at the day after its last
	 * day, or at the second after a latest end written with its time. */
	if (w.end_time) {
		gp_time_format(w.end + 1, 1, end);
	} else {
		day_text(day_of(w.end) + 1, end);
	}
	int bad = gp__json_add(it, "id", cJSON_CreateString(ev->id));
	bad |= gp__json_add(it, "content", html_string(c, ev->title));
	bad |= gp__json_add(it, "start", cJSON_CreateString(start));
	if (!w.point) {
		bad |= gp__json_add(it, "end", cJSON_CreateString(end));
	}
	bad |= gp__json_add(it, "type", cJSON_CreateString(w.point ? "point" : "range"));
	bad |= gp__json_add(it, "group", cJSON_CreateString(use_group(c, ev)));
	bad |= gp__json_add(it, "title", vis_tooltip(c, ev));
	bad |= gp__json_add(it, "className", vis_class(c, ev));
	if (bad) {
		cJSON_Delete(it);
		return NULL;
	}
	return it;
}

/* The groups used, sorted by id: countries by their ids, and `other`. */
typedef struct {
	const char *id, *name;
} group_ref;

static int cmp_group(const void *pa, const void *pb)
{
	return strcmp(((const group_ref *)pa)->id, ((const group_ref *)pb)->id);
}

static int groups_used(group_ref **out, size_t *n, const tl_ctx *c)
{
	size_t na = gp_dataset_actor_count(c->ds), k = 0;
	group_ref *g = malloc((na + 1) * sizeof(*g));
	*out = g;
	*n = 0;
	if (!g) {
		return GP_ENOMEM;
	}
	for (gp_index a = 0; a < na; a++) {
		if (c->used[a]) {
			const gp_actor *ac = gp_dataset_actor(c->ds, a);
			g[k++] = (group_ref){ ac->id, ac->name };
		}
	}
	if (c->other_used) {
		g[k++] = (group_ref){ OTHER_GROUP, OTHER_GROUP };
	}
	qsort(g, k, sizeof(*g), cmp_group);
	*n = k;
	return GP_OK;
}

static cJSON *vis_group(tl_ctx *c, const group_ref *g)
{
	cJSON *o = cJSON_CreateObject();
	if (o && !gp__json_add(o, "id", cJSON_CreateString(g->id)) &&
	    !gp__json_add(o, "content", html_string(c, g->name))) {
		return o;
	}
	cJSON_Delete(o);
	return NULL;
}

/* {"start": "2003-01-01", "end": "2025-08-27"}: the span open ends are drawn to; null without events. */
static cJSON *span_json(const tl_span *sp)
{
	char f[32], l[32];
	cJSON *o = sp->first <= sp->last ? cJSON_CreateObject() : cJSON_CreateNull();
	if (o && sp->first <= sp->last &&
	    (gp__json_add(o, "start", cJSON_CreateString(day_text(sp->first, f))) ||
	     gp__json_add(o, "end", cJSON_CreateString(day_text(sp->last, l))))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The keys before the lists: "geopol", "kind" (DESIGN §7), "as_of", "span". */
static cJSON *head_json(const tl_ctx *c, const char *kind)
{
	cJSON *h = cJSON_CreateObject();
	if (!h) {
		return NULL;
	}
	int bad = gp__json_add(h, "geopol", cJSON_CreateNumber(1));
	bad |= gp__json_add(h, "kind", cJSON_CreateString(kind));
	bad |= gp__json_add(h, "as_of",
			    c->o->has_as_of && c->o->as_of_text
				    ? cJSON_CreateString(c->o->as_of_text)
				    : cJSON_CreateNull());
	bad |= gp__json_add(h, "span", span_json(&c->span));
	if (bad) {
		cJSON_Delete(h);
		return NULL;
	}
	return h;
}

/* vis's head: the common keys and the data set's title. */
static cJSON *vis_head(const tl_ctx *c)
{
	const char *title = gp_dataset_title(c->ds);
	cJSON *h = head_json(c, "vis-timeline");
	if (h && gp__json_add(h, "title", title ? cJSON_CreateString(title) : cJSON_CreateNull())) {
		cJSON_Delete(h);
		return NULL;
	}
	return h;
}

int gp__timeline_vis_put(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			 const gp_timeline_options *o, gp__json_put_fn put)
{
	tl_ctx c;
	group_ref *g = NULL;
	size_t ng = 0;
	gp__json_pbuf pb = { NULL, 0 };
	int rc = ctx_init(&c, ds, order, n, o);
	int bad = rc != GP_OK || gp__json_put_head(fp, vis_head(&c), "items", put);
	for (size_t i = 0; !bad && i < n && !ferror(fp); i++) {
		bad = gp__json_put_item(fp, vis_item(&c, gp_dataset_event(ds, order[i])), i == 0,
					&pb, put);
	}
	bad = bad || groups_used(&g, &ng, &c) != GP_OK;
	if (!bad) {
		gp__json_put_next_list(fp, "groups", put);
	}
	for (size_t i = 0; !bad && i < ng; i++) {
		bad = gp__json_put_item(fp, vis_group(&c, &g[i]), i == 0, &pb, put);
	}
	free(g);
	free(pb.s);
	bad |= ctx_free(&c) != GP_OK;
	if (bad) {
		return GP_ENOMEM;
	}
	gp__json_put_end(fp, put);
	return GP_OK;
}

/*
 * The head (consumed), then the events as the list `list`, written an
 * element at a time: imported data has millions.
 */
static int stream_events(FILE *fp, tl_ctx *c, cJSON *head, const char *list, const gp_index *order,
			 size_t n, cJSON *(*element)(tl_ctx *, const gp_event *))
{
	gp__json_pbuf pb = { NULL, 0 };
	if (gp__json_stream_head(fp, head)) {
		return GP_ENOMEM;
	}
	gp__json_stream_list(fp, list);
	int rc = GP_OK;
	for (size_t i = 0; rc == GP_OK && i < n && !ferror(fp); i++) {
		cJSON *e = element(c, gp_dataset_event(c->ds, order[i]));
		rc = gp__json_stream_item_buf(fp, e, i == 0, &pb) ? GP_ENOMEM : GP_OK;
	}
	free(pb.s);
	if (rc == GP_OK) {
		gp__json_stream_end_list(fp);
	}
	return rc;
}

/* The items, then the groups they used. */
int gp__timeline_write_vis(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			   const gp_timeline_options *o)
{
	tl_ctx c;
	group_ref *g = NULL;
	size_t ng = 0;
	int rc = ctx_init(&c, ds, order, n, o);
	if (rc == GP_OK) {
		rc = stream_events(fp, &c, vis_head(&c), "items", order, n, vis_item);
	}
	if (rc == GP_OK) {
		gp__json_stream_list(fp, "groups");
		rc = groups_used(&g, &ng, &c);
	}
	for (size_t i = 0; rc == GP_OK && i < ng; i++) {
		rc = gp__json_stream_item(fp, vis_group(&c, &g[i]), i == 0) ? GP_ENOMEM : GP_OK;
	}
	free(g);
	if (ctx_free(&c) != GP_OK || rc != GP_OK) {
		return GP_ENOMEM;
	}
	gp__json_stream_end_list(fp);
	gp__json_stream_end(fp);
	return GP_OK;
}

/* ------------------------------------------------------------- TimelineJS */

/*
 * A TimelineJS date with only the parts known (DESIGN §8): the year; the
 * month and day where the precision has them; the time where the bound is
 * written with it. A decade's or century's start is its first year, its
 * end its last.
 */
static cJSON *tjs_date(int64_t t, int prec, int with_time)
{
	int64_t days = day_of(t), tod = t - days * SECS_PER_DAY, y;
	unsigned m, d;
	gp_civil_from_days(days, &y, &m, &d);
	const struct {
		const char *key;
		int64_t v;
		int on;
	} parts[] = { { "year", y, 1 },
		      { "month", m, prec <= GP_PREC_MONTH },
		      { "day", d, prec <= GP_PREC_DAY },
		      { "hour", tod / 3600, with_time },
		      { "minute", tod / 60 % 60, with_time },
		      { "second", tod % 60, with_time && prec != GP_PREC_MINUTE } };
	cJSON *o = cJSON_CreateObject();
	int bad = !o;
	for (size_t k = 0; !bad && k < sizeof(parts) / sizeof(parts[0]); k++) {
		char buf[24];
		if (parts[k].on) {
			gp__snprintf_c(buf, sizeof(buf), "%lld", (long long)parts[k].v);
			bad = gp__json_add(o, parts[k].key, cJSON_CreateString(buf));
		}
	}
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* One side of the event: a full date where it was drawn to the span's edge. */
static cJSON *tjs_side(const gp_date *d, const drawn *w, int is_end)
{
	if (is_end ? w->open_end : w->open_start) {
		return tjs_date(is_end ? w->end : w->start, GP_PREC_DAY, 0);
	}
	return is_end ? tjs_date(d->end, d->end_prec, w->end_time)
		      : tjs_date(d->start, d->start_prec, w->start_time);
}

/* One source, as HTML: a link where its URL is a web address, publisher and date after. */
static void tjs_source(gp_sbuf *b, const source_ref *r)
{
	if (web_url(r->url)) {
		gp__sb_puts(b, "<a href=\"");
		html(b, r->url);
		gp__sb_puts(b, "\">");
		html(b, r->label);
		gp__sb_puts(b, "</a>");
	} else {
		html(b, r->label);
		if (r->url && r->url != r->label) {
			gp__sb_puts(b, " ");
			html(b, r->url);
		}
	}
	source_detail(b, r, 1);
}

/* text.text: the summary, type and actors, sources, what was drawn to the edge. */
static cJSON *tjs_text(tl_ctx *c, const gp_event *ev)
{
	gp_sbuf *b = &c->b;
	b->n = 0;
	gp__sb_puts(b, "");
	if (ev->summary) {
		gp__sb_puts(b, "<p>");
		html(b, ev->summary);
		gp__sb_puts(b, "</p>");
	}
	c->a.n = 0;
	if (ev->type != GP_NONE) {
		gp__sb_puts(&c->a, gp_dataset_type(c->ds, ev->type)->label);
		gp__sb_puts(&c->a, ": ");
	}
	gp__timeline_actors_text(&c->a, c->ds, ev, 1);
	gp__sb_puts(b, "<p>");
	html(b, gp__sb_str(&c->a));
	gp__sb_puts(b, "</p>");
	const char *const *src = gp_dataset_event_sources(c->ds, ev);
	for (uint32_t i = 0; i < ev->n_sources; i++) {
		source_ref r = source_of(c->ds, src[i]);
		gp__sb_puts(b, i ? "; " : ev->n_sources > 1 ? "<p>Sources: " : "<p>Source: ");
		tjs_source(b, &r);
		gp__sb_puts(b, i + 1 == ev->n_sources ? "</p>" : "");
	}
	if (ev->date.start_kind != GP_END_VALUE || ev->date.end_kind != GP_END_VALUE) {
		c->a.n = 0;
		clamp_note(&c->a, &ev->date, &c->span);
		gp__sb_puts(b, "<p>Dates: ");
		html(b, gp__sb_str(&c->a));
		gp__sb_puts(b, ".</p>");
	}
	return c->a.oom ? NULL : sb_string(b);
}

/*
 * TimelineJS drops an end_date as "the same as the start" when each key of
 * start_date has the same value in it, so a coarser start that the end
 * refines (`2004/2004-09`: {year 2004} and {year 2004, month 9}; `2025/..`
 * clamped to a full date in 2025) would lose its end. The start then gets
 * its own `display_date`, the start as the text timeline writes it (2004),
 * which the end does not share. 0, or -1 out of memory.
 */
static int tjs_keep_end(cJSON *start, const cJSON *end, const gp_date *d, const drawn *w)
{
	const cJSON *part;
	cJSON_ArrayForEach(part, start)
	{
		const cJSON *same = cJSON_GetObjectItemCaseSensitive(end, part->string);
		if (!same || !cJSON_Compare(part, same, 1)) {
			return 0;
		}
	}
	char text[64];
	if (w->open_start) {
		day_text(day_of(w->start), text);
	} else {
		gp_time_format_human(d->start, (gp_precision)d->start_prec, text, sizeof(text));
	}
	return gp__json_add(start, "display_date", cJSON_CreateString(text));
}

static cJSON *tjs_event(tl_ctx *c, const gp_event *ev)
{
	const gp_date *d = &ev->date;
	drawn w;
	draw(&w, d, &c->span);
	/* The start's parts say all of a single day, month, year or instant. */
	int needs_end = (d->flags & GP_DATE_INTERVAL) || d->precision > GP_PREC_YEAR ||
			w.start_time != (d->precision <= GP_PREC_MINUTE);
	char date[96];
	gp_date_format_human(d, date, sizeof(date));
	cJSON *e = cJSON_CreateObject(), *text = cJSON_CreateObject();
	if (!e || !text) {
		cJSON_Delete(e);
		cJSON_Delete(text);
		return NULL;
	}
	int bad = gp__json_add(e, "unique_id", cJSON_CreateString(ev->id));
	cJSON *start = tjs_side(d, &w, 0), *end = needs_end ? tjs_side(d, &w, 1) : NULL;
	/* An end with the start's parts (2025-07-01/2025-07-01) says nothing more. */
	if (end && start && cJSON_Compare(start, end, 1)) {
		cJSON_Delete(end);
		end = NULL;
		needs_end = 0;
	}
	bad |= end && start && tjs_keep_end(start, end, d, &w);
	bad |= gp__json_add(e, "start_date", start);
	if (needs_end) {
		bad |= gp__json_add(e, "end_date", end);
	}
	bad |= gp__json_add(e, "display_date", cJSON_CreateString(date));
	bad |= gp__json_add(text, "headline", html_string(c, ev->title));
	bad |= gp__json_add(text, "text", tjs_text(c, ev));
	bad |= gp__json_add(e, "text", text);
	bad |= gp__json_add(e, "group", cJSON_CreateString(use_group(c, ev)));
	if (bad) {
		cJSON_Delete(e);
		return NULL;
	}
	return e;
}

/* The title slide: the data set's title, how many events over what span, what open ends show. */
static cJSON *tjs_title(tl_ctx *c, size_t n)
{
	const char *title = gp_dataset_title(c->ds);
	cJSON *t = cJSON_CreateObject(), *text = cJSON_CreateObject();
	gp_sbuf *b = &c->a;
	b->n = 0;
	if (n == 0) {
		gp__sb_puts(b, "<p>No events.</p>");
	} else {
		gp__sb_printf(b, "<p>%zu event%s, over ", n, n == 1 ? "" : "s");
		span_text(b, &c->span);
		gp__sb_puts(b, ". Open and unknown ends are shown at its edges.</p>");
	}
	if (c->o->has_as_of && c->o->as_of_text) {
		gp__sb_puts(b, "<p>As of ");
		html(b, c->o->as_of_text);
		gp__sb_puts(b, ".</p>");
	}
	int bad = !t || !text;
	bad |= bad ? 0 : gp__json_add(text, "headline", html_string(c, title ? title : "Timeline"));
	bad |= bad ? 0 : gp__json_add(text, "text", sb_string(b));
	if (bad || gp__json_add(t, "text", text)) {
		cJSON_Delete(t);
		cJSON_Delete(bad ? text : NULL);
		return NULL;
	}
	return t;
}

int gp__timeline_write_timelinejs(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
				  const gp_timeline_options *o)
{
	tl_ctx c;
	int rc = ctx_init(&c, ds, order, n, o);
	cJSON *head = rc == GP_OK ? head_json(&c, "timelinejs") : NULL;
	if (head && gp__json_add(head, "title", tjs_title(&c, n))) {
		cJSON_Delete(head);
		head = NULL;
	}
	if (rc == GP_OK) {
		rc = stream_events(fp, &c, head, "events", order, n, tjs_event);
	}
	if (ctx_free(&c) != GP_OK || rc != GP_OK) {
		return GP_ENOMEM;
	}
	gp__json_stream_end(fp);
	return GP_OK;
}

/* -------------------------------------------------------------- iCalendar */

/*
 * iCalendar is the one text format geopol writes by hand: no library among
 * the project's dependencies writes it (libical is not one of them), and it
 * is lines of text. Every line goes through gp__ics_line, which alone
 * escapes and folds, so that no other code here needs to know how.
 */
#define ICS_FOLD 75 /* octets in a line, its CRLF not counted (RFC 5545 §3.1) */

/* k bytes that stay together on one line (an escape, a UTF-8 character). */
static void fold_put(gp_sbuf *b, size_t *col, const char *s, size_t k)
{
	if (*col + k > ICS_FOLD) {
		gp__sb_puts(b, "\r\n "); /* a continuation line starts with a space, which counts */
		*col = 1;
	}
	gp__sb_add(b, s, k);
	*col += k;
}

void gp__ics_line(gp_sbuf *b, const char *name, const char *value, int text)
{
	size_t col = 0;
	for (const char *p = name; *p; p++) {
		fold_put(b, &col, p, 1);
	}
	fold_put(b, &col, ":", 1);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		unsigned char ch = *p;
		if (text && (ch == '\\' || ch == ';' || ch == ',')) {
			char e[2] = { '\\', (char)ch };
			fold_put(b, &col, e, 2);
		} else if (text && (ch == '\n' || ch == '\r')) {
			fold_put(b, &col, "\\n", 2);
			p += ch == '\r' && p[1] == '\n'; /* CRLF is one line break */
		} else if (text && ((ch < 0x20 && ch != '\t') || ch == 0x7f)) {
			fold_put(b, &col, " ", 1); /* TEXT allows no other control character */
		} else {
			size_t k = 1;
			while (k < 4 && (p[k] & 0xC0) == 0x80) {
				k++;
			}
			fold_put(b, &col, (const char *)p, k);
			p += k - 1;
		}
	}
	gp__sb_puts(b, "\r\n");
}

/* `YYYYMMDD` of a day number, `YYYYMMDDTHHMMSSZ` of an instant. */
static char *ics_compact(char *buf, const char *iso)
{
	size_t k = 0;
	for (const char *p = iso; *p; p++) {
		if (*p != '-' && *p != ':') {
			buf[k++] = *p;
		}
	}
	buf[k] = '\0';
	return buf;
}

static char *ics_day(int64_t day, char *buf)
{
	char iso[32];
	return ics_compact(buf, day_text(day, iso));
}

static char *ics_instant(int64_t t, char *buf)
{
	char iso[32];
	return ics_compact(buf, gp_time_format(t, 1, iso));
}

/*
 * DTSTAMP: the as-of date (a coarse one read as its last day, as the text
 * timeline reads it), else the latest bounded end: never the clock, so two
 * runs write the same bytes.
 */
static int64_t ics_stamp(const tl_ctx *c)
{
	const gp_date *a = &c->o->as_of;
	if (c->o->has_as_of && a->end != GP_TIME_MAX) {
		return a->precision <= GP_PREC_DAY ? a->start : day_of(a->end) * SECS_PER_DAY;
	}
	if (c->span.latest_end != GP_TIME_MIN) {
		return c->span.latest_end;
	}
	return c->span.first <= c->span.last ? c->span.last * SECS_PER_DAY : 0;
}

/* DESCRIPTION: the date as written, type and actors, summary, one line per source. */
static void ics_description(tl_ctx *c, const gp_event *ev)
{
	gp_sbuf *b = &c->a;
	b->n = 0;
	date_text(b, &ev->date, &c->span);
	gp__sb_puts(b, "\n");
	if (ev->type != GP_NONE) {
		gp__sb_puts(b, gp_dataset_type(c->ds, ev->type)->label);
		gp__sb_puts(b, ": ");
	}
	gp__timeline_actors_text(b, c->ds, ev, 1);
	if (ev->summary) {
		gp__sb_puts(b, "\n");
		gp__sb_puts(b, ev->summary);
	}
	const char *const *src = gp_dataset_event_sources(c->ds, ev);
	for (uint32_t i = 0; i < ev->n_sources; i++) {
		source_ref r = source_of(c->ds, src[i]);
		gp__sb_puts(b, "\nSource: ");
		gp__sb_puts(b, r.label);
		source_detail(b, &r, 0);
		if (r.url && r.url != r.label) {
			gp__sb_puts(b, " ");
			gp__sb_puts(b, r.url);
		}
	}
}

static void ics_event(tl_ctx *c, const gp_event *ev, const char *stamp)
{
	gp_sbuf *b = &c->b;
	drawn w;
	draw(&w, &ev->date, &c->span);
	char day[32];
	gp__ics_line(b, "BEGIN", "VEVENT", 0);
	c->a.n = 0;
	gp__sb_puts(&c->a, ev->id);
	gp__sb_puts(&c->a, "@geopol");
	gp__ics_line(b, "UID", gp__sb_str(&c->a), 1);
	gp__ics_line(b, "DTSTAMP", stamp, 0);
	/* All day, the end exclusive: the day after the last day. */
	gp__ics_line(b, "DTSTART;VALUE=DATE", ics_day(day_of(w.start), day), 0);
	gp__ics_line(b, "DTEND;VALUE=DATE", ics_day(day_of(w.end) + 1, day), 0);
	gp__ics_line(b, "SUMMARY", ev->title, 1);
	ics_description(c, ev);
	gp__ics_line(b, "DESCRIPTION", gp__sb_str(&c->a), 1);
	if (ev->type != GP_NONE) {
		gp__ics_line(b, "CATEGORIES", gp_dataset_type(c->ds, ev->type)->label, 1);
	}
	if (gp__timeline_is_deadline(c->ds, ev)) {
		gp__ics_line(b, "BEGIN", "VALARM", 0);
		gp__ics_line(b, "ACTION", "DISPLAY", 0);
		c->a.n = 0;
		gp__sb_puts(&c->a, "Tomorrow: ");
		gp__sb_puts(&c->a, ev->title);
		gp__ics_line(b, "DESCRIPTION", gp__sb_str(&c->a), 1);
		gp__ics_line(b, "TRIGGER", "-P1D", 0); /* one day before its start */
		gp__ics_line(b, "END", "VALARM", 0);
	}
	gp__ics_line(b, "END", "VEVENT", 0);
}

/* The calendar's head; X-WR-CALDESC says what was left out and where open ends stop. */
static void ics_head(tl_ctx *c, size_t n)
{
	gp_sbuf *b = &c->b, *t = &c->a;
	const char *title = gp_dataset_title(c->ds);
	gp__ics_line(b, "BEGIN", "VCALENDAR", 0);
	gp__ics_line(b, "VERSION", "2.0", 0);
	gp__ics_line(b, "PRODID", "-//geopol//geopol timeline//EN", 0);
	gp__ics_line(b, "CALSCALE", "GREGORIAN", 0);
	if (title) {
		gp__ics_line(b, "X-WR-CALNAME", title, 1);
	}
	t->n = 0;
	gp__sb_printf(t, "%zu event%s from geopol", n - c->span.n_open_start,
		      n - c->span.n_open_start == 1 ? "" : "s");
	if (c->span.n_open_start) {
		gp__sb_printf(t, "; %zu with an open or unknown start left out",
			      c->span.n_open_start);
	}
	if (n) {
		gp__sb_puts(t, ". Open and unknown ends are shown until the end of ");
		span_text(t, &c->span);
	}
	gp__sb_puts(t, ".");
	gp__ics_line(b, "X-WR-CALDESC", gp__sb_str(t), 1);
}

int gp__timeline_write_ics(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			   const gp_timeline_options *o)
{
	tl_ctx c;
	if (ctx_init(&c, ds, order, n, o) != GP_OK) {
		ctx_free(&c);
		return GP_ENOMEM;
	}
	char stamp[32];
	ics_instant(ics_stamp(&c), stamp);
	ics_head(&c, n);
	for (size_t i = 0; i < n && !c.a.oom && !c.b.oom && !ferror(fp); i++) {
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		/* An open start is left out: a calendar entry needs a first day. */
		if (ev->date.start_kind == GP_END_VALUE) {
			ics_event(&c, ev, stamp);
		}
		fwrite(gp__sb_str(&c.b), 1, c.b.n, fp);
		c.b.n = 0;
	}
	gp__ics_line(&c.b, "END", "VCALENDAR", 0);
	fwrite(gp__sb_str(&c.b), 1, c.b.n, fp);
	return ctx_free(&c);
}
