#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/ui/curses.h"
#include "yekuo/store/store.h"
#include "yekuo/store/envelope.h"
#include "yekuo/store/sync.h"
#include "yekuo/store/views.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"
#include "yekuo/ui/list.h"
#include "yekuo/ui/sync.h"
#include "yekuo/core/xalloc.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
/* Imports listed on the screen at most (newest first). */
#define SYNC_IMPORTS_SHOWN 5
/* Form rows above the dry-run summary, per form. */
#define SYNC_FORM_ROWS_EXPORT 5
#define SYNC_FORM_ROWS_IMPORT 3
#define SYNC_FORM_ROWS_RESOLVE 8

enum sync_state { SS_MAIN, SS_EXPORT, SS_IMPORT, SS_RESOLVE };

/* One line of the screen; conflict >= 0 for a conflict's line. */
struct sline {
	enum ui_tone tone;
	int rule;
	long conflict;
	char *text;
};

struct lines {
	struct sline *v;
	size_t n, cap;
};

struct syncs {
	struct ui_screen base;
	struct ui *ui;
	enum sync_state state;
	struct lines main;		/* status, the last result, conflicts */
	struct lines result;		/* what the last export/import did */
	struct lines preview;		/* a dry run, shown under its form */
	struct ui_list list;		/* over main */
	struct ui_list plist;		/* over preview */
	struct sync_status status;	/* core/views.h: as `yekuo sync status` */
	struct ui_form form;		/* the form of the state */
	struct ui_option keep_opts[2];
	char keep_labels[2][160];
	char keep_codes[2][16];
	long resolving;			/* the conflict being resolved */
	char import_path[PATH_MAX];	/* the last bundle typed, offered again */
	char export_peer[64];
};

static void sync_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r);
static int sync_dirty(const struct ui_screen *s);

/* ---- lines ------------------------------------------------------------------------ */

static void
lines_clear(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++)
		free(L->v[i].text);
	L->n = 0;
}

static void
lines_free(struct lines *L)
{
	lines_clear(L);
	free(L->v);
	L->v = NULL;
	L->cap = 0;
}

static void
add(struct lines *L, enum ui_tone tone, int rule, long conflict, const char *fmt, ...) YK_PRINTF(5, 6);

static void
add(struct lines *L, enum ui_tone tone, int rule, long conflict, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof *L->v);
	L->v[L->n++] = (struct sline){.tone = tone, .rule = rule, .conflict = conflict, .text = xstrdup(buf)};
}

#define TEXT(L, tone, ...) add((L), (tone), 0, -1, __VA_ARGS__)
#define RULE(L, ...) add((L), UI_TONE_FOCUS, 1, -1, __VA_ARGS__)

static void
draw_line(const struct lines *L, size_t i, int y, int x, int w, int selected)
{
	const struct sline *l = &L->v[i];

	if (l->rule) {
		ui_rule(y, x, w, l->text);
		return;
	}
	ui_put(y, x, 1, UI_TONE_NORMAL, "");
	ui_put(y, x + 1, w - 1, selected ? UI_TONE_SELECTED : l->tone, l->text);
}

static void
main_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	draw_line(&((struct syncs *)ctx)->main, i, y, x, w, selected);
}

static void
preview_row(void *ctx, size_t i, int y, int x, int w, int selected)
{
	draw_line(&((struct syncs *)ctx)->preview, i, y, x, w, selected);
}

/* The cases an export carries or an import brings, one line each. */
static void
case_lines(struct lines *L, const struct sync_summary *s, int import)
{
	for (size_t i = 0; i < s->ncases; i++) {
		const struct sync_case_change *c = &s->cases[i];

		if (import)
			TEXT(L, c->conflict ? UI_TONE_ERROR : UI_TONE_NORMAL, _("  %s  %s  新事件 %ld 条%s"),
			     c->case_no, c->is_new ? _("新增") : _("有变化"), c->events, c->conflict ? _("  冲突") : "");
		else
			TEXT(L, UI_TONE_NORMAL, _("  %s  %ld 条事件"), c->case_no, c->events);
	}
}

static size_t
new_cases(const struct sync_summary *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->ncases; i++)
		n += s->cases[i].is_new != 0;
	return n;
}

static void
import_lines(struct lines *L, const struct sync_summary *s, const char *path, int dry)
{
	if (s->new_events == 0) {
		TEXT(L, UI_TONE_NORMAL, _("%s：来自单位 %s 的 %ld 条事件都已在本库，没有新内容"), path, s->office,
		     s->events);
		return;
	}
	TEXT(L, dry ? UI_TONE_FOCUS : UI_TONE_OK, "%s %s", dry ? _("将导入") : _("已导入"), path);
	TEXT(L, UI_TONE_NORMAL, _("来源单位 %s（数据库 %.8s…），同步包共 %ld 条事件，新事件 %ld 条"), s->office,
	     s->source, s->events, s->new_events);
	TEXT(L, s->conflicts ? UI_TONE_ERROR : UI_TONE_NORMAL, _("案件 %zu 件有变化（新增 %zu 件），其中冲突 %ld 件"),
	     s->ncases, new_cases(s), s->conflicts);
	case_lines(L, s, 1);
}

static void
export_lines(struct lines *L, const struct sync_summary *s, const char *path, const char *peer, int dry)
{
	TEXT(L, dry ? UI_TONE_FOCUS : UI_TONE_OK, _("%s %zu 个案件的 %ld 条事件%s%s"), dry ? _("将导出") : _("已导出"),
	     s->ncases, s->events, dry ? "" : _(" 到 "), dry ? "" : path);
	TEXT(L, UI_TONE_NORMAL, _("单位 %s，同步记录 %ld..%ld%s%s"), s->office, s->mark_from + 1, s->mark_to,
	     peer && *peer ? _("，对方 ") : "", peer && *peer ? peer : "");
	case_lines(L, s, 0);
}

/* ---- the main view ------------------------------------------------------------------ */

/* "2026-03-03 17:00" of a stored time stamp. */
static const char *
stamp_short(const char *stamp, char *buf, size_t bufsz)
{
	if (strlen(stamp) >= 16)
		snprintf(buf, bufsz, "%.10s %.5s", stamp, stamp + 11);
	else
		snprintf(buf, bufsz, "%s", stamp);
	return buf;
}

/* "03-04" for a date of this year, else the whole date. */
static const char *
short_date(const char *date, char *buf, size_t bufsz)
{
	char today[YK_DATE_BUFSZ];

	date_format(ui_today(), today);
	snprintf(buf, bufsz, "%s", strlen(date) == 10 && strncmp(date, today, 5) == 0 ? date + 5 : date);
	return buf;
}

static void
reload(struct syncs *S)
{
	struct lines *L = &S->main;
	const struct sync_status *st = &S->status;
	char b[32];
	yk_error err;

	lines_clear(L);
	sync_status_free(&S->status);
	view_sync_status(S->ui->app->st, SYNC_IMPORTS_SHOWN, &S->status, &err);
	RULE(L, _("本库"));
	if (!st->status_read) {
		TEXT(L, UI_TONE_ERROR, _("无法读取同步状态：%s"), err.msg);
	} else {
		TEXT(L, UI_TONE_NORMAL, _("单位 %s   数据库 %.12s…   同步记录 %ld%s"), st->office, st->id,
		     st->records, st->training ? _("   培训库（只与培训库交换）") : "");
		for (size_t i = 0; i < st->npeers; i++)
			TEXT(L, UI_TONE_NORMAL, _("对方 %s：%s 导出至同步记录 %ld → %s"), st->peers[i].name,
			     stamp_short(st->peers[i].exported, b, sizeof b), st->peers[i].mark,
			     st->peers[i].file);
		for (size_t i = 0; i < st->nimports; i++) {
			const struct sync_import_log *l = &st->imports[i];

			TEXT(L, l->conflicts ? UI_TONE_ERROR : UI_TONE_NORMAL,
			     _("%s %s 自单位 %s：新事件 %ld 条，案件 %ld 件，冲突 %ld 件"),
			     i ? "        " : _("最近导入"), stamp_short(l->imported, b, sizeof b), l->office,
			     l->events, l->cases, l->conflicts);
		}
	}
	if (S->result.n) {
		TEXT(L, UI_TONE_NORMAL, "%s", "");
		RULE(L, _("刚才"));
		for (size_t i = 0; i < S->result.n; i++)
			TEXT(L, S->result.v[i].tone, "%s", S->result.v[i].text);
	}
	TEXT(L, UI_TONE_NORMAL, "%s", "");
	if (!st->conflicts_read) {
		RULE(L, _("同步冲突"));
		TEXT(L, UI_TONE_ERROR, _("无法读取冲突：%s"), err.msg);
	} else {
		RULE(L, _("未解决的同步冲突：%zu 件案件 %zu 处%s"), st->conflict_cases, st->nconflicts,
		     st->nconflicts ? _("（选中后按 Enter 解决）") : "");
		if (!st->nconflicts)
			TEXT(L, UI_TONE_DIM, _("  （无）"));
	}
	for (size_t i = 0; i < st->nconflicts; i++) {
		const struct sync_conflict *c = &st->conflicts[i];
		char d1[16], d2[16];

		if (c->against[0])
			add(L, UI_TONE_ERROR, 0, (long)i, _("%s  %s %s（%s，%s） 对 %s（%s，%s）"), c->case_no,
			    c->held ? _("搁置") : _("争议"), c->event_what, c->event_office,
			    short_date(c->event_date, d1, sizeof d1), c->against_what, c->against_office,
			    short_date(c->against_date, d2, sizeof d2));
		else
			add(L, UI_TONE_ERROR, 0, (long)i, _("%s  %s %s（%s，%s）"), c->case_no,
			    c->held ? _("搁置") : _("争议"), c->event_what, c->event_office,
			    short_date(c->event_date, d1, sizeof d1));
	}
	ui_list_set_count(&S->list, L->n);
	/* on the first conflict when there is one */
	if (st->nconflicts && (S->list.sel >= L->n || L->v[S->list.sel].conflict < 0))
		for (size_t i = 0; i < L->n; i++)
			if (L->v[i].conflict >= 0) {
				S->list.sel = i;
				break;
			}
}

/* ---- states and forms ------------------------------------------------------------------ */

static void
set_state(struct syncs *S, enum sync_state st)
{
	S->state = st;
	lines_clear(&S->preview);
	ui_list_set_count(&S->plist, 0);
	ui_form_free(&S->form);
	ui_form_init(&S->form);
	S->form.label_w = 10;
}

static const struct ui_field_def export_fields[] = {
	{.kind = UF_TEXT, .key = "peer", .label = N_("对方名称"), .max = 63,
	 .hint = N_("可空，如 HALL：记下导出给谁、到哪条记录")},
	{.kind = UF_TEXT, .key = "file", .label = N_("文件"), .required = 1, .max = 1024,
	 .hint = N_("同步包文件，如 ~/a.ykb 或 U 盘上的路径")},
	{.kind = UF_CHECK, .key = "since", .label = N_("范围")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def import_fields[] = {
	{.kind = UF_TEXT, .key = "file", .label = N_("同步包"), .required = 1, .max = 1024,
	 .hint = N_("对方导出的 .ykb 文件")},
	{.kind = UF_INFO, .label = NULL},
};

static const struct ui_field_def resolve_fields[] = {
	{.kind = UF_INFO, .key = "what", .label = N_("冲突")},
	{.kind = UF_CHOICE, .key = "keep", .label = N_("保留"), .required = 1},
	{.kind = UF_TEXT, .key = "reason", .label = N_("原因"), .required = 1, .max = 255,
	 .hint = N_("为什么这一方是对的（写入更正记录）")},
	{.kind = UF_INFO, .label = NULL},
};

static void
start_export(struct syncs *S)
{
	char name[128], typed[160], b[YK_DATE_BUFSZ];

	set_state(S, SS_EXPORT);
	ui_form_add_table(&S->form, export_fields);
	snprintf(ui_form_get(&S->form, "since")->caption, sizeof ui_form_get(&S->form, "since")->caption,
		 _("只导出上次导出给该对方之后有变化的案件"));
	snprintf(name, sizeof name, "yekuo-%s-%s.ykb", store_office(S->ui->app->st),
		 date_format(ui_today(), b));
	ui_path_home(name, typed, sizeof typed);
	ui_field_set_text(ui_form_get(&S->form, "peer"), S->export_peer);
	ui_field_set_text(ui_form_get(&S->form, "file"), typed);
	ui_form_mark_clean(&S->form);
}

static void
start_import(struct syncs *S)
{
	set_state(S, SS_IMPORT);
	ui_form_add_table(&S->form, import_fields);
	ui_field_set_text(ui_form_get(&S->form, "file"), S->import_path[0] ? S->import_path : "~/");
	ui_form_mark_clean(&S->form);
}

static void
start_resolve(struct syncs *S, struct ui *ui)
{
	const struct sline *l = S->main.n ? &S->main.v[S->list.sel] : NULL;
	const struct sync_conflict *c;
	char what[1024];
	size_t n = 0;

	if (!l || l->conflict < 0) {
		ui_message(ui, UI_TONE_NORMAL, S->status.nconflicts ? _("先选中一处冲突（红色的行），再按 Enter") : _("没有未解决的同步冲突"));
		return;
	}
	set_state(S, SS_RESOLVE);
	S->resolving = l->conflict;
	c = &S->status.conflicts[l->conflict];
	ui_form_add_table(&S->form, resolve_fields);
	if (c->against[0])
		snprintf(what, sizeof what, _("%s：单位 %s 的 %s（%s）%s，与单位 %s 的 %s（%s）冲突"), c->case_no,
			 c->event_office, c->event_what, c->event_date, c->held ? _("被搁置（作废待定）") : _("是后一更正"),
			 c->against_office, c->against_what, c->against_date);
	else
		snprintf(what, sizeof what, _("%s：单位 %s 的 %s（%s）%s"), c->case_no, c->event_office,
			 c->event_what, c->event_date, c->held ? _("被搁置（作废待定）") : _("有争议"));
	ui_field_set_text(ui_form_get(&S->form, "what"), what);
	/* the side in force first: keeping it is the smaller change */
	if (c->against[0]) {
		snprintf(S->keep_codes[n], sizeof S->keep_codes[n], "%s", c->against_office);
		snprintf(S->keep_labels[n], sizeof S->keep_labels[n], _("单位 %s：%s（%s）%s"), c->against_office,
			 c->against_what, c->against_date, c->held ? _("，现行") : "");
		n++;
	}
	snprintf(S->keep_codes[n], sizeof S->keep_codes[n], "%s", c->event_office);
	snprintf(S->keep_labels[n], sizeof S->keep_labels[n], _("单位 %s：%s（%s）%s"), c->event_office,
		 c->event_what, c->event_date, c->held ? _("，被搁置") : _("，现行"));
	n++;
	for (size_t i = 0; i < n; i++)
		S->keep_opts[i] = (struct ui_option){.code = S->keep_codes[i], .label = S->keep_labels[i]};
	ui_field_set_options(ui_form_get(&S->form, "keep"), S->keep_opts, n);
	ui_form_mark_clean(&S->form);
	ui_form_focus(&S->form, "keep");
	snprintf(S->base.title, sizeof S->base.title, "%s", c->case_no);
}

static void
back_to_main(struct syncs *S)
{
	set_state(S, SS_MAIN);
	S->base.title[0] = '\0';
	reload(S);
}

static int
path_of(struct syncs *S, struct ui *ui, char *path, size_t pathsz)
{
	ui_form_clear_errors(&S->form);
	if (ui_path_expand(ui_form_value(&S->form, "file"), path, pathsz) < 0 ||
	    path[strlen(path) - 1] == '/') {
		ui_form_error(&S->form, "file", _("请填写文件名"));
		ui_form_focus_error(&S->form);
		ui_message(ui, UI_TONE_ERROR, _("请填写同步包的文件名"));
		return -1;
	}
	return 0;
}

static void
do_export(struct syncs *S, struct ui *ui)
{
	char path[PATH_MAX], peer[64], q[PATH_MAX + 64];
	struct sync_export_opts o = {0};
	struct envelope_info info;
	struct sync_summary s;
	yk_error err;

	if (path_of(S, ui, path, sizeof path) < 0)
		return;
	snprintf(peer, sizeof peer, "%s", ui_form_value(&S->form, "peer"));
	o.peer = peer[0] ? peer : NULL;
	o.since_last = *ui_form_value(&S->form, "since") != '\0';
	if (o.since_last && !o.peer) {
		ui_form_error(&S->form, "peer", _("只导出变化时须填写对方名称"));
		ui_form_focus_error(&S->form);
		ui_message(ui, UI_TONE_ERROR, _("只导出变化时须填写对方名称"));
		return;
	}
	o.dry_run = 1;
	lines_clear(&S->preview);
	if (envelope_export(ui->app->st, path, &o, NULL, &info, &s, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("不能导出：%s"), err.msg);
		return;
	}
	export_lines(&S->preview, &s, path, o.peer, 1);
	ui_list_set_count(&S->plist, S->preview.n);
	S->plist.sel = 0;
	if (s.ncases == 0) {
		sync_summary_free(&s);
		ui_message(ui, UI_TONE_NORMAL, _("没有要导出的案件%s"), o.since_last ? _("（上次导出之后没有变化）") : "");
		return;
	}
	sync_summary_free(&s);
	snprintf(q, sizeof q, _("写入同步包 %s？"), path);
	if (!ui_confirm(ui, q)) {
		ui_message(ui, UI_TONE_NORMAL, _("未导出"));
		return;
	}
	o.dry_run = 0;
	if (envelope_export(ui->app->st, path, &o, NULL, &info, &s, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("未导出：%s"), err.msg);
		return;
	}
	lines_clear(&S->result);
	export_lines(&S->result, &s, path, o.peer, 0);
	snprintf(S->export_peer, sizeof S->export_peer, "%s", peer);
	ui_message(ui, UI_TONE_OK, _("已导出：%zu 个案件的 %ld 条事件 → %s"), s.ncases, s.events, path);
	sync_summary_free(&s);
	back_to_main(S);
}

static void
do_import(struct syncs *S, struct ui *ui)
{
	char path[PATH_MAX], q[PATH_MAX + 64];
	struct envelope_info info;
	struct sync_summary s;
	yk_error err;

	if (path_of(S, ui, path, sizeof path) < 0)
		return;
	snprintf(S->import_path, sizeof S->import_path, "%s", ui_form_value(&S->form, "file"));
	lines_clear(&S->preview);
	/* on a server only yekuo_sync brings other databases' records in:
	 * said before the preview, which would try the merge */
	if (store_may_merge(ui->app->st, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("不能导入，没有任何改动：%s"), err.msg);
		return;
	}
	if (envelope_import(ui->app->st, ui->app->rules, path, 1, &info, &s, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("不能导入，没有任何改动：%s"), err.msg);
		return;
	}
	import_lines(&S->preview, &s, path, 1);
	ui_list_set_count(&S->plist, S->preview.n);
	S->plist.sel = 0;
	if (s.new_events == 0) {
		ui_message(ui, UI_TONE_NORMAL, _("没有新内容：来自单位 %s 的 %ld 条事件都已在本库"), s.office, s.events);
		sync_summary_free(&s);
		return;
	}
	sync_summary_free(&s);
	snprintf(q, sizeof q, _("导入 %s？"), path);
	if (!ui_confirm(ui, q)) {
		ui_message(ui, UI_TONE_NORMAL, _("未导入"));
		return;
	}
	if (envelope_import(ui->app->st, ui->app->rules, path, 0, &info, &s, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("未导入，没有任何改动：%s"), err.msg);
		return;
	}
	lines_clear(&S->result);
	import_lines(&S->result, &s, path, 0);
	if (s.conflicts)
		ui_message(ui, UI_TONE_ERROR, _("已导入：新事件 %ld 条，%zu 件案件有变化，其中 %ld 件冲突（见下方，Enter 解决）"),
			   s.new_events, s.ncases, s.conflicts);
	else
		ui_message(ui, UI_TONE_OK, _("已导入：新事件 %ld 条，%zu 件案件有变化（新增 %zu 件）"), s.new_events,
			   s.ncases, new_cases(&s));
	sync_summary_free(&s);
	back_to_main(S);
}

static void
do_resolve(struct syncs *S, struct ui *ui)
{
	const struct sync_conflict *c = &S->status.conflicts[S->resolving];
	char case_no[CASE_NO_BUFSZ], keep[16];
	long n = 0;
	yk_error err;

	ui_form_clear_errors(&S->form);
	if (!*ui_form_value(&S->form, "reason")) {
		ui_form_error(&S->form, "reason", _("请写明原因：为什么保留这一方"));
		ui_form_focus_error(&S->form);
		ui_message(ui, UI_TONE_ERROR, _("请写明原因"));
		return;
	}
	snprintf(case_no, sizeof case_no, "%s", c->case_no);
	snprintf(keep, sizeof keep, "%s", ui_form_value(&S->form, "keep"));
	if (store_may_merge(ui->app->st, &err) < 0 ||
	    sync_resolve(ui->app->st, ui->app->rules, case_no, keep, ui_form_value(&S->form, "reason"),
			 ui->app->operator_name, &n, &err) < 0) {
		ui_message(ui, UI_TONE_ERROR, _("未解决：%s"), err.msg);
		return;
	}
	lines_clear(&S->result);
	TEXT(&S->result, UI_TONE_OK, _("%s：保留单位 %s，记录 %ld 条事件"), case_no, keep, n);
	back_to_main(S);
	ui_message(ui, UI_TONE_OK, _("已解决 %s 的冲突：保留单位 %s，记录 %ld 条事件"), case_no, keep, n);
}

/* ---- screen ------------------------------------------------------------------------------- */

static void
sync_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct syncs *S = (struct syncs *)s;
	int fh;
	const char *title;

	if (S->state == SS_MAIN) {
		ui_list_draw(&S->list, r);
		return;
	}
	title = S->state == SS_EXPORT ? _("导出同步包（F2 预览，确认后写入）")
		: S->state == SS_IMPORT ? _("导入同步包（F2 预览，确认后导入）")
					: _("解决同步冲突（F2 保存）");
	fh = S->state == SS_EXPORT ? SYNC_FORM_ROWS_EXPORT
	     : S->state == SS_IMPORT ? SYNC_FORM_ROWS_IMPORT
				     : SYNC_FORM_ROWS_RESOLVE;
	if (fh > r.h - 3)
		fh = r.h - 3;
	ui_rule(r.y, r.x, r.w, title);
	ui_form_draw(&S->form, ui, (struct ui_rect){.y = r.y + 1, .x = r.x, .h = fh, .w = r.w});
	if (S->state == SS_RESOLVE)
		return;
	ui_rule(r.y + 1 + fh, r.x, r.w, S->preview.n ? _("预览（尚未改动任何东西）") : _("预览"));
	ui_list_draw(&S->plist, (struct ui_rect){.y = r.y + 2 + fh, .x = r.x, .h = r.h - 2 - fh, .w = r.w});
}

static int
sync_state(const struct ui_screen *s)
{
	return (int)((const struct syncs *)s)->state;
}

/* an export or an import: a file name, previewed before anything is done */
#define IN_FILE_FORM (UI_IN(SS_EXPORT) | UI_IN(SS_IMPORT))

static int
key_start_export(const struct ui_keyhit *h)
{
	start_export((struct syncs *)h->s);
	return 1;
}

static int
key_start_import(const struct ui_keyhit *h)
{
	start_import((struct syncs *)h->s);
	return 1;
}

static int
key_start_resolve(const struct ui_keyhit *h)
{
	start_resolve((struct syncs *)h->s, h->ui);
	return 1;
}

static int
key_reload(const struct ui_keyhit *h)
{
	struct syncs *S = (struct syncs *)h->s;

	reload(S);
	ui_message(h->ui, UI_TONE_OK, _("已刷新：冲突 %zu 件"), S->status.conflict_cases);
	return 1;
}

static int
key_cancel(const struct ui_keyhit *h)
{
	if (sync_dirty(h->s) && !ui_confirm(h->ui, _("放弃未保存的输入吗？")))
		return 1;
	back_to_main((struct syncs *)h->s);
	ui_message(h->ui, UI_TONE_NORMAL, _("已取消，没有改动"));
	return 1;
}

static int
key_go(const struct ui_keyhit *h)
{
	struct syncs *S = (struct syncs *)h->s;

	if (S->state == SS_EXPORT)
		do_export(S, h->ui);
	else if (S->state == SS_IMPORT)
		do_import(S, h->ui);
	else
		do_resolve(S, h->ui);
	return 1;
}

static int
key_preview_page(const struct ui_keyhit *h)
{
	return ui_list_key(&((struct syncs *)h->s)->plist, h->k);
}

/* "空格勾选" on a box, "空格切换" on a choice, nothing on text. */
static int
space_offered(const struct ui_screen *s, int kind)
{
	return ui_form_space_does(&((const struct syncs *)s)->form, kind);
}

/* Enter解决 on the bottom line only while there is a conflict to resolve. */
static int
has_conflicts(const struct ui_screen *s, int arg)
{
	(void)arg;
	return ((const struct syncs *)s)->status.nconflicts > 0;
}

static const struct ui_keydef sync_keys[] = {
	/* the status and the conflicts */
	{.key = "e", .what = N_("导出"), .help = N_("导出同步包：对方名称（可空）和文件，先预览，y 确认后写入"), .bar = 1,
	 .on = {UI_KEY_CH(L'e')}, .in = UI_IN(SS_MAIN), .act = key_start_export},
	{.key = "i", .what = N_("导入"), .help = N_("导入同步包：先预览新事件和案件（新增/变化/冲突），y 确认后导入"), .bar = 1,
	 .on = {UI_KEY_CH(L'i')}, .in = UI_IN(SS_MAIN), .act = key_start_import},
	{.key = "Enter", .what = N_("解决"), .help = N_("解决所选的同步冲突：选择保留哪一方，写明原因"), .bar = 1,
	 .on = {UI_KEYS_ENTER}, .in = UI_IN(SS_MAIN), .act = key_start_resolve, .offered = has_conflicts},
	{.key = "r", .what = N_("刷新"), .help = N_("重新读取同步状态和冲突"), .bar = 1,
	 .on = {UI_KEY_CH(L'r')}, .in = UI_IN(SS_MAIN), .act = key_reload},
	{.key = "↑↓ j k", .what = N_("移动"), .help = N_("上下移动（PgUp PgDn 翻页）"), .in = UI_IN(SS_MAIN)},
	{.key = N_("冲突"), .what = "", .help = N_("离线时两边对同一案件的记录相互矛盾：都保留，后一条搁置，由人选定"),
	 .in = UI_IN(SS_MAIN)},
	/* an export or an import */
	{.key = "F2/^S", .what = N_("预览"), .help = N_("先预览（不做任何改动），再按 y 确认执行"), .bar = 1,
	 .on = {UI_KEYS_SAVE}, .in = IN_FILE_FORM, .act = key_go},
	{.key = "Tab", .what = N_("下一项"), .bar = 1, .in = IN_FILE_FORM},
	{.key = "S-Tab", .what = N_("上一项"), .bar = 1, .in = IN_FILE_FORM},
	{.key = N_("空格"), .what = N_("勾选"), .help = N_("勾选方框 / 切换选项"), .bar = 1, .in = IN_FILE_FORM,
	 .offered = space_offered, .arg = UF_CHECK},
	{.key = N_("空格"), .what = N_("切换"), .bar = 1, .in = IN_FILE_FORM,
	 .offered = space_offered, .arg = UF_CHOICE, .hidden = 1},
	{.key = "Esc", .what = N_("取消"), .help = N_("回到同步界面，不做改动"), .bar = 1,
	 .on = {UI_KEY_CH(UI_ESC)}, .in = IN_FILE_FORM, .act = key_cancel},
	{.key = "←→ Home End", .what = N_("光标"), .help = N_("在文字中按字移动光标"), .in = IN_FILE_FORM},
	{.key = "Ctrl-U Ctrl-K", .what = N_("删行"), .help = N_("删除光标前 / 后的全部文字"), .in = IN_FILE_FORM},
	{.key = "~/", .what = "", .help = N_("文件名以 ~/ 开头表示主目录"), .in = IN_FILE_FORM},
	/* resolving a conflict */
	{.key = "F2/^S", .what = N_("解决"), .help = N_("保留所选一方：追加更正记录（一次事务），冲突随之解决"), .bar = 1,
	 .on = {UI_KEYS_SAVE}, .in = UI_IN(SS_RESOLVE), .act = key_go},
	{.key = "Tab", .what = N_("下一项"), .bar = 1, .in = UI_IN(SS_RESOLVE)},
	{.key = N_("空格"), .what = N_("切换"), .help = N_("切换保留哪一方"), .bar = 1, .in = UI_IN(SS_RESOLVE)},
	{.key = "Esc", .what = N_("取消"), .help = N_("回到同步界面，不做改动"), .bar = 1,
	 .on = {UI_KEY_CH(UI_ESC)}, .in = UI_IN(SS_RESOLVE), .act = key_cancel},
	/* the preview under a form */
	{.key = "PgUp PgDn", .what = "", .on = {UI_KEY_FN(KEY_PPAGE), UI_KEY_FN(KEY_NPAGE)}, .in = IN_FILE_FORM | UI_IN(SS_RESOLVE),
	 .act = key_preview_page, .hidden = 1},
	{.key = NULL},
};

/* What the table did not take: the list's keys, or the form's. */
static int
sync_key(struct ui_screen *s, struct ui *ui, const struct ui_key *k)
{
	struct syncs *S = (struct syncs *)s;

	(void)ui;
	return S->state == SS_MAIN ? ui_list_key(&S->list, k) : ui_form_key(&S->form, k);
}

static int
sync_dirty(const struct ui_screen *s)
{
	const struct syncs *S = (const struct syncs *)s;

	/* only a resolution holds typed input worth asking about */
	return S->state == SS_RESOLVE && ui_form_dirty(&S->form);
}

static int
sync_typing(const struct ui_screen *s)
{
	const struct syncs *S = (const struct syncs *)s;

	return S->state != SS_MAIN && ui_form_typing(&S->form);
}

static void
sync_destroy(struct ui_screen *s)
{
	struct syncs *S = (struct syncs *)s;

	lines_free(&S->main);
	lines_free(&S->result);
	lines_free(&S->preview);
	ui_form_free(&S->form);
	sync_status_free(&S->status);
	free(S);
}

static const struct ui_screen_ops sync_ops = {
	.name = N_("同步"),
	.keys = sync_keys,
	.draw = sync_draw,
	.key = sync_key,
	.dirty = sync_dirty,
	.typing = sync_typing,
	.state = sync_state,
	.destroy = sync_destroy,
};

struct ui_screen *
ui_sync_new(struct ui *ui)
{
	struct syncs *S = xcalloc(1, sizeof *S);

	S->base.ops = &sync_ops;
	S->ui = ui;
	ui_form_init(&S->form);
	ui_list_init(&S->list, main_row, S);
	ui_list_init(&S->plist, preview_row, S);
	S->plist.show_sel = 0;
	reload(S);
	return &S->base;
}
