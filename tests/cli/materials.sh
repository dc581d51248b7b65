#!/bin/sh
# Materials and surveys as the seeds say: a charging point is surveyed on
# site before its plan (002 任务2 "必须现场勘察确定接入条件"); a 安全承诺书 may
# stand for the property document of a charging point (001 附件1 第40行
# "推广安全承诺书代替物业同意书"), never be asked of anyone else (003 附件1
# 第25行); acceptance short of the checklist (容缺受理) only where the profile
# allows it, and such cases are listed.
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/materials.db"
at() { t=$1; shift; YEKUO_NOW=$t run "$YEKUO" "$@"; }
ID=11010519491231002X
n=0
events() { sqlite3 "$YEKUO_DB" 'select count(*) from events' 2>/dev/null || echo ?; }

at 2026-03-02T09:00:00 init --training
is "$rc" 0 "a training database"

new() { # REGION CATEGORY CAPACITY UNIT [options]
	r=$1 cat=$2 cap=$3 unit=$4 n=$((n + 1)); shift 4
	at 2026-03-02T09:00:00 case new --region "$r" --category "$cat" --name "某单位$n" \
		--id-type resident-id --id $ID --phone 13912345678 --address "某地$n号" \
		--capacity "$cap" --unit "$unit" "$@"
}

# --- a charging point in Ningxia: the safety pledge, then the survey before the plan -----
new ningxia lv-charging 20 kW --materials id,safety-pledge
is "$rc" 0 "a Ningxia charging point opens with its ID and a safety pledge"
ch=$out
at 2026-03-02T10:00:00 case event "$ch" done accept
is "$rc" 0 "its acceptance is complete: the pledge stands for the property document (001 row 40)"
at 2026-03-02T10:00:00 case show "$ch"
contains "$out" "安全承诺书" "case show names the pledge among the materials"
before=$(events)
at 2026-03-03T10:00:00 case event "$ch" done plan
is "$rc" 4 "its plan without a recorded survey is refused"
contains "$err" "充电设施用电必须现场勘察确定接入条件（002 任务2）：请先记录现场勘察 (case event CASE survey)" \
	"saying the survey comes first, and how to record it"
is "$(events)" "$before" "nothing was stored"
at 2026-03-03T10:00:00 case event "$ch" survey --notes "小区地下车库，表位充足"
is "$rc" 0 "the survey is recorded as an event"
at 2026-03-03T11:00:00 case event "$ch" survey
is "$rc" 4 "a second survey is refused"
contains "$err" "本案已记录现场勘察 (2026-03-03)" "naming the first"
at 2026-03-04T10:00:00 case event "$ch" done plan
is "$rc" 0 "after the survey the plan is answered"
at 2026-03-04T10:00:00 case event "$ch" survey
is "$rc" 4 "no survey after the plan"
at 2026-03-04T10:00:00 case show "$ch" --format tsv
contains "$out" "surveyed	2026-03-03" "case show gives the survey's date"
contains "$out" "	survey	2026-03-03	notes=小区地下车库，表位充足" "and the survey event in the log"

# --- the pledge is only a charging point's ---------------------------------------------------
new national lv-sanling 30 kW --materials id,safety-pledge
is "$rc" 2 "a safety pledge asked of a 三零 shop is refused"
contains "$err" "'safety-pledge' 不在本环节申请资料清单内（不得要求清单以外的资料）" \
	"it is not on its checklist (003 row 25)"

# --- 容缺受理: refused where the profile does not allow it ----------------------------------------
new national lv-sanling 30 kW --materials id
is "$rc" 0 "a 三零 case opens with its ID only"
short=$out
before=$(events)
at 2026-03-02T10:00:00 case event "$short" done accept
is "$rc" 4 "its acceptance with the property document missing is refused (national-2025: no 容缺)"
contains "$err" "受理资料不全（缺：用电地址物业权属证明）；本案适用的规则不允许容缺受理" \
	"naming what is missing and why"
is "$(events)" "$before" "nothing was stored"
new national hv-single 630 kVA --kv 10 --materials id,property
hv=$out
at 2026-03-02T10:00:00 case event "$hv" done accept
contains "$err" "缺：用电工程项目批准文件" "an HV case misses its project approval (003 row 24)"
at 2026-03-02T10:00:00 case event "$short" materials accept --items property
at 2026-03-02T10:00:00 case event "$short" done accept
is "$rc" 0 "with the checklist complete, acceptance goes through"

# --- where a profile allows it, it is allowed and listed ----------------------------------------
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
cat >"$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" <<'RULES'
profile beijing-2026
region beijing BJ 北京
source test profile
effective 2026-01-01
incomplete-acceptance 某市容缺受理办法（测试）第3条
category lv-sanling
	stage accept+plan -
	stage energise -
	whole 5 15
	whole-from appointment
	scope-max any 160
RULES
at 2026-03-02T09:00:00 rules show beijing-2026
contains "$out" "incomplete-acceptance	某市容缺受理办法（测试）第3条" "rules show names the basis"
new beijing lv-sanling 30 kW --materials id
bj=$out
at 2026-03-02T10:00:00 case event "$bj" done accept
is "$rc" 0 "in a region whose profile allows 容缺受理, acceptance with a document missing goes through"
at 2026-03-02T10:00:00 case list --incomplete --format tsv
is "$(printf '%s\n' "$out" | cut -f1)" "$bj" "case list --incomplete lists it, and only it"
contains "$out" "	incomplete-1" "one item missing"
at 2026-03-02T10:00:00 case list --incomplete
contains "$out" "容缺1项" "… in words too"
at 2026-03-02T10:00:00 case show "$bj"
contains "$out" "容缺受理" "case show says it was accepted short"
at 2026-03-03T10:00:00 case event "$bj" materials accept --items property
at 2026-03-03T10:00:00 case list --incomplete --format tsv
is "$out" "" "once the document is in, it leaves the list"

at 2026-03-04T10:00:00 verify
is "$rc" 0 "every case verifies and replays (survey events through the codec)"

done_testing
