#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/rules.h"

/* `yekuo rules list|show` and `yekuo limits`: the rule profiles as data
 * (docs/rules-format.md) and the limits a case would get. Output is one
 * fact per line, tab-separated, so scripts and tests can cut it. */

static void
print_limit(int limit)
{
	if (limit == RULE_NO_LIMIT)
		fputs("-", stdout);
	else
		printf("%d", limit);
}

static const char *
or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* "capacity > 1250 kVA; kV < 35; applied 2022-01-01..2022-12-31" or
 * "always". */
static void
print_conditions(const struct rule_variant *v)
{
	const char *unit = category_is_hv(v->category) ? "kVA" : "kW";
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];
	int n = 0;

	fputs("\twhen\t", stdout);
	if (v->cap_above >= 0)
		printf("%scapacity > %g %s", n++ ? "; " : "", v->cap_above, unit);
	if (v->cap_max >= 0)
		printf("%scapacity <= %g %s", n++ ? "; " : "", v->cap_max, unit);
	if (v->kv_min >= 0)
		printf("%skV >= %g", n++ ? "; " : "", v->kv_min);
	if (v->kv_below >= 0)
		printf("%skV < %g", n++ ? "; " : "", v->kv_below);
	if (v->applied_from != YK_DATE_NONE && v->applied_to != YK_DATE_NONE)
		printf("%sapplied %s..%s", n++ ? "; " : "", date_format(v->applied_from, b1),
		       date_format(v->applied_to, b2));
	else if (v->applied_from != YK_DATE_NONE)
		printf("%sapplied >= %s", n++ ? "; " : "", date_format(v->applied_from, b1));
	else if (v->applied_to != YK_DATE_NONE)
		printf("%sapplied <= %s", n++ ? "; " : "", date_format(v->applied_to, b1));
	puts(n ? "" : "always");
}

static void
print_variant(const struct rule_variant *v)
{
	printf("category\t%s\t%s\n", category_code(v->category), v->label);
	print_conditions(v);
	for (size_t i = 0; i < v->nsteps; i++) {
		printf("\tstep\t%s\t", v->steps[i].code);
		print_limit(v->steps[i].limit);
		printf("\t%s\n", v->steps[i].name);
	}
	fputs("\ttotal\t", stdout);
	print_limit(v->total);
	fputs("\n\twhole\t", stdout);
	if (v->whole_without == RULE_NO_LIMIT) {
		puts("-");
	} else {
		printf("%d\t%d\tfrom %s\n", v->whole_without, v->whole_with,
		       v->whole_from == WHOLE_FROM_APPOINTMENT ? "appointment" : "application");
	}
	fputs("\tapproval\t", stdout);
	print_limit(v->approval_limit);
	printf("\n\tsurvey\t%s\n", v->survey_required ? "required" : "-");
	/* the scope's capacity ceiling, one line an area (shown only where set) */
	for (int a = 0; a < AREA_COUNT; a++)
		if (v->scope_max[a] >= 0)
			printf("\tscope-max\t%s\t%g\t%s\n", area_code((enum yk_area)a), v->scope_max[a],
			       v->scope_note[a]);
}

static int
rules_list(struct app *app, int argc, char **argv)
{
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

	(void)argv;
	if (argc != 0)
		return cli_fail(_("用法：yekuo rules list"));
	if (cli_need_rules(app) < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < rules_count(app->rules); i++) {
		const struct rule_profile *p = rules_at(app->rules, i);

		printf("%s\t%s\t%s\t%s\t%s\n", p->id, p->region, date_format(p->from, b1),
		       date_format(p->to, b2), p->source);
	}
	return EXIT_OK;
}

static int
bad_category(const char *s)
{
	return cli_fail(_("--category '%s' 不是用电类别（lv-resident、lv-sanling、lv-other、lv-charging、hv-single、hv-dual）"),
			s);
}

static int
rules_show(struct app *app, int argc, char **argv)
{
	const struct rule_profile *p;
	const char *id = NULL, *catarg = NULL;
	int cat = -1, shown = 0;
	char b[YK_DATE_BUFSZ];

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--category") == 0) {
			if (i + 1 >= argc)
				return cli_fail(_("--category 后面要写一个值"));
			catarg = argv[++i];
		} else if (strncmp(argv[i], "--category=", 11) == 0) {
			catarg = argv[i] + 11;
		} else if (argv[i][0] == '-') {
			return cli_fail(_("未知的选项 '%s'（用法：yekuo rules show 规则 [--category 类别]）"),
					argv[i]);
		} else if (id) {
			return cli_fail(_("用法：yekuo rules show 规则 [--category 类别]"));
		} else {
			id = argv[i];
		}
	}
	if (!id)
		return cli_fail(_("用法：yekuo rules show 规则 [--category 类别]"));
	if (catarg && (cat = category_from_code(catarg)) < 0)
		return bad_category(catarg);
	if (cli_need_rules(app) < 0)
		return EXIT_USAGE;
	p = rules_by_id(app->rules, id);
	if (!p)
		return cli_fail_with(EXIT_NOT_FOUND, _("规则 '%s' 不是已载入的时限规则（见 yekuo rules list）"), id);
	printf("profile\t%s\n", p->id);
	printf("region\t%s\n", p->region);
	printf("effective\t%s\n", date_format(p->from, b));
	printf("until\t%s\n", date_format(p->to, b));
	printf("source\t%s\n", p->source);
	printf("file\t%s\n", p->file);
	printf("prefix\t%s\n", p->prefix);
	printf("region-name\t%s\n", p->region_name);
	printf("filing-to\t%s\n", or_dash(p->filing_to));
	if (p->filing_due_day)
		printf("filing-due\t%d\t%s\n", p->filing_due_day, or_dash(p->filing_due));
	else
		printf("filing-due\t-\t%s\n", or_dash(p->filing_due));
	/* 回访: the profile's period, or the default and why (docs/rules-format.md) */
	printf("follow-up\t%d\t%s\n", p->follow_up_days, p->follow_up_source);
	/* 容缺受理 allowed, with its basis (shown only where a profile allows it) */
	if (p->incomplete_acceptance[0])
		printf("incomplete-acceptance\t%s\n", p->incomplete_acceptance);
	for (size_t i = 0; i < p->nvariants; i++) {
		if (cat >= 0 && (int)p->variants[i].category != cat)
			continue;
		print_variant(&p->variants[i]);
		shown++;
	}
	if (cat >= 0 && !shown) {
		fprintf(stderr, _("yekuo: %s 没有 %s 的时限\n"), p->id, catarg);
		return EXIT_NO;
	}
	return EXIT_OK;
}

int
cmd_rules(struct app *app, int argc, char **argv)
{
	if (argc < 1)
		return cli_fail(_("用法：yekuo rules list|show …"));
	if (strcmp(argv[0], "list") == 0)
		return rules_list(app, argc - 1, argv + 1);
	if (strcmp(argv[0], "show") == 0)
		return rules_show(app, argc - 1, argv + 1);
	return cli_fail(_("未知的 rules 命令 '%s'（list、show）"), argv[0]);
}

/* ---- limits ------------------------------------------------------------ */

/* A positive decimal number such as 160 or 0.38 — nothing else, so that
 * "--capacity 1e3" or "--capacity 12kW" is refused rather than misread. */
static int
parse_positive(const char *s, const char *what, double *out)
{
	const char *p = s;
	int digits = 0, dot = 0;
	char *end;

	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot && digits)
			dot = 1;
		else
			break;
	}
	if (*p || !digits || s[strlen(s) - 1] == '.') {
		cli_fail(_("%s '%s' 不是正数（如 160 或 0.38）"), what, s);
		return -1;
	}
	*out = strtod(s, &end);
	if (*end || !isfinite(*out) || *out <= 0 || *out > 1e9) {
		cli_fail(_("%s '%s' 必须是正数"), what, s);
		return -1;
	}
	return 0;
}

struct limits_opts {
	const char *region, *category, *date, *capacity, *kv;
	int external_works;
};

/* "--name VALUE" or "--name=VALUE" into *slot; 1 if argv[*i] was it. */
static int
take_opt(int argc, char **argv, int *i, const char *name, const char **slot, int *rc)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0 || (argv[*i][n] != '\0' && argv[*i][n] != '='))
		return 0;
	if (*slot) {
		*rc = cli_fail(_("%s 写了两次"), name);
		return 1;
	}
	if (argv[*i][n] == '=') {
		*slot = argv[*i] + n + 1;
	} else if (*i + 1 < argc) {
		*slot = argv[++*i];
	} else {
		*rc = cli_fail(_("%s 后面要写一个值"), name);
		return 1;
	}
	if (!**slot)
		*rc = cli_fail(_("%s 是空的"), name);
	return 1;
}

static void
known_regions(const struct yk_rules *rules, char *buf, size_t bufsz)
{
	size_t len = 0;

	buf[0] = '\0';
	len += (size_t)snprintf(buf, bufsz, "national");
	for (size_t i = 0; i < rules_count(rules) && len < bufsz; i++) {
		const char *r = rules_at(rules, i)->region;
		int seen = strcmp(r, "national") == 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(rules_at(rules, j)->region, r) == 0;
		if (!seen)
			len += (size_t)snprintf(buf + len, bufsz - len, ", %s", r);
	}
}

/* Does any variant of `cat` depend on capacity (want_cap) or voltage? */
static int
depends_on(const struct rule_profile *p, enum yk_category cat, int want_cap)
{
	for (size_t i = 0; i < p->nvariants; i++) {
		const struct rule_variant *v = &p->variants[i];

		if (v->category != cat)
			continue;
		if (want_cap ? (v->cap_above >= 0 || v->cap_max >= 0)
			     : (v->kv_min >= 0 || v->kv_below >= 0))
			return 1;
	}
	return 0;
}

int
cmd_limits(struct app *app, int argc, char **argv)
{
	struct limits_opts o = {0};
	const struct rule_profile *p;
	const struct rule_variant *v;
	yk_date applied;
	double capacity = -1, kv = 0;
	int cat, rc = EXIT_OK, has_cat = 0;
	yk_error err;
	char regions[512];
	static const char *const usage = N_("用法：yekuo limits --region 地区 --category 类别 --date 日期 [--external-works] [--capacity 容量] [--kv 电压]");

	for (int i = 0; i < argc && rc == EXIT_OK; i++) {
		if (strcmp(argv[i], "--external-works") == 0) {
			o.external_works = 1;
			continue;
		}
		if (take_opt(argc, argv, &i, "--region", &o.region, &rc) ||
		    take_opt(argc, argv, &i, "--category", &o.category, &rc) ||
		    take_opt(argc, argv, &i, "--date", &o.date, &rc) ||
		    take_opt(argc, argv, &i, "--capacity", &o.capacity, &rc) ||
		    take_opt(argc, argv, &i, "--kv", &o.kv, &rc))
			continue;
		return cli_fail(_("未知的参数 '%s'（%s）"), argv[i], _(usage));
	}
	if (rc != EXIT_OK)
		return rc;
	if (!o.region)
		return cli_fail(_("缺少 --region 地区（%s）"), _(usage));
	if (!o.category)
		return cli_fail(_("缺少 --category 类别（%s）"), _(usage));
	if (!o.date)
		return cli_fail(_("缺少 --date 日期，即申请日期 YYYY-MM-DD（%s）"), _(usage));
	cat = category_from_code(o.category);
	if (cat < 0)
		return bad_category(o.category);
	if (cli_date(o.date, "--date", &applied) < 0)
		return EXIT_USAGE;
	if (o.capacity && parse_positive(o.capacity, "--capacity", &capacity) < 0)
		return EXIT_USAGE;
	if (o.kv && parse_positive(o.kv, "--kv", &kv) < 0)
		return EXIT_USAGE;
	/* docs/domain §3: LV is below 1 kV. A voltage that contradicts the
	 * category is a typo in one of them. */
	if (o.kv && category_is_hv((enum yk_category)cat) != (kv >= 1))
		return cli_fail(_("--kv %s 与 --category %s 不符（%s）"), o.kv, o.category,
				category_is_hv((enum yk_category)cat)
					? _("高压是 1 kV 及以上")
					: _("低压是 1 kV 以下"));
	if (cli_need_rules(app) < 0)
		return EXIT_USAGE;
	if (!rules_region_known(app->rules, o.region)) {
		known_regions(app->rules, regions, sizeof regions);
		return cli_fail(_("--region '%s' 不是已知的地区：%s（没有自己时限规则的地区用 national）"),
				o.region, regions);
	}
	p = rules_find(app->rules, o.region, applied, &err);
	if (!p) {
		fprintf(stderr, "yekuo: %s\n", err.msg);
		return EXIT_NO;
	}
	for (size_t i = 0; i < p->nvariants; i++)
		has_cat |= (int)p->variants[i].category == cat;
	if (!has_cat) {
		fprintf(stderr, _("yekuo: %s 没有 %s 的时限\n"), p->id, o.category);
		return EXIT_NO;
	}
	v = rules_variant(p, (enum yk_category)cat, capacity, kv, applied, &err);
	if (!v) {
		if (!o.capacity && depends_on(p, (enum yk_category)cat, 1))
			return cli_fail(_("要写 --capacity：%s 按容量规定 %s 的时限（%s）"),
					p->id, o.category,
					category_is_hv((enum yk_category)cat) ? "kVA" : "kW");
		if (!o.kv && depends_on(p, (enum yk_category)cat, 0))
			return cli_fail(_("要写 --kv：%s 按供电电压规定 %s 的时限"), p->id,
					o.category);
		fprintf(stderr, "yekuo: %s\n", err.msg);
		return EXIT_NO;
	}
	printf("profile\t%s\n", p->id);
	for (size_t i = 0; i < v->nsteps; i++) {
		printf("%s\t", v->steps[i].code);
		print_limit(v->steps[i].limit);
		putchar('\n');
	}
	/* Whole-process categories answer with the whole-process limit for
	 * this case; the others with the sum of the stage limits. */
	fputs("total\t", stdout);
	if (v->whole_without != RULE_NO_LIMIT)
		print_limit(o.external_works ? v->whole_with : v->whole_without);
	else
		print_limit(v->total);
	putchar('\n');
	return EXIT_OK;
}
