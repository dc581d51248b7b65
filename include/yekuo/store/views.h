#ifndef YEKUO_STORE_VIEWS_H
#define YEKUO_STORE_VIEWS_H

/* Each view read from the database and built by its one builder in core
 * (core/views.h, core/report.h): the single call the CLI and the TUI both
 * make, so the two faces read the same rows the same way. */

#include "yekuo/core/report.h"
#include "yekuo/core/views.h"
#include "yekuo/store/store.h"

/* The case list: the cases q selects (with .brief the narrow clocks
 * table: fast with a million cases, docs/performance.md), their sync
 * conflicts marked, sorted most urgent first. rows was set up with
 * case_rows_init; -1 with err when the cases cannot be read. When only the
 * conflicts cannot be, the rows come without marks and
 * rows->conflicted_error says why. */
int view_case_rows(struct yk_store *st, const struct case_query *q, struct case_rows *rows,
		   yk_error *err);

/* The sync status with the last `imports` imports and every unresolved
 * conflict. -1 with err (the first failure) when a part could not be read:
 * out->status_read and out->conflicts_read say which were. Free out either
 * way. */
int view_sync_status(struct yk_store *st, int imports, struct sync_status *out, yk_error *err);

/* A report as p asks (NULL with err when the cases cannot be read). */
struct report *view_report(struct yk_store *st, const struct report_params *p, yk_error *err);

#endif
