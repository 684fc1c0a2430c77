#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Every step of rs-queue on real requests (DESIGN §1 statuses, §2 the
# steps, §3 events, §5 the law).  After each step: the row (the step's
# CSV: id,status,assignee,due_on,hold_limit) and the history (the events'
# kind and the due date after each).  Every date was counted by hand:
# business days Monday-Friday, holidays of 2024 used here: Mon 1 Jul,
# Sat 20 Jul, Wed 7 Aug, Mon 19 Aug, Mon 14 Oct.
plan 94

STEP=id,status,assignee,due_on,hold_limit
A=RS-2024-000001

# ./hist ID: the history from `rs-queue -o csv show ID`, one event a line:
# event_kind,event_due_on (read back with sqlite3's own CSV reader)
cat >hist <<'EOF'
#!/bin/sh
rs-queue -o csv show "$1" >show.csv &&
sqlite3 :memory: '.import --csv show.csv h' \
    "select event_kind || ',' || event_due_on from h
     order by cast(event as integer)"
EOF
chmod +x hist

# last ID: SQL for the request's last event: kind|actor|at|due_on
last() {
	printf "select e.kind, e.actor, e.at, coalesce(e.due_on, '') from events e
	    join requests r on r.seq = e.request where r.id = '%s'
	    order by e.seq desc limit 1" "$1"
}
# detail ID KEY...: SQL for keys of the last event's details, |-separated
detail() {
	id=$1
	shift
	cols=
	for k; do
		cols="$cols${cols:+, }coalesce(json_extract(e.details, '\$.$k'), '-')"
	done
	printf "select %s from events e join requests r on r.seq = e.request
	    where r.id = '%s' order by e.seq desc limit 1" "$cols" "$id"
}

check 'rs-admin init' 'rs-admin init && rs-admin config sender atencion@oficina.gov.co'

# ./row ID: the request as a step prints it
cat >row <<'EOF'
#!/bin/sh
q="select id, status, assignee, due_on, hold_limit from requests
    where id = '$1'"
case $RS_DB in
postgres*)
	PGOPTIONS="-c search_path=${RS_OFFICE:-main},public" \
	    psql -X -q -v ON_ERROR_STOP=1 -d "$RS_DB" \
	    -c "COPY ($q) TO STDOUT WITH (FORMAT csv, HEADER)"
	;;
*)
	sqlite3 -csv -header "$RS_DB" "$q"
esac
EOF
chmod +x row

# ======================= A: the whole day of one request =======================

# Tue 2 Jul 09:00, peticion (15): effective that day (before 16:00); day 1
# Wed 3 ... 3,4,5 (3), 8-12 (8), 15-19 (13), 22 (14), 23 (15): Tue 23 Jul.
check_out 'intake: effective Tue 2 Jul, due Tue 23 Jul' \
    "rs-intake -n 2024-07-02T09:00 -u recepcion -c presencial -t peticion \
     -N 'Ana Pérez' -e ana@x.co -s Certificado | cut -d, -f1-4,21" <<EOF
id,received_at,effective_on,due_on,status
$A,2024-07-02T09:00:00-05:00,2024-07-02,2024-07-23,radicada
EOF
check_out '... history: intake with its due date' "./hist $A" <<EOF
intake,2024-07-23
EOF

check_out 'next: the only request in the queue, to ana' \
    'rs-queue -n 2024-07-02T10:00 -u ana next' <<EOF
$STEP
$A,asignada,ana,2024-07-23,
EOF
check_out '... history: take' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
EOF
check_sql '... by ana at 10:00' "$(last $A)" \
    'take|ana|2024-07-02T10:00:00-05:00|2024-07-23'

# Hold Fri 5 Jul: days 3, 4, 5 Jul stay used (3 of 15); the clock stops,
# no due date while held.  The month to comply runs from the notice of
# the requirement (Ley 1755 art. 17), which has not gone out: no limit.
check_out 'hold (art. 17): en_espera, no due date, no month before its notice' \
    "rs-queue -n 2024-07-05T11:00 -u ana hold -m 'copia de la cédula' $A" <<EOF
$STEP
$A,en_espera,ana,,
EOF
check_out '... history: hold, no due date after it' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
EOF
check_sql '... what is missing and the limit in the details' \
    "$(detail $A missing hold_limit late)" 'copia de la cédula|-|-'
check_err '... it cannot be closed as withdrawn: no month has run' 65 \
    "rs-queue: $A: cannot close: the requirement has not been notified, and the month to answer it runs from its notice (Ley 1755 art. 17)" \
    "rs-queue -n 2024-09-05T11:00 -u ana close $A"

# Resume Tue 9 Jul: 12 days left, counted from Wed 10: 10-12 (3), 15-19
# (8), 22-25 (12): Thu 25 Jul (Mon 8 and Tue 9 Jul did not count).
check_out 'resume: asignada again, due Thu 25 Jul, no limit' \
    "rs-queue -n 2024-07-09T10:00 -u ana resume -m 'llegó la copia' $A" <<EOF
$STEP
$A,asignada,ana,2024-07-25,
EOF
check_out '... history: resume with the new due date' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
EOF
check_sql '... stored: held_on and hold_limit cleared' \
    "select status, coalesce(held_on, '-'), coalesce(hold_limit, '-'), due_on
     from requests where id = '$A'" 'asignada|-|-|2024-07-25'

# Extend Mon 22 Jul (before Thu 25): 2 business days after 25 Jul: Fri 26,
# Mon 29 Jul.
check_out 'extend --days 2: Mon 29 Jul' \
    "rs-queue -n 2024-07-22T10:00 -u ana extend --days 2 \
     -m 'consulta a otra dependencia' $A" <<EOF
$STEP
$A,asignada,ana,2024-07-29,
EOF
check_out '... history: extend' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
EOF
check_sql '... the new date and the reasons in the details' \
    "$(detail $A to reasons)" '2024-07-29|consulta a otra dependencia'

# Extend again Thu 25 Jul (before Mon 29) to Fri 9 Aug: within 2N = 30
# business days after Tue 2 Jul however the hold is counted (Wed 14 Aug
# without it, Fri 16 Aug with Mon 8 and Tue 9 Jul suspended).
check_out 'extend --to 2024-08-09' \
    "rs-queue -n 2024-07-25T10:00 -u ana extend --to 2024-08-09 \
     -m 'falta el concepto jurídico' $A" <<EOF
$STEP
$A,asignada,ana,2024-08-09,
EOF
check_out '... history: extend' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
EOF
check_sql '... stored as extended_to' \
    "select extended_to, due_on from requests where id = '$A'" \
    '2024-08-09|2024-08-09'

printf 'Señora Ana:\nadjuntamos el certificado pedido.\n' >answer.txt
check_out 'answer -F FILE: respondida' \
    "rs-queue -n 2024-08-08T15:00 -u ana answer --outcome favorable -F answer.txt $A" <<EOF
$STEP
$A,respondida,ana,2024-08-09,
EOF
check_out '... history: answer' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
answer,2024-08-09
EOF
check_sql '... the outcome and the file, byte for byte, in the details' \
    "$(detail $A outcome text)" 'favorable|Señora Ana:
adjuntamos el certificado pedido.
'
check_sql '... answered_at and outcome on the row' \
    "select answered_at, outcome from requests where id = '$A'" \
    '2024-08-08T15:00:00-05:00|favorable'

check_out 'close: cerrada' "rs-queue -n 2024-08-09T09:00 -u ana close $A" <<EOF
$STEP
$A,cerrada,ana,2024-08-09,
EOF
check_out '... history: close' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
answer,2024-08-09
close,2024-08-09
EOF
check_sql '... as cerrada' "$(detail $A as)" 'cerrada'

check_out 'reopen: back to asignada (ana still has it)' \
    "rs-queue -n 2024-08-12T09:00 -u ana reopen -m 'no recibió los anexos' $A" <<EOF
$STEP
$A,asignada,ana,2024-08-09,
EOF
check_out '... history: reopen' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
answer,2024-08-09
close,2024-08-09
reopen,2024-08-09
EOF
check_sql '... the answer cleared from the row' \
    "select coalesce(answered_at, '-'), coalesce(outcome, '-'), coalesce(closed_at, '-')
     from requests where id = '$A'" '-|-|-'

check_out 'answer again' \
    "rs-queue -n 2024-08-13T09:00 -u ana answer --outcome parcial \
     -m 'Reenviamos los anexos.' $A" <<EOF
$STEP
$A,respondida,ana,2024-08-09,
EOF
check_out '... history: answer' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
answer,2024-08-09
close,2024-08-09
reopen,2024-08-09
answer,2024-08-09
EOF

check_out 'close again' "rs-queue -n 2024-08-13T10:00 -u ana close -m entregada $A" <<EOF
$STEP
$A,cerrada,ana,2024-08-09,
EOF
check_out '... history: close' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
answer,2024-08-09
close,2024-08-09
reopen,2024-08-09
answer,2024-08-09
close,2024-08-09
EOF

check_out 'rate 5: the status stays cerrada' \
    "rs-queue -n 2024-08-14T10:00 -u ana rate -m 'muy amable' $A 5" <<EOF
$STEP
$A,cerrada,ana,2024-08-09,
EOF
check_out '... history: rate' "./hist $A" <<EOF
intake,2024-07-23
take,2024-07-23
hold,
resume,2024-07-25
extend,2024-07-29
extend,2024-08-09
answer,2024-08-09
close,2024-08-09
reopen,2024-08-09
answer,2024-08-09
close,2024-08-09
rate,2024-08-09
EOF
check_sql '... the rating on the row and in the event' \
    "select r.rating, json_extract(e.details, '$.rating'), json_extract(e.details, '$.text')
     from requests r join events e on e.request = r.seq and e.kind = 'rate'
     where r.id = '$A'" '5|5|muy amable'

check_out 'show -o table: the request and its day, steps in Spanish' \
    "rs-queue -o table show $A" <<EOF
Radicado:                 $A
Estado:                   cerrada
Recibida:                 2024-07-02T09:00:00-05:00
Radicación efectiva:      2024-07-02
Vence:                    2024-08-09
Término (días hábiles):   15
Canal:                    presencial
Tipo:                     peticion
Prioridad:                0
Nombre:                   Ana Pérez
Correo:                   ana@x.co
Asunto:                   Certificado
Asignada a:               ana
Prorrogada hasta:         2024-08-09
Respondida:               2024-08-13T09:00:00-05:00
Sentido de la respuesta:  parcial
Cerrada:                  2024-08-13T10:00:00-05:00
Calificación:             5

Historial
 1  2024-07-02 09:00  recepcion  radicación     vence 2024-07-23
 2  2024-07-02 10:00  ana        tomada
 3  2024-07-05 11:00  ana        requerimiento
    falta: copia de la cédula
 4  2024-07-09 10:00  ana        reanudación    vence 2024-07-25
    llegó la copia
 5  2024-07-22 10:00  ana        prórroga       vence 2024-07-29
    hasta 2024-07-29: consulta a otra dependencia
 6  2024-07-25 10:00  ana        prórroga       vence 2024-08-09
    hasta 2024-08-09: falta el concepto jurídico
 7  2024-08-08 15:00  ana        respuesta
    favorable: Señora Ana:
    adjuntamos el certificado pedido.
 8  2024-08-09 09:00  ana        cierre
    cerrada
 9  2024-08-12 09:00  ana        reapertura
    no recibió los anexos
10  2024-08-13 09:00  ana        respuesta
    parcial: Reenviamos los anexos.
11  2024-08-13 10:00  ana        cierre
    cerrada: entregada
12  2024-08-14 10:00  ana        calificación
    5 de 5: muy amable
EOF

# ======================= the other steps, on other requests ======================

# Wed 3 Jul, all effective that day.  peticion/queja/reclamo/sugerencia:
# 4, 5 (2), 8-12 (7), 15-19 (12), 22-24 (15): Wed 24 Jul.  consulta (30):
# ... 24 (15), 25, 26, 29-31 (20), 1, 2 Aug (22), 5, 6 (24), 8, 9 (26; Wed
# 7 Aug is a holiday), 12-15 (30): Thu 15 Aug.  informacion (10): 4, 5,
# 8-12, 15-17: Wed 17 Jul.
cat >more.csv <<'EOF'
received_at,channel,type,name,email,subject
2024-07-03T08:00,correo,peticion,Bea,bea@x.co,Poder
2024-07-03T08:05,web,queja,Carla,carla@x.co,Cobro
2024-07-03T08:10,web,reclamo,Dora,dora@x.co,Factura
2024-07-03T08:15,escrito,sugerencia,Eli,eli@x.co,Horario
2024-07-03T08:20,correo,consulta,Fabio,fabio@x.co,Norma
2024-07-03T08:25,web,informacion,Gil,gil@x.co,Contratos
EOF
check_out 'six more requests, effective Wed 3 Jul' \
    'rs-intake -n 2024-07-03T08:30 -u recepcion more.csv | cut -d, -f1,3,4,6' <<'EOF'
id,effective_on,due_on,type
RS-2024-000002,2024-07-03,2024-07-24,peticion
RS-2024-000003,2024-07-03,2024-07-24,queja
RS-2024-000004,2024-07-03,2024-07-24,reclamo
RS-2024-000005,2024-07-03,2024-07-24,sugerencia
RS-2024-000006,2024-07-03,2024-08-15,consulta
RS-2024-000007,2024-07-03,2024-07-17,informacion
EOF

# --- B: take, assign, hold, assign while held, close before and after the month

B=RS-2024-000002
check_out 'take: asignada to beto' "rs-queue -n 2024-07-03T09:30 -u beto take $B" <<EOF
$STEP
$B,asignada,beto,2024-07-24,
EOF
check_sql '... event take by beto' "$(last $B)" \
    'take|beto|2024-07-03T09:30:00-05:00|2024-07-24'
check_out 'assign to carla' "rs-queue -n 2024-07-03T10:00 -u coord assign $B carla" <<EOF
$STEP
$B,asignada,carla,2024-07-24,
EOF
check_sql '... event assign by coord, to carla' \
    "$(last $B); $(detail $B to)" \
    'assign|coord|2024-07-03T10:00:00-05:00|2024-07-24
carla'
# Tue 16 Jul is the 9th business day (10th: Wed 17).  One month from Wed
# 17 Jul: Sat 17 Aug -> Sun 18 -> Mon 19 Aug (holiday) -> Tue 20 Aug.
check_out 'hold on the 9th day: en_espera, no limit yet' \
    "rs-queue -n 2024-07-16T11:00 -u carla hold -m 'el poder firmado' $B" <<EOF
$STEP
$B,en_espera,carla,,
EOF
check_sql '... event hold, no due date' "$(last $B)" \
    'hold|carla|2024-07-16T11:00:00-05:00|'
check_out 'its notice goes out that day: the month runs, limit moved past the weekend and 19 Aug' \
    "rs-notify -n 2024-07-16T11:30 -u carla requerimiento $B >req.mbox && ./row $B" <<EOF
$STEP
$B,en_espera,carla,,2024-08-20
EOF
check_sql '... the limit on the notice event' "$(detail $B kind hold_limit)" \
    'requerimiento|2024-08-20'
ok '... and in the letter' grep -q 'tardar el martes 20 de agosto de 2024,' req.mbox
check_err '... sent once for this requirement' 0 \
    "rs-notify: $B: requerimiento already sent (-F sends it again)" \
    "rs-notify -n 2024-07-17T08:00 -u carla requerimiento $B"
check_out 'assign while en_espera: the status stays en_espera' \
    "rs-queue -n 2024-07-17T09:00 -u coord assign $B dario" <<EOF
$STEP
$B,en_espera,dario,,2024-08-20
EOF
check_sql '... event assign, still no due date' "$(last $B); $(detail $B to)" \
    'assign|coord|2024-07-17T09:00:00-05:00|
dario'
sql "select count(*) from events" >count.before
check_err 'close on the last day of the month: refused with the limit' 65 \
    "rs-queue: $B: cannot close: the requester has until 2024-08-20 to answer the requirement (Ley 1755 art. 17)" \
    "rs-queue -n 2024-08-20T17:00 -u coord close $B"
sql "select count(*) from events" >count.after
ok '... no event written' cmp -s count.before count.after
check_out 'close the day after the limit: desistida (art. 17)' \
    "rs-queue -n 2024-08-21T08:00 -u coord close -m 'no aportó el poder' $B" <<EOF
$STEP
$B,desistida,dario,,2024-08-20
EOF
check_sql '... event close as desistida' "$(last $B); $(detail $B as text)" \
    'close|coord|2024-08-21T08:00:00-05:00|
desistida|no aportó el poder'
check_sql '... closed_at on the row' \
    "select closed_at from requests where id = '$B'" '2024-08-21T08:00:00-05:00'

# --- C: take, release, forward on the 5th business day (Wed 10 Jul)

C=RS-2024-000003
check_out 'take' "rs-queue -n 2024-07-03T11:00 -u ana take $C" <<EOF
$STEP
$C,asignada,ana,2024-07-24,
EOF
check_sql '... event take' "$(last $C)" 'take|ana|2024-07-03T11:00:00-05:00|2024-07-24'
check_out 'release: radicada, nobody' "rs-queue -n 2024-07-03T11:30 -u ana release $C" <<EOF
$STEP
$C,radicada,,2024-07-24,
EOF
check_sql '... event release' "$(last $C)" \
    'release|ana|2024-07-03T11:30:00-05:00|2024-07-24'
check_sql '... back at the head of the queue' \
    "select id from requests where status = 'radicada' and assignee is null
     order by priority desc, received_ts, seq limit 1" "$C"
# 4, 5, 8, 9, 10 Jul: the 5th business day is Wed 10 Jul.
check_out 'forward on the 5th business day: trasladada' \
    "rs-queue -n 2024-07-10T16:00 -u ana forward --to 'Superintendencia de Industria y Comercio' -m 'competencia de la SIC' $C" <<EOF
$STEP
$C,trasladada,,2024-07-24,
EOF
ok '... without a warning' test ! -s err
check_sql '... event forward, on time' \
    "$(last $C); $(detail $C authority text late)" \
    'forward|ana|2024-07-10T16:00:00-05:00|2024-07-24
Superintendencia de Industria y Comercio|competencia de la SIC|-'
check_sql '... forwarded_to and closed_at on the row' \
    "select forwarded_to, closed_at from requests where id = '$C'" \
    'Superintendencia de Industria y Comercio|2024-07-10T16:00:00-05:00'

# --- D: forward on the 6th business day: late, on record, allowed

D=RS-2024-000004
check_err 'forward on Thu 11 Jul: a warning, exit 0' 0 \
    "rs-queue: $D: forwarded after the 5 business days of Ley 1755 art. 21: recorded as late" \
    "rs-queue -n 2024-07-11T09:00 -u beto forward --to 'Secretaría de Hacienda' $D"
cp out forward.out
check_out '... the step output' 'cat forward.out' <<EOF
$STEP
$D,trasladada,,2024-07-24,
EOF
check_sql '... event forward, "late":true with the limit' \
    "$(last $D); $(detail $D authority late limit)" \
    'forward|beto|2024-07-11T09:00:00-05:00|2024-07-24
Secretaría de Hacienda|1|2024-07-10'
check_sql '... late is the JSON true' \
    "select json_type(details, '$.late') from events where kind = 'forward'
     and request = (select seq from requests where id = '$D')" 'true'

# --- E: note, then void with a reason

E=RS-2024-000005
check_out 'note: the status stays radicada' \
    "rs-queue -n 2024-07-04T09:00 -u ana note -m 'llamó para preguntar' $E" <<EOF
$STEP
$E,radicada,,2024-07-24,
EOF
check_sql '... event note with its text' "$(last $E); $(detail $E text)" \
    'note|ana|2024-07-04T09:00:00-05:00|2024-07-24
llamó para preguntar'
check_out 'void: anulada' \
    "rs-queue -n 2024-07-04T09:30 -u coord void -m 'radicada dos veces' $E" <<EOF
$STEP
$E,anulada,,2024-07-24,
EOF
check_sql '... event void with its reason' "$(last $E); $(detail $E text)" \
    'void|coord|2024-07-04T09:30:00-05:00|2024-07-24
radicada dos veces'
check_sql '... never deleted' "select count(*) from requests where id = '$E'" 1

# --- F: express withdrawal (art. 18)

F=RS-2024-000006
check_out 'take the consulta' "rs-queue -n 2024-07-04T10:00 -u beto take $F" <<EOF
$STEP
$F,asignada,beto,2024-08-15,
EOF
check_sql '... event take' "$(last $F)" 'take|beto|2024-07-04T10:00:00-05:00|2024-08-15'
check_out 'close --withdrawn: desistida (art. 18)' \
    "rs-queue -n 2024-07-10T10:00 -u beto close --withdrawn -m 'desiste por escrito' $F" <<EOF
$STEP
$F,desistida,beto,2024-08-15,
EOF
check_sql '... event close as desistida' "$(last $F); $(detail $F as text)" \
    'close|beto|2024-07-10T10:00:00-05:00|2024-08-15
desistida|desiste por escrito'

# --- G: a negative answer with its three parts (protocol 5.2)

G=RS-2024-000007
check_out 'answer negativa: respondida, by whoever answered' \
    "rs-queue -n 2024-07-10T11:00 -u beto answer --outcome negativa \
     -m 'No es posible entregar los contratos.' \
     --why 'contienen datos personales (Ley 1581)' \
     --will-do 'entregaremos una versión anonimizada' \
     --can-do 'interponer recurso de reposición' $G" <<EOF
$STEP
$G,respondida,beto,2024-07-17,
EOF
check_sql '... event answer with the three parts' \
    "$(last $G); $(detail $G outcome text why will_do can_do)" \
    'answer|beto|2024-07-10T11:00:00-05:00|2024-07-17
negativa|No es posible entregar los contratos.|contienen datos personales (Ley 1581)|entregaremos una versión anonimizada|interponer recurso de reposición'
check_sql '... the outcome on the row' \
    "select outcome, answered_at from requests where id = '$G'" \
    'negativa|2024-07-10T11:00:00-05:00'

# --- H: a hold whose month ends on a shorter month's last day

# Tue 20 Aug 10:00 (after the holiday), peticion: 21-23 (3), 26-30 (8),
# 2-6 Sep (13), 9, 10 (15): Tue 10 Sep.  Hold Fri 30 Aug (8 days used);
# one month from Sat 31 Aug: 31 Sep does not exist -> Mon 30 Sep.  Resume
# Wed 4 Sep: 7 days left from Thu 5: 5, 6, 9-13: Fri 13 Sep.
H=RS-2024-000008
check_out 'intake Tue 20 Aug: due Tue 10 Sep' \
    "rs-intake -n 2024-08-20T10:00 -u recepcion -c web -t peticion -N Hugo \
     -e hugo@x.co -s Paz | cut -d, -f1,3,4" <<EOF
id,effective_on,due_on
$H,2024-08-20,2024-09-10
EOF
check_out 'hold Fri 30 Aug, printed and handed over: limit Mon 30 Sep (the month'"'"'s last day)' \
    "rs-queue -n 2024-08-30T09:00 -u ana hold -m 'la dirección' $H >/dev/null &&
     rs-notify -n 2024-08-30T09:10 -u ana -p requerimiento $H >/dev/null && ./row $H" <<EOF
$STEP
$H,en_espera,,,2024-09-30
EOF
check_sql '... event hold, then the notice' \
    "select kind from events where request = 8 order by seq desc limit 2" 'notice
hold'
check_out 'resume Wed 4 Sep: radicada (nobody has it), due Fri 13 Sep' \
    "rs-queue -n 2024-09-04T09:00 -u ana resume $H" <<EOF
$STEP
$H,radicada,,2024-09-13,
EOF
check_out '... history' "./hist $H" <<EOF
intake,2024-09-10
hold,
notice,
resume,2024-09-13
EOF

# --- I: an extension first, then a requirement: the suspension still counts

# Mon 2 Sep 09:00, peticion: 3-6 (4), 9-13 (9), 16-20 (14), 23: Mon 23 Sep.
# Extended Tue 3 Sep to Fri 4 Oct (the 24th business day; 2N = 30 is Tue 15
# Oct, Mon 14 Oct being a holiday).  Hold Thu 5 Sep: 3 days used, 21 of the
# extended term left (6 Sep ... 4 Oct).  One month from Fri 6 Sep: Sun 6
# Oct -> Mon 7 Oct.  Resume Tue 10 Sep: the 21 counted from Wed 11: 11-13
# (3), 16-20 (8), 23-27 (13), 30 Sep-4 Oct (18), 7-9 (21): Wed 9 Oct.
# DESIGN §5 rule 5 stops the clock whatever date it runs to; the extended
# date moves like any other (Fri 6, Mon 9 and Tue 10 Sep were suspended).
I=RS-2024-000009
check_out 'intake Mon 2 Sep: due Mon 23 Sep' \
    "rs-intake -n 2024-09-02T09:00 -u recepcion -c web -t peticion -N Ivan \
     -e ivan@x.co -s Obra | cut -d, -f1,3,4" <<EOF
id,effective_on,due_on
$I,2024-09-02,2024-09-23
EOF
check_out 'extend to Fri 4 Oct' \
    "rs-queue -n 2024-09-03T09:00 -u ana extend --to 2024-10-04 -m 'visita técnica' $I" <<EOF
$STEP
$I,radicada,,2024-10-04,
EOF
check_out 'hold Thu 5 Sep, printed and handed over: limit Mon 7 Oct' \
    "rs-queue -n 2024-09-05T09:00 -u ana hold -m 'los planos' $I >/dev/null &&
     rs-notify -n 2024-09-05T09:10 -u ana -p requerimiento $I >/dev/null && ./row $I" <<EOF
$STEP
$I,en_espera,,,2024-10-07
EOF
check_out 'resume Tue 10 Sep: the extended date moves by the 3 suspended days, to Wed 9 Oct' \
    "rs-queue -n 2024-09-10T09:00 -u ana resume $I" <<EOF
$STEP
$I,radicada,,2024-10-09,
EOF
check_out '... history' "./hist $I" <<EOF
intake,2024-09-23
extend,2024-10-04
hold,
notice,
resume,2024-10-09
EOF

# --- the whole store ---------------------------------------------------------------------

check_sql 'every status as the steps left it' \
    "select id, status, coalesce(assignee, '') from requests order by seq" \
    "$A|cerrada|ana
$B|desistida|dario
$C|trasladada|
$D|trasladada|
$E|anulada|
$F|desistida|beto
$G|respondida|beto
$H|radicada|
$I|radicada|"
check_sql 'one event a step: 9 intakes, 30 steps and 3 notices' \
    "select count(*) from events" 42
check_sql 'the queue now holds the two open requests' \
    "select id from requests where status in ('radicada', 'asignada', 'en_espera') order by seq" "$H
$I"
check_out 'rs-admin check passes' 'rs-admin check' <<EOF
$checked: ok: 9 requests, 42 events, the chain is whole
EOF

done_testing
