#!/bin/sh
# On a terminal without colour (TERM=vt100) the states stay readable:
# markers "!!" (overdue), "!" (due today), "~" (warning), "=" (suspended),
# and the keys (Tab, Shift-Tab, F1, q) still work.
. "$top_srcdir/tests/lib.sh"
E2E_TERM=vt100
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
run "$YEKUO" case new --region national --category lv-other --name "王五五金店" \
	--id-type resident-id --id 11010519491231002X --phone 13712345678 \
	--address "上海市浦东新区某路5号" --capacity 200 --unit kW
is "$rc" 0 "a case opened on Mon 03-02"
# lv-other accept 1 WD from 03-02: due 03-03; on Thu 03-05 overdue by 2
# (03-04, 03-05).
at 2026-03-05T09:00:00
start_tui --
shows "超期 1" "the header counts the overdue case"
shows "!! CN-2026-A-00001" "the overdue row is marked !!"
shows "2026-03-03   -2 超期" "due date, days over and the state in words"
snap dashboard-vt100
keys Enter
shows "!! 超期 2 工作日" "the case says it is overdue by 2 working days"
shows "超期 2" "so does its timeline"
keys F1
shows "按键帮助：案件详情" "F1 works on vt100"
keys Escape Escape
shows "在办 1 件" "back to the dashboard"
keys n
shows "> 地区" "the intake form, focus on the first field"
keys Tab
type_text "测试"
keys BTab
shows "> 地区" "Shift-Tab goes back a field"
keys Tab
type_text "一"
shows "测试一" "and Tab forward again keeps the text"
keys Escape
shows "放弃未保存的输入吗？" "Esc asks before dropping the input"
keys y
shows "在办 1 件" "back"
keys Q
shows "EXIT=0" "Q quits"
shows "icanon echo" "the terminal is restored"
stop_app

# --- a clock that runs into a year with no calendar file --------------------
at 2026-12-21T09:00:00
run "$YEKUO" case new --region national --category hv-dual --name "年末新厂" \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 \
	--address "天津市某区某路9号" --capacity 2000 --unit kVA
is "$rc" 0 "an HV case opened on Mon 2026-12-21"
run "$YEKUO" case event CN-2026-A-00002 done accept
is "$rc" 0 "accepted the same day"
# plan 20 WD from 12-21: 12-22..24, 25, 28..31 (8), then 2027 by weekends
# only: 01-01 (9), 04..08 (14), 11..15 (19), 01-18 (20).
start_tui --
shows "注意：2027 年节假日未载入，只按周末推算" "the dashboard says the 2027 calendar is missing"
shows "2027-01-18" "and shows the due date counted on weekends only"
keys Down Enter		# below the old overdue case
shows "注意：2027 年节假日未载入" "so does the case's timeline"
keys Q
shows "EXIT=0" "Q quits"
stop_app

done_testing
