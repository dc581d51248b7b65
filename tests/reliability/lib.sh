# Helpers for tests/reliability/*.sh, sourced after tests/lib.sh.
# Every database here is a training one, so the clock is fixed for all
# commands and the results do not depend on the day the suite runs.

YEKUO_NOW=2026-03-02T09:00:00
export YEKUO_NOW

# yk DB ARGS…: the CLI on one database
yk() {
	_db=$1
	shift
	"$YEKUO" --db "$_db" "$@"
}

# new_case DB NAME: open an LV resident case; prints its number
new_case() {
	yk "$1" case new --region national --category lv-resident --name "$2" \
		--id-type resident-id --id 11010519491231002X --phone 13912345678 \
		--address "天津市河西区某路$2号" --capacity 8 --unit kW
}

# make_db DB [CASES]: a training database holding CASES cases (default 0)
make_db() {
	yk "$1" init --training >/dev/null || return 1
	_i=0
	while [ "$_i" -lt "${2:-0}" ]; do
		_i=$((_i + 1))
		new_case "$1" "客户$_i" >/dev/null || return 1
	done
}

ms() { # milliseconds since the epoch
	echo $(($(date +%s%N) / 1000000))
}

sum() { # sha256 of a file
	sha256sum <"$1" | cut -d' ' -f1
}

q() { # q DB SQL: one sqlite3 query, no WAL mode change
	sqlite3 -batch "$1" "$2"
}

# crashed RC: did the process die of a signal? (shell reports 128+N)
crashed() {
	[ "$1" -ge 128 ]
}

# A way to run a command as the unprivileged user 65534 (nobody), since
# root ignores file permissions: sets $as_nobody, or leaves it empty with
# $nobody_why saying why not.
as_nobody=
nobody_why=
if [ "$(id -u)" != 0 ]; then
	nobody_why="not running as root (the permission cases need to switch user)"
elif command -v setpriv >/dev/null 2>&1; then
	as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
elif command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	as_nobody="runuser -u nobody --"
else
	nobody_why="neither setpriv nor runuser is installed"
fi

# nobody_setup: a folder the unprivileged user can reach, with copies of the
# binary and the data files (the build and source trees may sit under a
# folder it cannot enter). Sets $pub, $pub_yekuo, $pub_data.
nobody_setup() {
	chmod 711 "$TEST_HOME"
	pub=$TEST_HOME/pub
	mkdir -p "$pub" && chmod 755 "$pub"
	cp "$YEKUO" "$pub/yekuo" && chmod 755 "$pub/yekuo"
	cp -R "$YEKUO_DATA_DIR" "$pub/data" && chmod -R u+w,a+rX "$pub/data"
	pub_yekuo=$pub/yekuo
	pub_data=$pub/data
}

# nobody DB ARGS…: the CLI as the unprivileged user, like `run`
nobody() {
	_db=$1
	shift
	# shellcheck disable=SC2086
	run env HOME="$pub" XDG_DATA_HOME="$pub/xdg" YEKUO_DATA_DIR="$pub_data" \
		$as_nobody "$pub_yekuo" --db "$_db" "$@"
}

skip() { # skip REASON: one TAP test, skipped
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

PYTHON=
for _p in /usr/bin/python3 python3; do
	if command -v "$_p" >/dev/null 2>&1 && "$_p" -c 'import sqlite3' 2>/dev/null; then
		PYTHON=$_p
		break
	fi
done
