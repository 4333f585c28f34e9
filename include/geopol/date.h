/*
 * geopol/date.h - EDTF dates (Level 0 and the Level 1 features of DESIGN §2),
 * ISO 8601 durations and calendar arithmetic.
 *
 * A gp_date is a plain value (no heap). Instants are seconds since
 * 1970-01-01T00:00:00Z (proleptic Gregorian, UTC); a date without a time
 * covers its whole days, so `end` is the last second of its last day.
 */
#ifndef GEOPOL_DATE_H
#define GEOPOL_DATE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Finest to coarsest, so that "coarser" is "greater". */
typedef enum {
	GP_PREC_SECOND = 0,
	GP_PREC_MINUTE,
	GP_PREC_DAY,
	GP_PREC_MONTH,
	GP_PREC_YEAR,
	GP_PREC_DECADE,
	GP_PREC_CENTURY
} gp_precision;

/** How one end of a date is known. */
typedef enum {
	GP_END_VALUE = 0, /**< a date */
	GP_END_OPEN,      /**< `..` or `ongoing`: no bound */
	GP_END_UNKNOWN    /**< empty: a bound exists but is not known */
} gp_end_kind;

enum {
	GP_DATE_INTERVAL = 1 << 0,
	GP_DATE_START_APPROX = 1 << 1,
	GP_DATE_START_UNCERTAIN = 1 << 2,
	GP_DATE_END_APPROX = 1 << 3,
	GP_DATE_END_UNCERTAIN = 1 << 4
};

/** Earliest and latest instants; an open or unknown end takes these. */
#define GP_TIME_MIN INT64_MIN
#define GP_TIME_MAX INT64_MAX

typedef struct {
	int64_t start;      /**< earliest start, or GP_TIME_MIN when open/unknown */
	int64_t end;        /**< latest end (inclusive), or GP_TIME_MAX when open/unknown */
	uint8_t precision;  /**< gp_precision: the coarser of the known ends */
	uint8_t start_prec; /**< gp_precision of the first end */
	uint8_t end_prec;   /**< gp_precision of the second end (= start_prec for a single date) */
	uint8_t start_kind; /**< gp_end_kind */
	uint8_t end_kind;   /**< gp_end_kind */
	uint8_t flags;      /**< GP_DATE_* bits */
} gp_date;

/** An ISO 8601 duration, `PnYnMnWnDTnHnMnS`; weeks are folded into days. */
typedef struct {
	int32_t years, months, days;
	int64_t seconds;
} gp_duration;

/** Why a parse failed: a message and the offset (bytes) in the text. */
typedef struct {
	char message[160];
	size_t offset;
} gp_date_error;

/**
 * Parse an EDTF date or interval. `ongoing` as an interval end means `..`.
 * @return 0, or -1 with `err` filled (when not NULL).
 */
int gp_date_parse(gp_date *out, const char *text, size_t len, gp_date_error *err);

/** Parse an ISO 8601 duration such as `P21D`, `P1Y2M`, `P2W`, `PT6H`. */
int gp_duration_parse(gp_duration *out, const char *text, size_t len, gp_date_error *err);

/**
 * Move both bounds of `in` by `d` (sign +1 for "after", -1 for "before"):
 * years and months first, keeping the day where it exists and otherwise
 * taking the month's last day, then weeks, days and time. A latest end on
 * the last day of its month, at month precision or coarser, stays on the
 * last day of the shifted month (`2025-02` + `P1M` = `2025-03`, all of it).
 * Precision and qualifiers are kept.
 * @return 0, or -1 when the result leaves years 0000..9999.
 */
int gp_date_shift(gp_date *out, const gp_date *in, const gp_duration *d, int sign);

/** Timeline order (DESIGN §2) without the input-order tie-break: <0, 0, >0. */
int gp_date_compare(const gp_date *a, const gp_date *b);

/** Is the date's day/time part present (second or minute precision)? */
int gp_precision_has_time(gp_precision precision);

/**
 * Must a bound (a start, or an end when is_end) be written with its time to
 * say exactly when it is? Yes at second or minute precision, and for one off
 * its day's edge (a start after 00:00:00, an end before 23:59:59), as the
 * bounds of a date moved by a time offset (`2025-08-06` + `PT5H`) are.
 */
int gp_bound_has_time(int64_t t, gp_precision precision, int is_end);

/** "second", "minute", "day", "month", "year", "decade", "century". */
const char *gp_precision_name(gp_precision precision);

/**
 * Write `t` as `YYYY-MM-DD`, or as `YYYY-MM-DDTHH:MM:SSZ` when with_time.
 * buf needs 32 bytes. Returns buf.
 */
char *gp_time_format(int64_t t, int with_time, char *buf);

/**
 * One instant (a start) at a precision, as the timeline shows it (`2025-02`,
 * `2010s`, `2025-08-06 14:30Z`); with its time to the second when it is not
 * at midnight though the precision has no time; `…` for GP_TIME_MIN.
 */
size_t gp_time_format_human(int64_t t, gp_precision precision, char *buf, size_t size);

/** EDTF text for a date value (as used for derived dates). */
size_t gp_date_format_edtf(const gp_date *d, char *buf, size_t size);

/**
 * Human text for the timeline's date column: the known precision only
 * (`2025-02`, `~2025-08`, `2024 → ongoing`, `2010s`), qualifiers as `~`
 * (before) and `?` (after).
 */
size_t gp_date_format_human(const gp_date *d, char *buf, size_t size);

/** Days since 1970-01-01 of a civil date, and back. */
int64_t gp_days_from_civil(int64_t y, unsigned m, unsigned d);
void gp_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
int gp_is_leap_year(int64_t y);
unsigned gp_days_in_month(int64_t y, unsigned m);

#ifdef __cplusplus
}
#endif
#endif
