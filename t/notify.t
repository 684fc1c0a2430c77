#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-notify (DESIGN §2, §7): the notices of a request's history, from
# templates, as RFC 5322 messages in an mbox stream (default), a Maildir
# (-M) or as text (-p); each recorded once, with its event; the checks of
# a reply against the protocols; the office's own templates.  Messages are
# read back by a second MIME parser, python3's email package (without
# python3 the test fails, saying so), and by rs-intake -m itself.
#
# Dates counted by hand (holidays: Mon 19 Aug 2024, Asunción moved):
# received Tue 2024-08-13 before 16:00, peticion: effective that day; 14,
# 15, 16 (3), 20-23 (7), 26-30 (12), 2, 3, 4 Sep (15): due Wed 2024-09-04.
# A hold on Wed 14 Aug: the month counts from Thu 15 Aug to Sun 15 Sep,
# moved to Mon 2024-09-16.
plan 131

SENDER=pqrsd@alcaldia.example.gov.co
DOMAIN=alcaldia.example.gov.co
OFFICE='Alcaldía de Sopó, Atención al Ciudadano'
# 200 characters, 224 bytes: accents, commas and emoji (one with a
# skin-tone modifier)
LONG='Poda 🌳 del árbol caído frente a la casa número 12 de la vereda La Fuente, que bloquea la vía 🚧 y pone en riesgo a los niños 👧🏽 que pasan hacia la escuela; pedimos atención pronta, gracias ✅ señora 🙏!!'

command -v python3 >/dev/null 2>&1 ||
    { echo "Bail out! python3 is needed (sh scripts/deps.sh installs it)"; exit 1; }
export PYTHONIOENCODING=utf-8

# mail.py FILE FIELD...: each message of FILE (an mbox, or one message)
# parsed by python3's email package; for each message, each FIELD:
# from/to (display name and address), body (the decoded text), defects
# (how many the parser found), or the decoded value of that header.
cat >mail.py <<'EOF'
import email, mailbox, sys
from email import policy

def parse(f):
    return email.message_from_binary_file(f, policy=policy.default)

path, fields = sys.argv[1], sys.argv[2:]
with open(path, 'rb') as f:
    mbox = f.read(5) == b'From '
if mbox:
    msgs = list(mailbox.mbox(path, factory=parse, create=False))
else:
    with open(path, 'rb') as f:
        msgs = [parse(f)]
for m in msgs:
    for k in fields:
        if k == 'body':
            sys.stdout.write(m.get_content())
        elif k in ('from', 'to'):
            a = m[k].addresses
            print('%s: %s <%s>' % (k, a[0].display_name, a[0].addr_spec)
                  if len(a) == 1 else '%s: %d addresses' % (k, len(a)))
        elif k == 'defects':
            n = len(m.defects) + sum(len(getattr(v, 'defects', ()))
                                     for v in m.values())
            print('defects: %d' % n)
        else:
            print('%s: %s' % (k, m[k]))
EOF

# py DESC 'FILE FIELD... [| filter]' <<EOF expected EOF: what mail.py
# prints; pyc DESC CMD <<EOF expected EOF: any command using it
pyc() {
	check_out "$1" "$2"
}
py() {
	pyc "$1" "python3 mail.py $2"
}

# the notices as recorded, and their events
NOTICES="select r.id, n.kind, n.recipient, n.message_id, n.via, n.sent_at,
    n.sent_by from notices n join requests r on r.seq = n.request
    order by n.seq"
EVENTS="select r.id, json_extract(e.details, '$.kind'),
    (select n.recipient from notices n
      where n.seq = CAST(json_extract(e.details, '$.notice') AS INTEGER)),
    json_extract(e.details, '$.message_id'),
    json_extract(e.details, '$.via'), e.at, e.actor from events e
    join requests r on r.seq = e.request where e.kind = 'notice'
    order by e.seq"
count() {	# ID KIND: notices of that kind recorded for the request
	sql "select count(*) from notices n join requests r on
	    r.seq = n.request where r.id = '$1' and n.kind = '$2'"
}
COUNT="select (select count(*) from notices),
    (select count(*) from events where kind = 'notice')"

# other offices: where the notices are read back as mail, one for the
# reminder, one with templates of its own
BACK=$(store_for back)
REM=$(store_for rem)
TPL=$(store_for tpl)
export BACK REM TPL

check 'rs-admin init' 'rs-admin init'

# --- configuration and usage -----------------------------------------------

check_err 'no sender configured: exit 78' 78 \
    "rs-notify: $RS_DB: sender: not set (rs-admin config sender ADDRESS)" \
    'rs-notify acuse RS-2024-000001'
check "the office's sender, name and phone" \
    "rs-admin config sender $SENDER && rs-admin config office_name '$OFFICE' &&
     rs-admin config office_phone '601 555 1234'"
check_err 'an unknown kind: exit 64 with the list' 64 \
    'rs-notify: aviso: expected one of acuse, constancia, requerimiento, prorroga_requerimiento, prorroga, traslado, respuesta, desistimiento, encuesta, recordatorio' \
    'rs-notify aviso RS-2024-000001'
USAGE='usage: rs-notify [-F] [-d db] [-M dir | -p | -s] [-n datetime] [-u user] [--strict]
                 kind [id ...]
       rs-notify [-d db] [-M dir | -s] [-n datetime] [-u user] [--to address]
                 recordatorio [id ...]'
check_err 'no kind: usage' 64 "$USAGE" 'rs-notify'
check_err 'recordatorio without --to nor a users catalog' 64 \
    'rs-notify: recordatorio: expected --to address (the users catalog is empty: rs-admin users)' \
    'rs-notify recordatorio RS-2024-000001'
check_err 'an unknown request' 65 \
    'rs-notify: RS-2024-999999: no such request' \
    'rs-notify acuse RS-2024-999999'

# --- acuse: ids from rs-intake's CSV ----------------------------------------------

cat >in1.csv <<EOF
received_at,channel,type,name,salutation,email,subject,description
2024-08-13T09:00,correo,peticion,José Peña Muñoz,senor,jose@example.co,Certificado de residencia,Necesito un certificado de residencia.
2024-08-13T09:10,web,peticion,María Fernanda Ortiz,senora,mafe@example.co,"$LONG",Un árbol caído bloquea la vía.
EOF
check 'rs-intake | rs-notify acuse: the ids from the CSV id column' \
    'rs-intake -n 2024-08-13T10:00 in1.csv |
     rs-notify -n 2024-08-13T10:05 acuse >acuse.mbox'
ok '... two messages in the mbox' \
    test "$(grep -c '^From ' acuse.mbox)" -eq 2
ok '... the mbox is 7-bit: RFC 2047 headers, quoted-printable body' \
    test "$(tr -d '\011\012\040-\176' <acuse.mbox | wc -c)" -eq 0
ok '... no line longer than 78 characters' \
    test "$(awk 'length > 78' acuse.mbox | wc -l)" -eq 0
py '... the headers, read back by python3' \
    "acuse.mbox from to subject message-id date defects" <<EOF
from: $OFFICE <$SENDER>
to: José Peña Muñoz <jose@example.co>
subject: Recibimos su solicitud, radicado RS-2024-000001
message-id: <acuse.RS-2024-000001@$DOMAIN>
date: Tue, 13 Aug 2024 10:05:00 -0500
defects: 0
from: $OFFICE <$SENDER>
to: María Fernanda Ortiz <mafe@example.co>
subject: Recibimos su solicitud, radicado RS-2024-000002
message-id: <acuse.RS-2024-000002@$DOMAIN>
date: Tue, 13 Aug 2024 10:05:00 -0500
defects: 0
EOF
awk '/^From /{n++} n == 1' acuse.mbox >one.mbox	# José's alone
py "... José's body: salutation, radicado, dates in Spanish" \
    "one.mbox body | grep -F -x -e 'Señor José Peña Muñoz:' -e '  Número de radicado: RS-2024-000001' -e '  Asunto: Certificado de residencia' -e '  Recibida: martes 13 de agosto de 2024 a las 09:00' -e '  Fecha de radicación: martes 13 de agosto de 2024' -e 'le responderemos a más tardar el miércoles 4 de septiembre de 2024.' -e '  Teléfono: 601 555 1234'" <<'EOF'
Señor José Peña Muñoz:
  Número de radicado: RS-2024-000001
  Asunto: Certificado de residencia
  Recibida: martes 13 de agosto de 2024 a las 09:00
  Fecha de radicación: martes 13 de agosto de 2024
le responderemos a más tardar el miércoles 4 de septiembre de 2024.
  Teléfono: 601 555 1234
EOF
py '... the 200-character subject with emoji, whole in the Asunto line' \
    "acuse.mbox body | grep -F -e 'Asunto:' -e 'Señora María'" <<EOF
  Asunto: Certificado de residencia
Señora María Fernanda Ortiz:
  Asunto: $LONG
EOF
check_sql '... each notice recorded once' "$NOTICES" \
    "RS-2024-000001|acuse|jose@example.co|acuse.RS-2024-000001@$DOMAIN|mbox|2024-08-13T10:05:00-05:00|tester
RS-2024-000002|acuse|mafe@example.co|acuse.RS-2024-000002@$DOMAIN|mbox|2024-08-13T10:05:00-05:00|tester"
check_sql "... with a 'notice' event each" "$EVENTS" \
    "RS-2024-000001|acuse|jose@example.co|acuse.RS-2024-000001@$DOMAIN|mbox|2024-08-13T10:05:00-05:00|tester
RS-2024-000002|acuse|mafe@example.co|acuse.RS-2024-000002@$DOMAIN|mbox|2024-08-13T10:05:00-05:00|tester"
check_sql '... two notice events in all' \
    "select count(*) from events where kind = 'notice'" 2
check 'rs-admin check: the audit chain holds' 'rs-admin check'

# the rest of the requests, one for each step below
cat >in2.csv <<'EOF'
received_at,channel,type,name,salutation,email,phone,subject,description
2024-08-13T09:20,correo,peticion,Luz Gómez,senora,luz@example.co,,Pago de la cuenta de julio,Falta el pago.
2024-08-13T09:30,correo,peticion,Pedro Rojas,senor,pedro@example.co,,Licencia ambiental,Permiso de vertimientos.
2024-08-13T09:40,correo,peticion,Carlos Díaz,senor,carlos@example.co,,Comisión de servicios,Anticipo de viáticos.
2024-08-13T09:50,correo,peticion,Rosa Pérez,senora,rosa@example.co,,Certificado laboral,Para un banco.
2024-08-13T10:00,presencial,peticion,Ana Ruiz,senora,,300 123 4567,Poda de un árbol,El árbol del parque amenaza caer.
2024-08-13T10:10,correo,peticion,Eva Mora,senora,eva@example.co,,Reintegro,¿Me reintegran?
2024-08-13T10:20,correo,peticion,Juan Ortiz,senor,juan@example.co,,Estado del RUT,Consulta.
2024-08-13T10:30,correo,peticion,Sara Lima,senora,sara@example.co,,Actualización del RUT,Consulta.
2024-08-13T10:40,correo,peticion,Iván Cruz,senor,ivan@example.co,,Cuenta de cobro,Pago.
2024-08-13T10:50,correo,peticion,Olga Paz,senora,olga@example.co,,Cuenta de cobro,Pago.
2024-08-13T11:00,correo,peticion,Raúl Gil,senor,raul@example.co,,Cuenta de cobro,Pago.
2024-08-13T11:10,correo,peticion,Nora Vela,senora,nora@example.co,,Registro tributario,Consulta.
2024-08-13T11:20,telefonico,peticion,Hugo León,senor,hugo@example.co,601 555 0000,Alumbrado público,La lámpara de la esquina no enciende.
EOF
check 'thirteen more requests, RS-2024-000003 to RS-2024-000015' \
    'rs-intake -n 2024-08-13T11:30 in2.csv >/dev/null'

check 'acuse for ids as operands' \
    'rs-notify -n 2024-08-13T11:35 acuse RS-2024-000003 RS-2024-000004 >ops.mbox'
py '... one message for each' 'ops.mbox to message-id' <<EOF
to: Luz Gómez <luz@example.co>
message-id: <acuse.RS-2024-000003@$DOMAIN>
to: Pedro Rojas <pedro@example.co>
message-id: <acuse.RS-2024-000004@$DOMAIN>
EOF
check 'acuse for ids on stdin, one a line' \
    "printf 'RS-2024-000005\nRS-2024-000006\n' |
     rs-notify -n 2024-08-13T11:35 acuse >lines.mbox"
py '... one message for each' 'lines.mbox to message-id' <<EOF
to: Carlos Díaz <carlos@example.co>
message-id: <acuse.RS-2024-000005@$DOMAIN>
to: Rosa Pérez <rosa@example.co>
message-id: <acuse.RS-2024-000006@$DOMAIN>
EOF
check_err 'stdin that is neither ids nor CSV with an id column' 65 \
    'rs-notify: stdin:1: expected an id column, or one radicado a line' \
    "printf 'radicado,nombre\nRS-2024-000001,José\n' | rs-notify acuse"
check_sql '... four more recorded, nothing for the refused input' "$COUNT" '6|6'

# --- sent once, unless forced -------------------------------------------------------

check_err 'acuse again: a warning, exit 0' 0 \
    'rs-notify: RS-2024-000001: acuse already sent (-F sends it again)' \
    'rs-notify -n 2024-08-13T12:00 acuse RS-2024-000001'
ok '... and no output' test ! -s out
check_sql '... nothing recorded' "$COUNT" '6|6'
check '-F sends it again' \
    'rs-notify -F -n 2024-08-13T12:00 acuse RS-2024-000001 >again.mbox'
# A second sending is another message, so that a bounce names the one
# it returns and no mail store drops it as a copy of the first.
py '... as another message: its own Message-ID' 'again.mbox message-id date' <<EOF
message-id: <acuse-2.RS-2024-000001@$DOMAIN>
date: Tue, 13 Aug 2024 12:00:00 -0500
EOF
check_sql '... recorded as a second sending' \
    "select count(*), count(distinct message_id), max(sent_at) from notices
     where kind = 'acuse' and request = 1" \
    '2|2|2024-08-13T12:00:00-05:00'

# --- a round trip through rs-intake -m --------------------------------------------

check 'rs-intake -m reads the acuse back into another store' \
    'rs-admin -d "$BACK" init &&
     rs-intake -d "$BACK" -m -n 2024-08-14T08:00 one.mbox >/dev/null'
# the acuse says Auto-Submitted: auto-replied (RFC 3834): read back, it
# is set aside for review, never registered
on "$BACK" check_sql '... set aside: the name, address, subject and date intact' \
    "select json_extract(letter, '\$.name'),
     json_extract(letter, '\$.email'), subject, received_at from inbox;
     select count(*) from requests" \
    "$OFFICE|$SENDER|Recibimos su solicitud, radicado RS-2024-000001|2024-08-13T10:05:00-05:00
0"
on "$BACK" sql "select json_extract(letter, '\$.text') from inbox" >back.txt 2>&1
check_out '... and the body as it was written' \
    "grep -F -x -e 'Señor José Peña Muñoz:' -e '  Número de radicado: RS-2024-000001' back.txt" <<'EOF'
Señor José Peña Muñoz:
  Número de radicado: RS-2024-000001
EOF

# --- Maildir, print -------------------------------------------------------------------

mkdir Maildir
check '-M DIR: encuesta into a Maildir' \
    'rs-notify -n 2024-08-13T12:30 -M Maildir encuesta RS-2024-000001 RS-2024-000002 >maildir.out'
ok '... nothing on stdout' test ! -s maildir.out
ok '... two files in DIR/new, none left in DIR/tmp' \
    test "$(ls Maildir/new | wc -l)" -eq 2 -a "$(ls Maildir/tmp | wc -l)" -eq 0
ok '... each a message, without an mbox From_ line' \
    sh -c '! grep -l "^From " Maildir/new/* >/dev/null'
pyc '... read back' \
    'for f in Maildir/new/*; do python3 mail.py "$f" message-id to; done | sort' <<EOF
message-id: <encuesta.RS-2024-000001@$DOMAIN>
message-id: <encuesta.RS-2024-000002@$DOMAIN>
to: José Peña Muñoz <jose@example.co>
to: María Fernanda Ortiz <mafe@example.co>
EOF
check_sql '... recorded via maildir' \
    "select r.id, n.via from notices n join requests r on r.seq = n.request
     where n.kind = 'encuesta' order by r.id" \
    'RS-2024-000001|maildir
RS-2024-000002|maildir'
: >notadir
check_err '-M with a Maildir that cannot be made: exit 73' 73 \
    'rs-notify: RS-2024-000003: notadir: Not a directory' \
    'rs-notify -n 2024-08-13T12:30 -M notadir encuesta RS-2024-000003'
ok '... nothing recorded' test "$(count RS-2024-000003 encuesta)" -eq 0

check '-p prints the constancia of a petition made by phone' \
    'rs-notify -n 2024-08-13T12:40 -p constancia RS-2024-000015 >const.txt'
check_out '... as text: the radicado, the name, "de manera verbal"' \
    "grep -F -e 'radicado RS-2024' -e 'Número de radicado' -e 'de manera' -e 'Nombre:' -e 'Canal' const.txt" <<'EOF'
Constancia de petición verbal, radicado RS-2024-000015
Se deja constancia de que la siguiente petición se presentó de manera
Número de radicado: RS-2024-000015
Canal de atención: línea telefónica
Nombre: Hugo León
La petición se formuló de manera verbal. Esta constancia la deja por
EOF
ok '... with no mail headers' \
    sh -c "! grep -E -i '^(From|To|Subject|Date|Message-ID|MIME-Version|Content-[A-Za-z-]+): ' const.txt"
ok '... and not quoted-printable' sh -c "! grep -q '=C3=' const.txt"
ok '... a form feed after it' test "$(tail -c 2 const.txt | od -An -c | tr -d ' ')" = '\n\f'
check_sql '... recorded as printed' \
    "select recipient, via from notices where kind = 'constancia'" \
    'hugo@example.co|print'
check_err 'no e-mail address to write to' 65 \
    'rs-notify: RS-2024-000007: no e-mail address to write to (-p prints it)' \
    'rs-notify -n 2024-08-13T12:40 acuse RS-2024-000007'
ok '... nothing recorded' test "$(count RS-2024-000007 acuse)" -eq 0
# the constancia is for a verbal petition: often a phone, no e-mail
check_out '-p prints the constancia of a request with no e-mail address' \
    "rs-notify -n 2024-08-13T12:40 -p constancia RS-2024-000007 |
     grep -F -e 'Nombre:' -e 'Canal' -e 'para recibir la respuesta'" <<'EOF'
Canal de atención: atención presencial
Nombre: Ana Ruiz
Correo electrónico o teléfono para recibir la respuesta: 300 123 4567
EOF

# --- each notice where the history calls for it --------------------------------

for k in requerimiento prorroga traslado respuesta desistimiento; do
	# a prorroga is owed by an extension, whatever the status
	why="status is radicada"
	[ $k = prorroga ] && why="the term was not extended"
	check_err "$k before its step: refused" 65 \
	    "rs-notify: RS-2024-000001: no $k to notify: $why" \
	    "rs-notify -n 2024-08-13T13:00 $k RS-2024-000001"
done
ok '... none printed anything' test ! -s out
check_sql '... nor recorded anything' \
    "select count(*) from notices where request = 1 and kind not in
     ('acuse', 'encuesta')" 0

check 'hold RS-2024-000001 (art. 17)' \
    "rs-queue -n 2024-08-14T10:00 hold -m 'Copia de la cédula de ciudadanía del titular' RS-2024-000001 >/dev/null"
check 'requerimiento after the hold' \
    'rs-notify -n 2024-08-14T10:05 requerimiento RS-2024-000001 >req.mbox'
py '... its subject' 'req.mbox subject message-id' <<EOF
subject: Necesitamos información para continuar su solicitud RS-2024-000001
message-id: <requerimiento.RS-2024-000001@$DOMAIN>
EOF
py '... what is missing and the month limit, in Spanish' \
    "req.mbox body | grep -F -e 'cédula' -e 'más tardar' -e 'hasta el'" <<'EOF'
Copia de la cédula de ciudadanía del titular
Le pedimos enviarlo a más tardar el lunes 16 de septiembre de 2024,
- Usted tiene un mes para enviarlo, es decir, hasta el lunes 16 de septiembre de 2024.
EOF
check_err 'desistimiento while the month runs: refused' 65 \
    'rs-notify: RS-2024-000001: no desistimiento to notify: status is en_espera' \
    'rs-notify -n 2024-09-16T10:00 desistimiento RS-2024-000001'
check 'close after the limit' \
    'rs-queue -n 2024-09-17T09:00 close RS-2024-000001 >/dev/null'
check_sql '... desistida (art. 17)' \
    "select status from requests where id = 'RS-2024-000001'" desistida
check 'desistimiento after it' \
    'rs-notify -n 2024-09-17T09:05 desistimiento RS-2024-000001 >des.mbox'
py '... what was missing, when the month ended, and today' \
    "des.mbox subject body | grep -F -e subject: -e cédula -e 'terminó el' -e 'del martes'" <<'EOF'
subject: Cierre de su solicitud RS-2024-000001 por falta de información
Copia de la cédula de ciudadanía del titular
El plazo de un mes para enviarla terminó el lunes 16 de septiembre de 2024,
del martes 17 de septiembre de 2024.
EOF

check 'extend RS-2024-000003 to Fri 20 Sep (art. 14 parágrafo)' \
    "rs-queue -n 2024-08-20T10:00 extend -m 'Debemos consultar el concepto del área de Contabilidad.' --to 2024-09-20 RS-2024-000003 >/dev/null"
check 'prorroga after it' \
    'rs-notify -n 2024-08-20T10:05 prorroga RS-2024-000003 >pro.mbox'
py '... the reasons and the new date' \
    "pro.mbox body | grep -F -e 'Contabilidad' -e 'más tardar el'" <<'EOF'
Debemos consultar el concepto del área de Contabilidad.
más tardar el viernes 20 de septiembre de 2024.
EOF
py '... and the date it replaces: the term that ran to Wed 4 Sep' \
    "pro.mbox body | grep -F 'plazo inicial'" <<'EOF'
dentro del plazo inicial, que vencía el miércoles 4 de septiembre de 2024.
EOF

check 'forward RS-2024-000004 (art. 21)' \
    "rs-queue -n 2024-08-14T11:00 forward --to 'Corporación Autónoma Regional de Cundinamarca' RS-2024-000004 >/dev/null"
check 'traslado after it' \
    'rs-notify -n 2024-08-14T11:05 traslado RS-2024-000004 >tra.mbox'
py '... names the authority, in the subject and the body' \
    "tra.mbox subject body | grep -F -e subject: -e 'resolverlo es'" <<'EOF'
subject: Su solicitud RS-2024-000004 fue enviada a Corporación Autónoma Regional de Cundinamarca
resolverlo es Corporación Autónoma Regional de Cundinamarca.
EOF

ANSWER='Programamos la poda para el martes 27 de agosto; el técnico llegará en la mañana.'
check 'answer RS-2024-000002' \
    "rs-queue -n 2024-08-21T10:00 answer --outcome favorable -m '$ANSWER' RS-2024-000002 >/dev/null"
check 'respuesta after it' \
    'rs-notify -n 2024-08-21T10:05 respuesta RS-2024-000002 >res.mbox 2>res.err'
ok '... no finding: nothing on stderr' test ! -s res.err
py '... its subject carries the 200-character one' 'res.mbox subject defects' <<EOF
subject: Respuesta a su solicitud RS-2024-000002: $LONG
defects: 0
EOF
py '... and the body the answer' "res.mbox body | grep -F -x -e '$ANSWER' -e 'Señora María Fernanda Ortiz:'" <<EOF
Señora María Fernanda Ortiz:
$ANSWER
EOF
ok '... folded: no line longer than 78 characters' \
    test "$(awk 'length > 78' res.mbox | wc -l)" -eq 0
# our own notice, back in a mailbox, is an automatic message: never a
# request; it waits for review with its name and subject intact
check 'rs-intake -m reads the respuesta back' \
    'rs-intake -d "$BACK" -m -n 2024-08-22T08:00 <res.mbox >/dev/null'
on "$BACK" check_sql '... set aside, its name and long subject intact' \
    "select from_name, subject from inbox where seq = 2;
     select count(*) from requests" \
    "$OFFICE|Respuesta a su solicitud RS-2024-000002: $LONG
0"

check 'a negative answer with its three parts (protocol 5.2)' \
    "rs-queue -n 2024-08-21T11:00 answer --outcome negativa \
        -m 'No es posible girar el anticipo esta semana.' \
        --why 'La resolución de la comisión aún no está firmada.' \
        --will-do 'La tramitaremos con prioridad apenas llegue la firma.' \
        --can-do 'Puede pedir el reembolso de los gastos a su regreso.' \
        RS-2024-000005 >/dev/null"
check 'respuesta negativa' \
    'rs-notify -n 2024-08-21T11:05 respuesta RS-2024-000005 >neg.mbox'
py '... the text and the three parts, each under its heading' \
    "neg.mbox body | grep -A1 -x -e 'Por qué:' -e 'Lo que vamos a hacer:' -e 'Lo que usted puede hacer:' -e 'recibida el .*' | grep -v '^--\$'" <<'EOF'
recibida el martes 13 de agosto de 2024 a las 09:40.

Por qué:
La resolución de la comisión aún no está firmada.
Lo que vamos a hacer:
La tramitaremos con prioridad apenas llegue la firma.
Lo que usted puede hacer:
Puede pedir el reembolso de los gastos a su regreso.
EOF
py '... the answer itself first' "neg.mbox body | grep -F 'No es posible'" <<'EOF'
No es posible girar el anticipo esta semana.
EOF

# --- the protocol check on a reply ------------------------------------------------------

check 'an answer that says "mamita"' \
    "rs-queue -n 2024-08-21T12:00 answer --outcome favorable -m 'Con gusto, mamita: su certificado laboral ya está listo.' RS-2024-000006 >/dev/null"
check_err '--strict: refused' 65 \
    'rs-notify: RS-2024-000006: the answer says "mamita": no diminutives (protocol 6.1)
rs-notify: RS-2024-000006: not sent (--strict)' \
    'rs-notify --strict -n 2024-08-21T12:05 respuesta RS-2024-000006'
ok '... nothing printed' test ! -s out
ok '... nothing recorded' test "$(count RS-2024-000006 respuesta)" -eq 0
check_err 'without --strict: a warning, and it goes out' 0 \
    'rs-notify: RS-2024-000006: the answer says "mamita": no diminutives (protocol 6.1)' \
    'rs-notify -n 2024-08-21T12:05 respuesta RS-2024-000006'
ok '... printed' test "$(grep -c '^From ' out)" -eq 1
ok '... recorded' test "$(count RS-2024-000006 respuesta)" -eq 1

check 'a bare "No." as the answer' \
    "rs-queue -n 2024-08-21T12:10 answer --outcome negativa -m 'No.' --why 'No cumple los requisitos del reintegro.' --will-do 'Archivaremos la solicitud.' --can-do 'Puede presentarla de nuevo con los soportes.' RS-2024-000008 >/dev/null"
check_err '... warns' 0 \
    'rs-notify: RS-2024-000008: a bare "No." is no answer: explain it (protocol 5.1)' \
    'rs-notify -n 2024-08-21T12:15 respuesta RS-2024-000008 >/dev/null'

check 'an answer with an acronym not spelled out' \
    "rs-queue -n 2024-08-21T12:20 answer --outcome informativa -m 'El RUT está vencido.' RS-2024-000009 >/dev/null"
check_err '... warns' 0 \
    'rs-notify: RS-2024-000009: "RUT" is not explained: spell an acronym out the first time (protocol 5.1)' \
    'rs-notify -n 2024-08-21T12:25 respuesta RS-2024-000009 >/dev/null'
check 'an answer that spells the acronym out' \
    "rs-queue -n 2024-08-21T12:30 answer --outcome informativa -m 'Su Registro Único Tributario (RUT) está vencido.' RS-2024-000010 >/dev/null"
check_out '... no warning' \
    'rs-notify -n 2024-08-21T12:35 respuesta RS-2024-000010 2>&1 >/dev/null' </dev/null
# protocol 5.1: explained once, the first time; later uses need no
# second explanation
check 'an answer that spells it out, then uses it again' \
    "rs-queue -n 2024-08-21T12:40 answer --outcome informativa -m 'Su Registro Único Tributario (RUT) está vencido; puede actualizar el RUT en línea.' RS-2024-000014 >/dev/null"
check_out '... no warning either' \
    'rs-notify -n 2024-08-21T12:45 respuesta RS-2024-000014 2>&1 >/dev/null' </dev/null
# a radicado is no acronym
check 'an answer that names its radicado' \
    "rs-queue -n 2024-08-21T12:50 answer --outcome favorable -m 'Cambiamos la lámpara: su solicitud RS-2024-000015 queda resuelta.' RS-2024-000015 >/dev/null"
check_out '... no warning' \
    'rs-notify -n 2024-08-21T12:55 respuesta RS-2024-000015 2>&1 >/dev/null' </dev/null

PASTED='Su cuenta de cobro fue aprobada y el pago se hará el viernes.'
check 'the same answer text on two requests' \
    "rs-queue -n 2024-08-22T09:00 answer --outcome favorable -m '$PASTED' RS-2024-000011 >/dev/null &&
     rs-queue -n 2024-08-22T09:10 answer --outcome favorable -m '$PASTED' RS-2024-000012 >/dev/null"
check_out '... no warning yet' \
    'rs-notify -n 2024-08-22T09:15 respuesta RS-2024-000011 RS-2024-000012 2>&1 >/dev/null' </dev/null
check 'the same text on a third' \
    "rs-queue -n 2024-08-22T09:20 answer --outcome favorable -m '$PASTED' RS-2024-000013 >/dev/null"
check_err '... warns' 0 \
    'rs-notify: RS-2024-000013: the same answer text was given to 3 requests: personalise it (protocol 5.2)' \
    'rs-notify -n 2024-08-22T09:25 respuesta RS-2024-000013 >/dev/null'
check_sql 'every respuesta that went out is recorded once' \
    "select r.id from notices n join requests r on r.seq = n.request
     where n.kind = 'respuesta' order by r.id" \
    'RS-2024-000002
RS-2024-000005
RS-2024-000006
RS-2024-000008
RS-2024-000009
RS-2024-000010
RS-2024-000011
RS-2024-000012
RS-2024-000013
RS-2024-000014
RS-2024-000015'

check_err 'one id unknown among good ones: exit 65, the others sent' 65 \
    'rs-notify: RS-2024-000099: no such request' \
    'rs-notify -n 2024-08-22T10:00 encuesta RS-2024-000099 RS-2024-000003'
ok '... the good one printed' test "$(grep -c '^From ' out)" -eq 1
ok '... and recorded' test "$(count RS-2024-000003 encuesta)" -eq 1

# --- recordatorio, to the office --------------------------------------------------

# A separate store: due Mon 26 Aug (7 Aug and 19 Aug are holidays), Wed
# 4 Sep and Fri 20 Sep.  On Mon 2 Sep the first is overdue, the second
# falls due within rs-due's three days, the third has time.
check 'a store for the reminder' \
    "rs-admin -d \"\$REM\" init && rs-admin -d \"\$REM\" config sender $SENDER &&
     printf 'received_at,channel,type,name,email,subject\n2024-08-01T10:00,correo,peticion,Uno,uno@x.co,Primera\n2024-08-13T10:00,correo,peticion,Dos,dos@x.co,Segunda\n2024-08-30T10:00,correo,peticion,Tres,tres@x.co,Tercera\n' |
     rs-intake -d \"\$REM\" -n 2024-08-30T11:00 >/dev/null"
check_out 'rs-due agrees' 'rs-due -d "$REM" -n 2024-09-02 -o csv | cut -d, -f1,8,11' <<'EOF'
id,due_on,state
RS-2024-000001,2024-08-26,vencida
RS-2024-000002,2024-09-04,por_vencer
RS-2024-000003,2024-09-20,al_dia
EOF
# rs-notify(1): the caller gives the requests that need attention: those
# of rs-due but the ones al_dia (column 11)
check 'rs-due -o csv | (not al_dia) | rs-notify --to coord@x.co recordatorio' \
    'rs-due -d "$REM" -n 2024-09-02 -o csv | awk -F, "\$11 != \"al_dia\"" |
     rs-notify -d "$REM" -n 2024-09-02T07:00 --to coord@x.co recordatorio >rem.mbox'
py '... to the coordinator' 'rem.mbox to subject' <<'EOF'
to:  <coord@x.co>
subject: Solicitudes vencidas y por vencer, lunes 2 de septiembre de 2024
EOF
py '... the overdue one and the one due soon, each in its list' \
    "rem.mbox body | grep -e '^VENCIDAS' -e '^POR VENCER' -e '^- '" <<'EOF'
VENCIDAS: el plazo legal para responderlas ya terminó. Le pedimos
- RS-2024-000001, vence el lunes 26 de agosto de 2024: Primera (sin asignar)
POR VENCER: el plazo legal termina pronto. Si alguna no podrá
- RS-2024-000002, vence el miércoles 4 de septiembre de 2024: Segunda (sin asignar)
EOF
check 'the next day, another reminder' \
    'rs-due -d "$REM" -n 2024-09-03 -o csv | awk -F, "\$11 != \"al_dia\"" |
     rs-notify -d "$REM" -n 2024-09-03T07:00 --to coord@x.co recordatorio >rem2.mbox'
# a daily message that reuses yesterday's Message-ID is discarded as a
# duplicate by the receiving side
ok '... with a Message-ID of its own' \
    test "$(grep -i '^Message-Id:' rem.mbox)" != "$(grep -i '^Message-Id:' rem2.mbox)"
check_err '--to must be an address' 64 \
    'rs-notify: --to: -oQ/tmp/x@y.co: address starts with "-"' \
    "rs-notify -d \"\$REM\" --to -oQ/tmp/x@y.co recordatorio RS-2024-000001"

# --- the office's own templates ----------------------------------------------------

# Placeholders in a header never make a header of their own: a line
# break in a value becomes a space.  The headers rs sets itself cannot
# be set by a template.
check 'a store with office templates' \
    "rs-admin -d \"\$TPL\" init && rs-admin -d \"\$TPL\" config sender $SENDER &&
     mkdir tpl && rs-admin -d \"\$TPL\" config templates '$trash/tpl' &&
     rs-intake -d \"\$TPL\" -n 2024-08-13T10:00 -c correo -t peticion \
         -N 'Luz Gómez' -e luz@example.co -s 'Pago' \
         -D 'línea uno
Bcc: espia@x.co' >/dev/null"
printf 'Subject: Hola {{nombre}}\nComments: {{descripcion}}\nReply-To: atencion@%s\n\nRadicado {{radicado}}.\n' \
    "$DOMAIN" >tpl/acuse.txt
check 'acuse from the office template' \
    'rs-notify -d "$TPL" -n 2024-08-13T10:05 acuse RS-2024-000001 >tpl.mbox'
ok '... a value with a line break made no header of its own' \
    sh -c "! grep -i '^Bcc:' tpl.mbox"
py '... read back' 'tpl.mbox subject comments reply-to bcc body' <<EOF
subject: Hola Luz Gómez
comments: línea uno Bcc: espia@x.co
reply-to: atencion@$DOMAIN
bcc: None
Radicado RS-2024-000001.
EOF
printf 'Subject: Encuesta\nTo: otro@x.co\n\nCuerpo.\n' >tpl/encuesta.txt
check_err 'a template that sets To: refused, naming its file and line' 78 \
    "rs-notify: $trash/tpl/encuesta.txt:2: To: set by rs, not by a template" \
    'rs-notify -d "$TPL" -n 2024-08-13T10:10 encuesta RS-2024-000001'
ok '... nothing printed' test ! -s out
printf 'Subject: Encuesta\nmessage-id: <otro@x.co>\n\nCuerpo.\n' >tpl/encuesta.txt
check_err 'a template that sets Message-ID: refused' 78 \
    "rs-notify: $trash/tpl/encuesta.txt:2: message-id: set by rs, not by a template" \
    'rs-notify -d "$TPL" -n 2024-08-13T10:10 encuesta RS-2024-000001'
printf 'Subject: Encuesta\nContent-Type: text/html\n\n<p>Cuerpo.</p>\n' >tpl/encuesta.txt
check_err 'a template that sets Content-Type: refused' 78 \
    "rs-notify: $trash/tpl/encuesta.txt:2: Content-Type: set by rs, not by a template" \
    'rs-notify -d "$TPL" -n 2024-08-13T10:10 encuesta RS-2024-000001'
printf 'Subject: Encuesta\nX Malo: valor\n\nCuerpo.\n' >tpl/encuesta.txt
check_err 'a template with a broken header line: exit 78' 78 \
    "rs-notify: $trash/tpl/encuesta.txt:2: expected a header line Name: value, or a blank line before the body" \
    'rs-notify -d "$TPL" -n 2024-08-13T10:10 encuesta RS-2024-000001'
printf 'Subject: Encuesta\n\nHola {{apodo}}.\n' >tpl/encuesta.txt
check_err 'a template with an unknown placeholder: exit 78' 78 \
    "rs-notify: $trash/tpl/encuesta.txt:3: unknown placeholder {{apodo}}" \
    'rs-notify -d "$TPL" -n 2024-08-13T10:10 encuesta RS-2024-000001'
on "$TPL" check_sql '... none of them recorded' \
    "select kind from notices; select count(*) from events where kind = 'notice'" \
    'acuse
1'

check 'rs-admin check: the chain holds after all of it' 'rs-admin check'

done_testing
