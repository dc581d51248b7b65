/* The working-day calendar: the real year files under $YEKUO_DATA_DIR, the
 * counting convention (start day not counted), the weekends-only fallback
 * for years without a file, and the loader's messages. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/calendar.h"

#define FIRST_FILE 2020
#define LAST_FILE 2026

static yk_date
P(const char *s)
{
	yk_date d;

	if (date_parse(s, &d) < 0) {
		printf("# bad date in the test itself: %s\n", s);
		abort();
	}
	return d;
}

static const char *
F(yk_date d)
{
	static char buf[4][YK_DATE_BUFSZ];
	static int i;

	i = (i + 1) % 4;
	return date_format(d, buf[i]);
}

/* Read data/calendar/YEAR.cal with plain stdio and load it. */
static int
load_year(struct yk_calendar *cal, int year)
{
	const char *dir = getenv("YEKUO_DATA_DIR");
	char path[1024], *buf;
	size_t len;
	FILE *f;
	yk_error err;
	int rc;

	snprintf(path, sizeof path, "%s/calendar/%d.cal", dir ? dir : "data", year);
	f = fopen(path, "rb");
	if (!f) {
		printf("# cannot open %s\n", path);
		return -1;
	}
	buf = malloc(1024 * 1024);
	len = buf ? fread(buf, 1, 1024 * 1024, f) : 0;
	fclose(f);
	if (!buf)
		return -1;
	rc = calendar_load_text(cal, buf, len, path, &err);
	if (rc < 0)
		printf("# %s\n", err.msg);
	free(buf);
	return rc;
}

/* ---- helpers that name what they check -------------------------------- */

static void
add_is(const struct yk_calendar *cal, const char *start, long n, const char *want)
{
	yk_date got = YK_DATE_NONE;
	yk_error err = {0};
	int rc = calendar_add(cal, P(start), n, &got, &err);

	if (rc < 0)
		printf("# error: %s\n", err.msg);
	is_str(rc == 0 ? F(got) : "(error)", want, "add %s + %ld = %s", start, n, want);
}

static void
count_is(const struct yk_calendar *cal, const char *from, const char *to, long want)
{
	is_int(calendar_count(cal, P(from), P(to)), want, "count %s..%s = %ld", from, to, want);
}

static const char *
kind_name(enum cal_kind k)
{
	switch (k) {
	case CAL_WORKDAY:
		return "workday";
	case CAL_WEEKEND:
		return "weekend";
	case CAL_HOLIDAY:
		return "holiday";
	case CAL_MAKEUP:
		return "makeup";
	}
	return "?";
}

static void
kind_is(const struct yk_calendar *cal, const char *day, enum cal_kind want)
{
	is_str(kind_name(calendar_kind(cal, P(day))), kind_name(want), "%s is a %s", day,
	       kind_name(want));
}

/* ---- a naive calendar straight from the loaded entries ---------------- */

/* Working day or not, from the year's entries and the weekday alone: no
 * ordinal table, no kind table. A year without a file is weekends only. */
static int
naive_works(const struct yk_calendar *cal, yk_date d)
{
	size_t n;
	const struct cal_entry *e = calendar_year_entries(cal, date_year(d), &n);

	for (size_t i = 0; i < n; i++)
		if (e[i].from <= d && d <= e[i].to)
			return e[i].kind == CAL_MAKEUP;
	return !date_is_weekend(d);
}

/* ---- the real files ---------------------------------------------------- */

static void
test_files_load(struct yk_calendar *cal)
{
	int years[16];
	size_t n;

	for (int y = FIRST_FILE; y <= LAST_FILE; y++)
		ok(load_year(cal, y) == 0, "data/calendar/%d.cal loads", y);
	n = calendar_loaded_years(cal, years, 16);
	is_int(n, LAST_FILE - FIRST_FILE + 1, "seven years loaded");
	is_int(n ? years[0] : 0, FIRST_FILE, "first loaded year is 2020");
	for (int y = FIRST_FILE; y <= LAST_FILE; y++) {
		const char *src = calendar_year_source(cal, y);

		ok(src && strstr(src, "国办发明电〔"), "%d source names the notice: %s", y,
		   src ? src : "(none)");
	}
	is_str(calendar_year_source(cal, 2026), "国办发明电〔2025〕7号, 2025-11-04", "2026 source");
	is_str(calendar_year_source(cal, 2025), "国办发明电〔2024〕12号, 2024-11-12", "2025 source");
	ok(strstr(calendar_year_source(cal, 2020), "国办发明电〔2020〕1号") != NULL,
	   "2020 source also names the Spring Festival extension");
	ok(!calendar_year_loaded(cal, 2019) && !calendar_year_loaded(cal, 2027),
	   "2019 and 2027 have no file");
}

/* Working days per year. The expected figures were computed separately
 * from the npm package chinese-days 1.5.7 (dist/years/YEAR.json), so they
 * guard the files against a slip in either. */
static void
test_year_totals(const struct yk_calendar *cal)
{
	static const struct {
		int year;
		long days;
	} t[] = {
		{2020, 249}, {2021, 250}, {2022, 249}, {2023, 249},
		{2024, 251}, {2025, 248}, {2026, 248},
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		is_int(calendar_count(cal, date_from_ymd(t[i].year - 1, 12, 31),
				      date_from_ymd(t[i].year, 12, 31)),
		       t[i].days, "%d has %ld working days", t[i].year, t[i].days);
}

/* Spring Festival and National Day of every year: the break, the working
 * day on each side, and the make-up days. */
static void
test_breaks(const struct yk_calendar *cal)
{
	static const struct brk {
		const char *what;
		const char *before, *first, *last, *after; /* last workday, break, first workday */
		const char *makeup[3];
	} b[] = {
		/* 2020: 01-24..01-30 + extension 01-31..02-02; 01-19 Sun works,
		 * the first notice's 02-01 Sat fell inside the extension. */
		{"2020 春节", "2020-01-23", "2020-01-24", "2020-02-02", "2020-02-03", {"2020-01-19"}},
		{"2020 国庆节、中秋节", "2020-09-30", "2020-10-01", "2020-10-08", "2020-10-09",
		 {"2020-09-27", "2020-10-10"}},
		{"2021 春节", "2021-02-10", "2021-02-11", "2021-02-17", "2021-02-18",
		 {"2021-02-07", "2021-02-20"}},
		{"2021 国庆节", "2021-09-30", "2021-10-01", "2021-10-07", "2021-10-08",
		 {"2021-09-26", "2021-10-09"}},
		/* 2022 春节: the make-up Sunday 01-30 is the last working day. */
		{"2022 春节", "2022-01-30", "2022-01-31", "2022-02-06", "2022-02-07",
		 {"2022-01-29", "2022-01-30"}},
		/* 2022 国庆节: the first working day is the make-up Saturday 10-08. */
		{"2022 国庆节", "2022-09-30", "2022-10-01", "2022-10-07", "2022-10-08",
		 {"2022-10-08", "2022-10-09"}},
		{"2023 春节", "2023-01-20", "2023-01-21", "2023-01-27", "2023-01-28",
		 {"2023-01-28", "2023-01-29"}},
		{"2023 中秋节、国庆节", "2023-09-28", "2023-09-29", "2023-10-06", "2023-10-07",
		 {"2023-10-07", "2023-10-08"}},
		/* 2024 春节: 除夕 02-09 (Fri) is a working day; 02-18 Sun works. */
		{"2024 春节", "2024-02-09", "2024-02-10", "2024-02-17", "2024-02-18",
		 {"2024-02-04", "2024-02-18"}},
		{"2024 国庆节", "2024-09-30", "2024-10-01", "2024-10-07", "2024-10-08",
		 {"2024-09-29", "2024-10-12"}},
		/* 2025: 春节 from 除夕, 8 days (the 2024 revision added a day). */
		{"2025 春节", "2025-01-27", "2025-01-28", "2025-02-04", "2025-02-05",
		 {"2025-01-26", "2025-02-08"}},
		{"2025 国庆节、中秋节", "2025-09-30", "2025-10-01", "2025-10-08", "2025-10-09",
		 {"2025-09-28", "2025-10-11"}},
		/* 2026 春节: 9 days; the last working day is the make-up Sat 02-14. */
		{"2026 春节", "2026-02-14", "2026-02-15", "2026-02-23", "2026-02-24",
		 {"2026-02-14", "2026-02-28"}},
		{"2026 国庆节", "2026-09-30", "2026-10-01", "2026-10-07", "2026-10-08",
		 {"2026-09-20", "2026-10-10"}},
	};

	for (size_t i = 0; i < sizeof b / sizeof b[0]; i++) {
		const struct brk *x = &b[i];
		int all_off = 1;

		ok(calendar_is_workday(cal, P(x->before)), "%s: %s is the last working day before",
		   x->what, x->before);
		ok(calendar_is_workday(cal, P(x->after)), "%s: %s is the first working day after",
		   x->what, x->after);
		kind_is(cal, x->first, CAL_HOLIDAY);
		kind_is(cal, x->last, CAL_HOLIDAY);
		for (yk_date d = P(x->before) + 1; d < P(x->after); d++)
			if (calendar_is_workday(cal, d)) {
				printf("#   %s works\n", F(d));
				all_off = 0;
			}
		ok(all_off, "%s: no working day in %s..%s", x->what, x->first, x->last);
		/* The break holds no working day, so one day on lands after it. */
		add_is(cal, x->before, 1, x->after);
		count_is(cal, x->before, x->after, 1);
		count_is(cal, x->before, x->last, 0);
		for (int k = 0; k < 3 && x->makeup[k]; k++) {
			kind_is(cal, x->makeup[k], CAL_MAKEUP);
			ok(calendar_is_workday(cal, P(x->makeup[k])) && date_is_weekend(P(x->makeup[k])),
			   "%s: make-up day %s is a weekend day that works", x->what, x->makeup[k]);
		}
	}

	/* Further steps across the breaks; each comment counts the days. */
	add_is(cal, "2020-01-17", 2, "2020-01-20");	/* 01-19 Sun make-up = 1, 01-20 Mon = 2 */
	add_is(cal, "2020-01-23", 2, "2020-02-04");	/* 02-03 = 1, 02-04 = 2 (02-01 not a make-up day) */
	add_is(cal, "2020-09-30", 3, "2020-10-12");	/* 10-09 Fri = 1, 10-10 Sat = 2, 10-12 Mon = 3 */
	count_is(cal, "2020-09-30", "2020-10-12", 3);
	add_is(cal, "2021-02-10", 3, "2021-02-20");	/* 02-18 = 1, 02-19 = 2, 02-20 Sat = 3 */
	add_is(cal, "2021-09-17", 1, "2021-09-18");	/* 中秋 make-up Sat 09-18 = 1 */
	add_is(cal, "2021-09-30", 2, "2021-10-09");	/* 10-08 Fri = 1, 10-09 Sat = 2 */
	add_is(cal, "2022-01-28", 2, "2022-01-30");	/* 01-29 Sat = 1, 01-30 Sun = 2 */
	add_is(cal, "2022-01-28", 3, "2022-02-07");	/* …, 02-07 Mon = 3 */
	count_is(cal, "2022-01-28", "2022-02-07", 3);
	add_is(cal, "2022-09-30", 3, "2022-10-10");	/* 10-08 Sat = 1, 10-09 Sun = 2, 10-10 Mon = 3 */
	add_is(cal, "2023-01-20", 3, "2023-01-30");	/* 01-28 Sat = 1, 01-29 Sun = 2, 01-30 Mon = 3 */
	add_is(cal, "2023-09-28", 3, "2023-10-09");	/* 10-07 Sat = 1, 10-08 Sun = 2, 10-09 Mon = 3 */
	add_is(cal, "2024-02-02", 1, "2024-02-04");	/* 02-03 Sat off, 02-04 Sun make-up = 1 */
	add_is(cal, "2024-02-09", 2, "2024-02-19");	/* 02-18 Sun = 1, 02-19 Mon = 2 */
	add_is(cal, "2024-09-30", 5, "2024-10-12");	/* 10-08..10-11 = 1..4, 10-12 Sat = 5 */
	count_is(cal, "2024-09-27", "2024-10-08", 3);	/* 09-29 Sun = 1, 09-30 = 2, 10-08 = 3 */
	add_is(cal, "2025-01-24", 1, "2025-01-26");	/* 01-25 Sat off, 01-26 Sun make-up = 1 */
	add_is(cal, "2025-01-27", 4, "2025-02-08");	/* 02-05..02-07 = 1..3, 02-08 Sat = 4 */
	add_is(cal, "2025-09-30", 3, "2025-10-11");	/* 10-09 = 1, 10-10 = 2, 10-11 Sat = 3 */
	add_is(cal, "2026-02-24", 4, "2026-02-28");	/* 02-25..02-27 = 1..3, 02-28 Sat = 4 */
	add_is(cal, "2026-09-30", 3, "2026-10-10");	/* 10-08 = 1, 10-09 = 2, 10-10 Sat = 3 */
	add_is(cal, "2026-09-18", 1, "2026-09-20");	/* 09-19 Sat off, 09-20 Sun make-up = 1 */

	/* The 2020 extension and the year-end day of the 2023 元旦 break. */
	kind_is(cal, "2020-01-31", CAL_HOLIDAY);
	kind_is(cal, "2020-02-01", CAL_HOLIDAY);
	is_str(calendar_day_name(cal, P("2020-02-01")), "春节（延长）", "2020-02-01 is the extension");
	is_str(calendar_day_name(cal, P("2020-01-24")), "春节", "2020-01-24 is 春节");
	kind_is(cal, "2022-12-31", CAL_HOLIDAY);
	kind_is(cal, "2023-01-02", CAL_HOLIDAY);
	/* 2024 元旦 and 端午节 "与周末连休": the weekend stays a weekend. */
	kind_is(cal, "2023-12-30", CAL_WEEKEND);
	kind_is(cal, "2024-01-01", CAL_HOLIDAY);
	kind_is(cal, "2024-06-08", CAL_WEEKEND);
	kind_is(cal, "2024-06-10", CAL_HOLIDAY);
	/* 2025 劳动节 has one make-up day only (04-27); 05-10 Sat is off. */
	kind_is(cal, "2025-04-27", CAL_MAKEUP);
	kind_is(cal, "2025-05-10", CAL_WEEKEND);
	kind_is(cal, "2026-01-04", CAL_MAKEUP);
	kind_is(cal, "2026-10-08", CAL_WORKDAY);
	kind_is(cal, "2026-10-09", CAL_WORKDAY);
	kind_is(cal, "2026-03-07", CAL_WEEKEND);
	is_str(calendar_day_name(cal, P("2026-02-14")), "春节", "2026-02-14 make-up day is named 春节");
	ok(calendar_day_name(cal, P("2026-03-02")) == NULL, "an ordinary day has no name");
}

static void
test_convention(const struct yk_calendar *cal)
{
	yk_date d;
	yk_error err = {0};
	char msg[256];

	/* domain §5: Thu 02-12 + 3 → 02-13 Fri = 1, 02-14 Sat make-up = 2,
	 * 02-15..02-23 春节, 02-24 Tue = 3. */
	add_is(cal, "2026-02-12", 3, "2026-02-24");
	count_is(cal, "2026-02-12", "2026-02-24", 3);
	count_is(cal, "2026-02-12", "2026-02-23", 2);

	/* Start day not counted, even when it is a working day. */
	add_is(cal, "2026-03-02", 1, "2026-03-03");
	count_is(cal, "2026-03-02", "2026-03-02", 0);
	count_is(cal, "2026-02-16", "2026-02-16", 0);
	count_is(cal, "2026-02-24", "2026-02-12", -3);

	/* Opened on a holiday or weekend: the first counted day is the next
	 * working day. 02-16 Mon is 春节 → 02-24 = 1, 02-25 = 2, 02-26 = 3. */
	add_is(cal, "2026-02-16", 1, "2026-02-24");
	add_is(cal, "2026-02-15", 3, "2026-02-26");
	count_is(cal, "2026-02-16", "2026-02-24", 1);
	add_is(cal, "2026-03-07", 1, "2026-03-09");	/* Sat → Mon 03-09 = 1 */
	add_is(cal, "2026-03-08", 1, "2026-03-09");	/* Sun → Mon 03-09 = 1 */
	is_str(F(calendar_next_workday(cal, P("2026-02-16"))), "2026-02-24", "next workday after 02-16");
	is_str(F(calendar_next_workday(cal, P("2026-02-13"))), "2026-02-14",
	       "next workday after Fri 02-13 is the make-up Sat");

	/* add 0 is the start day itself, whatever its kind. */
	add_is(cal, "2026-02-16", 0, "2026-02-16");
	add_is(cal, "2026-03-07", 0, "2026-03-07");
	add_is(cal, "2026-03-02", 0, "2026-03-02");

	/* Errors: negative, outside the span, beyond 2099. */
	ok(calendar_add(cal, P("2026-03-02"), -1, &d, &err) < 0 && strstr(err.msg, "负数"),
	   "add -1 is refused: %s", err.msg);
	ok(calendar_add(cal, P("2100-01-01"), 1, &d, &err) < 0 && strstr(err.msg, "2100-01-01"),
	   "start 2100-01-01 is refused: %s", err.msg);
	ok(calendar_add(cal, P("1999-12-31"), 1, &d, &err) < 0 && strstr(err.msg, "1999-12-31"),
	   "start 1999-12-31 is refused: %s", err.msg);
	ok(calendar_add(cal, P("2099-12-30"), 5, &d, &err) < 0 && strstr(err.msg, "2099-12-31"),
	   "2099-12-30 + 5 runs past the span: %s", err.msg);
	ok(calendar_add(cal, P("2000-01-01"), 1000000, &d, &err) < 0,
	   "a million working days runs past the span: %s", err.msg);
	add_is(cal, "2099-12-30", 1, "2099-12-31");	/* Thu 2099-12-31 = 1 */
	add_is(cal, "2000-01-01", 1, "2000-01-03");	/* Sat → Mon 01-03 = 1 */
	ok(calendar_in_range(P("2000-01-01")) && calendar_in_range(P("2099-12-31")) &&
	   !calendar_in_range(P("1999-12-31")) && !calendar_in_range(P("2100-01-01")) &&
	   !calendar_in_range(YK_DATE_NONE),
	   "the span is 2000-01-01..2099-12-31");

	/* Across a year boundary with both years loaded: 2025-12-30 Tue + 5 →
	 * 12-31 Wed = 1, 2026-01-01..03 元旦, 01-04 Sun make-up = 2,
	 * 01-05 = 3, 01-06 = 4, 01-07 = 5. */
	add_is(cal, "2025-12-30", 5, "2026-01-07");
	count_is(cal, "2025-12-30", "2026-01-07", 5);
	is_int(calendar_missing_years(cal, P("2025-12-31"), P("2026-01-07"), msg, sizeof msg), 0,
	       "no year missing in 2025-12-31..2026-01-07");
	is_str(msg, "", "and the warning is empty");
	/* 2022-12-30 Fri + 1 → 12-31 Sat 元旦, 2023-01-01..02 元旦, 01-03 Tue = 1 */
	add_is(cal, "2022-12-30", 1, "2023-01-03");

	/* Into a year without a file: weekends only, and said. 2026-12-30 +
	 * 5 → 12-31 Thu = 1, 2027-01-01 Fri = 2 (no notice known), 01-04 = 3,
	 * 01-05 = 4, 01-06 = 5. */
	add_is(cal, "2026-12-30", 5, "2027-01-06");
	count_is(cal, "2026-12-30", "2027-01-06", 5);
	is_int(calendar_missing_years(cal, P("2026-12-31"), P("2027-01-06"), msg, sizeof msg), 1,
	       "one year missing in 2026-12-31..2027-01-06");
	is_str(msg, "2027 年的日历没有载入——只按周末计", "the warning says so");
	is_int(calendar_first_missing_year(cal, P("2026-12-31"), P("2027-01-06")), 2027,
	       "first missing year is 2027");
	is_int(calendar_first_missing_year(cal, P("2020-01-01"), P("2026-12-31")), 0,
	       "no missing year in 2020..2026");
	kind_is(cal, "2027-01-01", CAL_WORKDAY);
	kind_is(cal, "2027-01-02", CAL_WEEKEND);
	is_int(calendar_missing_years(cal, P("2026-06-01"), P("2028-01-01"), msg, sizeof msg), 2,
	       "two years missing in 2026..2028");
	is_str(msg, "2027 年的日历没有载入，2028 年的日历没有载入——只按周末计",
	       "both are named");
	/* A long span still ends with "weekends only" in a small buffer. */
	is_int(calendar_missing_years(cal, P("2000-01-01"), P("2099-12-31"), msg, 120), 93,
	       "93 years missing in 2000..2099");
	ok(strlen(msg) < 120 && strstr(msg, "2000 年的日历没有载入") == msg &&
	   strstr(msg, "——只按周末计") && strstr(msg, "…"),
	   "a long list is cut short but still says weekends only: %s", msg);
	{
		char tiny[8] = "xxxxxxx";

		calendar_missing_years(cal, P("2027-01-01"), P("2027-01-02"), tiny, sizeof tiny);
		ok(strlen(tiny) < sizeof tiny, "a tiny buffer is not overrun");
	}
}

/* add and count agree with a naive day-by-day walk, for every start day
 * 2019-12-01..2027-01-31 and every N up to 60 (and counts up to 120 days
 * on), including the edges into and out of the years without files. */
static void
test_brute_force(const struct yk_calendar *cal)
{
	long bad_add = 0, bad_count = 0, bad_kind = 0, bad_agree = 0, checks = 0;

	for (yk_date d = P("2019-12-01"); d <= P("2027-12-31"); d++) {
		int k = calendar_kind(cal, d), nw = naive_works(cal, d);

		if ((k == CAL_WORKDAY || k == CAL_MAKEUP) != nw ||
		    (k == CAL_MAKEUP && !date_is_weekend(d))) {
			if (bad_kind++ < 5)
				printf("#   kind of %s is %s, naive says %s\n", F(d), kind_name(k),
				       nw ? "works" : "off");
		}
	}
	ok(bad_kind == 0, "every day 2019-12..2027-12 has the kind its file says");

	for (yk_date s = P("2019-12-01"); s <= P("2027-01-31"); s++) {
		long naive = 0;

		for (yk_date e = s; e <= s + 120; e++) {
			if (e > s && naive_works(cal, e)) {
				naive++;
				if (naive <= 60) {
					yk_date got = YK_DATE_NONE;

					checks++;
					if (calendar_add(cal, s, naive, &got, NULL) < 0) {
						bad_add++;
						continue;
					}
					if (got != e && bad_add++ < 5)
						printf("#   add %s + %ld = %s, naive %s\n", F(s), naive,
						       F(got), F(e));
					if (calendar_count(cal, s, got) != naive)
						bad_agree++;
				}
			}
			if (calendar_count(cal, s, e) != naive) {
				if (bad_count++ < 5)
					printf("#   count %s..%s = %ld, naive %ld\n", F(s), F(e),
					       calendar_count(cal, s, e), naive);
			}
		}
	}
	ok(checks > 150000, "brute force ran %ld add checks", checks);
	ok(bad_add == 0, "add(S, N) matches the naive walk (%ld mismatches)", bad_add);
	ok(bad_count == 0, "count(S, E) matches the naive walk (%ld mismatches)", bad_count);
	ok(bad_agree == 0, "count(S, add(S, N)) == N (%ld mismatches)", bad_agree);
}

/* ---- the loader -------------------------------------------------------- */

/* Load `text` into cal as "t.cal"; it must fail at `line` saying `what`. */
static void
refused(struct yk_calendar *cal, const char *text, size_t len, int line, const char *what,
	const char *desc)
{
	yk_error err = {0};
	char want[32];
	int rc = calendar_load_text(cal, text, len ? len : strlen(text), "t.cal", &err);

	snprintf(want, sizeof want, "t.cal:%d: ", line);
	ok(rc < 0 && strncmp(err.msg, want, strlen(want)) == 0 && strstr(err.msg, what),
	   "%s: %s", desc, err.msg);
	if (rc == 0 || !strstr(err.msg, what))
		printf("#   want '%s…%s'\n", want, what);
}

#define HEAD "year 2026\nsource test\n"

static void
test_loader(struct yk_calendar *cal)
{
	yk_error err = {0};
	int year = 0;
	yk_date d;

	refused(cal, HEAD "holidy 2026-01-01 元旦\n", 0, 3, "未知的关键字 'holidy'",
		"unknown keyword");
	refused(cal, HEAD "holiday 2026-02-30 春节\n", 0, 3, "'2026-02-30' 不是日期",
		"a day that does not exist");
	refused(cal, HEAD "holiday 2026/2/3 春节\n", 0, 3, "不是日期", "a date in another format");
	refused(cal, HEAD "\n# a comment\nholiday 2025-12-31 元旦\n", 0, 5, "2025-12-31 不在 2026 年",
		"a date outside the file's year");
	refused(cal, HEAD "holiday 2026-12-30..2027-01-02 元旦\n", 0, 3, "2027-01-02 不在 2026 年",
		"a range running into the next year");
	refused(cal, HEAD "workday 2026-02-13 春节\n", 0, 3,
		"调休上班日 2026-02-13 是工作日", "a make-up day on a Friday");
	refused(cal, HEAD "workday 2026-02-14..2026-02-15 春节\n", 0, 3, "不写范围",
		"a make-up range");
	refused(cal, HEAD "holiday 2026-02-15..2026-02-23 春节\nholiday 2026-02-20 春节\n", 0, 4,
		"2026-02-20 已列在第 3 行", "a duplicate date");
	refused(cal, HEAD "holiday 2026-02-14 春节\nworkday 2026-02-14 春节\n", 0, 4,
		"已列在第 3 行", "a day both holiday and make-up");
	refused(cal, "source test\nholiday 2026-01-01 元旦\n", 0, 2, "要写在所有 holiday 和 workday 行之前",
		"an entry before the year line");
	refused(cal, "# no year\nsource test\n", 0, 3, "没有 'year YYYY' 行", "a missing year line");
	refused(cal, "year 2026\nholiday 2026-01-01 元旦\n", 0, 3, "没有写明国务院通知的 'source' 行",
		"a missing source line");
	refused(cal, "", 0, 1, "没有 'year YYYY' 行", "an empty file");
	refused(cal, HEAD "year 2027\n", 0, 3, "第二个 'year' 行", "a second year line");
	refused(cal, HEAD "source again\n", 0, 3, "第二个 'source' 行", "a second source line");
	refused(cal, "year 2100\n", 0, 1, "不是 2000..2099 之间的年份", "a year beyond 2099");
	refused(cal, "year 26\n", 0, 1, "不是", "a two-digit year");
	refused(cal, "year\n", 0, 1, "一个四位数的年份", "a year line without a year");
	refused(cal, "year 2026\nsource\n", 0, 2, "要写通知的文号和日期", "an empty source");
	refused(cal, HEAD "holiday 2026-01-01 \xff\xfe\n", 0, 3, "不是有效的 UTF-8", "invalid UTF-8");
	refused(cal, HEAD "holiday 2026-01-01 \xe5\x85\n", 0, 3, "不是有效的 UTF-8",
		"a truncated UTF-8 sequence");
	refused(cal, HEAD "holiday 2026-01-03..2026-01-01 元旦\n", 0, 3, "范围的结束早于开始",
		"a reversed range");
	refused(cal, HEAD "holiday 2026-01-01..2026-03-01 元旦\n", 0, 3, "超过 31 天的假期",
		"a two-month holiday");
	refused(cal, HEAD "holiday 2026-01-01..2026-02-01 元旦\n", 0, 3, "超过 31 天的假期",
		"a holiday of 32 days");
	{
		struct yk_calendar *c31 = calendar_new();
		const char *t31 = HEAD "holiday 2026-01-01..2026-01-31 元旦\n";

		ok(calendar_load_text(c31, t31, strlen(t31), "t.cal", &err) == 0,
		   "a holiday of 31 days is the longest accepted");
		calendar_free(c31);
	}
	refused(cal, HEAD "holiday 2026-01-01\n", 0, 3, "缺少假期的名称", "no name");
	refused(cal, HEAD "holiday\n", 0, 3, "要写一个日期", "no date");
	refused(cal, HEAD "holiday 2026-01-01 a\0b\n", sizeof HEAD "holiday 2026-01-01 a\0b\n" - 1, 3,
		"NUL 字节", "a NUL byte");

	/* What is accepted: comments, blank lines, CRLF, a BOM, indentation,
	 * a one-day range, a name with spaces. */
	{
		static const char good[] = "\xef\xbb\xbfyear 2030\r\nsource s\r\n\r\n  # c\r\n"
					   "holiday 2030-01-01..2030-01-01 元 旦\r\n"
					   "\tworkday 2030-01-05 x"; /* no final newline */
		int rc = calendar_check_text(good, strlen(good), "ok.cal", &year, &err);

		if (rc < 0)
			printf("# %s\n", err.msg);
		ok(rc == 0, "BOM, CRLF, comments, indentation, no final newline are accepted");
	}
	is_int(year, 2030, "check_text reports the year");
	ok(!calendar_year_loaded(cal, 2030), "check_text loads nothing");

	/* A failed load leaves the year loaded before untouched. */
	refused(cal, "year 2026\nsource broken\nholiday 2026-03-02 不存在\nbogus\n", 0, 4,
		"未知的关键字", "a bad 2026 file after the good one");
	is_str(calendar_year_source(cal, 2026), "国办发明电〔2025〕7号, 2025-11-04",
	       "2026 keeps its source after a failed load");
	kind_is(cal, "2026-03-02", CAL_WORKDAY);
	kind_is(cal, "2026-02-16", CAL_HOLIDAY);
	add_is(cal, "2026-02-12", 3, "2026-02-24");
	ok(!calendar_year_loaded(cal, 2027), "a failed 2027 file is not half-loaded");
	refused(cal, "year 2027\nsource x\nholiday 2027-01-01 元旦\nholiday 2027-02-30 x\n", 0, 4,
		"不是日期", "a bad 2027 file");
	ok(!calendar_year_loaded(cal, 2027), "2027 is still not loaded");

	/* A good load replaces the year; reloading the real file restores it. */
	ok(calendar_load_text(cal, "year 2026\nsource bare\n", 21, "bare.cal", &err) == 0,
	   "a bare 2026 file loads");
	kind_is(cal, "2026-02-16", CAL_WORKDAY);
	kind_is(cal, "2026-02-14", CAL_WEEKEND);
	ok(calendar_add(cal, P("2026-02-12"), 3, &d, &err) == 0 && d == P("2026-02-17"),
	   "with the bare 2026 file, 02-12 + 3 = 02-17 (weekdays only)");
	ok(load_year(cal, 2026) == 0, "reload the real 2026 file");
	kind_is(cal, "2026-02-16", CAL_HOLIDAY);
	add_is(cal, "2026-02-12", 3, "2026-02-24");
}

int
main(void)
{
	struct yk_calendar *cal = calendar_new();

	/* Before any file: weekends only everywhere. */
	kind_is(cal, "2026-02-16", CAL_WORKDAY);
	kind_is(cal, "2026-02-14", CAL_WEEKEND);
	ok(!calendar_year_loaded(cal, 2026), "nothing loaded yet");

	test_files_load(cal);
	test_year_totals(cal);
	test_breaks(cal);
	test_convention(cal);
	test_brute_force(cal);
	test_loader(cal);
	calendar_free(cal);
	return tap_done();
}
