#ifndef YEKUO_UI_EVTEXT_H
#define YEKUO_UI_EVTEXT_H
/* An event, or one value of it, as a customer manager reads it: codes as
 * their Chinese names (regions from the rule files, categories, stages,
 * options), ID and phone masked (个人信息保护法 §51). The detail screen's
 * event log and the correction form both write events this way. */
#include <stddef.h>

#include "yekuo/core/case.h"
#include "yekuo/core/fields.h"
#include "yekuo/core/rules.h"

/* Value v of field f (may be NULL: shown as typed) in Chinese. data: the
 * event's data (the capacity's unit); may be NULL. */
void ui_value_zh(const struct yk_rules *rules, const struct yk_field *f, const char *v,
		 const struct payload *data, char *out, size_t outsz);

/* One line for event ev: kind, stage, result, then its fields. evs/nev:
 * the case's events (a correction names its target's number, a corrected
 * event is marked); hv: the case is high-voltage (its material names). */
void ui_event_text(const struct yk_rules *rules, const struct yk_event *ev, const struct yk_event *evs,
		   size_t nev, int hv, char *out, size_t outsz);

#endif
