/* Case derivation (case_derive): every rule that refuses an event, each
 * at its boundary — the record one day on the wrong side is refused with
 * the reason a manager reads, the one on the right side is accepted. These
 * rules keep back-dated and impossible records out of the log (domain §7);
 * an impossible record that passed would be judged on time. Each event is
 * recorded on its own business date unless a test says otherwise. */
#include "config.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdata.h"
#include "yekuo/core/case.h"
#include "yekuo/core/rules.h"

static struct yk_rules *rules;
static struct yk_event evs[32];
static size_t nev;
static struct case_state cs;
static yk_error err;

/* The shipped rule files: the stages of a case come from its profile. */
static struct yk_rules *
load_rules(void)
{
	const char *dir = getenv("YEKUO_DATA_DIR");
	char pattern[4096], rel[300];
	struct yk_rules *r = rules_new();
	glob_t g;

	snprintf(pattern, sizeof pattern, "%s/rules/*.rules", dir);
	if (glob(pattern, 0, NULL, &g) != 0) {
		printf("Bail out! no rule files under %s\n", pattern);
		exit(1);
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *text;

		snprintf(rel, sizeof rel, "rules/%s", strrchr(g.gl_pathv[i], '/') + 1);
		text = data_file(rel, &len);
		if (rules_load_text(r, text, len, rel, &err) < 0) {
			printf("Bail out! %s\n", err.msg);
			exit(1);
		}
		free(text);
	}
	globfree(&g);
	if (rules_finish(r, &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	return r;
}

static void
reset(void)
{
	for (size_t i = 0; i < nev; i++)
		event_free(&evs[i]);
	nev = 0;
}

/* add(kind, date, key, value, …, NULL): one event, recorded on its date. */
static struct yk_event *
add(enum ev_kind kind, const char *date, ...)
{
	struct yk_event *ev = &evs[nev];
	const char *k, *v;
	va_list ap;

	event_init(ev);
	snprintf(ev->uuid, sizeof ev->uuid, "u%zu", nev + 1);
	snprintf(ev->case_no, sizeof ev->case_no, "CN-2026-T-00001");
	ev->seq = (long)++nev;
	ev->kind = kind;
	ev->effective = day(date);
	snprintf(ev->recorded, sizeof ev->recorded, "%sT10:00:00+08:00", date);
	va_start(ap, date);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		payload_set(&ev->data, k, v);
	}
	va_end(ap);
	return ev;
}

/* A new case of `category` applied on `date`, every field good. */
static struct yk_event *
open_case(const char *category, const char *date)
{
	int hv = strncmp(category, "hv-", 3) == 0;

	reset();
	return add(EV_OPEN, date, "region", "national", "category", category, "name", "某某公司",
		   "id-type", "resident-id", "id", "11010519491231002X", "phone", "13912345678",
		   "address", "某市某路1号", "capacity", hv ? "630" : "30", "unit", hv ? "kVA" : "kW",
		   NULL);
}

static int
derive(void)
{
	int rc = case_derive(evs, nev, rules, &cs, &err);

	if (rc == 0)
		case_state_free(&cs);
	return rc;
}

/* The log as it stands is refused, saying `needle`. */
static void
refused(const char *needle, const char *desc)
{
	if (derive() == 0) {
		ok(0, "%s: refused", desc);
		return;
	}
	if (!ok(strstr(err.msg, needle) != NULL, "%s: refused", desc))
		printf("#   said '%s', want '%s'\n", err.msg, needle);
}

/* The same, the log being recorded now (case_derive_new): the checks of
 * what is entered, such as the 三零 ceiling, apply. */
static void
refused_new(const char *needle, const char *desc)
{
	int rc = case_derive_new(evs, nev, 0, rules, &cs, &err);

	if (rc == 0) {
		case_state_free(&cs);
		ok(0, "%s: refused", desc);
		return;
	}
	if (!ok(strstr(err.msg, needle) != NULL, "%s: refused", desc))
		printf("#   said '%s', want '%s'\n", err.msg, needle);
}

static void
accepted_new(const char *desc)
{
	int rc = case_derive_new(evs, nev, 0, rules, &cs, &err);

	if (rc == 0)
		case_state_free(&cs);
	if (!ok(rc == 0, "%s: accepted", desc))
		printf("#   %s\n", err.msg);
}

static void
accepted(const char *desc)
{
	if (!ok(derive() == 0, "%s: accepted", desc))
		printf("#   %s\n", err.msg);
}

/* The last event redated (and recorded on the new day). */
static void
redate(const char *date)
{
	evs[nev - 1].effective = day(date);
	snprintf(evs[nev - 1].recorded, sizeof evs[nev - 1].recorded, "%sT10:00:00+08:00", date);
}

/* LV: accept done (plan starts); HV up to the plan done. */
static void
lv_planned(void)
{
	open_case("lv-other", "2026-03-02");
	add(EV_DONE, "2026-03-03", "stage", "accept", NULL);
}

static void
hv_planned(void)
{
	open_case("hv-single", "2026-03-02");
	add(EV_DONE, "2026-03-03", "stage", "accept", NULL);
	add(EV_DONE, "2026-03-10", "stage", "plan", NULL);
}

static void
test_order(void)
{
	/* the plan started with acceptance on 03-03 */
	lv_planned();
	add(EV_DONE, "2026-03-02", "stage", "plan", NULL);
	refused("早于本环节开始日期", "plan done the day before it started");
	redate("2026-03-03");
	accepted("plan done the day it started");

	hv_planned();
	add(EV_START, "2026-03-09", "stage", "design", NULL);
	refused("早于上一环节完成日期", "design submitted the day before the plan was answered");
	redate("2026-03-10");
	accepted("design submitted the day the plan was answered");

	open_case("hv-single", "2026-03-02");
	add(EV_DONE, "2026-03-03", "stage", "accept", NULL);
	add(EV_START, "2026-03-04", "stage", "design", NULL);
	refused("上一环节完成之前", "design submitted while the plan is open");

	/* a suspension has no date rule of its own: only the application's */
	open_case("lv-other", "2026-03-02");
	add(EV_SUSPEND, "2026-03-01", "reason", "customer", NULL);
	refused("早于申请日期", "a suspension dated the day before the application");
	redate("2026-03-02");
	accepted("a suspension dated the day of the application");

	hv_planned();
	add(EV_DONE, "2026-03-12", "stage", "design", "result", "pass", NULL);
	refused("尚未开始", "a design review done that was never submitted");

	lv_planned();
	add(EV_DONE, "2026-03-04", "stage", "accept", NULL);
	refused("已经完成", "acceptance done twice");

	hv_planned();
	add(EV_START, "2026-03-11", "stage", "design", NULL);
	add(EV_START, "2026-03-12", "stage", "design", NULL);
	refused("已经开始", "a design review submitted twice");

	open_case("lv-other", "2026-03-02");
	add(EV_START, "2026-03-03", "stage", "design", NULL);
	refused("没有", "a low-voltage case has no design review");
}

static void
test_suspensions(void)
{
	lv_planned();
	add(EV_SUSPEND, "2026-03-04", "reason", "customer", NULL);
	add(EV_DONE, "2026-03-05", "stage", "plan", NULL);
	refused("挂起", "the plan completed while the case's first suspension is open");
	evs[nev - 1].kind = EV_RESUME;
	payload_free(&evs[nev - 1].data);
	add(EV_DONE, "2026-03-05", "stage", "plan", NULL);
	accepted("the plan completed after the suspension ended");

	lv_planned();
	add(EV_SUSPEND, "2026-03-04", "reason", "customer", NULL);
	add(EV_SUSPEND, "2026-03-05", "reason", "force-majeure", NULL);
	refused("已经挂起", "suspended again while suspended");

	lv_planned();
	add(EV_SUSPEND, "2026-03-04", "reason", "rectify", NULL);
	refused("rectify", "a suspension for rework by hand, without an inspection");

	lv_planned();
	add(EV_SUSPEND, "2026-03-05", "reason", "customer", NULL);
	add(EV_RESUME, "2026-03-04", NULL);
	refused("早于挂起开始日期", "a suspension ended the day before it began");
	redate("2026-03-05");
	accepted("a suspension ended the day it began");

	/* an inspection that asks for rework stops the clock until asked again */
	hv_planned();
	add(EV_START, "2026-03-11", "stage", "design", NULL);
	add(EV_DONE, "2026-03-12", "stage", "design", "result", "rectify", NULL);
	add(EV_RESUME, "2026-03-16", NULL);
	refused("整改", "customer rework ended with resume instead of a new request");
	evs[nev - 1].kind = EV_START;
	payload_set(&evs[nev - 1].data, "stage", "design");
	if (ok(case_derive(evs, nev, rules, &cs, &err) == 0, "a new request after the rework: accepted")) {
		ok(cs.nsusp == 1 && cs.susp[0].to == day("2026-03-16"),
		   "and it ends the rework on the day of the request");
		ok(cs.started[STAGE_DESIGN] == day("2026-03-11"), "the review keeps its first start");
		case_state_free(&cs);
	}
}

static void
test_open(void)
{
	struct yk_event *o;

	o = open_case("lv-sanling", "2026-03-02");
	payload_set(&o->data, "capacity", "160");
	accepted("a 160 kW 三零 case");
	payload_set(&o->data, "capacity", "160.01");
	/* national-2025 scope-max any 160 (000 三(一)1, 002 任务1) */
	refused_new("\"三零\"服务限160千瓦及以下，本户 160.01 kW", "a 160.01 kW 三零 case");
	/* a stored case replays as it was accepted, whatever the rule files
	 * say of the scope later */
	accepted("… the same case replayed from the log");

	/* 003 附件1 row 9 (2021年底前, national-2021 2022 applications):
	 * 城市地区 160 kW, 农村地区 100 kW */
	o = open_case("lv-sanling", "2022-05-10");
	payload_set(&o->data, "capacity", "120");
	payload_set(&o->data, "area", "rural");
	refused_new("限100千瓦及以下（农村地区，农村地区（003附件1第9行））",
		    "120 kW rural 三零 in 2022: above row 9's 100 kW");
	payload_set(&o->data, "capacity", "100");
	accepted_new("100 kW rural 三零 in 2022");
	payload_set(&o->data, "capacity", "120");
	payload_set(&o->data, "area", "urban");
	accepted_new("120 kW urban 三零 in 2022 (160 kW)");
	payload_set(&o->data, "area", "");
	refused_new("城市地区 160 千瓦、农村地区 100 千瓦，本户 120 kW：请填写城乡区域",
		    "120 kW in 2022 without the area: asked for it");
	payload_set(&o->data, "capacity", "90");
	accepted_new("90 kW in 2022 without the area: within both ceilings");
	payload_set(&o->data, "area", "suburb");
	refused_new("不是城乡区域代码", "an unknown area code");
	/* 003 row 10 (2022年底前 -> 2023): 160 kW in both areas */
	o = open_case("lv-sanling", "2023-03-01");
	payload_set(&o->data, "capacity", "150");
	payload_set(&o->data, "area", "rural");
	accepted_new("150 kW rural 三零 in 2023 (row 10: 160 everywhere)");
	/* 004 附件2 row 36: Jining's urban pilot, 200 kW from 2021-07-01 */
	o = open_case("lv-sanling", "2021-09-01");
	payload_set(&o->data, "region", "jining");
	payload_set(&o->data, "capacity", "180");
	payload_set(&o->data, "area", "urban");
	accepted_new("jining 180 kW urban 三零 (200 kW pilot)");
	payload_set(&o->data, "area", "rural");
	refused_new("限160千瓦及以下（农村地区，全市范围", "jining 180 kW rural 三零: above 160");

	/* 002 任务2: a Ningxia charging point is surveyed before its plan */
	o = open_case("lv-charging", "2026-03-02");
	payload_set(&o->data, "region", "ningxia");
	add(EV_DONE, "2026-03-02", "stage", "accept", NULL);
	add(EV_DONE, "2026-03-04", "stage", "plan", NULL);
	refused_new("必须现场勘察", "a charging point's plan without a survey");
	accepted("… a stored one replays as it was accepted");
	evs[nev - 1].kind = EV_SURVEY;
	payload_free(&evs[nev - 1].data);
	add(EV_DONE, "2026-03-04", "stage", "plan", NULL);
	accepted_new("the plan after the survey");
	evs[nev - 2].effective = day("2026-03-05");
	snprintf(evs[nev - 2].recorded, sizeof evs[nev - 2].recorded, "2026-03-05T10:00:00+08:00");
	refused_new("早于现场勘察日期 (2026-03-05)", "a plan dated before its survey");

	/* 容缺受理: refused where the profile does not allow it */
	o = open_case("lv-sanling", "2026-03-02");
	add(EV_MATERIALS, "2026-03-02", "stage", "accept", "items", "id", NULL);
	add(EV_DONE, "2026-03-02", "stage", "accept", NULL);
	refused_new("受理资料不全（缺：用电地址物业权属证明）", "acceptance with the property document missing");
	payload_set(&evs[nev - 2].data, "items", "id,property");
	accepted_new("acceptance with the checklist complete");

	o = open_case("lv-sanling", "2026-03-02");
	payload_set(&o->data, "capacity", "100");
	payload_set(&o->data, "split-application", "1");
	refused("拆分报装", "a split application as 三零");
	payload_set(&o->data, "split-application", "0");
	payload_set(&o->data, "hv-reapply", "1");
	refused("高压用户销户", "an HV user re-applying at LV as 三零");

	o = open_case("hv-single", "2026-03-02");
	payload_set(&o->data, "sanling", "1");
	refused("签字确认", "a 三零-eligible customer put on HV without a signed confirmation");
	payload_set(&o->data, "hv-confirmation", "2026-03-02 客户签字");
	accepted("with the confirmation");
	payload_set(&o->data, "unit", "kW");
	refused("kVA", "an HV case sized in kW");
	payload_set(&o->data, "unit", "kVA");
	payload_set(&o->data, "kv", "0.38");
	refused("电压等级不符", "an HV case at 0.38 kV");

	o = open_case("lv-resident", "2026-03-02");
	payload_set(&o->data, "appointment", "2026-03-01");
	refused("早于申请日期", "an appointment the day before the application");
	payload_set(&o->data, "appointment", "2026-03-02");
	accepted("an appointment on the day of the application");
	payload_set(&o->data, "region", "mars");
	refused("没有时限规则", "a region without rules");

	open_case("lv-other", "2026-03-02");
	add(EV_OPEN, "2026-03-03", "region", "national", NULL);
	refused("已经受理建档", "a case opened twice");

	reset();
	add(EV_SUSPEND, "2026-03-02", "reason", "customer", NULL);
	refused("第一条记录必须是受理建档", "a log that does not begin with the opening");
}

static void
test_materials_and_results(void)
{
	lv_planned();
	add(EV_MATERIALS, "2026-03-03", "stage", "accept", "items", "id,design-docs", NULL);
	refused("不在本环节申请资料清单内", "a document outside acceptance's checklist");
	payload_set(&evs[nev - 1].data, "items", "id,property");
	accepted("acceptance's own documents");
	payload_set(&evs[nev - 1].data, "stage", "plan");
	refused("无需收资", "documents for the plan, which needs none");
	payload_free(&evs[nev - 1].data);
	payload_set(&evs[nev - 1].data, "stage", "plan");
	refused("无需收资", "a materials record for the plan, even an empty one");

	hv_planned();
	add(EV_START, "2026-03-11", "stage", "design", NULL);
	add(EV_DONE, "2026-03-12", "stage", "design", NULL);
	refused("pass", "a design review done without its result");

	lv_planned();
	add(EV_DONE, "2026-03-04", "stage", "plan", "result", "rectify", NULL);
	refused("只有检验环节可以要求整改", "the plan asking for rework");

	/* what starts by itself when a stage completes */
	hv_planned();
	if (ok(case_derive(evs, nev, rules, &cs, &err) == 0, "an HV plan answered")) {
		is_int(cs.started[STAGE_DESIGN], YK_DATE_NONE,
		       "the design review waits for the customer's submission");
		case_state_free(&cs);
	}
	lv_planned();
	add(EV_DONE, "2026-03-05", "stage", "plan", NULL);
	if (ok(case_derive(evs, nev, rules, &cs, &err) == 0, "an LV plan answered")) {
		ok(cs.started[STAGE_ENERGISE] == day("2026-03-05"), "energising starts the same day");
		case_state_free(&cs);
	}
	add(EV_DONE, "2026-03-06", "stage", "energise", NULL);
	refused("meter-no", "energised without a meter number");
	payload_set(&evs[nev - 1].data, "meter-no", "1234567890");
	accepted("energised with one");
	add(EV_SUSPEND, "2026-03-09", "reason", "customer", NULL);
	refused("不能再办理", "a suspension after the case closed");
}

static void
test_filing(void)
{
	hv_planned();
	add(EV_FILING, "2026-03-11", "upgrade", "新建10kV线路", "why", "线路改造", "planned",
	    "2026-06-30", NULL);
	refused("只适用于低压案件", "a grid-upgrade filing for an HV case");

	lv_planned();
	add(EV_FILING, "2026-03-04", "upgrade", "新建10kV线路", "why", "线路改造", "planned",
	    "2026-03-04", NULL);
	refused("晚于备案日期", "a filing planned for its own day");
	payload_set(&evs[nev - 1].data, "planned", "2026-03-05");
	accepted("a filing planned for the next day");
	add(EV_FILING, "2026-03-05", "upgrade", "新建10kV线路", "why", "线路改造", "planned",
	    "2026-07-31", NULL);
	refused("已经备案", "a second filing instead of a correction");
}

static void
test_dates_as_recorded(void)
{
	struct yk_event *e;

	lv_planned();
	e = add(EV_DONE, "2026-03-05", "stage", "plan", NULL);
	snprintf(e->recorded, sizeof e->recorded, "2026-03-04T23:00:00+08:00");
	refused("将来的日期", "a stage done tomorrow");
	snprintf(e->recorded, sizeof e->recorded, "2026-03-05T08:00:00+08:00");
	if (ok(case_derive(evs, nev, rules, &cs, &err) == 0, "done today, recorded today: accepted")) {
		is_int(cs.late_entries, 0, "and not a late entry");
		case_state_free(&cs);
	}
	snprintf(e->recorded, sizeof e->recorded, "2026-03-06T08:00:00+08:00");
	refused("late-reason", "recorded the day after, without a reason");
	payload_set(&e->data, "late-reason", "现场无网络");
	if (ok(case_derive(evs, nev, rules, &cs, &err) == 0, "with a reason: accepted")) {
		is_int(cs.late_entries, 1, "and counted as a late entry");
		case_state_free(&cs);
	}
}

static void
test_corrections(void)
{
	lv_planned();
	add(EV_CORRECT, "2026-03-04", "corrects", "u2", "set.effective", "2026-03-02", NULL);
	refused("更正须填写原因", "a correction without a reason");
	payload_set(&evs[nev - 1].data, "reason", "录错日期");
	/* 03-02 stated on 03-04: a late entry (docs/store.md), refused when
	 * it is recorded; one stored before the rule replays as it was */
	ok(case_derive_new(evs, nev, nev - 1, rules, &cs, &err) < 0 && strstr(err.msg, "late-reason"),
	   "moving the date back, recorded without a late-entry reason: refused");
	accepted("stored before the rule, without one");
	is_int(cs.late_entries, 0, "and then not counted");
	payload_set(&evs[nev - 1].data, "late-reason", "受理单为2日");
	if (ok(case_derive_new(evs, nev, nev - 1, rules, &cs, &err) == 0, "with a reason: accepted")) {
		is_int(cs.late_entries, 1, "and counted as a late entry");
		case_state_free(&cs);
	}
	add(EV_CORRECT, "2026-03-04", "corrects", "u3", "set.effective", "2026-03-03", "reason",
	    "再改", NULL);
	refused("不是本案件之前的记录", "a correction of a correction");

	lv_planned();
	add(EV_CORRECT, "2026-03-04", "corrects", "u1", "void", "1", "reason", "录错", NULL);
	refused("受理建档不能作废", "voiding the opening record");
}

int
main(void)
{
	rules = load_rules();
	test_order();
	test_suspensions();
	test_open();
	test_materials_and_results();
	test_filing();
	test_dates_as_recorded();
	test_corrections();
	reset();
	rules_free(rules);
	return tap_done();
}
