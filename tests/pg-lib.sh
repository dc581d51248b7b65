# A throwaway PostgreSQL cluster for a test (tests/cli/pg.sh,
# tests/e2e/tui-pg.sh): initdb in a temporary directory, Unix socket only,
# run as an unprivileged user, with an empty database "yekuo" whose
# superuser is "admin". Sourced after tests/lib.sh; skips the whole test
# (TAP "1..0 # SKIP") when PostgreSQL is not installed or yekuo was built
# without libpq. Gives sql ROLE STATEMENT… and uri ROLE.

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

if "$YEKUO" --db 'postgresql:///yekuo?host=/nonexistent' case list 2>&1 | grep -q '编译时没有 PostgreSQL 支持'; then
	skip_all "yekuo was built without libpq (configure --with-postgresql)"
fi
pgbin=$(pg_config --bindir 2>/dev/null)
[ -x "$pgbin/initdb" ] || pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] && [ -x "$pgbin/psql" ] ||
	skip_all "PostgreSQL server not installed (Debian: apt-get install postgresql)"

# The cluster runs as an unprivileged user: root's cluster runs as nobody.
pgdir=$(mktemp -d /tmp/yekuo-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
	chown nobody "$pgdir"
	as_pg() { runuser -u nobody -- "$@"; }
else
	as_pg() { "$@"; }
fi
# pg_stop: stop the cluster and remove it (the test's EXIT trap calls it)
pg_stop() {
	as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$pgdir"
}
trap 'pg_stop; rm -rf "$TEST_HOME"' EXIT
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U admin -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 ||
	skip_all "initdb failed: $(tail -n 1 "$pgdir/initdb.log")"
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/server.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$pgdir' -c fsync=off" start >/dev/null 2>&1 ||
	skip_all "the throwaway PostgreSQL server did not start: $(tail -n 2 "$pgdir/server.log")"
sql() { # sql ROLE STATEMENT…: psql as ROLE, quiet, unaligned
	_r=$1
	shift
	"$pgbin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pgdir" -U "$_r" -d yekuo -c "$*"
}
"$pgbin/createdb" -h "$pgdir" -U admin yekuo || skip_all "createdb failed"
uri() { echo "postgresql:///yekuo?host=$pgdir&user=$1"; }
