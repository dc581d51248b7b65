#!/bin/sh
# Offline synchronisation through the CLI (docs/sync.md): three training
# databases, one per laptop, work "offline" and exchange bundles both ways
# and in different orders; every database must end with the same cases,
# row for row. Conflicts are kept, shown and resolved; damaged, altered,
# foreign and newer bundles are refused with nothing imported.
. "$top_srcdir/tests/lib.sh"

A=$TEST_HOME/a.db
B=$TEST_HOME/b.db
C=$TEST_HOME/c.db
X=$TEST_HOME/x # bundles
mkdir -p "$X"

# y DB TIME ARGS…: yekuo on DB with the clock at TIME

new_lv() { # new_lv DB TIME NAME: an LV non-resident case; prints nothing, sets $case
	y "$1" "$2" case new --region national --category lv-other --name "$3" \
		--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
		--address "某地3号${3}" --capacity 50 --unit kW
	case=$out
}

# Everything a user sees of every case: case list, then case show of each.
snap() { # snap DB TIME
	y "$1" "$2" case list --all --format tsv
	s_list=$out
	s_all="$out"
	for c in $(printf '%s\n' "$s_list" | cut -f1 | sort); do
		y "$1" "$2" case show "$c" --format tsv
		s_all="$s_all
$out"
	done
	printf '%s\n' "$s_all"
}

# same GOT WANT DESCRIPTION: like is, but a failure shows a diff, not two pages
same() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$2" > "$TEST_HOME/want"
		printf '%s\n' "$1" > "$TEST_HOME/got"
		diff "$TEST_HOME/want" "$TEST_HOME/got" | head -20 | sed 's/^/#   /'
	fi
}

rows() { sqlite3 "$1" "select case_no, seq, uuid, prev_hash, hash from events order by case_no, seq"; }
count() { sqlite3 "$1" "select count(*) from events"; }

# --- identity -------------------------------------------------------------------
for d in A B C; do
	eval db=\$$d
	y "$db" 2026-03-02T08:00:00 init --training --office "$d"
	is "$rc" 0 "database $d is created with office code $d"
done
y "$A" 2026-03-02T08:00:00 sync status
contains "$out" "office A" "sync status names the office code"
ida=$(printf '%s\n' "$out" | sed -n 's/^database	\([0-9a-f]*\).*/\1/p')
is "${#ida}" 32 "and a random database id of 32 hex digits"
y "$B" 2026-03-02T08:00:00 sync status
idb=$(printf '%s\n' "$out" | sed -n 's/^database	\([0-9a-f]*\).*/\1/p')
[ "$ida" != "$idb" ]
ok $? "two databases get different ids"
y "$TEST_HOME/a2.db" 2026-03-02T08:00:00 init --training --office A
is "$rc" 0 "init still accepts any office code (sync refuses the duplicate later)"

# --- offline work on each laptop ---------------------------------------------------
new_lv "$A" 2026-03-02T09:00:00 "甲五金店"; a1=$case
y "$A" 2026-03-02T10:00:00 case event "$a1" done accept
new_lv "$A" 2026-03-02T11:00:00 "乙小吃店"; a2=$case
new_lv "$B" 2026-03-02T09:30:00 "丙服装店"; b1=$case
y "$B" 2026-03-02T10:30:00 case event "$b1" done accept
y "$B" 2026-03-03T10:30:00 case event "$b1" done plan --supply-point "某台区"
new_lv "$C" 2026-03-02T14:00:00 "丁超市"; c1=$case
is "$a1 $b1 $c1" "CN-2026-A-00001 CN-2026-B-00001 CN-2026-C-00001" \
	"case numbers carry each laptop's office code"

# --- first exchange: A and B, both ways -----------------------------------------------
y "$A" 2026-03-03T17:00:00 sync export --to "$X/a1.ykb" --peer B
is "$rc" 0 "A exports its cases"
contains "$out" "已导出 3 条事件，共 2 件案件" "saying how many events and cases"
is "$(stat -c %a "$X/a1.ykb")" 600 "the bundle is created 0600"
is "$(ls "$X" | grep -vc '\.ykb$')" 0 "and no temporary file is left beside it"
contains "$out" "signed	office A	key " "signed by A's office key"
contains "$out" "not encrypted" "and, with no --for, not encrypted, saying so"
"$BUNDLE_TOOL" unwrap "$A" "$X/a1.ykb" "$TEST_HOME/a1.inner"
is "$(sqlite3 "$TEST_HOME/a1.inner" "select value from bundle where key = 'format'")" "yekuo-sync-bundle" \
	"the bundle says what it is"
is "$(sqlite3 "$TEST_HOME/a1.inner" "select value from bundle where key = 'source'")" "$ida" \
	"and which database it came from"
is "$(sqlite3 "$TEST_HOME/a1.inner" "select count(*) from events")" 3 "it holds every event of A"
is "$(sqlite3 "$TEST_HOME/a1.inner" "select hash from events where seq = 2")" \
	"$(sqlite3 "$A" "select hash from events where seq = 2")" "verbatim, with its hash"
y "$B" 2026-03-03T17:00:00 sync export --to "$X/b1.ykb" --peer A
y "$B" 2026-03-03T18:00:00 sync import "$X/a1.ykb"
is "$rc" 0 "B imports A's bundle"
contains "$out" "新事件 3 条，案件有变化 2 件（新增 2 件）" "and says what it brought"
y "$A" 2026-03-03T18:00:00 sync import "$X/b1.ykb"
is "$rc" 0 "A imports B's bundle"
same "$(snap "$A" 2026-03-03T19:00:00)" "$(snap "$B" 2026-03-03T19:00:00)" \
	"A and B now show the same cases, clocks and events"

# importing the same bundle twice changes nothing
before=$(rows "$B"; sqlite3 "$B" "select count(*) from sync_events; select count(*) from sync_imports")
y "$B" 2026-03-03T19:00:00 sync import "$X/a1.ykb"
is "$rc" 0 "importing the same bundle again is fine"
contains "$out" "的新内容" "and says there was nothing new"
same "$(rows "$B"; sqlite3 "$B" "select count(*) from sync_events; select count(*) from sync_imports")" \
	"$before" "and changes nothing"

# --- concurrent work on one case, then three databases in different orders --------------
# B records materials for A's case a1 at 08:00 while A completes its plan at
# 09:00: B's event sorts first, so A's own row has to move on merge.
y "$B" 2026-03-04T08:00:00 case event "$a1" materials accept --items id,property
is "$rc" 0 "B adds materials to A's case, offline"
y "$A" 2026-03-04T09:00:00 case event "$a1" done plan --supply-point "某变电站"
is "$rc" 0 "while A completes the plan of the same case"
y "$C" 2026-03-04T09:30:00 case event "$c1" done accept
y "$A" 2026-03-04T17:00:00 sync export --to "$X/a2.ykb" --peer B --since-last
is "$rc" 0 "A exports what changed since its last export to B"
contains "$out" "$a1" "the changed case is in it"
y "$B" 2026-03-04T17:00:00 sync export --to "$X/b2.ykb" --peer A --since-last
y "$C" 2026-03-04T17:00:00 sync export --to "$X/c1.ykb"
copy_db "$C" "$TEST_HOME/c2.db"
C2=$TEST_HOME/c2.db
y "$C" 2026-03-04T18:00:00 sync import "$X/a2.ykb"
y "$C" 2026-03-04T18:00:01 sync import "$X/b2.ykb"
y "$C2" 2026-03-04T18:00:00 sync import "$X/b2.ykb"
y "$C2" 2026-03-04T18:00:01 sync import "$X/a2.ykb"
same "$(rows "$C2")" "$(rows "$C")" "A's then B's bundle gives the same rows as B's then A's"
same "$(snap "$C2" 2026-03-04T19:00:00)" "$(snap "$C" 2026-03-04T19:00:00)" \
	"and the same cases, clocks and events"
y "$A" 2026-03-04T18:00:00 sync import "$X/c1.ykb"
y "$A" 2026-03-04T18:00:01 sync import "$X/b2.ykb"
y "$B" 2026-03-04T18:00:00 sync import "$X/a2.ykb"
y "$B" 2026-03-04T18:00:01 sync import "$X/c1.ykb"
same "$(rows "$A")" "$(rows "$C")" "A (C's then B's) holds the same rows as C"
same "$(rows "$B")" "$(rows "$C")" "B (A's then C's) holds the same rows as C"
sa=$(snap "$A" 2026-03-04T19:00:00)
same "$(snap "$B" 2026-03-04T19:00:00)" "$sa" "B shows what A shows"
same "$(snap "$C" 2026-03-04T19:00:00)" "$sa" "C shows what A shows"
contains "$sa" "materials.accept	[x] id, [x] property" "B's materials are on A's case"
contains "$sa" "supply-point	某变电站" "and so is A's plan"
y "$A" 2026-03-04T19:00:00 case show "$a1" --format tsv
contains "$out" "event	3	" "the merged case has one chain, numbered in order"
for d in A B C; do
	eval db=\$$d
	y "$db" 2026-03-04T19:00:00 verify
	is "$rc" 0 "verify passes on $d after the merges"
done

# --since-last: nothing changed, nothing exported; one change, one case
y "$A" 2026-03-04T19:10:00 sync export --to "$X/a3.ykb" --peer B
y "$A" 2026-03-04T19:11:00 sync export --to "$X/a3.ykb" --peer B --since-last --force
contains "$out" "已导出 0 条事件，共 0 件案件" "nothing new since the last export: an empty bundle"
y "$A" 2026-03-04T19:12:00 case event "$a2" done accept
y "$A" 2026-03-04T19:13:00 sync export --to "$X/a3.ykb" --peer B --since-last --force
contains "$out" "共 1 件案件" "after one change, only that case"
contains "$out" "$a2" "the one that changed"
y "$A" 2026-03-04T19:14:00 sync export --to "$X/a3.ykb" --since-last
is "$rc" 2 "--since-last without --peer is refused"
y "$B" 2026-03-04T19:20:00 sync import "$X/a3.ykb"
y "$C" 2026-03-04T19:20:00 sync import "$X/a3.ykb"
contains "$out" "新事件 1 条，案件有变化 1 件（新增 0 件）" "the small bundle brings C that one event"

# --- conflicts -----------------------------------------------------------------------
# x: the plan completed on A and on B with different facts. w: withdrawn on
# A, advanced on B.
new_lv "$A" 2026-03-05T09:00:00 "戊餐馆"; x=$case
y "$A" 2026-03-05T09:10:00 case event "$x" done accept
new_lv "$B" 2026-03-05T09:20:00 "己药店"; w=$case
y "$A" 2026-03-05T12:00:00 sync export --to "$X/a4.ykb" --peer B --since-last
y "$B" 2026-03-05T12:00:00 sync export --to "$X/b4.ykb" --peer A --since-last
y "$B" 2026-03-05T12:10:00 sync import "$X/a4.ykb"
y "$A" 2026-03-05T12:10:00 sync import "$X/b4.ykb"
y "$A" 2026-03-06T09:00:00 case event "$x" done plan --supply-point "一号台区"
y "$B" 2026-03-06T10:00:00 case event "$x" done plan --supply-point "二号台区"
y "$A" 2026-03-06T11:00:00 case event "$w" withdraw --reason "客户撤销申请"
y "$B" 2026-03-06T08:00:00 case event "$w" done accept
y "$A" 2026-03-06T17:00:00 sync export --to "$X/a5.ykb" --peer B --since-last
y "$B" 2026-03-06T17:00:00 sync export --to "$X/b5.ykb" --peer A --since-last
y "$B" 2026-03-06T18:00:00 sync import "$X/a5.ykb"
is "$rc" 0 "a bundle with conflicting events is imported"
contains "$out" "冲突 2 件" "and says two cases are in conflict"
y "$A" 2026-03-06T18:00:00 sync import "$X/b5.ykb"
y "$C" 2026-03-06T18:00:00 sync import "$X/b5.ykb"
y "$C" 2026-03-06T18:00:01 sync import "$X/a5.ykb"
sa=$(snap "$A" 2026-03-06T19:00:00)
same "$(snap "$B" 2026-03-06T19:00:00)" "$sa" "in conflict, A and B still show the same"
same "$(snap "$C" 2026-03-06T19:00:00)" "$sa" "and so does C, which got them the other way round"
y "$A" 2026-03-06T19:00:00 sync conflicts --format tsv
is "$rc" 0 "sync conflicts lists them"
contains "$out" "$x	held" "the plan completed twice"
contains "$out" "done plan	B	2026-03-06" "naming the side held aside"
contains "$out" "$w	held" "and the case withdrawn on one side, advanced on the other"
y "$A" 2026-03-06T19:00:00 sync status
contains "$out" "conflicts	2" "sync status counts the cases in conflict"
y "$A" 2026-03-06T19:00:00 case show "$x" --format tsv
contains "$out" "sync conflict 同步冲突: done plan of office B clashes with done plan of office A" \
	"case show shows the conflict in the case's events"
contains "$out" "supply-point=二号台区" "both events are kept"
contains "$out" "supply-point=一号台区" "both of them"
contains "$out" "supply-point	一号台区" "the first stands until someone decides"
for d in A B C; do
	eval db=\$$d
	y "$db" 2026-03-06T19:00:00 verify
	is "$rc" 0 "verify passes on $d with the conflicts marked"
done

y "$A" 2026-03-07T09:00:00 sync resolve "$x" --keep B
is "$rc" 2 "a resolution needs a reason"
y "$A" 2026-03-07T09:00:00 sync resolve "$x" --keep Q --reason "?"
is "$rc" 2 "--keep must name an office or event of the case"
y "$A" 2026-03-07T09:00:00 sync resolve "$x" --keep B --reason "现场核实以B记录为准"
is "$rc" 0 "A resolves the plan conflict by keeping B's facts"
y "$A" 2026-03-07T09:00:00 case show "$x" --format tsv
contains "$out" "supply-point	二号台区" "the case now has B's facts"
contains "$out" "resolves=" "through a new event naming the conflict"
y "$B" 2026-03-07T09:30:00 sync resolve "$w" --keep A --reason "客户确已撤销"
is "$rc" 0 "B resolves the other by keeping A's withdrawal"
y "$B" 2026-03-07T09:30:00 sync conflicts --format tsv
contains "$out" "$x	held" "B still lists the conflict A resolved: it has not heard yet"
case "$out" in *"$w"*) ok 1 "but not the one it resolved" ;; *) ok 0 "but not the one it resolved" ;; esac
y "$A" 2026-03-07T17:00:00 sync export --to "$X/a6.ykb" --peer B --since-last
y "$B" 2026-03-07T17:00:00 sync export --to "$X/b6.ykb" --peer A --since-last
y "$A" 2026-03-07T18:00:00 sync import "$X/b6.ykb"
y "$B" 2026-03-07T18:00:00 sync import "$X/a6.ykb"
y "$C" 2026-03-07T18:00:00 sync import "$X/a6.ykb"
y "$C" 2026-03-07T18:00:01 sync import "$X/b6.ykb"
for d in A B C; do
	eval db=\$$d
	y "$db" 2026-03-07T19:00:00 sync conflicts
	is "$rc" 1 "no conflict left on $d"
done
sa=$(snap "$A" 2026-03-07T19:00:00)
same "$(snap "$B" 2026-03-07T19:00:00)" "$sa" "resolved, A and B show the same"
same "$(snap "$C" 2026-03-07T19:00:00)" "$sa" "and so does C"
y "$C" 2026-03-07T19:00:00 case show "$w" --format tsv
contains "$out" "status	withdrawn" "the kept withdrawal stands"

# --- keeping the side held aside; settling by hand ---------------------------------------
# v: withdrawn on A at 21:00, B's work from 21:10 on is held aside; B keeps
# its own side, named by the first 8 characters of one of its events.
# u: the plan done on both; A settles it with an ordinary correction.
new_lv "$A" 2026-03-07T20:00:00 "庚茶馆"; v=$case
new_lv "$A" 2026-03-07T20:01:00 "辛书店"; u=$case
y "$A" 2026-03-07T20:02:00 case event "$u" done accept
y "$A" 2026-03-07T20:05:00 sync export --to "$X/a7.ykb" --peer B --since-last
y "$B" 2026-03-07T20:06:00 sync import "$X/a7.ykb"
y "$A" 2026-03-07T21:00:00 case event "$v" withdraw --reason "客户改期"
y "$B" 2026-03-07T21:10:00 case event "$v" done accept
y "$B" 2026-03-07T21:20:00 case event "$v" done plan --supply-point "三号台区"
b_accept=$(sqlite3 "$B" "select uuid from events where case_no = '$v' and kind = 'done' and data like '%accept%'")
y "$A" 2026-03-07T21:30:00 case event "$u" done plan --supply-point "甲台区"
y "$B" 2026-03-07T21:40:00 case event "$u" done plan --supply-point "乙台区"
b_plan=$(sqlite3 "$B" "select uuid from events where case_no = '$u' and data like '%乙台区%'")
y "$A" 2026-03-07T21:50:00 sync export --to "$X/a8.ykb" --peer B --since-last
y "$B" 2026-03-07T21:50:00 sync export --to "$X/b8.ykb" --peer A --since-last
y "$A" 2026-03-07T21:55:00 sync import "$X/b8.ykb"
y "$B" 2026-03-07T21:55:00 sync import "$X/a8.ykb"
y "$B" 2026-03-07T22:00:00 sync conflicts "$v" --format tsv
is "$(printf '%s\n' "$out" | grep -c "	held	")" 2 "after a withdrawal, each of the other side's events is held aside"
y "$B" 2026-03-07T22:00:00 case show "$v" --format tsv
contains "$out" "status	withdrawn" "the withdrawal stands meanwhile"
y "$B" 2026-03-07T22:01:00 sync resolve "$v" --keep "$(printf %.8s "$b_accept")" --reason "客户未撤销，继续办理"
is "$rc" 0 "B keeps its own side, naming one of its events"
contains "$out" "记录了 1 条事件" "one correction: the withdrawal voided, B's two events back in force"
y "$B" 2026-03-07T22:02:00 case show "$v" --format tsv
contains "$out" "status	open" "the case is open again"
contains "$out" "supply-point	三号台区" "with B's plan"
y "$A" 2026-03-07T22:03:00 sync conflicts "$u" --format tsv
contains "$out" "$b_plan" "on A, B's plan is the one held aside"
y "$A" 2026-03-07T22:04:00 case event "$u" correct --event "$b_plan" --void --reason "以A现场记录为准"
is "$rc" 0 "A voids it with an ordinary correction"
y "$A" 2026-03-07T22:05:00 sync conflicts "$u"
is "$rc" 1 "which settles the conflict"
y "$A" 2026-03-07T22:10:00 sync export --to "$X/a9.ykb" --peer B --since-last
y "$B" 2026-03-07T22:10:00 sync export --to "$X/b9.ykb" --peer A --since-last
y "$A" 2026-03-07T22:15:00 sync import "$X/b9.ykb"
y "$B" 2026-03-07T22:15:00 sync import "$X/a9.ykb"
same "$(snap "$B" 2026-03-07T23:00:00)" "$(snap "$A" 2026-03-07T23:00:00)" \
	"after both settlements travel, A and B show the same"
for d in A B; do
	eval db=\$$d
	y "$db" 2026-03-07T23:00:00 sync conflicts
	is "$rc" 1 "no conflict left on $d"
	y "$db" 2026-03-07T23:00:00 verify
	is "$rc" 0 "verify passes on $d"
done

# --- refused bundles: nothing imported, exit 6 (damaged or not a bundle), 3
# (missing) or 4 (it clashes with this database) ---------------------------------------
D=$TEST_HOME/d.db
y "$D" 2026-03-08T08:00:00 init --training --office D
y "$A" 2026-03-08T09:00:00 sync export --to "$X/full.ykb"
"$BUNDLE_TOOL" unwrap "$A" "$X/full.ykb" "$X/full.inner"
full_events=$(sqlite3 "$X/full.inner" "select count(*) from events")
trust_signer "$D" "$X/full.ykb"
# the bundle's inside altered, then signed again with A's key (bundle-tool)
tampered() { # tampered SQL: full.ykb's inside changed by SQL, re-signed, as t.ykb
	cp "$X/full.inner" "$X/t.inner"
	sqlite3 "$X/t.inner" "$1"
	"$BUNDLE_TOOL" wrap "$A" "$X/t.inner" "$X/t.ykb"
}
refused() { # refused FILE WHAT-THE-MESSAGE-SAYS DESCRIPTION [STATUS]
	y "$D" 2026-03-08T10:00:00 sync import "$1"
	is "$rc" "${4:-6}" "$3: refused (exit ${4:-6})"
	contains "$err" "$2" "$3: the message says so"
	is "$(count "$D")" 0 "$3: nothing imported"
}
tampered "update events set data = replace(data, 'name=丙', 'name=乙') where kind = 'open' and case_no = '$b1'"
refused "$X/t.ykb" "记录之后被改动过" "an event whose data was changed"
contains "$err" "$b1" "naming the case"
tampered "update events set office = 'Z' where case_no = '$b1'"
refused "$X/t.ykb" "校验和不符" "a bundle whose sync records were changed"
tampered "delete from events where case_no = '$a1' and seq = 3"
refused "$X/t.ykb" "同步包里缺少事件 #3" "a bundle with an event removed"
cp "$X/full.ykb" "$X/t.ykb"
size=$(stat -c %s "$X/t.ykb")
truncate -s $((size / 2)) "$X/t.ykb"
refused "$X/t.ykb" "同步包已损坏或不完整" "a bundle cut short"
# a payload declared larger than anything this program reads (512 GiB): said
# so, not taken for a bundle cut short (a 1M-case hall's ~3 GB bundle is read)
cp "$X/full.ykb" "$X/t.ykb"
python3 -c '
import re, sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[1], "wb").write(re.sub(rb"\npayload [0-9]+\n", b"\npayload 999999999999\n", b, count=1))
' "$X/t.ykb"
refused "$X/t.ykb" "“payload”部分有 999999999999 字节，超过本程序能读的" "a bundle claiming a 931 GiB payload"
tampered "update bundle set value = '99' where key = 'schema'"
refused "$X/t.ykb" "由更新版本的 yekuo 导出" "a bundle from a newer schema"
if on_file; then
	refused "$A" "不是同步包" "a database given as a bundle"
else
	skip 3 "a server database is no file to give as a bundle"
fi
refused "$X/nope.ykb" "没有这个文件" "a missing bundle" 3
y "$A" 2026-03-08T10:00:00 sync import "$X/full.ykb"
is "$rc" 4 "a database refuses its own bundle (exit 4, conflict)"
contains "$err" "就是从本库导出的" "saying where it came from"
y "$TEST_HOME/a2.db" 2026-03-08T10:00:00 sync import "$X/full.ykb"
is "$rc" 4 "a database with the same office code is refused (exit 4)"
contains "$err" "请给每台笔记本各自的单位代码" "telling each laptop to have its own"
is "$(count "$TEST_HOME/a2.db")" 0 "and nothing was imported there"
R=$TEST_HOME/real.db
YEKUO_DB=$R run "$YEKUO" init --office R
YEKUO_DB=$R run "$YEKUO" sync import "$X/full.ykb"
is "$rc" 4 "a real database refuses a training bundle (exit 4)"
contains "$err" "来自培训库的同步包不能导入正式库" "saying why"
if on_file; then
	y "$A" 2026-03-08T10:00:00 sync export --to "$B"
	is "$rc" 2 "export refuses to overwrite an existing file without --force (exit 2)"
	y "$A" 2026-03-08T10:00:00 sync export --to "$B" --force
	is "$rc" 4 "and, forced, still refuses to overwrite a database (exit 4, conflict)"
	y "$B" 2026-03-08T10:00:00 verify
	is "$rc" 0 "which is left intact"
else
	skip 3 "a server database is no file a bundle could overwrite"
fi

y "$D" 2026-03-08T11:00:00 sync import "$X/full.ykb" --dry-run
is "$rc" 0 "--dry-run checks a good bundle"
contains "$out" "将导入" "says what it would bring"
is "$(count "$D")" 0 "and imports nothing"
y "$D" 2026-03-08T11:00:00 sync import "$X/full.ykb"
is "$rc" 0 "the good bundle imports"
is "$(count "$D")" "$full_events" "every event of it"
same "$(snap "$D" 2026-03-08T12:00:00)" "$(snap "$A" 2026-03-08T12:00:00)" "D now shows what A shows"

# --- at the end, every database checks out ---------------------------------------------
for db in "$A" "$B" "$C" "$C2" "$D"; do
	y "$db" 2026-03-08T12:00:00 verify
	is "$rc" 0 "verify passes on $(basename "$db")"
	y "$db" 2026-03-08T12:00:00 sync verify
	is "$rc" 0 "sync verify passes on $(basename "$db")"
done
# a row rewritten behind the program's back is caught by both checks
# (a file's door is a row in sync_unlock, from before schema 4; a
# server's the setting yekuo_merge_delete makes, docs/deploy.md)
if on_file; then
	sqlite3 "$C" "insert into sync_unlock values ('$a1'); delete from events where case_no = '$a1' and seq = 2; delete from sync_unlock"
else
	sqlite3 "$C" "select set_config('yekuo.merging', '$a1', false); delete from events where case_no = '$a1' and seq = 2" >/dev/null
fi
y "$C" 2026-03-08T12:00:00 verify
is "$rc" 6 "verify catches an event removed through the merge's door (exit 6)"
y "$C" 2026-03-08T12:00:00 sync verify
is "$rc" 6 "and so does sync verify"

done_testing
