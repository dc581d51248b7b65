#!/bin/sh
# Seals and office keys (docs/security.md): each attack that passed
# `verify` before seals existed is made here and must now be caught —
# deleting an event through the merge's exemption, rewriting a late entry
# with every hash recomputed, flipping the training flag — and a seal made
# before a month of ordinary work still checks out with `verify --seal`.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/real.db
export YEKUO_DB="$db"
today=$(date +%F)
two_days_ago=$(date -d '2 days ago' +%F)
newcase() { # newcase NAME [options…]: a low-voltage resident case, today
	name=$1
	shift
	run "$YEKUO" case new --region national --category lv-resident --name "$name" \
		--id-type resident-id --id 11010519491231002X --phone 13912345678 \
		--address "某地1号" --capacity 8 --unit kW "$@"
}

# --- keys ---------------------------------------------------------------
run "$YEKUO" init --office A
is "$rc" 0 "init makes a real database"
contains "$out" "单位密钥 $db.key" "and names its key file, beside the database"
fp=$(printf '%s\n' "$out" | sed -n 's/.*指纹 //p')
printf '%s' "$fp" | grep -Eq '^[0-9]{4}( [0-9]{4}){7}$'
ok $? "the fingerprint is 8 groups of 4 digits, to read over the phone ($fp)"
if on_file; then
	is "$(stat -c %a "$db.key")" 600 "the key file is 0600"
	grep -q "secret=" "$db.key"
	ok $? "the secret key is in the key file"
else
	skip 1 "a server keeps its key in the table office_key, not a file"
	sqlite3 "$db" "SELECT keyfile FROM office_key" | grep -q "secret="
	ok $? "the secret key is in the table office_key"
fi
sqlite3 "$db" "SELECT value FROM meta" | grep -q "secret" && bad=0 || bad=1
is "$bad" 1 "and not in the database"
run "$YEKUO" verify
is "$rc" 0 "a new database verifies"
contains "$out" "office key	$fp" "verify shows the key's fingerprint"
run "$YEKUO" sync status
contains "$out" "key	$fp" "so does sync status"

# --- attack: delete an event through the merge's exemption, then write ----
newcase "张三"
c1=$out
run "$YEKUO" case event "$c1" withdraw --reason "客户撤回"
is "$rc" 0 "a case withdrawn"
run "$YEKUO" seal
is "$rc" 0 "yekuo seal"
contains "$out" "已封存 #2" "makes seal #2 (init made #1)"
contains "$out" "1 件案件，2 条事件" "covering every case and event"
seal2=$(printf '%s\n' "$out" | sed -n 's/^digest	//p')

sqlite3 "$db" "INSERT INTO sync_unlock VALUES ('$c1');
	DELETE FROM events WHERE case_no = '$c1' AND kind = 'withdraw';" 2>"$TEST_HOME/e"
n=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE case_no = '$c1'")
is "$n" 2 "a row in sync_unlock no longer lets the sqlite3 shell delete an event"
sqlite3 "$db" "SELECT count(*) FROM sync_unlock" >/dev/null
sqlite3 "$db" "DELETE FROM sync_unlock"

# the attacker lifts the guard instead, deletes, puts it back, then writes
if on_file; then
	sqlite3 "$db" "DROP TRIGGER events_no_delete;
		DELETE FROM events WHERE case_no = '$c1' AND kind = 'withdraw';
		CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN NOT yekuo_merging(OLD.case_no)
		  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
else
	sqlite3 "$db" "ALTER TABLE events DISABLE TRIGGER events_no_delete;
		DELETE FROM events WHERE case_no = '$c1' AND kind = 'withdraw';
		ALTER TABLE events ENABLE TRIGGER events_no_delete"
fi
run "$YEKUO" case event "$c1" suspend --reason customer
is "$rc" 0 "the next ordinary write rewrites the case's summary"
run "$YEKUO" verify
is "$rc" 6 "verify catches the deleted withdrawal"
contains "$out" "问题：$c1: 事件" "naming the case"
contains "$out" "它由封存 #2" "and the seal that covered it"
contains "$out" "不见了（它由封存 #2（" "saying what happened"
run "$YEKUO" verify --seal "$seal2"
is "$rc" 6 "verify --seal of the seal before it says the history changed"
contains "$out" "已不再与封存 #2 封存时完全一致" "in words"

# --- attack: a late entry rewritten to look on time, hashes recomputed ---
db=$TEST_HOME/late.db
export YEKUO_DB="$db"
"$YEKUO" init --office B >/dev/null
newcase "李四" --date "$two_days_ago" --late-reason "系统故障"
c2=$out
run "$YEKUO" case show "$c2" --format tsv
contains "$out" "late-entries	1" "a late entry (补录) is flagged"
run "$YEKUO" seal
is "$rc" 0 "sealed"
if on_file; then
	python3 "$top_srcdir/tests/cli/forge.py" "$db" "$c2" 1 --effective "$today" --drop late-reason
	run "$YEKUO" case event "$c2" suspend --reason customer
	run "$YEKUO" case show "$c2" --format tsv
	contains "$out" "late-entries	0" "after the rewrite the case no longer shows a late entry"
	run "$YEKUO" verify
	is "$rc" 6 "verify catches the rewrite, although every hash was recomputed"
	contains "$out" "问题：$c2: 事件 #1（" "naming the case and the event"
	contains "$out" "在封存 #2（" "and the seal"
else
	skip 4 "forge.py rewrites a SQLite file"
fi

# --- attack: the training flag flipped in the meta table ------------------
# (a server's meta rows that name the database are guarded too: the
# owner switches the guard off first)
meta_off() { on_file || echo "ALTER TABLE meta DISABLE TRIGGER meta_fixed;"; }
sqlite3 "$db" "$(meta_off) UPDATE meta SET value = '1' WHERE key = 'training'"
YEKUO_NOW=2026-01-05T09:00:00 run "$YEKUO" case list
is "$rc" 2 "a real database with its meta flag flipped still refuses YEKUO_NOW"
contains "$err" "not a training database" "saying why"
run "$YEKUO" verify
contains "$out" "问题：培训库标记被改过" "verify reports the flipped flag"
sqlite3 "$db" "UPDATE meta SET value = '0' WHERE key = 'training'"

# --- the key file is needed, and must be this database's -----------------
if on_file; then
	mv "$db.key" "$TEST_HOME/kept.key"
	run "$YEKUO" seal
	is "$rc" 3 "sealing without the key file is refused (not found)"
	contains "$err" "单位密钥文件 $TEST_HOME/late.db.key 不见了" "saying the key file is missing"
	contains "$err" "请从备份恢复密钥文件" "and what to do"
	cp "$TEST_HOME/real.db.key" "$db.key"
	run "$YEKUO" seal
	is "$rc" 4 "another database's key file is refused (conflict)"
	contains "$err" "属于另一个数据库" "saying so"
	mv "$TEST_HOME/kept.key" "$db.key"
else
	skip 5 "a server's key is a row of office_key, append-only (tests/cli/pg-sync.sh)"
fi

# --- a passphrase-locked key ----------------------------------------------
if on_file; then
db=$TEST_HOME/locked.db
export YEKUO_DB="$db"
YEKUO_PASSPHRASE="correct horse battery" run "$YEKUO" init --office C --passphrase
is "$rc" 0 "init --passphrase"
contains "$out" "（用口令锁着）" "says the key is locked"
grep -q "protection=argon2id" "$db.key"
ok $? "the key file holds the secret keys encrypted (Argon2id)"
run "$YEKUO" seal </dev/null
is "$rc" 2 "sealing with a locked key and no way to ask is refused"
contains "$err" "YEKUO_PASSPHRASE" "saying how to give the passphrase"
YEKUO_PASSPHRASE="wrong horse" run "$YEKUO" seal
is "$rc" 2 "a wrong passphrase is refused"
contains "$err" "单位密钥的口令不对" "in words"
YEKUO_PASSPHRASE="correct horse battery" run "$YEKUO" seal
is "$rc" 0 "the right one seals"
run "$YEKUO" verify
is "$rc" 0 "verify needs no passphrase"
else
	skip 9 "a server's key has no passphrase (docs/deploy.md)"
fi

# --- a seal, a month of work, verify --seal --------------------------------
db=$TEST_HOME/month.db
export YEKUO_DB="$db"
now() { t=$1; shift; YEKUO_NOW=$t run "$YEKUO" "$@"; }
now 2026-03-02T09:00:00 init --training --office T
now 2026-03-02T09:00:00 case new --region national --category lv-resident --name "王五" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 --address "某地1号" \
	--capacity 8 --unit kW
t1=$out
now 2026-03-02T17:00:00 seal --out "$TEST_HOME/march.seal"
is "$rc" 0 "a seal at the start of the month, written to a file"
s1=$(printf '%s\n' "$out" | sed -n 's/^short	//p')
now 2026-03-03T10:00:00 case event "$t1" materials accept --items id,property
now 2026-03-04T10:00:00 case event "$t1" done accept
for d in 05 09 12 16 19 23 26 30; do
	now 2026-03-${d}T09:00:00 case new --region national --category lv-resident --name "客户$d" \
		--id-type resident-id --id 11010519491231002X --phone 13912345678 --address "某地$d号" \
		--capacity 8 --unit kW
done
now 2026-03-31T17:00:00 case event "$t1" done energise --meter-no 1234567890
now 2026-03-31T18:00:00 verify --seal "$s1"
is "$rc" 0 "after a month of work, verify --seal with the short digest passes"
contains "$out" "无误：数据库里的历史仍与封存 #2 封存时完全一致：1 件案件，1 条事件" \
	"saying what the seal covered"
now 2026-03-31T18:00:00 verify --seal "$TEST_HOME/march.seal"
is "$rc" 0 "so does the seal file"

# --- anchors: the receipt and the monthly filing ------------------------------
now 2026-03-31T18:10:00 case receipt "$t1"
is "$rc" 0 "a receipt"
contains "$out" "核验码 (verification)" "carries its anchors"
head=$(sqlite3 "$db" "SELECT hash FROM events WHERE case_no = '$t1' ORDER BY seq DESC LIMIT 1")
short=$(printf '%.4s %.4s %.4s %.4s' "$head" "${head#????}" "${head#????????}" "${head#????????????}")
contains "$out" "案件链头  $short" "the case's chain head, in short form"
rdigest=$(printf '%s\n' "$out" | sed -n 's/.*yekuo verify --seal //p')
now 2026-03-31T18:11:00 verify --seal "$rdigest"
is "$rc" 0 "the receipt's seal digest checks out"
nev=$(sqlite3 "$db" "SELECT count(*) FROM events")
contains "$out" "无误：数据库里的历史仍与封存 #3 封存时完全一致：9 件案件，$nev 条事件" \
	"the seal made for the receipt covers the month's work"
now 2026-03-31T18:12:00 report filing --month 2026-03 --encoding utf-8
is "$rc" 0 "the monthly filing"
contains "$out" "数据封存 (seal)" "carries the seal it was made under"
fdigest=$(printf '%s\n' "$out" | sed -n 's/^封存摘要 (seal digest),//p' | tr -d '\r')
sig=$(printf '%s\n' "$out" | sed -n 's/^封存签名 (signature),//p' | tr -d '\r')
is "${#sig}" 128 "and its signature (Ed25519, 128 hex digits)"
stmt=$(sqlite3 "$db" "SELECT signature FROM seals WHERE digest = '$fdigest'")
is "$stmt" "$sig" "the signature is the stored seal's"
now 2026-03-31T18:13:00 verify --seal "$fdigest"
is "$rc" 0 "and the filing's digest checks out"
nseals=$(sqlite3 "$db" "SELECT count(*) FROM seals")
now 2026-03-31T18:14:00 report supervision --encoding utf-8
contains "$out" "$fdigest" "a report with nothing new since the last seal cites that seal"
is "$(sqlite3 "$db" "SELECT count(*) FROM seals")" "$nseals" "and makes none"

if on_file; then
	python3 "$top_srcdir/tests/cli/forge.py" "$db" "$t1" 1 --effective 2026-03-01
else
	sqlite3 "$db" "ALTER TABLE events DISABLE TRIGGER events_no_update;
		UPDATE events SET effective = '2026-03-01' WHERE case_no = '$t1' AND seq = 1"
fi
now 2026-03-31T18:00:00 verify --seal "$TEST_HOME/march.seal"
is "$rc" 6 "once an event it covered is rewritten, verify --seal fails"
contains "$out" "问题：$t1: 事件 #1" "naming the case"
now 2026-03-31T18:00:00 verify --seal 0123456789abcdef
is "$rc" 6 "a digest this database never sealed is a no"
contains "$out" "没有摘要为" "in words"

done_testing
