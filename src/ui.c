#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "yekuo/app.h"
#include "yekuo/calendar.h"
#include "yekuo/curses.h"
#include "yekuo/ui.h"

static void
draw(struct app *app)
{
	int years[CAL_LAST_YEAR - CAL_FIRST_YEAR + 1];
	size_t n = calendar_loaded_years(app->cal, years, sizeof years / sizeof years[0]);
	char line[256];
	size_t len = 0;

	erase();
	attron(A_BOLD);
	mvaddstr(0, 0, "yekuo 业扩 — 用电报装时限管理");
	attroff(A_BOLD);
	for (size_t i = 0; i < n && len < sizeof line - 8; i++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%d", i ? " " : "", years[i]);
	mvprintw(2, 0, "工作日历已载入: %s", n ? line : "(none)");
	mvaddstr(LINES - 1, 0, "q/F10 退出");
	refresh();
}

int
ui_run(struct app *app)
{
	yk_error err;
	wint_t ch;
	int r;

	if (app_load_calendar(app, &err) < 0) {
		fprintf(stderr, "yekuo: %s\n", err.msg);
		return 2;
	}
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	draw(app);
	while ((r = get_wch(&ch)) != ERR) {
		if ((r == KEY_CODE_YES && ch == KEY_F(10)) || (r == OK && ch == L'q'))
			break;
		draw(app);
	}
	endwin();
	return 0;
}
