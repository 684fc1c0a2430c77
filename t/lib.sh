# t/lib.sh - a tiny TAP library for the shell tests.
# Each test script runs in a scratch directory of its own, t/trash/NAME,
# with the build tree's commands first on PATH and a fixed environment.
top=$(cd "$(dirname "$0")/.." && pwd)
name=$(basename "$0" .t)
trash=$top/t/trash/$name
rm -rf "$trash" && mkdir -p "$trash" && cd "$trash" || exit 1
PATH=$top:$PATH
RS_DB=$trash/rs.db
RS_USER=tester
LC_ALL=C.UTF-8
# every step is dated (-n): the clock reads as each one claims, so that
# the written time is the claimed one; t/clock.t sets a clock of its own
RS_CLOCK=claimed
export PATH RS_DB RS_USER LC_ALL RS_CLOCK
unset RS_BUSY_TIMEOUT RS_SENDMAIL TZ COLUMNS RS_OFFICE
umask 022

# RS_TEST_BACKEND=pg (t/pg-suite.sh, the second run of make check): the
# store is the office main of a database of this test's own, made afresh
# on the cluster whose socket directory RS_TEST_PG names.
case ${RS_TEST_BACKEND:-sqlite} in
sqlite) ;;
pg)
	_pgdb=t_$(printf '%s' "$name" | tr -c 'a-z0-9' '_')
	RS_DB="postgresql:///$_pgdb?host=$RS_TEST_PG&user=rs"
	psql -X -q -v ON_ERROR_STOP=1 \
	    -d "postgresql:///rs?host=$RS_TEST_PG&user=rs" \
	    -c "SET client_min_messages = warning" \
	    -c "DROP DATABASE IF EXISTS $_pgdb WITH (FORCE)" \
	    -c "CREATE DATABASE $_pgdb" >/dev/null || {
		echo "Bail out! no database $_pgdb on $RS_TEST_PG"
		exit 1
	}
	;;
*)
	echo "Bail out! RS_TEST_BACKEND: sqlite or pg, not \"$RS_TEST_BACKEND\""
	exit 1
esac

# checked_as STORE: how the lines of rs-admin check name STORE, a file
# by its path, an office on a server by the URI and the office; and
# $checked, how they name this test's store
checked_as() {
	case $1 in
	postgresql:*|postgres:*)
		printf '%s: office "%s"' "$1" "${RS_OFFICE:-main}" ;;
	*)
		printf '%s' "$1" ;;
	esac
}
checked=$(checked_as "$RS_DB")

_n=0
_failed=0

plan() {
	echo "1..$1"
}

# TODO=reason before a check marks a known gap the way TAP does: it is
# reported, and prove does not count it as a failure.
_result() {	# status description
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2${TODO:+ # TODO $TODO}"
	elif [ -n "${TODO:-}" ]; then
		echo "not ok $_n - $2 # TODO $TODO"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

_show() {	# file: indent it as TAP diagnostics
	sed 's/^/# /' "$1"
}

# check DESC CMD: CMD exits 0
check() {
	sh -c "$2" >out 2>err
	st=$?
	[ $st -eq 0 ] || { echo "# exit $st"; _show err; }
	_result $st "$1"
}

# check_out DESC CMD <<EOF expected stdout EOF: exit 0, stdout exact
check_out() {
	cat >expected
	sh -c "$2" >out 2>err
	st=$?
	if [ $st -ne 0 ]; then
		echo "# exit $st"
		_show err
	elif ! diff -u expected out >diff; then
		_show diff
		st=1
	fi
	_result $st "$1"
}

# check_err DESC STATUS STDERR CMD: exit STATUS, stderr exactly STDERR
check_err() {
	printf '%s\n' "$3" >expected
	sh -c "$4" >out 2>err
	st=$?
	r=0
	if [ $st -ne "$2" ]; then
		echo "# exit $st, expected $2"
		_show err
		r=1
	elif ! diff -u expected err >diff; then
		_show diff
		r=1
	fi
	_result $r "$1"
}

# sql SQL: run SQL on the store $RS_DB, printing rows as sqlite3 does
# (columns between |, NULL empty), whichever the backend (t/sql)
sql() {
	"$top/t/sql" "$1"
}

# on STORE CMD...: CMD (sql, check_sql, ...) on the store STORE instead
on() {
	_on_db=$RS_DB
	RS_DB=$1
	shift
	"$@"
	_on_st=$?
	RS_DB=$_on_db
	return $_on_st
}

# sql_cmd: sql above as a command line, for a check's command (a
# shell of its own, without this file's functions): then the SQL
sql_cmd() {
	printf "'%s'\n" "$top/t/sql"
}

# sql_csv SELECT: its rows as CSV with a header line, as sqlite3 -csv
# -header prints them, whichever the backend
sql_csv() {
	case $RS_DB in
	postgres*)
		sql "COPY ($1) TO STDOUT WITH (FORMAT csv, HEADER)"
		;;
	*)
		sqlite3 -csv -header "$RS_DB" "$1"
	esac
}

# new_store: no store at $RS_DB any more, for an rs-admin init afresh:
# the file and its sides removed, or the office (RS_OFFICE, else main)
# dropped with all it holds
new_store() {
	case $RS_DB in
	postgres*)
		sql "DROP SCHEMA IF EXISTS ${RS_OFFICE:-main} CASCADE" >/dev/null
		;;
	*)
		rm -f "$RS_DB" "$RS_DB-wal" "$RS_DB-shm"
	esac
}

# store_for NAME: the RS_DB of a second store of this test's, named NAME,
# empty: $trash/NAME.db, or a database of its own on the test cluster
store_for() {
	case ${RS_TEST_BACKEND:-sqlite} in
	pg)
		psql -X -q -v ON_ERROR_STOP=1 \
		    -d "postgresql:///rs?host=$RS_TEST_PG&user=rs" \
		    -c "SET client_min_messages = warning" \
		    -c "DROP DATABASE IF EXISTS ${_pgdb}_$1 WITH (FORCE)" \
		    -c "CREATE DATABASE ${_pgdb}_$1" >/dev/null || return 1
		echo "postgresql:///${_pgdb}_$1?host=$RS_TEST_PG&user=rs"
		;;
	*)
		rm -f "$trash/$1.db" "$trash/$1.db-wal" "$trash/$1.db-shm"
		echo "$trash/$1.db"
	esac
}

# check_sql DESC SQL EXPECTED: what SQL prints on $RS_DB (sql above)
check_sql() {
	printf '%s\n' "$3" >expected
	sql "$2" >out 2>err
	st=$?
	r=0
	if [ $st -ne 0 ]; then
		_show err
		r=1
	elif ! diff -u expected out >diff; then
		_show diff
		r=1
	fi
	_result $r "$1"
}

# ok DESC CONDITION...: a plain assertion
ok() {
	d=$1
	shift
	"$@"
	_result $? "$d"
}

done_testing() {
	[ $_failed -eq 0 ]
}

# SQL that takes a current database back to schema 7, then 6, then 5:
# tests of older files undo the later steps and then their own
undo_step8="drop table access_codes; drop table web_hits;"
undo_step7="$undo_step8 drop table event_data;"
undo_step6="$undo_step7 drop trigger requests_fts_insert; drop trigger requests_fts_update;
    drop table requests_fts; drop table users; drop table links;
    alter table requests drop column address;
    alter table requests drop column anonymous;
    alter table requests drop column representative_name;
    alter table requests drop column representative_id_number;
    alter table requests drop column representative_email;
    alter table requests drop column representative_phone;
    alter table requests drop column priority_reason;
    alter table events drop column written_at;
    alter table events drop column time_reason;"
