#ifndef YEKUO_PROMISE_H
#define YEKUO_PROMISE_H

/* The two clocks a case keeps beside its legal ones: the connection date
 * agreed with the customer (契约式接电, 001 附件1 row 10: 明确工程完工、接电
 * 时间) and the follow-up call after energising (回访, 003 附件1 row 22,
 * 004 附件2 row 28). Neither is part of the case's legal state or of its
 * on-time verdict; both are derived from the case and the calendar each
 * time, like every clock (docs/engine.md). Pure: no I/O. */

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/rules.h"

/* A promise is "due soon" (ES_WARNING) with at most this many working days
 * left: a customer manager has a working week's notice to keep it or to
 * agree another date with the customer (docs/policy.md). */
#define PROMISE_SOON_DAYS 3

struct side_clock {
	int has;		/* 0: no such clock (no promise; not energised) */
	yk_date due;		/* the promised date; the follow-up's last day */
	yk_date done;		/* energised / followed up, or YK_DATE_NONE */
	long left;		/* working days from today (or done) to due; negative past it */
	enum engine_state state; /* ES_ON_TRACK, ES_WARNING, ES_DUE_TODAY, ES_OVERDUE,
				  * ES_DONE_ON_TIME, ES_DONE_LATE */
};

/* The promised connection date against today: kept when energised by it,
 * missed (ES_OVERDUE) once today is past it with the case still open. A
 * withdrawn case has none. */
int case_promise_clock(const struct case_state *c, const struct yk_calendar *cal, yk_date today,
		       struct side_clock *out, yk_error *err);

/* The working days within which the case's profile wants it followed up
 * (its 'follow-up' line, else RULE_FOLLOW_UP_DEFAULT). */
int case_follow_up_days(const struct case_state *c, const struct yk_rules *rules);

/* The follow-up of an energised case: due `days` working days after the
 * energising day; done on the call that reached the customer or that the
 * customer declined (an unreachable call leaves it due). */
int case_follow_up_clock(const struct case_state *c, int days, const struct yk_calendar *cal,
			 yk_date today, struct side_clock *out, yk_error *err);

#endif
