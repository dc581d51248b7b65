#!/bin/sh
# tests/cli/sync-liveness.sh against a throwaway PostgreSQL server (tests/pg-yekuo.sh)
YEKUO_TEST_PG=1 exec "${SHELL:-/bin/sh}" "$top_srcdir/tests/cli/sync-liveness.sh"
