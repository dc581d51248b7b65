#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

/* Stage and category codes: docs/domain §2-§3. */
static const struct {
	const char *code, *zh;
} stages[STAGE_COUNT] = {
	[STAGE_ACCEPT] = {"accept", N_("业务受理")},
	[STAGE_PLAN] = {"plan", N_("供电方案答复")},
	[STAGE_DESIGN] = {"design", N_("设计审查")},
	[STAGE_MIDCHECK] = {"midcheck", N_("中间检查")},
	[STAGE_FINAL] = {"final", N_("竣工检验")},
	[STAGE_ENERGISE] = {"energise", N_("装表接电")},
};

static const struct {
	const char *code, *zh;
} categories[CAT_COUNT] = {
	[CAT_LV_RESIDENT] = {"lv-resident", N_("低压居民")},
	[CAT_LV_SANLING] = {"lv-sanling", N_("低压非居民(三零)")},
	[CAT_LV_OTHER] = {"lv-other", N_("低压非居民")},
	[CAT_LV_CHARGING] = {"lv-charging", N_("低压充电设施")},
	[CAT_HV_SINGLE] = {"hv-single", N_("高压单电源")},
	[CAT_HV_DUAL] = {"hv-dual", N_("高压双电源")},
};

const char *
stage_code(enum yk_stage s)
{
	return (unsigned)s < STAGE_COUNT ? stages[s].code : "?";
}

const char *
stage_name_zh(enum yk_stage s)
{
	return (unsigned)s < STAGE_COUNT ? stages[s].zh : "?";
}

int
stage_from_code(const char *code)
{
	for (int i = 0; i < STAGE_COUNT; i++)
		if (strcmp(code, stages[i].code) == 0)
			return i;
	return -1;
}

const char *
category_code(enum yk_category c)
{
	return (unsigned)c < CAT_COUNT ? categories[c].code : "?";
}

const char *
category_name_zh(enum yk_category c)
{
	return (unsigned)c < CAT_COUNT ? categories[c].zh : "?";
}

int
category_from_code(const char *code)
{
	for (int i = 0; i < CAT_COUNT; i++)
		if (strcmp(code, categories[i].code) == 0)
			return i;
	return -1;
}

int
category_is_hv(enum yk_category c)
{
	return c == CAT_HV_SINGLE || c == CAT_HV_DUAL;
}

/* 003 附件1 row 9: 城市地区, 农村地区. */
static const struct {
	const char *code, *zh;
} areas[AREA_COUNT] = {
	[AREA_URBAN] = {"urban", N_("城市地区")},
	[AREA_RURAL] = {"rural", N_("农村地区")},
};

const char *
area_code(enum yk_area a)
{
	return (unsigned)a < AREA_COUNT ? areas[a].code : "";
}

const char *
area_name_zh(enum yk_area a)
{
	return (unsigned)a < AREA_COUNT ? areas[a].zh : "";
}

int
area_from_code(const char *code)
{
	for (int i = 0; code && i < AREA_COUNT; i++)
		if (strcmp(code, areas[i].code) == 0)
			return i;
	return -1;
}

/* ---- profiles ---------------------------------------------------------- */

/* No seed sets a limit anywhere near this; a bigger number is a typo. */
#define LIMIT_MAX 999

/* Where each profile came from, for the cross-file messages of
 * rules_finish (struct rule_profile is public and has no room for lines). */
struct profile_meta {
	char *file;		/* full name as given to rules_load_text */
	int profile_line;	/* line of 'profile ID' */
	int effective_line;	/* line of 'effective DATE' */
	int region_line;	/* line of 'region CODE PREFIX NAME' */
};

struct yk_rules {
	struct rule_profile *profiles;
	struct profile_meta *meta;
	size_t n, cap, meta_cap;
};

struct yk_rules *
rules_new(void)
{
	return xcalloc(1, sizeof(struct yk_rules));
}

void
rules_free(struct yk_rules *rules)
{
	if (!rules)
		return;
	for (size_t i = 0; i < rules->n; i++) {
		free(rules->profiles[i].variants);
		free(rules->meta[i].file);
	}
	free(rules->profiles);
	free(rules->meta);
	free(rules);
}

/* ---- parsing ------------------------------------------------------------ */

/* Header keywords, each at most once, all before the first category. */
enum hdr {
	H_PROFILE,
	H_REGION,
	H_SOURCE,
	H_EFFECTIVE,
	H_UNTIL,
	H_FILING_TO,
	H_FILING_DUE,
	H_POLICY,
	H_FOLLOW_UP,
	H_INCOMPLETE,
	H_COUNT
};

static const char *const hdr_words[H_COUNT] = {
	"profile", "region", "source", "effective", "until", "filing-to", "filing-due", "policy",
	"follow-up", "incomplete-acceptance",
};

/* Keywords inside a category block (one variant), each at most once except
 * 'stage'. */
enum vkw {
	V_TOTAL,
	V_WHOLE,
	V_WHOLE_FROM,
	V_CAP_ABOVE,
	V_CAP_MAX,
	V_KV_MIN,
	V_KV_BELOW,
	V_APPLIED_FROM,
	V_APPLIED_TO,
	V_APPROVAL,
	V_SURVEY,
	V_COUNT
};

static const char *const vkw_words[V_COUNT] = {
	"total",     "whole",	     "whole-from", "capacity-above", "capacity-max", "kv-min",
	"kv-below", "applied-from", "applied-to", "approval",	     "survey",
};

struct parse {
	const char *name;
	int line;
	yk_error *err;
	struct rule_profile p;
	size_t vcap;
	int hdr_line[H_COUNT];		/* 0: not seen */
	int header_closed;		/* a category has started */
	/* the open category block, if any */
	struct rule_variant *v;
	int cat_line;
	int vkw_line[V_COUNT];
	int stage_line[STAGE_COUNT];
	int step_line[STAGE_COUNT];
	int scope_line[AREA_COUNT];	/* 'scope-max' of each area, 0: none */
	int scope_any;			/* … given as 'any' */
};

/* "FILE:LINE: what", with the line kept apart for a caller to point at. */
static int
file_error(yk_error *err, const char *file, int line, const char *fmt, ...) YK_PRINTF(4, 5);

static int
file_error(yk_error *err, const char *file, int line, const char *fmt, ...)
{
	char msg[YK_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	yk_error_set(err, "%s", msg);
	yk_error_prefix(err, "%s:%d: ", file, line);
	if (err)
		err->line = line;
	return -1;
}

static int
perr(struct parse *p, const char *fmt, ...) YK_PRINTF(2, 3);

static int
perr(struct parse *p, const char *fmt, ...)
{
	char msg[YK_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return file_error(p->err, p->name, p->line, "%s", msg);
}

static int
perr_at(struct parse *p, int line, const char *fmt, ...) YK_PRINTF(3, 4);

static int
perr_at(struct parse *p, int line, const char *fmt, ...)
{
	char msg[YK_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return file_error(p->err, p->name, line, "%s", msg);
}


/* Profile ids and region codes: lower-case ASCII letters, digits and '-',
 * starting with a letter, so they are safe on a command line and in a
 * file name. */
static int
valid_code(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n >= max || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* A working-day limit: a whole number 0..LIMIT_MAX, or "-" (untimed) when
 * allow_none. */
static int
parse_limit(struct parse *p, const char *w, const char *what, int allow_none, int *out)
{
	size_t n = strlen(w);
	int v = 0;

	if (allow_none && strcmp(w, "-") == 0) {
		*out = RULE_NO_LIMIT;
		return 0;
	}
	if (w[0] == '-' && n > 1)
		return perr(p, _("%s 时限 '%.40s' 是负数：应为工作日天数（整数）%s"),
			    what, w, allow_none ? _("，不计时写 '-'") : "");
	for (size_t i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return perr(p, _("%s 时限 '%.40s' 不是整数的工作日天数%s"), what,
				    w, allow_none ? _("（不计时写 '-'）") : "");
		v = v * 10 + (w[i] - '0');
		if (v > LIMIT_MAX)
			return perr(p, _("%s 时限 '%.40s' 超过 %d 个工作日，应是写错了"),
				    what, w, LIMIT_MAX);
	}
	*out = v;
	return 0;
}

/* A capacity (kW/kVA) or voltage (kV): plain decimal, no sign, no
 * exponent, so "1e3" or "-5" in a rule file is an error, not a number. */
static int
parse_amount(struct parse *p, const char *w, const char *kw, int allow_zero, double *out)
{
	const char *s = w;
	int digits = 0, dot = 0;
	char *end;
	double v;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && !dot && digits)
			dot = 1;
		else
			break;
	}
	if (*s || !digits || w[strlen(w) - 1] == '.')
		return perr(p, _("%s '%.40s' 不是数字（应如 160 或 0.38）"), kw, w);
	v = strtod(w, &end);
	if (*end || !isfinite(v) || v > 1e9)
		return perr(p, _("%s '%.40s' 不是合理的数字"), kw, w);
	if (!allow_zero && v <= 0)
		return perr(p, _("%s 应大于 0"), kw);
	*out = v;
	return 0;
}

static int
parse_date_word(struct parse *p, const char *w, const char *kw, yk_date *d)
{
	if (!w || date_parse(w, d) < 0)
		return perr(p, _("'%s' 后面应为日期 YYYY-MM-DD（存在的一天），写的是 '%.40s'"), kw,
			    w ? w : "");
	return 0;
}

static int
copy_text(struct parse *p, char *dst, size_t dstsz, const char *text, const char *kw)
{
	if (!*text)
		return perr(p, _("'%s' 后面要写文字"), kw);
	if (strlen(text) >= dstsz)
		return perr(p, _("'%s' 的文字超过 %zu 字节"), kw, dstsz - 1);
	memcpy(dst, text, strlen(text) + 1);
	return 0;
}

/* After a region's code: the prefix of its case numbers (TJ-2026-A-00012)
 * and its name as shown (天津). Both are data, so that a new jurisdiction is
 * a file, not a change to the program. */
static int
parse_region_names(struct parse *p, char *args)
{
	struct rule_profile *pr = &p->p;
	char *prefix = text_next_word(&args), *name = text_trim(args);
	size_t n = prefix ? strlen(prefix) : 0;

	if (!prefix || !*name)
		return perr(p, _("'region %s' 在地区代码后面要写案件编号前缀和地区的中文名称，如 'region tianjin TJ 天津'"), pr->region);
	if (n < 2 || n >= sizeof pr->prefix || strspn(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		return perr(p, _("案件编号前缀 '%.40s'（地区 %s）不是 2 到 %zu 个大写字母（它是该地区案件编号的开头，如 TJ-2026-A-00012）"),
			    prefix, pr->region, sizeof pr->prefix - 1);
	strcpy(pr->prefix, prefix);
	return copy_text(p, pr->region_name, sizeof pr->region_name, name, "region");
}

static int
parse_header(struct parse *p, enum hdr h, char *args)
{
	struct rule_profile *pr = &p->p;
	char *w, *rest, b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

	if (p->header_closed)
		return perr(p, _("'%s' 应写在文件头，在第一个 'category' 之前（第 %d 行）"),
			    hdr_words[h], p->cat_line);
	if (p->hdr_line[h])
		return perr(p, _("第二个 '%s' 行（第一个在第 %d 行）"), hdr_words[h],
			    p->hdr_line[h]);
	switch (h) {
	case H_PROFILE:
	case H_REGION:
		w = text_next_word(&args);
		if (h == H_PROFILE ? !w || text_next_word(&args) : !w)
			return perr(p, h == H_PROFILE ? _("'profile' 后面写一个代码，如 national-2025")
						      : _("'region' 后面写地区代码、案件编号前缀和地区的中文名称，如 'region tianjin TJ 天津'"));
		if (!valid_code(w, h == H_PROFILE ? sizeof pr->id : sizeof pr->region))
			return perr(p,
				    _("%s '%.40s' 不是代码：只能用小写字母、数字和 '-'，以字母开头，最多 %zu 字节"),
				    hdr_words[h], w,
				    (h == H_PROFILE ? sizeof pr->id : sizeof pr->region) - 1);
		strcpy(h == H_PROFILE ? pr->id : pr->region, w);
		if (h == H_REGION && parse_region_names(p, args) < 0)
			return -1;
		break;
	case H_SOURCE:
		if (copy_text(p, pr->source, sizeof pr->source, text_trim(args), "source") < 0)
			return -1;
		break;
	case H_POLICY:
		if (copy_text(p, pr->policy, sizeof pr->policy, text_trim(args), "policy") < 0)
			return -1;
		break;
	case H_INCOMPLETE:
		/* the basis is required: 003 row 25 forbids adding conditions, so
		 * accepting short of the checklist must cite the rule that allows it */
		if (copy_text(p, pr->incomplete_acceptance, sizeof pr->incomplete_acceptance,
			      text_trim(args), "incomplete-acceptance") < 0)
			return -1;
		break;
	case H_EFFECTIVE:
	case H_UNTIL:
		w = text_next_word(&args);
		if (parse_date_word(p, w, hdr_words[h], h == H_EFFECTIVE ? &pr->from : &pr->to) < 0)
			return -1;
		if (text_next_word(&args))
			return perr(p, _("'%s' 后面写一个日期"), hdr_words[h]);
		if ((h == H_EFFECTIVE ? p->hdr_line[H_UNTIL] : p->hdr_line[H_EFFECTIVE]) &&
		    pr->to < pr->from)
			return perr(p, _("'until' %s 早于 'effective' %s"), date_format(pr->to, b1),
				    date_format(pr->from, b2));
		break;
	case H_FILING_TO:
		if (copy_text(p, pr->filing_to, sizeof pr->filing_to, text_trim(args),
			      "filing-to") < 0)
			return -1;
		break;
	case H_FILING_DUE:
		w = text_next_word(&args);
		if (!w)
			return perr(p, _("'filing-due' 后面写每月的日子（或 '-'）和依据原文"));
		if (strcmp(w, "-") == 0) {
			pr->filing_due_day = 0;
		} else {
			int day = 0;

			for (const char *s = w; *s; s++) {
				if (*s < '0' || *s > '9' || day > 31) {
					day = -1;
					break;
				}
				day = day * 10 + (*s - '0');
			}
			if (day < 1 || day > 31)
				return perr(p, _("filing-due 的日子 '%.40s' 不是每月的 1..31 日（依据没有规定时写 '-'）"),
					    w);
			pr->filing_due_day = day;
		}
		rest = text_trim(args);
		if (copy_text(p, pr->filing_due, sizeof pr->filing_due, rest, "filing-due") < 0)
			return -1;
		break;
	case H_FOLLOW_UP:
		/* 回访 within DAYS working days of energising, and the clause */
		w = text_next_word(&args);
		pr->follow_up_days = 0;
		for (const char *s = w ? w : ""; *s && pr->follow_up_days <= 366; s++)
			pr->follow_up_days = *s >= '0' && *s <= '9' ? pr->follow_up_days * 10 + (*s - '0') : 367;
		if (!w || pr->follow_up_days < 1 || pr->follow_up_days > 366 || !*text_trim(args))
			return perr(p, _("'follow-up' 后面写装表接电后回访的工作日天数（1..366），再写规定它的条文"));
		if (copy_text(p, pr->follow_up_source, sizeof pr->follow_up_source, text_trim(args),
			      "follow-up") < 0)
			return -1;
		break;
	case H_COUNT:
		break;
	}
	p->hdr_line[h] = p->line;
	return 0;
}

/* The header is complete once the first category starts. */
static int
close_header(struct parse *p)
{
	static const enum hdr need[] = {H_PROFILE, H_REGION, H_SOURCE, H_EFFECTIVE};

	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!p->hdr_line[need[i]])
			return perr(p, _("缺少 '%s' 行（文件头在第一个 category 之前要有 profile、region、source 和 effective）"),
				    hdr_words[need[i]]);
	if (!p->hdr_line[H_FILING_TO] != !p->hdr_line[H_FILING_DUE])
		return perr_at(p, p->hdr_line[H_FILING_TO] ? p->hdr_line[H_FILING_TO]
							    : p->hdr_line[H_FILING_DUE],
			       _("'filing-to' 和 'filing-due' 要一起写：写明每月备案清单报送给谁、何时报送"));
	if (!p->hdr_line[H_FOLLOW_UP]) {
		/* no seed sets the period: docs/rules-format.md */
		p->p.follow_up_days = RULE_FOLLOW_UP_DEFAULT;
		snprintf(p->p.follow_up_source, sizeof p->p.follow_up_source, "%s",
			 "默认值：各文件未规定回访期限");
	}
	p->header_closed = 1;
	return 0;
}

static int64_t
lo_date(yk_date d)
{
	return d == YK_DATE_NONE ? INT64_MIN : d;
}

static int64_t
hi_date(yk_date d)
{
	return d == YK_DATE_NONE ? INT64_MAX : d;
}

/* Bounds as intervals: capacity (above, max], voltage [min, below). A
 * missing bound (-1) is open; -1 works as minus infinity since real
 * capacities and voltages are positive. */
static double
hi_amount(double v)
{
	return v < 0 ? HUGE_VAL : v;
}

static int
variants_overlap(const struct rule_variant *a, const struct rule_variant *b,
		 const struct rule_profile *pr)
{
	int64_t af = lo_date(a->applied_from != YK_DATE_NONE ? a->applied_from : pr->from);
	int64_t at = hi_date(a->applied_to != YK_DATE_NONE ? a->applied_to : pr->to);
	int64_t bf = lo_date(b->applied_from != YK_DATE_NONE ? b->applied_from : pr->from);
	int64_t bt = hi_date(b->applied_to != YK_DATE_NONE ? b->applied_to : pr->to);

	if (a->category != b->category)
		return 0;
	if (!(af <= bt && bf <= at))
		return 0;
	if (!(a->cap_above < hi_amount(b->cap_max) && b->cap_above < hi_amount(a->cap_max)))
		return 0;
	return a->kv_min < hi_amount(b->kv_below) && b->kv_min < hi_amount(a->kv_below);
}

/* Checks that need the whole category block. */
static int
close_variant(struct parse *p)
{
	struct rule_variant *v = p->v;
	struct rule_profile *pr = &p->p;
	const char *cat;
	int sum = 0, all_timed = 1, any_limit = 0;
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], b3[YK_DATE_BUFSZ];

	if (!v)
		return 0;
	p->v = NULL;
	cat = category_code(v->category);
	if (v->nsteps == 0)
		return perr_at(p, p->cat_line,
			       _("类别 %s 没有 'stage' 行：列出每个环节，不计时的写 '-'"),
			       cat);
	if (!(v->steps[0].stages & (1u << STAGE_ACCEPT)))
		return perr_at(p, p->step_line[0], _("%s 的第一个环节必须包含 accept（业务受理）"),
			       cat);
	if (!(v->steps[v->nsteps - 1].stages & (1u << STAGE_ENERGISE)))
		return perr_at(p, p->step_line[v->nsteps - 1],
			       _("%s 的最后一个环节必须包含 energise（装表接电）：案件在此办结"),
			       cat);
	for (size_t i = 0; i < v->nsteps; i++) {
		if (v->steps[i].limit == RULE_NO_LIMIT) {
			all_timed = 0;
		} else {
			sum += v->steps[i].limit;
			any_limit = 1;
		}
	}
	if (p->vkw_line[V_TOTAL]) {
		/* The seeds print 合计 beside the stage limits; a total that
		 * disagrees is a typo in one of them, and we cannot tell which. */
		for (size_t i = 0; i < v->nsteps; i++)
			if (v->steps[i].limit == RULE_NO_LIMIT)
				return perr_at(p, p->vkw_line[V_TOTAL],
					       _("写了合计 total %d，但环节 '%s'（第 %d 行）没有时限"),
					       v->total, v->steps[i].code, p->step_line[i]);
		if (v->total != sum)
			return perr_at(p, p->vkw_line[V_TOTAL],
				       _("合计 total %d 与各环节时限之和 %d 不符"),
				       v->total, sum);
	} else {
		v->total = all_timed ? sum : RULE_NO_LIMIT;
	}
	if (!p->scope_line[AREA_URBAN] != !p->scope_line[AREA_RURAL])
		return perr_at(p, p->scope_line[AREA_URBAN] ? p->scope_line[AREA_URBAN] : p->scope_line[AREA_RURAL],
			       _("有 'scope-max %s' 而没有 'scope-max %s'：两个区域都要写，或只写一行 'scope-max any'"),
			       p->scope_line[AREA_URBAN] ? "urban" : "rural",
			       p->scope_line[AREA_URBAN] ? "rural" : "urban");
	/* Every seed bounds 三零 by capacity (000 三(一)1, 001 任务(一), 002 任务1,
	 * 003 rows 9-10, 004 二): a block without a ceiling is an omission. */
	if (v->category == CAT_LV_SANLING && !p->scope_line[AREA_URBAN])
		return perr_at(p, p->cat_line,
			       _("类别 lv-sanling 没有 'scope-max' 行：写明三零容量上限（千瓦），如 'scope-max any 160'"));
	if (p->vkw_line[V_WHOLE] && !p->vkw_line[V_WHOLE_FROM])
		return perr_at(p, p->vkw_line[V_WHOLE],
			       _("'whole' 需要一行 'whole-from appointment|application'：各依据对全过程从何时起算说法不一"));
	if (!p->vkw_line[V_WHOLE] && p->vkw_line[V_WHOLE_FROM])
		return perr_at(p, p->vkw_line[V_WHOLE_FROM], _("有 'whole-from' 而没有 'whole' 时限"));
	if (!any_limit && v->whole_without == RULE_NO_LIMIT)
		return perr_at(p, p->cat_line,
			       _("类别 %s 没有任何时限：写各环节时限或 'whole' 全过程时限"),
			       cat);
	if (v->cap_above >= 0 && v->cap_max >= 0 && v->cap_above >= v->cap_max)
		return perr_at(p, p->vkw_line[V_CAP_MAX],
			       _("capacity-max %g 不大于 capacity-above %g：没有容量能落在其中"),
			       v->cap_max, v->cap_above);
	if (v->kv_min >= 0 && v->kv_below >= 0 && v->kv_min >= v->kv_below)
		return perr_at(p, p->vkw_line[V_KV_BELOW],
			       _("kv-below %g 不大于 kv-min %g：没有电压能落在其中"), v->kv_below,
			       v->kv_min);
	if (v->applied_from != YK_DATE_NONE && v->applied_to != YK_DATE_NONE &&
	    v->applied_to < v->applied_from)
		return perr_at(p, p->vkw_line[V_APPLIED_TO], _("applied-to %s 早于 applied-from %s"),
			       date_format(v->applied_to, b1), date_format(v->applied_from, b2));
	if (v->applied_from != YK_DATE_NONE &&
	    (v->applied_from < pr->from || (pr->to != YK_DATE_NONE && v->applied_from > pr->to)))
		return perr_at(p, p->vkw_line[V_APPLIED_FROM],
			       _("applied-from %s 不在本规则的有效期 %s..%s 内"),
			       date_format(v->applied_from, b1), date_format(pr->from, b2),
			       pr->to == YK_DATE_NONE ? "" : date_format(pr->to, b3));
	if (v->applied_to != YK_DATE_NONE &&
	    (v->applied_to < pr->from || (pr->to != YK_DATE_NONE && v->applied_to > pr->to)))
		return perr_at(p, p->vkw_line[V_APPLIED_TO],
			       _("applied-to %s 不在本规则的有效期 %s..%s 内"),
			       date_format(v->applied_to, b1), date_format(pr->from, b2),
			       pr->to == YK_DATE_NONE ? "" : date_format(pr->to, b3));
	for (size_t i = 0; i + 1 < pr->nvariants; i++)
		if (variants_overlap(&pr->variants[i], v, pr))
			return perr_at(p, p->cat_line,
				       _("这个 %s 段与第 %d 行的段重叠：有的案件会同时符合两段（容量、电压和日期条件重叠）"),
				       cat, pr->variants[i].source_line);
	return 0;
}

static int
open_variant(struct parse *p, char *args)
{
	struct rule_profile *pr = &p->p;
	struct rule_variant *v;
	char *w = text_next_word(&args), *label;
	int cat;

	if (close_variant(p) < 0)
		return -1;
	if (!p->header_closed) {
		if (close_header(p) < 0)
			return -1;
	}
	if (!w)
		return perr(p, _("'category' 后面写一个代码：lv-resident、lv-sanling、lv-other、lv-charging、hv-single 或 hv-dual"));
	cat = category_from_code(w);
	if (cat < 0)
		return perr(p, _("未知的类别 '%.40s'（应为 lv-resident、lv-sanling、lv-other、lv-charging、hv-single 或 hv-dual）"),
			    w);
	pr->variants = xgrow(pr->variants, &p->vcap, pr->nvariants + 1, sizeof *pr->variants);
	v = &pr->variants[pr->nvariants++];
	memset(v, 0, sizeof *v);
	v->category = (enum yk_category)cat;
	v->cap_above = v->cap_max = v->kv_min = v->kv_below = -1;
	v->applied_from = v->applied_to = YK_DATE_NONE;
	v->total = v->whole_without = v->whole_with = RULE_NO_LIMIT;
	v->whole_from = WHOLE_FROM_APPLICATION;
	v->approval_limit = RULE_NO_LIMIT;
	v->scope_max[AREA_URBAN] = v->scope_max[AREA_RURAL] = -1;
	v->source_line = p->line;
	label = text_trim(args);
	if (!*label)
		label = (char *)category_name_zh(v->category);
	if (strlen(label) >= sizeof v->label)
		return perr(p, _("类别名称超过 %zu 字节"), sizeof v->label - 1);
	strcpy(v->label, label);
	p->v = v;
	p->cat_line = p->line;
	memset(p->vkw_line, 0, sizeof p->vkw_line);
	memset(p->stage_line, 0, sizeof p->stage_line);
	memset(p->step_line, 0, sizeof p->step_line);
	memset(p->scope_line, 0, sizeof p->scope_line);
	p->scope_any = 0;
	return 0;
}

/* A whole number lo..hi, else -1. */
static int
small_number(const char *w, int lo, int hi)
{
	int v = 0;

	if (!*w || strlen(w) > 3)
		return -1;
	for (const char *s = w; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

/* report CODE monthly|quarterly|half-year|annual WHEN KIND NAME: one report
 * the office owes, and when (docs/rules-format.md, "Reporting calendar"). */
static int
parse_report(struct parse *p, char *args)
{
	static const char *const periods[] = {"monthly", "quarterly", "half-year", "annual"};
	struct rule_profile *pr = &p->p;
	struct rule_report *rp;
	char *code = text_next_word(&args), *per = text_next_word(&args), *when = text_next_word(&args),
	     *kind = text_next_word(&args), *name = text_trim(args);
	int k;

	if (!code || !per || !when || !kind || !*name)
		return perr(p, _("'report' 后面写代码、周期（monthly、quarterly、half-year、annual）、报送期限、生成它的报表（filing、benefit、timeliness 或 -）和名称，如 'report half-year half-year 07-15 benefit 上半年情况'"));
	if (!valid_code(code, sizeof rp->code))
		return perr(p, _("报表代码 '%.40s' 不是代码：只能用小写字母、数字和 '-'"), code);
	for (size_t i = 0; i < pr->nreports; i++)
		if (strcmp(pr->reports[i].code, code) == 0)
			return perr(p, _("本规则里第二个报表 '%s'"), code);
	if (pr->nreports >= RULE_REPORTS_MAX)
		return perr(p, _("一个规则里的报表不能超过 %d 个"), RULE_REPORTS_MAX);
	for (k = 0; k < 4; k++)
		if (strcmp(per, periods[k]) == 0)
			break;
	if (k == 4)
		return perr(p, _("报表周期 '%.40s' 不是 monthly、quarterly、half-year 或 annual"), per);
	rp = &pr->reports[pr->nreports];
	memset(rp, 0, sizeof *rp);
	rp->period = (enum report_period)k;
	if (rp->period == RP_MONTHLY && when[0] == 'w') {
		rp->workday = small_number(when + 1, 1, 23);
		if (rp->workday < 0)
			return perr(p, _("报表期限 '%.40s'：'wN' 是当月第 N 个工作日，N 为 1..23"),
				    when);
	} else if (rp->period == RP_MONTHLY || rp->period == RP_QUARTERLY) {
		rp->day = small_number(when, 1, 28);
		if (rp->day < 0)
			return perr(p, _("报表期限 '%.40s' 不是每月的 1..28 日%s"), when,
				    rp->period == RP_MONTHLY ? _("或 'wN'（第 N 个工作日）") : "");
	} else {
		int m = -1, d = -1;

		if (strlen(when) == 5 && when[2] == '-') {
			char mm[3] = {when[0], when[1], 0}, dd[3] = {when[3], when[4], 0};

			m = small_number(mm, 1, 12);
			d = small_number(dd, 1, 31);
		}
		if (m < 0 || d < 0 || !date_valid_ymd(2023, m, d))
			return perr(p, _("报表期限 '%.40s' 不是一年中的日子 MM-DD"), when);
		rp->month = m;
		rp->day = d;
	}
	if (strcmp(kind, "filing") != 0 && strcmp(kind, "benefit") != 0 &&
	    strcmp(kind, "timeliness") != 0 && strcmp(kind, "-") != 0)
		return perr(p, _("报表 '%s' 由 '%.40s' 生成：应为 filing、benefit、timeliness 或 -"),
			    code, kind);
	if (rp->period != RP_MONTHLY && strcmp(kind, "filing") == 0)
		return perr(p, _("备案清单按月报送：报表 '%s' 是 %s"), code, periods[k]);
	snprintf(rp->kind, sizeof rp->kind, "%s", strcmp(kind, "-") == 0 ? "" : kind);
	if (strlen(name) >= sizeof rp->name)
		return perr(p, _("报表名称超过 %zu 字节"), sizeof rp->name - 1);
	strcpy(rp->code, code);
	strcpy(rp->name, name);
	pr->nreports++;
	return 0;
}

/* scope-max urban|rural|any KW [NOTE]: the capacity ceiling of the
 * category's scope in an area (003 附件1 row 9). */
static int
parse_scope(struct parse *p, char *args)
{
	struct rule_variant *v = p->v;
	char *aw = text_next_word(&args), *kw = text_next_word(&args), *note = text_trim(args);
	int a = aw ? area_from_code(aw) : -1, any = aw && strcmp(aw, "any") == 0;
	double max;

	if (category_is_hv(v->category))
		return perr(p, _("'scope-max' 是低压的千瓦容量上限；%s 是高压类别"), category_code(v->category));
	if (!aw || !kw)
		return perr(p, _("'scope-max' 后面写区域（urban、rural 或 any）和千瓦容量，如 'scope-max rural 100'"));
	if (a < 0 && !any)
		return perr(p, _("scope-max 的区域 '%.40s' 不是 urban（城市地区）、rural（农村地区）或 any"),
			    aw);
	if (parse_amount(p, kw, "scope-max", 0, &max) < 0)
		return -1;
	if (strlen(note) >= sizeof v->scope_note[0])
		return perr(p, _("scope-max 的文字超过 %zu 字节"), sizeof v->scope_note[0] - 1);
	if (p->scope_any)
		return perr(p, _("'scope-max %s' 写在 'scope-max any'（第 %d 行）之后：'any' 已包括两个区域"),
			    aw, p->scope_line[AREA_URBAN]);
	if (any && (p->scope_line[AREA_URBAN] || p->scope_line[AREA_RURAL]))
		return perr(p, _("'scope-max any' 写在 'scope-max %s'（第 %d 行）之后：两个区域分别写，或只写 'any'"), p->scope_line[AREA_URBAN] ? "urban" : "rural",
			    p->scope_line[AREA_URBAN] ? p->scope_line[AREA_URBAN] : p->scope_line[AREA_RURAL]);
	if (!any && p->scope_line[a])
		return perr(p, _("本类别段里第二个 'scope-max %s'（第一个在第 %d 行）"),
			    aw, p->scope_line[a]);
	for (int i = 0; i < AREA_COUNT; i++) {
		if (!any && i != a)
			continue;
		v->scope_max[i] = max;
		strcpy(v->scope_note[i], note);
		p->scope_line[i] = p->line;
	}
	p->scope_any = any;
	return 0;
}

static int
parse_stage(struct parse *p, char *args)
{
	struct rule_variant *v = p->v;
	struct rule_step *st;
	char *code = text_next_word(&args), *lim = text_next_word(&args), *name, buf[64], *piece, *save;
	unsigned mask = 0;
	int prev = -1, last_seen = -1;

	if (!code || !lim)
		return perr(p, _("'stage' 后面写代码、时限，可再写依据中的名称，如 'stage accept+plan 2 业务受理并答复供电方案'"));
	if (strlen(code) >= sizeof st->code || strlen(code) >= sizeof buf)
		return perr(p, _("环节代码 '%.40s…' 太长"), code);
	for (int s = 0; s < STAGE_COUNT; s++)
		if (p->stage_line[s])
			last_seen = s;
	strcpy(buf, code);
	for (piece = strtok_r(buf, "+", &save); piece; piece = strtok_r(NULL, "+", &save)) {
		int s = stage_from_code(piece);

		if (s < 0)
			return perr(p, _("未知的环节 '%.40s'（应为 accept、plan、design、midcheck、final 或 energise，用 '+' 合并）"),
				    piece);
		/* 003 row 23: LV users have no design review, mid-check or
		 * completion inspection. */
		if (!category_is_hv(v->category) &&
		    (s == STAGE_DESIGN || s == STAGE_MIDCHECK || s == STAGE_FINAL))
			return perr(p, _("环节 '%s' 是高压环节；%s 只有 accept、plan 和 energise（003 第23行）"),
				    piece, category_code(v->category));
		if (mask & (1u << s))
			return perr(p, _("环节 '%s' 在 '%s' 中出现两次"), piece, code);
		if (p->stage_line[s])
			return perr(p, _("环节 '%s' 重复：第 %d 行已经列出"), piece,
				    p->stage_line[s]);
		if (s < prev || s < last_seen)
			return perr(p, _("环节 '%s' 顺序不对：环节依次为 accept、plan、design、midcheck、final、energise（'%s' 在它之前）"),
				    piece, stage_code(s < prev ? prev : last_seen));
		mask |= 1u << s;
		prev = s;
	}
	if (!mask || code[0] == '+' || code[strlen(code) - 1] == '+' || strstr(code, "++"))
		return perr(p, _("环节代码 '%.40s' 格式不对"), code);
	st = &v->steps[v->nsteps];
	memset(st, 0, sizeof *st);
	if (parse_limit(p, lim, "stage", 1, &st->limit) < 0)
		return -1;
	st->stages = mask;
	strcpy(st->code, code);
	name = text_trim(args);
	if (*name) {
		if (strlen(name) >= sizeof st->name)
			return perr(p, _("环节名称超过 %zu 字节"), sizeof st->name - 1);
		strcpy(st->name, name);
	} else {
		/* Merged steps without a name read as the stage names in order. */
		for (int s = 0; s < STAGE_COUNT; s++)
			if (mask & (1u << s)) {
				if (st->name[0])
					strcat(st->name, "、");
				strcat(st->name, stage_name_zh((enum yk_stage)s));
			}
	}
	for (int s = 0; s < STAGE_COUNT; s++)
		if (mask & (1u << s))
			p->stage_line[s] = p->line;
	p->step_line[v->nsteps] = p->line;
	v->nsteps++;
	return 0;
}

static int
parse_vkw(struct parse *p, enum vkw k, char *args)
{
	struct rule_variant *v = p->v;
	char *w = text_next_word(&args), *w2 = w ? text_next_word(&args) : NULL;
	const char *kw = vkw_words[k];

	if (p->vkw_line[k])
		return perr(p, _("本类别段里第二个 '%s'（第一个在第 %d 行）"), kw,
			    p->vkw_line[k]);
	if (!w)
		return perr(p, _("'%s' 后面要写一个值"), kw);
	if (w2 && k != V_WHOLE)
		return perr(p, _("'%s' 后面只写一个值"), kw);
	switch (k) {
	case V_TOTAL:
		if (parse_limit(p, w, "total", 0, &v->total) < 0)
			return -1;
		break;
	case V_WHOLE:
		if (text_next_word(&args))
			return perr(p, _("'whole' 后面写一个或两个时限：无外线工程的和有外线工程的"));
		if (parse_limit(p, w, "whole-process", 0, &v->whole_without) < 0)
			return -1;
		/* One number: the source does not tell external works apart
		 * (national-2021), so the same limit applies either way. */
		v->whole_with = v->whole_without;
		if (w2 && parse_limit(p, w2, "whole-process", 0, &v->whole_with) < 0)
			return -1;
		if (v->whole_with < v->whole_without)
			return perr(p, _("有外线工程的全过程时限（%d）小于无外线工程的（%d）"),
				    v->whole_with, v->whole_without);
		break;
	case V_WHOLE_FROM:
		if (strcmp(w, "appointment") == 0)
			v->whole_from = WHOLE_FROM_APPOINTMENT;
		else if (strcmp(w, "application") == 0)
			v->whole_from = WHOLE_FROM_APPLICATION;
		else
			return perr(p, _("whole-from '%.40s'：应为 appointment（用户预约现场服务时间）或 application（报装申请）"),
				    w);
		break;
	case V_CAP_ABOVE:
		if (parse_amount(p, w, kw, 1, &v->cap_above) < 0)
			return -1;
		break;
	case V_CAP_MAX:
		if (parse_amount(p, w, kw, 0, &v->cap_max) < 0)
			return -1;
		break;
	case V_KV_MIN:
		if (parse_amount(p, w, kw, 1, &v->kv_min) < 0)
			return -1;
		break;
	case V_KV_BELOW:
		if (parse_amount(p, w, kw, 0, &v->kv_below) < 0)
			return -1;
		break;
	case V_APPLIED_FROM:
		if (parse_date_word(p, w, kw, &v->applied_from) < 0)
			return -1;
		break;
	case V_APPLIED_TO:
		if (parse_date_word(p, w, kw, &v->applied_to) < 0)
			return -1;
		break;
	case V_APPROVAL:
		if (parse_limit(p, w, "approval", 1, &v->approval_limit) < 0)
			return -1;
		break;
	case V_SURVEY:
		if (strcmp(w, "required") != 0)
			return perr(p, _("'survey' 后面只能写 'required'"));
		v->survey_required = 1;
		break;
	case V_COUNT:
		break;
	}
	p->vkw_line[k] = p->line;
	return 0;
}

static int
parse_line(struct parse *p, char *line)
{
	char *s = line, *kw = text_next_word(&s);

	if (!kw || kw[0] == '#')
		return 0;
	for (int h = 0; h < H_COUNT; h++)
		if (strcmp(kw, hdr_words[h]) == 0)
			return parse_header(p, (enum hdr)h, s);
	if (strcmp(kw, "category") == 0)
		return open_variant(p, s);
	if (strcmp(kw, "report") == 0) {
		if (p->header_closed)
			return perr(p, _("'report' 应写在文件头，在第一个 'category' 之前（第 %d 行）"),
				    p->cat_line);
		return parse_report(p, s);
	}
	if (strcmp(kw, "scope-max") == 0) {
		if (!p->v)
			return perr(p, _("'scope-max' 不在类别段内（先写 'category CODE' 开始一段）"));
		return parse_scope(p, s);
	}
	if (strcmp(kw, "stage") == 0) {
		if (!p->v)
			return perr(p, _("'stage' 不在类别段内（先写 'category CODE' 开始一段）"));
		return parse_stage(p, s);
	}
	for (int k = 0; k < V_COUNT; k++)
		if (strcmp(kw, vkw_words[k]) == 0) {
			if (!p->v)
				return perr(p, _("'%s' 不在类别段内（先写 'category CODE' 开始一段）"),
					    kw);
			return parse_vkw(p, (enum vkw)k, s);
		}
	return perr(p, _("未知的关键字 '%.40s'（应为 profile、region、source、effective、until、filing-to、filing-due、follow-up、incomplete-acceptance、report、category、stage、total、whole、whole-from、capacity-above、capacity-max、kv-min、kv-below、applied-from、applied-to、approval、survey 或 scope-max）"),
		    kw);
}

static int
parse_line_cb(void *ctx, char *buf)
{
	return parse_line(ctx, buf) < 0 ? -1 : 0;
}

static int
parse_text(struct parse *p, const char *text, size_t len)
{
	const char *problem;

	if (text_each_line(text, len, parse_line_cb, p, &p->line, &problem) < 0)
		return problem ? perr(p, "%s", problem) : -1;
	if (close_variant(p) < 0)
		return -1;
	if (!p->header_closed && close_header(p) < 0)
		return -1;
	if (p->p.nvariants == 0)
		return perr(p, _("没有 'category' 段：规则至少要有一段"));
	return 0;
}

int
rules_load_text(struct yk_rules *rules, const char *text, size_t len, const char *name,
		yk_error *err)
{
	struct parse p;
	struct profile_meta *m;

	memset(&p, 0, sizeof p);
	p.name = name ? name : "(rules)";
	p.err = err;
	p.p.from = p.p.to = YK_DATE_NONE;
	if (parse_text(&p, text, len) < 0) {
		free(p.p.variants);
		return -1;
	}
	snprintf(p.p.file, sizeof p.p.file, "%s", p.name);
	rules->profiles = xgrow(rules->profiles, &rules->cap, rules->n + 1, sizeof *rules->profiles);
	rules->meta = xgrow(rules->meta, &rules->meta_cap, rules->n + 1, sizeof *rules->meta);
	rules->profiles[rules->n] = p.p;
	m = &rules->meta[rules->n];
	m->file = xstrdup(p.name);
	m->profile_line = p.hdr_line[H_PROFILE];
	m->effective_line = p.hdr_line[H_EFFECTIVE];
	m->region_line = p.hdr_line[H_REGION];
	rules->n++;
	return 0;
}

static int
ranges_overlap(const struct rule_profile *a, const struct rule_profile *b)
{
	return lo_date(a->from) <= hi_date(b->to) && lo_date(b->from) <= hi_date(a->to);
}

int
rules_finish(struct yk_rules *rules, yk_error *err)
{
	int national = 0;
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], b3[YK_DATE_BUFSZ], b4[YK_DATE_BUFSZ];

	for (size_t j = 0; j < rules->n; j++) {
		const struct rule_profile *b = &rules->profiles[j];
		const struct profile_meta *mb = &rules->meta[j];

		if (strcmp(b->region, "national") == 0)
			national = 1;
		for (size_t i = 0; i < j; i++) {
			const struct rule_profile *a = &rules->profiles[i];
			const struct profile_meta *ma = &rules->meta[i];

			if (strcmp(a->id, b->id) == 0)
				return file_error(err, mb->file, mb->profile_line,
						  _("规则代码 '%s' 在 %s:%d 也定义过"), b->id, ma->file,
						  ma->profile_line);
			if (strcmp(a->region, b->region) == 0 && ranges_overlap(a, b))
				return file_error(
					err, mb->file, mb->effective_line,
					_("%s（%s..%s）与 %s（%s..%s，%s:%d）重叠：地区 %s 在同一天会有两个有效的规则"),
					b->id, date_format(b->from, b1),
					date_format(b->to, b2), a->id, date_format(a->from, b3),
					date_format(a->to, b4), ma->file, ma->effective_line, b->region);
			if (strcmp(a->region, b->region) == 0 &&
			    (strcmp(a->prefix, b->prefix) != 0 || strcmp(a->region_name, b->region_name) != 0))
				return file_error(err, mb->file, mb->region_line,
						  _("地区 %s 在这里是 '%s %s'，另一处是 '%s %s'（%s:%d）：一个地区只有一个案件编号前缀和一个名称"),
						  b->region, b->prefix, b->region_name, a->prefix,
						  a->region_name, ma->file, ma->region_line);
		}
	}
	if (!national)
		return yk_error_set(err, _("没有加载全国时限规则（region 'national'）：没有自己规则的地区都按它办理"));
	return 0;
}

size_t
rules_count(const struct yk_rules *rules)
{
	return rules ? rules->n : 0;
}

const struct rule_profile *
rules_at(const struct yk_rules *rules, size_t i)
{
	return rules && i < rules->n ? &rules->profiles[i] : NULL;
}

const struct rule_profile *
rules_by_id(const struct yk_rules *rules, const char *id)
{
	for (size_t i = 0; rules && id && i < rules->n; i++)
		if (strcmp(rules->profiles[i].id, id) == 0)
			return &rules->profiles[i];
	return NULL;
}

int
rules_region_known(const struct yk_rules *rules, const char *region)
{
	if (!region || !*region)
		return 0;
	if (strcmp(region, "national") == 0)
		return 1;
	for (size_t i = 0; rules && i < rules->n; i++)
		if (strcmp(rules->profiles[i].region, region) == 0)
			return 1;
	return 0;
}

static int
in_force(const struct rule_profile *p, yk_date d)
{
	return d >= p->from && (p->to == YK_DATE_NONE || d <= p->to);
}

static const struct rule_profile *
find_in_force(const struct yk_rules *rules, const char *region, yk_date d)
{
	for (size_t i = 0; i < rules->n; i++)
		if (strcmp(rules->profiles[i].region, region) == 0 && in_force(&rules->profiles[i], d))
			return &rules->profiles[i];
	return NULL;
}

/* A region's own profile when one is in force on that day, else the
 * national one: national rules bind everywhere, and a provincial text
 * only restates or tightens them, so a region whose own plan has not
 * started yet (or has lapsed) is still held to the national limits. */
/* Any profile of the region (they agree on its prefix and name:
 * rules_finish). */
static const struct rule_profile *
region_profile(const struct yk_rules *rules, const char *region)
{
	for (size_t i = 0; rules && region && i < rules->n; i++)
		if (strcmp(rules->profiles[i].region, region) == 0)
			return &rules->profiles[i];
	return NULL;
}

const char *
rules_region_prefix(const struct yk_rules *rules, const char *region)
{
	const struct rule_profile *p = region_profile(rules, region);

	return p ? p->prefix : NULL;
}

const char *
rules_region_name(const struct yk_rules *rules, const char *region)
{
	const struct rule_profile *p = region_profile(rules, region);

	return p ? p->region_name : NULL;
}

const struct rule_profile *
rules_find(const struct yk_rules *rules, const char *region, yk_date applied, yk_error *err)
{
	const struct rule_profile *p;
	char b[YK_DATE_BUFSZ];

	if (!region || !*region)
		return yk_error_set(err, _("未给出地区")), NULL;
	if (applied == YK_DATE_NONE)
		return yk_error_set(err, _("未给出申请日期")), NULL;
	p = find_in_force(rules, region, applied);
	if (!p && strcmp(region, "national") != 0)
		p = find_in_force(rules, "national", applied);
	if (!p) {
		if (strcmp(region, "national") == 0)
			yk_error_set(err, _("申请日期 %s 没有在用的全国（national）时限规则"),
				     date_format(applied, b));
		else
			yk_error_set(err, _("申请日期 %s 没有在用的 %s 时限规则，也没有全国（national）的"),
				     date_format(applied, b), region);
	}
	return p;
}

int
rule_scope_max(const struct rule_variant *v, int area, double *max, const char **note)
{
	double u = v->scope_max[AREA_URBAN], r = v->scope_max[AREA_RURAL];

	*max = -1;
	if (note)
		*note = "";
	if (u < 0)
		return 0;
	if (area == AREA_URBAN || area == AREA_RURAL) {
		*max = v->scope_max[area];
		if (note)
			*note = v->scope_note[area];
		return 1;
	}
	*max = u < r ? u : r;
	if (note)
		*note = v->scope_note[u < r ? AREA_URBAN : AREA_RURAL];
	return u == r ? 1 : -1;
}

int
rules_sanling_max(const struct yk_rules *rules, const char *region, yk_date applied, int area,
		  double *max, const char **note)
{
	const struct rule_profile *p;
	const struct rule_variant *v;

	*max = -1;
	if (note)
		*note = "";
	if (!rules || !region || applied == YK_DATE_NONE)
		return 0;
	p = rules_find(rules, region, applied, NULL);
	/* 三零 blocks do not split by capacity or voltage: any will do */
	v = p ? rules_variant(p, CAT_LV_SANLING, 1, 0.38, applied, NULL) : NULL;
	return v ? rule_scope_max(v, area, max, note) : 0;
}

unsigned
rule_variant_stages(const struct rule_variant *v)
{
	unsigned m = 0;

	for (size_t i = 0; i < v->nsteps; i++)
		m |= v->steps[i].stages;
	return m;
}

const struct rule_variant *
rules_variant(const struct rule_profile *p, enum yk_category cat, double capacity, double kv,
	      yk_date applied, yk_error *err)
{
	int any = 0, need_cap = 0, need_kv = 0;
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], b3[YK_DATE_BUFSZ];
	const char *unit = category_is_hv(cat) ? "kVA" : "kW";

	if (applied == YK_DATE_NONE)
		return yk_error_set(err, _("未给出申请日期")), NULL;
	if (!in_force(p, applied))
		return yk_error_set(err, _("%s 在 %s 不适用（有效期 %s..%s）"), p->id,
				    date_format(applied, b1), date_format(p->from, b2),
				    date_format(p->to, b3)),
		       NULL;
	/* Unknown capacity (negative) or voltage (0 or less) matches only
	 * variants that do not depend on it; if one does, say what is
	 * missing rather than guess. */
	for (size_t i = 0; i < p->nvariants; i++) {
		const struct rule_variant *v = &p->variants[i];
		int skip = 0;

		if (v->category != cat)
			continue;
		any = 1;
		if ((v->applied_from != YK_DATE_NONE && applied < v->applied_from) ||
		    (v->applied_to != YK_DATE_NONE && applied > v->applied_to))
			continue;
		if (v->cap_above >= 0 || v->cap_max >= 0) {
			if (capacity < 0) {
				need_cap = 1;
				skip = 1;
			} else if ((v->cap_above >= 0 && !(capacity > v->cap_above)) ||
				   (v->cap_max >= 0 && !(capacity <= v->cap_max))) {
				skip = 1;
			}
		}
		if (v->kv_min >= 0 || v->kv_below >= 0) {
			if (kv <= 0) {
				need_kv = 1;
				skip = 1;
			} else if ((v->kv_min >= 0 && !(kv >= v->kv_min)) ||
				   (v->kv_below >= 0 && !(kv < v->kv_below))) {
				skip = 1;
			}
		}
		if (!skip)
			return v;
	}
	if (!any)
		yk_error_set(err, _("%s 没有%s（%s）的时限"), p->id, _(category_name_zh(cat)),
			     category_code(cat));
	/* (the forms always give both, so these two only reach the command line) */
	else if (need_cap && need_kv)
		yk_error_set(err, _("%s 的 %s 时限按容量和电压区分：两者都要填写"), p->id,
			     category_code(cat));
	else if (need_cap)
		yk_error_set(err, _("%s 的 %s 时限按容量（%s）区分：要填写容量"), p->id,
			     category_code(cat), unit);
	else if (need_kv)
		yk_error_set(err, _("%s 的 %s 时限按电压区分：要填写供电电压（kV）"),
			     p->id, category_code(cat));
	else
		yk_error_set(err, _("%s 没有适用于 %g %s、%g kV、申请日期 %s 的%s（%s）时限"), p->id,
			     capacity, unit, kv, date_format(applied, b1), _(category_name_zh(cat)),
			     category_code(cat));
	return NULL;
}

/* ---- the reporting calendar ------------------------------------------------ */

/* The due date of r in month (y, m) — for the month-keyed periods. */
static int
due_in_month(const struct rule_report *r, const struct yk_calendar *cal, int y, int m, yk_date *due,
	     yk_error *err)
{
	if (r->workday) {
		/* the N-th working day: N working days after the month's eve */
		yk_date eve = date_from_ymd(y, m, 1) - 1;

		return calendar_add(cal, eve, r->workday, due, err);
	}
	*due = date_from_ymd(y, m, r->day <= date_days_in_month(y, m) ? r->day : date_days_in_month(y, m));
	return 0;
}

int
rules_report_due(const struct rule_report *r, const struct yk_calendar *cal, yk_date today,
		 yk_date *due, yk_date *from, yk_date *to, yk_error *err)
{
	int y, m, d;

	date_to_ymd(today, &y, &m, &d);
	switch (r->period) {
	case RP_MONTHLY:
	case RP_QUARTERLY:
		for (int step = 0; step < 5; step++) {
			int yy = y + (m - 1 + step) / 12, mm = (m - 1 + step) % 12 + 1;

			if (r->period == RP_QUARTERLY && mm % 3 != 0)
				continue;
			if (due_in_month(r, cal, yy, mm, due, err) < 0)
				return -1;
			if (*due < today)
				continue;
			if (r->period == RP_MONTHLY) {
				int py = mm == 1 ? yy - 1 : yy, pm = mm == 1 ? 12 : mm - 1;

				*from = date_from_ymd(py, pm, 1);
				*to = date_from_ymd(py, pm, date_days_in_month(py, pm));
			} else {
				*from = date_from_ymd(yy, mm - 2, 1);
				*to = date_from_ymd(yy, mm, date_days_in_month(yy, mm));
			}
			return 0;
		}
		break;
	case RP_HALF_YEAR:
	case RP_ANNUAL:
		*due = date_from_ymd(y, r->month, r->day);
		if (*due < today) {
			y++;
			*due = date_from_ymd(y, r->month, r->day);
		}
		if (r->period == RP_HALF_YEAR) {
			*from = date_from_ymd(y, 1, 1);
			*to = date_from_ymd(y, 6, 30);
		} else {
			int py = r->month <= 6 ? y - 1 : y;

			*from = date_from_ymd(py, 1, 1);
			*to = date_from_ymd(py, 12, 31);
		}
		return 0;
	}
	return yk_error_set(err, _("报表 %s：找不到报送期限"), r->code);
}

size_t
rules_reports(const struct yk_rules *rules, const char *region, yk_date today,
	      const struct rule_report **out, size_t max)
{
	const struct rule_profile *own = region && strcmp(region, "national") != 0
						 ? find_in_force(rules, region, today) : NULL;
	const struct rule_profile *nat = find_in_force(rules, "national", today);
	size_t n = 0;

	for (size_t i = 0; own && i < own->nreports && n < max; i++)
		out[n++] = &own->reports[i];
	for (size_t i = 0; nat && i < nat->nreports && n < max; i++) {
		size_t j;

		for (j = 0; own && j < own->nreports; j++)
			if (strcmp(own->reports[j].code, nat->reports[i].code) == 0)
				break;
		if (!own || j == own->nreports)
			out[n++] = &nat->reports[i];
	}
	return n;
}

/* ---- category proposal ---------------------------------------------------- */

/* 三零 scope: docs/domain §3 after 000 task 1, 001 task (一), 002 task 1 —
 * LV, total capacity up to the profile's ceiling (in->sanling_max, from the
 * rule files' 'scope-max': 160 kW in the 624号 texts, 100 kW in 2022's
 * rural areas under 003 row 9, 200 kW in Jining's urban pilot), small/micro
 * enterprises and every private economic organisation; 002 task 1 excludes
 * splitting one property's capacity above it into several applications and
 * HV users cancelling to re-apply at LV. */
/* docs/domain §3: LV = supply voltage below 1 kV (380 V and below). */
#define LV_BELOW_KV 1.0

static void
say(struct classify_out *out, const char *fmt, ...) YK_PRINTF(2, 3);

static void
say(struct classify_out *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->why, sizeof out->why, fmt, ap);
	va_end(ap);
}

int
rules_classify(const struct classify_in *in, struct classify_out *out, yk_error *err)
{
	int lv, small;
	double max = in->sanling_max;
	const char *note = in->sanling_note && *in->sanling_note ? in->sanling_note : "";

	memset(out, 0, sizeof *out);
	if (!isfinite(in->kv) || in->kv <= 0)
		return yk_error_set(err, _("供电电压应大于 0 kV（低压为 0.22 或 0.38）"));
	if (!isfinite(in->capacity) || in->capacity <= 0)
		return yk_error_set(err, _("容量应大于 0（低压为 kW，高压为 kVA）"));
	if ((unsigned)in->type > CUST_CHARGING)
		return yk_error_set(err, _("未知的用户类型 %d"), (int)in->type);
	lv = in->kv < LV_BELOW_KV;
	small = max > 0 && in->capacity <= max;

	if (!lv) {
		/* A 三零-eligible user who insists on HV must be told of the
		 * policy and sign (002 task 1); flag it so the case records it. */
		out->sanling_eligible = (in->type == CUST_SMALL_MICRO || in->type == CUST_PRIVATE) &&
					small && !in->split_application;
		out->category = in->dual_source ? CAT_HV_DUAL : CAT_HV_SINGLE;
		if (out->sanling_eligible)
			say(out, _("%g千瓦及以下的%s可按“三零”低压接入；用户要求高压供电的，"
				 "须告知“三零”政策并签字确认，按%s办理"),
			    max, in->type == CUST_PRIVATE ? _("民营经济组织") : _("小微企业"),
			    _(category_name_zh(out->category)));
		else if (in->kv >= 35)
			say(out, _("%g千伏%s供电，参照10千伏高压用户时限办理"), in->kv,
			    in->dual_source ? _("双电源") : _("单电源"));
		else
			say(out, _("%g千伏高压%s供电，适用%s用户时限"), in->kv,
			    in->dual_source ? _("双电源") : _("单电源"), _(category_name_zh(out->category)));
		return 0;
	}
	if (in->type == CUST_RESIDENT) {
		/* 003 row 1: residential users get 三零 service too. */
		out->category = CAT_LV_RESIDENT;
		out->sanling_eligible = 1;
		say(out, _("低压居民用户，适用居民全过程办电时限"));
		return 0;
	}
	if (in->type == CUST_CHARGING && in->profile_has_charging) {
		out->category = CAT_LV_CHARGING;
		say(out, _("低压充电设施，本地规则单列充电设施办电时限，须现场勘察确定接入条件"));
		return 0;
	}
	out->category = CAT_LV_OTHER;
	if (in->split_application) {
		say(out, _("同一产权范围内用电总容量超过“三零”容量上限而拆分报装，不纳入“三零”服务范围"));
		return 0;
	}
	if (in->hv_reapply_lv) {
		say(out, _("高压供电用户申请销户转低压用电，不纳入“三零”服务范围"));
		return 0;
	}
	if (max <= 0) {
		say(out, _("本地规则未给出“三零”容量上限，未纳入“三零”服务范围"));
		return 0;
	}
	if (!small) {
		say(out, _("低压非居民用户，报装容量%g千瓦超过%g千瓦%s%s%s，未纳入“三零”服务范围"),
		    in->capacity, max, *note ? _("（") : "", note, *note ? _("）") : "");
		return 0;
	}
	switch (in->type) {
	case CUST_SMALL_MICRO:
	case CUST_PRIVATE:
		out->category = CAT_LV_SANLING;
		out->sanling_eligible = 1;
		say(out, _("低压、%g千瓦及以下%s%s%s的%s，适用“三零”服务"), max, *note ? _("（") : "",
		    note, *note ? _("）") : "", in->type == CUST_PRIVATE ? _("民营经济组织") : _("小微企业"));
		break;
	case CUST_CHARGING:
		/* No charging category here: 000 task 8 and 001 row 41 put
		 * charging points under the 三零 policy. */
		out->category = CAT_LV_SANLING;
		out->sanling_eligible = 1;
		say(out, _("低压、%g千瓦及以下的充电设施，本地规则未单列充电设施时限，按“三零”政策办理"), max);
		break;
	default:
		say(out, _("低压非居民用户，既非小微企业也非民营经济组织，未纳入“三零”服务范围"));
		break;
	}
	return 0;
}
