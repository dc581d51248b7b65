#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/ui/curses.h"
#include "yekuo/store/export.h"
#include "yekuo/store/seals.h"
#include "yekuo/core/report.h"
#include "yekuo/core/rules.h"
#include "yekuo/store/store.h"
#include "yekuo/store/views.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/print.h"
#include "yekuo/ui/report.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/app.h"

/* Regions offered at most (one per rule profile region), plus "all". */
#define REPORT_REGIONS_MAX 33
/* A column is never drawn wider than this (the cell is cut with "…";
 * Enter shows the whole row on the message line). */
#define REPORT_COL_MAX 36
/* Blank columns between two table columns. */
#define REPORT_COL_GAP 2
/* Cells of a bar: one per 5 %. */
#define REPORT_BAR_CELLS 20
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

enum rep_state { RS_PARAMS, RS_VIEW, RS_EXPORT };

enum rline_kind { RL_TEXT, RL_RULE, RL_HEAD, RL_ROW, RL_BAR };

/* One line of the report as the list shows it. */
struct rline {
	enum rline_kind kind;
	enum ui_tone tone;
	size_t sec, row;		/* RL_HEAD, RL_ROW */
	char *text;			/* RL_TEXT, RL_RULE; RL_BAR: the category */
	double rate;			/* RL_BAR */
};

struct rep {
	struct ui_screen base;
	struct ui *ui;
	enum rep_state state;
	struct ui_form params;
	struct ui_form exp;		/* the file name prompt */
	struct ui_option regions[REPORT_REGIONS_MAX];
	size_t nregions;
	/* the report shown, and what it was asked for */
	struct report *r;
	enum report_kind kind;
	char region[32];
	char name[96];			/* "filing-2026-03": the default file name */
	char heading[256];
	int **widths;			/* per section, per column */
	struct rline *lines;
	size_t nlines, caplines;
	int bar_label_w;
	struct ui_list list;
	size_t skip;			/* table columns scrolled off after the first */
	size_t maxcols;
};

static void rep_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r);

static const struct ui_option kinds[] = {
	{.code = "filing", .label = N_("电网升级改造备案表（每月）")},
	{.code = "benefit", .label = N_("“三零”“三省”服务效益统计表")},
	{.code = "timeliness", .label = N_("办电时限统计")},
	{.code = "supervision", .label = N_("督办清单（超期、今日到期、预警）")},
};

static const struct ui_field_def param_fields[] = {
	{.kind = UF_CHOICE, .key = "kind", .label = NC_("label", "报表"), .required = 1},
	{.kind = UF_TEXT, .key = "month", .label = N_("月份"), .required = 1, .max = 7, .hint = "YYYY-MM"},
	{.kind = UF_DATE, .key = "from", .label = N_("起始日期"), .required = 1, .max = 10, .hint = "YYYY-MM-DD"},
	{.kind = UF_DATE, .key = "to", .label = N_("截止日期"), .required = 1, .max = 10, .hint = "YYYY-MM-DD"},
	{.kind = UF_CHOICE, .key = "region", .label = N_("地区")},
	{.kind = UF_CHOICE, .key = "by", .label = N_("分组")},
	{.kind = UF_INFO, .key = "about", .label = N_("说明")},
	{.kind = UF_INFO, .label = NULL},
};

static void
set_state(struct rep *R, enum rep_state st)
{
	R->state = st;
}

/* ---- cells ------------------------------------------------------------------- */

static int
is_number(const struct report_col *c)
{
	return c->type == RT_INT || c->type == RT_NUM;
}

/* A cell as the CLI's text report writes it: ID numbers and phones masked. */
static const char *
cell_str(const struct report_col *c, const struct report_cell *v, char *buf, size_t bufsz)
{
	return export_cell_text(c, v, 0, buf, bufsz);
}

static int
col_index(const struct report_section *s, const char *key)
{
	for (size_t c = 0; c < s->ncols; c++)
		if (strcmp(s->cols[c].key, key) == 0)
			return (int)c;
	return -1;
}

/* ---- building the lines -------------------------------------------------------- */

static struct rline *
add_line(struct rep *R, enum rline_kind kind, enum ui_tone tone)
{
	struct rline *l;

	R->lines = xgrow(R->lines, &R->caplines, R->nlines + 1, sizeof *R->lines);
	l = &R->lines[R->nlines++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->tone = tone;
	return l;
}

static void
add_text(struct rep *R, enum rline_kind kind, enum ui_tone tone, const char *fmt, ...) YK_PRINTF(4, 5);

static void
add_text(struct rep *R, enum rline_kind kind, enum ui_tone tone, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	struct rline *l;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	l = add_line(R, kind, tone);
	l->text = xstrdup(buf);
}

static void
free_view(struct rep *R)
{
	for (size_t i = 0; i < R->nlines; i++)
		free(R->lines[i].text);
	R->nlines = 0;
	if (R->widths && R->r)
		for (size_t s = 0; s < R->r->nsections; s++)
			free(R->widths[s]);
	free(R->widths);
	R->widths = NULL;
	report_free(R->r);
	R->r = NULL;
	R->maxcols = 0;
	R->skip = 0;
}

/* Each column as wide as its widest cell or its title, at most REPORT_COL_MAX. */
static void
fit_widths(struct rep *R)
{
	char buf[VALIDATE_MASK_BUFSZ + 64];

	R->widths = xcalloc(R->r->nsections, sizeof *R->widths);
	for (size_t si = 0; si < R->r->nsections; si++) {
		const struct report_section *s = &R->r->sections[si];
		int *w = xcalloc(s->ncols ? s->ncols : 1, sizeof *w);

		for (size_t c = 0; c < s->ncols; c++) {
			w[c] = text_width(s->cols[c].title);
			for (size_t row = 0; row < s->nrows; row++) {
				int k = text_width(cell_str(&s->cols[c], report_cell_at(s, row, c), buf,
							    sizeof buf));

				if (k > w[c])
					w[c] = k;
			}
			if (w[c] > REPORT_COL_MAX)
				w[c] = REPORT_COL_MAX;
		}
		if (s->ncols > R->maxcols)
			R->maxcols = s->ncols;
		R->widths[si] = w;
	}
}

/* Timeliness: one bar per category, from its 整体 row (cases energised in
 * the period, on time only if every step and the whole process were). */
static void
add_bars(struct rep *R)
{
	const struct report_section *s = R->r->nsections ? &R->r->sections[0] : NULL;
	int ccat, cstep, crate;
	size_t n = 0;

	if (!s)
		return;
	ccat = col_index(s, "category");
	cstep = col_index(s, "step");
	crate = col_index(s, "on-time-rate");
	if (ccat < 0 || cstep < 0 || crate < 0)
		return;
	add_text(R, RL_RULE, UI_TONE_FOCUS, _("按时率（按类别：期间内装表接电的案件，各环节及全过程均按时）"));
	R->bar_label_w = 0;
	for (size_t row = 0; row < s->nrows; row++) {
		const struct report_cell *st = report_cell_at(s, row, (size_t)cstep);
		const struct report_cell *cat = report_cell_at(s, row, (size_t)ccat);
		const struct report_cell *rate = report_cell_at(s, row, (size_t)crate);
		struct rline *l;

		if (!st->text || strncmp(st->text, "整体", strlen("整体")) != 0 || rate->empty || !cat->text)
			continue;
		l = add_line(R, RL_BAR, UI_TONE_NORMAL);
		l->text = xstrdup(cat->text);
		l->rate = rate->num;
		if (text_width(cat->text) > R->bar_label_w)
			R->bar_label_w = text_width(cat->text);
		n++;
	}
	if (!n)
		add_text(R, RL_TEXT, UI_TONE_DIM, _("  （期间内没有装表接电的案件）"));
	add_text(R, RL_TEXT, UI_TONE_NORMAL, "%s", "");
}

static void
build_lines(struct rep *R)
{
	const struct report *r = R->r;

	/* the report itself is a document for the authorities: Chinese in
	 * any locale, as its files (docs/i18n.md "Names in tables") */
	add_text(R, RL_TEXT, UI_TONE_FOCUS, "%s", r->title ? r->title : "");
	for (size_t i = 0; i < r->nmeta; i++)
		add_text(R, RL_TEXT, UI_TONE_NORMAL, "%s：%s", r->meta[i].key, r->meta[i].value);
	for (size_t i = 0; i < r->nwarnings; i++)
		add_text(R, RL_TEXT, UI_TONE_ERROR, "注意：%s", r->warnings[i]);
	add_text(R, RL_TEXT, UI_TONE_NORMAL, "%s", "");
	if (R->kind == REPORT_TIMELINESS)
		add_bars(R);
	for (size_t si = 0; si < r->nsections; si++) {
		const struct report_section *s = &r->sections[si];
		struct rline *l;

		add_text(R, RL_RULE, UI_TONE_FOCUS, "%s（%zu 行）", s->title ? s->title : "", s->nrows);
		l = add_line(R, RL_HEAD, UI_TONE_DIM);
		l->sec = si;
		for (size_t row = 0; row < s->nrows; row++) {
			l = add_line(R, RL_ROW, UI_TONE_NORMAL);
			l->sec = si;
			l->row = row;
		}
		if (!s->nrows)
			add_text(R, RL_TEXT, UI_TONE_DIM, "  （无）");
		if (si + 1 < r->nsections)
			add_text(R, RL_TEXT, UI_TONE_NORMAL, "%s", "");
	}
}

/* ---- drawing ------------------------------------------------------------------- */

/* Columns that stay when the table scrolls sideways: up to the first text
 * column (序号 and the case number, or the category). */
static size_t
frozen(const struct report_section *s)
{
	for (size_t c = 0; c < s->ncols; c++)
		if (s->cols[c].type == RT_TEXT)
			return c + 1;
	return s->ncols ? 1 : 0;
}

/* The columns of a section from left to right: the frozen ones, then those
 * after the ones scrolled off. */
static size_t
next_col(const struct rep *R, const struct report_section *s, size_t c)
{
	size_t f = frozen(s);

	return c + 1 == f ? f + R->skip : c + 1;
}

static void
draw_table_line(struct rep *R, const struct rline *l, int y, int x, int w, int selected)
{
	const struct report_section *s = &R->r->sections[l->sec];
	const int *cw = R->widths[l->sec];
	char buf[VALIDATE_MASK_BUFSZ + 64];
	enum ui_tone tone = selected ? UI_TONE_SELECTED : l->kind == RL_HEAD ? UI_TONE_DIM : UI_TONE_NORMAL;
	int cx = x + 1, end = x + w;

	ui_put(y, x, w, selected ? UI_TONE_SELECTED : UI_TONE_NORMAL, "");
	for (size_t c = 0; c < s->ncols && cx < end; c = next_col(R, s, c)) {
		const struct report_col *col = &s->cols[c];
		const char *t = l->kind == RL_HEAD ? col->title
						   : cell_str(col, report_cell_at(s, l->row, c), buf, sizeof buf);
		int colw = cw[c], tw;

		if (colw > end - cx)
			colw = end - cx;
		tw = text_width(t);
		/* numbers to the right, so that their digits line up */
		if (is_number(col) && tw < colw)
			ui_put(y, cx + colw - tw, tw, tone, t);
		else
			ui_put(y, cx, colw, tone, t);
		cx += colw + REPORT_COL_GAP;
	}
	if (l->kind == RL_HEAD && !selected)
		mvchgat(y, x, w, A_UNDERLINE, 0, NULL);
}

static void
draw_bar(struct rep *R, const struct rline *l, int y, int x, int w, int selected)
{
	char bar[REPORT_BAR_CELLS * 4 + 1];
	int ascii = ui_ascii(), filled = (int)lround(l->rate / (100.0 / REPORT_BAR_CELLS));
	size_t len = 0;
	enum ui_tone tone = l->rate >= 100 ? UI_TONE_OK
			    : l->rate >= 80 ? UI_TONE_ON_TRACK
			    : l->rate >= 50 ? UI_TONE_WARNING
					    : UI_TONE_OVERDUE;
	int lw = R->bar_label_w, cx = x + 2;

	if (filled < 0)
		filled = 0;
	if (filled > REPORT_BAR_CELLS)
		filled = REPORT_BAR_CELLS;
	for (int i = 0; i < REPORT_BAR_CELLS; i++) {
		const char *cell = i < filled ? (ascii ? "#" : "█") : (ascii ? "." : "░");
		size_t n = strlen(cell);

		memcpy(bar + len, cell, n);
		len += n;
	}
	bar[len] = '\0';
	ui_put(y, x, w, selected ? UI_TONE_SELECTED : UI_TONE_NORMAL, "");
	if (lw > w / 2)
		lw = w / 2;
	ui_put(y, cx, lw, selected ? UI_TONE_SELECTED : UI_TONE_NORMAL, l->text);
	cx += lw + 1;
	if (cx + REPORT_BAR_CELLS + 8 > x + w)
		return;
	ui_put(y, cx, REPORT_BAR_CELLS, selected ? UI_TONE_SELECTED : tone, bar);
	cx += REPORT_BAR_CELLS + 1;
	ui_putf(y, cx, 7, selected ? UI_TONE_SELECTED : tone, "%5.1f%%", l->rate);
}

static void
line_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	struct rep *R = ctx;
	const struct rline *l = &R->lines[i];

	switch (l->kind) {
	case RL_TEXT:
		ui_put(y, x, 1, UI_TONE_NORMAL, "");
		ui_put(y, x + 1, w - 1, selected ? UI_TONE_SELECTED : l->tone, l->text);
		break;
	case RL_RULE:
		ui_rule(y, x, w, l->text);
		if (selected)
			mvchgat(y, x, w, (attr_t)ui_tone_attr(UI_TONE_SELECTED), 0, NULL);
		break;
	case RL_HEAD:
	case RL_ROW:
		draw_table_line(R, l, y, x, w, selected);
		break;
	case RL_BAR:
		draw_bar(R, l, y, x, w, selected);
		break;
	}
}

static void
rep_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct rep *R = (struct rep *)s;
	char line[512];

	if (R->state == RS_PARAMS) {
		ui_rule(r.y, r.x, r.w, _("报表：选择报表，填写参数，按 F2 运行"));
		r.y++;
		r.h--;
		ui_form_draw(&R->params, ui, r);
		return;
	}
	if (R->state == RS_EXPORT) {
		ui_form_draw(&R->exp, ui, (struct ui_rect){.y = r.y, .x = r.x, .h = 1, .w = r.w});
	} else {
		size_t len = (size_t)snprintf(line, sizeof line, "%s", R->heading);

		if (R->skip && len < sizeof line)
			snprintf(line + len, sizeof line - len, _("   ← 已左移 %zu 列"), R->skip);
		ui_put(r.y, r.x, r.w, UI_TONE_FOCUS, line);
	}
	ui_list_draw(&R->list, (struct ui_rect){.y = r.y + 1, .x = r.x, .h = r.h - 1, .w = r.w});
}

/* ---- running ------------------------------------------------------------------- */

static void
params_changed(void *ctx, struct ui_form *form, size_t i)
{
	const char *kind = ui_form_value(form, "kind");
	int filing = strcmp(kind, "filing") == 0;
	/* 督办: the open cases as they stand today, no period (as the CLI) */
	int today = strcmp(kind, "supervision") == 0;

	(void)i;
	ui_form_get(form, "month")->hidden = !filing;
	ui_form_get(form, "from")->hidden = filing || today;
	ui_form_get(form, "to")->hidden = filing || today;
	/* the benefit table is the office's whole: no region (as the CLI) */
	ui_form_get(form, "region")->hidden = strcmp(kind, "benefit") == 0;
	/* 003 附件2 counts by 省/地市/县 (docs/policy.md "行政区划") */
	ui_form_get(form, "by")->hidden = !filing && strcmp(kind, "timeliness") != 0;
	ui_field_set_text(ui_form_get(form, "about"),
			  filing ? _("该月仍在办理的电网升级改造备案项目：当月及以前备案、当月之前未接电或撤销；"
				   "表头写明各地区的报送对象和报送期限")
			  : today ? _("在办案件中超期、今日到期或预警者，按责任人（客户经理、项目经理）和供电所统计，"
				    "最紧迫的在前（003 附件1 第13行）")
			  : strcmp(kind, "benefit") == 0
				  ? _("期间内装表接电的案件：受益户数、节省投资、增加容量（低压 1 千瓦按 1 千伏安计）")
				  : _("期间内完成的各环节的平均用时和按时率，超期清单，补录清单；条形图为每类整体按时率"));
	(void)ctx;
}

static int
check_params(struct rep *R, struct report_params *p)
{
	struct ui_form *f = &R->params;
	const char *kind = ui_form_value(f, "kind");
	yk_error e;

	ui_form_clear_errors(f);
	memset(p, 0, sizeof *p);
	if (strcmp(kind, "filing") == 0) {
		p->kind = REPORT_FILING;
		if (report_month(ui_form_value(f, "month"), &p->from, &p->to) < 0)
			ui_form_error(f, "month", _("月份应为 YYYY-MM，如 2026-03"));
	} else if (strcmp(kind, "supervision") == 0) {
		p->kind = REPORT_SUPERVISION;
		p->from = p->to = ui_today();
	} else {
		p->kind = strcmp(kind, "benefit") == 0 ? REPORT_BENEFIT : REPORT_TIMELINESS;
		if (validate_date_field(ui_form_value(f, "from"), &p->from, &e) < 0)
			ui_form_error(f, "from", "%s", e.msg);
		if (validate_date_field(ui_form_value(f, "to"), &p->to, &e) < 0)
			ui_form_error(f, "to", "%s", e.msg);
		else if (!ui_form_get(f, "from")->error[0] && p->to < p->from)
			ui_form_error(f, "to", _("截止日期早于起始日期"));
	}
	return ui_form_error_count(f) ? -1 : 0;
}

static void
run(struct rep *R, struct ui *ui)
{
	struct report_params p;
	const char *region;
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];
	yk_error err;

	if (check_params(R, &p) < 0) {
		ui_form_focus_error(&R->params);
		ui_message(ui, UI_TONE_ERROR, _("有 %d 处需要修改（见标出的字段）"), ui_form_error_count(&R->params));
		return;
	}
	free_view(R);
	region = p.kind == REPORT_BENEFIT ? "" : ui_form_value(&R->params, "region");
	snprintf(R->region, sizeof R->region, "%s", region);
	p.region = R->region[0] ? R->region : NULL;
	if (!ui_form_get(&R->params, "by")->hidden && *ui_form_value(&R->params, "by")) {
		if (app_load_divisions(ui->app, &err) < 0) {
			ui_message(ui, UI_TONE_ERROR, _("报表未能运行：%s"), err.msg);
			return;
		}
		p.by = (enum division_level)report_by_from_code(ui_form_value(&R->params, "by"));
		p.divisions = ui->app->divisions;
	}
	p.rules = ui->app->rules;
	p.cal = ui->app->cal;
	p.today = ui_today();
	R->kind = p.kind;
	R->r = view_report(ui->app->st, &p, &err);
	if (!R->r) {
		ui_message(ui, UI_TONE_ERROR, _("报表未能运行：%s"), err.msg);
		return;
	}
	date_format(p.from, b1);
	date_format(p.to, b2);
	if (p.kind == REPORT_SUPERVISION) {
		snprintf(R->name, sizeof R->name, "supervision-%s%s%s", b1, R->region[0] ? "-" : "", R->region);
		snprintf(R->heading, sizeof R->heading, _("督办清单 %s %s"), b1,
			 R->region[0] ? ui_region_zh(ui->app->rules, R->region) : _("全部地区"));
	} else if (p.kind == REPORT_FILING) {
		snprintf(R->name, sizeof R->name, "filing-%.7s%s%s", b1, R->region[0] ? "-" : "", R->region);
		snprintf(R->heading, sizeof R->heading, _("备案表 %.7s %s"), b1,
			 R->region[0] ? ui_region_zh(ui->app->rules, R->region) : _("全部地区"));
	} else {
		snprintf(R->name, sizeof R->name, "%s-%s-%s%s%s", p.kind == REPORT_BENEFIT ? "benefit" : "timeliness",
			 b1, b2, R->region[0] ? "-" : "", R->region);
		snprintf(R->heading, sizeof R->heading, _("%s %s 至 %s %s"),
			 p.kind == REPORT_BENEFIT ? _("效益表") : _("时限统计"), b1, b2,
			 p.kind == REPORT_BENEFIT ? "" : R->region[0] ? ui_region_zh(ui->app->rules, R->region) : _("全部地区"));
	}
	fit_widths(R);
	build_lines(R);
	ui_list_init(&R->list, line_row, R);
	ui_list_set_count(&R->list, R->nlines);
	set_state(R, RS_VIEW);
	if (R->r->uncounted)
		ui_message(ui, UI_TONE_ERROR, _("有 %ld 件案件时限无法计算，未计入（见表头）"), R->r->uncounted);
	else
		ui_message(ui, UI_TONE_OK, _("%s：已完成。e 导出，p 修改参数"), R->r->title ? R->r->title : _("报表"));
}

/* ---- export -------------------------------------------------------------------- */

static void
start_export(struct rep *R)
{
	char name[160], typed[200];

	/* a file for people: the .xlsx (laid out for A4, values in Chinese);
	 * a .csv name gives the exchange format (docs/reports.md) */
	snprintf(name, sizeof name, "%s.%s", R->name, export_xlsx_available() ? "xlsx" : "csv");
	ui_path_home(name, typed, sizeof typed);
	ui_field_set_text(&R->exp.f[0], typed);
	R->exp.f[0].error[0] = '\0';
	set_state(R, RS_EXPORT);
}

static void
do_export(struct rep *R, struct ui *ui)
{
	char path[PATH_MAX];
	struct export_opts o = {0};
	struct yk_export *x = NULL;
	yk_error err;
	int f;

	if (ui_path_expand(ui_form_value(&R->exp, "file"), path, sizeof path) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("请输入文件名（.csv、.xlsx 或 .txt）"));
		return;
	}
	f = export_format_of_path(path);
	if (f < 0) {
		ui_message(ui, UI_TONE_ERROR, _("文件名须以 .csv（GB18030）、.xlsx 或 .txt（UTF-8）结尾"));
		return;
	}
	o.format = (enum export_format)f;
	o.encoding = export_default_encoding(o.format);
	o.path = path;
	/* never the database; an existing file is not replaced from here */
	o.guard = &(const struct out_guard){.db_path = store_path(ui->app->st)};
	{
		/* the file carries the seal it was made under, as from yekuo report */
		int created;

		if (seals_annotate(ui->app->st, "report", R->r, &created, &err) < 0) {
			ui_message(ui, UI_TONE_ERROR, _("未导出，不能封存：%s"), err.msg);
			return;
		}
	}
	if (export_open(&o, &x, &err) < 0 || export_report(x, R->r, &err) < 0) {
		export_abort(x);
		ui_message(ui, UI_TONE_ERROR, _("未导出：%s"), err.msg);
		return;
	}
	if (export_close(x, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("未导出：%s"), err.msg);
		return;
	}
	set_state(R, RS_VIEW);
	ui_message(ui, UI_TONE_OK, _("已导出：%s（%s）"), path,
		   o.format == EXPORT_CSV ? _("CSV，GB18030") : o.format == EXPORT_XLSX ? "xlsx" : _("文本，UTF-8"));
}

/* ---- keys ---------------------------------------------------------------------- */

/* The selected line in full on the message line: a table row as
 * "title=value" pairs, so that a cut cell can be read. */
static void
show_line(struct rep *R, struct ui *ui)
{
	const struct rline *l;
	char out[UI_MSG_MAX], buf[VALIDATE_MASK_BUFSZ + 64];
	size_t len = 0;

	if (!R->nlines)
		return;
	l = &R->lines[R->list.sel];
	if (l->kind == RL_ROW) {
		const struct report_section *s = &R->r->sections[l->sec];

		out[0] = '\0';
		for (size_t c = 0; c < s->ncols && len < sizeof out; c++) {
			const char *t = cell_str(&s->cols[c], report_cell_at(s, l->row, c), buf, sizeof buf);

			if (*t)
				len += (size_t)snprintf(out + len, sizeof out - len, "%s%s=%s", len ? " " : "",
							s->cols[c].title, t);
		}
		ui_message(ui, UI_TONE_NORMAL, "%s", out);
	} else if (l->kind == RL_BAR) {
		ui_message(ui, UI_TONE_NORMAL, _("%s 整体按时率 %.1f%%"), l->text, l->rate);
	} else if (l->text && *l->text) {
		ui_message(ui, UI_TONE_NORMAL, "%s", l->text);
	}
}

static int
rep_state(const struct ui_screen *s)
{
	return (int)((const struct rep *)s)->state;
}

static int
key_run(const struct ui_keyhit *h)
{
	run((struct rep *)h->s, h->ui);
	return 1;
}

/* ←→: the table's columns after the frozen ones, one at a time (arg: ±1) */
static int
key_scroll(const struct ui_keyhit *h)
{
	struct rep *R = (struct rep *)h->s;

	if (h->d->arg > 0 && R->maxcols > 2 && R->skip + 2 < R->maxcols)
		R->skip++;
	else if (h->d->arg < 0 && R->skip)
		R->skip--;
	return 1;
}

static int
key_show_line(const struct ui_keyhit *h)
{
	show_line((struct rep *)h->s, h->ui);
	return 1;
}

static int
key_export(const struct ui_keyhit *h)
{
	start_export((struct rep *)h->s);
	return 1;
}

/* the report as `yekuo report … --print` prints it, previewed first */
static int
key_print(const struct ui_keyhit *h)
{
	struct rep *R = (struct rep *)h->s;
	char *text;
	int created;
	yk_error err;

	/* printed under a seal, as every report that leaves the program */
	if (seals_annotate(h->ui->app->st, "report", R->r, &created, &err) < 0) {
		ui_message(h->ui, UI_TONE_ERROR, _("未打印，不能封存：%s"), err.msg);
		return 1;
	}
	text = export_report_text(R->r, 0, &err);
	if (!text) {
		ui_message(h->ui, UI_TONE_ERROR, _("未打印：%s"), err.msg);
		return 1;
	}
	ui_push(h->ui, ui_print_new(h->ui, R->r->title ? R->r->title : R->heading, text));
	free(text);
	return 1;
}

static int
key_params(const struct ui_keyhit *h)
{
	set_state((struct rep *)h->s, RS_PARAMS);
	return 1;
}

static int
key_write(const struct ui_keyhit *h)
{
	do_export((struct rep *)h->s, h->ui);
	return 1;
}

static int
key_export_cancel(const struct ui_keyhit *h)
{
	set_state((struct rep *)h->s, RS_VIEW);
	ui_message(h->ui, UI_TONE_NORMAL, _("未导出"));
	return 1;
}

/* the file name is the only field: moving between fields does nothing */
static int
key_swallow(const struct ui_keyhit *h)
{
	(void)h;
	return 1;
}

static const struct ui_keydef rep_keys[] = {
	/* the parameters */
	{.key = "F2/^S", .what = N_("运行"), .help = N_("按所选参数运行报表（读取案件统计，可能要几秒）"), .bar = 1,
	 .on = {UI_KEYS_SAVE}, .in = UI_IN(RS_PARAMS), .act = key_run},
	{.key = "Tab", .what = N_("下一项"), .bar = 1, .in = UI_IN(RS_PARAMS)},
	{.key = "S-Tab", .what = N_("上一项"), .bar = 1, .in = UI_IN(RS_PARAMS)},
	{.key = N_("空格"), .what = N_("切换"), .help = N_("切换报表 / 地区（←→ 也可）"), .bar = 1, .in = UI_IN(RS_PARAMS)},
	{.key = "↑↓ Enter", .what = N_("换项"), .help = N_("上一项 / 下一项"), .in = UI_IN(RS_PARAMS)},
	{.key = N_("报表"), .what = "", .help = N_("备案表：某月仍在办理的电网升级改造备案项目；效益表：期间内装表接电的“三零”“三省”案件；时限统计：期间内完成的各环节、超期清单、补录清单"),
	 .in = UI_IN(RS_PARAMS)},
	/* the report */
	{.key = "↑↓", .what = N_("滚动"), .help = N_("上下移动（PgUp PgDn 翻页，Home End g G 到头/尾）"), .bar = 1,
	 .in = UI_IN(RS_VIEW)},
	{.key = "←→", .what = N_("左右"), .help = N_("表格左右滚动（序号、案件编号或类别列不动）"), .bar = 1,
	 .on = {UI_KEY_FN(KEY_RIGHT), UI_KEY_CH(L'l')}, .in = UI_IN(RS_VIEW), .act = key_scroll, .arg = 1},
	{.key = "←", .what = N_("左移"), .help = NULL, .on = {UI_KEY_FN(KEY_LEFT), UI_KEY_CH(L'h')},
	 .in = UI_IN(RS_VIEW), .act = key_scroll, .arg = -1, .hidden = 1},
	{.key = "Enter", .what = N_("全文"), .help = N_("在消息行显示所选行的全部内容（被截断的格子）"), .bar = 1,
	 .on = {UI_KEYS_ENTER}, .in = UI_IN(RS_VIEW), .act = key_show_line},
	{.key = "e", .what = N_("导出"), .help = N_("导出：默认 .xlsx（给人看、打印）；.csv（GB18030，交换数据）、.txt（UTF-8），看扩展名"), .bar = 1,
	 .on = {UI_KEY_CH(L'e')}, .in = UI_IN(RS_VIEW), .act = key_export},
	{.key = "P", .what = N_("打印"), .help = N_("打印预览，再按 Enter 送打印机（同 yekuo report … --print）"), .bar = 1,
	 .on = {UI_KEY_CH(L'P')}, .in = UI_IN(RS_VIEW), .act = key_print},
	{.key = "p", .what = N_("参数"), .help = N_("修改参数，重新运行"), .on = {UI_KEY_CH(L'p')}, .in = UI_IN(RS_VIEW),
	 .act = key_params},
	{.key = "Esc", .what = N_("参数"), .help = N_("回到参数表单（再按 Esc 返回在办案件）"), .bar = 1,
	 .on = {UI_KEY_CH(UI_ESC)}, .in = UI_IN(RS_VIEW), .act = key_params},
	{.key = N_("按时率"), .what = "", .help = N_("每类整体按时率（期间内接电的案件），每格 5%"), .in = UI_IN(RS_VIEW)},
	/* the file name prompt */
	{.key = "Enter", .what = N_("导出"), .help = N_("写入文件（先写临时文件，完成后改名，不会留下半个文件）"), .bar = 1,
	 .on = {UI_KEYS_ENTER, UI_KEYS_SAVE}, .in = UI_IN(RS_EXPORT), .act = key_write},
	{.key = "Esc", .what = N_("取消"), .help = N_("不导出"), .bar = 1, .on = {UI_KEY_CH(UI_ESC)}, .in = UI_IN(RS_EXPORT),
	 .act = key_export_cancel},
	{.key = "←→ Home End", .what = N_("光标"), .help = N_("在文件名中按字移动光标"), .bar = 1, .in = UI_IN(RS_EXPORT)},
	{.key = N_("扩展名"), .what = "", .help = N_(".xlsx：Excel 工作簿（A4 横向、中文、数字为数字）；.csv：GB18030 编码 CSV，供程序交换和导入；.txt：UTF-8 文本"),
	 .in = UI_IN(RS_EXPORT)},
	{.key = "Tab", .what = "", .on = {UI_KEY_CH(L'\t'), UI_KEY_FN(KEY_BTAB), UI_KEY_FN(KEY_UP), UI_KEY_FN(KEY_DOWN)},
	 .in = UI_IN(RS_EXPORT), .act = key_swallow, .hidden = 1},
	{.key = NULL},
};

/* What the table did not take: the form's keys, or the report's list. */
static int
rep_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct rep *R = (struct rep *)s;

	(void)ui;
	switch (R->state) {
	case RS_PARAMS:
		return ui_form_key(&R->params, k);
	case RS_EXPORT:
		return ui_form_key(&R->exp, k);
	case RS_VIEW:
		return ui_list_key(&R->list, k);
	}
	return 0;
}

static int
rep_typing(const struct ui_screen *s)
{
	const struct rep *R = (const struct rep *)s;

	return R->state == RS_EXPORT || (R->state == RS_PARAMS && ui_form_typing(&R->params));
}

static void
rep_destroy(struct ui_screen *s)
{
	struct rep *R = (struct rep *)s;

	free_view(R);
	free(R->lines);
	ui_form_free(&R->params);
	ui_form_free(&R->exp);
	free(R);
}

static const struct ui_screen_ops rep_ops = {
	.name = N_("报表"),
	.keys = rep_keys,
	.draw = rep_draw,
	.key = rep_key,
	.typing = rep_typing,
	.state = rep_state,
	.destroy = rep_destroy,
};

static void
collect_regions(struct rep *R)
{
	R->regions[0] = (struct ui_option){.code = "", .label = _("全部地区")};
	R->nregions = 1 + ui_region_options(R->ui->app->rules, R->regions + 1, REPORT_REGIONS_MAX - 1);
}

struct ui_screen *
ui_report_new(struct ui *ui)
{
	static const struct ui_field_def file_def = {
		.kind = UF_TEXT, .key = "file", .label = N_("导出到"), .max = 1024,
		.hint = N_("文件名：.csv / .xlsx / .txt")};
	struct rep *R = xcalloc(1, sizeof *R);
	yk_date today = ui_today(), first;
	char b[YK_DATE_BUFSZ];
	int y, m, d;

	R->base.ops = &rep_ops;
	R->ui = ui;
	ui_form_init(&R->params);
	R->params.label_w = 10;
	R->params.changed = params_changed;
	R->params.ctx = R;
	ui_form_add_table(&R->params, param_fields);
	ui_field_set_options(ui_form_get(&R->params, "kind"), kinds, sizeof kinds / sizeof kinds[0]);
	collect_regions(R);
	ui_field_set_options(ui_form_get(&R->params, "region"), R->regions, R->nregions);
	{
		static const struct ui_option by[] = {{"", N_("不分组")},
						      {"province", N_("按省")},
						      {"city", N_("按地市")},
						      {"county", N_("按县（区）")}};

		ui_field_set_options(ui_form_get(&R->params, "by"), by, sizeof by / sizeof by[0]);
	}
	date_to_ymd(today, &y, &m, &d);
	first = date_from_ymd(y, m, 1);
	date_format(today, b);
	ui_field_set_text(ui_form_get(&R->params, "to"), b);
	snprintf(b + 7, sizeof b - 7, "%s", "");
	ui_field_set_text(ui_form_get(&R->params, "month"), b);
	ui_field_set_text(ui_form_get(&R->params, "from"), date_format(first, b));
	params_changed(R, &R->params, 0);
	ui_form_mark_clean(&R->params);
	ui_form_init(&R->exp);
	R->exp.label_w = 8;
	ui_form_add(&R->exp, &file_def);
	ui_list_init(&R->list, line_row, R);
	return &R->base;
}

struct ui_screen *
ui_report_new_for(struct ui *ui, const char *kind, yk_date from, yk_date to, const char *region)
{
	struct ui_screen *s = ui_report_new(ui);
	struct rep *R = (struct rep *)s;
	char b[YK_DATE_BUFSZ];

	ui_field_choose(ui_form_get(&R->params, "kind"), kind);
	if (region && *region)
		ui_field_choose(ui_form_get(&R->params, "region"), region);
	ui_field_set_text(ui_form_get(&R->params, "from"), date_format(from, b));
	b[7] = '\0';
	ui_field_set_text(ui_form_get(&R->params, "month"), b);
	ui_field_set_text(ui_form_get(&R->params, "to"), date_format(to, b));
	params_changed(R, &R->params, 0);
	ui_form_mark_clean(&R->params);
	return s;
}
