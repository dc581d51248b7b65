#ifndef YEKUO_STORE_H
#define YEKUO_STORE_H

/* The case store: one SQLite file. Every SQL statement of the program lives
 * in store.c. Events are append-only (triggers refuse UPDATE and DELETE)
 * and hash-chained per case; the `cases` table is a cache derived from the
 * events, rebuilt and checked by store_verify. Schema and pragmas:
 * docs/store.md. */

#include <stddef.h>

#include "yekuo/case.h"
#include "yekuo/error.h"

#define STORE_SCHEMA_VERSION 1

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

enum store_filter { STORE_ALL, STORE_OPEN_ONLY };
/* Call fn for each cached case (open ones only, or all); fn returns
 * non-zero to stop. */
int store_each_case(struct yk_store *st, enum store_filter filter,
		    int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);

/* A selection of cases, by the cached summary's indexed columns. Zero or
 * YK_DATE_NONE dates mean "no bound". */
struct store_query {
	int open_only;		/* status open */
	int filed_only;		/* has a grid-upgrade filing */
	yk_date applied_from, applied_to; /* application date range, inclusive */
	yk_date active_from;	/* open, or closed on/after this date */
};

int store_query_cases(struct yk_store *st, const struct store_query *q,
		      int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);

/* Walk every chain and compare the cache with a replay. fn gets one line per
 * problem; returns the number of problems, or -1 when it could not run. */
long store_verify(struct yk_store *st, const struct yk_rules *rules,
		  void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);

#endif
