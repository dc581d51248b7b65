#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/print.h"
#include "yekuo/store/settings.h"
#include "yekuo/ui/curses.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/print.h"

/* The reason printing is impossible takes at most this many lines. */
#define PV_REASON_LINES 4

enum pv_state { PV_READY, PV_BLOCKED };

struct pv {
	struct ui_screen base;
	enum pv_state state;
	char title[160];
	char *text;			/* the document, UTF-8; lines cut at '\n' */
	char **lines;
	size_t nlines, caplines;
	struct print_doc doc;
	char printer[256];
	const char *how;
	char why[YK_ERROR_MAX];		/* PV_BLOCKED: what is missing */
	struct ui_list list;
};

static void
line_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct pv *P = ctx;

	(void)selected;
	ui_put(y, x, 2, UI_TONE_NORMAL, "");
	ui_put(y, x + 2, w - 2, UI_TONE_NORMAL, P->lines[i]);
}

/* The reason, wrapped over up to PV_REASON_LINES lines; returns the lines used. */
static int
draw_reason(const char *s, int y, int x, int w)
{
	int n = 0;

	while (*s && n < PV_REASON_LINES) {
		size_t k = text_wrap_next(s, w - 2);
		char part[1024];

		snprintf(part, sizeof part, "%.*s", (int)k, s);
		ui_put(y + n, x, 1, UI_TONE_NORMAL, "");
		ui_put(y + n, x + 1, w - 1, UI_TONE_ERROR, part);
		s += k;
		while (*s == ' ')
			s++;
		n++;
	}
	return n;
}

static void
pv_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct pv *P = (struct pv *)s;
	char head[512];
	int used = 0;

	(void)ui;
	snprintf(head, sizeof head, _("打印预览：%s"), P->title);
	ui_rule(r.y, r.x, r.w, head);
	if (P->state == PV_READY) {
		ui_putf(r.y + 1, r.x, r.w, UI_TONE_NORMAL, _(" 打印机：%s（%s）"), P->printer, P->how);
		ui_putf(r.y + 2, r.x, r.w, UI_TONE_FOCUS, _(" A4 %s，%.1f 磅，每行至多 %d 列，共 %d 页；Enter 打印"),
			P->doc.landscape ? _("横向") : _("纵向"), P->doc.font_pt, P->doc.cols, P->doc.pages);
		used = 2;
	} else {
		used = draw_reason(P->why, r.y + 1, r.x, r.w);
	}
	ui_rule(r.y + 1 + used, r.x, r.w, "");
	ui_list_draw(&P->list, (struct ui_rect){.y = r.y + 2 + used, .x = r.x, .h = r.h - 2 - used, .w = r.w});
}

static int
pv_state(const struct ui_screen *s)
{
	return (int)((const struct pv *)s)->state;
}

static int
key_print(const struct ui_keyhit *h)
{
	struct pv *P = (struct pv *)h->s;
	struct ui *ui = h->ui;
	char job[128], done[UI_MSG_MAX];
	yk_error err;

	if (print_send(&P->doc, P->printer, P->title, job, sizeof job, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, "%s", err.msg);
		return 1;
	}
	snprintf(done, sizeof done, _("已送打印机 %s（%s）：作业 %s，A4 %s，%d 页\n"), P->printer, P->how, job,
		 P->doc.landscape ? _("横向") : _("纵向"), P->doc.pages);
	done[strcspn(done, "\n")] = '\0';
	ui_pop(ui); /* frees P */
	ui_message(ui, UI_TONE_OK, "%s", done);
	return 1;
}

static const struct ui_keydef pv_keys[] = {
	{.key = "Enter/F2", .what = N_("打印"), .help = N_("送打印机（paps 排版为 PostScript，交给 lp）"), .bar = 1,
	 .on = {UI_KEYS_ENTER, UI_KEYS_SAVE}, .in = UI_IN(PV_READY), .act = key_print},
	{.key = "↑↓", .what = N_("滚动"), .help = N_("上下滚动（PgUp PgDn 翻页，Home End 到头/尾）"), .bar = 1},
	{.key = N_("不能打印"), .what = "", .help = N_("上方红字说明缺少什么、该安装或设置什么；装好后返回再进入预览"),
	 .in = UI_IN(PV_BLOCKED)},
	{.key = NULL},
};

static int
pv_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct pv *P = (struct pv *)s;

	(void)ui;
	return ui_list_key(&P->list, k);
}

static void
pv_destroy(struct ui_screen *s)
{
	struct pv *P = (struct pv *)s;

	print_doc_free(&P->doc);
	free(P->lines);
	free(P->text);
	free(P);
}

static const struct ui_screen_ops pv_ops = {
	.name = N_("打印预览"),
	.keys = pv_keys,
	.draw = pv_draw,
	.key = pv_key,
	.state = pv_state,
	.destroy = pv_destroy,
};

struct ui_screen *
ui_print_new(struct ui *ui, const char *title, const char *text)
{
	struct pv *P = xcalloc(1, sizeof *P);
	struct yk_settings set;
	yk_error err;

	P->base.ops = &pv_ops;
	snprintf(P->title, sizeof P->title, "%s", title);
	snprintf(P->base.title, sizeof P->base.title, "%s", title);
	/* the printer first (cheap), then the layout, which runs paps */
	/* the clerk's own printer (设置 / yekuo config set printer), if any */
	if (settings_load(ui->app->st, ui->app->operator_name, &set, &err) < 0)
		set.v[SET_PRINTER][0] = '\0';
	if (print_printer(NULL, set.v[SET_PRINTER], P->printer, sizeof P->printer, &P->how, &err) < 0 ||
	    print_render(text, &P->doc, &err) < 0) {
		P->state = PV_BLOCKED;
		snprintf(P->why, sizeof P->why, "%s", err.msg);
	}
	P->text = xstrdup(text);
	for (char *p = P->text; *p;) {
		char *nl = strchr(p, '\n');

		P->lines = xgrow(P->lines, &P->caplines, P->nlines + 1, sizeof *P->lines);
		P->lines[P->nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	ui_list_init(&P->list, line_row, P);
	P->list.show_sel = 0;
	ui_list_set_count(&P->list, P->nlines);
	return &P->base;
}
