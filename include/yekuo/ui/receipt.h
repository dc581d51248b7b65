#ifndef YEKUO_UI_RECEIPT_H
#define YEKUO_UI_RECEIPT_H

/* 受理回执: the customer's one-page receipt of a case, exactly as
 * `yekuo case receipt CASE` prints it, in a scrollable view, and saved to
 * a file in UTF-8 or GB18030 for printing (docs/tui.md, docs/reports.md). */

#include "yekuo/ui/frame.h"

/* NULL, with the reason on the message line, when it cannot be made. */
struct ui_screen *ui_receipt_new(struct ui *ui, const char *case_no);

#endif
