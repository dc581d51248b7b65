#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "yekuo/cli/cli.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/core/clock.h"
#include "yekuo/core/division.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/promise.h"
#include "yekuo/core/settings.h"
#include "yekuo/store/keys.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/seals.h"
#include "yekuo/store/store.h"
#include "yekuo/store/sync.h"
#include "yekuo/store/views.h"
#include "yekuo/core/text.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* ---- yekuo init --------------------------------------------------------- */

int
cli_store_init(const struct payload *o, struct store_init *init)
{
	const char *office = payload_get(o, "office");

	init->training = payload_get(o, "training") != NULL;
	if (office) {
		if (!settings_office_ok(office)) {
			cli_fail(_("--office '%s'：应为 1 到 8 个大写字母或数字（它会写进案件编号）"), office);
			return -1;
		}
		snprintf(init->office, sizeof init->office, "%s", office);
	}
	return 0;
}

int
cmd_init(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--training", 0, "training"}, {"--office", 1, "office"},
		{"--passphrase", 0, "passphrase"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct store_init init = {0};
	struct office_keys k;
	const char *path;
	char *pos[1], *kpath, pass[256] = "";
	int npos, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0 || cli_store_init(&o, &init) < 0)
		goto out;
	/* A key file left where the new database goes belongs to another one. */
	path = app->db_path && *app->db_path ? app->db_path : store_default_path();
	if (store_is_server_path(path)) {
		cli_fail(_("%s: PostgreSQL 服务器数据库用 yekuo server init %s 建立（docs/deploy.md）；什么也没有创建"), path, path);
		goto out;
	}
	/* Two laptops that both took a default code would mint the same case
	 * numbers: a real database is given its own (docs/store.md). */
	if (!init.training && !init.office[0]) {
		cli_fail(_("新数据库要有自己的办事处代码：yekuo init --office 代码（1-8 位大写字母或数字，"
			   "写进案件编号；各台电脑、各营业厅各不相同）；未建任何文件"));
		goto out;
	}
	kpath = keys_path(path);
	if (access(kpath, F_OK) == 0) {
		cli_fail_with(EXIT_CONFLICT, _("%s 已经存在（以前那个数据库的密钥？）：请先把它移走；什么也没有创建"), kpath);
		free(kpath);
		goto out;
	}
	free(kpath);
	if (payload_get(&o, "passphrase") && keys_new_passphrase(pass, sizeof pass, &err) < 0) {
		cli_fail("%s", err.msg);
		goto out;
	}
	if (app_open_store(app, STORE_CREATE, &init, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	if (seals_init(app->st, pass, &k, &err) < 0) {
		cli_errorf(&err, _("%s（数据库 %s 已建立但没有密钥：请删除它，再运行一次 init）"), err.msg, store_path(app->st));
		goto out;
	}
	printf(init.training ? _("已建立培训库 %s（单位 %s）\n") : _("已建立数据库 %s（单位 %s）\n"),
	       store_path(app->st), store_office(app->st));
	printf(_("单位密钥 %s.key%s，指纹 %s\n"), store_path(app->st),
	       k.locked ? _("（用口令锁着）") : "", k.fingerprint);
	keys_free(&k);
	rc = EXIT_OK;
out:
	sodium_memzero(pass, sizeof pass);
	payload_free(&o);
	return rc;
}

/* ---- shared ------------------------------------------------------------- */

static int
need_all(struct app *app)
{
	if (cli_need_calendar(app) < 0 || cli_need_rules(app) < 0 ||
	    cli_need_store(app, STORE_OPEN) < 0)
		return -1;
	return 0;
}

static struct ledger
ledger_of(struct app *app)
{
	struct ledger l = {.st = app->st, .rules = app->rules, .operator_name = app->operator_name};

	return l;
}

/* --date D: the business date (default today); must be a real date. */
static int
opt_date(const struct payload *o, yk_date *out)
{
	const char *d = payload_get(o, "date");

	*out = YK_DATE_NONE;
	if (!d)
		return 0;
	return cli_date(d, "--date", out);
}

static void
print_summary(struct app *app, const char *case_no)
{
	struct case_state c;
	struct engine_result r;
	yk_error err;
	char b[YK_DATE_BUFSZ];

	if (store_get_case(app->st, case_no, &c, &err) != 0)
		return;
	if (case_clocks(&c, app->rules, app->cal, clock_today(), &r, NULL, &err) == 0) {
		char note[160];

		/* the answer names a calendar year it had no file for */
		engine_calendar_note(app->cal, &r, note, sizeof note);
		printf("%s\t%s\t%s\t%s\t%ld%s%s\n", case_no,
		       r.current[0] ? r.current : case_status_code(c.status), engine_state_code(r.state),
		       date_format(r.next_due, b), r.days_left, note[0] ? "\t" : "", note);
	}
	case_state_free(&c);
}

/* ---- options from the field table ------------------------------------------ */

/* Every field an event of `kinds` carries is an option --NAME (a flag takes
 * no value) stored under its key; then the extra options. */
static const struct cli_opt *
field_options(struct field_opts *fo, unsigned kinds, const struct cli_opt *extra)
{
	size_t n = 0;

	for (int i = 0; i < FLD_COUNT; i++) {
		const struct yk_field *f = field_at((enum field_id)i);
		size_t k;

		if (!(f->events & kinds) || f->automatic)
			continue;
		snprintf(fo->names[n], sizeof fo->names[n], "--%s", field_name(f));
		for (k = 0; k < n; k++)
			if (strcmp(fo->spec[k].name, fo->names[n]) == 0)
				break;
		if (k < n)
			continue; /* one key on several events: "reason" */
		fo->spec[n] = (struct cli_opt){fo->names[n], f->kind != FK_FLAG, f->key};
		n++;
	}
	for (; extra->name; extra++)
		fo->spec[n++] = *extra;
	fo->spec[n] = (struct cli_opt){NULL, 0, NULL};
	return fo->spec;
}

/* ---- yekuo case new ------------------------------------------------------ */

static int
case_new(struct app *app, int argc, char **argv)
{
	static const struct cli_opt extra[] = {
		{"--date", 1, "date"}, {"--materials", 1, "materials"}, {NULL, 0, NULL}};
	struct field_opts fo;
	struct payload o = {0};
	char *pos[1], case_no[CASE_NO_BUFSZ];
	int npos, rc = EXIT_USAGE;
	yk_date eff;
	yk_error err;
	struct ledger l;

	if (cli_parse(argc, argv, field_options(&fo, FIELD_BIT(EV_OPEN), extra), &o, pos, 0, &npos) < 0)
		goto out;
	for (int i = 0; i < FLD_COUNT; i++) {
		const struct yk_field *f = field_at((enum field_id)i);

		if (f->required && field_in_event(f, EV_OPEN, -1) && !payload_get(&o, f->key)) {
			cli_fail(_("必须写 --%s"), field_name(f));
			goto out;
		}
	}
	if (payload_get(&o, "materials") && !*payload_get(&o, "materials")) {
		cli_fail(_("--materials 是空的：请列出收到的资料（如 id,property），或者不写"));
		goto out;
	}
	if (opt_date(&o, &eff) < 0 || need_all(app) < 0)
		goto out;
	fields_normalise(&o);
	l = ledger_of(app);
	{
		/* the materials go into their own event, not the opening's data */
		struct payload fields = {0};
		int rc2;

		for (size_t i = 0; i < o.n; i++)
			if (strcmp(o.items[i].key, "materials") != 0 && strcmp(o.items[i].key, "date") != 0)
				payload_set(&fields, o.items[i].key, o.items[i].val);
		rc2 = ledger_open_case_with(&l, &fields, eff, payload_get(&o, "materials"), case_no, &err);
		payload_free(&fields);
		if (rc2 < 0) {
			cli_error(&err);
			goto out;
		}
	}
	printf("%s\n", case_no);
	rc = EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

/* ---- yekuo case event ---------------------------------------------------- */

const struct cli_opt *
cli_event_options(struct field_opts *fo, int kind)
{
	static const struct cli_opt extra[] = {
		{"--date", 1, "date"}, {"--set", 1, "set"}, {NULL, 0, NULL}};

	return field_options(fo, kind < 0 ? ~FIELD_BIT(EV_OPEN) : FIELD_BIT(kind), extra);
}

static int
case_event(struct app *app, int argc, char **argv)
{
	struct field_opts fo;
	struct payload o = {0};
	char *pos[3];
	int npos, kind, rc = EXIT_USAGE;
	yk_date eff;
	yk_error err;
	struct ledger l;

	if (cli_parse(argc, argv, cli_event_options(&fo, -1), &o, pos, 3, &npos) < 0)
		goto out;
	for (size_t i = 0; i < o.n; i++)
		if (strncmp(o.items[i].key, "set.", 4) == 0 && !field_find(o.items[i].key + 4, EV_KIND_COUNT)) {
			cli_fail(_("--set %s=…：'%s' 不是任何事件的字段（docs/store.md）"),
				 o.items[i].key + 4, o.items[i].key + 4);
			goto out;
		}
	if (npos < 2) {
		cli_fail(_("用法：yekuo case event 案件 种类 [环节] [选项]"));
		goto out;
	}
	kind = ev_kind_from_code(pos[1]);
	if (kind < 0 || kind == EV_OPEN) {
		cli_fail(_("事件 '%s' 不是 start、materials、done、suspend、resume、filing、correct、withdraw、"
			   "permit-apply、permit-grant、assign、contract、fast-lane、follow-up、cost、survey 之一"),
			 pos[1]);
		goto out;
	}
	if (npos == 3)
		payload_set(&o, "stage", pos[2]);
	if (payload_get(&o, "stage") && stage_from_code(payload_get(&o, "stage")) < 0) {
		cli_fail(_("环节 '%s' 不是 accept、plan、design、midcheck、final、energise 之一"),
			 payload_get(&o, "stage"));
		goto out;
	}
	if (opt_date(&o, &eff) < 0)
		goto out;
	{
		/* the date is the event's own; the stored data holds business fields */
		struct payload clean = {0};

		for (size_t i = 0; i < o.n; i++)
			if (strcmp(o.items[i].key, "date") != 0)
				payload_set(&clean, o.items[i].key, o.items[i].val);
		payload_free(&o);
		o = clean;
	}
	if (need_all(app) < 0)
		goto out;
	l = ledger_of(app);
	if (ledger_append(&l, pos[0], (enum ev_kind)kind, eff, &o, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	print_summary(app, pos[0]);
	rc = EXIT_OK;
out:
	payload_free(&o);
	return rc;
}

/* ---- yekuo case show ----------------------------------------------------- */

/* A clock's step for people, padded to 16 columns: its stages' names
 * ("业务受理+供电方案答复"), or 合计 / 全流程 for "total" / "whole". */
static void
clock_step_name(const char *code, char *out, size_t outsz)
{
	char names[96] = "", part[48];
	size_t len = 0;

	if (strcmp(code, "total") == 0 || strcmp(code, "whole") == 0) {
		snprintf(names, sizeof names, "%s", strcmp(code, "total") == 0 ? _("合计") : _("全流程"));
	} else {
		for (const char *p = code; *p && len < sizeof names;) {
			size_t n = strcspn(p, "+");
			int s;

			snprintf(part, sizeof part, "%.*s", (int)n, p);
			s = stage_from_code(part);
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", len ? "+" : "",
						s < 0 ? part : _(stage_name_zh((enum yk_stage)s)));
			p += n + (p[n] == '+');
		}
	}
	text_pad(names, 16, out, outsz);
}

static void
show_clock(FILE *f, const struct engine_clock *k, int tsv)
{
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ], b3[YK_DATE_BUFSZ], lim[16];

	if (k->limit == RULE_NO_LIMIT)
		snprintf(lim, sizeof lim, "-");
	else
		snprintf(lim, sizeof lim, "%d", k->limit);
	if (tsv)
		fprintf(f, "clock\t%s\t%s\t%s\t%s\t%s\t%ld\t%ld\t%s%s%s\n", k->code, lim,
			date_format(k->started, b1), date_format(k->due, b2), date_format(k->done, b3),
			k->elapsed, k->remaining, engine_state_code(k->state), k->filed ? "\tfiled" : "",
			k->approval ? "\tapproval" : "");
	else {
		char state[64];

		if (k->state == ES_OVERDUE && k->late_by > 0)
			snprintf(state, sizeof state, "%s %ld", _(engine_state_zh(k->state)), k->late_by);
		else if (k->state == ES_DONE_LATE)
			snprintf(state, sizeof state, "%s %ld", _(engine_state_zh(k->state)), k->late_by);
		else
			snprintf(state, sizeof state, "%s", _(engine_state_zh(k->state)));
		char step[96], appr[64] = "";

		/* a permit's clock is named by its permit, a side clock by itself */
		if (strncmp(k->code, "approval.", 9) == 0 || strcmp(k->code, "promise") == 0 ||
		    strcmp(k->code, "follow-up") == 0)
			text_pad(_(k->name), 16, step, sizeof step);
		else
			clock_step_name(k->code, step, sizeof step);
		if (k->approval)
			snprintf(appr, sizeof appr, _("（其中审批 %ld 天）"), k->approval);
		fprintf(f, "  %s %4s  %-10s  %-10s  %-10s  %7ld  %9ld  %s%s%s\n", step, lim,
			date_format(k->started, b1), date_format(k->due, b2), date_format(k->done, b3),
			k->elapsed, k->remaining, state, k->filed ? _("（备案）") : "", appr);
	}
}

/* Stored text shown on a terminal: visibly (text_visible), whatever an
 * older version or another office let in. */
static char *shown;
static size_t shown_cap;

static const char *
visible(const char *s)
{
	return text_visible(s, 0, &shown, &shown_cap);
}

static void
field(int tsv, const char *key, const char *zh, const char *val)
{
	char label[64];

	if (tsv) {
		printf("%s\t%s\n", key, visible(val));
	} else {
		text_pad(_(zh), 14, label, sizeof label);
		printf("%s %s\n", label, visible(val));
	}
}

/* yes/no for scripts, 是/否 for people */
static const char *
yes_no(int tsv, int v)
{
	if (tsv)
		return v ? "yes" : "no";
	return v ? _("是") : _("否");
}

/* The clocks' column titles, each padded to its column by display width
 * (a title may be Chinese); the numbers right-aligned under theirs. */
static void
clock_header(void)
{
	static const struct {
		const char *title;
		int width, right;
	} cols[] = {{N_("环节"), 16, 0}, {N_("时限"), 4, 1},    {N_("开始"), 10, 0},
		    {N_("到期"), 10, 0}, {N_("完成"), 10, 0},   {N_("已用"), 7, 1},
		    {N_("剩余"), 9, 1},  {N_("状态"), 0, 0}};
	static const char *const gap[] = {" ", "  ", "  ", "  ", "  ", "  ", "  ", ""};

	printf("\n  ");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		const char *t = _(cols[i].title);
		int pad = cols[i].width - text_width(t);

		if (cols[i].right && pad > 0)
			printf("%*s", pad, "");
		fputs(t, stdout);
		if (!cols[i].right && pad > 0 && cols[i].width)
			printf("%*s", pad, "");
		fputs(gap[i], stdout);
	}
	putchar('\n');
}

/* A case field: its option name in tsv, its title in text. */
static void
show_field(int tsv, enum field_id id, const char *val)
{
	field(tsv, field_name(field_at(id)), field_title(field_at(id)), val);
}

/* An enumerated value as people read it: its option's name, else itself. */
static const char *
value_shown(const struct yk_field *f, const char *val)
{
	const struct field_option *o = f && f->options ? field_option(f, val) : NULL;

	return o ? _(o->zh) : val;
}

/* The materials received, by name: "id,property" of a stage's checklist
 * as "申请人有效身份证明、用电地址物业权属证明"; a code not on it as itself. */
static const char *
items_shown(const char *codes, const char *stage, char *out, size_t outsz)
{
	int s = stage ? stage_from_code(stage) : -1;
	size_t len = 0;

	out[0] = '\0';
	for (const char *p = codes; *p && len < outsz;) {
		size_t n = strcspn(p, ",");
		const char *name = NULL;
		char code[64];

		snprintf(code, sizeof code, "%.*s", (int)n, p);
		if (s >= 0 && case_material_name((enum yk_stage)s, code))
			name = _(case_material_name((enum yk_stage)s, code));
		len += (size_t)snprintf(out + len, outsz - len, "%s%.*s", len ? _("、") : "",
					name ? (int)strlen(name) : (int)n, name ? name : p);
		p += n + (p[n] == ',');
	}
	return out;
}

/* Event data for display: personal numbers masked unless asked; for
 * scripts (tsv) key=value;…, for people each field's name and value. */
static char *
event_data_line(const struct yk_event *ev, int unmasked, int tsv)
{
	struct payload p = {0};
	char *data;

	payload_copy(&p, &ev->data);
	for (size_t i = 0; i < p.n; i++) {
		const struct yk_field *f = field_find(p.items[i].key, ev->kind);
		char m[VALIDATE_MASK_BUFSZ];

		if (f && f->mask != FM_NONE) {
			field_show(f, p.items[i].val, &ev->data, unmasked, m, sizeof m);
			payload_set(&p, f->key, m);
		}
	}
	if (!tsv) {
		size_t len = 0, cap = 1;

		data = xstrdup("");
		for (size_t i = 0; i < p.n; i++) {
			const struct yk_field *f = field_find(p.items[i].key, ev->kind);
			const char *name = f ? _(field_brief(f)) : p.items[i].key;
			char items[512];
			const char *val = value_shown(f, p.items[i].val);
			size_t need;

			if (f == field_at(FLD_ITEMS))
				val = items_shown(val, payload_get(&p, FKEY(FLD_STAGE)), items, sizeof items);
			need = strlen(name) + strlen(val) + 8;

			data = xgrow(data, &cap, len + need, 1);
			len += (size_t)snprintf(data + len, cap - len, "%s%s%s%s", i ? _("；") : "",
						name, _("："), val);
		}
	} else {
		data = payload_serialize(&p);
		for (char *c = data; *c; c++)
			if (*c == '\n')
				*c = c[1] ? ';' : '\0';
	}
	payload_free(&p);
	{
		const char *v = visible(data);

		if (v != data) {
			free(data);
			data = xstrdup(v);
		}
	}
	return data;
}

/* 重走 (003 row 15), on both cases: the withdrawn case a new one re-runs
 * with the decision on its clocks, and on the withdrawn case the cases
 * that re-run it. */
static void
show_rerun(struct app *app, const struct case_state *c, int tsv)
{
	char buf[600];
	char **list = NULL;
	size_t n = 0, len = 0;
	yk_error err;

	if (c->rerun_of[0]) {
		if (tsv) {
			field(1, "rerun-of", "", c->rerun_of);
			field(1, "rerun-clock", "", c->rerun_keep ? "keep" : "restart");
			if (!c->rerun_keep)
				field(1, "restart-reason", "", c->restart_reason);
		} else {
			case_rerun_text(c, buf, sizeof buf);
			field(0, "rerun-of", N_("重走原案件"), buf);
		}
	}
	if (c->status != CASE_WITHDRAWN)
		return;
	if (store_reruns_of(app->st, c, &list, &n, &err) < 0) {
		cli_warn("%s", err.msg);
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", list[i]);
	if (n)
		field(tsv, "rerun-by", N_("重走案件"), buf);
	store_list_free(list, n);
}

/* 契约式接电, 绿色通道, 回访 and 投资界面 on the case (001 附件1 rows 8, 10;
 * 003 附件1 rows 22, 33-38). */
static void
show_side(const struct case_state *c, int tsv)
{
	char buf[400], b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

	if (c->promised != YK_DATE_NONE) {
		if (tsv)
			snprintf(buf, sizeof buf, "%s%s%s", date_format(c->promised, b1),
				 c->works_by != YK_DATE_NONE ? " works-by " : "",
				 c->works_by != YK_DATE_NONE ? date_format(c->works_by, b2) : "");
		else if (c->works_by != YK_DATE_NONE)
			snprintf(buf, sizeof buf, _("%s（约定工程完工 %s）"), date_format(c->promised, b1),
				 date_format(c->works_by, b2));
		else
			snprintf(buf, sizeof buf, "%s", date_format(c->promised, b1));
		field(tsv, "promised", N_("约定接电"), buf);
	}
	if (c->fast_lane[0])
		field(tsv, "fast-lane", N_("绿色通道"),
		      tsv ? c->fast_lane : value_shown(field_at(FLD_MAJOR), c->fast_lane));
	if (c->follow_calls) {
		if (tsv)
			snprintf(buf, sizeof buf, "%s %s %d calls %d", c->follow_outcome,
				 date_format(c->followed_up, b1), c->satisfaction, c->follow_calls);
		else if (c->satisfaction)
			snprintf(buf, sizeof buf, _("%s %s，满意度 %d 分（共回访 %d 次）"),
				 value_shown(field_at(FLD_OUTCOME), c->follow_outcome),
				 date_format(c->followed_up, b1), c->satisfaction, c->follow_calls);
		else
			snprintf(buf, sizeof buf, _("%s %s（共回访 %d 次）"),
				 value_shown(field_at(FLD_OUTCOME), c->follow_outcome),
				 date_format(c->followed_up, b1), c->follow_calls);
		field(tsv, "follow-up", N_("回访"), buf);
	}
	if (c->cost_recorded) {
		if (tsv)
			snprintf(buf, sizeof buf, "%g %g", c->customer_paid, c->grid_invested);
		else
			snprintf(buf, sizeof buf, _("客户承担 %g 万元；电网投资 %g 万元"), c->customer_paid,
				 c->grid_invested);
		field(tsv, "cost", N_("投资界面"), buf);
	}
}

/* The clocks beside the legal ones, in the clocks' table. */
static void
show_side_clocks(struct app *app, const struct case_state *c, int tsv)
{
	struct side_clock sc;
	struct engine_clock k;
	yk_error err;
	int days = case_follow_up_days(c, app->rules);

	if (case_promise_clock(c, app->cal, clock_today(), &sc, &err) == 0 && sc.has) {
		memset(&k, 0, sizeof k);
		snprintf(k.code, sizeof k.code, "promise");
		snprintf(k.name, sizeof k.name, "%s", N_("约定接电"));
		k.limit = RULE_NO_LIMIT;
		k.started = YK_DATE_NONE;
		k.due = sc.due;
		k.done = sc.done;
		k.remaining = sc.left;
		k.late_by = sc.left < 0 ? -sc.left : 0;
		k.state = sc.state;
		show_clock(stdout, &k, tsv);
	}
	if (case_follow_up_clock(c, days, app->cal, clock_today(), &sc, &err) == 0 && sc.has) {
		memset(&k, 0, sizeof k);
		snprintf(k.code, sizeof k.code, "follow-up");
		snprintf(k.name, sizeof k.name, "%s", N_("回访"));
		k.limit = days;
		k.started = c->closed_on;
		k.due = sc.due;
		k.done = sc.done;
		k.elapsed = days - sc.left;
		k.remaining = sc.left;
		k.late_by = sc.left < 0 ? -sc.left : 0;
		k.state = sc.state;
		show_clock(stdout, &k, tsv);
	}
}

static int
case_show(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--format", 1, "format"}, {"--unmasked", 0, "unmasked"}, {NULL, 0, NULL}};
	struct payload o = {0};
	char *pos[1], buf[1400], b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];
	int npos, tsv = 0, unmasked, rc = EXIT_USAGE;
	struct yk_event *evs = NULL;
	size_t n = 0;
	struct case_state c;
	struct engine_result r;
	const struct rule_profile *prof;
	yk_error err;
	struct ledger l;

	if (cli_parse(argc, argv, spec, &o, pos, 1, &npos) < 0)
		goto out;
	if (npos != 1) {
		cli_fail(_("用法：yekuo case show 案件 [--format text|tsv] [--unmasked]"));
		goto out;
	}
	tsv = cli_format_tsv(payload_get(&o, "format"));
	if (tsv < 0)
		goto out;
	unmasked = payload_get(&o, "unmasked") != NULL;
	if (need_all(app) < 0)
		goto out;
	l = ledger_of(app);
	if (ledger_load(&l, pos[0], &evs, &n, &c, &err) < 0) {
		rc = cli_error(&err);
		goto out;
	}
	if (case_clocks(&c, app->rules, app->cal, clock_today(), &r, &prof, &err) < 0) {
		cli_errorf(&err, "%s: %s", c.case_no, err.msg);
		case_state_free(&c);
		goto out;
	}
	field(tsv, "case", N_("案件编号"), c.case_no);
	field(tsv, "status", N_("状态"),
	      tsv ? case_status_code(c.status) : _(case_status_name(c.status)));
	show_rerun(app, &c, tsv);
	show_field(tsv, FLD_NAME, c.name);
	show_field(tsv, FLD_ID_TYPE, tsv ? c.id_type : value_shown(field_at(FLD_ID_TYPE), c.id_type));
	field_show(field_at(FLD_ID), c.id_no, NULL, unmasked, buf, sizeof buf);
	show_field(tsv, FLD_ID, buf);
	field_show(field_at(FLD_PHONE), c.phone, NULL, unmasked, buf, sizeof buf);
	show_field(tsv, FLD_PHONE, buf);
	show_field(tsv, FLD_ADDRESS, c.address);
	if (!tsv && rules_region_name(app->rules, c.region))
		snprintf(buf, sizeof buf, "%s（%s）", rules_region_name(app->rules, c.region), c.region);
	else
		snprintf(buf, sizeof buf, "%s", c.region);
	show_field(tsv, FLD_REGION, buf);
	show_field(tsv, FLD_CATEGORY, tsv ? category_code(c.category) : _(category_name_zh(c.category)));
	snprintf(buf, sizeof buf, "%g %s", c.capacity, c.unit);
	show_field(tsv, FLD_CAPACITY, buf);
	snprintf(buf, sizeof buf, "%g", c.kv);
	show_field(tsv, FLD_KV, buf);
	show_field(tsv, FLD_EXTERNAL, yes_no(tsv, c.external_works));
	show_field(tsv, FLD_SANLING, yes_no(tsv, c.sanling_eligible));
	if (c.area[0])
		show_field(tsv, FLD_AREA, tsv ? c.area : value_shown(field_at(FLD_AREA), c.area));
	if (c.division[0]) {
		char full[256], shown[300];
		yk_error derr;

		/* the names from the division files; the code alone without them */
		if (!tsv && app_load_divisions(app, &derr) == 0) {
			division_full_name(app->divisions, c.division, full, sizeof full);
			snprintf(shown, sizeof shown, "%s（%s）", full, c.division);
		} else {
			snprintf(shown, sizeof shown, "%s", c.division);
		}
		show_field(tsv, FLD_DIVISION, shown);
	}
	if (c.hv_confirmation[0])
		show_field(tsv, FLD_HV_CONFIRMATION, c.hv_confirmation);
	field(tsv, "applied", N_("申请日期"), date_format(c.applied, b1));
	show_field(tsv, FLD_APPOINTMENT, date_format(c.appointment, b1));
	if (c.surveyed != YK_DATE_NONE)
		field(tsv, "surveyed", N_("现场勘察"), date_format(c.surveyed, b1));
	if (c.done[STAGE_ACCEPT] != YK_DATE_NONE) {
		char missing[512], v[600];
		int nm = case_incomplete(&c, missing, sizeof missing);

		/* 容缺受理: accepted with these still missing */
		if (nm) {
			snprintf(v, sizeof v, tsv ? "%d\t%s" : _("尚缺 %d 项：%s"), nm, missing);
			field(tsv, "incomplete", N_("容缺受理"), v);
		}
	}
	snprintf(buf, sizeof buf, "%s (%s)", prof->id, prof->source);
	field(tsv, "profile", N_("时限规则"), tsv ? prof->id : buf);
	snprintf(buf, sizeof buf, "%d-%d", r.year_from, r.year_to);
	field(tsv, "calendar", N_("工作日历"), buf);
	if (engine_calendar_note(app->cal, &r, buf, sizeof buf))
		field(tsv, "warning", N_("注意"), buf);
	for (int s = 0; s < STAGE_COUNT; s++) {
		size_t nm;
		const struct material *m = case_materials((enum yk_stage)s, case_checklist(&c), &nm);
		size_t len = 0;

		if (!nm || !(r.stages >> s & 1))
			continue;
		buf[0] = '\0';
		for (size_t i = 0; i < nm; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%s", i ? ", " : "",
						(c.materials[s] >> i) & 1 ? "[x] " : "[ ] ",
						tsv ? m[i].code : _(m[i].zh));
		snprintf(b1, sizeof b1, "%s", stage_code((enum yk_stage)s));
		{
			char key[48];

			snprintf(key, sizeof key, "materials.%s", b1);
			field(tsv, key, tsv ? key : stage_name_zh((enum yk_stage)s), buf);
		}
	}
	if (c.supply_point[0])
		show_field(tsv, FLD_SUPPLY_POINT, c.supply_point);
	if (c.line[0])
		show_field(tsv, FLD_LINE, c.line);
	if (c.transformer[0])
		show_field(tsv, FLD_TRANSFORMER, c.transformer);
	if (c.metering[0])
		show_field(tsv, FLD_METERING, c.metering);
	if (c.meter_no[0])
		show_field(tsv, FLD_METER_NO, c.meter_no);
	for (size_t i = 0; i < c.nsusp; i++) {
		snprintf(buf, sizeof buf, "%s..%s %s %s", date_format(c.susp[i].from, b1),
			 c.susp[i].to == YK_DATE_NONE ? "" : date_format(c.susp[i].to, b2),
			 tsv ? susp_reason_code(c.susp[i].reason) : _(susp_reason_zh(c.susp[i].reason)),
			 c.susp[i].note);
		field(tsv, "suspension", N_("挂起"), buf);
		/* its legal basis, and whether the seeds exempt it */
		snprintf(buf, sizeof buf, "%s %s", tsv ? (susp_reason_exempt(c.susp[i].reason) ? "exempt" : "counted")
						     : susp_reason_exempt(c.susp[i].reason) ? _("豁免") : _("不豁免"),
			 _(susp_reason_basis(c.susp[i].reason)));
		field(tsv, "suspension-basis", N_("停表依据"), buf);
	}
	if (c.customer_manager[0])
		field(tsv, "customer-manager", N_("客户经理"), c.customer_manager);
	if (c.project_manager[0])
		field(tsv, "project-manager", N_("项目经理"), c.project_manager);
	for (size_t i = 0; i < c.npermits; i++) {
		const struct case_permit *pm = &c.permits[i];

		snprintf(buf, sizeof buf, "%s %s..%s %s", tsv ? pm->kind : value_shown(field_at(FLD_PERMIT), pm->kind),
			 date_format(pm->applied, b1),
			 pm->granted == YK_DATE_NONE ? "" : date_format(pm->granted, b2), pm->authority);
		field(tsv, "permit", N_("外线审批"), buf);
	}
	show_side(&c, tsv);
	if (c.filed) {
		snprintf(buf, sizeof buf, tsv ? "%s planned %s: %s; %s" : _("%s，计划 %s 完成：%s；%s"),
			 date_format(c.filed_on, b1), date_format(c.filed_due, b2), c.upgrade, c.why);
		field(tsv, "filing", N_("电网升级备案"), buf);
	}
	snprintf(buf, sizeof buf, "%d", c.late_entries);
	field(tsv, "late-entries", N_("补录"), buf);
	/* docs/sync.md: offices recorded clashing events; one side is held aside */
	if (sync_case_in_conflict(app->st, c.case_no, &err) > 0)
		field(tsv, "conflict", N_("同步冲突"), tsv ? "yes" : _("是（yekuo sync conflicts）"));
	field(tsv, "state", N_("当前状态"), tsv ? engine_state_code(r.state) : _(engine_state_zh(r.state)));
	field(tsv, "on-time", N_("是否按时"), yes_no(tsv, r.on_time));
	if (!tsv)
		clock_header();
	for (size_t i = 0; i < r.nsteps; i++)
		show_clock(stdout, &r.steps[i], tsv);
	if (r.has_whole)
		show_clock(stdout, &r.whole, tsv);
	if (r.has_total)
		show_clock(stdout, &r.total, tsv);
	for (size_t i = 0; i < r.npermits; i++)
		show_clock(stdout, &r.permits[i], tsv);
	show_side_clocks(app, &c, tsv);
	if (!tsv)
		printf("\n");
	for (size_t i = 0; i < n; i++) {
		char *data = event_data_line(&evs[i], unmasked, tsv);

		if (tsv)
			printf("event\t%ld\t%s\t%s\t%s\t%s%s\n", evs[i].seq, evs[i].uuid,
			       ev_kind_code(evs[i].kind), date_format(evs[i].effective, b1),
			       event_is_late(&evs[i]) ? "late\t" : "", data);
		else
		{
			char kind[64];

			text_pad(_(ev_kind_zh(evs[i].kind)), 9, kind, sizeof kind);
			printf("#%-3ld %s %s %s%s  [%s %s]\n", evs[i].seq, date_format(evs[i].effective, b1),
			       kind,
			       event_is_late(&evs[i]) ? _("补录 ")
			       : strcmp(evs[i].origin, "import") == 0 ? _("导入 ") : "",
			       data, evs[i].recorded, visible(evs[i].operator_name));
		}
		free(data);
	}
	case_state_free(&c);
	rc = EXIT_OK;
out:
	events_free(evs, n);
	payload_free(&o);
	return rc;
}

/* ---- yekuo case list ----------------------------------------------------- */

static void
warn_row(void *ctx, const char *case_no, const char *msg)
{
	(void)ctx;
	cli_warn("%s: %s", case_no, msg);
}

static int
case_list(struct app *app, int argc, char **argv)
{
	static const struct cli_opt spec[] = {
		{"--all", 0, "all"},	       {"--open", 0, "open"},
		{"--due-within", 1, "due-within"}, {"--overdue", 0, "overdue"},
		{"--format", 1, "format"},     {"--limit", 1, "limit"}, {"--owner", 1, "owner"},
		{"--fast-lane", 0, "fast-lane"}, {"--promise", 0, "promise"},
		{"--follow-up", 0, "follow-up"}, {"--incomplete", 0, "incomplete"}, {NULL, 0, NULL}};
	struct payload o = {0};
	struct case_rows rows = {0};
	struct case_rows_opts ro = {.keep = CASE_FILTER_ANY, .on_error = warn_row};
	struct case_query q = {0};
	long limit = -1;
	char *pos[1], b[YK_DATE_BUFSZ], name[64];
	int npos, tsv, rc = EXIT_USAGE;
	yk_error err;

	if (cli_parse(argc, argv, spec, &o, pos, 0, &npos) < 0)
		goto out;
	tsv = cli_format_tsv(payload_get(&o, "format"));
	if (tsv < 0)
		goto out;
	if (payload_get(&o, "due-within") && cli_count(payload_get(&o, "due-within"), "--due-within", 10000, &ro.keep.due_within) < 0)
		goto out;
	if (payload_get(&o, "limit") && cli_count(payload_get(&o, "limit"), "--limit", 1000000000L, &limit) < 0)
		goto out;
	ro.keep.overdue_only = payload_get(&o, "overdue") != NULL;
	ro.keep.owner = payload_get(&o, "owner");
	ro.keep.fast_lane_only = payload_get(&o, "fast-lane") != NULL;
	ro.keep.promise_only = payload_get(&o, "promise") != NULL;
	ro.keep.follow_up_only = payload_get(&o, "follow-up") != NULL;
	ro.keep.incomplete_only = payload_get(&o, "incomplete") != NULL;
	if (need_all(app) < 0)
		goto out;
	ro.rules = app->rules;
	ro.cal = app->cal;
	ro.today = clock_today();
	case_rows_init(&rows, &ro);
	/* 回访 follows energising: the follow-ups are on closed cases */
	q.open_only = payload_get(&o, "all") == NULL && !ro.keep.follow_up_only;
	/* 我的案件: the owners are in the full summary, not the brief one */
	q.brief = ro.keep.owner == NULL && !ro.keep.incomplete_only;
	if (view_case_rows(app->st, &q, &rows, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	if (rows.conflicted_error.msg[0]) {
		cli_error(&rows.conflicted_error);
		goto out;
	}
	for (size_t i = 0; i < rows.n && (limit < 0 || (long)i < limit); i++) {
		const struct case_row *w = &rows.v[i];
		char nocal[48] = "";

		char side[96] = "", pb[YK_DATE_BUFSZ];

		/* the fast lane, and a promise to chase (契约式接电) */
		if (tsv) {
			if (w->missing_year)
				snprintf(nocal, sizeof nocal, "\tno-calendar-%d", w->missing_year);
			snprintf(side, sizeof side, "%s", w->fast_lane ? "\tfast-lane" : "");
			if (w->incomplete)
				snprintf(side + strlen(side), sizeof side - strlen(side), "\tincomplete-%d",
					 w->incomplete);
			if (case_row_promise_alert(w))
				snprintf(side + strlen(side), sizeof side - strlen(side), "\tpromise-%s-%s",
					 engine_state_code(w->promise.state), date_format(w->promise.due, pb));
			printf("%s\t%s\t%s\t%s\t%s\t%ld\t%s\t%s%s%s%s%s\n", w->case_no, visible(w->name),
			       category_code(w->category), w->step, date_format(w->due, b), w->left,
			       engine_state_code(w->state), case_status_code(w->status),
			       w->late ? "\tlate" : "", w->conflict ? "\tconflict" : "", nocal, side);
		} else {
			if (w->missing_year)
				snprintf(nocal, sizeof nocal, _(" [%d 年的日历没有载入]"), w->missing_year);
			snprintf(side, sizeof side, "%s", w->fast_lane ? _(" 绿色通道") : "");
			if (w->incomplete)
				snprintf(side + strlen(side), sizeof side - strlen(side), _(" 容缺%d项"),
					 w->incomplete);
			if (case_row_promise_alert(w))
				snprintf(side + strlen(side), sizeof side - strlen(side),
					 w->promise.state == ES_OVERDUE ? _(" 契约超期 %s") : _(" 契约将到 %s"),
					 date_format(w->promise.due, pb));
			text_pad(visible(w->name), 20, name, sizeof name);
			printf("%-19s %s %-11s %-14s %-10s %4ld  %s%s%s%s%s\n", w->case_no, name,
			       category_code(w->category), w->step, date_format(w->due, b), w->left,
			       engine_state_zh(w->state), w->late ? " 补录" : "",
			       w->conflict ? " 冲突" : "", nocal, side);
		}
	}
	if (rows.nocal) {
		/* once for the whole list, on stderr as reports do */
		char note[160];

		calendar_missing_years(app->cal, date_from_ymd(rows.year_from, 1, 1),
				       date_from_ymd(rows.year_to, 12, 31), note, sizeof note);
		cli_warn("%s", note);
	}
	rc = rows.errors ? EXIT_NO : EXIT_OK;
out:
	case_rows_free(&rows);
	payload_free(&o);
	return rc;
}

int
cmd_case(struct app *app, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct app *, int, char **);
	} subs[] = {
		{"new", case_new}, {"event", case_event}, {"show", case_show}, {"list", case_list},
		{"receipt", cmd_case_receipt}};

	if (argc < 1)
		return cli_fail(_("用法：yekuo case new|event|show|list|receipt …"));
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[0], subs[i].name) == 0) {
			int rc = subs[i].run(app, argc - 1, argv + 1);

			free(shown);
			shown = NULL;
			shown_cap = 0;
			return rc;
		}
	return cli_fail(_("未知的 case 命令 '%s'（new、event、show、list、receipt）"), argv[0]);
}

/* ---- yekuo verify -------------------------------------------------------- */

/* Every chain, the file, and the sync records and merged chains. */
