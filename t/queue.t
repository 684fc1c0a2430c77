#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-queue list and show: the attention order (DESIGN §2: priority, then
# arrival, then number), team filter, every output format, and errors.
plan 34

Q='rs-queue -n 2024-08-14'
USAGE=$(rs-queue -h)

check 'rs-admin init creates the store' 'rs-admin init'

# Registered in this order (the radicado numbers), arriving in another.
{
	echo received_at,channel,type,topic,preferential,priority,name,email,subject,description
	echo 2024-08-13T10:00,correo,peticion,comisiones,,,Bea,bea@x.co,Dos,
	printf '2024-08-13T09:00,web,queja,cuentas_pago,,,Ana,ana@x.co,Uno,"tab\there\nline2"\n'
	echo 2024-08-13T11:00,presencial,peticion,otro,gestante,,Carla,carla@x.co,Tres,
	echo 2024-08-13T12:00,telefonico,reclamo,,,2,Dora,dora@x.co,Cuatro,
	printf '%s\n' '2024-08-13T10:00,escrito,consulta,comisiones,,,Eli,eli@x.co,C:\temp,'
	echo 2024-08-12T08:00,web,peticion,,,,Fabio,fabio@x.co,Seis,
} >queue.csv
check 'six requests registered out of arrival order' \
    'rs-intake -n 2024-08-14T09:00 queue.csv'
# No command closes a request yet: close the oldest one by hand.
check_sql 'one of them closed' \
    "update requests set status = 'cerrada' where id = 'RS-2024-000006' returning 1" 1

HEAD=position,id,priority,received_at,effective_on,due_on,days_left,status,channel,type,topic,team,assignee,name,subject
R4='RS-2024-000004,2,2024-08-13T12:00:00-05:00,2024-08-13,2024-09-04,14,radicada,telefonico,reclamo,,,,Dora,Cuatro'
R3='RS-2024-000003,1,2024-08-13T11:00:00-05:00,2024-08-13,2024-09-04,14,radicada,presencial,peticion,otro,contabilidad,,Carla,Tres'
R6='RS-2024-000006,0,2024-08-12T08:00:00-05:00,2024-08-12,2024-09-03,13,cerrada,web,peticion,,,,Fabio,Seis'
R2='RS-2024-000002,0,2024-08-13T09:00:00-05:00,2024-08-13,2024-09-04,14,radicada,web,queja,cuentas_pago,contabilidad,,Ana,Uno'
R1='RS-2024-000001,0,2024-08-13T10:00:00-05:00,2024-08-13,2024-09-04,14,radicada,correo,peticion,comisiones,comisiones,,Bea,Dos'
R5='RS-2024-000005,0,2024-08-13T10:00:00-05:00,2024-08-13,2024-09-25,29,radicada,escrito,consulta,comisiones,comisiones,,Eli,C:\temp'

check_out 'list: urgent, then preferential, then arrival, then number' \
    "$Q list -o csv" <<EOF
$HEAD
1,$R4
2,$R3
3,$R2
4,$R1
5,$R5
EOF
check_out 'list is the default command; csv when stdout is no terminal' \
    "$Q" <<EOF
$HEAD
1,$R4
2,$R3
3,$R2
4,$R1
5,$R5
EOF
check_out 'list -a: closed requests too, in the same order' \
    "$Q list -a" <<EOF
$HEAD
1,$R4
2,$R3
3,$R6
4,$R2
5,$R1
6,$R5
EOF
check_out 'list -t TEAM' "$Q list -t contabilidad" <<EOF
$HEAD
1,$R3
2,$R2
EOF
check_out 'list -t with an empty queue still names its columns' \
    "$Q list -t nadie" <<EOF
$HEAD
EOF

TAB=$(printf '\t')
check_out 'list -o tsv (a backslash escaped)' "$Q -o tsv list -t comisiones" <<EOF
$(echo $HEAD | tr , '\t')
1${TAB}RS-2024-000001${TAB}0${TAB}2024-08-13T10:00:00-05:00${TAB}2024-08-13${TAB}2024-09-04${TAB}14${TAB}radicada${TAB}correo${TAB}peticion${TAB}comisiones${TAB}comisiones${TAB}${TAB}Bea${TAB}Dos
2${TAB}RS-2024-000005${TAB}0${TAB}2024-08-13T10:00:00-05:00${TAB}2024-08-13${TAB}2024-09-25${TAB}29${TAB}radicada${TAB}escrito${TAB}consulta${TAB}comisiones${TAB}comisiones${TAB}${TAB}Eli${TAB}C:\\\\temp
EOF
check_out 'list -o json: one object per line' "$Q -o json list -t contabilidad" <<'EOF'
{"position":1,"id":"RS-2024-000003","priority":1,"received_at":"2024-08-13T11:00:00-05:00","effective_on":"2024-08-13","due_on":"2024-09-04","days_left":14,"status":"radicada","channel":"presencial","type":"peticion","topic":"otro","team":"contabilidad","assignee":"","name":"Carla","subject":"Tres"}
{"position":2,"id":"RS-2024-000002","priority":0,"received_at":"2024-08-13T09:00:00-05:00","effective_on":"2024-08-13","due_on":"2024-09-04","days_left":14,"status":"radicada","channel":"web","type":"queja","topic":"cuentas_pago","team":"contabilidad","assignee":"","name":"Ana","subject":"Uno"}
EOF
check_out 'list -o table: Spanish headers, aligned' \
    "$Q -o table list -t comisiones" <<'EOF'
Turno  Radicado        Prioridad  Recibida                   Radicación efectiva  Vence       Días hábiles  Estado    Canal               Tipo      Tema        Equipo      Asignada a  Nombre  Asunto
    1  RS-2024-000001          0  2024-08-13T10:00:00-05:00  2024-08-13           2024-09-04            14  Radicada  Correo electrónico  Petición  comisiones  comisiones              Bea     Dos
    2  RS-2024-000005          0  2024-08-13T10:00:00-05:00  2024-08-13           2024-09-25            29  Radicada  Escrito             Consulta  comisiones  comisiones              Eli     C:\temp
EOF
check_out 'the intake output in tsv escapes a tab and a newline' \
    "rs-intake -n 2024-08-14T09:00 -o tsv -c web -t peticion -N Gil -e gil@x.co -s Siete -D \"\$(printf 'a\\tb\\nc\\\\d')\" | cut -f1,19" <<'EOF'
id	description
RS-2024-000007	a\tb\nc\\d
EOF

# --- show ---------------------------------------------------------------------

check_out 'show -o table: the request and its history' \
    'rs-queue -o table show RS-2024-000001' <<'EOF'
Radicado:                 RS-2024-000001
Estado:                   radicada
Recibida:                 2024-08-13T10:00:00-05:00
Radicación efectiva:      2024-08-13
Vence:                    2024-09-04
Término (días hábiles):   15
Canal:                    correo
Tipo:                     peticion
Tema:                     comisiones
Equipo:                   comisiones
Prioridad:                0
Nombre:                   Bea
Correo:                   bea@x.co
Asunto:                   Dos

Historial
1  2024-08-14 09:00  tester  radicación  vence 2024-09-04
EOF
check_out 'show -o json: one object with its events' \
    'rs-queue -o json show RS-2024-000001' <<'EOF'
{"id":"RS-2024-000001","status":"radicada","received_at":"2024-08-13T10:00:00-05:00","effective_on":"2024-08-13","due_on":"2024-09-04","term_days":15,"channel":"correo","type":"peticion","topic":"comisiones","team":"comisiones","priority":0,"preferential":"","name":"Bea","salutation":"","id_number":"","email":"bea@x.co","phone":"","office":"","requester_kind":"","subject":"Dos","description":"","external_ref":"","address":"","representative_name":"","representative_id_number":"","representative_email":"","representative_phone":"","assignee":"","held_on":"","hold_limit":"","extended_to":"","forwarded_to":"","answered_at":"","outcome":"","closed_at":"","rating":null,"events":[{"event":1,"at":"2024-08-14T09:00:00-05:00","actor":"tester","kind":"intake","details":"","due_on":"2024-09-04"}],"documents":[],"notices":[],"links":[]}
EOF
check 'show -o json with a tab and a newline' \
    'rs-queue -o json show RS-2024-000002'
ok '... escapes them inside one line' \
    sh -c 'test $(wc -l <out) -eq 1 && grep -qF "\"description\":\"tab\\there\\nline2\"" out'
check 'show -o csv' 'rs-queue -o csv show RS-2024-000001'
ok '... has the history' grep -q ',1,2024-08-14T09:00:00-05:00,tester,intake,,' out
# DESIGN §2: show is "the request and its full history", in every format.
ok '... and the request itself' grep -q 'bea@x.co' out
check 'show -o tsv' 'rs-queue -o tsv show RS-2024-000002'
ok '... has the history' grep -q "${TAB}2${TAB}2024-08-14T09:00:00-05:00${TAB}tester${TAB}intake${TAB}" out
ok '... and the request, its tab and newline escaped' \
    grep -qF 'tab\there\nline2' out

# A description must not pass for another field in the table.
check 'a description that mimics a label' \
    "rs-intake -n 2024-08-14T09:00 -c web -t peticion -N Hugo -e hugo@x.co -s Ocho -D \"\$(printf 'uno\\nEstado:                  cerrada')\""
check 'show -o table of it' 'rs-queue -o table show RS-2024-000008'
ok '... keeps the extra line inside the description' \
    sh -c '! grep -q "^Estado: *cerrada" out'

# --- errors -----------------------------------------------------------------------

check_err 'show of an unknown id' 65 \
    'rs-queue: RS-2024-999999: no such request' \
    'rs-queue show RS-2024-999999'
check_err 'an unknown command' 64 "rs-queue: bogus: unknown command
$USAGE" 'rs-queue bogus'
check_err 'show without an id' 64 "$USAGE" 'rs-queue show'
check_err 'show with two ids' 64 "$USAGE" 'rs-queue show RS-2024-000001 RS-2024-000002'
check_err 'an unknown option of list' 64 "rs-queue: invalid option -- 'x'
$USAGE" 'rs-queue list -x'
check_err 'an unknown format' 64 \
    'rs-queue: -o: expected csv, tsv, json or table; got "xml"' \
    'rs-queue -o xml list'
check_err 'a missing database (-d)' 66 \
    'rs-queue: nosuch.db: no such database (create it with rs-admin init)' \
    'rs-queue -d nosuch.db list'
check_err 'a missing database ($RS_DB)' 66 \
    'rs-queue: none.db: no such database (create it with rs-admin init)' \
    'RS_DB=none.db rs-queue show RS-2024-000001'
ok '... and none is created' test ! -e nosuch.db -a ! -e none.db

done_testing
