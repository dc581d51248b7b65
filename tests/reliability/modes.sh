#!/bin/sh
# Cases hold names, ID numbers and phone numbers: the database and the
# -wal and -shm files beside it are readable by their owner only (0600),
# whatever the umask, and the default folder is 0700.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reliability/lib.sh"

umask 000
db=$TEST_HOME/cases.db
make_db "$db" 1
is "$(stat -c %a "$db")" 600 "with umask 000 the new database is still 0600"

# The -wal and -shm files exist while a connection is open: keep one open
# in another process and write through yekuo meanwhile.
if [ -n "$PYTHON" ]; then
	rm -f "$db.open" "$db.close"
	"$PYTHON" - "$db" <<'EOF' &
import os, sqlite3, sys, time
db = sys.argv[1]
c = sqlite3.connect(db)
c.execute("SELECT count(*) FROM events").fetchall()
open(db + ".open", "w").close()
for _ in range(400):
    if os.path.exists(db + ".close"):
        break
    time.sleep(0.05)
c.close()
EOF
	holder=$!
	i=0
	while [ ! -e "$db.open" ] && [ "$i" -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	run new_case "$db" 李四
	is "$rc" 0 "a case is written while another connection is open"
	ok "$([ -s "$db-wal" ]; echo $?)" "so the write went to the -wal file"
	is "$(stat -c %a "$db-wal" 2>&1)" 600 "the -wal file is 0600"
	is "$(stat -c %a "$db-shm" 2>&1)" 600 "the -shm file is 0600"
	touch "$db.close"
	wait "$holder"
else
	skip "the -wal/-shm check needs python3 with its sqlite3 module"
fi

# A -wal and -shm file left by a writer killed mid-way (no other
# connection open). SQLite creates the -wal before the -shm when it opens
# the database and unlinks the -shm before the -wal when it closes it, so a
# kill can also leave a -wal alone; that state has no -shm to check, so
# keep trying until a kill leaves both.
db2=$TEST_HOME/killed.db
make_db "$db2" 0
i=0
while ! { [ -e "$db2-wal" ] && [ -e "$db2-shm" ]; } && [ "$i" -lt 300 ]; do
	i=$((i + 1))
	"$YEKUO" --db "$db2" case new --region national --category lv-resident --name "王$i" \
		--id-type resident-id --id 11010519491231002X --phone 13912345678 \
		--address 某地 --capacity 8 --unit kW >/dev/null 2>&1 &
	p=$!
	sleep "0.$(printf %03d $((i % 12 + 1)))"
	kill -KILL "$p" 2>/dev/null
	wait "$p" 2>/dev/null
done
if [ -e "$db2-wal" ] && [ -e "$db2-shm" ]; then
	is "$(stat -c %a "$db2-wal")" 600 "a -wal file left by a killed yekuo is 0600 (after $i tries)"
	is "$(stat -c %a "$db2-shm")" 600 "and so is its -shm file"
else
	skip "no kill landed while the database was open in $i tries"
fi

# The default place: $XDG_DATA_HOME/yekuo/yekuo.db, folder created 0700.
run "$YEKUO" init --training
is "$rc" 0 "init without --db uses the default place"
is "$(stat -c %a "$XDG_DATA_HOME/yekuo" 2>&1)" 700 "the default folder is created 0700"
is "$(stat -c %a "$XDG_DATA_HOME/yekuo/yekuo.db" 2>&1)" 600 "and the database in it 0600"

done_testing
