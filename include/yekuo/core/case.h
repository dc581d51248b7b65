#ifndef YEKUO_CASE_H
#define YEKUO_CASE_H

/* A case is its event log. This module holds the events' shape, their
 * canonical form and hash, and the derivation of a case's state from its
 * events — checking, as it goes, that each event may follow the ones before
 * (no energising before acceptance, nothing after a case closed, no future
 * dates, a reason for every late entry). Pure: no SQL, no I/O.
 * docs/store.md describes the events and their fields. */

#include <stddef.h>

#include "yekuo/core/clock.h"
#include "yekuo/core/date.h"
#include "yekuo/core/error.h"
#include "yekuo/core/rules.h"
#include "yekuo/core/validate.h"

enum ev_kind {
	EV_OPEN,	/* case opened (业务受理): every case field */
	EV_START,	/* the utility got the ball for a stage (materials in / request) */
	EV_MATERIALS,	/* materials received for a stage */
	EV_DONE,	/* stage completed (inspections: pass or rectify) */
	EV_SUSPEND,	/* clock stopped, with a reason */
	EV_RESUME,	/* clock restarted */
	EV_FILING,	/* grid-upgrade exception filed (电网升级改造备案) */
	EV_CORRECT,	/* correction of an earlier event (points at it) */
	EV_WITHDRAW,	/* customer withdrew; case closed */
	EV_PERMIT_APPLY, /* an external-works permit applied for (外线工程行政审批) */
	EV_PERMIT_GRANT, /* that permit granted */
	EV_ASSIGN,	/* a case assigned or handed over to a manager (指派/移交) */
	EV_CONTRACT,	/* a connection date agreed with the customer (契约式接电) */
	EV_FAST_LANE,	/* a major project put on the fast lane (重大项目绿色通道) */
	EV_FOLLOW_UP,	/* a follow-up call after energising (回访, 服务评价) */
	EV_COST,	/* what the customer paid and the grid invested (投资界面) */
	EV_SURVEY,	/* the on-site survey done (现场勘察, 002 任务2) */
	EV_KIND_COUNT
};

const char *ev_kind_code(enum ev_kind k);
const char *ev_kind_zh(enum ev_kind k);
int ev_kind_from_code(const char *code);

/* Event data: a small map of key → UTF-8 value, kept sorted by key so that
 * its serialised form (one "key=value" line each, \\ and \n escaped) is
 * canonical and hashable. */
struct kv {
	char *key, *val;
};
struct payload {
	struct kv *items;
	size_t n, cap;
};

void payload_set(struct payload *p, const char *key, const char *val);
const char *payload_get(const struct payload *p, const char *key);
char *payload_serialize(const struct payload *p);
int payload_parse(const char *text, struct payload *p, yk_error *err);
void payload_copy(struct payload *dst, const struct payload *src);
void payload_free(struct payload *p);

#define UUID_BUFSZ 37
#define HASH_BUFSZ 65
#define CASE_NO_BUFSZ 48

struct yk_event {
	char uuid[UUID_BUFSZ];
	char case_no[CASE_NO_BUFSZ];
	long seq;			/* position in the case's chain, from 1 */
	enum ev_kind kind;
	yk_date effective;		/* date of the business fact */
	char recorded[CLOCK_STAMP_BUFSZ]; /* when it was entered (China time) */
	char operator_name[64];
	char origin[16];		/* "local" or "import" */
	struct payload data;
	char prev_hash[HASH_BUFSZ];	/* hash of the case's previous event ("" first) */
	char hash[HASH_BUFSZ];
};

void event_init(struct yk_event *ev);
void event_free(struct yk_event *ev);
void events_free(struct yk_event *evs, size_t n);
/* SHA-256 over every field and the canonical payload, chained to prev_hash. */
void event_hash(const struct yk_event *ev, char out[HASH_BUFSZ]);
/* Is uuid one of a comma-separated list ("voids=", "resolves=")? */
int uuid_in_list(const char *list, const char *uuid);
/* A late entry (补录): its business date is before the day it was recorded.
 * Imported history (origin "import") never is: it is marked imported. */
int event_is_late(const struct yk_event *ev);

enum case_status { CASE_OPEN, CASE_CLOSED, CASE_WITHDRAWN };
const char *case_status_code(enum case_status s);
/* Its name for people (办结, 撤销, 在办), to show through _(). */
const char *case_status_name(enum case_status s);

enum susp_reason { SUSP_CUSTOMER, SUSP_FORCE_MAJEURE, SUSP_EXTERNAL_BLOCKED,
		   SUSP_DEMAND_REGISTERED, SUSP_RECTIFY, SUSP_REASON_COUNT };
const char *susp_reason_code(enum susp_reason r);
const char *susp_reason_zh(enum susp_reason r);
int susp_reason_from_code(const char *code);
/* The legal basis of a pause as the seeds see it (one line of Chinese naming
 * the clause), and whether the seeds exempt it from the limits: only
 * 不可抗力 (003 附件2-2 row 6, "除不可抗力外"). */
const char *susp_reason_basis(enum susp_reason r);
int susp_reason_exempt(enum susp_reason r);

struct case_susp {
	yk_date from, to;	/* to: YK_DATE_NONE while open */
	enum susp_reason reason;
	char note[256];
};

/* An administrative permit for the case's external works (外线工程行政审批:
 * road digging, poles, cable channels, 001 task 3), one per kind; several
 * may run at once (003 row 17: 并联审批). */
#define CASE_MAX_PERMITS 8
struct case_permit {
	char kind[16];		/* the permit field's code */
	char authority[128];	/* the approving authority */
	yk_date applied, granted; /* granted: YK_DATE_NONE while pending */
};

/* Materials (申请资料), docs/domain §6 — and nothing more may be asked. */
struct material {
	const char *code, *zh;
};
/* Which checklist a case keeps: an LV case's, an HV case's (+ the project
 * approval), or a charging point's, where a 安全承诺书 may stand for the
 * property document (001 附件1 row 40: 安全承诺书代替物业同意书). */
enum checklist { CHECKLIST_LV, CHECKLIST_HV, CHECKLIST_CHARGING };
/* The checklist for a stage; *n gets its length. A stored bit i is item i
 * of the case's own list (bit 2: HV approval, or a charging point's
 * safety pledge; never both, the category being fixed). */
const struct material *case_materials(enum yk_stage s, int list, size_t *n);
struct case_state;
int case_checklist(const struct case_state *c);
/* The Chinese name of a material code of stage s on any checklist, NULL
 * when no checklist has it. */
const char *case_material_name(enum yk_stage s, const char *code);
/* The acceptance materials still missing, as "申请人有效身份证明、…" (a
 * charging point's property document counts as given with its safety
 * pledge); "" when complete. Returns how many are missing. */
int case_accept_missing(const struct case_state *c, char *buf, size_t bufsz);
/* 容缺: the acceptance checklist is kept on the case (some item recorded)
 * and still short: how many are missing (case_accept_missing), else 0. A
 * case that records no acceptance materials keeps its checklist elsewhere
 * (paper, or recorded before the checklist was kept) and is not counted. */
int case_incomplete(const struct case_state *c, char *buf, size_t bufsz);

struct case_state {
	char case_no[CASE_NO_BUFSZ];
	char region[32];
	enum yk_category category;
	char customer_type[16];
	char name[256];
	char id_type[16];
	char id_no[VALIDATE_ID_BYTES + 1]; /* any valid ID whole */
	char phone[24];
	char address[512];
	double capacity;
	char unit[4];			/* kW or kVA */
	double kv;
	int external_works;
	int sanling_eligible;
	char area[8];			/* area_code (urban, rural), "" when not given */
	char division[8];		/* GB/T 2260 code of the office that opened it, "" */
	char hv_confirmation[256];	/* qualified for 三零 but chose HV: signed confirmation */
	yk_date applied, appointment;
	yk_date started[STAGE_COUNT], done[STAGE_COUNT];
	char result[STAGE_COUNT][16];	/* last inspection result */
	char notes[STAGE_COUNT][256];
	unsigned materials[STAGE_COUNT]; /* bit i: item i of case_materials() received */
	char supply_point[256], line[256], transformer[256], metering[256];
	double investment_saved;	/* 万元, entered at the plan stage */
	char meter_no[40];
	struct case_susp *susp;
	size_t nsusp, capsusp;
	/* who answers for the case (003 row 13: 项目经理+客户经理 for HV) */
	char customer_manager[64], project_manager[64];
	struct case_permit permits[CASE_MAX_PERMITS];
	size_t npermits;
	/* 契约式接电 (001 附件1 row 10): the dates agreed with the customer,
	 * the last agreement holding; YK_DATE_NONE when none */
	yk_date promised, works_by;
	/* 重大项目绿色通道 (001 附件1 row 8): "national" or "provincial", "" none */
	char fast_lane[16];
	/* 回访 (003 附件1 row 22, 004 附件2 row 28): the call that closed the
	 * follow-up (reached or declined; YK_DATE_NONE while due), its outcome
	 * and score (1-5, 0 none), and the calls made in all */
	yk_date followed_up;
	yk_date surveyed;		/* 现场勘察 (002 任务2), YK_DATE_NONE: none */
	char follow_outcome[16];
	int satisfaction, follow_calls;
	/* 投资界面 (003 附件1 rows 33-38): 万元, recorded by a cost event */
	int cost_recorded;
	double customer_paid, grid_invested;
	int filed;
	yk_date filed_on, filed_due;
	char upgrade[256], why[512], filed_by[64];
	enum case_status status;
	yk_date closed_on;
	char withdraw_reason[256];
	/* 重走: the withdrawn case this one re-runs, and the recorded decision
	 * on its clocks — kept from that case's application (keep) or started
	 * afresh for the reason given */
	char rerun_of[CASE_NO_BUFSZ];
	int rerun_keep;
	char restart_reason[256];
	int late_entries;
	int imported;
	int nevents;
	char last_hash[HASH_BUFSZ];
};

void case_state_init(struct case_state *c);
void case_state_free(struct case_state *c);

/* Messages of case_derive read "CASE #N (kind): field: what" — N the
 * place of the refused event in the list given — so a caller can point at
 * the row or form field the event came from. */
/* Derive a case's state from its events in chain order, checking each
 * (rules: for regions; today: no business date after it). Corrections are
 * merged into the events they correct before anything is applied. On error
 * err says which event and what is wrong. */
int case_derive(const struct yk_event *evs, size_t n, const struct yk_rules *rules,
		struct case_state *out, yk_error *err);
/* The same, where evs[first_new..n-1] are being recorded now and are held
 * to the input rules besides: every key a field of its event, every value
 * one clean line of text within its field's limit (no invalid UTF-8, no
 * control characters), a materials event that names its items. Stored
 * events are replayed as they were accepted. */
int case_derive_new(const struct yk_event *evs, size_t n, size_t first_new,
		    const struct yk_rules *rules, struct case_state *out, yk_error *err);
/* The stages of the case's process, bit (1u << enum yk_stage): those of
 * its profile's variant (a profile may leave stages out: jining-2020 10 kV
 * 普通客户 have no design review or mid-check), or, with no rules at hand
 * or no variant, the category's (HV all six, LV accept, plan, energise). */
unsigned case_stages(const struct case_state *c, const struct yk_rules *rules);
/* The stage a user acts on next (first of the process not done), or -1
 * when the case is closed. */
int case_current_stage(const struct case_state *c, const struct yk_rules *rules);
/* 重走: "TJ-… 撤销后30日内重新报装；时限沿用原案件，自 D 起算" or "…；重新计时，
 * 原因：R"; "" when the case re-runs none. */
void case_rerun_text(const struct case_state *c, char *buf, size_t bufsz);
/* Any suspension still open? Index or -1. */
int case_open_suspension(const struct case_state *c);

/* Does the customer owe nothing for the connection (零投资: residents and
 * 三零, 003 附件1 row 38)? */
int case_zero_investment(const struct case_state *c);

/* Case numbers are PREFIX-YEAR-OFFICE-SEQ, e.g. TJ-2026-A-00012; the
 * prefix is the region's, from its rule profile (rules_region_prefix). */
void case_number(const char *prefix, int year, const char *office, long seq,
		 char out[CASE_NO_BUFSZ]);

/* The case's state as a payload (the store's cached copy, serialised with
 * payload_serialize) and back from that text. */
void case_to_payload(const struct case_state *c, struct payload *p);
int case_decode(const char *text, struct case_state *c, yk_error *err);
/* Only what case_clocks needs, compact, for listing many cases fast:
 * decode fills exactly those fields (category, region, capacity, kv,
 * external works, applied, appointment, stage dates, filing dates, status,
 * closed-on, late entries, suspension dates) and what the list shows beside
 * them (the promised date, the fast lane, the follow-up's date). */
char *case_clock_encode(const struct case_state *c);
int case_clock_decode(const char *text, struct case_state *c, yk_error *err);

struct engine_result;
struct yk_calendar;
/* Every clock of the case today: its profile (region, application date),
 * variant (category, capacity, voltage) and the engine. *profile gets the
 * profile used. */
int case_clocks(const struct case_state *c, const struct yk_rules *rules,
		const struct yk_calendar *cal, yk_date today, struct engine_result *out,
		const struct rule_profile **profile, yk_error *err);

#endif
