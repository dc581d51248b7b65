#!/bin/sh
# A laptop restored from an old backup mints a case number the hall
# already has from it (docs/sync.md, "a laptop restored from a backup").
# Each side says so and sets that one case aside; every other case keeps
# moving; the laptop learns how far its numbering had got and renumbers its
# new case; a third laptop that took the twice-minted case drops its copy,
# keeping what it recorded there; afterwards every copy is the same.
. "$top_srcdir/tests/lib.sh"

H=$TEST_HOME/hall.db
L=$TEST_HOME/laptop.db
B=$TEST_HOME/b.db
X=$TEST_HOME/x
mkdir -p "$X"

rows() { sqlite3 "$1" "select case_no, seq, uuid, hash from events order by case_no, seq"; }
names() { sqlite3 -separator '	' "$1" "select case_no, name from cases order by case_no"; }

y "$H" 2026-04-01T08:00:00 init --training --office H
y "$L" 2026-04-01T08:00:00 init --training --office L
y "$B" 2026-04-01T08:00:00 init --training --office B

new_lv "$L" 2026-04-01T09:00:00 "甲五金店"; l1=$case
sqlite3 "$L" ".backup '$TEST_HOME/laptop-backup.db'"
new_lv "$L" 2026-04-02T09:00:00 "乙小吃店"; l2=$case
new_lv "$L" 2026-04-02T10:00:00 "丙服装店"; l3=$case
y "$L" 2026-04-02T17:00:00 sync export --to "$X/l1.ykb" --peer H
y "$H" 2026-04-02T18:00:00 sync import "$X/l1.ykb"
is "$rc" 0 "the hall has the laptop's three cases"

# The laptop's disk fails; it is restored from the backup of 04-01.
cp "$TEST_HOME/laptop-backup.db" "$L"
rm -f "$L-wal" "$L-shm"
new_lv "$L" 2026-04-03T09:00:00 "丁超市"; dup=$case
is "$dup" "$l2" "the restored laptop mints $l2 again"
y "$L" 2026-04-03T09:30:00 case event "$l1" done accept
y "$L" 2026-04-03T17:00:00 sync export --to "$X/l2.ykb" --peer H
y "$B" 2026-04-03T17:30:00 sync import "$X/l2.ykb"
is "$rc" 0 "laptop B, which never had $l2, takes the new one"
y "$B" 2026-04-03T17:40:00 case event "$dup" done accept
is "$rc" 0 "and records work on it"

y "$H" 2026-04-03T18:00:00 sync import "$X/l2.ykb"
is "$rc" 4 "the hall first refuses it: the laptop's seals no longer hold what it sealed before"
contains "$err" "单位 L 的封存 #" "naming the seal"
contains "$err" "只有当它的数据库是从备份恢复的时候" "and the one case where that is expected"
# told of the restore, the hall accepts the laptop's seals from now on
fp=$(YEKUO_DB=$H "$YEKUO" sync trust "$X/l2.ykb" | sed -n 's/^key	//p')
YEKUO_DB=$H run "$YEKUO" sync trust "$X/l2.ykb" --confirm "$fp" --replace
is "$rc" 0 "sync trust --replace accepts them"
y "$H" 2026-04-03T18:00:00 sync import "$X/l2.ykb"
is "$rc" 0 "the hall imports the restored laptop's bundle"
contains "$out" "搁置 1 件" "setting one case aside"
contains "$out" "case	$l2	set-aside" "naming it"
contains "$out" "case	$l1	changed	1" "while the other case's new work comes in"
contains "$err" "单位 L 的数据库把 $l2 发了两次（它是从备份恢复的）" \
	"the hall says the laptop was restored and minted the number again"
contains "$err" "yekuo sync renumber $l2" "and what to run on it"
is "$(sqlite3 "$H" "select name from cases where case_no = '$l2'")" "乙小吃店" \
	"the hall's case $l2 is untouched"
y "$H" 2026-04-03T18:01:00 sync import "$X/l2.ykb"
contains "$out" "搁置 1 件" "importing it again says the same, and nothing else changes"

new_lv "$H" 2026-04-03T18:05:00 "戊餐馆"; h1=$case
y "$H" 2026-04-03T18:10:00 sync export --to "$X/h1.ykb" --peer L
y "$L" 2026-04-03T18:20:00 sync import "$X/h1.ykb"
is "$rc" 0 "the laptop imports the hall's bundle"
contains "$out" "case	$l2	set-aside" "setting the old $l2 aside"
contains "$out" "case	$l3	new" "getting back $l3, which it had lost"
contains "$out" "本库是从备份恢复的：它记录过的" "and saying it was restored"
contains "$err" "本库是从备份恢复的，又发了一次这个编号" \
	"it knows the new case is its own"
contains "$err" "请在这里给案件重新编号：yekuo sync renumber $l2" "and tells what to do"

y "$L" 2026-04-03T18:30:00 sync renumber "$h1"
is "$rc" 4 "renumbering refuses a case another database opened"
contains "$err" "只有那个数据库能给它重新编号" "saying why"
y "$L" 2026-04-03T18:31:00 sync renumber NO-SUCH-CASE
is "$rc" 3 "nor on a case that is not there"
y "$L" 2026-04-03T18:35:00 sync renumber "$dup"
is "$rc" 0 "the laptop renumbers its new case"
new=$(printf '%s\n' "$out" | sed -n 's/^renumbered	.*	\(.*\)$/\1/p')
case "$new" in CN-2026-L-0000[4-9]) ok 0 "to a number past every one the hall knows ($new)" ;;
*) ok 1 "to a number past every one the hall knows ($new)" ;; esac
y "$L" 2026-04-03T18:36:00 case show "$new" --format tsv
contains "$out" "name	丁超市" "the new number holds the new case"
contains "$out" "renumbered-from=$l2" "and says where it came from"
y "$L" 2026-04-03T18:40:00 sync import "$X/h1.ykb"
contains "$out" "case	$l2	new" "now the hall's $l2 comes in"

y "$L" 2026-04-03T19:00:00 sync export --to "$X/l3.ykb" --peer H --since-last
y "$H" 2026-04-03T19:10:00 sync import "$X/l3.ykb"
is "$rc" 0 "the hall imports the renumbered case"
case "$out" in *set-aside*) ok 1 "with nothing set aside" ;; *) ok 0 "with nothing set aside" ;; esac
y "$B" 2026-04-03T19:20:00 sync import "$X/l3.ykb"
is "$rc" 0 "laptop B imports it too"
is "$(sqlite3 "$B" "select count(*) from events where case_no = '$l2'")" 0 \
	"B drops its copy of the twice-minted case"
y "$B" 2026-04-03T19:21:00 case show "$new" --format tsv
contains "$out" "clock	accept	1	2026-04-03	2026-04-07	2026-04-03" \
	"keeping the acceptance it recorded there, now on $new"
y "$B" 2026-04-03T19:30:00 sync import "$X/h1.ykb"
contains "$out" "case	$l2	new" "and takes the hall's $l2"

# Everyone exchanges with everyone: the same rows everywhere.
for round in 1 2; do
	for d in H L B; do
		eval db=\$$d
		y "$db" 2026-04-04T0$round:00:00 sync export --to "$X/$d-all.ykb"
	done
	for d in H L B; do
		eval db=\$$d
		for f in H L B; do
			[ "$f" = "$d" ] && continue
			y "$db" 2026-04-04T0$round:10:00 sync import "$X/$f-all.ykb"
			is "$rc" 0 "round $round: $d imports $f's bundle"
		done
	done
done
is "$(rows "$L")" "$(rows "$H")" "the laptop and the hall hold the same rows"
is "$(rows "$B")" "$(rows "$H")" "and so does B"
is "$(names "$H")" "$h1	戊餐馆
$l1	甲五金店
$l2	乙小吃店
$l3	丙服装店
$new	丁超市" "five cases, each under its own number"
for d in H L B; do
	eval db=\$$d
	y "$db" 2026-04-04T03:00:00 verify
	is "$rc" 0 "verify passes on $d"
	y "$db" 2026-04-04T03:00:00 sync verify
	is "$rc" 0 "sync verify passes on $d"
done

# Renumbering the case last written, just after an export: its new rows take
# the ids its old rows had, and must still be recorded for sync.
R=$TEST_HOME/r.db
y "$R" 2026-04-05T08:00:00 init --training --office R
new_lv "$R" 2026-04-05T09:00:00 "甲"; r1=$case
new_lv "$R" 2026-04-05T09:10:00 "乙"; r2=$case
y "$R" 2026-04-05T10:00:00 sync export --to "$X/r1.ykb"
y "$R" 2026-04-05T10:05:00 sync renumber "$r2"
r2new=$(printf '%s\n' "$out" | sed -n 's/^renumbered	.*	\(.*\)$/\1/p')
y "$R" 2026-04-05T10:10:00 sync export --to "$X/r2.ykb"
is "$rc" 0 "an export right after renumbering the newest case works"
contains "$out" "case	$r2new	1" "and carries the renumbered case"
y "$R" 2026-04-05T10:20:00 sync verify
is "$rc" 0 "sync verify passes"

# A case renumbered twice before the others hear of it: a database holding
# it under its first number drops that copy when the last one arrives.
Q=$TEST_HOME/q.db P=$TEST_HOME/p.db
y "$Q" 2026-04-06T08:00:00 init --training --office Q
y "$P" 2026-04-06T08:00:00 init --training --office P
new_lv "$Q" 2026-04-06T09:00:00 "丙"; q1=$case
y "$Q" 2026-04-06T09:30:00 sync export --to "$X/q1.ykb"
y "$P" 2026-04-06T09:40:00 sync import "$X/q1.ykb"
y "$Q" 2026-04-06T10:00:00 sync renumber "$q1"
q2=$(printf '%s\n' "$out" | sed -n 's/^renumbered	.*	\(.*\)$/\1/p')
y "$Q" 2026-04-06T10:05:00 sync renumber "$q2"
is "$rc" 0 "a renumbered case can be renumbered again"
q3=$(printf '%s\n' "$out" | sed -n 's/^renumbered	.*	\(.*\)$/\1/p')
y "$Q" 2026-04-06T10:10:00 case show "$q3" --format tsv
contains "$out" "renumbered-from=$q2,$q1" "its opening event names both numbers it had"
y "$Q" 2026-04-06T10:20:00 sync export --to "$X/q2.ykb"
y "$P" 2026-04-06T10:30:00 sync import "$X/q2.ykb"
is "$rc" 0 "the other database imports the last number"
is "$(rows "$P")" "$(rows "$Q")" "and drops its copy under the first: the same rows"
y "$P" 2026-04-06T10:40:00 verify
is "$rc" 0 "verify passes there"

done_testing
