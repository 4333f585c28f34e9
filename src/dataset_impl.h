/*
 * dataset_impl.h - the inside of gp_dataset. Not installed.
 *
 * Its storage is edited by dataset.c (adding, through the gp__dataset_*,
 * gp__actor_* and gp__cite_* functions below) and resolve.c (the step that
 * resolves references once every input is loaded) alone; the loaders
 * (load*.c, json_*.c, tabular.c, stream.c) and the writers read it.
 */
#ifndef GEOPOL_DATASET_IMPL_H
#define GEOPOL_DATASET_IMPL_H

#include "geopol/timeline.h"
#include "internal.h"
#include <stdio.h>

/* A place in the input, for diagnostics found after loading. */
typedef struct {
	uint32_t file, line, column;
} gp_loc;

/* Loader bookkeeping per actor, beside the public gp_actor. */
typedef struct {
	gp_loc def;       /* first definition (line 0: never defined) */
	gp_loc first_ref; /* first mention by an event or part_of */
	gp_loc role_at;   /* where the kept role was written: maybe a later definition */
	uint32_t refs;    /* number of mentions */
	uint8_t lacks;    /* ACTOR_LACKS_*: fields no valid value was given for yet */
} actor_info;

/* A broken definition may lack a valid name or kind: later ones are not held to them. */
#define ACTOR_LACKS_NAME 1u
#define ACTOR_LACKS_KIND 2u

typedef struct {
	gp_loc def;
	gp_loc first_use;
	uint32_t uses;
} type_info;

typedef struct {
	gp_loc def;
	gp_loc first_use;
	uint32_t uses;
	int defined;
} cite_info;

/* A relative date waiting for its event: resolved in gp_dataset_finish. */
typedef struct {
	gp_index event;  /* GP_NONE: in a dropped event (a duplicate, no id): only checked */
	const char *ref; /* the event id referred to */
	gp_duration offset;
	const char *offset_text;
	int sign;
	gp_loc at; /* the reference value */
} rel_date;

typedef struct {
	uint32_t link; /* index in ds->links; GP_NONE: in a dropped event, only checked */
	const char *ref;
	gp_loc at;
} link_ref;

/* One event from a tabular reader (GDELT, ICEWS): a source and a target at most. */
typedef struct {
	const char *id;    /* NUL-terminated */
	const char *title; /* NULL: not built (streaming) */
	gp_date date;
	gp_index type;
	double weight;
	gp_index actor[2]; /* sources first; GP_NONE when absent */
	uint16_t n_source, n_target;
	const char *url;        /* an inline citation, or NULL */
	uint64_t url_pos;       /* url's byte in its plain file (at.file); UINT64_MAX: none */
	gp_index cite;          /* a citation entry, or GP_NONE */
	const char *attributes; /* compact JSON, or NULL */
	uint64_t seq;           /* input order: the row's id number */
	char cameo[5];          /* the CAMEO event code, for a compact row's title */
	gp_loc at;
} gp_row_event;

/*
 * A GDELT or ICEWS row kept compactly (gp_dataset_set_compact_rows): 40
 * bytes, against several hundred as a full event with its title, URL and
 * attributes. gp_dataset_event() rebuilds an event from it on demand.
 */
typedef struct {
	int32_t day; /* the day, counted from 1970-01-01: rows are whole days (gp__row_start) */
	float weight;
	uint64_t id; /* the number of "gdelt-N" / "icews-N" */
	gp_index actor[2];
	/*
	 * A row read from JSON Lines: its one source, for graphs' edges, else
	 * NULL. The loader keeps URLs and citation ids with a second NUL, so
	 * the string is also a packed list of one (graph_impl.h).
	 */
	const char *src;
	uint16_t type;
	char cameo[4]; /* not NUL-terminated when 4 long */
	/* A source and a target at most (bit-fields: a million rows, 8 bytes less each). */
	uint8_t n_source : 1, n_target : 1, icews : 1;
} gp_row;

/* A compact row's first second, and the day a whole-day start falls on. */
static inline int64_t gp__row_start(const gp_row *r)
{
	return (int64_t)r->day * 86400;
}
static inline int32_t gp__row_day(int64_t start)
{
	return (int32_t)(start / 86400);
}

/*
 * GDELT actor codes read straight as the actor a country graph draws them as
 * (gp__dataset_set_code_map): open addressing over the code's bytes, zero-padded
 * (codes of up to 16 bytes; longer ones are kept as actors). Capacity a power
 * of two; an empty slot has len 0.
 */
typedef struct {
	uint64_t w[2];
	uint32_t len;
	gp_index actor;
} gp_code_entry;
typedef struct {
	gp_code_entry *v;
	size_t n, cap;
	int on;
} gp_code_map;

/*
 * What a plain input file was when it was read: graphs streamed from it read
 * their sources back from it (gp_evref.src_in_file), if it is the same.
 */
typedef struct {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns;
	int set;
} gp_file_stamp;

/* A URL a compact row keeps, and its hash (compact_source). */
typedef struct {
	const char *s;
	uint32_t hash;
} gp_src_slot;

/* Where streamed events go instead of being kept (see gp__dataset_add_row). */
typedef int (*gp_row_sink)(void *userdata, gp_dataset *ds, const gp_row_event *ev);

struct gp_dataset {
	gp_arena arena;
	const char *title;
	GP_VEC(const char *) files;
	GP_VEC(gp_file_stamp) stamps; /* by file: plain files streamed (gp__dataset_stamp_file) */

	GP_VEC(gp_actor) actors;
	GP_VEC(actor_info) actor_info;
	gp_strmap actor_map;

	GP_VEC(gp_event) events;
	gp_strmap event_map; /* event ids, but those of imported rows: */
	/*
	 * "gdelt-N" / "icews-N" (N written without leading zeros) by number:
	 * in increasing order, as imported files list them, a plain array
	 * (binary search, no hashing of a million strings); once one comes out
	 * of order, a hash map (gp__event_lookup, gp__event_register).
	 */
	GP_VEC(struct imported_id {
		uint64_t key;
		gp_index event;
	})
	imported;
	/*
	 * Compact rows registered in order, each the next row (GDELT and ICEWS
	 * files list ids increasing): rows[0..rows_keyed) are their own entries,
	 * searched by their ids, and take no place in imported (16 bytes a row).
	 */
	size_t rows_keyed;
	uint64_t imported_last; /* the greatest key yet, while in order */
	gp_u64map imported_map; /* the hash map, once out of order; rows tagged (GP_ROW_TAG) */
	int imported_unordered;

	GP_VEC(gp_type) types;
	GP_VEC(type_info) type_info;
	gp_strmap type_map;

	GP_VEC(gp_citation) cites;
	GP_VEC(cite_info) cite_info;
	gp_strmap cite_map;

	GP_VEC(const char *) aliases;
	GP_VEC(gp_membership) members;
	GP_VEC(gp_loc) member_loc; /* where each part_of reference is written */
	GP_VEC(gp_index) refs;     /* event actors, role after role */
	GP_VEC(const char *) evsources;
	GP_VEC(gp_link) links;
	GP_VEC(link_ref) link_refs;
	GP_VEC(rel_date) rels;
	int finished;
	int skip_bad; /* count and skip malformed tabular rows */
	uint64_t skipped_rows;
	gp_row_sink sink; /* non-NULL: tabular events are streamed, not kept */
	void *sink_data;
	gp_strmap country_names;     /* tabular readers: country name -> actor */
	gp_code_map code_map;        /* gp__dataset_set_code_map: GDELT actor code -> node actor */
	gp_row_keeping compact_rows; /* how tabular rows are kept (gp_row unless whole) */
	gp_src_slot *src_cache;      /* GP_ROWS_WITH_SOURCE: the URLs kept last (compact_source) */
	const char *
		src_last; /* the source compact_source gave last (GDELT lists an article's events together) */
	int brief_events;      /* gp_dataset_set_brief_events */
	GP_VEC(gp_loc) row_at; /* brief_events: where each of rows[] was read */
	gp_filter row_filter;  /* dates and types checked before a row is kept */
	int has_row_filter;
	GP_VEC(gp_row) rows; /* events past events.n */
	/* gp_dataset_event() of a compact row: rebuilt here, valid until the next call. */
	gp_event scratch;
	gp_index scratch_of;
	gp_index scratch_actors[2];
	const char *scratch_src[1]; /* its one source (gp_dataset_event_sources) */
	char scratch_id[32];
	char scratch_title[600];
};

/* JSON Lines pieces (write_jsonl.c), shared with partial graphs. */
struct cJSON;
struct cJSON *gp__jsonl_header(const gp_dataset *ds);
/* A citation entry as DESIGN §1 writes it: {"title", "publisher", "published", "url"}, those it has. */
struct cJSON *gp__citation_json(const gp_citation *c);
/*
 * The `citations` object of timeline and graph JSON (docs/sources.md): add
 * the entries that sources name, each once, in the order added; citation
 * ids that name no entry, and URLs, are passed over. Start with
 * gp__cite_set_init; gp__cite_set_take gives the object (NULL out of
 * memory) and frees the rest.
 */
typedef struct {
	const gp_dataset *ds;
	struct cJSON *obj;
	uint8_t *seen; /* per citation */
	int bad;
} gp_cite_set;
void gp__cite_set_init(gp_cite_set *cs, const gp_dataset *ds);
void gp__cite_set_add(gp_cite_set *cs, const char *src);
struct cJSON *gp__cite_set_take(gp_cite_set *cs);
struct cJSON *gp__jsonl_actor(const gp_dataset *ds, const gp_actor *a);
/* Print obj compactly as one line and delete it. GP_OK, GP_EIO or GP_ENOMEM. */
int gp__jsonl_put(FILE *fp, struct cJSON *obj);

/*
 * Start fetching what gp_dataset_event(ds, i) will read of a compact row
 * (nothing for a kept event): stage 0 the row, 1 its actors and source, 2
 * the actors' strings; each stage reads what the one before fetched. Writers
 * of a timeline, which reads rows in date order, all over memory, call it
 * 24, 16 and 8 rows ahead (gp__timeline_prefetch).
 */
void gp__dataset_prefetch(const gp_dataset *ds, gp_index i, int stage);

/* The bounds of event i (kept or compact) without rebuilding it: start, and *end. */
int64_t gp__dataset_event_start(const gp_dataset *ds, gp_index i, int64_t *end);

/* Keep a tabular event, or hand it to the sink. GP_OK or an error status. */
int gp__dataset_add_row(gp_dataset *ds, const gp_row_event *ev);

/* Intern helpers: find or create; GP_NONE on ENOMEM. */
gp_index gp__actor_ref(gp_dataset *ds, const char *id, size_t len, gp_loc at);
gp_index gp__type_ref(gp_dataset *ds, const char *name, size_t len, gp_loc at);
gp_index gp__cite_ref(gp_dataset *ds, const char *id, size_t len, gp_loc at);
/*
 * The id maps (event_map, imported) hold a kept row r as GP_ROW_TAG | r, not
 * as an event index: a row's index (events.n + r) moves as events come.
 */
#define GP_ROW_TAG 0x80000000u

/*
 * A JSON event that is one imported row (gdelt-N or icews-N; at most one
 * source and one target; a whole day; an explicit weight that a float holds
 * to the millionth; no relative date, no links, one source at most) kept as a gp_row when events
 * are brief: 48 bytes (and its one source, kept) instead of a few hundred. 1 if it was, 0 if the event
 * must be kept whole, -1 on ENOMEM.
 */
int gp__dataset_add_json_row(gp_dataset *ds, const gp_event *ev, const gp_index *actors,
			     const char *const *cites, size_t n_cites, gp_loc at);
/*
 * What loaders add to a dataset goes through these (dataset.c). Each
 * returns 0, or -1 on ENOMEM.
 */
/* Memory, or a copy, in the dataset's arena (lives as long as the dataset); NULL on ENOMEM. */
void *gp__dataset_alloc(gp_dataset *ds, size_t size);
char *gp__dataset_strdup(gp_dataset *ds, const char *s, size_t len);
/* An input's name; *out its index. */
int gp__dataset_add_file(gp_dataset *ds, const char *name, uint32_t *out);
/* An actor's part_of, unless it has one: the first definition's is kept. */
int gp__actor_set_part_of(gp_dataset *ds, gp_index a, const gp_membership *m, const gp_loc *at,
			  size_t n);
/*
 * An actor defined by imported rows (GDELT, ICEWS) or a worker's dataset:
 * name (borrowed: static text or this dataset's arena; NULL keeps the id),
 * kind, and one timeless part_of (GP_NONE: none).
 */
int gp__actor_set_imported(gp_dataset *ds, gp_index a, const char *name, int kind, gp_index part_of,
			   gp_loc at);
/*
 * A definition from a geopol file, at `at`: name and kind the first that
 * gives them (later ones were checked to agree), role the first given.
 */
int gp__actor_define(gp_dataset *ds, gp_index a, gp_loc at, const char *name, int kind,
		     const char *role, gp_loc role_at);
/* Aliases: the union of every definition's, in order of first mention. */
int gp__actor_add_aliases(gp_dataset *ds, gp_index a, const char *const *names, size_t n);
/* A citation named by ICEWS rows: its publisher, also its title. */
int gp__cite_set_imported(gp_dataset *ds, gp_index ci, const char *publisher, size_t len);
/*
 * While on, the GDELT reader reads an actor code given with its country
 * column as that country's actor and keeps no actor for the code (a stream
 * at country level over GDELT files only: gp_graph_options.collapse_codes).
 * A code first seen without a country is kept as before, and every later row
 * of a code gets what its first row got, as kept actors do. Off: the codes
 * read so far are forgotten.
 */
void gp__dataset_set_code_map(gp_dataset *ds, int on);
/*
 * Note what the plain file `file` (open as fd) is now, for graphs that read
 * sources back from it (graph_sources.c); a file the dataset does not list
 * (a reading thread's own dataset) is left to the caller. 0, or -1: out of
 * memory, or fstat failed (errno).
 */
int gp__dataset_stamp_file(gp_dataset *ds, uint32_t file, int fd);
/* The stamp of a file, or NULL: never stamped. */
const gp_file_stamp *gp__dataset_file_stamp(const gp_dataset *ds, uint32_t file);
/* Tabular rows go to fn (a graph being built) instead of being kept; NULL: kept again. */
void gp__dataset_set_row_sink(gp_dataset *ds, gp_row_sink fn, void *userdata);
/*
 * Are tabular rows (ICEWS ones: icews) kept as whole events: no sink, not
 * compact (ICEWS rows stay whole where compact rows keep sources)?
 */
int gp__dataset_keeps_rows(const gp_dataset *ds, int icews);
/* Are repeated row ids errors: rows kept, whole or compact with their sources? */
int gp__dataset_checks_row_ids(const gp_dataset *ds);
/* One more malformed row skipped (--skip-bad). */
void gp__dataset_row_skipped(gp_dataset *ds);
/* The data set's title, unless an earlier file gave one. */
int gp__dataset_set_title(gp_dataset *ds, const char *title);

/*
 * An event read from a file, its strings in the arena, with its lists:
 * actors by role (ev->n_actors), citations, links and their targets, and a
 * relative date to resolve (NULL: none). Sets the event's offsets and
 * input order. 0, or -1 on ENOMEM (nothing half added that matters).
 */
int gp__dataset_add_event(gp_dataset *ds, gp_event *ev, const gp_index *actors,
			  const char *const *cites, size_t n_cites, const gp_link *links,
			  link_ref *lrefs, size_t n_links, const rel_date *rd);
/*
 * A dropped event's references (a duplicate id, or none): still checked at
 * the end against the events kept, but they belong to no event (GP_NONE),
 * so they resolve nothing and close no cycle. 0, or -1 on ENOMEM.
 */
int gp__dataset_add_orphan_refs(gp_dataset *ds, const link_ref *lrefs, size_t n,
				const rel_date *rd);
/* Where event i (or kept row) was read. */
gp_loc gp__event_loc(const gp_dataset *ds, gp_index i);

/* An event by id (every kind of id), or GP_NONE. */
gp_index gp__event_lookup(const gp_dataset *ds, const char *id, size_t len);
/* Record event `ev`'s id (an arena string, not registered yet). 0, or -1 on ENOMEM. */
int gp__event_register(gp_dataset *ds, const char *id, size_t len, gp_index ev);

/*
 * The same for a name used before (its first use is located already): the
 * use is counted and its index returned; GP_NONE for a name not used yet,
 * which the caller then locates and passes to the *_ref function. Spares a
 * big file's reader locating every mention.
 */
gp_index gp__actor_ref_again(gp_dataset *ds, const char *id, size_t len);
gp_index gp__type_ref_again(gp_dataset *ds, const char *name, size_t len);
gp_index gp__cite_ref_again(gp_dataset *ds, const char *id, size_t len);
/* Position of an event by its (file, line, column), for "closing" references. */
int gp__loc_cmp(gp_loc a, gp_loc b);

#endif
