#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yekuo/error.h"

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
	char prefix[YK_ERROR_MAX], old[YK_ERROR_MAX];
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, "%s%s", prefix, old);
	return -1;
}
