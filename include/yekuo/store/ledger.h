#ifndef YEKUO_LEDGER_H
#define YEKUO_LEDGER_H

/* The actions a user takes on cases — open one, append an event — each as
 * one transaction: the new event is checked by replaying the case with it
 * (case_derive), chained to the case's last hash, stored, and the case's
 * cached summary replaced, or nothing is stored at all. Both faces (CLI and
 * TUI) act through here. */

#include "yekuo/core/case.h"
#include "yekuo/store/store.h"

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
/* The same, recording in the same transaction the acceptance materials
 * handed over (comma-separated checklist codes; NULL or "" for none). */
int ledger_open_case_with(struct ledger *l, const struct payload *fields, yk_date effective,
			  const char *materials, char case_no[CASE_NO_BUFSZ], yk_error *err);
/* Append one event to an existing case. */
int ledger_append(struct ledger *l, const char *case_no, enum ev_kind kind, yk_date effective,
		  const struct payload *data, yk_error *err);
/* The case's events and derived state (replayed from the log). */
int ledger_load(struct ledger *l, const char *case_no, struct yk_event **evs, size_t *n,
		struct case_state *c, yk_error *err);

/* ---- import: many cases in one transaction (import.c) ------------------ */

/* Open the transaction every imported case goes into. */
int ledger_import_begin(struct ledger *l, yk_error *err);
/* One imported case, given as its events in order: kind, effective and data
 * set, operator_name set or empty (then the ledger's). The ledger numbers,
 * stamps (recorded now, origin "import"), chains and hashes them, replays
 * them with case_derive and, unless check_only, stores them with the case's
 * summary; a case number of this database's office also moves the
 * numbering on, so a later `case new` never mints it again. Returns 0 done,
 * 1 the case number is already in the database (nothing done), 2 refused
 * by the checks (err says which event and why; the transaction stays
 * usable), -1 on a database failure. */
int ledger_import_case(struct ledger *l, const char *case_no, struct yk_event *evs, size_t n,
		       int check_only, yk_error *err);
int ledger_import_commit(struct ledger *l, yk_error *err);
void ledger_import_rollback(struct ledger *l);

#endif
