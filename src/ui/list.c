#include "config.h"

#include "yekuo/ui/curses.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/list.h"

void
ui_list_init(struct ui_list *l, void (*row)(void *, size_t, int, int, int, int), void *ctx)
{
	l->n = l->sel = l->top = 0;
	l->height = 1;
	l->show_sel = 1;
	l->row = row;
	l->ctx = ctx;
}

void
ui_list_set_count(struct ui_list *l, size_t n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

/* Keep the selection visible in `h` rows. */
static void
scroll_to_sel(struct ui_list *l, int h)
{
	size_t hh = h > 0 ? (size_t)h : 1;

	if (!l->show_sel) {
		/* a read-only pane scrolls by its top row */
		if (l->n <= hh)
			l->top = 0;
		else if (l->top > l->n - hh)
			l->top = l->n - hh;
		return;
	}
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + hh)
		l->top = l->sel - hh + 1;
	/* no blank rows below the end when there is more above */
	if (l->n >= hh && l->top > l->n - hh)
		l->top = l->n - hh;
	if (l->n < hh)
		l->top = 0;
}

void
ui_list_draw(struct ui_list *l, struct ui_rect r)
{
	int more_below;

	if (r.h <= 0 || r.w <= 0)
		return;
	l->height = r.h;
	scroll_to_sel(l, r.h);
	for (int i = 0; i < r.h; i++) {
		size_t idx = l->top + (size_t)i;

		if (idx < l->n)
			l->row(l->ctx, idx, r.y + i, r.x, r.w, l->show_sel && idx == l->sel);
		else
			ui_blank(r.y + i, r.x, r.w);
	}
	/* a mark in the last column when rows are hidden above or below */
	more_below = l->top + (size_t)r.h < l->n;
	if (l->top > 0)
		mvaddch(r.y, r.x + r.w - 1, '^' | (chtype)ui_tone_attr(UI_TONE_FOCUS));
	if (more_below)
		mvaddch(r.y + r.h - 1, r.x + r.w - 1, 'v' | (chtype)ui_tone_attr(UI_TONE_FOCUS));
}

int
ui_list_key(struct ui_list *l, const struct ui_key *k)
{
	size_t page = l->height > 1 ? (size_t)l->height - 1 : 1;
	size_t *pos = l->show_sel ? &l->sel : &l->top;

	if (l->n == 0)
		return ui_key_fn(k, KEY_UP) || ui_key_fn(k, KEY_DOWN) || ui_key_char(k, L'j') ||
		       ui_key_char(k, L'k');
	if (ui_key_fn(k, KEY_UP) || ui_key_char(k, L'k')) {
		if (*pos > 0)
			(*pos)--;
	} else if (ui_key_fn(k, KEY_DOWN) || ui_key_char(k, L'j')) {
		if (*pos + 1 < l->n)
			(*pos)++;
	} else if (ui_key_fn(k, KEY_PPAGE)) {
		*pos = *pos > page ? *pos - page : 0;
	} else if (ui_key_fn(k, KEY_NPAGE)) {
		*pos = *pos + page < l->n ? *pos + page : l->n - 1;
	} else if (ui_key_fn(k, KEY_HOME) || ui_key_char(k, L'g')) {
		*pos = 0;
	} else if (ui_key_fn(k, KEY_END) || ui_key_char(k, L'G')) {
		*pos = l->n - 1;
	} else {
		return 0;
	}
	return 1;
}
