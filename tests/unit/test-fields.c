/* The field table (fields.h): every key unique within its events, every
 * label Chinese and present, the lookups, showing a value, and the one
 * check of a new case refusing each bad field with that field's key. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/validate.h"

static yk_date
D(const char *s)
{
	yk_date d = YK_DATE_NONE;

	date_parse(s, &d);
	return d;
}

/* Some byte of s is not ASCII: a Chinese label. */
static int
chinese(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static void
test_table(void)
{
	int dup = 0, unlabelled = 0, kinds = 0, names = 0;

	for (int i = 0; i < FLD_COUNT; i++) {
		const struct yk_field *a = field_at((enum field_id)i);

		if (!a->key || !*a->key || !chinese(field_label(a)) || !chinese(field_title(a)) ||
		    !chinese(field_brief(a))) {
			unlabelled++;
			printf("#   field %d (%s) lacks a Chinese label\n", i, a->key ? a->key : "?");
		}
		if (a->kind == FK_ENUM && a->noptions == 0 && i != FLD_REGION) {
			kinds++;
			printf("#   enum field %s has no codes\n", a->key);
		}
		for (size_t k = 0; k < a->noptions; k++)
			if (!a->options[k].code || !a->options[k].zh || !*a->options[k].zh) {
				kinds++;
				printf("#   field %s: option %zu lacks its code or its name\n", a->key, k);
			}
		for (int j = i + 1; j < FLD_COUNT; j++) {
			const struct yk_field *b = field_at((enum field_id)j);

			/* one key may mean different things on different events
			 * (a suspension's reason, a withdrawal's), never on one */
			if (strcmp(a->key, b->key) == 0 && (a->events & b->events || !a->events || !b->events)) {
				dup++;
				printf("#   key '%s' twice (fields %d and %d) on one event\n", a->key, i, j);
			}
			if (strcmp(field_name(a), field_name(b)) == 0 && strcmp(a->key, b->key) != 0) {
				names++;
				printf("#   option/column name '%s' twice\n", field_name(a));
			}
		}
	}
	is_int(FLD_COUNT, 57, "the table has a row for each of the 57 fields");
	is_int(dup, 0, "every key is unique among the fields of one event");
	is_int(names, 0, "every option / column name names one field");
	is_int(unlabelled, 0, "every field has a key and a Chinese label, title and brief label");
	is_int(kinds, 0, "every enumerated field has its codes, each with a name to show");
	for (int i = 0; i < FLD_COUNT; i++)
		if ((int)field_id_of(field_at((enum field_id)i)) != i)
			break;
		else if (i == FLD_COUNT - 1)
			ok(1, "field_id_of inverts field_at");
}

static void
test_lookups(void)
{
	const struct yk_field *f;

	f = field_find("reason", EV_SUSPEND);
	ok(f == field_at(FLD_SUSP_REASON) && f->kind == FK_ENUM, "a suspension's reason is a code");
	f = field_find("reason", EV_WITHDRAW);
	ok(f == field_at(FLD_WITHDRAW_REASON) && f->kind == FK_TEXT, "a withdrawal's reason is text");
	is_str(field_label(field_find("reason", EV_CORRECT)), "更正原因", "a correction's reason is its own field");
	ok(field_find("reason", EV_START) == NULL, "a stage start carries no reason");
	ok(field_find("meter-no", EV_KIND_COUNT) == field_at(FLD_METER_NO), "any event: by key alone");
	ok(field_find("colour", EV_KIND_COUNT) == NULL, "an unknown key is not a field");
	ok(field_by_name("external-works") == field_at(FLD_EXTERNAL), "the option --external-works is the field external");
	ok(field_by_name("event") == field_at(FLD_CORRECTS), "the option --event is the field corrects");
	ok(field_by_name("date") == field_at(FLD_EFFECTIVE), "--date is the event's own date");
	is_str(field_name(field_at(FLD_NAME)), "name", "a field without a name of its own goes by its key");
	is_str(field_title(field_at(FLD_APPOINTMENT)), "预约日期", "title: the spreadsheet column");
	is_str(field_label(field_at(FLD_APPOINTMENT)), "预约勘查日期", "label: the form");
	is_str(field_brief(field_at(FLD_APPOINTMENT)), "预约", "brief: the event line");
	is_str(field_brief(field_at(FLD_ADDRESS)), "地址", "brief label of the address");
	is_int(field_at(FLD_NAME)->max, 255, "a name keeps at most 255 bytes");
	is_int(field_at(FLD_ADDRESS)->max, 511, "an address at most 511");
	is_int(field_at(FLD_ID)->mask, FM_ID, "the ID number is masked as an ID");
	is_int(field_at(FLD_PHONE)->mask, FM_PHONE, "the phone as a phone");
	is_int(field_at(FLD_NAME)->mask, FM_NONE, "the name is not masked");

	ok(field_in_event(field_at(FLD_METER_NO), EV_DONE, STAGE_ENERGISE), "meter number: energising");
	ok(!field_in_event(field_at(FLD_METER_NO), EV_DONE, STAGE_PLAN), "… not the plan");
	ok(field_in_event(field_at(FLD_SUPPLY_POINT), EV_DONE, STAGE_PLAN), "supply point: the plan");
	ok(field_in_event(field_at(FLD_RESULT), EV_DONE, STAGE_FINAL), "result: the inspections");
	ok(!field_in_event(field_at(FLD_RESULT), EV_DONE, STAGE_ACCEPT), "… not the acceptance");
	ok(field_in_event(field_at(FLD_LATE_REASON), EV_RESUME, -1), "a late reason on any event");
	ok(field_at(FLD_HV_CONFIRMATION)->categories & FIELD_BIT(CAT_HV_DUAL), "the HV confirmation is for HV");
	ok(!(field_at(FLD_HV_CONFIRMATION)->categories & FIELD_BIT(CAT_LV_SANLING)), "… not LV");

	f = field_at(FLD_ID_TYPE);
	ok(field_option(f, "uscc") && field_option(f, "uscc")->value == ID_USCC, "an ID type by code");
	ok(field_option(f, "居民身份证") && field_option(f, "居民身份证")->value == ID_RESIDENT, "… by its Chinese name");
	ok(field_option(f, "身份证") && field_option(f, "身份证")->value == ID_RESIDENT, "… by its alias");
	ok(field_option(f, "驾照") == NULL, "… and an unknown one is none");
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(id_type_code((enum id_type)f->options[i].value), f->options[i].code) != 0)
			ok(0, "ID type code %s is validate.c's", f->options[i].code);
	f = field_at(FLD_CATEGORY);
	ok(field_option(f, "hv-dual") && field_option(f, "hv-dual")->value == CAT_HV_DUAL, "categories come from rules.c");
	f = field_at(FLD_STAGE);
	is_int(f->noptions, STAGE_COUNT, "one stage code per stage");
	f = field_at(FLD_SUSP_REASON);
	ok(field_option(f, "customer") && !field_option(f, "rectify"),
	   "a suspension reason: not the rework wait, which an inspection sets");
	{
		char codes[256];

		field_codes(field_at(FLD_RESULT), codes, sizeof codes);
		is_str(codes, "pass（合格） / rectify（需整改）", "the codes of a field for a hint");
	}
}

/* field_show of a value of field id, with the data p in scope */
#define SHOWS(id, value, unmasked, want, desc)                                            \
	do {                                                                               \
		field_show(field_at(id), value, &p, unmasked, out, sizeof out);           \
		is_str(out, want, desc);                                                   \
	} while (0)

static void
test_show(void)
{
	struct payload p = {0};
	char out[128];

	payload_set(&p, "unit", "kW");
	SHOWS(FLD_ID, "11010519491231002X", 0, "1101**********002X", "an ID is shown masked");
	SHOWS(FLD_ID, "11010519491231002X", 1, "11010519491231002X", "… unless asked for whole");
	SHOWS(FLD_PHONE, "13912345678", 0, "139****5678", "a phone is shown masked");
	SHOWS(FLD_CAPACITY, "30.5", 0, "30.5kW", "a capacity with its unit");
	SHOWS(FLD_EXTERNAL, "1", 0, "是", "a flag as 是");
	SHOWS(FLD_SUSP_REASON, "external-blocked", 0, "外线受阻", "a code in Chinese");
	SHOWS(FLD_CATEGORY, "lv-nothing", 0, "lv-nothing", "an unknown code as it is");
	payload_free(&p);

	payload_set(&p, "phone", "+8613912345678");
	payload_set(&p, "id-type", "resident-id");
	payload_set(&p, "id", "11010519491231002x");
	fields_normalise(&p);
	is_str(payload_get(&p, "phone"), "13912345678", "normal form: the phone without +86");
	is_str(payload_get(&p, "id"), "11010519491231002X", "… an ID's x upper-case");
	payload_set(&p, "id-type", "other");
	payload_set(&p, "id", "abc-123");
	fields_normalise(&p);
	is_str(payload_get(&p, "id"), "abc-123", "… but another certificate as written");
	payload_free(&p);
}

/* ---- the new-case check ------------------------------------------------------ */

struct seen {
	int n;
	char fields[16][YK_ERROR_FIELD_MAX];
	char msgs[16][YK_ERROR_MAX];
};

static void
collect(void *ctx, const yk_error *e)
{
	struct seen *s = ctx;

	if (s->n < 16) {
		snprintf(s->fields[s->n], sizeof s->fields[0], "%s", e->field);
		snprintf(s->msgs[s->n], sizeof s->msgs[0], "%s", yk_error_what(e));
	}
	s->n++;
}

static void
good_case(struct payload *p)
{
	payload_free(p);
	payload_set(p, "region", "national");
	payload_set(p, "category", "lv-sanling");
	payload_set(p, "name", "李四小吃店");
	payload_set(p, "id-type", "resident-id");
	payload_set(p, "id", "11010519491231002X");
	payload_set(p, "phone", "13912345678");
	payload_set(p, "address", "某市某路1号");
	payload_set(p, "capacity", "30.5");
	payload_set(p, "unit", "kW");
}

/* With `key` set to `val` (NULL: removed) on a good case, the check finds
 * exactly one problem, on field `want`, saying `needle`. */
static void
refuses(const char *key, const char *val, const char *want, const char *needle, const char *desc)
{
	struct payload p = {0};
	struct seen s = {0};
	int n;

	good_case(&p);
	if (val)
		payload_set(&p, key, val);
	else
		payload_set(&p, key, "");
	n = fields_check_open(&p, NULL, D("2026-03-02"), NULL, collect, &s);
	if (!ok(n == 1 && s.n == 1 && strcmp(s.fields[0], want) == 0 && strstr(s.msgs[0], needle), "%s", desc)) {
		printf("#   %d problems\n", n);
		for (int i = 0; i < s.n && i < 16; i++)
			printf("#   %s: %s\n", s.fields[i], s.msgs[i]);
	}
	payload_free(&p);
}

static void
test_check_open(void)
{
	struct payload p = {0};
	struct case_state c;
	struct seen s = {0};

	good_case(&p);
	payload_set(&p, "id", "11010519491231002x");
	payload_set(&p, "appointment", "2026-03-03");
	payload_set(&p, "external", "1");
	case_state_init(&c);
	is_int(fields_check_open(&p, NULL, D("2026-03-02"), &c, collect, &s), 0, "a good case has no problem");
	is_str(c.name, "李四小吃店", "and is decoded: the name");
	is_str(c.id_no, "11010519491231002X", "the ID in its normal form");
	ok(c.capacity == 30.5 && c.kv == 0.38, "capacity 30.5, the LV voltage by default");
	ok(c.category == CAT_LV_SANLING && c.sanling_eligible && c.external_works, "category, 三零, external works");
	ok(c.applied == D("2026-03-02") && c.appointment == D("2026-03-03"), "application and appointment dates");
	case_state_free(&c);

	refuses("category", "lv-space", "category", "不是用户类别代码", "an unknown category");
	refuses("name", NULL, "name", "不能为空", "no name");
	refuses("name", "甲\t乙", "name", "制表符", "a tab in the name");
	refuses("id-type", "licence", "id-type", "不是证件类型代码", "an unknown ID type");
	refuses("id", "110105194912310021", "id", "校验码应为 X", "a wrong check digit");
	refuses("id", "1101**********002X", "id", "脱敏", "a masked ID");
	refuses("phone", "1391234567", "phone", "手机号应为11位", "a short phone number");
	refuses("phone", "139****5678", "phone", "脱敏", "a masked phone");
	refuses("address", NULL, "address", "不能为空", "no address");
	refuses("capacity", "abc", "capacity", "不是数字", "a capacity that is no number");
	/* the 三零 ceiling is the rule files' (scope-max): tests/unit/test-case.c */
	refuses("unit", "kVA", "unit", "kW", "an LV case sized in kVA");
	refuses("kv", "11", "kv", "不是标准供电电压", "a voltage that is not standard");
	refuses("kv", "10", "kv", "不符", "an HV voltage on an LV category");
	refuses("split-application", "1", "category", "拆分报装", "三零 for a split application");
	refuses("hv-reapply", "1", "category", "销户", "三零 for an HV user re-applying at LV");
	refuses("appointment", "2026-02-30", "appointment", "不存在", "an appointment that does not exist");
	refuses("division", "52010", "division", "六位行政区划代码", "a division code of five digits");
	refuses("division", "990000", "division", "六位行政区划代码", "a division code outside 11..82");
	refuses("appointment", "2026-03-01", "appointment", "早于申请日期", "an appointment before the application");

	/* HV: the confirmation of a 三零-eligible customer */
	good_case(&p);
	payload_set(&p, "category", "hv-single");
	payload_set(&p, "unit", "kVA");
	payload_set(&p, "sanling", "1");
	memset(&s, 0, sizeof s);
	is_int(fields_check_open(&p, NULL, D("2026-03-02"), NULL, collect, &s), 1,
	       "an eligible customer choosing HV without a signed confirmation: one problem");
	is_str(s.fields[0], "hv-confirmation", "on the confirmation");
	payload_set(&p, "hv-confirmation", "已告知三零政策，客户签字选择高压");
	case_state_init(&c);
	is_int(fields_check_open(&p, NULL, D("2026-03-02"), &c, NULL, NULL), 0, "with it, none");
	ok(c.kv == 10, "an HV case without a voltage: 10 kV");
	case_state_free(&c);

	/* every problem at once, each on its field */
	good_case(&p);
	payload_set(&p, "id", "110105194912310021");
	payload_set(&p, "capacity", "x");
	payload_set(&p, "appointment", "2026-13-01");
	memset(&s, 0, sizeof s);
	is_int(fields_check_open(&p, NULL, D("2026-03-02"), NULL, collect, &s), 3, "three bad fields: three problems");
	ok(s.n == 3 && strcmp(s.fields[0], "id") == 0 && strcmp(s.fields[1], "capacity") == 0 &&
		   strcmp(s.fields[2], "appointment") == 0,
	   "in the order of the table: id, capacity, appointment");
	payload_free(&p);
}

/* Derivation refuses with the same check, and says which event and field. */
static void
test_derive(void)
{
	struct yk_event ev[2];
	struct case_state c;
	yk_error err;

	for (int i = 0; i < 2; i++)
		event_init(&ev[i]);
	good_case(&ev[0].data);
	snprintf(ev[0].case_no, sizeof ev[0].case_no, "CN-2026-A-00001");
	ev[0].seq = 1;
	ev[0].kind = EV_OPEN;
	ev[0].effective = D("2026-03-02");
	snprintf(ev[0].recorded, sizeof ev[0].recorded, "2026-03-04T09:00:00+08:00");
	payload_set(&ev[0].data, "late-reason", "系统故障");
	ok(case_derive(ev, 1, NULL, &c, &err) == 0 && c.late_entries == 1,
	   "a case opened two days late counts its late entry");
	case_state_free(&c);
	ev[1] = ev[0];
	ev[1].data = (struct payload){0};
	ev[1].seq = 2;
	ev[1].kind = EV_DONE;
	payload_set(&ev[1].data, "stage", "accept");
	payload_set(&ev[1].data, "late-reason", "系统故障");
	payload_set(&ev[0].data, "capacity", "12a");
	ok(case_derive(ev, 2, NULL, &c, &err) < 0, "a bad capacity is refused on replay");
	is_str(err.field, "capacity", "the error names the field");
	is_int(err.line, 1, "and the place of the event");
	ok(strncmp(yk_error_what(&err), "不是数字", strlen("不是数字")) == 0, "the bare reason: %s", yk_error_what(&err));
	ok(strncmp(err.msg, "CN-2026-A-00001 #1 (open): capacity: ", 37) == 0, "the line says where: %s", err.msg);
	payload_set(&ev[0].data, "capacity", "12");
	payload_set(&ev[1].data, "stage", "final");
	ok(case_derive(ev, 2, NULL, &c, &err) < 0 && err.line == 2 && strcmp(err.field, "stage") == 0,
	   "an LV case has no completion inspection: event 2, field stage");
	ok(strstr(err.msg, "竣工检验（final）") != NULL, "named in Chinese and by its code: %s", err.msg);
	for (int i = 0; i < 2; i++)
		event_free(&ev[i]);
}

static void
test_error(void)
{
	yk_error e;

	yk_error_field(&e, "capacity", "不是数字");
	yk_error_prefix(&e, "CN-2026-A-00001 #1 (open): capacity: ");
	yk_error_prefix(&e, "t.csv: ");
	is_str(e.field, "capacity", "an error keeps its field through prefixes");
	is_str(yk_error_what(&e), "不是数字", "and its bare reason");
	is_str(e.msg, "t.csv: CN-2026-A-00001 #1 (open): capacity: 不是数字", "while the line says where");
	yk_error_set(&e, "plain");
	ok(e.field[0] == '\0' && e.line == 0 && strcmp(yk_error_what(&e), "plain") == 0,
	   "a plain error names no field");
}

int
main(void)
{
	test_table();
	test_lookups();
	test_show();
	test_check_open();
	test_derive();
	test_error();
	return tap_done();
}
