#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "yekuo/core/division.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/validate.h"

/* ---- codes of the enumerated fields -------------------------------------- */

static const struct field_option id_types[] = {
	{.code = "resident-id", .zh = N_("居民身份证"), .alias = "身份证", .value = ID_RESIDENT},
	{.code = "uscc", .zh = N_("统一社会信用代码"), .value = ID_USCC},
	{.code = "passport", .zh = N_("护照"), .value = ID_PASSPORT},
	{.code = "other", .zh = N_("其他证件"), .alias = "其他", .value = ID_OTHER},
};

/* 客户类型 as the intake form offers it; the value is what rules_classify
 * takes. Stored as typed: the command line and spreadsheets may carry other
 * words, which are kept. */
static const struct field_option customer_types[] = {
	{.code = "small-micro", .zh = N_("小微企业"), .value = CUST_SMALL_MICRO},
	{.code = "private", .zh = N_("民营经济组织"), .value = CUST_PRIVATE},
	{.code = "resident", .zh = N_("居民"), .value = CUST_RESIDENT},
	{.code = "other", .zh = N_("其他非居民"), .value = CUST_OTHER, .note = N_("（国有、机关事业等）")},
	{.code = "charging", .zh = N_("充电设施"), .value = CUST_CHARGING},
};

/* Capacity is kW for LV categories and kVA for HV (docs/rules-format.md). */
static const struct field_option units[] = {
	{.code = "kW", .zh = N_("千瓦")},
	{.code = "kVA", .zh = N_("千伏安")},
};

/* The voltages validate_kv() accepts, in the order the form offers them. */
static const struct field_option voltages[] = {
	{.code = "0.38", .zh = "0.38 kV", .note = N_("（低压三相）")},
	{.code = "0.22", .zh = "0.22 kV", .note = N_("（低压单相）")},
	{.code = "10", .zh = "10 kV"},
	{.code = "20", .zh = "20 kV"},
	{.code = "6", .zh = "6 kV"},
	{.code = "35", .zh = "35 kV"},
	{.code = "66", .zh = "66 kV"},
	{.code = "110", .zh = "110 kV"},
	{.code = "220", .zh = "220 kV"},
};

static const struct field_option results[] = {
	{.code = "pass", .zh = N_("合格")},
	{.code = "rectify", .zh = N_("需整改"), .note = N_("（留在本环节，停表待客户整改）")},
};

/* The permits of external works the seeds name: 002 任务4 (挖(掘)路、绿地占用、
 * 穿跨河流), 004 附件2 rows 17-18 (建设工程规划许可、绿地占用许可、占掘（涉）路),
 * 000 附件1 (施工许可). A case holds at most one of each kind. */
static const struct field_option permits[] = {
	{.code = "road", .zh = N_("占用挖掘道路许可")},
	{.code = "green", .zh = N_("绿地占用许可")},
	{.code = "river", .zh = N_("穿跨河流许可")},
	{.code = "planning", .zh = N_("建设工程规划许可")},
	{.code = "construction", .zh = N_("施工许可")},
	{.code = "other", .zh = N_("其他审批")},
};

/* 003 附件1 row 13: 配套电网接入工程"项目经理+客户经理"双经理负责制. */
static const struct field_option roles[] = {
	{.code = "customer-manager", .zh = N_("客户经理"), .value = 0},
	{.code = "project-manager", .zh = N_("项目经理"), .value = 1, .note = N_("（高压案件）")},
};

/* 001 附件1 row 8: 对于列为国家和省级重大项目的，开辟办电绿色通道. */
static const struct field_option majors[] = {
	{.code = "national", .zh = N_("国家重大项目")},
	{.code = "provincial", .zh = N_("省级重大项目")},
};

/* 回访: reached (with a score), unreachable (the follow-up stays due),
 * declined (closed without a score). */
static const struct field_option outcomes[] = {
	{.code = "reached", .zh = N_("已回访"), .note = N_("（填写满意度评分）")},
	{.code = "unreachable", .zh = N_("未接通"), .note = N_("（回访仍待办）")},
	{.code = "declined", .zh = N_("客户拒绝评价")},
};

/* Built from the modules that own these codes (rules.c, case.c) on first
 * use. A suspension's reason is one of the first four: the wait for the
 * customer's rework is set by an inspection's result, not by hand. */
static struct field_option categories[CAT_COUNT];
static struct field_option areas[AREA_COUNT];
static struct field_option stages[STAGE_COUNT];
static struct field_option susp_reasons[SUSP_RECTIFY];

/* ---- checks ---------------------------------------------------------------- */

/* A masked number (an export without --unmasked) is not a number. */
static int
masked(const char *value, yk_error *err)
{
	if (!strchr(value, '*'))
		return 0;
	return yk_error_set(err, _("'%s' 是脱敏后的号码：请填写完整号码（在数据库之间迁移案件，"
				 "请用 export cases --unmasked 导出）"), value);
}

static int
chk_text(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	 yk_error *err)
{
	(void)data;
	(void)today;
	return validate_name(value, f->max, err);
}

static int
chk_enum(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	 yk_error *err)
{
	char codes[512];

	(void)data;
	(void)today;
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(value, f->options[i].code) == 0)
			return 0;
	codes[0] = '\0';
	for (size_t i = 0, len = 0; i < f->noptions && len < sizeof codes; i++)
		len += (size_t)snprintf(codes + len, sizeof codes - len, "%s%s", i ? ", " : "",
					f->options[i].code);
	return yk_error_set(err, _("'%s' 不是%s代码 (%s)"), value, _(field_label(f)), codes);
}

static int
chk_id(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
       yk_error *err)
{
	const char *type = data ? payload_get(data, FKEY(FLD_ID_TYPE)) : NULL;
	int t = id_type_from_code(type ? type : "");
	char id[VALIDATE_ID_BYTES + 1];

	(void)f;
	if (masked(value, err) < 0)
		return -1;
	if (t < 0)
		return 0; /* the type's own check says what is wrong */
	/* checked whole, never cut to fit: a cut value would be checked and
	 * stored without its end (港澳居民居住证 8100001990…123 less its 4) */
	if (strlen(value) > VALIDATE_ID_BYTES)
		return yk_error_set(err, _("太长：最多%d个字符"), VALIDATE_OTHER_ID_CHARS);
	snprintf(id, sizeof id, "%s", value);
	validate_normalise_id(id);
	return validate_id((enum id_type)t, id, today, err);
}

static int
chk_phone(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	  yk_error *err)
{
	(void)f;
	(void)data;
	(void)today;
	if (masked(value, err) < 0)
		return -1;
	return validate_phone(value, err);
}

static int
chk_capacity(const struct yk_field *f, const char *value, const struct payload *data,
	     yk_date today, yk_error *err)
{
	double v;

	(void)f;
	(void)data;
	(void)today;
	return validate_capacity(value, &v, err);
}

/* Money saved (万元): like a capacity, but zero is a real answer. */
static int
chk_money(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	  yk_error *err)
{
	if (strspn(value, "0.") == strlen(value) && strchr(value, '0'))
		return 0;
	return chk_capacity(f, value, data, today, err);
}

static int
chk_kv(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
       yk_error *err)
{
	double v;

	(void)f;
	(void)data;
	(void)today;
	return validate_kv(value, &v, err);
}

static int
chk_meter(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	  yk_error *err)
{
	(void)f;
	(void)data;
	(void)today;
	return validate_meter_no(value, err);
}

/* Any real day; the form's stricter reading only explains a refusal. */
static int
chk_date(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	 yk_error *err)
{
	yk_date d;

	(void)f;
	(void)data;
	(void)today;
	if (date_parse(value, &d) == 0)
		return 0;
	if (validate_date_field(value, &d, err) == 0)
		yk_error_set(err, _("'%s' 不是日期 (YYYY-MM-DD)"), value);
	return -1;
}

/* 服务评价: a whole score of 1 (very dissatisfied) to 5 (very satisfied). */
static int
chk_score(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	  yk_error *err)
{
	(void)f;
	(void)data;
	(void)today;
	if (value[0] >= '1' && value[0] <= '5' && value[1] == '\0')
		return 0;
	return yk_error_set(err, _("'%s' 不是 1 到 5 的整数（5 为非常满意）"), value);
}

/* 行政区划: a GB/T 2260 code (the office's, from its settings). */
static int
chk_division(const struct yk_field *f, const char *value, const struct payload *data,
	     yk_date today, yk_error *err)
{
	(void)f;
	(void)data;
	(void)today;
	if (division_code_ok(value))
		return 0;
	return yk_error_set(err, _("'%s' 不是 GB/T 2260 六位行政区划代码"), value);
}

/* ---- the table --------------------------------------------------------------- */

#define EVB(k) FIELD_BIT(k)
#define STB(s) FIELD_BIT(s)
#define ALL_EVENTS (FIELD_BIT(EV_KIND_COUNT) - 1)
#define HV_CATS (FIELD_BIT(CAT_HV_SINGLE) | FIELD_BIT(CAT_HV_DUAL))
#define INSPECTIONS (STB(STAGE_DESIGN) | STB(STAGE_MIDCHECK) | STB(STAGE_FINAL))
#define STAGE_EVENTS (EVB(EV_START) | EVB(EV_MATERIALS) | EVB(EV_DONE))
#define OPTIONS(a) .options = a, .noptions = sizeof a / sizeof a[0]
/* The longest value a case keeps of a field: its place in case_state. */
#define KEEPS(m) (sizeof(((struct case_state *)0)->m) - 1)
/* Free text of one line on a form */
#define ONE_LINE 255

static const struct yk_field fields[FLD_COUNT] = {
	[FLD_REGION] = {.key = "region", .label = N_("地区"), .kind = FK_ENUM, .max = KEEPS(region),
			.events = EVB(EV_OPEN), .required = 1},
	[FLD_CATEGORY] = {.key = "category", .label = N_("用户类别"), .brief = N_("类别"), .kind = FK_ENUM,
			  .check = chk_enum, .events = EVB(EV_OPEN), .required = 1,
			  OPTIONS(categories)},
	[FLD_CUSTOMER_TYPE] = {.key = "customer-type", .label = N_("客户类型"), .kind = FK_ENUM,
			       .max = KEEPS(customer_type), .events = EVB(EV_OPEN),
			       OPTIONS(customer_types)},
	[FLD_NAME] = {.key = "name", .label = N_("客户名称"), .brief = N_("客户"), .kind = FK_TEXT,
		      .max = KEEPS(name), .check = chk_text, .events = EVB(EV_OPEN), .required = 1},
	[FLD_ID_TYPE] = {.key = "id-type", .label = N_("证件类型"), .kind = FK_ENUM, .check = chk_enum,
			 .max = KEEPS(id_type), .events = EVB(EV_OPEN), .required = 1,
			 OPTIONS(id_types)},
	[FLD_ID] = {.key = "id", .label = N_("证件号码"), .brief = N_("证件"), .kind = FK_TEXT,
		    .max = KEEPS(id_no), .check = chk_id, .events = EVB(EV_OPEN), .mask = FM_ID,
		    .required = 1},
	[FLD_PHONE] = {.key = "phone", .label = N_("联系电话"), .brief = N_("电话"), .kind = FK_TEXT,
		       .max = KEEPS(phone), .check = chk_phone, .events = EVB(EV_OPEN),
		       .mask = FM_PHONE, .required = 1, .hint = N_("手机，或带区号的固定电话")},
	[FLD_ADDRESS] = {.key = "address", .label = N_("用电地址"), .brief = N_("地址"), .kind = FK_TEXT,
			 .max = KEEPS(address), .check = chk_text, .events = EVB(EV_OPEN),
			 .required = 1},
	[FLD_CAPACITY] = {.key = "capacity", .label = N_("报装容量"), .brief = N_("容量"), .kind = FK_NUMBER,
			  .max = 20, .check = chk_capacity, .events = EVB(EV_OPEN), .required = 1,
			  .hint = N_("数字，最多两位小数")},
	[FLD_UNIT] = {.key = "unit", .label = N_("容量单位"), .brief = N_("单位"), .kind = FK_ENUM,
		      .max = KEEPS(unit), .events = EVB(EV_OPEN), .required = 1, OPTIONS(units)},
	[FLD_KV] = {.key = "kv", .label = N_("供电电压"), .title = N_("电压等级(kV)"), .brief = N_("电压"),
		    .kind = FK_NUMBER, .max = 10, .check = chk_kv, .events = EVB(EV_OPEN),
		    OPTIONS(voltages)},
	[FLD_EXTERNAL] = {.key = "external", .name = "external-works", .label = N_("外线工程"),
			  .kind = FK_FLAG, .events = EVB(EV_OPEN),
			  .hint = N_("有电力外线工程（道路挖掘、立杆、电缆通道）")},
	[FLD_SANLING] = {.key = "sanling", .label = N_("三零"), .kind = FK_FLAG, .events = EVB(EV_OPEN)},
	[FLD_HV_CONFIRMATION] = {.key = "hv-confirmation", .label = N_("高压确认书"),
				 .title = N_("选择高压确认"), .brief = N_("高压确认"), .kind = FK_TEXT,
				 .max = KEEPS(hv_confirmation), .events = EVB(EV_OPEN),
				 .categories = HV_CATS,
				 .hint = N_("符合三零但选择高压：签字确认书编号或说明")},
	[FLD_APPOINTMENT] = {.key = "appointment", .label = N_("预约勘查日期"), .title = N_("预约日期"),
			     .brief = N_("预约"), .kind = FK_DATE, .max = 10, .check = chk_date,
			     .events = EVB(EV_OPEN), .hint = N_("YYYY-MM-DD；空则自受理日起算")},
	[FLD_SPLIT_APPLICATION] = {.key = "split-application", .label = N_("拆分报装"), .kind = FK_FLAG,
				   .events = EVB(EV_OPEN),
				   .hint = N_("同一产权超三零上限拆分申请（不享三零）")},
	[FLD_HV_REAPPLY] = {.key = "hv-reapply", .label = N_("高压转低压"), .kind = FK_FLAG,
			    .events = EVB(EV_OPEN),
			    .hint = N_("高压用户销户后转低压申请（不享三零）")},
	[FLD_AREA] = {.key = "area", .label = N_("城乡区域"), .brief = N_("区域"), .kind = FK_ENUM,
		      .check = chk_enum, .max = 8, .events = EVB(EV_OPEN), OPTIONS(areas),
		      .hint = N_("城市地区或农村地区（三零容量上限可能不同）")},

	/* the administrative division of the office the case was opened in
	 * (its settings; docs/policy.md "行政区划"): set by the ledger, never
	 * typed; 003 附件2 counts by 省/地市/县 */
	[FLD_DIVISION] = {.key = "division", .label = N_("行政区划"), .kind = FK_TEXT, .max = 6,
			  .check = chk_division, .events = EVB(EV_OPEN), .automatic = 1},

	/* set by the ledger when it finds the withdrawn case this one re-runs
	 * (003 row 15: no 重走), never typed */
	[FLD_RERUN_OF] = {.key = "rerun-of", .label = N_("重走原案件"), .kind = FK_TEXT,
			  .max = CASE_NO_BUFSZ - 1, .check = chk_text, .events = EVB(EV_OPEN),
			  .automatic = 1},
	[FLD_CLOCK_FROM] = {.key = "clock-from", .label = N_("沿用受理日期"), .kind = FK_DATE, .max = 10,
			    .check = chk_date, .events = EVB(EV_OPEN), .automatic = 1},
	[FLD_CLOCK_APPOINTMENT] = {.key = "clock-appointment", .label = N_("沿用预约日期"), .kind = FK_DATE,
				   .max = 10, .check = chk_date, .events = EVB(EV_OPEN),
				   .automatic = 1},
	[FLD_RESTART_REASON] = {.key = "restart-reason", .label = N_("重新计时原因"), .kind = FK_TEXT,
				.max = KEEPS(restart_reason), .check = chk_text, .events = EVB(EV_OPEN),
				.hint = N_("撤销后30日内重新报装（重走）：写明为何重新计时")},
	[FLD_KEEP_CLOCK] = {.key = "keep-clock", .label = N_("沿用原案件计时"), .kind = FK_FLAG,
			    .events = EVB(EV_OPEN),
			    .hint = N_("撤销后30日内重新报装（重走）：时限自原案件受理日起算")},
	[FLD_AGAIN] = {.key = "again", .label = N_("再次受理原因"), .kind = FK_TEXT, .max = ONE_LINE,
		       .check = chk_text, .events = EVB(EV_OPEN),
		       .hint = N_("同一证件、同一地址已有办理中的案件时：为何另开一件")},

	[FLD_STAGE] = {.key = "stage", .label = N_("环节"), .kind = FK_ENUM, .check = chk_enum,
		       .events = STAGE_EVENTS, .required = 1, OPTIONS(stages)},
	/* on a start event: handed over with the request */
	[FLD_ITEMS] = {.key = "items", .label = N_("资料"), .kind = FK_LIST, .max = 511,
		       .events = EVB(EV_MATERIALS) | EVB(EV_START)},
	[FLD_RESULT] = {.key = "result", .label = N_("检验结论"), .brief = N_("结论"), .kind = FK_ENUM,
			.max = 15, .events = EVB(EV_DONE), .stages = INSPECTIONS, .required = 1,
			OPTIONS(results)},
	/* on a materials event: a remark on what was received */
	[FLD_NOTES] = {.key = "notes", .label = N_("意见"), .kind = FK_TEXT, .max = ONE_LINE,
		       .events = EVB(EV_DONE) | EVB(EV_MATERIALS) | EVB(EV_SURVEY)},
	[FLD_SUPPLY_POINT] = {.key = "supply-point", .label = N_("供电电源点"), .brief = N_("电源点"),
			      .kind = FK_TEXT, .max = KEEPS(supply_point), .events = EVB(EV_DONE),
			      .stages = STB(STAGE_PLAN), .hint = N_("如 110kV 某站 10kV 某间隔")},
	[FLD_LINE] = {.key = "line", .label = N_("供电线路"), .title = N_("线路"), .brief = N_("线路"),
		      .kind = FK_TEXT, .max = KEEPS(line), .events = EVB(EV_DONE),
		      .stages = STB(STAGE_PLAN)},
	[FLD_TRANSFORMER] = {.key = "transformer", .label = N_("变压器/受电"), .title = N_("变压器"),
			     .brief = N_("变压器"), .kind = FK_TEXT, .max = KEEPS(transformer),
			     .events = EVB(EV_DONE), .stages = STB(STAGE_PLAN)},
	[FLD_METERING] = {.key = "metering", .label = N_("计量方式"), .brief = N_("计量"), .kind = FK_TEXT,
			  .max = KEEPS(metering), .events = EVB(EV_DONE), .stages = STB(STAGE_PLAN)},
	[FLD_INVESTMENT_SAVED] = {.key = "investment-saved", .label = N_("节省投资(万元)"),
				  .kind = FK_NUMBER, .max = 20, .check = chk_money,
				  .events = EVB(EV_DONE), .stages = STB(STAGE_PLAN),
				  .hint = N_("三零为客户节省的投资，可空")},
	[FLD_METER_NO] = {.key = "meter-no", .label = N_("电能表号"), .brief = N_("表号"), .kind = FK_TEXT,
			  .max = VALIDATE_METER_MAX, .check = chk_meter, .events = EVB(EV_DONE),
			  .stages = STB(STAGE_ENERGISE), .required = 1,
			  .hint = N_("表计资产编号：数字、字母、-")},

	[FLD_SUSP_REASON] = {.key = "reason", .label = N_("挂起原因"), .brief = N_("原因"), .kind = FK_ENUM,
			     .check = chk_enum, .events = EVB(EV_SUSPEND), .required = 1,
			     OPTIONS(susp_reasons)},
	[FLD_NOTE] = {.key = "note", .label = N_("说明"), .kind = FK_TEXT, .max = ONE_LINE,
		      .events = EVB(EV_SUSPEND) | EVB(EV_RESUME) | EVB(EV_CONTRACT) | EVB(EV_FAST_LANE) |
				EVB(EV_FOLLOW_UP) | EVB(EV_COST)},
	[FLD_UPGRADE] = {.key = "upgrade", .label = N_("升级改造内容"), .title = N_("需升级改造内容"),
			 .brief = N_("升级内容"), .kind = FK_TEXT, .max = KEEPS(upgrade), .check = chk_text,
			 .events = EVB(EV_FILING), .required = 1,
			 .hint = N_("需要的 10 千伏及以上电网升级")},
	[FLD_WHY] = {.key = "why", .label = N_("超限原因"), .title = N_("无法满足时限原因"), .kind = FK_TEXT,
		     .max = KEEPS(why), .check = chk_text, .events = EVB(EV_FILING), .required = 1},
	[FLD_PLANNED] = {.key = "planned", .label = N_("计划完成日期"), .brief = N_("计划完成"),
			 .kind = FK_DATE, .max = 10, .check = chk_date, .events = EVB(EV_FILING),
			 .required = 1, .hint = N_("YYYY-MM-DD，此后按此日期计时")},
	[FLD_WITHDRAW_REASON] = {.key = "reason", .label = N_("撤销原因"), .brief = N_("原因"),
				 .kind = FK_TEXT, .max = KEEPS(withdraw_reason), .check = chk_text,
				 .events = EVB(EV_WITHDRAW), .required = 1},
	[FLD_CORRECTS] = {.key = "corrects", .name = "event", .label = N_("更正事件"), .brief = N_("更正"),
			  .kind = FK_TEXT, .max = UUID_BUFSZ - 1, .events = EVB(EV_CORRECT),
			  .required = 1},
	[FLD_CORRECT_REASON] = {.key = "reason", .label = N_("更正原因"), .brief = N_("原因"), .kind = FK_TEXT,
				.max = ONE_LINE, .check = chk_text, .events = EVB(EV_CORRECT),
				.required = 1},
	[FLD_VOID] = {.key = "void", .label = N_("作废"), .kind = FK_FLAG, .events = EVB(EV_CORRECT)},

	[FLD_PERMIT] = {.key = "permit", .label = N_("审批事项"), .brief = N_("审批"), .kind = FK_ENUM,
			.check = chk_enum, .events = EVB(EV_PERMIT_APPLY) | EVB(EV_PERMIT_GRANT),
			.required = 1, OPTIONS(permits)},
	[FLD_AUTHORITY] = {.key = "authority", .label = N_("审批部门"), .brief = N_("部门"),
			   .kind = FK_TEXT, .max = 127, .check = chk_text,
			   .events = EVB(EV_PERMIT_APPLY), .required = 1,
			   .hint = N_("如 市城市管理局")},

	[FLD_ROLE] = {.key = "role", .label = N_("责任角色"), .brief = N_("角色"), .kind = FK_ENUM,
		      .check = chk_enum, .events = EVB(EV_ASSIGN), .required = 1, OPTIONS(roles)},
	[FLD_OWNER] = {.key = "owner", .label = N_("责任人"), .kind = FK_TEXT,
		       .max = KEEPS(customer_manager), .check = chk_text, .events = EVB(EV_ASSIGN),
		       .required = 1, .hint = N_("姓名或工号")},

	[FLD_PROMISED] = {.key = "promised", .label = N_("约定接电日期"), .brief = N_("约定接电"),
			  .kind = FK_DATE, .max = 10, .check = chk_date, .events = EVB(EV_CONTRACT),
			  .required = 1, .hint = N_("YYYY-MM-DD，与客户签订服务契约约定")},
	[FLD_WORKS_BY] = {.key = "works-by", .label = N_("约定工程完工日期"), .brief = N_("约定完工"),
			  .kind = FK_DATE, .max = 10, .check = chk_date, .events = EVB(EV_CONTRACT),
			  .hint = N_("YYYY-MM-DD，可空")},
	[FLD_MAJOR] = {.key = "major", .label = N_("重大项目级别"), .brief = N_("级别"), .kind = FK_ENUM,
		       .check = chk_enum, .events = EVB(EV_FAST_LANE), .required = 1, OPTIONS(majors)},
	[FLD_OUTCOME] = {.key = "outcome", .label = N_("回访结果"), .brief = N_("结果"), .kind = FK_ENUM,
			 .check = chk_enum, .events = EVB(EV_FOLLOW_UP), .required = 1,
			 OPTIONS(outcomes)},
	[FLD_SCORE] = {.key = "score", .label = N_("满意度评分"), .brief = N_("评分"), .kind = FK_NUMBER,
		       .max = 1, .check = chk_score, .events = EVB(EV_FOLLOW_UP),
		       .hint = N_("1-5，5 为非常满意；已回访时填写")},
	[FLD_CUSTOMER_PAID] = {.key = "customer-paid", .label = N_("客户承担费用(万元)"),
			       .brief = N_("客户承担"), .kind = FK_NUMBER, .max = 20, .check = chk_money,
			       .events = EVB(EV_COST), .required = 1,
			       .hint = N_("居民、三零用户为 0（零投资）")},
	[FLD_GRID_INVESTED] = {.key = "grid-invested", .label = N_("电网投资(万元)"),
			       .brief = N_("电网投资"), .kind = FK_NUMBER, .max = 20, .check = chk_money,
			       .events = EVB(EV_COST), .required = 1,
			       .hint = N_("供电企业投资至客户红线（含计量装置）")},

	[FLD_LATE_REASON] = {.key = "late-reason", .label = N_("补录原因"), .kind = FK_TEXT,
			     .max = ONE_LINE, .events = ALL_EVENTS,
			     .hint = N_("日期早于今日：说明为何补录")},
	/* the event's own date, not in its data: a correction sets it as
	 * "set.effective", the command line takes it as --date */
	[FLD_EFFECTIVE] = {.key = "effective", .name = "date", .label = N_("日期"), .kind = FK_DATE,
			   .max = 10, .check = chk_date, .hint = "YYYY-MM-DD"},
};

static void
init_codes(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	for (int i = 0; i < CAT_COUNT; i++)
		categories[i] = (struct field_option){.code = category_code((enum yk_category)i),
						      .zh = category_name_zh((enum yk_category)i),
						      .value = i};
	for (int i = 0; i < AREA_COUNT; i++)
		areas[i] = (struct field_option){.code = area_code((enum yk_area)i),
						 .zh = area_name_zh((enum yk_area)i), .value = i};
	for (int i = 0; i < STAGE_COUNT; i++)
		stages[i] = (struct field_option){.code = stage_code((enum yk_stage)i),
						  .zh = stage_name_zh((enum yk_stage)i), .value = i};
	for (int i = 0; i < SUSP_RECTIFY; i++)
		/* the form says which pauses the seeds exempt (003 附件2-2 row 6) */
		susp_reasons[i] = (struct field_option){.code = susp_reason_code((enum susp_reason)i),
							.zh = susp_reason_zh((enum susp_reason)i),
							.value = i,
							.note = susp_reason_exempt((enum susp_reason)i)
									? N_("（依据豁免）")
									: N_("（无条文豁免）")};
}

/* ---- lookups ----------------------------------------------------------------- */

const struct yk_field *
field_at(enum field_id id)
{
	init_codes();
	return (unsigned)id < FLD_COUNT ? &fields[id] : NULL;
}

enum field_id
field_id_of(const struct yk_field *f)
{
	return (enum field_id)(f - fields);
}

const struct yk_field *
field_find(const char *key, int kind)
{
	init_codes();
	for (int i = 0; i < FLD_COUNT; i++)
		if (strcmp(fields[i].key, key) == 0 &&
		    (kind < 0 || kind >= EV_KIND_COUNT || !fields[i].events ||
		     (fields[i].events & FIELD_BIT(kind))))
			return &fields[i];
	return NULL;
}

const struct yk_field *
field_by_name(const char *name)
{
	init_codes();
	for (int i = 0; i < FLD_COUNT; i++)
		if (strcmp(field_name(&fields[i]), name) == 0)
			return &fields[i];
	return NULL;
}

const char *
field_label(const struct yk_field *f)
{
	return f->label;
}

const char *
field_title(const struct yk_field *f)
{
	return f->title ? f->title : f->label;
}

const char *
field_brief(const struct yk_field *f)
{
	return f->brief ? f->brief : f->label;
}

const char *
field_brief_of(const char *key, int kind)
{
	const struct yk_field *f = field_find(key, kind);

	return f ? field_brief(f) : key;
}

const char *
field_name(const struct yk_field *f)
{
	return f->name ? f->name : f->key;
}

int
field_in_event(const struct yk_field *f, int kind, int stage)
{
	if (kind < 0 || kind >= EV_KIND_COUNT || !(f->events & FIELD_BIT(kind)))
		return 0;
	return stage < 0 || !f->stages || (f->stages & FIELD_BIT(stage));
}

const struct field_option *
field_option(const struct yk_field *f, const char *s)
{
	for (size_t i = 0; i < f->noptions; i++) {
		const struct field_option *o = &f->options[i];

		if (strcasecmp(s, o->code) == 0 || strcmp(s, o->zh) == 0 || (o->alias && strcmp(s, o->alias) == 0))
			return o;
	}
	return NULL;
}

void
field_codes(const struct yk_field *f, char *out, size_t outsz)
{
	size_t len = 0;

	if (outsz)
		out[0] = '\0';
	for (size_t i = 0; i < f->noptions && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%s（%s）", i ? " / " : "",
					f->options[i].code, f->options[i].zh);
}

/* ---- checking and showing ------------------------------------------------------ */

int
field_check(const struct yk_field *f, const char *value, const struct payload *data, yk_date today,
	    int required, yk_error *err)
{
	int rc = 0;

	if (!value)
		value = "";
	if (!*value && !required)
		return 0;
	if (!*value && !f->check)
		rc = yk_error_set(err, _("不能为空"));
	else if (f->check)
		rc = f->check(f, value, data, today, err);
	if (rc < 0 && err)
		snprintf(err->field, sizeof err->field, "%s", f->key);
	return rc;
}

void
field_show(const struct yk_field *f, const char *value, const struct payload *data, int unmasked,
	   char *out, size_t outsz)
{
	const struct field_option *o;

	if (!unmasked && f->mask == FM_ID) {
		validate_mask_id(value, out, outsz);
	} else if (!unmasked && f->mask == FM_PHONE) {
		validate_mask_phone(value, out, outsz);
	} else if (f->kind == FK_FLAG) {
		snprintf(out, outsz, "%s", strcmp(value, "1") == 0 ? "是" : "否");
	} else if (f->kind == FK_ENUM && (o = field_option(f, value)) != NULL) {
		snprintf(out, outsz, "%s", o->zh);
	} else if (f == &fields[FLD_CAPACITY]) {
		const char *unit = data ? payload_get(data, FKEY(FLD_UNIT)) : NULL;

		snprintf(out, outsz, "%s%s", value, unit ? unit : "");
	} else if (f == &fields[FLD_KV]) {
		snprintf(out, outsz, "%skV", value);
	} else {
		snprintf(out, outsz, "%s", value);
	}
}

void
fields_normalise(struct payload *data)
{
	const char *v;
	char buf[64];

	v = payload_get(data, FKEY(FLD_PHONE));
	if (v && strlen(v) < sizeof buf) {
		validate_normalise_phone(v, buf, sizeof buf);
		payload_set(data, FKEY(FLD_PHONE), buf);
	}
	v = payload_get(data, FKEY(FLD_ID));
	if (v && strlen(v) < sizeof buf &&
	    id_type_from_code(payload_get(data, FKEY(FLD_ID_TYPE)) ? payload_get(data, FKEY(FLD_ID_TYPE)) : "") !=
		    ID_OTHER) {
		snprintf(buf, sizeof buf, "%s", v);
		validate_normalise_id(buf);
		payload_set(data, FKEY(FLD_ID), buf);
	}
}

/* ---- a new case ------------------------------------------------------------------ */

struct open_check {
	const struct payload *data;
	yk_date applied;
	void (*fn)(void *, const yk_error *);
	void *ctx;
	int n;
};

static const char *
value_of(const struct open_check *k, enum field_id id)
{
	const char *v = payload_get(k->data, FKEY(id));

	return v ? v : "";
}

static void
report(struct open_check *k, const yk_error *e)
{
	k->n++;
	if (k->fn)
		k->fn(k->ctx, e);
}

/* The field's own check; 0 when the value is fine. */
static int
own_check(struct open_check *k, enum field_id id)
{
	const struct yk_field *f = field_at(id);
	yk_error e;

	if (field_check(f, value_of(k, id), k->data, k->applied, f->required, &e) == 0)
		return 0;
	report(k, &e);
	return -1;
}

static void
problem(struct open_check *k, enum field_id id, const char *fmt, ...) YK_PRINTF(3, 4);

static void
problem(struct open_check *k, enum field_id id, const char *fmt, ...)
{
	yk_error e;
	va_list ap;
	char what[YK_ERROR_MAX];

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	yk_error_field(&e, FKEY(id), "%s", what);
	report(k, &e);
}

static int
flag(const struct open_check *k, enum field_id id)
{
	return strcmp(value_of(k, id), "1") == 0;
}

static void
copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* The 三零 ceiling of the case's profile and area (rules_sanling_max). */
static void
check_scope(struct open_check *k, const struct yk_rules *rules, const struct case_state *c)
{
	double max, urban, rural;
	const char *note;
	char where[160];
	int area = area_from_code(c->area);
	int r = rules_sanling_max(rules, c->region, k->applied, area, &max, &note);

	if (r == 0 || c->capacity <= max)
		return;
	if (r < 0) {
		rules_sanling_max(rules, c->region, k->applied, AREA_URBAN, &urban, NULL);
		rules_sanling_max(rules, c->region, k->applied, AREA_RURAL, &rural, NULL);
		problem(k, FLD_AREA, _("本地规则的\"三零\"容量上限城市地区 %g 千瓦、农村地区 %g 千瓦，"
				     "本户 %s kW：请填写城乡区域 (urban/rural)"),
			urban, rural, value_of(k, FLD_CAPACITY));
		return;
	}
	snprintf(where, sizeof where, "%s%s%s", area >= 0 ? area_name_zh((enum yk_area)area) : "",
		 area >= 0 && *note ? _("，") : "", note);
	problem(k, FLD_CAPACITY, _("\"三零\"服务限%g千瓦及以下%s%s%s，本户 %s kW"), max,
		*where ? _("（") : "", where, *where ? _("）") : "", value_of(k, FLD_CAPACITY));
}

static int
check_open(const struct payload *data, const struct yk_rules *rules, yk_date applied,
	   struct case_state *c, void (*fn)(void *ctx, const yk_error *problem), void *ctx, int replay)
{
	struct open_check k = {.data = data, .applied = applied, .fn = fn, .ctx = ctx};
	struct case_state scratch;
	int cat = -1, hv = 0, cap_ok;
	const char *v;
	double kv;

	if (!c) {
		c = &scratch;
		case_state_init(c);
	}
	if (own_check(&k, FLD_CATEGORY) == 0) {
		cat = category_from_code(value_of(&k, FLD_CATEGORY));
		c->category = (enum yk_category)cat;
		hv = category_is_hv(c->category);
	}
	copy(c->region, sizeof c->region, value_of(&k, FLD_REGION));
	if (rules && !c->region[0])
		problem(&k, FLD_REGION, _("不能为空"));
	else if (rules && !rules_region_known(rules, c->region))
		problem(&k, FLD_REGION, _("地区 '%s' 没有时限规则 (见 yekuo rules list)"), c->region);
	if (own_check(&k, FLD_NAME) == 0)
		copy(c->name, sizeof c->name, value_of(&k, FLD_NAME));
	if (own_check(&k, FLD_ID_TYPE) == 0)
		copy(c->id_type, sizeof c->id_type, value_of(&k, FLD_ID_TYPE));
	if (own_check(&k, FLD_ID) == 0) {
		copy(c->id_no, sizeof c->id_no, value_of(&k, FLD_ID));
		validate_normalise_id(c->id_no);
	}
	if (own_check(&k, FLD_PHONE) == 0)
		copy(c->phone, sizeof c->phone, value_of(&k, FLD_PHONE));
	if (own_check(&k, FLD_ADDRESS) == 0)
		copy(c->address, sizeof c->address, value_of(&k, FLD_ADDRESS));
	cap_ok = own_check(&k, FLD_CAPACITY) == 0;
	if (cap_ok)
		validate_capacity(value_of(&k, FLD_CAPACITY), &c->capacity, NULL);
	v = value_of(&k, FLD_UNIT);
	if (cat >= 0 && strcmp(v, hv ? "kVA" : "kW") != 0)
		problem(&k, FLD_UNIT, hv ? _("高压案件的容量单位是 kVA，不是 '%s'") : _("低压案件的容量单位是 kW，不是 '%s'"), v);
	copy(c->unit, sizeof c->unit, v);
	/* no voltage given: the category's usual one */
	v = value_of(&k, FLD_KV);
	if (!*v)
		v = hv ? "10" : "0.38";
	if (validate_kv(v, &kv, NULL) < 0) {
		own_check(&k, FLD_KV);
	} else {
		if (cat >= 0 && hv != (kv >= 1))
			problem(&k, FLD_KV, _("%s kV 与用户类别的电压等级不符"), v);
		c->kv = kv;
	}
	v = value_of(&k, FLD_AREA);
	if (*v && own_check(&k, FLD_AREA) == 0)
		copy(c->area, sizeof c->area, v);
	v = value_of(&k, FLD_DIVISION);
	if (*v && own_check(&k, FLD_DIVISION) == 0)
		copy(c->division, sizeof c->division, v);
	/* 三零 applies to LV users up to the profile's ceiling for the case's
	 * area (rule files' scope-max: 000, 001, 002 160 kW; 003 row 9 农村
	 * 100 kW; 004 附件2 row 36 200 kW), but not to one property's capacity
	 * split into applications (拆分报装) nor to an HV user cancelling to
	 * re-apply at LV (002). Checked on what is recorded now: a stored case
	 * replays as it was accepted, whatever the rule files say later. */
	if (!replay && cat == CAT_LV_SANLING && cap_ok)
		check_scope(&k, rules, c);
	if (cat == CAT_LV_SANLING && flag(&k, FLD_SPLIT_APPLICATION))
		problem(&k, FLD_CATEGORY, _("拆分报装（同一产权用电拆分申请）不适用\"三零\"服务"));
	if (cat == CAT_LV_SANLING && flag(&k, FLD_HV_REAPPLY))
		problem(&k, FLD_CATEGORY, _("高压用户销户后改低压报装不适用\"三零\"服务"));
	c->external_works = flag(&k, FLD_EXTERNAL);
	c->sanling_eligible = flag(&k, FLD_SANLING) || cat == CAT_LV_SANLING;
	copy(c->customer_type, sizeof c->customer_type, value_of(&k, FLD_CUSTOMER_TYPE));
	copy(c->hv_confirmation, sizeof c->hv_confirmation, value_of(&k, FLD_HV_CONFIRMATION));
	if (hv && c->sanling_eligible && !c->hv_confirmation[0])
		problem(&k, FLD_HV_CONFIRMATION, _("客户符合\"三零\"条件但选择高压接入，须记录客户签字确认"));
	c->applied = applied;
	c->started[STAGE_ACCEPT] = applied;
	v = value_of(&k, FLD_APPOINTMENT);
	if (*v && own_check(&k, FLD_APPOINTMENT) == 0) {
		date_parse(v, &c->appointment);
		if (applied != YK_DATE_NONE && c->appointment < applied)
			problem(&k, FLD_APPOINTMENT, _("预约日期 %s 早于申请日期"), v);
	}
	if (c == &scratch)
		case_state_free(&scratch);
	return k.n;
}

int
fields_check_open(const struct payload *data, const struct yk_rules *rules, yk_date applied,
		  struct case_state *c, void (*fn)(void *ctx, const yk_error *problem), void *ctx)
{
	return check_open(data, rules, applied, c, fn, ctx, 0);
}

int
fields_replay_open(const struct payload *data, const struct yk_rules *rules, yk_date applied,
		   struct case_state *c, void (*fn)(void *ctx, const yk_error *problem), void *ctx)
{
	return check_open(data, rules, applied, c, fn, ctx, 1);
}
