#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
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
	sync_event_copy(&L->chain[L->n], ev); /* its seq still says where it was */
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

/* Does a follow-up call close the follow-up (not an unanswered call)? */
static int
closes_follow_up(const struct yk_event *e)
{
	const char *o = sync_dget(e, "outcome");

	return o && strcmp(o, "unreachable") != 0;
}

/* Two events of the same slot of a case: the same stage started or done
 * twice, two filings, suspensions or resumptions; two dates agreed with
 * the customer, two fast-lane records, two costs, two calls that close
 * the follow-up — each of which holds alone. */
int
sync_same_slot(const struct yk_event *a, const struct yk_event *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case EV_CONTRACT:
	case EV_FAST_LANE:
	case EV_COST:
		return 1;
	case EV_FOLLOW_UP:
		return closes_follow_up(a) && closes_follow_up(b);
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

/* Do two resolving events do the same thing (the same side kept by two
 * offices)? Everything but who wrote why. */
static int
same_effect(const struct yk_event *e, const struct yk_event *f)
{
	static const char *const skip[] = {"reason", "resolution", "late-reason"};
	size_t i = 0, j = 0;

	if (e->kind != f->kind || (e->kind != EV_CORRECT && e->effective != f->effective))
		return 0;
	for (;;) {
		int si = 0, sj = 0;

		for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++) {
			si |= i < e->data.n && strcmp(e->data.items[i].key, skip[k]) == 0;
			sj |= j < f->data.n && strcmp(f->data.items[j].key, skip[k]) == 0;
		}
		if (si || sj) {
			i += si;
			j += sj;
			continue;
		}
		if (i == e->data.n || j == f->data.n)
			return i == e->data.n && j == f->data.n;
		if (strcmp(e->data.items[i].key, f->data.items[j].key) ||
		    strcmp(e->data.items[i].val, f->data.items[j].val))
			return 0;
		i++;
		j++;
	}
}

/* Do two resolves= lists name a common conflict? */
static int
lists_meet(const char *a, const char *b)
{
	char id[UUID_BUFSZ];

	for (const char *p = a; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t l = comma ? (size_t)(comma - p) : strlen(p);

		snprintf(id, sizeof id, "%.*s", (int)(l < UUID_BUFSZ - 1 ? l : UUID_BUFSZ - 1), p);
		if (uuid_in_list(b, id))
			return 1;
		p += l + (comma != NULL);
	}
	return 0;
}

/* Concurrent events (neither database knew of the other's) that clash even
 * when both replay: a withdrawal against anything the other side did;
 * two corrections of one event; two different resolutions of one conflict
 * (two offices keeping the same side is no clash). The same slot twice
 * fails the replay anyway, but is named here for a clear partner. */
static int
clash(const struct yk_event *e, const struct yk_event *f)
{
	const char *re = sync_dget(e, "resolves"), *rf = sync_dget(f, "resolves");

	if (re && rf && lists_meet(re, rf))
		return !same_effect(e, f);
	if (e->kind == EV_CORRECT || f->kind == EV_CORRECT) {
		const char *ce = sync_dget(e, "corrects"), *cf = sync_dget(f, "corrects");

		return e->kind == f->kind && ce && cf && strcmp(ce, cf) == 0 && !same_effect(e, f);
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

/* Write the row that holds node ie aside (void until resolved) for its
 * clash with node jf (-1: none in particular). Its uuid and every field
 * follow from the events alone, so every database writes the same row. */
static void
lin_hold(struct lin *L, size_t ie, long jf, const char *why)
{
	const struct node *e = &L->nodes[ie], *f = jf >= 0 ? &L->nodes[jf] : NULL;
	const struct yk_event *ev = &e->it->ev;
	struct yk_event s;
	char seed[128], h[HASH_BUFSZ], we[64], wf[64] = "", reason[900], cause[600] = "";

	event_init(&s);
	snprintf(seed, sizeof seed, "yekuo-sync-hold\n%s", ev->uuid);
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
	if (f && sync_dget(ev, "resolves") && sync_dget(&f->it->ev, "resolves"))
		snprintf(reason, sizeof reason,
			 "sync conflict 同步冲突: office %s and office %s settled the same conflict "
			 "differently at the same time; office %s's decision is held aside until "
			 "resolved (yekuo sync resolve %s --keep OFFICE)",
			 e->it->m.office, f->it->m.office, e->it->m.office, ev->case_no);
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
	payload_set(&s.data, "corrects", ev->uuid);
	payload_set(&s.data, "void", "1");
	payload_set(&s.data, "conflict", ev->uuid);
	if (f)
		payload_set(&s.data, "against", f->it->ev.uuid);
	payload_set(&s.data, "reason", reason);
	lin_push(L, &s);
	event_free(&s);
	L->held[ie] = 1;
}

/* Take back the rows pushed since the chain had n rows, and the holds
 * they made. */
static void
lin_undo(struct lin *L, size_t n)
{
	while (L->n > n) {
		const char *held = sync_dget(&L->chain[L->n - 1], "conflict");

		for (size_t k = 0; held && k < L->nn; k++)
			if (strcmp(L->nodes[k].it->ev.uuid, held) == 0)
				L->held[k] = 0;
		event_free(&L->chain[--L->n]);
	}
}

int
sync_linearise(const struct sync_item *items, size_t n, const struct yk_rules *rules,
	       struct yk_event **chain, size_t *nchain, yk_error *err)
{
	return sync_linearise_state(items, n, rules, chain, nchain, NULL, err);
}

/* A history without concurrent events: each event's recorder knew every
 * event before it (depths 1, 2, … n). Nothing can clash, and every prefix
 * replayed where it was recorded: one replay of the whole decides. */
static int
lin_linear(struct lin *L, struct case_state *state)
{
	struct case_state c;
	yk_error e;

	for (size_t i = 0; i < L->nn; i++)
		if (L->nodes[i].depth != (long)i + 1 || (L->nodes[i].it->ev.kind == EV_OPEN) != (i == 0))
			return 0;
	for (size_t i = 0; i < L->nn; i++)
		lin_push(L, &L->nodes[i].it->ev);
	if (case_derive(L->chain, L->n, L->rules, &c, &e) < 0) {
		lin_undo(L, 0);
		return 0;
	}
	if (state)
		*state = c;
	else
		case_state_free(&c);
	return 1;
}

int
sync_linearise_state(const struct sync_item *items, size_t n, const struct yk_rules *rules,
		     struct yk_event **chain, size_t *nchain, struct case_state *state, yk_error *err)
{
	struct lin L = {.rules = rules};
	int rc = -1, derived = 0;

	*chain = NULL;
	*nchain = 0;
	if (n == 0)
		return yk_error_set(err, _("案件没有任何事件"));
	L.nodes = xcalloc(n, sizeof *L.nodes);
	L.held = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		struct node *d = &L.nodes[i];

		d->it = &items[i];
		L.nn++;
		if (vc_parse(items[i].m.vc, &d->vc) < 0 ||
		    (d->own = vc_get(&d->vc, items[i].m.source)) < 1) {
			yk_error_set(err, _("%s：事件 %s 没有有效的同步记录"), items[i].ev.case_no,
				     items[i].ev.uuid);
			goto out;
		}
		d->depth = vc_sum(&d->vc);
	}
	qsort(L.nodes, n, sizeof *L.nodes, node_cmp);
	derived = lin_linear(&L, state);
	for (size_t i = derived ? n : 0; i < n; i++) {
		const struct yk_event *ev = &L.nodes[i].it->ev;
		char why[YK_ERROR_MAX];
		long j;

		if (i == 0 && ev->kind != EV_OPEN) {
			yk_error_set(err, _("%s：缺少案件的受理建档事件（事件不完整）"), ev->case_no);
			goto out;
		}
		if (i > 0 && strcmp(ev->uuid, L.nodes[i - 1].it->ev.uuid) == 0) {
			yk_error_set(err, _("%s：事件 %s 出现两次"), ev->case_no, ev->uuid);
			goto out;
		}
		if (i > 0 && ev->kind == EV_OPEN) {
			yk_error_set(err, _("%s：两个不同的案件用了同一个编号（分别在单位 %s 和单位 %s 受理）：每个数据库要有自己的单位代码"),
				     ev->case_no, L.nodes[0].it->m.office, L.nodes[i].it->m.office);
			goto out;
		}
		lin_push(&L, ev);
		j = pair_clash(&L, i);
		if (j >= 0)
			lin_hold(&L, i, j, NULL);
		if (lin_replays(&L))
			continue;
		if (i == 0) {
			/* nothing to hold it against: the case's rules differ here */
			yk_error_set(err, _("%s：受理建档事件通不过本数据库的检查（%s）：各处请使用相同版本的 yekuo 和相同的规则文件"),
				     ev->case_no, derive_reason(L.msg));
			goto out;
		}
		snprintf(why, sizeof why, "%s", derive_reason(L.msg));
		if (!L.held[i] && ev->kind == EV_CORRECT) {
			/* A correction that stops the other side's events replaying:
			 * hold those aside, latest first ... */
			size_t pushed = L.n;
			int fixed = 0;

			for (size_t k = i; k-- > 0 && !fixed;) {
				const struct yk_event *f = &L.nodes[k].it->ev;

				if (!rival(&L, i, k) || f->kind == EV_CORRECT || f->kind == EV_OPEN)
					continue;
				lin_hold(&L, k, (long)i, why);
				fixed = lin_replays(&L);
			}
			if (fixed)
				continue;
			/* ... or, when that is not enough, the correction itself. */
			lin_undo(&L, pushed);
		}
		if (!L.held[i]) {
			/* It does not follow what the other side did: hold it aside. */
			lin_hold(&L, i, guess_partner(&L, i), why);
			if (lin_replays(&L))
				continue;
		}
		yk_error_set(err, _("%s：事件无法合并：%s"), ev->case_no, L.msg);
		goto out;
	}
	for (size_t i = 0; i < L.n; i++) {
		const char *prev = i ? L.chain[i - 1].hash : "";

		/* An event at the place it already had (same seq, same link) keeps
		 * its hash: only rows that moved are hashed again. */
		if (L.chain[i].seq == (long)i + 1 && L.chain[i].hash[0] &&
		    strcmp(L.chain[i].prev_hash, prev) == 0)
			continue;
		L.chain[i].seq = (long)i + 1;
		snprintf(L.chain[i].prev_hash, sizeof L.chain[i].prev_hash, "%s", prev);
		event_hash(&L.chain[i], L.chain[i].hash);
	}
	if (state && !derived && case_derive(L.chain, L.n, rules, state, err) < 0) {
		yk_error_prefix(err, _("合并之后："));
		goto out;
	}
	if (state && derived)
		memcpy(state->last_hash, L.chain[L.n - 1].hash, sizeof state->last_hash);
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


/* ---- conflicts and their resolution ------------------------------------- */

static long
chain_find(const struct sync_chain *c, const char *uuid)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->evs[i].uuid, uuid) == 0)
			return (long)i;
	return -1;
}

/* The database that recorded row r ("" for a merge row). */
static const char *
chain_source(const struct sync_chain *c, long r)
{
	if (c->meta[r])
		return c->meta[r]->source;
	return sync_is_synthetic(&c->evs[r]) ? "" : c->own;
}

/* Did the database that recorded row r know of row x? A row with no sync
 * record yet is a recent local one: it knew everything before it. */
static int
chain_knows(const struct sync_chain *c, long r, long x)
{
	const struct sync_meta *mr = c->meta[r], *mx = c->meta[x];
	struct vc a, b;
	int k;

	if (!mr || !mx)
		return r > x;
	if (vc_parse(mr->vc, &a) < 0)
		return r > x;
	if (vc_parse(mx->vc, &b) < 0) {
		vc_free(&a);
		return r > x;
	}
	k = vc_get(&a, mx->source) >= vc_get(&b, mx->source);
	vc_free(&a);
	vc_free(&b);
	return k;
}

/* Is the conflict marked by row s resolved by a later event that knew
 * both sides: one naming it (resolves=), a correction of the standing
 * side, or a correction voiding the held one? */
static int
chain_resolved(const struct sync_chain *c, size_t s, long ie, long jf)
{
	const struct yk_event *m = &c->evs[s];
	const char *e = sync_dget(m, "conflict"), *f = sync_dget(m, "against"), *t = sync_dget(m, "corrects");
	int held = sync_dget(m, "void") != NULL;

	for (size_t r = s + 1; r < c->n; r++) {
		const struct yk_event *ev = &c->evs[r];
		const char *res = sync_dget(ev, "resolves"), *cor = sync_dget(ev, "corrects");

		if (sync_is_synthetic(ev) || !chain_knows(c, (long)r, ie) ||
		    (jf >= 0 && !chain_knows(c, (long)r, jf)))
			continue;
		if (res && uuid_in_list(res, e))
			return 1;
		if (ev->kind != EV_CORRECT || !cor)
			continue;
		if (f && strcmp(cor, f) == 0)
			return 1;
		if ((strcmp(cor, e) == 0 || (t && strcmp(cor, t) == 0)) && (!held || sync_dget(ev, "void")))
			return 1;
	}
	return 0;
}

void
sync_chain_conflicts(const struct sync_chain *c, struct sync_conflict **out, size_t *n,
		     size_t *cap)
{
	for (size_t s = 0; s < c->n; s++) {
		const struct yk_event *m = &c->evs[s];
		const char *e = sync_dget(m, "conflict"), *f = sync_dget(m, "against");
		const struct sync_meta *me, *mf;
		struct sync_conflict *k;
		long ie, jf;

		if (!sync_is_synthetic(m) || !e)
			continue;
		ie = chain_find(c, e);
		jf = f ? chain_find(c, f) : -1;
		if (ie < 0 || chain_resolved(c, s, ie, jf))
			continue;
		*out = xgrow(*out, cap, *n + 1, sizeof **out);
		k = &(*out)[(*n)++];
		memset(k, 0, sizeof *k);
		snprintf(k->case_no, sizeof k->case_no, "%s", c->case_no);
		snprintf(k->marker, sizeof k->marker, "%s", m->uuid);
		snprintf(k->event, sizeof k->event, "%s", e);
		k->held = sync_dget(m, "void") != NULL;
		me = c->meta[ie];
		snprintf(k->event_office, sizeof k->event_office, "%s", me ? me->office : "?");
		sync_what(&c->evs[ie], k->event_what, sizeof k->event_what);
		date_format(c->evs[ie].effective, k->event_date);
		if (jf >= 0) {
			mf = c->meta[jf];
			snprintf(k->against, sizeof k->against, "%s", f);
			snprintf(k->against_office, sizeof k->against_office, "%s", mf ? mf->office : "?");
			sync_what(&c->evs[jf], k->against_what, sizeof k->against_what);
			date_format(c->evs[jf].effective, k->against_date);
		}
		snprintf(k->reason, sizeof k->reason, "%s", sync_dget(m, "reason") ? sync_dget(m, "reason") : "");
	}
}

/* A comma-separated list of uuids, growing. */
struct ulist {
	char *s;
	size_t n;
};

static void
ulist_add(struct ulist *l, const char *uuid)
{
	if (uuid_in_list(l->s, uuid))
		return;
	l->s = xrealloc(l->s, (l->s ? strlen(l->s) : 0) + UUID_BUFSZ + 1);
	if (!l->n)
		l->s[0] = '\0';
	if (l->n)
		strcat(l->s, ",");
	strcat(l->s, uuid);
	l->n++;
}

/* The row a replay refused: case_derive says "CASE #SEQ (kind): …". */
static long
failed_row(const struct sync_chain *c, const char *msg)
{
	size_t len = strlen(c->case_no);
	char *end;
	long seq;

	if (strncmp(msg, c->case_no, len) != 0 || strncmp(msg + len, " #", 2) != 0)
		return -1;
	seq = strtol(msg + len + 2, &end, 10);
	return seq >= 1 && (size_t)seq <= c->n + 1 && *end == ' ' ? seq - 1 : -1;
}

/* Can row r be voided to keep `keep`'s side: an event of another database,
 * not the opening one, not voided already? */
static int
voidable(const struct sync_chain *c, const struct ulist *voids, long r, const char *keep)
{
	const struct yk_event *ev = &c->evs[r];
	const char *src = chain_source(c, r);

	return *src && strcmp(src, keep) != 0 && ev->kind != EV_OPEN && !uuid_in_list(voids->s, ev->uuid);
}

/* Build ev from the lists and replay the chain with it: 0 it replays, 1
 * not (msg says why), -1 nothing to build. */
static int
resolution_try(const struct sync_chain *c, const struct yk_rules *rules, const struct ulist *voids,
	       const struct ulist *resolves, const char *reason, struct yk_event *ev, char *msg,
	       size_t msgsz)
{
	struct yk_event *all;
	struct case_state st;
	const char *comma;
	yk_error e;
	int rc;

	payload_free(&ev->data);
	ev->kind = EV_CORRECT;
	if (voids->n) {
		char first[UUID_BUFSZ];

		comma = strchr(voids->s, ',');
		snprintf(first, sizeof first, "%.*s",
			 (int)(comma ? (size_t)(comma - voids->s) : strlen(voids->s)), voids->s);
		payload_set(&ev->data, "corrects", first);
		payload_set(&ev->data, "void", "1");
		if (comma)
			payload_set(&ev->data, "voids", comma + 1);
	} else {
		/* Nothing to void (the side kept is in force): a correction
		 * that changes nothing, naming what it settles. */
		payload_set(&ev->data, "corrects", c->evs[0].uuid);
	}
	payload_set(&ev->data, "resolves", resolves->s);
	payload_set(&ev->data, "reason", reason);
	all = xcalloc(c->n + 1, sizeof *all);
	memcpy(all, c->evs, c->n * sizeof *all);
	all[c->n] = *ev;
	all[c->n].seq = (long)c->n + 1;
	rc = case_derive(all, c->n + 1, rules, &st, &e);
	free(all); /* shallow copies: nothing of their own */
	if (rc == 0) {
		case_state_free(&st);
		return 0;
	}
	snprintf(msg, msgsz, "%s", e.msg);
	return 1;
}

int
sync_resolution(const struct sync_chain *c, const struct yk_rules *rules, const char *keep,
		const char *keep_office, const char *reason, struct yk_event *ev,
		size_t *involved, yk_error *err)
{
	struct sync_conflict *conf = NULL;
	size_t nconf = 0, cap = 0;
	struct ulist voids = {0}, resolves = {0};
	char msg[YK_ERROR_MAX];
	int rc = -1;

	*involved = 0;
	sync_chain_conflicts(c, &conf, &nconf, &cap);
	if (nconf == 0) {
		yk_error_setk(err, YK_ERR_CONFLICT, _("%s 没有未解决的同步冲突"), c->case_no);
		goto out;
	}
	for (size_t i = 0; i < nconf; i++) {
		const struct sync_conflict *k = &conf[i];
		long ie = chain_find(c, k->event), jf = k->against[0] ? chain_find(c, k->against) : -1;
		int keep_e = ie >= 0 && strcmp(chain_source(c, ie), keep) == 0;
		int keep_f = jf >= 0 && strcmp(chain_source(c, jf), keep) == 0;

		if (ie < 0 || (!keep_e && !keep_f && jf >= 0))
			continue; /* between two other databases: theirs to settle */
		(*involved)++;
		ulist_add(&resolves, k->event);
		if (keep_e && k->held) {
			/* Back in force where it stands: void the row holding it aside,
			 * and what it clashed with. */
			ulist_add(&voids, k->marker);
			if (jf >= 0 && voidable(c, &voids, jf, keep))
				ulist_add(&voids, k->against);
		} else if (!keep_e) {
			/* The other side's event stays void (a disputed correction of
			 * an older chain: void it now). */
			ulist_add(&voids, k->event);
		}
	}
	if (!*involved) {
		yk_error_setk(err, YK_ERR_CONFLICT, _("%s 没有涉及单位 %s 的未解决冲突"), c->case_no, keep_office);
		goto out;
	}
	/* What no longer replays with keep's side in force goes too: the
	 * refused event if it is another database's, else the latest event of
	 * another database before it. Each round voids one more row. */
	for (size_t round = 0; round <= c->n; round++) {
		long r, x;

		if (resolution_try(c, rules, &voids, &resolves, reason, ev, msg, sizeof msg) == 0) {
			rc = 0;
			goto out;
		}
		r = failed_row(c, msg);
		if (r < 0 || (size_t)r >= c->n)
			break;
		x = voidable(c, &voids, r, keep) ? r : -1;
		for (long k = r; x < 0 && k-- > 0;)
			if (voidable(c, &voids, k, keep) && !sync_is_synthetic(&c->evs[k]))
				x = k;
		if (x < 0)
			break;
		ulist_add(&voids, c->evs[x].uuid);
	}
	yk_error_setk(err, YK_ERR_CONFLICT, _("不能保留单位 %s 的版本：%s"), keep_office, msg);
out:
	free(conf);
	free(voids.s);
	free(resolves.s);
	return rc;
}

/* ---- a case number minted twice: renumbering ------------------------------ */

void
sync_renumbered_uuid(const char *old, char out[UUID_BUFSZ])
{
	char seed[UUID_BUFSZ + 32], h[HASH_BUFSZ];

	snprintf(seed, sizeof seed, "yekuo-renumbered\n%s", old);
	sha256_hex(seed, strlen(seed), h);
	uuid_from_hash(h, out);
}

/* Each uuid of a list, renumbered. */
static char *
renumber_list(const char *list)
{
	char *out = xmalloc(strlen(list) + 1), id[UUID_BUFSZ], to[UUID_BUFSZ];
	size_t len = 0;

	out[0] = '\0';
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t l = comma ? (size_t)(comma - p) : strlen(p);

		snprintf(id, sizeof id, "%.*s", (int)(l < UUID_BUFSZ - 1 ? l : UUID_BUFSZ - 1), p);
		sync_renumbered_uuid(id, to);
		out = xrealloc(out, len + UUID_BUFSZ + 2);
		len += (size_t)sprintf(out + len, "%s%s", len ? "," : "", to);
		p += l + (comma != NULL);
	}
	return out;
}

void
sync_renumber_event(const struct yk_event *ev, const char *old_no, const char *new_no,
		    struct yk_event *out)
{
	static const char *const refs[] = {"corrects", "voids", "resolves"};

	sync_event_copy(out, ev);
	sync_renumbered_uuid(ev->uuid, out->uuid);
	snprintf(out->case_no, sizeof out->case_no, "%s", new_no);
	for (size_t k = 0; k < sizeof refs / sizeof refs[0]; k++) {
		const char *v = payload_get(&ev->data, refs[k]);

		if (v && *v) {
			char *m = renumber_list(v);

			payload_set(&out->data, refs[k], m);
			free(m);
		}
	}
	if (ev->kind == EV_OPEN) {
		/* every number the case had, the latest first */
		const char *before = payload_get(&ev->data, "renumbered-from");
		char *all = before ? xasprintf("%s,%s", old_no, before) : xstrdup(old_no);

		payload_set(&out->data, "renumbered-from", all);
		free(all);
	}
	out->seq = 0;
	out->prev_hash[0] = out->hash[0] = '\0';
}

/* ---- clocks ------------------------------------------------------------------ */

int
sync_stamp_time(const char *stamp, time_t *t)
{
	char s[20];

	if (strlen(stamp) < 19)
		return -1;
	memcpy(s, stamp, 19);
	s[19] = '\0';
	return clock_parse(s, t);
}

long
sync_event_lag(const struct sync_item *all, size_t n, size_t e, time_t now)
{
	const struct sync_item *x = &all[e];
	struct vc v;
	time_t te, tf;
	long lag = 0;

	if (vc_parse(x->m.vc, &v) < 0 || sync_stamp_time(x->ev.recorded, &te) < 0) {
		vc_free(&v);
		return 0;
	}
	for (size_t k = 0; k < n; k++) {
		const struct sync_item *f = &all[k];
		struct vc fv;
		long own;

		if (k == e || strcmp(f->m.source, x->m.source) == 0 || !f->m.vc ||
		    sync_stamp_time(f->ev.recorded, &tf) < 0 || tf - te <= lag ||
		    tf - now > SYNC_CLOCK_TOLERANCE)
			continue;
		if (vc_parse(f->m.vc, &fv) < 0)
			continue;
		own = vc_get(&fv, f->m.source);
		vc_free(&fv);
		if (own >= 1 && vc_get(&v, f->m.source) >= own)
			lag = (long)(tf - te);
	}
	vc_free(&v);
	return lag;
}
