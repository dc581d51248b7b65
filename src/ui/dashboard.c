#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/ui/curses.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/store.h"
#include "yekuo/store/views.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/calendar.h"
#include "yekuo/ui/dashboard.h"
#include "yekuo/ui/detail.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/intake.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/report.h"
#include "yekuo/ui/settings.h"
#include "yekuo/ui/sync.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/settings.h"

/* The time filter (o cycles the first four; w asks for N) */
enum deadline { DL_ANY, DL_OVERDUE, DL_TODAY, DL_WAITING, DL_WITHIN };

/* The lists (l cycles them): every case; my cases (as customer or project
 * manager, 003 附件1 row 13); the fast lane (001 附件1 row 8); promises
 * missed or due soon (契约式接电, row 10); follow-ups due (回访, 003 附件1
 * row 22: energised cases, their follow-up clock in the columns). */
enum listing { LS_ALL, LS_MINE, LS_FAST_LANE, LS_PROMISE, LS_FOLLOW_UP, LS_INCOMPLETE, LS_COUNT };
static const char *const listing_zh[LS_COUNT] = {
	[LS_ALL] = N_("全部"), [LS_MINE] = N_("我的案件"), [LS_FAST_LANE] = N_("绿色通道"),
	[LS_PROMISE] = N_("契约到期"), [LS_FOLLOW_UP] = N_("回访待办"), [LS_INCOMPLETE] = N_("容缺受理")};

struct dashboard {
	struct ui_screen base;
	struct ui *ui;
	int all;			/* every case, closed and withdrawn too (a) */
	struct case_rows rows;		/* every open case, or every case (core/views.h) */
	size_t *shown;			/* rows passing the filters, in order */
	size_t nshown, capshown;
	struct ui_list list;
	struct case_filter filter;	/* category, stage, overdue; text from the search box */
	struct ui_form search;		/* the search box (one text field) */
	int searching;			/* typing goes to the search box */
	enum deadline deadline;
	enum listing listing;
	long within;			/* DL_WITHIN: at most this many working days left */
	struct ui_form nform;		/* the N of "within N working days" (w) */
	int asking;			/* typing goes to nform */
	yk_date today;
	/* the next report the office owes (rules' reporting calendar) */
	const struct rule_report *next_report;
	yk_date report_due, report_from, report_to;
	long report_left;
	char report_region[SETTING_VALUE_MAX];
};

static void dash_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r);

/* ---- data -------------------------------------------------------------------- */

static void
apply_filters(struct dashboard *d)
{
	d->filter.text = ui_form_value(&d->search, "q");
	d->filter.overdue_only = d->deadline == DL_OVERDUE;
	d->filter.due_today_only = d->deadline == DL_TODAY;
	d->filter.waiting_only = d->deadline == DL_WAITING;
	d->filter.due_within = d->deadline == DL_WITHIN ? d->within : -1;
	d->filter.fast_lane_only = d->listing == LS_FAST_LANE;
	d->filter.promise_only = d->listing == LS_PROMISE;
	d->nshown = 0;
	for (size_t i = 0; i < d->rows.n; i++) {
		if (!case_row_match(&d->rows.v[i], &d->filter))
			continue;
		d->shown = xgrow(d->shown, &d->capshown, d->nshown + 1, sizeof *d->shown);
		d->shown[d->nshown++] = i;
	}
	ui_list_set_count(&d->list, d->nshown);
}

/* The next report due (docs/reports.md "Reporting calendar"): the office's
 * default region's and the national ones. */
static void
next_report(struct dashboard *d)
{
	struct app *app = d->ui->app;
	struct yk_settings set;
	const struct rule_report *rs[2 * RULE_REPORTS_MAX];
	yk_error err;
	size_t n;

	d->next_report = NULL;
	snprintf(d->report_region, sizeof d->report_region, "national");
	if (settings_load(app->st, app->operator_name, &set, &err) == 0 && set.v[SET_REGION][0])
		snprintf(d->report_region, sizeof d->report_region, "%s", set.v[SET_REGION]);
	n = rules_reports(app->rules, d->report_region, d->today, rs, sizeof rs / sizeof rs[0]);
	for (size_t i = 0; i < n; i++) {
		yk_date due, from, to;

		if (rules_report_due(rs[i], app->cal, d->today, &due, &from, &to, &err) < 0)
			continue;
		if (!d->next_report || due < d->report_due) {
			d->next_report = rs[i];
			d->report_due = due;
			d->report_from = from;
			d->report_to = to;
		}
	}
	if (d->next_report)
		d->report_left = calendar_in_range(d->report_due)
					 ? calendar_count(app->cal, d->today, d->report_due) : 0;
}

static void
reload(struct dashboard *d)
{
	char keep[CASE_NO_BUFSZ] = "";
	struct app *app = d->ui->app;
	yk_error err;

	if (d->nshown && d->list.sel < d->nshown)
		snprintf(keep, sizeof keep, "%s", d->rows.v[d->shown[d->list.sel]].case_no);
	d->today = ui_today();
	case_rows_free(&d->rows);
	{
		struct case_filter keep = CASE_FILTER_ANY;

		/* my cases: by the operator's name; follow-ups: energised cases */
		keep.owner = d->listing == LS_MINE ? (app->operator_name ? app->operator_name : "") : NULL;
		keep.follow_up_only = d->listing == LS_FOLLOW_UP;
		keep.incomplete_only = d->listing == LS_INCOMPLETE;
		case_rows_init(&d->rows, &(struct case_rows_opts){.rules = app->rules, .cal = app->cal,
								  .today = d->today, .keep = keep});
	}
	/* the narrow clocks table: fast with a million cases (docs/performance.md);
	 * the owners are in the full summary only */
	if (view_case_rows(app->st,
			   &(struct case_query){.open_only = !d->all && d->listing != LS_FOLLOW_UP,
						/* owners and materials are in the full summary */
						.brief = d->listing != LS_MINE && d->listing != LS_INCOMPLETE},
			   &d->rows, &err) < 0) {
		d->rows.errors++;
		snprintf(d->rows.error, sizeof d->rows.error, "%s", err.msg);
	}
	if (d->rows.conflicted_error.msg[0])
		ui_message(d->ui, UI_TONE_ERROR, _("无法读取同步冲突：%s"), d->rows.conflicted_error.msg);
	next_report(d);
	apply_filters(d);
	/* stay on the case that was selected */
	for (size_t i = 0; keep[0] && i < d->nshown; i++)
		if (strcmp(d->rows.v[d->shown[i]].case_no, keep) == 0)
			d->list.sel = i;
}

/* ---- drawing ----------------------------------------------------------------- */

struct cols {
	int sync, mark, no, name, cat, stage, due, left, state;
};

static struct cols
columns(const struct dashboard *d, int w)
{
	struct cols c = {.mark = 2, .no = 10, .cat = 10, .stage = 8, .due = 10, .left = 4, .state = 8};

	/* a column for the conflict mark only while a listed case has one */
	c.sync = d->rows.conflicts ? 2 : 0;
	/* room for the "?" of a due date counted without its year's calendar */
	if (d->rows.nocal)
		c.due++;

	for (size_t i = 0; i < d->rows.n; i++) {
		int cw = text_width(d->rows.v[i].case_no);
		/* a state's name in the locale's words ("due today") */
		int sw = text_width(_(engine_state_zh(d->rows.v[i].state)));

		if (cw > c.no)
			c.no = cw;
		if (sw > c.state)
			c.state = sw;
	}
	if (c.no > 24)
		c.no = 24;
	/* separators: one blank between columns, one spare at the end */
	c.name = w - (c.sync + c.mark + c.no + c.cat + c.stage + c.due + c.left + c.state + 8);
	if (c.name < 6)
		c.name = 6;
	return c;
}

struct row_ctx {
	struct dashboard *d;
	struct cols c;
};

static void
dash_row(void *vctx, size_t i, int y, int x, int w, int selected)
{
	struct row_ctx *rc = vctx;
	const struct case_row *row = &rc->d->rows.v[rc->d->shown[i]];
	struct cols c = rc->c;
	enum ui_tone tone = selected ? UI_TONE_SELECTED : ui_state_tone(row->state);
	enum ui_tone plain = selected ? UI_TONE_SELECTED : UI_TONE_NORMAL;
	char due[32], left[24];
	int cx = x;

	if (rc->d->listing == LS_FOLLOW_UP) {
		/* the follow-up's own due date (回访) */
		date_format(row->due, due);
	} else if (row->waiting_since != YK_DATE_NONE) {
		/* calendar days: how long the customer has had the ball */
		snprintf(due, sizeof due, _("已等%ld天"), (long)(rc->d->today - row->waiting_since));
	} else if (row->status != CASE_OPEN && row->closed_on != YK_DATE_NONE) {
		char b[YK_DATE_BUFSZ];

		/* a closed case: the day it was energised or withdrawn */
		snprintf(due, sizeof due, "%s%s",
			 row->status == CASE_CLOSED ? pgettext("closed on", "办结") : pgettext("closed on", "撤销"),
			 date_format(row->closed_on, b) + 5);
	} else {
		date_format(row->due, due);
	}
	if (row->missing_year)
		strcat(due, "?");
	if (row->counts)
		snprintf(left, sizeof left, "%ld", row->left);
	else
		snprintf(left, sizeof left, "-");
	ui_put(y, x, w, plain, "");
	if (c.sync) {
		ui_put(y, cx, c.sync, selected ? UI_TONE_SELECTED : UI_TONE_ERROR,
		       row->conflict ? (ui_ascii() ? "X" : "⚡") : "");
		cx += c.sync;
	}
	ui_put(y, cx, c.mark, tone, ui_state_marker(row->state));
	cx += c.mark + 1;
	ui_put(y, cx, c.no, plain, row->case_no);
	cx += c.no + 1;
	if (row->fast_lane || case_row_promise_alert(row)) {
		/* (绿) the fast lane; (约) a promise missed or due soon */
		char name[300];

		snprintf(name, sizeof name, "%s%s%s", row->fast_lane ? _("(绿)") : "",
			 case_row_promise_alert(row) ? _("(约)") : "", row->name);
		ui_put(y, cx, c.name,
		       case_row_promise_alert(row) && !selected ? ui_state_tone(row->promise.state) : plain, name);
	} else {
		ui_put(y, cx, c.name, plain, row->name);
	}
	cx += c.name + 1;
	ui_put(y, cx, c.cat, plain, ui_category_short(row->category));
	cx += c.cat + 1;
	ui_put(y, cx, c.stage, plain, row->stage >= 0 ? ui_stage_short((enum yk_stage)row->stage) : "-");
	cx += c.stage + 1;
	ui_put(y, cx, c.due, tone, due);
	cx += c.due + 1;
	ui_putf(y, cx, c.left, tone, "%4s", left);
	cx += c.left + 1;
	ui_putf(y, cx, c.state, tone, "%s%s", _(engine_state_zh(row->state)), row->filed ? "*" : "");
}

static void
filter_text(const struct dashboard *d, char *out, size_t outsz)
{
	static const char *const dl[] = {[DL_ANY] = N_("全部"), [DL_OVERDUE] = N_("超期"),
					 [DL_TODAY] = N_("今日到期"), [DL_WAITING] = N_("待客户")};
	char within[48];

	snprintf(within, sizeof within, _("%ld个工作日内到期"), d->within);
	snprintf(out, outsz, _("筛选  类别[c]:%s  环节[s]:%s  时限[o/w]:%s  清单[l]:%s"),
		 d->filter.category >= 0 ? ui_category_short((enum yk_category)d->filter.category) : _("全部"),
		 d->filter.stage >= 0 ? ui_stage_short((enum yk_stage)d->filter.stage) : _("全部"),
		 d->deadline == DL_WITHIN ? within : _(dl[d->deadline]), _(listing_zh[d->listing]));
}

static void
dash_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct dashboard *d = (struct dashboard *)s;
	struct row_ctx rc = {.d = d, .c = columns(d, r.w)};
	char line[1024];
	int y = r.y;

	if (d->today != ui_today())
		reload(d);
	if (d->listing == LS_FOLLOW_UP)
		snprintf(line, sizeof line, _("回访待办 %zu 件   回访超期 %zu   今日到期 %zu   预警 %zu"), d->rows.n,
			 d->rows.overdue, d->rows.due_today, d->rows.warning);
	else if (d->all)
		snprintf(line, sizeof line, _("全部 %zu 件：在办 %zu  已办结 %zu  已撤销 %zu   超期 %zu   今日到期 %zu"),
			 d->rows.n, d->rows.open, d->rows.closed, d->rows.withdrawn, d->rows.overdue,
			 d->rows.due_today);
	else
		snprintf(line, sizeof line, _("在办 %zu 件   超期 %zu   今日到期 %zu   预警 %zu   待客户 %zu"),
			 d->rows.n, d->rows.overdue, d->rows.due_today, d->rows.warning, d->rows.waiting);
	ui_put(y, r.x + 1, r.w - 1, UI_TONE_FOCUS, line);
	if (d->rows.nconflicted) {
		/* every case in conflict, open or not: the sync screen lists them */
		int lw = text_width(line);
		char conf[64];

		snprintf(conf, sizeof conf, _("   冲突 %zu"), d->rows.nconflicted);
		ui_put(y, r.x + 1 + lw, r.w - 1 - lw, UI_TONE_ERROR, conf);
	}
	if (d->next_report) {
		/* the next report due, by its name before the clause, after
		 * the counts and the conflicts */
		char b[YK_DATE_BUFSZ], due[320];
		int cut = (int)strcspn(d->next_report->name, "（");
		char conf[64];
		int lw;

		snprintf(conf, sizeof conf, _("   冲突 %zu"), d->rows.nconflicted);
		lw = text_width(line) + (d->rows.nconflicted ? text_width(conf) : 0);

		snprintf(due, sizeof due, _("   D报送 %s 剩%ld %.*s"), date_format(d->report_due, b) + 5,
			 d->report_left, cut, d->next_report->name);
		if (lw < r.w - 1)
			ui_put(y, r.x + 1 + lw, r.w - 1 - lw, UI_TONE_FOCUS, due);
	}
	y++;
	if (d->rows.nmissing || d->rows.errors) {
		size_t len = 0;

		line[0] = '\0';
		for (size_t i = 0; i < d->rows.nmissing && len < sizeof line - 80; i++)
			len += (size_t)snprintf(line + len, sizeof line - len, _("%s%d 年节假日未载入，只按周末推算"),
						i ? _("；") : _("注意："), d->rows.missing[i]);
		if (d->rows.nmissing)
			len += (size_t)snprintf(line + len, sizeof line - len, _("（带?的到期日只按周末推算）"));
		if (d->rows.errors && len < sizeof line - 40)
			snprintf(line + len, sizeof line - len, _("%s%ld 件无法计算时限：%s"), len ? _("；") : "",
				 d->rows.errors, d->rows.error);
		ui_put(y++, r.x + 1, r.w - 1, UI_TONE_ERROR, line);
	}
	filter_text(d, line, sizeof line);
	if (d->searching || d->asking) {
		struct ui_rect sr = {.y = y, .x = r.x, .h = 1, .w = r.w};

		ui_form_draw(d->asking ? &d->nform : &d->search, ui, sr);
	} else {
		const char *q = ui_form_value(&d->search, "q");
		size_t len = strlen(line);

		if (*q)
			snprintf(line + len, sizeof line - len, _("  搜索[/]:%s"), q);
		ui_put(y, r.x + 1, r.w - 1, UI_TONE_NORMAL, line);
	}
	y++;
	/* column heads */
	{
		struct cols c = rc.c;
		int x = r.x;

		ui_put(y, x, r.w, UI_TONE_NORMAL, "");
		x += c.sync + c.mark + 1;
		ui_put(y, x, c.no, UI_TONE_DIM, pgettext("column", "案件编号"));
		x += c.no + 1;
		ui_put(y, x, c.name, UI_TONE_DIM, pgettext("column", "客户名称"));
		x += c.name + 1;
		ui_put(y, x, c.cat, UI_TONE_DIM, pgettext("column", "用户类别"));
		x += c.cat + 1;
		ui_put(y, x, c.stage, UI_TONE_DIM, pgettext("column", "当前环节"));
		x += c.stage + 1;
		ui_put(y, x, c.due, UI_TONE_DIM, pgettext("column", "到期日"));
		x += c.due + 1;
		ui_put(y, x, c.left, UI_TONE_DIM, pgettext("column", "剩余"));
		x += c.left + 1;
		ui_put(y, x, c.state, UI_TONE_DIM, pgettext("column", "状态"));
		mvchgat(y, r.x, r.w, A_UNDERLINE, 0, NULL);
	}
	y++;
	d->list.ctx = &rc;
	if (d->nshown == 0) {
		ui_put(y + 1, r.x + 2, r.w - 2, UI_TONE_DIM,
		       d->listing == LS_FOLLOW_UP && !d->rows.n ? _("没有待回访的案件（按 l 换清单）")
		       : d->rows.n ? _("没有符合筛选或搜索条件的案件（按 x 清除）")
				 : d->all ? _("还没有案件。按 n 新建案件（业务受理）。")
					  : _("没有在办案件。按 n 新建案件（业务受理）；按 a 查看全部案件。"));
		d->list.ctx = d;
		return;
	}
	ui_list_draw(&d->list, (struct ui_rect){.y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w});
	d->list.ctx = d;
}

/* ---- keys -------------------------------------------------------------------- */

/* The states of the key table: the list has the keys (with a search kept:
 * n/N go from match to match), the search box, or the N of "within N
 * working days". */
enum { DASH_LIST, DASH_FOUND, DASH_SEARCH, DASH_WITHIN };
/* added to those: every case is shown (a); a filter or search is on (x) */
#define DASH_ALL 4
#define DASH_FILTERED 8
/* a state whatever the scope and filters */
#define IN_ANY(st)                                                                                 \
	(UI_IN(st) | UI_IN((st) | DASH_ALL) | UI_IN((st) | DASH_FILTERED) |                        \
	 UI_IN((st) | DASH_ALL | DASH_FILTERED))
#define IN_LIST (IN_ANY(DASH_LIST) | IN_ANY(DASH_FOUND))
#define IN_OPEN_LIST                                                                               \
	(UI_IN(DASH_LIST) | UI_IN(DASH_FOUND) | UI_IN(DASH_LIST | DASH_FILTERED) |                 \
	 UI_IN(DASH_FOUND | DASH_FILTERED))
#define IN_FILTERED_LIST                                                                           \
	(UI_IN(DASH_LIST | DASH_FILTERED) | UI_IN(DASH_FOUND | DASH_FILTERED) |                    \
	 UI_IN(DASH_LIST | DASH_FILTERED | DASH_ALL) | UI_IN(DASH_FOUND | DASH_FILTERED | DASH_ALL))

static int
dash_state(const struct ui_screen *s)
{
	const struct dashboard *d = (const struct dashboard *)s;
	const struct case_filter *f = &d->filter;
	int found = *ui_form_value(&d->search, "q") != '\0';
	int st = d->asking ? DASH_WITHIN : d->searching ? DASH_SEARCH : found ? DASH_FOUND : DASH_LIST;

	if (d->all)
		st |= DASH_ALL;
	if (found || f->category >= 0 || f->stage >= 0 || d->deadline != DL_ANY || d->listing != LS_ALL)
		st |= DASH_FILTERED;
	return st;
}

static int
dash_typing(const struct ui_screen *s)
{
	const struct dashboard *d = (const struct dashboard *)s;

	return d->searching || d->asking;
}

static int
key_open(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;

	if (d->nshown)
		ui_push(h->ui, ui_detail_new(h->ui, d->rows.v[d->shown[d->list.sel]].case_no));
	return 1;
}

static int
key_new(const struct ui_keyhit *h)
{
	ui_push(h->ui, ui_intake_new(h->ui));
	return 1;
}

static int
key_search(const struct ui_keyhit *h)
{
	((struct dashboard *)h->s)->searching = 1;
	return 1;
}

static const struct ui_screen_ops dash_ops, all_ops;

/* a: every case (closed and withdrawn too) or the open ones */
static int
key_scope(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;

	d->all = !d->all;
	d->base.ops = d->all ? &all_ops : &dash_ops;
	reload(d);
	ui_message(h->ui, UI_TONE_OK, d->all ? _("全部案件：在办、已办结和已撤销的（按 a 回到在办）")
					     : _("在办案件（按 a 查看全部案件）"));
	return 1;
}

/* n, N with a search kept: the next / previous match, round the list */
static int
key_match(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;

	if (!d->nshown) {
		ui_message(h->ui, UI_TONE_ERROR, _("没有匹配“%s”的案件"), ui_form_value(&d->search, "q"));
		return 1;
	}
	d->list.sel = (d->list.sel + (h->d->arg > 0 ? 1 : d->nshown - 1)) % d->nshown;
	ui_message(h->ui, UI_TONE_NORMAL, _("匹配 %zu/%zu：%s"), d->list.sel + 1, d->nshown,
		   d->rows.v[d->shown[d->list.sel]].case_no);
	return 1;
}

enum { FILTER_CATEGORY, FILTER_STAGE, FILTER_DEADLINE, FILTER_CLEAR };

/* c, s, o, x: change the filters and show what passes them */
static int
key_filter(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;
	struct case_filter *f = &d->filter;

	switch (h->d->arg) {
	case FILTER_CATEGORY:
		f->category = f->category + 1 >= CAT_COUNT ? -1 : f->category + 1;
		break;
	case FILTER_STAGE:
		f->stage = f->stage + 1 >= STAGE_COUNT ? -1 : f->stage + 1;
		break;
	case FILTER_DEADLINE:
		d->deadline = d->deadline >= DL_WAITING ? DL_ANY : d->deadline + 1;
		break;
	default:
		*f = CASE_FILTER_ANY;
		d->deadline = DL_ANY;
		ui_field_set_text(&d->search.f[0], "");
		if (d->listing != LS_ALL) {
			d->listing = LS_ALL;
			reload(d);
			return 1;
		}
	}
	apply_filters(d);
	return 1;
}

/* D: the next report due, its parameters set: F2 runs it */
static int
key_due(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;
	const struct rule_report *r = d->next_report;
	char b[YK_DATE_BUFSZ];

	if (!r) {
		ui_message(h->ui, UI_TONE_NORMAL, _("本地规则没有规定报送日历（yekuo report due）"));
		return 1;
	}
	if (!r->kind[0]) {
		ui_message(h->ui, UI_TONE_NORMAL, _("%s 截止 %s：本程序不生成此表"), r->name,
			   date_format(d->report_due, b));
		return 1;
	}
	ui_push(h->ui, ui_report_new_for(h->ui, r->kind, d->report_from, d->report_to,
					 strcmp(d->report_region, "national") ? d->report_region : ""));
	ui_message(h->ui, UI_TONE_OK, _("%s 截止 %s：参数已填好，按 F2 生成"), r->name,
		   date_format(d->report_due, b));
	return 1;
}

/* l: the next list (我的案件, 绿色通道, 契约到期, 回访待办, 全部) */
static int
key_listing(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;

	d->listing = (enum listing)((d->listing + 1) % LS_COUNT);
	reload(d);
	if (d->listing == LS_MINE)
		ui_message(h->ui, UI_TONE_OK, _("我的案件：%s 为客户经理或项目经理的案件"),
			   d->ui->app->operator_name ? d->ui->app->operator_name : "");
	else if (d->listing == LS_FOLLOW_UP)
		ui_message(h->ui, UI_TONE_OK, _("回访待办：已接电、尚未回访的案件；到期日、剩余、状态为回访时限"));
	else if (d->listing == LS_INCOMPLETE)
		ui_message(h->ui, UI_TONE_OK, _("容缺受理：已受理、受理资料仍未收齐的案件（按 l 换下一个）"));
	else
		ui_message(h->ui, UI_TONE_OK, _("清单：%s（按 l 换下一个）"), _(listing_zh[d->listing]));
	return 1;
}

/* w: ask for N, then keep the cases due within N working days */
static int
key_within(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;
	char n[24];

	snprintf(n, sizeof n, "%ld", d->within);
	ui_field_set_text(&d->nform.f[0], n);
	d->asking = 1;
	return 1;
}

static int
key_within_done(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;
	const char *t = ui_form_value(&d->nform, "n");
	char *end;
	long n = strtol(t, &end, 10);

	/* a working-day count a list can ask about: up to a working year */
	if (end == t || *end || n < 0 || n > 366) {
		ui_message(h->ui, UI_TONE_ERROR, _("工作日数应为 0 到 366 的整数，不是“%s”"), t);
		return 1;
	}
	ui_message_clear(h->ui);
	d->within = n;
	d->deadline = DL_WITHIN;
	d->asking = 0;
	apply_filters(d);
	return 1;
}

static int
key_within_cancel(const struct ui_keyhit *h)
{
	((struct dashboard *)h->s)->asking = 0;
	ui_message_clear(h->ui);
	return 1;
}

static int
key_reload(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;

	reload(d);
	ui_message(h->ui, UI_TONE_OK, _("已刷新：%s %zu 件"), d->all ? _("全部") : _("在办"), d->rows.n);
	return 1;
}

static int
key_report(const struct ui_keyhit *h)
{
	ui_push(h->ui, ui_report_new(h->ui));
	return 1;
}

static int
key_calendar(const struct ui_keyhit *h)
{
	ui_push(h->ui, ui_calendar_new(h->ui));
	return 1;
}

static int
key_settings(const struct ui_keyhit *h)
{
	struct ui_screen *s = ui_settings_new(h->ui, 0);

	if (s)
		ui_push(h->ui, s);
	return 1;
}

static int
key_sync(const struct ui_keyhit *h)
{
	ui_push(h->ui, ui_sync_new(h->ui));
	return 1;
}

static int
key_search_done(const struct ui_keyhit *h)
{
	((struct dashboard *)h->s)->searching = 0;
	return 1;
}

static int
key_search_cancel(const struct ui_keyhit *h)
{
	struct dashboard *d = (struct dashboard *)h->s;

	ui_field_set_text(&d->search.f[0], "");
	d->searching = 0;
	apply_filters(d);
	return 1;
}

static int
key_list(const struct ui_keyhit *h)
{
	return ui_list_key(&((struct dashboard *)h->s)->list, h->k);
}

static const struct ui_keydef dash_keys[] = {
	/* the list: on the bottom line in this order, as many as fit */
	{.key = "Enter", .what = N_("打开"), .help = N_("打开所选案件（详情、时间线、事件记录；办结的案件可重印回执、更正记录）"), .bar = 1,
	 .on = {UI_KEYS_ENTER}, .in = IN_LIST, .act = key_open},
	{.key = "n", .what = N_("新建"), .help = N_("新建案件（业务受理表单）"), .bar = 1,
	 .on = {UI_KEY_CH(L'n')}, .in = IN_ANY(DASH_LIST), .act = key_new},
	{.key = "n", .what = N_("下一个"), .help = N_("搜索后：下一个匹配的案件（到尾回到头）"), .bar = 1,
	 .on = {UI_KEY_CH(L'n')}, .in = IN_ANY(DASH_FOUND), .act = key_match, .arg = 1},
	{.key = "N", .what = N_("上一个"), .help = N_("搜索后：上一个匹配的案件"), .bar = 1,
	 .on = {UI_KEY_CH(L'N')}, .in = IN_ANY(DASH_FOUND), .act = key_match, .arg = -1},
	{.key = "/", .what = N_("搜索"), .help = N_("搜索：案件编号、客户名称、电话或地址（可输入中文）"), .bar = 1,
	 .on = {UI_KEY_CH(L'/')}, .in = IN_LIST, .act = key_search},
	{.key = "x", .what = N_("清除"), .help = N_("清除全部筛选和搜索"), .bar = 1,
	 .on = {UI_KEY_CH(L'x'), UI_KEY_CH(UI_ESC)}, .in = IN_FILTERED_LIST, .act = key_filter,
	 .arg = FILTER_CLEAR},
	{.key = "a", .what = N_("全部"), .help = N_("全部案件：在办、已办结、已撤销的都列出；搜索、筛选、排序相同"), .bar = 1,
	 .on = {UI_KEY_CH(L'a')}, .in = IN_OPEN_LIST, .act = key_scope},
	{.key = "a", .what = N_("在办"), .help = N_("回到在办案件"), .bar = 1,
	 .on = {UI_KEY_CH(L'a')}, .in = IN_LIST & ~IN_OPEN_LIST, .act = key_scope},
	{.key = "o", .what = N_("时限"), .help = N_("按时限筛选：超期 → 今日到期 → 待客户（到期日一栏显示已等天数）→ 全部"), .bar = 1,
	 .on = {UI_KEY_CH(L'o')}, .in = IN_LIST, .act = key_filter, .arg = FILTER_DEADLINE},
	{.key = "w", .what = N_("N日内"), .help = N_("只看 N 个工作日内到期的（含超期）：输入 N 后按 Enter"), .bar = 1,
	 .on = {UI_KEY_CH(L'w')}, .in = IN_LIST, .act = key_within},
	{.key = "D", .what = N_("报送"), .help = N_("生成下一份到期的报送报表（首行“报送”：截止日与剩余工作日；yekuo report due 列出全部）"),
	 .on = {UI_KEY_CH(L'D')}, .in = IN_LIST, .act = key_due},
	{.key = "R", .what = N_("报表"), .help = N_("报表：备案表、效益表、时限统计（条形图），可导出文件"), .bar = 1,
	 .on = {UI_KEY_CH(L'R')}, .in = IN_LIST, .act = key_report},
	{.key = "S", .what = N_("同步"), .help = N_("同步：导出 / 导入同步包（先预览再确认），解决同步冲突"), .bar = 1,
	 .on = {UI_KEY_CH(L'S')}, .in = IN_LIST, .act = key_sync},
	{.key = "C", .what = N_("日历"), .help = N_("日历：按月看节假日、调休上班日和每天到期的在办案件"), .bar = 1,
	 .on = {UI_KEY_CH(L'C')}, .in = IN_LIST, .act = key_calendar},
	{.key = "O", .what = N_("设置"), .help = N_("设置：办事处代码、营业厅、热线、行政区划、默认值、本人姓名"),
	 .on = {UI_KEY_CH(L'O')}, .in = IN_LIST, .act = key_settings},
	{.key = "c", .what = N_("类别"), .help = N_("按用户类别筛选（每按一次换一类，回到全部）"), .bar = 1,
	 .on = {UI_KEY_CH(L'c')}, .in = IN_LIST, .act = key_filter, .arg = FILTER_CATEGORY},
	{.key = "s", .what = N_("环节"), .help = N_("按当前环节筛选（每按一次换一个环节）"), .bar = 1,
	 .on = {UI_KEY_CH(L's')}, .in = IN_LIST, .act = key_filter, .arg = FILTER_STAGE},
	{.key = "l", .what = N_("清单"), .help = N_("换清单：我的案件 → 绿色通道 → 契约到期（已过或 3 个工作日内）→ 回访待办（已接电未回访）→ 容缺受理（资料未齐）→ 全部"),
	 .on = {UI_KEY_CH(L'l')}, .in = IN_LIST, .act = key_listing},
	{.key = N_("(绿) (约)"), .what = "", .help = N_("客户名称前：(绿) 重大项目绿色通道；(约) 与客户约定的接电日期已过或 3 个工作日内到期"),
	 .in = IN_LIST},
	{.key = "r", .what = N_("刷新"), .help = N_("重新读取案件和时限"),
	 .on = {UI_KEY_CH(L'r')}, .in = IN_LIST, .act = key_reload},
	{.key = "↑↓ j k", .what = N_("移动"), .help = N_("上下移动"), .in = IN_LIST},
	{.key = "PgUp PgDn", .what = N_("翻页"), .in = IN_LIST},
	{.key = "Home End g G", .what = N_("到头/尾"), .help = N_("到第一件 / 最后一件"), .in = IN_LIST},
	{.key = N_("标记"), .what = "", .help = N_("!! 超期  ! 今日到期  ~ 预警  = 挂起（无彩色终端也能分辨）"),
	 .in = IN_LIST},
	{.key = N_("超期* 正常*"), .what = "", .help = N_("状态后的 *：已作电网升级改造备案，时限按备案的计划完成日期计"),
	 .in = IN_LIST},
	{.key = N_("已等N天"), .what = "", .help = N_("待客户：客户还没有办下一步，自上一环节办完（或申请）起已等的天数（日历日）"),
	 .in = IN_LIST},
	{.key = "⚡ / X", .what = "", .help = N_("同步冲突：按 S 解决；表头“冲突 N”计全部冲突案件"),
	 .in = IN_LIST},
	/* the search box */
	{.key = "Enter", .what = N_("完成"), .help = N_("完成搜索（保留结果；之后 n / N 到下一个 / 上一个匹配）"), .bar = 1,
	 .on = {UI_KEYS_ENTER}, .in = IN_ANY(DASH_SEARCH), .act = key_search_done},
	{.key = "Esc", .what = N_("取消"), .help = N_("取消搜索，显示全部"), .bar = 1,
	 .on = {UI_KEY_CH(UI_ESC)}, .in = IN_ANY(DASH_SEARCH), .act = key_search_cancel},
	{.key = "↑↓", .what = N_("移动"), .help = N_("在结果中移动"), .bar = 1,
	 .on = {UI_KEY_FN(KEY_UP), UI_KEY_FN(KEY_DOWN), UI_KEY_FN(KEY_PPAGE), UI_KEY_FN(KEY_NPAGE)},
	 .in = IN_ANY(DASH_SEARCH), .act = key_list},
	{.key = "←→ Home End", .what = N_("光标"), .help = N_("在搜索框中按字移动光标"), .in = IN_ANY(DASH_SEARCH) | IN_ANY(DASH_WITHIN)},
	{.key = "Backspace Del", .what = N_("删除"), .help = N_("删除一个字"), .in = IN_ANY(DASH_SEARCH) | IN_ANY(DASH_WITHIN)},
	/* N of "within N working days" */
	{.key = "Enter", .what = N_("确定"), .help = N_("只看 N 个工作日内到期的案件"), .bar = 1,
	 .on = {UI_KEYS_ENTER}, .in = IN_ANY(DASH_WITHIN), .act = key_within_done},
	{.key = "Esc", .what = N_("取消"), .help = N_("不改时限筛选"), .bar = 1,
	 .on = {UI_KEY_CH(UI_ESC)}, .in = IN_ANY(DASH_WITHIN), .act = key_within_cancel},
	{.key = NULL},
};

/* What the table did not take: the list's keys, or the text of a box. */
static int
dash_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct dashboard *d = (struct dashboard *)s;

	(void)ui;
	if (!d->searching && !d->asking)
		return ui_list_key(&d->list, k);
	if (ui_key_char(k, L'\t') || ui_key_fn(k, KEY_BTAB))
		return 1;
	if (d->asking)
		return ui_form_key(&d->nform, k);
	if (ui_form_key(&d->search, k)) {
		apply_filters(d);
		d->list.sel = 0;
		return 1;
	}
	return 0;
}

static void
dash_resume(struct ui_screen *s, struct ui *ui)
{
	(void)ui;
	reload((struct dashboard *)s);
}

static void
dash_destroy(struct ui_screen *s)
{
	struct dashboard *d = (struct dashboard *)s;

	ui_form_free(&d->search);
	ui_form_free(&d->nform);
	case_rows_free(&d->rows);
	free(d->shown);
	free(d);
}

#define DASH_OPS(title)                                                                            \
	{                                                                                          \
		.name = title, .keys = dash_keys, .draw = dash_draw, .key = dash_key,              \
		.resume = dash_resume, .typing = dash_typing, .state = dash_state,                 \
		.destroy = dash_destroy,                                                           \
	}
/* one screen, two scopes: the title says which */
static const struct ui_screen_ops dash_ops = DASH_OPS(N_("在办案件")), all_ops = DASH_OPS(N_("全部案件"));

struct ui_screen *
ui_dashboard_new(struct ui *ui)
{
	static const struct ui_field_def search_def = {
		.kind = UF_TEXT, .key = "q", .label = N_("搜索"), .max = 200,
		.hint = N_("案件编号 / 客户名称 / 电话 / 地址")};
	static const struct ui_field_def n_def = {
		.kind = UF_TEXT, .key = "n", .label = N_("N个工作日内到期"), .max = 3, .hint = N_("0 到 366")};
	struct dashboard *d = xcalloc(1, sizeof *d);

	d->base.ops = &dash_ops;
	d->ui = ui;
	d->filter = CASE_FILTER_ANY;
	ui_form_init(&d->search);
	d->search.label_w = 6;
	ui_form_add(&d->search, &search_def);
	ui_form_init(&d->nform);
	d->nform.label_w = 16;
	ui_form_add(&d->nform, &n_def);
	d->within = 3;
	ui_list_init(&d->list, dash_row, d);
	reload(d);
	return &d->base;
}
