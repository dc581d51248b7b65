#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/case.h"
#include "yekuo/core/fields.h"
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
	{"calendar add DATE N", "date ending N working days after DATE"},
	{"calendar count FROM TO", "working days d with FROM < d <= TO"},
	{"calendar is-workday DATE", "workday, weekend, holiday or makeup-workday"},
	{"calendar show YEAR", "the year's holidays and make-up working days"},
	{"calendar list", "loaded years and their notices"},
	{"calendar load FILE", "check a year file and install it for this user"},
	{"rules list", "rule profiles, regions and when they are in force"},
	{"rules show PROFILE [--category C]", "categories, stages and limits of a profile"},
	{"limits --region R --category C --date D [--external-works] [--capacity N] [--kv V]",
	 "the profile and stage limits that apply"},
	{"init [--training] [--office CODE] [--passphrase]",
	 "create the database and its office key (DB.key);\n"
	 "a training one allows YEKUO_NOW"},
	{"config [show] [--format text|tsv] [--clerk OPERATOR]",
	 "the office's settings (office code, hall, hotline,\n"
	 "division, defaults) and the clerk's name and staff no."},
	{"config set KEY VALUE [--clerk OPERATOR]",
	 "change one setting (KEY: see yekuo config show)"},
	{"server init postgresql://… [--training] [--office CODE]",
	 "create a hall's shared database on a PostgreSQL\n"
	 "server and its clerk role (docs/deploy.md)"},
	{"case new --region R --category C --name N --id-type T --id ID --phone P\n"
	 "--address A --capacity N --unit kW|kVA [--kv V] [--external-works]\n"
	 "[--appointment D] [--date D --late-reason WHY]",
	 "open a case; prints its number"},
	{"case event CASE KIND [STAGE] [options]",
	 "KIND: start, materials, done, suspend, resume,\n"
	 "filing, correct, withdraw, permit-apply,\n"
	 "permit-grant, assign, contract, fast-lane,\n"
	 "follow-up, cost, survey (see docs/store.md)"},
	{"case show CASE [--format text|tsv] [--unmasked]",
	 "one case: its fields, clocks and events"},
	{"case list [--all|--open] [--due-within N] [--overdue] [--owner NAME] [--fast-lane] [--promise] [--follow-up] [--incomplete] [--limit N] [--format text|tsv]",
	 "open cases, the most urgent first; --fast-lane: 绿色通道,\n"
	 "--promise: a promised date missed or near,\n"
	 "--follow-up: energised cases still to follow up (回访),\n"
	 "--incomplete: accepted with materials missing (容缺受理)"},
	{"case receipt CASE [--encoding utf-8|gb18030] [--out FILE [--force]] [--print [--printer NAME]]",
	 "the customer's one-page receipt (受理回执); --print:\n"
	 "paps (fonts-noto-cjk) into lp, on the CUPS default\n"
	 "printer unless named (docs/reports.md)"},
	{"report filing --month YYYY-MM [--region R] [--by province|city|county]",
	 "monthly grid-upgrade filing list (电网升级改造备案)"},
	{"report benefit --from D --to D", "三零/三省 service benefit table (003 附件3)"},
	{"report timeliness --from D --to D [--region R] [--by province|city|county]",
	 "per category and stage: cases, days, on-time rate;\n"
	 "overdue and late-entry lists; --by: per division\n"
	 "(003 附件2: 省/地市/县)"},
	{"report supervision [--region R]",
	 "督办: open cases overdue, due today or in warning,\n"
	 "by owner and by office"},
	{"export cases", "every case, one row each (import reads it back)"},
	{NULL, "report and export take [--format text|csv|xlsx] [--out FILE [--force]] [--unmasked]\n"
	       "[--encoding gb18030|utf-8|utf-8-bom] (CSV defaults to GB18030); an existing\n"
	       "file is replaced only with --force, the database never;\n"
	       "report … --print [--printer NAME] prints it instead (exit 8: nothing printed)"},
	{"import cases FILE [--encoding auto|gb18030|gbk|utf-8] [--skip-bad BADFILE [--force]]",
	 "bring a spreadsheet of cases in (docs/import-format.md)"},
	{"verify [--seal DIGEST|SEALFILE]",
	 "check every event chain, seal and the database file;\n"
	 "--seal: does it still hold exactly that sealed history"},
	{"seal [--out FILE]", "sign a seal of everything the database holds now"},
	{"sync export --to FILE [--force] [--peer NAME] [--for OFFICE] [--since-last] [--dry-run]",
	 "write a bundle of cases for another database"},
	{"sync import FILE [--dry-run]", "check a bundle and merge it (all or nothing)"},
	{"sync status", "this database's id, peers, imports, conflicts"},
	{"sync conflicts [CASE] [--format text|tsv]", "cases whose offices recorded clashing events"},
	{"sync resolve CASE --keep OFFICE|EVENT --reason WHY", "settle a conflict by keeping one side"},
	{"sync renumber CASE", "give a case a new number (minted twice after a restore)"},
	{"sync verify", "check sync records and merged chains"},
	{"sync trust FILE [--confirm FINGERPRINT] [--replace]",
	 "trust the office that signed a bundle or key file;\n"
	 "shows its key's fingerprint to check by phone"},
	{"sync key --out FILE [--force]", "this office's public key, for the other side to trust"},
	{"help", "this text"},
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
	fputs("usage: yekuo [--db FILE]                 start the terminal app\n"
	      "       yekuo [--db FILE] COMMAND …\n"
	      "\n"
	      "commands:\n",
	      f);
	for (size_t i = 0; i < DOC_COUNT; i++) {
		const struct cli_doc *d = &docs[i];
		int len;

		if (!d->synopsis) {
			fputs("      ", f);
			print_lines(f, d->what, 6);
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
		print_lines(f, d->what, WHAT_COL);
		fputc('\n', f);
	}
	fputs("\nexit status:\n", f);
	for (size_t i = 0; i < cli_exit_count; i++)
		fprintf(f, "  %d  %s\n", cli_exit_table[i].code, cli_exit_table[i].what);
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
		roff_text(f, d->what, strlen(d->what));
		fputc('\n', f);
	}
}

static void
man_exit_status(FILE *f)
{
	for (size_t i = 0; i < cli_exit_count; i++) {
		fprintf(f, ".TP\n.B %d\n", cli_exit_table[i].code);
		roff_text(f, cli_exit_table[i].what, strlen(cli_exit_table[i].what));
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
		return cli_fail("help --complete: commands, kinds, options, stages, regions, "
				"categories, profiles or cases, not '%s'", what);
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
			return cli_fail("help --man: commands or exit-status, not '%s'", argv[1]);
		return EXIT_OK;
	}
	if (argc != 0)
		return cli_fail("usage: yekuo help");
	print_help(stdout);
	return EXIT_OK;
}
