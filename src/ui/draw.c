#include "config.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yekuo/ui/curses.h"
#include "yekuo/core/calendar.h"
#include "yekuo/core/date.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/form.h"

/* Widest run of text drawn at once; rows wider than this are cut. */
#define UI_PUT_MAX_COLS 1000
#define UI_PUT_BUFSZ (UI_PUT_MAX_COLS * 4 + 8)

static int tone_attrs[UI_TONE_COUNT];

const char *
ui_tr(const char *msgid)
{
	if (!msgid || !*msgid)
		return msgid; /* gettext("") is the catalog's header */
	return strchr(msgid, '\004') ? yk_ctx_gettext(msgid) : _(msgid);
}

/* Monochrome first (TERM=vt100): bold, underline and reverse only; colour
 * is added on top where the terminal has it. */
void
ui_draw_init(void)
{
	static const struct {
		short fg;
		int mono, extra;
	} tones[UI_TONE_COUNT] = {
		[UI_TONE_NORMAL] = {-1, A_NORMAL, A_NORMAL},
		[UI_TONE_TITLE] = {-1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
		[UI_TONE_DIM] = {-1, A_DIM, A_DIM},
		[UI_TONE_SELECTED] = {-1, A_REVERSE, A_REVERSE},
		[UI_TONE_OVERDUE] = {COLOR_RED, A_BOLD | A_UNDERLINE, A_BOLD},
		[UI_TONE_DUE_TODAY] = {COLOR_MAGENTA, A_BOLD, A_BOLD},
		[UI_TONE_WARNING] = {COLOR_YELLOW, A_UNDERLINE, A_NORMAL},
		[UI_TONE_ON_TRACK] = {COLOR_GREEN, A_NORMAL, A_NORMAL},
		[UI_TONE_SUSPENDED] = {COLOR_CYAN, A_DIM, A_NORMAL},
		[UI_TONE_DONE] = {-1, A_DIM, A_DIM},
		[UI_TONE_ERROR] = {COLOR_RED, A_BOLD, A_BOLD},
		[UI_TONE_OK] = {COLOR_GREEN, A_BOLD, A_BOLD},
		[UI_TONE_FOCUS] = {-1, A_BOLD, A_BOLD},
	};
	int colour = has_colors() && start_color() == OK;

	if (colour)
		use_default_colors();
	for (int t = 0; t < UI_TONE_COUNT; t++) {
		if (colour && tones[t].fg >= 0 && COLOR_PAIRS > t) {
			init_pair((short)t, tones[t].fg, -1);
			tone_attrs[t] = (int)COLOR_PAIR(t) | tones[t].extra;
		} else {
			tone_attrs[t] = tones[t].mono;
		}
	}
}

/* Block characters need a UTF-8 terminal that is not a bare VT100: vt*,
 * ansi and dumb terminals (and any non-UTF-8 codeset) get ASCII. */
int
ui_ascii(void)
{
	const char *t = termname();
	const char *cs = nl_langinfo(CODESET);

	if (!cs || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0))
		return 1;
	if (!t)
		return 0;
	return strncmp(t, "vt", 2) == 0 || strcmp(t, "ansi") == 0 || strcmp(t, "dumb") == 0;
}

int
ui_tone_attr(enum ui_tone t)
{
	return (unsigned)t < UI_TONE_COUNT ? tone_attrs[t] : (int)A_NORMAL;
}

int
ui_put(int y, int x, int w, enum ui_tone t, const char *s)
{
	char cut[UI_PUT_BUFSZ], buf[UI_PUT_BUFSZ];
	int used;

	if (w <= 0)
		return 0;
	if (w > UI_PUT_MAX_COLS)
		w = UI_PUT_MAX_COLS;
	text_truncate(s ? s : "", w, cut, sizeof cut);
	used = text_width(cut);
	text_pad(cut, w, buf, sizeof buf);
	attrset(ui_tone_attr(t));
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
	return used;
}

int
ui_putf(int y, int x, int w, enum ui_tone t, const char *fmt, ...)
{
	char buf[UI_PUT_BUFSZ];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(y, x, w, t, buf);
}

void
ui_blank(int y, int x, int w)
{
	ui_put(y, x, w, UI_TONE_NORMAL, "");
}

/* ASCII dashes: box-drawing characters are "ambiguous width" (two columns
 * on many CJK terminals) and ACS needs a terminal that switches charsets. */
void
ui_rule(int y, int x, int w, const char *title)
{
	int tw = 0;

	if (w <= 0)
		return;
	if (title && *title && w > 8) {
		int tw0 = text_width(title);

		if (tw0 > w - 6)
			tw0 = w - 6;
		ui_put(y, x, 3, UI_TONE_DIM, "-- ");
		ui_put(y, x + 3, tw0, UI_TONE_FOCUS, title);
		tw = tw0 + 3;
		ui_put(y, x + tw, 1, UI_TONE_NORMAL, " ");
		tw++;
	}
	attrset(ui_tone_attr(UI_TONE_DIM));
	for (int i = tw; i < w; i++)
		mvaddch(y, x + i, '-');
	attrset(A_NORMAL);
}

enum ui_tone
ui_state_tone(enum engine_state s)
{
	static const enum ui_tone tones[] = {
		[ES_PENDING] = UI_TONE_NORMAL,	  [ES_RUNNING] = UI_TONE_NORMAL,
		[ES_ON_TRACK] = UI_TONE_ON_TRACK, [ES_WARNING] = UI_TONE_WARNING,
		[ES_DUE_TODAY] = UI_TONE_DUE_TODAY, [ES_OVERDUE] = UI_TONE_OVERDUE,
		[ES_SUSPENDED] = UI_TONE_SUSPENDED, [ES_DONE] = UI_TONE_DONE,
		[ES_DONE_ON_TIME] = UI_TONE_DONE, [ES_DONE_LATE] = UI_TONE_OVERDUE,
		[ES_WITHDRAWN] = UI_TONE_DONE,
	};

	return (unsigned)s < sizeof tones / sizeof tones[0] ? tones[s] : UI_TONE_NORMAL;
}

const char *
ui_state_marker(enum engine_state s)
{
	switch (s) {
	case ES_OVERDUE:
		return "!!";
	case ES_DUE_TODAY:
		return "! ";
	case ES_WARNING:
		return "~ ";
	case ES_SUSPENDED:
		return "= ";
	default:
		return "  ";
	}
}

void
ui_clock_text(const struct engine_clock *k, char *out, size_t outsz)
{
	switch (k->state) {
	case ES_OVERDUE:
		snprintf(out, outsz, _("超期 %ld"), k->late_by);
		break;
	case ES_DUE_TODAY:
		snprintf(out, outsz, "%s", _("今日到期"));
		break;
	case ES_WARNING:
		snprintf(out, outsz, _("预警 剩%ld"), k->remaining);
		break;
	case ES_ON_TRACK:
		snprintf(out, outsz, _("剩 %ld"), k->remaining);
		break;
	case ES_DONE_LATE:
		snprintf(out, outsz, _("超时 %ld"), k->late_by);
		break;
	default:
		snprintf(out, outsz, "%s", _(engine_state_zh(k->state)));
		break;
	}
}

/* The short names of the columns share their Chinese with the core's full
 * names ("高压单电源") but not their English ("HV single", not "HV single
 * supply"): msgids with the context "short". */
const char *
ui_stage_short(enum yk_stage s)
{
	static const char *const names[STAGE_COUNT] = {
		[STAGE_ACCEPT] = NC_("short", "业务受理"),	[STAGE_PLAN] = NC_("short", "方案答复"),
		[STAGE_DESIGN] = NC_("short", "设计审查"),	[STAGE_MIDCHECK] = NC_("short", "中间检查"),
		[STAGE_FINAL] = NC_("short", "竣工检验"),	[STAGE_ENERGISE] = NC_("short", "装表接电"),
	};

	return (unsigned)s < STAGE_COUNT ? ui_tr(names[s]) : "-";
}

const char *
ui_category_short(enum yk_category c)
{
	static const char *const names[CAT_COUNT] = {
		[CAT_LV_RESIDENT] = NC_("short", "低压居民"),	   [CAT_LV_SANLING] = NC_("short", "低压三零"),
		[CAT_LV_OTHER] = NC_("short", "低压非居民"),	   [CAT_LV_CHARGING] = NC_("short", "低压充电"),
		[CAT_HV_SINGLE] = NC_("short", "高压单电源"),	   [CAT_HV_DUAL] = NC_("short", "高压双电源"),
	};

	return (unsigned)c < CAT_COUNT ? ui_tr(names[c]) : "?";
}

void
ui_date_long(yk_date d, char *out, size_t outsz)
{
	static const char *const days[7] = {N_("周一"), N_("周二"), N_("周三"), N_("周四"),
					    N_("周五"), N_("周六"), N_("周日")};
	char b[YK_DATE_BUFSZ];

	if (d == YK_DATE_NONE)
		snprintf(out, outsz, "-");
	else
		snprintf(out, outsz, "%s %s", date_format(d, b), _(days[date_weekday(d)]));
}

void
ui_day_note(const struct yk_calendar *cal, yk_date d, char *out, size_t outsz)
{
	const char *name = cal ? calendar_day_name(cal, d) : NULL;

	switch (cal ? calendar_kind(cal, d) : CAL_WORKDAY) {
	case CAL_MAKEUP:
		if (name)
			snprintf(out, outsz, _("调休上班：%s"), name);
		else
			snprintf(out, outsz, "%s", _("调休上班"));
		break;
	case CAL_HOLIDAY:
		snprintf(out, outsz, _("%s放假"), name ? name : "");
		break;
	default:
		out[0] = '\0';
	}
}

void
ui_date_short(yk_date d, int year, char *out, size_t outsz)
{
	char b[YK_DATE_BUFSZ];

	date_format(d, b);
	if (d != YK_DATE_NONE && date_year(d) == year)
		snprintf(out, outsz, "%s", b + 5);
	else
		snprintf(out, outsz, "%s", b);
}

const char *
ui_region_zh(const struct yk_rules *rules, const char *code)
{
	const char *name = rules_region_name(rules, code);

	return name ? name : code;
}

size_t
ui_region_options(const struct yk_rules *rules, struct ui_option *out, size_t max)
{
	size_t n = 0;

	if (max)
		out[n++] = (struct ui_option){.code = "national", .label = ui_region_zh(rules, "national")};
	for (size_t i = 0; i < rules_count(rules) && n < max; i++) {
		const char *code = rules_at(rules, i)->region;
		size_t k;

		for (k = 0; k < n; k++)
			if (strcmp(out[k].code, code) == 0)
				break;
		if (k == n)
			out[n++] = (struct ui_option){.code = code, .label = ui_region_zh(rules, code)};
	}
	return n;
}

void
ui_profile_zh(const struct rule_profile *p, char *out, size_t outsz)
{
	char b[YK_DATE_BUFSZ];

	if (!p) {
		snprintf(out, outsz, "-");
		return;
	}
	snprintf(out, outsz, _("%s规则（%s起）"), p->region_name[0] ? p->region_name : p->region,
		 date_format(p->from, b));
}
