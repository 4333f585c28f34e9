/*
 * geopol/types.h - the names every part of the API shares: indexes into a
 * dataset and the opaque types behind them. Included by the other headers.
 */
#ifndef GEOPOL_TYPES_H
#define GEOPOL_TYPES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Actors, events and types are referred to by index, their position in the
 * dataset: events by input order, actors in order of first mention.
 */
typedef uint32_t gp_index;
#define GP_NONE UINT32_MAX

/** The events, actors and types of one or more inputs (dataset.h). */
typedef struct gp_dataset gp_dataset;
/** An actor of a dataset; read it through gp_actor_*() (dataset.h). */
typedef struct gp_actor gp_actor;
/** An event of a dataset; read it through gp_event_*() (dataset.h). */
typedef struct gp_event gp_event;

#ifdef __cplusplus
}
#endif
#endif
