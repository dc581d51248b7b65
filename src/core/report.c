#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/engine.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/report.h"
#include "yekuo/core/promise.h"
#include "yekuo/core/xalloc.h"

/* ---- strings owned by a report ----------------------------------------- */

/* Every string of a report lives in a chain of blocks freed at once: rows
 * are built as cases stream past, and one allocation per cell would cost
 * more than the cell. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

struct report_arena {
	struct arena_block *head;
};

#define ARENA_BLOCK 16384

static const char *
arena_strdup(struct report_arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	struct arena_block *b = a->head;
	char *p;

	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	b->used += n;
	return p;
}

static const char *
arena_printf(struct report_arena *a, const char *fmt, ...) YK_PRINTF(2, 3);

static const char *
arena_printf(struct report_arena *a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return arena_strdup(a, buf);
}

static struct report *
report_new(const char *kind)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->kind = kind;
	r->arena = xcalloc(1, sizeof *r->arena);
	return r;
}

void
report_free(struct report *r)
{
	struct arena_block *b, *next;

	if (!r)
		return;
	for (size_t i = 0; i < r->nsections; i++)
		free(r->sections[i].cells);
	free(r->sections);
	free(r->meta);
	free(r->warnings);
	for (b = r->arena->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(r->arena);
	free(r);
}

void
report_add_meta(struct report *r, const char *key, const char *value)
{
	r->meta = xgrow(r->meta, &r->capmeta, r->nmeta + 1, sizeof *r->meta);
	r->meta[r->nmeta].key = arena_strdup(r->arena, key);
	r->meta[r->nmeta].value = arena_strdup(r->arena, value);
	r->nmeta++;
}

static void
warning_add(struct report *r, const char *msg)
{
	r->warnings = xgrow(r->warnings, &r->capwarnings, r->nwarnings + 1, sizeof *r->warnings);
	r->warnings[r->nwarnings++] = arena_strdup(r->arena, msg);
}

static struct report_section *
section_add(struct report *r, const char *title, const struct report_col *cols, size_t ncols)
{
	struct report_section *s;

	r->sections = xrealloc(r->sections, (r->nsections + 1) * sizeof *r->sections);
	s = &r->sections[r->nsections++];
	memset(s, 0, sizeof *s);
	s->title = arena_strdup(r->arena, title);
	s->cols = cols;
	s->ncols = ncols;
	return s;
}

/* A new row of empty cells; the caller fills it. */
static struct report_cell *
row_add(struct report_section *s)
{
	struct report_cell *row;

	s->cells = xgrow(s->cells, &s->cap, (s->nrows + 1) * s->ncols, sizeof *s->cells);
	row = &s->cells[s->nrows * s->ncols];
	for (size_t i = 0; i < s->ncols; i++) {
		row[i].text = NULL;
		row[i].num = 0;
		row[i].date = YK_DATE_NONE;
		row[i].empty = 1;
	}
	s->nrows++;
	return row;
}

static void
set_num(struct report_cell *c, double v)
{
	c->num = v;
	c->empty = 0;
}

const struct report_cell *
report_cell_at(const struct report_section *s, size_t r, size_t c)
{
	return &s->cells[r * s->ncols + c];
}

int
report_month(const char *s, yk_date *first, yk_date *last)
{
	int y, m;
	char tail;

	if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2)
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return -1;
	*first = date_from_ymd(y, m, 1);
	*last = (m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1)) - 1;
	return 0;
}

/* Sums of many doubles drift (0.1 + 0.2); a table shows 4 decimals at most. */
static double
round4(double v)
{
	return round(v * 1e4) / 1e4;
}

/* ---- the case table (export cases / import cases) ------------------------ */

const char report_case_title[] = "用电报装案件";

#define TXT(k, t, w) {k, t, RT_TEXT, 0, w, RM_NONE, 0}
#define DAT(k, t) {k, t, RT_DATE, 0, 10, RM_NONE, 0}
#define INT(k, t, w) {k, t, RT_INT, 0, w, RM_NONE, 0}

/* A column of the case table: the field it shows (its key, title and
 * masking come from the field table, fields.c), or its own key and title. */
#define NOFIELD (-1)
struct case_col {
	int field;
	struct report_col col;
};
#define OWN(c) {NOFIELD, c}
#define FTXT(id, w) {id, {NULL, NULL, RT_TEXT, 0, w, RM_NONE, 0}}
#define FNUM(id, w) {id, {NULL, NULL, RT_NUM, REPORT_DEC_AUTO, w, RM_NONE, 0}}
#define FDAT(id) {id, {NULL, NULL, RT_DATE, 0, 10, RM_NONE, 0}}

static const struct case_col case_cols[REPORT_CASE_NCOLS] = {
	[RCC_CASE_NO] = OWN(TXT("case-no", "案件编号", 20)),
	[RCC_REGION] = FTXT(FLD_REGION, 9),
	[RCC_DIVISION] = FTXT(FLD_DIVISION, 8),
	[RCC_CATEGORY] = FTXT(FLD_CATEGORY, 11),
	[RCC_CUSTOMER_TYPE] = FTXT(FLD_CUSTOMER_TYPE, 8),
	[RCC_NAME] = FTXT(FLD_NAME, 24),
	[RCC_ID_TYPE] = FTXT(FLD_ID_TYPE, 11),
	[RCC_ID] = FTXT(FLD_ID, 20),
	[RCC_PHONE] = FTXT(FLD_PHONE, 12),
	[RCC_ADDRESS] = FTXT(FLD_ADDRESS, 30),
	[RCC_CAPACITY] = FNUM(FLD_CAPACITY, 8),
	[RCC_UNIT] = FTXT(FLD_UNIT, 8),
	[RCC_KV] = FNUM(FLD_KV, 12),
	[RCC_EXTERNAL] = FTXT(FLD_EXTERNAL, 8),
	[RCC_SANLING] = FTXT(FLD_SANLING, 4),
	[RCC_HV_CONFIRMATION] = FTXT(FLD_HV_CONFIRMATION, 16),
	[RCC_APPLIED] = OWN(DAT("applied", "申请日期")),
	[RCC_APPOINTMENT] = FDAT(FLD_APPOINTMENT),
	[RCC_ACCEPT_MATERIALS] = OWN(TXT("accept.materials", "受理收资", 16)),
	[RCC_ACCEPT_DONE] = OWN(DAT("accept.done", "受理完成日期")),
	[RCC_ACCEPT_NOTES] = OWN(TXT("accept.notes", "受理备注", 16)),
	[RCC_PLAN_DONE] = OWN(DAT("plan.done", "方案答复日期")),
	[RCC_PLAN_NOTES] = OWN(TXT("plan.notes", "方案备注", 16)),
	[RCC_SUPPLY_POINT] = FTXT(FLD_SUPPLY_POINT, 16),
	[RCC_LINE] = FTXT(FLD_LINE, 16),
	[RCC_TRANSFORMER] = FTXT(FLD_TRANSFORMER, 16),
	[RCC_METERING] = FTXT(FLD_METERING, 16),
	[RCC_INVESTMENT_SAVED] = FNUM(FLD_INVESTMENT_SAVED, 14),
	[RCC_DESIGN_MATERIALS] = OWN(TXT("design.materials", "设计审查收资", 16)),
	[RCC_DESIGN_STARTED] = OWN(DAT("design.started", "设计送审日期")),
	[RCC_DESIGN_DONE] = OWN(DAT("design.done", "设计审查完成日期")),
	[RCC_DESIGN_NOTES] = OWN(TXT("design.notes", "设计审查备注", 16)),
	[RCC_MIDCHECK_MATERIALS] = OWN(TXT("midcheck.materials", "中间检查收资", 16)),
	[RCC_MIDCHECK_STARTED] = OWN(DAT("midcheck.started", "中间检查报验日期")),
	[RCC_MIDCHECK_DONE] = OWN(DAT("midcheck.done", "中间检查完成日期")),
	[RCC_MIDCHECK_NOTES] = OWN(TXT("midcheck.notes", "中间检查备注", 16)),
	[RCC_FINAL_MATERIALS] = OWN(TXT("final.materials", "竣工检验收资", 16)),
	[RCC_FINAL_STARTED] = OWN(DAT("final.started", "竣工报验日期")),
	[RCC_FINAL_DONE] = OWN(DAT("final.done", "竣工检验完成日期")),
	[RCC_FINAL_NOTES] = OWN(TXT("final.notes", "竣工检验备注", 16)),
	[RCC_ENERGISE_DONE] = OWN(DAT("energise.done", "装表接电日期")),
	[RCC_ENERGISE_NOTES] = OWN(TXT("energise.notes", "接电备注", 16)),
	[RCC_METER_NO] = FTXT(FLD_METER_NO, 14),
	[RCC_SUSPENSIONS] = OWN(TXT("suspensions", "挂起记录", 30)),
	[RCC_FILED_ON] = OWN(DAT("filed-on", "备案日期")),
	[RCC_UPGRADE] = FTXT(FLD_UPGRADE, 20),
	[RCC_WHY] = FTXT(FLD_WHY, 24),
	[RCC_PLANNED] = FDAT(FLD_PLANNED),
	[RCC_FILED_BY] = OWN(TXT("filed-by", "备案人", 8)),
	[RCC_WITHDRAWN_ON] = OWN(DAT("withdrawn-on", "撤销日期")),
	[RCC_WITHDRAW_REASON] = {FLD_WITHDRAW_REASON, {"withdraw-reason", NULL, RT_TEXT, 0, 16, RM_NONE, 0}},
	[RCC_STATUS] = OWN(TXT("status", "状态", 9)),
	[RCC_LATE_ENTRIES] = OWN(INT("late-entries", "补录次数", 8)),
	[RCC_IMPORTED] = OWN(TXT("imported", "导入", 4)),
};

const struct report_col *
report_case_columns(void)
{
	static struct report_col cols[REPORT_CASE_NCOLS];
	static int built;

	if (built)
		return cols;
	for (int i = 0; i < REPORT_CASE_NCOLS; i++) {
		const struct yk_field *f = case_cols[i].field == NOFIELD ? NULL : field_at((enum field_id)case_cols[i].field);

		cols[i] = case_cols[i].col;
		if (!f)
			continue;
		if (!cols[i].key)
			cols[i].key = field_name(f);
		cols[i].title = field_title(f);
		cols[i].mask = f->mask == FM_ID ? RM_ID : f->mask == FM_PHONE ? RM_PHONE : RM_NONE;
	}
	built = 1;
	return cols;
}

int
report_case_field_col(const struct yk_field *f)
{
	/* asked for every field of every row an import reads: the column of
	 * each field, worked out once (the first column showing it) */
	static int col_of[FLD_COUNT], ready;
	int id;

	if (!ready) {
		for (int k = 0; k < FLD_COUNT; k++)
			col_of[k] = -1;
		for (int i = REPORT_CASE_NCOLS; i-- > 0;)
			if (case_cols[i].field != NOFIELD)
				col_of[case_cols[i].field] = i;
		ready = 1;
	}
	if (!f)
		return -1;
	id = (int)field_id_of(f);
	return id >= 0 && id < FLD_COUNT ? col_of[id] : -1;
}

static const struct report_stage_cols stage_cols[STAGE_COUNT] = {
	[STAGE_ACCEPT] = {RCC_ACCEPT_MATERIALS, -1, RCC_ACCEPT_DONE, RCC_ACCEPT_NOTES},
	[STAGE_PLAN] = {-1, -1, RCC_PLAN_DONE, RCC_PLAN_NOTES},
	[STAGE_DESIGN] = {RCC_DESIGN_MATERIALS, RCC_DESIGN_STARTED, RCC_DESIGN_DONE, RCC_DESIGN_NOTES},
	[STAGE_MIDCHECK] = {RCC_MIDCHECK_MATERIALS, RCC_MIDCHECK_STARTED, RCC_MIDCHECK_DONE,
			    RCC_MIDCHECK_NOTES},
	[STAGE_FINAL] = {RCC_FINAL_MATERIALS, RCC_FINAL_STARTED, RCC_FINAL_DONE, RCC_FINAL_NOTES},
	[STAGE_ENERGISE] = {-1, -1, RCC_ENERGISE_DONE, RCC_ENERGISE_NOTES},
};

const struct report_stage_cols *
report_case_stage_cols(enum yk_stage s)
{
	return (unsigned)s < STAGE_COUNT ? &stage_cols[s] : NULL;
}

void
report_susp_format(const struct case_susp *s, char *out, size_t outsz)
{
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

	snprintf(out, outsz, "%s..%s %s%s%s", date_format(s->from, b1),
		 s->to == YK_DATE_NONE ? "" : date_format(s->to, b2), susp_reason_code(s->reason),
		 s->note[0] ? " " : "", s->note);
}

static void
cell_text(struct report_cell *c, const char *s)
{
	c->text = s;
}

static void
cell_date(struct report_cell *c, yk_date d)
{
	c->date = d;
}

/* A region by the name its rule files give it (天津), else its code. */
static const char *
region_zh(const struct yk_rules *rules, const char *code)
{
	const char *zh = rules ? rules_region_name(rules, code) : NULL;

	return zh && *zh ? zh : code;
}

/* The coded cells of a case row in the Chinese a person reads (the
 * names the rule files and the field table hold). */
static void
case_row_people(const struct case_state *c, struct report_case_row *row)
{
	struct report_cell *k = row->cells;

	for (int i = 0; i < REPORT_CASE_NCOLS; i++) {
		const struct yk_field *f;
		const char *v = k[i].text;

		if (!v || !*v)
			continue;
		if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
			k[i].text = *v == 'y' ? "是" : "否";
			continue;
		}
		if (i == RCC_REGION) {
			k[i].text = region_zh(row->people, v);
			continue;
		}
		if (case_cols[i].field == NOFIELD)
			continue;
		f = field_at((enum field_id)case_cols[i].field);
		if (f->kind == FK_ENUM || f->kind == FK_FLAG) {
			field_show(f, v, NULL, 1, row->shown[i], sizeof row->shown[i]);
			k[i].text = row->shown[i];
		}
	}
	k[RCC_STATUS].text = case_status_name(c->status);
	for (int s = 0; s < STAGE_COUNT; s++) {
		const struct report_stage_cols *sc = &stage_cols[s];
		size_t n, pos = 0;
		const struct material *m;

		if (sc->materials < 0)
			continue;
		m = case_materials((enum yk_stage)s, case_checklist(c), &n);
		row->materials[s][0] = '\0';
		for (size_t i = 0; i < n; i++)
			if ((c->materials[s] >> i) & 1)
				pos += (size_t)snprintf(row->materials[s] + pos, sizeof row->materials[s] - pos,
							"%s%s", pos ? "、" : "", m[i].zh);
	}
}

void
report_case_row(const struct case_state *c, struct report_case_row *row)
{
	struct report_cell *k = row->cells;
	size_t len = 0;

	for (int i = 0; i < REPORT_CASE_NCOLS; i++) {
		k[i].text = NULL;
		k[i].num = 0;
		k[i].date = YK_DATE_NONE;
		k[i].empty = 1;
	}
	cell_text(&k[RCC_CASE_NO], c->case_no);
	cell_text(&k[RCC_REGION], c->region);
	cell_text(&k[RCC_DIVISION], c->division);
	cell_text(&k[RCC_CATEGORY], category_code(c->category));
	cell_text(&k[RCC_CUSTOMER_TYPE], c->customer_type);
	cell_text(&k[RCC_NAME], c->name);
	cell_text(&k[RCC_ID_TYPE], c->id_type);
	cell_text(&k[RCC_ID], c->id_no);
	cell_text(&k[RCC_PHONE], c->phone);
	cell_text(&k[RCC_ADDRESS], c->address);
	set_num(&k[RCC_CAPACITY], c->capacity);
	cell_text(&k[RCC_UNIT], c->unit);
	set_num(&k[RCC_KV], c->kv);
	cell_text(&k[RCC_EXTERNAL], c->external_works ? "yes" : "no");
	cell_text(&k[RCC_SANLING], c->sanling_eligible ? "yes" : "no");
	cell_text(&k[RCC_HV_CONFIRMATION], c->hv_confirmation);
	cell_date(&k[RCC_APPLIED], c->applied);
	cell_date(&k[RCC_APPOINTMENT], c->appointment);
	for (int s = 0; s < STAGE_COUNT; s++) {
		const struct report_stage_cols *sc = &stage_cols[s];

		if (sc->materials >= 0) {
			size_t n, pos = 0;
			const struct material *m = case_materials((enum yk_stage)s, case_checklist(c), &n);

			row->materials[s][0] = '\0';
			for (size_t i = 0; i < n; i++)
				if ((c->materials[s] >> i) & 1)
					pos += (size_t)snprintf(row->materials[s] + pos,
								sizeof row->materials[s] - pos, "%s%s",
								pos ? "," : "", m[i].code);
			cell_text(&k[sc->materials], row->materials[s]);
		}
		if (sc->started >= 0)
			cell_date(&k[sc->started], c->started[s]);
		cell_date(&k[sc->done], c->done[s]);
		cell_text(&k[sc->notes], c->notes[s]);
	}
	cell_text(&k[RCC_SUPPLY_POINT], c->supply_point);
	cell_text(&k[RCC_LINE], c->line);
	cell_text(&k[RCC_TRANSFORMER], c->transformer);
	cell_text(&k[RCC_METERING], c->metering);
	/* 0 is "not entered": the plan stage refuses a zero saving. */
	if (c->investment_saved > 0)
		set_num(&k[RCC_INVESTMENT_SAVED], c->investment_saved);
	cell_text(&k[RCC_METER_NO], c->meter_no);
	if (!row->susp) {
		row->suspcap = 512;
		row->susp = xmalloc(row->suspcap);
	}
	row->susp[0] = '\0';
	for (size_t i = 0; i < c->nsusp; i++) {
		char one[400];

		report_susp_format(&c->susp[i], one, sizeof one);
		row->susp = xgrow(row->susp, &row->suspcap, len + strlen(one) + 2, 1);
		len += (size_t)sprintf(row->susp + len, "%s%s", i ? "\n" : "", one);
	}
	cell_text(&k[RCC_SUSPENSIONS], row->susp);
	if (c->filed) {
		cell_date(&k[RCC_FILED_ON], c->filed_on);
		cell_text(&k[RCC_UPGRADE], c->upgrade);
		cell_text(&k[RCC_WHY], c->why);
		cell_date(&k[RCC_PLANNED], c->filed_due);
		cell_text(&k[RCC_FILED_BY], c->filed_by);
	}
	if (c->status == CASE_WITHDRAWN) {
		cell_date(&k[RCC_WITHDRAWN_ON], c->closed_on);
		cell_text(&k[RCC_WITHDRAW_REASON], c->withdraw_reason);
	}
	cell_text(&k[RCC_STATUS], case_status_code(c->status));
	set_num(&k[RCC_LATE_ENTRIES], c->late_entries);
	cell_text(&k[RCC_IMPORTED], c->imported ? "yes" : "no");
	if (row->people)
		case_row_people(c, row);
}

void
report_case_row_free(struct report_case_row *row)
{
	free(row->susp);
	row->susp = NULL;
	row->suspcap = 0;
}

/* ---- runs --------------------------------------------------------------- */

/* 三零 / 三省 columns of the benefit table (003 附件3). */
enum benefit_col { BEN_RESIDENT, BEN_ENTERPRISE, BEN_OTHER, BEN_SANSHENG, BEN_NCOLS };

/* One row of the filing list, kept until the list is sorted. */
struct filing_row {
	char group[DIVISION_CODE_BUFSZ];	/* the division grouped by, "" */
	const char *case_no, *region, *name, *address, *category, *unit, *upgrade, *why,
		*filed_by, *status;
	double capacity;
	yk_date applied, planned, filed_on, energised;
};

/* Per category and step of the timeliness table. */
struct tl_stat {
	char group[DIVISION_CODE_BUFSZ];	/* the division grouped by, "" */
	enum yk_category category;
	int order;		/* first stage of the step; whole and case after */
	const char *code, *name;
	int limit_min, limit_max;
	long done, timed, on_time, overdue;
	long on_time_strict;	/* on time when only the exempt pauses stop the clock */
	double days;
};

struct overdue_row {
	const char *case_no, *name, *step;
	enum yk_category category;
	int limit;
	yk_date started, due, done;
	long late_by, approval;
	const char *state;
};

/* A case opened within 30 days of a withdrawal for the same ID number and
 * address (重走), with the decision on its clocks. */
struct rerun_row {
	const char *case_no, *name, *rerun_of, *clock, *reason, *status;
	enum yk_category category;
	yk_date applied;
};

/* 督办: one case that needs chasing today, and a count per owner / office. */
struct sup_row {
	const char *case_no, *name, *office, *cm, *pm, *step;
	enum yk_category category;
	enum engine_state state;
	long left;
	yk_date due;
};

struct sup_count {
	const char *key;
	long n[3];		/* overdue, due today, warning */
};

struct late_row {
	const char *case_no, *name, *status;
	enum yk_category category;
	yk_date applied;
	int late;
};

#define MAX_REGIONS 64
#define MAX_WARNINGS 20

struct report_run {
	struct report_params p;
	char region[32];
	struct report *r;	/* its arena holds the listed rows' strings */
	long cases, errors;
	/* filing */
	char regions[MAX_REGIONS][32];
	size_t nregions;
	struct filing_row *filing;
	size_t nfiling, capfiling;
	/* benefit */
	long households[BEN_NCOLS];
	double invest[BEN_NCOLS], kva[BEN_NCOLS];
	long not_counted;
	/* timeliness */
	struct tl_stat *stats;
	size_t nstats, capstats;
	struct overdue_row *overdue;
	size_t noverdue, capoverdue;
	struct late_row *late;
	size_t nlate, caplate;
	struct rerun_row *reruns;	/* 重走 (003 row 15) */
	size_t nreruns, capreruns;
	/* 回访 and 服务评价 (003 附件1 row 22), by category */
	struct fu_stat {
		long energised, done, on_time, overdue, scored, score_sum, dist[5];
	} fu[CAT_COUNT];
	/* 投资界面 (003 附件1 rows 33-38), by the benefit table's columns */
	long cost_n[BEN_NCOLS];
	double paid[BEN_NCOLS], grid[BEN_NCOLS];
	/* supervision */
	long paused;		/* cases counted with a pause the seeds do not exempt */
	struct sup_row *sup;
	size_t nsup, capsup;
	struct sup_count *owners, *offices;
	size_t nowners, capowners, noffices, capoffices;
	int year_from, year_to;
	unsigned char missing[CAL_LAST_YEAR - CAL_FIRST_YEAR + 1];
};

static const char *const kinds[] = {
	[REPORT_FILING] = "filing", [REPORT_BENEFIT] = "benefit", [REPORT_TIMELINESS] = "timeliness",
	[REPORT_SUPERVISION] = "supervision"};

struct report_run *
report_begin(const struct report_params *p, struct case_query *q)
{
	struct report_run *run = xcalloc(1, sizeof *run);

	run->p = *p;
	if (p->region)
		snprintf(run->region, sizeof run->region, "%s", p->region);
	run->p.region = p->region ? run->region : NULL;
	run->r = report_new(kinds[p->kind]);
	memset(q, 0, sizeof *q);
	q->applied_from = q->applied_to = q->active_from = YK_DATE_NONE;
	switch (p->kind) {
	case REPORT_FILING:
		/* filed, applied by the month's end, not closed before it began */
		q->filed_only = 1;
		q->applied_to = p->to;
		q->active_from = p->from;
		break;
	case REPORT_SUPERVISION:
		/* the open cases, as they stand today */
		q->open_only = 1;
		break;
	case REPORT_BENEFIT:
	case REPORT_TIMELINESS:
		/* applied by the period's end, not closed before it began */
		q->applied_to = p->to;
		q->active_from = p->from;
		break;
	}
	return run;
}

static void
case_warning(struct report_run *run, const struct case_state *c, const char *msg)
{
	char buf[YK_ERROR_MAX + 64];

	run->errors++;
	if (run->errors <= MAX_WARNINGS) {
		snprintf(buf, sizeof buf, "%s: %s", c->case_no, msg);
		warning_add(run->r, buf);
	}
}

static const char *
status_zh(const struct case_state *c)
{
	return c->status == CASE_CLOSED ? "已接电" : c->status == CASE_WITHDRAWN ? "已撤销" : "办理中";
}

/* The division a case is counted under: its code at the level grouped by
 * (003 附件2: 省/地市/县); "" when not grouped or the case has none. */
static void
group_of(const struct report_run *run, const struct case_state *c, char out[DIVISION_CODE_BUFSZ])
{
	out[0] = '\0';
	if (run->p.by && c->division[0])
		division_up(c->division, run->p.by, out);
}

/* The two leading columns of a grouped table. */
static const struct report_col group_cols[] = {
	TXT("division", "区划代码", 8),
	TXT("division-name", "行政区划", 24),
};
#define NGROUP (sizeof group_cols / sizeof group_cols[0])

/* cols with the group's columns in front when the run groups, in `all`
 * (static storage of n + NGROUP columns: a section keeps the pointer). */
static const struct report_col *
grouped_cols(const struct report_run *run, const struct report_col *cols, size_t n,
	     struct report_col *all, size_t *out_n)
{
	*out_n = n;
	if (!run->p.by)
		return cols;
	memcpy(all, group_cols, sizeof group_cols);
	memcpy(all + NGROUP, cols, n * sizeof *cols);
	*out_n = n + NGROUP;
	return all;
}

/* Fill a grouped row's leading cells; the row's own cells after them. */
static struct report_cell *
group_cells(struct report_run *run, struct report_cell *c, const char *group)
{
	char name[256];

	if (!run->p.by)
		return c;
	if (!group[0]) {
		c[0].text = "";
		c[1].text = "（未记录行政区划）";
	} else {
		division_full_name(run->p.divisions, group, name, sizeof name);
		c[0].text = arena_strdup(run->r->arena, group);
		c[1].text = arena_strdup(run->r->arena, name);
	}
	return c + NGROUP;
}

static void
group_meta(struct report_run *run)
{
	static const char *const how[] = {[DIV_PROVINCE] = "按省（003 附件2）",
					  [DIV_CITY] = "按地市（003 附件2）",
					  [DIV_COUNTY] = "按县（区）（003 附件2）"};

	if (run->p.by)
		report_add_meta(run->r, "分组", how[run->p.by]);
}

int
report_by_from_code(const char *code)
{
	if (strcmp(code, "province") == 0)
		return DIV_PROVINCE;
	if (strcmp(code, "city") == 0)
		return DIV_CITY;
	if (strcmp(code, "county") == 0)
		return DIV_COUNTY;
	return -1;
}

/* Filing: every case with a grid-upgrade filing open in the month — filed
 * on or before its last day, not energised (or withdrawn) before its first
 * (docs/domain §4.3: it stays on the list until energised). */
static void
add_filing(struct report_run *run, const struct case_state *c)
{
	struct report_arena *a = run->r->arena;
	struct filing_row *f;
	size_t i;

	if (!c->filed || c->filed_on == YK_DATE_NONE || c->filed_on > run->p.to)
		return;
	if (c->status != CASE_OPEN && c->closed_on != YK_DATE_NONE && c->closed_on < run->p.from)
		return;
	for (i = 0; i < run->nregions; i++)
		if (strcmp(run->regions[i], c->region) == 0)
			break;
	if (i == run->nregions && i < MAX_REGIONS)
		snprintf(run->regions[run->nregions++], sizeof run->regions[0], "%s", c->region);
	run->filing = xgrow(run->filing, &run->capfiling, run->nfiling + 1, sizeof *run->filing);
	f = &run->filing[run->nfiling++];
	group_of(run, c, f->group);
	f->case_no = arena_strdup(a, c->case_no);
	/* the list goes to the regulator: the region by its name (贵州) */
	f->region = arena_strdup(a, region_zh(run->p.rules, c->region));
	f->name = arena_strdup(a, c->name);
	f->address = arena_strdup(a, c->address);
	f->category = category_name_zh(c->category);
	f->unit = arena_strdup(a, c->unit);
	f->upgrade = arena_strdup(a, c->upgrade);
	f->why = arena_strdup(a, c->why);
	f->filed_by = arena_strdup(a, run->p.person ? run->p.person(run->p.person_ctx, c->filed_by)
						    : c->filed_by);
	f->status = status_zh(c);
	f->capacity = c->capacity;
	f->applied = c->applied;
	f->planned = c->filed_due;
	f->filed_on = c->filed_on;
	f->energised = c->done[STAGE_ENERGISE];
}

/* Benefit: cases energised in the period, by the columns of 003 附件3.
 * 三零 covers LV residents and LV non-residents of 160 kW and below; the
 * 其他用户 column takes LV charging points, which 000 (task 8) and 001
 * (row 41) put under the 三零 policy; 三省 is the HV service. LV
 * non-residents outside 三零 (lv-other) are in neither and are counted
 * apart so the total can be reconciled. */
static void
add_benefit(struct report_run *run, const struct case_state *c)
{
	yk_date d = c->done[STAGE_ENERGISE];
	int col;
	double kva;

	if (c->status != CASE_CLOSED || d == YK_DATE_NONE || d < run->p.from || d > run->p.to)
		return;
	switch (c->category) {
	case CAT_LV_RESIDENT:
		col = BEN_RESIDENT;
		break;
	case CAT_LV_SANLING:
		col = BEN_ENTERPRISE;
		break;
	case CAT_LV_CHARGING:
		col = BEN_OTHER;
		break;
	case CAT_HV_SINGLE:
	case CAT_HV_DUAL:
		col = BEN_SANSHENG;
		break;
	default:
		run->not_counted++;
		return;
	}
	kva = category_is_hv(c->category) ? c->capacity : c->capacity * REPORT_LV_KVA_PER_KW;
	run->households[col]++;
	/* what the grid invested to the property line is what the customer
	 * saved, once recorded; before that, the plan's estimate */
	run->invest[col] += c->cost_recorded ? c->grid_invested : c->investment_saved;
	run->kva[col] += kva;
	if (c->cost_recorded) {
		run->cost_n[col]++;
		run->paid[col] += c->customer_paid;
		run->grid[col] += c->grid_invested;
	}
}

/* 回访: the cases energised in the period, their follow-up as it stands
 * today (done, on time, overdue) and the scores given. */
static void
add_follow_up(struct report_run *run, const struct case_state *c)
{
	yk_date d = c->done[STAGE_ENERGISE];
	struct fu_stat *f = &run->fu[c->category];
	struct side_clock k;
	yk_error err;

	if (c->status != CASE_CLOSED || d == YK_DATE_NONE || d < run->p.from || d > run->p.to)
		return;
	if (case_follow_up_clock(c, case_follow_up_days(c, run->p.rules), run->p.cal, run->p.today, &k,
				 &err) < 0 || !k.has) {
		case_warning(run, c, err.msg);
		return;
	}
	f->energised++;
	f->done += k.done != YK_DATE_NONE;
	f->on_time += k.state == ES_DONE_ON_TIME;
	f->overdue += k.state == ES_OVERDUE;
	if (c->satisfaction >= 1 && c->satisfaction <= 5) {
		f->scored++;
		f->score_sum += c->satisfaction;
		f->dist[c->satisfaction - 1]++;
	}
}

static struct tl_stat *
tl_stat(struct report_run *run, const struct case_state *c, const char *code, const char *name,
	int order)
{
	struct tl_stat *s;
	enum yk_category cat = c->category;
	char group[DIVISION_CODE_BUFSZ];

	group_of(run, c, group);
	for (size_t i = 0; i < run->nstats; i++)
		if (run->stats[i].category == cat && strcmp(run->stats[i].code, code) == 0 &&
		    strcmp(run->stats[i].group, group) == 0)
			return &run->stats[i];
	run->stats = xgrow(run->stats, &run->capstats, run->nstats + 1, sizeof *run->stats);
	s = &run->stats[run->nstats++];
	memset(s, 0, sizeof *s);
	memcpy(s->group, group, sizeof s->group);
	s->category = cat;
	s->order = order;
	s->code = arena_strdup(run->r->arena, code);
	s->name = arena_strdup(run->r->arena, name);
	s->limit_min = s->limit_max = RULE_NO_LIMIT;
	return s;
}

static int
step_order(const char *code)
{
	char first[48];

	snprintf(first, sizeof first, "%s", code);
	first[strcspn(first, "+")] = '\0';
	return stage_from_code(first);
}

static void
note_limit(struct tl_stat *s, int limit)
{
	if (limit == RULE_NO_LIMIT)
		return;
	if (s->limit_min == RULE_NO_LIMIT || limit < s->limit_min)
		s->limit_min = limit;
	if (limit > s->limit_max)
		s->limit_max = limit;
}

static int
in_period(const struct report_run *run, yk_date d)
{
	return d != YK_DATE_NONE && d >= run->p.from && d <= run->p.to;
}

/* One clock: completed in the period → counted; late (completed late in
 * the period, or open and past a due date on or before the period's end)
 * → on the overdue list. */
static void
tl_clock(struct report_run *run, const struct case_state *c, const struct engine_clock *k,
	 const struct engine_clock *strict, const char *code, const char *name, int order)
{
	struct tl_stat *s = tl_stat(run, c, code, name, order);
	int late_done = k->state == ES_DONE_LATE && in_period(run, k->done);
	int late_open = k->state == ES_OVERDUE && k->due != YK_DATE_NONE && k->due <= run->p.to;

	note_limit(s, k->limit);
	if (in_period(run, k->done)) {
		s->done++;
		s->days += (double)k->elapsed;
		if (k->limit != RULE_NO_LIMIT) {
			s->timed++;
			s->on_time += k->state == ES_DONE_ON_TIME;
			s->on_time_strict += strict->state == ES_DONE_ON_TIME;
		}
	}
	if (late_open)
		s->overdue++;
	if (late_done || late_open) {
		struct overdue_row *o;

		run->overdue = xgrow(run->overdue, &run->capoverdue, run->noverdue + 1,
				     sizeof *run->overdue);
		o = &run->overdue[run->noverdue++];
		o->case_no = arena_strdup(run->r->arena, c->case_no);
		o->name = arena_strdup(run->r->arena, c->name);
		o->step = s->name;
		o->category = c->category;
		o->limit = k->limit;
		o->started = k->started;
		o->due = k->due;
		o->done = k->done;
		o->late_by = k->late_by;
		o->approval = k->approval;
		o->state = engine_state_zh(k->state);
	}
}

/* The case's clocks as the seeds count them: only the pauses they exempt
 * (不可抗力, 003 附件2-2 row 6 "除不可抗力外") stop the clock; every other
 * recorded pause counts. Same as r when the case has no other pause. */
static void
strict_clocks(struct report_run *run, const struct case_state *c, const struct engine_result *r,
	      struct engine_result *out)
{
	struct case_state s = *c;
	struct case_susp *keep;
	size_t n = 0;
	yk_error err;

	for (size_t i = 0; i < c->nsusp; i++)
		n += susp_reason_exempt(c->susp[i].reason);
	if (n == c->nsusp) {
		*out = *r;
		return;
	}
	run->paused++;
	keep = xcalloc(n ? n : 1, sizeof *keep);
	n = 0;
	for (size_t i = 0; i < c->nsusp; i++)
		if (susp_reason_exempt(c->susp[i].reason))
			keep[n++] = c->susp[i];
	s.susp = keep;
	s.nsusp = n;
	if (case_clocks(&s, run->p.rules, run->p.cal, run->p.today, out, NULL, &err) < 0)
		*out = *r;
	free(keep);
}

static void
add_timeliness(struct report_run *run, const struct case_state *c)
{
	struct engine_result r, st;
	yk_error err;

	if (case_clocks(c, run->p.rules, run->p.cal, run->p.today, &r, NULL, &err) < 0) {
		case_warning(run, c, err.msg);
		return;
	}
	if (!run->year_from || r.year_from < run->year_from)
		run->year_from = r.year_from;
	if (r.year_to > run->year_to)
		run->year_to = r.year_to;
	if (r.missing_year >= CAL_FIRST_YEAR && r.missing_year <= CAL_LAST_YEAR)
		run->missing[r.missing_year - CAL_FIRST_YEAR] = 1;
	strict_clocks(run, c, &r, &st);
	for (size_t i = 0; i < r.nsteps; i++)
		tl_clock(run, c, &r.steps[i], &st.steps[i], r.steps[i].code, r.steps[i].name,
			 step_order(r.steps[i].code));
	if (r.has_whole)
		tl_clock(run, c, &r.whole, &st.whole, "whole", "全过程", STAGE_COUNT);
	/* 外线工程行政审批: the authority's clocks, one row whatever the permit */
	for (size_t i = 0; i < r.npermits; i++)
		tl_clock(run, c, &r.permits[i], &r.permits[i], "approval", "外线工程行政审批",
			 STAGE_COUNT + 2);
	/* The case as a whole: on time only if every step and the whole
	 * process were (docs/domain §5.2), counted when energised. */
	if (c->status == CASE_CLOSED && in_period(run, c->done[STAGE_ENERGISE])) {
		struct tl_stat *s = tl_stat(run, c, "case", "整体（各环节均按时）",
					    STAGE_COUNT + 1);
		long days = 0;

		if (r.has_whole)
			days = r.whole.elapsed;
		else
			for (size_t i = 0; i < r.nsteps; i++)
				days += r.steps[i].elapsed;
		if (r.has_total)
			note_limit(s, r.total.limit);
		s->done++;
		s->days += (double)days;
		s->timed++;
		s->on_time += r.on_time;
		s->on_time_strict += st.on_time;
	}
	if (c->late_entries > 0) {
		struct late_row *l;

		run->late = xgrow(run->late, &run->caplate, run->nlate + 1, sizeof *run->late);
		l = &run->late[run->nlate++];
		l->case_no = arena_strdup(run->r->arena, c->case_no);
		l->name = arena_strdup(run->r->arena, c->name);
		l->status = status_zh(c);
		l->category = c->category;
		l->applied = c->applied;
		l->late = c->late_entries;
	}
	if (c->rerun_of[0]) {
		struct rerun_row *w;
		char b[YK_DATE_BUFSZ], why[320];

		run->reruns = xgrow(run->reruns, &run->capreruns, run->nreruns + 1, sizeof *run->reruns);
		w = &run->reruns[run->nreruns++];
		w->case_no = arena_strdup(run->r->arena, c->case_no);
		w->name = arena_strdup(run->r->arena, c->name);
		w->rerun_of = arena_strdup(run->r->arena, c->rerun_of);
		w->clock = c->rerun_keep ? "沿用原案件计时" : "重新计时";
		if (c->rerun_keep)
			snprintf(why, sizeof why, "自原案件受理日 %s 起算", date_format(c->applied, b));
		else
			snprintf(why, sizeof why, "%s", c->restart_reason);
		w->reason = arena_strdup(run->r->arena, why);
		w->status = status_zh(c);
		w->category = c->category;
		w->applied = c->applied;
	}
}

static struct sup_count *
sup_count(struct sup_count **v, size_t *n, size_t *cap, struct report_arena *a, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].key = arena_strdup(a, key);
	return &(*v)[(*n)++];
}

/* The office of a case number PREFIX-YEAR-OFFICE-SEQ (case_number). */
static const char *
case_office(struct report_arena *a, const char *case_no)
{
	const char *p = strchr(case_no, '-');
	const char *o = p ? strchr(p + 1, '-') : NULL;
	const char *e = o ? strchr(o + 1, '-') : NULL;

	return e ? arena_printf(a, "%.*s", (int)(e - o - 1), o + 1) : "";
}

/* 督办: an open case whose most urgent clock is overdue, due today or in
 * warning, counted for its customer manager (未指派 when none) and its
 * office. */
static void
add_supervision(struct report_run *run, const struct case_state *c)
{
	struct report_arena *a = run->r->arena;
	struct engine_result r;
	struct sup_row *s;
	int col;
	yk_error err;

	if (case_clocks(c, run->p.rules, run->p.cal, run->p.today, &r, NULL, &err) < 0) {
		case_warning(run, c, err.msg);
		return;
	}
	col = r.state == ES_OVERDUE ? 0 : r.state == ES_DUE_TODAY ? 1 : r.state == ES_WARNING ? 2 : -1;
	if (col < 0 || c->status != CASE_OPEN)
		return;
	run->sup = xgrow(run->sup, &run->capsup, run->nsup + 1, sizeof *run->sup);
	s = &run->sup[run->nsup++];
	s->case_no = arena_strdup(a, c->case_no);
	s->name = arena_strdup(a, c->name);
	s->office = case_office(a, c->case_no);
	s->cm = c->customer_manager[0] ? arena_strdup(a, c->customer_manager) : "未指派";
	s->pm = arena_strdup(a, c->project_manager);
	s->step = "";
	for (size_t i = 0; i < r.nsteps; i++)
		if (strcmp(r.steps[i].code, r.current) == 0)
			s->step = arena_strdup(a, r.steps[i].name);
	s->category = c->category;
	s->state = r.state;
	s->left = r.days_left;
	s->due = r.next_due;
	sup_count(&run->owners, &run->nowners, &run->capowners, a, s->cm)->n[col]++;
	if (s->pm[0])
		sup_count(&run->owners, &run->nowners, &run->capowners, a, s->pm)->n[col]++;
	sup_count(&run->offices, &run->noffices, &run->capoffices, a, s->office)->n[col]++;
}

int
report_add(void *vrun, const struct case_state *c)
{
	struct report_run *run = vrun;

	if (run->p.region && strcmp(c->region, run->p.region) != 0)
		return 0;
	run->cases++;
	switch (run->p.kind) {
	case REPORT_FILING:
		add_filing(run, c);
		break;
	case REPORT_BENEFIT:
		add_benefit(run, c);
		break;
	case REPORT_TIMELINESS:
		add_timeliness(run, c);
		add_follow_up(run, c);
		break;
	case REPORT_SUPERVISION:
		add_supervision(run, c);
		break;
	}
	return 0;
}

/* ---- building the tables ------------------------------------------------ */

static void
period_meta(struct report_run *run)
{
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], buf[64];

	snprintf(buf, sizeof buf, "%s 至 %s", date_format(run->p.from, b1), date_format(run->p.to, b2));
	report_add_meta(run->r, "统计期间", buf);
}

static void
made_meta(struct report_run *run)
{
	char b[YK_DATE_BUFSZ];

	report_add_meta(run->r, "制表日期", date_format(run->p.today, b));
}

static const struct report_col filing_cols[] = {
	{"no", "序号", RT_INT, 0, 4, RM_NONE, 0},
	TXT("case-no", "案件编号", 20),
	TXT("region", "地区", 9),
	TXT("name", "项目名称（客户名称）", 24),
	TXT("address", "项目地址", 30),
	TXT("category", "用户类别", 16),
	{"capacity", "报装容量", RT_NUM, REPORT_DEC_AUTO, 8, RM_NONE, 0},
	TXT("unit", "单位", 4),
	DAT("applied", "申请日期"),
	TXT("upgrade", "需升级改造内容", 24),
	TXT("why", "无法满足时限原因", 30),
	DAT("planned", "计划完成日期"),
	TXT("filed-by", "备案人", 8),
	DAT("filed-on", "备案日期"),
	DAT("energised", "接电日期"),
	TXT("status", "状态", 6),
};

static int
cmp_region(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int
cmp_filing(const void *a, const void *b)
{
	const struct filing_row *x = a, *y = b;
	int g = strcmp(x->group, y->group);

	if (g)
		return g;
	if (x->filed_on != y->filed_on)
		return x->filed_on < y->filed_on ? -1 : 1;
	return strcmp(x->case_no, y->case_no);
}

/* Recipients and due day of one region's filing, from the profile in force
 * at the month's end (the duty to file is today's, whatever profile the
 * case applied under). */
static void
filing_region_meta(struct report_run *run, const char *region, int several)
{
	const struct rule_profile *p;
	yk_error err;
	char key[96], buf[512], b[YK_DATE_BUFSZ];

	if (!run->p.rules)
		return;
	p = rules_find(run->p.rules, region, run->p.to, &err);
	snprintf(key, sizeof key, several ? "时限规则（%s）" : "时限规则", region);
	if (!p) {
		report_add_meta(run->r, key, err.msg);
		return;
	}
	/* documents name the region in Chinese and cite the policy by its
	 * official name and number */
	region = p->region_name[0] ? p->region_name : region;
	snprintf(key, sizeof key, several ? "时限规则（%s）" : "时限规则", region);
	report_add_meta(run->r, key, p->policy[0] ? p->policy : p->id);
	snprintf(key, sizeof key, several ? "报送对象（%s）" : "报送对象", region);
	report_add_meta(run->r, key, p->filing_to[0] ? p->filing_to : "（本地区规则未规定备案对象）");
	snprintf(key, sizeof key, several ? "报送期限（%s）" : "报送期限", region);
	if (p->filing_due_day > 0) {
		int y, m, d;
		yk_date due;

		/* the due day of the report's own month, clamped to its length */
		date_to_ymd(run->p.to, &y, &m, &d);
		due = date_from_ymd(y, m, p->filing_due_day <= d ? p->filing_due_day : d);
		snprintf(buf, sizeof buf, "%s 前（%s）", date_format(due, b), p->filing_due);
	} else {
		snprintf(buf, sizeof buf, "%s", p->filing_due[0] ? p->filing_due : "按月报送");
	}
	report_add_meta(run->r, key, buf);
}

static void
finish_filing(struct report_run *run)
{
	struct report *r = run->r;
	struct report_section *s;
	int y, m, d;
	char buf[128];

	date_to_ymd(run->p.from, &y, &m, &d);
	r->title = arena_printf(r->arena, "电网升级改造无法满足接电时限项目备案表（%04d年%02d月）", y, m);
	snprintf(buf, sizeof buf, "%04d-%02d", y, m);
	report_add_meta(r, "备案月份", buf);
	report_add_meta(r, "地区", run->p.region ? region_zh(run->p.rules, run->p.region) : "全部");
	if (run->p.region) {
		filing_region_meta(run, run->p.region, 0);
	} else {
		/* cases come in no particular order: name the regions in one */
		qsort(run->regions, run->nregions, sizeof run->regions[0], cmp_region);
		for (size_t i = 0; i < run->nregions; i++)
			filing_region_meta(run, run->regions[i], 1);
	}
	report_add_meta(r, "纳入口径", "当月月末前已备案、且当月月初前未装表接电（或撤销）的低压用户");
	snprintf(buf, sizeof buf, "%zu", run->nfiling);
	report_add_meta(r, "项目数", buf);
	group_meta(run);
	made_meta(run);
	if (run->nfiling)
		qsort(run->filing, run->nfiling, sizeof *run->filing, cmp_filing);
	{
		static struct report_col all[sizeof filing_cols / sizeof filing_cols[0] + NGROUP];
		size_t n;
		const struct report_col *cols =
			grouped_cols(run, filing_cols, sizeof filing_cols / sizeof filing_cols[0], all, &n);

		s = section_add(r, "备案项目", cols, n);
	}
	for (size_t i = 0; i < run->nfiling; i++) {
		const struct filing_row *f = &run->filing[i];
		struct report_cell *c = group_cells(run, row_add(s), f->group);

		set_num(&c[0], (double)(i + 1));
		c[1].text = f->case_no;
		c[2].text = f->region;
		c[3].text = f->name;
		c[4].text = f->address;
		c[5].text = f->category;
		set_num(&c[6], f->capacity);
		c[7].text = f->unit;
		c[8].date = f->applied;
		c[9].text = f->upgrade;
		c[10].text = f->why;
		c[11].date = f->planned;
		c[12].text = f->filed_by;
		c[13].date = f->filed_on;
		c[14].date = f->energised;
		c[15].text = f->status;
	}
}

static const struct report_col benefit_cols[] = {
	TXT("item", "统计内容", 22),
	{"sanling-resident", "“三零”服务效益·居民用户", RT_NUM, REPORT_DEC_AUTO, 12, RM_NONE, 0},
	{"sanling-enterprise", "“三零”服务效益·160kW及以下的企业用户", RT_NUM, REPORT_DEC_AUTO, 14, RM_NONE, 0},
	{"sanling-other", "“三零”服务效益·其他用户", RT_NUM, REPORT_DEC_AUTO, 12, RM_NONE, 0},
	{"sansheng", "“三省”服务效益", RT_NUM, REPORT_DEC_AUTO, 12, RM_NONE, 0},
	{"total", "合计", RT_NUM, REPORT_DEC_AUTO, 10, RM_NONE, 0},
};

static void
benefit_row(struct report_section *s, const char *item, const double v[BEN_NCOLS], int blank)
{
	struct report_cell *c = row_add(s);
	double total = 0;

	c[0].text = item;
	if (blank)
		return;
	for (int i = 0; i < BEN_NCOLS; i++) {
		set_num(&c[1 + i], round4(v[i]));
		total += v[i];
	}
	set_num(&c[1 + BEN_NCOLS], round4(total));
}

static void
finish_benefit(struct report_run *run)
{
	struct report *r = run->r;
	struct report_section *s;
	double v[BEN_NCOLS];
	char buf[160];

	r->title = "“三零”“三省”服务效益统计表";
	period_meta(run);
	report_add_meta(r, "统计口径", "统计期间内装表接电的案件；居民用户=低压居民，"
			       "160kW及以下的企业用户=低压非居民（实行“三零”），其他用户=低压充电设施，"
			       "“三省”=高压用户");
	report_add_meta(r, "容量折算", "低压报装容量按 1 千瓦 = 1 千伏安计，高压按报装千伏安数；合计后除以 10000");
	report_add_meta(r, "增加售电量", "本工具不记录用电量，此行不填");
	report_add_meta(r, "投资口径", "已登记费用（cost）的案件以电网投资额计为节省的投资，"
			       "其余按供电方案答复时填写的金额");
	snprintf(buf, sizeof buf, "%ld 户（低压非居民，未实行“三零”，不属本表统计范围）", run->not_counted);
	report_add_meta(r, "未计入", buf);
	made_meta(run);
	s = section_add(r, "服务效益", benefit_cols, sizeof benefit_cols / sizeof benefit_cols[0]);
	for (int i = 0; i < BEN_NCOLS; i++)
		v[i] = (double)run->households[i];
	benefit_row(s, "受益户数（户）", v, 0);
	benefit_row(s, "节省投资（万元）", run->invest, 0);
	benefit_row(s, "增加售电量（万千瓦时）", v, 1);
	for (int i = 0; i < BEN_NCOLS; i++)
		v[i] = run->kva[i] / 10000.0;
	benefit_row(s, "增加容量（万千伏安）", v, 0);
	/* 投资界面延伸 (003 附件1 rows 33-38): both sides of the property line */
	s = section_add(r, "投资界面", benefit_cols, sizeof benefit_cols / sizeof benefit_cols[0]);
	for (int i = 0; i < BEN_NCOLS; i++)
		v[i] = (double)run->cost_n[i];
	benefit_row(s, "已登记费用户数（户）", v, 0);
	benefit_row(s, "客户承担费用（万元）", run->paid, 0);
	benefit_row(s, "电网投资至红线（万元）", run->grid, 0);
}

static const struct report_col tl_cols[] = {
	TXT("category", "用户类别", 16),
	TXT("step", "环节", 20),
	{"limit", "时限(工作日)", RT_TEXT, 0, 12, RM_NONE, 1},
	{"done", "完成件数", RT_INT, 0, 8, RM_NONE, 0},
	{"avg-days", "平均用时(工作日)", RT_NUM, 1, 16, RM_NONE, 0},
	{"on-time", "按时件数", RT_INT, 0, 8, RM_NONE, 0},
	{"on-time-rate", "按时率(%)", RT_NUM, 1, 9, RM_NONE, 0},
	{"overdue", "超期未完成", RT_INT, 0, 10, RM_NONE, 0},
};

static const struct report_col pause_cols[] = {
	TXT("category", "用户类别", 16),
	TXT("step", "环节", 20),
	{"timed", "计时件数", RT_INT, 0, 8, RM_NONE, 0},
	{"on-time", "按时件数(计全部停表)", RT_INT, 0, 10, RM_NONE, 0},
	{"on-time-rate", "按时率(%)(计全部停表)", RT_NUM, 1, 10, RM_NONE, 0},
	{"on-time-exempt", "按时件数(仅不可抗力停表)", RT_INT, 0, 10, RM_NONE, 0},
	{"on-time-rate-exempt", "按时率(%)(仅不可抗力停表)", RT_NUM, 1, 10, RM_NONE, 0},
};

static const struct report_col overdue_cols[] = {
	TXT("case-no", "案件编号", 20),
	TXT("name", "客户名称", 20),
	TXT("category", "用户类别", 16),
	TXT("step", "环节", 16),
	{"limit", "时限(工作日)", RT_INT, 0, 12, RM_NONE, 0},
	DAT("started", "开始日期"),
	DAT("due", "到期日期"),
	DAT("done", "完成日期"),
	{"late-by", "超期(工作日)", RT_INT, 0, 12, RM_NONE, 0},
	TXT("state", "状态", 8),
	/* of the working days used, those while an external-works permit was
	 * pending: the delays that were the approval's */
	{"approval", "其中审批(工作日)", RT_INT, 0, 14, RM_NONE, 0},
};

static const struct report_col late_cols[] = {
	TXT("case-no", "案件编号", 20),
	TXT("name", "客户名称", 20),
	TXT("category", "用户类别", 16),
	DAT("applied", "申请日期"),
	{"late-entries", "补录次数", RT_INT, 0, 8, RM_NONE, 0},
	TXT("status", "状态", 8),
};

static const struct report_col rerun_cols[] = {
	TXT("case-no", "案件编号", 20),
	TXT("name", "客户名称", 20),
	TXT("category", "用户类别", 16),
	TXT("rerun-of", "撤销的原案件", 20),
	TXT("clock", "时限", 14),
	TXT("reason", "重新计时原因/起算", 24),
	TXT("status", "状态", 8),
};

static int
cmp_rerun(const void *a, const void *b)
{
	return strcmp(((const struct rerun_row *)a)->case_no, ((const struct rerun_row *)b)->case_no);
}

static int
cmp_stat(const void *a, const void *b)
{
	const struct tl_stat *x = a, *y = b;
	int g = strcmp(x->group, y->group);

	if (g)
		return g;
	if (x->category != y->category)
		return x->category < y->category ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int
cmp_overdue(const void *a, const void *b)
{
	const struct overdue_row *x = a, *y = b;
	int c = strcmp(x->case_no, y->case_no);

	if (c)
		return c;
	return x->due < y->due ? -1 : x->due > y->due;
}

static int
cmp_late(const void *a, const void *b)
{
	const struct late_row *x = a, *y = b;

	return strcmp(x->case_no, y->case_no);
}

static const struct report_col fu_cols[] = {
	TXT("category", "用户类别", 16),
	{"energised", "接电件数", RT_INT, 0, 8, RM_NONE, 0},
	{"followed-up", "已回访", RT_INT, 0, 6, RM_NONE, 0},
	{"on-time", "按期回访", RT_INT, 0, 8, RM_NONE, 0},
	{"overdue", "回访超期", RT_INT, 0, 8, RM_NONE, 0},
	{"scored", "评价件数", RT_INT, 0, 8, RM_NONE, 0},
	{"avg-score", "平均评分", RT_NUM, 2, 8, RM_NONE, 0},
	{"satisfied-rate", "满意率(%)", RT_NUM, 1, 9, RM_NONE, 0},
	{"score-5", "5分", RT_INT, 0, 4, RM_NONE, 0},
	{"score-4", "4分", RT_INT, 0, 4, RM_NONE, 0},
	{"score-3", "3分", RT_INT, 0, 4, RM_NONE, 0},
	{"score-2", "2分", RT_INT, 0, 4, RM_NONE, 0},
	{"score-1", "1分", RT_INT, 0, 4, RM_NONE, 0},
};

/* 回访与服务评价 (003 附件1 row 22, 004 附件2 row 28): per category of the
 * cases energised in the period; 满意 = a score of 4 or 5. */
static void
follow_up_section(struct report_run *run)
{
	struct report_section *s = section_add(run->r, "回访与服务评价", fu_cols, sizeof fu_cols / sizeof fu_cols[0]);

	for (int cat = 0; cat < CAT_COUNT; cat++) {
		const struct fu_stat *f = &run->fu[cat];
		struct report_cell *c;

		if (!f->energised)
			continue;
		c = row_add(s);
		c[0].text = category_name_zh((enum yk_category)cat);
		set_num(&c[1], (double)f->energised);
		set_num(&c[2], (double)f->done);
		set_num(&c[3], (double)f->on_time);
		set_num(&c[4], (double)f->overdue);
		set_num(&c[5], (double)f->scored);
		if (f->scored) {
			set_num(&c[6], round((double)f->score_sum * 100 / (double)f->scored) / 100);
			set_num(&c[7], round((double)(f->dist[3] + f->dist[4]) * 1000 / (double)f->scored) / 10);
		}
		for (int k = 0; k < 5; k++)
			set_num(&c[8 + k], (double)f->dist[4 - k]);
	}
}

static void
finish_timeliness(struct report_run *run)
{
	struct report *r = run->r;
	struct report_section *s;
	char buf[256];
	size_t len = 0;

	r->title = "用电报装办理时限统计";
	period_meta(run);
	report_add_meta(r, "统计口径", "各环节：统计期间内完成的环节；整体：统计期间内装表接电的案件，"
			       "各环节及全过程均按时方为按时；超期清单：期间内超时完成的环节及期末前已到期仍未完成的环节");
	if (run->year_from) {
		snprintf(buf, sizeof buf, "%d-%d", run->year_from, run->year_to);
		report_add_meta(r, "工作日历", buf);
	}
	buf[0] = '\0';
	for (int y = 0; y <= CAL_LAST_YEAR - CAL_FIRST_YEAR; y++)
		if (run->missing[y])
			len += (size_t)snprintf(buf + len, len < sizeof buf ? sizeof buf - len : 0,
						"%s%d 年的日历没有载入——只按周末计",
						len ? "，" : "", CAL_FIRST_YEAR + y);
	if (buf[0]) {
		report_add_meta(r, "注意", buf);
		warning_add(r, buf);
	}
	group_meta(run);
	made_meta(run);

	if (run->nstats)
		qsort(run->stats, run->nstats, sizeof *run->stats, cmp_stat);
	{
		static struct report_col all[sizeof tl_cols / sizeof tl_cols[0] + NGROUP];
		size_t n;
		const struct report_col *cols =
			grouped_cols(run, tl_cols, sizeof tl_cols / sizeof tl_cols[0], all, &n);

		s = section_add(r, "分类别分环节", cols, n);
	}
	for (size_t i = 0; i < run->nstats; i++) {
		const struct tl_stat *t = &run->stats[i];
		struct report_cell *c;

		/* a step of a case in the period that neither completed in it
		 * nor is overdue says nothing */
		if (t->done == 0 && t->overdue == 0)
			continue;
		c = group_cells(run, row_add(s), t->group);

		c[0].text = category_name_zh(t->category);
		c[1].text = t->name;
		if (t->limit_min == RULE_NO_LIMIT)
			c[2].text = "不限";
		else if (t->limit_min == t->limit_max)
			c[2].text = arena_printf(r->arena, "%d", t->limit_min);
		else
			/* "5～15", not "5-15", which a spreadsheet opening the CSV
			 * turns into the date 15 May */
			c[2].text = arena_printf(r->arena, "%d～%d", t->limit_min, t->limit_max);
		set_num(&c[3], (double)t->done);
		if (t->done)
			set_num(&c[4], round(t->days / (double)t->done * 10) / 10);
		if (t->timed) {
			set_num(&c[5], (double)t->on_time);
			set_num(&c[6], round((double)t->on_time * 1000 / (double)t->timed) / 10);
		}
		set_num(&c[7], (double)t->overdue);
	}
	follow_up_section(run);
	if (run->noverdue)
		qsort(run->overdue, run->noverdue, sizeof *run->overdue, cmp_overdue);
	s = section_add(r, "超期清单", overdue_cols, sizeof overdue_cols / sizeof overdue_cols[0]);
	for (size_t i = 0; i < run->noverdue; i++) {
		const struct overdue_row *o = &run->overdue[i];
		struct report_cell *c = row_add(s);

		c[0].text = o->case_no;
		c[1].text = o->name;
		c[2].text = category_name_zh(o->category);
		c[3].text = o->step;
		if (o->limit != RULE_NO_LIMIT)
			set_num(&c[4], o->limit);
		c[5].date = o->started;
		c[6].date = o->due;
		c[7].date = o->done;
		set_num(&c[8], (double)o->late_by);
		c[9].text = o->state;
		if (o->approval)
			set_num(&c[10], (double)o->approval);
	}
	if (run->nlate)
		qsort(run->late, run->nlate, sizeof *run->late, cmp_late);
	s = section_add(r, "补录清单", late_cols, sizeof late_cols / sizeof late_cols[0]);
	for (size_t i = 0; i < run->nlate; i++) {
		const struct late_row *l = &run->late[i];
		struct report_cell *c = row_add(s);

		c[0].text = l->case_no;
		c[1].text = l->name;
		c[2].text = category_name_zh(l->category);
		c[3].date = l->applied;
		set_num(&c[4], l->late);
		c[5].text = l->status;
	}
	/* 重走 (003 row 15): re-opened within 30 days of a withdrawal */
	if (run->nreruns)
		qsort(run->reruns, run->nreruns, sizeof *run->reruns, cmp_rerun);
	s = section_add(r, "重走清单", rerun_cols, sizeof rerun_cols / sizeof rerun_cols[0]);
	for (size_t i = 0; i < run->nreruns; i++) {
		const struct rerun_row *w = &run->reruns[i];
		struct report_cell *c = row_add(s);

		c[0].text = w->case_no;
		c[1].text = w->name;
		c[2].text = category_name_zh(w->category);
		c[3].text = w->rerun_of;
		c[4].text = w->clock;
		c[5].text = w->reason;
		c[6].text = w->status;
	}
	/* 停表口径: the on-time rate with every recorded pause and with only the
	 * pauses the seeds exempt (不可抗力, 003 附件2-2 row 6). Without a pause
	 * the seeds do not exempt the two views are one: the table is left out. */
	if (!run->paused)
		return;
	s = section_add(r, "停表口径对比", pause_cols, sizeof pause_cols / sizeof pause_cols[0]);
	for (size_t i = 0; i < run->nstats; i++) {
		const struct tl_stat *t = &run->stats[i];
		struct report_cell *c;

		if (!t->timed)
			continue;
		c = row_add(s);
		c[0].text = category_name_zh(t->category);
		c[1].text = t->name;
		set_num(&c[2], (double)t->timed);
		set_num(&c[3], (double)t->on_time);
		set_num(&c[4], round((double)t->on_time * 1000 / (double)t->timed) / 10);
		set_num(&c[5], (double)t->on_time_strict);
		set_num(&c[6], round((double)t->on_time_strict * 1000 / (double)t->timed) / 10);
	}
}

static const struct report_col sup_count_cols[] = {
	TXT("who", "责任人", 16),
	{"overdue", "超期", RT_INT, 0, 6, RM_NONE, 0},
	{"due-today", "今日到期", RT_INT, 0, 8, RM_NONE, 0},
	{"warning", "预警", RT_INT, 0, 6, RM_NONE, 0},
	{"total", "合计", RT_INT, 0, 6, RM_NONE, 0},
};

static const struct report_col sup_office_cols[] = {
	TXT("office", "供电所", 10),
	{"overdue", "超期", RT_INT, 0, 6, RM_NONE, 0},
	{"due-today", "今日到期", RT_INT, 0, 8, RM_NONE, 0},
	{"warning", "预警", RT_INT, 0, 6, RM_NONE, 0},
	{"total", "合计", RT_INT, 0, 6, RM_NONE, 0},
};

static const struct report_col sup_cols[] = {
	TXT("case-no", "案件编号", 20),
	TXT("name", "客户名称", 20),
	TXT("category", "用户类别", 16),
	TXT("office", "供电所", 8),
	TXT("customer-manager", "客户经理", 10),
	TXT("project-manager", "项目经理", 10),
	TXT("step", "当前环节", 16),
	TXT("state", "状态", 8),
	{"days-left", "剩余(工作日)", RT_INT, 0, 12, RM_NONE, 0},
	DAT("due", "到期日期"),
};

static int
cmp_sup(const void *a, const void *b)
{
	const struct sup_row *x = a, *y = b;
	int c = engine_urgency_cmp(x->state, x->left, x->due, y->state, y->left, y->due);

	return c ? c : strcmp(x->case_no, y->case_no);
}

static int
cmp_sup_count(const void *a, const void *b)
{
	return strcmp(((const struct sup_count *)a)->key, ((const struct sup_count *)b)->key);
}

static void
sup_counts(struct report *r, const char *title, const struct report_col *cols,
	   struct sup_count *v, size_t n)
{
	struct report_section *s = section_add(r, title, cols, 5);

	if (n)
		qsort(v, n, sizeof *v, cmp_sup_count);
	for (size_t i = 0; i < n; i++) {
		struct report_cell *c = row_add(s);

		c[0].text = v[i].key;
		for (int k = 0; k < 3; k++)
			set_num(&c[1 + k], (double)v[i].n[k]);
		set_num(&c[4], (double)(v[i].n[0] + v[i].n[1] + v[i].n[2]));
	}
}

static void
finish_supervision(struct report_run *run)
{
	struct report *r = run->r;
	struct report_section *s;

	r->title = "督办清单";
	report_add_meta(r, "统计口径", "在办案件中最紧迫时限为超期、今日到期或预警者；"
			       "按客户经理（未指派者单列）及项目经理、按供电所（案件编号中的所别）统计");
	made_meta(run);
	sup_counts(r, "按责任人", sup_count_cols, run->owners, run->nowners);
	sup_counts(r, "按供电所", sup_office_cols, run->offices, run->noffices);
	if (run->nsup)
		qsort(run->sup, run->nsup, sizeof *run->sup, cmp_sup);
	s = section_add(r, "督办案件", sup_cols, sizeof sup_cols / sizeof sup_cols[0]);
	for (size_t i = 0; i < run->nsup; i++) {
		const struct sup_row *o = &run->sup[i];
		struct report_cell *c = row_add(s);

		c[0].text = o->case_no;
		c[1].text = o->name;
		c[2].text = category_name_zh(o->category);
		c[3].text = o->office;
		c[4].text = o->cm;
		c[5].text = o->pm;
		c[6].text = o->step;
		c[7].text = engine_state_zh(o->state);
		set_num(&c[8], (double)o->left);
		c[9].date = o->due;
	}
}

static void
free_run(struct report_run *run)
{
	free(run->sup);
	free(run->owners);
	free(run->offices);
	free(run->filing);
	free(run->stats);
	free(run->overdue);
	free(run->late);
	free(run->reruns);
	free(run);
}

struct report *
report_finish(struct report_run *run)
{
	struct report *r = run->r;

	switch (run->p.kind) {
	case REPORT_FILING:
		finish_filing(run);
		break;
	case REPORT_BENEFIT:
		finish_benefit(run);
		break;
	case REPORT_TIMELINESS:
		finish_timeliness(run);
		break;
	case REPORT_SUPERVISION:
		finish_supervision(run);
		break;
	}
	if (run->errors > MAX_WARNINGS) {
		char buf[96];

		snprintf(buf, sizeof buf, "… and %ld more cases that could not be counted",
			 run->errors - MAX_WARNINGS);
		warning_add(r, buf);
	}
	r->uncounted = run->errors;
	if (run->errors) {
		char buf[96];

		snprintf(buf, sizeof buf, "%ld 件（无法计算时限，见警告）", run->errors);
		report_add_meta(r, "未计入", buf);
	}
	free_run(run);
	return r;
}

void
report_abandon(struct report_run *run)
{
	if (!run)
		return;
	report_free(run->r);
	free_run(run);
}
