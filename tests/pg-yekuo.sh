#!/bin/sh
# yekuo, with each database file a test names mapped to a database of its
# own on the throwaway PostgreSQL server that tests/lib.sh started
# (YEKUO_TEST_PG=1, tests/pg-suite.sh): `init` on a path makes that
# database (`server init`, the same --office and --training); any other
# command on a path that was made runs against the server, connected as
# the operator's own role (YEKUO_OPERATOR, else the login name; the server
# records the role as the operator, docs/deploy.md), a member of
# yekuo_sync and yekuo_admin. A path never made stays a path, so that what a file that is
# not there gets, the server gets too. Environment: YEKUO_REAL (the
# binary), YEKUO_PG_BIN, YEKUO_PG_HOST (the socket folder).

real=${YEKUO_REAL:?}
pgbin=${YEKUO_PG_BIN:?}
host=${YEKUO_PG_HOST:?}
made=$host/made
mkdir -p "$made"

psql_admin() {
	"$pgbin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$host" -U admin -d yekuo -c "$1" >/dev/null 2>&1
}

# the --db value, else YEKUO_DB, else the default file (store_default_path)
db=${YEKUO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/yekuo/yekuo.db}
prev=
for a in "$@"; do
	[ "$prev" = --db ] && db=$a
	case "$a" in --db=*) db=${a#--db=} ;; esac
	prev=$a
done
case "$db" in postgresql://* | postgres://*) exec "$real" "$@" ;; esac

name=t_$(printf '%s' "$db" | md5sum | cut -c1-20)
# the command's first word after the global options
cmd=
skip=0
for a in "$@"; do
	if [ $skip = 1 ]; then skip=0; continue; fi
	case "$a" in
	--db) skip=1 ;;
	-*) ;;
	*) cmd=$a; break ;;
	esac
done

# percent-encoded, for the address
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/%\1/g'; }

# the arguments without --db PATH (the address goes in YEKUO_DB), and for
# init without init and --passphrase (server init takes neither). The word
# list of a for loop is expanded before it runs: the loop rebuilds "$@".
_s=0 _first=1
for a in "$@"; do
	[ $_first = 1 ] && set -- && _first=0
	if [ $_s = 1 ]; then _s=0; continue; fi
	case "$a" in
	--db) _s=1; continue ;;
	--db=*) continue ;;
	esac
	if [ "$cmd" = init ]; then
		case "$a" in init | --passphrase) continue ;; esac
	fi
	set -- "$@" "$a"
done

if [ "$cmd" = init ]; then
	# there already: the server refuses as a file does (exit 4)
	[ -e "$made/$name" ] && exec "$real" server init "postgresql:///$name?host=$host&user=admin" "$@"
	[ -e "$db" ] && exec "$real" --db "$db" init "$@"
	"$pgbin/createdb" -h "$host" -U admin "$name" 2>/dev/null || exit 1
	# refused: the database made for it goes again, as no file is left
	out=$(env -u YEKUO_DB "$real" server init "postgresql:///$name?host=$host&user=admin" "$@") || {
		_rc=$?
		"$pgbin/dropdb" -h "$host" -U admin "$name" 2>/dev/null
		exit $_rc
	}
	touch "$made/$name"
	# what init says, naming the file the test named
	printf '%s\n' "$out" | sed -n \
		-e "s|^已在 .* 建立 yekuo 培训库（单位 \\(.*\\)）|已建立培训库 $db（单位 \\1）|p" \
		-e "s|^已在 .* 建立 yekuo 数据库（单位 \\(.*\\)）|已建立数据库 $db（单位 \\1）|p" \
		-e "s|^单位密钥保存在 office_key 表中，指纹 \\(.*\\)|单位密钥 $db.key，指纹 \\1|p"
	exit 0
fi
[ -e "$made/$name" ] || exec "$real" --db "$db" "$@"

op=${YEKUO_OPERATOR:-$(id -un)}
rolefile=$made/role.$(printf '%s' "$op" | md5sum | cut -c1-20)
if [ ! -e "$rolefile" ]; then
	q=$(printf '%s' "$op" | sed 's/"/""/g')
	psql_admin "CREATE ROLE \"$q\" LOGIN IN ROLE yekuo_sync, yekuo_admin" ||
		psql_admin "GRANT yekuo_sync, yekuo_admin TO \"$q\""
	touch "$rolefile"
fi
YEKUO_DB="postgresql:///$name?host=$host&user=$(enc "$op")" exec "$real" "$@"
