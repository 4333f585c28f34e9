/*
 * write_jsonl.c - a dataset as geopol JSON Lines (DESIGN §1), the form
 * `geopol import` writes and every command reads: a header line with the
 * title, the types a file defined or overrode and the citation entries, then
 * one {"actor": ...} line per actor, then one event per line in input order.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "json_util.h"

int gp__jsonl_put(FILE *fp, cJSON *obj)
{
	char *text = obj ? cJSON_PrintUnformatted(obj) : NULL;
	cJSON_Delete(obj);
	if (!text) {
		return GP_ENOMEM;
	}
	fputs(text, fp);
	fputc('\n', fp);
	cJSON_free(text);
	return ferror(fp) ? GP_EIO : GP_OK;
}

static int add_str(cJSON *o, const char *key, const char *value)
{
	return value ? gp__json_add(o, key, cJSON_CreateString(value)) : 0;
}

cJSON *gp__citation_json(const gp_citation *c)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || add_str(o, "title", c->title) || add_str(o, "publisher", c->publisher) ||
	    add_str(o, "published", c->published) || add_str(o, "url", c->url)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

void gp__cite_set_init(gp_cite_set *cs, const gp_dataset *ds)
{
	cs->ds = ds;
	cs->obj = cJSON_CreateObject();
	cs->seen = calloc(ds->cites.n ? ds->cites.n : 1, 1);
	cs->bad = !cs->obj || !cs->seen;
}

void gp__cite_set_add(gp_cite_set *cs, const char *src)
{
	const gp_dataset *ds = cs->ds;
	gp_index c = cs->bad ? GP_NONE : gp__strmap_get(&ds->cite_map, src, strlen(src));
	if (c != GP_NONE && !cs->seen[c] && ds->cite_info.v[c].defined) {
		cs->seen[c] = 1;
		cs->bad |= gp__json_add(cs->obj, ds->cites.v[c].id,
					gp__citation_json(&ds->cites.v[c]));
	}
}

cJSON *gp__cite_set_take(gp_cite_set *cs)
{
	free(cs->seen);
	if (cs->bad) {
		cJSON_Delete(cs->obj);
		return NULL;
	}
	return cs->obj;
}

cJSON *gp__jsonl_header(const gp_dataset *ds)
{
	cJSON *h = cJSON_CreateObject(), *types = cJSON_CreateObject(),
	      *cites = cJSON_CreateObject();
	int bad = !h || !types || !cites;
	bad |= h ? gp__json_add(h, "geopol", cJSON_CreateNumber(1)) : 0;
	bad |= h ? add_str(h, "title", ds->title) : 0;
	for (size_t i = 0; !bad && i < ds->types.n; i++) {
		const gp_type *t = &ds->types.v[i];
		if (!t->known || (t->builtin && !ds->type_info.v[i].def.line)) {
			continue; /* built-in defaults and unknown types need no definition */
		}
		cJSON *o = cJSON_CreateObject();
		bad |= !o || add_str(o, "label", t->label) ||
		       gp__json_add(o, "weight", cJSON_CreateNumber(t->weight)) ||
		       gp__json_add(o, "quad", cJSON_CreateNumber(t->quad));
		bad |= gp__json_add(types, t->name, o);
	}
	for (size_t i = 0; !bad && i < ds->cites.n; i++) {
		const gp_citation *c = &ds->cites.v[i];
		if (!ds->cite_info.v[i].defined) {
			continue;
		}
		bad |= gp__json_add(cites, c->id, gp__citation_json(c));
	}
	if (!bad && types->child) {
		bad |= gp__json_add(h, "types", types);
		types = NULL;
	}
	if (!bad && cites->child) {
		bad |= gp__json_add(h, "sources", cites);
		cites = NULL;
	}
	cJSON_Delete(types);
	cJSON_Delete(cites);
	if (bad) {
		cJSON_Delete(h);
		return NULL;
	}
	return h;
}

cJSON *gp__jsonl_actor(const gp_dataset *ds, const gp_actor *a)
{
	cJSON *line = cJSON_CreateObject(), *o = cJSON_CreateObject();
	int bad = !line || !o;
	bad |= o ? add_str(o, "id", a->id) || add_str(o, "name", a->name) ||
			       add_str(o, "kind", gp_actor_kind_name(a->kind)) ||
			       add_str(o, "role", a->role)
		 : 0;
	if (!bad && a->n_aliases) {
		cJSON *al = cJSON_CreateArray();
		for (uint32_t k = 0; al && k < a->n_aliases; k++) {
			bad |= gp__json_push(al,
					     cJSON_CreateString(ds->aliases.v[a->alias_off + k]));
		}
		bad |= gp__json_add(o, "aliases", al);
	}
	if (!bad && a->n_members) {
		const gp_membership *m = ds->members.v + a->member_off;
		int plain = a->n_members == 1 && m[0].from == GP_TIME_MIN && m[0].to == GP_TIME_MAX;
		if (plain) {
			bad |= add_str(o, "part_of", ds->actors.v[m[0].actor].id);
		} else {
			cJSON *arr = cJSON_CreateArray();
			for (uint32_t k = 0; arr && k < a->n_members; k++) {
				cJSON *mo = cJSON_CreateObject();
				char d[32];
				bad |= !mo || add_str(mo, "id", ds->actors.v[m[k].actor].id);
				if (mo && m[k].from != GP_TIME_MIN) {
					bad |= add_str(mo, "from", gp_time_format(m[k].from, 1, d));
				}
				if (mo && m[k].to != GP_TIME_MAX) {
					bad |= add_str(mo, "to", gp_time_format(m[k].to, 1, d));
				}
				bad |= gp__json_push(arr, mo);
			}
			bad |= gp__json_add(o, "part_of", arr);
		}
	}
	bad |= line ? gp__json_add(line, "actor", o) : (cJSON_Delete(o), 1);
	if (bad) {
		cJSON_Delete(line);
		return NULL;
	}
	return line;
}

static cJSON *id_array(const gp_dataset *ds, const gp_event *ev, int role)
{
	cJSON *arr = cJSON_CreateArray();
	const gp_index *a = gp_dataset_event_actors(ds, ev, (gp_role)role);
	for (uint16_t i = 0; arr && i < ev->n_actors[role]; i++) {
		if (gp__json_push(arr, cJSON_CreateString(ds->actors.v[a[i]].id))) {
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

static cJSON *event_line(const gp_dataset *ds, const gp_event *ev)
{
	static const char *const roles[] = { "source", "target", "participants", "about" };
	cJSON *o = cJSON_CreateObject();
	int bad = !o;
	bad |= o ? add_str(o, "id", ev->id) || add_str(o, "type", ds->types.v[ev->type].name) : 0;
	if (!bad && ev->derived_from != GP_NONE) {
		cJSON *d = cJSON_CreateObject();
		bad |= !d ||
		       add_str(d, ev->direction < 0 ? "before" : "after",
			       ds->events.v[ev->derived_from].id) ||
		       add_str(d, "offset", ev->offset);
		bad |= gp__json_add(o, "date", d);
	} else if (!bad) {
		bad |= add_str(o, "date", ev->edtf);
		if (!ev->edtf) {
			char buf[96];
			gp_date_format_edtf(&ev->date, buf, sizeof(buf));
			bad |= add_str(o, "date", buf);
		}
	}
	bad |= bad ? 0 : add_str(o, "title", ev->title);
	for (int r = 0; !bad && r < GP_ROLE_COUNT; r++) {
		if (ev->n_actors[r]) {
			bad |= gp__json_add(o, roles[r], id_array(ds, ev, r));
		}
	}
	bad |= bad ? 0 : add_str(o, "summary", ev->summary);
	if (!bad && ev->n_sources) {
		cJSON *arr = cJSON_CreateArray();
		for (uint32_t i = 0; arr && i < ev->n_sources; i++) {
			bad |= gp__json_push(
				arr, cJSON_CreateString(ds->evsources.v[ev->source_off + i]));
		}
		bad |= gp__json_add(o, "sources", arr);
	}
	if (!bad && ev->has_weight) {
		bad |= gp__json_add(o, "weight", cJSON_CreateNumber(ev->weight));
	}
	if (!bad && ev->attributes) {
		bad |= gp__json_add(o, "attributes", cJSON_CreateRaw(ev->attributes));
	}
	if (!bad && ev->n_links) {
		cJSON *arr = cJSON_CreateArray();
		for (uint32_t i = 0; arr && i < ev->n_links; i++) {
			const gp_link *l = &ds->links.v[ev->link_off + i];
			cJSON *lo = cJSON_CreateObject();
			bad |= !lo || add_str(lo, "rel", l->rel) ||
			       add_str(lo, "event",
				       l->event == GP_NONE ? "" : ds->events.v[l->event].id);
			bad |= gp__json_push(arr, lo);
		}
		bad |= gp__json_add(o, "links", arr);
	}
	/* Reported and ungraded, the defaults, are left out: an imported row stays short. */
	if (!bad && ev->status) {
		bad |= add_str(o, "status", gp_status_name(ev->status));
	}
	char grade[3];
	if (!bad && gp_event_confidence(ev, grade, sizeof(grade))) {
		bad |= add_str(o, "confidence", grade);
	}
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int gp_dataset_write_jsonl(FILE *fp, const gp_dataset *ds)
{
	int rc = gp__jsonl_put(fp, gp__jsonl_header(ds));
	/* Actors only named, never defined, stay so: reading back warns again. */
	for (size_t i = 0; rc == GP_OK && i < ds->actors.n; i++) {
		if (ds->actors.v[i].defined) {
			rc = gp__jsonl_put(fp, gp__jsonl_actor(ds, &ds->actors.v[i]));
		}
	}
	for (size_t i = 0; rc == GP_OK && i < ds->events.n; i++) {
		rc = gp__jsonl_put(fp, event_line(ds, &ds->events.v[i]));
	}
	return rc;
}
