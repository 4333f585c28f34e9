/*
 * model.h - the inside of the dataset's actors and events, which the public
 * API keeps opaque (geopol/types.h) and hands out through gp_actor_*() and
 * gp_event_*() (dataset.c). Private: the library's modules read the fields
 * directly; only dataset.c and the loaders fill them in.
 */
#ifndef GEOPOL_MODEL_H
#define GEOPOL_MODEL_H

#include <stdint.h>

#include "geopol/dataset.h"

struct gp_actor {
	const char *id;
	const char *name;
	const char *role; /* NULL when absent */
	int kind;         /* gp_actor_kind */
	int defined;      /* 0: only named by events or part_of (kind group, name = id) */
	uint32_t alias_off, n_aliases;  /* in the dataset's alias array */
	uint32_t member_off, n_members; /* in the dataset's membership array */
};

struct gp_event {
	const char *id;
	const char *title;
	const char *summary;    /* NULL when absent */
	const char *edtf;       /* the date as written (`ongoing` as `..`); NULL when derived */
	const char *attributes; /* the attributes object as compact JSON, or NULL */
	gp_date date;
	gp_index type;
	gp_index derived_from; /* event the date was derived from, or GP_NONE */
	const char *offset;    /* the ISO 8601 offset of a derived date */
	int8_t direction;      /* +1 "after", -1 "before" (derived dates only) */
	int8_t has_weight;     /* the event set its own weight */
	uint8_t status;        /* gp_event_status_kind; 0, reported, for rows */
	uint8_t reliability;   /* confidence: 1..6 for A..F, 0 ungraded */
	uint8_t credibility;   /* confidence: 1..6, 0 ungraded */
	double weight;         /* effective weight (own, else the type's) */
	uint32_t actor_off;    /* in the dataset's event-actor array, by role */
	uint16_t n_actors[GP_ROLE_COUNT];
	uint32_t source_off, n_sources; /* citations, in the dataset's source array */
	uint32_t link_off, n_links;
	uint32_t file;         /* input index (order of loading) */
	uint32_t line, column; /* where the event object starts */
	uint32_t order;        /* place in input order among all events, compact rows included */
};

#endif
