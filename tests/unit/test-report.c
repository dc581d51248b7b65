/* The report module as the terminal app would drive it: cases fed one at a
 * time to a run, tables read back cell by cell. No database, no files: the
 * module is pure. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdata.h"
#include "yekuo/core/report.h"
#include "yekuo/core/calendar.h"
#include "yekuo/core/rules.h"

/* A minimal case: enough for the filing list and the benefit table. */
static void
mk(struct case_state *c, const char *no, enum yk_category cat, double cap, const char *applied)
{
	case_state_init(c);
	snprintf(c->case_no, sizeof c->case_no, "%s", no);
	snprintf(c->region, sizeof c->region, "national");
	snprintf(c->name, sizeof c->name, "客户%s", no);
	snprintf(c->unit, sizeof c->unit, "%s", category_is_hv(cat) ? "kVA" : "kW");
	c->category = cat;
	c->capacity = cap;
	c->applied = day(applied);
}

static void
energise(struct case_state *c, const char *d, double invest)
{
	c->status = CASE_CLOSED;
	c->done[STAGE_ENERGISE] = c->closed_on = day(d);
	c->investment_saved = invest;
}

static void
file(struct case_state *c, const char *on, const char *planned)
{
	c->filed = 1;
	c->filed_on = day(on);
	c->filed_due = day(planned);
	snprintf(c->upgrade, sizeof c->upgrade, "配变增容");
	snprintf(c->why, sizeof c->why, "台区容量不足");
	snprintf(c->filed_by, sizeof c->filed_by, "张工");
}

static const char *
meta(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->nmeta; i++)
		if (strcmp(r->meta[i].key, key) == 0)
			return r->meta[i].value;
	return NULL;
}

/* A month's reports take in its last day, and nothing of the next. */
static void
test_month_edges(void)
{
	struct report_params p = {0};
	struct case_query q;
	struct report_run *run;
	struct report *r;
	struct case_state c;
	struct yk_rules *rules = rules_new();
	struct yk_calendar *cal = calendar_new();
	yk_error err;
	size_t len;
	char *text;

	/* filed on March 31st: on March's filing list */
	p.kind = REPORT_FILING;
	report_month("2026-03", &p.from, &p.to);
	p.today = day("2026-04-01");
	run = report_begin(&p, &q);
	mk(&c, "F", CAT_LV_SANLING, 30, "2026-03-30");
	file(&c, "2026-03-31", "2026-06-30");
	report_add(run, &c);
	r = report_finish(run);
	is_int(r->sections[0].nrows, 1, "a case filed on the month's last day is on its filing list");
	report_free(r);

	text = data_file("rules/national-2025.rules", &len);
	if (rules_load_text(rules, text, len, "national-2025.rules", &err) < 0)
		printf("Bail out! %s\n", err.msg);
	free(text);
	text = data_file("calendar/2026.cal", &len);
	if (calendar_load_text(cal, text, len, "2026.cal", &err) < 0)
		printf("Bail out! %s\n", err.msg);
	free(text);
	memset(&p, 0, sizeof p);
	p.kind = REPORT_TIMELINESS;
	report_month("2026-03", &p.from, &p.to);
	p.today = day("2026-04-10");
	p.rules = rules;
	p.cal = cal;
	run = report_begin(&p, &q);
	/* lv-other, acceptance 1 WD: applied Mon 03-30, due Tue 03-31. P is
	 * accepted on 03-31; Q never is, so on 04-10 it is overdue by a due
	 * date inside March. */
	mk(&c, "P", CAT_LV_OTHER, 50, "2026-03-30");
	c.started[STAGE_ACCEPT] = c.applied;
	c.done[STAGE_ACCEPT] = c.started[STAGE_PLAN] = day("2026-03-31");
	report_add(run, &c);
	mk(&c, "Q", CAT_LV_OTHER, 50, "2026-03-30");
	c.started[STAGE_ACCEPT] = c.applied;
	report_add(run, &c);
	r = report_finish(run);
	{
		const struct report_section *s = &r->sections[0];
		size_t i;

		for (i = 0; i < s->nrows; i++)
			if (strcmp(report_cell_at(s, i, 1)->text, stage_name_zh(STAGE_ACCEPT)) == 0)
				break;
		if (ok(i < s->nrows, "March has an acceptance row")) {
			is_int(report_cell_at(s, i, 3)->num, 1, "P, accepted on March 31st, is counted in March");
			is_int(report_cell_at(s, i, 7)->num, 1, "Q, due on March 31st and still open, is overdue in March");
		}
		const struct report_section *o = NULL;

		/* the overdue list by its title: other sections come and go */
		for (size_t k = 0; k < r->nsections; k++)
			if (strcmp(r->sections[k].title, "超期清单") == 0)
				o = &r->sections[k];
		ok(o != NULL, "the report has an overdue list");
		is_int(o ? (long)o->nrows : -1, 1, "one step on March's overdue list");
		if (o && o->nrows)
			is_str(report_cell_at(o, 0, 0)->text, "Q", "Q's acceptance");
	}
	report_free(r);
	rules_free(rules);
	calendar_free(cal);
}

int
main(void)
{
	struct report_params p = {0};
	struct case_query q;
	struct report_run *run;
	struct report *r;
	struct case_state c;
	yk_date first, last;
	char b[YK_DATE_BUFSZ];

	ok(report_month("2026-02", &first, &last) == 0, "2026-02 is a month");
	is_str(date_format(last, b), "2026-02-28", "whose last day is the 28th");
	ok(report_month("2024-02", &first, &last) == 0 && last == day("2024-02-29"), "2024-02 ends on the 29th");
	ok(report_month("2026-13", &first, &last) < 0, "2026-13 is not");
	ok(report_month("2026-3", &first, &last) < 0, "2026-3 is not (two-digit month)");

	/* ---- filing: membership at the month's edges */
	p.kind = REPORT_FILING;
	report_month("2026-03", &p.from, &p.to);
	p.today = day("2026-04-01");
	run = report_begin(&p, &q);
	ok(q.filed_only && q.active_from == p.from && q.applied_to == p.to,
	   "the filing run asks the store for filed cases active in the month");
	mk(&c, "A", CAT_LV_SANLING, 30, "2026-02-02");
	file(&c, "2026-02-03", "2026-05-29");
	report_add(run, &c); /* open: listed */
	mk(&c, "B", CAT_LV_SANLING, 30, "2026-02-02");
	file(&c, "2026-02-03", "2026-03-20");
	energise(&c, "2026-02-28", 0);
	report_add(run, &c); /* energised the day before March: not listed */
	mk(&c, "C", CAT_LV_SANLING, 30, "2026-02-02");
	file(&c, "2026-02-03", "2026-03-20");
	energise(&c, "2026-03-01", 0);
	report_add(run, &c); /* energised on March 1st: listed */
	mk(&c, "D", CAT_LV_SANLING, 30, "2026-03-30");
	file(&c, "2026-04-01", "2026-06-30");
	report_add(run, &c); /* filed in April: not listed */
	mk(&c, "E", CAT_LV_SANLING, 30, "2026-03-02");
	report_add(run, &c); /* never filed: not listed */
	r = report_finish(run);
	ok(r->nsections == 1, "the filing list is one table");
	is_int(r->sections[0].nrows, 2, "two cases were open in March");
	is_str(report_cell_at(&r->sections[0], 0, 1)->text, "A", "A (open) is listed");
	is_str(report_cell_at(&r->sections[0], 1, 1)->text, "C", "C (energised on the 1st) is listed");
	is_str(date_format(report_cell_at(&r->sections[0], 1, 14)->date, b), "2026-03-01",
	       "with its energising date");
	ok(meta(r, "报送对象（national）") == NULL, "without rules, no recipients are made up");
	report_free(r);

	/* ---- benefit: kW counted as kVA, sums rounded */
	memset(&p, 0, sizeof p);
	p.kind = REPORT_BENEFIT;
	p.from = day("2026-03-01");
	p.to = day("2026-03-31");
	p.today = day("2026-04-01");
	run = report_begin(&p, &q);
	for (int i = 0; i < 3; i++) {
		mk(&c, "R", CAT_LV_RESIDENT, i == 0 ? 2 : 1, "2026-03-02");
		energise(&c, "2026-03-10", 0.1);
		report_add(run, &c);
	}
	mk(&c, "H", CAT_HV_DUAL, 10000, "2026-01-05");
	energise(&c, "2026-03-31", 20);
	report_add(run, &c);
	mk(&c, "O", CAT_LV_OTHER, 50, "2026-03-02");
	energise(&c, "2026-03-05", 0);
	report_add(run, &c);
	mk(&c, "X", CAT_LV_SANLING, 50, "2026-03-02");
	energise(&c, "2026-04-01", 1);
	report_add(run, &c);
	r = report_finish(run);
	{
		const struct report_section *s = &r->sections[0];

		is_int(s->nrows, 4, "four rows, as in 003 附件3");
		is_int(report_cell_at(s, 0, 1)->num, 3, "three residents");
		is_int(report_cell_at(s, 0, 4)->num, 1, "one HV case (三省)");
		is_int(report_cell_at(s, 0, 5)->num, 4, "four in all: lv-other and April are out");
		ok(report_cell_at(s, 1, 1)->num == 0.3, "0.1 + 0.1 + 0.1 万元 is 0.3, not 0.30000000000000004");
		ok(report_cell_at(s, 2, 1)->empty, "sales are not tracked: empty");
		ok(report_cell_at(s, 3, 4)->num == 1, "10000 kVA is 1 万千伏安");
		ok(report_cell_at(s, 3, 1)->num == 0.0004, "4 kW of residents count as 0.0004 万千伏安");
	}
	ok(meta(r, "未计入") && strstr(meta(r, "未计入"), "1 户"), "the lv-other case is reported as left out");
	report_free(r);

	/* ---- the case row */
	{
		struct report_case_row row = {0};

		mk(&c, "TJ-2026-A-00001", CAT_HV_SINGLE, 630, "2026-03-02");
		c.materials[STAGE_ACCEPT] = 5; /* id, approval */
		c.nsusp = 0;
		report_case_row(&c, &row);
		is_str(row.cells[RCC_CASE_NO].text, "TJ-2026-A-00001", "the case number is the first column");
		is_str(row.cells[RCC_ACCEPT_MATERIALS].text, "id,approval", "materials as codes");
		ok(row.cells[RCC_INVESTMENT_SAVED].empty, "no saving entered: empty, not 0");
		is_str(report_case_cols[RCC_APPLIED].title, "申请日期", "columns have Chinese titles");
		ok(report_case_cols[RCC_ID].mask == RM_ID, "the ID column is marked for masking");
		report_case_row_free(&row);
	}
	test_month_edges();
	return tap_done();
}
