#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-report (DESIGN §2, §5, §6): daily, summary, pqrsd and satisfaction on
# a fixed dataset built here with rs-intake and rs-queue, every step at a
# pinned time; the formats; --excel; personal data; the errors.
# Every business-day figure below was counted by hand from the 2024
# holidays (Jan 1, Jan 8, Mar 25, Mar 28, Mar 29, May 1, May 13, Jun 3,
# Jun 10, Jul 1, Jul 20, Aug 7, Aug 19, Oct 14, Nov 4, Nov 11, Dec 8,
# Dec 25), never copied from the program.  Here: Mon 1 Jul, Wed 7 Aug and
# Mon 19 Aug are holidays (20 Jul is a Saturday).
#
# Business days numbered from Tue 2 Jul = 1 (so "days between" is a
# subtraction):
#   Jun 24 -4  25 -3  26 -2  27 -1  28 0
#   Jul  2 1   3 2   4 3   5 4 |  8 5   9 6  10 7  11 8  12 9
#       15 10 16 11 17 12 18 13 19 14 | 22 15 23 16 24 17 25 18 26 19
#       29 20 30 21 31 22
#   Aug  1 23  2 24 |  5 25  6 26  8 27  9 28 | 12 29 13 30 14 31 15 32
#       16 33 | 20 34 21 35 | 22 36 23 37 | 26 38 27 39 28 40 29 41 30 42
#   Sep  2 43  3 44  4 45  5 46  6 47 |  9 48 10 49 11 50 12 51
# "Today" is Wed 21 Aug = 35.
plan 70

T=2024-08-21
JUL='--from 2024-07-01 --to 2024-07-31'
USAGE='usage: rs-report [-d db] [-n when] [-o format] [--excel] [--layout layout]
                 [--personal] daily
       rs-report [-d db] [-n when] -o eml --mail-to address [--personal] daily
       rs-report [-d db] [-o format] [--excel] [--layout layout]
                 --from date --to date [--by keys] summary
       rs-report [-d db] [-n date] [-o format] [--excel] [--layout layout]
                 [--personal] --from date --to date pqrsd
       rs-report [-d db] [-o format] [--excel] [--layout layout] [--personal]
                 [--from date --to date] satisfaction
       rs-report -f [-n date] [-o format] [--excel] [--layout layout] [--personal]
                 [--from date --to date] [--by keys] report [file ...]'

check 'rs-admin init' 'rs-admin init && rs-admin config sender atencion@oficina.gov.co'

# The dataset, in the order things happened.  Teams: cuentas_pago and otro
# are contabilidad's topics, comisiones and legalizacion_comisiones are
# comisiones'.  Terms: peticion, queja, reclamo, sugerencia, denuncia 15;
# informacion 10; consulta 30; felicitacion none.
#  N  received          channel    type         team   effective  due      what
#  1  Jun 25 10:00      correo     consulta     conta  -3         Aug 8 27 open, 8 overdue
#  2  Jul 2 09:00       correo     peticion     conta  1          Jul 23   answered Jul 10 (7): 6 days, on time; rated 5
#  3  Jul 3 08:00       presencial peticion     conta  2          -        held Jul 10: limit Sun Aug 11 -> Mon 12 (past: -6)
#  4  Jul 3 10:00       web        informacion  comis  2          Jul 17 12 answered negativa Jul 19 (14): 12 days, late; rated 2
#  5  Jul 4 17:30       presencial queja        conta  Fri 5 = 4  Jul 26 19 extended 5 days to Aug 2 (24); answered Aug 1 (23): 19, on time
#  6  Jul 8 08:30       telefonico peticion     comis  5          Jul 29   forwarded Jul 10 (7): 2 days
#  7  Jul 9 11:00       escrito    denuncia     comis  6          -        held Jul 12: limit Aug 13; closed Aug 14 (31): desistida, 25 days
#  8  Jul 10 09:00      correo     consulta     conta  7          Aug 23 37 assigned to pedro; 2 days left
#  9  Jul 11 10:00      web        peticion     conta  8          Aug 1 23 open, 12 overdue; name "=cmd|' /C calc'!A0"
# 10  Jul 12 12:00      correo     reclamo      comis  9          Aug 2    voided
# 11  Jul 15 09:00      presencial felicitacion conta  10         -        answered Jul 16 (11): 1 day, on time (no term); rated 4
# 12  Jul 16 15:59      correo     peticion     comis  11         Aug 6 26 answered Aug 8 (27): 16 days, late; rated 3 then 1
# 13  Jul 22 09:00      escrito    reclamo      comis  15         Aug 13 30 taken by luis, 5 overdue
# 14  Jul 22 11:00      web        peticion     conta  15         -        held Jul 24: limit Sun Aug 25 -> Mon 26 (38): 3 left
# 15  Jul 26 09:00      web        queja        comis  19         Aug 20 34 answered Aug 21 (35): 16, late; rated 5
# 16  Jul 29 14:00      telefonico peticion     conta  20         Aug 21 35 open: due today
# 17  Jul 31 10:00      web        informacion  conta  22         -        held Aug 2: limit Sep 3 (44): 9 left, not near
# 18  Aug 1 09:00       correo     peticion     comis  23         Aug 26 38 assigned to '=HYPERLINK("x")': 3 left
# 19  Aug 1 11:00       correo     peticion     conta  23         Aug 26   answered Aug 21: on time; rated 4
# 20  Aug 2 10:00       web        sugerencia   comis  24         Aug 27 39 open: 4 left, not due soon
# 21  Aug 5 09:00       presencial informacion  conta  25         Aug 21   answered Aug 12: on time
# 22  Aug 8 10:00       telefonico reclamo      comis  27         Aug 30   open, 8 days old
# 23  Aug 13 09:00      correo     peticion     comis  30         Sep 4    answered Aug 20 23:30: on time, not "today"
# 24  Aug 20 23:59      correo     peticion     comis  35         Sep 11   received the 20th, effective the 21st
# 25  Aug 21 00:30      correo     peticion     conta  35         Sep 11   received today
# 26  Aug 21 09:15      web        informacion  comis  35         Sep 4    received today
# 27  Aug 21 11:00      correo     peticion     comis  35         Sep 11   received today
# 28  Aug 21 16:30      presencial queja        conta  Aug 22     Sep 12   received today after the cut-off
cat >setup.sh <<'EOF'
set -e
reg() {	# received_at channel type topic name email phone [subject]
	printf 'received_at,channel,type,topic,name,email,phone,subject\n' >one.csv
	printf '%s,%s,%s,%s,"%s",%s,%s,"%s"\n' "$1" "$2" "$3" "$4" "$5" \
	    "$6" "$7" "${8:-Trámite}" >>one.csv
	rs-intake -n "$1" one.csv >/dev/null
}
q() {	# datetime user step...  (a requirement is handed over at once)
	at=$1 user=$2
	shift 2
	rs-queue -n "$at" -u "$user" "$@" >/dev/null
	if [ "$1" = hold ]; then
		eval "id=\${$#}"
		rs-notify -n "$at" -u "$user" -p requerimiento "$id" >/dev/null
	fi
}
A=RS-2024-0000
reg 2024-06-25T10:00 correo consulta otro 'Hugo Díaz' hugo@x.co ''
reg 2024-07-02T09:00 correo peticion cuentas_pago 'Ana Pérez' ana.perez@x.co ''
reg 2024-07-03T08:00 presencial peticion otro 'Berta Gómez' berta@x.co ''
q 2024-07-03T09:00 ana take ${A}02
reg 2024-07-03T10:00 web informacion comisiones 'Carlos Ruiz' carlos@x.co ''
q 2024-07-04T09:00 luis take ${A}04
reg 2024-07-04T17:30 presencial queja otro 'Diana Mora' diana@x.co ''
q 2024-07-05T09:00 ana take ${A}05
reg 2024-07-08T08:30 telefonico peticion comisiones 'Elena Soto' '' 3001234567
reg 2024-07-09T11:00 escrito denuncia legalizacion_comisiones 'Fabio León' fabio@x.co ''
reg 2024-07-10T09:00 correo consulta otro 'Gloria Vélez' gloria@x.co ''
q 2024-07-10T10:00 ana answer --outcome favorable -m 'Se pagó la cuenta.' ${A}02
q 2024-07-10T11:00 ana hold -m 'Falta el certificado.' ${A}03
q 2024-07-10T12:00 luis forward --to 'Ministerio de Hacienda' ${A}06
q 2024-07-11T09:00 ana close ${A}02
reg 2024-07-11T10:00 web peticion cuentas_pago "=cmd|' /C calc'!A0" eve@x.co ''
q 2024-07-11T10:30 coord assign ${A}08 pedro
q 2024-07-12T10:00 luis hold -m 'Falta la denuncia firmada.' ${A}07
reg 2024-07-12T12:00 correo reclamo comisiones 'Iván Cruz' ivan@x.co ''
q 2024-07-12T14:00 ana rate -m '@Ana muy amable, gracias' ${A}02 5
reg 2024-07-15T09:00 presencial felicitacion otro 'Juana Ríos' juana@x.co ''
q 2024-07-15T10:00 coord void -m 'Registrada dos veces.' ${A}10
q 2024-07-16T10:00 ana answer --outcome informativa -m 'Gracias por escribirnos.' ${A}11
reg 2024-07-16T15:59 correo peticion comisiones 'Kevin Paz' kevin@x.co ''
q 2024-07-17T09:00 ana close ${A}11
q 2024-07-17T09:30 ana take ${A}12
q 2024-07-17T10:00 ana rate ${A}11 4
q 2024-07-19T10:00 luis answer --outcome negativa \
    -m 'No es posible entregar la información.' \
    --why 'Es información reservada.' --will-do 'Guardaremos su solicitud.' \
    --can-do 'Puede interponer recurso de reposición.' ${A}04
reg 2024-07-22T09:00 escrito reclamo comisiones 'Gil Ruiz' gil@x.co ''
reg 2024-07-22T11:00 web peticion cuentas_pago 'Lina Mejía' lina@x.co ''
q 2024-07-22T12:00 luis rate -m 'No me dieron la información' ${A}04 2
q 2024-07-23T09:00 luis take ${A}13
q 2024-07-24T09:00 ana extend --days 5 -m 'Consulta a otra dependencia.' ${A}05
q 2024-07-24T10:00 ana hold -m 'Falta la cuenta de cobro.' ${A}14
reg 2024-07-26T09:00 web queja comisiones 'Mario Gil' mario@x.co ''
reg 2024-07-29T14:00 telefonico peticion otro 'Nora Vega' '' 3109876543
q 2024-07-29T15:00 luis take ${A}15
reg 2024-07-31T10:00 web informacion cuentas_pago 'Olga Lara' olga@x.co ''
reg 2024-08-01T09:00 correo peticion comisiones 'Pablo Ortiz' pablo@x.co '' \
    '=HYPERLINK(""x"")'
reg 2024-08-01T11:00 correo peticion cuentas_pago 'Quira Sanz' quira@x.co ''
q 2024-08-01T15:00 ana answer --outcome parcial -m 'Se pagó una parte.' ${A}05
reg 2024-08-02T10:00 web sugerencia comisiones 'Raúl Toro' raul@x.co ''
q 2024-08-02T11:00 ana hold -m 'Falta la cédula.' ${A}17
q 2024-08-02T12:00 coord assign ${A}18 '=HYPERLINK("x")'
q 2024-08-02T13:00 ana take ${A}19
reg 2024-08-05T09:00 presencial informacion otro 'Sara Niño' sara@x.co ''
reg 2024-08-08T10:00 telefonico reclamo comisiones 'Tomás Rey' tomas@x.co ''
q 2024-08-08T11:00 ana answer --outcome favorable -m 'Se tramitó la comisión.' ${A}12
q 2024-08-09T09:00 ana rate -m 'Tardaron' ${A}12 3
q 2024-08-12T09:00 ana rate -m 'Tardaron demasiado' ${A}12 1
q 2024-08-12T10:00 ana answer --outcome favorable -m 'Le enviamos el documento.' ${A}21
reg 2024-08-13T09:00 correo peticion comisiones 'Úrsula Paz' ursula@x.co ''
q 2024-08-14T09:00 luis close ${A}07
q 2024-08-20T23:30 luis answer --outcome favorable -m 'Se legalizó la comisión.' ${A}23
reg 2024-08-20T23:59 correo peticion comisiones 'Víctor Leal' victor@x.co ''
reg 2024-08-21T00:30 correo peticion otro 'Wilson Mar' wilson@x.co ''
reg 2024-08-21T09:15 web informacion comisiones 'Ximena Cano' ximena@x.co ''
q 2024-08-21T10:00 luis answer --outcome favorable -m 'Se resolvió la queja.' ${A}15
q 2024-08-21T10:30 ana answer --outcome favorable -m 'Se pagó la cuenta.' ${A}19
reg 2024-08-21T11:00 correo peticion comisiones 'Zoe Luna' zoe@x.co ''
q 2024-08-21T15:00 luis rate ${A}15 5
q 2024-08-21T16:00 ana rate -m '+57 300 123 4567, llámenme' ${A}19 4
reg 2024-08-21T16:30 presencial queja cuentas_pago 'Yolanda Gil' yolanda@x.co ''
EOF
check 'the dataset: 28 requests and their steps' 'sh ./setup.sh'
check_sql '... as the table above has it' "
select substr(id, 13), status, effective_on, coalesce(due_on, ''),
 coalesce(hold_limit, ''), coalesce(assignee, '') from requests order by seq" \
'01|radicada|2024-06-25|2024-08-08||
02|cerrada|2024-07-02|2024-07-23||ana
03|en_espera|2024-07-03||2024-08-12|
04|respondida|2024-07-03|2024-07-17||luis
05|respondida|2024-07-05|2024-08-02||ana
06|trasladada|2024-07-08|2024-07-29||
07|desistida|2024-07-09||2024-08-13|
08|asignada|2024-07-10|2024-08-23||pedro
09|radicada|2024-07-11|2024-08-01||
10|anulada|2024-07-12|2024-08-02||
11|cerrada|2024-07-15|||ana
12|respondida|2024-07-16|2024-08-06||ana
13|asignada|2024-07-22|2024-08-13||luis
14|en_espera|2024-07-22||2024-08-26|
15|respondida|2024-07-26|2024-08-20||luis
16|radicada|2024-07-29|2024-08-21||
17|en_espera|2024-07-31||2024-09-03|
18|asignada|2024-08-01|2024-08-26||=HYPERLINK("x")
19|respondida|2024-08-01|2024-08-26||ana
20|radicada|2024-08-02|2024-08-27||
21|respondida|2024-08-05|2024-08-21||ana
22|radicada|2024-08-08|2024-08-30||
23|respondida|2024-08-13|2024-09-04||luis
24|radicada|2024-08-21|2024-09-11||
25|radicada|2024-08-21|2024-09-11||
26|radicada|2024-08-21|2024-09-04||
27|radicada|2024-08-21|2024-09-11||
28|radicada|2024-08-22|2024-09-12||'

# ./pivot SECTION: a report's long CSV on stdin as one line per group, the
# metrics in their order (for sections whose values have no commas)
cat >pivot <<'EOF'
#!/bin/sh
awk -F, -v s="$1" '
$1 == s {
	if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
	if (n == 1) head = head "," $3
	line[$2] = line[$2] "," $4
}
END { print "group" head; for (i = 1; i <= n; i++) print order[i] line[order[i]] }'
EOF
chmod +x pivot

# --- daily ------------------------------------------------------------------------

# Received on the 21st: 25, 26, 27, 28 (not 24, at 23:59 on the 20th).
# Answered on the 21st: 15 (late) and 19.  Open: 1, 3, 8, 9, 13, 14, 16, 17,
# 18, 20, 22, 24-28; ages 35 - effective: 38 (1), 33 (3), 28 (8), 27 (9),
# 20 (13, 14), 15 (16), 13 (17), 12 (18), 11 (20), 8 (22), 0 (24-27) and
# -1 -> 0 (28).  Due soon: 16 (0), 8 (37 - 35 = 2), 18 (3); 20 is 4 away.
# Overdue: 9 (35 - 23), 1 (35 - 27), 13 (35 - 30).  Requirements: 3 past
# its limit (Aug 13-16, 20, 21: -6), 14 three days before it; 17 has 9.
# August answers: 5 (on time), 12 (late), 21, 23, 19 (on time), 15 (late).
DAILY="section,group,metric,value
report,,report,daily
report,,date,2024-08-21
report,,from,2024-08-21T00:00:00-05:00
report,,to,2024-08-22T00:00:00-05:00
report,,chain_head,67:ce4024403741d0275a2493503b99202645d9f9ed046f647cf1043440d50b35a1
overdue,RS-2024-000009,team,contabilidad
overdue,RS-2024-000009,assignee,
overdue,RS-2024-000009,due_on,2024-08-01
overdue,RS-2024-000009,days_overdue,12
overdue,RS-2024-000001,team,contabilidad
overdue,RS-2024-000001,assignee,
overdue,RS-2024-000001,due_on,2024-08-08
overdue,RS-2024-000001,days_overdue,8
overdue,RS-2024-000013,team,comisiones
overdue,RS-2024-000013,assignee,luis
overdue,RS-2024-000013,due_on,2024-08-13
overdue,RS-2024-000013,days_overdue,5
due_soon,RS-2024-000016,team,contabilidad
due_soon,RS-2024-000016,assignee,
due_soon,RS-2024-000016,due_on,2024-08-21
due_soon,RS-2024-000016,days_left,0
due_soon,RS-2024-000008,team,contabilidad
due_soon,RS-2024-000008,assignee,pedro
due_soon,RS-2024-000008,due_on,2024-08-23
due_soon,RS-2024-000008,days_left,2
due_soon,RS-2024-000018,team,comisiones
due_soon,RS-2024-000018,assignee,\"=HYPERLINK(\"\"x\"\")\"
due_soon,RS-2024-000018,due_on,2024-08-26
due_soon,RS-2024-000018,days_left,3
suspended,RS-2024-000003,team,contabilidad
suspended,RS-2024-000003,assignee,
suspended,RS-2024-000003,hold_limit,2024-08-12
suspended,RS-2024-000003,days_left,-6
suspended,RS-2024-000014,team,contabilidad
suspended,RS-2024-000014,assignee,
suspended,RS-2024-000014,hold_limit,2024-08-26
suspended,RS-2024-000014,days_left,3
received_by_channel,correo,received,2
received_by_channel,presencial,received,1
received_by_channel,web,received,1
received_by_type,informacion,received,1
received_by_type,peticion,received,2
received_by_type,queja,received,1
answered,,answered,2
answered,,on_time,1
answered,,late,1
backlog_by_age,0-5,open,5
backlog_by_age,6-10,open,1
backlog_by_age,11-15,open,4
backlog_by_age,16-30,open,4
backlog_by_age,>30,open,2
compliance_month,2024-08,answered,6
compliance_month,2024-08,on_time,4
compliance_month,2024-08,late,2
compliance_month,2024-08,on_time_pct,66.7"
check_out 'daily: every section, hand-checked' "rs-report -n $T daily" <<EOF
$DAILY
EOF
check_out '... the same whatever TZ says: days are the office zone'"'"'s' \
    "TZ=Asia/Tokyo rs-report -n $T daily" <<EOF
$DAILY
EOF
check_out '... options after the report'"'"'s name, -o csv' \
    "rs-report daily -o csv -n $T" <<EOF
$DAILY
EOF
# The 20th: 24 came in at 23:59; 23 was answered at 23:30 (on time); 16 is
# due the next day, 8 in 3 days; the 21st's requests do not exist yet but
# are in the database: the report reads it as it is, only "today" moves.
check_out 'daily -n 2024-08-20: the day boundaries at 23:30 and 23:59' \
    "rs-report -n 2024-08-20 daily | grep -E '^(received|answered|due_soon|compliance)' | grep -v -e ,team, -e ,assignee," <<'EOF'
due_soon,RS-2024-000016,due_on,2024-08-21
due_soon,RS-2024-000016,days_left,1
due_soon,RS-2024-000008,due_on,2024-08-23
due_soon,RS-2024-000008,days_left,3
received_by_channel,correo,received,1
received_by_type,peticion,received,1
answered,,answered,1
answered,,on_time,1
answered,,late,0
compliance_month,2024-08,answered,4
compliance_month,2024-08,on_time,3
compliance_month,2024-08,late,1
compliance_month,2024-08,on_time_pct,75.0
EOF
check_out 'daily -o table: Spanish titles and labels, one table a section' \
    "rs-report -o table -n $T daily" <<'EOF'
Oficina de Atención al Ciudadano
Informe diario del miércoles 21 de agosto de 2024

Vencidas
Radicado        Equipo        Asignada a  Vence       Días hábiles de retraso
RS-2024-000009  contabilidad              2024-08-01                       12
RS-2024-000001  contabilidad              2024-08-08                        8
RS-2024-000013  comisiones    luis        2024-08-13                        5

Vencen hoy o en los próximos 3 días hábiles
Radicado        Equipo        Asignada a       Vence       Días hábiles restantes
RS-2024-000016  contabilidad                   2024-08-21                       0
RS-2024-000008  contabilidad  pedro            2024-08-23                       2
RS-2024-000018  comisiones    =HYPERLINK("x")  2024-08-26                       3

Avisos no entregados (el correo los devolvió)
(ninguna)

En espera del solicitante: requerimiento sin notificar (sin límite), o el mes vence en 5 días hábiles o ya venció (Ley 1755 art. 17)
Radicado        Equipo        Asignada a  Límite      Días hábiles restantes
RS-2024-000003  contabilidad              2024-08-12                      -6
RS-2024-000014  contabilidad              2024-08-26                       3

Pasos registrados con otra fecha (con el motivo)
(ninguna)

Recibidas por canal
Canal               Recibidas
Correo electrónico          2
Presencial                  1
Web                         1

Recibidas por tipo
Tipo         Recibidas
Información          1
Petición             2
Queja                1

Respondidas
Concepto       Valor
Respondidas        2
A tiempo           1
Extemporáneas      1

Abiertas por antigüedad (días hábiles desde la radicación efectiva)
Días hábiles  Abiertas
0-5                  5
6-10                 1
11-15                4
16-30                4
>30                  2

Cumplimiento del mes hasta hoy
Mes      Respondidas  A tiempo  Extemporáneas  % a tiempo
2024-08            6         4              2        66.7

Cabeza de la cadena de eventos: 67:ce4024403741d0275a2493503b99202645d9f9ed046f647cf1043440d50b35a1
EOF
check_out 'daily -o json: one object a line, every value a string' \
    "rs-report -o json -n $T daily | sed -n '1,2p;27,28p'" <<'EOF'
{"section":"report","group":"","metric":"report","value":"daily"}
{"section":"report","group":"","metric":"date","value":"2024-08-21"}
{"section":"due_soon","group":"RS-2024-000018","metric":"assignee","value":"=HYPERLINK(\"x\")"}
{"section":"due_soon","group":"RS-2024-000018","metric":"due_on","value":"2024-08-26"}
EOF
check_out 'daily -o tsv' "rs-report -o tsv -n $T daily | sed -n '1p;48,49p'" <<'EOF'
section	group	metric	value
backlog_by_age	0-5	open	5
backlog_by_age	6-10	open	1
EOF

check 'an empty office' 'rs-admin -d empty.db init'
check_out 'daily on an empty office: zeros, empty lists, no rate' \
    "rs-report -d empty.db -n $T daily" <<'EOF'
section,group,metric,value
report,,report,daily
report,,date,2024-08-21
report,,from,2024-08-21T00:00:00-05:00
report,,to,2024-08-22T00:00:00-05:00
answered,,answered,0
answered,,on_time,0
answered,,late,0
backlog_by_age,0-5,open,0
backlog_by_age,6-10,open,0
backlog_by_age,11-15,open,0
backlog_by_age,16-30,open,0
backlog_by_age,>30,open,0
compliance_month,2024-08,answered,0
compliance_month,2024-08,on_time,0
compliance_month,2024-08,late,0
compliance_month,2024-08,on_time_pct,
EOF
check_out '... as a table, empty lists say so' \
    "rs-report -d empty.db -o table -n $T daily | sed -n '/^Vencidas/,/^$/p'" <<'EOF'
Vencidas
(ninguna)

EOF

# --- summary ----------------------------------------------------------------------

# July: 2-17.  Answered: 2 (6, on time), 4 (12, late), 5 (19, on time), 11
# (1, on time), 12 (16, late), 15 (16, late).  Days sorted 1 6 12 16 16 19:
# median (12 + 16) / 2 = 14; 90th percentile: rank ceil(5.4) = 6: 19.
# Extended: 5.  Forwarded: 6.  Withdrawn: 7.  Voided: 10.
check_out 'summary of July: one group, total' "rs-report $JUL summary" <<'EOF'
section,group,metric,value
report,,report,summary
report,,from,2024-07-01
report,,to,2024-07-31
summary,total,received,15
summary,total,answered,6
summary,total,on_time,3
summary,total,late,3
summary,total,on_time_pct,50.0
summary,total,median_days,14
summary,total,p90_days,19
summary,total,extensions,1
summary,total,forwards,1
summary,total,withdrawals,1
summary,total,voided,1
EOF
# comisiones: 4, 6, 7, 10, 12, 13, 15; answered 4 (12), 12 (16), 15 (16).
# contabilidad: 2, 3, 5, 8, 9, 11, 14, 16, 17; answered 2 (6), 5 (19), 11 (1).
check_out 'summary --by team' "rs-report $JUL --by team summary" <<'EOF'
section,group,metric,value
report,,report,summary
report,,from,2024-07-01
report,,to,2024-07-31
report,,by,team
summary,comisiones,received,6
summary,comisiones,answered,3
summary,comisiones,on_time,0
summary,comisiones,late,3
summary,comisiones,on_time_pct,0.0
summary,comisiones,median_days,16
summary,comisiones,p90_days,16
summary,comisiones,extensions,0
summary,comisiones,forwards,1
summary,comisiones,withdrawals,1
summary,comisiones,voided,1
summary,contabilidad,received,9
summary,contabilidad,answered,3
summary,contabilidad,on_time,3
summary,contabilidad,late,0
summary,contabilidad,on_time_pct,100.0
summary,contabilidad,median_days,6
summary,contabilidad,p90_days,19
summary,contabilidad,extensions,1
summary,contabilidad,forwards,0
summary,contabilidad,withdrawals,0
summary,contabilidad,voided,0
EOF
# correo 2, 8, 10, 12: answered 2 (6), 12 (16): median 11.  escrito 7, 13.
# presencial 3, 5, 11: answered 5 (19), 11 (1): median 10.  telefonico 6,
# 16.  web 4, 9, 14, 15, 17: answered 4 (12), 15 (16): median 14.
check_out 'summary --by channel, as one line a group' \
    "rs-report $JUL --by channel summary | ./pivot summary" <<'EOF'
group,received,answered,on_time,late,on_time_pct,median_days,p90_days,extensions,forwards,withdrawals,voided
correo,3,2,1,1,50.0,11,16,0,0,0,1
escrito,2,0,0,0,,,,0,0,1,0
presencial,3,2,2,0,100.0,10,19,1,0,0,0
telefonico,2,0,0,0,,,,0,1,0,0
web,5,2,0,2,0.0,14,16,0,0,0,0
EOF
# June: 1.  August: comisiones 18, 20, 22, 23, 24, 26, 27 (answered 23);
# contabilidad 19, 21, 25, 28 (answered 19, 21).
check_out 'summary --by month,team: keys joined by /' \
    "rs-report --from 2024-06-01 --to 2024-08-31 --by month,team summary |
     ./pivot summary | cut -d, -f1-3" <<'EOF'
group,received,answered
2024-06/contabilidad,1,0
2024-07/comisiones,6,3
2024-07/contabilidad,9,3
2024-08/comisiones,7,1
2024-08/contabilidad,4,2
EOF
# By assignee, August: ana answered 19 (Aug 21: 35 - 23 = 12) and 21
# (Aug 12: 29 - 25 = 4): median 8, p90 12; luis answered 23 (34 - 30 = 4).
check_out 'summary --by assignee: no assignee is an empty group' \
    "rs-report --from 2024-08-01 --to 2024-08-31 --by assignee summary |
     ./pivot summary | cut -d, -f1-8" <<'EOF'
group,received,answered,on_time,late,on_time_pct,median_days,p90_days
,7,0,0,0,,,
"=HYPERLINK(""x"")",1,0,0,0,,,
ana,2,2,2,0,100.0,8,12
luis,1,1,1,0,100.0,4,4
EOF
check_out 'summary -o table' "rs-report -o table $JUL --by channel summary" <<'EOF'
Oficina de Atención al Ciudadano
Resumen de las solicitudes recibidas del 2024-07-01 al 2024-07-31

Por canal
Canal               Recibidas  Respondidas  A tiempo  Extemporáneas  % a tiempo  Mediana (días)  Percentil 90 (días)  Prórrogas  Trasladadas  Desistidas  Anuladas (no se cuentan)
Correo electrónico          3            2         1              1        50.0              11                   16          0            0           0                         1
Escrito                     2            0         0              0                                                           0            0           1                         0
Presencial                  3            2         2              0       100.0              10                   19          1            0           0                         0
Telefónico                  2            0         0              0                                                           0            1           0                         0
Web                         5            2         0              2         0.0              14                   16          0            0           0                         0
EOF
check_out 'summary -o json' "rs-report -o json $JUL summary | sed -n '2,4p'" <<'EOF'
{"section":"report","group":"","metric":"from","value":"2024-07-01"}
{"section":"report","group":"","metric":"to","value":"2024-07-31"}
{"section":"summary","group":"total","metric":"received","value":"15"}
EOF

# --- pqrsd ------------------------------------------------------------------------

# July less the voided 10: 15.  Forwarded 6; information requests 4 and 17,
# 4 denied; answered 2, 4, 5, 11, 12, 15; pending 3, 8, 9, 13, 14, 16, 17;
# withdrawn 7; extended 5.
check_out 'pqrsd: what the report is' "rs-report -n $T $JUL pqrsd | ./pivot report" <<'EOF'
group,report,date,from,to
,pqrsd,2024-08-21,2024-07-01,2024-07-31
EOF
check_out 'pqrsd: the totals of Ley 1712 art. 11 and Decreto 1081' \
    "rs-report -n $T $JUL pqrsd | grep ^totals," <<'EOF'
totals,,received,15
totals,,forwarded,1
totals,,information_requests,2
totals,,information_denied,1
totals,,answered,6
totals,,on_time,3
totals,,late,3
totals,,pending,7
totals,,withdrawals,1
totals,,merged,0
totals,,extensions,1
totals,,on_time_pct,50.0
totals,,voided,1
totals,,notified,0
totals,,answer_returned,0
EOF
# Days: to the answer; 6 to its forward (7 - 5); 7 to its close (31 - 6);
# pending ones to the 21st: 3 (35 - 2), 8 (35 - 7), 9 (35 - 8), 13 and 14
# (35 - 15), 16 (35 - 20), 17 (35 - 22).
check_out 'pqrsd: the response time of each request' \
    "rs-report -n $T $JUL pqrsd | ./pivot requests" <<'EOF'
group,type,channel,received_on,effective_on,due_on,answered_on,days,result
RS-2024-000002,peticion,correo,2024-07-02,2024-07-02,2024-07-23,2024-07-10,6,a_tiempo
RS-2024-000003,peticion,presencial,2024-07-03,2024-07-03,,,33,pendiente
RS-2024-000004,informacion,web,2024-07-03,2024-07-03,2024-07-17,2024-07-19,12,extemporanea
RS-2024-000005,queja,presencial,2024-07-04,2024-07-05,2024-08-02,2024-08-01,19,a_tiempo
RS-2024-000006,peticion,telefonico,2024-07-08,2024-07-08,2024-07-29,,2,trasladada
RS-2024-000007,denuncia,escrito,2024-07-09,2024-07-09,,,25,desistida
RS-2024-000008,consulta,correo,2024-07-10,2024-07-10,2024-08-23,,28,pendiente
RS-2024-000009,peticion,web,2024-07-11,2024-07-11,2024-08-01,,27,pendiente
RS-2024-000011,felicitacion,presencial,2024-07-15,2024-07-15,,2024-07-16,1,a_tiempo
RS-2024-000012,peticion,correo,2024-07-16,2024-07-16,2024-08-06,2024-08-08,16,extemporanea
RS-2024-000013,reclamo,escrito,2024-07-22,2024-07-22,2024-08-13,,20,pendiente
RS-2024-000014,peticion,web,2024-07-22,2024-07-22,,,20,pendiente
RS-2024-000015,queja,web,2024-07-26,2024-07-26,2024-08-20,2024-08-21,16,extemporanea
RS-2024-000016,peticion,telefonico,2024-07-29,2024-07-29,2024-08-21,,15,pendiente
RS-2024-000017,informacion,web,2024-07-31,2024-07-31,,,13,pendiente
EOF
check_out '... a pending request'"'"'s days run to -n' \
    "rs-report -n 2024-08-28 $JUL pqrsd | ./pivot requests | grep -e 000008 -e 000016 | cut -d, -f1,8,9" <<'EOF'
RS-2024-000008,33,pendiente
RS-2024-000016,20,pendiente
EOF
check_out 'pqrsd: by type' "rs-report -n $T $JUL pqrsd | ./pivot by_type" <<'EOF'
group,received,forwarded,answered,on_time,late,pending,withdrawals,merged,extensions,denied
consulta,1,0,0,0,0,1,0,0,0,0
denuncia,1,0,0,0,0,0,1,0,0,0
felicitacion,1,0,1,1,0,0,0,0,0,0
informacion,2,0,1,0,1,1,0,0,0,1
peticion,7,1,2,1,1,4,0,0,0,0
queja,2,0,2,1,1,0,0,0,1,0
reclamo,1,0,0,0,0,1,0,0,0,0
EOF
check_out 'pqrsd: by channel' "rs-report -n $T $JUL pqrsd | ./pivot by_channel" <<'EOF'
group,received,forwarded,answered,on_time,late,pending,withdrawals,merged,extensions,denied
correo,3,0,2,1,1,1,0,0,0,0
escrito,2,0,0,0,0,1,1,0,0,0
presencial,3,0,2,2,0,1,0,0,1,0
telefonico,2,1,0,0,0,1,0,0,0,0
web,5,0,2,0,2,3,0,0,0,1
EOF
check_out 'pqrsd -o table: the titles' \
    "rs-report -o table -n $T $JUL pqrsd | grep -v -e '^RS-' -e '^[a-z]' -e '^ ' -e '^$'" <<'EOF'
Oficina de Atención al Ciudadano
Informe de PQRSD (Ley 1712 de 2014 art. 11; Decreto 1081 de 2015 art. 2.1.1.6.2)
Solicitudes recibidas del 2024-07-01 al 2024-07-31, estado al 2024-08-21
Totales
Concepto                            Valor
Solicitudes recibidas                  15
Trasladadas a otra autoridad            1
Solicitudes de información              2
Solicitudes de información negadas      1
Respondidas                             6
Respondidas a tiempo                    3
Respondidas extemporáneamente           3
Pendientes                              7
Desistidas                              1
Fusionadas con otra solicitud           0
Prórrogas                               1
% respondidas a tiempo               50.0
Anuladas (no se cuentan)                1
Notificadas por correo                  0
Respuesta devuelta por el correo        0
Tiempo de respuesta de cada solicitud (días hábiles desde la radicación efectiva)
Radicado        Tipo          Canal               Recibida    Radicación efectiva  Vence       Respondida  Días hábiles  Resultado
Por tipo
Tipo          Recibidas  Trasladadas  Respondidas  A tiempo  Extemporáneas  Pendientes  Desistidas  Fusionadas  Prórrogas  Negadas
Consulta              1            0            0         0              0           1           0           0          0        0
Denuncia              1            0            0         0              0           0           1           0          0        0
Felicitación          1            0            1         1              0           0           0           0          0        0
Información           2            0            1         0              1           1           0           0          0        1
Petición              7            1            2         1              1           4           0           0          0        0
Queja                 2            0            2         1              1           0           0           0          1        0
Reclamo               1            0            0         0              0           1           0           0          0        0
Por canal
Canal               Recibidas  Trasladadas  Respondidas  A tiempo  Extemporáneas  Pendientes  Desistidas  Fusionadas  Prórrogas  Negadas
Correo electrónico          3            0            2         1              1           1           0           0          0        0
Escrito                     2            0            0         0              0           1           1           0          0        0
Presencial                  3            0            2         2              0           1           0           0          1        0
Telefónico                  2            1            0         0              0           1           0           0          0        0
Web                         5            0            2         0              2           3           0           0          0        1
EOF

check_out 'pqrsd -o table: each request with its type, channel and result in Spanish' \
    "rs-report -o table -n $T $JUL pqrsd | grep '^RS-' | head -4" <<'EOF'
RS-2024-000002  Petición      Correo electrónico  2024-07-02  2024-07-02           2024-07-23  2024-07-10             6  A tiempo
RS-2024-000003  Petición      Presencial          2024-07-03  2024-07-03                                             33  Pendiente
RS-2024-000004  Información   Web                 2024-07-03  2024-07-03           2024-07-17  2024-07-19            12  Extemporánea
RS-2024-000005  Queja         Presencial          2024-07-04  2024-07-05           2024-08-02  2024-08-01            19  A tiempo
EOF
check_out '... and CSV keeps the codes' \
    "rs-report -o csv -n $T $JUL pqrsd | grep '^requests,RS-2024-000004,' | grep -e ',type,' -e ',channel,' -e ',result,'" <<'EOF'
requests,RS-2024-000004,type,informacion
requests,RS-2024-000004,channel,web
requests,RS-2024-000004,result,extemporanea
EOF
check_out 'daily -o html: the channels and types by their labels' \
    "rs-report -o html -n $T daily | grep -o '<td>[A-Z][^<0-9]*</td>' | head -6" <<'EOF'
<td>Correo electrónico</td>
<td>Presencial</td>
<td>Web</td>
<td>Información</td>
<td>Petición</td>
<td>Queja</td>
EOF

# --- satisfaction -----------------------------------------------------------------

# Ratings: 2 (5, Jul 12, contabilidad), 4 (2, Jul 22, comisiones), 11 (4,
# Jul 17, contabilidad), 12 (3 then 1, Aug 12, comisiones), 15 (5, Aug 21,
# comisiones), 19 (4, Aug 21, contabilidad).  21 / 6 = 3.50; comisiones
# 8 / 3 = 2.67, contabilidad 13 / 3 = 4.33; July 11 / 3 = 3.67, August
# 10 / 3 = 3.33.  Comments: 2, 4, 12, 19.
check_out 'satisfaction: overall, by team, by month' \
    "rs-report satisfaction" <<'EOF'
section,group,metric,value
report,,report,satisfaction
overall,,ratings,6
overall,,mean,3.50
overall,,rating_1,1
overall,,rating_2,1
overall,,rating_3,0
overall,,rating_4,2
overall,,rating_5,2
overall,,comments,4
by_team,comisiones,ratings,3
by_team,comisiones,mean,2.67
by_team,comisiones,rating_1,1
by_team,comisiones,rating_2,1
by_team,comisiones,rating_3,0
by_team,comisiones,rating_4,0
by_team,comisiones,rating_5,1
by_team,contabilidad,ratings,3
by_team,contabilidad,mean,4.33
by_team,contabilidad,rating_1,0
by_team,contabilidad,rating_2,0
by_team,contabilidad,rating_3,0
by_team,contabilidad,rating_4,2
by_team,contabilidad,rating_5,1
by_month,2024-07,ratings,3
by_month,2024-07,mean,3.67
by_month,2024-07,rating_1,0
by_month,2024-07,rating_2,1
by_month,2024-07,rating_3,0
by_month,2024-07,rating_4,1
by_month,2024-07,rating_5,1
by_month,2024-08,ratings,3
by_month,2024-08,mean,3.33
by_month,2024-08,rating_1,1
by_month,2024-08,rating_2,0
by_month,2024-08,rating_3,0
by_month,2024-08,rating_4,1
by_month,2024-08,rating_5,1
EOF
# August: 12 (1), 15 (5), 19 (4); 12's earlier 3 (Aug 9) no longer counts.
check_out 'satisfaction --from --to: the ratings given in August' \
    "rs-report --from 2024-08-01 --to 2024-08-31 satisfaction |
     ./pivot overall; rs-report --from 2024-08-01 --to 2024-08-31 satisfaction |
     ./pivot by_team | sed 1d" <<'EOF'
group,ratings,mean,rating_1,rating_2,rating_3,rating_4,rating_5,comments
,3,3.33,1,0,0,1,1,2
comisiones,2,3.00,1,0,0,0,1
contabilidad,1,4.00,0,0,0,1,0
EOF
check_out 'satisfaction --personal: the comments, by day' \
    "rs-report --personal satisfaction | grep ^comments," <<'EOF'
comments,RS-2024-000002,rated_on,2024-07-12
comments,RS-2024-000002,rating,5
comments,RS-2024-000002,comment,"@Ana muy amable, gracias"
comments,RS-2024-000004,rated_on,2024-07-22
comments,RS-2024-000004,rating,2
comments,RS-2024-000004,comment,No me dieron la información
comments,RS-2024-000012,rated_on,2024-08-12
comments,RS-2024-000012,rating,1
comments,RS-2024-000012,comment,Tardaron demasiado
comments,RS-2024-000019,rated_on,2024-08-21
comments,RS-2024-000019,rating,4
comments,RS-2024-000019,comment,"+57 300 123 4567, llámenme"
EOF
check_out 'satisfaction -o table --personal' \
    "rs-report -o table --personal satisfaction" <<'EOF'
Oficina de Atención al Ciudadano
Satisfacción de los solicitantes

Todas
Concepto        Valor
Calificaciones      6
Promedio         3.50
1                   1
2                   1
3                   0
4                   2
5                   2
Con comentario      4

Por equipo
Equipo        Calificaciones  Promedio  1  2  3  4  5
comisiones                 3      2.67  1  1  0  0  1
contabilidad               3      4.33  0  0  0  2  1

Por mes
Mes      Calificaciones  Promedio  1  2  3  4  5
2024-07               3      3.67  0  1  0  1  1
2024-08               3      3.33  1  0  0  1  1

Comentarios
Radicado        Fecha       Calificación  Comentario
RS-2024-000002  2024-07-12             5  @Ana muy amable, gracias
RS-2024-000004  2024-07-22             2  No me dieron la información
RS-2024-000012  2024-08-12             1  Tardaron demasiado
RS-2024-000019  2024-08-21             4  +57 300 123 4567, llámenme
EOF

# --- personal data ----------------------------------------------------------------

# Every name, e-mail, phone, the subjects and the comments' words.
cat >personal <<'EOF'
Hugo Díaz
Ana Pérez
Berta Gómez
Carlos Ruiz
Diana Mora
Elena Soto
Fabio León
Gloria Vélez
cmd|
Iván Cruz
Juana Ríos
Kevin Paz
Gil Ruiz
Lina Mejía
Mario Gil
Nora Vega
Olga Lara
Pablo Ortiz
Quira Sanz
Raúl Toro
Sara Niño
Tomás Rey
Úrsula Paz
Víctor Leal
Wilson Mar
Ximena Cano
Zoe Luna
Yolanda Gil
@x.co
3001234567
3109876543
Trámite
amable
me dieron
Tardaron
llámenme
Se pagó
EOF
# ./leaks OPTIONS: every report in every format; prints what shows personal
# data, fails if any does
cat >leaks <<'EOF'
#!/bin/sh
st=0
for f in csv tsv json table excel; do
	o="-o $f"
	[ $f = excel ] && o=--excel
	for r in "-n 2024-08-21 $* daily" \
	    "--from 2024-06-01 --to 2024-08-31 --by channel,type,topic,team,assignee,month summary" \
	    "-n 2024-08-21 $* --from 2024-06-01 --to 2024-08-31 pqrsd" \
	    "$* satisfaction"; do
		rs-report $o $r >report.out || { echo "failed: $r"; st=1; }
		if grep -F -f personal report.out >found; then
			echo "$f $r:"
			cat found
			st=1
		fi
	done
done
exit $st
EOF
chmod +x leaks
check 'no personal data in any report, in any format, without --personal' \
    './leaks >leaks.out; st=$?; cat leaks.out >&2; exit $st'
check_out 'daily --personal: the name in the overdue list' \
    "rs-report --personal -n $T daily | grep ^overdue, | ./pivot overdue" <<'EOF'
group,team,assignee,due_on,days_overdue,name
RS-2024-000009,contabilidad,,2024-08-01,12,=cmd|' /C calc'!A0
RS-2024-000001,contabilidad,,2024-08-08,8,Hugo Díaz
RS-2024-000013,comisiones,luis,2024-08-13,5,Gil Ruiz
EOF
check_out 'pqrsd --personal: the name of each request' \
    "rs-report --personal -n $T $JUL pqrsd | ./pivot requests | cut -d, -f1,10 | sed -n '1,4p;9p'" <<'EOF'
group,name
RS-2024-000002,Ana Pérez
RS-2024-000003,Berta Gómez
RS-2024-000004,Carlos Ruiz
RS-2024-000009,=cmd|' /C calc'!A0
EOF

# --- --excel ----------------------------------------------------------------------

check_out '--excel: a byte order mark, ";" and CRLF' \
    "rs-report --excel --layout long -n $T daily | head -2 | od -An -c | tr -d ' \n'; echo" <<'EOF'
357273277section;group;metric;value\r\nreport;;report;daily\r\n
EOF
ok '... every line ends with CRLF' \
    test "$(rs-report --excel -n $T daily | grep -vc "$(printf '\r')\$")" = 0
# the assignee and the name written as formulas become text; -6 stays a
# number
check_out '--excel: formula cells neutralised, numbers kept' \
    "rs-report --excel --layout long --personal -n $T daily | tr -d '\\r' |
     grep -e ';RS-2024-000018;assignee;' -e ';RS-2024-000009;name;' \
     -e ';RS-2024-000003;days_left;'" <<'EOF'
overdue;RS-2024-000009;name;'=cmd|' /C calc'!A0
due_soon;RS-2024-000018;assignee;"'=HYPERLINK(""x"")"
suspended;RS-2024-000003;days_left;-6
EOF
check_out '--excel: comments starting with @ and +' \
    "rs-report --excel --layout long --personal satisfaction | tr -d '\\r' | grep ';comment;'" <<'EOF'
comments;RS-2024-000002;comment;'@Ana muy amable, gracias
comments;RS-2024-000004;comment;No me dieron la información
comments;RS-2024-000012;comment;Tardaron demasiado
comments;RS-2024-000019;comment;'+57 300 123 4567, llámenme
EOF
check '--excel is the same with -o csv' \
    "rs-report --excel -n $T daily >a && rs-report -o csv --excel -n $T daily >b && cmp a b"

# --- errors and conventions -------------------------------------------------------

check_err 'no report: usage' 64 "$USAGE" 'rs-report'
check_err 'an unknown report' 64 "rs-report: weekly: unknown report
$USAGE" 'rs-report weekly'
check_err 'an operand too many' 64 "$USAGE" "rs-report -n $T daily extra"
check_err 'an unknown option' 64 "rs-report: invalid option -- 'x'
$USAGE" 'rs-report -x daily'
check_err 'a bad -o' 64 'rs-report: -o: expected csv, tsv, json, table, html or eml; got "xml"' \
    "rs-report -o xml -n $T daily"
check_err '--excel with json' 64 'rs-report: --excel: only with -o csv; got "json"' \
    "rs-report --excel -o json -n $T daily"
check_err '--excel with table' 64 'rs-report: --excel: only with -o csv; got "table"' \
    "rs-report -o table --excel -n $T daily"
check_err 'a bad -n' 64 'rs-report: -n: expected a date like 2024-08-13 or a date and time like 2024-08-13T07:00; got "21/08/2024"' \
    'rs-report -n 21/08/2024 daily'
check_err 'a bad --from' 64 'rs-report: --from: expected a date like 2024-08-13; got "2024-13-01"' \
    'rs-report --from 2024-13-01 --to 2024-07-31 summary'
check_err 'a bad --to' 64 'rs-report: --to: expected a date like 2024-08-13; got "julio"' \
    'rs-report --from 2024-07-01 --to julio pqrsd'
check_err '--from after --to' 64 'rs-report: --from: 2024-08-01 comes after --to 2024-07-31' \
    'rs-report --from 2024-08-01 --to 2024-07-31 summary'
check_err 'summary needs the period' 64 'rs-report: summary: --from and --to are required' \
    'rs-report --from 2024-07-01 summary'
check_err 'pqrsd needs the period' 64 'rs-report: pqrsd: --from and --to are required' \
    "rs-report -n $T pqrsd"
check_err 'satisfaction: both or neither' 64 'rs-report: satisfaction: --from and --to go together' \
    'rs-report --to 2024-07-31 satisfaction'
check_err 'a bad --by key' 64 'rs-report: --by: expected channel, type, topic, team, assignee or month; got "color"' \
    "rs-report $JUL --by team,color summary"
check_err 'an empty --by key' 64 'rs-report: --by: expected channel, type, topic, team, assignee or month; got ""' \
    "rs-report $JUL --by team, summary"
check_err 'a --by key twice' 64 'rs-report: --by: "team" given twice' \
    "rs-report $JUL --by team,month,team summary"
printf '%s\n' "$USAGE" >usage.txt
cat >refused <<'EOF'
# each command line on stdin: exit 64 with the usage
st=0
while read -r line; do
	rs-report $line >/dev/null 2>refused.err
	r=$?
	if [ $r -ne 64 ] || ! cmp -s usage.txt refused.err; then
		echo "$line: exit $r"
		st=1
	fi
done
exit $st
EOF
check 'options a report does not take: usage' "sh ./refused <<'EOF'
--from 2024-07-01 --to 2024-07-31 -n $T daily
--by team -n $T daily
-n $T --from 2024-07-01 --to 2024-07-31 summary
--personal --from 2024-07-01 --to 2024-07-31 summary
-n $T satisfaction
--by team satisfaction
--by team -n $T --from 2024-07-01 --to 2024-07-31 pqrsd
EOF"
check_err 'no database' 66 'rs-report: nada.db: no such database (create it with rs-admin init)' \
    "rs-report -d nada.db -n $T daily"
check_err 'a failed write is an error' 74 'rs-report: stdout: No space left on device' \
    "rs-report -n $T daily >/dev/full"
check 'a reader that goes away ends it quietly' \
    "(rs-report --from 2024-01-01 --to 2024-12-31 --by month,team,channel summary; echo \$? >st) | true
     test \$(cat st) = 0 && test ! -s err"
check_out '-h: the usage on stdout' 'rs-report -h' <<EOF
$USAGE
EOF
check_out '-V' 'rs-report -V' <<'EOF'
rs-report 0.1.0
EOF

# -f: the same reports from CSV with no database, here an export of the
# analysts' view with the extensions counted from the events
export_requests() {
	sql_csv "SELECT id, status, received_at,
	    effective_on, due_on, answered_on, channel, type, topic, team,
	    assignee, outcome, hold_limit, closed_on, rating, forwarded_to,
	    notified_on, answer_returned,
	    (SELECT count(*) FROM v_events e WHERE e.id = v.id AND
	     e.kind = 'extend') AS extensions FROM v_requests v" >export.csv
}
ok 'an export of v_requests' export_requests
# (but for the head of the chain of events, which CSV does not carry)
check 'daily -f: the same as from the database' \
    "rs-report -o csv -n $T daily | grep -v '^report,,chain_head,' >db.csv &&
     env -u RS_DB rs-report -f -o csv -n $T daily export.csv >f.csv &&
     diff db.csv f.csv"
check 'summary --by type -f: the same' \
    "rs-report -o csv --from 2024-07-01 --to 2024-08-31 --by type summary >db.csv &&
     rs-report -f -o csv --from 2024-07-01 --to 2024-08-31 --by type summary <export.csv >f.csv &&
     diff db.csv f.csv"
check 'pqrsd -f: the same' \
    "rs-report -o csv -n $T --from 2024-07-01 --to 2024-08-31 pqrsd >db.csv &&
     rs-report -f -o csv -n $T --from 2024-07-01 --to 2024-08-31 pqrsd - <export.csv >f.csv &&
     diff db.csv f.csv"
printf 'id,type\nX,peticion\n' >noreceived.csv
check_err '-f needs received_at' 65 \
    'rs-report: noreceived.csv:1: missing column "received_at"' \
    "rs-report -f -n $T daily noreceived.csv"

done_testing
