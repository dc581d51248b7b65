#!/bin/sh
# 报表 (R on the dashboard): the March filing list, exported to a GB18030
# CSV that iconv reads back; the March timeliness report with its bar chart
# of on-time rates per category, checked against figures worked out by hand
# (dates with data/calendar/2026.cal: no holiday in March); the bars in
# ASCII on a vt100. Fixture through the CLI; the report only in the app.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T10:00:00
c() { # c DATE ARGS…: the CLI with the clock at DATE 10:00
	d=$1
	shift
	YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: $* on $d failed: $err"
}
lv() { # lv DATE REGION CATEGORY NAME KW [options]: open an LV case, $out = its number
	d=$1 region=$2 cat=$3 name=$4 kw=$5
	shift 5
	c "$d" case new --region "$region" --category "$cat" --name "$name" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "${name}地址" --capacity "$kw" \
		--unit kW "$@"
}
# GZ-2026-A-00001: Guizhou 三零 with external works, filed 03-05, still open.
lv 2026-03-02 guizhou lv-sanling "贵州甲小吃店" 30 --appointment 2026-03-02 --external-works
A=$out
c 2026-03-05 case event "$A" filing --upgrade "10kV线路新建" --why "需新建10kV线路" --planned 2026-05-29
# CN-…-00001 三零 100 kW: whole process 03-02 → 03-12 = 8 WD against 5: late.
lv 2026-03-02 national lv-sanling "甲科技公司" 100 --appointment 2026-03-02
F=$out
c 2026-03-03 case event "$F" done accept
c 2026-03-04 case event "$F" done plan
c 2026-03-12 case event "$F" done energise --meter-no 3000000003
# CN-…-00002 三零 60 kW: 03-16 → 03-20 = 4 WD: on time.
lv 2026-03-16 national lv-sanling "乙餐馆" 60 --appointment 2026-03-16
G=$out
c 2026-03-16 case event "$G" done accept
c 2026-03-17 case event "$G" done plan
c 2026-03-20 case event "$G" done energise --meter-no 3000000004
# CN-…-00003 LV other: energise 03-04 → 03-09 = 3 WD against 2: late.
lv 2026-03-02 national lv-other "某物流仓库" 50
I=$out
c 2026-03-02 case event "$I" done accept
c 2026-03-04 case event "$I" done plan
c 2026-03-09 case event "$I" done energise --meter-no 3000000006
# CN-…-00004 resident: 03-02 → 03-05 = 3 WD against 5: on time.
lv 2026-03-02 national lv-resident "王五" 8 --appointment 2026-03-02
B=$out
c 2026-03-02 case event "$B" done accept
c 2026-03-03 case event "$B" done plan
c 2026-03-05 case event "$B" done energise --meter-no 3000000001

# --- Fri 04-10: the March filing list, exported ----------------------------
at 2026-04-10T09:00:00
start_tui --
keys R
shows "报表：选择报表，填写参数" "R on the dashboard opens the reports"
shows "> 报表*      电网升级改造备案表（每月）" "the filing list is the first choice"
shows "月份*      2026-04" "for this month by default"
keys Tab C-u
type_text "2026-13"
keys F2
shows "月份应为 YYYY-MM" "a month that does not exist is marked"
keys C-u
type_text "2026-03"
keys F2
shows "电网升级改造无法满足接电时限项目备案表（2026年03月）" "F2 runs the March filing list"
shows "报送对象（贵州）：国家能源局贵州监管办公室" "with its header lines, the region in Chinese"
shows "备案项目（1 行）" "one filed case was open in March"
shows "序号  案件编号         地区  项目名称（客户名称）" "column heads lined up with the cells"
shows "   1  $A  贵州  贵州甲小吃店" "the row: number, case, region by name, name"
snap report-filing
keys Right Right
shows "   1  $A  贵州甲小吃店地址  低压非居民(三零)" "→ scrolls the table; number and case stay"
keys e
shows "导出到   ~/filing-2026-03.xlsx" "e asks for a file name: an .xlsx for people by default"
keys Enter
shows "已导出：$TEST_HOME/filing-2026-03.xlsx（xlsx）" "Enter writes it and says where"
is "$(head -c 2 "$TEST_HOME/filing-2026-03.xlsx")" "PK" "an .xlsx file (a zip)"
keys e C-u
type_text "~/filing-2026-03.csv"
keys Enter
shows "已导出：$TEST_HOME/filing-2026-03.csv（CSV，GB18030）" "a .csv name writes the exchange CSV"
csv=$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/filing-2026-03.csv" 2>&1)
ok $? "the CSV is GB18030"
contains "$csv" "1,$A,贵州,贵州甲小吃店,贵州甲小吃店地址" "and holds the case, the region by its Chinese name"
digest=$(printf '%s\n' "$csv" | sed -n 's/^封存摘要 (seal digest),//p' | tr -d '\r')
YEKUO_NOW=2026-03-31T18:00:00 run "$YEKUO" verify --seal "$digest"
is "$rc" 0 "the file carries the seal it was made under, and its digest checks out"
keys e C-u
type_text "~/x.doc"
keys Enter
shows "文件名须以 .csv（GB18030）、.xlsx 或 .txt（UTF-8）结尾" "an unknown extension is refused"
keys Escape
shows "未导出" "Esc drops the export"

# --- the March timeliness report ---------------------------------------------
keys Escape
shows "> 月份*      2026-03" "Esc goes back to the parameters, as they were"
keys Up Space Space
shows "办电时限统计" "Space chooses the timeliness report"
keys Tab C-u
type_text "2026-03-01"
keys Tab C-u
type_text "2026-03-31"
keys F2
shows "统计期间：2026-03-01 至 2026-03-31" "F2 runs it for March"
# 整体 per category: resident 1 of 1 on time; 三零 G on time, F late: 1 of
# 2; LV other I late: 0 of 1. One cell per 5 %.
shows "  低压居民         ████████████████████ 100.0%" "the resident case is on time: a full bar"
shows "  低压非居民(三零) ██████████░░░░░░░░░░  50.0%" "三零: half the cases on time, half a bar"
shows "  低压非居民       ░░░░░░░░░░░░░░░░░░░░   0.0%" "LV other: none on time, an empty bar"
shows "分类别分环节（12 行）" "the table by category and step follows"
snap report-timeliness
keys Right Right
# 三零 whole process: F 8 + G 4 WD → 2 done, 6.0 WD average, 1 on time, 50.0 %.
shows "低压非居民(三零)         2               6.0         1       50.0           0" \
	"三零 whole process: 2 done, 6.0 WD average, 1 on time, 50.0 %"
# overdue: F's whole process 5 WD from 03-02 → due 03-09, done 03-12, 3 WD
# late; I's energising 2 WD from 03-04 → due 03-06, done 03-09, 1 late.
keys G
shows " $F  全过程               5  2026-03-02  2026-03-09  2026-03-12   3" \
	"the overdue list: F's whole process, 3 WD late"
shows " $I  装表接电             2  2026-03-04  2026-03-06  2026-03-09   1" \
	"and I's energising, 1 WD late"
# G goes to the last list (重走清单); up past it and 补录清单 to F
keys k k k k k k k k k Enter
shows "案件编号=$F 客户名称=甲科技公司 用户类别=低压非居民(三零)" \
	"Enter shows the selected row in full, hidden columns too"
keys F1
shows "按键帮助：报表" "F1 lists the keys of the report"
shows "导出：默认 .xlsx（给人看、打印）" "export among them"
keys Escape Escape Escape
shows "在办 1 件" "Esc, Esc: back to the dashboard"
keys Q
shows "EXIT=0" "Q quits"
stop_app

# --- the bars in ASCII on a vt100 --------------------------------------------
E2E_TERM=vt100
start_tui --
keys R Space Space Tab C-u
type_text "2026-03-01"
keys Tab C-u
type_text "2026-03-31"
keys F2
shows "  低压非居民(三零) ##########..........  50.0%" "on a vt100 the bars are # and ."
keys F10
stop_app

done_testing
