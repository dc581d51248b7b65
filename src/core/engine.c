#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/engine.h"

static const struct {
	const char *code, *zh;
	int rank; /* higher = more urgent on a dashboard */
} states[] = {
	[ES_PENDING] = {"pending", N_("待客户"), 2},
	[ES_RUNNING] = {"running", N_("办理中"), 3},
	[ES_ON_TRACK] = {"on-track", N_("正常"), 4},
	[ES_WARNING] = {"warning", N_("预警"), 6},
	[ES_DUE_TODAY] = {"due-today", N_("今日到期"), 7},
	[ES_OVERDUE] = {"overdue", N_("超期"), 8},
	[ES_SUSPENDED] = {"suspended", N_("挂起"), 5},
	[ES_DONE] = {"done", N_("已完成"), 0},
	[ES_DONE_ON_TIME] = {"done-on-time", N_("按时完成"), 0},
	[ES_DONE_LATE] = {"done-late", N_("超时完成"), 1},
	[ES_WITHDRAWN] = {"withdrawn", N_("已撤销"), 0},
};

const char *
engine_state_code(enum engine_state s)
{
	return states[s].code;
}

const char *
engine_state_zh(enum engine_state s)
{
	return states[s].zh;
}

int
engine_state_rank(enum engine_state s)
{
	return states[s].rank;
}

int
engine_urgency_cmp(enum engine_state sa, long left_a, yk_date due_a, enum engine_state sb,
		   long left_b, yk_date due_b)
{
	int ra = engine_state_rank(sa), rb = engine_state_rank(sb);

	if (ra != rb)
		return rb - ra;
	if (left_a != left_b)
		return left_a < left_b ? -1 : 1;
	if (due_a != due_b)
		return due_a == YK_DATE_NONE ? 1 : due_b == YK_DATE_NONE ? -1 : due_a < due_b ? -1 : 1;
	return 0;
}

/* Suspensions as merged half-open day intervals (from, to]. */
struct span {
	yk_date from, to;
	int open;
};

struct ctx {
	const struct yk_calendar *cal;
	const struct engine_input *in;
	struct span *spans;
	size_t nspans;
	yk_date lo, hi; /* dates touched, for the calendar-years note */
};

static void
touch(struct ctx *c, yk_date d)
{
	if (d == YK_DATE_NONE)
		return;
	if (c->lo == YK_DATE_NONE)
		c->lo = c->hi = d;
	if (d < c->lo)
		c->lo = d;
	if (d > c->hi)
		c->hi = d;
}

static int
cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

static void
merge_suspensions(struct ctx *c)
{
	const struct engine_input *in = c->in;
	size_t n = 0;

	c->spans = calloc(in->nsusp ? in->nsusp : 1, sizeof *c->spans);
	if (!c->spans)
		return;
	for (size_t i = 0; i < in->nsusp; i++) {
		struct span s = {in->susp[i].from, in->susp[i].to, in->susp[i].to == YK_DATE_NONE};

		if (s.open)
			s.to = in->today;
		if (s.to <= s.from && !s.open)
			continue; /* opened and closed the same day: no day removed */
		c->spans[n++] = s;
	}
	qsort(c->spans, n, sizeof *c->spans, cmp_span);
	c->nspans = 0;
	for (size_t i = 0; i < n; i++) {
		struct span *last = c->nspans ? &c->spans[c->nspans - 1] : NULL;

		if (last && c->spans[i].from <= last->to) {
			if (c->spans[i].to > last->to)
				last->to = c->spans[i].to;
			last->open |= c->spans[i].open;
		} else {
			c->spans[c->nspans++] = c->spans[i];
		}
	}
}

/* Working days d with a < d <= b (0 when b <= a). */
static long
count(const struct ctx *c, yk_date a, yk_date b)
{
	return b > a ? calendar_count(c->cal, a, b) : 0;
}

/* Suspended working days in (s, e]. */
static long
excluded(const struct ctx *c, yk_date s, yk_date e)
{
	long x = 0;

	for (size_t i = 0; i < c->nspans; i++) {
		yk_date a = c->spans[i].from > s ? c->spans[i].from : s;
		yk_date b = c->spans[i].to < e ? c->spans[i].to : e;

		x += count(c, a, b);
	}
	return x;
}

/* Is a suspension still open? Then a running clock is frozen — even on the
 * day it was opened, before it has removed any day. */
static int
frozen(const struct ctx *c)
{
	for (size_t i = 0; i < c->nspans; i++)
		if (c->spans[i].open)
			return 1;
	return 0;
}

/* The day the elapsed count reaches `limit`: the least D with
 * count(s, D) - excluded(s, D) == limit. Iterating from below reaches the
 * least fixed point because excluded() only grows with D. */
static int
due_date(const struct ctx *c, yk_date s, long limit, yk_date done, yk_date *due, yk_error *err)
{
	long x = 0;

	for (;;) {
		yk_date d;
		long x2;

		if (calendar_add(c->cal, s, limit + x, &d, err) < 0)
			return -1;
		/* a stage already completed is untouched by suspensions after it */
		x2 = excluded(c, s, done != YK_DATE_NONE && d > done ? done : d);
		if (x2 == x) {
			*due = d;
			return 0;
		}
		x = x2;
	}
}

static void
copy_cut(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
set_name(struct engine_clock *k, const char *code, const char *name)
{
	copy_cut(k->code, sizeof k->code, code);
	copy_cut(k->name, sizeof k->name, name);
}

/* The live state of a clock still running, from the working days left and
 * the working days past the limit. One rule for every clock (docs/domain
 * §5.2): on time is a count, so a clock is overdue only from the first
 * working day past its limit; on the rest days right after the due date it
 * has 0 left, and finishing then is on time. */
static enum engine_state
live_state(long remaining, long over, int limit, int filed)
{
	if (over > 0)
		return ES_OVERDUE;
	if (remaining <= 0)
		return ES_DUE_TODAY;
	if (remaining <= 1 || (!filed && remaining * 5 < limit))
		return ES_WARNING;
	return ES_ON_TRACK;
}

/* One clock from its start, completion and limit. `filable`: a grid-upgrade
 * filing replaces the due date with its planned completion date. A finished
 * clock is measured at its completion, never at today, so it reads the same
 * whatever the day it is looked at. */
static int
run_clock(struct ctx *c, struct engine_clock *k, yk_date start, yk_date done, int limit,
	  int filable, yk_error *err)
{
	const struct engine_input *in = c->in;
	yk_date end;
	long over;

	k->limit = limit;
	k->started = start;
	k->done = done;
	k->due = YK_DATE_NONE;
	k->elapsed = k->remaining = k->late_by = k->suspended = 0;
	if (start == YK_DATE_NONE) {
		k->state = ES_PENDING;
		return 0;
	}
	touch(c, start);
	touch(c, done);
	/* the day the clock is read at: its completion, else the withdrawal
	 * of the case, else today — and never before its start, whose day is
	 * not counted */
	end = done != YK_DATE_NONE ? done : in->withdrawn != YK_DATE_NONE ? in->withdrawn : in->today;
	if (done == YK_DATE_NONE)
		touch(c, end);
	if (end < start)
		end = start;
	k->suspended = excluded(c, start, end);
	k->elapsed = count(c, start, end) - k->suspended;
	if (limit == RULE_NO_LIMIT) {
		k->state = done != YK_DATE_NONE ? ES_DONE
			 : frozen(c)	 ? ES_SUSPENDED
						 : ES_RUNNING;
		return 0;
	}
	if (filable && in->filed_on != YK_DATE_NONE && in->filed_due != YK_DATE_NONE &&
	    (done == YK_DATE_NONE || done > in->filed_on)) {
		/* 电网升级改造备案: the countdown runs against the filed date. */
		k->filed = 1;
		k->due = in->filed_due;
		touch(c, k->due);
		k->remaining = end <= k->due ? count(c, end, k->due) : -count(c, k->due, end);
		over = end > k->due ? count(c, k->due, end) : 0;
	} else {
		k->remaining = limit - k->elapsed;
		if (done == YK_DATE_NONE && frozen(c)) {
			k->state = ES_SUSPENDED;
			return 0;
		}
		if (due_date(c, start, limit, done, &k->due, err) < 0)
			return -1;
		touch(c, k->due);
		over = k->elapsed > limit ? k->elapsed - limit : 0;
	}
	k->late_by = over;
	if (done != YK_DATE_NONE)
		k->state = over > 0 ? ES_DONE_LATE : ES_DONE_ON_TIME;
	else
		k->state = live_state(k->remaining, over, limit, k->filed);
	return 0;
}

/* A withdrawn case runs no clock: what was not finished stopped on the day
 * of the withdrawal — not on track, not overdue, nothing left. */
static void
stop_withdrawn(struct engine_clock *k)
{
	if (k->done != YK_DATE_NONE)
		return;
	k->state = ES_WITHDRAWN;
	k->remaining = k->late_by = 0;
}

static yk_date
step_start(const struct engine_input *in, unsigned mask)
{
	for (int s = 0; s < STAGE_COUNT; s++)
		if (mask & (1u << s))
			return in->started[s];
	return YK_DATE_NONE;
}

static yk_date
step_done(const struct engine_input *in, unsigned mask)
{
	for (int s = STAGE_COUNT - 1; s >= 0; s--)
		if (mask & (1u << s))
			return in->done[s];
	return YK_DATE_NONE;
}

static int
check_span(const struct engine_input *in, yk_error *err)
{
	char b[YK_DATE_BUFSZ];
	yk_date dates[2 * STAGE_COUNT + 5];
	size_t n = 0;

	dates[n++] = in->today;
	dates[n++] = in->applied;
	dates[n++] = in->appointment;
	dates[n++] = in->filed_due;
	dates[n++] = in->withdrawn;
	for (int s = 0; s < STAGE_COUNT; s++) {
		dates[n++] = in->started[s];
		dates[n++] = in->done[s];
	}
	for (size_t i = 0; i < n; i++)
		if (dates[i] != YK_DATE_NONE && !calendar_in_range(dates[i]))
			return yk_error_set(err, "%s is outside %d..%d, the years the calendar covers",
					    date_format(dates[i], b), CAL_FIRST_YEAR, CAL_LAST_YEAR);
	for (size_t i = 0; i < in->npermits; i++)
		if (!calendar_in_range(in->permits[i].applied) ||
		    (in->permits[i].granted != YK_DATE_NONE && !calendar_in_range(in->permits[i].granted)))
			return yk_error_set(err, "a permit lies outside the years the calendar covers");
	for (size_t i = 0; i < in->nsusp; i++)
		if (!calendar_in_range(in->susp[i].from) ||
		    (in->susp[i].to != YK_DATE_NONE && !calendar_in_range(in->susp[i].to)))
			return yk_error_set(err, "a suspension lies outside the years the calendar covers");
	return 0;
}

/* The permits' pending spans (applied, granted or today], merged. */
static size_t
permit_spans(const struct engine_input *in, struct span *out)
{
	size_t n = 0, m = 0;

	for (size_t i = 0; i < in->npermits && i < ENGINE_MAX_PERMITS; i++) {
		yk_date to = in->permits[i].granted != YK_DATE_NONE ? in->permits[i].granted : in->today;

		if (to > in->permits[i].applied)
			out[n++] = (struct span){in->permits[i].applied, to, 0};
	}
	qsort(out, n, sizeof *out, cmp_span);
	for (size_t i = 0; i < n; i++) {
		if (m && out[i].from <= out[m - 1].to) {
			if (out[i].to > out[m - 1].to)
				out[m - 1].to = out[i].to;
		} else {
			out[m++] = out[i];
		}
	}
	return m;
}

/* Of a clock's counted days, those on which a permit was pending (and the
 * case not suspended): the delays that were the approval's. */
static void
approval_days(const struct ctx *c, const struct span *ps, size_t nps, struct engine_clock *k)
{
	yk_date end;

	k->approval = 0;
	if (k->started == YK_DATE_NONE)
		return;
	end = k->done != YK_DATE_NONE ? k->done
	    : c->in->withdrawn != YK_DATE_NONE ? c->in->withdrawn : c->in->today;
	for (size_t i = 0; i < nps; i++) {
		yk_date a = ps[i].from > k->started ? ps[i].from : k->started;
		yk_date b = ps[i].to < end ? ps[i].to : end;

		k->approval += count(c, a, b) - excluded(c, a, b);
	}
}

/* One clock per permit, against the variant's approval limit, measured
 * without the case's suspensions. */
static int
permit_clocks(struct ctx *c, struct engine_result *out, yk_error *err)
{
	const struct engine_input *in = c->in;
	struct ctx bare = *c;
	struct span ps[ENGINE_MAX_PERMITS];
	size_t nps;

	bare.nspans = 0;
	for (size_t i = 0; i < in->npermits && i < ENGINE_MAX_PERMITS; i++) {
		struct engine_clock *k = &out->permits[out->npermits++];

		set_name(k, in->permits[i].code, in->permits[i].name);
		if (run_clock(&bare, k, in->permits[i].applied, in->permits[i].granted,
			      in->variant->approval_limit, 0, err) < 0)
			return -1;
	}
	c->lo = bare.lo;
	c->hi = bare.hi;
	nps = permit_spans(in, ps);
	for (size_t i = 0; i < out->nsteps; i++)
		approval_days(c, ps, nps, &out->steps[i]);
	if (out->has_whole)
		approval_days(c, ps, nps, &out->whole);
	return 0;
}

/* The case's clock that matters most today. */
static void
summarise(struct engine_result *out, const struct engine_input *in)
{
	const struct engine_clock *best = NULL;
	const struct engine_clock *all[STAGE_COUNT + 1];
	size_t n = 0;

	for (size_t i = 0; i < out->nsteps; i++)
		all[n++] = &out->steps[i];
	if (out->has_whole)
		all[n++] = &out->whole;
	out->on_time = 1;
	out->next_due = YK_DATE_NONE;
	out->days_left = 0;
	out->current[0] = '\0';
	out->current_stage = -1;
	for (size_t i = 0; i < out->nsteps; i++)
		if (out->steps[i].done == YK_DATE_NONE) {
			memcpy(out->current, out->steps[i].code, sizeof out->current);
			break;
		}
	for (int s = 0; s < STAGE_COUNT; s++)
		if ((out->stages >> s & 1) && in->done[s] == YK_DATE_NONE) {
			out->current_stage = s;
			break;
		}
	for (size_t i = 0; i < n; i++) {
		const struct engine_clock *k = all[i];

		if (k->state == ES_DONE_LATE || k->state == ES_OVERDUE)
			out->on_time = 0;
		if (k->done != YK_DATE_NONE)
			continue;
		if (k->due != YK_DATE_NONE && (out->next_due == YK_DATE_NONE || k->due < out->next_due))
			out->next_due = k->due;
		if (!best || engine_state_rank(k->state) > engine_state_rank(best->state))
			best = k;
		else if (engine_state_rank(k->state) == engine_state_rank(best->state) &&
			 /* on a tie a timed clock speaks for the case, then the earlier due */
			 ((k->limit != RULE_NO_LIMIT && best->limit == RULE_NO_LIMIT) ||
			  (k->due != YK_DATE_NONE && (best->due == YK_DATE_NONE || k->due < best->due))))
			best = k;
	}
	out->done = in->done[STAGE_ENERGISE] != YK_DATE_NONE;
	if (in->withdrawn != YK_DATE_NONE && !out->done) {
		out->state = ES_WITHDRAWN;
		out->next_due = YK_DATE_NONE;
		out->current[0] = '\0';
		out->current_stage = -1;
		return;
	}
	if (out->done || !best) {
		out->state = out->done ? (out->on_time ? ES_DONE_ON_TIME : ES_DONE_LATE) : ES_PENDING;
		return;
	}
	out->state = best->state;
	out->days_left = best->state == ES_OVERDUE ? -best->late_by : best->remaining;
	if (best->state == ES_PENDING || best->state == ES_RUNNING)
		out->days_left = 0;
}

int
engine_calendar_note(const struct yk_calendar *cal, const struct engine_result *r, char *buf,
		     size_t bufsz)
{
	if (bufsz)
		buf[0] = '\0';
	if (!r->missing_year)
		return 0;
	return calendar_missing_years(cal, date_from_ymd(r->year_from, 1, 1),
				      date_from_ymd(r->year_to, 12, 31), buf, bufsz);
}

int
engine_compute(const struct yk_calendar *cal, const struct engine_input *in,
	       struct engine_result *out, yk_error *err)
{
	const struct rule_variant *v = in->variant;
	struct ctx c = {.cal = cal, .in = in, .lo = YK_DATE_NONE, .hi = YK_DATE_NONE};
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (check_span(in, err) < 0)
		return -1;
	touch(&c, in->applied);
	merge_suspensions(&c);
	if (in->nsusp && !c.spans)
		return yk_error_set(err, "out of memory");
	out->nsteps = v->nsteps;
	out->stages = rule_variant_stages(v);
	for (size_t i = 0; i < v->nsteps; i++) {
		const struct rule_step *st = &v->steps[i];

		set_name(&out->steps[i], st->code, st->name);
		/* A filing moves the connection itself: the step that energises. */
		if (run_clock(&c, &out->steps[i], step_start(in, st->stages),
			      step_done(in, st->stages), st->limit,
			      (st->stages & (1u << STAGE_ENERGISE)) != 0, err) < 0)
			goto out;
	}
	if (v->whole_without != RULE_NO_LIMIT) {
		int limit = in->external_works && v->whole_with != RULE_NO_LIMIT ? v->whole_with
										 : v->whole_without;
		yk_date start = v->whole_from == WHOLE_FROM_APPOINTMENT &&
						in->appointment != YK_DATE_NONE
					? in->appointment
					: in->applied;

		out->has_whole = 1;
		set_name(&out->whole, "whole", "全过程");
		if (run_clock(&c, &out->whole, start, in->done[STAGE_ENERGISE], limit, 1, err) < 0)
			goto out;
	}
	if (v->total != RULE_NO_LIMIT) {
		struct engine_clock *t = &out->total;
		int all_done = 1;

		out->has_total = 1;
		set_name(t, "total", "合计");
		t->limit = v->total;
		t->started = t->due = t->done = YK_DATE_NONE;
		for (size_t i = 0; i < out->nsteps; i++) {
			t->elapsed += out->steps[i].elapsed;
			t->suspended += out->steps[i].suspended;
			all_done &= out->steps[i].done != YK_DATE_NONE;
		}
		t->remaining = t->limit - t->elapsed;
		t->late_by = t->remaining < 0 ? -t->remaining : 0;
		t->state = all_done ? (t->remaining >= 0 ? ES_DONE_ON_TIME : ES_DONE_LATE)
			 : t->remaining < 0 ? ES_OVERDUE
					    : ES_RUNNING;
	}
	if (in->filed_on != YK_DATE_NONE && in->filed_due != YK_DATE_NONE) {
		char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

		out->filed_on = in->filed_on;
		out->filed_due = in->filed_due;

		snprintf(out->filed_note, sizeof out->filed_note,
			 "电网升级改造备案 %s: 按计划完成日 %s 计时", date_format(in->filed_on, b1),
			 date_format(in->filed_due, b2));
	}
	if (permit_clocks(&c, out, err) < 0)
		goto out;
	if (in->withdrawn != YK_DATE_NONE) {
		for (size_t i = 0; i < out->npermits; i++)
			stop_withdrawn(&out->permits[i]);
		for (size_t i = 0; i < out->nsteps; i++)
			stop_withdrawn(&out->steps[i]);
		if (out->has_whole)
			stop_withdrawn(&out->whole);
		if (out->has_total && out->total.state != ES_DONE_ON_TIME &&
		    out->total.state != ES_DONE_LATE)
			out->total.state = ES_WITHDRAWN;
	}
	summarise(out, in);
	if (c.lo == YK_DATE_NONE)
		touch(&c, in->today);
	out->year_from = date_year(c.lo);
	out->year_to = date_year(c.hi);
	out->missing_year = calendar_first_missing_year(cal, c.lo, c.hi);
	rc = 0;
out:
	free(c.spans);
	return rc;
}
