#ifndef YEKUO_REPORT_H
#define YEKUO_REPORT_H

/* The reports an office owes (docs/domain §8) and the one-row-per-case
 * table that export and import share, as tables any face can show: the CLI
 * writes them as text, CSV or .xlsx (export.h), the TUI can draw the same
 * rows. Pure: no SQL, no curses, no I/O. A report is fed cases one at a
 * time in the shape store_query_cases() calls back with, aggregates as it
 * goes and keeps only the rows it lists, so memory does not grow with the
 * number of cases read. docs/reports.md describes every report. */

#include <stddef.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/date.h"
#include "yekuo/core/division.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/query.h"

/* ---- tables ------------------------------------------------------------ */

enum report_type {
	RT_TEXT,
	RT_INT,		/* a whole number */
	RT_NUM,		/* a number with decimals (see report_col.decimals) */
	RT_DATE
};

/* Personal numbers that outputs mask unless asked (个人信息保护法 §51). */
enum report_mask { RM_NONE, RM_ID, RM_PHONE };

/* RT_NUM with as many decimals as the value needs, at most 4. */
#define REPORT_DEC_AUTO (-1)

struct report_col {
	const char *key;	/* stable code ("case-no"): import headers, scripts */
	const char *title;	/* 中文 header */
	enum report_type type;
	int decimals;		/* RT_NUM: 0..6 or REPORT_DEC_AUTO */
	int width;		/* suggested display columns */
	enum report_mask mask;
	/* RT_TEXT holding a number or a range ("5～15", "不限"): a cell that
	 * is a plain number is written as a number in an .xlsx */
	int num_text;
};

/* One cell; which member counts depends on the column's type. */
struct report_cell {
	const char *text;	/* RT_TEXT: NULL or "" is empty */
	double num;		/* RT_INT, RT_NUM */
	yk_date date;		/* RT_DATE: YK_DATE_NONE is empty */
	int empty;		/* RT_INT, RT_NUM: no value */
};

struct report_section {
	const char *title;
	const struct report_col *cols;
	size_t ncols;
	struct report_cell *cells;	/* nrows * ncols, row by row */
	size_t nrows, cap;
};

struct report_meta {
	const char *key, *value;	/* "报送对象", "国家能源局华北监管局；…" */
};

struct report_arena;

struct report {
	const char *kind;		/* "filing", "benefit", "timeliness" */
	const char *title;
	struct report_meta *meta;	/* header lines, in order */
	size_t nmeta, capmeta;
	struct report_section *sections;
	size_t nsections;
	const char **warnings;		/* cases that could not be counted, missing calendar years */
	size_t nwarnings, capwarnings;
	long uncounted;			/* cases left out because their clocks failed */
	struct report_arena *arena;	/* owns every string above */
};

/* The cell at row r, column c of a section. */
const struct report_cell *report_cell_at(const struct report_section *s, size_t r, size_t c);
void report_free(struct report *r);
/* One more header line (copied), e.g. the seal a report was made under. */
void report_add_meta(struct report *r, const char *key, const char *value);

/* ---- the reports ------------------------------------------------------- */

enum report_kind {
	REPORT_FILING,		/* 电网升级改造无法满足接电时限项目备案 (monthly) */
	REPORT_BENEFIT,		/* "三零""三省"服务效益统计表 (003 附件3) */
	REPORT_TIMELINESS,	/* 办电时限: per category and stage, overdue, late entries */
	REPORT_SUPERVISION	/* 督办: open cases overdue, due today or warned, by owner and office */
};

struct report_params {
	enum report_kind kind;
	yk_date from, to;		/* the period, inclusive (filing: the month) */
	const char *region;		/* this region only (NULL: every region) */
	const struct yk_rules *rules;
	const struct yk_calendar *cal;	/* timeliness: the clocks */
	yk_date today;			/* the date the report is made (clocks, header) */
	/* the name a document shows for an operator name (the clerk's display
	 * name from the settings); NULL: the operator name */
	const char *(*person)(void *ctx, const char *operator_name);
	void *person_ctx;
	/* timeliness and filing: rows grouped by the cases' administrative
	 * division at this level (003 附件2 counts by 省/地市/县); 0: not
	 * grouped. divisions names the codes (NULL: codes only). */
	enum division_level by;
	const struct yk_divisions *divisions;
};

/* "province", "city", "county" → the level; -1 when none of them. */
int report_by_from_code(const char *code);

struct report_run;

/* Start a report. *q gets the selection that narrows the cases worth
 * reading (store_scan_cases, which reads in storage order: the run sorts
 * what it lists); the run checks every case it is fed again, so feeding it
 * every case gives the same answer, only slower. */
struct report_run *report_begin(const struct report_params *p, struct case_query *q);
/* Feed one case (the store_query_cases callback). Returns 0: go on. */
int report_add(void *run, const struct case_state *c);
/* Build the tables and free the run. */
struct report *report_finish(struct report_run *run);
/* Drop a run without building anything. */
void report_abandon(struct report_run *run);

/* "2026-03" → its first and last day; -1 if not a month of 1900..2999. */
int report_month(const char *s, yk_date *first, yk_date *last);

/* LV cases are sized in kW, HV in kVA; the benefit table adds them up in
 * 万千伏安 counting 1 kW of LV capacity as 1 kVA (docs/reports.md). */
#define REPORT_LV_KVA_PER_KW 1.0

/* ---- one row per case: export cases / import cases ---------------------- */

/* Column indices of report_case_cols; import looks columns up by these. */
enum report_case_col {
	RCC_CASE_NO, RCC_REGION, RCC_DIVISION, RCC_CATEGORY, RCC_CUSTOMER_TYPE, RCC_NAME, RCC_ID_TYPE,
	RCC_ID, RCC_PHONE, RCC_ADDRESS, RCC_CAPACITY, RCC_UNIT, RCC_KV, RCC_EXTERNAL,
	RCC_SANLING, RCC_HV_CONFIRMATION, RCC_APPLIED, RCC_APPOINTMENT,
	RCC_ACCEPT_MATERIALS, RCC_ACCEPT_DONE, RCC_ACCEPT_NOTES,
	RCC_PLAN_DONE, RCC_PLAN_NOTES, RCC_SUPPLY_POINT, RCC_LINE, RCC_TRANSFORMER,
	RCC_METERING, RCC_INVESTMENT_SAVED,
	RCC_DESIGN_MATERIALS, RCC_DESIGN_STARTED, RCC_DESIGN_DONE, RCC_DESIGN_NOTES,
	RCC_MIDCHECK_MATERIALS, RCC_MIDCHECK_STARTED, RCC_MIDCHECK_DONE, RCC_MIDCHECK_NOTES,
	RCC_FINAL_MATERIALS, RCC_FINAL_STARTED, RCC_FINAL_DONE, RCC_FINAL_NOTES,
	RCC_ENERGISE_DONE, RCC_ENERGISE_NOTES, RCC_METER_NO,
	RCC_SUSPENSIONS,
	RCC_FILED_ON, RCC_UPGRADE, RCC_WHY, RCC_PLANNED, RCC_FILED_BY,
	RCC_WITHDRAWN_ON, RCC_WITHDRAW_REASON,
	RCC_STATUS, RCC_LATE_ENTRIES, RCC_IMPORTED,
	REPORT_CASE_NCOLS
};

/* The case table's columns. Those that show a field take their key, title
 * and masking from the field table (fields.h). */
const struct report_col *report_case_columns(void);
#define report_case_cols (report_case_columns())
/* The column that shows field f, or -1. */
struct yk_field;
int report_case_field_col(const struct yk_field *f);
extern const char report_case_title[];

/* Where a stage's materials, start, completion and notes columns are
 * (-1 where the table has none: plan and energise start by themselves,
 * and ask for no materials). */
struct report_stage_cols {
	int materials, started, done, notes;
};
const struct report_stage_cols *report_case_stage_cols(enum yk_stage s);

/* A row's cells point into the case and into the row's own buffers:
 * valid until the next report_case_row() on the same row or the case is
 * freed. */
struct report_case_row {
	struct report_cell cells[REPORT_CASE_NCOLS];
	char materials[STAGE_COUNT][400];
	char *susp;			/* suspensions, one per line */
	size_t suspcap;
	/* Set by the caller for a file meant for people (.xlsx): coded values
	 * in Chinese — the region by the rule files' name (天津), options by
	 * the field table's (居民生活), yes/no as 是/否, the status, the
	 * materials by name. NULL (CSV, text): the codes, which import reads
	 * back. */
	const struct yk_rules *people;
	char shown[REPORT_CASE_NCOLS][96];
};

void report_case_row(const struct case_state *c, struct report_case_row *row);
void report_case_row_free(struct report_case_row *row);

/* One suspension as the case table writes it: "FROM..TO REASON NOTE"
 * ("FROM.. REASON NOTE" while open). */
void report_susp_format(const struct case_susp *s, char *out, size_t outsz);

#endif
