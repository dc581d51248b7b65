#!/bin/sh
# Crash safety: writers killed with SIGKILL at random points.
#
# Each round starts three writers on one database at once — a `case new`
# and two `case event`s on the same case, each carrying a marker unique to
# the round — and kills each of them with SIGKILL after a random delay
# spread over the time a write takes (measured first), so the kill lands
# anywhere from start-up to the commit, the output or the exit. After
# every round `yekuo verify` and PRAGMA integrity_check must pass; at the
# end every action that reported success (its output was printed before
# the kill, or it exited 0) must be stored, exactly once.
#
# Runs about 20 s in `make check`. Longer:
#     YEKUO_CRASH_SECONDS=600 make check TESTS=tests/reliability/crash.sh
# YEKUO_CRASH_SEED=N repeats the delays of an earlier run (printed below).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reliability/lib.sh"

secs=${YEKUO_CRASH_SECONDS:-20}
seed=${YEKUO_CRASH_SEED:-$(($(date +%s) % 100000))}
echo "# seed $seed, $secs s (YEKUO_CRASH_SECONDS / YEKUO_CRASH_SEED to change)"

db=$TEST_HOME/crash.db
w=$TEST_HOME/w
mkdir -p "$w"
make_db "$db" 2
is "$?" 0 "a training database with two cases"
c1=CN-2026-A-00001

# How long one write takes here (sanitizer builds are slower): kills are
# spread over twice that.
t0=$(ms)
for i in 1 2 3 4 5; do
	yk "$db" case event "$c1" materials accept --items id --notes "warm$i" >/dev/null
done
per=$((($(ms) - t0) / 5))
win=$((per * 2 + 2))
echo "# one write takes ~${per} ms; kills land within ${win} ms of the start"

# expected: one line per action that reported success
#   new CASE-NO NAME   |   ev MARKER
: >"$w/expected"
rounds=0 killed=0 walleft=0 bad_integrity=0 bad_verify=0 odd=0 badmode=0
end=$(($(date +%s) + secs))
while [ "$(date +%s)" -lt "$end" ]; do
	rounds=$((rounds + 1))
	r=$rounds
	# shellcheck disable=SC2046
	set -- $(awk -v s="$seed" -v r="$r" -v w="$win" \
		'BEGIN { srand(s * 7919 + r); for (i = 0; i < 3; i++) printf "%.4f ", rand() * w / 3000 }')
	# empty the output files first: a writer killed before its shell child
	# even opened them must not inherit the previous round's output
	: >"$w/o1"
	: >"$w/o2"
	: >"$w/o3"
	# simple commands, so that $! is yekuo itself and not a subshell
	"$YEKUO" --db "$db" case new --region national --category lv-resident \
		--name "崩溃r$r" --id-type resident-id --id 11010519491231002X \
		--phone 13912345678 --address "某地r$r" --capacity 8 --unit kW >"$w/o1" 2>"$w/e1" &
	p1=$!
	"$YEKUO" --db "$db" case event "$c1" materials accept --items id --notes "r${r}a" \
		>"$w/o2" 2>"$w/e2" &
	p2=$!
	"$YEKUO" --db "$db" case event "$c1" materials accept --items id --notes "r${r}b" \
		>"$w/o3" 2>"$w/e3" &
	p3=$!
	# the three delays add up to at most the window; a writer already
	# gone is a zombie until waited for, so its pid is still ours
	sleep "$1"; kill -KILL "$p1" 2>/dev/null
	sleep "$2"; kill -KILL "$p2" 2>/dev/null
	sleep "$3"; kill -KILL "$p3" 2>/dev/null
	i=0
	for p in $p1 $p2 $p3; do
		i=$((i + 1))
		wait "$p"
		rc=$?
		if [ "$rc" -eq 137 ]; then
			killed=$((killed + 1))
		elif [ "$rc" -ne 0 ]; then
			odd=$((odd + 1))
			echo "# round $r writer $i: exit $rc: $(cat "$w/e$i")"
		fi
		if [ -s "$w/o$i" ]; then
			case $i in
			1) echo "new $(head -1 "$w/o1") 崩溃r$r" >>"$w/expected" ;;
			2) echo "ev r${r}a" >>"$w/expected" ;;
			3) echo "ev r${r}b" >>"$w/expected" ;;
			esac
		elif [ "$rc" -eq 0 ]; then
			odd=$((odd + 1))
			echo "# round $r writer $i: exit 0 but printed nothing"
		fi
	done
	# what a killed writer leaves behind is private too
	for f in "$db-wal" "$db-shm"; do
		if [ -e "$f" ]; then
			[ "$f" = "$db-wal" ] && walleft=$((walleft + 1))
			[ "$(stat -c %a "$f")" = 600 ] || badmode=$((badmode + 1))
		fi
	done
	if ! yk "$db" verify >"$w/verify" 2>&1; then
		bad_verify=$((bad_verify + 1))
		sed 's/^/# /' "$w/verify" | head -5
	fi
	ic=$(q "$db" "PRAGMA integrity_check" 2>&1)
	if [ "$ic" != ok ]; then
		bad_integrity=$((bad_integrity + 1))
		echo "$ic" | head -5 | sed "s/^/# round $r: integrity_check: /"
	fi
done
echo "# $rounds rounds, $killed writers killed, $walleft rounds left a -wal behind"
ok "$((rounds < 10))" "at least 10 rounds ran ($rounds)"
ok "$((killed == 0))" "some writers were killed mid-way ($killed)"
is "$bad_verify" 0 "yekuo verify passed after every round"
is "$bad_integrity" 0 "PRAGMA integrity_check said ok after every round"
is "$odd" 0 "no writer failed other than by being killed"
is "$badmode" 0 "the -wal and -shm files a killed writer leaves are 0600"

# Every success is stored, exactly once.
n=$(wc -l <"$w/expected")
awk '
	$1 == "new" { printf "INSERT INTO want VALUES (%c%s%c, %c%s%c);\n", 39, $2, 39, 39, $3, 39 }
	$1 == "ev"  { printf "INSERT INTO mark VALUES (%c%s%c);\n", 39, $2, 39 }
' "$w/expected" >"$w/expected.sql"
{
	echo "CREATE TEMP TABLE want (case_no TEXT, name TEXT);"
	echo "CREATE TEMP TABLE mark (m TEXT);"
	cat "$w/expected.sql"
	echo "SELECT 'found ' || ((SELECT count(*) FROM want) + (SELECT count(*) FROM mark));"
	echo "SELECT 'case ' || case_no || ' ' || name FROM want w WHERE NOT EXISTS
		(SELECT 1 FROM cases c WHERE c.case_no = w.case_no AND c.name = w.name);"
	echo "SELECT 'event ' || m FROM mark WHERE NOT EXISTS (SELECT 1 FROM events
		WHERE case_no = '$c1' AND instr(data, 'notes=' || m || char(10)) > 0);"
} >"$w/check.sql"
missing=$(sqlite3 -batch -bail "$db" <"$w/check.sql" 2>&1)
is "$missing" "found $n" "every one of the $n actions that reported success is stored"
if [ "$missing" != "found $n" ] && [ -n "${top_builddir:-}" ]; then
	# keep the evidence: the database and what was expected of it
	keep=$top_builddir/tests/reliability/crash-failed
	rm -rf "$keep" && mkdir -p "$keep" && cp "$db"* "$w/expected" "$keep/"
	echo "# kept in $keep"
fi
dups=$(q "$db" "SELECT data FROM events WHERE case_no = '$c1' AND kind = 'materials'
	GROUP BY data HAVING count(*) > 1; SELECT name FROM cases GROUP BY name HAVING count(*) > 1")
is "$dups" "" "and none is stored twice"
chain=$(q "$db" "SELECT count(*) = max(seq) FROM events WHERE case_no = '$c1'")
is "$chain" 1 "the shared case's chain has no gap and no fork"

done_testing
