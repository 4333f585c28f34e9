/*
 * fuzz_duration.c - ISO 8601 durations (gp_duration_parse) and moving
 * dates by them (gp_date_shift), as relative dates do. The input is
 * "DURATION" or "DURATION DATE"; without a date, a few fixed dates are
 * moved. A moved date, written as EDTF, must read back with the same
 * bounds (its form may change: `2025-08~` + P1D is written as an interval).
 */
#include "fuzz.h"

#include <string.h>

static const char *const fixed[] = {
	"2025-08-06", "2025-01-31",           "2024-02", "2020",      "201X",
	"19XX",       "2025-08-06T14:30:15Z", "2024/..", "/2025-03~", "0000-01-01/9999-12-31"
};

static void shift(const gp_date *d, const gp_duration *dur, int sign)
{
	gp_date moved, again;
	char edtf[128], human[128];
	if (gp_date_shift(&moved, d, dur, sign) != 0) {
		return;
	}
	FUZZ_CHECK(moved.start <= moved.end);
	size_t n = gp_date_format_edtf(&moved, edtf, sizeof(edtf));
	FUZZ_CHECK(n < sizeof(edtf));
	FUZZ_CHECK(gp_date_parse(&again, edtf, n, NULL) == 0);
	FUZZ_CHECK(again.start == moved.start && again.end == moved.end);
	FUZZ_CHECK(gp_date_format_human(&moved, human, sizeof(human)) < sizeof(human));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *space = memchr(text, ' ', size);
	size_t dlen = space ? (size_t)(space - text) : size;
	gp_duration dur;
	gp_date_error err;
	gp_date d;
	if (gp_duration_parse(&dur, text, dlen, &err) != 0) {
		FUZZ_CHECK(err.offset <= dlen && memchr(err.message, '\0', sizeof(err.message)));
		return 0;
	}
	if (space) {
		if (gp_date_parse(&d, space + 1, size - dlen - 1, NULL) == 0) {
			shift(&d, &dur, 1);
			shift(&d, &dur, -1);
		}
		return 0;
	}
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		FUZZ_CHECK(gp_date_parse(&d, fixed[i], strlen(fixed[i]), NULL) == 0);
		shift(&d, &dur, 1);
		shift(&d, &dur, -1);
	}
	return 0;
}
