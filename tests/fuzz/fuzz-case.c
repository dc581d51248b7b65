/* libFuzzer harness: replaying a case from its events (case_derive), as
 * `yekuo verify` and every case view do with whatever the database holds —
 * which a tampered file makes anything. Input: events separated by a line
 * "--"; each is a header line "KIND EFFECTIVE RECORDED" followed by its
 * payload lines (key=value). Event i gets the uuid "e-i" (for correct
 * events' corrects=e-N). A case that derives goes on to its cached form
 * and back, and to its clocks, with the real rules and calendar. */
#include "config.h"

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/clock.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/xalloc.h"

#ifndef FUZZ_DATA_DIR
#define FUZZ_DATA_DIR "data"
#endif
#define MAX_EVENTS 48

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct yk_rules *rules;
static struct yk_calendar *cal;

static void
load_dir(const char *sub, const char *ext, int is_rules)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	yk_error err;

	snprintf(path, sizeof path, "%s/%s", getenv("YEKUO_DATA_DIR") ? getenv("YEKUO_DATA_DIR")
								       : FUZZ_DATA_DIR, sub);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "fuzz-case: cannot open %s (set YEKUO_DATA_DIR)\n", path);
		exit(1);
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name), len;
		char file[4200], *buf;
		FILE *f;

		if (n <= strlen(ext) || strcmp(de->d_name + n - strlen(ext), ext) != 0)
			continue;
		snprintf(file, sizeof file, "%s/%s", path, de->d_name);
		f = fopen(file, "rb");
		if (!f)
			continue;
		buf = xmalloc(1 << 20);
		len = fread(buf, 1, (1 << 20) - 1, f);
		fclose(f);
		if ((is_rules ? rules_load_text(rules, buf, len, file, &err)
			      : calendar_load_text(cal, buf, len, file, &err)) < 0) {
			fprintf(stderr, "fuzz-case: %s\n", err.msg);
			exit(1);
		}
		free(buf);
	}
	closedir(d);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	yk_error err;

	(void)argc;
	(void)argv;
	rules = rules_new();
	cal = calendar_new();
	load_dir("rules", ".rules", 1);
	load_dir("calendar", ".cal", 0);
	if (rules_finish(rules, &err) < 0) {
		fprintf(stderr, "fuzz-case: %s\n", err.msg);
		exit(1);
	}
	/* a fixed "today", as on a training database */
	setenv("YEKUO_NOW", "2026-06-01T10:00:00", 1);
	if (clock_init(1, &err) < 0) {
		fprintf(stderr, "fuzz-case: %s\n", err.msg);
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1), *s, *next;
	struct yk_event evs[MAX_EVENTS];
	size_t n = 0;
	struct case_state c;
	yk_error err;

	memcpy(text, data, size);
	text[size] = '\0';
	for (s = text; s && *s && n < MAX_EVENTS; s = next) {
		struct yk_event *ev = &evs[n];
		char *nl, *sep, kind[16] = "", eff[16] = "", rec[CLOCK_STAMP_BUFSZ] = "";
		int k;

		sep = strstr(s, "\n--\n");
		next = sep ? sep + 4 : NULL;
		if (sep)
			sep[1] = '\0';
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		if (sscanf(s, "%15s %15s %25s", kind, eff, rec) < 1)
			break;
		k = ev_kind_from_code(kind);
		if (k < 0)
			break;
		event_init(ev);
		snprintf(ev->uuid, sizeof ev->uuid, "e-%zu", n + 1);
		snprintf(ev->case_no, sizeof ev->case_no, "CN-2026-A-00001");
		ev->seq = (long)n + 1;
		ev->kind = (enum ev_kind)k;
		if (date_parse(eff, &ev->effective) < 0)
			ev->effective = YK_DATE_NONE;
		snprintf(ev->recorded, sizeof ev->recorded, "%s", rec);
		snprintf(ev->operator_name, sizeof ev->operator_name, "fuzz");
		snprintf(ev->origin, sizeof ev->origin, "local");
		n++;
		if (nl && payload_parse(nl + 1, &ev->data, &err) < 0)
			break;
	}
	if (case_derive(evs, n, rules, &c, &err) == 0) {
		struct payload p = {0};
		struct case_state back;
		struct engine_result r;
		const struct rule_profile *prof;
		char *cached;

		case_to_payload(&c, &p);
		cached = payload_serialize(&p);
		if (case_decode(cached, &back, &err) == 0)
			case_state_free(&back);
		else
			__builtin_trap(); /* the cached form of a derived case must read back */
		free(cached);
		payload_free(&p);
		(void)case_clocks(&c, rules, cal, clock_today(), &r, &prof, &err);
		case_state_free(&c);
	}
	for (size_t i = 0; i < n; i++)
		event_free(&evs[i]);
	free(text);
	return 0;
}
