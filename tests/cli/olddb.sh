#!/bin/sh
# A database written before SHA-256 moved to libsodium still verifies: the
# fixture is the dump of a real database made by yekuo 0.1.0 (schema 3).
# Its first event's hash is also recomputed here with coreutils' sha256sum,
# an implementation of its own, from the columns as docs/store.md lists
# them; and an edit behind the program's back is still caught.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/old.db
sqlite3 "$db" <"$top_srcdir/tests/fixtures/schema3-real.sql"
export YEKUO_DB="$db"

run "$YEKUO" verify
is "$rc" 0 "a schema-3 database written before the switch verifies"
contains "$out" "无误：" "every stored hash recomputes to the same value"

row=$(sqlite3 -separator '|' "$db" "SELECT hash FROM events WHERE seq = 1 ORDER BY case_no LIMIT 1")
# sqlite3 ends the value with one newline of its own: drop it, keep the rest
sum=$(sqlite3 "$db" "SELECT 'yekuo-event-v1' || char(10) || uuid || char(10) || case_no || char(10) ||
	seq || char(10) || kind || char(10) || effective || char(10) || recorded || char(10) ||
	operator || char(10) || origin || char(10) || prev_hash || char(10) || data
	FROM events WHERE seq = 1 ORDER BY case_no LIMIT 1" | head -c -1 | sha256sum | cut -d' ' -f1)
is "$row" "$sum" "the stored hash is the SHA-256 of the event's columns (checked by sha256sum)"

# a database from before office keys gets one when it first needs it
[ ! -e "$db.key" ]
ok $? "verify made no key for it"
run "$YEKUO" seal
is "$rc" 0 "the first seal of an old database"
contains "$err" "还没有单位密钥：已生成一把，存放在 $db.key" "makes its office key and says so"
is "$(stat -c %a "$db.key")" 600 "the new key file is 0600"
run "$YEKUO" verify
is "$rc" 0 "and the old database, now sealed, verifies"

case_no=$(sqlite3 "$db" "SELECT case_no FROM events WHERE kind = 'withdraw'")
seq=$(sqlite3 "$db" "SELECT seq FROM events WHERE kind = 'withdraw'")
sqlite3 "$db" "DROP TRIGGER events_no_update;
	UPDATE events SET data = replace(data, '客户撤回', '客户要求') WHERE kind = 'withdraw'"
run "$YEKUO" verify
is "$rc" 6 "an edited event in the old database is caught (exit 6, damaged)"
contains "$out" "$case_no: 事件 #$seq（" "naming the case and the event"

done_testing
