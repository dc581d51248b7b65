#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/receipt.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/settings.h"
#include "yekuo/store/store.h"
#include "store/db.h"
#include "store/pg.h"

/* On a file, meta keys: setting.KEY for the office's, clerk.OPERATOR.KEY
 * per clerk; office (the code, as before), office-chosen, settings-saved.
 * On a server (schema 3), the tables office_settings (key) and
 * clerk_settings (role, key), the operator being the role. */
static void
meta_key(const char *operator_name, const struct yk_setting *s, const char *key, char *out,
	 size_t outsz)
{
	if (s && s->clerk)
		snprintf(out, outsz, "clerk.%s.%s", operator_name ? operator_name : "", s->key);
	else if (s)
		snprintf(out, outsz, "setting.%s", s->key);
	else
		snprintf(out, outsz, "clerk.%s.%s", operator_name ? operator_name : "", key ? key : "");
}

static int
get(struct yk_store *st, const char *key, char *out, size_t outsz, yk_error *err)
{
	out[0] = '\0';
	if (st->pg)
		return 0;	/* settings-saved and the like: a server has none */
	return db_meta_get(st, key, out, outsz, err);
}

/* One value: the office's (clerk NULL) or clerk's; "" when none. */
static int
value_get(struct yk_store *st, const char *clerk, const char *key, char *out, size_t outsz,
	  yk_error *err)
{
	char mkey[256];
	struct dbq *q;
	int rc;

	if (!st->pg) {
		meta_key(clerk, NULL, key, mkey, sizeof mkey);
		if (!clerk)
			snprintf(mkey, sizeof mkey, "setting.%s", key);
		return get(st, mkey, out, outsz, err);
	}
	out[0] = '\0';
	if (dbq_prepare(st, clerk ? "SELECT value FROM clerk_settings WHERE role = ? AND key = ?"
				  : "SELECT value FROM office_settings WHERE key = ?", &q) != SQLITE_OK)
		return db_error(st, err, _("无法读取设置"));
	if (clerk)
		dbq_bind_text(q, 1, clerk);
	dbq_bind_text(q, clerk ? 2 : 1, key);
	rc = dbq_step(q);
	if (rc == SQLITE_ROW)
		snprintf(out, outsz, "%s", dbq_col(q, 0));
	dbq_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法读取设置"));
}

/* Keep (or, value "", remove) one value on a server. */
static int
pg_value_put(struct yk_store *st, const char *clerk, const char *key, const char *value,
	     yk_error *err)
{
	const char *sql;
	struct dbq *q;
	int rc, i = 1;

	if (clerk)
		sql = *value ? "INSERT INTO clerk_settings (role, key, value) VALUES (?, ?, ?) "
			       "ON CONFLICT (role, key) DO UPDATE SET value = excluded.value"
			     : "DELETE FROM clerk_settings WHERE role = ? AND key = ?";
	else
		sql = *value ? "INSERT INTO office_settings (key, value) VALUES (?, ?) "
			       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
			     : "DELETE FROM office_settings WHERE key = ?";
	if (dbq_prepare(st, sql, &q) != SQLITE_OK)
		return db_error(st, err, _("无法保存设置"));
	if (clerk)
		dbq_bind_text(q, i++, clerk);
	dbq_bind_text(q, i++, key);
	if (*value)
		dbq_bind_text(q, i, value);
	rc = dbq_step(q);
	dbq_finalize(q);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法保存设置"));
}

int
settings_load(struct yk_store *st, const char *operator_name, struct yk_settings *out,
	      yk_error *err)
{
	char buf[8];

	memset(out, 0, sizeof *out);
	for (int i = 0; i < SET_COUNT; i++) {
		const struct yk_setting *s = setting_at((enum setting_id)i);

		if (i == SET_OFFICE) {
			snprintf(out->v[i], sizeof out->v[i], "%s", store_office(st));
			continue;
		}
		if (value_get(st, s->clerk ? (operator_name ? operator_name : "") : NULL, s->key,
			      out->v[i], sizeof out->v[i], err) < 0)
			return -1;
	}
	if (!out->v[SET_HOTLINE][0])
		snprintf(out->v[SET_HOTLINE], sizeof out->v[SET_HOTLINE], "%s", SETTINGS_HOTLINE_DEFAULT);
	if (get(st, "settings-saved", buf, sizeof buf, err) < 0)
		return -1;
	out->configured = st->pg || strcmp(buf, "1") == 0;
	out->office_chosen = st->pg || st->office_chosen;
	if (!out->office_chosen) {
		/* a database that numbered cases before settings existed */
		int any = db_exists(st, "SELECT 1 FROM events LIMIT ?", "1", err);

		if (any < 0)
			return -1;
		out->office_chosen = any;
	}
	return 0;
}

int
settings_office_free(struct yk_store *st, yk_error *err)
{
	char identity[16];
	int any;

	if (st->pg)
		return 0;
	if (db_meta_get(st, "identity", identity, sizeof identity, err) < 0)
		return -1;
	if (identity[0])
		return 0;
	any = db_exists(st, "SELECT 1 FROM events LIMIT ?", "1", err);
	return any < 0 ? -1 : !any;
}

int
settings_mark_saved(struct yk_store *st, yk_error *err)
{
	if (st->pg)
		return 0;	/* a server never shows the first-start screen */
	return db_meta_set(st, "settings-saved", "1", err);
}

static int
meta_delete(struct yk_store *st, const char *key, yk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "DELETE FROM meta WHERE key = ?", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "cannot write the database");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, "cannot write the database");
}

int
settings_store(struct yk_store *st, const char *operator_name, enum setting_id id,
	       const char *value, yk_error *err)
{
	const struct yk_setting *s = setting_at(id);
	char key[256];

	if (st->pg && id != SET_OFFICE) {
		/* the office's, or another clerk's: the owner or yekuo_admin */
		if ((!s->clerk || strcmp(operator_name ? operator_name : "", store_server_role(st)) != 0) &&
		    pg_may_set_office(st, err) < 0)
			return -1;
		return pg_value_put(st, s->clerk ? (operator_name ? operator_name : "") : NULL, s->key,
				    value, err);
	}
	if (id == SET_OFFICE) {
		if (strcmp(value, st->office) != 0) {
			int free_ = settings_office_free(st, err);

			if (free_ < 0)
				return -1;
			if (!free_)
				return yk_error_setk(err, YK_ERR_CONFLICT,
						     _("办事处代码已是 %s，不能再改：它已写进本库的签名身份"
						       "或案件编号（要用 %s，请用 yekuo init --office %s 另建数据库）"),
						     st->office, value, value);
		}
		if (st->pg)
			return 0;	/* the same code: fixed at server init */
		if (db_exec(st, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		if (db_meta_set(st, "office", value, err) < 0 ||
		    db_meta_set(st, "office-chosen", "1", err) < 0 ||
		    db_meta_set(st, "settings-saved", "1", err) < 0 || db_exec(st, "COMMIT", err) < 0) {
			store_rollback(st);
			return -1;
		}
		snprintf(st->office, sizeof st->office, "%s", value);
		st->office_chosen = 1;
		return 0;
	}
	meta_key(operator_name, s, NULL, key, sizeof key);
	if (db_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	if ((*value ? db_meta_set(st, key, value, err) : meta_delete(st, key, err)) < 0 ||
	    db_meta_set(st, "settings-saved", "1", err) < 0 || db_exec(st, "COMMIT", err) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
settings_people_load(struct yk_store *st, struct settings_people *out, yk_error *err)
{
	static const char suffix[] = ".clerk-name";
	size_t cap = 0;
	struct dbq *q;
	int rc;

	memset(out, 0, sizeof *out);
	if (dbq_prepare(st, st->pg ? "SELECT role, value FROM clerk_settings WHERE key = 'clerk-name'"
				   : "SELECT key, value FROM meta WHERE key LIKE 'clerk.%.clerk-name'",
			&q) != SQLITE_OK)
		return db_error(st, err, _("无法读取设置"));
	while ((rc = dbq_step(q)) == SQLITE_ROW) {
		const char *op = dbq_col(q, 0);
		size_t len = strlen(op);

		if (!st->pg) {
			/* clerk.OPERATOR.clerk-name */
			if (len < 6 + sizeof suffix - 1 || strcmp(op + len - (sizeof suffix - 1), suffix) != 0)
				continue;
			op += 6;
			len -= 6 + sizeof suffix - 1;
		}
		if (out->n == cap) {
			out->op = xgrow(out->op, &cap, out->n + 1, sizeof *out->op);
			out->name = xrealloc(out->name, cap * sizeof *out->name);
		}
		out->op[out->n] = xasprintf("%.*s", (int)len, op);
		out->name[out->n++] = xstrdup(dbq_col(q, 1));
	}
	dbq_finalize(q);
	if (rc != SQLITE_DONE) {
		settings_people_free(out);
		return db_error(st, err, _("无法读取设置"));
	}
	return 0;
}

const char *
settings_people_name(const struct settings_people *p, const char *op)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->op[i], op) == 0 && p->name[i][0])
			return p->name[i];
	return op;
}

void
settings_people_free(struct settings_people *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->op[i]);
		free(p->name[i]);
	}
	free(p->op);
	free(p->name);
	memset(p, 0, sizeof *p);
}

int
settings_remember(struct yk_store *st, const char *operator_name, const char *key,
		  const char *value, yk_error *err)
{
	char k[256], name[200];

	snprintf(name, sizeof name, "last.%s", key);
	if (st->pg)
		return pg_value_put(st, operator_name ? operator_name : "", name, value, err);
	meta_key(operator_name, NULL, name, k, sizeof k);
	return db_meta_set(st, k, value, err);
}

int
settings_recall(struct yk_store *st, const char *operator_name, const char *key, char *out,
		size_t outsz, yk_error *err)
{
	char name[200];

	snprintf(name, sizeof name, "last.%s", key);
	return value_get(st, operator_name ? operator_name : "", name, out, outsz, err);
}

int
settings_first_start(struct yk_store *st, yk_error *err)
{
	struct yk_settings s;

	if (st->pg)
		return 0;
	if (settings_load(st, NULL, &s, err) < 0)
		return -1;
	return !s.office_chosen && !s.configured;
}

int
settings_hall(struct yk_store *st, const char *operator_name, struct receipt_hall *out,
	      yk_error *err)
{
	struct yk_settings s;

	memset(out, 0, sizeof *out);
	if (settings_load(st, operator_name, &s, err) < 0)
		return -1;
	snprintf(out->name, sizeof out->name, "%s", s.v[SET_HALL]);
	snprintf(out->address, sizeof out->address, "%s", s.v[SET_ADDRESS]);
	snprintf(out->hotline, sizeof out->hotline, "%.31s", s.v[SET_HOTLINE]);
	snprintf(out->clerk, sizeof out->clerk, "%s", s.v[SET_CLERK_NAME][0] ? s.v[SET_CLERK_NAME] : operator_name);
	snprintf(out->staff_no, sizeof out->staff_no, "%.31s", s.v[SET_STAFF_NO]);
	return 0;
}
