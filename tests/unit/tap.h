/* Minimal TAP producer for the C unit tests: each check is one counted test,
 * and a failure says where and what it got. */
#ifndef YEKUO_TEST_TAP_H
#define YEKUO_TEST_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static void
tap_vreport(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	printf("%s %d - ", pass ? "ok" : "not ok", ++tap_count);
	vprintf(fmt, ap);
	printf("\n");
	if (!pass) {
		printf("#   failed at %s:%d\n", file, line);
		tap_failed++;
	}
}

static int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...)                                                            \
	do {                                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);                   \
		if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__))                    \
			printf("#   got %lld, want %lld\n", g_, w_);                   \
	} while (0)

#define is_str(got, want, ...)                                                            \
	do {                                                                               \
		const char *g_ = (got), *w_ = (want);                                     \
		if (!tap_ok(g_ && w_ && strcmp(g_, w_) == 0, __FILE__, __LINE__, __VA_ARGS__)) \
			printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)",           \
			       w_ ? w_ : "(null)");                                        \
	} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
