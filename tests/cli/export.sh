#!/bin/sh
# Export as a colleague on Chinese Windows receives it: CSV in GB18030 that
# iconv reads back unchanged, CRLF rows, personal numbers masked unless
# asked, files written whole and 0600, and an .xlsx whose cells Excel (here
# openpyxl) sees as dates and numbers.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/exp.db
export YEKUO_DB="$db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
PY=/usr/bin/python3

at 2026-03-02 init --training --office A
at 2026-03-02 case new --region national --category lv-sanling --name "李四小吃店（東區·𠀀号）" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "北京市某区某街2号" --capacity 30.5 --unit kW --appointment 2026-03-03
c1=$out
at 2026-03-02 case event "$c1" done accept
at 2026-03-03 case event "$c1" done plan --investment-saved 1.25 --supply-point "10kV 某线 3#杆"
at 2026-03-05 case event "$c1" done energise --meter-no 3000000001
at 2026-03-02 case new --region tianjin --category hv-single --name "=HYPERLINK(\"http://x\")某公司" \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 --address "天津市某路, 1号" \
	--capacity 800 --unit kVA
c2=$out
is "$rc" 0 "two cases for the export"

# --- CSV, GB18030 -------------------------------------------------------------------
at 2026-03-10 export cases --format csv --out "$TEST_HOME/cases.csv"
is "$rc" 0 "export cases writes a CSV file"
contains "$err" "已把 2 件案件写入" "and says how many cases it wrote"
is "$(stat -c %a "$TEST_HOME/cases.csv")" 600 "the file is created 0600"
is "$(ls "$TEST_HOME" | grep -c tmp)" 0 "no temporary file is left behind"
utf=$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/cases.csv")
is "$?" 0 "the file is valid GB18030"
contains "$utf" "李四小吃店（東區·𠀀号）" "Chinese names, traditional and rare characters, come back unchanged"
at 2026-03-10 export cases --format csv --encoding utf-8 --out "$TEST_HOME/cases-utf8.csv"
if iconv -f GB18030 -t UTF-8 "$TEST_HOME/cases.csv" | cmp -s - "$TEST_HOME/cases-utf8.csv"; then r=0; else r=1; fi
ok $r "the GB18030 file converted by iconv equals the UTF-8 export byte for byte"
is "$(head -c 3 "$TEST_HOME/cases.csv" | od -An -tx1 | tr -d ' ')" "b0b8bc" "GB18030 has no BOM (案 = B0 B8)"
crlf=$(tr -cd '\r' <"$TEST_HOME/cases-utf8.csv" | wc -c)
lf=$(tr -cd '\n' <"$TEST_HOME/cases-utf8.csv" | wc -c)
is "$crlf" "$lf" "every row ends in CRLF"
is "$lf" 3 "a header row and one row per case"
contains "$(cat "$TEST_HOME/cases-utf8.csv")" "1101**********002X" "ID numbers are masked by default"
contains "$(cat "$TEST_HOME/cases-utf8.csv")" "139****5678" "phones are masked by default"
contains "$(cat "$TEST_HOME/cases-utf8.csv")" ",30.5,kW,0.38," "numbers are plain numbers"
contains "$(cat "$TEST_HOME/cases-utf8.csv")" "\"'=HYPERLINK" "a name that a spreadsheet would run as a formula is defused"
contains "$(cat "$TEST_HOME/cases-utf8.csv")" "\"天津市某路, 1号\"" "a field with a comma is quoted (RFC 4180)"
at 2026-03-10 export cases --format csv --encoding utf-8 --unmasked
contains "$out" "11010519491231002X" "--unmasked writes the full ID"
contains "$out" "13912345678" "and the full phone"
at 2026-03-10 export cases --format csv --encoding utf-8-bom --out "$TEST_HOME/bom.csv"
is "$(head -c 3 "$TEST_HOME/bom.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "utf-8-bom starts with a byte order mark"

at 2026-03-10 export cases --format csv --encoding latin1
is "$rc" 2 "an unknown encoding is refused"
contains "$err" "应为 gb18030、utf-8 或 utf-8-bom" "naming the ones there are"
at 2026-03-10 export cases --format pdf
is "$rc" 2 "an unknown format is refused"
at 2026-03-10 export things
is "$rc" 2 "export knows only cases"
at 2026-03-10 export cases --out "$TEST_HOME/nodir/x.csv"
is "$rc" 2 "a file in a missing folder is an error"
contains "$err" "nodir/x.csv" "naming the file"

# A write that fails is an error, not a short file reported as done.
if [ -w /dev/full ]; then
	YEKUO_NOW=2026-03-10T10:00:00 "$YEKUO" export cases --format csv >/dev/full 2>"$TEST_HOME/full.err"
	is "$?" 2 "writing to a full device fails"
	contains "$(cat "$TEST_HOME/full.err")" "No space left" "with the system's reason"
fi

# --- text -----------------------------------------------------------------------------
at 2026-03-10 export cases --format text
contains "$out" "案件编号" "the text form has a header"
contains "$out" "$c2" "and a line per case"

# --- xlsx -------------------------------------------------------------------------------
if grep -q '^#define HAVE_XLSXWRITER 1' "$top_builddir/config.h"; then
	at 2026-03-10 export cases --out "$TEST_HOME/cases.xlsx" --unmasked
	is "$rc" 0 "--out FILE.xlsx writes an .xlsx"
	is "$(stat -c %a "$TEST_HOME/cases.xlsx")" 600 "created 0600"
	res=$("$PY" - "$TEST_HOME/cases.xlsx" <<'EOF'
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
col = {h: i for i, h in enumerate(head)}
print("header", head[0], head[col["申请日期"]])
for no, r in sorted(rows.items()):
    print("row", no, r[col["客户名称"]].value, type(r[col["申请日期"]].value).__name__,
          r[col["申请日期"]].value.date() if r[col["申请日期"]].value else None,
          type(r[col["报装容量"]].value).__name__, r[col["报装容量"]].value,
          r[col["证件号码"]].value, r[col["装表接电日期"]].value)
print("width", ws.column_dimensions["E"].width > 10)
print("frozen", ws.freeze_panes)
EOF
)
	is "$?" 0 "openpyxl reads the file"
	contains "$res" "header 案件编号 申请日期" "the first row is the header"
	contains "$res" "row $c1 李四小吃店（東區·𠀀号） datetime 2026-03-02 float 30.5 11010519491231002X 2026-03-05 00:00:00" \
		"dates are dates, numbers are numbers, text is text"
	contains "$res" "row $c2 =HYPERLINK(\"http://x\")某公司 datetime 2026-03-02 int 800" \
		"a formula-like name is stored as text, unaltered; 800 is a number"
	contains "$res" "width True" "columns are given widths"
	contains "$res" "frozen A2" "the header row stays in view"

	YEKUO_NOW=2026-03-10T10:00:00 run "$YEKUO" report benefit --from 2026-03-01 --to 2026-03-31 \
		--out "$TEST_HOME/benefit.xlsx"
	is "$rc" 0 "a report goes to .xlsx too"
	res=$("$PY" - "$TEST_HOME/benefit.xlsx" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print("title", ws["A1"].value)
for row in ws.iter_rows():
    if row[0].value and str(row[0].value).startswith(("受益户数", "节省投资")):
        print(row[0].value, [(type(c.value).__name__, c.value) for c in row[1:6]])
EOF
)
	contains "$res" "title “三零”“三省”服务效益统计表" "the sheet starts with the report's title"
	contains "$res" "受益户数（户） [('int', 0), ('int', 1), ('int', 0), ('int', 0), ('int', 1)]" \
		"counts are numbers in the 三零 enterprise column"
	contains "$res" "节省投资（万元） [('int', 0), ('float', 1.25)," "investment saved is a number"

	# --- an .xlsx for people: read as the file's own XML ------------------------------
	at 2026-03-10 export cases --out "$TEST_HOME/people.xlsx"
	x=$TEST_HOME/people
	unzip -q -o "$TEST_HOME/people.xlsx" -d "$x"
	is "$?" 0 "the .xlsx unzips"
	wb=$(cat "$x/xl/workbook.xml")
	sheet=$(cat "$x/xl/worksheets/sheet1.xml")
	contains "$wb" '<sheet name="用电报装案件"' "the cases' sheet is named 用电报装案件"
	case "$wb" in *Sheet1*) ok 1 "not Sheet1" ;; *) ok 0 "not Sheet1" ;; esac
	contains "$wb" "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'用电报装案件'!\$1:\$1</definedName>" \
		"the header row is printed on every page (Print_Titles)"
	contains "$sheet" '<pageSetUpPr fitToPage="1"/>' "printed fitted to the page"
	contains "$sheet" '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' \
		"A4 (paperSize 9), landscape, one page wide and as many long as it takes"
	contains "$sheet" '&amp;C第 &amp;P 页，共 &amp;N 页' "with the page number at the foot"
	contains "$sheet" '<t>天津</t>' "the region in Chinese (天津), from the rule files"
	contains "$sheet" '<t>高压单电源</t>' "the category in Chinese, from the field table"
	contains "$sheet" '<t>统一社会信用代码</t>' "the ID type too"
	contains "$sheet" '<t>千伏安</t>' "and the unit"
	for code in '<t>tianjin</t>' '<t>hv-single</t>' '<t>lv-sanling</t>' '<t>uscc</t>' '<t>open</t>' '<t>yes</t>'; do
		case "$sheet" in *"$code"*) ok 1 "no code for people: $code" ;; *) ok 0 "no code for people: $code" ;; esac
	done
	res=$("$PY" - "$TEST_HOME/people.xlsx" <<'EOF2'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
x = z.read("xl/worksheets/sheet1.xml").decode()
cells = dict(re.findall(r'<c r="([A-Z]+2)"((?: [^>]*)?)>', x))
heads = re.findall(r'<c r="([A-Z]+)1"[^>]*><is><t>([^<]*)</t>', x)
col = {t: c for c, t in heads}
width = {int(a): float(w) for a, b, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', x)}
ci = lambda letters: sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters)))
print("capacity", "t=" not in cells[col["报装容量"] + "2"])
print("namewidth", width[ci(col["客户名称"])])
EOF2
)
	contains "$res" "capacity True" "the capacity is a number cell (no t=\"s\" or inlineStr)"
	w=$(printf '%s\n' "$res" | sed -n 's/^namewidth //p')
	[ "${w%%.*}" -ge 28 ]
	ok $? "the name column is as wide as the widest name, a CJK character two (=HYPERLINK(\"http://x\")某公司: 28): $w"

	YEKUO_NOW=2026-03-10T10:00:00 run "$YEKUO" report timeliness --from 2026-03-01 --to 2026-03-31 \
		--out "$TEST_HOME/timeliness.xlsx"
	is "$rc" 0 "the timeliness report goes to .xlsx"
	x=$TEST_HOME/tl
	unzip -q -o "$TEST_HOME/timeliness.xlsx" -d "$x"
	wb=$(cat "$x/xl/workbook.xml")
	contains "$wb" '<sheet name="分类别分环节"' "each table is a sheet named by its title"
	contains "$wb" '<sheet name="超期清单"' "the overdue list too"
	contains "$wb" "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'分类别分环节'!" \
		"its column heads repeat on every printed page"
	contains "$(cat "$x/xl/sharedStrings.xml")" "<t>低压非居民(三零)</t>" "the report's text is in the shared strings, in Chinese"
	res=$("$PY" - "$TEST_HOME/timeliness.xlsx" <<'EOF2'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sst = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", z.read("xl/sharedStrings.xml").decode())
x = z.read("xl/worksheets/sheet1.xml").decode()
cells = re.findall(r'<c r="([A-Z]+)(\d+)"((?: [a-z]+="[^"]*")*)>(?:<v>([^<]*)</v>)?', x)
head = {c: sst[int(v)] for c, r, a, v in cells if 't="s"' in a and sst[int(v)] in ("时限(工作日)", "完成件数", "按时率(%)")}
hrow = [r for c, r, a, v in cells if c in head][0]
for c, name in sorted(head.items()):
    vals = [(sst[int(v)] if 't="s"' in a else "number") for cc, r, a, v in cells if cc == c and int(r) > int(hrow) and v]
    # text only where the value is no number: 不限, a range 5～15
    print(name, sorted({v if v == "number" or not re.fullmatch(r"[\d.]+", v) else "NUMBER AS TEXT" for v in vals}))
EOF2
)
	contains "$res" "时限(工作日) ['number', '不限']" "the limits are number cells (t=\"n\"); text only for 不限"
	contains "$res" "完成件数 ['number']" "the counts are numbers"
	contains "$res" "按时率(%) ['number']" "and the rates"

	YEKUO_NOW=2026-03-10T10:00:00 "$YEKUO" export cases --format xlsx >"$TEST_HOME/piped.xlsx" 2>/dev/null
	is "$(head -c 2 "$TEST_HOME/piped.xlsx")" "PK" "an .xlsx can be piped out"
	at 2026-03-10 export cases --format xlsx --encoding utf-8 --out "$TEST_HOME/x.xlsx"
	is "$rc" 2 "--encoding does not apply to .xlsx"
else
	at 2026-03-10 export cases --format xlsx --out "$TEST_HOME/cases.xlsx"
	is "$rc" 2 "without libxlsxwriter, --format xlsx is refused"
	contains "$err" "without libxlsxwriter" "saying why"
	[ ! -e "$TEST_HOME/cases.xlsx" ]
	ok $? "and no file is written"
fi

done_testing
