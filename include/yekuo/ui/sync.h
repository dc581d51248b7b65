#ifndef YEKUO_UI_SYNC_H
#define YEKUO_UI_SYNC_H

/* 同步: carry cases between databases on a file (docs/sync.md) — this
 * database's identity, peers and last imports; an export or an import
 * shown as a dry run first and done after a y/n; the unresolved conflicts,
 * each resolved by keeping one side with a reason (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_sync_new(struct ui *ui);

#endif
