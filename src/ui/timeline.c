#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/ui/curses.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/timeline.h"
#include "yekuo/core/xalloc.h"

/* Suspension lines shown under the bars at most. */
#define TL_SUSP_LINES 3
/* Days a bar is drawn from at most (a filing can push a due date months on). */
#define TL_SPAN_MAX 3660
#define TL_LABEL_W 12
#define TL_BAR_MIN 10
#define TL_BAR_MAX 40

/* Bar cells: a working day used, suspended, still to come, or past the
 * limit. Ordered by how much a scaled cell should show it. */
enum cell { CELL_BLANK, CELL_LEFT, CELL_USED, CELL_SUSP, CELL_OVER };
static const char cell_char[] = {' ', '.', '#', '~', '!'};

int
ui_timeline_lines(const struct case_state *c, const struct engine_result *r)
{
	int n = 1 + (int)r->nsteps + r->has_whole + r->has_total;

	n += c->nsusp > TL_SUSP_LINES ? TL_SUSP_LINES + 1 : (int)c->nsusp;
	if (r->filed_note[0])
		n++;
	return n;
}

static unsigned
step_mask(const char *code)
{
	char buf[48], *tok, *save;
	unsigned m = 0;

	snprintf(buf, sizeof buf, "%s", code);
	for (tok = strtok_r(buf, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
		int s = stage_from_code(tok);

		if (s >= 0)
			m |= 1u << s;
	}
	return m;
}

static void
step_label(const struct engine_clock *k, char *out, size_t outsz)
{
	static const char *const two[STAGE_COUNT] = {
		/* TRANSLATORS: stage names of two characters (three or four
		 * letters), joined with + in a column of 12 ("方案+设计") */
		[STAGE_ACCEPT] = N_("受理"), [STAGE_PLAN] = N_("方案"), [STAGE_DESIGN] = N_("设计"),
		[STAGE_MIDCHECK] = N_("中检"), [STAGE_FINAL] = N_("竣工"), [STAGE_ENERGISE] = N_("接电"),
	};
	/* the stages' names (rules.c) with an English of at most 12 columns,
	 * the label's (TRANSLATORS: at most 12 letters) */
	static const char *const one[STAGE_COUNT] = {
		[STAGE_ACCEPT] = NC_("step", "业务受理"), [STAGE_PLAN] = NC_("step", "供电方案答复"),
		[STAGE_DESIGN] = NC_("step", "设计审查"), [STAGE_MIDCHECK] = NC_("step", "中间检查"),
		[STAGE_FINAL] = NC_("step", "竣工检验"), [STAGE_ENERGISE] = NC_("step", "装表接电"),
	};
	unsigned m = step_mask(k->code);
	size_t len = 0;
	int n = 0;

	if (strcmp(k->code, "whole") == 0) {
		snprintf(out, outsz, "%s", _("全过程"));
		return;
	}
	if (strcmp(k->code, "total") == 0) {
		snprintf(out, outsz, "%s", _("各环节合计"));
		return;
	}
	for (int s = 0; s < STAGE_COUNT; s++)
		n += (m >> s) & 1;
	if (n == 1) {
		for (int s = 0; s < STAGE_COUNT; s++)
			if (m == 1u << s)
				snprintf(out, outsz, "%s", ui_tr(one[s]));
		return;
	}
	out[0] = '\0';
	for (int s = 0; s < STAGE_COUNT && len < outsz; s++)
		if ((m >> s) & 1)
			len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? "+" : "", _(two[s]));
	if (!out[0])
		snprintf(out, outsz, "%s", k->name);
}

/* Was anything of this step entered late (补录)? An event of one of its
 * stages, or one without a stage (suspension, resumption, filing) dated
 * while the step ran; the whole-process clock takes every late event. */
static int
step_late(const struct engine_clock *k, const struct yk_event *evs, size_t nev)
{
	unsigned m = step_mask(k->code);
	int whole = strcmp(k->code, "whole") == 0 || strcmp(k->code, "total") == 0;

	for (size_t i = 0; i < nev; i++) {
		const char *st = payload_get(&evs[i].data, "stage");
		int s = st ? stage_from_code(st) : evs[i].kind == EV_OPEN ? STAGE_ACCEPT : -1;
		yk_date d = evs[i].effective;

		if (!event_is_late(&evs[i]) || evs[i].kind == EV_CORRECT)
			continue;
		if (whole)
			return 1;
		if (s >= 0 && ((m >> s) & 1))
			return 1;
		if (s < 0 && k->started != YK_DATE_NONE && k->started <= d &&
		    (k->done == YK_DATE_NONE || d <= k->done))
			return 1;
	}
	return 0;
}

static int
in_suspension(const struct case_state *c, yk_date d, yk_date today)
{
	for (size_t i = 0; i < c->nsusp; i++) {
		yk_date to = c->susp[i].to == YK_DATE_NONE ? today : c->susp[i].to;

		if (c->susp[i].from < d && d <= to)
			return 1;
	}
	return 0;
}

/* One cell per working day of the step, from its start to the later of
 * its due date and its end (done, or today). Returns the day count. */
static size_t
day_cells(const struct yk_calendar *cal, const struct case_state *c, const struct engine_clock *k,
	  yk_date today, unsigned char **out)
{
	yk_date end = k->done != YK_DATE_NONE ? k->done : today;
	yk_date last = end;
	unsigned char *cells;
	size_t n = 0;
	long used = 0;

	*out = NULL;
	if (k->started == YK_DATE_NONE)
		return 0;
	/* a running clock shows the days it has left; a finished one only
	 * the days it took */
	if (k->done == YK_DATE_NONE && k->due != YK_DATE_NONE && k->due > last)
		last = k->due;
	/* a clock started after today (the computer's date was set back, or
	 * YEKUO_NOW on a training database) has no day to show yet */
	if (last < k->started)
		return 0;
	if (last - k->started > TL_SPAN_MAX)
		last = k->started + TL_SPAN_MAX;
	cells = xmalloc((size_t)(last - k->started) + 1);
	for (yk_date d = k->started + 1; d <= last; d++) {
		if (!calendar_in_range(d) || !calendar_is_workday(cal, d))
			continue;
		if (d > end) {
			cells[n++] = CELL_LEFT;
		} else if (in_suspension(c, d, today)) {
			cells[n++] = CELL_SUSP;
		} else {
			used++;
			if (k->filed)
				cells[n++] = k->due != YK_DATE_NONE && d > k->due ? CELL_OVER : CELL_USED;
			else
				cells[n++] = k->limit != RULE_NO_LIMIT && used > k->limit ? CELL_OVER : CELL_USED;
		}
	}
	*out = cells;
	return n;
}

/* The "total" clock has no dates: used against the limit. */
static size_t
total_cells(const struct engine_clock *k, unsigned char **out)
{
	long n = k->limit > k->elapsed ? k->limit : k->elapsed;
	unsigned char *cells;

	if (n <= 0) {
		*out = NULL;
		return 0;
	}
	if (n > TL_SPAN_MAX)
		n = TL_SPAN_MAX;
	cells = xmalloc((size_t)n);
	for (long i = 0; i < n; i++)
		cells[i] = i < k->elapsed ? (i < k->limit ? CELL_USED : CELL_OVER) : CELL_LEFT;
	*out = cells;
	return (size_t)n;
}

/* Squeeze n day cells into w columns: each column shows what most of its
 * days were (the more telling kind on a tie); short steps get one column a
 * day. */
static void
bar_text(const unsigned char *cells, size_t n, int w, char *out)
{
	for (int i = 0; i < w; i++) {
		enum cell best = CELL_BLANK;

		if (n <= (size_t)w) {
			if ((size_t)i < n)
				best = (enum cell)cells[i];
		} else {
			size_t a = (size_t)i * n / (size_t)w, b = (size_t)(i + 1) * n / (size_t)w;
			size_t count[CELL_OVER + 1] = {0};

			if (b == a)
				b = a + 1;
			for (size_t j = a; j < b && j < n; j++)
				count[cells[j]]++;
			for (int c = CELL_BLANK; c <= CELL_OVER; c++)
				if (count[c] && count[c] >= count[best])
					best = (enum cell)c;
		}
		out[i] = cell_char[best];
	}
	out[w] = '\0';
}

static void
draw_clock(const struct yk_calendar *cal, const struct case_state *c, const struct engine_clock *k,
	   const struct yk_event *evs, size_t nev, yk_date today, int y, struct ui_rect area, int bar_w)
{
	char label[128], bar[TL_BAR_MAX + 1], used[24], start[16], due[16], state[96],
		done[16];
	unsigned char *cells = NULL;
	size_t n;
	int x = area.x, year = date_year(today), state_w;
	enum ui_tone tone = ui_state_tone(k->state);
	size_t len;

	step_label(k, label, sizeof label);
	n = strcmp(k->code, "total") == 0 ? total_cells(k, &cells) : day_cells(cal, c, k, today, &cells);
	bar_text(cells, n, bar_w, bar);
	free(cells);
	if (k->limit == RULE_NO_LIMIT)
		snprintf(used, sizeof used, "%ld/-", k->elapsed);
	else
		snprintf(used, sizeof used, "%ld/%d", k->started == YK_DATE_NONE && strcmp(k->code, "total") ? 0 : k->elapsed,
			 k->limit);
	ui_date_short(k->started, year, start, sizeof start);
	if (k->due == YK_DATE_NONE)
		snprintf(due, sizeof due, "%s", k->limit == RULE_NO_LIMIT ? _("不限时") : "-");
	else
		date_format(k->due, due);
	ui_clock_text(k, state, sizeof state);
	if (k->state == ES_PENDING)
		snprintf(state, sizeof state, "%s", k->started == YK_DATE_NONE ? _("未开始") : _("待客户"));
	if (k->done != YK_DATE_NONE) {
		ui_date_short(k->done, year, done, sizeof done);
		if (k->state == ES_DONE_LATE)
			snprintf(state, sizeof state, _("超时%ld 完成%s"), k->late_by, done);
		else if (k->state == ES_DONE_ON_TIME)
			snprintf(state, sizeof state, _("按时 完成%s"), done);
		else
			snprintf(state, sizeof state, _("完成%s"), done);
	}
	len = strlen(state);
	if (k->filed && len < sizeof state)
		len += (size_t)snprintf(state + len, sizeof state - len, "%s", _(" 备案"));
	if (step_late(k, evs, nev) && len < sizeof state)
		snprintf(state + len, sizeof state - len, "%s", _(" 补录"));

	ui_put(y, x, TL_LABEL_W, UI_TONE_NORMAL, label);
	x += TL_LABEL_W + 1;
	mvaddch(y, x, '[');
	ui_put(y, x + 1, bar_w, tone == UI_TONE_DONE ? UI_TONE_NORMAL : tone, bar);
	mvaddch(y, x + 1 + bar_w, ']');
	x += bar_w + 3;
	ui_putf(y, x, 7, UI_TONE_NORMAL, "%7s", used);
	x += 8;
	if (k->started == YK_DATE_NONE && k->due == YK_DATE_NONE)
		ui_put(y, x, 17, tone, "");
	else
		ui_putf(y, x, 17, tone, "%5s->%s", start, due);
	x += 18;
	state_w = area.x + area.w - x;
	ui_put(y, x, state_w, tone, state);
}

int
ui_timeline_draw(const struct yk_calendar *cal, const struct case_state *c,
		 const struct engine_result *r, const struct yk_event *evs, size_t nev,
		 yk_date today, struct ui_rect area)
{
	int y = area.y, end = area.y + area.h;
	/* label, brackets, used, dates and at least a short state */
	int bar_w = area.w - (TL_LABEL_W + 1 + 3 + 8 + 18 + 18);

	if (bar_w < TL_BAR_MIN)
		bar_w = TL_BAR_MIN;
	if (bar_w > TL_BAR_MAX)
		bar_w = TL_BAR_MAX;
	if (y < end) {
		int x = area.x;

		ui_put(y, x, area.w, UI_TONE_NORMAL, "");
		ui_put(y, x, TL_LABEL_W, UI_TONE_DIM, _("环节"));
		x += TL_LABEL_W + 1;
		/* the legend may run into the used column's blank lead */
		/* TRANSLATORS: the legend of the bars: # . ~ ! stay */
		ui_put(y, x, bar_w + 6, UI_TONE_DIM, _("#已用 ~挂起 .剩余 !超出"));
		x += bar_w + 3;
		ui_put(y + 0, x + 3, 4, UI_TONE_DIM, _("用时"));
		x += 8;
		ui_put(y, x, 17, UI_TONE_DIM, _(" 开始->到期日"));
		x += 18;
		ui_put(y, x, area.x + area.w - x, UI_TONE_DIM, _("状态（工作日）"));
		y++;
	}
	for (size_t i = 0; i < r->nsteps && y < end; i++)
		draw_clock(cal, c, &r->steps[i], evs, nev, today, y++, area, bar_w);
	if (r->has_whole && y < end)
		draw_clock(cal, c, &r->whole, evs, nev, today, y++, area, bar_w);
	if (r->has_total && y < end)
		draw_clock(cal, c, &r->total, evs, nev, today, y++, area, bar_w);
	for (size_t i = 0; i < c->nsusp && y < end; i++) {
		const struct case_susp *s = &c->susp[i];
		char from[YK_DATE_BUFSZ], to[YK_DATE_BUFSZ];
		yk_date t = s->to == YK_DATE_NONE ? today : s->to;
		long days = t > s->from && calendar_in_range(s->from) && calendar_in_range(t)
				    ? calendar_count(cal, s->from, t)
				    : 0;

		if (i == TL_SUSP_LINES) {
			ui_putf(y++, area.x, area.w, UI_TONE_SUSPENDED, _("  ~ 另有 %zu 次挂起，见事件记录"),
				c->nsusp - TL_SUSP_LINES);
			break;
		}
		date_format(s->from, from);
		if (s->to == YK_DATE_NONE)
			snprintf(to, sizeof to, "%s", _("今"));
		else
			date_format(s->to, to);
		ui_putf(y++, area.x, area.w, UI_TONE_SUSPENDED,
			s->to == YK_DATE_NONE ? _("  ~ 挂起 %s->%s %s%s%s（停表 %ld 工作日，未恢复）")
					      : _("  ~ 挂起 %s->%s %s%s%s（停表 %ld 工作日）"),
			from, to, _(susp_reason_zh(s->reason)), s->note[0] ? _("：") : "", s->note, days);
	}
	if (r->filed_note[0] && y < end) {
		char on[YK_DATE_BUFSZ], due[YK_DATE_BUFSZ];

		/* the engine's note is the receipt's Chinese; the screen's own words */
		ui_putf(y++, area.x, area.w, UI_TONE_DIM, _("  电网升级改造备案 %s: 按计划完成日 %s 计时"),
			date_format(r->filed_on, on), date_format(r->filed_due, due));
	}
	return y - area.y;
}
