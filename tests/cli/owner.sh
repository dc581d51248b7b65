#!/bin/sh
# Owners and supervision (003 附件1 row 13: 项目经理+客户经理 for HV cases):
# cases are assigned and handed over by events, `case list --owner` lists a
# manager's cases, and `report supervision` (督办) counts the open cases that
# are overdue, due today or in warning by owner and by office, exportable as
# every report is. Figures worked out by hand below (no holiday in March 2026).
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/owner.db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
isnt0() { [ "$1" -ne 0 ]; ok $? "$2"; }
new() { # new DATE CATEGORY NAME CAPACITY UNIT [options]
	d=$1 cat=$2 name=$3 cap=$4 unit=$5
	shift 5
	at "$d" case new --region national --category "$cat" --name "$name" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "${name}地址" --capacity "$cap" \
		--unit "$unit" --appointment "$d" "$@"
}
line() { printf '%s\n' "$1" | grep -F -- "$2" | head -1 | tr -d '\r'; }

at 2026-03-02 init --training --office A
# A: lv-other applied Mon 03-02, acceptance limit 1 → due Tue 03-03; on Thu
#    03-05 it has used 3 (Tue, Wed, Thu): overdue by 2.
new 2026-03-02 lv-other "甲商店" 50 kW
A=$out
# B: lv-other applied Wed 03-04: acceptance due Thu 03-05, due today then.
new 2026-03-04 lv-other "乙商店" 50 kW
B=$out
# C: hv-single applied Thu 03-05: acceptance 1 left on 03-05, a warning.
new 2026-03-05 hv-single "丙工厂" 800 kVA --kv 10
C=$out
# D: lv-resident applied 03-05: whole process 5 left, on track, unassigned.
new 2026-03-05 lv-resident "丁" 8 kW
D=$out

at 2026-03-02 case event "$A" assign --role customer-manager --owner 张三
is "$rc" 0 "A assigned to 张三"
at 2026-03-04 case event "$B" assign --role customer-manager --owner 李四
at 2026-03-05 case event "$C" assign --role customer-manager --owner 张三
at 2026-03-05 case event "$C" assign --role project-manager --owner 王五
is "$rc" 0 "an HV case gets a project manager beside its customer manager"

# --- refusals ---------------------------------------------------------------------
at 2026-03-05 case event "$A" assign --role project-manager --owner 王五
isnt0 "$rc" "a project manager for an LV case is refused"
contains "$err" "项目经理只指派给高压案件" "saying why (003 row 13)"
at 2026-03-05 case event "$A" assign --role boss --owner 王五
isnt0 "$rc" "an unknown role is refused"
contains "$err" "customer-manager" "listing the roles"
at 2026-03-05 case event "$A" assign --role customer-manager
isnt0 "$rc" "an assignment without an owner is refused"
contains "$err" "owner" "naming the missing field"

# --- my cases -------------------------------------------------------------------------
at 2026-03-05 case list --owner 张三 --format tsv
is "$(printf '%s\n' "$out" | cut -f1 | sort | tr '\n' ' ')" "$A $C " "张三's cases: A and C"
at 2026-03-05 case list --owner "" --format tsv
is "$out" "" "an owner with no name holds no case (D, unassigned, is not listed)"
at 2026-03-05 case list --owner 王五 --format tsv
is "$(printf '%s\n' "$out" | cut -f1)" "$C" "王五 (project manager) has C"
at 2026-03-05 case show "$C" --format tsv
contains "$out" "customer-manager	张三" "case show names the customer manager"
contains "$out" "project-manager	王五" "and the project manager"

# --- 督办 on 03-05 -------------------------------------------------------------------
at 2026-03-05 report supervision --format csv --encoding utf-8
is "$rc" 0 "the supervision report runs"
# 张三: A overdue, C warning; 李四: B due today; 王五: C warning
is "$(line "$out" "张三,")" "张三,1,0,1,2" "张三: 1 overdue, 1 warning"
is "$(line "$out" "李四,")" "李四,0,1,0,1" "李四: 1 due today"
is "$(line "$out" "王五,")" "王五,0,0,1,1" "王五: 1 warning (as project manager)"
is "$(line "$out" "A,")" "A,1,1,1,3" "office A: 1 + 1 + 1"
is "$(printf '%s\n' "$out" | grep -c -F "$D")" 0 "D, on track, is not listed"
cases=$(printf '%s\n' "$out" | sed -n '/^督办案件/,$p')
is "$(printf '%s\n' "$cases" | grep -F -e "$A" -e "$B" -e "$C" | cut -d, -f1 | tr '\n' ' ')" "$A $B $C " \
	"most urgent first: overdue, due today, warning"
contains "$(line "$cases" "$A")" "$A,甲商店,低压非居民,A,张三,,业务受理,超期,-2,2026-03-03" "A's row"

# --- hand-over: A goes to 李四 ---------------------------------------------------------
at 2026-03-05 case event "$A" assign --role customer-manager --owner 李四
is "$rc" 0 "A handed over to 李四"
at 2026-03-05 case list --owner 张三 --format tsv
is "$(printf '%s\n' "$out" | cut -f1)" "$C" "张三 keeps only C"
at 2026-03-05 report supervision --format csv --encoding utf-8
is "$(line "$out" "李四,")" "李四,1,1,0,2" "李四 now answers for A's overdue"
at 2026-03-05 case show "$A"
contains "$out" "指派" "the timeline keeps both assignments"
is "$(printf '%s\n' "$out" | grep -c "指派 ")" 2 "two assignment events"

at 2026-03-05 report supervision --from 2026-03-01 --to 2026-03-31
isnt0 "$rc" "the supervision report takes no period"
at 2026-03-05 report supervision --format xlsx --out "$TEST_HOME/dub.xlsx"
is "$rc" 0 "it exports to xlsx"
done_testing
