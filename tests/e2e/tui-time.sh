#!/bin/sh
# The dashboard tells time as the engine does: on a rest day right after a
# due date a case has 0 left and is due today, not overdue; a row whose
# clock runs into a year with no calendar file says so. Dates counted by
# hand with data/calendar/2026.cal (December 2026 has no holiday; there is
# no 2027 file).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-12-22T09:00:00
new_case() { # NAME ADDRESS
	run "$YEKUO" case new --region national --category lv-other --name "$1" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "$2" --capacity 20 --unit kW
	is "$rc" 0 "case $out: $1"
}
event() { run "$YEKUO" case event "$@"; is "$rc" 0 "event $*"; }
# row CASE: the dashboard's line for that case, spaces squeezed
row() { sleep 0.3; screen | grep -F "$1" | tr -s ' '; }

# B: accepted Tue 12-22, plan 3 WD: 12-23 (1), 12-24 (2), Fri 12-25 (3).
new_case "年末乙商店" "北京市某路2号"
event CN-2026-A-00001 done accept

# Sat 12-26, Sun 12-27: rest days right after the due date.
for d in 2026-12-26 2026-12-27; do
	at ${d}T10:00:00
	start_tui --
	shows "在办 1 件   超期 0   今日到期 1" "$d: the header counts it due today, none overdue"
	is "$(row CN-2026-A-00001)" "! CN-2026-A-00001 年末乙商店 低压非居民 方案答复 2026-12-25 0 今日到期" \
		"$d: the row has 0 left, due today, not overdue"
	keys q
	stop_app
done
# Mon 12-28, the first working day past the limit.
at 2026-12-28T10:00:00
start_tui --
shows "在办 1 件   超期 1" "Mon 12-28: overdue"
is "$(row CN-2026-A-00001)" "!! CN-2026-A-00001 年末乙商店 低压非居民 方案答复 2026-12-25 -1 超期" \
	"the row is overdue by 1"
keys Q
stop_app

# A: accepted Tue 12-29, plan 3 WD: 12-30 (1), 12-31 (2), and by weekends
# alone Fri 2027-01-01 (3) — 2027 has no calendar file.
at 2026-12-29T09:00:00
new_case "跨年甲商店" "北京市某路1号"
event CN-2026-A-00002 done accept
start_tui --
shows "2027 年节假日未载入，只按周末推算" "the dashboard names the missing year, in Chinese"
shows "带?的到期日只按周末推算" "and says which rows it touches"
is "$(row CN-2026-A-00002)" " CN-2026-A-00002 跨年甲商店 低压非居民 方案答复 2027-01-01? 3 正常" \
	"A's row is marked: its due date is a weekends-only guess"
is "$(row CN-2026-A-00001)" "!! CN-2026-A-00001 年末乙商店 低压非居民 方案答复 2026-12-25 -2 超期" \
	"B's row, all in 2026, is not marked"
keys Q
stop_app

# jining-2020 10 kV ordinary customer (004 注2): no design review, no
# mid-check. Applied Wed 2022-03-02, plan replied 03-03; the screens go
# straight to the completion inspection. 验收送电 5 WD from Thu 03-10:
# 03-11 (1), 03-14 (2), 03-15 (3), 03-16 (4), 03-17 (5).
YEKUO_DB=$TEST_HOME/jining.db
export YEKUO_DB
at 2022-03-02T09:00:00
"$YEKUO" init --training >/dev/null
run "$YEKUO" case new --region jining --category hv-single --name "济宁某厂" --id-type uscc \
	--id 91350100M000100Y43 --phone 13912345678 --address "济宁市某路1号" --capacity 800 --unit kVA
is "$rc" 0 "jining: a 10 kV 800 kVA case"
event JN-2022-A-00001 done accept
at 2022-03-03T10:00:00
event JN-2022-A-00001 done plan
at 2022-03-04T10:00:00
start_tui --
is "$(row JN-2022-A-00001 | cut -d' ' -f5)" "竣工检验" "jining: the dashboard's current stage is the completion inspection"
keys Enter
shows "申请竣工检验后按 t 登记" "jining: the case waits for the completion inspection request"
shows "本环节资料：[ ] 竣工报告" "jining: it asks for the completion report"
lacks "设计审查" "jining: no design review anywhere on the case"
lacks "中间检查" "jining: no mid-check anywhere on the case"
keys Q
stop_app
at 2022-03-10T10:00:00
start_tui --
keys Enter t
shows "客户申请竣工检验" "jining: t records the completion inspection request"
keys F2
shows "到期 2022-03-17 剩 5 工作日" "jining: 验收送电 runs, due 03-17"
keys Q
stop_app

# 重走: the intake form asks for the decision on the clocks when the same
# ID number and address were withdrawn within 30 days (003 row 15).
YEKUO_DB=$TEST_HOME/rerun.db
export YEKUO_DB
at 2026-03-02T09:00:00
"$YEKUO" init --training >/dev/null
run "$YEKUO" case new --region national --category lv-sanling --name "李四小吃店" --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address "北京市朝阳区某街2号" --capacity 30 --unit kW
event CN-2026-A-00001 withdraw --reason "客户撤回"
at 2026-03-16T09:00:00
start_tui --
keys n
shows "业务受理：新建案件" "rerun: the intake form"
lacks "重新计时原因" "rerun: no decision is asked for before one is needed"
tabs 1
type_text "李四小吃店"
tabs 2
type_text "11010519491231002X"
tabs 1
type_text "13912345678"
tabs 1
type_text "北京市朝阳区某街2号"
tabs 3
type_text "30"
keys F2
shows "案件 CN-2026-A-00001 在30日内撤销" "rerun: saving names the withdrawn case"
shows "属于重走" "rerun: and says it is a re-run"
shows "沿用原案件计时" "rerun: the form offers to keep the clock"
shows "重新计时原因" "rerun: or to restart it for a reason"
type_text "客户更换经营者重新申请"
keys F2
shows "已受理：CN-2026-A-00002" "rerun: saved with the reason"
keys i
shows "重走原案件" "rerun: the new case names the withdrawn one"
shows "重新计时，原因：客户更换" "rerun: with the decision and its reason"
keys q
stop_app

# A case dated after today (the computer's date set back since it was
# entered): its screen opens, the clocks that started later drawn empty.
# A resident's first step (受理签约) has no limit, so no due date either.
at 2026-12-30T09:00:00
run "$YEKUO" case new --region national --category lv-resident --name 赵六 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address "北京市某区6号" --capacity 8 --unit kW
is "$rc" 0 "case $out: 赵六, entered on 12-30"
late=$out
at 2026-12-22T09:00:00
start_tui --
keys /
type_text 赵六
keys Enter
keys Enter
shows "$late  赵六" "a case entered after today: its screen opens"
shows "不限时" "its timeline is drawn: the first step has no limit"
keys F10
shows "EXIT=0" "and the app quits normally"
stop_app

done_testing
