/*
 * graphviz_base.c - what every cgraph graph of geopol's is made with: object
 * ids in creation order (deterministic DOT), attribute setting, the escape of
 * user text, and the look of each kind of actor. With graph_dot.c,
 * graph_render.c, graph_labels.c and timeline_chart.c, the only files that
 * include cgraph.h / gvc.h.
 *
 * cgraph quotes and escapes '"' itself but passes '\' through, and DOT gives
 * '\n', '\N', '\G' ... meanings inside labels: user text is escaped here
 * before it reaches agsafeset (gp__dot_escape).
 */
#include <graphviz/cgraph.h>
#include <stdlib.h>
#include <string.h>

#include "graphviz_impl.h"
#include "internal.h"

void gp__dot_escape(gp_sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\') {
			gp__sb_puts(b, "\\\\");
		} else if (*s == '\n') {
			gp__sb_puts(b, "\\n");
		} else if (*s != '\r') {
			gp__sb_add(b, s, 1);
		}
	}
}

/*
 * Object IDs in creation order. cgraph's default discipline makes a named
 * object's ID the address of its interned name, and agwrite lists
 * subgraphs in ID order: the DOT would then change with the allocator. Here
 * a name's ID is 2 * (its rank among names, in order of first use + 1): even,
 * as cgraph expects of named objects; anonymous objects take odd numbers.
 * Names are cgraph's own refcounted strings (agstrdup/agstrfree, balanced as
 * in the default discipline): agwrite reads their header to tell HTML
 * strings apart. The ranks are keyed by our own copy of each name.
 */
typedef struct {
	Agraph_t *g;
	gp_arena arena;
	gp_strmap map;         /* name -> rank */
	GP_VEC(char *) names;  /* rank -> cgraph string, while we hold references */
	GP_VEC(uint32_t) refs; /* rank -> references we hold (agstrdup calls) */
	IDTYPE anon;
	int oom; /* a name could not be kept: build() fails */
} id_state;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	id_state *st = calloc(1, sizeof(*st));
	if (st) {
		st->g = g;
		gp__arena_init(&st->arena);
		st->anon = 1;
	}
	return st;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	id_state *st = state;
	(void)objtype;
	if (!st) {
		return 0; /* id_open() ran out of memory; build() sees no graph ID */
	}
	if (!str) {
		*id = st->anon;
		st->anon += 2;
		return 1;
	}
	size_t len = strlen(str);
	uint32_t rank = gp__strmap_get(&st->map, str, len);
	if (!createflag) {
		if (rank == GP_NONE || !st->names.v[rank]) {
			return 0;
		}
	} else {
		if (rank == GP_NONE) {
			char *key = gp__arena_strndup(&st->arena, str, len);
			rank = (uint32_t)st->names.n;
			if (!key || GP_VEC_PUSH(st->names, NULL) || GP_VEC_PUSH(st->refs, 0) ||
			    gp__strmap_put(&st->map, key, len, rank)) {
				/*
				 * Out of memory. A failed map would make cgraph keep the
				 * name in a map of its own, whose entries agclose() never
				 * frees: an anonymous ID instead, and build() fails.
				 */
				st->names.n = st->refs.n = rank;
				st->oom = 1;
				*id = st->anon;
				st->anon += 2;
				return 1;
			}
		}
		/* One reference per object created, released in id_free. */
		st->names.v[rank] = agstrdup(st->g, str);
		st->refs.v[rank]++;
	}
	*id = ((IDTYPE)rank + 1) * 2;
	return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state, (void)objtype, (void)id;
	return 0; /* no explicit IDs, as in cgraph's own discipline */
}

static void id_free(void *state, int objtype, IDTYPE id)
{
	id_state *st = state;
	(void)objtype;
	size_t rank = id / 2 - 1;
	if (st && id % 2 == 0 && rank < st->names.n && st->refs.v[rank] > 0) {
		agstrfree(st->g, st->names.v[rank]);
		if (--st->refs.v[rank] == 0) {
			st->names.v[rank] = NULL; /* ours no more; cgraph may have freed it */
		}
	}
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
	id_state *st = state;
	(void)objtype;
	if (st && id % 2 == 0 && id / 2 - 1 < st->names.n) {
		return st->names.v[id / 2 - 1];
	}
	return NULL;
}

static void id_close(void *state)
{
	id_state *st = state;
	if (st) {
		gp__arena_release(&st->arena);
		gp__strmap_release(&st->map);
		GP_VEC_FREE(st->names);
		GP_VEC_FREE(st->refs);
		free(st);
	}
}

static void id_register(void *state, int objtype, void *obj)
{
	(void)state, (void)objtype, (void)obj;
}

int gp__dot_ids_ok(Agraph_t *g)
{
	const id_state *st = g->clos->state.id;
	return st && !st->oom;
}

static Agiddisc_t ordered_ids = { id_open,  id_map,   id_alloc,   id_free,
				  id_print, id_close, id_register };
static Agdisc_t ordered_disc = { &AgMemDisc, &ordered_ids, &AgIoDisc };

Agraph_t *gp__dot_open(const char *name)
{
	return agopen((char *)name, Agdirected, &ordered_disc);
}

/*
 * agclose, after deleting the nodes named with a leading '%': cgraph takes
 * such names for its own local names and keeps them in an internal map
 * whose entries only agdelnode frees (agclose leaks them).
 */
void gp__dot_close(Agraph_t *g)
{
	for (Agnode_t *n = agfstnode(g), *next; n; n = next) {
		next = agnxtnode(g, n);
		if (agnameof(n)[0] == '%') {
			agdelnode(g, n);
		}
	}
	agclose(g);
}

/* cgraph 2.42 takes char *; the strings are only read. */
void gp__dot_set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

const char *const gp__kind_shape[GP_KIND_COUNT] = {
	"box",       /* country */
	"ellipse",   /* person */
	"component", /* agency */
	"folder",    /* organization */
	"hexagon",   /* group */
	"octagon",   /* international */
};
const char *const gp__kind_fill[GP_KIND_COUNT] = {
	"#dbe9f6", "#fde7d4", "#e6e6e6", "#e3f2e1", "#f8dde8", "#fff4c2",
};
