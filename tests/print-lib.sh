# A test CUPS for the printing tests (tests/cli/print.sh, tests/e2e/tui-print.sh),
# sourced after tests/lib.sh: skips when paps or the CJK font is missing,
# then puts on PATH a test `lp` that keeps each job in $LP_SPOOL (job.ps,
# job.args) and a test `lpstat` that answers as $LPSTAT_SAYS asks: default
# (a default printer "office"), none (no default), down (CUPS not running).
# LP_REFUSE=1 makes lp refuse the job as CUPS does.

if ! command -v paps >/dev/null 2>&1 || ! fc-list -q "Noto Sans Mono CJK SC" 2>/dev/null; then
	echo "1..0 # SKIP paps or fonts-noto-cjk is not installed (.ci/packages installs them)"
	exit 0
fi

bin=$TEST_HOME/bin
spool=$TEST_HOME/spool
mkdir -p "$bin" "$spool"
cat >"$bin/lpstat" <<'EOF'
#!/bin/sh
case "${LPSTAT_SAYS:-default}" in
default) echo "system default destination: office" ;;
none) echo "no system default destination" ;;
down) echo "lpstat: Bad file descriptor" >&2; exit 1 ;;
esac
EOF
cat >"$bin/lp" <<'EOF'
#!/bin/sh
if [ -n "$LP_REFUSE" ]; then
	echo "lp: The printer or class does not exist." >&2
	exit 1
fi
for a; do last=$a; done
/bin/cp "$last" "$LP_SPOOL/job.ps"
printf '%s\n' "$*" >"$LP_SPOOL/job.args"
echo "request id is office-7 (1 file(s))"
EOF
chmod +x "$bin/lpstat" "$bin/lp"
LP_SPOOL=$spool
PATH="$bin:$PATH"
export LP_SPOOL PATH
unset YEKUO_PRINTER LPDEST PRINTER LPSTAT_SAYS LP_REFUSE
