#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/app.h"
#include "yekuo/store/settings.h"
#include "yekuo/ui/app.h"
#include "yekuo/ui/curses.h"
#include "yekuo/ui/dashboard.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/frame.h"
#include "yekuo/ui/help.h"
#include "yekuo/ui/settings.h"

/* The entry loop: start-up, the keys that work on every screen, and the
 * loop that draws, reads a key and hands it to the screen on top. It opens
 * the first screen (the dashboard) and the help screen, so it sits above
 * every screen; the frame below knows none of them. */

/* Esc must feel immediate; escape sequences from a terminal arrive faster. */
#define UI_ESCDELAY_MS 25

/* Sequences xterm-like terminals (and tmux) send that a terminfo entry
 * such as vt100 does not list: Shift-Tab, F10, Delete, Home/End, PgUp/Dn. */
static void
define_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} extra[] = {
		{"\033[Z", KEY_BTAB},	 {"\033[21~", KEY_F(10)}, {"\033[12~", KEY_F(2)},
		{"\033[11~", KEY_F(1)},	 {"\033OP", KEY_F(1)},	  {"\033OQ", KEY_F(2)},
		{"\033[3~", KEY_DC},	 {"\033[1~", KEY_HOME},	  {"\033[4~", KEY_END},
		{"\033[H", KEY_HOME},	 {"\033[F", KEY_END},	  {"\033OH", KEY_HOME},
		{"\033OF", KEY_END},	 {"\033[5~", KEY_PPAGE},  {"\033[6~", KEY_NPAGE},
	};

	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].code);
}

/* ---- the keys every screen has -------------------------------------------------- */

static int
key_help(const struct ui_keyhit *h)
{
	if (ui_help_is(h->s))
		ui_pop(h->ui);
	else
		ui_push(h->ui, ui_help_new(h->ui, h->s));
	return 1;
}

/* q and Esc: back one screen (a form with unsaved input asks first) */
static int
key_back(const struct ui_keyhit *h)
{
	struct ui_screen *top = h->s;

	if (h->ui->depth <= 1) {
		ui_message(h->ui, UI_TONE_NORMAL, "%s", _("这是第一个界面：按 Q 或 F10 退出"));
		return 1;
	}
	if (top->ops->dirty && top->ops->dirty(top) && !ui_confirm(h->ui, _("放弃未保存的输入吗？")))
		return 1;
	ui_pop(h->ui);
	return 1;
}

static int
key_quit(const struct ui_keyhit *h)
{
	ui_request_quit(h->ui);
	return 1;
}

/* The bottom line ends with F1帮助, q返回 (Esc返回 in a text field; only
 * with a screen to go back to) and Q退出 (F10退出 in a text field): q goes
 * back as in tig, mutt and less, and quitting is a capital or F10. */
static const struct ui_keydef global_keys[] = {
	{.key = "F1 / ?", .what = N_("帮助"), .help = N_("本帮助（在输入框里只有 F1）"), .bar = 1,
	 .on = {UI_KEY_FN(KEY_F(1)), UI_KEY_CH(L'?')}, .act = key_help},
	{.key = "q / Esc", .what = N_("返回"), .help = N_("返回上一界面（表单有未保存输入时先询问；输入框里只有 Esc）"),
	 .bar = 1, .below = 1, .on = {UI_KEY_CH(L'q'), UI_KEY_CH(UI_ESC)}, .act = key_back,
	 .after_screen = 1},
	{.key = "F10 / Q", .what = N_("退出"), .help = N_("退出 yekuo（有未保存输入时先询问；输入框里只有 F10）"), .bar = 1,
	 .on = {UI_KEY_CH(L'Q'), UI_KEY_FN(KEY_F(10))}, .act = key_quit},
	{.key = "Ctrl-C", .what = N_("退出"), .help = N_("退出，同 F10"), .on = {UI_KEY_CH(UI_CTRL('c'))},
	 .act = key_quit},
	{.key = NULL},
};

static void
dispatch(struct ui *ui, const struct ui_key *k)
{
	struct ui_screen *top = ui_top(ui);
	static const struct ui_key esc = {.fn = 0, .ch = UI_ESC};
	const struct ui_keydef *g;
	struct ui_keyhit hit;

	if (ui_key_fn(k, KEY_RESIZE)) {
		ui_resize(ui);
		return;
	}
	/* a message tells what the last key did; an error stays until the
	 * screen changes or the next save */
	if (ui->msg_tone != UI_TONE_ERROR)
		ui_message_clear(ui);
	/* q is Esc outside a text field: back one screen, or whatever the
	 * screen does on Esc (leave the report for its parameters, clear the
	 * dashboard's filters) */
	if (ui_key_char(k, L'q') && top && !ui_typing(top))
		k = &esc;
	g = ui_keys_find(global_keys, top, k);
	hit = (struct ui_keyhit){.s = top, .ui = ui, .d = g, .k = k};
	if (ui->lay.too_small) {
		/* nothing is drawn to act on: only quitting */
		if (g && g->act == key_quit)
			key_quit(&hit);
		return;
	}
	if (g && !g->after_screen) {
		g->act(&hit);
		return;
	}
	if (ui_keys_dispatch(top->ops->keys, top, ui, k))
		return;
	if (top->ops->key && top->ops->key(top, ui, k))
		return;
	if (g)
		g->act(&hit);
}

static int
is_utf8(const char *codeset)
{
	return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* The screen is drawn in UTF-8 (wide curses, get_wch): under a locale of
 * another codeset it would be garbage. Such a locale falls back to C.UTF-8
 * (glibc has it built in since 2.35; YEKUO_UTF8_LOCALE names another),
 * else the app refuses to start, saying so in English and Chinese, since
 * the terminal's codeset is unknown. */
static int
need_utf8(void)
{
	const char *was = setlocale(LC_CTYPE, NULL), *fallback = getenv("YEKUO_UTF8_LOCALE");
	char name[128];

	if (is_utf8(nl_langinfo(CODESET)))
		return 0;
	snprintf(name, sizeof name, "%s", was ? was : "");
	if (!fallback || !*fallback)
		fallback = "C.UTF-8";
	if (setlocale(LC_ALL, fallback) && is_utf8(nl_langinfo(CODESET)))
		return 0;
	setlocale(LC_ALL, "");
	fprintf(stderr,
		"yekuo: the terminal app needs a UTF-8 locale: the locale is '%s' and '%s' does not exist; "
		"set LANG=zh_CN.UTF-8 or C.UTF-8\n"
		"yekuo: 终端程序需要 UTF-8 字符集：当前为 %s，系统也没有 %s；请设置 LANG=zh_CN.UTF-8 或 C.UTF-8\n",
		name, fallback, name, fallback);
	return -1;
}

int
ui_run(struct app *app)
{
	struct ui ui = {0};
	yk_error err;
	struct ui_key k;
	int errors = 0;
	SCREEN *sp;

	if (need_utf8() < 0)
		return 2;
	if (app_load_calendar(app, &err) < 0 || app_load_rules(app, &err) < 0 ||
	    app_open_store(app, STORE_OPEN, NULL, &err) < 0) {
		fprintf(stderr, "yekuo: %s\n", err.msg);
		return 2;
	}
	ui.app = app;
	ui.global_keys = global_keys;
	ui.ledger = (struct ledger){.st = app->st, .rules = app->rules,
				    .operator_name = app->operator_name};
	/* newterm, not initscr: an unknown TERM is an error to report, not an exit */
	sp = newterm(NULL, stdout, stdin);
	if (!sp) {
		fprintf(stderr, "yekuo: cannot use the terminal '%s' (TERM); try TERM=xterm or TERM=vt100\n",
			getenv("TERM") ? getenv("TERM") : "");
		return 2;
	}
	/* raw: Ctrl-S (save) and Ctrl-C reach the app instead of the tty */
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(UI_ESCDELAY_MS);
	define_keys();
	ui_draw_init();
	ui_layout(&ui);
	ui_push(&ui, ui_dashboard_new(&ui));
	/* a new database is asked for its settings first: its office code
	 * before any case is numbered (docs/store.md) */
	if (settings_first_start(app->st, &err) > 0) {
		struct ui_screen *s = ui_settings_new(&ui, 1);

		if (s)
			ui_push(&ui, s);
	}
	while (!ui.quit && ui.depth) {
		ui_redraw(&ui);
		if (ui_read_key(&k) < 0) {
			if (++errors > UI_MAX_READ_ERRORS)
				break;
			continue;
		}
		errors = 0;
		dispatch(&ui, &k);
	}
	ui_close_all(&ui);
	endwin();
	delscreen(sp);
	return 0;
}
