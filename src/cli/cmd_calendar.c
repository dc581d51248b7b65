#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/datadir.h"

/* Longest N accepted: past it every answer falls beyond 2099 anyway. */
#define ADD_MAX 100000L

static void
warn_missing(const struct yk_calendar *cal, yk_date from, yk_date to)
{
	char msg[256];

	if (calendar_missing_years(cal, from, to, msg, sizeof msg))
		cli_warn("%s", msg);
}

static int
in_span(yk_date d, const char *what, const char *text)
{
	if (calendar_in_range(d))
		return 0;
	cli_fail(_("%s %s 不在 %d-01-01..%d-12-31 之内，这是日历涵盖的范围"),
		 what, text, CAL_FIRST_YEAR, CAL_LAST_YEAR);
	return -1;
}

static int
cal_add(struct app *app, int argc, char **argv)
{
	yk_date start, end;
	long n;
	yk_error err;
	char b[YK_DATE_BUFSZ];

	if (argc != 2)
		return cli_fail(_("用法：yekuo calendar add 日期 天数"));
	if (cli_date(argv[0], _("日期"), &start) < 0 || in_span(start, _("日期"), argv[0]) < 0 ||
	    cli_count(argv[1], _("天数"), ADD_MAX, &n) < 0 || cli_need_calendar(app) < 0)
		return EXIT_USAGE;
	if (calendar_add(app->cal, start, n, &end, &err) < 0)
		return cli_error(&err);
	printf("%s\n", date_format(end, b));
	if (n > 0)
		warn_missing(app->cal, start + 1, end);
	return EXIT_OK;
}

static int
cal_count(struct app *app, int argc, char **argv)
{
	yk_date from, to;

	if (argc != 2)
		return cli_fail(_("用法：yekuo calendar count 起始日期 截止日期"));
	if (cli_date(argv[0], _("起始日期"), &from) < 0 || in_span(from, _("起始日期"), argv[0]) < 0 ||
	    cli_date(argv[1], _("截止日期"), &to) < 0 || in_span(to, _("截止日期"), argv[1]) < 0)
		return EXIT_USAGE;
	if (to < from)
		return cli_fail(_("截止日期 %s 早于起始日期 %s"), argv[1], argv[0]);
	if (cli_need_calendar(app) < 0)
		return EXIT_USAGE;
	printf("%ld\n", calendar_count(app->cal, from, to));
	if (to > from)
		warn_missing(app->cal, from + 1, to);
	return EXIT_OK;
}

static const char *
kind_word(enum cal_kind k)
{
	switch (k) {
	case CAL_WORKDAY:
		return "workday";
	case CAL_WEEKEND:
		return "weekend";
	case CAL_HOLIDAY:
		return "holiday";
	case CAL_MAKEUP:
		return "makeup-workday";
	}
	return "?";
}

static int
cal_is_workday(struct app *app, int argc, char **argv)
{
	yk_date d;

	if (argc != 1)
		return cli_fail(_("用法：yekuo calendar is-workday 日期"));
	if (cli_date(argv[0], _("日期"), &d) < 0 || in_span(d, _("日期"), argv[0]) < 0 ||
	    cli_need_calendar(app) < 0)
		return EXIT_USAGE;
	printf("%s\n", kind_word(calendar_kind(app->cal, d)));
	warn_missing(app->cal, d, d);
	return EXIT_OK;
}

static int
parse_year(const char *s, int *year)
{
	long y;

	/* Checked here rather than by cli_count, which would print a second
	 * message for the same mistake. */
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 ||
	    (y = strtol(s, NULL, 10)) < CAL_FIRST_YEAR || y > CAL_LAST_YEAR) {
		cli_fail(_("年份 '%s' 不是 %d..%d 之间的年份"), s, CAL_FIRST_YEAR, CAL_LAST_YEAR);
		return -1;
	}
	*year = (int)y;
	return 0;
}

static int
cal_show(struct app *app, int argc, char **argv)
{
	int year;
	char b[YK_DATE_BUFSZ];

	if (argc != 1)
		return cli_fail(_("用法：yekuo calendar show 年份"));
	if (parse_year(argv[0], &year) < 0 || cli_need_calendar(app) < 0)
		return EXIT_USAGE;
	if (!calendar_year_loaded(app->cal, year)) {
		printf(_("%d 年的日历没有载入——只按周末计\n"), year);
		return EXIT_NO;
	}
	printf("# %d: %s\n", year, calendar_year_source(app->cal, year));
	/* One line per date, in date order, whatever the file's order. */
	for (yk_date d = date_from_ymd(year, 1, 1); d <= date_from_ymd(year, 12, 31); d++) {
		enum cal_kind k = calendar_kind(app->cal, d);

		if (k != CAL_HOLIDAY && k != CAL_MAKEUP)
			continue;
		printf("%s\t%s\t%s\t%s\n", date_format(d, b), date_weekday_zh(d), kind_word(k),
		       calendar_day_name(app->cal, d));
	}
	return EXIT_OK;
}

static int
cal_list(struct app *app, int argc, char **argv)
{
	int years[CAL_LAST_YEAR - CAL_FIRST_YEAR + 1];
	size_t n;

	(void)argv;
	if (argc != 0)
		return cli_fail(_("用法：yekuo calendar list"));
	if (cli_need_calendar(app) < 0)
		return EXIT_USAGE;
	n = calendar_loaded_years(app->cal, years, sizeof years / sizeof years[0]);
	for (size_t i = 0; i < n; i++)
		printf("%d\t%s\n", years[i], calendar_year_source(app->cal, years[i]));
	return EXIT_OK;
}

static int
cal_load(struct app *app, int argc, char **argv)
{
	char *buf, path[PATH_MAX];
	size_t len;
	int year;
	yk_error err;
	const char *dir;

	if (argc != 1)
		return cli_fail(_("用法：yekuo calendar load 文件"));
	if (datadir_read_file(argv[0], DATADIR_FILE_MAX, &buf, &len, &err) < 0)
		return cli_error(&err);
	if (calendar_check_text(buf, len, argv[0], &year, &err) < 0) {
		free(buf);
		return cli_errorf(&err, _("%s（什么也没有安装）"), err.msg);
	}
	dir = datadir_user_mkdir("calendar", &err);
	if (!dir) {
		free(buf);
		return cli_error(&err);
	}
	snprintf(path, sizeof path, "%s/%d.cal", dir, year);
	if (datadir_write_file(path, buf, len, 0644, &err) < 0) {
		free(buf);
		return cli_error(&err);
	}
	free(buf);
	/* Prove the whole set still loads with the new file in it. */
	if (cli_need_calendar(app) < 0)
		return EXIT_USAGE;
	printf(_("已安装 %d 年的日历：%s\n"), year, path);
	return EXIT_OK;
}

int
cmd_calendar(struct app *app, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct app *, int, char **);
	} subs[] = {
		{"add", cal_add},		{"count", cal_count}, {"is-workday", cal_is_workday},
		{"show", cal_show},		{"list", cal_list},   {"load", cal_load},
	};

	if (argc < 1)
		return cli_fail(_("用法：yekuo calendar add|count|is-workday|show|list|load …"));
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return subs[i].run(app, argc - 1, argv + 1);
	return cli_fail(_("未知的 calendar 命令 '%s'（add、count、is-workday、show、list、load）"),
			argv[0]);
}
