#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/ui/curses.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/help.h"
#include "yekuo/ui/list.h"
#include "yekuo/core/xalloc.h"

/* One line of the help: a key's name (on its first line only) and a part
 * of its sentence, wrapped to the width of the screen. */
struct help_line {
	const char *key;
	char text[256];
};

struct help {
	struct ui_screen base;
	const struct ui_screen *of;
	struct ui_list list;
	/* rows: the screen's keys that apply now, a blank, a heading, the
	 * global keys */
	const struct ui_keydef **rows;
	size_t nrows;
	struct help_line *lines;	/* the rows wrapped to `width` */
	size_t nlines, caplines;
	int width;
};

static const struct ui_keydef heading = {.key = "", .what = N_("-- 所有界面通用 --")};
static const struct ui_keydef blank = {.key = "", .what = ""};

#define HELP_KEY_W 16

static void
help_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct help *h = ctx;
	const struct help_line *l = &h->lines[i];

	(void)selected;
	ui_put(y, x, 2, UI_TONE_NORMAL, "");
	ui_put(y, x + 2, HELP_KEY_W, UI_TONE_FOCUS, l->key);
	ui_put(y, x + 2 + HELP_KEY_W, w - 2 - HELP_KEY_W, UI_TONE_NORMAL, l->text);
}

/* Every sentence whole: wrapped under itself to the width it is drawn in,
 * the list scrolling over the lines (80x24 shows a screenful at a time). */
static void
wrap_rows(struct help *h, int width)
{
	int tw = width - 2 - HELP_KEY_W - 1;

	if (tw < 10)
		tw = 10;
	h->nlines = 0;
	for (size_t i = 0; i < h->nrows; i++) {
		const struct ui_keydef *d = h->rows[i];
		const char *t = ui_tr(d->help ? d->help : d->what);
		int first = 1;

		do {
			size_t n = text_wrap_next(t, tw);
			struct help_line *l;

			if (n >= sizeof l->text)
				n = sizeof l->text - 1;
			h->lines = xgrow(h->lines, &h->caplines, h->nlines + 1, sizeof *h->lines);
			l = &h->lines[h->nlines++];
			l->key = first ? ui_tr(d->key) : "";
			memcpy(l->text, t, n);
			l->text[n] = '\0';
			t += n;
			first = 0;
		} while (*t);
	}
	h->width = width;
	ui_list_set_count(&h->list, h->nlines);
}

static void
help_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct help *h = (struct help *)s;
	char title[160];

	(void)ui;
	snprintf(title, sizeof title, _("按键帮助：%s%s%s（Esc 或 F1 关闭）"), ui_tr(h->of->ops->name),
		 h->of->title[0] ? " " : "", h->of->title);
	ui_rule(r.y, r.x, r.w, title);
	r.y++;
	r.h--;
	if (h->width != r.w)
		wrap_rows(h, r.w);
	ui_list_draw(&h->list, r);
}

static int
help_list_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	(void)ui;
	return ui_list_key(&((struct help *)s)->list, k);
}

static int
help_close(const struct ui_keyhit *h)
{
	ui_pop(h->ui);
	return 1;
}

static void
help_destroy(struct ui_screen *s)
{
	struct help *h = (struct help *)s;

	free(h->rows);
	free(h->lines);
	free(h);
}

static const struct ui_keydef help_keys[] = {
	{.key = "↑↓ j k", .what = N_("滚动"), .help = N_("滚动（PgUp PgDn 翻页，Home End 到头尾）"), .bar = 1},
	{.key = "Esc", .what = N_("关闭"), .bar = 1, .on = {UI_KEY_CH(UI_ESC), UI_KEYS_ENTER}, .act = help_close},
	{.key = NULL},
};

static const struct ui_screen_ops help_ops = {
	.name = N_("帮助"),
	.keys = help_keys,
	.draw = help_draw,
	.key = help_list_key,
	.destroy = help_destroy,
};

int
ui_help_is(const struct ui_screen *s)
{
	return s && s->ops == &help_ops;
}

static void
add_row(struct help *h, size_t *cap, const struct ui_keydef *d)
{
	h->rows = xgrow(h->rows, cap, h->nrows + 1, sizeof *h->rows);
	h->rows[h->nrows++] = d;
}

struct ui_screen *
ui_help_new(struct ui *ui, const struct ui_screen *of)
{
	struct help *h = xcalloc(1, sizeof *h);
	size_t cap = 0;

	h->base.ops = &help_ops;
	h->of = of;
	for (const struct ui_keydef *d = of->ops->keys; d && d->key; d++)
		if (!d->hidden && ui_keydef_applies(d, of))
			add_row(h, &cap, d);
	add_row(h, &cap, &blank);
	add_row(h, &cap, &heading);
	for (const struct ui_keydef *d = ui->global_keys; d && d->key; d++)
		add_row(h, &cap, d);
	ui_list_init(&h->list, help_row, h);
	h->list.show_sel = 0;
	wrap_rows(h, COLS);
	return &h->base;
}
