/*
 * date.c - EDTF parsing, formatting and calendar arithmetic.
 *
 * Supported (DESIGN §2): EDTF Level 0 (YYYY, YYYY-MM, YYYY-MM-DD, date-times
 * YYYY-MM-DDThh:mm[:ss][Z|±hh[:mm]], intervals of those), and from Level 1 the
 * qualifiers ? ~ %, unspecified digits (YYYX, YYXX, YYYY-XX, YYYY-MM-XX,
 * YYYY-XX-XX), open (`..`) and unknown (empty) interval ends, plus `ongoing`
 * as an open end. A date-time without a zone is taken as UTC.
 */
#include "geopol/date.h"
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SECS_PER_DAY 86400
/* The supported dates, 0000-01-01 to 9999-12-31, in months and in days. */
#define GP_SPAN_MONTHS (10000 * 12)
#define GP_SPAN_DAYS 3652425

/* Howard Hinnant's days_from_civil / civil_from_days (public domain). */
int64_t gp_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void gp_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

int gp_is_leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned gp_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && gp_is_leap_year(y)) {
		return 29;
	}
	return m >= 1 && m <= 12 ? len[m - 1] : 0;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static const char *const month_names[12] = { "January",   "February", "March",    "April",
					     "May",       "June",     "July",     "August",
					     "September", "October",  "November", "December" };

static const char *const prec_names[] = { "second", "minute", "day",    "month",
					  "year",   "decade", "century" };

const char *gp_precision_name(gp_precision precision)
{
	if (precision < 0 || precision > GP_PREC_CENTURY) {
		return "unknown";
	}
	return prec_names[precision];
}

int gp_precision_has_time(gp_precision precision)
{
	return precision == GP_PREC_SECOND || precision == GP_PREC_MINUTE;
}

/* Is t off its day's edge: a start after 00:00:00, an end before 23:59:59? */
static int off_day_edge(int64_t t, int is_end)
{
	int64_t tod = t - floor_div(t, SECS_PER_DAY) * SECS_PER_DAY;
	return tod != (is_end ? SECS_PER_DAY - 1 : 0);
}

int gp_bound_has_time(int64_t t, gp_precision precision, int is_end)
{
	return gp_precision_has_time(precision) || off_day_edge(t, is_end);
}

/* ---------------------------------------------------------------- parsing */

typedef struct {
	const char *s; /* whole text, for messages */
	size_t len;
	gp_date_error *err;
} parse_ctx;

__attribute__((format(printf, 3, 4))) static int fail(parse_ctx *c, size_t offset, const char *fmt,
						      ...)
{
	if (c->err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(c->err->message, sizeof(c->err->message), fmt, ap);
		va_end(ap);
		c->err->offset = offset;
	}
	return -1;
}

/* One end of an interval, or a whole single date. */
typedef struct {
	int kind;  /* gp_end_kind */
	int prec;  /* gp_precision */
	int flags; /* bit 0 approximate, bit 1 uncertain */
	int64_t earliest, latest;
} end_value;

/* Whole days from first to last (inclusive) at a precision. */
static void set_days(end_value *out, int prec, int64_t first, int64_t last)
{
	out->prec = prec;
	out->earliest = first * SECS_PER_DAY;
	out->latest = last * SECS_PER_DAY + SECS_PER_DAY - 1;
}

static void set_year(end_value *out, int prec, int y0, int y1)
{
	set_days(out, prec, gp_days_from_civil(y0, 1, 1), gp_days_from_civil(y1, 12, 31));
}

static void set_month(end_value *out, int y, int m)
{
	set_days(out, GP_PREC_MONTH, gp_days_from_civil(y, (unsigned)m, 1),
		 gp_days_from_civil(y, (unsigned)m, gp_days_in_month(y, (unsigned)m)));
}

static int digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Read exactly n digits at p into *out; returns 0 or -1. */
static int read_digits(const char *p, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!digit(p[i])) {
			return -1;
		}
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return 0;
}

static int all_x(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != 'X') {
			return 0;
		}
	}
	return 1;
}

/* Parse the time part after 'T' (p points after it, q is the end). */
static int parse_time(parse_ctx *c, size_t base, const char *p, const char *q, int *prec,
		      int64_t *secs_out)
{
	int hh, mm, ss = 0;
	const char *start = p;
	if (q - p < 5 || read_digits(p, 2, &hh) || p[2] != ':' || read_digits(p + 3, 2, &mm)) {
		return fail(c, base, "invalid time in '%s': expected hh:mm or hh:mm:ss", c->s);
	}
	p += 5;
	*prec = GP_PREC_MINUTE;
	if (p < q && *p == ':') {
		if (q - p < 3 || read_digits(p + 1, 2, &ss)) {
			return fail(c, base + (size_t)(p - start), "invalid seconds in '%s'", c->s);
		}
		p += 3;
		*prec = GP_PREC_SECOND;
	}
	if (hh > 23 || mm > 59 || ss > 59) {
		return fail(c, base, "invalid time of day in '%s'", c->s);
	}
	int64_t zone = 0;
	if (p < q && *p == 'Z') {
		p++;
	} else if (p < q && (*p == '+' || *p == '-')) {
		int sign = *p == '-' ? -1 : 1, zh, zm = 0;
		if (q - p < 3 || read_digits(p + 1, 2, &zh)) {
			return fail(c, base + (size_t)(p - start), "invalid time zone in '%s'",
				    c->s);
		}
		p += 3;
		if (p < q && *p == ':') {
			if (q - p < 3 || read_digits(p + 1, 2, &zm)) {
				return fail(c, base + (size_t)(p - start),
					    "invalid time zone in '%s'", c->s);
			}
			p += 3;
		}
		if (zh > 14 || zm > 59) {
			return fail(c, base, "invalid time zone offset in '%s'", c->s);
		}
		zone = sign * (zh * 3600 + zm * 60);
	}
	if (p != q) {
		return fail(c, base + (size_t)(p - start), "unexpected text after the time in '%s'",
			    c->s);
	}
	*secs_out = (int64_t)hh * 3600 + mm * 60 + ss - zone;
	return 0;
}

static int is_qualifier(char ch)
{
	return ch == '?' || ch == '~' || ch == '%';
}

/*
 * The qualifier at the end, if any, into out->flags (1 approximate, 2
 * uncertain, 3 both), *n shortened past it; one anywhere else is an error
 * that says where it goes.
 */
static int take_qualifier(parse_ctx *c, const char *p, size_t *n, size_t base, end_value *out)
{
	if (is_qualifier(p[*n - 1])) {
		out->flags = p[*n - 1] == '~' ? 1 : p[*n - 1] == '?' ? 2 : 3;
		(*n)--;
		if (*n > 0 && is_qualifier(p[*n - 1])) {
			return fail(c, base + *n - 1,
				    "invalid date '%s': one qualifier at most (use '%%' for both "
				    "approximate and uncertain)",
				    c->s);
		}
	}
	/* A qualifier elsewhere (`~2024`, `2025?-08-06`): EDTF Level 1 puts it at the end. */
	for (size_t i = 0; i < *n; i++) {
		if (is_qualifier(p[i])) {
			char fixed[48];
			size_t k = 0;
			int flags = out->flags;
			for (size_t j = 0; j < *n && k + 2 < sizeof(fixed); j++) {
				flags |= p[j] == '~' ? 1 : p[j] == '?' ? 2 : p[j] == '%' ? 3 : 0;
				if (!is_qualifier(p[j])) {
					fixed[k++] = p[j];
				}
			}
			fixed[k++] = flags == 1 ? '~' : flags == 2 ? '?' : '%';
			fixed[k] = '\0';
			return fail(c, base + i, "invalid date '%s': qualifiers go at the end: %s",
				    c->s, fixed);
		}
	}
	return 0;
}

/* The year, DDDD, DDDX or DDXX: its first year, and how many it spans (1, 10, 100). */
static int parse_year(parse_ctx *c, const char *p, size_t base, int *year, int *yspan)
{
	int low;
	if (read_digits(p, 4, year) == 0) {
		*yspan = 1;
	} else if (read_digits(p, 3, &low) == 0 && p[3] == 'X') {
		*year = low * 10;
		*yspan = 10;
	} else if (read_digits(p, 2, &low) == 0 && p[2] == 'X' && p[3] == 'X') {
		*year = low * 100;
		*yspan = 100;
	} else if (all_x(p, 4)) {
		return fail(
			c, base,
			"unsupported date '%s': a wholly unspecified year (XXXX) says nothing; leave the end unknown instead",
			c->s);
	} else {
		return fail(
			c, base,
			"invalid date '%s': the year must be four digits, or end in X (201X, 19XX)",
			c->s);
	}
	return 0;
}

/* YYYY-MM-DD (p[0..10) of n) and a time after it, once year and month are read. */
static int parse_day(parse_ctx *c, const char *p, const char *q, size_t base, int year, int month,
		     int mx, end_value *out)
{
	size_t n = (size_t)(q - p);
	if (n < 10 || (n > 10 && p[10] != 'T')) {
		return fail(c, base, "invalid date '%s': expected YYYY-MM-DD", c->s);
	}
	int day = 0, dx = all_x(p + 8, 2);
	if (!dx && read_digits(p + 8, 2, &day)) {
		return fail(c, base + 8, "invalid date '%s': the day must be two digits", c->s);
	}
	if (mx && !dx) {
		return fail(
			c, base,
			"unsupported date '%s': a known day in an unspecified month is not a Level 1 form",
			c->s);
	}
	if (dx) {
		if (n > 10) {
			return fail(c, base,
				    "invalid date '%s': an unspecified day cannot have a time",
				    c->s);
		}
		if (mx) {
			set_year(out, GP_PREC_YEAR, year, year);
		} else {
			set_month(out, year, month);
		}
		return 0;
	}
	unsigned dim = gp_days_in_month(year, (unsigned)month);
	if (day < 1 || (unsigned)day > dim) {
		if (c->err) {
			snprintf(c->err->message, sizeof(c->err->message),
				 "invalid date '%.40s': %s %d has %u days", c->s,
				 month_names[month - 1], year, dim);
			c->err->offset = base + 8;
		}
		return -1;
	}
	int64_t days = gp_days_from_civil(year, (unsigned)month, (unsigned)day);
	if (n == 10) {
		set_days(out, GP_PREC_DAY, days, days);
		return 0;
	}
	if (out->flags) {
		return fail(c, base,
			    "unsupported date '%s': qualifiers apply to dates without a time",
			    c->s);
	}
	int64_t secs = 0;
	if (parse_time(c, base + 11, p + 11, q, &out->prec, &secs)) {
		return -1;
	}
	out->earliest = days * SECS_PER_DAY + secs;
	out->latest = out->earliest + (out->prec == GP_PREC_MINUTE ? 59 : 0);
	/* A zone offset can carry 0000-01-01 or 9999-12-31 out of range. */
	if (out->earliest < gp_days_from_civil(0, 1, 1) * SECS_PER_DAY ||
	    out->latest >= gp_days_from_civil(10000, 1, 1) * SECS_PER_DAY) {
		return fail(c, base,
			    "unsupported date '%s': in UTC it falls outside the years 0000-9999",
			    c->s);
	}
	return 0;
}

/* Parse one date (no '/'), text [p, q), offset base in the whole string. */
static int parse_one(parse_ctx *c, const char *p, const char *q, size_t base, end_value *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = GP_END_VALUE;
	size_t n = (size_t)(q - p);
	if (n == 0) {
		return fail(c, base, "empty date");
	}
	if (take_qualifier(c, p, &n, base, out)) {
		return -1;
	}
	q = p + n;
	if (n > 0 && (p[0] == '-' || p[0] == 'Y')) {
		return fail(c, base, "unsupported date '%s': only years 0000 to 9999 are supported",
			    c->s);
	}
	if (n < 4) {
		return fail(c, base, "invalid date '%s': expected YYYY, YYYY-MM or YYYY-MM-DD",
			    c->s);
	}
	int year = 0, yspan = 1, ylow;
	if (parse_year(c, p, base, &year, &yspan)) {
		return -1;
	}
	if (n == 4) {
		set_year(out,
			 yspan == 1    ? GP_PREC_YEAR
			 : yspan == 10 ? GP_PREC_DECADE
				       : GP_PREC_CENTURY,
			 year, year + yspan - 1);
		return 0;
	}
	if (yspan != 1) {
		return fail(c, base, "invalid date '%s': a year with X cannot have a month", c->s);
	}
	if (p[4] != '-' || n < 7 || (n > 7 && p[7] != '-')) {
		if (n == 8 && read_digits(p, 8, &ylow) == 0) {
			return fail(c, base, "invalid date '%s': write it as YYYY-MM-DD", c->s);
		}
		return fail(c, base, "invalid date '%s': expected YYYY, YYYY-MM or YYYY-MM-DD",
			    c->s);
	}
	int month = 0, mx = all_x(p + 5, 2);
	if (!mx && read_digits(p + 5, 2, &month)) {
		return fail(c, base + 5, "invalid date '%s': the month must be two digits (01-12)",
			    c->s);
	}
	if (!mx && month >= 21 && month <= 41) {
		return fail(c, base + 5,
			    "unsupported date '%s': seasons and quarters are not supported", c->s);
	}
	if (!mx && (month < 1 || month > 12)) {
		return fail(c, base + 5, "invalid date '%s': there is no month %02d", c->s, month);
	}
	if (n == 7) {
		if (mx) {
			set_year(out, GP_PREC_YEAR, year, year);
		} else {
			set_month(out, year, month);
		}
		return 0;
	}
	return parse_day(c, p, q, base, year, month, mx, out);
}

static int parse_end(parse_ctx *c, const char *p, const char *q, size_t base, int is_end,
		     end_value *out)
{
	size_t n = (size_t)(q - p);
	if (n == 0) {
		memset(out, 0, sizeof(*out));
		out->kind = GP_END_UNKNOWN;
		return 0;
	}
	if ((n == 2 && memcmp(p, "..", 2) == 0) ||
	    (is_end && n == 7 && memcmp(p, "ongoing", 7) == 0)) {
		memset(out, 0, sizeof(*out));
		out->kind = GP_END_OPEN;
		return 0;
	}
	if (!is_end && n == 7 && memcmp(p, "ongoing", 7) == 0) {
		return fail(c, base, "invalid date '%s': 'ongoing' can only end an interval", c->s);
	}
	return parse_one(c, p, q, base, out);
}

int gp_date_parse(gp_date *out, const char *text, size_t len, gp_date_error *err)
{
	char shown[48];
	/* Messages quote the text; keep it short and printable. */
	size_t sl = len < sizeof(shown) - 4 ? len : sizeof(shown) - 4;
	memcpy(shown, text, sl);
	shown[sl] = '\0';
	if (sl < len) {
		strcpy(shown + sl, "...");
	}
	parse_ctx c = { shown, len, err };
	memset(out, 0, sizeof(*out));

	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch <= ' ' || ch >= 0x7f) {
			return fail(
				&c, i,
				"invalid date '%s': unexpected character (spaces and non-ASCII are not part of EDTF)",
				shown);
		}
	}
	const char *slash = memchr(text, '/', len);
	end_value a, b;
	if (!slash) {
		if (len == 2 && memcmp(text, "..", 2) == 0) {
			return fail(&c, 0,
				    "invalid date '%s': '..' only stands for an interval end",
				    shown);
		}
		if (len == 7 && memcmp(text, "ongoing", 7) == 0) {
			return fail(
				&c, 0,
				"invalid date '%s': 'ongoing' can only end an interval (e.g. '2024/ongoing')",
				shown);
		}
		if (parse_one(&c, text, text + len, 0, &a)) {
			return -1;
		}
		out->start = a.earliest;
		out->end = a.latest;
		out->precision = out->start_prec = out->end_prec = (uint8_t)a.prec;
		out->start_kind = out->end_kind = GP_END_VALUE;
		if (a.flags & 1) {
			out->flags |= GP_DATE_START_APPROX | GP_DATE_END_APPROX;
		}
		if (a.flags & 2) {
			out->flags |= GP_DATE_START_UNCERTAIN | GP_DATE_END_UNCERTAIN;
		}
		return 0;
	}
	if (memchr(slash + 1, '/', len - (size_t)(slash + 1 - text))) {
		return fail(&c, 0, "invalid date '%s': an interval has exactly two ends", shown);
	}
	size_t sb = (size_t)(slash + 1 - text);
	if (parse_end(&c, text, slash, 0, 0, &a) ||
	    parse_end(&c, slash + 1, text + len, sb, 1, &b)) {
		return -1;
	}
	if (a.kind != GP_END_VALUE && b.kind != GP_END_VALUE) {
		return fail(&c, 0,
			    "invalid date '%s': at least one end of an interval must be a date",
			    shown);
	}
	if (a.kind == GP_END_VALUE && b.kind == GP_END_VALUE && b.latest < a.earliest) {
		return fail(&c, sb, "invalid date '%s': the interval ends before it starts", shown);
	}
	out->flags = GP_DATE_INTERVAL;
	out->start_kind = (uint8_t)a.kind;
	out->end_kind = (uint8_t)b.kind;
	out->start = a.kind == GP_END_VALUE ? a.earliest : GP_TIME_MIN;
	out->end = b.kind == GP_END_VALUE ? b.latest : GP_TIME_MAX;
	out->start_prec = (uint8_t)(a.kind == GP_END_VALUE ? a.prec : b.prec);
	out->end_prec = (uint8_t)(b.kind == GP_END_VALUE ? b.prec : a.prec);
	out->precision = out->start_prec > out->end_prec ? out->start_prec : out->end_prec;
	if (a.flags & 1) {
		out->flags |= GP_DATE_START_APPROX;
	}
	if (a.flags & 2) {
		out->flags |= GP_DATE_START_UNCERTAIN;
	}
	if (b.flags & 1) {
		out->flags |= GP_DATE_END_APPROX;
	}
	if (b.flags & 2) {
		out->flags |= GP_DATE_END_UNCERTAIN;
	}
	return 0;
}

/* -------------------------------------------------------------- durations */

int gp_duration_parse(gp_duration *out, const char *text, size_t len, gp_date_error *err)
{
	char shown[48];
	size_t sl = len < sizeof(shown) - 1 ? len : sizeof(shown) - 1;
	memcpy(shown, text, sl);
	shown[sl] = '\0';
	parse_ctx c = { shown, len, err };
	memset(out, 0, sizeof(*out));
	if (len < 2 || text[0] != 'P') {
		return fail(
			&c, 0,
			"invalid offset '%s': expected an ISO 8601 duration such as P21D, P2W, P1M or P1Y2M",
			shown);
	}
	size_t i = 1;
	int in_time = 0, any = 0;
	/* 64-bit sums: a number is below 10^9, so 7 * v and 3600 * v cannot wrap. */
	int64_t years = 0, months = 0, days = 0, seconds = 0;
	/* Units in the order ISO 8601 writes them; each at most once. */
	const char *order_date = "YMWD", *order_time = "HMS";
	const char *next = order_date;
	while (i < len) {
		if (text[i] == 'T' && !in_time) {
			in_time = 1;
			next = order_time;
			i++;
			if (i == len) {
				return fail(&c, i, "invalid offset '%s': nothing after 'T'", shown);
			}
			continue;
		}
		int64_t v = 0;
		size_t d0 = i;
		while (i < len && digit(text[i])) {
			if (v > 100000000) {
				return fail(&c, d0, "invalid offset '%s': number too large", shown);
			}
			v = v * 10 + (text[i] - '0');
			i++;
		}
		if (i == d0) {
			return fail(&c, i, "invalid offset '%s': expected a number", shown);
		}
		if (i == len) {
			return fail(
				&c, i,
				"invalid offset '%s': the last number has no unit (Y, M, W, D, or H, M, S after T)",
				shown);
		}
		const char *u = strchr(next, text[i]);
		if (!u || text[i] == '\0') {
			return fail(&c, i, "invalid offset '%s': unexpected or out-of-order unit",
				    shown);
		}
		next = u + 1;
		switch (in_time ? text[i] + 256 : text[i]) {
		case 'Y': years = v; break;
		case 'M': months = v; break;
		case 'W': days += v * 7; break;
		case 'D': days += v; break;
		case 'H' + 256: seconds += v * 3600; break;
		case 'M' + 256: seconds += v * 60; break;
		case 'S' + 256: seconds += v; break;
		default: return fail(&c, i, "invalid offset '%s'", shown);
		}
		any = 1;
		i++;
	}
	if (!any) {
		return fail(&c, 0, "invalid offset '%s': no amount given", shown);
	}
	/*
	 * Dates lie in the years 0000-9999, so a longer shift moves any date out
	 * of them: refuse it here, where the offset is written, and keep every
	 * later sum (shift_instant) far from overflow.
	 */
	if (years * 12 + months > GP_SPAN_MONTHS || days + seconds / SECS_PER_DAY > GP_SPAN_DAYS) {
		return fail(
			&c, 0,
			"invalid offset '%s': longer than the 10,000 years of supported dates (0000-9999)",
			shown);
	}
	out->years = (int32_t)years;
	out->months = (int32_t)months;
	out->days = (int32_t)days;
	out->seconds = seconds;
	return 0;
}

/* Shift one instant; keep_month_end moves a month's last day to the last day. */
static int shift_instant(int64_t t, const gp_duration *d, int sign, int keep_month_end,
			 int64_t *out)
{
	int64_t days = floor_div(t, SECS_PER_DAY);
	int64_t tod = t - days * SECS_PER_DAY;
	int64_t y;
	unsigned m, dd;
	gp_civil_from_days(days, &y, &m, &dd);
	int at_month_end = dd == gp_days_in_month(y, m);
	int64_t months = (int64_t)m - 1 + sign * ((int64_t)d->years * 12 + d->months);
	y += floor_div(months, 12);
	m = (unsigned)(months - floor_div(months, 12) * 12) + 1;
	if (y < 0 || y > 9999) {
		return -1;
	}
	unsigned dim = gp_days_in_month(y, m);
	if (dd > dim || (keep_month_end && at_month_end)) {
		dd = dim;
	}
	days = gp_days_from_civil(y, m, dd) + sign * (int64_t)d->days;
	int64_t r = days * SECS_PER_DAY + tod + sign * d->seconds;
	int64_t ry;
	unsigned rm, rd;
	gp_civil_from_days(floor_div(r, SECS_PER_DAY), &ry, &rm, &rd);
	if (ry < 0 || ry > 9999) {
		return -1;
	}
	*out = r;
	return 0;
}

static int64_t unit_floor(int64_t t, int prec);
static int64_t unit_last(int64_t t, int prec);

/*
 * The precision a moved bound is written at (DESIGN §2): `prec`, the other
 * event's, where the bound still falls on its unit's edge; otherwise the
 * coarsest of year, month, day, minute, second at which it does. Decades and
 * centuries are kept, never reached: `19XX` + P10Y is `1910/2009`, years.
 */
static int exact_precision(int64_t t, int prec, int is_end)
{
	static const int finer[] = { GP_PREC_YEAR, GP_PREC_MONTH, GP_PREC_DAY, GP_PREC_MINUTE };
	if ((is_end ? unit_last(t, prec) : unit_floor(t, prec)) == t) {
		return prec;
	}
	for (size_t k = 0; k < sizeof(finer) / sizeof(finer[0]); k++) {
		if (finer[k] < prec &&
		    (is_end ? unit_last(t, finer[k]) : unit_floor(t, finer[k])) == t) {
			return finer[k];
		}
	}
	return GP_PREC_SECOND;
}

int gp_date_shift(gp_date *out, const gp_date *in, const gp_duration *d, int sign)
{
	gp_date r = *in;
	int month_keep = d->days == 0 && d->seconds == 0;
	int sp = in->start_prec, ep = in->end_prec;
	if (in->start_kind == GP_END_VALUE) {
		if (shift_instant(in->start, d, sign, 0, &r.start)) {
			return -1;
		}
		sp = exact_precision(r.start, in->start_prec, 0);
	}
	if (in->end_kind == GP_END_VALUE) {
		if (shift_instant(in->end, d, sign, month_keep && in->end_prec >= GP_PREC_MONTH,
				  &r.end)) {
			return -1;
		}
		ep = exact_precision(r.end, in->end_prec, 1);
	}
	/*
	 * Ends that shared a precision share the coarsest one at which both are
	 * exact (exact at a unit means exact at every finer one); an open end
	 * takes the known end's, as the parser gives it.
	 */
	if (in->start_kind != GP_END_VALUE) {
		sp = ep;
	} else if (in->end_kind != GP_END_VALUE) {
		ep = sp;
	} else if (in->start_prec == in->end_prec) {
		sp = ep = sp < ep ? sp : ep;
	}
	r.start_prec = (uint8_t)sp;
	r.end_prec = (uint8_t)ep;
	r.precision = (uint8_t)(sp > ep ? sp : ep);
	/* A single date that no longer fills one unit is the interval it now is. */
	if (!(r.flags & GP_DATE_INTERVAL) && unit_floor(r.start, sp) != unit_floor(r.end, sp)) {
		r.flags |= GP_DATE_INTERVAL;
	}
	*out = r;
	return 0;
}

int gp_date_compare(const gp_date *a, const gp_date *b)
{
	if (a->start != b->start) {
		return a->start < b->start ? -1 : 1;
	}
	if (a->end != b->end) {
		return a->end > b->end ? -1 : 1; /* later end first */
	}
	return 0;
}

/* ------------------------------------------------------------- formatting */

/*
 * YYYY-MM-DD for years 0..9999 without printf: graphs and timelines of
 * millions of rows write two dates per edge or row. 0 when out of range.
 */
static int put_ymd(char *buf, int64_t y, unsigned m, unsigned d)
{
	if (y < 0 || y > 9999) {
		return 0;
	}
	unsigned yy = (unsigned)y;
	buf[0] = (char)('0' + yy / 1000), buf[1] = (char)('0' + yy / 100 % 10);
	buf[2] = (char)('0' + yy / 10 % 10), buf[3] = (char)('0' + yy % 10);
	buf[4] = '-', buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10);
	buf[7] = '-', buf[8] = (char)('0' + d / 10), buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return 1;
}

char *gp_time_format(int64_t t, int with_time, char *buf)
{
	int64_t days = floor_div(t, SECS_PER_DAY), tod = t - days * SECS_PER_DAY, y;
	unsigned m, d;
	gp_civil_from_days(days, &y, &m, &d);
	if (with_time) {
		snprintf(buf, 32, "%04d-%02u-%02uT%02d:%02d:%02dZ", (int)y, m, d, (int)(tod / 3600),
			 (int)(tod / 60 % 60), (int)(tod % 60));
	} else if (!put_ymd(buf, y, m, d)) {
		snprintf(buf, 32, "%04d-%02u-%02u", (int)y, m, d);
	}
	return buf;
}

/* One end at its precision; human selects the timeline's reading form. */
static void format_value(int64_t t, int prec, int human, char *buf, size_t size)
{
	int64_t days = floor_div(t, SECS_PER_DAY), tod = t - days * SECS_PER_DAY, y;
	unsigned m, d;
	gp_civil_from_days(days, &y, &m, &d);
	int yi = (int)y;
	switch (prec) {
	case GP_PREC_SECOND:
		snprintf(buf, size,
			 human ? "%04d-%02u-%02u %02d:%02d:%02dZ"
			       : "%04d-%02u-%02uT%02d:%02d:%02dZ",
			 yi, m, d, (int)(tod / 3600), (int)(tod / 60 % 60), (int)(tod % 60));
		break;
	case GP_PREC_MINUTE:
		snprintf(buf, size,
			 human ? "%04d-%02u-%02u %02d:%02dZ" : "%04d-%02u-%02uT%02d:%02dZ", yi, m,
			 d, (int)(tod / 3600), (int)(tod / 60 % 60));
		break;
	case GP_PREC_DAY:
		if (size < 11 || !put_ymd(buf, y, m, d)) {
			snprintf(buf, size, "%04d-%02u-%02u", yi, m, d);
		}
		break;
	case GP_PREC_MONTH: snprintf(buf, size, "%04d-%02u", yi, m); break;
	case GP_PREC_YEAR: snprintf(buf, size, "%04d", yi); break;
	case GP_PREC_DECADE:
		if (human) {
			snprintf(buf, size, "%04ds", yi / 10 * 10); /* 2010s */
		} else {
			snprintf(buf, size, "%03dX", yi / 10); /* 201X */
		}
		break;
	default: snprintf(buf, size, "%02dXX", yi / 100); break;
	}
}

size_t gp_time_format_human(int64_t t, gp_precision precision, char *buf, size_t size)
{
	if (t == GP_TIME_MIN || t == GP_TIME_MAX) {
		snprintf(buf, size, "…");
	} else {
		format_value(t, precision, 1, buf, size);
	}
	return strlen(buf);
}

/* ----------------------------------------------- how a date can be written */

/* The first second of the unit of `prec` that holds t. */
static int64_t unit_floor(int64_t t, int prec)
{
	int64_t days = floor_div(t, SECS_PER_DAY), y;
	unsigned m, d;
	switch (prec) {
	case GP_PREC_SECOND: return t;
	case GP_PREC_MINUTE: return floor_div(t, 60) * 60;
	case GP_PREC_DAY: return days * SECS_PER_DAY;
	default: break;
	}
	gp_civil_from_days(days, &y, &m, &d);
	if (prec == GP_PREC_MONTH) {
		return gp_days_from_civil(y, m, 1) * SECS_PER_DAY;
	}
	int64_t span = prec == GP_PREC_DECADE ? 10 : prec == GP_PREC_CENTURY ? 100 : 1;
	return gp_days_from_civil(floor_div(y, span) * span, 1, 1) * SECS_PER_DAY;
}

int64_t gp__date_unit_last(int64_t t, int prec)
{
	return unit_last(t, prec);
}

/* The last second of the unit of `prec` that holds t. */
static int64_t unit_last(int64_t t, int prec)
{
	int64_t f = unit_floor(t, prec), days = floor_div(f, SECS_PER_DAY), y;
	unsigned m, d;
	switch (prec) {
	case GP_PREC_SECOND: return t;
	case GP_PREC_MINUTE: return f + 59;
	case GP_PREC_DAY: return f + SECS_PER_DAY - 1;
	default: break;
	}
	gp_civil_from_days(days, &y, &m, &d);
	if (prec == GP_PREC_MONTH) {
		return (gp_days_from_civil(y, m, gp_days_in_month(y, m)) + 1) * SECS_PER_DAY - 1;
	}
	int64_t span = prec == GP_PREC_DECADE ? 10 : prec == GP_PREC_CENTURY ? 100 : 1;
	return gp_days_from_civil(y + span, 1, 1) * SECS_PER_DAY - 1;
}

/*
 * How to write a date: as its bounds say. Parsed dates and shifted ones
 * (gp_date_shift) keep each bound on its precision's edges, so the ends are
 * written at their precisions, and a single date stays one.
 */
static void written_form(const gp_date *d, int *interval, int *sp, int *ep)
{
	*interval = (d->flags & GP_DATE_INTERVAL) != 0;
	*sp = d->start_prec;
	*ep = d->end_prec;
}

static size_t put(char *buf, size_t size, size_t pos, const char *s)
{
	size_t n = strlen(s);
	if (pos < size) {
		size_t room = size - pos - 1;
		memcpy(buf + pos, s, n < room ? n : room);
		buf[pos + (n < room ? n : room)] = '\0';
	}
	return pos + n;
}

/*
 * EDTF qualifies dates, not times (nor does gp_date_parse take `T14:30Z~`):
 * a bound written with its time, as one moved by a time offset is, goes
 * without; `approximate` and `uncertain` still say it where they are shown.
 */
static const char *edtf_qual(int prec, int approx, int uncertain)
{
	if (gp_precision_has_time(prec)) {
		return "";
	}
	return approx && uncertain ? "%" : approx ? "~" : uncertain ? "?" : "";
}

size_t gp_date_format_edtf(const gp_date *d, char *buf, size_t size)
{
	char v[40];
	size_t pos = 0;
	int interval, sp, ep;
	written_form(d, &interval, &sp, &ep);
	if (size) {
		buf[0] = '\0';
	}
	if (!interval) {
		format_value(d->start, sp, 0, v, sizeof(v));
		pos = put(buf, size, pos, v);
		return put(buf, size, pos,
			   edtf_qual(sp, d->flags & GP_DATE_START_APPROX,
				     d->flags & GP_DATE_START_UNCERTAIN));
	}
	if (d->start_kind == GP_END_VALUE) {
		format_value(d->start, sp, 0, v, sizeof(v));
		pos = put(buf, size, pos, v);
		pos = put(buf, size, pos,
			  edtf_qual(sp, d->flags & GP_DATE_START_APPROX,
				    d->flags & GP_DATE_START_UNCERTAIN));
	} else if (d->start_kind == GP_END_OPEN) {
		pos = put(buf, size, pos, "..");
	}
	pos = put(buf, size, pos, "/");
	if (d->end_kind == GP_END_VALUE) {
		format_value(d->end, ep, 0, v, sizeof(v));
		pos = put(buf, size, pos, v);
		pos = put(buf, size, pos,
			  edtf_qual(ep, d->flags & GP_DATE_END_APPROX,
				    d->flags & GP_DATE_END_UNCERTAIN));
	} else if (d->end_kind == GP_END_OPEN) {
		pos = put(buf, size, pos, "..");
	}
	return pos;
}

static size_t human_end(char *buf, size_t size, size_t pos, int64_t t, int prec, int approx,
			int uncertain)
{
	char v[40];
	format_value(t, prec, 1, v, sizeof(v));
	if (approx) {
		pos = put(buf, size, pos, "~");
	}
	pos = put(buf, size, pos, v);
	if (uncertain) {
		pos = put(buf, size, pos, "?");
	}
	return pos;
}

size_t gp_date_format_human(const gp_date *d, char *buf, size_t size)
{
	size_t pos = 0;
	int interval, sp, ep;
	written_form(d, &interval, &sp, &ep);
	if (size) {
		buf[0] = '\0';
	}
	if (!interval) {
		return human_end(buf, size, pos, d->start, sp, d->flags & GP_DATE_START_APPROX,
				 d->flags & GP_DATE_START_UNCERTAIN);
	}
	if (d->start_kind == GP_END_VALUE) {
		pos = human_end(buf, size, pos, d->start, sp, d->flags & GP_DATE_START_APPROX,
				d->flags & GP_DATE_START_UNCERTAIN);
	} else {
		pos = put(buf, size, pos, d->start_kind == GP_END_OPEN ? "…" : "?");
	}
	pos = put(buf, size, pos, " → ");
	if (d->end_kind == GP_END_VALUE) {
		pos = human_end(buf, size, pos, d->end, ep, d->flags & GP_DATE_END_APPROX,
				d->flags & GP_DATE_END_UNCERTAIN);
	} else {
		pos = put(buf, size, pos, d->end_kind == GP_END_OPEN ? "ongoing" : "?");
	}
	return pos;
}

uint8_t gp__date_qual(const gp_date *d)
{
	return (uint8_t)((d->flags & GP_DATE_START_APPROX ? GP_QUAL_APPROX : 0) |
			 (d->flags & GP_DATE_START_UNCERTAIN ? GP_QUAL_UNCERTAIN : 0));
}

size_t gp__time_format_qualified(int64_t t, int prec, uint8_t qual, char *buf, size_t size)
{
	if (size) {
		buf[0] = '\0';
	}
	if (t == GP_TIME_MIN || t == GP_TIME_MAX) {
		return gp_time_format_human(t, (gp_precision)prec, buf, size);
	}
	return human_end(buf, size, 0, t, prec, qual & GP_QUAL_APPROX, qual & GP_QUAL_UNCERTAIN);
}
