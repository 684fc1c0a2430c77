# t/postfix.sh - a real Postfix, as a private instance, for the shell tests.
#
# Sourced after t/lib.sh, by a test run as root:
#
#	. "$(dirname "$0")/lib.sh"
#	. "$top/t/postfix.sh"
#	PF=$trash/pf
#	trap 'pf_stop "$PF"' EXIT
#	trap 'exit 1' HUP INT TERM
#	mkdir db && chown "$PF_USER:" db	# where the pipe writes
#	PF_PIPE_CMD="rs-intake -m -d $trash/db/rs.db"
#	pf_mailbox jose@example.co		# before pf_start
#	ok 'postfix' pf_start "$PF"
#	RS_SENDMAIL=$PF/sendmail rs-notify -s acuse RS-2024-000001
#	ok 'delivered' pf_wait_idle 30
#
# The instance lives in DIR: its configuration in DIR/etc, its queue in
# DIR/spool, its data in DIR/data, its log in DIR/log/maillog, the virtual
# mailboxes in DIR/mail/ADDRESS/ (Maildirs).  pf_start always makes it
# afresh: an earlier queue, log or mailbox in DIR is removed.  It has no
# inet service: nothing listens on any address.  Mail comes in through
# DIR/sendmail, the instance's sendmail with -C DIR/etc (give it as
# $RS_SENDMAIL: it takes "-i -f FROM -- RCPT" and the rest of sendmail's
# options), through pf_smtp (its SMTP server, without a network), or as
# the bounces it makes itself.  Nothing leaves the machine
# (default_transport and relay_transport are error:), and /etc/postfix
# and the system's instance are read, never changed.
#
# Its routing:
#   - myhostname and mydomain are oficina.example.gov.co.  How the
#     intake addresses ($PF_INTAKE) are taken and delivered is the
#     office's, the settings of share/rs/examples/postfix-main.cf and the
#     transport rs of postfix-master.cf, with our user and command:
#     oficina.example.gov.co in mydestination, the addresses in
#     local_recipient_maps and, by transport_maps, to rs; with
#     recipient_delimiter = + so is pqrsd-rebotes+TOKEN@...  Another
#     address there bounces ("this test instance delivers nothing
#     locally"; through pf_smtp, "User unknown in local recipient table").
#   - the transport rs is pipe(8), flags=DORX (Delivered-To,
#     X-Original-To, Return-Path; final delivery), one recipient a run,
#     one run at a time, as $PF_USER.  It runs DIR/pipe.sh: the shell
#     command $PF_PIPE_CMD (see pf_pipe_cmd) with the message on its
#     standard input, in DIR/pipe, with the PATH and LC_ALL of pf_start.
#     Its exit status is what Postfix acts on: 0 delivered, 75 deferred
#     (tried again on pf_flush), others bounced to the sender.
#   - example.co, example.net, example.org and example.com are virtual
#     mailbox domains: an address given to pf_mailbox is delivered to the
#     Maildir DIR/mail/ADDRESS/; another bounces with "User unknown in
#     virtual mailbox table".
#   - bounces go to the envelope sender through the same routing.
#
# What the caller must do: be root (Postfix's master runs as root, and
# only root may submit through DIR/sendmail: for anyone else the
# set-gid postdrop(1) refuses a configuration directory that
# /etc/postfix/main.cf does not list in alternate_config_directories,
# and that file is not ours to edit); make whatever the pipe command
# writes writable by $PF_USER, e.g. the directory of the rs database:
# chown "$PF_USER:" DBDIR (DIR/pipe already is); keep every directory
# above DIR searchable by others (pf_start checks).  Call pf_stop, also
# from a trap on EXIT: it is safe to call twice.
#
# Every function returns non-zero when it fails, after saying why as TAP
# diagnostics ("# ..."), so that the caller's check fails, never skips;
# none waits longer than it is told (in tenths of a second, counted).
#
# Functions:
#   pf_mailbox ADDRESS...	virtual mailboxes; before pf_start
#   pf_start DIR		make and start the instance; sets PF_DIR
#   pf_pipe_cmd CMD		the rs transport's command from now on
#   pf_maildir ADDRESS		prints DIR/mail/ADDRESS
#   pf_smtp [CLIENT]		an SMTP session with its smtpd(8)
#   pf_queue			the queue, as postqueue -p shows it
#   pf_count			how many messages are in the queue
#   pf_flush			try the deferred messages again, now
#   pf_wait_idle SECONDS	wait until the queue is empty
#   pf_wait_deferred SECONDS [N]	wait until nothing is in flight and
#				at least N (1) messages are deferred
#   pf_log			the instance's log, as TAP diagnostics
#   pf_pids DIR			the processes of DIR's instance
#   pf_stop DIR			stop it; nothing of it is left running
#   pf_scratch			prints a new directory under /tmp that
#				$PF_USER can reach, for the instance and
#				whatever its pipe runs or writes: the
#				checkout may lie under a directory others
#				cannot search (a root's home); pf_unscratch
#				DIR removes it
#
# Settings, read by pf_start:
#   PF_PIPE_CMD	the rs transport's command (without it, the transport
#		defers every message: "PF_PIPE_CMD not set")
#   PF_USER	the unprivileged user of the pipe and the mailboxes
#		(nobody; pipe(8) refuses root and the mail_owner)
#   PF_INTAKE	the addresses routed to rs (pqrsd@oficina.example.gov.co
#		and pqrsd-rebotes@oficina.example.gov.co)
#   PF_MAIN_CF	more main.cf settings, over the example's, applied with
#		postconf -e; in them /etc/postfix/ stands for DIR/etc/
#		and hash: for texthash: (no postmap)
#   PF_EXAMPLES	where postfix-main.cf and postfix-master.cf are
#		($top/share/rs/examples)
#   PF_BACKOFF	minimal_backoff_time and queue_run_delay, in seconds (20):
#		short, but longer than a test's steps, so that a deferred
#		message is tried again when pf_flush says, not behind the
#		test's back; maximal_backoff_time is twice that.
# Set by pf_start: PF_DIR, the instance's directory; PF_SBIN, Postfix's
# command directory (postfix, postconf, postqueue are there).

PF_DOMAIN=oficina.example.gov.co
PF_USER=${PF_USER:-nobody}
PF_INTAKE=${PF_INTAKE:-"pqrsd@$PF_DOMAIN pqrsd-rebotes@$PF_DOMAIN"}
PF_BACKOFF=${PF_BACKOFF:-20}
PF_DIR=
PF_SBIN=
_pf_mailboxes=
_pf_vdomains="example.co example.net example.org example.com"

_pf_diag() {	# MESSAGE...: one line of TAP diagnostics
	printf '# %s\n' "$*"
}

_pf_show() {	# FILE: a file as TAP diagnostics, if it says anything
	[ -s "$1" ] && sed 's/^/#   /' "$1"
	return 0
}

_pf_quote() {	# STRING: STRING quoted for the shell
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

_pf_sleep() {	# a tenth of a second, or a second where sleep takes no fraction
	sleep 0.1 2>/dev/null || sleep 1
}

_pf_secs() {	# FUNCTION SECONDS: SECONDS must be a whole number
	case $2 in
	'' | *[!0-9]*)
		_pf_diag "usage: $1 SECONDS"
		return 1
	esac
}

_pf_need() {	# FUNCTION: the instance must have been started
	[ -n "$PF_DIR" ] && [ -f "$PF_DIR/etc/main.cf" ] && return 0
	_pf_diag "$1: no Postfix instance: pf_start did not succeed"
	return 1
}

# _pf_tools: find Postfix's commands; say why not
_pf_tools() {
	_pf_postconf=$(command -v postconf 2>/dev/null)
	[ -n "$_pf_postconf" ] || _pf_postconf=/usr/sbin/postconf
	if [ ! -x "$_pf_postconf" ]; then
		_pf_diag "Postfix is not installed (no postconf): run scripts/deps.sh as root"
		return 1
	fi
	_pf_sbin=$("$_pf_postconf" -d -h command_directory 2>/dev/null) &&
	_pf_libexec=$("$_pf_postconf" -d -h daemon_directory 2>/dev/null) || {
		_pf_diag "postconf -d fails: is Postfix installed properly?"
		return 1
	}
	PF_SBIN=$_pf_sbin
	for _pf_f in "$_pf_sbin/postfix" "$_pf_sbin/sendmail" \
	    "$_pf_sbin/postqueue" "$_pf_libexec/master" "$_pf_libexec/pipe"; do
		[ -x "$_pf_f" ] && continue
		_pf_diag "Postfix is not installed properly: no $_pf_f"
		return 1
	done
}

# pf_mailbox ADDRESS...: virtual mailboxes, delivered to DIR/mail/ADDRESS/;
# before pf_start (the tables are read when the daemons start), or
# after pf_stop for the next pf_start.
pf_mailbox() {
	for _pf_a; do
		case $_pf_a in
		*@example.co | *@example.net | *@example.org | *@example.com) ;;
		*)
			_pf_diag "pf_mailbox: $_pf_a: not in example.co, .net, .org or .com"
			return 1
		esac
		case $_pf_a in
		*[!A-Za-z0-9@._+-]* | [!A-Za-z0-9]*)
			_pf_diag "pf_mailbox: $_pf_a: keep to letters, digits and ._+-"
			return 1
		esac
		if [ -n "$PF_DIR" ] && [ -n "$(pf_pids "$PF_DIR")" ]; then
			_pf_diag "pf_mailbox: $_pf_a: the instance runs: call it before pf_start"
			return 1
		fi
		_pf_mailboxes="$_pf_mailboxes $_pf_a"
	done
}

# pf_maildir ADDRESS: where the Maildir of a virtual mailbox is
pf_maildir() {
	printf '%s/mail/%s\n' "$PF_DIR" "$1"
}

# pf_pipe_cmd CMD: the command the rs transport runs from now on (a shell
# command line; the message on its standard input).  Takes effect with
# the next delivery, without a reload.
pf_pipe_cmd() {
	_pf_need pf_pipe_cmd || return 1
	{
		echo '#!/bin/sh'
		echo '# The command of the transport rs: see t/postfix.sh.'
		echo "PATH=$(_pf_quote "$_pf_path")"
		echo "LC_ALL=$(_pf_quote "$_pf_lc")"
		echo "HOME=$(_pf_quote "$PF_DIR/pipe")"
		echo 'export PATH LC_ALL HOME'
		echo 'cd "$HOME" || exit 75'
		if [ -n "$1" ]; then
			printf '%s\n' "$1"
		else
			echo 'echo "PF_PIPE_CMD not set" >&2; exit 75'
		fi
	} >"$PF_DIR/pipe.sh.new" &&
	chmod 755 "$PF_DIR/pipe.sh.new" &&
	mv -f "$PF_DIR/pipe.sh.new" "$PF_DIR/pipe.sh" || {
		_pf_diag "pf_pipe_cmd: cannot write $PF_DIR/pipe.sh"
		return 1
	}
}

# pf_start DIR: create a private instance in DIR (made if need be) and
# start it.  Sets PF_DIR.  A previous instance of DIR is stopped first.
pf_start() {
	if [ $# -ne 1 ] || [ -z "$1" ]; then
		_pf_diag "usage: pf_start DIR"
		return 1
	fi
	PF_DIR=
	_pf_tools || return 1
	if [ "$(id -u)" -ne 0 ]; then
		_pf_diag "Postfix's master must be started as root; this is $(id -un)"
		return 1
	fi
	mkdir -p "$1" && _pf_d=$(cd "$1" && pwd -P) || {
		_pf_diag "pf_start: cannot make $1"
		return 1
	}
	case $_pf_d in
	*[!A-Za-z0-9/._+-]*)
		# master.cf and main.cf take no quotes around such names
		_pf_diag "pf_start: $_pf_d: keep its name to letters, digits and /._+-"
		return 1
	esac
	_pf_uid=$(id -u "$PF_USER" 2>/dev/null) &&
	_pf_gid=$(id -g "$PF_USER" 2>/dev/null) || {
		_pf_diag "pf_start: no user $PF_USER for the pipe (set PF_USER)"
		return 1
	}
	if [ "$_pf_uid" -eq 0 ]; then
		_pf_diag "pf_start: PF_USER must not be root: pipe(8) refuses it"
		return 1
	fi
	if [ "$_pf_uid" -eq "$(id -u postfix 2>/dev/null || echo 0)" ]; then
		_pf_diag "pf_start: PF_USER must not be postfix, the mail_owner: pipe(8) refuses it"
		return 1
	fi
	_pf_x=${PF_EXAMPLES:-$top/share/rs/examples}
	if [ ! -f "$_pf_x/postfix-main.cf" ] || [ ! -f "$_pf_x/postfix-master.cf" ]; then
		_pf_diag "pf_start: no postfix-main.cf and postfix-master.cf in $_pf_x (set PF_EXAMPLES)"
		return 1
	fi
	pf_stop "$_pf_d" || return 1

	# A fresh instance: nothing is kept from a previous one.
	rm -rf "${_pf_d:?}/etc" "$_pf_d/spool" "$_pf_d/data" "$_pf_d/log" \
	    "$_pf_d/mail" "$_pf_d/pipe" "$_pf_d/pipe.sh" "$_pf_d/sendmail" &&
	mkdir -p "$_pf_d/etc" "$_pf_d/spool" "$_pf_d/data" "$_pf_d/log" \
	    "$_pf_d/mail" "$_pf_d/pipe" &&
	chmod 755 "$_pf_d" "$_pf_d/etc" "$_pf_d/spool" "$_pf_d/log" &&
	chown postfix: "$_pf_d/data" &&
	chown "$_pf_uid:$_pf_gid" "$_pf_d/mail" "$_pf_d/pipe" || {
		_pf_diag "pf_start: cannot make the directories of $_pf_d"
		return 1
	}
	# pipe(8) and virtual(8) run as PF_USER: it must reach DIR
	if ! _pf_as "$PF_USER" test -w "$_pf_d/pipe" 2>/dev/null; then
		_pf_diag "pf_start: $PF_USER cannot write in $_pf_d/pipe: is every directory above $_pf_d searchable by others?"
		return 1
	fi

	_pf_e=$_pf_d/etc
	# The virtual mailboxes' domains: the addresses listed go to
	# virtual(8), any other bounces as a server out there would have
	# refused it (there is no smtpd(8) here to say it).
	{
		for _pf_a in $PF_INTAKE; do
			printf '%s\trs:\n' "$_pf_a"
		done
		for _pf_a in $_pf_mailboxes; do
			printf '%s\tvirtual:\n' "$_pf_a"
		done
		for _pf_a in $_pf_vdomains; do
			printf '%s\terror:5.1.1 User unknown in virtual mailbox table\n' "$_pf_a"
		done
	} >"$_pf_e/transport"
	{
		for _pf_a in $PF_INTAKE; do
			printf '%s\tintake\n' "$_pf_a"
		done
	} >"$_pf_e/rs-recipients"
	{
		for _pf_a in $_pf_mailboxes; do
			printf '%s\t%s/\n' "$_pf_a" "$_pf_a"
		done
	} >"$_pf_e/vmailbox"

	# Every parameter that could reach out of DIR or off the machine
	# is set here, not left to a default.
	cat >"$_pf_e/main.cf" <<EOF
# A private Postfix instance for rs's tests, written by t/postfix.sh.
compatibility_level = 3.6
queue_directory = $_pf_d/spool
data_directory = $_pf_d/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $_pf_d/log/maillog
maillog_file_prefixes = $_pf_d/log

myhostname = $PF_DOMAIN
mydomain = $PF_DOMAIN
myorigin = \$myhostname
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
# pf_smtp: the client stands for a server out there
smtpd_authorized_xclient_hosts = 127.0.0.1
relay_domains =
relayhost =
default_transport = error:5.7.1 this test instance sends nothing off the machine
relay_transport = \$default_transport
local_transport = error:5.1.1 this test instance delivers nothing locally
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
# The intake addresses' routing (mydestination, local_recipient_maps,
# transport_maps, recipient_delimiter, rs_destination_recipient_limit):
# the settings of $_pf_x/postfix-main.cf, added with postconf -e.

# The outside world: virtual mailboxes, Maildirs in $_pf_d/mail.
virtual_mailbox_domains = $_pf_vdomains
virtual_mailbox_base = $_pf_d/mail
virtual_mailbox_maps = texthash:$_pf_e/vmailbox
virtual_uid_maps = static:$_pf_uid
virtual_gid_maps = static:$_pf_gid
virtual_minimum_uid = 1

# Retries: soon, and at once with pf_flush.
queue_run_delay = ${PF_BACKOFF}s
minimal_backoff_time = ${PF_BACKOFF}s
maximal_backoff_time = $((PF_BACKOFF * 2))s
EOF

	# No inet service: mail comes in through sendmail/postdrop and pickup.
	cat >"$_pf_e/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command + args
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
	# the transport rs of the example, with our user and command
	sed -n '/^rs[ \t]/,$p' "$_pf_x/postfix-master.cf" |
	    awk 'NR > 1 && !/^[ \t]/ { exit } { print }' |
	    sed -e "s|user=[^ \t]*|user=$PF_USER|" \
		-e "s|argv=.*|argv=$_pf_d/pipe.sh|" >"$_pf_e/master.cf.rs"
	if ! grep -q "user=$PF_USER" "$_pf_e/master.cf.rs" ||
	    ! grep -q "argv=$_pf_d/pipe.sh\$" "$_pf_e/master.cf.rs"; then
		_pf_diag "pf_start: no transport rs with user= and argv= in $_pf_x/postfix-master.cf"
		return 1
	fi
	cat "$_pf_e/master.cf.rs" >>"$_pf_e/master.cf" &&
	rm -f "$_pf_e/master.cf.rs"

	# Only root may use it: for anyone else postdrop(1), set-gid, takes
	# -C DIR/etc only if /etc/postfix/main.cf lists it in
	# alternate_config_directories, and that file is not ours to edit.
	cat >"$_pf_d/sendmail" <<EOF
#!/bin/sh
# The sendmail of the Postfix instance in $_pf_d: see t/postfix.sh.
if [ "\$(id -u)" -ne 0 ]; then
	echo "\$0: only root may submit to this private Postfix" >&2
	exit 77
fi
exec $_pf_sbin/sendmail -C $_pf_e "\$@"
EOF
	chmod 755 "$_pf_d/sendmail"

	# The example's settings over ours, and the caller's over both
	_pf_main_cf "$_pf_x/postfix-main.cf" "$(cat "$_pf_x/postfix-main.cf")" &&
	_pf_main_cf PF_MAIN_CF "${PF_MAIN_CF:-}" || return 1

	# Postfix rereads a configuration file until its time is a second
	# or two past (it may still be being written): make them old.
	touch -t 200001010000 "$_pf_e/main.cf" "$_pf_e/master.cf" \
	    "$_pf_e/transport" "$_pf_e/rs-recipients" "$_pf_e/vmailbox"

	PF_DIR=$_pf_d
	_pf_path=$PATH
	_pf_lc=${LC_ALL:-C.UTF-8}
	pf_pipe_cmd "${PF_PIPE_CMD:-}" || { PF_DIR=; return 1; }

	# "postfix start" runs the checks of "postfix check" first, and
	# says what they find in the log (maillog_file): it must find
	# nothing, not even a warning.
	if ! "$_pf_sbin/postfix" -c "$_pf_e" start >"$_pf_d/log/start.out" 2>&1 </dev/null; then
		_pf_diag "postfix -c $_pf_e start failed:"
		_pf_show "$_pf_d/log/start.out"
		_pf_show "$_pf_d/log/maillog"
		pf_stop "$_pf_d" >/dev/null
		PF_DIR=
		return 1
	fi
	if grep -E ': (warning|error|fatal|panic): ' "$_pf_d/log/maillog" \
	    >"$_pf_d/log/check.out" 2>/dev/null; then
		_pf_diag "postfix -c $_pf_e start: its checks warn:"
		_pf_show "$_pf_d/log/check.out"
		pf_stop "$_pf_d" >/dev/null
		PF_DIR=
		return 1
	fi
	# master -w has waited for the master to be ready
	if [ -z "$(pf_pids "$_pf_d")" ]; then
		_pf_diag "postfix -c $_pf_e start: no master running afterwards"
		_pf_show "$_pf_d/log/start.out"
		_pf_show "$_pf_d/log/maillog"
		PF_DIR=
		return 1
	fi
}

# _pf_main_cf WHAT SETTINGS: the settings (in main.cf's syntax; there
# /etc/postfix/ is DIR/etc/ and hash: is texthash:) in DIR/etc/main.cf,
# with postconf -e, which must say nothing
_pf_main_cf() {
	printf '%s\n' "$2" |
	    sed -e "s|hash:/etc/postfix/|texthash:$_pf_e/|g" \
		-e "s|/etc/postfix/|$_pf_e/|g" |
	    awk '/^[ \t]*(#|$)/ { next }
		/^[ \t]/ { sub(/^[ \t]+/, " "); l = l $0; next }
		{ if (l != "") print l; l = $0 }
		END { if (l != "") print l }' >"$_pf_e/main.cf.add"
	_pf_what=$1
	set --
	while IFS= read -r _pf_l; do
		set -- "$@" "$_pf_l"
	done <"$_pf_e/main.cf.add"
	rm -f "$_pf_e/main.cf.add"
	[ $# -gt 0 ] || return 0
	if ! "$_pf_postconf" -c "$_pf_e" -e "$@" >"$_pf_d/log/postconf.out" 2>&1 </dev/null ||
	    [ -s "$_pf_d/log/postconf.out" ]; then
		_pf_diag "pf_start: $_pf_what: postconf -e:"
		_pf_show "$_pf_d/log/postconf.out"
		return 1
	fi
}

# pf_smtp [ADDRESS]: an SMTP session with the instance's smtpd(8), with
# no network: "sendmail -bs" run as the mail_owner is smtpd in
# stand-alone mode, with the access controls of the real server.  The
# client's commands on the standard input, one a line; the server's
# replies on the standard output.  Through XCLIENT the client is
# ADDRESS, a server out there (203.0.113.25, named mx.example.org) unless
# told otherwise: 127.0.0.1 is one of mynetworks, which may relay.
pf_smtp() {
	_pf_need pf_smtp || return 1
	{
		printf 'EHLO pf-smtp\r\nXCLIENT ADDR=%s NAME=%s\r\n' \
		    "${1:-203.0.113.25}" "$([ -n "$1" ] && echo '[UNAVAILABLE]' || echo mx.example.org)"
		sed 's/\r*$/\r/'
	} | _pf_as postfix env MAIL_CONFIG="$PF_DIR/etc" \
	    "$_pf_sbin/sendmail" -bs >"$PF_DIR/log/smtp.out" 2>&1
	# the replies to the greeting, the EHLO and the XCLIENT (a new
	# greeting) are the harness's; the rest, CRs off, the caller's
	tr -d '\r' <"$PF_DIR/log/smtp.out" | awk '
		n < 3 { if ($0 ~ /^[0-9][0-9][0-9] /) { n++; r = $0 } ; next }
		{ print }
		END { if (n < 3 || r !~ /^220 /) exit 1 }' || {
		_pf_diag "pf_smtp: no session:"
		_pf_show "$PF_DIR/log/smtp.out"
		return 1
	}
}

_pf_as() {	# USER CMD...: CMD as USER, without its groups
	_pf_u=$1
	shift
	if command -v setpriv >/dev/null 2>&1; then
		setpriv --reuid="$(id -u "$_pf_u")" --regid="$(id -g "$_pf_u")" \
		    --clear-groups "$@"
	else
		runuser -u "$_pf_u" -- "$@"
	fi
}

# pf_pids DIR: the processes that belong to DIR's instance (Linux: those
# with MAIL_CONFIG=DIR/etc in their environment: the master, its
# daemons, the commands that pipe(8) runs), one a line
pf_pids() {
	grep -lzxF "MAIL_CONFIG=$1/etc" /proc/[0-9]*/environ 2>/dev/null |
	    sed 's|^/proc/\([0-9]*\)/environ$|\1|'
	return 0
}

# pf_stop DIR: stop DIR's instance and wait until none of its processes
# is left (killing what is still there after 10 seconds).  Safe to call
# when it is not running, or twice.
pf_stop() {
	[ -n "$1" ] || { _pf_diag "usage: pf_stop DIR"; return 1; }
	_pf_d=$(cd "$1" 2>/dev/null && pwd -P) || return 0
	[ -n "$(pf_pids "$_pf_d")" ] || return 0
	# postfix stop: TERM to the master, which ends its daemons.  Without
	# a working configuration (a previous run's instance, its directory
	# since removed and made again), TERM to every process of it.
	if [ -n "$_pf_sbin" ] && [ -f "$_pf_d/etc/main.cf" ] &&
	    [ -f "$_pf_d/spool/pid/master.pid" ]; then
		_pf_out=$_pf_d/log/stop.out
		[ -d "$_pf_d/log" ] || _pf_out=/dev/null
		"$_pf_sbin/postfix" -c "$_pf_d/etc" stop \
		    >"$_pf_out" 2>&1 </dev/null
	else
		kill -TERM $(pf_pids "$_pf_d") 2>/dev/null
	fi
	_pf_i=0
	while [ -n "$(pf_pids "$_pf_d")" ]; do
		_pf_i=$((_pf_i + 1))
		if [ $_pf_i -eq 50 ]; then
			# only the commands of pipe(8) outlive the master
			kill -TERM $(pf_pids "$_pf_d") 2>/dev/null
		elif [ $_pf_i -ge 100 ]; then
			_pf_left=$(pf_pids "$_pf_d" | tr '\n' ' ')
			[ -n "$_pf_left" ] || break
			_pf_diag "pf_stop: still running after 10 s, killed: $_pf_left"
			kill -KILL $_pf_left 2>/dev/null
			return 1
		fi
		_pf_sleep
	done
	return 0
}

# pf_queue: the instance's queue, as postqueue -p shows it
pf_queue() {
	_pf_need pf_queue || return 1
	"$_pf_sbin/postqueue" -c "$PF_DIR/etc" -p </dev/null
}

_pf_files() {	# QUEUE...: how many queue files in those queues (no
		# command run: the waits poll with it ten times a second)
	_pf_c=0
	for _pf_q; do
		# deferred is hashed one level deep, the others are flat
		for _pf_f in "$PF_DIR/spool/$_pf_q"/* "$PF_DIR/spool/$_pf_q"/*/*; do
			[ -f "$_pf_f" ] && _pf_c=$((_pf_c + 1))
		done
	done
	echo $_pf_c
}

# pf_count: how many messages are in the queue, in flight or waiting
pf_count() {
	_pf_need pf_count || return 1
	_pf_files maildrop incoming active deferred hold
}

# pf_flush: try every deferred message again, now
pf_flush() {
	_pf_need pf_flush || return 1
	"$_pf_sbin/postqueue" -c "$PF_DIR/etc" -f </dev/null >"$PF_DIR/log/flush.out" 2>&1 || {
		_pf_diag "postqueue -f failed:"
		_pf_show "$PF_DIR/log/flush.out"
		return 1
	}
}

_pf_left() {	# SECONDS WHAT: say what is left in the queue
	_pf_diag "after $1 s, $2:"
	pf_queue 2>&1 | sed 's/^/#   /'
}

# pf_wait_idle SECONDS: wait until the queue is empty, everything
# delivered or bounced; else say what is left and return 1
pf_wait_idle() {
	_pf_need pf_wait_idle && _pf_secs pf_wait_idle "$1" || return 1
	_pf_i=0
	while [ "$(_pf_files maildrop incoming active deferred hold)" -ne 0 ]; do
		_pf_i=$((_pf_i + 1))
		if [ $_pf_i -gt $(($1 * 10)) ]; then
			_pf_left "$1" "the queue is not empty"
			return 1
		fi
		_pf_sleep
	done
}

# pf_wait_deferred SECONDS [N]: wait until nothing is in flight any more
# and at least N messages (1) are deferred; else say what is left
pf_wait_deferred() {
	_pf_need pf_wait_deferred && _pf_secs pf_wait_deferred "$1" || return 1
	_pf_i=0
	while [ "$(_pf_files maildrop incoming active)" -ne 0 ] ||
	    [ "$(_pf_files deferred)" -lt "${2:-1}" ]; do
		_pf_i=$((_pf_i + 1))
		if [ $_pf_i -gt $(($1 * 10)) ]; then
			_pf_left "$1" "not ${2:-1} deferred and nothing else"
			return 1
		fi
		_pf_sleep
	done
}

# pf_log: the instance's log, as TAP diagnostics
pf_log() {
	[ -n "$PF_DIR" ] && _pf_show "$PF_DIR/log/maillog"
	return 0
}

# pf_scratch: a directory under /tmp for what $PF_USER must reach
pf_scratch() {
	_pf_s=$(mktemp -d /tmp/rs-postfix.XXXXXX) || {
		_pf_diag "pf_scratch: cannot make a directory in /tmp"
		return 1
	}
	chmod 755 "$_pf_s" || return 1
	echo "$_pf_s"
}

# pf_unscratch DIR: remove what pf_scratch made (after pf_stop)
pf_unscratch() {
	case $1 in
	/tmp/rs-postfix.*) rm -rf "$1" ;;
	esac
}
