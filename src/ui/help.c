#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yekuo/ui/curses.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/help.h"
#include "yekuo/ui/list.h"
#include "yekuo/core/xalloc.h"

const struct ui_keyhelp ui_global_keys[] = {
	{.key = "F1 / ?", .what = "帮助", .help = "本帮助（在输入框里只有 F1）"},
	{.key = "Esc", .what = "返回", .help = "返回上一界面（表单有未保存输入时先询问）"},
	{.key = "F10 / q", .what = "退出", .help = "退出（有未保存输入时先询问；输入框里只有 F10）"},
	{.key = "Ctrl-C", .what = "退出", .help = "退出，同 F10"},
	{.key = NULL},
};

struct help {
	struct ui_screen base;
	const struct ui_screen *of;
	struct ui_list list;
	/* rows: the screen's keys, a blank, a heading, the global keys */
	const struct ui_keyhelp **rows;
	size_t nrows;
};

static const struct ui_keyhelp heading = {.key = "", .what = "-- 所有界面通用 --"};
static const struct ui_keyhelp blank = {.key = "", .what = ""};

static void
help_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct help *h = ctx;
	const struct ui_keyhelp *k = h->rows[i];
	int kw = 16;

	(void)selected;
	ui_put(y, x, 2, UI_TONE_NORMAL, "");
	ui_put(y, x + 2, kw, UI_TONE_FOCUS, k->key);
	ui_put(y, x + 2 + kw, w - 2 - kw, UI_TONE_NORMAL, k->help ? k->help : k->what);
}

static void
help_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct help *h = (struct help *)s;
	char title[160];

	(void)ui;
	snprintf(title, sizeof title, "按键帮助：%s%s%s（Esc 或 F1 关闭）", h->of->ops->name,
		 h->of->title[0] ? " " : "", h->of->title);
	ui_rule(r.y, r.x, r.w, title);
	r.y++;
	r.h--;
	ui_list_draw(&h->list, r);
}

static int
help_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct help *h = (struct help *)s;

	if (ui_key_char(k, UI_ESC) || ui_key_enter(k)) {
		ui_pop(ui);
		return 1;
	}
	return ui_list_key(&h->list, k);
}

static void
help_destroy(struct ui_screen *s)
{
	struct help *h = (struct help *)s;

	free(h->rows);
	free(h);
}

static const struct ui_keyhelp help_keys[] = {
	{.key = "↑↓ j k", .what = "滚动", .bar = 1},
	{.key = "Esc", .what = "关闭", .bar = 1},
	{.key = NULL},
};

static const struct ui_screen_ops help_ops = {
	.name = "帮助",
	.keys = help_keys,
	.draw = help_draw,
	.key = help_key,
	.destroy = help_destroy,
};

int
ui_help_is(const struct ui_screen *s)
{
	return s && s->ops == &help_ops;
}

struct ui_screen *
ui_help_new(struct ui *ui, const struct ui_screen *of)
{
	struct help *h = xcalloc(1, sizeof *h);
	size_t n = 0, cap = 0;

	(void)ui;
	h->base.ops = &help_ops;
	h->of = of;
	for (const struct ui_keyhelp *k = of->ops->keys; k && k->key; k++) {
		h->rows = xgrow(h->rows, &cap, n + 1, sizeof *h->rows);
		h->rows[n++] = k;
	}
	h->rows = xgrow(h->rows, &cap, n + 2, sizeof *h->rows);
	h->rows[n++] = &blank;
	h->rows[n++] = &heading;
	for (const struct ui_keyhelp *k = ui_global_keys; k->key; k++) {
		h->rows = xgrow(h->rows, &cap, n + 1, sizeof *h->rows);
		h->rows[n++] = k;
	}
	h->nrows = n;
	ui_list_init(&h->list, help_row, h);
	h->list.show_sel = 0;
	ui_list_set_count(&h->list, n);
	return &h->base;
}
