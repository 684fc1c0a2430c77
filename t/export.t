#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin export: the analysts' door.  A new database with the rows of
# the documented views, a pseudonym for each requester, the calendar, and
# no personal value at all: each one given below, in every field that
# holds one, is looked for in the whole file and not found.
plan 13

check 'rs-admin init' 'rs-admin init'
cat >setup.sh <<'EOF'
set -e
rs-intake -n 2024-08-13T09:00 -c presencial -t peticion -N 'Zoila Quintero' \
    --id-number 52998877 -e zoila.quintero@correo.example -p '601 555 0199' \
    --address 'Carrera 7 # 12-34 Barrio Rosales' -s 'Pago de viáticos Zeta' \
    -D 'Descripción privada de la señora Quintero' >/dev/null
rs-intake -n 2024-08-13T10:00 -c correo -t queja -N 'Zoila Quintero' \
    -e zoila.quintero@correo.example -s 'Segunda solicitud Zeta' >/dev/null
rs-intake -n 2024-08-13T11:00 -c telefonico -t peticion -N 'Ramiro Ulloa' \
    --representative-name 'Abogada Xiomara Yepes' \
    --representative-id-number 39887766 \
    --representative-email xiomara.yepes@bufete.example \
    --representative-phone '310 555 0123' --priority 2 \
    --priority-reason 'Cirugía urgente de Ramiro' -s 'Asunto de Ulloa' >/dev/null
rs-intake -n 2024-08-13T12:00 -c web -t denuncia --anonymous \
    -s 'Denuncia contra el funcionario Wilfrido' >/dev/null
rs-queue -n 2024-08-14T09:00 hold -m 'Falta la cédula de Zoila' RS-2024-000001 >/dev/null
rs-queue -n 2024-08-14T10:00 note -m 'Llamó el esposo, Próspero Quintero' RS-2024-000002 >/dev/null
rs-queue -n 2024-08-15T09:00 answer --outcome favorable -m 'Respuesta para Ramiro Ulloa' RS-2024-000003 >/dev/null
EOF
check 'four requests, personal data in every field' 'sh ./setup.sh'

check_out 'export: a new database, and what it holds' \
    'rs-admin -n 2024-08-20T08:00 export analisis.db' <<'EOF'
analisis.db: 4 requests, 7 events, 0 notices, no personal data
EOF
check_out '... readable by analysts, not writable by them' 'stat -c %a analisis.db' <<'EOF'
644
EOF
check_out '... the tables' \
    "sqlite3 analisis.db \"select name from sqlite_master where type = 'table' order by name\"" <<'EOF'
about
business_days
events
notices
requests
EOF
check_out '... the figures of v_requests, and one requester for one person' \
    "sqlite3 analisis.db \"select id, type, channel, status, (select count(*) from requests b where b.requester = a.requester) from requests a order by id\"" <<'EOF'
RS-2024-000001|peticion|presencial|en_espera|2
RS-2024-000002|queja|correo|radicada|2
RS-2024-000003|peticion|telefonico|respondida|1
RS-2024-000004|denuncia|web|radicada|0
EOF
check_out '... pseudonyms, never the address' \
    "sqlite3 analisis.db \"select requester like 'persona-__________@anonimo.invalid', requester is null from requests order by id\"" <<'EOF'
1|0
1|0
0|0
|1
EOF
check_out '... what it is' "sqlite3 analisis.db \"select key, value from about where key <> 'schema_version' order by key\"" <<'EOF'
exported_at|2024-08-20T08:00:00-05:00
office_name|Oficina de Atención al Ciudadano
EOF

# every personal value given above, looked for in every byte of the file
cat >personal <<'EOF'
Zoila
Quintero
52998877
zoila.quintero
correo.example
555 0199
Carrera 7
Rosales
viáticos Zeta
Descripción privada
Segunda solicitud
Ramiro
Ulloa
Xiomara
Yepes
39887766
bufete.example
310 555 0123
Cirugía urgente
Wilfrido
Falta la cédula
Próspero
Respuesta para
EOF
# the office's rows as text: SQLite's dump, or the office's schema dumped
# by the server's own tool
dump() {
	case $RS_DB in
	postgres*) pg_dump -d "$RS_DB" -n "${RS_OFFICE:-main}" ;;
	*) sqlite3 "$RS_DB" .dump
	esac
}
dump >office.dump
check 'the values are in the office database (the check can fail)' \
    'while read -r v; do grep -qF "$v" office.dump || { echo "not in the office database: $v"; exit 1; }; done <personal'
check_out 'no personal value in any byte of the export' \
    'while read -r v; do grep -qaF "$v" analisis.db && echo "$v"; done <personal; :' <<'EOF'
EOF
check_err 'an export over an existing file is refused, the file untouched' 73 \
    'rs-admin: analisis.db: already exists' \
    'rs-admin export analisis.db'
check 'rs-admin check passes' 'rs-admin check >/dev/null'

# a rating is a number in the export, from either store
rs-queue -n 2024-08-21T09:00 close RS-2024-000003 >/dev/null &&
    rs-queue -n 2024-08-21T09:05 rate RS-2024-000003 5 >/dev/null
check_out 'the rating, a number as the events gave it' \
    "rs-admin -n 2024-08-22T08:00 export segunda.db >/dev/null &&
    sqlite3 segunda.db 'select id, typeof(rating), rating from events where rating = 5'" <<'EOF'
RS-2024-000003|integer|5
EOF
