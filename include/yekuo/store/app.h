#ifndef YEKUO_APP_H
#define YEKUO_APP_H

/* What both faces (CLI and TUI) share at start: the loaded calendar, the
 * rule profiles and the database path. Loaded once, from the data
 * directories (see datadir.h). A data file that does not load stops the
 * program with its file:line message: nothing is computed on half a
 * calendar or half a rule book. */

#include "yekuo/core/calendar.h"
#include "yekuo/core/error.h"

struct yk_rules;
struct yk_divisions;
struct yk_store;
struct store_init;

struct app {
	struct yk_calendar *cal;
	struct yk_rules *rules;
	struct yk_divisions *divisions;	/* app_load_divisions */
	struct yk_store *st;
	const char *db_path;	/* from --db or YEKUO_DB, else the default */
	const char *operator_name; /* YEKUO_OPERATOR, else the login name */
};

int app_load_calendar(struct app *app, yk_error *err);
int app_load_rules(struct app *app, yk_error *err);
/* The administrative divisions (divisions/NAME.div, docs/policy.md). */
int app_load_divisions(struct app *app, yk_error *err);
/* Open the database (mode: enum store_mode) and set the clock from it:
 * YEKUO_NOW is honoured on a training database and refused otherwise. */
int app_open_store(struct app *app, int mode, const struct store_init *init, yk_error *err);
void app_free(struct app *app);

#endif
