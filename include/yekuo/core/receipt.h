#ifndef YEKUO_RECEIPT_H
#define YEKUO_RECEIPT_H

/* The 受理回执 handed to the customer: case number, what was received, and
 * the date by which each utility step is due (the contracted-date idea of
 * seed 001 task 10). Plain text, UTF-8, lines of at most 72 columns for
 * `lp` on A4. Pure: the caller supplies the clocks and the time printed. */

#include <time.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/engine.h"
#include "yekuo/core/rules.h"

/* The hall that hands the receipt out and the clerk who opened the case,
 * from the settings (store/settings.h: settings_hall); "" where unset. */
struct receipt_hall {
	char name[256], address[256], hotline[32];
	char clerk[256], staff_no[32];	/* the opening operator's display name */
};

/* The receipt (free it). `open` is the case's opening event (its
 * operator signs the receipt); hall: NULL prints the operator name. */
char *receipt_text(const struct case_state *c, const struct yk_event *open,
		   const struct engine_result *res, const struct rule_profile *prof,
		   const struct yk_calendar *cal, const struct receipt_hall *hall, time_t now);

/* The receipt's anchors (free it): the case's chain head (its last
 * event's hash) and the seal it was printed under, in short form, with how
 * to check them — a customer or an inspector can later ask the office to
 * run `yekuo verify --seal` on that digest (docs/security.md). */
char *receipt_anchor(const char *head, long seal_seq, const char *seal_digest,
		     const char *seal_time);

#endif
