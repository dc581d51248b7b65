#!/bin/sh
# Every form of the case screen, whole, as a customer manager sees it at the
# counter: an HV dual-source case taken stage by stage (on the command line
# between the screens) and each form compared with its stored screen
# (tests/e2e/screens/form-*.txt), at 80x24 and the plan form also at
# 120x36; then the LV-only grid-upgrade filing. Nothing is saved from the
# forms: each is left with Esc, and the case is checked unchanged.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
ev() { run "$YEKUO" case event "$@"; is "$rc" 0 "event $*"; }
run "$YEKUO" case new --region national --category hv-dual --name 天津某某精密制造有限公司 \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 --address 天津市滨海新区某路1号 \
	--kv 10 --capacity 800 --unit kVA
is "$rc" 0 "an HV dual-source case is opened"
hv=$out

# form KEY NAME TITLE DESCRIPTION [COLS ROWS]: open the case, press KEY,
# compare the whole form with screens/NAME.txt, leave it with Esc.
form() {
	if [ -n "${5:-}" ]; then
		start_tui "$5" "$6" --
	else
		start_tui --
	fi
	keys Enter
	wait_for "案件详情" 10 || echo "# the case did not open"
	keys "$1"
	shows "$3" "$4: the form opens"
	screen_is "$2" "$4, whole screen"
	keys Escape
	shows "案件详情" "$4: Esc leaves it"
	keys Q
	wait_for "EXIT=" 10 || true
}

form m form-materials-80x24 "收资" "materials for acceptance (m)"
form d form-accept-80x24 "业务受理完成" "completing acceptance (d)"
form z form-suspend-80x24 "挂起" "suspending the case (z)"
form w form-withdraw-80x24 "撤销" "withdrawing the case (w)"
ev "$hv" done accept
at 2026-03-03T09:00:00
form d form-plan-80x24 "供电方案答复" "the supply plan reply (d)"
form d form-plan-120x36 "供电方案答复" "the supply plan reply at 120x36" 120 36
ev "$hv" done plan
at 2026-03-04T09:00:00
form t form-design-start-80x24 "设计审查" "the customer's design submitted (t)"
ev "$hv" start design
at 2026-03-05T09:00:00
form d form-design-done-80x24 "设计审查" "the design review's result (d)"
ev "$hv" done design --result pass
ev "$hv" start midcheck
ev "$hv" done midcheck --result pass
ev "$hv" start final
ev "$hv" done final --result pass
at 2026-03-06T09:00:00
form d form-energise-80x24 "装表接电" "energising (d)"
# the case holds the opening and the 8 events recorded above, no more
is "$("$YEKUO" case show "$hv" --format tsv | grep -c "^event")" 9 \
	"nothing was saved from the forms: 9 events, all from the command line"

# an LV case: the grid-upgrade filing (LV only)
at 2026-03-02T10:00:00
run "$YEKUO" case new --region national --category lv-other --name 孙七理发店 --id-type resident-id \
	--id 11010519491231002X --phone 13311112222 --address 北京市东城区某巷7号 --capacity 10 --unit kW
lv=$out
ev "$lv" done accept
at 2026-03-03T09:00:00
start_tui --
keys /
type_text "孙七"
keys Enter
keys Enter
shows "案件详情 $lv" "the LV case opens"
keys u
shows "备案" "u opens the grid-upgrade filing"
screen_is form-filing-80x24 "the grid-upgrade filing form, whole screen"
keys Escape
keys Q
done_testing
