/*
 * geopol/geopol.h - the whole public API of libgeopol.
 *
 * geopol turns annotated geopolitical events into a chronological timeline
 * and an actor relationship graph. See DESIGN (docs/) for the contract.
 */
#ifndef GEOPOL_GEOPOL_H
#define GEOPOL_GEOPOL_H

#include "geopol/dataset.h"
#include "geopol/date.h"
#include "geopol/diag.h"
#include "geopol/graph.h"
#include "geopol/timeline.h"

#define GEOPOL_VERSION "0.1.0"

/** The library's version string. */
const char *gp_version(void);

#endif
