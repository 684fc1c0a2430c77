#!/bin/sh
# rs-queue search: a caller without a radicado is found by name, the
# representative's name, e-mail, phone, identity number, subject or
# description; every word must match, each as a prefix, accents folded;
# what is typed is never FTS5 syntax.
. "$(dirname "$0")/lib.sh"
plan 35

rs-admin init
intake() {	# at channel type name [more...]
	at=$1 c=$2 t=$3 n=$4
	shift 4
	rs-intake -n "$at" -c "$c" -t "$t" -N "$n" "$@" >/dev/null
}
# 1 and 4 are Ana García's; 3 is preferential, so it comes first; 4 is
# answered and closed; 5 is corrected later; 6 is closed in 2020 and
# anonymized
intake 2024-08-13T09:00 presencial peticion 'Ana María García' \
    -e ana@x.co -p '300 123 4567' --id-number 52.123.456 \
    -s 'Pago de cuenta' -T cuentas_pago
intake 2024-08-13T10:00 correo queja 'Luis Peña' -e luis@y.com \
    -p 3109876543 -s 'Demora (comisión)' -T comisiones \
    -D 'NEAR the "office" -- 50% * AND OR (x'
intake 2024-08-13T11:00 web peticion 'Ana Ruiz' -e ana.ruiz@z.org \
    --id-number 1012345678 -s Certificado --preferential adulto_mayor \
    -T cuentas_pago
intake 2024-08-13T12:00 telefonico reclamo 'Ana García' \
    -p '+57 601 3323400 ext. 1234' -s 'Cuenta duplicada' -T comisiones
intake 2024-08-13T13:00 web peticion 'Pedro Pérez' -e pedro@x.co -s Viáticos
intake 2020-03-02T09:00 web peticion 'Marta Gómez' -e marta@x.co \
    -p 3201112233 -s 'Mi cuenta'
q() { rs-queue "$@" >/dev/null; }
q -n 2024-08-14T09:00 answer --outcome favorable -m Listo RS-2024-000004
q -n 2024-08-15T09:00 close RS-2024-000004
q -n 2020-03-03T09:00 answer --outcome favorable -m Listo RS-2020-000001
q -n 2020-03-04T09:00 close RS-2020-000001
s() { echo "rs-queue -n 2024-08-14 -o csv search $*"; }
header=id,priority,received_at,due_on,days_left,status,team,assignee,name,id_number,email,phone,subject
r1='RS-2024-000001,0,2024-08-13T09:00:00-05:00,2024-09-04,14,radicada,contabilidad,,Ana María García,52.123.456,ana@x.co,300 123 4567,Pago de cuenta'
r2='RS-2024-000002,0,2024-08-13T10:00:00-05:00,2024-09-04,14,radicada,comisiones,,Luis Peña,,luis@y.com,3109876543,Demora (comisión)'
r3='RS-2024-000003,1,2024-08-13T11:00:00-05:00,2024-09-04,14,radicada,contabilidad,,Ana Ruiz,1012345678,ana.ruiz@z.org,,Certificado'
r4='RS-2024-000004,0,2024-08-13T12:00:00-05:00,2024-09-04,14,cerrada,comisiones,tester,Ana García,,,+57 601 3323400 ext. 1234,Cuenta duplicada'

# --- the formats -------------------------------------------------------------------

check_out 'table: Spanish headers, the open ones in attention order' \
    'rs-queue -n 2024-08-14 -o table search ana' <<'EOF'
Radicado        Prioridad  Recibida                   Vence       Días hábiles  Estado    Equipo        Asignada a  Nombre            Identificación  Correo          Teléfono      Asunto
RS-2024-000003          1  2024-08-13T11:00:00-05:00  2024-09-04            14  Radicada  contabilidad              Ana Ruiz          1012345678      ana.ruiz@z.org                Certificado
RS-2024-000001          0  2024-08-13T09:00:00-05:00  2024-09-04            14  Radicada  contabilidad              Ana María García  52.123.456      ana@x.co        300 123 4567  Pago de cuenta
EOF
check_out 'csv: the English column names' "$(s ana)" <<EOF
$header
$r3
$r1
EOF
check_out 'json: one object a line' 'rs-queue -n 2024-08-14 -o json search luis' <<'EOF'
{"id":"RS-2024-000002","priority":0,"received_at":"2024-08-13T10:00:00-05:00","due_on":"2024-09-04","days_left":14,"status":"radicada","team":"comisiones","assignee":"","name":"Luis Peña","id_number":"","email":"luis@y.com","phone":"3109876543","subject":"Demora (comisión)"}
EOF

# --- what matches ------------------------------------------------------------------

check_out 'accents folded: garcia finds García' "$(s garcia)" <<EOF
$header
$r1
EOF
check_out '... and the other way: PEÑA finds Peña, pena too' "$(s PEÑA); $(s pena)" <<EOF
$header
$r2
$header
$r2
EOF
check_out 'a prefix: gar' "$(s gar)" <<EOF
$header
$r1
EOF
check_out 'every word must match (AND)' "$(s ana gar)" <<EOF
$header
$r1
EOF
check_out '... in any field: a name and a word of the subject' "$(s ruiz certif)" <<EOF
$header
$r3
EOF
check_out 'an e-mail address' "$(s ana@x.co)" <<EOF
$header
$r1
EOF
check_out '... or its beginning' "$(s ana.r)" <<EOF
$header
$r3
EOF
check_out 'a phone as dictated, in groups' "$(s 300 123 4567)" <<EOF
$header
$r1
EOF
check_out '... the same groups against a phone written together' \
    "$(s 310 987 6543)" <<EOF
$header
$r2
EOF
check_out '... the whole number against one written in groups' \
    "$(s 3001234567)" <<EOF
$header
$r1
EOF
check_out '... its last four digits' "$(s 6543)" <<EOF
$header
$r2
EOF
check_out 'an identity number without its dots' "$(s 52123456)" <<EOF
$header
$r1
EOF
check_out '... and with them against one without' "$(s 12.345.678)" <<EOF
$header
$r3
EOF
check_out 'an identity number and a phone together' \
    "$(s 1012345678 3109876543); $(s 52123456 4567)" <<EOF
$header
$header
$r1
EOF
check_out 'a phone extension is not the end of the number' \
    "$(s -a 4001234); $(s -a 3400)" <<EOF
$header
$header
$r4
EOF

# --- the words are text, never query syntax ------------------------------------------

check_out 'quotes, parentheses, *, NEAR, AND, OR, - are words or nothing' \
    "$(s "'\"office\"' NEAR '(x' '*' AND OR - '50%'")" <<EOF
$header
$r2
EOF
check_out '... a lone word of punctuation next to a word is ignored' \
    "$(s "'(' -- luis ')'")" <<EOF
$header
$r2
EOF
check_out '... an operator typed finds nothing it did not say' \
    "$(s "'ana OR luis'") || echo status \$?" <<EOF
$header
status 1
EOF

# --- options ----------------------------------------------------------------------

check_out '-a: every request, whatever its status' "$(s -a garcía)" <<EOF
$header
$r1
$r4
EOF
check_out '-t: one team' "$(s -a -t comisiones ana)" <<EOF
$header
$r4
EOF
check_out 'the words come after the options: -a after a word is a word' \
    "$(s garcia -a)" <<EOF
$header
$r1
EOF

# --- refusals -----------------------------------------------------------------------

check_err 'no words' 64 \
    'rs-queue: search: expected the words to look for: a name, an e-mail address, a phone, an identity number or words of the subject' \
    'rs-queue search'
check_err 'nothing searchable' 64 \
    'rs-queue: search: expected words with a letter or a digit; got "* - () """' \
    "rs-queue search -- '*' - '()' '\"\"'"
check_err 'more words than a caller says' 64 \
    'rs-queue: search: expected at most 32 words' \
    "rs-queue search \$(seq 1 33)"
check_err 'words that are not UTF-8' 64 \
    'rs-queue: search: expected words in UTF-8; word 2 is not' \
    "rs-queue search ana \"\$(printf 'Garc\\355a')\""
check 'nothing found: status 1, nothing on stderr, only the header' \
    "$(s zzz) >found 2>e; test \$? -eq 1 && test ! -s e &&
     test \"\$(cat found)\" = $header"

# --- the index follows the requests ----------------------------------------------------

sql "update requests set name = 'Pedro Pardo' where id = 'RS-2024-000005'"
check_out 'a request corrected is found by its new name' \
    "$(s pardo) | cut -d, -f1,9" <<EOF
id,name
RS-2024-000005,Pedro Pardo
EOF
check_out '... and no longer by the old one' "$(s perez) || echo status \$?" <<EOF
$header
status 1
EOF

sql "update requests set representative_name = 'Jorge Gómez' where id = 'RS-2020-000001'"
check_out 'before anonymizing: the name, the representative, the e-mail' \
    "$(s -a marta) | cut -d, -f1; $(s -a jorge) | cut -d, -f1;
     $(s -a marta@x.co) | cut -d, -f1" <<EOF
id
RS-2020-000001
id
RS-2020-000001
id
RS-2020-000001
EOF
rs-admin -n 2024-06-01T10:00 anonymize --before 2021-01-01 >/dev/null
check_out 'anonymized: not found by the old name, representative, e-mail or phone' \
    "for w in marta gomez jorge marta@x.co 3201112233 2233 'mi cuenta'; do $(s -a \$w) >/dev/null; echo \$w \$?; done" <<EOF
marta 1
gomez 1
jorge 1
marta@x.co 1
3201112233 1
2233 1
mi cuenta 1
EOF
pseudonym=$(sql "select name from requests where id = 'RS-2020-000001'")
check_out '... found by its pseudonym' "$(s -a $pseudonym) | cut -d, -f1,9" <<EOF
id,name
RS-2020-000001,$pseudonym
EOF
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	check_sql 'the index agrees with the requests' \
	    "insert into requests_fts (requests_fts, rank) values ('integrity-check', 1); select 'ok'" ok
else
	# FTS5's integrity-check, on PostgreSQL: each request's words are
	# those its trigger would write now, and no others are there
	check_sql 'the index agrees with the requests' \
	    "select 'ok' where not exists (select 1 from requests r
	     full join requests_fts f on f.seq = r.seq
	     where f.doc is distinct from rs_search_doc(r))" ok
fi
done_testing
