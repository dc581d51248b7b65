#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "yekuo/cli.h"
#include "yekuo/clock.h"
#include "yekuo/datadir.h"
#include "yekuo/engine.h"
#include "yekuo/export.h"
#include "yekuo/import.h"
#include "yekuo/ledger.h"
#include "yekuo/report.h"
#include "yekuo/store.h"
#include "yekuo/text.h"
#include "yekuo/validate.h"
#include "yekuo/xalloc.h"

/* ---- output options shared by report and export ---------------------------- */

#define OUTPUT_OPTS                                                                   \
	{"--format", 1, "format"}, {"--encoding", 1, "encoding"}, {"--out", 1, "out"}, \
		{"--unmasked", 0, "unmasked"}

static int
has_suffix(const char *s, const char *ext)
{
	size_t a = strlen(s), b = strlen(ext);

	return a > b && strcasecmp(s + a - b, ext) == 0;
}

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
			cli_fail("--format '%s': text, csv or xlsx", fmt);
			return -1;
		}
	} else if (out && has_suffix(out, ".xlsx")) {
		f = EXPORT_XLSX;
	} else if (out && has_suffix(out, ".csv")) {
		f = EXPORT_CSV;
	} else if (out && has_suffix(out, ".txt")) {
		f = EXPORT_TEXT;
	} else {
		f = (!out || strcmp(out, "-") == 0) && isatty(STDOUT_FILENO) ? EXPORT_TEXT : EXPORT_CSV;
	}
	x->format = (enum export_format)f;
	if (x->format == EXPORT_XLSX && !export_xlsx_available()) {
		cli_fail("this yekuo was built without libxlsxwriter, so it cannot write .xlsx; "
			 "use --format csv (Excel opens it) or rebuild with libxlsxwriter-dev installed");
		return -1;
	}
	if (enc) {
		e = encoding_from_name(enc);
		if (e < 0 || e == ENC_AUTO || e == ENC_GBK) {
			cli_fail("--encoding '%s': gb18030, utf-8 or utf-8-bom", enc);
			return -1;
		}
		if (x->format == EXPORT_XLSX) {
			cli_fail("--encoding is for csv and text: an .xlsx file is always Unicode");
			return -1;
		}
		x->encoding = (enum yk_encoding)e;
	} else {
		x->encoding = x->format == EXPORT_CSV ? ENC_GB18030 : ENC_UTF8;
	}
	return 0;
}

static int
need_all(struct app *app)
{
	if (cli_need_calendar(app) < 0 || cli_need_rules(app) < 0 ||
	    cli_need_store(app, STORE_EXISTING) < 0)
		return -1;
	return 0;
}

/* ---- yekuo report ----------------------------------------------------------- */

int
cmd_report(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--month", 1, "month"}, {"--from", 1, "from"}, {"--to", 1, "to"},
		{"--region", 1, "region"}, OUTPUT_OPTS, {NULL, 0, NULL}};
	static const struct {
		const char *name;
		enum report_kind kind;
	} kinds[] = {{"filing", REPORT_FILING}, {"benefit", REPORT_BENEFIT},
		     {"timeliness", REPORT_TIMELINESS}};
	struct payload o = {0};
	struct report_params p = {0};
	struct export_opts xo;
	struct store_query q;
	struct report_run *run;
	struct report *r = NULL;
	struct yk_export *x = NULL;
	char *pos[1];
	int npos, rc = EXIT_USAGE;
	size_t k;
	yk_error err;

	if (argc < 1)
		return cli_fail("usage: yekuo report filing|benefit|timeliness … (see: yekuo help)");
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (strcmp(argv[0], kinds[k].name) == 0)
			break;
	if (k == sizeof kinds / sizeof kinds[0])
		return cli_fail("unknown report '%s' (filing, benefit, timeliness)", argv[0]);
	if (cli_parse(argc - 1, argv + 1, spec, &o, pos, 0, &npos) < 0 || output_opts(&o, &xo) < 0)
		goto out;
	p.kind = kinds[k].kind;
	if (p.kind == REPORT_FILING) {
		const char *m = payload_get(&o, "month");

		if (!m) {
			cli_fail("usage: yekuo report filing --month YYYY-MM [--region R]");
			goto out;
		}
		if (payload_get(&o, "from") || payload_get(&o, "to")) {
			cli_fail("the filing list is monthly: give --month YYYY-MM, not --from/--to");
			goto out;
		}
		if (report_month(m, &p.from, &p.to) < 0) {
			cli_fail("--month '%s' is not a month: want YYYY-MM", m);
			goto out;
		}
	} else {
		const char *from = payload_get(&o, "from"), *to = payload_get(&o, "to");

		if (!from || !to || payload_get(&o, "month")) {
			cli_fail("usage: yekuo report %s --from YYYY-MM-DD --to YYYY-MM-DD", argv[0]);
			goto out;
		}
		if (cli_date(from, "--from", &p.from) < 0 || cli_date(to, "--to", &p.to) < 0)
			goto out;
		if (p.to < p.from) {
			cli_fail("--to %s is before --from %s", to, from);
			goto out;
		}
	}
	if (need_all(app) < 0)
		goto out;
	p.region = payload_get(&o, "region");
	if (p.region && !rules_region_known(app->rules, p.region)) {
		cli_fail("--region '%s' has no rule profile (see: yekuo rules list)", p.region);
		goto out;
	}
	p.rules = app->rules;
	p.cal = app->cal;
	p.today = clock_today();
	run = report_begin(&p, &q);
	if (store_scan_cases(app->st, &q, report_add, run, &err) < 0) {
		report_abandon(run);
		cli_fail("%s", err.msg);
		goto out;
	}
	r = report_finish(run);
	for (size_t i = 0; i < r->nwarnings; i++)
		cli_warn("%s", r->warnings[i]);
	if (export_open(&xo, &x, &err) < 0 || export_report(x, r, &err) < 0) {
		export_abort(x);
		cli_fail("%s", err.msg);
		goto out;
	}
	if (export_close(x, &err) < 0) {
		cli_fail("%s", err.msg);
		goto out;
	}
	if (xo.path && strcmp(xo.path, "-") != 0)
		fprintf(stderr, "yekuo: wrote %s (%s%s%s)\n", xo.path, export_format_name(xo.format),
			xo.format == EXPORT_XLSX ? "" : ", ",
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
	struct export_ctx e;
	struct store_query q;
	struct report head;
	char *pos[1];
	int npos, rc = EXIT_USAGE;

	memset(&e, 0, sizeof e);
	if (argc < 1 || strcmp(argv[0], "cases") != 0)
		return cli_fail("usage: yekuo export cases [--format text|csv|xlsx] "
				"[--encoding gb18030|utf-8|utf-8-bom] [--out FILE] [--unmasked]");
	if (cli_parse(argc - 1, argv + 1, spec, &o, pos, 0, &npos) < 0 || output_opts(&o, &xo) < 0)
		goto out;
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0)
		goto out;
	/* no title: the CSV is a plain table that `yekuo import` reads back */
	memset(&head, 0, sizeof head);
	head.kind = report_case_title;
	memset(&q, 0, sizeof q);
	q.applied_from = q.applied_to = q.active_from = YK_DATE_NONE;
	if (export_open(&xo, &e.x, &e.err) < 0 || export_head(e.x, &head, &e.err) < 0 ||
	    export_section(e.x, NULL, report_case_cols, REPORT_CASE_NCOLS, &e.err) < 0) {
		export_abort(e.x);
		cli_fail("%s", e.err.msg);
		goto out;
	}
	if (store_query_cases(app->st, &q, export_one, &e, &e.err) < 0 || e.failed) {
		export_abort(e.x);
		cli_fail("%s", e.err.msg);
		goto out;
	}
	if (export_close(e.x, &e.err) < 0) {
		cli_fail("%s", e.err.msg);
		goto out;
	}
	if (xo.path && strcmp(xo.path, "-") != 0)
		fprintf(stderr, "yekuo: wrote %ld case%s to %s\n", e.n, e.n == 1 ? "" : "s", xo.path);
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
		{"--encoding", 1, "encoding"}, {"--skip-bad", 1, "bad"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct import_opts io = {ENC_AUTO, NULL};
	struct import_result res;
	struct ledger l;
	char *pos[1], *buf = NULL;
	size_t len;
	const char *enc;
	int npos, rc = EXIT_USAGE, r;
	yk_error err;

	if (argc < 1 || strcmp(argv[0], "cases") != 0)
		return cli_fail("usage: yekuo import cases FILE [--encoding auto|gb18030|gbk|utf-8] "
				"[--skip-bad BADFILE]");
	if (cli_parse(argc - 1, argv + 1, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1) {
		cli_fail("usage: yekuo import cases FILE [--encoding auto|gb18030|gbk|utf-8] "
			 "[--skip-bad BADFILE]");
		goto out;
	}
	enc = payload_get(&o, "encoding");
	if (enc) {
		int e = encoding_from_name(enc);

		if (e < 0 || e == ENC_UTF8_BOM) {
			cli_fail("--encoding '%s': auto, gb18030, gbk or utf-8", enc);
			goto out;
		}
		io.encoding = (enum yk_encoding)e;
	}
	io.bad_path = payload_get(&o, "bad");
	if (io.bad_path && strcmp(io.bad_path, pos[0]) == 0) {
		cli_fail("--skip-bad %s would overwrite the file being imported", io.bad_path);
		goto out;
	}
	if (datadir_read_file(pos[0], IMPORT_FILE_MAX, &buf, &len, &err) < 0) {
		cli_fail("%s", err.msg);
		goto out;
	}
	/* like `case new`: the first import may create the database */
	if (cli_need_calendar(app) < 0 || cli_need_rules(app) < 0 ||
	    cli_need_store(app, STORE_OPEN) < 0)
		goto out;
	l.st = app->st;
	l.rules = app->rules;
	l.operator_name = app->operator_name;
	r = import_cases(&l, pos[0], buf, len, &io, print_problem, NULL, &res, &err);
	if (r < 0) {
		cli_fail("%s (nothing imported)", err.msg);
		goto out;
	}
	if (r == 1 && !io.bad_path) {
		cli_fail("nothing imported: %ld of %ld row%s of %s ha%s problems; fix %s, or import "
			 "the good rows with --skip-bad BADFILE",
			 res.bad, res.rows, res.rows == 1 ? "" : "s", pos[0], res.bad == 1 ? "s" : "ve",
			 res.bad == 1 ? "it" : "them");
		goto out;
	}
	printf("imported %ld case%s from %s (%s)", res.imported, res.imported == 1 ? "" : "s", pos[0],
	       encoding_name(res.encoding));
	if (res.skipped)
		printf("; skipped %ld already in the database", res.skipped);
	if (res.bad)
		printf("; %ld bad row%s written to %s", res.bad, res.bad == 1 ? "" : "s", io.bad_path);
	printf("\n");
	rc = res.bad ? EXIT_NO : EXIT_OK;
out:
	free(buf);
	payload_free(&o);
	return rc;
}

/* ---- yekuo case receipt --------------------------------------------------------- */

/* A receipt line is at most this many columns: it goes to `lp` on A4. */
#define RECEIPT_COLS 72

struct receipt {
	struct yk_encoder *enc;
	int failed;
	yk_error err;
};

static void
rput(struct receipt *r, const char *s)
{
	if (!r->failed && encoder_write(r->enc, s, strlen(s), &r->err) < 0)
		r->failed = 1;
}

static void
rprintf(struct receipt *r, const char *fmt, ...) YK_PRINTF(2, 3);

static void
rprintf(struct receipt *r, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	rput(r, buf);
}

/* "label：value", the value wrapped at RECEIPT_COLS under itself. */
static void
rfield(struct receipt *r, const char *label, const char *value)
{
	char pad[64], part[RECEIPT_COLS * 4 + 1];
	int lw, w;

	text_pad(label, 10, pad, sizeof pad);
	rput(r, pad);
	rput(r, "：");
	lw = 12;
	do {
		size_t n = text_fit(value, RECEIPT_COLS - lw, &w);

		if (n == 0 && *value)
			n = strlen(value); /* one character wider than the room: print it */
		snprintf(part, sizeof part, "%.*s", (int)n, value);
		rput(r, part);
		rput(r, "\n");
		value += n;
		if (*value)
			rput(r, "            ");
	} while (*value);
}

static const char *
id_type_zh(const char *code)
{
	return strcmp(code, "resident-id") == 0 ? "居民身份证"
	       : strcmp(code, "uscc") == 0	? "统一社会信用代码"
	       : strcmp(code, "passport") == 0	? "护照"
						: "证件";
}

/* Does the utility start this stage by itself when the one before is done
 * (plan after acceptance, energising after the plan or the completion
 * inspection), or does the customer start it (design submitted, inspection
 * requested)? */
static int
customer_starts(const char *step_code)
{
	char first[48];
	int s;

	snprintf(first, sizeof first, "%s", step_code);
	first[strcspn(first, "+")] = '\0';
	s = stage_from_code(first);
	return s == STAGE_DESIGN || s == STAGE_MIDCHECK || s == STAGE_FINAL;
}

static void
receipt_clock(struct receipt *r, const struct engine_clock *k, const char *label, int width,
	      int whole_limits)
{
	char name[160], lim[32], limpad[48], when[160], b[YK_DATE_BUFSZ];

	text_pad(label, width, name, sizeof name);
	if (k->limit == RULE_NO_LIMIT)
		snprintf(lim, sizeof lim, "%s", whole_limits ? "计入全过程" : "不限时");
	else
		snprintf(lim, sizeof lim, "%d 个工作日", k->limit);
	if (k->done != YK_DATE_NONE)
		snprintf(when, sizeof when, "已完成（%s）", date_format(k->done, b));
	else if (k->state == ES_SUSPENDED)
		snprintf(when, sizeof when, "挂起中，恢复后顺延");
	else if (k->due != YK_DATE_NONE)
		snprintf(when, sizeof when, "%s（星期%s）前%s", date_format(k->due, b),
			 date_weekday_zh(k->due), k->filed ? "（备案）" : "");
	else if (k->limit == RULE_NO_LIMIT)
		snprintf(when, sizeof when, "—");
	else if (strcmp(k->code, "whole") == 0)
		snprintf(when, sizeof when, "自预约现场服务之日起 %d 个工作日内", k->limit);
	else if (customer_starts(k->code))
		snprintf(when, sizeof when, "客户提交后 %d 个工作日内", k->limit);
	else
		snprintf(when, sizeof when, "上一环节完成后 %d 个工作日内", k->limit);
	text_pad(lim, 12, limpad, sizeof limpad);
	rprintf(r, "  %s%s%s\n", name, limpad, when);
}

static void
write_receipt(struct receipt *r, const struct case_state *c, const struct yk_event *open,
	      const struct engine_result *res, const struct rule_profile *prof,
	      const struct yk_calendar *cal)
{
	char buf[1024], m[VALIDATE_MASK_BUFSZ], b[YK_DATE_BUFSZ], stamp[CLOCK_STAMP_BUFSZ];
	int hv = category_is_hv(c->category);
	const char *title = "用电报装业务受理回执";
	int tw = text_width(title);

	for (int i = 0; i < (RECEIPT_COLS - tw) / 2; i++)
		rput(r, " ");
	rprintf(r, "%s\n", title);
	for (int i = 0; i < RECEIPT_COLS; i++)
		rput(r, "-");
	rput(r, "\n");
	rfield(r, "案件编号", c->case_no);
	rfield(r, "客户名称", c->name);
	validate_mask_id(c->id_no, m, sizeof m);
	snprintf(buf, sizeof buf, "%s %s", id_type_zh(c->id_type), m);
	rfield(r, "证件号码", buf);
	validate_mask_phone(c->phone, m, sizeof m);
	rfield(r, "联系电话", m);
	rfield(r, "用电地址", c->address);
	snprintf(buf, sizeof buf, "%s（%g kV，报装容量 %g %s%s）", category_name_zh(c->category), c->kv,
		 c->capacity, c->unit, c->external_works ? "，有外线工程" : "");
	rfield(r, "用户类别", buf);
	snprintf(buf, sizeof buf, "%s（星期%s）", date_format(c->applied, b), date_weekday_zh(c->applied));
	rfield(r, "申请日期", buf);
	if (c->appointment != YK_DATE_NONE) {
		snprintf(buf, sizeof buf, "%s（星期%s）", date_format(c->appointment, b),
			 date_weekday_zh(c->appointment));
		rfield(r, "预约日期", buf);
	}
	rfield(r, "受理人", open->operator_name);

	rput(r, "\n一、申请资料\n");
	for (int s = 0; s < STAGE_COUNT; s++) {
		size_t n;
		const struct material *mat = case_materials((enum yk_stage)s, hv, &n);

		if (!n || !case_has_stage(c->category, (enum yk_stage)s))
			continue;
		if (s == STAGE_ACCEPT) {
			rput(r, "  业务受理（已收 [√]，待补 [ ]）：\n");
			for (size_t i = 0; i < n; i++)
				rprintf(r, "    [%s] %s%s\n", (c->materials[s] >> i) & 1 ? "√" : " ",
					mat[i].zh, (c->materials[s] >> i) & 1 ? "" : "（待补）");
		} else {
			size_t len = 0;

			buf[0] = '\0';
			for (size_t i = 0; i < n; i++)
				len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%s", i ? "、" : "",
							mat[i].zh, (c->materials[s] >> i) & 1 ? "（已收）" : "");
			rprintf(r, "  %s阶段需提供：%s\n", stage_name_zh((enum yk_stage)s), buf);
		}
	}
	/* 003 附件1 rows 24-25: nothing more may be asked of the customer */
	rput(r, "  除上述资料外，不需提供其他申请材料。\n");

	rput(r, "\n二、供电企业办理时限（工作日；不含客户办理时间及挂起时间）\n");
	{
		/* the step names come from the rule file: as wide as the widest */
		char whole[64];
		int w = 8;

		snprintf(whole, sizeof whole, "全过程（%s外线工程）", c->external_works ? "有" : "无");
		for (size_t i = 0; i < res->nsteps; i++)
			if (text_width(res->steps[i].name) + 2 > w)
				w = text_width(res->steps[i].name) + 2;
		if (res->has_whole && text_width(whole) + 2 > w)
			w = text_width(whole) + 2;
		if (w > 30)
			w = 30;
		for (size_t i = 0; i < res->nsteps; i++)
			receipt_clock(r, &res->steps[i], res->steps[i].name, w, res->has_whole);
		if (res->has_whole)
			receipt_clock(r, &res->whole, whole, w, 0);
		if (res->has_total) {
			char name[160];

			text_pad("合计", w, name, sizeof name);
			rprintf(r, "  %s%d 个工作日\n", name, res->total.limit);
		}
	}
	if (res->filed_note[0])
		rprintf(r, "  %s\n", res->filed_note);
	rput(r, "\n");
	snprintf(buf, sizeof buf, "%s（%s）", prof->id, prof->source);
	rfield(r, "时限依据", buf);
	{
		const char *src = calendar_year_source(cal, res->year_from);

		snprintf(buf, sizeof buf, "%d-%d%s%s", res->year_from, res->year_to, src ? "，" : "",
			 src ? src : "");
		rfield(r, "工作日历", buf);
	}
	if (res->missing_year) {
		snprintf(buf, sizeof buf, "%d calendar not loaded — weekends only（%d 年节假日未载入，"
					  "到期日仅按周末推算）", res->missing_year, res->missing_year);
		rfield(r, "注意", buf);
	}
	clock_stamp(clock_now(), stamp);
	snprintf(buf, sizeof buf, "%.10s %.5s", stamp, stamp + 11);
	rfield(r, "打印时间", buf);
	rput(r, "\n客户签字：________________        受理人签字：________________\n");
}

int
cmd_case_receipt(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--encoding", 1, "encoding"}, {"--out", 1, "out"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct receipt r;
	struct yk_event *evs = NULL;
	struct yk_outfile *out = NULL;
	struct case_state c;
	struct engine_result res;
	const struct rule_profile *prof;
	struct ledger l;
	char *pos[1];
	const char *enc;
	int npos, rc = EXIT_USAGE, e = ENC_UTF8, loaded = 0;
	size_t n = 0;
	yk_error err;

	memset(&r, 0, sizeof r);
	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1) {
		cli_fail("usage: yekuo case receipt CASE [--encoding utf-8|gb18030] [--out FILE]");
		goto out;
	}
	enc = payload_get(&o, "encoding");
	if (enc) {
		e = encoding_from_name(enc);
		if (e != ENC_UTF8 && e != ENC_GB18030) {
			cli_fail("--encoding '%s': utf-8 or gb18030", enc);
			goto out;
		}
	}
	if (need_all(app) < 0)
		goto out;
	l.st = app->st;
	l.rules = app->rules;
	l.operator_name = app->operator_name;
	if (ledger_load(&l, pos[0], &evs, &n, &c, &err) < 0) {
		cli_fail("%s", err.msg);
		rc = EXIT_NO;
		goto out;
	}
	loaded = 1;
	if (case_clocks(&c, app->rules, app->cal, clock_today(), &res, &prof, &err) < 0) {
		cli_fail("%s: %s", c.case_no, err.msg);
		goto out;
	}
	out = outfile_open(payload_get(&o, "out"), &err);
	if (!out) {
		cli_fail("%s", err.msg);
		goto out;
	}
	r.enc = encoder_open(outfile_stream(out), outfile_name(out), (enum yk_encoding)e, &err);
	if (!r.enc) {
		outfile_abort(out);
		cli_fail("%s", err.msg);
		goto out;
	}
	write_receipt(&r, &c, &evs[0], &res, prof, app->cal);
	if (encoder_close(r.enc, r.failed ? NULL : &r.err) < 0 && !r.failed)
		r.failed = 1;
	if (r.failed) {
		outfile_abort(out);
		cli_fail("%s", r.err.msg);
		goto out;
	}
	if (outfile_commit(out, &err) < 0) {
		cli_fail("%s", err.msg);
		goto out;
	}
	rc = EXIT_OK;
out:
	if (loaded)
		case_state_free(&c);
	events_free(evs, n);
	payload_free(&o);
	return rc;
}
