/*
 * fuzz_date.c - EDTF dates (gp_date_parse), every way of writing one, and
 * the round trip: a date parsed, written as EDTF and parsed again is the
 * same date.
 */
#include "fuzz.h"

#include <string.h>

/*
 * Equal dates: every field. `ongoing` is written `..`, but both parse to
 * the same open end (GP_END_OPEN, GP_TIME_MAX), so no field may differ;
 * a time zone is written as Z, but instants are UTC already.
 */
static int same_date(const gp_date *a, const gp_date *b)
{
	return a->start == b->start && a->end == b->end && a->precision == b->precision &&
	       a->start_prec == b->start_prec && a->end_prec == b->end_prec &&
	       a->start_kind == b->start_kind && a->end_kind == b->end_kind && a->flags == b->flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gp_date d, again;
	gp_date_error err;
	char edtf[128], human[128], t[32];
	if (gp_date_parse(&d, (const char *)data, size, &err) != 0) {
		FUZZ_CHECK(err.offset <= size && memchr(err.message, '\0', sizeof(err.message)));
		return 0;
	}
	FUZZ_CHECK(d.start <= d.end);
	size_t n = gp_date_format_edtf(&d, edtf, sizeof(edtf));
	FUZZ_CHECK(n < sizeof(edtf));
	if (gp_date_parse(&again, edtf, n, &err) != 0 || !same_date(&d, &again)) {
		fprintf(stderr, "'%.*s' was written '%s', which reads back %s\n", (int)size,
			(const char *)data, edtf, err.message);
		FUZZ_CHECK(!"a date written as EDTF reads back as the same date");
	}
	FUZZ_CHECK(gp_date_format_human(&d, human, sizeof(human)) < sizeof(human));
	FUZZ_CHECK(gp_time_format_human(d.start, d.start_prec, human, sizeof(human)) <
		   sizeof(human));
	FUZZ_CHECK(gp_time_format_human(d.end, d.end_prec, human, sizeof(human)) < sizeof(human));
	if (d.start_kind == GP_END_VALUE) {
		gp_time_format(d.start, gp_bound_has_time(d.start, d.start_prec, 0), t);
	}
	if (d.end_kind == GP_END_VALUE) {
		gp_time_format(d.end, gp_bound_has_time(d.end, d.end_prec, 1), t);
	}
	/* A small buffer cuts the text but still says how long it is. */
	FUZZ_CHECK(gp_date_format_edtf(&d, t, 8) == n && strlen(t) == (n < 8 ? n : 7));
	return 0;
}
