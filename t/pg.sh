# t/pg.sh - a private PostgreSQL cluster, for the tests of the server store.
#
# Sourced after t/lib.sh (or with $top set to the source tree):
#
#	. "$(dirname "$0")/lib.sh"
#	. "$top/t/pg.sh"
#	trap 'pg_stop' EXIT
#	trap 'exit 1' HUP INT TERM
#	ok 'a cluster of our own' pg_start "$trash/pg"
#	pg_sql 'CREATE SCHEMA bogota'
#	RS_OFFICE=bogota pg_sql 'SELECT count(*) FROM requests'
#
# The cluster is made by initdb in DIR/data (role rs, trusted, UTF-8,
# locale C.UTF-8) and its server listens on no TCP address, only on a
# Unix socket in a directory of /tmp made for it (a socket's path may
# not pass 107 bytes, and the test's directory can be deep).  The server
# runs in the foreground as a child of this shell, its log in
# DIR/log/postgres.log, so it goes when pg_stop or the test's end stops
# it, and nothing is left behind: no daemon, no socket directory.  The
# database rs is made in it, owned by rs.
#
# Who it runs as: PostgreSQL refuses to run as root.  When not root,
# initdb and the server run as the caller.  As root they run as PG_USER
# (default postgres, the user Debian's package makes), DIR/data and the
# socket directory given to it; every directory above DIR must then be
# searchable by it.  The clients (psql here, rs's commands in the
# tests) run as the caller and connect over the socket as role rs.
#
# Every function returns non-zero when it fails, after saying why as TAP
# diagnostics ("# ..."), so that the caller's check fails, never skips;
# none waits longer than it is told.
#
# Functions:
#   pg_start DIR	initdb DIR/data, start the server, wait until it
#			answers, make the database rs; sets PG_DIR, PG_SOCK
#			(the socket's directory), PG_URI and PG_PID
#   pg_stop		stop it (fast shutdown), wait until it is gone,
#			remove the socket's directory; safe to call twice,
#			or without a pg_start
#   pg_sql SQL...	each SQL in turn, or the standard input when none,
#			by psql on PG_URI (unaligned, tuples only, stop at
#			the first error); with RS_OFFICE set, in that
#			office's schema (search_path)
#   pg_log		the server's log, as TAP diagnostics
#   pg_standby DIR NAME	a streaming standby of the running cluster, made
#			by pg_basebackup -R in DIR/data, its socket in a
#			directory of its own, its walreceiver named NAME
#			(for synchronous_standby_names); sets SB_DIR,
#			SB_SOCK, SB_PID
#   pg_standby_stop	stop it, as pg_stop does the first
#
# Settings, read by pg_start:
#   PG_BINDIR	where initdb, pg_ctl and postgres are (default: what
#		pg_config --bindir says, else the newest of
#		/usr/lib/postgresql/*/bin)
#   PG_USER	as root: the Unix user the cluster runs as (postgres)
#   PG_FAST	1 (default): fsync, synchronous_commit and
#		full_page_writes off, for speed; 0 keeps PostgreSQL's
#		defaults, for a test of what survives a crash
#   PG_WAIT	how long to wait for the server to start or stop, in
#		seconds (30)

PG_DIR=
PG_SOCK=
PG_URI=
PG_PID=

# what the environment could say instead of PG_URI
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE \
    PGOPTIONS PGDATA PGSSLMODE

_pg_diag() {	# MESSAGE...: one line of TAP diagnostics
	printf '# %s\n' "$*"
}

_pg_show() {	# FILE: a file as TAP diagnostics, if it says anything
	[ -s "$1" ] && sed 's/^/#   /' "$1"
	return 0
}

_pg_sleep() {	# a tenth of a second, or a second where sleep takes no fraction
	sleep 0.1 2>/dev/null || sleep 1
}

# _pg_bindir: the directory of initdb and postgres, or nothing
_pg_bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"
		return
	fi
	_pg_b=$(pg_config --bindir 2>/dev/null)
	if [ -n "$_pg_b" ] && [ -x "$_pg_b/initdb" ] && [ -x "$_pg_b/postgres" ]; then
		echo "$_pg_b"
		return
	fi
	for _pg_b in /usr/lib/postgresql/*/bin; do
		[ -x "$_pg_b/initdb" ] && [ -x "$_pg_b/postgres" ] &&
		    echo "$_pg_b"
	done | sort -V | tail -n 1
}

# _pg_as CMD...: CMD as the user the cluster runs as
_pg_as() {
	if [ -n "$_pg_user" ]; then
		setpriv --reuid="$_pg_user" --regid="$_pg_group" --init-groups "$@"
	else
		"$@"
	fi
}

# _pg_dirs FUNC DIR: DIR/data and DIR/log made afresh and a socket
# directory in /tmp, all the cluster's user's; sets _pg_d (DIR's full
# path) and _pg_s (the socket directory)
_pg_dirs() {
	_pg_s=
	mkdir -p "$2" && _pg_d=$(cd "$2" && pwd -P) &&
	rm -rf "${_pg_d:?}/data" "$_pg_d/log" &&
	mkdir "$_pg_d/data" "$_pg_d/log" && chmod 700 "$_pg_d/data" || {
		_pg_diag "$1: cannot make $2/data and $2/log"
		return 1
	}
	if ! _pg_s=$(mktemp -d /tmp/rspg.XXXXXX); then
		_pg_diag "$1: cannot make a directory in /tmp for the socket"
		return 1
	fi
	[ -n "$_pg_user" ] || return 0
	if ! chown "$_pg_user:$_pg_group" "$_pg_d/data" "$_pg_d/log" "$_pg_s" ||
	    ! chmod 755 "$_pg_s"; then
		_pg_diag "$1: cannot give $_pg_d/data, $_pg_d/log and $_pg_s to $_pg_user"
		rm -rf "$_pg_s"
		return 1
	fi
	if ! _pg_as test -w "$_pg_d/data"; then
		_pg_diag "$1: $_pg_user cannot write in $_pg_d/data: is every directory above it searchable by others?"
		rm -rf "$_pg_s"
		return 1
	fi
}

# _pg_answers FUNC SOCK PID DIR: wait until the server PID answers on
# SOCK; its log (DIR/log) as diagnostics when it exits or never does
_pg_answers() {
	_pg_n=$(( ${PG_WAIT:-30} * 10 ))
	while ! psql -X -q -At -d "postgresql:///postgres?host=$2&user=rs" \
	    -c 'SELECT 1' >/dev/null 2>&1; do
		if ! kill -0 "$3" 2>/dev/null || [ $_pg_n -le 0 ]; then
			if kill -0 "$3" 2>/dev/null; then
				_pg_diag "$1: no answer on $2 after ${PG_WAIT:-30} s:"
			else
				_pg_diag "$1: $_pg_bin/postgres -D $4/data exited:"
			fi
			_pg_show "$4/log/postgres.log"
			return 1
		fi
		_pg_sleep
		_pg_n=$((_pg_n - 1))
	done
}

# _pg_halt PID: a fast shutdown (SIGINT: transactions rolled back, a
# checkpoint), SIGQUIT and SIGKILL when it takes too long; then reaped
_pg_halt() {
	[ -n "$1" ] || return 0
	kill -INT "$1" 2>/dev/null
	_pg_n=$(( ${PG_WAIT:-30} * 10 ))
	while kill -0 "$1" 2>/dev/null && [ $_pg_n -gt 0 ]; do
		_pg_sleep
		_pg_n=$((_pg_n - 1))
	done
	if kill -0 "$1" 2>/dev/null; then
		_pg_diag "pg_stop: postgres $1 did not stop in ${PG_WAIT:-30} s; killed"
		kill -QUIT "$1" 2>/dev/null
		_pg_sleep
		kill -KILL "$1" 2>/dev/null
	fi
	wait "$1" 2>/dev/null
}

# pg_start DIR: a new cluster in DIR/data, running until pg_stop
pg_start() {
	if [ $# -ne 1 ] || [ -z "$1" ]; then
		_pg_diag "usage: pg_start DIR"
		return 1
	fi
	pg_stop || return 1
	_pg_bin=$(_pg_bindir)
	if [ -z "$_pg_bin" ] || [ ! -x "$_pg_bin/initdb" ] ||
	    [ ! -x "$_pg_bin/postgres" ]; then
		_pg_diag "pg_start: no initdb and postgres${PG_BINDIR:+ in $PG_BINDIR}: run scripts/deps.sh as root (postgresql)"
		return 1
	fi
	if ! command -v psql >/dev/null 2>&1; then
		_pg_diag "pg_start: no psql: run scripts/deps.sh as root (postgresql)"
		return 1
	fi
	case ${PG_FAST:-1} in
	0) _pg_fast= ;;
	1) _pg_fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;;
	*)
		_pg_diag "pg_start: PG_FAST: 0 or 1, not \"$PG_FAST\""
		return 1
	esac

	# who the cluster runs as
	_pg_user=
	_pg_group=
	if [ "$(id -u)" -eq 0 ]; then
		_pg_user=${PG_USER:-postgres}
		if ! _pg_uid=$(id -u "$_pg_user" 2>/dev/null); then
			_pg_diag "pg_start: as root the cluster runs as PG_USER, and there is no user \"$_pg_user\" (Debian's postgresql package makes postgres)"
			return 1
		fi
		if [ "$_pg_uid" -eq 0 ]; then
			_pg_diag "pg_start: PG_USER: \"$_pg_user\" has uid 0, and PostgreSQL refuses to run as root"
			return 1
		fi
		_pg_group=$(id -gn "$_pg_user")
	elif [ -n "${PG_USER:-}" ]; then
		_pg_diag "pg_start: PG_USER is for root; the cluster runs as $(id -un) here"
		return 1
	fi

	_pg_dirs pg_start "$1" || return 1
	PG_SOCK=$_pg_s
	PG_DIR=$_pg_d
	if ! _pg_as "$_pg_bin/initdb" -D "$_pg_d/data" -A trust -U rs \
	    -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions \
	    >"$_pg_d/log/initdb.log" 2>&1 </dev/null; then
		_pg_diag "pg_start: $_pg_bin/initdb -D $_pg_d/data failed:"
		_pg_show "$_pg_d/log/initdb.log"
		pg_stop
		return 1
	fi
	# the server itself is the child, so that PG_PID is its pid: the
	# command, not a function (which the shell would run in a subshell)
	_pg_setpriv=
	[ -n "$_pg_user" ] && _pg_setpriv="setpriv --reuid=$_pg_user --regid=$_pg_group --init-groups"
	# shellcheck disable=SC2086	# _pg_setpriv, _pg_fast: words on purpose
	$_pg_setpriv "$_pg_bin/postgres" -D "$_pg_d/data" -c listen_addresses= \
	    -c unix_socket_directories="$PG_SOCK" $_pg_fast \
	    >"$_pg_d/log/postgres.log" 2>&1 </dev/null &
	PG_PID=$!
	PG_URI="postgresql:///rs?host=$PG_SOCK&user=rs"
	if ! _pg_answers pg_start "$PG_SOCK" "$PG_PID" "$_pg_d"; then
		pg_stop >/dev/null
		return 1
	fi
	if ! psql -X -q -v ON_ERROR_STOP=1 \
	    -d "postgresql:///postgres?host=$PG_SOCK&user=rs" \
	    -c 'CREATE DATABASE rs' >"$_pg_d/log/createdb.log" 2>&1; then
		_pg_diag "pg_start: CREATE DATABASE rs failed:"
		_pg_show "$_pg_d/log/createdb.log"
		pg_stop >/dev/null
		return 1
	fi
	return 0
}

# pg_sql SQL...: each statement, or the standard input, on PG_URI
pg_sql() {
	if [ -z "$PG_URI" ]; then
		_pg_diag "pg_sql: no cluster: pg_start first"
		return 1
	fi
	if [ $# -eq 0 ]; then
		set -- -f -
	else
		for _pg_s; do
			shift
			set -- "$@" -c "$_pg_s"
		done
	fi
	PGOPTIONS=${RS_OFFICE:+"-c search_path=$RS_OFFICE"} \
	    psql -X -q -At -v ON_ERROR_STOP=1 -d "$PG_URI" "$@"
}

# pg_log: the server's log as TAP diagnostics
pg_log() {
	[ -n "$PG_DIR" ] && _pg_show "$PG_DIR/log/postgres.log"
	return 0
}

# pg_stop: stop the server started by pg_start, and wait for it
pg_stop() {
	_pg_halt "$PG_PID"
	PG_PID=
	case $PG_SOCK in
	/tmp/rspg.*) rm -rf "$PG_SOCK" ;;
	esac
	PG_SOCK=
	PG_URI=
	return 0
}

# pg_standby DIR NAME: a standby of the cluster pg_start made, following
# it by streaming replication over its socket, until pg_standby_stop
pg_standby() {
	if [ $# -ne 2 ] || [ -z "$PG_PID" ]; then
		_pg_diag "usage: pg_standby DIR NAME, after pg_start"
		return 1
	fi
	pg_standby_stop
	_pg_dirs pg_standby "$1" || return 1
	SB_SOCK=$_pg_s
	SB_DIR=$_pg_d
	# -R: standby.signal and primary_conninfo, the primary's socket;
	# -c fast: a checkpoint at once, not one spread over minutes
	if ! _pg_as "$_pg_bin/pg_basebackup" -D "$_pg_d/data" -R -X stream -c fast \
	    -d "host=$PG_SOCK user=rs" --no-sync \
	    >"$_pg_d/log/basebackup.log" 2>&1 </dev/null; then
		_pg_diag "pg_standby: pg_basebackup failed:"
		_pg_show "$_pg_d/log/basebackup.log"
		pg_standby_stop
		return 1
	fi
	_pg_setpriv=
	[ -n "$_pg_user" ] && _pg_setpriv="setpriv --reuid=$_pg_user --regid=$_pg_group --init-groups"
	# shellcheck disable=SC2086	# _pg_setpriv, _pg_fast: words on purpose
	$_pg_setpriv "$_pg_bin/postgres" -D "$_pg_d/data" -c listen_addresses= \
	    -c unix_socket_directories="$SB_SOCK" -c cluster_name="$2" \
	    $_pg_fast >"$_pg_d/log/postgres.log" 2>&1 </dev/null &
	SB_PID=$!
	if ! _pg_answers pg_standby "$SB_SOCK" "$SB_PID" "$_pg_d"; then
		pg_standby_stop >/dev/null
		return 1
	fi
	return 0
}

# pg_standby_stop: stop the standby, and wait for it
pg_standby_stop() {
	_pg_halt "${SB_PID:-}"
	SB_PID=
	case ${SB_SOCK:-} in
	/tmp/rspg.*) rm -rf "$SB_SOCK" ;;
	esac
	SB_SOCK=
	return 0
}
