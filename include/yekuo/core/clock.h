#ifndef YEKUO_CLOCK_H
#define YEKUO_CLOCK_H

/* The program's one notion of "now". Dates are China dates: UTC+8 all year
 * (China has kept no daylight saving since 1991), so a timestamp near
 * midnight lands on the right day whatever TZ the machine has.
 *
 * YEKUO_NOW=YYYY-MM-DDTHH:MM:SS (China time) fixes the clock for tests and
 * training — only on a training database; a real database refuses it, so
 * real cases cannot be back-dated (clock_init). */

#include <time.h>

#include "yekuo/core/date.h"
#include "yekuo/core/error.h"

#define CLOCK_STAMP_BUFSZ 26 /* "2026-03-02T10:00:00+08:00" */

/* Read YEKUO_NOW; training != 0 allows it. -1 with err when it is set on a
 * real database or is malformed. */
int clock_init(int training, yk_error *err);
/* Is YEKUO_NOW set (before any database is opened)? */
int clock_overridden(void);
time_t clock_now(void);
yk_date clock_today(void);
/* China date of a UTC time. */
yk_date clock_date_of(time_t t);
/* "2026-03-02T10:00:00+08:00" */
char *clock_stamp(time_t t, char buf[CLOCK_STAMP_BUFSZ]);
/* Parse "YYYY-MM-DDTHH:MM:SS" as China time. */
int clock_parse(const char *s, time_t *out);

#endif
