/*
 * fields.h - tab-separated rows cut into fields, and values read from them
 * (fields.c). Private; for the GDELT and ICEWS readers (tabular.c).
 */
#ifndef GEOPOL_FIELDS_H
#define GEOPOL_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "geopol/date.h"

#define MAX_FIELDS 64

/* A field of a row: its bytes, in place in the line (not NUL-terminated). */
typedef struct {
	const char *p;
	size_t n;
} field;

/*
 * Cut a line at its tabs, filling only the fields cols[0..ncols) ask for
 * (sorted ascending); past the columns asked for, tabs are only counted.
 * Returns the number of fields, more than MAX_FIELDS when there are too
 * many to hold.
 */
size_t gp__fields_split_cols(const char *line, size_t len, field *f, const uint8_t *cols,
			     size_t ncols, size_t upto);
/* Every field of a line (at most MAX_FIELDS are filled); returns the count. */
size_t gp__fields_split(const char *line, size_t len, field *f);

int gp__field_all_digits(const field *f);
/* A day date from YYYYMMDD (GDELT) or YYYY-MM-DD (ICEWS); 0, or -1 when invalid. */
int gp__field_day_date(const field *f, gp_date *out);
/* The value of digits that gp__field_row_id_ok accepted. */
uint64_t gp__field_digits_value(const field *f);
/* A row id: digits, at most GP_IMPORTED_DIGITS after any leading zeros. */
int gp__field_row_id_ok(const field *f);
/* A decimal number (the C locale's); 0, or -1 when the field is none. */
int gp__field_number(const field *f, double *out);
/* A number as JSON writes it (RFC 8259: no '+', leading zero, bare '.'). */
int gp__field_json_number(const field *f);
/* Empty, or ICEWS's NA. */
int gp__field_is_na(const field *f);

#endif
