#!/bin/sh
# 同步 (S) in the terminal app on a hall's PostgreSQL server (docs/deploy.md
# section 6, docs/sync.md): a laptop took the server's case away, both
# recorded its supply plan offline; on the server the sync screen previews
# the laptop's bundle, imports it, lists the conflict and resolves it by
# keeping the laptop's side with a reason. A clerk without yekuo_sync is
# refused the import there, told which role may, and nothing comes in.
# Skipped when PostgreSQL is not installed or yekuo was built without libpq.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/pg-lib.sh"
trap 'e2e_cleanup; pg_stop' EXIT

"$YEKUO" server init "$(uri admin)" --office HALL1 --training >/dev/null
sql admin "CREATE ROLE clerk_a LOGIN IN ROLE yekuo_clerk; CREATE ROLE porter LOGIN IN ROLE yekuo_sync"
L=$TEST_HOME/lap.db
y "$L" 2026-03-02T08:00:00 init --training --office LAP1
is "$rc" 0 "a laptop's training database, office LAP1"
y "$(uri clerk_a)" 2026-03-02T09:00:00 case new --region national --category lv-other --name "甲五金店" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 --address "某地3号" --capacity 50 --unit kW
s1=$out
y "$(uri clerk_a)" 2026-03-02T10:00:00 case event "$s1" done accept
y "$(uri clerk_a)" 2026-03-02T17:00:00 sync export --to "$TEST_HOME/s.ykb" --peer LAP1
is "$rc" 0 "a clerk exports the server's case for the laptop"
y "$L" 2026-03-02T18:00:00 sync import "$TEST_HOME/s.ykb"
is "$rc" 0 "the laptop takes it"
# both record the supply plan while apart
y "$(uri clerk_a)" 2026-03-04T09:00:00 case event "$s1" done plan --supply-point "某变电站"
y "$L" 2026-03-04T10:00:00 case event "$s1" done plan --supply-point "某台区"
y "$L" 2026-03-04T17:00:00 sync export --to "$TEST_HOME/l.ykb" --peer HALL1
is "$rc" 0 "the laptop exports its plan for the hall"
trust_signer "$(uri porter)" "$TEST_HOME/l.ykb" # the fingerprint checked by phone

# --- a clerk without yekuo_sync: refused ----------------------------------------------
YEKUO_DB=$(uri clerk_a)
export YEKUO_DB
at 2026-03-04T18:00:00
start_tui 100 24 --
keys S
shows "单位 HALL1   数据库 " "S opens the sync screen on the server: its office"
keys i C-u
type_text "$TEST_HOME/l.ykb"
keys F2
shows "不能导入，没有任何改动：" "a clerk without yekuo_sync is refused the laptop's bundle"
shows "不能把其他数据库的记录并入服务器" "saying why"
shows "GRANT yekuo_sync TO clerk_a" "and saying how it may be allowed"
keys F10
stop_app
is "$(sql admin "SELECT count(*) FROM sync_imports")" 0 "nothing was imported"

# --- the member of yekuo_sync imports it -----------------------------------------------
YEKUO_DB=$(uri porter)
export YEKUO_DB
start_tui 100 24 --
keys S i C-u
type_text "$TEST_HOME/l.ykb"
keys F2
shows "来源单位 LAP1（数据库 " "the preview names the laptop's office"
shows "案件 1 件有变化（新增 0 件），其中冲突 1 件" "and says one case would be in conflict"
shows "  $s1  有变化  新事件 1 条  冲突" "which one"
keys y
shows "其中 1 件冲突（见下方，Enter 解决）" "imported into the server, pointing to the conflict"
shows "$s1  搁置 done plan（LAP1，03-04） 对 done plan（HALL1，03-04）" \
	"the conflict is listed: the laptop's plan held aside"
shows "Enter解决" "the bottom line offers resolving it"
keys F10
stop_app

# --- a clerk sees the conflict but may not resolve it ----------------------------------
YEKUO_DB=$(uri clerk_a)
export YEKUO_DB
start_tui 100 24 --
shows "冲突 1" "a clerk's dashboard counts the case in conflict"
keys S Enter
shows "$s1：单位 LAP1 的 done plan（2026-03-04）被搁置" "Enter opens the resolution, saying what clashes"
type_text "现场核实为某台区"
keys F2
shows "未解决：" "a clerk without yekuo_sync is refused the resolution"
shows "GRANT yekuo_sync TO clerk_a" "saying which role may"
keys F10
stop_app
is "$(sql admin "SELECT count(*) FROM events WHERE case_no = '$s1' AND kind = 'resolve'")" 0 \
	"nothing was recorded"

# --- the member of yekuo_sync resolves it ----------------------------------------------
YEKUO_DB=$(uri porter)
export YEKUO_DB
start_tui 100 24 --
keys S Enter
shows "$s1：单位 LAP1 的 done plan（2026-03-04）被搁置" "the member of yekuo_sync opens the resolution"
shows "> 保留*      单位 HALL1：done plan（2026-03-04），现行" "the side in force is offered first"
keys Space
shows "> 保留*      单位 LAP1：done plan（2026-03-04），被搁置" "Space: keep the laptop's side"
keys F2
shows "请写明原因" "a resolution needs a reason"
type_text "现场核实为某台区"
keys F2
shows "已解决 $s1 的冲突：保留单位 LAP1，记录 1 条事件" "F2 resolves it on the server"
shows "未解决的同步冲突：0 件案件 0 处" "no conflict left"
keys Escape
lacks "冲突 1" "the dashboard counts no conflict"
keys Q
stop_app
y "$(uri clerk_a)" 2026-03-04T19:00:00 case show "$s1" --format tsv
contains "$out" "supply-point	某台区" "the server's case now has the laptop's supply point"
y "$(uri clerk_a)" 2026-03-04T19:00:00 verify
is "$rc" 0 "and the server verifies"

done_testing
