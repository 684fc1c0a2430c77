#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-queue correct: a request's data corrected after intake, each value
# checked by intake's rules, one chained "correct" event a field changed,
# all or nothing; a new type's term recomputed from the same effective
# day; rs-admin check replays the corrections.  Dates counted by hand:
# business days Monday-Friday; holidays of 2024 used here: Mon 1 Jul,
# Sat 20 Jul, Wed 7 Aug.
plan 56

A=RS-2024-000001
B=RS-2024-000002
C=RS-2024-000003
D=RS-2024-000004
OUT=id,field,old,new,due_on

# events ID: the correct events of a request, field|old|new|reason|due_on
events() {
	printf "select json_extract(e.details, '\$.field') || '|' ||
	    coalesce(json_extract(e.details, '\$.old'), '-') || '|' ||
	    coalesce(json_extract(e.details, '\$.new'), '-') || '|' ||
	    json_extract(e.details, '\$.reason') || '|' || coalesce(e.due_on, '')
	    from events e join requests r on r.seq = e.request
	    where r.id = '%s' and e.kind = 'correct' order by e.seq" "$1"
}

check 'rs-admin init' 'rs-admin init'
check 'four requests' \
    "rs-intake -n 2024-07-02T09:00 -c correo -t peticion -N 'Ana Pérez' \
       -e ana@x.co -s 'Comisión sin pagar' >/dev/null &&
     rs-intake -n 2024-07-02T10:00 -c presencial -t peticion -N 'Luis Gómez' \
       -p 3001234567 -s 'Copia del contrato' >/dev/null &&
     rs-intake -n 2024-07-02T11:00 -c web -t peticion -N 'Marta Ruiz' \
       -e marta@x.co -s Certificado --requester-kind ciudadano >/dev/null &&
     rs-intake -n 2024-07-02T12:00 -c web -t queja -N 'Pedro Díaz' \
       -e pedro@x.co -s Demora >/dev/null"

# ======================= A: classification and routing =======================

ok 'before: nothing waits in the comisiones queue (next exits 1)' \
    sh -c 'rs-queue -n 2024-07-03T08:00 next -t comisiones >next.out;
    test $? -eq 1 && test ! -s next.out'

# The topic brings its team from the topics catalog, as at intake; a
# queja has the term of a peticion (Ley 1755 art. 14: 15 days), so the
# due date stays Tue 23 Jul.
check_out 'type and topic: the team follows the topic' \
    "rs-queue -n 2024-07-03T08:00 correct -m 'es una queja por comisiones' \
     $A type=queja topic=comisiones" <<EOF
$OUT
$A,type,peticion,queja,2024-07-23
$A,topic,,comisiones,2024-07-23
$A,team,,comisiones,2024-07-23
EOF
check_sql '... one event a field, with old, new and the reason' "$(events $A)" \
"type|peticion|queja|es una queja por comisiones|2024-07-23
topic|-|comisiones|es una queja por comisiones|2024-07-23
team|-|comisiones|es una queja por comisiones|2024-07-23"
check_sql '... the row, and the term of a queja' \
    "select type, topic, team, term_days, due_on from requests where id = '$A'" \
    'queja|comisiones|comisiones|15|2024-07-23'
check_out '... next -t comisiones finds it' \
    'rs-queue -n 2024-07-03T08:05 -u ana next -t comisiones' <<EOF
id,status,assignee,due_on,hold_limit
$A,asignada,ana,2024-07-23,
EOF
check_out '... show says what changed, in Spanish' \
    "rs-queue -o table show $A |
     sed -n '/  corrección\$/{n;s/^ */corrección|/;p;}'" <<EOF
corrección|tipo: peticion → queja
corrección|tema: (vacío) → comisiones
corrección|equipo: (vacío) → comisiones
EOF

# Every other field, in one command; a preferential group raises the
# priority to 1 as intake does (Decreto 19 de 2012 art. 13).
check_out 'the requester data, each field an output row' \
    "rs-queue -n 2024-07-03T09:00 correct -m 'datos de la cédula' $A \
     name='Ana María Pérez' salutation=senora id_number=52123456 \
     email=ana.perez@x.co phone='601 555 1234' address='Calle 10 # 5-20' \
     subject='Comisión de junio sin pagar' preferential=gestante" <<EOF
$OUT
$A,priority,0,1,2024-07-23
$A,preferential,,gestante,2024-07-23
$A,name,Ana Pérez,Ana María Pérez,2024-07-23
$A,salutation,,senora,2024-07-23
$A,id_number,,52123456,2024-07-23
$A,email,ana@x.co,ana.perez@x.co,2024-07-23
$A,phone,,601 555 1234,2024-07-23
$A,address,,Calle 10 # 5-20,2024-07-23
$A,subject,Comisión sin pagar,Comisión de junio sin pagar,2024-07-23
EOF
check_sql '... the row holds them' \
    "select priority, preferential, name, salutation, id_number, email,
     phone, address, subject from requests where id = '$A'" \
    '1|gestante|Ana María Pérez|senora|52123456|ana.perez@x.co|601 555 1234|Calle 10 # 5-20|Comisión de junio sin pagar'
check_sql '... nine more events' \
    "select count(*) from events e join requests r on r.seq = e.request
     where r.id = '$A' and e.kind = 'correct'" 12

# A value equal to the current one is skipped; an empty one clears.
check_out 'the same type is skipped; empty values clear phone and address' \
    "rs-queue -n 2024-07-03T10:00 correct -m 'sin teléfono' $A type=queja \
     phone= address=" <<EOF
$OUT
$A,phone,601 555 1234,,2024-07-23
$A,address,Calle 10 # 5-20,,2024-07-23
EOF
check_out 'priority 2 and the team alone: the topic stays' \
    "rs-queue -n 2024-07-03T10:30 correct -m 'urgente, lo ve contabilidad' \
     $A priority=2 team=contabilidad" <<EOF
$OUT
$A,team,comisiones,contabilidad,2024-07-23
$A,priority,1,2,2024-07-23
EOF
check_out 'a topic with its team given: the team given wins' \
    "rs-queue -n 2024-07-03T10:40 correct -m 'legalización' $A \
     topic=legalizacion_comisiones team=contabilidad" <<EOF
$OUT
$A,topic,comisiones,legalizacion_comisiones,2024-07-23
EOF

# ======================= refused: nothing written =======================

check_sql 'events before the refusals' 'select count(*) from events' 22
check_err 'no reason' 65 \
    "rs-queue: $A: correct: the reason is required (-m)" \
    "rs-queue correct $A type=reclamo"
check_err 'a reason with control characters' 65 \
    "rs-queue: $A: correct: the reason: control characters are not allowed" \
    "rs-queue correct -m \"\$(printf 'a\\001b')\" $A type=reclamo"
check_err 'a value that is not UTF-8' 65 "rs-queue: $A: name: not UTF-8 text" \
    "rs-queue correct -m x $A name=\$(printf 'Ana\\377')"
check_err 'more fields than there are' 64 'rs-queue: correct: at most 16 fields' \
    "rs-queue correct -m x $A \$(for i in \$(seq 17); do printf 'name=x '; done)"
check_err 'no field' 64 'rs-queue: correct: give at least one field=value' \
    "rs-queue correct -m x $A"
check_err 'an operand that is no field=value' 64 \
    'rs-queue: correct: expected field=value; got "reclamo"' \
    "rs-queue correct -m x $A reclamo"
check_err 'an unknown field' 65 \
    "rs-queue: $A: correct: unknown field \"channel\"; expected one of type, topic, team, priority, preferential, name, salutation, id_number, email, phone, address, requester_kind, subject" \
    "rs-queue correct -m x $A channel=web"
check_err 'a field given twice' 65 "rs-queue: $A: correct: type: given twice" \
    "rs-queue correct -m x $A type=queja type=reclamo"
check_err 'a bad type, as intake says it' 65 \
    "rs-queue: $A: type: expected one of peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad; got \"peticon\"" \
    "rs-queue correct -m x $A type=peticon"
check_err 'one bad value refuses the good ones with it' 65 \
    "rs-queue: $A: phone: expected 7 to 20 digits with spaces or + - ( ) .; got \"12\"" \
    "rs-queue correct -m x $A name=Otra phone=12"
check_err 'a required field cannot be cleared' 65 "rs-queue: $A: name: required" \
    "rs-queue correct -m x $A name="
check_err 'the last way to reach the person cannot be cleared' 65 \
    "rs-queue: $A: email: required when there is no phone, address, representative_email or representative_phone (one way to reach the person), unless anonymous" \
    "rs-queue correct -m x $A email="
check_err 'an unknown topic' 65 \
    "rs-queue: $A: topic: expected one of comisiones, cuentas_pago, legalizacion_comisiones, otro; got \"viajes\"" \
    "rs-queue correct -m x $A topic=viajes"
check_err 'an address over 300 bytes' 65 \
    "rs-queue: $A: address: longer than 300 bytes" \
    "rs-queue correct -m x $A address=$(printf '%0301d' 0)"
check_err 'every value the current one' 65 \
    "rs-queue: $A: nothing to correct: every value given is the current one" \
    "rs-queue correct -m x $A type=queja team=contabilidad"
check_err 'no such request' 65 'rs-queue: RS-2024-000099: no such request' \
    'rs-queue correct -m x RS-2024-000099 type=queja'
# Ley 1755 art. 30: type autoridad is another authority's request
check_err 'type autoridad of a ciudadano' 65 \
    "rs-queue: $C: requester_kind: type autoridad is another authority's request for information or documents (Ley 1755 art. 30): expected autoridad or nothing; got \"ciudadano\"" \
    "rs-queue correct -m x $C type=autoridad"
check_sql '... nothing was written: the events and the row as they were' \
    "select (select count(*) from events) || '|' || type || '|' || name || '|'
     || coalesce(phone, '-') || '|' || email || '|' || coalesce(address, '-')
     from requests where id = '$A'" \
    '22|queja|Ana María Pérez|-|ana.perez@x.co|-'

# ============ B: a new type's term, with a suspension in between ============

# Intake Tue 2 Jul, peticion, 15 days (Ley 1755 art. 14): effective Tue 2
# Jul, due Tue 23 Jul.  Hold Fri 5 Jul: 3, 4, 5 Jul used (3); resume Tue 9
# Jul: the clock runs again from Wed 10 (Ley 1755 art. 17).
check 'B: held on Fri 5 Jul, resumed on Tue 9 Jul' \
    "rs-queue -n 2024-07-05T11:00 hold -m 'copia de la cédula' $B &&
     rs-queue -n 2024-07-09T10:00 resume $B"
# consulta, 30 days (Ley 1755 art. 14 num. 2): 3 used, 27 from Wed 10:
# 10-12 (3), 15-19 (8), 22-26 (13), 29 Jul-2 Aug (18), 5, 6, 8, 9 Aug (22;
# Wed 7 Aug is a holiday), 12-16 Aug (27): Fri 16 Aug.
check_out 'B: consulta: 30 days, the 3 used and the suspension kept: Fri 16 Aug' \
    "rs-queue -n 2024-07-10T09:00 correct -m 'es una consulta' $B type=consulta" <<EOF
$OUT
$B,type,peticion,consulta,2024-08-16
EOF
# informacion, 10 days (art. 14 num. 1): 3 used, 7 from Wed 10: 10-12
# (3), 15-18 (7): Thu 18 Jul, earlier than the dates given before: the
# right type's term is the law's.
check_out 'B: informacion: 10 days: Thu 18 Jul, earlier than before' \
    "rs-queue -n 2024-07-10T09:30 correct -m 'pide documentos' $B type=informacion" <<EOF
$OUT
$B,type,consulta,informacion,2024-07-18
EOF
check_sql '... term_days and due_on; the event carries the new term' \
    "select r.term_days, r.due_on, json_extract(e.details, '\$.term_days'),
     e.due_on from requests r join events e on e.request = r.seq
     where r.id = '$B' order by e.seq desc limit 1" '10|2024-07-18|10|2024-07-18'
check_out '... rs-due counts the new term' \
    "rs-due -n 2024-07-10 -o csv | awk -F, -v id=$B '\$1 == id { print \$8 }'" <<EOF
2024-07-18
EOF
# Held again on Thu 11 Jul (5 used: 3 + Wed 10 and Thu 11, the day of the
# requirement counting as 5 Jul did) and corrected to peticion (15) while
# the clock is stopped: no due date until it resumes.  Resumed Mon 15
# Jul: 10 days left from Tue 16: 16-19 (4), 22-26 (9), 29 (10): Mon 29
# Jul.
check_out 'B: corrected while held: no due date' \
    "rs-queue -n 2024-07-11T09:00 hold -m 'firma' $B >/dev/null &&
     rs-queue -n 2024-07-11T10:00 correct -m 'es una petición' $B type=peticion" <<EOF
$OUT
$B,type,informacion,peticion,
EOF
check_out '... resumed Mon 15 Jul: Mon 29 Jul' \
    "rs-queue -n 2024-07-15T10:00 resume $B" <<EOF
id,status,assignee,due_on,hold_limit
$B,radicada,,2024-07-29,
EOF
check_out 'B: felicitacion has no term: no due date' \
    "rs-queue -n 2024-07-15T11:00 correct -m 'felicita' $B type=felicitacion" <<EOF
$OUT
$B,type,peticion,felicitacion,
EOF
check_sql '... term_days empty' \
    "select coalesce(CAST(term_days AS TEXT), '-'), coalesce(due_on, '-') from requests where id = '$B'" '-|-'

# ======================= C: autoridad; answered; closed =======================

check_out 'C: autoridad with requester_kind autoridad: 10 days (art. 30)' \
    "rs-queue -n 2024-07-03T09:00 correct -m 'la pide la Gobernación' $C \
     type=autoridad requester_kind=autoridad" <<EOF
$OUT
$C,type,peticion,autoridad,2024-07-16
$C,requester_kind,ciudadano,autoridad,2024-07-16
EOF
check 'C: answered' \
    "rs-queue -n 2024-07-04T09:00 answer --outcome favorable -m 'Se envía la información solicitada.' $C"
check_err 'C: the type of an answered request' 65 \
    "rs-queue: $C: type: cannot change once answered (status is respondida)" \
    "rs-queue -n 2024-07-04T10:00 correct -m x $C type=peticion"
check_out 'C: its other data still can be corrected' \
    "rs-queue -n 2024-07-04T10:00 correct -m 'segundo apellido' $C name='Marta Ruiz Gil'" <<EOF
$OUT
$C,name,Marta Ruiz,Marta Ruiz Gil,2024-07-16
EOF
check_err 'C: closed: refused' 65 "rs-queue: $C: cannot correct: status is cerrada" \
    "rs-queue -n 2024-07-05T09:00 close $C >/dev/null &&
     rs-queue -n 2024-07-05T10:00 correct -m x $C subject=Otro"
check_err 'D: anulada: refused' 65 "rs-queue: $D: cannot correct: status is anulada" \
    "rs-queue -n 2024-07-03T09:00 void -m 'duplicada' $D >/dev/null &&
     rs-queue -n 2024-07-03T10:00 correct -m x $D type=reclamo"
# Ley 1755 art. 14 parágrafo: an extension is given within the term of
# the type it was given for; A's, from Tue 23 Jul to Tue 30 Jul.
check_err 'A: the type of an extended request' 65 \
    "rs-queue: $A: type: cannot change: the term was extended to 2024-07-30 (Ley 1755 art. 14 parágrafo)" \
    "rs-queue -n 2024-07-16T09:00 extend --days 5 -m 'consulta a tesorería' $A >/dev/null &&
     rs-queue -n 2024-07-16T10:00 correct -m x $A type=reclamo"
check_sql '... nothing written on A, C and D by the refusals' \
    "select r.id, count(*) from events e join requests r on r.seq = e.request
     where e.kind = 'correct' and r.id in ('$A', '$C', '$D') group by r.id" \
    "$A|17
$C|3"

# E: informacion, 10 days (art. 14 num. 1), received Wed 3 Jul 09:00:
# from Thu 4: 4, 5 (2), 8-12 (7), 15-17 (10): Wed 17 Jul.  Another
# authority's request, type autoridad, has 10 days too (art. 30); an
# empty requester_kind becomes autoridad, as at intake; values are
# trimmed as at intake.
check_out 'E: type autoridad completes requester_kind; values trimmed' \
    "rs-intake -n 2024-07-03T09:00 -c web -t informacion -N Eva -e eva@x.co \
       -s Informe >/dev/null &&
     rs-queue -n 2024-07-03T10:00 correct -m 'la pide la Contraloría' \
       RS-2024-000005 type=autoridad name='  Eva Ríos '" <<EOF
$OUT
RS-2024-000005,type,informacion,autoridad,2024-07-17
RS-2024-000005,name,Eva,Eva Ríos,2024-07-17
RS-2024-000005,requester_kind,,autoridad,2024-07-17
EOF

# ======================= the report and the audit =======================

# A queja (D was voided: the report counts it apart), the felicitacion
# that was a peticion, and the authority's request.

check_out 'the Ley 1712 report counts each request under its current type' \
    "rs-report -n 2024-07-31 -o csv --from 2024-07-01 --to 2024-07-31 pqrsd |
     awk -F, '\$1 == \"by_type\" && \$3 == \"received\" { print \$2 \",\" \$4 }'" <<EOF
autoridad,2
felicitacion,1
queja,1
EOF
check 'rs-admin check: the corrected requests agree with their events' \
    'rs-admin check'
# Events 11 (name) and 21 (priority 1 -> 2) rewritten in a copy: their
# hashes no longer match, and the replay says what no longer follows.
# The copy: SQLite's backup of the file, or on PostgreSQL the office
# copied by rs-admin into a database of its own; there the refusal of
# updates is a trigger disabled for the change.
REWRITE="update events set details = json_set(details, '\$.field', 'colour') where seq = 11;
       update events set details = json_set(details, '\$.old', '0') where seq = 21"
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	copy=copy.db
	make_copy="sqlite3 \"\$RS_DB\" '.backup copy.db' && chmod o-rwx copy.db &&
	     sqlite3 copy.db \"drop trigger events_no_update; $REWRITE\""
else
	copy=$(store_for copy)
	rs-admin copy "$copy" >/dev/null
	RS_DB=$copy sql "alter table events disable trigger events_no_update;
	    $REWRITE" >/dev/null
	make_copy=true
fi
check_err 'correct events rewritten behind rs: found' 65 \
    "rs-admin: $(checked_as "$copy"): $A: event 11 (correct) was changed after it was written: its hash does not match
rs-admin: $(checked_as "$copy"): $A: event 21 (correct) was changed after it was written: its hash does not match
rs-admin: $(checked_as "$copy"): $A: event 11 (correct) names no field rs corrects
rs-admin: $(checked_as "$copy"): $A: event 21 (correct) says priority was 0 but event 9 made it 1
rs-admin: $(checked_as "$copy"): 4 problems found" \
    "$make_copy && rs-admin -d '$copy' check"
sql "update requests set team = 'comisiones' where id = '$A'"
check_err 'a corrected column changed behind rs: found' 65 \
    "rs-admin: $checked: $A: team is comisiones but its events say contabilidad (event 20)
rs-admin: $checked: 1 problem found" \
    "rs-admin check"
sql "update requests set term_days = 15 where id = '$B'"
check_err 'term_days changed behind rs: found' 65 \
    "rs-admin: $checked: $A: team is comisiones but its events say contabilidad (event 20)
rs-admin: $checked: $B: term_days is 15 but its events say empty (event 30)
rs-admin: $checked: 2 problems found" \
    "rs-admin check"
done_testing
