#ifndef YEKUO_DATE_H
#define YEKUO_DATE_H

/* Civil dates as day numbers (days since 1970-01-01, proleptic Gregorian).
 * Dates in yekuo are local China dates (Asia/Shanghai); a date carries no
 * time of day, so no time-zone arithmetic ever touches it. */

#include <stdint.h>

typedef int32_t yk_date;

#define YK_DATE_NONE INT32_MIN
#define YK_DATE_BUFSZ 11 /* "YYYY-MM-DD" + NUL */

/* Strict ISO 8601 calendar date "YYYY-MM-DD", years 1900..2999, a day that
 * exists. Returns 0, or -1 for anything else (no partial parses). */
int date_parse(const char *s, yk_date *out);
int date_valid_ymd(int y, int m, int d);
/* Days in month m (1-12) of year y: 28 to 31. */
int date_days_in_month(int y, int m);
yk_date date_from_ymd(int y, int m, int d);
void date_to_ymd(yk_date date, int *y, int *m, int *d);
int date_year(yk_date date);
/* 0 = Monday … 6 = Sunday */
int date_weekday(yk_date date);
int date_is_weekend(yk_date date);
/* Writes "YYYY-MM-DD" (or "-" for YK_DATE_NONE); returns buf. */
char *date_format(yk_date date, char buf[YK_DATE_BUFSZ]);
/* Chinese short weekday name ("一".."日"). */
const char *date_weekday_zh(yk_date date);
/* The same in the locale's language (五, or Fri in English): for messages,
 * where date_weekday_zh is for documents. */
const char *date_weekday_name(yk_date date);

#endif
