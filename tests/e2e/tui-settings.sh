#!/bin/sh
# 设置 (docs/tui.md): a database that was never given its settings opens on
# the settings screen; saving goes on to the dashboard, where O opens it
# again. The receipt then names the hall and the clerk. The intake form
# starts from the office's default region and category, Enter moves to the
# next field, and the clerk's last choices come back after a restart (kept
# per clerk in the database). Whole screens at 80x24 and 120x36.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

YEKUO_DB=$TEST_HOME/hall.db
YEKUO_NOW=2026-03-02T09:00:00
YEKUO_OPERATOR=zhang
export YEKUO_DB YEKUO_NOW YEKUO_OPERATOR
# a training database made without an office code: its code is A (fixed by
# its key), its settings never saved
"$YEKUO" init --training >/dev/null

start_tui --
shows "首次使用：请填写本营业厅的设置" "a database without settings opens on the settings screen"
screen_is settings-first-80x24 "the first-start settings screen, whole (80x24)"
type_text "南明区供电营业厅"
keys Enter
type_text "贵州省贵阳市南明区新华路1号"
keys Enter Enter	# the hotline keeps 95598
type_text "5201"
shows "行政区划代码       5201" "the division as typed"
type_text "02"
shows "贵州省 贵阳市 南明区" "the division is named as soon as it is a listed code"
keys Enter Space Space
shows "默认地区           贵州" "the default region is picked from the rule files' regions"
keys Enter Space
shows "默认用户类别       低压居民" "and the default category from the categories"
keys Enter
type_text "张晓"
keys Enter
type_text "GZ 12"
keys F2
shows "工号 'GZ 12' 不对" "a bad staff number is refused with the value named"
shows "有 1 处需要修改" "and nothing is saved"
is "$("$YEKUO" config --format tsv | grep '^hall-name' | cut -f2)" "" "the refused save stored nothing"
keys C-u
type_text "GZ-0012"
keys F2
shows "设置已保存（办事处代码 A）；以后按 O 修改" "F2 saves and goes on to the dashboard"
shows "Enter打开" "the dashboard"
stop_app
run "$YEKUO" config --format tsv
contains "$out" "hall-name	南明区供电营业厅" "yekuo config shows what the screen saved"
contains "$out" "division	520102" "the division"
contains "$out" "region	guizhou" "the default region"
contains "$out" "category	lv-resident" "the default category"
contains "$out" "clerk-name	张晓" "the clerk's name"
contains "$out" "staff-no	GZ-0012" "and staff number"

# --- the next start: the dashboard; O opens the settings -----------------------
start_tui --
shows "Enter打开" "a configured database opens on the dashboard"
lacks "首次使用" "not on the settings screen"
keys F1
shows "O               设置：" "F1 lists O for the settings"
keys Escape O
shows "设置：营业厅与受理人" "O opens the settings"
screen_is settings-80x24 "the settings screen, whole (80x24)"
snap settings
keys q
stop_app
start_tui 120 36 --
keys O
shows "设置：营业厅与受理人" "the settings at 120x36"
screen_is settings-120x36 "the settings screen, whole (120x36)"
keys q
stop_app

# --- intake: defaults, Enter to the next field, last choices remembered -------
start_tui --
keys n
shows "业务受理：新建案件" "the intake form"
shows "地区*              贵州" "the region comes from the settings"
shows "用户类别*          低压居民" "and the category"
keys Space Space Space	# 贵州 → 济宁 → 宁夏 → 天津
shows "地区*              天津" "the clerk picks another region"
keys Enter
type_text "王五"
keys Enter Enter	# the ID type stays
type_text "11010519491231002X"
keys Enter
type_text "13912345678"
keys Enter
type_text "天津市和平区某路1号"
keys Enter Enter Enter	# customer type and voltage stay
type_text "8"
shows "报装容量(kW)*      8" "Enter moved field by field to the capacity"
keys F2
shows "已受理：TJ-2026-A-00001" "the case is opened"
keys p
shows "受理人    ：张晓（工号 GZ-0012）" "its receipt names the clerk by display name"
shows "营业厅    ：南明区供电营业厅" "and the hall"
keys Q
stop_app
start_tui --
keys n
shows "地区*              天津" "after a restart the clerk's last region is offered, not the default"
keys Escape
stop_app
# another clerk has no last choices: the office's default
YEKUO_OPERATOR=li
start_tui --
keys n
shows "地区*              贵州" "another clerk starts from the office's default region"
keys Escape
stop_app

# --- the timeliness report by county, in the terminal app ---------------------
# the case opened above carries the office's division 520102; accepted and
# its plan answered the same day, its step 受理签约 is 1 done in March
run "$YEKUO" case event TJ-2026-A-00001 done accept
run "$YEKUO" case event TJ-2026-A-00001 done plan
is "$rc" 0 "the case's first step is done"
start_tui --
keys R
shows "报表：选择报表" "the report form"
keys Space Space	# 备案表 → 效益表 → 时限统计
shows "分组" "the timeliness report can be grouped"
keys Tab C-u
type_text "2026-03-01"
keys Tab C-u
type_text "2026-03-31"
keys Tab Tab Space Space Space	# 不分组 → 按省 → 按地市 → 按县（区）
shows "> 分组       按县（区）" "grouped by county (003 附件2)"
keys F2
shows "分组：按县（区）（003 附件2）" "the report says how it is grouped"
keys NPage
shows "520102" "the rows carry the county's code"
shows "贵州省 贵阳市 南明区" "and its name"
keys Q
stop_app

done_testing
