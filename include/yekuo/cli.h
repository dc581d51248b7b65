#ifndef YEKUO_CLI_H
#define YEKUO_CLI_H

/* The scriptable command line: `yekuo COMMAND …`. Output is plain, one
 * answer per line; exit 0 on success, 1 when the answer is "no"/"not
 * found" or a check failed, 2 on bad input (message on stderr). */

#include "yekuo/app.h"

enum {
	EXIT_OK = 0,
	EXIT_NO = 1,
	EXIT_USAGE = 2
};

int cli_main(struct app *app, int argc, char **argv);

/* Print "yekuo: msg" on stderr and return EXIT_USAGE. */
int cli_fail(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
void cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Parse a command-line date (strict YYYY-MM-DD) naming `what` in errors. */
int cli_date(const char *s, const char *what, yk_date *out);
/* Parse a whole number 0..max naming `what` in errors. */
int cli_count(const char *s, const char *what, long max, long *out);
/* Load the calendar (and say why not). */
int cli_need_calendar(struct app *app);
int cli_need_rules(struct app *app);

/* Commands, one file each (src/cmd_*.c). */
int cmd_calendar(struct app *app, int argc, char **argv);
int cmd_rules(struct app *app, int argc, char **argv);
int cmd_limits(struct app *app, int argc, char **argv);

#endif
