#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yekuo/core/error.h"

int
yk_error_set(yk_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
yk_error_prefix(yk_error *err, const char *fmt, ...)
{
	char old[YK_ERROR_MAX];
	va_list ap;
	int n;

	if (!err)
		return -1;
	memcpy(old, err->msg, sizeof old);
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof err->msg - 1) {
		size_t room = sizeof err->msg - (size_t)n - 1;
		size_t len = strnlen(old, room);

		memcpy(err->msg + n, old, len);
		err->msg[(size_t)n + len] = '\0';
	}
	return -1;
}
