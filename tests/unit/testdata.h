/* What the C unit tests share besides TAP: a date written in the test, and
 * a file of data/ (YEKUO_DATA_DIR) read whole. A test that cannot even set
 * itself up bails out. */
#ifndef YEKUO_TEST_DATA_H
#define YEKUO_TEST_DATA_H

#include <stdio.h>
#include <stdlib.h>

#include "yekuo/core/date.h"

static inline yk_date
day(const char *s)
{
	yk_date d;

	if (date_parse(s, &d) < 0) {
		printf("Bail out! bad date in test: %s\n", s);
		exit(1);
	}
	return d;
}

/* data/REL, NUL-terminated; *len gets its size. */
static inline char *
data_file(const char *rel, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", getenv("YEKUO_DATA_DIR"), rel);
	f = fopen(path, "rb");
	if (!f) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

#endif
