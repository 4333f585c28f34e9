/*
 * series_impl.h - the inside of gp_series (series.c builds it,
 * series_write.c writes it). Private.
 */
#ifndef GEOPOL_SERIES_IMPL_H
#define GEOPOL_SERIES_IMPL_H

#include "geopol/series.h"
#include "internal.h"

struct gp_series {
	const gp_dataset *ds;
	gp_series_options o; /* filter and focus borrowed while building only, then NULL */
	gp_window *win;
	size_t nw;
	gp_series_node *nodes; /* by window, then actor id */
	size_t nn;
	gp_series_dyad *dyads; /* by window, then source id, target id, directed first */
	size_t nd;
	size_t n_events;    /* events in some window, once each */
	gp_index *actor_of; /* actor rank in id order -> actor */
};

#endif
