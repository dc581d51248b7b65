#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/text.h"
#include "yekuo/store/outfile.h"
#include "yekuo/store/keys.h"
#include "yekuo/store/store.h"
#include "yekuo/store/sync.h"

/* The status of the first failure reported by the running command. */
static int first_failure;

/* A message may quote what the user typed or what is stored (an unknown
 * case number, a note): shown visibly (text_visible), so that it cannot
 * drive the terminal. */
static void
vmessage(const char *kind, const char *fmt, va_list ap)
{
	char msg[4096], *esc = NULL;
	size_t cap = 0;

	vsnprintf(msg, sizeof msg, fmt, ap);
	fputs("yekuo: ", stderr);
	if (kind)
		fputs(kind, stderr);
	fputs(text_visible(msg, 0, &esc, &cap), stderr);
	fputc('\n', stderr);
	free(esc);
}

static int
failed(int status)
{
	if (!first_failure)
		first_failure = status;
	return status;
}

int
cli_fail_with(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, fmt, ap);
	va_end(ap);
	return failed(status);
}

int
cli_error(const yk_error *err)
{
	return cli_errorf(err, "%s", err->msg);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(_("注意："), fmt, ap);
	va_end(ap);
}

int
cli_date(const char *s, const char *what, yk_date *out)
{
	if (date_parse(s, out) < 0) {
		cli_fail(_("%s '%s' 不是日期：应为 YYYY-MM-DD，而且是实有的一天"), what, s);
		return -1;
	}
	return 0;
}

int
cli_format_tsv(const char *fmt)
{
	if (fmt && strcmp(fmt, "tsv") != 0 && strcmp(fmt, "text") != 0) {
		cli_fail(_("--format '%s'：应为 text 或 tsv"), fmt);
		return -1;
	}
	return fmt && strcmp(fmt, "tsv") == 0;
}

int
cli_count(const char *s, const char *what, long max, long *out)
{
	long v = 0;

	if (!*s) {
		cli_fail(_("%s 是空的：应为 0..%ld 的整数"), what, max);
		return -1;
	}
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			cli_fail(_("%s '%s' 不是 0..%ld 的整数"), what, s, max);
			return -1;
		}
		v = v * 10 + (*p - '0');
		if (v > max) {
			cli_fail(_("%s '%s' 太大（至多 %ld）"), what, s, max);
			return -1;
		}
	}
	*out = v;
	return 0;
}

int
cli_need_calendar(struct app *app)
{
	yk_error err;

	if (app_load_calendar(app, &err) < 0) {
		/* a year file that does not parse is installed data gone bad */
		if (err.kind == YK_ERR_INPUT)
			err.kind = YK_ERR_DAMAGED;
		cli_errorf(&err, _("%s（日历文件全部读入之前不使用日历）"), err.msg);
		return -1;
	}
	return 0;
}

int
cli_need_rules(struct app *app)
{
	yk_error err;

	if (app_load_rules(app, &err) < 0) {
		if (err.kind == YK_ERR_INPUT)
			err.kind = YK_ERR_DAMAGED;
		cli_errorf(&err, _("%s（时限规则文件全部读入之前不计算时限）"), err.msg);
		return -1;
	}
	return 0;
}

int
cli_need_divisions(struct app *app)
{
	yk_error err;

	if (app_load_divisions(app, &err) < 0) {
		if (err.kind == YK_ERR_INPUT)
			err.kind = YK_ERR_DAMAGED;
		cli_error(&err);
		return -1;
	}
	return 0;
}

int
cli_parse(int argc, char **argv, const struct cli_opt *spec, struct payload *opts, char **pos,
	  int maxpos, int *npos)
{
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const struct cli_opt *o;
		const char *arg = argv[i], *val = NULL, *eq;
		char name[64];

		if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
			if (*npos >= maxpos) {
				cli_fail(_("多余的参数 '%s'"), arg);
				return -1;
			}
			pos[(*npos)++] = argv[i];
			continue;
		}
		eq = strchr(arg, '=');
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
		for (o = spec; o->name; o++)
			if (strcmp(o->name, name) == 0)
				break;
		if (!o->name) {
			cli_fail(_("未知的选项 '%s'"), name);
			return -1;
		}
		if (o->has_arg) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				cli_fail(_("%s 后面要写一个值"), name);
				return -1;
			}
		} else if (eq) {
			cli_fail(_("%s 不带值"), name);
			return -1;
		} else {
			val = "1";
		}
		if (strcmp(o->key, "set") == 0) {
			const char *e = strchr(val, '=');
			char key[80];

			if (!e || e == val) {
				cli_fail(_("--set 要写成 字段=值，而不是 '%s'"), val);
				return -1;
			}
			snprintf(key, sizeof key, "set.%.*s", (int)(e - val), val);
			if (payload_get(opts, key)) {
				cli_fail(_("--set %s 写了两次：每个字段只写一次"), key + 4);
				return -1;
			}
			payload_set(opts, key, e + 1);
		} else {
			/* the last of two would win unseen: --reason customer
			 * --reason force-majeure is a slip, not a choice */
			if (payload_get(opts, o->key)) {
				cli_fail(_("%s 写了两次：只写一次"), name);
				return -1;
			}
			payload_set(opts, o->key, val);
		}
	}
	return 0;
}

int
cli_need_store(struct app *app, int mode)
{
	yk_error err;

	if (app_open_store(app, mode, NULL, &err) < 0) {
		cli_error(&err);
		return -1;
	}
	return 0;
}

int
cli_out_guard(const struct app *app, const struct payload *opts, const char *path,
	      const char *source, struct out_guard *g)
{
	yk_error err;

	memset(g, 0, sizeof *g);
	g->db_path = app->st			     ? store_path(app->st)
		     : app->db_path && *app->db_path ? app->db_path
						     : store_default_path();
	g->source = source;
	g->force = payload_get(opts, "force") != NULL;
	g->force_opt = "--force";
	if (out_guard_check(path, g, &err) < 0) {
		cli_fail("%s", err.msg);
		return -1;
	}
	return 0;
}

static void
print_problem(void *ctx, const char *msg)
{
	(void)ctx;
	printf(_("问题：%s\n"), msg);
}

int
cli_checks(struct app *app, int argc, const char *usage, const cli_check_fn *checks, size_t n,
	   const char *ok_msg)
{
	long bad = 0;
	yk_error err;

	if (argc != 0)
		return cli_fail(_("用法：%s"), usage);
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < n; i++) {
		long b = checks[i](app->st, app->rules, print_problem, NULL, &err);

		if (b < 0)
			return cli_error(&err);
		bad += b;
	}
	if (bad) {
		printf(_("发现 %ld 个问题%.0s：%s\n"), bad, bad == 1 ? "" : "s", store_path(app->st));
		return EXIT_DAMAGED;
	}
	printf(_("无误：%s（%s）\n"), ok_msg, store_path(app->st));
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*run)(struct app *, int, char **);
} commands[] = {
	{"calendar", cmd_calendar},
	{"rules", cmd_rules},
	{"limits", cmd_limits},
	{"init", cmd_init},
	{"config", cmd_config},
	{"server", cmd_server},
	{"case", cmd_case},
	{"verify", cmd_verify},
	{"seal", cmd_seal},
	{"sync", cmd_sync},
	{"report", cmd_report},
	{"export", cmd_export},
	{"import", cmd_import},
};

int
cli_main(struct app *app, int argc, char **argv)
{
	if (strcmp(argv[0], "help") == 0)
		return cli_help(app, argc - 1, argv + 1);
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)
		return cli_help(app, 0, NULL);
	if (strcmp(argv[0], "--version") == 0) {
		printf("%s\n", PACKAGE_STRING);
		/* the licence: COPYING, docs/install.md */
		fputs(_("Copyright (C) 2026 yekuo 维护者\n"
			"许可证 GPLv3+：GNU GPL 第 3 版或更新的版本 "
			"<https://gnu.org/licenses/gpl.html>。\n"
			"本软件是自由软件：您可以自由修改和再发布。\n"
			"在法律允许的范围内，本软件不附带任何担保。\n"), stdout);
		return EXIT_OK;
	}
	keys_set_asker(cli_ask_passphrase);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			int rc = commands[i].run(app, argc - 1, argv + 1);

			return rc >= EXIT_USAGE && first_failure ? first_failure : rc;
		}
	cli_fail(_("未知的命令 '%s'（见 yekuo help）"), argv[0]);
	return EXIT_USAGE;
}
