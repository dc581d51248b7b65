/* The merged chain of a case (sync_linearise, docs/sync.md): a function of
 * the set of its events — any order in gives the same rows out — whose
 * hashes chain, which replays, which marks conflicts, and to which an event
 * recorded after everything simply appends. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/merge.h"
#include "yekuo/core/xalloc.h"

#define IDA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define IDB "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define IDC "cccccccccccccccccccccccccccccccc"

static struct sync_item items[16];
static size_t nitems;

/* add(kind, date, time, source, office, vc, "k=v;k=v") */
static struct sync_item *
add(enum ev_kind kind, const char *date, const char *time, const char *source,
    const char *office, const char *vc, const char *kv)
{
	struct sync_item *it = &items[nitems];
	char buf[512], *tok, *save;

	memset(it, 0, sizeof *it);
	event_init(&it->ev);
	snprintf(it->ev.uuid, sizeof it->ev.uuid, "00000000-0000-4000-8000-%012zu", nitems + 1);
	snprintf(it->ev.case_no, sizeof it->ev.case_no, "CN-2026-A-00001");
	it->ev.kind = kind;
	date_parse(date, &it->ev.effective);
	snprintf(it->ev.recorded, sizeof it->ev.recorded, "%sT%s+08:00", date, time);
	snprintf(it->ev.operator_name, sizeof it->ev.operator_name, "op-%s", office);
	snprintf(buf, sizeof buf, "%s", kv);
	for (tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');

		*eq = '\0';
		payload_set(&it->ev.data, tok, eq + 1);
	}
	memcpy(it->m.uuid, it->ev.uuid, sizeof it->m.uuid);
	memcpy(it->m.case_no, it->ev.case_no, sizeof it->m.case_no);
	snprintf(it->m.source, sizeof it->m.source, "%s", source);
	snprintf(it->m.office, sizeof it->m.office, "%s", office);
	it->m.vc = xstrdup(vc);
	nitems++;
	return it;
}

static const char *const OPEN_KV =
	"region=national;category=lv-other;name=某五金店;id-type=uscc;id=91350100M000100Y43;"
	"phone=13912345678;address=某地3号;capacity=50;unit=kW";

/* A small xorshift: the same shuffles on every run. */
static unsigned long rng = 88172645463325252UL;

static size_t
pick(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % n);
}

static char *
signature(const struct yk_event *chain, size_t n)
{
	size_t len = 0;
	char *s = xmalloc(n * (UUID_BUFSZ + HASH_BUFSZ + 2) + 1);

	s[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "%s %s\n", chain[i].uuid, chain[i].hash);
	return s;
}

static int
chain_ok(const struct yk_event *chain, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char h[HASH_BUFSZ];

		if (chain[i].seq != (long)i + 1 ||
		    strcmp(chain[i].prev_hash, i ? chain[i - 1].hash : "") != 0)
			return 0;
		event_hash(&chain[i], h);
		if (strcmp(h, chain[i].hash) != 0)
			return 0;
	}
	return 1;
}

static size_t
count_origin(const struct yk_event *chain, size_t n, const char *origin)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += strcmp(chain[i].origin, origin) == 0;
	return k;
}

static long
find(const struct yk_event *chain, size_t n, const char *uuid)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(chain[i].uuid, uuid) == 0)
			return (long)i;
	return -1;
}

int
main(void)
{
	struct yk_event *chain, *again;
	size_t n, n2;
	struct case_state c;
	yk_error err;
	char *sig;
	int same = 1;
	struct sync_item *e3, *f2, *g1;

	/* A opens and accepts; then offline: A completes the plan and
	 * energises; B adds materials and completes the plan its own way;
	 * C withdraws the case. */
	add(EV_OPEN, "2026-03-02", "09:00:00", IDA, "A", IDA "=1", OPEN_KV);
	add(EV_DONE, "2026-03-02", "10:00:00", IDA, "A", IDA "=2", "stage=accept");
	e3 = add(EV_DONE, "2026-03-04", "09:00:00", IDA, "A", IDA "=3", "stage=plan;supply-point=P1");
	add(EV_DONE, "2026-03-05", "09:00:00", IDA, "A", IDA "=4", "stage=energise;meter-no=1234567890");
	add(EV_MATERIALS, "2026-03-04", "08:00:00", IDB, "B", IDA "=2," IDB "=1",
	    "stage=accept;items=id,property");
	f2 = add(EV_DONE, "2026-03-04", "10:00:00", IDB, "B", IDA "=2," IDB "=2",
		 "stage=plan;supply-point=P2");
	g1 = add(EV_WITHDRAW, "2026-03-04", "11:00:00", IDC, "C", IDA "=2," IDC "=1",
		 "reason=客户撤销");

	ok(sync_linearise(items, nitems, NULL, &chain, &n, &err) == 0, "a forked case merges");
	ok(chain_ok(chain, n), "its chain links and every hash recomputes");
	ok(case_derive(chain, n, NULL, &c, &err) == 0, "and it replays");
	case_state_free(&c);
	is_str(chain[0].uuid, items[0].ev.uuid, "the opening comes first");
	ok(find(chain, n, items[4].ev.uuid) < find(chain, n, e3->ev.uuid),
	   "B's materials (recorded at 08:00) sort before A's plan at the same depth");
	is_int(count_origin(chain, n, "sync"), 2, "two conflicts are marked: the plan done twice, "
	       "and the withdrawal against A's work");
	ok(find(chain, n, f2->ev.uuid) >= 0 && find(chain, n, g1->ev.uuid) >= 0,
	   "both sides are kept");
	sig = signature(chain, n);

	for (int round = 0; round < 200; round++) {
		struct sync_item shuffled[16];
		char *s2;

		memcpy(shuffled, items, sizeof items);
		for (size_t i = nitems; i > 1; i--) {
			size_t j = pick(i);
			struct sync_item t = shuffled[i - 1];

			shuffled[i - 1] = shuffled[j];
			shuffled[j] = t;
		}
		if (sync_linearise(shuffled, nitems, NULL, &again, &n2, &err) < 0) {
			same = 0;
			break;
		}
		s2 = signature(again, n2);
		same &= strcmp(s2, sig) == 0;
		free(s2);
		events_free(again, n2);
	}
	ok(same, "200 shuffles of the events give the same rows, hashes and all");

	/* An event recorded after all of them appends: nothing before moves. */
	{
		struct sync_item *x = add(EV_CORRECT, "2026-03-06", "09:00:00", IDA, "A",
					  IDA "=5," IDB "=2," IDC "=1",
					  "corrects=00000000-0000-4000-8000-000000000006;void=1;reason=r");
		char *s2;
		size_t len = strlen(sig);

		ok(sync_linearise(items, nitems, NULL, &again, &n2, &err) == 0,
		   "one more local event merges");
		is_int(n2, n + 1, "it adds one row");
		is_str(again[n2 - 1].uuid, x->ev.uuid, "at the end");
		s2 = signature(again, n2);
		ok(strncmp(s2, sig, len) == 0, "and every row before it is unchanged");
		free(s2);
		events_free(again, n2);
	}

	/* A case number minted twice: refused. */
	{
		struct sync_item two[2];

		memcpy(&two[0], &items[0], sizeof two[0]);
		memcpy(&two[1], &items[0], sizeof two[1]);
		snprintf(two[1].ev.uuid, sizeof two[1].ev.uuid, "%s", "00000000-0000-4000-8000-000000000099");
		snprintf(two[1].m.source, sizeof two[1].m.source, "%s", IDB);
		two[1].m.vc = IDB "=1";
		ok(sync_linearise(two, 2, NULL, &again, &n2, &err) < 0, "two opening events are refused");
		ok(strstr(err.msg, "每个数据库要有自己的单位代码") != NULL, "saying every database needs its own office code");
		ok(sync_linearise(items + 1, 1, NULL, &again, &n2, &err) < 0,
		   "a case without its opening event is refused");
		two[1].m.vc = "garbage";
		ok(sync_linearise(two, 2, NULL, &again, &n2, &err) < 0, "a damaged sync record is refused");
	}

	/* Withdrawn on A before B's work sorts in: B's events no longer apply
	 * and are held aside, each marked; A's withdrawal stands. */
	{
		struct sync_item w[4];
		size_t base = nitems;

		add(EV_WITHDRAW, "2026-03-03", "08:00:00", IDA, "A", IDA "=3", "reason=客户撤销");
		add(EV_DONE, "2026-03-03", "09:00:00", IDB, "B", IDA "=2," IDB "=1", "stage=plan");
		add(EV_DONE, "2026-03-03", "10:00:00", IDB, "B", IDA "=2," IDB "=2",
		    "stage=energise;meter-no=1234567890");
		w[0] = items[0];
		w[1] = items[1];
		w[2] = items[base];
		w[3] = items[base + 1];
		ok(sync_linearise(w, 4, NULL, &again, &n2, &err) == 0, "withdrawn against work merges");
		is_int(count_origin(again, n2, "sync"), 1, "the work done after it is held aside");
		ok(case_derive(again, n2, NULL, &c, &err) == 0 && c.status == CASE_WITHDRAWN,
		   "and the case stays withdrawn");
		case_state_free(&c);
		events_free(again, n2);
		{
			struct sync_item w5[5] = {items[0], items[1], items[base], items[base + 1],
						  items[base + 2]};

			ok(sync_linearise(w5, 5, NULL, &again, &n2, &err) == 0, "two of B's events");
			is_int(count_origin(again, n2, "sync"), 2, "both held aside, each marked");
			events_free(again, n2);
		}
	}

	/* B withdraws having seen every event of A (its record counts A's
	 * three): that is a sequel, not a clash — nothing is held aside. */
	{
		struct sync_item w[4];

		w[0] = items[0];
		w[1] = items[1];
		w[2] = *e3;
		w[3] = *add(EV_WITHDRAW, "2026-03-05", "08:00:00", IDB, "B", IDA "=3," IDB "=1",
			    "reason=客户撤销");
		ok(sync_linearise(w, 4, NULL, &again, &n2, &err) == 0, "a withdrawal after all of A merges");
		is_int(count_origin(again, n2, "sync"), 0, "with no conflict marked");
		ok(case_derive(again, n2, NULL, &c, &err) == 0 && c.status == CASE_WITHDRAWN,
		   "and the case is withdrawn");
		case_state_free(&c);
		events_free(again, n2);
	}

	free(sig);
	events_free(chain, n);
	for (size_t i = 0; i < nitems; i++) {
		event_free(&items[i].ev);
		sync_meta_free(&items[i].m);
	}
	return tap_done();
}
