/* libFuzzer harness: `yekuo import cases FILE` — a hostile spreadsheet.
 * The bytes go through import_cases exactly as the CLI hands them over
 * (ENC_AUTO), into a fresh in-memory training database with the real rules:
 * decoding, CSV, header matching, every row turned into events and
 * replayed, one transaction. Whatever the bytes, the result must be a clean
 * import or a refusal, and the database must still verify. */
#include "config.h"

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/clock.h"
#include "yekuo/store/import.h"
#include "yekuo/store/ledger.h"
#include "yekuo/core/rules.h"
#include "yekuo/store/store.h"
#include "yekuo/core/xalloc.h"

#ifndef FUZZ_DATA_DIR
#define FUZZ_DATA_DIR "data"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct yk_rules *rules;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	yk_error err;

	(void)argc;
	(void)argv;
	rules = rules_new();
	snprintf(path, sizeof path, "%s/rules",
		 getenv("YEKUO_DATA_DIR") ? getenv("YEKUO_DATA_DIR") : FUZZ_DATA_DIR);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "fuzz-import: cannot open %s (set YEKUO_DATA_DIR)\n", path);
		exit(1);
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name), len;
		char file[4200], *buf;
		FILE *f;

		if (n < 7 || strcmp(de->d_name + n - 6, ".rules") != 0)
			continue;
		snprintf(file, sizeof file, "%s/%s", path, de->d_name);
		if (!(f = fopen(file, "rb")))
			continue;
		buf = xmalloc(1 << 20);
		len = fread(buf, 1, (1 << 20) - 1, f);
		fclose(f);
		if (rules_load_text(rules, buf, len, file, &err) < 0) {
			fprintf(stderr, "fuzz-import: %s\n", err.msg);
			exit(1);
		}
		free(buf);
	}
	closedir(d);
	if (rules_finish(rules, &err) < 0) {
		fprintf(stderr, "fuzz-import: %s\n", err.msg);
		exit(1);
	}
	setenv("YEKUO_NOW", "2026-06-01T10:00:00", 1);
	if (clock_init(1, &err) < 0) {
		fprintf(stderr, "fuzz-import: %s\n", err.msg);
		exit(1);
	}
	return 0;
}

static void
ignore(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static void
problem(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "fuzz-import: verify: %s\n", msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_init init = {.training = 1};
	struct yk_store *st;
	struct ledger l;
	struct import_opts o = {.encoding = ENC_AUTO};
	struct import_result res;
	yk_error err;

	if (store_open(":memory:", STORE_CREATE, &init, &st, &err) < 0) {
		fprintf(stderr, "fuzz-import: %s\n", err.msg);
		abort();
	}
	l = (struct ledger){.st = st, .rules = rules, .operator_name = "fuzz"};
	(void)import_cases(&l, "fuzz.csv", (const char *)data, size, &o, ignore, NULL, &res, &err);
	/* whatever was taken in must verify */
	if (store_verify(st, rules, problem, NULL, &err) != 0)
		__builtin_trap();
	store_close(st);
	return 0;
}
