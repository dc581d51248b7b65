#!/bin/sh
# The layers are enforced (docs/architecture.md): a file may include
# headers of its own layer and of the layers below it, never above.
#   core  <  store  <  cli, ui  <  src/main.c
# core also never names SQLite, curses or xlsxwriter, so a pure module
# cannot grow I/O of that kind by accident. Also checks that the checker
# itself catches a violation (a planted bad file in a scratch copy).
. "$top_srcdir/tests/lib.sh"

# violations DIR: one line "file: header" per forbidden include under DIR
violations() {
	root=$1
	for layer in core store cli ui; do
		case $layer in
		core) bad='yekuo/(store|cli|ui)/|[<"]sqlite3\.h|curses\.h|xlsxwriter\.h|[<"]term\.h' ;;
		store) bad='yekuo/(cli|ui)/|curses\.h|[<"]term\.h' ;;
		cli) bad='yekuo/ui/|curses\.h' ;;
		ui) bad='yekuo/cli/' ;;
		esac
		for f in "$root/src/$layer"/*.c "$root/include/yekuo/$layer"/*.h; do
			[ -f "$f" ] || continue
			grep -HE '^[[:space:]]*#[[:space:]]*include' "$f" | grep -E "$bad" |
				sed "s|^$root/||"
		done
	done
	# headers outside the four folders would escape the check
	for f in "$root/include/yekuo"/*.h; do
		[ -f "$f" ] && echo "${f#"$root"/}: header outside a layer folder"
	done
	for f in "$root/src"/*.c; do
		case ${f##*/} in main.c) ;; *) [ -f "$f" ] && echo "${f#"$root"/}: source outside a layer folder" ;; esac
	done
}

# ui_violations DIR: inside src/ui, the frame and the widgets sit below the
# screens, and the entry loop (app.c) above them all, so the screens form
# no include circle: frame.c, draw.c, list.c and form.c include no screen
# header, and nothing but app.c and main.c includes ui/app.h.
ui_violations() {
	root=$1
	for f in frame draw list form; do
		[ -f "$root/src/ui/$f.c" ] || continue
		grep -HE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"yekuo/ui/' "$root/src/ui/$f.c" |
			grep -vE '"yekuo/ui/(frame|draw|list|form|curses)\.h"' | sed "s|^$root/||"
	done
	for f in "$root/src/ui"/*.c "$root/include/yekuo/ui"/*.h; do
		[ -f "$f" ] || continue
		case ${f##*/} in app.c) continue ;; esac
		grep -HE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"yekuo/ui/app\.h"' "$f" | sed "s|^$root/||"
	done
}

got=$(violations "$top_srcdir")
is "$got" "" "no file includes a header of a higher layer"
got=$(ui_violations "$top_srcdir")
is "$got" "" "the frame and widgets include no screen; only the entry loop includes ui/app.h"

for layer in core store cli ui; do
	n=$(ls "$top_srcdir/src/$layer"/*.c 2>/dev/null | wc -l)
	[ "$n" -gt 0 ]
	ok $? "src/$layer holds sources ($n)"
done

# the check can fail: plant each kind of violation in a scratch tree
scratch=$TEST_HOME/tree
for layer in core store cli ui; do mkdir -p "$scratch/src/$layer" "$scratch/include/yekuo/$layer"; done
printf '#include <sqlite3.h>\n' >"$scratch/src/core/a.c"
printf '#include "yekuo/ui/frame.h"\n' >"$scratch/src/store/b.c"
printf '#  include <ncursesw/curses.h>\n' >"$scratch/include/yekuo/cli/c.h"
printf '#include "yekuo/cli/cli.h"\n' >"$scratch/src/ui/d.c"
printf '#include "yekuo/core/date.h"\n' >"$scratch/src/ui/e.c"
got=$(violations "$scratch" | sort)
is "$got" "$(printf '%s\n' \
	'include/yekuo/cli/c.h:#  include <ncursesw/curses.h>' \
	'src/core/a.c:#include <sqlite3.h>' \
	'src/store/b.c:#include "yekuo/ui/frame.h"' \
	'src/ui/d.c:#include "yekuo/cli/cli.h"')" \
	"planted violations are each reported, a downward include is not"

printf '#include "yekuo/ui/draw.h"\n#include "yekuo/ui/dashboard.h"\n' >"$scratch/src/ui/frame.c"
printf '#include "yekuo/ui/app.h"\n' >"$scratch/src/ui/detail.c"
printf '#include "yekuo/ui/app.h"\n#include "yekuo/ui/help.h"\n' >"$scratch/src/ui/app.c"
got=$(ui_violations "$scratch" | sort)
is "$got" "$(printf '%s\n' \
	'src/ui/detail.c:#include "yekuo/ui/app.h"' \
	'src/ui/frame.c:#include "yekuo/ui/dashboard.h"')" \
	"a screen included by the frame, or the entry loop by a screen, is reported"

done_testing
