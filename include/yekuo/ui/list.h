#ifndef YEKUO_UI_LIST_H
#define YEKUO_UI_LIST_H

/* The one list widget (in the spirit of calcurse's listbox): it keeps the
 * selection and the scroll position and asks its owner to draw each
 * visible row. The dashboard, the event log and the case fields are all
 * this list. */

#include <stddef.h>

#include "yekuo/ui/frame.h"

struct ui_list {
	size_t n;		/* rows */
	size_t sel;		/* selected row (when n > 0) */
	size_t top;		/* first visible row */
	int height;		/* rows shown at the last draw */
	int show_sel;		/* draw the selection (0: a read-only pane) */
	/* draw row i in w columns at (y, x) */
	void (*row)(void *ctx, size_t i, int y, int x, int w, int selected);
	void *ctx;
};

void ui_list_init(struct ui_list *l, void (*row)(void *, size_t, int, int, int, int), void *ctx);
/* New row count; keeps the selection in range. */
void ui_list_set_count(struct ui_list *l, size_t n);
void ui_list_draw(struct ui_list *l, struct ui_rect r);
/* Up/Down/j/k, PgUp/PgDn, Home/End, g/G: 1 when the key moved something. */
int ui_list_key(struct ui_list *l, const struct ui_key *k);

#endif
