#!/bin/sh
# Resizing: below 80x24 the app says how large it needs to be; back at full
# size the screen is restored with the input kept. Quitting with unsaved
# input asks first.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00

start_tui 80 24 --
keys n
shows "业务受理：新建案件" "the intake form"
tabs 1
type_text "王小明"
shows "客户名称*          王小明" "a name is typed"
resize 60 20
shows "窗口太小：至少需要 80x24" "at 60x20 the app says how large it needs to be"
shows "当前 60x20" "and how large it is"
snap too-small
resize 80 24
shows "客户名称*          王小明" "back at 80x24: the form with the input kept"
type_text "一"
shows "王小明一" "typing carries on where it was"
resize 120 40
shows "适用时限" "a larger terminal shows the whole form"
shows "王小明一" "still with the input"
keys F10
shows "有未保存的输入，确定退出吗？" "F10 with unsaved input asks first"
keys n
lacks "EXIT=" "n stays in the app"
shows "王小明一" "with the input"
keys F10
shows "确定退出吗" "asked again"
keys y
shows "EXIT=0" "y quits"
shows "icanon echo" "and the terminal is restored"
stop_app

done_testing
