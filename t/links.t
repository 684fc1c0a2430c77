#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-queue link and merge: duplicates (one person, two channels) linked,
# a request merged into the one that answers for both, and Ley 1755 art.
# 22's identical petitions answered once; each refusal with its message,
# writing nothing; rs-notify respuesta reaching the merged requester; show,
# rs-admin check, rs-due and the pqrsd report after all of it.
#
# Received Tue 2024-08-13 before 16:00, peticion: due Wed 2024-09-04
# (Mon 19 Aug is a holiday).
plan 56

R1=RS-2024-000001 R2=RS-2024-000002 R3=RS-2024-000003 R4=RS-2024-000004
R5=RS-2024-000005 R6=RS-2024-000006 R7=RS-2024-000007 R8=RS-2024-000008
R9=RS-2024-000009
USAGE=$(rs-queue -h)
STEP=id,status,assignee,due_on,hold_limit
# what a refusal must leave as it was
COUNTS="select (select count(*) from events) || '|' ||
    (select count(*) from links) || '|' ||
    (select group_concat(status, ',') from (select status from requests
    order by seq) s)"

check 'rs-admin init and the sender' \
    'rs-admin init && rs-admin config sender pqrsd@example.gov.co'
cat >in.csv <<'EOF'
received_at,channel,type,name,salutation,email,subject,description
2024-08-13T09:00,correo,peticion,José Peña,senor,jose@example.co,Certificado de residencia,Necesito un certificado de residencia.
2024-08-13T09:30,presencial,peticion,José Peña,senor,jose.pena@example.co,Certificado de residencia,Lo pide en la ventanilla.
2024-08-13T10:00,web,peticion,Ana Ruiz,senora,ana@example.co,Parque de la vereda,Arreglen el parque de la vereda.
2024-08-13T10:10,web,peticion,Luis Gil,senor,luis@example.co,Parque de la vereda,Arreglen el parque de la vereda.
2024-08-13T10:20,web,peticion,Eva Paz,senora,eva@example.co,Parque de la vereda,Arreglen el parque de la vereda.
2024-08-13T10:30,web,peticion,Error,,error@example.co,Registrada por error,Prueba.
2024-08-13T10:40,escrito,peticion,Rosa Díaz,senora,rosa@example.co,Licencia,Licencia de la Gobernación.
2024-08-13T10:50,correo,peticion,Pedro Ruiz,senor,pedro@example.co,Alumbrado,Falta alumbrado.
2024-08-13T10:55,web,peticion,Marta Gil,senora,marta@example.co,Parque de la vereda,Arreglen el parque de la vereda.
EOF
check 'nine requests registered' 'rs-intake -n 2024-08-13T11:00 in.csv'
check 'one voided, one forwarded' \
    "rs-queue -n 2024-08-13T11:10 void -m 'por error' $R6 >/dev/null &&
     rs-queue -n 2024-08-13T11:20 forward --to 'Gobernación' $R7 >/dev/null"
check_sql 'the record before any link' "$COUNTS" \
    '11|0|radicada,radicada,radicada,radicada,radicada,anulada,trasladada,radicada,radicada'

# --- link: a duplicate ---------------------------------------------------------

check_out 'link: both requests, their status as it was' \
    "rs-queue -n 2024-08-14T09:00 link $R2 $R1" <<EOF
$STEP
$R2,radicada,,2024-09-04,
$R1,radicada,,2024-09-04,
EOF
check_sql '... one link, from the request linked, kind duplicate' \
    "select r.id, o.id, l.kind, l.linked_at, l.actor from links l
     join requests r on r.seq = l.request join requests o on o.seq = l.other" \
    "$R2|$R1|duplicate|2024-08-14T09:00:00-05:00|tester"
check_sql '... and one chained event on each, naming the other' \
    "select r.id, e.kind, e.details from events e join requests r on
     r.seq = e.request where e.kind = 'link' order by e.seq" \
    "$R2|link|{\"with\":\"$R1\",\"kind\":\"duplicate\"}
$R1|link|{\"with\":\"$R2\",\"kind\":\"duplicate\"}"

# --- link: each refusal, nothing written ---------------------------------------

check_err 'link: a request to itself' 65 \
    "rs-queue: $R1: cannot link a request to itself" \
    "rs-queue -n 2024-08-14T09:05 link $R1 $R1"
check_err 'link: the other does not exist' 65 \
    'rs-queue: RS-2024-999999: no such request' \
    "rs-queue -n 2024-08-14T09:05 link $R1 RS-2024-999999"
check_err 'link: the request does not exist' 65 \
    'rs-queue: RS-2024-999999: no such request' \
    "rs-queue -n 2024-08-14T09:05 link RS-2024-999999 $R1"
check_err 'link: already linked' 65 \
    "rs-queue: $R2: already linked to $R1 (duplicate)" \
    "rs-queue -n 2024-08-14T09:05 link $R2 $R1"
check_err '... either way round' 65 \
    "rs-queue: $R1: already linked to $R2 (duplicate)" \
    "rs-queue -n 2024-08-14T09:05 link --identical $R1 $R2"
check_err 'link: a voided request' 65 \
    "rs-queue: $R6: cannot link: status is anulada" \
    "rs-queue -n 2024-08-14T09:05 link $R6 $R8"
check_err '... nor to a voided one' 65 \
    "rs-queue: $R6: cannot link: status is anulada" \
    "rs-queue -n 2024-08-14T09:05 link $R8 $R6"
check_err 'link: two radicados' 64 "$USAGE" \
    "rs-queue -n 2024-08-14T09:05 link $R1"
check_err 'merge takes no --identical' 64 "$USAGE" \
    "rs-queue -n 2024-08-14T09:05 merge --identical $R8 $R1"
check_sql '... the refused links wrote nothing' "$COUNTS" \
    '13|1|radicada,radicada,radicada,radicada,radicada,anulada,trasladada,radicada,radicada'

# --- merge -----------------------------------------------------------------------

check_out 'merge: the duplicate closed into the other, which stays as it was' \
    "rs-queue -n 2024-08-14T09:10 merge -m 'El mismo pedido por dos canales' $R2 $R1" <<EOF
$STEP
$R2,cerrada,,2024-09-04,
$R1,radicada,,2024-09-04,
EOF
check_sql '... the duplicate link became merged, and the close is recorded' \
    "select l.kind, r.closed_at, (select group_concat(e.kind || ' ' ||
     e.details, '
') from events e where e.request = r.seq and
     e.seq > 13) from links l join requests r on r.seq = l.request" \
    "merged|2024-08-14T09:10:00-05:00|merge {\"into\":\"$R1\",\"as\":\"fusionada\",\"text\":\"El mismo pedido por dos canales\"}"
check_sql '... and the survivor has a link event of kind merged' \
    "select e.details from events e join requests r on r.seq = e.request
     where r.id = '$R1' order by e.seq desc limit 1" \
    "{\"with\":\"$R2\",\"kind\":\"merged\",\"text\":\"El mismo pedido por dos canales\"}"

check_err 'merge: into itself' 65 \
    "rs-queue: $R8: cannot merge a request into itself" \
    "rs-queue -n 2024-08-14T09:15 merge $R8 $R8"
check_err 'merge: a chain is refused, naming the survivor' 65 \
    "rs-queue: $R8: cannot merge into $R2: it was merged into $R1; merge into $R1" \
    "rs-queue -n 2024-08-14T09:15 merge $R8 $R2"
check_err 'merge: into a forwarded request' 65 \
    "rs-queue: $R8: cannot merge into $R7: status is trasladada" \
    "rs-queue -n 2024-08-14T09:15 merge $R8 $R7"
check_err 'merge: into a voided one' 65 \
    "rs-queue: $R8: cannot merge into $R6: status is anulada" \
    "rs-queue -n 2024-08-14T09:15 merge $R8 $R6"
check_err 'merge: a request others were merged into' 65 \
    "rs-queue: $R1: cannot merge: $R2 was merged into it" \
    "rs-queue -n 2024-08-14T09:15 merge $R1 $R8"
check_err 'merge: a closed request' 65 \
    "rs-queue: $R2: cannot merge: status is cerrada" \
    "rs-queue -n 2024-08-14T09:15 merge $R2 $R8"
check_err 'merge: an unknown other' 65 \
    'rs-queue: RS-2024-999999: no such request' \
    "rs-queue -n 2024-08-14T09:15 merge $R8 RS-2024-999999"
check_err 'merge: not dated before the other'"'"'s last event' 65 \
    "rs-queue: $R1: -n 2024-08-14T09:05:00-05:00: a step cannot come before the request's last event (15, 2024-08-14T09:10:00-05:00)" \
    "rs-queue -n 2024-08-14T09:05 merge $R8 $R1"
check_err 'reopen: a merged request lives on in the survivor' 65 \
    "rs-queue: $R2: cannot reopen: it was merged into $R1" \
    "rs-queue -n 2024-08-14T09:15 reopen -m 'por error' $R2"
check_err 'rs-notify respuesta: the survivor not answered yet' 65 \
    "rs-notify: $R2: no respuesta to notify: merged into $R1, which is not answered yet" \
    "rs-notify -n 2024-08-14T09:15 respuesta $R2"
check_sql '... the refused merges wrote nothing' "$COUNTS" \
    '15|1|radicada,cerrada,radicada,radicada,radicada,anulada,trasladada,radicada,radicada'

# --- Ley 1755 art. 22: identical petitions answered once -------------------------

check_out 'link --identical' \
    "rs-queue -n 2024-08-14T10:00 link --identical $R4 $R3" <<EOF
$STEP
$R4,radicada,,2024-09-04,
$R3,radicada,,2024-09-04,
EOF
check 'two more of the group, one of them waiting for its requester' \
    "rs-queue -n 2024-08-14T10:05 link --identical $R5 $R4 >/dev/null &&
     rs-queue -n 2024-08-14T10:10 link --identical $R9 $R3 >/dev/null &&
     rs-queue -n 2024-08-14T10:15 hold -m 'La dirección del parque' $R9 >/dev/null"
check_sql '... three links of kind identical' \
    "select group_concat(kind) from links where kind = 'identical'" \
    'identical,identical,identical'
check_out 'answering one answers every open one of the group, a row each' \
    "rs-queue -n 2024-08-15T09:00 answer --outcome favorable -m 'Arreglaremos el parque de la vereda el lunes 26 de agosto.' $R5" <<EOF
$STEP
$R5,respondida,tester,2024-09-04,
$R3,respondida,tester,2024-09-04,
$R4,respondida,tester,2024-09-04,
EOF
ok '... the one waiting for its requester is left, and said' \
    test "$(cat err)" = "rs-queue: $R9: not answered with $R5: it waits for its requester (en_espera; Ley 1755 art. 17)"
check_sql '... each its own answer event, naming the one it was answered with' \
    "select r.id, json_extract(e.details, '$.outcome'),
     json_extract(e.details, '$.with') from events e join requests r on
     r.seq = e.request where e.kind = 'answer' order by e.seq" \
    "$R5|favorable|
$R3|favorable|$R5
$R4|favorable|$R5"
check_out 'rs-due: none of the group owes anything' \
    "rs-due -n 2024-09-10 -o csv | cut -d, -f1,2,11" <<EOF
id,status,state
$R1,radicada,vencida
$R8,radicada,vencida
$R9,en_espera,requerimiento_no_notificado
EOF

# --- the answer reaches both requesters ------------------------------------------

check_out 'answer the survivor' \
    "rs-queue -n 2024-08-16T09:00 answer --outcome favorable -m 'Adjuntamos el certificado de residencia que pidió.' $R1" <<EOF
$STEP
$R1,respondida,tester,2024-09-04,
EOF
check 'rs-notify respuesta of the survivor' \
    "rs-notify -n 2024-08-16T10:00 respuesta $R1 >resp.mbox"
check_out '... goes to each requester at their own address, their own radicado' \
    "grep -e '^To:' -e '^Subject:' -e '^Message-Id:' resp.mbox" <<EOF
Subject: Respuesta a su solicitud $R1: Certificado de residencia
To: =?UTF-8?b?Sm9zw6kgUGXDsWE=?= <jose@example.co>
Message-Id: <respuesta.$R1@example.gov.co>
Subject: Respuesta a su solicitud $R2: Certificado de residencia
To: =?UTF-8?b?Sm9zw6kgUGXDsWE=?= <jose.pena@example.co>
Message-Id: <respuesta.$R2@example.gov.co>
EOF
check_out '... the merged one says it was answered with the survivor' \
    "awk '/^From /{n++} n == 2' resp.mbox | grep -e radicado -e 'con la que' -e 'las dos' -e certificado" <<EOF
Reciba un cordial saludo. Damos respuesta a su solicitud con radicado
Su solicitud trata el mismo asunto que la de radicado $R1,
con la que la unimos para responderlas juntas: esta es la respuesta a
las dos.
Adjuntamos el certificado de residencia que pidi=C3=B3.
EOF
check_sql '... each recorded on its own request' \
    "select r.id, n.kind, n.recipient from notices n join requests r on
     r.seq = n.request order by n.seq" \
    "$R1|respuesta|jose@example.co
$R2|respuesta|jose.pena@example.co"
check_err 'again: neither goes twice' 0 \
    "rs-notify: $R1: respuesta already sent (-F sends it again)" \
    "rs-notify -n 2024-08-16T10:05 respuesta $R1 >again.mbox"
ok '... nothing written' test ! -s again.mbox
check 'an identical petition gets its own respuesta' \
    "rs-notify -n 2024-08-16T10:10 respuesta $R4 >ident.mbox"
check_out '... which says it was answered with the others (art. 22)' \
    "grep -e '^To:' -e 'art. 22' -e 'radicado $R5' ident.mbox" <<EOF
To: Luis Gil <luis@example.co>
radicado $R5, y les damos una misma respuesta (Ley 1755 de
2015, art. 22).
EOF

# --- show, the audit, the reports ------------------------------------------------

check_out 'show: the links, in Spanish for people' \
    "rs-queue -o table show $R2 | sed -n '/^Relacionadas/,\$p'" <<EOF
Relacionadas
Radicado        Relación          Estado      Fecha                      Actor
$R1  fusionada en esa  Respondida  2024-08-14T09:10:00-05:00  tester

Avisos
- respuesta enviada a jose.pena@example.co el 2024-08-16 10:00, entregada
EOF
check_out '... and the history says so' \
    "rs-queue -o table show $R2 | grep -A1 -e ' relacionada\$' -e ' fusionada\$'" <<EOF
12  2024-08-14 09:00  tester  relacionada
    duplicada con $R1
14  2024-08-14 09:10  tester  fusionada
    fusionada en $R1: El mismo pedido por dos canales
EOF
check_out 'show -o json: the links with English codes' \
    "rs-queue -o json show $R1 | sed 's/.*\"links\"://'" <<EOF
[{"other":"$R2","kind":"merged_from","status":"cerrada","linked_at":"2024-08-14T09:10:00-05:00","actor":"tester"}]}
EOF
check_out '... an identical group' \
    "rs-queue -o json show $R3 | sed 's/.*\"links\"://'" <<EOF
[{"other":"$R4","kind":"identical","status":"respondida","linked_at":"2024-08-14T10:00:00-05:00","actor":"tester"},{"other":"$R9","kind":"identical","status":"en_espera","linked_at":"2024-08-14T10:10:00-05:00","actor":"tester"}]}
EOF
check 'rs-admin check replays the links and the merge' 'rs-admin check'
ok '... and finds nothing' \
    test "$(cat out)" = "$checked: ok: 9 requests, 29 events, the chain is whole"
check_out 'pqrsd: the merged request is neither pending nor late' \
    "rs-report -n 2024-09-10 --from 2024-08-01 --to 2024-08-31 pqrsd |
     grep -e '^totals,,received' -e '^totals,,answered' -e '^totals,,late' \
     -e '^totals,,pending' -e '^totals,,merged' -e '^totals,,voided'" <<EOF
totals,,received,8
totals,,answered,4
totals,,late,0
totals,,pending,2
totals,,merged,1
totals,,voided,1
EOF
check_out '... its result is fusionada' \
    "rs-report -n 2024-09-10 --from 2024-08-01 --to 2024-08-31 pqrsd |
     grep '^requests,$R2,' | grep -e result -e days" <<EOF
requests,$R2,days,1
requests,$R2,result,fusionada
EOF
# open: 8 and 9 (waiting), 16 business days old; overdue: 8 alone
check_out 'daily: the merged request is neither in the backlog nor overdue' \
    "rs-report -n 2024-09-10 daily | grep -e '^overdue' -e '^backlog' |
     grep -v ',0\$'" <<EOF
overdue,$R8,team,
overdue,$R8,assignee,
overdue,$R8,due_on,2024-09-04
overdue,$R8,days_overdue,4
backlog_by_age,16-30,open,2
EOF
done_testing
