#include "config.h"

#include <stddef.h>

#include "yekuo/cli/exitcode.h"

/* The table `yekuo help` and yekuo(1) print; the codes are exitcode.h's. */
const struct cli_exit_row cli_exit_table[] = {
	{EXIT_OK, "OK", "done; the answer is on standard output"},
	{EXIT_NO, "NO", "the answer is no: a check found problems, nothing matched, "
			"or some rows were left out"},
	{EXIT_USAGE, "USAGE", "bad input: an unknown command or option, or a value that is "
			      "not valid; nothing was changed"},
	{EXIT_NOT_FOUND, "NOT_FOUND", "the case, file, profile or database named is not there"},
	{EXIT_CONFLICT, "CONFLICT", "well formed, but what is stored forbids it: the case's "
				    "stage or status, an existing database, a sync clash"},
	{EXIT_LOCKED, "LOCKED", "another program holds the database; try again"},
	{EXIT_DAMAGED, "DAMAGED", "the database, a bundle or a data file is damaged or not one "
				  "this yekuo can read (yekuo verify tells more)"},
	{EXIT_SYSTEM, "SYSTEM", "the system refused: permission denied, read-only, disk full"},
	{EXIT_PRINT, "PRINT", "nothing printed: paps, a font, lp or a printer is missing, or the "
			      "print system refused the job; the message says what to install or set up"},
};
const size_t cli_exit_count = sizeof cli_exit_table / sizeof cli_exit_table[0];

int
cli_exit_for(enum yk_error_kind kind)
{
	switch (kind) {
	case YK_ERR_INPUT:
		return EXIT_USAGE;
	case YK_ERR_NOT_FOUND:
		return EXIT_NOT_FOUND;
	case YK_ERR_CONFLICT:
		return EXIT_CONFLICT;
	case YK_ERR_LOCKED:
		return EXIT_LOCKED;
	case YK_ERR_DAMAGED:
		return EXIT_DAMAGED;
	case YK_ERR_SYSTEM:
		return EXIT_SYSTEM;
	case YK_ERR_PRINT:
		return EXIT_PRINT;
	}
	return EXIT_USAGE;
}
