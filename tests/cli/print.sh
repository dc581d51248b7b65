#!/bin/sh
# Printing the receipt and reports (docs/reports.md, Printing): the text is
# laid out by paps in a CJK monospace font and the PostScript goes to lp.
# A test lp on PATH keeps the job; a test lpstat plays the CUPS default.
# Every way printing can be impossible says what to install, exits 8 and
# hands nothing to lp.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print-lib.sh"

db=$TEST_HOME/print.db
export YEKUO_DB="$db"
export YEKUO_NOW=2026-04-13T10:00:00
p() { rm -f "$spool/job.ps" "$spool/job.args"; if [ "$1" = env ]; then run "$@"; else run "$YEKUO" "$@"; fi; }
ID=11010519491231002X

run "$YEKUO" init --training --office A
# a name with a 4-byte character: U+20000 𠀀 (GB18030 four-byte, CJK Ext. B)
run "$YEKUO" case new --region tianjin --category lv-resident --name "王𠀀明" --id-type resident-id \
	--id $ID --phone 13912345678 --address "天津市河西区某路3号" --capacity 8 --unit kW
C=$out
is "$rc" 0 "a case for a customer whose name has U+20000"

# --- the receipt to the CUPS default printer ---------------------------------------
p case receipt "$C" --print
is "$rc" 0 "case receipt --print prints"
contains "$out" "已送打印机 office（CUPS 默认打印机）：作业 office-7" "it names the printer, how it was chosen, and lp's job"
contains "$out" "A4 纵向，1 页" "the receipt is one portrait A4 page"
contains "$(cat "$spool/job.args")" "-d office" "lp was given the default printer"
contains "$(cat "$spool/job.args")" "media=A4" "and A4 paper"
is "$(head -c 4 "$spool/job.ps")" "%!PS" "what lp got is PostScript (paps), not text"
tail -c 200 "$spool/job.ps" | grep -q '%%EOF'
ok $? "a whole PostScript document, to its end"
LC_ALL=C grep -c "$(printf '\347\216\213')" "$spool/job.ps" >/dev/null
ok $((! $?)) "no raw UTF-8 reaches lp (王 is drawn as a glyph, not sent as text)"
run "$YEKUO" case receipt "$C"
printf '%s\n' "$out" >"$TEST_HOME/receipt.txt"
run python3 "$top_srcdir/tests/tools/ps-glyphs.py" "$spool/job.ps" "$TEST_HOME/receipt.txt"
is "$rc" 0 "every character of every line of the receipt is drawn, 𠀀 included: $out"

# the check above would see a character left blank: paps with only the
# Noto fonts has no glyph for U+20000 and draws the name one short
fc=$TEST_HOME/fc
mkdir -p "$fc"
cat >"$fc/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$(dirname "$(fc-match -f '%{file}' 'Noto Sans Mono CJK SC')")</dir><cachedir>$fc/cache</cachedir></fontconfig>
EOF
FONTCONFIG_FILE=$fc/fonts.conf paps --encoding=UTF-8 --font="Noto Sans Mono CJK SC 12" \
	"$TEST_HOME/receipt.txt" >"$TEST_HOME/short.ps" 2>/dev/null
run python3 "$top_srcdir/tests/tools/ps-glyphs.py" "$TEST_HOME/short.ps" "$TEST_HOME/receipt.txt"
is "$rc" 1 "a printout without a font for 𠀀 is caught by that check"
contains "$out" "王𠀀明" "on the name's line"
# and yekuo refuses to print it so
FONTCONFIG_FILE=$fc/fonts.conf p case receipt "$C" --print
is "$rc" 8 "with no font for 𠀀, nothing is printed (exit 8)"
contains "$err" "没有字体含有“𠀀”（U+20000）" "the character is named"
contains "$err" "fonts-hanazono" "with the package that has it"
[ ! -e "$spool/job.ps" ]
ok $? "and nothing went to lp"

# --- the printer -------------------------------------------------------------------
p case receipt "$C" --print --printer hall-2
is "$rc" 0 "--printer names the printer"
contains "$(cat "$spool/job.args")" "-d hall-2" "lp got it"
YEKUO_PRINTER=hall-3 p case receipt "$C" --print
contains "$(cat "$spool/job.args")" "-d hall-3" "YEKUO_PRINTER names it too"
contains "$out" "YEKUO_PRINTER" "and the message says where the printer came from"

# the clerk's own printer, a setting: after --printer and YEKUO_PRINTER, before CUPS's
run "$YEKUO" config set printer "counter 1"
is "$rc" 2 "a printer name CUPS would not take is refused"
run "$YEKUO" config set printer counter-1
is "$rc" 0 "yekuo config set printer names the clerk's printer"
p case receipt "$C" --print
contains "$(cat "$spool/job.args")" "-d counter-1" "lp got the clerk's printer"
contains "$out" "counter-1（本人设置的打印机）" "and the message says so"
YEKUO_PRINTER=hall-3 p case receipt "$C" --print
contains "$(cat "$spool/job.args")" "-d hall-3" "YEKUO_PRINTER comes before the setting"
p case receipt "$C" --print --printer hall-2
contains "$(cat "$spool/job.args")" "-d hall-2" "and --printer before both"
run "$YEKUO" config set printer ""
p case receipt "$C" --print
contains "$(cat "$spool/job.args")" "-d office" "the setting cleared, the CUPS default again"

LPSTAT_SAYS=none p case receipt "$C" --print
is "$rc" 8 "no default printer: exit 8"
contains "$err" "没有设置打印机" "says no printer is set up"
contains "$err" "lpoptions -d" "and how to set one"
[ ! -e "$spool/job.ps" ]
ok $? "nothing went to lp"
LPSTAT_SAYS=down p case receipt "$C" --print
is "$rc" 8 "CUPS not running: exit 8"
contains "$err" "apt-get install cups" "says to install and start CUPS"
LP_REFUSE=1 p case receipt "$C" --print
is "$rc" 8 "a job lp refuses is a failure (exit 8), not a success"
contains "$err" "没有打印：打印机 office 拒绝了作业" "and says so"
contains "$err" "The printer or class does not exist" "with lp's reason"

# a system without the programs: PATH holds only what yekuo may run
only=$TEST_HOME/only
mkdir -p "$only"
for prog in fc-list paps; do ln -s "$(command -v $prog)" "$only/$prog"; done
ln -s "$bin/lpstat" "$only/lpstat"
p env PATH="$only" "$YEKUO" case receipt "$C" --print
is "$rc" 8 "no lp installed: exit 8"
contains "$err" "没有安装 lp（Debian：apt-get install cups-client）" "says what to install"
rm "$only/paps"
ln -s "$bin/lp" "$only/lp"
p env PATH="$only" "$YEKUO" case receipt "$C" --print
is "$rc" 8 "no paps installed: exit 8"
contains "$err" "没有安装 paps（Debian：apt-get install paps）" "says what to install"
rm "$only/lpstat"
p env PATH="$only" "$YEKUO" case receipt "$C" --print
is "$rc" 8 "no lpstat (cups-client) installed: exit 8"
contains "$err" "apt-get install cups-client" "says what to install"
# paps failing is a failure
cat >"$TEST_HOME/bin/paps" <<'EOF'
#!/bin/sh
echo "paps: cannot load font" >&2
exit 1
EOF
chmod +x "$TEST_HOME/bin/paps"
p case receipt "$C" --print
is "$rc" 8 "paps failing: exit 8"
contains "$err" "paps 排版失败" "says the layout failed"
contains "$err" "cannot load font" "with paps's reason"
rm "$TEST_HOME/bin/paps"

# --- options -----------------------------------------------------------------------
p case receipt "$C" --print --out "$TEST_HOME/r.txt"
is "$rc" 2 "--print with --out is refused"
p case receipt "$C" --printer office
is "$rc" 2 "--printer without --print is refused"

# --- a report ------------------------------------------------------------------------
run "$YEKUO" case event "$C" done accept
p report timeliness --from 2026-04-01 --to 2026-04-30 --print
is "$rc" 0 "report --print prints"
is "$(head -c 4 "$spool/job.ps")" "%!PS" "as PostScript"
contains "$out" "A4 横向" "a wide report goes across the page"
run "$YEKUO" report timeliness --from 2026-04-01 --to 2026-04-30 --format text
printf '%s\n' "$out" >"$TEST_HOME/report.txt"
run python3 "$top_srcdir/tests/tools/ps-glyphs.py" --total "$spool/job.ps" "$TEST_HOME/report.txt"
is "$rc" 0 "every character of the report is drawn: $out"
LPSTAT_SAYS=none p report timeliness --from 2026-04-01 --to 2026-04-30 --print
is "$rc" 8 "a report with no printer: exit 8"
p report timeliness --from 2026-04-01 --to 2026-04-30 --print --format csv
is "$rc" 2 "--print with --format is refused"

done_testing
