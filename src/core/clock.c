#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/clock.h"

#define CHINA_OFFSET (8 * 3600)

static int fixed;
static time_t fixed_now;

int
clock_parse(const char *s, time_t *out)
{
	char date[YK_DATE_BUFSZ];
	int hh, mm, ss;
	char tail;
	yk_date d;

	if (!s || strlen(s) != 19 || s[10] != 'T')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &d) < 0 ||
	    sscanf(s + 11, "%2d:%2d:%2d%c", &hh, &mm, &ss, &tail) != 3 || s[13] != ':' ||
	    s[16] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return -1;
	*out = (time_t)d * 86400 + hh * 3600 + mm * 60 + ss - CHINA_OFFSET;
	return 0;
}

int
clock_overridden(void)
{
	const char *env = getenv("YEKUO_NOW");

	return env && *env;
}

int
clock_init(int training, yk_error *err)
{
	const char *env = getenv("YEKUO_NOW");

	fixed = 0;
	if (!env || !*env)
		return 0;
	if (!training)
		return yk_error_set(err, "YEKUO_NOW is set, but this is not a training database: "
					 "a real database always uses the real date (unset YEKUO_NOW, "
					 "or use a database made with 'yekuo init --training')");
	if (clock_parse(env, &fixed_now) < 0)
		return yk_error_set(err, "YEKUO_NOW '%s' is not YYYY-MM-DDTHH:MM:SS", env);
	fixed = 1;
	return 0;
}

time_t
clock_now(void)
{
	return fixed ? fixed_now : time(NULL);
}

yk_date
clock_date_of(time_t t)
{
	long long s = (long long)t + CHINA_OFFSET;

	return (yk_date)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

yk_date
clock_today(void)
{
	return clock_date_of(clock_now());
}

char *
clock_stamp(time_t t, char buf[CLOCK_STAMP_BUFSZ])
{
	long long s = (long long)t + CHINA_OFFSET;
	yk_date d = clock_date_of(t);
	long long sec = s - (long long)d * 86400;
	char b[YK_DATE_BUFSZ];

	snprintf(buf, CLOCK_STAMP_BUFSZ, "%sT%02d:%02d:%02d+08:00", date_format(d, b),
		 (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	return buf;
}
