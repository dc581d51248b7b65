#!/bin/sh
# Two (then three) processes appending events to the same case at the same
# moment, many rounds: each writer either succeeds or is told to retry
# ("别的程序正占用数据库；请再试一次"), and nothing is lost
# or forked — `verify` passes, the chain has no gap, and the case's event
# count is the earlier events plus exactly the successes.
#
# YEKUO_RACE_ROUNDS=N (default 40) sets the rounds of each part.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reliability/lib.sh"

rounds=${YEKUO_RACE_ROUNDS:-40}
db=$TEST_HOME/race.db
w=$TEST_HOME/w
mkdir -p "$w"
make_db "$db" 1
c=CN-2026-A-00001
before=$(q "$db" "SELECT count(*) FROM events WHERE case_no = '$c'")
is "$before" 1 "a case with its open event"

succ=0 retry=0 odd=0
: >"$w/ok" && : >"$w/refused"
# race WRITERS BUSY-TIMEOUT-MS ROUND-TAG: start the writers together
race() {
	nw=$1 bt=$2 tag=$3
	pids=
	i=0
	while [ "$i" -lt "$nw" ]; do
		i=$((i + 1))
		YEKUO_BUSY_TIMEOUT=$bt "$YEKUO" --db "$db" case event "$c" materials accept \
			--items id --notes "$tag-$i" >"$w/o$i" 2>"$w/e$i" &
		pids="$pids $!"
	done
	i=0
	for p in $pids; do
		i=$((i + 1))
		wait "$p"
		rc=$?
		if [ "$rc" -eq 0 ]; then
			succ=$((succ + 1))
			echo "$tag-$i" >>"$w/ok"
		elif grep -q "别的程序正占用数据库；请再试一次" "$w/e$i"; then
			retry=$((retry + 1))
			echo "$tag-$i" >>"$w/refused"
		else
			odd=$((odd + 1))
			echo "# $tag-$i: exit $rc: $(cat "$w/e$i")"
		fi
	done
}

# Part 1: two writers, the normal 10 s wait: both must get through.
r=0
while [ "$r" -lt "$rounds" ]; do
	r=$((r + 1))
	race 2 10000 "p$r"
done
is "$succ" "$((2 * rounds))" "two writers at once, $rounds rounds: every write succeeded"
is "$odd" 0 "no writer failed"

# Part 2: three writers that barely wait (1 ms): some are told to retry.
s1=$succ
r=0
while [ "$r" -lt "$rounds" ]; do
	r=$((r + 1))
	race 3 1 "q$r"
done
echo "# part 2: $((succ - s1)) succeeded, $retry told to retry"
is "$odd" 0 "three writers, 1 ms wait: each succeeded or was told to retry"
is "$((succ - s1 + retry))" "$((3 * rounds))" "every writer was accounted for"

run yk "$db" verify
is "$rc" 0 "verify passes: no chain was forked or broken"
n=$(q "$db" "SELECT count(*) FROM events WHERE case_no = '$c'")
is "$n" "$((before + succ))" "the case holds the earlier events plus the $succ successes"
is "$(q "$db" "SELECT max(seq) FROM events WHERE case_no = '$c'")" "$n" \
	"sequence numbers run 1..$n without a gap"
stored=$(q "$db" "SELECT substr(data, instr(data, 'notes=') + 6,
		instr(substr(data, instr(data, 'notes=')), char(10)) - 7)
	FROM events WHERE case_no = '$c' AND kind = 'materials'" | sort)
is "$stored" "$(sort "$w/ok")" "exactly the writes that succeeded are stored"
is "$(q "$db" "SELECT nevents FROM cases WHERE case_no = '$c'")" "$n" \
	"the case summary counts them all"

done_testing
