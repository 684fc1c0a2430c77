#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake -m (DESIGN §2, §3, §6): one RFC 5322 message, one request,
# one transaction; from a file or stdin (an MTA pipe, with or without
# the mbox "From " line); From, Subject, Date, Message-ID and the text
# body, MIME and charsets decoded; the received time from the first
# Received: header, else Date:; idempotent on the Message-ID; a busy
# store is exit 75, which an MTA retries.  The fixtures are t/mail/.
#
# Effective days (cut-off 16:00; Mon 19 Aug 2024 is a holiday): each
# message's day, but received.eml, in at 16:05:30 on the holiday: Tue 20.
plan 49

M=$top/t/mail
NOW=2024-09-02T08:00
COLS=decision,id,received_at,effective_on,due_on,channel,type,topic,team,priority,preferential,name,salutation,id_number,email,phone,office,requester_kind,subject,description,external_ref,status,new,concerns,detail

# csvq FILE COLUMNS: a command printing those columns of a CSV file (its
# quoted fields may hold line breaks), as sqlite3 prints them
csvq() {
	echo "sqlite3 :memory: '.import --csv $1 t' 'select $2 from t'"
}
# the store's size: requests, events, radicado counters
SIZE="select (select count(*) from requests) || '|' ||
    (select count(*) from events) || '|' ||
    (select group_concat(year || ':' || last) from counters)"

check 'rs-admin init' 'rs-admin init'

# --- each fixture ------------------------------------------------------------------

check_out 'two files in one run: each its own message and request' \
    "rs-intake -m -n $NOW $M/alternative.eml $M/attachment.eml >two.csv &&
     $(csvq two.csv 'id, name, new')" <<'EOF'
RS-2024-000001|Ana Pérez|1
RS-2024-000002|Marta|1
EOF
ok '... one header line' test "$(grep -c '^decision,id,' two.csv)" -eq 1
check 'encoded-subject.eml on stdin' "rs-intake -m -n $NOW <$M/encoded-subject.eml >/dev/null"
check 'html-only.eml as a file' "rs-intake -m -n $NOW $M/html-only.eml >/dev/null"
check 'latin1-base64.eml on stdin' "rs-intake -m -n $NOW <$M/latin1-base64.eml >/dev/null"
check_out 'mbox-envelope.eml on stdin, as an MTA pipe hands it over' \
    "rs-intake -m -n $NOW <$M/mbox-envelope.eml >mbox.csv &&
     $(csvq mbox.csv 'id, received_at, effective_on, due_on, channel, type, name, email, subject, description, status, new')" <<'EOF'
RS-2024-000006|2024-08-22T10:00:00-05:00|2024-08-22|2024-09-12|correo|peticion|Juan|juan@example.co|Entregado por el MTA|Con la linea From del buzon delante.|radicada|1
EOF
ok '... as CSV: the decision, the columns of every intake, what it concerns' \
    test "$(head -1 mbox.csv)" = "$COLS"
check 'no-message-id.eml as a file' "rs-intake -m -n $NOW $M/no-message-id.eml >/dev/null"
check 'received.eml as a file' "rs-intake -m -n $NOW $M/received.eml >/dev/null"
check 'bad-utf8.eml on stdin' "rs-intake -m -n $NOW <$M/bad-utf8.eml >/dev/null"

check_sql 'name, address, subject, received time, effective day, channel, type' \
    'select id, name, email, subject, received_at, effective_on, channel, type
     from requests order by seq' \
    'RS-2024-000001|Ana Pérez|ana.perez@example.co|Solicitud de certificado|2024-08-13T09:15:00-05:00|2024-08-13|correo|peticion
RS-2024-000002|Marta|marta@example.co|Adjunto documentos|2024-08-21T09:00:00-05:00|2024-08-21|correo|peticion
RS-2024-000003|María José Peña|mjpena@example.co|Radicación de petición urgente: señora Muñoz|2024-08-15T11:30:00-05:00|2024-08-15|correo|peticion
RS-2024-000004|Rosa Díaz|rosa@example.co|Queja por el servicio|2024-08-20T14:00:00-05:00|2024-08-20|correo|peticion
RS-2024-000005|Carlos Gomez|carlos@example.co|Copia del expediente|2024-08-14T10:00:00-05:00|2024-08-14|correo|peticion
RS-2024-000006|Juan|juan@example.co|Entregado por el MTA|2024-08-22T10:00:00-05:00|2024-08-22|correo|peticion
RS-2024-000007|luis|luis@example.co|Sin identificador|2024-08-16T08:00:00-05:00|2024-08-16|correo|peticion
RS-2024-000008|Pedro|pedro@example.co|Llegada tarde|2024-08-19T16:05:30-05:00|2024-08-20|correo|peticion
RS-2024-000009|Eva|eva@example.co|Bytes ÿ malos|2024-08-22T10:00:00-05:00|2024-08-22|correo|peticion'
check_sql '... one intake event and one documents event each, by the user' \
    "select kind, count(*), count(distinct request), min(actor), max(actor)
     from events group by kind order by kind" \
    'documents|9|9|tester|tester
intake|9|9|tester|tester'
# rs-intake(1): the Message-ID without its angle brackets
check_sql 'external_ref: the Message-ID' \
    "select id, external_ref from requests order by seq" \
    'RS-2024-000001|alt-1@mail.example.co
RS-2024-000002|att-1@example.co
RS-2024-000003|enc-1@example.co
RS-2024-000004|html-1@example.co
RS-2024-000005|latin1-1@example.co
RS-2024-000006|mbox-1@example.co
RS-2024-000007|
RS-2024-000008|rcv-1@example.co
RS-2024-000009|'

desc() {	# ID: SQL for its description
	echo "select description from requests where id = '$1'"
}
check_sql 'multipart/alternative: the text part, not the HTML' \
    "$(desc RS-2024-000001)" 'Buenos días,
necesito un certificado de residencia.'
check_sql 'attachments listed after the text, their names decoded' \
    "$(desc RS-2024-000002)" 'Adjunto el informe y la foto.

Adjuntos: informe.pdf, foto número 1.jpg'
check_sql 'HTML only: turned into text' "$(desc RS-2024-000004)" \
    'Señores de la alcaldía:

Esperé > 3 horas & nadie me atendió.
Pido una respuesta "pronta" — gracias ❤.

- Uno
- Dos

Firma'
check_sql 'Latin-1 in base64: decoded' "$(desc RS-2024-000005)" \
    'Buenos días,
solicito copia del expediente número 45 de la señora Muñoz.
Gracias.'
check_sql 'Received: given, the body is still the body' "$(desc RS-2024-000008)" \
    'Escrito antes del cierre, recibido despues.'
# Bytes that are not UTF-8 in a part that says it is: each one a
# replacement character, never dropped without a trace.
check_sql 'invalid UTF-8: U+FFFD for each bad byte' "$(desc RS-2024-000009)" \
    'Mal � codificado �( aquí'

# --- the same message twice ---------------------------------------------------------------

sql "$SIZE" >size.before
check_out 'the same message again: the same request, new=0' \
    "rs-intake -m -n 2024-09-03T08:00 $M/alternative.eml >again.csv &&
     $(csvq again.csv 'id, received_at, new')" <<'EOF'
RS-2024-000001|2024-08-13T09:15:00-05:00|0
EOF
check_out '... and through the pipe, with its From_ line' \
    "rs-intake -m -n 2024-09-03T08:00 <$M/mbox-envelope.eml >again.csv &&
     $(csvq again.csv 'id, new')" <<'EOF'
RS-2024-000006|0
EOF
check_sql '... nothing registered, no number used' "$SIZE" "$(cat size.before)"
check_out 'no Message-ID: registered each time' \
    "rs-intake -m -n $NOW <$M/no-message-id.eml >again.csv &&
     $(csvq again.csv 'id, subject, new')" <<'EOF'
RS-2024-000010|Sin identificador|1
EOF

# --- unusable messages ---------------------------------------------------------------------

sql "$SIZE" >size.before
check_err 'no From: exit 65' 65 "rs-intake: $M/no-from.eml: no From address" \
    "rs-intake -m -n $NOW $M/no-from.eml"
ok '... nothing printed' test ! -s out
check_err '... the same on stdin' 65 'rs-intake: stdin: no From address' \
    "rs-intake -m -n $NOW <$M/no-from.eml"
check_err 'not a message: exit 65' 65 \
    "rs-intake: $M/not-a-message.txt: not an RFC 5322 message" \
    "rs-intake -m -n $NOW $M/not-a-message.txt"
check_err 'empty input: exit 65' 65 'rs-intake: stdin: not an RFC 5322 message' \
    "rs-intake -m -n $NOW </dev/null"
check_err 'a From with no address in it' 65 'rs-intake: stdin: no From address' \
    "printf 'From: Nadie\nSubject: x\n\nHola.\n' | rs-intake -m -n $NOW"
check_err 'a file that is not there: exit 66' 66 \
    'rs-intake: nada.eml: No such file or directory' "rs-intake -m -n $NOW nada.eml"
check_sql '... none of them wrote anything' "$SIZE" "$(cat size.before)"

# A message of our own: no Date, no Received, no Subject; one from
# another zone, after the cut-off in Bogotá.
printf 'From: "Nuevo Pérez" <nuevo@example.co>\nMessage-ID: <new-1@example.co>\n\nSin fecha ni asunto.\n' >new.eml
printf 'From: Zoe <zoe@example.co>\nSubject: Desde Madrid\nDate: Thu, 22 Aug 2024 21:30:00 +0000\nMessage-ID: <zone-1@example.co>\n\nHola.\n' >zone.eml
check_err 'several files, the second unusable: exit 65' 65 \
    "rs-intake: $M/no-from.eml: no From address" \
    "rs-intake -m -n $NOW new.eml $M/no-from.eml"
cp out several.csv
check_out '... the one before it registered and printed' \
    "$(csvq several.csv 'name, received_at, subject, new')" <<'EOF'
Nuevo Pérez|2024-09-02T08:00:00-05:00|(sin asunto)|1
EOF
check_out 'another zone: the office time, the cut-off applied' \
    "rs-intake -m -n $NOW zone.eml >z.csv && $(csvq z.csv 'received_at, effective_on')" <<'EOF'
2024-08-22T16:30:00-05:00|2024-08-23
EOF

# --- type and topic -------------------------------------------------------------------------

printf 'From: Tito <tito@example.co>\nSubject: Viáticos\n\nPago.\n' >tito.eml
check_out '-t and -T set type and topic (and the topic its team)' \
    "rs-intake -m -n $NOW -t queja -T comisiones tito.eml >t.csv &&
     $(csvq t.csv 'type, topic, team')" <<'EOF'
queja|comisiones|comisiones
EOF
check 'the settings mail_type and mail_topic' \
    'rs-admin config mail_type consulta && rs-admin config mail_topic cuentas_pago'
check_out '... are the default' \
    "rs-intake -m -n $NOW tito.eml >t.csv && $(csvq t.csv 'type, topic, team')" <<'EOF'
consulta|cuentas_pago|contabilidad
EOF
check_out '... and -t, -T still win' \
    "rs-intake -m -n $NOW -t informacion -T legalizacion_comisiones <tito.eml >t.csv &&
     $(csvq t.csv 'type, topic, team')" <<'EOF'
informacion|legalizacion_comisiones|comisiones
EOF
check_err 'a bad -t: exit 65' 65 \
    'rs-intake: stdin: type: expected one of peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad; got "otro"' \
    "rs-intake -m -n $NOW -t otro <tito.eml"
check_err '-m with other request flags: usage' 64 \
    'usage: rs-intake [-d db] [-n datetime] [-o format] [-u user] [--encoding enc]
                 [file ...]
       rs-intake [-d db] [-n datetime] [-o format] [-u user] -c channel -t type
                 -N name | --anonymous [-e email] [-p phone] [-s subject]
                 [-D description] [-T topic] [-A file ...] [--field value ...]
       rs-intake -m [-d db] [-n datetime] [-o format] [-u user] [-T topic] [-t type]
                 [file ...]
       rs-intake -i [-d db] [-n datetime] [-u user] [-c channel]' \
    "rs-intake -m -N Otro tito.eml"

# --- long values ---------------------------------------------------------------------------

awk 'BEGIN { printf "From: Largo <largo@example.co>\nSubject: "
	for (i = 0; i < 200; i++) printf "ñ"
	printf "\n\n"
	for (i = 0; i < 1000; i++) printf "%070d\n", i }' >long.eml
check 'a 400-byte subject and a 71,000-byte body' \
    "rs-intake -m -n $NOW long.eml >long.csv"
check_out '... cut on a character boundary, marked' \
    "$(csvq long.csv "length(subject), length(cast(subject as blob)), substr(subject, -2), length(cast(description as blob)), substr(description, -66)")" <<'EOF'
149|299|ñ…|65536|
[…texto recortado: el mensaje completo está entre los documentos]
EOF

# --- a busy store --------------------------------------------------------------------------

# Another process holds the write lock longer than RS_BUSY_TIMEOUT: exit
# 75 (an MTA pipe retries), nothing written; once it lets go, the retry
# goes through.
printf 'From: Lento <lento@example.co>\nSubject: Ocupado\nMessage-ID: <busy-1@example.co>\n\nHola.\n' >busy.eml
# The lock is each store's own: SQLite's BEGIN IMMEDIATE on the file, the
# office's row FOR UPDATE on PostgreSQL (rs-db(5)), each saying so in
# its words (t/pg-store.t).
mkfifo lock.fifo
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	sqlite3 "$RS_DB" <lock.fifo >lock.out 2>&1 &
	holder=$!
	exec 3>lock.fifo
	printf 'BEGIN IMMEDIATE;\n.once held\nSELECT 1;\n' >&3
	locked='database is locked'
else
	psql -X -q -d "$RS_DB" <lock.fifo >lock.out 2>&1 &
	holder=$!
	exec 3>lock.fifo
	printf 'BEGIN;\nSELECT version FROM main.schema_version FOR UPDATE;\n\\! echo locked >held\n' >&3
	locked='canceling statement due to lock timeout'
fi
i=0
while [ ! -s held ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
sql "$SIZE" >size.before
check_err 'the store locked by another writer: exit 75' 75 \
    "rs-intake: $RS_DB: $locked" \
    "RS_BUSY_TIMEOUT=200 rs-intake -m -n $NOW <busy.eml"
ok '... nothing printed' test ! -s out
printf 'COMMIT;\n' >&3
exec 3>&-
wait $holder
check_sql '... nothing written' "$SIZE" "$(cat size.before)"
check_out 'the retry, once the lock is gone' \
    "RS_BUSY_TIMEOUT=200 rs-intake -m -n $NOW <busy.eml >busy.csv &&
     $(csvq busy.csv 'name, subject, new')" <<'EOF'
Lento|Ocupado|1
EOF

# a sender's clock ahead of ours: the mail is taken, received now
printf 'From: Tomas <tomas@example.co>\nSubject: Adelantado\nDate: Fri, 1 Jan 2100 08:00:00 -0500\n\nHola.\n' >future.eml
check_out 'a Date: in the future is received now, "-" is stdin' \
    "rs-intake -m -n $NOW - <future.eml >future.csv &&
     $(csvq future.csv 'name, received_at')" <<EOF
Tomas|2024-09-02T08:00:00-05:00
EOF

check 'rs-admin check: the audit chain holds' 'rs-admin check'

done_testing
