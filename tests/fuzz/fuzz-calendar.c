/* libFuzzer harness: the calendar year file parser (docs/calendar.md).
 * A calendar file comes from outside (a user's own calendar/ folder,
 * `yekuo calendar load FILE`): any bytes must give a year or a
 * "name:line: what" error, never a crash, a leak or undefined behaviour.
 * When a year loads, the queries that use it must stay in bounds. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "yekuo/core/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct yk_calendar *empty;
	const char *text = (const char *)data;
	struct yk_calendar *cal;
	yk_error err;
	int year = 0, years[4];
	yk_date from, to, out;
	size_t n;
	const struct cal_entry *e;
	char buf[128];

	if (!empty)
		empty = calendar_new();
	if (calendar_check_text(text, size, "fuzz.cal", &year, &err) != 0) {
		/* load must refuse it too, and keep nothing of it */
		if (calendar_load_text(empty, text, size, "fuzz.cal", &err) == 0 ||
		    calendar_loaded_years(empty, years, 4) != 0)
			__builtin_trap();
		return 0;
	}
	/* a fresh calendar (building one costs a few ms: only for good files) */
	cal = calendar_new();
	if (calendar_load_text(cal, text, size, "fuzz.cal", &err) != 0 ||
	    !calendar_year_loaded(cal, year))
		__builtin_trap();
	from = date_from_ymd(year, 1, 1);
	to = date_from_ymd(year, 12, 31);
	(void)calendar_count(cal, from, to);
	(void)calendar_add(cal, from, 40, &out, &err);
	(void)calendar_next_workday(cal, to);
	(void)calendar_missing_years(cal, from, to + 400, buf, sizeof buf);
	(void)calendar_loaded_years(cal, years, 4);
	(void)calendar_year_source(cal, year);
	e = calendar_year_entries(cal, year, &n);
	for (size_t i = 0; i < n; i++) {
		(void)calendar_kind(cal, e[i].from);
		(void)calendar_day_name(cal, e[i].to);
	}
	calendar_free(cal);
	return 0;
}
