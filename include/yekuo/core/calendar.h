#ifndef YEKUO_CALENDAR_H
#define YEKUO_CALENDAR_H

/* The working-day calendar: which dates are working days in mainland China.
 *
 * A date is a working day unless it falls on a weekend or a statutory holiday,
 * except the make-up working days (调休上班) that the State Council notice for
 * its year names. Each year's notice is one text file (docs/calendar.md);
 * years without a file fall back to "weekends only" and every answer that
 * touches them says so.
 *
 * Counting (民法典 第201条, docs/domain §5): the start day is not counted.
 * calendar_count(S, E) = working days d with S < d <= E;
 * calendar_add(S, N)   = the end of the N-th working day after S.
 * Both are O(1) after load, through an ordinal table of working days. */

#include <stddef.h>

#include "yekuo/core/date.h"
#include "yekuo/core/error.h"

/* The span the calendar can answer for. */
#define CAL_FIRST_YEAR 2000
#define CAL_LAST_YEAR 2099

enum cal_kind {
	CAL_WORKDAY,	/* ordinary Monday..Friday */
	CAL_WEEKEND,	/* Saturday or Sunday, not a make-up day */
	CAL_HOLIDAY,	/* statutory holiday (or a day of its break) */
	CAL_MAKEUP	/* weekend day that is a working day (调休上班) */
};

struct cal_entry {
	enum cal_kind kind;	/* CAL_HOLIDAY or CAL_MAKEUP */
	yk_date from, to;	/* inclusive; from == to for one day */
	char name[64];		/* e.g. 春节 */
};

struct yk_calendar;

struct yk_calendar *calendar_new(void);
void calendar_free(struct yk_calendar *cal);

/* Parse one year file from memory (`name` is used in messages). On success
 * the year replaces any earlier load of the same year. On error nothing of
 * the file is kept and err holds "name:line: what is wrong". */
int calendar_load_text(struct yk_calendar *cal, const char *text, size_t len,
		       const char *name, yk_error *err);
/* Parse without loading: validation for `yekuo calendar load`. */
int calendar_check_text(const char *text, size_t len, const char *name,
			int *year, yk_error *err);

int calendar_in_range(yk_date date);
int calendar_year_loaded(const struct yk_calendar *cal, int year);
/* Source line of a loaded year ("国办发明电〔2025〕7号, 2025-11-04"), or NULL. */
const char *calendar_year_source(const struct yk_calendar *cal, int year);
/* Entries of a loaded year, in file order. */
const struct cal_entry *calendar_year_entries(const struct yk_calendar *cal,
					      int year, size_t *count);
/* Number of loaded years and the list (ascending). */
size_t calendar_loaded_years(const struct yk_calendar *cal, int *years, size_t max);

enum cal_kind calendar_kind(const struct yk_calendar *cal, yk_date date);
int calendar_is_workday(const struct yk_calendar *cal, yk_date date);
/* Name of the holiday/make-up entry covering date, or NULL. */
const char *calendar_day_name(const struct yk_calendar *cal, yk_date date);

/* Working days d with from < d <= to (negative when to < from).
 * Both dates must be calendar_in_range(). */
long calendar_count(const struct yk_calendar *cal, yk_date from, yk_date to);
/* Date ending n working days after start (n >= 0). -1 with a message when
 * start or the answer lies outside the span the calendar covers. */
int calendar_add(const struct yk_calendar *cal, yk_date start, long n,
		 yk_date *out, yk_error *err);
/* First working day strictly after date (calendar_add(date, 1)). */
yk_date calendar_next_workday(const struct yk_calendar *cal, yk_date date);

/* Years in [year(from) .. year(to)] that have no file loaded, as a warning
 * "2027 calendar not loaded — weekends only" (several years joined with
 * ", "). Returns the count of such years; buf gets "" when none. */
int calendar_missing_years(const struct yk_calendar *cal, yk_date from,
			   yk_date to, char *buf, size_t bufsz);
/* Bitmask helper for the engine: first missing year in the span, or 0. */
int calendar_first_missing_year(const struct yk_calendar *cal, yk_date from,
				yk_date to);

#endif
