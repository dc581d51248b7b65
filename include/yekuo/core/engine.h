#ifndef YEKUO_ENGINE_H
#define YEKUO_ENGINE_H

/* The deadline engine: from a case's dated facts, the loaded calendar and
 * the rule variant that applies, every clock of the case. Pure: no I/O, no
 * curses, no SQL, nothing stored — clocks are recomputed from the events
 * every time, so a new calendar year or a corrected rule file moves every
 * open case at once (docs/engine.md).
 *
 * Conventions (docs/domain §5):
 *  - elapsed working days from S to E = working days d, S < d <= E, minus
 *    the suspended ones;
 *  - a suspension from F to T (resumed on T) removes the working days d with
 *    F < d <= T; overlapping suspensions are merged, never counted twice;
 *    an open suspension runs to today and freezes the clock;
 *  - due = the day on which elapsed reaches the limit;
 *  - warning: 1 working day left, or less than a fifth of the limit. */

#include <stddef.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/rules.h"

enum engine_state {
	ES_PENDING,		/* not started: the ball is with the customer */
	ES_RUNNING,		/* started, no limit applies (tracked only) */
	ES_ON_TRACK,
	ES_WARNING,
	ES_DUE_TODAY,
	ES_OVERDUE,
	ES_SUSPENDED,		/* clock stopped by an open suspension */
	ES_DONE,		/* done, no limit applied */
	ES_DONE_ON_TIME,
	ES_DONE_LATE,
	ES_WITHDRAWN		/* the case was withdrawn before this clock finished */
};

const char *engine_state_code(enum engine_state s);	/* "on-track" … */
const char *engine_state_zh(enum engine_state s);	/* "正常" … */
/* Is the state a problem today (drives sorting "most urgent first")? */
int engine_state_rank(enum engine_state s);
/* "Most urgent first" between two cases: state rank, then fewest working
 * days left, then the earlier due date (none last); 0 when equal. The one
 * order of the dashboard and `case list`. */
int engine_urgency_cmp(enum engine_state sa, long left_a, yk_date due_a, enum engine_state sb,
		       long left_b, yk_date due_b);

struct engine_suspension {
	yk_date from;		/* the day it was opened */
	yk_date to;		/* the day it was closed (resumed), or YK_DATE_NONE */
};

/* An external-works permit (外线工程行政审批): the authority's clock, from
 * the day it was applied for to the day it was granted. Suspensions of the
 * case do not stop it: the wait is the authority's, not the customer's. */
struct engine_permit {
	const char *code;	/* "approval.road" */
	const char *name;	/* "占用挖掘道路许可" */
	yk_date applied, granted; /* granted: NONE while pending */
};

#define ENGINE_MAX_PERMITS 8

struct engine_input {
	const struct rule_profile *profile;
	const struct rule_variant *variant;
	int external_works;
	yk_date applied;		/* application (报装申请) */
	yk_date appointment;		/* customer's appointment for on-site service */
	yk_date started[STAGE_COUNT];	/* when the utility got the ball, or NONE */
	yk_date done[STAGE_COUNT];	/* when the stage was completed, or NONE */
	const struct engine_suspension *susp;
	size_t nsusp;
	yk_date filed_on;		/* grid-upgrade filing (电网升级改造备案), or NONE */
	yk_date filed_due;		/* its planned completion date */
	const struct engine_permit *permits; /* at most ENGINE_MAX_PERMITS */
	size_t npermits;
	yk_date withdrawn;		/* the case was withdrawn that day, or NONE:
					 * its clocks stopped then and run no more */
	yk_date today;
};

struct engine_clock {
	char code[48];		/* step code ("plan", "accept+plan") or "whole"/"total" */
	char name[96];
	int limit;		/* RULE_NO_LIMIT when untimed */
	yk_date started, due, done;	/* NONE where unknown */
	long elapsed;		/* working days used (suspensions excluded) */
	long remaining;		/* limit - elapsed (negative when over) */
	long late_by;		/* overdue / done late by N working days */
	long suspended;		/* working days removed by suspensions */
	long approval;		/* of elapsed, working days while a permit was pending */
	enum engine_state state;
	int filed;		/* due date replaced by a grid-upgrade filing */
};

struct engine_result {
	size_t nsteps;
	struct engine_clock steps[STAGE_COUNT];
	int has_whole;
	struct engine_clock whole;	/* whole process (LV 三零/居民) */
	int has_total;
	struct engine_clock total;	/* sum of stage times vs. total limit */
	size_t npermits;
	struct engine_clock permits[ENGINE_MAX_PERMITS]; /* the variant's approval
					 * limit each; not part of state or on_time */
	enum engine_state state;	/* the case's state: the most urgent clock */
	int on_time;			/* every stage and the whole process on time */
	int done;			/* energised */
	yk_date next_due;		/* earliest due date of a running clock */
	long days_left;			/* remaining WD on that clock */
	char current[48];		/* code of the first open step, "" when none */
	int current_stage;		/* the stage a user acts on next, -1 when none */
	unsigned stages;		/* the stages of the variant's process */
	char filed_note[160];		/* why a due date was replaced (Chinese, for
					 * the receipt; a screen words it from the
					 * two dates below) */
	yk_date filed_on, filed_due;	/* the filing and its planned date */
	int missing_year;		/* first year touched with no calendar file */
	int year_from, year_to;		/* calendar years the answer used */
};

/* What every answer built on r must say when it used a calendar year with
 * no file: "2027 calendar not loaded — weekends only" (docs/domain §5).
 * Returns the count of such years; buf gets "" when none. */
int engine_calendar_note(const struct yk_calendar *cal, const struct engine_result *r, char *buf,
			 size_t bufsz);

/* Compute every clock. Returns 0, or -1 with err set when a date lies
 * outside the calendar's span. */
int engine_compute(const struct yk_calendar *cal, const struct engine_input *in,
		   struct engine_result *out, yk_error *err);

#endif
