#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake -i: the summary and its corrections, the record of many lines,
# the id number, urgency with its reason, the operator's name, every way
# of leaving before saving, and a database that stays busy at saving.
# The prompt runs on a pseudo-terminal (script(1)) that echoes nothing,
# so what it prints is all there is; stderr goes to the file prompt.err.
plan 37

check 'rs-admin init creates the store' 'rs-admin init'
check 'the office has a name' \
    "rs-admin config office_name 'La Secretaría Resuelve'"
ok 'the users catalog names jgarcia' \
    sql "insert into users (login, name) values ('jgarcia', 'Juan García')"

# prompt NOW USER: rs-intake -i with the answers on stdin; the
# conversation in talk, the exit status in the file status (a prompt
# fed by a pipe runs in a subshell)
prompt() {
	script -qe -E never -c "exec rs-intake -i -n $1 -u $2 2>prompt.err" \
	    /dev/null >raw
	echo $? >status
	tr -d '\r' <raw >talk
}
# summary N: the Nth summary the conversation showed, in the file sN
summary() {
	awk -v n="$1" '/^Resumen de la solicitud:/ { k++ }
	    k == n { print } k == n && /^  14\)/ { exit }' talk >s$1
}

# A conversation the operator drives line by line (a fifo), waiting for
# what the prompt prints before answering: for Ctrl-C and a busy database.
start() {
	rm -f in && mkfifo in && : >raw
	script -qfe -E never -c "RS_BUSY_TIMEOUT=50 exec rs-intake -i -n $1 -u $2 2>prompt.err" \
	    /dev/null <in >raw &
	spid=$!
	exec 3>in
}
say() {
	printf '%s\n' "$@" >&3
}
# await TEXT [N]: until the prompt has printed TEXT N times (at most 20 s)
await() {
	i=0
	while [ "$(tr -d '\r' <raw | grep -cF -- "$1")" -lt "${2:-1}" ]; do
		i=$((i + 1))
		[ $i -gt 400 ] && { echo "# never saw: $1"; return 1; }
		sleep 0.05
	done
}
finish() {
	exec 3>&-
	wait $spid
	echo $? >status
	tr -d '\r' <raw >talk
}
# lock, unlock: another writer (sqlite3, or psql) holds the store's write
# lock; it says so by creating the file held once it has it: SQLite's
# BEGIN IMMEDIATE, or on PostgreSQL the office's row every write locks
# (lib/pg.c)
lock() {
	rm -f lk held && mkfifo lk
	case $RS_DB in
	postgres*)
		PGOPTIONS="-c search_path=${RS_OFFICE:-main},public" \
		    psql -X -q -d "$RS_DB" <lk >lock.out 2>&1 &
		;;
	*)
		sqlite3 "$RS_DB" <lk >lock.out 2>&1 &
	esac
	lpid=$!
	exec 4>lk
	case $RS_DB in
	postgres*)
		printf 'begin;\nselect version from schema_version for update;\n\\! touch held\n' >&4
		;;
	*)
		printf 'begin immediate;\n.system touch held\n' >&4
	esac
	i=0
	until [ -e held ]; do
		i=$((i + 1))
		[ $i -gt 400 ] && { echo "# the lock was never taken"; return 1; }
		sleep 0.05
	done
}
unlock() {
	printf 'rollback;\n' >&4
	exec 4>&-
	wait $lpid
}
answers='
n
Ana Pérez
señora
52.123.456
ana@x.co

601 332 3400
2
s
Cirugía negada por la EPS
Cobro doble
Me cobraron dos veces:

la factura 123 y la 124.
.
1
'

# The whole conversation: no representative, a record of three lines
# (one empty), the id number, no postal address, a group by its number,
# urgency with its reason; the motive corrected at the summary (its
# number, 11), then saved.
printf '%s\n' "$answers" 11 'Cobro doble en agosto' g | prompt 2024-08-13T09:30 jgarcia
ok 'a conversation saved after one correction ends with exit 0' [ "$(cat status)" -eq 0 ]
check_out '... greets with the operator'\''s name from the users catalog' \
    'head -1 talk' <<'EOF'
Diga: «Buenos días, habla Juan García de La Secretaría Resuelve, ¿en qué le puedo colaborar?»
EOF
check_out '... asks for the preferential group as the protocols name them' \
    "sed -n '/¿La persona pertenece/,/^    8)/p' talk | sed 's/^.*¿La/¿La/'" <<'EOF'
¿La persona pertenece a una población con atención preferencial?
    1) persona con discapacidad (discapacidad)
    2) mujer gestante (gestante)
    3) adulto mayor (adulto_mayor)
    4) persona con movilidad reducida (movilidad_reducida)
    5) niña o niño (infante)
    6) veterano de la fuerza pública (veterano)
    7) persona en situación de vulnerabilidad (vulnerable)
    8) periodista en ejercicio de su labor (periodista)
EOF
check_out '... says how the record ends' \
    "grep -o 'Registro de la situación:.*' talk" <<'EOF'
Registro de la situación: escriba las líneas que necesite y termine con una línea que tenga solo un punto (.):
EOF
summary 1
summary 2
check_out '... shows every answer with its label, the record whole' \
    'cat s1' <<'EOF'
Resumen de la solicitud:
   1) Canal: presencial
   2) Representante: (ninguno: en nombre propio)
   3) Nombre: Ana Pérez
   4) Trato: señora
   5) Identificación: 52.123.456
   6) Correo: ana@x.co
   7) Dirección: (vacío)
   8) Teléfono: 601 332 3400
   9) Atención preferencial: mujer gestante
  10) Prioridad: urgente (Ley 1755 art. 20)
      Motivo de la urgencia: Cirugía negada por la EPS
  11) Asunto: Cobro doble
  12) Descripción:
        Me cobraron dos veces:

        la factura 123 y la 124.
  13) Tipo: peticion
  14) Tema: (vacío)
EOF
check_out '... asks what to do, in Spanish' \
    "grep -c '^Escriba el número de la respuesta que quiere cambiar, «g» para guardar o «c» para cancelar: ' talk" <<'EOF'
2
EOF
check_out '... and shows the corrected answer before saving' \
    'grep "^  11)" s2' <<'EOF'
  11) Asunto: Cobro doble en agosto
EOF
check_out '... then reads back the radicado' \
    "sed -n '/^Radicado:/,\$p' talk" <<'EOF'
Radicado: RS-2024-000001
Radicación efectiva: martes 13 de agosto de 2024
Fecha límite de respuesta: miércoles 4 de septiembre de 2024
La respuesta llegará por correo electrónico a ana@x.co

Diga: «Su radicado es RS-2024-000001. Gracias por comunicarse con La Secretaría Resuelve.»
EOF
check_sql '... stores every answer, the corrected one as corrected' \
    "select id, channel, type, case when topic is null then 1 else 0 end, name, salutation, id_number, email, phone, preferential, priority, priority_reason, subject, description from requests" \
    'RS-2024-000001|presencial|peticion|1|Ana Pérez|senora|52.123.456|ana@x.co|601 332 3400|gestante|2|Cirugía negada por la EPS|Cobro doble en agosto|Me cobraron dos veces:

la factura 123 y la 124.'
check_sql '... registered by the operator' \
    "select kind, actor from events" 'intake|jgarcia'

# wrong answers are asked again, saying why
printf '%s\n' '' n Luis '' 'CC 123' 123 l@x.co '' '' '' quizá n Uno . '' '' c |
    prompt 2024-08-13T10:00 jgarcia
check_out 'a wrong id number and a wrong yes-or-no are asked again' \
    "grep -o '  → .*' talk" <<'EOF'
  → La identificación lleva solo letras, dígitos, «-» o «.», sin espacios. Pregunte de nuevo.
  → Responda s (sí) o n (no). Pregunte de nuevo.
EOF
check_err '"c" at the summary cancels: exit 65' 65 \
    'rs-intake: cancelled; nothing registered' "cat prompt.err >&2; exit \$(cat status)"
check_sql '... and nothing is written' 'select count(*) from requests' 1

# urgent attention without its reason is not accepted
printf '%s\n' '' n Luis '' '' l@x.co '' '' '' s '' 'Tutela' Uno . '' '' g |
    prompt 2024-08-13T10:00 jgarcia
check_out 'urgency asks for its reason until there is one' \
    "grep -c 'Motivo de la urgencia (una línea):   → La atención urgente lleva su motivo. Pregunte de nuevo.' talk" <<'EOF'
1
EOF
check_sql '... and keeps it' \
    "select priority, priority_reason from requests where seq = 2" '2|Tutela'

# end of input at the summary: nothing is written
printf '%s\n' "$answers" | prompt 2024-08-13T10:00 jgarcia
check_err 'end of input at the summary cancels: exit 65' 65 \
    'rs-intake: cancelled; nothing registered' "cat prompt.err >&2; exit \$(cat status)"
check_sql '... and nothing is written' 'select count(*) from requests' 2

# Ctrl-C at a question
start 2024-08-13T10:00 jgarcia
say '' n Bea
await 'Trato ('
printf '\003' >&3
finish
check_err 'Ctrl-C cancels: exit 130, saying so' 130 \
    'rs-intake: interrupted; nothing registered' "cat prompt.err >&2; exit \$(cat status)"
check_sql '... and nothing is written' 'select count(*) from requests' 2

# The database stays busy at saving: retried once, still busy, kept in
# a file; then registered from it, the same request as one saved.
start 2024-08-13T10:00 jgarcia
say "$answers"
await '«c» para cancelar: '
lock
say g
await 'La base de datos está ocupada'
say r
await 'La base de datos está ocupada' 2
say a
finish
unlock
check_err 'a database still busy after a retry: the answers kept, exit 75' 75 \
    "rs-intake: $RS_DB: database is locked; the answers are in $trash/pendiente-20240813-100000-jgarcia.csv" \
    "cat prompt.err >&2; exit \$(cat status)"
check_out '... the prompt offers to retry or to keep them, twice' \
    "grep -A1 'ocupada' talk" <<'EOF'
  → La base de datos está ocupada por otro puesto y no se pudo guardar. Las respuestas siguen aquí.
Escriba «r» para reintentar o «a» para dejarlas en un archivo y radicarlas después: 
  → La base de datos está ocupada por otro puesto y no se pudo guardar. Las respuestas siguen aquí.
Escriba «r» para reintentar o «a» para dejarlas en un archivo y radicarlas después: 
EOF
# the store as the prompt prints it, a word the shell reads back
case $RS_DB in
*[!A-Za-z0-9_./+=:,@%-]*) db_word="'$RS_DB'" ;;
*) db_word=$RS_DB
esac
check_out '... and says where they are and how to register them' \
    "sed -n '/^Las respuestas quedaron/,\$p' talk" <<EOF
Las respuestas quedaron en el archivo
  $trash/pendiente-20240813-100000-jgarcia.csv
Radíquelas cuando la base de datos esté libre, con:
  rs-intake -d $db_word -u jgarcia $trash/pendiente-20240813-100000-jgarcia.csv
EOF
printf 'received_at,channel,type,topic,priority,preferential,anonymous,name,salutation,id_number,email,phone,address,representative_name,representative_id_number,representative_email,representative_phone,subject,description,priority_reason\r\n2024-08-13T10:00:00-05:00,presencial,peticion,,2,gestante,,Ana Pérez,senora,52.123.456,ana@x.co,601 332 3400,,,,,,Cobro doble,"Me cobraron dos veces:\n\nla factura 123 y la 124.\n",Cirugía negada por la EPS\r\n' >expected.csv
ok '... the file is the answers as rs-intake reads them (rs-csv(5))' \
    cmp expected.csv pendiente-20240813-100000-jgarcia.csv
check_out '... readable by the office group only, like the database' \
    'stat -c %a pendiente-20240813-100000-jgarcia.csv' <<'EOF'
660
EOF
check_sql '... and nothing is written' 'select count(*) from requests' 2
check 'the command printed registers it' \
    "rs-intake -d $db_word -u jgarcia $trash/pendiente-20240813-100000-jgarcia.csv"

# the same answers at the same time, the lock let go before the retry
start 2024-08-13T10:00 jgarcia
say "$answers"
await '«c» para cancelar: '
lock
say g
await 'La base de datos está ocupada'
unlock
say r
finish
ok 'a retry once the database is free saves: exit 0' [ "$(cat status)" -eq 0 ]
check_out '... reading back the radicado' "grep '^Radicado:' talk" <<'EOF'
Radicado: RS-2024-000004
EOF
columns='received_at, effective_on, due_on, channel, type, topic, team, priority, preferential, anonymous, name, salutation, id_number, email, phone, address, representative_name, representative_id_number, representative_email, representative_phone, office, requester_kind, subject, description, external_ref, priority_reason, status'
check_sql 'the request from the file is the request the prompt saves' \
    "select count(*) from (select $columns from requests where seq = 3
     except select $columns from requests where seq = 4) d;
     select id, received_at, due_on, priority, priority_reason from requests
     where seq >= 3 order by seq" \
    '0
RS-2024-000003|2024-08-13T10:00:00-05:00|2024-09-04|2|Cirugía negada por la EPS
RS-2024-000004|2024-08-13T10:00:00-05:00|2024-09-04|2|Cirugía negada por la EPS'
check_sql '... both registered by the operator' \
    "select r.id, e.actor from events e join requests r on r.seq = e.request where r.seq >= 3" \
    'RS-2024-000003|jgarcia
RS-2024-000004|jgarcia'

check_err 'priority_reason only goes with priority 2' 65 \
    'rs-intake: priority_reason: only with priority 2 (urgent); got priority 1' \
    "rs-intake -n 2024-08-13T10:00 -c web -t peticion -N Eva -e eva@x.co -s Uno --preferential gestante --priority-reason 'Tutela'"
check_sql '... and nothing is written' 'select count(*) from requests' 4
check 'an urgent request from flags keeps its reason' \
    "rs-intake -n 2024-08-13T10:00 -c web -t peticion -N Eva -e eva@x.co -s Uno --priority 2 --priority-reason 'Tutela de salud'"
check_sql '... in the request' \
    'select priority, priority_reason from requests where seq = 5' '2|Tutela de salud'

done_testing
