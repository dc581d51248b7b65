#!/bin/sh
# Randomised convergence (docs/sync.md): a hall and two laptops work
# offline on the same cases — every kind of event, so every kind of clash —
# and exchange bundles at random: full and since-last, repeated, in any
# order, stale ones late; laptop A's clock runs 2 h fast and laptop B's 3 h
# slow; halfway, laptop A is restored from an old backup and mints case
# numbers again. Conflicts are resolved at random on any database. At the
# end, after everyone has exchanged with everyone, all three hold the same
# rows, and verify and sync verify pass everywhere.
#
#   SEED=N      the random sequence (default 1: the same run every time)
#   ROUNDS=N    random actions (default 120, about a minute)
#   SEEDS="1 2 3" make check TESTS=tests/cli/sync-random.sh  runs several
. "$top_srcdir/tests/lib.sh"

SEEDS=${SEEDS:-${SEED:-1}}
ROUNDS=${ROUNDS:-120}
X=$TEST_HOME/x
mkdir -p "$X"

# --- a small deterministic random generator (LCG, 31 bits) -------------------------
rnd() { # rnd N: r = 0..N-1
	seed=$(((seed * 1103515245 + 12345) % 2147483648))
	r=$(((seed / 65536) % $1))
}
pick() { # pick WORD…: w = one of them
	rnd $#
	shift $r
	w=$1
}

# --- time: one clock for the world, each machine off by its skew ---------------------
start=$(TZ=Asia/Shanghai date -d 2026-03-02T08:00:00 +%s)
skew_H=0 skew_A=7200 skew_B=-10800
stamp() { # stamp DB: the time on DB's machine now
	eval s=\$skew_$1
	TZ=Asia/Shanghai date -d @$((now + s)) +%Y-%m-%dT%H:%M:%S
}
db_of() { printf '%s/%s.db' "$TEST_HOME" "$1"; }

# y DB ARGS…: yekuo on DB at its own clock ($out $err $rc); an import first
# trusts the bundle's office, and trusts it anew when that office was restored
y() {
	d=$1
	shift
	if [ "$1 $2" = "sync import" ]; then
		trust_signer "$(db_of "$d")" "$3"
		YEKUO_DB=$(db_of "$d") YEKUO_NOW=$(stamp "$d") run "$YEKUO" "$@"
		case "$rc:$err" in 4:*"restored from a backup"*)
			fp=$(YEKUO_DB=$(db_of "$d") "$YEKUO" sync trust "$3" 2>/dev/null | sed -n 's/^key	//p')
			YEKUO_DB=$(db_of "$d") "$YEKUO" sync trust "$3" --confirm "$fp" --replace >/dev/null 2>&1
			YEKUO_DB=$(db_of "$d") YEKUO_NOW=$(stamp "$d") run "$YEKUO" "$@" ;;
		esac
		renumber_asked
		return
	fi
	YEKUO_DB=$(db_of "$d") YEKUO_NOW=$(stamp "$d") run "$YEKUO" "$@"
}

# An import that set a case aside says on which database to renumber it:
# laptop A, restored, does so at once.
renumber_asked() {
	for c in $(printf '%s\n' "$err" | sed -n "s/.*office A's database minted \([^ ]*\) twice.*/\1/p;
		s/.*Renumber the case here: yekuo sync renumber \([^ ]*\) .*/\1/p" | sort -u); do
		YEKUO_DB=$(db_of A) YEKUO_NOW=$(stamp A) "$YEKUO" sync renumber "$c" >/dev/null 2>&1 &&
			renumbered=$((renumbered + 1))
	done
}

q() { sqlite3 "$(db_of "$1")" "$2"; }
rows() { q "$1" "select case_no, seq, uuid, hash from events order by case_no, seq"; }

# --- the actions ------------------------------------------------------------------
new_case() { # on DB
	pick 甲五金店 乙小吃店 丙服装店 丁超市 戊餐馆 己药店 庚茶馆 辛书店
	y "$1" case new --region national --category lv-other --name "$w" \
		--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
		--address "某地3号$w" --capacity 50 --unit kW
}

some_case() { # some_case DB: c = a case of DB, or ""
	set -- $(q "$1" "select case_no from cases order by case_no")
	c=
	[ $# -gt 0 ] || return 0
	pick "$@"
	c=$w
}

some_event() { # some_event DB CASE: e = an event of it (not the merge's), or ""
	set -- $(q "$1" "select uuid from events where case_no = '$2' and origin != 'sync' order by seq")
	e=
	[ $# -gt 0 ] || return 0
	pick "$@"
	e=$w
}

work() { # on DB: one random step on one of its cases
	some_case "$1"
	[ -n "$c" ] || return 0
	rnd 12
	case $r in
	0 | 1) y "$1" case event "$c" done accept ;;
	2 | 3) pick 一号台区 二号台区 三号台区; y "$1" case event "$c" done plan --supply-point "$w" ;;
	4) rnd 900; y "$1" case event "$c" done energise --meter-no "M$r" ;;
	5) y "$1" case event "$c" materials accept --items id,property ;;
	6) pick customer external-blocked; y "$1" case event "$c" suspend --reason "$w" --note 客户要求暂缓 ;;
	7) y "$1" case event "$c" resume ;;
	8) y "$1" case event "$c" withdraw --reason 客户撤销申请 ;;
	9) y "$1" case event "$c" filing --upgrade 新建10千伏线路 --why 线路改造工期长 --planned 2026-12-31 ;;
	10) some_event "$1" "$c"
	    [ -z "$e" ] || { pick 现场核实 录入有误; y "$1" case event "$c" correct --event "$e" --set notes="$w" --reason "$w"; } ;;
	11) some_event "$1" "$c"
	    [ -z "$e" ] || y "$1" case event "$c" correct --event "$e" --void --reason 重复录入 ;;
	esac
}

export_from() { # DB: a bundle into the pool
	n_bundles=$((n_bundles + 1))
	f=$X/b$n_bundles.ykb
	pick H A B
	if [ "$w" != "$1" ] && { rnd 2; [ $r -eq 0 ]; }; then
		y "$1" sync export --to "$f" --peer "$w" --since-last
	else
		y "$1" sync export --to "$f"
	fi
	[ "$rc" -eq 0 ] && pool="$pool $n_bundles:$1"
}

import_into() { # DB: a bundle of the pool, of another database
	set -- "$1" $(printf '%s\n' $pool | grep -v ":$1\$")
	d=$1
	shift
	[ $# -gt 0 ] || return 0
	pick "$@"
	y "$d" sync import "$X/b${w%%:*}.ykb"
	[ "$rc" -eq 0 ] || { unexpected=$((unexpected + 1)); printf '# %s import %s: %s\n' "$d" "$w" "$err"; }
}

resolve_on() { # DB: a conflict, a side kept at random
	y "$1" sync conflicts --format tsv
	[ "$rc" -eq 0 ] || return 0
	set -- "$1" $(printf '%s\n' "$out" | awk -F'\t' '{ print $1 "/" $5 "/" $9 }')
	d=$1
	shift
	pick "$@"
	k=${w#*/}
	rnd 2
	[ $r -eq 0 ] && k=${k%/*} || k=${k#*/}
	[ "$k" != "-" ] || k=${w#*/} k=${k%/*}
	y "$d" sync resolve "${w%%/*}" --keep "$k" --reason 现场核实以此为准
	[ "$rc" -eq 0 ] && resolved=$((resolved + 1))
}

# --- one run ------------------------------------------------------------------------
for SEED in $SEEDS; do
	seed=$SEED now=$start pool= n_bundles=0 unexpected=0 resolved=0 renumbered=0
	rm -f "$TEST_HOME"/*.db "$TEST_HOME"/*.db-* "$TEST_HOME"/*.key "$X"/*
	for d in H A B; do
		y $d init --training --office $d
	done
	for i in $(seq 1 "$ROUNDS"); do
		now=$((now + 1800 + i % 7 * 600))
		[ "$i" -eq $((ROUNDS * 2 / 5)) ] && sqlite3 "$(db_of A)" ".backup '$TEST_HOME/a-backup.db'"
		if [ "$i" -eq $((ROUNDS * 3 / 5)) ]; then
			# laptop A's disk fails: back to the backup, and on it goes
			cp "$TEST_HOME/a-backup.db" "$(db_of A)"
			rm -f "$(db_of A)-wal" "$(db_of A)-shm"
		fi
		pick H A B
		d=$w
		rnd 10
		case $r in
		0 | 1) new_case "$d" ;;
		2 | 3 | 4) work "$d" ;;
		5 | 6) export_from "$d" ;;
		7 | 8) import_into "$d" ;;
		9) resolve_on "$d" ;;
		esac
	done
	# Everyone with everyone, a day later than every clock, until nothing moves.
	now=$((now + 2 * 86400))
	for pass in 1 2 3 4; do
		for d in H A B; do
			export_from "$d"
			eval last_$d=$n_bundles
		done
		for d in H A B; do
			for f in H A B; do
				[ "$f" = "$d" ] && continue
				eval n=\$last_$f
				y "$d" sync import "$X/b$n.ykb"
				[ "$rc" -eq 0 ] || printf '# final %s import %s: %s\n' "$d" "$f" "$err"
			done
		done
		now=$((now + 600))
	done
	printf '# seed %s: %s bundles, %s resolutions, %s renumbered, %s conflicts left\n' "$SEED" \
		"$n_bundles" "$resolved" "$renumbered" "$(YEKUO_DB=$(db_of H) "$YEKUO" sync conflicts --format tsv 2>/dev/null | wc -l)"
	is "$unexpected" 0 "seed $SEED: every import during the run succeeded"
	is "$(rows A)" "$(rows H)" "seed $SEED: laptop A holds the hall's rows"
	is "$(rows B)" "$(rows H)" "seed $SEED: laptop B holds the hall's rows"
	[ "$(q H "select count(distinct case_no) from events")" -gt 5 ]
	ok $? "seed $SEED: on a fair number of cases"
	is "$(q H "select count(*) from cases") $(q A "select count(*) from cases") $(q B "select count(*) from cases")" \
		"$(q H "select count(distinct case_no) from events") $(q H "select count(distinct case_no) from events") $(q H "select count(distinct case_no) from events")" \
		"seed $SEED: every case has its summary everywhere"
	for d in H A B; do
		y $d verify
		is "$rc" 0 "seed $SEED: verify passes on $d"
		y $d sync verify
		is "$rc" 0 "seed $SEED: sync verify passes on $d"
	done
done

done_testing
