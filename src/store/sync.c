#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/clock.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/sha256.h"
#include "yekuo/store/sync.h"
#include "yekuo/core/merge.h"
#include "yekuo/core/xalloc.h"

/* Offline synchronisation. The reasoning behind each rule here is in
 * docs/sync.md; in short:
 *
 * - Every event carries a sync record: the database that recorded it and a
 *   version vector of what that database knew of the case at the time.
 * - A case's chain is a function of the set of its events: sorted by
 *   (depth = how many events its recorder knew, recorded, uuid), conflicts
 *   marked by rows the merge writes itself (deterministically), hashes
 *   chained in that order. Two databases with the same events therefore
 *   hold the same rows, whatever order the bundles came in; and a new local
 *   event always sorts last, so ledger_append keeps the chain canonical.
 * - Bundles carry whole cases, so each chain in a bundle verifies alone. */

#define BUNDLE_NAME "yekuo-sync-bundle"
#define BUNDLE_VERSION "2"

void
sync_summary_free(struct sync_summary *s)
{
	for (size_t i = 0; i < s->ncases && s->cases; i++)
		free(s->cases[i].why);
	free(s->cases);
	s->cases = NULL;
	s->ncases = 0;
	free(s->clock);
	s->clock = NULL;
	s->nclock = 0;
}

static void
clock_flag(struct sync_summary *s, const struct sync_item *it, long skew)
{
	struct sync_clock_flag *f;

	s->clock = xrealloc(s->clock, (s->nclock + 1) * sizeof *s->clock);
	f = &s->clock[s->nclock++];
	snprintf(f->case_no, sizeof f->case_no, "%s", it->ev.case_no);
	snprintf(f->event, sizeof f->event, "%s", it->ev.uuid);
	snprintf(f->office, sizeof f->office, "%s", it->m.office);
	f->skew = skew;
}

/* Has a correction among the case's events put ev's date right (set it to
 * a day not in the future, or voided ev)? */
static int
date_corrected(const struct sync_item *in, size_t nin, const struct yk_event *ev)
{
	for (size_t i = 0; i < nin; i++) {
		const struct yk_event *c = &in[i].ev;
		const char *t = c->kind == EV_CORRECT ? sync_dget(c, "corrects") : NULL;
		const char *set = t ? sync_dget(c, "set.effective") : NULL;
		yk_date d;

		if (!t || in[i].synthetic || strcmp(t, ev->uuid) != 0)
			continue;
		if (sync_dget(c, "void") || (set && date_parse(set, &d) == 0 && d <= clock_today()))
			return 1;
	}
	return 0;
}

/* The latest business date an event states: its own, or one it sets. */
static yk_date
stated_date(const struct yk_event *ev)
{
	const char *set = ev->kind == EV_CORRECT ? sync_dget(ev, "set.effective") : NULL;
	yk_date d;

	if (set && date_parse(set, &d) == 0 && d > ev->effective)
		return d;
	return ev->effective;
}

/* A summary to fill: empty, each case to on_case (or its list). */
static void
summary_start(struct sync_summary *s, void (*on_case)(void *, const struct sync_case_change *),
	      void *ctx)
{
	memset(s, 0, sizeof *s);
	s->on_case = on_case;
	s->ctx = ctx;
}

/* ---- a case as stored: its chain and sync records ------------------------ */

struct view {
	char case_no[CASE_NO_BUFSZ];
	struct yk_event *evs;
	size_t n;
	struct sync_meta *metas;
	size_t nmetas;
	const struct sync_meta **meta;	/* per row: its sync record, or NULL */
	struct sync_chain ch;
};

static void
view_free(struct view *v)
{
	events_free(v->evs, v->n);
	for (size_t i = 0; i < v->nmetas; i++)
		sync_meta_free(&v->metas[i]);
	free(v->metas);
	free(v->meta);
	memset(v, 0, sizeof *v);
}

static int
view_load(struct yk_store *st, const char *own, const char *case_no, struct view *v, yk_error *err)
{
	memset(v, 0, sizeof *v);
	snprintf(v->case_no, sizeof v->case_no, "%s", case_no);
	if (store_case_events(st, case_no, &v->evs, &v->n, err) < 0)
		return -1;
	if (store_sync_metas(st, case_no, &v->metas, &v->nmetas, err) < 0) {
		view_free(v);
		return -1;
	}
	v->meta = xcalloc(v->n ? v->n : 1, sizeof *v->meta);
	for (size_t i = 0; i < v->n; i++)
		for (size_t k = 0; k < v->nmetas; k++)
			if (strcmp(v->metas[k].uuid, v->evs[i].uuid) == 0) {
				v->meta[i] = &v->metas[k];
				break;
			}
	v->ch.case_no = v->case_no;
	v->ch.own = own;
	v->ch.evs = v->evs;
	v->ch.n = v->n;
	v->ch.meta = v->meta;
	return 0;
}

static long
view_find(const struct view *v, const char *uuid)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->evs[i].uuid, uuid) == 0)
			return (long)i;
	return -1;
}

static const struct sync_meta *
view_meta(const struct view *v, long row)
{
	return row >= 0 ? v->meta[row] : NULL;
}

/* The sync records the case's recent local events (those with none yet)
 * get: what this database knew when each was recorded — every event before
 * it in the chain, since no merge has reordered the chain since (every
 * merge records first). */
static int
view_pending(const struct view *v, const char *own, const char *office, struct sync_meta **out,
	     size_t *nout, yk_error *err)
{
	struct vc counts = {0};
	size_t cap = 0;
	int pending = 0;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct yk_event *ev = &v->evs[i];
		const struct sync_meta *known = view_meta(v, (long)i);
		struct sync_meta *m;

		if (sync_is_synthetic(ev))
			continue;
		if (known) {
			if (pending) {
				yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 事件 #%ld（%s）接在同步没有记录的事件之后（事件链在 yekuo 之外被改动过）"),
					     v->case_no, ev->seq, ev->uuid);
				goto fail;
			}
			vc_inc(&counts, known->source);
			continue;
		}
		pending = 1;
		vc_inc(&counts, own);
		*out = xgrow(*out, &cap, *nout + 1, sizeof **out);
		m = &(*out)[(*nout)++];
		memset(m, 0, sizeof *m);
		snprintf(m->uuid, sizeof m->uuid, "%s", ev->uuid);
		snprintf(m->case_no, sizeof m->case_no, "%s", ev->case_no);
		snprintf(m->source, sizeof m->source, "%s", own);
		snprintf(m->office, sizeof m->office, "%s", office);
		m->vc = vc_format(&counts);
		m->depth = vc_sum(&counts);
		m->orig_seq = ev->seq;
		snprintf(m->orig_prev, sizeof m->orig_prev, "%s", ev->prev_hash);
		snprintf(m->orig_hash, sizeof m->orig_hash, "%s", ev->hash);
	}
	vc_free(&counts);
	return 0;
fail:
	vc_free(&counts);
	for (size_t i = 0; i < *nout; i++)
		sync_meta_free(&(*out)[i]);
	free(*out);
	*out = NULL;
	*nout = 0;
	return -1;
}

/* Record for sync the recent local events of a case already loaded: the
 * number recorded (0: none pending), or -1. */
static int
capture_view(struct yk_store *st, const char *own, const struct view *v, yk_error *err)
{
	struct sync_meta *p;
	size_t np;
	int rc = 0;

	if (view_pending(v, own, store_office(st), &p, &np, err) < 0)
		return -1;
	for (size_t i = 0; i < np && rc == 0; i++)
		rc = store_sync_record(st, &p[i], err);
	for (size_t i = 0; i < np; i++)
		sync_meta_free(&p[i]);
	free(p);
	return rc < 0 ? -1 : (int)np;
}

/* Record the case's recent local events for sync. */
static int
capture_case(struct yk_store *st, const char *case_no, const char *own, yk_error *err)
{
	struct view v;
	int rc;

	if (view_load(st, own, case_no, &v, err) < 0)
		return -1;
	rc = capture_view(st, own, &v, err);
	view_free(&v);
	return rc < 0 ? -1 : 0;
}

static int
capture_all(struct yk_store *st, const char *own, yk_error *err)
{
	char **cases;
	size_t n;
	int rc = 0;

	if (store_sync_capture_fresh(st, own, &cases, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = capture_case(st, cases[i], own, err);
	store_list_free(cases, n);
	return rc;
}

int
sync_case_conflicts(struct yk_store *st, const char *case_no, struct sync_conflict **out,
		    size_t *n, yk_error *err)
{
	struct view v;
	size_t cap = 0;
	int marked;

	*out = NULL;
	*n = 0;
	marked = store_sync_case_marked(st, case_no, err);
	if (marked <= 0)
		return marked;
	if (view_load(st, "", case_no, &v, err) < 0)
		return -1;
	sync_chain_conflicts(&v.ch, out, n, &cap);
	view_free(&v);
	return 0;
}

int
sync_conflicts(struct yk_store *st, struct sync_conflict **out, size_t *n, yk_error *err)
{
	char **cases;
	size_t ncases, cap = 0;

	*out = NULL;
	*n = 0;
	if (store_sync_marked_cases(st, &cases, &ncases, err) < 0)
		return -1;
	for (size_t i = 0; i < ncases; i++) {
		struct view v;

		if (view_load(st, "", cases[i], &v, err) < 0) {
			store_list_free(cases, ncases);
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		sync_chain_conflicts(&v.ch, out, n, &cap);
		view_free(&v);
	}
	store_list_free(cases, ncases);
	return 0;
}

int
sync_case_in_conflict(struct yk_store *st, const char *case_no, yk_error *err)
{
	struct sync_conflict *c;
	size_t n;

	if (sync_case_conflicts(st, case_no, &c, &n, err) < 0)
		return -1;
	free(c);
	return n > 0;
}

int
sync_conflicted_cases(struct yk_store *st, char ***out, size_t *n, yk_error *err)
{
	char **marked;
	size_t nmarked, k = 0;

	*out = NULL;
	*n = 0;
	if (store_sync_marked_cases(st, &marked, &nmarked, err) < 0)
		return -1;
	for (size_t i = 0; i < nmarked; i++) {
		int c = sync_case_in_conflict(st, marked[i], err);

		if (c < 0) {
			store_list_free(marked, nmarked);
			return -1;
		}
		if (c) {
			/* keep it, in order, in the front part of the same list */
			char *t = marked[k];

			marked[k++] = marked[i];
			marked[i] = t;
		}
	}
	for (size_t i = k; i < nmarked; i++)
		free(marked[i]);
	if (k == 0) {
		free(marked);
		return 0;
	}
	*out = marked;
	*n = k;
	return 0;
}

/* ---- the bundle's checksum ------------------------------------------------ */

/* One row of the canonical event list: every column as stored, in
 * sync_row order, each as "LENGTH:VALUE\n" — gathered into one buffer and
 * hashed in one call (hundreds of thousands of rows). */
static void
digest_row(struct sha256 *c, const struct sync_row *r)
{
	char stack[4096], *buf = stack;
	size_t need = 0, len = 0;

	for (int i = 0; i < SYNC_ROW_COLS; i++)
		need += r->len[i] + 24;
	if (need > sizeof stack)
		buf = xmalloc(need);
	for (int i = 0; i < SYNC_ROW_COLS; i++) {
		len += (size_t)sprintf(buf + len, "%zu:", r->len[i]);
		memcpy(buf + len, r->col[i], r->len[i]);
		len += r->len[i];
		buf[len++] = '\n';
	}
	sha256_update(c, buf, len);
	if (buf != stack)
		free(buf);
}

/* The seal over the header (which holds the events' digest), for the
 * bundle format version it declares. */
static void
header_checksum(long version, const char *text, char out[HASH_BUFSZ])
{
	char *all = xasprintf(BUNDLE_NAME "-v%ld\n%s", version, text);

	sha256_hex(all, strlen(all), out);
	free(all);
}

/* ---- export ---------------------------------------------------------------- */

static int
bundle_header(struct yk_bundle *b, const struct sync_summary *s, const struct yk_store *st,
	      const struct sync_export_opts *o, const char *first, const char *last,
	      const char *events_sha, char checksum[HASH_BUFSZ], yk_error *err)
{
	char num[32], stamp[CLOCK_STAMP_BUFSZ], *text;
	int rc = 0;
	struct {
		const char *key, *val;
	} kv[16];
	size_t n = 0;
	char v_schema[16], v_from[32], v_to[32], v_cases[32], v_events[32];

	snprintf(v_schema, sizeof v_schema, "%d", STORE_SCHEMA_VERSION);
	snprintf(v_from, sizeof v_from, "%ld", s->mark_from);
	snprintf(v_to, sizeof v_to, "%ld", s->mark_to);
	snprintf(v_cases, sizeof v_cases, "%zu", s->ncases);
	snprintf(v_events, sizeof v_events, "%ld", s->events);
	(void)num;
	kv[n].key = "format", kv[n++].val = BUNDLE_NAME;
	kv[n].key = "version", kv[n++].val = BUNDLE_VERSION;
	kv[n].key = "schema", kv[n++].val = v_schema;
	kv[n].key = "source", kv[n++].val = s->source;
	kv[n].key = "office", kv[n++].val = s->office;
	kv[n].key = "training", kv[n++].val = store_training(st) ? "1" : "0";
	kv[n].key = "created", kv[n++].val = clock_stamp(clock_now(), stamp);
	kv[n].key = "peer", kv[n++].val = o->peer ? o->peer : "";
	kv[n].key = "since-last", kv[n++].val = o->since_last ? "1" : "0";
	kv[n].key = "mark-from", kv[n++].val = v_from;
	kv[n].key = "mark-to", kv[n++].val = v_to;
	kv[n].key = "cases", kv[n++].val = v_cases;
	kv[n].key = "events", kv[n++].val = v_events;
	kv[n].key = "first-recorded", kv[n++].val = first;
	kv[n].key = "last-recorded", kv[n++].val = last;
	kv[n].key = "events-sha256", kv[n++].val = events_sha;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_bundle_set(b, kv[i].key, kv[i].val, err);
	if (rc < 0)
		return -1;
	/* The seal is computed from the header as stored, exactly as an
	 * import will read it back. */
	if (store_bundle_header_text(b, "checksum", &text, err) < 0)
		return -1;
	header_checksum(strtol(BUNDLE_VERSION, NULL, 10), text, checksum);
	free(text);
	return store_bundle_set(b, "checksum", checksum, err);
}

/* Each case carried: to the caller's callback, or kept in the summary. */
static void
case_done(struct sync_summary *out, size_t *cap, struct sync_case_change *c)
{
	out->ncases++;
	if (out->on_case) {
		out->on_case(out->ctx, c);
		free(c->why);
		c->why = NULL;
	} else {
		out->cases = xgrow(out->cases, cap, out->ncases, sizeof *out->cases);
		out->cases[out->ncases - 1] = *c;
	}
}

struct export_walk {
	struct yk_bundle *b;
	struct sha256 dig;
	struct sync_summary *out;
	size_t cap;
	struct sync_case_change cur;
	char first[CLOCK_STAMP_BUFSZ], last[CLOCK_STAMP_BUFSZ];
	yk_error *err;
};

static int
export_row(void *ctx, const struct sync_row *r)
{
	struct export_walk *w = ctx;
	const char *rec = r->col[SR_RECORDED];

	if (!r->len[SR_SOURCE] && strcmp(r->col[SR_ORIGIN], SYNC_ORIGIN) != 0) {
		yk_error_setk(w->err, YK_ERR_DAMAGED, _("%s: 事件 #%s 没有同步记录"),
			      r->col[SR_CASE_NO], r->col[SR_SEQ]);
		return 1;
	}
	if (w->b && store_bundle_add_row(w->b, r, w->err) < 0)
		return 1;
	digest_row(&w->dig, r);
	if (strcmp(w->cur.case_no, r->col[SR_CASE_NO]) != 0) {
		if (w->cur.case_no[0])
			case_done(w->out, &w->cap, &w->cur);
		memset(&w->cur, 0, sizeof w->cur);
		snprintf(w->cur.case_no, sizeof w->cur.case_no, "%s", r->col[SR_CASE_NO]);
	}
	w->cur.events++;
	w->out->events++;
	if (!w->first[0] || strcmp(rec, w->first) < 0)
		snprintf(w->first, sizeof w->first, "%s", rec);
	if (strcmp(rec, w->last) > 0)
		snprintf(w->last, sizeof w->last, "%s", rec);
	return 0;
}

int
sync_export(struct yk_store *st, const char *path, const struct sync_export_opts *o,
	    struct sync_summary *out, yk_error *err)
{
	char own[SYNC_ID_BUFSZ], events_sha[HASH_BUFSZ];
	struct export_walk w;
	struct sync_peer peer;
	int rc;

	summary_start(out, o->on_case, o->ctx);
	memset(&w, 0, sizeof w);
	w.out = out;
	w.err = err;
	if (o->since_last && (!o->peer || !*o->peer))
		return yk_error_set(err, _("--since-last 要同时写 --peer 名称（从上次导出给哪个对方之后接着导出）"));
	if (store_db_id(st, own, err) < 0)
		return -1;
	snprintf(out->source, sizeof out->source, "%s", own);
	snprintf(out->office, sizeof out->office, "%s", store_office(st));
	if (store_begin(st, err) < 0)
		return -1;
	if (capture_all(st, own, err) < 0 || store_sync_last_mark(st, &out->mark_to, err) < 0)
		goto fail;
	if (o->since_last) {
		rc = store_sync_peer_get(st, o->peer, &peer, err);
		if (rc < 0)
			goto fail;
		if (rc == 0)
			out->mark_from = peer.mark;
	}
	if (!o->dry_run && store_bundle_create(path, o->guard, &w.b, err) < 0)
		goto fail;
	sha256_init(&w.dig);
	/* Nothing new since the peer's mark: nothing to read. */
	if ((out->mark_from == 0 || out->mark_from < out->mark_to) &&
	    store_sync_rows(st, out->mark_from, export_row, &w, err) < 0)
		goto fail;
	if (w.cur.case_no[0])
		case_done(out, &w.cap, &w.cur);
	sync_hex_digest(&w.dig, events_sha);
	if (w.b) {
		rc = bundle_header(w.b, out, st, o, w.first, w.last, events_sha, out->checksum, err);
		if (rc == 0) {
			rc = store_bundle_commit(w.b, err);
			w.b = NULL; /* committed or removed */
		}
		if (rc < 0)
			goto fail;
	}
	if (o->peer && *o->peer && !o->dry_run) {
		memset(&peer, 0, sizeof peer);
		snprintf(peer.name, sizeof peer.name, "%s", o->peer);
		peer.mark = out->mark_to;
		clock_stamp(clock_now(), peer.exported);
		snprintf(peer.file, sizeof peer.file, "%s", path);
		if (store_sync_peer_put(st, &peer, err) < 0)
			goto fail;
	}
	if (o->dry_run) {
		store_rollback(st);
		return 0;
	}
	return store_commit(st, err);
fail:
	store_bundle_close(w.b);
	store_rollback(st);
	sync_summary_free(out);
	return -1;
}

/* ---- import ---------------------------------------------------------------- */

static int
same_event(const struct yk_event *a, const struct yk_event *b)
{
	char *x, *y;
	int same;

	if (strcmp(a->uuid, b->uuid) || strcmp(a->case_no, b->case_no) || a->kind != b->kind ||
	    a->effective != b->effective || strcmp(a->recorded, b->recorded) ||
	    strcmp(a->operator_name, b->operator_name) || strcmp(a->origin, b->origin))
		return 0;
	x = payload_serialize(&a->data);
	y = payload_serialize(&b->data);
	same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static int
same_meta(const struct sync_meta *a, const struct sync_meta *b)
{
	return strcmp(a->source, b->source) == 0 && strcmp(a->office, b->office) == 0 &&
	       strcmp(a->vc ? a->vc : "", b->vc ? b->vc : "") == 0 && a->orig_seq == b->orig_seq &&
	       strcmp(a->orig_prev, b->orig_prev) == 0 && strcmp(a->orig_hash, b->orig_hash) == 0;
}

/* The event as its office recorded it: its hash at its original place. */
static int
orig_matches(const struct yk_event *ev, const struct sync_meta *m, int hash_checked)
{
	struct yk_event o = *ev; /* shares the payload: only read */
	char h[HASH_BUFSZ];

	/* At its original place, with its hash just recomputed: the same. */
	if (hash_checked && ev->seq == m->orig_seq && strcmp(ev->prev_hash, m->orig_prev) == 0)
		return strcmp(ev->hash, m->orig_hash) == 0;
	o.seq = m->orig_seq;
	snprintf(o.prev_hash, sizeof o.prev_hash, "%s", m->orig_prev);
	event_hash(&o, h);
	return strcmp(h, m->orig_hash) == 0;
}

static int
check_meta(const struct sync_item *it, yk_error *err)
{
	struct vc v;
	long own;

	if (!sync_is_db_id(it->m.source) || !it->m.office[0])
		return yk_error_setk(err, YK_ERR_DAMAGED, _("它的同步记录没有写明由哪个数据库记录"));
	if (vc_parse(it->m.vc, &v) < 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("它的同步记录已损坏（它的数据库所知：'%s'）"),
				    it->m.vc ? it->m.vc : "");
	own = vc_get(&v, it->m.source);
	vc_free(&v);
	if (own < 1 || it->m.orig_seq < 1)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("它的同步记录已损坏"));
	if (!orig_matches(&it->ev, &it->m, 1))
		return yk_error_setk(err, YK_ERR_DAMAGED, _("它与其单位所做的记录不同（记录之后被改动过）"));
	return 0;
}

/* Every chain of the bundle, on its own: bundles carry whole cases. */
static int
verify_items(const struct sync_item *items, size_t n, yk_error *err)
{
	size_t i = 0;

	while (i < n) {
		size_t a = i;
		const char *case_no = items[a].ev.case_no, *prev = "";

		for (; i < n && strcmp(items[i].ev.case_no, case_no) == 0; i++) {
			const struct sync_item *it = &items[i];
			const struct yk_event *ev = &it->ev;
			long want = (long)(i - a) + 1;
			char h[HASH_BUFSZ];

			if (ev->seq != want)
				return yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 同步包里缺少事件 #%ld（被删除或截断）"), case_no, want);
			if (want == 1 && ev->kind != EV_OPEN)
				return yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 同步包里这件案件不是从受理事件开始的"), case_no);
			if (strcmp(ev->prev_hash, prev) != 0)
				return yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 事件 #%ld（%s）没有接在前一事件之后（事件链断了：有事件被删除、插入或调换了次序）"), case_no, ev->seq, ev->uuid);
			event_hash(ev, h);
			if (strcmp(h, ev->hash) != 0)
				return yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 事件 #%ld（%s）记录之后被改动过（散列值与内容不符）"),
						    case_no, ev->seq, ev->uuid);
			prev = ev->hash;
			if (it->synthetic) {
				if (it->m.source[0] || it->m.orig_seq)
					return yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 事件 #%ld（%s）：合并行带有同步记录（被改动过）"), case_no, ev->seq, ev->uuid);
				continue;
			}
			if (check_meta(it, err) < 0)
				return yk_error_prefix(err, _("案件 %s: 事件 #%ld（%s）："), case_no, ev->seq,
						       ev->uuid);
		}
	}
	return 0;
}

struct header {
	char format[64], version[16], schema[16], source[64], office[32], training[8];
	char events[32], events_sha[80], checksum[80], created[40];
};

static int
read_header(struct yk_bundle *b, struct header *h, yk_error *err)
{
	struct {
		const char *key;
		char *out;
		size_t sz;
	} f[] = {
		{"format", h->format, sizeof h->format},     {"version", h->version, sizeof h->version},
		{"schema", h->schema, sizeof h->schema},     {"source", h->source, sizeof h->source},
		{"office", h->office, sizeof h->office},     {"training", h->training, sizeof h->training},
		{"events", h->events, sizeof h->events},     {"events-sha256", h->events_sha, sizeof h->events_sha},
		{"checksum", h->checksum, sizeof h->checksum},
		{"created", h->created, sizeof h->created},
	};

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (store_bundle_get(b, f[i].key, f[i].out, f[i].sz, err) < 0)
			return -1;
	return 0;
}

/* The exporter's clock when it wrote the bundle, against this machine's
 * now and against the latest event of another office it already held
 * (latest: found while the bundle is read). */
static void
bundle_clock(const struct header *h, time_t latest, struct sync_summary *out)
{
	time_t created;

	if (sync_stamp_time(h->created, &created) < 0)
		return;
	if (created - clock_now() > SYNC_CLOCK_TOLERANCE)
		out->bundle_skew = (long)(created - clock_now());
	if (latest - created > SYNC_CLOCK_TOLERANCE)
		out->bundle_lag = (long)(latest - created);
}

/* A whole number, or -1. */
static long
number(const char *s)
{
	char *end;
	long v;

	if (!*s || *s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end ? -1 : v;
}

/* Case numbers carry the office code, so two databases with one code would
 * mint the same numbers: refuse a bundle that shows two (or this
 * database's code on another database). Once per database in the bundle. */
/* The (database, office code) pairs an import has seen so far. */
struct offices {
	struct {
		char source[SYNC_ID_BUFSZ], office[16];
	} *seen;
	size_t n;
};

static int
check_offices(struct yk_store *st, const char *own, struct offices *o, const struct sync_item *items,
	      size_t n, yk_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct sync_meta *m = &items[i].m;
		char other[SYNC_ID_BUFSZ];
		size_t k;
		int x;

		if (items[i].synthetic)
			continue;
		for (k = 0; k < o->n; k++)
			if (strcmp(o->seen[k].source, m->source) == 0 && strcmp(o->seen[k].office, m->office) == 0)
				break;
		if (k < o->n)
			continue;
		for (k = 0; k < o->n && rc == 0; k++)
			if (strcmp(o->seen[k].office, m->office) == 0)
				rc = yk_error_setk(err, YK_ERR_CONFLICT, _("同步包里有两个数据库使用单位代码 '%s'；请给每台笔记本各自的单位代码"), m->office);
		if (rc)
			break;
		o->seen = xrealloc(o->seen, (o->n + 1) * sizeof *o->seen);
		snprintf(o->seen[o->n].source, sizeof o->seen[o->n].source, "%s", m->source);
		snprintf(o->seen[o->n++].office, sizeof o->seen[0].office, "%s", m->office);
		if (strcmp(m->office, store_office(st)) == 0 && strcmp(m->source, own) != 0) {
			rc = yk_error_setk(err, YK_ERR_CONFLICT, _("案件 %s: 事件 %s 由另一个使用本库单位代码 '%s' 的数据库记录；请给每台笔记本各自的单位代码（yekuo init --office 代码）"),
					  m->case_no, m->uuid, m->office);
			break;
		}
		x = store_sync_office_clash(st, m->office, m->source, other, err);
		if (x < 0)
			rc = -1;
		else if (x)
			rc = yk_error_setk(err, YK_ERR_CONFLICT, _("两个数据库使用单位代码 '%s'（编号 %.8s… 和 %.8s…）；请给每台笔记本各自的单位代码"),
					  m->office, m->source, other);
	}
	return rc;
}

/* What became of a case of the bundle besides being merged. */
#define CASE_SET_ASIDE 1	/* left out, the reason in err; the rest imports */
#define CASE_SKIPPED 2		/* a stale copy of a case renumbered since */

/* The opening events of the bundle's renumbered cases: copies of the
 * cases they replace are stale wherever they turn up. */
struct renumbered {
	char (*open)[UUID_BUFSZ];
	size_t n;
};

/* How many times one case may have been renumbered, as far as a copy of
 * it is recognised as retired (renumbering twice is rare already). */
#define RENUMBER_DEPTH 4

/* Is the case opened by open_uuid one renumbered since — its copy here
 * dropped for it, or its renumbered opening event (a hash of this one, or
 * of that one if renumbered again …) here or in the bundle? 1 yes, 0 no,
 * -1 error. */
static int
is_retired(struct yk_store *st, const struct renumbered *rn, const char *open_uuid, yk_error *err)
{
	char from[UUID_BUFSZ], to[UUID_BUFSZ];
	int x = store_sync_dropped(st, open_uuid, err);

	snprintf(from, sizeof from, "%s", open_uuid);
	for (int depth = 0; x == 0 && depth < RENUMBER_DEPTH; depth++) {
		sync_renumbered_uuid(from, to);
		for (size_t i = 0; i < rn->n && !x; i++)
			x = strcmp(rn->open[i], to) == 0;
		if (!x)
			x = store_event_exists(st, to, err);
		memcpy(from, to, sizeof from);
	}
	return x;
}

/* Two different cases under one number. Every database mints numbers
 * with its own office code, so one database minted it twice: it was
 * restored from a backup older than its last case. Say so, and who must
 * renumber which (the later one); the case is set aside meanwhile. */
static int
minted_twice(struct yk_store *st, const char *own, const struct view *v, const struct sync_item *theirs,
	     yk_error *err)
{
	const struct sync_meta *m = view_meta(v, 0);
	const char *src = m ? m->source : own, *office = m ? m->office : store_office(st);
	int ours_later = strcmp(v->evs[0].recorded, theirs->ev.recorded) > 0;
	const char *later_office = ours_later ? office : theirs->m.office;
	const char *later_src = ours_later ? src : theirs->m.source;

	if (strcmp(src, theirs->m.source) != 0)
		yk_error_setk(err, YK_ERR_CONFLICT,
			      _("单位 %s 和 %s 各自开了案件 %s；请给每个数据库各自的单位代码，并在单位 %s 的数据库上给它的案件重新编号（yekuo sync renumber %s）——已搁置，其他案件已导入"),
			      office, theirs->m.office, v->case_no, later_office, v->case_no);
	else if (strcmp(later_src, own) == 0 && ours_later)
		yk_error_setk(err, YK_ERR_CONFLICT,
			      _("本库开了 %s（%.10s），但单位 %s 的记录表明此前已有另一件案件用这个编号：本库是从备份恢复的，又发了一次这个编号。请在这里给案件重新编号：yekuo sync renumber %s——已搁置，其他案件已导入"),
			      v->case_no, v->evs[0].recorded, later_office, v->case_no);
	else
		yk_error_setk(err, YK_ERR_CONFLICT,
			      _("单位 %s 的数据库把 %s 发了两次（它是从备份恢复的）：它在 %.10s 开的那件是后一件；请在那个数据库上运行：yekuo sync renumber %s——已搁置，其他案件已导入"),
			      later_office, v->case_no,
			      ours_later ? v->evs[0].recorded : theirs->ev.recorded, v->case_no);
	return CASE_SET_ASIDE;
}

/* Case new_no has just arrived renumbered from old_no: the copy of the old
 * case here (the one it replaces, not another case under that number)
 * goes; any of its events the renumbered case does not hold yet (recorded
 * here after the renumbering) move over, as this database's. 0 done,
 * CASE_SET_ASIDE when they no longer replay there, -1 error. */
static int
retire_old(struct yk_store *st, const struct yk_rules *rules, const char *own, const char *old_no,
	   const char *new_no, yk_error *err)
{
	struct view old, cur;
	struct yk_event *chain = NULL;
	size_t n = 0;
	struct case_state c;
	char to[UUID_BUFSZ];
	int rc = -1, depth = 0;

	if (view_load(st, own, old_no, &old, err) < 0)
		return -1;
	if (view_load(st, own, new_no, &cur, err) < 0) {
		view_free(&old);
		return -1;
	}
	if (old.n) {
		/* the same case if the new opening event is a hash of its own
		 * (or of that hash, renumbered again …: depth times) */
		memcpy(to, old.evs[0].uuid, sizeof to);
		do
			sync_renumbered_uuid(to, to);
		while (cur.n && strcmp(to, cur.evs[0].uuid) != 0 && ++depth < RENUMBER_DEPTH);
	}
	if (!old.n || !cur.n || strcmp(to, cur.evs[0].uuid) != 0) {
		rc = 0; /* nothing here, or the number's other case */
		goto out;
	}
	chain = xcalloc(cur.n + old.n, sizeof *chain);
	for (size_t i = 0; i < cur.n; i++)
		sync_event_copy(&chain[n++], &cur.evs[i]);
	for (size_t i = 0; i < old.n; i++) {
		if (sync_is_synthetic(&old.evs[i]))
			continue;
		memcpy(to, old.evs[i].uuid, sizeof to);
		for (int k = 0; k <= depth; k++)
			sync_renumbered_uuid(to, to);
		if (view_find(&cur, to) >= 0)
			continue;
		/* renumbered as often as the case was: the uuid every database
		 * holding it gives it */
		sync_renumber_event(&old.evs[i], old_no, new_no, &chain[n]);
		for (int k = 0; k < depth; k++) {
			struct yk_event again;

			sync_renumber_event(&chain[n], old_no, new_no, &again);
			event_free(&chain[n]);
			chain[n] = again;
		}
		chain[n].seq = (long)n + 1;
		snprintf(chain[n].prev_hash, sizeof chain[n].prev_hash, "%s", chain[n - 1].hash);
		event_hash(&chain[n], chain[n].hash);
		n++;
	}
	if (store_sync_drop_case(st, old_no, err) < 0)
		goto out;
	if (n > cur.n) {
		if (case_derive(chain, n, rules, &c, err) < 0) {
			yk_error_prefix(err, _("%s 在别处已重新编号为 %s，此后在这里用旧编号记录的事件接不上："), old_no, new_no);
			rc = CASE_SET_ASIDE;
			goto out;
		}
		rc = 0;
		for (size_t i = cur.n; i < n && rc == 0; i++)
			rc = store_insert_event(st, &chain[i], err);
		if (rc == 0)
			rc = store_put_case(st, &c, err);
		case_state_free(&c);
		goto out;
	}
	rc = 0;
out:
	events_free(chain, n);
	view_free(&old);
	view_free(&cur);
	return rc;
}

/* Merge the bundle's events of one case (in[0..nin), whole chain). */
static int
merge_case(struct yk_store *st, const struct yk_rules *rules, const char *own,
	   const struct sync_item *in, size_t nin, const struct renumbered *rn,
	   struct sync_summary *out, size_t *cap, yk_error *err)
{
	const char *case_no = in[0].ev.case_no;
	const struct sync_item *open = &in[0]; /* verify_items: every case begins with it */
	struct view v;
	struct sync_item *all = NULL;
	size_t nall = 0, nfresh = 0, nchain = 0, k;
	const struct sync_item **fresh = NULL;
	struct yk_event *chain = NULL;
	struct case_state c;
	struct sync_case_change ch;
	struct sync_conflict *conf = NULL;
	size_t nconf = 0, confcap = 0;
	int rc = -1, is_new;

	case_state_init(&c);
	if (view_load(st, own, case_no, &v, err) < 0)
		return -1;
	if (v.n) {
		/* its recent local events get their sync records first */
		int got = capture_view(st, own, &v, err);

		if (got != 0) {
			view_free(&v);
			if (got < 0 || view_load(st, own, case_no, &v, err) < 0)
				return -1;
		}
	}
	if (store_number_seen(st, case_no, err) < 0) {
		view_free(&v);
		return -1;
	}
	is_new = v.n == 0;
	if (is_new || strcmp(v.evs[0].uuid, open->ev.uuid) != 0) {
		/* A case not here, or another case under this number: a copy of
		 * a case renumbered since is left out; two cases stay apart. */
		int x = is_retired(st, rn, open->ev.uuid, err);

		if (x)
			rc = x < 0 ? -1 : CASE_SKIPPED;
		else if (!is_new)
			rc = minted_twice(st, own, &v, open, err);
		if (x || !is_new)
			goto out;
	}
	fresh = xcalloc(nin, sizeof *fresh);
	for (size_t i = 0; i < nin; i++) {
		const struct sync_item *it = &in[i];
		long r;
		int x;

		if (it->synthetic)
			continue;
		r = view_find(&v, it->ev.uuid);
		if (r >= 0) {
			const struct sync_meta *m = view_meta(&v, r);

			if (!m || !same_event(&v.evs[r], &it->ev) || !same_meta(m, &it->m)) {
				yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 事件 %s 与本库的副本不同（某一方被改动过）"), case_no, it->ev.uuid);
				goto out;
			}
			continue;
		}
		/* (for a new case, a uuid already here fails its insert, below) */
		x = is_new ? 0 : store_event_exists(st, it->ev.uuid, err);
		if (x < 0)
			goto out;
		if (x) {
			yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 事件 %s 已在本库的另一件案件里（被改动过）"),
				     case_no, it->ev.uuid);
			goto out;
		}
		if (stated_date(&it->ev) > clock_today() && !date_corrected(in, nin, &it->ev)) {
			/* Intake's rule, against this machine's clock. */
			char d[YK_DATE_BUFSZ], t[YK_DATE_BUFSZ];

			yk_error_setk(err, YK_ERR_CONFLICT,
				      _("事件 %s（单位 %s）的日期是 %s，晚于这里的今天（%s）：单位 %s 的时钟似乎比本机快（或本机慢了）；请在那里校准时钟并更正日期——已搁置，其他案件已导入"), it->ev.uuid, it->m.office,
				      date_format(stated_date(&it->ev), d), date_format(clock_today(), t),
				      it->m.office);
			rc = CASE_SET_ASIDE;
			goto out;
		}
		fresh[nfresh++] = it;
		out->restored += strcmp(it->m.source, own) == 0;
	}
	if (nfresh == 0) {
		rc = 0;
		goto out;
	}
	all = xcalloc(v.n + nfresh, sizeof *all);
	for (size_t r = 0; r < v.n; r++) {
		const struct sync_meta *m = view_meta(&v, (long)r);

		if (sync_is_synthetic(&v.evs[r]))
			continue;
		sync_event_copy(&all[nall].ev, &v.evs[r]);
		sync_meta_copy(&all[nall++].m, m);
	}
	for (size_t i = 0; i < nfresh; i++) {
		sync_event_copy(&all[nall].ev, &fresh[i]->ev);
		sync_meta_copy(&all[nall++].m, &fresh[i]->m);
	}
	for (size_t i = nall - nfresh; i < nall; i++) {
		/* Stamps from the future, or from before what their machine knew. */
		time_t t;
		long lag = sync_event_lag(all, nall, i, clock_now());

		if (sync_stamp_time(all[i].ev.recorded, &t) == 0 && t - clock_now() > SYNC_CLOCK_TOLERANCE)
			clock_flag(out, &all[i], (long)(t - clock_now()));
		else if (lag > SYNC_CLOCK_TOLERANCE)
			clock_flag(out, &all[i], -lag);
	}
	if (sync_linearise_state(all, nall, rules, &chain, &nchain, &c, err) < 0) {
		/* One case that cannot be merged here never stops the bundle. */
		yk_error_kind(err, YK_ERR_CONFLICT);
		yk_error_prefix(err, _("无法在这里合并——已搁置，其他案件已导入："));
		rc = CASE_SET_ASIDE;
		goto out;
	}
	/* Rows already in place stay; from the first that moves, rewrite. */
	for (k = 0; k < v.n && k < nchain; k++)
		if (strcmp(v.evs[k].uuid, chain[k].uuid) || strcmp(v.evs[k].hash, chain[k].hash))
			break;
	if (k < v.n) {
		if (store_sync_replace_chain(st, case_no, (long)k + 1, chain + k, nchain - k, err) < 0)
			goto out;
	} else {
		for (size_t i = k; i < nchain; i++)
			if (store_insert_event(st, &chain[i], err) < 0) {
				if (store_event_exists(st, chain[i].uuid, err) == 1)
					yk_error_setk(err, YK_ERR_DAMAGED, _("案件 %s: 事件 %s 已在本库的另一件案件里（被改动过）"), case_no,
						      chain[i].uuid);
				goto out;
			}
	}
	for (size_t i = 0; i < nfresh; i++) {
		struct sync_meta m;
		struct vc vv;
		int r;

		/* The depth as its vector gives it (checked by verify_items). */
		sync_meta_copy(&m, &fresh[i]->m);
		if (vc_parse(m.vc, &vv) == 0) {
			m.depth = vc_sum(&vv);
			vc_free(&vv);
		}
		r = store_sync_record(st, &m, err);
		sync_meta_free(&m);
		if (r < 0)
			goto out;
	}
	rc = store_put_case(st, &c, err);
	if (rc < 0)
		goto out;
	rc = -1;
	for (k = 0; k < nchain && !sync_is_synthetic(&chain[k]); k++)
		;
	if (k < nchain) {
		/* Marked rows: which conflicts are still open. */
		view_free(&v);
		if (view_load(st, own, case_no, &v, err) < 0)
			goto out;
		sync_chain_conflicts(&v.ch, &conf, &nconf, &confcap);
		free(conf);
	}
	if (is_new && sync_dget(&open->ev, "renumbered-from")) {
		/* each number it had: a copy here under any of them goes */
		const char *p = sync_dget(&open->ev, "renumbered-from");

		while (*p) {
			char old_no[CASE_NO_BUFSZ];
			size_t l = strcspn(p, ",");

			snprintf(old_no, sizeof old_no, "%.*s", (int)(l < sizeof old_no ? l : sizeof old_no - 1), p);
			if ((rc = retire_old(st, rules, own, old_no, case_no, err)) != 0)
				goto out;
			p += l + (p[l] == ',');
		}
	}
	memset(&ch, 0, sizeof ch);
	snprintf(ch.case_no, sizeof ch.case_no, "%s", case_no);
	ch.events = (long)nfresh;
	ch.is_new = is_new;
	ch.conflict = nconf > 0;
	case_done(out, cap, &ch);
	out->new_cases += is_new;
	out->new_events += (long)nfresh;
	out->conflicts += nconf > 0;
	rc = 0;
out:
	if (rc == CASE_SET_ASIDE) {
		memset(&ch, 0, sizeof ch);
		snprintf(ch.case_no, sizeof ch.case_no, "%s", case_no);
		ch.set_aside = 1;
		ch.why = xstrdup(err->msg);
		case_done(out, cap, &ch);
		out->set_aside++;
	}
	case_state_free(&c);
	view_free(&v);
	free(fresh);
	sync_items_free(all, nall);
	events_free(chain, nchain);
	return rc;
}

/* An import, walking the bundle case by case. */
struct import_walk {
	struct yk_store *st;
	const struct yk_rules *rules;
	const char *own, *path, *exporter;
	struct renumbered rn;
	struct offices offices;
	struct sync_summary *out;
	size_t cap;
	struct sha256 dig;
	long rows;
	time_t latest;		/* the latest stamp of another office than the exporter's */
	yk_error *err;
};

static int
import_row(void *ctx, const struct sync_row *r)
{
	struct import_walk *w = ctx;
	time_t t;

	digest_row(&w->dig, r);
	w->rows++;
	if (strcmp(r->col[SR_ORIGIN], SYNC_ORIGIN) != 0 && strcmp(r->col[SR_SOURCE], w->exporter) != 0 &&
	    sync_stamp_time(r->col[SR_RECORDED], &t) == 0 && t > w->latest &&
	    t - clock_now() <= SYNC_CLOCK_TOLERANCE)
		w->latest = t;
	return 0;
}

/* One case of the bundle: checked on its own (bundles carry whole cases),
 * then merged. merge_case decides to set a case aside before it writes
 * anything — but for a renumbered case, whose old copy it may find it
 * cannot retire after writing the new one: that one is merged inside a
 * savepoint, so a case set aside leaves nothing. (A savepoint around every
 * case would copy each page a case touches aside first.) */
static int
import_case(void *ctx, struct sync_item *items, size_t n)
{
	struct import_walk *w = ctx;
	int guard = sync_dget(&items[0].ev, "renumbered-from") != NULL, r = 0;

	if (verify_items(items, n, w->err) < 0 ||
	    check_offices(w->st, w->own, &w->offices, items, n, w->err) < 0)
		return 1;
	if (guard)
		r = store_savepoint(w->st, "SAVEPOINT", w->err);
	if (r == 0)
		r = merge_case(w->st, w->rules, w->own, items, n, &w->rn, w->out, &w->cap, w->err);
	if (guard && r == CASE_SET_ASIDE && store_savepoint(w->st, "ROLLBACK TO", w->err) < 0)
		r = -1;
	if (r < 0 || (guard && store_savepoint(w->st, "RELEASE", w->err) < 0))
		return 1;
	return 0;
}

/* The header's own checks: what it is, from where, and whether this
 * database may take it. */
static int
check_header(struct yk_store *st, const char *own, const struct header *h, const char *path,
	     yk_error *err)
{
	long v;

	if (strcmp(h->format, BUNDLE_NAME) != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包（没有同步包头）"), path);
	v = number(h->version);
	if (v < 1)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包头已损坏（版本 '%s'）"), path,
				     h->version);
	if (v > number(BUNDLE_VERSION))
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 由更新版本的 yekuo 写出（同步包版本 %ld）——请先在这里升级 yekuo"), path, v);
	v = number(h->schema);
	if (v < 1)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包头已损坏（结构 '%s'）"), path,
				     h->schema);
	if (v > STORE_SCHEMA_VERSION)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 由更新版本的 yekuo 导出（数据库结构 %ld；本程序最多认识 %d）——请先在这里升级 yekuo"),
				     path, v, STORE_SCHEMA_VERSION);
	if (!sync_is_db_id(h->source) || !h->office[0])
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包没有写明来自哪个数据库（已损坏）"), path);
	if (strcmp(h->source, own) == 0)
		return yk_error_setk(err, YK_ERR_CONFLICT, _("%s: 这个同步包就是从本库导出的；请在别的数据库上导入"), path);
	if (strcmp(h->office, store_office(st)) == 0)
		return yk_error_setk(err, YK_ERR_CONFLICT, _("%s: 同步包来自另一个使用本库单位代码 '%s' 的数据库：两边的案件编号会冲突——请给每台笔记本各自的单位代码（yekuo init --office 代码）"), path, h->office);
	if ((strcmp(h->training, "1") == 0) != (store_training(st) != 0))
		return yk_error_setk(err, YK_ERR_CONFLICT, _("%s: 来自%s库的同步包不能导入%s库"),
				     path, store_training(st) ? _("正式") : _("培训"),
				     store_training(st) ? _("培训") : _("正式"));
	return 0;
}

int
sync_import(struct yk_store *st, const struct yk_rules *rules, const char *path, int dry_run,
	    struct sync_summary *out, yk_error *err)
{
	return sync_import_each(st, rules, path, dry_run, NULL, NULL, out, err);
}

int
sync_import_each(struct yk_store *st, const struct yk_rules *rules, const char *path, int dry_run,
		 void (*on_case)(void *ctx, const struct sync_case_change *c), void *ctx,
		 struct sync_summary *out, yk_error *err)
{
	struct yk_bundle *b;
	struct header h;
	char own[SYNC_ID_BUFSZ], sum[HASH_BUFSZ], *text = NULL;
	struct import_walk w;
	int began = 0;

	summary_start(out, on_case, ctx);
	memset(&w, 0, sizeof w);
	if (store_db_id(st, own, err) < 0)
		return -1;
	if (store_bundle_open(path, &b, err) < 0)
		return -1;
	if (read_header(b, &h, err) < 0 || check_header(st, own, &h, path, err) < 0 ||
	    store_bundle_header_text(b, "checksum", &text, err) < 0)
		goto refuse;
	header_checksum(number(h.version), text, sum);
	free(text);
	text = NULL;
	if (strcmp(sum, h.checksum) != 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包头的校验和不符（写出之后被改动或损坏）"), path);
		goto refuse;
	}
	snprintf(out->source, sizeof out->source, "%.*s", (int)sizeof out->source - 1, h.source);
	snprintf(out->office, sizeof out->office, "%.*s", (int)sizeof out->office - 1, h.office);
	snprintf(out->checksum, sizeof out->checksum, "%.*s", (int)sizeof out->checksum - 1, h.checksum);

	/* One pass, case by case, in one transaction: any case that fails a
	 * check, or a count or digest that does not match at the end, and
	 * everything is rolled back. */
	w.st = st;
	w.rules = rules;
	w.own = own;
	w.path = path;
	w.exporter = h.source;
	w.out = out;
	w.err = err;
	sha256_init(&w.dig);
	if (store_bundle_renumbered(b, &w.rn.open, &w.rn.n, err) < 0 || store_bulk(st, 1, err) < 0 ||
	    store_begin(st, err) < 0)
		goto refuse;
	began = 1;
	if (store_bundle_each(b, import_row, import_case, &w, err) < 0) {
		if (strncmp(err->msg, path, strlen(path)) != 0)
			yk_error_prefix(err, "%s: ", path);
		goto refuse;
	}
	out->events = w.rows;
	if (number(h.events) != w.rows) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包说有 %s 条事件，实际有 %ld 条（被截断或改动过）"), path, h.events, w.rows);
		goto refuse;
	}
	sync_hex_digest(&w.dig, sum);
	if (strcmp(sum, h.events_sha) != 0) {
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 事件的校验和不符（同步包写出之后被改动或损坏）"), path);
		goto refuse;
	}
	bundle_clock(&h, w.latest, out);
	store_bundle_close(b);
	b = NULL;
	if (dry_run || (out->new_events == 0 && out->set_aside == 0)) {
		/* Nothing new (or only looking): leave the database as it was. */
		store_rollback(st);
	} else {
		struct sync_import_log l;

		memset(&l, 0, sizeof l);
		snprintf(l.checksum, sizeof l.checksum, "%.*s", (int)sizeof l.checksum - 1, h.checksum);
		snprintf(l.source, sizeof l.source, "%.*s", (int)sizeof l.source - 1, h.source);
		snprintf(l.office, sizeof l.office, "%.*s", (int)sizeof l.office - 1, h.office);
		clock_stamp(clock_now(), l.imported);
		l.events = out->new_events;
		l.cases = (long)out->ncases;
		l.conflicts = out->conflicts;
		if ((out->new_events && store_sync_log_import(st, &l, err) < 0) || store_commit(st, err) < 0) {
			store_rollback(st);
			goto refuse;
		}
	}
	free(w.rn.open);
	free(w.offices.seen);
	store_bulk(st, 0, NULL);
	return 0;
refuse:
	if (began)
		store_rollback(st);
	store_bulk(st, 0, NULL);
	store_bundle_close(b);
	free(text);
	free(w.rn.open);
	free(w.offices.seen);
	sync_summary_free(out);
	return -1;
}

/* ---- resolving ------------------------------------------------------------- */

/* Which database's side --keep names: an office code, or an event (uuid
 * or its first 8+ characters) of the case. */
static int
kept_side(struct yk_store *st, const struct view *v, const char *own, const char *keep,
	  char kept[SYNC_ID_BUFSZ], char office[16], yk_error *err)
{
	long hit = -1;

	kept[0] = '\0';
	if (strcmp(keep, store_office(st)) == 0) {
		snprintf(kept, SYNC_ID_BUFSZ, "%s", own);
		snprintf(office, 16, "%s", keep);
		return 0;
	}
	for (size_t i = 0; i < v->nmetas; i++)
		if (strcmp(v->metas[i].office, keep) == 0) {
			snprintf(kept, SYNC_ID_BUFSZ, "%s", v->metas[i].source);
			snprintf(office, 16, "%s", keep);
			return 0;
		}
	for (size_t r = 0; r < v->n && strlen(keep) >= 8; r++)
		if (!sync_is_synthetic(&v->evs[r]) && strncmp(v->evs[r].uuid, keep, strlen(keep)) == 0) {
			if (hit >= 0)
				return yk_error_set(err, _("--keep '%s' 对得上 %s 的不止一条事件"), keep,
						    v->case_no);
			hit = (long)r;
		}
	if (hit < 0)
		return yk_error_set(err, _("--keep '%s' 既不是单位代码，也不是 %s 的事件"), keep,
				    v->case_no);
	snprintf(kept, SYNC_ID_BUFSZ, "%s", v->meta[hit] ? v->meta[hit]->source : own);
	snprintf(office, 16, "%s", v->meta[hit] ? v->meta[hit]->office : store_office(st));
	return 0;
}

int
sync_resolve(struct yk_store *st, const struct yk_rules *rules, const char *case_no,
	     const char *keep, const char *reason, const char *operator_name, long *appended,
	     yk_error *err)
{
	struct view v;
	char own[SYNC_ID_BUFSZ], kept[SYNC_ID_BUFSZ], kept_office[16];
	struct yk_event ev;
	struct case_state c;
	size_t involved;
	time_t now = clock_now();
	int rc = -1;

	*appended = 0;
	if (!reason || !*reason)
		return yk_error_set(err, _("解决冲突要写原因（--reason）"));
	if (!keep || !*keep)
		return yk_error_set(err, _("请说明保留哪一方（--keep 单位 或 --keep 事件）"));
	if (store_db_id(st, own, err) < 0 || store_begin(st, err) < 0)
		return -1;
	if (view_load(st, own, case_no, &v, err) < 0) {
		store_rollback(st);
		return -1;
	}
	event_init(&ev);
	if (v.n == 0) {
		yk_error_setk(err, YK_ERR_NOT_FOUND, _("没有案件 '%s'（%s）"), case_no, store_path(st));
		goto out;
	}
	if (kept_side(st, &v, own, keep, kept, kept_office, err) < 0)
		goto out;
	store_uuid(st, ev.uuid);
	snprintf(ev.case_no, sizeof ev.case_no, "%s", case_no);
	ev.effective = clock_date_of(now);
	clock_stamp(now, ev.recorded);
	snprintf(ev.operator_name, sizeof ev.operator_name, "%s",
		 operator_name && *operator_name ? operator_name : "unknown");
	if (sync_resolution(&v.ch, rules, kept, kept_office, reason, &ev, &involved, err) < 0)
		goto out;
	ev.seq = (long)v.n + 1;
	snprintf(ev.prev_hash, sizeof ev.prev_hash, "%s", v.evs[v.n - 1].hash);
	event_hash(&ev, ev.hash);
	v.evs = xrealloc(v.evs, (v.n + 1) * sizeof *v.evs);
	v.evs[v.n] = ev;
	event_init(&ev);
	v.n++;
	if (case_derive(v.evs, v.n, rules, &c, err) < 0)
		goto out;
	rc = store_insert_event(st, &v.evs[v.n - 1], err);
	if (rc == 0)
		rc = store_put_case(st, &c, err);
	if (rc == 0)
		rc = store_commit(st, err);
	case_state_free(&c);
	if (rc == 0)
		*appended = 1;
out:
	if (rc < 0)
		store_rollback(st);
	event_free(&ev);
	view_free(&v);
	return rc;
}

/* ---- renumbering --------------------------------------------------------------- */

int
sync_renumber(struct yk_store *st, const struct yk_rules *rules, const char *case_no,
	      char new_no[CASE_NO_BUFSZ], yk_error *err)
{
	char own[SYNC_ID_BUFSZ];
	struct view v;
	struct yk_event *chain = NULL;
	size_t n = 0;
	struct case_state c;
	const struct sync_meta *m;
	int rc = -1;

	new_no[0] = '\0';
	if (store_db_id(st, own, err) < 0 || store_begin(st, err) < 0)
		return -1;
	if (capture_case(st, case_no, own, err) < 0 || view_load(st, own, case_no, &v, err) < 0) {
		store_rollback(st);
		return -1;
	}
	if (v.n == 0) {
		yk_error_setk(err, YK_ERR_NOT_FOUND, _("没有案件 '%s'（%s）"), case_no, store_path(st));
		goto out;
	}
	m = view_meta(&v, 0);
	if (m && strcmp(m->source, own) != 0) {
		yk_error_setk(err, YK_ERR_CONFLICT, _("%s 是在单位 %s 的数据库上开的：只有那个数据库能给它重新编号"), case_no, m->office);
		goto out;
	}
	for (size_t i = 0; i < v.n; i++)
		if (sync_is_synthetic(&v.evs[i])) {
			yk_error_setk(err, YK_ERR_CONFLICT, _("%s 已经合并过同步冲突；编号发了两次的案件，要在别处办理之前重新编号"), case_no);
			goto out;
		}
	/* the application date as corrected: a wrong clock may have minted
	 * the number in the wrong year */
	if (case_derive(v.evs, v.n, rules, &c, err) < 0)
		goto out;
	if (!rules_region_prefix(rules, c.region)) {
		case_state_free(&c);
		yk_error_set(err, _("%s: 地区 '%s' 没有时限规则（见 yekuo rules list）"), case_no,
			     c.region);
		goto out;
	}
	rc = store_mint_case_no(st, rules_region_prefix(rules, c.region), date_year(c.applied), new_no,
				err);
	case_state_free(&c);
	if (rc < 0)
		goto out;
	rc = -1;
	chain = xcalloc(v.n, sizeof *chain);
	for (; n < v.n; n++) {
		sync_renumber_event(&v.evs[n], case_no, new_no, &chain[n]);
		chain[n].seq = (long)n + 1;
		snprintf(chain[n].prev_hash, sizeof chain[n].prev_hash, "%s", n ? chain[n - 1].hash : "");
		event_hash(&chain[n], chain[n].hash);
	}
	if (case_derive(chain, n, rules, &c, err) < 0)
		goto out;
	rc = store_sync_drop_case(st, case_no, err);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_insert_event(st, &chain[i], err);
	if (rc == 0)
		rc = store_put_case(st, &c, err);
	case_state_free(&c);
	if (rc == 0)
		rc = store_commit(st, err);
out:
	if (rc < 0) {
		store_rollback(st);
		new_no[0] = '\0';
	}
	events_free(chain, n);
	view_free(&v);
	return rc;
}

/* ---- verify ---------------------------------------------------------------- */

static void
vproblem(void (*fn)(void *, const char *), void *ctx, long *count, const char *fmt, ...)
	YK_PRINTF(4, 5);

static void
vproblem(void (*fn)(void *, const char *), void *ctx, long *count, const char *fmt, ...)
{
	char msg[YK_ERROR_MAX + 200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	(*count)++;
	fn(ctx, msg);
}

/* One case: its sync records against its events, and its chain against a
 * fresh merge of the same events. */
static void
verify_case(struct yk_store *st, const struct yk_rules *rules, const char *own,
	    const char *case_no, void (*fn)(void *, const char *), void *ctx, long *count)
{
	struct view v;
	struct sync_meta *pend = NULL;
	size_t npend = 0, nall = 0, nchain = 0;
	struct sync_item *all = NULL;
	struct yk_event *chain = NULL;
	int merged = 0;
	yk_error e;

	if (view_load(st, own, case_no, &v, &e) < 0) {
		vproblem(fn, ctx, count, "%s", e.msg);
		return;
	}
	for (size_t r = 0; r < v.n; r++) {
		const struct sync_meta *m = view_meta(&v, (long)r);

		merged |= sync_is_synthetic(&v.evs[r]) || (m && strcmp(m->source, own) != 0);
		if (m && !orig_matches(&v.evs[r], m, 0))
			vproblem(fn, ctx, count, _("%s: 事件 #%ld（%s）与其单位所做的记录不同（记录之后被改动过）"), case_no, v.evs[r].seq, v.evs[r].uuid);
	}
	if (view_pending(&v, own, store_office(st), &pend, &npend, &e) < 0) {
		vproblem(fn, ctx, count, "%s", e.msg);
		view_free(&v);
		return;
	}
	if (merged) {
		size_t ip = 0;

		all = xcalloc(v.n ? v.n : 1, sizeof *all);
		for (size_t r = 0; r < v.n; r++) {
			const struct sync_meta *m = view_meta(&v, (long)r);

			if (sync_is_synthetic(&v.evs[r]))
				continue;
			sync_event_copy(&all[nall].ev, &v.evs[r]);
			sync_meta_copy(&all[nall++].m, m ? m : &pend[ip++]);
		}
		if (sync_linearise(all, nall, rules, &chain, &nchain, &e) < 0) {
			vproblem(fn, ctx, count, _("%s: 它的事件合并不了：%s"), case_no, e.msg);
		} else {
			size_t k;

			for (k = 0; k < v.n && k < nchain; k++)
				if (strcmp(v.evs[k].uuid, chain[k].uuid) || strcmp(v.evs[k].hash, chain[k].hash))
					break;
			if (k < v.n || k < nchain)
				vproblem(fn, ctx, count, _("%s: 合并后的事件链从事件 #%zu 起与重新合并的结果不同（有 yekuo 以外写入的行？）"), case_no, k + 1);
		}
	}
	events_free(chain, nchain);
	sync_items_free(all, nall);
	for (size_t i = 0; i < npend; i++)
		sync_meta_free(&pend[i]);
	free(pend);
	view_free(&v);
}

long
sync_verify(struct yk_store *st, const struct yk_rules *rules,
	    void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err)
{
	char own[SYNC_ID_BUFSZ], **a, **b;
	size_t na, nb, i = 0, j = 0;
	long count = 0, unlocked;

	if (store_db_id(st, own, err) < 0 || store_sync_unlocked(st, &unlocked, err) < 0)
		return -1;
	if (unlocked)
		vproblem(fn, ctx, &count,
			 _("事件记录的删除保护对 %ld 件案件解除了（sync_unlock 表不是空的："
			   "有 yekuo 以外的程序写过）"),
			 unlocked);
	if (store_sync_cases_since(st, 0, &a, &na, err) < 0)
		return -1;
	if (store_sync_pending_cases(st, &b, &nb, err) < 0) {
		store_list_free(a, na);
		return -1;
	}
	/* Both lists are sorted: walk them as one. */
	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i], b[j]);
		const char *case_no = c <= 0 ? a[i] : b[j];

		verify_case(st, rules, own, case_no, fn, ctx, &count);
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	store_list_free(a, na);
	store_list_free(b, nb);
	return count;
}
