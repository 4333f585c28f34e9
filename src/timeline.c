/*
 * timeline.c - filters, timeline order, and the timeline writers.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geopol/timeline.h"
#include "dataset_impl.h"
#include "internal.h"
#include "json_util.h"
#include "timeline_impl.h"

#define SECS_PER_DAY 86400

/* ---------------------------------------------------------------- filter */

int gp_filter_actor_mask(uint8_t **out, const gp_dataset *ds, const gp_index *actors, size_t n)
{
	size_t na = gp_dataset_actor_count(ds);
	uint8_t *mask = calloc(na ? na : 1, 1);
	/* Children lists: reverse part_of edges, in CSR form. */
	uint32_t *start = calloc(na + 1, sizeof(*start));
	gp_index *child = NULL, *queue = malloc((na ? na : 1) * sizeof(*queue));
	size_t nm = 0;
	*out = NULL;
	if (!mask || !start || !queue) {
		goto oom;
	}
	for (gp_index a = 0; a < na; a++) {
		const gp_actor *ac = gp_dataset_actor(ds, a);
		const gp_membership *m = gp_dataset_actor_part_of(ds, ac);
		for (uint32_t k = 0; k < ac->n_members; k++) {
			start[m[k].actor + 1]++;
			nm++;
		}
	}
	for (size_t i = 0; i < na; i++) {
		start[i + 1] += start[i];
	}
	child = malloc((nm ? nm : 1) * sizeof(*child));
	uint32_t *fill = calloc(na + 1, sizeof(*fill));
	if (!child || !fill) {
		free(fill);
		goto oom;
	}
	for (gp_index a = 0; a < na; a++) {
		const gp_actor *ac = gp_dataset_actor(ds, a);
		const gp_membership *m = gp_dataset_actor_part_of(ds, ac);
		for (uint32_t k = 0; k < ac->n_members; k++) {
			gp_index p = m[k].actor;
			child[start[p] + fill[p]++] = a;
		}
	}
	free(fill);
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < n; i++) {
		if (actors[i] < na && !mask[actors[i]]) {
			mask[actors[i]] = 1;
			queue[tail++] = actors[i];
		}
	}
	while (head < tail) {
		gp_index p = queue[head++];
		for (uint32_t k = start[p]; k < start[p + 1]; k++) {
			if (!mask[child[k]]) {
				mask[child[k]] = 1;
				queue[tail++] = child[k];
			}
		}
	}
	free(start), free(child), free(queue);
	*out = mask;
	return GP_OK;
oom:
	free(mask), free(start), free(child), free(queue);
	return GP_ENOMEM;
}

int gp_filter_sign_match(const gp_filter *f, double w)
{
	return !f || !f->sign || (f->sign > 0 ? w > 0 : w < 0);
}

int gp__filter_keeps_plain(const gp_filter *f)
{
	return !f || ((!f->statuses || (f->statuses & (1u << GP_STATUS_REPORTED))) &&
		      !f->min_reliability);
}

int gp_filter_match(const gp_dataset *ds, const gp_filter *f, const gp_event *ev)
{
	if (!f) {
		return 1;
	}
	if (f->has_from && ev->date.end < f->from) {
		return 0;
	}
	if (f->has_to && ev->date.start > f->to) {
		return 0;
	}
	if (f->statuses && !(f->statuses & (1u << ev->status))) {
		return 0;
	}
	if (!gp_filter_sign_match(f, ev->weight)) {
		return 0;
	}
	/* An ungraded event is not known to be as good as the grade asked for. */
	if (f->min_reliability && (!ev->reliability || ev->reliability > f->min_reliability ||
				   ev->credibility > f->min_credibility)) {
		return 0;
	}
	if (f->types) {
		size_t k = 0;
		while (k < f->n_types && f->types[k] != ev->type) {
			k++;
		}
		if (k == f->n_types) {
			return 0;
		}
	}
	if (f->actor_mask) {
		/* source, target and participants count; `about` does not. */
		const gp_index *a = gp_dataset_event_actors(ds, ev, GP_ROLE_SOURCE);
		size_t n = (size_t)ev->n_actors[GP_ROLE_SOURCE] + ev->n_actors[GP_ROLE_TARGET] +
			   ev->n_actors[GP_ROLE_PARTICIPANT];
		for (size_t i = 0; i < n; i++) {
			if (f->actor_mask[a[i]]) {
				return 1;
			}
		}
		return 0;
	}
	return 1;
}

/* qsort has no context argument: the comparison reads the dataset here. */
static _Thread_local const gp_dataset *sort_ds; /* qsort has no context argument in C17 */

static int cmp_order(const void *pa, const void *pb)
{
	gp_index a = *(const gp_index *)pa, b = *(const gp_index *)pb;
	size_t ne = sort_ds->events.n;
	if (a >= ne && b >= ne) {
		/* Two compact rows (millions of them in GDELT timelines): whole days, so only days differ. */
		int64_t sa = sort_ds->rows.v[a - ne].day, sb = sort_ds->rows.v[b - ne].day;
		return sa != sb ? (sa < sb ? -1 : 1) : (a > b) - (a < b);
	}
	int64_t ea, eb, sa = gp__dataset_event_start(sort_ds, a, &ea),
			sb = gp__dataset_event_start(sort_ds, b, &eb);
	if (sa != sb) {
		return sa < sb ? -1 : 1;
	}
	if (ea != eb) {
		return ea > eb ? -1 : 1; /* the later end first */
	}
	return (a > b) - (a < b);
}

/*
 * The timeline order of compact rows alone: in[0..n) (ascending, as
 * gp_timeline_build lists them; NULL: every row) put in order into out.
 * Rows are whole days, so a counting sort by day, stable, gives what
 * cmp_order does (ties in index order) in two passes over the rows, where
 * qsort's comparisons (random reads of the rows) were 7% of a million-row
 * timeline. Returns 0 when it does not apply (events, unsorted in, days
 * spread wider than DAYS_MAX, or no memory): then qsort it is.
 */
#define DAYS_MAX (1u << 22) /* 11,000 years of days: 32 MiB of counts */

static int sort_rows_by_day(const gp_dataset *ds, const gp_index *in, size_t n, gp_index *out)
{
	size_t ne = ds->events.n;
#define ROW_AT(i) (in ? in[i] : (gp_index)(ne + (i)))
#define DAY_AT(i) ((int64_t)ds->rows.v[ROW_AT(i) - ne].day)
	if (n < 2 || ROW_AT(0) < ne) {
		return 0;
	}
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		if (i && ROW_AT(i) <= ROW_AT(i - 1)) {
			return 0;
		}
		lo = DAY_AT(i) < lo ? DAY_AT(i) : lo;
		hi = DAY_AT(i) > hi ? DAY_AT(i) : hi;
	}
	size_t days = (size_t)(hi - lo) + 1;
	size_t *at = days <= DAYS_MAX ? calloc(days + 1, sizeof(*at)) : NULL;
	if (!at) {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		at[(size_t)(DAY_AT(i) - lo) + 1]++;
	}
	for (size_t d = 0; d < days; d++) {
		at[d + 1] += at[d];
	}
	for (size_t i = 0; i < n; i++) {
		out[at[(size_t)(DAY_AT(i) - lo)]++] = ROW_AT(i);
	}
#undef DAY_AT
#undef ROW_AT
	free(at);
	return 1;
}

void gp__timeline_sort(const gp_dataset *ds, gp_index *v, size_t n)
{
	gp_index *out = n >= 2 ? malloc(n * sizeof(*out)) : NULL;
	if (out && sort_rows_by_day(ds, v, n, out)) {
		memcpy(v, out, n * sizeof(*v));
	} else if (n) {
		sort_ds = ds;
		qsort(v, n, sizeof(*v), cmp_order);
		sort_ds = NULL;
	}
	free(out);
}

void gp__timeline_prefetch(const gp_dataset *ds, const gp_index *order, size_t n, size_t i)
{
	for (int stage = 0; stage < 3; stage++) {
		size_t ahead = i + 24 - 8 * (size_t)stage;
		if (ahead < n) {
			gp__dataset_prefetch(ds, order[ahead], stage);
		}
	}
}

int gp_timeline_build(gp_index **out, size_t *n, const gp_dataset *ds, const gp_filter *f)
{
	size_t ne = gp_dataset_event_count(ds), k = 0;
	gp_index *v = malloc((ne ? ne : 1) * sizeof(*v));
	*out = NULL;
	*n = 0;
	if (!v) {
		return GP_ENOMEM;
	}
	/* Without a filter, compact rows need not be rebuilt into events to be listed. */
	int all = !f || (!f->has_from && !f->has_to && !f->types && !f->actor_mask &&
			 !f->statuses && !f->min_reliability && !f->sign);
	/* Every row and nothing else: sorted straight into v (4 bytes a row less at the peak). */
	if (all && !ds->events.n && sort_rows_by_day(ds, NULL, ne, v)) {
		*out = v;
		*n = ne;
		return GP_OK;
	}
	for (gp_index i = 0; i < ne; i++) {
		if (all || gp_filter_match(ds, f, gp_dataset_event(ds, i))) {
			v[k++] = i;
		}
	}
	gp__timeline_sort(ds, v, k);
	*out = v;
	*n = k;
	return GP_OK;
}

/* ---------------------------------------------------------------- timing */

static int64_t day_of(int64_t t)
{
	return t >= 0 ? t / SECS_PER_DAY : -((-t + SECS_PER_DAY - 1) / SECS_PER_DAY);
}

/*
 * The moment an as-of date names, [*from, *to]: the date itself at day
 * precision or finer; a coarser one (`2025-08`, `2025`) is read as its last
 * day, "as things stood at the end of August", so that status and days left
 * both come from one day and cannot disagree (docs/decisions.md).
 */
static void as_of_moment(const gp_date *as_of, int64_t *from, int64_t *to)
{
	*to = as_of->end;
	*from = as_of->precision > GP_PREC_DAY && as_of->end != GP_TIME_MAX
			? day_of(as_of->end) * SECS_PER_DAY
			: as_of->start;
}

gp_timing_kind gp_event_timing(const gp_event *ev, const gp_date *as_of)
{
	int64_t from, to;
	as_of_moment(as_of, &from, &to);
	if (ev->date.end < from) {
		return GP_TIMING_PAST;
	}
	if (ev->date.start > to) {
		return GP_TIMING_UPCOMING;
	}
	return GP_TIMING_ONGOING;
}

int64_t gp_event_days_left(const gp_event *ev, const gp_date *as_of)
{
	int64_t from, to;
	as_of_moment(as_of, &from, &to);
	if (ev->date.end == GP_TIME_MAX || from == GP_TIME_MIN) {
		return INT64_MAX;
	}
	return day_of(ev->date.end) - day_of(from);
}

/* "2025-08 (read as its last day, 2025-08-31)" for a coarse as-of date. */
static void as_of_header(FILE *fp, const char *before, const char *after,
			 const gp_timeline_options *o)
{
	char day[64] = "";
	if (o->as_of.precision > GP_PREC_DAY && o->as_of.end != GP_TIME_MAX) {
		char d[32];
		snprintf(day, sizeof(day), " (read as its last day, %s)",
			 gp_time_format(o->as_of.end, 0, d));
	}
	fprintf(fp, "%s%s%s%s", before, o->as_of_text, day, after);
}

static const char *const timing_names[] = { "past", "ongoing", "upcoming" };

/* ------------------------------------------------------------ text parts */

static void deadline_text(gp_sbuf *b, int64_t days)
{
	if (days == INT64_MAX) {
		return;
	}
	if (days == 0) {
		gp__sb_puts(b, "due today");
	} else if (days > 0) {
		gp__sb_printf(b, "%lld day%s left", (long long)days, days == 1 ? "" : "s");
	} else {
		gp__sb_printf(b, "passed %lld day%s ago", (long long)-days, days == -1 ? "" : "s");
	}
}

/* The title with what a reader needs beside it: derivation, days left. */
static void title_text(gp_sbuf *b, const gp_dataset *ds, const gp_event *ev,
		       const gp_timeline_options *o)
{
	/* What is not established fact says so before its title (docs/claims.md). */
	if (ev->status == GP_STATUS_CLAIMED || ev->status == GP_STATUS_DENIED ||
	    ev->status == GP_STATUS_PLANNED) {
		gp__sb_printf(b, "[%s] ", gp_status_name(ev->status));
	}
	gp__sb_puts(b, ev->title);
	if (ev->derived_from != GP_NONE) {
		gp__sb_puts(b, " (date: ");
		gp__timeline_offset_text(b, ev->offset);
		gp__sb_printf(b, " %s %s)", ev->direction < 0 ? "before" : "after",
			      gp_dataset_event(ds, ev->derived_from)->id);
	}
	if (o->has_as_of && gp__timeline_is_deadline(ds, ev)) {
		int64_t days = gp_event_days_left(ev, &o->as_of);
		if (days != INT64_MAX) {
			gp__sb_puts(b, " — ");
			deadline_text(b, days);
		}
	}
}

static size_t width(const char *s)
{
	return gp__utf8_count(s, strlen(s));
}

static const char *type_label(const gp_dataset *ds, const gp_event *ev)
{
	return ev->type == GP_NONE ? "?" : gp_dataset_type(ds, ev->type)->label;
}

/* ------------------------------------------------------------------ text */

/*
 * The actor column is as wide as its widest entry, at most this wide; a
 * longer entry is shortened (short_actors) so that the event keeps one line
 * (DESIGN §6) and every title starts in the same column.
 */
#define ACTORS_MAX_WIDTH 40
#define STATUS_WIDTH 8
/* A cut name keeps at least this many characters, "…" included: a recognisable start. */
#define NAME_MIN_WIDTH 5

/* A line break in a name or title would break the columns: shown as a space. */
static void flatten(char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r') {
			*s = ' ';
		}
	}
}

/* Width of what b holds from byte `from` on. */
static size_t width_from(const gp_sbuf *b, size_t from)
{
	return gp__utf8_count(gp__sb_str(b) + from, b->n - from);
}

/*
 * Append the event's actors shortened to `cap` characters, built from its
 * sides rather than cut from the flat text, so that the arrows and every
 * side stay: first a side's later names give way to "+N" (the side with the
 * most names first), then the longest names are cut with "…" to the widest
 * cut that fits. Only when even names of NAME_MIN_WIDTH do not fit is the
 * whole text cut. The full lists are in the other formats.
 */
static void short_actors(gp_sbuf *b, const gp_dataset *ds, const gp_event *ev, size_t cap)
{
	gp__actor_side side[GP_ROLE_COUNT];
	size_t ns = gp__timeline_actor_sides(ds, ev, 0, side), start = b->n, w;
	for (;;) {
		b->n = start;
		gp__timeline_put_sides(b, ds, side, ns, SIZE_MAX);
		if ((w = width_from(b, start)) <= cap) {
			return;
		}
		size_t k = ns;
		for (size_t j = 0; j < ns; j++) {
			if (side[j].kept > side[j].min &&
			    (k == ns || side[j].kept > side[k].kept)) {
				k = j;
			}
		}
		if (k == ns) {
			break;
		}
		side[k].kept--;
	}
	/* Every side is down to its `min` names (at most 2): few names to cut. */
	size_t nw[2 * GP_ROLE_COUNT], nn = 0, names = 0, lo = NAME_MIN_WIDTH, hi = 0;
	for (size_t k = 0; k < ns; k++) {
		for (size_t i = 0; i < side[k].kept; i++) {
			nw[nn] = width(gp_dataset_actor(ds, side[k].a[i])->name);
			names += nw[nn];
			hi = nw[nn] > hi ? nw[nn] : hi;
			nn++;
		}
	}
	/* The widest cut c at which the separators and the names cut to c fit. */
	size_t fixed = w - names;
	while (lo < hi) {
		size_t c = lo + (hi - lo + 1) / 2, t = fixed;
		for (size_t i = 0; i < nn; i++) {
			t += nw[i] < c ? nw[i] : c;
		}
		if (t <= cap) {
			lo = c;
		} else {
			hi = c - 1;
		}
	}
	b->n = start;
	gp__timeline_put_sides(b, ds, side, ns, lo);
	if (width_from(b, start) > cap && cap > 0) {
		static const char ell[] = "…";
		const size_t ne = sizeof(ell) - 1;
		b->n = start + gp__timeline_cut_bytes(gp__sb_str(b) + start, b->n - start, cap);
		b->s[b->n] = '\0';
		/* A cut name's "…" may end what is left: one is enough. */
		if (b->n < start + ne || memcmp(b->s + b->n - ne, ell, ne)) {
			gp__sb_puts(b, ell);
		}
	}
}

/* The events' links, a line each under the event, from column `indent` (the title's). */
static void text_links(FILE *fp, gp_sbuf *b, const gp_dataset *ds, const gp_event *ev,
		       size_t indent)
{
	const gp_link *l = gp_dataset_event_links(ds, ev);
	for (uint32_t k = 0; k < ev->n_links; k++) {
		b->n = 0;
		gp__timeline_link_text(b, ds, &l[k]);
		if (b->n) {
			flatten(b->s);
			fprintf(fp, "%*s↳ %s\n", (int)indent, "", gp__sb_str(b));
		}
	}
}

/* With --sources: "Sources", then "[1] Title. Publisher, date. URL" a line. */
static void text_references(FILE *fp, gp_sbuf *b, const gp_dataset *ds, const gp__notes *nt)
{
	if (!nt->list.n) {
		return;
	}
	fputs("\nSources\n", fp);
	for (size_t i = 0; i < nt->list.n; i++) {
		b->n = 0;
		gp__notes_entry(b, ds, nt->list.v[i]);
		flatten(b->s);
		fprintf(fp, "[%zu] %s\n", i + 1, gp__sb_str(b));
	}
}

int gp__timeline_write_text(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			    const gp_timeline_options *o, const char *const *marks)
{
	size_t wd = 4, wt = 4, wa = 0, wm = 0;
	gp_sbuf b = { 0 };
	gp__notes nt = { 0 };
	char date[96];
	if (o->sources && gp__notes_build(&nt, ds, order, n)) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		size_t w = marks ? width(marks[i]) : 0;
		wm = w > wm ? w : wm;
		gp__timeline_prefetch(ds, order, n, i);
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		gp_date_format_human(&ev->date, date, sizeof(date));
		w = width(date);
		wd = w > wd ? w : wd;
		w = width(type_label(ds, ev));
		wt = w > wt ? w : wt;
		b.n = 0;
		gp__timeline_actors_text(&b, ds, ev, 0);
		w = width_from(&b, 0);
		wa = w > wa ? w : wa;
	}
	wa = wa > ACTORS_MAX_WIDTH ? ACTORS_MAX_WIDTH : wa;
	/* Where titles start: the links under an event line up with them. */
	size_t indent = (marks ? wm + 2 : 0) + (o->has_as_of ? STATUS_WIDTH + 2 : 0) + wd + 2 + wt +
			2 + wa + 2;
	const char *title = marks ? NULL : gp_dataset_title(ds);
	if (title) {
		fprintf(fp, "%s%s%s\n", o->color ? "\033[1m" : "", title,
			o->color ? "\033[0m" : "");
	}
	if (o->has_as_of && o->as_of_text) {
		as_of_header(fp, "as of ", "\n", o);
	}
	if (title || o->has_as_of) {
		fputc('\n', fp);
	}
	for (size_t i = 0; i < n && !b.oom && !ferror(fp); i++) {
		gp__timeline_prefetch(ds, order, n, i);
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		double w = ev->weight;
		if (marks) {
			fprintf(fp, "%s%*s  ", marks[i], (int)(wm - width(marks[i])), "");
		}
		if (o->has_as_of) {
			int st = gp_event_timing(ev, &o->as_of);
			const char *col = st == GP_TIMING_UPCOMING ? "\033[1m"
					  : st == GP_TIMING_PAST   ? "\033[2m"
								   : "";
			fprintf(fp, "%s%-*s%s  ", o->color ? col : "", STATUS_WIDTH,
				timing_names[st], o->color && *col ? "\033[0m" : "");
		}
		gp_date_format_human(&ev->date, date, sizeof(date));
		fprintf(fp, "%s%s%s%*s  ", o->color ? "\033[36m" : "", date,
			o->color ? "\033[0m" : "", (int)(wd - width(date)), "");
		const char *lab = type_label(ds, ev);
		const char *tc = !o->color ? "" : w < 0 ? "\033[31m" : w > 0 ? "\033[32m" : "";
		fprintf(fp, "%s%s%s%*s  ", tc, lab, *tc ? "\033[0m" : "", (int)(wt - width(lab)),
			"");
		b.n = 0;
		short_actors(&b, ds, ev, wa);
		flatten(b.s);
		fprintf(fp, "%s%*s  ", gp__sb_str(&b), (int)(wa - width_from(&b, 0)), "");
		b.n = 0;
		title_text(&b, ds, ev, o);
		if (o->sources) {
			gp__notes_marks(&b, &nt, ds, ev, "[", "]");
		}
		flatten(b.s);
		fprintf(fp, "%s\n", gp__sb_str(&b));
		text_links(fp, &b, ds, ev, indent);
	}
	if (o->sources && !b.oom && !ferror(fp)) {
		text_references(fp, &b, ds, &nt);
	}
	gp__notes_free(&nt);
	free(b.s);
	return b.oom ? GP_ENOMEM : GP_OK;
}

/* -------------------------------------------------------------- markdown */

/*
 * User text (titles, names, type labels, summaries) renders literally: what
 * Markdown (CommonMark, GitHub's ~strikethrough~, tables and footnotes) would
 * read as emphasis, code, HTML, a link, an entity or a cell boundary is
 * escaped with '\', which CommonMark allows before any ASCII punctuation.
 * geopol's own text (dates such as ~2025-08, statuses) is escaped alike: a
 * '~' of one date could pair with another's. A line break would end the
 * paragraph: a space. The layout is a list, an event an item
 * (docs/decisions.md): a table row cannot hold a summary or links.
 */
#define MD_USER "\\`*_<[|~&"

static void md_text(FILE *fp, const char *s, const char *special)
{
	for (; *s; s++) {
		if (strchr(special, *s)) { /* never the NUL: the loop stops before it */
			fputc('\\', fp);
			fputc(*s, fp);
		} else if (*s == '\n' || *s == '\r') {
			fputc(' ', fp);
		} else {
			fputc(*s, fp);
		}
	}
}

/*
 * User text that starts a line: what would open a block there (a heading,
 * a quote, a list item, a setext underline, "1986." as an ordered list)
 * is escaped, and leading white space (an indented code block) dropped.
 */
static void md_line(FILE *fp, const char *s)
{
	s += strspn(s, " \t\r\n");
	size_t digits = strspn(s, "0123456789");
	if (*s && strchr("#>-+=", *s)) {
		fputc('\\', fp);
	} else if (digits && digits < 10 && (s[digits] == '.' || s[digits] == ')')) {
		fwrite(s, 1, digits, fp);
		fputc('\\', fp);
		s += digits;
	}
	md_text(fp, s, MD_USER);
}

/*
 * A link to a web address, written as <...> (a URL with what that form
 * cannot hold, or a '\\' it would read as an escape, is not linked); else
 * the text alone. In a link's text an unescaped ']' would end it early.
 */
static void md_link(FILE *fp, const char *label, const char *url)
{
	int linked = gp__timeline_web_url(url) && !strpbrk(url, "<>\n\r \t\\");
	fputs(linked ? "[" : "", fp);
	md_text(fp, label, linked ? MD_USER "]" : MD_USER);
	if (linked) {
		fprintf(fp, "](<%s>)", url);
	}
}

/* "[^1]: [Title](<url>), Publisher, 2025-07-31": the footnotes, numbered by first use. */
static void md_references(FILE *fp, const gp_dataset *ds, const gp__notes *nt)
{
	for (size_t i = 0; i < nt->list.n; i++) {
		gp__source_ref r = gp__timeline_source(ds, nt->list.v[i]);
		fprintf(fp, "%s[^%zu]: ", i ? "" : "\n", i + 1);
		md_link(fp, r.label, r.url);
		const char *parts[] = { r.publisher, r.published };
		for (int k = 0; k < 2; k++) {
			if (parts[k]) {
				fputs(", ", fp);
				md_text(fp, parts[k], MD_USER);
			}
		}
		fputc('\n', fp);
	}
}

/*
 * One event: "- **date** · Type · Actors", its title (with its footnote
 * marks) on the next line of the item, its summary a paragraph, its links
 * a line each ("↳ in response to ..."); --as-of's mark first on the line.
 */
static void md_event(FILE *fp, gp_sbuf *b, const gp_dataset *ds, const gp_event *ev,
		     const gp_timeline_options *o, const gp__notes *nt)
{
	char date[96];
	fputs("- ", fp);
	if (o->has_as_of) {
		fprintf(fp, "*%s* · ", timing_names[gp_event_timing(ev, &o->as_of)]);
	}
	gp_date_format_human(&ev->date, date, sizeof(date));
	fputs("**", fp);
	md_text(fp, date, MD_USER);
	fputs("** · ", fp);
	md_text(fp, type_label(ds, ev), MD_USER);
	b->n = 0;
	gp__timeline_actors_text(b, ds, ev, 1);
	if (b->n) {
		fputs(" · ", fp);
		md_text(fp, gp__sb_str(b), MD_USER);
	}
	fputs("\\\n  ", fp); /* a hard line break */
	b->n = 0;
	title_text(b, ds, ev, o);
	md_line(fp, gp__sb_str(b));
	b->n = 0;
	gp__notes_marks(b, nt, ds, ev, "[^", "]");
	fputs(gp__sb_str(b), fp);
	fputc('\n', fp);
	if (ev->summary && !gp__is_blank(ev->summary)) {
		fputs("\n  ", fp);
		md_line(fp, ev->summary);
		fputc('\n', fp);
	}
	const gp_link *l = gp_dataset_event_links(ds, ev);
	for (uint32_t k = 0, first = 1; k < ev->n_links; k++) {
		b->n = 0;
		gp__timeline_link_text(b, ds, &l[k]);
		if (b->n) {
			fputs(first ? "\n  ↳ " : "\\\n  ↳ ", fp);
			md_text(fp, gp__sb_str(b), MD_USER);
			first = 0;
		}
	}
	fputs(ev->n_links ? "\n" : "", fp);
}

static int write_markdown(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
			  const gp_timeline_options *o)
{
	gp_sbuf b = { 0 };
	gp__notes nt;
	if (gp__notes_build(&nt, ds, order, n)) {
		return GP_ENOMEM;
	}
	const char *title = gp_dataset_title(ds);
	if (title) {
		fputs("## ", fp);
		md_text(fp, title, MD_USER);
		fputs("\n\n", fp);
	}
	if (o->has_as_of && o->as_of_text) {
		as_of_header(fp, "As of ", ".\n\n", o);
	}
	for (size_t i = 0; i < n && !b.oom && !ferror(fp); i++) {
		gp__timeline_prefetch(ds, order, n, i);
		fputs(i ? "\n" : "", fp); /* a blank line between items */
		md_event(fp, &b, ds, gp_dataset_event(ds, order[i]), o, &nt);
	}
	if (!b.oom && !ferror(fp)) {
		md_references(fp, ds, &nt);
	}
	gp__notes_free(&nt);
	free(b.s);
	return b.oom ? GP_ENOMEM : GP_OK;
}

/* ------------------------------------------------------------------- csv */

static void csv_actor_list(gp_sbuf *row, gp_sbuf *b, const gp_dataset *ds, const gp_event *ev,
			   int role)
{
	const gp_index *a = gp_dataset_event_actors(ds, ev, (gp_role)role);
	b->n = 0;
	gp__sb_puts(b, "");
	for (size_t i = 0; i < ev->n_actors[role]; i++) {
		if (i) {
			gp__sb_puts(b, ";");
		}
		gp__sb_puts(b, gp_dataset_actor(ds, a[i])->id);
	}
	gp__sb_csv_field(row, gp__sb_str(b), ',');
}

/* A bound as DESIGN §7 writes it: a date, or an instant when the date has a
 * time, or was moved off its day's edge by a time offset (PT5H). */
static void end_text(char *buf, const gp_date *d, int which)
{
	int64_t t = which ? d->end : d->start;
	int prec = which ? d->end_prec : d->start_prec;
	if (t == GP_TIME_MIN || t == GP_TIME_MAX) {
		buf[0] = '\0';
	} else {
		gp_time_format(t, gp_bound_has_time(t, prec, which), buf);
	}
}

/*
 * A row is built in a buffer and written at once, not with a locked stdio
 * call per field: those were a tenth of the profile of a million rows'
 * timeline (the whole took 4% less time without them).
 */
static int write_csv(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
		     const gp_timeline_options *o)
{
	gp_sbuf b = { 0 }, row = { 0 };
	char buf[96];
	fputs("id,date,start,end,precision,approximate,uncertain,type,type_label,weight,quad,"
	      "source,target,participants,about,title,derived_from,status,confidence",
	      fp);
	/* Columns that came later go at the end, so that no column moves. */
	fputs(o->has_as_of ? ",timing,days_left,sources,summary\n" : ",sources,summary\n", fp);
	for (size_t i = 0; i < n && !b.oom && !row.oom && !ferror(fp); i++) {
		gp__timeline_prefetch(ds, order, n, i);
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		const gp_type *ty = ev->type == GP_NONE ? NULL : gp_dataset_type(ds, ev->type);
		row.n = 0;
		gp__sb_csv_field(&row, ev->id, ',');
		if (ev->edtf) {
			gp__sb_csv_field(&row, ev->edtf, ',');
		} else {
			gp_date_format_edtf(&ev->date, buf, sizeof(buf));
			gp__sb_csv_field(&row, buf, ',');
		}
		end_text(buf, &ev->date, 0);
		gp__sb_csv_field(&row, buf, ',');
		end_text(buf, &ev->date, 1);
		gp__sb_csv_field(&row, buf, ',');
		gp__sb_csv_field(&row, gp_precision_name(ev->date.precision), ',');
		gp__sb_puts(&row, ev->date.flags & (GP_DATE_START_APPROX | GP_DATE_END_APPROX)
					  ? "true,"
					  : "false,");
		gp__sb_puts(&row, ev->date.flags & (GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN)
					  ? "true,"
					  : "false,");
		gp__sb_csv_field(&row, ty ? ty->name : "", ',');
		gp__sb_csv_field(&row, ty ? ty->label : "", ',');
		double w = ev->weight;
		if (w > -1e6 && w < 1e6 && w == (double)(long)w && !signbit(w)) {
			snprintf(buf, sizeof(buf), "%ld", (long)w); /* what %g writes, faster */
		} else {
			gp__snprintf_c(buf, sizeof(buf), "%g", w);
		}
		gp__sb_csv_field(&row, buf, ',');
		snprintf(buf, sizeof(buf), "%d", ty ? ty->quad : 0);
		gp__sb_csv_field(&row, buf, ',');
		for (int role = 0; role < GP_ROLE_COUNT; role++) {
			csv_actor_list(&row, &b, ds, ev, role);
		}
		gp__sb_csv_field(&row, ev->title, ',');
		gp__sb_csv_field(&row,
				 ev->derived_from != GP_NONE
					 ? gp_dataset_event(ds, ev->derived_from)->id
					 : "",
				 ',');
		gp__sb_csv_field(&row, gp_status_name(ev->status), ',');
		const char *grade = gp_event_confidence(ev, buf, sizeof(buf));
		gp__sb_csv_field(&row, grade ? grade : "", ',');
		if (o->has_as_of) {
			gp__sb_csv_field(&row, timing_names[gp_event_timing(ev, &o->as_of)], ',');
			int64_t d = gp_event_days_left(ev, &o->as_of);
			if (gp__timeline_is_deadline(ds, ev) && d != INT64_MAX) {
				snprintf(buf, sizeof(buf), "%lld", (long long)d);
			} else {
				buf[0] = '\0';
			}
			gp__sb_csv_field(&row, buf, ',');
		}
		/* Ids and URLs joined with ';' like the actor columns (a URL may hold one: CSV quotes it). */
		const char *const *src = gp_dataset_event_sources(ds, ev);
		b.n = 0;
		gp__sb_puts(&b, "");
		for (uint32_t k = 0; k < ev->n_sources; k++) {
			gp__sb_puts(&b, k ? ";" : "");
			gp__sb_puts(&b, src[k]);
		}
		gp__sb_csv_field(&row, gp__sb_str(&b), ',');
		gp__sb_csv_field(&row, ev->summary ? ev->summary : "", '\n');
		if (!row.oom) {
			fwrite(row.s, 1, row.n, fp);
		}
	}
	int oom = b.oom || row.oom;
	free(b.s);
	free(row.s);
	return oom ? GP_ENOMEM : GP_OK;
}

/* ------------------------------------------------------------------ json */

static cJSON *end_json(const gp_date *d, int which)
{
	char buf[32];
	end_text(buf, d, which);
	return buf[0] ? cJSON_CreateString(buf) : cJSON_CreateNull();
}

static cJSON *id_list(const gp_dataset *ds, const gp_event *ev, int role)
{
	cJSON *arr = cJSON_CreateArray();
	const gp_index *a = gp_dataset_event_actors(ds, ev, (gp_role)role);
	for (size_t i = 0; arr && i < ev->n_actors[role]; i++) {
		cJSON *s = cJSON_CreateStringReference(gp_dataset_actor(ds, a[i])->id);
		if (!s || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

/*
 * Keys, names and the dataset's strings (actor ids, sources) are borrowed
 * (json_util.h): a million events made 30 million copies. The id and title
 * are copied: a compact row's are rebuilt in the dataset's scratch room.
 */
cJSON *gp__timeline_event_json(const gp_dataset *ds, const gp_event *ev,
			       const gp_timeline_options *o)
{
	cJSON *e = cJSON_CreateObject(), *d = cJSON_CreateObject();
	const gp_type *ty = ev->type == GP_NONE ? NULL : gp_dataset_type(ds, ev->type);
	char buf[96];
	int bad = !e || !d;
	if (bad) {
		cJSON_Delete(e);
		cJSON_Delete(d);
		return NULL;
	}
	bad |= gp__json_add_cs(e, "id", cJSON_CreateString(ev->id));
	bad |= gp__json_add_cs(e, "type", cJSON_CreateStringReference(ty ? ty->name : ""));
	bad |= gp__json_add_cs(e, "type_label", cJSON_CreateStringReference(ty ? ty->label : ""));
	bad |= gp__json_add_cs(e, "title", cJSON_CreateString(ev->title));
	if (ev->edtf) {
		bad |= gp__json_add_cs(d, "edtf", cJSON_CreateString(ev->edtf));
	} else {
		gp_date_format_edtf(&ev->date, buf, sizeof(buf));
		bad |= gp__json_add_cs(d, "edtf", cJSON_CreateString(buf));
	}
	bad |= gp__json_add_cs(d, "start", end_json(&ev->date, 0));
	bad |= gp__json_add_cs(d, "end", end_json(&ev->date, 1));
	bad |= gp__json_add_cs(d, "precision",
			       cJSON_CreateStringReference(gp_precision_name(ev->date.precision)));
	bad |= gp__json_add(
		d, "approximate",
		cJSON_CreateBool(ev->date.flags & (GP_DATE_START_APPROX | GP_DATE_END_APPROX)));
	bad |= gp__json_add_cs(d, "uncertain",
			       cJSON_CreateBool(ev->date.flags &
						(GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN)));
	if (ev->derived_from != GP_NONE) {
		bad |= gp__json_add_cs(
			d, "derived_from",
			cJSON_CreateString(gp_dataset_event(ds, ev->derived_from)->id));
		bad |= gp__json_add_cs(d, "offset",
				       cJSON_CreateString(ev->offset ? ev->offset : ""));
		bad |= gp__json_add_cs(
			d, "relation",
			cJSON_CreateStringReference(ev->direction < 0 ? "before" : "after"));
	} else {
		bad |= gp__json_add_cs(d, "derived_from", cJSON_CreateNull());
	}
	bad |= gp__json_add_cs(e, "date", d);
	for (int role = 0; role < GP_ROLE_COUNT; role++) {
		static const char *const keys[] = { "source", "target", "participants", "about" };
		bad |= gp__json_add_cs(e, keys[role], id_list(ds, ev, role));
	}
	bad |= gp__json_add_cs(e, "weight", cJSON_CreateNumber(ev->weight));
	bad |= gp__json_add_cs(e, "quad", cJSON_CreateNumber(ty ? ty->quad : 0));
	bad |= gp__json_add_cs(e, "status",
			       cJSON_CreateStringReference(gp_status_name(ev->status)));
	char grade[3];
	bad |= gp__json_add_cs(e, "confidence",
			       gp_event_confidence(ev, grade, sizeof(grade))
				       ? cJSON_CreateString(grade)
				       : cJSON_CreateNull());
	cJSON *src = cJSON_CreateArray();
	const char *const *cites = gp_dataset_event_sources(ds, ev);
	for (uint32_t i = 0; src && i < ev->n_sources; i++) {
		cJSON *s = cJSON_CreateStringReference(cites[i]);
		if (!s || !cJSON_AddItemToArray(src, s)) {
			cJSON_Delete(s);
			bad = 1;
		}
	}
	bad |= gp__json_add_cs(e, "sources", src);
	/* Raw: the text as the input wrote it (numbers are not reprinted). */
	cJSON *attrs = ev->attributes ? cJSON_CreateRaw(ev->attributes) : cJSON_CreateObject();
	bad |= gp__json_add_cs(e, "attributes", attrs);
	if (ev->summary) {
		bad |= gp__json_add_cs(e, "summary", cJSON_CreateString(ev->summary));
	}
	if (ev->n_links) {
		cJSON *links = cJSON_CreateArray();
		const gp_link *l = gp_dataset_event_links(ds, ev);
		for (uint32_t i = 0; links && i < ev->n_links; i++) {
			cJSON *lo = cJSON_CreateObject();
			if (!lo || gp__json_add_cs(lo, "rel", cJSON_CreateString(l[i].rel)) ||
			    gp__json_add_cs(
				    lo, "event",
				    l[i].event == GP_NONE
					    ? cJSON_CreateNull()
					    : cJSON_CreateString(
						      gp_dataset_event(ds, l[i].event)->id)) ||
			    !cJSON_AddItemToArray(links, lo)) {
				cJSON_Delete(lo);
				bad = 1;
			}
		}
		bad |= gp__json_add_cs(e, "links", links);
	}
	if (o->has_as_of) {
		/* DESIGN §7 called it `status`; that word now means the claim (docs/claims.md). */
		bad |= gp__json_add(
			e, "timing",
			cJSON_CreateStringReference(timing_names[gp_event_timing(ev, &o->as_of)]));
		int64_t days = gp_event_days_left(ev, &o->as_of);
		bad |= gp__json_add_cs(e, "days_left",
				       gp__timeline_is_deadline(ds, ev) && days != INT64_MAX
					       ? cJSON_CreateNumber((double)days)
					       : cJSON_CreateNull());
	}
	if (bad) {
		cJSON_Delete(e);
		return NULL;
	}
	return e;
}

/*
 * The citation entries the listed events cite, in order of first use
 * (docs/sources.md): a filtered timeline stays self-contained and small.
 * Ids that name no entry (a warning when loaded) and inline URLs are only
 * in the events' `sources`.
 */
static cJSON *citations_json(const gp_dataset *ds, const gp_index *order, size_t n)
{
	gp_cite_set cs;
	gp__cite_set_init(&cs, ds);
	for (size_t i = 0; !cs.bad && ds->cites.n && i < n; i++) {
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		const char *const *src = gp_dataset_event_sources(ds, ev);
		for (uint32_t k = 0; k < ev->n_sources; k++) {
			gp__cite_set_add(&cs, src[k]);
		}
	}
	return gp__cite_set_take(&cs);
}

static int write_json(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
		      const gp_timeline_options *o)
{
	cJSON *head = cJSON_CreateObject();
	int bad = !head;
	bad |= bad ? 0 : gp__json_add(head, "geopol", cJSON_CreateNumber(1));
	bad |= bad ? 0 : gp__json_add(head, "kind", cJSON_CreateString("timeline"));
	bad |= bad ? 0
		   : gp__json_add(head, "title",
				  gp_dataset_title(ds) ? cJSON_CreateString(gp_dataset_title(ds))
						       : cJSON_CreateNull());
	bad |= bad ? 0
		   : gp__json_add(head, "as_of",
				  o->has_as_of && o->as_of_text ? cJSON_CreateString(o->as_of_text)
								: cJSON_CreateNull());
	bad |= bad ? 0 : gp__json_add(head, "citations", citations_json(ds, order, n));
	if (bad || gp__json_stream_head(fp, head)) {
		cJSON_Delete(bad ? head : NULL);
		return GP_ENOMEM;
	}
	/* An event at a time: imported data has millions. As in every format,
	 * a failed write (a full disk, a reader gone) ends the list. */
	gp__json_stream_list(fp, "events");
	gp__json_pbuf pb = { NULL, 0 };
	int rc = GP_OK;
	for (size_t i = 0; rc == GP_OK && i < n && !ferror(fp); i++) {
		gp__timeline_prefetch(ds, order, n, i);
		if (gp__json_stream_item_buf(
			    fp, gp__timeline_event_json(ds, gp_dataset_event(ds, order[i]), o),
			    i == 0, &pb)) {
			rc = GP_ENOMEM;
		}
	}
	free(pb.s);
	if (rc != GP_OK) {
		return rc;
	}
	gp__json_stream_end_list(fp);
	gp__json_stream_end(fp);
	return GP_OK;
}

int gp_timeline_write(FILE *fp, const gp_dataset *ds, const gp_index *order, size_t n,
		      const gp_timeline_options *opts)
{
	gp_timeline_options def = GP_TIMELINE_OPTIONS_INIT;
	const gp_timeline_options *o = opts ? opts : &def;
	int rc;
	switch (o->format) {
	case GP_TIMELINE_MARKDOWN: rc = write_markdown(fp, ds, order, n, o); break;
	case GP_TIMELINE_CSV: rc = write_csv(fp, ds, order, n, o); break;
	case GP_TIMELINE_JSON: rc = write_json(fp, ds, order, n, o); break;
	case GP_TIMELINE_VIS: rc = gp__timeline_write_vis(fp, ds, order, n, o); break;
	case GP_TIMELINE_TIMELINEJS: rc = gp__timeline_write_timelinejs(fp, ds, order, n, o); break;
	case GP_TIMELINE_ICS: rc = gp__timeline_write_ics(fp, ds, order, n, o); break;
	default: rc = gp__timeline_write_text(fp, ds, order, n, o, NULL); break;
	}
	if (rc == GP_OK && ferror(fp)) {
		rc = GP_EIO;
	}
	return rc;
}
