#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/case.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/sha256.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* ---- codes ------------------------------------------------------------ */

static const struct {
	const char *code, *zh;
} kinds[EV_KIND_COUNT] = {
	[EV_OPEN] = {"open", N_("受理建档")},	    [EV_START] = {"start", N_("环节开始")},
	[EV_MATERIALS] = {"materials", N_("收资")}, [EV_DONE] = {"done", N_("环节完成")},
	[EV_SUSPEND] = {"suspend", N_("挂起")},	    [EV_RESUME] = {"resume", N_("恢复")},
	[EV_FILING] = {"filing", N_("电网升级改造备案")}, [EV_CORRECT] = {"correct", N_("更正")},
	[EV_WITHDRAW] = {"withdraw", N_("撤销")},
	[EV_PERMIT_APPLY] = {"permit-apply", N_("审批申报")},
	[EV_PERMIT_GRANT] = {"permit-grant", N_("审批批复")},
	[EV_ASSIGN] = {"assign", N_("指派")},
	[EV_CONTRACT] = {"contract", N_("契约")},
	[EV_FAST_LANE] = {"fast-lane", N_("绿色通道")},
	[EV_FOLLOW_UP] = {"follow-up", N_("回访")},
	[EV_COST] = {"cost", N_("费用")},
	[EV_SURVEY] = {"survey", N_("现场勘察")},
};

const char *
ev_kind_code(enum ev_kind k)
{
	return (unsigned)k < EV_KIND_COUNT ? kinds[k].code : "?";
}

const char *
ev_kind_zh(enum ev_kind k)
{
	return (unsigned)k < EV_KIND_COUNT ? kinds[k].zh : "?";
}

int
ev_kind_from_code(const char *code)
{
	for (int i = 0; i < EV_KIND_COUNT; i++)
		if (strcmp(code, kinds[i].code) == 0)
			return i;
	return -1;
}

/* Suspension reasons: 客户原因, 不可抗力 (seeds exclude it explicitly), 外线受阻
 * (001 task 3), 需求登记 (001: the user cannot take a meter yet), and the
 * customer's rework after an inspection asked for rectification. */
static const struct {
	const char *code, *zh;
} reasons[SUSP_REASON_COUNT] = {
	[SUSP_CUSTOMER] = {"customer", N_("客户原因")},
	[SUSP_FORCE_MAJEURE] = {"force-majeure", N_("不可抗力")},
	[SUSP_EXTERNAL_BLOCKED] = {"external-blocked", N_("外线受阻")},
	[SUSP_DEMAND_REGISTERED] = {"demand-registered", N_("需求登记")},
	[SUSP_RECTIFY] = {"rectify", N_("客户整改")},
};

const char *
susp_reason_code(enum susp_reason r)
{
	return (unsigned)r < SUSP_REASON_COUNT ? reasons[r].code : "?";
}

/* What the seeds say of each pause. Only force majeure is an exception to
 * the limits (003 附件2-2 row 6); the others are the office's practice of
 * stopping the clock while the ball is not the utility's, which the seeds
 * do not grant: 002 任务2 makes 施工受阻 a case for the monthly filing, not a
 * pause. */
static const struct {
	const char *basis;
	int exempt;
} bases[SUSP_REASON_COUNT] = {
	[SUSP_CUSTOMER] = {N_("无条文豁免（本单位口径：客户原因不计时）"), 0},
	[SUSP_FORCE_MAJEURE] = {N_("003 附件2-2 第6行：除不可抗力外"), 1},
	[SUSP_EXTERNAL_BLOCKED] = {N_("无条文豁免（002 任务2：施工受阻应按月备案）"), 0},
	[SUSP_DEMAND_REGISTERED] = {N_("无条文豁免（001：需求登记）"), 0},
	[SUSP_RECTIFY] = {N_("无条文豁免（本单位口径：客户整改不计时）"), 0},
};

const char *
susp_reason_basis(enum susp_reason r)
{
	return (unsigned)r < SUSP_REASON_COUNT ? bases[r].basis : "?";
}

int
susp_reason_exempt(enum susp_reason r)
{
	return (unsigned)r < SUSP_REASON_COUNT && bases[r].exempt;
}

const char *
susp_reason_zh(enum susp_reason r)
{
	return (unsigned)r < SUSP_REASON_COUNT ? reasons[r].zh : "?";
}

int
susp_reason_from_code(const char *code)
{
	for (int i = 0; i < SUSP_REASON_COUNT; i++)
		if (strcmp(code, reasons[i].code) == 0)
			return i;
	return -1;
}

const char *
case_status_code(enum case_status s)
{
	return s == CASE_OPEN ? "open" : s == CASE_CLOSED ? "closed" : "withdrawn";
}

/* 003 rows 24-25 / 附件2-2 rows 13-14 (docs/domain §6). */
static const struct material m_accept[] = {
	{"id", N_("申请人有效身份证明")},
	{"property", N_("用电地址物业权属证明")},
	{"approval", N_("用电工程项目批准文件")}, /* HV only */
};
static const struct material m_design[] = {
	{"designer-qualification", N_("设计单位资质证明")},
	{"design-docs", N_("设计图纸及说明")},
};
static const struct material m_midcheck[] = {
	{"builder-qualification", N_("施工单位资质证明")},
	{"concealed-records", N_("隐蔽工程施工及试验记录")},
};
static const struct material m_final[] = {
	{"completion-report", N_("竣工报告(含竣工图纸)")},
};

/* 001 附件1 row 40: for a charging point in a residential community, a
 * safety pledge (安全承诺书) in place of the property's consent; it stands
 * for the property document of the address, never added to it (003 row 25:
 * no more materials, no forced 承诺书). */
static const struct material m_accept_charging[] = {
	{"id", N_("申请人有效身份证明")},
	{"property", N_("用电地址物业权属证明")},
	{"safety-pledge", N_("安全承诺书（代替物业同意，可不交物权证明）")},
};

const char *
case_material_name(enum yk_stage s, const char *code)
{
	for (int list = CHECKLIST_LV; list <= CHECKLIST_CHARGING; list++) {
		size_t n;
		const struct material *m = case_materials(s, list, &n);

		for (size_t i = 0; i < n; i++)
			if (strcmp(m[i].code, code) == 0)
				return m[i].zh;
	}
	return NULL;
}

int
case_checklist(const struct case_state *c)
{
	if (category_is_hv(c->category))
		return CHECKLIST_HV;
	if (c->category == CAT_LV_CHARGING || strcmp(c->customer_type, "charging") == 0)
		return CHECKLIST_CHARGING;
	return CHECKLIST_LV;
}

int
case_accept_missing(const struct case_state *c, char *buf, size_t bufsz)
{
	size_t n, len = 0;
	int list = case_checklist(c), missing = 0;
	const struct material *m = case_materials(STAGE_ACCEPT, list, &n);
	unsigned got = c->materials[STAGE_ACCEPT];

	if (bufsz)
		buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (got >> i & 1)
			continue;
		if (list == CHECKLIST_CHARGING && strcmp(m[i].code, "safety-pledge") == 0)
			continue; /* needed only in place of the property document */
		if (list == CHECKLIST_CHARGING && strcmp(m[i].code, "property") == 0 && (got >> 2 & 1))
			continue;
		missing++;
		if (len < bufsz)
			len += (size_t)snprintf(buf + len, bufsz - len, "%s%s", len ? _("、") : "", _(m[i].zh));
	}
	return missing;
}

int
case_incomplete(const struct case_state *c, char *buf, size_t bufsz)
{
	if (bufsz)
		buf[0] = '\0';
	if (!c->materials[STAGE_ACCEPT])
		return 0;
	return case_accept_missing(c, buf, bufsz);
}

const struct material *
case_materials(enum yk_stage s, int list, size_t *n)
{
	int hv = list == CHECKLIST_HV;

	switch (s) {
	case STAGE_ACCEPT:
		*n = hv || list == CHECKLIST_CHARGING ? 3 : 2;
		return list == CHECKLIST_CHARGING ? m_accept_charging : m_accept;
	case STAGE_DESIGN:
		*n = 2;
		return m_design;
	case STAGE_MIDCHECK:
		*n = 2;
		return m_midcheck;
	case STAGE_FINAL:
		*n = 1;
		return m_final;
	default:
		*n = 0;
		return NULL;
	}
}

/* ---- payload ---------------------------------------------------------- */

static size_t
payload_find(const struct payload *p, const char *key, int *found)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(p->items[mid].key, key);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

void
payload_set(struct payload *p, const char *key, const char *val)
{
	int found;
	size_t i = payload_find(p, key, &found);

	if (found) {
		free(p->items[i].val);
		p->items[i].val = xstrdup(val);
		return;
	}
	p->items = xgrow(p->items, &p->cap, p->n + 1, sizeof *p->items);
	memmove(p->items + i + 1, p->items + i, (p->n - i) * sizeof *p->items);
	p->items[i].key = xstrdup(key);
	p->items[i].val = xstrdup(val);
	p->n++;
}

const char *
payload_get(const struct payload *p, const char *key)
{
	int found;
	size_t i = payload_find(p, key, &found);

	return found ? p->items[i].val : NULL;
}

char *
payload_serialize(const struct payload *p)
{
	size_t len = 1, pos = 0;
	char *out;

	for (size_t i = 0; i < p->n; i++)
		len += strlen(p->items[i].key) + 2 * strlen(p->items[i].val) + 2;
	out = xmalloc(len);
	for (size_t i = 0; i < p->n; i++) {
		size_t k = strlen(p->items[i].key);

		memcpy(out + pos, p->items[i].key, k);
		pos += k;
		out[pos++] = '=';
		for (const char *v = p->items[i].val; *v; v++) {
			if (*v == '\\' || *v == '\n') {
				out[pos++] = '\\';
				out[pos++] = *v == '\n' ? 'n' : '\\';
			} else {
				out[pos++] = *v;
			}
		}
		out[pos++] = '\n';
	}
	out[pos] = '\0';
	return out;
}

int
payload_parse(const char *text, struct payload *p, yk_error *err)
{
	const char *s = text;

	while (*s) {
		const char *nl = strchr(s, '\n'), *eq;
		char *key, *val;
		size_t vlen, j = 0;

		if (!nl)
			return yk_error_set(err, "event data: last line has no newline");
		eq = memchr(s, '=', (size_t)(nl - s));
		if (!eq || eq == s)
			return yk_error_set(err, "event data: a line without key=value");
		key = xstrndup(s, (size_t)(eq - s));
		vlen = (size_t)(nl - eq - 1);
		val = xmalloc(vlen + 1);
		for (size_t i = 0; i < vlen; i++) {
			char c = eq[1 + i];

			if (c == '\\' && i + 1 < vlen) {
				c = eq[2 + i] == 'n' ? '\n' : eq[2 + i];
				i++;
			}
			val[j++] = c;
		}
		val[j] = '\0';
		payload_set(p, key, val);
		free(key);
		free(val);
		s = nl + 1;
	}
	return 0;
}

void
payload_copy(struct payload *dst, const struct payload *src)
{
	for (size_t i = 0; i < src->n; i++)
		payload_set(dst, src->items[i].key, src->items[i].val);
}

void
payload_free(struct payload *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].key);
		free(p->items[i].val);
	}
	free(p->items);
	memset(p, 0, sizeof *p);
}

/* ---- events ----------------------------------------------------------- */

void
event_init(struct yk_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->effective = YK_DATE_NONE;
	strcpy(ev->origin, "local");
}

void
event_free(struct yk_event *ev)
{
	payload_free(&ev->data);
}

void
events_free(struct yk_event *evs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		event_free(&evs[i]);
	free(evs);
}

void
event_hash(const struct yk_event *ev, char out[HASH_BUFSZ])
{
	/* SHA-256 of "yekuo-event-v1\nUUID\nCASE\nSEQ\nKIND\nDATE\nRECORDED\n
	 * OPERATOR\nORIGIN\nPREV\nDATA", fed piece by piece (it is on every
	 * event of every merge and import). */
	static const char digits[] = "0123456789abcdef";
	char *data = payload_serialize(&ev->data), b[YK_DATE_BUFSZ], seq[24];
	const char *part[] = {"yekuo-event-v1", ev->uuid, ev->case_no, seq, ev_kind_code(ev->kind),
			      date_format(ev->effective, b), ev->recorded, ev->operator_name,
			      ev->origin, ev->prev_hash, data};
	struct sha256 c;
	unsigned char d[32];

	snprintf(seq, sizeof seq, "%ld", ev->seq);
	sha256_init(&c);
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		if (i)
			sha256_update(&c, "\n", 1);
		sha256_update(&c, part[i], strlen(part[i]));
	}
	sha256_final(&c, d);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
	free(data);
}

int
event_is_late(const struct yk_event *ev)
{
	char d[YK_DATE_BUFSZ];
	yk_date rec;

	yk_date eff = ev->effective;

	/* history brought in from a spreadsheet is marked imported, not late */
	if (strlen(ev->recorded) < 10 || strcmp(ev->origin, "import") == 0)
		return 0;
	/* A correction that sets a date states it on the day it is recorded:
	 * a date before that day is a late entry like any other. */
	if (ev->kind == EV_CORRECT) {
		const char *set = payload_get(&ev->data, "set.effective");

		if (!set || date_parse(set, &eff) < 0)
			return 0;
	}
	memcpy(d, ev->recorded, 10);
	d[10] = '\0';
	return date_parse(d, &rec) == 0 && eff < rec;
}

/* ---- derivation ------------------------------------------------------- */

void
case_state_init(struct case_state *c)
{
	memset(c, 0, sizeof *c);
	c->applied = c->appointment = c->filed_on = c->filed_due = c->closed_on = YK_DATE_NONE;
	c->promised = c->works_by = c->followed_up = c->surveyed = YK_DATE_NONE;
	for (int s = 0; s < STAGE_COUNT; s++)
		c->started[s] = c->done[s] = YK_DATE_NONE;
}

void
case_state_free(struct case_state *c)
{
	free(c->susp);
	c->susp = NULL;
	c->nsusp = c->capsusp = 0;
}

/* A category's stages when no profile is at hand: HV has them all, LV
 * accept, plan and energise. */
static unsigned
category_stages(enum yk_category c)
{
	if (category_is_hv(c))
		return (1u << STAGE_COUNT) - 1;
	return 1u << STAGE_ACCEPT | 1u << STAGE_PLAN | 1u << STAGE_ENERGISE;
}

/* The variant of the case's profile, or NULL (err set). */
static const struct rule_variant *
case_variant(const struct case_state *c, const struct yk_rules *rules,
	     const struct rule_profile **prof, yk_error *err)
{
	const struct rule_profile *p = rules ? rules_find(rules, c->region, c->applied, err) : NULL;

	if (prof)
		*prof = p;
	return p ? rules_variant(p, c->category, c->capacity, c->kv, c->applied, err) : NULL;
}

unsigned
case_stages(const struct case_state *c, const struct yk_rules *rules)
{
	yk_error e;
	const struct rule_variant *v = case_variant(c, rules, NULL, &e);

	return v ? rule_variant_stages(v) : category_stages(c->category);
}

int
case_current_stage(const struct case_state *c, const struct yk_rules *rules)
{
	unsigned m;

	if (c->status != CASE_OPEN)
		return -1;
	m = case_stages(c, rules);
	for (int s = 0; s < STAGE_COUNT; s++)
		if ((m >> s & 1) && c->done[s] == YK_DATE_NONE)
			return s;
	return -1;
}

void
case_rerun_text(const struct case_state *c, char *buf, size_t bufsz)
{
	char b[YK_DATE_BUFSZ];

	if (!c->rerun_of[0])
		snprintf(buf, bufsz, "%s", "");
	else if (c->rerun_keep)
		snprintf(buf, bufsz, _("%s 撤销后30日内重新报装；时限沿用原案件，自 %s 起算"), c->rerun_of,
			 date_format(c->applied, b));
	else
		snprintf(buf, bufsz, _("%s 撤销后30日内重新报装；重新计时，原因：%s"), c->rerun_of,
			 c->restart_reason);
}

int
case_open_suspension(const struct case_state *c)
{
	for (size_t i = 0; i < c->nsusp; i++)
		if (c->susp[i].to == YK_DATE_NONE)
			return (int)i;
	return -1;
}

void
case_number(const char *prefix, int year, const char *office, long seq, char out[CASE_NO_BUFSZ])
{
	snprintf(out, CASE_NO_BUFSZ, "%s-%d-%s-%05ld", prefix, year, office, seq);
}

struct derive {
	const struct yk_rules *rules;
	struct case_state *c;
	const struct yk_event *evs;	/* the whole list: the place of an event */
	const struct yk_event *ev;
	const struct payload *d; /* the event's data after corrections */
	yk_date eff;
	int recording;		/* the event is being recorded now (check_input) */
	yk_error *err;
	unsigned stages;	/* the stages of the case's process (case_stages) */
	int survey_required;	/* the variant asks for an on-site survey (002 任务2) */
	const char *incomplete;	/* the profile allows 容缺受理: its basis; NULL if not */
	char process[200];	/* which process that is, for messages */
};

/* Refuse the event: "CASE #N (kind): KEY: what", with the field's key
 * (NULL: the event as a whole) and the event's place in the list kept
 * apart for a form or a spreadsheet row to point at. */
static int
vbad(struct derive *x, enum yk_error_kind kind, const char *key, const char *fmt, va_list ap)
{
	char what[YK_ERROR_MAX];

	if (!x->err)
		return -1;
	vsnprintf(what, sizeof what, fmt, ap);
	yk_error_field(x->err, key ? key : "", "%s", what);
	yk_error_kind(x->err, kind);
	if (key)
		yk_error_prefix(x->err, "%s: ", key);
	yk_error_prefix(x->err, "%s #%ld (%s): ", x->ev->case_no, x->ev->seq, ev_kind_code(x->ev->kind));
	x->err->line = (long)(x->ev - x->evs) + 1;
	return -1;
}

static int
bad(struct derive *x, const char *key, const char *fmt, ...) YK_PRINTF(3, 4);

static int
bad(struct derive *x, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbad(x, YK_ERR_INPUT, key, fmt, ap);
	va_end(ap);
	return -1;
}

/* The event is well formed but the case's state forbids it now. */
static int
bad_state(struct derive *x, const char *key, const char *fmt, ...) YK_PRINTF(3, 4);

static int
bad_state(struct derive *x, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbad(x, YK_ERR_CONFLICT, key, fmt, ap);
	va_end(ap);
	return -1;
}

/* The event's date, as forms and the command line name it ("date"). */
#define DATE_NAME (field_name(field_at(FLD_EFFECTIVE)))

static const char *
get(struct derive *x, enum field_id id)
{
	const char *v = payload_get(x->d, FKEY(id));

	return v ? v : "";
}

/* The table's own check of a field of this event. */
static int
check(struct derive *x, enum field_id id)
{
	yk_error e;

	if (field_check(field_at(id), get(x, id), x->d, x->eff, field_at(id)->required, &e) < 0)
		return bad(x, e.field, "%s", e.msg);
	return 0;
}

static void
copy_field(char *dst, size_t sz, const char *src)
{
	snprintf(dst, sz, "%s", src);
}

/* A stage in a message: "装表接电（energise）", the code as typed on the
 * command line beside the name on the screens. */
static const char *
stage_words(int s, char *buf, size_t size)
{
	snprintf(buf, size, _("%s（%s）"), _(stage_name_zh((enum yk_stage)s)), stage_code((enum yk_stage)s));
	return buf;
}

static int
field_stage(struct derive *x, int *stage)
{
	char w[64];

	if (check(x, FLD_STAGE) < 0)
		return -1;
	*stage = stage_from_code(get(x, FLD_STAGE));
	if (!(x->stages >> *stage & 1))
		return bad(x, FKEY(FLD_STAGE), _("%s没有%s环节"), x->process[0] ? x->process : _("低压案件"),
			   stage_words(*stage, w, sizeof w));
	return 0;
}

/* The previous stage of the case's process (its completion), or the
 * application when s is the first. */
static yk_date
prev_done(const struct derive *x, int stage)
{
	for (int s = stage - 1; s >= 0; s--)
		if (x->stages >> s & 1)
			return x->c->done[s];
	return x->c->applied;
}

/* The first problem the one check of a new case finds. */
static void
first_problem(void *ctx, const yk_error *e)
{
	struct derive *x = ctx;

	if (!x->err || x->err->field[0] == '\0')
		bad(x, e->field[0] ? e->field : NULL, "%s", yk_error_what(e));
}

/* 重走 (003 row 15): the ledger links a new case to a case withdrawn
 * within 30 days for the same ID number and address (rerun-of); whether
 * the clocks restart is then a decision on record — kept from the withdrawn
 * case's application and appointment (keep-clock, clock-from,
 * clock-appointment) or restarted for a reason (restart-reason). */
static int
apply_rerun(struct derive *x)
{
	struct case_state *c = x->c;
	const char *of = get(x, FLD_RERUN_OF), *why = get(x, FLD_RESTART_REASON);
	int keep = *get(x, FLD_KEEP_CLOCK) != '\0';
	yk_date from, appt = YK_DATE_NONE;

	if (!*of) {
		if (keep || *why)
			return bad(x, keep ? FKEY(FLD_KEEP_CLOCK) : FKEY(FLD_RESTART_REASON),
				   _("没有30日内撤销的同一证件号码和地址的案件，不是重走，无需决定是否重新计时"));
		return 0;
	}
	if (keep && *why)
		return bad(x, FKEY(FLD_RESTART_REASON), _("沿用原案件计时与重新计时只能选一种"));
	if (!keep && !*why)
		return bad_state(x, FKEY(FLD_RESTART_REASON),
				 _("同一证件号码和地址的案件 %s 在30日内撤销，本次报装属于重走（003 第15条）："
				 "须决定时限是沿用原案件受理日起算 (--keep-clock)，还是重新计时并写明原因 "
				 "(--restart-reason)"), of);
	copy_field(c->rerun_of, sizeof c->rerun_of, of);
	c->rerun_keep = keep;
	copy_field(c->restart_reason, sizeof c->restart_reason, why);
	if (!keep)
		return 0;
	if (date_parse(get(x, FLD_CLOCK_FROM), &from) < 0 || from > c->applied ||
	    (*get(x, FLD_CLOCK_APPOINTMENT) && date_parse(get(x, FLD_CLOCK_APPOINTMENT), &appt) < 0))
		return bad(x, FKEY(FLD_CLOCK_FROM), _("沿用计时缺少原案件的受理日期"));
	/* the clocks run on from the withdrawn case's application */
	c->applied = c->started[STAGE_ACCEPT] = from;
	c->appointment = appt;
	return 0;
}

static int
apply_open(struct derive *x)
{
	struct case_state *c = x->c;

	if (x->err)
		x->err->field[0] = '\0';
	if ((x->recording ? fields_check_open : fields_replay_open)(x->d, x->rules, x->eff, c,
								    first_problem, x) > 0)
		return -1;
	copy_field(c->case_no, sizeof c->case_no, x->ev->case_no);
	c->imported = strcmp(x->ev->origin, "import") == 0;
	if (apply_rerun(x) < 0)
		return -1;
	{
		/* From here on events may only name the stages of the process
		 * the case's profile gives it (jining-2020 10 kV 普通客户: no
		 * design review, no mid-check, 004 注2). */
		const struct rule_profile *p;
		yk_error e;
		const struct rule_variant *v = case_variant(c, x->rules, &p, &e);

		x->stages = v ? rule_variant_stages(v) : category_stages(c->category);
		x->survey_required = v && v->survey_required;
		x->incomplete = p && p->incomplete_acceptance[0] ? p->incomplete_acceptance : NULL;
		if (v)
			snprintf(x->process, sizeof x->process, _("本案适用 %s「%s」，"), p->id, v->label);
	}
	return 0;
}

static int apply_items(struct derive *x, int s);

static int
apply_start(struct derive *x)
{
	struct case_state *c = x->c;
	int s, open;
	char b[YK_DATE_BUFSZ];
	char w[64];

	if (field_stage(x, &s) < 0)
		return -1;
	open = case_open_suspension(c);
	if (c->started[s] != YK_DATE_NONE) {
		/* A new request after rectification ends the customer's rework. */
		if (c->done[s] == YK_DATE_NONE && open >= 0 && c->susp[open].reason == SUSP_RECTIFY) {
			c->susp[open].to = x->eff;
			return apply_items(x, s);
		}
		return bad_state(x, FKEY(FLD_STAGE), _("%s环节已经开始"), stage_words(s, w, sizeof w));
	}
	if (prev_done(x, s) == YK_DATE_NONE)
		return bad_state(x, FKEY(FLD_STAGE), _("上一环节完成之前，%s环节不能开始"), stage_words(s, w, sizeof w));
	if (x->eff < prev_done(x, s))
		return bad(x, DATE_NAME, _("早于上一环节完成日期 (%s)"), date_format(prev_done(x, s), b));
	c->started[s] = x->eff;
	/* the materials handed over with the request */
	return apply_items(x, s);
}

/* The event's items (materials received) against stage s's checklist,
 * docs/domain §6: nothing outside it may be asked for. An unknown item is
 * refused, except on replay of a start event, which earlier versions
 * stored without looking at its items: those are skipped. */
static int
apply_items(struct derive *x, int s)
{
	struct case_state *c = x->c;
	size_t n;
	const struct material *m = case_materials((enum yk_stage)s, case_checklist(c), &n);
	char items[512], *tok, *save;
	char w[64];

	copy_field(items, sizeof items, get(x, FLD_ITEMS));
	if (!items[0])
		return 0;
	if (!n)
		return bad(x, FKEY(FLD_STAGE), _("%s环节无需收资"), stage_words(s, w, sizeof w));
	for (tok = strtok_r(items, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < n; i++)
			if (strcmp(tok, m[i].code) == 0)
				break;
		if (i == n && x->ev->kind == EV_START && !x->recording)
			continue;
		if (i == n) {
			char list[256];
			size_t len = 0;

			list[0] = '\0';
			for (size_t k = 0; k < n && len < sizeof list; k++)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "",
							m[k].code);
			return bad(x, FKEY(FLD_ITEMS), _("'%s' 不在本环节申请资料清单内（不得要求清单以外的资料）："
				   "%s"), tok, list);
		}
		c->materials[s] |= 1u << i;
	}
	return 0;
}

static int
apply_materials(struct derive *x)
{
	size_t n;
	int s;
	char w[64];

	if (field_stage(x, &s) < 0)
		return -1;
	case_materials((enum yk_stage)s, case_checklist(x->c), &n);
	if (!n)
		return bad(x, FKEY(FLD_STAGE), _("%s环节无需收资"), stage_words(s, w, sizeof w));
	return apply_items(x, s);
}

static void
push_susp(struct case_state *c, yk_date from, enum susp_reason r, const char *note)
{
	c->susp = xgrow(c->susp, &c->capsusp, c->nsusp + 1, sizeof *c->susp);
	c->susp[c->nsusp].from = from;
	c->susp[c->nsusp].to = YK_DATE_NONE;
	c->susp[c->nsusp].reason = r;
	copy_field(c->susp[c->nsusp].note, sizeof c->susp[c->nsusp].note, note);
	c->nsusp++;
}

/* A stage that starts as soon as the one before it completes: the utility
 * keeps the ball (plan after accept; LV energising after the plan; HV
 * energising after the completion inspection). */
static int
auto_starts(int s)
{
	return s == STAGE_PLAN || s == STAGE_ENERGISE;
}

static int
apply_done(struct derive *x)
{
	struct case_state *c = x->c;
	int s;
	const char *res;
	char b[YK_DATE_BUFSZ];
	char w[64];

	if (field_stage(x, &s) < 0)
		return -1;
	if (c->started[s] == YK_DATE_NONE)
		return bad_state(x, FKEY(FLD_STAGE), _("%s环节尚未开始"), stage_words(s, w, sizeof w));
	if (c->done[s] != YK_DATE_NONE)
		return bad_state(x, FKEY(FLD_STAGE), _("%s环节已经完成"), stage_words(s, w, sizeof w));
	if (case_open_suspension(c) >= 0)
		return bad_state(x, NULL, _("案件处于挂起状态，请先恢复"));
	if (x->eff < c->started[s])
		return bad(x, DATE_NAME, _("早于本环节开始日期 (%s)"), date_format(c->started[s], b));
	res = get(x, FLD_RESULT);
	if (field_in_event(field_at(FLD_RESULT), EV_DONE, s)) {
		if (!field_option(field_at(FLD_RESULT), res) || strcmp(field_option(field_at(FLD_RESULT), res)->code, res) != 0)
			return bad(x, FKEY(FLD_RESULT), _("检验结果应为 pass（合格）或 rectify（整改），不是 '%s'"), res);
	} else if (*res && strcmp(res, "pass") != 0) {
		return bad(x, FKEY(FLD_RESULT), _("只有检验环节可以要求整改"));
	}
	if (x->recording && s == STAGE_ACCEPT) {
		char missing[512];

		/* 容缺受理: acceptance with materials missing, only where the
		 * profile allows it (docs/rules-format.md); the case is then
		 * listed until they are in (case list --incomplete) */
		if (case_incomplete(c, missing, sizeof missing) && !x->incomplete)
			return bad_state(x, FKEY(FLD_STAGE),
					 _("受理资料不全（缺：%s）；本案适用的规则不允许容缺受理：请先收齐资料 "
					 "(case event CASE materials --stage accept --items …)"),
					 missing);
	}
	if (x->recording && s == STAGE_PLAN && x->survey_required) {
		/* 002 任务2: 充电桩用电"必须现场勘察确定接入条件" before the plan */
		if (c->surveyed == YK_DATE_NONE)
			return bad_state(x, FKEY(FLD_STAGE),
					 _("充电设施用电必须现场勘察确定接入条件（002 任务2）：请先记录现场勘察 "
					 "(case event CASE survey)，再答复供电方案"));
		if (x->eff < c->surveyed)
			return bad(x, DATE_NAME, _("早于现场勘察日期 (%s)：供电方案在勘察之后答复"),
				   date_format(c->surveyed, b));
	}
	copy_field(c->result[s], sizeof c->result[s], *res ? res : "pass");
	copy_field(c->notes[s], sizeof c->notes[s], get(x, FLD_NOTES));
	if (strcmp(res, "rectify") == 0) {
		/* The stage stays open; the customer's rework is not the utility's time. */
		push_susp(c, x->eff, SUSP_RECTIFY, get(x, FLD_NOTES));
		return 0;
	}
	if (s == STAGE_PLAN) {
		copy_field(c->supply_point, sizeof c->supply_point, get(x, FLD_SUPPLY_POINT));
		copy_field(c->line, sizeof c->line, get(x, FLD_LINE));
		copy_field(c->transformer, sizeof c->transformer, get(x, FLD_TRANSFORMER));
		copy_field(c->metering, sizeof c->metering, get(x, FLD_METERING));
		if (check(x, FLD_INVESTMENT_SAVED) < 0)
			return -1;
		if (*get(x, FLD_INVESTMENT_SAVED))
			c->investment_saved = strtod(get(x, FLD_INVESTMENT_SAVED), NULL);
	}
	if (s == STAGE_ENERGISE) {
		if (check(x, FLD_METER_NO) < 0)
			return -1;
		copy_field(c->meter_no, sizeof c->meter_no, get(x, FLD_METER_NO));
		c->status = CASE_CLOSED;
		c->closed_on = x->eff;
	}
	c->done[s] = x->eff;
	for (int n = s + 1; n < STAGE_COUNT; n++) {
		if (!(x->stages >> n & 1))
			continue;
		if (auto_starts(n) && c->started[n] == YK_DATE_NONE)
			c->started[n] = x->eff;
		break;
	}
	return 0;
}

static int
apply_suspend(struct derive *x)
{
	struct case_state *c = x->c;

	if (check(x, FLD_SUSP_REASON) < 0)
		return -1;
	if (case_open_suspension(c) >= 0)
		return bad_state(x, NULL, _("案件已经挂起"));
	push_susp(c, x->eff, (enum susp_reason)susp_reason_from_code(get(x, FLD_SUSP_REASON)),
		  get(x, FLD_NOTE));
	return 0;
}

static int
apply_resume(struct derive *x)
{
	struct case_state *c = x->c;
	int i = case_open_suspension(c);
	char b[YK_DATE_BUFSZ];

	if (i < 0)
		return bad_state(x, NULL, _("案件未挂起"));
	if (c->susp[i].reason == SUSP_RECTIFY)
		return bad_state(x, NULL, _("案件在等待客户整改；整改后请记录重新报验 (start)，而不是恢复"));
	if (x->eff < c->susp[i].from)
		return bad(x, DATE_NAME, _("早于挂起开始日期 (%s)"), date_format(c->susp[i].from, b));
	c->susp[i].to = x->eff;
	return 0;
}

static int
apply_filing(struct derive *x)
{
	struct case_state *c = x->c;
	yk_date planned;

	/* 4.3: an LV case whose 10 kV+ public-grid upgrade cannot meet the limit. */
	if (category_is_hv(c->category))
		return bad(x, NULL, _("电网升级改造备案只适用于低压案件"));
	if (c->filed)
		return bad_state(x, NULL, _("案件已经备案；如需修改请更正原备案"));
	if (check(x, FLD_UPGRADE) < 0 || check(x, FLD_WHY) < 0 || check(x, FLD_PLANNED) < 0)
		return -1;
	date_parse(get(x, FLD_PLANNED), &planned);
	if (planned <= x->eff)
		return bad(x, FKEY(FLD_PLANNED), _("计划完成日期应晚于备案日期"));
	c->filed = 1;
	c->filed_on = x->eff;
	c->filed_due = planned;
	copy_field(c->upgrade, sizeof c->upgrade, get(x, FLD_UPGRADE));
	copy_field(c->why, sizeof c->why, get(x, FLD_WHY));
	copy_field(c->filed_by, sizeof c->filed_by, x->ev->operator_name);
	return 0;
}

/* The permit of a kind the case already holds, or NULL. */
static struct case_permit *
find_permit(struct case_state *c, const char *kind)
{
	for (size_t i = 0; i < c->npermits; i++)
		if (strcmp(c->permits[i].kind, kind) == 0)
			return &c->permits[i];
	return NULL;
}

/* 外线工程行政审批: only a case with external works needs one; each kind
 * once, several at a time (003 row 17: 并联审批). */
static int
apply_permit_apply(struct derive *x)
{
	struct case_state *c = x->c;
	struct case_permit *p;

	if (check(x, FLD_PERMIT) < 0 || check(x, FLD_AUTHORITY) < 0)
		return -1;
	if (!c->external_works)
		return bad_state(x, NULL, _("本案没有外线工程，无需外线工程行政审批"));
	if (find_permit(c, get(x, FLD_PERMIT)))
		return bad_state(x, FKEY(FLD_PERMIT), _("本案已申报过此项审批；如需修改请更正原记录"));
	if (c->npermits >= CASE_MAX_PERMITS)
		return bad_state(x, NULL, _("一个案件最多记录 %d 项审批"), CASE_MAX_PERMITS);
	p = &c->permits[c->npermits++];
	copy_field(p->kind, sizeof p->kind, get(x, FLD_PERMIT));
	copy_field(p->authority, sizeof p->authority, get(x, FLD_AUTHORITY));
	p->applied = x->eff;
	p->granted = YK_DATE_NONE;
	return 0;
}

static int
apply_permit_grant(struct derive *x)
{
	struct case_permit *p;
	char b[YK_DATE_BUFSZ];

	if (check(x, FLD_PERMIT) < 0)
		return -1;
	p = find_permit(x->c, get(x, FLD_PERMIT));
	if (!p)
		return bad_state(x, FKEY(FLD_PERMIT), _("此项审批尚未申报 (permit-apply)"));
	if (p->granted != YK_DATE_NONE)
		return bad_state(x, FKEY(FLD_PERMIT), _("此项审批已经批复"));
	if (x->eff < p->applied)
		return bad(x, DATE_NAME, _("早于申报日期 (%s)"), date_format(p->applied, b));
	p->granted = x->eff;
	return 0;
}

/* 指派/移交: the role's holder from now on; a project manager answers for
 * the grid works of an HV case (003 附件1 row 13). */
static int
apply_assign(struct derive *x)
{
	struct case_state *c = x->c;
	int pm;

	if (check(x, FLD_ROLE) < 0 || check(x, FLD_OWNER) < 0)
		return -1;
	pm = strcmp(get(x, FLD_ROLE), "project-manager") == 0;
	if (pm && !category_is_hv(c->category))
		return bad(x, FKEY(FLD_ROLE), _("项目经理只指派给高压案件（003 附件1 第13行）"));
	if (pm)
		copy_field(c->project_manager, sizeof c->project_manager, get(x, FLD_OWNER));
	else
		copy_field(c->customer_manager, sizeof c->customer_manager, get(x, FLD_OWNER));
	return 0;
}

/* 契约式接电 (001 附件1 row 10: 明确工程完工、接电时间): the connection date
 * agreed with the customer, and the works' completion date when agreed too.
 * A later agreement replaces an earlier one; the log keeps both. */
static int
apply_contract(struct derive *x)
{
	struct case_state *c = x->c;
	yk_date promised, works = YK_DATE_NONE;

	if (check(x, FLD_PROMISED) < 0 || check(x, FLD_WORKS_BY) < 0)
		return -1;
	date_parse(get(x, FLD_PROMISED), &promised);
	if (*get(x, FLD_WORKS_BY))
		date_parse(get(x, FLD_WORKS_BY), &works);
	if (promised < x->eff)
		return bad(x, FKEY(FLD_PROMISED), _("约定接电日期早于签约日期"));
	if (works != YK_DATE_NONE && (works < x->eff || works > promised))
		return bad(x, FKEY(FLD_WORKS_BY), _("约定工程完工日期应在签约日期与约定接电日期之间"));
	c->promised = promised;
	c->works_by = works;
	return 0;
}

/* 重大项目绿色通道 (001 附件1 row 8: 列为国家和省级重大项目的): once a case. */
static int
apply_fast_lane(struct derive *x)
{
	struct case_state *c = x->c;

	if (check(x, FLD_MAJOR) < 0)
		return -1;
	if (c->fast_lane[0])
		return bad_state(x, NULL, _("案件已列入绿色通道；如有错误请更正原记录"));
	copy_field(c->fast_lane, sizeof c->fast_lane, get(x, FLD_MAJOR));
	return 0;
}

/* 回访 (003 附件1 row 22, 004 附件2 row 28: 服务线上评价): after energising.
 * A call that reached the customer carries a score of 1 to 5; one that did
 * not (unreachable) leaves the follow-up due; a customer who declines to
 * rate closes it without a score. */
static int
apply_follow_up(struct derive *x)
{
	struct case_state *c = x->c;
	const char *outcome = get(x, FLD_OUTCOME), *score = get(x, FLD_SCORE);
	char b[YK_DATE_BUFSZ];

	if (check(x, FLD_OUTCOME) < 0 || check(x, FLD_SCORE) < 0)
		return -1;
	if (c->status != CASE_CLOSED)
		return bad_state(x, NULL, _("案件尚未装表接电：回访在接电之后"));
	if (x->eff < c->closed_on)
		return bad(x, DATE_NAME, _("早于装表接电日期 (%s)"), date_format(c->closed_on, b));
	if (c->followed_up != YK_DATE_NONE)
		return bad_state(x, NULL, _("案件已于 %s 完成回访；如有错误请更正原记录"),
				 date_format(c->followed_up, b));
	if (strcmp(outcome, "reached") == 0 && !*score)
		return bad(x, FKEY(FLD_SCORE), _("已回访：请填写满意度评分（1-5）"));
	if (strcmp(outcome, "reached") != 0 && *score)
		return bad(x, FKEY(FLD_SCORE), _("未回访到客户或客户拒绝评价：不能有满意度评分"));
	c->follow_calls++;
	copy_field(c->follow_outcome, sizeof c->follow_outcome, outcome);
	if (strcmp(outcome, "unreachable") != 0)
		c->followed_up = x->eff;
	c->satisfaction = *score ? atoi(score) : 0;
	return 0;
}

/* 三零 and residents invest nothing (003 附件1 row 38: 居民用户和已承诺实行
 * “三零”服务的低压非居民用户确保做到办电“零投资”; rows 33-34: the grid
 * invests to the property line, meter included). */
int
case_zero_investment(const struct case_state *c)
{
	return c->category == CAT_LV_RESIDENT || c->category == CAT_LV_SANLING;
}

/* 投资界面: what the customer paid and what the grid invested, 万元; a
 * later record replaces an earlier one. A payment on a zero-investment
 * case is refused, not stored: docs/policy.md. */
static int
apply_cost(struct derive *x)
{
	struct case_state *c = x->c;
	double paid;

	if (check(x, FLD_CUSTOMER_PAID) < 0 || check(x, FLD_GRID_INVESTED) < 0)
		return -1;
	paid = strtod(get(x, FLD_CUSTOMER_PAID), NULL);
	if (paid > 0 && case_zero_investment(c))
		return bad(x, FKEY(FLD_CUSTOMER_PAID),
			   _("%s办电“零投资”（003 附件1 第38行）：客户承担费用应为 0；"
			   "如已向客户收费，应予退还，不作登记"),
			   c->category == CAT_LV_RESIDENT ? _("居民用户") : _("实行“三零”服务的用户"));
	c->cost_recorded = 1;
	c->customer_paid = paid;
	c->grid_invested = strtod(get(x, FLD_GRID_INVESTED), NULL);
	return 0;
}

/* 现场勘察: once, before the plan is answered (002 任务2 asks it of charging
 * points; any case may record it). */
static int
apply_survey(struct derive *x)
{
	struct case_state *c = x->c;
	char b[YK_DATE_BUFSZ];

	if (c->surveyed != YK_DATE_NONE)
		return bad_state(x, NULL, _("本案已记录现场勘察 (%s)；如需修改请更正原记录"),
				 date_format(c->surveyed, b));
	if (c->done[STAGE_PLAN] != YK_DATE_NONE)
		return bad_state(x, NULL, _("供电方案已于 %s 答复：现场勘察应在方案答复之前"),
				 date_format(c->done[STAGE_PLAN], b));
	c->surveyed = x->eff;
	return 0;
}

static int
apply_withdraw(struct derive *x)
{
	struct case_state *c = x->c;

	if (check(x, FLD_WITHDRAW_REASON) < 0)
		return -1;
	copy_field(c->withdraw_reason, sizeof c->withdraw_reason, get(x, FLD_WITHDRAW_REASON));
	c->status = CASE_WITHDRAWN;
	c->closed_on = x->eff;
	return 0;
}

const char *
case_status_name(enum case_status s)
{
	return s == CASE_CLOSED ? N_("办结") : s == CASE_WITHDRAWN ? N_("撤销") : N_("在办");
}

/* An event being recorded now (not one replayed from the store) is held
 * to the input rules, so that a rule made stricter later never makes a
 * stored case unreadable: every key of its data is a field of its kind (a
 * correction's "set.KEY" one of the corrected event's kind, target), every
 * value is one clean line of text — valid UTF-8, no control or invisible
 * formatting characters — within the field's limit, and a materials event
 * names what was received. */
static int
check_input(struct derive *x, int target)
{
	const struct payload *d = &x->ev->data;
	yk_error e;

	for (size_t i = 0; i < d->n; i++) {
		const char *key = d->items[i].key;
		int kind = (int)x->ev->kind;
		const struct yk_field *f;

		if (kind == EV_CORRECT && strncmp(key, "set.", 4) == 0) {
			key += 4;
			kind = target;
		}
		f = field_find(key, kind);
		if (!f || (kind == (int)x->ev->kind && f == field_at(FLD_EFFECTIVE)))
			return bad(x, key, _("不是%s记录的字段 (docs/store.md)"),
				   _(ev_kind_zh(kind < 0 ? x->ev->kind : (enum ev_kind)kind)));
		/* a field without a limit of its own (a flag, a code) is one
		 * short line all the same */
		if (validate_optional_text(d->items[i].val, f->max ? f->max : 255, &e) < 0)
			return bad(x, key, "%s", e.msg);
	}
	if (x->ev->kind == EV_MATERIALS && !*get(x, FLD_ITEMS))
		return bad(x, FKEY(FLD_ITEMS), _("没有列出收到的资料 (--items，如 id,property)"));
	return 0;
}

static int
apply_one(struct derive *x)
{
	struct case_state *c = x->c;
	const struct yk_event *ev = x->ev;
	char b[YK_DATE_BUFSZ];

	if (x->eff == YK_DATE_NONE)
		return bad(x, DATE_NAME, _("缺少日期"));
	if (ev->kind != EV_OPEN) {
		if (c->nevents == 0)
			return bad(x, NULL, _("案件的第一条记录必须是受理建档"));
		/* after energising: the follow-up call and the cost */
		if (c->status != CASE_OPEN &&
		    !(c->status == CASE_CLOSED && (ev->kind == EV_FOLLOW_UP || ev->kind == EV_COST)))
			return bad_state(x, NULL, _("案件已%s，不能再办理"), _(case_status_name(c->status)));
		if (x->eff < c->applied)
			return bad(x, DATE_NAME, _("早于申请日期 (%s)"), date_format(c->applied, b));
	} else if (c->nevents) {
		return bad_state(x, NULL, _("案件已经受理建档"));
	}
	if (event_is_late(ev) && strcmp(ev->origin, "import") != 0) {
		if (!*get(x, FLD_LATE_REASON))
			return bad(x, FKEY(FLD_LATE_REASON),
				   _("日期早于录入当天，属于补录 (late entry)，须填写补录原因 (--late-reason)"));
		c->late_entries++;
	}
	switch (ev->kind) {
	case EV_OPEN:
		return apply_open(x);
	case EV_START:
		return apply_start(x);
	case EV_MATERIALS:
		return apply_materials(x);
	case EV_DONE:
		return apply_done(x);
	case EV_SUSPEND:
		return apply_suspend(x);
	case EV_RESUME:
		return apply_resume(x);
	case EV_FILING:
		return apply_filing(x);
	case EV_WITHDRAW:
		return apply_withdraw(x);
	case EV_PERMIT_APPLY:
		return apply_permit_apply(x);
	case EV_PERMIT_GRANT:
		return apply_permit_grant(x);
	case EV_ASSIGN:
		return apply_assign(x);
	case EV_CONTRACT:
		return apply_contract(x);
	case EV_FAST_LANE:
		return apply_fast_lane(x);
	case EV_FOLLOW_UP:
		return apply_follow_up(x);
	case EV_COST:
		return apply_cost(x);
	case EV_SURVEY:
		return apply_survey(x);
	default:
		return bad(x, NULL, _("未知的记录类型"));
	}
}

/* The China date of a "recorded" stamp, or YK_DATE_NONE. */
static yk_date
recorded_date(const struct yk_event *ev)
{
	char d[YK_DATE_BUFSZ];
	yk_date rec;

	if (strlen(ev->recorded) < 10)
		return YK_DATE_NONE;
	memcpy(d, ev->recorded, 10);
	d[10] = '\0';
	return date_parse(d, &rec) == 0 ? rec : YK_DATE_NONE;
}

/* A business date may not lie after the day it was stated: the day the
 * event was recorded, or, for a date a correction set, the day the
 * correction was (limit). */
static int
check_not_future(struct derive *x, yk_date limit)
{
	char d[YK_DATE_BUFSZ];

	if (limit != YK_DATE_NONE && x->eff > limit)
		return bad(x, DATE_NAME, _("%s 是将来的日期"), date_format(x->eff, d));
	return 0;
}

int
uuid_in_list(const char *list, const char *uuid)
{
	size_t len = strlen(uuid);

	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t l = comma ? (size_t)(comma - p) : strlen(p);

		if (l == len && memcmp(p, uuid, len) == 0)
			return 1;
		p += l + (comma != NULL);
	}
	return 0;
}

/* Does correction c void the event uuid (void=1 on its target, or the
 * uuid in its voids= list)? */
static int
correction_voids(const struct yk_event *c, const char *uuid)
{
	const char *t = payload_get(&c->data, FKEY(FLD_CORRECTS));

	return (payload_get(&c->data, FKEY(FLD_VOID)) && t && strcmp(t, uuid) == 0) ||
	       uuid_in_list(payload_get(&c->data, "voids"), uuid);
}

/* A correction of a correction may only void it: nothing else of it. */
static int
correction_only_voids(const struct yk_event *c)
{
	if (!payload_get(&c->data, FKEY(FLD_VOID)))
		return 0;
	for (size_t k = 0; k < c->data.n; k++)
		if (strncmp(c->data.items[k].key, "set.", 4) == 0)
			return 0;
	return 1;
}

/* Does the voids= list of correction c (at place i) name anything that is
 * not an event before it? */
static int
correction_voids_unknown(const struct yk_event *c, const struct yk_event *evs, size_t i)
{
	const char *list = payload_get(&c->data, "voids");
	size_t named = 0, found = 0;

	for (const char *p = list; p && *p; p++)
		named += p == list || p[-1] == ',';
	for (size_t k = 0; k < i && found < named; k++)
		found += uuid_in_list(list, evs[k].uuid);
	return found < named;
}

int
case_derive(const struct yk_event *evs, size_t n, const struct yk_rules *rules,
	    struct case_state *out, yk_error *err)
{
	return case_derive_new(evs, n, n, rules, out, err);
}

/* The kind of the event a correction points at, or -1. */
static int
corrected_kind(const struct yk_event *evs, size_t i)
{
	const char *target = payload_get(&evs[i].data, FKEY(FLD_CORRECTS));

	for (size_t j = 0; target && j < i; j++)
		if (strcmp(evs[j].uuid, target) == 0)
			return (int)evs[j].kind;
	return -1;
}

int
case_derive_new(const struct yk_event *evs, size_t n, size_t first_new,
		const struct yk_rules *rules, struct case_state *out, yk_error *err)
{
	struct payload *data = xcalloc(n ? n : 1, sizeof *data);
	yk_date *eff = xcalloc(n ? n : 1, sizeof *eff);
	yk_date *limit = xcalloc(n ? n : 1, sizeof *limit);
	char *voided = xcalloc(n ? n : 1, 1);
	long *set_by = xcalloc(n ? n : 1, sizeof *set_by); /* correction that set the date */
	struct derive x = {.rules = rules, .c = out, .evs = evs, .err = err};
	int rc = -1;

	case_state_init(out);
	for (size_t i = 0; i < n; i++) {
		payload_copy(&data[i], &evs[i].data);
		eff[i] = evs[i].effective;
		limit[i] = recorded_date(&evs[i]);
		set_by[i] = -1;
	}
	/* Which corrections are themselves void: a later correction may void
	 * an earlier one (a sync merge holds a correction aside so; its
	 * resolution voids that hold). Walked from the end, so that a voided
	 * correction voids nothing. */
	for (size_t i = n; i-- > 0;) {
		if (evs[i].kind != EV_CORRECT || voided[i])
			continue;
		for (size_t j = 0; j < i; j++)
			if (evs[j].kind == EV_CORRECT && correction_voids(&evs[i], evs[j].uuid))
				voided[j] = 1;
	}
	/* Corrections first: each rewrites fields ("set.KEY") or the date
	 * ("set.effective") of the event it points at, or voids it (and, with
	 * "voids=UUID,…", other events besides: one decision, one event). */
	for (size_t i = 0; i < n; i++) {
		const char *target;
		size_t j;

		if (evs[i].kind != EV_CORRECT || voided[i])
			continue;
		x.ev = &evs[i];
		x.d = &evs[i].data;
		target = payload_get(&evs[i].data, FKEY(FLD_CORRECTS));
		for (j = 0; j < i; j++)
			if (target && strcmp(evs[j].uuid, target) == 0)
				break;
		if (j == i || (evs[j].kind == EV_CORRECT && !correction_only_voids(&evs[i]))) {
			bad(&x, FKEY(FLD_CORRECTS), _("更正对象 '%s' 不是本案件之前的记录"), target ? target : "");
			goto out;
		}
		if (!*get(&x, FLD_CORRECT_REASON)) {
			bad(&x, FKEY(FLD_CORRECT_REASON), _("更正须填写原因"));
			goto out;
		}
		for (size_t k = 0; k < evs[i].data.n; k++) {
			const struct kv *it = &evs[i].data.items[k];

			if (strncmp(it->key, "set.", 4) != 0)
				continue;
			if (strcmp(it->key + 4, FKEY(FLD_EFFECTIVE)) == 0) {
				yk_date said = recorded_date(&evs[i]);
				char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

				if (date_parse(it->val, &eff[j]) < 0) {
					bad(&x, FKEY(FLD_EFFECTIVE), _("'%s' 不是日期"), it->val);
					goto out;
				}
				/* the date is stated the day the correction is recorded */
				if (said != YK_DATE_NONE && eff[j] > said) {
					bad(&x, FKEY(FLD_EFFECTIVE), _("%s 是将来的日期（本更正录入于 %s）"),
					    date_format(eff[j], b1), date_format(said, b2));
					goto out;
				}
				if (said != YK_DATE_NONE && (limit[j] == YK_DATE_NONE || said > limit[j]))
					limit[j] = said;
				set_by[j] = (long)i;
			} else {
				payload_set(&data[j], it->key + 4, it->val);
			}
		}
		for (size_t k = 0; k < i; k++) {
			if (!correction_voids(&evs[i], evs[k].uuid))
				continue;
			if (evs[k].kind == EV_OPEN) {
				bad(&x, NULL, _("受理建档不能作废；如需取消请撤销案件 (withdraw)"));
				goto out;
			}
			voided[k] = 1;
		}
		if (correction_voids_unknown(&evs[i], evs, i)) {
			bad(&x, "voids", _("'%s' 中有不是本案件之前的记录"), payload_get(x.d, "voids"));
			goto out;
		}
		/* Moving a date to before the day the correction is recorded is
		 * a back-filled record (补录, docs/domain §7): it needs its reason
		 * and counts on the case like any late entry. */
		/* A correction stored before this rule, without its reason, is
		 * replayed as it was accepted (and flagged 补录 where it is
		 * shown): the rule holds for what is recorded now. */
		if (event_is_late(&evs[i]) && (i >= first_new || *get(&x, FLD_LATE_REASON))) {
			if (!*get(&x, FLD_LATE_REASON)) {
				char b1[YK_DATE_BUFSZ];

				bad(&x, FKEY(FLD_LATE_REASON),
				    _("更正把 #%ld 的日期改为 %s，早于更正录入当天，属于补录 (late entry)，"
				    "须填写补录原因 (--late-reason)"),
				    evs[j].seq, date_format(eff[j], b1));
				goto out;
			}
			out->late_entries++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		x.ev = &evs[i];
		x.d = &data[i];
		x.eff = eff[i];
		x.recording = i >= first_new;
		if (x.recording && check_input(&x, corrected_kind(evs, i)) < 0)
			goto out;
		if (check_not_future(&x, limit[i]) < 0)
			goto out;
		if (evs[i].kind != EV_CORRECT && !voided[i] && apply_one(&x) < 0) {
			if (set_by[i] >= 0 && err) {
				/* the date at fault is a correction's, not the event's */
				char b1[YK_DATE_BUFSZ];
				size_t len = strlen(err->msg);

				snprintf(err->msg + len, sizeof err->msg - len, _("（该日期由更正 #%ld 改为 %s）"),
					 evs[set_by[i]].seq, date_format(eff[i], b1));
			}
			goto out;
		}
		out->nevents++;
		memcpy(out->last_hash, evs[i].hash, sizeof out->last_hash);
	}
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		payload_free(&data[i]);
	free(data);
	free(eff);
	free(limit);
	free(voided);
	free(set_by);
	if (rc < 0)
		case_state_free(out);
	return rc;
}

/* ---- the cached copy ---------------------------------------------------- */

static void
put_date(struct payload *p, const char *key, yk_date d)
{
	char b[YK_DATE_BUFSZ];

	if (d != YK_DATE_NONE)
		payload_set(p, key, date_format(d, b));
}

static void
put_num(struct payload *p, const char *key, double v)
{
	char b[64];

	snprintf(b, sizeof b, "%.17g", v);
	payload_set(p, key, b);
}

static void
put_int(struct payload *p, const char *key, long v)
{
	char b[32];

	snprintf(b, sizeof b, "%ld", v);
	payload_set(p, key, b);
}

static void
put_str(struct payload *p, const char *key, const char *v)
{
	if (v[0])
		payload_set(p, key, v);
}

void
case_to_payload(const struct case_state *c, struct payload *p)
{
	char key[64];

	put_str(p, "case-no", c->case_no);
	put_str(p, "region", c->region);
	put_str(p, "category", category_code(c->category));
	put_str(p, "customer-type", c->customer_type);
	put_str(p, "name", c->name);
	put_str(p, "id-type", c->id_type);
	put_str(p, "id", c->id_no);
	put_str(p, "phone", c->phone);
	put_str(p, "address", c->address);
	put_num(p, "capacity", c->capacity);
	put_str(p, "unit", c->unit);
	put_num(p, "kv", c->kv);
	put_int(p, "external", c->external_works);
	put_int(p, "sanling", c->sanling_eligible);
	put_str(p, "area", c->area);
	put_str(p, "division", c->division);
	put_str(p, "hv-confirmation", c->hv_confirmation);
	put_date(p, "applied", c->applied);
	put_date(p, "surveyed", c->surveyed);
	put_date(p, "appointment", c->appointment);
	for (int s = 0; s < STAGE_COUNT; s++) {
		snprintf(key, sizeof key, "%s.started", stage_code((enum yk_stage)s));
		put_date(p, key, c->started[s]);
		snprintf(key, sizeof key, "%s.done", stage_code((enum yk_stage)s));
		put_date(p, key, c->done[s]);
		snprintf(key, sizeof key, "%s.result", stage_code((enum yk_stage)s));
		put_str(p, key, c->result[s]);
		snprintf(key, sizeof key, "%s.notes", stage_code((enum yk_stage)s));
		put_str(p, key, c->notes[s]);
		if (c->materials[s]) {
			snprintf(key, sizeof key, "%s.materials", stage_code((enum yk_stage)s));
			put_int(p, key, (long)c->materials[s]);
		}
	}
	put_str(p, "supply-point", c->supply_point);
	put_str(p, "line", c->line);
	put_str(p, "transformer", c->transformer);
	put_str(p, "metering", c->metering);
	put_num(p, "investment-saved", c->investment_saved);
	put_str(p, "meter-no", c->meter_no);
	for (size_t i = 0; i < c->nsusp; i++) {
		char v[400], b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

		snprintf(key, sizeof key, "susp.%03zu", i);
		snprintf(v, sizeof v, "%s|%s|%s|%s", date_format(c->susp[i].from, b1),
			 c->susp[i].to == YK_DATE_NONE ? "" : date_format(c->susp[i].to, b2),
			 susp_reason_code(c->susp[i].reason), c->susp[i].note);
		payload_set(p, key, v);
	}
	for (size_t i = 0; i < c->npermits; i++) {
		char v[300], b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];
		const struct case_permit *pm = &c->permits[i];

		snprintf(key, sizeof key, "permit.%zu", i);
		snprintf(v, sizeof v, "%s|%s|%s|%s", pm->kind, date_format(pm->applied, b1),
			 pm->granted == YK_DATE_NONE ? "" : date_format(pm->granted, b2),
			 pm->authority);
		payload_set(p, key, v);
	}
	put_str(p, "customer-manager", c->customer_manager);
	put_str(p, "project-manager", c->project_manager);
	put_date(p, "promised", c->promised);
	put_date(p, "works-by", c->works_by);
	put_str(p, "fast-lane", c->fast_lane);
	put_date(p, "followed-up", c->followed_up);
	put_str(p, "follow-outcome", c->follow_outcome);
	/* only when there is something: a case without them keeps the summary
	 * it had before these fields existed (verify compares the text) */
	if (c->follow_calls) {
		put_int(p, "satisfaction", c->satisfaction);
		put_int(p, "follow-calls", c->follow_calls);
	}
	if (c->cost_recorded) {
		put_int(p, "cost", c->cost_recorded);
		put_num(p, "customer-paid", c->customer_paid);
		put_num(p, "grid-invested", c->grid_invested);
	}
	put_int(p, "filed", c->filed);
	put_date(p, "filed-on", c->filed_on);
	put_date(p, "filed-due", c->filed_due);
	put_str(p, "upgrade", c->upgrade);
	put_str(p, "why", c->why);
	put_str(p, "filed-by", c->filed_by);
	put_str(p, "status", case_status_code(c->status));
	put_date(p, "closed-on", c->closed_on);
	put_str(p, "withdraw-reason", c->withdraw_reason);
	put_str(p, "rerun-of", c->rerun_of);
	if (c->rerun_of[0])
		put_int(p, "rerun-keep", c->rerun_keep);
	put_str(p, "restart-reason", c->restart_reason);
	put_int(p, "late-entries", c->late_entries);
	put_int(p, "imported", c->imported);
	put_int(p, "nevents", c->nevents);
	put_str(p, "last-hash", c->last_hash);
}

/* Reading the cached copy back is on the dashboard's hot path (every open
 * case, every start), so it is one pass over the text with no allocation
 * but the suspension list: each "key=value" line is looked up in a table
 * sorted by key and decoded straight into its field. */
enum ftype { F_STR, F_DATE, F_NUM, F_INT, F_UINT, F_CATEGORY, F_STATUS };

struct cfield {
	const char *key;
	enum ftype type;
	size_t off, size;
};

#define FSTR(k, m) {k, F_STR, offsetof(struct case_state, m), sizeof(((struct case_state *)0)->m)}
#define FTYPE(k, t, m) {k, t, offsetof(struct case_state, m), 0}
#define FSTAGE(s, i)                                                                        \
	FTYPE(s ".started", F_DATE, started[i]), FTYPE(s ".done", F_DATE, done[i]),         \
		FSTR(s ".result", result[i]), FSTR(s ".notes", notes[i]),                     \
		FTYPE(s ".materials", F_UINT, materials[i])

static struct cfield cfields[] = {
	FSTR("case-no", case_no), FSTR("region", region),
	FTYPE("category", F_CATEGORY, category), FSTR("customer-type", customer_type),
	FSTR("name", name), FSTR("id-type", id_type), FSTR("id", id_no), FSTR("phone", phone),
	FSTR("address", address), FTYPE("capacity", F_NUM, capacity), FSTR("unit", unit),
	FTYPE("kv", F_NUM, kv), FTYPE("external", F_INT, external_works),
	FTYPE("sanling", F_INT, sanling_eligible), FSTR("hv-confirmation", hv_confirmation),
	FTYPE("applied", F_DATE, applied), FTYPE("appointment", F_DATE, appointment),
	FSTR("area", area), FSTR("division", division), FTYPE("surveyed", F_DATE, surveyed),
	FSTAGE("accept", STAGE_ACCEPT), FSTAGE("plan", STAGE_PLAN), FSTAGE("design", STAGE_DESIGN),
	FSTAGE("midcheck", STAGE_MIDCHECK), FSTAGE("final", STAGE_FINAL),
	FSTAGE("energise", STAGE_ENERGISE),
	FSTR("supply-point", supply_point), FSTR("line", line), FSTR("transformer", transformer),
	FSTR("metering", metering), FTYPE("investment-saved", F_NUM, investment_saved),
	FSTR("meter-no", meter_no), FTYPE("filed", F_INT, filed),
	FSTR("customer-manager", customer_manager), FSTR("project-manager", project_manager),
	FTYPE("promised", F_DATE, promised), FTYPE("works-by", F_DATE, works_by),
	FSTR("fast-lane", fast_lane), FTYPE("followed-up", F_DATE, followed_up),
	FSTR("follow-outcome", follow_outcome), FTYPE("satisfaction", F_INT, satisfaction),
	FTYPE("follow-calls", F_INT, follow_calls), FTYPE("cost", F_INT, cost_recorded),
	FTYPE("customer-paid", F_NUM, customer_paid), FTYPE("grid-invested", F_NUM, grid_invested),
	FTYPE("filed-on", F_DATE, filed_on), FTYPE("filed-due", F_DATE, filed_due),
	FSTR("upgrade", upgrade), FSTR("why", why), FSTR("filed-by", filed_by),
	FTYPE("status", F_STATUS, status), FTYPE("closed-on", F_DATE, closed_on),
	FSTR("withdraw-reason", withdraw_reason), FTYPE("late-entries", F_INT, late_entries),
	FSTR("rerun-of", rerun_of), FTYPE("rerun-keep", F_INT, rerun_keep),
	FSTR("restart-reason", restart_reason),
	FTYPE("imported", F_INT, imported), FTYPE("nevents", F_INT, nevents),
	FSTR("last-hash", last_hash),
};

static int
cmp_cfield(const void *a, const void *b)
{
	return strcmp(((const struct cfield *)a)->key, ((const struct cfield *)b)->key);
}

/* Unescape a payload value (\\ and \n) into dst, cut to its size. */
static size_t
unescape(char *dst, size_t size, const char *v, size_t len)
{
	size_t j = 0;

	if (!size)
		return 0;
	if (!memchr(v, '\\', len)) {
		/* the common case: nothing escaped */
		j = len < size - 1 ? len : size - 1;
		memcpy(dst, v, j);
		dst[j] = '\0';
		return j;
	}
	for (size_t i = 0; i < len && j + 1 < size; i++) {
		char ch = v[i];

		if (ch == '\\' && i + 1 < len) {
			ch = v[i + 1] == 'n' ? '\n' : v[i + 1];
			i++;
		}
		dst[j++] = ch;
	}
	dst[j] = '\0';
	return j;
}

static int
decode_susp(struct case_state *c, const char *v, yk_error *err)
{
	/* from|to|reason|note, "to" empty while open */
	char buf[400], *f[4];
	int r;
	yk_date from, to = YK_DATE_NONE;

	unescape(buf, sizeof buf, v, strlen(v));
	f[0] = buf;
	f[1] = strchr(f[0], '|');
	f[2] = f[1] ? strchr(f[1] + 1, '|') : NULL;
	f[3] = f[2] ? strchr(f[2] + 1, '|') : NULL;
	if (!f[1] || !f[2] || !f[3])
		return yk_error_setk(err, YK_ERR_DAMAGED, "case %s: stored summary is damaged (suspension)", c->case_no);
	*f[1]++ = *f[2]++ = *f[3]++ = '\0';
	r = susp_reason_from_code(f[2]);
	if (r < 0 || date_parse(f[0], &from) < 0 || (*f[1] && date_parse(f[1], &to) < 0))
		return yk_error_setk(err, YK_ERR_DAMAGED, "case %s: stored summary is damaged (suspension)", c->case_no);
	push_susp(c, from, (enum susp_reason)r, f[3]);
	c->susp[c->nsusp - 1].to = to;
	return 0;
}

static int
decode_permit(struct case_state *c, const char *v, yk_error *err)
{
	/* kind|applied|granted|authority, "granted" empty while pending */
	char buf[300], *f[4];
	struct case_permit *p;

	unescape(buf, sizeof buf, v, strlen(v));
	f[0] = buf;
	f[1] = strchr(f[0], '|');
	f[2] = f[1] ? strchr(f[1] + 1, '|') : NULL;
	f[3] = f[2] ? strchr(f[2] + 1, '|') : NULL;
	if (!f[1] || !f[2] || !f[3] || c->npermits >= CASE_MAX_PERMITS)
		goto damaged;
	*f[1]++ = *f[2]++ = *f[3]++ = '\0';
	p = &c->permits[c->npermits];
	p->granted = YK_DATE_NONE;
	if (date_parse(f[1], &p->applied) < 0 || (*f[2] && date_parse(f[2], &p->granted) < 0))
		goto damaged;
	if (strlen(f[0]) >= sizeof p->kind)
		goto damaged;
	memcpy(p->kind, f[0], strlen(f[0]) + 1);
	unescape(p->authority, sizeof p->authority, f[3], strlen(f[3]));
	c->npermits++;
	return 0;
damaged:
	return yk_error_setk(err, YK_ERR_DAMAGED, "case %s: stored summary is damaged (permit)", c->case_no);
}

int
case_decode(const char *text, struct case_state *c, yk_error *err)
{
	static int sorted;
	const size_t nf = sizeof cfields / sizeof cfields[0];
	const char *line = text;
	size_t fi = 0;

	if (!sorted) {
		qsort(cfields, nf, sizeof cfields[0], cmp_cfield);
		sorted = 1;
	}
	case_state_init(c);
	while (*line) {
		const char *nl = strchr(line, '\n'), *eq;
		char key[40], val[64];
		struct cfield *f = NULL;
		size_t vlen;
		int cmp = 1;

		if (!nl)
			nl = line + strlen(line);
		eq = memchr(line, '=', (size_t)(nl - line));
		if (!eq || eq - line >= (long)sizeof key)
			goto damaged;
		memcpy(key, line, (size_t)(eq - line));
		key[eq - line] = '\0';
		vlen = (size_t)(nl - eq - 1);
		/* Stored keys come sorted (payload_serialize), as the table is:
		 * walk both together instead of searching for each key. */
		while (fi < nf && (cmp = strcmp(cfields[fi].key, key)) < 0)
			fi++;
		if (fi < nf && cmp == 0) {
			f = &cfields[fi];
		} else if (strncmp(key, "susp.", 5) != 0 && strncmp(key, "permit.", 7) != 0) {
			struct cfield probe = {.key = key};

			/* out of order (never written so) or unknown: search */
			f = bsearch(&probe, cfields, nf, sizeof cfields[0], cmp_cfield);
		}
		if (strncmp(key, "susp.", 5) == 0) {
			char *v = xstrndup(eq + 1, vlen);
			int rc = decode_susp(c, v, err);

			free(v);
			if (rc < 0) {
				case_state_free(c); /* suspensions decoded so far */
				return -1;
			}
		} else if (strncmp(key, "permit.", 7) == 0) {
			char *v = xstrndup(eq + 1, vlen);
			int rc = decode_permit(c, v, err);

			free(v);
			if (rc < 0) {
				case_state_free(c);
				return -1;
			}
		} else if (f) {
			char *dst = (char *)c + f->off;

			if (f->type == F_STR) {
				unescape(dst, f->size, eq + 1, vlen);
			} else {
				unescape(val, sizeof val, eq + 1, vlen);
				switch (f->type) {
				case F_DATE:
					if (date_parse(val, (yk_date *)(void *)dst) < 0)
						goto damaged;
					break;
				case F_NUM:
					*(double *)(void *)dst = strtod(val, NULL);
					break;
				case F_INT:
					*(int *)(void *)dst = atoi(val);
					break;
				case F_UINT:
					*(unsigned *)(void *)dst = (unsigned)strtoul(val, NULL, 10);
					break;
				case F_CATEGORY: {
					int cat = category_from_code(val);

					if (cat < 0)
						goto damaged;
					c->category = (enum yk_category)cat;
					break;
				}
				case F_STATUS:
					c->status = strcmp(val, "closed") == 0	  ? CASE_CLOSED
						    : strcmp(val, "withdrawn") == 0 ? CASE_WITHDRAWN
										    : CASE_OPEN;
					break;
				default:
					break;
				}
			}
		}
		line = *nl ? nl + 1 : nl;
	}
	return 0;
damaged:
	case_state_free(c);
	return yk_error_setk(err, YK_ERR_DAMAGED, "case %s: stored summary is damaged", c->case_no[0] ? c->case_no : "?");
}

/* ---- the clock inputs, compact --------------------------------------- */

/* Everything case_clocks needs, as one short line of numbers (dates as day
 * numbers, "" for none), so that listing many cases reads and parses ~150
 * bytes a case instead of the whole summary:
 *   category|region|capacity|kv|external|applied|appointment|
 *   started0|done0|…|started5|done5|filed-on|filed-due|status|closed-on|
 *   late-entries|from,to,from,to… (suspensions) */
static size_t
put_day(char *buf, size_t size, size_t n, yk_date d, char sep)
{
	if (n >= size)
		return n;
	if (d == YK_DATE_NONE)
		n += (size_t)snprintf(buf + n, size - n, "%c", sep);
	else
		n += (size_t)snprintf(buf + n, size - n, "%ld%c", (long)d, sep);
	return n;
}

char *
case_clock_encode(const struct case_state *c)
{
	size_t size = 360 + 2 * 12 * c->nsusp + strlen(c->region);
	char *buf = xmalloc(size);
	size_t n = (size_t)snprintf(buf, size, "%d|%s|%.17g|%.17g|%d|", (int)c->category, c->region,
				    c->capacity, c->kv, c->external_works);

	n = put_day(buf, size, n, c->applied, '|');
	n = put_day(buf, size, n, c->appointment, '|');
	for (int s = 0; s < STAGE_COUNT; s++) {
		n = put_day(buf, size, n, c->started[s], '|');
		n = put_day(buf, size, n, c->done[s], '|');
	}
	n = put_day(buf, size, n, c->filed ? c->filed_on : YK_DATE_NONE, '|');
	n = put_day(buf, size, n, c->filed ? c->filed_due : YK_DATE_NONE, '|');
	if (n < size)
		n += (size_t)snprintf(buf + n, size - n, "%d|", (int)c->status);
	n = put_day(buf, size, n, c->closed_on, '|');
	if (n < size)
		n += (size_t)snprintf(buf + n, size - n, "%d|", c->late_entries);
	for (size_t i = 0; i < c->nsusp && n < size; i++) {
		n = put_day(buf, size, n, c->susp[i].from, ',');
		n = put_day(buf, size, n, c->susp[i].to, ',');
	}
	/* the clocks beside the legal ones: ;promised;fast-lane;followed-up;
	 * only when there is one of them, so that a case without them keeps
	 * the text it had before they existed (verify compares it) */
	if (c->promised == YK_DATE_NONE && !c->fast_lane[0] && c->followed_up == YK_DATE_NONE)
		return buf;
	if (n < size)
		n += (size_t)snprintf(buf + n, size - n, ";");
	n = put_day(buf, size, n, c->promised, ';');
	if (n < size)
		n += (size_t)snprintf(buf + n, size - n, "%d;", c->fast_lane[0] != '\0');
	n = put_day(buf, size, n, c->followed_up, ';');
	return buf;
}

/* Next field up to sep: a day number, or NONE when empty. */
static const char *
get_day(const char *p, char sep, yk_date *d)
{
	char *end;
	long v;

	if (*p == sep) {
		*d = YK_DATE_NONE;
		return p + 1;
	}
	v = strtol(p, &end, 10);
	if (end == p || *end != sep)
		return NULL;
	*d = (yk_date)v;
	return end + 1;
}

int
case_clock_decode(const char *text, struct case_state *c, yk_error *err)
{
	const char *p = text, *bar;
	char *end;
	long v;

	v = strtol(p, &end, 10);
	if (end == p || *end != '|' || v < 0 || v >= CAT_COUNT)
		goto bad;
	c->category = (enum yk_category)v;
	p = end + 1;
	bar = strchr(p, '|');
	if (!bar || (size_t)(bar - p) >= sizeof c->region)
		goto bad;
	memcpy(c->region, p, (size_t)(bar - p));
	c->region[bar - p] = '\0';
	p = bar + 1;
	c->capacity = strtod(p, &end);
	if (*end != '|')
		goto bad;
	c->kv = strtod(end + 1, &end);
	if (*end != '|')
		goto bad;
	c->external_works = (int)strtol(end + 1, &end, 10);
	if (*end != '|')
		goto bad;
	p = end + 1;
	if (!(p = get_day(p, '|', &c->applied)) || !(p = get_day(p, '|', &c->appointment)))
		goto bad;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (!(p = get_day(p, '|', &c->started[s])) || !(p = get_day(p, '|', &c->done[s])))
			goto bad;
	if (!(p = get_day(p, '|', &c->filed_on)) || !(p = get_day(p, '|', &c->filed_due)))
		goto bad;
	c->filed = c->filed_on != YK_DATE_NONE;
	v = strtol(p, &end, 10);
	if (end == p || *end != '|')
		goto bad;
	c->status = v == 1 ? CASE_CLOSED : v == 2 ? CASE_WITHDRAWN : CASE_OPEN;
	if (!(p = get_day(end + 1, '|', &c->closed_on)))
		goto bad;
	c->late_entries = (int)strtol(p, &end, 10);
	if (*end != '|')
		goto bad;
	p = end + 1;
	c->nsusp = 0;
	while (*p && *p != ';') {
		yk_date from, to;

		if (!(p = get_day(p, ',', &from)) || !(p = get_day(p, ',', &to)))
			goto bad;
		push_susp(c, from, SUSP_CUSTOMER, "");
		c->susp[c->nsusp - 1].to = to;
	}
	c->promised = c->followed_up = YK_DATE_NONE;
	c->fast_lane[0] = '\0';
	if (*p == ';') {
		if (!(p = get_day(p + 1, ';', &c->promised)))
			goto bad;
		v = strtol(p, &end, 10);
		if (end == p || *end != ';')
			goto bad;
		/* the list needs to know only whether it is on the fast lane */
		snprintf(c->fast_lane, sizeof c->fast_lane, "%s", v ? "yes" : "");
		if (!(p = get_day(end + 1, ';', &c->followed_up)) || *p)
			goto bad;
	}
	return 0;
bad:
	return yk_error_setk(err, YK_ERR_DAMAGED, "case %s: stored clock inputs are damaged", c->case_no);
}

int
case_clocks(const struct case_state *c, const struct yk_rules *rules,
	    const struct yk_calendar *cal, yk_date today, struct engine_result *out,
	    const struct rule_profile **profile, yk_error *err)
{
	const struct rule_profile *p = rules_find(rules, c->region, c->applied, err);
	struct engine_input in;
	struct engine_suspension *susp;
	struct engine_permit permits[ENGINE_MAX_PERMITS];
	char pcode[ENGINE_MAX_PERMITS][32];
	int rc;

	if (profile)
		*profile = p;
	if (!p)
		return -1;
	memset(&in, 0, sizeof in);
	in.profile = p;
	in.variant = rules_variant(p, c->category, c->capacity, c->kv, c->applied, err);
	if (!in.variant)
		return -1;
	in.external_works = c->external_works;
	in.applied = c->applied;
	in.appointment = c->appointment;
	memcpy(in.started, c->started, sizeof in.started);
	memcpy(in.done, c->done, sizeof in.done);
	susp = xcalloc(c->nsusp ? c->nsusp : 1, sizeof *susp);
	for (size_t i = 0; i < c->nsusp; i++) {
		susp[i].from = c->susp[i].from;
		susp[i].to = c->susp[i].to;
	}
	in.susp = susp;
	in.nsusp = c->nsusp;
	in.filed_on = c->filed ? c->filed_on : YK_DATE_NONE;
	in.filed_due = c->filed ? c->filed_due : YK_DATE_NONE;
	for (size_t i = 0; i < c->npermits && i < ENGINE_MAX_PERMITS; i++) {
		const struct field_option *o = field_option(field_at(FLD_PERMIT), c->permits[i].kind);

		snprintf(pcode[i], sizeof pcode[i], "approval.%s", c->permits[i].kind);
		permits[i] = (struct engine_permit){.code = pcode[i], .name = o ? o->zh : c->permits[i].kind,
						    .applied = c->permits[i].applied,
						    .granted = c->permits[i].granted};
	}
	in.permits = permits;
	in.npermits = c->npermits < ENGINE_MAX_PERMITS ? c->npermits : ENGINE_MAX_PERMITS;
	/* A withdrawn case's clocks stopped on the day it was withdrawn. */
	in.withdrawn = c->status == CASE_WITHDRAWN ? c->closed_on : YK_DATE_NONE;
	in.today = today;
	rc = engine_compute(cal, &in, out, err);
	free(susp);
	return rc;
}
