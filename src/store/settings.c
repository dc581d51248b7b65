#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/receipt.h"
#include "yekuo/store/settings.h"
#include "yekuo/store/store.h"
#include "store/db.h"

/* meta keys: setting.KEY for the office's, clerk.OPERATOR.KEY per clerk;
 * office (the code, as before), office-chosen, settings-saved */
static void
meta_key(const char *operator_name, const struct yk_setting *s, const char *key, char *out,
	 size_t outsz)
{
	if (s && s->clerk)
		snprintf(out, outsz, "clerk.%s.%s", operator_name ? operator_name : "", s->key);
	else if (s)
		snprintf(out, outsz, "setting.%s", s->key);
	else
		snprintf(out, outsz, "clerk.%s.%s", operator_name ? operator_name : "", key);
}

static int
get(struct yk_store *st, const char *key, char *out, size_t outsz, yk_error *err)
{
	out[0] = '\0';
	if (st->pg)
		return 0;	/* a server keeps no settings yet (docs/deploy.md) */
	return db_meta_get(st, key, out, outsz, err);
}

int
settings_load(struct yk_store *st, const char *operator_name, struct yk_settings *out,
	      yk_error *err)
{
	char key[256], buf[8];

	memset(out, 0, sizeof *out);
	for (int i = 0; i < SET_COUNT; i++) {
		const struct yk_setting *s = setting_at((enum setting_id)i);

		if (i == SET_OFFICE) {
			snprintf(out->v[i], sizeof out->v[i], "%s", store_office(st));
			continue;
		}
		meta_key(operator_name, s, NULL, key, sizeof key);
		if (get(st, key, out->v[i], sizeof out->v[i], err) < 0)
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

static int
refuse_server(struct yk_store *st, yk_error *err)
{
	if (!st->pg)
		return 0;
	return yk_error_setk(err, YK_ERR_CONFLICT,
			     _("%s：服务器上的数据库还不保存设置（见 docs/deploy.md）；未作改动"),
			     store_path(st));
}

int
settings_mark_saved(struct yk_store *st, yk_error *err)
{
	if (refuse_server(st, err) < 0)
		return -1;
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

	if (refuse_server(st, err) < 0)
		return -1;
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
settings_person(struct yk_store *st, const char *operator_name, char *out, size_t outsz,
		yk_error *err)
{
	char key[256];

	meta_key(operator_name, setting_at(SET_CLERK_NAME), NULL, key, sizeof key);
	if (get(st, key, out, outsz, err) < 0)
		return -1;
	if (!out[0])
		snprintf(out, outsz, "%s", operator_name ? operator_name : "");
	return 0;
}

int
settings_remember(struct yk_store *st, const char *operator_name, const char *key,
		  const char *value, yk_error *err)
{
	char k[256], name[200];

	if (st->pg)
		return 0;
	snprintf(name, sizeof name, "last.%s", key);
	meta_key(operator_name, NULL, name, k, sizeof k);
	return db_meta_set(st, k, value, err);
}

int
settings_recall(struct yk_store *st, const char *operator_name, const char *key, char *out,
		size_t outsz, yk_error *err)
{
	char k[256], name[200];

	snprintf(name, sizeof name, "last.%s", key);
	meta_key(operator_name, NULL, name, k, sizeof k);
	return get(st, k, out, outsz, err);
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
