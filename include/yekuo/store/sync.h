#ifndef YEKUO_SYNC_H
#define YEKUO_SYNC_H

/* Offline synchronisation: bundles of events carried between databases (a
 * field laptop and the service hall), merged so that every database that
 * has seen the same events holds the same chains, row for row; conflicting
 * events are kept, marked and held aside, never settled silently. Design
 * and reasoning: docs/sync.md. No SQL here (store.c); no output (cmd_sync.c
 * and the TUI print what these return). */

#include "yekuo/store/store.h"

struct sync_case_change {
	char case_no[CASE_NO_BUFSZ];
	long events;		/* export: events of the case carried; import: new events */
	int is_new;		/* import: the case was not in this database before */
	int conflict;		/* import: the case has an unresolved conflict now */
	int set_aside;		/* import: left out (why says why); the rest imported */
	char *why;
};

/* An event whose stamp says its machine's clock is off (import). */
struct sync_clock_flag {
	char case_no[CASE_NO_BUFSZ];
	char event[UUID_BUFSZ];
	char office[16];	/* the office whose clock looks wrong */
	long skew;		/* seconds: > 0 stamped ahead of this machine's clock,
				 * < 0 stamped before an event its machine already knew */
};

/* What an export carries (or carried), what an import brings (or brought). */
struct sync_summary {
	char source[SYNC_ID_BUFSZ];	/* the exporting database's id */
	char office[16];		/* … and office code */
	char checksum[HASH_BUFSZ];
	long mark_from, mark_to;	/* export: sync records (mark_from, mark_to] */
	long events;			/* events (rows) in the bundle */
	long new_events;		/* import: events this database did not have */
	long conflicts;			/* import: changed cases left in conflict */
	long set_aside;			/* import: cases left out (a number minted twice) */
	long new_cases;			/* import: cases not here before */
	long restored;			/* import: events this database recorded and had lost */
	long bundle_skew;		/* import: the exporter's clock at export minus this
					 * machine's now, when it is ahead (else 0) */
	long bundle_lag;		/* import: how far the bundle's stamp lies before the
					 * latest event of another office in it (else 0) */
	struct sync_clock_flag *clock;	/* import: events whose stamps look skewed */
	size_t nclock;
	size_t ncases;
	struct sync_case_change *cases;	/* export: cases carried; import: cases changed
					 * (NULL when the caller's on_case took them) */
	void (*on_case)(void *ctx, const struct sync_case_change *c);	/* from the opts */
	void *ctx;
};
void sync_summary_free(struct sync_summary *s);

struct sync_export_opts {
	const char *peer;	/* record the export for this peer (NULL: none) */
	int since_last;		/* only cases changed since the last export to peer */
	int dry_run;		/* write nothing: what an export would carry */
	const struct out_guard *guard;	/* what path must not be (outfile.h) */
	/* Each case as it is done, instead of a list in the summary that
	 * grows with the bundle (NULL: the list). */
	void (*on_case)(void *ctx, const struct sync_case_change *c);
	void *ctx;
};

/* Write a bundle of every case (or, since_last, of the cases changed since
 * the last export to the peer) to path, atomically, 0600. */
int sync_export(struct yk_store *st, const char *path, const struct sync_export_opts *o,
		struct sync_summary *out, yk_error *err);

/* Verify a bundle and merge it in one transaction; dry_run: verify and
 * report, change nothing. A bundle that fails any check is refused whole
 * (err says what is wrong) and nothing is imported. */
int sync_import(struct yk_store *st, const struct yk_rules *rules, const char *path,
		int dry_run, struct sync_summary *out, yk_error *err);
/* The same, each case to on_case as it is done (ctx its first argument). */
int sync_import_each(struct yk_store *st, const struct yk_rules *rules, const char *path,
		     int dry_run, void (*on_case)(void *ctx, const struct sync_case_change *c),
		     void *ctx, struct sync_summary *out, yk_error *err);

/* Unresolved conflicts of one case (free(*out)). */
int sync_case_conflicts(struct yk_store *st, const char *case_no, struct sync_conflict **out,
			size_t *n, yk_error *err);
/* … of every case, by case number. */
int sync_conflicts(struct yk_store *st, struct sync_conflict **out, size_t *n, yk_error *err);
/* Is the case in conflict? 1 yes, 0 no, -1 error. For lists and the
 * dashboard: cheap for a case that never had a conflict (no query beyond
 * one indexed lookup of its rows). */
int sync_case_in_conflict(struct yk_store *st, const char *case_no, yk_error *err);
/* The cases in conflict, sorted (free with store_list_free; NULL, 0 when
 * none): the cases a merge ever marked (store_sync_marked_cases, few and
 * indexed) that still have an unresolved conflict. For the case list and
 * the dashboard, which then look each listed case up in it: never a query
 * per listed case. */
int sync_conflicted_cases(struct yk_store *st, char ***out, size_t *n, yk_error *err);

/* Resolve a case's conflicts by keeping one side: keep is an office code
 * or an event (uuid, or its first 8+ characters). Appends the resolving
 * events (corrections, re-entries) in one transaction; *appended gets how
 * many. docs/sync.md, "resolving". */
int sync_resolve(struct yk_store *st, const struct yk_rules *rules, const char *case_no,
		 const char *keep, const char *reason, const char *operator_name,
		 long *appended, yk_error *err);

/* Give a case opened on this database a new number (a database restored
 * from a backup mints numbers its peers already know): the same events,
 * copied under new_no (uuids renumbered the same way everywhere), the old
 * rows gone; every other database drops its copy of the old case when the
 * new one arrives. */
int sync_renumber(struct yk_store *st, const struct yk_rules *rules, const char *case_no,
		  char new_no[CASE_NO_BUFSZ], yk_error *err);

/* Check the sync records against the events and every merged chain against
 * a fresh merge; fn gets one line per problem. Returns the number of
 * problems, or -1 when it could not run. */
long sync_verify(struct yk_store *st, const struct yk_rules *rules,
		 void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);

#endif
