#ifndef YEKUO_LEDGER_H
#define YEKUO_LEDGER_H

/* The actions a user takes on cases — open one, append an event — each as
 * one transaction: the new event is checked by replaying the case with it
 * (case_derive), chained to the case's last hash, stored, and the case's
 * cached summary replaced, or nothing is stored at all. Both faces (CLI and
 * TUI) act through here. */

#include "yekuo/case.h"
#include "yekuo/store.h"

struct ledger {
	struct yk_store *st;
	const struct yk_rules *rules;
	const char *operator_name;
};

/* Open a case from its fields (payload keys as docs/store.md lists for the
 * "open" event). effective: application date (YK_DATE_NONE = today).
 * case_no gets the new number. */
int ledger_open_case(struct ledger *l, const struct payload *fields, yk_date effective,
		     char case_no[CASE_NO_BUFSZ], yk_error *err);
/* Append one event to an existing case. */
int ledger_append(struct ledger *l, const char *case_no, enum ev_kind kind, yk_date effective,
		  const struct payload *data, yk_error *err);
/* The case's events and derived state (replayed from the log). */
int ledger_load(struct ledger *l, const char *case_no, struct yk_event **evs, size_t *n,
		struct case_state *c, yk_error *err);

#endif
