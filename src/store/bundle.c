#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yekuo/core/xalloc.h"
#include "yekuo/store/outfile.h"
#include "store/db.h"

/* ---- sync: bundle files ---- */

struct yk_bundle {
	sqlite3 *db;
	char *path;		/* its name */
	struct tmpname tmp;	/* while being written: the temporary file beside it */
	sqlite3_stmt *ins;
};

static const char *const bundle_schema =
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
	"  UNIQUE (case_no, seq));";

static int
bundle_error(struct yk_bundle *b, yk_error *err, const char *what)
{
	return yk_error_set(err, "%s: %s: %s", b->path, what, sqlite3_errmsg(b->db));
}

static int
bundle_exec(struct yk_bundle *b, const char *sql, yk_error *err)
{
	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return bundle_error(b, err, "cannot write the bundle");
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
		return yk_error_set(err, "%s: not a regular file", path);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return yk_error_setk(err, yk_errno_kind(errno), "%s: cannot open: %s", path, strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, "%s: not a sync bundle (%s)", path,
				    sb.st_size == 0 ? "the file is empty" : "not an SQLite file");
	appid = (unsigned long)head[68] << 24 | (unsigned long)head[69] << 16 |
		(unsigned long)head[70] << 8 | head[71];
	if (appid == BUNDLE_APPLICATION_ID)
		return 1;
	*is_db = appid == APPLICATION_ID;
	return yk_error_setk(err, YK_ERR_DAMAGED, "%s: not a sync bundle (%s)", path,
			    *is_db ? "it is a yekuo database" : "an SQLite file of another program");
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
		return yk_error_prefix(err, "refusing to overwrite: ");
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
		yk_error_setk(err, YK_ERR_SYSTEM, "%s: cannot write: %s", path, b->db ? sqlite3_errmsg(b->db) : "");
		store_bundle_close(b);
		return -1;
	}
	/* No journal file beside it: the rename is what makes it appear whole. */
	snprintf(buf, sizeof buf, "PRAGMA application_id = %d", BUNDLE_APPLICATION_ID);
	if (bundle_exec(b, "PRAGMA journal_mode = MEMORY", err) < 0 || bundle_exec(b, buf, err) < 0)
		goto fail;
	snprintf(buf, sizeof buf, "PRAGMA user_version = %d", BUNDLE_FORMAT);
	if (bundle_exec(b, buf, err) < 0 || bundle_exec(b, "BEGIN", err) < 0 ||
	    bundle_exec(b, bundle_schema, err) < 0)
		goto fail;
	if (sqlite3_prepare_v2(b->db,
			       "INSERT INTO events (" EVENT_COLUMNS ", source, office, vc, orig_seq, "
			       "orig_prev, orig_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			       "?, ?, ?)",
			       -1, &b->ins, NULL) != SQLITE_OK) {
		bundle_error(b, err, "cannot write the bundle");
		goto fail;
	}
	*out = b;
	return 0;
fail:
	store_bundle_close(b);
	return -1;
}

int
store_bundle_add(struct yk_bundle *b, const struct yk_event *ev, const struct sync_meta *m,
		 yk_error *err)
{
	sqlite3_stmt *s = b->ins;
	char *data = payload_serialize(&ev->data), d[YK_DATE_BUFSZ];
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, ev->uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->case_no, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, ev->seq);
	sqlite3_bind_text(s, 4, ev_kind_code(ev->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, date_format(ev->effective, d), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, ev->recorded, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, ev->operator_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, ev->origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, ev->prev_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, ev->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, m ? m->source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, m ? m->office : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 14, m && m->vc ? m->vc : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 15, m ? m->orig_seq : 0);
	sqlite3_bind_text(s, 16, m ? m->orig_prev : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 17, m ? m->orig_hash : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_clear_bindings(s);
	sqlite3_reset(s);
	free(data);
	return rc == SQLITE_DONE ? 0 : bundle_error(b, err, "cannot write the bundle");
}

int
store_bundle_set(struct yk_bundle *b, const char *key, const char *val, yk_error *err)
{
	if (db_kv_put(b->db, "INSERT OR REPLACE INTO bundle (key, value) VALUES (?, ?)", key, val) !=
	    SQLITE_DONE)
		return bundle_error(b, err, "cannot write the bundle");
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
		yk_error_setk(err, YK_ERR_SYSTEM, "%s: cannot finish writing the bundle", b->path);
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

int
store_bundle_open(const char *path, struct yk_bundle **out, yk_error *err)
{
	struct yk_bundle *b;
	struct stat sb;
	long long format = 0, pages = 0, pagesz = 0;
	sqlite3_stmt *s;
	int rc, is_db;

	*out = NULL;
	rc = bundle_probe(path, &is_db, err);
	if (rc == 0)
		return yk_error_setk(err, YK_ERR_NOT_FOUND, "%s: no such file", path);
	if (rc < 0)
		return -1;
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	if (sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: cannot open the bundle: %s", path,
			     b->db ? sqlite3_errmsg(b->db) : "");
		store_bundle_close(b);
		return -1;
	}
	if (bundle_pragma(b, "PRAGMA user_version", &format) < 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is damaged or truncated (%s)", path,
			     sqlite3_errmsg(b->db));
		goto fail;
	}
	if (format > BUNDLE_FORMAT) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: made by a newer yekuo (bundle format %lld; this program reads "
				  "up to %d) — update yekuo here first", path, format, BUNDLE_FORMAT);
		goto fail;
	}
	/* A copy cut short: SQLite's header says how long the file must be. */
	if (bundle_pragma(b, "PRAGMA page_count", &pages) < 0 ||
	    bundle_pragma(b, "PRAGMA page_size", &pagesz) < 0 || stat(path, &sb) < 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is damaged or truncated (%s)", path,
			     sqlite3_errmsg(b->db));
		goto fail;
	}
	if ((long long)sb.st_size < pages * pagesz) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is truncated: %lld of its %lld bytes are there "
				  "(copy it again)", path, (long long)sb.st_size, pages * pagesz);
		goto fail;
	}
	if (sqlite3_prepare_v2(b->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is damaged or truncated (%s)", path,
			     sqlite3_errmsg(b->db));
		goto fail;
	}
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW || strcmp(db_col(s, 0), "ok") != 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is damaged or truncated (%s)", path,
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
store_bundle_get(struct yk_bundle *b, const char *key, char *out, size_t outsz, yk_error *err)
{
	if (db_kv_get(b->db, "SELECT value FROM bundle WHERE key = ?", key, out, outsz) != SQLITE_DONE)
		return yk_error_setk(err, YK_ERR_DAMAGED, "%s: not a sync bundle, or damaged (%s)", b->path,
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
		return yk_error_setk(err, YK_ERR_DAMAGED, "%s: not a sync bundle, or damaged (%s)", b->path,
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
		return yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is damaged (%s)", b->path, sqlite3_errmsg(b->db));
	}
	return 0;
}

int
store_bundle_events(struct yk_bundle *b, struct sync_item **items, size_t *n, yk_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(b->db,
			       "SELECT " EVENT_COLUMNS ", source, office, vc, orig_seq, orig_prev, "
			       "orig_hash FROM events ORDER BY case_no, seq",
			       -1, &s, NULL) != SQLITE_OK)
		return yk_error_setk(err, YK_ERR_DAMAGED, "%s: not a sync bundle, or damaged (%s)", b->path,
				    sqlite3_errmsg(b->db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_item *it;

		*items = xgrow(*items, &cap, *n + 1, sizeof **items);
		it = &(*items)[(*n)++];
		memset(it, 0, sizeof *it);
		if (db_row_to_event(s, &it->ev, err) < 0) {
			sqlite3_finalize(s);
			sync_items_free(*items, *n);
			*items = NULL;
			*n = 0;
			return yk_error_prefix(err, "%s: ", b->path);
		}
		snprintf(it->m.uuid, sizeof it->m.uuid, "%s", it->ev.uuid);
		snprintf(it->m.case_no, sizeof it->m.case_no, "%s", it->ev.case_no);
		snprintf(it->m.source, sizeof it->m.source, "%s", db_col(s, 11));
		snprintf(it->m.office, sizeof it->m.office, "%s", db_col(s, 12));
		it->m.vc = xstrdup(db_col(s, 13));
		it->m.orig_seq = (long)sqlite3_column_int64(s, 14);
		snprintf(it->m.orig_prev, sizeof it->m.orig_prev, "%s", db_col(s, 15));
		snprintf(it->m.orig_hash, sizeof it->m.orig_hash, "%s", db_col(s, 16));
		it->synthetic = strcmp(it->ev.origin, "sync") == 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		sync_items_free(*items, *n);
		*items = NULL;
		*n = 0;
		return yk_error_setk(err, YK_ERR_DAMAGED, "%s: the bundle is damaged or truncated (%s)", b->path,
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
	tmpname_abort(&b->tmp);
	free(b->path);
	free(b);
}
