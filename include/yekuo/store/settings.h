#ifndef YEKUO_STORE_SETTINGS_H
#define YEKUO_STORE_SETTINGS_H

/* The office's settings and each clerk's, kept in the database's meta
 * table (docs/store.md "settings"): the hall, its hotline and division,
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
 * confirms it). A server database keeps no settings yet: refused. */
int settings_store(struct yk_store *st, const char *operator_name, enum setting_id id,
		   const char *value, yk_error *err);
/* Mark the settings saved (the first-start screen is not shown again). */
int settings_mark_saved(struct yk_store *st, yk_error *err);
/* Can the office code still be changed? 1 yes, 0 no (fixed), -1 error. */
int settings_office_free(struct yk_store *st, yk_error *err);
/* The clerk's display name for an operator, or the operator name. */
int settings_person(struct yk_store *st, const char *operator_name, char *out, size_t outsz,
		    yk_error *err);
/* The clerk's last choice of an intake field (region, id-type, …), kept
 * for the next case across restarts; recall gives "" when none. A server
 * keeps none (remember does nothing there). */
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
