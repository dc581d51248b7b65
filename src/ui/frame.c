#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/store/app.h"
#include "yekuo/core/clock.h"
#include "yekuo/core/i18n.h"
#include "yekuo/ui/curses.h"
#include "yekuo/store/store.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/frame.h"


/* ---- keys -------------------------------------------------------------------- */

int
ui_key_char(const struct ui_key *k, wint_t ch)
{
	return !k->fn && k->ch == ch;
}

int
ui_key_fn(const struct ui_key *k, int code)
{
	return k->fn && k->ch == (wint_t)code;
}

int
ui_key_enter(const struct ui_key *k)
{
	return ui_key_char(k, L'\n') || ui_key_char(k, L'\r') || ui_key_fn(k, KEY_ENTER);
}

int
ui_key_save(const struct ui_key *k)
{
	return ui_key_fn(k, KEY_F(2)) || ui_key_char(k, UI_CTRL('s'));
}

/* ---- key tables ---------------------------------------------------------------- */

int
ui_typing(const struct ui_screen *s)
{
	return s && s->ops->typing && s->ops->typing(s);
}

/* A typed character, not Enter, Tab, Esc or a control key. */
static int
printable(const struct ui_key *k)
{
	return !k->fn && k->ch >= 0x20 && k->ch != 0x7f;
}

int
ui_keydef_applies(const struct ui_keydef *d, const struct ui_screen *s)
{
	return !d->in || (s && s->ops->state && (d->in & UI_IN(s->ops->state(s))));
}

const struct ui_keydef *
ui_keys_find(const struct ui_keydef *t, const struct ui_screen *s, const struct ui_key *k)
{
	if (printable(k) && ui_typing(s))
		return NULL;
	for (const struct ui_keydef *d = t; d && d->key; d++) {
		if (!d->act || !ui_keydef_applies(d, s))
			continue;
		for (size_t i = 0; i < UI_KEYDEF_KEYS && (d->on[i].fn || d->on[i].ch); i++)
			if (d->on[i].fn == k->fn && d->on[i].ch == k->ch)
				return d;
	}
	return NULL;
}

int
ui_keys_dispatch(const struct ui_keydef *t, struct ui_screen *s, struct ui *ui,
		 const struct ui_key *k)
{
	const struct ui_keydef *d = ui_keys_find(t, s, k);

	return d && d->act(&(struct ui_keyhit){.s = s, .ui = ui, .d = d, .k = k});
}

/* The name of the first key of d usable on s now: "F1", "q" ("F10" while
 * s takes typed text, where q is a letter); NULL when none is. */
static const char *
first_key_name(const struct ui_keydef *d, const struct ui_screen *s, char *buf, size_t bufsz)
{
	for (size_t i = 0; i < UI_KEYDEF_KEYS && (d->on[i].fn || d->on[i].ch); i++) {
		const struct ui_key *k = &d->on[i];

		if (k->fn && k->ch >= (wint_t)KEY_F(1) && k->ch <= (wint_t)KEY_F(12)) {
			snprintf(buf, bufsz, "F%d", (int)(k->ch - (wint_t)KEY_F(0)));
			return buf;
		}
		if (printable(k) && k->ch < 0x80 && !ui_typing(s)) {
			snprintf(buf, bufsz, "%c", (char)k->ch);
			return buf;
		}
		if (!k->fn && k->ch == UI_ESC) {
			snprintf(buf, bufsz, "Esc");
			return buf;
		}
	}
	return NULL;
}

/* ---- frame ------------------------------------------------------------------- */

yk_date
ui_today(void)
{
	return clock_today();
}

void
ui_layout(struct ui *ui)
{
	struct ui_layout *l = &ui->lay;

	l->rows = LINES;
	l->cols = COLS;
	l->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
	l->head = (struct ui_rect){.y = 0, .x = 0, .h = 1, .w = COLS};
	l->body = (struct ui_rect){.y = 1, .x = 0, .h = LINES > 3 ? LINES - 3 : 0, .w = COLS};
	l->msg = (struct ui_rect){.y = LINES > 2 ? LINES - 2 : 0, .x = 0, .h = 1, .w = COLS};
	l->keys = (struct ui_rect){.y = LINES > 1 ? LINES - 1 : 0, .x = 0, .h = 1, .w = COLS};
}

struct ui_screen *
ui_top(const struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

static void
destroy(struct ui_screen *s)
{
	if (s && s->ops->destroy)
		s->ops->destroy(s);
}

void
ui_push(struct ui *ui, struct ui_screen *s)
{
	if (!s)
		return;
	if (ui->depth == UI_STACK_MAX) {
		destroy(s);
		ui_message(ui, UI_TONE_ERROR, "%s", _("打开的界面太多，请先按 Esc 返回"));
		return;
	}
	ui->stack[ui->depth++] = s;
	ui_message_clear(ui);
}

void
ui_pop(struct ui *ui)
{
	struct ui_screen *s;

	if (!ui->depth)
		return;
	destroy(ui->stack[--ui->depth]);
	ui_message_clear(ui);
	s = ui_top(ui);
	if (s && s->ops->resume)
		s->ops->resume(s, ui);
}

void
ui_replace(struct ui *ui, struct ui_screen *s)
{
	if (!s) {
		/* keep the reason the new screen did not open */
		char msg[UI_MSG_MAX];
		int tone = ui->msg_tone;

		memcpy(msg, ui->msg, sizeof msg);
		ui_pop(ui);
		memcpy(ui->msg, msg, sizeof msg);
		ui->msg_tone = tone;
		return;
	}
	if (ui->depth)
		destroy(ui->stack[--ui->depth]);
	ui_push(ui, s);
}

void
ui_close_all(struct ui *ui)
{
	while (ui->depth)
		destroy(ui->stack[--ui->depth]);
}

struct ui_screen *
ui_below(const struct ui *ui, const struct ui_screen *s)
{
	for (size_t i = 1; i < ui->depth; i++)
		if (ui->stack[i] == s)
			return ui->stack[i - 1];
	return NULL;
}

void
ui_message(struct ui *ui, int tone, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_tone = tone;
}

void
ui_message_clear(struct ui *ui)
{
	ui->msg[0] = '\0';
	ui->msg_tone = UI_TONE_NORMAL;
}

static void
draw_head(struct ui *ui)
{
	const struct ui_screen *s = ui_top(ui);
	char today[160], line[512];
	struct ui_rect r = ui->lay.head;

	ui_date_long(ui_today(), today, sizeof today);
	{
		/* a weekend that is a working day, a weekday that is a holiday */
		char note[96];
		size_t len = strlen(today);

		ui_day_note(ui->app->cal, ui_today(), note, sizeof note);
		if (note[0])
			snprintf(today + len, sizeof today - len, _("（%s）"), note);
	}
	/* ASCII separators: box-drawing characters are "ambiguous width" and
	 * take two columns on many CJK terminals */
	/* TRANSLATORS: the title line: the screen's name, its title (a case
	 * number), today's date and the training mark */
	snprintf(line, sizeof line, _(" yekuo 业扩时限 | %s%s%s | 今日 %s%s"), s ? ui_tr(s->ops->name) : "",
		 s && s->title[0] ? " " : "", s ? s->title : "", today,
		 ui->app->st && store_training(ui->app->st) ? _(" | 培训库") : "");
	ui_put(r.y, r.x, r.w, UI_TONE_TITLE, line);
}

/* The name and word of global entry d on the bottom line now, or NULL:
 * named by its first key usable now ("F1", and "q" or, in a text field,
 * "F10"); going back only when a screen lies below and the screen itself
 * has no word of its own for Esc ("Esc取消"). */
static const char *
global_key_name(const struct ui *ui, const struct ui_keydef *d, const struct ui_screen *s,
		char *buf, size_t bufsz)
{
	static const struct ui_key esc = {.fn = 0, .ch = UI_ESC};

	if (!d->bar || !ui_keydef_applies(d, s))
		return NULL;
	if (d->below) {
		const struct ui_keydef *own = s ? ui_keys_find(s->ops->keys, s, &esc) : NULL;

		if (ui->depth < 2 || (own && own->bar))
			return NULL;
	}
	return first_key_name(d, s, buf, bufsz);
}

/* The columns between a key and its word on the bottom line: none before
 * a Chinese word ("F1帮助", "wN日内"), one before a word all in letters
 * ("F1 help", "←→ day"), which would otherwise run into the key. */
static int
key_gap(const char *key, const char *what)
{
	size_t n = strlen(key);

	if (!n || key[n - 1] == ' ' || (unsigned char)*what <= ' ')
		return 0;
	for (const unsigned char *p = (const unsigned char *)what; *p && *p != ' '; p++)
		if (*p >= 0x80)
			return 0;
	return 1;
}

/* The bottom line: the keys of the screen on top that apply now, in the
 * order of its table, as many as fit beside the global ones, which always
 * show (F1 lists everything). */
static void
draw_keys(struct ui *ui)
{
	const struct ui_screen *s = ui_top(ui);
	struct ui_rect r = ui->lay.keys;
	int x = r.x, gw = 0;
	char name[16];

	ui_blank(r.y, r.x, r.w);
	for (const struct ui_keydef *d = ui->global_keys; d && d->key; d++) {
		const char *key = global_key_name(ui, d, s, name, sizeof name);

		if (key)
			gw += text_width(key) + key_gap(key, ui_tr(d->what)) + text_width(ui_tr(d->what)) + 1;
	}
	for (const struct ui_keydef *d = s ? s->ops->keys : NULL; d && d->key; d++) {
		const char *key = ui_tr(d->key), *what = ui_tr(d->what);
		int kw, ww;

		if (!d->bar || !ui_keydef_applies(d, s) || (d->offered && !d->offered(s, d->arg)))
			continue;
		kw = text_width(key);
		ww = text_width(what);
		if (x + kw + key_gap(key, what) + ww + gw > r.x + r.w)
			break;
		ui_put(r.y, x, kw, UI_TONE_TITLE, key);
		x += key_gap(key, what);
		ui_put(r.y, x + kw, ww, UI_TONE_NORMAL, what);
		x += kw + ww + 1;
	}
	for (const struct ui_keydef *d = ui->global_keys; d && d->key; d++) {
		const char *key = global_key_name(ui, d, s, name, sizeof name), *what = ui_tr(d->what);
		int kw, ww;

		if (!key)
			continue;
		kw = text_width(key);
		ww = text_width(what);
		if (x + kw + key_gap(key, what) + ww > r.x + r.w)
			return;
		ui_put(r.y, x, kw, UI_TONE_TITLE, key);
		x += key_gap(key, what);
		ui_put(r.y, x + kw, ww, UI_TONE_NORMAL, what);
		x += kw + ww + 1;
	}
}

static void
draw_too_small(struct ui *ui)
{
	char a[160], b[160];
	int y = LINES / 2 - 1;

	snprintf(a, sizeof a, _("窗口太小：至少需要 %dx%d（列x行），当前 %dx%d"), UI_MIN_COLS, UI_MIN_ROWS,
		 COLS, LINES);
	/* the English line stays in every locale: the terminal may not show
	 * Chinese at all */
	snprintf(b, sizeof b, "terminal too small: need %dx%d, now %dx%d", UI_MIN_COLS, UI_MIN_ROWS,
		 COLS, LINES);
	ui_put(0, 0, COLS, UI_TONE_TITLE, " yekuo");
	ui_put(y < 1 ? 1 : y, 0, COLS, UI_TONE_ERROR, a);
	ui_put(y < 1 ? 2 : y + 1, 0, COLS, UI_TONE_NORMAL, strcmp(a, b) ? b : "");
	ui_put(y < 1 ? 3 : y + 2, 0, COLS, UI_TONE_NORMAL, _("请放大窗口（输入不会丢失），或按 F10 退出"));
	if (ui->msg[0] && LINES > 4)
		ui_put(LINES - 1, 0, COLS, (enum ui_tone)ui->msg_tone, ui->msg);
}

/* The message line. A message wider than the line goes on upwards over the
 * body's last lines, whole (an event's full text, a report row, a long
 * refusal): nothing a clerk is told is cut off. */
static void
draw_message(struct ui *ui)
{
	struct ui_rect m = ui->lay.msg;
	const char *s = ui->msg;
	int n = 0, max = ui->lay.body.h / 2 + 1;

	for (const char *t = s; *t && n < max; t += text_wrap_next(t, m.w))
		n++;
	if (n <= 1) {
		ui_put(m.y, m.x, m.w, (enum ui_tone)ui->msg_tone, s);
		return;
	}
	for (int i = 0; i < n; i++) {
		char line[UI_MSG_MAX];
		size_t len = i < n - 1 ? text_wrap_next(s, m.w) : strlen(s);

		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, s, len);
		line[len] = '\0';
		ui_put(m.y - n + 1 + i, m.x, m.w, (enum ui_tone)ui->msg_tone, line);
		s += len;
		while (*s == ' ')
			s++;
	}
}

void
ui_redraw(struct ui *ui)
{
	struct ui_screen *s = ui_top(ui);

	erase();
	ui->cur_y = ui->cur_x = -1;
	if (ui->lay.too_small) {
		draw_too_small(ui);
		curs_set(0);
		refresh();
		return;
	}
	draw_head(ui);
	if (s && s->ops->draw)
		s->ops->draw(s, ui, ui->lay.body);
	draw_message(ui);
	draw_keys(ui);
	if (ui->cur_y >= 0) {
		curs_set(1);
		move(ui->cur_y, ui->cur_x);
	} else {
		curs_set(0);
	}
	refresh();
}

int
ui_read_key(struct ui_key *k)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return -1;
	k->fn = r == KEY_CODE_YES;
	k->ch = ch;
	return 0;
}

void
ui_resize(struct ui *ui)
{
	ui_layout(ui);
	clear();
}

int
ui_confirm(struct ui *ui, const char *question)
{
	char saved[UI_MSG_MAX];
	int tone = ui->msg_tone, errors = 0, yes = 0;
	struct ui_key k;

	memcpy(saved, ui->msg, sizeof saved);
	for (;;) {
		ui_message(ui, UI_TONE_FOCUS, "%s (y/n)", question);
		ui_redraw(ui);
		if (ui_read_key(&k) < 0) {
			if (++errors > UI_MAX_READ_ERRORS)
				break;
			continue;
		}
		errors = 0;
		if (ui_key_fn(&k, KEY_RESIZE)) {
			ui_resize(ui);
			continue;
		}
		if (ui_key_char(&k, L'y') || ui_key_char(&k, L'Y')) {
			yes = 1;
			break;
		}
		if (ui_key_char(&k, L'n') || ui_key_char(&k, L'N') || ui_key_char(&k, UI_ESC) ||
		    ui_key_enter(&k))
			break;
	}
	memcpy(ui->msg, saved, sizeof saved);
	ui->msg_tone = tone;
	return yes;
}

static int
any_dirty(const struct ui *ui)
{
	for (size_t i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->dirty && ui->stack[i]->ops->dirty(ui->stack[i]))
			return 1;
	return 0;
}

void
ui_request_quit(struct ui *ui)
{
	if (any_dirty(ui) && !ui_confirm(ui, _("有未保存的输入，确定退出吗？")))
		return;
	ui->quit = 1;
}

int
ui_path_expand(const char *typed, char *out, size_t outsz)
{
	const char *home = getenv("HOME");
	size_t n;
	int len;

	while (*typed == ' ' || *typed == '\t')
		typed++;
	n = strlen(typed);
	while (n && (typed[n - 1] == ' ' || typed[n - 1] == '\t'))
		n--;
	if (n == 0)
		return -1;
	if ((n == 1 || typed[1] == '/') && typed[0] == '~' && home && *home)
		len = snprintf(out, outsz, "%s%.*s", home, (int)(n - 1), typed + 1);
	else
		len = snprintf(out, outsz, "%.*s", (int)n, typed);
	return len < 0 || (size_t)len >= outsz ? -1 : 0;
}

void
ui_path_home(const char *name, char *out, size_t outsz)
{
	snprintf(out, outsz, "~/%s", name);
}
