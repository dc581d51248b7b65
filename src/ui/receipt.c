#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#include "yekuo/core/case.h"
#include "yekuo/core/clock.h"
#include "yekuo/ui/curses.h"
#include "yekuo/core/encoding.h"
#include "yekuo/core/engine.h"
#include "yekuo/store/export.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/seals.h"
#include "yekuo/store/settings.h"
#include "yekuo/store/store.h"
#include "yekuo/core/receipt.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/print.h"
#include "yekuo/ui/receipt.h"
#include "yekuo/core/xalloc.h"


enum receipt_state { RC_VIEW, RC_SAVE };

struct receipt_screen {
	struct ui_screen base;
	struct ui *ui;
	enum receipt_state state;
	char case_no[CASE_NO_BUFSZ];
	char *text;			/* the receipt, UTF-8, cut into lines */
	char *whole;			/* the same, whole: what is printed */
	char **lines;			/* into text */
	size_t nlines, caplines;
	struct ui_list list;
	struct ui_form form;		/* file name and encoding */
};

static const struct ui_option encodings[] = {
	{.code = "gb18030", .label = N_("GB18030（Windows 记事本）")},
	{.code = "utf-8", .label = "UTF-8"},
};

static const struct ui_field_def save_fields[] = {
	{.kind = UF_TEXT, .key = "file", .label = N_("保存到"), .required = 1, .max = 1024,
	 .hint = N_("文件名，如 ~/receipt.txt")},
	{.kind = UF_CHOICE, .key = "encoding", .label = N_("编码"), .required = 1},
	{.kind = UF_INFO, .label = NULL},
};

/* The receipt of case_no, built by the same function as `yekuo case
 * receipt`, so that screen, file and command agree to the byte. */
static char *
build_text(struct ui *ui, const char *case_no, char *msg, size_t msgsz)
{
	struct yk_event *evs;
	size_t n;
	struct case_state c;
	struct engine_result res;
	const struct rule_profile *prof;
	yk_error err;
	char *text = NULL;

	if (ledger_load(&ui->ledger, case_no, &evs, &n, &c, &err) < 0) {
		snprintf(msg, msgsz, "%s", err.msg);
		return NULL;
	}
	if (case_clocks(&c, ui->app->rules, ui->app->cal, ui_today(), &res, &prof, &err) == 0) {
		/* sealed now, like yekuo case receipt: the anchors are the same */
		struct seal_record sr;
		char why[96];
		int created;

		snprintf(why, sizeof why, "receipt %s", c.case_no);
		if (seals_now(ui->app->st, why, &sr, &created, &err) < 0) {
			snprintf(msg, msgsz, "cannot seal: %s", err.msg);
		} else {
			struct receipt_hall hall;
			char *body = settings_hall(ui->app->st, evs[0].operator_name, &hall, &err) < 0
					     ? NULL
					     : receipt_text(&c, &evs[0], &res, prof, ui->app->cal, &hall, clock_now());
			char *anchor = receipt_anchor(evs[n - 1].hash, sr.s.seq, sr.digest, sr.s.time);

			if (!body)
				snprintf(msg, msgsz, "%s", err.msg);
			else
				text = xasprintf("%s%s", body, anchor);
			free(body);
			free(anchor);
			seal_record_free(&sr);
		}
	} else {
		snprintf(msg, msgsz, "%s", err.msg);
	}
	case_state_free(&c);
	events_free(evs, n);
	return text;
}

/* Save it for `lp`: a temporary file renamed into place (export.h). */
static int
write_receipt(struct ui *ui, const char *case_no, const char *path, const char *enc, char *msg,
	      size_t msgsz)
{
	char *text = build_text(ui, case_no, msg, msgsz);
	struct yk_outfile *out;
	struct yk_encoder *e;
	yk_error err;
	int rc = -1;

	if (!text)
		return -1;
	/* never the database; an existing file is not replaced from here */
	out = outfile_open(path, &(const struct out_guard){.db_path = store_path(ui->app->st)}, &err);
	if (!out)
		goto done;
	e = encoder_open(outfile_stream(out), outfile_name(out), (enum yk_encoding)encoding_from_name(enc),
			 &err);
	if (!e) {
		outfile_abort(out);
		goto done;
	}
	if (encoder_write(e, text, strlen(text), &err) < 0) {
		encoder_close(e, NULL);
		outfile_abort(out);
		goto done;
	}
	if (encoder_close(e, &err) < 0) {
		outfile_abort(out);
		goto done;
	}
	rc = outfile_commit(out, &err);
done:
	if (rc < 0)
		snprintf(msg, msgsz, "%s", err.msg);
	free(text);
	return rc;
}

static int
load(struct receipt_screen *R, char *msg, size_t msgsz)
{
	R->text = build_text(R->ui, R->case_no, msg, msgsz);
	if (!R->text)
		return -1;
	R->whole = xstrdup(R->text);
	for (char *p = R->text; *p;) {
		char *nl = strchr(p, '\n');

		R->lines = xgrow(R->lines, &R->caplines, R->nlines + 1, sizeof *R->lines);
		R->lines[R->nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return 0;
}

static void
line_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct receipt_screen *R = ctx;

	(void)selected;
	ui_put(y, x, 2, UI_TONE_NORMAL, "");
	ui_put(y, x + 2, w - 2, i == 0 ? UI_TONE_FOCUS : UI_TONE_NORMAL, R->lines[i]);
}

static void
receipt_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct receipt_screen *R = (struct receipt_screen *)s;
	char title[160];

	if (R->state == RC_SAVE) {
		ui_rule(r.y, r.x, r.w, _("保存回执（Enter 或 F2 保存，Esc 取消）"));
		ui_form_draw(&R->form, ui, (struct ui_rect){.y = r.y + 1, .x = r.x, .h = 3, .w = r.w});
		r.y += 4;
		r.h -= 4;
	}
	snprintf(title, sizeof title, _("受理回执 %s（%zu 行；p 打印，s 保存）"), R->case_no, R->nlines);
	ui_rule(r.y, r.x, r.w, title);
	ui_list_draw(&R->list, (struct ui_rect){.y = r.y + 1, .x = r.x, .h = r.h - 1, .w = r.w});
}

static void
save(struct receipt_screen *R, struct ui *ui)
{
	char path[PATH_MAX], msg[UI_MSG_MAX];
	const char *enc = ui_form_value(&R->form, "encoding");

	ui_form_clear_errors(&R->form);
	if (ui_path_expand(ui_form_value(&R->form, "file"), path, sizeof path) < 0 ||
	    path[strlen(path) - 1] == '/') {
		ui_form_error(&R->form, "file", _("请填写文件名"));
		ui_form_focus(&R->form, "file");
		ui_message(ui, UI_TONE_ERROR, _("请填写文件名"));
		return;
	}
	if (write_receipt(ui, R->case_no, path, enc, msg, sizeof msg) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("未保存：%s"), msg);
		return;
	}
	R->state = RC_VIEW;
	ui_message(ui, UI_TONE_OK, _("已保存：%s（%s）"), path, strcmp(enc, "gb18030") == 0 ? "GB18030" : "UTF-8");
}

static int
receipt_state(const struct ui_screen *s)
{
	return (int)((const struct receipt_screen *)s)->state;
}

static int
key_start_save(const struct ui_keyhit *h)
{
	struct receipt_screen *R = (struct receipt_screen *)h->s;
	char name[CASE_NO_BUFSZ + 16], typed[CASE_NO_BUFSZ + 32];

	snprintf(name, sizeof name, "receipt-%s.txt", R->case_no);
	ui_path_home(name, typed, sizeof typed);
	ui_field_set_text(ui_form_get(&R->form, "file"), typed);
	ui_form_clear_errors(&R->form);
	ui_form_focus(&R->form, "file");
	R->state = RC_SAVE;
	return 1;
}

/* the preview first; Enter there prints */
static int
key_print(const struct ui_keyhit *h)
{
	struct receipt_screen *R = (struct receipt_screen *)h->s;
	char title[CASE_NO_BUFSZ + 32];

	snprintf(title, sizeof title, _("受理回执 %s"), R->case_no);
	ui_push(h->ui, ui_print_new(h->ui, title, R->whole));
	return 1;
}

static int
key_save(const struct ui_keyhit *h)
{
	save((struct receipt_screen *)h->s, h->ui);
	return 1;
}

static int
key_cancel(const struct ui_keyhit *h)
{
	((struct receipt_screen *)h->s)->state = RC_VIEW;
	ui_message(h->ui, UI_TONE_NORMAL, _("未保存"));
	return 1;
}

static const struct ui_keydef receipt_keys[] = {
	/* the receipt */
	{.key = "↑↓", .what = N_("滚动"), .help = N_("上下滚动（PgUp PgDn 翻页，Home End 到头/尾）"), .bar = 1,
	 .in = UI_IN(RC_VIEW)},
	{.key = "p", .what = N_("打印"), .help = N_("打印预览，再按 Enter 送打印机（paps 排版，lp 打印；同 yekuo case receipt --print）"),
	 .bar = 1, .on = {UI_KEY_CH(L'p'), UI_KEY_CH(L'P')}, .in = UI_IN(RC_VIEW), .act = key_print},
	{.key = "s", .what = N_("保存"), .help = N_("保存为文件：UTF-8 或 GB18030（Windows 记事本）"), .bar = 1,
	 .on = {UI_KEY_CH(L's')}, .in = UI_IN(RC_VIEW), .act = key_start_save},
	{.key = N_("回执"), .what = "", .help = N_("同 yekuo case receipt：证件号、电话已遮盖，每行不超过 72 列"),
	 .in = UI_IN(RC_VIEW)},
	/* saving it */
	{.key = "F2/Enter", .what = N_("保存"), .help = N_("写入文件（先写临时文件，完成后改名）"), .bar = 1,
	 .on = {UI_KEYS_SAVE, UI_KEYS_ENTER}, .in = UI_IN(RC_SAVE), .act = key_save},
	{.key = "Tab", .what = N_("下一项"), .bar = 1, .in = UI_IN(RC_SAVE)},
	{.key = N_("空格"), .what = N_("编码"), .help = N_("切换编码：GB18030 / UTF-8"), .bar = 1, .in = UI_IN(RC_SAVE)},
	{.key = "Esc", .what = N_("取消"), .help = N_("不保存，回到回执"), .bar = 1, .on = {UI_KEY_CH(UI_ESC)},
	 .in = UI_IN(RC_SAVE), .act = key_cancel},
	{.key = "←→ Home End", .what = N_("光标"), .help = N_("在文件名中按字移动光标"), .in = UI_IN(RC_SAVE)},
	{.key = NULL},
};

/* What the table did not take: the form's keys, or scrolling. */
static int
receipt_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct receipt_screen *R = (struct receipt_screen *)s;

	(void)ui;
	return R->state == RC_SAVE ? ui_form_key(&R->form, k) : ui_list_key(&R->list, k);
}

static int
receipt_typing(const struct ui_screen *s)
{
	const struct receipt_screen *R = (const struct receipt_screen *)s;

	return R->state == RC_SAVE && ui_form_typing(&R->form);
}

static void
receipt_destroy(struct ui_screen *s)
{
	struct receipt_screen *R = (struct receipt_screen *)s;

	ui_form_free(&R->form);
	free(R->lines);
	free(R->text);
	free(R->whole);
	free(R);
}

static const struct ui_screen_ops receipt_ops = {
	.name = N_("受理回执"),
	.keys = receipt_keys,
	.draw = receipt_draw,
	.key = receipt_key,
	.typing = receipt_typing,
	.state = receipt_state,
	.destroy = receipt_destroy,
};

struct ui_screen *
ui_receipt_new(struct ui *ui, const char *case_no)
{
	struct receipt_screen *R = xcalloc(1, sizeof *R);
	char msg[UI_MSG_MAX];

	R->base.ops = &receipt_ops;
	R->ui = ui;
	snprintf(R->case_no, sizeof R->case_no, "%s", case_no);
	snprintf(R->base.title, sizeof R->base.title, "%s", case_no);
	ui_form_init(&R->form);
	R->form.label_w = 8;
	ui_form_add_table(&R->form, save_fields);
	ui_field_set_options(ui_form_get(&R->form, "encoding"), encodings,
			     sizeof encodings / sizeof encodings[0]);
	ui_list_init(&R->list, line_row, R);
	R->list.show_sel = 0;
	if (load(R, msg, sizeof msg) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("无法生成回执：%s"), msg);
		receipt_destroy(&R->base);
		return NULL;
	}
	ui_list_set_count(&R->list, R->nlines);
	return &R->base;
}
