#ifndef YEKUO_UI_DASHBOARD_H
#define YEKUO_UI_DASHBOARD_H

/* The start screen: open cases, most urgent first, with filters and
 * search (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_dashboard_new(struct ui *ui);

#endif
