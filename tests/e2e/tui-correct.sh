#!/bin/sh
# The detail screen and the correction form as a customer manager reads
# them: every code in Chinese (region, category, options), the bottom line
# offering only what the case allows now, an event's full text never cut,
# and a coded field corrected by picking its Chinese name.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

training_db 2026-03-02T09:00:00
case1=GZ-2026-A-00001
"$YEKUO" --db "$YEKUO_DB" case new --region guizhou --category hv-single --name 贵州黔南某某水泥有限公司 \
	--id-type uscc --id 91350100M000100Y43 --phone 13800138000 \
	--address 贵州省黔南布依族苗族自治州都匀市经济开发区某某路一百二十八号 \
	--kv 10 --capacity 800 --unit kVA >/dev/null
"$YEKUO" --db "$YEKUO_DB" case list --all --format tsv | grep -q "^$case1" ||
	echo "# the case was not opened"

start_tui --
keys Enter
shows "案件详情 $case1" "Enter opens the case"
# acceptance of an HV case: no inspection to start, nothing to resume, no
# grid-upgrade filing (LV only)
shows "d办理 m收资 z挂起 w撤销 e更正" "the bottom line offers what the case allows now"
lacks "r恢复" "not resuming a case that is not suspended"
lacks "t开始" "not starting a stage the utility itself runs"
lacks "u备案" "not the LV-only grid-upgrade filing on an HV case"
keys r
shows "案件没有挂起" "the key not offered still says why not"
screen_is detail-80x24 "the HV case's detail, whole screen (80x24)"

# the whole event, however long, with when and by whom it was entered
keys Enter
shows "某某路一百二十八号" "Enter shows the event's full text: the address's end"
shows "录入 2026-03-02T09:00:00+08:00" "and when it was entered, the time not split"
shows "地区=贵州" "the region by its name"
lacks "guizhou" "not by its code"

# suspended: resuming is offered, suspending again is not
keys z
shows "挂起日期" "z opens the suspension form"
keys Space
keys F2
shows "已保存：挂起" "the case is suspended"
shows "r恢复" "now resuming is offered"
lacks "z挂起" "and suspending again is not"

# the correction form: the event and the fields by their Chinese names
keys j
sleep 0.3
keys k
keys e
shows "更正 #1" "e on #1 opens the correction form"
shows "高压单电源" "the event to correct is written in Chinese"
lacks "hv-single" "no category code in the correction form"
lacks "uscc" "no ID-type code either"
lacks "（address）" "the fields are named without their codes"
screen_is correct-80x24 "the correction form, whole screen (80x24)"
keys Space Space Space
shows "更正字段*          用户类别" "Space moves to the category"
shows "正确的值*          高压单电源" "whose correct value is picked by its Chinese name"
keys Tab Space
shows "高压双电源" "Space picks the next category"
keys Tab
type_text "受理时类别选错"
keys F2
shows "类别→高压双电源" "the correction is in the log, in Chinese"
keys Q
shows "EXIT=0" "Q quits"
is "$("$YEKUO" --db "$YEKUO_DB" case list --all --format tsv | grep "^$case1" | cut -f3)" "hv-dual" \
	"the case's category is now the one picked"

# 120x36: the same screen, wider
start_tui 120 36 --
keys Enter
shows "案件详情 $case1" "the case at 120x36"
screen_is detail-120x36 "the corrected case's detail, whole screen (120x36)"
keys Q
done_testing
