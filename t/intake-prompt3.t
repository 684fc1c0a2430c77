#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake -i: the requests the law takes without a name or a mailbox
# (Ley 1755 de 2015 art. 16; Ley 962 de 2005 art. 81): anonymous, by
# letter only, and through a representative, registered at the desk.
# The prompt runs on a pseudo-terminal (script(1)) that echoes nothing;
# stderr goes to the file prompt.err.
plan 34

check 'rs-admin init creates the store' 'rs-admin init'
check 'the office has a name' \
    "rs-admin config office_name 'La Secretaría Resuelve'"

# prompt NOW: rs-intake -i with the answers on stdin; the conversation
# in talk, the exit status in the file status
prompt() {
	script -qe -E never -c "exec rs-intake -i -n $1 -u mlopez 2>prompt.err" \
	    /dev/null >raw
	echo $? >status
	tr -d '\r' <raw >talk
}
# has TEXT: the conversation shows TEXT
has() {
	grep -qF -- "$1" talk || { _show talk; return 1; }
}
# summary N: the Nth summary the conversation showed, in the file sN
summary() {
	awk -v n="$1" '/^Resumen de la solicitud:/ { k++ }
	    k == n && /^Escriba el número/ { exit } k == n { print }' \
	    talk >s$1
}

# An anonymous denuncia at the desk: the name left empty, the prompt
# explains and asks; no contact question follows.  (answers: channel,
# representative, name, anonymous, group, urgent, motive, record, type,
# topic, "g")
printf '%s\n' '' n '' s '' n 'Cobros en ventanilla' \
    'El funcionario de la ventanilla 3 pide dinero.' . denuncia '' g |
    prompt 2024-08-13T09:00
ok 'an anonymous denuncia is saved: exit 0' [ "$(cat status)" -eq 0 ]
ok '... the empty name is explained, with the types that allow it' \
    has '  → Sin nombre, la solicitud solo puede radicarse como anónima: sin datos de contacto, y la respuesta no se notifica a nadie sino que se publica. Pueden ser anónimas: denuncia, queja, reclamo, sugerencia, felicitacion, informacion.'
ok '... and the prompt asks whether it is anonymous' \
    has '¿La solicitud es anónima? (s/n): '
ok '... no salutation, document or contact is asked' \
    eval '! grep -e Trato -e identificación -e Correo -e Dirección -e Teléfono talk'
summary 1
check_out '... the summary shows the name as anonymous, nothing personal' \
    'cat s1' <<'EOF'
Resumen de la solicitud:
   1) Canal: presencial
   2) Nombre: Anónimo (solicitud anónima)
   3) Atención preferencial: (vacío)
   4) Prioridad: normal
   5) Asunto: Cobros en ventanilla
   6) Descripción:
        El funcionario de la ventanilla 3 pide dinero.
   7) Tipo: denuncia
   8) Tema: (vacío)
EOF
check_out '... the ending says there is nobody to notify' \
    "sed -n '/^Radicado:/,\$p' talk" <<'EOF'
Radicado: RS-2024-000001
Radicación efectiva: martes 13 de agosto de 2024
Fecha límite de respuesta: miércoles 4 de septiembre de 2024
Solicitud anónima: no hay a quién notificar. La respuesta se publicará donde el público la vea (Ley 1437 art. 69), para quien la consulte con el radicado.

Diga: «Su radicado es RS-2024-000001. Gracias por comunicarse con La Secretaría Resuelve.»
EOF
check_sql '... stored anonymous, as intake names it, with no contact' \
    "select id, type, anonymous, name, quote(salutation), quote(id_number), quote(email), quote(phone), quote(address), quote(representative_name), subject from requests" \
    "RS-2024-000001|denuncia|1|Anónimo|NULL|NULL|NULL|NULL|NULL|NULL|Cobros en ventanilla"

# An anonymous peticion: intake refuses it; the prompt says why in
# Spanish and asks for another type (a wrong answer first), then saves.
printf '%s\n' '' n '' s '' n 'Horarios de atención' . '' '' g x t informacion g |
    prompt 2024-08-13T09:30
ok 'an anonymous peticion refused, then another type: exit 0' \
    [ "$(cat status)" -eq 0 ]
check_out '... the refusal in Spanish, and the choice it offers' \
    "grep -o -e '  → No se pudo radicar.*' -e '^Escriba «t».*' talk | sed 's/: .*Pregunte/: … Pregunte/'" <<'EOF'
  → No se pudo radicar: una solicitud de tipo peticion se responde a alguien y no puede ser anónima. Pueden ser anónimas: denuncia, queja, reclamo, sugerencia, felicitacion, informacion.
Escriba «t» para elegir otro tipo o «n» para anotar el nombre de la persona: … Pregunte de nuevo.
Escriba «t» para elegir otro tipo o «n» para anotar el nombre de la persona: Tipo de solicitud:
EOF
ok '... nothing went to stderr' [ ! -s prompt.err ]
summary 2
check_out '... the summary after it shows the new type' \
    "grep Tipo s2" <<'EOF'
   7) Tipo: informacion
EOF
check_sql '... stored with that type, anonymous' \
    "select id, type, anonymous, name from requests where seq = 2" \
    'RS-2024-000002|informacion|1|Anónimo'

# The same refusal, fixed by giving the name: the questions skipped for
# anonymity are asked then (representative, salutation, document,
# e-mail, postal address, phone).
printf '%s\n' '' n '' s '' n 'Certificado' . consulta '' g n 'Marta Ruiz' \
    '' señora '' marta@x.co '' '' g |
    prompt 2024-08-13T09:45
ok 'an anonymous consulta refused, then the name: exit 0' \
    [ "$(cat status)" -eq 0 ]
check_sql '... stored with the name and its e-mail, not anonymous' \
    "select id, type, anonymous, name, salutation, email from requests where seq = 3" \
    'RS-2024-000003|consulta|0|Marta Ruiz|senora|marta@x.co'

# A letter-only requester: no e-mail, a postal address; the phone is
# then not required, and the answer goes by letter.
printf '%s\n' escrito n 'Rosa Díaz' señora '' '' 'Calle 10 # 5-20, Sopó' '' \
    '' n 'Paz y salvo' . '' '' g |
    prompt 2024-08-13T10:30
ok 'a letter-only request is saved: exit 0' [ "$(cat status)" -eq 0 ]
ok '... the postal address is asked' \
    has 'Dirección postal (vacío si no la da): '
ok '... the phone is then not required' \
    eval 'has "Teléfono (vacío si no tiene): " && ! grep -q obligatorio talk'
summary 1
check_out '... the summary shows the address' \
    "grep -e Dirección -e Teléfono s1" <<'EOF'
   7) Dirección: Calle 10 # 5-20, Sopó
   8) Teléfono: (vacío)
EOF
ok '... the ending says the answer goes by letter' \
    has 'La respuesta llegará por carta a la dirección Calle 10 # 5-20, Sopó'
check_sql '... stored with the address, no phone' \
    "select id, channel, name, anonymous, address, quote(phone), quote(email) from requests where seq = 4" \
    "RS-2024-000004|escrito|Rosa Díaz|0|Calle 10 # 5-20, Sopó|NULL|NULL"

# A call through a representative: the representative's data first (a
# wrong e-mail corrected), then the requester's, which the questions
# name as such; the representative's contact is enough to reach.  From
# the summary, the representative's phone is added and the name
# corrected.
printf '%s\n' telefonico s 'Juan Gómez' 79123456 juan@abogados juan@abogados.co '' \
    'Luis Díaz' sr '' '' '' '' '' n 'Cobro doble' . reclamo '' \
    5 '601 555 1234' 2 s 'Juan Gómez Ruiz' g |
    prompt 2024-08-13T11:00
ok 'a request through a representative is saved: exit 0' \
    [ "$(cat status)" -eq 0 ]
ok '... asks whether the caller acts for another person' \
    has '¿La persona que se comunica actúa en representación de otra (apoderado, representante legal o acudiente)? (s/n) [n]: '
ok '... asks the representative'\''s name' \
    has 'Nombre del representante (quien se comunica): '
ok '... asks again a wrong representative e-mail' \
    has 'Correo electrónico del representante (vacío si no tiene):   → Correo no válido'
ok '... then the name of the person represented' \
    has 'Nombre de la persona representada (a nombre de quien va la solicitud): '
ok '... whose contact questions say whose they are, none required' \
    has 'Correo electrónico de la persona representada (vacío si no tiene): Dirección postal de la persona representada (vacío si no la da): Teléfono de la persona representada (vacío si no tiene): '
summary 1
summary 3
check_out '... the summary numbers the representative'\''s answers' \
    'sed -n 2,9p s1' <<'EOF'
   1) Canal: telefonico
   2) Representante: Juan Gómez
   3) Documento representante: 79123456
   4) Correo representante: juan@abogados.co
   5) Teléfono representante: (vacío)
   6) Nombre: Luis Díaz
   7) Trato: señor
   8) Identificación: (vacío)
EOF
check_out '... and shows them changed' \
    'sed -n 3,6p s3' <<'EOF'
   2) Representante: Juan Gómez Ruiz
   3) Documento representante: 79123456
   4) Correo representante: juan@abogados.co
   5) Teléfono representante: 601 555 1234
EOF
ok '... the answer goes to the representative'\''s e-mail, as rs-notify sends it' \
    has 'La respuesta llegará al representante por correo electrónico a juan@abogados.co'
check_sql '... the four representative columns stored, as changed' \
    "select id, name, salutation, quote(email), quote(phone), representative_name, representative_id_number, representative_email, representative_phone from requests where seq = 5" \
    "RS-2024-000005|Luis Díaz|senor|NULL|NULL|Juan Gómez Ruiz|79123456|juan@abogados.co|601 555 1234"

check_sql 'every request registered by the operator' \
    "select count(*), min(actor), max(actor) from events where kind = 'intake'" \
    '5|mlopez|mlopez'
check 'the audit chain and the documents check out' 'rs-admin check'

done_testing
