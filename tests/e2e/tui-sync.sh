#!/bin/sh
# 同步 (S on the dashboard), entirely in the app: laptop A exports a bundle
# for B (a dry-run preview, then y), B imports it (preview, then y) and
# shows the same cases as A; a bundle imported twice brings nothing. Then
# both record the supply plan of one case offline: the import on A marks a
# conflict, the dashboard shows it (⚡, or X on a vt100, and "冲突 1") and
# the sync screen resolves it by keeping B's side with a reason.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

A=$TEST_HOME/a.db
B=$TEST_HOME/b.db
y() { db=$1 t=$2; shift 2; YEKUO_DB=$db YEKUO_NOW=$t run "$YEKUO" "$@"; }
use() { YEKUO_DB=$1; export YEKUO_DB; } # the database of the next start_tui
# snap_home NAME: snap, with the test's home folder written as ~ (stable docs)
snap_home() {
	snap "$1"
	[ -z "${E2E_SCREENS:-}" ] || sed -i "s|$TEST_HOME|~|g" "$E2E_SCREENS/$1.txt"
}
for d in A B; do
	eval db=\$$d
	y "$db" 2026-03-02T08:00:00 init --training --office "$d"
	is "$rc" 0 "training database $d, office $d"
done
y "$A" 2026-03-02T09:00:00 case new --region national --category lv-other --name "甲五金店" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 --address "某地3号" --capacity 50 --unit kW
a1=$out
y "$A" 2026-03-02T10:00:00 case event "$a1" done accept
y "$A" 2026-03-02T11:00:00 case new --region national --category lv-other --name "乙小吃店" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 --address "某地4号" --capacity 30 --unit kW
a2=$out
is "$a1 $a2" "CN-2026-A-00001 CN-2026-A-00002" "two cases on A (3 events)"

# --- A exports for B ------------------------------------------------------------
use "$A"
at 2026-03-03T17:00:00
start_tui --
keys S
shows "单位 A   数据库 " "S opens the sync screen: this database's office and id"
shows "未解决的同步冲突：0 件案件 0 处" "no conflicts yet"
lacks "Enter解决" "with none, the bottom line offers no resolving"
screen_is sync-80x24 "the sync screen, whole (80x24)" 's/数据库 [0-9a-f]{12}…/数据库 <编号>…/'
keys e
shows "> 对方名称" "e asks for the peer's name"
type_text "B"
keys Tab C-u
type_text "~/a.ykb"
keys F2
shows "将导出 2 个案件的 3 条事件" "F2 shows what the export would carry"
shows "  $a1  2 条事件" "case by case"
shows "写入同步包 $TEST_HOME/a.ykb？ (y/n)" "and asks before writing"
snap_home sync-export
keys y
shows "已导出：2 个案件的 3 条事件 → $TEST_HOME/a.ykb" "y writes the bundle"
shows "对方 B：2026-03-03 17:00 导出至同步记录 3" "and the peer is remembered"
[ -f "$TEST_HOME/a.ykb" ]
ok $? "the bundle file is there"
keys Q
stop_app

# --- B imports it -------------------------------------------------------------------
trust_signer "$B" "$TEST_HOME/a.ykb" # B has checked A's fingerprint (tests/cli/seal-bundle.sh)
use "$B"
at 2026-03-03T18:00:00
start_tui --
shows "没有在办案件" "B starts empty"
keys S i C-u
type_text "~/a.ykb"
keys F2
shows "将导入 $TEST_HOME/a.ykb" "F2 shows what the import would bring"
shows "来源单位 A（数据库 " "from which office"
shows "同步包共 3 条事件，新事件 3 条" "how many events, how many new"
shows "案件 2 件有变化（新增 2 件），其中冲突 0 件" "cases new, changed, in conflict"
shows "  $a1  新增  新事件 2 条" "case by case"
shows "导入 $TEST_HOME/a.ykb？ (y/n)" "and asks first"
snap_home sync-import
keys y
shows "已导入：新事件 3 条，2 件案件有变化（新增 2 件）" "y imports"
shows "最近导入 2026-03-03 18:00 自单位 A：新事件 3 条，案件 2 件，冲突 0 件" "the import is logged"
keys Escape
shows "在办 2 件" "the dashboard now lists A's cases"
shows "$a1 甲五金店" "by number and name"
keys S i C-u
type_text "~/a.ykb"
keys F2
shows "没有新内容：来自单位 A 的 3 条事件都已在本库" "the same bundle again brings nothing"
keys F10
stop_app
for c in "$a1" "$a2"; do
	y "$A" 2026-03-03T19:00:00 case show "$c" --format tsv
	sa=$out
	y "$B" 2026-03-03T19:00:00 case show "$c" --format tsv
	is "$out" "$sa" "case show $c on B equals A's, every field and event"
done

# --- a conflict: both record the plan of a1 offline --------------------------------
y "$A" 2026-03-04T09:00:00 case event "$a1" done plan --supply-point "某变电站"
y "$B" 2026-03-04T10:00:00 case event "$a1" done plan --supply-point "某台区"
y "$B" 2026-03-04T17:00:00 sync export --to "$TEST_HOME/b.ykb" --peer A
is "$rc" 0 "B exports its plan for A (CLI)"
trust_signer "$A" "$TEST_HOME/b.ykb"
use "$A"
at 2026-03-04T18:00:00
start_tui --
keys S i C-u
type_text "~/b.ykb"
keys F2
shows "案件 1 件有变化（新增 0 件），其中冲突 1 件" "the preview says one case would be in conflict"
shows "  $a1  有变化  新事件 1 条  冲突" "which one"
keys y
shows "其中 1 件冲突（见下方，Enter 解决）" "imported: the message points to the conflict"
shows "$a1  搁置 done plan（B，03-04） 对 done plan（A，03-04）" "the conflict is listed: B's plan held aside"
shows "Enter解决" "with a conflict, the bottom line offers resolving it"
snap_home sync-conflicts
keys Escape
shows "冲突 1" "the dashboard header counts the case in conflict"
shows "⚡   $a1 甲五金店" "and marks its row"
snap dashboard-conflict
keys Q
stop_app

# --- on a vt100: X, and the conflict resolved ----------------------------------------
E2E_TERM=vt100
start_tui --
shows "X    $a1 甲五金店" "on a vt100 the mark is X"
keys S Enter
shows "$a1：单位 B 的 done plan（2026-03-04）被搁置" "Enter opens the resolution, saying what clashes"
shows "与单位 A 的 done plan（2026-03-04）冲突" "with what"
shows "> 保留*      单位 A：done plan（2026-03-04），现行" "the side in force is offered first"
keys Space
shows "> 保留*      单位 B：done plan（2026-03-04），被搁置" "Space: keep B's side"
keys F2
shows "请写明原因" "a resolution needs a reason"
type_text "现场核实为某台区"
keys F2
shows "已解决 $a1 的冲突：保留单位 B，记录 1 条事件" "F2 resolves it"
shows "未解决的同步冲突：0 件案件 0 处" "no conflict left"
keys Escape
shows "在办 2 件" "back on the dashboard"
lacks "冲突 1" "the header no longer counts a conflict"
lacks "X    $a1" "and the row is no longer marked"
keys Q
stop_app
y "$A" 2026-03-04T19:00:00 case show "$a1" --format tsv
contains "$out" "supply-point	某台区" "the case now has B's supply point"
y "$A" 2026-03-04T19:00:00 verify
is "$rc" 0 "and A verifies"

done_testing
