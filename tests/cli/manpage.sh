#!/bin/sh
# yekuo(1) as built: its command list and exit status table are the ones
# `yekuo help` prints, it renders without a warning, and it documents the
# files and environment a hall's IT asks about. yekuo-rules(5) renders too.
. "$top_srcdir/tests/lib.sh"

page=$top_builddir/yekuo.1
ok "$([ -s "$page" ]; echo $?)" "yekuo.1 is built"

# roff to text: font changes and escaped minus signs
plain() { sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\e/\\/g'; }

# the synopses in COMMANDS: the line after each .TP that starts "yekuo"
awk '/^\.SH COMMANDS/ { on = 1; next } /^\.SH / { on = 0 }
	on && tp { print; tp = 0 } on && /^\.TP/ { tp = 1 }' "$page" |
	plain | grep '^yekuo ' >"$TEST_HOME/man.cmds"

# the synopses in `yekuo help`: a line indented 2 starts one, lines indented
# 11 continue it; the description follows on the line (from column 32) or
# on the next line, indented 31
# The page is English (docs/i18n.md); `yekuo help` in English is its twin,
# in the default locale the same table in Chinese.
en_help() { env -u LC_ALL -u LANGUAGE LANG=en_US.UTF-8 "$YEKUO" help; }
en_help | awk '
	/^commands:/ { on = 1; next } /^$/ { on = 0 }
	on { l[++n] = $0 }
	END {
		for (i = 1; i <= n; i++) {
			if (l[i] !~ /^  [a-z]/)
				continue
			s = substr(l[i], 3)
			j = i + 1
			while (j <= n && l[j] ~ /^           [^ ]/ && l[j] !~ /^                               /) {
				s = s " " substr(l[j], 12)
				j++
			}
			if (j == i + 1 && l[j] !~ /^                               [^ ]/)
				s = substr(l[i], 3, 29)
			sub(/ +$/, "", s)
			print "yekuo " s
		}
	}' >"$TEST_HOME/help.cmds"

n=$(wc -l <"$TEST_HOME/help.cmds")
ok "$([ "$n" -ge 25 ]; echo $?)" "yekuo help lists the commands ($n)"
is "$(cat "$TEST_HOME/man.cmds")" "$(cat "$TEST_HOME/help.cmds")" \
	"the man page lists exactly the commands and options of yekuo help, in its order"

# every command word the page documents is one the program runs
for w in $(cut -d' ' -f2 "$TEST_HOME/man.cmds" | sort -u); do
	"$YEKUO" --db "$TEST_HOME/none.db" "$w" --no-such-option >/dev/null 2>"$TEST_HOME/e"
	case $(cat "$TEST_HOME/e") in
	*"未知的命令"*) ok 1 "yekuo $w is a command" ;;
	*) ok 0 "yekuo $w is a command" ;;
	esac
done

# EXIT STATUS: the codes and words of the help's table
awk '/^\.SH EXIT STATUS/ { on = 1; next } /^\.SH / { on = 0 }
	on && /^\.B [0-9]/ { c = $2; getline; print "  " c "  " $0 }' "$page" |
	plain >"$TEST_HOME/man.exit"
en_help | sed -n '/^exit status:/,$p' | sed 1d >"$TEST_HOME/help.exit"
is "$(cat "$TEST_HOME/man.exit")" "$(cat "$TEST_HOME/help.exit")" \
	"EXIT STATUS is the help's exit status table"
is "$(cut -c3 "$TEST_HOME/help.exit" | tr -d '\n')" "012345678" "statuses 0 to 8"

# each language on its own: the page's generated tables carry no Chinese
# beyond the names of documents (电网升级改造备案 …) the English keeps
zh=$(LC_ALL=C.UTF-8 "$YEKUO" help)
contains "$zh" "  calendar add DATE N          日期之后第 N 个工作日" "yekuo help in Chinese by default"
contains "$zh" "退出码：" "… its exit status table too"
contains "$zh" "  3  所写的案件、文件、时限规则或数据库不存在" "… each status in Chinese"
contains "$(plain <"$page")" "date ending N working days after DATE" "the page's commands in English"
contains "$(plain <"$page")" "the case, file, profile or database named is not there" \
	"the page's exit statuses in English"
case $(cat "$page") in
*日期之后* | *所写的案件* | *本说明*) ok 1 "no Chinese description in the page" ;;
*) ok 0 "no Chinese description in the page" ;;
esac

for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES \
	"SEE ALSO"; do
	ok "$(grep -q "^\.SH $s\$" "$page"; echo $?)" "yekuo(1) has $s"
done
for v in YEKUO_DB YEKUO_DATA_DIR YEKUO_NOW YEKUO_OPERATOR YEKUO_BUSY_TIMEOUT XDG_DATA_HOME; do
	contains "$(awk '/^\.SH ENVIRONMENT/ { on = 1 } /^\.SH FILES/ { on = 0 } on' "$page")" \
		".B $v" "ENVIRONMENT names $v"
done
contains "$(plain <"$page")" "\$XDG_DATA_HOME/yekuo/yekuo.db" "FILES names the database"
contains "$(head -5 "$page")" "yekuo $(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")" \
	"the page carries the version"

if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
	for p in "$page" "$top_srcdir/man/yekuo-rules.5"; do
		w=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$p" 2>&1 >/dev/null)
		is "$w" "" "$(basename "$p") renders without a warning"
		t=$(MANWIDTH=80 man -E UTF-8 -l "$p" 2>/dev/null)
		contains "$t" "SEE ALSO" "$(basename "$p") renders to the end"
	done
	contains "$(MANWIDTH=80 man -E UTF-8 -l "$page" 2>/dev/null)" "yekuo calendar add DATE N" \
		"man ./yekuo.1 reads as text"
else
	echo "# man or groff not installed: rendering not checked"
fi

# the licence (COPYING): named by --version in the locale's language and by
# both pages
v=$("$YEKUO" --version)
contains "$v" "许可证 GPLv3+" "--version names the licence, in Chinese by default"
contains "$v" "不附带任何担保" "--version says there is no warranty"
v=$(env -u LC_ALL -u LANGUAGE LANG=en_US.UTF-8 "$YEKUO" --version)
contains "$v" "License GPLv3+: GNU GPL version 3 or later" "--version names the licence in English"
for p in "$page" "$top_srcdir/man/yekuo-rules.5"; do
	contains "$(cat "$p")" "GNU GPL version 3 or later" "$(basename "$p") names the licence"
done
contains "$(cat "$top_srcdir/debian/copyright")" "License: GPL-3+" "debian/copyright grants GPL-3+"
ok "$(cmp -s "$top_srcdir/COPYING" /usr/share/common-licenses/GPL-3 || [ ! -e /usr/share/common-licenses/GPL-3 ]; echo $?)" \
	"COPYING is the GPL version 3"

done_testing
