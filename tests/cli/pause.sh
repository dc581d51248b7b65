#!/bin/sh
# Pauses as the seeds see them: each suspension carries its legal basis, and
# the timeliness report gives the on-time rate both with every recorded
# pause and with only the pauses the seeds exempt — 不可抗力 alone (003
# 附件2-2 row 6: "除不可抗力外"). Figures worked out by hand (March 2026 has no
# holiday).
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/pause.db"
at() { d=$1; shift; YEKUO_NOW=${d}T10:00:00 run "$YEKUO" "$@"; }
new() { # new DATE NAME
	at "$1" case new --region national --category lv-other --name "$2" --id-type resident-id \
		--id 11010519491231002X --phone 13912345678 --address "$2地址" --capacity 50 --unit kW
}
ev() { d=$1; shift; at "$d" case event "$@"; [ "$rc" -eq 0 ] || echo "# fixture: $* failed: $err"; }
line() { printf '%s\n' "$1" | grep -F -- "$2" | head -1 | tr -d '\r'; }

at 2026-03-02 init --training --office A
# P: accepted 03-03 (1 WD, limit 1). Plan (limit 3) from 03-03, paused for
#    the customer 03-04 → 03-09 (Thu, Fri, Mon removed), replied 03-10:
#    (03-03, 03-10] = 5 WD, 2 counted with the pause → on time; 5 without → late.
new 2026-03-02 "甲商店"
P=$out
ev 2026-03-03 "$P" done accept
ev 2026-03-04 "$P" suspend --reason customer --note "客户要求暂缓"
ev 2026-03-09 "$P" resume
ev 2026-03-10 "$P" done plan
# Q: accepted 03-02 (0 WD). Plan from 03-02, paused by force majeure 03-03 →
#    03-06 (Wed, Thu, Fri removed), replied 03-09: (03-02, 03-09] = 5 WD, 2
#    counted either way → on time in both views.
new 2026-03-02 "乙商店"
Q=$out
ev 2026-03-02 "$Q" done accept
ev 2026-03-03 "$Q" suspend --reason force-majeure --note "暴雨"
ev 2026-03-06 "$Q" resume
ev 2026-03-09 "$Q" done plan

at 2026-03-31 case show "$P" --format tsv
contains "$out" "suspension-basis	counted 无条文豁免（本单位口径：客户原因不计时）" "a customer pause: not exempt by any clause"
at 2026-03-31 case show "$Q" --format tsv
contains "$out" "suspension-basis	exempt 003 附件2-2 第6行：除不可抗力外" "force majeure: exempt, citing 003 附件2-2"
at 2026-03-31 case show "$Q"
contains "$out" "停表依据" "case show names the basis"

at 2026-03-31 report timeliness --from 2026-03-01 --to 2026-03-31 --format csv --encoding utf-8
is "$rc" 0 "the timeliness report runs"
pause=$(printf '%s\n' "$out" | sed -n '/^停表口径对比/,$p')
is "$(line "$pause" "业务受理")" "低压非居民,业务受理,2,2,100.0,2,100.0" "acceptance: on time in both views"
is "$(line "$pause" "供电方案答复")" "低压非居民,供电方案答复,2,2,100.0,1,50.0" \
	"plan: 2 of 2 on time with every pause, 1 of 2 with only force majeure"
# the usual table is unchanged: every recorded pause stops the clock
is "$(line "$out" "低压非居民,供电方案答复")" "低压非居民,供电方案答复,3,2,2.0,2,100.0,0" "the main table counts every pause"
# without a pause the seeds do not exempt, the two views are one
at 2026-03-31 report timeliness --from 2026-03-01 --to 2026-03-31 --region tianjin --format csv --encoding utf-8
is "$(printf '%s\n' "$out" | grep -c "^停表口径对比")" 0 "no comparison table when the views cannot differ"
done_testing
