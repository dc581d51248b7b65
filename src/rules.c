#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yekuo/rules.h"
#include "yekuo/xalloc.h"

/* Stage and category codes: docs/domain §2-§3. */
static const struct {
	const char *code, *zh;
} stages[STAGE_COUNT] = {
	[STAGE_ACCEPT] = {"accept", "业务受理"},
	[STAGE_PLAN] = {"plan", "供电方案答复"},
	[STAGE_DESIGN] = {"design", "设计审查"},
	[STAGE_MIDCHECK] = {"midcheck", "中间检查"},
	[STAGE_FINAL] = {"final", "竣工检验"},
	[STAGE_ENERGISE] = {"energise", "装表接电"},
};

static const struct {
	const char *code, *zh;
} categories[CAT_COUNT] = {
	[CAT_LV_RESIDENT] = {"lv-resident", "低压居民"},
	[CAT_LV_SANLING] = {"lv-sanling", "低压非居民(三零)"},
	[CAT_LV_OTHER] = {"lv-other", "低压非居民"},
	[CAT_LV_CHARGING] = {"lv-charging", "低压充电设施"},
	[CAT_HV_SINGLE] = {"hv-single", "高压单电源"},
	[CAT_HV_DUAL] = {"hv-dual", "高压双电源"},
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

/* ---- profiles: loader in progress ---- */

struct yk_rules {
	struct rule_profile *profiles;
	size_t n, cap;
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
	for (size_t i = 0; i < rules->n; i++)
		free(rules->profiles[i].variants);
	free(rules->profiles);
	free(rules);
}

int
rules_load_text(struct yk_rules *rules, const char *text, size_t len, const char *name,
		yk_error *err)
{
	(void)rules;
	(void)text;
	(void)len;
	return yk_error_set(err, "%s: rule profiles are not readable yet", name);
}

int
rules_finish(struct yk_rules *rules, yk_error *err)
{
	(void)rules;
	return yk_error_set(err, "no rule profiles loaded");
}
