#!/bin/sh
# The reporting calendar on the dashboard: the first line names the next
# report due and its date with the working days left (Guizhou's monthly
# filing by the 5th working day, 001 附件2 三(二)); D opens that report with
# its parameters set, and F2 produces it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
"$YEKUO" --db "$YEKUO_DB" config set region guizhou >/dev/null || echo "# config set failed"

start_tui --
# March 2026: Mon 2 … Fri 6 is the 5th working day: 4 working days left
shows "D报送 03-06 剩4 新增超限" "the dashboard names the next report due, its date and days left"
keys F1
shows "生成下一份到期的报送报表" "the help screen lists D"
keys Escape
keys D
shows "电网升级改造备案表（每月）" "D opens the monthly filing list"
shows "2026-02" "for February"
shows "贵州" "of the office's region"
keys F2
shows "国家能源局贵州监管办公室" "F2 produces it: the list names Guizhou's recipients"

done_testing
