#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/xalloc.h"

int
pg_is_uri(const char *path)
{
	return path && (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0);
}

#ifndef HAVE_LIBPQ

/* Built without libpq: the address is understood, and refused. */
int
pg_open(struct yk_store *st, enum store_mode mode, const struct store_init *init, yk_error *err)
{
	(void)mode;
	(void)init;
	return yk_error_setk(err, YK_ERR_INPUT, _("%s：这个 yekuo 编译时没有 PostgreSQL 支持（请安装 libpq-dev，用 configure --with-postgresql=yes 编译；见 docs/deploy.md）"),
			     st->path);
}

/* Never reached: no store has st->pg set in this build. */
void pg_close(struct yk_store *st) { (void)st; }
const char *pg_role(const struct yk_store *st) { (void)st; return NULL; }
int pg_begin(struct yk_store *st, yk_error *err) { return pg_open(st, STORE_OPEN, NULL, err); }
int pg_commit(struct yk_store *st, yk_error *err) { return pg_open(st, STORE_OPEN, NULL, err); }
void pg_rollback(struct yk_store *st) { (void)st; }
int pg_next_seq(struct yk_store *st, const char *key, long *seq, yk_error *err)
{ (void)key; (void)seq; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_seq_at_least(struct yk_store *st, const char *key, long seq, yk_error *err)
{ (void)key; (void)seq; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_exists(struct yk_store *st, const char *sql, const char *arg, yk_error *err)
{ (void)sql; (void)arg; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_case_events(struct yk_store *st, const char *case_no, struct yk_event **evs, size_t *n,
		   yk_error *err)
{ (void)case_no; (void)evs; (void)n; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_insert_event(struct yk_store *st, const struct yk_event *ev, yk_error *err)
{ (void)ev; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_put_case(struct yk_store *st, const struct case_state *c, yk_error *err)
{ (void)c; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_get_case(struct yk_store *st, const char *case_no, struct case_state *c, yk_error *err)
{ (void)case_no; (void)c; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_query_cases(struct yk_store *st, const struct case_query *q, int scan,
		   int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{ (void)q; (void)scan; (void)fn; (void)ctx; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_case_row_differs(struct yk_store *st, const struct case_state *c, yk_error *err)
{ (void)c; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_cases_at(struct yk_store *st, const char *sql, const char *address, yk_date from, yk_date to,
		int (*fn)(void *ctx, struct case_state *c, yk_error *err), void *ctx, yk_error *err)
{ (void)sql; (void)address; (void)from; (void)to; (void)fn; (void)ctx; return pg_open(st, STORE_OPEN, NULL, err); }
long pg_verify(struct yk_store *st, const struct yk_rules *rules,
	       void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err)
{ (void)rules; (void)fn; (void)ctx; return pg_open(st, STORE_OPEN, NULL, err); }
struct pg_q *pg_q_prepare(struct yk_store *st, const char *sql) { (void)st; (void)sql; return NULL; }
void pg_q_bind(struct pg_q *q, int i, const char *v) { (void)q; (void)i; (void)v; }
void pg_q_stream(struct pg_q *q) { (void)q; }
void pg_q_cursor(struct pg_q *q) { (void)q; }
int pg_q_param_count(const struct pg_q *q) { (void)q; return 0; }
int pg_q_step(struct yk_store *st, struct pg_q *q) { (void)st; (void)q; return SQLITE_ERROR; }
const char *pg_q_col(const struct pg_q *q, int i) { (void)q; (void)i; return ""; }
size_t pg_q_bytes(const struct pg_q *q, int i) { (void)q; (void)i; return 0; }
void pg_q_reset(struct pg_q *q) { (void)q; }
void pg_q_free(struct pg_q *q) { (void)q; }
int pg_db_error(struct yk_store *st, yk_error *err, const char *what)
{ (void)what; return pg_open(st, STORE_OPEN, NULL, err); }
int pg_exec_sql(struct yk_store *st, const char *sql) { (void)st; (void)sql; return -1; }
int pg_in_transaction(struct yk_store *st) { (void)st; return 0; }
int pg_may_merge(struct yk_store *st, yk_error *err) { return pg_open(st, STORE_OPEN, NULL, err); }
int pg_may_set_office(struct yk_store *st, yk_error *err) { return pg_open(st, STORE_OPEN, NULL, err); }

#else

#include <libpq-fe.h>

/* The server's schema version (meta 'schema'); its own numbering, apart
 * from the SQLite file's user_version. */
#define PG_SCHEMA_VERSION "3"
/* The role every clerk's login role is a member of (docs/deploy.md). */
#define PG_CLERK_ROLE "yekuo_clerk"
/* The role that brings other databases' events in (sync import, resolve,
 * renumber, trust): it may record events in other operators' names and
 * rewrite a merged chain. */
#define PG_SYNC_ROLE "yekuo_sync"
/* The role that may change the office's settings and any clerk's, beside
 * the owner (docs/deploy.md "settings"). */
#define PG_ADMIN_ROLE "yekuo_admin"

struct pg_store {
	PGconn *c;
	char role[64];		/* current_user: the operator of what this connection records */
	char state[6];		/* the last failure of a pg_q or pg_exec_sql (pg_db_error) */
	char msg[512];
};

/* The tables of docs/store.md on the server. Case numbers sort bytewise
 * (COLLATE "C") as in SQLite, whatever the database's locale. Events are
 * append-only for everyone, the owner too (triggers), and clerks are
 * granted no UPDATE or DELETE on them and own nothing, so they cannot
 * drop or alter a guard; a locally recorded event carries the role that
 * inserts it as its operator. */
static const char *const pg_schema =
	"CREATE TABLE meta ("
	"  key text PRIMARY KEY,"
	"  value text NOT NULL);"
	"CREATE TABLE events ("
	"  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
	"  uuid text NOT NULL UNIQUE,"
	"  case_no text COLLATE \"C\" NOT NULL,"
	"  seq bigint NOT NULL CHECK (seq >= 1),"
	"  kind text NOT NULL,"
	"  effective text NOT NULL,"
	"  recorded text NOT NULL,"
	"  operator text NOT NULL,"
	"  origin text NOT NULL,"
	"  data text NOT NULL,"
	"  prev_hash text NOT NULL,"
	"  hash text NOT NULL,"
	"  CONSTRAINT events_case_seq UNIQUE (case_no, seq));"
	"CREATE FUNCTION yekuo_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
	"  BEGIN RAISE EXCEPTION '% are append-only', TG_TABLE_NAME; END $$;"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  FOR EACH ROW EXECUTE FUNCTION yekuo_append_only();"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  FOR EACH ROW EXECUTE FUNCTION yekuo_append_only();"
	"CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events"
	"  FOR EACH STATEMENT EXECUTE FUNCTION yekuo_append_only();"
	"CREATE FUNCTION yekuo_event_operator() RETURNS trigger LANGUAGE plpgsql AS $$"
	"  BEGIN"
	"    IF NEW.origin = 'local' AND NEW.operator <> current_user THEN"
	"      RAISE EXCEPTION 'an event recorded by role % names operator %', current_user, NEW.operator;"
	"    END IF;"
	"    RETURN NEW;"
	"  END $$;"
	"CREATE TRIGGER events_operator BEFORE INSERT ON events"
	"  FOR EACH ROW EXECUTE FUNCTION yekuo_event_operator();"
	"CREATE TABLE cases ("
	"  case_no text COLLATE \"C\" PRIMARY KEY,"
	"  status text NOT NULL,"
	"  region text NOT NULL,"
	"  category text NOT NULL,"
	"  applied text NOT NULL,"
	"  closed_on text,"
	"  name text NOT NULL,"
	"  phone text NOT NULL,"
	"  address text NOT NULL,"
	"  filed integer NOT NULL,"
	"  late integer NOT NULL,"
	"  nevents integer NOT NULL,"
	"  last_hash text NOT NULL,"
	"  state text NOT NULL);"
	"CREATE INDEX cases_open ON cases (case_no) WHERE status = 'open';"
	"CREATE INDEX cases_applied ON cases (applied);"
	"CREATE INDEX cases_address ON cases (address);"
	"CREATE TABLE clocks ("
	"  case_no text COLLATE \"C\" PRIMARY KEY,"
	"  open boolean NOT NULL,"
	"  name text NOT NULL,"
	"  phone text NOT NULL,"
	"  address text NOT NULL,"
	"  clock text NOT NULL);"
	"CREATE INDEX clocks_open ON clocks (case_no) WHERE open;"
	"CREATE TABLE counters ("
	"  key text PRIMARY KEY,"
	"  value bigint NOT NULL);"
	"DO $$ BEGIN"
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" PG_CLERK_ROLE "') THEN"
	"    CREATE ROLE " PG_CLERK_ROLE " NOLOGIN;"
	"  END IF;"
	"END $$;"
	"REVOKE ALL ON meta, events, cases, clocks, counters FROM PUBLIC;"
	"GRANT SELECT ON meta TO " PG_CLERK_ROLE ";"
	"GRANT SELECT, INSERT ON events TO " PG_CLERK_ROLE ";"
	"GRANT SELECT, INSERT, UPDATE ON cases, clocks, counters TO " PG_CLERK_ROLE ";";

/* Schema 2: what sync and seals keep (docs/sync.md, docs/security.md), as
 * in the SQLite file's schemas 2-4, and the office key, which a file keeps
 * beside the database and a server in the table office_key. Sync records,
 * seals, seal records and the key are append-only like the events. The
 * delete guard on events has one exception, as in a file: the rows of the
 * one case a merge rewrites, through yekuo_merge_delete, which only
 * yekuo_sync may call; the setting it makes lasts for its own statement.
 * The meta keys that name the database never change. */
static const char *const pg_schema_v2 =
	"DO $$ BEGIN"
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" PG_SYNC_ROLE "') THEN"
	"    CREATE ROLE " PG_SYNC_ROLE " NOLOGIN;"
	"  END IF;"
	"END $$;"
	"GRANT " PG_CLERK_ROLE " TO " PG_SYNC_ROLE ";"
	"CREATE TABLE sync_events ("
	"  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
	"  uuid text COLLATE \"C\" NOT NULL UNIQUE,"
	"  case_no text COLLATE \"C\" NOT NULL,"
	"  source text NOT NULL,"
	"  office text NOT NULL,"
	"  vc text NOT NULL,"
	"  depth bigint NOT NULL CHECK (depth >= 1),"
	"  orig_seq bigint NOT NULL CHECK (orig_seq >= 1),"
	"  orig_prev text NOT NULL,"
	"  orig_hash text NOT NULL);"
	"CREATE INDEX sync_events_case ON sync_events (case_no);"
	"CREATE TABLE sync_peers ("
	"  name text COLLATE \"C\" PRIMARY KEY,"
	"  mark bigint NOT NULL,"
	"  exported text NOT NULL,"
	"  file text NOT NULL);"
	"CREATE TABLE sync_imports ("
	"  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
	"  checksum text NOT NULL,"
	"  source text NOT NULL,"
	"  office text NOT NULL,"
	"  imported text NOT NULL,"
	"  events bigint NOT NULL,"
	"  cases bigint NOT NULL,"
	"  conflicts bigint NOT NULL);"
	"CREATE TABLE sync_unlock ("
	"  case_no text COLLATE \"C\" PRIMARY KEY);"
	"CREATE INDEX events_sync ON events (case_no) WHERE origin = 'sync';"
	"CREATE TABLE seals ("
	"  seq bigint PRIMARY KEY,"
	"  digest text NOT NULL UNIQUE,"
	"  statement text NOT NULL,"
	"  signature text NOT NULL,"
	"  maxid bigint NOT NULL);"
	"CREATE TABLE seal_events ("
	"  case_no text COLLATE \"C\" NOT NULL,"
	"  uuid text COLLATE \"C\" NOT NULL,"
	"  seal bigint NOT NULL,"
	"  digest text NOT NULL,"
	"  PRIMARY KEY (case_no, uuid));"
	"CREATE TABLE trusted_offices ("
	"  office text COLLATE \"C\" PRIMARY KEY,"
	"  identity text NOT NULL,"
	"  signature text NOT NULL,"
	"  enrolled text NOT NULL);"
	"CREATE TABLE office_seals ("
	"  office text COLLATE \"C\" NOT NULL,"
	"  seq bigint NOT NULL,"
	"  digest text NOT NULL,"
	"  statement text NOT NULL,"
	"  signature text NOT NULL,"
	"  received text NOT NULL,"
	"  PRIMARY KEY (office, seq));"
	"CREATE TABLE office_key ("
	"  id integer PRIMARY KEY CHECK (id = 1),"
	"  keyfile text NOT NULL);"
	"DO $$ DECLARE t text; BEGIN"
	"  FOREACH t IN ARRAY ARRAY['sync_events', 'seals', 'seal_events', 'office_key'] LOOP"
	"    EXECUTE format('CREATE TRIGGER %1$s_no_update BEFORE UPDATE ON %1$s"
	"      FOR EACH ROW EXECUTE FUNCTION yekuo_append_only()', t);"
	"    EXECUTE format('CREATE TRIGGER %1$s_no_delete BEFORE DELETE ON %1$s"
	"      FOR EACH ROW EXECUTE FUNCTION yekuo_append_only()', t);"
	"    EXECUTE format('CREATE TRIGGER %1$s_no_truncate BEFORE TRUNCATE ON %1$s"
	"      FOR EACH STATEMENT EXECUTE FUNCTION yekuo_append_only()', t);"
	"  END LOOP;"
	"END $$;"
	"CREATE OR REPLACE FUNCTION yekuo_event_operator() RETURNS trigger LANGUAGE plpgsql AS $$"
	"  BEGIN"
	"    IF NEW.origin = 'local' AND NEW.operator <> current_user AND"
	"       NOT pg_has_role(current_user, '" PG_SYNC_ROLE "', 'MEMBER') THEN"
	"      RAISE EXCEPTION 'an event recorded by role % names operator %', current_user, NEW.operator;"
	"    END IF;"
	"    RETURN NEW;"
	"  END $$;"
	"CREATE FUNCTION yekuo_events_delete() RETURNS trigger LANGUAGE plpgsql AS $$"
	"  BEGIN"
	"    IF current_setting('yekuo.merging', true) IS DISTINCT FROM OLD.case_no THEN"
	"      RAISE EXCEPTION 'events are append-only';"
	"    END IF;"
	"    RETURN OLD;"
	"  END $$;"
	"DROP TRIGGER events_no_delete ON events;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  FOR EACH ROW EXECUTE FUNCTION yekuo_events_delete();"
	"CREATE FUNCTION yekuo_merge_delete(c text, from_seq bigint, whole boolean) RETURNS bigint"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$"
	"  DECLARE n bigint;"
	"  BEGIN"
	"    PERFORM set_config('yekuo.merging', c, true);"
	"    DELETE FROM events WHERE case_no = c AND seq >= from_seq;"
	"    GET DIAGNOSTICS n = ROW_COUNT;"
	"    PERFORM set_config('yekuo.merging', '', true);"
	"    IF whole THEN"
	"      DELETE FROM cases WHERE case_no = c;"
	"      DELETE FROM clocks WHERE case_no = c;"
	"    END IF;"
	"    RETURN n;"
	"  END $$;"
	"CREATE FUNCTION yekuo_capture_lock() RETURNS void"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$"
	"  BEGIN LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE; END $$;"
	"CREATE FUNCTION yekuo_meta_fixed() RETURNS trigger LANGUAGE plpgsql AS $$"
	"  BEGIN"
	"    IF OLD.key IN ('application', 'schema', 'training', 'office', 'db-id', 'identity',"
	"                   'identity-signature') THEN"
	"      RAISE EXCEPTION 'meta % never changes', OLD.key;"
	"    END IF;"
	"    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;"
	"    RETURN NEW;"
	"  END $$;"
	"UPDATE meta SET value = '2' WHERE key = 'schema';"
	"CREATE TRIGGER meta_fixed BEFORE UPDATE OR DELETE ON meta"
	"  FOR EACH ROW EXECUTE FUNCTION yekuo_meta_fixed();"
	"REVOKE ALL ON sync_events, sync_peers, sync_imports, sync_unlock, seals, seal_events,"
	"  trusted_offices, office_seals, office_key FROM PUBLIC;"
	"REVOKE ALL ON FUNCTION yekuo_merge_delete(text, bigint, boolean), yekuo_capture_lock() FROM PUBLIC;"
	"GRANT INSERT, UPDATE ON meta TO " PG_CLERK_ROLE ";"
	"GRANT SELECT, INSERT ON sync_events, seals, seal_events, office_key TO " PG_CLERK_ROLE ";"
	"GRANT SELECT, INSERT, UPDATE ON sync_peers TO " PG_CLERK_ROLE ";"
	"GRANT SELECT ON sync_imports, sync_unlock, trusted_offices, office_seals TO " PG_CLERK_ROLE ";"
	"GRANT EXECUTE ON FUNCTION yekuo_capture_lock() TO " PG_CLERK_ROLE ";"
	"GRANT INSERT ON sync_imports TO " PG_SYNC_ROLE ";"
	"GRANT INSERT, UPDATE, DELETE ON trusted_offices, office_seals TO " PG_SYNC_ROLE ";"
	"GRANT EXECUTE ON FUNCTION yekuo_merge_delete(text, bigint, boolean) TO " PG_SYNC_ROLE ";";

/* Schema 3: the office's settings and each clerk's, which a file keeps in
 * its meta table (docs/store.md "settings"). Every clerk reads both (a
 * receipt names the clerk who opened the case); a clerk changes only the
 * rows of their own role; the office's rows and other clerks' only the
 * owner or a member of yekuo_admin. */
static const char *const pg_schema_v3 =
	"DO $$ BEGIN"
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" PG_ADMIN_ROLE "') THEN"
	"    CREATE ROLE " PG_ADMIN_ROLE " NOLOGIN;"
	"  END IF;"
	"END $$;"
	"GRANT " PG_CLERK_ROLE " TO " PG_ADMIN_ROLE ";"
	"CREATE TABLE office_settings ("
	"  key text COLLATE \"C\" PRIMARY KEY,"
	"  value text NOT NULL);"
	"CREATE TABLE clerk_settings ("
	"  role text COLLATE \"C\" NOT NULL,"
	"  key text COLLATE \"C\" NOT NULL,"
	"  value text NOT NULL,"
	"  PRIMARY KEY (role, key));"
	"ALTER TABLE clerk_settings ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY clerk_settings_read ON clerk_settings FOR SELECT USING (true);"
	"CREATE POLICY clerk_settings_own ON clerk_settings FOR ALL"
	"  USING (role = current_user) WITH CHECK (role = current_user);"
	"CREATE POLICY clerk_settings_admin ON clerk_settings FOR ALL TO " PG_ADMIN_ROLE
	"  USING (true) WITH CHECK (true);"
	"REVOKE ALL ON office_settings, clerk_settings FROM PUBLIC;"
	"GRANT SELECT ON office_settings TO " PG_CLERK_ROLE ";"
	"GRANT INSERT, UPDATE, DELETE ON office_settings TO " PG_ADMIN_ROLE ";"
	"GRANT SELECT, INSERT, UPDATE, DELETE ON clerk_settings TO " PG_CLERK_ROLE ";"
	"ALTER TABLE meta DISABLE TRIGGER meta_fixed;"
	"UPDATE meta SET value = '3' WHERE key = 'schema';"
	"ALTER TABLE meta ENABLE TRIGGER meta_fixed;";

/* Keep a failed result's (or the connection's) error for pg_db_error;
 * clears r. */
static void
pg_keep_error(struct yk_store *st, PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t len;

	snprintf(st->pg->state, sizeof st->pg->state, "%s", state ? state : "");
	snprintf(st->pg->msg, sizeof st->pg->msg, "%s", msg ? msg : PQerrorMessage(st->pg->c));
	len = strlen(st->pg->msg);
	while (len && (st->pg->msg[len - 1] == '\n' || st->pg->msg[len - 1] == ' '))
		st->pg->msg[--len] = '\0';
	PQclear(r);
}

/* Set err from a failed result (or the connection), naming what was being
 * done; clears r; always -1. */
static int
pg_fail(struct yk_store *st, PGresult *r, yk_error *err, const char *what)
{
	pg_keep_error(st, r);
	return pg_db_error(st, err, what);
}

int
pg_db_error(struct yk_store *st, yk_error *err, const char *what)
{
	const char *state = st->pg->state[0] ? st->pg->state : NULL;
	enum yk_error_kind kind = YK_ERR_SYSTEM;
	const char *hint = "";
	const char *buf = st->pg->msg;

	if (state && strcmp(state, "55P03") == 0) {
		kind = YK_ERR_LOCKED;
		hint = _("（别的程序正占用数据库；请再试一次）");
	} else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)) {
		kind = YK_ERR_LOCKED;
		hint = _("（另一位受理人正在修改同一个案件：请重试）");
	} else if (state && strcmp(state, "42501") == 0) {
		hint = _("（这个数据库角色不能做这件事：见 docs/deploy.md）");
	} else if (state && strcmp(state, "42P01") == 0) {
		kind = YK_ERR_DAMAGED;
		hint = _("（不是 yekuo 数据库：请用 yekuo server init 创建）");
	}
	return yk_error_setk(err, kind, _("%s：%s：%s%s"), st->path, what, buf, hint);
}

static int
pg_ok(const PGresult *r)
{
	ExecStatusType s = PQresultStatus(r);

	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

static PGresult *
pg_query(struct yk_store *st, const char *sql, int n, const char *const *vals)
{
	return PQexecParams(st->pg->c, sql, n, NULL, vals, NULL, NULL, 0);
}

/* Run one or more statements with no parameters. */
static int
pg_exec(struct yk_store *st, const char *sql, yk_error *err, const char *what)
{
	PGresult *r = PQexec(st->pg->c, sql);

	if (!pg_ok(r))
		return pg_fail(st, r, err, what);
	PQclear(r);
	return 0;
}

/* Column i of row `row`, "" for NULL. */
static const char *
pg_col(const PGresult *r, int row, int i)
{
	return PQgetisnull(r, row, i) ? "" : PQgetvalue(r, row, i);
}

static int
pg_meta_get(struct yk_store *st, const char *key, char *out, size_t outsz, yk_error *err)
{
	const char *v[1] = {key};
	PGresult *r = pg_query(st, "SELECT value FROM meta WHERE key = $1", 1, v);

	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取数据库"));
	snprintf(out, outsz, "%s", PQntuples(r) ? pg_col(r, 0, 0) : "");
	PQclear(r);
	return 0;
}

static int
pg_create_schema(struct yk_store *st, const struct store_init *init, yk_error *err)
{
	static const char *const sql = "INSERT INTO meta (key, value) VALUES "
				       "('application', 'yekuo'), ('schema', $1), ('training', $2), "
				       "('office', $3), ('db-id', md5(random()::text || clock_timestamp()::text))";
	/* schema 1, then each later schema in order, as on an upgrade */
	const char *v[3] = {"1", init && init->training ? "1" : "0",
			    init && init->office[0] ? init->office : "A"};
	PGresult *r;

	if (pg_exec(st, "BEGIN", err, _("无法创建数据库")) < 0)
		return -1;
	r = pg_query(st, "SELECT to_regclass('meta') IS NOT NULL", 0, NULL);
	if (!pg_ok(r)) {
		pg_fail(st, r, err, _("无法创建数据库"));
		goto fail;
	}
	if (strcmp(pg_col(r, 0, 0), "t") == 0) {
		PQclear(r);
		yk_error_setk(err, YK_ERR_CONFLICT, _("%s：已经有 yekuo 数据库（或名为 meta 的表）；没有改动它"), st->path);
		goto fail;
	}
	PQclear(r);
	if (pg_exec(st, pg_schema, err, _("无法创建数据库")) < 0)
		goto fail;
	r = pg_query(st, sql, 3, v);
	if (pg_ok(r)) {
		PQclear(r);
		r = PQexec(st->pg->c, pg_schema_v2);
	}
	if (pg_ok(r)) {
		PQclear(r);
		r = PQexec(st->pg->c, pg_schema_v3);
	}
	if (!pg_ok(r)) {
		pg_fail(st, r, err, _("无法创建数据库"));
		goto fail;
	}
	PQclear(r);
	return pg_exec(st, "COMMIT", err, _("无法创建数据库"));
fail:
	PQclear(PQexec(st->pg->c, "ROLLBACK"));
	return -1;
}

/* The address as messages show it: a password in it (user:PASSWORD@ or
 * password=…) replaced by "***". */
static char *
pg_display(const char *uri)
{
	char *d = xstrdup(uri), *p, *at, *colon, *out;
	const char *rest = strstr(uri, "://") + 3;

	/* the userinfo: between "://" and the first '@' before any '/' */
	at = strchr(d + (rest - uri), '@');
	p = strchr(d + (rest - uri), '/');
	if (at && (!p || at < p)) {
		colon = memchr(d + (rest - uri), ':', (size_t)(at - (d + (rest - uri))));
		if (colon) {
			*colon = '\0';
			out = xasprintf("%s:***%s", d, at);
			free(d);
			d = out;
		}
	}
	for (p = strstr(d, "password="); p; p = strstr(p + 1, "password=")) {
		size_t off = (size_t)(p - d) + 9;
		const char *end;

		if (p != d && p[-1] != '?' && p[-1] != '&')
			continue;
		end = strchr(d + off, '&');
		out = xasprintf("%.*s***%s", (int)off, d, end ? end : "");
		free(d);
		d = out;
		p = d + off;
	}
	return d;
}

int
pg_open(struct yk_store *st, enum store_mode mode, const struct store_init *init, yk_error *err)
{
	char app[32], buf[64];
	PGresult *r;

	st->pg = xcalloc(1, sizeof *st->pg);
	st->pg->c = PQconnectdb(st->path);
	{
		/* connected with the whole address; messages name it without a password */
		char *shown = pg_display(st->path);

		free(st->path);
		st->path = shown;
	}
	if (PQstatus(st->pg->c) != CONNECTION_OK)
		return pg_fail(st, NULL, err, _("无法连接服务器"));
	if (PQsetClientEncoding(st->pg->c, "UTF8") != 0)
		return pg_fail(st, NULL, err, _("无法连接服务器"));
	/* notices (e.g. "role exists") are not for the clerk */
	PQclear(PQexec(st->pg->c, "SET client_min_messages = warning"));
	/* a lock another program holds (a psql left in a transaction, a
	 * pg_dump's) is waited for as long as on a file, then LOCKED (55P03),
	 * never for ever */
	snprintf(buf, sizeof buf, "SET lock_timeout = %d", db_busy_timeout_ms());
	PQclear(PQexec(st->pg->c, buf));
	if (mode == STORE_CREATE && pg_create_schema(st, init, err) < 0)
		return -1;
	if (pg_meta_get(st, "application", app, sizeof app, err) < 0)
		return -1;
	if (strcmp(app, "yekuo") != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s：不是 yekuo 数据库"), st->path);
	if (pg_meta_get(st, "schema", buf, sizeof buf, err) < 0)
		return -1;
	if (strcmp(buf, "1") == 0 || strcmp(buf, "2") == 0) {
		/* schema 1 (no sync, no seals), 2 (no settings): upgraded in one
		 * transaction by the role that owns the tables, each later
		 * schema in order */
		if (pg_exec(st, "BEGIN", err, _("无法升级数据库")) < 0)
			return -1;
		if ((strcmp(buf, "1") == 0 &&
		     pg_exec(st, pg_schema_v2, err, _("无法升级数据库（请数据库的所有者，例如运行 yekuo server init 的人，运行一次 yekuo 来升级）")) < 0) ||
		    pg_exec(st, pg_schema_v3, err, _("无法升级数据库（请数据库的所有者，例如运行 yekuo server init 的人，运行一次 yekuo 来升级）")) < 0) {
			PQclear(PQexec(st->pg->c, "ROLLBACK"));
			return -1;
		}
		if (pg_exec(st, "COMMIT", err, _("无法升级数据库")) < 0 ||
		    pg_meta_get(st, "schema", buf, sizeof buf, err) < 0)
			return -1;
	}
	if (strcmp(buf, PG_SCHEMA_VERSION) != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s：服务器的数据库结构版本是 %s，这个 yekuo 认识的是 %s：请更新 yekuo；数据库没有改动"),
				     st->path, buf, PG_SCHEMA_VERSION);
	if (pg_meta_get(st, "training", buf, sizeof buf, err) < 0 ||
	    pg_meta_get(st, "office", st->office, sizeof st->office, err) < 0)
		return -1;
	st->training = strcmp(buf, "1") == 0;
	r = pg_query(st, "SELECT current_user", 0, NULL);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法连接服务器"));
	snprintf(st->pg->role, sizeof st->pg->role, "%s", pg_col(r, 0, 0));
	PQclear(r);
	return 0;
}

void
pg_close(struct yk_store *st)
{
	PQfinish(st->pg->c);
	free(st->pg);
	st->pg = NULL;
}

const char *
pg_role(const struct yk_store *st)
{
	return st->pg->role;
}

/* READ COMMITTED: a case number's counter row is taken in turn (never the
 * same number twice), and two clerks appending to one case meet on the
 * (case_no, seq) key — the later one is refused (pg_insert_event). */
int
pg_begin(struct yk_store *st, yk_error *err)
{
	return pg_exec(st, "BEGIN", err, _("无法开始事务"));
}

int
pg_commit(struct yk_store *st, yk_error *err)
{
	if (pg_exec(st, "COMMIT", err, _("无法保存")) < 0) {
		pg_rollback(st);
		return -1;
	}
	return 0;
}

void
pg_rollback(struct yk_store *st)
{
	if (PQtransactionStatus(st->pg->c) != PQTRANS_IDLE)
		PQclear(PQexec(st->pg->c, "ROLLBACK"));
}

static int
pg_counter(struct yk_store *st, const char *sql, const char *key, long value, long *out,
	   yk_error *err)
{
	char b[32];
	const char *v[2] = {key, b};
	PGresult *r;

	snprintf(b, sizeof b, "%ld", value);
	r = pg_query(st, sql, 2, v);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法给案件编号"));
	if (out)
		*out = atol(pg_col(r, 0, 0));
	PQclear(r);
	return 0;
}

int
pg_next_seq(struct yk_store *st, const char *key, long *seq, yk_error *err)
{
	return pg_counter(st, "INSERT INTO counters (key, value) VALUES ($1, $2) "
			      "ON CONFLICT (key) DO UPDATE SET value = counters.value + 1 RETURNING value",
			  key, 1, seq, err);
}

int
pg_seq_at_least(struct yk_store *st, const char *key, long seq, yk_error *err)
{
	return pg_counter(st, "INSERT INTO counters (key, value) VALUES ($1, $2) "
			      "ON CONFLICT (key) DO UPDATE SET value = greatest(counters.value, "
			      "EXCLUDED.value)",
			  key, seq, NULL, err);
}

/* SQLite text for the server: '?N' becomes '$N' and each bare '?' the
 * next number; *nparams gets the highest. Only the store's own fixed SQL
 * passes here (no '?' inside its literals). */
static char *
pg_sql(const char *sql, int *nparams)
{
	char *q = xmalloc(strlen(sql) * 2 + 1), *d = q;
	int next = 0;

	*nparams = 0;
	for (const char *p = sql; *p; p++) {
		int k;

		if (*p != '?') {
			*d++ = *p;
			continue;
		}
		if (p[1] >= '1' && p[1] <= '9')
			k = *++p - '0';
		else
			k = ++next;
		d += sprintf(d, "$%d", k);
		if (k > *nparams)
			*nparams = k;
	}
	*d = '\0';
	return q;
}

int
pg_exists(struct yk_store *st, const char *sql, const char *arg, yk_error *err)
{
	const char *v[1] = {arg};
	int np, found;
	char *q = pg_sql(sql, &np);
	PGresult *r = pg_query(st, q, np, v);

	free(q);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取数据库"));
	found = PQntuples(r) > 0;
	PQclear(r);
	return found;
}

int
pg_case_events(struct yk_store *st, const char *case_no, struct yk_event **evs, size_t *n,
	       yk_error *err)
{
	const char *v[1] = {case_no};
	PGresult *r = pg_query(st, "SELECT " EVENT_COLUMNS " FROM events WHERE case_no = $1 ORDER BY seq",
			       1, v);
	int rows;

	*evs = NULL;
	*n = 0;
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取事件"));
	rows = PQntuples(r);
	if (rows)
		*evs = xcalloc((size_t)rows, sizeof **evs);
	for (int i = 0; i < rows; i++) {
		const char *col[NEVENT_COLUMNS];

		for (int j = 0; j < NEVENT_COLUMNS; j++)
			col[j] = pg_col(r, i, j);
		if (db_cols_to_event(col, &(*evs)[i], err) < 0) {
			events_free(*evs, (size_t)i + 1);
			*evs = NULL;
			PQclear(r);
			return -1;
		}
		*n = (size_t)i + 1;
	}
	PQclear(r);
	return 0;
}

/* Another clerk appended to the case first (the (case_no, seq) key): say
 * who and when, after ending the transaction the refusal spoilt. */
static int
changed_by(struct yk_store *st, const struct yk_event *ev, yk_error *err)
{
	char seq[32];
	const char *v[2] = {ev->case_no, seq};
	PGresult *r;

	pg_rollback(st);
	snprintf(seq, sizeof seq, "%ld", ev->seq);
	r = pg_query(st, "SELECT operator, recorded FROM events WHERE case_no = $1 AND seq = $2", 2, v);
	if (!pg_ok(r) || PQntuples(r) == 0) {
		PQclear(r);
		return yk_error_setk(err, YK_ERR_CONFLICT, _("%s：另一位受理人刚刚改过，请重新载入（什么也没有保存）"), ev->case_no);
	}
	yk_error_setk(err, YK_ERR_CONFLICT, _("%s：%s 在 %s 改过，请重新载入（什么也没有保存）"),
		      ev->case_no, pg_col(r, 0, 0), pg_col(r, 0, 1));
	PQclear(r);
	return -1;
}

int
pg_insert_event(struct yk_store *st, const struct yk_event *ev, yk_error *err)
{
	char *data = payload_serialize(&ev->data), b[YK_DATE_BUFSZ], seq[32];
	const char *v[NEVENT_COLUMNS] = {ev->uuid, ev->case_no, seq, ev_kind_code(ev->kind),
					 date_format(ev->effective, b), ev->recorded,
					 ev->operator_name, ev->origin, data, ev->prev_hash, ev->hash};
	PGresult *r;
	const char *state, *constraint;

	snprintf(seq, sizeof seq, "%ld", ev->seq);
	r = pg_query(st, "INSERT INTO events (" EVENT_COLUMNS ") "
			 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		     NEVENT_COLUMNS, v);
	free(data);
	if (pg_ok(r)) {
		PQclear(r);
		return 0;
	}
	state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
	if (state && strcmp(state, "23505") == 0 && constraint &&
	    strcmp(constraint, "events_case_seq") == 0) {
		PQclear(r);
		return changed_by(st, ev, err);
	}
	return pg_fail(st, r, err, _("无法保存事件"));
}

int
pg_put_case(struct yk_store *st, const struct case_state *c, yk_error *err)
{
	struct case_row row;
	char *clock = case_clock_encode(c);
	const char *cv[6] = {c->case_no, c->status == CASE_OPEN ? "t" : "f", c->name, c->phone,
			     c->address, clock};
	PGresult *r;

	db_case_row_make(c, &row);
	r = pg_query(st, "INSERT INTO cases (" CASE_COLUMNS ") "
			 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
			 "ON CONFLICT (case_no) DO UPDATE SET status = EXCLUDED.status, "
			 "region = EXCLUDED.region, category = EXCLUDED.category, "
			 "applied = EXCLUDED.applied, closed_on = EXCLUDED.closed_on, "
			 "name = EXCLUDED.name, phone = EXCLUDED.phone, address = EXCLUDED.address, "
			 "filed = EXCLUDED.filed, late = EXCLUDED.late, nevents = EXCLUDED.nevents, "
			 "last_hash = EXCLUDED.last_hash, state = EXCLUDED.state",
		     NCASE_COLUMNS, (const char *const *)row.val);
	db_case_row_free(&row);
	if (pg_ok(r)) {
		PQclear(r);
		r = pg_query(st, "INSERT INTO clocks (case_no, open, name, phone, address, clock) "
				 "VALUES ($1, $2, $3, $4, $5, $6) "
				 "ON CONFLICT (case_no) DO UPDATE SET open = EXCLUDED.open, "
				 "name = EXCLUDED.name, phone = EXCLUDED.phone, "
				 "address = EXCLUDED.address, clock = EXCLUDED.clock",
			     6, cv);
	}
	free(clock);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法保存案件"));
	PQclear(r);
	return 0;
}

int
pg_get_case(struct yk_store *st, const char *case_no, struct case_state *c, yk_error *err)
{
	const char *v[1] = {case_no};
	PGresult *r = pg_query(st, "SELECT state FROM cases WHERE case_no = $1", 1, v);
	int ret;

	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取案件"));
	ret = PQntuples(r) ? case_decode(pg_col(r, 0, 0), c, err) : 1;
	PQclear(r);
	return ret;
}

/* One query's rows handed on as they arrive. Brief rows are the clocks
 * table's (case number, name, phone, address, clock), decoded into one
 * reused case_state; full rows a case's whole state. */
struct each_ctx {
	int brief;
	struct case_state c;
	int (*fn)(void *ctx, const struct case_state *c);
	void *ctx;
	int stop;
};

static int
each_row(struct each_ctx *e, PGresult *r, yk_error *err)
{
	for (int i = 0; i < PQntuples(r) && !e->stop; i++) {
		struct case_state c;

		if (e->brief) {
			snprintf(e->c.case_no, sizeof e->c.case_no, "%s", pg_col(r, i, 0));
			snprintf(e->c.name, sizeof e->c.name, "%s", pg_col(r, i, 1));
			snprintf(e->c.phone, sizeof e->c.phone, "%s", pg_col(r, i, 2));
			snprintf(e->c.address, sizeof e->c.address, "%s", pg_col(r, i, 3));
			if (case_clock_decode(pg_col(r, i, 4), &e->c, err) < 0)
				return -1;
			e->stop = e->fn(e->ctx, &e->c);
			continue;
		}
		if (case_decode(pg_col(r, i, 0), &c, err) < 0)
			return -1;
		e->stop = e->fn(e->ctx, &c);
		case_state_free(&c);
	}
	return 0;
}

/* Run sql and hand each row to each_row as it arrives (libpq's single-row
 * mode), so that a report over a million cases holds one case at a time,
 * not the whole result. The callbacks (list, report and export rows)
 * make no query of their own on this connection meanwhile. */
static int
pg_stream(struct yk_store *st, const char *sql, int n, const char *const *vals,
	  struct each_ctx *e, yk_error *err)
{
	PGresult *r;
	int rc = 0;

	if (!PQsendQueryParams(st->pg->c, sql, n, NULL, vals, NULL, NULL, 0))
		return pg_fail(st, NULL, err, _("无法读取案件列表"));
	PQsetSingleRowMode(st->pg->c);
	while ((r = PQgetResult(st->pg->c)) != NULL) {
		ExecStatusType s = PQresultStatus(r);

		if (rc == 0 && s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK) {
			pg_keep_error(st, r); /* clears r */
			rc = pg_db_error(st, err, _("无法读取案件列表"));
			continue;
		}
		if (rc == 0 && !e->stop && each_row(e, r, err) < 0)
			rc = -1;
		PQclear(r);
	}
	return rc;
}

/* store_query_cases and store_scan_cases on the server (scan: no order). */
int
pg_query_cases(struct yk_store *st, const struct case_query *q, int scan,
	       int (*fn)(void *ctx, const struct case_state *c), void *ctx, yk_error *err)
{
	char sql[512], b[3][YK_DATE_BUFSZ], n[8];
	const char *args[3];
	int nargs = 0, rc;
	struct each_ctx e = {.brief = q->brief, .fn = fn, .ctx = ctx};

	if (q->brief) {
		if (q->filed_only || (q->applied_from != YK_DATE_NONE && q->applied_from) ||
		    (q->applied_to != YK_DATE_NONE && q->applied_to) ||
		    (q->active_from != YK_DATE_NONE && q->active_from))
			return yk_error_set(err, _("简要的案件查询只能按是否在办筛选"));
		case_state_init(&e.c);
		rc = pg_stream(st, q->open_only ? "SELECT case_no, name, phone, address, clock FROM clocks "
						  "WHERE open ORDER BY case_no"
						: "SELECT case_no, name, phone, address, clock FROM clocks "
						  "ORDER BY case_no",
			       0, NULL, &e, err);
		case_state_free(&e.c);
		return rc;
	}
	/* Only fixed SQL text is assembled here; every value is bound. */
	snprintf(sql, sizeof sql, "SELECT state FROM cases WHERE true%s%s",
		 q->open_only ? " AND status = 'open'" : "", q->filed_only ? " AND filed = 1" : "");
	if (q->applied_from != YK_DATE_NONE && q->applied_from != 0) {
		snprintf(n, sizeof n, "$%d", nargs + 1);
		strcat(sql, " AND applied >= ");
		strcat(sql, n);
		args[nargs] = date_format(q->applied_from, b[nargs]);
		nargs++;
	}
	if (q->applied_to != YK_DATE_NONE && q->applied_to != 0) {
		snprintf(n, sizeof n, "$%d", nargs + 1);
		strcat(sql, " AND applied <= ");
		strcat(sql, n);
		args[nargs] = date_format(q->applied_to, b[nargs]);
		nargs++;
	}
	if (q->active_from != YK_DATE_NONE && q->active_from != 0) {
		/* still open, or closed on/after the date */
		snprintf(n, sizeof n, "$%d", nargs + 1);
		strcat(sql, " AND (closed_on IS NULL OR closed_on >= ");
		strcat(sql, n);
		strcat(sql, ")");
		args[nargs] = date_format(q->active_from, b[nargs]);
		nargs++;
	}
	if (!scan)
		strcat(sql, " ORDER BY case_no");
	return pg_stream(st, sql, nargs, args, &e, err);
}

int
pg_case_row_differs(struct yk_store *st, const struct case_state *c, yk_error *err)
{
	const char *v[1] = {c->case_no};
	PGresult *r = pg_query(st, "SELECT " CASE_COLUMNS " FROM cases WHERE case_no = $1", 1, v);
	struct case_row row;
	char *clock;
	int diff = 0;

	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取案件"));
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 1;
	}
	db_case_row_make(c, &row);
	for (int i = 0; i < NCASE_COLUMNS && !diff; i++)
		if (PQgetisnull(r, 0, i) != (row.val[i] == NULL) ||
		    (row.val[i] && strcmp(PQgetvalue(r, 0, i), row.val[i]) != 0))
			diff = i + 1;
	db_case_row_free(&row);
	PQclear(r);
	if (diff)
		return diff;
	r = pg_query(st, "SELECT open, name, phone, address, clock FROM clocks WHERE case_no = $1", 1, v);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取案件"));
	clock = case_clock_encode(c);
	if (PQntuples(r) == 0 ||
	    strcmp(pg_col(r, 0, 0), c->status == CASE_OPEN ? "t" : "f") != 0 ||
	    strcmp(pg_col(r, 0, 1), c->name) != 0 || strcmp(pg_col(r, 0, 2), c->phone) != 0 ||
	    strcmp(pg_col(r, 0, 3), c->address) != 0 || strcmp(pg_col(r, 0, 4), clock) != 0)
		diff = NCASE_COLUMNS + 1;
	free(clock);
	PQclear(r);
	return diff;
}

int
pg_cases_at(struct yk_store *st, const char *sql, const char *address, yk_date from, yk_date to,
	    int (*fn)(void *ctx, struct case_state *c, yk_error *err), void *ctx, yk_error *err)
{
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];
	const char *v[3] = {address, date_format(from, b1), date_format(to, b2)};
	int np, ret = 0;
	char *q = pg_sql(sql, &np);
	PGresult *r = pg_query(st, q, np, v);

	free(q);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取同一地址的案件"));
	for (int i = 0; i < PQntuples(r) && ret == 0; i++) {
		struct case_state c;

		if (case_decode(pg_col(r, i, 0), &c, err) < 0) {
			ret = -1;
			break;
		}
		ret = fn(ctx, &c, err);
		case_state_free(&c);
	}
	PQclear(r);
	return ret < 0 ? -1 : 0;
}

long
pg_verify(struct yk_store *st, const struct yk_rules *rules,
	  void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err)
{
	long count = 0;
	PGresult *r;

	/* The guards that keep the log append-only, present and enabled. */
	r = pg_query(st, "SELECT t.name, count(g.tgname) FROM unnest(ARRAY['events', 'sync_events', "
			 "'seals', 'seal_events', 'office_key']) AS t(name) LEFT JOIN pg_trigger g ON "
			 "g.tgrelid = t.name::regclass AND g.tgenabled <> 'D' AND g.tgname IN "
			 "(t.name || '_no_update', t.name || '_no_delete', t.name || '_no_truncate') "
			 "GROUP BY t.name ORDER BY t.name",
		     0, NULL);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法检查数据库"));
	for (int i = 0; i < PQntuples(r); i++)
		if (strcmp(pg_col(r, i, 1), "3") != 0) {
			if (strcmp(pg_col(r, i, 0), "events") == 0)
				db_problem(fn, ctx, &count, "%s", _("事件记录的只增保护被去掉了"));
			else
				db_problem(fn, ctx, &count, _("表 %s 的只增保护被去掉了或被停用"),
					   pg_col(r, i, 0));
		}
	PQclear(r);
	/* Every case's chain, then its cached state against a replay. */
	r = pg_query(st, "SELECT case_no FROM events UNION SELECT case_no FROM cases ORDER BY 1", 0,
		     NULL);
	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法检查数据库"));
	for (int i = 0; i < PQntuples(r); i++)
		count += db_verify_case(st, pg_col(r, i, 0), rules, fn, ctx);
	PQclear(r);
	return count;
}

int
pg_exec_sql(struct yk_store *st, const char *sql)
{
	PGresult *r = PQexec(st->pg->c, sql);

	if (!pg_ok(r)) {
		pg_keep_error(st, r);
		return -1;
	}
	PQclear(r);
	return 0;
}

/* May this role do what `sql` (one boolean) asks? 1 yes, 0 no, -1 error. */
static int
pg_may(struct yk_store *st, const char *sql, yk_error *err)
{
	PGresult *r = pg_query(st, sql, 0, NULL);
	int may;

	if (!pg_ok(r))
		return pg_fail(st, r, err, _("无法读取数据库"));
	may = strcmp(pg_col(r, 0, 0), "t") == 0;
	PQclear(r);
	return may;
}

int
pg_may_merge(struct yk_store *st, yk_error *err)
{
	int may = pg_may(st, "SELECT pg_has_role(current_user, '" PG_SYNC_ROLE "', 'MEMBER')", err);

	if (may != 0)
		return may < 0 ? -1 : 0;
	return yk_error_setk(err, YK_ERR_INPUT,
			     _("%s: 数据库角色 %s 不能把其他数据库的记录并入服务器：sync import、resolve、"
			       "renumber 和 trust 需要角色 yekuo_sync（由数据库所有者执行 GRANT "
			       "yekuo_sync TO %s；见 docs/deploy.md）；什么也没有改变"),
			     st->path, st->pg->role, st->pg->role);
}

int
pg_may_set_office(struct yk_store *st, yk_error *err)
{
	int may = pg_may(st, "SELECT has_table_privilege('office_settings', 'INSERT')", err);

	if (may != 0)
		return may < 0 ? -1 : 0;
	return yk_error_setk(err, YK_ERR_INPUT,
			     _("%s：数据库角色 %s 不能改单位的设置，也不能改其他受理人的设置：这需要数据库"
			       "所有者或角色 yekuo_admin 的成员（由数据库所有者执行 GRANT yekuo_admin "
			       "TO %s；见 docs/deploy.md）；未作改动"),
			     st->path, st->pg->role, st->pg->role);
}

int
pg_in_transaction(struct yk_store *st)
{
	return PQtransactionStatus(st->pg->c) != PQTRANS_IDLE;
}

#define PG_Q_PARAMS 16

struct pg_q {
	struct yk_store *st;
	char *sql;
	int np;
	char *val[PG_Q_PARAMS];
	PGresult *r;
	int row;
	int stream;	/* rows one at a time (pg_q_stream) */
	int sent;	/* a streamed query is under way */
	long cursor;	/* rows in batches through cursor yk_cN (pg_q_cursor) */
	int declared;	/* that cursor is open */
	int last;	/* the batch held is the last */
};

/* Rows a cursor fetches at a time: a few MB of events. */
#define PG_Q_BATCH 1000

struct pg_q *
pg_q_prepare(struct yk_store *st, const char *sql)
{
	struct pg_q *q = xcalloc(1, sizeof *q);

	q->st = st;
	q->sql = pg_sql(sql, &q->np);
	q->row = -1;
	return q;
}

void
pg_q_bind(struct pg_q *q, int i, const char *v)
{
	if (i < 1 || i > PG_Q_PARAMS)
		return;
	free(q->val[i - 1]);
	q->val[i - 1] = v ? xstrdup(v) : NULL;
}

int
pg_q_param_count(const struct pg_q *q)
{
	return q->np;
}

void
pg_q_stream(struct pg_q *q)
{
	q->stream = 1;
}

void
pg_q_cursor(struct pg_q *q)
{
	static long n;

	q->cursor = ++n;
}

/* The next row of a cursor's query, fetching the next batch when the one
 * held is done. */
static int
pg_q_step_cursor(struct yk_store *st, struct pg_q *q)
{
	char cmd[64];

	if (!q->declared) {
		char *sql = xasprintf("DECLARE yk_c%ld NO SCROLL CURSOR FOR %s", q->cursor, q->sql);

		q->r = pg_query(st, sql, q->np > PG_Q_PARAMS ? PG_Q_PARAMS : q->np,
				(const char *const *)q->val);
		free(sql);
		if (!pg_ok(q->r)) {
			pg_keep_error(st, q->r);
			q->r = NULL;
			return SQLITE_ERROR;
		}
		PQclear(q->r);
		q->r = NULL;
		q->declared = 1;
		q->last = 0;
	}
	if (q->r && q->row + 1 < PQntuples(q->r)) {
		q->row++;
		return SQLITE_ROW;
	}
	PQclear(q->r);
	q->r = NULL;
	if (q->last)
		return SQLITE_DONE;
	snprintf(cmd, sizeof cmd, "FETCH %d FROM yk_c%ld", PG_Q_BATCH, q->cursor);
	q->r = pg_query(st, cmd, 0, NULL);
	if (!pg_ok(q->r)) {
		pg_keep_error(st, q->r);
		q->r = NULL;
		return SQLITE_ERROR;
	}
	q->last = PQntuples(q->r) < PG_Q_BATCH;
	q->row = 0;
	if (PQntuples(q->r) > 0)
		return SQLITE_ROW;
	PQclear(q->r);
	q->r = NULL;
	return SQLITE_DONE;
}

/* The rest of a streamed query's results, read and dropped. */
static void
pg_q_drain(struct pg_q *q)
{
	PGresult *r;

	while (q->sent && (r = PQgetResult(q->st->pg->c)) != NULL)
		PQclear(r);
	q->sent = 0;
}

static int
pg_q_step_stream(struct yk_store *st, struct pg_q *q)
{
	ExecStatusType s;

	if (!q->sent) {
		if (!PQsendQueryParams(st->pg->c, q->sql, q->np > PG_Q_PARAMS ? PG_Q_PARAMS : q->np,
				       NULL, (const char *const *)q->val, NULL, NULL, 0)) {
			pg_keep_error(st, NULL);
			return SQLITE_ERROR;
		}
		q->sent = 1;
		PQsetSingleRowMode(st->pg->c);
	}
	PQclear(q->r);
	q->r = PQgetResult(st->pg->c);
	q->row = 0;
	s = q->r ? PQresultStatus(q->r) : PGRES_TUPLES_OK;
	if (s == PGRES_SINGLE_TUPLE)
		return SQLITE_ROW;
	if (q->r && s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
		pg_keep_error(st, q->r);
		q->r = NULL;
		pg_q_drain(q);
		return SQLITE_ERROR;
	}
	PQclear(q->r);
	q->r = NULL;
	pg_q_drain(q);
	return SQLITE_DONE;
}

int
pg_q_step(struct yk_store *st, struct pg_q *q)
{
	if (q->stream)
		return pg_q_step_stream(st, q);
	if (q->cursor)
		return pg_q_step_cursor(st, q);
	if (!q->r) {
		q->r = pg_query(st, q->sql, q->np > PG_Q_PARAMS ? PG_Q_PARAMS : q->np,
				(const char *const *)q->val);
		if (!pg_ok(q->r)) {
			pg_keep_error(st, q->r);
			q->r = NULL;
			return SQLITE_ERROR;
		}
		q->row = -1;
	}
	if (++q->row < PQntuples(q->r))
		return SQLITE_ROW;
	q->row = PQntuples(q->r);
	return SQLITE_DONE;
}

const char *
pg_q_col(const struct pg_q *q, int i)
{
	return q->r && q->row >= 0 && q->row < PQntuples(q->r) ? pg_col(q->r, q->row, i) : "";
}

size_t
pg_q_bytes(const struct pg_q *q, int i)
{
	return q->r && q->row >= 0 && q->row < PQntuples(q->r) && !PQgetisnull(q->r, q->row, i)
		       ? (size_t)PQgetlength(q->r, q->row, i) : 0;
}

void
pg_q_reset(struct pg_q *q)
{
	pg_q_drain(q);
	PQclear(q->r);
	q->r = NULL;
	q->row = -1;
	if (q->declared) {
		char cmd[48];

		/* gone already if its transaction ended: nothing to close then */
		snprintf(cmd, sizeof cmd, "CLOSE yk_c%ld", q->cursor);
		if (PQtransactionStatus(q->st->pg->c) == PQTRANS_INTRANS)
			PQclear(PQexec(q->st->pg->c, cmd));
		q->declared = 0;
	}
}

void
pg_q_free(struct pg_q *q)
{
	if (!q)
		return;
	pg_q_reset(q);
	for (int i = 0; i < PG_Q_PARAMS; i++)
		free(q->val[i]);
	free(q->sql);
	free(q);
}

#endif
