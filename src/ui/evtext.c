#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/core/case.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/i18n.h"
#include "yekuo/ui/draw.h"
#include "yekuo/ui/evtext.h"

/* Material codes of a stage as their Chinese names. */
static void
items_zh(const char *stage, const char *items, char *out, size_t outsz)
{
	int s = stage_from_code(stage ? stage : "");
	size_t len = 0;
	char buf[512], *tok, *save;

	snprintf(buf, sizeof buf, "%s", items);
	out[0] = '\0';
	for (tok = strtok_r(buf, ",", &save); tok && len < outsz; tok = strtok_r(NULL, ",", &save)) {
		const char *zh = s >= 0 && case_material_name((enum yk_stage)s, tok)
					 ? _(case_material_name((enum yk_stage)s, tok)) : tok;

		/* TRANSLATORS: between two items of a list */
		len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? _("、") : "", zh);
	}
}

void
ui_value_zh(const struct yk_rules *rules, const struct yk_field *f, const char *v, const struct payload *data,
	    char *out, size_t outsz)
{
	if (f == field_at(FLD_REGION))
		snprintf(out, outsz, "%s", ui_region_zh(rules, v));
	else if (f == field_at(FLD_CATEGORY) && category_from_code(v) >= 0)
		snprintf(out, outsz, "%s", ui_category_short((enum yk_category)category_from_code(v)));
	else if (f == field_at(FLD_STAGE) && stage_from_code(v) >= 0)
		snprintf(out, outsz, "%s", _(stage_name_zh((enum yk_stage)stage_from_code(v))));
	else if (f && f->kind == FK_FLAG)
		snprintf(out, outsz, "%s", strcmp(v, "1") == 0 ? _("是") : _("否"));
	else if (f && f->kind == FK_ENUM && field_option(f, v))
		snprintf(out, outsz, "%s", _(field_option(f, v)->zh));
	else if (f)
		field_show(f, v, data, 0, out, outsz);
	else
		snprintf(out, outsz, "%s", v);
}

static long
seq_of(const struct yk_event *evs, size_t nev, const char *uuid)
{
	for (size_t i = 0; i < nev; i++)
		if (strcmp(evs[i].uuid, uuid) == 0)
			return evs[i].seq;
	return 0;
}

void
ui_event_text(const struct yk_rules *rules, const struct yk_event *ev, const struct yk_event *evs, size_t nev,
	      int hv, char *out, size_t outsz)
{
	const struct payload *p = &ev->data;
	const char *stage = payload_get(p, FKEY(FLD_STAGE)), *res = payload_get(p, FKEY(FLD_RESULT));
	size_t len;

	(void)hv; /* materials are named from every checklist (case_material_name) */

	len = (size_t)snprintf(out, outsz, "%s", _(ev_kind_zh(ev->kind)));
	if (stage && stage_from_code(stage) >= 0 && len < outsz)
		len += (size_t)snprintf(out + len, outsz - len, " %s",
					_(stage_name_zh((enum yk_stage)stage_from_code(stage))));
	if (res && len < outsz) {
		char r[64];

		ui_value_zh(rules, field_find(FKEY(FLD_RESULT), ev->kind), res, p, r, sizeof r);
		len += (size_t)snprintf(out + len, outsz - len, " %s", r);
	}
	if (event_is_late(ev) && len < outsz)
		len += (size_t)snprintf(out + len, outsz - len, "%s", _(" [补录]"));
	/* a corrected event stays as it was entered, marked */
	for (size_t i = 0; i < nev && len < outsz; i++) {
		const char *t = payload_get(&evs[i].data, FKEY(FLD_CORRECTS));

		if (evs[i].kind == EV_CORRECT && t && strcmp(t, ev->uuid) == 0)
			len += (size_t)snprintf(out + len, outsz - len, " [%s #%ld]",
						payload_get(&evs[i].data, FKEY(FLD_VOID)) ? _("已作废") : _("已更正"),
						evs[i].seq);
	}
	if (ev->kind == EV_OPEN) {
		/* the case fields in the order a customer manager reads them */
		static const enum field_id order[] = {
			FLD_NAME, FLD_CATEGORY, FLD_CAPACITY, FLD_KV, FLD_REGION, FLD_APPOINTMENT,
			FLD_EXTERNAL, FLD_SANLING, FLD_CUSTOMER_TYPE, FLD_HV_CONFIRMATION, FLD_ID,
			FLD_PHONE, FLD_ADDRESS, FLD_LATE_REASON};

		for (size_t i = 0; i < sizeof order / sizeof order[0] && len < outsz; i++) {
			const struct yk_field *f = field_at(order[i]);
			const char *v = payload_get(p, f->key);
			char val[600];

			if (!v || !*v)
				continue;
			ui_value_zh(rules, f, v, p, val, sizeof val);
			len += (size_t)snprintf(out + len, outsz - len, " %s=%s", _(field_brief(f)), val);
		}
		return;
	}
	for (size_t i = 0; i < p->n && len < outsz; i++) {
		const char *k = p->items[i].key, *v = p->items[i].val;
		const struct yk_field *f = field_find(k, ev->kind);
		char val[600];

		if (f == field_at(FLD_STAGE) || f == field_at(FLD_RESULT))
			continue;
		if (f == field_at(FLD_ITEMS)) {
			items_zh(stage, v, val, sizeof val);
		} else if (f == field_at(FLD_CORRECTS)) {
			len += (size_t)snprintf(out + len, outsz - len, " #%ld", seq_of(evs, nev, v));
			continue;
		} else if (strncmp(k, "set.", 4) == 0) {
			const struct yk_field *sf = field_find(k + 4, EV_KIND_COUNT);

			if (strcmp(k + 4, FKEY(FLD_EFFECTIVE)) == 0)
				snprintf(val, sizeof val, "%s", v);
			else
				ui_value_zh(rules, sf, v, p, val, sizeof val);
			len += (size_t)snprintf(out + len, outsz - len, " %s→%s",
						ui_tr(field_brief_of(k + 4, EV_KIND_COUNT)), val);
			continue;
		} else {
			ui_value_zh(rules, f, v, p, val, sizeof val);
		}
		len += (size_t)snprintf(out + len, outsz - len, " %s=%s", ui_tr(field_brief_of(k, ev->kind)), val);
	}
}
