/* Synthetic data for the benchmarks: N cases across every profile and
 * category, application dates 2021-01 … 2026-11, full event histories
 * (stage events, suspensions, late entries, grid-upgrade filings), about
 * 2% still open, Chinese names and addresses. Deterministic for a seed.
 *
 * Events go through the same path as real ones — canonical payload, hash
 * chain, case_derive replay, store_insert_event/store_put_case — in
 * transactions of a few thousand cases, so the database is what years of
 * use would leave behind.
 *
 * usage: gen DB N [SEED]   (DB must not exist; a training database is made;
 *                           YEKUO_NOW sets "today", default 2026-11-20) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/store/app.h"
#include "yekuo/core/case.h"
#include "yekuo/core/clock.h"
#include "yekuo/core/rules.h"
#include "yekuo/store/store.h"
#include "yekuo/core/xalloc.h"

static unsigned long long rng_state;

static unsigned long long
rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int
pick(int n)
{
	return (int)(rnd() % (unsigned long long)n);
}

static int
chance(int percent)
{
	return pick(1000) < percent * 10;
}

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
				       "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
				       "郑", "梁", "谢", "宋", "唐", "欧阳", "司马", "诸葛"};
static const char *const given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
				    "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
				    "平", "刚", "桂英", "建华", "志强", "晓燕", "䶮", "淼"};
static const char *const firms[] = {"小吃店", "超市", "五金店", "有限公司", "制造有限公司",
				    "科技有限公司", "农业合作社", "物流有限公司", "充电站", "酒店"};
static const char *const cities[] = {"天津市滨海新区", "贵阳市观山湖区", "银川市兴庆区",
				     "济宁市任城区", "北京市朝阳区", "遵义市汇川区",
				     "石嘴山市大武口区", "天津市西青区"};
static const char *const roads[] = {"人民路", "解放路", "建设大道", "中山路", "光明街", "幸福里",
				    "黄河路", "长江道"};

static void
resident_id(char out[19], int birth_year)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char *const provinces[] = {"12", "52", "64", "37", "11"};
	int sum = 0;

	snprintf(out, 19, "%s%04d%04d%02d%02d%03d", provinces[pick(5)], 100 + pick(9000),
		 birth_year, 1 + pick(12), 1 + pick(28), pick(1000));
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static void
uscc(char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;

	static const int ow[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int osum = 0, oc;

	out[0] = '9';
	out[1] = "123"[pick(3)];
	for (int i = 2; i < 8; i++)
		out[i] = (char)('0' + pick(10));
	/* 第9-17位: a GB 11714 organisation code, its own check character last
	 * (C9 = 11 - sum Ci×Wi mod 11; X for 10, 0 for 11) */
	for (int i = 8; i < 16; i++) {
		out[i] = cs[pick(31)];
		osum += (out[i] <= '9' ? out[i] - '0' : out[i] - 'A' + 10) * ow[i - 8];
	}
	oc = 11 - osum % 11;
	out[16] = oc == 10 ? 'X' : oc == 11 ? '0' : (char)('0' + oc);
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(cs, out[i]) - cs) * w[i];
	out[17] = cs[(31 - sum % 31) % 31];
	out[18] = '\0';
}

struct gen {
	struct yk_store *st;
	struct yk_calendar *cal;
	struct yk_rules *rules;
	yk_date today;
	struct yk_event *evs;
	size_t n, cap;
	char case_no[CASE_NO_BUFSZ];
};

static void
ev_add(struct gen *g, enum ev_kind kind, yk_date eff, struct payload *data)
{
	struct yk_event *ev;
	int late = chance(3);
	time_t rec;

	g->evs = xgrow(g->evs, &g->cap, g->n + 1, sizeof *g->evs);
	ev = &g->evs[g->n];
	event_init(ev);
	store_uuid(g->st, ev->uuid);
	snprintf(ev->case_no, sizeof ev->case_no, "%s", g->case_no);
	ev->seq = (long)g->n + 1;
	ev->kind = kind;
	ev->effective = eff;
	/* recorded the same day, or a few days late with a reason (补录) */
	rec = (time_t)eff * 86400 + (time_t)(9 * 3600 + pick(8 * 3600)) - 8 * 3600;
	if (late && eff + 3 <= g->today) {
		rec += (time_t)(1 + pick(3)) * 86400;
		payload_set(data, "late-reason", "当日系统维护，次日补录");
	}
	clock_stamp(rec, ev->recorded);
	snprintf(ev->operator_name, sizeof ev->operator_name, "kh%03d", pick(40));
	payload_copy(&ev->data, data);
	snprintf(ev->prev_hash, sizeof ev->prev_hash, "%s", g->n ? g->evs[g->n - 1].hash : "");
	event_hash(ev, ev->hash);
	g->n++;
	payload_free(data);
}

/* d plus k working days, or past today. */
static yk_date
wd(struct gen *g, yk_date d, int k)
{
	yk_date out;

	if (calendar_add(g->cal, d, k, &out, NULL) < 0)
		return g->today + 1;
	return out;
}

static void
stage(struct gen *g, const char *kind, const char *stage, yk_date d, struct payload *extra)
{
	struct payload p = {0};

	if (extra) {
		payload_copy(&p, extra);
		payload_free(extra);
	}
	payload_set(&p, "stage", stage);
	ev_add(g, ev_kind_from_code(kind), d, &p);
}

/* The stages of the process of the case being made (its profile's
 * variant may leave inspections out); all of them if it cannot tell. */
static unsigned
process_stages(struct gen *g, yk_error *err)
{
	struct case_state c;
	unsigned stages;

	if (case_derive(g->evs, g->n, g->rules, &c, err) < 0)
		return ~0u;
	stages = case_stages(&c, g->rules);
	case_state_free(&c);
	return stages;
}

static int
one_case(struct gen *g, long i, yk_date first)
{
	static const char *const regions[] = {"national", "national", "tianjin", "guizhou",
					      "ningxia", "jining"};
	const char *region = regions[pick(6)];
	int r = pick(100), hv, cat;
	struct payload p = {0};
	char buf[256], id[19];
	yk_date applied = first + pick((int)(g->today - first) + 1), d;
	double cap;
	struct case_state c;
	yk_error err;

	if (!calendar_is_workday(g->cal, applied))
		applied = calendar_next_workday(g->cal, applied);
	if (applied > g->today)
		applied = g->today;
	cat = r < 45 ? CAT_LV_RESIDENT : r < 75 ? CAT_LV_SANLING : r < 85 ? CAT_LV_OTHER
		: r < 88 ? (strcmp(region, "ningxia") == 0 && applied >= date_from_ymd(2025, 7, 1)
				    ? CAT_LV_CHARGING : CAT_LV_OTHER)
		: r < 98 ? CAT_HV_SINGLE : CAT_HV_DUAL;
	hv = category_is_hv(cat);
	snprintf(buf, sizeof buf, "%s", category_code(cat));
	payload_set(&p, "category", buf);
	payload_set(&p, "region", region);
	if (cat == CAT_LV_RESIDENT) {
		snprintf(buf, sizeof buf, "%s%s", surnames[pick(28)], given[pick(28)]);
		resident_id(id, 1950 + pick(50));
		payload_set(&p, "id-type", "resident-id");
	} else {
		snprintf(buf, sizeof buf, "%s%s%s", cities[pick(8)] + 0, surnames[pick(28)], firms[pick(10)]);
		uscc(id);
		payload_set(&p, "id-type", "uscc");
	}
	payload_set(&p, "name", buf);
	payload_set(&p, "id", id);
	{
		/* mobile number blocks allocated whole (工信部号段: 135-139, 150-152,
		 * 158, 159 China Mobile; 185, 186 China Unicom; 133, 153, 180, 189
		 * China Telecom) */
		static const char *const blocks[] = {"135", "136", "137", "138", "139", "150",
						     "151", "152", "158", "159", "185", "186",
						     "133", "153", "180", "189"};

		snprintf(buf, sizeof buf, "%s%08d", blocks[pick(16)], pick(100000000));
	}
	payload_set(&p, "phone", buf);
	snprintf(buf, sizeof buf, "%s%s%d号", cities[pick(8)], roads[pick(8)], 1 + pick(999));
	payload_set(&p, "address", buf);
	cap = hv ? 200 + pick(40) * 100 : cat == CAT_LV_RESIDENT ? 4 + pick(12) : 10 + pick(150);
	snprintf(buf, sizeof buf, "%g", cap);
	payload_set(&p, "capacity", buf);
	payload_set(&p, "unit", hv ? "kVA" : "kW");
	payload_set(&p, "kv", hv ? (chance(10) ? "35" : "10") : "0.38");
	if (!hv && chance(30))
		payload_set(&p, "external", "1");
	if (cat == CAT_LV_RESIDENT || cat == CAT_LV_SANLING) {
		d = wd(g, applied, pick(2));
		if (d <= g->today) {
			snprintf(buf, sizeof buf, "%s", date_format(d, id));
			payload_set(&p, "appointment", buf);
		}
	}
	case_number(rules_region_prefix(g->rules, region), date_year(applied), "BENCH", i + 1, g->case_no);
	g->n = 0;
	ev_add(g, EV_OPEN, applied, &p);

	/* stages: utility time within (mostly) the limits, customer time between */
	d = applied;
	if (chance(60)) {
		payload_set(&p, "stage", "accept");
		payload_set(&p, "items", hv ? "id,property,approval" : "id,property");
		ev_add(g, EV_MATERIALS, d, &p);
	}
	d = wd(g, d, pick(2) + (chance(4) ? 2 : 0));
	if (d > g->today)
		goto store;
	stage(g, "done", "accept", d, NULL);
	if (!hv && chance(1)) {
		/* a grid-upgrade exception, filed while the plan is prepared */
		payload_set(&p, "upgrade", "10kV 公用配变增容改造");
		payload_set(&p, "why", "需新建10kV线路，工期无法满足接电时限");
		snprintf(buf, sizeof buf, "%s", date_format(d + 60 + pick(120), id));
		payload_set(&p, "planned", buf);
		ev_add(g, EV_FILING, d, &p);
		d = d + 60 + pick(150);
		if (d > g->today)
			goto store;
	}
	if (chance(1)) {
		/* waiting on the customer for good (需求登记: cannot take a meter yet) */
		payload_set(&p, "reason", "demand-registered");
		payload_set(&p, "note", "客户暂不具备装表条件");
		ev_add(g, EV_SUSPEND, d, &p);
		goto store;
	}
	if (chance(5)) {
		/* a suspension (customer asks to wait) */
		payload_set(&p, "reason", chance(70) ? "customer" : "external-blocked");
		payload_set(&p, "note", "客户要求暂缓");
		ev_add(g, EV_SUSPEND, d, &p);
		d += 3 + pick(20);
		if (d > g->today)
			goto store;
		ev_add(g, EV_RESUME, d, &p);
	}
	d = wd(g, d, 1 + pick(hv ? (cat == CAT_HV_DUAL ? 20 : 10) : 3) + (chance(4) ? 2 : 0));
	if (d > g->today)
		goto store;
	payload_set(&p, "supply-point", hv ? "110kV 变电站 10kV 出线" : "公用配变低压出线");
	snprintf(buf, sizeof buf, "%d", pick(30));
	payload_set(&p, "investment-saved", buf);
	stage(g, "done", "plan", d, &p);
	if (hv) {
		static const char *const insp[] = {"design", "midcheck", "final"};
		unsigned stages = process_stages(g, &err);

		for (int k = 0; k < 3; k++) {
			/* a profile may leave inspections out (jining-2020 10 kV 普通客户) */
			if (!(stages & (1u << stage_from_code(insp[k]))))
				continue;
			d += 5 + pick(90); /* the customer designs / builds */
			if (d > g->today)
				goto store;
			stage(g, "start", insp[k], d, NULL);
			d = wd(g, d, 1 + pick(3));
			if (d > g->today)
				goto store;
			payload_set(&p, "result", "pass");
			stage(g, "done", insp[k], d, &p);
		}
	}
	d = wd(g, d, 1 + pick(hv ? 3 : 2) + (chance(3) ? 2 : 0));
	if (d > g->today)
		goto store;
	snprintf(buf, sizeof buf, "%022d", (int)(i % 1000000000));
	payload_set(&p, "meter-no", buf);
	stage(g, "done", "energise", d, &p);
store:
	if (case_derive(g->evs, g->n, g->rules, &c, &err) < 0) {
		fprintf(stderr, "gen: case %ld: %s\n", i, err.msg);
		events_free(g->evs, g->n);
		g->evs = NULL;
		g->n = g->cap = 0;
		return -1;
	}
	for (size_t k = 0; k < g->n; k++)
		if (store_insert_event(g->st, &g->evs[k], &err) < 0) {
			fprintf(stderr, "gen: %s\n", err.msg);
			return -1;
		}
	if (store_put_case(g->st, &c, &err) < 0) {
		fprintf(stderr, "gen: %s\n", err.msg);
		return -1;
	}
	case_state_free(&c);
	for (size_t k = 0; k < g->n; k++)
		event_free(&g->evs[k]);
	return 0;
}

int
main(int argc, char **argv)
{
	struct app app = {0};
	struct store_init init = {.training = 1};
	struct gen g = {0};
	yk_error err;
	long n;

	if (argc < 3) {
		fprintf(stderr, "usage: gen DB N [SEED]\n");
		return 2;
	}
	n = atol(argv[2]);
	rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) * 2654435761ULL + 1 : 88172645463325252ULL;
	if (!getenv("YEKUO_NOW"))
		setenv("YEKUO_NOW", "2026-11-20T10:00:00", 1);
	snprintf(init.office, sizeof init.office, "BENCH");
	app.db_path = argv[1];
	if (app_load_calendar(&app, &err) < 0 || app_load_rules(&app, &err) < 0 ||
	    app_open_store(&app, STORE_CREATE, &init, &err) < 0) {
		fprintf(stderr, "gen: %s\n", err.msg);
		return 1;
	}
	g.st = app.st;
	g.cal = app.cal;
	g.rules = app.rules;
	g.today = clock_today();
	for (long i = 0; i < n; i++) {
		if (i % 5000 == 0 && store_begin(g.st, &err) < 0)
			goto fail;
		if (one_case(&g, i, date_from_ymd(2021, 1, 4)) < 0) {
			store_rollback(g.st);
			goto out;
		}
		if ((i % 5000 == 4999 || i == n - 1) && store_commit(g.st, &err) < 0)
			goto fail;
	}
	free(g.evs);
	app_free(&app);
	return 0;
fail:
	fprintf(stderr, "gen: %s\n", err.msg);
out:
	free(g.evs);
	app_free(&app);
	return 1;
}
