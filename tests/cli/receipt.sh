#!/bin/sh
# The receipt fits its documented 72 columns (display width, a Chinese
# character two) on every line, for every region and category and at every
# stage a case passes through — opened, each step done, suspended, energised
# — with a long name and address that must wrap, never be cut; and no step
# name is cut. docs/reports.md (The receipt); RECEIPT_COLS in receipt.c.
. "$top_srcdir/tests/lib.sh"

export YEKUO_DB="$TEST_HOME/receipt.db"
run "$YEKUO" init --training --office A
# widest: the widest line of the text on stdin, in columns (East Asian
# wide and fullwidth characters count two), and that line
widest() {
	python3 -c '
import sys, unicodedata
w = lambda l: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
lines = sys.stdin.read().split("\n")
best = max(lines, key=w)
print(w(best), best)'
}
# the words of a step name that must appear whole (the rule files' names)
NAME="天津市滨海新区𠀀某某新材料科技股份有限公司第一分公司（筹）ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ADDR="天津市滨海新区经济技术开发区第十一大街某工业园区三号厂房东侧二层201室至209室及附属配电房（临时施工用电转正式用电）"
worst=0 worst_line="" receipts=0 cut=""
check() { # check CASE WHEN: one receipt's widest line; names not cut
	YEKUO_NOW=$2T10:00:00 run "$YEKUO" case receipt "$1"
	[ "$rc" -eq 0 ] || { echo "# receipt of $1 at $2 failed: $err"; return; }
	receipts=$((receipts + 1))
	set -- $(printf '%s\n' "$out" | widest)
	if [ "$1" -gt "$worst" ]; then
		worst=$1
		shift
		worst_line="$*"
	fi
	case "$out" in *…*) cut="$cut $1" ;; esac
}
ev() { YEKUO_NOW=$1T10:00:00 run "$YEKUO" case event "$2" "$3" "$4" ${5:+"$5"} ${6:+"$6"}; }
for region in national tianjin guizhou ningxia; do
	for cat in lv-resident lv-sanling lv-charging lv-other hv-single hv-dual; do
		case $cat in
		hv-*) unit=kVA cap=800 id="--id-type uscc --id 91350100M000100Y43" ;;
		*) unit=kW cap=60 id="--id-type resident-id --id 11010519491231002X" ;;
		esac
		ext=""
		[ "$cat" = lv-sanling ] && ext=--external-works
		# shellcheck disable=SC2086
		YEKUO_NOW=2026-04-13T10:00:00 run "$YEKUO" case new --region $region --category $cat \
			--name "$NAME" $id --phone 13912345678 --address "$ADDR" --capacity $cap --unit $unit \
			--appointment 2026-04-13 --again "每类回执各开一件" $ext
		# a profile without the category (charging points outside Ningxia) refuses it
		[ "$rc" -eq 0 ] || continue
		C=$out
		check "$C" 2026-04-13
		ev 2026-04-14 "$C" done accept
		check "$C" 2026-04-14
		ev 2026-04-15 "$C" suspend --reason customer --note "客户要求暂缓"
		check "$C" 2026-04-15
		ev 2026-04-16 "$C" resume
		ev 2026-04-17 "$C" done plan
		check "$C" 2026-04-17
		for st in design midcheck final; do
			ev 2026-04-20 "$C" start $st
			check "$C" 2026-04-20
			ev 2026-04-21 "$C" done $st --result pass
		done
		check "$C" 2026-04-21
		ev 2026-04-22 "$C" done energise --meter-no 3000000001
		check "$C" 2026-04-22
	done
done
[ "$receipts" -ge 180 ]
ok $? "receipts of 4 regions x their categories at every stage were made: $receipts"
[ "$worst" -le 72 ]
ok $? "no line of any of them is wider than 72 columns: the widest is $worst: $worst_line"
is "$cut" "" "no receipt cuts anything with an ellipsis"
YEKUO_NOW=2026-04-13T10:00:00 run "$YEKUO" case receipt TJ-2026-A-00002
contains "$out" "  受理签约（业务受理并答复供电方案）" "the long step name of Tianjin's 三零 is whole on its own line"
# the long name wraps: its tail is on the next line, under the value column
contains "$out" "$(printf '            ')" "a long value goes on under itself"
flat=$(printf '%s\n' "$out" | sed -n '/^客户名称/,/^证件号码/p' | sed 's/^客户名称  ：//; /^证件号码/d; s/^ *//' | tr -d '\n')
is "$flat" "$NAME" "the whole name is there, wrapped, nothing lost"
flat=$(printf '%s\n' "$out" | sed -n '/^用电地址/,/^用户类别/p' | sed 's/^用电地址  ：//; /^用户类别/d; s/^ *//' | tr -d '\n')
is "$flat" "$ADDR" "the whole address too"

done_testing
