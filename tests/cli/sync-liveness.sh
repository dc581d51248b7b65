#!/bin/sh
# One case must never block a bundle (docs/sync.md, "conflicts"): two
# offices correct the dates of one case at the same time, each correction
# valid alone, together not. The bundle imports, the other cases in it
# with it; the case is a conflict, shown, and resolves to either side on
# any database; after the next exchange every copy is the same.
. "$top_srcdir/tests/lib.sh"

A=$TEST_HOME/a.db
B=$TEST_HOME/b.db
X=$TEST_HOME/x
mkdir -p "$X"

uuid_of() { # uuid_of DB CASE KIND
	sqlite3 "$1" "select uuid from events where case_no = '$2' and kind = '$3' order by seq limit 1"
}
rows() { sqlite3 "$1" "select case_no, seq, uuid, hash from events order by case_no, seq"; }
show() { y "$1" "$2" case show "$3" --format tsv; printf '%s\n' "$out"; }

for d in A B; do
	eval db=\$$d
	y "$db" 2026-03-02T08:00:00 init --training --office "$d"
done
# x: applied 03-02, entered late on 03-04; accepted 03-04. z: a second case.
new_lv "$A" 2026-03-04T09:00:00 "甲五金店" --date 2026-03-02 --late-reason "系统故障"; x=$case
y "$A" 2026-03-04T09:10:00 case event "$x" done accept
new_lv "$A" 2026-03-04T09:20:00 "乙小吃店"; z=$case
y "$A" 2026-03-04T10:00:00 sync export --to "$X/a1.ykb" --peer B
y "$B" 2026-03-04T10:10:00 sync import "$X/a1.ykb"
is "$rc" 0 "B has A's cases"

# Offline: A moves the acceptance to 03-02; B moves the application to 03-03.
y "$A" 2026-03-05T09:00:00 case event "$x" correct --event "$(uuid_of "$A" "$x" done)" \
	--set effective=2026-03-02 --reason "受理日期录错" --late-reason "受理单为2日"
is "$rc" 0 "A corrects the acceptance date (valid alone)"
y "$B" 2026-03-05T09:30:00 case event "$x" correct --event "$(uuid_of "$B" "$x" open)" \
	--set effective=2026-03-03 --reason "申请日期录错" --late-reason "申请单为3日"
is "$rc" 0 "B corrects the application date (valid alone)"
y "$B" 2026-03-05T09:40:00 case event "$z" done accept
new_lv "$B" 2026-03-05T09:50:00 "丙服装店"; w=$case

y "$A" 2026-03-05T17:00:00 sync export --to "$X/a2.ykb" --peer B --since-last
y "$B" 2026-03-05T17:00:00 sync export --to "$X/b2.ykb" --peer A --since-last
y "$A" 2026-03-05T18:00:00 sync import "$X/b2.ykb"
is "$rc" 0 "A imports B's bundle although one case in it cannot take both corrections"
contains "$out" "冲突 1 件" "saying one case is in conflict"
contains "$out" "$x	changed	1	conflict" "naming it"
contains "$out" "$w	new" "and B's new case came with it"
contains "$(show "$A" 2026-03-05T18:00:00 "$z")" "clock	accept	1	2026-03-04	2026-03-05	2026-03-05" \
	"as did B's work on the other case"
y "$B" 2026-03-05T18:00:00 sync import "$X/a2.ykb"
is "$rc" 0 "B imports A's bundle too"
same_rows=$(rows "$A")
is "$(rows "$B")" "$same_rows" "A and B hold the same rows"
y "$A" 2026-03-05T18:10:00 sync conflicts "$x" --format tsv
is "$rc" 0 "sync conflicts shows it"
contains "$out" "held	" "one correction is held aside"
contains "$out" "correct	B	" "B's, the later one"
contains "$(show "$A" 2026-03-05T18:10:00 "$x")" "applied	2026-03-02" \
	"meanwhile A's correction stands: applied 03-02"
for d in A B; do
	eval db=\$$d
	y "$db" 2026-03-05T18:20:00 verify
	is "$rc" 0 "verify passes on $d in conflict"
done

# Either side can be kept, on either database.
copy_db "$A" "$TEST_HOME/a-copy.db"
y "$A" 2026-03-06T09:00:00 sync resolve "$x" --keep B --reason "以营业厅核实为准"
is "$rc" 0 "A keeps B's correction"
s=$(show "$A" 2026-03-06T09:00:00 "$x")
contains "$s" "applied	2026-03-03" "the application date is B's"
contains "$s" "clock	accept	1	2026-03-03	2026-03-04	2026-03-04	" "and A's correction of the acceptance is void"
y "$TEST_HOME/a-copy.db" 2026-03-06T09:00:00 sync resolve "$x" --keep A --reason "以现场为准"
is "$rc" 0 "on a copy, A keeps its own correction instead"
s=$(show "$TEST_HOME/a-copy.db" 2026-03-06T09:00:00 "$x")
contains "$s" "applied	2026-03-02" "the application date stays"
contains "$s" "clock	accept	1	2026-03-02	2026-03-03	2026-03-02	" "and the acceptance is A's"
y "$TEST_HOME/a-copy.db" 2026-03-06T09:00:00 sync conflicts
is "$rc" 1 "no conflict left there"

y "$A" 2026-03-06T10:00:00 sync export --to "$X/a3.ykb" --peer B --since-last
y "$B" 2026-03-06T10:10:00 sync import "$X/a3.ykb"
is "$rc" 0 "the resolution travels to B"
is "$(rows "$B")" "$(rows "$A")" "A and B hold the same rows again"
for d in A B; do
	eval db=\$$d
	y "$db" 2026-03-06T10:20:00 sync conflicts
	is "$rc" 1 "no conflict left on $d"
	y "$db" 2026-03-06T10:20:00 verify
	is "$rc" 0 "verify passes on $d"
	y "$db" 2026-03-06T10:20:00 sync verify
	is "$rc" 0 "sync verify passes on $d"
done

done_testing
