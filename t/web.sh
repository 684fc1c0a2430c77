# t/web.sh - a real lighttpd serving rs-web, for the shell tests and the demo.
#
# Sourced after t/lib.sh (or with $top set to the source tree):
#
#	. "$(dirname "$0")/lib.sh"
#	. "$top/t/web.sh"
#	trap 'web_stop' EXIT
#	trap 'exit 1' HUP INT TERM
#	rs-admin init
#	ok 'lighttpd serves rs-web' web_start "$trash/web"
#	curl -s "$WEB_URL/consulta"
#
# The server is share/rs/examples/lighttpd.conf itself, the office's
# reference configuration, with its var. lines set for DIR: a port of
# 127.0.0.1 found free, the document root DIR/htdocs (empty), the request
# bodies in DIR/uploads, the logs in DIR/log (error.log, access.log).
# DIR/lighttpd.conf is what runs; `lighttpd -tt` checks it first.  The
# server runs in the foreground (-D) as a child of this shell, so it goes
# when web_stop or the test's end stops it, and nothing is left behind:
# no pid file, no daemon.
#
# Who it runs as: the caller, when not root (the example's
# server.username and server.groupname lines are taken out, as lighttpd
# can change user only when started as root).  As root, WEB_USER must name
# the unprivileged user it becomes, as an office runs it: rs-web then
# runs as that user, with its groups (initgroups), and web_start checks
# that it can run rs-web and write what lighttpd writes as it.
# WEB_USER=root keeps it root, as when not root it keeps the caller: for
# make demo run by root on its own machine, never for an office.
#
# Every function returns non-zero when it fails, after saying why as TAP
# diagnostics ("# ..."), so that the caller's check fails, never skips;
# none waits longer than it is told.
#
# Functions:
#   web_start DIR	write DIR/lighttpd.conf, start it, wait until it
#			answers; sets WEB_DIR, WEB_URL (http://127.0.0.1:PORT)
#			and WEB_PID
#   web_stop		stop it and wait until it is gone; safe to call
#			twice, or without a web_start
#   web_log		the server's error log, as TAP diagnostics
#
# Settings, read by web_start:
#   WEB_CGI	the program (default $top/rs-web)
#   WEB_DB	RS_DB for it (default $RS_DB): a file, or a PostgreSQL URI,
#		whose office RS_OFFICE names when set
#   WEB_ACTOR	RS_USER for it, the name its requests are registered by
#		(default web)
#   WEB_USER	as root: the Unix user to run as (required); its group is
#		WEB_GROUP, default the user's own
#   WEB_WAIT	how long to wait for it to answer, in seconds (10)
#   RS_CLOCK	passed on to rs-web when set, so that a test's clock holds
#		for it (t/lib.sh, rs(7))
#   RS_OFFICE	passed on to rs-web when set: the office of a PostgreSQL
#		database
#   WEB_EXAMPLE	the configuration to run (default
#		$top/share/rs/examples/lighttpd.conf)

WEB_DIR=
WEB_URL=
WEB_PID=

_web_diag() {	# MESSAGE...: one line of TAP diagnostics
	printf '# %s\n' "$*"
}

_web_show() {	# FILE: a file as TAP diagnostics, if it says anything
	[ -s "$1" ] && sed 's/^/#   /' "$1"
	return 0
}

_web_sleep() {	# a tenth of a second, or a second where sleep takes no fraction
	sleep 0.1 2>/dev/null || sleep 1
}

# _web_quote STRING: STRING as a lighttpd string, in double quotes
# (_web_plain has made sure it needs no escapes)
_web_quote() {
	printf '"%s"' "$1"
}

# _web_plain STRING...: each fits in a lighttpd string as it is, and in
# the sed command that puts it there (_web_set escapes an &, which a
# PostgreSQL URI has between its parameters)
_web_plain() {
	for _web_s; do
		case $_web_s in
		*[\"\\\|]* | *'
'*)
			_web_diag "web_start: $_web_s: no quotes, backslashes, | or new lines, please"
			return 1
		esac
	done
}

# _web_free_port: a TCP port of 127.0.0.1 that no one listens on now
_web_free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# _web_as CMD...: CMD as the user lighttpd runs as
_web_as() {
	if [ -n "${WEB_USER:-}" ]; then
		setpriv --reuid="$WEB_USER" --regid="$_web_group" --init-groups "$@"
	else
		"$@"
	fi
}

# web_start DIR: write DIR/lighttpd.conf and run it until web_stop
web_start() {
	if [ $# -ne 1 ] || [ -z "$1" ]; then
		_web_diag "usage: web_start DIR"
		return 1
	fi
	web_stop || return 1
	if ! command -v lighttpd >/dev/null 2>&1; then
		_web_diag "lighttpd is not installed: run scripts/deps.sh as root"
		return 1
	fi
	if ! command -v python3 >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
		_web_diag "python3 and curl are needed: run scripts/deps.sh as root"
		return 1
	fi
	_web_x=${WEB_EXAMPLE:-$top/share/rs/examples/lighttpd.conf}
	_web_cgi=${WEB_CGI:-$top/rs-web}
	_web_db=${WEB_DB:-${RS_DB:-}}
	_web_actor=${WEB_ACTOR:-web}
	if [ ! -f "$_web_x" ]; then
		_web_diag "web_start: no $_web_x (set WEB_EXAMPLE)"
		return 1
	fi
	if [ ! -x "$_web_cgi" ]; then
		_web_diag "web_start: $_web_cgi: no such program (build it with make, or set WEB_CGI)"
		return 1
	fi
	if [ -z "$_web_db" ]; then
		_web_diag "web_start: no database: set WEB_DB or RS_DB"
		return 1
	fi
	mkdir -p "$1" && _web_d=$(cd "$1" && pwd -P) || {
		_web_diag "web_start: cannot make $1"
		return 1
	}
	_web_cgi=$(cd "$(dirname "$_web_cgi")" && pwd -P)/$(basename "$_web_cgi")
	case $_web_db in
	/* | postgres://* | postgresql://*) ;;
	*) _web_db=$(pwd -P)/$_web_db ;;
	esac

	_web_plain "$_web_cgi" "$_web_db" "$_web_d" "$_web_actor" \
	    "${WEB_USER:-}" "${WEB_GROUP:-}" "${RS_CLOCK:-}" \
	    "${RS_OFFICE:-}" || return 1

	# who the server runs as
	if [ "$(id -u)" -eq 0 ]; then
		if [ -z "${WEB_USER:-}" ]; then
			_web_diag "web_start: run as root, set WEB_USER to the user lighttpd and rs-web run as"
			return 1
		fi
		if ! _web_uid=$(id -u "$WEB_USER" 2>/dev/null); then
			_web_diag "web_start: WEB_USER: no such user \"$WEB_USER\""
			return 1
		fi
		_web_group=${WEB_GROUP:-$(id -gn "$WEB_USER")}
		if [ "$_web_uid" -eq 0 ] && [ "$WEB_USER" != root ]; then
			_web_diag "web_start: WEB_USER: \"$WEB_USER\" has uid 0; say root if root is meant"
			return 1
		fi
	elif [ -n "${WEB_USER:-}" ]; then
		_web_diag "web_start: WEB_USER is for root; lighttpd runs as $(id -un) here"
		return 1
	fi

	rm -rf "${_web_d:?}/htdocs" "$_web_d/uploads" "$_web_d/log" \
	    "$_web_d/lighttpd.conf" &&
	mkdir -p "$_web_d/htdocs" "$_web_d/uploads" "$_web_d/log" &&
	chmod 755 "$_web_d" "$_web_d/htdocs" &&
	chmod 700 "$_web_d/uploads" "$_web_d/log" || {
		_web_diag "web_start: cannot make the directories of $_web_d"
		return 1
	}
	if [ -n "${WEB_USER:-}" ] && [ "$WEB_USER" != root ]; then
		chown "$WEB_USER:$_web_group" "$_web_d/uploads" "$_web_d/log" || {
			_web_diag "web_start: cannot give $_web_d/uploads and log to $WEB_USER"
			return 1
		}
		for _web_f in "$_web_d/log" "$_web_d/uploads"; do
			_web_as test -w "$_web_f" && continue
			_web_diag "web_start: $WEB_USER cannot write in $_web_f: is every directory above it searchable by others?"
			return 1
		done
		if ! _web_as test -x "$_web_cgi"; then
			_web_diag "web_start: $WEB_USER cannot run $_web_cgi: is every directory above it searchable by others?"
			return 1
		fi
		# a file it must write; an office on PostgreSQL the server
		# lets the URI's role write, whoever connects
		case $_web_db in
		postgres://* | postgresql://*) ;;
		*)
			if ! _web_as test -w "$_web_db" || ! _web_as test -w "$(dirname "$_web_db")"; then
				_web_diag "web_start: $WEB_USER cannot write $_web_db and its directory (rs-web writes there, its -wal and -shm too)"
				return 1
			fi
		esac
	fi

	_web_tries=0
	while :; do
		_web_tries=$((_web_tries + 1))
		_web_conf "$_web_x" "$(_web_free_port)" || return 1
		if ! lighttpd -tt -f "$_web_d/lighttpd.conf" >"$_web_d/log/check.out" 2>&1 ||
		    [ -s "$_web_d/log/check.out" ]; then
			_web_diag "web_start: lighttpd -tt -f $_web_d/lighttpd.conf:"
			_web_show "$_web_d/log/check.out"
			return 1
		fi
		lighttpd -D -f "$_web_d/lighttpd.conf" \
		    >"$_web_d/log/stdout" 2>"$_web_d/log/stderr" </dev/null &
		WEB_PID=$!
		WEB_DIR=$_web_d
		WEB_URL=http://127.0.0.1:$_web_port
		_web_wait && return 0
		# a port taken between its choice and the start: another one
		if grep -q 'Address already in use' "$_web_d/log/stderr" \
		    "$_web_d/log/error.log" 2>/dev/null && [ $_web_tries -lt 5 ]; then
			web_stop >/dev/null
			continue
		fi
		_web_diag "web_start: lighttpd -D -f $_web_d/lighttpd.conf did not come up:"
		_web_show "$_web_d/log/stderr"
		_web_show "$_web_d/log/error.log"
		web_stop >/dev/null
		return 1
	done
}

# _web_conf EXAMPLE PORT: DIR/lighttpd.conf, the example with our values
_web_conf() {
	_web_port=$2
	_web_set() {	# NAME VALUE: the sed command for var.NAME
		printf 's|^var\\.%s = .*|var.%s = %s|\n' "$1" "$1" \
		    "$(printf '%s' "$2" | sed 's/&/\\&/g')"
	}
	{
		_web_set rs_web "$(_web_quote "$_web_cgi")" &&
		_web_set rs_db "$(_web_quote "$_web_db")" &&
		_web_set rs_actor "$(_web_quote "$_web_actor")" &&
		_web_set port "$_web_port" &&
		_web_set statedir "$(_web_quote "$_web_d")" &&
		_web_set logdir "$(_web_quote "$_web_d/log")" &&
		if [ -n "${WEB_USER:-}" ] && [ "$WEB_USER" != root ]; then
			_web_set web_user "$(_web_quote "$WEB_USER")" &&
			_web_set web_group "$(_web_quote "$_web_group")"
		else
			printf '/^server\\.username = /d\n/^server\\.groupname = /d\n'
		fi
	} >"$_web_d/conf.sed" || return 1
	{
		echo "# Written by t/web.sh from $1: its var. lines set for $_web_d."
		sed -f "$_web_d/conf.sed" "$1"
		if [ -n "${RS_CLOCK:-}" ]; then
			echo
			echo '# the test'"'"'s clock, for rs-web'
			echo "setenv.set-environment += ( \"RS_CLOCK\" => $(_web_quote "$RS_CLOCK") )"
		fi
		if [ -n "${RS_OFFICE:-}" ]; then
			echo
			echo '# the office in the database, for rs-web'
			echo "setenv.set-environment += ( \"RS_OFFICE\" => $(_web_quote "$RS_OFFICE") )"
		fi
	} >"$_web_d/lighttpd.conf" || {
		_web_diag "web_start: cannot write $_web_d/lighttpd.conf"
		return 1
	}
	rm -f "$_web_d/conf.sed"
	# every var. line of ours must have taken
	for _web_v in rs_web rs_db rs_actor port statedir logdir; do
		grep -q "^var\\.$_web_v = " "$_web_d/lighttpd.conf" && continue
		_web_diag "web_start: $1 has no line var.$_web_v = ...: it cannot be run for a test"
		return 1
	done
	if ! grep -q "^var\\.port = $_web_port\$" "$_web_d/lighttpd.conf"; then
		_web_diag "web_start: $1: var.port was not set"
		return 1
	fi
}

# _web_wait: until the server answers HTTP on its port, it exits, or
# WEB_WAIT seconds have passed
_web_wait() {
	_web_n=$(( ${WEB_WAIT:-10} * 10 ))
	while [ $_web_n -gt 0 ]; do
		if ! kill -0 "$WEB_PID" 2>/dev/null; then
			return 1
		fi
		_web_code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		    "$WEB_URL/" 2>/dev/null)
		case $_web_code in
		[1-5][0-9][0-9]) return 0 ;;
		esac
		_web_sleep
		_web_n=$((_web_n - 1))
	done
	_web_diag "web_start: no answer on $WEB_URL after ${WEB_WAIT:-10} s"
	return 1
}

# web_log: the error log as TAP diagnostics
web_log() {
	[ -n "$WEB_DIR" ] && _web_show "$WEB_DIR/log/error.log"
	return 0
}

# web_stop: stop the server started by web_start, and wait for it
web_stop() {
	[ -n "$WEB_PID" ] || return 0
	if kill -0 "$WEB_PID" 2>/dev/null; then
		kill -TERM "$WEB_PID" 2>/dev/null
		_web_n=50
		while kill -0 "$WEB_PID" 2>/dev/null && [ $_web_n -gt 0 ]; do
			_web_sleep
			_web_n=$((_web_n - 1))
		done
		if kill -0 "$WEB_PID" 2>/dev/null; then
			_web_diag "web_stop: lighttpd $WEB_PID did not stop in 5 s; killed"
			kill -KILL "$WEB_PID" 2>/dev/null
		fi
	fi
	wait "$WEB_PID" 2>/dev/null
	WEB_PID=
	return 0
}
