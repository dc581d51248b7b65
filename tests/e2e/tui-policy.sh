#!/bin/sh
# The policy's facts from the terminal app, each through the one form
# widget: an external-works permit applied for and granted (002 任务4), a
# pause tagged with its legal basis (003 附件2-2 row 6), a manager assigned
# (003 附件1 row 13) and "my cases", the date agreed with the customer
# (001 附件1 row 10) and the fast lane (row 8) marked on the dashboard, the
# follow-up after energising with its score (003 附件1 row 22), and the
# connection cost, refused when a 三零 customer would pay (003 row 38).
# The contract form is compared whole at 80x24.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
export YEKUO_OPERATOR=张三
Y() { "$YEKUO" --db "$YEKUO_DB" "$@"; }
P=CN-2026-A-00001
E=CN-2026-A-00002
Y case new --region national --category lv-sanling --name 三零商店 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 某市某路一号 --capacity 30 --unit kW \
	--external-works --appointment 2026-03-02 >/dev/null
Y case new --region national --category lv-other --name 已接电商店 --id-type uscc \
	--id 91350100M000100Y43 --phone 13912345678 --address 某市某路二号 --capacity 50 --unit kW \
	--appointment 2026-03-02 >/dev/null
Y case event "$E" done accept >/dev/null
Y case event "$E" done plan >/dev/null
# E energised Mon 03-02: its follow-up (5 WD by default) is due Mon 03-09
Y case event "$E" done energise --meter-no 3000000001 >/dev/null

at 2026-03-05T09:00:00
start_tui --
keys Enter
shows "案件详情 $P" "Enter opens the open 三零 case"
shows "a审批" "a case with external works is offered the permit form"
lacks "b批复" "no grant before an application"

# --- a permit applied for and granted (外线工程行政审批) --------------------------
keys a
shows "外线工程行政审批申报 · $P" "a opens the permit form"
shows "审批事项*          占用挖掘道路许可" "the kinds by their Chinese names"
keys Tab
type_text "某市城市管理局"
keys F2
shows "已保存：外线工程行政审批申报" "the application is saved"
keys b
shows "占用挖掘道路许可（2026-03-05 申报，某市城市管理局）" "the grant form offers the pending permit"
keys F2
shows "已保存：外线工程行政审批批复" "the grant is saved"

# --- a pause with its legal basis ---------------------------------------------------
keys z
shows "客户原因（无条文豁免）" "the suspension form says which reasons no clause exempts"
keys Space
shows "不可抗力（依据豁免）" "and which one the seeds exempt"
keys F2
shows "已保存：挂起" "suspended for force majeure"
keys r F2
shows "已保存：恢复计时" "and resumed"

# --- owner, promise, fast lane, cost -----------------------------------------------------
keys o
shows "指派责任人" "o opens the assignment form"
keys Tab
type_text "张三"
keys F2
shows "已保存：指派责任人" "张三 is the customer manager"
keys c
shows "服务契约（契约式接电）" "c opens the contract form"
screen_is contract-80x24 "the contract form, whole screen (80x24)"
type_text "2026-03-10"
keys F2
shows "已保存：服务契约" "the promised date is saved"
# Thu 03-05 → Tue 03-10: Fri, Mon, Tue = 3 working days: due soon
shows "约定接电 2026-03-10 预警 剩 3 工作日" "the detail shows the promise beside the legal clock"
keys g
shows "列入重大项目绿色通道" "g opens the fast-lane form"
keys Space F2
shows "已保存：列入重大项目绿色通道" "put on the fast lane as a provincial project"
keys f
shows "办电费用（投资界面）" "f opens the cost form"
type_text "0.5"
keys Tab
type_text "1.2"
keys F2
shows "零投资" "a 三零 customer's payment is refused, saying why"
shows "未保存" "and nothing is saved"
keys C-u
type_text "0"
keys F2
shows "已保存：办电费用" "with nothing paid it is saved"

# --- the dashboard: marks and lists --------------------------------------------------------
keys q
shows "(绿)(约)三零商" "the dashboard marks the fast lane and the promise due soon"
screen_is dashboard-policy-80x24 "the dashboard with the marks, whole screen (80x24)"
keys Enter
shows "约定接电 2026-03-10 预警 剩 3 工作日" "the detail again"
screen_is detail-policy-80x24 "the detail with the fast lane, promise and manager line, whole screen (80x24)"
keys q
keys l
shows "清单[l]:我的案件" "l: my cases"
shows "$P" "张三's case is listed"
keys l
shows "清单[l]:绿色通道" "l: the fast lane"
shows "$P" "the case is on it"
keys l
shows "清单[l]:契约到期" "l: promises to chase"
shows "$P" "the promise due on 03-10 is one"
keys Q
shows "EXIT=0" "Q quits"
run Y case show "$P" --format tsv
contains "$out" "permit	road 2026-03-05..2026-03-05 某市城市管理局" "the permit was stored"
contains "$out" "suspension-basis	exempt" "the pause, exempt"
contains "$out" "customer-manager	张三" "the manager"
contains "$out" "promised	2026-03-10" "the promise"
contains "$out" "fast-lane	provincial" "the fast lane"
contains "$out" "cost	0 1.2" "the cost, nothing paid"

# --- the case's information, wider ---------------------------------------------------------
start_tui 120 36 --
keys Enter i G
shows "停表依据        豁免：003 附件2-2 第6行：除不可抗力外" "the information lists the pause's basis"
shows "外线审批        占用挖掘道路许可  2026-03-05 申报 → 2026-03-05  某市城市管理局" "the permit"
shows "投资界面        客户承担 0 万元；电网投资 1.2 万元" "the cost"
keys Q

# --- the follow-up, overdue on Thu 03-12 ---------------------------------------------------
at 2026-03-12T09:00:00
# L: lv-other applied Thu 03-12, acceptance due Fri 03-13: 1 WD left, a warning
L=CN-2026-A-00003
Y case new --region national --category lv-other --name 督办商店 --id-type uscc \
	--id 91350100M000100Y43 --phone 13912345678 --address 某市某路三号 --capacity 50 --unit kW >/dev/null
Y case event "$L" assign --role customer-manager --owner 李四 >/dev/null
start_tui --
keys l l l l
shows "回访待办 1 件   回访超期 1" "the follow-ups due: one, overdue"
shows "$E 已接电商店" "the energised case"
shows "2026-03-09   -3 超期" "due 03-09, 3 working days past it"
keys Enter v
shows "回访（服务评价） · $E" "v opens the follow-up form"
keys Tab
type_text "7"
keys F2
shows "不是 1 到 5 的整数" "a score of 7 is refused"
keys C-u
type_text "4"
keys F2
shows "已保存：回访" "the call with a score of 4 is saved"
shows "回访 2026-03-12 已完成（超期）" "the detail shows the follow-up done, late"
keys q
shows "没有待回访的案件" "nothing is left to follow up"

# --- 督办 in the report screen (003 附件1 row 13) ----------------------------------------------
keys l R
shows "报表" "R opens the reports"
keys Space Space Space
shows "督办清单（超期、今日到期、预警）" "the supervision report is one of them"
lacks "起始日期" "it takes no period: the cases as they stand today"
keys F2
shows "督办清单 2026-03-12 全部地区" "it runs for today"
shows "李四" "counting L for its customer manager"
shows "$L" "and listing L"
shows "预警" "in warning"
keys Q
run Y case show "$E" --format tsv
contains "$out" "follow-up	reached 2026-03-12 4 calls 1" "the outcome and score were stored"
done_testing
