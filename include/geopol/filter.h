/*
 * geopol/filter.h - which events a timeline or a graph takes (DESIGN §6:
 * --from, --to, --type, --actor; and --status, --min-grade, docs/claims.md).
 *
 * A gp_filter borrows its arrays: the caller keeps them alive while the
 * filter is used.
 */
#ifndef GEOPOL_FILTER_H
#define GEOPOL_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "geopol/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_filter {
	int has_from;          /**< keep events whose latest end >= from */
	int64_t from;          /**< the earliest start of --from's date */
	int has_to;            /**< keep events whose earliest start <= to */
	int64_t to;            /**< the latest end of --to's date */
	const gp_index *types; /**< keep events of these types (NULL: all) */
	size_t n_types;
	const uint8_t *actor_mask; /**< per actor, nonzero: selected (NULL: all) */
	unsigned statuses;         /**< bit 1 << gp_event_status_kind kept (0: all) */
	/**
	 * --min-grade: keep graded events at least as reliable (A best) and as
	 * credible (1 best) as these, 1..6 each; 0: no grade asked, ungraded kept.
	 */
	int min_reliability, min_credibility;
	/**
	 * --sign (docs/sign.md): GP_SIGN_COOPERATION keeps the events weighing
	 * more than 0, GP_SIGN_CONFLICT those weighing less; 0: all.
	 */
	int sign;
} gp_filter;

enum { GP_SIGN_CONFLICT = -1, GP_SIGN_COOPERATION = 1 };

#define GP_FILTER_INIT                                                                             \
	{                                                                                          \
		0, 0, 0, 0, NULL, 0, NULL, 0, 0, 0, 0                                              \
	}

/**
 * The actor mask for `--actor`: the given actors and every actor part_of
 * them at any depth, through any membership.
 * @param[out] out  an array of gp_dataset_actor_count() bytes; free()
 * @return GP_OK or GP_ENOMEM
 */
int gp_filter_actor_mask(uint8_t **out, const gp_dataset *ds, const gp_index *actors, size_t n);

/** Does an event of this weight pass the filter's --sign (NULL: yes)? */
int gp_filter_sign_match(const gp_filter *f, double weight);

/** Does the event pass the filter (NULL: every event does)? */
int gp_filter_match(const gp_dataset *ds, const gp_filter *f, const gp_event *ev);

#ifdef __cplusplus
}
#endif
#endif
