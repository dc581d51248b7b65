#include "config.h"

#include "yekuo/core/i18n.h"
#include "yekuo/store/settings.h"
#include "yekuo/store/store.h"
#include "yekuo/store/sync.h"
#include "yekuo/store/views.h"

int
view_case_rows(struct yk_store *st, const struct case_query *q, struct case_rows *rows,
	       yk_error *err)
{
	char **conflicted;
	size_t n;
	if (sync_conflicted_cases(st, &conflicted, &n, &rows->conflicted_error) < 0) {
		if (!rows->conflicted_error.msg[0])
			yk_error_set(&rows->conflicted_error, _("无法读取同步冲突"));
	} else
		case_rows_set_conflicted(rows, conflicted, n);
	if (store_query_cases(st, q, case_rows_add, rows, err) < 0)
		return -1;
	case_rows_sort(rows);
	return 0;
}

int
view_sync_status(struct yk_store *st, int imports, struct sync_status *out, yk_error *err)
{
	char id[SYNC_ID_BUFSZ];
	long mark;
	struct sync_conflict *c;
	size_t n;
	yk_error e2;

	sync_status_init(out, "", store_office(st), store_training(st), 0);
	if (store_db_id(st, id, err) == 0 && store_sync_last_mark(st, &mark, err) == 0) {
		sync_status_init(out, id, store_office(st), store_training(st), mark);
		out->status_read = store_sync_each_peer(st, sync_status_add_peer, out, err) == 0 &&
				   store_sync_each_import(st, imports, sync_status_add_import, out,
							  err) == 0;
	}
	/* the conflicts even when the rest failed: they are what needs a person */
	if (sync_conflicts(st, &c, &n, out->status_read ? err : &e2) == 0) {
		sync_status_set_conflicts(out, c, n);
		out->conflicts_read = 1;
	}
	return out->status_read && out->conflicts_read ? 0 : -1;
}

/* The clerk's display name on documents (settings), else the operator's:
 * read before the cases (never a query in the middle of their stream). */
static const char *
person(void *vctx, const char *operator_name)
{
	return settings_people_name(vctx, operator_name);
}

struct report *
view_report(struct yk_store *st, const struct report_params *p0, yk_error *err)
{
	struct case_query q;
	struct settings_people people;
	struct report_params pp = *p0, *p = &pp;
	struct report_run *run;
	struct report *r;

	if (settings_people_load(st, &people, err) < 0)
		return NULL;
	p->person = person;
	p->person_ctx = &people;
	run = report_begin(p, &q);

	/* in storage order: the run sorts what it lists (docs/reports.md) */
	if (store_scan_cases(st, &q, report_add, run, err) < 0) {
		report_abandon(run);
		settings_people_free(&people);
		return NULL;
	}
	r = report_finish(run);
	settings_people_free(&people);
	if (r && p->kind == REPORT_FILING) {
		struct yk_settings s;
		yk_error e;

		/* who files: the hall, from the settings */
		if (settings_load(st, NULL, &s, &e) == 0 && s.v[SET_HALL][0]) {
			report_add_meta(r, "填报单位", s.v[SET_HALL]);
			if (s.v[SET_ADDRESS][0])
				report_add_meta(r, "单位地址", s.v[SET_ADDRESS]);
			report_add_meta(r, "服务热线", s.v[SET_HOTLINE]);
		}
	}
	return r;
}
