#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/case.h"
#include "yekuo/ui/curses.h"
#include "yekuo/core/engine.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/store.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/action.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/evtext.h"
#include "yekuo/ui/form.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* Fields of one event offered for correction at most. */
#define CORRECT_FIELDS_MAX 48
/* Choices of one coded field at most (regions, categories, options). */
#define CORRECT_VALUES_MAX 64

struct action {
	struct ui_screen base;
	struct ui *ui;
	enum ui_action act;
	int stage;			/* the stage acted on, -1 none */
	char case_no[CASE_NO_BUFSZ];
	struct case_state c;		/* the case as it stands (refreshed after a failed save) */
	int loaded;
	struct ui_form form;
	char heading[256];
	char what[64];			/* for the "saved" message */
	/* correction: the event and the fields it can change */
	char target_uuid[UUID_BUFSZ];
	long target_seq;
	enum ev_kind target_kind;
	yk_date target_eff;
	struct payload target_data;
	struct ui_option fopts[CORRECT_FIELDS_MAX];
	char fcodes[CORRECT_FIELDS_MAX][48];
	char flabels[CORRECT_FIELDS_MAX][192];
	size_t nfopts;
	/* the correct value of a coded field, picked by its Chinese name */
	struct ui_option vopts[CORRECT_VALUES_MAX];
	size_t nvopts;
};


/* ---- field tables -------------------------------------------------------------- */

/* Each form's rows: labels, limits and hints come from the field table
 * (fields.h) of the event the form records; what is said here is the
 * form's own wording. */
static const struct ui_field_def accept_fields[] = {
	{.kind = UF_TEXT, .key = "notes", .label = N_("受理意见")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def plan_fields[] = {
	{.kind = UF_TEXT, .key = "supply-point"},
	{.kind = UF_TEXT, .key = "line"},
	{.kind = UF_TEXT, .key = "transformer"},
	{.kind = UF_TEXT, .key = "metering"},
	{.kind = UF_TEXT, .key = "investment-saved"},
	{.kind = UF_TEXT, .key = "notes", .label = N_("答复意见")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def inspect_fields[] = {
	{.kind = UF_CHOICE, .key = "result"},
	{.kind = UF_TEXT, .key = "notes", .label = N_("检验意见"), .hint = N_("需整改时写明整改内容")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def energise_fields[] = {
	{.kind = UF_TEXT, .key = "meter-no"},
	{.kind = UF_TEXT, .key = "notes", .label = N_("备注")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def suspend_fields[] = {
	{.kind = UF_CHOICE, .key = "reason"},
	{.kind = UF_TEXT, .key = "note"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def resume_fields[] = {
	{.kind = UF_INFO, .key = "susp", .label = N_("挂起情况")},
	{.kind = UF_TEXT, .key = "note"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def filing_fields[] = {
	{.kind = UF_TEXT, .key = "upgrade"},
	{.kind = UF_TEXT, .key = "why"},
	{.kind = UF_DATE, .key = "planned"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def withdraw_fields[] = {
	{.kind = UF_TEXT, .key = "reason"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def correct_fields[] = {
	{.kind = UF_INFO, .key = "target", .label = N_("更正事件")},
	{.kind = UF_CHOICE, .key = "field", .label = N_("更正字段"), .required = 1},
	{.kind = UF_TEXT, .key = "value", .label = N_("正确的值"), .required = 1, .max = 511},
	{.kind = UF_CHOICE, .key = "pick", .label = N_("正确的值"), .required = 1},
	{.kind = UF_TEXT, .key = "reason"},
	{.kind = UF_INFO, .key = "note", .label = N_("说明")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def tail_fields[] = {
	{.kind = UF_DATE, .key = "date", .label = N_("日期"), .required = 1},
	{.kind = UF_TEXT, .key = "late-reason", .required = 1},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def permit_apply_fields[] = {
	{.kind = UF_CHOICE, .key = "permit"},
	{.kind = UF_TEXT, .key = "authority"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def permit_grant_fields[] = {
	{.kind = UF_CHOICE, .key = "permit", .label = N_("批复的审批")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def assign_fields[] = {
	{.kind = UF_CHOICE, .key = "role"},
	{.kind = UF_TEXT, .key = "owner"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def contract_fields[] = {
	{.kind = UF_DATE, .key = "promised"},
	{.kind = UF_DATE, .key = "works-by"},
	{.kind = UF_TEXT, .key = "note", .hint = N_("服务契约编号、各方权责")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def fast_lane_fields[] = {
	{.kind = UF_CHOICE, .key = "major"},
	{.kind = UF_TEXT, .key = "note", .hint = N_("重大项目清单或批准文件")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def follow_up_fields[] = {
	{.kind = UF_CHOICE, .key = "outcome"},
	{.kind = UF_TEXT, .key = "score"},
	{.kind = UF_TEXT, .key = "note", .hint = N_("客户意见")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def cost_fields[] = {
	{.kind = UF_TEXT, .key = "customer-paid"},
	{.kind = UF_TEXT, .key = "grid-invested"},
	{.kind = UF_TEXT, .key = "note", .hint = N_("估算、决算")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def survey_fields[] = {
	{.kind = UF_TEXT, .key = "notes", .label = N_("勘察意见"), .hint = N_("接入条件：电源点、表位、线路")},
	{.kind = UF_INFO, .label = NULL},
};

/* The forms that record one event of their own fields: what is saved is
 * every field of the form that is a field of the event (fields.c). */
static const struct simple_form {
	enum ui_action act;
	enum ev_kind kind;
	const struct ui_field_def *fields;
	const char *what, *date;
} simple_forms[] = {
	{UI_ACT_PERMIT_APPLY, EV_PERMIT_APPLY, permit_apply_fields, N_("外线工程行政审批申报"), N_("申报日期")},
	{UI_ACT_PERMIT_GRANT, EV_PERMIT_GRANT, permit_grant_fields, N_("外线工程行政审批批复"), N_("批复日期")},
	{UI_ACT_ASSIGN, EV_ASSIGN, assign_fields, N_("指派责任人"), N_("指派日期")},
	{UI_ACT_CONTRACT, EV_CONTRACT, contract_fields, N_("服务契约（契约式接电）"), N_("签约日期")},
	{UI_ACT_FAST_LANE, EV_FAST_LANE, fast_lane_fields, N_("列入重大项目绿色通道"), N_("列入日期")},
	{UI_ACT_FOLLOW_UP, EV_FOLLOW_UP, follow_up_fields, N_("回访（服务评价）"), N_("回访日期")},
	{UI_ACT_COST, EV_COST, cost_fields, N_("办电费用（投资界面）"), N_("登记日期")},
	{UI_ACT_SURVEY, EV_SURVEY, survey_fields, N_("现场勘察（确定接入条件）"), N_("勘察日期")},
};

static const struct simple_form *
simple_form(enum ui_action act)
{
	for (size_t i = 0; i < sizeof simple_forms / sizeof simple_forms[0]; i++)
		if (simple_forms[i].act == act)
			return &simple_forms[i];
	return NULL;
}

/* The event each action records. */
static enum ev_kind
act_event(enum ui_action act)
{
	static const enum ev_kind kinds[UI_ACT_COUNT] = {
		[UI_ACT_COMPLETE] = EV_DONE,	  [UI_ACT_START] = EV_START,
		[UI_ACT_MATERIALS] = EV_MATERIALS, [UI_ACT_SUSPEND] = EV_SUSPEND,
		[UI_ACT_RESUME] = EV_RESUME,	  [UI_ACT_FILING] = EV_FILING,
		[UI_ACT_WITHDRAW] = EV_WITHDRAW,  [UI_ACT_CORRECT] = EV_CORRECT,
	};

	if (simple_form(act))
		return simple_form(act)->kind;
	return (unsigned)act < UI_ACT_COUNT ? kinds[act] : EV_KIND_COUNT;
}

/* ---- helpers ---------------------------------------------------------------- */

static int
inspection(int s)
{
	return s == STAGE_DESIGN || s == STAGE_MIDCHECK || s == STAGE_FINAL;
}

static const char *
start_what(int s)
{
	return s == STAGE_DESIGN ? _("客户报送设计资料") : s == STAGE_MIDCHECK ? _("客户申请中间检查") : _("客户申请竣工检验");
}

static int
load_case(struct action *a, yk_error *err)
{
	struct yk_event *evs = NULL;
	size_t n = 0;

	if (a->loaded)
		case_state_free(&a->c);
	a->loaded = 0;
	if (ledger_load(&a->ui->ledger, a->case_no, &evs, &n, &a->c, err) < 0)
		return -1;
	events_free(evs, n);
	a->loaded = 1;
	return 0;
}

static void
add_materials(struct action *a, int s, const char *group)
{
	size_t n;
	const struct material *m = case_materials((enum yk_stage)s, case_checklist(&a->c), &n);

	for (size_t i = 0; i < n; i++) {
		char key[64];
		struct ui_field_def def = {.kind = UF_CHECK, .key = key, .label = i ? "" : group};
		size_t at;

		snprintf(key, sizeof key, "m.%s", m[i].code);
		at = ui_form_add(&a->form, &def);
		snprintf(a->form.f[at].caption, sizeof a->form.f[at].caption, "%s%s", _(m[i].zh),
			 (a->c.materials[s] >> i) & 1 ? _("（已收）") : "");
		a->form.f[at].checked = (a->c.materials[s] >> i) & 1;
	}
}

/* Items ticked now that the case has not received yet: "a,b" or "". */
static void
new_materials(struct action *a, char *out, size_t outsz)
{
	size_t n, len = 0;
	const struct material *m;

	out[0] = '\0';
	if (a->stage < 0)
		return;
	m = case_materials((enum yk_stage)a->stage, case_checklist(&a->c), &n);
	for (size_t i = 0; i < n; i++) {
		char key[64];
		struct ui_field *f;

		snprintf(key, sizeof key, "m.%s", m[i].code);
		f = ui_form_get(&a->form, key);
		if (f && f->checked && !((a->c.materials[a->stage] >> i) & 1) && len < outsz)
			len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? "," : "", m[i].code);
	}
}

/* Does the action enter a date before today (a late entry, 补录)? Its own
 * date, or the date a correction sets: that is stated today too. */
static int
enters_past_date(struct action *a)
{
	yk_date d, today = ui_today();

	if (date_parse(ui_form_value(&a->form, "date"), &d) == 0 && d < today)
		return 1;
	return a->act == UI_ACT_CORRECT && strcmp(ui_form_value(&a->form, "field"), "effective") == 0 &&
	       date_parse(ui_form_value(&a->form, "value"), &d) == 0 && d < today;
}

static void
late_visibility(struct action *a)
{
	ui_form_get(&a->form, "late-reason")->hidden = !enters_past_date(a);
}

/* The choices of a coded field, shown by their Chinese names: 0 when the
 * value is typed (text, dates, numbers, lists of codes). */
static size_t
value_options(struct action *a, const char *field)
{
	const struct yk_rules *rules = a->ui->app->rules;
	const struct yk_field *t = field_find(field, a->target_kind);
	struct ui_option *o = a->vopts;
	size_t n = 0;

	if (!t)
		return 0;
	if (t == field_at(FLD_REGION)) {
		n = ui_region_options(rules, o, CORRECT_VALUES_MAX);
	} else if (t == field_at(FLD_CATEGORY)) {
		for (int i = 0; i < CAT_COUNT && n < CORRECT_VALUES_MAX; i++)
			o[n++] = (struct ui_option){.code = category_code((enum yk_category)i),
						    .label = category_name_zh((enum yk_category)i)};
	} else if (t == field_at(FLD_STAGE)) {
		for (int i = 0; i < STAGE_COUNT && n < CORRECT_VALUES_MAX; i++)
			o[n++] = (struct ui_option){.code = stage_code((enum yk_stage)i),
						    .label = stage_name_zh((enum yk_stage)i)};
	} else if (t->kind == FK_FLAG) {
		o[n++] = (struct ui_option){.code = "1", .label = N_("是")};
		o[n++] = (struct ui_option){.code = "0", .label = N_("否")};
	} else if (t->kind == FK_ENUM) {
		for (size_t i = 0; i < t->noptions && n < CORRECT_VALUES_MAX; i++)
			o[n++] = (struct ui_option){.code = t->options[i].code, .label = t->options[i].zh};
	}
	return n;
}

/* The correction's value starts as what the event holds now: typed, or
 * picked among Chinese names when the field is coded. */
static void
correct_prefill(struct action *a)
{
	const char *field = ui_form_value(&a->form, "field");
	struct ui_field *v = ui_form_get(&a->form, "value"), *pick = ui_form_get(&a->form, "pick");
	const char *now = payload_get(&a->target_data, field);
	char b[YK_DATE_BUFSZ];
	int voided = strcmp(field, "void") == 0;

	a->nvopts = voided ? 0 : value_options(a, field);
	v->hidden = voided || a->nvopts > 0;
	pick->hidden = a->nvopts == 0;
	if (a->nvopts) {
		ui_field_set_options(pick, a->vopts, a->nvopts);
		ui_field_choose(pick, now ? now : "");
	}
	if (strcmp(field, "effective") == 0)
		ui_field_set_text(v, date_format(a->target_eff, b));
	else if (!v->hidden)
		ui_field_set_text(v, now ? now : "");
	{
		const struct yk_field *t = field_find(field, a->target_kind);
		char note[512];

		snprintf(note, sizeof note, "%s",
			 voided ? _("此事件将作废：案件按没有它重新推算；原记录保留在事件记录中")
				: _("原记录保留；案件按更正后的值重新推算时限"));
		if (a->nvopts)
			snprintf(note + strlen(note), sizeof note - strlen(note), _("。空格/←→ 选择正确的值"));
		else if (t && t->kind == FK_LIST)
			snprintf(note + strlen(note), sizeof note - strlen(note), _("。%s代码，用逗号分隔"), _(field_label(t)));
		ui_field_set_text(ui_form_get(&a->form, "note"), note);
	}
}

static void
action_changed(void *ctx, struct ui_form *form, size_t i)
{
	struct action *a = ctx;

	if (strcmp(form->f[i].key, "field") == 0)
		correct_prefill(a);
	late_visibility(a);
}

/* "当前 设计审查，正常 到期 2026-03-25 剩 3 工作日" from the store's summary. */
static void
clock_summary(struct ui *ui, const char *case_no, char *out, size_t outsz)
{
	struct case_state c;
	struct engine_result r;
	yk_error err;
	char b[YK_DATE_BUFSZ];
	int s;

	out[0] = '\0';
	if (store_get_case(ui->app->st, case_no, &c, &err) != 0)
		return;
	s = case_current_stage(&c, ui->app->rules);
	if (case_clocks(&c, ui->app->rules, ui->app->cal, ui_today(), &r, NULL, &err) == 0) {
		if (c.status != CASE_OPEN)
			snprintf(out, outsz, _("案件%s，%s"), c.status == CASE_CLOSED ? _("已办结") : _("已撤销"),
				 _(engine_state_zh(r.state)));
		else if (r.next_due != YK_DATE_NONE)
			snprintf(out, outsz, _("当前 %s，%s 到期 %s 剩 %ld 工作日"),
				 s >= 0 ? _(stage_name_zh((enum yk_stage)s)) : "-", _(engine_state_zh(r.state)),
				 date_format(r.next_due, b), r.days_left);
		else
			snprintf(out, outsz, _("当前 %s，%s"), s >= 0 ? _(stage_name_zh((enum yk_stage)s)) : "-",
				 _(engine_state_zh(r.state)));
	}
	case_state_free(&c);
}

/* ---- checks and saving ------------------------------------------------------- */

static int
check(struct action *a, yk_date *eff)
{
	struct ui_form *f = &a->form;
	yk_date today = ui_today(), d;
	yk_error e;

	ui_form_clear_errors(f);
	/* each text a field of the table checks its own way; the form's own
	 * text fields must not be blank */
	for (size_t i = 0; i < f->n; i++) {
		struct ui_field *x = &f->f[i];

		if (x->hidden || x->kind == UF_CHOICE || x->kind == UF_CHECK || x->kind == UF_INFO ||
		    strcmp(x->key, "late-reason") == 0 || strcmp(x->key, "date") == 0)
			continue;
		if (x->field ? field_check(x->field, x->text, NULL, today, x->required, &e) < 0
			     : x->required && validate_name(x->text, x->max, &e) < 0)
			snprintf(x->error, sizeof x->error, "%s", e.msg);
	}
	if (validate_date_field(ui_form_value(f, "date"), eff, &e) < 0)
		ui_form_error(f, "date", "%s", e.msg);
	else if (*eff > today)
		ui_form_error(f, "date", _("日期不能晚于今日（不能预先登记）"));
	late_visibility(a);
	if (!ui_form_get(f, "late-reason")->hidden &&
	    validate_name(ui_form_value(f, "late-reason"), 255, NULL) < 0)
		ui_form_error(f, "late-reason", _("日期早于今日，是补录：请写明原因"));
	if (ui_form_get(f, "result") && strcmp(ui_form_value(f, "result"), "rectify") == 0 &&
	    validate_name(ui_form_value(f, "notes"), 255, NULL) < 0)
		ui_form_error(f, "notes", _("需整改时请写明整改内容"));
	if (ui_form_get(f, "planned") && !ui_form_get(f, "planned")->error[0] &&
	    date_parse(ui_form_value(f, "planned"), &d) == 0 && *eff != YK_DATE_NONE && d <= *eff)
		ui_form_error(f, "planned", _("计划完成日期须晚于备案日期"));
	if (a->act == UI_ACT_CORRECT && strcmp(ui_form_value(f, "field"), "effective") == 0 &&
	    !ui_form_get(f, "value")->error[0] &&
	    validate_date_field(ui_form_value(f, "value"), &d, &e) < 0)
		ui_form_error(f, "value", "%s", e.msg);
	if (a->act == UI_ACT_MATERIALS) {
		char items[256];

		new_materials(a, items, sizeof items);
		if (!items[0])
			ui_form_error(f, f->f[0].key, _("没有新勾选的资料"));
	}
	return ui_form_error_count(f) ? -1 : 0;
}

static void
copy_field(struct action *a, struct payload *p, const char *key)
{
	const char *v = ui_form_value(&a->form, key);

	if (ui_form_get(&a->form, key) && !ui_form_get(&a->form, key)->hidden && *v)
		payload_set(p, key, v);
}

/* The main event of the action: kind and data. */
static enum ev_kind
build_event(struct action *a, struct payload *p)
{
	static const char *const done_keys[] = {"notes", "supply-point", "line", "transformer",
						"metering", "investment-saved", "meter-no", "result"};

	copy_field(a, p, "late-reason");
	switch (a->act) {
	case UI_ACT_COMPLETE:
		payload_set(p, "stage", stage_code((enum yk_stage)a->stage));
		for (size_t i = 0; i < sizeof done_keys / sizeof done_keys[0]; i++)
			copy_field(a, p, done_keys[i]);
		return EV_DONE;
	case UI_ACT_START:
		payload_set(p, "stage", stage_code((enum yk_stage)a->stage));
		return EV_START;
	case UI_ACT_SUSPEND:
		copy_field(a, p, "reason");
		copy_field(a, p, "note");
		return EV_SUSPEND;
	case UI_ACT_RESUME:
		copy_field(a, p, "note");
		return EV_RESUME;
	case UI_ACT_FILING:
		copy_field(a, p, "upgrade");
		copy_field(a, p, "why");
		copy_field(a, p, "planned");
		return EV_FILING;
	case UI_ACT_WITHDRAW:
		copy_field(a, p, "reason");
		return EV_WITHDRAW;
	case UI_ACT_CORRECT: {
		const char *field = ui_form_value(&a->form, "field");

		payload_set(p, "corrects", a->target_uuid);
		copy_field(a, p, "reason");
		if (strcmp(field, "void") == 0) {
			payload_set(p, "void", "1");
		} else {
			char key[64];

			snprintf(key, sizeof key, "set.%s", field);
			payload_set(p, key, ui_form_value(&a->form, a->nvopts ? "pick" : "value"));
		}
		return EV_CORRECT;
	}
	default:
		break;
	}
	if (simple_form(a->act)) {
		const struct simple_form *sf = simple_form(a->act);

		for (size_t i = 0; i < a->form.n; i++)
			if (field_find(a->form.f[i].key, (int)sf->kind) &&
			    strcmp(a->form.f[i].key, "late-reason") != 0)
				copy_field(a, p, a->form.f[i].key);
		return sf->kind;
	}
	return EV_KIND_COUNT;
}

static void
save(struct action *a, struct ui *ui)
{
	char items[256], what[64], summary[256], case_no[CASE_NO_BUFSZ], text[YK_ERROR_MAX + 64];
	yk_date eff = YK_DATE_NONE;
	yk_error err;
	struct payload p = {0};
	enum ev_kind kind;

	ui_message_clear(ui);
	if (check(a, &eff) < 0) {
		ui_form_focus_error(&a->form);
		ui_message(ui, UI_TONE_ERROR, _("有 %d 处需要修改（见标出的字段），输入都已保留"),
			   ui_form_error_count(&a->form));
		return;
	}
	/* materials first: an inspection's documents arrive before its result */
	new_materials(a, items, sizeof items);
	if (items[0]) {
		struct payload m = {0};

		payload_set(&m, "stage", stage_code((enum yk_stage)a->stage));
		payload_set(&m, "items", items);
		copy_field(a, &m, "late-reason");
		if (ledger_append(&ui->ledger, a->case_no, EV_MATERIALS, eff, &m, &err) < 0) {
			payload_free(&m);
			ui_form_mark_error(&a->form, &err);
			ui_message(ui, UI_TONE_ERROR, _("未保存：%s"), ui_form_error_text(&a->form, &err, text, sizeof text));
			return;
		}
		payload_free(&m);
		/* what is stored now counts as received if the next call fails */
		load_case(a, &err);
	}
	if (a->act != UI_ACT_MATERIALS) {
		kind = build_event(a, &p);
		if (ledger_append(&ui->ledger, a->case_no, kind, eff, &p, &err) < 0) {
			payload_free(&p);
			if (!ui_form_mark_error(&a->form, &err) && a->act == UI_ACT_CORRECT)
				ui_form_error(&a->form, "value", "%s", yk_error_what(&err));
			ui_form_focus_error(&a->form);
			ui_message(ui, UI_TONE_ERROR, _("未保存：%s"), ui_form_error_text(&a->form, &err, text, sizeof text));
			return;
		}
		payload_free(&p);
	}
	snprintf(what, sizeof what, "%s", a->what);
	snprintf(case_no, sizeof case_no, "%s", a->case_no);
	ui_pop(ui);
	clock_summary(ui, case_no, summary, sizeof summary);
	ui_message(ui, UI_TONE_OK, _("已保存：%s。%s"), what, summary);
}

/* ---- screen ------------------------------------------------------------------ */

static void
action_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct action *a = (struct action *)s;

	ui_rule(r.y, r.x, r.w, a->heading);
	r.y++;
	r.h--;
	ui_form_draw(&a->form, ui, r);
}

static int
key_save(const struct ui_keyhit *h)
{
	save((struct action *)h->s, h->ui);
	return 1;
}

/* "空格勾选" on a box, "空格切换" on a choice, nothing on text. */
static int
space_offered(const struct ui_screen *s, int kind)
{
	return ui_form_space_does(&((const struct action *)s)->form, kind);
}

static const struct ui_keydef action_keys[] = {
	{.key = "F2/^S", .what = N_("保存"), .help = N_("保存（每个事件一次事务；失败时输入保留）"), .bar = 1,
	 .on = {UI_KEYS_SAVE}, .act = key_save},
	{.key = "Tab", .what = N_("下一项"), .bar = 1},
	{.key = "S-Tab", .what = N_("上一项"), .bar = 1},
	{.key = N_("空格"), .what = N_("勾选"), .help = N_("勾选方框 / 切换选项"), .bar = 1,
	 .offered = space_offered, .arg = UF_CHECK},
	{.key = N_("空格"), .what = N_("切换"), .bar = 1,
	 .offered = space_offered, .arg = UF_CHOICE, .hidden = 1},
	{.key = "↑↓ Enter", .what = N_("换项"), .help = N_("上一项 / 下一项")},
	{.key = "←→", .what = N_("光标"), .help = N_("文字中按字移动光标；选项中切换")},
	{.key = "Backspace Del", .what = N_("删字"), .help = N_("删除光标前 / 后的一个字")},
	{.key = "Ctrl-U Ctrl-K", .what = N_("删行"), .help = N_("删除光标前 / 后的全部文字")},
	{.key = N_("日期"), .what = "", .help = N_("默认今日；早于今日即为补录，须填写补录原因")},
	{.key = NULL},
};

/* Keys the table did not take edit the form. */
static int
action_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	(void)ui;
	return ui_form_key(&((struct action *)s)->form, k);
}

static int
action_dirty(const struct ui_screen *s)
{
	return ui_form_dirty(&((const struct action *)s)->form);
}

static int
action_typing(const struct ui_screen *s)
{
	return ui_form_typing(&((const struct action *)s)->form);
}

static void
action_destroy(struct ui_screen *s)
{
	struct action *a = (struct action *)s;

	ui_form_free(&a->form);
	payload_free(&a->target_data);
	if (a->loaded)
		case_state_free(&a->c);
	free(a);
}

static const struct ui_screen_ops action_ops = {
	.name = N_("办理"),
	.keys = action_keys,
	.draw = action_draw,
	.key = action_key,
	.dirty = action_dirty,
	.typing = action_typing,
	.destroy = action_destroy,
};

/* ---- building each form --------------------------------------------------------- */

/* Why the action does not fit the case now, or NULL when it does. */
static const char *
refusal_of(const struct case_state *c, const struct yk_rules *rules, enum ui_action act,
	   const struct yk_event *target, char *buf, size_t bufsz)
{
	int cs = case_current_stage(c, rules), open = case_open_suspension(c);
	int rectify = open >= 0 && c->susp[open].reason == SUSP_RECTIFY;
	char b[YK_DATE_BUFSZ];
	size_t n = 0;

	if (act == UI_ACT_CORRECT) {
		if (!target)
			return _("先在事件记录中选择要更正的事件");
		if (target->kind == EV_CORRECT)
			return _("更正记录本身不能再更正：请选择原来的事件");
		return NULL;
	}
	/* after energising: the follow-up call and the cost */
	if (act == UI_ACT_FOLLOW_UP) {
		if (c->status != CASE_CLOSED)
			return c->status == CASE_WITHDRAWN ? _("案件已撤销：无需回访") : _("案件尚未装表接电：回访在接电之后");
		if (c->followed_up != YK_DATE_NONE) {
			snprintf(buf, bufsz, _("已于 %s 完成回访：如有错误请更正该记录（e）"), date_format(c->followed_up, b));
			return buf;
		}
		return NULL;
	}
	if (act == UI_ACT_COST)
		return c->status == CASE_WITHDRAWN ? _("案件已撤销：只能更正记录（e）") : NULL;
	if (c->status != CASE_OPEN || cs < 0)
		return c->status == CASE_WITHDRAWN ? _("案件已撤销：只能更正记录（e）") : _("案件已办结：只能更正记录（e）");
	/* 现场勘察: once, before the plan is answered (002 任务2) */
	if (act == UI_ACT_SURVEY) {
		if (c->surveyed != YK_DATE_NONE) {
			snprintf(buf, bufsz, _("已于 %s 现场勘察：如有错误请更正该记录（e）"), date_format(c->surveyed, b));
			return buf;
		}
		return c->done[STAGE_PLAN] != YK_DATE_NONE ? _("供电方案已答复：勘察应在方案答复之前") : NULL;
	}
	switch (act) {
	case UI_ACT_COMPLETE:
		if (c->started[cs] == YK_DATE_NONE && inspection(cs)) {
			snprintf(buf, bufsz, _("%s还没有开始：%s后按 t 登记"), _(stage_name_zh((enum yk_stage)cs)),
				 start_what(cs));
			return buf;
		}
		if (rectify) {
			snprintf(buf, bufsz, _("等待客户整改：整改后按 t 登记再次申请%s"), _(stage_name_zh((enum yk_stage)cs)));
			return buf;
		}
		if (open >= 0)
			return _("案件挂起中：先按 r 恢复计时");
		return NULL;
	case UI_ACT_START:
		if (!inspection(cs)) {
			snprintf(buf, bufsz, _("%s由供电企业办理，上一环节完成即开始，无需登记开始"),
				 _(stage_name_zh((enum yk_stage)cs)));
			return buf;
		}
		if (c->started[cs] != YK_DATE_NONE && !rectify) {
			snprintf(buf, bufsz, _("%s已于 %s 开始"), _(stage_name_zh((enum yk_stage)cs)),
				 date_format(c->started[cs], b));
			return buf;
		}
		if (open >= 0 && !rectify)
			return _("案件挂起中：先按 r 恢复计时");
		return NULL;
	case UI_ACT_MATERIALS:
		case_materials((enum yk_stage)cs, case_checklist(c), &n);
		if (!n) {
			snprintf(buf, bufsz, _("%s无需客户资料"), _(stage_name_zh((enum yk_stage)cs)));
			return buf;
		}
		if (c->materials[cs] == (1u << n) - 1)
			return _("本环节资料已收齐");
		return NULL;
	case UI_ACT_SUSPEND:
		if (open >= 0) {
			snprintf(buf, bufsz, _("案件已于 %s 挂起（%s）：%s"), date_format(c->susp[open].from, b),
				 _(susp_reason_zh(c->susp[open].reason)), rectify ? _("整改后按 t 登记再次申请") : _("按 r 恢复"));
			return buf;
		}
		return NULL;
	case UI_ACT_RESUME:
		if (open < 0)
			return _("案件没有挂起");
		if (rectify)
			return _("等待客户整改：整改后按 t 登记再次申请，计时随之恢复");
		return NULL;
	case UI_ACT_PERMIT_APPLY:
		if (!c->external_works)
			return _("本案没有外线工程，无需外线工程行政审批");
		return c->npermits >= CASE_MAX_PERMITS ? _("审批记录已满") : NULL;
	case UI_ACT_PERMIT_GRANT:
		for (size_t i = 0; i < c->npermits; i++)
			if (c->permits[i].granted == YK_DATE_NONE)
				return NULL;
		return _("没有待批复的审批：先按 a 登记申报");
	case UI_ACT_FAST_LANE:
		return c->fast_lane[0] ? _("案件已列入绿色通道：如有错误请更正该记录（e）") : NULL;
	case UI_ACT_FILING:
		if (category_is_hv(c->category))
			return _("电网升级改造备案只适用于低压案件");
		if (c->filed) {
			snprintf(buf, bufsz, _("已于 %s 备案：如有错误请更正该记录（e）"), date_format(c->filed_on, b));
			return buf;
		}
		return NULL;
	default:
		return NULL;
	}
}

static void
build_correct(struct action *a, const struct yk_event *t)
{
	struct ui_field *f;
	char buf[1024], b[YK_DATE_BUFSZ];
	size_t len;

	snprintf(a->target_uuid, sizeof a->target_uuid, "%s", t->uuid);
	a->target_seq = t->seq;
	a->target_kind = t->kind;
	a->target_eff = t->effective;
	payload_copy(&a->target_data, &t->data);
	ui_form_add_table(&a->form, correct_fields);
	len = (size_t)snprintf(buf, sizeof buf, "#%ld %s ", t->seq, date_format(t->effective, b));
	ui_event_text(a->ui->app->rules, t, NULL, 0, category_is_hv(a->c.category), buf + len, sizeof buf - len);
	ui_field_set_text(ui_form_get(&a->form, "target"), buf);
	/* the fields it may change: its data, its date, or the whole event */
	snprintf(a->fcodes[a->nfopts], sizeof a->fcodes[0], "effective");
	snprintf(a->flabels[a->nfopts], sizeof a->flabels[0], _("日期（业务日期）"));
	a->nfopts++;
	for (size_t i = 0; i < t->data.n && a->nfopts < CORRECT_FIELDS_MAX - 1; i++) {
		const char *k = t->data.items[i].key;

		if (strcmp(k, "late-reason") == 0)
			continue;
		snprintf(a->fcodes[a->nfopts], sizeof a->fcodes[0], "%s", k);
		snprintf(a->flabels[a->nfopts], sizeof a->flabels[0], "%s",
			 field_find(k, t->kind) ? _(field_label(field_find(k, t->kind))) : k);
		a->nfopts++;
	}
	if (t->kind != EV_OPEN) {
		snprintf(a->fcodes[a->nfopts], sizeof a->fcodes[0], "void");
		snprintf(a->flabels[a->nfopts], sizeof a->flabels[0], _("作废此事件"));
		a->nfopts++;
	}
	for (size_t i = 0; i < a->nfopts; i++)
		a->fopts[i] = (struct ui_option){.code = a->fcodes[i], .label = a->flabels[i]};
	f = ui_form_get(&a->form, "field");
	ui_field_set_options(f, a->fopts, a->nfopts);
	correct_prefill(a);
}

static const char *
refusal(struct action *a, const struct yk_event *target, char *buf, size_t bufsz)
{
	return refusal_of(&a->c, a->ui->app->rules, a->act, target, buf, bufsz);
}

int
ui_action_offered(const struct ui *ui, const struct case_state *c, enum ui_action act)
{
	char buf[256];

	/* a correction needs an event chosen in the log: always offered */
	return act == UI_ACT_CORRECT || !refusal_of(c, ui->app->rules, act, NULL, buf, sizeof buf);
}

/* A form of one event: its fields, the choices from the field table; a
 * grant offers only the permits still pending. */
static void
build_simple(struct action *a)
{
	const struct simple_form *sf = simple_form(a->act);

	if (!sf)
		return;
	snprintf(a->what, sizeof a->what, "%s", _(sf->what));
	ui_form_add_table(&a->form, sf->fields);
	for (size_t i = 0; i < a->form.n; i++)
		if (a->form.f[i].kind == UF_CHOICE)
			ui_field_table_options(&a->form.f[i]);
	if (a->act == UI_ACT_PERMIT_GRANT) {
		const struct yk_field *pf = field_at(FLD_PERMIT);

		for (size_t i = 0; i < a->c.npermits && a->nfopts < CORRECT_FIELDS_MAX; i++) {
			const struct case_permit *pm = &a->c.permits[i];
			const struct field_option *o = field_option(pf, pm->kind);
			char b[YK_DATE_BUFSZ];

			if (pm->granted != YK_DATE_NONE)
				continue;
			snprintf(a->fcodes[a->nfopts], sizeof a->fcodes[0], "%s", pm->kind);
			snprintf(a->flabels[a->nfopts], sizeof a->flabels[0], _("%s（%s 申报，%s）"),
				 o ? o->zh : pm->kind, date_format(pm->applied, b), pm->authority);
			a->fopts[a->nfopts] = (struct ui_option){.code = a->fcodes[a->nfopts],
								 .label = a->flabels[a->nfopts]};
			a->nfopts++;
		}
		ui_field_set_options(ui_form_get(&a->form, "permit"), a->fopts, a->nfopts);
	}
}

static void
build_form(struct action *a, const struct yk_event *target)
{
	static const char *const date_labels[UI_ACT_COUNT] = {
		[UI_ACT_COMPLETE] = N_("办结日期"),	  [UI_ACT_START] = N_("报送/申请日期"),
		[UI_ACT_MATERIALS] = N_("收资日期"),  [UI_ACT_SUSPEND] = N_("挂起日期"),
		[UI_ACT_RESUME] = N_("恢复日期"),	  [UI_ACT_FILING] = N_("备案日期"),
		[UI_ACT_WITHDRAW] = N_("撤销日期"),	  [UI_ACT_CORRECT] = N_("更正日期"),
	};
	struct case_state *c = &a->c;
	const char *sname = a->stage >= 0 ? _(stage_name_zh((enum yk_stage)a->stage)) : "";
	char today[YK_DATE_BUFSZ], b[YK_DATE_BUFSZ];
	int open = case_open_suspension(c);

	switch (a->act) {
	case UI_ACT_COMPLETE:
		switch (a->stage) {
		case STAGE_ACCEPT:
			snprintf(a->what, sizeof a->what, _("业务受理完成"));
			add_materials(a, STAGE_ACCEPT, _("申请资料"));
			ui_form_add_table(&a->form, accept_fields);
			break;
		case STAGE_PLAN:
			snprintf(a->what, sizeof a->what, _("供电方案答复"));
			ui_form_add_table(&a->form, plan_fields);
			break;
		case STAGE_ENERGISE:
			snprintf(a->what, sizeof a->what, _("装表接电（案件办结）"));
			ui_form_add_table(&a->form, energise_fields);
			break;
		default:
			snprintf(a->what, sizeof a->what, _("%s结果"), sname);
			add_materials(a, a->stage, _("资料"));
			ui_form_add_table(&a->form, inspect_fields);
			ui_field_table_options(ui_form_get(&a->form, "result"));
			break;
		}
		break;
	case UI_ACT_START:
		snprintf(a->what, sizeof a->what, _("%s（%s开始）"), start_what(a->stage), sname);
		add_materials(a, a->stage, _("随附资料"));
		break;
	case UI_ACT_MATERIALS:
		snprintf(a->what, sizeof a->what, _("%s收资"), sname);
		add_materials(a, a->stage, _("已收资料"));
		break;
	case UI_ACT_SUSPEND:
		snprintf(a->what, sizeof a->what, _("挂起（停止计时）"));
		ui_form_add_table(&a->form, suspend_fields);
		ui_field_table_options(ui_form_get(&a->form, "reason"));
		break;
	case UI_ACT_RESUME:
		snprintf(a->what, sizeof a->what, _("恢复计时"));
		ui_form_add_table(&a->form, resume_fields);
		if (open >= 0) {
			char buf[512];

			snprintf(buf, sizeof buf, _("%s 起挂起，原因：%s%s%s"), date_format(c->susp[open].from, b),
				 _(susp_reason_zh(c->susp[open].reason)), c->susp[open].note[0] ? _("，") : "",
				 c->susp[open].note);
			ui_field_set_text(ui_form_get(&a->form, "susp"), buf);
		}
		break;
	case UI_ACT_FILING:
		snprintf(a->what, sizeof a->what, _("电网升级改造备案"));
		ui_form_add_table(&a->form, filing_fields);
		break;
	case UI_ACT_WITHDRAW:
		snprintf(a->what, sizeof a->what, _("撤销申请（案件关闭）"));
		ui_form_add_table(&a->form, withdraw_fields);
		break;
	case UI_ACT_CORRECT:
		snprintf(a->what, sizeof a->what, _("更正 #%ld"), target->seq);
		build_correct(a, target);
		break;
	default:
		build_simple(a);
		break;
	}
	ui_form_add_table(&a->form, tail_fields);
	snprintf(ui_form_get(&a->form, "date")->label, sizeof ui_form_get(&a->form, "date")->label, "%s",
		 ui_tr(simple_form(a->act) ? simple_form(a->act)->date : date_labels[a->act]));
	ui_field_set_text(ui_form_get(&a->form, "date"), date_format(ui_today(), today));
	late_visibility(a);
	snprintf(a->heading, sizeof a->heading, _("%s · %s（F2 或 Ctrl-S 保存）"), a->what, a->case_no);
}

struct ui_screen *
ui_action_new(struct ui *ui, enum ui_action act, const char *case_no, const struct yk_event *target)
{
	struct action *a = xcalloc(1, sizeof *a);
	yk_error err;
	const char *why;
	char buf[256];

	a->base.ops = &action_ops;
	a->ui = ui;
	a->act = act;
	snprintf(a->case_no, sizeof a->case_no, "%s", case_no);
	snprintf(a->base.title, sizeof a->base.title, "%s", case_no);
	ui_form_init(&a->form);
	a->form.event = act_event(act);
	a->form.changed = action_changed;
	a->form.ctx = a;
	if (load_case(a, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("无法读取案件：%s"), err.msg);
		action_destroy(&a->base);
		return NULL;
	}
	a->stage = case_current_stage(&a->c, ui->app->rules);
	why = refusal(a, target, buf, sizeof buf);
	if (why) {
		ui_message(ui, UI_TONE_ERROR, "%s", why);
		action_destroy(&a->base);
		return NULL;
	}
	build_form(a, target);
	ui_form_mark_clean(&a->form);
	a->form.focus = 0;
	return &a->base;
}
