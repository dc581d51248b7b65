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
/* syncdb.c's list of first-column strings (arg binds the first
 * parameter, num the next, as there). */
int pg_string_list(struct yk_store *st, const char *sql, const char *arg, long num, char ***out,
		   size_t *n, yk_error *err);
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
long pg_verify(struct yk_store *st, const struct yk_rules *rules,
	       void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);

#endif
