#!/bin/sh
# The terminal app in English: under an en_* locale every word of the
# program's own is English, under C.UTF-8 every one is Chinese, never mixed
# (docs/i18n.md). en_US.UTF-8 is usually not generated (a fresh Debian has
# C, C.utf8 and POSIX only): the app must still draw in UTF-8 then, since
# the data people typed (a customer's name, an address) is Chinese.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
run "$YEKUO" case new --region national --category lv-sanling --name "李四小吃店" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "北京市朝阳区某街2号" --capacity 30 --unit kW
is "$rc" 0 "a case with a Chinese customer name: $out"
c=$out

# ---- 1. the locale: English messages, UTF-8 drawing -----------------------
E2E_LOCALE=en_US.UTF-8
start_app --
shows "$c" "under LANG=en_US.UTF-8 the app starts and lists the case"
shows "李四小吃店" "the customer's Chinese name is drawn as typed, in UTF-8"
lacks "?" "nothing is drawn as a question mark"
keys F10
shows "EXIT=0" "F10 quits"
stop_app

# the same start-up serves the command line: a table's columns are counted
# in display columns, which needs the UTF-8 character type (wcwidth) even
# where en_US.UTF-8 was never generated
run env LC_ALL=C.UTF-8 "$YEKUO" case list
zh_cols=${out%%lv-sanling*}
run env LC_ALL=en_US.UTF-8 "$YEKUO" case list
is "${out%%lv-sanling*}" "$zh_cols" "case list under en_US.UTF-8: the columns after a Chinese name line up as in C.UTF-8"
# an empty LC_ALL is no setting (as setlocale reads it): LANG decides
run env LC_ALL= LANG=en_US.UTF-8 "$YEKUO" case frob
contains "$err" "unknown case command 'frob'" "LC_ALL empty, LANG=en_US.UTF-8: English"

done_testing
