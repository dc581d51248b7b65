#ifndef YEKUO_STORE_SETTINGS_H
#define YEKUO_STORE_SETTINGS_H

/* The office's settings and each clerk's, kept in a file's meta table or
 * a server's office_settings and clerk_settings (docs/store.md
 * "settings", docs/deploy.md 3a): the hall, its hotline and division,
 * the defaults of a new case, and per clerk (the operator name events
 * record) the display name, staff number and last choices at intake. */

#include "yekuo/core/error.h"
#include "yekuo/core/settings.h"

struct yk_store;

/* Every setting of the office and of the clerk operator_name. */
int settings_load(struct yk_store *st, const char *operator_name, struct yk_settings *out,
		  yk_error *err);
/* Keep one value (checked with setting_check first), and mark the settings
 * saved. The office code is refused once it is fixed: signed into the
 * office's identity or carried by case numbers (only the same code
 * confirms it). On a server the office's settings and other clerks' are
 * the owner's or yekuo_admin's to change: refused for anyone else. */
int settings_store(struct yk_store *st, const char *operator_name, enum setting_id id,
		   const char *value, yk_error *err);
/* Mark the settings saved (the first-start screen is not shown again). */
int settings_mark_saved(struct yk_store *st, yk_error *err);
/* Can the office code still be changed? 1 yes, 0 no (fixed), -1 error. */
int settings_office_free(struct yk_store *st, yk_error *err);
/* Every clerk's display name at once, for a document that names many
 * clerks while the cases are read (a server answers one query at a time
 * while it streams them): op[i] is shown as name[i]. */
struct settings_people {
	size_t n;
	char **op, **name;
};
int settings_people_load(struct yk_store *st, struct settings_people *out, yk_error *err);
/* The display name of operator op, or op when none was set. */
const char *settings_people_name(const struct settings_people *p, const char *op);
void settings_people_free(struct settings_people *p);
/* The clerk's last choice of an intake field (region, id-type, …), kept
 * for the next case across restarts; recall gives "" when none. */
int settings_remember(struct yk_store *st, const char *operator_name, const char *key,
		      const char *value, yk_error *err);
int settings_recall(struct yk_store *st, const char *operator_name, const char *key, char *out,
		    size_t outsz, yk_error *err);
/* Should the settings screen be shown at start? A database that was never
 * given an office code nor saved its settings: 1 yes, 0 no, -1 error
 * (a training database too: it is asked for its hall, its code stays A). */
int settings_first_start(struct yk_store *st, yk_error *err);

/* The hall's lines of the receipt, and the display name and staff number
 * of the clerk operator_name (the case's opening operator). */
struct receipt_hall;
int settings_hall(struct yk_store *st, const char *operator_name, struct receipt_hall *out,
		  yk_error *err);

#endif
