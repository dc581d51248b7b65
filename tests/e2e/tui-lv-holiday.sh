#!/bin/sh
# An LV 三零 case with external line works, opened in the intake form,
# suspended across the 2026 劳动节 holiday (05-01..05-05) and resumed by a
# late entry (补录). The timeline shows the suspension, the due date moves
# by the one working day the suspension really took — not by the holiday —
# and the late entry is flagged. Dates counted by hand with
# data/calendar/2026.cal (Sat 05-09 is a make-up working day).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-04-27T09:00:00
case1=CN-2026-A-00001

# --- Mon 04-27: 业务受理, appointment Tue 04-28 ------------------------------
start_tui --
keys n
shows "业务受理：新建案件" "the intake form"
tabs 1
type_text "李四小吃店"
tabs 2
type_text "11010519491231002X"
tabs 1
type_text "13912345678"
tabs 1
type_text "北京市朝阳区某街2号"
tabs 3			# customer type (小微企业), voltage (0.38 kV), capacity
type_text "30"
shows "建议：低压非居民(三零)" "30 kW for a small business at 0.38 kV: 三零"
shows "三零：符合" "the 三零 decision is shown"
shows "全过程 5（有外线工程 15）" "with the whole-process limits that apply"
tabs 4			# split, reapply, category, external works
keys Space
tabs 1
type_text "2026-04-28"
tabs 1
keys Space Tab Space
shows "[x] 申请人有效身份证明" "the first material box is ticked"
shows "[x] 用电地址物业权属证明" "and the second"
snap intake
keys F2
# whole process 15 WD (external works) from the appointment Tue 04-28:
# 04-29 (1), 04-30 (2), [05-01..05-05 劳动节], 05-06 (3), 07 (4), 08 (5),
# Sat 05-09 make-up (6), 11..15 (7..11), 18..21 (12..15) → Thu 05-21.
shows "已受理：$case1" "the case opens"
shows "到期 2026-05-21 剩 15 工作日" "whole process with external works: 15 WD, due 05-21"
shows "外线有" "the external works are on the case"
keys Q
stop_app

# --- Thu 04-30: external works blocked, suspended over the holiday ---------
at 2026-04-30T16:00:00
start_tui --
shows "2026-05-21   13" "on 04-30 the dashboard has 13 WD left (04-29, 04-30 used)"
keys Enter z
shows "挂起原因" "the suspension dialog"
keys Space Space	# 客户原因 → 不可抗力 → 外线受阻
shows "外线受阻" "the reason is chosen from the list"
tabs 1
type_text "道路开挖待市政审批"
keys F2
shows "挂起 2026-04-30->今 外线受阻：道路开挖待市政审批" "the open suspension is on the timeline"
shows "= 挂起" "the case is suspended, its clock stopped"
keys Q
stop_app

# --- Thu 05-07: resumed, entered a day late (补录 of 05-06) -----------------
at 2026-05-07T09:30:00
start_tui --
shows "=  CN-2026-A-00001" "still suspended on the dashboard"
shows "13 挂起" "with its 13 WD left frozen"
keys Enter r
shows "恢复计时" "the resume dialog"
shows "2026-04-30 起挂起，原因：外线受阻" "it says which suspension it ends"
tabs 1
keys C-u
type_text "2026-05-06"
shows "补录原因" "a date before today asks for a late-entry reason"
keys F2
shows "日期早于今日，是补录：请写明原因" "and refuses to save without one"
type_text "5月6日已恢复施工，次日补录"
keys F2
# (04-30, 05-06] removes one working day, 05-06 (05-01..05-05 are holidays):
# due 05-21 → Fri 05-22. Used by 05-07: 04-29, 04-30, 05-07 = 3 → 12 left.
shows "到期 2026-05-22 剩 12 工作日" "the due date moves by the one suspended working day"
shows "挂起 2026-04-30->2026-05-06 外线受阻：道路开挖待市政审批（停表 1 工作日）" "the suspension, with its span, on the timeline"
shows "[补录]" "the late resumption is flagged in the event log"
shows "补录 1" "and counted on the case"
shows "剩 12 补录" "and flagged on the whole-process bar"
snap detail

# --- the suspension really began on 04-29: a correction, not an edit -------
keys Up
keys e
shows "更正 #3" "e corrects the selected event (#3, the suspension)"
shows "更正字段*          日期（业务日期）" "its date, to begin with"
shows "正确的值*          2026-04-30" "showing the value entered"
tabs 1
keys C-u
type_text "2026-04-29"
tabs 1
type_text "挂起日期登记错了"
keys F2
# 04-29 stated on 05-07 is a late entry like any other (docs/store.md)
shows "日期早于今日，是补录：请写明原因" "a corrected date before today asks for a late-entry reason"
type_text "现场记录为4月29日"
keys F2
# (04-29, 05-06] removes 04-30 and 05-06: due 05-21 → 05-22 → Mon 05-25.
# Used by 05-07: 04-29, 05-07 = 2 → 13 left.
shows "到期 2026-05-25 剩 13 工作日" "the due date is recomputed from the corrected log"
shows "[已更正 #5]" "the original entry stays in the log, marked corrected"
shows "挂起 2026-04-29->2026-05-06" "the timeline shows the corrected span"

# --- the same day: accepted, plan replied, energised -----------------------
keys d
shows "业务受理完成" "acceptance"
keys F2
shows "已保存：业务受理完成" "saved"
keys d
shows "供电方案答复 · $case1" "plan reply"
type_text "台区 3 号箱变"
keys F2
shows "当前 装表接电" "plan replied; the meter is next"
keys d
type_text "LV-0001"
keys F2
shows "案件已办结，按时完成" "energised within the whole-process limit"
keys Q
stop_app

done_testing
