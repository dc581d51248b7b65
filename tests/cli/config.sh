#!/bin/sh
# The office's settings (yekuo config; docs/cli.md "config", docs/store.md
# "settings"): a new database must be given its own office code, so that two
# laptops never mint the same case numbers; the hall, its hotline and the
# clerk's display name go on the receipt and the filing list instead of the
# login name. Every refusal names the setting and the value, and changes
# nothing.
. "$top_srcdir/tests/lib.sh"

export YEKUO_OPERATOR=zhang
db=$TEST_HOME/real.db
y() { run "$YEKUO" --db "$db" "$@"; }
show() { "$YEKUO" --db "$db" config --format tsv; }
isnt0() { [ "$1" -ne 0 ]; ok $? "$2"; }

# --- init: a real database needs its office code ----------------------------
y init
is "$rc" 2 "init of a real database without --office is refused"
contains "$err" "init --office" "saying how to give the office code"
[ ! -e "$db" ]; ok $? "and no database file is made"
y init --office hall1
is "$rc" 2 "a lower-case office code is refused"
contains "$err" "应为 1 到 8 个大写字母或数字" "saying what an office code is"
y init --office GY01
is "$rc" 0 "init --office GY01 makes the database"
contains "$out" "（单位 GY01）" "with that office code"

# --- config show: the defaults ------------------------------------------------
y config
is "$rc" 0 "config shows the settings"
contains "$out" "GY01" "the office code"
contains "$out" "供电服务热线" "the hotline in Chinese"
contains "$out" "受理人姓名（zhang）" "the clerk's settings name the operator"
is "$(show | grep '^hotline' | cut -f2)" "95598" "the hotline defaults to 95598 (003 附件1 第47行)"

# --- config set, and a refusal for every kind of bad value --------------------
before=$(show)
refused() { # refused KEY VALUE WANT-IN-ERR DESCRIPTION
	y config set "$1" "$2"
	is "$rc" 2 "$4: refused (exit 2)"
	contains "$err" "$3" "$4: the message says what is wrong"
}
refused office gy01 "1-8 位大写字母或数字" "an office code in lower case"
refused office ABCDEFGHJ "1-8 位大写字母或数字" "an office code of 9 characters"
refused hotline 95598x "3-20 位数字" "a hotline with a letter"
refused hotline 12 "3-20 位数字" "a hotline of 2 digits"
refused hotline -95598 "3-20 位数字" "a hotline starting with '-'"
refused hall-name "$(printf '营业\001厅')" "营业厅名称" "a hall name with a control character"
refused hall-name "$(printf '%0200d' 0)" "营业厅名称" "a hall name longer than 120 bytes"
refused hall-address "$(printf 'a\tb')" "营业厅地址" "an address with a tab"
refused division 52010 "六位数字代码" "a division code of 5 digits"
refused division 990000 "六位数字代码" "a division code outside 11..82"
refused division 529999 "不在行政区划数据中" "a division code the data files do not list"
refused region mars "没有时限规则" "a region without rules"
refused category lv-nothing "不是用户类别代码" "an unknown category"
refused clerk-name "" "不能为空" "an empty clerk name"
refused staff-no "GZ 01" "至多 20 位字母、数字或 '-'" "a staff number with a space"
refused nokey 1 "没有设置项 'nokey'" "an unknown setting"
y config set hotline
is "$rc" 2 "config set without a value: usage"
contains "$err" "用法：yekuo config" "saying how"
y config frobnicate
is "$rc" 2 "an unknown config word: usage"
y config set office GY02
is "$rc" 4 "changing the office code of a database with its key: refused (exit 4)"
contains "$err" "办事处代码已是 GY01" "saying which code it keeps"
contains "$err" "init --office GY02" "and how to have another"
is "$(show)" "$before" "after every refusal the settings are as they were"
run "$YEKUO" --db "$TEST_HOME/none.db" config
is "$rc" 3 "config of a database that is not there: not found (exit 3)"

y config set office GY01
is "$rc" 0 "the same office code again confirms it"
y config set hall-name "南明区供电营业厅"
is "$rc" 0 "the hall's name is kept"
y config set hall-address "贵州省贵阳市南明区新华路 1 号"
y config set hotline 0851-95598
is "$rc" 0 "a hotline with an area code is kept"
y config set division 520102
is "$rc" 0 "a listed division is kept"
contains "$(y config; echo "$out")" "贵州省 贵阳市 南明区" "config names the division's province, city and county"
y config set region guizhou
y config set category lv-resident
y config set clerk-name 张晓
is "$rc" 0 "the clerk's display name is kept"
contains "$out" "clerk-name (zhang) = 张晓" "for the operator running the command"
y config set staff-no GZ-0012
y config set clerk-name 李梅 --clerk li
is "$rc" 0 "--clerk sets another clerk's name"
is "$(YEKUO_OPERATOR=li "$YEKUO" --db "$db" config --format tsv | grep '^clerk-name' | cut -f2)" "李梅" \
	"which that clerk sees"
y config set hall-address ""
is "$(show | grep '^hall-address' | cut -f2)" "" "an empty value clears a setting"
y config set hall-address "贵州省贵阳市南明区新华路 1 号"

# --- the receipt and the filing list show the hall and the clerk --------------
y case new --region guizhou --category lv-other --name 甲商店 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 贵阳市南明区某路 --capacity 50 --unit kW
is "$rc" 0 "a case is opened"
case1=$out
y case receipt "$case1"
is "$rc" 0 "its receipt is printed"
contains "$out" "营业厅    ：南明区供电营业厅" "the receipt names the hall"
contains "$out" "营业厅地址：贵州省贵阳市南明区新华路 1 号" "and its address"
contains "$out" "服务热线  ：供电服务热线 0851-95598；能源监管热线 12398" \
	"the hall's hotline beside 12398 (003 附件1 第47行)"
contains "$out" "受理人    ：张晓（工号 GZ-0012）" "the clerk's display name and staff number"
lacks() { case "$1" in *"$2"*) ok 1 "$3" ;; *) ok 0 "$3" ;; esac; }
lacks "$out" "zhang" "not the login name"
widest=$(printf '%s\n' "$out" | while IFS= read -r l; do printf '%s' "$l" | wc -L; done | sort -n | tail -1)
ok "$([ "$widest" -le 72 ]; echo $?)" "every receipt line fits 72 columns ($widest)"
today=$(date +%F)
y case event "$case1" filing --upgrade 配变增容 --why 台区容量不足 --planned 2099-01-01
is "$rc" 0 "the case is filed"
y report filing --month "$(date +%Y-%m)" --format csv --encoding utf-8
is "$rc" 0 "the filing list is made"
contains "$out" "填报单位,南明区供电营业厅" "the filing list names the hall"
contains "$out" ",张晓," "and the clerk who filed, by display name"

# --- office code: a plain database, a training one, an old one ---------------
plain=$TEST_HOME/plain.db
run "$YEKUO" --db "$plain" case list
is "$rc" 0 "a command on a missing database makes a plain one"
run "$YEKUO" --db "$plain" case new --region guizhou --category lv-other --name 乙 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 某路 --capacity 5 --unit kW
is "$rc" 4 "which numbers no case before it has an office code (exit 4)"
contains "$err" "yekuo config set office" "saying how to give one"
contains "$("$YEKUO" --db "$plain" config)" "未设定" "config shows the code as not set"
run "$YEKUO" --db "$plain" config set office GY03
is "$rc" 0 "a plain database without a key takes an office code"
run "$YEKUO" --db "$plain" case new --region guizhou --category lv-other --name 乙 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 某路 --capacity 5 --unit kW
is "$rc" 0 "and then numbers cases"
contains "$out" "-GY03-" "with its code"
run "$YEKUO" --db "$plain" config set office GY04
is "$rc" 4 "once a case is numbered the code is fixed"

train=$TEST_HOME/train.db
YEKUO_NOW=2026-03-02T09:00:00 run "$YEKUO" --db "$train" init --training
is "$rc" 0 "a training database may leave out the office code"
YEKUO_NOW=2026-03-02T09:00:00 run "$YEKUO" --db "$train" case new --region guizhou --category lv-other \
	--name 丙 --id-type resident-id --id 11010519491231002X --phone 13912345678 --address 某路 \
	--capacity 5 --unit kW
is "$out" "GZ-2026-A-00001" "and numbers its cases with A (they never reach a customer)"

# an old database: made before settings, with office A and cases (what a
# database made by an earlier yekuo looks like: no office-chosen mark)
sqlite3 "$db" "DELETE FROM meta WHERE key = 'office-chosen'"
y case new --region guizhou --category lv-other --name 丁 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 某路2 --capacity 5 --unit kW
is "$rc" 0 "a database that numbered cases before settings existed goes on numbering"
lacks "$(y config; echo "$out")" "未设定" "its code counts as chosen"

done_testing
