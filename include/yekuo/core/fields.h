#ifndef YEKUO_FIELDS_H
#define YEKUO_FIELDS_H

/* The one table of case and event fields (docs/architecture.md, "Adding a
 * field"). For every field an event can carry it knows the key in the
 * event data, the Chinese label, its kind, its limit, the check, which
 * events, stages and categories use it and how it is masked. Derivation,
 * import, export, the forms, the command-line options and the labels on
 * screens and documents all read it, in the manner of htop's
 * Process_fields[]. Pure: no I/O. */

#include <stddef.h>

#include "yekuo/core/case.h"
#include "yekuo/core/date.h"
#include "yekuo/core/error.h"
#include "yekuo/core/rules.h"

enum field_id {
	/* a new case (受理建档) */
	FLD_REGION,
	FLD_CATEGORY,
	FLD_CUSTOMER_TYPE,
	FLD_NAME,
	FLD_ID_TYPE,
	FLD_ID,
	FLD_PHONE,
	FLD_ADDRESS,
	FLD_CAPACITY,
	FLD_UNIT,
	FLD_KV,
	FLD_EXTERNAL,
	FLD_SANLING,
	FLD_HV_CONFIRMATION,
	FLD_APPOINTMENT,
	FLD_SPLIT_APPLICATION,
	FLD_HV_REAPPLY,
	/* 城市地区 / 农村地区 (003 附件1 row 9: the 三零 ceiling differs) */
	FLD_AREA,
	FLD_DIVISION,
	/* 重走: a new case for the same ID number and address opened within 30
	 * days of a withdrawal (docs/store.md) */
	FLD_RERUN_OF,
	FLD_CLOCK_FROM,
	FLD_CLOCK_APPOINTMENT,
	FLD_RESTART_REASON,
	FLD_KEEP_CLOCK,
	/* a second open case for the same ID number and address: why */
	FLD_AGAIN,
	/* the stages */
	FLD_STAGE,
	FLD_ITEMS,
	FLD_RESULT,
	FLD_NOTES,
	FLD_SUPPLY_POINT,
	FLD_LINE,
	FLD_TRANSFORMER,
	FLD_METERING,
	FLD_INVESTMENT_SAVED,
	FLD_METER_NO,
	/* suspension, filing, withdrawal, correction */
	FLD_SUSP_REASON,
	FLD_NOTE,
	FLD_UPGRADE,
	FLD_WHY,
	FLD_PLANNED,
	FLD_WITHDRAW_REASON,
	FLD_CORRECTS,
	FLD_CORRECT_REASON,
	FLD_VOID,
	/* external-works permits (外线工程行政审批) */
	FLD_PERMIT,
	FLD_AUTHORITY,
	/* owners (指派/移交) */
	FLD_ROLE,
	FLD_OWNER,
	/* 契约式接电, 绿色通道, 回访, 投资界面 */
	FLD_PROMISED,
	FLD_WORKS_BY,
	FLD_MAJOR,
	FLD_OUTCOME,
	FLD_SCORE,
	FLD_CUSTOMER_PAID,
	FLD_GRID_INVESTED,
	/* every event */
	FLD_LATE_REASON,
	FLD_EFFECTIVE,
	FLD_COUNT
};

enum field_kind {
	FK_TEXT,
	FK_DATE,	/* YYYY-MM-DD */
	FK_NUMBER,	/* plain decimal */
	FK_ENUM,	/* one of a list of codes */
	FK_LIST,	/* codes separated by commas */
	FK_FLAG		/* "1" or absent */
};

/* How a value is shown to someone who may not see it whole
 * (个人信息保护法 第五十一条: 安全技术措施). */
enum field_mask { FM_NONE, FM_ID, FM_PHONE };

/* One code of an FK_ENUM field. */
struct field_option {
	const char *code;	/* as stored */
	const char *zh;		/* as shown */
	const char *alias;	/* another name a spreadsheet may use; NULL */
	int value;		/* the C enum the code stands for */
	const char *note;	/* explanation shown beside it in forms; NULL */
};

struct yk_field;

/* A field's own check of a value as typed: 0, or -1 with err holding one
 * Chinese sentence without the field's name. data: the event's other
 * fields (the ID's check reads its type); today: the event's date. */
typedef int (*field_check_fn)(const struct yk_field *f, const char *value,
			      const struct payload *data, yk_date today, yk_error *err);

struct yk_field {
	const char *key;	/* in the event data: "id-type" */
	const char *name;	/* command-line option and spreadsheet column key
				 * when they differ from key ("external-works") */
	const char *label;	/* Chinese label on forms: "预约勘查日期" */
	const char *title;	/* on documents and spreadsheet columns when it
				 * differs: "预约日期" */
	const char *brief;	/* in one-line event summaries when shorter: "预约" */
	enum field_kind kind;
	size_t max;		/* most bytes of a value; 0: the kind's own */
	field_check_fn check;	/* NULL: any value of its kind */
	unsigned events;	/* bit (1u << enum ev_kind) per event carrying it;
				 * 0: the event itself (its date) */
	unsigned stages;	/* bit (1u << enum yk_stage) per stage it belongs to; 0: any */
	unsigned categories;	/* bit (1u << enum yk_category) per category; 0: every */
	enum field_mask mask;
	int required;		/* every event carrying it must give it */
	int automatic;		/* set by the program, never typed: no option */
	const char *hint;	/* shown in an empty form field */
	const struct field_option *options; /* FK_ENUM codes, NULL when they come
					     * from elsewhere (regions: rule files) */
	size_t noptions;
};

#define FIELD_BIT(x) (1u << (x))

/* The table, indexed by enum field_id. */
const struct yk_field *field_at(enum field_id id);
/* Key of a field, for reading and writing event data. */
#define FKEY(id) (field_at(id)->key)
/* The field of event `kind` with this key (an event's "reason" is a
 * suspension reason, a withdrawal's reason or a correction's); with kind
 * EV_KIND_COUNT the first of that key. NULL when there is none. */
const struct yk_field *field_find(const char *key, int kind);
/* By command-line option / spreadsheet column key (name, else key). */
const struct yk_field *field_by_name(const char *name);
enum field_id field_id_of(const struct yk_field *f);
/* label, title and brief, never NULL */
const char *field_label(const struct yk_field *f);
const char *field_title(const struct yk_field *f);
const char *field_brief(const struct yk_field *f);
/* The brief label of the field with this key on event kind; the key
 * itself when there is no such field. */
const char *field_brief_of(const char *key, int kind);
/* Command-line option / column key: name, else key. */
const char *field_name(const struct yk_field *f);
/* Does event kind carry the field (for this stage; -1: any stage)? */
int field_in_event(const struct yk_field *f, int kind, int stage);

/* The option of an FK_ENUM field whose code (in any case: kw is kW),
 * Chinese name or alias is s; NULL when none. */
const struct field_option *field_option(const struct yk_field *f, const char *s);
/* "pass（合格）/ rectify（需整改）": the codes for a message or a hint. */
void field_codes(const struct yk_field *f, char *out, size_t outsz);

/* Run the field's own check (and "required" when asked): 0, or -1 with
 * err naming the field (err->field) and the reason. */
int field_check(const struct yk_field *f, const char *value, const struct payload *data,
		yk_date today, int required, yk_error *err);

/* The value as shown on a screen or document: masked (unless unmasked),
 * codes in Chinese, flags as 是/否, the capacity with its unit. data: the
 * event's data (for the unit); may be NULL. */
void field_show(const struct yk_field *f, const char *value, const struct payload *data,
		int unmasked, char *out, size_t outsz);

/* Bring the values of a new case's data to their stored form in place:
 * the phone without its country prefix, an ID's letters upper-case. */
void fields_normalise(struct payload *data);

/* ---- the one check of a new case ------------------------------------- */

/* Check the data of a new case (受理建档) and decode it into c: each field
 * on its own (the table's checks) and the rules between them (unit and
 * voltage against the category, the bounds of 三零, the HV confirmation,
 * the appointment not before the application). Derivation, import and the
 * intake form all call it. applied: the application date; rules: for the
 * region (NULL: not checked); c: a state the caller initialised (NULL: check
 * only). Every problem goes to fn (may be NULL) with err->field set and the
 * bare reason; returns how many there were. */
int fields_check_open(const struct payload *data, const struct yk_rules *rules, yk_date applied,
		      struct case_state *c,
		      void (*fn)(void *ctx, const yk_error *problem), void *ctx);
/* The same for a stored case being replayed: the checks that read the rule
 * files' scope (the 三零 ceiling) are left out, so that a rule file changed
 * later never makes a stored case unreadable. */
int fields_replay_open(const struct payload *data, const struct yk_rules *rules, yk_date applied,
		       struct case_state *c,
		       void (*fn)(void *ctx, const yk_error *problem), void *ctx);

#endif
