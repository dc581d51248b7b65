# Shared shell helpers for the CLI and e2e tests: TAP output, a private
# home per test, and assertions on what the user sees.
# Sourced by tests/cli/*.sh and tests/e2e/*.sh; expects $YEKUO (the binary)
# and $top_srcdir from the test environment (Makefile.am).

: "${YEKUO:?run through make check}"
: "${top_srcdir:?run through make check}"

tap_n=0
tap_failed=0

# A private, throw-away home: nothing a test does touches the real user.
TEST_HOME=$(mktemp -d "${TMPDIR:-/tmp}/yekuo-test.XXXXXX")
export HOME="$TEST_HOME"
export XDG_DATA_HOME="$TEST_HOME/data"
unset YEKUO_DB YEKUO_NOW
trap 'rm -rf "$TEST_HOME"' EXIT

# YEKUO_TEST_PG=1 (tests/pg-suite.sh): the same test against a throwaway
# PostgreSQL server, each database file it names a database there
# (tests/pg-yekuo.sh); skipped (TAP) when there is no PostgreSQL.
if [ -n "${YEKUO_TEST_PG:-}" ] && [ -z "${YEKUO_REAL:-}" ]; then
	. "$top_srcdir/tests/pg-lib.sh"
	YEKUO_REAL=$YEKUO YEKUO_PG_BIN=$pgbin YEKUO_PG_HOST=$pgdir
	YEKUO=$top_srcdir/tests/pg-yekuo.sh
	export YEKUO_REAL YEKUO_PG_BIN YEKUO_PG_HOST YEKUO
	# the bundle tool (tests/tools) opens the database a test names: its
	# server database instead, when the test made one
	if [ -n "${BUNDLE_TOOL:-}" ]; then
		_bt=$BUNDLE_TOOL
		BUNDLE_TOOL=$TEST_HOME/bundle-tool
		printf '#!/bin/sh\nn=t_$(printf %%s "$2" | md5sum | cut -c1-20)\n[ -e "%s/made/$n" ] || exec "%s" "$@"\nop=$1 ; shift 2\nexec "%s" "$op" "postgresql:///$n?host=%s&user=admin" "$@"\n' \
			"$pgdir" "$_bt" "$_bt" "$pgdir" >"$BUNDLE_TOOL"
		chmod +x "$BUNDLE_TOOL"
	fi
	# sqlite3 FILE SQL: for a database the test made, the SQL on its
	# database on the server (psql's unaligned rows are sqlite3's: '|'
	# between columns); any other file (a bundle) is SQLite's
	sqlite3() {
		_n=t_$(printf '%s' "$1" | md5sum | cut -c1-20)
		if [ ! -e "$pgdir/made/$_n" ]; then
			command sqlite3 "$@"
			return
		fi
		shift
		"$pgbin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pgdir" -U admin -d "$_n" -c "$*"
	}
fi

# copy_db FROM TO: a copy of a database (a file, or on a server a new
# database made from the first)
copy_db() {
	if on_file; then
		cp "$1" "$2"
		return
	fi
	_f=t_$(printf '%s' "$1" | md5sum | cut -c1-20)
	_t=t_$(printf '%s' "$2" | md5sum | cut -c1-20)
	"$YEKUO_PG_BIN/createdb" -h "$YEKUO_PG_HOST" -U admin -T "$_f" "$_t" && touch "$YEKUO_PG_HOST/made/$_t"
}

# on_file: the test runs against database files (not YEKUO_TEST_PG). What
# only a file has (its bytes, its mode, its key file, sqlite3) is checked
# `if on_file; then …; else skip N "why"; fi`.
on_file() { [ -z "${YEKUO_TEST_PG:-}" ]; }
skip() { # skip N REASON: N assertions skipped
	_k=0
	while [ $_k -lt "$1" ]; do
		_k=$((_k + 1))
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP $2"
	done
}

ok() { # ok COND-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | sed '3,$s/^/#         /'
	fi
}

# run CMD…: sets $out, $err, $rc
run() {
	out=$("$@" 2>"$TEST_HOME/stderr")
	rc=$?
	err=$(cat "$TEST_HOME/stderr")
}

# contains HAYSTACK NEEDLE DESCRIPTION
contains() {
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '#   %s\n#   does not contain: %s\n' "$1" "$2" ;;
	esac
}

# trust_signer DB FILE: DB trusts the office that signed the bundle (or key
# file) FILE, confirming the fingerprint `sync trust` shows — what an office
# does after reading it over the phone. Quiet; a file that is not one
# (damaged, the database's own) is left to the import to refuse.
trust_signer() {
	_fp=$(env -u YEKUO_NOW YEKUO_DB="$1" "$YEKUO" sync trust "$2" 2>/dev/null | sed -n 's/^key	//p')
	[ -z "$_fp" ] || env -u YEKUO_NOW YEKUO_DB="$1" "$YEKUO" sync trust "$2" --confirm "$_fp" >/dev/null 2>&1
	return 0
}

# y DB TIME COMMAND…: yekuo on DB at TIME (a training database), setting
# $out, $err, $rc; an import first trusts the office that signed the bundle
y() {
	db=$1 t=$2
	shift 2
	[ "$1 $2" != "sync import" ] || trust_signer "$db" "$3"
	YEKUO_DB=$db YEKUO_NOW=$t run "$YEKUO" "$@"
}

# new_lv DB TIME NAME [OPTIONS…]: a low-voltage non-resident case opened on
# DB with its clock at TIME, every field valid (the address made its own by
# the name); sets $case to its number.
new_lv() {
	_db=$1 _t=$2 _name=$3
	shift 3
	y "$_db" "$_t" case new --region national --category lv-other --name "$_name" \
		--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
		--address "某地3号$_name" --capacity 50 --unit kW "$@"
	case=$out
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
