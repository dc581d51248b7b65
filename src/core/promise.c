#include "config.h"

#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/promise.h"

static int
in_range(yk_date a, yk_date b, yk_error *err)
{
	char b1[YK_DATE_BUFSZ], b2[YK_DATE_BUFSZ];

	if (calendar_in_range(a) && calendar_in_range(b))
		return 0;
	return yk_error_set(err, _("%s..%s：超出日历的范围"), date_format(a, b1),
			    date_format(b, b2));
}

int
case_promise_clock(const struct case_state *c, const struct yk_calendar *cal, yk_date today,
		   struct side_clock *out, yk_error *err)
{
	memset(out, 0, sizeof *out);
	out->done = YK_DATE_NONE;
	out->due = c->promised;
	if (c->promised == YK_DATE_NONE || c->status == CASE_WITHDRAWN)
		return 0;
	if (c->status == CASE_CLOSED) {
		if (in_range(c->closed_on, c->promised, err) < 0)
			return -1;
		out->has = 1;
		out->done = c->closed_on;
		out->left = calendar_count(cal, c->closed_on, c->promised);
		out->state = c->closed_on <= c->promised ? ES_DONE_ON_TIME : ES_DONE_LATE;
		return 0;
	}
	if (in_range(today, c->promised, err) < 0)
		return -1;
	out->has = 1;
	out->left = calendar_count(cal, today, c->promised);
	/* a calendar date agreed with the customer: missed the day after it */
	out->state = today > c->promised    ? ES_OVERDUE
		     : today == c->promised ? ES_DUE_TODAY
		     : out->left <= PROMISE_SOON_DAYS ? ES_WARNING
						      : ES_ON_TRACK;
	return 0;
}

int
case_follow_up_days(const struct case_state *c, const struct yk_rules *rules)
{
	const struct rule_profile *p = rules ? rules_find(rules, c->region, c->applied, NULL) : NULL;

	return p && p->follow_up_days > 0 ? p->follow_up_days : RULE_FOLLOW_UP_DEFAULT;
}

int
case_follow_up_clock(const struct case_state *c, int days, const struct yk_calendar *cal,
		     yk_date today, struct side_clock *out, yk_error *err)
{
	yk_date energised = c->done[STAGE_ENERGISE] != YK_DATE_NONE ? c->done[STAGE_ENERGISE] : c->closed_on;
	long remaining;

	memset(out, 0, sizeof *out);
	out->done = out->due = YK_DATE_NONE;
	if (c->status != CASE_CLOSED || energised == YK_DATE_NONE)
		return 0;
	if (calendar_add(cal, energised, days, &out->due, err) < 0)
		return -1;
	out->has = 1;
	if (c->followed_up != YK_DATE_NONE) {
		if (in_range(c->followed_up, out->due, err) < 0)
			return -1;
		out->done = c->followed_up;
		out->left = calendar_count(cal, c->followed_up, out->due);
		out->state = out->left >= 0 ? ES_DONE_ON_TIME : ES_DONE_LATE;
		return 0;
	}
	if (in_range(energised, today, err) < 0)
		return -1;
	/* as the legal clocks count (docs/domain §5.2): overdue on the first
	 * working day past the limit, never on a rest day right after it */
	remaining = days - calendar_count(cal, energised, today);
	out->left = remaining;
	out->state = remaining < 0 ? ES_OVERDUE : remaining == 0 ? ES_DUE_TODAY : remaining == 1 ? ES_WARNING : ES_ON_TRACK;
	return 0;
}
