#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/xalloc.h"
#include "store/db.h"
#include "store/pg.h"

/* ---- sync ---- */

/* Everything offline synchronisation keeps in the database, and the
 * bundle files it exchanges (docs/sync.md). The merge logic is in sync.c. */


void
store_list_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int
store_db_id(struct yk_store *st, char out[SYNC_ID_BUFSZ], yk_error *err)
{
	if (db_meta_get(st, "db-id", out, SYNC_ID_BUFSZ, err) < 0)
		return -1;
	if (strlen(out) != SYNC_ID_BUFSZ - 1)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 数据库没有编号（meta 'db-id' 缺失或已损坏）"), st->path);
	return 0;
}

#define SYNC_META_COLUMNS "id, uuid, case_no, source, office, vc, depth, orig_seq, orig_prev, orig_hash"

static void
row_to_meta(struct dbq *s, struct sync_meta *m)
{
	memset(m, 0, sizeof *m);
	m->learned = (long)dbq_int(s, 0);
	snprintf(m->uuid, sizeof m->uuid, "%s", dbq_col(s, 1));
	snprintf(m->case_no, sizeof m->case_no, "%s", dbq_col(s, 2));
	snprintf(m->source, sizeof m->source, "%s", dbq_col(s, 3));
	snprintf(m->office, sizeof m->office, "%s", dbq_col(s, 4));
	m->vc = xstrdup(dbq_col(s, 5));
	m->depth = (long)dbq_int(s, 6);
	m->orig_seq = (long)dbq_int(s, 7);
	snprintf(m->orig_prev, sizeof m->orig_prev, "%s", dbq_col(s, 8));
	snprintf(m->orig_hash, sizeof m->orig_hash, "%s", dbq_col(s, 9));
}

int
store_sync_metas(struct yk_store *st, const char *case_no, struct sync_meta **out, size_t *n,
		 yk_error *err)
{
	struct dbq *s = dbq_cached(st, DBS_SYNC_METAS,
				  "SELECT " SYNC_META_COLUMNS " FROM sync_events WHERE case_no = ? "
				  "ORDER BY id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return db_error(st, err, _("无法读取同步记录"));
	dbq_bind_text(s, 1, case_no);
	while ((rc = dbq_step(s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		row_to_meta(s, &(*out)[(*n)++]);
	}
	dbq_reset(s);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			sync_meta_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return db_error(st, err, _("无法读取同步记录"));
	}
	return 0;
}

int
store_sync_record(struct yk_store *st, struct sync_meta *m, yk_error *err)
{
	/* a server says the new row's id itself (SQLite 3.31 has no RETURNING) */
	struct dbq *s = dbq_cached(st, DBS_SYNC_RECORD,
				   st->pg ? "INSERT INTO sync_events (uuid, case_no, source, office, vc, "
					    "depth, orig_seq, orig_prev, orig_hash) "
					    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
					  : "INSERT INTO sync_events (uuid, case_no, source, office, vc, "
					    "depth, orig_seq, orig_prev, orig_hash) "
					    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	int rc;

	if (!s)
		return db_error(st, err, _("无法保存同步记录"));
	dbq_bind_text(s, 1, m->uuid);
	dbq_bind_text(s, 2, m->case_no);
	dbq_bind_text(s, 3, m->source);
	dbq_bind_text(s, 4, m->office);
	dbq_bind_text(s, 5, m->vc ? m->vc : "");
	dbq_bind_int(s, 6, m->depth);
	dbq_bind_int(s, 7, m->orig_seq);
	dbq_bind_text(s, 8, m->orig_prev);
	dbq_bind_text(s, 9, m->orig_hash);
	rc = dbq_step(s);
	if (st->pg && rc == SQLITE_ROW) {
		m->learned = dbq_int(s, 0);
		rc = SQLITE_DONE;
	} else if (!st->pg && rc == SQLITE_DONE)
		m->learned = (long)sqlite3_last_insert_rowid(st->db);
	dbq_finalize(s);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("无法保存同步记录"));
	return 0;
}

int
store_sync_last_mark(struct yk_store *st, long *mark, yk_error *err)
{
	struct dbq *s;
	int rc;

	*mark = 0;
	if (dbq_prepare(st, "SELECT coalesce(max(id), 0) FROM sync_events", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取同步记录"));
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		*mark = (long)dbq_int(s, 0);
	dbq_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(st, err, _("无法读取同步记录"));
}

/* The first column of a query as a list of strings; arg (if any) binds ?1,
 * num the next parameter if there is one. */
static int
string_list(struct yk_store *st, const char *sql, const char *arg, long num, char ***out,
	    size_t *n, yk_error *err)
{
	struct dbq *s;
	size_t cap = 0;
	int rc, next = 1;

	*out = NULL;
	*n = 0;
	if (dbq_prepare(st, sql, &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取数据库"));
	if (arg)
		dbq_bind_text(s, next++, arg);
	if (dbq_param_count(s) >= next)
		dbq_bind_int(s, next, num);
	while ((rc = dbq_step(s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(dbq_col(s, 0));
	}
	dbq_finalize(s);
	if (rc != SQLITE_DONE) {
		store_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(st, err, _("无法读取数据库"));
	}
	return 0;
}

int
store_case_numbers(struct yk_store *st, const char *prefix, long limit, char ***out, size_t *n,
		   yk_error *err)
{
	/* a range on the primary key, so a million cases cost one index seek;
	 * U+10FFFF sorts after every character that can follow the prefix */
	return string_list(st,
			   st->pg ? "SELECT case_no FROM cases WHERE case_no >= ?1 AND "
				    "case_no < ?1 || chr(1114111) ORDER BY 1 LIMIT ?2"
				  : "SELECT case_no FROM cases WHERE case_no >= ?1 AND "
				    "case_no < ?1 || char(1114111) ORDER BY 1 LIMIT ?2",
			   prefix, limit, out, n, err);
}

int
store_sync_cases_since(struct yk_store *st, long mark, char ***out, size_t *n, yk_error *err)
{
	return string_list(st, "SELECT DISTINCT case_no FROM sync_events WHERE id > ? ORDER BY 1",
			   NULL, mark, out, n, err);
}

/* Events up to this events.id have been recorded for sync (meta
 * 'sync-captured'): only later ones can be pending. */
static long
captured_mark(struct yk_store *st)
{
	char v[32];
	yk_error e;

	if (db_meta_get(st, "sync-captured", v, sizeof v, &e) < 0)
		return 0;
	return strtol(v, NULL, 10);
}

int
store_sync_capture_fresh(struct yk_store *st, const char *own, char ***pending, size_t *n,
			 yk_error *err)
{
	struct dbq *s;
	long mark, top = 0;
	char v[32];
	int rc;

	*pending = NULL;
	*n = 0;
	/* On a server, clerks insert events at the same time: an event given
	 * an id below the mark but committed after it would never be
	 * recorded. Until this transaction ends, no insert is in flight. */
	if (st->pg) {
		if (dbq_prepare(st, "SELECT yekuo_capture_lock()", &s) != SQLITE_OK)
			return db_error(st, err, _("无法保存同步记录"));
		rc = dbq_step(s);
		dbq_finalize(s);
		if (rc != SQLITE_ROW)
			return db_error(st, err, _("无法保存同步记录"));
	}
	mark = captured_mark(st);
	/* A case no merge ever touched, none of whose events sync has
	 * recorded, is this database's own history, event k knowing k: its
	 * records in one statement. */
	if (dbq_prepare(st, "INSERT INTO sync_events (uuid, case_no, source, office, vc, depth, "
			       "orig_seq, orig_prev, orig_hash) "
			       "SELECT e.uuid, e.case_no, ?1, ?2, ?1 || '=' || e.seq, e.seq, e.seq, "
			       "e.prev_hash, e.hash FROM events e WHERE e.case_no IN "
			       "(SELECT DISTINCT f.case_no FROM events f WHERE f.id > ?3 AND NOT EXISTS "
			       "(SELECT 1 FROM sync_events x WHERE x.case_no = f.case_no)) "
			       "ORDER BY e.case_no, e.seq", &s) != SQLITE_OK)
		return db_error(st, err, _("无法保存同步记录"));
	dbq_bind_text(s, 1, own);
	dbq_bind_text(s, 2, st->office);
	dbq_bind_int(s, 3, mark);
	rc = dbq_step(s);
	dbq_finalize(s);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("无法保存同步记录"));
	/* The rest: new local events of cases sync already knows. */
	if (string_list(st,
			"SELECT DISTINCT e.case_no FROM events e WHERE e.id > ? AND e.origin != 'sync' "
			"AND NOT EXISTS (SELECT 1 FROM sync_events s WHERE s.uuid = e.uuid) ORDER BY 1",
			NULL, mark, pending, n, err) < 0)
		return -1;
	if (dbq_prepare(st, "SELECT coalesce(max(id), 0) FROM events", &s) !=
	    SQLITE_OK)
		return db_error(st, err, _("无法读取事件"));
	if (dbq_step(s) == SQLITE_ROW)
		top = (long)dbq_int(s, 0);
	dbq_finalize(s);
	snprintf(v, sizeof v, "%ld", top);
	return db_meta_set(st, "sync-captured", v, err);
}

int
store_sync_rows(struct yk_store *st, long mark, int (*fn)(void *ctx, const struct sync_row *r),
		void *ctx, yk_error *err)
{
	struct dbq *s;
	int rc, stop = 0;

	if (dbq_prepare(st, "SELECT e.uuid, e.case_no, e.seq, e.kind, e.effective, e.recorded, "
			       "e.operator, e.origin, e.data, e.prev_hash, e.hash, coalesce(s.source, ''), "
			       "coalesce(s.office, ''), coalesce(s.vc, ''), coalesce(s.orig_seq, 0), "
			       "coalesce(s.orig_prev, ''), coalesce(s.orig_hash, '') "
			       "FROM events e LEFT JOIN sync_events s ON s.uuid = e.uuid "
			       "WHERE ?1 = 0 OR e.case_no IN (SELECT case_no FROM sync_events WHERE id > ?1) "
			       "ORDER BY e.case_no, e.seq", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取事件"));
	dbq_stream(s); /* every event of the database: on a server one row at a time */
	dbq_bind_int(s, 1, mark);
	while (!stop && (rc = dbq_step(s)) == SQLITE_ROW) {
		struct sync_row r;

		for (int i = 0; i < SYNC_ROW_COLS; i++) {
			r.col[i] = dbq_col(s, i);
			r.len[i] = (size_t)dbq_bytes(s, i);
		}
		stop = fn(ctx, &r);
	}
	dbq_finalize(s);
	if (stop)
		return -1;
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法读取事件"));
}

int
store_sync_pending_cases(struct yk_store *st, char ***out, size_t *n, yk_error *err)
{
	return string_list(st,
			   "SELECT DISTINCT e.case_no FROM events e WHERE e.origin != 'sync' AND "
			   "NOT EXISTS (SELECT 1 FROM sync_events s WHERE s.uuid = e.uuid) ORDER BY 1",
			   NULL, 0, out, n, err);
}

int
store_sync_marked_cases(struct yk_store *st, char ***out, size_t *n, yk_error *err)
{
	return string_list(st, "SELECT DISTINCT case_no FROM events WHERE origin = 'sync' ORDER BY 1",
			   NULL, 0, out, n, err);
}

int
store_sync_case_marked(struct yk_store *st, const char *case_no, yk_error *err)
{
	return db_exists(st, "SELECT 1 FROM events WHERE case_no = ? AND origin = 'sync' LIMIT 1",
			    case_no, err);
}

int
store_sync_office_clash(struct yk_store *st, const char *office, const char *source,
			char other[SYNC_ID_BUFSZ], yk_error *err)
{
	struct dbq *s;
	int rc;

	other[0] = '\0';
	if (dbq_prepare(st, "SELECT source FROM sync_events WHERE office = ? AND source != ? LIMIT 1", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取同步记录"));
	dbq_bind_text(s, 1, office);
	dbq_bind_text(s, 2, source);
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		snprintf(other, SYNC_ID_BUFSZ, "%s", dbq_col(s, 0));
	dbq_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取同步记录"));
	return rc == SQLITE_ROW;
}

static int
exec_text(struct yk_store *st, const char *sql, const char *arg, long num, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, sql, &s) != SQLITE_OK)
		return db_error(st, err, _("无法写入数据库"));
	dbq_bind_text(s, 1, arg);
	if (dbq_param_count(s) > 1)
		dbq_bind_int(s, 2, num);
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法写入数据库"));
}

/* Rows were deleted: SQLite may give their ids to the next rows inserted,
 * so events are no longer all recorded up to the mark (meta
 * 'sync-captured', captured_mark): it comes down to the highest id left. */
static int
lower_mark(struct yk_store *st, yk_error *err)
{
	if (st->pg) /* a server never gives an id twice */
		return 0;
	return db_exec(st,
		       "UPDATE meta SET value = CAST(min(CAST(value AS INTEGER), "
		       "(SELECT coalesce(max(id), 0) FROM events)) AS TEXT) WHERE key = 'sync-captured';"
		       /* and the seal check's lower bound (seals.c, reuse_low) */
		       "INSERT INTO meta (key, value) VALUES ('seal-low', "
		       "  (SELECT CAST(coalesce(max(id), 0) AS TEXT) FROM events)) "
		       "ON CONFLICT (key) DO UPDATE SET value = CASE WHEN value = '' THEN excluded.value "
		       "  ELSE CAST(min(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT) END",
		       err);
}

/* Delete a case's rows from seq from_seq on (whole: and its summary) for
 * a merge: on a server through yekuo_merge_delete, the delete guard's one
 * exception there (docs/deploy.md). */
static int
merge_delete(struct yk_store *st, const char *case_no, long from_seq, int whole, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (!st->pg) {
		snprintf(st->merging, sizeof st->merging, "%s", case_no);
		rc = exec_text(st, "DELETE FROM events WHERE case_no = ? AND seq >= ?", case_no,
			       from_seq, err);
		st->merging[0] = '\0';
		if (rc < 0 || lower_mark(st, err) < 0)
			return -1;
		if (whole && (exec_text(st, "DELETE FROM cases WHERE case_no = ?", case_no, 0, err) < 0 ||
			      exec_text(st, "DELETE FROM clocks WHERE case_no = ?", case_no, 0, err) < 0))
			return -1;
		return 0;
	}
	if (dbq_prepare(st, whole ? "SELECT yekuo_merge_delete(?, ?, true)"
				  : "SELECT yekuo_merge_delete(?, ?, false)", &s) != SQLITE_OK)
		return db_error(st, err, _("无法合并案件"));
	dbq_bind_text(s, 1, case_no);
	dbq_bind_int(s, 2, from_seq);
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(st, err, _("无法合并案件"));
}

int
store_sync_replace_chain(struct yk_store *st, const char *case_no, long from_seq,
			 const struct yk_event *evs, size_t n, yk_error *err)
{
	/* Only ever inside a merge's transaction. The delete guard lets the
	 * rows of this one case go only while this statement runs
	 * (yekuo_merging, schema v4): the exception never outlives it, and
	 * no other connection has it at all. */
	if (!db_in_transaction(st))
		return yk_error_set(err, _("%s: 在事务之外改写事件链"), case_no);
	if (merge_delete(st, case_no, from_seq, 0, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (store_insert_event(st, &evs[i], err) < 0)
			return -1;
	return 0;
}

int
store_sync_dropped(struct yk_store *st, const char *uuid, yk_error *err)
{
	/* a record kept, its row gone: only a dropped (renumbered) case's */
	return db_exists(st, "SELECT 1 FROM sync_events s WHERE s.uuid = ? AND NOT EXISTS "
			     "(SELECT 1 FROM events e WHERE e.uuid = s.uuid)", uuid, err);
}

int
store_sync_drop_case(struct yk_store *st, const char *case_no, yk_error *err)
{
	/* The same door as a merge's rewrite, for a case renumbered (here or
	 * elsewhere): its rows live on under the new number. */
	if (!db_in_transaction(st))
		return yk_error_set(err, _("%s: 在事务之外删除案件"), case_no);
	return merge_delete(st, case_no, 1, 1, err);
}

int
store_savepoint(struct yk_store *st, const char *op, yk_error *err)
{
	static const struct {
		const char *op, *sql;
		enum db_stmt id;
	} ops[] = {
		{"SAVEPOINT", "SAVEPOINT case_merge", DBS_SAVEPOINT},
		{"RELEASE", "RELEASE case_merge", DBS_RELEASE},
		{"ROLLBACK TO", "ROLLBACK TO case_merge", DBS_ROLLBACK_TO},
	};

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(op, ops[i].op) == 0) {
			struct dbq *s = dbq_cached(st, ops[i].id, ops[i].sql);
			int rc = s ? dbq_step(s) : SQLITE_ERROR;

			if (s)
				dbq_reset(s);
			return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法合并案件"));
		}
	return yk_error_set(err, _("savepoint: 未知的操作 '%s'"), op);
}

int
store_bulk(struct yk_store *st, int on, yk_error *err)
{
	/* Tens of thousands of cases in one transaction insert into the
	 * uuid indexes in random order: a page cache of 32 MB instead of
	 * SQLite's 2 MB keeps those pages from being written out again and
	 * again. The memory is SQLite's, released when set back. A server
	 * sizes its own cache. */
	if (st->pg)
		return 0;
	return db_exec(st, on ? "PRAGMA cache_size = -32768" : "PRAGMA cache_size = -2000", err);
}

int
store_sync_unlocked(struct yk_store *st, long *n, yk_error *err)
{
	struct dbq *s;
	int rc;

	*n = 0;
	if (dbq_prepare(st, "SELECT count(*) FROM sync_unlock", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取数据库"));
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		*n = (long)dbq_int(s, 0);
	dbq_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(st, err, _("无法读取数据库"));
}

static void
row_to_peer(struct dbq *s, struct sync_peer *p)
{
	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", dbq_col(s, 0));
	p->mark = (long)dbq_int(s, 1);
	snprintf(p->exported, sizeof p->exported, "%s", dbq_col(s, 2));
	snprintf(p->file, sizeof p->file, "%s", dbq_col(s, 3));
}

int
store_sync_peer_get(struct yk_store *st, const char *name, struct sync_peer *p, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, "SELECT name, mark, exported, file FROM sync_peers WHERE name = ?", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取同步对方"));
	dbq_bind_text(s, 1, name);
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		row_to_peer(s, p);
	dbq_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取同步对方"));
	return rc == SQLITE_ROW ? 0 : 1;
}

int
store_sync_peer_put(struct yk_store *st, const struct sync_peer *p, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, "INSERT INTO sync_peers (name, mark, exported, file) VALUES (?, ?, ?, ?) "
			       "ON CONFLICT (name) DO UPDATE SET mark = excluded.mark, "
			       "exported = excluded.exported, file = excluded.file", &s) != SQLITE_OK)
		return db_error(st, err, _("无法保存同步对方"));
	dbq_bind_text(s, 1, p->name);
	dbq_bind_int(s, 2, p->mark);
	dbq_bind_text(s, 3, p->exported);
	dbq_bind_text(s, 4, p->file);
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法保存同步对方"));
}

int
store_sync_each_peer(struct yk_store *st, int (*fn)(void *ctx, const struct sync_peer *p),
		     void *ctx, yk_error *err)
{
	struct dbq *s;
	int rc, stop = 0;

	if (dbq_prepare(st, "SELECT name, mark, exported, file FROM sync_peers ORDER BY name", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取同步对方"));
	while (!stop && (rc = dbq_step(s)) == SQLITE_ROW) {
		struct sync_peer p;

		row_to_peer(s, &p);
		stop = fn(ctx, &p);
	}
	dbq_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取同步对方"));
	return 0;
}

int
store_sync_log_import(struct yk_store *st, const struct sync_import_log *l, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, "INSERT INTO sync_imports (checksum, source, office, imported, events, "
			       "cases, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?)", &s) != SQLITE_OK)
		return db_error(st, err, _("无法记录导入"));
	dbq_bind_text(s, 1, l->checksum);
	dbq_bind_text(s, 2, l->source);
	dbq_bind_text(s, 3, l->office);
	dbq_bind_text(s, 4, l->imported);
	dbq_bind_int(s, 5, l->events);
	dbq_bind_int(s, 6, l->cases);
	dbq_bind_int(s, 7, l->conflicts);
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法记录导入"));
}

int
store_sync_each_import(struct yk_store *st, int limit,
		       int (*fn)(void *ctx, const struct sync_import_log *l), void *ctx,
		       yk_error *err)
{
	struct dbq *s;
	int rc, stop = 0;

	if (dbq_prepare(st, "SELECT checksum, source, office, imported, events, cases, conflicts "
			       "FROM sync_imports ORDER BY id DESC LIMIT ?", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取导入记录"));
	dbq_bind_int(s, 1, limit);
	while (!stop && (rc = dbq_step(s)) == SQLITE_ROW) {
		struct sync_import_log l;

		memset(&l, 0, sizeof l);
		snprintf(l.checksum, sizeof l.checksum, "%s", dbq_col(s, 0));
		snprintf(l.source, sizeof l.source, "%s", dbq_col(s, 1));
		snprintf(l.office, sizeof l.office, "%s", dbq_col(s, 2));
		snprintf(l.imported, sizeof l.imported, "%s", dbq_col(s, 3));
		l.events = (long)dbq_int(s, 4);
		l.cases = (long)dbq_int(s, 5);
		l.conflicts = (long)dbq_int(s, 6);
		stop = fn(ctx, &l);
	}
	dbq_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取导入记录"));
	return 0;
}

