#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "yekuo/ui/curses.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/core/xalloc.h"

#define FIELD_MAX_DEFAULT 255
#define LABEL_W_DEFAULT 18
#define ERROR_LINES_MAX 3
#define INFO_LINES_MAX 4
/* Widest line the form lays out (longer rows are cut). */
#define FORM_LINE_BUFSZ 4096

void
ui_form_init(struct ui_form *form)
{
	memset(form, 0, sizeof *form);
	form->label_w = LABEL_W_DEFAULT;
	form->event = EV_KIND_COUNT;
}

static void
free_own(struct ui_field *f)
{
	for (size_t i = 0; i < f->nown; i++)
		free((char *)f->own[i].label);
	free(f->own);
	f->own = NULL;
	f->nown = 0;
}

void
ui_form_free(struct ui_form *form)
{
	for (size_t i = 0; i < form->n; i++) {
		free(form->f[i].text);
		free(form->f[i].orig);
		free_own(&form->f[i]);
	}
	free(form->f);
	memset(form, 0, sizeof *form);
}

static void
text_reserve(struct ui_field *f, size_t need)
{
	if (need + 1 > f->cap) {
		f->cap = need + 1 < 32 ? 32 : (need + 1) * 2;
		f->text = xrealloc(f->text, f->cap);
	}
}

size_t
ui_form_add(struct ui_form *form, const struct ui_field_def *def)
{
	struct ui_field *f;

	form->f = xgrow(form->f, &form->cap, form->n + 1, sizeof *form->f);
	f = &form->f[form->n];
	memset(f, 0, sizeof *f);
	f->kind = def->kind;
	snprintf(f->key, sizeof f->key, "%s", def->key ? def->key : "");
	if (def->key && def->kind != UF_INFO)
		f->field = field_find(def->key, form->event) ? field_find(def->key, form->event)
							       : field_by_name(def->key);
	/* the form's words and the field table's are msgids (N_()) */
	snprintf(f->label, sizeof f->label, "%s",
		 ui_tr(def->label ? def->label : f->field ? field_label(f->field) : ""));
	snprintf(f->hint, sizeof f->hint, "%s",
		 ui_tr(def->hint ? def->hint : f->field && f->field->hint ? f->field->hint : ""));
	if (def->kind == UF_CHECK) {
		/* a box says what ticking it means */
		snprintf(f->caption, sizeof f->caption, "%s", f->hint);
		f->hint[0] = '\0';
	}
	f->required = def->required || (f->field && f->field->required);
	f->max = def->max ? def->max : f->field && f->field->max ? f->field->max : FIELD_MAX_DEFAULT;
	text_reserve(f, 0);
	f->text[0] = '\0';
	return form->n++;
}

void
ui_form_add_table(struct ui_form *form, const struct ui_field_def *defs)
{
	for (size_t i = 0; defs[i].key || defs[i].label; i++)
		ui_form_add(form, &defs[i]);
}

int
ui_form_index(const struct ui_form *form, const char *key)
{
	for (size_t i = 0; i < form->n; i++)
		if (form->f[i].key[0] && strcmp(form->f[i].key, key) == 0)
			return (int)i;
	return -1;
}

struct ui_field *
ui_form_get(struct ui_form *form, const char *key)
{
	int i = ui_form_index(form, key);

	return i < 0 ? NULL : &form->f[i];
}

const char *
ui_field_value(const struct ui_field *f)
{
	switch (f->kind) {
	case UF_CHOICE:
		return f->nopts ? f->opts[f->choice].code : "";
	case UF_CHECK:
		return f->checked ? "1" : "";
	default:
		return f->text;
	}
}

const char *
ui_form_value(const struct ui_form *form, const char *key)
{
	int i = ui_form_index(form, key);

	return i < 0 ? "" : ui_field_value(&form->f[i]);
}

void
ui_field_set_text(struct ui_field *f, const char *s)
{
	size_t n = strlen(s);

	text_reserve(f, n);
	memcpy(f->text, s, n + 1);
	f->len = n;
	f->cur = n;
	f->first = 0;
}

void
ui_field_set_options(struct ui_field *f, const struct ui_option *opts, size_t n)
{
	f->opts = opts;
	f->nopts = n;
	if ((size_t)f->choice >= n)
		f->choice = 0;
}

void
ui_field_table_options(struct ui_field *f)
{
	const struct yk_field *t = f->field;

	free_own(f);
	if (!t || !t->noptions)
		return;
	f->own = xcalloc(t->noptions, sizeof *f->own);
	for (size_t i = 0; i < t->noptions; i++)
		f->own[i] = (struct ui_option){
			.code = t->options[i].code,
			.label = xasprintf("%s%s", _(t->options[i].zh), t->options[i].note ? ui_tr(t->options[i].note) : "")};
	f->nown = t->noptions;
	ui_field_set_options(f, f->own, f->nown);
}

void
ui_field_choose(struct ui_field *f, const char *code)
{
	for (size_t i = 0; i < f->nopts; i++)
		if (strcmp(f->opts[i].code, code) == 0)
			f->choice = (int)i;
}

void
ui_form_mark_clean(struct ui_form *form)
{
	for (size_t i = 0; i < form->n; i++) {
		free(form->f[i].orig);
		form->f[i].orig = xstrdup(ui_field_value(&form->f[i]));
	}
}

int
ui_form_dirty(const struct ui_form *form)
{
	for (size_t i = 0; i < form->n; i++) {
		const struct ui_field *f = &form->f[i];

		if (f->kind == UF_INFO)
			continue;
		if (strcmp(ui_field_value(f), f->orig ? f->orig : "") != 0)
			return 1;
	}
	return 0;
}

void
ui_form_clear_errors(struct ui_form *form)
{
	form->blamed = 0;
	for (size_t i = 0; i < form->n; i++)
		form->f[i].error[0] = '\0';
}

int
ui_form_error(struct ui_form *form, const char *key, const char *fmt, ...)
{
	struct ui_field *f = ui_form_get(form, key);
	va_list ap;

	if (!f)
		return -1;
	va_start(ap, fmt);
	vsnprintf(f->error, sizeof f->error, fmt, ap);
	va_end(ap);
	form->blamed = 1;
	return -1;
}

int
ui_form_has_errors(const struct ui_form *form)
{
	for (size_t i = 0; i < form->n; i++)
		if (form->f[i].error[0] && !form->f[i].hidden)
			return 1;
	return 0;
}

int
ui_form_error_count(const struct ui_form *form)
{
	int n = 0;

	for (size_t i = 0; i < form->n; i++)
		n += form->f[i].error[0] && !form->f[i].hidden;
	return n;
}

/* The form's field for a field key or option name ("date"), shown. */
static struct ui_field *
field_named(const struct ui_form *form, const char *name)
{
	const struct yk_field *t = field_find(name, form->event);

	for (size_t i = 0; name[0] && i < form->n; i++) {
		struct ui_field *f = &form->f[i];

		if (!f->hidden && f->kind != UF_INFO &&
		    (strcmp(f->key, name) == 0 || (t && strcmp(f->key, field_name(t)) == 0)))
			return f;
	}
	return NULL;
}

int
ui_form_mark_error(struct ui_form *form, const yk_error *err)
{
	struct ui_field *f = field_named(form, err->field);

	if (!f)
		return 0;
	snprintf(f->error, sizeof f->error, "%s", yk_error_what(err));
	form->blamed = 1;
	return 1;
}

const char *
ui_form_error_text(const struct ui_form *form, const yk_error *err, char *buf, size_t bufsz)
{
	const struct ui_field *f = field_named(form, err->field);
	const struct yk_field *t = field_find(err->field, form->event);
	const char *label = f ? f->label : t ? field_label(t) : NULL;

	if (!err->field[0])
		snprintf(buf, bufsz, "%s", yk_error_what(err));
	else if (label)
		snprintf(buf, bufsz, _("%s：%s"), label, yk_error_what(err));
	else
		snprintf(buf, bufsz, "%s", err->msg);
	return buf;
}

static int
focusable(const struct ui_field *f)
{
	return !f->hidden && f->kind != UF_INFO;
}

void
ui_form_focus_error(struct ui_form *form)
{
	for (size_t i = 0; i < form->n; i++)
		if (form->f[i].error[0] && focusable(&form->f[i])) {
			form->focus = i;
			return;
		}
}

void
ui_form_focus(struct ui_form *form, const char *key)
{
	int i = ui_form_index(form, key);

	if (i >= 0 && focusable(&form->f[i]))
		form->focus = (size_t)i;
}

/* The focus on a field that can take it (after fields were hidden). */
static void
fix_focus(struct ui_form *form)
{
	if (form->n == 0)
		return;
	if (form->focus >= form->n)
		form->focus = 0;
	for (size_t k = 0; k < form->n; k++) {
		size_t i = (form->focus + k) % form->n;

		if (focusable(&form->f[i])) {
			form->focus = i;
			return;
		}
	}
}

static void
move_focus(struct ui_form *form, int dir)
{
	for (size_t k = 1; k <= form->n; k++) {
		/* focus - k, kept non-negative: focus + k * (n - 1) */
		size_t i = dir > 0 ? (form->focus + k) % form->n
				   : (form->focus + k * (form->n - 1)) % form->n;

		if (focusable(&form->f[i])) {
			form->focus = i;
			return;
		}
	}
}

int
ui_form_space_does(const struct ui_form *form, int kind)
{
	return form->focus < form->n && focusable(&form->f[form->focus]) &&
	       (int)form->f[form->focus].kind == kind;
}

int
ui_form_typing(const struct ui_form *form)
{
	const struct ui_field *f;

	if (form->focus >= form->n)
		return 0;
	f = &form->f[form->focus];
	return focusable(f) && (f->kind == UF_TEXT || f->kind == UF_DATE);
}

/* ---- layout -------------------------------------------------------------- */

static int
wrapped_lines(const char *s, int w, int max)
{
	int lines = 0;

	while (*s && lines < max) {
		s += text_wrap_next(s, w);
		lines++;
	}
	return lines ? lines : 1;
}

struct geom {
	int label_w;
	int value_x, value_w;	/* relative to the form's rect */
};

/* The labels' column: the form's width, wider for a longer label (by up
 * to 10 columns: an English label such as "Promised connection date*"
 * where the Chinese takes 9 or fewer). */
static int
label_col(const struct ui_form *form)
{
	int w = form->label_w;

	for (size_t i = 0; i < form->n; i++) {
		const struct ui_field *f = &form->f[i];
		int lw = text_width(f->label) + (f->required ? 1 : 0);

		if (!f->hidden && lw > w)
			w = lw > form->label_w + 10 ? form->label_w + 10 : lw;
	}
	return w;
}

static struct geom
geometry(const struct ui_form *form, struct ui_rect r)
{
	struct geom g;

	g.label_w = label_col(form);
	g.value_x = 2 + g.label_w + 1;
	g.value_w = r.w - g.value_x - 1;
	if (g.value_w < 8)
		g.value_w = 8;
	return g;
}

static int
field_lines(const struct ui_field *f, struct geom g)
{
	int n;

	if (f->hidden)
		return 0;
	n = f->kind == UF_INFO ? wrapped_lines(f->text, g.value_w, INFO_LINES_MAX) : 1;
	if (f->error[0])
		n += wrapped_lines(f->error, g.value_w - 2, ERROR_LINES_MAX);
	return n;
}

/* ---- drawing --------------------------------------------------------------- */

/* Keep the cursor inside the visible part of a text field. */
static void
scroll_text(struct ui_field *f, int w)
{
	if (f->first > f->cur)
		f->first = f->cur;
	for (;;) {
		char save = f->text[f->cur];
		int wd;

		f->text[f->cur] = '\0';
		wd = text_width(f->text + f->first);
		f->text[f->cur] = save;
		if (wd <= w - 1 || f->first >= f->cur)
			break;
		f->first += text_wrap_next(f->text + f->first, 1);
	}
}

static void
draw_value(struct ui_form *form, struct ui *ui, struct ui_field *f, int focused, int y, int x,
	   int w)
{
	char buf[FORM_LINE_BUFSZ];

	switch (f->kind) {
	case UF_TEXT:
	case UF_DATE:
		/* scrolled to the cursor while typing; from its head once left, so
		 * a long address shows its province and city, not its tail */
		if (focused)
			scroll_text(f, w);
		else
			f->first = 0;
		if (f->len == 0 && f->hint[0]) {
			ui_put(y, x, w, UI_TONE_DIM, f->hint);
		} else {
			ui_put(y, x, w, focused ? UI_TONE_FOCUS : UI_TONE_NORMAL, f->text + f->first);
		}
		/* the field's extent, visible without colour */
		mvchgat(y, x, w, (attr_t)(A_UNDERLINE | (focused ? A_BOLD : 0)), 0, NULL);
		if (f->len == 0 && f->hint[0])
			mvchgat(y, x, w, (attr_t)(A_UNDERLINE | A_DIM), 0, NULL);
		if (focused) {
			char save = f->text[f->cur];

			f->text[f->cur] = '\0';
			ui->cur_y = y;
			ui->cur_x = x + text_width(f->text + f->first);
			f->text[f->cur] = save;
		}
		break;
	case UF_CHOICE: {
		/* the value lines up with text fields; the focused one says how
		 * to change it */
		/* a table's option names are msgids; the field table's were
		 * translated when they were made (ui_field_table_options) */
		const char *label = f->nopts ? ui_tr(f->opts[f->choice].label) : "-";
		int lw = text_width(label);

		ui_put(y, x, w, focused ? UI_TONE_FOCUS : UI_TONE_NORMAL, label);
		if (focused && lw + 2 < w) {
			snprintf(buf, sizeof buf, _("（空格/←→ 切换，%d 项之%d）"), (int)f->nopts, f->choice + 1);
			ui_put(y, x + lw + 2, w - lw - 2, UI_TONE_DIM, buf);
		}
		break;
	}
	case UF_CHECK:
		snprintf(buf, sizeof buf, "[%c] %s", f->checked ? 'x' : ' ', f->caption);
		ui_put(y, x, w, focused ? UI_TONE_FOCUS : UI_TONE_NORMAL, buf);
		break;
	case UF_INFO:
		break;
	}
	(void)form;
}

/* Text wrapped to w columns from line y on, at most max lines, those inside
 * r drawn; with a mark ("!") the first line starts with it and the others
 * are indented to match. Draws one (empty) line for an empty text; returns
 * the lines it took. */
static int
draw_wrapped(struct ui_rect r, int y, int x, int w, enum ui_tone tone, const char *mark,
	     const char *s, int max)
{
	int k = 0, tw = mark ? w - 2 : w;

	do {
		size_t b = text_wrap_next(s, tw);
		char part[FORM_LINE_BUFSZ];

		if (b >= sizeof part)
			b = sizeof part - 1;
		memcpy(part, s, b);
		part[b] = '\0';
		if (y + k >= r.y && y + k < r.y + r.h) {
			if (mark)
				ui_putf(y + k, x, w, tone, "%s %s", k ? " " : mark, part);
			else
				ui_put(y + k, x, w, tone, part);
		}
		s += b;
		k++;
	} while (*s && k < max);
	return k;
}

void
ui_form_draw(struct ui_form *form, struct ui *ui, struct ui_rect r)
{
	struct geom g = geometry(form, r);
	int line = 0, focus_from = 0, focus_to = 0, total;

	if (r.h <= 0)
		return;
	if (form->blamed && !ui_form_has_errors(form)) {
		/* every field a save blamed was changed: its message is stale */
		form->blamed = 0;
		if (ui->msg_tone == UI_TONE_ERROR)
			ui_message_clear(ui);
	}
	fix_focus(form);
	for (size_t i = 0; i < form->n; i++) {
		int n = field_lines(&form->f[i], g);

		if (i == form->focus) {
			focus_from = line;
			focus_to = line + n;
		}
		line += n;
	}
	total = line;
	/* keep the focused field, with its message, in view */
	if (focus_to > form->top + r.h)
		form->top = focus_to - r.h;
	if (focus_from < form->top)
		form->top = focus_from;
	if (total - form->top < r.h && total >= r.h)
		form->top = total - r.h;
	if (total < r.h)
		form->top = 0;

	for (int i = 0; i < r.h; i++)
		ui_blank(r.y + i, r.x, r.w);
	line = 0;
	for (size_t i = 0; i < form->n; i++) {
		struct ui_field *f = &form->f[i];
		int focused = i == form->focus, n = field_lines(f, g), y;
		char label[128];

		if (f->hidden)
			continue;
		if (line + n <= form->top || line >= form->top + r.h) {
			line += n;
			continue;
		}
		y = r.y + line - form->top;
		snprintf(label, sizeof label, "%s%s", f->label, f->required ? "*" : "");
		if (y >= r.y) {
			ui_put(y, r.x, 2, UI_TONE_FOCUS, focused ? ">" : "");
			ui_put(y, r.x + 2, g.label_w, focused ? UI_TONE_FOCUS
						    : f->error[0] ? UI_TONE_ERROR
								  : UI_TONE_NORMAL, label);
		}
		if (f->kind == UF_INFO) {
			y += draw_wrapped(r, y, r.x + g.value_x, g.value_w, UI_TONE_NORMAL, NULL, f->text,
					  INFO_LINES_MAX);
		} else {
			if (y >= r.y && y < r.y + r.h)
				draw_value(form, ui, f, focused, y, r.x + g.value_x, g.value_w);
			y++;
		}
		if (f->error[0])
			draw_wrapped(r, y, r.x + g.value_x, g.value_w, UI_TONE_ERROR, "!", f->error,
				     ERROR_LINES_MAX);
		line += n;
	}
	/* more lines above / below */
	if (form->top > 0)
		mvaddch(r.y, r.x + r.w - 1, '^' | (chtype)ui_tone_attr(UI_TONE_FOCUS));
	if (total > form->top + r.h)
		mvaddch(r.y + r.h - 1, r.x + r.w - 1, 'v' | (chtype)ui_tone_attr(UI_TONE_FOCUS));
}

/* ---- editing ----------------------------------------------------------------- */

static size_t
prev_char(const struct ui_field *f, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)f->text[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

static size_t
next_char(const struct ui_field *f, size_t pos)
{
	if (pos >= f->len)
		return f->len;
	pos++;
	while (pos < f->len && ((unsigned char)f->text[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

static void
delete_range(struct ui_field *f, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(f->text + from, f->text + to, f->len - to + 1);
	f->len -= to - from;
	f->cur = from;
	if (f->first > f->cur)
		f->first = f->cur;
}

/* UTF-8 of one code point; 0 for what is not a character. */
static size_t
utf8_encode(wint_t wc, char out[4])
{
	unsigned long c = (unsigned long)wc;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	if (c < 0x110000) {
		out[0] = (char)(0xF0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		return 4;
	}
	return 0;
}

static int
insert_char(struct ui_field *f, wint_t wc)
{
	char u[4];
	size_t n;

	/* printable characters only: one that takes no column (a control
	 * character, a lone combining mark) would hide in the field */
	if (wc < 0x20 || wc == 0x7F || wcwidth((wchar_t)wc) < 1)
		return 0;
	n = utf8_encode(wc, u);
	if (n == 0 || f->len + n > f->max) {
		beep();
		return 1;
	}
	text_reserve(f, f->len + n);
	memmove(f->text + f->cur + n, f->text + f->cur, f->len - f->cur + 1);
	memcpy(f->text + f->cur, u, n);
	f->len += n;
	f->cur += n;
	return 1;
}

static int
edit_text(struct ui_field *f, const struct ui_key *k)
{
	if (ui_key_fn(k, KEY_LEFT))
		f->cur = prev_char(f, f->cur);
	else if (ui_key_fn(k, KEY_RIGHT))
		f->cur = next_char(f, f->cur);
	else if (ui_key_fn(k, KEY_HOME) || ui_key_char(k, UI_CTRL('a')))
		f->cur = 0;
	else if (ui_key_fn(k, KEY_END) || ui_key_char(k, UI_CTRL('e')))
		f->cur = f->len;
	else if (ui_key_fn(k, KEY_BACKSPACE) || ui_key_char(k, 127) || ui_key_char(k, UI_CTRL('h')))
		delete_range(f, prev_char(f, f->cur), f->cur);
	else if (ui_key_fn(k, KEY_DC) || ui_key_char(k, UI_CTRL('d')))
		delete_range(f, f->cur, next_char(f, f->cur));
	else if (ui_key_char(k, UI_CTRL('u')))
		delete_range(f, 0, f->cur);
	else if (ui_key_char(k, UI_CTRL('k')))
		delete_range(f, f->cur, f->len);
	else if (!k->fn)
		return insert_char(f, k->ch) ? 2 : 0;
	else
		return 0;
	return 2;
}

int
ui_form_key(struct ui_form *form, const struct ui_key *k)
{
	struct ui_field *f;
	char *before;
	int used = 0;

	if (form->n == 0)
		return 0;
	fix_focus(form);
	if (ui_key_char(k, L'\t') || ui_key_fn(k, KEY_DOWN) || ui_key_enter(k)) {
		move_focus(form, 1);
		return 1;
	}
	if (ui_key_fn(k, KEY_BTAB) || ui_key_fn(k, KEY_UP)) {
		move_focus(form, -1);
		return 1;
	}
	f = &form->f[form->focus];
	before = xstrdup(ui_field_value(f));
	switch (f->kind) {
	case UF_TEXT:
	case UF_DATE:
		used = edit_text(f, k);
		break;
	case UF_CHOICE:
		if (f->nopts && (ui_key_char(k, L' ') || ui_key_fn(k, KEY_RIGHT))) {
			f->choice = (f->choice + 1) % (int)f->nopts;
			used = 1;
		} else if (f->nopts && ui_key_fn(k, KEY_LEFT)) {
			f->choice = (f->choice + (int)f->nopts - 1) % (int)f->nopts;
			used = 1;
		}
		break;
	case UF_CHECK:
		if (ui_key_char(k, L' ')) {
			f->checked = !f->checked;
			used = 1;
		}
		break;
	case UF_INFO:
		break;
	}
	if (!used && f->kind != UF_TEXT && f->kind != UF_DATE && !k->fn && k->ch >= 0x20 && k->ch != 0x7f) {
		/* text typed on a box or a choice is never thrown away: it goes
		 * to the next text field (the note after a checklist) */
		for (size_t i = form->focus + 1; i < form->n; i++) {
			if (form->f[i].kind == UF_TEXT && focusable(&form->f[i])) {
				free(before);
				form->focus = i;
				return ui_form_key(form, k);
			}
		}
	}
	if (used && strcmp(before, ui_field_value(f)) != 0) {
		/* an edited field's old message no longer applies */
		f->error[0] = '\0';
		if (form->changed)
			form->changed(form->ctx, form, form->focus);
	}
	free(before);
	return used != 0;
}
