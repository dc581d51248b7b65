#!/bin/sh
# The office's reporting calendar (rule files' 'report' lines): what is due
# and when, counted with the working-day calendar, and the command that
# produces each. Expectations are the seeds' dates counted by hand.
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/due.db"
T=$(printf '\t')
at() { t=$1; shift; YEKUO_NOW=$t run "$YEKUO" "$@"; }

at 2026-03-02T09:00:00 init --training
is "$rc" 0 "a training database"

at 2026-03-02T09:00:00 report due --region guizhou --date 2026-03-02 --format tsv
is "$rc" 0 "report due runs"
# 001 附件2 三(二): "每月第五个工作日前" — March 2026: Mon 2, Tue 3, Wed 4, Thu 5,
# Fri 6 is the 5th working day; 4 working days after 03-02; for February.
is "$(printf '%s\n' "$out" | head -1)" \
	"monthly-filing${T}2026-03-06${T}4${T}filing${T}2026-02-01${T}2026-02-28${T}新增超限项目按月备案（001 附件2 三(二)：每月第五个工作日前）" \
	"the monthly filing first: due 03-06, 4 working days left, for February"
# 001 附件1 第2行: 每季度25号前 — 03-25: 3-6 (4) + 9-13 (5) + 16-20 (5) + 23-25 (3) = 17
contains "$out" "zero-investment${T}2026-03-25${T}17${T}-${T}2026-01-01${T}2026-03-31" \
	"the quarterly list: 03-25, 17 working days, not produced here"
# 003 三: 7月15日前 / 次年1月15日前
contains "$out" "half-year${T}2026-07-15${T}" "the half-year figures by 07-15"
contains "$out" "annual${T}2027-01-15${T}" "the annual figures by 2027-01-15"
contains "$out" "no-calendar-2027" "a due date in a year without its calendar says so"
contains "$out" "summary-half${T}2026-07-05${T}" "Guizhou's half-year summary by 07-05 (001 三(三))"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 6 "six reports for Guizhou"

# April 2026: Wed 1, Thu 2, Fri 3, 4-6 清明 (2026.cal), Tue 7, Wed 8 = the 5th working day
at 2026-03-07T09:00:00 report due --region guizhou --date 2026-03-07 --format tsv
contains "$out" "monthly-filing${T}2026-04-08${T}" "after March's, April's is due 04-08: 清明 counted off"

at 2026-03-02T09:00:00 report due --region guizhou --date 2026-03-02
contains "$out" "2026-03-06（五）剩 4 个工作日  新增超限项目按月备案" "in words: the date, weekday and days left"
contains "$out" "生成：yekuo report filing --month 2026-02 --region guizhou" "with the command that produces it"
contains "$out" "生成：yekuo report benefit --from 2026-01-01 --to 2026-06-30 --region guizhou" \
	"the half-year figures by the benefit report"
contains "$out" "（本程序不生成此表）" "and says which it cannot produce"

# the office's default region stands when --region is not given
at 2026-03-02T09:00:00 config set region guizhou
at 2026-03-02T09:00:00 report due --date 2026-03-02 --format tsv
contains "$out" "monthly-filing${T}2026-03-06" "the office's default region (config set region)"

# national duties bind everywhere: Tianjin names no due day for its monthly list
at 2026-03-02T09:00:00 report due --region tianjin --date 2026-03-02 --format tsv
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "half-year annual " "tianjin owes the national two"

# 004 三: Jining's counties by 6月底 and 次年1月5日
at 2026-03-02T09:00:00 report due --region jining --date 2022-07-01 --format tsv
contains "$out" "annual${T}2023-01-05${T}" "jining 2022: the year's figures by 2023-01-05"

at 2026-03-02T09:00:00 report due --region mars
is "$rc" 2 "an unknown region is refused"
contains "$err" "--region 'mars' 没有时限规则" "naming it"

# a malformed report line stops the rule book, naming file and line
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
cat >"$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" <<'RULES'
profile beijing-2026
region beijing BJ 北京
source test profile
effective 2026-01-01
report weekly weekly 5 - 周报
category lv-resident
	stage accept+plan -
	stage energise -
	whole 5 15
	whole-from appointment
RULES
at 2026-03-02T09:00:00 rules list
is "$rc" 6 "a malformed report line is refused"
contains "$err" "beijing-2026.rules:5: 报表周期 'weekly' 不是 monthly、quarterly、half-year 或 annual" \
	"naming the file and the line"

done_testing
