#!/bin/sh
# The screen is UTF-8. Under a locale of another codeset the app falls back
# to C.UTF-8 and draws Chinese correctly; when that does not exist either it
# refuses to start, saying why in English and Chinese, with status 2 and
# nothing drawn.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
E2E_LOCALE=POSIX
start_tui --
shows "在办案件" "under LC_ALL=POSIX the app falls back to C.UTF-8: the title is Chinese"
shows "今日 2026-03-02 周一" "and so is today's date"
keys F10
shows "EXIT=0" "F10 quits"
stop_app

# no UTF-8 locale to fall back to
run env LC_ALL=POSIX YEKUO_UTF8_LOCALE=xx_NONE.UTF-8 "$YEKUO"
is "$rc" 2 "without a UTF-8 locale the app refuses, status 2"
contains "$err" "needs a UTF-8 locale" "saying why"
contains "$err" "'xx_NONE.UTF-8' does not exist" "naming the locale it could not use"
contains "$err" "终端程序需要 UTF-8 字符集" "in Chinese too"
is "$out" "" "and drawing nothing"

# the command line is not affected: it prints in any locale
run env LC_ALL=POSIX YEKUO_UTF8_LOCALE=xx_NONE.UTF-8 "$YEKUO" case list --all
is "$rc" 0 "the CLI still runs under POSIX"

done_testing
