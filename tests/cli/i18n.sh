#!/bin/sh
# Messages in one language: Chinese (the source's text) in the C, C.UTF-8
# and zh_* locales, English from po/en.po in en_* locales, even where the
# en_* locale was never generated (docs/i18n.md). Both catalogs are
# exercised on the same refusals; en.po must translate every message.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/i18n.db
export YEKUO_NOW=2026-03-02T09:00:00
"$YEKUO" --db "$db" init --training >/dev/null

# a CJK ideograph (U+4000..U+9FFF: UTF-8 lead bytes E4..E9), byte-wise
has_cjk() { printf '%s' "$1" | LC_ALL=C grep -q "$(printf '[\344-\351]')"; }

# as LOCALE-SETTING… CMD…: run with only the given locale variables
as() {
	_env=
	while [ "$#" -gt 0 ]; do
		case $1 in *=*) _env="$_env $1"; shift ;; *) break ;; esac
	done
	# shellcheck disable=SC2086
	run env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE $_env "$YEKUO" --db "$db" "$@"
}

# --- the same refusals in each locale --------------------------------------------
for loc in LC_ALL=C.UTF-8 LC_ALL=C LANG=C.UTF-8 LANG=zh_CN.UTF-8 LC_ALL=zh_TW.UTF-8 \
	LANG=de_DE.UTF-8; do
	as "$loc" case show NO-SUCH
	is "$rc" 3 "$loc: exit 3 whatever the language"
	contains "$err" "没有案件 'NO-SUCH'" "$loc: Chinese"
	case $err in *"no case"*) ok 1 "$loc: no English in it" ;; *) ok 0 "$loc: no English in it" ;; esac
done
for loc in LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 LC_MESSAGES=en_GB.UTF-8 \
	"LC_ALL=C.UTF-8 LANGUAGE=en" "LANG=en_US.UTF-8 LANGUAGE=en_US:en"; do
	# shellcheck disable=SC2086
	as $loc case show NO-SUCH
	is "$rc" 3 "$loc: exit 3 whatever the language"
	contains "$err" "no case 'NO-SUCH' in $db" "$loc: English"
	has_cjk "$err" && ok 1 "$loc: no Chinese in it" || ok 0 "$loc: no Chinese in it"
done
# LANGUAGE is a list of preferences, honoured over the locale's language
as LANG=en_US.UTF-8 LANGUAGE=zh_CN case show NO-SUCH
contains "$err" "没有案件" "LANGUAGE=zh_CN over an English LANG: Chinese"

# more of the command line's own refusals, each in both
check() { # check ZH EN ARGS…: the message in Chinese by default, in English for en_US
	_zh=$1 _en=$2
	shift 2
	as LC_ALL=C.UTF-8 "$@"
	contains "$err" "$_zh" "zh: yekuo $*"
	as LANG=en_US.UTF-8 "$@"
	contains "$err" "$_en" "en: yekuo $*"
	has_cjk "$err" && ok 1 "en: yekuo $*: no Chinese" || ok 0 "en: yekuo $*: no Chinese"
}
check "未知的选项 '--colour'" "unknown option '--colour'" case show X --colour
check "'2026-02-30' 不是日期" "'2026-02-30' is not a date" calendar add 2026-02-30 3
check "天数 是空的" "N is empty" calendar add 2026-02-12 ""
check "未知的命令 'frobnicate'" "unknown command 'frobnicate'" frobnicate
check "--format 后面要写一个值" "--format needs a value" case list --format
check "region: 地区 'atlantis' 没有时限规则" "region: 'atlantis' has no rule profile" \
	case new --region atlantis --category lv-resident --name 张三 --id-type resident-id \
	--id 11010519491231002X --phone 13912345678 --address 某地 --capacity 8 --unit kW

# --- case show, for people, in one language --------------------------------------
# The case's own data is ASCII here, so every CJK character in the English
# page is the program's, except the region and rule source the rule files
# name (data, not messages).
as LC_ALL=C.UTF-8 case new --region national --category lv-resident --name ACME \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 --address "No 1 Road" \
	--capacity 8 --unit kW --materials id
c=$out
as LC_ALL=C.UTF-8 case event "$c" suspend --reason customer --note wait
as LC_ALL=C.UTF-8 case event "$c" resume
as LC_ALL=C.UTF-8 case event "$c" done accept
for loc in LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8; do
	as "$loc" case show "$c"
	page=$(printf '%s\n' "$out" | grep -v '^region \|^rules ')
	has_cjk "$page" && ok 1 "$loc: case show has no Chinese of its own" ||
		ok 0 "$loc: case show has no Chinese of its own"
	printf '%s\n' "$page" | LC_ALL=C grep "$(printf '[\344-\351]')" | sed 's/^/#   /'
	contains "$out" "ID type        resident identity card" "$loc: field names and values in English"
	contains "$out" "suspended" "$loc: event kinds in English"
	contains "$out" "stage            limit  started" "$loc: the clock table's titles"
done
as LC_ALL=C.UTF-8 case show "$c"
zh=$out
contains "$zh" "证件类型       居民身份证" "C.UTF-8: field names and values in Chinese"
contains "$zh" "  环节             时限  开始        到期" "C.UTF-8: the clock table's titles, aligned"
contains "$zh" "挂起      说明：wait；原因：客户原因" "C.UTF-8: an event's data by field name"
# no English word of the program's own: the case's ASCII data (ACME, No 1
# Road, wait), codes people type (the case number, the profile id, the
# region code), units, the operator and dates are all that may remain
words=$(printf '%s\n' "$zh" | sed -e "s/$c//g" -e 's/national-2025//; s/(national)//; s/（national）//' \
	-e 's/national//g; s/ACME//; s/No 1 Road//; s/wait//; s/kW//g; s/(kV)//' \
	-e 's/[0-9*]*X//g; s/\[x\]//g; s/\[[^]]*\]$//' |
	grep -o '[A-Za-z][A-Za-z-]*' | sort -u | tr '\n' ' ')
is "$words" "" "C.UTF-8: case show has no English of its own"
as LC_ALL=C.UTF-8 case show "$c" --format tsv
contains "$out" "state	on-track" "tsv stays codes for scripts, in every locale"
as LANG=en_US.UTF-8 case show "$c" --format tsv
contains "$out" "state	on-track" "… the same in English"

# --- each converted command, success and refusal, in one language ----------------
# words(TEXT): the English words left in TEXT once the data and the codes a
# person types (paths, case numbers, office codes, digests, options, file
# names, the tab-separated lines for scripts, units) and the system's own
# words (strerror) are taken out. `yekuo help` is checked in manpage.sh.
words() {
	printf '%s\n' "$1" | sed -e "s|$TEST_HOME[^ ：:（）]*||g" -e 's/yekuo//g' \
		-e 's/CN-[0-9]*-[A-Z]*-[0-9]*//g' -e 's/--[a-z-]*//g' -e 's/\b[A-Z]\{2,\}\b//g' \
		-e 's/^[a-z ]*\t.*//' -e 's/docs\/[a-z-]*\.md//g' -e 's/[a-z-]*\.\(ykb\|cal\|csv\|db\|key\)//g' \
		-e 's/\b\(kW\|kVA\|kV\|tsv\|text\|csv\|xlsx\|utf-8\|utf-8-bom\|gb18030\|gbk\|auto\)\b//g' \
		-e 's/\b\(sync\|import\|export\|calendar\|rules\|limits\|report\|verify\|seal\|help\|case\|init\)\b//g' \
		-e 's/\b\(add\|count\|is-workday\|show\|list\|load\|status\|conflicts\|resolve\|renumber\|trust\|key\|cases\)\b//g' \
		-e 's/\b\(filing\|benefit\|timeliness\|supervision\|national\|tianjin\|beijing\|lv-[a-z]*\|hv-[a-z]*\|[a-z]*-20[0-9][0-9]\)\b//g' \
		-e 's/\b\(SQLite\|libsodium\|libxlsxwriter\|Excel\|Unicode\|YYYY-MM-DD\|YYYY-MM\)\b//g' \
		-e 's/\b\(year\|source\|holiday\|workday\|bogus\)\b//g' \
		-e 's/\b\(junk\|nope\|frob\|colour\|latin1\)\b//g' -e 's/\b[A-Z]\b//g' \
		-e 's/[0-9a-f]\{6,\}//g' -e 's/No such file or directory//' -e 's/[0-9-]\{10\}T[0-9:+]*//g' |
		grep -o '[A-Za-z][A-Za-z-]*' | sort -u | tr '\n' ' '
}
# both LOCALE-DESCRIPTION ARGS…: the command's output and messages have no
# English word of ours in C.UTF-8 and no Chinese of ours in en_US.UTF-8
both() {
	_d=$1
	shift
	as LC_ALL=C.UTF-8 "$@"
	_zh="$out$err"
	is "$(words "$_zh")" "" "C.UTF-8: $_d: no English of its own"
	[ -n "$_zh" ] || ok 1 "C.UTF-8: $_d says something"
	as LANG=en_US.UTF-8 "$@"
	_en=$(printf '%s\n' "$out$err" | grep -v "^[a-z ]*	")
	has_cjk "$_en" && ok 1 "en_US.UTF-8: $_d: no Chinese of its own" ||
		ok 0 "en_US.UTF-8: $_d: no Chinese of its own"
	printf '%s\n' "$_en" | LC_ALL=C grep "$(printf '[\344-\351]')" | sed 's/^/#   /'
}
X=$TEST_HOME/x
mkdir -p "$X"
printf 'not a bundle\n' >"$X/junk.ykb"
printf 'year 2028\nbogus line\n' >"$X/bad.cal"
: >"$X/empty.csv"
both "sync import of a damaged bundle" sync import "$X/junk.ykb"
both "sync import of a missing bundle" sync import "$X/nope.ykb"
both "sync export" sync export --to "$X/a.ykb"
both "sync export over a file" sync export --to "$X/a.ykb"
both "sync with no sub-command" sync frob
both "verify" verify
both "verify --seal of an unknown digest" verify --seal 0123456789abcdef
both "seal" seal
both "calendar add" calendar add 2026-02-12 3
both "calendar count backwards" calendar count 2026-02-24 2026-02-12
both "calendar show of a year without a file" calendar show 2027
both "calendar load of a bad file" calendar load "$X/bad.cal"
both "rules show of an unknown profile" rules show beijing-2025
both "limits without a region" limits --category lv-other --date 2026-01-05
both "limits with an unknown option" limits --colour
both "report with a bad month" report filing --month 2026-13
both "report supervision" report supervision --out "$X/s.csv" --format csv --encoding utf-8
both "export to the database" export cases --out "$db"
both "export with a bad encoding" export cases --encoding latin1
both "import of an empty file" import cases "$X/empty.csv"
both "import of a missing file" import cases "$X/nope.csv"
both "an unknown command" frob

# --- the core's refusals, in one language -------------------------------------
# speaks ZH EN CODES ARGS…: the refusal has ZH and no English word of ours but
# the CODES (keys and codes as typed) in C.UTF-8, and EN and no Chinese of
# ours in en_US.UTF-8
speaks() {
	_zh=$1 _en=$2 _codes=$3
	shift 3
	as LC_ALL=C.UTF-8 "$@"
	contains "$err" "$_zh" "C.UTF-8: $_zh"
	_left=$(for _w in $(words "$err"); do
		case " $_codes " in *" $_w "*) ;; *) printf '%s ' "$_w" ;; esac
	done)
	is "$_left" "" "C.UTF-8: $_zh: no English of its own"
	as LANG=en_US.UTF-8 "$@"
	contains "$err" "$_en" "en_US.UTF-8: $_en"
	has_cjk "$err" && ok 1 "en_US.UTF-8: $_en: no Chinese" || ok 0 "en_US.UTF-8: $_en: no Chinese"
}
new_case() { # new_case ZH EN PHONE: case new's refusal of a phone number
	speaks "$1" "$2" "phone open" case new --region national --category lv-resident --name ACME \
		--id-type resident-id --id 11010519491231002X --phone "$3" --address "No 1 Road" \
		--capacity 8 --unit kW
}
# a field's own check (core/validate.c), through case new and case event
new_case "phone: 手机号应为11位，输入的是10位" "phone: a mobile number has 11 digits, 10 were typed" \
	1391234567
new_case "phone: 手机号第2位应为3到9" "phone: a mobile number's second digit is 3 to 9" 12912345678
speaks "id: 校验码应为" "id: the check character should be" "id open" \
	case new --region national --category lv-resident --name ACME --id-type resident-id \
	--id 110105194912310021 --phone 13912345678 --address "No 1 Road" --capacity 8 --unit kW
speaks "promised: 格式应为 年-月-日" "promised: the format is year-month-day" "promised contract" \
	case event "$c" contract --promised soon --works-by 2026-03-20
# the order of a case's events (core/case.c)
speaks "案件未挂起" "the case is not suspended" "resume" case event "$c" resume
speaks "装表接电（energise）环节尚未开始" "the energising (energise) stage has not started" \
	"stage done energise" case event "$c" done energise
speaks "案件尚未装表接电：回访在接电之后" "the case is not yet energised: the follow-up comes after" \
	"follow-up" case event "$c" follow-up --outcome reached --score 5
speaks "outcome: 'maybe' 不是回访结果代码" "outcome: 'maybe' is not a code of" \
	"follow-up outcome maybe reached unreachable declined" case event "$c" follow-up --outcome maybe

# a rule file's error (core/rules.c) names the file and the line in both
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
bad_rules=$XDG_DATA_HOME/yekuo/rules/beijing-2026.rules
cat >"$bad_rules" <<'RULES'
profile beijing-2026
region beijing BJ 北京
source test
effective 2026-01-01
category lv-other
	stage accept 1
	stage energise 2
	total 5
RULES
speaks "beijing-2026.rules:8: 合计 total 5 与各环节时限之和 3 不符" \
	"beijing-2026.rules:8: total 5 disagrees with the sum of the stage limits, 3" "total" rules list
sed -i 's/^	total 5$/	stage plan 1/' "$bad_rules"
speaks "beijing-2026.rules:8: 环节 'plan' 顺序不对" "beijing-2026.rules:8: stage 'plan' is out of order" \
	"accept plan design midcheck final energise" case list
rm -f "$bad_rules"

# a sync resolve with nothing to resolve (core/merge.c)
speaks "$c 没有未解决的同步冲突" "$c has no unresolved sync conflict" "" \
	sync resolve "$c" --keep A --reason typo
# a division file's error (core/division.c), with file and line
mkdir -p "$XDG_DATA_HOME/yekuo/divisions"
printf '520100 贵阳市\n520199\n' >"$XDG_DATA_HOME/yekuo/divisions/bad.div"
speaks "bad.div:2: 只有代码，没有名称：'520199'" "bad.div:2: a code without its name: '520199'" "div" \
	report timeliness --from 2026-03-01 --to 2026-03-31 --by city
rm -f "$XDG_DATA_HOME/yekuo/divisions/bad.div"

# a PostgreSQL server that cannot be reached (store/pg.c); what follows our
# words is libpq's own message, in libpq's language
uri='postgresql:///nosuch?host=/nonexistent'
as LC_ALL=C.UTF-8 --db "$uri" case list
case $err in
*"编译时没有 PostgreSQL 支持"*) zh_pg="$uri：这个 yekuo 编译时没有 PostgreSQL 支持" en_pg="$uri: this yekuo was built without" ;;
*) zh_pg="$uri：无法连接服务器：" en_pg="$uri: cannot connect to the server: " ;;
esac
contains "$err" "$zh_pg" "C.UTF-8: an unreachable server, in Chinese"
case $err in *"cannot connect"* | *"built without"*) ok 1 "C.UTF-8: … no English of ours" ;;
*) ok 0 "C.UTF-8: … no English of ours" ;; esac
as LANG=en_US.UTF-8 --db "$uri" case list
contains "$err" "$en_pg" "en_US.UTF-8: an unreachable server, in English"
has_cjk "$err" && ok 1 "en_US.UTF-8: … no Chinese" || ok 0 "en_US.UTF-8: … no Chinese"

# --- the English catalog translates every message the program has ---------------
if command -v msgfmt >/dev/null 2>&1; then
	stats=$(msgfmt -c --statistics -o /dev/null "$top_srcdir/po/en.po" 2>&1)
	is "$?" 0 "po/en.po compiles (msgfmt -c: formats agree)"
	case $stats in
	*fuzzy* | *untranslated*) ok 1 "every message of en.po is translated: $stats" ;;
	*) ok 0 "every message of en.po is translated: $stats" ;;
	esac
fi
if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
	files=$(sed -e '/^#/d' -e '/^$/d' "$top_srcdir/po/POTFILES.in")
	# shellcheck disable=SC2086
	(cd "$top_srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
		-o "$TEST_HOME/now.pot" $files) 2>"$TEST_HOME/xg"
	msgcmp "$top_srcdir/po/en.po" "$TEST_HOME/now.pot" >"$TEST_HOME/cmp" 2>&1
	is "$?" 0 "en.po has every message now in the source (msgcmp)"
	sed 's/^/#   /' "$TEST_HOME/cmp" | head -20
	# a file with _() not in POTFILES.in would escape both catalogs
	missing=$(cd "$top_srcdir" && grep -l '_("' src/*.c src/*/*.c | while read -r f; do
		grep -qx "$f" po/POTFILES.in || echo "$f"
	done)
	is "$missing" "" "every file with messages is in po/POTFILES.in"
else
	echo "# xgettext or msgcmp not installed: catalog coverage not checked"
fi

# a weekday in a message is the locale's (the report names are the rule
# files' data, Chinese in any locale)
as LC_ALL=C.UTF-8 report due --region guizhou --date 2026-03-02
contains "$out" "2026-03-06（五）剩 4 个工作日" "C.UTF-8: report due's weekday in Chinese"
as LANG=en_US.UTF-8 report due --region guizhou --date 2026-03-02
contains "$out" "2026-03-06 (Fri) 4 working days left" "en_US.UTF-8: report due's weekday in English"

done_testing
