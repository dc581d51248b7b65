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

got=$(violations "$top_srcdir")
is "$got" "" "no file includes a header of a higher layer"

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

done_testing
