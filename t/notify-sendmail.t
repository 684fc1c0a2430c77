#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-notify -s (DESIGN §6, §7): each message handed to sendmail
# ($RS_SENDMAIL) with an explicit recipient after "--", never through a
# shell, never with -t; recorded only after sendmail exits 0 having read
# the whole message (else 74); 75 leaves it pending (exit 75), any other
# failure is 69; an address that could be taken for an option or a
# second recipient never reaches sendmail, nor a template's Bcc.
# The sendmail here is a fake that logs what it is given.
plan 57

SENDER=pqrsd@alcaldia.example.gov.co
DOMAIN=alcaldia.example.gov.co

command -v python3 >/dev/null 2>&1 ||
    { echo "Bail out! python3 is needed (sh scripts/deps.sh installs it)"; exit 1; }
export PYTHONIOENCODING=utf-8

# The fake: its arguments one a line in argv (the last call) and the log
# (every call), its standard input in stdin and the log; it exits with
# the status in the file status, and says something on its standard
# output when it accepts, as sendmail may.  With a file noread, it says
# yes without reading the message.
cat >fake-sendmail <<EOF
#!/bin/sh
{
	echo '=== call'
	for a in "\$@"; do echo "\$a"; done
} >$trash/argv
[ -e $trash/noread ] && exit 0
cat >$trash/stdin
{ cat $trash/argv; echo '=== stdin'; cat $trash/stdin; } >>$trash/sendmail.log
st=\$(cat $trash/status)
[ "\$st" -eq 0 ] && echo 'fake-sendmail: queued'
exit \$st
EOF
chmod +x fake-sendmail
echo 0 >status
: >sendmail.log
RS_SENDMAIL=$trash/fake-sendmail
export RS_SENDMAIL
calls() {
	grep -c '^=== call$' sendmail.log
}
counts() {	# ID...: SQL for the notices recorded and the notice events
	for id; do
		printf "select (select count(*) from notices n join requests r
		    on r.seq = n.request where r.id = '%s') || '|' ||
		    (select count(*) from events e join requests r on
		    r.seq = e.request where r.id = '%s' and
		    e.kind = 'notice');\n" "$id" "$id"
	done
}

# mail.py FILE FIELD...: the message parsed by python3's email package
cat >mail.py <<'EOF'
import email, sys
from email import policy
with open(sys.argv[1], 'rb') as f:
    m = email.message_from_binary_file(f, policy=policy.default)
for k in sys.argv[2:]:
    if k == 'body':
        sys.stdout.write(m.get_content())
    elif k in ('from', 'to'):
        a = m[k].addresses
        print('%s: %s <%s>' % (k, a[0].display_name, a[0].addr_spec)
              if len(a) == 1 else '%s: %d addresses' % (k, len(a)))
    elif k == 'defects':
        print('defects: %d' % (len(m.defects) + sum(len(getattr(v,
            'defects', ())) for v in m.values())))
    else:
        print('%s: %s' % (k, m[k]))
EOF
py() {
	check_out "$1" "python3 mail.py $2"
}

check 'a store with a sender' \
    "rs-admin init && rs-admin config sender $SENDER"
cat >in.csv <<'EOF'
received_at,channel,type,name,salutation,email,subject
2024-08-13T09:00,correo,peticion,José Peña Muñoz,senor,jose@example.co,Certificado de residencia
2024-08-13T09:10,correo,peticion,María Ortiz,senora,mafe@example.co,Cuenta de cobro
2024-08-13T09:20,correo,peticion,Luz Gómez,senora,luz@example.co,Pago
2024-08-13T09:30,correo,peticion,Uno,,uno@example.co,Uno
2024-08-13T09:40,correo,peticion,Dos,,dos@example.co,Dos
2024-08-13T09:50,correo,peticion,Tres,,tres@example.co,Tres
EOF
check 'six requests' 'rs-intake -n 2024-08-13T10:00 in.csv >/dev/null'

# --- sendmail says yes ---------------------------------------------------------------

check_out '-s: nothing on stdout, not even what sendmail says' \
    'rs-notify -n 2024-08-13T10:05 -s acuse RS-2024-000001' </dev/null
cp err sendmail.err
check_out "... sendmail's own output went to stderr" 'cat sendmail.err' <<'EOF'
fake-sendmail: queued
EOF
# rs-notify(1): the return path names the notice (the sender, +KIND.ID)
check_out '... argv: exactly -i -f SENDER+NOTICE -- RECIPIENT' 'cat argv' <<EOF
=== call
-i
-f
pqrsd+acuse.RS-2024-000001@$DOMAIN
--
jose@example.co
EOF
ok '... one call' test "$(calls)" -eq 1
ok '... Auto-Submitted: auto-replied (RFC 3834): no responder answers it' \
    grep -q '^Auto-Submitted: auto-replied$' stdin
check_sql '... the return path recorded with the notice, as sent' \
    'select kind, envelope, state from notices' \
    "acuse|pqrsd+acuse.RS-2024-000001@$DOMAIN|sent"
ok '... the message on stdin, without an mbox From_ line' \
    sh -c "! grep -q '^From ' stdin && grep -q '^Subject: ' stdin"
py '... read back' 'stdin from to subject message-id date defects' <<EOF
from: Oficina de Atención al Ciudadano <$SENDER>
to: José Peña Muñoz <jose@example.co>
subject: Recibimos su solicitud, radicado RS-2024-000001
message-id: <acuse.RS-2024-000001@$DOMAIN>
date: Tue, 13 Aug 2024 10:05:00 -0500
defects: 0
EOF
py '... its body' "stdin body | grep -F -e 'Señor' -e 'Número de radicado'" <<'EOF'
Señor José Peña Muñoz:
  Número de radicado: RS-2024-000001
EOF
check_sql '... recorded via sendmail, with its event' \
    "select r.id, n.kind, n.recipient, n.message_id, n.via, n.sent_at
     from notices n join requests r on r.seq = n.request;
     select json_extract(details, '$.via') from events where kind = 'notice'" \
    "RS-2024-000001|acuse|jose@example.co|acuse.RS-2024-000001@$DOMAIN|sendmail|2024-08-13T10:05:00-05:00
sendmail"
check_err 'again: already sent, sendmail not called' 0 \
    'rs-notify: RS-2024-000001: acuse already sent (-F sends it again)' \
    'rs-notify -n 2024-08-13T10:10 -s acuse RS-2024-000001'
ok '... still one call' test "$(calls)" -eq 1

# --- sendmail says try later ----------------------------------------------------------

echo 75 >status
check_err 'sendmail exits 75: exit 75, left pending' 75 \
    'rs-notify: RS-2024-000002: sendmail said try later; left pending' \
    'rs-notify -n 2024-08-13T10:15 -s acuse RS-2024-000002'
ok '... sendmail was called' test "$(calls)" -eq 2
ok '... nothing on stdout' test ! -s out
check_sql '... nothing recorded' "$(counts RS-2024-000002)" \
    '0|0'
echo 0 >status
check 'the retry: sendmail exits 0' \
    'rs-notify -n 2024-08-13T10:45 -s acuse RS-2024-000002 >/dev/null'
ok '... sent exactly once more: two calls for it in all' \
    test "$(calls)" -eq 3 -a "$(grep -c '^mafe@example.co$' sendmail.log)" -eq 2
check_sql '... recorded once' "$(counts RS-2024-000002)" \
    '1|1'
check_sql '... at the time it went out' \
    "select sent_at from notices where recipient = 'mafe@example.co'" \
    '2024-08-13T10:45:00-05:00'
check 'another retry sends nothing' \
    'rs-notify -n 2024-08-13T11:00 -s acuse RS-2024-000002 2>/dev/null'
ok '... no call' test "$(calls)" -eq 3

echo 75 >status
check_err 'several ids, sendmail busy: each left pending, exit 75' 75 \
    'rs-notify: RS-2024-000003: sendmail said try later; left pending
rs-notify: RS-2024-000004: sendmail said try later; left pending' \
    'rs-notify -n 2024-08-13T11:05 -s acuse RS-2024-000003 RS-2024-000004'
check_sql '... nothing recorded' "$(counts RS-2024-000003 RS-2024-000004)" \
    '0|0
0|0'

# --- sendmail fails -----------------------------------------------------------------------

echo 1 >status
check_err 'sendmail exits 1: exit 69, not sent' 69 \
    'rs-notify: RS-2024-000003: sendmail exited 1; not sent' \
    'rs-notify -n 2024-08-13T11:10 -s acuse RS-2024-000003'
check_sql '... nothing recorded' "$(counts RS-2024-000003)" \
    '0|0'
echo 0 >status
check_err 'no sendmail program: exit 69' 69 \
    "rs-notify: RS-2024-000003: $trash/no-sendmail: No such file or directory" \
    "RS_SENDMAIL=$trash/no-sendmail rs-notify -n 2024-08-13T11:15 -s acuse RS-2024-000003"
check_sql '... nothing recorded' "$(counts RS-2024-000003)" \
    '0|0'
check 'the same with sendmail back: sent' \
    'rs-notify -n 2024-08-13T11:20 -s acuse RS-2024-000003 >/dev/null 2>&1'
check_sql '... recorded' "$(counts RS-2024-000003)" \
    '1|1'

# A constancia carries the description: 30,000 "ñ", some 180 KB of
# quoted-printable, more than a pipe holds.
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "ñ" }' >long.txt
check 'a request with a long description' \
    'rs-intake -n 2024-08-13T11:20 -c telefonico -t peticion -N Largo \
        -e largo@example.co -s Largo -D "$(cat long.txt)" >/dev/null'
# the size of the message, as it would go, from a copy of the store
COPY=$(store_for copy)
check '... its message, from a copy' \
    "rs-admin copy '$COPY' >/dev/null && mkdir copymd &&
     rs-notify -d '$COPY' -n 2024-08-13T11:25 -M copymd constancia RS-2024-000007"
SIZE=$(cat copymd/new/* | wc -c)
: >noread
check_err 'sendmail exits 0 without reading the message: not sent, exit 74' 74 \
    "rs-notify: RS-2024-000007: $trash/fake-sendmail read 0 of $SIZE bytes and exited 0; not sent" \
    'rs-notify -n 2024-08-13T11:25 -s constancia RS-2024-000007'
rm noread
check_sql '... nothing recorded' "$(counts RS-2024-000007)" '0|0'

# --- hostile addresses never reach sendmail --------------------------------------------

# rs-intake refuses such addresses: set them behind rs's back.
ok 'hostile addresses set in the database directly' \
    sql "update requests set email = '-oQ/tmp/x@y' where id = 'RS-2024-000004';
     update requests set email = 'a@b c@d' where id = 'RS-2024-000005';
     update requests set email = 'ana@x.co' || '
' || 'Bcc: z@y' where id = 'RS-2024-000006'"
before=$(calls)
check_err 'an address that sendmail would take for an option: refused' 65 \
    'rs-notify: RS-2024-000004: acuse: refused: to: address starts with "-"' \
    'rs-notify -n 2024-08-13T11:30 -s acuse RS-2024-000004'
check_err 'two addresses in one: refused' 65 \
    'rs-notify: RS-2024-000005: acuse: refused: to: address contains white space' \
    'rs-notify -n 2024-08-13T11:30 -s acuse RS-2024-000005'
check_err 'an address with a line break and a Bcc: refused' 65 \
    'rs-notify: RS-2024-000006: acuse: refused: to: address contains a control character' \
    'rs-notify -n 2024-08-13T11:30 -s acuse RS-2024-000006'
ok '... sendmail never called' test "$(calls)" -eq "$before"
check_sql '... nothing recorded' "$(counts RS-2024-000004 RS-2024-000005 RS-2024-000006)" \
    '0|0
0|0
0|0'
check_err '... nor in the mbox' 65 \
    'rs-notify: RS-2024-000004: acuse: refused: to: address starts with "-"' \
    'rs-notify -n 2024-08-13T11:30 acuse RS-2024-000004'
ok '... which stays empty' test ! -s out

ok 'a hostile sender set behind rs-admin' \
    sql "update settings set value = '-oQ/tmp/x@y.co' where key = 'sender'"
check_err '... refused: exit 78' 78 \
    "rs-notify: $RS_DB: sender: -oQ/tmp/x@y.co: address starts with \"-\"" \
    'rs-notify -n 2024-08-13T11:35 -s encuesta RS-2024-000001'
ok '... sendmail never called' test "$(calls)" -eq "$before"
check 'the sender put back' "rs-admin config sender $SENDER"

check_err 'recordatorio: --to that sendmail would take for an option: exit 64' 64 \
    'rs-notify: --to: -t@x.co: address starts with "-"' \
    'rs-notify -n 2024-08-13T11:40 -s --to -t@x.co recordatorio RS-2024-000001'
ok '... sendmail never called' test "$(calls)" -eq "$before"

# --- a template's Bcc: refused; sendmail names one recipient -------------------------

mkdir tpl
printf 'Subject: Encuesta {{radicado}}\nBcc: espia@x.co\n\nCuerpo.\n' >tpl/encuesta.txt
before=$(calls)
check_err 'an office template with a Bcc: header: refused, exit 78' 78 \
    "rs-notify: $trash/tpl/encuesta.txt:2: Bcc: not a header a template may set (expected one of Subject, Reply-To, Organization, Keywords, Comments)" \
    "rs-admin config templates '$trash/tpl' >/dev/null &&
     rs-notify -n 2024-08-13T11:45 -s encuesta RS-2024-000001"
ok '... sendmail never called' test "$(calls)" -eq "$before"
printf 'Subject: Encuesta {{radicado}}\nReply-To: atencion@x.co\n\nCuerpo.\n' >tpl/encuesta.txt
check 'an office template with a Reply-To: header' \
    "rs-notify -n 2024-08-13T11:45 -s encuesta RS-2024-000001 >/dev/null 2>&1"
check_out '... sendmail gets the one recipient, after --' 'cat argv' <<EOF
=== call
-i
-f
pqrsd+encuesta.RS-2024-000001@$DOMAIN
--
jose@example.co
EOF
ok '... Auto-Submitted: auto-generated' \
    grep -q '^Auto-Submitted: auto-generated$' stdin
check 'bounce_address: the return path of every notice' \
    "rs-admin config bounce_address rebotes@$DOMAIN &&
     rs-notify -F -n 2024-08-13T11:50 -s encuesta RS-2024-000001 >/dev/null 2>&1"
check_out '... the bounce address, +KIND-N.ID for a second sending' 'sed -n 4p argv' <<EOF
rebotes+encuesta-2.RS-2024-000001@$DOMAIN
EOF

done_testing
