#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/case.h"
#include "yekuo/core/promise.h"
#include "yekuo/core/clock.h"
#include "yekuo/ui/curses.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/ledger.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/action.h"
#include "yekuo/ui/detail.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/evtext.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/receipt.h"
#include "yekuo/ui/timeline.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* Event-log rows kept visible under the timeline at least. */
#define DETAIL_LOG_MIN 3

struct info_row {
	char label[40];
	char *value;
};

struct detail {
	struct ui_screen base;
	struct ui *ui;
	char case_no[CASE_NO_BUFSZ];
	struct yk_event *evs;
	size_t nev;
	struct case_state c;
	int loaded;
	struct engine_result r;
	const struct rule_profile *prof;
	int clocks_ok;
	char clock_err[YK_ERROR_MAX];
	struct ui_list log;		/* the event log */
	struct ui_list info;		/* every field of the case */
	struct info_row *rows;
	size_t nrows, caprows;
	int pane;			/* 0: event log, 1: case fields */
	yk_date loaded_on;		/* clocks are as of this day */
};

static void
log_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct detail *d = ctx;
	const struct yk_event *ev = &d->evs[i];
	char text[2048], date[YK_DATE_BUFSZ];
	enum ui_tone t = selected ? UI_TONE_SELECTED : event_is_late(ev) ? UI_TONE_WARNING : UI_TONE_NORMAL;

	ui_event_text(d->ui->app->rules, ev, d->evs, d->nev, category_is_hv(d->c.category), text, sizeof text);
	ui_putf(y, x, w, t, "#%-3ld %s %s", ev->seq, date_format(ev->effective, date), text);
}

static void
info_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct detail *d = ctx;
	enum ui_tone t = selected ? UI_TONE_SELECTED : UI_TONE_NORMAL;

	int lw = 16;

	/* the labels' column: 16, wider for a longer label (up to 22: an
	 * English one such as "survey appointment") */
	for (size_t j = 0; j < d->nrows; j++)
		if (text_width(d->rows[j].label) + 1 > lw)
			lw = text_width(d->rows[j].label) + 1 > 22 ? 22 : text_width(d->rows[j].label) + 1;
	ui_put(y, x, lw, selected ? t : UI_TONE_DIM, d->rows[i].label);
	ui_put(y, x + lw, w - lw, t, d->rows[i].value);
}

/* ---- loading ---------------------------------------------------------------- */

/* A row of the case's fields: label is a msgid (N_(), the field table's),
 * shown in the locale's language. */
static void
add_row(struct detail *d, const char *label, const char *fmt, ...) YK_PRINTF(3, 4);

static void
add_row(struct detail *d, const char *label, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	d->rows = xgrow(d->rows, &d->caprows, d->nrows + 1, sizeof *d->rows);
	snprintf(d->rows[d->nrows].label, sizeof d->rows[d->nrows].label, "%s", ui_tr(label));
	d->rows[d->nrows].value = xstrdup(buf);
	d->nrows++;
}

static void
free_rows(struct detail *d)
{
	for (size_t i = 0; i < d->nrows; i++)
		free(d->rows[i].value);
	d->nrows = 0;
}

static const char *
status_zh(enum case_status s)
{
	return s == CASE_OPEN ? _("在办") : s == CASE_CLOSED ? _("已接电（办结）") : _("已撤销");
}

#define TITLE(id) field_title(field_at(id))

static void
build_info(struct detail *d)
{
	const struct case_state *c = &d->c;
	char m[VALIDATE_MASK_BUFSZ], b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

	free_rows(d);
	add_row(d, N_("案件编号"), "%s", c->case_no);
	add_row(d, N_("状态"), "%s", status_zh(c->status));
	if (c->rerun_of[0]) {
		char buf[600];

		case_rerun_text(c, buf, sizeof buf);
		add_row(d, N_("重走原案件"), "%s", buf);
	}
	if (c->status == CASE_WITHDRAWN) {
		/* 重走 (003 row 15): the cases opened again after it */
		char **list = NULL;
		size_t n = 0;
		yk_error err;

		if (store_reruns_of(d->ui->app->st, c, &list, &n, &err) == 0 && n)
			add_row(d, N_("重走案件"), _("%s%s（撤销后30日内重新报装）"), list[0], n > 1 ? _(" 等") : "");
		store_list_free(list, n);
	}
	add_row(d, TITLE(FLD_NAME), "%s", c->name);
	ui_value_zh(d->ui->app->rules, field_at(FLD_ID_TYPE), c->id_type, NULL, m, sizeof m);
	add_row(d, TITLE(FLD_ID_TYPE), "%s", m);
	ui_value_zh(d->ui->app->rules, field_at(FLD_ID), c->id_no, NULL, m, sizeof m);
	add_row(d, TITLE(FLD_ID), "%s", m);
	ui_value_zh(d->ui->app->rules, field_at(FLD_PHONE), c->phone, NULL, m, sizeof m);
	add_row(d, TITLE(FLD_PHONE), "%s", m);
	add_row(d, TITLE(FLD_ADDRESS), "%s", c->address);
	add_row(d, TITLE(FLD_REGION), "%s", ui_region_zh(d->ui->app->rules, c->region));
	add_row(d, TITLE(FLD_CATEGORY), "%s", _(category_name_zh(c->category)));
	if (c->customer_type[0]) {
		ui_value_zh(d->ui->app->rules, field_at(FLD_CUSTOMER_TYPE), c->customer_type, NULL, m, sizeof m);
		add_row(d, TITLE(FLD_CUSTOMER_TYPE), "%s", m);
	}
	add_row(d, TITLE(FLD_CAPACITY), "%g %s", c->capacity, c->unit);
	add_row(d, field_label(field_at(FLD_KV)), "%g kV", c->kv);
	add_row(d, TITLE(FLD_EXTERNAL), "%s", c->external_works ? _("有") : _("无"));
	add_row(d, TITLE(FLD_SANLING), "%s", c->sanling_eligible ? _("符合") : _("不符合"));
	if (c->hv_confirmation[0])
		add_row(d, TITLE(FLD_HV_CONFIRMATION), "%s", c->hv_confirmation);
	add_row(d, N_("申请日期"), "%s", date_format(c->applied, b1));
	add_row(d, field_label(field_at(FLD_APPOINTMENT)), "%s", date_format(c->appointment, b1));
	if (c->area[0])
		add_row(d, TITLE(FLD_AREA), "%s", field_option(field_at(FLD_AREA), c->area)
							? _(field_option(field_at(FLD_AREA), c->area)->zh) : c->area);
	if (c->surveyed != YK_DATE_NONE)
		add_row(d, N_("现场勘察"), "%s", date_format(c->surveyed, b1));
	if (c->done[STAGE_ACCEPT] != YK_DATE_NONE) {
		char missing[512];
		int n = case_incomplete(c, missing, sizeof missing);

		if (n)
			add_row(d, N_("容缺受理"), _("尚缺 %d 项：%s"), n, missing);
	}
	if (d->prof)
	{
		char pz[160];

		ui_profile_zh(d->prof, pz, sizeof pz);
		add_row(d, N_("时限规则"), "%s%s%s", pz, d->prof->policy[0] ? _("：") : "", d->prof->policy);
	}
	if (d->clocks_ok) {
		add_row(d, N_("工作日历"), "%d–%d%s", d->r.year_from, d->r.year_to,
			d->r.missing_year ? _("（有未载入年份）") : "");
		add_row(d, N_("当前状态"), "%s%s", _(engine_state_zh(d->r.state)),
			d->r.done ? (d->r.on_time ? _("，全部按时") : _("，有超时")) : "");
	}
	for (int s = 0; s < STAGE_COUNT; s++) {
		size_t nm, len = 0;
		const struct material *mt = case_materials((enum yk_stage)s, case_checklist(c), &nm);
		char buf[512];
		char label[40];

		if (!(case_stages(c, d->ui->app->rules) >> s & 1))
			continue;
		if (c->started[s] != YK_DATE_NONE || c->done[s] != YK_DATE_NONE) {
			snprintf(label, sizeof label, "%s", stage_name_zh((enum yk_stage)s));
			char res[160] = "", note[600] = "";

			if (c->result[s][0])
				snprintf(res, sizeof res, _("  结论 %s"),
					 strcmp(c->result[s], "rectify") == 0 ? _("需整改") : _("合格"));
			if (c->notes[s][0])
				snprintf(note, sizeof note, _("  意见 %s"), c->notes[s]);
			add_row(d, label, _("开始 %s  完成 %s%s%s"), date_format(c->started[s], b1),
				date_format(c->done[s], b2), res, note);
		}
		if (!nm)
			continue;
		buf[0] = '\0';
		for (size_t i = 0; i < nm && len < sizeof buf; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s[%c] %s", i ? "  " : "",
						(c->materials[s] >> i) & 1 ? 'x' : ' ', _(mt[i].zh));
		snprintf(label, sizeof label, _("资料·%s"), ui_stage_short((enum yk_stage)s));
		add_row(d, label, "%s", buf);
	}
	if (c->supply_point[0])
		add_row(d, N_("供电电源点"), "%s", c->supply_point);
	if (c->line[0])
		add_row(d, N_("供电线路"), "%s", c->line);
	if (c->transformer[0])
		add_row(d, N_("变压器"), "%s", c->transformer);
	if (c->metering[0])
		add_row(d, N_("计量方式"), "%s", c->metering);
	if (c->investment_saved > 0)
		add_row(d, N_("节省投资"), _("%g 万元"), c->investment_saved);
	if (c->meter_no[0])
		add_row(d, N_("电能表号"), "%s", c->meter_no);
	for (size_t i = 0; i < c->nsusp; i++) {
		add_row(d, N_("挂起"), "%s → %s  %s  %s", date_format(c->susp[i].from, b1),
			c->susp[i].to == YK_DATE_NONE ? _("（未恢复）") : date_format(c->susp[i].to, b2),
			_(susp_reason_zh(c->susp[i].reason)), c->susp[i].note);
		/* its legal basis: only 不可抗力 is exempt (003 附件2-2 row 6) */
		add_row(d, N_("停表依据"), _("%s：%s"), susp_reason_exempt(c->susp[i].reason) ? _("豁免") : _("不豁免"),
			_(susp_reason_basis(c->susp[i].reason)));
	}
	if (c->customer_manager[0])
		add_row(d, N_("客户经理"), "%s", c->customer_manager);
	if (c->project_manager[0])
		add_row(d, N_("项目经理"), "%s", c->project_manager);
	for (size_t i = 0; i < c->npermits; i++) {
		const struct case_permit *pm = &c->permits[i];

		ui_value_zh(d->ui->app->rules, field_at(FLD_PERMIT), pm->kind, NULL, m, sizeof m);
		add_row(d, N_("外线审批"), _("%s  %s 申报 → %s  %s"), m, date_format(pm->applied, b1),
			pm->granted == YK_DATE_NONE ? _("（待批复）") : date_format(pm->granted, b2), pm->authority);
	}
	if (c->promised != YK_DATE_NONE)
	{
		if (c->works_by != YK_DATE_NONE)
			add_row(d, N_("约定接电"), _("%s（约定工程完工 %s）"), date_format(c->promised, b1),
				date_format(c->works_by, b2));
		else
			add_row(d, N_("约定接电"), "%s", date_format(c->promised, b1));
	}
	if (c->fast_lane[0]) {
		ui_value_zh(d->ui->app->rules, field_at(FLD_MAJOR), c->fast_lane, NULL, m, sizeof m);
		add_row(d, N_("绿色通道"), "%s", m);
	}
	if (c->follow_calls) {
		ui_value_zh(d->ui->app->rules, field_at(FLD_OUTCOME), c->follow_outcome, NULL, m, sizeof m);
		if (c->satisfaction)
			add_row(d, N_("回访"), _("%s %s  满意度 %d 分（共 %d 次）"), m, date_format(c->followed_up, b1),
				c->satisfaction, c->follow_calls);
		else
			add_row(d, N_("回访"), _("%s %s（共 %d 次）"), m, date_format(c->followed_up, b1), c->follow_calls);
	}
	if (c->cost_recorded)
		add_row(d, N_("投资界面"), _("客户承担 %g 万元；电网投资 %g 万元"), c->customer_paid, c->grid_invested);
	if (c->filed)
		add_row(d, N_("电网升级备案"), _("%s 备案，计划 %s 完成：%s；%s（%s）"), date_format(c->filed_on, b1),
			date_format(c->filed_due, b2), c->upgrade, c->why, c->filed_by);
	if (c->withdraw_reason[0])
		add_row(d, N_("撤销原因"), "%s", c->withdraw_reason);
	add_row(d, N_("补录"), _("%d 条"), c->late_entries);
	add_row(d, N_("事件"), _("%d 条（哈希链 %.12s…）"), c->nevents, c->last_hash);
	ui_list_set_count(&d->info, d->nrows);
}

static void
unload(struct detail *d)
{
	events_free(d->evs, d->nev);
	d->evs = NULL;
	d->nev = 0;
	if (d->loaded)
		case_state_free(&d->c);
	d->loaded = 0;
}

static int
load(struct detail *d, yk_error *err)
{
	size_t old_n = d->nev;
	int at_end = d->log.n == 0 || d->log.sel + 1 >= d->log.n;

	unload(d);
	if (ledger_load(&d->ui->ledger, d->case_no, &d->evs, &d->nev, &d->c, err) < 0)
		return -1;
	d->loaded = 1;
	d->loaded_on = ui_today();
	d->clocks_ok = case_clocks(&d->c, d->ui->app->rules, d->ui->app->cal, ui_today(), &d->r,
				   &d->prof, err) == 0;
	if (!d->clocks_ok)
		snprintf(d->clock_err, sizeof d->clock_err, "%s", err->msg);
	ui_list_set_count(&d->log, d->nev);
	/* new events: follow them */
	if (at_end || d->nev != old_n)
		d->log.sel = d->nev ? d->nev - 1 : 0;
	build_info(d);
	return 0;
}

/* ---- drawing ----------------------------------------------------------------- */

/* 绿色通道, the promise (契约式接电), the follow-up (回访) and the owners in
 * one line; 0 when the case has none of them. *tone: the promise's or the
 * follow-up's when one is to chase. */
static int
side_line(const struct detail *d, char *out, size_t outsz, enum ui_tone *tone)
{
	const struct case_state *c = &d->c;
	struct side_clock k;
	char b[YK_DATE_BUFSZ], m[64];
	size_t len = 0;
	yk_error err;

	out[0] = '\0';
	*tone = UI_TONE_NORMAL;
	if (c->fast_lane[0]) {
		ui_value_zh(d->ui->app->rules, field_at(FLD_MAJOR), c->fast_lane, NULL, m, sizeof m);
		len += (size_t)snprintf(out + len, outsz - len, _("绿色通道（%s）  "), m);
	}
	if (case_promise_clock(c, d->ui->app->cal, ui_today(), &k, &err) == 0 && k.has && len < outsz) {
		len += (size_t)snprintf(out + len, outsz - len, _("约定接电 %s "), date_format(k.due, b));
		if (k.state == ES_OVERDUE)
			len += (size_t)snprintf(out + len, outsz - len, _("已超期 %ld 工作日  "), -k.left);
		else if (k.state == ES_DONE_ON_TIME || k.state == ES_DONE_LATE)
			len += (size_t)snprintf(out + len, outsz - len, "%s  ",
						k.state == ES_DONE_ON_TIME ? _("按约接电") : _("未按约接电"));
		else
			len += (size_t)snprintf(out + len, outsz - len, _("%s 剩 %ld 工作日  "),
						_(engine_state_zh(k.state)), k.left);
		if (k.state == ES_OVERDUE || k.state == ES_DUE_TODAY || k.state == ES_WARNING)
			*tone = ui_state_tone(k.state);
	}
	if (case_follow_up_clock(c, case_follow_up_days(c, d->ui->app->rules), d->ui->app->cal, ui_today(),
				 &k, &err) == 0 && k.has && len < outsz) {
		if (k.done != YK_DATE_NONE)
			len += (size_t)snprintf(out + len, outsz - len, _("回访 %s 已完成%s  "),
						date_format(k.done, b), k.state == ES_DONE_LATE ? _("（超期）") : "");
		else
			len += (size_t)snprintf(out + len, outsz - len, _("回访 %s 前 %s 剩 %ld 工作日  "),
						date_format(k.due, b), _(engine_state_zh(k.state)), k.left);
		if (k.done == YK_DATE_NONE && k.state != ES_ON_TRACK)
			*tone = ui_state_tone(k.state);
	}
	if (c->customer_manager[0] && len < outsz)
		len += (size_t)snprintf(out + len, outsz - len, _("客户经理 %s  "), c->customer_manager);
	if (c->project_manager[0] && len < outsz)
		len += (size_t)snprintf(out + len, outsz - len, _("项目经理 %s  "), c->project_manager);
	return len > 0;
}

static void
materials_line(const struct detail *d, char *out, size_t outsz)
{
	const struct case_state *c = &d->c;
	int s = case_current_stage(c, d->ui->app->rules);
	size_t nm, len;
	const struct material *m;

	if (c->status == CASE_CLOSED) {
		snprintf(out, outsz, _("已于 %s 装表接电，电能表号 %s"), date_format(c->closed_on, (char[YK_DATE_BUFSZ]){0}),
			 c->meter_no);
		return;
	}
	if (c->status == CASE_WITHDRAWN) {
		snprintf(out, outsz, _("已撤销：%s"), c->withdraw_reason);
		return;
	}
	m = s >= 0 ? case_materials((enum yk_stage)s, case_checklist(c), &nm) : NULL;
	if (!m || !nm) {
		len = (size_t)snprintf(out, outsz, "%s", s >= 0 ? _("本环节无需客户资料") : "");
		if (c->supply_point[0] && len < outsz)
			snprintf(out + len, outsz - len, _("  方案：电源点 %s 线路 %s"), c->supply_point, c->line);
		return;
	}
	len = (size_t)snprintf(out, outsz, "%s", _("本环节资料："));
	for (size_t i = 0; i < nm && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s[%c] %s", i ? " " : "",
					(c->materials[s] >> i) & 1 ? 'x' : ' ', _(m[i].zh));
}

static void
detail_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct detail *d = (struct detail *)s;
	const struct case_state *c = &d->c;
	char line[2048], mid[VALIDATE_MASK_BUFSZ], mph[VALIDATE_MASK_BUFSZ], b1[YK_DATE_BUFSZ],
		b2[YK_DATE_BUFSZ], title[256];
	int y = r.y, end = r.y + r.h, cs = case_current_stage(c, d->ui->app->rules), tl, room;
	enum ui_tone tone = d->clocks_ok ? ui_state_tone(d->r.state) : UI_TONE_ERROR;
	char state[96];

	if (d->loaded_on != ui_today()) {
		/* past midnight: every clock moved */
		yk_error err;

		if (load(d, &err) < 0) {
			ui_message(ui, UI_TONE_ERROR, _("无法读取案件：%s"), err.msg);
			return;
		}
	}
	if (d->clocks_ok && c->status == CASE_WITHDRAWN) {
		snprintf(state, sizeof state, "%s", status_zh(c->status));
	} else if (d->clocks_ok) {
		if (d->r.state == ES_OVERDUE)
			snprintf(state, sizeof state, _("%s 超期 %ld 工作日"), ui_state_marker(d->r.state), -d->r.days_left);
		else if (d->r.next_due != YK_DATE_NONE && c->status == CASE_OPEN)
			snprintf(state, sizeof state, _("%s%s 到期 %s 剩 %ld 工作日"), ui_state_marker(d->r.state),
				 _(engine_state_zh(d->r.state)), date_format(d->r.next_due, b1), d->r.days_left);
		else if (d->r.state == ES_PENDING && cs >= 0 && c->started[cs] == YK_DATE_NONE)
			snprintf(state, sizeof state, _("待客户：%s后按 t 登记"),
				 cs == STAGE_DESIGN ? _("报送设计资料") : cs == STAGE_MIDCHECK ? _("申请中间检查") : _("申请竣工检验"));
		else
			snprintf(state, sizeof state, "%s%s", ui_state_marker(d->r.state),
				 _(engine_state_zh(d->r.state)));
	} else {
		snprintf(state, sizeof state, "%s", _("时限无法计算"));
	}
	{
		/* case number and name on the left, the case's state on the right */
		int sw = text_width(state), nw;

		if (sw > r.w / 2)
			sw = r.w / 2;
		snprintf(line, sizeof line, "%s  %s", c->case_no, c->name);
		nw = r.w - sw - 2;
		ui_put(y, r.x, nw, UI_TONE_FOCUS, line);
		ui_put(y, r.x + nw, 2, UI_TONE_NORMAL, "");
		ui_put(y, r.x + nw + 2, sw, tone, state);
	}
	y++;
	ui_putf(y++, r.x, r.w, UI_TONE_NORMAL, _("%s  %s  当前环节 %s  容量 %g %s  %g kV  外线%s  三零%s"),
		_(category_name_zh(c->category)), status_zh(c->status),
		cs >= 0 ? _(stage_name_zh((enum yk_stage)cs)) : "-", c->capacity, c->unit, c->kv,
		c->external_works ? _("有") : _("无"), c->sanling_eligible ? _("符合") : _("不符合"));
	validate_mask_id(c->id_no, mid, sizeof mid);
	validate_mask_phone(c->phone, mph, sizeof mph);
	ui_putf(y++, r.x, r.w, UI_TONE_NORMAL, _("证件 %s  电话 %s  申请 %s  预约 %s"), mid, mph,
		date_format(c->applied, b1), date_format(c->appointment, b2));
	ui_putf(y++, r.x, r.w, UI_TONE_NORMAL, _("地址 %s"), c->address);
	materials_line(d, line, sizeof line);
	ui_put(y++, r.x, r.w, UI_TONE_NORMAL, line);
	{
		enum ui_tone st;

		if (side_line(d, line, sizeof line, &st))
			ui_put(y++, r.x, r.w, st, line);
	}

	if (!d->clocks_ok) {
		ui_putf(y++, r.x, r.w, UI_TONE_ERROR, _("时限无法计算：%s"), d->clock_err);
	} else {
		char pz[160];

		ui_profile_zh(d->prof, pz, sizeof pz);
		if (d->r.missing_year)
			snprintf(title, sizeof title, _("时限 %s  注意：%d 年节假日未载入，只按周末推算"),
				 pz, d->r.missing_year);
		else
			snprintf(title, sizeof title, _("时限 %s（工作日历 %d-%d）"), pz,
				 d->r.year_from, d->r.year_to);
		ui_rule(y, r.x, r.w, title);
		if (d->r.missing_year)
			mvchgat(y, r.x, r.w, (attr_t)ui_tone_attr(UI_TONE_ERROR), 0, NULL);
		y++;
		tl = ui_timeline_lines(c, &d->r);
		room = end - y - 1 - DETAIL_LOG_MIN;
		if (tl > room)
			tl = room > 2 ? room : 2;
		y += ui_timeline_draw(d->ui->app->cal, c, &d->r, d->evs, d->nev, ui_today(),
				      (struct ui_rect){.y = y, .x = r.x, .h = tl, .w = r.w});
	}
	if (y >= end)
		return;
	if (d->pane == 0)
		snprintf(title, sizeof title, _("事件记录（%zu 条，补录 %d）  i 切换到案件信息"), d->nev, c->late_entries);
	else
		snprintf(title, sizeof title, _("案件信息（%zu 项）  i 切换到事件记录"), d->nrows);
	ui_rule(y++, r.x, r.w, title);
	ui_list_draw(d->pane == 0 ? &d->log : &d->info,
		     (struct ui_rect){.y = y, .x = r.x, .h = end - y, .w = r.w});
}

/* ---- keys ---------------------------------------------------------------------- */

static void
act(struct detail *d, struct ui *ui, enum ui_action a)
{
	const struct yk_event *target = NULL;

	if (a == UI_ACT_CORRECT) {
		if (d->pane != 0) {
			d->pane = 0;
			ui_message(ui, UI_TONE_NORMAL, "%s", _("在事件记录中选择要更正的事件，再按 e"));
			return;
		}
		if (!d->nev)
			return;
		target = &d->evs[d->log.sel];
	}
	ui_push(ui, ui_action_new(ui, a, d->case_no, target));
}

static int
key_action(const struct ui_keyhit *h)
{
	act((struct detail *)h->s, h->ui, (enum ui_action)h->d->arg);
	return 1;
}

static int
key_pane(const struct ui_keyhit *h)
{
	struct detail *d = (struct detail *)h->s;

	d->pane = !d->pane;
	return 1;
}

static int
key_receipt(const struct ui_keyhit *h)
{
	ui_push(h->ui, ui_receipt_new(h->ui, ((struct detail *)h->s)->case_no));
	return 1;
}

static int
key_event_text(const struct ui_keyhit *h)
{
	struct detail *d = (struct detail *)h->s;

	if (d->pane == 0 && d->nev) {
		char text[2048];
		const struct yk_event *ev = &d->evs[d->log.sel];

		ui_event_text(d->ui->app->rules, ev, d->evs, d->nev, category_is_hv(d->c.category), text, sizeof text);
		ui_message(h->ui, UI_TONE_NORMAL, _("#%ld %s 录入 %s %s"), ev->seq, text, ev->recorded,
			   ev->operator_name);
	}
	return 1;
}

/* An action's key is on the bottom line when the case allows it now. */
static int
offered(const struct ui_screen *s, int arg)
{
	const struct detail *d = (const struct detail *)s;

	return d->loaded && ui_action_offered(d->ui, &d->c, (enum ui_action)arg);
}

static const struct ui_keydef detail_keys[] = {
	{.key = "d", .what = NC_("key", "办理"), .help = N_("办理当前环节：受理完成 / 供电方案答复 / 设计审查、中间检查、竣工检验结果 / 装表接电"), .bar = 1,
	 .on = {UI_KEY_CH(L'd')}, .act = key_action, .arg = UI_ACT_COMPLETE,
	 .offered = offered},
	{.key = "t", .what = NC_("key", "开始"), .help = N_("检验类环节开始：客户报送设计资料、申请中间检查或竣工检验（整改后再次申请）"), .bar = 1,
	 .on = {UI_KEY_CH(L't')}, .act = key_action, .arg = UI_ACT_START,
	 .offered = offered},
	{.key = "m", .what = NC_("key", "收资"), .help = N_("登记当前环节已收资料（勾选清单）"), .bar = 1,
	 .on = {UI_KEY_CH(L'm')}, .act = key_action, .arg = UI_ACT_MATERIALS,
	 .offered = offered},
	{.key = "z", .what = NC_("key", "挂起"), .help = N_("挂起：停止计时，写明原因（客户原因、不可抗力、外线受阻、需求登记）"), .bar = 1,
	 .on = {UI_KEY_CH(L'z')}, .act = key_action, .arg = UI_ACT_SUSPEND,
	 .offered = offered},
	{.key = "r", .what = NC_("key", "恢复"), .help = N_("恢复计时"), .bar = 1,
	 .on = {UI_KEY_CH(L'r')}, .act = key_action, .arg = UI_ACT_RESUME,
	 .offered = offered},
	{.key = "u", .what = NC_("key", "备案"), .help = N_("电网升级改造超限备案（仅低压）：此后按计划完成日计时"), .bar = 1,
	 .on = {UI_KEY_CH(L'u')}, .act = key_action, .arg = UI_ACT_FILING,
	 .offered = offered},
	{.key = "w", .what = NC_("key", "撤销"), .help = N_("客户撤销申请（案件关闭）"), .bar = 1,
	 .on = {UI_KEY_CH(L'w')}, .act = key_action, .arg = UI_ACT_WITHDRAW,
	 .offered = offered},
	{.key = "a", .what = NC_("key", "审批"), .help = N_("外线工程行政审批申报：审批事项、审批部门（可多项并联，002 任务4）"), .bar = 1,
	 .on = {UI_KEY_CH(L'a')}, .act = key_action, .arg = UI_ACT_PERMIT_APPLY, .offered = offered},
	{.key = "b", .what = NC_("key", "批复"), .help = N_("外线工程行政审批批复：选择待批复的审批"), .bar = 1,
	 .on = {UI_KEY_CH(L'b')}, .act = key_action, .arg = UI_ACT_PERMIT_GRANT, .offered = offered},
	{.key = "o", .what = NC_("key", "指派"), .help = N_("指派或移交客户经理、项目经理（高压，003 附件1 第13行）"),
	 .on = {UI_KEY_CH(L'o')}, .act = key_action, .arg = UI_ACT_ASSIGN, .offered = offered},
	{.key = "c", .what = NC_("key", "契约"), .help = N_("服务契约：与客户约定的接电日期、工程完工日期（001 附件1 第10行）"),
	 .on = {UI_KEY_CH(L'c')}, .act = key_action, .arg = UI_ACT_CONTRACT, .offered = offered},
	{.key = "g", .what = NC_("key", "通道"), .help = N_("列入重大项目绿色通道：国家或省级重大项目（001 附件1 第8行）"),
	 .on = {UI_KEY_CH(L'g')}, .act = key_action, .arg = UI_ACT_FAST_LANE, .offered = offered},
	{.key = "v", .what = NC_("key", "回访"), .help = N_("接电后回访：结果与满意度评分 1-5（003 附件1 第22行）"), .bar = 1,
	 .on = {UI_KEY_CH(L'v')}, .act = key_action, .arg = UI_ACT_FOLLOW_UP, .offered = offered},
	{.key = "s", .what = NC_("key", "勘察"), .help = N_("现场勘察：确定接入条件；充电设施须先勘察再答复供电方案（002 任务2）"),
	 .on = {UI_KEY_CH(L's')}, .act = key_action, .arg = UI_ACT_SURVEY, .offered = offered},
	{.key = "f", .what = NC_("key", "费用"), .help = N_("办电费用：客户承担与电网投资至红线，万元（003 附件1 第33-38行）"),
	 .on = {UI_KEY_CH(L'f')}, .act = key_action, .arg = UI_ACT_COST, .offered = offered},
	{.key = "e", .what = NC_("key", "更正"), .help = N_("更正所选事件：选字段、填正确的值、写原因（原记录保留，不改写）"), .bar = 1,
	 .on = {UI_KEY_CH(L'e')}, .act = key_action, .arg = UI_ACT_CORRECT},
	{.key = "i", .what = NC_("key", "信息"), .help = N_("下方在事件记录和案件信息（全部字段）之间切换"), .bar = 1,
	 .on = {UI_KEY_CH(L'i'), UI_KEY_CH(L'\t')}, .act = key_pane},
	{.key = "p", .what = NC_("key", "回执"), .help = N_("受理回执（同 yekuo case receipt），可存为 UTF-8 / GB18030 文件打印"), .bar = 1,
	 .on = {UI_KEY_CH(L'p')}, .act = key_receipt},
	{.key = "↑↓ j k", .what = NC_("key", "移动"), .help = N_("在事件记录 / 案件信息中移动（PgUp PgDn 翻页）")},
	{.key = "Enter", .what = NC_("key", "全文"), .help = N_("在消息行显示所选事件的全部内容"), .on = {UI_KEYS_ENTER},
	 .act = key_event_text},
	{.key = N_("时间线"), .what = "", .help = N_("# 已用工作日  ~ 挂起（停表）  . 剩余  ! 超出时限；补录 = 事后补记的记录")},
	{.key = NULL},
};

/* The keys the table did not take move in the pane shown. */
static int
detail_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct detail *d = (struct detail *)s;

	(void)ui;
	return ui_list_key(d->pane == 0 ? &d->log : &d->info, k);
}

static void
detail_resume(struct ui_screen *s, struct ui *ui)
{
	struct detail *d = (struct detail *)s;
	yk_error err;

	if (load(d, &err) < 0)
		ui_message(ui, UI_TONE_ERROR, _("无法读取案件：%s"), err.msg);
}

static void
detail_destroy(struct ui_screen *s)
{
	struct detail *d = (struct detail *)s;

	unload(d);
	free_rows(d);
	free(d->rows);
	free(d);
}

static const struct ui_screen_ops detail_ops = {
	.name = N_("案件详情"),
	.keys = detail_keys,
	.draw = detail_draw,
	.key = detail_key,
	.resume = detail_resume,
	.destroy = detail_destroy,
};

struct ui_screen *
ui_detail_new(struct ui *ui, const char *case_no)
{
	struct detail *d = xcalloc(1, sizeof *d);
	yk_error err;

	d->base.ops = &detail_ops;
	d->ui = ui;
	snprintf(d->case_no, sizeof d->case_no, "%s", case_no);
	snprintf(d->base.title, sizeof d->base.title, "%s", case_no);
	ui_list_init(&d->log, log_row, d);
	ui_list_init(&d->info, info_row, d);
	if (load(d, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("无法打开案件 %s：%s"), case_no, err.msg);
		detail_destroy(&d->base);
		return NULL;
	}
	return &d->base;
}
