#!/bin/sh
# The field table seen from the command line: the options of `case new`
# and `case event` are the table's fields, a correction may only set a
# field that exists, and what one check of a new case refuses is named
# with its field.
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/fields.db"
at() { t=$1; shift; YEKUO_NOW=$t run "$YEKUO" "$@"; }
ID=11010519491231002X

at 2026-03-02T09:00:00 init --training
is "$rc" 0 "a training database"

# --- options are the fields ------------------------------------------------------
at 2026-03-02T09:00:00 case new --region national --category lv-sanling --name "甲小吃店" \
	--id-type resident-id --id 11010519491231002x --phone +8613912345678 --address "某地1号" \
	--capacity 30 --unit kW --external-works --appointment 2026-03-03
is "$rc" 0 "case new takes every field of a new case as an option (--external-works: the field external)"
case1=$out
at 2026-03-02T09:00:00 case show "$case1" --format tsv --unmasked
contains "$out" "external-works	yes" "the flag was stored"
contains "$out" "phone	13912345678" "the phone in its stored form, without +86"
contains "$out" "id=11010519491231002X;id-type=resident-id" "the ID in its stored form in the event (x upper-case)"
at 2026-03-02T09:00:00 case show "$case1"
contains "$out" "联系电话       139****5678" "text: the table's title, the phone masked as the table says"

at 2026-03-02T09:00:00 case new --region national --category lv-sanling --name "乙" \
	--id-type resident-id --id $ID --phone 13912345678 --address "某地2号" --capacity 30
is "$rc" 2 "a required field missing is refused"
contains "$err" "必须写 --unit" "naming its option"

at 2026-03-02T09:00:00 case new --region national --category lv-sanling --name "乙" \
	--id-type resident-id --id $ID --phone 13912345678 --address "某地2号" --capacity 30 \
	--unit kW --meter-no 123
is "$rc" 2 "an option of another event is not one of a new case"
contains "$err" "未知的选项 '--meter-no'" "and is named"

at 2026-03-02T09:00:00 case new --region national --category lv-sanling --name "乙" \
	--id-type resident-id --id $ID --phone 13912345678 --address "某地2号" --capacity 200 --unit kW
is "$rc" 2 "三零 above 160 kW is refused by the one new-case check"
contains "$err" "#1 (open): capacity: " "naming the event and the field"

# --- corrections set fields of the table --------------------------------------------
at 2026-03-02T10:00:00 case show "$case1" --format tsv
open_uuid=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "event" && $2 == 1 { print $3 }')
before=$(sqlite3 "$YEKUO_DB" 'select count(*) from events' 2>/dev/null || echo ?)
at 2026-03-02T10:00:00 case event "$case1" correct --event "$open_uuid" --set colour=red --reason "录错"
is "$rc" 2 "a correction of a field no event has is refused"
contains "$err" "'colour' 不是任何事件的字段" "naming it"
is "$(sqlite3 "$YEKUO_DB" 'select count(*) from events' 2>/dev/null || echo ?)" "$before" "nothing was stored"
at 2026-03-02T10:00:00 case event "$case1" correct --event "$open_uuid" --set address=某地1号之一 --reason "录错"
is "$rc" 0 "a correction of a field of the table is stored"
at 2026-03-02T10:00:00 case show "$case1" --format tsv
contains "$out" "address	某地1号之一" "and the case reads the corrected address"

# --- a region is a data file -----------------------------------------------------------
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
cat >"$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" <<'RULES'
profile beijing-2026
region beijing BJ 北京
source test profile
effective 2026-01-01
category lv-resident
	stage accept+plan -
	stage energise -
	whole 5 15
	whole-from appointment
RULES
at 2026-03-02T09:00:00 rules show beijing-2026
contains "$out" "prefix	BJ" "the user's rule file gives the region its case-number prefix"
contains "$out" "region-name	北京" "and its Chinese name"
at 2026-03-02T09:00:00 case new --region beijing --category lv-resident --name "赵六" \
	--id-type resident-id --id $ID --phone 13912345678 --address "北京市某区某街1号" --capacity 8 --unit kW
is "$rc" 0 "a case opens in the new region"
is "$out" "BJ-2026-A-00001" "numbered with the region's prefix"
bj=$out
at 2026-03-02T09:00:00 case show "$bj"
contains "$out" "北京（beijing）" "and shown with the region's Chinese name"

# a profile that names no prefix is refused, with file and line
sed 's/^region beijing BJ 北京$/region beijing/' "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" >"$TEST_HOME/b.rules"
mv "$TEST_HOME/b.rules" "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules"
at 2026-03-02T09:00:00 rules list
is "$rc" 6 "a rule file without the region's prefix and name stops the program (damaged data)"
contains "$err" "beijing-2026.rules:2: 'region beijing' 在地区代码后面要写案件编号前缀和地区的中文名称" \
	"naming file, line and what is missing"
rm -f "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules"

# --- import reads a stage's fields by the table ---------------------------------------
cat >"$TEST_HOME/plan.csv" <<CSV
案件编号,地区,用户类别,客户名称,证件类型,证件号码,联系电话,用电地址,报装容量,容量单位,申请日期,受理完成日期,方案答复日期,供电电源点,节省投资(万元)
P-1,national,lv-other,丙商店,身份证,$ID,13912345678,某地3号,10,kw,2026-03-02,2026-03-02,2026-03-03,某站 10kV 某线,0
P-2,national,lv-other,丁商店,resident-id,$ID,13912345678,某地4号,10,kW,2026-03-02,2026-03-02,2026-03-03,,-1
CSV
at 2026-03-04T09:00:00 import cases "$TEST_HOME/plan.csv"
is "$rc" 2 "a row with a negative saving is refused"
contains "$err" "plan.csv:3: 节省投资(万元): " "naming the field's column"
case "$err" in *"plan.csv:2"*) ok 1 "a saving of 0 is a real answer, as the plan form and the event log say" ;;
*) ok 0 "a saving of 0 is a real answer, as the plan form and the event log say" ;; esac
at 2026-03-04T09:00:00 import cases "$TEST_HOME/plan.csv" --skip-bad "$TEST_HOME/plan-bad.csv"
is "$rc" 1 "with --skip-bad the good row is imported"
at 2026-03-04T09:00:00 case show P-1 --format tsv
contains "$out" "supply-point	某站 10kV 某线" "the plan's supply point came from its column"
contains "$out" "id-type	resident-id" "an ID type written 身份证 is stored as its code"

done_testing
