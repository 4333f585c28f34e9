/*
 * fuzz_actor.c - actor-name resolution (`--actor NAME`) and the mapping of
 * actors to countries. The input's first line is the name; the rest is a
 * JSON Lines file whose actors (and events) make the dataset.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

/* Has actor c a membership valid at t (any, when t is open)? */
static int belongs(const gp_dataset *ds, gp_index c, int64_t t)
{
	const gp_actor *ac = gp_dataset_actor(ds, c);
	const gp_membership *m = gp_dataset_actor_part_of(ds, ac);
	for (size_t k = 0; k < gp_actor_membership_count(ac); k++) {
		if (t == GP_TIME_MIN || (m[k].from <= t && t <= m[k].to)) {
			return 1;
		}
	}
	return 0;
}

/* Check the mapping of actor a at both levels at instant t. */
static void map(const gp_dataset *ds, gp_index a, int64_t t)
{
	size_t n = gp_dataset_actor_count(ds);
	FUZZ_CHECK(gp_graph_map_actor(ds, a, GP_LEVEL_ACTOR, t) == a);
	gp_index c = gp_graph_map_actor(ds, a, GP_LEVEL_COUNTRY, t);
	/* A country (a itself if it is one), or the top of a's part_of chain at t (DESIGN §4). */
	int country = c < n && gp_actor_kind_of(gp_dataset_actor(ds, c)) == GP_KIND_COUNTRY;
	FUZZ_CHECK(c < n && (country || !belongs(ds, c, t)));
	FUZZ_CHECK(gp_actor_kind_of(gp_dataset_actor(ds, a)) != GP_KIND_COUNTRY || c == a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t name_len = nl ? (size_t)(nl - text) : size;
	size_t rest = nl ? size - name_len - 1 : 0;
	gp_dataset *ds = fuzz_load("actors.jsonl", nl ? (const uint8_t *)nl + 1 : data, rest,
				   GP_INPUT_JSONL, 0);
	if (!ds) {
		return 0;
	}
	char *name = malloc(name_len + 1);
	FUZZ_CHECK(name != NULL);
	memcpy(name, text, name_len);
	name[name_len] = '\0';
	size_t n = gp_dataset_actor_count(ds), nc = 99;
	gp_index a = 0, *cands = NULL;
	int rc = gp_dataset_resolve_actor(&a, &cands, &nc, ds, name);
	FUZZ_CHECK(rc == GP_OK || rc == GP_ENOTFOUND || rc == GP_EAMBIGUOUS);
	FUZZ_CHECK(rc == GP_OK ? a < n && nc == 0 : a == GP_NONE);
	FUZZ_CHECK(rc != GP_EAMBIGUOUS || nc >= 2);
	for (size_t i = 0; i < nc; i++) {
		FUZZ_CHECK(cands[i] < n);
		for (size_t k = 0; k < i; k++) {
			FUZZ_CHECK(cands[k] != cands[i]);
		}
	}
	free(cands);
	free(name);
	for (gp_index i = 0; i < n; i++) {
		/* An actor's own id always finds it. */
		const gp_actor *ac = gp_dataset_actor(ds, i);
		FUZZ_CHECK(gp_dataset_resolve_actor(&a, NULL, NULL, ds, gp_actor_id(ac)) == GP_OK &&
			   a == i);
		map(ds, i, GP_TIME_MIN);
		map(ds, i, 0);
		const gp_membership *m = gp_dataset_actor_part_of(ds, ac);
		for (size_t k = 0; k < gp_actor_membership_count(ac); k++) {
			FUZZ_CHECK(m[k].actor < n && m[k].actor != i);
			map(ds, i, m[k].from);
			map(ds, i, m[k].to);
		}
	}
	gp_dataset_free(ds);
	return 0;
}
