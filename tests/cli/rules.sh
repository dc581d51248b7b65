#!/bin/sh
# yekuo rules list|show and yekuo limits: exact tab-separated output for
# several regions, categories and dates, and every kind of bad input
# (exit 2, one message on stderr naming the option).
. "$top_srcdir/tests/lib.sh"

T=$(printf '\t')
# lines L1 L2 …: the lines joined with newlines, for comparing output
lines() { printf '%s\n' "$@"; }

# ---- rules list -------------------------------------------------------------
run "$YEKUO" rules list
is "$rc" 0 "rules list exits 0"
is "$(printf '%s\n' "$out" | cut -f1-4)" "$(lines \
	"guizhou-2025${T}guizhou${T}2025-07-01${T}-" \
	"jining-2020${T}jining${T}2021-01-01${T}2022-12-31" \
	"national-2021${T}national${T}2021-01-01${T}2025-06-30" \
	"national-2025${T}national${T}2025-07-01${T}-" \
	"ningxia-2025${T}ningxia${T}2025-07-01${T}-" \
	"tianjin-2025${T}tianjin${T}2025-07-01${T}-")" \
	"rules list: id, region, from, to"
contains "$out" "national-2021${T}national${T}2021-01-01${T}2025-06-30${T}国能综通监管〔2021〕37号" \
	"rules list: fifth column is the source"
run "$YEKUO" rules list extra
is "$rc" 2 "rules list with an argument exits 2"

# ---- rules show -------------------------------------------------------------
run "$YEKUO" rules show jining-2020 --category hv-dual
is "$rc" 0 "rules show jining-2020 --category hv-dual exits 0"
is "$(printf '%s\n' "$out" | sed -n '1,4p')" "$(lines \
	"profile${T}jining-2020" "region${T}jining" "effective${T}2021-01-01" "until${T}2022-12-31")" \
	"rules show: header"
is "$(printf '%s\n' "$out" | sed -n '/^category/,$p')" "$(lines \
	"category${T}hv-dual${T}10千伏双电源" \
	"${T}when${T}kV < 35" \
	"${T}step${T}accept+plan${T}8${T}业务受理并答复供电方案" \
	"${T}step${T}design${T}3${T}设计审查" \
	"${T}step${T}midcheck${T}2${T}中间检查" \
	"${T}step${T}final+energise${T}5${T}验收送电" \
	"${T}total${T}18" \
	"${T}whole${T}-" \
	"${T}approval${T}-" \
	"${T}survey${T}-" \
	"category${T}hv-dual${T}35千伏及以上双电源" \
	"${T}when${T}kV >= 35" \
	"${T}step${T}accept+plan${T}21${T}业务受理并答复供电方案" \
	"${T}step${T}design${T}3${T}设计审查" \
	"${T}step${T}midcheck${T}2${T}中间检查" \
	"${T}step${T}final+energise${T}6${T}验收送电" \
	"${T}total${T}32" \
	"${T}whole${T}-" \
	"${T}approval${T}-" \
	"${T}survey${T}-")" \
	"rules show: jining hv-dual variants, conditions, merged steps"

run "$YEKUO" rules show guizhou-2025
is "$rc" 0 "rules show guizhou-2025 exits 0"
contains "$out" "filing-due${T}25${T}每月25号前" "guizhou: filing due by the 25th"
contains "$out" "filing-to${T}国家能源局贵州监管办公室" "guizhou: filing recipients"
contains "$out" "${T}whole${T}5${T}15${T}from appointment" "guizhou: 5/15 whole process from appointment"
is "$(printf '%s\n' "$out" | grep -c '^category')" 5 "guizhou: five categories"

run "$YEKUO" rules show national-2021 --category lv-sanling
contains "$out" "${T}when${T}applied <= 2021-12-31" "national-2021 三零: 2021 block"
contains "$out" "${T}when${T}applied 2022-01-01..2022-12-31" "national-2021 三零: 2022 block"
contains "$out" "${T}when${T}applied >= 2023-01-01" "national-2021 三零: 2023 block"
contains "$out" "${T}whole${T}25${T}25${T}from application" "national-2021 三零: 25 from application"

run "$YEKUO" rules show ningxia-2025 --category lv-charging
contains "$out" "${T}survey${T}required" "ningxia charging: survey required"
contains "$out" "${T}approval${T}3" "ningxia charging: approval 3"

run "$YEKUO" rules show tianjin-2025 --category lv-charging
is "$rc" 1 "rules show: a category the profile lacks exits 1"
contains "$err" "tianjin-2025 没有 lv-charging 的时限" "… and says so"
run "$YEKUO" rules show beijing-2025
is "$rc" 3 "rules show: unknown profile exits 3 (not found)"
contains "$err" "规则 'beijing-2025'" "… naming it"
run "$YEKUO" rules show national-2025 --category lv-big
is "$rc" 2 "rules show: unknown category exits 2"
contains "$err" "--category 'lv-big'" "… naming the option"
run "$YEKUO" rules show
is "$rc" 2 "rules show without a profile exits 2"
run "$YEKUO" rules frob
is "$rc" 2 "unknown rules command exits 2"

# ---- limits: answers --------------------------------------------------------
# limits_is DESCRIPTION EXPECTED-LINES… -- ARGS…
limits_is() {
	desc=$1
	shift
	want=
	while [ "$1" != -- ]; do
		want="$want$1
"
		shift
	done
	shift
	run "$YEKUO" limits "$@"
	is "$rc $out
" "0 $want" "$desc"
}

limits_is "national the day before 624号: national-2021 lv-other" \
	"profile${T}national-2021" "accept${T}1" "plan${T}3" "energise${T}2" "total${T}6" -- \
	--region national --category lv-other --date 2025-06-30
limits_is "national on 2025-07-01: national-2025 lv-resident, 5 without external works" \
	"profile${T}national-2025" "accept+plan${T}-" "energise${T}-" "total${T}5" -- \
	--region national --category lv-resident --date 2025-07-01
limits_is "national-2025 lv-sanling with external works: 15" \
	"profile${T}national-2025" "accept+plan${T}-" "energise${T}-" "total${T}15" -- \
	--region national --category lv-sanling --date 2026-02-12 --external-works
limits_is "national-2021 三零 applied 2021: 25" \
	"profile${T}national-2021" "accept+plan${T}-" "energise${T}-" "total${T}25" -- \
	--region national --category lv-sanling --date 2021-12-31
limits_is "national-2021 三零 applied 2022: 20" \
	"profile${T}national-2021" "accept+plan${T}-" "energise${T}-" "total${T}20" -- \
	--region national --category lv-sanling --date 2022-01-01
limits_is "national-2021 三零 applied 2023, external works or not: 15" \
	"profile${T}national-2021" "accept+plan${T}-" "energise${T}-" "total${T}15" -- \
	--region national --category lv-sanling --date 2023-01-01 --external-works
limits_is "national-2021 hv-single at 10 kV" \
	"profile${T}national-2021" "accept${T}1" "plan${T}10" "design${T}3" "midcheck${T}2" \
	"final${T}3" "energise${T}3" "total${T}22" -- \
	--region national --category hv-single --date 2024-03-01 --kv 10
limits_is "tianjin hv-dual (= 2025 wording form --opt=value)" \
	"profile${T}tianjin-2025" "accept${T}1" "plan${T}20" "design${T}3" "midcheck${T}2" \
	"final${T}3" "energise${T}3" "total${T}32" -- \
	--region=tianjin --category=hv-dual --date=2026-02-12
limits_is "tianjin before its plan falls back to national-2021" \
	"profile${T}national-2021" "accept${T}1" "plan${T}3" "energise${T}2" "total${T}6" -- \
	--region tianjin --category lv-other --date 2025-06-01
limits_is "guizhou hv-single at 110 kV follows 10 kV" \
	"profile${T}guizhou-2025" "accept${T}1" "plan${T}10" "design${T}3" "midcheck${T}2" \
	"final${T}3" "energise${T}3" "total${T}22" -- \
	--region guizhou --category hv-single --date 2025-12-01 --kv 110 --capacity 20000
limits_is "ningxia lv-charging 1/3/2" \
	"profile${T}ningxia-2025" "accept${T}1" "plan${T}3" "energise${T}2" "total${T}6" -- \
	--region ningxia --category lv-charging --date 2025-09-01 --capacity 60
limits_is "jining LV resident 1+1" \
	"profile${T}jining-2020" "accept+plan${T}1" "energise${T}1" "total${T}2" -- \
	--region jining --category lv-resident --date 2021-05-01
limits_is "jining 10 kV single at 1250 kVA: 2+5" \
	"profile${T}jining-2020" "accept+plan${T}2" "final+energise${T}5" "total${T}7" -- \
	--region jining --category hv-single --date 2021-05-01 --capacity 1250 --kv 10
limits_is "jining 10 kV single above 1250 kVA: 6+5" \
	"profile${T}jining-2020" "accept+plan${T}6" "final+energise${T}5" "total${T}11" -- \
	--region jining --category hv-single --date 2021-05-01 --capacity 1250.5 --kv 10
limits_is "jining 35 kV single: 11/3/2/6 (no capacity needed)" \
	"profile${T}jining-2020" "accept+plan${T}11" "design${T}3" "midcheck${T}2" \
	"final+energise${T}6" "total${T}22" -- \
	--region jining --category hv-single --date 2022-12-31 --kv 35
limits_is "jining 10 kV dual: 8/3/2/5" \
	"profile${T}jining-2020" "accept+plan${T}8" "design${T}3" "midcheck${T}2" \
	"final+energise${T}5" "total${T}18" -- \
	--region jining --category hv-dual --date 2021-05-01 --kv 10
limits_is "jining after its plan: national-2021" \
	"profile${T}national-2021" "accept+plan${T}-" "energise${T}-" "total${T}15" -- \
	--region jining --category lv-sanling --date 2023-03-01

# ---- limits: no answer (exit 1) ----------------------------------------------
run "$YEKUO" limits --region tianjin --category lv-charging --date 2026-01-05
is "$rc" 1 "tianjin has no lv-charging: exit 1"
contains "$err" "tianjin-2025 没有 lv-charging 的时限" "… and says so"
run "$YEKUO" limits --region national --category lv-other --date 2020-06-01
is "$rc" 1 "no profile in force in 2020: exit 1"
contains "$err" "2020-06-01" "… naming the date"

# ---- limits: bad input (exit 2, message names the option) -------------------------
# bad DESCRIPTION NEEDLE ARGS…
bad() {
	desc=$1
	needle=$2
	shift 2
	run "$YEKUO" limits "$@"
	if [ "$rc" = 2 ] && [ -z "$out" ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]; then
		contains "$err" "$needle" "$desc"
	else
		ok 1 "$desc"
		printf '#   rc=%s out=%s err=%s\n' "$rc" "$out" "$err"
	fi
}

bad "missing --region" "缺少 --region" --category lv-other --date 2026-01-05
bad "unknown region" "--region 'beijing' 不是已知的地区" \
	--region beijing --category lv-other --date 2026-01-05
bad "empty region" "--region 是空的" --region= --category lv-other --date 2026-01-05
bad "region without a value" "--region 后面要写一个值" --category lv-other --date 2026-01-05 --region
bad "missing --category" "缺少 --category" --region national --date 2026-01-05
bad "unknown category" "--category 'lv-big'" --region national --category lv-big --date 2026-01-05
bad "missing --date" "缺少 --date" --region national --category lv-other
bad "date not strict" "--date '2026-1-5'" --region national --category lv-other --date 2026-1-5
bad "date that does not exist" "--date '2026-02-30'" \
	--region national --category lv-other --date 2026-02-30
bad "date with a time" "--date '2026-01-05T10:00'" \
	--region national --category lv-other --date 2026-01-05T10:00
bad "negative capacity" "--capacity '-5'" \
	--region jining --category hv-single --date 2021-05-01 --kv 10 --capacity -5
bad "zero capacity" "--capacity '0'" \
	--region jining --category hv-single --date 2021-05-01 --kv 10 --capacity 0
bad "capacity with a unit" "--capacity '100kVA'" \
	--region jining --category hv-single --date 2021-05-01 --kv 10 --capacity 100kVA
bad "capacity in exponent form" "--capacity '1e3'" \
	--region jining --category hv-single --date 2021-05-01 --kv 10 --capacity 1e3
bad "bad voltage" "--kv 'ten'" --region national --category hv-single --date 2026-01-05 --kv ten
bad "voltage contradicts the category" "--kv 10 与 --category lv-other 不符" \
	--region national --category lv-other --date 2026-01-05 --kv 10
bad "capacity needed for jining 10 kV single" "要写 --capacity" \
	--region jining --category hv-single --date 2021-05-01 --kv 10
bad "voltage needed where the profile splits by it" "要写 --kv" \
	--region national --category hv-single --date 2024-03-01
bad "option given twice" "--date 写了两次" \
	--region national --category lv-other --date 2026-01-05 --date 2026-01-06
bad "unknown option" "未知的参数 '--colour'" \
	--region national --category lv-other --date 2026-01-05 --colour red

# ---- rule files are data -------------------------------------------------------
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
cat >"$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" <<'EOF'
profile beijing-2026
region beijing BJ 北京
source test profile
effective 2026-01-01
category lv-other
	stage accept 1
	stage plan 2
	stage energise 2
	total 5
EOF
limits_is "a user's profile adds a region without a rebuild" \
	"profile${T}beijing-2026" "accept${T}1" "plan${T}2" "energise${T}2" "total${T}5" -- \
	--region beijing --category lv-other --date 2026-01-05
# the same file with a total that disagrees with its stages (line 9)
sed 's/total 5/total 6/' "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules" >"$TEST_HOME/b.rules"
mv "$TEST_HOME/b.rules" "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules"
run "$YEKUO" limits --region national --category lv-other --date 2026-01-05
is "$rc" 6 "a broken rule file stops limits (exit 6, damaged)"
contains "$err" "beijing-2026.rules:9: 合计 total 6 与各环节时限之和 5 不符" \
	"… naming file and line"
run "$YEKUO" rules list
is "$rc" 6 "… and rules list"
rm -f "$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules"

done_testing
