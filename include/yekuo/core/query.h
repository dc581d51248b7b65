#ifndef YEKUO_CORE_QUERY_H
#define YEKUO_CORE_QUERY_H

/* Which cases a list or report wants: the store answers it (store_query_cases,
 * store_scan_cases); pure modules (report.c) only read it. */

#include "yekuo/core/date.h"

/* A selection of cases, by the cached summary's indexed columns. Zero or
 * YK_DATE_NONE dates mean "no bound". */
struct case_query {
	int open_only;		/* status open */
	int filed_only;		/* has a grid-upgrade filing */
	yk_date applied_from, applied_to; /* application date range, inclusive */
	yk_date active_from;	/* open, or closed on/after this date */
	int brief;		/* only case number, name, phone, address and the clock inputs
				 * (case_clock_decode's fields) are filled: fast */
};

#endif
