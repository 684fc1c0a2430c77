#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake -m sorts each message before anything is registered
# (rs-intake(1) SORTING): a delivery report marks its notice failed; an
# automatic reply is an event or waits for review; a reply is a message
# event that resumes a held request (Ley 1755 art. 17) or records a
# rating; what cannot be sorted safely waits in rs-queue inbox; the rest
# is a new request.  Every message and document is kept by its SHA-256.
# The fixtures are t/mail/in/, their expected sorting t/mail/in/MANIFEST.
plan 98

M=$top/t/mail/in
DOMAIN=oficina.example.gov.co
LATER=2026-12-15T08:00

# csvq FILE COLUMNS: those columns of a CSV file, as sqlite3 prints them
csvq() {
	echo "sqlite3 :memory: '.import --csv $1 t' 'select $2 from t'"
}

check 'an office with its sender and bounce address' \
    "rs-admin init && rs-admin config sender pqrsd@$DOMAIN &&
     rs-admin config bounce_address pqrsd-rebotes@$DOMAIN &&
     rs-admin config office_name 'La Secretaría Resuelve'"
cat >in.csv <<'EOF'
received_at,channel,type,name,email,subject,description
2026-12-01T08:00,correo,peticion,Ana Pérez,ana.perez@example.co,Certificado,Necesito un certificado.
2026-12-01T08:10,correo,peticion,Luis Gómez,luis.gomez@example.co,Cuenta de cobro,Adjunto la cuenta.
2026-12-01T08:20,correo,peticion,Marta Ruiz,marta.ruiz@example.net,Paz y salvo,Solicito paz y salvo.
2026-12-01T08:30,correo,peticion,José Peña,jose.pena@example.org,Comisión,Legalizar comisión.
EOF
printf '%%PDF-1.4 paz y salvo\n' >'paz y salvo.pdf'
check 'four requests and a notice each: acuse, requerimiento, respuesta with a document, encuesta' \
    "rs-intake -n 2026-12-01T09:00 in.csv >/dev/null &&
     rs-notify -n 2026-12-01T09:30 acuse RS-2026-000001 >acuse1.mbox &&
     rs-queue -n 2026-12-01T10:00 hold -m 'Falta la certificación laboral' RS-2026-000002 >/dev/null &&
     rs-notify -n 2026-12-01T10:05 requerimiento RS-2026-000002 >/dev/null &&
     rs-queue -n 2026-12-01T11:00 answer --outcome favorable -m 'Adjuntamos el paz y salvo.' \
        -A 'paz y salvo.pdf' RS-2026-000003 >/dev/null &&
     rs-notify -n 2026-12-01T11:05 respuesta RS-2026-000003 >res.mbox &&
     rs-queue -n 2026-12-01T12:00 answer --outcome favorable -m 'Legalizada.' RS-2026-000004 >/dev/null &&
     rs-notify -n 2026-12-01T12:05 encuesta RS-2026-000004 >/dev/null"
check_out '... the respuesta carries its document (multipart/mixed, RFC 2231 name)' \
    "python3 -c '
import mailbox
for m in mailbox.mbox(\"res.mbox\"):
    print(m.get_content_type())
    for p in m.walk():
        if p.get_filename():
            print(p.get_filename(), len(p.get_payload(decode=True)))'" <<'EOF'
multipart/mixed
paz y salvo.pdf 21
EOF
check_sql '... each notice with the return path that names it' \
    'select kind, envelope from notices order by seq' \
    "acuse|pqrsd-rebotes+acuse.RS-2026-000001@$DOMAIN
requerimiento|pqrsd-rebotes+requerimiento.RS-2026-000002@$DOMAIN
respuesta|pqrsd-rebotes+respuesta.RS-2026-000003@$DOMAIN
encuesta|pqrsd-rebotes+encuesta.RS-2026-000004@$DOMAIN"

# --- every fixture, sorted ---------------------------------------------------------

: >sorted
for f in dsn-postfix dsn-exim dsn-exchange dsn-gmail dsn-token-only \
    dsn-delayed vacation-rfc3834 vacation-outlook autoreply-x-autoreply \
    vacation-precedence list-id reply-thunderbird reply-outlook \
    reply-gmail-subject-only reply-rating reply-stranger forwarded \
    reply-to-portal attachments-2231; do
	rs-intake -m -n $LATER "$M/$f.eml" >"$f.csv" 2>"$f.err" ||
	    echo "$f: exit $?" >>sorted
	sqlite3 :memory: ".import --csv $f.csv t" \
	    "select '$f', decision, concerns from t" >>sorted
done
check_out 'each message as MANIFEST says: decision and the request concerned' \
    "cat sorted" <<'EOF'
dsn-postfix|bounce|RS-2026-000003
dsn-exim|bounce|RS-2026-000001
dsn-exchange|bounce|RS-2026-000002
dsn-gmail|bounce|RS-2026-000004
dsn-token-only|bounce|RS-2026-000003
dsn-delayed|bounce|RS-2026-000003
vacation-rfc3834|autoreply|RS-2026-000003
vacation-outlook|autoreply|RS-2026-000001
autoreply-x-autoreply|autoreply|RS-2026-000001
vacation-precedence|inbox|
list-id|inbox|
reply-thunderbird|reply|RS-2026-000002
reply-outlook|reply|RS-2026-000002
reply-gmail-subject-only|reply|RS-2026-000003
reply-rating|reply|RS-2026-000004
reply-stranger|inbox|RS-2026-000002
forwarded|new|RS-2026-000005
reply-to-portal|new|RS-2026-000006
attachments-2231|new|RS-2026-000007
EOF
ok '... nothing on stderr for any' test "$(cat ./*.err | wc -c)" -eq 0
check_out '... the MANIFEST agrees' \
    "cut -f1-3 $M/MANIFEST | sed 's/\\.eml//; s/	-\$//; s/	/|/g' |
     grep -v -e '^reply-stranger' -e '^forwarded' -e '^reply-to-portal' -e '^attachments' \
        -e '^mdn'" <<'EOF'
dsn-postfix|bounce|RS-2026-000003
dsn-exim|bounce|RS-2026-000001
dsn-exchange|bounce|RS-2026-000002
dsn-gmail|bounce|RS-2026-000004
dsn-token-only|bounce|RS-2026-000003
dsn-delayed|bounce|RS-2026-000003
vacation-rfc3834|autoreply|RS-2026-000003
vacation-outlook|autoreply|RS-2026-000001
autoreply-x-autoreply|autoreply|RS-2026-000001
vacation-precedence|inbox
list-id|inbox
reply-thunderbird|reply|RS-2026-000002
reply-outlook|reply|RS-2026-000002
reply-gmail-subject-only|reply|RS-2026-000003
reply-rating|reply|RS-2026-000004
EOF
check_sql 'no radicado for a bounce, an automatic reply or a reply' \
    'select count(*), max(id) from requests' '7|RS-2026-000007'

# --- bounces ------------------------------------------------------------------------

check_out "the bounce's reason, as the report gives it (RFC 3464)" \
    "$(csvq dsn-postfix.csv 'detail')" <<'EOF'
respuesta no entregado: 5.1.1 550 5.1.1 <marta.ruiz@example.net>: Recipient address rejected: User unknown in virtual mailbox table
EOF
check_sql 'every notice a failure named is failed; a delay is no failure' \
    "select n.kind, r.id, n.state, n.failed_at from notices n
     join requests r on r.seq = n.request order by n.seq" \
    'acuse|RS-2026-000001|failed|2026-12-01T10:16:04-05:00
requerimiento|RS-2026-000002|failed|2026-12-01T16:02:31-05:00
respuesta|RS-2026-000003|failed|2026-12-02T09:33:12-05:00
encuesta|RS-2026-000004|failed|2026-12-04T09:00:13-05:00'
check_sql '... each bounce an event on its request, with the report kept' \
    "select r.id, e.kind, json_extract(e.details, '\$.notice'),
     json_extract(e.details, '\$.action'), json_extract(e.details, '\$.status')
     from events e join requests r on r.seq = e.request
     where e.kind in ('bounce', 'delay') order by e.seq" \
    'RS-2026-000003|bounce|respuesta|failed|5.1.1
RS-2026-000001|bounce|acuse|failed|
RS-2026-000002|bounce|requerimiento|failed|5.1.10
RS-2026-000004|bounce|encuesta|failed|5.1.1
RS-2026-000003|bounce|respuesta|failed|
RS-2026-000003|delay|respuesta|delayed|4.4.1'
check_sql 'a requirement returned starts no month (art. 17): its bounce clears the limit' \
    "select json_type(e.details, '\$.hold_limit') from events e
     join requests r on r.seq = e.request
     where r.id = 'RS-2026-000002' and e.kind in ('notice', 'bounce')
     order by e.seq" \
    'text
null'
check_sql 'answered is not notified (Ley 1437 art. 56): v_requests' \
    "select id, answered_on, notified_on, answer_returned from v_requests
     where id in ('RS-2026-000003', 'RS-2026-000004') order by id" \
    'RS-2026-000003|2026-12-01||1
RS-2026-000004|2026-12-01||0'
check 'rs-queue show: the notices and their delivery state' \
    'rs-queue -o table show RS-2026-000003 >show3'
check_out '... the failed respuesta, visible, and why' \
    "sed -n '/^Avisos/,\$p' show3" <<'EOF'
Avisos
- respuesta enviada a marta.ruiz@example.net el 2026-12-01 11:05, fallida el
  2026-12-02 09:33: failure notice
EOF
check_out '... and its returns in the history, with the reasons in full' \
    "awk '/^ *[0-9]/ { p = /aviso no entregado/ } p' show3" <<'EOF'
13  2026-12-02 09:31  tester  aviso no entregado
    respuesta: 5.1.1 550 5.1.1 <marta.ruiz@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table
17  2026-12-02 09:33  tester  aviso no entregado
    respuesta: failure notice
EOF

check_out 'rs-due: the answer that reached nobody is still owed (no_notificada)' \
    "rs-due -n 2026-12-15 -o csv | cut -d, -f1,2,11" <<'EOF'
id,status,state
RS-2026-000003,respondida,no_notificada
RS-2026-000001,radicada,al_dia
RS-2026-000002,radicada,al_dia
RS-2026-000005,radicada,al_dia
RS-2026-000006,radicada,al_dia
RS-2026-000007,radicada,al_dia
EOF
check 'rs-due -q: something to do' 'rs-due -q -n 2026-12-15'
check_out 'rs-report daily: the notices the mail returned, and why' \
    "rs-report -n 2026-12-15 -o csv daily | grep '^undelivered' | grep -e ,notice, -e ,assignee," <<'EOF'
undelivered,RS-2026-000001,notice,acuse
undelivered,RS-2026-000001,assignee,
undelivered,RS-2026-000002,notice,requerimiento
undelivered,RS-2026-000002,assignee,
undelivered,RS-2026-000003,notice,respuesta
undelivered,RS-2026-000003,assignee,tester
undelivered,RS-2026-000004,notice,encuesta
undelivered,RS-2026-000004,assignee,tester
EOF
check_out 'rs-report pqrsd: answered, notified, returned (Ley 1712, Ley 1437 art. 56)' \
    "rs-report -n 2026-12-15 -o csv --from 2026-12-01 --to 2026-12-15 pqrsd |
     grep -e ',answered,' -e ',notified,' -e ',answer_returned,' | grep '^totals'" <<'EOF'
totals,,answered,2
totals,,notified,0
totals,,answer_returned,1
EOF

# --- a read receipt (RFC 8098) --------------------------------------------------------

check_out 'a respuesta asks for a read receipt, to the return path that names it' \
    "rs-notify -n 2026-12-14T10:05 respuesta RS-2026-000004 >res4.mbox &&
     python3 -c 'import mailbox
print(\" \".join(mailbox.mbox(\"res4.mbox\")[0][\"Disposition-Notification-To\"].split()))'" <<EOF
pqrsd-rebotes+respuesta.RS-2026-000004@$DOMAIN
EOF
ok '... an acuse does not' sh -c "! grep -q -i '^Disposition-Notification-To' acuse1.mbox"
check_out 'the requester displayed it: a receipt, never a radicado' \
    "rs-intake -m -n $LATER $M/mdn-displayed.eml >mdn.csv &&
     $(csvq mdn.csv 'decision, concerns, detail')" <<'EOF'
receipt|RS-2026-000004|respuesta leído
EOF
check_sql '... the notice accessed as of the receipt (Ley 1437 art. 56)' \
    "select kind, state, accessed_at from notices where request = 4 and kind = 'respuesta';
     select answer_read_on from v_requests where id = 'RS-2026-000004';
     select kind from events where request = 4 order by seq desc limit 1" \
    'respuesta|sent|2026-12-14T17:02:41-05:00
2026-12-14
receipt'

check_out 'rs-queue -o json show: the documents and the notices too' \
    "rs-queue -o json show RS-2026-000003 | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d[\"documents\"][0][\"name\"], d[\"documents\"][0][\"role\"])
print(d[\"notices\"][0][\"kind\"], d[\"notices\"][0][\"state\"], d[\"notices\"][0][\"failure\"])'" <<'EOF'
paz y salvo.pdf answer
respuesta failed failure notice
EOF

# --- automatic replies ---------------------------------------------------------------

check_sql 'an automatic reply is an event on the request it answers, never acknowledged' \
    "select r.id, json_extract(e.details, '\$.mark') from events e
     join requests r on r.seq = e.request where e.kind = 'autoreply' order by e.seq" \
    'RS-2026-000003|Auto-Submitted: auto-replied (vacation)
RS-2026-000001|X-Auto-Response-Suppress: All
RS-2026-000001|X-Autoreply: yes'
check 'rs-intake -m | rs-notify acuse: an automatic reply or a reply is never acknowledged' \
    "rs-intake -m -n $LATER $M/vacation-outlook.eml $M/list-id.eml $M/reply-outlook.eml |
     rs-notify -n $LATER acuse >loop.mbox"
ok '... no message' test ! -s loop.mbox

# --- replies -------------------------------------------------------------------------

check_sql 'the reply resumed the held request as of the day it came (art. 17)' \
    "select e.kind, substr(e.at, 1, 10), e.due_on from events e
     join requests r on r.seq = e.request
     where r.id = 'RS-2026-000002' and e.kind in ('hold', 'message', 'resume')
     order by e.seq" \
    'hold|2026-12-01|
message|2026-12-02|
resume|2026-12-02|2026-12-24
message|2026-12-03|2026-12-24'
check_sql '... and it runs again' \
    "select status, due_on, hold_limit from requests where id = 'RS-2026-000002'" \
    'radicada|2026-12-24|'
check_sql "the requester's text kept with the message event, beside the chain" \
    "select cast(json_extract(d.data, '\$.text') like 'Buenos días:%certificación laboral%' as integer)
     from events e join event_data d on d.event = e.seq
     where e.kind = 'message' order by e.seq limit 1" '1'
check_sql 'a rating 1-5 answering the encuesta is recorded' \
    "select rating, (select count(*) from events e where e.request = r.seq
     and e.kind = 'rate') from requests r where id = 'RS-2026-000004'" '5|1'
check_sql 'a reply on a request no longer open reopens nothing, and waits for review' \
    "select status from requests where id = 'RS-2026-000003';
     select reason from inbox where request = 3" \
    'respondida
mensaje sobre una solicitud que ya no está abierta'

# --- documents -----------------------------------------------------------------------

check_out "rs-queue docs: the reply's documents, named and hashed" \
    "rs-queue -o csv docs RS-2026-000002 | cut -d, -f1-5,8" <<'EOF'
n,name,type,size,role,sha256
1,rebote.eml,message/rfc822,4783,message,6256499e293490303f2a472d4366f047f95582cc0a03137180dac61018bbdbd7
2,mensaje.eml,message/rfc822,2494,message,8c4f8756160d584a481ebb06feac7b510c38112262ca8c15f91c5586ac63d0c2
3,certificación laboral.pdf,application/pdf,212,attachment,52f6babe0b54c94c8c04a30eb5470126e561b15dc422a57cf299afe5c0972cb2
4,mensaje.eml,message/rfc822,4251,message,08c790a8991e61c4d57330300f02fcf9c2b219c7f64902b766e481d99021fd5a
EOF
check 'rs-queue doc by name writes it out as it came' \
    "rs-queue doc RS-2026-000002 'certificación laboral.pdf' >cert.pdf"
check_out '... byte for byte (sha256sum)' 'sha256sum <cert.pdf' <<'EOF'
52f6babe0b54c94c8c04a30eb5470126e561b15dc422a57cf299afe5c0972cb2  -
EOF
check 'rs-queue doc by number: the whole original message' \
    "rs-queue doc RS-2026-000002 2 >orig.eml && cmp orig.eml $M/reply-thunderbird.eml"
check_err 'a document that is not there: exit 65' 65 \
    'rs-queue: RS-2026-000002: 9: no such document' 'rs-queue doc RS-2026-000002 9'
check_err 'a request that is not there: exit 65' 65 \
    'rs-queue: RS-2026-000099: no such request' 'rs-queue docs RS-2026-000099'
check_out 'RFC 2231 names decoded, a 0-byte document kept' \
    "rs-queue -o csv docs RS-2026-000007 | cut -d, -f2,4,8" <<'EOF'
name,size,sha256
mensaje.eml,2137,01d8dd1470d93ad14fec2bbbcd0900d4f278ddcd25475cbce9981b1179ae27a2
Solicitud de certificación de residencia y estratificación socioeconómica.pdf,200,3276f9bc28dfd927b077dee8584a3f9c7f8b09af8d0946f981132e2011eaaa1d
empty.txt,0,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
fachada.png,69,2e9b06dc65a4dec84a3eb3124553ec93ca27c78221e64ab2177d0f1412cfcb20
EOF

# --- forwarded, and a portal's Reply-To --------------------------------------------------

check_sql 'a forward by staff: the original sender is the requester, received when the office got it' \
    "select name, email, subject, received_at, effective_on from requests
     where id = 'RS-2026-000005'" \
    'Carmen Soto|carmen.soto@example.co|Solicitud de paz y salvo|2026-12-08T19:12:40-05:00|2026-12-09'
check_sql '... the forwarder on record, the original and its document kept' \
    "select json_extract(d.data, '\$.forwarded_by'),
     json_array_length(e.details, '\$.documents') from events e
     join event_data d on d.event = e.seq
     where e.request = 5 and e.kind = 'documents';
     select name from documents where request = 5 order by seq" \
    'funcionario@oficina.example.gov.co|3
mensaje.eml
Solicitud de paz y salvo.eml
soporte_pago.pdf'
check_sql "Reply-To: names the requester, From: on record" \
    "select name, email from requests where id = 'RS-2026-000006';
     select json_extract(d.data, '\$.sent_by') from events e
     join event_data d on d.event = e.seq
     where e.request = 6 and e.kind = 'documents'" \
    'Pedro Ríos|pedro.rios@example.co
noreply@portal.example.gov.co'

# --- the same message twice --------------------------------------------------------------

check_sql 'before the repeat' \
    "select (select count(*) from events) || '|' || (select count(*) from inbox)" '39|4'
check_out 'each message again: sorted as before, nothing written' \
    "for f in dsn-postfix reply-thunderbird reply-stranger forwarded; do
	rs-intake -m -n $LATER $M/\$f.eml | sed -n 2p | cut -d, -f1,2 | tr '\n' ' '
     done; echo" <<'EOF'
bounce, reply, inbox, new,RS-2026-000005 
EOF
check_sql '... the same events and review list' \
    "select (select count(*) from events) || '|' || (select count(*) from inbox)" '39|4'

# --- the review list -----------------------------------------------------------------------

check_out 'rs-queue inbox: what waits for an operator' \
    'rs-queue -o csv inbox | cut -d, -f1,3,6,7' <<'EOF'
n,from,concerns,state
1,hvalencia@example.net,,pendiente
2,claudia.mejia@example.org,,pendiente
3,marta.ruiz@example.net,RS-2026-000003,pendiente
4,intruso@example.com,RS-2026-000002,pendiente
EOF
check 'inbox show: the message as it came' \
    "rs-queue inbox show 4 | cmp - $M/reply-stranger.eml"
check_out 'inbox attach: the stranger was the requester writing from another address' \
    "rs-queue -n $LATER -o csv inbox attach 4 RS-2026-000002 | cut -d, -f1,6-8" <<'EOF'
n,concerns,state,decision
4,RS-2026-000002,adjuntado,RS-2026-000002
EOF
check_sql '... a message event on the request, its documents kept' \
    "select e.kind, json_extract(e.details, '\$.inbox'), e.actor from events e
     where e.request = 2 order by e.seq desc limit 1" 'message|4|tester'
cat >otra-direccion.eml <<'EOF'
From: Ana P. <ana.p@example.net>
To: pqrsd@oficina.example.gov.co
Subject: RS-2026-000001: la cédula que pidieron
Date: Wed, 09 Dec 2026 10:00:00 -0500
Message-ID: <otra-direccion@example.net>

Les envío la cédula desde el correo de mi trabajo.
EOF
check 'a requirement to Ana; she answers from another address: it waits' \
    "rs-queue -n 2026-12-02T09:00 hold -m 'Falta la cédula' RS-2026-000001 >/dev/null &&
     rs-intake -m -n $LATER otra-direccion.eml | grep -q '^inbox,'"
check_err 'inbox attach: the operator vouches for it, the clock runs again (art. 17)' 0 \
    'rs-queue: RS-2026-000001: the requirement answered: the clock runs again (Ley 1755 art. 17); status radicada' \
    "rs-queue -n $LATER inbox attach 5 RS-2026-000001 >/dev/null"
check_sql '... resumed as of the day the message came' \
    "select kind, substr(at, 1, 10), due_on from events where request = 1
     and kind in ('hold', 'resume') order by seq" \
    'hold|2026-12-02|
resume|2026-12-09|2026-12-30'
cat >antes.eml <<'EOF'
From: Luis G. <luis.g@example.net>
To: pqrsd@oficina.example.gov.co
Subject: RS-2026-000002 certificación
Date: Tue, 01 Dec 2026 07:00:00 -0500
Message-ID: <antes@example.net>

Una copia más de la certificación.
EOF
check 'a message older than a new requirement; the operator says it answers it' \
    "rs-queue -n 2026-12-15T09:00 hold -m 'Falta la firma' RS-2026-000002 >/dev/null &&
     rs-intake -m -n $LATER antes.eml | grep -q '^inbox,' &&
     rs-queue -n 2026-12-16T08:00 inbox attach 6 RS-2026-000002 >/dev/null 2>&1"
check_sql '... resumed no earlier than the requirement: the clock stopped for no day' \
    "select kind, at from events where request = 2 and kind in ('hold', 'resume')
     order by seq desc limit 2" \
    'resume|2026-12-15T09:00:00-05:00
hold|2026-12-15T09:00:00-05:00'
cat >tercero.eml <<'EOF'
From: notaria@example.com
To: pqrsd@oficina.example.gov.co
Subject: RS-2026-000002: constancia de la notaría
Date: Mon, 14 Dec 2026 09:00:00 -0500
Message-ID: <tercero@example.com>

Adjuntamos la constancia que pidió el señor Gómez.
EOF
check 'a third party writes about a waiting request' \
    "rs-queue -n 2026-12-15T10:00 hold -m 'Falta la constancia' RS-2026-000002 >/dev/null &&
     rs-intake -m -n $LATER tercero.eml | grep -q '^inbox,'"
check 'inbox attach --no-resume: kept for the record, the clock stays stopped' \
    "rs-queue -n 2026-12-16T08:00 inbox attach --no-resume 7 RS-2026-000002 >/dev/null 2>warn &&
     test ! -s warn"
check_sql '... still waiting' \
    "select status from requests where id = 'RS-2026-000002'" 'en_espera'
check_err '... decided once' 65 'rs-queue: inbox 4: already decided: adjuntado' \
    "rs-queue -n $LATER inbox discard -m 'otra vez' 4"
check_err 'inbox discard needs a reason: exit 65' 65 \
    'rs-queue: inbox 2: discard: the reason is required (-m)' \
    "rs-queue -n $LATER inbox discard 2"
check_out 'inbox discard -m: a mailing list, set aside for good' \
    "rs-queue -n $LATER -o csv inbox discard -m 'boletín, no es una petición' 2 >discard.csv &&
     $(csvq discard.csv 'n, state, decision')" <<'EOF'
2|descartado|boletín, no es una petición
EOF
check 'the mailbox gives its requests a topic' 'rs-admin config mail_topic otro'
check_out 'inbox register -t consulta: a new request from what waited' \
    "rs-queue -n $LATER -o csv inbox register -t consulta 1 >register.csv &&
     $(csvq register.csv 'id, type, topic, team, name, email, new')" <<'EOF'
RS-2026-000008|consulta|otro|contabilidad|Hernan Valencia|hvalencia@example.net|1
EOF
check_sql '... with its message and the received time it came with' \
    "select received_at, (select count(*) from documents d where d.request = r.seq)
     from requests r where id = 'RS-2026-000008'" '2026-12-07T08:05:09-05:00|1'
check_sql 'every decision an event: the office record for the discard' \
    "select kind, json_extract(details, '\$.inbox'), json_extract(details, '\$.text')
     from events where request = 0 and kind = 'discard'" \
    'discard|2|boletín, no es una petición'
check_err 'a number that is not in the list: exit 65' 65 \
    'rs-queue: inbox 99: no such message in the review list' 'rs-queue inbox show 99'
check_err 'not a number: exit 64' 64 \
    'rs-queue: inbox attach: expected the number of a message in the review list; got "x"' \
    'rs-queue inbox attach x RS-2026-000001'
check_err 'attach to a request that is not there: exit 65' 65 \
    'rs-queue: inbox 3: no such request' "rs-queue -n $LATER inbox attach 3 RS-2026-000099"

# --- the desk's documents ---------------------------------------------------------------

printf 'escaneado\n' >cedula.pdf
check_out 'rs-queue attach -A: a scanned paper added at the desk' \
    "rs-queue -n $LATER -o csv attach -m 'cédula' -A cedula.pdf RS-2026-000001 | cut -d, -f2-5" <<'EOF'
name,type,size,role
rebote.eml,message/rfc822,2679,message
respuesta-automatica.eml,message/rfc822,2708,message
respuesta-automatica.eml,message/rfc822,1176,message
mensaje.eml,message/rfc822,248,message
cedula.pdf,application/pdf,10,desk
EOF
check_err 'attach a file that is not there: exit 66, nothing written' 66 \
    'rs-queue: nada.pdf: No such file or directory' \
    "rs-queue -n $LATER attach -A nada.pdf RS-2026-000001"
check_err 'attach to a request that is not there: exit 65' 65 \
    'rs-queue: RS-2026-000099: no such request' \
    "rs-queue -n $LATER attach -A cedula.pdf RS-2026-000099"
check_out 'the constancia lists the documents received (Decreto 1166 de 2016)' \
    "rs-notify -n $LATER -p constancia RS-2026-000001 | sed -n '/DOCUMENTOS QUE APORTA/,/^___/p'" <<'EOF'
DOCUMENTOS QUE APORTA

- cedula.pdf (10 bytes)
_____________________________________________________________________
EOF

check_out 'rs-intake -A: the desk registers a request with its papers' \
    "rs-intake -n $LATER -o csv -c presencial -t peticion -N 'Rosa Díaz' -p '601 555 1234' -s Licencia \
        -A cedula.pdf -A 'paz y salvo.pdf' | cut -d, -f1 &&
     rs-queue -o csv docs RS-2026-000009 | cut -d, -f2,4,5" <<'EOF'
id
RS-2026-000009
name,size,role
cedula.pdf,10,desk
paz y salvo.pdf,21,desk
EOF
check_err 'rs-intake -A with -m: usage, before any file is read' 64 "$(rs-intake -h 2>&1)" \
    "rs-intake -m -A nada.pdf $M/forwarded.eml"
check_err 'rs-intake -A of a file that is not there: exit 66, nothing registered' 66 \
    'rs-intake: nada.pdf: No such file or directory' \
    "rs-intake -n $LATER -c presencial -t peticion -N Otro -p '601 555 1234' -A nada.pdf"
check_err 'answer --strict: a protocol finding refuses it, nothing recorded' 65 \
    'rs-queue: RS-2026-000009: a bare "No." is no answer: explain it (protocol 5.1)
rs-queue: RS-2026-000009: not recorded (--strict)' \
    "rs-queue -n $LATER answer --strict --outcome informativa -m 'No.' RS-2026-000009"
check_sql '... still unanswered, no event' \
    "select status, cast(answered_at is null as integer), (select count(*) from events e
     where e.request = r.seq and e.kind = 'answer') from requests r
     where id = 'RS-2026-000009'" 'radicada|1|0'
check_err 'answer without --strict: the finding is a warning, the answer recorded' 0 \
    'rs-queue: RS-2026-000009: "DIAN" is not explained: spell an acronym out the first time (protocol 5.1)' \
    "rs-queue -n $LATER answer --outcome informativa -m 'La licencia la expide la DIAN.' RS-2026-000009 >/dev/null"

check 'forward --to "Name <address>", then rs-notify traslado' \
    "rs-queue -n $LATER forward --to 'Superintendencia de Salud <radicacion@supersalud.example.gov.co>' \
        RS-2026-000007 >/dev/null &&
     rs-notify -n $LATER traslado RS-2026-000007 >traslado.mbox"
check_out '... the requester told, the authority sent the request with its documents (art. 21)' \
    "python3 -c '
import mailbox
for m in mailbox.mbox(\"traslado.mbox\"):
    print(m[\"To\"].split(\"<\")[-1].rstrip(\">\"), m.get_content_type(),
        [p.get_filename() for p in m.walk() if p.get_filename()])'" <<'EOF'
sofia.herrera@example.co text/plain []
radicacion@supersalud.example.gov.co multipart/mixed ['mensaje.eml', 'Solicitud de certificación de residencia y estratificación socioeconómica.pdf', 'empty.txt', 'fachada.png']
EOF
check_sql '... each recorded with the return path that names it' \
    "select kind, recipient from notices where request = 7 order by seq" \
    'traslado|sofia.herrera@example.co
traslado_autoridad|radicacion@supersalud.example.gov.co'
check_err 'an authority without an address: the requester is told, the office warned' 0 \
    "rs-notify: RS-2026-000006: no address for Alcaldía de Tocancipá (rs-queue forward --to 'Name <address>'): send it the request and its documents yourself (rs-queue docs)" \
    "rs-queue -n $LATER forward --to 'Alcaldía de Tocancipá' RS-2026-000006 >/dev/null &&
     rs-notify -n $LATER traslado RS-2026-000006 >/dev/null"

check_err 'a requester with no e-mail: the office warned, the authority still gets it' 65 \
    'rs-notify: RS-2026-000010: no e-mail address to write to (-p prints it)' \
    "rs-intake -n $LATER -c presencial -t peticion -N 'Gil Paz' -p '601 555 0000' \
        -s Licencia -A cedula.pdf >/dev/null &&
     rs-queue -n $LATER forward --to 'Curaduría <radicacion@curaduria.example.gov.co>' \
        RS-2026-000010 >/dev/null &&
     rs-notify -n $LATER traslado RS-2026-000010 >traslado10.mbox"
check_sql '... the authority recorded, nobody else' \
    "select kind, recipient from notices where request = 10" \
    'traslado_autoridad|radicacion@curaduria.example.gov.co'
check_err '... run again: the authority is not sent it twice' 65 \
    'rs-notify: RS-2026-000010: no e-mail address to write to (-p prints it)
rs-notify: RS-2026-000010: traslado_autoridad already sent (-F sends it again)' \
    "rs-notify -n $LATER traslado RS-2026-000010 >/dev/null"
check_sql '... one notice still' \
    "select count(*) from notices where request = 10" '1'
check_out '... and on paper, both letters' \
    "rs-notify -F -n $LATER -p traslado RS-2026-000010 | grep -c -e 'Su solicitud RS-2026-000010 fue enviada' -e 'Traslado por competencia de la solicitud'" <<'EOF'
2
EOF

# a report of success (NOTIFY=SUCCESS): on record, no failure
sed -e 's/^Action: failed/Action: delivered/' -e 's/^Status: 5.1.1/Status: 2.0.0/' \
    -e 's/^Message-Id: <[^@]*@mx/Message-Id: <delivered@mx/' \
    -e 's/respuesta\.RS-2026-000003/respuesta.RS-2026-000004/g' $M/dsn-postfix.eml >delivered.eml
check_out 'a DSN that says delivered: a report on record, the notice untouched' \
    "rs-intake -m -n $LATER delivered.eml >delivered.csv &&
     $(csvq delivered.csv 'decision, concerns, detail') &&
     $(sql_cmd) \"select kind, json_extract(details, '\$.action') from events
       where request = 4 order by seq desc limit 1;
       select state from notices where request = 4 and kind = 'respuesta'\"" <<'EOF'
bounce|RS-2026-000004|respuesta: informe de entrega: delivered
dsn|delivered
sent
EOF

sed -e 's/^From: .*/From: intruso@example.com/' \
    -e 's/^Message-ID: <9c1e/Message-ID: <forged/' \
    -e 's/^Final-Recipient: .*/Final-Recipient: rfc822;intruso@example.com/' \
    $M/mdn-displayed.eml >forged.eml
check_out 'a receipt from someone the notice did not go to: for review, nothing read' \
    "rs-intake -m -n $LATER forged.eml >forged.csv &&
     $(csvq forged.csv 'decision, concerns') &&
     $(sql_cmd) 'select count(*) from notices where accessed_at is not null'" <<'EOF'
inbox|RS-2026-000004
1
EOF
cat >mayusculas.eml <<'EOF'
From: jose.pena@example.org
To: pqrsd@oficina.example.gov.co
Subject: =?UTF-8?Q?RESPUESTA_AUTOM=C3=81TICA:_Respuesta_a_su_solicitud_RS-2026-000004?=
Date: Mon, 14 Dec 2026 18:00:00 -0500
Message-ID: <mayusculas@example.org>

Estoy fuera de la oficina.
EOF
check_out 'an automatic subject in capitals, Á and all: no reply, no rating' \
    "rs-intake -m -n $LATER mayusculas.eml >mayus.csv &&
     $(csvq mayus.csv 'decision, concerns')" <<'EOF'
autoreply|RS-2026-000004
EOF

# --- bounds -----------------------------------------------------------------------------

sh "$M/make-oversized.sh" 2 >big.eml
check 'max_message 1: a message of one megabyte at most' 'rs-admin config max_message 1'
check_err 'a 2-megabyte message is refused whole: exit 65' 65 \
    'rs-intake: stdin: the message is over 1000000 bytes (setting max_message); nothing was registered' \
    "rs-intake -m -n $LATER <big.eml"
check_sql '... nothing of it written' "select count(*) from requests" '10'
check_err 'a desk file past the bound: exit 65' 65 \
    'rs-queue: the documents are 2097152 bytes, over the 1000000 of the setting max_message; nothing was written' \
    "head -c 2097152 /dev/zero >big.bin && rs-queue -n $LATER attach -A big.bin RS-2026-000001"
check_err 'max_message must be megabytes' 65 \
    'rs-admin: max_message: expected megabytes from 1 to 9999; got "25MB"' \
    'rs-admin config max_message 25MB'

# --- the audit --------------------------------------------------------------------------

check 'rs-admin check: the chain and every document hold' 'rs-admin check'
# each damage done to a copy of the store: a file's copy, or an office
# copied by rs-admin copy into a database of its own
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	SWAPPED=swapped.db CHANGED=changed.db OTRO="cast('otro' as blob)"
	cp rs.db swapped.db && cp rs.db changed.db
else
	SWAPPED=$(store_for swapped) CHANGED=$(store_for changed)
	OTRO="convert_to('otro', 'UTF8')"
	rs-admin copy "$SWAPPED" >/dev/null && rs-admin copy "$CHANGED" >/dev/null
fi
RS_DB=$SWAPPED sql "update documents set hash = (select hash from documents
    where name = 'cedula.pdf' order by seq limit 1) where name = 'certificación laboral.pdf'"
check_err 'a document swapped for another: found' 65 \
    "rs-admin: $(checked_as "$SWAPPED"): RS-2026-000002: document 3 (certificación laboral.pdf): its hash is not the one its event recorded: the document was swapped
rs-admin: $(checked_as "$SWAPPED"): 1 problem found" "rs-admin -d '$SWAPPED' check"
RS_DB=$CHANGED sql "update blobs set data = $OTRO
    where hash = '52f6babe0b54c94c8c04a30eb5470126e561b15dc422a57cf299afe5c0972cb2'"
check_err "a document's bytes changed: found" 65 \
    "rs-admin: $(checked_as "$CHANGED"): document 52f6babe0b54c94c8c04a30eb5470126e561b15dc422a57cf299afe5c0972cb2: its bytes were changed: they hash to c63a855fcfec62cc64a47280a4f51d052b67930873906af30aa92de2ce160c06
rs-admin: $(checked_as "$CHANGED"): 1 problem found" "rs-admin -d '$CHANGED' check"
done_testing
