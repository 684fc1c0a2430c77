#!/bin/sh
. "$(dirname "$0")/lib.sh"
# The law to the letter: requirements made late (Ley 1755 art. 17),
# extensions (art. 14 parágrafo), forwarding (art. 21) and the month to
# comply, which runs from the requirement's notice (art. 17).  Every date
# was counted by hand.  Holidays of 2024 used here: Mon 1 Jul, Sat 20
# Jul, Wed 7 Aug, Mon 19 Aug.
#
# Received Tue 2 Jul 2024 09:00, a peticion is effective that day: its 15
# business days end Tue 23 Jul (3-5 Jul, 8-12, 15-19, 22, 23), and its
# requirement must go out within 10, by Tue 16 Jul.  Twice the term, the
# bound of an extension, is the 30th business day: Wed 14 Aug (7 Aug is a
# holiday).
plan 75

STEP=id,status,assignee,due_on,hold_limit
R=RS-2024-0000

check 'an office' 'rs-admin init && rs-admin config sender atencion@oficina.gov.co'
# ./intake DATETIME CHANNEL NAME: one peticion
cat >intake <<'EOF'
#!/bin/sh
rs-intake -n "$1" -u recepcion -c "$2" -t peticion -N "$3" \
    -e "$(echo "$3" | tr 'A-Z' 'a-z')@x.co" -s 'Un trámite' >/dev/null
EOF
chmod +x intake
check 'eight requests' '
    ./intake 2024-07-02T09:00 web Uno &&
    ./intake 2024-07-02T09:00 web Dos &&
    ./intake 2024-07-02T09:00 web Tres &&
    ./intake 2024-07-02T09:00 presencial Cuatro &&
    ./intake 2024-07-02T09:00 telefonico Cinco &&
    ./intake 2024-07-06T10:00 correo Seis &&
    ./intake 2024-07-06T10:00 correo Siete &&
    ./intake 2024-07-02T09:00 web Ocho'
check_sql 'as counted: due Tue 23 Jul; received Sat 6 Jul: due Mon 29 Jul' \
    "select id, effective_on, due_on from requests order by seq" \
    "${R}01|2024-07-02|2024-07-23
${R}02|2024-07-02|2024-07-23
${R}03|2024-07-02|2024-07-23
${R}04|2024-07-02|2024-07-23
${R}05|2024-07-02|2024-07-23
${R}06|2024-07-08|2024-07-29
${R}07|2024-07-08|2024-07-29
${R}08|2024-07-02|2024-07-23"

# --- art. 17: a requirement after the term ran out stops nothing ---------------

check_err 'art. 17: hold on Wed 24 Jul, the term ran out the day before: refused' 65 \
    "rs-queue: ${R}01: cannot hold: the term ran out on 2024-07-23, and a term that has run out cannot be suspended (Ley 1755 art. 17); --late records it as a late requirement, which stops no clock" \
    "rs-queue -n 2024-07-24T09:00 -u ana hold -m 'la cédula' ${R}01"
check_err '... with --late: recorded, a warning' 0 \
    "rs-queue: ${R}01: the requirement is late (Ley 1755 art. 17): recorded and notified, and the clock keeps running" \
    "rs-queue -n 2024-07-24T09:00 -u ana hold --late -m 'la cédula' ${R}01 >step.csv"
check_out '... the request stays radicada, due Tue 23 Jul, with no month' 'cat step.csv' <<EOF
$STEP
${R}01,radicada,,2024-07-23,
EOF
check_sql '... the event says it stops nothing' \
    "select kind, json_type(details, '$.late'), json_type(details, '$.stops')
     from events where seq = (select max(seq) from events)" 'hold|true|false'
check_out '... rs-due: vencida, not en_espera' \
    "rs-due -n 2024-07-25 -o csv | grep ${R}01 | cut -d, -f1,8,11" <<EOF
${R}01,2024-07-23,vencida
EOF
check 'art. 17: the late requirement is notified' \
    "rs-notify -n 2024-07-24T10:00 -u ana requerimiento ${R}01 >late.mbox"
ok '... its letter says it suspends nothing' \
    grep -q 'Este requerimiento no suspende el plazo para responderle' late.mbox
ok '... names the due date' grep -q 'sigue siendo el martes 23 de julio de 2024' late.mbox
ok '... and threatens no withdrawal' sh -c '! grep -q "desisti=C3=B3" late.mbox'
check_sql '... and starts no month' \
    "select coalesce(hold_limit, '-'), case when json_extract(e.details, '$.hold_limit') is null then 1 else 0 end
     from requests r join events e on e.request = r.seq
     where r.id = '${R}01' and e.kind = 'notice'" '-|1'
check_err '... nor can it close the request as withdrawn' 65 \
    "rs-queue: ${R}01: cannot close: status is radicada (when the requester withdraws it: --withdrawn)" \
    "rs-queue -n 2024-09-02T09:00 -u ana close ${R}01"

# A late one before the term ran out (day 12, Thu 18 Jul): rs reads art. 17
# as granting the suspension only to a requirement made within the ten
# days, so it stops nothing either.
check_err 'art. 17: hold on day 12, before the term ran out, --late: stops nothing' 0 \
    "rs-queue: ${R}02: the requirement is late (Ley 1755 art. 17): recorded and notified, and the clock keeps running" \
    "rs-queue -n 2024-07-18T09:00 -u ana hold --late -m 'la firma' ${R}02 >step.csv"
check_out '... radicada, due Tue 23 Jul' 'cat step.csv' <<EOF
$STEP
${R}02,radicada,,2024-07-23,
EOF

# --- art. 14 parágrafo: extensions ------------------------------------------------

check_err 'art. 14 par.: extend to Sat 27 Jul: not a business day' 65 \
    "rs-queue: ${R}03: cannot extend: 2024-07-27 is not a business day (sábado)" \
    "rs-queue -n 2024-07-19T09:00 -u ana extend --to 2024-07-27 -m 'visita' ${R}03"
check_err 'art. 14 par.: extend to Sat 20 Jul: a holiday' 65 \
    "rs-queue: ${R}03: cannot extend: 2024-07-20 is not a business day (festivo: Día de la Independencia)" \
    "rs-queue -n 2024-07-19T09:00 -u ana extend --to 2024-07-20 -m 'visita' ${R}03"
check_out 'art. 14 par.: extend on Fri 19 Jul to Fri 26 Jul' \
    "rs-queue -n 2024-07-19T09:00 -u ana extend --to 2024-07-26 -m 'visita' ${R}03" <<EOF
$STEP
${R}03,radicada,,2024-07-26,
EOF
check_err 'art. 14 par.: a second extension may not move it earlier' 65 \
    "rs-queue: ${R}03: cannot extend: the new date must come after the due date 2024-07-26" \
    "rs-queue -n 2024-07-23T09:00 -u ana extend --to 2024-07-25 -m 'otra' ${R}03"
check_out 'art. 14 par.: a second one on the legal due date, Tue 23 Jul, to Fri 2 Aug' \
    "rs-queue -n 2024-07-23T15:00 -u ana extend --to 2024-08-02 -m 'otra' ${R}03" <<EOF
$STEP
${R}03,radicada,,2024-08-02,
EOF
check_err 'art. 14 par.: a third after the legal term ran out: refused, though the extended one runs' 65 \
    "rs-queue: ${R}03: cannot extend: the legal term ran out on 2024-07-23; an extension must be given before it (Ley 1755 art. 14 parágrafo)" \
    "rs-queue -n 2024-07-24T09:00 -u ana extend --to 2024-08-09 -m 'más' ${R}03"
check_out '... rs-due -x agrees with the stored date' \
    "rs-due -x ${R}03 | tail -1 | cut -d, -f1" <<EOF
2024-08-02
EOF

# --- art. 21: forwarding ------------------------------------------------------------

# A verbal petition is forwarded at once; a written one within 5 business
# days of the day received, not of the effective day: received Sat 6 Jul,
# the fifth is Fri 12 Jul (from the effective Mon 8 Jul it would be Mon 15).
check_out 'art. 21: at the desk, forwarded the same day: silently' \
    "rs-queue -n 2024-07-02T11:00 -u ana forward --to 'Ministerio' ${R}04 2>err4" <<EOF
$STEP
${R}04,trasladada,,2024-07-23,
EOF
ok '... no warning' test ! -s err4
check_err 'art. 21: by phone, forwarded the next day: late' 0 \
    "rs-queue: ${R}05: a verbal petition is forwarded at once (Ley 1755 art. 21): recorded as late" \
    "rs-queue -n 2024-07-03T09:00 -u ana forward --to 'Ministerio' ${R}05 >/dev/null"
check_sql '... its limit was the day received' \
    "select json_extract(details, '$.limit') from events
     where seq = (select max(seq) from events)" 2024-07-02
check_out 'art. 21: in writing, received Sat 6 Jul, forwarded Fri 12 Jul: on time' \
    "rs-queue -n 2024-07-12T09:00 -u ana forward --to 'Ministerio' ${R}06 2>err6" <<EOF
$STEP
${R}06,trasladada,,2024-07-29,
EOF
ok '... no warning' test ! -s err6
check_err 'art. 21: the same, forwarded Mon 15 Jul: late' 0 \
    "rs-queue: ${R}07: forwarded after the 5 business days of Ley 1755 art. 21: recorded as late" \
    "rs-queue -n 2024-07-15T09:00 -u ana forward --to 'Ministerio' ${R}07 >/dev/null"
check_sql '... its limit was Fri 12 Jul' \
    "select json_extract(details, '$.limit') from events
     where seq = (select max(seq) from events)" 2024-07-12

# --- art. 17: the month runs from the requirement's notice ------------------------

check_out 'art. 17: hold Fri 5 Jul: en_espera, no month yet' \
    "rs-queue -n 2024-07-05T09:00 -u ana hold -m 'el poder' ${R}08" <<EOF
$STEP
${R}08,en_espera,,,
EOF
check_out '... rs-due says the requirement is owed its notice' \
    "rs-due -n 2024-07-05 -o csv | grep ${R}08 | cut -d, -f1,9,11" <<EOF
${R}08,,requerimiento_no_notificado
EOF
check '... and -q counts it as something to do (exit 0)' \
    "rs-due -q -n 2024-07-05 && test ! -s err"
check_out '... and the daily report lists it first among those waiting, with no limit' \
    "rs-report -n 2024-07-05 daily | grep '^suspended,'" <<EOF
suspended,${R}08,team,
suspended,${R}08,assignee,
suspended,${R}08,hold_limit,
suspended,${R}08,days_left,
EOF
ok '... rs-queue show says so' sh -c "rs-queue -o table show ${R}08 |
    tr -s ' \n' '  ' |
    grep -q 'Límite del requerimiento: sin notificar: el mes para atenderlo corre desde el aviso'"
check_err '... and it cannot be closed as withdrawn' 65 \
    "rs-queue: ${R}08: cannot close: the requirement has not been notified, and the month to answer it runs from its notice (Ley 1755 art. 17)" \
    "rs-queue -n 2024-09-05T09:00 -u ana close ${R}08"
# Sent Mon 8 Jul: one month from Tue 9 Jul is Fri 9 Aug (from the hold it
# would have been Tue 6 Aug).
check 'art. 17: its notice goes out Mon 8 Jul' \
    "rs-notify -n 2024-07-08T10:00 -u ana requerimiento ${R}08 >req.mbox"
check_sql '... the month runs from it: limit Fri 9 Aug' \
    "select hold_limit from requests where id = '${R}08'" 2024-08-09
ok '... and the letter says so' grep -q 'tardar el viernes 9 de agosto de 2024' req.mbox
check_out '... rs-due: en_espera until then' \
    "rs-due -n 2024-08-09 -o csv | grep ${R}08 | cut -d, -f1,9,11" <<EOF
${R}08,2024-08-09,en_espera
EOF
check_err 'art. 17: close on Fri 9 Aug, the last day: refused' 65 \
    "rs-queue: ${R}08: cannot close: the requester has until 2024-08-09 to answer the requirement (Ley 1755 art. 17)" \
    "rs-queue -n 2024-08-09T17:00 -u ana close ${R}08"
check_out 'art. 17: close on Mon 12 Aug: desistida' \
    "rs-queue -n 2024-08-12T09:00 -u ana close ${R}08" <<EOF
$STEP
${R}08,desistida,,,2024-08-09
EOF

# --- one rule for the late requirement: rescheduling agrees ------------------------

# A closure on Mon 22 Jul, decided Fri 19 Jul, moves the late-held request
# 2 a day (its requirement stops nothing): Wed 24 Jul.  Events: 8 intakes,
# 3 holds, 2 notices, 2 extensions, 4 forwards, 1 close and 3 reschedules
# (requests 1, 2 and 3, open with a due date).
check_out 'a closure moves the late-held request like any other' \
    "rs-admin -n 2024-07-19T08:00 closures add 2024-07-22 Inventario |
     grep -e '^id,' -e ${R}02 | cut -d, -f1,2,5,6,8" <<EOF
id,status,due_on_before,due_on,hold_limit
${R}02,radicada,2024-07-23,2024-07-24,
EOF
check_out 'rs-due -x shows the late requirement on its day, stopping nothing' \
    "rs-due -x ${R}02 | grep -A1 tardío" <<EOF
2024-07-18,jueves,,requerimiento tardío del 2024-07-18: no suspende el término,Ley 1755 de 2015 art. 17
2024-07-18,jueves,12,día hábil 12 de 15,Ley 1755 de 2015 art. 14
EOF
check_out 'rs-admin check: the chain and every request agree' 'rs-admin check' <<EOF
$checked: ok: 8 requests, 23 events, the chain is whole
EOF

# A file older than schema 5 holds late requirements that stopped the
# clock, with a month from the requirement: such a request is never
# closed as withdrawn for it.
check 'a late requirement as an older file kept it' "
    rs-admin -d old.db init &&
    rs-intake -d old.db -n 2024-07-02T09:00 -c web -t peticion -N Uno \
        -e uno@x.co -s Viejo >/dev/null &&
    sqlite3 old.db \"update requests set status = 'en_espera', due_on = null,
        held_on = '2024-07-18', hold_limit = '2024-08-20';
      insert into events (request, at, actor, kind, details, prev_hash, hash)
        values (1, '2024-07-18T09:00:00-05:00', 'ana', 'hold',
        '{\\\"missing\\\":\\\"x\\\",\\\"late\\\":true,\\\"hold_limit\\\":\\\"2024-08-20\\\"}', x'00', x'00')\""
# Its month ran from the requirement (Thu 18 Jul: Mon 19 Aug, a holiday,
# so Tue 20 Aug).  A closure on Tue 20 Aug moves it to Wed 21; removed
# again, the limit the requester was given stays.
check_out '... a closure moves its month as the older rule counts it' \
    "rs-admin -d old.db -n 2024-07-20T08:00 closures add 2024-08-20 Cierre |
     cut -d, -f1,7,8" <<EOF
id,hold_limit_before,hold_limit
${R}01,2024-08-20,2024-08-21
EOF
check_out '... and removed, never earlier than the day given' \
    "rs-admin -d old.db -n 2024-07-21T08:00 closures rm 2024-08-20" </dev/null
check_err '... is not closed as withdrawn past its month' 65 \
    "rs-queue: ${R}01: cannot close as withdrawn: the requirement was made late, and a late one stops no clock and starts no month (Ley 1755 art. 17); resume the request" \
    "rs-queue -d old.db -n 2024-09-02T09:00 -u ana close ${R}01"

# A date kept is the legal term's too: due Tue 23 Jul, a closure on Mon 22
# moves it to Wed 24 and, removed, leaves it there; on the 24th the term
# has not run out, and an extension is still in time (art. 14 par.).
check 'a request given Wed 24 Jul by a closure since removed' "
    rs-intake -d old.db -n 2024-07-02T09:00 -c web -t peticion -N Dos \
        -e dos@x.co -s Otro >/dev/null &&
    rs-admin -d old.db -n 2024-07-15T08:00 closures add 2024-07-22 Cierre >/dev/null &&
    rs-admin -d old.db -n 2024-07-16T08:00 closures rm 2024-07-22 >/dev/null"
check_out '... extended on the 24th: in time' \
    "rs-queue -d old.db -n 2024-07-24T09:00 -u ana extend --to 2024-07-31 -m razones ${R}02" <<EOF
$STEP
${R}02,radicada,,2024-07-31,
EOF
# Received on Sat 27 Jul at 10:00, when Saturdays were days off: effective
# Mon 29.  Saturdays open from that day at 11:00 do not make it count
# from the Saturday, and no date moves earlier: nothing is printed.
check 'a request received on a Saturday, when the office did not open' \
    "rs-intake -d old.db -n 2024-07-27T10:00 -c correo -t peticion -N Tres \
        -e tres@x.co -s Sábado >/dev/null"
check_out '... Saturdays open from that day: nothing moves' \
    'rs-admin -d old.db -n 2024-07-27T11:00 config saturday yes' </dev/null
check_out '... it still counts from Monday' \
    "sqlite3 old.db \"select effective_on from requests where id = '${R}03'\"" <<EOF
2024-07-29
EOF

# --- a requirement returned, sent again, and an old bounce late --------------------

# ./dsn TOKEN MSGID: a bare failure notice for the return path TOKEN
cat >dsn <<'EOF'
#!/bin/sh
printf '%s\n' 'Return-Path: <>' "X-Original-To: atencion+$1@oficina.gov.co" \
    'Date: Mon, 8 Jul 2024 09:00:00 -0500' 'From: MAILER-DAEMON@mx.example.net' \
    "To: atencion+$1@oficina.gov.co" 'Subject: failure notice' \
    "Message-ID: <$2@mx.example.net>" '' \
    'Your message could not be delivered: 550 5.1.1 mailbox unavailable'
EOF
chmod +x dsn
check 'a requirement sent Fri 5 Jul, to an address that does not exist' "
    rs-admin -d b.db init && rs-admin -d b.db config sender atencion@oficina.gov.co &&
    rs-intake -d b.db -n 2024-07-02T09:00 -c web -t peticion -N Uno \
        -e nadie@x.co -s Rebote >/dev/null &&
    rs-queue -d b.db -n 2024-07-05T09:00 hold -m 'la firma' ${R}01 >/dev/null &&
    rs-notify -d b.db -n 2024-07-05T10:00 requerimiento ${R}01 >/dev/null"
check_out '... its bounce: no month runs' \
    "./dsn requerimiento.${R}01 dsn1 >d1.eml &&
     rs-intake -d b.db -m -n 2024-07-08T09:00 d1.eml | cut -d, -f1 &&
     sqlite3 b.db \"select ifnull(hold_limit, '-') from requests\"" <<EOF
decision
bounce
-
EOF
check_out 'sent again with -F on Mon 8 Jul, as a message of its own: the month from then' \
    "rs-notify -d b.db -n 2024-07-08T10:00 -F requerimiento ${R}01 >/dev/null &&
     sqlite3 b.db \"select kind, message_id, envelope, state from notices;
       select hold_limit from requests\"" <<EOF
requerimiento|requerimiento.${R}01@oficina.gov.co|atencion+requerimiento.${R}01@oficina.gov.co|failed
requerimiento|requerimiento-2.${R}01@oficina.gov.co|atencion+requerimiento-2.${R}01@oficina.gov.co|sent
2024-08-09
EOF
check_out 'a late copy of the first bounce touches neither the second sending nor the month' \
    "./dsn requerimiento.${R}01 dsn1-retry >d2.eml &&
     rs-intake -d b.db -m -n 2024-07-09T09:00 d2.eml >/dev/null &&
     sqlite3 b.db \"select state from notices order by seq;
       select hold_limit from requests\"" <<EOF
failed
sent
2024-08-09
EOF

# --- art. 17: the requester asks for more time -----------------------------------

# Held Fri 5 Jul, notified that day: the month ends Tue 6 Aug.  Asked for
# more time before it, up to as much again: a month from Wed 7 Aug is Sat
# 7 Sep, so Mon 9 Sep.
P='-d p.db -u ana'
check 'a request held Fri 5 Jul' "
    rs-admin -d p.db init && rs-admin -d p.db config sender atencion@oficina.gov.co &&
    rs-intake -d p.db -n 2024-07-02T09:00 -c web -t peticion -N Uno \
        -e uno@x.co -s Plazo >/dev/null &&
    rs-queue $P -n 2024-07-05T09:00 hold -m 'el certificado' ${R}01 >/dev/null"
check_err 'art. 17: more time before the requirement is notified: refused' 65 \
    "rs-queue: ${R}01: cannot prolong: the requirement has not been notified, and its month has not started (Ley 1755 art. 17)" \
    "rs-queue $P -n 2024-07-05T09:30 prolong -m 'lo pidió por teléfono' ${R}01"
check 'its notice goes out that day' \
    "rs-notify -d p.db -n 2024-07-05T10:00 requerimiento ${R}01 >/dev/null"
check_err 'no more time to notify where none was given' 65 \
    "rs-notify: ${R}01: no prorroga_requerimiento to notify: the requester's month was not prolonged" \
    "rs-notify -d p.db -n 2024-07-08T10:00 prorroga_requerimiento ${R}01"
check_err 'art. 17: more time without saying how it was asked: refused' 65 \
    "rs-queue: ${R}01: prolong: say how the requester asked for it (-m)" \
    "rs-queue $P -n 2024-08-01T09:00 prolong ${R}01"
check_err 'art. 17: asked after the month ran out: refused' 65 \
    "rs-queue: ${R}01: cannot prolong: the month ran out on 2024-08-06; more time is asked for before it (Ley 1755 art. 17)" \
    "rs-queue $P -n 2024-08-07T09:00 prolong -m 'por correo' ${R}01"
check_err 'art. 17: past as much again: refused with the last day' 65 \
    "rs-queue: ${R}01: cannot prolong: at most a month more, to 2024-09-09 (Ley 1755 art. 17: \"hasta por un término igual\")" \
    "rs-queue $P -n 2024-08-01T09:00 prolong --to 2024-09-10 -m 'por correo' ${R}01"
check_err 'art. 17: to a Saturday: refused' 65 \
    "rs-queue: ${R}01: cannot prolong: 2024-08-10 is not a business day (sábado)" \
    "rs-queue $P -n 2024-08-01T09:00 prolong --to 2024-08-10 -m 'por correo' ${R}01"
check_err 'art. 17: to before the limit: refused' 65 \
    "rs-queue: ${R}01: cannot prolong: the new limit must come after 2024-08-06" \
    "rs-queue $P -n 2024-08-01T09:00 prolong --to 2024-08-05 -m 'por correo' ${R}01"
check_out 'art. 17: asked Thu 1 Aug: a month more, to Mon 9 Sep' \
    "rs-queue $P -n 2024-08-01T09:00 prolong -m 'lo pidió por correo' ${R}01" <<EOF
$STEP
${R}01,en_espera,,,2024-09-09
EOF
check_err 'art. 17: only once' 65 \
    "rs-queue: ${R}01: cannot prolong: the month was already prolonged once (Ley 1755 art. 17: \"hasta por un término igual\")" \
    "rs-queue $P -n 2024-08-02T09:00 prolong -m 'otra vez' ${R}01"
check 'art. 17: the requester is told' \
    "rs-notify -d p.db -n 2024-08-01T10:00 prorroga_requerimiento ${R}01 >more.mbox"
ok '... the new last day in the letter' grep -q 'tiene hasta el lunes 9 de septiembre de 202' more.mbox
check_err 'art. 17: close on Mon 9 Sep, the last day: refused' 65 \
    "rs-queue: ${R}01: cannot close: the requester has until 2024-09-09 to answer the requirement (Ley 1755 art. 17)" \
    "rs-queue $P -n 2024-09-09T17:00 close ${R}01"
check_out 'art. 17: close on Tue 10 Sep: desistida' \
    "rs-queue $P -n 2024-09-10T09:00 close ${R}01 | cut -d, -f1,2,5" <<EOF
id,status,hold_limit
${R}01,desistida,2024-09-09
EOF
check_out 'rs-admin check: the events say the same' 'rs-admin -d p.db check' <<EOF
p.db: ok: 1 request, 6 events, the chain is whole
EOF

done_testing
