#!/bin/bash
# The bash completion (completion/yekuo) driven as bash drives it:
# COMP_WORDS and COMP_CWORD set, _yekuo called, COMPREPLY read. Commands,
# sub-commands, options and their values come from the program; case
# numbers from the database named on the line; regions and categories from
# the rule files, so a rule file the user adds is offered at once.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/completion/yekuo"

# comp WORD…: complete the last word; $reply is COMPREPLY, space-separated
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_yekuo
	reply="${COMPREPLY[*]}"
}
Y=$YEKUO

is "$(complete -p yekuo)" "complete -F _yekuo yekuo" "the script registers _yekuo for yekuo"

comp "$Y" ""
is "$reply" "calendar rules limits init config server case report export import verify seal sync help" \
	"the commands, in the order of yekuo help"
comp "$Y" ca
is "$reply" "calendar case" "a command by its first letters"
comp "$Y" --
is "$reply" "--db --help --version" "the options before a command"
comp "$Y" config ""
is "$reply" "set" "config's sub-command (show is the default)"
comp "$Y" config set --
is "$reply" "--clerk" "config set's option"
comp "$Y" case ""
is "$reply" "new event show list receipt" "case's sub-commands"
comp "$Y" sync res
is "$reply" "resolve" "a sub-command by its first letters"
comp "$Y" case list --
is "$reply" "--all --open --due-within --overdue --owner --fast-lane --promise --follow-up --incomplete --limit --format" "case list's options"
comp "$Y" case show X --format ""
is "$reply" "text tsv" "the values --format takes"
comp "$Y" case new --capacity 8 --unit k
is "$reply" "kW kVA" "the values --unit takes, after other options"
comp "$Y" case event X ""
is "$reply" "start materials done suspend resume filing correct withdraw permit-apply permit-grant assign contract fast-lane follow-up cost survey" "event kinds"
comp "$Y" case event X done ""
is "$reply" "accept plan design midcheck final energise" "then stages"
# each kind's own options, from the field table the parser reads
comp "$Y" case event X suspend --
is "$reply" "--reason --note --late-reason --date --set" "suspend's options"
comp "$Y" case event X suspend --reason ""
is "$reply" "customer force-majeure external-blocked demand-registered" "the suspension reasons --reason takes"
comp "$Y" case event X done design --res
is "$reply" "--result" "done's options after the stage"
comp "$Y" case event X done design --result r
is "$reply" "rectify" "an inspection's results"
comp "$Y" case event X withdraw --
is "$reply" "--reason --late-reason --date --set" "withdraw's options, not suspend's"
comp "$Y" case event X resume --note ""
is "$reply" "" "nothing to offer for free text"
comp "$Y" case event X nonsense --
is "$reply" "" "no options for a kind that does not exist"
comp "$Y" rules show n
is "$reply" "national-2021 national-2025 ningxia-2025" "profiles from the rule files"
comp "$Y" report filing --month 2026-03 --region t
is "$reply" "tianjin" "a region from the rule files"
comp "$Y" limits --region = ji # bash gives --region=ji as three words
is "$reply" "jining" "also after --region= (bash splits at the =)"
comp "$Y" limits --region tianjin --category hv
is "$reply" "hv-single hv-dual" "categories from the rule files"

# a rule file of the user's own adds its region at once
mkdir -p "$XDG_DATA_HOME/yekuo/rules"
sed -e 's/^profile tianjin-2025/profile testland-2025/' -e 's/^region tianjin/region testland/' \
	"$top_srcdir/data/rules/tianjin-2025.rules" >"$XDG_DATA_HOME/yekuo/rules/testland-2025.rules"
comp "$Y" limits --region te
is "$reply" "testland" "a region the user added"
rm "$XDG_DATA_HOME/yekuo/rules/testland-2025.rules"

# case numbers from the database: YEKUO_DB, or --db on the line
db=$TEST_HOME/comp.db
export YEKUO_NOW=2026-03-02T09:00:00
"$YEKUO" --db "$db" init --training --office A >/dev/null
n=0
for r in tianjin tianjin national; do
	n=$((n + 1))
	"$YEKUO" --db "$db" case new --region "$r" --category lv-resident --name 张三 \
		--id-type resident-id --id 11010519491231002X --phone 13912345678 \
		--address "某地${n}号" --capacity 8 --unit kW >/dev/null
done
comp "$Y" --db "$db" case show ""
is "$reply" "CN-2026-A-00001 TJ-2026-A-00001 TJ-2026-A-00002" "every case number of --db's database"
comp "$Y" --db "$db" case event TJ
is "$reply" "TJ-2026-A-00001 TJ-2026-A-00002" "the case numbers that begin as typed"
comp "$Y" --db "$db" sync conflicts C
is "$reply" "CN-2026-A-00001" "sync conflicts takes a case number too"
YEKUO_DB=$db comp "$Y" case receipt TJ-2026-A-00002
is "$reply" "TJ-2026-A-00002" "from YEKUO_DB as well"
comp "$Y" --db "$TEST_HOME/none.db" case show ""
is "$reply" "" "no database: nothing offered, and nothing created"
ok "$([ ! -e "$TEST_HOME/none.db" ]; echo $?)" "the database named was not created"

# files where a file is wanted
touch "$TEST_HOME/cases.csv"
comp "$Y" import cases "$TEST_HOME/cases.c"
is "$reply" "$TEST_HOME/cases.csv" "import cases completes a file name"
comp "$Y" --db "$TEST_HOME/co"
is "$reply" "$TEST_HOME/comp.db $TEST_HOME/comp.db.key" "--db completes a file name (the database and its key file)"

# the words come from the binary on the line: the table yekuo help prints
n_help=$("$YEKUO" help | grep -c '^  [a-z]')
n_comp=$("$YEKUO" help --complete commands | wc -l)
is "$n_comp" "$n_help" "one synopsis per command of yekuo help"

done_testing
