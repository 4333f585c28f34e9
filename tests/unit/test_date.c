/*
 * test_date.c - EDTF dates, durations and calendar arithmetic (DESIGN §2).
 *
 * Expected values are worked out by hand: 1970-01-01 is day 0, 2000-03-01
 * is day 11017, 2025-01-01 is day 20089 (55 years, 14 of them leap), so
 * 2025-08-06 is day 20306 = 1754438400 s and 14:30:00Z that day is
 * 1754490600 s. Bounds are otherwise compared as gp_time_format() text.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define DAY INT64_C(86400)

/* 2025-08-06T00:00:00Z and 2025-08-06T14:30:00Z, by hand (see above). */
#define T_20250806 INT64_C(1754438400)
#define T_20250806_1430 INT64_C(1754490600)

/* ---------------------------------------------------------------- helpers */

static int parse(gp_date *d, const char *s)
{
	gp_date_error err;
	memset(&err, 0, sizeof(err));
	return gp_date_parse(d, s, strlen(s), &err);
}

/* Parse `s`, which must be valid (the current test stops otherwise). */
#define PARSE_OK(d, s) CU_ASSERT_EQUAL_FATAL(parse(&(d), (s)), 0)

static char tbuf[2][32];

static const char *day_of(int64_t t)
{
	return gp_time_format(t, 0, tbuf[0]);
}

static const char *instant_of(int64_t t)
{
	return gp_time_format(t, 1, tbuf[1]);
}

/* The bounds of a date written as day strings, start at 00:00:00, end at 23:59:59. */
static void check_days(const gp_date *d, const char *first, const char *last)
{
	char want[40];
	snprintf(want, sizeof(want), "%sT00:00:00Z", first);
	CU_ASSERT_STRING_EQUAL(instant_of(d->start), want);
	snprintf(want, sizeof(want), "%sT23:59:59Z", last);
	CU_ASSERT_STRING_EQUAL(instant_of(d->end), want);
}

static void check_single(const gp_date *d, int prec)
{
	CU_ASSERT_EQUAL(d->precision, prec);
	CU_ASSERT_EQUAL(d->start_prec, prec);
	CU_ASSERT_EQUAL(d->end_prec, prec);
	CU_ASSERT_EQUAL(d->start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d->end_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d->flags & GP_DATE_INTERVAL, 0);
}

#define QUAL_BITS                                                                                  \
	(GP_DATE_START_APPROX | GP_DATE_START_UNCERTAIN | GP_DATE_END_APPROX |                     \
	 GP_DATE_END_UNCERTAIN)

static void check_edtf(const char *in, const char *edtf, const char *human)
{
	gp_date d;
	char buf[96];
	CU_ASSERT_EQUAL_FATAL(parse(&d, in), 0);
	memset(buf, 'x', sizeof(buf));
	gp_date_format_edtf(&d, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, edtf);
	memset(buf, 'x', sizeof(buf));
	gp_date_format_human(&d, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, human);
}

/* ------------------------------------------------- calendar fundamentals */

static void test_days_from_civil_known(void)
{
	CU_ASSERT_EQUAL(gp_days_from_civil(1970, 1, 1), 0);
	CU_ASSERT_EQUAL(gp_days_from_civil(1970, 1, 2), 1);
	CU_ASSERT_EQUAL(gp_days_from_civil(1969, 12, 31), -1);
	CU_ASSERT_EQUAL(gp_days_from_civil(2000, 1, 1), 10957);
	CU_ASSERT_EQUAL(gp_days_from_civil(2000, 3, 1), 11017);
	CU_ASSERT_EQUAL(gp_days_from_civil(2025, 1, 1), 20089);
	CU_ASSERT_EQUAL(gp_days_from_civil(2025, 8, 6), 20306);
	CU_ASSERT_EQUAL(gp_days_from_civil(2025, 8, 6) * DAY, T_20250806);
	/* 719528 days from 0000-01-01 to 1970-01-01; 10000-01-01 is day 2932897. */
	CU_ASSERT_EQUAL(gp_days_from_civil(0, 1, 1), -719528);
	CU_ASSERT_EQUAL(gp_days_from_civil(9999, 12, 31), 2932896);

	int64_t y;
	unsigned m, d;
	gp_civil_from_days(0, &y, &m, &d);
	CU_ASSERT(y == 1970 && m == 1 && d == 1);
	gp_civil_from_days(11017, &y, &m, &d);
	CU_ASSERT(y == 2000 && m == 3 && d == 1);
	gp_civil_from_days(11016, &y, &m, &d);
	CU_ASSERT(y == 2000 && m == 2 && d == 29);
	gp_civil_from_days(-1, &y, &m, &d);
	CU_ASSERT(y == 1969 && m == 12 && d == 31);
	gp_civil_from_days(-719528, &y, &m, &d);
	CU_ASSERT(y == 0 && m == 1 && d == 1);
	gp_civil_from_days(2932896, &y, &m, &d);
	CU_ASSERT(y == 9999 && m == 12 && d == 31);
}

/* Our own month lengths, independent of the code under test. */
static unsigned oracle_dim(int64_t y, unsigned m)
{
	static const unsigned len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : len[m - 1];
}

static void test_civil_round_trip(void)
{
	/* Every day from 0000-01-01 to 9999-12-31 against a plain day counter. */
	int64_t y = 0;
	unsigned m = 1, d = 1;
	unsigned long bad_from = 0, bad_to = 0;
	int64_t z;
	for (z = -719528; z <= 2932896; z++) {
		if (gp_days_from_civil(y, m, d) != z) {
			bad_from++;
		}
		int64_t cy;
		unsigned cm, cd;
		gp_civil_from_days(z, &cy, &cm, &cd);
		if (cy != y || cm != m || cd != d) {
			bad_to++;
		}
		if (++d > oracle_dim(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CU_ASSERT_EQUAL(bad_from, 0);
	CU_ASSERT_EQUAL(bad_to, 0);
	CU_ASSERT(y == 10000 && m == 1 && d == 1);

	/* And the round trip itself in steps of 17 days. */
	unsigned long bad = 0;
	for (z = -719528; z <= 2932896; z += 17) {
		int64_t cy;
		unsigned cm, cd;
		gp_civil_from_days(z, &cy, &cm, &cd);
		if (cy < 0 || cy > 9999 || cm < 1 || cm > 12 || cd < 1 || cd > oracle_dim(cy, cm) ||
		    gp_days_from_civil(cy, cm, cd) != z) {
			bad++;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void test_leap_years(void)
{
	CU_ASSERT_TRUE(gp_is_leap_year(2024));
	CU_ASSERT_FALSE(gp_is_leap_year(2025));
	CU_ASSERT_FALSE(gp_is_leap_year(1900));
	CU_ASSERT_TRUE(gp_is_leap_year(2000));
	CU_ASSERT_FALSE(gp_is_leap_year(2100));
	CU_ASSERT_TRUE(gp_is_leap_year(2400));
	CU_ASSERT_TRUE(gp_is_leap_year(0));
	CU_ASSERT_TRUE(gp_is_leap_year(1996));
	CU_ASSERT_FALSE(gp_is_leap_year(1999));

	CU_ASSERT_EQUAL(gp_days_in_month(2025, 1), 31);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 2), 28);
	CU_ASSERT_EQUAL(gp_days_in_month(2024, 2), 29);
	CU_ASSERT_EQUAL(gp_days_in_month(1900, 2), 28);
	CU_ASSERT_EQUAL(gp_days_in_month(2000, 2), 29);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 3), 31);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 4), 30);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 6), 30);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 7), 31);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 8), 31);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 9), 30);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 11), 30);
	CU_ASSERT_EQUAL(gp_days_in_month(2025, 12), 31);

	gp_date d;
	PARSE_OK(d, "2024-02-29");
	check_days(&d, "2024-02-29", "2024-02-29");
	PARSE_OK(d, "2000-02-29");
	check_days(&d, "2000-02-29", "2000-02-29");
	CU_ASSERT_EQUAL(parse(&d, "2025-02-29"), -1);
	CU_ASSERT_EQUAL(parse(&d, "1900-02-29"), -1);
	/* Month bounds follow leap years too. */
	PARSE_OK(d, "2024-02");
	check_days(&d, "2024-02-01", "2024-02-29");
	PARSE_OK(d, "1900-02");
	check_days(&d, "1900-02-01", "1900-02-28");
}

static void test_time_format(void)
{
	char buf[32];
	CU_ASSERT_STRING_EQUAL(gp_time_format(0, 0, buf), "1970-01-01");
	CU_ASSERT_STRING_EQUAL(gp_time_format(0, 1, buf), "1970-01-01T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(gp_time_format(-1, 1, buf), "1969-12-31T23:59:59Z");
	CU_ASSERT_STRING_EQUAL(gp_time_format(T_20250806_1430, 1, buf), "2025-08-06T14:30:00Z");
	CU_ASSERT_STRING_EQUAL(gp_time_format(T_20250806_1430, 0, buf), "2025-08-06");
	CU_ASSERT_STRING_EQUAL(gp_time_format(-719528 * DAY, 1, buf), "0000-01-01T00:00:00Z");
	/* Days are written without printf for years 0..9999; outside, printf's form. */
	CU_ASSERT_STRING_EQUAL(gp_time_format(-719528 * DAY, 0, buf), "0000-01-01");
	CU_ASSERT_STRING_EQUAL(gp_time_format(gp_days_from_civil(9999, 12, 31) * DAY, 0, buf),
			       "9999-12-31");
	CU_ASSERT_STRING_EQUAL(gp_time_format(gp_days_from_civil(10000, 1, 1) * DAY, 0, buf),
			       "10000-01-01");
	CU_ASSERT_STRING_EQUAL(gp_time_format(gp_days_from_civil(2024, 2, 29) * DAY, 0, buf),
			       "2024-02-29");
	CU_ASSERT_STRING_EQUAL(gp_time_format(2932897 * DAY - 1, 1, buf), "9999-12-31T23:59:59Z");
}

/* ------------------------------------------------- DESIGN §2 table rows */

static void test_table_year(void)
{
	gp_date d;
	PARSE_OK(d, "2025");
	check_single(&d, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(d.start, gp_days_from_civil(2025, 1, 1) * DAY);
	CU_ASSERT_EQUAL(d.end, gp_days_from_civil(2025, 12, 31) * DAY + 86399);
	CU_ASSERT_EQUAL(d.start, INT64_C(20089) * DAY);
	check_days(&d, "2025-01-01", "2025-12-31");
	CU_ASSERT_EQUAL(d.flags, 0);
}

static void test_table_month(void)
{
	gp_date d;
	PARSE_OK(d, "2025-02");
	check_single(&d, GP_PREC_MONTH);
	check_days(&d, "2025-02-01", "2025-02-28");
	CU_ASSERT_STRING_EQUAL(day_of(d.end), "2025-02-28");
	CU_ASSERT_EQUAL(d.flags, 0);
}

static void test_table_day(void)
{
	gp_date d;
	PARSE_OK(d, "2025-08-06");
	check_single(&d, GP_PREC_DAY);
	CU_ASSERT_EQUAL(d.start, T_20250806);
	CU_ASSERT_EQUAL(d.end, T_20250806 + 86399);
	CU_ASSERT_EQUAL(d.flags, 0);
}

static void test_table_second(void)
{
	gp_date d;
	PARSE_OK(d, "2025-08-06T14:30:00Z");
	check_single(&d, GP_PREC_SECOND);
	CU_ASSERT_EQUAL(d.start, T_20250806_1430);
	CU_ASSERT_EQUAL(d.end, T_20250806_1430);
	CU_ASSERT_EQUAL(d.flags, 0);
}

static void test_table_open_start(void)
{
	gp_date d;
	PARSE_OK(d, "../2025-03");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_MONTH);
	CU_ASSERT_EQUAL(d.end_prec, GP_PREC_MONTH);
	CU_ASSERT_EQUAL(d.start_kind, GP_END_OPEN);
	CU_ASSERT_EQUAL(d.end_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d.start, GP_TIME_MIN);
	CU_ASSERT_STRING_EQUAL(instant_of(d.end), "2025-03-31T23:59:59Z");
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL);
}

static void test_table_open_end(void)
{
	gp_date d;
	PARSE_OK(d, "2024/..");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(d.start_prec, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(d.start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d.end_kind, GP_END_OPEN);
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2024-01-01T00:00:00Z");
	CU_ASSERT_EQUAL(d.end, GP_TIME_MAX);
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL);

	/* `ongoing` is `..`. */
	gp_date o;
	PARSE_OK(o, "2024/ongoing");
	CU_ASSERT_EQUAL(o.start, d.start);
	CU_ASSERT_EQUAL(o.end, GP_TIME_MAX);
	CU_ASSERT_EQUAL(o.precision, d.precision);
	CU_ASSERT_EQUAL(o.start_prec, d.start_prec);
	CU_ASSERT_EQUAL(o.start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(o.end_kind, GP_END_OPEN);
	CU_ASSERT_EQUAL(o.flags, d.flags);
	CU_ASSERT_EQUAL(gp_date_compare(&o, &d), 0);
}

static void test_table_unknown_ends(void)
{
	gp_date d;
	PARSE_OK(d, "2024/");
	CU_ASSERT_EQUAL(d.start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d.end_kind, GP_END_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2024-01-01T00:00:00Z");
	CU_ASSERT_EQUAL(d.end, GP_TIME_MAX);
	CU_ASSERT_EQUAL(d.precision, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL);

	PARSE_OK(d, "/2025-03-01");
	CU_ASSERT_EQUAL(d.start_kind, GP_END_UNKNOWN);
	CU_ASSERT_EQUAL(d.end_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d.start, GP_TIME_MIN);
	CU_ASSERT_STRING_EQUAL(instant_of(d.end), "2025-03-01T23:59:59Z");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_DAY);

	PARSE_OK(d, "../2025");
	CU_ASSERT_EQUAL(d.start_kind, GP_END_OPEN);
	CU_ASSERT_EQUAL(d.start, GP_TIME_MIN);
}

static void test_table_interval(void)
{
	gp_date d;
	PARSE_OK(d, "2025-05-16/2025-07-23");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_DAY);
	CU_ASSERT_EQUAL(d.start_prec, GP_PREC_DAY);
	CU_ASSERT_EQUAL(d.end_prec, GP_PREC_DAY);
	CU_ASSERT_EQUAL(d.start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(d.end_kind, GP_END_VALUE);
	check_days(&d, "2025-05-16", "2025-07-23");
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL);

	/* An interval has the coarser precision of its known ends. */
	PARSE_OK(d, "2025/2025-06-15");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(d.start_prec, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(d.end_prec, GP_PREC_DAY);
	check_days(&d, "2025-01-01", "2025-06-15");

	PARSE_OK(d, "2025-08-06T14:30:00Z/2025-08");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_MONTH);
	CU_ASSERT_EQUAL(d.start, T_20250806_1430);
	CU_ASSERT_STRING_EQUAL(instant_of(d.end), "2025-08-31T23:59:59Z");

	/* One-day interval: end's latest end is after the start. */
	PARSE_OK(d, "2025-08-06/2025-08-06");
	CU_ASSERT_EQUAL(d.start, T_20250806);
	CU_ASSERT_EQUAL(d.end, T_20250806 + 86399);
}

static void test_table_decade(void)
{
	gp_date d;
	PARSE_OK(d, "201X");
	check_single(&d, GP_PREC_DECADE);
	check_days(&d, "2010-01-01", "2019-12-31");
}

static void test_table_approx_month(void)
{
	gp_date d;
	PARSE_OK(d, "2025-08~");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_MONTH);
	CU_ASSERT_EQUAL(d.flags & GP_DATE_INTERVAL, 0);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_APPROX, 0);
	CU_ASSERT_EQUAL(d.flags & (GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN), 0);
	/* Qualifiers do not move the bounds. */
	check_days(&d, "2025-08-01", "2025-08-31");
}

/* ---------------------------------------------------------------- X forms */

static void test_unspecified_digits(void)
{
	gp_date d;
	PARSE_OK(d, "19XX");
	check_single(&d, GP_PREC_CENTURY);
	check_days(&d, "1900-01-01", "1999-12-31");

	PARSE_OK(d, "199X");
	check_single(&d, GP_PREC_DECADE);
	check_days(&d, "1990-01-01", "1999-12-31");

	PARSE_OK(d, "2025-XX");
	check_single(&d, GP_PREC_YEAR);
	check_days(&d, "2025-01-01", "2025-12-31");

	PARSE_OK(d, "2025-XX-XX");
	check_single(&d, GP_PREC_YEAR);
	check_days(&d, "2025-01-01", "2025-12-31");

	PARSE_OK(d, "2025-08-XX");
	check_single(&d, GP_PREC_MONTH);
	check_days(&d, "2025-08-01", "2025-08-31");

	PARSE_OK(d, "2024-02-XX");
	check_single(&d, GP_PREC_MONTH);
	check_days(&d, "2024-02-01", "2024-02-29");

	/* X forms as interval ends. */
	PARSE_OK(d, "199X/2025-XX");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_DECADE);
	check_days(&d, "1990-01-01", "2025-12-31");
}

/* ------------------------------------------------------------- qualifiers */

static void test_qualifiers_single(void)
{
	gp_date d;
	PARSE_OK(d, "2025?");
	check_single(&d, GP_PREC_YEAR);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_UNCERTAIN, 0);
	CU_ASSERT_EQUAL(d.flags & (GP_DATE_START_APPROX | GP_DATE_END_APPROX), 0);
	check_days(&d, "2025-01-01", "2025-12-31");

	PARSE_OK(d, "2025-08-06~");
	check_single(&d, GP_PREC_DAY);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_APPROX, 0);
	CU_ASSERT_EQUAL(d.flags & (GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN), 0);
	CU_ASSERT_EQUAL(d.start, T_20250806);
	CU_ASSERT_EQUAL(d.end, T_20250806 + 86399);

	PARSE_OK(d, "2025-08-06%");
	check_single(&d, GP_PREC_DAY);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_APPROX, 0);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_UNCERTAIN, 0);
	CU_ASSERT_EQUAL(d.start, T_20250806);

	PARSE_OK(d, "201X~");
	check_single(&d, GP_PREC_DECADE);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_APPROX, 0);
	check_days(&d, "2010-01-01", "2019-12-31");

	/* Valid: an unspecified day, uncertain. */
	PARSE_OK(d, "2025-06-XX?");
	check_single(&d, GP_PREC_MONTH);
	CU_ASSERT_NOT_EQUAL(d.flags & GP_DATE_START_UNCERTAIN, 0);
	CU_ASSERT_EQUAL(d.flags & (GP_DATE_START_APPROX | GP_DATE_END_APPROX), 0);
	check_days(&d, "2025-06-01", "2025-06-30");
}

static void test_qualifiers_interval(void)
{
	gp_date d;
	PARSE_OK(d, "2004-06~/2004-08?");
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL | GP_DATE_START_APPROX | GP_DATE_END_UNCERTAIN);
	CU_ASSERT_EQUAL(d.precision, GP_PREC_MONTH);
	check_days(&d, "2004-06-01", "2004-08-31");

	PARSE_OK(d, "2004%/2006");
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL | GP_DATE_START_APPROX | GP_DATE_START_UNCERTAIN);
	check_days(&d, "2004-01-01", "2006-12-31");

	PARSE_OK(d, "2004/2006%");
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL | GP_DATE_END_APPROX | GP_DATE_END_UNCERTAIN);

	PARSE_OK(d, "2004-06-01?/..");
	CU_ASSERT_EQUAL(d.flags, GP_DATE_INTERVAL | GP_DATE_START_UNCERTAIN);
	CU_ASSERT_EQUAL(d.end_kind, GP_END_OPEN);
}

/* ------------------------------------------------------------------ times */

static void test_times(void)
{
	gp_date d;
	PARSE_OK(d, "2025-08-06T14:30Z");
	check_single(&d, GP_PREC_MINUTE);
	CU_ASSERT_EQUAL(d.start, T_20250806_1430);
	CU_ASSERT_EQUAL(d.end, T_20250806_1430 + 59);

	PARSE_OK(d, "2025-08-06T14:30:00+02:00");
	check_single(&d, GP_PREC_SECOND);
	CU_ASSERT_EQUAL(d.start, T_20250806_1430 - 2 * 3600);
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2025-08-06T12:30:00Z");
	CU_ASSERT_EQUAL(d.end, d.start);

	PARSE_OK(d, "2025-08-06T14:30:00-05:00");
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2025-08-06T19:30:00Z");

	PARSE_OK(d, "2025-08-06T14:30:00+05:30");
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2025-08-06T09:00:00Z");

	PARSE_OK(d, "2025-08-06T14:30:00+02");
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2025-08-06T12:30:00Z");

	/* A zone can move the instant to another day. */
	PARSE_OK(d, "2025-08-06T23:30:00-02:00");
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2025-08-07T01:30:00Z");
	PARSE_OK(d, "2025-08-06T00:30:00+01:00");
	CU_ASSERT_STRING_EQUAL(instant_of(d.start), "2025-08-05T23:30:00Z");

	/* No zone: UTC. */
	PARSE_OK(d, "2025-08-06T14:30:00");
	CU_ASSERT_EQUAL(d.start, T_20250806_1430);
	CU_ASSERT_EQUAL(d.end, T_20250806_1430);
	PARSE_OK(d, "2025-08-06T14:30");
	CU_ASSERT_EQUAL(d.precision, GP_PREC_MINUTE);
	CU_ASSERT_EQUAL(d.start, T_20250806_1430);
	CU_ASSERT_EQUAL(d.end, T_20250806_1430 + 59);

	PARSE_OK(d, "2025-08-06T23:59:59Z");
	CU_ASSERT_EQUAL(d.start, T_20250806 + 86399);
	PARSE_OK(d, "2025-08-06T00:00:00Z");
	CU_ASSERT_EQUAL(d.start, T_20250806);

	CU_ASSERT_TRUE(gp_precision_has_time(GP_PREC_SECOND));
	CU_ASSERT_TRUE(gp_precision_has_time(GP_PREC_MINUTE));
	CU_ASSERT_FALSE(gp_precision_has_time(GP_PREC_DAY));
	CU_ASSERT_FALSE(gp_precision_has_time(GP_PREC_YEAR));
}

/* ---------------------------------------------------------- invalid forms */

static void test_invalid(void)
{
	static const char *const bad[] = {
		"2025-02-30",
		"2025-13",
		"2025-00",
		"20250806",
		"2025-8-6",
		"2025-02-29",
		"1900-02-29",
		"2025-04-31",
		"2025-05-16/2025-04-01",
		"2025-08-06/2025-08-05",
		"2025-08-06T25:00:00Z",
		"2025-08-06T24:00:00Z",
		"2025-08-06T12:60Z",
		"2025-08-06T12:30:60Z",
		"2025-08-06T",
		"2025-08-06T12Z",
		"2025-08-06 12:30Z",
		"../..",
		"/",
		"/..",
		"../",
		"next week",
		"2025-08-06?~",
		"2025~~",
		"19X5",
		"X025",
		"XXXX",
		"2025/2026/2027",
		"",
		"..",
		"ongoing",
		"ongoing/2025",
		"-0500",
		"2025-21",
		"2025-24",
		" 2025",
		"2025 ",
		"2025-08-0",
		"202",
		"2025-",
		"2025-08-",
		"201X-05",
		"2025-XX-05",
		"2025-08-XXT12:00Z",
		"2025-08-06T14:30:00Zjunk",
		"2025/..?",
		"2025-W01",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gp_date d;
		gp_date_error err;
		memset(&err, 0, sizeof(err));
		size_t len = strlen(bad[i]);
		int rc = gp_date_parse(&d, bad[i], len, &err);
		if (rc != -1) {
			fprintf(stderr, "\n  accepted invalid date '%s'\n", bad[i]);
		}
		CU_ASSERT_EQUAL(rc, -1);
		CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
		CU_ASSERT(memchr(err.message, '\0', sizeof(err.message)) != NULL);
		CU_ASSERT(err.offset <= len);
	}

	/* A NULL error is allowed. */
	gp_date d;
	CU_ASSERT_EQUAL(gp_date_parse(&d, "2025-13", 7, NULL), -1);

	/* Only `len` bytes are read: a valid prefix of a longer text. */
	CU_ASSERT_EQUAL(gp_date_parse(&d, "2025-08-06garbage", 10, NULL), 0);
	CU_ASSERT_EQUAL(d.start, T_20250806);
	CU_ASSERT_EQUAL(gp_date_parse(&d, "2025-08-06", 9, NULL), -1);
}

/* A qualifier in front or inside: the message says where it goes, and points at it. */
static void check_qualifier_hint(const char *text, const char *fixed, size_t offset)
{
	gp_date d;
	gp_date_error err;
	char want[96];
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(gp_date_parse(&d, text, strlen(text), &err), -1);
	snprintf(want, sizeof(want), "qualifiers go at the end: %s", fixed);
	if (!strstr(err.message, want)) {
		fprintf(stderr, "\n  '%s': %s (want: %s)\n", text, err.message, want);
	}
	CU_ASSERT(strstr(err.message, want) != NULL);
	EXPECT_I64(err.offset, offset);
}

static void test_misplaced_qualifiers(void)
{
	check_qualifier_hint("~2024", "2024~", 0);
	check_qualifier_hint("2025?-08-06", "2025-08-06?", 4);
	check_qualifier_hint("?2025-08", "2025-08?", 0);
	check_qualifier_hint("2025-~08", "2025-08~", 5);
	check_qualifier_hint("~2025-08?", "2025-08%", 0);
	check_qualifier_hint("%2024", "2024%", 0);
	check_qualifier_hint("2020/~2024", "2024~", 5);
	check_qualifier_hint("~2024/..", "2024~", 0);
}

/* -------------------------------------------------------------- durations */

static int dur(gp_duration *out, const char *s)
{
	gp_date_error err;
	memset(&err, 0, sizeof(err));
	int rc = gp_duration_parse(out, s, strlen(s), &err);
	if (rc != 0) {
		CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
	}
	return rc;
}

static void check_dur(const char *s, int32_t y, int32_t m, int32_t d, int64_t secs)
{
	gp_duration p;
	CU_ASSERT_EQUAL_FATAL(dur(&p, s), 0);
	CU_ASSERT_EQUAL(p.years, y);
	CU_ASSERT_EQUAL(p.months, m);
	CU_ASSERT_EQUAL(p.days, d);
	CU_ASSERT_EQUAL(p.seconds, secs);
}

static void test_duration_parse(void)
{
	check_dur("P21D", 0, 0, 21, 0);
	check_dur("P2W", 0, 0, 14, 0);
	check_dur("P1M", 0, 1, 0, 0);
	check_dur("P1Y", 1, 0, 0, 0);
	check_dur("P1Y2M", 1, 2, 0, 0);
	check_dur("P1M1D", 0, 1, 1, 0);
	check_dur("PT6H", 0, 0, 0, 6 * 3600);
	check_dur("PT30M", 0, 0, 0, 1800);
	check_dur("PT45S", 0, 0, 0, 45);
	check_dur("P1DT12H", 0, 0, 1, 12 * 3600);
	check_dur("P1W2D", 0, 0, 9, 0);
	check_dur("P1Y2M3W4DT5H6M7S", 1, 2, 25, 5 * 3600 + 6 * 60 + 7);
	check_dur("P0D", 0, 0, 0, 0);
	check_dur("P365D", 0, 0, 365, 0);
	/* As long as the supported years allow. */
	check_dur("P9999Y", 9999, 0, 0, 0);
	check_dur("P3652425D", 0, 0, 3652425, 0);
	check_dur("P521775W", 0, 0, 3652425, 0);
}

static void test_duration_invalid(void)
{
	static const char *const bad[] = {
		"P", "P21", "21D", "PT", "P1D2M", "P1X", "", "P1DT", "PT1D", "P-1D", "P1M1M",
		"P1.5D", "p1d", "P 1D", "P1H", "PT1H2H", "D", "P1DT1Y",
		/* Longer than the supported years: once wrapped in 32 bits
					    * (P613566757W read as 3 days) or overflowed. */
		"P613566757W", "P300000000W999999999D", "P10001Y", "P120001M", "P3652426D",
		"PT999999999H", "P9999Y24M"
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gp_duration p;
		int rc = dur(&p, bad[i]);
		if (rc != -1) {
			fprintf(stderr, "\n  accepted invalid duration '%s'\n", bad[i]);
		}
		CU_ASSERT_EQUAL(rc, -1);
	}
}

/* ------------------------------------------------------------------ shift */

static void shift(const char *in, const gp_duration *p, int sign, gp_date *out)
{
	gp_date d;
	CU_ASSERT_EQUAL_FATAL(parse(&d, in), 0);
	CU_ASSERT_EQUAL_FATAL(gp_date_shift(out, &d, p, sign), 0);
}

static const gp_duration P21D = { 0, 0, 21, 0 };
static const gp_duration P1D = { 0, 0, 1, 0 };
static const gp_duration P1M = { 0, 1, 0, 0 };
static const gp_duration P1Y = { 1, 0, 0, 0 };

static void test_shift_days(void)
{
	gp_date r;
	shift("2025-08-06", &P21D, 1, &r);
	check_single(&r, GP_PREC_DAY);
	check_days(&r, "2025-08-27", "2025-08-27");

	shift("2025-08-06", &P21D, -1, &r);
	check_days(&r, "2025-07-16", "2025-07-16");

	/* Across a year end and a leap day. */
	shift("2024-12-20", &P21D, 1, &r);
	check_days(&r, "2025-01-10", "2025-01-10");
	shift("2024-02-28", &P1D, 1, &r);
	check_days(&r, "2024-02-29", "2024-02-29");
	shift("2025-02-28", &P1D, 1, &r);
	check_days(&r, "2025-03-01", "2025-03-01");

	gp_duration p2w = { 0, 0, 14, 0 };
	shift("2025-08-06", &p2w, 1, &r);
	check_days(&r, "2025-08-20", "2025-08-20");
}

static void test_shift_months(void)
{
	gp_date r;
	shift("2025-01-31", &P1M, 1, &r);
	check_single(&r, GP_PREC_DAY);
	check_days(&r, "2025-02-28", "2025-02-28");

	shift("2024-01-31", &P1M, 1, &r);
	check_days(&r, "2024-02-29", "2024-02-29");

	shift("2025-03-31", &P1M, -1, &r);
	check_days(&r, "2025-02-28", "2025-02-28");

	/* A day that exists is kept, even at a month's end (day precision). */
	shift("2025-06-30", &P1M, 1, &r);
	check_days(&r, "2025-07-30", "2025-07-30");
	shift("2025-01-15", &P1M, -1, &r);
	check_days(&r, "2024-12-15", "2024-12-15");

	/* Years and months first, then days: 2025-01-31 + P1M1D = 2025-02-28 + 1 day. */
	gp_duration p1m1d = { 0, 1, 1, 0 };
	shift("2025-01-31", &p1m1d, 1, &r);
	check_days(&r, "2025-03-01", "2025-03-01");

	gp_duration p1y2m = { 1, 2, 0, 0 };
	shift("2024-12-31", &p1y2m, 1, &r);
	check_days(&r, "2026-02-28", "2026-02-28");

	shift("2024-02-29", &P1Y, 1, &r);
	check_days(&r, "2025-02-28", "2025-02-28");
	shift("2024-02-29", &P1Y, -1, &r);
	check_days(&r, "2023-02-28", "2023-02-28");
}

static void test_shift_coarse(void)
{
	gp_date r;
	char buf[64];

	shift("2025-01", &P1M, 1, &r);
	check_single(&r, GP_PREC_MONTH);
	check_days(&r, "2025-02-01", "2025-02-28");
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "2025-02");

	shift("2025-02", &P1M, 1, &r);
	check_single(&r, GP_PREC_MONTH);
	check_days(&r, "2025-03-01", "2025-03-31");

	shift("2025-03", &P1M, -1, &r);
	check_days(&r, "2025-02-01", "2025-02-28");

	shift("2025-04", &P1M, 1, &r);
	check_days(&r, "2025-05-01", "2025-05-31");

	/* A month's last day stays the last day: 2023-02 + P1Y is all of 2024-02. */
	shift("2023-02", &P1Y, 1, &r);
	check_days(&r, "2024-02-01", "2024-02-29");

	shift("2025", &P1Y, 1, &r);
	check_single(&r, GP_PREC_YEAR);
	check_days(&r, "2026-01-01", "2026-12-31");
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "2026");

	/* Off the decade's edges: the coarsest exact precision, years (DESIGN §2). */
	shift("201X", &P1Y, -1, &r);
	CU_ASSERT_EQUAL(r.precision, GP_PREC_YEAR);
	CU_ASSERT_EQUAL(r.flags, GP_DATE_INTERVAL);
	check_days(&r, "2009-01-01", "2018-12-31");
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "2009/2018");
}

/* Shift `in` (a duration's text) and check the EDTF written and the precision. */
static void check_shift_edtf(const char *in, const char *offset, int sign, const char *edtf,
			     int prec)
{
	gp_date d, r;
	gp_duration p;
	char buf[96];
	CU_ASSERT_EQUAL_FATAL(dur(&p, offset), 0);
	shift(in, &p, sign, &r);
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, edtf);
	CU_ASSERT_EQUAL(r.precision, prec);
	/* What is written reads back as the same bounds and precision. */
	CU_ASSERT_EQUAL_FATAL(gp_date_parse(&d, buf, strlen(buf), NULL), 0);
	CU_ASSERT_EQUAL(d.start, r.start);
	CU_ASSERT_EQUAL(d.end, r.end);
	CU_ASSERT_EQUAL(d.precision, r.precision);
	CU_ASSERT_EQUAL(d.start_prec, r.start_prec);
	CU_ASSERT_EQUAL(d.end_prec, r.end_prec);
	CU_ASSERT_EQUAL(d.flags, r.flags);
}

/* DESIGN §2: the EDTF written, the bounds and the precision always agree. */
static void test_shift_precision(void)
{
	check_shift_edtf("2024/..", "P1M", 1, "2024-02/..", GP_PREC_MONTH);
	check_shift_edtf("19XX", "P10Y", 1, "1910/2009", GP_PREC_YEAR);
	check_shift_edtf("2025", "P21D", 1, "2025-01-22/2026-01-21", GP_PREC_DAY);
	check_shift_edtf("2025-01", "P1M", 1, "2025-02", GP_PREC_MONTH);
	check_shift_edtf("201X", "P10Y", 1, "202X", GP_PREC_DECADE);
	check_shift_edtf("19XX", "P100Y", -1, "18XX", GP_PREC_CENTURY);
	check_shift_edtf("2025", "P1M", 1, "2025-02/2026-01", GP_PREC_MONTH);
	check_shift_edtf("../2025", "P1M", -1, "../2025-11", GP_PREC_MONTH);
	check_shift_edtf("2024/", "P1Y", 1, "2025/", GP_PREC_YEAR);
	check_shift_edtf("2025-08~", "P1D", 1, "2025-08-02~/2025-09-01~", GP_PREC_DAY);
	/* Ends of different precisions keep theirs where they can. */
	check_shift_edtf("2024/2025-03", "P1Y", 1, "2025/2026-03", GP_PREC_YEAR);
	check_shift_edtf("2024/2025-03", "P1D", 1, "2024-01-02/2025-04-01", GP_PREC_DAY);
	check_shift_edtf("2025-05-16/2025-07-23", "P1M", 1, "2025-06-16/2025-08-23", GP_PREC_DAY);
}

static void test_shift_intervals(void)
{
	gp_date r;
	shift("2025-05-16/2025-07-23", &P21D, 1, &r);
	CU_ASSERT_EQUAL(r.flags, GP_DATE_INTERVAL);
	CU_ASSERT_EQUAL(r.precision, GP_PREC_DAY);
	CU_ASSERT_EQUAL(r.start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(r.end_kind, GP_END_VALUE);
	check_days(&r, "2025-06-06", "2025-08-13");

	/* Open and unknown ends stay as they are. */
	shift("2024/..", &P1M, 1, &r);
	CU_ASSERT_EQUAL(r.start_kind, GP_END_VALUE);
	CU_ASSERT_EQUAL(r.end_kind, GP_END_OPEN);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "2024-02-01T00:00:00Z");
	CU_ASSERT_EQUAL(r.end, GP_TIME_MAX);
	CU_ASSERT_EQUAL(r.precision, GP_PREC_MONTH); /* 2024-02/.. */

	shift("../2025-03", &P1M, -1, &r);
	CU_ASSERT_EQUAL(r.start_kind, GP_END_OPEN);
	CU_ASSERT_EQUAL(r.start, GP_TIME_MIN);
	CU_ASSERT_STRING_EQUAL(instant_of(r.end), "2025-02-28T23:59:59Z");

	shift("2024/", &P21D, 1, &r);
	CU_ASSERT_EQUAL(r.end_kind, GP_END_UNKNOWN);
	CU_ASSERT_EQUAL(r.end, GP_TIME_MAX);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "2024-01-22T00:00:00Z");

	/* Even an open end stays open near the limit of years. */
	shift("9999-12-01/..", &P21D, 1, &r);
	CU_ASSERT_EQUAL(r.end, GP_TIME_MAX);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "9999-12-22T00:00:00Z");
}

static void test_shift_qualifiers_and_times(void)
{
	gp_date r;
	char buf[64];
	shift("2025-08~", &P1M, 1, &r);
	CU_ASSERT_NOT_EQUAL(r.flags & GP_DATE_START_APPROX, 0);
	CU_ASSERT_EQUAL(r.flags & (GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN), 0);
	CU_ASSERT_EQUAL(r.precision, GP_PREC_MONTH);
	check_days(&r, "2025-09-01", "2025-09-30");
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "2025-09~");

	shift("2004-06~/2004-08?", &P1Y, 1, &r);
	CU_ASSERT_EQUAL(r.flags, GP_DATE_INTERVAL | GP_DATE_START_APPROX | GP_DATE_END_UNCERTAIN);
	check_days(&r, "2005-06-01", "2005-08-31");

	gp_duration pt6h = { 0, 0, 0, 6 * 3600 };
	shift("2025-08-06T14:30:00Z", &pt6h, 1, &r);
	check_single(&r, GP_PREC_SECOND);
	CU_ASSERT_EQUAL(r.start, T_20250806_1430 + 6 * 3600);
	CU_ASSERT_EQUAL(r.end, r.start);

	gp_duration p1dt12h = { 0, 0, 1, 12 * 3600 };
	shift("2025-08-06T14:30:00Z", &p1dt12h, 1, &r);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "2025-08-08T02:30:00Z");
	shift("2025-08-06T14:30:00Z", &p1dt12h, -1, &r);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "2025-08-05T02:30:00Z");

	shift("2025-08-06T14:30Z", &P1M, 1, &r);
	check_single(&r, GP_PREC_MINUTE);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "2025-09-06T14:30:00Z");
	CU_ASSERT_STRING_EQUAL(instant_of(r.end), "2025-09-06T14:30:59Z");
}

/*
 * A time offset on a date without a time (an extension: DESIGN §2 lists date
 * durations): the bounds move off midnight, the precision stays the day's,
 * and every writer shows the times, since the days alone would not say when.
 */
/* Shift `s`; then its EDTF, and its start as a graph label shows it. */
static void check_shift_text(const char *s, const gp_duration *p, int sign, const char *edtf,
			     const char *start)
{
	gp_date r;
	char buf[96];
	shift(s, p, sign, &r);
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, edtf);
	gp_time_format_human(r.start, r.start_prec, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, start);
}

static void test_shift_time_on_days(void)
{
	gp_date r;
	char buf[96];
	gp_duration pt5h = { 0, 0, 0, 5 * 3600 }, pt48h = { 0, 0, 0, 48 * 3600 },
		    pt30s = { 0, 0, 0, 30 };
	shift("2025-08-06", &pt5h, 1, &r);
	CU_ASSERT_EQUAL(r.precision, GP_PREC_MINUTE);
	CU_ASSERT_EQUAL(r.flags, GP_DATE_INTERVAL);
	CU_ASSERT_STRING_EQUAL(instant_of(r.start), "2025-08-06T05:00:00Z");
	CU_ASSERT_STRING_EQUAL(instant_of(r.end), "2025-08-07T04:59:59Z");
	CU_ASSERT_TRUE(gp_bound_has_time(r.start, r.start_prec, 0));
	CU_ASSERT_TRUE(gp_bound_has_time(r.end, r.end_prec, 1));
	gp_date_format_human(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "2025-08-06 05:00Z → 2025-08-07 04:59Z");
	/* A start alone (the graph's first and last) shows its time too. */
	check_shift_text("2025-08-06", &pt5h, 1, "2025-08-06T05:00Z/2025-08-07T04:59Z",
			 "2025-08-06 05:00Z");
	check_shift_text("2025-08-06", &pt5h, -1, "2025-08-05T19:00Z/2025-08-06T18:59Z",
			 "2025-08-05 19:00Z");

	/* Whole days of hours land on midnight: a plain date again. */
	shift("2025-08-06", &pt48h, 1, &r);
	check_days(&r, "2025-08-08", "2025-08-08");
	CU_ASSERT_FALSE(gp_bound_has_time(r.start, r.start_prec, 0));
	CU_ASSERT_FALSE(gp_bound_has_time(r.end, r.end_prec, 1));
	check_shift_text("2025-08-06", &pt48h, 1, "2025-08-08", "2025-08-08");

	/* A month moved by hours; a minute moved by seconds; a month by a day:
	 * each written, and labelled, at the coarsest precision that is exact. */
	check_shift_text("2025-02", &pt5h, 1, "2025-02-01T05:00Z/2025-03-01T04:59Z",
			 "2025-02-01 05:00Z");
	check_shift_text("2025-08-06T14:30Z", &pt30s, 1,
			 "2025-08-06T14:30:30Z/2025-08-06T14:31:29Z", "2025-08-06 14:30:30Z");
	check_shift_text("2025-08", &P1D, 1, "2025-08-02/2025-09-01", "2025-08-02");
	shift("2025-02", &pt5h, 1, &r);
	CU_ASSERT_EQUAL(r.precision, GP_PREC_MINUTE);
}

/*
 * EDTF has no qualifier for a time: an approximate date moved by hours is
 * written without `~` on its timed bounds (found by fuzz_duration: it was
 * written `2025-08-01T05:00Z~/...`, which gp_date_parse refuses), and the
 * text reads back with the same bounds. The date itself stays approximate.
 */
static void test_shift_time_on_qualified(void)
{
	gp_date r, back;
	char buf[96];
	gp_duration pt5h = { 0, 0, 0, 5 * 3600 };
	check_shift_text("2025-08~", &pt5h, 1, "2025-08-01T05:00Z/2025-09-01T04:59Z",
			 "2025-08-01 05:00Z");
	check_shift_text("/2025-03%", &pt5h, -1, "/2025-03-31T18:59Z", "…");
	shift("2025-08~", &pt5h, 1, &r);
	CU_ASSERT_EQUAL(r.flags & (GP_DATE_START_APPROX | GP_DATE_END_APPROX),
			GP_DATE_START_APPROX | GP_DATE_END_APPROX);
	gp_date_format_edtf(&r, buf, sizeof(buf));
	CU_ASSERT_EQUAL_FATAL(gp_date_parse(&back, buf, strlen(buf), NULL), 0);
	CU_ASSERT_EQUAL(back.start, r.start);
	CU_ASSERT_EQUAL(back.end, r.end);
	/* An end moved onto its day's edges keeps its qualifier. */
	check_shift_text("2025-08-06~", &P1D, 1, "2025-08-07~", "2025-08-07");
}

static void test_bound_has_time(void)
{
	/* Days: only off midnight (a start) or 23:59:59 (an end). */
	CU_ASSERT_FALSE(gp_bound_has_time(T_20250806, GP_PREC_DAY, 0));
	CU_ASSERT_FALSE(gp_bound_has_time(T_20250806 + DAY - 1, GP_PREC_DAY, 1));
	CU_ASSERT_TRUE(gp_bound_has_time(T_20250806 + DAY - 1, GP_PREC_DAY, 0));
	CU_ASSERT_TRUE(gp_bound_has_time(T_20250806, GP_PREC_DAY, 1));
	CU_ASSERT_TRUE(gp_bound_has_time(T_20250806_1430, GP_PREC_YEAR, 0));
	/* Instants always, even at midnight; before 1970 too. */
	CU_ASSERT_TRUE(gp_bound_has_time(T_20250806, GP_PREC_SECOND, 0));
	CU_ASSERT_TRUE(gp_bound_has_time(T_20250806, GP_PREC_MINUTE, 0));
	CU_ASSERT_FALSE(gp_bound_has_time(-DAY, GP_PREC_DAY, 0));
	CU_ASSERT_FALSE(gp_bound_has_time(-1, GP_PREC_DAY, 1));
	CU_ASSERT_TRUE(gp_bound_has_time(-3600, GP_PREC_DAY, 0));
}

static void test_shift_limits(void)
{
	gp_date d, r;
	PARSE_OK(d, "9999-12-31");
	CU_ASSERT_EQUAL(gp_date_shift(&r, &d, &P1D, 1), -1);
	PARSE_OK(d, "9999");
	CU_ASSERT_EQUAL(gp_date_shift(&r, &d, &P1Y, 1), -1);
	PARSE_OK(d, "0000-01-01");
	CU_ASSERT_EQUAL(gp_date_shift(&r, &d, &P1D, -1), -1);
	PARSE_OK(d, "0000-03");
	CU_ASSERT_EQUAL(gp_date_shift(&r, &d, &P1Y, -1), -1);

	/* The edges themselves are fine. */
	PARSE_OK(d, "9999-12-30");
	CU_ASSERT_EQUAL_FATAL(gp_date_shift(&r, &d, &P1D, 1), 0);
	check_days(&r, "9999-12-31", "9999-12-31");
	PARSE_OK(d, "0000-01-02");
	CU_ASSERT_EQUAL_FATAL(gp_date_shift(&r, &d, &P1D, -1), 0);
	check_days(&r, "0000-01-01", "0000-01-01");
}

/* ---------------------------------------------------------------- compare */

static int cmp(const char *a, const char *b)
{
	gp_date da, db;
	if (parse(&da, a) != 0 || parse(&db, b) != 0) {
		CU_FAIL("compare: a date did not parse");
		return 99;
	}
	int r = gp_date_compare(&da, &db);
	int s = gp_date_compare(&db, &da);
	/* Antisymmetric. */
	CU_ASSERT((r < 0 && s > 0) || (r > 0 && s < 0) || (r == 0 && s == 0));
	return r;
}

static void test_compare(void)
{
	/* Earlier start first. */
	CU_ASSERT(cmp("2025-01", "2025-02") < 0);
	CU_ASSERT(cmp("2025-08-06", "2025-08-05") > 0);
	CU_ASSERT(cmp("2024-12-31", "2025") < 0);
	CU_ASSERT(cmp("2025-08-06T14:30:00Z", "2025-08-06T14:30:01Z") < 0);
	/* Same start: the later latest end first. */
	CU_ASSERT(cmp("2025", "2025-01") < 0);
	CU_ASSERT(cmp("2025-01-01", "2025-01") > 0);
	CU_ASSERT(cmp("2025-05-16/2025-07-23", "2025-05-16/2025-06-01") < 0);
	CU_ASSERT(cmp("201X", "2010") < 0);
	/* Open or unknown start sorts first. */
	CU_ASSERT(cmp("../2025-03", "0000-01-01") < 0);
	CU_ASSERT(cmp("/2025-03", "0000-01-01") < 0);
	/* Open end counts as the latest. */
	CU_ASSERT(cmp("2024/..", "2024/9999") < 0);
	CU_ASSERT(cmp("2024/..", "2024") < 0);
	CU_ASSERT(cmp("2024/", "2024") < 0);
	CU_ASSERT(cmp("../2025", "../2024") < 0);
	/* Equal. */
	CU_ASSERT_EQUAL(cmp("2025-08-06", "2025-08-06"), 0);
	CU_ASSERT_EQUAL(cmp("2024/ongoing", "2024/.."), 0);
	CU_ASSERT_EQUAL(cmp("2024/", "2024/.."), 0);
	CU_ASSERT_EQUAL(cmp("2025-08-06~", "2025-08-06"), 0);
	CU_ASSERT_EQUAL(cmp("2025-XX", "2025"), 0);
	CU_ASSERT_EQUAL(cmp("2025-01/2025-12", "2025"), 0);
}

/* ------------------------------------------------------------- formatting */

static void test_format_plain(void)
{
	check_edtf("2025-08-06", "2025-08-06", "2025-08-06");
	check_edtf("2025-02", "2025-02", "2025-02");
	check_edtf("2025", "2025", "2025");
	check_edtf("0987", "0987", "0987");
	check_edtf("201X", "201X", "2010s");
	check_edtf("200X", "200X", "2000s");
	check_edtf("19XX", "19XX", "19XX");
	check_edtf("2025-08-06T14:30:00Z", "2025-08-06T14:30:00Z", "2025-08-06 14:30:00Z");
	check_edtf("2025-08-06T14:30Z", "2025-08-06T14:30Z", "2025-08-06 14:30Z");
	check_edtf("2025-08-06T14:30:00+02:00", "2025-08-06T12:30:00Z", "2025-08-06 12:30:00Z");
}

static void test_format_qualifiers(void)
{
	check_edtf("2025-08~", "2025-08~", "~2025-08");
	check_edtf("2025-08?", "2025-08?", "2025-08?");
	check_edtf("2025-08%", "2025-08%", "~2025-08?");
	check_edtf("2025-08-06~", "2025-08-06~", "~2025-08-06");
	check_edtf("201X?", "201X?", "2010s?");
	check_edtf("2004-06~/2004-08?", "2004-06~/2004-08?", "~2004-06 → 2004-08?");
}

static void test_format_intervals(void)
{
	check_edtf("2024/..", "2024/..", "2024 → ongoing");
	check_edtf("2024/ongoing", "2024/..", "2024 → ongoing");
	check_edtf("../2025-03", "../2025-03", "… → 2025-03");
	check_edtf("2024/", "2024/", "2024 → ?");
	check_edtf("/2025", "/2025", "? → 2025");
	check_edtf("2025-05-16/2025-07-23", "2025-05-16/2025-07-23", "2025-05-16 → 2025-07-23");
	check_edtf("2025/2025-06", "2025/2025-06", "2025 → 2025-06");
}

static void test_format_small_buffer(void)
{
	gp_date d;
	PARSE_OK(d, "2025-05-16/2025-07-23");
	char buf[8];
	memset(buf, 'x', sizeof(buf));
	gp_date_format_edtf(&d, buf, sizeof(buf));
	CU_ASSERT(memchr(buf, '\0', sizeof(buf)) != NULL);
	CU_ASSERT_STRING_EQUAL(buf, "2025-05");
	memset(buf, 'x', sizeof(buf));
	gp_date_format_human(&d, buf, sizeof(buf));
	CU_ASSERT(memchr(buf, '\0', sizeof(buf)) != NULL);
	CU_ASSERT_STRING_EQUAL(buf, "2025-05");
	/* Size 0 writes nothing. */
	gp_date_format_edtf(&d, buf, 0);
	gp_date_format_human(&d, buf, 0);
}

static void test_precision_names(void)
{
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_SECOND), "second");
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_MINUTE), "minute");
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_DAY), "day");
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_MONTH), "month");
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_YEAR), "year");
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_DECADE), "decade");
	CU_ASSERT_STRING_EQUAL(gp_precision_name(GP_PREC_CENTURY), "century");
	/* Finest to coarsest. */
	CU_ASSERT(GP_PREC_SECOND < GP_PREC_MINUTE && GP_PREC_MINUTE < GP_PREC_DAY &&
		  GP_PREC_DAY < GP_PREC_MONTH && GP_PREC_MONTH < GP_PREC_YEAR &&
		  GP_PREC_YEAR < GP_PREC_DECADE && GP_PREC_DECADE < GP_PREC_CENTURY);
	/* Out of range still gives a string. */
	CU_ASSERT_PTR_NOT_NULL(gp_precision_name(-1));
	CU_ASSERT_PTR_NOT_NULL(gp_precision_name(GP_PREC_CENTURY + 1));
}

/* ------------------------------------------------------------- the suite */

static CU_TestInfo date_tests[] = {
	{ "days_from_civil known values", test_days_from_civil_known },
	{ "civil round trip 0000..9999", test_civil_round_trip },
	{ "leap years and month lengths", test_leap_years },
	{ "gp_time_format", test_time_format },
	{ "table: 2025", test_table_year },
	{ "table: 2025-02", test_table_month },
	{ "table: 2025-08-06", test_table_day },
	{ "table: 2025-08-06T14:30:00Z", test_table_second },
	{ "table: ../2025-03", test_table_open_start },
	{ "table: 2024/.. and ongoing", test_table_open_end },
	{ "unknown interval ends", test_table_unknown_ends },
	{ "table: 2025-05-16/2025-07-23", test_table_interval },
	{ "table: 201X", test_table_decade },
	{ "table: 2025-08~", test_table_approx_month },
	{ "unspecified digits X", test_unspecified_digits },
	{ "qualifiers on single dates", test_qualifiers_single },
	{ "qualifiers on interval ends", test_qualifiers_interval },
	{ "times and zones", test_times },
	{ "invalid dates", test_invalid },
	{ "qualifiers in front or inside: a hint", test_misplaced_qualifiers },
	{ "duration parse", test_duration_parse },
	{ "duration invalid", test_duration_invalid },
	{ "shift by days", test_shift_days },
	{ "shift by months and years", test_shift_months },
	{ "shift month/year precision", test_shift_coarse },
	{ "shift: EDTF, bounds and precision agree", test_shift_precision },
	{ "shift intervals and open ends", test_shift_intervals },
	{ "shift keeps qualifiers, times", test_shift_qualifiers_and_times },
	{ "shift a day by hours", test_shift_time_on_days },
	{ "shift a qualified date by hours", test_shift_time_on_qualified },
	{ "bounds that need a time", test_bound_has_time },
	{ "shift limits 0000..9999", test_shift_limits },
	{ "compare", test_compare },
	{ "format: plain", test_format_plain },
	{ "format: qualifiers", test_format_qualifiers },
	{ "format: intervals", test_format_intervals },
	{ "format: small buffer", test_format_small_buffer },
	{ "precision names", test_precision_names },
	CU_TEST_INFO_NULL,
};

int gp_test_add_date(void)
{
	return gp_test_register("date", date_tests);
}
