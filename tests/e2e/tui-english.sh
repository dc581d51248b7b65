#!/bin/sh
# The terminal app in English: under an en_* locale every word of the
# program's own is English, under C.UTF-8 every one is Chinese, never mixed
# (docs/i18n.md). en_US.UTF-8 is usually not generated (a fresh Debian has
# C, C.utf8 and POSIX only): the app must still draw in UTF-8 then, since
# the data people typed (a customer's name, an address) is Chinese.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
# the clerk's login name is shown on the settings screen (data, masked below)
YEKUO_OPERATOR=zhang
export YEKUO_OPERATOR
run "$YEKUO" case new --region national --category lv-sanling --name "李四小吃店" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "北京市朝阳区某街2号" --capacity 30 --unit kW
is "$rc" 0 "a case with a Chinese customer name: $out"
c=$out
run "$YEKUO" case new --region national --category lv-other --name "赵六餐馆" \
	--id-type resident-id --id 11010519491231002X --phone 13611112222 \
	--address "北京市海淀区某路6号" --capacity 20 --unit kW
w=$out
run "$YEKUO" case event "$w" withdraw --reason "客户撤回申请"
is "$rc" 0 "a second case, withdrawn the same day: $w"

# What the program writes itself, in one language. The data is masked first
# (MASK, a sed script): what people typed (the customer's name, address)
# and the names the data files give (a rule profile's region, a report's
# name) are Chinese in any locale. The whole screen is checked: the title
# line and the key line too.
# and a database's random id (hex, on the sync screen)
MASK='s/李四小吃店//g; s/北京市朝阳区某街2号//g; s/赵六餐馆//g; s/zhang//g; s/[0-9a-f]{12}…//g'
body() { screen | sed -E "$MASK"; }
# no_cjk DESCRIPTION: no Chinese of the program's own on the screen
no_cjk() {
	sleep 0.3
	zh=$(body | grep -P '[\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]')
	is "$zh" "" "$1"
}
# chrome_no_cjk DESCRIPTION: the title line, the screen's own heading
# below it, the message and key lines hold no Chinese (a document fills the
# rest)
chrome_no_cjk() {
	sleep 0.3
	zh=$(screen | sed -n '1,2p;$p' | sed -E "$MASK" | grep -P '[\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]')
	is "$zh" "" "$1"
}
# no_english DESCRIPTION: no English word of the program's own (C.UTF-8);
# what stays Latin in any locale: key names, codes and the program's name
no_english() {
	sleep 0.3
	en=$(body | grep -oE '[A-Za-z]{3,}' |
		grep -vxE 'yekuo|config|Enter|Esc|Tab|PgUp|PgDn|Home|End|Space|Backspace|Del|report|due' | sort -u | tr '\n' ' ')
	is "$en" "" "$1"
}

# ---- 1. the locale: English messages, UTF-8 drawing -----------------------
E2E_LOCALE=en_US.UTF-8
start_app --
shows "$c" "under LANG=en_US.UTF-8 the app starts and lists the case"
shows "李四小吃店" "the customer's Chinese name is drawn as typed, in UTF-8"
lacks "?" "nothing is drawn as a question mark"
keys F10
shows "EXIT=0" "F10 quits"
stop_app

# ---- 2. the screens in English ----------------------------------------------
E2E_LOCALE=en_US.UTF-8
start_app --
shows "Open 1  overdue 0" "the dashboard's first line counts in English"
shows "Filter  category[c]:all  stage[s]:all" "and names its filters in English"
shows "Case no." "the column heads are English"
shows "on track" "and so is a case's state"
no_cjk "the dashboard: no Chinese of the program's own"
screen_is english-dashboard-80x24 "the English dashboard, whole screen (80x24)"
keys a
shows "All 2: open 1  done 0  withdrawn 1" "a: every case, counted in English"
shows "w/d 03-02" "a withdrawn case shows the day it was withdrawn, short enough for its column"
shows "All cases: open, energised and withdrawn" "the message line says so in English"
no_cjk "every case: no Chinese of the program's own"
keys a w BSpace
type_text "400"
keys Enter
shows "the working days must be a whole number from 0 to 366, not “400”" "a refused N is explained in English"
keys Escape
keys C
shows "Mon        Tue" "C: the calendar's weekdays in English"
shows "H holiday  W make-up working day" "and its legend"
shows "(1)" "a day with a case due shows the count"
shows "←→ day ↑↓ week" "the keys' words apart from their arrows"
no_cjk "the calendar: no Chinese of the program's own"
keys PgDn
shows "2026-04" "PgDn: the next month"
keys q O
shows "Settings: the hall and the clerk" "O: the settings in English"
shows "office code" "with the settings' labels in English"
shows "(not set)" "and an unset choice in English"
no_cjk "the settings: no Chinese of the program's own"
keys Escape
stop_app

# the intake form: its title, its own words and one refusal
start_app --
shows "Open 1" "the dashboard again"
keys n
shows "Intake: a new case (* required; F2 or Ctrl-S saves)" "n: the intake form, titled in English"
shows "materials in" "its materials box in English"
shows "give the voltage and capacity for a suggested category" "and its suggestion"
keys F2
shows "to correct (see the marked fields); everything typed is kept" "F2 on an empty form: refused, in English"
keys Escape
shows "Open 1" "Esc: back to the dashboard"

# the receipt: the screen around it English, the document Chinese (it is
# the customer's, and the authorities' to inspect: docs/i18n.md)
keys Enter
keys p
shows "Receipt $c (" "p: the receipt, titled in English"
shows "p prints, s saves)" "with its keys in English"
shows "用电报装业务受理回执" "the receipt itself stays Chinese"
shows "案件编号  ：$c" "its lines too"
chrome_no_cjk "the receipt's title, key and message lines: no Chinese"
keys s
shows "Save the receipt (Enter or F2 saves, Esc cancels)" "s asks where to save, in English"
shows "GB18030 (Windows Notepad)" "the encodings in English"
keys Escape
shows "not saved" "Esc: not saved, said in English"
keys p
shows "Print preview: Receipt $c" "p: the print preview, titled in English"
chrome_no_cjk "the print preview's title and key lines: no Chinese"
keys q
shows "Receipt $c (" "q: back to the receipt"
keys q q
shows "Open 1" "back to the dashboard"

# the report picker, a refusal, and one report: the filing list is a
# document for the authorities, Chinese; its heading on screen English
keys R
shows "Reports: choose one, fill in the parameters, F2 runs it" "R: the report picker in English"
shows "grid upgrade projects still open in the month" "with what the report holds"
shows "grid upgrade filing list (monthly)" "the reports by their English names"
shows "> report*    grid upgrade" "the choice is labelled as one report, not as the screen"
no_cjk "the report picker: no Chinese of the program's own"
keys Tab C-u
type_text "2026-13"
keys F2
shows "the month is YYYY-MM, e.g. 2026-03" "a month that does not exist is refused in English"
keys C-u
type_text "2026-03"
keys F2
shows "Filing list 2026-03 all regions" "F2 runs the filing list: its heading in English"
shows "电网升级改造无法满足接电时限项目备案表（2026年03月）" "the report itself stays Chinese"
shows ": done. e exports, p changes" "the message line in English"
chrome_no_cjk "the report's title and key lines: no Chinese"
keys Escape
keys Up Space Space
shows "time statistics" "Space: the time statistics, by their English name"
keys F2
shows "On time (by category: cases energised in the period" "its bar chart is headed in English"
shows "(no case energised in the period)" "and says in English that it has no bars"
keys Escape Escape
shows "Open 1" "Esc Esc: back to the dashboard"

# the sync screen and an export's preview
keys S
shows "This database" "S: the sync screen in English"
shows "Unresolved sync conflicts: cases 0, places 0" "its conflicts heading"
no_cjk "the sync screen: no Chinese of the program's own"
keys e
shows "Export a bundle (F2 previews, written once confirmed)" "e: the export form"
shows "optional, e.g. HALL" "with its hints in English"
no_cjk "the export form: no Chinese of the program's own"
keys F2
shows "Will export: cases 2, events 3" "F2: the preview in English"
shows "? (y/n)" "asked before writing"
keys n
shows "not exported" "n: nothing written, said in English"
keys Escape
stop_app

# ---- a sync conflict, imported and resolved in English -----------------------
# Two training databases record the plan of one case offline; A imports
# B's bundle in the app. The event codes ("done plan") stay codes.
A=$TEST_HOME/a.db B=$TEST_HOME/b.db
for d in A B; do
	eval db=\$$d
	y "$db" 2026-03-02T08:00:00 init --training --office "$d"
done
y "$A" 2026-03-02T09:00:00 case new --region national --category lv-other --name "甲五金店" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 --address "某地3号" --capacity 50 --unit kW
a1=$out
y "$A" 2026-03-02T10:00:00 case event "$a1" done accept
y "$A" 2026-03-02T17:00:00 sync export --to "$TEST_HOME/a.ykb" --peer B
y "$B" 2026-03-03T09:00:00 sync import "$TEST_HOME/a.ykb"
is "$rc" 0 "B has A's case"
y "$A" 2026-03-04T09:00:00 case event "$a1" done plan --supply-point "某变电站"
y "$B" 2026-03-04T10:00:00 case event "$a1" done plan --supply-point "某台区"
y "$B" 2026-03-04T17:00:00 sync export --to "$TEST_HOME/b.ykb" --peer A
trust_signer "$A" "$TEST_HOME/b.ykb"
is "$rc" 0 "both recorded the plan; B exported it"
MASK="$MASK; s/甲五金店//g"
keep_db=$YEKUO_DB
YEKUO_DB=$A
at 2026-03-04T18:00:00
start_app --
shows "Open 1" "A's dashboard in English"
keys S i C-u
type_text "~/b.ykb"
keys F2
shows "cases changed 1 (new 0), in conflict 1" "the import's preview counts the conflict in English"
shows "$a1  changed  new events 1  conflict" "and names the case"
keys y
shows "imported: new events 1, cases changed 1, in conflict 1 (below; Enter resolves)" "imported: the message in English"
shows "$a1  held done plan (B, 03-04) against done plan (A, 03-04)" "the conflict listed in English, the event codes as codes"
no_cjk "the sync screen with a conflict: no Chinese of the program's own"
keys Enter
shows "office B's done plan (2026-03-04) is held (void" "Enter: what clashes, in English"
shows "office A: done plan (2026-03-04), in force" "the side in force offered first"
keys F2
shows "give the reason" "a resolution without a reason is refused in English"
no_cjk "the resolution form: no Chinese of the program's own"
type_text "checked on site"
keys F2
shows "resolved the conflict of $a1: kept office A, recorded events 1" "F2 resolves it, said in English"
shows "Unresolved sync conflicts: cases 0, places 0" "no conflict left"
stop_app
YEKUO_DB=$keep_db
at 2026-03-02T09:00:00

# ---- 3. the same screens in C.UTF-8: Chinese only ---------------------------
E2E_LOCALE=C.UTF-8
start_tui --
shows "在办 1 件" "under C.UTF-8 the dashboard is Chinese"
no_english "the dashboard: no English of the program's own"
keys C
shows "2026年03月" "the calendar is Chinese"
no_english "the calendar: no English of the program's own"
keys q O
shows "设置：营业厅与受理人" "the settings are Chinese"
no_english "the settings: no English of the program's own"
keys Escape S
shows "未解决的同步冲突：0 件案件 0 处" "the sync screen is Chinese"
no_english "the sync screen: no English of the program's own"
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
