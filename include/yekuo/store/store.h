#ifndef YEKUO_STORE_H
#define YEKUO_STORE_H

/* The case store: one SQLite file, or a hall's PostgreSQL server (a
 * postgresql:// --db; src/store/pg.c, docs/deploy.md) behind the same calls. Every SQL statement of the program lives
 * in src/store: store.c (cases and events), syncdb.c (sync bookkeeping),
 * bundle.c (the bundle file format), sharing src/store/db.h. Events are append-only (triggers refuse UPDATE and DELETE)
 * and hash-chained per case; the `cases` table is a cache derived from the
 * events, rebuilt and checked by store_verify. Schema and pragmas:
 * docs/store.md. */

#include <stddef.h>

#include "yekuo/core/case.h"
#include "yekuo/core/error.h"
#include "yekuo/core/merge.h"
#include "yekuo/core/query.h"

#define STORE_SCHEMA_VERSION 5

struct yk_store;

enum store_mode {
	STORE_OPEN,		/* open, creating a normal database if the file is missing */
	STORE_EXISTING,		/* the file must already be a yekuo database */
	STORE_CREATE		/* the file must not exist (yekuo init) */
};

struct store_init {
	int training;		/* a training database (YEKUO_NOW allowed) */
	char office[16];	/* office/machine code in case numbers */
};

/* The default database path: $XDG_DATA_HOME/yekuo/yekuo.db (static buffer). */
const char *store_default_path(void);

int store_open(const char *path, enum store_mode mode, const struct store_init *init,
	       struct yk_store **out, yk_error *err);
void store_close(struct yk_store *st);
/* On a PostgreSQL server (a postgresql:// or postgres:// --db, docs/deploy.md):
 * the database role this connection acts as, the operator of every event
 * it records; NULL for an SQLite file. */
const char *store_server_role(const struct yk_store *st);
/* May this connection bring other databases' records in (sync import,
 * resolve, renumber, trust)? Always on a file; on a server, a member of
 * the role yekuo_sync. 0, or -1 with a message saying how to grant it. */
int store_may_merge(struct yk_store *st, yk_error *err);
/* Is this --db value a PostgreSQL server's address? */
int store_is_server_path(const char *path);
const char *store_path(const struct yk_store *st);
int store_training(const struct yk_store *st);
const char *store_office(const struct yk_store *st);

/* One user action = one transaction (BEGIN IMMEDIATE … COMMIT). */
int store_begin(struct yk_store *st, yk_error *err);
int store_commit(struct yk_store *st, yk_error *err);
void store_rollback(struct yk_store *st);

/* A fresh random (v4) UUID. */
void store_uuid(struct yk_store *st, char out[UUID_BUFSZ]);
/* Next number in a named sequence (e.g. case numbers per prefix/year). */
int store_next_seq(struct yk_store *st, const char *key, long *seq, yk_error *err);

int store_case_exists(struct yk_store *st, const char *case_no, yk_error *err);
/* The case's events in chain order (free with events_free). */
int store_case_events(struct yk_store *st, const char *case_no, struct yk_event **evs,
		      size_t *n, yk_error *err);
int store_event_exists(struct yk_store *st, const char *uuid, yk_error *err);
/* Append one event: its seq and prev_hash must continue the case's chain
 * and its hash must be set (store_append in the case service does this). */
int store_insert_event(struct yk_store *st, const struct yk_event *ev, yk_error *err);
/* Replace the cached state of a case. */
int store_put_case(struct yk_store *st, const struct case_state *c, yk_error *err);
/* The cached state of one case; 0 found, 1 not found, -1 error. */
int store_get_case(struct yk_store *st, const char *case_no, struct case_state *c,
		   yk_error *err);

/* A new case for the same ID number and address opened within this many
 * days of a withdrawal re-runs the withdrawn case (重走, 003 row 15). */
#define STORE_RERUN_DAYS 30
/* 重走 (003 row 15): the case withdrawn between from and to (its withdrawal
 * date) for this ID number and address, the latest; its cached state into
 * c. 0 found, 1 none, -1 error. */
/* The open case at `address` for ID number id_no, if any (a retried or
 * repeated case new): 0 and the case in *c (free it), 1 when there is
 * none, -1 on error. */
int store_find_open(struct yk_store *st, const char *id_no, const char *address,
		    struct case_state *c, yk_error *err);
int store_find_withdrawn(struct yk_store *st, const char *id_no, const char *address,
			 yk_date from, yk_date to, struct case_state *c, yk_error *err);
/* The cases that re-run the withdrawn case c (their rerun-of names it),
 * sorted (free with store_list_free). */
int store_reruns_of(struct yk_store *st, const struct case_state *c, char ***list, size_t *n,
		    yk_error *err);

enum store_filter { STORE_ALL, STORE_OPEN_ONLY };
/* Call fn for each cached case (open ones only, or all); fn returns
 * non-zero to stop. */
int store_each_case(struct yk_store *st, enum store_filter filter,
		    int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);


int store_query_cases(struct yk_store *st, const struct case_query *q,
		      int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);

/* The same selection in storage order, not by case number: for reports,
 * which aggregate or sort what they keep — much faster over a large table. */
int store_scan_cases(struct yk_store *st, const struct case_query *q,
		     int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);

/* Move a named sequence (store_next_seq) on to at least `seq`: an imported
 * case keeps its number, which must never be minted again. */
int store_seq_at_least(struct yk_store *st, const char *key, long seq, yk_error *err);
/* A new number for a case of this office: PREFIX-YEAR-OFFICE-SEQ (the
 * region's prefix: rules_region_prefix), never one already in the database
 * or minted before (inside a transaction). */
int store_mint_case_no(struct yk_store *st, const char *prefix, int year,
		       char case_no[CASE_NO_BUFSZ], yk_error *err);
/* A case number this database knows of: when this office minted it, the
 * numbering moves past it, so it is never minted here again. */
int store_number_seen(struct yk_store *st, const char *case_no, yk_error *err);

/* Walk every chain and compare the cache with a replay. fn gets one line per
 * problem; returns the number of problems, or -1 when it could not run. */
long store_verify(struct yk_store *st, const struct yk_rules *rules,
		  void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);


/* ---- sync (docs/sync.md) ------------------------------------------------ */


/* This database's id (meta 'db-id') into out. */
int store_db_id(struct yk_store *st, char out[SYNC_ID_BUFSZ], yk_error *err);

/* The sync records of a case's events (any order). */
int store_sync_metas(struct yk_store *st, const char *case_no, struct sync_meta **out,
		     size_t *n, yk_error *err);
/* Record one event for sync; m->learned gets its number. Append-only. */
int store_sync_record(struct yk_store *st, struct sync_meta *m, yk_error *err);
/* The highest sync_events.id (0 when none). */
int store_sync_last_mark(struct yk_store *st, long *mark, yk_error *err);
/* Lists of case numbers, sorted (free with store_list_free): cases with an
 * event this database learned after `mark` (sync_events.id > mark) … */
int store_sync_cases_since(struct yk_store *st, long mark, char ***out, size_t *n,
			   yk_error *err);
/* Record for sync every case none of whose events sync has recorded yet
 * (this database's own history), and list the cases that have recent
 * local events beside recorded ones (the caller records those). Only
 * events added since the last call are looked at. */
int store_sync_capture_fresh(struct yk_store *st, const char *own, char ***pending, size_t *n,
			     yk_error *err);
/* Every event with its sync record as text, in (case, seq) order: of every
 * case (mark 0), or of the cases with records after mark. fn returns
 * non-zero to stop (then -1, its err standing). */
struct sync_row;
int store_sync_rows(struct yk_store *st, long mark, int (*fn)(void *ctx, const struct sync_row *r),
		    void *ctx, yk_error *err);
/* … cases with events not yet recorded for sync (recent local ones) … */
int store_sync_pending_cases(struct yk_store *st, char ***out, size_t *n, yk_error *err);
/* … cases with rows a merge wrote (where conflicts are marked). */
int store_sync_marked_cases(struct yk_store *st, char ***out, size_t *n, yk_error *err);
void store_list_free(char **list, size_t n);
/* The first `limit` case numbers that begin with `prefix`, sorted (for
 * completing a case number on the command line). */
int store_case_numbers(struct yk_store *st, const char *prefix, long limit, char ***out,
		       size_t *n, yk_error *err);
/* Has the case rows a merge wrote? 1 yes, 0 no, -1 error. */
int store_sync_case_marked(struct yk_store *st, const char *case_no, yk_error *err);
/* A database other than `source` whose events carry office code `office`:
 * its id into other (1), none (0), -1 on error. */
int store_sync_office_clash(struct yk_store *st, const char *office, const char *source,
			    char other[SYNC_ID_BUFSZ], yk_error *err);
/* Replace a case's chain from position from_seq on with evs (their seq,
 * prev_hash and hash set): the one place events are deleted, for one case,
 * inside the caller's transaction (docs/sync.md, "the merged chain"). */
int store_sync_replace_chain(struct yk_store *st, const char *case_no, long from_seq,
			     const struct yk_event *evs, size_t n, yk_error *err);
/* Remove a case whose rows now live under another number (renumbered):
 * its events, through the merge's door, and its cached rows. In the
 * caller's transaction. */
int store_sync_drop_case(struct yk_store *st, const char *case_no, yk_error *err);
/* Was the event with this uuid here once, in a case since dropped (its
 * sync record kept, its row gone)? 1 yes, 0 no, -1 error. */
int store_sync_dropped(struct yk_store *st, const char *uuid, yk_error *err);
/* "SAVEPOINT", "RELEASE" or "ROLLBACK TO" the one savepoint a merge keeps
 * around each case, so that a case set aside leaves nothing behind. */
int store_savepoint(struct yk_store *st, const char *op, yk_error *err);
/* A larger page cache while a sync import or a spreadsheet import writes
 * a whole county's cases in one transaction (on), and back (off). */
int store_bulk(struct yk_store *st, int on, yk_error *err);
/* Rows in sync_unlock (must be 0 outside a merge). */
int store_sync_unlocked(struct yk_store *st, long *n, yk_error *err);

/* 0 found, 1 not found, -1 error. */
int store_sync_peer_get(struct yk_store *st, const char *name, struct sync_peer *p,
			yk_error *err);
int store_sync_peer_put(struct yk_store *st, const struct sync_peer *p, yk_error *err);
int store_sync_each_peer(struct yk_store *st, int (*fn)(void *ctx, const struct sync_peer *p),
			 void *ctx, yk_error *err);

int store_sync_log_import(struct yk_store *st, const struct sync_import_log *l, yk_error *err);
/* The last `limit` imports, newest first. */
int store_sync_each_import(struct yk_store *st, int limit,
			   int (*fn)(void *ctx, const struct sync_import_log *l), void *ctx,
			   yk_error *err);

/* Bundles: self-describing SQLite files carrying events between databases
 * (docs/sync.md, "the bundle"). */
struct yk_bundle;

/* One event row with its sync record, as text straight from a table (a
 * database's or a bundle's), valid until the next row: export copies it
 * and digests it without taking it apart. */
enum sync_row_col {
	SR_UUID, SR_CASE_NO, SR_SEQ, SR_KIND, SR_EFFECTIVE, SR_RECORDED, SR_OPERATOR, SR_ORIGIN,
	SR_DATA, SR_PREV_HASH, SR_HASH, SR_SOURCE, SR_OFFICE, SR_VC, SR_ORIG_SEQ, SR_ORIG_PREV,
	SR_ORIG_HASH, SYNC_ROW_COLS
};
struct sync_row {
	const char *col[SYNC_ROW_COLS];
	size_t len[SYNC_ROW_COLS];
};

/* Start a bundle for `path`: written to a 0600 temporary file beside it
 * (outfile.h: listed, so that a killed writer's file is removed on the next
 * start) and put in place by store_bundle_commit. The path must pass
 * out_guard_check(g); even when forced, a file already at `path` that is
 * not a bundle is refused and left alone. */
struct out_guard;
int store_bundle_create(const char *path, const struct out_guard *g, struct yk_bundle **out,
			yk_error *err);
int store_bundle_add_row(struct yk_bundle *b, const struct sync_row *r, yk_error *err);
int store_bundle_set(struct yk_bundle *b, const char *key, const char *val, yk_error *err);
int store_bundle_commit(struct yk_bundle *b, yk_error *err);
/* Open a bundle to read: refused (with what is wrong) unless it is a whole,
 * undamaged bundle file whose tables are exactly a bundle's (format 1 or
 * 2). It is read only, immutable, with views, triggers and schema
 * functions off, SQLite's memory capped and a deadline (docs/sync.md,
 * "bundles are data"). */
int store_bundle_open(const char *path, struct yk_bundle **out, yk_error *err);
/* A header value ("" when missing); 0 or -1. */
int store_bundle_get(struct yk_bundle *b, const char *key, char *out, size_t outsz,
		     yk_error *err);
/* Every header key but `except`, sorted, as "key=value\n" lines (free it). */
int store_bundle_header_text(struct yk_bundle *b, const char *except, char **out,
			     yk_error *err);
/* Its format (1 or 2). */
int store_bundle_format(const struct yk_bundle *b);
/* Every event row in (case, seq) order: row_fn with each as text, then,
 * once a case's rows are all read, case_fn with them parsed (freed after).
 * A callback returning non-zero stops the walk (and its err stands). */
int store_bundle_each(struct yk_bundle *b, int (*row_fn)(void *ctx, const struct sync_row *r),
		      int (*case_fn)(void *ctx, struct sync_item *items, size_t n), void *ctx,
		      yk_error *err);
/* The opening events that renumbered a case (renumbered-from=). */
int store_bundle_renumbered(struct yk_bundle *b, char (**out)[UUID_BUFSZ], size_t *n,
			    yk_error *err);
/* Close; a bundle being written and not committed is removed. */
void store_bundle_close(struct yk_bundle *b);

#endif
