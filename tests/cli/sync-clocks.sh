#!/bin/sh
# Clocks across machines (docs/sync.md, "clocks"): a laptop a year fast and
# a laptop a day slow. The import applies intake's date rule against the
# importing machine's clock (a case dated in its future is set aside, the
# rest imports), flags events whose stamps are skewed beyond the tolerance
# and names the office whose clock looks wrong. Once the fast laptop's
# clock is set right and its dates corrected, the case goes through.
. "$top_srcdir/tests/lib.sh"

H=$TEST_HOME/hall.db
F=$TEST_HOME/fast.db
S=$TEST_HOME/slow.db
X=$TEST_HOME/x
mkdir -p "$X"

uuid_of() { sqlite3 "$1" "select uuid from events where case_no = '$2' and kind = '$3' order by seq limit 1"; }

y "$H" 2026-03-02T08:00:00 init --training --office H
y "$F" 2026-03-02T08:00:00 init --training --office F
y "$S" 2026-03-02T08:00:00 init --training --office S
new_lv "$H" 2026-03-02T09:00:00 "甲五金店"; h1=$case
y "$H" 2026-03-02T10:00:00 sync export --to "$X/h1.ykb" --peer all
for d in F S; do
	eval db=\$$d
	y "$db" 2026-03-02T11:00:00 sync import "$X/h1.ykb"
done

# --- a laptop a year fast ------------------------------------------------------------
new_lv "$F" 2026-03-03T09:00:00 "乙小吃店"; f1=$case
new_lv "$F" 2027-03-05T09:00:00 "丙服装店"; f2=$case
is "$f2" "CN-2027-F-00001" "a laptop a year fast numbers its case CN-2027-…"
y "$F" 2027-03-05T09:30:00 case event "$h1" done accept
y "$F" 2027-03-05T17:00:00 sync export --to "$X/f1.ykb" --peer H
y "$H" 2026-03-05T17:00:00 sync import "$X/f1.ykb"
is "$rc" 0 "the hall imports the fast laptop's bundle"
contains "$out" "case	$f1	new" "its case recorded while its clock was right comes in"
contains "$out" "case	$f2	set-aside" "the case dated in the hall's future is set aside"
contains "$out" "case	$h1	set-aside" "and so is the hall's case it worked on a year ahead"
contains "$err" "的日期是 2027-03-05，晚于这里的今天（2026-03-05）：单位 F 的时钟似乎比本机快" \
	"saying so, and naming the office whose clock is wrong"
contains "$err" "同步包是在单位 F 的时钟比本机快 365 天 0 小时 时写出的" \
	"the bundle's own stamp says the same"
y "$H" 2026-03-05T18:00:00 case list --all --format tsv
case "$out" in *CN-2027*) ok 1 "no CN-2027 case shows in the hall" ;; *) ok 0 "no CN-2027 case shows in the hall" ;; esac
y "$H" 2026-03-05T18:00:00 case show "$h1" --format tsv
contains "$out" "clock	accept	1	2026-03-02" "the hall's case keeps its own state"
case "$out" in *2027*) ok 1 "with nothing dated 2027" ;; *) ok 0 "with nothing dated 2027" ;; esac

# The fast laptop's clock is set right; it corrects the dates and renumbers.
y "$F" 2026-03-06T09:00:00 case event "$f2" correct --event "$(uuid_of "$F" "$f2" open)" \
	--set effective=2026-03-05 --reason "电脑时钟错误" --late-reason "时钟校正后次日更正"
is "$rc" 0 "the laptop corrects the application date its clock got wrong"
y "$F" 2026-03-06T09:05:00 case event "$h1" correct --event "$(uuid_of "$F" "$h1" done)" \
	--set effective=2026-03-05 --reason "电脑时钟错误" --late-reason "时钟校正后次日更正"
is "$rc" 0 "and the acceptance date"
y "$F" 2026-03-06T09:10:00 sync renumber "$f2"
is "$rc" 0 "and gives the case a number of the right year"
contains "$out" "renumbered	$f2	CN-2026-F-" "CN-2026-F-…"
y "$F" 2026-03-06T17:00:00 sync export --to "$X/f2.ykb" --peer H
y "$H" 2026-03-06T18:00:00 sync import "$X/f2.ykb"
is "$rc" 0 "the hall imports the corrected bundle"
case "$out" in *set-aside*) ok 1 "with nothing set aside now" ;; *) ok 0 "with nothing set aside now" ;; esac
contains "$out" "case	$h1	changed" "the acceptance arrives"
contains "$out" "	ahead	" "its events stamped a year ahead are still flagged"

# --- a laptop a day slow ---------------------------------------------------------------
y "$H" 2026-03-07T07:00:00 case event "$f1" materials accept --items id,property \
	--date 2026-03-06 --late-reason "昨日收资今日补录"
y "$H" 2026-03-07T08:00:00 sync export --to "$X/h2.ykb" --peer S
y "$S" 2026-03-06T09:00:00 sync import "$X/h2.ykb"
is "$rc" 0 "the slow laptop imports the hall's bundle"
contains "$err" "同步包是在单位 H 的时钟比本机快 23 小时 0 分钟 时写出的：两个时钟有一个不对" \
	"and notices that one of the two clocks is wrong"
y "$S" 2026-03-06T10:00:00 case event "$f1" done accept
is "$rc" 0 "the slow laptop completes the acceptance, dated its 'today'"
y "$S" 2026-03-06T17:00:00 sync export --to "$X/s1.ykb" --peer H
y "$H" 2026-03-07T18:00:00 sync import "$X/s1.ykb"
is "$rc" 0 "the hall imports it"
contains "$out" "clock	$f1	" "flagging the acceptance"
contains "$out" "	S	behind	21 h 0 min" "stamped 21 h before an event its laptop already had"
contains "$err" "单位 S 的时钟似乎至少慢了 21 小时 0 分钟" "naming the slow laptop"
contains "$err" "同步包由单位 S 写出时，它的时钟比包里另一单位的最新事件早 14 小时 0 分钟" \
	"the bundle's stamp says the same"
y "$H" 2026-03-07T18:00:00 sync import "$X/s1.ykb"
contains "$out" "的新内容" "importing it again flags nothing new"
case "$out" in *clock*) ok 1 "and no event twice" ;; *) ok 0 "and no event twice" ;; esac

for d in H F S; do
	eval db=\$$d
	y "$db" 2026-03-08T09:00:00 verify
	is "$rc" 0 "verify passes on $d"
done

done_testing
