#!/bin/sh
# External-works permits (外线工程行政审批, 002 任务4: ≤ 3 working days in
# Ningxia): each permit recorded as it is applied for and granted, several
# at once, a clock per permit against the profile's approval limit, shown by
# case show and counted in the timeliness report, whose overdue list says how
# many of a late clock's working days a permit was pending. Every figure is
# worked out by hand below (March 2026 has no holiday).
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/permit.db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
new() { # new DATE NAME [options]
	d=$1 name=$2
	shift 2
	at "$d" case new --region ningxia --category lv-sanling --name "$name" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "${name}地址" --capacity 30 \
		--unit kW --appointment "$d" "$@"
}
isnt0() { [ "$1" -ne 0 ]; ok $? "$2"; }
clock() { printf '%s\n' "$1" | awk -F '\t' -v c="$2" '$1 == "clock" && $2 == c {print $3, $4, $5, $6, $7, $8, $9, $10}'; }

at 2026-03-02 init --training --office A
new 2026-03-02 "宁夏甲商店" --external-works
X=$out
new 2026-03-02 "宁夏乙商店"
Y=$out

# --- refusals: nothing is stored ------------------------------------------------
at 2026-03-04 case event "$Y" permit-apply --permit road --authority "银川市城市管理局"
is "$rc" 4 "a permit on a case without external works is refused"
contains "$err" "没有外线工程" "and the message says why"
at 2026-03-04 case event "$X" permit-grant --permit road
isnt0 "$rc" "a grant of a permit never applied for is refused"
contains "$err" "尚未申报" "and the message says so"
at 2026-03-04 case event "$X" permit-apply --permit road
isnt0 "$rc" "an application without its authority is refused"
contains "$err" "authority" "naming the missing field"
at 2026-03-04 case event "$X" permit-apply --permit tunnel --authority "某局"
isnt0 "$rc" "an unknown kind of permit is refused"
contains "$err" "road" "listing the kinds"

# --- the fixture -----------------------------------------------------------------
at 2026-03-02 case event "$X" done accept
at 2026-03-03 case event "$X" done plan
# road: applied Wed 03-04, limit 3 → due Mon 03-09 (Thu 1, Fri 2, Mon 3)
at 2026-03-04 case event "$X" permit-apply --permit road --authority "银川市城市管理局"
is "$rc" 0 "the road permit is recorded"
# green, in parallel: applied Thu 03-05
at 2026-03-05 case event "$X" permit-apply --permit green --authority "银川市园林局"
is "$rc" 0 "a second permit runs beside the first (并联审批)"
at 2026-03-05 case event "$X" permit-apply --permit road --authority "银川市城市管理局"
is "$rc" 4 "the same permit twice is refused"
at 2026-03-05 case event "$X" permit-grant --permit green --date 2026-03-04 --late-reason "补录"
isnt0 "$rc" "a grant before its application is refused"
contains "$err" "早于申报日期" "and says so"

# Fri 03-06: road has used 2 of 3 (Thu, Fri) — 1 left, a warning; green 1 of 3
at 2026-03-06 case show "$X" --format tsv
is "$(clock "$out" approval.road)" "3 2026-03-04 2026-03-09 - 2 1 warning " "road on 03-06: 2 used, 1 left, warning"
is "$(clock "$out" approval.green)" "3 2026-03-05 2026-03-10 - 1 2 on-track " "green on 03-06: 1 used, due 03-10"

at 2026-03-06 case event "$X" permit-grant --permit green
is "$rc" 0 "green granted Fri 03-06"
at 2026-03-10 case event "$X" permit-grant --permit road
is "$rc" 0 "road granted Tue 03-10"
# energised Wed 03-25: whole process from 03-02 = 17 WD against 15, 2 late;
# of them a permit was pending on Thu 03-05, Fri 03-06, Mon 03-09, Tue 03-10
# (road's span (03-04, 03-10], which holds green's): 4 approval days.
at 2026-03-25 case event "$X" done energise --meter-no 3000000009
is "$rc" 0 "energised"

at 2026-03-31 case show "$X" --format tsv
is "$(clock "$out" approval.road)" "3 2026-03-04 2026-03-09 2026-03-10 4 -1 done-late " "road: 4 WD against 3, done 1 late"
is "$(clock "$out" approval.green)" "3 2026-03-05 2026-03-10 2026-03-06 1 2 done-on-time " "green: 1 WD, on time"
is "$(clock "$out" whole)" "15 2026-03-02 2026-03-23 2026-03-25 17 -2 done-late approval" "the whole process carries approval days"
contains "$out" "permit	road 2026-03-04..2026-03-10 银川市城市管理局" "the road permit on the case"
contains "$out" "permit	green 2026-03-05..2026-03-06 银川市园林局" "the green permit on the case"
at 2026-03-31 case show "$X"
contains "$out" "占用挖掘道路许可" "case show names the permit in Chinese"
contains "$out" "（其中审批 4 天）" "case show says 4 of the whole process's days were the approval's"
contains "$out" "审批申报  部门：银川市城市管理局" "the timeline lists the application"
contains "$out" "审批批复  审批：占用挖掘道路许可" "and the grant"

# --- the timeliness report (March) ----------------------------------------------------
at 2026-03-31 report timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$rc" 0 "the timeliness report runs"
line() { printf '%s\n' "$1" | grep -F -- "$2" | head -1 | tr -d '\r'; }
# two permits granted in March: 4 and 1 WD → 2.5; 1 of 2 on time → 50.0
is "$(line "$out" "外线工程行政审批")" "低压非居民(三零),外线工程行政审批,3,2,2.5,1,50.0,0" \
	"approval row: 2 permits, 2.5 WD on average, 50% on time"
overdue=$(printf '%s\n' "$out" | sed -n '/^超期清单/,/^补录清单/p')
is "$(line "$overdue" "外线工程行政审批")" "$X,宁夏甲商店,低压非居民(三零),外线工程行政审批,3,2026-03-04,2026-03-09,2026-03-10,1,超时完成," \
	"the late road permit is on the overdue list"
is "$(line "$overdue" "全过程")" "$X,宁夏甲商店,低压非居民(三零),全过程,15,2026-03-02,2026-03-23,2026-03-25,2,超时完成,4" \
	"the late whole process says 4 of its days were the approval's"

# --- the permits travel with the case's events: verify still passes --------------
at 2026-03-31 verify
is "$rc" 0 "the database verifies with permit events"

done_testing
