#ifndef YEKUO_STORE_DB_H
#define YEKUO_STORE_DB_H

/* Private to src/store: the open database and the small SQL helpers that
 * store.c (cases and events), syncdb.c (sync bookkeeping) and bundle.c
 * (the bundle file format) share. Nothing outside src/store includes it. */

#include <sqlite3.h>

#include "yekuo/store/store.h"

/* 'YEKU': marks the file as ours (PRAGMA application_id). */
#define APPLICATION_ID 0x59454b55
#define BUNDLE_APPLICATION_ID 0x59454b53 /* 'YEKS': a sync bundle, not a database */
#define BUNDLE_FORMAT 2

/* Statements used once per event or per case on the hot paths (a sync
 * import writes hundreds of thousands of rows): prepared once, kept. */
enum db_stmt {
	DBS_EVENT_EXISTS,
	DBS_CASE_EXISTS,
	DBS_CASE_EVENTS,
	DBS_INSERT_EVENT,
	DBS_PUT_CASE,
	DBS_CLOCK_INSERT,
	DBS_SEQ_AT_LEAST,
	DBS_SYNC_METAS,
	DBS_SYNC_RECORD,
	DBS_SAVEPOINT,
	DBS_RELEASE,
	DBS_ROLLBACK_TO,
	DBS_COUNT
};

struct pg_store;
struct dbq;

struct yk_store {
	sqlite3 *db;
	sqlite3_stmt *stmt[DBS_COUNT];	/* db_stmt's cache */
	struct pg_store *pg;		/* a PostgreSQL server instead (pg.c), else NULL */
	struct dbq *q[DBS_COUNT];	/* dbq_cached's statements */
	char *path;
	int training;
	char office[16];
	int office_chosen;		/* meta 'office-chosen' (docs/store.md) */
	char merging[CASE_NO_BUFSZ];	/* the case a merge is rewriting ("" none) */
};

#define EVENT_COLUMNS "uuid, case_no, seq, kind, effective, recorded, operator, origin, data, prev_hash, hash"
#define NEVENT_COLUMNS 11

/* How long a command waits for another program that holds the database
 * before giving up with LOCKED (exit 5): YEKUO_BUSY_TIMEOUT ms, else 10 s.
 * A file's busy timeout, a server's lock_timeout. */
int db_busy_timeout_ms(void);

/* Set err from the database's last error, naming what was being done;
 * always -1. */
int db_error(struct yk_store *st, yk_error *err, const char *what);
int db_exec(struct yk_store *st, const char *sql, yk_error *err);
int db_pragma_int(struct yk_store *st, const char *sql, int *out, yk_error *err);
/* One row of a two-column key/value table (meta, or a bundle's header):
 * SQLITE_DONE when read/written (db_kv_get: out "" if absent). */
int db_kv_get(sqlite3 *db, const char *sql, const char *key, char *out, size_t outsz);
int db_kv_put(sqlite3 *db, const char *sql, const char *key, const char *val);
int db_meta_get(struct yk_store *st, const char *key, char *out, size_t outsz, yk_error *err);
int db_meta_set(struct yk_store *st, const char *key, const char *val, yk_error *err);
/* 1 if the query (one text parameter) returns a row, 0 if not, -1 error. */
int db_exists(struct yk_store *st, const char *sql, const char *arg, yk_error *err);
/* The cached statement `id` (sql), reset and ready to bind; never
 * finalized by the caller. NULL on failure (db_error can say why). */
sqlite3_stmt *db_stmt(struct yk_store *st, enum db_stmt id, const char *sql);
/* Column i as text, "" for NULL. */
const char *db_col(sqlite3_stmt *s, int i);
/* One events row (EVENT_COLUMNS order) into ev. */
int db_row_to_event(sqlite3_stmt *s, struct yk_event *ev, yk_error *err);
/* The same from the columns as text, in EVENT_COLUMNS order. */
int db_cols_to_event(const char *const col[NEVENT_COLUMNS], struct yk_event *ev, yk_error *err);
int db_load_events(struct yk_store *st, sqlite3_stmt *s, struct yk_event **evs, size_t *n,
		   yk_error *err);
/* The cases table's columns for a case, as text (NULL = SQL NULL): one
 * list written by store_put_case and compared by store_verify, on either
 * backend. */
#define CASE_COLUMNS "case_no, status, region, category, applied, closed_on, name, phone, " \
		     "address, filed, late, nevents, last_hash, state"
#define NCASE_COLUMNS 14
struct case_row {
	char *val[NCASE_COLUMNS];
};
void db_case_row_make(const struct case_state *c, struct case_row *r);
void db_case_row_free(struct case_row *r);
/* Problems in one case's chain (fn gets each); their number. */
long db_verify_chain(const struct yk_event *evs, size_t n, void (*fn)(void *, const char *),
		     void *ctx);
/* One case's chain and cached state against a replay (store_verify's
 * walk, on either backend); the number of problems. */
long db_verify_case(struct yk_store *st, const char *case_no, const struct yk_rules *rules,
		    void (*fn)(void *ctx, const char *problem), void *ctx);
/* One problem line to fn, counted. */
void db_problem(void (*fn)(void *, const char *), void *ctx, long *count, const char *fmt, ...)
	YK_PRINTF(4, 5);

/* One statement on either backend: what syncdb.c, seals.c and
 * envelope.c run against the database, written once for both. The SQL is
 * SQLite's ('?', '?N'); on a server it runs as PostgreSQL with '$N'
 * (pg.c), so it must mean the same there (no OR REPLACE/IGNORE: upserts).
 * Steps return SQLITE_ROW, SQLITE_DONE or SQLITE_ERROR (db_error says
 * why). A text bound is copied. */
int dbq_prepare(struct yk_store *st, const char *sql, struct dbq **out);
/* The statement `id`, prepared once and kept (dbq_finalize resets it). */
struct dbq *dbq_cached(struct yk_store *st, enum db_stmt id, const char *sql);
/* On a server, hand the rows on as they arrive instead of all at once: a
 * query over every event holds one row. Only for a statement stepped to
 * its end with no other statement on the database meanwhile. */
void dbq_stream(struct dbq *q);
/* On a server, fetch the rows in batches through a cursor instead: other
 * statements may run between steps (as on a file), and one batch is held
 * at a time. Only inside a transaction. */
void dbq_cursor(struct dbq *q);
void dbq_bind_text(struct dbq *q, int i, const char *v);
void dbq_bind_int(struct dbq *q, int i, long v);
int dbq_param_count(struct dbq *q);
int dbq_step(struct dbq *q);
/* Column i of the row as text ("" for NULL), its length, as a number. */
const char *dbq_col(struct dbq *q, int i);
size_t dbq_bytes(struct dbq *q, int i);
long dbq_int(struct dbq *q, int i);
void dbq_reset(struct dbq *q);
void dbq_finalize(struct dbq *q);
/* One events row (EVENT_COLUMNS order) into ev. */
int dbq_row_to_event(struct dbq *q, struct yk_event *ev, yk_error *err);
/* Is a transaction open? */
int db_in_transaction(struct yk_store *st);

/* Is a file size limit (ulimit -f) in force? */
int db_fsize_limited(void);

#endif
