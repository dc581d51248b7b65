#!/bin/sh
# Bringing cases in from a spreadsheet: an export imports back into a fresh
# database as the same cases; bad rows are all listed as FILE:LINE: field:
# problem and nothing is imported, or set aside with --skip-bad; bytes not
# valid in the encoding are an error naming the line; importing twice adds
# nothing.
. "$top_srcdir/tests/lib.sh"

db1=$TEST_HOME/office.db
db2=$TEST_HOME/fresh.db
export YEKUO_DB="$db1"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
in2() { d=$1; shift; YEKUO_DB=$db2 YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
ev() { # ev DATE CASE KIND [args]
	d=$1
	shift
	at "$d" case event "$@"
	[ "$rc" -eq 0 ] || echo "# fixture: case event $* on $d failed: $err"
}
ID=11010519491231002X
USCC=91350100M000100Y43
events() { sqlite3 "$1" "select count(*) from events"; }

# --- an office's cases, every kind of history ------------------------------------------
at 2026-03-02 init --training --office A
at 2026-03-02 case new --region tianjin --category hv-dual --name "天津某某制造有限公司" \
	--id-type uscc --id $USCC --phone 13800138000 --address "天津市滨海新区某路1号" \
	--capacity 800 --unit kVA --customer-type 民营企业
c1=$out
ev 2026-03-02 "$c1" materials accept --items id,property,approval
ev 2026-03-02 "$c1" done accept --notes "资料齐全"
ev 2026-03-10 "$c1" done plan --supply-point "110kV 某站" --line "10kV 某线" --transformer "2×400kVA" \
	--metering "高供高计" --investment-saved 12.5 --notes "双电源方案"
ev 2026-03-20 "$c1" materials design --items designer-qualification,design-docs
ev 2026-03-20 "$c1" start design
ev 2026-03-20 "$c1" suspend --reason customer --note "客户要求暂缓"
ev 2026-03-25 "$c1" resume
ev 2026-03-26 "$c1" done design --result pass --notes "图纸合格"
ev 2026-04-01 "$c1" start midcheck
ev 2026-04-02 "$c1" done midcheck --result rectify --notes "接地不合格"
ev 2026-04-08 "$c1" start midcheck
ev 2026-04-09 "$c1" done midcheck --result pass
ev 2026-04-20 "$c1" materials final --items completion-report
ev 2026-04-20 "$c1" start final
ev 2026-04-21 "$c1" done final --result pass
ev 2026-04-23 "$c1" done energise --meter-no 1234567890 --notes "送电正常"
at 2026-03-02 case new --region national --category lv-sanling --name "李四小吃店（東區）" \
	--id-type resident-id --id $ID --phone +8613912345678 --address "北京市某区某街2号" \
	--capacity 30.5 --unit kW --appointment 2026-03-03 --external-works
c2=$out
ev 2026-03-04 "$c2" filing --upgrade "10kV 配变增容" --why "需新建10kV线路, 工期三个月" --planned 2026-06-30
ev 2026-03-05 "$c2" done accept
at 2026-03-02 case new --region national --category lv-other --name "=某门市" \
	--id-type resident-id --id $ID --phone 13912345678 --address "某地3号" --capacity 20 --unit kW
c3=$out
ev 2026-03-02 "$c3" done accept
ev 2026-03-06 "$c3" withdraw --reason "客户取消用电"
at 2026-03-02 case new --region guizhou --category hv-single --name "贵州某新材料有限公司" \
	--id-type uscc --id $USCC --phone 13800138000 --address "贵阳市某园区" --capacity 400 \
	--unit kVA --sanling --hv-confirmation "已告知三零政策，客户签字选择高压（2026-03-02）"
c4=$out
ev 2026-03-02 "$c4" done accept
ev 2026-03-03 "$c4" done plan
ev 2026-03-09 "$c4" start design
ev 2026-03-10 "$c4" done design --result rectify --notes "缺少防雷设计"
at 2026-03-02 case new --region guizhou --category lv-resident --name "王五" \
	--id-type resident-id --id $ID --phone 13912345678 --address "贵阳市某小区5栋" --capacity 8 \
	--unit kW --appointment 2026-03-02
c5=$out
ev 2026-03-02 "$c5" done accept
ev 2026-03-03 "$c5" suspend --reason demand-registered --note "暂不具备装表条件"
is "$(events "$db1")" 31 "the office database holds five cases, 31 events"

# --- round trip through a GB18030 CSV -----------------------------------------------------
at 2026-04-24 export cases --format csv --unmasked --out "$TEST_HOME/cases.csv"
is "$rc" 0 "export cases --unmasked writes the spreadsheet"
contains "$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/cases.csv")" "李四小吃店（東區）" "it is GB18030 that iconv reads"
in2 2026-04-24 init --training --office B
in2 2026-04-24 import cases "$TEST_HOME/cases.csv"
is "$rc" 0 "import cases reads it into a fresh database"
contains "$out" "导入 5 件案件" "all five come in"
contains "$out" "（gb18030）" "the encoding was recognised as GB18030"
# Same cases: every field, stage date, clock and suspension of `case show`.
# Event lines differ by nature (new UUIDs, entered today, origin import).
for c in "$c1" "$c2" "$c3" "$c4" "$c5"; do
	at 2026-04-24 case show "$c" --format tsv --unmasked
	a=$(printf '%s\n' "$out" | grep -v '^event')
	in2 2026-04-24 case show "$c" --format tsv --unmasked
	b=$(printf '%s\n' "$out" | grep -v '^event')
	is "$b" "$a" "$c: the imported case shows exactly as the original"
done
is "$(sqlite3 "$db2" "select distinct origin from events")" "import" "every imported event is marked origin import"
is "$(sqlite3 "$db2" "select operator from events where kind = 'filing'")" \
	"$(sqlite3 "$db1" "select operator from events where kind = 'filing'")" "a filing keeps who filed it"
in2 2026-04-24 case show "$c1"
contains "$out" "导入 " "the event log marks imported history as imported"
is "$(printf '%s\n' "$out" | grep '^#' | grep -c '补录')" 0 "and not as late entries"
in2 2026-04-24 verify
is "$rc" 0 "verify passes on the imported database"
in2 2026-04-24 export cases --format csv --unmasked --out "$TEST_HOME/again.csv"
strip() { iconv -f GB18030 -t UTF-8 "$1" | sed 's/,[^,]*\r$//'; } # drop the 导入 column
is "$(strip "$TEST_HOME/again.csv")" "$(strip "$TEST_HOME/cases.csv")" \
	"exporting the imported database gives the same spreadsheet (but for the 导入 column)"
contains "$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/again.csv")" ",yes" "where the cases now say imported"

# --- importing again adds nothing ----------------------------------------------------------
before=$(events "$db2")
in2 2026-04-24 import cases "$TEST_HOME/cases.csv"
is "$rc" 0 "importing the same file again succeeds"
contains "$out" "导入 0 件案件" "imports nothing"
contains "$out" "跳过数据库里已有的 5 件" "and says the five were already there"
is "$(events "$db2")" "$before" "no event was added"

# --- case numbers of this office are never minted again -----------------------------------
at 2026-04-24 export cases --format csv --unmasked --out "$TEST_HOME/mine.csv"
a_n=0
a_new() { # a_new DB: a new case in office A's database DB; its number in $out
	a_n=$((a_n + 1)) # each at its own address: not a repeat of the last (ledger.c)
	YEKUO_DB=$1 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" case new --region national \
		--category lv-resident --name "新客户" --id-type resident-id --id $ID --phone 13912345678 \
		--address "某地$a_n号" --capacity 8 --unit kW
}
a_import() { # a_import DB CSV: a new database of office A with the CSV's cases
	YEKUO_DB=$1 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" init --training --office A
	YEKUO_DB=$1 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" import cases "$2"
}
db3=$TEST_HOME/same-office.db
a_import "$db3" "$TEST_HOME/mine.csv"
a_new "$db3"
is "$out" "CN-2026-A-00003" "a new case after an import of CN-…-00001/00002 gets 00003"
# numbers between are another laptop's to have used: go on after the highest
sed 's/CN-2026-A-00002/CN-2026-A-00007/' "$TEST_HOME/mine.csv" >"$TEST_HOME/gap.csv"
a_import "$TEST_HOME/gap.db" "$TEST_HOME/gap.csv"
a_new "$TEST_HOME/gap.db"
is "$out" "CN-2026-A-00008" "after an import of CN-…-00001 and 00007 the next is 00008, not 00002"
# a database whose counter is behind its cases (written before imports
# moved it) still never mints a number it holds
sqlite3 "$db3" "delete from counters"
a_new "$db3"
is "$out" "CN-2026-A-00004" "with its counter reset, a new case skips 00001..00003, which it holds"

# --- a masked export cannot be imported ------------------------------------------------------
at 2026-04-24 export cases --format csv --out "$TEST_HOME/masked.csv"
db4=$TEST_HOME/masked.db
YEKUO_DB=$db4 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" init --training
YEKUO_DB=$db4 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" import cases "$TEST_HOME/masked.csv"
is "$rc" 2 "a masked export is refused"
contains "$err" "export cases --unmasked" "and the message says how to make one that imports"

# --- bad rows ------------------------------------------------------------------------------
db5=$TEST_HOME/bad.db
bad() { YEKUO_DB=$db5 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" "$@"; }
bad init --training
cat >"$TEST_HOME/bad.csv" <<EOF
案件编号,地区,用户类别,客户名称,证件类型,证件号码,联系电话,用电地址,报装容量,容量单位,申请日期,受理完成日期,方案答复日期
T-1,national,lv-other,好客户,resident-id,$ID,13912345678,某地1号,10,kW,2026/3/2,2026/3/2,2026/3/3
T-2,national,lv-other,坏客户,resident-id,110105194912310021,13912345678,某地2号,10,kW,2026-02-30,,
T-3,national,lv-space,某客户,resident-id,$ID,1391234567,某地3号,10,kW,2026-03-02,,
T-4,national,lv-other,某客户,resident-id,$ID,13912345678,某地4号,10,kW,2026-03-02,2026-03-04,2026-03-03
T-1,national,lv-other,又一个,resident-id,$ID,13912345678,某地5号,10,kW,2026-03-02,,
EOF
bad import cases "$TEST_HOME/bad.csv"
is "$rc" 2 "a file with bad rows is refused"
contains "$err" "bad.csv:3: 证件号码: " "a wrong ID check digit is named with file, line and field"
contains "$err" "bad.csv:3: 申请日期: '2026-02-30'" "and on the same line, a date that does not exist"
contains "$err" "bad.csv:4: 用户类别: 'lv-space'" "an unknown category"
contains "$err" "bad.csv:4: 联系电话: " "a short phone number on the same row"
contains "$err" "bad.csv:5: 方案答复日期: " "a plan replied before acceptance, found by the replay, names its column"
contains "$err" "bad.csv:6: 案件编号: T-1 与本文件第 2 行重复" "a case number twice in the file"
contains "$err" "什么也没有导入：5 行中有 4 行有问题" "the summary says nothing was imported"
is "$(events "$db5")" 0 "and indeed nothing was"

bad import cases "$TEST_HOME/bad.csv" --skip-bad "$TEST_HOME/rejects.csv"
is "$rc" 1 "--skip-bad imports the good rows and says some were bad"
contains "$out" "导入 1 件案件" "the one good row (Excel-style dates 2026/3/2 accepted)"
contains "$out" "4 行有问题的行已写入 $TEST_HOME/rejects.csv" "and where the bad ones went"
is "$(stat -c %a "$TEST_HOME/rejects.csv")" 600 "the bad-rows file is created 0600"
rej=$(tr -d '\r' <"$TEST_HOME/rejects.csv")
is "$(printf '%s\n' "$rej" | wc -l)" 5 "it holds the header and the four bad rows"
contains "$(printf '%s\n' "$rej" | head -1)" ",方案答复日期,错误原因" "with the reason as an extra column"
contains "$(printf '%s\n' "$rej" | grep '^T-2,')" "T-2,national,lv-other,坏客户,resident-id,110105194912310021,13912345678,某地2号,10,kW,2026-02-30,,,申请日期: " \
	"each bad row as it was, then why"
contains "$(printf '%s\n' "$rej" | grep '^T-2,')" "；证件号码: " "every problem of the row is in the reason"
bad case show T-1 --format tsv
contains "$out" "applied	2026-03-02" "the good row's case is there under its own number"
# Fix T-2 in the bad-rows file and import it: the reason column is ignored;
# the second T-1 is now a case already in the database; T-3, T-4 still bad.
sed -i 's/^T-2,national,lv-other,坏客户,resident-id,110105194912310021,13912345678,某地2号,10,kW,2026-02-30,/T-2,national,lv-other,坏客户,resident-id,'$ID',13912345678,某地2号,10,kW,2026-02-28,/' "$TEST_HOME/rejects.csv"
bad import cases "$TEST_HOME/rejects.csv" --skip-bad "$TEST_HOME/rejects2.csv"
contains "$out" "导入 1 件案件" "the fixed row of the bad-rows file imports"
contains "$out" "跳过数据库里已有的 1 件" "the second T-1 is skipped as already there"
is "$(tr -d '\r' <"$TEST_HOME/rejects2.csv" | grep -c '^T-')" 2 "the two still bad are set aside again"

# Rows that contradict themselves, and what office spreadsheets really hold.
cat >"$TEST_HOME/bad2.csv" <<EOF
案件编号,地区,用户类别,客户名称,证件类型,证件号码,联系电话,用电地址,报装容量,容量单位,外线工程,申请日期,挂起记录,计划完成日期,撤销原因,状态
U_1,national,lv-other,好客户,resident-id,$ID,13912345678,某地1号,10,kW,有,2026.3.2,,,,
U-2,national,lv-other,某客户,resident-id,$ID,13912345678,某地2号,10,kW,,2026-03-02,,,,已接电
U-3,national,lv-other,某客户,resident-id,$ID,13912345678,某地3号,10,kW,,2026-03-02,,2026-06-30,,
U-4,national,lv-other,某客户,resident-id,$ID,13912345678,某地4号,10,kW,,2026-03-02,,,客户取消,
U-5,national,lv-other,某客户,resident-id,$ID,13912345678,某地5号,10,kW,,2026-03-02,..2026-03-05 customer 客户要求暂缓,,,
EOF
bad import cases "$TEST_HOME/bad2.csv"
is "$rc" 2 "rows that contradict themselves are refused"
contains "$err" "bad2.csv:3: 状态: 写的是 closed，但按各日期本案应为 open" \
	"a status of 已接电 without an energising date"
contains "$err" "bad2.csv:4: 备案日期: 有电网升级改造备案内容，但缺少备案日期" \
	"a planned completion without the filing date"
contains "$err" "bad2.csv:5: 撤销日期: 有撤销原因，但缺少撤销日期" "a withdrawal reason without its date"
contains "$err" "bad2.csv:6: 挂起记录: 挂起记录缺少开始日期" "a suspension without its start"
contains "$err" "什么也没有导入：5 行中有 4 行有问题" "the one good row is not among the bad"
bad import cases "$TEST_HOME/bad2.csv" --skip-bad "$TEST_HOME/rejects3.csv"
contains "$out" "导入 1 件案件" "the good row imports"
bad case show U_1 --format tsv
contains "$out" "applied	2026-03-02" "a case number with _, and a date as Excel writes 2026.3.2"
contains "$out" "external-works	yes" "有 in the external-works column is a yes"

# --- encodings ------------------------------------------------------------------------------
db6=$TEST_HOME/enc.db
enc() { YEKUO_DB=$db6 YEKUO_NOW=2026-04-24T10:00:00 run "$YEKUO" "$@"; }
enc init --training
head -2 "$TEST_HOME/bad.csv" >"$TEST_HOME/one.csv"
iconv -f UTF-8 -t GB18030 "$TEST_HOME/one.csv" >"$TEST_HOME/one-gb.csv"
{ cat "$TEST_HOME/one-gb.csv"; printf 'T-9,national,lv-other,\377\376,resident-id,%s,13912345678,x,10,kW,2026-03-02,,\r\n' $ID; } \
	>"$TEST_HOME/badbytes.csv"
enc import cases "$TEST_HOME/badbytes.csv" --encoding gb18030
is "$rc" 2 "bytes that are not GB18030 are refused"
contains "$err" "badbytes.csv:3: 不是有效的 GB18030 字节" "naming the line"
enc import cases "$TEST_HOME/one-gb.csv" --encoding utf-8
is "$rc" 2 "a GB18030 file declared UTF-8 is refused, not garbled"
contains "$err" "one-gb.csv:1: 不是有效的 UTF-8 字节" "naming the line"
is "$(events "$db6")" 0 "nothing was imported"
enc import cases "$TEST_HOME/one.csv" --encoding latin1
is "$rc" 2 "an unknown encoding is refused"
enc import cases "$TEST_HOME/one-gb.csv" --encoding gbk
is "$rc" 0 "--encoding gbk reads a GBK file"
contains "$out" "（gbk）" "as GBK"
enc case show T-1 --format tsv
contains "$out" "name	好客户" "the Chinese name arrived intact"
enc import cases "$TEST_HOME/nosuch.csv"
is "$rc" 3 "a missing file is an error (exit 3, not found)"
printf '' >"$TEST_HOME/empty.csv"
enc import cases "$TEST_HOME/empty.csv"
is "$rc" 2 "an empty file is an error"
contains "$err" "应有一行表头" "asking for the header row"
printf 'name,colour\r\nx,red\r\n' >"$TEST_HOME/other.csv"
enc import cases "$TEST_HOME/other.csv"
is "$rc" 2 "a spreadsheet of something else is refused"
contains "$err" "other.csv:1: 表头: 第 2 列 'colour' 不是案件表的列" "naming the unknown column"
contains "$err" "缺少 案件编号 (case-no) 列" "and the missing ones"

# --- the shipped sample ----------------------------------------------------------------------
db7=$TEST_HOME/sample.db
YEKUO_DB=$db7 YEKUO_NOW=2026-01-05T10:00:00 run "$YEKUO" init --training
YEKUO_DB=$db7 YEKUO_NOW=2026-01-05T10:00:00 run "$YEKUO" import cases "$top_srcdir/data/import-sample.csv"
is "$rc" 0 "data/import-sample.csv imports"
contains "$out" "导入 4 件案件" "all four of its rows"
YEKUO_DB=$db7 YEKUO_NOW=2026-01-05T10:00:00 run "$YEKUO" case show GZ-2025-TY-00103 --format tsv
contains "$out" "on-time	yes" "its HV case is on time through every stage"
contains "$out" "suspension	2025-11-11..2025-11-14 customer 客户资金未到位" "with its suspension"

done_testing
