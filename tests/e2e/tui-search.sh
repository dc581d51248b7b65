#!/bin/sh
# The dashboard: open cases most urgent first with their states told apart,
# filters, and search with `/` by case number, customer name, phone or
# address, Chinese input included; the help screen lists the keys.
# Dates counted by hand with data/calendar/2026.cal (Sat 02-28 is a make-up
# working day).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-02-26T09:00:00
new_case() { # REGION CATEGORY NAME PHONE ADDRESS CAPACITY UNIT
	id=11010519491231002X idt=resident-id
	[ "$2" = hv-dual ] && id=91350100M000100Y43 idt=uscc
	run "$YEKUO" case new --region "$1" --category "$2" --name "$3" --id-type "$idt" --id "$id" \
		--phone "$4" --address "$5" --capacity "$6" --unit "$7"
	is "$rc" 0 "case $out: $3"
}
event() { run "$YEKUO" case event "$@"; is "$rc" 0 "event $*"; }

# Thu 02-26: lv-other, accept 1 WD → due Fri 02-27.
new_case national lv-other "赵六餐馆" 13611112222 "北京市海淀区某路6号" 20 kW
# Sat 02-28 (make-up working day): lv-other accepted the same day; plan 3 WD
# → 03-02 (1), 03-03 (2), 03-04 (3).
at 2026-02-28T10:00:00
new_case national lv-other "周八超市" 13511112222 "北京市西城区某街8号" 50 kW
event CN-2026-A-00002 done accept
# Mon 03-02
at 2026-03-02T09:00:00
new_case national lv-sanling "李四小吃店" 13912345678 "北京市朝阳区某街2号" 30 kW
new_case national lv-other "王五五金店" 13712345678 "上海市浦东新区某路5号" 200 kW
event CN-2026-A-00004 done accept
new_case tianjin hv-dual "天津某某制造有限公司" 13800138000 "天津市滨海新区某路1号" 800 kVA
new_case national lv-sanling "孙七理发店" 13311112222 "北京市东城区某巷7号" 10 kW
event CN-2026-A-00005 suspend --reason customer --note "客户装修未完"

# Tue 03-03: 赵六 overdue by 3 (Sat 02-28 make-up, 03-02, 03-03); 天津 accept due today; 周八
# plan 1 WD left (warning); 孙七 suspended; 王五 plan 2 left; 李四 whole
# process 5 WD from 03-02 → 03-09, 4 left.
at 2026-03-03T09:00:00
start_tui --
shows "在办 6 件   超期 1   今日到期 1   预警 1" "the header counts overdue, due today and warning"
shows "!! CN-2026-A-00001" "the overdue case is first, marked !!"
shows "2026-02-27   -3 超期" "overdue by 3 working days"
shows "!  TJ-2026-A-00001" "then the case due today, marked !"
shows "~  CN-2026-A-00002" "then the warning, marked ~"
shows "=  CN-2026-A-00005" "then the suspended case, marked ="
shows "2026-03-09    4 正常" "cases on track last"
snap dashboard
keys /
shows "搜索" "/ opens the search box"
type_text "小吃"
shows "李四小吃店" "a Chinese search finds the name"
lacks "王五五金店" "and hides the others"
keys Enter
shows "搜索[/]:小吃" "Enter keeps the search, shown on the filter line"
keys x
shows "王五五金店" "x clears it"
keys /
type_text "滨海新区"
shows "天津某某制造" "search by address"
lacks "李四小吃店" "only the matching case"
keys Escape
shows "李四小吃店" "Esc cancels the search"
keys /
type_text "13712"
shows "王五五金店" "search by phone"
lacks "天津某某制造" "only that case"
keys C-u
type_text "cn-2026-a-00003"
shows "李四小吃店" "search by case number, any letter case"
lacks "赵六餐馆" "only that case"
keys Enter Enter
shows "案件详情 CN-2026-A-00003" "Enter opens the found case"
keys Escape
shows "在办 6 件" "Esc goes back to the dashboard"
keys x c c c
shows "类别[c]:低压非居民" "c cycles the category filter"
shows "周八超市" "showing the LV non-三零 cases"
lacks "李四小吃店" "and not the others"
keys x s
shows "环节[s]:业务受理" "s filters by the current stage"
shows "孙七理发店" "cases at acceptance"
lacks "王五五金店" "not those past it"
keys x o
shows "时限[o/w]:超期" "o shows overdue cases only"
shows "赵六餐馆" "the overdue case"
lacks "李四小吃店" "alone"
keys x F1
shows "按键帮助：在办案件" "F1 opens the help of the screen"
shows "按时限筛选" "listing every key of the dashboard"
shows "更正记录）" "a sentence wider than the screen wraps onto the next line, whole"
screen_is help-80x24 "the dashboard's help, whole screen (80x24)"
snap help
keys End
shows "所有界面通用" "and, scrolled down, the keys that work everywhere"
keys Escape
shows "在办 6 件" "Esc closes the help"
# in the search box the keys of the list are letters, and the bottom line
# and the help screen show the search box's keys
keys /
type_text "qn?"
shows "qn?" "q, n and ? typed into the search box are text"
lacks "业务受理" "n opened no intake form"
shows "Enter完成 Esc取消 ↑↓移动 F1帮助 F10退出" "the bottom line has the search box's keys"
keys F1
shows "完成搜索（保留结果" "F1 there lists the search box's keys"
lacks "按时限筛选" "and not the list's"
keys Escape
shows "Enter完成 Esc取消" "Esc closes the help, back in the search box"
keys Escape
shows "Enter打开 n新建" "Esc leaves the search box: the list's keys again"
keys '?'
shows "按键帮助" "? opens it too"
keys Q
shows "EXIT=0" "Q quits from under the help"
stop_app

done_testing
