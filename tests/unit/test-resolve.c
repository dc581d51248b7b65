/* Every kind of sync conflict, resolved to either side (docs/sync.md,
 * "resolving"): the merge holds one side aside, sync_resolution keeps the
 * side asked for, and the case with the resolution replays, shows no
 * conflict, has the kept side's facts, and merges again to the same rows.
 * Two offices keeping the same side are no new conflict; two keeping
 * different sides are one, and that one resolves to either side too. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/merge.h"
#include "yekuo/core/xalloc.h"

#define IDA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define IDB "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define CASE "CN-2026-A-00001"

static const char *const LV_OPEN =
	"region=national;category=lv-other;name=某五金店;id-type=uscc;id=91350100M000100Y43;"
	"phone=13912345678;address=某地3号;capacity=50;unit=kW";
static const char *const HV_OPEN =
	"region=national;category=hv-single;name=某工厂;id-type=uscc;id=91350100M000100Y43;"
	"phone=13912345678;address=某地3号;capacity=400;unit=kVA";

/* One scenario's events: a common history recorded by A, then each side's
 * own events, concurrent with the other's. */
struct world {
	struct sync_item it[24];
	size_t n;
	long a, b;	/* events each database recorded */
	long fork;	/* A's events B knows: those before B's first */
	int next_uuid;
};

static struct sync_item *
ev(struct world *w, int side, enum ev_kind kind, const char *date, const char *time,
   const char *kv)
{
	struct sync_item *it = &w->it[w->n++];
	char buf[512], vc[120], *tok, *save;
	long *own = side ? &w->b : &w->a;

	memset(it, 0, sizeof *it);
	event_init(&it->ev);
	snprintf(it->ev.uuid, sizeof it->ev.uuid, "00000000-0000-4000-8000-%012d", ++w->next_uuid);
	snprintf(it->ev.case_no, sizeof it->ev.case_no, CASE);
	it->ev.kind = kind;
	/* "DATE@RECORDED": a late entry, recorded on a later day */
	snprintf(buf, sizeof buf, "%.10s", date);
	date_parse(buf, &it->ev.effective);
	snprintf(it->ev.recorded, sizeof it->ev.recorded, "%sT%s+08:00",
		 strchr(date, '@') ? strchr(date, '@') + 1 : date, time);
	snprintf(it->ev.operator_name, sizeof it->ev.operator_name, "op-%c", side ? 'B' : 'A');
	snprintf(it->ev.origin, sizeof it->ev.origin, "local");
	snprintf(buf, sizeof buf, "%s", kv);
	for (tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');

		*eq = '\0';
		payload_set(&it->ev.data, tok, eq + 1);
	}
	(*own)++;
	if (side)
		snprintf(vc, sizeof vc, IDA "=%ld," IDB "=%ld", w->fork, w->b);
	else
		snprintf(vc, sizeof vc, IDA "=%ld", w->a);
	memcpy(it->m.uuid, it->ev.uuid, sizeof it->m.uuid);
	memcpy(it->m.case_no, it->ev.case_no, sizeof it->m.case_no);
	snprintf(it->m.source, sizeof it->m.source, "%s", side ? IDB : IDA);
	snprintf(it->m.office, sizeof it->m.office, "%s", side ? "B" : "A");
	it->m.vc = xstrdup(vc);
	return it;
}

static void
world_free(struct world *w)
{
	for (size_t i = 0; i < w->n; i++) {
		event_free(&w->it[i].ev);
		sync_meta_free(&w->it[i].m);
	}
	w->n = 0;
}

/* The chain's rows with their sync records. */
struct merged {
	struct yk_event *evs;
	size_t n;
	const struct sync_meta **meta;
	struct sync_chain ch;
};

static int
merge(const struct world *w, struct merged *m, yk_error *err)
{
	memset(m, 0, sizeof *m);
	if (sync_linearise(w->it, w->n, NULL, &m->evs, &m->n, err) < 0)
		return -1;
	m->meta = xcalloc(m->n, sizeof *m->meta);
	for (size_t r = 0; r < m->n; r++)
		for (size_t i = 0; i < w->n; i++)
			if (strcmp(w->it[i].ev.uuid, m->evs[r].uuid) == 0)
				m->meta[r] = &w->it[i].m;
	m->ch.case_no = CASE;
	m->ch.own = "";
	m->ch.evs = m->evs;
	m->ch.n = m->n;
	m->ch.meta = m->meta;
	return 0;
}

static void
merged_free(struct merged *m)
{
	events_free(m->evs, m->n);
	free(m->meta);
	memset(m, 0, sizeof *m);
}

static size_t
conflicts(const struct merged *m)
{
	struct sync_conflict *c = NULL;
	size_t n = 0, cap = 0;

	sync_chain_conflicts(&m->ch, &c, &n, &cap);
	free(c);
	return n;
}

/* The resolution recorded by database `by` keeping `keep`'s side, added
 * to the world as that database's event (knowing everything there). */
static int
resolve(struct world *w, const struct merged *m, const char *keep, int by, const char *time,
	yk_error *err)
{
	struct yk_event r;
	size_t involved;
	struct sync_item *it;
	char vc[120];

	event_init(&r);
	snprintf(r.uuid, sizeof r.uuid, "00000000-0000-4000-8000-%012d", ++w->next_uuid);
	snprintf(r.case_no, sizeof r.case_no, CASE);
	date_parse("2026-03-20", &r.effective);
	snprintf(r.recorded, sizeof r.recorded, "2026-03-20T%s+08:00", time);
	snprintf(r.operator_name, sizeof r.operator_name, "op-%c", by ? 'B' : 'A');
	snprintf(r.origin, sizeof r.origin, "local");
	if (sync_resolution(&m->ch, NULL, strcmp(keep, "A") == 0 ? IDA : IDB, keep, "以现场核实为准", &r,
			    &involved, err) < 0) {
		event_free(&r);
		return -1;
	}
	it = &w->it[w->n++];
	memset(it, 0, sizeof *it);
	it->ev = r;
	memcpy(it->m.uuid, r.uuid, sizeof it->m.uuid);
	memcpy(it->m.case_no, r.case_no, sizeof it->m.case_no);
	snprintf(it->m.source, sizeof it->m.source, "%s", by ? IDB : IDA);
	snprintf(it->m.office, sizeof it->m.office, "%s", by ? "B" : "A");
	snprintf(vc, sizeof vc, IDA "=%ld," IDB "=%ld", w->a + !by, w->b + by);
	it->m.vc = xstrdup(vc);
	return 0;
}

/* ---- the scenarios: each builds the world, and checks a state for a side -- */

struct scenario {
	const char *name;
	void (*build)(struct world *w);
	/* Does the state show side (0 A, 1 B)'s facts? */
	int (*shows)(const struct case_state *c, int side);
};

static void
lv_accepted(struct world *w)
{
	ev(w, 0, EV_OPEN, "2026-03-02", "09:00:00", LV_OPEN);
	ev(w, 0, EV_DONE, "2026-03-03", "10:00:00", "stage=accept");
}

/* B's events from now on fork from A's history so far. */
static void
b_forks(struct world *w)
{
	w->fork = w->a;
}

static void
build_plan_twice(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_DONE, "2026-03-05", "09:00:00", "stage=plan;supply-point=PA");
	ev(w, 0, EV_DONE, "2026-03-06", "09:00:00", "stage=energise;meter-no=MA-1");
	ev(w, 1, EV_DONE, "2026-03-06", "10:00:00", "stage=plan;supply-point=PB");
	ev(w, 1, EV_DONE, "2026-03-07", "10:00:00", "stage=energise;meter-no=MB-1");
}

static int
shows_plan(const struct case_state *c, int side)
{
	return strcmp(c->supply_point, side ? "PB" : "PA") == 0 &&
	       strcmp(c->meter_no, side ? "MB-1" : "MA-1") == 0 && c->status == CASE_CLOSED;
}

static void
build_start_twice(struct world *w)
{
	ev(w, 0, EV_OPEN, "2026-03-02", "09:00:00", HV_OPEN);
	ev(w, 0, EV_DONE, "2026-03-03", "10:00:00", "stage=accept");
	ev(w, 0, EV_DONE, "2026-03-04", "10:00:00", "stage=plan");
	b_forks(w);
	ev(w, 0, EV_START, "2026-03-05", "09:00:00", "stage=design;notes=A");
	ev(w, 1, EV_START, "2026-03-06", "09:00:00", "stage=design;notes=B");
}

static int
shows_start(const struct case_state *c, int side)
{
	yk_date d;

	date_parse(side ? "2026-03-06" : "2026-03-05", &d);
	return c->started[STAGE_DESIGN] == d;
}

static void
build_filing_twice(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_FILING, "2026-03-04@2026-03-05", "09:00:00",
	   "upgrade=新建10千伏线路;why=线路改造工期长;planned=2026-06-01;late-reason=现场补录");
	ev(w, 1, EV_FILING, "2026-03-06", "09:00:00",
	   "upgrade=变电站扩建;why=需扩建主变;planned=2026-07-01");
}

static int
shows_filing(const struct case_state *c, int side)
{
	yk_date d;

	date_parse(side ? "2026-07-01" : "2026-06-01", &d);
	return c->filed && c->filed_due == d;
}

static void
build_suspend_twice(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_SUSPEND, "2026-03-05", "09:00:00", "reason=customer;note=A");
	ev(w, 0, EV_RESUME, "2026-03-08", "09:00:00", "note=A");
	ev(w, 1, EV_SUSPEND, "2026-03-06", "09:00:00", "reason=force-majeure;note=B");
	ev(w, 1, EV_RESUME, "2026-03-09", "09:00:00", "note=B");
}

static int
shows_suspend(const struct case_state *c, int side)
{
	return c->nsusp == 1 && c->susp[0].reason == (side ? SUSP_FORCE_MAJEURE : SUSP_CUSTOMER) &&
	       c->susp[0].to != YK_DATE_NONE;
}

static void
build_resume_twice(struct world *w)
{
	lv_accepted(w);
	ev(w, 0, EV_SUSPEND, "2026-03-04", "09:00:00", "reason=customer");
	b_forks(w);
	ev(w, 0, EV_RESUME, "2026-03-05", "09:00:00", "note=A");
	ev(w, 1, EV_RESUME, "2026-03-06", "09:00:00", "note=B");
}

static int
shows_resume(const struct case_state *c, int side)
{
	yk_date d;

	date_parse(side ? "2026-03-06" : "2026-03-05", &d);
	return c->nsusp == 1 && c->susp[0].to == d;
}

/* A withdraws (recorded first); B works on. */
static void
build_withdraw_first(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_WITHDRAW, "2026-03-05", "08:00:00", "reason=客户撤销");
	ev(w, 1, EV_DONE, "2026-03-05", "09:00:00", "stage=plan;supply-point=PB");
	ev(w, 1, EV_DONE, "2026-03-06", "09:00:00", "stage=energise;meter-no=MB-1");
}

/* B works first (recorded earlier); A withdraws. */
static void
build_withdraw_later(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_WITHDRAW, "2026-03-05", "11:00:00", "reason=客户撤销");
	ev(w, 1, EV_DONE, "2026-03-05", "09:00:00", "stage=plan;supply-point=PB");
}

static int
shows_withdraw(const struct case_state *c, int side)
{
	return side ? c->status != CASE_WITHDRAWN && strcmp(c->supply_point, "PB") == 0
		    : c->status == CASE_WITHDRAWN && !c->supply_point[0];
}

static void
build_withdraw_twice(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_WITHDRAW, "2026-03-05", "09:00:00", "reason=客户撤销A");
	ev(w, 1, EV_WITHDRAW, "2026-03-06", "09:00:00", "reason=客户撤销B");
}

static int
shows_withdraw_twice(const struct case_state *c, int side)
{
	return c->status == CASE_WITHDRAWN &&
	       strcmp(c->withdraw_reason, side ? "客户撤销B" : "客户撤销A") == 0;
}

static void
build_corrections(struct world *w)
{
	struct sync_item *p;
	char kv[200];

	lv_accepted(w);
	p = ev(w, 0, EV_DONE, "2026-03-04", "09:00:00", "stage=plan;supply-point=P0");
	b_forks(w);
	snprintf(kv, sizeof kv, "corrects=%s;set.supply-point=PA;reason=A", p->ev.uuid);
	ev(w, 0, EV_CORRECT, "2026-03-05", "09:00:00", kv);
	snprintf(kv, sizeof kv, "corrects=%s;set.supply-point=PB;reason=B", p->ev.uuid);
	ev(w, 1, EV_CORRECT, "2026-03-06", "09:00:00", kv);
}

static int
shows_correction(const struct case_state *c, int side)
{
	return strcmp(c->supply_point, side ? "PB" : "PA") == 0;
}

/* A suspends; B, not knowing, completes the plan. */
static void
build_done_while_suspended(struct world *w)
{
	lv_accepted(w);
	b_forks(w);
	ev(w, 0, EV_SUSPEND, "2026-03-05", "08:00:00", "reason=customer");
	ev(w, 1, EV_DONE, "2026-03-05", "09:00:00", "stage=plan;supply-point=PB");
}

static int
shows_suspended(const struct case_state *c, int side)
{
	return side ? c->nsusp == 0 && strcmp(c->supply_point, "PB") == 0
		    : c->nsusp == 1 && !c->supply_point[0];
}

/* Each side corrects a date, each valid alone, together not: A moves the
 * application date later, B the acceptance earlier. */
static void
build_two_dates(struct world *w)
{
	char kv[200];
	const char *open, *acc;

	lv_accepted(w);
	open = w->it[0].ev.uuid;
	acc = w->it[1].ev.uuid;
	b_forks(w);
	snprintf(kv, sizeof kv, "corrects=%s;set.effective=2026-03-03;reason=申请日期有误;late-reason=纸质申请单为3日", open);
	ev(w, 0, EV_CORRECT, "2026-03-05", "09:00:00", kv);
	snprintf(kv, sizeof kv, "corrects=%s;set.effective=2026-03-02;reason=受理日期有误;late-reason=受理单为2日", acc);
	ev(w, 1, EV_CORRECT, "2026-03-05", "10:00:00", kv);
}

static int
shows_dates(const struct case_state *c, int side)
{
	yk_date d;

	date_parse(side ? "2026-03-02" : "2026-03-03", &d);
	return c->applied == d && c->done[STAGE_ACCEPT] == d;
}

/* A moves the acceptance later; B completes the plan before that date. */
static void
build_correction_vs_work(struct world *w)
{
	char kv[200];

	lv_accepted(w);
	b_forks(w);
	snprintf(kv, sizeof kv, "corrects=%s;set.effective=2026-03-06;reason=受理日期有误",
		 w->it[1].ev.uuid);
	ev(w, 0, EV_CORRECT, "2026-03-06", "09:00:00", kv);
	ev(w, 1, EV_DONE, "2026-03-04", "10:00:00", "stage=plan;supply-point=PB");
}

static int
shows_correction_vs_work(const struct case_state *c, int side)
{
	yk_date d;

	date_parse(side ? "2026-03-03" : "2026-03-06", &d);
	return c->done[STAGE_ACCEPT] == d && (side ? strcmp(c->supply_point, "PB") == 0
						   : c->done[STAGE_PLAN] == YK_DATE_NONE);
}

static const struct scenario scenarios[] = {
	{"the plan done on both sides, each energised after", build_plan_twice, shows_plan},
	{"the same stage started twice", build_start_twice, shows_start},
	{"two grid-upgrade filings", build_filing_twice, shows_filing},
	{"two suspensions (each resumed)", build_suspend_twice, shows_suspend},
	{"two resumptions", build_resume_twice, shows_resume},
	{"withdrawn first, worked on after", build_withdraw_first, shows_withdraw},
	{"worked on first, withdrawn after", build_withdraw_later, shows_withdraw},
	{"withdrawn twice", build_withdraw_twice, shows_withdraw_twice},
	{"two corrections of one event", build_corrections, shows_correction},
	{"done while the other side suspended", build_done_while_suspended, shows_suspended},
	{"two date corrections, together impossible", build_two_dates, shows_dates},
	{"a correction the other side's work no longer follows", build_correction_vs_work,
	 shows_correction_vs_work},
};

/* Merge again with the resolution; it must replay, show no conflict and
 * the side kept. */
static void
check_resolved(struct world *w, const struct scenario *s, int side, const char *how)
{
	struct merged m;
	struct case_state c;
	yk_error err;
	int replays;

	if (!ok(merge(w, &m, &err) == 0, "%s, %s: merges with the resolution", s->name, how)) {
		printf("#   %s\n", err.msg);
		return;
	}
	replays = case_derive(m.evs, m.n, NULL, &c, &err) == 0;
	if (!ok(replays, "%s, %s: replays", s->name, how))
		printf("#   %s\n", err.msg);
	is_int(conflicts(&m), 0, "%s, %s: no conflict left", s->name, how);
	if (replays) {
		ok(s->shows(&c, side), "%s, %s: the case has office %c's facts", s->name, how,
		   side ? 'B' : 'A');
		case_state_free(&c);
	}
	merged_free(&m);
}

int
main(void)
{
	yk_error err;

	for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
		const struct scenario *s = &scenarios[k];

		for (int side = 0; side < 2; side++) {
			struct world w = {0};
			struct merged m;
			char how[64];

			s->build(&w);
			if (!ok(merge(&w, &m, &err) == 0, "%s: merges", s->name)) {
				printf("#   %s\n", err.msg);
				world_free(&w);
				continue;
			}
			ok(conflicts(&m) > 0, "%s: is a conflict", s->name);
			if (side == 0) {
				struct case_state c;

				ok(case_derive(m.evs, m.n, NULL, &c, &err) == 0, "%s: replays in conflict",
				   s->name);
				case_state_free(&c);
			}
			/* Resolved on the other side's database: keeping A on B, B on A. */
			snprintf(how, sizeof how, "kept %c", side ? 'B' : 'A');
			if (!ok(resolve(&w, &m, side ? "B" : "A", !side, "09:00:00", &err) == 0,
				"%s, %s: resolves", s->name, how)) {
				printf("#   %s\n", err.msg);
				merged_free(&m);
				world_free(&w);
				continue;
			}
			check_resolved(&w, s, side, how);

			/* The same decision taken on the other database at the same
			 * time: no new conflict. */
			w.n--;
			event_free(&w.it[w.n].ev);
			sync_meta_free(&w.it[w.n].m);
			resolve(&w, &m, side ? "B" : "A", 0, "09:00:00", &err);
			resolve(&w, &m, side ? "B" : "A", 1, "09:30:00", &err);
			snprintf(how, sizeof how, "kept %c by both offices", side ? 'B' : 'A');
			check_resolved(&w, s, side, how);
			merged_free(&m);
			world_free(&w);
		}

		/* Different decisions at the same time: a conflict of its own,
		 * resolvable to either side. */
		for (int side = 0; side < 2; side++) {
			struct world w = {0};
			struct merged m, m2;
			char how[64];

			s->build(&w);
			if (merge(&w, &m, &err) < 0)
				continue;
			resolve(&w, &m, "A", 0, "09:00:00", &err);
			resolve(&w, &m, "B", 1, "09:30:00", &err);
			merged_free(&m);
			if (!ok(merge(&w, &m2, &err) == 0, "%s, decided both ways: merges", s->name)) {
				printf("#   %s\n", err.msg);
				world_free(&w);
				continue;
			}
			ok(conflicts(&m2) > 0, "%s, decided both ways: is a conflict", s->name);
			snprintf(how, sizeof how, "decided both ways, then kept %c", side ? 'B' : 'A');
			w.a++;
			w.b++;
			if (ok(resolve(&w, &m2, side ? "B" : "A", side, "11:00:00", &err) == 0,
			       "%s, %s: resolves", s->name, how))
				check_resolved(&w, s, side, how);
			else
				printf("#   %s\n", err.msg);
			merged_free(&m2);
			world_free(&w);
		}
	}
	return tap_done();
}
