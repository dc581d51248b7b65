#ifndef YEKUO_UI_DRAW_H
#define YEKUO_UI_DRAW_H

/* Drawing helpers shared by the screens: UTF-8 text cut by display width
 * on a character boundary, the tones (colour where the terminal has it,
 * bold/underline/reverse where it does not) and the state markers that keep
 * a monochrome terminal (TERM=vt100) readable. */

#include "yekuo/core/engine.h"
#include "yekuo/core/rules.h"

enum ui_tone {
	UI_TONE_NORMAL,
	UI_TONE_TITLE,
	UI_TONE_DIM,
	UI_TONE_SELECTED,
	UI_TONE_OVERDUE,
	UI_TONE_DUE_TODAY,
	UI_TONE_WARNING,
	UI_TONE_ON_TRACK,
	UI_TONE_SUSPENDED,
	UI_TONE_DONE,
	UI_TONE_ERROR,
	UI_TONE_OK,
	UI_TONE_FOCUS,
	UI_TONE_COUNT
};

/* A text of a static table (an N_() msgid: a key table's word, a screen's
 * name, a column header) in the language of the locale, at display time.
 * NULL and "" stay as they are (gettext("") is the catalog's header). A
 * msgid with a context, NC_("key", "挂起") (core/i18n.h), is shown as the
 * Chinese after the context when the catalog has no English for it. */
const char *ui_tr(const char *msgid);

/* Colours when the terminal has them (after initscr). */
void ui_draw_init(void);
int ui_tone_attr(enum ui_tone t);
/* 1 when block characters (the report's bars, the conflict mark) should
 * be drawn in ASCII: TERM=vt100 and the like, or a non-UTF-8 codeset. */
int ui_ascii(void);

/* Draw s at (y, x) in exactly w columns: cut on a character boundary
 * (with "…") and padded with blanks. Returns the columns the text took. */
int ui_put(int y, int x, int w, enum ui_tone t, const char *s);
int ui_putf(int y, int x, int w, enum ui_tone t, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
/* Blank a row segment. */
void ui_blank(int y, int x, int w);
/* A horizontal rule with an optional title. */
void ui_rule(int y, int x, int w, const char *title);

/* The tone and the two-column marker of a clock state: "!!" overdue,
 * "! " due today, "~ " warning, "= " suspended, blank otherwise. */
enum ui_tone ui_state_tone(enum engine_state s);
const char *ui_state_marker(enum engine_state s);
/* "超期 3", "今日到期", "预警", "剩 5", "挂起" … for a clock (the locale's
 * language, as everything below that writes words). */
void ui_clock_text(const struct engine_clock *k, char *out, size_t outsz);

/* Short Chinese names for columns ("方案答复", "高压双电源"). */
const char *ui_stage_short(enum yk_stage s);
const char *ui_category_short(enum yk_category c);
/* "天津" for a region code: the name its rule files give it (the code
 * itself when no profile has the region). */
const char *ui_region_zh(const struct yk_rules *rules, const char *code);
/* Every region of the rule files, national first, each once, as choices
 * named in Chinese; returns how many were written (max at most). */
struct ui_option;
size_t ui_region_options(const struct yk_rules *rules, struct ui_option *out, size_t max);
/* A rule profile as a person reads it: "全国规则（2025-07-01起）", never
 * its file's id. */
void ui_profile_zh(const struct rule_profile *p, char *out, size_t outsz);
/* What kind of day d is when it is not an ordinary one: "调休上班：春节"
 * on a make-up working day, "国庆节放假" on a holiday, "" otherwise. */
void ui_day_note(const struct yk_calendar *cal, yk_date d, char *out, size_t outsz);
/* "2026-03-02 周一" */
void ui_date_long(yk_date d, char *out, size_t outsz);
/* "03-02" (or the full date when it is not in `year`) */
void ui_date_short(yk_date d, int year, char *out, size_t outsz);

#endif
