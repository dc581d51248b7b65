/* Rule profiles: the shipped files against docs/domain §4, profile choice by
 * region and date, category proposal, and one loader error per validation
 * rule (each must name the file and the line). */
#include "config.h"

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/calendar.h"
#include "yekuo/core/date.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/text.h"

static yk_date
D(const char *s)
{
	yk_date d = YK_DATE_NONE;

	if (date_parse(s, &d) < 0) {
		printf("# bad date in test: %s\n", s);
		exit(99);
	}
	return d;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			if (!buf)
				exit(99);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

/* Load data/rules/NAME.rules (every file) the way the app does: every file, then the
 * cross-file checks. */
static struct yk_rules *
load_shipped(void)
{
	const char *dir = getenv("YEKUO_DATA_DIR");
	char pattern[4096];
	glob_t g;
	struct yk_rules *rules = rules_new();
	yk_error err = {0};
	int bad = 0;

	if (!dir || !*dir)
		dir = "data";
	snprintf(pattern, sizeof pattern, "%s/rules/*.rules", dir);
	if (glob(pattern, 0, NULL, &g) != 0) {
		ok(0, "found rule files under %s", pattern);
		return rules;
	}
	is_int(g.gl_pathc, 6, "six shipped rule files");
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *text = slurp(g.gl_pathv[i], &len);

		if (!text || rules_load_text(rules, text, len, g.gl_pathv[i], &err) < 0) {
			ok(0, "loads %s", g.gl_pathv[i]);
			printf("#   %s\n", err.msg);
			bad = 1;
		}
		free(text);
	}
	globfree(&g);
	if (!bad)
		ok(1, "every shipped file loads");
	if (!ok(rules_finish(rules, &err) == 0, "shipped profiles pass the cross-file checks"))
		printf("#   %s\n", err.msg);
	return rules;
}

/* One line per variant: "accept=1 plan=3 energise=2 total=6 whole=- approval=5". */
static const char *
describe(const struct rule_variant *v)
{
	static char buf[512];
	size_t len = 0;

	if (!v)
		return "(no variant)";
	buf[0] = '\0';
	for (size_t i = 0; i < v->nsteps; i++) {
		if (v->steps[i].limit == RULE_NO_LIMIT)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s=- ", v->steps[i].code);
		else
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s=%d ", v->steps[i].code,
						v->steps[i].limit);
	}
	if (v->total == RULE_NO_LIMIT)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "total=-");
	else
		len += (size_t)snprintf(buf + len, sizeof buf - len, "total=%d", v->total);
	if (v->whole_without == RULE_NO_LIMIT)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " whole=-");
	else
		len += (size_t)snprintf(buf + len, sizeof buf - len, " whole=%d/%d@%s",
					v->whole_without, v->whole_with,
					v->whole_from == WHOLE_FROM_APPOINTMENT ? "appointment"
										: "application");
	if (v->approval_limit == RULE_NO_LIMIT)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " approval=-");
	else
		len += (size_t)snprintf(buf + len, sizeof buf - len, " approval=%d",
					v->approval_limit);
	if (v->survey_required)
		snprintf(buf + len, sizeof buf - len, " survey");
	return buf;
}

/* The variant a case gets: profile by region and date, then variant. */
static const char *
limits(const struct yk_rules *rules, const char *region, const char *cat, const char *date,
       double cap, double kv, const char *want_profile)
{
	yk_error err = {0};
	const struct rule_profile *p = rules_find(rules, region, D(date), &err);
	const struct rule_variant *v;

	if (!p || strcmp(p->id, want_profile) != 0) {
		printf("#   %s on %s: profile %s, want %s (%s)\n", region, date, p ? p->id : "none",
		       want_profile, err.msg);
		return "(wrong profile)";
	}
	v = rules_variant(p, (enum yk_category)category_from_code(cat), cap, kv, D(date), &err);
	if (!v)
		printf("#   %s\n", err.msg);
	return describe(v);
}

#define LIM(rules, region, cat, date, cap, kv, prof, want)                                   \
	is_str(limits(rules, region, cat, date, cap, kv, prof), want, "%s %s %s %g/%g: %s",      \
	       region, cat, date, (double)(cap), (double)(kv), want)

static const char *LV_OTHER_2021 = "accept=1 plan=3 energise=2 total=6 whole=- approval=5";
static const char *HV_SINGLE = "accept=1 plan=10 design=3 midcheck=2 final=3 energise=3 total=22";
static const char *HV_DUAL = "accept=1 plan=20 design=3 midcheck=2 final=3 energise=3 total=32";

static char *
cat2(const char *a, const char *b)
{
	static char buf[8][256];
	static int k;
	char *s = buf[k++ % 8];

	snprintf(s, 256, "%s%s", a, b);
	return s;
}

static void
test_national_2021(const struct yk_rules *r)
{
	const char *P = "national-2021";

	/* docs/domain §4.2 national-2021 */
	LIM(r, "national", "lv-resident", "2021-03-01", 8, 0.22, P,
	    "accept+plan=- energise=- total=- whole=5/5@application approval=5");
	LIM(r, "national", "lv-sanling", "2021-01-01", 100, 0.38, P,
	    "accept+plan=- energise=- total=- whole=25/25@application approval=5");
	LIM(r, "national", "lv-sanling", "2021-12-31", 100, 0.38, P,
	    "accept+plan=- energise=- total=- whole=25/25@application approval=5");
	LIM(r, "national", "lv-sanling", "2022-01-01", 100, 0.38, P,
	    "accept+plan=- energise=- total=- whole=20/20@application approval=5");
	LIM(r, "national", "lv-sanling", "2022-12-31", 100, 0.38, P,
	    "accept+plan=- energise=- total=- whole=20/20@application approval=5");
	LIM(r, "national", "lv-sanling", "2023-01-01", 100, 0.38, P,
	    "accept+plan=- energise=- total=- whole=15/15@application approval=5");
	LIM(r, "national", "lv-sanling", "2025-06-30", 100, 0.38, P,
	    "accept+plan=- energise=- total=- whole=15/15@application approval=5");
	LIM(r, "national", "lv-other", "2022-05-05", 200, 0.38, P, LV_OTHER_2021);
	LIM(r, "national", "hv-single", "2022-05-05", 800, 10, P, cat2(HV_SINGLE, " whole=- approval=10"));
	LIM(r, "national", "hv-single", "2022-05-05", 800, 20, P, cat2(HV_SINGLE, " whole=- approval=10"));
	LIM(r, "national", "hv-single", "2022-05-05", 8000, 35, P, cat2(HV_SINGLE, " whole=- approval=-"));
	LIM(r, "national", "hv-dual", "2022-05-05", 800, 10, P, cat2(HV_DUAL, " whole=- approval=10"));
	LIM(r, "national", "hv-dual", "2022-05-05", 80000, 110, P, cat2(HV_DUAL, " whole=- approval=-"));
	LIM(r, "national", "lv-charging", "2022-05-05", 50, 0.38, P, "(no variant)");
}

static void
test_2025_family(const struct yk_rules *r, const char *region, const char *P)
{
	const char *lv3 = "accept+plan=- energise=- total=- whole=5/15@appointment approval=-";

	/* docs/domain §4.1 */
	LIM(r, region, "lv-resident", "2025-07-01", 8, 0.22, P, lv3);
	LIM(r, region, "lv-sanling", "2026-03-02", 160, 0.38, P, lv3);
	LIM(r, region, "lv-other", "2026-03-02", 200, 0.38, P,
	    "accept=1 plan=3 energise=2 total=6 whole=- approval=-");
	LIM(r, region, "hv-single", "2026-03-02", 630, 10, P, cat2(HV_SINGLE, " whole=- approval=-"));
	/* 000 附件2 注1: 35 kV and above follow 10 kV; voltage unknown is fine */
	LIM(r, region, "hv-single", "2026-03-02", 20000, 110, P, cat2(HV_SINGLE, " whole=- approval=-"));
	LIM(r, region, "hv-single", "2026-03-02", 630, 0, P, cat2(HV_SINGLE, " whole=- approval=-"));
	LIM(r, region, "hv-dual", "2026-03-02", 2000, 10, P, cat2(HV_DUAL, " whole=- approval=-"));
	LIM(r, region, "lv-charging", "2026-03-02", 50, 0.38, P, "(no variant)");
}

static void
test_ningxia(const struct yk_rules *r)
{
	const char *P = "ningxia-2025";
	const char *lv3 = "accept+plan=- energise=- total=- whole=5/15@appointment approval=3";
	const struct rule_profile *p = rules_by_id(r, P);

	LIM(r, "ningxia", "lv-resident", "2025-07-01", 8, 0.22, P, lv3);
	LIM(r, "ningxia", "lv-sanling", "2025-09-01", 100, 0.38, P, lv3);
	LIM(r, "ningxia", "lv-other", "2025-09-01", 200, 0.38, P,
	    "accept=1 plan=3 energise=2 total=6 whole=- approval=3");
	/* 002 task 2: charging 1/3/2 with an on-site survey; task 4: approval 3 */
	LIM(r, "ningxia", "lv-charging", "2025-09-01", 60, 0.38, P,
	    "accept=1 plan=3 energise=2 total=6 whole=- approval=3 survey");
	LIM(r, "ningxia", "hv-single", "2025-09-01", 630, 10, P, cat2(HV_SINGLE, " whole=- approval=3"));
	LIM(r, "ningxia", "hv-single", "2025-09-01", 6300, 35, P, cat2(HV_SINGLE, " whole=- approval=-"));
	LIM(r, "ningxia", "hv-dual", "2025-09-01", 630, 10, P, cat2(HV_DUAL, " whole=- approval=3"));
	LIM(r, "ningxia", "hv-dual", "2025-09-01", 630, 20, P, cat2(HV_DUAL, " whole=- approval=-"));
	ok(p && strstr(p->filing_to, "自治区发展改革委") && strstr(p->filing_to, "西北监管局"),
	   "ningxia files with 自治区发展改革委 and 西北监管局");
	is_int(p ? p->filing_due_day : -1, 0, "ningxia names no due day");
}

static void
test_jining(const struct yk_rules *r)
{
	const char *P = "jining-2020";
	yk_error err = {0};
	const struct rule_profile *p = rules_by_id(r, P);

	/* docs/domain §4.2 jining-2020 table (004 附件1) */
	LIM(r, "jining", "lv-resident", "2021-01-01", 8, 0.22, P,
	    "accept+plan=1 energise=1 total=2 whole=- approval=-");
	LIM(r, "jining", "lv-sanling", "2022-12-31", 100, 0.38, P,
	    "accept+plan=1 energise=1 total=2 whole=- approval=-");
	LIM(r, "jining", "lv-other", "2021-07-01", 200, 0.38, P,
	    "accept=1 plan=3 energise=2 total=6 whole=- approval=-");
	LIM(r, "jining", "hv-single", "2021-07-01", 1250, 10, P,
	    "accept+plan=2 final+energise=5 total=7 whole=- approval=-");
	LIM(r, "jining", "hv-single", "2021-07-01", 1250.5, 10, P,
	    "accept+plan=6 final+energise=5 total=11 whole=- approval=-");
	LIM(r, "jining", "hv-single", "2021-07-01", 315, 6, P,
	    "accept+plan=2 final+energise=5 total=7 whole=- approval=-");
	LIM(r, "jining", "hv-single", "2021-07-01", 500, 35, P,
	    "accept+plan=11 design=3 midcheck=2 final+energise=6 total=22 whole=- approval=-");
	LIM(r, "jining", "hv-single", "2021-07-01", 50000, 110, P,
	    "accept+plan=11 design=3 midcheck=2 final+energise=6 total=22 whole=- approval=-");
	LIM(r, "jining", "hv-dual", "2021-07-01", 2000, 10, P,
	    "accept+plan=8 design=3 midcheck=2 final+energise=5 total=18 whole=- approval=-");
	LIM(r, "jining", "hv-dual", "2021-07-01", 20000, 35, P,
	    "accept+plan=21 design=3 midcheck=2 final+energise=6 total=32 whole=- approval=-");
	if (p) {
		const struct rule_variant *v;

		v = rules_variant(p, CAT_HV_SINGLE, -1, 10, D("2021-07-01"), &err);
		ok(!v && strstr(err.msg, "要填写容量"), "jining 10 kV single without capacity: asks for it");
		printf("#   %s\n", err.msg);
		v = rules_variant(p, CAT_HV_SINGLE, 800, 0, D("2021-07-01"), &err);
		ok(!v && strstr(err.msg, "要填写供电电压"), "jining HV without voltage: asks for it");
		v = rules_variant(p, CAT_HV_SINGLE, -1, 35, D("2021-07-01"), &err);
		ok(v && v->total == 22, "jining 35 kV single needs no capacity");
		v = rules_variant(p, CAT_HV_SINGLE, 800, 10, D("2023-01-01"), &err);
		ok(!v && strstr(err.msg, "不适用（有效期"), "a variant is not given outside its profile's range");
		v = rules_variant(p, CAT_HV_SINGLE, 800, 10, D("2021-07-01"), NULL);
		is_str(v ? v->steps[1].name : NULL, "验收送电", "验收送电 is the merged final+energise step");
		ok(v && v->steps[1].stages == ((1u << STAGE_FINAL) | (1u << STAGE_ENERGISE)),
		   "final+energise covers both stages");
	}
}

static const char *
found(const struct yk_rules *r, const char *region, const char *date)
{
	yk_error err = {0};
	const struct rule_profile *p = rules_find(r, region, D(date), &err);

	return p ? p->id : "none";
}

static void
test_find(const struct yk_rules *r)
{
	const struct rule_profile *p;
	yk_error err = {0};

	is_int(rules_count(r), 6, "six profiles");
	is_str(found(r, "national", "2021-01-01"), "national-2021", "national 2021-01-01");
	is_str(found(r, "national", "2025-06-30"), "national-2021", "national the day before the switch");
	is_str(found(r, "national", "2025-07-01"), "national-2025", "national on the switch day");
	is_str(found(r, "national", "2030-01-01"), "national-2025", "national-2025 is open-ended");
	is_str(found(r, "national", "2020-12-31"), "none", "nothing before 2021");
	p = rules_find(r, "national", D("2020-12-31"), &err);
	ok(!p && strstr(err.msg, "2020-12-31"), "the error names the date: %s", err.msg);
	is_str(found(r, "beijing", "2024-05-06"), "national-2021", "beijing falls back to national-2021");
	is_str(found(r, "beijing", "2025-07-01"), "national-2025", "beijing falls back to national-2025");
	is_str(found(r, "tianjin", "2025-06-30"), "national-2021", "tianjin before its plan: national");
	is_str(found(r, "tianjin", "2025-07-01"), "tianjin-2025", "tianjin from 2025-07-01");
	is_str(found(r, "guizhou", "2026-01-05"), "guizhou-2025", "guizhou");
	is_str(found(r, "ningxia", "2025-12-31"), "ningxia-2025", "ningxia");
	is_str(found(r, "jining", "2020-12-31"), "none", "jining before 2021: nothing");
	is_str(found(r, "jining", "2021-01-01"), "jining-2020", "jining from 2021-01-01");
	is_str(found(r, "jining", "2022-12-31"), "jining-2020", "jining to 2022-12-31");
	is_str(found(r, "jining", "2023-01-01"), "national-2021", "jining after its plan: national-2021");
	is_str(found(r, "jining", "2025-07-01"), "national-2025", "jining later: national-2025");
	ok(rules_region_known(r, "national"), "national is known");
	ok(rules_region_known(r, "jining"), "jining is known");
	ok(!rules_region_known(r, "beijing"), "beijing is not a known region");
	ok(!rules_region_known(r, ""), "empty region is not known");
	ok(rules_by_id(r, "tianjin-2025") != NULL, "rules_by_id finds tianjin-2025");
	ok(rules_by_id(r, "tianjin-2026") == NULL, "rules_by_id: unknown id is NULL");
	ok(rules_at(r, 6) == NULL, "rules_at past the end is NULL");

	p = rules_by_id(r, "national-2021");
	ok(p && p->to == D("2025-06-30"), "national-2021 ends 2025-06-30");
	ok(p && p->filing_to[0] == '\0' && p->filing_due_day == 0, "national-2021 has no filing");
	p = rules_by_id(r, "tianjin-2025");
	ok(p && strstr(p->filing_to, "华北监管局") && p->filing_due_day == 0,
	   "tianjin files monthly with 华北监管局, no due day");
	p = rules_by_id(r, "guizhou-2025");
	ok(p && strstr(p->filing_to, "贵州") && p->filing_due_day == 25, "guizhou files by the 25th");
	ok(p && strstr(p->filing_due, "第五个工作日"), "guizhou keeps annex 2's 5th working day in the text");
	for (size_t i = 0; i < rules_count(r); i++) {
		p = rules_at(r, i);
		ok(p->source[0] && strstr(p->file, p->id), "%s: has a source and lives in %s.rules",
		   p->id, p->id);
	}
}

/* ---- classify ----------------------------------------------------------- */

static struct classify_out
cls(double kv, double cap, enum customer_type t, int dual, int split, int reapply, int charging)
{
	struct classify_in in = {.kv = kv,
				 .capacity = cap,
				 .type = t,
				 .dual_source = dual,
				 .split_application = split,
				 .hv_reapply_lv = reapply,
				 .profile_has_charging = charging,
				 /* the 624号 ceiling (national-2025 scope-max any 160) */
				 .sanling_max = 160};
	struct classify_out out;
	yk_error err = {0};

	if (rules_classify(&in, &out, &err) < 0) {
		out.category = (enum yk_category)-1;
		snprintf(out.why, sizeof out.why, "error: %.200s", err.msg);
	}
	printf("#   %s: %s\n", out.category < CAT_COUNT ? category_code(out.category) : "-", out.why);
	return out;
}

#define CLS(out, want, needle, desc)                                                          \
	do {                                                                               \
		struct classify_out o_ = (out);                                            \
		ok((int)o_.category == (int)(want) && strstr(o_.why, needle) &&                      \
			   text_valid_utf8(o_.why, strlen(o_.why)) && strlen(o_.why) < 250,     \
		   "%s", desc);                                                            \
	} while (0)

static void
test_classify(void)
{
	struct classify_out o;
	struct classify_in in = {.kv = 0, .capacity = 10, .type = CUST_PRIVATE};
	yk_error err = {0};

	CLS(cls(0.22, 8, CUST_RESIDENT, 0, 0, 0, 0), CAT_LV_RESIDENT, "居民", "LV resident");
	CLS(cls(0.38, 160, CUST_PRIVATE, 0, 0, 0, 0), CAT_LV_SANLING, "民营经济组织",
	    "160 kW private organisation: 三零");
	o = cls(0.38, 160, CUST_PRIVATE, 0, 0, 0, 0);
	ok(o.sanling_eligible && strstr(o.why, "“三零”"), "… eligible, and says 三零");
	CLS(cls(0.38, 100, CUST_SMALL_MICRO, 0, 0, 0, 0), CAT_LV_SANLING, "小微企业", "small/micro: 三零");
	CLS(cls(0.38, 161, CUST_PRIVATE, 0, 0, 0, 0), CAT_LV_OTHER, "超过160千瓦", "161 kW: lv-other");
	o = cls(0.38, 100, CUST_PRIVATE, 0, 1, 0, 0);
	CLS(o, CAT_LV_OTHER, "拆分报装", "split application: lv-other, reason given");
	ok(!o.sanling_eligible, "… not eligible");
	o = cls(0.38, 100, CUST_PRIVATE, 0, 0, 1, 0);
	CLS(o, CAT_LV_OTHER, "销户转低压", "HV user re-applying at LV: not 三零");
	ok(!o.sanling_eligible, "… not eligible");
	CLS(cls(0.38, 100, CUST_OTHER, 0, 0, 0, 0), CAT_LV_OTHER, "未纳入", "state body, 100 kW: lv-other");
	CLS(cls(10, 2000, CUST_OTHER, 1, 0, 0, 0), CAT_HV_DUAL, "双电源", "10 kV dual source");
	CLS(cls(10, 630, CUST_OTHER, 0, 0, 0, 0), CAT_HV_SINGLE, "单电源", "10 kV single source");
	CLS(cls(35, 8000, CUST_OTHER, 0, 0, 0, 0), CAT_HV_SINGLE, "参照10千伏", "35 kV follows 10 kV");
	o = cls(10, 100, CUST_PRIVATE, 0, 0, 0, 0);
	CLS(o, CAT_HV_SINGLE, "签字确认", "eligible user asking for HV: told of 三零, signs");
	ok(o.sanling_eligible, "… flagged eligible");
	CLS(cls(0.38, 60, CUST_CHARGING, 0, 0, 0, 1), CAT_LV_CHARGING, "现场勘察",
	    "charging where the profile has it: lv-charging");
	CLS(cls(0.38, 60, CUST_CHARGING, 0, 0, 0, 0), CAT_LV_SANLING, "充电设施",
	    "charging where the profile lacks it: 三零");
	CLS(cls(0.38, 400, CUST_CHARGING, 0, 0, 0, 0), CAT_LV_OTHER, "超过160千瓦",
	    "large charging station without a charging category: lv-other");
	CLS(cls(0.999, 50, CUST_PRIVATE, 0, 0, 0, 0), CAT_LV_SANLING, "三零", "0.999 kV is LV");
	CLS(cls(1, 50, CUST_PRIVATE, 0, 0, 0, 0), CAT_HV_SINGLE, "高压", "1 kV is HV");
	/* the ceiling comes from the rules (scope-max), not from the code */
	{
		struct classify_in r = {.kv = 0.38, .capacity = 120, .type = CUST_SMALL_MICRO,
					.sanling_max = 100, .sanling_note = "农村地区（003附件1第9行）"};

		ok(rules_classify(&r, &o, &err) == 0 && o.category == CAT_LV_OTHER && !o.sanling_eligible &&
			   strstr(o.why, "超过100千瓦（农村地区（003附件1第9行））"),
		   "120 kW under a rural ceiling of 100 (003 row 9): lv-other, says why");
		r.capacity = 180;
		r.sanling_max = 200;
		r.sanling_note = "城市规划区试点（004附件2第36行）";
		ok(rules_classify(&r, &o, &err) == 0 && o.category == CAT_LV_SANLING && o.sanling_eligible &&
			   strstr(o.why, "200千瓦及以下（城市规划区试点"),
		   "180 kW under Jining's urban pilot of 200 (004 附件2 row 36): 三零");
		r.sanling_max = 0;
		ok(rules_classify(&r, &o, &err) == 0 && o.category == CAT_LV_OTHER &&
			   strstr(o.why, "未给出“三零”容量上限"),
		   "no ceiling in the rules: not 三零, and says so");
	}
	ok(rules_classify(&in, &o, &err) < 0 && strstr(err.msg, "供电电压应大于 0 kV"), "voltage 0 refused");
	in.kv = 0.38;
	in.capacity = -5;
	ok(rules_classify(&in, &o, &err) < 0 && strstr(err.msg, "容量应大于 0"), "negative capacity refused");
	in.capacity = NAN;
	ok(rules_classify(&in, &o, &err) < 0, "NaN capacity refused");
}

/* ---- loader errors ---------------------------------------------------------- */

static const char *HEAD = "profile x-1\n"		/* 1 */
			  "region x XX 某地\n"		/* 2 */
			  "source test\n"		/* 3 */
			  "effective 2025-01-01\n";	/* 4 */

static const char *LV = "category lv-other\n"	/* 5 */
			"stage accept 1\n"	/* 6 */
			"stage plan 3\n"	/* 7 */
			"stage energise 2\n";	/* 8 */

/* Load `text` as t.rules; expect failure with "t.rules:LINE: …needle…". */
static void
load_err(const char *text, int line, const char *needle, const char *desc)
{
	struct yk_rules *r = rules_new();
	yk_error err = {0};
	char prefix[64];
	int rc = rules_load_text(r, text, strlen(text), "t.rules", &err);

	snprintf(prefix, sizeof prefix, "t.rules:%d: ", line);
	if (!ok(rc < 0 && strncmp(err.msg, prefix, strlen(prefix)) == 0 && strstr(err.msg, needle),
		"%s", desc))
		printf("#   got: %s\n#   want: %s…%s\n", rc < 0 ? err.msg : "(loaded)", prefix, needle);
	ok(rules_count(r) == 0, "… and nothing of the file is kept");
	rules_free(r);
}

static void
load_good(const char *text, const char *desc)
{
	struct yk_rules *r = rules_new();
	yk_error err = {0};

	if (!ok(rules_load_text(r, text, strlen(text), "t.rules", &err) == 0, "%s", desc))
		printf("#   %s\n", err.msg);
	rules_free(r);
}

static char *
join(const char *a, const char *b, const char *c)
{
	static char buf[4][2048];
	static int k;
	char *s = buf[k++ % 4];

	snprintf(s, 2048, "%s%s%s", a, b ? b : "", c ? c : "");
	return s;
}

/* Two files a.rules and b.rules, then rules_finish. */
static void
finish_err(const char *a, const char *b, const char *prefix, const char *needle, const char *desc)
{
	struct yk_rules *r = rules_new();
	yk_error err = {0};
	int rc = rules_load_text(r, a, strlen(a), "a.rules", &err);

	if (rc == 0 && b)
		rc = rules_load_text(r, b, strlen(b), "b.rules", &err);
	if (rc < 0) {
		ok(0, "%s (files load)", desc);
		printf("#   %s\n", err.msg);
	} else {
		rc = rules_finish(r, &err);
		if (!ok(rc < 0 && strncmp(err.msg, prefix, strlen(prefix)) == 0 && strstr(err.msg, needle),
			"%s", desc))
			printf("#   got: %s\n", rc < 0 ? err.msg : "(passed)");
	}
	rules_free(r);
}

static void
test_loader(void)
{
	const char *lv_end = "category lv-resident\nstage accept -\nstage energise -\nwhole 5 15\n"
			     "whole-from appointment\n";

	load_good(join(HEAD, LV, NULL), "a minimal profile loads");
	load_good(join("\xEF\xBB\xBFprofile x-1\r\nregion x XX 某地\r\nsource s\r\neffective 2025-01-01\r\n",
		       "# comment\r\n\r\ncategory lv-other 标签\r\n\tstage accept 1\r\n\tstage plan 3\r\n"
		       "\tstage energise 2\r\n\ttotal 6\r\n",
		       NULL),
		  "BOM, CRLF, comments, indentation and a correct total load");
	load_good(join(HEAD, lv_end, NULL), "whole 5 15 from appointment loads");
	load_good(join(HEAD,
		       "category hv-single\nkv-below 35\ncapacity-max 1250\nstage accept+plan 2\n"
		       "stage final+energise 5\n"
		       "category hv-single\nkv-below 35\ncapacity-above 1250\nstage accept+plan 6\n"
		       "stage final+energise 5\n",
		       NULL),
		  "adjacent capacity ranges (<=1250, >1250) do not overlap");

	/* one test per validation rule */
	load_err(join(HEAD, "colour red\n", LV), 5, "未知的关键字 'colour'", "unknown keyword");
	load_err(join(HEAD, "category lv-other\nstage acept 1\n", NULL), 6, "未知的环节 'acept'",
		 "unknown stage");
	load_err(join(HEAD, "category lv-big\n", NULL), 5, "未知的类别 'lv-big'",
		 "unknown category");
	load_err(join(HEAD, "category lv-other\nstage accept -1\n", NULL), 6, "是负数",
		 "negative limit");
	load_err(join(HEAD, "category lv-other\nstage accept 1.5\n", NULL), 6, "不是整数的工作日天数",
		 "non-integer limit");
	load_err(join(HEAD, "category lv-other\nstage accept 1\nstage energise 2\nstage plan 3\n",
		      NULL),
		 8, "顺序不对", "stage order wrong");
	load_err(join(HEAD, "category hv-single\nstage plan+accept 1\n", NULL), 6, "顺序不对",
		 "merged stages out of order");
	load_err(join(HEAD, "category lv-other\nstage accept 1\nstage design 3\n", NULL), 7,
		 "是高压环节", "HV stage on an LV category");
	load_err(join(HEAD, "category lv-other\nstage accept 1\nstage accept 1\n", NULL), 7,
		 "环节 'accept' 重复：第 6 行已经列出", "duplicate stage");
	load_err(join(HEAD, "until 2024-12-31\n", LV), 5,
		 "'until' 2024-12-31 早于 'effective' 2025-01-01", "until before effective");
	load_err(join(HEAD, LV, "total 7\n"), 9, "合计 total 7 与各环节时限之和 6 不符",
		 "total disagrees with the stage sum");
	load_err(join(HEAD,
		      "category hv-single\ncapacity-max 1250\nstage accept 1\nstage energise 1\n"
		      "category hv-single\ncapacity-max 2000\nstage accept 1\nstage energise 1\n",
		      NULL),
		 9, "与第 5 行的段重叠", "overlapping variants of one category");
	load_err(join(HEAD,
		      "category lv-sanling\napplied-to 2025-12-31\nstage accept -\nstage energise -\nscope-max any 160\n"
		      "whole 25\nwhole-from application\n"
		      "category lv-sanling\napplied-from 2025-12-31\nstage accept -\nstage energise -\nscope-max any 160\n"
		      "whole 20\nwhole-from application\n",
		      NULL),
		 12, "与第 5 行的段重叠", "variants whose date ranges share a day overlap");

	/* more checks the loader makes */
	load_err(join(HEAD, "category lv-other\nstage accept 1\nstage energise -\ntotal 1\n", NULL), 8,
		 "没有时限", "total with an untimed step");
	load_err(join(HEAD, "category lv-resident\nstage accept -\nstage energise -\nwhole 5\n", NULL),
		 8, "whole-from", "whole without whole-from");
	load_err(join(HEAD, "category lv-resident\nstage accept -\nstage energise -\n", NULL), 5,
		 "没有任何时限", "a category with no limit");
	load_err(join(HEAD, "category lv-other\nstage plan 3\nstage energise 2\n", NULL), 6,
		 "必须包含 accept", "process must start with accept");
	load_err(join(HEAD, "category lv-other\nstage accept 1\nstage plan 3\n", NULL), 7,
		 "必须包含 energise", "process must end with energise");
	load_err(join(HEAD, "category lv-other\n", NULL), 5, "没有 'stage' 行", "category without steps");
	load_err(join(HEAD, "category lv-resident\nstage accept -\nstage energise -\nwhole 15 5\n", NULL),
		 8, "小于无外线工程的", "whole with external works below without");
	load_err(join(HEAD, LV, "region y\n"), 9, "应写在文件头", "header keyword after a category");
	load_err(join(HEAD, "region y\n", LV), 5, "第二个 'region' 行（第一个在第 2 行）",
		 "duplicate header keyword");
	load_err("profile x-1\nregion x XX 某地\nsource s\ncategory lv-other\n", 4, "缺少 'effective' 行",
		 "missing effective");
	load_err(join("profile X_1\n", NULL, NULL), 1, "不是代码", "bad profile id");
	load_err(join(HEAD, "effective 2025-02-30\n", NULL), 5, "第二个 'effective'",
		 "second effective");
	load_err("profile x-1\nregion x XX 某地\nsource s\neffective 2025-02-30\n", 4, "YYYY-MM-DD",
		 "impossible date");
	load_err(join(HEAD, "filing-to someone\n", LV), 5, "要一起写", "filing-to without filing-due");
	load_err(join(HEAD, "filing-to a\nfiling-due 32 text\n", LV), 6, "1..31", "filing-due day 32");
	load_err(join(HEAD, "category hv-single\ncapacity-max 1e3\n", NULL), 6, "不是数字",
		 "capacity in exponent form refused");
	load_err(join(HEAD, "category hv-single\ncapacity-above 2000\ncapacity-max 1000\n"
			    "stage accept 1\nstage energise 1\n",
		      NULL),
		 7, "没有容量能落在其中", "empty capacity range");
	load_err(join(HEAD, "category hv-single\ncapacity-above 1250\ncapacity-max 1250\n"
			    "stage accept 1\nstage energise 1\n",
		      NULL),
		 7, "没有容量能落在其中", "capacity-above equal to capacity-max: no capacity fits");
	load_err(join(HEAD, "category lv-other\napplied-from 2024-06-01\nstage accept 1\nstage energise 1\n",
		      NULL),
		 6, "不在本规则的有效期", "applied-from before the profile starts");
	load_err(join(HEAD, "category lv-other\nsurvey maybe\n", NULL), 6, "required", "survey maybe");

	/* 三零 ceilings (scope-max): malformed lines name the file and line */
	load_err(join(HEAD, "category lv-sanling\nstage accept+plan -\nstage energise -\nwhole 5\n"
			    "whole-from application\n", NULL),
		 5, "没有 'scope-max' 行", "a 三零 block without its ceiling");
	load_err(join(HEAD, "category lv-other\nscope-max town 160\n", NULL), 6,
		 "不是 urban（城市地区）、rural（农村地区）或 any", "scope-max: unknown area");
	load_err(join(HEAD, "category lv-other\nscope-max urban\n", NULL), 6,
		 "后面写区域（urban、rural 或 any）和千瓦容量", "scope-max without a capacity");
	load_err(join(HEAD, "category lv-other\nscope-max urban -160\n", NULL), 6,
		 "不是数字", "scope-max: negative capacity");
	load_err(join(HEAD, "category lv-other\nscope-max urban 0\n", NULL), 6,
		 "应大于 0", "scope-max: zero");
	load_err(join(HEAD, "category lv-other\nscope-max urban 160\nscope-max urban 200\n", NULL), 7,
		 "本类别段里第二个 'scope-max urban'（第一个在第 6 行）",
		 "scope-max: one area twice");
	load_err(join(HEAD, "category lv-other\nscope-max any 160\nscope-max rural 100\n", NULL), 7,
		 "写在 'scope-max any'（第 6 行）之后", "scope-max: an area after any");
	load_err(join(HEAD, "category lv-other\nscope-max rural 100\nscope-max any 160\n", NULL), 7,
		 "'scope-max any' 写在 'scope-max rural'（第 6 行）之后", "scope-max: any after an area");
	load_err(join(HEAD, "category lv-other\nscope-max urban 160\nstage accept 1\nstage energise 1\n",
		      NULL),
		 6, "而没有 'scope-max rural'", "scope-max: urban without rural");
	load_err(join(HEAD, "category hv-single\nscope-max any 160\n", NULL), 6,
		 "hv-single 是高压类别", "scope-max in an HV block");
	load_err(join(HEAD, "scope-max any 160\n", NULL), 5, "不在类别段内",
		 "scope-max before any category");

	/* the reporting calendar: malformed 'report' lines name file and line */
	load_err(join(HEAD, "report m weekly 5 - 周报\n", LV), 5, "不是 monthly、quarterly、half-year 或 annual",
		 "report: unknown period");
	load_err(join(HEAD, "report m monthly 31 - 月报\n", LV), 5, "不是每月的 1..28 日",
		 "report: day 31");
	load_err(join(HEAD, "report m monthly w0 - 月报\n", LV), 5, "是当月第 N 个工作日",
		 "report: working day 0");
	load_err(join(HEAD, "report h half-year 02-30 benefit 半年\n", LV), 5, "不是一年中的日子 MM-DD",
		 "report: 02-30");
	load_err(join(HEAD, "report h half-year 07-15 chart 半年\n", LV), 5, "应为 filing、benefit、timeliness 或 -",
		 "report: unknown producer");
	load_err(join(HEAD, "report q quarterly 25 filing 季报\n", LV), 5, "备案清单按月报送",
		 "report: a quarterly filing list");
	load_err(join(HEAD, "report h half-year 07-15 benefit\n", LV), 5, "后面写代码、周期",
		 "report: no name");
	load_err(join(HEAD, "report h half-year 07-15 benefit 半年\nreport h annual 01-15 benefit 年度\n", LV), 6,
		 "第二个报表 'h'", "report: one code twice");
	load_err(join(HEAD, LV, "report h half-year 07-15 benefit 半年\n"), 9, "应写在文件头",
		 "report after a category");
	load_err(join(HEAD, "category lv-other\nstage accept 1\ntotal 1\ntotal 1\n", NULL), 8,
		 "第二个 'total'", "two totals in one block");
	load_err(join(HEAD, "stage accept 1\n", NULL), 5, "不在类别段内", "stage before category");
	load_err(join(HEAD, NULL, NULL), 5, "没有 'category' 段", "a profile without categories");
	load_err(join(HEAD, "category lv-other\nstage accept 1000\n", NULL), 6, "超过 999 个工作日",
		 "absurd limit");
	load_err(join(HEAD, "# \xff bad\n", NULL), 5, "UTF-8", "invalid UTF-8");

	/* the region's case-number prefix and name are data */
	load_err(join("profile x-1\nregion x\n", "source s\neffective 2025-01-01\n", LV), 2,
		 "要写案件编号前缀和地区的中文名称", "a region without prefix and name");
	load_err(join("profile x-1\nregion x XX\n", "source s\neffective 2025-01-01\n", LV), 2,
		 "要写案件编号前缀和地区的中文名称", "a region without its name");
	load_err(join("profile x-1\nregion x tj 天津\n", "source s\neffective 2025-01-01\n", LV), 2,
		 "前缀 'tj'（地区 x）不是 2 到 7 个大写字母", "a prefix in lower case");
	{
		struct yk_rules *r = rules_new();
		yk_error err = {0};
		const char *t = join(HEAD, LV, NULL);

		ok(rules_load_text(r, t, strlen(t), "t.rules", &err) == 0 &&
			   strcmp(rules_region_prefix(r, "x"), "XX") == 0 &&
			   strcmp(rules_region_name(r, "x"), "某地") == 0,
		   "the prefix and the name are the profile's");
		ok(rules_region_prefix(r, "y") == NULL && rules_region_name(r, "y") == NULL,
		   "a region without a profile has neither");
		ok(rules_load_text(r, "", 0, "u.rules", &err) < 0 && err.line == 1, "a loader error carries its line");
		rules_free(r);
	}

	/* across files (rules_finish) */
	{
		const char *nat = "profile n-1\nregion national CN 全国\nsource s\neffective 2021-01-01\n"
				  "category lv-other\nstage accept 1\nstage energise 1\n";
		char a[1024], b[1024];

		snprintf(a, sizeof a, "%s%s", nat, "");
		snprintf(b, sizeof b, "profile n-2\nregion national CN 全国\nsource s\neffective 2024-01-01\n%s",
			 LV);
		finish_err(a, b, "b.rules:4: ", "a.rules:4", "overlapping ranges for one region name both files");
		snprintf(b, sizeof b, "profile n-1\nregion x XX 某地\nsource s\neffective 2024-01-01\n%s", LV);
		finish_err(a, b, "b.rules:1: ", "规则代码 'n-1' 在 a.rules:1 也定义过",
			   "duplicate profile id across files");
		finish_err(join(HEAD, LV, NULL), NULL, "没有加载全国时限规则", "", "no national profile");
		snprintf(b, sizeof b,
			 "profile n-2\nregion national CX 全国\nsource s\neffective 2020-01-01\nuntil 2020-12-31\n%s",
			 LV);
		finish_err(a, b, "b.rules:2: ", "地区 national 在这里是 'CX 全国'，另一处是 'CN 全国'（a.rules:2）",
			   "two profiles of one region with different prefixes");
		snprintf(b, sizeof b,
			 "profile n-2\nregion national CN 全国\nsource s\neffective 2020-01-01\nuntil 2020-12-31\n%s",
			 LV);
		{
			struct yk_rules *r = rules_new();
			yk_error err = {0};

			rules_load_text(r, a, strlen(a), "a.rules", &err);
			rules_load_text(r, b, strlen(b), "b.rules", &err);
			ok(rules_finish(r, &err) == 0, "adjacent ranges for one region are fine");
			rules_free(r);
		}
	}
}

/* Bounds are (capacity-above, capacity-max]: a case on a boundary belongs
 * to exactly one block, whichever the file lists first. */
static void
test_bounds_in_either_order(void)
{
	static const char *const files[] = {
		"category hv-single\ncapacity-above 1250\nstage accept+plan 6\nstage final+energise 5\n"
		"category hv-single\ncapacity-max 1250\nstage accept+plan 2\nstage final+energise 5\n",
		"category hv-single\ncapacity-max 1250\nstage accept+plan 2\nstage final+energise 5\n"
		"category hv-single\ncapacity-above 1250\nstage accept+plan 6\nstage final+energise 5\n",
	};

	for (size_t i = 0; i < 2; i++) {
		struct yk_rules *r = rules_new();
		yk_error err = {0};
		const char *text = join(HEAD, files[i], NULL);
		const struct rule_variant *v;
		yk_date d;

		date_parse("2025-06-02", &d);
		if (!ok(rules_load_text(r, text, strlen(text), "t.rules", &err) == 0,
			"%s listed first: loads", i ? "capacity-max" : "capacity-above")) {
			printf("#   %s\n", err.msg);
			rules_free(r);
			continue;
		}
		v = rules_variant(rules_at(r, 0), CAT_HV_SINGLE, 1250, 10, d, &err);
		ok(v && v->steps[0].limit == 2, "%s first: 1250 kVA gets the <=1250 limits (2)",
		   i ? "capacity-max" : "capacity-above");
		v = rules_variant(rules_at(r, 0), CAT_HV_SINGLE, 1250.5, 10, d, &err);
		ok(v && v->steps[0].limit == 6, "%s first: 1250.5 kVA gets the >1250 limits (6)",
		   i ? "capacity-max" : "capacity-above");
		rules_free(r);
	}
}

/* The reporting calendar of the shipped files, computed by hand. */
static void
test_report_calendar(const struct yk_rules *r)
{
	struct yk_calendar *cal = calendar_new();
	const struct rule_report *rs[16], *mf = NULL, *q = NULL, *h = NULL, *a = NULL;
	size_t n = rules_reports(r, "guizhou", D("2026-03-02"), rs, 16);
	yk_date due, from, to;
	yk_error err = {0};
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], b3[YK_DATE_BUFSZ];

	/* weekends only: March 2026 has no holiday, so the count is the same */
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rs[i]->code, "monthly-filing") == 0)
			mf = rs[i];
		if (strcmp(rs[i]->code, "zero-investment") == 0)
			q = rs[i];
		if (strcmp(rs[i]->code, "half-year") == 0)
			h = rs[i];
		if (strcmp(rs[i]->code, "annual") == 0)
			a = rs[i];
	}
	is_int(n, 6, "guizhou owes six reports: its four and the national two (003 三)");
	if (!mf || !q || !h || !a) {
		ok(0, "the reports are there");
		calendar_free(cal);
		return;
	}
	/* 001 附件2 三(二): by the 5th working day; March 2026: Mon 2 … Fri 6 */
	rules_report_due(mf, cal, D("2026-03-02"), &due, &from, &to, &err);
	is_str(date_format(due, b1), "2026-03-06", "monthly filing due 2026-03-06, the 5th working day");
	is_str(date_format(from, b2), "2026-02-01", "… for February");
	is_str(date_format(to, b3), "2026-02-28", "… to its last day");
	rules_report_due(mf, cal, D("2026-03-07"), &due, &from, &to, &err);
	is_str(date_format(due, b1), "2026-04-07", "after it, April's: Wed 1 … Tue 7 is the 5th working day");
	/* 001 附件1 第2行: quarterly, the 25th of the quarter's last month */
	rules_report_due(q, cal, D("2026-03-26"), &due, &from, &to, &err);
	is_str(date_format(due, b1), "2026-06-25", "the quarterly list after 03-25 is due 06-25");
	is_str(date_format(from, b2), "2026-04-01", "… for the second quarter");
	/* 003 三: 7/15 for January-June, 1/15 for the year before */
	rules_report_due(h, cal, D("2026-03-02"), &due, &from, &to, &err);
	ok(due == D("2026-07-15") && from == D("2026-01-01") && to == D("2026-06-30"),
	   "half-year figures due 2026-07-15 for 2026-01-01..06-30");
	rules_report_due(a, cal, D("2026-03-02"), &due, &from, &to, &err);
	ok(due == D("2027-01-15") && from == D("2026-01-01") && to == D("2026-12-31"),
	   "annual figures due 2027-01-15 for 2026");
	rules_report_due(a, cal, D("2026-01-15"), &due, &from, &to, &err);
	ok(due == D("2026-01-15") && from == D("2025-01-01"), "on 2026-01-15 the 2025 figures are due that day");
	n = rules_reports(r, "tianjin", D("2026-03-02"), rs, 16);
	is_int(n, 2, "tianjin owes the national two (000 names no due day for its monthly list)");
	calendar_free(cal);
}

/* 三零 ceilings from the shipped files (scope-max), by date and area. */
static void
test_scope(const struct yk_rules *r)
{
	double max;
	const char *note;

	/* 003 附件1 row 9 (2021年底前 -> 2022 applications): urban 160, rural 100 */
	ok(rules_sanling_max(r, "national", D("2022-05-10"), AREA_RURAL, &max, &note) == 1 && max == 100 &&
		   strstr(note, "第9行"),
	   "national-2021, 2022 rural: 100 kW (003 row 9)");
	ok(rules_sanling_max(r, "national", D("2022-05-10"), AREA_URBAN, &max, NULL) == 1 && max == 160,
	   "national-2021, 2022 urban: 160 kW (003 row 9)");
	ok(rules_sanling_max(r, "national", D("2022-05-10"), AREA_UNKNOWN, &max, NULL) == -1 && max == 100,
	   "… area unknown: the areas differ, the lower binds");
	/* row 10 (2022年底前 -> from 2023): 160 everywhere */
	ok(rules_sanling_max(r, "national", D("2023-02-01"), AREA_RURAL, &max, NULL) == 1 && max == 160,
	   "national-2021, 2023 rural: 160 kW (003 row 10)");
	ok(rules_sanling_max(r, "national", D("2023-02-01"), AREA_UNKNOWN, &max, NULL) == 1 && max == 160,
	   "… the same in both areas: known without the area");
	/* 004 附件2 row 36: Jining's urban pilot, 200 kW, from 2021-07-01 */
	ok(rules_sanling_max(r, "jining", D("2021-09-01"), AREA_URBAN, &max, &note) == 1 && max == 200 &&
		   strstr(note, "试点"),
	   "jining, 2021-09 urban: 200 kW pilot (004 附件2 row 36)");
	ok(rules_sanling_max(r, "jining", D("2021-09-01"), AREA_RURAL, &max, NULL) == 1 && max == 160,
	   "jining, 2021-09 rural: 160 kW (004 附件2 row 9)");
	ok(rules_sanling_max(r, "jining", D("2021-03-01"), AREA_URBAN, &max, NULL) == 1 && max == 160,
	   "jining, before 2021-07: national-2021's 160 urban");
	ok(rules_sanling_max(r, "tianjin", D("2026-03-02"), AREA_RURAL, &max, NULL) == 1 && max == 160,
	   "tianjin-2025: 160 kW in both areas (000 三(一)1)");
	ok(rules_sanling_max(NULL, "tianjin", D("2026-03-02"), AREA_RURAL, &max, NULL) == 0,
	   "no rules: no ceiling known");
}

int
main(void)
{
	struct yk_rules *r = load_shipped();

	test_find(r);
	test_national_2021(r);
	test_2025_family(r, "national", "national-2025");
	test_2025_family(r, "tianjin", "tianjin-2025");
	test_2025_family(r, "guizhou", "guizhou-2025");
	test_2025_family(r, "beijing", "national-2025");
	test_ningxia(r);
	test_jining(r);
	test_scope(r);
	test_report_calendar(r);
	rules_free(r);
	test_classify();
	test_loader();
	test_bounds_in_either_order();
	return tap_done();
}
