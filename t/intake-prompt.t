#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake -i: the guided prompt for the desk and the phone (DESIGN §2),
# driven through a pseudo-terminal with script(1).
plan 19

check 'rs-admin init creates the store' 'rs-admin init'
check 'the office has a name' \
    "rs-admin config office_name 'La Secretaría Resuelve'"

# prompt NOW USER: run rs-intake -i on a pty, the answers on stdin; the
# conversation (without carriage returns) in talk, the exit status in st
prompt() {
	script -qec "rs-intake -i -n $1 -u $2" /dev/null >raw 2>&1
	st=$?
	tr -d '\r' <raw >talk
}
# has TEXT: the conversation shows TEXT
has() {
	grep -qF -- "$1" talk || { _show talk; return 1; }
}

# a walk-in, morning; one wrong e-mail corrected (answers: channel,
# through a representative, name, salutation, id_number, e-mail, postal
# address, phone, group, urgent, motive, record up to ".", type, topic,
# and "g" at the summary)
prompt 2024-08-13T09:30 mlopez <<'EOF'

n
Ana Pérez
señora

ana@
ana@x.co

601 332 3400


Cobro doble
Me cobraron dos veces
.
1

g
EOF
ok 'a whole conversation ends with exit 0' [ "$st" -eq 0 ]
# the protocols' wording: "habla (nombre) de la Oficina"; a login with no
# name in the users catalog stands for itself
ok '... opens with the greeting for the morning' \
    has 'Diga: «Buenos días, habla mlopez de La Secretaría Resuelve, ¿en qué le puedo colaborar?»'
ok '... asks again for a wrong e-mail, saying why' \
    has '→ Correo no válido: debe ser como nombre@dominio.gov.co, sin espacios.'
ok '... reads back the radicado' has 'Radicado: RS-2024-000001'
ok '... the effective day' \
    has 'Radicación efectiva: martes 13 de agosto de 2024'
ok '... the legal due date (15 business days; 19 August a holiday)' \
    has 'Fecha límite de respuesta: miércoles 4 de septiembre de 2024'
ok '... how the answer will arrive' \
    has 'La respuesta llegará por correo electrónico a ana@x.co'
ok '... and the closing phrase' \
    has 'Gracias por comunicarse con La Secretaría Resuelve.'
check_sql '... and stores the request' \
    "select id, channel, type, name, salutation, email, phone, subject, description, due_on from requests" \
    'RS-2024-000001|presencial|peticion|Ana Pérez|senora|ana@x.co|601 332 3400|Cobro doble|Me cobraron dos veces|2024-09-04'
check_sql '... registered by the operator' \
    "select kind, actor from events" 'intake|mlopez'

# a phone call in the afternoon: no e-mail and no postal address, so the
# phone is required; no representative, by the default
prompt 2024-08-13T15:30 mlopez <<'EOF'
telefonico

Luis
sr




3001234567
adulto_mayor

Paz y salvo
.
consulta
comisiones
g
EOF
ok 'a phone call in the afternoon' [ "$st" -eq 0 ]
ok '... is greeted with buenas tardes' has 'Diga: «Buenas tardes, habla mlopez de La Secretaría Resuelve'
ok '... without e-mail or address the phone is asked again' \
    has 'Sin correo ni dirección, el teléfono es obligatorio (una forma de contactar a la persona). Pregunte de nuevo.'
ok '... and the answer will come by phone' \
    has 'La respuesta llegará por teléfono al 3001234567'
check_sql '... stored as said' \
    "select id, channel, type, topic, name, salutation, email, phone, preferential, priority from requests where seq = 2" \
    'RS-2024-000002|telefonico|consulta|comisiones|Luis|senor||3001234567|adulto_mayor|1'

# Ctrl-D (end of input) in the middle: nothing is written
prompt 2024-08-13T10:00 mlopez <<'EOF'
presencial
n
Bea
EOF
ok 'end of input mid-way cancels with exit 65' eval '[ "$st" -eq 65 ] && has "rs-intake: cancelled; nothing registered" && [ "$(sql "select count(*) from requests")" = 2 ]'

check_err '-i refuses when stdin is no terminal' 64 \
    'rs-intake: -i needs a terminal' 'rs-intake -i </dev/null'

done_testing
