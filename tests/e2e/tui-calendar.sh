#!/bin/sh
# 日历: a month as a grid with the statutory holidays (休), the make-up
# working days (班) and how many open cases fall due each day; the title line
# says when today is a make-up working day or a holiday. Whole screens at
# 80x24 and 120x36. Dates from data/calendar/2026.cal: 春节 02-15..02-23,
# make-up working days 02-14 and 02-28; 国庆节 10-01..10-07.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-02-26T09:00:00
new_case() { # NAME
	run "$YEKUO" case new --region national --category lv-other --name "$1" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "北京市某街1号$1" --capacity 20 --unit kW
	is "$rc" 0 "case $out: $1"
}
# Thu 02-26: accept 1 WD → due Fri 02-27
new_case "赵六餐馆"
# Sat 02-28 (make-up working day): accepted, plan 3 WD → 03-02, 03-03, 03-04
at 2026-02-28T10:00:00
new_case "周八超市"
run "$YEKUO" case event CN-2026-A-00002 done accept
is "$rc" 0 "周八 accepted"

start_tui --
shows "今日 2026-02-28 周六（调休上班：春节）" "the title says today is a make-up working day"
keys C
shows "2026年02月" "C opens this month's calendar"
shows "14 班" "the make-up working day 02-14 is marked 班"
shows "16 休" "the Spring Festival days are marked 休"
shows "27    1件" "02-27 has one case due"
shows "2026-02-28 周六（调休上班：春节）  工作日" "the selected day in words: a working day"
screen_is calendar-80x24 "February 2026, whole screen (80x24)"
snap calendar
keys Left
shows "CN-2026-A-00001  赵六餐馆  业务受理  到期 2026-02-27  超期" "the day before lists the case due then"
keys Enter
shows "案件详情 CN-2026-A-00001" "Enter opens it"
keys q
shows "2026年02月" "q goes back to the calendar"
keys PgDn
shows "2026年03月" "PgDn: the next month"
keys t Right Right Right Right
shows "2026-03-04 周三" "four days on from today: 03-04"
shows "周八超市" "with the case due then"
keys Up
shows "2026-02-25 周三" "Up: a week back"
keys q
shows "在办 2 件" "q goes back to the dashboard"
stop_app

start_tui 120 36 --
keys C
shows "2026年02月" "the calendar at 120x36"
screen_is calendar-120x36 "February 2026, whole screen (120x36)"
stop_app

# a holiday: the title says so
at 2026-10-01T09:00:00
start_tui --
shows "今日 2026-10-01 周四（国庆节放假）" "the title says today is a holiday"
keys Q
shows "EXIT=0" "Q quits"
stop_app

done_testing
