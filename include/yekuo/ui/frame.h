#ifndef YEKUO_UI_FRAME_H
#define YEKUO_UI_FRAME_H

/* The frame every terminal screen lives in (docs/tui.md): a stack of
 * screens, each described by one table of callbacks (struct
 * ui_screen_ops, filled with designated initializers), one layout computed
 * from LINES/COLS, a message line and a bottom line with the keys of the
 * screen on top. Screens call the ledger and the store's read functions;
 * they never hold SQL.
 *
 * The frame knows no screen: src/ui/frame.c includes no screen header, and
 * the entry loop that opens the first screen lives above them all
 * (src/ui/app.c, app.h). */

#include <stddef.h>
#include <wchar.h>

#include "yekuo/store/app.h"
#include "yekuo/core/date.h"
#include "yekuo/core/error.h"
#include "yekuo/store/ledger.h"

/* Below this the app shows how large it needs to be and waits. */
#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
#define UI_STACK_MAX 8
#define UI_MSG_MAX (YK_ERROR_MAX + 128)
/* get_wch failing this often in a row means the terminal is gone. */
#define UI_MAX_READ_ERRORS 100

struct ui_rect {
	int y, x, h, w;
};

/* Every window, from LINES and COLS (ui_layout). */
struct ui_layout {
	int rows, cols;
	int too_small;
	struct ui_rect head;	/* title, today, training mark */
	struct ui_rect body;	/* the screen's own area */
	struct ui_rect msg;	/* messages and y/n questions */
	struct ui_rect keys;	/* the keys of the screen on top */
};

/* One key as read by get_wch: fn != 0 when ch is a KEY_* code. */
struct ui_key {
	int fn;
	wint_t ch;
};

#define UI_CTRL(c) ((wint_t)((c) & 0x1f))
#define UI_ESC ((wint_t)27)

int ui_key_char(const struct ui_key *k, wint_t ch);	/* a typed character */
int ui_key_fn(const struct ui_key *k, int code);	/* a KEY_* code */
int ui_key_enter(const struct ui_key *k);
int ui_key_save(const struct ui_key *k);		/* F2 or Ctrl-S */

struct ui;
struct ui_screen;

/* A key an entry of a key table answers to: a typed character or a KEY_*
 * code. The lists below expand inside `.on = {…}` in a file that includes
 * ui/curses.h. */
#define UI_KEY_CH(c) {.fn = 0, .ch = (wint_t)(c)}
#define UI_KEY_FN(c) {.fn = 1, .ch = (wint_t)(c)}
#define UI_KEYS_ENTER UI_KEY_CH(L'\n'), UI_KEY_CH(L'\r'), UI_KEY_FN(KEY_ENTER)
#define UI_KEYS_SAVE UI_KEY_FN(KEY_F(2)), UI_KEY_CH(UI_CTRL('s'))
#define UI_KEYDEF_KEYS 5
/* A state of a screen in a key table entry's .in */
#define UI_IN(state) (1u << (state))

/* A key that an entry of a key table took: what its act works on. */
struct ui_keyhit {
	struct ui_screen *s;		/* the screen the key went to */
	struct ui *ui;
	const struct ui_keydef *d;	/* the entry (d->arg tells entries apart) */
	const struct ui_key *k;		/* the key */
};

/* One row of a screen's key table. The table is the one place a screen's
 * keys are listed: the bottom line shows the entries with `bar` that apply
 * now, the help screen every entry that applies now, and the screen's keys
 * are dispatched through it (ui_keys_dispatch) before the screen's widgets
 * see them. An entry without `act` describes a key a widget handles (the
 * list's ↑↓, the form's Tab) or a note for the help screen. */
struct ui_keydef {
	const char *key;	/* as the bottom line and the help screen name it */
	const char *what;	/* the short word on the bottom line */
	const char *help;	/* the sentence on the help screen (NULL: what) */
	int bar;		/* on the bottom line */
	struct ui_key on[UI_KEYDEF_KEYS];	/* the keys that run act (ends at a {0, 0}) */
	/* the condition: the screen's states it applies in (UI_IN(state) | …,
	 * as ops->state numbers them; 0: every state) */
	unsigned in;
	/* 1 when the key was used */
	int (*act)(const struct ui_keyhit *h);
	int arg;		/* for an act that several entries share */
	/* on the bottom line only when this says so (NULL: whenever it
	 * applies): an action the case does not allow now is not offered,
	 * though its key still says why not */
	int (*offered)(const struct ui_screen *s, int arg);
	int hidden;		/* not on the help screen: more keys of an entry above it */
	/* global keys only: offered to the screen first (Esc, which forms use) */
	int after_screen;
	/* global keys only: on the bottom line only when a screen lies below
	 * the one on top (going back) */
	int below;
};

/* Does the entry apply to screen s now? */
int ui_keydef_applies(const struct ui_keydef *d, const struct ui_screen *s);
/* The entry of table t (ends with key NULL) that applies to s and runs on
 * k, or NULL. While s takes typed text a printable key runs nothing: it is
 * text (q, ?, j, k are letters in a field). */
const struct ui_keydef *ui_keys_find(const struct ui_keydef *t, const struct ui_screen *s,
				     const struct ui_key *k);
/* Run the entry ui_keys_find gives; 1 when it used the key. */
int ui_keys_dispatch(const struct ui_keydef *t, struct ui_screen *s, struct ui *ui,
		     const struct ui_key *k);
/* Does screen s take typed text now (ops->typing)? */
int ui_typing(const struct ui_screen *s);


struct ui_screen_ops {
	const char *name;			/* shown in the title and help */
	const struct ui_keydef *keys;		/* the key table, ends with .key NULL */
	void (*draw)(struct ui_screen *s, struct ui *ui, struct ui_rect body);
	/* the keys the table did not take, for the screen's widgets (list,
	 * form): 1 when used */
	int (*key)(struct ui_screen *s, struct ui *ui, const struct ui_key *k);
	/* back on top after the screen above it closed: reload */
	void (*resume)(struct ui_screen *s, struct ui *ui);
	/* unsaved input that quitting or going back would lose */
	int (*dirty)(const struct ui_screen *s);
	/* keys go to a text field: q, ?, j, k are text, not commands */
	int (*typing)(const struct ui_screen *s);
	/* the screen's state, 0..31, for the .in of its key table (NULL: one) */
	int (*state)(const struct ui_screen *s);
	void (*destroy)(struct ui_screen *s);
};

/* Embedded first in each screen's own struct. */
struct ui_screen {
	const struct ui_screen_ops *ops;
	char title[96];				/* e.g. the case number */
};

struct ui {
	struct app *app;
	struct ledger ledger;
	struct ui_layout lay;
	struct ui_screen *stack[UI_STACK_MAX];
	size_t depth;
	char msg[UI_MSG_MAX];
	int msg_tone;			/* enum ui_tone */
	int cur_y, cur_x;		/* text cursor after drawing, -1: hidden */
	int quit;
	/* the keys every screen has (app.c): the bottom line ends with them,
	 * the help screen lists them after the screen's own */
	const struct ui_keydef *global_keys;
};

/* Today's date (clock_today: YEKUO_NOW on a training database). */
yk_date ui_today(void);

void ui_layout(struct ui *ui);
/* The screen on top (NULL when none). */
struct ui_screen *ui_top(const struct ui *ui);
/* Put a screen on top / close the top one (the one below resumes) /
 * swap the top one for another without resuming what lies below. */
void ui_push(struct ui *ui, struct ui_screen *s);
void ui_pop(struct ui *ui);
void ui_replace(struct ui *ui, struct ui_screen *s);
struct ui_screen *ui_below(const struct ui *ui, const struct ui_screen *s);

/* The message line; tone is an enum ui_tone (UI_TONE_ERROR for errors). */
void ui_message(struct ui *ui, int tone, const char *fmt, ...) YK_PRINTF(3, 4);
void ui_message_clear(struct ui *ui);
/* Ask a yes/no question on the message line; 1 for yes. Redraws on resize. */
int ui_confirm(struct ui *ui, const char *question);
/* Ask to quit (asks first when a screen holds unsaved input). */
void ui_request_quit(struct ui *ui);

/* Draw everything: the title, the screen on top, the message and key lines
 * (or, in a window below UI_MIN_COLS x UI_MIN_ROWS, how large it must be). */
void ui_redraw(struct ui *ui);
/* Read one key (get_wch); -1 when the read failed. */
int ui_read_key(struct ui_key *k);
/* After KEY_RESIZE: the layout again from LINES/COLS. */
void ui_resize(struct ui *ui);
/* Close every screen, top first, without resuming any. */
void ui_close_all(struct ui *ui);

/* A file name as typed ("~/filing-2026-03.csv", blanks trimmed) as a path:
 * a leading "~/" is the home folder. -1 when empty or too long. */
int ui_path_expand(const char *typed, char *out, size_t outsz);
/* "~/NAME": a default file name in the home folder. */
void ui_path_home(const char *name, char *out, size_t outsz);

#endif
