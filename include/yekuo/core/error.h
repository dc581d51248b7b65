#ifndef YEKUO_ERROR_H
#define YEKUO_ERROR_H

/* Errors travel back to the caller as values: a function that can fail
 * returns -1 (or NULL) and fills a yk_error with one line the user can read,
 * usually "file:line: what is wrong". Nothing deep in a module exits.
 *
 * Besides the line, an error carries its structure, so that a caller never
 * has to parse the text: its kind, the key of the field at fault
 * (fields.h), the line of the file at fault, and where in the line the bare
 * reason starts (a form shows the reason under the field; a command prints
 * the whole line). */

#include <stddef.h>

#define YK_ERROR_MAX 512
#define YK_ERROR_FIELD_MAX 32

/* What went wrong, so that a caller can answer each kind the same way (the
 * command line maps them to exit codes: include/yekuo/cli/exitcode.h). */
enum yk_error_kind {
	YK_ERR_INPUT = 0,	/* the request or a value in it is wrong */
	YK_ERR_NOT_FOUND,	/* the case, file, profile or database is not there */
	YK_ERR_CONFLICT,	/* well formed, but what is stored forbids it */
	YK_ERR_LOCKED,		/* another program holds the database */
	YK_ERR_DAMAGED,		/* a stored or installed file is damaged or not ours */
	YK_ERR_SYSTEM,		/* the system refused: permission, read-only, disk full */
	YK_ERR_PRINT		/* printing is not possible: paps, a font, lp or a printer is
				 * missing, or the print system refused the job */
};

typedef struct yk_error {
	char msg[YK_ERROR_MAX];		/* the whole line */
	enum yk_error_kind kind;
	char field[YK_ERROR_FIELD_MAX];	/* key of the field at fault; "" when none */
	long line;			/* line of the file at fault, or the place (from 1)
					 * of the event at fault in a list; 0 when none */
	size_t what;			/* offset in msg of the bare reason */
} yk_error;

#if defined(__GNUC__)
#define YK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define YK_PRINTF(a, b)
#endif

/* Set the message (printf-style) and the kind YK_ERR_INPUT; no field, no
 * line. Accepts a NULL err and then does nothing. Always returns -1 so that
 * `return yk_error_set(err, ...)` reads well. */
int yk_error_set(yk_error *err, const char *fmt, ...) YK_PRINTF(2, 3);

/* The same, naming the field at fault (its key). */
int yk_error_field(yk_error *err, const char *key, const char *fmt, ...) YK_PRINTF(3, 4);

/* The same with another kind. */
int yk_error_setk(yk_error *err, enum yk_error_kind kind, const char *fmt, ...) YK_PRINTF(3, 4);

/* Change the kind of a message already set (e.g. a parse error in an
 * installed file is a damaged file); returns -1. */
int yk_error_kind(yk_error *err, enum yk_error_kind kind);

/* The kind of a failed system call's errno: a missing file or folder is
 * YK_ERR_NOT_FOUND, anything else YK_ERR_SYSTEM. */
enum yk_error_kind yk_errno_kind(int e);

/* Prefix an existing message, e.g. with the file name. The kind, the
 * field, the line and the bare reason are kept. */
int yk_error_prefix(yk_error *err, const char *fmt, ...) YK_PRINTF(2, 3);

/* The bare reason: the message without the prefixes that say where. */
const char *yk_error_what(const yk_error *err);

#endif
