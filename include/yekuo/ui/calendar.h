#ifndef YEKUO_UI_CALENDAR_H
#define YEKUO_UI_CALENDAR_H

/* 日历: one month as a grid (calcurse is the model) with the statutory
 * holidays (休), the make-up working days (班) and how many open cases fall
 * due each day; below it the selected day in words and the cases due then
 * (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_calendar_new(struct ui *ui);

#endif
