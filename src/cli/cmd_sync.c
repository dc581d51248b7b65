#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/outfile.h"
#include "yekuo/store/envelope.h"
#include "yekuo/store/seals.h"
#include "yekuo/store/store.h"
#include "yekuo/store/sync.h"
#include "yekuo/store/views.h"
#include "yekuo/core/xalloc.h"

/* yekuo sync …: carry cases between databases that never share a network
 * (docs/sync.md). Output is one answer per line, tab-separated where a
 * script reads it. */

/* The case lines of an export or an import: written to a temporary file
 * as each case is done and printed after the summary line, so that a
 * county's bundle costs no memory per case; the reasons for cases set
 * aside (a few) are kept for stderr. */
struct case_lines {
	FILE *f, *why;
	int import;
};

static void
case_line(FILE *f, const struct sync_case_change *c, int import)
{
	if (import && c->set_aside)
		fprintf(f, "case\t%s\tset-aside\t0\n", c->case_no);
	else if (import)
		fprintf(f, "case\t%s\t%s\t%ld%s\n", c->case_no, c->is_new ? "new" : "changed", c->events,
			c->conflict ? "\tconflict" : "");
	else
		fprintf(f, "case\t%s\t%ld\n", c->case_no, c->events);
}

static void
on_case(void *ctx, const struct sync_case_change *c)
{
	struct case_lines *L = ctx;

	case_line(L->f ? L->f : stdout, c, L->import);
	if (c->set_aside)
		fprintf(L->why ? L->why : stderr, "yekuo: %s: %s\n", c->case_no, c->why ? c->why : "");
}

/* On a server, only a member of yekuo_sync brings other databases'
 * records in (docs/deploy.md): -1 after saying so. */
static int
need_merge(struct app *app)
{
	yk_error err;

	if (store_may_merge(app->st, &err) < 0) {
		cli_error(&err);
		return -1;
	}
	return 0;
}

/* Start collecting: 0, or -1 when no temporary file can be had (the
 * summary keeps the list then). */
static int
lines_start(struct case_lines *L, int import)
{
	memset(L, 0, sizeof *L);
	L->import = import;
	L->f = tmpfile();
	L->why = tmpfile();
	return L->f && L->why ? 0 : -1;
}

static void
copy_out(FILE *from, FILE *to)
{
	char buf[8192];
	size_t n;

	if (!from)
		return;
	fflush(from);
	rewind(from);
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		fwrite(buf, 1, n, to);
}

static void
print_cases(struct case_lines *L, const struct sync_summary *s)
{
	for (size_t i = 0; i < s->ncases && s->cases; i++)
		on_case(L, &s->cases[i]);
	copy_out(L->f, stdout);
}

/* The reasons cases were set aside, on stderr. */
static void
print_why(struct case_lines *L)
{
	fflush(stdout);
	copy_out(L->why, stderr);
}

static void
lines_end(struct case_lines *L)
{
	if (L->f)
		fclose(L->f);
	if (L->why)
		fclose(L->why);
	memset(L, 0, sizeof *L);
}

/* "2 days 3 h", "5 h 20 min", "40 min": in the tab-separated clock lines
 * as they are (for scripts), in a message for people through _() */
static const char *
span_as(long secs, char *buf, size_t sz, int people)
{
	long d = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;

	if (d)
		snprintf(buf, sz, people ? _("%ld 天%.0s %ld 小时") : "%ld day%s %ld h", d,
			 d == 1 ? "" : "s", h);
	else if (h)
		snprintf(buf, sz, people ? _("%ld 小时 %ld 分钟") : "%ld h %ld min", h, m);
	else
		snprintf(buf, sz, people ? _("%ld 分钟") : "%ld min", m);
	return buf;
}

static const char *
span(long secs, char *buf, size_t sz)
{
	return span_as(secs, buf, sz, 1);
}

/* What the stamps of an import say about clocks: one line per event on
 * stdout, one warning per office and direction on stderr. */
static void
print_clocks(const struct sync_summary *s)
{
	char b[64];

	for (size_t i = 0; i < s->nclock; i++) {
		const struct sync_clock_flag *f = &s->clock[i];

		printf("clock\t%s\t%s\t%s\t%s\t%s\n", f->case_no, f->event, f->office,
		       f->skew > 0 ? "ahead" : "behind", span_as(labs(f->skew), b, sizeof b, 0));
	}
	for (size_t i = 0; i < s->nclock; i++) {
		const struct sync_clock_flag *f = &s->clock[i];
		long worst = 0, count = 0;
		size_t k;

		for (k = 0; k < i; k++)
			if (strcmp(s->clock[k].office, f->office) == 0 && (s->clock[k].skew > 0) == (f->skew > 0))
				break;
		if (k < i)
			continue; /* said already */
		for (k = i; k < s->nclock; k++)
			if (strcmp(s->clock[k].office, f->office) == 0 && (s->clock[k].skew > 0) == (f->skew > 0)) {
				count++;
				if (labs(s->clock[k].skew) > worst)
					worst = labs(s->clock[k].skew);
			}
		if (f->skew > 0)
			fprintf(stderr, _("yekuo: 单位 %s 的时钟似乎比本机快 %s：%ld 条事件%.0s的时间戳在本机的未来（或本机的时钟慢了）——请检查两边的日期和时间\n"), f->office, span(worst, b, sizeof b), count,
				count == 1 ? "" : "s");
		else
			fprintf(stderr, _("yekuo: 单位 %s 的时钟似乎至少慢了 %s：%ld 条事件%.0s的时间戳早于它的机器上已有的事件；那里按“今天”填的日期可能太早——请校准它的时钟并核对这些日期（见上面的 clock 行）\n"), f->office, span(worst, b, sizeof b), count, count == 1 ? "" : "s");
	}
	if (s->bundle_skew)
		fprintf(stderr, _("yekuo: 同步包是在单位 %s 的时钟比本机快 %s 时写出的：两个时钟有一个不对——请检查两边的日期和时间\n"),
			s->office, span(s->bundle_skew, b, sizeof b));
	if (s->bundle_lag)
		fprintf(stderr, _("yekuo: 同步包由单位 %s 写出时，它的时钟比包里另一单位的最新事件早 %s：单位 %s 的时钟似乎慢了——请校准\n"), s->office, span(s->bundle_lag, b, sizeof b), s->office);
}

/* ---- yekuo sync export ----------------------------------------------------- */

static int
sync_export_cmd(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--to", 1, "to"},		 {"--peer", 1, "peer"},
		{"--since-last", 0, "since-last"}, {"--dry-run", 0, "dry-run"},
		{"--force", 0, "force"},	 {"--for", 1, "for"},
		{NULL, 0, NULL}};
	struct payload o = {0};
	struct sync_export_opts eo = {0};
	struct envelope_info info;
	struct out_guard guard;
	struct sync_summary s;
	struct case_lines L;
	char *pos[1];
	const char *to;
	int npos, rc = EXIT_USAGE;
	yk_error err;

	memset(&L, 0, sizeof L);
	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0)
		goto out;
	to = payload_get(&o, "to");
	eo.peer = payload_get(&o, "peer");
	eo.since_last = payload_get(&o, "since-last") != NULL;
	eo.dry_run = payload_get(&o, "dry-run") != NULL;
	if (!to && !eo.dry_run) {
		cli_fail(_("用法：yekuo sync export --to 文件 [--force] [--peer 名称] [--for 单位] [--since-last] [--dry-run]"));
		goto out;
	}
	if (eo.peer && (!*eo.peer || strlen(eo.peer) >= sizeof ((struct sync_peer *)0)->name)) {
		cli_fail(_("--peer '%s'：名称应为 1 到 63 字节"), eo.peer);
		goto out;
	}
	if (cli_need_store(app, STORE_EXISTING) < 0 ||
	    (!eo.dry_run && cli_out_guard(app, &o, to, NULL, &guard) < 0))
		goto out;
	eo.guard = eo.dry_run ? NULL : &guard;
	if (lines_start(&L, 0) == 0) {
		eo.on_case = on_case;
		eo.ctx = &L;
	}
	if (envelope_export(app->st, to ? to : "", &eo, payload_get(&o, "for"), &info, &s, &err) <
	    0) {
		cli_error(&err);
		goto out;
	}
	if (info.key_created)
		cli_key_made(app, info.fingerprint);
	if (eo.dry_run)
		printf(_("将导出 %ld 条事件%.0s，共 %zu 件案件%.0s"), s.events, s.events == 1 ? "" : "s",
		       s.ncases, s.ncases == 1 ? "" : "s");
	else
		printf(_("已导出 %ld 条事件%.0s，共 %zu 件案件%.0s，到 %s"), s.events, s.events == 1 ? "" : "s",
		       s.ncases, s.ncases == 1 ? "" : "s", to);
	printf(_("（单位 %s；同步记录 %ld..%ld%s%s）\n"), s.office, s.mark_from + 1, s.mark_to,
	       eo.peer ? _("；对方 ") : "", eo.peer ? eo.peer : "");
	if (!eo.dry_run) {
		char sh[SEAL_SHORT_BUFSZ];

		seal_short(info.seal_digest, sh);
		printf("signed\toffice %s\tkey %s\tseal #%ld %s\n", info.office, info.fingerprint,
		       info.seal_seq, sh);
		if (info.recipient[0])
			printf("encrypted\tfor office %s\tkey %s\n", info.recipient, info.recipient_fp);
		else
			printf(_("not encrypted\t同步包里的个人信息没有加密（--for 单位 可以为信任的单位加密）\n"));
	}
	print_cases(&L, &s);
	sync_summary_free(&s);
	rc = EXIT_OK;
out:
	lines_end(&L);
	payload_free(&o);
	return rc;
}

/* ---- yekuo sync import ----------------------------------------------------- */

static int
sync_import_cmd(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {{"--dry-run", 0, "dry-run"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct sync_summary s;
	struct envelope_info info;
	struct case_lines L;
	char *pos[1];
	int npos, dry, rc = EXIT_USAGE, each;
	yk_error err;

	memset(&L, 0, sizeof L);
	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1) {
		cli_fail(_("用法：yekuo sync import 文件 [--dry-run]"));
		goto out;
	}
	dry = payload_get(&o, "dry-run") != NULL;
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0 ||
	    need_merge(app) < 0)
		goto out;
	each = lines_start(&L, 1) == 0;
	if (envelope_import_each(app->st, app->rules, pos[0], dry, each ? on_case : NULL, &L, &info, &s,
				 &err) < 0) {
		/* A bundle that fails a check is a "no", not bad usage. */
		rc = cli_errorf(&err, _("没有导入，什么也没有改变：%s"), err.msg);
		goto out;
	}
	printf("signed\toffice %s\tkey %s%s\n", info.office, info.fingerprint,
	       info.recipient[0] ? "\tencrypted for this office" : "");
	if (s.new_events == 0 && s.set_aside == 0) {
		printf(_("%s 里没有来自单位 %s 的新内容：%ld 条事件都已在本库\n"), pos[0],
		       s.office, s.events);
	} else {
		size_t changed = s.ncases - (size_t)s.set_aside;

		printf(_("%s %s（来自单位 %s）：新事件 %ld 条%.0s，案件有变化 %zu 件%.0s（新增 %ld 件），冲突 %ld 件%s"), dry ? _("将导入") : _("已导入"), pos[0], s.office, s.new_events,
		       s.new_events == 1 ? "" : "s", changed, changed == 1 ? "" : "s", s.new_cases,
		       s.conflicts, s.set_aside ? _("，") : "\n");
		if (s.set_aside)
			printf(_("搁置 %ld 件\n"), s.set_aside);
		print_cases(&L, &s);
		if (s.conflicts)
			printf(_("见：yekuo sync conflicts\n"));
		print_why(&L);
	}
	print_clocks(&s);
	if (s.restored)
		printf(_("本库是从备份恢复的：它记录过的 %ld 条事件%.0s从单位 %s 回来了\n"), s.restored, s.restored == 1 ? "" : "s", s.office);
	sync_summary_free(&s);
	rc = EXIT_OK;
out:
	lines_end(&L);
	payload_free(&o);
	return rc;
}

/* ---- yekuo sync status ----------------------------------------------------- */

/* Imports listed at most, newest first. */
#define SYNC_STATUS_IMPORTS 10

static int
sync_status_cmd(struct app *app, int argc, char **argv)
{
	struct sync_status s;
	yk_error err;

	(void)argv;
	if (argc != 0)
		return cli_fail(_("用法：yekuo sync status"));
	if (cli_need_store(app, STORE_EXISTING) < 0)
		return EXIT_USAGE;
	if (view_sync_status(app->st, SYNC_STATUS_IMPORTS, &s, &err) < 0) {
		sync_status_free(&s);
		return cli_error(&err);
	}
	printf("database\t%s\toffice %s%s\n", s.id, s.office, s.training ? "\ttraining" : "");
	{
		struct office_keys k;

		if (cli_office_keys(app, 0, &k) < 0) {
			sync_status_free(&s);
			return EXIT_USAGE;
		}
		printf("key\t%s\n", k.fingerprint);
		keys_free(&k);
	}
	printf("records\t%ld\n", s.records);
	for (size_t i = 0; i < s.npeers; i++)
		printf("peer\t%s\t%ld\t%s\t%s\n", s.peers[i].name, s.peers[i].mark, s.peers[i].exported,
		       s.peers[i].file);
	for (size_t i = 0; i < s.nimports; i++)
		printf("import\t%s\t%s\t%ld\t%ld\t%ld\n", s.imports[i].imported, s.imports[i].office,
		       s.imports[i].events, s.imports[i].cases, s.imports[i].conflicts);
	printf("conflicts\t%zu\n", s.conflict_cases);
	sync_status_free(&s);
	return EXIT_OK;
}

/* ---- yekuo sync conflicts -------------------------------------------------- */

static int
sync_conflicts_cmd(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {{"--format", 1, "format"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct sync_conflict *c = NULL;
	size_t n = 0;
	char *pos[1];
	int npos, tsv, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0)
		goto out;
	tsv = cli_format_tsv(payload_get(&o, "format"));
	if (tsv < 0)
		goto out;
	if (cli_need_store(app, STORE_EXISTING) < 0)
		goto out;
	if ((npos ? sync_case_conflicts(app->st, pos[0], &c, &n, &err)
		  : sync_conflicts(app->st, &c, &n, &err)) < 0) {
		cli_error(&err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct sync_conflict *k = &c[i];

		if (tsv)
			printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k->case_no, k->held ? "held" : "disputed",
			       k->event, k->event_what, k->event_office, k->event_date,
			       k->against[0] ? k->against : "-", k->against[0] ? k->against_what : "-",
			       k->against[0] ? k->against_office : "-");
		else if (k->against[0])
			printf(_("%s  %s%s（单位 %s，%.8s，%s）  对 %s（单位 %s，%s）\n  %s\n"), k->case_no,
			       k->held ? _("搁置：") : _("争议："), k->event_what, k->event_office, k->event,
			       k->event_date, k->against_what, k->against_office, k->against_date, k->reason);
		else
			printf(_("%s  %s%s（单位 %s，%.8s，%s）\n  %s\n"), k->case_no,
			       k->held ? _("搁置：") : _("争议："), k->event_what, k->event_office, k->event,
			       k->event_date, k->reason);
	}
	rc = n ? EXIT_OK : EXIT_NO;
out:
	free(c);
	payload_free(&o);
	return rc;
}

/* ---- yekuo sync resolve ---------------------------------------------------- */

static int
sync_resolve_cmd(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--keep", 1, "keep"}, {"--reason", 1, "reason"}, {NULL, 0, NULL}};
	struct payload o = {0};
	char *pos[1];
	int npos, rc = EXIT_USAGE;
	long added;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1 || !payload_get(&o, "keep")) {
		cli_fail(_("用法：yekuo sync resolve 案件 --keep 单位|事件 --reason 原因"));
		goto out;
	}
	if (!payload_get(&o, "reason") || !*payload_get(&o, "reason")) {
		cli_fail(_("要写 --reason：为什么这一方是对的"));
		goto out;
	}
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0 ||
	    need_merge(app) < 0)
		goto out;
	if (sync_resolve(app->st, app->rules, pos[0], payload_get(&o, "keep"),
			 payload_get(&o, "reason"), app->operator_name, &added, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	printf(_("已解决 %s：记录了 %ld 条事件%.0s\n"), pos[0], added, added == 1 ? "" : "s");
	rc = EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

/* ---- yekuo sync renumber --------------------------------------------------- */

static int
sync_renumber_cmd(struct app *app, int argc, char **argv)
{
	char new_no[CASE_NO_BUFSZ];
	yk_error err;

	if (argc != 1)
		return cli_fail(_("用法：yekuo sync renumber 案件"));
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0)
		return EXIT_USAGE;
	if (need_merge(app) < 0)
		return EXIT_USAGE;
	if (sync_renumber(app->st, app->rules, argv[0], new_no, &err) < 0)
		return cli_error(&err);
	printf(_("%s 现在是 %s：每条事件都已移到新编号下；请告诉客户（回执上是旧编号）。其他数据库收到后会删去各自的 %s 副本。\n"),
	       argv[0], new_no, argv[0]);
	printf("renumbered\t%s\t%s\n", argv[0], new_no);
	return EXIT_OK;
}

/* ---- yekuo sync trust, yekuo sync key --------------------------------------- */

/* Digits of a fingerprint as typed: spaces and dashes ignored. */
static void
digits_of(const char *s, char *out, size_t outsz)
{
	size_t n = 0;

	for (; *s && n + 1 < outsz; s++)
		if (*s >= '0' && *s <= '9')
			out[n++] = *s;
	out[n] = '\0';
}

static int
sync_trust_cmd(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--confirm", 1, "confirm"}, {"--replace", 0, "replace"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct seal_identity id;
	char *pos[1], *text = NULL, sig[KEYS_SIG_HEX], fp[SEAL_FP_BUFSZ], a[64], b[64];
	const char *confirm;
	int npos, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1) {
		cli_fail(_("用法：yekuo sync trust 文件 [--confirm 指纹] [--replace]"));
		goto out;
	}
	if (cli_need_store(app, STORE_EXISTING) < 0)
		goto out;
	if (envelope_identity(pos[0], &text, sig, &id, &err) < 0) {
		rc = cli_error(&err);
		goto out;
	}
	seal_fingerprint_hex(id.sign, fp);
	confirm = payload_get(&o, "confirm");
	printf("office\t%s\nkey\t%s\ndatabase\t%s%s\n", id.office, fp, id.db,
	       id.training ? "\ttraining" : "");
	if (!confirm) {
		printf(_("请与单位 %s 核对这个指纹（在电话里念出来）；如果是它的，运行：\n  yekuo sync trust %s --confirm '%s'\n"), id.office, pos[0], fp);
		rc = EXIT_NO;
		goto out;
	}
	digits_of(confirm, a, sizeof a);
	digits_of(fp, b, sizeof b);
	if (strcmp(a, b) != 0) {
		rc = cli_fail_with(EXIT_CONFLICT, _("--confirm '%s' 不是 %s 里的密钥的指纹（%s）：没有信任"),
				   confirm, pos[0], fp);
		goto out;
	}
	if (need_merge(app) < 0)
		goto out;
	rc = envelope_trust(app->st, text, sig, payload_get(&o, "replace") != NULL, &err);
	if (rc < 0) {
		rc = cli_error(&err);
		goto out;
	}
	printf(rc == 1 ? _("单位 %s 的这把密钥早已信任\n")
		       : _("已信任：单位 %s，密钥 %s\n"), id.office, fp);
	rc = EXIT_OK;
out:
	free(text);
	payload_free(&o);
	return rc;
}

static int
sync_key_cmd(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--out", 1, "out"}, {"--force", 0, "force"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct out_guard guard;
	struct office_keys k;
	char *pos[1];
	const char *to;
	int npos, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0)
		goto out;
	to = payload_get(&o, "out");
	if (!to) {
		cli_fail(_("用法：yekuo sync key --out 文件 [--force]"));
		goto out;
	}
	if (cli_need_store(app, STORE_EXISTING) < 0 || cli_out_guard(app, &o, to, NULL, &guard) < 0 ||
	    cli_office_keys(app, 0, &k) < 0)
		goto out;
	if (envelope_write_public(app->st, to, &guard, &err) < 0) {
		keys_free(&k);
		rc = cli_error(&err);
		goto out;
	}
	printf(_("已把单位 %s 的公钥写到 %s\nkey\t%s\n"), k.id.office, to, k.fingerprint);
	keys_free(&k);
	rc = EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

/* ---- yekuo sync verify ----------------------------------------------------- */

static int
sync_verify_cmd(struct app *app, int argc, char **argv)
{
	static const cli_check_fn checks[] = {sync_verify};

	(void)argv;
	return cli_checks(app, argc, "yekuo sync verify", checks, 1,
			  _("每条同步记录和合并后的事件链都核对无误"));
}

int
cmd_sync(struct app *app, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct app *, int, char **);
	} subs[] = {
		{"export", sync_export_cmd},	   {"import", sync_import_cmd},
		{"status", sync_status_cmd},	   {"conflicts", sync_conflicts_cmd},
		{"resolve", sync_resolve_cmd},	   {"verify", sync_verify_cmd},
		{"trust", sync_trust_cmd},	   {"key", sync_key_cmd},
		{"renumber", sync_renumber_cmd},
	};

	if (argc < 1)
		return cli_fail(_("用法：yekuo sync export|import|status|conflicts|resolve|renumber|verify|trust|key …"));
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return subs[i].run(app, argc - 1, argv + 1);
	return cli_fail(_("未知的 sync 命令 '%s'（export、import、status、conflicts、resolve、renumber、verify、trust、key）"), argv[0]);
}
