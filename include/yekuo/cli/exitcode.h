#ifndef YEKUO_CLI_EXITCODE_H
#define YEKUO_CLI_EXITCODE_H

/* The exit status of every `yekuo` command: one table, also printed in
 * yekuo(1) under EXIT STATUS and in docs/cli.md. A script can rely on it:
 * 0 and 1 are answers, 2 and above say why nothing was done. Failures
 * map from the kind of the error (include/yekuo/core/error.h). */

#include "yekuo/core/error.h"

enum {
	EXIT_OK = 0,		/* done; the answer is on standard output */
	EXIT_NO = 1,		/* the answer is "no": a check found problems in what it
				 * read, nothing matched, or some rows were left out */
	EXIT_USAGE = 2,		/* bad input: unknown command or option, a value that is
				 * not valid; nothing was changed */
	EXIT_NOT_FOUND = 3,	/* the case, file, profile or database named is not there */
	EXIT_CONFLICT = 4,	/* well formed, but what is stored forbids it (the case's
				 * stage or status, an existing database, a sync clash) */
	EXIT_LOCKED = 5,	/* another program holds the database; try again */
	EXIT_DAMAGED = 6,	/* the database, a bundle or a data file is damaged or not
				 * one this yekuo can read (yekuo verify tells more) */
	EXIT_SYSTEM = 7,	/* the system refused: permission, read-only, disk full */
	EXIT_PRINT = 8		/* nothing printed: paps, a font, lp or a printer is missing,
				 * or the print system refused the job (docs/reports.md) */
};

/* One row of the table, for `yekuo help` and the man page. */
struct cli_exit_row {
	int code;
	const char *name;	/* the enum's name without EXIT_ */
	const char *what;	/* one line for people */
};
extern const struct cli_exit_row cli_exit_table[];
extern const size_t cli_exit_count;

/* The exit status for a failure of this kind. */
int cli_exit_for(enum yk_error_kind kind);

#endif
