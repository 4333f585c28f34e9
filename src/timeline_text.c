/*
 * timeline_text.c - an event's actors in words ("Donald Trump → India",
 * "Witkoff ↔ Putin"), names cut to fit, and what a deadline is: shared by
 * every timeline writer (timeline.c, timeline_formats.c), so that the
 * formats of DESIGN §8 depend on these and not on timeline.c; and what an
 * event's source is in words (a citation's fields, or a URL).
 */
#include <stdint.h>
#include <string.h>

#include "dataset_impl.h" /* the citations, for sources in words */
#include "timeline_impl.h"

/* "21 days", "1 month", "1 year 2 months", "6 hours". */
void gp__timeline_offset_text(gp_sbuf *b, const char *text)
{
	gp_duration d;
	if (!text || gp_duration_parse(&d, text, strlen(text), NULL)) {
		gp__sb_puts(b, text ? text : "?");
		return;
	}
	struct {
		int64_t v;
		const char *unit;
	} parts[] = { { d.years, "year" },
		      { d.months, "month" },
		      { d.days, "day" },
		      { d.seconds / 3600, "hour" },
		      { d.seconds / 60 % 60, "minute" },
		      { d.seconds % 60, "second" } };
	int any = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i].v) {
			gp__sb_printf(b, "%s%lld %s%s", any ? " " : "", (long long)parts[i].v,
				      parts[i].unit, parts[i].v == 1 ? "" : "s");
			any = 1;
		}
	}
	if (!any) {
		gp__sb_puts(b, "0 days");
	}
}

int gp__timeline_is_deadline(const gp_dataset *ds, const gp_event *ev)
{
	return ev->type != GP_NONE && strcmp(gp_dataset_type(ds, ev->type)->name, "deadline") == 0;
}

/* The sides of an event in the order they are written; how many. */
size_t gp__timeline_actor_sides(const gp_dataset *ds, const gp_event *ev, int with_about,
				gp__actor_side side[GP_ROLE_COUNT])
{
	size_t k = 0;
	for (int role = 0; role < GP_ROLE_COUNT; role++) {
		size_t n = ev->n_actors[role];
		if (!n || (role == GP_ROLE_ABOUT && !with_about)) {
			continue;
		}
		const char *lead = "";
		if (role == GP_ROLE_TARGET) {
			lead = ev->n_actors[GP_ROLE_SOURCE] ? " → " : "→ ";
		} else if (k) {
			lead = role == GP_ROLE_ABOUT ? " · about " : "; ";
		} else if (role == GP_ROLE_ABOUT) {
			lead = "about ";
		}
		int sym = role == GP_ROLE_PARTICIPANT;
		side[k++] = (gp__actor_side){ lead,
					      sym ? " ↔ " : ", ",
					      gp_dataset_event_actors(ds, ev, (gp_role)role),
					      n,
					      n,
					      sym && n > 1 ? 2 : 1 };
	}
	return k;
}

/* Trailing characters a cut name drops before its "…": "Governments,…" reads badly. */
#define CUT_TRIM " ,;:-("

/* Bytes of s[0..len) that stay when it is cut to `cut` characters, "…" included (cut >= 1). */
size_t gp__timeline_cut_bytes(const char *s, size_t len, size_t cut)
{
	size_t i = gp__utf8_skip(s, len, cut - 1);
	while (i > 1 && strchr(CUT_TRIM, s[i - 1])) {
		i--;
	}
	return i;
}

/* A name, or when longer than `cut` characters its start and "…" in `cut`. */
static void put_name(gp_sbuf *b, const char *name, size_t cut)
{
	size_t len = strlen(name);
	if (gp__utf8_count(name, len) <= cut) {
		gp__sb_puts(b, name);
		return;
	}
	gp__sb_add(b, name, gp__timeline_cut_bytes(name, len, cut));
	gp__sb_puts(b, "…");
}

void gp__timeline_put_sides(gp_sbuf *b, const gp_dataset *ds, const gp__actor_side *side, size_t ns,
			    size_t cut)
{
	for (size_t k = 0; k < ns; k++) {
		gp__sb_puts(b, side[k].lead);
		for (size_t i = 0; i < side[k].kept; i++) {
			if (i) {
				gp__sb_puts(b, side[k].sep);
			}
			put_name(b, gp_dataset_actor(ds, side[k].a[i])->name, cut);
		}
		if (side[k].kept < side[k].n) {
			gp__sb_printf(b, " +%zu", side[k].n - side[k].kept);
		}
	}
}

/* "Donald Trump → India", "Witkoff ↔ Putin", with "about Russia" after. */
void gp__timeline_actors_text(gp_sbuf *b, const gp_dataset *ds, const gp_event *ev, int with_about)
{
	gp__actor_side side[GP_ROLE_COUNT];
	gp__timeline_put_sides(b, ds, side, gp__timeline_actor_sides(ds, ev, with_about, side),
			       SIZE_MAX);
}

/* ------------------------------------------------------------- footnotes */

int gp__notes_build(gp__notes *nt, const gp_dataset *ds, const gp_index *order, size_t n)
{
	memset(nt, 0, sizeof(*nt));
	for (size_t i = 0; i < n; i++) {
		const gp_event *ev = gp_dataset_event(ds, order[i]);
		const char *const *src = gp_dataset_event_sources(ds, ev);
		for (uint32_t k = 0; k < ev->n_sources; k++) {
			size_t len = strlen(src[k]);
			if (gp__strmap_get(&nt->map, src[k], len) != GP_NONE) {
				continue;
			}
			if (GP_VEC_PUSH(nt->list, src[k]) ||
			    gp__strmap_put(&nt->map, src[k], len, (uint32_t)nt->list.n)) {
				gp__notes_free(nt);
				return GP_ENOMEM;
			}
		}
	}
	return GP_OK;
}

void gp__notes_free(gp__notes *nt)
{
	gp__strmap_release(&nt->map);
	GP_VEC_FREE(nt->list);
}

void gp__notes_marks(gp_sbuf *b, const gp__notes *nt, const gp_dataset *ds, const gp_event *ev,
		     const char *open, const char *close)
{
	const char *const *src = gp_dataset_event_sources(ds, ev);
	for (uint32_t k = 0; k < ev->n_sources; k++) {
		uint32_t j = 0, num = gp__strmap_get(&nt->map, src[k], strlen(src[k]));
		while (j < k && strcmp(src[j], src[k]) != 0) {
			j++;
		}
		if (j == k && num != GP_NONE) { /* the first time the event cites it */
			gp__sb_printf(b, "%s%u%s", open, num, close);
		}
	}
}

/* One of an event's `sources` entries: a citation's fields, or an inline URL. */
gp__source_ref gp__timeline_source(const gp_dataset *ds, const char *s)
{
	gp_index i = gp__strmap_get(&ds->cite_map, s, strlen(s));
	const gp_citation *c = i == GP_NONE ? NULL : gp_dataset_citation(ds, i);
	gp__source_ref r = { s, NULL, NULL, strstr(s, "://") ? s : NULL };
	if (c) {
		r = (gp__source_ref){ c->title ? c->title : s, c->publisher, c->published, c->url };
	}
	return r;
}

/* Ends a piece of a reference with ". ", unless it ends a sentence already. */
static void end_piece(gp_sbuf *b)
{
	char last = b->n ? b->s[b->n - 1] : '.';
	gp__sb_puts(b, strchr(".?!", last) ? " " : ". ");
}

void gp__notes_entry(gp_sbuf *b, const gp_dataset *ds, const char *src)
{
	gp__source_ref r = gp__timeline_source(ds, src);
	if (r.url == src || (r.label == src && !r.publisher && !r.published && !r.url)) {
		gp__sb_puts(b, src); /* an inline URL, or an id with nothing known of it */
		return;
	}
	gp__sb_puts(b, r.label);
	if (r.publisher || r.published) {
		end_piece(b);
		gp__sb_puts(b, r.publisher ? r.publisher : "");
		gp__sb_puts(b, r.publisher && r.published ? ", " : "");
		gp__sb_puts(b, r.published ? r.published : "");
	}
	if (r.url) {
		end_piece(b);
		gp__sb_puts(b, r.url);
	} else if (b->s && b->n && !strchr(".?!", b->s[b->n - 1])) {
		gp__sb_puts(b, ".");
	}
}

/* ----------------------------------------------------------------- links */

void gp__timeline_link_text(gp_sbuf *b, const gp_dataset *ds, const gp_link *l)
{
	if (l->event == GP_NONE) {
		return;
	}
	const gp_event *to = gp_dataset_event(ds, l->event);
	const char *words = gp__link_rel_words(l->rel);
	char date[96];
	if (to->edtf) {
		snprintf(date, sizeof(date), "%s", to->edtf);
	} else {
		gp_date_format_edtf(&to->date, date, sizeof(date));
	}
	gp__sb_puts(b, words ? words : l->rel);
	gp__sb_puts(b, " ");
	gp__sb_puts(b, to->id);
	gp__sb_puts(b, " (");
	gp__sb_puts(b, date);
	gp__sb_puts(b, ")");
}
