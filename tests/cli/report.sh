#!/bin/sh
# The three reports an office owes, on a fixture built through the CLI with
# a fixed clock, checked against figures worked out by hand below; and the
# customer's receipt. Reports are read as UTF-8 CSV so that each figure is
# one field.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/rep.db
export YEKUO_DB="$db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
ID=11010519491231002X
USCC=91350100M000100Y43
PHONE=13912345678
# lv CASE-VAR DATE REGION CATEGORY NAME KW [options]: open an LV case
lv() {
	var=$1 d=$2 region=$3 cat=$4 name=$5 kw=$6
	shift 6
	at "$d" case new --region "$region" --category "$cat" --name "$name" --id-type resident-id \
		--id $ID --phone $PHONE --address "${name}地址" --capacity "$kw" --unit kW "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: case new $name failed: $err"
	eval "$var=\$out"
}
ev() { # ev DATE CASE KIND [args]
	d=$1
	shift
	at "$d" case event "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: case event $* on $d failed: $err"
}

at 2026-02-02 init --training --office A
is "$rc" 0 "a training database for the fixture"

# --- the fixture ----------------------------------------------------------------
# A: Guizhou 三零, filed 03-05, still open.
lv A 2026-03-02 guizhou lv-sanling "贵州甲小吃店" 30 --appointment 2026-03-02 --external-works
ev 2026-03-05 "$A" filing --upgrade "10kV线路新建" --why "需新建10kV线路，工期约两个月" --planned 2026-05-29
# B: Guizhou resident, filed 02-04, energised 03-10; plan saved 0.35 万元.
lv B 2026-02-02 guizhou lv-resident "王五" 8 --appointment 2026-02-02 --external-works
ev 2026-02-02 "$B" done accept
ev 2026-02-03 "$B" done plan --investment-saved 0.35
ev 2026-02-04 "$B" filing --upgrade "配变增容" --why "台区容量不足" --planned 2026-03-31
ev 2026-03-10 "$B" done energise --meter-no 3000000001
# C: Guizhou 三零, filed 02-03, energised 02-27 (entered late, on 03-02).
lv C 2026-02-02 guizhou lv-sanling "贵州乙商店" 40 --appointment 2026-02-02
ev 2026-02-02 "$C" done accept
ev 2026-02-03 "$C" filing --upgrade "配变增容" --why "台区容量不足" --planned 2026-03-20
ev 2026-02-03 "$C" done plan
ev 2026-03-02 "$C" done energise --meter-no 3000000002 --date 2026-02-27 --late-reason "现场无网络"
# D: Tianjin 三零, applied 04-01, filed 04-02.
lv D 2026-04-01 tianjin lv-sanling "天津丁面馆" 20 --appointment 2026-04-01
ev 2026-04-02 "$D" filing --upgrade "10kV线路改造" --why "线路改造需停电窗口" --planned 2026-06-30
# E: national 三零, filed 03-20, withdrawn 03-25.
lv E 2026-03-16 national lv-sanling "丙超市" 50 --appointment 2026-03-16
ev 2026-03-20 "$E" filing --upgrade "配变新建" --why "无公用配变" --planned 2026-06-30
ev 2026-03-25 "$E" withdraw --reason "客户取消用电"
# F: 三零 100 kW, whole process 03-02 → 03-12: 8 WD against 5, late by 3.
lv F 2026-03-02 national lv-sanling "甲科技公司" 100 --appointment 2026-03-02
ev 2026-03-03 "$F" done accept
ev 2026-03-04 "$F" done plan --investment-saved 2.5
ev 2026-03-12 "$F" done energise --meter-no 3000000003
# G: 三零 60 kW, 03-16 → 03-20: 4 WD, on time.
lv G 2026-03-16 national lv-sanling "乙餐馆" 60 --appointment 2026-03-16
ev 2026-03-16 "$G" done accept
ev 2026-03-17 "$G" done plan --investment-saved 1.2
ev 2026-03-20 "$G" done energise --meter-no 3000000004
# H: HV single 630 kVA, every stage on time (0+4+1+1+1+2 = 9 WD).
at 2026-03-02 case new --region national --category hv-single --name "某某制造有限公司" \
	--id-type uscc --id $USCC --phone 13800138000 --address "某工业园1号" --capacity 630 --unit kVA
H=$out
ev 2026-03-02 "$H" done accept
ev 2026-03-06 "$H" done plan --investment-saved 10
ev 2026-03-09 "$H" start design
ev 2026-03-10 "$H" done design --result pass
ev 2026-03-11 "$H" start midcheck
ev 2026-03-12 "$H" done midcheck --result pass
ev 2026-03-13 "$H" start final
ev 2026-03-16 "$H" done final --result pass
ev 2026-03-18 "$H" done energise --meter-no 3000000005
# I: LV other: accept 0 WD, plan 2 (limit 3), energise 03-04 → 03-09 = 3 (limit 2: late by 1).
lv I 2026-03-02 national lv-other "某物流仓库" 50
ev 2026-03-02 "$I" done accept
ev 2026-03-04 "$I" done plan
ev 2026-03-09 "$I" done energise --meter-no 3000000006
# J: Ningxia charging point 20 kW, saved 0.8 万元.
lv J 2026-03-02 ningxia lv-charging "某充电站" 20
ev 2026-03-03 "$J" done accept
# 002 任务2: a charging point is surveyed on site before its plan
ev 2026-03-04 "$J" survey
ev 2026-03-05 "$J" done plan --investment-saved 0.8
ev 2026-03-09 "$J" done energise --meter-no 3000000007
# K: 三零 energised 04-01: outside March.
lv K 2026-03-23 national lv-sanling "丁花店" 10 --appointment 2026-03-23
ev 2026-03-24 "$K" done accept
ev 2026-03-25 "$K" done plan
ev 2026-04-01 "$K" done energise --meter-no 3000000008
# L: LV other: accept 03-02 → 03-04 = 2 WD (limit 1, late by 1), entered on 03-05 (补录);
# plan 1, energise 1.
lv L 2026-03-02 national lv-other "某加工厂" 80
ev 2026-03-05 "$L" done accept --date 2026-03-04 --late-reason "系统故障当日未录入"
ev 2026-03-05 "$L" done plan
ev 2026-03-06 "$L" done energise --meter-no 3000000009
# M: Tianjin HV dual: accept 03-02 → 03-05 = 3 WD (late by 2); plan due 04-02, after March.
at 2026-03-02 case new --region tianjin --category hv-dual --name "天津某制造有限公司" \
	--id-type uscc --id $USCC --phone 13800138000 --address "天津市某路2号" --capacity 800 --unit kVA
M=$out
ev 2026-03-05 "$M" done accept
# N: LV other: plan started 03-23, due 03-26, still open on 04-10: 13 WD, late by 10.
lv N 2026-03-23 national lv-other "某门市" 30
ev 2026-03-23 "$N" done accept

# Reports are made on Friday 2026-04-10.
rep() { YEKUO_NOW=2026-04-10T09:00:00 run "$YEKUO" report "$@"; }
line() { printf '%s\n' "$1" | grep -F -- "$2" | head -1 | tr -d '\r'; }

# --- filing: March ------------------------------------------------------------------
# Open in March = filed by 03-31, not energised (or withdrawn) before 03-01:
# B (energised 03-10), A (open), E (withdrawn 03-25); not C (energised 02-27),
# not D (filed 04-02). Sorted by filing date.
rep filing --month 2026-03 --format csv --encoding utf-8
is "$rc" 0 "report filing runs"
rows=$(printf '%s\n' "$out" | grep -E '^[0-9]+,' | cut -d, -f2 | tr '\n' ' ')
is "$rows" "$B $A $E " "March lists B, A and E, by filing date"
contains "$(line "$out" "$A")" "2,$A,贵州,贵州甲小吃店,贵州甲小吃店地址,低压非居民(三零),30,kW,2026-03-02,10kV线路新建,需新建10kV线路，工期约两个月,2026-05-29" \
	"each row has name, address, category, capacity, application, upgrade, why and planned date"
contains "$(line "$out" "$B")" ",2026-02-04,2026-03-10,已接电" "B shows its filing date, energising date and status"
contains "$(line "$out" "$E")" "已撤销" "E is shown as withdrawn"
contains "$out" "报送对象（贵州）,国家能源局贵州监管办公室" "the header names each region's recipients, the region in Chinese"
contains "$out" "时限规则（全国）,《国家发展改革委 国家能源局关于深化提升“获得电力”服务水平 全面打造现代化用电营商环境的意见》（发改能源规〔2025〕624号）" "and cites the policy by its official name and number"
case "$out" in
*000附件*|*"（000）"*|*001附件*|*"（附件1第5行）"*) ok 1 "the filing list cites none of our own file numbers" ;;
*) ok 0 "the filing list cites none of our own file numbers" ;;
esac

rep filing --month 2026-03 --region guizhou --format csv --encoding utf-8
rows=$(printf '%s\n' "$out" | grep -E '^[0-9]+,' | cut -d, -f2 | tr '\n' ' ')
is "$rows" "$B $A " "--region guizhou keeps Guizhou's cases"
contains "$out" "报送对象,国家能源局贵州监管办公室（贵州能源监管办）；属地能源部门" "with Guizhou's recipients"
contains "$out" "报送期限,2026-03-25 前（每月25号前" "and the due day from the profile (the 25th)"

rep filing --month 2026-04 --format csv --encoding utf-8
rows=$(printf '%s\n' "$out" | grep -E '^[0-9]+,' | cut -d, -f2 | tr '\n' ' ')
is "$rows" "$A $D " "April: A still open, D newly filed; B energised and E withdrawn in March drop off"

rep filing --month 2026-03 --format text
contains "$out" "电网升级改造无法满足接电时限项目备案表（2026年03月）" "the text form has the filing's title"
contains "$out" "计划完成日期" "and its column headings"

rep filing --month 2026-13
is "$rc" 2 "a month that does not exist is refused"
rep filing --from 2026-03-01 --to 2026-03-31
is "$rc" 2 "the filing list wants --month"
rep filing --month 2026-03 --region atlantis
is "$rc" 2 "an unknown region is refused"

# --- benefit: March ------------------------------------------------------------------
# Energised in March: B resident 8 kW 0.35 万元; F 100 kW 2.5 and G 60 kW 1.2
# (三零 enterprises); J charging point 20 kW 0.8; H HV 630 kVA 10 万元.
# kW counted as kVA 1:1, then ÷ 10000. I and L (lv-other) are outside the table.
rep benefit --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$rc" 0 "report benefit runs"
is "$(line "$out" "受益户数")" "受益户数（户）,1,2,1,1,5" "beneficiary households by column"
is "$(line "$out" "节省投资")" "节省投资（万元）,0.35,3.7,0.8,10,14.85" "investment saved, 万元"
is "$(line "$out" "增加容量")" "增加容量（万千伏安）,0.0008,0.016,0.002,0.063,0.0818" "added capacity, 万千伏安"
is "$(line "$out" "增加售电量（")" "增加售电量（万千瓦时）,,,,," "sales are not tracked: the row stays empty"
contains "$out" "2 户（低压非居民" "the two LV non-三零 cases are reported as left out"
contains "$out" "1 千瓦 = 1 千伏安" "the kW→kVA rule is stated on the table"
rep benefit --from 2026-04-01 --to 2026-04-30 --format csv --encoding utf-8
is "$(line "$out" "受益户数")" "受益户数（户）,0,1,0,0,1" "April counts K, energised 04-01"
rep benefit --from 2026-03-31 --to 2026-03-01
is "$rc" 2 "a period that ends before it starts is refused"

# --- timeliness: March -----------------------------------------------------------------
rep timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$rc" 0 "report timeliness runs"
# lv-other: accept I 0, L 2 (late), N 0 → 3 done, 0.7 avg, 2 on time;
# plan I 2, L 1 → 1.5, both on time, N's plan overdue; energise I 3 (late), L 1;
# as a whole I 5, L 4 WD, neither on time.
is "$(line "$out" "低压非居民,业务受理")" "低压非居民,业务受理,1,3,0.7,2,66.7,0" "lv-other acceptance: 3 done, 0.7 WD, 66.7% on time"
is "$(line "$out" "低压非居民,供电方案答复")" "低压非居民,供电方案答复,3,2,1.5,2,100.0,1" "lv-other plan: 2 done, 1.5 WD, 100%, one overdue"
is "$(line "$out" "低压非居民,装表接电")" "低压非居民,装表接电,2,2,2.0,1,50.0,0" "lv-other energising: 2.0 WD, 50%"
is "$(line "$out" "低压非居民,整体")" "低压非居民,整体（各环节均按时）,6,2,4.5,0,0.0,0" "lv-other cases: 4.5 WD, none on time"
# 三零 whole process: F 8 WD (late), G 4 WD; K energised in April is not counted.
is "$(line "$out" "低压非居民(三零),全过程")" "低压非居民(三零),全过程,5～15,2,6.0,1,50.0,0" \
	"三零 whole process: F and G, 6.0 WD, 50%; limit 5, or 15 with external works (A)"
is "$(line "$out" "高压单电源,整体")" "高压单电源,整体（各环节均按时）,22,1,9.0,1,100.0,0" "HV single: 9 WD, on time"
overdue=$(printf '%s\n' "$out" | sed -n '/^超期清单/,/^补录清单/p')
contains "$(line "$overdue" "$I")" "$I,某物流仓库,低压非居民,装表接电,2,2026-03-04,2026-03-06,2026-03-09,1,超时完成" "overdue list: I energised 1 WD late"
contains "$(line "$overdue" "$L")" "$L,某加工厂,低压非居民,业务受理,1,2026-03-02,2026-03-03,2026-03-04,1,超时完成" "overdue list: L accepted 1 WD late"
contains "$(line "$overdue" "$F")" "$F,甲科技公司,低压非居民(三零),全过程,5,2026-03-02,2026-03-09,2026-03-12,3," "overdue list: F's whole process 3 WD late"
contains "$(line "$overdue" "$N")" "$N,某门市,低压非居民,供电方案答复,3,2026-03-23,2026-03-26,,10,超期" "overdue list: N still overdue, 10 WD on 04-10"
is "$(printf '%s\n' "$overdue" | grep -c -F "$M")" 1 "M's late acceptance is listed, its plan (due 04-02) is not"
is "$(printf '%s\n' "$overdue" | grep -c -F "$K")" 0 "K (late, but energised in April) is not listed for March"
late=$(printf '%s\n' "$out" | sed -n '/^补录清单/,$p' | grep -E '^[A-Z]{2}-')
is "$(printf '%s\n' "$late" | tr -d '\r')" "$L,某加工厂,低压非居民,2026-03-02,1,已接电" \
	"the late-entry list holds L only (C's late entry closed in February)"
contains "$out" "工作日历,2026-2026" "the calendar years used are stated"

# A missing calendar year is said, never guessed.
mkdir -p "$TEST_HOME/data-nocal/calendar" "$TEST_HOME/data-nocal/rules"
cp "$top_srcdir"/data/rules/*.rules "$TEST_HOME/data-nocal/rules/"
for y in 2020 2021 2022 2023 2024 2025; do cp "$top_srcdir/data/calendar/$y.cal" "$TEST_HOME/data-nocal/calendar/"; done
YEKUO_DATA_DIR=$TEST_HOME/data-nocal rep timeliness --from 2026-03-01 --to 2026-03-31 --format text
contains "$err" "2026 年的日历没有载入" "a report over a year with no calendar file warns on stderr"
contains "$out" "2026 年的日历没有载入——只按周末计" "and in the report itself"

# The default form on a pipe is CSV in GB18030; text on request; xlsx refused to a terminal is in export.sh.
rep benefit --from 2026-03-01 --to 2026-03-31
utf=$(printf '%s' "$out" | iconv -f GB18030 -t UTF-8 2>/dev/null)
contains "$utf" "受益户数（户）,1,2,1,1,5" "into a pipe the report is GB18030 CSV by default"

# --- receipt -----------------------------------------------------------------------------
at 2026-04-13 case new --region tianjin --category hv-dual --name "天津某新材料有限公司" \
	--id-type uscc --id $USCC --phone 13800138000 --address "天津市某路3号" --capacity 1000 --unit kVA
P=$out
ev 2026-04-13 "$P" materials accept --items id,property
at 2026-04-13 case receipt "$P"
is "$rc" 0 "case receipt prints"
contains "$out" "用电报装业务受理回执" "it is titled as a receipt"
contains "$out" "$P" "it carries the case number"
contains "$out" "9135**********0Y43" "the ID is masked"
contains "$out" "138****8000" "the phone is masked"
contains "$out" "[√] 申请人有效身份证明" "materials received are ticked"
contains "$out" "[ ] 用电工程项目批准文件（待补）" "materials not yet received are marked"
contains "$out" "设计审查阶段需提供：设计单位资质证明、设计图纸及说明" "later stages' materials are listed"
contains "$out" "2026-04-14（星期二）前" "acceptance is due the next working day"
contains "$out" "客户提交后 3 个工作日内" "a stage the customer has not started says 'within N WD of submission'"
contains "$out" "时限依据  ：《天津市关于深化提升“获得电力”服务水平 全面打造现代化用电营" "the policy is cited by its official name"
case "$out" in
*"（000）"*|*000附件*|*tianjin-2025*) ok 1 "and never by our own file numbers or profile ids" ;;
*) ok 0 "and never by our own file numbers or profile ids" ;;
esac
width=$(printf '%s\n' "$out" | while IFS= read -r l; do printf '%s' "$l" | wc -L; done | sort -n | tail -1)
[ "$width" -le 72 ]
ok $? "no receipt line is wider than its documented 72 columns (it goes to lp): $width"
# an LV 三零 case of 天津: the long step name of its first step, whole
lv SL 2026-04-13 tianjin lv-sanling "某小吃店" 30
at 2026-04-13 case receipt "$SL"
contains "$out" "受理签约（业务受理并答复供电方案）" "no step name is cut"
width=$(printf '%s\n' "$out" | while IFS= read -r l; do printf '%s' "$l" | wc -L; done | sort -n | tail -1)
[ "$width" -le 72 ]
ok $? "that receipt fits 72 columns too: $width"
ev 2026-04-14 "$P" materials accept --items approval
ev 2026-04-14 "$P" done accept
at 2026-04-14 case receipt "$P"
contains "$out" "已完成（2026-04-14）" "after acceptance the receipt shows it done"
# 20 WD from 04-14: 15-17, 20-24, 27-30 (12), 05-01..05 holiday, 06-08 (15),
# Sat 05-09 make-up day (16), 11-14 (20).
contains "$out" "2026-05-14（星期四）前" "and the plan's due date, over the May holiday"
at 2026-04-13 case receipt "$A" --encoding gb18030 --out "$TEST_HOME/receipt.txt"
is "$rc" 0 "a receipt can be written to a file in GB18030"
is "$(stat -c %a "$TEST_HOME/receipt.txt")" 600 "the receipt file is created 0600"
contains "$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/receipt.txt")" "贵州甲小吃店" "and reads back through iconv -f GB18030"
at 2026-04-13 case receipt NOPE-1
is "$rc" 3 "a receipt for an unknown case is refused (exit 3, not found)"
at 2026-04-13 case receipt "$P" --encoding latin1
is "$rc" 2 "an unknown receipt encoding is refused"

done_testing
