#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-due -x: what the events add to the day-by-day explanation: the
# requester's month to answer a requirement and its prórroga (Ley 1755
# de 2015 art. 17), the extension of the term (art. 14 parágrafo) and the
# forwarding to the competent authority (art. 21).  Every date was
# counted by hand.  Holidays of 2024 used here: Sat 20 Jul, Wed 7 Aug,
# Mon 19 Aug.  Events: 12 intakes, 5 requirements, 4 notices, 2
# resumes, 1 prórroga of the month, 3 extensions, 4 forwardings.
#
# Received Tue 2 Jul 2024 09:00, a peticion is effective that day; its
# 15 business days end Tue 23 Jul (3-5 Jul, 8-12, 15-19, 22, 23).  A
# requirement on Fri 5 Jul (day 3) stops the clock; notified Mon 8 Jul,
# the month runs from Tue 9 Jul to Fri 9 Aug.
plan 20

R=RS-2024-0000
L14='Ley 1755 de 2015 art. 14'
L17='Ley 1755 de 2015 art. 17'
L21='Ley 1755 de 2015 art. 21'
LPAR='Ley 1755 de 2015 art. 14 parágrafo'
L62='Ley 4 de 1913 art. 62'
Q='rs-queue -u ana'

check 'an office' 'rs-admin init && rs-admin config sender atencion@oficina.gov.co'
# ./intake DATETIME CHANNEL NAME: one peticion
cat >intake <<'EOF'
#!/bin/sh
rs-intake -n "$1" -u recepcion -c "$2" -t peticion -N "$3" \
    -e "$(echo "$3" | tr 'A-Z' 'a-z')@x.co" -s 'Un trámite' >/dev/null
EOF
chmod +x intake
check 'eleven requests on Tue 2 Jul' '
    for n in Uno Dos Tres Cuatro Cinco Seis Siete Ocho; do
        ./intake 2024-07-02T09:00 web $n || exit 1
    done &&
    ./intake 2024-07-02T09:00 presencial Nueve &&
    ./intake 2024-07-02T09:00 telefonico Diez &&
    ./intake 2024-07-02T09:00 web Once'
check 'the steps, in the order of their dates' "
    $Q -n 2024-07-02T11:00 forward --to 'Ministerio de Salud' ${R}09 &&
    $Q -n 2024-07-03T09:00 forward --to 'Ministerio de Salud' ${R}10 &&
    for r in 01 02 03 04 05; do
        $Q -n 2024-07-05T09:00 hold -m 'la cédula' ${R}\$r || exit 1
    done &&
    $Q -n 2024-07-05T10:00 forward --to 'Ministerio de Salud' ${R}08 &&
    ./intake 2024-07-06T10:00 correo Doce &&
    rs-notify -n 2024-07-08T10:00 -u ana requerimiento \
        ${R}01 ${R}02 ${R}03 ${R}04 >req.mbox &&
    $Q -n 2024-07-15T09:00 resume -m 'trajo la cédula' ${R}03 &&
    $Q -n 2024-07-15T10:00 forward --to 'Superintendencia de Salud' ${R}12 \
        2>forward.err &&
    $Q -n 2024-07-19T09:00 extend --to 2024-07-26 -m 'visita al predio' ${R}06 &&
    $Q -n 2024-07-19T09:00 extend --to 2024-07-26 -m 'visita' ${R}07 &&
    $Q -n 2024-07-23T15:00 extend --to 2024-08-02 -m 'otra visita' ${R}07 &&
    $Q -n 2024-08-01T09:00 prolong -m 'lo pidió por correo' ${R}02 &&
    $Q -n 2024-08-13T09:00 resume ${R}04"

# --- art. 17: the requester's month ----------------------------------------------

check_out 'art. 17: waiting: the notice, the month to Fri 9 Aug, then desistimiento' \
    "rs-due -x ${R}01" <<EOF
date,weekday,count,what,law
2024-07-02,martes,,recibida el martes 2 de julio de 2024 a las 09:00,
2024-07-02,martes,,día hábil y antes del corte de las 16:00: se radica el mismo día,protocolo de atención: hora de corte de la radicación
2024-07-03,miércoles,1,día hábil 1 de 15,$L14
2024-07-04,jueves,2,día hábil 2 de 15,$L14
2024-07-05,viernes,3,día hábil 3 de 15,$L14
2024-07-06,sábado,,"término suspendido desde el requerimiento del 2024-07-05, hasta que el peticionario lo atienda",$L17
2024-07-08,lunes,,requerimiento del 2024-07-05 notificado al peticionario: el mes para atenderlo corre desde el día siguiente,$L17
2024-08-09,viernes,,el peticionario tiene hasta el viernes 9 de agosto de 2024 para atender el requerimiento,$L17
2024-08-10,sábado,,"vencido el mes sin que el peticionario atienda el requerimiento, puede decretarse el desistimiento tácito",$L17
EOF
check_out 'art. 17: -o table says the same' \
    "rs-due -o table -x ${R}01 | sed -n '1p;\$p' | tr -s ' '" <<'EOF'
Fecha Día Cuenta Qué pasa Fundamento
2024-08-10 sábado vencido el mes sin que el peticionario atienda el requerimiento, puede decretarse el desistimiento tácito Ley 1755 de 2015 art. 17
EOF
# Asked for on Thu 1 Aug, before the month ran out, with no date: a whole
# month more, from Sat 10 Aug to Tue 10 Sep.
check_out 'art. 17: prórroga hasta por un término igual: the new limit Tue 10 Sep' \
    "rs-due -x ${R}02 | grep '$L17'" <<EOF
2024-07-06,sábado,,"término suspendido desde el requerimiento del 2024-07-05, hasta que el peticionario lo atienda",$L17
2024-07-08,lunes,,requerimiento del 2024-07-05 notificado al peticionario: el mes para atenderlo corre desde el día siguiente,$L17
2024-08-01,jueves,,"prórroga pedida por el peticionario, hasta por un término igual: tiene hasta el martes 10 de septiembre de 2024 (el mes vencía el 2024-08-09)",$L17
2024-09-10,martes,,el peticionario tiene hasta el martes 10 de septiembre de 2024 para atender el requerimiento,$L17
2024-09-11,miércoles,,"vencido el mes sin que el peticionario atienda el requerimiento, puede decretarse el desistimiento tácito",$L17
EOF
check_out '... rs-due lists the same limit' \
    "rs-due -n 2024-08-01 -o csv | grep ${R}02 | cut -d, -f1,9,11" <<EOF
${R}02,2024-09-10,en_espera
EOF
# Complied Mon 15 Jul, within the month: the days to it stay suspended,
# the month's end never came.  Counting resumes Tue 16 Jul: days 4-7 to
# Fri 19, 8-12 the week of 22 Jul, 13-15 on 29-31 Jul.
check_out 'art. 17: complied within the month: the notice, no limit, no desistimiento' \
    "rs-due -x ${R}03 | grep -e '$L17' -e 'vence el'" <<EOF
2024-07-06,sábado,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-07,domingo,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-08,lunes,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-08,lunes,,requerimiento del 2024-07-05 notificado al peticionario: el mes para atenderlo corre desde el día siguiente,$L17
2024-07-09,martes,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-10,miércoles,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-11,jueves,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-12,viernes,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-13,sábado,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-14,domingo,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-15,lunes,,"suspendido: requerimiento del 2024-07-05, atendido el 2024-07-15",$L17
2024-07-31,miércoles,,"vence el miércoles 31 de julio de 2024, al final del día (peticion, 15 días hábiles)",$L14
EOF
# Complied Tue 13 Aug, after the month ran out on Fri 9 Aug, and taken:
# the month applied to its end.  Counting resumes Wed 14 Aug: days 4-6 to
# Fri 16, Mon 19 Aug a holiday, 7-10 on 20-23 Aug, 11-15 on 26-30 Aug.
check_out 'art. 17: complied after the month: its end shown, no desistimiento' \
    "rs-due -x ${R}04 | grep -e '$L17' -e 'vence el' | grep -v 'suspendido: '" <<EOF
2024-07-08,lunes,,requerimiento del 2024-07-05 notificado al peticionario: el mes para atenderlo corre desde el día siguiente,$L17
2024-08-09,viernes,,el peticionario tiene hasta el viernes 9 de agosto de 2024 para atender el requerimiento,$L17
2024-08-30,viernes,,"vence el viernes 30 de agosto de 2024, al final del día (peticion, 15 días hábiles)",$L14
EOF
check_out 'art. 17: a requirement not notified: no month, the suspension last' \
    "rs-due -x ${R}05 | tail -2" <<EOF
2024-07-05,viernes,3,día hábil 3 de 15,$L14
2024-07-06,sábado,,"término suspendido desde el requerimiento del 2024-07-05, hasta que el peticionario lo atienda",$L17
EOF

# --- art. 14 parágrafo: the extension ------------------------------------------------

# Granted Fri 19 Jul (day 13) to Fri 26 Jul: 22, 23 are days 14 and 15,
# 24-26 the three it adds: a term of 18.
check_out 'art. 14 parágrafo: the extension on the day granted, with its reasons' \
    "rs-due -x ${R}06 | sed -n '/^2024-07-19/,\$p'" <<EOF
2024-07-19,viernes,13,día hábil 13 de 18,$L14
2024-07-19,viernes,,"prórroga del término de 15 a 18 días hábiles, hasta el viernes 26 de julio de 2024; razones: visita al predio",$LPAR
2024-07-20,sábado,,festivo: Día de la Independencia,Ley 51 de 1983
2024-07-21,domingo,,domingo,$L62
2024-07-22,lunes,14,día hábil 14 de 18,$L14
2024-07-23,martes,15,día hábil 15 de 18,$L14
2024-07-24,miércoles,16,día hábil 16 de 18 (prórroga),$LPAR
2024-07-25,jueves,17,día hábil 17 de 18 (prórroga),$LPAR
2024-07-26,viernes,18,día hábil 18 de 18 (prórroga),$LPAR
2024-07-26,viernes,,"vence el viernes 26 de julio de 2024, al final del día (peticion, 15 días hábiles, con prórroga)",$L14
EOF
# A second one on Tue 23 Jul, the legal due date, to Fri 2 Aug: 29 Jul
# to 2 Aug are days 19-23.
check_out 'art. 14 parágrafo: two extensions, each from the term before it' \
    "rs-due -x ${R}07 | grep -e 'prórroga del término' -e 'vence el'" <<EOF
2024-07-19,viernes,,"prórroga del término de 15 a 18 días hábiles, hasta el viernes 26 de julio de 2024; razones: visita",$LPAR
2024-07-23,martes,,"prórroga del término de 18 a 23 días hábiles, hasta el viernes 2 de agosto de 2024; razones: otra visita",$LPAR
2024-08-02,viernes,,"vence el viernes 2 de agosto de 2024, al final del día (peticion, 15 días hábiles, con prórroga)",$L14
EOF

# --- art. 21: forwarding ------------------------------------------------------------

check_out 'art. 21: written, forwarded Fri 5 Jul, the 3rd of the 5 business days' \
    "rs-due -x ${R}08 | grep -B1 '$L21'" <<EOF
2024-07-05,viernes,3,día hábil 3 de 15,$L14
2024-07-05,viernes,,trasladada por competencia a Ministerio de Salud el día hábil 3 de los 5 siguientes a la recepción: a tiempo,$L21
EOF
check_out 'art. 21: at the desk, forwarded the same day: at once' \
    "rs-due -x ${R}09 | sed -n '3,5p'" <<EOF
2024-07-02,martes,,día hábil y antes del corte de las 16:00: se radica el mismo día,protocolo de atención: hora de corte de la radicación
2024-07-02,martes,,"trasladada por competencia a Ministerio de Salud: petición verbal, trasladada de inmediato",$L21
2024-07-03,miércoles,1,día hábil 1 de 15,$L14
EOF
check_out 'art. 21: by phone, forwarded the next day: late' \
    "rs-due -x ${R}10 | grep '$L21'" <<EOF
2024-07-03,miércoles,,"trasladada por competencia a Ministerio de Salud, fuera de término: una petición verbal se traslada de inmediato, el 2024-07-02",$L21
EOF
# Received Sat 6 Jul: the 5 days count from it, not from the effective
# Mon 8 Jul: 8-12 Jul, so Mon 15 Jul is the 6th.
check_out 'art. 21: received Sat 6 Jul, forwarded Mon 15 Jul: the 6th business day, late' \
    "rs-due -x ${R}12 | grep '$L21'" <<EOF
2024-07-15,lunes,,"trasladada por competencia a Superintendencia de Salud el día hábil 6 tras la recepción, fuera de término: los 5 días hábiles vencieron el 2024-07-12",$L21
EOF
check_out '... which rs-queue forward also found late' \
    "cat forward.err" <<EOF
rs-queue: ${R}12: forwarded after the 5 business days of Ley 1755 art. 21: recorded as late
EOF
check 'an open request neither held, extended nor forwarded: no rows of art. 17, 21 or 14 parágrafo' \
    "rs-due -x ${R}11 >x11 && ! grep -e '$L17' -e '$L21' -e parágrafo x11"
check_out '... its explanation as before: the 15th day and the result' \
    "tail -2 x11" <<EOF
2024-07-23,martes,15,día hábil 15 de 15,$L14
2024-07-23,martes,,"vence el martes 23 de julio de 2024, al final del día (peticion, 15 días hábiles)",$L14
EOF
check_out 'rs-admin check: the records agree' 'rs-admin check' <<EOF
$checked: ok: 12 requests, 31 events, the chain is whole
EOF
done_testing
