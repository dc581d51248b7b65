#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/settings.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

static void
fill_event(struct ledger *l, struct yk_event *ev, const char *case_no, long seq,
	   enum ev_kind kind, yk_date effective, const struct payload *data, const char *prev)
{
	time_t now = clock_now();

	event_init(ev);
	store_uuid(l->st, ev->uuid);
	snprintf(ev->case_no, sizeof ev->case_no, "%s", case_no);
	ev->seq = seq;
	ev->kind = kind;
	ev->effective = effective == YK_DATE_NONE ? clock_date_of(now) : effective;
	clock_stamp(now, ev->recorded);
	snprintf(ev->operator_name, sizeof ev->operator_name, "%s",
		 l->operator_name && *l->operator_name ? l->operator_name : "unknown");
	if (data)
		payload_copy(&ev->data, data);
	snprintf(ev->prev_hash, sizeof ev->prev_hash, "%s", prev);
	event_hash(ev, ev->hash);
}

/* Check the new events (evs[first..n-1]) against the whole case, then
 * store them and the case's summary. The caller holds the transaction. */
static int
commit_events(struct ledger *l, struct yk_event *evs, size_t n, size_t first, yk_error *err)
{
	struct case_state c;

	if (case_derive_new(evs, n, first, l->rules, &c, err) < 0)
		return -1;
	for (size_t i = first; i < n; i++)
		if (store_insert_event(l->st, &evs[i], err) < 0) {
			case_state_free(&c);
			return -1;
		}
	if (store_put_case(l->st, &c, err) < 0) {
		case_state_free(&c);
		return -1;
	}
	case_state_free(&c);
	return store_commit(l->st, err);
}

/* A new case must have limits: its region's profile in force on the
 * application date must define its category (lv-charging exists only where
 * a profile names it) for its capacity and voltage. Checked when the case
 * is opened, not on replay, so a later change of the rule files never
 * makes stored cases unreadable. */
static int
check_limits_exist(struct ledger *l, const struct yk_event *ev, yk_error *err)
{
	struct case_state c;
	const struct rule_profile *p;
	const char *region = payload_get(&ev->data, "region");
	int rc = 0;

	/* The application date first: on a day no profile covers (--date
	 * 1900-01-01) the date is what is wrong, not the birth date in the ID
	 * that the replay would compare with it. */
	if (region && !rules_find(l->rules, region, ev->effective, err))
		return yk_error_prefix(err, "date: ");
	if (case_derive_new(ev, 1, 0, l->rules, &c, err) < 0)
		return -1;
	p = rules_find(l->rules, c.region, c.applied, err);
	if (!p || !rules_variant(p, c.category, c.capacity, c.kv, c.applied, err)) {
		rc = yk_error_prefix(err, "category: ");
		if (err)
			snprintf(err->field, sizeof err->field, "category");
	}
	case_state_free(&c);
	return rc;
}

/* A case new repeated — a retry after a case new killed between its commit
 * and its output, or the same application typed twice — would open a second
 * case nobody meant: while a case is open for the same ID number at the
 * same address, another is refused, naming it, unless the user says why it
 * is wanted (again: a second meter at one address, say), which is recorded
 * with it. */
static int
check_repeat(struct ledger *l, const struct case_state *typed, const struct payload *fields,
	     yk_error *err)
{
	struct case_state open;
	const char *why = payload_get(fields, FKEY(FLD_AGAIN));
	int found = store_find_open(l->st, typed->id_no, typed->address, &open, err);

	if (found != 0)
		return found < 0 ? -1 : 0;
	if (!why)
		yk_error_field(err, FKEY(FLD_AGAIN),
			       _("同一证件号码、同一用电地址已有办理中的案件 %s（是重复提交吗？）；"
				 "确要另开一件，请写明再次受理原因（--again）"),
			       open.case_no);
	else if (!*why)
		yk_error_field(err, FKEY(FLD_AGAIN), _("再次受理原因不能为空"));
	case_state_free(&open);
	if (!why)
		return yk_error_kind(err, YK_ERR_CONFLICT);
	return *why ? 0 : -1;
}

/* 重走 (003 row 15): out gets the new case's fields, and, when a case was
 * withdrawn in the last STORE_RERUN_DAYS days for the same ID number and
 * address, the link to it (rerun-of) and, with keep-clock, the dates its
 * clocks ran from. The link is the program's: a rerun-of typed by hand is
 * dropped. Whether the clocks restart is the user's decision, checked by
 * the replay. An open case for them refuses a repeat (check_repeat). */
static int
rerun_link(struct ledger *l, const struct payload *fields, yk_date eff, struct payload *out,
	   yk_error *err)
{
	struct yk_event probe;
	struct case_state c, w;
	int found;
	char b[YK_DATE_BUFSZ];

	for (size_t i = 0; i < fields->n; i++) {
		const struct yk_field *f = field_find(fields->items[i].key, EV_OPEN);

		if (!f || !f->automatic)
			payload_set(out, fields->items[i].key, fields->items[i].val);
	}
	/* the case as typed, without the decision (which alone would be
	 * refused), gives its ID number and address as they are checked */
	fill_event(l, &probe, "", 1, EV_OPEN, eff, NULL, "");
	for (size_t i = 0; i < out->n; i++)
		if (strcmp(out->items[i].key, FKEY(FLD_KEEP_CLOCK)) != 0 &&
		    strcmp(out->items[i].key, FKEY(FLD_RESTART_REASON)) != 0)
			payload_set(&probe.data, out->items[i].key, out->items[i].val);
	found = case_derive(&probe, 1, l->rules, &c, NULL) == 0;
	event_free(&probe);
	if (!found)
		return 0; /* the replay says what is wrong with it */
	if (check_repeat(l, &c, fields, err) < 0) {
		case_state_free(&c);
		return -1;
	}
	found = store_find_withdrawn(l->st, c.id_no, c.address, eff - STORE_RERUN_DAYS, eff, &w, err);
	case_state_free(&c);
	if (found < 0)
		return -1;
	if (found > 0)
		return 0;
	payload_set(out, FKEY(FLD_RERUN_OF), w.case_no);
	if (payload_get(out, FKEY(FLD_KEEP_CLOCK))) {
		payload_set(out, FKEY(FLD_CLOCK_FROM), date_format(w.applied, b));
		if (w.appointment != YK_DATE_NONE)
			payload_set(out, FKEY(FLD_CLOCK_APPOINTMENT), date_format(w.appointment, b));
	}
	case_state_free(&w);
	return 0;
}

int
ledger_open_case(struct ledger *l, const struct payload *fields, yk_date effective,
		 char case_no[CASE_NO_BUFSZ], yk_error *err)
{
	return ledger_open_case_with(l, fields, effective, NULL, case_no, err);
}

/* The operator's name goes into every event recorded (YEKUO_OPERATOR, else
 * the login name): checked like a customer's name, never cut short. */
static int
check_operator(const struct ledger *l, yk_error *err)
{
	const char *op = l->operator_name && *l->operator_name ? l->operator_name : "unknown";
	yk_error e;

	if (validate_name(op, sizeof ((struct yk_event *)0)->operator_name - 1, &e) < 0)
		return yk_error_field(err, "operator", _("操作员（YEKUO_OPERATOR，否则为登录名）：%s"),
				      e.msg);
	return 0;
}

/* Every new case carries the administrative division of the office it
 * was opened in, from the settings (docs/policy.md "行政区划"). */
static int
carry_division(struct ledger *l, struct payload *out, yk_error *err)
{
	struct yk_settings s;

	if (settings_load(l->st, l->operator_name, &s, err) < 0)
		return -1;
	if (s.v[SET_DIVISION][0])
		payload_set(out, FKEY(FLD_DIVISION), s.v[SET_DIVISION]);
	return 0;
}

int
ledger_open_case_with(struct ledger *l, const struct payload *fields, yk_date effective,
		      const char *materials, char case_no[CASE_NO_BUFSZ], yk_error *err)
{
	struct yk_event ev[2];
	size_t n = 1;
	const char *region = payload_get(fields, "region"), *prefix;
	int rc;
	yk_date eff = effective == YK_DATE_NONE ? clock_today() : effective;

	if (check_operator(l, err) < 0)
		return -1;
	if (!region || !*region)
		return yk_error_field(err, "region", _("region: 不能为空"));
	prefix = rules_region_prefix(l->rules, region);
	if (!prefix)
		return yk_error_field(err, "region", _("region: 地区 '%s' 没有时限规则 (见 yekuo rules list)"),
				      region);
	if (store_begin(l->st, err) < 0)
		return -1;
	if (store_mint_case_no(l->st, prefix, date_year(eff), case_no, err) < 0)
		goto fail;
	{
		struct payload linked = {0};

		if (rerun_link(l, fields, eff, &linked, err) < 0 ||
		    carry_division(l, &linked, err) < 0) {
			payload_free(&linked);
			goto fail;
		}
		fill_event(l, &ev[0], case_no, 1, EV_OPEN, eff, &linked, "");
		payload_free(&linked);
	}
	if (materials && *materials) {
		/* the materials handed over at the counter, in the same action */
		struct payload m = {0};

		payload_set(&m, "stage", "accept");
		payload_set(&m, "items", materials);
		if (payload_get(fields, "late-reason"))
			payload_set(&m, "late-reason", payload_get(fields, "late-reason"));
		fill_event(l, &ev[1], case_no, 2, EV_MATERIALS, eff, &m, ev[0].hash);
		payload_free(&m);
		n = 2;
	}
	rc = check_limits_exist(l, &ev[0], err) < 0 || commit_events(l, ev, n, 0, err) < 0;
	for (size_t i = 0; i < n; i++)
		event_free(&ev[i]);
	if (rc)
		goto fail;
	return 0;
fail:
	store_rollback(l->st);
	return -1;
}

int
ledger_append(struct ledger *l, const char *case_no, enum ev_kind kind, yk_date effective,
	      const struct payload *data, yk_error *err)
{
	struct yk_event *evs;
	size_t n;

	if (check_operator(l, err) < 0 || store_begin(l->st, err) < 0)
		return -1;
	if (store_case_events(l->st, case_no, &evs, &n, err) < 0)
		goto fail;
	if (n == 0) {
		free(evs);
		yk_error_setk(err, YK_ERR_NOT_FOUND, _("没有案件 '%s'（%s）"), case_no, store_path(l->st));
		goto fail;
	}
	evs = xrealloc(evs, (n + 1) * sizeof *evs);
	fill_event(l, &evs[n], case_no, (long)n + 1, kind, effective, data, evs[n - 1].hash);
	if (commit_events(l, evs, n + 1, n, err) < 0) {
		events_free(evs, n + 1);
		goto fail;
	}
	events_free(evs, n + 1);
	return 0;
fail:
	store_rollback(l->st);
	return -1;
}

int
ledger_load(struct ledger *l, const char *case_no, struct yk_event **evs, size_t *n,
	    struct case_state *c, yk_error *err)
{
	if (store_case_events(l->st, case_no, evs, n, err) < 0)
		return -1;
	if (*n == 0) {
		free(*evs);
		*evs = NULL;
		return yk_error_setk(err, YK_ERR_NOT_FOUND, _("没有案件 '%s'（%s）"), case_no,
				     store_path(l->st));
	}
	if (case_derive(*evs, *n, l->rules, c, err) < 0) {
		/* a stored chain that does not replay was changed behind our back */
		yk_error_kind(err, YK_ERR_DAMAGED);
		events_free(*evs, *n);
		*evs = NULL;
		return -1;
	}
	return 0;
}

/* ---- import: many cases in one transaction ------------------------------ */

int
ledger_import_begin(struct ledger *l, yk_error *err)
{
	if (check_operator(l, err) < 0)
		return -1;
	return store_begin(l->st, err);
}

int
ledger_import_case(struct ledger *l, const char *case_no, struct yk_event *evs, size_t n,
		   int check_only, yk_error *err)
{
	struct case_state c;
	int exists = store_case_exists(l->st, case_no, err);

	if (exists < 0)
		return -1;
	if (exists)
		return 1;
	for (size_t i = 0; i < n; i++) {
		struct yk_event *ev = &evs[i];
		struct payload data = {0};
		char op[sizeof ev->operator_name];

		/* fill_event stamps the ledger's operator; an imported filing keeps
		 * the spreadsheet's 备案人, which the filing list shows */
		snprintf(op, sizeof op, "%s", ev->operator_name);
		payload_copy(&data, &ev->data);
		event_free(ev);
		fill_event(l, ev, case_no, (long)i + 1, ev->kind, ev->effective, &data,
			   i ? evs[i - 1].hash : "");
		payload_free(&data);
		if (op[0])
			snprintf(ev->operator_name, sizeof ev->operator_name, "%s", op);
		snprintf(ev->origin, sizeof ev->origin, "import");
		event_hash(ev, ev->hash);
	}
	if (case_derive_new(evs, n, 0, l->rules, &c, err) < 0)
		return 2;
	if (!check_only) {
		for (size_t i = 0; i < n; i++)
			if (store_insert_event(l->st, &evs[i], err) < 0) {
				case_state_free(&c);
				return -1;
			}
		if (store_put_case(l->st, &c, err) < 0 || store_number_seen(l->st, case_no, err) < 0) {
			case_state_free(&c);
			return -1;
		}
	}
	case_state_free(&c);
	return 0;
}

int
ledger_import_commit(struct ledger *l, yk_error *err)
{
	return store_commit(l->st, err);
}

void
ledger_import_rollback(struct ledger *l)
{
	store_rollback(l->st);
}
