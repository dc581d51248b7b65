#ifndef YEKUO_UI_REPORT_H
#define YEKUO_UI_REPORT_H

/* 报表: the three reports an office owes (docs/reports.md) on screen —
 * parameters in the form widget, the tables in the list widget with
 * columns lined up by display width, a bar chart of the on-time rate per
 * category for the timeliness report — and exported to .csv (GB18030),
 * .xlsx or .txt through export.h (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_report_new(struct ui *ui);
/* The same with its parameters set for one report due (the dashboard's D):
 * kind "filing", "benefit" or "timeliness", the period and the region. */
struct ui_screen *ui_report_new_for(struct ui *ui, const char *kind, yk_date from, yk_date to,
				    const char *region);

#endif
