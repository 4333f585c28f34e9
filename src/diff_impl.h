/*
 * diff_impl.h - the inside of a gp_diff (diff.c builds it, diff_write.c
 * writes it) and what both read of an event. Private.
 */
#ifndef GEOPOL_DIFF_IMPL_H
#define GEOPOL_DIFF_IMPL_H

#include "geopol/diff.h"
#include "geopol/timeline.h"
#include "internal.h"

struct gp_diff {
	const gp_dataset *ds[2]; /* old, new (borrowed; may be the same) */
	size_t n_events[2], n_nodes[2], n_edges[2];
	size_t unchanged;
	size_t top;
	gp_level level;
	GP_VEC(gp_diff_event) ev[GP_DIFF_KIND_COUNT];
	GP_VEC(gp_diff_edge) edge[GP_DIFF_KIND_COUNT];
	GP_VEC(gp_diff_move) move[GP_MEASURE_COUNT];
};

/* Room for an EDTF date written from its value. */
#define GP_DIFF_EDTF_MAX 96

/* The event's date as written, or as computed for a derived one (in buf). */
const char *gp__diff_edtf(const gp_event *ev, char buf[GP_DIFF_EDTF_MAX]);
/* The event's type name ("" for none). */
const char *gp__diff_type_name(const gp_dataset *ds, const gp_event *ev);

#endif
