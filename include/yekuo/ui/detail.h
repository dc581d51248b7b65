#ifndef YEKUO_UI_DETAIL_H
#define YEKUO_UI_DETAIL_H

/* One case: its fields, a timeline of its clocks and its event log, and
 * the keys that act on it (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_detail_new(struct ui *ui, const char *case_no);

#endif
