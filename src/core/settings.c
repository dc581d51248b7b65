#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/core/division.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/settings.h"
#include "yekuo/core/validate.h"

static const struct yk_setting settings[SET_COUNT] = {
	[SET_OFFICE] = {.key = "office", .label = N_("办事处代码"), .max = 8,
			.hint = N_("各台电脑不同，写进案件编号")},
	[SET_HALL] = {.key = "hall-name", .label = N_("营业厅名称"), .max = 120,
		      .hint = N_("印在回执和备案表上")},
	[SET_ADDRESS] = {.key = "hall-address", .label = N_("营业厅地址"), .max = 240},
	[SET_HOTLINE] = {.key = "hotline", .label = N_("供电服务热线"), .max = 20,
			 .hint = N_("如 95598（回执另印 12398）")},
	[SET_DIVISION] = {.key = "division", .label = N_("行政区划代码"), .max = 6,
			  .hint = N_("GB/T 2260 六位代码，如 520102")},
	[SET_REGION] = {.key = "region", .label = N_("默认地区"), .max = 32,
			.hint = N_("新案件预填的地区")},
	[SET_CATEGORY] = {.key = "category", .label = N_("默认用户类别"), .max = 32,
			  .hint = N_("新案件预填的用户类别")},
	[SET_CLERK_NAME] = {.key = "clerk-name", .label = N_("受理人姓名"), .clerk = 1, .max = 60,
			    .hint = N_("回执上替代登录名")},
	[SET_STAFF_NO] = {.key = "staff-no", .label = N_("工号"), .clerk = 1, .max = 20},
	[SET_PRINTER] = {.key = "printer", .label = N_("打印机"), .clerk = 1, .max = 127,
			 .hint = N_("CUPS 打印机名（lpstat -p 列出）；空：用 CUPS 默认打印机")},
};

const struct yk_setting *
setting_at(enum setting_id id)
{
	return (unsigned)id < SET_COUNT ? &settings[id] : NULL;
}

const struct yk_setting *
setting_find(const char *key)
{
	for (int i = 0; i < SET_COUNT; i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

enum setting_id
setting_id_of(const struct yk_setting *s)
{
	return (enum setting_id)(s - settings);
}

int
settings_office_ok(const char *code)
{
	size_t n = strlen(code);

	for (size_t i = 0; i < n; i++)
		if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
			return 0;
	return n >= 1 && n <= 8;
}

/* Only the characters in `set`, between min and max of them. */
static int
made_of(const char *v, const char *set, size_t min, size_t max)
{
	size_t n = strlen(v);

	return n >= min && n <= max && strspn(v, set) == n;
}

int
setting_check(enum setting_id id, const char *value, const struct yk_rules *rules,
	      const struct yk_divisions *divisions, yk_error *err)
{
	const struct yk_setting *s = setting_at(id);
	const char *label = _(s->label);
	yk_error e;

	if (!*value && id != SET_OFFICE && id != SET_CLERK_NAME)
		return 0;	/* cleared */
	switch (id) {
	case SET_OFFICE:
		if (!settings_office_ok(value))
			return yk_error_field(err, s->key, _("%s '%s' 不对：应为 1-8 位大写字母或数字（写进案件编号）"),
					      label, value);
		return 0;
	case SET_HALL:
	case SET_ADDRESS:
	case SET_CLERK_NAME:
		if (validate_name(value, s->max, &e) < 0)
			return yk_error_field(err, s->key, "%s：%s", label, yk_error_what(&e));
		return 0;
	case SET_HOTLINE:
		if (!made_of(value, "0123456789-", 3, s->max) || value[0] == '-')
			return yk_error_field(err, s->key, _("%s '%s' 不对：应为 3-20 位数字，可含 '-'（如 95598、0851-12345678）"),
					      label, value);
		return 0;
	case SET_STAFF_NO:
		if (!made_of(value, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-",
			     1, s->max))
			return yk_error_field(err, s->key, _("%s '%s' 不对：应为至多 20 位字母、数字或 '-'"),
					      label, value);
		return 0;
	case SET_DIVISION:
		if (!division_code_ok(value))
			return yk_error_field(err, s->key, _("%s '%s' 不对：应为 GB/T 2260 的六位数字代码（如 520102）"),
					      label, value);
		if (divisions && divisions_count(divisions) && !division_name(divisions, value))
			return yk_error_field(err, s->key, _("%s '%s' 不在行政区划数据中（见 docs/policy.md；"
							     "可在 divisions/ 数据文件里补充）"), label, value);
		return 0;
	case SET_REGION:
		if (rules && !rules_region_known(rules, value))
			return yk_error_field(err, s->key, _("%s '%s' 没有时限规则（见 yekuo rules list）"), label,
					      value);
		if (!rules && !made_of(value, "abcdefghijklmnopqrstuvwxyz0123456789-", 1, s->max))
			return yk_error_field(err, s->key, _("%s '%s' 不是地区代码"), label, value);
		return 0;
	case SET_PRINTER:
		/* a CUPS queue name: printable, no blank, '/', '#' or '\\' (lpadmin(8)) */
		for (const char *p = value; *p; p++)
			if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("/#\\", *p))
				return yk_error_field(err, s->key, _("%s '%s' 不对：CUPS 打印机名不含空格、'/'、'#' 或 '\\'（lpstat -p 列出各打印机）"),
						      label, value);
		if (strlen(value) > s->max)
			return yk_error_field(err, s->key, _("%s 太长：至多 %zu 字节"), label, s->max);
		return 0;
	case SET_CATEGORY:
		if (category_from_code(value) < 0)
			return yk_error_field(err, s->key, _("%s '%s' 不是用户类别代码（见 yekuo rules show）"), label,
					      value);
		return 0;
	case SET_COUNT:
		break;
	}
	return yk_error_set(err, "unknown setting");
}
