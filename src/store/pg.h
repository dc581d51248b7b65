#ifndef YEKUO_STORE_PG_H
#define YEKUO_STORE_PG_H

/* Private to src/store: the PostgreSQL backend (pg.c, over libpq) behind
 * the public store API. store.c hands a call here when the database is a
 * postgresql:// (or postgres://) address; the SQLite code path is not
 * touched. Schema, roles and what the server does not do yet:
 * docs/deploy.md. Built without libpq, pg_open refuses with a message and
 * nothing else here is reached. */

#include "store/db.h"

/* Is this --db value a PostgreSQL address? */
int pg_is_uri(const char *path);

/* Connect st (st->path set) to the server; STORE_CREATE makes the schema
 * and the clerk role (yekuo server init), refused if it is there. */
int pg_open(struct yk_store *st, enum store_mode mode, const struct store_init *init,
	    yk_error *err);
void pg_close(struct yk_store *st);
const char *pg_role(const struct yk_store *st);

int pg_begin(struct yk_store *st, yk_error *err);
int pg_commit(struct yk_store *st, yk_error *err);
void pg_rollback(struct yk_store *st);

int pg_next_seq(struct yk_store *st, const char *key, long *seq, yk_error *err);
int pg_seq_at_least(struct yk_store *st, const char *key, long seq, yk_error *err);
/* 1 if the query (one text parameter, $1) returns a row, 0 if not, -1. */
int pg_exists(struct yk_store *st, const char *sql, const char *arg, yk_error *err);
int pg_case_events(struct yk_store *st, const char *case_no, struct yk_event **evs, size_t *n,
		   yk_error *err);
int pg_insert_event(struct yk_store *st, const struct yk_event *ev, yk_error *err);
int pg_put_case(struct yk_store *st, const struct case_state *c, yk_error *err);
int pg_get_case(struct yk_store *st, const char *case_no, struct case_state *c, yk_error *err);
int pg_query_cases(struct yk_store *st, const struct case_query *q, int scan,
		   int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);
/* store.c's case_row_differs on the server: -1, 0 equal, 1 no row, >1 differs. */
int pg_case_row_differs(struct yk_store *st, const struct case_state *c, yk_error *err);
/* store.c's cases_at: the cases of a query binding address, from, to;
 * fn returns 1 to stop, -1 on error. */
int pg_cases_at(struct yk_store *st, const char *sql, const char *address, yk_date from, yk_date to,
		int (*fn)(void *ctx, struct case_state *c, yk_error *err), void *ctx, yk_error *err);
/* store.c's dbq on the server: the SQL is SQLite's, '?N' and '?' become
 * '$N'; values are copied when bound. pg_q_step returns SQLITE_ROW,
 * SQLITE_DONE or SQLITE_ERROR, the error kept for pg_db_error. */
struct pg_q;
struct pg_q *pg_q_prepare(struct yk_store *st, const char *sql);
void pg_q_bind(struct pg_q *q, int i, const char *v);
/* Rows as they arrive, one at a time (libpq's single-row mode): no other
 * statement may run on the connection until the last step or a reset. */
void pg_q_stream(struct pg_q *q);
/* Rows in batches through a cursor in the open transaction: other
 * statements may run between steps; one batch is held at a time. */
void pg_q_cursor(struct pg_q *q);
int pg_q_param_count(const struct pg_q *q);
int pg_q_step(struct yk_store *st, struct pg_q *q);
const char *pg_q_col(const struct pg_q *q, int i);
size_t pg_q_bytes(const struct pg_q *q, int i);
void pg_q_reset(struct pg_q *q);
void pg_q_free(struct pg_q *q);
/* db_error on the server: the last failure of a pg_q or pg_exec_sql. */
int pg_db_error(struct yk_store *st, yk_error *err, const char *what);
/* Statements with no parameters (db_exec); 0 or -1 (pg_db_error). */
int pg_exec_sql(struct yk_store *st, const char *sql);
int pg_in_transaction(struct yk_store *st);
/* May this role bring other databases' records in (yekuo_sync)? 0 or -1
 * with a message saying how to grant it. */
int pg_may_merge(struct yk_store *st, yk_error *err);
/* May this role change the office's settings (and other clerks')? 0 yes,
 * -1 no (a message naming who may). */
int pg_may_set_office(struct yk_store *st, yk_error *err);

long pg_verify(struct yk_store *st, const struct yk_rules *rules,
	       void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);

#endif
