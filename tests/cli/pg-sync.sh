#!/bin/sh
# A hall's server and laptops (docs/deploy.md, docs/sync.md), against a
# throwaway PostgreSQL cluster: a laptop's bundle imported into the server,
# the server's exported to laptops (laptop -> server -> laptop), a conflict
# raised through the server and resolved there, the role that may bring
# other offices' records in, and seals, office key, reports and receipts on
# the server. Skipped when PostgreSQL is not installed or yekuo was built
# without libpq.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg-lib.sh"

T1=2026-03-02T09:00:00
T2=2026-03-03T10:00:00
T3=2026-03-04T11:00:00
as() { _c=$1 _t=$2; shift 2; YEKUO_DB=$(uri "$_c") YEKUO_NOW=$_t run "$YEKUO" "$@"; }

run "$YEKUO" server init "$(uri admin)" --office HALL1 --training
is "$rc" 0 "server init (a training database, so that the clock can be set)"
contains "$out" "单位密钥保存在 office_key 表中，指纹 " "makes the office key, kept on the server"
sql admin "CREATE ROLE clerk_a LOGIN IN ROLE yekuo_clerk; CREATE ROLE porter LOGIN IN ROLE yekuo_sync"
L1=$TEST_HOME/l1.db
L2=$TEST_HOME/l2.db
YEKUO_DB=$L1 "$YEKUO" init --office LAP1 --training >/dev/null 2>&1
YEKUO_DB=$L2 "$YEKUO" init --office LAP2 --training >/dev/null 2>&1

# --- server -> laptop ------------------------------------------------------------
as clerk_a $T1 case new --region tianjin --category hv-dual --name "天津某某制造有限公司" \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 --address "天津市滨海新区某路1号" \
	--capacity 800 --unit kVA
c1=$out
as clerk_a $T1 sync export --to "$TEST_HOME/s1.yks"
is "$rc" 0 "a clerk exports the server's cases for a laptop"
contains "$out" "已导出 1 条事件，共 1 件案件" "the bundle holds the server's case"
is "$(sql admin "SELECT count(*) FROM office_key")" 1 "in the server's table office_key"
is "$(sql admin "SELECT count(*) FROM seals")" 2 "seal #1 made at init, #2 for the bundle, as on a file"
y "$L1" $T1 sync import "$TEST_HOME/s1.yks"
is "$rc" 0 "the laptop imports the server's bundle"
y "$L1" $T1 case show "$c1"
contains "$out" "天津某某制造有限公司" "and has the server's case"

# --- laptop -> server -------------------------------------------------------------
y "$L1" $T2 case event "$c1" materials accept --items id,property,approval
new_lv "$L1" $T2 "野外"
c2=$case
y "$L1" $T2 sync export --to "$TEST_HOME/l1.yks"
is "$rc" 0 "the laptop exports its work"
as clerk_a $T2 sync import "$TEST_HOME/l1.yks"
is "$rc" 2 "a clerk's role may not import a bundle into the server"
contains "$err" "yekuo_sync" "and is told which role may"
is "$(sql admin "SELECT count(*) FROM events")" 1 "nothing was imported"
fp=$(YEKUO_DB=$(uri porter) "$YEKUO" sync trust "$TEST_HOME/l1.yks" | sed -n 's/^key	//p')
as porter $T2 sync trust "$TEST_HOME/l1.yks" --confirm "$fp"
is "$rc" 0 "a member of yekuo_sync trusts the laptop's office"
as porter $T2 sync import "$TEST_HOME/l1.yks"
is "$rc" 0 "and imports its bundle into the server"
contains "$out" "新事件 2 条，案件有变化 2 件（新增 1 件），冲突 0 件" "the same merge as into a file"
as clerk_a $T2 case show "$c2"
contains "$out" "野外" "the laptop's new case is on the server"
contains "$out" " $(id -un)]" "recorded by the laptop's operator, not the importing role"
as clerk_a $T2 case show "$c1"
contains "$out" "2026-03-03 收资" "the laptop's event on the server's case is there"
as clerk_a $T2 sync status
contains "$out" "import	" "sync status lists the import"
contains "$out" "LAP1	2	2	0" "with its office and counts"
as clerk_a $T2 verify
is "$rc" 0 "verify on the server after the import"
as clerk_a $T2 sync verify
is "$rc" 0 "sync verify on the server"

# --- server -> another laptop ------------------------------------------------------
as clerk_a $T2 sync export --to "$TEST_HOME/s2.yks"
y "$L2" $T2 sync import "$TEST_HOME/s2.yks"
is "$rc" 0 "a second laptop imports the server's bundle"
y "$L2" $T2 case show "$c2"
contains "$out" "野外" "and has the first laptop's case, through the server"
y "$L2" $T2 verify
is "$rc" 0 "the second laptop verifies"

# --- a conflict raised through the server ------------------------------------------
as clerk_a $T3 case event "$c2" done accept
is "$rc" 0 "a clerk completes acceptance on the server"
y "$L1" $T3 case event "$c2" withdraw --reason "客户撤回申请"
y "$L1" $T3 sync export --to "$TEST_HOME/l2.yks"
as porter $T3 sync import "$TEST_HOME/l2.yks"
is "$rc" 0 "the laptop's withdrawal of the same case is imported"
contains "$out" "冲突 1 件" "as a conflict"
as clerk_a $T3 sync conflicts
contains "$out" "$c2" "sync conflicts on the server names the case"
contains "$out" "withdraw of office LAP1" "and both sides"
as clerk_a $T3 sync resolve "$c2" --keep HALL1 --reason "以营业厅核实为准"
is "$rc" 2 "a clerk may not resolve it"
as porter $T3 sync resolve "$c2" --keep HALL1 --reason "以营业厅核实为准"
is "$rc" 0 "a member of yekuo_sync resolves it on the server"
as clerk_a $T3 sync conflicts
is "$out" "" "no conflict is left"
as clerk_a $T3 sync export --to "$TEST_HOME/s3.yks"
y "$L1" $T3 sync import "$TEST_HOME/s3.yks"
is "$rc" 0 "the laptop takes the resolution back"
y "$L1" $T3 sync conflicts
is "$out" "" "and has no conflict either"
a=$(YEKUO_DB=$L1 YEKUO_NOW=$T3 "$YEKUO" case list --format tsv --all 2>/dev/null | grep "^$c2")
b=$(YEKUO_DB=$(uri clerk_a) YEKUO_NOW=$T3 "$YEKUO" case list --format tsv --all 2>/dev/null | grep "^$c2")
is "$a" "$b" "laptop and server show the case the same"
as clerk_a $T3 verify
is "$rc" 0 "the server verifies after the resolution"

# --- the server's own guards -------------------------------------------------------
run sql admin "DELETE FROM sync_events"
contains "$err" "sync_events are append-only" "sync records are append-only on the server"
run sql clerk_a "SELECT yekuo_merge_delete('$c1', 1, true)"
contains "$err" "permission denied" "a clerk may not call the merge's delete"
run sql porter "DELETE FROM events WHERE case_no = '$c1'"
contains "$err" "permission denied" "nor may yekuo_sync delete events itself"
run sql clerk_a "UPDATE meta SET value = 'X' WHERE key = 'office'"
contains "$err" "meta office never changes" "the database's office code never changes"

# --- seals, reports, receipts on the server ------------------------------------------
as clerk_a $T3 seal
is "$rc" 0 "seal on the server"
digest=$(echo "$out" | sed -n 's/^digest	//p')
as clerk_a $T3 verify --seal "$digest"
is "$rc" 0 "verify --seal on the server"
as clerk_a $T3 report filing --month 2026-03 --out "$TEST_HOME/filing.csv"
is "$rc" 0 "report filing on the server"
as clerk_a $T3 report supervision --out "$TEST_HOME/sup.csv"
is "$rc" 0 "report supervision on the server"
contains "$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/sup.csv" 2>/dev/null || cat "$TEST_HOME/sup.csv")" "#" \
	"made under a seal of the server"
# a report stands on the latest seal while the log holds nothing it does not
# cover — also beside the rows a merge wrote (origin 'sync', never sealed),
# as here after the conflict; a new event gets a new seal that covers it
# (docs/performance.md, "the seal check")
[ "$(sql admin "SELECT count(*) FROM events WHERE origin = 'sync'")" -gt 0 ]
ok $? "(the merge wrote rows of its own)"
nseals=$(sql admin "SELECT count(*) FROM seals")
as clerk_a $T3 report supervision --encoding utf-8
contains "$out" "$digest" "a report with nothing new since the seal cites that seal"
is "$(sql admin "SELECT count(*) FROM seals")" "$nseals" "and makes no seal of its own"
as clerk_a $T3 case event "$c1" suspend --reason customer
as clerk_a $T3 report supervision --encoding utf-8
is "$(sql admin "SELECT count(*) FROM seals")" "$((nseals + 1))" "after a new event the next report makes a new seal"
digest2=$(printf '%s\n' "$out" | sed -n 's/^封存摘要 (seal digest),//p' | tr -d '\r')
as clerk_a $T3 verify --seal "$digest2"
contains "$out" "$(sql admin "SELECT count(*) FROM events WHERE origin != 'sync'") 条事件" "which covers it"
as clerk_a $T3 case receipt "$c1" --out "$TEST_HOME/r.txt"
is "$rc" 0 "case receipt on the server"
as clerk_a $T3 export cases --unmasked --out "$TEST_HOME/cases.csv"
is "$rc" 0 "export cases from the server"
L3=$TEST_HOME/l3.db
YEKUO_DB=$L3 "$YEKUO" init --office LAP3 --training >/dev/null 2>&1
y "$L3" $T3 import cases "$TEST_HOME/cases.csv"
is "$rc" 0 "a file imports the server's spreadsheet"
contains "$out" "导入 2 件案件" "with both cases"
L4=$TEST_HOME/l4.db
YEKUO_DB=$L4 "$YEKUO" init --office LAP4 --training >/dev/null 2>&1
new_lv "$L4" $T3 "表格"
y "$L4" $T3 export cases --unmasked --out "$TEST_HOME/l4.csv"
as clerk_a $T3 import cases "$TEST_HOME/l4.csv"
is "$rc" 0 "import cases into the server"
as clerk_a $T3 case show "$case"
contains "$out" "表格" "the spreadsheet's case is on the server"
run sql admin "UPDATE seals SET statement = 'x'"
contains "$err" "seals are append-only" "seals are append-only on the server"
run sql admin "DELETE FROM office_key"
contains "$err" "office_key are append-only" "and so is the office key"
sql admin "ALTER TABLE seal_events DISABLE TRIGGER seal_events_no_delete"
as clerk_a $T3 verify
is "$rc" 6 "verify notices a seal guard switched off (exit 6)"
contains "$out" "表 seal_events 的只增保护被去掉了或被停用" "naming the table"

done_testing
