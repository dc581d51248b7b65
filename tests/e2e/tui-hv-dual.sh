#!/bin/sh
# An HV dual-source case opened in the intake form and taken through every
# stage to energising, in the terminal app only. The clock moves between app
# starts (YEKUO_NOW on a training database); at each step the countdown on
# screen is checked against dates counted by hand with the 2026 calendar
# (data/calendar/2026.cal: 04-04..04-06 清明节 off).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
case1=CN-2026-A-00001

# --- Mon 03-02: 业务受理 in the intake form --------------------------------
start_tui --
shows "没有在办案件" "an empty training database starts on an empty dashboard"
keys n
shows "业务受理：新建案件" "n opens the intake form"
tabs 1
type_text "天津某某制造有限公司"
tabs 1
keys Space		# id type: 统一社会信用代码
tabs 1
type_text "91350100M000100Y43"
tabs 1
type_text "13800138000"
tabs 1
type_text "天津市滨海新区某路1号"
tabs 2
keys Space Space	# voltage: 0.38 → 0.22 → 10 kV
tabs 1
type_text "800"
shows "报装容量(kVA)" "a 10 kV supply is sized in kVA"
tabs 1
keys Space		# 双电源
shows "建议：高压双电源" "the category proposed from voltage, capacity and sources"
shows "三零：不符合" "with the 三零 decision (800 kVA is over 160 kW)"
shows "供电方案答复 20" "and the limits that will apply"
tabs 6			# split, reapply, category, external, appointment → materials
keys Space Tab Space Tab Space
shows "[x] 用电工程项目批准文件" "the HV materials checklist has the project approval"
snap intake-hv
keys F2
# accept: 1 WD from Mon 03-02 → Tue 03-03; 1 WD left is a warning.
shows "已受理：$case1" "F2 opens the case and says its number"
shows "到期 2026-03-03 剩 1 工作日" "the acceptance clock runs: due 03-03, 1 WD left"
shows "[x] 用电地址物业权属证明" "the ticked materials are recorded on the case"
shows "收资 业务受理" "as a materials event in the log"
keys d
shows "业务受理完成" "d completes the current stage (acceptance)"
keys F2
# plan 20 WD from Mon 03-02: 03-03..06 (4), 09..13 (9), 16..20 (14),
# 23..27 (19), 03-30 (20).
shows "到期 2026-03-30 剩 20 工作日" "the supply-plan clock: due 03-30, 20 WD left"
keys Q
shows "EXIT=0" "Q quits"
stop_app

# --- Tue 03-10: the supply plan reply --------------------------------------
at 2026-03-10T10:00:00
start_tui --
# used 03-03, 04, 05, 06, 09, 10 = 6 of 20 → 14 left
shows "2026-03-30   14 正常" "the dashboard counts down: 14 WD left on 03-10"
keys Enter
shows "到期 2026-03-30 剩 14 工作日" "and so does the case"
keys d
shows "供电方案答复 · $case1" "d opens the supply plan reply"
type_text "110kV 某站 10kV 间隔"
tabs 1
type_text "10kV 某线"
keys C-s
shows "当前 设计审查，待客户" "Ctrl-S saves the plan; the design review waits for the customer"
shows "报送设计资料后按 t 登记" "the case says what it waits for"
keys F10
stop_app

# --- Fri 03-20: design submitted, then the customer asks to wait -----------
at 2026-03-20T10:00:00
start_tui --
keys Enter
shows "设计审查" "the case is at the design review"
keys t
shows "客户报送设计资料" "t records the customer's design submission"
keys Space Tab Space
keys F2
# design 3 WD from Fri 03-20: 03-23 (1), 03-24 (2), 03-25 (3).
shows "到期 2026-03-25 剩 3 工作日" "design review starts: due 03-25"
keys z
shows "挂起原因" "z opens the suspension dialog"
tabs 1
type_text "客户要求暂缓"
keys F2
shows "挂起 2026-03-20->今 客户原因：客户要求暂缓" "the open suspension is on the timeline"
shows "= 挂起" "and the case shows as suspended"
keys Q
stop_app

# --- Wed 03-25: resumed; Thu 03-26: design passes --------------------------
at 2026-03-25T10:00:00
start_tui --
keys Enter
shows "挂起" "the case is still suspended on 03-25"
keys r
shows "恢复计时" "r opens the resume dialog"
keys F2
# suspended (03-20, 03-25] removes 03-23, 24, 25: 03-26 (1), 27 (2), 30 (3).
shows "到期 2026-03-30 剩 3 工作日" "after resuming, the due date moved by the 3 suspended WD"
shows "停表 3 工作日" "and the timeline says how many days the suspension stopped"
keys Q
stop_app
at 2026-03-26T10:00:00
start_tui --
keys Enter
keys d
shows "检验结论" "d on an inspection stage asks for the result"
keys F2
shows "当前 中间检查，待客户" "the design review passes"
keys Q
stop_app

# --- 04-01 mid-check requested; 04-02 rectification; 04-08 again, passes ---
at 2026-04-01T10:00:00
start_tui --
keys Enter t
shows "客户申请中间检查" "t records the mid-check request"
keys F2
# midcheck 2 WD from Wed 04-01: 04-02 (1), 04-03 (2).
shows "到期 2026-04-03 剩 2 工作日" "mid-check: due 04-03"
keys Q
stop_app
at 2026-04-02T10:00:00
start_tui --
keys Enter d
shows "检验结论" "the mid-check result form"
tabs 2			# past the two materials boxes
keys Space		# 需整改
tabs 1
type_text "接地不合格"
keys F2
shows "客户整改：接地不合格" "a rectification stops the clock, shown on the timeline"
shows "当前 中间检查" "and keeps the case in the mid-check"
keys d
shows "等待客户整改" "the stage cannot be completed while the customer reworks"
keys Q
stop_app
at 2026-04-08T10:00:00
start_tui --
keys Enter t
shows "客户申请中间检查" "t records the new request after rectification"
keys F2
# used: 04-02 (1); (04-02, 04-08] suspended (04-03, 04-07, 04-08; 04-04..06
# 清明节); 1 WD left → due Thu 04-09.
shows "到期 2026-04-09 剩 1 工作日" "mid-check resumes: 1 WD left, due 04-09"
snap detail-hv
keys d
keys F2
shows "当前 竣工检验，待客户" "the mid-check passes"
keys Q
stop_app

# --- 04-20 completion inspection requested, 04-21 passes --------------------
at 2026-04-20T10:00:00
start_tui --
keys Enter t
keys F2
# final 3 WD from Mon 04-20: 04-21 (1), 04-22 (2), 04-23 (3).
shows "到期 2026-04-23 剩 3 工作日" "completion inspection: due 04-23"
keys Q
stop_app
at 2026-04-21T10:00:00
start_tui --
keys Enter d
keys F2
# energise 3 WD from Tue 04-21: 04-22 (1), 04-23 (2), 04-24 (3).
shows "当前 装表接电，正常 到期 2026-04-24 剩 3 工作日" "energising starts with the passed inspection: due 04-24"
keys Q
stop_app

# --- Thu 04-23: 装表接电 closes the case -----------------------------------
at 2026-04-23T10:00:00
start_tui --
keys Enter d
shows "电能表号" "the energising form asks for the meter number"
keys F2
shows "不能为空" "the meter number is required"
type_text "1234567890"
keys F2
shows "案件已办结，按时完成" "energised: the case closes on time"
shows "已于 2026-04-23 装表接电，电能表号 1234567890" "the detail says when and which meter"
keys d
shows "案件已办结" "a closed case takes no more stage actions"
keys Escape
shows "没有在办案件" "the closed case leaves the dashboard"
keys Q
shows "EXIT=0" "quits cleanly"
stop_app

run "$YEKUO" case show "$case1" --format tsv
contains "$out" "on-time	yes" "the CLI agrees: on time"
contains "$out" "late-entries	0" "with no late entries"

done_testing
