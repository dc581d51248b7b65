#ifndef YEKUO_CORE_VIEWS_H
#define YEKUO_CORE_VIEWS_H

/* Views built once for both faces: the rows of the case list (`yekuo case
 * list` and the dashboard) and the sync status (`yekuo sync status` and the
 * sync screen). The CLI and the TUI each draw these in their own way — text
 * or TSV lines, columns on the screen — but neither computes a row itself,
 * so the two cannot disagree about a case's stage, days left, state or
 * conflict. The report tables are built the same way, in report.h.
 * Pure: the store feeds the builders (store/views.h); nothing here reads a
 * file, a database or a terminal. */

#include <stddef.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/error.h"
#include "yekuo/core/merge.h"
#include "yekuo/core/promise.h"
#include "yekuo/core/rules.h"

/* ---- the case list ------------------------------------------------------- */

/* One case as a list shows it: from the store's narrow summary and the
 * engine, never from the case's events. */
struct case_row {
	char case_no[CASE_NO_BUFSZ];
	const char *name, *phone, *address;	/* in text */
	char *text;				/* one allocation for the three */
	enum yk_category category;
	int stage;		/* the stage a user acts on next (engine current_stage), -1 none */
	char step[48];		/* the engine's first open step ("plan", "accept+plan"), "-" none */
	yk_date due;		/* the earliest due date of a running clock */
	long left;		/* working days left (negative: overdue); a suspended case: the
				 * frozen count of its timed clock with the fewest left */
	int counts;		/* 0: no clock counts down (pending, running, untimed): "-" */
	enum engine_state state;
	enum case_status status;
	yk_date closed_on;	/* energised or withdrawn that day (YK_DATE_NONE: open) */
	int late;		/* late entries (补录) */
	int filed;		/* a grid-upgrade filing replaced a due date */
	int conflict;		/* in sync conflict (docs/sync.md) */
	int missing_year;	/* its clocks used this year, which has no calendar file (0: none) */
	/* an open case waiting on the customer (pending: the next stage is the
	 * customer's to start) since this day — the last stage done, else the
	 * application; YK_DATE_NONE when the ball is not with the customer */
	yk_date waiting_since;
	int fast_lane;		/* 重大项目绿色通道 */
	/* 容缺受理: accepted with this many acceptance materials still missing
	 * (case_incomplete; needs the full summary, not a brief query) */
	int incomplete;
	struct side_clock promise;	/* the connection date agreed (契约式接电) */
	struct side_clock follow;	/* the follow-up after energising (回访) */
};

/* Which rows a list keeps: -1 / 0 / NULL for "any". */
struct case_filter {
	int category;		/* enum yk_category */
	int stage;		/* the current stage (enum yk_stage) */
	int overdue_only;
	long due_within;	/* open, with a due date and at most this many working days left */
	int due_today_only;	/* due today */
	int waiting_only;	/* waiting on the customer (waiting_since set) */
	const char *text;	/* in the case number (any letter case), name, phone or address */
	const char *owner;	/* its customer or project manager (needs the full summary,
				 * not a brief query) */
	int fast_lane_only;	/* on the fast lane (绿色通道) */
	int incomplete_only;	/* accepted with materials missing (容缺受理; full summary) */
	int promise_only;	/* open, its promised date missed, due today or soon */
	/* energised, its follow-up still due; the row's due date, days left
	 * and state are then the follow-up's (set before adding rows) */
	int follow_up_only;
};
#define CASE_FILTER_ANY ((struct case_filter){.category = -1, .stage = -1, .due_within = -1})

/* Calendar years a list names as missing at most. */
#define CASE_ROWS_MISSING_MAX 8

struct case_rows_opts {
	const struct yk_rules *rules;
	const struct yk_calendar *cal;
	yk_date today;
	struct case_filter keep;	/* rows that do not match are neither kept nor counted */
	/* a case whose clocks cannot be computed (NULL: counted only) */
	void (*on_error)(void *ctx, const char *case_no, const char *msg);
	void *ctx;
};

struct case_rows {
	struct case_rows_opts o;
	struct case_row *v;
	size_t n, cap;
	/* case numbers in sync conflict, sorted; owned (case_rows_set_conflicted) */
	char **conflicted;
	size_t nconflicted;
	yk_error conflicted_error;		/* why they could not be read (msg "" when read) */
	size_t overdue, due_today, warning;	/* of the rows kept */
	size_t waiting;				/* rows kept waiting on the customer */
	size_t open, closed, withdrawn;		/* rows kept by status */
	size_t conflicts;			/* rows kept in conflict */
	int missing[CASE_ROWS_MISSING_MAX];	/* calendar years not loaded that clocks touch */
	size_t nmissing;
	size_t nocal;				/* rows kept whose clocks used such a year */
	int year_from, year_to;			/* calendar years the rows kept used */
	long errors;				/* cases whose clocks failed */
	char error[YK_ERROR_MAX + CASE_NO_BUFSZ + 4];	/* "CASE: why" of the first */
};

void case_rows_init(struct case_rows *r, const struct case_rows_opts *o);
/* The cases in sync conflict (a sorted list of case numbers, taken over and
 * freed with the rows). Set before adding rows. */
void case_rows_set_conflicted(struct case_rows *r, char **list, size_t n);
/* Add one case: the store_query_cases callback. Returns 0 (go on). */
int case_rows_add(void *rows, const struct case_state *c);
/* Is the promise one to chase: missed, due today or soon, the case open? */
int case_row_promise_alert(const struct case_row *w);
/* Most urgent first: engine_urgency_cmp, then the case number. */
void case_rows_sort(struct case_rows *r);
void case_rows_free(struct case_rows *r);

int case_row_match(const struct case_row *w, const struct case_filter *f);
/* Is case_no in a sorted list of case numbers? */
int case_no_listed(char *const *list, size_t n, const char *case_no);

/* ---- the sync status ----------------------------------------------------- */

struct sync_status {
	char id[SYNC_ID_BUFSZ];		/* this database */
	char office[16];
	int training;
	long records;			/* the last sync record */
	struct sync_peer *peers;	/* exports recorded per peer, by name */
	size_t npeers, cappeers;
	struct sync_import_log *imports;	/* the last imports, newest first */
	size_t nimports, capimports;
	struct sync_conflict *conflicts;	/* every unresolved conflict, by case; owned */
	size_t nconflicts;
	size_t conflict_cases;		/* cases among them */
	int status_read;		/* id, records, peers and imports were read */
	int conflicts_read;		/* the conflicts were read */
};

void sync_status_init(struct sync_status *s, const char *id, const char *office, int training,
		      long records);
/* The store's callbacks (store_sync_each_peer, store_sync_each_import). */
int sync_status_add_peer(void *s, const struct sync_peer *p);
int sync_status_add_import(void *s, const struct sync_import_log *l);
/* Take over the conflicts (sorted by case, as sync_conflicts returns them). */
void sync_status_set_conflicts(struct sync_status *s, struct sync_conflict *c, size_t n);
void sync_status_free(struct sync_status *s);

#endif
