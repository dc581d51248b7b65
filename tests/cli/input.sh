#!/bin/sh
# Input the command line refuses, and what it says: each refusal names the
# thing that is wrong (not a neighbour of it), and nothing is stored.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/in.db
export YEKUO_DB="$db"
export YEKUO_NOW=2026-03-02T09:00:00
ID=11010519491231002X
y() { run "$YEKUO" "$@"; }
events() { sqlite3 "$db" "SELECT count(*) FROM events"; }
new_case() { # new_case [OPTIONS…]: an LV resident case, options added
	y case new --region national --category lv-resident --name "钱七" --id-type resident-id \
		--id "$ID" --phone 13912345678 --address "某地7号" --capacity 8 --unit kW "$@"
}
y init --training

# --- a date no rule profile covers is the date's fault -------------------------
# The ID's holder was born 1949-12-31: before that, and before any profile
# (the earliest starts in 2020), the date is what is wrong.
date_blamed() { # MESSAGE DATE: the message blames the date, not the ID
	case $1 in
	*出生日期*) return 1 ;;
	*"date: "*"$2"*) return 0 ;;
	esac
	return 1
}
n0=$(events)
for d in 1900-01-01 1949-12-30 1949-12-31 2000-06-01 2019-12-31; do
	for idopt in "--id-type resident-id --id $ID" "--id-type passport --id E12345678"; do
		# shellcheck disable=SC2086
		y case new --region national --category lv-resident --name "钱七" $idopt \
			--phone 13912345678 --address "某地7号" --capacity 8 --unit kW \
			--date "$d" --late-reason "补录"
		ok "$([ "$rc" = 2 ] && date_blamed "$err" "$d"; echo $?)" \
			"--date $d (${idopt%% --id *}): refused naming the date, not the ID: $err"
	done
done
is "$(events)" "$n0" "nothing was stored"

# --- the bad-rows file of an import ------------------------------------------------
w=$TEST_HOME/imp
mkdir -p "$w"
# a header that cannot be used is not a bad row: nothing is written
printf '案件编号,什么\r\nA-1,x\r\n' >"$w/h.csv"
y import cases "$w/h.csv" --skip-bad "$w/h-bad.csv"
is "$rc" 2 "an unusable header with --skip-bad: nothing imported, exit 2"
ok "$([ ! -e "$w/h-bad.csv" ]; echo $?)" "no bad-rows file is written"
ok "$(case $out$err in *"已写入"*) echo 1 ;; *) echo 0 ;; esac)" \
	"and none is claimed: $out $err"
contains "$err" "的表头有问题" "the message says it is the header"
y import cases "$w/h.csv"
is "$rc" 2 "the same without --skip-bad"
ok "$(case $err in *" of 0 rows"*) echo 1 ;; *) echo 0 ;; esac)" "no talk of rows: $err"

# every formula-like cell of a bad row is guarded in the bad-rows file, and
# the fixed file imports back exactly what the rows said
{
	printf '案件编号,地区,用户类别,客户名称,证件类型,证件号码,联系电话,用电地址,报装容量,容量单位,申请日期,受理完成日期,受理备注\r\n'
	printf 'F-1,national,lv-resident,"=HYPERLINK(""http://x"")",resident-id,%s,13912345678,+某地1号,8,kW,2026-02-30,2026-03-02,@SUM(A1)\r\n' "$ID"
	printf 'F-2,national,lv-resident,-张三,resident-id,%s,13912345678,=1+1,eight,kW,2026-03-02,2026-03-02,=cmd|x\r\n' "$ID"
} >"$w/f.csv"
y import cases "$w/f.csv" --skip-bad "$w/f-bad.csv"
is "$rc" 1 "two bad rows set aside"
bad=$(tr -d '\r' <"$w/f-bad.csv")
ok "$(printf '%s\n' "$bad" | sed 1d | tr ',' '\n' | grep -c '^"*[=+@-]')" \
	"no cell of the bad-rows file starts with = + - @ (formula guard)"
contains "$bad" "\"'=HYPERLINK(\"\"http://x\"\")\"" "a formula name is kept, behind an apostrophe"
contains "$bad" "\"'+某地1号\"" "an address starting with +"
contains "$bad" "\"'-张三\"" "a name starting with -"
# fix the two rows and import the bad-rows file
sed -i 's/2026-02-30/2026-03-02/; s/,eight,/,8,/' "$w/f-bad.csv"
y import cases "$w/f-bad.csv"
is "$rc" 0 "the fixed bad-rows file imports"
y case show F-1 --format tsv
contains "$out" "name	=HYPERLINK(\"http://x\")" "the name as the row gave it, apostrophe gone"
contains "$out" "address	+某地1号" "the address too"
y case show F-2 --format tsv
contains "$out" "name	-张三" "a leading minus kept"
contains "$out" "address	=1+1" "an address that looks like a formula"
contains "$out" "notes==cmd|x" "and a note column, guarded like the rest"
y case show F-1 --format tsv
contains "$out" "notes=@SUM(A1)" "every column"

# --- mixed encodings are refused, never garbled -------------------------------------
mix=$TEST_HOME/mix
mkdir -p "$mix"
hdr='案件编号,地区,用户类别,客户名称,证件类型,证件号码,联系电话,用电地址,报装容量,容量单位,申请日期'
# (an address in ASCII: 张三 in UTF-8 is valid GB18030 — 寮犱笁 — so such
# a row decodes either way, and only detection can tell)
row() { printf 'M-%s,national,lv-resident,%s,resident-id,%s,13912345678,Road %s,8,kW,2026-03-02\r\n' "$1" "$2" "$ID" "$1"; }
# mixed_file HEADER ROWS: the header, then per letter a UTF-8 (U) or GBK (G) row
mixed_file() {
	printf '%s\r\n' "$1"
	shift
	i=0
	for k in $(echo "$1" | sed 's/./& /g'); do
		i=$((i + 1))
		if [ "$k" = G ]; then
			row "$i" "张三" | iconv -f UTF-8 -t GBK
		else
			row "$i" "张三"
		fi
	done
}
n0=$(events)
# the header in Chinese (UTF-8) or as ASCII column keys, which read the same
# in either encoding
keys=case-no,region,category,name,id-type,id,phone,address,capacity,unit,applied
for rows in c:UUUGU c:GUUUU k:UUUUG k:UUUGU k:UGUGU k:GGGUG; do
	h=$hdr
	[ "${rows%%:*}" = k ] && h=$keys
	rows=${rows#*:}
	mixed_file "$h" "$rows" >"$mix/$rows.csv"
	y import cases "$mix/$rows.csv"
	is "$rc" 2 "rows $rows (U UTF-8, G GBK, after a ${h%%,*} header): refused"
	contains "$err" "文件混用了编码" "as mixed encodings"
	# the lines in the minority (the header is line 1)
	want=$(echo "$rows" | awk '{ g = gsub(/G/, "G"); odd = g * 2 <= length($0) ? "G" : "U"
		for (i = 1; i <= length($0); i++) if (substr($0, i, 1) == odd) print i + 1 }')
	for l in $want; do
		contains "$err" " $l" "naming line $l"
	done
done
# all GBK: imported, every name intact
{ printf '%s\r\n' "$hdr"; row 101 张三; row 102 王五; } | iconv -f UTF-8 -t GBK >"$mix/gbk.csv"
y import cases "$mix/gbk.csv"
is "$rc" 0 "an all-GBK file imports"
contains "$out" "（gb18030）" "as GB18030"
y case show M-101 --format tsv
contains "$out" "name	张三" "the name intact"
is "$(($(events) - n0))" 2 "nothing of the refused files was stored"

# --- item lists, unknown fields and repeated options ------------------------------
# an HV case walked to the inspections, so that every checklist is reachable
hv=$($YEKUO case new --region national --category hv-single --name "某某制造有限公司" \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 --address "某区某路9号" \
	--capacity 800 --unit kVA 2>/dev/null)
is "$?" 0 "an HV case for the checklists"
n0=$(events)
# every stage with a checklist: materials without items, with an empty
# list, with an item not on the list, are refused
for st in accept design midcheck final; do
	y case event "$hv" materials "$st"
	is "$rc" 2 "materials $st without --items is refused"
	contains "$err" "items" "naming the items"
	y case event "$hv" materials "$st" --items ""
	is "$rc" 2 "materials $st --items '' is refused"
	y case event "$hv" materials "$st" --items passport-photo
	is "$rc" 2 "materials $st with an item outside the checklist is refused"
	contains "$err" "passport-photo" "naming the item"
done
is "$(events)" "$n0" "none of them was stored"
y case new --region national --category lv-resident --name "钱八" --id-type resident-id \
	--id "$ID" --phone 13912345678 --address "某地8号" --capacity 8 --unit kW --materials ""
is "$rc" 2 "case new --materials '' is refused"
is "$(events)" "$n0" "and no case was opened"
# start carries the materials handed over with the request: the list
# applies to them as well
y case event "$hv" done accept
y case event "$hv" done plan
for bogus in foo id approval completion-report; do
	y case event "$hv" start design --items "designer-qualification,$bogus"
	is "$rc" 2 "start design --items …,$bogus (not a design item) is refused"
	contains "$err" "$bogus" "naming it"
	contains "$err" "design-docs" "and saying what the list holds"
done
y case event "$hv" start design --items designer-qualification,design-docs
is "$rc" 0 "start design with the design items"
y case show "$hv" --format tsv
contains "$out" "materials.design	[x] designer-qualification, [x] design-docs" \
	"the items handed over with the request are recorded"
# correct --set: a field the corrected event does not have is refused
open_ev=$(echo "$out" | awk -F'\t' '$1 == "event" && $2 == 1 { print $3 }')
start_ev=$(echo "$out" | awk -F'\t' '$1 == "event" && $4 == "start" { print $3 }')
n0=$(events)
for bad in "open $open_ev meter-no=1234" "open $open_ev items=id" "open $open_ev result=pass" \
	"start $start_ev name=某人" "start $start_ev phone=13912345678" "start $start_ev bogus=1"; do
	# shellcheck disable=SC2086
	set -- $bad
	y case event "$hv" correct --event "$2" --set "$3" --reason "试"
	is "$rc" 2 "correct --set $3 on the $1 event, which has no such field, is refused"
	contains "$err" "${3%%=*}" "naming the field"
done
is "$(events)" "$n0" "none was stored"
# an option given twice is refused, whichever command
for cmd in "case new --region national --region tianjin" \
	"case event $hv suspend --reason customer --reason force-majeure" \
	"case event $hv correct --event $open_ev --set name=甲 --set name=乙 --reason 试" \
	"case list --overdue --overdue" "case show $hv --format tsv --format text" \
	"export cases --format csv --format text" \
	"report benefit --from 2026-03-01 --from 2026-03-02 --to 2026-03-31"; do
	# shellcheck disable=SC2086
	y $cmd
	is "$rc" 2 "given twice: ${cmd%% -*} … refused"
	contains "$err" "写了两次" "saying so"
done
is "$(events)" "$n0" "nothing was stored"

# --- free text is checked like names are -----------------------------------------------
lv=$($YEKUO case new --region national --category lv-resident --name "孙九" --id-type resident-id \
	--id "$ID" --phone 13912345678 --address "某地9号" --capacity 8 --unit kW 2>/dev/null)
esc=$(printf 'a\033]0;pwned\007b')
ff=$(printf 'a\377b')
nl=$(printf 'a\nb')
long=$(printf '%0256d' 0)
n0=$(events)
# OPTION then the rest of a command it belongs to (after "case")
for use in "--customer-type|new" "--late-reason|new-late" "--hv-confirmation|new-hv" \
	"--notes|event $lv materials accept --items id" "--notes|event $lv done accept" \
	"--late-reason|event $lv materials accept --items id --date 2026-03-01" \
	"--note|event $lv suspend --reason customer" "--reason|event $lv withdraw" \
	"--supply-point|event $hv done plan" "--line|event $hv done plan"; do
	opt=${use%%|*}
	rest=${use#*|}
	for bad in esc ff nl long; do
		eval "val=\$$bad"
		[ "$opt" = --customer-type ] && [ "$bad" = long ] && val=$(printf '%016d' 0)
		case $rest in
		new) new_case "$opt" "$val" ;;
		new-late) new_case --date 2026-03-01 "$opt" "$val" ;;
		new-hv) y case new --region national --category hv-single --name "某厂" --id-type uscc \
			--id 91350100M000100Y43 --phone 13800138000 --address "某路1号" --capacity 800 \
			--unit kVA --sanling "$opt" "$val" ;;
		# shellcheck disable=SC2086
		*) y case $rest "$opt" "$val" ;;
		esac
		ok "$([ "$rc" = 2 ] && case $err in *"${opt#--}"*) true ;; *) false ;; esac; echo $?)" \
			"$opt $bad (${rest%% *}): refused naming the field: $(printf '%s' "$err" | tr -d '\033\007' | head -c 160)"
	done
done
is "$(events)" "$n0" "nothing was stored"
# the operator's name is free text too (on a file: YEKUO_OPERATOR, or the
# login name; a server records the database role instead, docs/deploy.md)
if on_file; then
	for bad in esc ff long; do
		eval "val=\$$bad"
		YEKUO_OPERATOR=$val y case event "$lv" materials accept --items id
		is "$rc" 2 "an operator name with $bad is refused"
		contains "$err" "YEKUO_OPERATOR" "naming where it came from"
	done
	YEKUO_OPERATOR="欧阳某某（受理窗口三号）" y case event "$lv" materials accept --items id
	is "$rc" 0 "a long Chinese operator name within the limit is fine"
	is "$(events)" "$((n0 + 1))" "only that was stored"
else
	skip 8 "on a server the operator is the database role, not YEKUO_OPERATOR"
fi

# --- and shown visibly, whatever is stored ------------------------------------------------
# text an older version let in unchecked (a customer type, a note, the
# operator's name) or
# another office sent: written straight into the database, past the
# append-only trigger, into the events, the cached case and the list's copy
raw() { # raw FILE: does it hold an ESC, BEL or a byte that is not UTF-8?
	LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" || ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
o=$TEST_HOME/shown
# (a server's text holds no byte that is not UTF-8, and this writes one
# with the sqlite3 shell: the file's; what shows it is the same code)
if on_file; then
	vis=$($YEKUO case new --region national --category lv-resident --name "周十" --id-type resident-id \
		--id "$ID" --phone 13912345678 --address "某地10号" --capacity 8 --unit kW \
		--customer-type TYPEX 2>/dev/null)
	"$YEKUO" case event "$vis" done accept --notes NOTEX >/dev/null
	trig=$(sqlite3 "$db" "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'")
	bad="'N' || char(27) || ']0;pwned' || char(7) || 'E' || char(9) || 'x' || cast(x'ff' AS TEXT)"
	sqlite3 "$db" "DROP TRIGGER events_no_update;
		UPDATE events SET data = replace(replace(data, 'TYPEX', $bad), 'NOTEX', $bad),
			operator = $bad WHERE case_no = '$vis';
		$trig;
		UPDATE cases SET state = replace(replace(state, 'TYPEX', $bad), 'NOTEX', $bad) WHERE case_no = '$vis';
		UPDATE clocks SET name = 'N' || char(27) || ']0;pwned' || char(7) || cast(x'ff' AS TEXT) WHERE case_no = '$vis';"
	for what in "case show $vis" "case show $vis --format tsv" "case list" "case list --format tsv" \
		"case receipt $vis" "export cases --format text" "export cases --format csv --encoding utf-8"; do
		# shellcheck disable=SC2086
		"$YEKUO" $what >"$o" 2>&1
		src=$?
		ok "$([ "$src" = 0 ] && ! raw "$o" && grep -q 'N\\x1b' "$o"; echo $?)" \
			"$what: stored control characters and stray bytes are shown escaped (\\x1b), never raw"
	done
	"$YEKUO" export cases --format csv >"$o" 2>&1
	is "$?" 0 "a GB18030 export still works (a stray byte used to stop every export)"
	"$YEKUO" export cases --out "$TEST_HOME/shown.xlsx" 2>/dev/null
	is "$?" 0 "an .xlsx export too"
	unzip -p "$TEST_HOME/shown.xlsx" xl/sharedStrings.xml xl/worksheets/sheet1.xml >"$o.xml" 2>/dev/null
	ok "$(LC_ALL=C grep -q "$(printf '[\033\007]')" "$o.xml"; [ $? = 1 ] && iconv -f UTF-8 -t UTF-8 "$o.xml" >/dev/null; echo $?)" \
		"and its XML holds no control character or stray byte"
else
	skip 10 "a server's text cannot hold the stray byte this writes past the guards"
fi
# an unknown case number is echoed visibly
"$YEKUO" case show "$(printf 'X\033]0;t\007')" >"$o" 2>&1
ok "$(! raw "$o" && grep -q 'X\\x1b' "$o"; echo $?)" "an unknown case number is echoed escaped"

# --- validators against the standards ---------------------------------------------------
# an "other" ID is kept whole, never cut to fit (it used to lose its end
# past 39 bytes, and a cut inside a character gave a "not UTF-8" message)
n0=$(events)
for other in "港澳居民居住证 810000199001011234" "台湾居民来往大陆通行证 12345678" \
	"外国人永久居留身份证号码 CHN1234567890ABCD" "$(printf 'X%.0s' $(seq 1 40))" \
	"$(printf '证%.0s' $(seq 1 40))"; do
	y case new --region national --category lv-resident --name "吴十一" --id-type other \
		--id "$other" --phone 13912345678 --address "某地11号" --capacity 8 --unit kW
	is "$rc" 0 "other ID '${other%% *}…' (${#other} bytes) is accepted"
	c=$out
	y case show "$c" --format tsv --unmasked
	contains "$out" "id	$other" "and stored whole"
done
for other in "$(printf 'X%.0s' $(seq 1 41))" "$(printf '证%.0s' $(seq 1 41))"; do
	y case new --region national --category lv-resident --name "吴十一" --id-type other \
		--id "$other" --phone 13912345678 --address "某地11号" --capacity 8 --unit kW
	is "$rc" 2 "an other ID of 41 characters is refused"
	contains "$err" "最多40个字符" "saying the limit"
done
is "$(events)" "$((n0 + 5))" "only the five valid ones were stored"
# USCC codes assigned after GB 32100's first table: a village or residents'
# committee can be registered
for code in 54110105MA0000015A 55110105MA00000232 G1110000MA0000031G; do
	y case new --region national --category lv-other --name "某村民委员会" --id-type uscc \
		--id "$code" --phone 13912345678 --address "某村" --capacity 20 --unit kW
	is "$rc" 0 "USCC $code is accepted"
done
y case new --region national --category lv-other --name "某村民委员会" --id-type uscc \
	--id 91350100M000100Y56 --phone 13912345678 --address "某村" --capacity 20 --unit kW
is "$rc" 2 "a USCC whose organisation code (9-17) fails GB 11714 is refused"
contains "$err" "组织机构代码" "naming the part at fault"
# contact numbers: mobiles of issued blocks, landlines with an area code,
# Hong Kong, Macau and Taiwan mobiles; each stored in its one form
for pair in "(+86)15812345678=15812345678" "+86 10 62345678=010-62345678" \
	"0571-87654321=0571-87654321" "(0571)8765432=0571-8765432" \
	"+852 9123 4567=+85291234567" "+853 6612 3456=+85366123456" \
	"+886 912 345 678=+886912345678" "19212345678=19212345678"; do
	in=${pair%%=*}
	want=${pair#*=}
	y case new --region national --category lv-resident --name "郑十二" --id-type resident-id \
		--id "$ID" --phone "$in" --address "某地12号$want" --capacity 8 --unit kW
	is "$rc" 0 "contact number '$in' is accepted"
	y case show "$out" --format tsv --unmasked
	contains "$out" "phone	$want" "stored as $want"
done
n0=$(events)
for bad in "018316417941|不用加 0" "16012345678|没有分配" "17451234567|没有分配" \
	"14612345678|物联网" "14812345678|物联网" "87654321|区号" "0266-1234567|区号" \
	"+852 2123 4567|香港" "+1 202 555 0123|香港"; do
	y case new --region national --category lv-resident --name "郑十二" --id-type resident-id \
		--id "$ID" --phone "${bad%%|*}" --address "某地12号" --capacity 8 --unit kW
	is "$rc" 2 "contact number '${bad%%|*}' is refused"
	contains "$err" "${bad#*|}" "saying why (${bad#*|})"
done
is "$(events)" "$n0" "none of them was stored"
# masked by default as before; a landline keeps its area code
y case new --region national --category lv-resident --name "郑十三" --id-type resident-id \
	--id "$ID" --phone 0571-87654321 --address "某地13号" --capacity 8 --unit kW
y case show "$out" --format tsv
contains "$out" "phone	0571-****4321" "a landline is masked keeping its area code"

# --- a retried case new is not a second case -----------------------------------------------
# a case new killed after its commit but before it printed leaves a case
# the clerk never saw; the retry must not open another
rep() { # rep ID ADDRESS [options]: an LV case new on 2026-03-02
	rid=$1 raddr=$2
	shift 2
	y case new --region national --category lv-resident --name "王重复" --id-type resident-id \
		--id "$rid" --phone 13912345678 --address "$raddr" --capacity 8 --unit kW "$@"
}
rep "$ID" "重复路1号"
first=$out
n0=$(events)
for id in "$ID" 11010519491231002x; do
	rep "$id" "重复路1号"
	is "$rc" 4 "case new again for ID $id at the same address: refused (exit 4)"
	contains "$err" "$first" "naming the open case $first"
	contains "$err" "--again" "and how to open another on purpose"
done
is "$(events)" "$n0" "nothing was stored"
rep "$ID" "重复路2号"
is "$rc" 0 "the same ID at another address is another case"
rep 110105198001010032 "重复路1号"
is "$rc" 0 "another ID at the same address is another case"
rep "$ID" "重复路1号" --again "同一地址增设第二块电表"
is "$rc" 0 "--again with a reason opens another on purpose"
y case show "$out" --format tsv
contains "$out" "again=同一地址增设第二块电表" "and the reason is on record"
rep "$ID" "重复路1号" --again ""
is "$rc" 2 "--again without a reason is refused"
# once the case is closed, a new one for the customer is fine
y case event "$first" done accept
y case event "$first" done plan
y case event "$first" done energise --meter-no 1234567890
rep "$ID" "重复路3号"
is "$rc" 0 "(another address)"
third=$out
y case event "$third" done accept
y case event "$third" done plan
y case event "$third" done energise --meter-no 1234567891
rep "$ID" "重复路3号"
is "$rc" 0 "after the case at the address closed, a new one opens"
# the same for an HV customer by credit code
hv1=$($YEKUO case new --region national --category hv-single --name "重复制造厂" --id-type uscc \
	--id 91350100M000100Y43 --phone 13800138000 --address "重复园区9号" --capacity 800 --unit kVA)
y case new --region national --category hv-single --name "重复制造厂" --id-type uscc \
	--id 91350100m000100y43 --phone 13800138000 --address "重复园区9号" --capacity 800 --unit kVA
is "$rc" 4 "an HV case new repeated (credit code in lower case) is refused"
contains "$err" "$hv1" "naming the open one"

done_testing
