#ifndef YEKUO_UI_INTAKE_H
#define YEKUO_UI_INTAKE_H

/* 业务受理: the form that opens a case (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_intake_new(struct ui *ui);

#endif
