#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/views.h"
#include "yekuo/core/xalloc.h"

/* ---- the case list ---------------------------------------------------------- */

void
case_rows_init(struct case_rows *r, const struct case_rows_opts *o)
{
	memset(r, 0, sizeof *r);
	r->o = *o;
	/* today itself lies in a year without a calendar file */
	if (o->cal && !calendar_year_loaded(o->cal, date_year(o->today)))
		r->missing[r->nmissing++] = date_year(o->today);
}

void
case_rows_set_conflicted(struct case_rows *r, char **list, size_t n)
{
	r->conflicted = list;
	r->nconflicted = n;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
case_no_listed(char *const *list, size_t n, const char *case_no)
{
	return n && bsearch(&case_no, list, n, sizeof *list, cmp_str) != NULL;
}

static void
note_missing(struct case_rows *r, int year)
{
	if (!year)
		return;
	for (size_t i = 0; i < r->nmissing; i++)
		if (r->missing[i] == year)
			return;
	if (r->nmissing < CASE_ROWS_MISSING_MAX)
		r->missing[r->nmissing++] = year;
}

/* A suspended case: the frozen count of its timed clock with the fewest
 * working days left (the engine may summarise with an untimed step, whose
 * count means nothing); LONG_MIN when no timed clock is suspended. */
static long
frozen_left(const struct engine_result *e)
{
	const struct engine_clock *all[STAGE_COUNT + 1];
	size_t n = 0;
	long left = LONG_MIN;

	for (size_t i = 0; i < e->nsteps; i++)
		all[n++] = &e->steps[i];
	if (e->has_whole)
		all[n++] = &e->whole;
	for (size_t i = 0; i < n; i++)
		if (all[i]->state == ES_SUSPENDED && all[i]->limit != RULE_NO_LIMIT &&
		    (left == LONG_MIN || all[i]->remaining < left))
			left = all[i]->remaining;
	return left;
}

/* The row of a case, or -1 with err when its clocks cannot be computed. */
static int
make_row(const struct case_rows *r, const struct case_state *c, struct case_row *w,
	 struct engine_result *e, yk_error *err)
{
	size_t ln, lp, la;
	long frozen = LONG_MIN;

	if (case_clocks(c, r->o.rules, r->o.cal, r->o.today, e, NULL, err) < 0)
		return -1;
	memset(w, 0, sizeof *w);
	snprintf(w->case_no, sizeof w->case_no, "%s", c->case_no);
	ln = strlen(c->name);
	lp = strlen(c->phone);
	la = strlen(c->address);
	w->text = xmalloc(ln + lp + la + 3);
	memcpy(w->text, c->name, ln + 1);
	memcpy(w->text + ln + 1, c->phone, lp + 1);
	memcpy(w->text + ln + lp + 2, c->address, la + 1);
	w->name = w->text;
	w->phone = w->text + ln + 1;
	w->address = w->text + ln + lp + 2;
	w->category = c->category;
	w->stage = e->current_stage;
	snprintf(w->step, sizeof w->step, "%s", e->current[0] ? e->current : "-");
	w->due = e->next_due;
	w->left = e->days_left;
	w->state = e->state;
	if (e->state == ES_SUSPENDED) {
		frozen = frozen_left(e);
		if (frozen != LONG_MIN)
			w->left = frozen;
	}
	/* a suspended case keeps its frozen count; nothing runs on a pending one */
	w->counts = !(e->state == ES_PENDING || e->state == ES_RUNNING ||
		      (e->state == ES_SUSPENDED && frozen == LONG_MIN) ||
		      (e->next_due == YK_DATE_NONE && e->state != ES_SUSPENDED));
	w->status = c->status;
	w->closed_on = c->status == CASE_OPEN ? YK_DATE_NONE : c->closed_on;
	w->late = c->late_entries;
	w->filed = c->filed;
	w->conflict = case_no_listed(r->conflicted, r->nconflicted, c->case_no);
	w->missing_year = e->missing_year;
	w->waiting_since = YK_DATE_NONE;
	if (c->status == CASE_OPEN && e->state == ES_PENDING) {
		/* the ball went to the customer when the utility finished its
		 * last stage, or at the application itself */
		w->waiting_since = c->applied;
		for (int s = 0; s < STAGE_COUNT; s++)
			if (c->done[s] != YK_DATE_NONE && c->done[s] > w->waiting_since)
				w->waiting_since = c->done[s];
	}
	/* the clocks beside the legal ones; a date outside the calendar's
	 * span leaves them out rather than the case */
	w->fast_lane = c->fast_lane[0] != '\0';
	w->incomplete = c->done[STAGE_ACCEPT] != YK_DATE_NONE ? case_incomplete(c, NULL, 0) : 0;
	if (case_promise_clock(c, r->o.cal, r->o.today, &w->promise, err) < 0)
		w->promise.has = 0;
	/* only an energised case has a follow-up: no profile lookup for the rest */
	w->follow.has = 0;
	if (c->status == CASE_CLOSED &&
	    case_follow_up_clock(c, case_follow_up_days(c, r->o.rules), r->o.cal, r->o.today,
				 &w->follow, err) < 0)
		w->follow.has = 0;
	if (r->o.keep.follow_up_only && w->follow.has) {
		/* the list of follow-ups: their clock is the one to chase */
		w->due = w->follow.due;
		w->left = w->follow.left;
		w->state = w->follow.state;
		w->counts = 1;
	}
	return 0;
}

int
case_rows_add(void *vrows, const struct case_state *c)
{
	struct case_rows *r = vrows;
	struct engine_result e;
	struct case_row w;
	yk_error err;

	/* an owner with no name holds no case (not every unassigned one) */
	if (r->o.keep.owner && (!*r->o.keep.owner || (strcmp(r->o.keep.owner, c->customer_manager) != 0 &&
						       strcmp(r->o.keep.owner, c->project_manager) != 0)))
		return 0;
	if (make_row(r, c, &w, &e, &err) < 0) {
		if (!r->errors++)
			snprintf(r->error, sizeof r->error, "%s: %s", c->case_no, err.msg);
		if (r->o.on_error)
			r->o.on_error(r->o.ctx, c->case_no, err.msg);
		return 0;
	}
	if (!case_row_match(&w, &r->o.keep)) {
		free(w.text);
		return 0;
	}
	note_missing(r, e.missing_year);
	r->nocal += e.missing_year != 0;
	if (!r->year_from || e.year_from < r->year_from)
		r->year_from = e.year_from;
	if (e.year_to > r->year_to)
		r->year_to = e.year_to;
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n++] = w;
	r->conflicts += w.conflict != 0;
	if (w.state == ES_OVERDUE)
		r->overdue++;
	else if (w.state == ES_DUE_TODAY)
		r->due_today++;
	else if (w.state == ES_WARNING)
		r->warning++;
	r->waiting += w.waiting_since != YK_DATE_NONE;
	if (w.status == CASE_CLOSED)
		r->closed++;
	else if (w.status == CASE_WITHDRAWN)
		r->withdrawn++;
	else
		r->open++;
	return 0;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct case_row *x = a, *y = b;
	int c = engine_urgency_cmp(x->state, x->left, x->due, y->state, y->left, y->due);

	return c ? c : strcmp(x->case_no, y->case_no);
}

void
case_rows_sort(struct case_rows *r)
{
	if (r->n)
		qsort(r->v, r->n, sizeof *r->v, cmp_rows);
}

void
case_rows_free(struct case_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	for (size_t i = 0; i < r->nconflicted; i++)
		free(r->conflicted[i]);
	free(r->conflicted);
	memset(r, 0, sizeof *r);
}

/* Substring, ASCII letters in either case ("tj-2026" finds TJ-2026-…).
 * UTF-8 needs no more: a whole-character needle cannot match mid-character. */
static int
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return 1;
	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i]) {
			char a = hay[i], b = needle[i];

			if (a >= 'a' && a <= 'z')
				a = (char)(a - 32);
			if (b >= 'a' && b <= 'z')
				b = (char)(b - 32);
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

int
case_row_promise_alert(const struct case_row *w)
{
	return w->promise.has && w->status == CASE_OPEN &&
	       (w->promise.state == ES_OVERDUE || w->promise.state == ES_DUE_TODAY ||
		w->promise.state == ES_WARNING);
}

int
case_row_match(const struct case_row *w, const struct case_filter *f)
{
	if (f->incomplete_only && !w->incomplete)
		return 0;
	if (f->fast_lane_only && !w->fast_lane)
		return 0;
	if (f->promise_only && !case_row_promise_alert(w))
		return 0;
	if (f->follow_up_only && (!w->follow.has || w->follow.done != YK_DATE_NONE))
		return 0;
	if (f->category >= 0 && (int)w->category != f->category)
		return 0;
	if (f->stage >= 0 && w->stage != f->stage)
		return 0;
	if (f->overdue_only && w->state != ES_OVERDUE)
		return 0;
	if (f->due_today_only && w->state != ES_DUE_TODAY)
		return 0;
	if (f->waiting_only && w->waiting_since == YK_DATE_NONE)
		return 0;
	if (f->due_within >= 0 &&
	    (w->status != CASE_OPEN || w->due == YK_DATE_NONE || w->left > f->due_within))
		return 0;
	if (f->text && *f->text && !contains(w->case_no, f->text) && !contains(w->name, f->text) &&
	    !contains(w->phone, f->text) && !contains(w->address, f->text))
		return 0;
	return 1;
}

/* ---- the sync status ----------------------------------------------------------- */

void
sync_status_init(struct sync_status *s, const char *id, const char *office, int training,
		 long records)
{
	memset(s, 0, sizeof *s);
	snprintf(s->id, sizeof s->id, "%s", id);
	snprintf(s->office, sizeof s->office, "%s", office);
	s->training = training;
	s->records = records;
}

int
sync_status_add_peer(void *vs, const struct sync_peer *p)
{
	struct sync_status *s = vs;

	s->peers = xgrow(s->peers, &s->cappeers, s->npeers + 1, sizeof *s->peers);
	s->peers[s->npeers++] = *p;
	return 0;
}

int
sync_status_add_import(void *vs, const struct sync_import_log *l)
{
	struct sync_status *s = vs;

	s->imports = xgrow(s->imports, &s->capimports, s->nimports + 1, sizeof *s->imports);
	s->imports[s->nimports++] = *l;
	return 0;
}

void
sync_status_set_conflicts(struct sync_status *s, struct sync_conflict *c, size_t n)
{
	free(s->conflicts);
	s->conflicts = c;
	s->nconflicts = n;
	s->conflict_cases = 0;
	for (size_t i = 0; i < n; i++)
		s->conflict_cases += i == 0 || strcmp(c[i].case_no, c[i - 1].case_no) != 0;
}

void
sync_status_free(struct sync_status *s)
{
	free(s->peers);
	free(s->imports);
	free(s->conflicts);
	memset(s, 0, sizeof *s);
}
