#!/bin/sh
# 回访 and 服务评价 (003 附件1 row 22, 004 附件2 row 28: 服务线上评价): after
# energising a case is followed up within a number of working days set by
# its profile ('follow-up' in the rule file; the seeds set none, so the
# default of 5 applies: docs/rules-format.md); each call is recorded with
# its outcome and, when the customer was reached, a 1-5 score; overdue
# follow-ups are listed; the timeliness report sums the scores. Every figure
# is worked out by hand below (March 2026 has no holiday; 03-02 a Monday).
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/followup.db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
isnt0() { [ "$1" -ne 0 ]; ok $? "$2"; }
new() { # new DATE NAME
	at "$1" case new --region national --category lv-other --name "$2" --id-type uscc \
		--id 91350100M000100Y43 --phone 13912345678 --address "$2地址" --capacity 50 --unit kW \
		--appointment "$1"
}
energise() { # energise CASE DATE
	at 2026-03-02 case event "$1" done accept
	at 2026-03-03 case event "$1" done plan
	at "$2" case event "$1" done energise --meter-no 3000000001
}
clock() { printf '%s\n' "$1" | awk -F '\t' -v c="$2" '$1 == "clock" && $2 == c {print $3, $4, $5, $6, $7, $8, $9}'; }
line() { printf '%s\n' "$1" | grep -F -- "$2" | head -1 | tr -d '\r'; }

at 2026-03-02 init --training --office A
new 2026-03-02 "甲商店"
A=$out
new 2026-03-02 "乙商店"
B=$out
new 2026-03-02 "丙商店"
D=$out

at 2026-03-03 case event "$A" follow-up --outcome reached --score 5
is "$rc" 4 "a follow-up before energising is refused (the state forbids it)"
contains "$err" "尚未装表接电" "saying why"

# A energised Wed 03-04: follow-up due 5 WD later = Wed 03-11 (Thu, Fri, Mon, Tue, Wed)
energise "$A" 2026-03-04
# B and D energised Thu 03-05: due Thu 03-12
energise "$B" 2026-03-05
energise "$D" 2026-03-05

at 2026-03-10 case show "$A" --format tsv
is "$(clock "$out" follow-up)" "5 2026-03-04 2026-03-11 - 4 1 warning" "03-10: 4 of 5 WD used, 1 left"
at 2026-03-10 case list --follow-up --format tsv
is "$(printf '%s\n' "$out" | cut -f1,5,6,7 | tr '\n' ' ')" "$A	2026-03-11	1	warning $B	2026-03-12	2	on-track $D	2026-03-12	2	on-track " \
	"case list --follow-up: the energised cases, most urgent first, by their follow-up"

# --- refusals -----------------------------------------------------------------------
at 2026-03-10 case event "$A" follow-up --outcome reached
isnt0 "$rc" "a call that reached the customer needs a score"
contains "$err" "score" "naming the field"
at 2026-03-10 case event "$A" follow-up --outcome reached --score 6
isnt0 "$rc" "a score above 5 is refused"
contains "$err" "1 到 5" "saying the range"
at 2026-03-10 case event "$A" follow-up --outcome unreachable --score 3
isnt0 "$rc" "a score without reaching the customer is refused"
at 2026-03-10 case event "$A" follow-up --outcome maybe
isnt0 "$rc" "an unknown outcome is refused"
contains "$err" "reached, unreachable, declined" "listing the outcomes"
at 2026-03-10 case event "$A" follow-up --outcome reached --score 4 --date 2026-03-03 --late-reason "补录"
isnt0 "$rc" "a call dated before the energising is refused"

# Thu 03-12: A has used 6 of 5: overdue by 1; an unanswered call leaves it due
at 2026-03-12 case event "$A" follow-up --outcome unreachable --note "无人接听"
is "$rc" 0 "an unanswered call is recorded"
at 2026-03-12 case list --follow-up --overdue --format tsv
is "$(printf '%s\n' "$out" | cut -f1,5,6,7)" "$A	2026-03-11	-1	overdue" "03-12: A's follow-up overdue by 1, still listed"
at 2026-03-12 case list --follow-up
contains "$(printf '%s\n' "$out" | grep -F "$A")" "超期" "the text list says 超期"
# Fri 03-13: reached, 4 points: done 2 WD late
at 2026-03-13 case event "$A" follow-up --outcome reached --score 4 --note "基本满意"
is "$rc" 0 "A reached on 03-13, score 4"
at 2026-03-13 case show "$A" --format tsv
is "$(clock "$out" follow-up)" "5 2026-03-04 2026-03-11 2026-03-13 7 -2 done-late" "A's follow-up done 2 WD late"
contains "$out" "follow-up	reached 2026-03-13 4 calls 2" "the outcome, score and calls on the case"
at 2026-03-13 case show "$A"
contains "$out" "已回访 2026-03-13，满意度 4 分（共回访 2 次）" "case show says it in Chinese"
at 2026-03-13 case event "$A" follow-up --outcome reached --score 5
is "$rc" 4 "a second completed follow-up is refused"
contains "$err" "已于 2026-03-13 完成回访" "saying when it was done"
# B reached on Fri 03-06, score 5: on time
at 2026-03-06 case event "$B" follow-up --outcome reached --score 5
is "$rc" 0 "B reached on 03-06, score 5"
at 2026-03-13 case list --follow-up --format tsv
is "$(printf '%s\n' "$out" | cut -f1,6,7)" "$D	-1	overdue" "03-13: only D is left, overdue by 1"

# --- the timeliness report: energised in March ------------------------------------------
at 2026-03-31 report timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$rc" 0 "the timeliness report runs"
# 3 energised; A and B followed up, B on time; D overdue; scores 4 and 5:
# average 4.50, both 4 or 5 → 100.0 % satisfied
is "$(line "$(printf '%s\n' "$out" | sed -n '/^回访与服务评价/,/^超期清单/p')" "低压非居民")" \
	"低压非居民,3,2,1,1,2,4.50,100.0,1,1,0,0,0" "回访与服务评价: 3 energised, 2 followed up, 1 on time, 1 overdue, avg 4.50"

# --- the period comes from the rule file --------------------------------------------------
at 2026-03-13 rules show national-2025
contains "$out" "follow-up	5	默认值：各文件未规定回访期限" "rules show: no seed sets a period, the default 5 says so"
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
sed 's/^effective 2025-07-01$/effective 2025-07-01\nfollow-up 3 测试：本局规定接电后三个工作日内回访/' \
	"$top_srcdir/data/rules/national-2025.rules" > "$XDG_DATA_HOME/yekuo/rules/national-2025.rules"
at 2026-03-13 case show "$D" --format tsv
# D energised Thu 03-05 + 3 WD = Tue 03-10
is "$(clock "$out" follow-up)" "3 2026-03-05 2026-03-10 - 6 -3 overdue" "a profile's follow-up 3 moves D's due date to 03-10"
at 2026-03-13 rules show national-2025
contains "$out" "follow-up	3	测试：本局规定接电后三个工作日内回访" "rules show: the period and its clause"
sed -i 's/^follow-up 3 .*/follow-up 0 零日/' "$XDG_DATA_HOME/yekuo/rules/national-2025.rules"
at 2026-03-13 rules list
isnt0 "$rc" "a follow-up period of 0 days is refused"
contains "$err" "follow-up" "naming the keyword"
rm -r "$XDG_DATA_HOME/yekuo/rules"

at 2026-03-31 verify
is "$rc" 0 "the database verifies with follow-up events"
done_testing
