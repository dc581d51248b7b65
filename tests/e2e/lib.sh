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
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai TERM=$E2E_TERM \
		HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' YEKUO_DATA_DIR='$YEKUO_DATA_DIR' \
		${YEKUO_DB:+YEKUO_DB='$YEKUO_DB'} ${YEKUO_NOW:+YEKUO_NOW='$YEKUO_NOW'} \
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
