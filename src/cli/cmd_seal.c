#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/case.h"
#include "yekuo/store/datadir.h"
#include "yekuo/store/seals.h"
#include "yekuo/store/store.h"
#include "yekuo/store/sync.h"

/* yekuo seal, yekuo verify, and the office keys as the commands use them
 * (docs/security.md). */

/* Read a passphrase from the terminal, not echoed. */
int
cli_ask_passphrase(const char *prompt, char *buf, size_t bufsz)
{
	FILE *tty = fopen("/dev/tty", "r+");
	struct termios old, quiet;
	int ok, echo_off;
	size_t n;

	if (!tty)
		return -1;
	echo_off = tcgetattr(fileno(tty), &old) == 0;
	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	fputs(prompt, tty);
	fflush(tty);
	ok = fgets(buf, (int)bufsz, tty) != NULL;
	if (echo_off)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!ok)
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

void
cli_key_made(struct app *app, const char *fingerprint)
{
	char fp[SEAL_FP_BUFSZ] = "?";
	struct office_keys k;
	yk_error err;

	if (!fingerprint) {
		if (seals_key_load(app->st, 0, &k, &err) == 0) {
			snprintf(fp, sizeof fp, "%s", k.fingerprint);
			keys_free(&k);
		}
		fingerprint = fp;
	}
	if (store_server_role(app->st)) {
		fprintf(stderr, _("yekuo: 这个数据库还没有单位密钥：已生成一把，存放在服务器 %s 的 "
				  "office_key 表中（指纹 %s）；服务器的备份（pg_dump）会一并备份它\n"),
			store_path(app->st), fingerprint);
		return;
	}
	fprintf(stderr, _("yekuo: 这个数据库还没有单位密钥：已生成一把，存放在 %s.key（指纹 %s）；请把它和数据库一起备份\n"),
		store_path(app->st), fingerprint);
}

int
cli_office_keys(struct app *app, int secret, struct office_keys *k)
{
	int created;
	yk_error err;

	if (seals_keys(app->st, secret, k, &created, &err) < 0) {
		cli_error(&err);
		return -1;
	}
	if (created)
		cli_key_made(app, k->fingerprint);
	return 0;
}

int
cli_seal(struct app *app, const char *why, struct seal_record *r)
{
	int created;
	yk_error err;

	if (seals_now(app->st, why, r, &created, &err) < 0) {
		cli_errorf(&err, _("无法封存：%s"), err.msg);
		return -1;
	}
	if (created)
		cli_key_made(app, NULL);
	return 0;
}

/* ---- yekuo seal ------------------------------------------------------------ */

int
cmd_seal(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {{"--out", 1, "out"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct office_keys k;
	struct seal_record r;
	char *pos[1], fp[SEAL_FP_BUFSZ], sh[SEAL_SHORT_BUFSZ];
	const char *out;
	int npos, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0)
		goto done;
	out = payload_get(&o, "out");
	if (cli_need_store(app, STORE_EXISTING) < 0 || cli_office_keys(app, 1, &k) < 0)
		goto done;
	rc = seals_make(app->st, &k, "seal", 1, &r, &err);
	keys_free(&k);
	if (rc < 0) {
		rc = cli_errorf(&err, _("无法封存：%s"), err.msg);
		goto done;
	}
	if (out) {
		char *text = seals_file_text(&r);

		rc = datadir_write_file(out, text, strlen(text), 0644, &err);
		free(text);
		if (rc < 0) {
			seal_record_free(&r);
			rc = cli_errorf(&err, _("%s（封存本身已经做好：yekuo verify 会列出它）"), err.msg);
			goto done;
		}
	}
	seal_fingerprint_hex(r.s.key, fp);
	seal_short(r.digest, sh);
	printf(_("已封存 #%ld（%s）：%ld 件案件，%ld 条事件（新覆盖 %ld 条）\n"), r.s.seq, r.s.time,
	       r.s.cases, r.s.events, r.s.added);
	printf("digest\t%s\nshort\t%s\nkey\t%s\toffice %s\n", r.digest, sh, fp, r.s.office);
	if (out)
		printf("seal file\t%s\n", out);
	seal_record_free(&r);
	rc = EXIT_OK;
done:
	payload_free(&o);
	return rc;
}

/* ---- yekuo verify ---------------------------------------------------------- */

static void
print_problem(void *ctx, const char *msg)
{
	long *n = ctx;

	(*n)++;
	printf(_("问题：%s\n"), msg);
}

/* The seal to check: a seal file, else a digest (or its short form). */
static int
target_seal(struct app *app, const char *what, struct seal_record *r)
{
	yk_error err;
	int rc;

	if (access(what, F_OK) == 0) {
		char *text;
		size_t len;

		if (datadir_read_file(what, 64 * 1024, &text, &len, &err) < 0)
			return cli_error(&err);
		rc = seals_parse_file(text, r, &err);
		free(text);
		if (rc < 0)
			return cli_fail_with(EXIT_DAMAGED, "%s: %s", what, err.msg);
		return 0;
	}
	rc = seals_find(app->st, what, r, &err);
	if (rc < 0)
		return cli_error(&err);
	if (rc == 2)
		return cli_fail(_("--seal '%s' 对得上不止一个封存：请多写几位摘要"), what);
	if (rc == 1) {
		printf(_("问题：本库没有摘要为 %s 的封存（封存被替换过，或这是另一个数据库）\n"), what);
		return EXIT_DAMAGED;
	}
	return 0;
}

int
cmd_verify(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {{"--seal", 1, "seal"}, {NULL, 0, NULL}};
	static const cli_check_fn checks[] = {store_verify, sync_verify, seals_verify};
	struct payload o = {0};
	struct seal_record r, latest;
	struct office_keys k;
	char *pos[1], fp[SEAL_FP_BUFSZ] = "", sh[SEAL_SHORT_BUFSZ];
	const char *want;
	int npos, rc = EXIT_USAGE, have;
	long bad = 0;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0)
		goto done;
	want = payload_get(&o, "seal");
	if (cli_need_rules(app) < 0 || cli_need_store(app, STORE_EXISTING) < 0)
		goto done;
	{
		/* only read: verify never makes a key */
		if (seals_key_load(app->st, 0, &k, &err) == 0) {
			snprintf(fp, sizeof fp, "%s", k.fingerprint);
			keys_free(&k);
		}
	}
	if (want) {
		rc = target_seal(app, want, &r);
		if (rc)
			goto done;
		seal_fingerprint_hex(r.s.key, fp);
		seal_short(r.digest, sh);
		printf(_("封存 #%ld  %s  单位 %s  %s\n密钥 %s\n"), r.s.seq, r.s.time, r.s.office, sh, fp);
		if (seals_verify_one(app->st, &r, print_problem, &bad, &err) < 0) {
			seal_record_free(&r);
			rc = cli_error(&err);
			goto done;
		}
		if (bad)
			printf(_("数据库里的历史已不再与封存 #%ld 封存时完全一致（%s）\n"),
			       r.s.seq, store_path(app->st));
		else
			printf(_("无误：数据库里的历史仍与封存 #%ld 封存时完全一致：%ld 件案件，%ld 条事件（%s）\n"), r.s.seq, r.s.cases, r.s.events,
			       store_path(app->st));
		seal_record_free(&r);
		rc = bad ? EXIT_DAMAGED : EXIT_OK;
		goto done;
	}
	printf("office key\t%s\n", fp[0] ? fp : _("还没有（第一次封存时生成）"));
	have = seals_latest(app->st, &latest, &err);
	if (have < 0) {
		rc = cli_error(&err);
		goto done;
	}
	if (have == 0) {
		seal_short(latest.digest, sh);
		printf("latest seal\t#%ld\t%s\t%s\n", latest.s.seq, latest.s.time, sh);
		seal_record_free(&latest);
	}
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		long b = checks[i](app->st, app->rules, print_problem, &bad, &err);

		if (b < 0) {
			rc = cli_error(&err);
			goto done;
		}
	}
	if (bad) {
		printf(_("发现 %ld 个问题%.0s：%s\n"), bad, bad == 1 ? "" : "s", store_path(app->st));
		rc = EXIT_DAMAGED;
	} else {
		printf(_("无误：每条事件链、封存、同步记录和数据库文件都核对无误（%s）\n"),
		       store_path(app->st));
		rc = EXIT_OK;
	}
done:
	payload_free(&o);
	return rc;
}
