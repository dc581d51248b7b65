#include "config.h"

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/clock.h"
#include "yekuo/store/datadir.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/export.h"
#include "yekuo/store/import.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/print.h"
#include "yekuo/store/settings.h"
#include "yekuo/core/receipt.h"
#include "yekuo/store/seals.h"
#include "yekuo/core/report.h"
#include "yekuo/store/settings.h"
#include "yekuo/store/store.h"
#include "yekuo/store/views.h"
#include "yekuo/core/text.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* ---- output options shared by report and export ---------------------------- */

#define OUTPUT_OPTS                                                                   \
	{"--format", 1, "format"}, {"--encoding", 1, "encoding"}, {"--out", 1, "out"}, \
		{"--unmasked", 0, "unmasked"}, {"--force", 0, "force"}

/* --format, else the --out file's extension, else text on a terminal and
 * CSV into a pipe or file; --encoding, else GB18030 for CSV (Excel on
 * Chinese Windows) and UTF-8 for text. */
static int
output_opts(const struct payload *o, struct export_opts *x)
{
	const char *fmt = payload_get(o, "format"), *enc = payload_get(o, "encoding");
	const char *out = payload_get(o, "out");
	int f, e;

	memset(x, 0, sizeof *x);
	x->path = out;
	x->unmasked = payload_get(o, "unmasked") != NULL;
	if (fmt) {
		f = export_format_from_name(fmt);
		if (f < 0) {
			cli_fail(_("--format '%s'：应为 text、csv 或 xlsx"), fmt);
			return -1;
		}
	} else if (out && export_format_of_path(out) >= 0) {
		f = export_format_of_path(out);
	} else {
		f = (!out || strcmp(out, "-") == 0) && isatty(STDOUT_FILENO) ? EXPORT_TEXT : EXPORT_CSV;
	}
	x->format = (enum export_format)f;
	if (x->format == EXPORT_XLSX && !export_xlsx_available()) {
		cli_fail(_("这个 yekuo 编译时没有 libxlsxwriter，不能写 .xlsx；请用 --format csv（Excel 能打开），或装上 libxlsxwriter-dev 后重新编译"));
		return -1;
	}
	if (enc) {
		e = encoding_from_name(enc);
		if (e < 0 || e == ENC_AUTO || e == ENC_GBK) {
			cli_fail(_("--encoding '%s'：应为 gb18030、utf-8 或 utf-8-bom"), enc);
			return -1;
		}
		if (x->format == EXPORT_XLSX) {
			cli_fail(_("--encoding 只用于 csv 和 text：.xlsx 文件总是 Unicode"));
			return -1;
		}
		x->encoding = (enum yk_encoding)e;
	} else {
		x->encoding = export_default_encoding(x->format);
	}
	return 0;
}

/* ---- printing (print.h) --------------------------------------------------------- */

#define PRINT_OPTS {"--print", 0, "print"}, {"--printer", 1, "printer"}

/* --print goes to the printer instead of a file or standard output. */
static int
print_opts_check(const struct payload *o)
{
	if (!payload_get(o, "print")) {
		if (payload_get(o, "printer")) {
			cli_fail("%s", _("--printer 只与 --print 同用"));
			return -1;
		}
		return 0;
	}
	if (payload_get(o, "out") || payload_get(o, "format") || payload_get(o, "encoding") ||
	    payload_get(o, "force")) {
		cli_fail("%s", _("--print 送打印机：不能同时给 --out、--format、--encoding 或 --force"));
		return -1;
	}
	return 1;
}

/* The printer, the document laid out by paps, then lp; what was done on
 * standard output. Nothing goes to lp unless all of it can be printed. */
static int
print_text(struct app *app, const char *text, const char *title, const char *printer_opt)
{
	struct print_doc d;
	struct yk_settings set;
	char printer[256], job[128];
	const char *how;
	yk_error err;
	int rc;

	/* the clerk's own printer (yekuo config set printer), if any */
	if (settings_load(app->st, app->operator_name, &set, &err) < 0)
		set.v[SET_PRINTER][0] = '\0';
	if (print_printer(printer_opt, set.v[SET_PRINTER], printer, sizeof printer, &how, &err) < 0 ||
	    print_render(text, &d, &err) < 0)
		return cli_error(&err);
	if (print_send(&d, printer, title, job, sizeof job, &err) < 0) {
		rc = cli_error(&err);
	} else {
		printf(_("已送打印机 %s（%s）：作业 %s，A4 %s，%d 页\n"), printer, how, job,
		       d.landscape ? _("横向") : _("纵向"), d.pages);
		rc = EXIT_OK;
	}
	print_doc_free(&d);
	return rc;
}

static int
need_all(struct app *app)
{
	if (cli_need_calendar(app) < 0 || cli_need_rules(app) < 0 ||
	    cli_need_store(app, STORE_EXISTING) < 0)
		return -1;
	return 0;
}

/* ---- yekuo report due: the reporting calendar ---------------------------------- */

struct due_row {
	const struct rule_report *r;
	yk_date due, from, to;
	long left;
};

static int
cmp_due(const void *a, const void *b)
{
	const struct due_row *x = a, *y = b;

	return x->due != y->due ? (x->due < y->due ? -1 : 1) : strcmp(x->r->code, y->r->code);
}

/* The reports the office owes, the next due first: the region's (--region,
 * else the office's default region, else national) and the national ones,
 * each with its due date, the working days left and the command that
 * produces it (docs/reports.md "Reporting calendar"). */
static int
report_due(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {{"--region", 1, "region"}, {"--date", 1, "date"},
					      {"--format", 1, "format"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct yk_settings set;
	const struct rule_report *rs[2 * RULE_REPORTS_MAX];
	struct due_row rows[2 * RULE_REPORTS_MAX];
	char region[SETTING_VALUE_MAX], b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], b3[YK_DATE_BUFSZ], *pos[1];
	yk_date today = clock_today();
	size_t n;
	int npos, tsv, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0)
		goto out;
	tsv = cli_format_tsv(payload_get(&o, "format"));
	if (tsv < 0)
		goto out;
	if (payload_get(&o, "date") && date_parse(payload_get(&o, "date"), &today) < 0) {
		cli_fail(_("--date '%s' 不是日期：应为 YYYY-MM-DD"), payload_get(&o, "date"));
		goto out;
	}
	if (need_all(app) < 0)
		goto out;
	if (payload_get(&o, "region")) {
		snprintf(region, sizeof region, "%s", payload_get(&o, "region"));
		if (!rules_region_known(app->rules, region)) {
			cli_fail(_("--region '%s' 没有时限规则（见 yekuo rules list）"), region);
			goto out;
		}
	} else if (settings_load(app->st, app->operator_name, &set, &err) == 0 && set.v[SET_REGION][0]) {
		snprintf(region, sizeof region, "%s", set.v[SET_REGION]);
	} else {
		snprintf(region, sizeof region, "national");
	}
	n = rules_reports(app->rules, region, today, rs, sizeof rs / sizeof rs[0]);
	for (size_t i = 0; i < n; i++) {
		rows[i].r = rs[i];
		if (rules_report_due(rs[i], app->cal, today, &rows[i].due, &rows[i].from, &rows[i].to,
				     &err) < 0) {
			rc = cli_error(&err);
			goto out;
		}
		rows[i].left = calendar_in_range(rows[i].due) ? calendar_count(app->cal, today, rows[i].due) : 0;
	}
	qsort(rows, n, sizeof rows[0], cmp_due);
	if (!n && !tsv)
		printf(_("%s 没有规定报送日历的报表（docs/rules-format.md）\n"), region);
	for (size_t i = 0; i < n; i++) {
		const struct due_row *w = &rows[i];
		char how[SETTING_VALUE_MAX + 128] = "";

		/* the command that produces it */
		if (strcmp(w->r->kind, "filing") == 0)
			snprintf(how, sizeof how, "yekuo report filing --month %.7s --region %s",
				 date_format(w->from, b2), region);
		else if (w->r->kind[0])
			snprintf(how, sizeof how, "yekuo report %s --from %s --to %s --region %s", w->r->kind,
				 date_format(w->from, b2), date_format(w->to, b3), region);
		/* a due date in a year without its calendar file is counted on
		 * weekends only, and says so (docs/domain §5) */
		int nocal = !calendar_year_loaded(app->cal, date_year(w->due)) ? date_year(w->due) : 0;

		if (tsv)
			printf("%s\t%s\t%ld\t%s\t%s\t%s\t%s%s%.0d\n", w->r->code, date_format(w->due, b1), w->left,
			       w->r->kind[0] ? w->r->kind : "-", date_format(w->from, b2), date_format(w->to, b3),
			       w->r->name, nocal ? "\tno-calendar-" : "", nocal);
		else if (nocal)
			printf(_("%s（%s）剩 %ld 个工作日（%d 年节假日未载入，只按周末推算）  %s\n    期间 %s 至 %s%s%s\n"),
			       date_format(w->due, b1), date_weekday_name(w->due), w->left, nocal, w->r->name,
			       date_format(w->from, b2), date_format(w->to, b3),
			       how[0] ? _("  生成：") : _("  （本程序不生成此表）"), how);
		else
			printf(_("%s（%s）剩 %ld 个工作日  %s\n    期间 %s 至 %s%s%s\n"), date_format(w->due, b1),
			       date_weekday_name(w->due), w->left, w->r->name, date_format(w->from, b2),
			       date_format(w->to, b3), how[0] ? _("  生成：") : _("  （本程序不生成此表）"), how);
	}
	rc = EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

/* ---- yekuo report ----------------------------------------------------------- */

int
cmd_report(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--month", 1, "month"}, {"--from", 1, "from"}, {"--to", 1, "to"},
		{"--region", 1, "region"}, {"--by", 1, "by"}, OUTPUT_OPTS, PRINT_OPTS, {NULL, 0, NULL}};
	static const struct {
		const char *name;
		enum report_kind kind;
	} kinds[] = {{"filing", REPORT_FILING}, {"benefit", REPORT_BENEFIT},
		     {"timeliness", REPORT_TIMELINESS}, {"supervision", REPORT_SUPERVISION}};
	struct payload o = {0};
	struct report_params p = {0};
	struct export_opts xo;
	struct out_guard guard;
	struct report *r = NULL;
	struct yk_export *x = NULL;
	char *pos[1];
	int npos, rc = EXIT_USAGE, printing;
	size_t k;
	yk_error err;

	if (argc < 1)
		return cli_fail(_("用法：yekuo report filing|benefit|timeliness|supervision …（见 yekuo help）"));
	if (strcmp(argv[0], "due") == 0)
		return report_due(app, argc - 1, argv + 1);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (strcmp(argv[0], kinds[k].name) == 0)
			break;
	if (k == sizeof kinds / sizeof kinds[0])
		return cli_fail(_("未知的报表 '%s'（filing、benefit、timeliness、supervision）"), argv[0]);
	if (cli_parse(argc - 1, argv + 1, spec, &o, pos, 0, &npos) < 0 || output_opts(&o, &xo) < 0 ||
	    (printing = print_opts_check(&o)) < 0)
		goto out;
	p.kind = kinds[k].kind;
	if (p.kind == REPORT_FILING) {
		const char *m = payload_get(&o, "month");

		if (!m) {
			cli_fail(_("用法：yekuo report filing --month YYYY-MM [--region 地区]"));
			goto out;
		}
		if (payload_get(&o, "from") || payload_get(&o, "to")) {
			cli_fail(_("备案清单按月：请写 --month YYYY-MM，不写 --from/--to"));
			goto out;
		}
		if (report_month(m, &p.from, &p.to) < 0) {
			cli_fail(_("--month '%s' 不是月份：应为 YYYY-MM"), m);
			goto out;
		}
	} else if (p.kind == REPORT_SUPERVISION) {
		/* 督办: the open cases as they stand today, no period */
		if (payload_get(&o, "from") || payload_get(&o, "to") || payload_get(&o, "month")) {
			cli_fail(_("用法：yekuo report supervision [--region 地区]：案件今天的情况，不分期间"));
			goto out;
		}
		p.from = p.to = clock_today();
	} else {
		const char *from = payload_get(&o, "from"), *to = payload_get(&o, "to");

		if (!from || !to || payload_get(&o, "month")) {
			cli_fail(_("用法：yekuo report %s --from YYYY-MM-DD --to YYYY-MM-DD"), argv[0]);
			goto out;
		}
		if (cli_date(from, "--from", &p.from) < 0 || cli_date(to, "--to", &p.to) < 0)
			goto out;
		if (p.to < p.from) {
			cli_fail(_("--to %s 早于 --from %s"), to, from);
			goto out;
		}
	}
	if (payload_get(&o, "by")) {
		/* 003 附件2 counts by 省/地市/县: the cases' divisions */
		int by = report_by_from_code(payload_get(&o, "by"));

		if (p.kind != REPORT_TIMELINESS && p.kind != REPORT_FILING) {
			cli_fail(_("--by 只用于 report timeliness 和 report filing"));
			goto out;
		}
		if (by < 0) {
			cli_fail(_("--by '%s' 不对：应为 province（省）、city（地市）或 county（县）"),
				 payload_get(&o, "by"));
			goto out;
		}
		if (cli_need_divisions(app) < 0)
			goto out;
		p.by = (enum division_level)by;
		p.divisions = app->divisions;
	}
	if (need_all(app) < 0 || cli_out_guard(app, &o, xo.path, NULL, &guard) < 0)
		goto out;
	xo.guard = &guard;
	p.region = payload_get(&o, "region");
	if (p.region && !rules_region_known(app->rules, p.region)) {
		cli_fail(_("--region '%s' 没有时限规则（见 yekuo rules list）"), p.region);
		goto out;
	}
	p.rules = app->rules;
	p.cal = app->cal;
	p.today = clock_today();
	r = view_report(app->st, &p, &err);
	if (!r) {
		cli_error(&err);
		goto out;
	}
	for (size_t i = 0; i < r->nwarnings; i++)
		cli_warn("%s", r->warnings[i]);
	{
		/* Every report is made under a seal of the database as it is now,
		 * named with its signature (docs/security.md, anchors). */
		char why[96];
		int created;

		if (p.kind == REPORT_FILING)
			snprintf(why, sizeof why, "report filing %s", payload_get(&o, "month"));
		else if (p.kind == REPORT_SUPERVISION)
			snprintf(why, sizeof why, "report supervision");
		else
			snprintf(why, sizeof why, "report %s %s..%s", argv[0], payload_get(&o, "from"),
				 payload_get(&o, "to"));
		if (seals_annotate(app->st, why, r, &created, &err) < 0) {
			cli_errorf(&err, _("无法封存：%s"), err.msg);
			goto out;
		}
		if (created)
			cli_key_made(app, NULL);
	}
	if (printing) {
		char *text = export_report_text(r, xo.unmasked, &err);

		if (!text) {
			rc = cli_error(&err);
			goto out;
		}
		rc = print_text(app, text, r->title ? r->title : argv[0], payload_get(&o, "printer"));
		free(text);
		if (rc == EXIT_OK && r->uncounted)
			rc = EXIT_NO;
		goto out;
	}
	if (export_open(&xo, &x, &err) < 0 || export_report(x, r, &err) < 0) {
		export_abort(x);
		cli_error(&err);
		goto out;
	}
	if (export_close(x, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	if (xo.path && strcmp(xo.path, "-") != 0)
		fprintf(stderr, _("yekuo: 已写入 %s（%s%s%s）\n"), xo.path, export_format_name(xo.format),
			xo.format == EXPORT_XLSX ? "" : _("，"),
			xo.format == EXPORT_XLSX ? "" : encoding_name(xo.encoding));
	rc = r->uncounted ? EXIT_NO : EXIT_OK;
out:
	report_free(r);
	payload_free(&o);
	return rc;
}

/* ---- yekuo export cases ------------------------------------------------------ */

struct export_ctx {
	struct yk_export *x;
	struct report_case_row row;
	long n;
	int failed;
	yk_error err;
};

/* One case, straight from the cached summary to the file: no event replay,
 * nothing kept, so a million cases cost the memory of one. */
static int
export_one(void *vctx, const struct case_state *c)
{
	struct export_ctx *e = vctx;

	report_case_row(c, &e->row);
	if (export_row(e->x, e->row.cells, &e->err) < 0) {
		e->failed = 1;
		return 1;
	}
	e->n++;
	return 0;
}

int
cmd_export(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {OUTPUT_OPTS, {NULL, 0, NULL}};
	struct payload o = {0};
	struct export_opts xo;
	struct out_guard guard;
	struct export_ctx e;
	struct case_query q;
	struct report head;
	char *pos[1];
	int npos, rc = EXIT_USAGE;

	memset(&e, 0, sizeof e);
	if (argc < 1 || strcmp(argv[0], "cases") != 0)
		return cli_fail(_("用法：yekuo export cases [--format text|csv|xlsx] [--encoding gb18030|utf-8|utf-8-bom] [--out 文件 [--force]] [--unmasked]"));
	if (cli_parse(argc - 1, argv + 1, spec, &o, pos, 0, &npos) < 0 || output_opts(&o, &xo) < 0)
		goto out;
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0 ||
	    cli_out_guard(app, &o, xo.path, NULL, &guard) < 0)
		goto out;
	xo.guard = &guard;
	xo.streamed = 1;
	/* an .xlsx is for people: regions, categories and options in Chinese;
	 * CSV and text keep the codes that import reads back */
	if (xo.format == EXPORT_XLSX)
		e.row.people = app->rules;
	/* no title: the CSV is a plain table that `yekuo import` reads back */
	memset(&head, 0, sizeof head);
	head.kind = report_case_title;
	memset(&q, 0, sizeof q);
	q.applied_from = q.applied_to = q.active_from = YK_DATE_NONE;
	if (export_open(&xo, &e.x, &e.err) < 0 || export_head(e.x, &head, &e.err) < 0 ||
	    export_section(e.x, NULL, report_case_cols, REPORT_CASE_NCOLS, &e.err) < 0) {
		export_abort(e.x);
		cli_error(&e.err);
		goto out;
	}
	if (store_query_cases(app->st, &q, export_one, &e, &e.err) < 0 || e.failed) {
		export_abort(e.x);
		cli_error(&e.err);
		goto out;
	}
	if (export_close(e.x, &e.err) < 0) {
		cli_error(&e.err);
		goto out;
	}
	if (xo.path && strcmp(xo.path, "-") != 0)
		fprintf(stderr, _("yekuo: 已把 %ld 件案件%.0s写入 %s\n"), e.n, e.n == 1 ? "" : "s", xo.path);
	rc = EXIT_OK;
out:
	report_case_row_free(&e.row);
	payload_free(&o);
	return rc;
}

/* ---- yekuo import cases ------------------------------------------------------- */

static void
print_problem(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s\n", msg);
}

int
cmd_import(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--encoding", 1, "encoding"}, {"--skip-bad", 1, "bad"}, {"--force", 0, "force"},
		{NULL, 0, NULL}};
	struct payload o = {0};
	struct import_opts io = {ENC_AUTO, NULL, NULL};
	struct out_guard guard;
	struct import_result res;
	struct ledger l;
	char *pos[1];
	const char *enc;
	int npos, rc = EXIT_USAGE, r;
	yk_error err;

	if (argc < 1 || strcmp(argv[0], "cases") != 0)
		return cli_fail(_("用法：yekuo import cases 文件 [--encoding auto|gb18030|gbk|utf-8] [--skip-bad 错误行文件 [--force]]"));
	if (cli_parse(argc - 1, argv + 1, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1) {
		cli_fail(_("用法：yekuo import cases 文件 [--encoding auto|gb18030|gbk|utf-8] [--skip-bad 错误行文件 [--force]]"));
		goto out;
	}
	enc = payload_get(&o, "encoding");
	if (enc) {
		int e = encoding_from_name(enc);

		if (e < 0 || e == ENC_UTF8_BOM) {
			cli_fail(_("--encoding '%s'：应为 auto、gb18030、gbk 或 utf-8"), enc);
			goto out;
		}
		io.encoding = (enum yk_encoding)e;
	}
	io.bad_path = payload_get(&o, "bad");
	if (io.bad_path && cli_out_guard(app, &o, io.bad_path, pos[0], &guard) < 0)
		goto out;
	if (io.bad_path)
		io.guard = &guard;
	{
		/* there to read before a database is made for it */
		FILE *f = fopen(pos[0], "rb");

		if (!f) {
			yk_error_setk(&err, yk_errno_kind(errno), _("%s: 无法打开：%s"), pos[0],
				      strerror(errno));
			cli_error(&err);
			goto out;
		}
		fclose(f);
	}
	/* like `case new`: the first import may create the database */
	if (cli_need_calendar(app) < 0 || cli_need_rules(app) < 0 ||
	    cli_need_store(app, STORE_OPEN) < 0)
		goto out;
	l.st = app->st;
	l.rules = app->rules;
	l.operator_name = app->operator_name;
	r = import_cases_file(&l, pos[0], &io, print_problem, NULL, &res, &err);
	if (r < 0) {
		cli_errorf(&err, _("%s（什么也没有导入）"), err.msg);
		goto out;
	}
	if (res.bad_header) {
		cli_fail(_("什么也没有导入：%s 的表头有问题（见上）；请改正（docs/import-format.md）%s"), pos[0],
			 io.bad_path ? _("；没有写错误行文件") : "");
		goto out;
	}
	if (r == 1 && !io.bad_path) {
		cli_fail(_("什么也没有导入：%2$ld 行%3$.0s中有 %1$ld 行有问题（%4$s）%5$.0s；请改正%6$.0s，或用 --skip-bad 错误行文件 导入没有问题的行"),
			 res.bad, res.rows, res.rows == 1 ? "" : "s", pos[0], res.bad == 1 ? "s" : "ve",
			 res.bad == 1 ? "it" : "them");
		goto out;
	}
	printf(_("已从 %3$s 导入 %1$ld 件案件%2$.0s（%4$s）"), res.imported, res.imported == 1 ? "" : "s", pos[0],
	       encoding_name(res.encoding));
	if (res.skipped)
		printf(_("；跳过数据库里已有的 %ld 件"), res.skipped);
	if (res.bad)
		printf(_("；%ld 行有问题的行%.0s已写入 %s"), res.bad, res.bad == 1 ? "" : "s", io.bad_path);
	printf("\n");
	rc = res.bad ? EXIT_NO : EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

/* ---- yekuo case receipt --------------------------------------------------------- */

int
cmd_case_receipt(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--encoding", 1, "encoding"}, {"--out", 1, "out"}, {"--force", 0, "force"},
		PRINT_OPTS, {NULL, 0, NULL}};
	struct payload o = {0};
	struct out_guard guard;
	struct yk_encoder *enc_out = NULL;
	char *text = NULL;
	struct yk_event *evs = NULL;
	struct yk_outfile *out = NULL;
	struct case_state c;
	struct engine_result res;
	const struct rule_profile *prof;
	struct ledger l;
	char *pos[1];
	const char *enc;
	int npos, rc = EXIT_USAGE, e = ENC_UTF8, loaded = 0, printing;
	size_t n = 0;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0 || (printing = print_opts_check(&o)) < 0)
		goto out;
	if (npos != 1) {
		cli_fail(_("用法：yekuo case receipt 案件 [--encoding utf-8|gb18030] [--out 文件 [--force]] | --print [--printer 打印机]"));
		goto out;
	}
	enc = payload_get(&o, "encoding");
	if (enc) {
		e = encoding_from_name(enc);
		if (e != ENC_UTF8 && e != ENC_GB18030) {
			cli_fail(_("--encoding '%s'：应为 utf-8 或 gb18030"), enc);
			goto out;
		}
	}
	if (need_all(app) < 0 || cli_out_guard(app, &o, payload_get(&o, "out"), NULL, &guard) < 0)
		goto out;
	l.st = app->st;
	l.rules = app->rules;
	l.operator_name = app->operator_name;
	if (ledger_load(&l, pos[0], &evs, &n, &c, &err) < 0) {
		rc = cli_error(&err);
		goto out;
	}
	loaded = 1;
	if (case_clocks(&c, app->rules, app->cal, clock_today(), &res, &prof, &err) < 0) {
		cli_errorf(&err, "%s: %s", c.case_no, err.msg);
		goto out;
	}
	if (!printing) {
		out = outfile_open(payload_get(&o, "out"), &guard, &err);
		if (!out) {
			cli_error(&err);
			goto out;
		}
		enc_out = encoder_open(outfile_stream(out), outfile_name(out), (enum yk_encoding)e, &err);
		if (!enc_out) {
			outfile_abort(out);
			cli_error(&err);
			goto out;
		}
	}
	{
		struct receipt_hall hall;

		if (settings_hall(app->st, evs[0].operator_name, &hall, &err) < 0) {
			encoder_close(enc_out, NULL);
			outfile_abort(out);
			cli_error(&err);
			goto out;
		}
		text = receipt_text(&c, &evs[0], &res, prof, app->cal, &hall, clock_now());
	}
	{
		/* anchors the customer takes away: the case's chain head and the
		 * seal it is under (yekuo verify --seal checks both) */
		struct seal_record sr;
		char why[96], *anchor, *all;

		snprintf(why, sizeof why, "receipt %s", c.case_no);
		if (cli_seal(app, why, &sr) < 0) {
			if (out) {
				encoder_close(enc_out, NULL);
				outfile_abort(out);
			}
			goto out;
		}
		anchor = receipt_anchor(evs[n - 1].hash, sr.s.seq, sr.digest, sr.s.time);
		all = xasprintf("%s%s", text, anchor);
		free(anchor);
		free(text);
		text = all;
		seal_record_free(&sr);
	}
	if (printing) {
		char title[CASE_NO_BUFSZ + 32];

		snprintf(title, sizeof title, "受理回执 %s", c.case_no);
		rc = print_text(app, text, title, payload_get(&o, "printer"));
		goto out;
	}
	if (encoder_write(enc_out, text, strlen(text), &err) < 0) {
		encoder_close(enc_out, NULL);
		outfile_abort(out);
		cli_error(&err);
		goto out;
	}
	if (encoder_close(enc_out, &err) < 0) {
		outfile_abort(out);
		cli_error(&err);
		goto out;
	}
	if (outfile_commit(out, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	rc = EXIT_OK;
out:
	free(text);
	if (loaded)
		case_state_free(&c);
	events_free(evs, n);
	payload_free(&o);
	return rc;
}
