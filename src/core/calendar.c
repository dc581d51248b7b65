#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

#define NYEARS (CAL_LAST_YEAR - CAL_FIRST_YEAR + 1)
/* The longest break in any notice so far is 9 days (春节 2026); a range of
 * more than a month is a typo, not a holiday. */
#define HOLIDAY_MAX_DAYS 31

struct year_data {
	int loaded;
	char source[256];
	struct cal_entry *entries;
	size_t n;
};

struct yk_calendar {
	yk_date first, last;	/* span covered: CAL_FIRST_YEAR-01-01 .. CAL_LAST_YEAR-12-31 */
	size_t ndays;
	uint8_t *kind;		/* enum cal_kind per day */
	int32_t *ord;		/* ord[i] = working days in [first, first+i] */
	int32_t *work;		/* work[k] = day index of the (k+1)-th working day */
	int32_t nwork;
	struct year_data years[NYEARS];
};

static int
kind_works(enum cal_kind k)
{
	return k == CAL_WORKDAY || k == CAL_MAKEUP;
}

static void
rebuild_ordinals(struct yk_calendar *cal)
{
	int32_t n = 0;

	for (size_t i = 0; i < cal->ndays; i++) {
		if (kind_works((enum cal_kind)cal->kind[i]))
			cal->work[n++] = (int32_t)i;
		cal->ord[i] = n;
	}
	cal->nwork = n;
}

static void
apply_year(struct yk_calendar *cal, int year)
{
	yk_date a = date_from_ymd(year, 1, 1), b = date_from_ymd(year, 12, 31);
	struct year_data *yd = &cal->years[year - CAL_FIRST_YEAR];

	for (yk_date d = a; d <= b; d++)
		cal->kind[d - cal->first] = date_is_weekend(d) ? CAL_WEEKEND : CAL_WORKDAY;
	if (!yd->loaded)
		return;
	for (size_t i = 0; i < yd->n; i++)
		for (yk_date d = yd->entries[i].from; d <= yd->entries[i].to; d++)
			cal->kind[d - cal->first] = (uint8_t)yd->entries[i].kind;
}

struct yk_calendar *
calendar_new(void)
{
	struct yk_calendar *cal = xcalloc(1, sizeof *cal);

	cal->first = date_from_ymd(CAL_FIRST_YEAR, 1, 1);
	cal->last = date_from_ymd(CAL_LAST_YEAR, 12, 31);
	cal->ndays = (size_t)(cal->last - cal->first + 1);
	cal->kind = xmalloc(cal->ndays);
	cal->ord = xmalloc(cal->ndays * sizeof *cal->ord);
	cal->work = xmalloc(cal->ndays * sizeof *cal->work);
	for (int y = CAL_FIRST_YEAR; y <= CAL_LAST_YEAR; y++)
		apply_year(cal, y);
	rebuild_ordinals(cal);
	return cal;
}

void
calendar_free(struct yk_calendar *cal)
{
	if (!cal)
		return;
	for (int i = 0; i < NYEARS; i++)
		free(cal->years[i].entries);
	free(cal->kind);
	free(cal->ord);
	free(cal->work);
	free(cal);
}

/* ---- parsing ---------------------------------------------------------- */

struct parse {
	const char *name;
	int line;
	int year;
	char source[256];
	struct cal_entry *entries;
	size_t n, cap;
	int *entry_line;
	size_t line_cap;
	yk_error *err;
};

static int
perr(struct parse *p, const char *what)
{
	return yk_error_set(p->err, "%s:%d: %s", p->name, p->line, what);
}


static int
parse_day(struct parse *p, const char *w, yk_date *d)
{
	char msg[160];

	if (date_parse(w, d) < 0) {
		snprintf(msg, sizeof msg, _("'%.40s' 不是日期（应为 YYYY-MM-DD，而且是实有的一天）"), w);
		return perr(p, msg);
	}
	if (date_year(*d) != p->year) {
		snprintf(msg, sizeof msg, _("%s 不在 %d 年（一个文件只列它自己那一年）"), w, p->year);
		return perr(p, msg);
	}
	return 0;
}

static int
add_entry(struct parse *p, enum cal_kind kind, char *args)
{
	char *w = text_next_word(&args), *dots, *name;
	struct cal_entry e;
	char msg[200], b1[YK_DATE_BUFSZ];

	if (p->year == 0)
		return perr(p, _("'year YYYY' 要写在所有 holiday 和 workday 行之前"));
	if (!w)
		return perr(p, kind == CAL_HOLIDAY ? _("holiday 要写一个日期或 日期..日期，以及名称")
						   : _("workday 要写一个日期和名称"));
	memset(&e, 0, sizeof e);
	e.kind = kind;
	dots = strstr(w, "..");
	if (dots) {
		if (kind == CAL_MAKEUP)
			return perr(p, _("workday 行只写一个日期，不写范围"));
		*dots = '\0';
		if (parse_day(p, w, &e.from) < 0 || parse_day(p, dots + 2, &e.to) < 0)
			return -1;
		if (e.to < e.from)
			return perr(p, _("范围的结束早于开始"));
		if (e.to - e.from + 1 > HOLIDAY_MAX_DAYS)
			return perr(p, _("超过 31 天的假期一定是写错了"));
	} else {
		if (parse_day(p, w, &e.from) < 0)
			return -1;
		e.to = e.from;
	}
	if (kind == CAL_MAKEUP && !date_is_weekend(e.from)) {
		snprintf(msg, sizeof msg, _("调休上班日 %s 是%s，不是星期六或星期日"),
			 date_format(e.from, b1), date_weekday(e.from) < 5 ? _("工作日") : _("周末"));
		return perr(p, msg);
	}
	name = text_trim(args);
	if (!*name)
		return perr(p, _("缺少假期的名称（如 春节）"));
	if (strlen(name) >= sizeof e.name)
		return perr(p, _("名称超过 63 字节"));
	strcpy(e.name, name);
	for (size_t i = 0; i < p->n; i++) {
		if (e.from <= p->entries[i].to && p->entries[i].from <= e.to) {
			yk_date d = e.from > p->entries[i].from ? e.from : p->entries[i].from;
			snprintf(msg, sizeof msg, _("%s 已列在第 %d 行"),
				 date_format(d, b1), p->entry_line[i]);
			return perr(p, msg);
		}
	}
	p->entries = xgrow(p->entries, &p->cap, p->n + 1, sizeof *p->entries);
	p->entry_line = xgrow(p->entry_line, &p->line_cap, p->n + 1, sizeof *p->entry_line);
	p->entries[p->n] = e;
	p->entry_line[p->n] = p->line;
	p->n++;
	return 0;
}

static int
parse_line(struct parse *p, char *line)
{
	char *s = line, *kw, msg[160];

	kw = text_next_word(&s);
	if (!kw || kw[0] == '#')
		return 0;
	if (strcmp(kw, "year") == 0) {
		char *w = text_next_word(&s), *end;
		long y;

		if (p->year)
			return perr(p, _("第二个 'year' 行（一年一个文件）"));
		if (!w || text_next_word(&s))
			return perr(p, _("'year' 后面写一个四位数的年份"));
		y = strtol(w, &end, 10);
		if (*end || strlen(w) != 4 || y < CAL_FIRST_YEAR || y > CAL_LAST_YEAR) {
			snprintf(msg, sizeof msg, _("year '%.20s' 不是 %d..%d 之间的年份"),
				 w, CAL_FIRST_YEAR, CAL_LAST_YEAR);
			return perr(p, msg);
		}
		p->year = (int)y;
		return 0;
	}
	if (strcmp(kw, "source") == 0) {
		char *src = text_trim(s);

		if (!*src)
			return perr(p, _("'source' 要写通知的文号和日期"));
		if (p->source[0])
			return perr(p, _("第二个 'source' 行"));
		if (strlen(src) >= sizeof p->source)
			return perr(p, _("source 超过 255 字节"));
		strcpy(p->source, src);
		return 0;
	}
	if (strcmp(kw, "holiday") == 0)
		return add_entry(p, CAL_HOLIDAY, s);
	if (strcmp(kw, "workday") == 0)
		return add_entry(p, CAL_MAKEUP, s);
	snprintf(msg, sizeof msg, _("未知的关键字 '%.40s'（应为 year、source、holiday 或 workday）"), kw);
	return perr(p, msg);
}

static int
parse_line_cb(void *ctx, char *buf)
{
	return parse_line(ctx, buf) < 0 ? -1 : 0;
}

static int
parse_text(struct parse *p, const char *text, size_t len)
{
	const char *problem;

	if (text_each_line(text, len, parse_line_cb, p, &p->line, &problem) < 0)
		return problem ? perr(p, problem) : -1;
	if (!p->year)
		return perr(p, _("没有 'year YYYY' 行"));
	if (!p->source[0])
		return perr(p, _("没有写明国务院通知的 'source' 行"));
	return 0;
}

static void
parse_free(struct parse *p)
{
	free(p->entries);
	free(p->entry_line);
}

int
calendar_check_text(const char *text, size_t len, const char *name, int *year,
		    yk_error *err)
{
	struct parse p = {.name = name, .err = err};
	int rc = parse_text(&p, text, len);

	if (rc == 0 && year)
		*year = p.year;
	parse_free(&p);
	return rc;
}

int
calendar_load_text(struct yk_calendar *cal, const char *text, size_t len,
		   const char *name, yk_error *err)
{
	struct parse p = {.name = name, .err = err};
	struct year_data *yd;

	if (parse_text(&p, text, len) < 0) {
		parse_free(&p);
		return -1;
	}
	yd = &cal->years[p.year - CAL_FIRST_YEAR];
	free(yd->entries);
	yd->loaded = 1;
	memcpy(yd->source, p.source, sizeof yd->source);
	yd->entries = p.entries;
	yd->n = p.n;
	free(p.entry_line);
	apply_year(cal, p.year);
	rebuild_ordinals(cal);
	return 0;
}

/* ---- queries ---------------------------------------------------------- */

int
calendar_in_range(yk_date date)
{
	/* on every engine call: the bounds are computed once */
	static yk_date lo, hi;

	if (!hi) {
		lo = date_from_ymd(CAL_FIRST_YEAR, 1, 1);
		hi = date_from_ymd(CAL_LAST_YEAR, 12, 31);
	}
	return date != YK_DATE_NONE && date >= lo && date <= hi;
}

static const struct year_data *
year_of(const struct yk_calendar *cal, int year)
{
	if (year < CAL_FIRST_YEAR || year > CAL_LAST_YEAR)
		return NULL;
	return &cal->years[year - CAL_FIRST_YEAR];
}

int
calendar_year_loaded(const struct yk_calendar *cal, int year)
{
	const struct year_data *yd = year_of(cal, year);

	return yd && yd->loaded;
}

const char *
calendar_year_source(const struct yk_calendar *cal, int year)
{
	const struct year_data *yd = year_of(cal, year);

	return yd && yd->loaded ? yd->source : NULL;
}

const struct cal_entry *
calendar_year_entries(const struct yk_calendar *cal, int year, size_t *count)
{
	const struct year_data *yd = year_of(cal, year);

	*count = yd && yd->loaded ? yd->n : 0;
	return *count ? yd->entries : NULL;
}

size_t
calendar_loaded_years(const struct yk_calendar *cal, int *years, size_t max)
{
	size_t n = 0;

	for (int i = 0; i < NYEARS; i++)
		if (cal->years[i].loaded) {
			if (n < max)
				years[n] = CAL_FIRST_YEAR + i;
			n++;
		}
	return n;
}

enum cal_kind
calendar_kind(const struct yk_calendar *cal, yk_date date)
{
	if (!calendar_in_range(date))
		return date_is_weekend(date) ? CAL_WEEKEND : CAL_WORKDAY;
	return (enum cal_kind)cal->kind[date - cal->first];
}

int
calendar_is_workday(const struct yk_calendar *cal, yk_date date)
{
	return kind_works(calendar_kind(cal, date));
}

const char *
calendar_day_name(const struct yk_calendar *cal, yk_date date)
{
	const struct year_data *yd = year_of(cal, date_year(date));

	if (!yd || !yd->loaded)
		return NULL;
	for (size_t i = 0; i < yd->n; i++)
		if (yd->entries[i].from <= date && date <= yd->entries[i].to)
			return yd->entries[i].name;
	return NULL;
}

long
calendar_count(const struct yk_calendar *cal, yk_date from, yk_date to)
{
	return (long)cal->ord[to - cal->first] - (long)cal->ord[from - cal->first];
}

int
calendar_add(const struct yk_calendar *cal, yk_date start, long n, yk_date *out,
	     yk_error *err)
{
	char b[YK_DATE_BUFSZ];
	long target;

	if (!calendar_in_range(start))
		return yk_error_set(err, _("%s 不在 %d-01-01..%d-12-31 之内，这是日历涵盖的范围"),
				    date_format(start, b), CAL_FIRST_YEAR, CAL_LAST_YEAR);
	if (n < 0)
		return yk_error_set(err, _("工作日数不能是负数"));
	if (n == 0) {
		*out = start;
		return 0;
	}
	target = (long)cal->ord[start - cal->first] + n;
	if (n > cal->nwork || target > cal->nwork)
		return yk_error_set(err, _("往后数 %ld 个工作日（自 %s 起）会落在 %d-12-31 之后，超出了日历涵盖的范围"),
				    n, date_format(start, b), CAL_LAST_YEAR);
	*out = cal->first + cal->work[target - 1];
	return 0;
}

yk_date
calendar_next_workday(const struct yk_calendar *cal, yk_date date)
{
	yk_date d;

	if (calendar_add(cal, date, 1, &d, NULL) < 0) {
		d = date + 1;
		while (!calendar_is_workday(cal, d))
			d++;
	}
	return d;
}

int
calendar_first_missing_year(const struct yk_calendar *cal, yk_date from, yk_date to)
{
	int a = date_year(from), b = date_year(to);

	for (int y = a; y <= b; y++)
		if (!calendar_year_loaded(cal, y))
			return y;
	return 0;
}

int
calendar_missing_years(const struct yk_calendar *cal, yk_date from, yk_date to,
		       char *buf, size_t bufsz)
{
	const char *more = _("，…"), *suffix = _("——只按周末计");
	size_t more_sz = strlen(more) + 1, suffix_sz = strlen(suffix) + 1, skip = strlen(_("，"));
	int a = date_year(from), b = date_year(to), count = 0, full = 0;
	size_t len = 0;

	if (bufsz)
		buf[0] = '\0';
	for (int y = a; y <= b; y++) {
		char item[64];
		int n;

		if (calendar_year_loaded(cal, y))
			continue;
		n = snprintf(item, sizeof item, _("%s%d 年的日历没有载入"), count ? _("，") : "", y);
		count++;
		/* A span over many missing years must still end in "weekends
		 * only": keep room for ", …" and the suffix, and stop listing
		 * years when they would not fit. */
		if (full || n < 0 || len + (size_t)n + more_sz + suffix_sz > bufsz) {
			full = 1;
			continue;
		}
		memcpy(buf + len, item, (size_t)n + 1);
		len += (size_t)n;
	}
	if (count && full && len + more_sz <= bufsz)
		len += (size_t)snprintf(buf + len, bufsz - len, "%s", len ? more : more + skip);
	if (count && len + suffix_sz <= bufsz)
		snprintf(buf + len, bufsz - len, "%s", suffix);
	return count;
}
