#ifndef YEKUO_UI_SYNC_H
#define YEKUO_UI_SYNC_H

/* 同步: carry cases between databases on a file (docs/sync.md) — this
 * database's identity, peers and last imports; an export or an import
 * shown as a dry run first and done after a y/n; the unresolved conflicts,
 * each resolved by keeping one side with a reason (docs/tui.md). */

#include "yekuo/ui/frame.h"

struct ui_screen *ui_sync_new(struct ui *ui);

/* The cases in sync conflict, sorted (free with store_list_free): the
 * marked cases (store_sync_marked_cases, few and indexed) that still have
 * an unresolved conflict — never a query per listed case. */
int ui_sync_conflicted(struct ui *ui, char ***out, size_t *n, yk_error *err);
/* Is case_no in a sorted list from ui_sync_conflicted? */
int ui_sync_listed(char *const *list, size_t n, const char *case_no);

#endif
