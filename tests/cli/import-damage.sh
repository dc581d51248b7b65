#!/bin/sh
# A CSV a spreadsheet opened and saved: ID numbers in scientific notation
# (1.20101198001011E+17) and meter numbers without their leading zeros.
# import names the line, the column and what happened, and refuses the row
# (docs/import-format.md, spreadsheet damage): nothing damaged is stored.
. "$top_srcdir/tests/lib.sh"

db1=$TEST_HOME/office.db
export YEKUO_DB="$db1"
export YEKUO_NOW=2026-04-20T10:00:00
y() { run "$YEKUO" "$@"; }
# fresh DB FILE [opts]: import FILE into a new database DB
fresh() {
	d=$TEST_HOME/$1.db
	shift
	YEKUO_DB=$d "$YEKUO" init --training --office B >/dev/null 2>&1
	YEKUO_DB=$d run "$YEKUO" import cases "$@"
}
y init --training --office A
for i in 1 2 3 4; do
	y case new --region national --category lv-resident --name "王$i" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "北京市某区某路${i}号" --capacity 8 --unit kW
	y case event "CN-2026-A-0000$i" done accept
	y case event "CN-2026-A-0000$i" done plan
done
y case event CN-2026-A-00001 done energise --meter-no 0012345678
y case event CN-2026-A-00002 done energise --meter-no 3000000002
y case event CN-2026-A-00003 done energise --meter-no 3000000003
y case event CN-2026-A-00004 done energise --meter-no 3000000004
is "$rc" 0 "four energised cases, one meter number with leading zeros"
y export cases --format csv --encoding utf-8 --unmasked --out "$TEST_HOME/good.csv"
col() { head -1 "$TEST_HOME/good.csv" | tr ',' '\n' | grep -n -x "$1" | cut -d: -f1; }
idcol=$(col 证件号码)
metercol=$(col 电能表号)
phonecol=$(col 联系电话)

# --- the file as exported imports whole, no warning -------------------------------------
fresh good "$TEST_HOME/good.csv"
is "$rc" 0 "the undamaged export imports"
case "$err" in *电子表格*) ok 1 "with no warning" ;; *) ok 0 "with no warning" ;; esac
YEKUO_DB=$TEST_HOME/good.db run "$YEKUO" case show CN-2026-A-00001 --format tsv
contains "$out" "0012345678" "the meter number keeps its leading zeros"

# --- scientific notation in an ID ---------------------------------------------------------
awk -F, -v OFS=, -v c="$idcol" 'NR == 3 { $c = "1.10105194912310E+17" } 1' "$TEST_HOME/good.csv" >"$TEST_HOME/sci.csv"
fresh sci "$TEST_HOME/sci.csv"
is "$rc" 2 "an ID in scientific notation: nothing imported"
contains "$err" "sci.csv:3: 证件号码: （第 $idcol 列）'1.10105194912310E+17' 是科学计数法" \
	"the line, the column and the value are named"
contains "$err" "第 15 位以后的数字已丢失" "and what was lost"
is "$(printf '%s\n' "$err" | grep -c 'sci.csv:3: 证件号码')" 1 "one message for the cell, not the ID check's too"

# --- a meter number without its leading zeros -----------------------------------------------
awk -F, -v OFS=, -v c="$metercol" 'NR == 2 { $c = "12345678" } 1' "$TEST_HOME/good.csv" >"$TEST_HOME/zeros.csv"
fresh zeros "$TEST_HOME/zeros.csv"
is "$rc" 2 "a meter number shorter than the file's usual length: nothing imported"
contains "$err" "zeros.csv:2: 电能表号: （第 $metercol 列）'12345678' 只有 8 位，本文件的电能表号通常是 10 位" \
	"the line, the column, the value and the usual length are named"
contains "$err" "原来可能是 0012345678" "with what it probably was"
contains "$err" "本行未导入" "and that the row is not imported"

# --- --skip-bad: the good rows in, the damaged ones set aside ----------------------------------
awk -F, -v OFS=, -v m="$metercol" -v p="$phonecol" \
	'NR == 2 { $m = "12345678" } NR == 4 { $p = "1.39123E+10" } 1' "$TEST_HOME/good.csv" >"$TEST_HOME/both.csv"
fresh both "$TEST_HOME/both.csv" --skip-bad "$TEST_HOME/bad.csv"
is "$rc" 1 "with --skip-bad the good rows are imported (exit 1: some left out)"
contains "$out" "导入 2 件案件" "the two undamaged rows"
contains "$err" "both.csv:4: 联系电话: （第 $phonecol 列）'1.39123E+10' 是科学计数法" "a phone in scientific notation too"
bad=$(cat "$TEST_HOME/bad.csv")
contains "$bad" "12345678" "the damaged rows are in the bad-rows file as they were"
contains "$bad" "像是电子表格去掉了开头的 0" "with the reason"
YEKUO_DB=$TEST_HOME/both.db run "$YEKUO" case show CN-2026-A-00001
is "$rc" 3 "the case with the damaged meter number was not stored"
YEKUO_DB=$TEST_HOME/both.db run "$YEKUO" case show CN-2026-A-00002
contains "$out" "3000000002" "an undamaged case was"

# --- meter numbers of mixed lengths: no usual length, nothing to hold them against ---------------
awk -F, -v OFS=, -v c="$metercol" 'NR == 2 || NR == 3 { $c = substr($c, 3) } 1' "$TEST_HOME/good.csv" >"$TEST_HOME/mixed.csv"
fresh mixed "$TEST_HOME/mixed.csv"
is "$rc" 0 "half 8 digits, half 10: no usual length, the file imports"
YEKUO_DB=$TEST_HOME/mixed.db run "$YEKUO" case show CN-2026-A-00002 --format tsv
contains "$out" "00000002" "as written"

done_testing
