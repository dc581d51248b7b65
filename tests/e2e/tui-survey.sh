#!/bin/sh
# Materials and surveys from the terminal app: a Ningxia charging point's
# plan is refused until its on-site survey is recorded (002 任务2), s records
# the survey, and the dashboard's l reaches the 容缺受理 list (cases accepted
# with materials missing, where the profile allows it).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
y() { "$YEKUO" --db "$YEKUO_DB" "$@"; }
ch=NX-2026-A-00001
y case new --region ningxia --category lv-charging --name 宁夏某小区充电桩 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 银川市某小区地下车库 --capacity 20 \
	--unit kW --materials id,safety-pledge >/dev/null
y case event "$ch" done accept >/dev/null || echo "# acceptance failed"

# a profile that allows 容缺受理, and a case accepted short under it
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
cat >"$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" <<'RULES'
profile beijing-2026
region beijing BJ 北京
source test profile
effective 2026-01-01
incomplete-acceptance 某市容缺受理办法（测试）第3条
category lv-sanling
	stage accept+plan -
	stage energise -
	whole 5 15
	whole-from appointment
	scope-max any 160
RULES
bj=BJ-2026-A-00001
y case new --region beijing --category lv-sanling --name 北京某小店 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 北京市某街1号 --capacity 30 \
	--unit kW --materials id >/dev/null
y case event "$bj" done accept >/dev/null || echo "# 容缺 acceptance failed"

start_tui --
keys l l l l l
shows "容缺受理：已受理、受理资料仍未收齐的案件" "l reaches the 容缺受理 list"
shows "$bj" "which lists the case accepted short"
lacks "$ch" "and not the complete one"
keys l
shows "$ch" "l once more: every case again"

keys /
type_text "充电桩"
keys Enter Enter
shows "案件详情 $ch" "the charging point's case"
shows "安全承诺书" "its checklist names the safety pledge (001 附件1 第40行)"
keys d
shows "供电方案答复" "d opens the plan form"
keys F2
shows "必须现场勘察" "the plan is refused without a survey (002 任务2)"
keys Escape
keys s
shows "现场勘察（确定接入条件）" "s opens the survey form"
type_text "表位充足"
keys F2
shows "已保存：现场勘察" "the survey is saved"
shows "现场勘察" "the survey is in the case's event log"
keys d
keys F2
shows "已保存" "now the plan is answered"

done_testing
