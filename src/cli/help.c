#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/case.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/rules.h"
#include "yekuo/store/store.h"
#include "yekuo/core/xalloc.h"

/* `yekuo help` and the generated parts of yekuo(1) (man/yekuo.1.in, filled
 * in by `make` with `yekuo help --man …`): one table, so the page and the
 * help cannot disagree. tests/cli/manpage.sh compares them. */

/* One command: its synopsis after "yekuo " (a '\n' starts a continuation
 * line) and what it does (likewise). A row without a synopsis is a note on
 * the rows above it. */
static const struct cli_doc {
	const char *synopsis;
	const char *what;
} docs[] = {
	{"calendar add DATE N", N_("日期之后第 N 个工作日")},
	{"calendar count FROM TO", N_("FROM < d <= TO 的工作日 d 的天数")},
	{"calendar is-workday DATE", N_("workday、weekend、holiday 或 makeup-workday（工作日、周末、节假日或调休上班日）")},
	{"calendar show YEAR", N_("这一年的节假日和调休上班日")},
	{"calendar list", N_("已载入的年份及其通知")},
	{"calendar load FILE", N_("检查一年的日历文件，并为当前用户安装")},
	{"rules list", N_("时限规则、地区及施行期间")},
	{"rules show PROFILE [--category C]", N_("一个时限规则的用电类别、环节和时限")},
	{"limits --region R --category C --date D [--external-works] [--capacity N] [--kv V]",
	 N_("适用的时限规则和各环节时限")},
	{"init [--training] [--office CODE] [--passphrase]",
	 N_("建立数据库及其单位密钥（DB.key）；\n培训库允许 YEKUO_NOW")},
	{"config [show] [--format text|tsv] [--clerk OPERATOR]",
	 N_("单位的设置（单位代码、营业厅、服务热线、\n行政区划、默认值）及办事员的姓名和工号")},
	{"config set KEY VALUE [--clerk OPERATOR]",
	 N_("修改一项设置（KEY 见 yekuo config show）")},
	{"server init postgresql://… [--training] [--office CODE]",
	 N_("在 PostgreSQL 服务器上建立营业厅共用的数据库\n及办事员角色（docs/deploy.md）")},
	{"case new --region R --category C --name N --id-type T --id ID --phone P\n"
	 "--address A --capacity N --unit kW|kVA [--kv V] [--external-works]\n"
	 "[--appointment D] [--date D --late-reason WHY]",
	 N_("受理建档；打印案件编号")},
	{"case event CASE KIND [STAGE] [options]",
	 N_("KIND（事件种类）：start、materials、done、suspend、resume、\nfiling、correct、withdraw、permit-apply、\npermit-grant、assign、contract、fast-lane、\nfollow-up、cost、survey（见 docs/store.md）")},
	{"case show CASE [--format text|tsv] [--unmasked]",
	 N_("一件案件：各字段、时限和事件")},
	{"case list [--all|--open] [--due-within N] [--overdue] [--owner NAME] [--fast-lane] [--promise] [--follow-up] [--incomplete] [--limit N] [--format text|tsv]",
	 N_("办理中的案件，最紧急的在前；--fast-lane：绿色通道，\n--promise：承诺日期已过或将到，\n--follow-up：已装表接电、尚待回访的案件，\n--incomplete：资料不全、容缺受理的案件")},
	{"case receipt CASE [--encoding utf-8|gb18030] [--out FILE [--force]] [--print [--printer NAME]]",
	 N_("给客户的一页受理回执；--print：\n经 paps（fonts-noto-cjk）送 lp，未指定时用 CUPS 默认\n打印机（docs/reports.md）")},
	{"report filing --month YYYY-MM [--region R] [--by province|city|county]",
	 N_("每月的电网升级改造备案清单")},
	{"report benefit --from D --to D", N_("三零/三省 服务成效表（003 附件3）")},
	{"report timeliness --from D --to D [--region R] [--by province|city|county]",
	 N_("按用电类别和环节：件数、天数、按时率；\n超期清单和补录清单；--by：按行政区划\n（003 附件2：省/地市/县）")},
	{"report supervision [--region R]",
	 N_("督办：已超期、今天到期或预警的办理中案件，\n按经办人和单位")},
	{"report due [--region R] [--date D] [--format text|tsv]",
	 N_("报送日历：单位应报送的每份报表、截止日期、\n剩余工作日和生成它的命令（规则文件的 report 行）")},
	{"export cases", N_("每件案件一行（import 可以读回）")},
	{NULL, N_("report 和 export 接受 [--format text|csv|xlsx] [--out FILE [--force]] [--unmasked]\n[--encoding gb18030|utf-8|utf-8-bom]（CSV 默认 GB18030）；已有的文件\n只有写 --force 才替换，数据库永不替换；\nreport … --print [--printer NAME] 改为打印（退出码 8：什么也没有打印）")},
	{"import cases FILE [--encoding auto|gb18030|gbk|utf-8] [--skip-bad BADFILE [--force]]",
	 N_("导入案件表格（docs/import-format.md）")},
	{"verify [--seal DIGEST|SEALFILE]",
	 N_("核对每条事件链、封存和数据库文件；\n--seal：是否仍与那次封存的历史完全一致")},
	{"seal [--out FILE]", N_("为数据库现有的全部内容签一个封存")},
	{"sync export --to FILE [--force] [--peer NAME] [--for OFFICE] [--since-last] [--dry-run]",
	 N_("为另一个数据库写出案件的同步包")},
	{"sync import FILE [--dry-run]", N_("核对同步包并合并（全部或全不）")},
	{"sync status", N_("本库的编号、同步对方、导入记录、冲突")},
	{"sync conflicts [CASE] [--format text|tsv]", N_("各单位记录的事件相互冲突的案件")},
	{"sync resolve CASE --keep OFFICE|EVENT --reason WHY", N_("保留一方，解决冲突")},
	{"sync renumber CASE", N_("给案件一个新编号（恢复备份后同一编号发了两次）")},
	{"sync verify", N_("核对同步记录和合并后的事件链")},
	{"sync trust FILE [--confirm FINGERPRINT] [--replace]",
	 N_("信任签名同步包或公钥文件的单位；\n显示其密钥的指纹，供电话核对")},
	{"sync key --out FILE [--force]", N_("本单位的公钥，供对方信任")},
	{"help", N_("本说明")},
};

#define DOC_COUNT (sizeof docs / sizeof docs[0])
/* the column where `what` starts in `yekuo help` */
#define WHAT_COL 31

/* Print s, each '\n' becoming a new line indented by `indent`. */
static void
print_lines(FILE *f, const char *s, int indent)
{
	for (const char *p = s; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fprintf(f, "%*s", indent, "");
	}
}

static void
print_help(FILE *f)
{
	fputs(_("用法：yekuo [--db FILE]                 启动终端界面\n"
		"      yekuo [--db FILE] COMMAND …\n"
		"\n"
		"命令：\n"),
	      f);
	for (size_t i = 0; i < DOC_COUNT; i++) {
		const struct cli_doc *d = &docs[i];
		int len;

		if (!d->synopsis) {
			fputs("      ", f);
			print_lines(f, _(d->what), 6);
			fputc('\n', f);
			continue;
		}
		len = 2 + (int)strlen(d->synopsis);
		fputs("  ", f);
		print_lines(f, d->synopsis, 11);
		if (!strchr(d->synopsis, '\n') && len < WHAT_COL)
			fprintf(f, "%*s", WHAT_COL - len, "");
		else
			fprintf(f, "\n%*s", WHAT_COL, "");
		print_lines(f, _(d->what), WHAT_COL);
		fputc('\n', f);
	}
	fputs(_("\n退出码：\n"), f);
	for (size_t i = 0; i < cli_exit_count; i++)
		fprintf(f, "  %d  %s\n", cli_exit_table[i].code, _(cli_exit_table[i].what));
}

/* ---- roff for yekuo(1) ----------------------------------------------------- */

/* Text for roff: '-' as \-, '\' as \e, a line never starting with '.' or
 * '\''; '\n' (a continuation) as a space. */
static void
roff_text(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		switch (s[i]) {
		case '-':
			fputs("\\-", f);
			break;
		case '\\':
			fputs("\\e", f);
			break;
		case '\n':
			fputc(' ', f);
			break;
		default:
			fputc(s[i], f);
		}
	}
}

static int
is_meta(const char *w, size_t n)
{
	/* DATE, N, FILE, YYYY-MM: capitals, digits, '-' and '_', starting with a
	 * capital; not an option and not a word such as kW */
	if (n == 0 || w[0] < 'A' || w[0] > 'Z')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= '0' && w[i] <= '9') || w[i] == '-' ||
		      w[i] == '_'))
			return 0;
	return 1;
}

/* The synopsis with the command and options in bold and the values to
 * fill in in italics, as man-pages(7) asks. */
static void
roff_synopsis(FILE *f, const char *s)
{
	int command = 1;

	fputs("\\fByekuo\\fR ", f);
	while (*s) {
		size_t n = strcspn(s, " \n[]|");

		if (n == 0) {
			roff_text(f, s, 1);
			if (*s == '[' || *s == '|')
				command = 0;
			s++;
			continue;
		}
		if (s[0] == '-' || (command && s[0] >= 'a' && s[0] <= 'z')) {
			fputs("\\fB", f);
			roff_text(f, s, n);
			fputs("\\fR", f);
			command = command && s[0] != '-';
		} else if (is_meta(s, n)) {
			fputs("\\fI", f);
			roff_text(f, s, n);
			fputs("\\fR", f);
			command = 0;
		} else {
			roff_text(f, s, n);
			command = 0;
		}
		s += n;
	}
}

static void
man_commands(FILE *f)
{
	for (size_t i = 0; i < DOC_COUNT; i++) {
		const struct cli_doc *d = &docs[i];

		if (!d->synopsis) {
			fputs(".IP\n", f);
		} else {
			fputs(".TP\n", f);
			roff_synopsis(f, d->synopsis);
			fputc('\n', f);
		}
		roff_text(f, _(d->what), strlen(_(d->what)));
		fputc('\n', f);
	}
}

static void
man_exit_status(FILE *f)
{
	for (size_t i = 0; i < cli_exit_count; i++) {
		fprintf(f, ".TP\n.B %d\n", cli_exit_table[i].code);
		roff_text(f, _(cli_exit_table[i].what), strlen(_(cli_exit_table[i].what)));
		fputc('\n', f);
	}
}

/* ---- words for the shell's completion (completion/yekuo) ------------- */

/* At most this many case numbers: enough to pick from, quick at a million. */
#define COMPLETE_CASES_MAX 500

/* Each word once, in first-seen order. */
static void
put_unique(const char **seen, size_t *n, const char *w)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(seen[i], w) == 0)
			return;
	seen[(*n)++] = w;
	puts(w);
}

static int
complete_rules(struct app *app, const char *what)
{
	const char **seen;
	size_t nseen = 0, cap = 0;

	if (cli_need_rules(app) < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < rules_count(app->rules); i++)
		cap += 1 + rules_at(app->rules, i)->nvariants;
	seen = cap ? xcalloc(cap, sizeof *seen) : NULL;
	if (strcmp(what, "categories") == 0) {
		/* the categories some profile defines, in the categories' order */
		for (int c = 0; c < CAT_COUNT; c++)
			for (size_t i = 0; i < rules_count(app->rules); i++) {
				const struct rule_profile *p = rules_at(app->rules, i);

				for (size_t v = 0; v < p->nvariants; v++)
					if ((int)p->variants[v].category == c)
						put_unique(seen, &nseen, category_code((enum yk_category)c));
			}
	} else {
		for (size_t i = 0; i < rules_count(app->rules); i++) {
			const struct rule_profile *p = rules_at(app->rules, i);

			put_unique(seen, &nseen, strcmp(what, "regions") == 0 ? p->region : p->id);
		}
	}
	free(seen);
	return EXIT_OK;
}

static int
complete_cases(struct app *app, const char *prefix)
{
	char **list;
	size_t n;
	yk_error err;

	if (cli_need_store(app, STORE_EXISTING) < 0)
		return EXIT_USAGE;
	if (store_case_numbers(app->st, prefix, COMPLETE_CASES_MAX, &list, &n, &err) < 0)
		return cli_error(&err);
	for (size_t i = 0; i < n; i++)
		puts(list[i]);
	store_list_free(list, n);
	return EXIT_OK;
}

/* The options of `case event KIND`, as one synopsis line the completion
 * reads like the command table's: "--reason customer|force-majeure|… --note
 * TEXT --date D --set FIELD=VALUE"; the parser's own list
 * (cli_event_options), a field's codes as its choices. */
static int
complete_event_options(const char *kind_code)
{
	struct field_opts fo;
	const struct cli_opt *o;
	int kind = ev_kind_from_code(kind_code);

	if (kind < 0 || kind == EV_OPEN)
		return EXIT_USAGE;
	for (o = cli_event_options(&fo, kind); o->name; o++) {
		const struct yk_field *f = o->key ? field_find(o->key, kind) : NULL;

		printf("%s%s", o == fo.spec ? "" : " ", o->name);
		if (!o->has_arg)
			continue;
		if (f && f->kind == FK_ENUM && f->noptions) {
			for (size_t i = 0; i < f->noptions; i++)
				printf("%c%s", i ? '|' : ' ', f->options[i].code);
		} else if ((f && f->kind == FK_DATE) || strcmp(o->name, "--date") == 0) {
			fputs(" D", stdout);
		} else if (strcmp(o->name, "--set") == 0) {
			fputs(" FIELD=VALUE", stdout);
		} else {
			fputs(" VALUE", stdout);
		}
	}
	putchar('\n');
	return EXIT_OK;
}

/* yekuo help --complete WHAT [PREFIX]: one word a line. `commands` gives
 * each synopsis of the table on one line, which the completion reads for
 * sub-commands, options and their values. */
static int
complete(struct app *app, const char *what, const char *prefix)
{
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; i < DOC_COUNT; i++) {
			if (!docs[i].synopsis)
				continue;
			for (const char *p = docs[i].synopsis; *p; p++)
				putchar(*p == '\n' ? ' ' : *p);
			putchar('\n');
		}
	} else if (strcmp(what, "kinds") == 0) {
		for (int k = 0; k < EV_KIND_COUNT; k++)
			if (k != EV_OPEN)	/* opened by case new, not case event */
				puts(ev_kind_code((enum ev_kind)k));
	} else if (strcmp(what, "options") == 0) {
		return complete_event_options(prefix ? prefix : "");
	} else if (strcmp(what, "stages") == 0) {
		for (int s = 0; s < STAGE_COUNT; s++)
			puts(stage_code((enum yk_stage)s));
	} else if (strcmp(what, "regions") == 0 || strcmp(what, "categories") == 0 ||
		   strcmp(what, "profiles") == 0) {
		return complete_rules(app, what);
	} else if (strcmp(what, "cases") == 0) {
		return complete_cases(app, prefix ? prefix : "");
	} else {
		return cli_fail(_("help --complete 后面应为 commands、kinds、options、stages、regions、"
				  "categories、profiles 或 cases，而不是 '%s'"), what);
	}
	return EXIT_OK;
}

int
cli_help(struct app *app, int argc, char **argv)
{
	/* hidden: words for the shell's completion */
	if ((argc == 2 || argc == 3) && strcmp(argv[0], "--complete") == 0)
		return complete(app, argv[1], argc == 3 ? argv[2] : NULL);
	/* hidden: the generated parts of yekuo(1), for the build */
	if (argc == 2 && strcmp(argv[0], "--man") == 0) {
		if (strcmp(argv[1], "commands") == 0)
			man_commands(stdout);
		else if (strcmp(argv[1], "exit-status") == 0)
			man_exit_status(stdout);
		else
			return cli_fail(_("help --man 后面应为 commands 或 exit-status，而不是 '%s'"), argv[1]);
		return EXIT_OK;
	}
	if (argc != 0)
		return cli_fail(_("用法：yekuo help"));
	print_help(stdout);
	return EXIT_OK;
}
