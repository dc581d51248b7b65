#!/bin/sh
# Printing from the app: p on the receipt and P on a report open the print
# preview (printer, A4 orientation, size, pages, then the text); Enter
# there hands paps's PostScript to lp. A test lp keeps the job, a test
# lpstat plays the CUPS default. With no printer the preview says what to
# set up and Enter prints nothing. Whole screens of the receipt, the report
# and the preview at 80x24 and 120x36, with Chinese names.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

. "$top_srcdir/tests/print-lib.sh"

training_db 2026-04-13T09:00:00
"$YEKUO" case new --region tianjin --category hv-single --name "天津𠀀新材料有限公司" \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 \
	--address "天津市滨海新区经济技术开发区第十一大街某工业园区三号厂房东侧" --capacity 630 --unit kVA >"$TEST_HOME/case"
C=$(cat "$TEST_HOME/case")
"$YEKUO" case event "$C" materials accept --items id,property,approval >/dev/null
"$YEKUO" case event "$C" done accept >/dev/null
is "$C" "TJ-2026-A-00001" "an HV case for a company whose name has U+20000"

# --- the receipt, printed from its screen ---------------------------------------
start_tui --
keys Enter
shows "案件详情 $C" "Enter opens the case"
keys p
shows "受理回执 $C" "p opens the receipt"
shows "p打印" "its key line offers printing"
screen_is receipt-80x24 "the receipt screen at 80x24"
keys p
shows "打印预览：受理回执 $C" "p opens the print preview"
shows "打印机：office（CUPS 默认打印机）" "naming the printer and how it was chosen"
shows "A4 纵向，12.0 磅，每行至多 72 列，共 1 页；Enter 打印" "portrait A4, the size, the widest line, one page"
screen_is print-receipt-80x24 "the print preview at 80x24"
snap print-preview
keys Enter
shows "已送打印机 office（CUPS 默认打印机）：作业 office-7，A4 纵向，1 页" "Enter prints and says so"
shows "受理回执 $C" "back on the receipt"
is "$(head -c 4 "$spool/job.ps" 2>/dev/null)" "%!PS" "lp got PostScript"
YEKUO_NOW=2026-04-13T09:00:00 "$YEKUO" case receipt "$C" >"$TEST_HOME/receipt.txt"
run python3 "$top_srcdir/tests/tools/ps-glyphs.py" "$spool/job.ps" "$TEST_HOME/receipt.txt"
is "$rc" 0 "every character of the receipt drawn, 𠀀 included: $out"
keys F1
shows "打印预览，再按 Enter 送打印机" "F1 explains the print key"
keys Escape
stop_app

# --- no printer: the preview says what to do and prints nothing ------------------
LPSTAT_SAYS=none
export LPSTAT_SAYS
rm -f "$spool/job.ps"
start_tui --
keys Enter
shows "案件详情 $C" "the case again"
keys p p
shows "不能打印：没有设置打印机" "with no printer the preview says so"
screen_is print-blocked-80x24 "the preview with no printer, at 80x24"
lacks "Enter打印" "and offers no printing"
keys Enter
sleep 0.5
[ ! -e "$spool/job.ps" ]
ok $? "Enter sends nothing to lp"
keys Escape
shows "受理回执 $C" "Esc goes back to the receipt"
stop_app
unset LPSTAT_SAYS

# --- 120x36 ------------------------------------------------------------------------
start_tui 120 36 --
keys Enter
shows "案件详情 $C" "the case at 120x36"
keys p
shows "受理回执 $C" "its receipt"
screen_is receipt-120x36 "the receipt screen at 120x36"
keys p
shows "打印机：office" "the preview"
screen_is print-receipt-120x36 "the print preview at 120x36"
stop_app

# --- a report ------------------------------------------------------------------------
for size in "80 24" "120 36"; do
	# shellcheck disable=SC2086
	start_tui $size --
	keys R
	shows "报表：选择报表" "R opens the reports ($size)"
	keys Space Space
	shows "办电时限统计" "the timeliness report"
	keys F2
	shows "统计期间：2026-04-01 至 2026-04-13" "run for this month"
	screen_is "report-$(echo "$size" | tr ' ' x)" "the report screen at $(echo "$size" | tr ' ' x)"
	stop_app
done
rm -f "$spool/job.ps"
start_tui --
keys R Space Space F2
shows "统计期间：2026-04-01 至 2026-04-13" "the report again"
shows "P打印" "its key line offers printing"
keys P
shows "打印预览：用电报装办理时限统计" "P opens the preview"
shows "A4 横向" "a wide report goes across the page"
keys Enter
shows "已送打印机 office（CUPS 默认打印机）：作业 office-7，A4 横向" "Enter prints it"
is "$(head -c 4 "$spool/job.ps" 2>/dev/null)" "%!PS" "as PostScript"
stop_app

done_testing
