#!/bin/sh
# The world getting in the way: a missing folder, permission denied, a
# read-only file or folder, a full disk, and the database locked by another
# program. Each time: a clear message naming the file, the exit status of
# its kind (3 not found, 5 locked, 7 the system refused; never a crash),
# nothing corrupted and nothing already stored lost.
#
# Root ignores file permissions, so the permission and read-only cases run
# as the unprivileged user 65534 (setpriv or runuser); they are skipped,
# with the reason, only when neither tool exists. The full disk is a 512 KiB
# tmpfs mounted in a private mount namespace (unshare -m) when that works,
# else a file size limit (ulimit -f; YEKUO_TEST_FULL_DISK=ulimit forces it).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reliability/lib.sh"

# refused DESCRIPTION FILE WORD STATUS: the last `run` failed cleanly with
# exit STATUS, naming FILE
refused() {
	is "$rc" "$4" "$1: refused (exit $4)"
	contains "$err" "$2" "$1: the message names the file"
	contains "$err" "$3" "$1: and says why ($3)"
}

# --- a missing folder ---------------------------------------------------------
db=$TEST_HOME/no-such-folder/cases.db
run yk "$db" init --training
refused "init in a missing folder" "$db" "不存在" 3
run yk "$db" case list
refused "case list in a missing folder" "$db" "不存在" 3
run new_case "$db" 张三
refused "case new in a missing folder" "$db" "不存在" 3
ok "$([ ! -e "$TEST_HOME/no-such-folder" ]; echo $?)" "the folder was not created behind the user's back"

# --- as an unprivileged user --------------------------------------------------
if [ -n "$as_nobody" ]; then
	nobody_setup
	if ! env YEKUO_DATA_DIR="$pub_data" $as_nobody "$pub_yekuo" rules list \
		>/dev/null 2>"$TEST_HOME/why"; then
		nobody_why="user 65534 cannot run yekuo here: $(head -1 "$TEST_HOME/why")"
		as_nobody=
	fi
fi
if [ -n "$as_nobody" ]; then
	# permission denied: root's 0600 database in a folder anyone may enter
	mkdir -m 755 "$pub/root"
	db=$pub/root/cases.db
	make_db "$db" 1
	s=$(sum "$db")
	nobody "$db" case list
	refused "someone else's database" "$db" "Permission denied" 7
	nobody "$db" case event CN-2026-A-00001 materials accept --items id
	refused "writing to someone else's database" "$db" "Permission denied" 7
	# … and in a folder that user may not enter
	mkdir -m 700 "$pub/private"
	make_db "$pub/private/cases.db" 1
	nobody "$pub/private/cases.db" verify
	refused "a database in a folder one may not enter" "$pub/private/cases.db" "Permission denied" 7
	is "$(sum "$db")" "$s" "the refused databases are unchanged"

	# a read-only database file (the user's own, mode 0400)
	mkdir -m 755 "$pub/ro"
	db=$pub/ro/cases.db
	make_db "$db" 2
	chown -R 65534:65534 "$pub/ro"
	chmod 400 "$db"
	s=$(sum "$db")
	nobody "$db" case list
	refused "case list on a read-only file" "$db" "只读" 7
	nobody "$db" case event CN-2026-A-00001 materials accept --items id
	refused "case event on a read-only file" "$db" "只读" 7
	nobody "$db" verify
	refused "verify on a read-only file" "$db" "只读" 7
	is "$(sum "$db")" "$s" "the read-only file is unchanged"
	ok "$(ls "$db"-* >/dev/null 2>&1 && echo 1 || echo 0)" \
		"no -wal or -shm file was left behind"
	# Regression: a read-only -shm left by an earlier read-only open kept
	# refusing writes after the file was made writable again.
	chmod 600 "$db"
	nobody "$db" case event CN-2026-A-00001 materials accept --items id
	is "$rc" 0 "once the file is writable again, writing works at once"
	nobody "$db" verify
	is "$rc" 0 "and the database verifies"
	is "$(q "$db" "SELECT count(*) FROM cases")" 2 "with both earlier cases"

	# a writable database in a read-only folder (no room for the -wal file)
	mkdir -m 755 "$pub/rodir"
	db=$pub/rodir/cases.db
	make_db "$db" 2
	chown 65534:65534 "$db"
	s=$(sum "$db")
	nobody "$db" case event CN-2026-A-00001 materials accept --items id
	refused "a database in a read-only folder" "$db" "只读" 7
	is "$(sum "$db")" "$s" "the database is unchanged"
	run yk "$db" verify
	is "$rc" 0 "and still verifies"
	is "$(q "$db" "SELECT count(*) FROM cases")" 2 "with both earlier cases"
else
	skip "permission and read-only cases: $nobody_why"
fi

# --- a full disk ----------------------------------------------------------------
# full_disk DIR: runs in a private mount namespace (or with a file size
# limit) and prints "name rc message" lines for the parent to check.
cat >"$TEST_HOME/full.sh" <<'EOF'
set -u
dir=$1 how=$2
cd "$dir" || exit 1
. "$top_srcdir/tests/reliability/lib.sh"
if [ "$how" = tmpfs ]; then
	mount -t tmpfs -o size=512k yekuo-full "$dir" || exit 3
	cd "$dir" || exit 1
fi
make_db f.db 3 || exit 4
try() { # try NAME CMD…
	_n=$1
	shift
	_e=$("$@" 2>&1 >/dev/null) # no file: the disk is full
	echo "$_n $? $(echo "$_e" | head -1)"
}
if [ "$how" = tmpfs ]; then
	# fill the disk, then try to write
	dd if=/dev/zero of=fill bs=4k >/dev/null 2>&1
	try new new_case f.db 王五
	try event yk f.db case event CN-2026-A-00001 materials accept --items id
	# …and with another program holding the database open (its -wal and
	# -shm exist), so the write fails on the log itself
	rm -f fill
	"$PYTHON" - <<'PY' || echo "held 0 python failed"
import os, sqlite3, subprocess
c = sqlite3.connect("f.db")
c.execute("SELECT count(*) FROM events").fetchall()
subprocess.run(["dd", "if=/dev/zero", "of=fill", "bs=4k"], stderr=subprocess.DEVNULL)
r = subprocess.run([os.environ["YEKUO"], "--db", "f.db", "case", "event", "CN-2026-A-00002",
                    "materials", "accept", "--items", "id", "--notes", "x" * 255],
                   capture_output=True, text=True)
print("held", r.returncode, (r.stderr.splitlines() or [""])[0], flush=True)
PY
	rm -f fill
else
	( # a subshell: the limit goes away with it
		trap '' XFSZ
		ulimit -f 256 # 128 KiB
		i=0 _rc=0
		while [ "$i" -lt 200 ] && [ "$_rc" -eq 0 ]; do
			i=$((i + 1))
			_e=$(yk f.db case new --region national --category lv-resident --name "客户x$i" \
				--id-type resident-id --id 11010519491231002X --phone 13912345678 \
				--address "$(printf "%0400d" $i)" --capacity 8 --unit kW 2>&1 >/dev/null)
			_rc=$?
		done
		echo "new $_rc $(echo "$_e" | head -1)"
	)
fi
try verify yk f.db verify
echo "cases $(q f.db "SELECT count(*) FROM cases WHERE name LIKE '客户%'")"
echo "events $(q f.db "SELECT count(*) FROM events WHERE case_no = 'CN-2026-A-00002'")"
try after new_case f.db 赵六
EOF
mkdir "$TEST_HOME/full"
how=
if [ "${YEKUO_TEST_FULL_DISK:-}" != ulimit ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && [ -n "$PYTHON" ] &&
	unshare -m --propagation private sh -c \
		"mount -t tmpfs -o size=64k yekuo-probe '$TEST_HOME/full'" 2>/dev/null; then
	how=tmpfs
	unshare -m --propagation private sh "$TEST_HOME/full.sh" "$TEST_HOME/full" tmpfs \
		>"$TEST_HOME/full.out" 2>&1
else
	how=ulimit
	(export PYTHON; sh "$TEST_HOME/full.sh" "$TEST_HOME/full" ulimit >"$TEST_HOME/full.out" 2>&1)
fi
echo "# full disk by $how:"
sed 's/^/#   /' "$TEST_HOME/full.out"
line() { sed -n "s/^$1 //p" "$TEST_HOME/full.out"; }
if [ "$how" = tmpfs ]; then
	want="磁盘已满"
	for t in new event held; do
		l=$(line $t)
		is "${l%% *}" 7 "full disk ($t): refused with exit 7 (the system refused)"
		contains "$l" "f.db" "full disk ($t): the message names the file"
		contains "$l" "$want" "full disk ($t): and says the disk is full"
	done
	is "$(line events)" 1 "full disk: the refused events were not stored"
else
	l=$(line new)
	is "${l%% *}" 7 "file size limit: refused with exit 7 (the system refused)"
	contains "$l" "f.db" "file size limit: the message names the file"
	contains "$l" "文件大小的上限" "file size limit: and says so"
fi
l=$(line verify)
is "${l%% *}" 0 "after the full disk the database verifies"
ok "$([ "$(line cases)" -ge 3 ]; echo $?)" "every earlier case is still there ($(line cases))"
l=$(line after)
is "${l%% *}" 0 "with space again, a new case is saved"

# --- locked by another program ---------------------------------------------------
if [ -n "$PYTHON" ]; then
	db=$TEST_HOME/locked.db
	make_db "$db" 1
	# hold DB MODE: another program holding the database until $db.release
	# appears; MODE "wal" is BEGIN EXCLUSIVE (writers wait, readers go on),
	# "exclusive" also takes the file lock in exclusive locking mode
	hold() {
		rm -f "$db.held" "$db.release"
		"$PYTHON" - "$db" "$1" <<'EOF' &
import os, sqlite3, sys, time
db, mode = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, isolation_level=None, timeout=5)
if mode == "exclusive":
    c.execute("PRAGMA journal_mode = DELETE")
    c.execute("PRAGMA locking_mode = EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE")
c.execute("SELECT count(*) FROM events").fetchall()
open(db + ".held", "w").close()
for _ in range(600):
    if os.path.exists(db + ".release"):
        break
    time.sleep(0.05)
c.execute("ROLLBACK")
if mode == "exclusive":
    c.execute("PRAGMA locking_mode = NORMAL")
    c.execute("PRAGMA journal_mode = WAL")
c.close()
EOF
		holder=$!
		i=0
		while [ ! -e "$db.held" ] && [ "$i" -lt 200 ]; do
			sleep 0.05
			i=$((i + 1))
		done
	}
	release() {
		touch "$db.release"
		wait "$holder"
	}

	hold wal
	t0=$(ms)
	YEKUO_BUSY_TIMEOUT=500 run new_case "$db" 王五
	t=$(($(ms) - t0))
	refused "a write while another program holds the database" "$db" \
		"别的程序正占用数据库" 5
	ok "$([ "$t" -ge 450 ]; echo $?)" "it waited for the lock first (${t} ms)"
	YEKUO_BUSY_TIMEOUT=500 run yk "$db" case list
	is "$rc" 0 "reading still works meanwhile (WAL)"
	release
	run new_case "$db" 王五
	is "$rc" 0 "once the other program lets go, the write goes through"

	hold exclusive
	t0=$(ms)
	YEKUO_BUSY_TIMEOUT=500 run yk "$db" case list
	t=$(($(ms) - t0))
	refused "reading a database another program locked exclusively" "$db" \
		"别的程序正占用数据库" 5
	ok "$([ "$t" -ge 450 ]; echo $?)" "it waited for the lock first (${t} ms)"
	release
	run yk "$db" verify
	is "$rc" 0 "the database verifies afterwards"
	is "$(q "$db" "SELECT count(*) FROM cases")" 2 "and holds both cases"
else
	skip "the lock cases need python3 with its sqlite3 module"
fi

done_testing
