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
#include "geopol/diff.h"
#include "geopol/filter.h"
#include "geopol/graph.h"
#include "geopol/series.h"
#include "geopol/timeline.h"
#include "geopol/types.h"
#include "geopol/view.h"

#define GEOPOL_VERSION "0.1.0"

/*
 * Threads and global state
 *
 * - A gp_dataset, and a gp_graph, belongs to one thread at a time while it
 *   is being loaded or built. Once gp_dataset_finish() has returned, a
 *   dataset is only read, so several threads may build timelines from it and
 *   write timelines and graph JSON at once; except a dataset that keeps
 *   compact rows (gp_dataset_set_compact_rows, brief events), whose
 *   gp_dataset_event() rebuilds a row into one scratch event it holds: use
 *   such a dataset from one thread. Likewise a graph that gp_graph_stream
 *   made with sources_later: its writers read the sources it left in its
 *   input files into it; write it from one thread at a time.
 * - Graph analytics (gp_graph_build, gp_graph_stream, gp_graph_merge) call
 *   igraph, which Debian builds without thread safety (IGRAPH_THREAD_SAFE
 *   is 0): they install igraph's error and warning handlers, seed its
 *   default random generator (fixed seed: byte-identical output), and pin
 *   OpenMP to one thread around PageRank, restoring the caller's setting.
 *   Run them in one thread at a time.
 * - Pictures (gp_graph_write_dot, gp_graph_render) use Graphviz, whose
 *   error level (agseterr) is process-wide: one thread at a time. The
 *   Graphviz context (gvContext) is made on the first picture and kept
 *   until the process ends.
 * - gp_graph_last_error() is per thread; so are the sort contexts inside.
 * - Numbers are read and written in the "C" locale whatever locale the
 *   program has set (setlocale/uselocale): the library switches the calling
 *   thread's locale with uselocale() for the call and restores it. The "C"
 *   locale object is made once (pthread_once) and kept to the end.
 * - The library never prints, never exits and installs no signal handlers;
 *   it changes no environment variable, cJSON hook or global locale.
 */

/** The library's version string. */
const char *gp_version(void);

#endif
