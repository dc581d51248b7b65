#!/bin/sh
# The first seal of a server whose events came from elsewhere (a city
# server after loading a county's records), against a throwaway PostgreSQL
# cluster: more events than one batch of the cursor the seal reads them
# through and of the inserts it records them with (src/store/seals.c,
# src/store/pg.c). Every event is covered once, the seal says how many,
# and `verify --seal` — which walks them again through a cursor, looking
# each up — finds them all unchanged. Skipped without PostgreSQL.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg-lib.sh"
as() { _c=$1; shift; YEKUO_DB=$(uri "$_c") run "$YEKUO" "$@"; }

run "$YEKUO" server init "$(uri admin)" --office CITY
is "$rc" 0 "server init"
sql admin "CREATE ROLE clerk_a LOGIN IN ROLE yekuo_clerk"
as clerk_a case new --region national --category lv-resident --name "张三" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地1号" --capacity 8 --unit kW
c1=$out
# 2,600 more cases' first events, loaded by the owner as a bulk load would
# (more than two cursor batches of 1,000 and ten insert batches of 256)
sql admin "INSERT INTO events (uuid, case_no, seq, kind, effective, recorded, operator, origin,
	  data, prev_hash, hash)
	SELECT md5('bulk' || g), regexp_replace(case_no, '[0-9]+\$', lpad((100000 + g)::text, 6, '0')),
	  1, kind, effective, recorded, operator, 'local', data, prev_hash, hash
	FROM events, generate_series(1, 2600) AS g WHERE case_no = '$c1' AND seq = 1"
n=$(sql admin "SELECT count(*) FROM events")
is "$n" 2601 "(2,601 events in the log)"

as clerk_a seal
is "$rc" 0 "the first seal over them"
contains "$out" "2601 件案件，2601 条事件（新覆盖 2601 条）" "covers every event, saying how many"
digest=$(printf '%s\n' "$out" | sed -n 's/^digest	//p')
is "$(sql admin "SELECT count(*) FROM seal_events")" 2601 "each recorded once"
is "$(sql admin "SELECT count(DISTINCT uuid) FROM seal_events s WHERE EXISTS
	(SELECT 1 FROM events e WHERE e.uuid = s.uuid AND e.case_no = s.case_no)")" 2601 \
	"under its own case and uuid"
as clerk_a verify --seal "$digest"
is "$rc" 0 "verify --seal finds every sealed event unchanged"
contains "$out" "2601 件案件，2601 条事件" "all of them"

# one of them altered after the seal: the walk through the cursor finds it
sql admin "ALTER TABLE events DISABLE TRIGGER events_no_update;
	UPDATE events SET effective = '2020-01-01' WHERE uuid = md5('bulk2000');
	ALTER TABLE events ENABLE TRIGGER events_no_update"
as clerk_a verify --seal "$digest"
is "$rc" 6 "an event altered after the seal is caught (exit 6)"
contains "$out" "在封存 #2（" "naming the seal that covered it"

done_testing
