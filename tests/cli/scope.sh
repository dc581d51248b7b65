#!/bin/sh
# 三零 ceilings are data (rule files' scope-max), by profile, date and area:
# 003 附件1 row 9 (城市 160 kW, 农村 100 kW for 2022 applications under
# national-2021), row 10 (160 kW everywhere from 2023), 004 附件2 row 36
# (Jining's urban pilot, 200 kW, from 2021-07-01). Every expectation below
# is the clause's number against the capacity typed.
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/scope.db"
at() { t=$1; shift; YEKUO_NOW=$t run "$YEKUO" "$@"; }
ID=11010519491231002X
T=$(printf '\t')
n=0

at 2022-05-10T09:00:00 init --training
is "$rc" 0 "a training database"

sanling() { # DATE REGION CAPACITY [options]
	d=$1 r=$2 c=$3 n=$((n + 1)); shift 3
	at "${d}T09:00:00" case new --region "$r" --category lv-sanling --name "某小微企业" \
		--id-type resident-id --id $ID --phone 13912345678 --address "某地$n号" \
		--capacity "$c" --unit kW "$@"
}

# --- national-2021, 2022 applications: 003 附件1 row 9 ---------------------------------
sanling 2022-05-10 national 120 --area rural
is "$rc" 2 "120 kW in a rural area in 2022 is refused (row 9: 农村地区 100 kW)"
contains "$err" "capacity: \"三零\"服务限100千瓦及以下（农村地区，农村地区（003附件1第9行）），本户 120 kW" \
	"naming the field, the ceiling and its clause"
sanling 2022-05-10 national 120
is "$rc" 2 "120 kW without the area is refused: the two areas' ceilings differ"
contains "$err" "area: 本地规则的\"三零\"容量上限城市地区 160 千瓦、农村地区 100 千瓦，本户 120 kW：请填写城乡区域" \
	"asking for the area"
sanling 2022-05-10 national 120 --area town
is "$rc" 2 "an area that is not a code is refused"
contains "$err" "'town' 不是城乡区域代码 (urban, rural)" "listing the codes"
sanling 2022-05-10 national 120 --area urban
is "$rc" 0 "120 kW in an urban area in 2022 opens (row 9: 城市地区 160 kW)"
urban=$out
at 2022-05-10T09:00:00 case show "$urban"
contains "$out" "城乡区域       城市地区" "case show names the area"
at 2022-05-10T09:00:00 case show "$urban" --format tsv
contains "$out" "area	urban" "… as its code in tsv"
sanling 2022-05-10 national 100 --area rural
is "$rc" 0 "100 kW rural in 2022 opens: the ceiling itself is in scope (及以下)"
at 2022-05-10T09:00:00 verify
is "$rc" 0 "the cases verify and replay"

# --- 2023: row 10, 160 kW in both areas ---------------------------------------------------
sanling 2023-03-01 national 150 --area rural --late-reason "补录测试"
is "$rc" 0 "150 kW rural in 2023 opens (row 10: 160 kW everywhere)"
sanling 2023-03-01 national 161 --late-reason "补录测试"
is "$rc" 2 "161 kW in 2023 is refused without asking for the area: both are 160"
contains "$err" "capacity: \"三零\"服务限160千瓦及以下（全国范围（003附件1第10行）），本户 161 kW" \
	"naming the one ceiling"

# --- Jining: 004 附件2 row 36, the urban 200 kW pilot ---------------------------------------
sanling 2021-09-01 jining 180 --area urban --late-reason "补录测试"
is "$rc" 0 "jining 2021-09, 180 kW urban opens (200 kW pilot)"
sanling 2021-09-01 jining 180 --area rural --late-reason "补录测试"
is "$rc" 2 "jining 2021-09, 180 kW rural is refused (全市范围 160 kW)"
contains "$err" "限160千瓦及以下（农村地区，全市范围（004附件2第9行））" "naming the city-wide ceiling"
sanling 2021-09-01 jining 201 --area urban --late-reason "补录测试"
is "$rc" 2 "jining 2021-09, 201 kW urban is above the pilot's 200"

at 2022-05-10T09:00:00 rules show jining-2020 --category lv-sanling
contains "$out" "${T}scope-max${T}urban${T}200${T}城市规划区试点（004附件2第36行）" "rules show lists the pilot"

# --- a ceiling that is malformed stops the rule book, naming file and line ----------------
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
cat >"$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" <<'RULES'
profile beijing-2026
region beijing BJ 北京
source test profile
effective 2026-01-01
category lv-sanling
	stage accept+plan -
	stage energise -
	whole 5 15
	whole-from appointment
	scope-max county 160
RULES
at 2026-03-02T09:00:00 rules list
is "$rc" 6 "rules list refuses a malformed scope-max"
contains "$err" "beijing-2026.rules:10: scope-max 的区域 'county' 不是 urban（城市地区）、rural（农村地区）或 any" \
	"naming the file and the line"
sed -i 's/scope-max county 160/# no ceiling/' "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules"
at 2026-03-02T09:00:00 rules list
is "$rc" 6 "a 三零 block without a ceiling is refused"
contains "$err" "beijing-2026.rules:5: 类别 lv-sanling 没有 'scope-max' 行" "at the category's line"
rm "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules"

done_testing
