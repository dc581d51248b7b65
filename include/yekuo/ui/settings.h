#ifndef YEKUO_UI_SETTINGS_H
#define YEKUO_UI_SETTINGS_H

/* 设置: the office's settings and the clerk's (docs/tui.md), the same as
 * `yekuo config`. first: opened at start on a database that has none yet
 * (saving goes on to the dashboard). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_settings_new(struct ui *ui, int first);

#endif
