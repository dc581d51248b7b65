#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/ui/curses.h"
#include "yekuo/core/engine.h"
#include "yekuo/store/store.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/dashboard.h"
#include "yekuo/ui/detail.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/intake.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/report.h"
#include "yekuo/ui/sync.h"
#include "yekuo/core/xalloc.h"

/* Calendar years named in the warning line at most. */
#define DASH_MISSING_MAX 8

/* One open case as the dashboard shows it: from the store's cached summary
 * and the engine, never from the case's events. */
struct dash_row {
	char case_no[CASE_NO_BUFSZ];
	char name[256];
	char phone[24];
	char address[512];
	enum yk_category category;
	int stage;			/* current stage, -1 none */
	yk_date due;
	long left;
	enum engine_state state;
	int late, filed;
	int conflict;			/* in sync conflict (docs/sync.md) */
	int nocal;			/* its clocks used a year with no calendar file */
};

struct dashboard {
	struct ui_screen base;
	struct ui *ui;
	struct dash_row *rows;
	size_t nrows, caprows;
	size_t *shown;			/* rows passing the filters, in order */
	size_t nshown, capshown;
	struct ui_list list;
	int cat;			/* category filter, -1: all */
	int stage;			/* stage filter, -1: all */
	int overdue_only;
	struct ui_form search;		/* the search box (one text field) */
	int searching;			/* typing goes to the search box */
	int overdue, due_today, warning;
	/* cases in sync conflict: read once per reload, few (ui_sync_conflicted) */
	char **conflicted;
	size_t nconflicted;
	int shown_conflicts;		/* of the open cases listed */
	int missing[DASH_MISSING_MAX];
	size_t nmissing;
	size_t nocal_rows;		/* rows whose clocks used such a year */
	int errors;
	char error[YK_ERROR_MAX + CASE_NO_BUFSZ + 4];
	yk_date today;
};

static const struct ui_keyhelp dash_keys[] = {
	{.key = "Enter", .what = "打开", .help = "打开所选案件（详情、时间线、事件记录）", .bar = 1},
	{.key = "n", .what = "新建", .help = "新建案件（业务受理表单）", .bar = 1},
	{.key = "/", .what = "搜索", .help = "搜索：案件编号、客户名称、电话或地址（可输入中文）", .bar = 1},
	{.key = "c", .what = "类别", .help = "按用户类别筛选（每按一次换一类，回到全部）", .bar = 1},
	{.key = "s", .what = "环节", .help = "按当前环节筛选（每按一次换一个环节）", .bar = 1},
	{.key = "o", .what = "超期", .help = "只看超期案件（再按一次取消）", .bar = 1},
	{.key = "x", .what = "清除", .help = "清除全部筛选和搜索", .bar = 1},
	{.key = "r", .what = "刷新", .help = "重新读取案件和时限", .bar = 1},
	{.key = "R", .what = "报表", .help = "报表：备案表、效益表、时限统计（条形图），可导出文件", .bar = 1},
	{.key = "S", .what = "同步", .help = "同步：导出 / 导入同步包（先预览再确认），解决同步冲突", .bar = 1},
	{.key = "↑↓ j k", .what = "移动", .help = "上下移动", .bar = 0},
	{.key = "PgUp PgDn", .what = "翻页", .bar = 0},
	{.key = "Home End g G", .what = "到头/尾", .help = "到第一件 / 最后一件", .bar = 0},
	{.key = "标记", .what = "", .help = "!! 超期  ! 今日到期  ~ 预警  = 挂起（无彩色终端也能分辨）", .bar = 0},
	{.key = "⚡ / X", .what = "", .help = "同步冲突：按 S 解决；表头“冲突 N”计全部冲突案件", .bar = 0},
	{.key = NULL},
};

static const struct ui_keyhelp search_keys[] = {
	{.key = "Enter", .what = "完成", .help = "完成搜索（保留结果）", .bar = 1},
	{.key = "Esc", .what = "取消", .help = "取消搜索，显示全部", .bar = 1},
	{.key = "↑↓", .what = "移动", .help = "在结果中移动", .bar = 1},
	{.key = "←→ Home End", .what = "光标", .help = "在搜索框中按字移动光标", .bar = 0},
	{.key = "Backspace Del", .what = "删除", .help = "删除一个字", .bar = 0},
	{.key = NULL},
};

static void dash_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r);
static int dash_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k);
static void dash_resume(struct ui_screen *s, struct ui *ui);
static int dash_typing(const struct ui_screen *s);
static void dash_destroy(struct ui_screen *s);

static const struct ui_screen_ops dash_ops = {
	.name = "在办案件",
	.keys = dash_keys,
	.draw = dash_draw,
	.key = dash_key,
	.resume = dash_resume,
	.typing = dash_typing,
	.destroy = dash_destroy,
};

/* The same screen while the search box has the keys: its own key line. */
static const struct ui_screen_ops dash_search_ops = {
	.name = "在办案件",
	.keys = search_keys,
	.draw = dash_draw,
	.key = dash_key,
	.resume = dash_resume,
	.typing = dash_typing,
	.destroy = dash_destroy,
};

/* ---- data -------------------------------------------------------------------- */

static void
note_missing(struct dashboard *d, int year)
{
	if (!year)
		return;
	for (size_t i = 0; i < d->nmissing; i++)
		if (d->missing[i] == year)
			return;
	if (d->nmissing < DASH_MISSING_MAX)
		d->missing[d->nmissing++] = year;
}

static int
collect(void *ctx, const struct case_state *c)
{
	struct dashboard *d = ctx;
	struct engine_result r;
	struct dash_row *w;
	yk_error err;

	if (case_clocks(c, d->ui->app->rules, d->ui->app->cal, d->today, &r, NULL, &err) < 0) {
		if (!d->errors++)
			snprintf(d->error, sizeof d->error, "%s: %s", c->case_no, err.msg);
		return 0;
	}
	note_missing(d, r.missing_year);
	d->rows = xgrow(d->rows, &d->caprows, d->nrows + 1, sizeof *d->rows);
	w = &d->rows[d->nrows++];
	snprintf(w->case_no, sizeof w->case_no, "%s", c->case_no);
	snprintf(w->name, sizeof w->name, "%s", c->name);
	snprintf(w->phone, sizeof w->phone, "%s", c->phone);
	snprintf(w->address, sizeof w->address, "%s", c->address);
	w->category = c->category;
	w->stage = case_current_stage(c);
	w->due = r.next_due;
	w->left = r.days_left;
	if (r.state == ES_SUSPENDED) {
		/* the frozen count of a timed clock (the engine may summarise with
		 * an untimed step's 0) */
		const struct engine_clock *all[STAGE_COUNT + 1];
		size_t n = 0;

		for (size_t i = 0; i < r.nsteps; i++)
			all[n++] = &r.steps[i];
		if (r.has_whole)
			all[n++] = &r.whole;
		w->left = LONG_MIN;
		for (size_t i = 0; i < n; i++)
			if (all[i]->state == ES_SUSPENDED && all[i]->limit != RULE_NO_LIMIT &&
			    (w->left == LONG_MIN || all[i]->remaining < w->left))
				w->left = all[i]->remaining;
	}
	w->state = r.state;
	w->late = c->late_entries;
	w->filed = c->filed;
	w->nocal = r.missing_year != 0;
	d->nocal_rows += w->nocal;
	w->conflict = ui_sync_listed(d->conflicted, d->nconflicted, c->case_no);
	d->shown_conflicts += w->conflict;
	if (r.state == ES_OVERDUE)
		d->overdue++;
	else if (r.state == ES_DUE_TODAY)
		d->due_today++;
	else if (r.state == ES_WARNING)
		d->warning++;
	return 0;
}

/* Most urgent first: state rank, then fewest days left, earliest due
 * (as `yekuo case list`). */
static int
cmp_rows(const void *a, const void *b)
{
	const struct dash_row *x = a, *y = b;
	int c = engine_urgency_cmp(x->state, x->left, x->due, y->state, y->left, y->due);

	return c ? c : strcmp(x->case_no, y->case_no);
}

/* Substring, ASCII letters in either case ("tj-2026" finds TJ-2026-…).
 * UTF-8 needs no more: a whole-character needle cannot match mid-character. */
static int
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return 1;
	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i]) {
			char a = hay[i], b = needle[i];

			if (a >= 'a' && a <= 'z')
				a = (char)(a - 32);
			if (b >= 'a' && b <= 'z')
				b = (char)(b - 32);
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

static void
apply_filters(struct dashboard *d)
{
	const char *q = ui_form_value(&d->search, "q");

	d->nshown = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		const struct dash_row *w = &d->rows[i];

		if (d->cat >= 0 && (int)w->category != d->cat)
			continue;
		if (d->stage >= 0 && w->stage != d->stage)
			continue;
		if (d->overdue_only && w->state != ES_OVERDUE)
			continue;
		if (*q && !contains(w->case_no, q) && !contains(w->name, q) && !contains(w->phone, q) &&
		    !contains(w->address, q))
			continue;
		d->shown = xgrow(d->shown, &d->capshown, d->nshown + 1, sizeof *d->shown);
		d->shown[d->nshown++] = i;
	}
	ui_list_set_count(&d->list, d->nshown);
}

static void
reload(struct dashboard *d)
{
	char keep[CASE_NO_BUFSZ] = "";
	yk_error err;

	if (d->nshown && d->list.sel < d->nshown)
		snprintf(keep, sizeof keep, "%s", d->rows[d->shown[d->list.sel]].case_no);
	d->nrows = 0;
	d->overdue = d->due_today = d->warning = 0;
	d->nmissing = 0;
	d->nocal_rows = 0;
	d->errors = 0;
	d->error[0] = '\0';
	d->today = ui_today();
	store_list_free(d->conflicted, d->nconflicted);
	d->conflicted = NULL;
	d->nconflicted = 0;
	d->shown_conflicts = 0;
	if (ui_sync_conflicted(d->ui, &d->conflicted, &d->nconflicted, &err) < 0)
		ui_message(d->ui, UI_TONE_ERROR, "无法读取同步冲突：%s", err.msg);
	if (!calendar_year_loaded(d->ui->app->cal, date_year(d->today)))
		note_missing(d, date_year(d->today));
	/* the narrow clocks table: fast with a million cases (docs/performance.md) */
	if (store_query_cases(d->ui->app->st, &(struct case_query){.open_only = 1, .brief = 1},
			      collect, d, &err) < 0) {
		d->errors++;
		snprintf(d->error, sizeof d->error, "%s", err.msg);
	}
	if (d->nrows)
		qsort(d->rows, d->nrows, sizeof *d->rows, cmp_rows);
	apply_filters(d);
	/* stay on the case that was selected */
	for (size_t i = 0; keep[0] && i < d->nshown; i++)
		if (strcmp(d->rows[d->shown[i]].case_no, keep) == 0)
			d->list.sel = i;
}

/* ---- drawing ----------------------------------------------------------------- */

struct cols {
	int sync, mark, no, name, cat, stage, due, left, state;
};

static struct cols
columns(const struct dashboard *d, int w)
{
	struct cols c = {.mark = 2, .no = 10, .cat = 10, .stage = 8, .due = 10, .left = 4, .state = 8};

	/* a column for the conflict mark only while a listed case has one */
	c.sync = d->shown_conflicts ? 2 : 0;
	/* room for the "?" of a due date counted without its year's calendar */
	if (d->nocal_rows)
		c.due++;

	for (size_t i = 0; i < d->nrows; i++) {
		int cw = text_width(d->rows[i].case_no);

		if (cw > c.no)
			c.no = cw;
	}
	if (c.no > 24)
		c.no = 24;
	/* separators: one blank between columns, one spare at the end */
	c.name = w - (c.sync + c.mark + c.no + c.cat + c.stage + c.due + c.left + c.state + 8);
	if (c.name < 6)
		c.name = 6;
	return c;
}

struct row_ctx {
	struct dashboard *d;
	struct cols c;
};

static void
dash_row(void *vctx, size_t i, int y, int x, int w, int selected)
{
	struct row_ctx *rc = vctx;
	const struct dash_row *row = &rc->d->rows[rc->d->shown[i]];
	struct cols c = rc->c;
	enum ui_tone tone = selected ? UI_TONE_SELECTED : ui_state_tone(row->state);
	enum ui_tone plain = selected ? UI_TONE_SELECTED : UI_TONE_NORMAL;
	char due[YK_DATE_BUFSZ + 1], left[24];
	int cx = x;

	date_format(row->due, due);
	if (row->nocal)
		strcat(due, "?");
	/* a suspended case keeps its frozen count; nothing runs on a pending one */
	if (row->state == ES_PENDING || row->state == ES_RUNNING || row->left == LONG_MIN ||
	    (row->due == YK_DATE_NONE && row->state != ES_SUSPENDED))
		snprintf(left, sizeof left, "-");
	else
		snprintf(left, sizeof left, "%ld", row->left);
	ui_put(y, x, w, plain, "");
	if (c.sync) {
		ui_put(y, cx, c.sync, selected ? UI_TONE_SELECTED : UI_TONE_ERROR,
		       row->conflict ? (ui_ascii() ? "X" : "⚡") : "");
		cx += c.sync;
	}
	ui_put(y, cx, c.mark, tone, ui_state_marker(row->state));
	cx += c.mark + 1;
	ui_put(y, cx, c.no, plain, row->case_no);
	cx += c.no + 1;
	ui_put(y, cx, c.name, plain, row->name);
	cx += c.name + 1;
	ui_put(y, cx, c.cat, plain, ui_category_short(row->category));
	cx += c.cat + 1;
	ui_put(y, cx, c.stage, plain, row->stage >= 0 ? ui_stage_short((enum yk_stage)row->stage) : "-");
	cx += c.stage + 1;
	ui_put(y, cx, c.due, tone, due);
	cx += c.due + 1;
	ui_putf(y, cx, c.left, tone, "%4s", left);
	cx += c.left + 1;
	ui_putf(y, cx, c.state, tone, "%s%s", engine_state_zh(row->state), row->filed ? "*" : "");
}

static void
filter_text(const struct dashboard *d, char *out, size_t outsz)
{
	snprintf(out, outsz, "筛选  类别[c]:%s  环节[s]:%s  超期[o]:%s", d->cat >= 0 ? ui_category_short((enum yk_category)d->cat) : "全部",
		 d->stage >= 0 ? ui_stage_short((enum yk_stage)d->stage) : "全部",
		 d->overdue_only ? "只看超期" : "全部");
}

static void
dash_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct dashboard *d = (struct dashboard *)s;
	struct row_ctx rc = {.d = d, .c = columns(d, r.w)};
	char line[1024];
	int y = r.y;

	if (d->today != ui_today())
		reload(d);
	snprintf(line, sizeof line, "在办 %zu 件   超期 %d   今日到期 %d   预警 %d", d->nrows, d->overdue,
		 d->due_today, d->warning);
	ui_put(y, r.x + 1, r.w - 1, UI_TONE_FOCUS, line);
	if (d->nconflicted) {
		/* every case in conflict, open or not: the sync screen lists them */
		int lw = text_width(line);
		char conf[64];

		snprintf(conf, sizeof conf, "   冲突 %zu", d->nconflicted);
		ui_put(y, r.x + 1 + lw, r.w - 1 - lw, UI_TONE_ERROR, conf);
	}
	y++;
	if (d->nmissing || d->errors) {
		size_t len = 0;

		line[0] = '\0';
		for (size_t i = 0; i < d->nmissing && len < sizeof line - 80; i++)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%d calendar not loaded — weekends only",
						i ? "；" : "注意：", d->missing[i]);
		if (d->nmissing)
			len += (size_t)snprintf(line + len, sizeof line - len, "（带?的到期日只按周末推算）");
		if (d->errors && len < sizeof line - 40)
			snprintf(line + len, sizeof line - len, "%s%d 件无法计算时限：%s", len ? "；" : "",
				 d->errors, d->error);
		ui_put(y++, r.x + 1, r.w - 1, UI_TONE_ERROR, line);
	}
	filter_text(d, line, sizeof line);
	if (d->searching) {
		struct ui_rect sr = {.y = y, .x = r.x, .h = 1, .w = r.w};

		ui_form_draw(&d->search, ui, sr);
	} else {
		const char *q = ui_form_value(&d->search, "q");
		size_t len = strlen(line);

		if (*q)
			snprintf(line + len, sizeof line - len, "  搜索[/]:%s", q);
		ui_put(y, r.x + 1, r.w - 1, UI_TONE_NORMAL, line);
	}
	y++;
	/* column heads */
	{
		struct cols c = rc.c;
		int x = r.x;

		ui_put(y, x, r.w, UI_TONE_NORMAL, "");
		x += c.sync + c.mark + 1;
		ui_put(y, x, c.no, UI_TONE_DIM, "案件编号");
		x += c.no + 1;
		ui_put(y, x, c.name, UI_TONE_DIM, "客户名称");
		x += c.name + 1;
		ui_put(y, x, c.cat, UI_TONE_DIM, "用户类别");
		x += c.cat + 1;
		ui_put(y, x, c.stage, UI_TONE_DIM, "当前环节");
		x += c.stage + 1;
		ui_put(y, x, c.due, UI_TONE_DIM, "到期日");
		x += c.due + 1;
		ui_put(y, x, c.left, UI_TONE_DIM, "剩余");
		x += c.left + 1;
		ui_put(y, x, c.state, UI_TONE_DIM, "状态");
		mvchgat(y, r.x, r.w, A_UNDERLINE, 0, NULL);
	}
	y++;
	d->list.ctx = &rc;
	if (d->nshown == 0) {
		ui_put(y + 1, r.x + 2, r.w - 2, UI_TONE_DIM,
		       d->nrows ? "没有符合筛选或搜索条件的案件（按 x 清除）" : "没有在办案件。按 n 新建案件（业务受理）。");
		d->list.ctx = d;
		return;
	}
	ui_list_draw(&d->list, (struct ui_rect){.y = y, .x = r.x, .h = r.y + r.h - y, .w = r.w});
	d->list.ctx = d;
}

/* ---- keys -------------------------------------------------------------------- */

static void
set_searching(struct dashboard *d, int on)
{
	d->searching = on;
	d->base.ops = on ? &dash_search_ops : &dash_ops;
}

static int
search_key(struct dashboard *d, struct ui *ui, const struct ui_key *k)
{
	(void)ui;
	if (ui_key_enter(k)) {
		set_searching(d, 0);
		return 1;
	}
	if (ui_key_char(k, UI_ESC)) {
		ui_field_set_text(&d->search.f[0], "");
		set_searching(d, 0);
		apply_filters(d);
		return 1;
	}
	if (ui_key_fn(k, KEY_UP) || ui_key_fn(k, KEY_DOWN) || ui_key_fn(k, KEY_PPAGE) ||
	    ui_key_fn(k, KEY_NPAGE))
		return ui_list_key(&d->list, k);
	if (ui_key_char(k, L'\t') || ui_key_fn(k, KEY_BTAB))
		return 1;
	if (ui_form_key(&d->search, k)) {
		apply_filters(d);
		d->list.sel = 0;
		return 1;
	}
	return 0;
}

static int
dash_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct dashboard *d = (struct dashboard *)s;

	if (d->searching)
		return search_key(d, ui, k);
	if (ui_list_key(&d->list, k))
		return 1;
	if (ui_key_enter(k)) {
		if (d->nshown)
			ui_push(ui, ui_detail_new(ui, d->rows[d->shown[d->list.sel]].case_no));
		return 1;
	}
	if (ui_key_char(k, L'n')) {
		ui_push(ui, ui_intake_new(ui));
		return 1;
	}
	if (ui_key_char(k, L'/')) {
		set_searching(d, 1);
		return 1;
	}
	if (ui_key_char(k, L'c')) {
		d->cat = d->cat + 1 >= CAT_COUNT ? -1 : d->cat + 1;
	} else if (ui_key_char(k, L's')) {
		d->stage = d->stage + 1 >= STAGE_COUNT ? -1 : d->stage + 1;
	} else if (ui_key_char(k, L'o')) {
		d->overdue_only = !d->overdue_only;
	} else if (ui_key_char(k, L'x') || ui_key_char(k, UI_ESC)) {
		d->cat = d->stage = -1;
		d->overdue_only = 0;
		ui_field_set_text(&d->search.f[0], "");
	} else if (ui_key_char(k, L'r')) {
		reload(d);
		ui_message(ui, UI_TONE_OK, "已刷新：在办 %zu 件", d->nrows);
		return 1;
	} else if (ui_key_char(k, L'R')) {
		ui_push(ui, ui_report_new(ui));
		return 1;
	} else if (ui_key_char(k, L'S')) {
		ui_push(ui, ui_sync_new(ui));
		return 1;
	} else {
		return 0;
	}
	apply_filters(d);
	return 1;
}

static void
dash_resume(struct ui_screen *s, struct ui *ui)
{
	(void)ui;
	reload((struct dashboard *)s);
}

static int
dash_typing(const struct ui_screen *s)
{
	return ((const struct dashboard *)s)->searching;
}

static void
dash_destroy(struct ui_screen *s)
{
	struct dashboard *d = (struct dashboard *)s;

	ui_form_free(&d->search);
	store_list_free(d->conflicted, d->nconflicted);
	free(d->rows);
	free(d->shown);
	free(d);
}

struct ui_screen *
ui_dashboard_new(struct ui *ui)
{
	static const struct ui_field_def search_def = {
		.kind = UF_TEXT, .key = "q", .label = "搜索", .max = 200,
		.hint = "案件编号 / 客户名称 / 电话 / 地址"};
	struct dashboard *d = xcalloc(1, sizeof *d);

	d->base.ops = &dash_ops;
	d->ui = ui;
	d->cat = d->stage = -1;
	ui_form_init(&d->search);
	d->search.label_w = 6;
	ui_form_add(&d->search, &search_def);
	ui_list_init(&d->list, dash_row, d);
	reload(d);
	return &d->base;
}
