/* tabular.h - GDELT and ICEWS readers (tabular.c). Private. */
#ifndef GEOPOL_TABULAR_H
#define GEOPOL_TABULAR_H

#include <stddef.h>
#include <stdint.h>

#include "geopol/dataset.h"
#include "input.h"

/* GP_INPUT_GDELT or GP_INPUT_ICEWS when the first line looks like one, else GP_INPUT_AUTO. */
int gp__tabular_detect(const char *p, size_t len);

/*
 * What the first bytes of an input are, for a message ("JSON", "an ICEWS
 * file", "a GDELT 2.0 export", ...), with its gp_input_format in *kind; NULL
 * when none of those.
 */
const char *gp__input_describe(const char *p, size_t len, int *kind);

/* Read every row of `in` into ds (or its sink). Errors go to sink, located. */
int gp__load_tabular(gp_dataset *ds, gp_input *in, const char *fname, uint32_t file, int fmt,
		     gp_diag_sink *sink);

#endif
