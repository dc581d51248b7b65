#!/bin/sh
# One exit status per kind of outcome, the same from every command
# (include/yekuo/cli/exitcode.h, yekuo(1) EXIT STATUS): a script can tell
# "no" from bad input from a missing case from a locked database.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/codes.db
export YEKUO_DB="$db"
export YEKUO_NOW=2026-03-02T09:00:00
y() { run "$YEKUO" "$@"; }

# --- 0: done -------------------------------------------------------------------
y init --training --office A
is "$rc" 0 "0: init creates the database"
y case new --region national --category lv-resident --name 张三 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 某地1号 --capacity 8 --unit kW
is "$rc" 0 "0: case new opens a case"
case1=$out

# --- 1: the answer is no ----------------------------------------------------------
y calendar show 2099
is "$rc" 1 "1: calendar show of a year not loaded answers no"
y sync conflicts
is "$rc" 1 "1: sync conflicts with none answers no"

# --- 2: bad input ------------------------------------------------------------------
y frobnicate
is "$rc" 2 "2: an unknown command"
y case show "$case1" --colour
is "$rc" 2 "2: an unknown option"
y calendar add 2026-02-30 3
is "$rc" 2 "2: a date that does not exist"
y case event "$case1" materials accept --items passport-photo
is "$rc" 2 "2: an item outside the checklist"

# --- 3: not found: every command that takes a case says the same ---------------------
for cmd in "case show" "case event" "case receipt"; do
	# shellcheck disable=SC2086
	if [ "$cmd" = "case event" ]; then y $cmd NO-SUCH-CASE start plan; else y $cmd NO-SUCH-CASE; fi
	is "$rc" 3 "3: $cmd of a missing case"
	contains "$err" "没有案件 'NO-SUCH-CASE'" "3: $cmd names it"
done
y sync resolve NO-SUCH-CASE --keep A --reason 试
is "$rc" 3 "3: sync resolve of a missing case"
y rules show no-such-profile
is "$rc" 3 "3: rules show of a missing profile"
y import cases "$TEST_HOME/no-such.csv"
is "$rc" 3 "3: import of a missing file"
y --db "$TEST_HOME/none.db" verify
is "$rc" 3 "3: verify of a database that is not there"

# --- 4: conflict with what is stored ---------------------------------------------------
y init --training
is "$rc" 4 "4: init over an existing database"
y case event "$case1" resume
is "$rc" 4 "4: resume of a case that is not suspended"
y case event "$case1" done plan
is "$rc" 4 "4: finishing a stage that has not started"
y sync resolve "$case1" --keep A --reason 试
is "$rc" 4 "4: resolving a case that has no conflict"

# --- 5: locked by another program ----------------------------------------------------------
# the other program: the sqlite3 shell in an exclusive transaction, or on a
# server psql holding a lock on the events (as a psql left in a
# transaction would); yekuo waits YEKUO_BUSY_TIMEOUT ms (the file's busy
# timeout, the server's lock_timeout), then gives up
mkfifo "$TEST_HOME/sql"
if on_file; then
	sqlite3 -batch "$db" <"$TEST_HOME/sql" >"$TEST_HOME/held" 2>&1 &
else
	"$YEKUO_PG_BIN/psql" -X -q -A -t -h "$YEKUO_PG_HOST" -U admin \
		-d "t_$(printf '%s' "$db" | md5sum | cut -c1-20)" <"$TEST_HOME/sql" >"$TEST_HOME/held" 2>&1 &
fi
holder=$!
exec 3>"$TEST_HOME/sql"
if on_file; then
	printf 'BEGIN EXCLUSIVE;\nSELECT count(*) FROM events;\n.print held\n' >&3
else
	printf 'BEGIN;\nLOCK TABLE events IN EXCLUSIVE MODE;\n\\echo held\n' >&3
fi
i=0
while ! grep -q held "$TEST_HOME/held" && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
YEKUO_BUSY_TIMEOUT=100 y case event "$case1" materials accept --items id
is "$rc" 5 "5: a write while another program holds the database"
contains "$err" "别的程序正占用数据库" "5: saying so"
exec 3>&-
wait "$holder"
y case event "$case1" materials accept --items id
is "$rc" 0 "0: the same write once it lets go"

# --- 6: damaged ----------------------------------------------------------------------------
printf 'not a database' >"$TEST_HOME/junk.db"
YEKUO_DB=$TEST_HOME/junk.db y case show "$case1"
is "$rc" 6 "6: a file that is not a yekuo database"
cp "$db" "$TEST_HOME/edited.db"
sqlite3 "$TEST_HOME/edited.db" "PRAGMA journal_mode=DELETE; UPDATE cases SET state = replace(state, '张三', '李四')" >/dev/null
YEKUO_DB=$TEST_HOME/edited.db y verify
is "$rc" 6 "6: verify finds a summary edited behind the program's back"
mkdir -p "$TEST_HOME/data/yekuo/calendar"
printf 'this is not a calendar\n' >"$TEST_HOME/data/yekuo/calendar/2026.cal"
y calendar add 2026-03-02 3
is "$rc" 6 "6: an installed calendar file that does not load"
rm "$TEST_HOME/data/yekuo/calendar/2026.cal"

# --- 7: the system refused ----------------------------------------------------------------
rc7=$(
	trap '' XFSZ
	ulimit -f 0
	"$YEKUO" calendar load "$top_srcdir/data/calendar/2026.cal" >/dev/null 2>&1
	echo "$?"
)
is "$rc7" 7 "7: a file the system will not let us write (ulimit -f 0)"

# --- the table itself, as the help prints it ----------------------------------------------
y help
for code in 0 1 2 3 4 5 6 7; do
	contains "$out" "
  $code " "help lists exit status $code"
done

done_testing
