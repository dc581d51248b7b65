/* The clock: China dates whatever the machine's time zone, the training
 * override, and timestamps near midnight (docs/domain §5.1: day-boundary
 * and time-zone slips). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "yekuo/core/clock.h"

static const char *
day(yk_date d)
{
	static char b[YK_DATE_BUFSZ];

	return date_format(d, b);
}

int
main(void)
{
	time_t t;
	yk_error err;
	char stamp[CLOCK_STAMP_BUFSZ];
	const char *zones[] = {"UTC", "America/New_York", "Asia/Shanghai", "Pacific/Kiritimati"};

	/* 2026-02-12 15:59:59 UTC is 23:59:59 in Beijing: still the 12th. */
	t = (time_t)date_from_ymd(2026, 2, 12) * 86400 + 15 * 3600 + 59 * 60 + 59;
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		is_str(day(clock_date_of(t)), "2026-02-12", "23:59:59 China time is 02-12 with TZ=%s", zones[i]);
		is_str(day(clock_date_of(t + 1)), "2026-02-13", "one second later it is 02-13 with TZ=%s", zones[i]);
	}
	is_str(clock_stamp(t, stamp), "2026-02-12T23:59:59+08:00", "stamps are China time with the offset");
	ok(clock_parse("2026-02-12T23:59:59", &t) == 0, "YEKUO_NOW format parses");
	is_str(day(clock_date_of(t)), "2026-02-12", "and is read as China time");
	ok(clock_parse("2026-02-30T10:00:00", &t) < 0, "a day that does not exist is refused");
	ok(clock_parse("2026-02-12 10:00:00", &t) < 0, "a blank instead of T is refused");
	ok(clock_parse("2026-02-12T24:00:00", &t) < 0, "hour 24 is refused");

	setenv("YEKUO_NOW", "2026-03-02T10:00:00", 1);
	ok(clock_init(0, &err) < 0, "a real database refuses YEKUO_NOW");
	ok(strstr(err.msg, "training") != NULL, "and says a training database is needed");
	ok(clock_init(1, &err) == 0, "a training database accepts it");
	is_str(day(clock_today()), "2026-03-02", "today is the fixed date");
	setenv("YEKUO_NOW", "tomorrow", 1);
	ok(clock_init(1, &err) < 0, "a malformed YEKUO_NOW is refused");
	unsetenv("YEKUO_NOW");
	ok(clock_init(0, &err) == 0, "without YEKUO_NOW any database runs on the real clock");
	ok(labs((long)(clock_now() - time(NULL))) <= 1, "the real clock is the system time");
	return tap_done();
}
