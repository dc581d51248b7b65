#!/bin/sh
# Start the app, see its first screen, quit with Q and with F10, and find the
# terminal restored (canonical mode and echo back on). q goes back one
# screen (tig, mutt, less) and never quits; the bottom line offers going back
# only where there is a screen to go back to.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

start_app --
shows "yekuo" "the first screen shows the app's name"
# a new database is asked for its settings first (tests/e2e/tui-settings.sh)
shows "首次使用：请填写本营业厅的设置" "a new database opens on the settings screen"
keys Escape
shows "F1帮助 Q退出" "Esc leaves it for the dashboard; the bottom line shows help and the quit key"
lacks "返回" "and no going back on the first screen"
keys q
shows "这是第一个界面：按 Q 或 F10 退出" "q on the first screen quits nothing, saying how to"
lacks "EXIT=" "the app still runs"
keys R
shows "报表 " "R opens the reports"
shows "q返回 Q退出" "on the report's form the bottom line offers going back"
keys Escape
shows "Enter打开" "Esc goes back to the dashboard"
keys /
shows "Esc取消" "in the search box Esc is the box's own"
lacks "返回" "and nothing offers going back"
keys Escape
keys S
shows "同步 " "S opens the sync screen"
shows "q返回" "the bottom line offers going back with q"
keys q
shows "Enter打开" "q goes back one screen"
lacks "EXIT=" "and does not quit"
keys Q
shows "EXIT=0" "Q quits with status 0"
shows "icanon echo" "the terminal is back in canonical mode with echo"
stop_app

start_app --
shows "首次使用" "second start: settings still not saved, asked again"
keys F10
shows "EXIT=0" "F10 quits with status 0"
stop_app

done_testing
