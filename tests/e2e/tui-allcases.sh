#!/bin/sh
# Finding any case: `a` shows every case — open, energised, withdrawn — with
# the same search, filters and order, so an energised case can be found, its
# receipt reprinted and its events corrected. The time filters a counter
# needs (overdue, due today, waiting on the customer with how long it has
# waited, due within N working days) and n / N from match to match after a
# search. Whole screens are compared at 80x24 and 120x36.
# Dates counted by hand with data/calendar/2026.cal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
ev() { run "$YEKUO" case event "$@"; is "$rc" 0 "event $*"; }
new_case() { # CATEGORY NAME PHONE ADDRESS CAPACITY UNIT [ID-TYPE ID]
	run "$YEKUO" case new --region national --category "$1" --name "$2" \
		--id-type "${7:-resident-id}" --id "${8:-11010519491231002X}" \
		--phone "$3" --address "$4" --capacity "$5" --unit "$6"
	is "$rc" 0 "case $out: $2"
}

# Mon 03-02: 李四 (LV 三零) accepted, plan answered 03-03, energised 03-05.
new_case lv-sanling "李四小吃店" 13912345678 "北京市朝阳区某街2号" 30 kW
e=$out
ev "$e" done accept
at 2026-03-03T10:00:00
ev "$e" done plan
at 2026-03-05T10:00:00
ev "$e" done energise --meter-no 3000000001
# 王五 (HV): accepted 03-02, plan answered 03-04: the design is the customer's.
at 2026-03-02T11:00:00
new_case hv-single "王五机械厂" 13712345678 "北京市大兴区某路5号" 800 kVA uscc 91350100M000100Y43
h=$out
ev "$h" done accept
at 2026-03-04T10:00:00
ev "$h" done plan
# 赵六 (LV 非三零) withdrawn 03-04; 孙七 (LV 非三零) accepted 03-09, plan due 03-12.
at 2026-03-02T12:00:00
new_case lv-other "赵六餐馆" 13611112222 "北京市海淀区某路6号" 20 kW
w=$out
at 2026-03-04T11:00:00
ev "$w" withdraw --reason "客户撤回申请"
at 2026-03-09T10:00:00
new_case lv-other "孙七理发店" 13311112222 "北京市东城区某巷7号" 10 kW
s=$out
ev "$s" done accept

# Tue 03-10: 王五 has waited 6 days (03-04 → 03-10); 孙七's plan (3 WD from
# 03-09) is due 03-12, 2 left.
at 2026-03-10T09:00:00
start_tui --
shows "在办 2 件" "the dashboard lists the open cases"
shows "待客户 1" "and counts those waiting on the customer"
shows "已等6天" "a case waiting on the customer shows how long it has waited"
screen_is dashboard-80x24 "the dashboard, whole screen (80x24)"
keys /
type_text "李四"
keys Enter
shows "没有符合筛选或搜索条件的案件" "an energised case is not among the open ones"
keys a
shows "全部案件" "a: every case, the title says so"
shows "全部 4 件：在办 2  已办结 1  已撤销 1" "counted by status"
shows "李四小吃店" "the energised case is found with the same search"
shows "搜索[/]:李四" "the search is kept"
keys Enter
shows "案件详情 $e" "Enter opens the energised case"
keys p
shows "受理回执" "its receipt can be shown again"
keys Escape Escape
shows "全部案件" "back to every case"
keys x
screen_is allcases-80x24 "every case, whole screen (80x24)"
snap allcases
shows "赵六餐馆" "the withdrawn case is listed"
shows "已撤销" "as withdrawn"

# n / N after a search: from match to match, round the list
keys / 
type_text "北京市"
keys Enter
shows "n下一个 N上一个" "after a search n and N are on the bottom line"
keys n
shows "匹配 2/4" "n goes to the next match"
keys N N
shows "匹配 4/4" "N goes back, round the list"
keys x a
shows "在办 2 件" "a again: the open cases"

# the time filters
keys o
shows "时限[o/w]:超期" "o: overdue"
shows "没有符合筛选或搜索条件的案件" "none is overdue"
keys o
shows "时限[o/w]:今日到期" "o again: due today"
keys o
shows "时限[o/w]:待客户" "o again: waiting on the customer"
shows "王五机械厂" "the case waiting on the customer's design"
lacks "孙七理发店" "not the one the utility works on"
keys o
shows "时限[o/w]:全部" "o again: all"
keys w
shows "N个工作日内到期" "w asks for N"
keys C-u
type_text "1x"
keys Enter
shows "工作日数应为 0 到 366 的整数，不是“1x”" "a bad N is refused, saying why"
keys BSpace Enter
shows "时限[o/w]:1个工作日内到期" "N = 1"
shows "没有符合筛选或搜索条件的案件" "孙七 has 2 working days left: not within 1"
keys w BSpace
type_text "2"
keys Enter
shows "孙七理发店" "within 2 working days: 孙七"
lacks "王五机械厂" "a case without a due date is not"
stop_app

# the same view on a larger terminal
start_tui 120 36 --
keys a
shows "全部 4 件" "every case at 120x36"
screen_is allcases-120x36 "every case, whole screen (120x36)"
keys F10
shows "EXIT=0" "F10 quits"
stop_app

done_testing
