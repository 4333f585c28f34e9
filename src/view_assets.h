/*
 * view_assets.h - the files `geopol view` puts inline in its page: the
 * template and the viewer's own script and style (web/viewer.*), and the
 * npm libraries (web/node_modules, pinned by web/package-lock.json). Their
 * bytes are compiled in from a source the build generates (scripts/embed.c
 * into $(B)/gen/view_assets.c), which refuses a script holding `</script`
 * or `<!--` and a style holding `</style`. Private.
 */
#ifndef GEOPOL_VIEW_ASSETS_H
#define GEOPOL_VIEW_ASSETS_H

#include <stddef.h>

#define GP__ASSET(name)                                                                            \
	extern const char gp__asset_##name[];                                                      \
	extern const size_t gp__asset_##name##_len;

GP__ASSET(template)   /* web/viewer.html */
GP__ASSET(viewer_css) /* web/viewer.css */
GP__ASSET(viewer_js)  /* web/viewer.js */
GP__ASSET(vis_js)     /* vis-timeline, standalone UMD build: vis-data inside, its style injected */
GP__ASSET(cytoscape_js)

#undef GP__ASSET

#endif
