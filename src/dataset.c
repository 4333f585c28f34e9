/*
 * dataset.c - the dataset's storage and its only editor: the event model,
 * getters and accessors, look-ups, interning of ids, and what loaders add
 * (events, actors, rows). The resolution step once every input is loaded
 * (gp_dataset_finish) is resolve.c's.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dataset_impl.h"
#include "tables.h"

static const char *const kind_names[GP_KIND_COUNT] = { "country",      "person", "agency",
						       "organization", "group",  "international" };

const char *gp_actor_kind_name(gp_actor_kind kind)
{
	return kind >= 0 && kind < GP_KIND_COUNT ? kind_names[kind] : "unknown";
}

/* ---------------------------------------------------- actors and events, read */

const char *gp_actor_id(const gp_actor *a)
{
	return a->id;
}
const char *gp_actor_name(const gp_actor *a)
{
	return a->name;
}
const char *gp_actor_role(const gp_actor *a)
{
	return a->role;
}
gp_actor_kind gp_actor_kind_of(const gp_actor *a)
{
	return (gp_actor_kind)a->kind;
}
int gp_actor_defined(const gp_actor *a)
{
	return a->defined;
}
size_t gp_actor_alias_count(const gp_actor *a)
{
	return a->n_aliases;
}
size_t gp_actor_membership_count(const gp_actor *a)
{
	return a->n_members;
}

const char *gp_event_id(const gp_event *ev)
{
	return ev->id;
}
const char *gp_event_title(const gp_event *ev)
{
	return ev->title;
}
const char *gp_event_summary(const gp_event *ev)
{
	return ev->summary;
}
const char *gp_event_edtf(const gp_event *ev)
{
	return ev->edtf;
}
const char *gp_event_attributes(const gp_event *ev)
{
	return ev->attributes;
}
const gp_date *gp_event_date(const gp_event *ev)
{
	return &ev->date;
}
gp_index gp_event_type(const gp_event *ev)
{
	return ev->type;
}
gp_index gp_event_derived_from(const gp_event *ev)
{
	return ev->derived_from;
}
const char *gp_event_offset(const gp_event *ev)
{
	return ev->offset;
}
int gp_event_direction(const gp_event *ev)
{
	return ev->direction;
}
double gp_event_weight(const gp_event *ev)
{
	return ev->weight;
}
int gp_event_has_weight(const gp_event *ev)
{
	return ev->has_weight;
}
gp_event_status_kind gp_event_status(const gp_event *ev)
{
	return (gp_event_status_kind)ev->status;
}
const char *gp_event_confidence(const gp_event *ev, char *buf, size_t size)
{
	if (!ev->reliability || size < 3) {
		return NULL;
	}
	buf[0] = (char)('A' + ev->reliability - 1);
	buf[1] = (char)('0' + ev->credibility);
	buf[2] = '\0';
	return buf;
}

/* In gp_event_status_kind's order. */
static const char *const status_names[GP_STATUS_COUNT] = { "reported", "confirmed", "claimed",
							   "denied", "planned" };

const char *gp_status_name(int status)
{
	return status >= 0 && status < GP_STATUS_COUNT ? status_names[status] : NULL;
}

int gp_status_from_name(const char *name)
{
	for (int i = 0; i < GP_STATUS_COUNT; i++) {
		if (strcmp(name, status_names[i]) == 0) {
			return i;
		}
	}
	return -1;
}

int gp_grade_parse(const char *text, int *reliability, int *credibility)
{
	/* Exactly a letter A-F and a digit 1-6: "B2". */
	if (!text || text[0] < 'A' || text[0] > 'F' || text[1] < '1' || text[1] > '6' || text[2]) {
		return -1;
	}
	*reliability = text[0] - 'A' + 1;
	*credibility = text[1] - '0';
	return 0;
}
uint32_t gp_event_file(const gp_event *ev)
{
	return ev->file;
}
uint32_t gp_event_line(const gp_event *ev)
{
	return ev->line;
}
uint32_t gp_event_column(const gp_event *ev)
{
	return ev->column;
}
size_t gp_event_source_count(const gp_event *ev)
{
	return ev->n_sources;
}
size_t gp_event_link_count(const gp_event *ev)
{
	return ev->n_links;
}

size_t gp_event_actor_count(const gp_event *ev, gp_role role)
{
	return role >= 0 && role < GP_ROLE_COUNT ? ev->n_actors[role] : 0;
}

/* The built-in types first (types.c): a file's types add to them or override them. */
static int types_init(gp_dataset *ds)
{
	for (size_t i = 0; i < gp_builtin_type_count(); i++) {
		type_info info;
		memset(&info, 0, sizeof(info));
		if (GP_VEC_PUSH(ds->types, *gp_builtin_type(i)) ||
		    GP_VEC_PUSH(ds->type_info, info) ||
		    gp__strmap_put(&ds->type_map, gp_builtin_type(i)->name,
				   strlen(gp_builtin_type(i)->name), (uint32_t)i)) {
			return GP_ENOMEM;
		}
	}
	return GP_OK;
}

int gp_dataset_new(gp_dataset **out)
{
	gp_dataset *ds = calloc(1, sizeof(*ds));
	*out = NULL;
	if (!ds) {
		return GP_ENOMEM;
	}
	gp__arena_init(&ds->arena);
	ds->scratch_of = GP_NONE;
	if (types_init(ds) != GP_OK) {
		gp_dataset_free(ds);
		return GP_ENOMEM;
	}
	*out = ds;
	return GP_OK;
}

void gp_dataset_free(gp_dataset *ds)
{
	if (!ds) {
		return;
	}
	GP_VEC_FREE(ds->files);
	GP_VEC_FREE(ds->stamps);
	free(ds->src_cache);
	GP_VEC_FREE(ds->actors);
	GP_VEC_FREE(ds->actor_info);
	gp__strmap_release(&ds->actor_map);
	GP_VEC_FREE(ds->events);
	gp__strmap_release(&ds->event_map);
	GP_VEC_FREE(ds->imported);
	GP_VEC_FREE(ds->row_at);
	gp__u64map_release(&ds->imported_map);
	GP_VEC_FREE(ds->types);
	GP_VEC_FREE(ds->type_info);
	gp__strmap_release(&ds->type_map);
	GP_VEC_FREE(ds->cites);
	GP_VEC_FREE(ds->cite_info);
	gp__strmap_release(&ds->cite_map);
	GP_VEC_FREE(ds->aliases);
	GP_VEC_FREE(ds->members);
	GP_VEC_FREE(ds->member_loc);
	GP_VEC_FREE(ds->refs);
	GP_VEC_FREE(ds->evsources);
	GP_VEC_FREE(ds->links);
	GP_VEC_FREE(ds->link_refs);
	GP_VEC_FREE(ds->rels);
	GP_VEC_FREE(ds->rows);
	gp__strmap_release(&ds->country_names);
	free(ds->code_map.v);
	gp__arena_release(&ds->arena);
	free(ds);
}

/* ---------------------------------------------------------------- getters */

const char *gp_dataset_title(const gp_dataset *ds)
{
	return ds->title;
}
size_t gp_dataset_actor_count(const gp_dataset *ds)
{
	return ds->actors.n;
}
size_t gp_dataset_event_count(const gp_dataset *ds)
{
	return ds->events.n + ds->rows.n;
}
size_t gp_dataset_type_count(const gp_dataset *ds)
{
	return ds->types.n;
}
size_t gp_dataset_citation_count(const gp_dataset *ds)
{
	return ds->cites.n;
}
size_t gp_dataset_file_count(const gp_dataset *ds)
{
	return ds->files.n;
}

const gp_actor *gp_dataset_actor(const gp_dataset *ds, gp_index i)
{
	return i < ds->actors.n ? &ds->actors.v[i] : NULL;
}

/* Millions of rows are kept: their size is counted (where pointers are 8 bytes). */
_Static_assert(sizeof(void *) != 8 || sizeof(gp_row) == 40, "gp_row grew");

/* A compact row's bounds, as its event has them. */
static void row_date(const gp_row *r, gp_date *d)
{
	memset(d, 0, sizeof(*d));
	d->start = gp__row_start(r);
	d->end = d->start + 86399;
	d->precision = d->start_prec = d->end_prec = GP_PREC_DAY;
}

const gp_event *gp_dataset_event(const gp_dataset *cds, gp_index i)
{
	if (i < cds->events.n) {
		return &cds->events.v[i];
	}
	if (i - cds->events.n >= cds->rows.n) {
		return NULL;
	}
	/* A compact row: rebuilt into the dataset's scratch event (a cache, hence the cast). */
	gp_dataset *ds = (gp_dataset *)cds;
	if (ds->scratch_of == i) {
		return &ds->scratch;
	}
	const gp_row *r = &ds->rows.v[i - ds->events.n];
	gp_event *ev = &ds->scratch;
	memset(ev, 0, sizeof(*ev));
	/* Built by hand, not with snprintf: a GDELT timeline rebuilds millions of rows. */
	gp__imported_id_text(r->icews, r->id, ds->scratch_id);
	char code[5];
	size_t cl = strnlen(r->cameo, 4);
	memcpy(code, r->cameo, cl);
	code[cl] = '\0';
	const char *label = gp__cameo_label_text(code, ds->types.v[r->type].label);
	const char *src = r->n_source ? ds->actors.v[r->actor[0]].name : "(no source)";
	const char *tgt = r->n_target ? ds->actors.v[r->actor[r->n_source]].name : NULL;
	const char *parts[] = { label, ": ", src, tgt ? " → " : "", tgt ? tgt : "" };
	size_t at = 0, room = sizeof(ds->scratch_title) - 1;
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		size_t len = strlen(parts[k]);
		len = len < room - at ? len : room - at; /* as snprintf would cut it */
		memcpy(ds->scratch_title + at, parts[k], len);
		at += len;
	}
	ds->scratch_title[at] = '\0';
	ev->id = ds->scratch_id;
	ev->title = ds->scratch_title;
	row_date(r, &ev->date);
	ev->type = r->type;
	ev->derived_from = GP_NONE;
	ev->order = i; /* (its number orders it in graphs: gp__event_seq) */
	/*
	 * The float holds the weight to the millionth (the unit graphs add up):
	 * 7.4 comes back as 7.4, not as the float's 7.4000000953674316.
	 */
	ev->weight = (double)llround((double)r->weight * 1e6) / 1e6;
	ev->has_weight = 1;
	ev->n_actors[GP_ROLE_SOURCE] = r->n_source;
	ev->n_actors[GP_ROLE_TARGET] = r->n_target;
	ds->scratch_actors[0] = r->actor[0];
	ds->scratch_actors[1] = r->actor[1];
	ds->scratch_src[0] = r->src;
	ev->n_sources = r->src != NULL;
	ds->scratch_of = i;
	return ev;
}

void gp__dataset_prefetch(const gp_dataset *ds, gp_index i, int stage)
{
	if (i < ds->events.n || i - ds->events.n >= ds->rows.n) {
		return;
	}
	const gp_row *r = &ds->rows.v[i - ds->events.n];
	if (stage == 0) {
		__builtin_prefetch(r);
		return;
	}
	for (int k = 0; k < r->n_source + r->n_target && k < 2; k++) {
		const gp_actor *a = &ds->actors.v[r->actor[k]];
		if (stage == 1) {
			__builtin_prefetch(a);
		} else {
			__builtin_prefetch(a->id);
			__builtin_prefetch(a->name);
		}
	}
	if (stage == 1 && r->src) {
		__builtin_prefetch(r->src);
	}
}

int64_t gp__dataset_event_start(const gp_dataset *ds, gp_index i, int64_t *end)
{
	if (i < ds->events.n) {
		*end = ds->events.v[i].date.end;
		return ds->events.v[i].date.start;
	}
	const gp_row *r = &ds->rows.v[i - ds->events.n];
	*end = gp__row_start(r) + 86399;
	return gp__row_start(r);
}

const gp_type *gp_dataset_type(const gp_dataset *ds, gp_index i)
{
	return i < ds->types.n ? &ds->types.v[i] : NULL;
}

const gp_citation *gp_dataset_citation(const gp_dataset *ds, gp_index i)
{
	return i < ds->cites.n ? &ds->cites.v[i] : NULL;
}

const char *gp_dataset_file_name(const gp_dataset *ds, uint32_t file)
{
	return file < ds->files.n ? ds->files.v[file] : "";
}

gp_index gp_dataset_find_actor(const gp_dataset *ds, const char *id)
{
	return gp__strmap_get(&ds->actor_map, id, strlen(id));
}

gp_index gp_dataset_find_event(const gp_dataset *ds, const char *id)
{
	return gp__event_lookup(ds, id, strlen(id));
}

/* An imported row's id (gp__imported_number) as one key: N * 2 + icews. */
static int imported_key(const char *id, size_t len, uint64_t *key)
{
	uint64_t n;
	int icews;
	if (!gp__imported_number(id, len, &n, &icews)) {
		return 0;
	}
	*key = n * 2 + (uint64_t)icews;
	return 1;
}

/* A compact row's id as imported_key makes it. */
static uint64_t row_key(const gp_row *r)
{
	return r->id * 2 + r->icews;
}

static gp_index untag(const gp_dataset *ds, gp_index v)
{
	return v != GP_NONE && (v & GP_ROW_TAG) ? (gp_index)(ds->events.n + (v & ~GP_ROW_TAG)) : v;
}

gp_index gp__event_lookup(const gp_dataset *ds, const char *id, size_t len)
{
	uint64_t k;
	if (!imported_key(id, len, &k)) {
		return untag(ds, gp__strmap_get(&ds->event_map, id, len));
	}
	if (ds->imported_unordered) {
		return untag(ds, gp__u64map_get(&ds->imported_map, k));
	}
	if (!(ds->imported.n || ds->rows_keyed) || k > ds->imported_last) {
		return GP_NONE; /* past the last: the usual answer while reading */
	}
	size_t lo = 0, hi = ds->imported.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->imported.v[mid].key < k) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	if (lo < ds->imported.n && ds->imported.v[lo].key == k) {
		return untag(ds, ds->imported.v[lo].event);
	}
	for (lo = 0, hi = ds->rows_keyed; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		if (row_key(&ds->rows.v[mid]) < k) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < ds->rows_keyed && row_key(&ds->rows.v[lo]) == k ? (gp_index)(ds->events.n + lo)
								    : GP_NONE;
}

gp_loc gp__event_loc(const gp_dataset *ds, gp_index i)
{
	if (i < ds->events.n) {
		gp_loc at = { ds->events.v[i].file, ds->events.v[i].line, ds->events.v[i].column };
		return at;
	}
	i -= (gp_index)ds->events.n;
	if (i < ds->row_at.n) {
		return ds->row_at.v[i];
	}
	gp_loc none = { 0, 0, 0 };
	return none;
}

/* ------------------------------------------------- what loaders add to it */

void *gp__dataset_alloc(gp_dataset *ds, size_t size)
{
	return gp__arena_alloc(&ds->arena, size);
}

char *gp__dataset_strdup(gp_dataset *ds, const char *s, size_t len)
{
	return gp__arena_strndup(&ds->arena, s, len);
}

int gp__dataset_add_file(gp_dataset *ds, const char *name, uint32_t *out)
{
	char *s = gp__arena_strndup(&ds->arena, name, strlen(name));
	*out = (uint32_t)ds->files.n;
	return !s || GP_VEC_PUSH(ds->files, s) ? -1 : 0;
}

int gp__dataset_stamp_file(gp_dataset *ds, uint32_t file, int fd)
{
	struct stat st;
	if (file >= ds->files.n) {
		return 0;
	}
	if (fstat(fd, &st) != 0) {
		return -1;
	}
	while (ds->stamps.n <= file) {
		gp_file_stamp none = { 0 };
		if (GP_VEC_PUSH(ds->stamps, none)) {
			return -1;
		}
	}
	gp_file_stamp s = { (uint64_t)st.st_dev,         (uint64_t)st.st_ino,
			    (uint64_t)st.st_size,        (int64_t)st.st_mtim.tv_sec,
			    (int64_t)st.st_mtim.tv_nsec, 1 };
	ds->stamps.v[file] = s;
	return 0;
}

const gp_file_stamp *gp__dataset_file_stamp(const gp_dataset *ds, uint32_t file)
{
	return file < ds->stamps.n && ds->stamps.v[file].set ? &ds->stamps.v[file] : NULL;
}

int gp__actor_set_part_of(gp_dataset *ds, gp_index a, const gp_membership *m, const gp_loc *at,
			  size_t n)
{
	if (ds->actors.v[a].n_members || n == 0) {
		return 0; /* the first definition's part_of is kept */
	}
	uint32_t off = (uint32_t)ds->members.n;
	if (GP_VEC_RESERVE(ds->members, n) || GP_VEC_RESERVE(ds->member_loc, n)) {
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		ds->members.v[ds->members.n++] = m[k];
		ds->member_loc.v[ds->member_loc.n++] = at[k];
	}
	ds->actors.v[a].member_off = off;
	ds->actors.v[a].n_members = (uint32_t)n;
	return 0;
}

int gp__actor_set_imported(gp_dataset *ds, gp_index a, const char *name, int kind, gp_index part_of,
			   gp_loc at)
{
	gp_actor *ac = &ds->actors.v[a];
	ac->defined = 1;
	ac->kind = kind;
	ac->name = name ? name : ac->name;
	gp_membership m = { part_of, GP_TIME_MIN, GP_TIME_MAX };
	return part_of == GP_NONE ? 0 : gp__actor_set_part_of(ds, a, &m, &at, 1);
}

int gp__actor_define(gp_dataset *ds, gp_index a, gp_loc at, const char *name, int kind,
		     const char *role, gp_loc role_at)
{
	gp_actor *ac = &ds->actors.v[a];
	actor_info *info = &ds->actor_info.v[a];
	if (!ac->defined) {
		ac->defined = 1;
		info->def = at;
		info->lacks = ACTOR_LACKS_NAME | ACTOR_LACKS_KIND;
	}
	if (name && (info->lacks & ACTOR_LACKS_NAME)) {
		const char *s = gp__arena_strndup(&ds->arena, name, strlen(name));
		if (!s) {
			return -1;
		}
		ac->name = s;
		info->lacks &= (uint8_t)~ACTOR_LACKS_NAME;
	}
	if (kind >= 0 && (info->lacks & ACTOR_LACKS_KIND)) {
		ac->kind = kind;
		info->lacks &= (uint8_t)~ACTOR_LACKS_KIND;
	}
	if (role && !ac->role) {
		if (!(ac->role = gp__arena_strndup(&ds->arena, role, strlen(role)))) {
			return -1;
		}
		info->role_at = role_at;
	}
	return 0;
}

int gp__actor_add_aliases(gp_dataset *ds, gp_index a, const char *const *names, size_t n)
{
	/* A new run of the union: the earlier aliases, then the new ones not among them. */
	uint32_t off = (uint32_t)ds->aliases.n, have = ds->actors.v[a].n_aliases, k = 0;
	if (n == 0) {
		return 0;
	}
	if (GP_VEC_RESERVE(ds->aliases, have + n)) {
		return -1;
	}
	for (k = 0; k < have; k++) {
		ds->aliases.v[ds->aliases.n++] = ds->aliases.v[ds->actors.v[a].alias_off + k];
	}
	for (size_t i = 0; i < n; i++) {
		int dup = 0;
		for (uint32_t j = 0; j < k && !dup; j++) {
			dup = strcmp(ds->aliases.v[off + j], names[i]) == 0;
		}
		if (!dup) {
			char *s = gp__arena_strndup(&ds->arena, names[i], strlen(names[i]));
			if (!s) {
				return -1;
			}
			ds->aliases.v[ds->aliases.n++] = s;
			k++;
		}
	}
	ds->actors.v[a].alias_off = off;
	ds->actors.v[a].n_aliases = k;
	return 0;
}

int gp__cite_set_imported(gp_dataset *ds, gp_index ci, const char *publisher, size_t len)
{
	gp_citation *cite = &ds->cites.v[ci];
	if (cite->title) {
		return 0;
	}
	if (!(cite->publisher = gp__arena_strndup(&ds->arena, publisher, len))) {
		return -1;
	}
	cite->title = cite->publisher;
	ds->cite_info.v[ci].defined = 1;
	return 0;
}

void gp__dataset_set_code_map(gp_dataset *ds, int on)
{
	if (!on) {
		free(ds->code_map.v);
		memset(&ds->code_map, 0, sizeof(ds->code_map));
	}
	ds->code_map.on = on;
}

void gp__dataset_set_row_sink(gp_dataset *ds, gp_row_sink fn, void *userdata)
{
	ds->sink = fn;
	ds->sink_data = userdata;
}

int gp__dataset_keeps_rows(const gp_dataset *ds, int icews)
{
	return !ds->sink && (ds->compact_rows == GP_ROWS_WHOLE ||
			     (ds->compact_rows == GP_ROWS_WITH_SOURCE && icews));
}

int gp__dataset_checks_row_ids(const gp_dataset *ds)
{
	return !ds->sink && ds->compact_rows != GP_ROWS_COMPACT;
}

void gp__dataset_row_skipped(gp_dataset *ds)
{
	ds->skipped_rows++;
}

int gp__dataset_set_title(gp_dataset *ds, const char *title)
{
	if (ds->title) {
		return 0; /* the first file's */
	}
	ds->title = gp__arena_strndup(&ds->arena, title, strlen(title));
	return ds->title ? 0 : -1;
}

int gp__dataset_add_event(gp_dataset *ds, gp_event *ev, const gp_index *actors,
			  const char *const *cites, size_t n_cites, const gp_link *links,
			  link_ref *lrefs, size_t n_links, const rel_date *rd)
{
	gp_index ei = (gp_index)ds->events.n;
	size_t n_actors = 0;
	for (int r = 0; r < GP_ROLE_COUNT; r++) {
		n_actors += ev->n_actors[r];
	}
	ev->order = (uint32_t)(ds->events.n + ds->rows.n);
	ev->actor_off = (uint32_t)ds->refs.n;
	ev->source_off = (uint32_t)ds->evsources.n;
	ev->n_sources = (uint32_t)n_cites;
	ev->link_off = (uint32_t)ds->links.n;
	ev->n_links = (uint32_t)n_links;
	if (GP_VEC_RESERVE(ds->refs, n_actors) || GP_VEC_RESERVE(ds->evsources, n_cites) ||
	    GP_VEC_RESERVE(ds->links, n_links) || GP_VEC_RESERVE(ds->link_refs, n_links) ||
	    GP_VEC_RESERVE(ds->events, 1) || (rd && GP_VEC_RESERVE(ds->rels, 1)) ||
	    gp__event_register(ds, ev->id, strlen(ev->id), ei)) {
		return -1;
	}
	/* memcpy needs valid pointers even for 0 bytes: empty lists have none. */
	if (n_actors) {
		memcpy(ds->refs.v + ds->refs.n, actors, n_actors * sizeof(*actors));
		ds->refs.n += n_actors;
	}
	if (n_cites) {
		memcpy(ds->evsources.v + ds->evsources.n, cites, n_cites * sizeof(*cites));
		ds->evsources.n += n_cites;
	}
	for (size_t k = 0; k < n_links; k++) {
		lrefs[k].link = (uint32_t)ds->links.n;
		ds->links.v[ds->links.n++] = links[k];
		ds->link_refs.v[ds->link_refs.n++] = lrefs[k];
	}
	if (rd) {
		ds->rels.v[ds->rels.n] = *rd;
		ds->rels.v[ds->rels.n++].event = ei;
	}
	ds->events.v[ds->events.n++] = *ev;
	return 0;
}

int gp__dataset_add_orphan_refs(gp_dataset *ds, const link_ref *lrefs, size_t n, const rel_date *rd)
{
	for (size_t k = 0; k < n; k++) {
		if (GP_VEC_PUSH(ds->link_refs, lrefs[k])) {
			return -1;
		}
	}
	if (rd) {
		rel_date r = *rd;
		r.event = GP_NONE;
		return GP_VEC_PUSH(ds->rels, r) ? -1 : 0;
	}
	return 0;
}
int gp__dataset_add_json_row(gp_dataset *ds, const gp_event *ev, const gp_index *actors,
			     const char *const *cites, size_t n_cites, gp_loc at)
{
	uint64_t k;
	size_t ns = ev->n_actors[GP_ROLE_SOURCE], nt = ev->n_actors[GP_ROLE_TARGET];
	float w = (float)ev->weight;
	if (!ds->brief_events || ds->rows.n != ds->row_at.n || ds->rows.n >= GP_ROW_TAG - 1 ||
	    !imported_key(ev->id, strlen(ev->id), &k) || ns > 1 || nt > 1 || ns + nt == 0 ||
	    ev->n_actors[GP_ROLE_PARTICIPANT] || ev->n_links || !ev->has_weight || n_cites > 1 ||
	    ev->type > UINT16_MAX || ev->date.precision != GP_PREC_DAY ||
	    ev->date.start_prec != GP_PREC_DAY || ev->date.end != ev->date.start + 86399 ||
	    ev->date.start % 86400 != 0 || llround((double)w * 1e6) != llround(ev->weight * 1e6)) {
		return 0;
	}
	gp_row row;
	memset(&row, 0, sizeof(row));
	row.day = gp__row_day(ev->date.start);
	row.id = k / 2;
	row.icews = (uint8_t)(k % 2);
	row.actor[0] = actors[0];
	row.actor[1] = ns + nt == 2 ? actors[1] : GP_NONE;
	row.weight = w;
	row.type = (uint16_t)ev->type;
	row.n_source = (uint8_t)ns;
	row.n_target = (uint8_t)nt;
	row.src = n_cites ? cites[0] : NULL;
	gp_index tagged = (gp_index)(GP_ROW_TAG | ds->rows.n);
	if (GP_VEC_PUSH(ds->rows, row) || GP_VEC_PUSH(ds->row_at, at) ||
	    gp__event_register(ds, ev->id, strlen(ev->id), tagged)) {
		return -1;
	}
	return 1;
}

int gp__event_register(gp_dataset *ds, const char *id, size_t len, gp_index ev)
{
	uint64_t k;
	if (!imported_key(id, len, &k)) {
		return gp__strmap_put(&ds->event_map, id, len, ev);
	}
	if (!ds->imported_unordered) {
		if (!(ds->imported.n || ds->rows_keyed) || k > ds->imported_last) {
			ds->imported_last = k;
			if (ev != GP_NONE && (ev & GP_ROW_TAG) &&
			    (ev & ~GP_ROW_TAG) == ds->rows_keyed && ds->rows_keyed < ds->rows.n &&
			    row_key(&ds->rows.v[ds->rows_keyed]) == k) {
				ds->rows_keyed++; /* the row itself is the entry */
				return 0;
			}
			struct imported_id e = { k, ev };
			return GP_VEC_PUSH(ds->imported, e);
		}
		/* Out of order: from now on, a hash map of them all. */
		for (size_t i = 0; i < ds->imported.n; i++) {
			if (gp__u64map_get_or_put(&ds->imported_map, ds->imported.v[i].key,
						  ds->imported.v[i].event) == GP_NONE) {
				return -1;
			}
		}
		for (size_t i = 0; i < ds->rows_keyed; i++) {
			if (gp__u64map_get_or_put(&ds->imported_map, row_key(&ds->rows.v[i]),
						  (gp_index)(GP_ROW_TAG | i)) == GP_NONE) {
				return -1;
			}
		}
		GP_VEC_FREE(ds->imported);
		ds->rows_keyed = 0;
		ds->imported_unordered = 1;
	}
	return gp__u64map_get_or_put(&ds->imported_map, k, ev) == GP_NONE ? -1 : 0;
}

gp_index gp_dataset_find_type(const gp_dataset *ds, const char *name)
{
	return gp__strmap_get(&ds->type_map, name, strlen(name));
}

/*
 * The lists below start at an offset into one array per dataset, which has
 * no storage while empty: then NULL (nothing to read), since NULL + 0 is
 * undefined behaviour.
 */
const char *const *gp_dataset_actor_aliases(const gp_dataset *ds, const gp_actor *a)
{
	return ds->aliases.v ? ds->aliases.v + a->alias_off : NULL;
}

const gp_membership *gp_dataset_actor_part_of(const gp_dataset *ds, const gp_actor *a)
{
	return ds->members.v ? ds->members.v + a->member_off : NULL;
}

const gp_index *gp_dataset_event_actors(const gp_dataset *ds, const gp_event *ev, gp_role role)
{
	if (ev == &ds->scratch) {
		return ds->scratch_actors +
		       (role == GP_ROLE_SOURCE ? 0 : ev->n_actors[GP_ROLE_SOURCE]);
	}
	uint32_t off = ev->actor_off;
	for (int r = 0; r < (int)role; r++) {
		off += ev->n_actors[r];
	}
	return ds->refs.v ? ds->refs.v + off : NULL;
}

const char *const *gp_dataset_event_sources(const gp_dataset *ds, const gp_event *ev)
{
	if (ev == &ds->scratch) { /* a compact row, rebuilt */
		return ds->scratch_src;
	}
	return ds->evsources.v ? ds->evsources.v + ev->source_off : NULL;
}

const gp_link *gp_dataset_event_links(const gp_dataset *ds, const gp_event *ev)
{
	return ds->links.v ? ds->links.v + ev->link_off : NULL;
}

int gp__loc_cmp(gp_loc a, gp_loc b)
{
	if (a.file != b.file) {
		return a.file < b.file ? -1 : 1;
	}
	if (a.line != b.line) {
		return a.line < b.line ? -1 : 1;
	}
	return a.column < b.column ? -1 : a.column > b.column;
}

/* ------------------------------------------------------------- interning */

gp_index gp__actor_ref(gp_dataset *ds, const char *id, size_t len, gp_loc at)
{
	gp_index i = gp__strmap_get(&ds->actor_map, id, len);
	if (i == GP_NONE) {
		char *key = gp__arena_strndup(&ds->arena, id, len);
		gp_actor a;
		actor_info info;
		memset(&a, 0, sizeof(a));
		memset(&info, 0, sizeof(info));
		if (!key) {
			return GP_NONE;
		}
		a.id = a.name = key;
		a.kind = GP_KIND_GROUP;
		a.alias_off = (uint32_t)ds->aliases.n;
		a.member_off = (uint32_t)ds->members.n;
		i = (gp_index)ds->actors.n;
		if (GP_VEC_PUSH(ds->actors, a) || GP_VEC_PUSH(ds->actor_info, info) ||
		    gp__strmap_put(&ds->actor_map, key, len, i)) {
			ds->actors.n = ds->actor_info.n = i; /* the two arrays stay in step */
			return GP_NONE;
		}
	}
	actor_info *info = &ds->actor_info.v[i];
	if (at.line && !info->refs++) {
		info->first_ref = at;
	}
	return i;
}

gp_index gp__type_ref(gp_dataset *ds, const char *name, size_t len, gp_loc at)
{
	gp_index i = gp__strmap_get(&ds->type_map, name, len);
	if (i == GP_NONE) {
		char *key = gp__arena_strndup(&ds->arena, name, len);
		gp_type t = { key, key, 0.0, 0, 0, 0 };
		type_info info;
		memset(&info, 0, sizeof(info));
		i = (gp_index)ds->types.n;
		if (!key || GP_VEC_PUSH(ds->types, t) || GP_VEC_PUSH(ds->type_info, info) ||
		    gp__strmap_put(&ds->type_map, key, len, i)) {
			ds->types.n = ds->type_info.n = i;
			return GP_NONE;
		}
	}
	type_info *info = &ds->type_info.v[i];
	if (at.line && !info->uses++) {
		info->first_use = at;
	}
	return i;
}

gp_index gp__cite_ref(gp_dataset *ds, const char *id, size_t len, gp_loc at)
{
	gp_index i = gp__strmap_get(&ds->cite_map, id, len);
	if (i == GP_NONE) {
		/* Two NULs: also a packed one-source list (gp_row.src). */
		char *key = gp__arena_alloc(&ds->arena, len + 2);
		if (key) {
			memcpy(key, id, len);
			key[len] = key[len + 1] = '\0';
		}
		gp_citation c;
		cite_info info;
		memset(&c, 0, sizeof(c));
		memset(&info, 0, sizeof(info));
		c.id = key;
		i = (gp_index)ds->cites.n;
		if (!key || GP_VEC_PUSH(ds->cites, c) || GP_VEC_PUSH(ds->cite_info, info) ||
		    gp__strmap_put(&ds->cite_map, key, len, i)) {
			ds->cites.n = ds->cite_info.n = i;
			return GP_NONE;
		}
	}
	cite_info *info = &ds->cite_info.v[i];
	if (at.line && !info->uses++) {
		info->first_use = at;
	}
	return i;
}

gp_index gp__actor_ref_again(gp_dataset *ds, const char *id, size_t len)
{
	gp_index i = gp__strmap_get(&ds->actor_map, id, len);
	return i != GP_NONE && ds->actor_info.v[i].refs ? (ds->actor_info.v[i].refs++, i) : GP_NONE;
}

gp_index gp__type_ref_again(gp_dataset *ds, const char *name, size_t len)
{
	gp_index i = gp__strmap_get(&ds->type_map, name, len);
	return i != GP_NONE && ds->type_info.v[i].uses ? (ds->type_info.v[i].uses++, i) : GP_NONE;
}

gp_index gp__cite_ref_again(gp_dataset *ds, const char *id, size_t len)
{
	gp_index i = gp__strmap_get(&ds->cite_map, id, len);
	return i != GP_NONE && ds->cite_info.v[i].uses ? (ds->cite_info.v[i].uses++, i) : GP_NONE;
}

/* ---------------------------------------------------------- tabular rows */

/*
 * A compact row's source, for timelines that list it: a citation's id
 * (ICEWS publishers), or its URL, with a second NUL as a packed list of one
 * (gp_row.src). NULL: none, or out of memory.
 *
 * Real GDELT lists four or five events an article, all in the file of the
 * update that read it, within a few hundred articles of each other (293 at
 * most in ../shared/data's GDELT 2.0 file): a URL is kept once while it is
 * among the last SRC_CACHE or so met, a two-way table of them. A table of
 * every URL was 27 bytes a row at 5M rows of distinct URLs, and its misses
 * a fifth of reading them; a URL met again later is kept again (the same
 * text, only memory).
 */
#define SRC_CACHE (1u << 16)

static const char *compact_source(gp_dataset *ds, const gp_row_event *r)
{
	if (!r->url) {
		return r->cite != GP_NONE ? ds->cites.v[r->cite].id : NULL;
	}
	size_t len = strlen(r->url);
	/* An article's events are mostly in a row: the last source saves a lookup. */
	const char *last = ds->src_last;
	if (last && strncmp(last, r->url, len) == 0 && last[len] == '\0') {
		return last;
	}
	if (!ds->src_cache && !(ds->src_cache = calloc(SRC_CACHE, sizeof(*ds->src_cache)))) {
		return NULL;
	}
	uint32_t h = gp__strhash(r->url, len);
	gp_src_slot *set = &ds->src_cache[h & (SRC_CACHE - 2)];
	for (int w = 0; w < 2; w++) {
		if (set[w].s && set[w].hash == h && strncmp(set[w].s, r->url, len) == 0 &&
		    set[w].s[len] == '\0') {
			return ds->src_last = set[w].s;
		}
	}
	char *s = gp__arena_alloc(&ds->arena, len + 2);
	if (!s) {
		return NULL;
	}
	memcpy(s, r->url, len);
	s[len] = s[len + 1] = '\0';
	set[1] = set[0]; /* the older of the two goes */
	set[0] = (gp_src_slot){ s, h };
	return ds->src_last = s;
}

int gp__dataset_add_row(gp_dataset *ds, const gp_row_event *r)
{
	if (ds->sink) {
		return ds->sink(ds->sink_data, ds, r);
	}
	/*
	 * An ICEWS row's title is its own event text, which a compact row
	 * cannot rebuild: where sources are listed (2), ICEWS rows stay whole,
	 * so that CSV and Markdown write what they did before compact rows.
	 */
	if (ds->compact_rows == GP_ROWS_COMPACT ||
	    (ds->compact_rows == GP_ROWS_WITH_SOURCE && r->id[0] != 'i')) {
		if (ds->has_row_filter) {
			/* Dates and types are known now: filter while reading. */
			const gp_filter *f = &ds->row_filter;
			if ((f->has_from && r->date.end < f->from) ||
			    (f->has_to && r->date.start > f->to)) {
				return GP_OK;
			}
			size_t k = 0;
			while (f->types && k < f->n_types && f->types[k] != r->type) {
				k++;
			}
			if (f->types && k == f->n_types) {
				return GP_OK;
			}
		}
		gp_row row;
		memset(&row, 0, sizeof(row));
		row.day = gp__row_day(r->date.start);
		row.id = r->seq;
		row.actor[0] = r->actor[0];
		row.actor[1] = r->actor[1];
		row.weight = (float)r->weight;
		row.type = (uint16_t)r->type;
		row.n_source = (uint8_t)r->n_source;
		row.n_target = (uint8_t)r->n_target;
		memcpy(row.cameo, r->cameo, 4);
		row.icews = r->id[0] == 'i';
		if (ds->compact_rows == GP_ROWS_WITH_SOURCE &&
		    (row.src = compact_source(ds, r)) == NULL && (r->url || r->cite != GP_NONE)) {
			return GP_ENOMEM;
		}
		gp_loc none = { 0, 0, 0 },
		       at = ds->compact_rows == GP_ROWS_WITH_SOURCE ? r->at : none;
		/*
		 * row_at, once JSON rows are kept, runs beside rows[]; with sources
		 * (2) from the first row, so that a repeated id names the first's line.
		 */
		int with_at = (ds->row_at.n || ds->compact_rows == GP_ROWS_WITH_SOURCE) &&
			      ds->row_at.n == ds->rows.n;
		/* Where repeated ids are errors (tabular.c: check_new_id), the id is known. */
		gp_index tagged = (gp_index)(GP_ROW_TAG | ds->rows.n);
		return GP_VEC_PUSH(ds->rows, row) || (with_at && GP_VEC_PUSH(ds->row_at, at)) ||
				       (ds->compact_rows == GP_ROWS_WITH_SOURCE &&
					gp__event_register(ds, r->id, strlen(r->id), tagged))
			       ? GP_ENOMEM
			       : GP_OK;
	}
	gp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.id = gp__arena_strndup(&ds->arena, r->id, strlen(r->id));
	ev.title = r->title ? gp__arena_strndup(&ds->arena, r->title, strlen(r->title)) : ev.id;
	ev.attributes =
		r->attributes ? gp__arena_strndup(&ds->arena, r->attributes, strlen(r->attributes))
			      : NULL;
	ev.date = r->date;
	ev.type = r->type;
	ev.derived_from = GP_NONE;
	ev.weight = r->weight;
	ev.has_weight = 1;
	ev.actor_off = (uint32_t)ds->refs.n;
	ev.n_actors[GP_ROLE_SOURCE] = r->n_source;
	ev.n_actors[GP_ROLE_TARGET] = r->n_target;
	ev.source_off = (uint32_t)ds->evsources.n;
	ev.link_off = (uint32_t)ds->links.n;
	ev.file = r->at.file, ev.line = r->at.line, ev.column = r->at.column;
	if (!ev.id || !ev.title || (r->attributes && !ev.attributes)) {
		return GP_ENOMEM;
	}
	for (int k = 0; k < r->n_source + r->n_target; k++) {
		if (GP_VEC_PUSH(ds->refs, r->actor[k])) {
			return GP_ENOMEM;
		}
	}
	const char *cite = r->url ? gp__arena_strndup(&ds->arena, r->url, strlen(r->url))
			   : r->cite != GP_NONE ? ds->cites.v[r->cite].id
						: NULL;
	if (cite) {
		if (GP_VEC_PUSH(ds->evsources, cite)) {
			return GP_ENOMEM;
		}
		ev.n_sources = 1;
	}
	/* Ids of imported rows are unique by construction: no duplicate check. */
	ev.order = (uint32_t)(ds->events.n + ds->rows.n);
	if (gp__event_register(ds, ev.id, strlen(ev.id), (gp_index)ds->events.n) ||
	    GP_VEC_PUSH(ds->events, ev)) {
		return GP_ENOMEM;
	}
	return GP_OK;
}

void gp_dataset_set_brief_events(gp_dataset *ds, int on)
{
	ds->brief_events = on;
}

void gp_dataset_set_compact_rows(gp_dataset *ds, gp_row_keeping how, const gp_filter *f)
{
	ds->compact_rows = how;
	ds->has_row_filter = f != NULL;
	if (f) {
		ds->row_filter = *f;
		ds->row_filter.actor_mask = NULL;
	}
}

void gp_dataset_set_skip_bad(gp_dataset *ds, int skip)
{
	ds->skip_bad = skip;
}

uint64_t gp_dataset_skipped_rows(const gp_dataset *ds)
{
	return ds->skipped_rows;
}
