#!/bin/sh
# Forms never lose what is typed and say only what is true now: a long field
# shows its head once left, the message that blamed fields goes once every
# one of them was changed, the capacity's unit follows the voltage as soon
# as it is chosen, wrapped text never cuts a number or parts it from its
# unit, and text typed on a tick-box row goes to the next text field. The
# HV intake form is compared whole at 80x24 and 120x36.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
addr="贵州省贵阳市观山湖区长岭北路某某街道某某社区某某小区十二栋三单元四楼五号"

start_tui --
keys n
shows "业务受理：新建案件" "the intake form"
tabs 5			# region, name, ID type, ID, phone
type_text "$addr"
shows "四楼五号" "while typing the address its end is in view"
keys Tab
shows "用电地址*          贵州省贵阳市观山湖区" "once left, the address shows its head (province, city)"
lacks "四楼五号" "and not its tail"
keys F2
shows "有 4 处需要修改" "F2: name, ID, phone and capacity are marked"
type_text "刘一"
shows "有 4 处需要修改" "with one of them changed the count stays"
tabs 2
type_text "11010519491231002X"
tabs 1
type_text "13912345678"
tabs 3			# address, customer type, voltage
keys Space Space
shows "供电电压*          10 kV" "10 kV chosen"
shows "报装容量(kVA)*" "the capacity's unit follows the voltage before any capacity is typed"
keys Left Left
shows "供电电压*          0.38 kV" "back to 0.38 kV"
shows "报装容量(kW)*" "kW again"
keys Right Right
shows "报装容量(kVA)*" "10 kV again"
shows "有 4 处需要修改" "the count stays until the last marked field is changed"
tabs 1
type_text "630"
lacks "有 4 处需要修改" "then the stale count is gone"
keys Tab
shows "合计 22 工作日" "the limits of the HV profile"
screen_is intake-hv-80x24 "the HV intake form, whole screen (80x24): no number cut or parted from its unit"
keys F2
shows "已受理：CN-2026-A-00001" "saved"
keys q n
shows "业务受理：新建案件" "a second intake"
shows "供电电压*          10 kV" "offers the voltage of the case just opened"
shows "报装容量(kVA)*" "with its unit"
keys Escape
stop_app

# text typed on a tick box goes to the note after it
start_tui --
keys Enter
shows "案件详情 CN-2026-A-00001" "the case"
keys d
shows "业务受理完成" "the acceptance form"
keys Tab
type_text "资料已核对"
shows "资料已核对" "text typed on the checklist's row shows in the note"
keys F2
shows "已保存" "saved"
stop_app
run "$YEKUO" case show CN-2026-A-00001 --format tsv
contains "$out" "资料已核对" "the note was saved, not thrown away"

# the same form on a larger terminal; after the restart the clerk's last
# voltage is offered again (kept per clerk in the database)
start_tui 120 36 --
keys n
shows "供电电压*          10 kV" "after a restart: the voltage of the clerk's last case"
tabs 8
type_text "630"
keys Tab
shows "合计 22 工作日" "the HV limits at 120x36"
screen_is intake-hv-120x36 "the HV intake form, whole screen (120x36)"
keys Escape y
shows "在办 1 件" "Esc and y drop the form"
stop_app

done_testing
