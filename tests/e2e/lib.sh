# Terminal-level test harness: the real binary inside a private tmux server,
# driven with send-keys and read back with capture-pane, in a fixed
# environment (locale, TZ, TERM, size). Sourced by tests/e2e/*.sh after
# tests/lib.sh.

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

TMUX_RUN=0
TMUX_SOCK="yekuo-e2e-$$-0"
E2E_TERM=${E2E_TERM:-xterm-256color}
# E2E_LOCALE: the pane's LANG and LC_ALL (C.UTF-8 unless a test says)
# ncurses keeps memory until exit by design; leak reports are for the unit tests.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# stop_app: end the current app and its tmux server.
stop_app() { tm kill-server 2>/dev/null; }

e2e_cleanup() {
	stop_app
	rm -rf "$TEST_HOME"
}
trap e2e_cleanup EXIT

# start_app [COLS ROWS] -- ARGS…: run yekuo ARGS in an 80x24 (or given) pane.
# The pane's shell prints the exit status and the tty modes afterwards, so a
# test can check that the terminal was restored.
start_app() {
	cols=80 rows=24
	if [ "$1" != "--" ]; then
		cols=$1 rows=$2
		shift 2
	fi
	shift
	# a fresh server each start: reusing a socket that is still shutting
	# down makes tmux fail with "server exited unexpectedly"
	stop_app
	TMUX_RUN=$((TMUX_RUN + 1))
	TMUX_SOCK="yekuo-e2e-$$-$TMUX_RUN"
	args=""
	for a in "$@"; do
		args="$args '$a'"
	done
	tm new-session -d -x "$cols" -y "$rows" -s t \
		"env LANG=${E2E_LOCALE:-C.UTF-8} LC_ALL=${E2E_LOCALE:-C.UTF-8} TZ=Asia/Shanghai TERM=$E2E_TERM \
		HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' YEKUO_DATA_DIR='$YEKUO_DATA_DIR' \
		${YEKUO_DB:+YEKUO_DB='$YEKUO_DB'} ${YEKUO_NOW:+YEKUO_NOW='$YEKUO_NOW'} \
		${YEKUO_OPERATOR:+YEKUO_OPERATOR='$YEKUO_OPERATOR'} \
		ASAN_OPTIONS='$ASAN_OPTIONS' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}' \
		'$YEKUO' $args; echo \"EXIT=\$?\"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '; echo; sleep 600"
	tm set-option -t t remain-on-exit on >/dev/null 2>&1
}

screen() { tm capture-pane -p -t t; }
keys() { tm send-keys -t t "$@"; }
# type literal text (UTF-8 goes through as typed by an input method)
type_text() { tm send-keys -t t -l "$1"; }
resize() { tm resize-window -t t -x "$1" -y "$2" 2>/dev/null || tm resize-pane -t t -x "$1" -y "$2"; }

# wait_for TEXT [SECONDS]: wait until the screen shows TEXT; 0 if it did.
wait_for() {
	want=$1
	limit=$(( ${2:-10} * 10 ))
	i=0
	while [ $i -lt "$limit" ]; do
		case "$(screen)" in
		*"$want"*) return 0 ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# shows TEXT DESCRIPTION: a test that the screen shows TEXT (waits a little)
shows() {
	if wait_for "$1" "${3:-10}"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		echo "# screen does not show: $1"
		screen | sed 's/^/#   |/'
	fi
}

# lacks TEXT DESCRIPTION: the screen does not show TEXT (after a settle)
lacks() {
	sleep 0.3
	case "$(screen)" in
	*"$1"*)
		ok 1 "$2"
		screen | sed 's/^/#   |/'
		;;
	*) ok 0 "$2" ;;
	esac
}

# ---- helpers for the terminal app's screens (tests/e2e/tui-*.sh) ----------

# training_db [NOW]: a fresh training database in the test's home, used by
# every start_app after it (YEKUO_DB), with the clock at NOW (YEKUO_NOW).
# Its office code is given (A), so the app opens on the dashboard and not
# on the first-start settings screen (tests/e2e/tui-settings.sh has that).
training_db() {
	YEKUO_DB=$TEST_HOME/cases.db
	YEKUO_NOW=${1:-2026-03-02T09:00:00}
	export YEKUO_DB YEKUO_NOW
	"$YEKUO" --db "$YEKUO_DB" init --training --office A >/dev/null
}

# start_tui [COLS ROWS] -- ARGS…: start_app, then wait for the app's title
# line, so that the keys sent next reach the app and not the shell's tty.
start_tui() {
	start_app "$@"
	wait_for " yekuo 业扩时限 |" 10 || echo "# the app's first screen did not appear"
}

# at NOW: move the clock for the next start_app (and CLI calls).
at() { YEKUO_NOW=$1; export YEKUO_NOW; }

# tabs N: press Tab N times (to the N-th next field of a form).
tabs() {
	n=$1
	while [ "$n" -gt 0 ]; do
		keys Tab
		n=$((n - 1))
	done
}

# snap NAME: with E2E_SCREENS set (a directory), save the screen as
# NAME.txt there; docs/screens/*.txt are made this way.
snap() {
	[ -n "${E2E_SCREENS:-}" ] || return 0
	sleep 0.3
	screen >"$E2E_SCREENS/$1.txt"
}

# screen_is NAME DESCRIPTION: the whole screen, compared with the stored
# tests/e2e/screens/NAME.txt (tig's test/ is the model). The screen is read
# once it has held still; a difference is shown as a diff. With
# E2E_UPDATE=1 the stored screen is written instead (review it with git diff).
# SED (optional third argument): a sed script for what differs from run to
# run (a database's random id), applied before the comparison.
screen_is() {
	want=$top_srcdir/tests/e2e/screens/$1.txt
	got=$TEST_HOME/screen-$1.txt
	prev=""
	i=0
	while [ $i -lt 30 ]; do
		sleep 0.2
		screen | sed -E "${3:-}" >"$got"
		cur=$(cat "$got")
		[ "$cur" = "$prev" ] && break
		prev=$cur
		i=$((i + 1))
	done
	if [ "${E2E_UPDATE:-}" = 1 ]; then
		cp "$got" "$want"
	fi
	if diff -u "$want" "$got" >"$TEST_HOME/screen-$1.diff" 2>&1; then
		ok 0 "$2"
	else
		ok 1 "$2"
		sed 's/^/# /' "$TEST_HOME/screen-$1.diff"
	fi
}
