#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "yekuo/core/clock.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/report.h"
#include "yekuo/core/sha256.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/seals.h"
#include "store/db.h"

void
seal_record_free(struct seal_record *r)
{
	free(r->statement);
	r->statement = NULL;
}

/* ---- identity and keys ---------------------------------------------------- */

static int
meta_identity(struct yk_store *st, char **text, char sig[KEYS_SIG_HEX], yk_error *err)
{
	char buf[2048];

	*text = NULL;
	if (db_meta_get(st, "identity", buf, sizeof buf, err) < 0 ||
	    db_meta_get(st, "identity-signature", sig, KEYS_SIG_HEX, err) < 0)
		return -1;
	if (buf[0])
		*text = xstrdup(buf);
	return 0;
}

static int
count_seals(struct yk_store *st, long *n, yk_error *err)
{
	struct dbq *s;
	int rc;

	*n = 0;
	if (dbq_prepare(st, "SELECT count(*) FROM seals", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取封存"));
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		*n = (long)dbq_int(s, 0);
	dbq_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(st, err, _("无法读取封存"));
}

/* Where the office key is kept: the key file DB.key beside a file, the
 * table office_key on a server (docs/deploy.md). Named in messages. */
static char *
key_where(struct yk_store *st)
{
	return st->pg ? xasprintf("%s (office_key)", store_path(st)) : keys_path(store_path(st));
}

/* keys_load from where the key is kept: 1 none, 0 loaded, -1 error. */
static int
key_load(struct yk_store *st, const char *where, int secret, struct office_keys *k, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (!st->pg)
		return keys_load(where, secret, k, err);
	memset(k, 0, sizeof *k);
	if (dbq_prepare(st, "SELECT keyfile FROM office_key WHERE id = 1", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取单位密钥"));
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		rc = keys_parse(dbq_col(s, 0), dbq_bytes(s, 0), where, secret, k, err);
	else if (rc == SQLITE_DONE)
		rc = 1;
	else
		rc = db_error(st, err, _("无法读取单位密钥"));
	dbq_finalize(s);
	return rc;
}

int
seals_key_load(struct yk_store *st, int secret, struct office_keys *k, yk_error *err)
{
	char *where = key_where(st);
	int rc = key_load(st, where, secret, k, err);

	free(where);
	return rc;
}

/* A server's new key, kept in office_key, in the caller's transaction. */
static int
key_put(struct yk_store *st, const char *text, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, "INSERT INTO office_key (id, keyfile) VALUES (1, ?)", &s) != SQLITE_OK)
		return db_error(st, err, _("无法保存单位密钥"));
	dbq_bind_text(s, 1, text);
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法保存单位密钥"));
}

/* Make the keys and put the identity in the meta table (own transaction). */
static int
make_keys(struct yk_store *st, const char *path, const char *passphrase, struct office_keys *k,
	  yk_error *err)
{
	struct seal_identity id = {0};
	char *text = NULL;

	if (store_db_id(st, id.db, err) < 0)
		return -1;
	snprintf(id.office, sizeof id.office, "%s", store_office(st));
	id.training = store_training(st);
	clock_stamp(clock_now(), id.created);
	if (st->pg ? keys_make(&id, passphrase, k, &text, err) < 0
		   : keys_create(path, &id, passphrase, k, err) < 0)
		return -1;
	if (store_begin(st, err) < 0 || (text && key_put(st, text, err) < 0) ||
	    db_meta_set(st, "identity", k->identity, err) < 0 ||
	    db_meta_set(st, "identity-signature", k->identity_sig, err) < 0 ||
	    store_commit(st, err) < 0) {
		store_rollback(st);
		keys_free(k);
		if (!st->pg)
			remove(path);
		if (text)
			sodium_memzero(text, strlen(text));
		free(text);
		return -1;
	}
	if (text)
		sodium_memzero(text, strlen(text));
	free(text);
	return 0;
}

int
seals_init(struct yk_store *st, const char *passphrase, struct office_keys *k, yk_error *err)
{
	char *path = key_where(st);
	struct seal_record r;
	int rc = make_keys(st, path, passphrase, k, err);

	free(path);
	if (rc < 0)
		return -1;
	if (seals_make(st, k, "init", 1, &r, err) < 0) {
		keys_free(k);
		return -1;
	}
	seal_record_free(&r);
	return 0;
}

int
seals_keys(struct yk_store *st, int secret, struct office_keys *k, int *created, yk_error *err)
{
	char *path = key_where(st), *text = NULL, sig[KEYS_SIG_HEX], own[SYNC_ID_BUFSZ];
	long nseals;
	int rc;

	*created = 0;
	rc = key_load(st, path, secret, k, err);
	if (rc == 0) {
		if (store_db_id(st, own, err) < 0) {
			keys_free(k);
			rc = -1;
		} else if (strcmp(k->id.db, own) != 0) {
			yk_error_setk(err, YK_ERR_CONFLICT, _("%s 属于另一个数据库（编号 %s，本库是 %s）：请把本库自己的密钥文件放在它旁边"), path, k->id.db, own);
			keys_free(k);
			rc = -1;
		}
		free(path);
		return rc;
	}
	if (rc < 0) {
		free(path);
		return -1;
	}
	/* No key file. */
	if (meta_identity(st, &text, sig, err) < 0 || count_seals(st, &nseals, err) < 0) {
		free(path);
		free(text);
		return -1;
	}
	if (text || nseals) {
		struct seal_identity id;
		char fp[SEAL_FP_BUFSZ] = "?";

		if (text && seal_identity_parse(text, &id, NULL) == 0)
			seal_fingerprint_hex(id.sign, fp);
		yk_error_setk(err, YK_ERR_NOT_FOUND, _("单位密钥文件 %s 不见了，但本库已有%s（密钥 %s）：请从备份恢复密钥文件——新密钥与已经签过的内容对不上"), path, nseals ? _("封存") : _("单位身份"), fp);
		free(path);
		free(text);
		return -1;
	}
	/* A database from before keys: make them now. */
	rc = make_keys(st, path, NULL, k, err);
	free(path);
	if (rc == 0)
		*created = 1;
	return rc;
}

int
seals_training(struct yk_store *st, int *training, yk_error *err)
{
	char *path, *text = NULL, sig[KEYS_SIG_HEX];
	struct office_keys k;
	struct seal_identity id;
	int rc;

	path = key_where(st);
	rc = key_load(st, path, 0, &k, err);
	free(path);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		*training = k.id.training;
		keys_free(&k);
	} else {
		if (meta_identity(st, &text, sig, err) < 0)
			return -1;
		if (text && keys_identity_check(text, sig, &id, NULL) == 0)
			*training = id.training;
		else if (text)
			*training = 0; /* an identity that does not check: never a training one */
		else
			*training = store_training(st);
		free(text);
	}
	st->training = *training;
	return 0;
}

/* ---- the seals table ------------------------------------------------------ */

static int
row_to_record(struct dbq *s, struct seal_record *r, yk_error *err)
{
	memset(r, 0, sizeof *r);
	snprintf(r->digest, sizeof r->digest, "%s", dbq_col(s, 0));
	r->statement = xstrdup(dbq_col(s, 1));
	snprintf(r->signature, sizeof r->signature, "%s", dbq_col(s, 2));
	if (seal_parse(r->statement, &r->s, err) < 0) {
		seal_record_free(r);
		return -1;
	}
	return 0;
}

/* One seal by a query with one optional text argument: 0, 1 none, -1. */
static int
load_one(struct yk_store *st, const char *sql, const char *arg, struct seal_record *r,
	 yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, sql, &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取封存"));
	if (arg)
		dbq_bind_text(s, 1, arg);
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		rc = row_to_record(s, r, err) < 0 ? -1 : 0;
	else if (rc == SQLITE_DONE)
		rc = 1;
	else
		rc = db_error(st, err, _("无法读取封存"));
	dbq_finalize(s);
	return rc;
}

int
seals_latest(struct yk_store *st, struct seal_record *out, yk_error *err)
{
	return load_one(st, "SELECT digest, statement, signature FROM seals ORDER BY seq DESC LIMIT 1",
			NULL, out, err);
}

int
seals_find(struct yk_store *st, const char *digest, struct seal_record *out, yk_error *err)
{
	struct dbq *s;
	int rc, found = 0;

	memset(out, 0, sizeof *out);
	if (dbq_prepare(st, "SELECT digest, statement, signature FROM seals ORDER BY seq", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取封存"));
	while ((rc = dbq_step(s)) == SQLITE_ROW) {
		if (!seal_matches(digest, dbq_col(s, 0)))
			continue;
		if (found++) {
			seal_record_free(out);
			break;
		}
		if (row_to_record(s, out, err) < 0) {
			dbq_finalize(s);
			return -1;
		}
	}
	dbq_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("无法读取封存"));
	return found == 0 ? 1 : found > 1 ? 2 : 0;
}

char *
seals_file_text(const struct seal_record *r)
{
	return xasprintf("%ssignature=%s\n", r->statement, r->signature);
}

int
seals_parse_file(const char *text, struct seal_record *out, yk_error *err)
{
	const char *sig = strstr(text, "\nsignature=");
	size_t n;

	memset(out, 0, sizeof *out);
	if (!sig)
		return yk_error_set(err, _("不是封存文件（没有签名行）"));
	n = (size_t)(sig - text) + 1;
	out->statement = xasprintf("%.*s", (int)n, text);
	sig += strlen("\nsignature=");
	snprintf(out->signature, sizeof out->signature, "%.*s", (int)strcspn(sig, "\n"), sig);
	if (seal_parse(out->statement, &out->s, err) < 0) {
		seal_record_free(out);
		return -1;
	}
	seal_digest(out->statement, out->digest);
	return 0;
}

/* The event log's newest id, and whether an event the seals do not yet
 * cover has an id above `low` — what cover_new would add, looked for
 * among the rows newer than the latest seal only (an index range, not a
 * scan of the log; docs/performance.md). */
static int
uncovered_since(struct yk_store *st, long low, long *maxid, int *any, yk_error *err)
{
	struct dbq *s;
	int rc;

	*maxid = 0;
	*any = 0;
	if (dbq_prepare(st, "SELECT coalesce(max(id), 0) FROM events", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取事件"));
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		*maxid = (long)dbq_int(s, 0);
	dbq_finalize(s);
	if (rc != SQLITE_ROW)
		return db_error(st, err, _("无法读取事件"));
	if (dbq_prepare(st, "SELECT 1 FROM events e WHERE e.id > ? AND e.origin != 'sync' AND "
			       "NOT EXISTS (SELECT 1 FROM seal_events s WHERE s.case_no = e.case_no "
			       "AND s.uuid = e.uuid) LIMIT 1", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取事件"));
	dbq_bind_int(s, 1, low);
	rc = dbq_step(s);
	*any = rc == SQLITE_ROW;
	dbq_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法读取事件"));
}

/* The lowest id a file may have given again since its latest seal: a
 * file's ids are max(id) + 1, so a merge that deletes the newest rows
 * frees theirs (meta 'seal-low', lowered by the merge, cleared by the
 * next seal). A server never gives an id twice. */
static int
reuse_low(struct yk_store *st, long lastmax, long *low, int *marked, yk_error *err)
{
	char buf[32];

	*low = lastmax;
	*marked = 0;
	if (st->pg)
		return 0;
	if (db_meta_get(st, "seal-low", buf, sizeof buf, err) < 0)
		return -1;
	*marked = buf[0] != '\0';
	if (*marked && atol(buf) < *low)
		*low = atol(buf);
	return 0;
}

static void
line3(struct sha256 *c, const char *a, const char *b, const char *d)
{
	sha256_update(c, a, strlen(a));
	sha256_update(c, " ", 1);
	sha256_update(c, b, strlen(b));
	sha256_update(c, " ", 1);
	sha256_update(c, d, strlen(d));
	sha256_update(c, "\n", 1);
}

static void
hex_final(struct sha256 *c, char out[HASH_BUFSZ])
{
	unsigned char d[32];

	sha256_final(c, d);
	seal_hex(d, sizeof d, out);
}

/* seal_events rows written SEAL_BATCH at a time, one INSERT for each
 * batch (one statement per event was most of a large first seal's time
 * on a server). Only digests and the database's own case numbers and
 * uuids go in, quoted. */
#define SEAL_BATCH 256

struct seal_batch {
	char *sql;
	size_t len, cap;
	int n;
};

static void
batch_add(struct seal_batch *b, const char *s)
{
	size_t n = strlen(s);

	b->sql = xgrow(b->sql, &b->cap, b->len + n + 1, 1);
	memcpy(b->sql + b->len, s, n + 1);
	b->len += n;
}

static void
batch_quoted(struct seal_batch *b, const char *s)
{
	batch_add(b, "'");
	for (const char *q; (q = strchr(s, '\'')) != NULL; s = q + 1) {
		char *part = xasprintf("%.*s''", (int)(q - s), s);

		batch_add(b, part);
		free(part);
	}
	batch_add(b, s);
	batch_add(b, "'");
}

static int
batch_flush(struct yk_store *st, struct seal_batch *b, yk_error *err)
{
	int rc = 0;

	if (b->n > 0)
		rc = db_exec(st, b->sql, err);
	b->len = 0;
	b->n = 0;
	if (b->sql)
		b->sql[0] = '\0';
	return rc;
}

static int
batch_row(struct yk_store *st, struct seal_batch *b, const char *case_no, const char *uuid,
	  long seq, const char *digest, yk_error *err)
{
	char num[32];

	batch_add(b, b->n ? ", (" : "INSERT INTO seal_events (case_no, uuid, seal, digest) VALUES (");
	batch_quoted(b, case_no);
	batch_add(b, ", ");
	batch_quoted(b, uuid);
	snprintf(num, sizeof num, ", %ld, ", seq);
	batch_add(b, num);
	batch_quoted(b, digest);
	batch_add(b, ")");
	return ++b->n >= SEAL_BATCH ? batch_flush(st, b, err) : 0;
}

/* Record every event not yet covered as covered by seal `seq`. The rows a
 * sync merge writes (origin 'sync') are not sealed: they are derived from
 * the events, rewritten whenever a merge decides anew, and `yekuo sync
 * verify` checks each against a fresh merge. The events are read as they
 * come (on a server through a cursor), never all at once. */
static int
cover_new(struct yk_store *st, long seq, long *added, char digest[HASH_BUFSZ], yk_error *err)
{
	struct seal_batch b = {0};
	struct dbq *sel;
	struct sha256 c;
	int rc;

	*added = 0;
	sha256_init(&c);
	if (dbq_prepare(st, "SELECT " EVENT_COLUMNS " FROM events e WHERE e.origin != 'sync' AND "
			       "NOT EXISTS (SELECT 1 FROM seal_events s WHERE s.case_no = e.case_no "
			       "AND s.uuid = e.uuid) ORDER BY case_no, uuid", &sel) != SQLITE_OK)
		return db_error(st, err, _("无法封存"));
	dbq_cursor(sel);
	while ((rc = dbq_step(sel)) == SQLITE_ROW) {
		struct yk_event ev;
		char d[HASH_BUFSZ];
		int bad;

		if (dbq_row_to_event(sel, &ev, err) < 0) {
			event_free(&ev);
			break;
		}
		seal_event_digest(&ev, d);
		line3(&c, ev.case_no, ev.uuid, d);
		bad = batch_row(st, &b, ev.case_no, ev.uuid, seq, d, err) < 0;
		event_free(&ev);
		if (bad) {
			rc = SQLITE_ROW;
			break;
		}
		(*added)++;
	}
	dbq_finalize(sel);
	if (rc == SQLITE_DONE && batch_flush(st, &b, err) < 0)
		rc = SQLITE_ROW;
	free(b.sql);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? -1 : db_error(st, err, _("无法封存"));
	hex_final(&c, digest);
	return 0;
}

/* ---- walking what the seals covered ------------------------------------------ */

static void
say(void (*fn)(void *, const char *), void *ctx, long *count, const char *fmt, ...) YK_PRINTF(4, 5);

static void
say(void (*fn)(void *, const char *), void *ctx, long *count, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	(*count)++;
	if (fn)
		fn(ctx, msg);
}

/* One pass over seal_events in (case, uuid) order. For seals 1..nseals:
 * each one's added lines (added[], nadded[]); for seal `upto`: the leaves
 * of every case (rows of seals <= upto) into *leaves, *nleaves, *events.
 * check: look every event up and report the ones gone or altered
 * (times[] names each seal's time). */
struct walk {
	long nseals, upto;
	struct sha256 *added;
	long *nadded;
	char (*leaves)[HASH_BUFSZ];
	size_t nleaves, cap;
	long events;
	int check;
	char (*times)[CLOCK_STAMP_BUFSZ];
};

static int
walk_sealed(struct yk_store *st, struct walk *w, void (*fn)(void *, const char *), void *ctx,
	    long *count, yk_error *err)
{
	struct dbq *s, *ev = NULL;
	struct sha256 members;
	char cur[CASE_NO_BUFSZ] = "";
	long n = 0;
	int rc, own_tx = 0;

	if (dbq_prepare(st, "SELECT case_no, uuid, seal, digest FROM seal_events ORDER BY case_no, uuid", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取封存"));
	/* every sealed event: as they come, never all at once; when each is
	 * looked up on the way, on a server through a cursor, which lives in
	 * a transaction (only read in, then ended) */
	if (!w->check)
		dbq_stream(s);
	else if (st->pg) {
		if (!db_in_transaction(st)) {
			if (store_begin(st, err) < 0) {
				dbq_finalize(s);
				return -1;
			}
			own_tx = 1;
		}
		dbq_cursor(s);
	}
	if (w->check && dbq_prepare(st, "SELECT " EVENT_COLUMNS " FROM events WHERE uuid = ?", &ev) != SQLITE_OK) {
		dbq_finalize(s);
		db_error(st, err, _("无法读取事件"));
		if (own_tx)
			store_rollback(st);
		return -1;
	}
	sha256_init(&members);
	for (;;) {
		const char *case_no, *uuid, *digest;
		long seal;

		rc = dbq_step(s);
		case_no = rc == SQLITE_ROW ? dbq_col(s, 0) : "";
		if (cur[0] && (rc != SQLITE_ROW || strcmp(case_no, cur) != 0) && n > 0) {
			char m[HASH_BUFSZ];

			hex_final(&members, m);
			w->leaves = xgrow(w->leaves, &w->cap, w->nleaves + 1, sizeof *w->leaves);
			seal_case_leaf(cur, n, m, w->leaves[w->nleaves++]);
			w->events += n;
		}
		if (rc != SQLITE_ROW)
			break;
		if (strcmp(case_no, cur) != 0) {
			snprintf(cur, sizeof cur, "%s", case_no);
			sha256_init(&members);
			n = 0;
		}
		uuid = dbq_col(s, 1);
		seal = (long)dbq_int(s, 2);
		digest = dbq_col(s, 3);
		if (seal < 1 || seal > w->nseals) {
			say(fn, ctx, count, _("%s: 事件 %s 记为由封存 #%ld 覆盖，但没有这个封存（封存记录被改动过）"), case_no, uuid, seal);
			continue;
		}
		sha256_update(&w->added[seal - 1], case_no, strlen(case_no));
		sha256_update(&w->added[seal - 1], " ", 1);
		sha256_update(&w->added[seal - 1], uuid, strlen(uuid));
		sha256_update(&w->added[seal - 1], " ", 1);
		sha256_update(&w->added[seal - 1], digest, strlen(digest));
		sha256_update(&w->added[seal - 1], "\n", 1);
		w->nadded[seal - 1]++;
		if (seal <= w->upto) {
			line3(&members, uuid, digest, "");
			n++;
		}
		if (w->check && seal <= w->upto) {
			int r;

			dbq_bind_text(ev, 1, uuid);
			r = dbq_step(ev);
			if (r == SQLITE_DONE) {
				/* a case renumbered (docs/sync.md) lives on under its new
				 * number, each event's uuid a hash of the old one (a hash
				 * of that, renumbered again: at most 4 times) */
				char to[UUID_BUFSZ];
				int moved = 0;

				memcpy(to, uuid, strlen(uuid) + 1 < sizeof to ? strlen(uuid) + 1 : sizeof to);
				to[sizeof to - 1] = '\0';
				for (int k = 0; k < 4 && moved == 0; k++) {
					sync_renumbered_uuid(to, to);
					moved = db_exists(st, "SELECT 1 FROM events WHERE uuid = ?", to, err);
				}
				if (moved < 0) {
					rc = -2;
					break;
				}
				if (!moved)
					say(fn, ctx, count, _("%s: 事件 %s 不见了（它由封存 #%ld（%s）覆盖）：封存之后被删除"), case_no, uuid, seal,
					    w->times[seal - 1]);
			} else if (r == SQLITE_ROW) {
				struct yk_event e;
				char d[HASH_BUFSZ];
				yk_error e2;

				if (dbq_row_to_event(ev, &e, &e2) < 0)
					say(fn, ctx, count, "%s", e2.msg);
				else {
					seal_event_digest(&e, d);
					if (strcmp(d, digest) != 0)
						say(fn, ctx, count, _("%s: 事件 #%ld（%s）在封存 #%ld（%s）覆盖之后被改动过"), case_no, e.seq, uuid, seal,
							w->times[seal - 1]);
				}
				event_free(&e);
			} else {
				db_error(st, err, _("无法读取事件"));
				rc = -2;
				break;
			}
			dbq_reset(ev);
		}
	}
	dbq_finalize(ev);
	dbq_finalize(s);
	if (rc != SQLITE_DONE && rc != -2)
		db_error(st, err, _("无法读取封存"));
	if (own_tx)
		store_rollback(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
walk_init(struct walk *w, long nseals, long upto, int check)
{
	memset(w, 0, sizeof *w);
	w->nseals = nseals;
	w->upto = upto;
	w->check = check;
	w->added = xcalloc((size_t)nseals + 1, sizeof *w->added);
	w->nadded = xcalloc((size_t)nseals + 1, sizeof *w->nadded);
	w->times = xcalloc((size_t)nseals + 1, sizeof *w->times);
	for (long i = 0; i < nseals; i++)
		sha256_init(&w->added[i]);
}

static void
walk_free(struct walk *w)
{
	free(w->added);
	free(w->nadded);
	free(w->leaves);
	free(w->times);
}

int
seals_make(struct yk_store *st, const struct office_keys *k, const char *why, int force,
	   struct seal_record *out, yk_error *err)
{
	struct seal_record last;
	struct seal *s = &out->s;
	struct walk w;
	long count = 0, maxid = 0, lastmax = 0, low = 0;
	int have, rc, uncovered = 1, marked = 0;
	struct dbq *q;

	memset(out, 0, sizeof *out);
	if (store_begin(st, err) < 0)
		return -1;
	have = seals_latest(st, &last, err);
	if (have < 0)
		goto fail;
	if (have == 0) {
		if (dbq_prepare(st, "SELECT maxid FROM seals WHERE seq = ?", &q) !=
		    SQLITE_OK) {
			seal_record_free(&last);
			db_error(st, err, _("无法读取封存"));
			goto fail;
		}
		dbq_bind_int(q, 1, last.s.seq);
		if (dbq_step(q) == SQLITE_ROW)
			lastmax = (long)dbq_int(q, 0);
		dbq_finalize(q);
		if (reuse_low(st, lastmax, &low, &marked, err) < 0 ||
		    uncovered_since(st, low, &maxid, &uncovered, err) < 0) {
			seal_record_free(&last);
			goto fail;
		}
		/* nothing the latest seal does not cover: it stands */
		if (!force && !uncovered) {
			store_rollback(st);
			*out = last;
			out->reused = 1;
			return 0;
		}
		s->seq = last.s.seq + 1;
		snprintf(s->prev, sizeof s->prev, "%s", last.digest);
		seal_record_free(&last);
	} else {
		s->seq = 1;
		if (uncovered_since(st, 0, &maxid, &uncovered, err) < 0)
			goto fail;
	}
	if (marked && db_meta_set(st, "seal-low", "", err) < 0)
		goto fail;
	snprintf(s->office, sizeof s->office, "%s", store_office(st));
	if (store_db_id(st, s->db, err) < 0)
		goto fail;
	snprintf(s->key, sizeof s->key, "%s", k->id.sign);
	sha256_hex(k->identity, strlen(k->identity), s->identity);
	clock_stamp(clock_now(), s->time);
	snprintf(s->why, sizeof s->why, "%s", why);
	if (cover_new(st, s->seq, &s->added, s->added_digest, err) < 0)
		goto fail;
	walk_init(&w, s->seq, s->seq, 0);
	rc = walk_sealed(st, &w, NULL, NULL, &count, err);
	if (rc == 0) {
		seal_merkle_root((const char(*)[HASH_BUFSZ])w.leaves, w.nleaves, s->root);
		s->cases = (long)w.nleaves;
		s->events = w.events;
	}
	walk_free(&w);
	if (rc < 0)
		goto fail;
	out->statement = seal_format(s);
	seal_digest(out->statement, out->digest);
	if (keys_sign(k, out->statement, strlen(out->statement), out->signature) < 0) {
		yk_error_set(err, _("单位密钥没有解锁：无法签名"));
		goto fail;
	}
	if (dbq_prepare(st, "INSERT INTO seals (seq, digest, statement, signature, maxid) "
				       "VALUES (?, ?, ?, ?, ?)", &q) != SQLITE_OK) {
		db_error(st, err, _("无法封存"));
		goto fail;
	}
	dbq_bind_int(q, 1, s->seq);
	dbq_bind_text(q, 2, out->digest);
	dbq_bind_text(q, 3, out->statement);
	dbq_bind_text(q, 4, out->signature);
	dbq_bind_int(q, 5, maxid);
	rc = dbq_step(q);
	dbq_finalize(q);
	if (rc != SQLITE_DONE) {
		db_error(st, err, _("无法封存"));
		goto fail;
	}
	if (store_commit(st, err) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	seal_record_free(out);
	return -1;
}

int
seals_now(struct yk_store *st, const char *why, struct seal_record *out, int *created,
	  yk_error *err)
{
	struct office_keys k;
	int rc;

	if (seals_keys(st, 1, &k, created, err) < 0)
		return -1;
	rc = seals_make(st, &k, why, 0, out, err);
	keys_free(&k);
	return rc;
}

#define SEAL_DIGEST_KEY "封存摘要 (seal digest)"

int
seals_annotate(struct yk_store *st, const char *why, struct report *r, int *created, yk_error *err)
{
	struct seal_record sr;
	char note[96], sh[SEAL_SHORT_BUFSZ], fp[SEAL_FP_BUFSZ];

	*created = 0;
	for (size_t i = 0; i < r->nmeta; i++)
		if (strcmp(r->meta[i].key, SEAL_DIGEST_KEY) == 0)
			return 0;
	if (seals_now(st, why, &sr, created, err) < 0)
		return -1;
	seal_short(sr.digest, sh);
	snprintf(note, sizeof note, "#%ld %s (%s)", sr.s.seq, sh, sr.s.time);
	seal_fingerprint_hex(sr.s.key, fp);
	report_add_meta(r, "数据封存 (seal)", note);
	report_add_meta(r, SEAL_DIGEST_KEY, sr.digest);
	report_add_meta(r, "封存签名 (signature)", sr.signature);
	report_add_meta(r, "公钥指纹 (office key)", fp);
	seal_record_free(&sr);
	return 0;
}

/* ---- verify ------------------------------------------------------------------ */

/* The identity checks: key file and meta agree, the training flag is the
 * one fixed at init. *sign gets the office's signing key ("" if none). */
static int
check_identity(struct yk_store *st, char sign[SEAL_KEY_HEX], void (*fn)(void *, const char *),
	       void *ctx, long *count, yk_error *err)
{
	char *path = key_where(st), *text = NULL, sig[KEYS_SIG_HEX], flag[8];
	struct office_keys k;
	struct seal_identity id;
	int rc = key_load(st, path, 0, &k, err), have = 0;
	yk_error e;

	sign[0] = '\0';
	if (rc < 0) {
		say(fn, ctx, count, "%s", err->msg);
		rc = 1;
	}
	if (meta_identity(st, &text, sig, err) < 0 || db_meta_get(st, "training", flag, sizeof flag, err) < 0) {
		free(path);
		if (rc == 0)
			keys_free(&k);
		free(text);
		return -1;
	}
	if (text && keys_identity_check(text, sig, &id, &e) < 0) {
		say(fn, ctx, count, _("数据库里的单位身份：%s"), e.msg);
	} else if (text) {
		have = 1;
		snprintf(sign, SEAL_KEY_HEX, "%s", id.sign);
	}
	if (rc == 0) {
		if (have && strcmp(text, k.identity) != 0)
			say(fn, ctx, count, _("数据库里的单位身份与密钥文件 %s 里的不同（其中一个被换过）"), path);
		id = k.id;
		have = 1;
		snprintf(sign, SEAL_KEY_HEX, "%s", k.id.sign);
		keys_free(&k);
	}
	if (have && (strcmp(flag, "1") == 0) != id.training)
		say(fn, ctx, count, _("培训库标记被改过：数据库写的是%s，但初始化时签名的身份写的是%s（是%s库）"), strcmp(flag, "1") == 0 ? _("培训") : _("正式"),
			id.training ? _("培训") : _("正式"), id.training ? _("培训") : _("正式"));
	free(text);
	free(path);
	return 0;
}

static int
load_all(struct yk_store *st, struct seal_record **out, long *n, yk_error *err)
{
	struct dbq *s;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (dbq_prepare(st, "SELECT digest, statement, signature, seq FROM seals ORDER BY seq", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取封存"));
	while ((rc = dbq_step(s)) == SQLITE_ROW) {
		struct seal_record *r;

		*out = xgrow(*out, &cap, (size_t)*n + 1, sizeof **out);
		r = &(*out)[*n];
		memset(r, 0, sizeof *r);
		snprintf(r->digest, sizeof r->digest, "%s", dbq_col(s, 0));
		r->statement = xstrdup(dbq_col(s, 1));
		snprintf(r->signature, sizeof r->signature, "%s", dbq_col(s, 2));
		r->s.seq = -(long)dbq_int(s, 3); /* until parsed */
		(*n)++;
	}
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法读取封存"));
}

static void
free_all(struct seal_record *r, long n)
{
	for (long i = 0; i < n; i++)
		seal_record_free(&r[i]);
	free(r);
}

/* The chain of seals: each one's text, digest, number, link, key and
 * signature. */
static void
check_chain(struct seal_record *all, long n, const char *own, const char *sign,
	    void (*fn)(void *, const char *), void *ctx, long *count)
{
	const char *prev = "";

	for (long i = 0; i < n; i++) {
		struct seal_record *r = &all[i];
		long seq = -r->s.seq;
		char d[HASH_BUFSZ];
		yk_error e;

		seal_digest(r->statement, d);
		if (strcmp(d, r->digest) != 0)
			say(fn, ctx, count, _("封存 #%ld：其内容算出的摘要已对不上（被改动过）"), seq);
		if (seal_parse(r->statement, &r->s, &e) < 0) {
			say(fn, ctx, count, _("封存 #%ld：%s"), seq, e.msg);
			r->s.seq = seq;
			prev = r->digest;
			continue;
		}
		if (r->s.seq != seq || seq != i + 1)
			say(fn, ctx, count, _("封存 #%ld：内容里的序号是 %ld（有封存被删除或调换了次序）"), i + 1, r->s.seq);
		if (strcmp(r->s.prev, prev) != 0)
			say(fn, ctx, count, _("封存 #%ld 没有接在封存 #%ld 之后（封存链断了：有封存被删除、替换或插入）"), seq, seq - 1);
		if (strcmp(r->s.db, own) != 0)
			say(fn, ctx, count, _("封存 #%ld 属于另一个数据库（%s）"), seq, r->s.db);
		if (sign[0] && strcmp(r->s.key, sign) != 0) {
			char a[SEAL_FP_BUFSZ], b[SEAL_FP_BUFSZ];

			seal_fingerprint_hex(r->s.key, a);
			seal_fingerprint_hex(sign, b);
			say(fn, ctx, count, _("封存 #%ld 是用密钥 %s 签名的，不是本单位的密钥 %s"),
			    seq, a, b);
		}
		if (!keys_verify(r->s.key, r->statement, strlen(r->statement), r->signature))
			say(fn, ctx, count, _("封存 #%ld：签名对不上（伪造的或被改动过）"), seq);
		prev = r->digest;
	}
}

/* Compare what a walk found with seal r (its root and counts). */
static void
check_root(const struct walk *w, const struct seal_record *r, void (*fn)(void *, const char *),
	   void *ctx, long *count)
{
	char root[HASH_BUFSZ];

	seal_merkle_root((const char(*)[HASH_BUFSZ])w->leaves, w->nleaves, root);
	if (strcmp(root, r->s.root) != 0 || (long)w->nleaves != r->s.cases || w->events != r->s.events)
		say(fn, ctx, count, _("封存 #%ld（%s）：它覆盖的内容已对不上（现在 %zu 件案件、%ld 条事件，封存时 %ld 件、%ld 条）：记录被改动或删除过"),
			r->s.seq, r->s.time, w->nleaves, w->events, r->s.cases, r->s.events);
}

/* What both checks start with: the identity, every seal and its chain
 * (own: this database's id). */
static int
check_start(struct yk_store *st, char own[SYNC_ID_BUFSZ], struct seal_record **all, long *n,
	    void (*fn)(void *, const char *), void *ctx, long *count, yk_error *err)
{
	char sign[SEAL_KEY_HEX];

	if (check_identity(st, sign, fn, ctx, count, err) < 0 || store_db_id(st, own, err) < 0 ||
	    load_all(st, all, n, err) < 0)
		return -1;
	check_chain(*all, *n, own, sign, fn, ctx, count);
	return 0;
}

/* Walk what seals 1..upto covered, looking every event up. */
static int
walk_checked(struct yk_store *st, struct walk *w, const struct seal_record *all, long n,
	     long upto, void (*fn)(void *, const char *), void *ctx, long *count, yk_error *err)
{
	walk_init(w, n, upto, 1);
	for (long i = 0; i < n; i++)
		snprintf(w->times[i], sizeof w->times[i], "%s", all[i].s.time);
	if (walk_sealed(st, w, fn, ctx, count, err) < 0) {
		walk_free(w);
		return -1;
	}
	return 0;
}

long
seals_verify(struct yk_store *st, const struct yk_rules *rules,
	     void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err)
{
	char own[SYNC_ID_BUFSZ];
	struct seal_record *all;
	long n, count = 0;
	struct walk w;

	(void)rules;
	if (check_start(st, own, &all, &n, fn, ctx, &count, err) < 0)
		return -1;
	if (walk_checked(st, &w, all, n, n, fn, ctx, &count, err) < 0) {
		free_all(all, n);
		return -1;
	}
	for (long i = 0; i < n; i++) {
		char d[HASH_BUFSZ];

		hex_final(&w.added[i], d);
		if (w.nadded[i] != all[i].s.added || strcmp(d, all[i].s.added_digest) != 0)
			say(fn, ctx, &count, _("封存 #%ld（%s）：它覆盖的事件的记录被改动过（现在列有 %ld 条，封存时 %ld 条）"), all[i].s.seq, all[i].s.time,
			    w.nadded[i], all[i].s.added);
	}
	if (n > 0)
		check_root(&w, &all[n - 1], fn, ctx, &count);
	walk_free(&w);
	free_all(all, n);
	return count;
}

long
seals_verify_one(struct yk_store *st, const struct seal_record *r,
		 void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err)
{
	char own[SYNC_ID_BUFSZ];
	struct seal_record *all;
	long n, count = 0;
	struct walk w;

	if (check_start(st, own, &all, &n, fn, ctx, &count, err) < 0)
		return -1;
	if (!keys_verify(r->s.key, r->statement, strlen(r->statement), r->signature))
		say(fn, ctx, &count, _("封存的签名与它不符（伪造的或被改动过）"));
	if (strcmp(r->s.db, own) != 0)
		say(fn, ctx, &count, _("这是另一个数据库的封存（%s，本库是 %s）"), r->s.db, own);
	if (r->s.seq > n || strcmp(all[r->s.seq - 1].digest, r->digest) != 0) {
		char s1[SEAL_SHORT_BUFSZ];

		seal_short(r->digest, s1);
		say(fn, ctx, &count, _("本库已没有封存 #%ld（%s）：封存被替换或删除过"), r->s.seq, s1);
		free_all(all, n);
		return count;
	}
	if (walk_checked(st, &w, all, n, r->s.seq, fn, ctx, &count, err) < 0) {
		free_all(all, n);
		return -1;
	}
	check_root(&w, &all[r->s.seq - 1], fn, ctx, &count);
	walk_free(&w);
	free_all(all, n);
	return count;
}
