#!/bin/sh
# The case store through the CLI, as a new user would use it: a training
# database, an HV dual-source case walked through every stage with a
# suspension, an LV grid-upgrade filing, bad input refused with nothing
# written, and `verify` catching rows edited behind the program's back.
. "$top_srcdir/tests/lib.sh"

db=$TEST_HOME/cases.db
export YEKUO_DB="$db"
now() { t=$1; shift; YEKUO_NOW=$t run "$YEKUO" "$@"; }

now 2026-03-02T09:00:00 init --training --office HALL1
is "$rc" 0 "init --training creates a training database"
contains "$out" "已建立培训库" "and says it is one"
if on_file; then
	perm=$(stat -c %a "$db")
	is "$perm" 600 "the database file is created 0600"
else
	skip 1 "a server database has no file mode"
fi

now 2026-03-02T09:00:00 init --training
is "$rc" 4 "init refuses to overwrite an existing database (exit 4, conflict)"

# --- an HV dual-source case, every stage ------------------------------------
now 2026-03-02T09:00:00 case new --region tianjin --category hv-dual \
	--name "天津某某制造有限公司" --id-type uscc --id 91350100M000100Y43 \
	--phone 13800138000 --address "天津市滨海新区某路1号" --capacity 800 --unit kVA
is "$rc" 0 "case new opens an HV dual-source case"
case1=$out
is "$case1" "TJ-2026-HALL1-00001" "the case number carries region, year, office and sequence"

now 2026-03-02T09:30:00 case event "$case1" materials accept --items id,property,approval
is "$rc" 0 "materials received for acceptance"
now 2026-03-02T09:00:00 case new --region national --category lv-resident --name "钱七" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地7号" --capacity 8 --unit kW --materials id,property
is "$rc" 0 "a case opens with the materials handed over at the counter"
now 2026-03-02T09:00:00 case show "$out" --format tsv
contains "$out" "materials.accept	[x] id, [x] property" "both recorded"
contains "$out" "event	2" "as a second event of the same action"
now 2026-03-02T09:00:00 case new --region national --category lv-resident --name "钱八" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地8号" --capacity 8 --unit kW --materials id,passport-photo
is "$rc" 2 "materials outside the checklist (docs/domain §6) are refused"
contains "$err" "passport-photo" "naming the item"
now 2026-03-02T10:00:00 case event "$case1" done accept
is "$rc" 0 "acceptance completed"
# tianjin-2025 hv-dual plan 20 WD from Mon 03-02: 03-03..06 (4), 09..13 (9),
# 16..20 (14), 23..27 (19), 03-30 (20).
contains "$out" "plan	on-track	2026-03-30	20" "the plan clock runs: due 03-30, 20 WD left"

now 2026-03-10T10:00:00 case event "$case1" done plan --supply-point "110kV 某站" --line "10kV 某线"
is "$rc" 0 "supply plan replied"
contains "$out" "design	pending" "then the case waits for the customer's design"

now 2026-03-20T10:00:00 case event "$case1" start design
# design 3 WD from Fri 03-20: 03-23 (1), 03-24 (2), 03-25 (3).
contains "$out" "design	on-track	2026-03-25	3" "design review starts: due 03-25"
now 2026-03-20T11:00:00 case event "$case1" suspend --reason customer --note "客户要求暂缓"
contains "$out" "suspended" "a suspension shows the case as suspended at once"
now 2026-03-25T10:00:00 case event "$case1" resume
# suspended (03-20, 03-25] removes 03-23, 24, 25: 03-26 (1), 27 (2), 30 (3).
contains "$out" "design	on-track	2026-03-30	3" "after resuming, the due date moved by the 3 suspended WD"

now 2026-03-26T10:00:00 case event "$case1" done energise --meter-no 1234567890
is "$rc" 4 "energising before the inspections is refused (exit 4: the stage forbids it)"
contains "$err" "energise" "and the message names the stage"

now 2026-03-26T10:00:00 case event "$case1" done design --result pass
now 2026-04-01T10:00:00 case event "$case1" start midcheck
now 2026-04-02T10:00:00 case event "$case1" done midcheck --result rectify --notes "接地不合格"
contains "$out" "midcheck	suspended" "a rectification keeps the case in the stage, clock stopped"
now 2026-04-08T10:00:00 case event "$case1" start midcheck
now 2026-04-09T10:00:00 case event "$case1" done midcheck --result pass
is "$rc" 0 "mid-check passes after rectification"
now 2026-04-20T10:00:00 case event "$case1" start final
now 2026-04-21T10:00:00 case event "$case1" done final --result pass
# energise 3 WD from Tue 04-21: 04-22 (1), 04-23 (2), 04-24 (3).
contains "$out" "energise	on-track	2026-04-24	3" "energising clock starts with the completion inspection"
now 2026-04-23T10:00:00 case event "$case1" done energise --meter-no 1234567890
is "$rc" 0 "energised"
contains "$out" "done-on-time" "the case closed on time"

now 2026-04-23T11:00:00 case event "$case1" suspend --reason customer
is "$rc" 4 "nothing can happen to a closed case (exit 4)"

now 2026-04-23T11:00:00 case show "$case1" --format tsv
contains "$out" "status	closed" "case show: closed"
contains "$out" "on-time	yes" "case show: on time"
contains "$out" "clock	midcheck	2	2026-04-01" "case show lists the mid-check clock"
contains "$out" "id	9135**********0Y43" "the credit code is masked by default"
contains "$out" "phone	138****8000" "the phone is masked by default"
now 2026-04-23T11:00:00 case show "$case1" --format tsv --unmasked
contains "$out" "id	91350100M000100Y43" "--unmasked shows the full number"

# --- an LV 三零 case with a grid-upgrade filing ------------------------------
now 2026-03-02T09:00:00 case new --region national --category lv-sanling --name "李四小吃店" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "北京市某区某街2号" --capacity 30 --unit kW --appointment 2026-03-03
case2=$out
is "$rc" 0 "an LV 三零 case opens"
# whole 5 WD from the appointment Tue 03-03: 03-04 (1), 05 (2), 06 (3), 09 (4), 10 (5).
now 2026-03-04T09:00:00 case show "$case2" --format tsv
contains "$out" "clock	whole	5	2026-03-03	2026-03-10" "whole process: 5 WD from the appointment, due 03-10"
now 2026-03-04T10:00:00 case event "$case2" filing --upgrade "10kV 配变增容" \
	--why "需新建10kV线路, 工期三个月" --planned 2026-06-30
is "$rc" 0 "grid-upgrade filing accepted"
now 2026-03-20T10:00:00 case show "$case2" --format tsv
contains "$out" "clock	whole	5	2026-03-03	2026-06-30" "the filing moves the whole-process due date"
contains "$out" "filed" "and the clock says it is filed"
now 2026-03-20T10:00:00 case list --format tsv
contains "$out" "$case2" "the filed case is on the open list"
for cmd in "case list" "case show $case2"; do
	now 2026-03-20T10:00:00 $cmd --format csv
	is "$rc" 2 "$cmd --format csv is refused as usage (exit 2)"
	contains "$err" "--format 'csv'：应为 text 或 tsv" "naming the two formats there are"
	is "$out" "" "and prints nothing else"
done

# --- a correction is a new event pointing at the wrong one -------------------
now 2026-03-02T09:00:00 case new --region national --category lv-other --name "赵六五金店" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
	--address "某地3号" --capacity 50 --unit kW
case3=$out
now 2026-03-04T09:00:00 case event "$case3" done accept
wrong=$(sqlite3 "$db" "select uuid from events where case_no = '$case3' and seq = 2")
# accept was really completed on Tue 03-03, entered as 03-04 by mistake:
# national-2025 lv-other accept 1 WD from Mon 03-02 is due 03-03.
now 2026-03-04T09:00:00 case show "$case3" --format tsv
contains "$out" "clock	accept	1	2026-03-02	2026-03-03	2026-03-04	2	-1	done-late" "entered as 03-04 the acceptance is late"
now 2026-03-04T10:00:00 case event "$case3" correct --event "$wrong" --set effective=2026-03-03 \
	--reason "录入日期错误，实际3日完成" --late-reason "受理单上是3日"
is "$rc" 0 "a correction is accepted"
now 2026-03-04T10:00:00 case show "$case3" --format tsv
contains "$out" "clock	accept	1	2026-03-02	2026-03-03	2026-03-03	1	0	done-on-time" "with the corrected date the acceptance is on time"
contains "$out" "event	2	$wrong	done	2026-03-04" "the wrong event stays in the log as it was"
contains "$out" "event	3" "and the correction is a new event"
contains "$out" "corrects=$wrong" "pointing at the event it corrects"
now 2026-03-04T10:00:00 case event "$case3" correct --event "$wrong" --set effective=2026-03-03
is "$rc" 2 "a correction without a reason is refused"

# --- a changed rule file recomputes open cases --------------------------------
# a user's copy of national-2025 with the lv-other plan limit 3 -> 5 (and total 6 -> 8)
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
sed -e '/^category lv-other/,/^category/ s/^\([[:space:]]*stage plan\) 3 /\1 5 /' \
    -e '/^category lv-other/,/^category/ s/^\([[:space:]]*total\) 6/\1 8/' \
    "$top_srcdir/data/rules/national-2025.rules" > "$XDG_DATA_HOME/yekuo/rules/national-2025.rules"
now 2026-03-04T10:00:00 case show "$case3" --format tsv
# plan 5 WD from Tue 03-03: 03-04 (1), 05 (2), 06 (3), 09 (4), 10 (5).
contains "$out" "clock	plan	5	2026-03-03	2026-03-10" "a changed rule file moves the due date of an open case"
rm -r "$XDG_DATA_HOME/yekuo/rules"
now 2026-03-04T10:00:00 case show "$case3" --format tsv
contains "$out" "clock	plan	3	2026-03-03	2026-03-06" "and back when the user's file is removed"

# --- bad input: one clear message, exit 2, nothing written -------------------
count_events() { sqlite3 "$db" "select count(*) from events"; }
before=$(count_events)
now 2026-03-02T09:00:00 case new --region national --category lv-resident --name "张三" \
	--id-type resident-id --id 110105194912310021 --phone 13912345678 \
	--address "某地" --capacity 8 --unit kW
is "$rc" 2 "a resident ID with a wrong check digit is refused"
contains "$err" "id:" "the message names the field"
now 2026-03-02T09:00:00 case new --region atlantis --category lv-resident --name "张三" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地" --capacity 8 --unit kW
is "$rc" 2 "an unknown region is refused"
contains "$err" "region" "naming the region"
now 2026-03-02T09:00:00 case new --region national --category lv-resident --name "张三" \
	--id-type resident-id --id 11010519491231002X --phone 13912345678 \
	--address "某地" --capacity abc --unit kW
is "$rc" 2 "a non-number capacity is refused"
contains "$err" "capacity" "naming the capacity"
now 2026-03-02T09:00:00 case new --region national --category lv-resident --name "张三"
is "$rc" 2 "missing fields are refused"
now 2026-03-02T09:00:00 case new --region national --category lv-sanling --name "某某商贸" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
	--address "某地" --capacity 100 --unit kW --split-application
is "$rc" 2 "a split application (拆分报装) cannot be a 三零 case"
contains "$err" "拆分报装" "and the message says why"
now 2026-03-02T09:00:00 case new --region tianjin --category lv-charging --name "某充电站" \
	--id-type uscc --id 91350100M000100Y43 --phone 13912345678 \
	--address "某地" --capacity 60 --unit kW
is "$rc" 2 "a category the region's profile does not define is refused"
contains "$err" "category:" "naming the category"
now 2026-03-02T09:00:00 case event NOPE-1 done accept
is "$rc" 3 "an event on an unknown case is refused (exit 3, as case show)"
now 2026-03-05T09:00:00 case event "$case2" done plan --date 2026-03-09
is "$rc" 2 "a date in the future is refused"
now 2026-03-05T09:00:00 case event "$case2" done accept --date 2026-03-03
is "$rc" 2 "a back-dated entry without a reason is refused"
contains "$err" "late" "and the message asks for the late-entry reason"
is "$(count_events)" "$before" "none of the refused actions wrote anything"

now 2026-03-05T09:00:00 case event "$case2" done accept --date 2026-03-03 --late-reason "系统故障当日未录入"
is "$rc" 0 "a late entry with a reason is stored"
now 2026-03-05T09:00:00 case show "$case2"
contains "$out" "补录" "and it is flagged on the case"

# --- the clock override is for training databases only -----------------------
real=$TEST_HOME/real.db
YEKUO_DB=$real run "$YEKUO" init --office R1
is "$rc" 0 "a normal database is created"
YEKUO_DB=$real YEKUO_NOW=2026-01-01T00:00:00 run "$YEKUO" case list
is "$rc" 2 "a real database refuses YEKUO_NOW"
contains "$err" "training" "explaining why"

# --- verify ---------------------------------------------------------------------
now 2026-04-23T11:00:00 verify
is "$rc" 0 "verify passes on an untouched database"
sqlite3 "$db" "update events set data = replace(data, '800', '80') where seq = 1 and case_no = '$case1'" 2>/dev/null
now 2026-04-23T11:00:00 verify
is "$rc" 0 "the append-only trigger stops an edit made with the sqlite3 shell"
sqlite3 "$db" "update cases set name = '王五' where case_no = '$case2'"
now 2026-04-23T11:00:00 verify
is "$rc" 6 "verify fails when a case summary row is edited (exit 6, damaged)"
contains "$out" "$case2: 案件摘要与其事件不符" "naming the case whose summary differs"
# a trigger dropped on a file, switched off on a server (docs/deploy.md)
off() { if on_file; then echo "drop trigger $1"; else echo "alter table events disable trigger $1"; fi; }
sqlite3 "$db" "$(off events_no_update); update events set data = replace(data, 'capacity=800', 'capacity=80') where seq = 1 and case_no = '$case1'"
now 2026-04-23T11:00:00 verify
is "$rc" 6 "verify fails after an event was altered behind its back"
contains "$out" "$case1: 事件 #1" "naming the case and the event"
contains "$out" "记录之后被改动过" "and saying it was altered"
contains "$out" "只增保护被去掉了" "and that the guards were removed"

sqlite3 "$db" "$(off events_no_delete); delete from events where seq = 3 and case_no = '$case1'"
now 2026-04-23T11:00:00 verify
contains "$out" "缺少事件 #3" "a removed event is reported"

printf 'this is not a database\n' > "$TEST_HOME/junk.db"
YEKUO_DB=$TEST_HOME/junk.db run "$YEKUO" case list
is "$rc" 6 "a non-SQLite file is refused (exit 6)"
contains "$err" "不是 yekuo 的数据库" "with a clear message"
is "$(cat "$TEST_HOME/junk.db")" "this is not a database" "and the file is left untouched"
: > "$TEST_HOME/empty.db"
YEKUO_DB=$TEST_HOME/empty.db run "$YEKUO" case list
is "$rc" 6 "an empty (truncated) file is refused (exit 6)"
if on_file; then
	sqlite3 "$TEST_HOME/newer.db" "pragma application_id = 1497713493; pragma user_version = 99; create table t(x);"
	YEKUO_DB=$TEST_HOME/newer.db run "$YEKUO" case list
	is "$rc" 6 "a database from a newer yekuo is refused (exit 6: not one it can read)"
	contains "$err" "newer" "saying it is newer"
else
	skip 2 "a newer server schema: tests/cli/pg.sh"
fi

done_testing
