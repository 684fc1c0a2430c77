#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-queue show as a person reads it (rs-queue(1) show): on a terminal or
# with -o table, the whole text of every value wrapped to the width, each
# event said in Spanish with a negative answer's three parts (protocol
# 5.2), each notice as a sentence; csv, tsv and json keep every value
# whole.  The bounce and the read receipt come in through rs-intake -m
# (t/mail/in: dsn-exim.eml returns the acuse of RS-2026-000001,
# mdn-displayed.eml says the respuesta of RS-2026-000004 was read).
plan 12

M=$top/t/mail/in
DOMAIN=oficina.example.gov.co
R=RS-2026-00000

NOTE='Llamé a la señora Ana Pérez al celular que dejó en la radicación: confirma que necesita el certificado de los tres contratos, no solo del último, y que la convocatoria cierra el 15 de diciembre.
Pedí a archivo las carpetas de 2019 a 2023.'
WHY='El contrato de 2019 se liquidó en otra dependencia, y su carpeta no está en nuestro archivo.'
WILL='Pedimos la carpeta a la Subdirección Administrativa y le enviaremos el certificado completo en cuanto llegue.'
CAN='Si la convocatoria cierra antes, puede presentar el certificado de 2020 a 2023 con la constancia de que el de 2019 está en trámite.'
export NOTE WHY WILL CAN

check 'an office that sends by mail and takes its bounces' \
    "rs-admin init && rs-admin config sender pqrsd@$DOMAIN &&
     rs-admin config bounce_address pqrsd-rebotes@$DOMAIN &&
     rs-admin config office_name 'La Secretaría Resuelve'"
check 'four requests; the first: acuse, returned, assigned, a note, a negative answer, sent and printed' \
    "rs-intake -n 2026-12-01T08:00 -u recepcion -c correo -t peticion -N 'Ana Pérez' \
        -e ana.perez@example.co -s 'Certificado laboral' \
        -D 'Solicito un certificado laboral con funciones y salario de los contratos que tuve con la entidad entre 2019 y 2023.' &&
     rs-intake -n 2026-12-01T08:10 -c correo -t peticion -N 'Luis Gómez' -e luis.gomez@example.co -s 'Cuenta de cobro' &&
     rs-intake -n 2026-12-01T08:20 -c web -t queja -N 'Marta Ruiz' -e marta.ruiz@example.net -s 'Paz y salvo' &&
     rs-intake -n 2026-12-01T08:30 -c correo -t peticion -N 'José Peña' -e jose.pena@example.org -s 'Comisión' &&
     rs-notify -n 2026-12-01T09:30 acuse ${R}1 &&
     rs-intake -m -n 2026-12-01T10:20 $M/dsn-exim.eml &&
     rs-queue -n 2026-12-01T11:00 -u coordinadora assign ${R}1 ana &&
     rs-queue -n 2026-12-02T09:00 -u ana note -m \"\$NOTE\" ${R}1 &&
     rs-queue -n 2026-12-03T15:00 -u ana answer --outcome negativa \
        -m 'No podemos expedir el certificado con el salario de 2019.' \
        --why \"\$WHY\" --will-do \"\$WILL\" --can-do \"\$CAN\" ${R}1 &&
     rs-notify -n 2026-12-03T15:30 -u ana respuesta ${R}1 &&
     rs-notify -F -p -n 2026-12-04T08:00 -u ana respuesta ${R}1 >/dev/null"

check_out 'show -o table: the card, the history in full, the notices as sentences' \
    "rs-queue -o table show ${R}1" <<'EOF'
Radicado:                 RS-2026-000001
Estado:                   respondida
Recibida:                 2026-12-01T08:00:00-05:00
Radicación efectiva:      2026-12-01
Vence:                    2026-12-23
Término (días hábiles):   15
Canal:                    correo
Tipo:                     peticion
Prioridad:                0
Nombre:                   Ana Pérez
Correo:                   ana.perez@example.co
Asunto:                   Certificado laboral
Descripción:              Solicito un certificado laboral con funciones y
                          salario de los contratos que tuve con la entidad entre
                          2019 y 2023.
Asignada a:               ana
Respondida:               2026-12-03T15:00:00-05:00
Sentido de la respuesta:  negativa

Historial
 1  2026-12-01 08:00  recepcion     radicación          vence 2026-12-23
 5  2026-12-01 09:30  tester        aviso
    acuse enviado a ana.perez@example.co
 6  2026-12-01 10:16  tester        aviso no entregado
    acuse: Mail delivery failed: returning message to sender
 7  2026-12-01 11:00  coordinadora  asignación
    a ana
 8  2026-12-02 09:00  ana           nota
    Llamé a la señora Ana Pérez al celular que dejó en la radicación: confirma
    que necesita el certificado de los tres contratos, no solo del último, y que
    la convocatoria cierra el 15 de diciembre.
    Pedí a archivo las carpetas de 2019 a 2023.
 9  2026-12-03 15:00  ana           respuesta
    negativa: No podemos expedir el certificado con el salario de 2019.
    Por qué: El contrato de 2019 se liquidó en otra dependencia, y su carpeta no
    está en nuestro archivo.
    Lo que vamos a hacer: Pedimos la carpeta a la Subdirección Administrativa y
    le enviaremos el certificado completo en cuanto llegue.
    Lo que usted puede hacer: Si la convocatoria cierra antes, puede presentar
    el certificado de 2020 a 2023 con la constancia de que el de 2019 está en
    trámite.
10  2026-12-03 15:30  ana           aviso
    respuesta enviada a ana.perez@example.co
11  2026-12-04 08:00  ana           aviso
    respuesta impresa

Documentos
N.º  Documento   Tipo            Bytes  Origen   Fecha                      Mensaje                          SHA-256
  1  rebote.eml  message/rfc822   2679  message  2026-12-01T10:16:04-05:00  E1tHq2x-0003Ab-1F@mx.example.co  2eac524f21c47a2a618084588bcb8b75bf69355…

Avisos
- acuse enviado a ana.perez@example.co el 2026-12-01 09:30, fallido el
  2026-12-01 10:16: Mail delivery failed: returning message to sender
- respuesta enviada a ana.perez@example.co el 2026-12-03 15:30, entregada
- respuesta impresa el 2026-12-04 08:00
EOF

check_out 'COLUMNS sets the width: the same text on longer lines' \
    "COLUMNS=100 rs-queue -o table show ${R}1 | sed -n '/^ *9 /,/^10 /p'" <<'EOF'
 9  2026-12-03 15:00  ana           respuesta
    negativa: No podemos expedir el certificado con el salario de 2019.
    Por qué: El contrato de 2019 se liquidó en otra dependencia, y su carpeta no está en nuestro
    archivo.
    Lo que vamos a hacer: Pedimos la carpeta a la Subdirección Administrativa y le enviaremos el
    certificado completo en cuanto llegue.
    Lo que usted puede hacer: Si la convocatoria cierra antes, puede presentar el certificado de
    2020 a 2023 con la constancia de que el de 2019 está en trámite.
10  2026-12-03 15:30  ana           aviso
EOF

check_out 'a word longer than a line is split, never cut' \
    "rs-queue -n 2026-12-04T09:00 note -m 'https://www.example.gov.co/tramites/certificados/laborales/solicitud/2026/RS-2026-000001/estado' ${R}1 >/dev/null &&
     COLUMNS=40 rs-queue -o table show ${R}1 | sed -n '/^12 /,/^\$/p'" <<'EOF'
12  2026-12-04 09:00  tester        nota
    https://www.example.gov.co/tramites/
    certificados/laborales/solicitud/202
    6/RS-2026-000001/estado

EOF

check 'a requirement, sent: the month it opens is said' \
    "rs-queue -n 2026-12-02T10:00 -u ana hold -m 'Falta la certificación de la cuenta bancaria' ${R}2 >/dev/null &&
     rs-notify -n 2026-12-02T10:05 -u ana requerimiento ${R}2 >/dev/null"
check_out '... in the history and among the notices' \
    "rs-queue -o table show ${R}2 | sed -n '/^Historial/,\$p'" <<'EOF'
Historial
 2  2026-12-01 08:10  tester  radicación     vence 2026-12-23
13  2026-12-02 10:00  ana     requerimiento
    falta: Falta la certificación de la cuenta bancaria
14  2026-12-02 10:05  ana     aviso
    requerimiento enviado a luis.gomez@example.co; el mes para atenderlo vence
    el 2027-01-04

Avisos
- requerimiento enviado a luis.gomez@example.co el 2026-12-02 10:05, entregado
EOF

check 'an answer sent, and read (RFC 8098 receipt)' \
    "rs-queue -n 2026-12-14T09:00 -u ana answer --outcome favorable \
        -m 'Legalizamos la comisión del 3 de diciembre.' ${R}4 >/dev/null &&
     rs-notify -n 2026-12-14T10:05 -u ana respuesta ${R}4 >/dev/null &&
     rs-intake -m -n 2026-12-15T08:00 $M/mdn-displayed.eml >/dev/null"
check_out '... the receipt in the history, the notice read' \
    "rs-queue -o table show ${R}4 | sed -n '/^Historial/,\$p'" <<'EOF'
Historial
 4  2026-12-01 08:30  tester  radicación        vence 2026-12-23
15  2026-12-14 09:00  ana     respuesta
    favorable: Legalizamos la comisión del 3 de diciembre.
16  2026-12-14 10:05  ana     aviso
    respuesta enviada a jose.pena@example.org
17  2026-12-14 17:02  tester  acuse de lectura
    respuesta leída

Documentos
N.º  Documento             Tipo            Bytes  Origen   Fecha                      Mensaje                                   SHA-256
  1  acuse-de-lectura.eml  message/rfc822   2169  message  2026-12-14T17:02:41-05:00  9c1e7a52-0b8d-4e61-a7d3-5f2b6c0e1d44@ex…  5e7d183c9f072e3edfe9f68b7bf9760e1a0d134…

Avisos
- respuesta enviada a jose.pena@example.org el 2026-12-14 10:05, leída el
  2026-12-14 17:02
EOF

# The machine formats: the stable columns, every value whole.
check_out 'show -o csv: the note and the answer whole, the details as recorded' \
    "rs-queue -o csv show ${R}1 | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r[\"event_kind\"] in (\"note\", \"answer\"):
        print(r[\"event_kind\"], r[\"event_details\"])'" <<'EOF'
note {"text":"Llamé a la señora Ana Pérez al celular que dejó en la radicación: confirma que necesita el certificado de los tres contratos, no solo del último, y que la convocatoria cierra el 15 de diciembre.\nPedí a archivo las carpetas de 2019 a 2023."}
answer {"outcome":"negativa","text":"No podemos expedir el certificado con el salario de 2019.","why":"El contrato de 2019 se liquidó en otra dependencia, y su carpeta no está en nuestro archivo.","will_do":"Pedimos la carpeta a la Subdirección Administrativa y le enviaremos el certificado completo en cuanto llegue.","can_do":"Si la convocatoria cierra antes, puede presentar el certificado de 2020 a 2023 con la constancia de que el de 2019 está en trámite."}
note {"text":"https://www.example.gov.co/tramites/certificados/laborales/solicitud/2026/RS-2026-000001/estado"}
EOF
check_out 'show -o json: the notices with their state and reason' \
    "rs-queue -o json show ${R}1 | python3 -c '
import json, sys
d = json.load(sys.stdin)
for n in d[\"notices\"]:
    print(\"|\".join(n[k] for k in (\"kind\", \"via\", \"state\", \"failure\", \"accessed_at\")))'" <<'EOF'
acuse|mbox|failed|Mail delivery failed: returning message to sender|
respuesta|mbox|sent||
respuesta|print|sent||
EOF
check_out 'show -o tsv: the same columns as before' \
    "rs-queue -o tsv show ${R}1 | head -1 | tr '\t' '\n' | tail -6" <<'EOF'
event
event_at
event_actor
event_kind
event_details
event_due_on
EOF

done_testing
