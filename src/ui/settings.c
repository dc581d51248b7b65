#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/division.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/settings.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/app.h"
#include "yekuo/store/settings.h"
#include "yekuo/ui/curses.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/settings.h"

/* Regions offered at most (one per rule profile region), and "not set". */
#define SETTINGS_REGIONS_MAX 33

struct settings_screen {
	struct ui_screen base;
	struct ui *ui;
	struct ui_form form;
	int first;			/* the first start of a database without settings */
	int office_free;		/* the office code may still be given */
	struct yk_settings was;		/* as loaded: only what changed is stored */
	struct ui_option regions[SETTINGS_REGIONS_MAX];
	struct ui_option categories[CAT_COUNT + 1];
	char office_note[128];
};

static const char *
operator_of(const struct settings_screen *S)
{
	const char *op = S->ui->app->operator_name;

	return op && *op ? op : "unknown";
}

/* 行政区划 under its code: the province, city and county the code names. */
static void
show_division(struct settings_screen *S)
{
	const char *code = ui_form_value(&S->form, "division");
	char full[256];

	if (!*code)
		snprintf(full, sizeof full, "%s", _("未设定：新案件不记录行政区划（003 附件2 按省/地市/县统计）"));
	else if (!division_code_ok(code) || !division_name(S->ui->app->divisions, code))
		snprintf(full, sizeof full, "%s", "-");
	else
		division_full_name(S->ui->app->divisions, code, full, sizeof full);
	ui_field_set_text(ui_form_get(&S->form, "division-name"), full);
}

static void
settings_changed(void *ctx, struct ui_form *form, size_t i)
{
	if (strcmp(form->f[i].key, "division") == 0)
		show_division(ctx);
}

/* The value of setting id as typed when it is an editable row that
 * changed (an office code never given counts as changed), else NULL. */
static const char *
changed(struct settings_screen *S, enum setting_id id)
{
	const struct ui_field *x = ui_form_get(&S->form, setting_at(id)->key);
	const char *v;

	if (!x || x->kind == UF_INFO)
		return NULL;
	v = ui_field_value(x);
	if (strcmp(v, S->was.v[id]) == 0 && !(id == SET_OFFICE && !S->was.office_chosen))
		return NULL;
	return v;
}

/* Check every value that changed, then store them; the form keeps what
 * was typed when something is refused. */
static void
save(struct settings_screen *S, struct ui *ui)
{
	struct ui_form *f = &S->form;
	yk_error err;
	int bad = 0;

	ui_form_clear_errors(f);
	for (int i = 0; i < SET_COUNT; i++) {
		const char *v = changed(S, (enum setting_id)i);
		const char *key = setting_at((enum setting_id)i)->key;

		if (!v)
			continue;
		if (i == SET_OFFICE && !*v) {
			bad += ui_form_error(f, key, _("必填：新建案件前须有办事处代码")) < 0;
			continue;
		}
		if (setting_check((enum setting_id)i, v, ui->app->rules, ui->app->divisions, &err) < 0)
			bad += ui_form_mark_error(f, &err) ? 1 : (ui_form_error(f, key, "%s", err.msg), 1);
	}
	if (bad) {
		ui_form_focus_error(f);
		ui_message(ui, UI_TONE_ERROR, _("有 %d 处需要修改（见标出的字段），输入都已保留"),
			   ui_form_error_count(f));
		return;
	}
	for (int i = 0; i < SET_COUNT; i++) {
		const char *v = changed(S, (enum setting_id)i);

		if (!v)
			continue;
		if (settings_store(ui->app->st, operator_of(S), (enum setting_id)i, v, &err) < 0) {
			ui_form_mark_error(f, &err);
			ui_form_focus_error(f);
			ui_message(ui, UI_TONE_ERROR, _("未保存：%s"), err.msg);
			return;
		}
		snprintf(S->was.v[i], sizeof S->was.v[i], "%s", v);
		if (i == SET_OFFICE)
			S->was.office_chosen = 1;
	}
	if (settings_mark_saved(ui->app->st, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("未保存：%s"), err.msg);
		return;
	}
	ui_form_mark_clean(f);
	if (S->first) {
		char office[16];

		/* popping frees the screen: what the message says is copied first */
		snprintf(office, sizeof office, "%.15s", S->was.v[SET_OFFICE]);
		ui_pop(ui);
		ui_message(ui, UI_TONE_OK, _("设置已保存（办事处代码 %s）；以后按 O 修改"), office);
		return;
	}
	ui_message(ui, UI_TONE_OK, _("设置已保存"));
}

static void
settings_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct settings_screen *S = (struct settings_screen *)s;

	ui_rule(r.y, r.x, r.w, S->first ? _("首次使用：请填写本营业厅的设置（F2 保存；与 yekuo config 相同）")
					: _("设置：营业厅与受理人（F2 保存；与 yekuo config 相同）"));
	r.y++;
	r.h--;
	ui_form_draw(&S->form, ui, r);
}

static int
key_save(const struct ui_keyhit *h)
{
	save((struct settings_screen *)h->s, h->ui);
	return 1;
}

static int
space_offered(const struct ui_screen *s, int kind)
{
	return ui_form_space_does(&((const struct settings_screen *)s)->form, kind);
}

static const struct ui_keydef settings_keys[] = {
	{.key = "F2/^S", .what = N_("保存"), .help = N_("保存改动的设置（每项先检查，有错的标出，不保存任何一项）"), .bar = 1,
	 .on = {UI_KEYS_SAVE}, .act = key_save},
	{.key = "Tab Enter", .what = N_("下一项"), .bar = 1},
	{.key = "S-Tab", .what = N_("上一项"), .bar = 1},
	{.key = N_("空格"), .what = N_("切换"), .help = N_("切换选项（默认地区、默认用户类别）"), .bar = 1,
	 .offered = space_offered, .arg = UF_CHOICE},
	{.key = N_("办事处代码"), .what = "", .help = N_("写进案件编号（地区-年-代码-序号），各台电脑各不相同；"
						  "写入本库签名身份或编出第一个案件号后不能再改")},
	{.key = N_("受理人"), .what = "", .help = N_("本人（登录名）在回执和备案表上显示的姓名和工号")},
	{.key = NULL},
};

static int
settings_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	(void)ui;
	return ui_form_key(&((struct settings_screen *)s)->form, k);
}

static int
settings_dirty(const struct ui_screen *s)
{
	return ui_form_dirty(&((const struct settings_screen *)s)->form);
}

static int
settings_typing(const struct ui_screen *s)
{
	return ui_form_typing(&((const struct settings_screen *)s)->form);
}

static void
settings_destroy(struct ui_screen *s)
{
	struct settings_screen *S = (struct settings_screen *)s;

	ui_form_free(&S->form);
	free(S);
}

static const struct ui_screen_ops settings_ops = {
	.name = N_("设置"),
	.keys = settings_keys,
	.draw = settings_draw,
	.key = settings_key,
	.dirty = settings_dirty,
	.typing = settings_typing,
	.destroy = settings_destroy,
};

/* One row of the form for setting id, labelled from the settings table. */
static void
add_row(struct settings_screen *S, enum setting_id id, enum ui_field_kind kind)
{
	const struct yk_setting *d = setting_at(id);
	struct ui_field_def def = {.kind = kind, .key = d->key, .label = _(d->label), .max = d->max,
				   .hint = d->hint ? _(d->hint) : NULL};
	size_t at = ui_form_add(&S->form, &def);
	struct ui_field *f = &S->form.f[at];

	/* a setting, not a case field: nothing of the field table applies */
	f->field = NULL;
	f->required = 0;
	if (kind != UF_CHOICE)
		ui_field_set_text(f, S->was.v[id]);
}

struct ui_screen *
ui_settings_new(struct ui *ui, int first)
{
	struct settings_screen *S = xcalloc(1, sizeof *S);
	struct app *app = ui->app;
	yk_error err;
	size_t n;
	int free_;

	S->base.ops = &settings_ops;
	S->ui = ui;
	S->first = first;
	if (app_load_divisions(app, &err) < 0)
		ui_message(ui, UI_TONE_ERROR, _("%s（行政区划只检查格式）"), err.msg);
	if (settings_load(app->st, operator_of(S), &S->was, &err) < 0 ||
	    (free_ = settings_office_free(app->st, &err)) < 0) {
		ui_message(ui, UI_TONE_ERROR, "%s", err.msg);
		free(S);
		return NULL;
	}
	S->office_free = free_;
	ui_form_init(&S->form);
	S->form.event = EV_KIND_COUNT;
	S->form.changed = settings_changed;
	S->form.ctx = S;
	if (S->office_free) {
		add_row(S, SET_OFFICE, UF_TEXT);
		ui_form_get(&S->form, "office")->required = 1;
		if (!S->was.office_chosen)
			ui_field_set_text(ui_form_get(&S->form, "office"), "");
	} else {
		struct ui_field_def def = {.kind = UF_INFO, .key = "office", .label = _(setting_at(SET_OFFICE)->label)};
		size_t at = ui_form_add(&S->form, &def);

		snprintf(S->office_note, sizeof S->office_note, _("%s（已写入本库签名身份或案件编号，不能再改）"),
			 S->was.v[SET_OFFICE]);
		ui_field_set_text(&S->form.f[at], S->office_note);
	}
	add_row(S, SET_HALL, UF_TEXT);
	add_row(S, SET_ADDRESS, UF_TEXT);
	add_row(S, SET_HOTLINE, UF_TEXT);
	add_row(S, SET_DIVISION, UF_TEXT);
	{
		struct ui_field_def def = {.kind = UF_INFO, .key = "division-name", .label = ""};

		ui_form_add(&S->form, &def);
	}
	add_row(S, SET_REGION, UF_CHOICE);
	S->regions[0] = (struct ui_option){.code = "", .label = _("（未设定）")};
	n = ui_region_options(app->rules, S->regions + 1, SETTINGS_REGIONS_MAX - 1);
	ui_field_set_options(ui_form_get(&S->form, "region"), S->regions, n + 1);
	ui_field_choose(ui_form_get(&S->form, "region"), S->was.v[SET_REGION]);
	add_row(S, SET_CATEGORY, UF_CHOICE);
	S->categories[0] = (struct ui_option){.code = "", .label = _("（未设定）")};
	for (int c = 0; c < CAT_COUNT; c++)
		S->categories[c + 1] = (struct ui_option){.code = category_code((enum yk_category)c),
							  .label = _(category_name_zh((enum yk_category)c))};
	ui_field_set_options(ui_form_get(&S->form, "category"), S->categories, CAT_COUNT + 1);
	ui_field_choose(ui_form_get(&S->form, "category"), S->was.v[SET_CATEGORY]);
	{
		struct ui_field_def def = {.kind = UF_INFO, .key = "clerk", .label = _("受理人")};
		char who[160];

		size_t at = ui_form_add(&S->form, &def);

		snprintf(who, sizeof who, _("以下两项是本人（登录名 %s）的，印在回执和备案表上"), operator_of(S));
		ui_field_set_text(&S->form.f[at], who);
	}
	add_row(S, SET_CLERK_NAME, UF_TEXT);
	add_row(S, SET_STAFF_NO, UF_TEXT);
	show_division(S);
	ui_form_mark_clean(&S->form);
	S->form.focus = 0;
	return &S->base;
}
