#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/merge.h"
#include "yekuo/core/sha256.h"
#include "yekuo/core/xalloc.h"

/* The merged chain of one case (docs/sync.md): the pure half of offline
 * sync, with the version vectors and small event helpers that the store's
 * half (store/sync.c) shares. */

void
sync_meta_free(struct sync_meta *m)
{
	free(m->vc);
	m->vc = NULL;
}

void
sync_items_free(struct sync_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		event_free(&items[i].ev);
		sync_meta_free(&items[i].m);
	}
	free(items);
}

/* ---- small helpers ------------------------------------------------------ */

void
sync_event_copy(struct yk_event *dst, const struct yk_event *src)
{
	*dst = *src;
	memset(&dst->data, 0, sizeof dst->data);
	payload_copy(&dst->data, &src->data);
}

void
sync_meta_copy(struct sync_meta *dst, const struct sync_meta *src)
{
	*dst = *src;
	dst->vc = src->vc ? xstrdup(src->vc) : NULL;
}

int
sync_is_synthetic(const struct yk_event *ev)
{
	return strcmp(ev->origin, SYNC_ORIGIN) == 0;
}

int
sync_is_db_id(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == SYNC_ID_BUFSZ - 1;
}

const char *
sync_dget(const struct yk_event *ev, const char *key)
{
	return payload_get(&ev->data, key);
}

/* "done plan", "withdraw": how the user named it. */
void
sync_what(const struct yk_event *ev, char *out, size_t outsz)
{
	const char *stage = sync_dget(ev, "stage");

	snprintf(out, outsz, "%s%s%s", ev_kind_code(ev->kind), stage ? " " : "", stage ? stage : "");
}

/* case_derive says "CASE #N (kind): what"; the what is enough. */
static const char *
derive_reason(const char *msg)
{
	const char *p = strstr(msg, "): ");

	return p ? p + 3 : msg;
}

void
sync_hex_digest(struct sha256 *c, char out[HASH_BUFSZ])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[32];

	sha256_final(c, d);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
}

/* A UUID made from a hash: the same on every database that computes it.
 * Version nibble 8 (RFC 9562 "custom") tells it from the random v4 ones. */
static void
uuid_from_hash(const char *h, char out[UUID_BUFSZ])
{
	static const char variant[] = "89ab";
	char v = variant[(h[16] >= 'a' ? h[16] - 'a' + 10 : h[16] - '0') & 3];

	snprintf(out, UUID_BUFSZ, "%.8s-%.4s-8%.3s-%c%.3s-%.12s", h, h + 8, h + 13, v, h + 17,
		 h + 20);
}

/* ---- version vectors: "dbid=count,…", ids sorted ------------------------ */


void
vc_free(struct vc *v)
{
	free(v->e);
	memset(v, 0, sizeof *v);
}

/* Counts above this are damage, not a case's history. */
#define VC_COUNT_MAX 1000000L

int
vc_parse(const char *text, struct vc *v)
{
	const char *p = text;

	memset(v, 0, sizeof *v);
	if (!text || !*p)
		return -1;
	while (*p) {
		const char *eq = strchr(p, '=');
		char *end;
		long c;

		if (!eq || eq - p != SYNC_ID_BUFSZ - 1)
			goto bad;
		v->e = xgrow(v->e, &v->cap, v->n + 1, sizeof *v->e);
		memcpy(v->e[v->n].id, p, SYNC_ID_BUFSZ - 1);
		v->e[v->n].id[SYNC_ID_BUFSZ - 1] = '\0';
		if (!sync_is_db_id(v->e[v->n].id) || (v->n && strcmp(v->e[v->n - 1].id, v->e[v->n].id) >= 0))
			goto bad;
		if (eq[1] < '1' || eq[1] > '9')
			goto bad;
		c = strtol(eq + 1, &end, 10);
		if (c < 1 || c > VC_COUNT_MAX || (*end && *end != ','))
			goto bad;
		v->e[v->n++].count = c;
		p = end;
		if (*p == ',' && !*++p)
			goto bad;
	}
	return 0;
bad:
	vc_free(v);
	return -1;
}

long
vc_get(const struct vc *v, const char *id)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->e[i].id, id) == 0)
			return v->e[i].count;
	return 0;
}

void
vc_inc(struct vc *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->n && strcmp(v->e[i].id, id) < 0; i++)
		;
	if (i < v->n && strcmp(v->e[i].id, id) == 0) {
		v->e[i].count++;
		return;
	}
	v->e = xgrow(v->e, &v->cap, v->n + 1, sizeof *v->e);
	memmove(v->e + i + 1, v->e + i, (v->n - i) * sizeof *v->e);
	snprintf(v->e[i].id, sizeof v->e[i].id, "%s", id);
	v->e[i].count = 1;
	v->n++;
}

long
vc_sum(const struct vc *v)
{
	long s = 0;

	for (size_t i = 0; i < v->n; i++)
		s += v->e[i].count;
	return s;
}

char *
vc_format(const struct vc *v)
{
	char *out = xmalloc(v->n * (SYNC_ID_BUFSZ + 24) + 1);
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < v->n; i++)
		len += (size_t)sprintf(out + len, "%s%s=%ld", i ? "," : "", v->e[i].id, v->e[i].count);
	return out;
}

/* ---- the merged chain ---------------------------------------------------- */

struct node {
	const struct sync_item *it;
	struct vc vc;
	long own;	/* its place among the events of the database that recorded it */
	long depth;	/* how many events of the case that database knew, itself included */
};

/* The canonical order. depth first: a database that knew of an event knew
 * fewer events before it, so causes sort before what they caused, and an
 * event recorded here after everything here sorts last. */
static int
node_cmp(const void *a, const void *b)
{
	const struct node *x = a, *y = b;
	int c;

	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	c = strcmp(x->it->ev.recorded, y->it->ev.recorded);
	if (c)
		return c;
	return strcmp(x->it->ev.uuid, y->it->ev.uuid);
}

/* Did the database that recorded a know of b then? */
static int
node_knows(const struct node *a, const struct node *b)
{
	return vc_get(&a->vc, b->it->m.source) >= b->own;
}

struct lin {
	const struct yk_rules *rules;
	struct node *nodes;
	size_t nn;
	char *held;		/* per node: held aside by the merge */
	struct yk_event *chain;
	size_t n, cap;
	char msg[YK_ERROR_MAX];	/* why the last replay failed */
};

static void
lin_push(struct lin *L, const struct yk_event *ev)
{
	L->chain = xgrow(L->chain, &L->cap, L->n + 1, sizeof *L->chain);
	sync_event_copy(&L->chain[L->n], ev);
	L->chain[L->n].seq = (long)L->n + 1;
	L->n++;
}

static int
lin_replays(struct lin *L)
{
	struct case_state c;
	yk_error e;

	if (case_derive(L->chain, L->n, L->rules, &c, &e) < 0) {
		snprintf(L->msg, sizeof L->msg, "%s", e.msg);
		return 0;
	}
	case_state_free(&c);
	return 1;
}

static int
same_stage(const struct yk_event *a, const struct yk_event *b)
{
	const char *x = sync_dget(a, "stage"), *y = sync_dget(b, "stage");

	return x && y && strcmp(x, y) == 0;
}

/* Two events of the same slot of a case: the same stage started or done
 * twice, two filings, suspensions or resumptions. */
int
sync_same_slot(const struct yk_event *a, const struct yk_event *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case EV_START:
	case EV_DONE:
		return same_stage(a, b);
	case EV_FILING:
	case EV_SUSPEND:
	case EV_RESUME:
		return 1;
	default:
		return 0;
	}
}

/* Concurrent events (neither database knew of the other's) that clash even
 * when both replay: a withdrawal against anything the other side did;
 * two corrections of one event; two resolutions of one conflict. The same
 * slot twice fails the replay anyway, but is named here for a clear
 * partner. */
static int
clash(const struct yk_event *e, const struct yk_event *f)
{
	const char *re = sync_dget(e, "resolves"), *rf = sync_dget(f, "resolves");

	if (re && rf && strcmp(re, rf) == 0)
		return 1;
	if (e->kind == EV_CORRECT || f->kind == EV_CORRECT) {
		const char *ce = sync_dget(e, "corrects"), *cf = sync_dget(f, "corrects");

		return e->kind == f->kind && ce && cf && strcmp(ce, cf) == 0;
	}
	if (e->kind == EV_WITHDRAW || f->kind == EV_WITHDRAW)
		return 1;
	return sync_same_slot(e, f);
}

/* Is node k a standing event recorded elsewhere, concurrently with i? */
static int
rival(const struct lin *L, size_t i, size_t k)
{
	const struct node *e = &L->nodes[i], *f = &L->nodes[k];

	return !L->held[k] && strcmp(e->it->m.source, f->it->m.source) != 0 && !node_knows(e, f);
}

/* The latest standing rival of node i it clashes with, or -1. */
static long
pair_clash(const struct lin *L, size_t i)
{
	for (size_t k = i; k-- > 0;)
		if (rival(L, i, k) && clash(&L->nodes[i].it->ev, &L->nodes[k].it->ev))
			return (long)k;
	return -1;
}

/* For an event that does not replay: the rival most likely to blame. */
static long
guess_partner(const struct lin *L, size_t i)
{
	const struct yk_event *e = &L->nodes[i].it->ev;
	long withdraw = -1, any = -1;

	for (size_t k = i; k-- > 0;) {
		const struct yk_event *f = &L->nodes[k].it->ev;

		if (!rival(L, i, k))
			continue;
		if (sync_same_slot(e, f))
			return (long)k;
		if (f->kind == EV_WITHDRAW && withdraw < 0)
			withdraw = (long)k;
		if (any < 0)
			any = (long)k;
	}
	return withdraw >= 0 ? withdraw : any;
}

/* Write the row that marks a conflict: hold=1 voids node ie (held aside
 * until resolved), hold=0 only marks a disputed correction. Its uuid and
 * every field follow from the events alone, so every database writes the
 * same row. */
static void
lin_mark(struct lin *L, size_t ie, long jf, int hold, const char *why)
{
	const struct node *e = &L->nodes[ie], *f = jf >= 0 ? &L->nodes[jf] : NULL;
	const struct yk_event *ev = &e->it->ev;
	struct yk_event s;
	char seed[128], h[HASH_BUFSZ], we[64], wf[64] = "", reason[900], cause[600] = "";

	event_init(&s);
	snprintf(seed, sizeof seed, "yekuo-sync-%s\n%s", hold ? "hold" : "mark", ev->uuid);
	sha256_hex(seed, strlen(seed), h);
	uuid_from_hash(h, s.uuid);
	snprintf(s.case_no, sizeof s.case_no, "%s", ev->case_no);
	s.kind = EV_CORRECT;
	s.effective = ev->effective;
	snprintf(s.recorded, sizeof s.recorded, "%s", ev->recorded);
	snprintf(s.operator_name, sizeof s.operator_name, "%s", SYNC_OPERATOR);
	snprintf(s.origin, sizeof s.origin, "%s", SYNC_ORIGIN);
	sync_what(ev, we, sizeof we);
	if (f)
		sync_what(&f->it->ev, wf, sizeof wf);
	if (why && *why)
		snprintf(cause, sizeof cause, " (%s)", why);
	if (!hold && sync_dget(ev, "resolves"))
		snprintf(reason, sizeof reason,
			 "sync conflict 同步冲突: office %s and office %s settled the same conflict "
			 "differently at the same time; both are in force until someone records the "
			 "right facts (yekuo case event %s correct …)",
			 e->it->m.office, f ? f->it->m.office : "?", ev->case_no);
	else if (!hold)
		snprintf(reason, sizeof reason,
			 "sync conflict 同步冲突: corrections of office %s and office %s changed the same "
			 "event at the same time; the later is in force until resolved "
			 "(yekuo sync resolve %s --keep OFFICE)",
			 e->it->m.office, f ? f->it->m.office : "?", ev->case_no);
	else if (f)
		snprintf(reason, sizeof reason,
			 "sync conflict 同步冲突: %s of office %s clashes with %s of office %s%s; held "
			 "aside until resolved (yekuo sync resolve %s --keep OFFICE)",
			 we, e->it->m.office, wf, f->it->m.office, cause, ev->case_no);
	else
		snprintf(reason, sizeof reason,
			 "sync conflict 同步冲突: %s of office %s does not apply after the merge%s; "
			 "held aside until resolved (yekuo sync resolve %s --keep OFFICE)",
			 we, e->it->m.office, cause, ev->case_no);
	payload_set(&s.data, "corrects", hold ? ev->uuid : sync_dget(ev, "corrects") ? sync_dget(ev, "corrects") : "");
	if (hold)
		payload_set(&s.data, "void", "1");
	payload_set(&s.data, "conflict", ev->uuid);
	if (f)
		payload_set(&s.data, "against", f->it->ev.uuid);
	payload_set(&s.data, "reason", reason);
	lin_push(L, &s);
	event_free(&s);
}

int
sync_linearise(const struct sync_item *items, size_t n, const struct yk_rules *rules,
	       struct yk_event **chain, size_t *nchain, yk_error *err)
{
	struct lin L = {.rules = rules};
	int rc = -1;

	*chain = NULL;
	*nchain = 0;
	if (n == 0)
		return yk_error_set(err, "a case with no events");
	L.nodes = xcalloc(n, sizeof *L.nodes);
	L.held = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		struct node *d = &L.nodes[i];

		d->it = &items[i];
		L.nn++;
		if (vc_parse(items[i].m.vc, &d->vc) < 0 ||
		    (d->own = vc_get(&d->vc, items[i].m.source)) < 1) {
			yk_error_set(err, "%s: event %s has no valid sync record", items[i].ev.case_no,
				     items[i].ev.uuid);
			goto out;
		}
		d->depth = vc_sum(&d->vc);
	}
	qsort(L.nodes, n, sizeof *L.nodes, node_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct yk_event *ev = &L.nodes[i].it->ev;
		long j;

		if (i == 0 && ev->kind != EV_OPEN) {
			yk_error_set(err, "%s: the opening event of the case is missing (its events are "
					  "incomplete)", ev->case_no);
			goto out;
		}
		if (i > 0 && strcmp(ev->uuid, L.nodes[i - 1].it->ev.uuid) == 0) {
			yk_error_set(err, "%s: event %s is there twice", ev->case_no, ev->uuid);
			goto out;
		}
		if (i > 0 && ev->kind == EV_OPEN) {
			yk_error_set(err, "%s: two different cases have this number (opened at office %s and "
					  "at office %s): every database needs its own office code",
				     ev->case_no, L.nodes[0].it->m.office, L.nodes[i].it->m.office);
			goto out;
		}
		lin_push(&L, ev);
		j = pair_clash(&L, i);
		if (j >= 0) {
			lin_mark(&L, i, j, ev->kind != EV_CORRECT, NULL);
			L.held[i] = ev->kind != EV_CORRECT;
		}
		if (lin_replays(&L))
			continue;
		if (!L.held[i] && ev->kind != EV_CORRECT) {
			/* It does not follow what the other side did: hold it aside. */
			char why[YK_ERROR_MAX];

			snprintf(why, sizeof why, "%s", derive_reason(L.msg));
			lin_mark(&L, i, guess_partner(&L, i), 1, why);
			L.held[i] = 1;
			if (lin_replays(&L))
				continue;
		} else if (ev->kind == EV_CORRECT) {
			/* A correction cannot be voided; hold aside instead the rival
			 * events it no longer lets replay, latest first. */
			char why[YK_ERROR_MAX];
			int fixed = 0;

			snprintf(why, sizeof why, "%s", derive_reason(L.msg));
			for (size_t k = i; k-- > 0 && !fixed;) {
				const struct yk_event *f = &L.nodes[k].it->ev;

				if (!rival(&L, i, k) || f->kind == EV_CORRECT || f->kind == EV_OPEN)
					continue;
				lin_mark(&L, k, (long)i, 1, why);
				L.held[k] = 1;
				fixed = lin_replays(&L);
			}
			if (fixed)
				continue;
		}
		yk_error_set(err, "%s: the events cannot be merged: %s", ev->case_no, L.msg);
		goto out;
	}
	for (size_t i = 0; i < L.n; i++) {
		L.chain[i].seq = (long)i + 1;
		snprintf(L.chain[i].prev_hash, sizeof L.chain[i].prev_hash, "%s",
			 i ? L.chain[i - 1].hash : "");
		event_hash(&L.chain[i], L.chain[i].hash);
	}
	*chain = L.chain;
	*nchain = L.n;
	L.chain = NULL;
	L.n = 0;
	rc = 0;
out:
	events_free(L.chain, L.n);
	for (size_t i = 0; i < L.nn; i++)
		vc_free(&L.nodes[i].vc);
	free(L.nodes);
	free(L.held);
	return rc;
}

