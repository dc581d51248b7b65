#ifndef YEKUO_UI_PRINT_H
#define YEKUO_UI_PRINT_H

/* 打印预览: a document (the receipt, a report) as it will go to the
 * printer — the printer and how it was chosen, A4 portrait or landscape,
 * the font size and the page count, then the text — and Enter to print
 * it (store/print.h: paps into lp). When it cannot be printed the screen
 * says why and what to install or set up, and Enter prints nothing. */

#include "yekuo/ui/frame.h"

/* `title` names the job (and the screen); `text` is UTF-8, copied. */
struct ui_screen *ui_print_new(struct ui *ui, const char *title, const char *text);

#endif
