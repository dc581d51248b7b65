/* 1M calendar queries: calendar_add and calendar_count on random starts
 * 2020..2026 and limits 0..40, against the real data files. Prints
 * nanoseconds per query and a checksum (so the work cannot be optimised
 * away). usage: calbench [N] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "yekuo/store/app.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct app app = {0};
	yk_error err;
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	yk_date base = date_from_ymd(2020, 1, 1), out;
	unsigned long long x = 42, sum = 0;
	double t0, t1, t2;

	if (app_load_calendar(&app, &err) < 0) {
		fprintf(stderr, "calbench: %s\n", err.msg);
		return 1;
	}
	t0 = now_s();
	for (long i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		if (calendar_add(app.cal, base + (yk_date)((x >> 33) % 2557), (long)((x >> 20) % 41),
				 &out, &err) == 0)
			sum += (unsigned long long)out;
	}
	t1 = now_s();
	for (long i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		yk_date a = base + (yk_date)((x >> 33) % 2557);

		sum += (unsigned long long)calendar_count(app.cal, a, a + (yk_date)((x >> 20) % 60));
	}
	t2 = now_s();
	printf("calendar_add\t%ld\t%.1f ns/query\n", n, (t1 - t0) * 1e9 / (double)n);
	printf("calendar_count\t%ld\t%.1f ns/query\n", n, (t2 - t1) * 1e9 / (double)n);
	printf("checksum\t%llu\n", sum);
	app_free(&app);
	return 0;
}
