/* The deadline engine against hand counts. Each case states the count in a
 * comment: "(1)" marks the first counted working day, and so on. Calendar
 * facts: 2025 国庆/中秋 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) worked;
 * 2026 春节 02-15..02-23 off, 02-14 and 02-28 (Sat) worked; 2026 中秋
 * 09-25..09-27 off; 国庆 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat)
 * worked. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdata.h"
#include "yekuo/core/engine.h"

#define D(s) day(s)
#define NONE YK_DATE_NONE

static struct yk_calendar *cal;

static const char *
fmt(yk_date d)
{
	static char b[8][YK_DATE_BUFSZ];
	static int i;

	i = (i + 1) % 8;
	return date_format(d, b[i]);
}

static void
load_year(struct yk_calendar *c, int year)
{
	char rel[32], *buf;
	size_t n;
	yk_error err;

	snprintf(rel, sizeof rel, "calendar/%d.cal", year);
	buf = data_file(rel, &n);
	if (calendar_load_text(c, buf, n, rel, &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	free(buf);
}

/* Variants built by hand: the engine must not depend on the rule files. */
static struct rule_variant
staged(const char *label, int n, const int *limits, const enum yk_stage *stg)
{
	struct rule_variant v;

	memset(&v, 0, sizeof v);
	snprintf(v.label, sizeof v.label, "%s", label);
	v.nsteps = (size_t)n;
	v.total = 0;
	for (int i = 0; i < n; i++) {
		v.steps[i].stages = 1u << stg[i];
		snprintf(v.steps[i].code, sizeof v.steps[i].code, "%s", stage_code(stg[i]));
		v.steps[i].limit = limits[i];
		v.total += limits[i];
	}
	v.whole_without = v.whole_with = RULE_NO_LIMIT;
	return v;
}

static const enum yk_stage HV[] = {STAGE_ACCEPT, STAGE_PLAN, STAGE_DESIGN, STAGE_MIDCHECK,
				   STAGE_FINAL, STAGE_ENERGISE};
static const int HV_SINGLE[] = {1, 10, 3, 2, 3, 3};
static const enum yk_stage LV[] = {STAGE_ACCEPT, STAGE_PLAN, STAGE_ENERGISE};
static const int LV_OTHER[] = {1, 3, 2};

/* national-2025 style 三零: untimed stages, whole process 5 / 15 WD (with
 * external works) from the appointment. */
static struct rule_variant
sanling_whole(void)
{
	struct rule_variant v;

	memset(&v, 0, sizeof v);
	v.nsteps = 3;
	for (int i = 0; i < 3; i++) {
		v.steps[i].stages = 1u << LV[i];
		snprintf(v.steps[i].code, sizeof v.steps[i].code, "%s", stage_code(LV[i]));
		v.steps[i].limit = RULE_NO_LIMIT;
	}
	v.total = RULE_NO_LIMIT;
	v.whole_without = 5;
	v.whole_with = 15;
	v.whole_from = WHOLE_FROM_APPOINTMENT;
	return v;
}

static void
input(struct engine_input *in, const struct rule_variant *v, const char *today)
{
	memset(in, 0, sizeof *in);
	in->variant = v;
	in->applied = in->appointment = in->filed_on = in->filed_due = in->withdrawn = NONE;
	for (int s = 0; s < STAGE_COUNT; s++)
		in->started[s] = in->done[s] = NONE;
	in->today = D(today);
}

static struct engine_result
run(const struct engine_input *in)
{
	struct engine_result r;
	yk_error err;

	if (engine_compute(cal, in, &r, &err) < 0) {
		printf("# engine error: %s\n", err.msg);
		memset(&r, 0, sizeof r);
	}
	return r;
}


/* ---- an independent working-day oracle ---------------------------------
 * Built from the calendar files by this test alone: its own date arithmetic
 * (days since 1970-01-01, 1970-01-01 a Thursday) and its own reading of the
 * "holiday A[..B]" / "workday A" lines, so a count that agrees with the
 * engine agrees with the rule book, not with the engine's own calendar. */
#define O_FIRST 2020
#define O_LAST 2026
static signed char o_mark[(O_LAST - O_FIRST + 1) * 366 + 8]; /* 1 holiday, 2 workday */
static long o_base;

static long
o_civil(int y, int m, int d)
{
	/* days from 1970-01-01 (H. Hinnant, days_from_civil) */
	long yy = m <= 2 ? y - 1 : y, era = yy / 400, yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static long
o_parse(const char *s)
{
	int y, m, d;

	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		printf("Bail out! oracle: bad date %s\n", s);
		exit(1);
	}
	return o_civil(y, m, d);
}

static void
o_load(void)
{
	o_base = o_civil(O_FIRST, 1, 1);
	for (int y = O_FIRST; y <= O_LAST; y++) {
		char path[1024], line[512], a[16], b[16];
		FILE *f;

		snprintf(path, sizeof path, "%s/calendar/%d.cal", getenv("YEKUO_DATA_DIR"), y);
		if (!(f = fopen(path, "r"))) {
			printf("Bail out! oracle: cannot open %s\n", path);
			exit(1);
		}
		while (fgets(line, sizeof line, f)) {
			int mark = strncmp(line, "holiday ", 8) == 0 ? 1 : strncmp(line, "workday ", 8) == 0 ? 2 : 0;
			long from, to;

			if (!mark)
				continue;
			b[0] = '\0';
			if (sscanf(line + 8, "%10[0-9-]..%10[0-9-]", a, b) < 1)
				continue;
			from = o_parse(a);
			to = b[0] ? o_parse(b) : from;
			for (long d = from; d <= to; d++)
				o_mark[d - o_base] = (signed char)mark;
		}
		fclose(f);
	}
}

static int
o_working(long d)
{
	int wd = (int)(((d % 7) + 7 + 3) % 7); /* 0 Monday … 6 Sunday */

	if (o_mark[d - o_base] == 1)
		return 0;
	if (o_mark[d - o_base] == 2)
		return 1;
	return wd < 5;
}

/* working days d with a < d <= b */
static long
o_count(long a, long b)
{
	long n = 0;

	for (long d = a + 1; d <= b; d++)
		n += o_working(d);
	return n;
}

/* the end of the limit-th working day after s */
static long
o_due(long s, long limit)
{
	long d = s;

	while (limit > 0)
		limit -= o_working(++d);
	return d;
}

/* The state the rule book gives a running stage with `used` of `limit`
 * working days gone (docs/domain §5, §5.2). */
static enum engine_state
o_live(long used, long limit)
{
	long left = limit - used;

	if (used > limit)
		return ES_OVERDUE;
	if (left == 0)
		return ES_DUE_TODAY;
	if (left <= 1 || left * 5 < limit)
		return ES_WARNING;
	return ES_ON_TRACK;
}

/* The oracle's day number of an engine date (same epoch, checked once). */
#define O(d) ((long)(d))

/* Docs/domain §5.2, the whole class: for every start day from 2025-09-15 to
 * 2026-03-15 (国庆/中秋 2025, 元旦 2026, 春节 2026 with its make-up
 * Saturdays and Sunday), limits 1, 2, 3, 5, 10 and 20, every viewing day
 * up to 40 days on: the live state, remaining and late_by are the oracle's;
 * and the live state is overdue exactly when finishing that day would be
 * late — no clock flips without a new fact. */
static void
test_on_time_is_a_count(void)
{
	static const int limits[] = {1, 2, 3, 5, 10, 20};
	struct rule_variant v = staged("lv-other", 3, LV_OTHER, LV);
	struct engine_input in;
	struct engine_result r;
	long first = o_parse("2025-09-15"), last = o_parse("2026-03-15");
	long n = 0, bad_state = 0, bad_rem = 0, bad_agree = 0, rest_after_due = 0, rest_ok = 0;
	char first_bad[200] = "";

	is_int(O(D("2026-03-06")), o_parse("2026-03-06"), "the oracle counts days as the engine does");
	for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
		v.steps[1].limit = limits[li];
		for (long s = first; s <= last; s++) {
			long due = o_due(s, limits[li]);

			for (long t = s; t <= s + 40; t++) {
				long used = o_count(s, t);
				enum engine_state want = o_live(used, limits[li]), live, verdict;
				int late_if_done;

				input(&in, &v, "2025-01-01");
				in.today = (yk_date)t;
				in.applied = in.started[STAGE_ACCEPT] = (yk_date)s;
				in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = (yk_date)s;
				r = run(&in);
				n++;
				if (r.steps[1].state != want || O(r.steps[1].due) != due ||
				    (want == ES_OVERDUE && r.steps[1].late_by != used - limits[li])) {
					if (!bad_state++)
						snprintf(first_bad, sizeof first_bad,
							 "limit %d from %s viewed %s: state %s due %s, oracle %s due %s",
							 limits[li], fmt((yk_date)s), fmt((yk_date)t),
							 engine_state_code(r.steps[1].state), fmt(r.steps[1].due),
							 engine_state_code(want), fmt((yk_date)due));
				}
				if (r.steps[1].remaining != limits[li] - used)
					bad_rem++;
				live = r.steps[1].state;
				if (t > due && !o_working(t) && used == limits[li]) {
					rest_after_due++;
					rest_ok += r.steps[1].state == ES_DUE_TODAY && r.steps[1].remaining == 0;
				}
				/* the verdict had it finished today */
				in.done[STAGE_PLAN] = (yk_date)t;
				r = run(&in);
				verdict = r.steps[1].state;
				late_if_done = used > limits[li];
				if ((verdict == ES_DONE_LATE) != late_if_done ||
				    (live == ES_OVERDUE) != (verdict == ES_DONE_LATE))
					bad_agree++;
			}
		}
	}
	if (first_bad[0])
		printf("# first disagreement: %s\n", first_bad);
	is_int(bad_state, 0, "%ld views: every live state and due date is the oracle's", n);
	is_int(bad_rem, 0, "every remaining count is the oracle's");
	ok(rest_after_due > 100, "the sweep meets many rest days right after a due date (%ld)", rest_after_due);
	is_int(rest_ok, rest_after_due, "on each, 0 remaining and due today, not overdue");
	is_int(bad_agree, 0, "the live state is overdue exactly when finishing that day is late");
}

/* The example, by hand: plan 3 from Tue 2026-03-03: 03-04 (1),
 * 03-05 (2), Fri 03-06 (3). Sat 03-07 and Sun 03-08 are rest days, Mon
 * 03-09 is the first working day past the limit. Then a make-up Saturday:
 * plan 1 from Thu 2026-02-12 is due Fri 02-13, and Sat 02-14 is a working
 * day, so 02-14 is already overdue. */
static void
test_rest_day_after_due(void)
{
	struct rule_variant v = staged("lv-other", 3, LV_OTHER, LV);
	struct engine_input in;
	struct engine_result r;
	static const char *const rest[] = {"2026-03-07", "2026-03-08"};

	input(&in, &v, "2026-03-06");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-03");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-03-06", "plan 3 WD from Tue 03-03 is due Fri 03-06");
	for (size_t i = 0; i < 2; i++) {
		in.today = D(rest[i]);
		in.done[STAGE_PLAN] = NONE;
		r = run(&in);
		is_int(r.steps[1].state, ES_DUE_TODAY, "%s (rest day after the due date): 0 left, not overdue", rest[i]);
		is_int(r.state, ES_DUE_TODAY, "%s: the case is not overdue either", rest[i]);
		is_int(r.days_left, 0, "%s: the case has 0 working days left", rest[i]);
		in.done[STAGE_PLAN] = D(rest[i]);
		r = run(&in);
		is_int(r.steps[1].state, ES_DONE_ON_TIME, "%s: replied that day it is on time", rest[i]);
	}
	in.done[STAGE_PLAN] = NONE;
	in.today = D("2026-03-09");
	r = run(&in);
	is_int(r.steps[1].state, ES_OVERDUE, "Mon 03-09, the first working day past the limit: overdue");
	is_int(r.steps[1].late_by, 1, "by 1 working day");

	v.steps[1].limit = 1;
	input(&in, &v, "2026-02-14");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-11");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-02-12");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-02-13", "plan 1 WD from Thu 02-12 is due Fri 02-13");
	is_int(r.steps[1].state, ES_OVERDUE, "Sat 02-14 is a make-up working day: overdue");
	in.today = D("2026-02-16");
	r = run(&in);
	is_int(r.steps[1].late_by, 1, "and still late by 1 on 02-16, inside 春节 (02-15..23 off)");
}

/* A grid-upgrade-filed whole-process clock (docs/domain §4.3), the class:
 * LV 三零 variants with and without external works, several filed dates
 * (working and rest days), completions before, on and after the filed
 * date, each viewed on many later days. A finished clock never changes
 * with the viewing date; a running one viewed before its start counts from
 * its start. Expectations from the oracle. */
static void
test_filed_clock(void)
{
	static const char *const filed_due[] = {"2026-03-20", "2026-03-21", "2026-04-03", "2026-04-06",
						"2026-02-24", "2026-02-14"};
	struct rule_variant v;
	struct engine_input in;
	struct engine_result r;
	long n = 0, moved = 0, bad_done = 0, bad_before = 0, nbefore = 0;
	char first_bad[200] = "";

	v = sanling_whole();
	for (size_t fi = 0; fi < sizeof filed_due / sizeof filed_due[0]; fi++) {
		long due = o_parse(filed_due[fi]);

		for (long appt = due - 30; appt < due - 3; appt += 2) {
			long applied = appt - 3;

			for (long done = appt + 1; done <= due + 6; done++) {
				long rem0 = 0, late0 = 0;
				int state0 = -1;

				for (long view = done; view <= done + 20; view += 3) {
					input(&in, &v, "2025-01-01");
					in.today = (yk_date)view;
					in.applied = in.started[STAGE_ACCEPT] = (yk_date)applied;
					in.appointment = (yk_date)appt;
					in.filed_on = (yk_date)applied;
					in.filed_due = (yk_date)due;
					in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = (yk_date)appt;
					in.done[STAGE_PLAN] = in.started[STAGE_ENERGISE] = (yk_date)appt;
					in.done[STAGE_ENERGISE] = (yk_date)done;
					r = run(&in);
					n++;
					if (state0 < 0) {
						long want_rem = done <= due ? o_count(done, due) : -o_count(due, done);
						long want_late = done > due ? o_count(due, done) : 0;

						rem0 = r.whole.remaining;
						late0 = r.whole.late_by;
						state0 = r.whole.state;
						if (rem0 != want_rem || late0 != want_late ||
						    (state0 == ES_DONE_LATE) != (want_late > 0)) {
							if (!bad_done++)
								snprintf(first_bad, sizeof first_bad,
									 "filed %s done %s: remaining %ld late %ld, oracle %ld %ld",
									 filed_due[fi], fmt((yk_date)done), rem0, late0,
									 want_rem, want_late);
						}
					} else if (r.whole.remaining != rem0 || r.whole.late_by != late0 ||
						   (int)r.whole.state != state0) {
						moved++;
					}
				}
			}
			/* running, viewed on each day before the appointment */
			for (long view = applied; view < appt; view++) {
				input(&in, &v, "2025-01-01");
				in.today = (yk_date)view;
				in.applied = in.started[STAGE_ACCEPT] = (yk_date)applied;
				in.appointment = (yk_date)appt;
				in.filed_on = (yk_date)applied;
				in.filed_due = (yk_date)due;
				r = run(&in);
				nbefore++;
				if (r.whole.remaining != o_count(appt, due))
					bad_before++;
			}
		}
	}
	if (first_bad[0])
		printf("# first disagreement: %s\n", first_bad);
	is_int(bad_done, 0, "%ld views of finished filed clocks: remaining and lateness are the oracle's at completion", n);
	is_int(moved, 0, "no finished filed clock changes with the viewing date");
	is_int(bad_before, 0, "%ld views before the start: remaining counts from the start", nbefore);
}

/* The examples, by hand. Filed 2026-03-03, planned 2026-03-20,
 * energised Tue 03-10: 03-11..13 (3), 03-16..20 (8) working days short of
 * the filed date, whenever it is looked at. Applied Fri 03-06, appointment
 * Mon 03-09, viewed Sat 03-07: 03-10..13 (4), 03-16..20 (9) left, the
 * appointment day itself not counted. */
static void
test_filed_examples(void)
{
	struct rule_variant v;
	struct engine_input in;
	struct engine_result r;
	static const char *const views[] = {"2026-03-10", "2026-03-13", "2026-03-25", "2026-06-01"};

	memset(&v, 0, sizeof v);
	v.nsteps = 1;
	v.steps[0].stages = (1u << STAGE_ACCEPT) | (1u << STAGE_PLAN) | (1u << STAGE_ENERGISE);
	snprintf(v.steps[0].code, sizeof v.steps[0].code, "all");
	v.steps[0].limit = RULE_NO_LIMIT;
	v.total = RULE_NO_LIMIT;
	v.whole_without = 5;
	v.whole_with = 15;
	v.whole_from = WHOLE_FROM_APPOINTMENT;
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
		input(&in, &v, views[i]);
		in.applied = in.started[STAGE_ACCEPT] = in.appointment = D("2026-03-02");
		in.filed_on = D("2026-03-03");
		in.filed_due = D("2026-03-20");
		in.done[STAGE_ENERGISE] = D("2026-03-10");
		r = run(&in);
		is_int(r.whole.remaining, 8, "finished 03-10, viewed %s: 8 working days to spare", views[i]);
		is_int(r.whole.state, ES_DONE_ON_TIME, "viewed %s: done on time", views[i]);
	}
	for (int i = 6; i <= 8; i++) {
		char today[16];

		snprintf(today, sizeof today, "2026-03-%02d", i);
		input(&in, &v, today);
		in.applied = in.started[STAGE_ACCEPT] = D("2026-03-06");
		in.appointment = D("2026-03-09");
		in.filed_on = D("2026-03-06");
		in.filed_due = D("2026-03-20");
		r = run(&in);
		is_int(r.whole.remaining, 9, "viewed %s, before the Monday appointment: 9 left", today);
	}
}

/* A withdrawn case runs no clock (the class: a clock on track, one overdue,
 * one not yet started, a whole process; viewed on many later days): every
 * unfinished clock and the case say withdrawn, with nothing left and no
 * due date to chase; what finished before keeps its verdict. */
static void
test_withdrawn(void)
{
	struct rule_variant v = staged("hv-single", 6, HV_SINGLE, HV);
	struct rule_variant lv = staged("lv-other", 3, LV_OTHER, LV);
	static const char *const views[] = {"2026-03-10", "2026-03-31", "2026-07-01"};
	struct engine_input in;
	struct engine_result r;

	lv.whole_without = lv.whole_with = 10;
	lv.whole_from = WHOLE_FROM_APPLICATION;
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
		/* HV plan 10 from Mon 03-02, withdrawn Wed 03-04 with 8 left */
		input(&in, &v, views[i]);
		in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
		in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-02");
		in.withdrawn = D("2026-03-04");
		r = run(&in);
		is_int(r.steps[1].state, ES_WITHDRAWN, "seen %s: the plan clock stopped at the withdrawal", views[i]);
		is_int(r.steps[1].remaining, 0, "seen %s: nothing remaining", views[i]);
		is_int(r.steps[1].elapsed, 2, "seen %s: the 2 WD used before it (03-03, 03-04)", views[i]);
		is_int(r.steps[0].state, ES_DONE_ON_TIME, "seen %s: the finished acceptance keeps its verdict", views[i]);
		is_int(r.steps[2].state, ES_WITHDRAWN, "seen %s: a stage never started is withdrawn too", views[i]);
		is_int(r.state, ES_WITHDRAWN, "seen %s: the case is withdrawn", views[i]);
		ok(r.next_due == NONE && r.days_left == 0 && !r.current[0],
		   "seen %s: no due date, no days left, no current step", views[i]);
		/* LV plan 3 from Mon 03-02 due 03-05, withdrawn Mon 03-09 2 WD over */
		input(&in, &lv, views[i]);
		in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
		in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-02");
		in.withdrawn = D("2026-03-09");
		r = run(&in);
		is_int(r.steps[1].state, ES_WITHDRAWN, "seen %s: a clock overdue when withdrawn is not overdue", views[i]);
		is_int(r.whole.state, ES_WITHDRAWN, "seen %s: nor is the whole process", views[i]);
		is_int(r.state, ES_WITHDRAWN, "seen %s: the case is withdrawn, not overdue", views[i]);
	}
}

static void
test_spring_festival(void)
{
	struct rule_variant v = staged("hv-single", 6, HV_SINGLE, HV);
	struct engine_input in;
	struct engine_result r;

	/* The domain example: accepted Thu 2026-02-12, limit 3:
	 * 02-13 Fri (1), 02-14 Sat make-up (2), 02-15..23 off, 02-24 Tue (3). */
	struct rule_variant lv = staged("lv-other", 3, LV_OTHER, LV);
	input(&in, &lv, "2026-02-13");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-11");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-02-12");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-02-24", "plan 3 WD from Thu 2026-02-12 is due Tue 02-24 (make-up Sat counts)");
	is_int(r.steps[1].remaining, 2, "on 02-13 two working days are left");
	is_int(r.steps[1].state, ES_ON_TRACK, "two of three left is on track");
	is_str(r.current, "plan", "the current step is the plan");

	/* hv-single plan 10 from Thu 2026-02-12: 02-13 (1), 02-14 (2), 02-24 (3),
	 * 25 (4), 26 (5), 27 (6), 02-28 Sat make-up (7), 03-02 (8), 03-03 (9),
	 * 03-04 (10). */
	input(&in, &v, "2026-02-20");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-11");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-02-12");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-03-04", "hv plan 10 WD across 春节 2026 is due 03-04");
	is_int(r.steps[1].elapsed, 2, "in the middle of the break only 2 WD have elapsed");
	is_int(r.steps[1].remaining, 8, "and 8 remain");
	is_int(r.steps[0].state, ES_DONE_ON_TIME, "accept done in 1 WD is on time");
}

static void
test_national_day_2025(void)
{
	struct rule_variant v = staged("lv-other", 3, LV_OTHER, LV);
	struct engine_input in;
	struct engine_result r;

	/* Plan 3 from Fri 2025-09-26: 09-28 Sun make-up (1), 09-29 (2), 09-30 (3). */
	input(&in, &v, "2025-09-26");
	in.applied = in.started[STAGE_ACCEPT] = D("2025-09-25");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2025-09-26");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2025-09-30", "plan from 2025-09-26 is due 09-30 (Sun 09-28 worked)");
	/* Plan 3 from Tue 2025-09-30: 10-01..08 off, 10-09 (1), 10-10 (2),
	 * 10-11 Sat make-up (3). */
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2025-09-30");
	in.today = D("2025-10-11");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2025-10-11", "plan from 2025-09-30 is due Sat 10-11, a make-up day");
	is_int(r.steps[1].state, ES_DUE_TODAY, "on 10-11 it is due today");
	in.today = D("2025-10-13");
	r = run(&in);
	is_int(r.steps[1].state, ES_OVERDUE, "on Mon 10-13 it is overdue");
	is_int(r.steps[1].late_by, 1, "overdue by 1 working day (10-13)");
	in.today = D("2025-10-12");
	r = run(&in);
	/* docs/domain §5.2: done on that Sunday the stage is on time, so it is
	 * not overdue while the Sunday lasts. */
	is_int(r.steps[1].state, ES_DUE_TODAY, "Sunday after the due Saturday: 0 left, not overdue");
	is_int(r.steps[1].remaining, 0, "0 working days remaining");
	is_int(r.steps[1].late_by, 0, "no working day late yet");
	in.done[STAGE_PLAN] = D("2025-10-11");
	r = run(&in);
	is_int(r.steps[1].state, ES_DONE_ON_TIME, "replied on the make-up Saturday: on time");
	in.done[STAGE_PLAN] = D("2025-10-14");
	r = run(&in);
	is_int(r.steps[1].state, ES_DONE_LATE, "replied Tue 10-14: late");
	is_int(r.steps[1].late_by, 2, "late by 2 WD (10-13, 10-14)");
}

static void
test_suspensions(void)
{
	struct rule_variant v = staged("hv-single", 6, HV_SINGLE, HV);
	struct engine_input in;
	struct engine_result r;
	struct engine_suspension s[2];

	/* hv plan 10 from Mon 2026-09-21, no suspension: 09-22 (1), 09-23 (2),
	 * 09-24 (3), 09-25..27 中秋 off, 09-28 (4), 09-29 (5), 09-30 (6),
	 * 10-01..07 off, 10-08 (7), 10-09 (8), 10-10 Sat make-up (9), 10-12 (10). */
	input(&in, &v, "2026-09-22");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-09-18");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-09-21");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-10-12", "plan 10 WD from 2026-09-21 is due 10-12");

	/* Suspended Thu 09-24 (客户原因), resumed Fri 10-09: removes the WD in
	 * (09-24, 10-09] = 09-28, 09-29, 09-30, 10-08, 10-09 = 5, not the 15
	 * calendar days. Counting: 09-22 (1), 09-23 (2), 09-24 (3), resume:
	 * 10-10 Sat (4), 10-12 (5), 13 (6), 14 (7), 15 (8), 16 (9), 10-19 (10). */
	s[0].from = D("2026-09-24");
	s[0].to = D("2026-10-09");
	in.susp = s;
	in.nsusp = 1;
	in.today = D("2026-10-13");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-10-19", "a suspension over 国庆 moves the due date by its 5 WD");
	is_int(r.steps[1].suspended, 5, "5 working days suspended, not 15 calendar days");
	is_int(r.steps[1].elapsed, 6, "on 10-13 elapsed is 3 + 3 (10-10, 10-12, 10-13) = 6");

	/* Overlap: a second suspension (09-28, 10-12] overlaps the first; the
	 * union (09-24, 10-12] removes 09-28..30, 10-08, 10-09, 10-10, 10-12 =
	 * 7 WD, counted once. Then 10-13 (4) … 10-16 (7), 10-19 (8), 10-20 (9),
	 * 10-21 (10). */
	s[1].from = D("2026-09-28");
	s[1].to = D("2026-10-12");
	in.nsusp = 2;
	in.today = D("2026-10-13");
	r = run(&in);
	is_int(r.steps[1].suspended, 7, "overlapping suspensions are not double-counted");
	is_str(fmt(r.steps[1].due), "2026-10-21", "due after the merged suspension");

	/* A pause over a weekend: suspended Fri 2026-03-06, resumed Mon 03-09:
	 * removes only (03-06, 03-09] = Mon 03-09, one working day. */
	input(&in, &v, "2026-03-10");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-03-04");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-05");
	s[0].from = D("2026-03-06");
	s[0].to = D("2026-03-09");
	in.susp = s;
	in.nsusp = 1;
	r = run(&in);
	is_int(r.steps[1].suspended, 1, "a Fri-Mon pause removes 1 working day, not 3");
	/* 03-06 (1), [03-09 removed], 03-10 (2): elapsed 2 on 03-10. */
	is_int(r.steps[1].elapsed, 2, "elapsed counts working days only");

	/* Open suspension: the clock is frozen and stays frozen. */
	s[0].to = NONE;
	in.today = D("2026-03-10");
	r = run(&in);
	is_int(r.steps[1].state, ES_SUSPENDED, "an open suspension shows the stage as suspended");
	{
		long e1 = r.steps[1].elapsed;

		in.today = D("2026-03-20");
		r = run(&in);
		is_int(r.steps[1].elapsed, e1, "ten days later the suspended clock has not moved");
		is_int(r.steps[1].state, ES_SUSPENDED, "and is still shown suspended");
		is_int(r.state, ES_SUSPENDED, "the case shows as suspended");
	}
}

static void
test_later_suspension_and_ties(void)
{
	struct rule_variant v = staged("lv-other", 3, LV_OTHER, LV);
	struct engine_input in;
	struct engine_result r;
	struct engine_suspension s[1];

	/* plan 3 from Mon 2026-03-02: 03-03 (1), 03-04 (2), 03-05 (3): due 03-05,
	 * replied 03-04. A suspension during energising, (03-06, 03-12], must
	 * not move the finished plan's due date. */
	input(&in, &v, "2026-03-16");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-27");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-02");
	in.done[STAGE_PLAN] = in.started[STAGE_ENERGISE] = D("2026-03-04");
	s[0].from = D("2026-03-06");
	s[0].to = D("2026-03-12");
	in.susp = s;
	in.nsusp = 1;
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-03-05", "a pause after the plan was replied leaves its due date alone");
	is_int(r.steps[1].state, ES_DONE_ON_TIME, "and it stays on time");
	/* energise 2 from Wed 03-04: 03-05 (1), 03-06 (2). The pause opened on
	 * 03-06 removes only the days after it, so the due date stays 03-06. */
	is_str(fmt(r.steps[2].due), "2026-03-06", "the running step's due date counts the day a pause opened");
	/* Replied Tue 03-03, then paused (03-04, 03-10]: the pause began
	 * before the plan's due date but after it was replied, so that date
	 * stays 03-05; and while the pause is open the finished plan keeps
	 * its verdict. */
	in.done[STAGE_PLAN] = in.started[STAGE_ENERGISE] = D("2026-03-03");
	s[0].from = D("2026-03-04");
	s[0].to = D("2026-03-10");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-03-05",
	       "a pause that began after the plan was replied, before its due date, leaves that date");
	s[0].to = NONE;
	in.today = D("2026-03-06");
	r = run(&in);
	is_int(r.steps[1].state, ES_DONE_ON_TIME, "a finished stage shows its verdict, not suspended");
	is_int(r.steps[2].state, ES_SUSPENDED, "while the running one is suspended");

	/* A suspended 三零 case: its untimed steps and its whole-process clock
	 * are all suspended; the case shows the whole process's frozen days. */
	{
		struct rule_variant w;

		memset(&w, 0, sizeof w);
		w.nsteps = 2;
		w.steps[0].stages = (1u << STAGE_ACCEPT) | (1u << STAGE_PLAN);
		snprintf(w.steps[0].code, sizeof w.steps[0].code, "accept+plan");
		w.steps[0].limit = RULE_NO_LIMIT;
		w.steps[1].stages = 1u << STAGE_ENERGISE;
		snprintf(w.steps[1].code, sizeof w.steps[1].code, "energise");
		w.steps[1].limit = RULE_NO_LIMIT;
		w.total = RULE_NO_LIMIT;
		w.whole_without = 5;
		w.whole_with = 15;
		w.whole_from = WHOLE_FROM_APPOINTMENT;
		/* appointment Mon 03-02; 03-03 (1), 03-04 (2); suspended 03-04, open */
		input(&in, &w, "2026-03-10");
		in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
		in.appointment = D("2026-03-02");
		s[0].from = D("2026-03-04");
		s[0].to = NONE;
		in.susp = s;
		in.nsusp = 1;
		r = run(&in);
		is_int(r.state, ES_SUSPENDED, "a suspended 三零 case shows suspended");
		is_int(r.days_left, 3, "with the whole process's 3 frozen working days left, not 0");
	}
}

static void
test_holiday_start_and_states(void)
{
	struct rule_variant v = staged("lv-other", 3, LV_OTHER, LV);
	struct engine_input in;
	struct engine_result r;

	/* Opened on 国庆 holiday Sat 2026-10-03, accept limit 1: the first
	 * counted day is the next working day, Thu 10-08 (1). */
	input(&in, &v, "2026-10-05");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-10-03");
	r = run(&in);
	is_str(fmt(r.steps[0].due), "2026-10-08", "a case opened on a holiday is due on the first working day after");
	is_int(r.steps[0].elapsed, 0, "no working day elapsed during the holiday");
	is_int(r.steps[0].state, ES_WARNING, "1 WD left is a warning");

	/* Warning thresholds on a 10-day limit: 2 left = on track (2 is a fifth,
	 * not less), 1 left = warning. hv plan 10 from Mon 2026-03-02: 03-03
	 * (1) … 03-13 (9)? 03-03..06 = 4, 03-09..13 = 9, 03-16 = 10 → due 03-16. */
	struct rule_variant hv = staged("hv-single", 6, HV_SINGLE, HV);
	input(&in, &hv, "2026-03-12");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-27");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-02");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2026-03-16", "plan due 03-16");
	is_int(r.steps[1].remaining, 2, "on 03-12, 2 WD left");
	is_int(r.steps[1].state, ES_ON_TRACK, "2 of 10 left is still on track");
	in.today = D("2026-03-13");
	r = run(&in);
	is_int(r.steps[1].state, ES_WARNING, "1 of 10 left is a warning");
	in.today = D("2026-03-16");
	r = run(&in);
	is_int(r.steps[1].state, ES_DUE_TODAY, "due today on 03-16");
	in.today = D("2026-03-18");
	r = run(&in);
	is_int(r.steps[1].state, ES_OVERDUE, "overdue on 03-18");
	is_int(r.steps[1].late_by, 2, "overdue by 2 WD");
	is_int(r.state, ES_OVERDUE, "the case is overdue");
	is_int(r.days_left, -2, "the case shows -2 days left");
	/* hv-dual plan 20: 3 left (3*5 = 15 < 20) is a warning. */
	{
		static const int HV_DUAL[] = {1, 20, 3, 2, 3, 3};
		struct rule_variant dual = staged("hv-dual", 6, HV_DUAL, HV);

		input(&in, &dual, "2026-03-25");
		in.applied = in.started[STAGE_ACCEPT] = D("2026-02-27");
		in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-02");
		/* due: 03-02 + 20 WD = 03-30; on 03-25: 17 elapsed, 3 left */
		r = run(&in);
		is_int(r.steps[1].remaining, 3, "hv-dual plan: 3 of 20 left on 03-25");
		is_int(r.steps[1].state, ES_WARNING, "less than a fifth left is a warning");
		in.today = D("2026-03-24");
		r = run(&in);
		is_int(r.steps[1].state, ES_ON_TRACK, "4 of 20 left (exactly a fifth) is on track");
	}
}

static void
test_whole_process(void)
{
	struct rule_variant v;
	struct engine_input in;
	struct engine_result r;

	v = sanling_whole();

	/* Applied Fri 2026-02-27, appointment Mon 03-02: 03-03 (1) … 03-06 (4),
	 * 03-09 (5). */
	input(&in, &v, "2026-03-04");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-27");
	in.appointment = D("2026-03-02");
	r = run(&in);
	ok(r.has_whole, "a 三零 case has a whole-process clock");
	is_str(fmt(r.whole.due), "2026-03-09", "whole 5 WD from the appointment 03-02 is due 03-09");
	is_int(r.steps[0].state, ES_RUNNING, "stages without their own limit are tracked, untimed");
	in.external_works = 1;
	r = run(&in);
	/* 15 WD from 03-02: 03-03..06 (4), 09..13 (9), 16..20 (14), 03-23 (15). */
	is_str(fmt(r.whole.due), "2026-03-23", "with external works 15 WD: due 03-23");

	/* national-2021 style: from the application. */
	v.whole_from = WHOLE_FROM_APPLICATION;
	v.whole_without = 25;
	in.external_works = 0;
	r = run(&in);
	ok(r.whole.started == D("2026-02-27"), "national-2021 counts from the application");

	/* Grid-upgrade filing: filed 03-04, planned completion 2026-06-30. */
	v.whole_from = WHOLE_FROM_APPOINTMENT;
	v.whole_without = 5;
	in.filed_on = D("2026-03-04");
	in.filed_due = D("2026-06-30");
	in.today = D("2026-03-20");
	r = run(&in);
	is_str(fmt(r.whole.due), "2026-06-30", "a grid-upgrade filing moves the whole-process due date");
	ok(r.whole.filed, "and the clock says it was replaced by a filing");
	ok(strstr(r.filed_note, "2026-06-30") != NULL, "the reason names the filed date");
	is_int(r.whole.state, ES_ON_TRACK, "without the filing it would be overdue; with it, on track");
	in.filed_on = in.filed_due = NONE;
	r = run(&in);
	is_int(r.whole.state, ES_OVERDUE, "the same case without a filing is overdue");

	/* On time needs every stage on time: whole process on time but a stage late. */
	{
		struct rule_variant lv = staged("lv-other", 3, LV_OTHER, LV);

		lv.whole_without = 10;
		lv.whole_with = 10;
		lv.whole_from = WHOLE_FROM_APPLICATION;
		input(&in, &lv, "2026-03-20");
		in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
		in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-05"); /* 3 WD > 1 */
		in.done[STAGE_PLAN] = in.started[STAGE_ENERGISE] = D("2026-03-06");
		in.done[STAGE_ENERGISE] = D("2026-03-09");
		r = run(&in);
		is_int(r.whole.state, ES_DONE_ON_TIME, "whole process 5 WD of 10: on time");
		is_int(r.steps[0].state, ES_DONE_LATE, "accept took 3 WD of 1: late");
		ok(!r.on_time, "the case is not on time when any stage is late");
		ok(r.done, "an energised case is done");
		is_int(r.state, ES_DONE_LATE, "and is shown as done late");
	}
}

static void
test_merged_steps(void)
{
	struct rule_variant v;
	struct engine_input in;
	struct engine_result r;

	/* jining-2020 10 kV single ≤1250 kVA: 业务受理并答复供电方案 2 WD,
	 * 验收送电 5 WD. One clock runs from accept start to plan reply. */
	memset(&v, 0, sizeof v);
	v.nsteps = 2;
	v.steps[0].stages = (1u << STAGE_ACCEPT) | (1u << STAGE_PLAN);
	snprintf(v.steps[0].code, sizeof v.steps[0].code, "accept+plan");
	v.steps[0].limit = 2;
	v.steps[1].stages = (1u << STAGE_FINAL) | (1u << STAGE_ENERGISE);
	snprintf(v.steps[1].code, sizeof v.steps[1].code, "final+energise");
	v.steps[1].limit = 5;
	v.total = 7;
	v.whole_without = v.whole_with = RULE_NO_LIMIT;
	/* Applied Thu 2026-02-12: 02-13 (1), 02-14 Sat make-up (2). */
	input(&in, &v, "2026-02-13");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-02-12");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-02-13");
	r = run(&in);
	is_str(fmt(r.steps[0].due), "2026-02-14", "merged accept+plan 2 WD from 02-12 is due Sat 02-14");
	is_int(r.steps[0].state, ES_WARNING, "accepted but plan not replied: merged clock still running");
	ok(r.has_total, "the merged profile still has a total");
	is_int(r.total.limit, 7, "total 7");
	is_int((int)r.stages, (1 << STAGE_ACCEPT) | (1 << STAGE_PLAN) | (1 << STAGE_FINAL) | (1 << STAGE_ENERGISE),
	       "its process has no design review and no mid-check (004 注2)");
	is_int(r.current_stage, STAGE_PLAN, "the plan is the stage to act on");
	in.done[STAGE_PLAN] = D("2026-02-14");
	r = run(&in);
	is_int(r.current_stage, STAGE_FINAL, "after the plan, the completion inspection: not the design review");
}

static void
test_recompute_on_new_calendar(void)
{
	struct rule_variant v = staged("hv-single", 6, HV_SINGLE, HV);
	struct engine_input in;
	struct engine_result r;
	struct yk_calendar *saved = cal;
	yk_error err;
	/* A made-up 2027 file: 01-04 off, Sat 01-09 worked. */
	static const char y2027[] = "year 2027\nsource test\nholiday 2027-01-04 test\n"
				    "workday 2027-01-09 test\n";

	/* plan 10 from Wed 2026-12-23: 12-24 (1), 25 (2), 28 (3), 29 (4),
	 * 30 (5), 31 (6), weekends-only 2027: 01-01 (7), 01-04 (8), 01-05 (9),
	 * 01-06 (10). */
	input(&in, &v, "2026-12-28");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-12-22");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-12-23");
	r = run(&in);
	is_str(fmt(r.steps[1].due), "2027-01-06", "without a 2027 file: weekends only");
	is_int(r.missing_year, 2027, "and the result says 2027 is not loaded");

	cal = calendar_new();
	load_year(cal, 2026);
	ok(calendar_load_text(cal, y2027, strlen(y2027), "2027.cal", &err) == 0, "a 2027 file loads");
	r = run(&in);
	/* now 01-04 is off: 01-01 (7), 01-05 (8), 01-06 (9), 01-07 (10). Wait:
	 * 01-01 is a Friday and not a holiday in the made-up file. */
	is_str(fmt(r.steps[1].due), "2027-01-07", "with 2027 loaded the same events give a new due date");
	is_int(r.missing_year, 0, "and no year is missing");
	calendar_free(cal);
	cal = saved;
}

/* "Most urgent first" (the dashboard and case list): the higher state
 * first, then fewer days left, then the earlier due date (none last). */
static void
test_urgency_order(void)
{
	yk_date a = D("2026-03-10"), b = D("2026-03-12");

	ok(engine_urgency_cmp(ES_OVERDUE, -2, a, ES_ON_TRACK, 5, a) < 0 &&
		   engine_urgency_cmp(ES_ON_TRACK, 5, a, ES_OVERDUE, -2, a) > 0,
	   "an overdue case before one on track");
	ok(engine_urgency_cmp(ES_DONE_ON_TIME, 0, NONE, ES_WARNING, 1, a) > 0,
	   "a finished case after one that needs action");
	ok(engine_urgency_cmp(ES_ON_TRACK, 2, b, ES_ON_TRACK, 5, a) < 0 &&
		   engine_urgency_cmp(ES_ON_TRACK, 5, a, ES_ON_TRACK, 2, b) > 0,
	   "in one state, 2 days left before 5 days left");
	ok(engine_urgency_cmp(ES_ON_TRACK, 3, a, ES_ON_TRACK, 3, b) < 0 &&
		   engine_urgency_cmp(ES_ON_TRACK, 3, b, ES_ON_TRACK, 3, a) > 0,
	   "same state and days left: the earlier due date first");
	ok(engine_urgency_cmp(ES_RUNNING, 0, NONE, ES_RUNNING, 0, a) > 0 &&
		   engine_urgency_cmp(ES_RUNNING, 0, a, ES_RUNNING, 0, NONE) < 0,
	   "a clock without a due date after one with");
	is_int(engine_urgency_cmp(ES_WARNING, 1, a, ES_WARNING, 1, a), 0, "equal cases tie");
}

/* Boundaries of the summed clocks, of two clocks in one state, and of
 * what a filing moves. */
static void
test_clock_boundaries(void)
{
	struct rule_variant v = staged("lv-other", 3, LV_OTHER, LV), w;
	struct engine_input in;
	struct engine_result r;

	/* lv-other totals 6: accept 1 (03-02 → 03-03), plan 3 (03-03 → 03-06),
	 * energise 2 (03-06 → 03-10): exactly 6, on time as a whole */
	input(&in, &v, "2026-03-10");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-03");
	in.done[STAGE_PLAN] = in.started[STAGE_ENERGISE] = D("2026-03-06");
	r = run(&in);
	is_int(r.total.elapsed, 6, "open on 03-10 with 6 of the total's 6 days used");
	is_int(r.total.state, ES_RUNNING, "the total at exactly its limit is not overdue");
	in.done[STAGE_ENERGISE] = D("2026-03-10");
	r = run(&in);
	is_int(r.total.state, ES_DONE_ON_TIME, "finished at exactly the total: on time");
	is_int(r.state, ES_DONE_ON_TIME, "and so is the case");

	/* two running clocks in one state: the case speaks with the nearer
	 * deadline. lv-other with a whole-process limit of 15 besides: on
	 * 03-03 the plan (due 03-06) and the whole process (due 03-23) are
	 * both on track */
	w = v;
	w.whole_without = w.whole_with = 15;
	w.whole_from = WHOLE_FROM_APPLICATION;
	input(&in, &w, "2026-03-03");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-03");
	r = run(&in);
	is_int(r.steps[1].state, ES_ON_TRACK, "the plan is on track");
	is_int(r.whole.state, ES_ON_TRACK, "so is the whole process");
	is_int(r.days_left, 3, "the case shows the plan's 3 days left, not the whole process's 14");

	/* A grid-upgrade filing moves the connection's deadline only:
	 * acceptance and the plan keep theirs. */
	input(&in, &v, "2026-03-04");
	in.applied = in.started[STAGE_ACCEPT] = D("2026-03-02");
	in.done[STAGE_ACCEPT] = in.started[STAGE_PLAN] = D("2026-03-02");
	in.filed_on = D("2026-03-03");
	in.filed_due = D("2026-06-30");
	r = run(&in);
	ok(!r.steps[1].filed, "the plan is not moved by the filing");
	is_str(fmt(r.steps[1].due), "2026-03-05", "the plan stays due 03-05");
	in.done[STAGE_PLAN] = in.started[STAGE_ENERGISE] = D("2026-03-04");
	r = run(&in);
	ok(r.steps[2].filed, "the connection runs against the filed date");
	is_str(fmt(r.steps[2].due), "2026-06-30", "due on the planned completion date");
}

int
main(void)
{
	cal = calendar_new();
	for (int y = 2020; y <= 2026; y++)
		load_year(cal, y);
	test_spring_festival();
	test_national_day_2025();
	test_suspensions();
	test_holiday_start_and_states();
	test_later_suspension_and_ties();
	test_whole_process();
	test_merged_steps();
	test_recompute_on_new_calendar();
	o_load();
	test_on_time_is_a_count();
	test_rest_day_after_due();
	test_filed_clock();
	test_filed_examples();
	test_withdrawn();
	test_urgency_order();
	test_clock_boundaries();
	calendar_free(cal);
	return tap_done();
}
