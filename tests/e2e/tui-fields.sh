#!/bin/sh
# A refusal from the event log marks the field it names, read from the
# error's structure (its field key), and the message line says it in the
# form's own words: the field's Chinese label and the reason, not the
# log's "CASE #N (kind): key:" line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-05T09:00:00
case1=CN-2026-A-00001
"$YEKUO" case new --region national --category lv-resident --name "王小明" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地1号" --capacity 8 --unit kW >/dev/null

start_tui --
shows "$case1" "the case is on the dashboard"
keys Enter
shows "当前环节" "its detail"
keys z
shows "挂起原因" "the suspension form"
tabs 2			# note, date
keys C-u
type_text "2026-03-04"
tabs 1
type_text "当日未录入"
keys F2
shows "未保存：挂起日期：早于申请日期 (2026-03-05)" "the refusal in the form's words: the field's label and the reason"
lacks "#2 (suspend)" "not the event log's line"
lacks "已保存" "nothing was saved"
keys C-u
type_text "2026-03-05"
keys F2
shows "已保存：挂起（停止计时）" "with the date corrected, the suspension is saved"
keys Escape
shows "在办 1 件" "back on the dashboard"

# --- a rule the files lack, said in Chinese on the form -------------------------------
keys n
shows "业务受理：新建案件" "the intake form"
tabs 1
type_text "李四充电站"
tabs 2
type_text "11010519491231002X"
tabs 1
type_text "13912345678"
tabs 1
type_text "某地2号"
tabs 3			# customer type, voltage, capacity
type_text "30"
tabs 3			# split, reapply, category
keys Space Space	# 低压三零 → 低压非居民 → 低压充电设施
shows "没有低压充电设施" "the limits line says in Chinese that the profile has none"
keys F2
shows "未保存：用户类别：national-2025 没有低压充电设施（lv-charging）的时限" \
	"the refusal on saving names the category in the form's words"
lacks "has no" "no English on the form"
keys Escape y Q
shows "EXIT=0" "quit"
stop_app

done_testing
