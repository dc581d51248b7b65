#!/bin/sh
# `yekuo calendar …` end to end: answers, exit codes (0 ok, 1 "no", 2 bad
# input), the weekends-only warning, and installing a year with `load`.
. "$top_srcdir/tests/lib.sh"

USERCAL="$XDG_DATA_HOME/yekuo/calendar"
WARN27='2027 年的日历没有载入——只按周末计'

# ---- answers -------------------------------------------------------------
# domain §5: Thu 02-12 → 02-13 Fri = 1, 02-14 Sat make-up = 2, 02-24 Tue = 3
run "$YEKUO" calendar add 2026-02-12 3
is "$rc" 0 "add 2026-02-12 3 exits 0"
is "$out" 2026-02-24 "add 2026-02-12 3 = 2026-02-24"
is "$err" "" "no warning inside loaded years"

run "$YEKUO" calendar add 2026-02-12 0
is "$out" 2026-02-12 "add 0 is the start day"
# opened on a holiday: 02-16 is 春节, the first counted day is 02-24
run "$YEKUO" calendar add 2026-02-16 1
is "$out" 2026-02-24 "add 2026-02-16 (春节) 1 = 2026-02-24"
# 2025-12-30 Tue → 12-31 = 1, 01-01..03 元旦, 01-04 Sun make-up = 2, 01-05..07 = 3..5
run "$YEKUO" calendar add 2025-12-30 5
is "$out" 2026-01-07 "add 2025-12-30 5 = 2026-01-07 across the year end"
# 2020: the extended Spring Festival ends 02-02; 01-23 Thu → 02-03 Mon = 1
run "$YEKUO" calendar add 2020-01-23 1
is "$out" 2020-02-03 "add 2020-01-23 1 = 2020-02-03 (春节 extended to 02-02)"

run "$YEKUO" calendar count 2026-02-12 2026-02-24
is "$rc" 0 "count exits 0"
is "$out" 3 "count 2026-02-12..2026-02-24 = 3"
run "$YEKUO" calendar count 2026-02-12 2026-02-12
is "$out" 0 "count of a day to itself is 0"

run "$YEKUO" calendar is-workday 2026-02-14
is "$out" makeup-workday "2026-02-14 (Sat) is a make-up working day"
run "$YEKUO" calendar is-workday 2026-10-08
is "$out" workday "2026-10-08 (Thu, after 国庆节 10-01..07) is a workday"
run "$YEKUO" calendar is-workday 2026-10-07
is "$out" holiday "2026-10-07 is a holiday"
run "$YEKUO" calendar is-workday 2026-03-07
is "$out" weekend "2026-03-07 is a weekend"
run "$YEKUO" calendar is-workday 2020-02-01
is "$out" holiday "2020-02-01 (Sat) is a holiday: the extension replaced the make-up day"
is "$rc" 0 "is-workday exits 0 whatever the answer"

run "$YEKUO" calendar show 2026
is "$rc" 0 "show 2026 exits 0"
is "$(printf '%s\n' "$out" | sed -n 1p)" "# 2026: 国办发明电〔2025〕7号, 2025-11-04" "show 2026 names the notice"
contains "$out" "$(printf '2026-02-14\t六\tmakeup-workday\t春节')" "show 2026 lists 2026-02-14 as a make-up day"
contains "$out" "$(printf '2026-02-23\t一\tholiday\t春节')" "show 2026 lists 2026-02-23 as 春节"
# 33 holiday days (3+9+3+5+3+3+7) and 6 make-up days, plus the header
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 40 "show 2026 has 39 dated lines"

run "$YEKUO" calendar list
is "$rc" 0 "list exits 0"
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "2020 2021 2022 2023 2024 2025 2026 " \
	"list shows 2020..2026"

# ---- a year without a file -----------------------------------------------
# 12-31 Thu = 1, 2027-01-01 Fri = 2 (no notice: weekdays work), 01-04..06 = 3..5
run "$YEKUO" calendar add 2026-12-30 5
is "$rc" 0 "add into 2027 still answers"
is "$out" 2027-01-06 "add 2026-12-30 5 = 2027-01-06, weekends only"
contains "$err" "注意：$WARN27" "and warns on stderr"
run "$YEKUO" calendar count 2026-12-30 2027-01-06
is "$out" 5 "count into 2027 = 5"
contains "$err" "$WARN27" "count into 2027 warns"
run "$YEKUO" calendar is-workday 2027-01-01
is "$out" workday "2027-01-01 is a workday by weekends only"
contains "$err" "$WARN27" "is-workday in 2027 warns"
run "$YEKUO" calendar add 2026-12-01 5
is "$err" "" "no warning when the answer stays in 2026"
run "$YEKUO" calendar show 2027
is "$rc" 1 "show 2027 exits 1"
is "$out" "$WARN27" "show 2027 says the year is not loaded"

# ---- bad input: exit 2, a message naming the problem ----------------------
bad() { # bad DESCRIPTION NEEDLE CMD…
	desc=$1 needle=$2
	shift 2
	run "$YEKUO" "$@"
	is "$rc" 2 "$desc exits 2"
	contains "$err" "$needle" "$desc: message names it"
	is "$out" "" "$desc: nothing on stdout"
}
bad "a day that does not exist" "'2026-02-30' 不是日期" calendar add 2026-02-30 1
bad "a slash date" "'2026/2/3' 不是日期" calendar add 2026/2/3 1
bad "an empty date" "日期 '' 不是日期" calendar add "" 1
bad "an empty N" "天数 是空的" calendar add 2026-02-12 ""
bad "a negative N" "天数 '-1'" calendar add 2026-02-12 -1
bad "a huge N" "太大" calendar add 2026-02-12 99999999999999999999
bad "N past 2099" "超出了日历涵盖的范围" calendar add 2026-02-12 100000
bad "a date past 2099" "2100-01-01 不在 2000-01-01..2099-12-31 之内" calendar add 2100-01-01 1
bad "add with one argument" "用法：yekuo calendar add 日期 天数" calendar add 2026-02-12
bad "add with three arguments" "用法：yekuo calendar add 日期 天数" calendar add 2026-02-12 3 4
bad "count with one argument" "用法：yekuo calendar count" calendar count 2026-02-12
bad "count backwards" "早于起始日期" calendar count 2026-02-24 2026-02-12
bad "count with a bad date" "截止日期 '2026-13-01' 不是日期" calendar count 2026-02-12 2026-13-01
bad "is-workday without a date" "用法：yekuo calendar is-workday" calendar is-workday
bad "is-workday with a bad date" "'2026-02-29' 不是日期" calendar is-workday 2026-02-29
bad "show without a year" "用法：yekuo calendar show" calendar show
bad "show 1999" "年份 '1999' 不是 2000..2099 之间的年份" calendar show 1999
bad "show 20x6" "年份 '20x6' 不是" calendar show 20x6
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "show 20x6 says it once"
bad "list with an argument" "用法：yekuo calendar list" calendar list 2026
bad "load without a file" "用法：yekuo calendar load 文件" calendar load
bad "an unknown subcommand" "未知的 calendar 命令 'next'" calendar next
bad "calendar alone" "用法：yekuo calendar" calendar

# ---- calendar load --------------------------------------------------------
work="$TEST_HOME/work"
mkdir -p "$work"

# A bad file is refused with file:line, and nothing is installed.
printf 'year 2027\nsource test\nholiday 2027-02-30 春节\n' >"$work/bad.cal"
run "$YEKUO" calendar load "$work/bad.cal"
is "$rc" 2 "a bad file is refused"
contains "$err" "$work/bad.cal:3: '2027-02-30' 不是日期" "the refusal names file:line"
contains "$err" "什么也没有安装" "and says nothing was installed"
ok "$([ ! -e "$USERCAL/2027.cal" ]; echo $?)" "no 2027.cal was installed"
printf 'year 2027\nsource test\nworkday 2027-01-04 元旦\n' >"$work/bad2.cal"
run "$YEKUO" calendar load "$work/bad2.cal"
contains "$err" "bad2.cal:3: 调休上班日 2027-01-04 是工作日" "a weekday make-up day is refused"
run "$YEKUO" calendar load "$work/missing.cal"
is "$rc" 3 "a missing file is refused (exit 3, not found)"

# A good file, named anything: installed as YEAR.cal in the user dir.
# (A test fixture, not the real 2027 notice.)
cat >"$work/next-year.cal" <<'EOF'
# test fixture
year 2027
source test fixture 2027
holiday 2027-01-01 元旦
workday 2027-01-09 测试
EOF
run "$YEKUO" calendar load "$work/next-year.cal"
is "$rc" 0 "a good file loads"
contains "$out" "已安装 2027 年的日历：$USERCAL/2027.cal" "and says where it went"
ok "$(cmp -s "$work/next-year.cal" "$USERCAL/2027.cal"; echo $?)" "2027.cal is a copy of the file"
# 12-31 Thu = 1, 2027-01-01 元旦 now, 01-04 Mon = 2, …, 01-07 Thu = 5
run "$YEKUO" calendar add 2026-12-30 5
is "$out" 2027-01-07 "add 2026-12-30 5 honours the new 元旦"
is "$err" "" "and no longer warns"
run "$YEKUO" calendar is-workday 2027-01-09
is "$out" makeup-workday "the new file's make-up day works"
run "$YEKUO" calendar show 2027
is "$rc" 0 "show 2027 now exits 0"
contains "$out" "# 2027: test fixture 2027" "show 2027 names the new source"
run "$YEKUO" calendar list
contains "$out" "$(printf '2027\ttest fixture 2027')" "list includes 2027"

# A later bad file for the same year leaves the installed one alone.
run "$YEKUO" calendar load "$work/bad.cal"
is "$rc" 2 "a bad 2027 file is refused after a good one"
ok "$(cmp -s "$work/next-year.cal" "$USERCAL/2027.cal"; echo $?)" "the installed 2027.cal is untouched"

# A user file overrides the installed year of the same name.
sed 's/^holiday 2026-06-19..2026-06-21 端午节$/holiday 2026-06-19..2026-06-22 端午节/;
     s/^source .*/source local override/' "$top_srcdir/data/calendar/2026.cal" >"$work/2026.cal"
run "$YEKUO" calendar is-workday 2026-06-22
is "$out" workday "before the override 2026-06-22 is a workday"
run "$YEKUO" calendar load "$work/2026.cal"
is "$rc" 0 "an override for 2026 loads"
run "$YEKUO" calendar is-workday 2026-06-22
is "$out" holiday "after it 2026-06-22 is a holiday"
# 06-18 Thu → 06-19..22 off, 06-23 Tue = 1
run "$YEKUO" calendar add 2026-06-18 1
is "$out" 2026-06-23 "and deadlines move with it"
run "$YEKUO" calendar list
contains "$out" "$(printf '2026\tlocal override')" "list shows the override's source"
rm -f "$USERCAL/2026.cal"
run "$YEKUO" calendar is-workday 2026-06-22
is "$out" workday "removing the user file restores the installed year"

# A broken file in the user dir stops the calendar rather than guess.
printf 'year 2028\nsource x\nbogus\n' >"$USERCAL/2028.cal"
run "$YEKUO" calendar add 2026-02-12 3
is "$rc" 6 "a broken user file stops calendar answers (exit 6, damaged)"
contains "$err" "$USERCAL/2028.cal:3: 未知的关键字 'bogus'" "and names the file and line"
rm -f "$USERCAL/2028.cal"

done_testing
