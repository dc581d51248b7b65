#ifndef YEKUO_CLI_H
#define YEKUO_CLI_H

/* The scriptable command line: `yekuo COMMAND …`. Output is plain, one
 * answer per line; messages go to stderr; the exit status is one of the
 * table in exitcode.h. */

#include "yekuo/cli/exitcode.h"
#include "yekuo/core/fields.h"
#include "yekuo/store/app.h"

int cli_main(struct app *app, int argc, char **argv);

/* Print "yekuo: msg" on stderr and return `status` (exitcode.h). */
int cli_fail_with(int status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* … for bad input (EXIT_USAGE) */
#define cli_fail(...) cli_fail_with(EXIT_USAGE, __VA_ARGS__)
/* … for a failed call: formatted (usually around err->msg), with the exit
 * status of the error's kind; cli_error prints err->msg alone. */
#define cli_errorf(err, ...) cli_fail_with(cli_exit_for((err)->kind), __VA_ARGS__)
int cli_error(const yk_error *err);
/* A command that failed returns EXIT_USAGE or the status cli_error gave;
 * cli_main answers with the status of the first failure reported, so a
 * check deep in a command and the command itself cannot disagree. */
void cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Parse a command-line date (strict YYYY-MM-DD) naming `what` in errors. */
int cli_date(const char *s, const char *what, yk_date *out);
/* Parse a whole number 0..max naming `what` in errors. */
int cli_count(const char *s, const char *what, long max, long *out);
/* --format text|tsv (NULL: text): 1 for tsv, 0 for text, -1 (said) else. */
int cli_format_tsv(const char *fmt);
/* Load the calendar (and say why not). */
int cli_need_calendar(struct app *app);
int cli_need_rules(struct app *app);
/* The administrative divisions (a file that does not load is damaged data). */
int cli_need_divisions(struct app *app);

struct payload;

/* Options of a command: "--name" with an argument (stored under `key`) or a
 * flag (stored as "1"). */
struct cli_opt {
	const char *name;
	int has_arg;
	const char *key;
};

/* The options of `case event` built from the field table: every field an
 * event of the kind carries, as --NAME (a flag takes no value), then --date
 * and --set. kind -1: the options of every kind but the opening one (what
 * the parser accepts before it knows the kind). The completion offers the
 * same list for the kind typed (yekuo help --complete options KIND). */
struct field_opts {
	struct cli_opt spec[FLD_COUNT + 8];
	char names[FLD_COUNT][48];
};
const struct cli_opt *cli_event_options(struct field_opts *fo, int kind);

/* Parse argv into opts (payload) and positional arguments (at most maxpos).
 * An option given twice (for --set, the same field twice) is refused;
 * "--set K=V" stores "set.K". Unknown options and missing arguments are errors (message
 * printed); returns 0 or -1. */
int cli_parse(int argc, char **argv, const struct cli_opt *spec, struct payload *opts,
	      char **pos, int maxpos, int *npos);
/* Open the database for a command (printing why not). */
int cli_need_store(struct app *app, int mode);

/* Every command that writes a file the user names: the file may not be the
 * database (nor its -wal, -shm, -journal) nor `source` (a file the command
 * reads), and an existing file is replaced only with --force (opts key
 * "force"). Fills g and checks `path` at once, before any work is done
 * (printing why not); the writer checks again when it opens the file.
 * Returns 0 or -1. */
struct out_guard;
int cli_out_guard(const struct app *app, const struct payload *opts, const char *path,
		  const char *source, struct out_guard *g);

/* Run database checks (store_verify, sync_verify, …), printing one "FAIL"
 * line per problem; EXIT_DAMAGED when any, else "ok: OK_MSG". */
struct yk_store;
struct yk_rules;
typedef long (*cli_check_fn)(struct yk_store *st, const struct yk_rules *rules,
			     void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);
int cli_checks(struct app *app, int argc, const char *usage, const cli_check_fn *checks, size_t n,
	       const char *ok_msg);

/* src/cli/help.c: `yekuo help`; hidden, `help --man commands|exit-status`
 * (the generated parts of yekuo(1)) and `help --complete WHAT [PREFIX]`
 * (words for completion/yekuo) */
int cli_help(struct app *app, int argc, char **argv);

/* Commands, one file each (src/cmd_*.c). */
int cmd_calendar(struct app *app, int argc, char **argv);
int cmd_rules(struct app *app, int argc, char **argv);
int cmd_limits(struct app *app, int argc, char **argv);
int cmd_init(struct app *app, int argc, char **argv);
/* src/cli/cmd_config.c: the office's and clerks' settings */
int cmd_config(struct app *app, int argc, char **argv);
/* init's --training and --office into init; -1 after printing why not. */
struct store_init;
int cli_store_init(const struct payload *o, struct store_init *init);
/* src/cli/cmd_server.c: yekuo server init (docs/deploy.md) */
int cmd_server(struct app *app, int argc, char **argv);
int cmd_case(struct app *app, int argc, char **argv);
/* src/cli/cmd_seal.c: seals, verify and the office keys */
int cmd_verify(struct app *app, int argc, char **argv);
int cmd_seal(struct app *app, int argc, char **argv);
struct office_keys;
struct seal_record;
/* Read a passphrase from the terminal without echo (keys_ask_fn). */
int cli_ask_passphrase(const char *prompt, char *buf, size_t bufsz);
/* Say that a database made before keys got its office key now (where it
 * is kept, its fingerprint: NULL looks it up). */
void cli_key_made(struct app *app, const char *fingerprint);
/* The database's office keys (secret: unlocked), saying so when a
 * database made before keys gets them now; -1 after printing why not. */
int cli_office_keys(struct app *app, int secret, struct office_keys *k);
/* Seal now unless nothing changed since the latest seal (reports,
 * filings, receipts, bundles); -1 after printing why not. */
int cli_seal(struct app *app, const char *why, struct seal_record *r);
int cmd_sync(struct app *app, int argc, char **argv);
/* src/cli/cmd_report.c: reports, export, import and the customer's receipt */
int cmd_report(struct app *app, int argc, char **argv);
int cmd_export(struct app *app, int argc, char **argv);
int cmd_import(struct app *app, int argc, char **argv);
int cmd_case_receipt(struct app *app, int argc, char **argv);

#endif
