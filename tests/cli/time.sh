#!/bin/sh
# Never wrong by a day: clocks walked day by day through the CLI on
# training databases, each expectation counted by hand from
# data/calendar/*.cal (the counts are in the comments: "(n)" marks the n-th
# working day after the start day, which itself is not counted).
. "$top_srcdir/tests/lib.sh"

at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
ID=11010519491231002X
USCC=91350100M000100Y43
PHONE=13912345678
# fresh NAME: a new training database for one scenario
fresh() { export YEKUO_DB="$TEST_HOME/$1.db"; at 2020-01-01 init --training >/dev/null; }
# lv VAR DATE REGION CATEGORY NAME KW [options]: open an LV case
lv() {
	var=$1 d=$2 region=$3 cat=$4 name=$5 kw=$6
	shift 6
	at "$d" case new --region "$region" --category "$cat" --name "$name" --id-type resident-id \
		--id $ID --phone $PHONE --address "${name}地址" --capacity "$kw" --unit kW "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: case new $name failed: $err"
	eval "$var=\$out"
}
# hv VAR DATE REGION CATEGORY NAME KVA [options]: open an HV case
hv() {
	var=$1 d=$2 region=$3 cat=$4 name=$5 kva=$6
	shift 6
	at "$d" case new --region "$region" --category "$cat" --name "$name" --id-type uscc \
		--id $USCC --phone $PHONE --address "${name}地址" --capacity "$kva" --unit kVA "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: case new $name failed: $err"
	eval "$var=\$out"
}
ev() { # ev DATE CASE KIND [args]
	d=$1
	shift
	at "$d" case event "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: case event $* on $d failed: $err"
}
# field TSV KEY: the value of "KEY<TAB>value" in case show --format tsv
field() { printf '%s\n' "$1" | awk -F '\t' -v k="$2" '$1 == k { print $2; exit }'; }
# clock TSV CODE: "remaining state" of that clock in case show --format tsv
clock() { printf '%s\n' "$1" | awk -F '\t' -v k="$2" '$1 == "clock" && $2 == k { print $8, $9; exit }'; }

# --- 1. on time is a count; the live state agrees with the verdict -------------
# For each scenario: the last working day of the limit, the rest days right
# after it (0 left, due today, on time if finished then, not in
# `case list --overdue`), and the first working day past the limit (overdue
# by 1). Finishing on the rest day is on time.
# rest_after_due NAME SETUP-FN CLOCK DUE "REST…" FIRST-LATE DONE-ARGS
rest_after_due() {
	sc=$1 setup=$2 code=$3 due=$4 rest=$5 late=$6
	shift 6
	fresh "$sc"
	$setup
	at "$due" case show "$C" --format tsv
	is "$(clock "$out" "$code")" "0 due-today" "$sc: $code due $due, 0 left that day"
	for r in $rest; do
		at "$r" case show "$C" --format tsv
		is "$(clock "$out" "$code")" "0 due-today" "$sc: on rest day $r, 0 left and due today, not overdue"
		is "$(field "$out" state)" "due-today" "$sc: $r: the case is due today"
		is "$(field "$out" on-time)" "yes" "$sc: $r: and still on time"
		at "$r" case list --overdue --format tsv
		is "$out" "" "$sc: $r: case list --overdue does not list it"
		at "$r" case list --format tsv
		contains "$out" "	due-today	open" "$sc: $r: case list says due today"
		at "$r" report timeliness --from "$due" --to "$r" --format csv --encoding utf-8
		is "$(printf '%s\n' "$out" | sed -n '/^超期清单/,/^补录清单/p' | grep -c -F "$C")" 0 \
			"$sc: $r: not on the report's overdue list"
	done
	at "$late" case show "$C" --format tsv
	is "$(clock "$out" "$code")" "-1 overdue" "$sc: $late, the first working day past the limit: overdue by 1"
	at "$late" case list --overdue --format tsv
	contains "$out" "$C" "$sc: $late: listed by case list --overdue"
	at "$late" report timeliness --from "$due" --to "$late" --format csv --encoding utf-8
	is "$(printf '%s\n' "$out" | sed -n '/^超期清单/,/^补录清单/p' | grep -c -F "$C")" 1 \
		"$sc: $late: on the report's overdue list"
	set -- $rest
	ev "$1" "$C" $DONE
	at "$1" case show "$C" --format tsv
	is "$(clock "$out" "$code" | cut -d' ' -f2)" "done-on-time" "$sc: finished on rest day $1: on time"
	at "$late" case show "$C" --format tsv
	is "$(clock "$out" "$code" | cut -d' ' -f2)" "done-on-time" "$sc: and still on time seen on $late"
}

# national-2025 lv-other, plan 3 WD from Tue 2026-03-03: 03-04 (1), 03-05 (2),
# Fri 03-06 (3); Sat 03-07, Sun 03-08 rest; Mon 03-09 first late day.
s_lv_plan() {
	lv C 2026-03-03 national lv-other "某商店" 20
	ev 2026-03-03 "$C" done accept
}
DONE="done plan"
rest_after_due lv-plan s_lv_plan plan 2026-03-06 "2026-03-07 2026-03-08" 2026-03-09

# tianjin-2025 hv-single, plan 10 WD from Fri 2026-09-18: Sun 09-20 make-up
# (1), 09-21..24 (5), 09-25..27 中秋 off, 09-28..30 (8), 10-01..07 国庆 off,
# 10-08 (9), 10-09 Fri (10); Sat 10-10 is a make-up working day, so the
# first late day comes at once: no rest day between.
fresh hv-plan
hv C 2026-09-17 tianjin hv-single "天津某厂" 630
ev 2026-09-18 "$C" done accept
at 2026-10-09 case show "$C" --format tsv
is "$(clock "$out" plan)" "0 due-today" "hv-plan: plan due Fri 10-09 across 中秋 and 国庆"
at 2026-10-10 case show "$C" --format tsv
is "$(clock "$out" plan)" "-1 overdue" "hv-plan: Sat 10-10 is a make-up working day: overdue by 1"
at 2026-10-10 case list --overdue --format tsv
contains "$out" "$C" "hv-plan: and listed overdue"

# national-2025 三零 whole process, 5 WD from the appointment Fri 2026-03-06:
# 03-09 (1) … Fri 03-13 (5); Sat 03-14, Sun 03-15 rest; Mon 03-16 late.
s_whole() {
	lv C 2026-03-05 national lv-sanling "某小店" 30 --appointment 2026-03-06
	ev 2026-03-06 "$C" done accept
	ev 2026-03-06 "$C" done plan
}
DONE="done energise --meter-no 1234567890"
rest_after_due whole s_whole whole 2026-03-13 "2026-03-14 2026-03-15" 2026-03-16

# jining-2020 10 kV ≤1250 kVA, merged 业务受理并答复供电方案 2 WD from Wed
# 2022-03-02: 03-03 (1), Fri 03-04 (2); Sat 03-05, Sun 03-06 rest; Mon 03-07.
s_jining() {
	hv C 2022-03-02 jining hv-single "济宁某厂" 800
	ev 2022-03-02 "$C" done accept
}
DONE="done plan"
rest_after_due jining s_jining accept+plan 2022-03-04 "2022-03-05 2022-03-06" 2022-03-07

# --- 2. a finished clock never changes with the viewing date -------------------
# 三零 whole process from the appointment Mon 2026-03-02, filed 03-03 with a
# planned completion Fri 03-20, energised Tue 03-10: 03-11..13 (3),
# 03-16..20 (8) working days to spare, seen on any later day.
fresh filed-done
lv C 2026-03-02 national lv-resident "某户" 8 --appointment 2026-03-02
ev 2026-03-03 "$C" filing --upgrade "10kV线路改造" --why "需新建线路" --planned 2026-03-20
ev 2026-03-04 "$C" done accept
ev 2026-03-05 "$C" done plan
ev 2026-03-10 "$C" done energise --meter-no 1234567890
for d in 2026-03-10 2026-03-13 2026-03-20 2026-03-25 2026-06-30; do
	at "$d" case show "$C" --format tsv
	is "$(clock "$out" whole)" "8 done-on-time" "filed-done: seen $d, the finished whole process has 8 WD to spare"
done
# energised Mon 03-23, after the filed Fri 03-20: late by 1 (03-23), on any day.
fresh filed-late
lv C 2026-03-02 national lv-resident "某户" 8 --appointment 2026-03-02
ev 2026-03-03 "$C" filing --upgrade "10kV线路改造" --why "需新建线路" --planned 2026-03-20
ev 2026-03-04 "$C" done accept
ev 2026-03-05 "$C" done plan
at 2026-03-21 case show "$C" --format tsv
is "$(clock "$out" whole)" "0 due-today" "filed-late: Sat 03-21 after the filed Friday: 0 left, not overdue"
ev 2026-03-23 "$C" done energise --meter-no 1234567890
for d in 2026-03-23 2026-03-27 2026-05-06; do
	at "$d" case show "$C" --format tsv
	is "$(clock "$out" whole)" "-1 done-late" "filed-late: seen $d, finished 1 WD after the filed date"
done

# --- 3. a filed clock viewed before its start counts the start day -------------
# Applied Fri 2026-03-06, appointment Mon 03-09, filed 03-06 planned Fri
# 03-20: 03-10..13 (4), 03-16..20 (9) — the appointment day is not counted.
fresh filed-before
lv C 2026-03-06 national lv-resident "某户" 8 --appointment 2026-03-09
ev 2026-03-06 "$C" filing --upgrade "10kV线路改造" --why "需新建线路" --planned 2026-03-20
for d in 2026-03-06 2026-03-07 2026-03-08 2026-03-09; do
	at "$d" case show "$C" --format tsv
	is "$(clock "$out" whole)" "9 on-track" "filed-before: seen $d, 9 WD left from the Monday appointment"
done
at 2026-03-07 case list --format tsv
is "$(printf '%s\n' "$out" | cut -f6)" "9" "filed-before: case list agrees (9 left)"

# --- 4. the workflow follows the profile's steps ----------------------------------
# jining-2020 10 kV 普通客户 (004 注2: "全面取消10千伏普通客户设计审查和中间检查
# 环节"): ≤1250 and >1250 kVA, at 6, 10 and 20 kV ("10 千伏" covers all
# below 35 kV). Applied Wed 2022-03-02, plan replied 03-03; the customer asks
# for the completion inspection Thu 03-10: 验收送电 5 WD, 03-11 (1), 03-14
# (2), 03-15 (3), 03-16 (4), 03-17 (5).
for spec in "800 10" "2000 10" "630 6" "1600 20"; do
	set -- $spec
	fresh "jn-$1-$2"
	hv C 2022-03-02 jining hv-single "济宁某厂$1" "$1" --kv "$2"
	ev 2022-03-02 "$C" done accept
	ev 2022-03-03 "$C" done plan
	sp="jining $1 kVA $2 kV"
	at 2022-03-04 case event "$C" start design
	is "$rc" 2 "$sp: starting a design review is refused"
	contains "$err" "没有设计审查（design）环节" "$sp: the profile has no design review"
	contains "$err" "jining-2020" "$sp: the message names the profile"
	at 2022-03-04 case event "$C" materials midcheck --items builder-qualification
	is "$rc" 2 "$sp: mid-check materials are refused"
	contains "$err" "没有中间检查（midcheck）环节" "$sp: the profile has no mid-check"
	at 2022-03-04 case show "$C" --format tsv
	is "$(printf '%s\n' "$out" | grep -c -e '^materials.design' -e '^materials.midcheck')" 0 \
		"$sp: case show asks for no design or mid-check materials"
	contains "$out" "materials.final	[ ] completion-report" "$sp: the completion report is asked for"
	at 2022-03-04 case receipt "$C"
	case "$out" in *设计*|*中间检查*) ok 1 "$sp: the receipt lists no design or mid-check" ;;
	*) ok 0 "$sp: the receipt lists no design or mid-check" ;; esac
	at 2022-03-10 case event "$C" start final
	is "$rc" 0 "$sp: the completion inspection starts once the plan is replied"
	contains "$out" "final+energise	on-track	2022-03-17	5" "$sp: 验收送电 5 WD, due 03-17"
	ev 2022-03-14 "$C" done final --result pass
	ev 2022-03-15 "$C" done energise --meter-no 1234567890
	at 2022-03-15 case show "$C" --format tsv
	is "$(field "$out" state)" "done-on-time" "$sp: energised on time"
done
# The class boundary: the profiles and categories that keep both stages.
# jining-2020 10 kV dual supply and 35 kV single supply (附件1 rows 4-5),
# national-2025 hv-single: no completion inspection before the mid-check.
for spec in "jining hv-dual 800 10 2022-03-02" "jining hv-single 800 35 2022-03-02" \
	"national hv-single 800 10 2026-03-02"; do
	set -- $spec
	fresh "keep-$1-$2-$4"
	hv C "$5" "$1" "$2" "某厂" "$3" --kv "$4"
	ev "$5" "$C" done accept
	ev "$5" "$C" done plan
	at "$5" case event "$C" start final
	is "$rc" 4 "$1 $2 $4 kV: the completion inspection waits for the mid-check"
	at "$5" case event "$C" start design
	is "$rc" 0 "$1 $2 $4 kV: the design review starts"
done
# LV has neither stage in any profile.
fresh lv-stages
lv C 2026-03-02 national lv-other "某商店" 20
at 2026-03-02 case event "$C" start design
is "$rc" 2 "lv-other: no design review"
contains "$err" "没有设计审查（design）环节" "lv-other: the message says so"

# --- 5. every answer that touches an unloaded calendar year says so --------------
# No 2027 file in data/calendar. A: lv-other accepted Tue 2026-12-29, plan 3
# WD: 12-30 (1), 12-31 (2), Fri 2027-01-01 (3) by weekends alone. B: plan
# from Tue 2026-12-01, due Fri 12-04 — every day it uses is in 2026 while it
# is seen in 2026. E: energised in 2026, seen in 2027: a finished clock uses
# no 2027 day.
fresh nocal
lv A 2026-12-28 national lv-other "跨年甲" 20
ev 2026-12-29 "$A" done accept
contains "$out" "$A	plan	on-track	2027-01-01	3	2027 年的日历没有载入——只按周末计" \
	"nocal: the line case event prints says 2027 is not loaded"
lv B 2026-12-01 national lv-other "年内乙" 20
ev 2026-12-01 "$B" done accept
is "$(printf '%s\n' "$out" | cut -f6)" "" "nocal: a clock wholly in 2026 says nothing of a missing year"
lv E 2026-12-01 national lv-other "已接电戊" 20
ev 2026-12-01 "$E" done accept
ev 2026-12-02 "$E" done plan
ev 2026-12-03 "$E" done energise --meter-no 1234567890
at 2026-12-29 case list --format tsv
is "$(printf '%s\n' "$out" | grep -F "$A" | cut -f9)" "no-calendar-2027" "nocal: case list tsv flags A"
is "$(printf '%s\n' "$out" | grep -F "$B" | cut -f9)" "" "nocal: and not B"
contains "$err" "2027 年的日历没有载入——只按周末计" "nocal: case list warns on stderr"
at 2026-12-29 case list
contains "$(printf '%s\n' "$out" | grep -F "$A")" "[2027 年的日历没有载入]" "nocal: case list text flags A"
contains "$err" "2027 年的日历没有载入——只按周末计" "nocal: text case list warns on stderr"
case "$(printf '%s\n' "$out" | grep -F "$B")" in *"not loaded"*) ok 1 "nocal: text case list does not flag B" ;; *) ok 0 "nocal: text case list does not flag B" ;; esac
at 2026-12-29 case show "$A" --format tsv
is "$(field "$out" warning)" "2027 年的日历没有载入——只按周末计" "nocal: case show says so"
at 2026-12-29 case list --format tsv --overdue
is "$err" "" "nocal: a list with no row touching 2027 warns of nothing"
# seen in 2027, B's running clock uses 2027 days too; E's finished ones do not
at 2027-01-05 case list --all --format tsv
is "$(printf '%s\n' "$out" | grep -F "$B" | cut -f9)" "no-calendar-2027" "nocal: seen in 2027, B's running clock is flagged"
is "$(printf '%s\n' "$out" | grep -F "$E" | cut -f8-)" "closed" "nocal: E, finished in 2026, is not"
at 2027-01-05 case show "$E" --format tsv
is "$(field "$out" warning)" "" "nocal: nor does case show warn for E"
is "$(field "$out" calendar)" "2026-2026" "nocal: E's answer used 2026 alone"
at 2027-01-05 report timeliness --from 2026-12-01 --to 2027-01-05 --format csv --encoding utf-8
contains "$out" "2027 年的日历没有载入——只按周末计" "nocal: the report says so"
# A year missing in the middle: the same database without 2026.cal.
mkdir -p "$TEST_HOME/data-no2026/calendar"
cp -r "$top_srcdir/data/rules" "$TEST_HOME/data-no2026/"
for y in 2020 2021 2022 2023 2024 2025; do cp "$top_srcdir/data/calendar/$y.cal" "$TEST_HOME/data-no2026/calendar/"; done
YEKUO_DATA_DIR=$TEST_HOME/data-no2026 at 2026-12-29 case list --format tsv
is "$(printf '%s\n' "$out" | grep -F "$B" | cut -f9)" "no-calendar-2026" "no2026: B is flagged for 2026"
contains "$err" "2026 年的日历没有载入" "no2026: and the list warns"
lv F 2026-12-29 national lv-other "年内己" 20
YEKUO_DATA_DIR=$TEST_HOME/data-no2026 at 2026-12-29 case event "$F" done accept
contains "$out" "2026 年的日历没有载入" "no2026: the line case event prints says 2026 is not loaded"

# --- 7. corrections are records too -------------------------------------------------
# A correction states its date on the day it is recorded: a date before
# that day is a late entry (补录) — a reason, a count on the case, the
# report's 补录清单 — for every kind of event whose date it moves.
fresh corrections
uuid() { # uuid CASE SEQ
	at 2026-03-20 case show "$1" --format tsv
	printf '%s\n' "$out" | awk -F '\t' -v s="$2" '$1 == "event" && $2 == s { print $3 }'
}
lv K 2026-03-02 national lv-other "更正甲" 20
ev 2026-03-05 "$K" done accept
ev 2026-03-09 "$K" suspend --reason customer --note "客户要求暂缓"
ev 2026-03-11 "$K" resume
# #1 open (recorded 03-02), #2 done accept (03-05), #3 suspend (03-09),
# #4 resume (03-11), each moved earlier on 03-12.
n=0
for spec in "2 2026-03-04 done" "3 2026-03-06 suspend" "4 2026-03-10 resume" "1 2026-03-01 open"; do
	set -- $spec
	u=$(uuid "$K" "$1")
	at 2026-03-12 case event "$K" correct --event "$u" --set effective="$2" --reason "日期录错"
	is "$rc" 2 "correct $3 to $2 on 03-12 without a late-entry reason: refused"
	contains "$err" "属于补录 (late entry)，须填写补录原因 (--late-reason)" "correct $3: asks for the late-entry reason"
	contains "$err" "#$1 的日期改为 $2" "correct $3: naming the event and the date"
	at 2026-03-12 case event "$K" correct --event "$u" --set effective="$2" --reason "日期录错" \
		--late-reason "纸质记录为 $2"
	is "$rc" 0 "correct $3 to $2 with a reason: stored"
	n=$((n + 1))
	at 2026-03-12 case show "$K" --format tsv
	is "$(field "$out" late-entries)" "$n" "correct $3: counted as late entry $n on the case"
	is "$(printf '%s\n' "$out" | awk -F '\t' '$1 == "event" && $4 == "correct" && $6 == "late"' | wc -l | tr -d ' ')" "$n" \
		"correct $3: the correction is flagged late in the log"
done
at 2026-03-12 report timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
contains "$(printf '%s\n' "$out" | sed -n '/^补录清单/,$p')" "$K,更正甲,低压非居民,2026-03-01,4," \
	"the case is on the report's 补录清单 with its 4 late entries"
# A date moved to the day of the correction itself is not late; a change
# that moves no date needs no late-entry reason.
lv L 2026-03-02 national lv-other "更正乙" 20
ev 2026-03-03 "$L" done accept
at 2026-03-04 case event "$L" correct --event "$(uuid "$L" 2)" --set effective=2026-03-04 --reason "实际4日完成"
is "$rc" 0 "a date moved to the correction's own day is no late entry"
at 2026-03-04 case event "$L" correct --event "$(uuid "$L" 2)" --set notes=补充说明 --reason "补充"
is "$rc" 0 "a correction of notes needs no late-entry reason"
at 2026-03-04 case show "$L" --format tsv
is "$(field "$out" late-entries)" "0" "neither is counted late"
# The real reason for a refused date. #2 was recorded on 03-03; a date
# after that but not after the correction is no future date.
lv M 2026-03-02 national lv-other "更正丙" 20
ev 2026-03-02 "$M" done accept
at 2026-03-10 case event "$M" correct --event "$(uuid "$M" 2)" --set effective=2026-03-12 --reason "录错"
is "$rc" 2 "a date after the correction's own day is refused"
contains "$err" "2026-03-12 是将来的日期（本更正录入于 2026-03-10）" "as a future date, counted from the correction"
contains "$err" "(correct)" "pointing at the correction"
at 2026-03-10 case event "$M" correct --event "$(uuid "$M" 2)" --set effective=2026-02-27 --reason "录错" \
	--late-reason "x"
is "$rc" 2 "a date before the application is refused"
contains "$err" "早于申请日期 (2026-03-02)（该日期由更正 #3 改为 2026-02-27）" \
	"saying the date is the correction's"
case "$err" in *将来*) ok 1 "and not calling it a future date" ;; *) ok 0 "and not calling it a future date" ;; esac
at 2026-03-10 case event "$M" correct --event "$(uuid "$M" 2)" --set effective=2026-03-03 --reason "录错" \
	--late-reason "受理单为3日"
is "$rc" 0 "a past date after the original recording day is accepted as a late entry"

# --- 8. 重走 is visible --------------------------------------------------------------
# 003 row 15 forbids 重走: a new case for the same ID number and address
# opened within 30 days of a withdrawal is linked to the withdrawn one, on
# both, and on the report; whether its clocks restart is a decision on
# record. W: lv-other applied Mon 2026-03-02, withdrawn Wed 03-04.
fresh rerun
# nc VAR DATE NAME ID ADDRESS [options]: a new lv-other case
nc() {
	var=$1 d=$2 nm=$3 id=$4 addr=$5
	shift 5
	at "$d" case new --region national --category lv-other --name "$nm" --id-type resident-id \
		--id "$id" --phone $PHONE --address "$addr" --capacity 20 --unit kW "$@"
	eval "$var=\$out"
}
nc W 2026-03-02 "重走甲" $ID "某市某路8号"
ev 2026-03-04 "$W" withdraw --reason "客户撤回"
# 30 days after 03-04 is 04-03; within: 03-04 (the same day), 03-16, 04-03.
for d in 2026-03-04 2026-03-16 2026-04-03; do
	nc X "$d" "重走甲" $ID "某市某路8号"
	is "$rc" 4 "opened $d, within 30 days of the withdrawal: the decision on the clocks is asked for"
	contains "$err" "$W 在30日内撤销，本次报装属于重走" "opened $d: naming the withdrawn case"
	contains "$err" "--keep-clock" "opened $d: offering to keep the clock"
	contains "$err" "--restart-reason" "opened $d: or to restart it for a reason"
done
# the ID with a lower-case check letter is the same ID
nc X 2026-03-16 "重走甲" 11010519491231002x "某市某路8号"
is "$rc" 4 "the same ID number written with a lower-case x is the same customer"
# not a re-run: 31 days on, another address, another ID, a case closed (energised) not withdrawn
nc X 2026-04-04 "重走甲" $ID "某市某路8号"
is "$rc" 0 "opened 04-04, 31 days after the withdrawal: a new case, no link"
at 2026-04-04 case show "$X" --format tsv
is "$(field "$out" rerun-of)" "" "and it names no withdrawn case"
# (withdrawn again, or the re-runs below would repeat an open case)
ev 2026-04-04 "$X" withdraw --reason "客户撤回"
nc X 2026-03-16 "重走甲" $ID "某市某路9号"
is "$rc" 0 "another address: no link"
nc X 2026-03-16 "重走甲" 110105198001010032 "某市某路8号"
is "$rc" 0 "another ID number at the address: no link"
nc E 2026-03-02 "接电乙" $ID "某市某路10号"
ev 2026-03-02 "$E" done accept
ev 2026-03-03 "$E" done plan
ev 2026-03-04 "$E" done energise --meter-no 1234567890
nc X 2026-03-16 "接电乙" $ID "某市某路10号"
is "$rc" 0 "a case energised, not withdrawn, is no re-run"
nc X 2026-03-16 "重走甲" $ID "某市某路11号" --restart-reason "无"
is "$rc" 2 "a restart reason with nothing to re-run is refused"
contains "$err" "没有30日内撤销的同一证件号码和地址的案件" "saying there is no withdrawn case"
nc X 2026-03-16 "重走甲" $ID "某市某路8号" --keep-clock --restart-reason "二者"
is "$rc" 2 "keeping and restarting at once is refused"

# Kept: the clocks run on from W's application Mon 03-02. Seen Mon 03-16,
# acceptance (1 WD, due 03-03) has used 03-03..06 (4), 03-09..13 (9),
# 03-16 (10): overdue by 9.
nc K 2026-03-16 "重走甲" $ID "某市某路8号" --keep-clock
is "$rc" 0 "kept: opened"
at 2026-03-16 case show "$K" --format tsv
is "$(field "$out" rerun-of)" "$W" "kept: the case names the withdrawn one"
is "$(field "$out" rerun-clock)" "keep" "kept: and the decision"
is "$(field "$out" applied)" "2026-03-02" "kept: its clocks count from W's application"
is "$(clock "$out" accept)" "-9 overdue" "kept: acceptance overdue by 9 WD, not a fresh start"
at 2026-03-16 case show "$K"
contains "$out" "重走原案件     $W 撤销后30日内重新报装；时限沿用原案件，自 2026-03-02 起算" "kept: said in words"
# Restarted for a reason: acceptance 1 WD from Tue 03-17, due Wed 03-18.
nc R 2026-03-17 "重走甲" $ID "某市某路8号" --restart-reason "客户变更用电性质重新申请" \
	--again "K 仍在办理，客户另行申请"
is "$rc" 0 "restarted: opened"
at 2026-03-17 case show "$R" --format tsv
is "$(field "$out" rerun-of)" "$W" "restarted: the case names the withdrawn one"
is "$(field "$out" rerun-clock)" "restart" "restarted: and the decision"
is "$(field "$out" restart-reason)" "客户变更用电性质重新申请" "restarted: with its reason"
is "$(clock "$out" accept)" "1 warning" "restarted: acceptance from 03-17, 1 WD left"
at 2026-03-17 case show "$W" --format tsv
is "$(field "$out" rerun-by)" "$K, $R" "the withdrawn case names both re-runs"
at 2026-03-17 case show "$W"
contains "$out" "重走案件       $K, $R" "in words too"
# an HV re-run: uscc and kVA, the same rule
hv H 2026-03-02 national hv-single "某制造厂" 630
ev 2026-03-05 "$H" withdraw --reason "项目暂停"
hv H2 2026-03-20 national hv-single "某制造厂" 630
is "$rc" 4 "HV: the same credit code and address within 30 days asks for the decision"
hv H2 2026-03-20 national hv-single "某制造厂" 630 --restart-reason "项目重新立项"
is "$rc" 0 "HV: restarted for a reason"
at 2026-03-31 report timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
reruns=$(printf '%s\n' "$out" | sed -n '/^重走清单/,$p')
contains "$reruns" "$K,重走甲,低压非居民,$W,沿用原案件计时,自原案件受理日 2026-03-02 起算," "the report lists the kept re-run"
contains "$reruns" "$R,重走甲,低压非居民,$W,重新计时,客户变更用电性质重新申请," "and the restarted one"
contains "$reruns" "$H2,某制造厂,高压单电源,$H,重新计时,项目重新立项," "and the HV one"
is "$(printf '%s\n' "$reruns" | grep -c -E '^[A-Z]{2}-')" 3 "and no other case"

# --- 6. a withdrawn case is not running -------------------------------------------
# national-2025 lv-other, plan 3 WD from Mon 2026-03-02, due Thu 03-05.
# W1 withdrawn Wed 03-04 with 1 WD left; W2 withdrawn Mon 03-09, 2 WD over
# (03-06, 03-09); W3 withdrawn before acceptance was done.
fresh withdrawn
lv W1 2026-03-02 national lv-other "撤销甲" 20
ev 2026-03-02 "$W1" done accept
lv W2 2026-03-02 national lv-other "撤销乙" 20
ev 2026-03-02 "$W2" done accept
lv W3 2026-03-02 national lv-other "撤销丙" 20
ev 2026-03-04 "$W1" withdraw --reason "客户撤回申请"
contains "$out" "$W1	withdrawn	withdrawn	-	0" "withdraw: the event's line says withdrawn, no due date, nothing left"
ev 2026-03-09 "$W2" withdraw --reason "客户撤回申请"
ev 2026-03-03 "$W3" withdraw --reason "客户撤回申请"
for w in "$W1" "$W2" "$W3"; do
	for d in 2026-03-09 2026-03-20; do
		at "$d" case show "$w"
		case "$out" in *正常*|*超期*|*预警*|*今日到期*|*待客户*) ok 1 "$w seen $d: no running state" ;;
		*) ok 0 "$w seen $d: no running state (正常, 超期, 预警, 今日到期, 待客户)" ;; esac
		contains "$(printf '%s
' "$out" | grep 当前状态)" "已撤销" "$w seen $d: 当前状态 已撤销"
		at "$d" case show "$w" --format tsv
		is "$(printf '%s
' "$out" | awk -F '	' '$1 == "clock" && $9 != "withdrawn" && $9 !~ /^done/' | wc -l)" 0 \
			"$w seen $d: every unfinished clock says withdrawn"
	done
done
at 2026-03-09 case show "$W2" --format tsv
is "$(clock "$out" plan)" "0 withdrawn" "W2: its plan clock, overdue when withdrawn, is stopped, 0 left"
at 2026-03-20 case list --all --format tsv
is "$(printf '%s
' "$out" | grep -c '	withdrawn	withdrawn')" 3 "case list --all: the three are withdrawn, state withdrawn"
at 2026-03-20 case list --all --overdue --format tsv
is "$out" "" "case list --all --overdue lists none of them"
at 2026-03-20 report timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$(printf '%s
' "$out" | sed -n '/^超期清单/,/^补录清单/p' | grep -c -F -e "$W1" -e "$W2" -e "$W3")" 0 \
	"report: no withdrawn case on the 超期清单"

done_testing
