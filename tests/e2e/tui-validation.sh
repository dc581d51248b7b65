#!/bin/sh
# Bad input in the intake form is marked on its field with the validation
# message and nothing typed is lost; editing moves by whole characters; a
# ledger refusal (another clerk got there first) is shown on the message
# line with the form kept.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00

start_tui --
keys n
shows "业务受理：新建案件" "the intake form"
tabs 1
type_text "张三丰"
keys Left BSpace
shows "客户名称*          张丰" "Backspace deletes the whole character before the cursor"
type_text "三"
shows "客户名称*          张三丰" "typing inserts at the cursor, between characters"
tabs 2
# GB 11643 check digit of 11010519491231002? is X, not 1
type_text "110105194912310021"
tabs 1
type_text "13912345678"
tabs 1
type_text "北京市某区某街3号"
tabs 1
keys Space Space	# 居民
tabs 2
type_text "abc"
tabs 5			# split, reapply, category, external, appointment
type_text "2026-02-30"
keys F2
shows "校验码应为 X，输入的是 1，请逐位核对" "a wrong ID check digit is marked on the ID field"
shows "不是数字" "a non-numeric capacity is marked"
shows "2026-02-30 这一天不存在" "a date that does not exist is marked"
shows "有 3 处需要修改" "the message line counts the problems"
shows "张三丰" "the name typed stays"
shows "110105194912310021" "the wrong ID stays for correcting"
shows "北京市某区某街3号" "the address stays"
# the focus is on the first marked field (the ID)
keys C-u
type_text "11010519491231002X"
tabs 5			# phone, address, customer type, voltage, capacity
keys C-u
type_text "8"
tabs 5
keys C-u
type_text "2026-03-03"
keys F2
shows "已受理：CN-2026-A-00001" "once corrected, the case opens"
lacks "校验码" "and the messages are gone"

# --- a ledger refusal: the stage was completed elsewhere meanwhile ----------
keys d
shows "业务受理完成" "the acceptance form is open"
tabs 2
type_text "资料齐全"
run "$YEKUO" case event CN-2026-A-00001 done accept
is "$rc" 0 "meanwhile the CLI completes the acceptance"
keys F2
shows "未保存：" "the TUI's save is refused on the message line"
shows "已经完成" "with the ledger's reason"
shows "资料齐全" "and the form keeps what was typed"
keys Escape
shows "放弃未保存的输入吗？" "Esc on a form with input asks first"
keys y
shows "当前环节 供电方案答复" "back on the case, which shows the CLI's completion"
keys Q
shows "EXIT=0" "quit"
stop_app

done_testing
