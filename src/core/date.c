#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/core/date.h"
#include "yekuo/core/i18n.h"

/* Day-number conversions after Howard Hinnant's "chrono-compatible low-level
 * date algorithms" (days_from_civil / civil_from_days). */

yk_date
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (yk_date)(era * 146097 + doe - 719468);
}

void
date_to_ymd(yk_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;

	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_valid_ymd(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, yk_date *out)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int
date_year(yk_date date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	return y;
}

int
date_weekday(yk_date date)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int w = (date + 3) % 7;

	return w < 0 ? w + 7 : w;
}

int
date_is_weekend(yk_date date)
{
	return date_weekday(date) >= 5;
}

char *
date_format(yk_date date, char buf[YK_DATE_BUFSZ])
{
	int y, m, d;

	if (date == YK_DATE_NONE) {
		strcpy(buf, "-");
		return buf;
	}
	date_to_ymd(date, &y, &m, &d);
	/* y is 0..9999 for every date the program handles; clamp so the
	 * compiler can see the output fits. */
	snprintf(buf, YK_DATE_BUFSZ, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return buf;
}

/* 一 … 日, Monday first: the Chinese after the context is the documents'
 * word, the context's entry the locale's */
static const char *const weekday_names[7] = {
	NC_("weekday", "一"), NC_("weekday", "二"), NC_("weekday", "三"), NC_("weekday", "四"),
	NC_("weekday", "五"), NC_("weekday", "六"), NC_("weekday", "日"),
};

const char *
date_weekday_zh(yk_date date)
{
	return strchr(weekday_names[date_weekday(date)], '\004') + 1;
}

const char *
date_weekday_name(yk_date date)
{
	return yk_ctx_gettext(weekday_names[date_weekday(date)]);
}

int
date_days_in_month(int y, int m)
{
	int d = 31;

	while (d > 28 && !date_valid_ymd(y, m, d))
		d--;
	return d;
}
