#include "config.h"

#include <stdlib.h>

#include "yekuo/store/app.h"
#include "yekuo/store/datadir.h"
#include "yekuo/core/clock.h"
#include "yekuo/core/division.h"
#include "yekuo/core/rules.h"
#include "yekuo/store/seals.h"
#include "yekuo/store/store.h"

typedef int (*load_fn)(void *ctx, const char *text, size_t len, const char *name,
		       yk_error *err);

/* Load every file of one kind from both data layers, stopping at the first
 * that does not parse. */
static int
load_all(const char *sub, const char *ext, load_fn load, void *ctx, yk_error *err)
{
	struct datadir_file *files;
	size_t n;
	int rc = 0;

	if (datadir_list(sub, ext, &files, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *buf;
		size_t len;

		rc = datadir_read_file(files[i].path, DATADIR_FILE_MAX, &buf, &len, err);
		if (rc == 0) {
			rc = load(ctx, buf, len, files[i].path, err);
			free(buf);
		}
	}
	datadir_files_free(files, n);
	return rc;
}

static int
load_calendar_file(void *ctx, const char *text, size_t len, const char *name, yk_error *err)
{
	return calendar_load_text(ctx, text, len, name, err);
}

static int
load_rules_file(void *ctx, const char *text, size_t len, const char *name, yk_error *err)
{
	return rules_load_text(ctx, text, len, name, err);
}

int
app_load_calendar(struct app *app, yk_error *err)
{
	if (app->cal)
		return 0;
	app->cal = calendar_new();
	if (load_all("calendar", ".cal", load_calendar_file, app->cal, err) < 0) {
		calendar_free(app->cal);
		app->cal = NULL;
		return -1;
	}
	return 0;
}

int
app_load_rules(struct app *app, yk_error *err)
{
	if (app->rules)
		return 0;
	app->rules = rules_new();
	if (load_all("rules", ".rules", load_rules_file, app->rules, err) < 0 ||
	    rules_finish(app->rules, err) < 0) {
		rules_free(app->rules);
		app->rules = NULL;
		return -1;
	}
	return 0;
}

static int
load_divisions_file(void *ctx, const char *text, size_t len, const char *name, yk_error *err)
{
	return divisions_load_text(ctx, text, len, name, err);
}

int
app_load_divisions(struct app *app, yk_error *err)
{
	if (app->divisions)
		return 0;
	app->divisions = divisions_new();
	if (load_all("divisions", ".div", load_divisions_file, app->divisions, err) < 0) {
		divisions_free(app->divisions);
		app->divisions = NULL;
		return -1;
	}
	return 0;
}

int
app_open_store(struct app *app, int mode, const struct store_init *init, yk_error *err)
{
	int training;

	if (app->st)
		return 0;
	if (store_open(app->db_path, (enum store_mode)mode, init, &app->st, err) < 0)
		return -1;
	/* on a server, what a clerk records is signed with their database role */
	if (store_server_role(app->st))
		app->operator_name = store_server_role(app->st);
	/* the flag fixed in the signed identity, not the meta table's */
	if (seals_training(app->st, &training, err) < 0 || clock_init(training, err) < 0) {
		yk_error_prefix(err, "%s: ", store_path(app->st));
		store_close(app->st);
		app->st = NULL;
		return -1;
	}
	return 0;
}

void
app_free(struct app *app)
{
	store_close(app->st);
	app->st = NULL;
	calendar_free(app->cal);
	rules_free(app->rules);
	divisions_free(app->divisions);
	app->cal = NULL;
	app->rules = NULL;
	app->divisions = NULL;
}
