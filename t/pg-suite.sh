#!/bin/sh
# t/pg-suite.sh TEST... - the tests again, on PostgreSQL: one private
# cluster (t/pg.sh) for the run, each test file a database of its own
# in it (t/lib.sh, RS_TEST_BACKEND=pg); prove's status is ours.
# make check runs it after the suite on SQLite.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/t/pg.sh"
dir=$top/t/trash/pg-suite
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'pg_stop' EXIT
trap 'exit 1' HUP INT TERM
if ! pg_start "$dir"; then
	echo "pg-suite: no PostgreSQL cluster for the tests (above)" >&2
	exit 1
fi
RS_TEST_BACKEND=pg
RS_TEST_PG=$PG_SOCK
export RS_TEST_BACKEND RS_TEST_PG
prove -e '' "$@"
