/* The view builders both faces draw: the case list rows (`yekuo case list`
 * and the dashboard) and the sync status (`yekuo sync status` and the sync
 * screen). Cases are fed the way the store would feed them; the national
 * 2025 rules and the 2026 calendar come from data/. No database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdata.h"
#include "yekuo/core/views.h"

/* An open case of the national rules, applied (and accepted from) `applied`. */
static void
mk(struct case_state *c, const char *no, enum yk_category cat, const char *applied)
{
	case_state_init(c);
	snprintf(c->case_no, sizeof c->case_no, "%s", no);
	snprintf(c->region, sizeof c->region, "national");
	snprintf(c->name, sizeof c->name, "客户%s", no);
	snprintf(c->phone, sizeof c->phone, "1380000000%c", no[0]);
	snprintf(c->address, sizeof c->address, "和平路 %s 号", no);
	c->category = cat;
	c->capacity = category_is_hv(cat) ? 630 : 50;
	c->kv = category_is_hv(cat) ? 10 : 0.4;
	snprintf(c->unit, sizeof c->unit, "%s", category_is_hv(cat) ? "kVA" : "kW");
	c->applied = c->appointment = day(applied);
	c->started[STAGE_ACCEPT] = day(applied);
	c->status = CASE_OPEN;
}

struct seen {
	int calls;
	char last[64];
};

static void
on_error(void *ctx, const char *case_no, const char *msg)
{
	struct seen *s = ctx;

	(void)msg;
	s->calls++;
	snprintf(s->last, sizeof s->last, "%s", case_no);
}

static const struct case_row *
row(const struct case_rows *r, const char *no)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].case_no, no) == 0)
			return &r->v[i];
	return NULL;
}

static char **
list_of(const char *a, const char *b)
{
	char **l = malloc(2 * sizeof *l);

	l[0] = strdup(a);
	l[1] = strdup(b);
	return l;
}

/* Feed the five cases of the test (A overdue, B on track, C suspended,
 * P pending, X whose profile is not in force) into r. */
static void
feed(struct case_rows *r)
{
	struct case_state c;

	/* A: LV 非三零, accept (1 WD) started 03-02, never done: overdue */
	mk(&c, "A", CAT_LV_OTHER, "2026-03-02");
	case_rows_add(r, &c);
	case_state_free(&c);
	/* B: HV, accepted 03-18, plan (10 WD) since 03-18: 8 left on 03-20 */
	mk(&c, "B", CAT_HV_SINGLE, "2026-03-18");
	c.done[STAGE_ACCEPT] = c.started[STAGE_PLAN] = day("2026-03-18");
	case_rows_add(r, &c);
	case_state_free(&c);
	/* C: LV 三零 (whole process 5 WD from the appointment 03-02),
	 * suspended from 03-04: untimed steps, the whole process frozen */
	mk(&c, "C", CAT_LV_SANLING, "2026-03-02");
	c.susp = calloc(1, sizeof *c.susp);
	c.nsusp = c.capsusp = 1;
	c.susp[0].from = day("2026-03-04");
	c.susp[0].to = YK_DATE_NONE;
	case_rows_add(r, &c);
	case_state_free(&c);
	/* P: applied, the customer has not handed anything in: pending */
	mk(&c, "P", CAT_LV_OTHER, "2026-03-19");
	c.started[STAGE_ACCEPT] = YK_DATE_NONE;
	case_rows_add(r, &c);
	case_state_free(&c);
	/* X: applied before any profile was in force: its clocks fail */
	mk(&c, "X", CAT_LV_OTHER, "2001-01-02");
	case_rows_add(r, &c);
	case_state_free(&c);
}

int
main(void)
{
	struct yk_rules *rules = rules_new();
	struct yk_calendar *cal = calendar_new(), *nocal = calendar_new();
	struct case_rows r;
	struct case_rows_opts o = {0};
	struct seen seen = {0};
	const struct case_row *w;
	char *text;
	size_t len;
	yk_error err;

	text = data_file("rules/national-2025.rules", &len);
	if (rules_load_text(rules, text, len, "national-2025.rules", &err) < 0 ||
	    rules_finish(rules, &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	free(text);
	text = data_file("calendar/2026.cal", &len);
	if (calendar_load_text(cal, text, len, "2026.cal", &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	free(text);

	/* ---- every open case, as the dashboard reads them */
	o.rules = rules;
	o.cal = cal;
	o.today = day("2026-03-20");
	o.keep = CASE_FILTER_ANY;
	o.on_error = on_error;
	o.ctx = &seen;
	case_rows_init(&r, &o);
	case_rows_set_conflicted(&r, list_of("B", "Z"), 2);
	feed(&r);
	case_rows_sort(&r);

	is_int(r.n, 4, "four rows: the case whose clocks fail is not one");
	is_int(r.errors, 1, "it is counted");
	ok(strncmp(r.error, "X: ", 3) == 0, "and named with its case number first (%s)", r.error);
	is_int(seen.calls, 1, "the face hears of it once (the CLI warns)");
	is_str(seen.last, "X", "about X");
	is_int(r.nmissing, 0, "2026 is loaded: no year is missing");

	is_str(r.v[0].case_no, "A", "most urgent first: the overdue case");
	is_str(r.v[1].case_no, "C", "then the suspended one");
	is_str(r.v[2].case_no, "B", "then the one on track");
	is_str(r.v[3].case_no, "P", "the pending one last");

	w = row(&r, "A");
	ok(w && w->state == ES_OVERDUE, "A is overdue");
	ok(w && w->left < 0 && w->counts, "with a negative count that shows (%ld)", w ? w->left : 0L);
	is_str(w ? w->step : "", "accept", "A's open step is the acceptance");
	is_int(w ? w->stage : -9, STAGE_ACCEPT, "and so is its current stage");
	is_str(w ? date_format(w->due, (char[YK_DATE_BUFSZ]){0}) : "", "2026-03-03", "due one working day after 03-02");
	is_str(w ? w->name : "", "客户A", "the name is kept");
	is_str(w ? w->address : "", "和平路 A 号", "and the address, for the search");

	w = row(&r, "B");
	ok(w && w->state == ES_ON_TRACK, "B is on track");
	is_int(w ? w->left : 0, 8, "8 of its 10 working days left on 03-20");
	is_int(w ? w->stage : -9, STAGE_PLAN, "at the plan stage");
	ok(w && w->conflict, "B is in the conflict list: marked");
	is_int(r.conflicts, 1, "one listed row is in conflict (Z is not listed)");
	is_int(r.nconflicted, 2, "the list itself keeps both, for the header's count");

	w = row(&r, "C");
	ok(w && w->state == ES_SUSPENDED, "C is suspended");
	ok(w && w->counts, "a suspended case shows its frozen count");
	is_int(w ? w->left : 0, 3, "of the whole process: 5 WD less 03-03 and 03-04, used before it stopped");
	ok(w && w->due == YK_DATE_NONE, "a frozen clock has no due date");
	is_str(w ? w->step : "", "accept+plan", "the open step is 受理签约");

	w = row(&r, "P");
	ok(w && w->state == ES_PENDING && !w->counts, "nothing counts on a pending case: shown as -");
	ok(w && !w->conflict, "P is not in conflict");
	ok(w && w->waiting_since == day("2026-03-19"), "P waits on the customer since its application");
	ok(row(&r, "A") && row(&r, "A")->waiting_since == YK_DATE_NONE &&
	   row(&r, "C") && row(&r, "C")->waiting_since == YK_DATE_NONE,
	   "an overdue or suspended case is not waiting on the customer");
	is_int(r.waiting, 1, "one waiting on the customer in the header");
	ok(r.open == 4 && r.closed == 0 && r.withdrawn == 0, "four open cases counted by status");

	is_int(r.overdue, 1, "one overdue in the header");
	is_int(r.due_today + r.warning, 0, "none due today or in warning");

	/* ---- the dashboard's filters over the same rows */
	{
		struct case_filter f = CASE_FILTER_ANY;
		size_t n = 0;

		f.text = "和平路 b";
		for (size_t i = 0; i < r.n; i++)
			n += case_row_match(&r.v[i], &f);
		is_int(n, 1, "the search finds the address, letters in any case");
		f = CASE_FILTER_ANY;
		f.text = "13800000000";
		n = 0;
		for (size_t i = 0; i < r.n; i++)
			n += case_row_match(&r.v[i], &f);
		is_int(n, 0, "a phone number no case has finds nothing");
		f = CASE_FILTER_ANY;
		f.stage = STAGE_PLAN;
		ok(case_row_match(row(&r, "B"), &f) && !case_row_match(row(&r, "A"), &f),
		   "the stage filter keeps B, not A");
		f = CASE_FILTER_ANY;
		f.category = CAT_LV_SANLING;
		ok(case_row_match(row(&r, "C"), &f) && !case_row_match(row(&r, "P"), &f),
		   "the category filter keeps C, not P");
		f = CASE_FILTER_ANY;
		f.waiting_only = 1;
		n = 0;
		for (size_t i = 0; i < r.n; i++)
			n += case_row_match(&r.v[i], &f);
		ok(n == 1 && case_row_match(row(&r, "P"), &f), "waiting on the customer: P alone");
		f = CASE_FILTER_ANY;
		f.due_today_only = 1;
		n = 0;
		for (size_t i = 0; i < r.n; i++)
			n += case_row_match(&r.v[i], &f);
		is_int(n, 0, "due today: none");
	}
	case_rows_free(&r);

	/* ---- `case list --due-within 8`: filtered as the rows are read */
	o.keep = CASE_FILTER_ANY;
	o.keep.due_within = 8;
	o.on_error = NULL;
	case_rows_init(&r, &o);
	feed(&r);
	case_rows_sort(&r);
	is_int(r.n, 2, "due within 8: A (overdue) and B (8 left); C has no due date, P none");
	ok(r.n == 2 && strcmp(r.v[0].case_no, "A") == 0 && strcmp(r.v[1].case_no, "B") == 0,
	   "in urgency order");
	is_int(r.errors, 1, "a failing case is counted without a callback too");
	case_rows_free(&r);

	/* ---- `case list --overdue` */
	o.keep = CASE_FILTER_ANY;
	o.keep.overdue_only = 1;
	case_rows_init(&r, &o);
	feed(&r);
	is_int(r.n, 1, "overdue only: A");
	is_int(r.overdue, 1, "counted");
	case_rows_free(&r);

	/* ---- every case, closed and withdrawn too (the all-cases view) */
	o.keep = CASE_FILTER_ANY;
	case_rows_init(&r, &o);
	{
		struct case_state c;

		/* E: HV, energised 03-18 after a design the customer sent 03-10 */
		mk(&c, "E", CAT_HV_SINGLE, "2026-03-02");
		for (int s = 0; s < STAGE_COUNT; s++)
			c.started[s] = c.done[s] = day("2026-03-18");
		c.status = CASE_CLOSED;
		c.closed_on = day("2026-03-18");
		case_rows_add(&r, &c);
		case_state_free(&c);
		/* W: withdrawn while waiting on the customer's design */
		mk(&c, "W", CAT_HV_SINGLE, "2026-03-02");
		c.done[STAGE_ACCEPT] = c.started[STAGE_PLAN] = c.done[STAGE_PLAN] = day("2026-03-03");
		c.status = CASE_WITHDRAWN;
		c.closed_on = day("2026-03-05");
		case_rows_add(&r, &c);
		case_state_free(&c);
		/* D: HV, plan answered 03-05: waiting for the customer's design since */
		mk(&c, "D", CAT_HV_SINGLE, "2026-03-02");
		c.done[STAGE_ACCEPT] = c.started[STAGE_PLAN] = day("2026-03-03");
		c.done[STAGE_PLAN] = day("2026-03-05");
		case_rows_add(&r, &c);
		case_state_free(&c);
	}
	ok(r.n == 3 && r.open == 1 && r.closed == 1 && r.withdrawn == 1,
	   "closed and withdrawn cases are rows too, counted by status");
	ok(row(&r, "E") && row(&r, "E")->waiting_since == YK_DATE_NONE &&
	   row(&r, "W") && row(&r, "W")->waiting_since == YK_DATE_NONE,
	   "a closed or withdrawn case waits on nobody");
	ok(row(&r, "E")->closed_on == day("2026-03-18") && row(&r, "W")->closed_on == day("2026-03-05") &&
	   row(&r, "D")->closed_on == YK_DATE_NONE, "the day each was energised or withdrawn");
	ok(row(&r, "D") && row(&r, "D")->state == ES_PENDING &&
	   row(&r, "D")->waiting_since == day("2026-03-05"),
	   "D waits since the plan was answered, its last stage done");
	case_rows_free(&r);

	/* ---- a calendar without today's year */
	o.keep = CASE_FILTER_ANY;
	o.cal = nocal;
	case_rows_init(&r, &o);
	ok(r.nmissing == 1 && r.missing[0] == 2026, "today's year without a calendar file is named");
	feed(&r);
	is_int(r.nocal, 4, "every row counted without its year's calendar says so (the dashboard's ?)");
	is_int(row(&r, "A") ? row(&r, "A")->missing_year : 0, 2026, "and names the year");
	ok(r.year_from == 2026 && r.year_to == 2026, "the years the rows used (the CLI's note)");
	case_rows_free(&r);
	o.cal = cal;
	case_rows_init(&r, &o);
	feed(&r);
	ok(r.nocal == 0 && row(&r, "A") && row(&r, "A")->missing_year == 0,
	   "with 2026 loaded no row is marked");
	case_rows_free(&r);

	/* ---- the sync status */
	{
		struct sync_status s;
		struct sync_peer p = {.name = "HALL", .mark = 7};
		struct sync_import_log l = {.office = "B", .events = 3, .cases = 2, .conflicts = 1};
		struct sync_conflict *c = calloc(3, sizeof *c);

		sync_status_init(&s, "0123456789abcdef0123456789abcdef", "A", 1, 12);
		is_str(s.id, "0123456789abcdef0123456789abcdef", "the database id");
		is_str(s.office, "A", "its office");
		ok(s.training && s.records == 12, "training, 12 sync records");
		sync_status_add_peer(&s, &p);
		p.mark = 9;
		snprintf(p.name, sizeof p.name, "FIELD");
		sync_status_add_peer(&s, &p);
		sync_status_add_import(&s, &l);
		is_int(s.npeers, 2, "two peers");
		ok(strcmp(s.peers[0].name, "HALL") == 0 && s.peers[1].mark == 9, "kept in order, copied");
		is_int(s.nimports, 1, "one import");
		snprintf(c[0].case_no, sizeof c[0].case_no, "CN-1");
		snprintf(c[1].case_no, sizeof c[1].case_no, "CN-1");
		snprintf(c[2].case_no, sizeof c[2].case_no, "CN-2");
		sync_status_set_conflicts(&s, c, 3);
		is_int(s.nconflicts, 3, "three conflicts");
		is_int(s.conflict_cases, 2, "in two cases: what `sync status` and the screen count");
		sync_status_free(&s);
	}

	rules_free(rules);
	calendar_free(cal);
	calendar_free(nocal);
	return tap_done();
}
