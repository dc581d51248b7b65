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
	bad=$(echo "$res" | awk '$2 != 2 || !/refusing to write/ { print }')
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
contains "$res" "give --force to replace it" "the message says how to replace it"
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
contains "$err" "being read" "and the message says so"

# a command that would create the database refuses before it does
run "$YEKUO" --db "$w/new.db" import cases "$w/bad-rows.csv" --skip-bad "$w/new.db"
is "$rc" 2 "--skip-bad naming a database that the import would create is refused"
ok "$([ ! -e "$w/new.db" ]; echo $?)" "and no database was created"

done_testing
