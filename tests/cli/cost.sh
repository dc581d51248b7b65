#!/bin/sh
# Connection cost (003 附件1 rows 33-38, 投资界面延伸): what the customer paid
# and what the grid invested to the property line, as a cost event. A
# resident or 三零 case invests nothing (row 38: 确保做到办电“零投资”): a
# customer payment there is refused, not stored (docs/policy.md). The
# benefit report (003 附件3) takes the grid's investment as the investment
# saved and adds both sides of the line. Figures worked out by hand below.
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/cost.db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
isnt0() { [ "$1" -ne 0 ]; ok $? "$2"; }
new() { # new DATE CATEGORY NAME CAPACITY
	at "$1" case new --region national --category "$2" --name "$3" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "$3地址" --capacity "$4" --unit kW \
		--appointment "$1"
}
field() { printf '%s\n' "$1" | awk -F '\t' -v k="$2" '$1 == k {print $2}'; }
line() { printf '%s\n' "$1" | grep -F -- "$2" | head -1 | tr -d '\r'; }

at 2026-03-02 init --training --office A
new 2026-03-02 lv-sanling "三零商店" 30
S=$out
new 2026-03-02 lv-resident "居民甲" 8
R=$out
new 2026-03-02 lv-other "非三零商店" 200
O=$out
new 2026-03-02 lv-resident "居民乙" 8
W=$out

# --- refusals -------------------------------------------------------------------------
at 2026-03-03 case event "$S" cost --customer-paid 0.5 --grid-invested 1.2
isnt0 "$rc" "a customer payment on a 三零 case is refused"
contains "$err" "办电“零投资”（003 附件1 第38行）" "citing the clause"
contains "$err" "customer-paid" "naming the field"
at 2026-03-03 case event "$R" cost --customer-paid 0.1 --grid-invested 0.35
isnt0 "$rc" "and on a resident's case"
contains "$err" "居民用户办电“零投资”" "saying whose"
at 2026-03-03 case show "$S" --format tsv
is "$(field "$out" cost)" "" "nothing of the refused payment was stored"
at 2026-03-03 case event "$O" cost --customer-paid -1 --grid-invested 0
isnt0 "$rc" "a negative amount is refused"
at 2026-03-03 case event "$O" cost --customer-paid 2
isnt0 "$rc" "a cost record without the grid's investment is refused"
contains "$err" "grid-invested" "naming the missing field"
at 2026-03-03 case event "$W" withdraw --reason "客户放弃"
at 2026-03-04 case event "$W" cost --customer-paid 0 --grid-invested 0.2
is "$rc" 4 "no cost on a withdrawn case"

# --- recorded --------------------------------------------------------------------------
at 2026-03-03 case event "$S" cost --customer-paid 0 --grid-invested 1.2
is "$rc" 0 "三零: paid 0, the grid 1.2 万元"
at 2026-03-03 case event "$O" cost --customer-paid 2 --grid-invested 0.5
is "$rc" 0 "outside 三零 the customer may pay: 2 万元, the grid 0.5"
at 2026-03-03 case show "$S" --format tsv
is "$(field "$out" cost)" "0 1.2" "case show: both amounts"
at 2026-03-03 case show "$S"
contains "$out" "客户承担 0 万元；电网投资 1.2 万元" "in Chinese"
for c in "$S" "$R" "$O"; do
	at 2026-03-02 case event "$c" done accept
	at 2026-03-03 case event "$c" done plan
	at 2026-03-04 case event "$c" done energise --meter-no 3000000001
done
# after energising: the resident's cost, and a revised figure for S
at 2026-03-05 case event "$R" cost --customer-paid 0 --grid-invested 0.35
is "$rc" 0 "a cost may be recorded after energising"
at 2026-03-05 case event "$S" cost --customer-paid 0 --grid-invested 1.25 --note "决算"
is "$rc" 0 "a later record replaces the estimate"

# --- the benefit report (003 附件3), March ----------------------------------------------------
at 2026-03-31 report benefit --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$rc" 0 "the benefit report runs"
# columns: 居民, ≤160 kW 企业 (三零), 其他, 三省, 合计; O (lv-other) is outside the table
is "$(line "$out" "受益户数")" "受益户数（户）,1,1,0,0,2" "R and S benefit"
is "$(line "$out" "节省投资（万元）")" "节省投资（万元）,0.35,1.25,0,0,1.6" \
	"the investment saved is the grid's investment to the property line: 0.35 + 1.25"
is "$(line "$out" "已登记费用户数")" "已登记费用户数（户）,1,1,0,0,2" "投资界面: two cases with a cost"
is "$(line "$out" "客户承担费用")" "客户承担费用（万元）,0,0,0,0,0" "the customers paid nothing"
is "$(line "$out" "电网投资至红线")" "电网投资至红线（万元）,0.35,1.25,0,0,1.6" "the grid invested 1.6 万元"

at 2026-03-31 verify
is "$rc" 0 "the database verifies with cost events"
done_testing
