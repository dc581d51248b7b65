#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/views.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/views.h"
#include "yekuo/ui/calendar.h"
#include "yekuo/ui/curses.h"
#include "yekuo/ui/detail.h"
#include "yekuo/ui/draw.h"

struct calendar_screen {
	struct ui_screen base;
	struct ui *ui;
	struct case_rows rows;		/* the open cases: their due dates */
	yk_date sel;			/* the selected day */
	yk_date today;
};

static void
load(struct calendar_screen *c)
{
	struct app *app = c->ui->app;
	yk_error err;

	c->today = ui_today();
	case_rows_free(&c->rows);
	case_rows_init(&c->rows, &(struct case_rows_opts){.rules = app->rules, .cal = app->cal,
							  .today = c->today, .keep = CASE_FILTER_ANY});
	if (view_case_rows(app->st, &(struct case_query){.open_only = 1, .brief = 1}, &c->rows, &err) < 0)
		ui_message(c->ui, UI_TONE_ERROR, _("无法读取案件：%s"), err.msg);
}

static size_t
due_on(const struct calendar_screen *c, yk_date d)
{
	size_t n = 0;

	for (size_t i = 0; i < c->rows.n; i++)
		n += c->rows.v[i].due == d;
	return n;
}

/* The first case due on the selected day, in urgency order (or NULL). */
static const struct case_row *
first_due(const struct calendar_screen *c)
{
	for (size_t i = 0; i < c->rows.n; i++)
		if (c->rows.v[i].due == c->sel)
			return &c->rows.v[i];
	return NULL;
}

static void
cal_draw(struct ui_screen *s, struct ui *ui, struct ui_rect r)
{
	struct calendar_screen *c = (struct calendar_screen *)s;
	const struct yk_calendar *cal = ui->app->cal;
	int y = r.y, year, month, day, cw = (r.w - 2) / 7;
	yk_date first, d;
	char buf[256], note[96], b[YK_DATE_BUFSZ];
	size_t n;

	(void)ui;
	date_to_ymd(c->sel, &year, &month, &day);
	first = date_from_ymd(year, month, 1);
	snprintf(buf, sizeof buf, _("%d年%02d月%s"), year, month,
		 calendar_year_loaded(cal, year) ? "" : _("（本年节假日未载入，只按周末推算）"));
	ui_rule(y++, r.x, r.w, buf);
	for (int i = 0; i < 7; i++) /* the heads: the week of the 1st, Monday first */
		ui_putf(y, r.x + 1 + i * cw, cw, i >= 5 ? UI_TONE_DIM : UI_TONE_FOCUS, " %s",
			date_weekday_name(first - date_weekday(first) + i));
	y++;
	/* the weeks of the month, Monday first */
	d = first - date_weekday(first);
	for (int week = 0; week < 6; week++, y++) {
		for (int i = 0; i < 7; i++, d++) {
			int dy, dm, dd;
			enum cal_kind k = calendar_kind(cal, d);
			enum ui_tone tone = k == CAL_HOLIDAY ? UI_TONE_OVERDUE
					    : k == CAL_WEEKEND ? UI_TONE_DIM
					    : k == CAL_MAKEUP ? UI_TONE_WARNING
							      : UI_TONE_NORMAL;
			char due[32] = "";

			date_to_ymd(d, &dy, &dm, &dd);
			if (dm != month)
				continue;
			if ((n = due_on(c, d)) > 0)
				snprintf(due, sizeof due, _("%zu件"), n);
			if (d == c->sel)
				tone = UI_TONE_SELECTED;
			else if (d == c->today)
				tone = UI_TONE_FOCUS;
			ui_putf(y, r.x + 1 + i * cw, cw - 1, tone, "%s%2d %-2s %s", d == c->today ? ">" : " ",
				dd, k == CAL_HOLIDAY ? _("休") : k == CAL_MAKEUP ? _("班") : "", due);
		}
		{
			int ny, nm, nd;

			/* d is the next Monday: stop once it is past the month */
			date_to_ymd(d, &ny, &nm, &nd);
			if (nm != month)
				break;
		}
	}
	y++;
	ui_put(y++, r.x + 1, r.w - 1, UI_TONE_DIM, _("休 法定节假日  班 调休上班  N件 当天到期的在办案件  > 今日"));
	y++;
	ui_day_note(cal, c->sel, note, sizeof note);
	n = due_on(c, c->sel);
	ui_date_long(c->sel, buf, sizeof buf);
	if (note[0])
		ui_putf(y++, r.x + 1, r.w - 1, UI_TONE_FOCUS, _("%s（%s）  %s"), buf, note,
			calendar_is_workday(cal, c->sel) ? pgettext("day", "工作日") : _("休息日"));
	else
		ui_putf(y++, r.x + 1, r.w - 1, UI_TONE_FOCUS, "%s  %s", buf,
			calendar_is_workday(cal, c->sel) ? pgettext("day", "工作日") : _("休息日"));
	if (!n)
		ui_put(y++, r.x + 3, r.w - 3, UI_TONE_DIM, _("这一天没有在办案件到期"));
	for (size_t i = 0; i < c->rows.n && y < r.y + r.h; i++) {
		const struct case_row *w = &c->rows.v[i];

		if (w->due != c->sel)
			continue;
		ui_putf(y++, r.x + 3, r.w - 3, ui_state_tone(w->state), _("%s  %s  %s  到期 %s  %s"),
			w->case_no, w->name, w->stage >= 0 ? ui_stage_short((enum yk_stage)w->stage) : "-",
			date_format(w->due, b), _(engine_state_zh(w->state)));
	}
}

enum { MOVE_DAY, MOVE_WEEK, MOVE_MONTH, MOVE_TODAY };

static int
key_move(const struct ui_keyhit *h)
{
	struct calendar_screen *c = (struct calendar_screen *)h->s;
	int dir = ui_key_fn(h->k, KEY_LEFT) || ui_key_fn(h->k, KEY_UP) || ui_key_fn(h->k, KEY_PPAGE) ||
			  ui_key_char(h->k, L'h') || ui_key_char(h->k, L'k') || ui_key_char(h->k, L'[')
		      ? -1
		      : 1;
	int y, m, d;

	switch (h->d->arg) {
	case MOVE_DAY:
		c->sel += dir;
		break;
	case MOVE_WEEK:
		c->sel += 7 * dir;
		break;
	case MOVE_MONTH:
		/* the same day of the next or previous month, or its last day */
		date_to_ymd(c->sel, &y, &m, &d);
		m += dir;
		if (m < 1)
			m = 12, y--;
		if (m > 12)
			m = 1, y++;
		c->sel = date_from_ymd(y, m, 1);
		for (int k = 1; k < d; k++) {
			int ky, km, kd;

			/* the same day, or the month's last */
			date_to_ymd(c->sel + 1, &ky, &km, &kd);
			if (km != m)
				break;
			c->sel++;
		}
		break;
	default:
		c->sel = c->today;
	}
	if (!calendar_in_range(c->sel))
		c->sel = c->today;
	return 1;
}

static int
key_open(const struct ui_keyhit *h)
{
	const struct case_row *w = first_due((struct calendar_screen *)h->s);

	if (w)
		ui_push(h->ui, ui_detail_new(h->ui, w->case_no));
	else
		ui_message(h->ui, UI_TONE_NORMAL, _("这一天没有在办案件到期"));
	return 1;
}

static const struct ui_keydef cal_keys[] = {
	{.key = "←→", .what = N_("日"), .help = N_("前一天 / 后一天（也可 h l）"), .bar = 1,
	 .on = {UI_KEY_FN(KEY_LEFT), UI_KEY_FN(KEY_RIGHT), UI_KEY_CH(L'h'), UI_KEY_CH(L'l')},
	 .act = key_move, .arg = MOVE_DAY},
	{.key = "↑↓", .what = N_("周"), .help = N_("上一周 / 下一周（也可 k j）"), .bar = 1,
	 .on = {UI_KEY_FN(KEY_UP), UI_KEY_FN(KEY_DOWN), UI_KEY_CH(L'k'), UI_KEY_CH(L'j')},
	 .act = key_move, .arg = MOVE_WEEK},
	{.key = "PgUp PgDn", .what = N_("月"), .help = N_("上个月 / 下个月（也可 [ ]）"), .bar = 1,
	 .on = {UI_KEY_FN(KEY_PPAGE), UI_KEY_FN(KEY_NPAGE), UI_KEY_CH(L'['), UI_KEY_CH(L']')},
	 .act = key_move, .arg = MOVE_MONTH},
	{.key = "t", .what = N_("今日"), .help = N_("回到今日"), .bar = 1, .on = {UI_KEY_CH(L't')},
	 .act = key_move, .arg = MOVE_TODAY},
	{.key = "Enter", .what = N_("打开"), .help = N_("打开所选这一天最先要办的到期案件"), .bar = 1,
	 .on = {UI_KEYS_ENTER}, .act = key_open},
	{.key = N_("休 班"), .what = "", .help = N_("休：法定节假日（放假）；班：调休上班的周末；N件：当天到期的在办案件")},
	{.key = NULL},
};

static void
cal_resume(struct ui_screen *s, struct ui *ui)
{
	(void)ui;
	load((struct calendar_screen *)s);
}

static void
cal_destroy(struct ui_screen *s)
{
	struct calendar_screen *c = (struct calendar_screen *)s;

	case_rows_free(&c->rows);
	free(c);
}

static const struct ui_screen_ops cal_ops = {
	.name = N_("日历"),
	.keys = cal_keys,
	.draw = cal_draw,
	.resume = cal_resume,
	.destroy = cal_destroy,
};

struct ui_screen *
ui_calendar_new(struct ui *ui)
{
	struct calendar_screen *c = xcalloc(1, sizeof *c);

	c->base.ops = &cal_ops;
	c->ui = ui;
	load(c);
	c->sel = c->today;
	return &c->base;
}
