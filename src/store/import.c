#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yekuo/core/csv.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/export.h"
#include "yekuo/store/import.h"
#include "yekuo/core/report.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* ---- case numbers seen in this file ---------------------------------------- */

/* Open addressing on the case number: a duplicate within the file is an
 * error naming both lines (the database check alone would quietly skip the
 * second row as "already imported"). */
struct seen {
	char **keys;
	long *lines;
	size_t cap, n;
};

static size_t
hash_str(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* The line the number was first seen on, or 0 after recording it. */
static long
seen_add(struct seen *t, const char *key, long line)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct seen old = *t;

		t->cap = old.cap ? old.cap * 2 : 1024;
		t->keys = xcalloc(t->cap, sizeof *t->keys);
		t->lines = xcalloc(t->cap, sizeof *t->lines);
		t->n = 0;
		for (size_t k = 0; k < old.cap; k++)
			if (old.keys[k]) {
				for (i = hash_str(old.keys[k]) & (t->cap - 1); t->keys[i];
				     i = (i + 1) & (t->cap - 1))
					;
				t->keys[i] = old.keys[k];
				t->lines[i] = old.lines[k];
				t->n++;
			}
		free(old.keys);
		free(old.lines);
	}
	for (i = hash_str(key) & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], key) == 0)
			return t->lines[i];
	t->keys[i] = xstrdup(key);
	t->lines[i] = line;
	t->n++;
	return 0;
}

static void
seen_free(struct seen *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->lines);
}

/* ---- one row's problems ----------------------------------------------------- */

struct problems {
	char *text;	/* "field: problem" joined by "；" (the bad-rows file) */
	size_t len, cap;
	int n;
};

struct import_ctx {
	struct ledger *l;
	const char *name;
	const struct import_opts *o;
	void (*fn)(void *, const char *);
	void *fnctx;
	long line;
	struct problems pr;
	int col_of[REPORT_CASE_NCOLS];	/* field index in the row, -1 when absent */
	/* the columns of this row a spreadsheet damaged (reported once: the
	 * field checks' own complaints about them are not repeated) */
	unsigned long long damaged;
	/* the usual length of a meter number in this file (0: none) */
	int meter_len;
};

/* The extra column of a bad-rows file (--skip-bad). */
#define BAD_REASON "错误原因"

/* problem()'s column for the header row, and for a row as a whole */
#define HEADER (-2)
#define ROW (-1)

static void
problem(struct import_ctx *x, int col, const char *fmt, ...) YK_PRINTF(3, 4);

static void
problem(struct import_ctx *x, int col, const char *fmt, ...)
{
	char msg[YK_ERROR_MAX], line[YK_ERROR_MAX + 512];
	const char *field = col >= 0 ? report_case_cols[col].title : col == HEADER ? _("表头") : _("行");
	struct problems *p = &x->pr;
	va_list ap;
	size_t need;

	if (col >= 0 && (x->damaged >> col & 1))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "%s:%ld: %s: %s", x->name, x->line, field, msg);
	x->fn(x->fnctx, line);
	need = p->len + strlen(field) + strlen(msg) + 8;
	p->text = xgrow(p->text, &p->cap, need, 1);
	p->len += (size_t)sprintf(p->text + p->len, "%s%s: %s", p->n ? "；" : "", field, msg);
	p->n++;
}

/* ---- fields ------------------------------------------------------------------ */

/* Our CSV writer prefixes a text that a spreadsheet would run as a formula
 * with an apostrophe (csv.c). Excel hides and drops such an apostrophe when
 * it saves, so one still in the file before =, +, -, @ is ours: undo it so
 * that an export imports back unchanged. */
static const char *
unguard(const char *s)
{
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		return s + 1;
	return s;
}

/* A field as the user meant it: every column is unguarded alike, so an
 * export or a bad-rows file (both guarded) imports back unchanged. */
static const char *
field(const struct import_ctx *x, const struct csv_row *row, int col)
{
	int i = x->col_of[col];

	if (i < 0 || (size_t)i >= row->nfields)
		return "";
	return unguard(row->fields[i]);
}


/* Dates as typed, or as Excel rewrites them when it saves a CSV on Chinese
 * Windows: 2026-03-02, 2026/3/2, 2026.3.2, 2026年3月2日. */
static int
parse_date(struct import_ctx *x, int col, const char *s, yk_date *out)
{
	int y, m, d, n = 0;
	char sep1, sep2, tail;
	yk_error e;

	*out = YK_DATE_NONE;
	if (!*s)
		return 0;
	if (date_parse(s, out) == 0)
		return 0;
	if ((sscanf(s, "%4d%c%2d%c%2d%n%c", &y, &sep1, &m, &sep2, &d, &n, &tail) == 5 &&
	     sep1 == sep2 && (sep1 == '/' || sep1 == '.' || sep1 == '-') && s[n] == '\0') ||
	    (sscanf(s, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 && s[n] == '\0')) {
		if (date_valid_ymd(y, m, d) && y >= 1900 && y <= 2999) {
			*out = date_from_ymd(y, m, d);
			return 0;
		}
	}
	if (validate_date_field(s, NULL, &e) == 0)
		snprintf(e.msg, sizeof e.msg, "%s", _("不是日期"));
	problem(x, col, "'%s': %s", s, e.msg);
	return -1;
}

static int
parse_yes(struct import_ctx *x, int col, const char *s, int *out)
{
	static const char *const yes[] = {"yes", "y", "1", "true", "是", "有"};
	static const char *const no[] = {"no", "n", "0", "false", "否", "无", ""};

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	problem(x, col, _("'%s' 应为 是/否 (yes/no)"), s);
	return -1;
}

static const char *
parse_status(struct import_ctx *x, const char *s)
{
	static const struct {
		const char *code, *zh;
	} st[] = {{"open", "办理中"}, {"closed", "已接电"}, {"withdrawn", "已撤销"}};

	for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
		if (strcmp(s, st[i].code) == 0 || strcmp(s, st[i].zh) == 0)
			return st[i].code;
	problem(x, RCC_STATUS, _("'%s' 应为 open 办理中, closed 已接电 或 withdrawn 已撤销"), s);
	return NULL;
}

/* Materials: codes or Chinese names, separated by commas, 、 or ；. */
static int
parse_materials(struct import_ctx *x, int col, enum yk_stage s, int hv, const char *in,
		char *out, size_t outsz)
{
	size_t n, len = 0;
	const struct material *m = case_materials(s, hv, &n);
	char *buf = xmalloc(strlen(in) + 1);
	size_t k = 0;
	int rc = 0;

	/* every separator becomes a comma */
	for (const char *p = in; *p;) {
		static const char *const seps[] = {"、", "，", "；", ";"};
		size_t i;

		for (i = 0; i < sizeof seps / sizeof seps[0]; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				break;
		if (i < sizeof seps / sizeof seps[0]) {
			buf[k++] = ',';
			p += strlen(seps[i]);
		} else {
			buf[k++] = *p++;
		}
	}
	buf[k] = '\0';
	out[0] = '\0';
	for (char *save, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		while (*tok == ' ')
			tok++;
		for (char *e = tok + strlen(tok); e > tok && e[-1] == ' ';)
			*--e = '\0';
		if (!*tok)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(tok, m[i].code) == 0 || strcmp(tok, m[i].zh) == 0)
				break;
		if (i == n) {
			char list[512];
			size_t pos = 0;

			list[0] = '\0';
			for (size_t j = 0; j < n; j++)
				pos += (size_t)snprintf(list + pos, sizeof list - pos, "%s%s (%s)",
							j ? ", " : "", m[j].code, m[j].zh);
			problem(x, col, _("'%s' 不在本环节的资料清单上：%s"), tok,
				n ? list : _("本环节不需要资料"));
			rc = -1;
			continue;
		}
		len += (size_t)snprintf(out + len, len < outsz ? outsz - len : 0, "%s%s",
					len ? "," : "", m[i].code);
	}
	free(buf);
	return rc;
}

/* ---- events ------------------------------------------------------------------ */

/* Events of one row before they are put in date order. `cls` breaks ties
 * between events of the same day so that the replay accepts what really
 * happened: a resumption before a stage is completed that day, the stage's
 * own events in process order, a filing, a new suspension, and the closing
 * of the case last. */
enum { CLS_OPEN, CLS_RESUME, CLS_STAGE, CLS_FILING, CLS_SUSPEND, CLS_CLOSE };

struct pending {
	enum ev_kind kind;
	yk_date date;
	int cls, idx, col;
	struct payload data;
	char op[64];
};

struct evlist {
	struct pending *v;
	size_t n, cap;
};

static struct pending *
ev_add(struct evlist *l, enum ev_kind kind, yk_date date, int cls, int col)
{
	struct pending *p;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	p = &l->v[l->n];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->date = date;
	p->cls = cls;
	p->idx = (int)l->n;
	p->col = col;
	l->n++;
	return p;
}

static void
evlist_free(struct evlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		payload_free(&l->v[i].data);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls - y->cls;
	return x->idx - y->idx;
}

static void
set_nonempty(struct payload *p, const char *key, const char *val)
{
	if (val && *val)
		payload_set(p, key, val);
}

static void
set_date(struct payload *p, const char *key, yk_date d)
{
	char b[YK_DATE_BUFSZ];

	if (d != YK_DATE_NONE)
		payload_set(p, key, date_format(d, b));
}

struct susp_in {
	yk_date from, to;
	int reason;
	char note[256];
};

/* "FROM..TO REASON NOTE" (TO empty while open), one per line. */
static int
parse_suspensions(struct import_ctx *x, const char *text, struct susp_in **out, size_t *n)
{
	char *buf = xstrdup(text), *save = NULL;
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (char *ln = strtok_r(buf, "\r\n", &save); ln; ln = strtok_r(NULL, "\r\n", &save)) {
		char *dots = strstr(ln, ".."), *sp, *reason;
		struct susp_in s = {YK_DATE_NONE, YK_DATE_NONE, -1, ""};
		int r;

		while (*ln == ' ')
			ln++;
		if (!*ln)
			continue;
		sp = dots ? strchr(dots + 2, ' ') : NULL;
		if (!dots || !sp) {
			problem(x, RCC_SUSPENSIONS, _("'%s'：格式应为 起..止 原因 [说明]，如 2026-03-20..2026-03-25 customer 客户要求暂缓"), ln);
			rc = -1;
			continue;
		}
		*dots = '\0';
		*sp = '\0';
		reason = sp + 1;
		while (*reason == ' ')
			reason++;
		sp = strchr(reason, ' ');
		if (sp) {
			*sp++ = '\0';
			while (*sp == ' ')
				sp++;
			if (strlen(sp) >= sizeof s.note) {
				problem(x, RCC_SUSPENSIONS, _("挂起说明太长了：最多%zu字节"), sizeof s.note - 1);
				rc = -1;
				continue;
			}
			snprintf(s.note, sizeof s.note, "%s", sp);
		}
		r = susp_reason_from_code(reason);
		for (int i = 0; r < 0 && i < SUSP_REASON_COUNT; i++)
			if (strcmp(reason, susp_reason_zh((enum susp_reason)i)) == 0)
				r = i;
		if (r < 0) {
			problem(x, RCC_SUSPENSIONS, _("'%s' 不是挂起原因 (customer, force-majeure, external-blocked, demand-registered, rectify 或其中文名称)"), reason);
			rc = -1;
			continue;
		}
		s.reason = r;
		if (parse_date(x, RCC_SUSPENSIONS, ln, &s.from) < 0 ||
		    parse_date(x, RCC_SUSPENSIONS, dots + 2, &s.to) < 0) {
			rc = -1;
			continue;
		}
		if (s.from == YK_DATE_NONE) {
			problem(x, RCC_SUSPENSIONS, _("挂起记录缺少开始日期"));
			rc = -1;
			continue;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = s;
	}
	free(buf);
	return rc;
}

/* Everything a row says, parsed. */
struct row_in {
	const char *case_no;
	int category, hv;
	yk_date applied, appointment;
	yk_date started[STAGE_COUNT], done[STAGE_COUNT];
	char materials[STAGE_COUNT][160];
	struct susp_in *susp;
	size_t nsusp;
	yk_date filed_on, planned, withdrawn_on;
	const char *status;
};

/* The events that would have produced the row, in the order they happened. */
/* The cells of the fields a stage's completion carries (the plan's supply
 * point and line, the meter number), wherever the field table has a column
 * for them. */
static void
done_fields(struct import_ctx *x, const struct csv_row *row, int s, struct payload *data)
{
	for (int i = 0; i < FLD_COUNT; i++) {
		const struct yk_field *f = field_at((enum field_id)i);
		int col = report_case_field_col(f);

		if (col >= 0 && f->stages && field_in_event(f, EV_DONE, s))
			set_nonempty(data, f->key, field(x, row, col));
	}
}

static int
build_events(struct import_ctx *x, const struct csv_row *row, struct row_in *in,
	     struct payload *open, struct evlist *evs)
{
	yk_error e;
	struct pending *p;
	int rc = 0;

	p = ev_add(evs, EV_OPEN, in->applied, CLS_OPEN, RCC_APPLIED);
	payload_copy(&p->data, open);
	for (int s = 0; s < STAGE_COUNT; s++) {
		const struct report_stage_cols *sc = report_case_stage_cols((enum yk_stage)s);
		yk_date mat_date = in->started[s];

		if (s == STAGE_ACCEPT)
			mat_date = in->applied;
		for (int k = s - 1; mat_date == YK_DATE_NONE && k >= 0; k--)
			mat_date = in->done[k];
		if (mat_date == YK_DATE_NONE)
			mat_date = in->applied;
		if (in->materials[s][0]) {
			p = ev_add(evs, EV_MATERIALS, mat_date, CLS_STAGE, sc->materials);
			payload_set(&p->data, FKEY(FLD_STAGE), stage_code((enum yk_stage)s));
			payload_set(&p->data, FKEY(FLD_ITEMS), in->materials[s]);
		}
		if (sc->started >= 0 && in->started[s] != YK_DATE_NONE) {
			p = ev_add(evs, EV_START, in->started[s], CLS_STAGE, sc->started);
			payload_set(&p->data, FKEY(FLD_STAGE), stage_code((enum yk_stage)s));
		}
		/* a rectification: the inspection asked for rework (done, rectify)
		 * and the customer asked again (start) */
		for (size_t i = 0; i < in->nsusp; i++) {
			const struct susp_in *u = &in->susp[i];

			if (u->reason != SUSP_RECTIFY || sc->started < 0 || in->started[s] == YK_DATE_NONE ||
			    u->from < in->started[s] ||
			    (in->done[s] != YK_DATE_NONE && u->from > in->done[s]))
				continue;
			p = ev_add(evs, EV_DONE, u->from, CLS_STAGE, RCC_SUSPENSIONS);
			payload_set(&p->data, FKEY(FLD_STAGE), stage_code((enum yk_stage)s));
			payload_set(&p->data, FKEY(FLD_RESULT), "rectify");
			set_nonempty(&p->data, FKEY(FLD_NOTES), u->note);
			if (u->to != YK_DATE_NONE) {
				p = ev_add(evs, EV_START, u->to, CLS_STAGE, RCC_SUSPENSIONS);
				payload_set(&p->data, FKEY(FLD_STAGE), stage_code((enum yk_stage)s));
			}
			in->susp[i].reason = -2; /* placed */
		}
		if (in->done[s] != YK_DATE_NONE) {
			p = ev_add(evs, EV_DONE, in->done[s], s == STAGE_ENERGISE ? CLS_CLOSE : CLS_STAGE,
				   sc->done);
			payload_set(&p->data, FKEY(FLD_STAGE), stage_code((enum yk_stage)s));
			if (s == STAGE_DESIGN || s == STAGE_MIDCHECK || s == STAGE_FINAL)
				payload_set(&p->data, FKEY(FLD_RESULT), "pass");
			set_nonempty(&p->data, FKEY(FLD_NOTES), field(x, row, sc->notes));
			done_fields(x, row, s, &p->data);
		}
	}
	for (size_t i = 0; i < in->nsusp; i++) {
		const struct susp_in *u = &in->susp[i];
		int zero = u->to == u->from;

		if (u->reason == -2)
			continue;
		if (u->reason == SUSP_RECTIFY) {
			problem(x, RCC_SUSPENSIONS, _("整改挂起（%s）不在本案任何检验环节 (design, midcheck, final) 之内"), field(x, row, RCC_SUSPENSIONS));
			rc = -1;
			continue;
		}
		p = ev_add(evs, EV_SUSPEND, u->from, CLS_SUSPEND, RCC_SUSPENSIONS);
		payload_set(&p->data, FKEY(FLD_SUSP_REASON), susp_reason_code((enum susp_reason)u->reason));
		set_nonempty(&p->data, FKEY(FLD_NOTE), u->note);
		if (u->to != YK_DATE_NONE)
			ev_add(evs, EV_RESUME, u->to, zero ? CLS_SUSPEND : CLS_RESUME, RCC_SUSPENSIONS);
	}
	if (in->filed_on != YK_DATE_NONE) {
		p = ev_add(evs, EV_FILING, in->filed_on, CLS_FILING, RCC_FILED_ON);
		payload_set(&p->data, FKEY(FLD_UPGRADE), field(x, row, RCC_UPGRADE));
		payload_set(&p->data, FKEY(FLD_WHY), field(x, row, RCC_WHY));
		set_date(&p->data, FKEY(FLD_PLANNED), in->planned);
		/* the 备案人 becomes the filing's operator: a name like any other */
		if (validate_optional_text(field(x, row, RCC_FILED_BY), sizeof p->op - 1, &e) < 0) {
			problem(x, RCC_FILED_BY, "%s", e.msg);
			rc = -1;
		}
		snprintf(p->op, sizeof p->op, "%s", field(x, row, RCC_FILED_BY));
	}
	if (in->withdrawn_on != YK_DATE_NONE) {
		p = ev_add(evs, EV_WITHDRAW, in->withdrawn_on, CLS_CLOSE, RCC_WITHDRAWN_ON);
		payload_set(&p->data, FKEY(FLD_WITHDRAW_REASON), field(x, row, RCC_WITHDRAW_REASON));
	}
	qsort(evs->v, evs->n, sizeof *evs->v, cmp_pending);
	return rc;
}

/* A refusal of the replay names the column the refused event came from:
 * for a new case's field, the field's own column. */
static void
derive_problem(struct import_ctx *x, const struct evlist *evs, const yk_error *e)
{
	const struct pending *p;
	const struct yk_field *f;
	int col;

	if (e->line < 1 || (size_t)e->line > evs->n) {
		problem(x, RCC_CASE_NO, "%s", e->msg);
		return;
	}
	p = &evs->v[e->line - 1];
	f = p->kind == EV_OPEN && e->field[0] ? field_find(e->field, EV_OPEN) : NULL;
	col = f ? report_case_field_col(f) : -1;
	if (col >= 0)
		problem(x, col, "%s", yk_error_what(e));
	else if (e->field[0])
		problem(x, p->col, "%s: %s", e->field, yk_error_what(e));
	else
		problem(x, p->col, "%s", yk_error_what(e));
}

/* A problem the one check of a new case found, on its field's column. */
static void
open_problem(void *ctx, const yk_error *e)
{
	struct import_ctx *x = ctx;
	const struct yk_field *f = field_find(e->field, EV_OPEN);
	int col = f ? report_case_field_col(f) : -1;

	problem(x, col >= 0 ? col : RCC_CASE_NO, "%s", yk_error_what(e));
}

/* The cell of a new case's field as the field stores it: a code for its
 * Chinese name, "1" for a yes, a date in YYYY-MM-DD; text without the
 * apostrophe that kept it from being a formula. -1 when unreadable
 * (reported). */
static int
open_value(struct import_ctx *x, const struct csv_row *row, const struct yk_field *f,
	   struct payload *open)
{
	int col = report_case_field_col(f), yes;
	const char *v = col >= 0 ? field(x, row, col) : "";
	const struct field_option *o;
	yk_date d;

	switch (f->kind) {
	case FK_FLAG:
		if (parse_yes(x, col, v, &yes) < 0)
			return -1;
		if (yes)
			payload_set(open, f->key, "1");
		return 0;
	case FK_DATE:
		if (parse_date(x, col, v, &d) < 0)
			return -1;
		set_date(open, f->key, d);
		return 0;
	case FK_ENUM:
		o = field_option(f, v);
		set_nonempty(open, f->key, o ? o->code : v);
		return 0;
	default:
		set_nonempty(open, f->key, v);
		return 0;
	}
}

static int
valid_case_no(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= CASE_NO_BUFSZ)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* The table's checks of what a stage's completion carries (money saved, the
 * meter number): a value given, or one the completed stage must have. */
static int
check_done_fields(struct import_ctx *x, const struct csv_row *row, const struct row_in *in)
{
	int rc = 0;

	for (int i = 0; i < FLD_COUNT; i++) {
		const struct yk_field *f = field_at((enum field_id)i);
		int col = report_case_field_col(f), done = 0;
		const char *v;
		yk_error e;

		if (col < 0 || !f->stages || !(f->events & FIELD_BIT(EV_DONE)))
			continue;
		for (int s = 0; s < STAGE_COUNT; s++)
			done |= (f->stages & FIELD_BIT(s)) && in->done[s] != YK_DATE_NONE;
		v = field(x, row, col);
		if ((*v || (f->required && done)) &&
		    field_check(f, v, NULL, in->applied, f->required && done, &e) < 0) {
			problem(x, col, "%s", e.msg);
			rc = -1;
		}
	}
	return rc;
}

/* ---- what a spreadsheet does to a CSV it saved ---------------------------------- */

/* "1.20101198001011E+17": a long number a spreadsheet showed in
 * scientific notation and saved as shown. */
static int
scientific(const char *s)
{
	const char *p = s;

	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	p += strspn(p, "0123456789");
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	if (*p != 'E' && *p != 'e')
		return 0;
	p++;
	if (*p == '+' || *p == '-')
		p++;
	return *p >= '0' && *p <= '9' && p[strspn(p, "0123456789")] == '\0';
}

static int
all_digits(const char *s)
{
	return *s && s[strspn(s, "0123456789")] == '\0';
}

/* A cell a spreadsheet damaged, reported once, naming its line and column:
 * the row is refused (docs/import-format.md: yekuo never guesses the
 * digits a spreadsheet dropped). */
static void
damage(struct import_ctx *x, int col, const char *fmt, ...) YK_PRINTF(3, 4);

static void
damage(struct import_ctx *x, int col, const char *fmt, ...)
{
	char msg[YK_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	problem(x, col, _("（第 %d 列）%s；本行未导入。CSV 经电子表格打开再保存会损坏长号码：请按原始资料改正，或改用 yekuo 导出的原文件"),
		x->col_of[col] + 1, msg);
	x->damaged |= 1ULL << col;
}

/* The columns of long numbers a spreadsheet rewrites: scientific notation
 * in an ID, phone or meter number (the digits after the 15th are gone), a
 * meter number shorter than the file's usual length (leading zeros
 * dropped). 1 when the row has such a cell. */
static int
check_damage(struct import_ctx *x, const struct csv_row *row)
{
	static const int numbers[] = {RCC_ID, RCC_PHONE, RCC_METER_NO};
	const char *m;

	x->damaged = 0;
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		const char *v = field(x, row, numbers[i]);

		if (scientific(v))
			damage(x, numbers[i], _("'%s' 是科学计数法：电子表格把长号码改写了，第 15 位以后的数字已丢失"), v);
	}
	m = field(x, row, RCC_METER_NO);
	if (!(x->damaged >> RCC_METER_NO & 1) && x->meter_len && all_digits(m) &&
	    (int)strlen(m) < x->meter_len)
		damage(x, RCC_METER_NO,
		       _("'%s' 只有 %zu 位，本文件的电能表号通常是 %d 位：像是电子表格去掉了开头的 0（原来可能是 %0*d%s）"),
		       m, strlen(m), x->meter_len, x->meter_len - (int)strlen(m), 0, m);
	return x->damaged != 0;
}

/* Parse and check a row, then replay it. 0 imported, 1 skipped (already in
 * the database), 2 bad (problems reported), -1 database failure. */
static int
import_row(struct import_ctx *x, const struct csv_row *row, struct seen *seen, int store,
	   yk_error *err)
{
	struct row_in in;
	struct payload open = {0};
	struct evlist evs = {0};
	struct yk_event *ev = NULL;
	yk_error e;
	const char *v;
	int bad = 0, rc = 2;
	long first;

	memset(&in, 0, sizeof in);
	in.category = -1;
	in.applied = in.appointment = in.filed_on = in.planned = in.withdrawn_on = YK_DATE_NONE;
	for (int s = 0; s < STAGE_COUNT; s++)
		in.started[s] = in.done[s] = YK_DATE_NONE;

	if (check_damage(x, row))
		bad = 1;
	in.case_no = field(x, row, RCC_CASE_NO);
	if (!valid_case_no(in.case_no)) {
		problem(x, RCC_CASE_NO, *in.case_no ? _("'%s'：应为 1-47 位字母、数字、- 或 _")
						    : _("必填%s"), *in.case_no ? in.case_no : "");
		bad = 1;
	} else if ((first = seen_add(seen, in.case_no, x->line)) != 0) {
		problem(x, RCC_CASE_NO, _("%s 与本文件第 %ld 行重复"), in.case_no, first);
		bad = 1;
	}
	if (parse_date(x, RCC_APPLIED, field(x, row, RCC_APPLIED), &in.applied) < 0)
		bad = 1;
	else if (in.applied == YK_DATE_NONE) {
		problem(x, RCC_APPLIED, _("必填"));
		bad = 1;
	}
	/* the new case's fields, checked as the intake form checks them (one
	 * function), so that every problem of the row is listed at once */
	for (int i = 0; i < FLD_COUNT; i++) {
		const struct yk_field *f = field_at((enum field_id)i);

		if (field_in_event(f, EV_OPEN, -1) && report_case_field_col(f) >= 0 &&
		    open_value(x, row, f, &open) < 0)
			bad = 1;
	}
	fields_normalise(&open);
	if (fields_check_open(&open, x->l->rules, in.applied, NULL, open_problem, x) > 0)
		bad = 1;
	in.category = category_from_code(payload_get(&open, FKEY(FLD_CATEGORY)) ?
					 payload_get(&open, FKEY(FLD_CATEGORY)) : "");
	in.hv = in.category >= 0 && category_is_hv((enum yk_category)in.category);

	for (int s = 0; s < STAGE_COUNT; s++) {
		const struct report_stage_cols *sc = report_case_stage_cols((enum yk_stage)s);

		if (sc->materials >= 0 && in.category >= 0 &&
		    parse_materials(x, sc->materials, (enum yk_stage)s, in.hv,
				    field(x, row, sc->materials), in.materials[s],
				    sizeof in.materials[s]) < 0)
			bad = 1;
		if (sc->started >= 0 &&
		    parse_date(x, sc->started, field(x, row, sc->started), &in.started[s]) < 0)
			bad = 1;
		if (parse_date(x, sc->done, field(x, row, sc->done), &in.done[s]) < 0)
			bad = 1;
	}
	if (check_done_fields(x, row, &in) < 0)
		bad = 1;
	if (parse_suspensions(x, field(x, row, RCC_SUSPENSIONS), &in.susp, &in.nsusp) < 0)
		bad = 1;
	if (parse_date(x, RCC_FILED_ON, field(x, row, RCC_FILED_ON), &in.filed_on) < 0 ||
	    parse_date(x, RCC_PLANNED, field(x, row, RCC_PLANNED), &in.planned) < 0)
		bad = 1;
	else if (in.filed_on == YK_DATE_NONE &&
		 (in.planned != YK_DATE_NONE || *field(x, row, RCC_UPGRADE) || *field(x, row, RCC_WHY))) {
		problem(x, RCC_FILED_ON, _("有电网升级改造备案内容，但缺少备案日期"));
		bad = 1;
	}
	if (parse_date(x, RCC_WITHDRAWN_ON, field(x, row, RCC_WITHDRAWN_ON), &in.withdrawn_on) < 0)
		bad = 1;
	else if (in.withdrawn_on == YK_DATE_NONE && *field(x, row, RCC_WITHDRAW_REASON)) {
		problem(x, RCC_WITHDRAWN_ON, _("有撤销原因，但缺少撤销日期"));
		bad = 1;
	}
	v = field(x, row, RCC_STATUS);
	if (*v && !(in.status = parse_status(x, v)))
		bad = 1;
	if (in.status) {
		const char *got = in.withdrawn_on != YK_DATE_NONE	      ? "withdrawn"
				  : in.done[STAGE_ENERGISE] != YK_DATE_NONE ? "closed"
									    : "open";

		if (strcmp(got, in.status) != 0) {
			problem(x, RCC_STATUS, _("写的是 %s，但按各日期本案应为 %s"), in.status, got);
			bad = 1;
		}
	}
	if (bad)
		goto out;

	if (build_events(x, row, &in, &open, &evs) < 0)
		goto out;
	ev = xcalloc(evs.n, sizeof *ev);
	for (size_t i = 0; i < evs.n; i++) {
		event_init(&ev[i]);
		ev[i].kind = evs.v[i].kind;
		ev[i].effective = evs.v[i].date;
		payload_copy(&ev[i].data, &evs.v[i].data);
		snprintf(ev[i].operator_name, sizeof ev[i].operator_name, "%s", evs.v[i].op);
	}
	rc = ledger_import_case(x->l, in.case_no, ev, evs.n, !store, &e);
	if (rc == 2)
		derive_problem(x, &evs, &e);
	else if (rc < 0 && err)
		*err = e;
out:
	if (ev)
		events_free(ev, evs.n);
	evlist_free(&evs);
	payload_free(&open);
	free(in.susp);
	return rc;
}

/* ---- the file ------------------------------------------------------------------ */

static int
header_col(const char *h)
{
	for (int i = 0; i < REPORT_CASE_NCOLS; i++)
		if (strcmp(h, report_case_cols[i].title) == 0 || strcasecmp(h, report_case_cols[i].key) == 0)
			return i;
	return -1;
}

/* ---- the usual length of a meter number ------------------------------------------ */

/* How many of the file's meter numbers (digits only) have each length. */
struct meter_tally {
	long n[64];
	int col;		/* the meter number's column, -1 when none */
	int have_header;
};

static void
tally_meters(struct meter_tally *t, const char *utf8, size_t len, long line0, const char *name)
{
	struct yk_csv_reader rd;
	struct csv_row row;
	yk_error e;

	csv_reader_init(&rd, utf8, len, name);
	if (line0 > 1)
		rd.pos = 0;
	while (csv_next_row(&rd, &row, &e) > 0) {
		const char *v;

		if (!t->have_header) {
			t->have_header = 1;
			t->col = -1;
			for (size_t i = 0; i < row.nfields; i++) {
				char h[256];
				size_t n;

				snprintf(h, sizeof h, "%s", row.fields[i]);
				for (n = strlen(h); n && h[n - 1] == ' '; n--)
					h[n - 1] = '\0';
				if (header_col(h + strspn(h, " ")) == RCC_METER_NO)
					t->col = (int)i;
			}
			continue;
		}
		if (t->col < 0 || (size_t)t->col >= row.nfields)
			continue;
		v = unguard(row.fields[t->col]);
		if (all_digits(v) && strlen(v) < sizeof t->n / sizeof t->n[0])
			t->n[strlen(v)]++;
	}
	csv_reader_free(&rd);
}

/* The length more than half of the file's meter numbers have, or 0: a
 * file whose meter numbers differ in length has no usual one to hold a
 * shorter number against. */
static int
meter_usual(const struct meter_tally *t)
{
	long all = 0;

	for (size_t k = 0; k < sizeof t->n / sizeof t->n[0]; k++)
		all += t->n[k];
	for (size_t k = 0; k < sizeof t->n / sizeof t->n[0]; k++)
		if (t->n[k] * 2 > all)
			return (int)k;
	return 0;
}

/* Columns every row must have. */
static const int required_cols[] = {
	RCC_CASE_NO, RCC_REGION, RCC_CATEGORY, RCC_NAME, RCC_ID_TYPE, RCC_ID,
	RCC_PHONE, RCC_ADDRESS, RCC_CAPACITY, RCC_UNIT, RCC_APPLIED,
};

static int
read_header(struct import_ctx *x, const struct csv_row *row)
{
	int bad = 0;

	for (int i = 0; i < REPORT_CASE_NCOLS; i++)
		x->col_of[i] = -1;
	for (size_t i = 0; i < row->nfields; i++) {
		char h[256];
		int c;
		size_t n;

		/* Excel users leave blanks around titles */
		snprintf(h, sizeof h, "%s", row->fields[i]);
		for (n = strlen(h); n && h[n - 1] == ' '; n--)
			h[n - 1] = '\0';
		/* the reason column of a bad-rows file: fix the rows, import it */
		if (strcmp(h + strspn(h, " "), BAD_REASON) == 0)
			continue;
		c = header_col(h + strspn(h, " "));
		if (c < 0) {
			if (!*h && i + 1 == row->nfields)
				continue; /* a trailing comma */
			problem(x, HEADER, _("第 %zu 列 '%s' 不是案件表的列 (见 docs/import-format.md)"), i + 1, h);
			bad = 1;
		} else if (x->col_of[c] >= 0) {
			problem(x, HEADER, _("第 %zu 列 '%s' 重复 (第 %d 列已有)"), i + 1, h, x->col_of[c] + 1);
			bad = 1;
		} else {
			x->col_of[c] = (int)i;
		}
	}
	for (size_t i = 0; i < sizeof required_cols / sizeof required_cols[0]; i++)
		if (x->col_of[required_cols[i]] < 0) {
			problem(x, HEADER, _("缺少 %s (%s) 列"), report_case_cols[required_cols[i]].title,
				report_case_cols[required_cols[i]].key);
			bad = 1;
		}
	return bad ? -1 : 0;
}

static int
blank_row(const struct csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		if (row->fields[i][0])
			return 0;
	return 1;
}

/* The bad-rows file: the header and each bad row as read, plus the reason,
 * in the file's own encoding, so it can be fixed and imported again. */
struct badfile {
	struct yk_outfile *out;
	struct yk_encoder *enc;
	struct yk_csv_writer w;
	size_t nheader;
};

static int
bad_open(struct badfile *b, const char *path, const struct out_guard *g, enum yk_encoding enc,
	 const struct csv_row *header, yk_error *err)
{
	b->out = outfile_open(path, g, err);
	if (!b->out)
		return -1;
	b->enc = encoder_open(outfile_stream(b->out), outfile_name(b->out), enc, err);
	if (!b->enc) {
		outfile_abort(b->out);
		b->out = NULL;
		return -1;
	}
	csv_writer_init(&b->w, b->enc);
	/* guarded like every CSV we write: the rows may come from a hostile
	 * file, and the user opens this one in a spreadsheet to fix them;
	 * import takes the guard off again (unguard) */
	b->nheader = header->nfields;
	for (size_t i = 0; i < header->nfields; i++)
		csv_field(&b->w, header->fields[i]);
	csv_field(&b->w, BAD_REASON);
	csv_end_row(&b->w);
	return csv_writer_status(&b->w, err);
}

static int
bad_row(struct badfile *b, const struct csv_row *row, const char *why, yk_error *err)
{
	for (size_t i = 0; i < b->nheader; i++)
		csv_field(&b->w, i < row->nfields ? row->fields[i] : "");
	csv_field(&b->w, why);
	csv_end_row(&b->w);
	return csv_writer_status(&b->w, err);
}

static int
bad_close(struct badfile *b, int keep, yk_error *err)
{
	int rc = 0;

	if (!b->out)
		return 0;
	if (encoder_close(b->enc, err) < 0)
		rc = -1;
	if (rc == 0 && keep)
		return outfile_commit(b->out, err);
	outfile_abort(b->out);
	return rc;
}

/* An import in progress: the rows come in parts (a whole buffer, or a file
 * read in chunks that end at row ends), all into one transaction. */
struct import_run {
	struct import_ctx x;
	struct seen seen;
	struct badfile bf;
	struct csv_row header;
	char **hdr;
	int have_header, begun;
	enum yk_encoding enc;
	struct import_result *res;
};

static void
run_init(struct import_run *R, struct ledger *l, const char *name, const struct import_opts *o,
	 void (*fn)(void *ctx, const char *problem), void *ctx, struct import_result *res)
{
	memset(R, 0, sizeof *R);
	R->x.l = l;
	R->x.name = name;
	R->x.o = o;
	R->x.fn = fn;
	R->x.fnctx = ctx;
	R->res = res;
	memset(res, 0, sizeof *res);
}

/* The rows of utf8[0..len), which starts on line line0: 0 on, 1 the header
 * is unusable (res->bad_header), -1 error. */
static int
run_rows(struct import_run *R, const char *utf8, size_t len, long line0, yk_error *err)
{
	struct import_ctx *x = &R->x;
	struct import_result *res = R->res;
	const struct import_opts *o = x->o;
	struct yk_csv_reader rd;
	struct csv_row row;
	int n, rc = -1;

	csv_reader_init(&rd, utf8, len, x->name);
	if (line0 > 1)
		rd.pos = 0; /* U+FEFF opening a later part is text, not a mark */
	rd.line = line0;
	while ((n = csv_next_row(&rd, &row, err)) > 0) {
		int r;

		if (!R->have_header) {
			x->line = row.line;
			if (read_header(x, &row) < 0) {
				res->bad_header = 1;
				rc = 1;
				goto out;
			}
			/* the reader reuses its row: keep the header for the bad-rows file */
			R->header.nfields = row.nfields;
			R->hdr = xcalloc(row.nfields, sizeof *R->hdr);
			for (size_t i = 0; i < row.nfields; i++)
				R->hdr[i] = xstrdup(row.fields[i]);
			R->header.fields = R->hdr;
			R->have_header = 1;
			if (ledger_import_begin(x->l, err) < 0)
				goto out;
			R->begun = 1;
			continue;
		}
		if (blank_row(&row))
			continue;
		x->line = row.line;
		x->pr.len = 0;
		x->pr.n = 0;
		if (x->pr.text)
			x->pr.text[0] = '\0';
		res->rows++;
		if (row.nfields > R->header.nfields && !(row.nfields == R->header.nfields + 1 &&
							 !row.fields[row.nfields - 1][0])) {
			problem(x, ROW, _("本行有 %zu 个字段，表头只有 %zu 列"), row.nfields, R->header.nfields);
			r = 2;
		} else {
			/* once a row is bad and nothing will be kept, the rest are
			 * only checked */
			r = import_row(x, &row, &R->seen, o->bad_path || res->bad == 0, err);
		}
		if (r < 0)
			goto out;
		if (r == 1)
			res->skipped++;
		else if (r == 0)
			res->imported++;
		else {
			res->bad++;
			if (o->bad_path) {
				if (!R->bf.out && bad_open(&R->bf, o->bad_path, o->guard,
							   R->enc == ENC_AUTO ? ENC_UTF8 : R->enc,
							   &R->header, err) < 0)
					goto out;
				if (bad_row(&R->bf, &row, x->pr.text ? x->pr.text : "", err) < 0)
					goto out;
			}
		}
	}
	rc = n < 0 ? -1 : 0;
out:
	csv_reader_free(&rd);
	return rc;
}

/* After the last part: all or nothing, or the good rows with the bad ones
 * written aside. */
static int
run_end(struct import_run *R, int rc, yk_error *err)
{
	struct import_result *res = R->res;

	if (rc == 0 && !R->have_header) {
		yk_error_set(err, _("%s: 空文件：应有一行表头写明各列（docs/import-format.md）"), R->x.name);
		rc = -1;
	}
	if (rc != 0)
		goto out;
	if (res->bad && !R->x.o->bad_path) {
		/* all or nothing */
		ledger_import_rollback(R->x.l);
		R->begun = 0;
		res->imported = 0;
		rc = 1;
		goto out;
	}
	if (bad_close(&R->bf, 1, err) < 0) {
		rc = -1;
		goto out;
	}
	R->begun = 0;
	if (ledger_import_commit(R->x.l, err) < 0) {
		rc = -1;
		goto out;
	}
	rc = res->bad ? 1 : 0;
out:
	if (R->begun)
		ledger_import_rollback(R->x.l);
	if (rc < 0) {
		yk_error e;

		bad_close(&R->bf, 0, &e);
		res->imported = 0;
	}
	if (R->hdr) {
		for (size_t i = 0; i < R->header.nfields; i++)
			free(R->hdr[i]);
		free(R->hdr);
	}
	free(R->x.pr.text);
	seen_free(&R->seen);
	return rc;
}

int
import_cases(struct ledger *l, const char *name, const char *buf, size_t len,
	     const struct import_opts *o, void (*fn)(void *ctx, const char *problem), void *ctx,
	     struct import_result *res, yk_error *err)
{
	struct import_run R;
	char *utf8 = NULL;
	size_t utf8len;
	int rc;

	run_init(&R, l, name, o, fn, ctx, res);
	R.enc = o->encoding;
	if (R.enc == ENC_AUTO) {
		int d = encoding_detect(buf, len, name, err);

		if (d < 0)
			return -1;
		R.enc = (enum yk_encoding)d;
	}
	res->encoding = R.enc;
	if (encoding_to_utf8(buf, len, R.enc, &utf8, &utf8len, name, err) < 0)
		return -1;
	{
		struct meter_tally t = {0};

		tally_meters(&t, utf8, utf8len, 1, name);
		R.x.meter_len = meter_usual(&t);
	}
	rc = run_rows(&R, utf8, utf8len, 1, err);
	rc = run_end(&R, rc, err);
	free(utf8);
	return rc;
}

/* ---- a file read in parts ------------------------------------------------------ */

/* Reading a file in parts that end at a row's end: a newline outside
 * quotes. Quotes and newlines are one byte each, and never part of a
 * character, in UTF-8, GB18030 and GBK, so they are found in the bytes
 * before any decoding. */
struct parts {
	FILE *f;
	const char *name;
	char *buf;
	size_t len, cap;
	int eof;
};

#define PART_SIZE (1 << 20)
#define PART_MAX (CSV_FIELD_MAX * (size_t)CSV_FIELDS_MAX + PART_SIZE) /* one row, at most */

/* The next part: *n bytes at p->buf (0 at the end); with rows, it ends
 * after the last newline outside quotes, else after the last newline. The
 * caller calls parts_done(p, n) when finished with it. */
static int
parts_next(struct parts *p, int rows, size_t *n, yk_error *err)
{
	for (;;) {
		size_t cut = 0, got;
		int inq = 0;

		if (p->eof) {
			*n = p->len;
			return 0;
		}
		for (size_t i = 0; i < p->len; i++) {
			if (rows && p->buf[i] == '"')
				inq = !inq;
			else if (p->buf[i] == '\n' && !inq)
				cut = i + 1;
		}
		if (cut && p->len >= PART_SIZE) {
			*n = cut;
			return 0;
		}
		if (p->len + PART_SIZE > PART_MAX)
			return yk_error_set(err, _("%s: 一行超过 %zu 字节（不是表格的一行）"), p->name, (size_t)PART_MAX);
		p->buf = xgrow(p->buf, &p->cap, p->len + PART_SIZE, 1);
		got = fread(p->buf + p->len, 1, PART_SIZE, p->f);
		if (got < PART_SIZE) {
			if (ferror(p->f))
				return yk_error_setk(err, YK_ERR_SYSTEM, _("%s: 读取出错"), p->name);
			p->eof = 1;
		}
		p->len += got;
		if (!got && !p->len) {
			*n = 0;
			return 0;
		}
	}
}

static void
parts_done(struct parts *p, size_t n)
{
	memmove(p->buf, p->buf + n, p->len - n);
	p->len -= n;
}

static long
count_lines(const char *s, size_t n)
{
	long k = 0;

	for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))) != NULL; s++)
		k++;
	return k;
}

int
import_cases_file(struct ledger *l, const char *path, const struct import_opts *o,
		  void (*fn)(void *ctx, const char *problem), void *ctx, struct import_result *res,
		  yk_error *err)
{
	struct import_run R;
	struct parts p = {.name = path};
	long line = 1;
	size_t n;
	int rc = -1;

	run_init(&R, l, path, o, fn, ctx, res);
	p.f = fopen(path, "rb");
	if (!p.f)
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法打开：%s"), path,
				     strerror(errno));
	R.enc = o->encoding;
	if (R.enc == ENC_AUTO) {
		/* the whole file judged first, line by line, as encoding_detect does */
		struct enc_sniff s;
		int d;

		encoding_sniff_init(&s);
		while (parts_next(&p, 0, &n, err) == 0 && n > 0) {
			encoding_sniff(&s, p.buf, n);
			parts_done(&p, n);
		}
		if (!p.eof || (d = encoding_sniff_end(&s, path, err)) < 0)
			goto out;
		R.enc = (enum yk_encoding)d;
		rewind(p.f);
		p.len = 0;
		p.eof = 0;
	}
	res->encoding = R.enc;
	{
		/* a first look at the meter numbers: their usual length, which a
		 * shorter one is held against (check_damage) */
		struct meter_tally t = {0};

		while (parts_next(&p, 1, &n, err) == 0 && n > 0) {
			char *utf8;
			size_t utf8len;

			if (encoding_to_utf8_part(p.buf, n, R.enc, line, &utf8, &utf8len, path, err) < 0)
				break;
			tally_meters(&t, utf8, utf8len, line, path);
			free(utf8);
			line += count_lines(p.buf, n);
			parts_done(&p, n);
		}
		/* a part that cannot be read is reported by the import itself */
		R.x.meter_len = meter_usual(&t);
		rewind(p.f);
		p.len = 0;
		p.eof = 0;
		line = 1;
	}
	rc = store_bulk(l->st, 1, err);
	while (rc == 0) {
		char *utf8;
		size_t utf8len;

		if (parts_next(&p, 1, &n, err) < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		if (encoding_to_utf8_part(p.buf, n, R.enc, line, &utf8, &utf8len, path, err) < 0) {
			rc = -1;
			break;
		}
		rc = run_rows(&R, utf8, utf8len, line, err);
		free(utf8);
		line += count_lines(p.buf, n);
		parts_done(&p, n);
	}
	rc = run_end(&R, rc, err);
	store_bulk(l->st, 0, NULL);
out:
	fclose(p.f);
	free(p.buf);
	return rc;
}
