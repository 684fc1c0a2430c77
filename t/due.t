#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-due (DESIGN §2, §5, §6): the list of deadlines and its states, order,
# filters and formats; -q for cron; -x explanations; calendar; add.
# Every date below was counted by hand from Ley 1755 de 2015 art. 14 and
# the Ley 51 de 1983 holidays (2024: Jan 1, Jan 8, Mar 25, Mar 28, Mar 29,
# May 1, May 13, Jun 3, Jun 10, Jul 1, Jul 20, Aug 7, Aug 19, Oct 14,
# Nov 4, Nov 11, Dec 8, Dec 25), never copied from the program.
plan 59

T=2024-08-21		# "today": a Wednesday; Mon 19 Aug was a holiday
D="rs-due -n $T"
USAGE='usage: rs-due [-aq] [-A user] [-d db] [-n date] [-o format] [-t team] [-w days]
       rs-due [-d db] [-o format] -x id
       rs-due -f [-C file] [-c cutoff] [-n date] [-S] [-w days] [file ...]
       rs-due [-d db] [-o format] calendar year [year]
       rs-due [-x] [-d db] [-o format] add datetime type|days'

check 'rs-admin init creates the store' 'rs-admin init'

# Business days of July-August 2024 around "today": Jul 1 (San Pedro),
# Aug 7 (Boyacá) and Aug 19 (Asunción) are holidays.
#   1 Jul-26 10:00 peticion   eff 26 Jul; 15th day Tue 20 Aug  vencida -1
#   2 Jul-29 09:00 peticion   eff 29 Jul; due Wed 21 Aug       vence_hoy 0
#   3 Jul-30 09:00 queja      eff 30 Jul; due Thu 22 Aug       1
#   4 Jul-31 16:30 reclamo    after the cut-off: eff Thu 1 Aug; due Mon 26
#                             Aug, 3 left (22, 23, 26)
#   5 Aug-16 17:00 felicitacion  Fri after 16:00, Sat, Sun, holiday Mon 19:
#                             eff Tue 20 Aug; no term
#   6 Aug-20 09:00 informacion 10 days: due Tue 3 Sep, 9 left
#   7 Jul-24 11:00 denuncia   due Thu 15 Aug; 3 overdue (16, 20, 21)
#   8 Jul-30 11:00 sugerencia priority 1: due Thu 22 Aug like 3
#   9 Jul-31 10:00 peticion   priority 2: due Fri 23 Aug, 2 left
#  10 Aug-05 10:00 peticion   held on 8 Aug: limit Mon 9 Sep (en_espera)
#  11 Jul-01 10:00 peticion   a holiday: eff Tue 2 Jul; held 10 Jul, limit
#                             11 Aug is a Sunday -> Mon 12 Aug, past
#  12 Aug-01 11:00 peticion   due Mon 26 Aug, answered 15 Aug: a_tiempo
#  13 Jul-25 10:00 queja      due Fri 16 Aug, answered 20 Aug: extemporanea
#  14 Jul-26 11:00 reclamo    due Tue 20 Aug, answered that day 23:30
#  15 Aug-01 09:00 peticion   forwarded: nothing owed, never listed
cat >in.csv <<'EOF'
received_at,channel,type,topic,priority,preferential,name,email,subject
2024-07-26T10:00,correo,peticion,comisiones,,,Ana,ana@x.co,Vencida
2024-07-29T09:00,web,peticion,cuentas_pago,,,Bea,bea@x.co,Hoy
2024-07-30T09:00,correo,queja,comisiones,,,Carla,carla@x.co,Uno
2024-07-31T16:30,presencial,reclamo,cuentas_pago,,,Dora,dora@x.co,Tres
2024-08-16T17:00,correo,felicitacion,otro,,,Fabio,fabio@x.co,Gracias
2024-08-20T09:00,web,informacion,comisiones,,,Eli,eli@x.co,Nueve
2024-07-24T11:00,escrito,denuncia,comisiones,,,Gil,gil@x.co,Antigua
2024-07-30T11:00,presencial,sugerencia,cuentas_pago,1,adulto_mayor,Hugo,hugo@x.co,Preferente
2024-07-31T10:00,telefonico,peticion,comisiones,2,,Ines,ines@x.co,Urgente
2024-08-05T10:00,web,peticion,comisiones,,,Juan,juan@x.co,Espera
2024-07-01T10:00,correo,peticion,cuentas_pago,,,Kelly,kelly@x.co,Desiste
2024-08-01T11:00,correo,peticion,comisiones,,,Luis,luis@x.co,Respondida
2024-07-25T10:00,web,queja,cuentas_pago,,,Mario,mario@x.co,Tarde
2024-07-26T11:00,correo,reclamo,comisiones,,,Nora,nora@x.co,Al filo
2024-08-01T09:00,correo,peticion,comisiones,,,Olga,olga@x.co,Trasladada
EOF
check 'fifteen requests registered' "rs-intake -n ${T}T08:00 in.csv"
# No command assigns, holds or answers yet: do it by hand.
# the rows changed: a line each (RETURNING), as either store prints them
sql "
update requests set status = 'asignada', assignee = 'maria'
 where id in ('RS-2024-000003', 'RS-2024-000005') returning 1;
update requests set status = 'asignada', assignee = 'pedro'
 where id = 'RS-2024-000006' returning 1;
update requests set status = 'en_espera', held_on = '2024-08-08',
 hold_limit = '2024-09-09', due_on = null where id = 'RS-2024-000010' returning 1;
update requests set status = 'en_espera', held_on = '2024-07-10',
 hold_limit = '2024-08-12', due_on = null, assignee = 'pedro'
 where id = 'RS-2024-000011' returning 1;
update requests set status = 'respondida',
 answered_at = '2024-08-15T10:00:00-05:00' where id = 'RS-2024-000012' returning 1;
update requests set status = 'cerrada',
 answered_at = '2024-08-20T09:00:00-05:00' where id = 'RS-2024-000013' returning 1;
update requests set status = 'respondida',
 answered_at = '2024-08-20T23:30:00-05:00' where id = 'RS-2024-000014' returning 1;
update requests set status = 'trasladada' where id = 'RS-2024-000015' returning 1" >changed
check_out 'assigned, held and answered by hand' 'wc -l <changed' <<EOF
9
EOF

HEAD=id,status,type,channel,team,assignee,effective_on,due_on,hold_limit,days_left,state,subject
R1=RS-2024-000001,radicada,peticion,correo,comisiones,,2024-07-26,2024-08-20,,-1,vencida,Vencida
R2=RS-2024-000002,radicada,peticion,web,contabilidad,,2024-07-29,2024-08-21,,0,vence_hoy,Hoy
R3=RS-2024-000003,asignada,queja,correo,comisiones,maria,2024-07-30,2024-08-22,,1,por_vencer,Uno
R4=RS-2024-000004,radicada,reclamo,presencial,contabilidad,,2024-08-01,2024-08-26,,3,por_vencer,Tres
R5=RS-2024-000005,asignada,felicitacion,correo,contabilidad,maria,2024-08-20,,,,al_dia,Gracias
R6=RS-2024-000006,asignada,informacion,web,comisiones,pedro,2024-08-20,2024-09-03,,9,al_dia,Nueve
R7=RS-2024-000007,radicada,denuncia,escrito,comisiones,,2024-07-24,2024-08-15,,-3,vencida,Antigua
R8=RS-2024-000008,radicada,sugerencia,presencial,contabilidad,,2024-07-30,2024-08-22,,1,por_vencer,Preferente
R9=RS-2024-000009,radicada,peticion,telefonico,comisiones,,2024-07-31,2024-08-23,,2,por_vencer,Urgente
R10=RS-2024-000010,en_espera,peticion,web,comisiones,,2024-08-05,,2024-09-09,,en_espera,Espera
R11=RS-2024-000011,en_espera,peticion,correo,contabilidad,pedro,2024-07-02,,2024-08-12,,desistimiento,Desiste
R12=RS-2024-000012,respondida,peticion,correo,comisiones,,2024-08-01,2024-08-26,,3,a_tiempo,Respondida
R13=RS-2024-000013,cerrada,queja,web,contabilidad,,2024-07-25,2024-08-16,,-2,extemporanea,Tarde
R14='RS-2024-000014,respondida,reclamo,correo,comisiones,,2024-07-26,2024-08-20,,-1,a_tiempo,Al filo'

# --- the list ---------------------------------------------------------------------

# Most urgent first: by state, then by the date (due date, or the hold's
# limit), then attention order (priority before arrival).  A felicitacion
# owes nothing: it comes after every dated al_dia request.
check_out 'list: every state, most urgent first (-w 3 by default)' \
    "$D" <<EOF
$HEAD
$R7
$R1
$R2
$R8
$R3
$R9
$R4
$R11
$R10
$R6
$R5
EOF
# (the felicitacion is left out from here on: its place is tested above)
check_out '-w 1: only the requests with one day left are por_vencer' \
    "$D -w 1 -o csv | grep -v ,felicitacion," <<EOF
$HEAD
$R7
$R1
$R2
$R8
$R3
$R11
$R10
$(echo "$R9" | sed 's/por_vencer/al_dia/')
$(echo "$R4" | sed 's/por_vencer/al_dia/')
$R6
EOF
check_out '-w 0: nothing is por_vencer' "$D -w 0 | grep -v ,felicitacion, | cut -d, -f1,11" <<'EOF'
id,state
RS-2024-000007,vencida
RS-2024-000001,vencida
RS-2024-000002,vence_hoy
RS-2024-000011,desistimiento
RS-2024-000010,en_espera
RS-2024-000008,al_dia
RS-2024-000003,al_dia
RS-2024-000009,al_dia
RS-2024-000004,al_dia
RS-2024-000006,al_dia
EOF
check_out '-a: answered ones too, a_tiempo (on the due day counts) and extemporanea' \
    "$D -a | grep -v ,felicitacion," <<EOF
$HEAD
$R7
$R1
$R2
$R8
$R3
$R9
$R4
$R11
$R10
$R6
$R14
$R12
$R13
EOF
check_out '-t comisiones' "$D -t comisiones" <<EOF
$HEAD
$R7
$R1
$R3
$R9
$R10
$R6
EOF
check_out '-t contabilidad -a' "$D -t contabilidad -a" <<EOF
$HEAD
$R2
$R8
$R4
$R11
$R5
$R13
EOF
check_out '-A maria' "$D -A maria" <<EOF
$HEAD
$R3
$R5
EOF
check_out '-u pedro -t contabilidad' "$D -A pedro -t contabilidad" <<EOF
$HEAD
$R11
EOF
check_out '-u nadie: the header alone' "$D -A nadie" <<EOF
$HEAD
EOF
check_out 'a day earlier (-n 2024-08-20): 1 and 2 days left, por_vencer' \
    "rs-due -n 2024-08-20 -t contabilidad | grep -v ,felicitacion, |
     cut -d, -f1,10,11" <<'EOF'
id,days_left,state
RS-2024-000002,1,por_vencer
RS-2024-000008,2,por_vencer
RS-2024-000011,,desistimiento
RS-2024-000004,4,al_dia
EOF
check_out 'on the limit day itself the request is still en_espera' \
    "rs-due -n 2024-08-12 -A pedro -t contabilidad | cut -d, -f1,9,11" <<'EOF'
id,hold_limit,state
RS-2024-000011,2024-08-12,en_espera
EOF

# --- formats ---------------------------------------------------------------------

check_out '-o tsv' "$D -o tsv -A maria" <<'EOF'
id	status	type	channel	team	assignee	effective_on	due_on	hold_limit	days_left	state	subject
RS-2024-000003	asignada	queja	correo	comisiones	maria	2024-07-30	2024-08-22		1	por_vencer	Uno
RS-2024-000005	asignada	felicitacion	correo	contabilidad	maria	2024-08-20				al_dia	Gracias
EOF
check_out '-o json: one object a line, days_left a number or null' \
    "$D -o json -A maria" <<'EOF'
{"id":"RS-2024-000003","status":"asignada","type":"queja","channel":"correo","team":"comisiones","assignee":"maria","effective_on":"2024-07-30","due_on":"2024-08-22","hold_limit":"","days_left":1,"state":"por_vencer","subject":"Uno"}
{"id":"RS-2024-000005","status":"asignada","type":"felicitacion","channel":"correo","team":"contabilidad","assignee":"maria","effective_on":"2024-08-20","due_on":"","hold_limit":"","days_left":null,"state":"al_dia","subject":"Gracias"}
EOF
check_out '-o json -A nadie: nothing at all' "$D -o json -A nadie" </dev/null
check_out '-o table: Spanish headers, aligned' "$D -o table -A maria" <<'EOF'
Radicado        Estado    Tipo          Canal               Equipo        Asignada a  Radicación efectiva  Vence       Límite del requerimiento  Días hábiles  Situación   Asunto
RS-2024-000003  Asignada  Queja         Correo electrónico  comisiones    maria       2024-07-30           2024-08-22                                       1  por_vencer  Uno
RS-2024-000005  Asignada  Felicitación  Correo electrónico  contabilidad  maria       2024-08-20                                                               al_dia      Gracias
EOF
check_err '-o xml is refused' 64 \
    'rs-due: -o: expected csv, tsv, json or table; got "xml"' "$D -o xml"

# --- -q for cron -------------------------------------------------------------------

check_out '-q: something needs attention: exit 0, no output' "$D -q" </dev/null
check_out '-q -A maria: one por_vencer is enough' "$D -q -A maria" </dev/null
check '-q -A maria -w 0: nothing: exit 1, no output' \
    "$D -q -A maria -w 0 >q.out; test \$? -eq 1 && test ! -s q.out"
check '-q -A pedro: al_dia and desistimiento do not count: exit 1' \
    "$D -q -A pedro >q.out; test \$? -eq 1 && test ! -s q.out"
check '-q -a -t nadie: nothing listed at all: exit 1' \
    "$D -q -a -t nadie >q.out; test \$? -eq 1 && test ! -s q.out"
check '-q on a store with nothing open: exit 1' \
    "rs-admin -d empty.db init && rs-due -d empty.db -n $T -q >q.out;
     test \$? -eq 1 && test ! -s q.out"

# --- -x: a date explained day by day ---------------------------------------------

check 'a second store for the explanations' "rs-admin -d x.db init &&
    rs-intake -d x.db -n ${T}T08:00 -c correo -t peticion -N Ana -e a@x.co \
        -s Uno --received-at 2024-01-02T07:00 &&
    rs-intake -d x.db -n ${T}T08:00 -c correo -t peticion -N Bea -e b@x.co \
        -s Dos --received-at 2024-03-22T16:30"
L14='Ley 1755 de 2015 art. 14'
L62='Ley 4 de 1913 art. 62'
check_out '-x the worked example: Tue 2024-01-02 07:00 peticion, due Wed 24' \
    'rs-due -d x.db -o csv -x RS-2024-000001' <<EOF
date,weekday,count,what,law
2024-01-02,martes,,recibida el martes 2 de enero de 2024 a las 07:00,
2024-01-02,martes,,día hábil y antes del corte de las 16:00: se radica el mismo día,protocolo de atención: hora de corte de la radicación
2024-01-03,miércoles,1,día hábil 1 de 15,$L14
2024-01-04,jueves,2,día hábil 2 de 15,$L14
2024-01-05,viernes,3,día hábil 3 de 15,$L14
2024-01-06,sábado,,sábado,$L62
2024-01-07,domingo,,domingo,$L62
2024-01-08,lunes,,festivo: Reyes Magos,Ley 51 de 1983
2024-01-09,martes,4,día hábil 4 de 15,$L14
2024-01-10,miércoles,5,día hábil 5 de 15,$L14
2024-01-11,jueves,6,día hábil 6 de 15,$L14
2024-01-12,viernes,7,día hábil 7 de 15,$L14
2024-01-13,sábado,,sábado,$L62
2024-01-14,domingo,,domingo,$L62
2024-01-15,lunes,8,día hábil 8 de 15,$L14
2024-01-16,martes,9,día hábil 9 de 15,$L14
2024-01-17,miércoles,10,día hábil 10 de 15,$L14
2024-01-18,jueves,11,día hábil 11 de 15,$L14
2024-01-19,viernes,12,día hábil 12 de 15,$L14
2024-01-20,sábado,,sábado,$L62
2024-01-21,domingo,,domingo,$L62
2024-01-22,lunes,13,día hábil 13 de 15,$L14
2024-01-23,martes,14,día hábil 14 de 15,$L14
2024-01-24,miércoles,15,día hábil 15 de 15,$L14
2024-01-24,miércoles,,"vence el miércoles 24 de enero de 2024, al final del día (peticion, 15 días hábiles)",$L14
EOF
check_out '-x -o table: Spanish headers (first lines and the last)' \
    'rs-due -d x.db -o table -x RS-2024-000001 >x.table &&
     sed -n "1,4p;\$p" x.table' <<'EOF'
Fecha       Día        Cuenta  Qué pasa                                                                              Fundamento
2024-01-02  martes             recibida el martes 2 de enero de 2024 a las 07:00
2024-01-02  martes             día hábil y antes del corte de las 16:00: se radica el mismo día                      protocolo de atención: hora de corte de la radicación
2024-01-03  miércoles       1  día hábil 1 de 15                                                                     Ley 1755 de 2015 art. 14
2024-01-24  miércoles          vence el miércoles 24 de enero de 2024, al final del día (peticion, 15 días hábiles)  Ley 1755 de 2015 art. 14
EOF
# Fri 22 Mar 2024 16:30: after the cut-off; Sat, Sun, Mon 25 (San José
# moved from Tue 19) off: effective Tue 26.  Holy Thursday and Good
# Friday (28, 29 Mar) skipped: the 15th day is Thu 18 Apr.
check_out '-x a Friday after 16:00: Sat, Sun, San José; then Holy Week' \
    'rs-due -d x.db -x RS-2024-000002' <<EOF
date,weekday,count,what,law
2024-03-22,viernes,,recibida el viernes 22 de marzo de 2024 a las 16:30,
2024-03-22,viernes,,después del corte de las 16:00: se radica el siguiente día hábil,protocolo de atención: hora de corte de la radicación
2024-03-23,sábado,,sábado,$L62
2024-03-24,domingo,,domingo,$L62
2024-03-25,lunes,,festivo: San José,Ley 51 de 1983
2024-03-26,martes,,radicación efectiva,$L14
2024-03-27,miércoles,1,día hábil 1 de 15,$L14
2024-03-28,jueves,,festivo: Jueves Santo,Ley 51 de 1983
2024-03-29,viernes,,festivo: Viernes Santo,Ley 51 de 1983
2024-03-30,sábado,,sábado,$L62
2024-03-31,domingo,,domingo,$L62
2024-04-01,lunes,2,día hábil 2 de 15,$L14
2024-04-02,martes,3,día hábil 3 de 15,$L14
2024-04-03,miércoles,4,día hábil 4 de 15,$L14
2024-04-04,jueves,5,día hábil 5 de 15,$L14
2024-04-05,viernes,6,día hábil 6 de 15,$L14
2024-04-06,sábado,,sábado,$L62
2024-04-07,domingo,,domingo,$L62
2024-04-08,lunes,7,día hábil 7 de 15,$L14
2024-04-09,martes,8,día hábil 8 de 15,$L14
2024-04-10,miércoles,9,día hábil 9 de 15,$L14
2024-04-11,jueves,10,día hábil 10 de 15,$L14
2024-04-12,viernes,11,día hábil 11 de 15,$L14
2024-04-13,sábado,,sábado,$L62
2024-04-14,domingo,,domingo,$L62
2024-04-15,lunes,12,día hábil 12 de 15,$L14
2024-04-16,martes,13,día hábil 13 de 15,$L14
2024-04-17,miércoles,14,día hábil 14 de 15,$L14
2024-04-18,jueves,15,día hábil 15 de 15,$L14
2024-04-18,jueves,,"vence el jueves 18 de abril de 2024, al final del día (peticion, 15 días hábiles)",$L14
EOF
check_out '-x a felicitacion: the effective day, then no term' \
    'rs-due -x RS-2024-000005' <<EOF
date,weekday,count,what,law
2024-08-16,viernes,,recibida el viernes 16 de agosto de 2024 a las 17:00,
2024-08-16,viernes,,después del corte de las 16:00: se radica el siguiente día hábil,protocolo de atención: hora de corte de la radicación
2024-08-17,sábado,,sábado,$L62
2024-08-18,domingo,,domingo,$L62
2024-08-19,lunes,,festivo: Asunción de la Virgen,Ley 51 de 1983
2024-08-20,martes,,radicación efectiva,$L14
2024-08-20,martes,,sin término legal,$L14
EOF
check_err '-x an unknown id' 65 'rs-due: RS-2024-999999: no such request' \
    'rs-due -x RS-2024-999999'
check_err '-x without an id is a usage error' 64 "$USAGE" 'rs-due -x'

# --- calendar -------------------------------------------------------------------------

check_out 'calendar 2025: the 17 holidays (San Pedro and Sagrado Corazón share 30 Jun)' \
    'rs-due calendar 2025' <<'EOF'
date,weekday,kind,name
2025-01-01,miércoles,festivo,Año Nuevo
2025-01-06,lunes,festivo,Reyes Magos
2025-03-24,lunes,festivo,San José
2025-04-17,jueves,festivo,Jueves Santo
2025-04-18,viernes,festivo,Viernes Santo
2025-05-01,jueves,festivo,Día del Trabajo
2025-06-02,lunes,festivo,Ascensión del Señor
2025-06-23,lunes,festivo,Corpus Christi
2025-06-30,lunes,festivo,San Pedro y San Pablo y Sagrado Corazón
2025-07-20,domingo,festivo,Día de la Independencia
2025-08-07,jueves,festivo,Batalla de Boyacá
2025-08-18,lunes,festivo,Asunción de la Virgen
2025-10-13,lunes,festivo,Día de la Raza
2025-11-03,lunes,festivo,Todos los Santos
2025-11-17,lunes,festivo,Independencia de Cartagena
2025-12-08,lunes,festivo,Inmaculada Concepción
2025-12-25,jueves,festivo,Navidad
EOF
mkdir nodb
check 'calendar needs no database ($RS_DB unset, no ./rs.db)' \
    'rs-due calendar 2025 >with-db.csv &&
     (cd nodb && env -u RS_DB rs-due calendar 2025) >without.csv &&
     cmp with-db.csv without.csv && test ! -e nodb/rs.db'
# 2026: Easter 5 Apr; Reyes Tue 6 -> 12 Jan, San José Thu 19 -> 23 Mar,
# Ascensión 14 -> 18 May, Corpus 4 -> 8 Jun, Sagrado Corazón 12 -> 15
# Jun, Asunción Sat 15 -> 17 Aug, Todos los Santos Sun 1 -> 2 Nov,
# Cartagena Wed 11 -> 16 Nov.
check_out 'calendar 2024 2026: one header, 18 + 17 + 18 days' \
    'rs-due calendar 2024 2026 | cut -d, -f1 | paste -sd" "' <<'EOF'
date 2024-01-01 2024-01-08 2024-03-25 2024-03-28 2024-03-29 2024-05-01 2024-05-13 2024-06-03 2024-06-10 2024-07-01 2024-07-20 2024-08-07 2024-08-19 2024-10-14 2024-11-04 2024-11-11 2024-12-08 2024-12-25 2025-01-01 2025-01-06 2025-03-24 2025-04-17 2025-04-18 2025-05-01 2025-06-02 2025-06-23 2025-06-30 2025-07-20 2025-08-07 2025-08-18 2025-10-13 2025-11-03 2025-11-17 2025-12-08 2025-12-25 2026-01-01 2026-01-12 2026-03-23 2026-04-02 2026-04-03 2026-05-01 2026-05-18 2026-06-08 2026-06-15 2026-06-29 2026-07-20 2026-08-07 2026-08-17 2026-10-12 2026-11-02 2026-11-16 2026-12-08 2026-12-25
EOF
check 'an office closure in the store given with -d' \
    'rs-admin -d x.db -n 2024-12-02T08:00 closures add 2024-12-24 Nochebuena'
check_out 'calendar 2024 -d: the closure (kind cierre) among the holidays' \
    'rs-due -d x.db calendar 2024 | tail -n 3' <<'EOF'
2024-12-08,domingo,festivo,Inmaculada Concepción
2024-12-24,martes,cierre,Nochebuena
2024-12-25,miércoles,festivo,Navidad
EOF
check_out '... and not in 2025' \
    'rs-due -d x.db calendar 2025 | grep -c cierre; true' <<'EOF'
0
EOF
check_out '... nor in a store without it' \
    'rs-due calendar 2024 | grep -c cierre; true' <<'EOF'
0
EOF
check_out 'calendar -o json' 'rs-due calendar -o json 2025 | sed -n 9p' <<'EOF'
{"date":"2025-06-30","weekday":"lunes","kind":"festivo","name":"San Pedro y San Pablo y Sagrado Corazón"}
EOF
check_err 'calendar 25: not a year' 64 'rs-due: 25: expected a year like 2025' \
    'rs-due calendar 25'
check_err 'calendar without a year' 64 "$USAGE" 'rs-due calendar'

# --- add ------------------------------------------------------------------------------

check_out 'add: Sat 2025-12-06 peticion -> effective Tue 9, due Wed 31' \
    'rs-due add 2025-12-06T10:00 peticion' <<'EOF'
received_at,effective_on,term_days,due_on
2025-12-06T10:00:00-05:00,2025-12-09,15,2025-12-31
EOF
# 16th day Fri 2 Jan 2026 (1 Jan off), 17th Mon 5, ..., 20th Thu 8 Jan
# (Reyes 2026 moves to Mon 12).
check_out 'add DATETIME 20: a number of days' \
    'rs-due add 2025-12-06T10:00 20' <<'EOF'
received_at,effective_on,term_days,due_on
2025-12-06T10:00:00-05:00,2025-12-09,20,2026-01-08
EOF
check_out 'add: Wed 2024-12-18 09:00 informacion -> due Fri 2025-01-03' \
    'rs-due add 2024-12-18T09:00 informacion' <<'EOF'
received_at,effective_on,term_days,due_on
2024-12-18T09:00:00-05:00,2024-12-18,10,2025-01-03
EOF
check_out 'add felicitacion: no due date' \
    'rs-due add 2025-12-06T10:00 felicitacion' <<'EOF'
received_at,effective_on,term_days,due_on
2025-12-06T10:00:00-05:00,2025-12-09,0,
EOF
check_out 'add -d: the store closure moves the date (Nochebuena)' \
    'rs-due -d x.db add 2024-12-18T09:00 informacion' <<'EOF'
received_at,effective_on,term_days,due_on
2024-12-18T09:00:00-05:00,2024-12-18,10,2025-01-07
EOF
check_out 'add -o table: options after the verb' \
    'rs-due add -o table 2025-12-06T10:00 peticion' <<'EOF'
Recibida                   Radicación efectiva  Término (días hábiles)  Vence
2025-12-06T10:00:00-05:00  2025-12-09                               15  2025-12-31
EOF
check_out 'add -x: the explanation' 'rs-due add -x 2025-12-06T10:00 peticion' <<EOF
date,weekday,count,what,law
2025-12-06,sábado,,recibida el sábado 6 de diciembre de 2025 a las 10:00,
2025-12-06,sábado,,no es día hábil (sábado): se radica el siguiente día hábil,$L62
2025-12-07,domingo,,domingo,$L62
2025-12-08,lunes,,festivo: Inmaculada Concepción,Ley 51 de 1983
2025-12-09,martes,,radicación efectiva,$L14
2025-12-10,miércoles,1,día hábil 1 de 15,$L14
2025-12-11,jueves,2,día hábil 2 de 15,$L14
2025-12-12,viernes,3,día hábil 3 de 15,$L14
2025-12-13,sábado,,sábado,$L62
2025-12-14,domingo,,domingo,$L62
2025-12-15,lunes,4,día hábil 4 de 15,$L14
2025-12-16,martes,5,día hábil 5 de 15,$L14
2025-12-17,miércoles,6,día hábil 6 de 15,$L14
2025-12-18,jueves,7,día hábil 7 de 15,$L14
2025-12-19,viernes,8,día hábil 8 de 15,$L14
2025-12-20,sábado,,sábado,$L62
2025-12-21,domingo,,domingo,$L62
2025-12-22,lunes,9,día hábil 9 de 15,$L14
2025-12-23,martes,10,día hábil 10 de 15,$L14
2025-12-24,miércoles,11,día hábil 11 de 15,$L14
2025-12-25,jueves,,festivo: Navidad,Ley 51 de 1983
2025-12-26,viernes,12,día hábil 12 de 15,$L14
2025-12-27,sábado,,sábado,$L62
2025-12-28,domingo,,domingo,$L62
2025-12-29,lunes,13,día hábil 13 de 15,$L14
2025-12-30,martes,14,día hábil 14 de 15,$L14
2025-12-31,miércoles,15,día hábil 15 de 15,$L14
2025-12-31,miércoles,,"vence el miércoles 31 de diciembre de 2025, al final del día (peticion, 15 días hábiles)",$L14
EOF
# the date and the type are data, as in closures add: 65
check_err 'add: an unknown type, with the list of types' 65 \
    'rs-due: tutela: expected a number of days or a type (peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad)' \
    'rs-due add 2025-12-06T10:00 tutela'
check_err 'add: a bad date' 65 \
    'rs-due: 2025-13-06T10:00: expected a date and time like 2024-08-13T16:45' \
    'rs-due add 2025-13-06T10:00 peticion'
check_err 'add: 400 days' 65 \
    'rs-due: 400: expected a number of days from 0 to 365' \
    'rs-due add 2025-12-06T10:00 400'
check_err 'add without the type' 64 "$USAGE" 'rs-due add 2025-12-06T10:00'

# --- usage ----------------------------------------------------------------------------

check_err 'an unknown verb' 64 "$USAGE" 'rs-due soon'
check_err '-q with -x' 64 "$USAGE" 'rs-due -q -x RS-2024-000001'
check_err '-C belongs to -f' 64 "$USAGE" 'rs-due -C closures.txt'
check_err '-w x' 64 'rs-due: -w: expected a number of days from 0 to 365; got "x"' \
    'rs-due -w x'
check_err '-n 2024-13-01' 64 \
    'rs-due: -n: expected a date like 2024-08-13; got "2024-13-01"' \
    'rs-due -n 2024-13-01'
check_out '-h: the usage on stdout, exit 0' 'rs-due -h' <<EOF
$USAGE
EOF

done_testing
