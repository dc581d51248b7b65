#!/bin/sh
# Files the program writes for the user: nothing is overwritten by accident
# (never the database or its companions, never the file being imported, an
# existing file only with --force), and a writer killed half-way leaves
# nothing behind. Every command that writes a named file is tried against
# every kind of forbidden target.
. "$top_srcdir/tests/lib.sh"

export YEKUO_NOW=2026-03-02T09:00:00
w=$TEST_HOME/w
mkdir -p "$w"
cd "$w" || exit 1
db=$w/cases.db
export YEKUO_DB="$db"

run "$YEKUO" init --training
run "$YEKUO" case new --region national --category lv-resident --name "钱七" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地7号" --capacity 8 --unit kW
is "$rc" 0 "a case to write about"
case1=$out
"$YEKUO" export cases --unmasked --encoding utf-8 >"$w/in.csv"

sum() { sha256sum <"$1" | cut -d' ' -f1; }

# write TARGET [OPTIONS…]: each command that writes a file the user names,
# one line "NAME RC" each, with the target as its output
write_all() {
	t=$1
	shift
	for cmd in export report receipt import sync; do
		case $cmd in
		export) run "$YEKUO" export cases --out "$t" "$@" ;;
		report) run "$YEKUO" report timeliness --from 2026-03-01 --to 2026-03-31 --format csv \
			--out "$t" "$@" ;;
		receipt) run "$YEKUO" case receipt "$case1" --out "$t" "$@" ;;
		import) run "$YEKUO" import cases "$w/bad-rows.csv" --skip-bad "$t" "$@" ;;
		sync) run "$YEKUO" sync export --to "$t" "$@" ;;
		esac
		echo "$cmd $rc $err"
	done
}
# a file with one bad row, so that --skip-bad has something to write
{
	head -n 1 "$w/in.csv"
	sed -n 2p "$w/in.csv" | sed 's/^[^,]*,/ZZ-1,/; s/,8,kW,/,eight,kW,/'
} >"$w/bad-rows.csv"

# refused TARGET DESCRIPTION [OPTIONS…]: every writer exits 2 with a message
# naming the target, and the database is untouched
refused() {
	t=$1 d=$2
	shift 2
	before=$(sum "$db")
	res=$(write_all "$t" "$@")
	bad=$(echo "$res" | awk '$2 != 2 || !/拒绝写入/ { print }')
	is "$bad" "" "$d: refused by export, report, receipt, import --skip-bad, sync export"
	is "$(sum "$db")" "$before" "$d: the database is unchanged"
}

refused "$db" "the database by its own name"
refused "cases.db" "the database by a relative name"
refused "../w/./cases.db" "the database by a roundabout name"
cd "$TEST_HOME" || exit 1
refused "w/cases.db" "the database from another folder"
cd "$w" || exit 1
refused "$db-wal" "the database's -wal (absent now, SQLite's next write)"
refused "$db-shm" "the database's -shm"
refused "$db-journal" "the database's -journal"
ln "$db" "$w/hard.db"
refused "$w/hard.db" "a hard link to the database"
ln -s "$db" "$w/sym.db"
refused "$w/sym.db" "a symbolic link to the database"
refused "$db" "the database, even with --force" --force
refused "$db-wal" "the -wal, even with --force" --force
rm -f "$w/hard.db" "$w/sym.db"

# an existing file: kept unless --force
echo "keep me" >"$w/mine.txt"
refused "$w/mine.txt" "an existing file without --force"
is "$(cat "$w/mine.txt")" "keep me" "an existing file is left as it was"
contains "$res" "要替换它请写 --force" "the message says how to replace it"
mkdir "$w/dir.csv"
refused "$w/dir.csv" "a folder"
for cmd in export report receipt import sync; do
	echo "keep me" >"$w/mine.txt"
	case $cmd in
	export) run "$YEKUO" export cases --out "$w/mine.txt" --force ;;
	report) run "$YEKUO" report timeliness --from 2026-03-01 --to 2026-03-31 --format csv \
		--out "$w/mine.txt" --force ;;
	receipt) run "$YEKUO" case receipt "$case1" --out "$w/mine.txt" --force ;;
	import) run "$YEKUO" import cases "$w/bad-rows.csv" --skip-bad "$w/mine.txt" --force ;;
	sync) rm "$w/mine.txt"; "$YEKUO" sync export --to "$w/mine.txt" >/dev/null
		run "$YEKUO" sync export --to "$w/mine.txt" --force ;;
	esac
	ok "$([ "$(cat "$w/mine.txt")" != "keep me" ] && [ "$rc" -le 1 ]; echo $?)" \
		"$cmd --force replaces an existing file"
done

# the import source is never the --skip-bad file, however it is spelled
cp "$w/bad-rows.csv" "$w/src.csv"
for spelling in "src.csv" "./src.csv" "$w/src.csv" "../w/src.csv"; do
	before=$(sum "$w/src.csv")
	run "$YEKUO" import cases "src.csv" --skip-bad "$spelling" --force
	is "$rc" 2 "import refuses --skip-bad $spelling (the file being imported), even with --force"
	is "$(sum "$w/src.csv")" "$before" "and the source is unchanged"
done
ln "$w/src.csv" "$w/src-link.csv"
run "$YEKUO" import cases "src.csv" --skip-bad "$w/src-link.csv" --force
is "$rc" 2 "a hard link to the source is the source"
contains "$err" "它是正在读取的文件" "and the message says so"

# a command that would create the database refuses before it does
run "$YEKUO" --db "$w/new.db" import cases "$w/bad-rows.csv" --skip-bad "$w/new.db"
is "$rc" 2 "--skip-bad naming a database that the import would create is refused"
ok "$([ ! -e "$w/new.db" ]; echo $?)" "and no database was created"

# --- a writer killed half-way leaves nothing behind ------------------------
# A file size limit kills the writer (SIGXFSZ) the moment its output passes
# 64 KiB: mid-file, every time. The database gets a few hundred cases first
# (imported: quick), so that every output is larger than that. Reports,
# receipts and the bad-rows file go through the same writer (outfile.h).
big=$TEST_HOME/big
mkdir -p "$big"
kdb=$big/k.db
"$YEKUO" --db "$kdb" init --training >/dev/null
awk 'BEGIN {
	print "案件编号,地区,用户类别,客户名称,证件类型,证件号码,联系电话,用电地址,报装容量,容量单位,申请日期"
	for (i = 1; i <= 400; i++)
		printf "K-%05d,national,lv-resident,客户%d,resident-id,11010519491231002X,13912345678,某市某区某路%d号,8,kW,2026-02-%02d\n", i, i, i, i % 27 + 1
}' >"$big/k.csv"
run "$YEKUO" --db "$kdb" import cases "$big/k.csv"
is "$rc" 0 "400 cases to write out"
rm "$big/k.csv"
out_dir=$TEST_HOME/out
mkdir -p "$out_dir"
# killed CMD…: run with the limit, in out_dir; the exit status
killed() {
	(cd "$out_dir" && ulimit -c 0 && ulimit -f 128 && exec "$YEKUO" --db "$kdb" "$@") \
		>/dev/null 2>&1
}
for what in "export cases --unmasked --format csv --out x.csv" \
	"export cases --unmasked --out x.xlsx" \
	"export cases --format text --out x.txt" \
	"sync export --to x.ykb"; do
	# (in a command substitution, so the shell's "File size limit
	# exceeded" goes nowhere)
	# shellcheck disable=SC2086
	krc=$( { killed $what; echo $?; } 2>/dev/null)
	# then any later start of the program: it removes what a dead writer
	# had listed
	"$YEKUO" --db "$kdb" calendar list >/dev/null 2>&1
	left=$(ls -A "$out_dir")
	ok "$([ "$krc" -gt 128 ] && [ -z "$left" ]; echo $?)" \
		"${what%% --*}: killed mid-write (status $krc), nothing left behind: '$left'"
	rm -f "$out_dir"/*
done
run "$YEKUO" --db "$kdb" verify
is "$rc" 0 "the database is whole after the killed writers"

# the start-up sweep removes only what a dead writer listed, and only a
# temporary file of ours: never a live writer's, never another file
pend=$XDG_DATA_HOME/yekuo/pending
mkdir -p "$pend"
dead=$(sh -c 'echo $$')
echo "$out_dir/live.csv.tmpAAAAAA" >"$pend/$$-live00"
echo "$out_dir/dead.csv.tmpBBBBBB" >"$pend/$dead-dead00"
echo "$out_dir/precious.csv" >"$pend/$dead-other"
touch "$out_dir/live.csv.tmpAAAAAA" "$out_dir/dead.csv.tmpBBBBBB" "$out_dir/precious.csv"
"$YEKUO" --db "$kdb" calendar list >/dev/null 2>&1
is "$(ls "$out_dir" | tr '\n' ' ')" "live.csv.tmpAAAAAA precious.csv " \
	"the sweep removed the dead writer's file, kept a live writer's and a file not its own"
is "$(ls "$pend" | tr '\n' ' ')" "$$-live00 " "and dropped the dead writers' entries"
rm -f "$out_dir"/* "$pend"/*

done_testing
