#!/bin/sh
# Start the app, see its first screen, quit with q and with F10, and find the
# terminal restored (canonical mode and echo back on).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/lib.sh"

start_app --
shows "yekuo" "the first screen shows the app's name"
shows "q" "the bottom line shows the quit key"
keys q
shows "EXIT=0" "q quits with status 0"
shows "icanon echo" "the terminal is back in canonical mode with echo"
stop_app

start_app --
shows "yekuo" "second start shows the first screen"
keys F10
shows "EXIT=0" "F10 quits with status 0"
stop_app

done_testing
