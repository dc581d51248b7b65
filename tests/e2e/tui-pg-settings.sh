#!/bin/sh
# 设置 (O) in the terminal app on a hall's PostgreSQL server (docs/deploy.md
# section 3a): a clerk saves their own display name there; the office's
# settings are refused to a clerk, naming the role to grant, and nothing is
# kept; the owner saves them and every clerk sees them.
# Skipped when PostgreSQL is not installed or yekuo was built without libpq.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/pg-lib.sh"
trap 'e2e_cleanup; pg_stop' EXIT

"$YEKUO" server init "$(uri admin)" --office HALL1 --training >/dev/null
sql admin "CREATE ROLE clerk_a LOGIN IN ROLE yekuo_clerk"
at 2026-03-02T09:00:00

# --- a clerk: the hall's name refused ---------------------------------------------
YEKUO_DB=$(uri clerk_a)
export YEKUO_DB
start_tui 100 24 --
lacks "首次使用" "a server never opens on the first-start settings screen"
keys O
shows "营业厅名称" "O opens the settings screen on the server"
type_text "和平区供电营业厅"
keys F2
shows "未保存：" "a clerk's change of the hall's name is not saved"
shows "GRANT yekuo_admin TO clerk_a" "saying which role may"
keys Escape
stop_app
is "$(sql admin "SELECT count(*) FROM office_settings")" 0 "nothing was kept"

# --- a clerk: their own display name -------------------------------------------------
start_tui 100 24 --
keys O
shows "营业厅名称" "the settings screen again"
keys Enter Enter Enter Enter Enter Enter
type_text "张晓"
keys F2
shows "设置已保存" "a clerk saves their own display name"
stop_app
run "$YEKUO" config --format tsv
contains "$out" "clerk-name	张晓" "kept for the clerk's role"

# --- the owner: the hall's name -------------------------------------------------------
YEKUO_DB=$(uri admin)
export YEKUO_DB
start_tui 100 24 --
keys O
type_text "和平区供电营业厅"
keys F2
shows "设置已保存" "the owner saves the hall's name"
stop_app
YEKUO_DB=$(uri clerk_a) run "$YEKUO" config --format tsv
contains "$out" "hall-name	和平区供电营业厅" "which the clerk sees"
contains "$out" "clerk-name	张晓" "beside their own name"

done_testing
