#ifndef YEKUO_RULES_H
#define YEKUO_RULES_H

/* Rule profiles: one jurisdiction's working-day limits with the dates they
 * are in force. Profiles are data (data/rules/NAME.rules, format in
 * docs/rules-format.md); this module parses and validates them and answers
 * "which limits apply to this case". No I/O here: text comes in as memory. */

#include <stddef.h>

#include "yekuo/core/date.h"
#include "yekuo/core/error.h"

enum yk_stage {
	STAGE_ACCEPT,	/* 业务受理 */
	STAGE_PLAN,	/* 供电方案答复 */
	STAGE_DESIGN,	/* 设计审查 */
	STAGE_MIDCHECK,	/* 中间检查 */
	STAGE_FINAL,	/* 竣工检验 */
	STAGE_ENERGISE,	/* 装表接电 */
	STAGE_COUNT
};

enum yk_category {
	CAT_LV_RESIDENT,	/* 低压居民 */
	CAT_LV_SANLING,		/* 低压非居民, 实行"三零" */
	CAT_LV_OTHER,		/* 低压非居民, 未实行"三零" */
	CAT_LV_CHARGING,	/* 低压充电设施 */
	CAT_HV_SINGLE,		/* 高压单电源 */
	CAT_HV_DUAL,		/* 高压双电源 */
	CAT_COUNT
};

/* Codes as used on the command line, in files and in the database. */
const char *stage_code(enum yk_stage s);
const char *stage_name_zh(enum yk_stage s);
int stage_from_code(const char *code);		/* -1 if unknown */
const char *category_code(enum yk_category c);
const char *category_name_zh(enum yk_category c);
int category_from_code(const char *code);	/* -1 if unknown */
int category_is_hv(enum yk_category c);

/* Where a case is, as 003 附件1 row 9 tells areas apart: 城市地区 (urban)
 * and 农村地区 (rural). A case that does not say is AREA_UNKNOWN. */
enum yk_area { AREA_URBAN, AREA_RURAL, AREA_COUNT, AREA_UNKNOWN = -1 };
const char *area_code(enum yk_area a);
const char *area_name_zh(enum yk_area a);
int area_from_code(const char *code);		/* -1 if unknown */

#define RULE_NO_LIMIT (-1)
/* 回访 (003 附件1 row 22, 004 附件2 row 28) without a period in any seed:
 * the default for a profile that names none (docs/rules-format.md). */
#define RULE_FOLLOW_UP_DEFAULT 5

/* One timed step of a process. Usually one stage; a profile that merges
 * stages (jining-2020: 业务受理并答复供电方案) lists several. The step's clock
 * starts when its first stage starts and stops when its last stage
 * completes. */
struct rule_step {
	unsigned stages;	/* bit (1u << enum yk_stage) for each stage */
	char code[48];		/* "accept" or "accept+plan" */
	char name[96];		/* 中文 name as the source document gives it */
	int limit;		/* working days, or RULE_NO_LIMIT (tracked, untimed) */
};

enum whole_start {
	WHOLE_FROM_APPLICATION,	/* 报装申请 (national-2021) */
	WHOLE_FROM_APPOINTMENT	/* 用户预约现场服务时间 (national-2025 family) */
};

/* Limits for one category, possibly narrowed by capacity, voltage and
 * application date (jining-2020 splits 10 kV single supply at 1250 kVA;
 * national-2021 tightens 三零 limits year by year). */
struct rule_variant {
	enum yk_category category;
	double cap_above;	/* applies when capacity > cap_above (-1: no bound) */
	double cap_max;		/* applies when capacity <= cap_max (-1: no bound) */
	double kv_min;		/* applies when voltage kV >= kv_min (-1: no bound) */
	double kv_below;	/* applies when voltage kV < kv_below (-1: no bound) */
	yk_date applied_from;	/* application date bounds within the profile */
	yk_date applied_to;	/* (YK_DATE_NONE: the profile's own range) */
	char label[96];		/* "10 kV 单电源 ≤1250 kVA" */
	size_t nsteps;
	struct rule_step steps[STAGE_COUNT];
	int total;		/* sum-of-stages limit, RULE_NO_LIMIT if none */
	int whole_without;	/* whole-process limit without external works */
	int whole_with;		/* … with external works (RULE_NO_LIMIT if none) */
	enum whole_start whole_from;
	int approval_limit;	/* administrative approval of external works, WD */
	int survey_required;	/* on-site survey required (ningxia lv-charging) */
	/* The capacity ceiling (kW) of the category's scope in each area, as
	 * the source sets it (三零: 003 row 9 城市160/农村100; 004 附件2 row 36
	 * 城市规划区试点200), -1 where none; and the source's words for it. */
	double scope_max[AREA_COUNT];
	char scope_note[AREA_COUNT][96];
	int source_line;	/* line in the profile file, for messages */
};

/* One report the office owes on a calendar (docs/rules-format.md,
 * "Reporting calendar"): the monthly filing by the 5th working day (001
 * 附件2 三(二)), the half-year and annual figures by 7/15 and 1/15 (003 三),
 * Guizhou's quarterly list by the 25th (001 附件1 row 2). */
enum report_period { RP_MONTHLY, RP_QUARTERLY, RP_HALF_YEAR, RP_ANNUAL };
#define RULE_REPORTS_MAX 8
struct rule_report {
	char code[32];		/* "monthly-filing" */
	enum report_period period;
	int day;		/* day of the month (monthly, quarterly: of the quarter's last month) */
	int workday;		/* monthly: the N-th working day of the month instead of a day */
	int month;		/* half-year, annual: the month of the due date (day: its day) */
	char kind[16];		/* the report that produces it: filing, benefit, timeliness, or "" */
	char name[160];		/* as the source says it, with its clause */
};

struct rule_profile {
	char id[48];		/* "national-2025" */
	char region[32];	/* "national", "tianjin", … */
	char prefix[8];		/* the region's case numbers begin so: "TJ" */
	char region_name[64];	/* the region as shown: "天津" */
	char file[256];		/* file it came from */
	char source[512];	/* seed file and clause (for the maintainers) */
	/* the policy as documents cite it: its official name and number only,
	 * never our own file numbers ("" when the file gives none) */
	char policy[512];
	yk_date from;		/* in force from (application date) */
	yk_date to;		/* in force to, inclusive, or YK_DATE_NONE */
	char filing_to[256];	/* recipients of the monthly grid-upgrade list */
	char filing_due[160];	/* when it is due, as the source says it */
	int filing_due_day;	/* day of month it is due by, 0 if none */
	/* 容缺受理 (acceptance with materials still missing) allowed, with the
	 * basis the office cites; "" when not allowed (no seed allows it) */
	char incomplete_acceptance[160];
	/* 回访: a case is followed up within this many working days of its
	 * energising ('follow-up', else RULE_FOLLOW_UP_DEFAULT), and why */
	int follow_up_days;
	char follow_up_source[160];
	size_t nreports;
	struct rule_report reports[RULE_REPORTS_MAX];
	size_t nvariants;
	struct rule_variant *variants;
};

struct yk_rules;

struct yk_rules *rules_new(void);
void rules_free(struct yk_rules *rules);
/* Parse one profile file from memory. Errors: "name:line: what is wrong";
 * on error nothing of the file is kept. */
int rules_load_text(struct yk_rules *rules, const char *text, size_t len,
		    const char *name, yk_error *err);
/* Cross-file checks once all files are in: overlapping effective ranges
 * for one region, duplicate profile ids, a national profile present. */
int rules_finish(struct yk_rules *rules, yk_error *err);

size_t rules_count(const struct yk_rules *rules);
const struct rule_profile *rules_at(const struct yk_rules *rules, size_t i);
const struct rule_profile *rules_by_id(const struct yk_rules *rules, const char *id);
/* Is `region` a known region code (one that has a profile, or "national")? */
int rules_region_known(const struct yk_rules *rules, const char *region);
/* The case-number prefix ("TJ") and the Chinese name ("天津") the rule
 * files give a region; NULL for a region without a profile. */
const char *rules_region_prefix(const struct yk_rules *rules, const char *region);
const char *rules_region_name(const struct yk_rules *rules, const char *region);
/* The profile of `region` in force on `applied`; a region without its own
 * profile falls back to "national". NULL with err set when none is in force
 * on that date. */
const struct rule_profile *rules_find(const struct yk_rules *rules, const char *region,
				      yk_date applied, yk_error *err);
/* The variant of `cat` for this capacity (kW for LV, kVA for HV), voltage
 * (kV) and application date; NULL with err set when the profile has none. */
const struct rule_variant *rules_variant(const struct rule_profile *p,
					 enum yk_category cat, double capacity,
					 double kv, yk_date applied, yk_error *err);

/* The scope ceiling (kW) of a variant for a case in `area`: 1 with *max
 * (and *note, the source's words, "" when none) set; 0 when the variant
 * sets none; -1 when the area is unknown and the two areas differ — then
 * *max is the lower, which binds in either area. */
int rule_scope_max(const struct rule_variant *v, int area, double *max, const char **note);
/* The 三零 ceiling for a case of `region` applied on `applied` in `area`:
 * rule_scope_max of the profile's lv-sanling variant; 0 with no rules, no
 * profile or no such variant. */
int rules_sanling_max(const struct yk_rules *rules, const char *region, yk_date applied,
		      int area, double *max, const char **note);

/* The stages the variant's process has: every stage of every step, bit
 * (1u << enum yk_stage). A profile may leave stages out (jining-2020 has no
 * design review or mid-check for 10 kV 普通客户, 004 注2). */
unsigned rule_variant_stages(const struct rule_variant *v);

/* ---- the reporting calendar ------------------------------------------ */

struct yk_calendar;
/* The next due date of report r on or after today (*due) and the period it
 * covers (*from..*to): a monthly report the month before its due date, a
 * quarterly one its quarter, a half-year one January to June of its year,
 * an annual one the year before its due date (or its own year when due
 * after June). A working-day due date counts with cal. -1 with err set when
 * the calendar cannot say (a year outside its span). */
int rules_report_due(const struct rule_report *r, const struct yk_calendar *cal, yk_date today,
		     yk_date *due, yk_date *from, yk_date *to, yk_error *err);
/* The reports a region's office owes on `today`: its own profile's in force
 * then, and the national profile's (national duties bind everywhere) whose
 * code the region's does not give. Up to max, in no order; the count. */
size_t rules_reports(const struct yk_rules *rules, const char *region, yk_date today,
		     const struct rule_report **out, size_t max);

/* ---- category proposal (业务受理) ------------------------------------ */

enum customer_type {
	CUST_RESIDENT,		/* 居民 */
	CUST_SMALL_MICRO,	/* 小微企业 */
	CUST_PRIVATE,		/* 民营经济组织 (any size) */
	CUST_OTHER,		/* other non-residential (state-owned, public bodies, …) */
	CUST_CHARGING		/* EV / e-bike charging facility */
};

struct classify_in {
	double kv;		/* supply voltage, kV (0.22 / 0.38 for LV) */
	double capacity;	/* kW for LV, kVA for HV */
	enum customer_type type;
	int dual_source;	/* HV with two supply sources */
	int split_application;	/* part of one property's >160 kW split into applications (拆分报装) */
	int hv_reapply_lv;	/* an HV user cancelling to re-apply at LV */
	int profile_has_charging; /* the profile defines lv-charging */
	/* the profile's 三零 ceiling for this case (kW, rules_sanling_max) and
	 * its words; 0: none known */
	double sanling_max;
	const char *sanling_note;
};

struct classify_out {
	enum yk_category category;
	int sanling_eligible;	/* qualifies for 三零 (even if HV was asked) */
	char why[256];		/* one sentence in Chinese explaining the decision */
};

/* Propose the category (docs/domain §3). Returns 0, or -1 with err set for
 * impossible input (negative capacity, voltage 0, …). */
int rules_classify(const struct classify_in *in, struct classify_out *out, yk_error *err);

#endif
