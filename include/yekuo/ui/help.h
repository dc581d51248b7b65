#ifndef YEKUO_UI_HELP_H
#define YEKUO_UI_HELP_H

/* Every key of the screen below it, and the keys that work everywhere. */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_help_new(struct ui *ui, const struct ui_screen *of);
/* Is s a help screen (F1 on it closes it)? */
int ui_help_is(const struct ui_screen *s);
/* The keys every screen has (help lists them after the screen's own). */
extern const struct ui_keyhelp ui_global_keys[];

#endif
