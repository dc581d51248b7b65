#!/bin/sh
# Bundles and databases changed by someone who has read docs/sync.md and
# docs/store.md: every hash and checksum that would give the change away
# early is recomputed (tests/cli/forge-events.py, tests/cli/forge.py), so
# each forgery reaches the one check that must still catch it. Every
# refusal imports nothing; every change to a database is reported by
# `yekuo verify` or `yekuo sync verify`.
. "$top_srcdir/tests/lib.sh"

if ! python3 -c 'import sqlite3' 2>/dev/null || ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP needs python3 with its sqlite3 module, and the sqlite3 shell"
	exit 0
fi
A=$TEST_HOME/a.db B=$TEST_HOME/b.db D=$TEST_HOME/d.db
X=$TEST_HOME/x
mkdir -p "$X"
count() { sqlite3 "$1" "select count(*) from events"; }
# forge NAME OP…: a copy of A's bundle, its inside changed, then signed again
# with A's own key (tests/tools/bundle-tool): the forger holds the key, so
# each forgery reaches the checks of the bundle's inside
forge() {
	f=$X/$1.ykb
	"$BUNDLE_TOOL" unwrap "$A" "$X/a.ykb" "$X/$1.inner"
	n=$1
	shift
	python3 "$top_srcdir/tests/cli/forge-events.py" "$X/$n.inner" "$@"
	"$BUNDLE_TOOL" wrap "$A" "$X/$n.inner" "$f"
}
refused() { # refused DB BUNDLE WHAT-THE-MESSAGE-SAYS DESCRIPTION
	before=$(count "$1")
	y "$1" 2026-03-06T10:00:00 sync import "$2"
	ok "$([ "$rc" -ne 0 ]; echo $?)" "$4: refused"
	contains "$err" "$3" "$4: saying so"
	is "$(count "$1")" "$before" "$4: nothing imported"
}

for d in A B D; do
	eval db=\$$d
	y "$db" 2026-03-02T08:00:00 init --training --office "$d"
done
y "$A" 2026-03-02T09:00:00 case new --region national --category lv-other --name 甲五金店 \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 --address 某地3号 \
	--capacity 50 --unit kW
a1=$out
y "$A" 2026-03-02T10:00:00 case event "$a1" done accept
y "$A" 2026-03-03T10:00:00 case event "$a1" done plan --supply-point 某台区
y "$A" 2026-03-05T17:00:00 sync export --to "$X/a.ykb"
is "$rc" 0 "A exports its case: three events"
y "$B" 2026-03-05T18:00:00 sync import "$X/a.ykb"
is "$rc" 0 "B imports it"

# --- the forging tool itself: recomputing everything changes nothing ----------------
forge same
y "$D" 2026-03-06T10:00:00 sync import "$f" --dry-run
is "$rc" 0 "a bundle with every checksum recomputed from unchanged rows imports"

# --- bundles ---------------------------------------------------------------------------
forge altered --data "$a1" 1 甲五金店 丙五金店 --rehash
refused "$D" "$f" "与其单位所做的记录不同" \
	"an event altered and every hash of its chain recomputed"

forge copy --data "$a1" 1 甲五金店 丙五金店 --rehash --reorig-chain "$a1"
refused "$B" "$f" "与本库的副本不同" \
	"a consistent rewrite of an event this database already holds"
forge meta --col "$a1" 2 orig_seq 5 --reorig "$a1" 2
refused "$B" "$f" "与本库的副本不同" \
	"an event this database holds, with another original position recorded"

forge cut --delete "$a1" 3
refused "$D" "$f" "同步包说有 3 条事件，实际有 2 条" \
	"a bundle's last event dropped, its checksums recomputed but not its count"
forge gap --delete "$a1" 2 --recount
refused "$D" "$f" "同步包里缺少事件 #2" "an event removed from the middle of a case"
forge link --delete "$a1" 2 --renumber --recount
refused "$D" "$f" "没有接在前一事件之后" "an event removed and the rest renumbered"
forge headless --delete "$a1" 1 --renumber --rehash --reorig-chain "$a1" --recount
refused "$D" "$f" "这件案件不是从受理事件开始的" \
	"a case without its opening event, the chain made whole again"
forge mergerow --col "$a1" 3 origin sync --rehash
refused "$D" "$f" "合并行带有同步记录" "a row passed off as the merge's own"
forge vc --col "$a1" 2 vc 00000000000000000000000000000000=1
refused "$D" "$f" "它的同步记录已损坏" "a sync record that does not count its own event"
forge moved --case-no "$a1" CN-2026-A-00009 --rehash --reorig-chain CN-2026-A-00009
refused "$B" "$f" "已在本库的另一件案件里" "events moved under another case number"

forge realflag --header training 0
refused "$D" "$f" "来自正式库的同步包不能导入培训库" \
	"a training database's bundle whose header claims a real one, signed again"
forge header --header created 2026-03-05T17:00:01+08:00 --keep-checksum
refused "$D" "$f" "同步包头的校验和不符" "a header value changed"
forge newer --header version 3
refused "$D" "$f" "由更新版本的 yekuo 写出（同步包版本 3）" "a bundle of a newer version"

# B adds to A's case and exports: a bundle with events from two databases
y "$B" 2026-03-05T19:00:00 case event "$a1" materials accept --items id,property
y "$B" 2026-03-05T20:00:00 sync export --to "$X/b.ykb"
is "$rc" 0 "B exports A's case with its own event"
"$BUNDLE_TOOL" unwrap "$B" "$X/b.ykb" "$X/twice.inner"
python3 "$top_srcdir/tests/cli/forge-events.py" "$X/twice.inner" --col "$a1" 4 office A
"$BUNDLE_TOOL" wrap "$B" "$X/twice.inner" "$X/twice.ykb"
refused "$D" "$X/twice.ykb" "同步包里有两个数据库使用单位代码 'A'" \
	"a bundle showing two databases with one office code"
y "$TEST_HOME/a2.db" 2026-03-02T08:00:00 init --training --office A
refused "$TEST_HOME/a2.db" "$X/b.ykb" "由另一个使用本库单位代码" \
	"another database's events under this database's office code"
refused "$TEST_HOME/a2.db" "$X/a.ykb" "两边的案件编号会冲突" \
	"a bundle from another database with this database's office code"

# --- databases changed behind the program's back ----------------------------------------
damaged() { # damaged NAME WHAT-VERIFY-SAYS DESCRIPTION: verify a changed copy of A
	y "$TEST_HOME/$1.db" 2026-03-06T10:00:00 verify
	is "$rc" 6 "$3: verify fails (exit 6)"
	contains "$out$err" "$2" "$3: saying so"
}
cp "$A" "$TEST_HOME/link.db"
python3 "$top_srcdir/tests/cli/forge-events.py" "$TEST_HOME/link.db" --delete "$a1" 2 --renumber --rehash-only
damaged link "没有接在前一事件之后" \
	"an event removed, the next renumbered and its hash recomputed"
cp "$A" "$TEST_HOME/gone.db"
python3 "$top_srcdir/tests/cli/forge-events.py" "$TEST_HOME/gone.db" --delete "$a1" 1 \
	--delete "$a1" 2 --delete "$a1" 3
damaged gone "列为案件，却没有事件" "every event of a case removed"
cp "$A" "$TEST_HOME/state.db"
sqlite3 "$TEST_HOME/state.db" "update cases set state = replace(state, '甲五金店', '丙五金店')"
damaged state "案件摘要与其事件不符" "the cached case edited"
cp "$A" "$TEST_HOME/clock.db"
sqlite3 "$TEST_HOME/clock.db" "update clocks set clock = replace(clock, '|national|', '|tianjin|')"
damaged clock "案件摘要与其事件不符" "the dashboard's clock row edited"

# B holds A's events through a merge: rewriting one, every hash recomputed,
# passes the chain check; the record of what A recorded gives it away.
cp "$B" "$TEST_HOME/b2.db"
python3 "$top_srcdir/tests/cli/forge.py" "$TEST_HOME/b2.db" "$a1" 1 --effective 2026-03-01
y "$TEST_HOME/b2.db" 2026-03-06T10:00:00 sync verify
is "$rc" 6 "sync verify fails on a merged event rewritten with every hash recomputed (exit 6)"
contains "$out$err" "与其单位所做的记录不同" "saying it was altered"

# A forgets its sync record of the case's opening (the guard lifted and
# put back): its later events follow one sync has no record of.
cp "$A" "$TEST_HOME/forgot.db"
python3 - "$TEST_HOME/forgot.db" "$a1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
guard = db.execute("SELECT sql FROM sqlite_master WHERE name = 'sync_events_no_delete'").fetchone()[0]
db.execute("DROP TRIGGER sync_events_no_delete")
db.execute("DELETE FROM sync_events WHERE uuid = (SELECT uuid FROM events WHERE case_no = ? AND seq = 1)",
           (sys.argv[2],))
db.execute(guard)
db.commit()
EOF
y "$TEST_HOME/forgot.db" 2026-03-06T10:00:00 sync verify
is "$rc" 6 "sync verify fails when the record of an early event is gone (exit 6)"
contains "$out$err" "接在同步没有记录的事件之后" "saying the chain was changed outside yekuo"

# B's case: A's three events, then B's materials, recorded after them. The
# same rows in another order, every hash recomputed, chain and all: only
# merging the events afresh shows the order is not the merge's.
cp "$B" "$TEST_HOME/order.db"
python3 "$top_srcdir/tests/cli/forge-events.py" "$TEST_HOME/order.db" --col "$a1" 3 seq 5 \
	--col "$a1" 4 seq 3 --col "$a1" 5 seq 4 --rehash
y "$TEST_HOME/order.db" 2026-03-06T10:00:00 sync verify
is "$rc" 6 "sync verify fails on merged rows put in another order (exit 6)"
contains "$out$err" "与重新合并的结果不同" "saying so"

done_testing
