#ifndef YEKUO_ERROR_H
#define YEKUO_ERROR_H

/* Errors travel back to the caller as values: a function that can fail
 * returns -1 (or NULL) and fills a yk_error with one line the user can read,
 * usually "file:line: what is wrong". Nothing deep in a module exits. */

#include <stddef.h>

#define YK_ERROR_MAX 512

typedef struct yk_error {
	char msg[YK_ERROR_MAX];
} yk_error;

#if defined(__GNUC__)
#define YK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define YK_PRINTF(a, b)
#endif

/* Set the message (printf-style). Accepts a NULL err and then does nothing.
 * Always returns -1 so that `return yk_error_set(err, ...)` reads well. */
int yk_error_set(yk_error *err, const char *fmt, ...) YK_PRINTF(2, 3);

/* Prefix an existing message, e.g. with the file name. */
int yk_error_prefix(yk_error *err, const char *fmt, ...) YK_PRINTF(2, 3);

#endif
