#!/bin/sh
# Bundles are data, never code (docs/sync.md, "what import checks"): a
# bundle whose tables are not exactly a bundle's — a view, a trigger, an
# extra table or column, a file in WAL mode — is refused unread, at once,
# with nothing imported; a bundle of the previous format still imports.
# Each crafted bundle is signed again by the office that exported it
# (tests/tools/bundle-tool), so what refuses it is the bundle check itself.
. "$top_srcdir/tests/lib.sh"

A=$TEST_HOME/a.db
D=$TEST_HOME/d.db
X=$TEST_HOME/x
mkdir -p "$X"

crafted() { # crafted NAME SQL: the good bundle's inside changed by SQL, signed again
	cp "$X/good.inner" "$X/$1.inner"
	sqlite3 "$X/$1.inner" "$2" >/dev/null
	"$BUNDLE_TOOL" wrap "$A" "$X/$1.inner" "$X/$1.ykb"
}
count() { sqlite3 "$1" "select count(*) from events"; }

y "$A" 2026-03-02T08:00:00 init --training --office A
y "$D" 2026-03-02T08:00:00 init --training --office D
for name in 甲五金店 乙小吃店; do
	y "$A" 2026-03-02T09:00:00 case new --region national --category lv-other --name "$name" \
		--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
		--address "某地3号$name" --capacity 50 --unit kW
done
y "$A" 2026-03-02T10:00:00 sync export --to "$X/good.ykb"
"$BUNDLE_TOOL" unwrap "$A" "$X/good.ykb" "$X/good.inner"
is "$(sqlite3 "$X/good.inner" "pragma user_version")" 2 "bundles are written in format 2"
is "$(sqlite3 "$X/good.inner" "select value from bundle where key = 'version'")" 2 \
	"and the header says version 2"
trust_signer "$D" "$X/good.ykb"

refused() { # refused FILE DESCRIPTION
	start=$(date +%s)
	YEKUO_DB=$D YEKUO_NOW=2026-03-02T11:00:00 run timeout 60 "$YEKUO" sync import "$X/$1.ykb"
	is "$rc" 6 "$2: refused as damaged"
	contains "$err" "其中的表不是同步包的表" "$2: the message says the tables are wrong"
	is "$(count "$D")" 0 "$2: nothing imported"
	[ $(($(date +%s) - start)) -lt 20 ]
	ok $? "$2: at once"
}

# The attack: the events table swapped for a view that never ends.
crafted view "drop table events; create view events as with recursive r(n) as
	(select 1 union all select n + 1 from r) select n as uuid, 'X' as case_no, n as seq,
	'open' as kind, '2026-03-02' as effective, '' as recorded, '' as operator, '' as origin,
	randomblob(100000) as data, '' as prev_hash, '' as hash, '' as source, '' as office,
	'' as vc, 0 as orig_seq, '' as orig_prev, '' as orig_hash from r"
refused view "a recursive view in place of the events"
ls /var/tmp /tmp 2>/dev/null | grep -c '^etilqs_' > "$TEST_HOME/tmpfiles"
is "$(cat "$TEST_HOME/tmpfiles")" 0 "no temporary files are left behind"

crafted trigger "create table log (x); create trigger t after insert on bundle begin
	insert into log values (1); end"
refused trigger "a trigger"
crafted column "alter table events add column extra text"
refused column "an extra column"
crafted index "create index evil on events (data)"
refused index "an extra index"

crafted wal "pragma journal_mode = wal"
y "$D" 2026-03-02T11:00:00 sync import "$X/wal.ykb"
is "$rc" 6 "a bundle file in WAL mode is refused"
contains "$err" "不是 yekuo 写出的格式" "saying so"
is "$(count "$D")" 0 "nothing imported"

# The previous format (1): the events with a rowid and a unique uuid.
# (the tables as yekuo 1 wrote them, to the byte: the schema is compared exactly)
v1_events="CREATE TABLE events (  id INTEGER PRIMARY KEY,  uuid TEXT NOT NULL UNIQUE,  case_no TEXT NOT NULL,  seq INTEGER NOT NULL,  kind TEXT NOT NULL,  effective TEXT NOT NULL,  recorded TEXT NOT NULL,  operator TEXT NOT NULL,  origin TEXT NOT NULL,  data TEXT NOT NULL,  prev_hash TEXT NOT NULL,  hash TEXT NOT NULL,  source TEXT NOT NULL,  office TEXT NOT NULL,  vc TEXT NOT NULL,  orig_seq INTEGER NOT NULL,  orig_prev TEXT NOT NULL,  orig_hash TEXT NOT NULL,  UNIQUE (case_no, seq))"
sqlite3 "$X/v1.inner" "pragma application_id = 1497713491; pragma user_version = 1;
	CREATE TABLE bundle (  key TEXT PRIMARY KEY,  value TEXT NOT NULL);
	$v1_events;
	attach '$X/good.inner' as g;
	insert into events (uuid, case_no, seq, kind, effective, recorded, operator, origin, data,
	  prev_hash, hash, source, office, vc, orig_seq, orig_prev, orig_hash)
	  select uuid, case_no, seq, kind, effective, recorded, operator, origin, data, prev_hash, hash,
	  source, office, vc, orig_seq, orig_prev, orig_hash from g.events order by case_no, seq;
	insert into bundle select * from g.bundle where key != 'checksum';
	update bundle set value = '1' where key = 'version';"
sum=$( { echo "yekuo-sync-bundle-v1"; sqlite3 "$X/v1.inner" "select key || '=' || value from bundle order by key"; } |
	sha256sum | cut -d' ' -f1)
sqlite3 "$X/v1.inner" "insert into bundle values ('checksum', '$sum')"
"$BUNDLE_TOOL" wrap "$A" "$X/v1.inner" "$X/v1.ykb"
y "$D" 2026-03-02T11:00:00 sync import "$X/v1.ykb"
is "$rc" 0 "a bundle of format 1 still imports"
is "$(count "$D")" 2 "all of it"
sqlite3 "$X/v1.inner" "update bundle set value = '0' where key = 'cases'"
"$BUNDLE_TOOL" wrap "$A" "$X/v1.inner" "$X/v1.ykb"
y "$TEST_HOME/e.db" 2026-03-02T08:00:00 init --training --office E
y "$TEST_HOME/e.db" 2026-03-02T11:00:00 sync import "$X/v1.ykb"
is "$rc" 6 "its header is sealed as format 1 seals it"

# A case whose opening event this database's checks refuse (rules that
# differ between versions): that case is set aside, the others come in.
cp "$X/good.inner" "$X/odd.inner"
python3 "$top_srcdir/tests/cli/forge-events.py" "$X/odd.inner" \
	--data CN-2026-A-00001 1 91350100M000100Y43 91350100M000100Y4X --rehash \
	--reorig-chain CN-2026-A-00001
"$BUNDLE_TOOL" wrap "$A" "$X/odd.inner" "$X/odd.ykb"
F=$TEST_HOME/f.db
y "$F" 2026-03-02T08:00:00 init --training --office F
y "$F" 2026-03-02T11:00:00 sync import "$X/odd.ykb"
is "$rc" 0 "a bundle with one case this database cannot take imports"
contains "$out" "case	CN-2026-A-00001	set-aside" "that case is set aside"
contains "$out" "case	CN-2026-A-00002	new" "the other comes in"
contains "$err" "受理建档事件通不过本数据库的检查" "saying why"
is "$(count "$F")" 1 "only the other case's event is here"

done_testing
