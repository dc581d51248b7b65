#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/outfile.h"
#include "store/db.h"

/* ---- sync: bundle files ---- */

struct yk_bundle {
	sqlite3 *db;
	char *path;		/* its name */
	struct tmpname tmp;	/* while being written: the temporary file beside it */
	sqlite3_stmt *ins;
	int format;		/* read: its format (1 or 2) */
	time_t deadline;	/* read: give up on it after this */
	int limited;		/* read: the heap limit below is in force */
	sqlite3_int64 heap_before;
};

/* Format 2: the events keyed by (case, seq) in a WITHOUT ROWID table, so a
 * bundle is written and read in one ordered pass with no index beside it.
 * Format 1 (no key of its own) is still read. */
static const char *const bundle_schema[BUNDLE_FORMAT + 1] = {
	NULL,
	"CREATE TABLE bundle ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  case_no TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  effective TEXT NOT NULL,"
	"  recorded TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  origin TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  office TEXT NOT NULL,"
	"  vc TEXT NOT NULL,"
	"  orig_seq INTEGER NOT NULL,"
	"  orig_prev TEXT NOT NULL,"
	"  orig_hash TEXT NOT NULL,"
	"  UNIQUE (case_no, seq));",
	"CREATE TABLE bundle ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE events ("
	"  case_no TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  uuid TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  effective TEXT NOT NULL,"
	"  recorded TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  origin TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  office TEXT NOT NULL,"
	"  vc TEXT NOT NULL,"
	"  orig_seq INTEGER NOT NULL,"
	"  orig_prev TEXT NOT NULL,"
	"  orig_hash TEXT NOT NULL,"
	"  PRIMARY KEY (case_no, seq)) WITHOUT ROWID;",
};

/* The columns of a row, in sync_row order. */
#define ROW_COLUMNS "uuid, case_no, seq, kind, effective, recorded, operator, origin, data, " \
		    "prev_hash, hash, source, office, vc, orig_seq, orig_prev, orig_hash"

static int
bundle_error(struct yk_bundle *b, yk_error *err, const char *what)
{
	return yk_error_set(err, "%s: %s: %s", b->path, what, sqlite3_errmsg(b->db));
}

static int
bundle_exec(struct yk_bundle *b, const char *sql, yk_error *err)
{
	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return bundle_error(b, err, _("无法写入同步包"));
	return 0;
}

/* The first 100 bytes of an SQLite file: magic, then (offset 68) the
 * big-endian application id. 1 a bundle, 0 missing, -1 anything else. */
static int
bundle_probe(const char *path, int *is_db, yk_error *err)
{
	struct stat sb;
	unsigned char head[100];
	int fd;
	ssize_t n;
	unsigned long appid;

	*is_db = 0;
	if (stat(path, &sb) < 0) {
		if (errno == ENOENT)
			return 0;
		return yk_error_setk(err, yk_errno_kind(errno), "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return yk_error_set(err, _("%s: 不是普通文件"), path);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法打开：%s"), path, strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包（%s）"), path,
				    sb.st_size == 0 ? _("文件是空的") : _("不是 SQLite 文件"));
	appid = (unsigned long)head[68] << 24 | (unsigned long)head[69] << 16 |
		(unsigned long)head[70] << 8 | head[71];
	if (appid == BUNDLE_APPLICATION_ID)
		return 1;
	*is_db = appid == APPLICATION_ID;
	return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包（%s）"), path,
			    *is_db ? _("这是 yekuo 的数据库") : _("是别的程序的 SQLite 文件"));
}

int
store_bundle_create(const char *path, const struct out_guard *g, struct yk_bundle **out,
		    yk_error *err)
{
	struct yk_bundle *b;
	int fd, is_db, rc;
	char buf[64];

	*out = NULL;
	if (out_guard_check(path, g, err) < 0)
		return -1;
	rc = bundle_probe(path, &is_db, err);
	if (rc < 0) {
		/* what is there stands in the way; it is not itself at fault */
		if (err && err->kind == YK_ERR_DAMAGED)
			err->kind = YK_ERR_CONFLICT;
		return yk_error_prefix(err, _("拒绝覆盖："));
	}
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	/* created 0600: bundles carry personal information */
	fd = tmpname_create(&b->tmp, path, g ? g->force : 1, err);
	if (fd < 0) {
		store_bundle_close(b);
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(b->tmp.tmp, &b->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		yk_error_setk(err, YK_ERR_SYSTEM, _("%s: 无法写入：%s"), path, b->db ? sqlite3_errmsg(b->db) : "");
		store_bundle_close(b);
		return -1;
	}
	/* No journal file beside it: the rename is what makes it appear whole. */
	snprintf(buf, sizeof buf, "PRAGMA application_id = %d", BUNDLE_APPLICATION_ID);
	if (bundle_exec(b, "PRAGMA journal_mode = MEMORY", err) < 0 || bundle_exec(b, buf, err) < 0)
		goto fail;
	snprintf(buf, sizeof buf, "PRAGMA user_version = %d", BUNDLE_FORMAT);
	if (bundle_exec(b, buf, err) < 0 || bundle_exec(b, "BEGIN", err) < 0 ||
	    bundle_exec(b, bundle_schema[BUNDLE_FORMAT], err) < 0)
		goto fail;
	if (sqlite3_prepare_v2(b->db,
			       "INSERT INTO events (" ROW_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
			       "?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &b->ins, NULL) != SQLITE_OK) {
		bundle_error(b, err, _("无法写入同步包"));
		goto fail;
	}
	*out = b;
	return 0;
fail:
	store_bundle_close(b);
	return -1;
}

int
store_bundle_add_row(struct yk_bundle *b, const struct sync_row *r, yk_error *err)
{
	sqlite3_stmt *s = b->ins;
	int rc;

	for (int i = 0; i < SYNC_ROW_COLS; i++) {
		if (i == SR_SEQ || i == SR_ORIG_SEQ)
			sqlite3_bind_int64(s, i + 1, strtoll(r->col[i], NULL, 10));
		else
			sqlite3_bind_text(s, i + 1, r->col[i], (int)r->len[i], SQLITE_STATIC);
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : bundle_error(b, err, _("无法写入同步包"));
}

int
store_bundle_set(struct yk_bundle *b, const char *key, const char *val, yk_error *err)
{
	if (db_kv_put(b->db, "INSERT OR REPLACE INTO bundle (key, value) VALUES (?, ?)", key, val) !=
	    SQLITE_DONE)
		return bundle_error(b, err, _("无法写入同步包"));
	return 0;
}

int
store_bundle_commit(struct yk_bundle *b, yk_error *err)
{
	int rc;

	sqlite3_finalize(b->ins);
	b->ins = NULL;
	if (bundle_exec(b, "COMMIT", err) < 0) {
		store_bundle_close(b);
		return -1;
	}
	rc = sqlite3_close(b->db);
	b->db = NULL;
	if (rc != SQLITE_OK) {
		yk_error_setk(err, YK_ERR_SYSTEM, _("%s: 无法写完同步包"), b->path);
		store_bundle_close(b);
		return -1;
	}
	rc = tmpname_commit(&b->tmp, err);
	store_bundle_close(b);
	return rc;
}

static int
bundle_pragma(struct yk_bundle *b, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(b->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Reading a bundle: SQLite's work on it stops at the deadline. */
static int
bundle_progress(void *ctx)
{
	return time(NULL) > ((struct yk_bundle *)ctx)->deadline;
}

/* The limits a bundle is read under: it is data, never code. No views, no
 * triggers, no functions from its schema, no attached files; nothing
 * longer than a bundle ever needs; SQLite's memory capped while it is
 * open; and a deadline, longer for a larger file. */
#define BUNDLE_HEAP_LIMIT (48LL << 20)
#define BUNDLE_TIME_BASE 60		/* seconds, and … */
#define BUNDLE_TIME_PER_MB 2		/* … per MB of file */
#define BUNDLE_MAX_VALUE (1 << 20)	/* no field of an event comes near 1 MB */

static void
bundle_harden(struct yk_bundle *b, off_t size)
{
	static const struct {
		int id, val;
	} limits[] = {
		{SQLITE_LIMIT_LENGTH, BUNDLE_MAX_VALUE},   {SQLITE_LIMIT_SQL_LENGTH, 10000},
		{SQLITE_LIMIT_COLUMN, 64},		    {SQLITE_LIMIT_EXPR_DEPTH, 50},
		{SQLITE_LIMIT_COMPOUND_SELECT, 2},	    {SQLITE_LIMIT_VDBE_OP, 5000},
		{SQLITE_LIMIT_FUNCTION_ARG, 4},		    {SQLITE_LIMIT_ATTACHED, 0},
		{SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64},    {SQLITE_LIMIT_VARIABLE_NUMBER, 32},
		{SQLITE_LIMIT_TRIGGER_DEPTH, 1},	    {SQLITE_LIMIT_WORKER_THREADS, 0},
	};

	sqlite3_db_config(b->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
		sqlite3_limit(b->db, limits[i].id, limits[i].val);
	b->deadline = time(NULL) + BUNDLE_TIME_BASE + BUNDLE_TIME_PER_MB * (size / (1 << 20));
	sqlite3_progress_handler(b->db, 1000, bundle_progress, b);
	b->heap_before = sqlite3_hard_heap_limit64(-1);
	sqlite3_hard_heap_limit64(BUNDLE_HEAP_LIMIT);
	b->limited = 1;
}

/* Its schema, exactly: what SQLite keeps of the expected one (made in
 * memory, so that SQLite's own spelling is compared). Anything else — a
 * view, a trigger, another table or index, another column — is refused. */
static int
schema_of(sqlite3 *db, char **out)
{
	sqlite3_stmt *s;
	size_t len = 0;
	int rc;

	*out = xstrdup("");
	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
				   "ORDER BY name", -1, &s, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *line = xasprintf("%s|%s|%s|%s\n", db_col(s, 0), db_col(s, 1), db_col(s, 2),
				       db_col(s, 3));

		*out = xrealloc(*out, len + strlen(line) + 1);
		memcpy(*out + len, line, strlen(line) + 1);
		len += strlen(line);
		free(line);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
schema_matches(struct yk_bundle *b, int format)
{
	sqlite3 *mem;
	char *want = NULL, *got = NULL;
	int same;

	if (format < 1 || format > BUNDLE_FORMAT)
		return 0;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(mem);
		return 0;
	}
	same = sqlite3_exec(mem, bundle_schema[format], NULL, NULL, NULL) == SQLITE_OK &&
	       schema_of(mem, &want) == 0 && schema_of(b->db, &got) == 0 && strcmp(want, got) == 0;
	sqlite3_close(mem);
	free(want);
	free(got);
	return same;
}

/* A file: URI naming path exactly (SQLite reads %HH escapes in it). */
static char *
file_uri(const char *path)
{
	char *u = xmalloc(strlen(path) * 3 + 64), *p = u;

	p += sprintf(p, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		if (*c == '%' || *c == '?' || *c == '#' || *c < 0x20)
			p += sprintf(p, "%%%02X", *c);
		else
			*p++ = (char)*c;
	strcpy(p, "?mode=ro&immutable=1");
	return u;
}

int
store_bundle_open(const char *path, struct yk_bundle **out, yk_error *err)
{
	struct yk_bundle *b;
	struct stat sb;
	long long format = 0, pages = 0, pagesz = 0;
	unsigned char head[20];
	sqlite3_stmt *s;
	char *uri;
	int rc, is_db, fd;

	*out = NULL;
	rc = bundle_probe(path, &is_db, err);
	if (rc == 0)
		return yk_error_setk(err, YK_ERR_NOT_FOUND, _("%s: 没有这个文件"), path);
	if (rc < 0)
		return -1;
	/* Bytes 18 and 19: 1 for a rollback journal, as a bundle is written; a
	 * file in WAL mode would want a file beside it. */
	fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, head, sizeof head) != (ssize_t)sizeof head || fstat(fd, &sb) < 0 ||
	    head[18] != 1 || head[19] != 1) {
		if (fd >= 0)
			close(fd);
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包（不是 yekuo 写出的格式）"), path);
	}
	close(fd);
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	/* Read-only and immutable: no lock, no journal, nothing written. */
	uri = file_uri(path);
	rc = sqlite3_open_v2(uri, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
			     NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 无法打开同步包：%s"), path,
			     b->db ? sqlite3_errmsg(b->db) : "");
		store_bundle_close(b);
		return -1;
	}
	bundle_harden(b, sb.st_size);
	if (bundle_pragma(b, "PRAGMA user_version", &format) < 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（%s）"), path,
			     sqlite3_errmsg(b->db));
		goto fail;
	}
	if (format > BUNDLE_FORMAT) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 由更新版本的 yekuo 写出（同步包格式 %lld；本程序最多读到 %d）——请先在这里升级 yekuo"), path, format, BUNDLE_FORMAT);
		goto fail;
	}
	b->format = (int)format;
	/* A copy cut short: SQLite's header says how long the file must be. */
	if (bundle_pragma(b, "PRAGMA page_count", &pages) < 0 ||
	    bundle_pragma(b, "PRAGMA page_size", &pagesz) < 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（%s）"), path,
			     sqlite3_errmsg(b->db));
		goto fail;
	}
	if ((long long)sb.st_size < pages * pagesz) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包不完整：只有 %lld 字节，应有 %lld 字节（请重新复制）"), path, (long long)sb.st_size, pages * pagesz);
		goto fail;
	}
	if (!schema_matches(b, b->format)) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包：其中的表不是同步包的表（有视图、触发器或不属于同步包的表或列）——未读取，已拒绝"), path);
		goto fail;
	}
	if (sqlite3_prepare_v2(b->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（%s）"), path,
			     sqlite3_errmsg(b->db));
		goto fail;
	}
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW || strcmp(db_col(s, 0), "ok") != 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（%s）"), path,
			     rc == SQLITE_ROW ? db_col(s, 0) : sqlite3_errmsg(b->db));
		sqlite3_finalize(s);
		goto fail;
	}
	sqlite3_finalize(s);
	*out = b;
	return 0;
fail:
	store_bundle_close(b);
	return -1;
}

int
store_bundle_format(const struct yk_bundle *b)
{
	return b->format;
}

int
store_bundle_get(struct yk_bundle *b, const char *key, char *out, size_t outsz, yk_error *err)
{
	if (db_kv_get(b->db, "SELECT value FROM bundle WHERE key = ?", key, out, outsz) != SQLITE_DONE)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包，或已损坏（%s）"), b->path,
				    sqlite3_errmsg(b->db));
	return 0;
}

int
store_bundle_header_text(struct yk_bundle *b, const char *except, char **out, yk_error *err)
{
	sqlite3_stmt *s;
	size_t len = 0, cap = 256;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT key, value FROM bundle WHERE key != ? ORDER BY key", -1,
			       &s, NULL) != SQLITE_OK)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包，或已损坏（%s）"), b->path,
				    sqlite3_errmsg(b->db));
	sqlite3_bind_text(s, 1, except, -1, SQLITE_STATIC);
	*out = xmalloc(cap);
	(*out)[0] = '\0';
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *line = xasprintf("%s=%s\n", db_col(s, 0), db_col(s, 1));
		size_t l = strlen(line);

		if (len + l + 1 > cap) {
			cap = 2 * (len + l + 1);
			*out = xrealloc(*out, cap);
		}
		memcpy(*out + len, line, l + 1);
		len += l;
		free(line);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏（%s）"), b->path, sqlite3_errmsg(b->db));
	}
	return 0;
}

/* A case of more events than this is not a case but an attack on the
 * importing machine's memory (a case has tens). */
#define BUNDLE_CASE_MAX 10000

static void
row_of(sqlite3_stmt *s, struct sync_row *r)
{
	for (int i = 0; i < SYNC_ROW_COLS; i++) {
		r->col[i] = db_col(s, i);
		r->len[i] = (size_t)sqlite3_column_bytes(s, i);
	}
}

int
store_bundle_each(struct yk_bundle *b, int (*row_fn)(void *ctx, const struct sync_row *r),
		  int (*case_fn)(void *ctx, struct sync_item *items, size_t n), void *ctx,
		  yk_error *err)
{
	sqlite3_stmt *s;
	struct sync_item *items = NULL;
	size_t n = 0, cap = 0;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(b->db, "SELECT " ROW_COLUMNS " FROM events ORDER BY case_no, seq", -1, &s,
			       NULL) != SQLITE_OK)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包，或已损坏（%s）"), b->path,
				    sqlite3_errmsg(b->db));
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_row r;
		struct sync_item *it;

		row_of(s, &r);
		if (n && strcmp(items[0].ev.case_no, r.col[SR_CASE_NO]) != 0) {
			stop = case_fn(ctx, items, n);
			sync_items_free(items, n);
			items = NULL;
			n = cap = 0;
			if (stop)
				break;
		}
		if ((stop = row_fn(ctx, &r)) != 0)
			break;
		if (n == BUNDLE_CASE_MAX) {
			stop = yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 案件 %s 的事件超过 %d 条（数据库里不会有这样的案件）"),
					     b->path, r.col[SR_CASE_NO], BUNDLE_CASE_MAX);
			break;
		}
		items = xgrow(items, &cap, n + 1, sizeof *items);
		it = &items[n++];
		memset(it, 0, sizeof *it);
		if (db_row_to_event(s, &it->ev, err) < 0) {
			stop = yk_error_prefix(err, "%s: ", b->path);
			break;
		}
		snprintf(it->m.uuid, sizeof it->m.uuid, "%s", it->ev.uuid);
		snprintf(it->m.case_no, sizeof it->m.case_no, "%s", it->ev.case_no);
		snprintf(it->m.source, sizeof it->m.source, "%s", r.col[SR_SOURCE]);
		snprintf(it->m.office, sizeof it->m.office, "%s", r.col[SR_OFFICE]);
		it->m.vc = xstrdup(r.col[SR_VC]);
		it->m.orig_seq = (long)sqlite3_column_int64(s, SR_ORIG_SEQ);
		snprintf(it->m.orig_prev, sizeof it->m.orig_prev, "%s", r.col[SR_ORIG_PREV]);
		snprintf(it->m.orig_hash, sizeof it->m.orig_hash, "%s", r.col[SR_ORIG_HASH]);
		it->synthetic = strcmp(it->ev.origin, "sync") == 0;
	}
	if (!stop && rc != SQLITE_DONE)
		stop = yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（%s）"),
				     b->path, rc == SQLITE_INTERRUPT ? _("读取时间过长")
								    : sqlite3_errmsg(b->db));
	sqlite3_finalize(s);
	if (!stop && n)
		stop = case_fn(ctx, items, n);
	sync_items_free(items, n);
	return stop ? -1 : 0;
}

int
store_bundle_renumbered(struct yk_bundle *b, char (**out)[UUID_BUFSZ], size_t *n, yk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db, "SELECT uuid FROM events WHERE kind = 'open' AND "
				      "instr(data, 'renumbered-from=') > 0", -1, &s, NULL) != SQLITE_OK)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包，或已损坏（%s）"), b->path,
				    sqlite3_errmsg(b->db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		snprintf((*out)[(*n)++], UUID_BUFSZ, "%s", db_col(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏（%s）"), b->path,
				     sqlite3_errmsg(b->db));
	}
	return 0;
}

void
store_bundle_close(struct yk_bundle *b)
{
	if (!b)
		return;
	if (b->ins)
		sqlite3_finalize(b->ins);
	if (b->db)
		sqlite3_close(b->db);
	if (b->limited)
		sqlite3_hard_heap_limit64(b->heap_before);
	tmpname_abort(&b->tmp);
	free(b->path);
	free(b);
}
