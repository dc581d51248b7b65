#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/division.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/settings.h"
#include "yekuo/core/text.h"
#include "yekuo/store/settings.h"
#include "yekuo/store/store.h"

/* ---- yekuo config (docs/cli.md "config") --------------------------------- */

#define CONFIG_USAGE _("用法：yekuo config [show [--format text|tsv] [--clerk 办事员]] | " \
			"config set 项 值 [--clerk 办事员]")

static int
config_show(struct app *app, const char *clerk, int tsv)
{
	struct yk_settings s;
	yk_error err;

	if (settings_load(app->st, clerk, &s, &err) < 0)
		return cli_error(&err);
	for (int i = 0; i < SET_COUNT; i++) {
		const struct yk_setting *d = setting_at((enum setting_id)i);
		const char *v = s.v[i];
		char label[160], pad[200], note[300] = "";

		if (tsv) {
			printf("%s\t%s\n", d->key, v);
			continue;
		}
		if (d->clerk)
			snprintf(label, sizeof label, "%s（%s）", _(d->label), clerk);
		else
			snprintf(label, sizeof label, "%s", _(d->label));
		text_pad(label, 24, pad, sizeof pad);
		if (i == SET_OFFICE && !s.office_chosen)
			snprintf(note, sizeof note, _("  （未设定：新建案件前须 yekuo config set office 代码）"));
		else if (i == SET_DIVISION && v[0]) {
			char full[200];

			division_full_name(app->divisions, v, full, sizeof full);
			snprintf(note, sizeof note, "  %s", full);
		}
		printf("%s%-14s %s%s\n", pad, d->key, v[0] ? v : "-", note);
	}
	return EXIT_OK;
}

static int
config_set(struct app *app, const char *clerk, const char *key, const char *value)
{
	const struct yk_setting *d = setting_find(key);
	enum setting_id id;
	yk_error err;

	if (!d) {
		char keys[512];
		size_t len = 0;

		for (int i = 0; i < SET_COUNT; i++)
			len += (size_t)snprintf(keys + len, sizeof keys - len, "%s%s", i ? ", " : "",
						setting_at((enum setting_id)i)->key);
		return cli_fail(_("config set：没有设置项 '%s'（有：%s）"), key, keys);
	}
	id = setting_id_of(d);
	if (setting_check(id, value, app->rules, app->divisions, &err) < 0)
		return cli_fail(_("config set %s：%s"), key, err.msg);
	if (settings_store(app->st, clerk, id, value, &err) < 0)
		return cli_error(&err);
	if (d->clerk)
		printf("%s (%s) = %s\n", key, clerk, value);
	else
		printf("%s = %s\n", key, value);
	return EXIT_OK;
}

int
cmd_config(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--clerk", 1, "clerk"}, {"--format", 1, "format"}, {NULL, 0, NULL}};
	struct payload o = {0};
	char *pos[3];
	int npos, rc = EXIT_USAGE, tsv = 0;
	const char *clerk;

	if (cli_parse(argc, argv, spec, &o, pos, 3, &npos) < 0)
		goto out;
	if (npos == 0 || strcmp(pos[0], "show") == 0) {
		if (npos > 1 || (tsv = cli_format_tsv(payload_get(&o, "format"))) < 0) {
			if (npos > 1)
				cli_fail(CONFIG_USAGE);
			goto out;
		}
	} else if (strcmp(pos[0], "set") == 0) {
		if (npos != 3 || payload_get(&o, "format")) {
			cli_fail(CONFIG_USAGE);
			goto out;
		}
	} else {
		cli_fail(CONFIG_USAGE);
		goto out;
	}
	if (cli_need_rules(app) < 0 || cli_need_divisions(app) < 0)
		goto out;
	if (cli_need_store(app, STORE_EXISTING) < 0)
		goto out;
	/* after opening: on a server the operator is the database role */
	clerk = payload_get(&o, "clerk") ? payload_get(&o, "clerk") : app->operator_name;
	if (!clerk || !*clerk) {
		cli_fail(_("不知道受理人是谁：用 --clerk 登录名"));
		goto out;
	}
	rc = npos == 0 || strcmp(pos[0], "show") == 0 ? config_show(app, clerk, tsv)
						       : config_set(app, clerk, pos[1], pos[2]);
out:
	payload_free(&o);
	return rc;
}
