#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/fields.h"
#include "yekuo/core/receipt.h"
#include "yekuo/core/settings.h"
#include "yekuo/core/seal.h"
#include "yekuo/core/text.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* A receipt line is at most this many columns: it goes to `lp` on A4. */
#define RECEIPT_COLS 72

struct receipt {
	char *buf;
	size_t len, cap;
};

static void
rput(struct receipt *r, const char *s)
{
	size_t n = strlen(s);

	r->buf = xgrow(r->buf, &r->cap, r->len + n + 1, 1);
	memcpy(r->buf + r->len, s, n + 1);
	r->len += n;
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

/* value after `lead` columns already written, wrapped at RECEIPT_COLS
 * with its further lines indented to that column: nothing is cut. */
static void
rwrap(struct receipt *r, int lead, const char *value)
{
	char part[RECEIPT_COLS * 4 + 1];
	int w;

	do {
		size_t n = text_fit(value, RECEIPT_COLS - lead, &w);

		if (n == 0 && *value)
			n = strlen(value); /* one character wider than the room: print it */
		snprintf(part, sizeof part, "%.*s", (int)n, value);
		rput(r, part);
		rput(r, "\n");
		value += n;
		if (*value)
			rprintf(r, "%*s", lead, "");
	} while (*value);
}

/* "label：value", the value wrapped at RECEIPT_COLS under itself. */
static void
rfield(struct receipt *r, const char *label, const char *value)
{
	char pad[64], *esc = NULL;
	size_t esccap = 0;

	/* stored text as a printer or a terminal should show it (text.h) */
	value = text_visible(value, 0, &esc, &esccap);
	text_pad(label, 10, pad, sizeof pad);
	rput(r, pad);
	rput(r, "：");
	rwrap(r, 12, value);
	free(esc);
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

	/* a step name wider than its column has a line of its own, whole */
	if (text_width(label) > width - 2) {
		rprintf(r, "  %s\n", label);
		label = "";
	}
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
	rprintf(r, "  %s%s", name, limpad);
	rwrap(r, 2 + width + 12, when);
}

/* A field's title on documents, from the field table. */
#define TITLE(id) field_title(field_at(id))

static void
write_receipt(struct receipt *r, const struct case_state *c, const struct yk_event *open,
	      const struct engine_result *res, const struct rule_profile *prof,
	      const struct yk_calendar *cal, const struct receipt_hall *hall, time_t now)
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
	if (hall && hall->name[0])
		rfield(r, "营业厅", hall->name);
	if (hall && hall->address[0])
		rfield(r, "营业厅地址", hall->address);
	/* 003 附件1 row 47, 004 (五)1: the service hotline and the regulator's
	 * 12398 published together, to the same people */
	snprintf(buf, sizeof buf, "供电服务热线 %s；能源监管热线 %s",
		 hall && hall->hotline[0] ? hall->hotline : SETTINGS_HOTLINE_DEFAULT,
		 SETTINGS_REGULATOR_HOTLINE);
	rfield(r, "服务热线", buf);
	rfield(r, "案件编号", c->case_no);
	rfield(r, TITLE(FLD_NAME), c->name);
	field_show(field_at(FLD_ID_TYPE), c->id_type, NULL, 0, buf, sizeof buf);
	field_show(field_at(FLD_ID), c->id_no, NULL, 0, m, sizeof m);
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " %s", m);
	rfield(r, TITLE(FLD_ID), buf);
	field_show(field_at(FLD_PHONE), c->phone, NULL, 0, m, sizeof m);
	rfield(r, TITLE(FLD_PHONE), m);
	rfield(r, TITLE(FLD_ADDRESS), c->address);
	snprintf(buf, sizeof buf, "%s（%g kV，报装容量 %g %s%s）", category_name_zh(c->category), c->kv,
		 c->capacity, c->unit, c->external_works ? "，有外线工程" : "");
	rfield(r, "用户类别", buf);
	if (c->fast_lane[0]) {
		/* 001 附件1 row 8: 重大项目办电绿色通道 */
		field_show(field_at(FLD_MAJOR), c->fast_lane, NULL, 0, m, sizeof m);
		snprintf(buf, sizeof buf, "%s（重大项目办电绿色通道）", m);
		rfield(r, "绿色通道", buf);
	}
	snprintf(buf, sizeof buf, "%s（星期%s）", date_format(c->applied, b), date_weekday_zh(c->applied));
	rfield(r, "申请日期", buf);
	if (c->appointment != YK_DATE_NONE) {
		snprintf(buf, sizeof buf, "%s（星期%s）", date_format(c->appointment, b),
			 date_weekday_zh(c->appointment));
		rfield(r, TITLE(FLD_APPOINTMENT), buf);
	}
	if (hall && hall->clerk[0]) {
		snprintf(buf, sizeof buf, "%s%s%s%s", hall->clerk, hall->staff_no[0] ? "（工号 " : "",
			 hall->staff_no, hall->staff_no[0] ? "）" : "");
		rfield(r, "受理人", buf);
	} else {
		rfield(r, "受理人", open->operator_name);
	}

	rput(r, "\n一、申请资料\n");
	for (int s = 0; s < STAGE_COUNT; s++) {
		size_t n;
		const struct material *mat = case_materials((enum yk_stage)s, hv, &n);

		if (!n || !(res->stages >> s & 1))
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
			rprintf(r, "  %s阶段需提供：", stage_name_zh((enum yk_stage)s));
			rwrap(r, 2 + text_width(stage_name_zh((enum yk_stage)s)) + 12, buf);
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
		/* the rest of the line needs 12 + 33 columns ("自预约现场服务之日起
		 * 5 个工作日内"); a longer name goes on a line of its own */
		if (w > RECEIPT_COLS - 2 - 12 - 34)
			w = RECEIPT_COLS - 2 - 12 - 34;
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
	/* 契约式接电 (001 附件1 row 10): the dates agreed, beside the legal ones */
	if (c->promised != YK_DATE_NONE) {
		rput(r, "\n三、服务契约约定（契约式接电）\n");
		if (c->works_by != YK_DATE_NONE)
			rprintf(r, "  约定工程完工日期  %s（星期%s）\n", date_format(c->works_by, b),
				date_weekday_zh(c->works_by));
		rprintf(r, "  约定接电日期      %s（星期%s）\n", date_format(c->promised, b),
			date_weekday_zh(c->promised));
	}
	rput(r, "\n");
	/* the policy by its official name and number, never our source notes */
	rfield(r, "时限依据", prof->policy[0] ? prof->policy : prof->region_name);
	{
		const char *src = calendar_year_source(cal, res->year_from);

		snprintf(buf, sizeof buf, "%d-%d%s%s", res->year_from, res->year_to, src ? "，" : "",
			 src ? src : "");
		rfield(r, "工作日历", buf);
	}
	if (res->missing_year) {
		snprintf(buf, sizeof buf, "%d 年节假日未载入，到期日仅按周末推算", res->missing_year);
		rfield(r, "注意", buf);
	}
	clock_stamp(now, stamp);
	snprintf(buf, sizeof buf, "%.10s %.5s", stamp, stamp + 11);
	rfield(r, "打印时间", buf);
	rput(r, "\n客户签字：________________        受理人签字：________________\n");
}

char *
receipt_text(const struct case_state *c, const struct yk_event *open,
	     const struct engine_result *res, const struct rule_profile *prof,
	     const struct yk_calendar *cal, const struct receipt_hall *hall, time_t now)
{
	struct receipt r = {0};

	rput(&r, "");
	write_receipt(&r, c, open, res, prof, cal, hall, now);
	return r.buf;
}

char *
receipt_anchor(const char *head, long seal_seq, const char *seal_digest, const char *seal_time)
{
	char h[SEAL_SHORT_BUFSZ], d[SEAL_SHORT_BUFSZ];

	seal_short(head, h);
	seal_short(seal_digest, d);
	return xasprintf("\n核验码 (verification)\n  案件链头  %s\n  数据封存  #%ld %s  %s\n"
			 "  核验方法  yekuo verify --seal %.16s\n",
			 h, seal_seq, d, seal_time, seal_digest);
}
