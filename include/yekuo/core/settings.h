#ifndef YEKUO_SETTINGS_H
#define YEKUO_SETTINGS_H

/* The office's settings and each clerk's (docs/cli.md "config", docs/tui.md
 * "设置"): one table of keys, read by `yekuo config`, the settings screen
 * and every check of a value, as the field table is for case fields. Where
 * they are stored: docs/store.md. Pure: no I/O. */

#include <stddef.h>

#include "yekuo/core/error.h"

struct yk_rules;
struct yk_divisions;

enum setting_id {
	SET_OFFICE,		/* office code in case numbers */
	SET_HALL,		/* 营业厅名称 */
	SET_ADDRESS,		/* 营业厅地址 */
	SET_HOTLINE,		/* 供电服务热线 (95598 or the hall's own) */
	SET_DIVISION,		/* GB/T 2260 code of the office's area */
	SET_REGION,		/* default region of a new case */
	SET_CATEGORY,		/* default category of a new case */
	SET_CLERK_NAME,		/* per clerk: the name on documents */
	SET_STAFF_NO,		/* per clerk: 工号 */
	SET_PRINTER,		/* per clerk: the CUPS printer at the counter */
	SET_COUNT
};

struct yk_setting {
	const char *key;	/* `yekuo config set KEY`: "hall-name" */
	const char *label;	/* Chinese label (N_): "营业厅名称" */
	int clerk;		/* kept per clerk (the operator name events record) */
	size_t max;		/* most bytes of a value */
	const char *hint;	/* shown in an empty form field (N_) */
};

/* A service hotline published with the regulator's: 003 附件1 row 47 and
 * 004 (五)1 / row 56 ("将 12398 能源监管热线和 95598 供电服务热线同步、同对象
 * 公布到位"). The receipt prints both. */
#define SETTINGS_HOTLINE_DEFAULT "95598"
#define SETTINGS_REGULATOR_HOTLINE "12398"

#define SETTING_VALUE_MAX 256

const struct yk_setting *setting_at(enum setting_id id);
/* The setting with this key, or NULL. */
const struct yk_setting *setting_find(const char *key);
enum setting_id setting_id_of(const struct yk_setting *s);

/* Is value right for the setting? 0, or -1 with err holding one Chinese
 * sentence that names the setting and the value. rules (regions) and
 * divisions (division codes) may be NULL: then only the shape is checked.
 * Empty is refused for the office code and the clerk's name only; an empty
 * value clears the others. */
int setting_check(enum setting_id id, const char *value, const struct yk_rules *rules,
		  const struct yk_divisions *divisions, yk_error *err);

/* An office code: 1 to 8 capital letters or digits. */
int settings_office_ok(const char *code);

/* Everything the program reads from the settings at once. */
struct yk_settings {
	char v[SET_COUNT][SETTING_VALUE_MAX];
	int office_chosen;	/* the office code was given (init --office, config,
				 * the first-start screen), or the database numbered
				 * cases under it before settings existed */
	int configured;		/* the settings were saved once */
};

#endif
