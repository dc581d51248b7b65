#!/bin/sh
# Two clerks at two counters, each in the terminal app, on one PostgreSQL
# database (docs/deploy.md): each sees the cases the other opens and the
# stages the other advances once the dashboard is refreshed (r).
# Skipped when PostgreSQL is not installed or yekuo was built without libpq.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/pg-lib.sh"
trap 'e2e_cleanup; pg_stop' EXIT

"$YEKUO" server init "$(uri admin)" --office HALL1 >/dev/null
sql admin "CREATE ROLE clerk_a LOGIN IN ROLE yekuo_clerk; CREATE ROLE clerk_b LOGIN IN ROLE yekuo_clerk"
unset YEKUO_NOW
new_case() { # new_case CLERK NAME: prints the number
	YEKUO_DB=$(uri "$1") "$YEKUO" case new --region tianjin --category hv-dual --name "$2" \
		--id-type uscc --id 91350100M000100Y43 --phone 13800138000 \
		--address "天津市滨海新区某路$2" --capacity 800 --unit kVA
}
case1=$(new_case clerk_a "甲公司")

# clerk A's counter in the pane "t", clerk B's in a second session "u"
YEKUO_DB=$(uri clerk_a)
export YEKUO_DB
start_tui 100 24 --
tm new-session -d -x 100 -y 24 -s u \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai TERM=$E2E_TERM HOME='$HOME' \
	XDG_DATA_HOME='$XDG_DATA_HOME' YEKUO_DB='$(uri clerk_b)' '$YEKUO'; sleep 600"
screen_b() { tm capture-pane -p -t u; }
keys_b() { tm send-keys -t u "$@"; }
wait_b() { # wait_b TEXT: clerk B's screen shows TEXT within 10 s
	_i=0
	while [ $_i -lt 50 ]; do
		screen_b | grep -qF -- "$1" && return 0
		sleep 0.2
		_i=$((_i + 1))
	done
	return 1
}

shows "$case1" "clerk A's dashboard lists the case clerk A opened"
wait_b "$case1"
ok $? "clerk B's dashboard lists it too"

case2=$(new_case clerk_b "乙公司")
keys r
shows "$case2" "clerk A refreshes and sees the case clerk B just opened"
shows "乙公司" "with its customer"

YEKUO_DB=$(uri clerk_b) "$YEKUO" case event "$case1" done accept >/dev/null
ok $? "clerk B finishes acceptance of clerk A's case"
keys r
# the refresh is done when the case's row leaves acceptance (a message
# "已刷新" is already on screen from the refresh before)
_i=0
while [ $_i -lt 50 ] && screen | grep -F "$case1" | grep -q "业务受理"; do
	sleep 0.2
	_i=$((_i + 1))
done
line=$(screen | grep -F "$case1")
case "$line" in
*业务受理*) ok 1 "clerk A refreshes and sees the case past acceptance"; echo "# $line" ;;
*) ok 0 "clerk A refreshes and sees the case past acceptance" ;;
esac
keys_b r
wait_b "$case2"
ok $? "clerk B's dashboard lists both cases after a refresh"
screen_b | grep -F "$case1" | grep -qv "业务受理"
ok $? "and clerk A's case at the stage clerk B moved it to"

done_testing
