#!/bin/sh
# Files that are not what they should be, given as --db: a real database
# truncated mid-file, one with a page overwritten by garbage, one from a
# newer yekuo, and files that are not yekuo databases at all. Never a crash
# and never an overwrite: a refusal or a clear corruption message, and the
# file's checksum is the same after every attempt to read it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reliability/lib.sh"

real=$TEST_HOME/real.db
make_db "$real" 40
is "$?" 0 "a real database with 40 cases"
size=$(stat -c %s "$real")
psize=$(q "$real" "PRAGMA page_size")
pages=$((size / psize))
echo "# $size bytes, $pages pages of $psize"

EV="case event CN-2026-A-00002 materials accept --items id"
# attempt FILE CMD…: crash? message? file unchanged? Counts into the
# variables below rather than one TAP line per attempt.
attempt() {
	_f=$1
	shift
	_s=$(sum "$_f")
	run yk "$_f" "$@"
	if crashed "$rc"; then
		crashes=$((crashes + 1))
		echo "# $(basename "$_f") $1 $2: exit $rc $err"
	fi
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		case $err in
		*"$_f"*) ;;
		*) unnamed=$((unnamed + 1)); echo "# $(basename "$_f") $1 $2: $err" ;;
		esac
	fi
	[ "$(sum "$_f")" = "$_s" ] || changed=$((changed + 1))
}

# --- truncated mid-file -----------------------------------------------------------
for cut in half odd header page; do
	f=$TEST_HOME/cut-$cut.db
	cp "$real" "$f"
	case $cut in
	half) truncate -s $((size / 2)) "$f" ;;		# half the file
	odd) truncate -s $((size / 2 + 1234)) "$f" ;;	# mid-page
	header) truncate -s "$psize" "$f" ;;		# only the first page
	page) truncate -s $((size - psize)) "$f" ;;	# the last page missing
	esac
	crashes=0 unnamed=0 changed=0 refusals=0
	for cmd in "case list --all" "case show CN-2026-A-00003" verify "$EV" new; do
		if [ "$cmd" = new ]; then
			# shellcheck disable=SC2086
			attempt "$f" case new --region national --category lv-resident --name 新客户 \
				--id-type resident-id --id 11010519491231002X --phone 13912345678 \
				--address 某地 --capacity 8 --unit kW
		else
			# shellcheck disable=SC2086
			attempt "$f" $cmd
		fi
		[ "$rc" -eq 6 ] && contains_damaged=$(echo "$err" | grep -c "已损坏") &&
			[ "$contains_damaged" -gt 0 ] && refusals=$((refusals + 1))
	done
	is "$crashes" 0 "truncated ($cut): no command crashed"
	is "$refusals" 5 "truncated ($cut): list, show, verify, event and new all refused: damaged"
	is "$unnamed" 0 "truncated ($cut): every message names the file"
	is "$changed" 0 "truncated ($cut): the file is unchanged"
	ok "$(ls "$f"-* >/dev/null 2>&1 && echo 1 || echo 0)" "truncated ($cut): nothing left beside it"
done

# --- one page overwritten with garbage: every page in turn ---------------------------
awk 'BEGIN { srand(7); for (i = 0; i < 4096; i++) printf "%c", 1 + int(rand() * 255) }' \
	>"$TEST_HOME/garbage" 2>/dev/null
head -c "$psize" "$TEST_HOME/garbage" >"$TEST_HOME/garbage.page"
crashes=0 unnamed=0 changed=0 undetected=0 wcrash=0 lost=0
p=0
while [ "$p" -lt "$pages" ]; do
	f=$TEST_HOME/garbage-$p.db
	cp "$real" "$f"
	dd if="$TEST_HOME/garbage.page" of="$f" bs="$psize" seek="$p" count=1 conv=notrunc 2>/dev/null
	attempt "$f" case list --all
	attempt "$f" case show CN-2026-A-00003
	attempt "$f" verify
	[ "$rc" -ne 0 ] || { undetected=$((undetected + 1)); echo "# page $((p + 1)): verify said ok"; }
	# A write is not refused up front (that would mean reading the whole file
	# at every start): it either fails with the corruption message or
	# touches only sound pages. Either way nothing readable before is lost.
	q "$f" "SELECT case_no FROM events" 2>/dev/null | sort -u >"$TEST_HOME/before"
	run new_case "$f" 新客户
	if crashed "$rc" || { [ "$rc" -ne 0 ] && [ "$rc" -ne 6 ]; }; then
		wcrash=$((wcrash + 1))
		echo "# page $((p + 1)): case new: exit $rc $err"
	fi
	q "$f" "SELECT case_no FROM events" 2>/dev/null | sort -u >"$TEST_HOME/after"
	if [ -n "$(comm -23 "$TEST_HOME/before" "$TEST_HOME/after")" ]; then
		lost=$((lost + 1))
		echo "# page $((p + 1)): a case readable before the write is not after it"
	fi
	rm -f "$f"
	p=$((p + 1))
done
is "$crashes" 0 "garbage in any of the $pages pages: list, show and verify never crash"
is "$unnamed" 0 "every refusal names the file"
is "$changed" 0 "reading and verifying never change the file"
is "$undetected" 0 "verify reports the damage, whichever page it is in"
is "$wcrash" 0 "a write either succeeds or is refused with a message, never a crash"
is "$lost" 0 "and no case readable before the write is lost by it"

# --- a newer yekuo, another program's file, not SQLite at all ---------------------------
f=$TEST_HOME/newer.db
cp "$real" "$f"
q "$f" "PRAGMA user_version = $(($(q "$f" "PRAGMA user_version") + 1))"
crashes=0 unnamed=0 changed=0
attempt "$f" case list
refused_newer=$rc
contains "$err" "newer" "a database from a newer yekuo is refused as newer"
attempt "$f" case new --region national --category lv-resident --name 新客户 \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address 某地 --capacity 8 --unit kW
is "$refused_newer.$rc" "6.6" "both reading and writing are refused (exit 6, not one this yekuo can read)"
f=$TEST_HOME/other.db
sqlite3 "$f" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
s=$(sum "$f")
attempt "$f" case list
contains "$err" "别的程序的 SQLite 文件" "an SQLite file of another program is refused"
# Regression: it used to be switched to WAL mode before being looked at.
is "$(sum "$f")" "$s" "and left exactly as it was (not even switched to WAL)"
f=$TEST_HOME/noise.db
head -c 20000 "$TEST_HOME/garbage" >"$f" 2>/dev/null || cp "$TEST_HOME/garbage" "$f"
attempt "$f" verify
contains "$err" "不是 yekuo 的数据库" "random bytes are refused"
f=$TEST_HOME/text.db
printf 'SQLite format 3' >"$f" # the magic without its NUL: a text file
attempt "$f" case list
is "$rc" 6 "a text file starting like an SQLite header is refused as damaged (exit 6)"
run yk "$TEST_HOME" case list
is "$rc" 2 "a folder given as --db is refused"
is "$crashes" 0 "none of these crashed"
is "$unnamed" 0 "every message names the file"
is "$changed" 0 "and none of the files was changed"

done_testing
