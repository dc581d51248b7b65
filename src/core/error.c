#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yekuo/core/error.h"

static void
vset(yk_error *err, enum yk_error_kind kind, const char *key, const char *fmt, va_list ap)
{
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	err->kind = kind;
	snprintf(err->field, sizeof err->field, "%s", key ? key : "");
	err->line = 0;
	err->what = 0;
}

int
yk_error_set(yk_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vset(err, YK_ERR_INPUT, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int
yk_error_field(yk_error *err, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vset(err, YK_ERR_INPUT, key, fmt, ap);
	va_end(ap);
	return -1;
}

int
yk_error_setk(yk_error *err, enum yk_error_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vset(err, kind, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int
yk_error_kind(yk_error *err, enum yk_error_kind kind)
{
	if (err)
		err->kind = kind;
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
		err->what += (size_t)n;
	} else {
		err->what = 0; /* the reason was cut off: show the whole line */
	}
	return -1;
}

const char *
yk_error_what(const yk_error *err)
{
	size_t len = strnlen(err->msg, sizeof err->msg);

	return err->what <= len ? err->msg + err->what : err->msg;
}

enum yk_error_kind
yk_errno_kind(int e)
{
	return e == ENOENT || e == ENOTDIR ? YK_ERR_NOT_FOUND : YK_ERR_SYSTEM;
}
