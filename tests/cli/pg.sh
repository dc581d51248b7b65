#!/bin/sh
# PostgreSQL as a hall's shared store (docs/deploy.md), against a throwaway
# cluster: initdb in a temporary directory, Unix socket only, run as an
# unprivileged user. `server init`, two clerks as their own roles opening,
# advancing, listing and verifying cases, the event log refusing UPDATE and
# DELETE, case numbers that never collide, and two clerks advancing one case
# at once: one is saved, the other told who changed it and when.
# Skipped when PostgreSQL is not installed or yekuo was built without libpq.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg-lib.sh"
as() { _c=$1; shift; YEKUO_DB=$(uri "$_c") run "$YEKUO" "$@"; }

# --- server init -------------------------------------------------------------
run "$YEKUO" server init "$(uri admin)" --office HALL1
is "$rc" 0 "server init creates the database on the server"
contains "$out" "（单位 HALL1）" "and names its office"
contains "$out" "IN ROLE yekuo_clerk" "and says how to add a clerk"
run "$YEKUO" server init "$(uri admin)" --office HALL1
is "$rc" 4 "server init refuses a database that is already there (exit 4)"
contains "$err" "已经有 yekuo 数据库" "saying so"
run "$YEKUO" server init "$TEST_HOME/x.db"
is "$rc" 2 "server init refuses a file path"
contains "$err" "yekuo init" "and points at init for a file"
run "$YEKUO" --db "$(uri admin)" init
is "$rc" 2 "init refuses a server address"
contains "$err" "yekuo server init" "and points at server init"
run "$YEKUO" --db "postgresql:///nosuch?host=$pgdir&user=admin" case list
ok "$([ "$rc" -ne 0 ]; echo $?)" "a database that is not there is refused"
contains "$err" "无法连接服务器" "saying the server refused the connection"

run "$YEKUO" --db "postgresql://admin:s3cret@/nosuch?host=$pgdir&password=s3cret&application_name=x" case list
contains "$err" "postgresql://admin:***@/nosuch?host=$pgdir&password=***&application_name=x" \
	"a message names the server address with its password hidden"
case "$err" in *s3cret*) ok 1 "and never shows the password" ;; *) ok 0 "and never shows the password" ;; esac

sql admin "CREATE ROLE clerk_a LOGIN IN ROLE yekuo_clerk; CREATE ROLE clerk_b LOGIN IN ROLE yekuo_clerk"

# --- two clerks, one database ------------------------------------------------
new_case() { # new_case CLERK NAME
	as "$1" case new --region tianjin --category hv-dual --name "$2" --id-type uscc \
		--id 91350100M000100Y43 --phone 13800138000 --address "天津市滨海新区某路1号$2" \
		--capacity 800 --unit kVA
}
YEKUO_OPERATOR=mallory new_case clerk_a "天津某某制造有限公司"
is "$rc" 0 "clerk A opens a case on the server"
case1=$out
year=$(date +%Y)
is "$case1" "TJ-$year-HALL1-00001" "numbered from the server's office and counter"
as clerk_b case event "$case1" materials accept --items id,property,approval
is "$rc" 0 "clerk B advances clerk A's case"
as clerk_b case show "$case1"
is "$rc" 0 "case show reads it back"
contains "$out" " clerk_a]" "the opening is recorded by clerk A's role"
contains "$out" " clerk_b]" "the materials by clerk B's role"
case "$out" in *mallory*) ok 1 "YEKUO_OPERATOR does not name the operator on a server" ;;
*) ok 0 "YEKUO_OPERATOR does not name the operator on a server" ;; esac
is "$(sql admin "SELECT string_agg(operator, ',' ORDER BY seq) FROM events WHERE case_no = '$case1'")" \
	"clerk_a,clerk_b" "the events table holds each clerk's role"
new_case clerk_b "钱七有限公司"
case2=$out
as clerk_a case list --format tsv
is "$rc" 0 "case list on the server"
contains "$out" "$case1" "lists clerk A's case"
contains "$out" "$case2" "and clerk B's"
as clerk_a verify
is "$rc" 0 "verify: every chain and summary on the server checks out"
as clerk_a help --complete cases "TJ-$year-HALL1-0000"
is "$out" "$case1
$case2" "case numbers complete from the server"

# --- the event log is append-only ---------------------------------------------
run sql admin "UPDATE events SET operator = 'x' WHERE case_no = '$case1'"
ok "$([ "$rc" -ne 0 ]; echo $?)" "UPDATE on events is refused, even for the owner"
contains "$err" "events are append-only" "by the append-only guard"
run sql admin "DELETE FROM events WHERE case_no = '$case1'"
contains "$err" "events are append-only" "DELETE too"
run sql clerk_a "UPDATE events SET operator = 'x'"
contains "$err" "permission denied" "a clerk's role may not UPDATE events"
run sql clerk_a "ALTER TABLE events DISABLE TRIGGER events_no_update"
contains "$err" "must be owner" "nor switch the guard off"
run sql clerk_a "INSERT INTO events (uuid, case_no, seq, kind, effective, recorded, operator, origin, data, prev_hash, hash) SELECT 'u1', case_no, 99, kind, effective, recorded, 'clerk_b', 'local', data, '', '' FROM events WHERE case_no = '$case1' AND seq = 1"
contains "$err" "names operator clerk_b" "nor record an event in another clerk's name"
name1=$(sql admin "SELECT name FROM cases WHERE case_no = '$case1'")
sql admin "UPDATE cases SET name = 'x' WHERE case_no = '$case1'"
as clerk_a verify
is "$rc" 6 "verify catches a summary edited behind the program's back (exit 6)"
contains "$out" "$case1: 案件摘要与其事件不符" "naming the case"
sql admin "UPDATE cases SET name = '$name1' WHERE case_no = '$case1'"
sql admin "ALTER TABLE events DISABLE TRIGGER events_no_delete"
as clerk_a verify
contains "$out" "事件记录的只增保护被去掉了" \
	"verify notices a guard switched off"
sql admin "ALTER TABLE events ENABLE TRIGGER events_no_delete"

# --- many clerks at once -------------------------------------------------------
for i in 1 2 3 4 5 6; do
	c=clerk_a
	[ $((i % 2)) = 0 ] && c=clerk_b
	(YEKUO_DB=$(uri $c) "$YEKUO" case new --region tianjin --category hv-dual --name "并发$i" \
		--id-type uscc --id 91350100M000100Y43 --phone 13800138000 --address "天津市某路$i号" \
		--capacity 800 --unit kVA >"$TEST_HOME/new.$i" 2>&1) &
done
wait
nums=$(cat "$TEST_HOME"/new.* | sort -u | grep -c "^TJ-$year-HALL1-")
is "$nums" 6 "six cases opened at once by two clerks get six different numbers"

# Two clerks advance one case at once. An administrator's lock on the cases
# table (what a long report might hold) keeps both inside their transaction
# until it ends, so that both append to the same chain position.
sql admin "BEGIN; LOCK TABLE cases IN EXCLUSIVE MODE; SELECT pg_sleep(2); COMMIT" >/dev/null &
locker=$!
sleep 0.5
for c in clerk_a clerk_b; do
	(YEKUO_DB=$(uri $c) "$YEKUO" case event "$case2" materials accept --items id,property,approval >"$TEST_HOME/adv.$c" 2>&1
	 echo $? >"$TEST_HOME/rc.$c") &
done
wait
wait "$locker" 2>/dev/null
oks=$(cat "$TEST_HOME"/rc.clerk_a "$TEST_HOME"/rc.clerk_b | grep -c '^0$')
is "$oks" 1 "two clerks advancing one case at once: exactly one is saved"
winner=$(sql admin "SELECT operator FROM events WHERE case_no = '$case2' AND seq = 2")
loser=clerk_a
[ "$winner" = clerk_a ] && loser=clerk_b
msg=$(cat "$TEST_HOME/adv.$loser")
contains "$msg" "$case2：$winner 在 " "the other is told which clerk changed the case"
contains "$msg" "请重新载入（什么也没有保存）" "and to reload"
is "$(cat "$TEST_HOME/rc.$loser")" 4 "with the conflict exit status (4)"
is "$(sql admin "SELECT count(*) FROM events WHERE case_no = '$case2'")" 2 "one event was added, not two"
as clerk_b case event "$case2" done accept
is "$rc" 0 "after reloading, the other clerk goes on"
as clerk_a verify
is "$rc" 0 "the server still verifies after the race"

# --- settings on a server (docs/deploy.md "settings") ---------------------------
# every clerk reads the office's settings and each clerk's; a clerk changes
# only their own; the office's and other clerks' the owner or yekuo_admin
as clerk_a config set hall-name "和平区供电营业厅"
is "$rc" 2 "a clerk may not change the office's settings (exit 2)"
contains "$err" "数据库角色 clerk_a 不能改单位的设置" "saying so, naming the role"
contains "$err" "GRANT yekuo_admin TO clerk_a" "and how to be allowed"
is "$(sql admin "SELECT count(*) FROM office_settings")" 0 "nothing was kept"
run sql clerk_a "INSERT INTO office_settings VALUES ('hall-name', 'x')"
contains "$err" "permission denied" "nor may a clerk write the table itself"
as admin config set hall-name "和平区供电营业厅"
is "$rc" 0 "the owner sets the hall's name"
as clerk_a config set clerk-name "张晓"
is "$rc" 0 "a clerk sets their own display name"
as clerk_a config set staff-no TJ-0012
as clerk_b config set clerk-name "李梅" --clerk clerk_a
is "$rc" 2 "a clerk may not change another clerk's settings"
contains "$err" "也不能改其他受理人的设置" "saying so"
run sql clerk_b "UPDATE clerk_settings SET value = 'x' WHERE role = 'clerk_a'"
is "$(sql admin "SELECT value FROM clerk_settings WHERE role = 'clerk_a' AND key = 'clerk-name'")" "张晓" \
	"nor change another clerk's row in the table itself"
as clerk_b config --format tsv
contains "$out" "hall-name	和平区供电营业厅" "another clerk sees the office's settings"
sql admin "GRANT yekuo_admin TO clerk_b"
as clerk_b config set hotline 022-95598
is "$rc" 0 "a member of yekuo_admin changes the office's settings"
as clerk_b case receipt "$case1"
is "$rc" 0 "a receipt on the server"
contains "$out" "营业厅    ：和平区供电营业厅" "names the hall"
contains "$out" "服务热线  ：供电服务热线 022-95598" "and its hotline"
contains "$out" "受理人    ：张晓（工号 TJ-0012）" "and the clerk who opened the case, by display name"
as clerk_b config set clerk-name "张小" --clerk clerk_a
is "$rc" 0 "a member of yekuo_admin may set another clerk's name"
as clerk_b config set office HALL2
is "$rc" 4 "the office code of a server never changes (exit 4)"
contains "$err" "办事处代码已是 HALL1" "saying which it keeps"

# --- a database of server schema 2 (before settings) is upgraded ------------------
sql admin "DROP TABLE office_settings, clerk_settings;
	ALTER TABLE meta DISABLE TRIGGER meta_fixed;
	UPDATE meta SET value = '2' WHERE key = 'schema';
	ALTER TABLE meta ENABLE TRIGGER meta_fixed"
as clerk_a case list
ok "$([ "$rc" -ne 0 ]; echo $?)" "a clerk cannot upgrade a schema-2 server"
contains "$err" "yekuo server init" "and is told who can"
as admin case list
is "$rc" 0 "its owner opens it: upgraded to schema 3"
is "$(sql admin "SELECT value FROM meta WHERE key = 'schema'")" 3 "the schema is 3"
as clerk_a config set clerk-name "张晓"
is "$rc" 0 "and clerks keep their settings there"

# --- a database of server schema 1 (before sync and seals) is upgraded ------------
# Schema 1 as the first server init made it: no sync or seal tables, no
# office key, the plain delete guard, the meta rows unguarded.
sql admin "DROP TABLE sync_events, sync_peers, sync_imports, sync_unlock, seals, seal_events,
	trusted_offices, office_seals, office_key, office_settings, clerk_settings;
	DROP TRIGGER events_no_delete ON events; DROP TRIGGER meta_fixed ON meta;
	DROP FUNCTION yekuo_events_delete(), yekuo_meta_fixed(), yekuo_capture_lock(),
	  yekuo_merge_delete(text, bigint, boolean);
	DROP INDEX events_sync;
	CREATE TRIGGER events_no_delete BEFORE DELETE ON events
	  FOR EACH ROW EXECUTE FUNCTION yekuo_append_only();
	DELETE FROM meta WHERE key IN ('identity', 'identity-signature');
	UPDATE meta SET value = '1' WHERE key = 'schema'"
as clerk_a case list
ok "$([ "$rc" -ne 0 ]; echo $?)" "a clerk cannot upgrade a schema-1 server"
contains "$err" "yekuo server init" "and is told who can"
as admin case list
is "$rc" 0 "its owner opens it: upgraded to schema 3, through 2"
is "$(sql admin "SELECT value FROM meta WHERE key = 'schema'")" 3 "the schema is 3"
as clerk_a seal
is "$rc" 0 "a clerk seals the upgraded database"
contains "$err" "office_key" "its first seal makes the office key, saying where it is kept"
as clerk_a verify
is "$rc" 0 "and it verifies, seals and guards included"

# --- a database from a newer yekuo ------------------------------------------------
sql admin "ALTER TABLE meta DISABLE TRIGGER meta_fixed; UPDATE meta SET value = '99' WHERE key = 'schema'"
as clerk_a case list
is "$rc" 6 "a server database from a newer yekuo is refused (exit 6)"
contains "$err" "服务器的数据库结构版本是 99，这个 yekuo 认识的是 3" "saying which schema each has"

done_testing
