#ifndef YEKUO_UI_TIMELINE_H
#define YEKUO_UI_TIMELINE_H

/* The case timeline: one bar per clock (stage steps, whole process, total)
 * showing working days used against the limit, suspended days, the due
 * date, and late entries (补录). Draws from the engine's result; counts
 * nothing the engine does not. */

#include <stddef.h>

#include "yekuo/core/calendar.h"
#include "yekuo/core/case.h"
#include "yekuo/core/engine.h"
#include "yekuo/ui/frame.h"

/* Lines the timeline needs (clocks, suspensions, legend). */
int ui_timeline_lines(const struct case_state *c, const struct engine_result *r);
/* Draw in r (at most r.h lines); returns lines drawn. */
int ui_timeline_draw(const struct yk_calendar *cal, const struct case_state *c,
		     const struct engine_result *r, const struct yk_event *evs, size_t nev,
		     yk_date today, struct ui_rect area);

#endif
