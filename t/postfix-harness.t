#!/bin/sh
. "$(dirname "$0")/lib.sh"
. "$top/t/postfix.sh"
# t/postfix.sh: a real Postfix, run as a private instance in the scratch
# directory, that the mail tests can trust.  Mail to a virtual mailbox
# lands in its Maildir; to an unknown address it bounces, and the bounce
# comes back through the rs pipe to the +token address it was sent from;
# a pipe that exits 75 leaves the message deferred until pf_flush; the
# instance listens on no network address, leaves /etc/postfix alone, and
# pf_stop leaves nothing of it running.  Its intake routing is that of
# share/rs/examples/postfix-main.cf and postfix-master.cf: through its
# SMTP server (pf_smtp, no network either), a server out there may send
# to the intake addresses, and without those settings it may not
# ("Relay access denied", "User unknown in local recipient table").  No
# rs command is used: the pipe runs a stand-in that keeps each message
# in in/.
plan 49

D=oficina.example.gov.co
TOKEN=respuesta.RS-2026-000003
# the instance, and what its pipe runs and writes, where its user can
# reach them whatever lies above the checkout
S=$(pf_scratch) || exit 1
PF=$S/pf
trap 'pf_stop "$PF"; pf_stop "$S/pf2"; pf_unscratch "$S"' EXIT
trap 'exit 1' HUP INT TERM

# The pipe's stand-ins; they run as $PF_USER, who can write in/.
mkdir "$S/in" && chown "$PF_USER:" "$S/in" && ln -s "$S/in" in
cat >"$S/save" <<EOF
#!/bin/sh
echo save >>$S/in/tries
cat >$S/in/.msg.\$\$ && mv $S/in/.msg.\$\$ $S/in/msg.\$\$
EOF
cat >"$S/busy" <<EOF
#!/bin/sh
echo busy >>$S/in/tries
cat >/dev/null
echo 'database is locked' >&2
exit 75
EOF
chmod 755 "$S/save" "$S/busy"
msgs() {	# how many messages the pipe kept
	find in/ -name 'msg.*' | wc -l | tr -d ' '
}
tries() {	# what the pipe was run as, one word a run
	tr '\n' ' ' <in/tries 2>/dev/null
}
msgid() {	# ID: the file in in/ whose message has that Message-ID
	grep -l -i -F "Message-ID: <$1>" in/msg.* 2>/dev/null
}

# mime.awk: the parts of a message (its headers unfolded): the top
# level's type without its boundary, each part's type, and the lines of
# a delivery-status or returned message that tell what bounced
cat >mime.awk <<'EOF'
# states: top (the message's headers), body, phead (a part's headers),
# inner (the headers in a message/* part), skip (a part's body)
function flush(	l, t) {
	if (h == "")
		return
	l = tolower(h)
	t = h
	sub(/^[^:]*:[ \t]*/, "", t)
	if (hs == "top" && l ~ /^content-type:/) {
		b = t
		sub(/.*boundary="?/, "", b)
		sub(/".*/, "", b)
		sub(/;[ \t]*boundary=.*/, "", t)
		print "type: " t
	} else if (hs == "phead" && l ~ /^content-type:/) {
		print "part: " t
		kind = tolower(t)
	} else if (hs == "inner" && kind ~ /^message\/delivery-status/ &&
	    l ~ /^(final-recipient|action|status|diagnostic-code):/) {
		print h
	} else if (hs == "inner" && kind ~ /^message\/rfc822/ &&
	    l ~ /^message-id:/) {
		print h
	}
	h = ""
}
BEGIN { st = "top" }
/^[ \t]/ && h != "" { sub(/^[ \t]+/, " "); h = h $0; next }
{ flush() }
st != "top" && b != "" && ($0 == "--" b || $0 == "--" b "--") {
	st = "phead"; kind = ""; next
}
/^$/ {
	if (st == "top")
		st = "body"
	else if (st == "phead")
		st = kind ~ /^message\// ? "inner" : "skip"
	else if (st == "inner" && kind ~ /^message\/rfc822/)
		st = "skip"
	next
}
st == "top" || st == "phead" || st == "inner" { h = $0; hs = st }
END { flush() }
EOF

cat >smtp.in <<EOF
HELO mx.example.org
MAIL FROM:<ciudadana@example.org>
RCPT TO:<pqrsd@$D>
RCPT TO:<pqrsd-rebotes+$TOKEN@$D>
RCPT TO:<nadie@example.co>
RCPT TO:<alguien@example.gov.co>
DATA
From: Ciudadana <ciudadana@example.org>
To: pqrsd@$D
Subject: Queja

Desde afuera.
.
QUIT
EOF

# --- the instance --------------------------------------------------------------------

: >stamp
PF_PIPE_CMD=$S/save
pf_mailbox jose@example.co ana@example.org
ok 'pf_start: a private Postfix runs' pf_start "$PF"
ok '... DIR/sendmail is there' test -x "$PF/sendmail"
n=$(wc -l <"$PF/log/maillog" 2>/dev/null)
check '... postfix check passes, without a warning' \
    "'$PF_SBIN/postfix' -c '$PF/etc' check </dev/null &&
     ! tail -n +$((${n:-0} + 1)) '$PF/log/maillog' | grep -E ': (warning|error|fatal):'"
check_out '... no inet service in its master.cf' \
    "'$PF_SBIN/postconf' -c '$PF/etc' -M | awk '\$2 !~ /^(unix|unix-dgram|fifo|pass)\$/ { print }'" </dev/null
# the sockets its processes hold: some, and none of them on the network
for p in $(pf_pids "$PF"); do
	ls -l "/proc/$p/fd" 2>/dev/null
done | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p' | sort -u >sockets
cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 \
    /proc/net/raw /proc/net/raw6 2>/dev/null |
    awk '$10 ~ /^[0-9]+$/ { print $10 }' | sort -u >inet
ok '... its processes hold sockets' test -s sockets
check_out '... none of them an inet socket' 'comm -12 sockets inet' </dev/null
check_out '... /etc/postfix is not touched' \
    'find /etc/postfix -newer stamp' </dev/null
check_out '... its settings, with those of the example' \
    "'$PF_SBIN/postconf' -c '$PF/etc' -h myhostname mydomain inet_interfaces \
        default_transport mydestination local_recipient_maps \
        transport_maps recipient_delimiter rs_destination_recipient_limit" <<EOF
$D
$D
loopback-only
error:5.7.1 this test instance sends nothing off the machine
\$myhostname, localhost.\$mydomain, localhost, $D
proxy:unix:passwd.byname \$alias_maps texthash:$PF/etc/rs-recipients
texthash:$PF/etc/transport
+
1
EOF
check_out "... the example's transport rs, with the stand-in as $PF_USER" \
    "'$PF_SBIN/postconf' -c '$PF/etc' -M rs/unix" <<EOF
rs         unix  -       n       n       -       1       pipe flags=DORX user=$PF_USER argv=$PF/pipe.sh
EOF

# --- a virtual mailbox ------------------------------------------------------------------

cat >m1 <<EOF
From: Oficina <pqrsd@$D>
To: jose@example.co
Subject: Acuse
Message-ID: <acuse.RS-2026-000001@$D>

Recibimos su solicitud.
EOF
check 'to a known virtual mailbox, through DIR/sendmail -i -f FROM -- RCPT' \
    "'$PF/sendmail' -i -f pqrsd@$D -- jose@example.co <m1"
ok '... delivered: the queue empties' pf_wait_idle 30
maildir=$(pf_maildir jose@example.co)
ok '... into its Maildir new/, one file' \
    test "$(ls "$maildir/new" 2>/dev/null | wc -l)" -eq 1
check_out '... the message' \
    "grep -h -e '^Subject:' -e '^Message-ID:' -e '^Delivered-To:' '$maildir'/new/*" <<EOF
Delivered-To: jose@example.co
Subject: Acuse
Message-ID: <acuse.RS-2026-000001@$D>
EOF
ok '... nothing through the pipe' test "$(msgs)" -eq 0

# --- an unknown one: the bounce comes back through the pipe ----------------------------

cat >m2 <<EOF
From: Oficina <pqrsd@$D>
To: nadie@example.co
Subject: Respuesta
Message-ID: <$TOKEN@$D>

Respuesta a su solicitud.
EOF
check 'to an unknown address, from a +token sender' \
    "'$PF/sendmail' -i -f pqrsd-rebotes+$TOKEN@$D -- nadie@example.co <m2"
ok '... bounced: the queue empties' pf_wait_idle 30
ok '... the bounce came through the pipe' test "$(msgs)" -eq 1
bounce=$(ls in/msg.* 2>/dev/null | head -n 1)
check_out '... to the +token address, null sender' \
    "sed '/^\$/q' '$bounce' |
     grep -e '^Return-Path:' -e '^Delivered-To:' -e '^X-Original-To:' -e '^To:'" <<EOF
Return-Path: <MAILER-DAEMON>
X-Original-To: pqrsd-rebotes+$TOKEN@$D
Delivered-To: pqrsd-rebotes+$TOKEN@$D
To: pqrsd-rebotes+$TOKEN@$D
EOF
check_out '... a delivery status report naming the returned message' \
    "awk -f mime.awk '$bounce'" <<EOF
type: multipart/report; report-type=delivery-status
part: text/plain; charset=utf-8
part: message/delivery-status
Final-Recipient: rfc822; nadie@example.co
Action: failed
Status: 5.1.1
Diagnostic-Code: X-Postfix; User unknown in virtual mailbox table
part: message/rfc822
Message-ID: <$TOKEN@$D>
EOF
ok '... no mailbox was made for it' test ! -e "$(pf_maildir nadie@example.co)"

printf 'Subject: x\n\nx\n' >m3
check 'to an unknown address of the office: bounced back to the sender' \
    "'$PF/sendmail' -i -f pqrsd@$D -- otro@$D <m3"
ok '... the queue empties' pf_wait_idle 30
check_out '... the bounce, through the pipe' \
    "grep -h -e '^Delivered-To:' -e '^Diagnostic-Code:' \$(grep -L -F '$TOKEN' in/msg.*)" <<EOF
Delivered-To: pqrsd@$D
Diagnostic-Code: X-Postfix; this test instance delivers nothing locally
EOF
check 'off the machine: bounced, never sent' \
    "'$PF/sendmail' -i -f jose@example.co -- alguien@example.gov.co <m3"
ok '... the queue empties' pf_wait_idle 30
ok '... the bounce in the mailbox of its sender' \
    test "$(grep -l -F 'sends nothing off the machine' "$maildir"/new/* | wc -l)" -eq 1

# --- from outside, through its SMTP server -------------------------------------------

rm -f in/msg.*
pf_smtp <smtp.in >smtp.out
check_out 'SMTP from a server out there: the intake addresses are taken' \
    "sed 's/queued as [0-9A-Za-z]*/queued as ID/' smtp.out" <<EOF
250 $D
250 2.1.0 Ok
250 2.1.5 Ok
250 2.1.5 Ok
550 5.1.1 <nadie@example.co>: Recipient address rejected: User unknown in virtual mailbox table
454 4.7.1 <alguien@example.gov.co>: Relay access denied
354 End data with <CR><LF>.<CR><LF>
250 2.0.0 Ok: queued as ID
221 2.0.0 Bye
EOF
ok '... the queue empties' pf_wait_idle 30
check_out '... one run of the pipe for each' \
    "grep -h '^Delivered-To:' in/msg.* | sort" <<EOF
Delivered-To: pqrsd-rebotes+$TOKEN@$D
Delivered-To: pqrsd@$D
EOF

# --- exit 75: deferred, and delivered on pf_flush ---------------------------------------

rm -f in/msg.* in/tries
ok 'the pipe exits 75 from now on' pf_pipe_cmd "$S/busy"
cat >m4 <<EOF
From: Ciudadana <ciudadana@example.org>
To: pqrsd@$D
Subject: Derecho de peticion
Message-ID: <peticion.1@example.org>

Solicito un certificado.
EOF
check 'a request to the intake address' \
    "'$PF/sendmail' -i -f ciudadana@example.org -- pqrsd@$D <m4"
ok '... deferred' pf_wait_deferred 30
pf_queue >queue 2>&1
ok "... pf_queue says why: the pipe's word" grep -q 'database is locked' queue
ok '... the pipe was run once' test "$(tries)" = 'busy '
pf_wait_idle 1 >waited
st=$?
ok '... pf_wait_idle gives up, non-zero' test $st -ne 0
ok '... and says what is left, as diagnostics' \
    sh -c 'grep -q "^# after 1 s, the queue is not empty" waited &&
        grep -q "^#.*pqrsd@'$D'" waited && ! grep -qv "^#" waited'
ok 'the pipe saves it from now on' pf_pipe_cmd "$S/save"
ok 'pf_flush' pf_flush
ok '... delivered: the queue empties' pf_wait_idle 30
# (a retry of Postfix's own, were the machine so slow that one came
# first, would be one more busy run)
ok '... through the pipe, on the next run' \
    test "$(tries | sed 's/^\(busy \)\{1,\}/busy /')" = 'busy save ' \
    -a -n "$(msgid peticion.1@example.org)"

check_out 'all along, not a warning in its log' \
    "test -s '$PF/log/maillog' &&
     { grep -E ': (warning|error|fatal|panic): ' '$PF/log/maillog' || :; }" </dev/null

# --- without the example's settings: what was reported ---------------------------------

ok 'pf_stop' pf_stop "$PF"
# Postfix's defaults for the office's domain; local_transport error:
# would answer before the local recipient table does
PF_MAIN_CF='myhostname = mail.oficina.example.gov.co
mydestination = $myhostname, localhost
local_recipient_maps = proxy:unix:passwd.byname $alias_maps
local_transport = discard'
ok 'pf_start again, without the settings of the example' pf_start "$PF"
printf '%s\n' 'HELO mx.example.org' 'MAIL FROM:<ciudadana@example.org>' \
    "RCPT TO:<pqrsd@$D>" "RCPT TO:<pqrsd@mail.$D>" QUIT >smtp2.in
pf_smtp <smtp2.in >smtp2.out
check_out '... what was reported: Relay access denied, User unknown in local recipient table' \
    'cat smtp2.out' <<EOF
250 mail.$D
250 2.1.0 Ok
454 4.7.1 <pqrsd@$D>: Relay access denied
550 5.1.1 <pqrsd@mail.$D>: Recipient address rejected: User unknown in local recipient table
221 2.0.0 Bye
EOF

# --- the end ---------------------------------------------------------------------------

ok 'pf_stop' pf_stop "$PF"
ok '... nothing of the instance is left running' test -z "$(pf_pids "$PF")"
ok '... pf_stop again: nothing to do' pf_stop "$PF"
(PF_USER=root; pf_start "$S/pf2") >refused 2>&1
st=$?
ok 'pf_start refuses to pipe as root: non-zero' test $st -ne 0
check_out '... and says why, as a diagnostic' 'cat refused' <<'EOF'
# pf_start: PF_USER must not be root: pipe(8) refuses it
EOF

done_testing
