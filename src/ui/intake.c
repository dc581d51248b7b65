#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/case.h"
#include "yekuo/core/i18n.h"
#include "yekuo/ui/curses.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/settings.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/detail.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/intake.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* Regions offered at most (one per rule profile region). */
#define INTAKE_REGIONS_MAX 32

struct intake {
	struct ui_screen base;
	struct ui *ui;
	struct ui_form form;
	struct ui_option regions[INTAKE_REGIONS_MAX];
	size_t nregions;
	int sanling;			/* the proposal's 三零 decision */
	int proposed;			/* a proposal could be made */
	int rerun;			/* a save found a case withdrawn within 30 days for
					 * the same ID number and address: the decision on
					 * the clocks is asked for (重走, docs/store.md) */
};

/* The form's rows: labels, limits and hints come from the field table
 * (fields.h); what is said here is this form's own. */
static const struct ui_field_def fields_head[] = {
	{.kind = UF_CHOICE, .key = "region", .required = 1},
	{.kind = UF_TEXT, .key = "name"},
	{.kind = UF_CHOICE, .key = "id-type"},
	{.kind = UF_TEXT, .key = "id"},
	{.kind = UF_TEXT, .key = "phone"},
	{.kind = UF_TEXT, .key = "address"},
	{.kind = UF_CHOICE, .key = "customer-type", .required = 1},
	{.kind = UF_CHOICE, .key = "kv", .required = 1},
	{.kind = UF_TEXT, .key = "capacity"},
	{.kind = UF_CHOICE, .key = "area"},
	{.kind = UF_CHECK, .key = "dual", .label = N_("双电源"), .hint = N_("高压双电源供电")},
	{.kind = UF_CHECK, .key = "split-application"},
	{.kind = UF_CHECK, .key = "hv-reapply"},
	{.kind = UF_CHOICE, .key = "category"},
	{.kind = UF_INFO, .key = "why", .label = N_("类别建议")},
	{.kind = UF_INFO, .key = "limits", .label = N_("适用时限")},
	{.kind = UF_TEXT, .key = "hv-confirmation"},
	{.kind = UF_CHECK, .key = "external"},
	{.kind = UF_DATE, .key = "appointment"},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def fields_tail[] = {
	{.kind = UF_CHECK, .key = "keep-clock"},
	{.kind = UF_TEXT, .key = "restart-reason"},
	{.kind = UF_DATE, .key = "date", .label = N_("受理日期"), .required = 1},
	{.kind = UF_TEXT, .key = "late-reason", .required = 1},
	{.kind = UF_INFO, .label = NULL},
};

static int
hv_chosen(struct intake *in)
{
	int cat = category_from_code(ui_form_value(&in->form, "category"));

	return cat >= 0 && category_is_hv((enum yk_category)cat);
}

static int
customer_type(struct intake *in)
{
	struct ui_field *f = ui_form_get(&in->form, "customer-type");
	const struct field_option *o = field_option(f->field, ui_field_value(f));

	return o ? o->value : CUST_OTHER;
}

static yk_date
form_date(struct intake *in)
{
	yk_date d;

	if (date_parse(ui_form_value(&in->form, "date"), &d) < 0)
		return ui_today();
	return d;
}

/* 适用时限: the profile and limits this case would run under. */
static void
describe_limits(struct intake *in)
{
	struct ui_field *f = ui_form_get(&in->form, "limits");
	const struct rule_profile *p;
	const struct rule_variant *v;
	int cat = category_from_code(ui_form_value(&in->form, "category"));
	double cap = 0, kv = 0;
	yk_error err;
	char buf[1024], pz[160];
	size_t len;

	validate_capacity(ui_form_value(&in->form, "capacity"), &cap, NULL);
	validate_kv(ui_form_value(&in->form, "kv"), &kv, NULL);
	p = rules_find(in->ui->app->rules, ui_form_value(&in->form, "region"), form_date(in), &err);
	if (!p) {
		ui_field_set_text(f, err.msg);
		return;
	}
	v = cat < 0 ? NULL : rules_variant(p, (enum yk_category)cat, cap, kv, form_date(in), &err);
	if (!v) {
		ui_profile_zh(p, pz, sizeof pz);
		snprintf(buf, sizeof buf, _("%s：%s"), pz, cat < 0 ? "-" : err.msg);
		ui_field_set_text(f, buf);
		return;
	}
	ui_profile_zh(p, pz, sizeof pz);
	len = (size_t)snprintf(buf, sizeof buf, "%s", pz);
	for (size_t i = 0; i < v->nsteps && len < sizeof buf; i++) {
		if (v->steps[i].limit == RULE_NO_LIMIT)
			continue;
		/* a step's name from the rule file: the stage's name where it is one */
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s %d", i ? _("，") : "  ",
					_(v->steps[i].name), v->steps[i].limit);
	}
	if (v->total != RULE_NO_LIMIT && len < sizeof buf)
		len += (size_t)snprintf(buf + len, sizeof buf - len, _("，合计 %d"), v->total);
	if (v->whole_without != RULE_NO_LIMIT && len < sizeof buf)
		snprintf(buf + len, sizeof buf - len, _("  全过程 %d（有外线工程 %d）工作日"), v->whole_without,
			 v->whole_with);
	else if (len < sizeof buf)
		snprintf(buf + len, sizeof buf - len, _(" 工作日"));
	ui_field_set_text(f, buf);
}

/* Propose the category from voltage, capacity and customer type
 * (rules_classify) and say why, with the 三零 decision. */
static void
classify(struct intake *in)
{
	struct classify_in ci = {0};
	struct classify_out co;
	struct ui_field *why = ui_form_get(&in->form, "why");
	const struct rule_profile *p;
	yk_error err;
	char buf[640];

	in->proposed = 0;
	in->sanling = 0;
	if (validate_kv(ui_form_value(&in->form, "kv"), &ci.kv, NULL) < 0 ||
	    validate_capacity(ui_form_value(&in->form, "capacity"), &ci.capacity, NULL) < 0) {
		ui_field_set_text(why, _("填写供电电压和报装容量后给出建议类别及三零判断"));
		return;
	}
	ci.type = (enum customer_type)customer_type(in);
	ci.dual_source = *ui_form_value(&in->form, "dual") != '\0';
	ci.split_application = *ui_form_value(&in->form, "split-application") != '\0';
	ci.hv_reapply_lv = *ui_form_value(&in->form, "hv-reapply") != '\0';
	p = rules_find(in->ui->app->rules, ui_form_value(&in->form, "region"), form_date(in), NULL);
	ci.profile_has_charging =
		p && rules_variant(p, CAT_LV_CHARGING, ci.capacity, ci.kv, form_date(in), NULL) != NULL;
	/* the profile's 三零 ceiling for the case's area; with the area not
	 * given and the areas' ceilings apart, the lower (it binds in both) */
	rules_sanling_max(in->ui->app->rules, ui_form_value(&in->form, "region"), form_date(in),
			  area_from_code(ui_form_value(&in->form, "area")), &ci.sanling_max,
			  &ci.sanling_note);
	if (rules_classify(&ci, &co, &err) < 0) {
		ui_field_set_text(why, err.msg);
		return;
	}
	in->proposed = 1;
	in->sanling = co.sanling_eligible;
	ui_field_choose(ui_form_get(&in->form, "category"), category_code(co.category));
	snprintf(buf, sizeof buf, _("建议：%s。%s。三零：%s"), _(category_name_zh(co.category)), co.why,
		 co.sanling_eligible ? _("符合") : _("不符合"));
	ui_field_set_text(why, buf);
}

/* Fields that depend on others: unit, HV-only boxes, the HV confirmation,
 * the late-entry reason. */
static void
refresh_dependent(struct intake *in)
{
	int hv, lv_kv, kv_ok;
	double kv = 0;
	struct ui_field *f;

	kv_ok = validate_kv(ui_form_value(&in->form, "kv"), &kv, NULL) == 0;
	/* the unit follows the voltage as soon as it is given (LV kW, HV kVA),
	 * else the category */
	hv = kv_ok ? kv >= 1 : hv_chosen(in);
	lv_kv = kv > 0 && kv < 1;
	snprintf(ui_form_get(&in->form, "capacity")->label, sizeof ui_form_get(&in->form, "capacity")->label,
		 _("报装容量(%s)"), hv ? "kVA" : "kW");
	ui_form_get(&in->form, "dual")->hidden = lv_kv;
	/* 城乡区域 only where it matters: the profile's 三零 ceilings differ by
	 * area on this date (003 row 9: 农村 100 kW in 2022; 004: Jining's urban
	 * 200 kW pilot) */
	{
		double max;

		ui_form_get(&in->form, "area")->hidden =
			hv || rules_sanling_max(in->ui->app->rules, ui_form_value(&in->form, "region"),
						form_date(in), AREA_UNKNOWN, &max, NULL) >= 0;
	}
	f = ui_form_get(&in->form, "hv-confirmation");
	f->hidden = !(hv && in->sanling);
	f->required = !f->hidden;
	f = ui_form_get(&in->form, "m.approval");
	if (f)
		f->hidden = !hv;
	ui_form_get(&in->form, "keep-clock")->hidden = !in->rerun;
	f = ui_form_get(&in->form, "restart-reason");
	f->hidden = !in->rerun || ui_form_get(&in->form, "keep-clock")->checked;
	{
		yk_date d;

		f = ui_form_get(&in->form, "late-reason");
		f->hidden = !(date_parse(ui_form_value(&in->form, "date"), &d) == 0 && d < ui_today());
	}
	describe_limits(in);
}

static void
intake_changed(void *ctx, struct ui_form *form, size_t i)
{
	static const char *const inputs[] = {"region", "customer-type", "kv", "capacity", "area",
					     "dual", "split-application", "hv-reapply", "date"};
	struct intake *in = ctx;

	/* a new proposal only when what it is made from changed: a category
	 * the user picked by hand stays until then */
	for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++)
		if (strcmp(form->f[i].key, inputs[k]) == 0)
			classify(in);
	refresh_dependent(in);
}

/* ---- saving ------------------------------------------------------------------- */

static void build_payload(struct intake *in, struct payload *p);
static void remember(struct intake *in);

static void
mark(void *ctx, const yk_error *e)
{
	struct ui_form *f = ctx;

	/* the unit follows the category: a wrong one is the capacity's */
	if (!ui_form_mark_error(f, e) && strcmp(e->field, FKEY(FLD_UNIT)) == 0)
		ui_form_error(f, FKEY(FLD_CAPACITY), "%s", yk_error_what(e));
}

/* The new case's fields by the one check (fields_check_open), then the
 * form's own: the date of acceptance and the reason for a late entry. */
static int
check(struct intake *in, yk_date *eff)
{
	struct ui_form *f = &in->form;
	struct payload p = {0};
	yk_error e;
	yk_date today = ui_today();
	int date_ok;

	ui_form_clear_errors(f);
	date_ok = validate_date_field(ui_form_value(f, "date"), eff, &e) == 0;
	if (!date_ok)
		ui_form_error(f, "date", "%s", e.msg);
	else if (*eff > today)
		ui_form_error(f, "date", _("受理日期不能晚于今日"));
	else if (*eff < today && validate_name(ui_form_value(f, "late-reason"), 255, NULL) < 0)
		ui_form_error(f, "late-reason", _("日期早于今日，是补录：请写明原因"));
	build_payload(in, &p);
	fields_check_open(&p, in->ui->app->rules, date_ok ? *eff : YK_DATE_NONE, NULL, mark, f);
	payload_free(&p);
	return ui_form_error_count(f) ? -1 : 0;
}

static void
build_payload(struct intake *in, struct payload *p)
{
	static const enum field_id given[] = {
		FLD_REGION, FLD_CATEGORY, FLD_CUSTOMER_TYPE, FLD_NAME, FLD_ID_TYPE, FLD_ID, FLD_PHONE,
		FLD_ADDRESS, FLD_CAPACITY, FLD_AREA, FLD_KV, FLD_EXTERNAL, FLD_APPOINTMENT, FLD_HV_CONFIRMATION,
		FLD_LATE_REASON, FLD_KEEP_CLOCK, FLD_RESTART_REASON,
	};
	struct ui_form *f = &in->form;

	for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
		const struct ui_field *x = ui_form_get(f, FKEY(given[i]));

		if (!x->hidden && *ui_field_value(x))
			payload_set(p, FKEY(given[i]), ui_field_value(x));
	}
	payload_set(p, FKEY(FLD_UNIT), hv_chosen(in) ? "kVA" : "kW");
	if (in->sanling || strcmp(ui_form_value(f, "category"), "lv-sanling") == 0)
		payload_set(p, FKEY(FLD_SANLING), "1");
	fields_normalise(p);
}

/* The ticked accept materials as "id,property,…"; "" when none. */
static void
ticked_materials(struct intake *in, char *out, size_t outsz)
{
	size_t n, len = 0;
	const struct material *m = case_materials(STAGE_ACCEPT, 1, &n);

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char key[64];
		struct ui_field *f;

		snprintf(key, sizeof key, "m.%s", m[i].code);
		f = ui_form_get(&in->form, key);
		if (f && !f->hidden && f->checked && len < outsz)
			len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? "," : "", m[i].code);
	}
}

static void
save(struct intake *in, struct ui *ui)
{
	struct payload p = {0};
	char case_no[CASE_NO_BUFSZ], items[256];
	yk_date eff = YK_DATE_NONE;
	yk_error err;

	ui_message_clear(ui);
	if (check(in, &eff) < 0) {
		ui_form_focus_error(&in->form);
		ui_message(ui, UI_TONE_ERROR, _("有 %d 处需要修改（见标出的字段），输入都已保留"),
			   ui_form_error_count(&in->form));
		return;
	}
	build_payload(in, &p);
	ticked_materials(in, items, sizeof items);
	/* the case and the materials handed over: one transaction */
	if (ledger_open_case_with(&ui->ledger, &p, eff, items, case_no, &err) < 0) {
		payload_free(&p);
		char text[YK_ERROR_MAX + 64];

		if (strcmp(err.field, FKEY(FLD_RESTART_REASON)) == 0 && !in->rerun) {
			/* 重走: ask for the decision on the clocks */
			in->rerun = 1;
			refresh_dependent(in);
		}
		mark(&in->form, &err);
		ui_form_focus_error(&in->form);
		ui_message(ui, UI_TONE_ERROR, _("未保存：%s"), ui_form_error_text(&in->form, &err, text, sizeof text));
		return;
	}
	payload_free(&p);
	remember(in);
	ui_replace(ui, ui_detail_new(ui, case_no));
	ui_message(ui, UI_TONE_OK, _("已受理：%s，时限开始计算"), case_no);
}

/* ---- screen ------------------------------------------------------------------- */

static void
intake_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct intake *in = (struct intake *)s;

	ui_rule(r.y, r.x, r.w, _("业务受理：新建案件（带 * 为必填；F2 或 Ctrl-S 保存）"));
	r.y++;
	r.h--;
	ui_form_draw(&in->form, ui, r);
}

static int
key_save(const struct ui_keyhit *h)
{
	save((struct intake *)h->s, h->ui);
	return 1;
}

/* "空格勾选" on a box, "空格切换" on a choice, nothing on text. */
static int
space_offered(const struct ui_screen *s, int kind)
{
	return ui_form_space_does(&((const struct intake *)s)->form, kind);
}

static const struct ui_keydef intake_keys[] = {
	{.key = "F2/^S", .what = N_("保存"), .help = N_("保存：受理建档并开始计时（有勾选资料时同时登记收资）"), .bar = 1,
	 .on = {UI_KEYS_SAVE}, .act = key_save},
	{.key = "Tab", .what = N_("下一项"), .bar = 1},
	{.key = "S-Tab", .what = N_("上一项"), .bar = 1},
	{.key = N_("空格"), .what = N_("勾选"), .help = N_("勾选方框 / 切换选项"), .bar = 1,
	 .offered = space_offered, .arg = UF_CHECK},
	{.key = N_("空格"), .what = N_("切换"), .bar = 1,
	 .offered = space_offered, .arg = UF_CHOICE, .hidden = 1},
	{.key = "↑↓ Enter", .what = N_("换项"), .help = N_("上一项 / 下一项")},
	{.key = "←→", .what = N_("光标"), .help = N_("文字中按字移动光标；选项中切换")},
	{.key = "Home End", .what = N_("行首尾"), .help = N_("到行首 / 行尾（也可 Ctrl-A / Ctrl-E）")},
	{.key = "Backspace Del", .what = N_("删字"), .help = N_("删除光标前 / 后的一个字")},
	{.key = "Ctrl-U Ctrl-K", .what = N_("删行"), .help = N_("删除光标前 / 后的全部文字")},
	{.key = N_("类别建议"), .what = "", .help = N_("按电压、容量、客户类型自动建议用户类别并说明三零判断；可再手工改选")},
	{.key = NULL},
};

/* Keys the table did not take edit the form. */
static int
intake_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	(void)ui;
	return ui_form_key(&((struct intake *)s)->form, k);
}

static int
intake_dirty(const struct ui_screen *s)
{
	return ui_form_dirty(&((const struct intake *)s)->form);
}

static int
intake_typing(const struct ui_screen *s)
{
	return ui_form_typing(&((const struct intake *)s)->form);
}

static void
intake_destroy(struct ui_screen *s)
{
	struct intake *in = (struct intake *)s;

	ui_form_free(&in->form);
	free(in);
}

static const struct ui_screen_ops intake_ops = {
	.name = N_("业务受理"),
	.keys = intake_keys,
	.draw = intake_draw,
	.key = intake_key,
	.dirty = intake_dirty,
	.typing = intake_typing,
	.destroy = intake_destroy,
};

static void
collect_regions(struct intake *in)
{
	in->nregions = ui_region_options(in->ui->app->rules, in->regions, INTAKE_REGIONS_MAX);
}

/* The choices of the clerk's last case, offered again: a counter takes
 * the cases of one region and mostly one kind of customer. Kept per clerk
 * in the database (settings_remember), so they outlive a restart; this
 * session's copy serves where the database keeps none (a server). */
static const char *const remembered_keys[] = {"region", "id-type", "customer-type", "kv"};
static char remembered[sizeof remembered_keys / sizeof remembered_keys[0]][64];

static const char *
clerk(const struct intake *in)
{
	const char *op = in->ui->app->operator_name;

	return op && *op ? op : "unknown";
}

static void
remember(struct intake *in)
{
	yk_error err;

	for (size_t i = 0; i < sizeof remembered_keys / sizeof remembered_keys[0]; i++) {
		const char *v = ui_form_value(&in->form, remembered_keys[i]);

		snprintf(remembered[i], sizeof remembered[i], "%s", v);
		/* a choice not kept is only a lost convenience: the case is saved */
		settings_remember(in->ui->app->st, clerk(in), remembered_keys[i], v, &err);
	}
}

/* Fewer keys at the counter: each remembered field as the clerk left it
 * last time, else the office's default (region, category) from the
 * settings (docs/tui.md "业务受理"). */
static void
prefill(struct intake *in)
{
	struct yk_settings set;
	yk_error err;
	int have = settings_load(in->ui->app->st, clerk(in), &set, &err) == 0;

	if (have && set.v[SET_CATEGORY][0])
		ui_field_choose(ui_form_get(&in->form, "category"), set.v[SET_CATEGORY]);
	for (size_t i = 0; i < sizeof remembered_keys / sizeof remembered_keys[0]; i++) {
		char last[64] = "";

		if (remembered[i][0])
			snprintf(last, sizeof last, "%.63s", remembered[i]);
		else if (settings_recall(in->ui->app->st, clerk(in), remembered_keys[i], last, sizeof last,
					 &err) < 0)
			last[0] = '\0';
		if (!last[0] && have && strcmp(remembered_keys[i], "region") == 0)
			snprintf(last, sizeof last, "%.63s", set.v[SET_REGION]);
		if (last[0])
			ui_field_choose(ui_form_get(&in->form, remembered_keys[i]), last);
	}
}

struct ui_screen *
ui_intake_new(struct ui *ui)
{
	struct intake *in = xcalloc(1, sizeof *in);
	size_t nm;
	const struct material *m = case_materials(STAGE_ACCEPT, 1, &nm);
	char today[YK_DATE_BUFSZ];

	in->base.ops = &intake_ops;
	in->ui = ui;
	ui_form_init(&in->form);
	in->form.event = EV_OPEN;
	in->form.changed = intake_changed;
	in->form.ctx = in;
	ui_form_add_table(&in->form, fields_head);
	for (size_t i = 0; i < nm; i++) {
		char key[64];
		struct ui_field_def def = {.kind = UF_CHECK, .key = key, .label = i ? "" : _("已收申请资料")};
		size_t at;

		snprintf(key, sizeof key, "m.%s", m[i].code);
		at = ui_form_add(&in->form, &def);
		snprintf(in->form.f[at].caption, sizeof in->form.f[at].caption, "%s", _(m[i].zh));
	}
	ui_form_add_table(&in->form, fields_tail);
	collect_regions(in);
	ui_field_set_options(ui_form_get(&in->form, "region"), in->regions, in->nregions);
	ui_field_table_options(ui_form_get(&in->form, "id-type"));
	ui_field_table_options(ui_form_get(&in->form, "customer-type"));
	ui_field_table_options(ui_form_get(&in->form, "kv"));
	ui_field_table_options(ui_form_get(&in->form, "category"));
	ui_field_choose(ui_form_get(&in->form, "category"), "lv-sanling");
	prefill(in);
	ui_field_set_text(ui_form_get(&in->form, "date"), date_format(ui_today(), today));
	ui_form_get(&in->form, "dual")->hidden = 1;
	classify(in);
	refresh_dependent(in);
	ui_form_mark_clean(&in->form);
	in->form.focus = 0;
	return &in->base;
}
