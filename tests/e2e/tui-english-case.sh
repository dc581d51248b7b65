#!/bin/sh
# A case's screens in English under en_US.UTF-8: the case screen (its
# fields, timeline and event log), the help screen, every action form and a
# refusal speak English only; under C.UTF-8 the same screens speak Chinese
# only (docs/i18n.md). en_US.UTF-8 need not be generated: the app keeps
# UTF-8 drawing and English messages either way (src/main.c, src/ui/app.c).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
run "$YEKUO" case new --region national --category lv-other --name "李四小吃店" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "北京市朝阳区某街2号" --capacity 30 --unit kW
is "$rc" 0 "a case with a Chinese customer name and address: $out"
c=$out

# The Chinese on an English screen that is not the program's own: what was
# typed (the customer's name and address) and the region's name, which the
# rule files give (data/rules/national.rules: 全国), as do the rules' policy
# lines on the case fields. They are removed before looking for Chinese;
# the field table's hints and the suspension reasons' notes are English.
own_text() {
	screen | sed -e 's/李四小吃店//g' -e 's/北京市朝阳区某街2号//g' -e 's/全国//g' \
		-e '/^rules  /d'
}
# a Chinese character or a full-width punctuation mark (（）：，。、), byte-wise:
# UTF-8 lead bytes E3..E9, or EF BC/EF BD
cjk='[\343-\351]\|\357\274\|\357\275'
no_chinese() { # no_chinese DESCRIPTION: the screen has no Chinese of the program's own
	sleep 0.3
	if own_text | LC_ALL=C grep -q "$(printf "$cjk")"; then
		ok 1 "$1"
		own_text | LC_ALL=C grep "$(printf "$cjk")" | sed 's/^/#   |/'
	else
		ok 0 "$1"
	fi
}

# ---- the case screen ---------------------------------------------------------
E2E_LOCALE=en_US.UTF-8
start_app --
shows " yekuo deadlines |" "en_US.UTF-8: the title line is English"
keys Enter
shows "case $c" "Enter opens the case: its screen is named in English"
shows "event log (1, 0 late)  i: case fields" "the event log's heading"
shows "state (work days)" "the timeline's headings"
shows "acceptance   [" "a stage's name on the timeline"
shows "#1   2026-03-02 opened customer=李四小吃店 category=LV other" "the event log: kind and fields in English, the name as typed"
shows "d complete" "the bottom line: d complete"
shows "e correct" "and e correct"
shows "F1 help q back Q quit" "the keys of every screen, one column off their words"
no_chinese "the case screen has no Chinese of its own"
screen_is english-detail-80x24 "the whole case screen in English at 80x24"

keys i
shows "case fields (" "i: the case fields"
keys End
shows "survey appointment" "a long English label is drawn whole (its column widens)"
no_chinese "the case fields have no Chinese of their own"
keys Home
shows "ID number          1101**********002X" "the ID masked as in Chinese"
no_chinese "nor at their top"
keys i

keys F1
shows "keys: case $c (Esc or F1 closes)" "F1: the help screen's title"
shows "complete the current stage" "a key's sentence"
no_chinese "the help screen has no Chinese of its own"
keys End
shows "-- on every screen --" "the heading of the global keys"
shows "quit, as F10" "the last global key"
no_chinese "nor at its end"
keys Escape

# ---- refusals --------------------------------------------------------------------
keys r
shows "the case is not suspended" "r on a running case: refused in English"
no_chinese "the refusal has no Chinese"
keys a
shows "the case has no external works, so no permit for them is needed" "a without external works: refused in English"
keys v
shows "the case is not yet energised: the follow-up comes after connection" "v before energising: refused in English"
no_chinese "neither refusal has Chinese"

# ---- the forms -------------------------------------------------------------------
# form KEY HEADING WORD: open the form on KEY, see its heading and a word of
# its own, nothing Chinese of the program's, and go back
form() {
	keys "$1"
	shows "-- $2 · $c (F2 saves)" "$1: the form's heading: $2"
	shows "$3" "$1: $3"
	no_chinese "$1: the form has no Chinese of its own"
	keys Escape
	wait_for "event log (" 5
}
form s "site survey (connection conditions)" "survey notes"
form o "assign a manager" "assigned on*"
form c "service contract (promised connection)" "signed on*"
form g "fast lane for a major project" "listed on*"
form f "connection cost (investment boundary)" "recorded on*"
form u "grid upgrade filing" "filed on*"
form w "withdrawal (closes the case)" "withdrawn on*"
keys e
shows "-- correct #1 · $c" "e on event #1: the correction form"
shows "field to correct*  date (business date)  (Space/←→ switches, 1 of" "its choice says how to change it"
shows "the original stays; the clocks are worked out again" "and what a correction does"
no_chinese "the correction form has no Chinese of its own"
keys Escape
wait_for "event log (" 5

# the acceptance, saved: its message names the next stage
keys d
shows "-- acceptance done · $c" "d: the acceptance form"
shows "[ ] applicant's identity document" "its checklist in English"
no_chinese "the acceptance form has no Chinese of its own"
keys F2
shows "saved: acceptance done. now supply plan reply, on track, due 2026-03-05, 3" "F2 saves, in English"
shows "on time 03-02" "the timeline: the acceptance done on time"
no_chinese "the case screen after saving has no Chinese of its own"

# suspend (its reasons' notes come from the field table, src/core/fields.c,
# whose notes are checked in the form's first line only) and resume
keys z
shows "-- suspend (stop the clock) · $c" "z: the suspension form"
shows "suspension reason*" "its reason field"
keys Tab
type_text "papers"
keys F2
shows "saved: suspend (stop the clock)" "the suspension saved"
shows "  ~ suspended 2026-03-02->now" "the timeline lists the open suspension"
shows "customer: papers (0 working days, not resumed)" "with its reason, its note and that it is not resumed"
keys r
shows "-- resume the clock · $c" "r: the resumption form"
shows "suspended since 2026-03-02, reason: customer" "it says which suspension it ends"
no_chinese "the resumption form has no Chinese of its own"
keys Escape
keys F10
shows "EXIT=0" "F10 quits"
stop_app

# ---- the same screens in Chinese: no English of the program's own ----------------
E2E_LOCALE=C.UTF-8
start_tui --
keys Enter
shows "事件记录（3 条，补录 0）" "C.UTF-8: the event log's heading in Chinese"
shows "挂起 2026-03-02->今" "the suspension on the timeline in Chinese"
shows "r恢复 u备案" "the bottom line in Chinese"
lacks "event log" "no English heading"
lacks "complete" "no English key word"
lacks "deadlines" "no English title"
lacks "working days" "no English on the timeline"
keys F1
shows "按键帮助：案件详情 $c（Esc 或 F1 关闭）" "the help screen in Chinese"
lacks "scroll" "no English on it"
lacks "on every screen" "nor in its headings"
keys Escape
keys v
shows "案件尚未装表接电：回访在接电之后" "a refusal in Chinese"
lacks "energised" "no English in it"
keys r
shows "恢复计时 · $c（F2 或 Ctrl-S 保存）" "a form in Chinese"
lacks "resume" "no English in it"
keys Escape
keys F10
shows "EXIT=0" "F10 quits"
stop_app

# ---- a grid upgrade filing on the timeline ------------------------------------------------
# the engine's note is the receipt's Chinese; the screen words it itself
# (src/ui/timeline.c), in the locale's language
run "$YEKUO" case new --region national --category lv-other --name "王五商店" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "北京市朝阳区某街9号" --capacity 30 --unit kW
c2=$out
run "$YEKUO" case event "$c2" filing --upgrade "10kV 配变增容" --why "需新建10kV线路" --planned 2026-06-30
is "$rc" 0 "a filing recorded on $c2: $err"
E2E_LOCALE=en_US.UTF-8
start_app --
shows "$c2" "the filed case on the dashboard"
keys /
type_text "$c2"
keys Enter
wait_for "1 of" 5
keys Enter
wait_for "case $c2" 5
shows "  grid upgrade filed 2026-03-02: the clock runs to the planned date 2026-06-30" \
	"the filing on the timeline in English"
lacks "按计划完成日" "not the receipt's Chinese"
keys F10
stop_app
E2E_LOCALE=C.UTF-8
start_tui --
keys /
type_text "$c2"
keys Enter
sleep 0.5
keys Enter
wait_for "案件 $c2" 5
shows "  电网升级改造备案 2026-03-02: 按计划完成日 2026-06-30 计时" "and in Chinese as before"
keys F10

done_testing
