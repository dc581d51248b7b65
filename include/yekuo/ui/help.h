#ifndef YEKUO_UI_HELP_H
#define YEKUO_UI_HELP_H

/* Every key of the screen below it that applies now (its key table), and
 * the keys that work everywhere (ui->global_keys). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_help_new(struct ui *ui, const struct ui_screen *of);
/* Is s a help screen (F1 on it closes it)? */
int ui_help_is(const struct ui_screen *s);

#endif
