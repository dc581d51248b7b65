#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/keys.h"
#include "yekuo/store/seals.h"
#include "yekuo/store/store.h"

/* ---- yekuo server init (docs/deploy.md) --------------------------------- */

static int
server_init(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--training", 0, "training"}, {"--office", 1, "office"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct store_init init = {0};
	struct office_keys k;
	char *pos[1];
	int npos, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0 || cli_store_init(&o, &init) < 0)
		goto out;
	if (npos != 1) {
		cli_fail(_("用法：yekuo server init postgresql://… [--training] [--office 代码]"));
		goto out;
	}
	if (!store_is_server_path(pos[0])) {
		cli_fail(_("'%s'：server init 要写 PostgreSQL 地址（postgresql://… 或 postgres://…）；数据库文件用 yekuo init 创建"), pos[0]);
		goto out;
	}
	/* as for a file (cmd_case.c, init): a real database is given its own
	 * office code, which its case numbers carry (docs/store.md) */
	if (!init.training && !init.office[0]) {
		cli_fail(_("新的服务器数据库要有自己的办事处代码：yekuo server init --office 代码 %s"
			   "（1-8 位大写字母或数字，写进案件编号；各营业厅各不相同）；什么也没有创建"),
			 pos[0]);
		goto out;
	}
	app->db_path = pos[0];
	if (app_open_store(app, STORE_CREATE, &init, &err) < 0) {
		rc = cli_error(&err);
		goto out;
	}
	/* the office key and seal #1, as `yekuo init` makes them for a file;
	 * the key is kept in the table office_key (docs/deploy.md) */
	if (seals_init(app->st, NULL, &k, &err) < 0) {
		rc = cli_errorf(&err, _("%s（%s 上的数据库已建立，但没有单位密钥：第一次封存或导出时会生成）"),
				err.msg, store_path(app->st));
		goto out;
	}
	printf(init.training ? _("已在 %s 建立 yekuo 培训库（单位 %s）\n")
			     : _("已在 %s 建立 yekuo 数据库（单位 %s）\n"),
	       store_path(app->st), store_office(app->st));
	printf(_("单位密钥保存在 office_key 表中，指纹 %s\n"), k.fingerprint);
	keys_free(&k);
	fputs(_("每位办事员用自己的角色登录，该角色属于 yekuo_clerk：\n"
		"  CREATE ROLE 名称 LOGIN PASSWORD '…' IN ROLE yekuo_clerk;\n"),
	      stdout);
	rc = EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

int
cmd_server(struct app *app, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "init") == 0)
		return server_init(app, argc - 1, argv + 1);
	return cli_fail(_("用法：yekuo server init postgresql://… [--training] [--office 代码]"));
}
