#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yekuo/store/app.h"
#include "yekuo/ui/app.h"
#include "yekuo/ui/curses.h"
#include "yekuo/ui/dashboard.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/frame.h"
#include "yekuo/ui/help.h"

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

static void
dispatch(struct ui *ui, const struct ui_key *k)
{
	struct ui_screen *top = ui_top(ui);
	int typing;

	if (ui_key_fn(k, KEY_RESIZE)) {
		ui_resize(ui);
		return;
	}
	/* a message tells what the last key did; an error stays until the
	 * screen changes or the next save */
	if (ui->msg_tone != UI_TONE_ERROR)
		ui_message_clear(ui);
	if (ui_key_fn(k, KEY_F(10)) || ui_key_char(k, UI_CTRL('c'))) {
		ui_request_quit(ui);
		return;
	}
	typing = top->ops->typing && top->ops->typing(top);
	if (ui->lay.too_small) {
		if (!typing && ui_key_char(k, L'q'))
			ui_request_quit(ui);
		return;
	}
	if (ui_key_fn(k, KEY_F(1)) || (!typing && ui_key_char(k, L'?'))) {
		if (ui_help_is(top))
			ui_pop(ui);
		else
			ui_push(ui, ui_help_new(ui, top));
		return;
	}
	if (top->ops->key && top->ops->key(top, ui, k))
		return;
	if (!typing && ui_key_char(k, L'q')) {
		ui_request_quit(ui);
		return;
	}
	if (ui_key_char(k, UI_ESC) && ui->depth > 1) {
		if (top->ops->dirty && top->ops->dirty(top) &&
		    !ui_confirm(ui, "放弃未保存的输入吗？"))
			return;
		ui_pop(ui);
	}
}

int
ui_run(struct app *app)
{
	struct ui ui = {0};
	yk_error err;
	struct ui_key k;
	int errors = 0;
	SCREEN *sp;

	if (app_load_calendar(app, &err) < 0 || app_load_rules(app, &err) < 0 ||
	    app_open_store(app, STORE_OPEN, NULL, &err) < 0) {
		fprintf(stderr, "yekuo: %s\n", err.msg);
		return 2;
	}
	ui.app = app;
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
