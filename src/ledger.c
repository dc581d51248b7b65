#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/ledger.h"
#include "yekuo/xalloc.h"

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

/* Check the new event against the whole case, then store both. The caller
 * holds the transaction. */
static int
commit_event(struct ledger *l, struct yk_event *evs, size_t n, yk_error *err)
{
	struct case_state c;

	if (case_derive(evs, n, l->rules, &c, err) < 0)
		return -1;
	if (store_insert_event(l->st, &evs[n - 1], err) < 0 || store_put_case(l->st, &c, err) < 0) {
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
	int rc = 0;

	if (case_derive(ev, 1, l->rules, &c, err) < 0)
		return -1;
	p = rules_find(l->rules, c.region, c.applied, err);
	if (!p || !rules_variant(p, c.category, c.capacity, c.kv, c.applied, err))
		rc = yk_error_prefix(err, "category: ");
	case_state_free(&c);
	return rc;
}

int
ledger_open_case(struct ledger *l, const struct payload *fields, yk_date effective,
		 char case_no[CASE_NO_BUFSZ], yk_error *err)
{
	struct yk_event ev;
	const char *region = payload_get(fields, "region");
	char key[96];
	long seq;
	int year;
	yk_date eff = effective == YK_DATE_NONE ? clock_today() : effective;

	if (!region || !*region)
		return yk_error_set(err, "region: required");
	if (!rules_region_known(l->rules, region))
		return yk_error_set(err, "region: '%s' has no rule profile (see: yekuo rules list)", region);
	if (store_begin(l->st, err) < 0)
		return -1;
	year = date_year(eff);
	case_number(region, year, store_office(l->st), 0, key);
	/* key = the number without its sequence: one counter per prefix/year/office */
	key[strlen(key) - 6] = '\0';
	if (store_next_seq(l->st, key, &seq, err) < 0)
		goto fail;
	case_number(region, year, store_office(l->st), seq, case_no);
	fill_event(l, &ev, case_no, 1, EV_OPEN, eff, fields, "");
	if (check_limits_exist(l, &ev, err) < 0 || commit_event(l, &ev, 1, err) < 0) {
		event_free(&ev);
		goto fail;
	}
	event_free(&ev);
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

	if (store_begin(l->st, err) < 0)
		return -1;
	if (store_case_events(l->st, case_no, &evs, &n, err) < 0)
		goto fail;
	if (n == 0) {
		free(evs);
		yk_error_set(err, "no case '%s' in %s", case_no, store_path(l->st));
		goto fail;
	}
	evs = xrealloc(evs, (n + 1) * sizeof *evs);
	fill_event(l, &evs[n], case_no, (long)n + 1, kind, effective, data, evs[n - 1].hash);
	if (commit_event(l, evs, n + 1, err) < 0) {
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
		return yk_error_set(err, "no case '%s' in %s", case_no, store_path(l->st));
	}
	if (case_derive(*evs, *n, l->rules, c, err) < 0) {
		events_free(*evs, *n);
		*evs = NULL;
		return -1;
	}
	return 0;
}
