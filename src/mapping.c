/*
 * mapping.c - which node an actor is at a level (DESIGN §4): itself, or at
 * country level its country through part_of, at the event's date; and the
 * per-actor memory of that answer that rows of machine-coded data use.
 */
#include "dataset_impl.h"
#include "graph_impl.h"

gp_index gp_graph_map_actor(const gp_dataset *ds, gp_index actor, gp_level level, int64_t t)
{
	if (level != GP_LEVEL_COUNTRY) {
		return actor;
	}
	gp_index cur = actor;
	/* part_of has no cycles once loaded; the bound only guards the loop. */
	for (size_t steps = 0; steps <= gp_dataset_actor_count(ds); steps++) {
		const gp_actor *a = gp_dataset_actor(ds, cur);
		if (a->kind == GP_KIND_COUNTRY) {
			return cur;
		}
		const gp_membership *m = gp_dataset_actor_part_of(ds, a);
		gp_index next = GP_NONE;
		for (uint32_t k = 0; k < a->n_members && next == GP_NONE; k++) {
			if (t == GP_TIME_MIN || (m[k].from <= t && t <= m[k].to)) {
				next = m[k].actor;
			}
		}
		if (next == GP_NONE) {
			/*
			 * No country ancestor: the top of the chain stands for the actor
			 * (DESIGN §4), a company for its division, NATO for a NATO body,
			 * the region EUR for EURGOV; itself when it has no part_of.
			 */
			return cur;
		}
		cur = next;
	}
	return actor;
}

#define NOT_CACHED (GP_NONE - 1)

/* Does every membership on the actor's part_of chain hold at all times? */
static int timeless(const gp_dataset *ds, gp_index a)
{
	for (size_t steps = 0; steps <= gp_dataset_actor_count(ds); steps++) {
		const gp_actor *ac = gp_dataset_actor(ds, a);
		const gp_membership *m = gp_dataset_actor_part_of(ds, ac);
		if (ac->kind == GP_KIND_COUNTRY || ac->n_members == 0) {
			return 1;
		}
		for (uint32_t k = 0; k < ac->n_members; k++) {
			if (m[k].from != GP_TIME_MIN || m[k].to != GP_TIME_MAX) {
				return 0;
			}
		}
		a = m[0].actor;
	}
	return 0;
}

gp_index gp__mapper_map(gp_mapper *mp, const gp_dataset *ds, gp_index a, int64_t t)
{
	if (mp->level != GP_LEVEL_COUNTRY) {
		return a;
	}
	while (mp->node_of.n <= a) {
		if (GP_VEC_PUSH(mp->node_of, NOT_CACHED)) {
			return gp_graph_map_actor(ds, a, mp->level, t);
		}
	}
	if (mp->node_of.v[a] != NOT_CACHED) {
		return mp->node_of.v[a];
	}
	gp_index m = gp_graph_map_actor(ds, a, mp->level, t);
	if (timeless(ds, a)) {
		mp->node_of.v[a] = m;
	}
	return m;
}

void gp__mapper_free(gp_mapper *mp)
{
	GP_VEC_FREE(mp->node_of);
}
