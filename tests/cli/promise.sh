#!/bin/sh
# 契约式接电 and the fast lane (001 贵州 附件1 row 10: 通过与用户签订服务契约，
# 明确工程完工、接电时间; row 8: 对于列为国家和省级重大项目的，开辟办电绿色
# 通道). A date agreed with the customer is a second clock beside the legal
# one: on case show, the receipt and case list (a promise missed or due
# within 3 working days is marked); a fast-lane flag has its own list. Both
# are events: they sync and verify. Every figure is worked out by hand below
# (March 2026 has no holiday; 03-02 is a Monday).
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/promise.db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
isnt0() { [ "$1" -ne 0 ]; ok $? "$2"; }
new() { # new DATE NAME
	at "$1" case new --region national --category lv-other --name "$2" --id-type uscc \
		--id 91350100M000100Y43 --phone 13912345678 --address "$2地址" --capacity 50 --unit kW \
		--appointment "$1"
}
clock() { printf '%s\n' "$1" | awk -F '\t' -v c="$2" '$1 == "clock" && $2 == c {print $3, $4, $5, $6, $7, $8, $9}'; }
field() { printf '%s\n' "$1" | awk -F '\t' -v k="$2" '$1 == k {print $2}'; }

at 2026-03-02 init --training --office A
new 2026-03-02 "甲商店"
A=$out
new 2026-03-02 "乙工厂"
B=$out

# --- refusals: nothing is stored -------------------------------------------------
at 2026-03-04 case event "$A" contract --promised 2026-03-03
isnt0 "$rc" "a promised date before the agreement is refused"
contains "$err" "约定接电日期早于签约日期" "saying why"
at 2026-03-02 case event "$A" contract --promised 2026-03-10 --works-by 2026-03-11
isnt0 "$rc" "works agreed to finish after the connection date are refused"
contains "$err" "works-by" "naming the field"
at 2026-03-02 case event "$A" contract --works-by 2026-03-06
isnt0 "$rc" "an agreement without a connection date is refused"
contains "$err" "promised" "naming the missing field"
at 2026-03-02 case event "$B" fast-lane --major city
isnt0 "$rc" "a project level the seed does not name is refused"
contains "$err" "national, provincial" "listing the levels (001 row 8: 国家和省级)"
at 2026-03-02 case show "$A" --format tsv
is "$(field "$out" promised)" "" "none of the refused agreements was stored"

# --- the agreement: works by Fri 03-06, connection by Tue 03-10 ------------------------
at 2026-03-02 case event "$A" contract --promised 2026-03-10 --works-by 2026-03-06 --note "服务契约 QY-001"
is "$rc" 0 "the agreement is recorded"
at 2026-03-02 case event "$B" fast-lane --major national --note "国家重大项目清单"
is "$rc" 0 "B is put on the fast lane"
at 2026-03-02 case event "$B" fast-lane --major provincial
is "$rc" 4 "a second fast-lane record is refused (the state forbids it)"

# Wed 03-04: Thu, Fri, Mon, Tue = 4 working days left: on track, not marked
at 2026-03-04 case show "$A" --format tsv
is "$(field "$out" promised)" "2026-03-10 works-by 2026-03-06" "case show: the dates agreed"
is "$(clock "$out" promise)" "- - 2026-03-10 - 0 4 on-track" "03-04: 4 WD to the promise, on track"
at 2026-03-04 case list --promise --format tsv
is "$out" "" "03-04: no promise to chase"
# Thu 03-05: Fri, Mon, Tue = 3 left: due soon (PROMISE_SOON_DAYS)
at 2026-03-05 case list --promise --format tsv
is "$(printf '%s\n' "$out" | cut -f1)" "$A" "03-05: A's promise is due soon"
contains "$out" "promise-warning-2026-03-10" "marked with its state and date"
at 2026-03-05 case list
contains "$(printf '%s\n' "$out" | grep -F "$A")" "契约将到 2026-03-10" "the text list says so in Chinese"
contains "$(printf '%s\n' "$out" | grep -F "$B")" "绿色通道" "and marks B's fast lane"
# Tue 03-10: due today; Wed 03-11: missed by 1 working day
at 2026-03-10 case show "$A" --format tsv
is "$(clock "$out" promise)" "- - 2026-03-10 - 0 0 due-today" "03-10: the promise is due today"
at 2026-03-11 case show "$A" --format tsv
is "$(clock "$out" promise)" "- - 2026-03-10 - 0 -1 overdue" "03-11: missed by 1 working day"
at 2026-03-11 case show "$A"
contains "$out" "约定接电            -  -           2026-03-10  -                 0         -1  超期 1" \
	"case show's clock table has the promise beside the legal clocks"
at 2026-03-11 case list
contains "$(printf '%s\n' "$out" | grep -F "$A")" "契约超期 2026-03-10" "case list: the promise missed"

# --- a new agreement replaces the old; the log keeps both --------------------------
at 2026-03-11 case event "$A" contract --promised 2026-03-13
is "$rc" 0 "a new date agreed on 03-11"
at 2026-03-11 case show "$A" --format tsv
is "$(clock "$out" promise)" "- - 2026-03-13 - 0 2 warning" "Thu, Fri: 2 WD left, due soon"
is "$(field "$out" promised)" "2026-03-13" "the new date holds"
is "$(printf '%s\n' "$out" | grep -c '	contract	')" 2 "both agreements stay in the log"

# --- energised on Thu 03-12: the promise kept -----------------------------------------------
at 2026-03-11 case event "$A" done accept
at 2026-03-11 case event "$A" done plan
at 2026-03-12 case event "$A" done energise --meter-no 3000000001
is "$rc" 0 "A energised on 03-12"
at 2026-03-16 case show "$A" --format tsv
is "$(clock "$out" promise)" "- - 2026-03-13 2026-03-12 0 1 done-on-time" "the promise kept, a working day early"

# --- the fast lane's list ----------------------------------------------------------------------
at 2026-03-16 case list --fast-lane --format tsv
is "$(printf '%s\n' "$out" | cut -f1)" "$B" "case list --fast-lane: B only"
contains "$out" "	fast-lane" "marked as such"
at 2026-03-16 case show "$B"
contains "$out" "国家重大项目" "case show names the project's level"
at 2026-03-16 case receipt "$B"
contains "$out" "国家重大项目（重大项目办电绿色通道）" "the receipt shows the fast lane"

# --- the receipt shows the dates agreed ---------------------------------------------------------
new 2026-03-16 "丙商店"
Cc=$out
at 2026-03-16 case event "$Cc" contract --promised 2026-03-27 --works-by 2026-03-20
at 2026-03-16 case receipt "$Cc"
contains "$out" "约定工程完工日期  2026-03-20（星期五）" "the receipt: the works' date agreed"
contains "$out" "约定接电日期      2026-03-27（星期五）" "and the connection date agreed"

# --- they travel: a second office imports them ----------------------------------------------------
y "$TEST_HOME/b.db" 2026-03-16T08:00:00 init --training --office B
YEKUO_NOW=2026-03-16T12:00:00 run "$YEKUO" sync export --to "$TEST_HOME/a.ykb" --peer B
is "$rc" 0 "the cases are exported"
y "$TEST_HOME/b.db" 2026-03-16T13:00:00 sync import "$TEST_HOME/a.ykb"
is "$rc" 0 "and imported by office B"
y "$TEST_HOME/b.db" 2026-03-16T13:00:00 case show "$Cc" --format tsv
is "$(field "$out" promised)" "2026-03-27 works-by 2026-03-20" "office B sees the agreement"
y "$TEST_HOME/b.db" 2026-03-16T13:00:00 case list --fast-lane --format tsv
is "$(printf '%s\n' "$out" | cut -f1)" "$B" "and B on its fast-lane list"
y "$TEST_HOME/b.db" 2026-03-16T13:00:00 verify
is "$rc" 0 "office B's database verifies"
at 2026-03-16 verify
is "$rc" 0 "and so does office A's"

# --- two offices agree different dates at once: a sync conflict, not a silent winner ---
at 2026-03-17 case event "$Cc" contract --promised 2026-03-30
y "$TEST_HOME/b.db" 2026-03-17T11:00:00 case event "$Cc" contract --promised 2026-04-03
YEKUO_NOW=2026-03-17T12:00:00 run "$YEKUO" sync export --to "$TEST_HOME/a2.ykb" --peer B --since-last
y "$TEST_HOME/b.db" 2026-03-17T13:00:00 sync import "$TEST_HOME/a2.ykb"
is "$rc" 0 "B imports A's new agreement"
contains "$out" "$Cc	changed	1	conflict" "which clashes with B's own"
y "$TEST_HOME/b.db" 2026-03-17T13:00:00 sync conflicts --format tsv
contains "$out" "$Cc" "sync conflicts lists the case"
y "$TEST_HOME/b.db" 2026-03-17T13:00:00 verify
is "$rc" 0 "and B's database verifies with the conflict marked"
done_testing
