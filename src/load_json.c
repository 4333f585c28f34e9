/*
 * load_json.c - the geopol event file schema (DESIGN §1) into a gp_dataset: dates,
 * actors, events, types, sources, documents and JSON Lines lines (json_load.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_load.h"

/* ---------------------------------------------------------------- dates */

/* Parse an EDTF string value; 0 ok, -1 reported. */
static int parse_date_value(lctx *c, const cJSON *v, const char *field, gp_date *out)
{
	gp_date_error err;
	if (!cJSON_IsString(v)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, v),
			"expected an EDTF date string or a relative date object for '%s', got %s",
			field, gp__json_type_name(v));
		return -1;
	}
	if (gp_date_parse(out, v->valuestring, strlen(v->valuestring), &err)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v), "%s", err.message);
		return -1;
	}
	return 0;
}

static const char *const relative_fields[] = { "after", "before", "offset", NULL };

/* A relative date object; fills *rd (except .event). 0 ok, -1 reported. */
static int parse_relative(lctx *c, const cJSON *o, rel_date *rd)
{
	gp__json_check_members(c, o, relative_fields, "relative date", NULL);
	const cJSON *after = cJSON_GetObjectItemCaseSensitive(o, "after");
	const cJSON *before = cJSON_GetObjectItemCaseSensitive(o, "before");
	const cJSON *off = cJSON_GetObjectItemCaseSensitive(o, "offset");
	const cJSON *ref = after ? after : before;
	const char *s;
	int ok = 1;
	if (after && before) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, before),
				"relative date has both 'after' and 'before'; give one");
		ok = 0;
	} else if (!ref) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, o),
				"relative date needs 'after' or 'before' naming an event");
		ok = 0;
	} else if (gp__json_string(c, o, after ? "after" : "before", "a relative date", MAX_ID_LEN,
				   &s) < 0) {
		ok = 0;
	} else {
		rd->ref = gp__json_keep(c, s);
		rd->sign = after ? 1 : -1;
		rd->at = gp__json_loc_of(c, ref);
	}
	if (!off) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, o),
			"relative date is missing required field 'offset' (an ISO 8601 duration such as \"P21D\")");
		return -1;
	}
	if (!cJSON_IsString(off)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, off),
				"expected a string for 'offset', got %s", gp__json_type_name(off));
		return -1;
	}
	gp_date_error err;
	if (gp_duration_parse(&rd->offset, off->valuestring, strlen(off->valuestring), &err)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, off), "%s", err.message);
		return -1;
	}
	rd->offset_text = gp__json_keep(c, off->valuestring);
	return ok ? 0 : -1;
}

/* ---------------------------------------------------------------- actors */

static const char *const actor_fields[] = {
	"id", "name", "kind", "aliases", "part_of", "role", NULL
};
static const char *const member_fields[] = { "id", "from", "to", NULL };
static const char *const kind_list[] = { "country", "person",        "agency", "organization",
					 "group",   "international", NULL };

typedef struct {
	const char *id;
	gp_loc at;
	int64_t from, to;
} member_in;
typedef GP_VEC(member_in) member_vec;

static int is_open_bound(const cJSON *v, int is_to)
{
	return cJSON_IsString(v) && (strcmp(v->valuestring, "..") == 0 ||
				     (is_to && strcmp(v->valuestring, "ongoing") == 0));
}

static int parse_part_of(lctx *c, const cJSON *v, member_vec *out)
{
	if (cJSON_IsString(v)) {
		member_in m = { v->valuestring, gp__json_loc_of(c, v), GP_TIME_MIN, GP_TIME_MAX };
		if (!v->valuestring[0] || gp__is_blank(v->valuestring)) {
			gp__json_report(
				c, GP_SEV_ERROR, gp__json_loc_of(c, v), "'part_of' must not be %s",
				v->valuestring[0] ? "blank (it is only white space)" : "empty");
			return -1;
		}
		return GP_VEC_PUSH(*out, m) ? (c->oom = 1, -1) : 0;
	}
	if (!cJSON_IsArray(v)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, v),
			"expected an actor id or an array of memberships for 'part_of', got %s",
			gp__json_type_name(v));
		return -1;
	}
	int rc = 0;
	for (const cJSON *e = v->child; e; e = e->next) {
		member_in m = { NULL, gp__json_loc_of(c, e), GP_TIME_MIN, GP_TIME_MAX };
		if (cJSON_IsString(e) && e->valuestring[0] && !gp__is_blank(e->valuestring)) {
			m.id = e->valuestring;
		} else if (cJSON_IsObject(e)) {
			gp__json_check_members(c, e, member_fields, "a membership", NULL);
			const cJSON *jf = cJSON_GetObjectItemCaseSensitive(e, "from");
			const cJSON *jt = cJSON_GetObjectItemCaseSensitive(e, "to");
			gp_date d;
			int r = gp__json_string(c, e, "id", "a membership", MAX_ID_LEN, &m.id);
			if (r == 0) {
				gp__json_missing(c, e, "membership", "id");
			}
			if (r <= 0) {
				rc = -1;
				continue;
			}
			m.at = gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(e, "id"));
			/* A bound may be open: "..", or "ongoing" for `to` (DESIGN §1). */
			if (jf && !is_open_bound(jf, 0)) {
				if (parse_date_value(c, jf, "from", &d) == 0) {
					m.from = d.start;
				} else {
					rc = -1;
				}
			}
			if (jt && !is_open_bound(jt, 1)) {
				if (parse_date_value(c, jt, "to", &d) == 0) {
					m.to = d.end;
				} else {
					rc = -1;
				}
			}
			if (m.from != GP_TIME_MIN && m.to != GP_TIME_MAX && m.to < m.from) {
				gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, jt),
						"membership ends before it starts");
				rc = -1;
			}
		} else {
			gp__json_report(
				c, GP_SEV_ERROR, gp__json_loc_of(c, e),
				"expected an actor id or a membership object in 'part_of', got %s",
				gp__json_type_name(e));
			rc = -1;
			continue;
		}
		if (GP_VEC_PUSH(*out, m)) {
			c->oom = 1;
			return -1;
		}
	}
	return rc;
}

/* "line 4" in the same file, "other.json, line 4" elsewhere. */
static const char *where(const lctx *c, gp_loc at, char *buf, size_t size)
{
	if (at.file == c->file) {
		snprintf(buf, size, "line %lu", (unsigned long)at.line);
	} else {
		snprintf(buf, size, "%s, line %lu", gp_dataset_file_name(c->ds, at.file),
			 (unsigned long)at.line);
	}
	return buf;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void conflict(lctx *c, const cJSON *v, const char *id, const char *field, const char *was,
		     gp_loc def)
{
	char w[300];
	gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
			"conflicting %s for actor '%s': '%s' here, '%s' at %s", field, id,
			cJSON_IsString(v) ? v->valuestring : "...", was ? was : "(none)",
			where(c, def, w, sizeof(w)));
}

/* A bound of a membership as messages show it: a day, or an instant when it has a time. */
static const char *bound_text(int64_t t, int is_end, char *buf)
{
	if (t == (is_end ? GP_TIME_MAX : GP_TIME_MIN)) {
		return "..";
	}
	int64_t tod = (t % 86400 + 86400) % 86400;
	return gp_time_format(t, tod != (is_end ? 86399 : 0), buf);
}

/*
 * Append membership k of n to a message's text of a part_of: 'X' for a
 * plain id, 'X' (2004-01-01/..) with bounds, several in [...].
 */
static void member_text(char *buf, size_t size, size_t k, size_t n, const char *id, int64_t from,
			int64_t to)
{
	size_t pos = strlen(buf);
	char f[32], t[32];
	if (pos >= size) {
		return;
	}
	int bounded = from != GP_TIME_MIN || to != GP_TIME_MAX;
	snprintf(buf + pos, size - pos, "%s'%s'%s%s%s%s%s%s",
		 k       ? ", "
		 : n > 1 ? "["
			 : "",
		 id, bounded ? " (" : "", bounded ? bound_text(from, 0, f) : "", bounded ? "/" : "",
		 bounded ? bound_text(to, 1, t) : "", bounded ? ")" : "",
		 k + 1 == n && n > 1 ? "]" : "");
}

/*
 * A later definition of actor ai: each field it gives validly must agree with
 * the earlier definitions', whatever else is wrong with it. mem is NULL when
 * its part_of is broken. Returns 1 when all agree.
 */
static int actor_agrees(lctx *c, const cJSON *o, gp_index ai, const char *name, int kind,
			const char *role, const member_vec *mem)
{
	const gp_dataset *ds = c->ds;
	const gp_actor *a = &ds->actors.v[ai];
	const actor_info *info = &ds->actor_info.v[ai];
	int ok = 1;
	if (name && !(info->lacks & ACTOR_LACKS_NAME) && strcmp(a->name, name) != 0) {
		conflict(c, cJSON_GetObjectItemCaseSensitive(o, "name"), a->id, "name", a->name,
			 info->def);
		ok = 0;
	}
	if (kind >= 0 && !(info->lacks & ACTOR_LACKS_KIND) && a->kind != kind) {
		conflict(c, cJSON_GetObjectItemCaseSensitive(o, "kind"), a->id, "kind",
			 gp_actor_kind_name(a->kind), info->def);
		ok = 0;
	}
	if (role && a->role && strcmp(role, a->role) != 0) {
		conflict(c, cJSON_GetObjectItemCaseSensitive(o, "role"), a->id, "role", a->role,
			 info->role_at);
		ok = 0;
	}
	if (mem && mem->n && a->n_members) {
		int same = mem->n == a->n_members;
		for (size_t k = 0; same && k < mem->n; k++) {
			const gp_membership *m = &ds->members.v[a->member_off + k];
			same = strcmp(ds->actors.v[m->actor].id, mem->v[k].id) == 0 &&
			       m->from == mem->v[k].from && m->to == mem->v[k].to;
		}
		if (!same) {
			/* Both values, and where the kept one was written (maybe not the first definition). */
			char here[400] = "", was[400] = "", w[300];
			for (size_t k = 0; k < mem->n; k++) {
				member_text(here, sizeof(here), k, mem->n, mem->v[k].id,
					    mem->v[k].from, mem->v[k].to);
			}
			for (uint32_t k = 0; k < a->n_members; k++) {
				const gp_membership *m = &ds->members.v[a->member_off + k];
				member_text(was, sizeof(was), k, a->n_members,
					    ds->actors.v[m->actor].id, m->from, m->to);
			}
			gp__json_report(
				c, GP_SEV_ERROR,
				gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(o, "part_of")),
				"conflicting part_of for actor '%s': %s here, %s at %s", a->id,
				here, was, where(c, ds->member_loc.v[a->member_off], w, sizeof(w)));
			ok = 0;
		}
	}
	return ok;
}

/* Take what a definition validly gives that no earlier one did (the first wins). */
static void take_fields(lctx *c, gp_index ai, gp_loc at, const char *name, int kind,
			const char *role, gp_loc role_at)
{
	c->oom |= gp__actor_define(c->ds, ai, at, name, kind, role, role_at) != 0;
}

/*
 * The part_of ids of a definition that is not kept still count as mentions,
 * so that an unknown one is reported as it would be in a kept one.
 */
static void mention_members(lctx *c, const member_vec *mem)
{
	for (size_t k = 0; k < mem->n && !c->oom; k++) {
		c->oom |= gp__actor_ref(c->ds, mem->v[k].id, strlen(mem->v[k].id), mem->v[k].at) ==
			  GP_NONE;
	}
}

void gp__json_load_actor(lctx *c, const cJSON *o)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(o)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, o),
				"expected an object for an actor, got %s", gp__json_type_name(o));
		return;
	}
	gp__json_check_members(c, o, actor_fields, "actor", NULL);
	const char *id, *name, *kind_s, *role;
	int ok = 1, r;
	if ((r = gp__json_string(c, o, "id", "an actor", MAX_ID_LEN, &id)) == 0) {
		gp__json_missing(c, o, "actor", "id");
	}
	ok &= r > 0;
	if ((r = gp__json_string(c, o, "name", "an actor", MAX_LINE_TEXT, &name)) == 0) {
		gp__json_missing(c, o, "actor", "name");
	}
	ok &= r > 0;
	if ((r = gp__json_string(c, o, "kind", "an actor", MAX_ID_LEN, &kind_s)) == 0) {
		gp__json_missing(c, o, "actor", "kind");
	}
	ok &= r > 0;
	int kind = -1;
	if (kind_s) {
		for (int k = 0; kind_list[k]; k++) {
			if (strcmp(kind_list[k], kind_s) == 0) {
				kind = k;
			}
		}
		if (kind < 0) {
			char sugg[160] = "";
			gp__suggest_names(sugg, sizeof(sugg), kind_s, kind_list, GP_KIND_COUNT);
			gp__json_report(
				c, GP_SEV_ERROR,
				gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(o, "kind")),
				"unknown actor kind '%s'%s; one of country, person, agency, organization, group, international",
				kind_s, sugg);
			ok = 0;
		}
	}
	ok &= gp__json_string(c, o, "role", "an actor", MAX_LINE_TEXT, &role) >= 0;
	const cJSON *jal = cJSON_GetObjectItemCaseSensitive(o, "aliases");
	if (jal && gp__json_string_array(c, jal, "aliases", "an actor")) {
		ok = 0;
	}
	const cJSON *jpo = cJSON_GetObjectItemCaseSensitive(o, "part_of");
	member_vec mem = { 0 };
	int mem_ok = !jpo || parse_part_of(c, jpo, &mem) == 0;
	ok &= mem_ok;
	gp_loc at = gp__json_loc_of(c, o);
	gp_loc role_at =
		role ? gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(o, "role")) : at;
	gp_index ai = GP_NONE;
	if (id && !c->oom) {
		ai = gp__actor_ref(ds, id, strlen(id), (gp_loc){ 0, 0, 0 });
		c->oom |= ai == GP_NONE;
	}
	if (ai != GP_NONE && ds->actors.v[ai].defined && c->agg) {
		/*
		 * Merging partial graphs: shards of machine-coded data may name an
		 * actor after different rows. The first partial's definition wins,
		 * as the first row does when the data is read whole.
		 */
		GP_VEC_FREE(mem);
		return;
	}
	if (ai != GP_NONE && ds->actors.v[ai].defined) {
		/* A second definition must agree; fields only one of them has are taken. */
		ok &= actor_agrees(c, o, ai, name, kind, role, mem_ok ? &mem : NULL);
	} else if (ai != GP_NONE && !ok) {
		/*
		 * A broken first definition still defines what it gives validly, so
		 * that events naming the actor do not warn again, and later
		 * definitions are held only to those fields.
		 */
		take_fields(c, ai, at, name, kind, role, role_at);
	}
	if (!ok || c->oom) {
		mention_members(c, &mem);
		GP_VEC_FREE(mem);
		return;
	}
	take_fields(c, ai, at, name, kind, role, role_at);
	if (jal && cJSON_GetArraySize(jal) > 0 && !c->oom) {
		GP_VEC(const char *) al = { 0 };
		for (const cJSON *e = jal->child; e && !c->oom; e = e->next) {
			c->oom |= GP_VEC_PUSH(al, e->valuestring) != 0;
		}
		c->oom |= !c->oom && gp__actor_add_aliases(ds, ai, al.v, al.n) != 0;
		GP_VEC_FREE(al);
	}
	if (mem.n && !c->oom && gp_actor_membership_count(&ds->actors.v[ai]) == 0) {
		GP_VEC(gp_membership) ms = { 0 };
		GP_VEC(gp_loc) locs = { 0 };
		for (size_t k = 0; k < mem.n && !c->oom; k++) {
			gp_index t =
				gp__actor_ref(ds, mem.v[k].id, strlen(mem.v[k].id), mem.v[k].at);
			gp_membership m = { t, mem.v[k].from, mem.v[k].to };
			c->oom |= t == GP_NONE || GP_VEC_PUSH(ms, m) ||
				  GP_VEC_PUSH(locs, mem.v[k].at);
		}
		c->oom |= !c->oom && gp__actor_set_part_of(ds, ai, ms.v, locs.v, ms.n) != 0;
		GP_VEC_FREE(ms);
		GP_VEC_FREE(locs);
	}
	GP_VEC_FREE(mem);
}

/* ---------------------------------------------------------------- events */

static const char *const event_fields[] = { "id",      "type",    "date",         "title",
					    "source",  "target",  "participants", "about",
					    "summary", "sources", "weight",       "attributes",
					    "links",   "status",  "confidence",   NULL };
/* event_fields[] by name; the roles follow gp_role's order. */
enum {
	EF_ID,
	EF_TYPE,
	EF_DATE,
	EF_TITLE,
	EF_ROLES,
	EF_SUMMARY = EF_ROLES + GP_ROLE_COUNT,
	EF_SOURCES,
	EF_WEIGHT,
	EF_ATTRIBUTES,
	EF_LINKS,
	EF_STATUS,
	EF_CONFIDENCE,
	EF_COUNT
};
static const char *const role_fields[GP_ROLE_COUNT] = { "source", "target", "participants",
							"about" };
static const char *const link_fields[] = { "rel", "event", NULL };

/* One event as read, before it goes into the dataset. */
typedef struct {
	gp_event ev;
	gp_loc at; /* its '{' */
	const char *id, *type, *title, *summary;
	int ok;       /* no error so far */
	int dropped;  /* a duplicate id: checked, then not kept */
	int relative; /* a well-formed relative date, resolved at the end */
	rel_date rd;
	GP_VEC(link_ref) lrefs;
	GP_VEC(gp_link) lks;
} event_in;

/* Fields that must be there: ok cleared, and the missing one reported at the '{'. */
static void required(lctx *c, const cJSON *o, int r, const char *field, event_in *in)
{
	if (r == 0) {
		gp__json_missing(c, o, "event", field);
	}
	in->ok &= r > 0;
}

/* id (a duplicate is dropped, after the rest is checked), type, title, summary. */
static void event_texts(lctx *c, const cJSON *o, const cJSON *const *f, event_in *in)
{
	gp_dataset *ds = c->ds;
	required(c, o, gp__json_string_v(c, f[EF_ID], "id", "an event", MAX_ID_LEN, &in->id), "id",
		 in);
	if (in->id) {
		gp_index prev = gp__event_lookup(ds, in->id, strlen(in->id));
		if (prev != GP_NONE) {
			char w[300];
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, f[EF_ID]),
					"duplicate event id '%s' (first defined at %s)", in->id,
					where(c, gp__event_loc(ds, prev), w, sizeof(w)));
			in->dropped = 1;
		}
	}
	required(c, o, gp__json_string_v(c, f[EF_TYPE], "type", "an event", MAX_ID_LEN, &in->type),
		 "type", in);
	if (in->type) {
		/* A use, even by an event dropped below: an unknown type is reported at the end. */
		size_t n = strlen(in->type);
		in->ev.type = gp__type_ref_again(ds, in->type, n);
		if (in->ev.type == GP_NONE) {
			in->ev.type = gp__type_ref(ds, in->type, n, gp__json_loc_of(c, f[EF_TYPE]));
		}
		c->oom |= in->ev.type == GP_NONE;
	}
	required(c, o,
		 gp__json_string_v(c, f[EF_TITLE], "title", "an event", MAX_LINE_TEXT, &in->title),
		 "title", in);
	if (in->title && strchr(in->title, '\n')) {
		gp__json_report(c, GP_SEV_WARNING, gp__json_loc_of(c, f[EF_TITLE]),
				"'title' should be one line; longer text belongs in 'summary'");
	}
	in->ok &= gp__json_string_v(c, f[EF_SUMMARY], "summary", "an event", 0, &in->summary) >= 0;
}

/* The date: an EDTF string, or a relative date object. */
static void event_date(lctx *c, const cJSON *o, const cJSON *jd, event_in *in)
{
	if (!jd) {
		gp__json_missing(c, o, "event", "date");
		in->ok = 0;
	} else if (cJSON_IsObject(jd)) {
		in->relative = parse_relative(c, jd, &in->rd) == 0;
		in->ok &= in->relative;
	} else if (parse_date_value(c, jd, "date", &in->ev.date) == 0) {
		const char *s = jd->valuestring;
		size_t n = strlen(s);
		/* Keep the text as written, with `ongoing` in its EDTF form `..`. */
		if (n > 8 && strcmp(s + n - 8, "/ongoing") == 0) {
			char buf[64];
			snprintf(buf, sizeof(buf), "%.*s/..", (int)(n - 8), s);
			in->ev.edtf = gp__json_keep(c, buf);
		} else {
			in->ev.edtf = gp__json_keep(c, s);
		}
	} else {
		in->ok = 0;
	}
}

/* Actors, role after role, each listed once, into c->acts. */
static void event_actors(lctx *c, const cJSON *const *f, event_in *in)
{
	gp_dataset *ds = c->ds;
	int roles_ok = 1;
	c->acts.n = 0; /* kept in c: no allocation per event */
	for (int role = 0; role < GP_ROLE_COUNT; role++) {
		const cJSON *jl = f[EF_ROLES + role];
		if (!jl) {
			continue;
		}
		if (gp__json_string_array(c, jl, role_fields[role], "an event")) {
			roles_ok = 0;
			continue;
		}
		size_t first = c->acts.n;
		for (const cJSON *e = jl->child; e; e = e->next) {
			size_t len = strlen(e->valuestring);
			gp_index ai = gp__actor_ref_again(ds, e->valuestring, len);
			if (ai == GP_NONE) {
				ai = gp__actor_ref(ds, e->valuestring, len, gp__json_loc_of(c, e));
			}
			int dup = 0;
			for (size_t k = first; k < c->acts.n && !dup; k++) {
				dup = c->acts.v[k] == ai;
			}
			if (ai == GP_NONE || (!dup && GP_VEC_PUSH(c->acts, ai))) {
				c->oom = 1;
				break;
			}
			if (dup) {
				gp__json_report(c, GP_SEV_WARNING, gp__json_loc_of(c, e),
						"actor '%s' is listed twice in '%s'",
						e->valuestring, role_fields[role]);
			}
		}
		if (c->acts.n - first > UINT16_MAX) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, jl),
					"too many actors in '%s' (at most %u)", role_fields[role],
					(unsigned)UINT16_MAX);
			roles_ok = 0;
		}
		in->ev.n_actors[role] = (uint16_t)(c->acts.n - first);
	}
	in->ok &= roles_ok;
	if (roles_ok && !in->ev.n_actors[GP_ROLE_SOURCE] && !in->ev.n_actors[GP_ROLE_TARGET] &&
	    !in->ev.n_actors[GP_ROLE_PARTICIPANT]) {
		gp__json_report(
			c, GP_SEV_ERROR, in->at,
			"event has no actor: give at least one in 'source', 'target' or 'participants'");
		in->ok = 0;
	}
}

/* Citations, into c->cites: ids of `sources` entries, or inline URLs. */
static void event_citations(lctx *c, const cJSON *js, event_in *in)
{
	gp_dataset *ds = c->ds;
	c->cites.n = 0;
	if (!js) {
		return;
	}
	if (gp__json_string_array(c, js, "sources", "an event")) {
		in->ok = 0;
		return;
	}
	for (const cJSON *e = js->child; e && !c->oom; e = e->next) {
		const char *s = e->valuestring;
		if (strstr(s, "://")) {
			/* Graphs carry it too: kept as a packed one-source list (gp_row.src). */
			s = gp__dataset_strdup(ds, s, strlen(s) + 1);
			c->oom |= !s;
		} else {
			gp_index ci = gp__cite_ref_again(ds, s, strlen(s));
			if (ci == GP_NONE) {
				ci = gp__cite_ref(ds, s, strlen(s), gp__json_loc_of(c, e));
			}
			s = ci == GP_NONE ? NULL : ds->cites.v[ci].id;
		}
		if (!s || GP_VEC_PUSH(c->cites, s)) {
			c->oom = 1;
		}
	}
}

/* weight and attributes. */
static void event_weight_attributes(lctx *c, const cJSON *jw, const cJSON *ja, event_in *in)
{
	if (jw && !cJSON_IsNumber(jw)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, jw),
				"expected a number for 'weight', got %s", gp__json_type_name(jw));
		in->ok = 0;
	} else if (jw && (jw->valuedouble < -10 || jw->valuedouble > 10)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, jw),
			"'weight' must be between -10 and +10 (the Goldstein scale), got %g",
			jw->valuedouble);
		in->ok = 0;
	} else if (jw) {
		in->ev.weight = jw->valuedouble;
		in->ev.has_weight = 1;
	}
	if (ja && !cJSON_IsObject(ja)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, ja),
				"expected an object for 'attributes', got %s",
				gp__json_type_name(ja));
		in->ok = 0;
	} else if (ja) {
		/*
		 * Carried through unchanged: the text as written (white space
		 * outside strings dropped), not cJSON's reprint, which would round
		 * 64-bit integers through a double.
		 */
		in->ev.attributes = c->ds->brief_events ? NULL : gp__json_minified(c, ja);
	}
}

/* status (one of five words) and confidence (an Admiralty grade "B2"): docs/claims.md. */
static void event_status_confidence(lctx *c, const cJSON *js, const cJSON *jc, event_in *in)
{
	const char *text = NULL;
	char hint[160] = "";
	int r = gp__json_string_v(c, js, "status", "an event", MAX_ID_LEN, &text);
	in->ok &= r >= 0;
	if (r > 0 && (r = gp_status_from_name(text)) < 0) {
		const char *names[GP_STATUS_COUNT];
		for (int i = 0; i < GP_STATUS_COUNT; i++) {
			names[i] = gp_status_name(i);
		}
		gp__suggest_names(hint, sizeof(hint), text, names, GP_STATUS_COUNT);
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, js),
				"unknown status '%s': one of confirmed, reported, claimed, denied, "
				"planned%s",
				text, hint);
		in->ok = 0;
	} else if (r >= 0 && text) {
		in->ev.status = (uint8_t)r;
	}
	text = NULL;
	r = gp__json_string_v(c, jc, "confidence", "an event", MAX_ID_LEN, &text);
	in->ok &= r >= 0;
	int rel, cred;
	if (r > 0 && gp_grade_parse(text, &rel, &cred) != 0) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, jc),
			"'confidence' must be a NATO/Admiralty grade: source reliability A-F "
			"and information credibility 1-6, as \"B2\"; got '%s'",
			text);
		in->ok = 0;
	} else if (r > 0) {
		in->ev.reliability = (uint8_t)rel;
		in->ev.credibility = (uint8_t)cred;
	}
}

/*
 * A relation outside the vocabulary (links.c) is a warning, not an error:
 * files written before it was documented still load, and keep the link.
 */
static void link_rel_check(lctx *c, const cJSON *e, const char *rel)
{
	if (gp__link_rel_words(rel)) {
		return;
	}
	char sugg[160] = "";
	size_t n = 0;
	while (gp__link_rels[n]) {
		n++;
	}
	gp__suggest_names(sugg, sizeof(sugg), rel, gp__link_rels, n);
	gp__json_report(c, GP_SEV_WARNING,
			gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(e, "rel")),
			"unknown link relation '%s'%s", rel,
			*sugg ? sugg
			      : " (the relations are in_response_to, follows_from, part_of, "
				"contradicts and announces)");
}

/* links: [{"rel": ..., "event": ...}], the targets resolved at the end. */
static void event_links(lctx *c, const cJSON *jk, event_in *in)
{
	if (jk && !cJSON_IsArray(jk)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, jk),
				"expected an array for 'links', got %s", gp__json_type_name(jk));
		in->ok = 0;
		return;
	}
	for (const cJSON *e = jk ? jk->child : NULL; e; e = e->next) {
		const char *rel, *target;
		if (!cJSON_IsObject(e)) {
			gp__json_report(
				c, GP_SEV_ERROR, gp__json_loc_of(c, e),
				"expected an object {\"rel\": ..., \"event\": ...} in 'links', got %s",
				gp__json_type_name(e));
			in->ok = 0;
			continue;
		}
		gp__json_check_members(c, e, link_fields, "a link", NULL);
		int r1 = gp__json_string(c, e, "rel", "a link", MAX_ID_LEN, &rel);
		int r2 = gp__json_string(c, e, "event", "a link", MAX_ID_LEN, &target);
		if (r1 == 0) {
			gp__json_missing(c, e, "link", "rel");
		}
		if (r2 == 0) {
			gp__json_missing(c, e, "link", "event");
		}
		if (r1 <= 0 || r2 <= 0) {
			in->ok = 0;
			continue;
		}
		link_rel_check(c, e, rel);
		gp_link l = { gp__json_keep(c, rel), GP_NONE };
		link_ref lr = { GP_NONE, gp__json_keep(c, target),
				gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(e, "event")) };
		if (GP_VEC_PUSH(in->lks, l) || GP_VEC_PUSH(in->lrefs, lr)) {
			c->oom = 1;
		}
	}
}

/* Into the dataset: a compact row when only the graph is wanted, else an event. */
static void event_keep(lctx *c, event_in *in)
{
	gp_dataset *ds = c->ds;
	gp_event *ev = &in->ev;
	int as_row = 0;
	/* A compact row is reported and ungraded, as every GDELT or ICEWS row. */
	int plain = !in->lks.n && !ev->status && !ev->reliability;
	if (in->id && !in->dropped && !c->oom && !in->relative && plain && ds->brief_events) {
		/* One imported row's worth of event: kept compactly. */
		ev->id = in->id;
		as_row =
			gp__dataset_add_json_row(ds, ev, c->acts.v, c->cites.v, c->cites.n, in->at);
		c->oom |= as_row < 0;
		ev->id = NULL;
	}
	if (in->id && !in->dropped && !c->oom && !as_row) {
		ev->id = gp__json_keep(c, in->id);
		ev->title = in->title && !ds->brief_events ? gp__json_keep(c, in->title) : ev->id;
		ev->summary =
			in->summary && !ds->brief_events ? gp__json_keep(c, in->summary) : NULL;
		c->oom |=
			!ev->id || gp__dataset_add_event(ds, ev, c->acts.v, c->cites.v, c->cites.n,
							 in->lks.v, in->lrefs.v, in->lks.n,
							 in->relative ? &in->rd : NULL) != 0;
	} else if (!c->oom && !as_row) {
		/*
		 * Dropped (a duplicate, or no id): its references to other events
		 * are still checked at the end, against the events kept.
		 */
		c->oom |= gp__dataset_add_orphan_refs(ds, in->lrefs.v, in->lrefs.n,
						      in->relative ? &in->rd : NULL) != 0;
	}
}

void gp__json_load_event(lctx *c, const cJSON *o)
{
	if (!cJSON_IsObject(o)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, o),
				"expected an object for an event, got %s", gp__json_type_name(o));
		return;
	}
	const cJSON *f[EF_COUNT];
	gp__json_check_members(c, o, event_fields, "event", f);
	if (c->oom) {
		return;
	}
	event_in in;
	memset(&in, 0, sizeof(in));
	in.ok = 1;
	in.ev.derived_from = GP_NONE;
	in.ev.type = GP_NONE;
	in.at = gp__json_loc_of(c, o);
	in.ev.file = in.at.file, in.ev.line = in.at.line, in.ev.column = in.at.column;
	event_texts(c, o, f, &in);
	event_date(c, o, f[EF_DATE], &in);
	event_actors(c, f, &in);
	event_citations(c, f[EF_SOURCES], &in);
	event_weight_attributes(c, f[EF_WEIGHT], f[EF_ATTRIBUTES], &in);
	event_links(c, f[EF_LINKS], &in);
	event_status_confidence(c, f[EF_STATUS], f[EF_CONFIDENCE], &in);
	event_keep(c, &in);
	GP_VEC_FREE(in.lks);
	GP_VEC_FREE(in.lrefs);
}

/* ------------------------------------------------------- types, sources */

static const char *const type_fields[] = { "label", "weight", "quad", NULL };
static const char *const cite_fields[] = { "title", "publisher", "published", "url", NULL };

static void load_types(lctx *c, const cJSON *obj)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(obj)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, obj),
			"expected an object mapping type names to definitions for 'types', got %s",
			gp__json_type_name(obj));
		return;
	}
	gp__json_check_members(c, obj, NULL, "'types'", NULL);
	for (const cJSON *t = obj->child; t; t = t->next) {
		if (!cJSON_IsObject(t)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, t),
					"expected an object for type '%s', got %s", t->string,
					gp__json_type_name(t));
			continue;
		}
		if (!t->string[0] || strlen(t->string) > MAX_ID_LEN) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_key_loc(c, t),
					"a type name must be 1 to %d bytes", MAX_ID_LEN);
			continue;
		}
		gp__json_check_members(c, t, type_fields, "a type", NULL);
		const char *label;
		int ok = gp__json_string(c, t, "label", "a type", MAX_LINE_TEXT, &label) >= 0;
		const cJSON *jw = cJSON_GetObjectItemCaseSensitive(t, "weight");
		const cJSON *jq = cJSON_GetObjectItemCaseSensitive(t, "quad");
		if (jw && (!cJSON_IsNumber(jw) || jw->valuedouble < -10 || jw->valuedouble > 10)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, jw),
					"'weight' of a type must be a number between -10 and +10");
			ok = 0;
			jw = NULL;
		}
		if (jq && (!cJSON_IsNumber(jq) || jq->valuedouble != floor(jq->valuedouble) ||
			   jq->valuedouble < 0 || jq->valuedouble > 4)) {
			gp__json_report(
				c, GP_SEV_ERROR, gp__json_loc_of(c, jq),
				"'quad' of a type must be a CAMEO QuadClass: 1, 2, 3 or 4 (0 unknown)");
			ok = 0;
			jq = NULL;
		}
		gp_index ti = gp__strmap_get(&ds->type_map, t->string, strlen(t->string));
		if (ti != GP_NONE && ds->type_info.v[ti].def.line) {
			/* Defined by an earlier file: what this one gives validly must agree. */
			const gp_type *ty = &ds->types.v[ti];
			int same = (!label || strcmp(label, ty->label) == 0) &&
				   (!jw || jw->valuedouble == ty->weight) &&
				   (!jq || (int)jq->valuedouble == ty->quad);
			if (!same) {
				char w[300];
				gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, t),
						"conflicting definition of type '%s' (first at %s)",
						t->string,
						where(c, ds->type_info.v[ti].def, w, sizeof(w)));
			}
			continue;
		}
		if (!ok) {
			continue;
		}
		ti = gp__type_ref(ds, t->string, strlen(t->string), (gp_loc){ 0, 0, 0 });
		if (ti == GP_NONE) {
			c->oom = 1;
			return;
		}
		gp_type *ty = &ds->types.v[ti];
		type_info *info = &ds->type_info.v[ti];
		if (label) {
			ty->label = gp__json_keep(c, label);
		}
		if (jw) {
			ty->weight = jw->valuedouble;
		}
		if (jq) {
			ty->quad = (int)jq->valuedouble;
		}
		ty->known = 1;
		info->def = gp__json_loc_of(c, t);
	}
}

static void load_sources(lctx *c, const cJSON *obj)
{
	gp_dataset *ds = c->ds;
	if (!cJSON_IsObject(obj)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, obj),
			"expected an object mapping source ids to citations for 'sources', got %s",
			gp__json_type_name(obj));
		return;
	}
	gp__json_check_members(c, obj, NULL, "'sources'", NULL);
	for (const cJSON *s = obj->child; s; s = s->next) {
		if (!cJSON_IsObject(s)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, s),
					"expected an object for source '%s', got %s", s->string,
					gp__json_type_name(s));
			continue;
		}
		gp__json_check_members(c, s, cite_fields, "a source", NULL);
		const char *f[4];
		int ok = 1;
		for (int k = 0; k < 4; k++) {
			ok &= gp__json_string(c, s, cite_fields[k], "a source", 0, &f[k]) >= 0;
		}
		if (!s->string[0] || strlen(s->string) > MAX_ID_LEN) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_key_loc(c, s),
					"a source id must be 1 to %d bytes", MAX_ID_LEN);
			continue;
		}
		/* A broken entry is still compared with an earlier definition, field by field. */
		gp_index ci = gp__strmap_get(&ds->cite_map, s->string, strlen(s->string));
		if (!ok && (ci == GP_NONE || !ds->cite_info.v[ci].defined)) {
			continue;
		}
		if (ci == GP_NONE && (ci = gp__cite_ref(ds, s->string, strlen(s->string),
							(gp_loc){ 0, 0, 0 })) == GP_NONE) {
			c->oom = 1;
			return;
		}
		gp_citation *ct = &ds->cites.v[ci];
		cite_info *info = &ds->cite_info.v[ci];
		const char **have[4] = { &ct->title, &ct->publisher, &ct->published, &ct->url };
		if (info->defined) {
			for (int k = 0; k < 4; k++) {
				if (f[k] && *have[k] && !same_str(f[k], *have[k])) {
					char w[300];
					gp__json_report(
						c, GP_SEV_ERROR,
						gp__json_loc_of(c, cJSON_GetObjectItemCaseSensitive(
									   s, cite_fields[k])),
						"conflicting %s for source '%s' (first at %s)",
						cite_fields[k], s->string,
						where(c, info->def, w, sizeof(w)));
				}
			}
		} else {
			info->defined = 1;
			info->def = gp__json_loc_of(c, s);
		}
		for (int k = 0; k < 4 && ok; k++) {
			if (f[k] && !*have[k]) {
				*have[k] = gp__json_keep(c, f[k]);
			}
		}
	}
}

/* ------------------------------------------------------------ documents */

static const char *const top_fields[] = { "geopol", "title",  "sources", "types",
					  "actors", "events", NULL };

/* The head of a document: version, title, types and sources. */
void gp__json_load_head(lctx *c, const cJSON *root)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "geopol");
	if (v && !(cJSON_IsNumber(v) && v->valuedouble == 1)) {
		if (cJSON_IsNumber(v)) {
			gp__json_report(
				c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"unsupported 'geopol' format version %g; this geopol reads version 1",
				v->valuedouble);
		} else {
			gp__json_report(
				c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"expected the number 1 for 'geopol' (the format version), got %s",
				gp__json_type_name(v));
		}
	}
	const char *title;
	if (gp__json_string(c, root, "title", "the file", MAX_LINE_TEXT, &title) > 0) {
		c->oom |= gp__dataset_set_title(c->ds, title) != 0;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "types"))) {
		load_types(c, v);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "sources"))) {
		load_sources(c, v);
	}
}

void gp__json_load_document(lctx *c, const cJSON *root)
{
	if (!cJSON_IsObject(root)) {
		gp__json_report(
			c, GP_SEV_ERROR, gp__json_loc_of(c, root),
			"expected an object at the top level (with \"actors\" and \"events\"), got %s",
			gp__json_type_name(root));
		return;
	}
	gp__json_check_members(c, root, top_fields, "the file", NULL);
	gp__json_load_head(c, root);
	const char *lists[2] = { "actors", "events" };
	for (int k = 0; k < 2; k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, lists[k]);
		if (!v) {
			continue;
		}
		if (!cJSON_IsArray(v)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
					"expected an array for '%s', got %s", lists[k],
					gp__json_type_name(v));
			continue;
		}
		for (const cJSON *e = v->child; e && !c->oom; e = e->next) {
			if (k == 0) {
				gp__json_load_actor(c, e);
			} else {
				gp__json_load_event(c, e);
			}
		}
	}
}
