#!/bin/sh
# Signed, sealed bundles (docs/sync.md, "the envelope"): the attacks that a
# bundle of plain SQLite let through — a forged bundle, a bundle read off a
# lost stick, a laptop's history rewritten and sent again signed with its
# own key — each refused, and the offices' keys enrolled by fingerprint.
. "$top_srcdir/tests/lib.sh"

X=$TEST_HOME/x
mkdir -p "$X"
H=$TEST_HOME/hall.db L=$TEST_HOME/laptop.db F=$TEST_HOME/forger.db O=$TEST_HOME/other.db
y() { db=$1 t=$2; shift 2; YEKUO_DB=$db YEKUO_NOW=$t run "$YEKUO" "$@"; }
fp_of() { YEKUO_DB=$1 "$YEKUO" sync status | sed -n 's/^key	//p'; }
new_lv() { # new_lv DB TIME NAME [options…]: sets $case
	db=$1 t=$2 name=$3
	shift 3
	y "$db" "$t" case new --region national --category lv-resident --name "$name" \
		--id-type resident-id --id 11010519491231002X --phone 13912345678 \
		--address "某地1号$name" --capacity 8 --unit kW "$@"
	case=$out
}
y "$H" 2026-03-02T08:00:00 init --training --office HALL
y "$L" 2026-03-02T08:00:00 init --training --office L
y "$F" 2026-03-02T08:00:00 init --training --office L # a forger's database, claiming to be L
y "$O" 2026-03-02T08:00:00 init --training --office O
fh=$(fp_of "$H") fl=$(fp_of "$L") ff=$(fp_of "$F")

new_lv "$L" 2026-03-02T09:00:00 "张三"; c1=$case
y "$L" 2026-03-02T17:00:00 sync export --to "$X/l1.ykb" --peer HALL
is "$rc" 0 "the laptop exports a bundle"
contains "$out" "signed	office L	key $fl	seal #2" "signed with its key, under a seal made for it"

# --- enrolling a key ----------------------------------------------------------
y "$H" 2026-03-02T18:00:00 sync import "$X/l1.ykb"
is "$rc" 4 "a bundle from an office not trusted yet is refused"
contains "$err" "由单位 L 用密钥 $fl 签名，本库不信任这个密钥" \
	"naming the office and its key's fingerprint"
contains "$err" "yekuo sync trust" "and what to run once the fingerprint is checked"
is "$(sqlite3 "$H" "select count(*) from events")" 0 "nothing was imported"
y "$H" 2026-03-02T18:00:00 sync trust "$X/l1.ykb"
is "$rc" 1 "sync trust without --confirm only shows the key"
contains "$out" "key	$fl" "its fingerprint, to read over the phone"
y "$H" 2026-03-02T18:00:00 sync trust "$X/l1.ykb" --confirm "1111 2222 3333 4444 5555 6666 7777 8888"
is "$rc" 4 "a fingerprint that does not match is refused"
contains "$err" "里的密钥的指纹" "saying so"
y "$H" 2026-03-02T18:00:00 sync trust "$X/l1.ykb" --confirm "$fl"
is "$rc" 0 "the matching fingerprint enrolls the office"
y "$H" 2026-03-02T18:01:00 sync import "$X/l1.ykb"
is "$rc" 0 "now the bundle imports"
contains "$out" "signed	office L	key $fl" "saying who signed it"

# --- attack: a forged bundle, hashes recomputed, signed by another key ---------
# the forger back-dates a case with no late entry flag (补录) and signs it
new_lv "$F" 2026-03-02T09:30:00 "李四"
y "$F" 2026-03-02T17:30:00 sync export --to "$X/forged.ykb"
y "$H" 2026-03-02T18:10:00 sync import "$X/forged.ykb"
is "$rc" 4 "a bundle signed as office L with another key is refused"
contains "$err" "以单位 L 的名义用密钥 $ff 签名，但本库信任的单位 L 的密钥是 $fl" \
	"naming both fingerprints"
y "$H" 2026-03-02T18:10:00 sync trust "$X/forged.ykb" --confirm "$ff"
is "$rc" 4 "sync trust refuses a changed key for a trusted office"
contains "$err" "已信任单位 L 的密钥 $fl；这是密钥 $ff" "naming both"
is "$(sqlite3 "$H" "select count(*) from cases")" 1 "the hall holds only the real case"

# the bundle's bytes changed after signing
cp "$X/l1.ykb" "$X/flipped.ykb"
printf 'X' | dd of="$X/flipped.ykb" bs=1 seek=$(($(stat -c %s "$X/flipped.ykb") - 200)) conv=notrunc 2>/dev/null
y "$H" 2026-03-02T18:12:00 sync import "$X/flipped.ykb"
is "$rc" 6 "a bundle changed after it was signed is refused (exit 6)"
contains "$err" "的签名与同步包不符（签名之后被改动过）" "in words"

# an unsigned bundle (the SQLite file alone, as before envelopes)
"$BUNDLE_TOOL" unwrap "$H" "$X/l1.ykb" "$X/plain.ykb"
y "$H" 2026-03-02T18:13:00 sync import "$X/plain.ykb"
is "$rc" 6 "an unsigned bundle is refused"
contains "$err" "没有签名的同步包" "saying what it is"
contains "$err" "用本版本重新导出" "and how to migrate"

# --- attack: reading a bundle off a lost stick ---------------------------------
YEKUO_DB=$H "$YEKUO" sync key --out "$X/hall.pub" >/dev/null
y "$L" 2026-03-03T08:00:00 sync trust "$X/hall.pub" --confirm "$fh"
is "$rc" 0 "the laptop enrolls the hall's public key"
y "$L" 2026-03-03T17:00:00 sync export --to "$X/l2.ykb" --for HALL
is "$rc" 0 "and exports a bundle for the hall"
contains "$out" "encrypted	for office HALL	key $fh" "encrypted to the hall's key"
grep -q "13912345678" "$X/l1.ykb"
is "$?" 0 "(a bundle not encrypted holds the phone number in clear)"
grep -q -e "13912345678" -e "11010519491231002X" -e "张三" "$X/l2.ykb"
is "$?" 1 "the encrypted one holds no phone, ID number or name in clear"
trust_signer "$O" "$X/l2.ykb"
y "$O" 2026-03-03T18:00:00 sync import "$X/l2.ykb"
is "$rc" 4 "another office, even trusting the laptop, cannot read it"
contains "$err" "是为单位 HALL 加密的" "saying for whom it is"
y "$H" 2026-03-03T18:00:00 sync import "$X/l2.ykb"
is "$rc" 0 "the hall reads it"
contains "$out" "encrypted for this office" "and says it was encrypted for it"
y "$L" 2026-03-03T17:00:00 sync export --to "$X/l3.ykb" --for NOWHERE
is "$rc" 3 "--for an office with no enrolled key is refused (not found)"

# --- attack: the laptop's history rewritten, re-signed with its own key ---------
# the late entry is made to look on time, every hash recomputed, and the
# laptop's seals made again so that its own verify passes
new_lv "$L" 2026-03-05T09:00:00 "王五" --date 2026-03-03 --late-reason "系统故障"
c2=$case
y "$L" 2026-03-05T17:00:00 sync export --to "$X/l4.ykb" --for HALL
y "$H" 2026-03-05T18:00:00 sync import "$X/l4.ykb"
is "$rc" 0 "the hall imports the laptop's late entry, and holds its seals"
python3 "$top_srcdir/tests/cli/forge.py" "$L" "$c2" 1 --effective 2026-03-05 --drop late-reason --sync
y "$L" 2026-03-06T09:00:00 case event "$c2" suspend --reason customer
sqlite3 "$L" "DROP TRIGGER seals_no_delete; DROP TRIGGER seal_events_no_delete;
	DELETE FROM seal_events; DELETE FROM seals;
	CREATE TRIGGER seals_no_delete BEFORE DELETE ON seals
	  BEGIN SELECT RAISE(ABORT, 'seals are append-only'); END;
	CREATE TRIGGER seal_events_no_delete BEFORE DELETE ON seal_events
	  BEGIN SELECT RAISE(ABORT, 'seal records are append-only'); END;"
y "$L" 2026-03-06T09:10:00 seal
y "$L" 2026-03-06T09:20:00 verify
is "$rc" 0 "(the laptop, its seals made again, passes its own verify)"
y "$L" 2026-03-06T17:00:00 sync export --to "$X/l5.ykb" --for HALL
is "$rc" 0 "the rewritten history is exported, signed with the laptop's real key"
y "$H" 2026-03-06T18:00:00 sync import "$X/l5.ykb"
is "$rc" 4 "the hall refuses it"
contains "$err" "单位 L 的封存 #1 在本库是" "caught by the laptop's seals the hall already holds"
contains "$err" "被改写了" "saying the sealed history was rewritten"
y "$H" 2026-03-06T18:00:00 case show "$c2" --format tsv
contains "$out" "late-entries	1" "the hall's copy still shows the late entry"

done_testing
