/*
 * links.c - the vocabulary of `links[].rel` (docs/story.md): the relations
 * the loader accepts without a warning, and how the text outputs say them.
 * The loader (load_json.c) checks names, resolve.c the order of events.
 */
#include <string.h>

#include "internal.h"

/* In the order docs/story.md lists them; the suggestions follow it too. */
const char *const gp__link_rels[] = { "in_response_to", "follows_from", "part_of",
				      "contradicts",    "announces",    NULL };

static const char *const words[] = { "in response to", "follows from", "part of", "contradicts",
				     "announces" };

const char *gp__link_rel_words(const char *rel)
{
	for (size_t i = 0; gp__link_rels[i]; i++) {
		if (strcmp(rel, gp__link_rels[i]) == 0) {
			return words[i];
		}
	}
	return NULL;
}

int gp__link_is_causal(const char *rel)
{
	return strcmp(rel, "in_response_to") == 0 || strcmp(rel, "follows_from") == 0;
}
