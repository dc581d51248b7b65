#!/bin/sh
# 受理回执 (p in the case detail): the customer's receipt on screen — case
# number, masked ID and phone, materials, each step's limit and due date —
# and saved for printing in GB18030 and in UTF-8, byte for byte what
# `yekuo case receipt` writes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
run "$YEKUO" case new --region national --category lv-other --name "王五五金店" \
	--id-type resident-id --id 11010519491231002X --phone 13712345678 \
	--address "上海市浦东新区某路5号" --capacity 200 --unit kW
case1=$out
run "$YEKUO" case event "$case1" materials accept --items id
is "$rc" 0 "an LV case opened on Mon 03-02 with the ID received"
# the hall and the clerk's display name, from the settings (yekuo config)
"$YEKUO" config set hall-name "浦东供电营业厅" >/dev/null
"$YEKUO" config set clerk-name "张晓" >/dev/null

at 2026-03-02T10:00:00
start_tui --
keys Enter
shows "p回执" "the case detail offers the receipt on its key line"
keys p
shows "受理回执 $case1（36 行；p 打印，s 保存）" "p opens the receipt"
shows "营业厅    ：浦东供电营业厅" "the receipt names the hall"
shows "服务热线  ：供电服务热线 95598；能源监管热线 12398" "and both hotlines (003 附件1 第47行)"
shows "受理人    ：张晓" "and the clerk by display name, not the login name"
shows "用电报装业务受理回执" "titled as the customer's receipt"
shows "案件编号  ：$case1" "with the case number"
shows "证件号码  ：居民身份证 1101**********002X" "the ID masked"
shows "联系电话  ：137****5678" "the phone masked"
shows "[√] 申请人有效身份证明" "the materials received"
shows "[ ] 用电地址物业权属证明（待补）" "and those still owed"
# lv-other acceptance: 1 WD from Mon 03-02 → Tue 03-03 (two lines down,
# below the hall's lines).
keys Down Down Down
shows "业务受理      1 个工作日  2026-03-03（星期二）前" "and the acceptance due date"
snap receipt
keys End
shows "客户签字：________________" "End scrolls to the signature lines"
shows "数据封存  #2 " "and the anchors: the seal the receipt was printed under"
keys s
shows "> 保存到*  ~/receipt-$case1.txt" "s asks where to save it"
shows "编码*    GB18030（Windows 记事本）" "in GB18030 by default"
keys Enter
shows "已保存：$TEST_HOME/receipt-$case1.txt（GB18030）" "Enter saves it"
YEKUO_NOW=2026-03-02T10:00:00 run "$YEKUO" case receipt "$case1" --encoding gb18030 --out "$TEST_HOME/cli-gb.txt"
cmp -s "$TEST_HOME/receipt-$case1.txt" "$TEST_HOME/cli-gb.txt"
ok $? "the file is what yekuo case receipt --encoding gb18030 writes"
contains "$(iconv -f GB18030 -t UTF-8 "$TEST_HOME/receipt-$case1.txt")" "2026-03-03（星期二）前" \
	"and reads back with the due date"
keys s C-u
type_text "~/r-utf8.txt"
keys Tab Space
shows "编码*    UTF-8" "Space switches to UTF-8"
keys F2
shows "已保存：$TEST_HOME/r-utf8.txt（UTF-8）" "F2 saves it"
YEKUO_NOW=2026-03-02T10:00:00 run "$YEKUO" case receipt "$case1" --out "$TEST_HOME/cli-utf8.txt"
cmp -s "$TEST_HOME/r-utf8.txt" "$TEST_HOME/cli-utf8.txt"
ok $? "the UTF-8 file is the CLI's too"
keys s C-u
type_text "$TEST_HOME/no/such/dir/r.txt"
keys Enter
shows "未保存：" "a folder that does not exist: not saved, with the reason"
keys Escape
shows "未保存" "Esc closes the file prompt"
keys F1
shows "按键帮助：受理回执" "F1 lists the receipt's keys"
keys Escape Escape
shows "案件详情 $case1" "Esc goes back to the case"
keys Q
shows "EXIT=0" "Q quits"
stop_app

done_testing
