#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/datadir.h"
#include "yekuo/store/store.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/xalloc.h"
#include "store/db.h"
#include "store/pg.h"

#define BUSY_TIMEOUT_MS 10000

int
db_busy_timeout_ms(void)
{
	/* YEKUO_BUSY_TIMEOUT (ms) shortens the wait in tests */
	const char *bt = getenv("YEKUO_BUSY_TIMEOUT");
	int ms = bt && *bt ? atoi(bt) : BUSY_TIMEOUT_MS;

	return ms > 0 ? ms : BUSY_TIMEOUT_MS;
}

static const char *const schema_v1 =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  case_no TEXT NOT NULL,"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  kind TEXT NOT NULL,"
	"  effective TEXT NOT NULL,"
	"  recorded TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  origin TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  UNIQUE (case_no, seq));"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TABLE cases ("
	"  case_no TEXT PRIMARY KEY,"
	"  status TEXT NOT NULL,"
	"  region TEXT NOT NULL,"
	"  category TEXT NOT NULL,"
	"  applied TEXT NOT NULL,"
	"  closed_on TEXT,"
	"  name TEXT NOT NULL,"
	"  phone TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  filed INTEGER NOT NULL,"
	"  late INTEGER NOT NULL,"
	"  nevents INTEGER NOT NULL,"
	"  last_hash TEXT NOT NULL,"
	"  state TEXT NOT NULL);"
	"CREATE INDEX cases_open ON cases (status) WHERE status = 'open';"
	"CREATE INDEX cases_applied ON cases (applied);"
	"CREATE TABLE counters ("
	"  key TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL);";

/* v2: offline synchronisation (docs/sync.md). Each event's sync record,
 * kept append-only; peers and imports; the database's own id. The delete
 * guard on events gets one narrow exception: rows of a case listed in
 * sync_unlock, which only a merge writes, and clears, inside its own
 * transaction. */
static const char *const schema_v2 =
	"CREATE TABLE sync_events ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  case_no TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  office TEXT NOT NULL,"
	"  vc TEXT NOT NULL,"
	"  depth INTEGER NOT NULL CHECK (depth >= 1),"
	"  orig_seq INTEGER NOT NULL CHECK (orig_seq >= 1),"
	"  orig_prev TEXT NOT NULL,"
	"  orig_hash TEXT NOT NULL);"
	"CREATE INDEX sync_events_case ON sync_events (case_no);"
	"CREATE TRIGGER sync_events_no_update BEFORE UPDATE ON sync_events"
	"  BEGIN SELECT RAISE(ABORT, 'sync records are append-only'); END;"
	"CREATE TRIGGER sync_events_no_delete BEFORE DELETE ON sync_events"
	"  BEGIN SELECT RAISE(ABORT, 'sync records are append-only'); END;"
	"CREATE TABLE sync_peers ("
	"  name TEXT PRIMARY KEY,"
	"  mark INTEGER NOT NULL,"
	"  exported TEXT NOT NULL,"
	"  file TEXT NOT NULL);"
	"CREATE TABLE sync_imports ("
	"  id INTEGER PRIMARY KEY,"
	"  checksum TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  office TEXT NOT NULL,"
	"  imported TEXT NOT NULL,"
	"  events INTEGER NOT NULL,"
	"  cases INTEGER NOT NULL,"
	"  conflicts INTEGER NOT NULL);"
	"CREATE TABLE sync_unlock ("
	"  case_no TEXT PRIMARY KEY);"
	"DROP TRIGGER events_no_delete;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  WHEN NOT EXISTS (SELECT 1 FROM sync_unlock WHERE case_no = OLD.case_no)"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"INSERT OR IGNORE INTO meta (key, value) VALUES ('db-id', lower(hex(randomblob(16))));";

/* v3: the clock inputs of each case in a narrow table keyed by (open,
 * case_no), so listing the open cases — the dashboard, on every start —
 * reads one contiguous run of ~150-byte rows instead of the open cases'
 * whole summaries scattered over the file; filled from the summaries on
 * upgrade (backfill_clock) and written with every summary after. */
static const char *const schema_v3 =
	"CREATE TABLE clocks ("
	"  open INTEGER NOT NULL,"
	"  case_no TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  phone TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  clock TEXT NOT NULL,"
	"  PRIMARY KEY (open, case_no)) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX clocks_case ON clocks (case_no);"
	/* the few cases a sync merge touched, found without a scan of the log */
	"CREATE INDEX events_sync ON events (case_no) WHERE origin = 'sync';";

/* v4: seals (docs/security.md). The signed seals, chained, and the
 * content digest of every event a seal covered, both append-only; the
 * offices whose bundles this database trusts, and the seals their
 * bundles carried. The delete guard's exception for a merge becomes a
 * function only this program defines, true only while a merge rewrites
 * that case's rows (store_sync_replace_chain): any other connection — the
 * sqlite3 shell — has no such function, and a row in sync_unlock no
 * longer lifts the guard. */
static const char *const schema_v4 =
	"CREATE TABLE seals ("
	"  seq INTEGER PRIMARY KEY,"
	"  digest TEXT NOT NULL UNIQUE,"
	"  statement TEXT NOT NULL,"
	"  signature TEXT NOT NULL,"
	"  maxid INTEGER NOT NULL);"
	"CREATE TRIGGER seals_no_update BEFORE UPDATE ON seals"
	"  BEGIN SELECT RAISE(ABORT, 'seals are append-only'); END;"
	"CREATE TRIGGER seals_no_delete BEFORE DELETE ON seals"
	"  BEGIN SELECT RAISE(ABORT, 'seals are append-only'); END;"
	"CREATE TABLE seal_events ("
	"  case_no TEXT NOT NULL,"
	"  uuid TEXT NOT NULL,"
	"  seal INTEGER NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  PRIMARY KEY (case_no, uuid)) WITHOUT ROWID;"
	"CREATE TRIGGER seal_events_no_update BEFORE UPDATE ON seal_events"
	"  BEGIN SELECT RAISE(ABORT, 'seal records are append-only'); END;"
	"CREATE TRIGGER seal_events_no_delete BEFORE DELETE ON seal_events"
	"  BEGIN SELECT RAISE(ABORT, 'seal records are append-only'); END;"
	"CREATE TABLE trusted_offices ("
	"  office TEXT PRIMARY KEY,"
	"  identity TEXT NOT NULL,"
	"  signature TEXT NOT NULL,"
	"  enrolled TEXT NOT NULL);"
	"CREATE TABLE office_seals ("
	"  office TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  statement TEXT NOT NULL,"
	"  signature TEXT NOT NULL,"
	"  received TEXT NOT NULL,"
	"  PRIMARY KEY (office, seq));"
	"DROP TRIGGER events_no_delete;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  WHEN NOT yekuo_merging(OLD.case_no)"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;";

/* v5: 重走 (003 row 15). The cases at one address, so that a new case
 * finds a case withdrawn there for the same ID number within 30 days, and
 * a withdrawn case the cases that re-run it, without a scan. */
static const char *const schema_v5 = "CREATE INDEX cases_address ON cases (address);";

/* Forward migrations, in order: migrations[i] takes user_version i to i+1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {schema_v1, schema_v2, schema_v3,
							      schema_v4, schema_v5};

/* Is a file size limit set (ulimit -f)? SQLite does not always keep the
 * errno (EFBIG) of a write cut short by it. */
int
db_fsize_limited(void)
{
	struct rlimit rl;

	return getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY;
}

int
db_error(struct yk_store *st, yk_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	int sys = sqlite3_system_errno(st->db);
	const char *hint = "";
	enum yk_error_kind kind = YK_ERR_SYSTEM;

	if (st->pg)
		return pg_db_error(st, err, what);
	/* An I/O error on a full disk (e.g. growing the -shm file) or past the
	 * file size limit: say so, not "disk I/O error". */
	if ((code & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT))
		code = SQLITE_FULL;
	else if ((code & 0xff) == SQLITE_IOERR && (sys == EFBIG || (sys == 0 && db_fsize_limited())))
		return yk_error_setk(err, YK_ERR_SYSTEM, _("%s: %s: 文件已达到文件大小的上限（ulimit -f）；什么也没有保存"), st->path, what);
	switch (code & 0xff) {
	case SQLITE_FULL:
		hint = _("（磁盘已满：请腾出空间；什么也没有保存）");
		break;
	case SQLITE_READONLY:
		hint = _("（数据库文件或它所在的文件夹是只读的）");
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		hint = _("（别的程序正占用数据库；请再试一次）");
		kind = YK_ERR_LOCKED;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		hint = _("（文件已损坏，或不是 yekuo 的数据库）");
		kind = YK_ERR_DAMAGED;
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		hint = _("（请检查文件和它所在的文件夹是否存在、是否可写）");
		break;
	default:
		break;
	}
	return yk_error_setk(err, kind, "%s: %s: %s%s", st->path, what, sqlite3_errmsg(st->db), hint);
}

int
db_exec(struct yk_store *st, const char *sql, yk_error *err)
{
	if (st->pg ? pg_exec_sql(st, sql) < 0 : sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法运行数据库"));
	return 0;
}

int
db_pragma_int(struct yk_store *st, const char *sql, int *out, yk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法读取数据库"));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取数据库"));
	return 0;
}

/* One row of a two-column key/value table (meta here, the bundle header
 * in a sync bundle). kv_get: SQLITE_DONE when read (out "" if absent),
 * SQLITE_ERROR/other on failure; kv_put: SQLITE_DONE when written. */
int
db_kv_get(sqlite3 *db, const char *sql, const char *key, char *out, size_t outsz)
{
	sqlite3_stmt *s;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(s, 0);

		snprintf(out, outsz, "%s", v ? (const char *)v : "");
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(s);
	return rc;
}

int
db_kv_put(sqlite3 *db, const char *sql, const char *key, const char *val)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, val, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc;
}

int
db_meta_get(struct yk_store *st, const char *key, char *out, size_t outsz, yk_error *err)
{
	struct dbq *q;
	int rc;

	out[0] = '\0';
	if (!st->pg) {
		if (db_kv_get(st->db, "SELECT value FROM meta WHERE key = ?", key, out, outsz) != SQLITE_DONE)
			return db_error(st, err, _("无法读取数据库"));
		return 0;
	}
	if (dbq_prepare(st, "SELECT value FROM meta WHERE key = ?", &q) != SQLITE_OK)
		return db_error(st, err, _("无法读取数据库"));
	dbq_bind_text(q, 1, key);
	rc = dbq_step(q);
	if (rc == SQLITE_ROW)
		snprintf(out, outsz, "%s", dbq_col(q, 0));
	dbq_finalize(q);
	return rc == SQLITE_ERROR ? db_error(st, err, _("无法读取数据库")) : 0;
}

int
db_meta_set(struct yk_store *st, const char *key, const char *val, yk_error *err)
{
	static const char *const sql = "INSERT INTO meta (key, value) VALUES (?, ?) "
				       "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	struct dbq *q;
	int rc;

	if (!st->pg)
		return db_kv_put(st->db, sql, key, val) == SQLITE_DONE
			       ? 0 : db_error(st, err, _("无法写入数据库"));
	if (dbq_prepare(st, sql, &q) != SQLITE_OK)
		return db_error(st, err, _("无法写入数据库"));
	dbq_bind_text(q, 1, key);
	dbq_bind_text(q, 2, val);
	rc = dbq_step(q);
	dbq_finalize(q);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法写入数据库"));
}

const char *
store_default_path(void)
{
	static char buf[PATH_MAX];

	snprintf(buf, sizeof buf, "%s/yekuo.db", datadir_user());
	return buf;
}

/* What is at `path` before SQLite touches it: 0 missing, 1 an SQLite
 * file, -1 something else (refused: never overwrite what is not ours). */
static int
probe_file(const char *path, yk_error *err)
{
	struct stat sb;
	char head[16];
	int fd;
	ssize_t n;

	if (stat(path, &sb) < 0) {
		if (errno == ENOENT)
			return 0;
		return yk_error_setk(err, yk_errno_kind(errno), "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return yk_error_set(err, _("%s: 不是普通文件"), path);
	if (sb.st_size == 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 文件是空的——不是 yekuo 的数据库（复制不完整？请从备份恢复）"), path);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法打开：%s"), path, strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是 yekuo 的数据库（不是 SQLite 文件）；文件没有动"), path);
	return 1;
}

/* A database (or its -wal/-shm) this user may not write is refused before
 * SQLite opens it read-only: that would leave read-only -wal/-shm files
 * behind that keep refusing writes after the file is made writable. */
static int
refuse_read_only(const char *path, yk_error *err)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char f[PATH_MAX];

	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		if (access(f, W_OK) < 0 && errno != ENOENT)
			return yk_error_setk(err, YK_ERR_SYSTEM, _("%s: 文件是只读的（%s）：请让它可写（chmod u+w），或把数据库复制到可写的文件夹；文件没有动"), f, strerror(errno));
	}
	return 0;
}

static int
create_schema(struct yk_store *st, const struct store_init *init, yk_error *err)
{
	char buf[64];

	if (db_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	for (int v = 0; v < STORE_SCHEMA_VERSION; v++)
		if (db_exec(st, migrations[v], err) < 0)
			goto fail;
	snprintf(buf, sizeof buf, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	if (db_exec(st, buf, err) < 0)
		goto fail;
	snprintf(buf, sizeof buf, "PRAGMA application_id = %d", APPLICATION_ID);
	if (db_exec(st, buf, err) < 0 || db_meta_set(st, "application", "yekuo", err) < 0 ||
	    db_meta_set(st, "training", init && init->training ? "1" : "0", err) < 0 ||
	    db_meta_set(st, "office", init && init->office[0] ? init->office : "A", err) < 0 ||
	    (init && init->office[0] && db_meta_set(st, "office-chosen", "1", err) < 0) ||
	    db_exec(st, "COMMIT", err) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Is this SQLite file ours, and not from a newer yekuo? Only reads: it runs
 * before anything, even the journal mode, is changed in the file. */
static int
check_ours(struct yk_store *st, int *version, yk_error *err)
{
	int appid;

	if (db_pragma_int(st, "PRAGMA application_id", &appid, err) < 0 ||
	    db_pragma_int(st, "PRAGMA user_version", version, err) < 0)
		return -1;
	if (appid != APPLICATION_ID)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是 yekuo 的数据库（是别的程序的 SQLite 文件）；文件没有动"), st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 由更新版本的 yekuo 写出（结构 %d；本程序最多认识 %d）——请升级 yekuo；文件没有动"),
				    st->path, *version, STORE_SCHEMA_VERSION);
	return 0;
}

/* Upgrade to v3: fill the clock column from each case's summary. */
static int
backfill_clock(struct yk_store *st, yk_error *err)
{
	sqlite3_stmt *sel, *upd;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT case_no, state FROM cases", -1, &sel, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法升级数据库"));
	if (sqlite3_prepare_v2(st->db, "INSERT INTO clocks (open, case_no, name, phone, address, clock) "
				       "VALUES (?, ?, ?, ?, ?, ?)",
			       -1, &upd, NULL) != SQLITE_OK) {
		sqlite3_finalize(sel);
		return db_error(st, err, _("无法升级数据库"));
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		struct case_state c;
		char *clock;
		const unsigned char *state = sqlite3_column_text(sel, 1);

		if (case_decode(state ? (const char *)state : "", &c, err) < 0)
			break;
		clock = case_clock_encode(&c);
		sqlite3_bind_int(upd, 1, c.status == CASE_OPEN);
		sqlite3_bind_value(upd, 2, sqlite3_column_value(sel, 0));
		sqlite3_bind_text(upd, 3, c.name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 4, c.phone, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 5, c.address, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 6, clock, -1, SQLITE_TRANSIENT);
		case_state_free(&c);
		free(clock);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			db_error(st, err, _("无法升级数据库"));
			break;
		}
		sqlite3_reset(upd);
	}
	sqlite3_finalize(upd);
	sqlite3_finalize(sel);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? -1 : db_error(st, err, _("无法升级数据库"));
	return 0;
}

static int
check_and_migrate(struct yk_store *st, yk_error *err)
{
	int version;
	char app[32], buf[64];

	if (check_ours(st, &version, err) < 0)
		return -1;
	if (version < 1)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 没有结构的 yekuo 数据库——已损坏"),
				     st->path);
	if (version < STORE_SCHEMA_VERSION) {
		if (db_exec(st, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		for (int v = version; v < STORE_SCHEMA_VERSION; v++)
			if (db_exec(st, migrations[v], err) < 0 ||
			    (v == 2 && backfill_clock(st, err) < 0)) {
				sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
				return -1;
			}
		snprintf(buf, sizeof buf, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
		if (db_exec(st, buf, err) < 0 || db_exec(st, "COMMIT", err) < 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	if (db_meta_get(st, "application", app, sizeof app, err) < 0)
		return -1;
	if (strcmp(app, "yekuo") != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是 yekuo 的数据库"), st->path);
	if (db_meta_get(st, "training", buf, sizeof buf, err) < 0)
		return -1;
	st->training = strcmp(buf, "1") == 0;
	if (db_meta_get(st, "office", st->office, sizeof st->office, err) < 0 ||
	    db_meta_get(st, "office-chosen", buf, sizeof buf, err) < 0)
		return -1;
	st->office_chosen = strcmp(buf, "1") == 0;
	return 0;
}

static int
make_parent(const char *path, yk_error *err)
{
	char dir[PATH_MAX];
	char *slash;
	struct stat sb;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	if (stat(dir, &sb) == 0)
		return 0;
	/* Only the default location is created on demand. */
	if (strcmp(path, store_default_path()) == 0)
		return datadir_user_mkdir("", err) ? 0 : -1;
	return yk_error_setk(err, YK_ERR_NOT_FOUND, _("%s: 文件夹 %s 不存在"), path, dir);
}

/* yekuo_merging(case_no): is a merge rewriting this case's rows right now?
 * (the delete guard's one exception, schema v4) */
static void
merging_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct yk_store *st = sqlite3_user_data(ctx);
	const unsigned char *c = argc == 1 ? sqlite3_value_text(argv[0]) : NULL;

	sqlite3_result_int(ctx, st->merging[0] && c && strcmp((const char *)c, st->merging) == 0);
}

int
store_open(const char *path, enum store_mode mode, const struct store_init *init,
	   struct yk_store **out, yk_error *err)
{
	struct yk_store *st;
	int exists, rc;
	mode_t old;

	*out = NULL;
	if (!path || !*path)
		path = store_default_path();
	if (pg_is_uri(path)) {
		st = xcalloc(1, sizeof *st);
		st->path = xstrdup(path);
		/* st->db stays an empty in-memory SQLite database: nothing on
		 * a server's path reaches it (dbq, pg.c) */
		if (sqlite3_open(":memory:", &st->db) != SQLITE_OK || pg_open(st, mode, init, err) < 0) {
			store_close(st);
			return -1;
		}
		*out = st;
		return 0;
	}
	exists = probe_file(path, err);
	if (exists < 0)
		return -1;
	if (exists && mode == STORE_CREATE)
		return yk_error_setk(err, YK_ERR_CONFLICT, _("%s 已经存在；文件没有动"), path);
	if (exists && refuse_read_only(path, err) < 0)
		return -1;
	if (!exists && mode == STORE_EXISTING)
		return yk_error_setk(err, YK_ERR_NOT_FOUND, _("%s: 这里没有数据库（用 yekuo init 创建）"),
				     path);
	if (!exists && make_parent(path, err) < 0)
		return -1;
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	/* Created 0600: cases hold personal information. */
	old = umask(077);
	rc = sqlite3_open_v2(path, &st->db,
			     SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE) |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	umask(old);
	if (rc != SQLITE_OK) {
		if (st->db)
			db_error(st, err, _("无法打开"));
		else
			yk_error_setk(err, YK_ERR_SYSTEM, _("%s: 无法打开"), path);
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, db_busy_timeout_ms());
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_create_function(st->db, "yekuo_merging", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, st,
				    merging_fn, NULL, NULL) != SQLITE_OK) {
		db_error(st, err, _("无法打开"));
		goto fail;
	}
	if (exists) {
		int version;

		if (check_ours(st, &version, err) < 0)
			goto fail;
	}
	if (db_exec(st, "PRAGMA foreign_keys = ON", err) < 0 ||
	    db_exec(st, "PRAGMA journal_mode = WAL", err) < 0 ||
	    db_exec(st, "PRAGMA synchronous = FULL", err) < 0)
		goto fail;
	if (!exists) {
		if (create_schema(st, init, err) < 0) {
			store_close(st);
			unlink(path);
			return -1;
		}
	}
	if (check_and_migrate(st, err) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

sqlite3_stmt *
db_stmt(struct yk_store *st, enum db_stmt id, const char *sql)
{
	if (!st->stmt[id] &&
	    sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(st->stmt[id]);
	sqlite3_clear_bindings(st->stmt[id]);
	return st->stmt[id];
}

/* ---- dbq: one statement on either backend (db.h) ------------------------ */

struct dbq {
	struct yk_store *st;
	sqlite3_stmt *s;	/* SQLite */
	struct pg_q *pq;	/* a server */
	int cached;		/* kept in st->q: finalize resets */
};

int
dbq_prepare(struct yk_store *st, const char *sql, struct dbq **out)
{
	struct dbq *q = xcalloc(1, sizeof *q);

	q->st = st;
	if (st->pg)
		q->pq = pg_q_prepare(st, sql);
	else if (sqlite3_prepare_v2(st->db, sql, -1, &q->s, NULL) != SQLITE_OK) {
		free(q);
		*out = NULL;
		return SQLITE_ERROR;
	}
	*out = q;
	return SQLITE_OK;
}

struct dbq *
dbq_cached(struct yk_store *st, enum db_stmt id, const char *sql)
{
	if (!st->q[id]) {
		if (st->pg) {
			if (dbq_prepare(st, sql, &st->q[id]) != SQLITE_OK)
				return NULL;
		} else {
			sqlite3_stmt *s = db_stmt(st, id, sql);

			if (!s)
				return NULL;
			st->q[id] = xcalloc(1, sizeof *st->q[id]);
			st->q[id]->st = st;
			st->q[id]->s = s;
		}
		st->q[id]->cached = 1;
	}
	dbq_reset(st->q[id]);
	if (st->q[id]->s)
		sqlite3_clear_bindings(st->q[id]->s);
	return st->q[id];
}

void
dbq_stream(struct dbq *q)
{
	if (q->pq)
		pg_q_stream(q->pq);
}

void
dbq_cursor(struct dbq *q)
{
	if (q->pq)
		pg_q_cursor(q->pq);
}

void
dbq_bind_text(struct dbq *q, int i, const char *v)
{
	if (q->pq)
		pg_q_bind(q->pq, i, v);
	else
		sqlite3_bind_text(q->s, i, v, -1, SQLITE_TRANSIENT);
}

void
dbq_bind_int(struct dbq *q, int i, long v)
{
	char b[32];

	if (!q->pq) {
		sqlite3_bind_int64(q->s, i, v);
		return;
	}
	snprintf(b, sizeof b, "%ld", v);
	pg_q_bind(q->pq, i, b);
}

int
dbq_param_count(struct dbq *q)
{
	return q->pq ? pg_q_param_count(q->pq) : sqlite3_bind_parameter_count(q->s);
}

int
dbq_step(struct dbq *q)
{
	int rc = q->pq ? pg_q_step(q->st, q->pq) : sqlite3_step(q->s);

	return rc == SQLITE_ROW || rc == SQLITE_DONE ? rc : SQLITE_ERROR;
}

const char *
dbq_col(struct dbq *q, int i)
{
	return q->pq ? pg_q_col(q->pq, i) : db_col(q->s, i);
}

size_t
dbq_bytes(struct dbq *q, int i)
{
	return q->pq ? pg_q_bytes(q->pq, i) : (size_t)sqlite3_column_bytes(q->s, i);
}

long
dbq_int(struct dbq *q, int i)
{
	return q->pq ? strtol(pg_q_col(q->pq, i), NULL, 10) : (long)sqlite3_column_int64(q->s, i);
}

void
dbq_reset(struct dbq *q)
{
	if (q->pq)
		pg_q_reset(q->pq);
	else
		sqlite3_reset(q->s);
}

void
dbq_finalize(struct dbq *q)
{
	if (!q)
		return;
	if (q->cached) {
		dbq_reset(q);
		return;
	}
	if (q->pq)
		pg_q_free(q->pq);
	else
		sqlite3_finalize(q->s);
	free(q);
}

int
dbq_row_to_event(struct dbq *q, struct yk_event *ev, yk_error *err)
{
	const char *col[NEVENT_COLUMNS];

	for (int i = 0; i < NEVENT_COLUMNS; i++)
		col[i] = dbq_col(q, i);
	return db_cols_to_event(col, ev, err);
}

int
db_in_transaction(struct yk_store *st)
{
	return st->pg ? pg_in_transaction(st) : !sqlite3_get_autocommit(st->db);
}

void
store_close(struct yk_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < DBS_COUNT; i++) {
		if (st->q[i] && st->q[i]->pq)
			pg_q_free(st->q[i]->pq);
		free(st->q[i]);
		sqlite3_finalize(st->stmt[i]);
	}
	if (st->db)
		sqlite3_close(st->db);
	if (st->pg)
		pg_close(st);
	free(st->path);
	free(st);
}

int
store_may_merge(struct yk_store *st, yk_error *err)
{
	return st->pg ? pg_may_merge(st, err) : 0;
}

const char *
store_server_role(const struct yk_store *st)
{
	return st->pg ? pg_role(st) : NULL;
}

int
store_is_server_path(const char *path)
{
	return pg_is_uri(path);
}

const char *
store_path(const struct yk_store *st)
{
	return st->path;
}

int
store_training(const struct yk_store *st)
{
	return st->training;
}

const char *
store_office(const struct yk_store *st)
{
	return st->office;
}

int
store_begin(struct yk_store *st, yk_error *err)
{
	if (st->pg)
		return pg_begin(st, err);
	return db_exec(st, "BEGIN IMMEDIATE", err);
}

int
store_commit(struct yk_store *st, yk_error *err)
{
	if (st->pg)
		return pg_commit(st, err);
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(st, err, _("无法保存"));
		store_rollback(st);
		return -1;
	}
	return 0;
}

void
store_rollback(struct yk_store *st)
{
	if (st->pg) {
		pg_rollback(st);
		return;
	}
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void
store_uuid(struct yk_store *st, char out[UUID_BUFSZ])
{
	unsigned char b[16];

	(void)st;
	sqlite3_randomness(sizeof b, b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, UUID_BUFSZ,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
		 b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
		 b[14], b[15]);
}

int
store_next_seq(struct yk_store *st, const char *key, long *seq, yk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return pg_next_seq(st, key, seq, err);
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO counters (key, value) VALUES (?, 1) "
			       "ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value",
			       -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法给案件编号"));
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*seq = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(st, err, _("无法给案件编号"));
}

int
db_exists(struct yk_store *st, const char *sql, const char *arg, yk_error *err)
{
	if (st->pg)
		return pg_exists(st, sql, arg, err);
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法读取数据库"));
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取数据库"));
	return rc == SQLITE_ROW;
}

int
store_case_exists(struct yk_store *st, const char *case_no, yk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return pg_exists(st, "SELECT 1 FROM events WHERE case_no = ? LIMIT 1", case_no, err);
	s = db_stmt(st, DBS_CASE_EXISTS, "SELECT 1 FROM events WHERE case_no = ? LIMIT 1");
	if (!s)
		return db_error(st, err, _("无法读取数据库"));
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取数据库"));
	return rc == SQLITE_ROW;
}

int
store_event_exists(struct yk_store *st, const char *uuid, yk_error *err)
{
	if (st->pg)
		return pg_exists(st, "SELECT 1 FROM events WHERE uuid = ?", uuid, err);
	sqlite3_stmt *s = db_stmt(st, DBS_EVENT_EXISTS, "SELECT 1 FROM events WHERE uuid = ?");
	int rc;

	if (!s)
		return db_error(st, err, _("无法读取数据库"));
	sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取数据库"));
	return rc == SQLITE_ROW;
}

const char *
db_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

int
db_cols_to_event(const char *const col[NEVENT_COLUMNS], struct yk_event *ev, yk_error *err)
{
	int k;

	event_init(ev);
	snprintf(ev->uuid, sizeof ev->uuid, "%s", col[0]);
	snprintf(ev->case_no, sizeof ev->case_no, "%s", col[1]);
	ev->seq = atol(col[2]);
	k = ev_kind_from_code(col[3]);
	ev->kind = k < 0 ? EV_KIND_COUNT : (enum ev_kind)k;
	if (date_parse(col[4], &ev->effective) < 0)
		ev->effective = YK_DATE_NONE;
	snprintf(ev->recorded, sizeof ev->recorded, "%s", col[5]);
	snprintf(ev->operator_name, sizeof ev->operator_name, "%s", col[6]);
	snprintf(ev->origin, sizeof ev->origin, "%s", col[7]);
	snprintf(ev->prev_hash, sizeof ev->prev_hash, "%s", col[9]);
	snprintf(ev->hash, sizeof ev->hash, "%s", col[10]);
	if (payload_parse(col[8], &ev->data, err) < 0)
		return yk_error_prefix(err, _("%s 事件 %s："), ev->case_no, ev->uuid);
	if (k < 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s 事件 %s：未知的种类 '%s'"), ev->case_no, ev->uuid, col[3]);
	return 0;
}

int
db_row_to_event(sqlite3_stmt *s, struct yk_event *ev, yk_error *err)
{
	const char *col[NEVENT_COLUMNS];

	for (int i = 0; i < NEVENT_COLUMNS; i++)
		col[i] = db_col(s, i);
	return db_cols_to_event(col, ev, err);
}


int
db_load_events(struct yk_store *st, sqlite3_stmt *s, struct yk_event **evs, size_t *n, yk_error *err)
{
	size_t cap = 0;
	int rc;

	*evs = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*evs = xgrow(*evs, &cap, *n + 1, sizeof **evs);
		if (db_row_to_event(s, &(*evs)[*n], err) < 0) {
			events_free(*evs, *n + 1);
			*evs = NULL;
			*n = 0;
			return -1;
		}
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		events_free(*evs, *n);
		*evs = NULL;
		*n = 0;
		return db_error(st, err, _("无法读取事件"));
	}
	return 0;
}

int
store_case_events(struct yk_store *st, const char *case_no, struct yk_event **evs, size_t *n,
		  yk_error *err)
{
	if (st->pg)
		return pg_case_events(st, case_no, evs, n, err);
	sqlite3_stmt *s = db_stmt(st, DBS_CASE_EVENTS,
				  "SELECT " EVENT_COLUMNS " FROM events WHERE case_no = ? ORDER BY seq");
	int rc;

	if (!s)
		return db_error(st, err, _("无法读取事件"));
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_STATIC);
	rc = db_load_events(st, s, evs, n, err);
	sqlite3_reset(s);
	return rc;
}

int
store_insert_event(struct yk_store *st, const struct yk_event *ev, yk_error *err)
{
	if (st->pg)
		return pg_insert_event(st, ev, err);
	sqlite3_stmt *s = db_stmt(st, DBS_INSERT_EVENT,
				  "INSERT INTO events (" EVENT_COLUMNS ") "
				  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	char *data, b[YK_DATE_BUFSZ];
	int rc;

	if (!s)
		return db_error(st, err, _("无法保存事件"));
	data = payload_serialize(&ev->data);
	sqlite3_bind_text(s, 1, ev->uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->case_no, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, ev->seq);
	sqlite3_bind_text(s, 4, ev_kind_code(ev->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, date_format(ev->effective, b), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, ev->recorded, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, ev->operator_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, ev->origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, ev->prev_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, ev->hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(data);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法保存事件"));
}

void
db_case_row_make(const struct case_state *c, struct case_row *r)
{
	struct payload p = {0};
	char b[YK_DATE_BUFSZ];

	case_to_payload(c, &p);
	r->val[0] = xstrdup(c->case_no);
	r->val[1] = xstrdup(case_status_code(c->status));
	r->val[2] = xstrdup(c->region);
	r->val[3] = xstrdup(category_code(c->category));
	r->val[4] = xstrdup(date_format(c->applied, b));
	r->val[5] = c->closed_on != YK_DATE_NONE ? xstrdup(date_format(c->closed_on, b)) : NULL;
	r->val[6] = xstrdup(c->name);
	r->val[7] = xstrdup(c->phone);
	r->val[8] = xstrdup(c->address);
	r->val[9] = xasprintf("%d", c->filed);
	r->val[10] = xasprintf("%d", c->late_entries);
	r->val[11] = xasprintf("%d", c->nevents);
	r->val[12] = xstrdup(c->last_hash);
	r->val[13] = payload_serialize(&p);
	payload_free(&p);
}

void
db_case_row_free(struct case_row *r)
{
	for (int i = 0; i < NCASE_COLUMNS; i++)
		free(r->val[i]);
}

static int put_clock(struct yk_store *st, const struct case_state *c, yk_error *err);

int
store_put_case(struct yk_store *st, const struct case_state *c, yk_error *err)
{
	if (st->pg)
		return pg_put_case(st, c, err);
	sqlite3_stmt *s = db_stmt(st, DBS_PUT_CASE,
				  "INSERT OR REPLACE INTO cases (" CASE_COLUMNS ") "
				  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	struct case_row r;
	int rc;

	if (!s)
		return db_error(st, err, _("无法保存案件"));
	db_case_row_make(c, &r);
	for (int i = 0; i < NCASE_COLUMNS; i++)
		if (r.val[i])
			sqlite3_bind_text(s, i + 1, r.val[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	db_case_row_free(&r);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("无法保存案件"));
	return put_clock(st, c, err);
}

/* The case's row in the clocks table. Its key holds the open flag, so an
 * old row may sit under the other key: the unique index on case_no makes
 * REPLACE remove it, in the one statement. */
static int
put_clock(struct yk_store *st, const struct case_state *c, yk_error *err)
{
	sqlite3_stmt *s = db_stmt(st, DBS_CLOCK_INSERT,
				  "INSERT OR REPLACE INTO clocks (open, case_no, name, phone, address, "
				  "clock) VALUES (?, ?, ?, ?, ?, ?)");
	char *clock;
	int rc;

	if (!s)
		return db_error(st, err, _("无法保存案件"));
	clock = case_clock_encode(c);
	sqlite3_bind_int(s, 1, c->status == CASE_OPEN);
	sqlite3_bind_text(s, 2, c->case_no, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, c->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, clock, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(clock);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法保存案件"));
}

/* Does the clocks row of this case equal what its events give? */
static int
clock_row_differs(struct yk_store *st, const struct case_state *c, yk_error *err)
{
	sqlite3_stmt *s;
	char *clock;
	int rc, diff;

	if (sqlite3_prepare_v2(st->db, "SELECT open, name, phone, address, clock FROM clocks WHERE case_no = ?", -1,
			       &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法读取案件"));
	sqlite3_bind_text(s, 1, c->case_no, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? 1 : db_error(st, err, _("无法读取案件"));
	}
	clock = case_clock_encode(c);
	diff = sqlite3_column_int(s, 0) != (c->status == CASE_OPEN) ||
	       strcmp(db_col(s, 1), c->name) != 0 || strcmp(db_col(s, 2), c->phone) != 0 ||
	       strcmp(db_col(s, 3), c->address) != 0 || strcmp(db_col(s, 4), clock) != 0;
	free(clock);
	sqlite3_finalize(s);
	return diff;
}

/* Does the stored row of this case equal what its events give? -1 on a
 * read error, else the index+1 of the first differing column (one past the
 * columns for its clocks row), 0 if equal. */
static int
case_row_differs(struct yk_store *st, const struct case_state *c, yk_error *err)
{
	sqlite3_stmt *s;
	struct case_row r;
	int rc, diff = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT " CASE_COLUMNS " FROM cases WHERE case_no = ?", -1,
			       &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法读取案件"));
	sqlite3_bind_text(s, 1, c->case_no, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? 1 : db_error(st, err, _("无法读取案件"));
	}
	db_case_row_make(c, &r);
	for (int i = 0; i < NCASE_COLUMNS && !diff; i++) {
		const unsigned char *v = sqlite3_column_text(s, i);

		if ((v == NULL) != (r.val[i] == NULL) ||
		    (v && strcmp((const char *)v, r.val[i]) != 0))
			diff = i + 1;
	}
	db_case_row_free(&r);
	sqlite3_finalize(s);
	if (!diff) {
		int d = clock_row_differs(st, c, err);

		if (d < 0)
			return -1;
		if (d)
			diff = NCASE_COLUMNS + 1;
	}
	return diff;
}

static int
row_to_case(sqlite3_stmt *s, int icol, struct case_state *c, yk_error *err)
{
	return case_decode(db_col(s, icol), c, err);
}

int
store_get_case(struct yk_store *st, const char *case_no, struct case_state *c, yk_error *err)
{
	sqlite3_stmt *s;
	int rc, ret;

	if (st->pg)
		return pg_get_case(st, case_no, c, err);
	if (sqlite3_prepare_v2(st->db, "SELECT state FROM cases WHERE case_no = ?", -1, &s, NULL) !=
	    SQLITE_OK)
		return db_error(st, err, _("无法读取案件"));
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		ret = row_to_case(s, 0, c, err);
	else if (rc == SQLITE_DONE)
		ret = 1;
	else
		ret = db_error(st, err, _("无法读取案件"));
	sqlite3_finalize(s);
	return ret;
}

/* Rows of cases at one address (index cases_address), decoded; fn returns
 * 1 to stop, -1 on error. */
static int
cases_at(struct yk_store *st, const char *sql, const char *address, yk_date from, yk_date to,
	 int (*fn)(void *ctx, struct case_state *c, yk_error *err), void *ctx, yk_error *err)
{
	sqlite3_stmt *s;
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];
	int rc, ret = 0;

	if (st->pg)
		return pg_cases_at(st, sql, address, from, to, fn, ctx, err);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法读取同一地址的案件"));
	sqlite3_bind_text(s, 1, address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, date_format(from, b1), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, date_format(to, b2), -1, SQLITE_STATIC);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct case_state c;

		if (row_to_case(s, 0, &c, err) < 0) {
			ret = -1;
			break;
		}
		ret = fn(ctx, &c, err);
		case_state_free(&c);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(st, err, _("无法读取同一地址的案件"));
	sqlite3_finalize(s);
	return ret < 0 ? -1 : 0;
}

struct withdrawn_ctx {
	const char *id_no;
	struct case_state *out;
	int found;
};

static int
same_id(void *vctx, struct case_state *c, yk_error *err)
{
	struct withdrawn_ctx *x = vctx;

	(void)err;
	if (strcmp(c->id_no, x->id_no) != 0)
		return 0;
	*x->out = *c; /* moved: the caller frees */
	c->susp = NULL;
	c->nsusp = c->capsusp = 0;
	x->found = 1;
	return 1;
}

int
store_find_withdrawn(struct yk_store *st, const char *id_no, const char *address, yk_date from,
		     yk_date to, struct case_state *c, yk_error *err)
{
	struct withdrawn_ctx x = {.id_no = id_no, .out = c};

	if (cases_at(st,
		     "SELECT state FROM cases WHERE address = ?1 AND status = 'withdrawn' "
		     "AND closed_on >= ?2 AND closed_on <= ?3 ORDER BY closed_on DESC, case_no DESC",
		     address, from, to, same_id, &x, err) < 0)
		return -1;
	return x.found ? 0 : 1;
}

int
store_find_open(struct yk_store *st, const char *id_no, const char *address, struct case_state *c,
		yk_error *err)
{
	struct withdrawn_ctx x = {.id_no = id_no, .out = c};

	/* every application date: the index is on the address */
	if (cases_at(st,
		     "SELECT state FROM cases WHERE address = ?1 AND status = 'open' "
		     "AND applied >= ?2 AND applied <= ?3 ORDER BY case_no",
		     address, date_from_ymd(1900, 1, 1), date_from_ymd(2999, 12, 31), same_id, &x, err) < 0)
		return -1;
	return x.found ? 0 : 1;
}

struct reruns_ctx {
	const char *case_no;
	char **list;
	size_t n, cap;
};

static int
names_it(void *vctx, struct case_state *c, yk_error *err)
{
	struct reruns_ctx *x = vctx;

	(void)err;
	if (strcmp(c->rerun_of, x->case_no) == 0) {
		x->list = xgrow(x->list, &x->cap, x->n + 1, sizeof *x->list);
		x->list[x->n++] = xstrdup(c->case_no);
	}
	return 0;
}

int
store_reruns_of(struct yk_store *st, const struct case_state *c, char ***list, size_t *n,
		yk_error *err)
{
	struct reruns_ctx x = {.case_no = c->case_no};

	/* a re-run keeps the address and applies within 30 days of the
	 * withdrawal (or keeps the withdrawn case's application date) */
	if (cases_at(st, "SELECT state FROM cases WHERE address = ?1 AND applied >= ?2 AND applied <= ?3 "
			 "ORDER BY case_no",
		     c->address, c->applied,
		     (c->closed_on != YK_DATE_NONE ? c->closed_on : c->applied) + STORE_RERUN_DAYS,
		     names_it, &x, err) < 0) {
		store_list_free(x.list, x.n);
		return -1;
	}
	*list = x.list;
	*n = x.n;
	return 0;
}

int
store_each_case(struct yk_store *st, enum store_filter filter,
		int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{
	struct case_query q = {.open_only = filter == STORE_OPEN_ONLY};

	return store_query_cases(st, &q, fn, ctx, err);
}

/* Brief rows: case number, name, phone, address and the clock inputs, decoded into one
 * reused case_state (no 5 KB clear per case). */
static int
each_brief(struct yk_store *st, sqlite3_stmt *s,
	   int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{
	struct case_state c;
	int rc, stop = 0;

	case_state_init(&c);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(c.case_no, sizeof c.case_no, "%s", db_col(s, 0));
		snprintf(c.name, sizeof c.name, "%s", db_col(s, 1));
		snprintf(c.phone, sizeof c.phone, "%s", db_col(s, 2));
		snprintf(c.address, sizeof c.address, "%s", db_col(s, 3));
		if (case_clock_decode(db_col(s, 4), &c, err) < 0) {
			case_state_free(&c);
			return -1;
		}
		stop = fn(ctx, &c);
	}
	case_state_free(&c);
	if (!stop && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取案件"));
	return 0;
}

static int full_query(struct yk_store *st, const struct case_query *q, int scan,
		      int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err);

int
store_query_cases(struct yk_store *st, const struct case_query *q,
		  int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{
	if (st->pg)
		return pg_query_cases(st, q, 0, fn, ctx, err);
	sqlite3_stmt *s;
	int rc;

	if (q->brief) {
		/* the clocks table: only the open flag can narrow it */
		if (q->filed_only || (q->applied_from != YK_DATE_NONE && q->applied_from) ||
		    (q->applied_to != YK_DATE_NONE && q->applied_to) ||
		    (q->active_from != YK_DATE_NONE && q->active_from))
			return yk_error_set(err, _("简要案件查询只接受“只看办理中”这一个条件"));
		if (sqlite3_prepare_v2(st->db,
				       q->open_only ? "SELECT case_no, name, phone, address, clock FROM clocks "
						      "WHERE open = 1"
						    : "SELECT case_no, name, phone, address, clock FROM clocks "
						      "ORDER BY case_no",
				       -1, &s, NULL) != SQLITE_OK)
			return db_error(st, err, _("无法读取案件"));
		rc = each_brief(st, s, fn, ctx, err);
		sqlite3_finalize(s);
		return rc;
	}
	return full_query(st, q, 0, fn, ctx, err);
}

/* The full summaries of the selected cases: in case-number order through
 * the indexes, or (scan) straight through the table in storage order. */
static int
full_query(struct yk_store *st, const struct case_query *q, int scan,
	   int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{
	sqlite3_stmt *s;
	int rc = SQLITE_DONE, stop = 0, nargs = 0;
	char sql[512], b[3][YK_DATE_BUFSZ];
	const char *args[3];

	/* Only fixed SQL text is assembled here; every value is bound. */
	snprintf(sql, sizeof sql, "SELECT state FROM cases%s WHERE 1%s%s", scan ? " NOT INDEXED" : "",
		 q->open_only ? " AND status = 'open'" : "", q->filed_only ? " AND filed = 1" : "");
	if (q->applied_from != YK_DATE_NONE && q->applied_from != 0) {
		strcat(sql, " AND applied >= ?");
		args[nargs] = date_format(q->applied_from, b[nargs]);
		nargs++;
	}
	if (q->applied_to != YK_DATE_NONE && q->applied_to != 0) {
		strcat(sql, " AND applied <= ?");
		args[nargs] = date_format(q->applied_to, b[nargs]);
		nargs++;
	}
	if (q->active_from != YK_DATE_NONE && q->active_from != 0) {
		/* still open, or closed on/after the date */
		strcat(sql, " AND (closed_on IS NULL OR closed_on >= ?)");
		args[nargs] = date_format(q->active_from, b[nargs]);
		nargs++;
	}
	if (!scan)
		strcat(sql, " ORDER BY case_no");
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法读取案件"));
	for (int i = 0; i < nargs; i++)
		sqlite3_bind_text(s, i + 1, args[i], -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct case_state c;

		if (row_to_case(s, 0, &c, err) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
		stop = fn(ctx, &c);
		case_state_free(&c);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取案件"));
	return 0;
}

/* ---- import/report ------------------------------------------------------ */

/* store_query_cases' selection read in storage order, straight through the
 * table: a report aggregates, or sorts the few rows it keeps, and reads
 * most of the table anyway; walking the case-number or application-date
 * index over it costs a random read per case — about six times slower at a
 * million cases (docs/reports.md). */
int
store_scan_cases(struct yk_store *st, const struct case_query *q,
		 int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{
	if (st->pg)
		return pg_query_cases(st, q, 1, fn, ctx, err);
	if (q->brief)
		return store_query_cases(st, q, fn, ctx, err);
	return full_query(st, q, 1, fn, ctx, err);
}

int
store_seq_at_least(struct yk_store *st, const char *key, long seq, yk_error *err)
{
	if (st->pg)
		return pg_seq_at_least(st, key, seq, err);
	sqlite3_stmt *s = db_stmt(st, DBS_SEQ_AT_LEAST,
				  "INSERT INTO counters (key, value) VALUES (?, ?) "
				  "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
	int rc;

	if (!s)
		return db_error(st, err, _("无法给案件编号"));
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, seq);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法给案件编号"));
}

int
store_mint_case_no(struct yk_store *st, const char *prefix, int year, char case_no[CASE_NO_BUFSZ],
		   yk_error *err)
{
	char key[CASE_NO_BUFSZ];
	long seq;
	int taken;

	if (!st->pg && !st->training && !st->office_chosen) {
		/* a database that numbered cases before settings existed keeps
		 * its code (docs/store.md); a new one must be given its own */
		taken = db_exists(st, "SELECT 1 FROM events LIMIT ?", "1", err);
		if (taken < 0)
			return -1;
		if (!taken)
			return yk_error_setk(err, YK_ERR_CONFLICT,
					     _("本库还没有办事处代码，不能编号：先运行 yekuo config set office 代码"
					       "（各台电脑各不相同），或启动 yekuo 在设置界面填写"));
	}
	case_number(prefix, year, st->office, 0, key);
	/* key = the number without its sequence: one counter per prefix/year/office */
	key[strlen(key) - 6] = '\0';
	/* skip numbers already taken (a case brought in from elsewhere under
	 * this office's code): a number is never reused */
	do {
		if (store_next_seq(st, key, &seq, err) < 0)
			return -1;
		case_number(prefix, year, st->office, seq, case_no);
		taken = store_case_exists(st, case_no, err);
		if (taken < 0)
			return -1;
	} while (taken);
	return 0;
}

int
store_number_seen(struct yk_store *st, const char *case_no, yk_error *err)
{
	const char *dash = strrchr(case_no, '-'), *office = st->office;
	size_t klen, olen = strlen(office);
	long seq = 0;
	char key[CASE_NO_BUFSZ];

	if (!dash || !dash[1] || strlen(dash + 1) > 9)
		return 0;
	for (const char *p = dash + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		seq = seq * 10 + (*p - '0');
	}
	klen = (size_t)(dash - case_no);
	if (klen <= olen + 1 || case_no[klen - olen - 1] != '-' ||
	    strncmp(case_no + klen - olen, office, olen) != 0)
		return 0;
	snprintf(key, sizeof key, "%.*s", (int)klen, case_no);
	return store_seq_at_least(st, key, seq, err);
}

/* ---- verify ----------------------------------------------------------- */

void
db_problem(void (*fn)(void *, const char *), void *ctx, long *count, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	(*count)++;
	fn(ctx, msg);
}

long
db_verify_chain(const struct yk_event *evs, size_t n, void (*fn)(void *, const char *), void *ctx)
{
	long count = 0;
	const char *prev = "";

	for (size_t i = 0; i < n; i++) {
		char h[HASH_BUFSZ];
		const struct yk_event *ev = &evs[i];

		if (ev->seq != (long)i + 1) {
			db_problem(fn, ctx, &count, _("%s: 缺少事件 #%ld，它应在 %s 之前（被删除或调换了次序）"),
				ev->case_no, (long)i + 1, ev->uuid);
			return count;
		}
		if (strcmp(ev->prev_hash, prev) != 0)
			db_problem(fn, ctx, &count, _("%s: 事件 #%ld（%s）没有接在前一事件之后（事件链断了：有事件被删除、插入或调换了次序）"),
				ev->case_no, ev->seq, ev->uuid);
		event_hash(ev, h);
		if (strcmp(h, ev->hash) != 0)
			db_problem(fn, ctx, &count, _("%s: 事件 #%ld（%s）记录之后被改动过"),
				ev->case_no, ev->seq, ev->uuid);
		prev = ev->hash;
	}
	return count;
}

/* One case: its chain, then its cached state against a replay; the
 * number of problems (each to fn). */
long
db_verify_case(struct yk_store *st, const char *case_no, const struct yk_rules *rules,
	       void (*fn)(void *ctx, const char *problem), void *ctx)
{
	struct yk_event *evs;
	size_t n;
	struct case_state derived;
	yk_error e;
	long count = 0;

	if (store_case_events(st, case_no, &evs, &n, &e) < 0) {
		db_problem(fn, ctx, &count, "%s", e.msg);
		return count;
	}
	if (n == 0) {
		db_problem(fn, ctx, &count, _("%s: 列为案件，却没有事件（被删除了）"), case_no);
		return count;
	}
	count += db_verify_chain(evs, n, fn, ctx);
	if (case_derive(evs, n, rules, &derived, &e) < 0) {
		db_problem(fn, ctx, &count, _("%s: 事件重放不了：%s"), case_no, e.msg);
	} else {
		int d = st->pg ? pg_case_row_differs(st, &derived, &e) : case_row_differs(st, &derived, &e);

		if (d < 0)
			db_problem(fn, ctx, &count, "%s", e.msg);
		else if (d == 1)
			db_problem(fn, ctx, &count, _("%s: 有事件，却没有案件摘要"), case_no);
		else if (d > 1)
			db_problem(fn, ctx, &count, _("%s: 案件摘要与其事件不符（在程序之外被改过）"), case_no);
		case_state_free(&derived);
	}
	events_free(evs, n);
	return count;
}

long
store_verify(struct yk_store *st, const struct yk_rules *rules,
	     void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err)
{
	if (st->pg)
		return pg_verify(st, rules, fn, ctx, err);
	sqlite3_stmt *s, *cs;
	long count = 0;
	int rc;

	/* The file itself. */
	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法检查数据库"));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (strcmp(db_col(s, 0), "ok") != 0)
			db_problem(fn, ctx, &count, "integrity_check: %s", db_col(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("无法检查数据库"));
	/* The guards that keep the log append-only. */
	if (sqlite3_prepare_v2(st->db,
			       "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
			       "('events_no_update', 'events_no_delete')",
			       -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法检查数据库"));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) != 2)
		db_problem(fn, ctx, &count, _("事件记录的只增保护被去掉了"));
	sqlite3_finalize(s);

	/* Every case's chain, then its cached state against a replay. */
	if (sqlite3_prepare_v2(st->db,
			       "SELECT DISTINCT case_no FROM events UNION SELECT case_no FROM cases "
			       "ORDER BY 1",
			       -1, &cs, NULL) != SQLITE_OK)
		return db_error(st, err, _("无法检查数据库"));
	while ((rc = sqlite3_step(cs)) == SQLITE_ROW)
		count += db_verify_case(st, db_col(cs, 0), rules, fn, ctx);
	sqlite3_finalize(cs);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("无法检查数据库"));
	return count;
}

