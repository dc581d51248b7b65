#include "config.h"

#include "tap.h"
#include "yekuo/core/date.h"

int
main(void)
{
	yk_date d;
	char b[YK_DATE_BUFSZ];

	ok(date_parse("2026-02-12", &d) == 0, "parses an ISO date");
	is_str(date_format(d, b), "2026-02-12", "formats it back");
	is_int(date_weekday(d), 3, "2026-02-12 is a Thursday");
	ok(date_parse("2024-02-29", &d) == 0, "2024-02-29 exists (leap year)");
	ok(date_parse("2026-02-29", &d) < 0, "2026-02-29 does not exist");
	ok(date_parse("2026-02-30", &d) < 0, "2026-02-30 is refused");
	ok(date_parse("2100-02-29", &d) < 0, "2100 is not a leap year");
	ok(date_parse("2000-02-29", &d) == 0, "2000 is a leap year");
	ok(date_parse("2026/2/3", &d) < 0, "slashes are refused");
	ok(date_parse("2026-2-3", &d) < 0, "unpadded month/day refused");
	ok(date_parse("", &d) < 0, "empty refused");
	ok(date_parse("2026-02-12x", &d) < 0, "trailing junk refused");
	ok(date_parse(" 2026-02-12", &d) < 0, "leading blank refused");
	ok(date_parse("2026-13-01", &d) < 0, "month 13 refused");
	ok(date_parse("2026-00-10", &d) < 0, "month 0 refused");
	ok(date_parse("+026-01-01", &d) < 0, "sign refused");
	is_int(date_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	/* Round trip over 1900..2999 */
	{
		int bad = 0;
		for (yk_date x = date_from_ymd(1900, 1, 1); x <= date_from_ymd(2999, 12, 31); x++) {
			int y, m, dd;
			date_to_ymd(x, &y, &m, &dd);
			if (date_from_ymd(y, m, dd) != x || !date_valid_ymd(y, m, dd))
				bad++;
		}
		is_int(bad, 0, "day number <-> y/m/d round-trips for every day 1900..2999");
	}
	is_int(date_weekday(date_from_ymd(2026, 2, 14)), 5, "2026-02-14 is a Saturday");
	is_str(date_weekday_zh(date_from_ymd(2026, 2, 15)), "日", "2026-02-15 is 星期日");
	is_int(date_days_in_month(2024, 2), 29, "February of a leap year has 29 days");
	is_int(date_days_in_month(2026, 2), 28, "February of 2026 has 28");
	is_int(date_days_in_month(2100, 2), 28, "2100 is not a leap year");
	is_int(date_days_in_month(2026, 4), 30, "April has 30");
	is_int(date_days_in_month(2026, 12), 31, "December has 31");
	return tap_done();
}
