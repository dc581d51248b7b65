#ifndef YEKUO_UI_ACTION_H
#define YEKUO_UI_ACTION_H

/* The forms that act on an open case: complete a stage (acceptance, supply
 * plan reply, inspections, energising), start an inspection stage, record
 * materials, suspend/resume, grid-upgrade filing, withdrawal and the
 * correction of a wrong entry. Each is the one form widget with its own
 * field table, and each save is one ledger call per event. */

#include "yekuo/core/case.h"
#include "yekuo/ui/frame.h"

enum ui_action {
	UI_ACT_COMPLETE,	/* the current stage: accept / plan / inspection / energise */
	UI_ACT_START,		/* customer submitted / requested an inspection stage */
	UI_ACT_MATERIALS,	/* materials received for the current stage */
	UI_ACT_SUSPEND,
	UI_ACT_RESUME,
	UI_ACT_FILING,		/* 电网升级改造备案 (LV) */
	UI_ACT_WITHDRAW,
	UI_ACT_CORRECT,		/* correct one event (never an edit) */
	/* forms of one event of their own fields (simple_forms in action.c) */
	UI_ACT_PERMIT_APPLY,	/* 外线工程行政审批 applied for */
	UI_ACT_PERMIT_GRANT,	/* … granted */
	UI_ACT_ASSIGN,		/* 指派/移交 a customer or project manager */
	UI_ACT_CONTRACT,	/* 契约式接电: the dates agreed with the customer */
	UI_ACT_FAST_LANE,	/* 重大项目绿色通道 */
	UI_ACT_FOLLOW_UP,	/* 回访 after energising */
	UI_ACT_COST,		/* 投资界面: what the customer paid, what the grid invested */
	UI_ACT_SURVEY,		/* 现场勘察 (002 任务2: before a charging point's plan) */
	UI_ACT_COUNT
};

/* NULL, with a message on the message line, when the action does not fit
 * the case as it stands. `target` is the event to correct (UI_ACT_CORRECT). */
struct ui_screen *ui_action_new(struct ui *ui, enum ui_action act, const char *case_no,
				const struct yk_event *target);

/* Does the action fit case c as it stands (its key is on the bottom line
 * only then; pressing it otherwise says why not)? */
int ui_action_offered(const struct ui *ui, const struct case_state *c, enum ui_action act);

#endif
