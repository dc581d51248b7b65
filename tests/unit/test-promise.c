/* The clocks beside the legal ones (core/promise.h): the connection date
 * agreed with the customer (契约式接电, 001 附件1 row 10) and the follow-up
 * after energising (回访, 003 附件1 row 22), counted over the 2026 Spring
 * Festival (holiday 02-15..02-23, Sat 02-14 a make-up working day, 国办发明电
 * 〔2025〕7号) and over a plain weekend. Every figure worked out by hand. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdata.h"
#include "yekuo/core/promise.h"

static struct yk_calendar *cal;

static void
mk(struct case_state *c)
{
	case_state_init(c);
	snprintf(c->region, sizeof c->region, "national");
	c->category = CAT_LV_OTHER;
	c->applied = day("2026-02-02");
	c->status = CASE_OPEN;
}

static struct side_clock
promise(const char *promised, const char *today, const char *energised)
{
	struct case_state c;
	struct side_clock k;
	yk_error err;

	mk(&c);
	c.promised = day(promised);
	if (energised) {
		c.status = CASE_CLOSED;
		c.closed_on = c.done[STAGE_ENERGISE] = day(energised);
	}
	if (case_promise_clock(&c, cal, day(today), &k, &err) < 0)
		printf("# %s\n", err.msg);
	return k;
}

static struct side_clock
follow(const char *energised, const char *today, const char *done)
{
	struct case_state c;
	struct side_clock k;
	yk_error err;

	mk(&c);
	c.status = CASE_CLOSED;
	c.closed_on = c.done[STAGE_ENERGISE] = day(energised);
	if (done)
		c.followed_up = day(done);
	if (case_follow_up_clock(&c, 5, cal, day(today), &k, &err) < 0)
		printf("# %s\n", err.msg);
	return k;
}

static void
is_clock(struct side_clock k, const char *due, long left, enum engine_state st, const char *what)
{
	char b[YK_DATE_BUFSZ], got[96], want[96];

	snprintf(got, sizeof got, "%s %ld %s", date_format(k.due, b), k.left, engine_state_code(k.state));
	snprintf(want, sizeof want, "%s %ld %s", due, left, engine_state_code(st));
	is_str(got, want, what);
}

int
main(void)
{
	struct yk_rules *rules = rules_new(), *own = rules_new();
	struct case_state c;
	struct side_clock k;
	char *text;
	size_t len;
	yk_error err;

	cal = calendar_new();
	text = data_file("calendar/2026.cal", &len);
	if (calendar_load_text(cal, text, len, "2026.cal", &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	free(text);

	/* promised Tue 02-24: working days from Wed 02-11 are Thu 12, Fri 13,
	 * Sat 14 (make-up), Tue 24 */
	is_clock(promise("2026-02-24", "2026-02-11", NULL), "2026-02-24", 4, ES_ON_TRACK,
		 "4 WD before the promise: on track");
	is_clock(promise("2026-02-24", "2026-02-12", NULL), "2026-02-24", 3, ES_WARNING,
		 "3 WD (Fri, the make-up Sat, Tue): due soon");
	is_clock(promise("2026-02-24", "2026-02-22", NULL), "2026-02-24", 1, ES_WARNING,
		 "on a holiday, 1 WD left");
	is_clock(promise("2026-02-24", "2026-02-24", NULL), "2026-02-24", 0, ES_DUE_TODAY, "due today");
	is_clock(promise("2026-02-24", "2026-02-25", NULL), "2026-02-24", -1, ES_OVERDUE, "missed the day after");
	is_clock(promise("2026-02-24", "2026-03-02", "2026-02-24"), "2026-02-24", 0, ES_DONE_ON_TIME,
		 "energised on the day: kept");
	is_clock(promise("2026-02-24", "2026-03-02", "2026-02-26"), "2026-02-24", -2, ES_DONE_LATE,
		 "energised two working days after: broken by 2");
	mk(&c);
	c.promised = day("2026-02-24");
	c.status = CASE_WITHDRAWN;
	c.closed_on = day("2026-02-12");
	case_promise_clock(&c, cal, day("2026-02-25"), &k, &err);
	is_int(k.has, 0, "a withdrawn case keeps no promise");
	mk(&c);
	case_promise_clock(&c, cal, day("2026-02-25"), &k, &err);
	is_int(k.has, 0, "nor a case without one");
	/* a date past the calendar's span (2000..2099): refused, saying which */
	mk(&c);
	c.promised = date_from_ymd(2100, 1, 4);
	ok(case_promise_clock(&c, cal, day("2026-02-25"), &k, &err) < 0 &&
		   strstr(err.msg, "2026-02-25..2100-01-04：超出日历的范围") != NULL,
	   "a promise past the calendar's span is refused, naming the dates: %s", err.msg);

	/* follow-up, 5 WD: energised Thu 02-12 → Fri 13, Sat 14, Tue 24, Wed 25, Thu 26 */
	is_clock(follow("2026-02-12", "2026-02-20", NULL), "2026-02-26", 3, ES_ON_TRACK,
		 "over the holiday the follow-up has used 2 of 5");
	is_clock(follow("2026-02-12", "2026-02-25", NULL), "2026-02-26", 1, ES_WARNING, "1 left: a warning");
	is_clock(follow("2026-02-12", "2026-02-26", NULL), "2026-02-26", 0, ES_DUE_TODAY, "due on 02-26");
	is_clock(follow("2026-02-12", "2026-02-27", NULL), "2026-02-26", -1, ES_OVERDUE, "overdue by 1 on 02-27");
	/* energised Fri 03-06 → Mon 9 … Fri 13; Sat 03-14 is a rest day right after */
	is_clock(follow("2026-03-06", "2026-03-14", NULL), "2026-03-13", 0, ES_DUE_TODAY,
		 "the rest day after the due date: 0 left, not overdue (domain §5.2)");
	is_clock(follow("2026-03-06", "2026-03-16", NULL), "2026-03-13", -1, ES_OVERDUE,
		 "overdue on the first working day past it");
	is_clock(follow("2026-03-06", "2026-03-20", "2026-03-14"), "2026-03-13", 0, ES_DONE_ON_TIME,
		 "a call on that rest day is on time");
	is_clock(follow("2026-03-06", "2026-03-20", "2026-03-16"), "2026-03-13", -1, ES_DONE_LATE,
		 "a call on Monday is 1 late");
	mk(&c);
	case_follow_up_clock(&c, 5, cal, day("2026-02-25"), &k, &err);
	is_int(k.has, 0, "an open case has no follow-up yet");

	/* the period: the profile's, else the default */
	text = data_file("rules/national-2025.rules", &len);
	if (rules_load_text(rules, text, len, "national-2025.rules", &err) < 0 || rules_finish(rules, &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	mk(&c);
	c.applied = day("2026-03-02");
	is_int(case_follow_up_days(&c, rules), RULE_FOLLOW_UP_DEFAULT, "national-2025 names none: the default");
	is_int(RULE_FOLLOW_UP_DEFAULT, 5, "which is 5 working days (docs/rules-format.md)");
	{
		const char *head = "profile own-2025\nregion national CN 全国\nsource 测试\neffective 2025-07-01\n"
				   "follow-up 3 本局规定三个工作日\n";
		char *own_text = malloc(len + strlen(head) + 1);
		const char *cat = strstr(text, "\ncategory ");

		sprintf(own_text, "%s%s", head, cat ? cat + 1 : "");
		ok(rules_load_text(own, own_text, strlen(own_text), "own.rules", &err) == 0 &&
			   rules_finish(own, &err) == 0,
		   "a profile with a follow-up line loads");
		is_int(case_follow_up_days(&c, own), 3, "and gives its period");
		is_str(rules_by_id(own, "own-2025") ? rules_by_id(own, "own-2025")->follow_up_source : "",
		       "本局规定三个工作日", "with its clause");
		free(own_text);
	}
	{
		struct yk_rules *bad = rules_new();
		const char *t = "profile bad-2025\nregion national CN 全国\nsource 测试\neffective 2025-07-01\n"
				"follow-up 0 零\n";

		ok(rules_load_text(bad, t, strlen(t), "bad.rules", &err) < 0, "a period of 0 is refused");
		ok(strstr(err.msg, "bad.rules:5:") != NULL, "naming the file and line");
		rules_free(bad);
		bad = rules_new();
		t = "profile bad-2025\nregion national CN 全国\nsource 测试\neffective 2025-07-01\nfollow-up 5\n";
		ok(rules_load_text(bad, t, strlen(t), "bad.rules", &err) < 0, "a period without its clause is refused");
		rules_free(bad);
	}
	free(text);
	rules_free(rules);
	rules_free(own);
	calendar_free(cal);
	return tap_done();
}
