#!/bin/sh
# Province / city / county (003 附件2 counts indicators by 省/地市/县): each
# database's settings carry its administrative division (GB/T 2260), every
# case carries the division it was opened in as a field of its opening
# event — so it syncs — and the timeliness and filing reports group by
# province, city or county. Two county offices of 贵阳市 and one of 遵义市
# send their bundles to the city, which gets the table by county.
#
# Hand-computed: guizhou-2025 lv-other 业务受理 1 WD (001 附件1 第3行 via
# 000 附件2). Every case applied Mon 2026-03-02; March 2026 has no holiday.
#   南明区 520102: N1 accepted Tue 03-03 (1 WD, on time), N2 Thu 03-05
#                  (3 WD, late) → done 2, on time 1, 50.0 %
#   花溪区 520111: H1 accepted Tue 03-03 → 1, 1, 100.0 %
#   红花岗区 520302 (遵义市): Z1 accepted Mon 03-02 (0 WD) → 1, 1, 100.0 %
# By city: 贵阳市 520100 3, 2, 66.7 %; 遵义市 520300 1, 1, 100.0 %.
# By province: 贵州省 520000 4, 3, 75.0 %.
. "$top_srcdir/tests/lib.sh"

X=$TEST_HOME
office() { # office DB CODE DIVISION
	YEKUO_DB=$1 YEKUO_NOW=2026-03-02T08:00:00 "$YEKUO" init --training --office "$2" >/dev/null
	YEKUO_DB=$1 "$YEKUO" config set division "$3" >/dev/null
}
lv() { # lv DB NAME: a guizhou lv-other case opened Mon 03-02
	y "$1" 2026-03-02T09:00:00 case new --region guizhou --category lv-other --name "$2" \
		--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
		--address "某路$2" --capacity 50 --unit kW
	case=$out
}
accept() { y "$1" "$3T10:00:00" case event "$2" done accept; }

office "$X/nm.db" NM 520102
office "$X/hx.db" HX 520111
office "$X/zy.db" ZY 520302
office "$X/city.db" GY 520100

lv "$X/nm.db" 甲; N1=$case
is "$rc" 0 "a case is opened in 南明区"
lv "$X/nm.db" 乙; N2=$case
lv "$X/hx.db" 丙; H1=$case
lv "$X/zy.db" 丁; Z1=$case
accept "$X/nm.db" "$N1" 2026-03-03
accept "$X/nm.db" "$N2" 2026-03-05
accept "$X/hx.db" "$H1" 2026-03-03
accept "$X/zy.db" "$Z1" 2026-03-02
is "$rc" 0 "each is accepted"

y "$X/nm.db" 2026-03-06T09:00:00 case show "$N1" --format tsv
contains "$out" "division	520102" "the case carries the division it was opened in"
y "$X/nm.db" 2026-03-06T09:00:00 case show "$N1"
contains "$out" "贵州省 贵阳市 南明区（520102）" "case show names it"
y "$X/nm.db" 2026-03-06T09:00:00 export cases --format csv --encoding utf-8
contains "$out" ",520102," "the case export has the division column"

# the counties' bundles go to the city
for c in nm hx zy; do
	y "$X/$c.db" 2026-03-06T17:00:00 sync export --to "$X/$c.ykb"
	y "$X/city.db" 2026-03-06T18:00:00 sync import "$X/$c.ykb"
	is "$rc" 0 "the city imports $c's bundle"
done
y "$X/city.db" 2026-03-06T18:00:00 case show "$H1" --format tsv
contains "$out" "division	520111" "the division came with the case (it syncs)"

tl() { # tl BY: the timeliness CSV of March by BY, in the city
	y "$X/city.db" 2026-04-01T09:00:00 report timeliness --from 2026-03-01 --to 2026-03-31 \
		--by "$1" --format csv --encoding utf-8
}
row() { printf '%s\n' "$out" | grep -F "$1" | grep -F "业务受理" | head -1 | tr -d '\r'; }

tl county
is "$rc" 0 "report timeliness --by county"
contains "$out" "分组,按县（区）（003 附件2）" "the header says how it is grouped"
contains "$out" "区划代码,行政区划,用户类别,环节" "the table begins with the division"
is "$(row 520102)" "520102,贵州省 贵阳市 南明区,低压非居民,业务受理,1,2,2.0,1,50.0,0" \
	"南明区: 2 accepted, 1 on time, 50.0 %"
is "$(row 520111)" "520111,贵州省 贵阳市 花溪区,低压非居民,业务受理,1,1,1.0,1,100.0,0" \
	"花溪区: 1 accepted on time"
is "$(row 520302)" "520302,贵州省 遵义市 红花岗区,低压非居民,业务受理,1,1,0.0,1,100.0,0" \
	"红花岗区: 1 accepted on time"
tl city
is "$(row 520100)" "520100,贵州省 贵阳市,低压非居民,业务受理,1,3,1.7,2,66.7,0" \
	"by city: 贵阳市 3 accepted, 2 on time, 66.7 %"
is "$(row 520300)" "520300,贵州省 遵义市,低压非居民,业务受理,1,1,0.0,1,100.0,0" \
	"by city: 遵义市 1, 1, 100.0 %"
tl province
is "$(row 520000)" "520000,贵州省,低压非居民,业务受理,1,4,1.3,3,75.0,0" \
	"by province: 贵州省 4, 3, 75.0 %"
y "$X/city.db" 2026-04-01T09:00:00 report timeliness --from 2026-03-01 --to 2026-03-31 \
	--format csv --encoding utf-8
lacks() { case "$1" in *"$2"*) ok 1 "$3" ;; *) ok 0 "$3" ;; esac; }
lacks "$out" "区划代码" "without --by the table is not grouped"

# a case from before divisions (none recorded) is counted apart
y "$X/city.db" 2026-03-02T09:00:00 config set division ""
lv "$X/city.db" 戊
accept "$X/city.db" "$case" 2026-03-03
tl county
contains "$(row 未记录)" ",（未记录行政区划）,低压非居民,业务受理,1,1,1.0,1,100.0,0" \
	"a case without a division is counted under 未记录行政区划"

# the filing list by county
y "$X/city.db" 2026-03-06T09:00:00 case event "$N2" filing --upgrade 配变增容 --why 台区容量不足 \
	--planned 2026-05-29
y "$X/city.db" 2026-04-01T09:00:00 report filing --month 2026-03 --by county --format csv --encoding utf-8
is "$rc" 0 "report filing --by county"
contains "$out" "520102,贵州省 贵阳市 南明区,1,$N2," "the filed case under its county"

# refusals
y "$X/city.db" 2026-04-01T09:00:00 report timeliness --from 2026-03-01 --to 2026-03-31 --by town
is "$rc" 2 "--by town: refused (exit 2)"
contains "$err" "province（省）、city（地市）或 county（县）" "naming the levels"
y "$X/city.db" 2026-04-01T09:00:00 report benefit --from 2026-03-01 --to 2026-03-31 --by county
is "$rc" 2 "--by on the benefit table: refused"
contains "$err" "只用于 report timeliness 和 report filing" "saying where it applies"

done_testing
