#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin terms and topics (DESIGN §1: the term table, business days,
# editable; the topic catalog, each topic mapped to a team; §2 rs-admin).
# A changed term applies to requests registered afterwards: a request's
# term is fixed at intake, and every later computation (a resume, a
# closure) keeps it.
plan 46

USAGE=$(rs-admin -h)

check 'rs-admin init' 'rs-admin init'

# --- terms -----------------------------------------------------------------------------

# DESIGN §1: peticion, queja, reclamo, sugerencia, denuncia 15; felicitacion
# no term; informacion 10; consulta 30; autoridad 10.
check_out 'terms: the table as DESIGN seeds it (days only)' \
    'rs-admin terms | cut -d, -f1,2' <<'EOF'
type,days
peticion,15
queja,15
reclamo,15
sugerencia,15
denuncia,15
felicitacion,
informacion,10
consulta,30
autoridad,10
EOF
check_out 'terms -o json: no term is null' \
    'rs-admin -o json terms | grep felicitacion | sed "s/,\"description\".*//"' <<'EOF'
{"type":"felicitacion","days":null
EOF
check_out 'terms -o table: Spanish headers' 'rs-admin -o table terms | head -2' <<'EOF'
Tipo          Días hábiles  Descripción
peticion                15  Petición en interés general o particular (Ley 1755 art. 14)
EOF

# Tue 2 Jul 2024 09:00, peticion with 15 days: 3-5 (3), 8-12 (8), 15-19
# (13), 22, 23: Tue 23 Jul.
check_out 'a peticion registered with 15 days: due Tue 23 Jul' \
    'rs-intake -n 2024-07-02T09:00 -c web -t peticion -N Ana -e ana@x.co -s Uno | cut -d, -f1,3,4' <<'EOF'
id,effective_on,due_on
RS-2024-000001,2024-07-02,2024-07-23
EOF
check_out 'terms peticion 20: silent' 'rs-admin terms peticion 20' </dev/null
check_out '... listed, the description kept' 'rs-admin terms | sed -n 2p' <<'EOF'
peticion,20,Petición en interés general o particular (Ley 1755 art. 14)
EOF
# 20 days: ... 23 (15), 24-26 (18), 29, 30: Tue 30 Jul.
check_out 'a peticion registered now: 20 days, due Tue 30 Jul' \
    'rs-intake -n 2024-07-02T10:00 -c web -t peticion -N Bea -e bea@x.co -s Dos | cut -d, -f1,3,4' <<'EOF'
id,effective_on,due_on
RS-2024-000002,2024-07-02,2024-07-30
EOF
check_sql 'the first keeps its 15 days and its date' \
    "select id, term_days, due_on from requests order by seq" \
    'RS-2024-000001|15|2024-07-23
RS-2024-000002|20|2024-07-30'
# A closure on Wed 10 Jul moves each by one day, each with its own term.
check_out 'a closure moves both, each by its own term' \
    'rs-admin -n 2024-07-03T09:00 closures add 2024-07-10 Inventario' <<'EOF'
id,status,effective_on_before,effective_on,due_on_before,due_on,hold_limit_before,hold_limit
RS-2024-000001,radicada,2024-07-02,2024-07-02,2024-07-23,2024-07-24,,
RS-2024-000002,radicada,2024-07-02,2024-07-02,2024-07-30,2024-07-31,,
EOF
# Removed again, the dates given stay: none is moved earlier.
check_out '... removed again: the dates given stay' \
    'rs-admin -n 2024-07-03T09:05 closures rm 2024-07-10' </dev/null
# Both held Fri 5 Jul (3 days used), resumed Tue 9 Jul, counting from Wed
# 10: the first has 12 left: 10-12, 15-19, 22-25: Thu 25 Jul; the second
# 17: ... 25 (12), 26, 29-31, 1 Aug: Thu 1 Aug.
check 'both held Fri 5 Jul' '
    rs-queue -n 2024-07-05T09:00 -u ana hold -m firma RS-2024-000001 &&
    rs-queue -n 2024-07-05T09:00 -u ana hold -m firma RS-2024-000002'
check_out 'resumed Tue 9 Jul: each by its own term' '
    rs-queue -n 2024-07-09T09:00 -u ana resume RS-2024-000001 | sed 1d &&
    rs-queue -n 2024-07-09T09:00 -u ana resume RS-2024-000002 | sed 1d' <<'EOF'
RS-2024-000001,radicada,,2024-07-25,
RS-2024-000002,radicada,,2024-08-01,
EOF
check_out 'terms peticion 15 again' 'rs-admin terms peticion 15' </dev/null
check_sql '... the second keeps its 20' \
    "select term_days from requests where id = 'RS-2024-000002'" 20
# Twice the term: 30 business days for the first, 40 for the second, with
# Mon 8 and Tue 9 Jul suspended or not (30: Wed 14 or Fri 16 Aug; 40: Thu
# 29 Aug or Mon 2 Sep).  Asked within both readings; the second's 28 Aug
# is past twice the 15 days the type has now.
check_out 'extend within twice its own term (15: to Wed 14 Aug)' \
    'rs-queue -n 2024-07-10T09:00 -u ana extend --to 2024-08-14 -m razones RS-2024-000001 | sed 1d' <<'EOF'
RS-2024-000001,radicada,,2024-08-14,
EOF
check_out '... and the other within twice its 20, not twice the 15 of today (to Wed 28 Aug)' \
    'rs-queue -n 2024-07-10T09:00 -u ana extend --to 2024-08-28 -m razones RS-2024-000002 | sed 1d' <<'EOF'
RS-2024-000002,radicada,,2024-08-28,
EOF

check_out 'terms tutela 10 DESCRIPTION: a new type' \
    "rs-admin terms tutela 10 'Relacionada con una acción de tutela'" </dev/null
check_out '... listed last' 'rs-admin terms | tail -1' <<'EOF'
tutela,10,Relacionada con una acción de tutela
EOF
# 10 days from Tue 2 Jul: 3-5, 8-12, 15, 16: Tue 16 Jul.
check_out '... accepted by rs-intake: due Tue 16 Jul' \
    'rs-intake -n 2024-07-02T11:00 -c web -t tutela -N Cy -e cy@x.co -s Tres | cut -d, -f1,4,6' <<'EOF'
id,due_on,type
RS-2024-000003,2024-07-16,tutela
EOF
check_out 'terms nota 0: a type with no term, described by its name' \
    'rs-admin terms nota 0 && rs-admin terms | tail -1' <<'EOF'
nota,,nota
EOF
check_out '... a request of it has no due date' \
    'rs-intake -n 2024-07-02T11:00 -c web -t nota -N Di -e di@x.co -s Cuatro | cut -d, -f1,4,6' <<'EOF'
id,due_on,type
RS-2024-000004,,nota
EOF
check_out 'terms tutela 0: an existing type loses its term' \
    'rs-admin terms tutela 0 && rs-admin terms | grep ^tutela' <<'EOF'
tutela,,Relacionada con una acción de tutela
EOF
check_sql '... the request registered with it keeps its 10 days' \
    "select term_days, due_on from requests where id = 'RS-2024-000003'" '10|2024-07-16'

sql 'select * from terms order by type, valid_from' >terms.before
check_err 'terms Tutela: not a type name' 65 \
    'rs-admin: Tutela: expected a type name of lower-case letters, digits and _' \
    'rs-admin terms Tutela 10'
check_err 'terms x 366' 65 \
    'rs-admin: 366: expected business days from 0 (no term) to 365' \
    'rs-admin terms tutela 366'
check_err 'terms x -1' 65 \
    'rs-admin: -1: expected business days from 0 (no term) to 365' \
    'rs-admin terms tutela -1'
check_err 'terms x quince' 65 \
    'rs-admin: quince: expected business days from 0 (no term) to 365' \
    'rs-admin terms tutela quince'
check_err 'terms x 1000' 65 \
    'rs-admin: 1000: expected business days from 0 (no term) to 365' \
    'rs-admin terms tutela 1000'
check_err 'terms x an empty description' 65 \
    'rs-admin: description: expected 1 to 200 characters of text' \
    "rs-admin terms tutela 10 ''"
check_err 'terms with a type alone' 64 "$USAGE" 'rs-admin terms tutela'
sql 'select * from terms order by type, valid_from' >terms.after
ok '... none of them changed the table' cmp -s terms.before terms.after

# --- topics -------------------------------------------------------------------------------

check_out 'topics: the catalog as DESIGN seeds it (topic and team)' \
    'rs-admin topics | cut -d, -f1,2' <<'EOF'
topic,team
comisiones,comisiones
cuentas_pago,contabilidad
legalizacion_comisiones,comisiones
otro,contabilidad
EOF
check_out 'topics contratos juridica DESCRIPTION: silent' \
    "rs-admin topics contratos juridica 'Contratos y convenios'" </dev/null
check_out '... listed in order' 'rs-admin topics' <<'EOF'
topic,team,description
comisiones,comisiones,Trámite de comisiones
contratos,juridica,Contratos y convenios
cuentas_pago,contabilidad,Cuentas de pago de contratistas y proveedores
legalizacion_comisiones,comisiones,Legalización de comisiones
otro,contabilidad,Otros trámites
EOF
check_out '... accepted by rs-intake, which fills the team' \
    'rs-intake -n 2024-07-02T12:00 -c web -t peticion -T contratos -N Eva -e eva@x.co -s Cinco | cut -d, -f1,7,8' <<'EOF'
id,topic,team
RS-2024-000005,contratos,juridica
EOF
check_out 'topics otro comisiones: the team changed, the description kept' \
    'rs-admin topics otro comisiones && rs-admin topics | grep ^otro' <<'EOF'
otro,comisiones,Otros trámites
EOF
check_out '... new intakes of it go to the new team' \
    'rs-intake -n 2024-07-02T12:00 -c web -t peticion -T otro -N Fer -e fer@x.co -s Seis | cut -d, -f1,7,8' <<'EOF'
id,topic,team
RS-2024-000006,otro,comisiones
EOF
check_out 'topics -o json contratos' 'rs-admin -o json topics | grep contratos' <<'EOF'
{"topic":"contratos","team":"juridica","description":"Contratos y convenios"}
EOF

sql 'select * from topics order by topic' >topics.before
check_err 'topics with a bad topic name' 65 \
    'rs-admin: Contratos: expected a topic name of lower-case letters, digits and _' \
    'rs-admin topics Contratos juridica'
check_err 'topics with a bad team name' 65 \
    'rs-admin: Jurídica: expected a team name of lower-case letters, digits and _' \
    'rs-admin topics contratos Jurídica'
check_err 'topics with an empty description' 65 \
    'rs-admin: description: expected 1 to 200 characters of text' \
    "rs-admin topics contratos juridica ''"
check_err 'topics with a topic alone' 64 "$USAGE" 'rs-admin topics contratos'
sql 'select * from topics order by topic' >topics.after
ok '... none of them changed the catalog' cmp -s topics.before topics.after
check_err 'an unknown topic is refused by rs-intake, with the known ones' 65 \
    'rs-intake: topic: expected one of comisiones, contratos, cuentas_pago, legalizacion_comisiones, otro; got "nomina"' \
    'rs-intake -n 2024-07-02T12:00 -c web -t peticion -T nomina -N Gus -e gus@x.co -s Siete'

check_out 'rs-admin check' 'rs-admin check' <<EOF
$checked: ok: 6 requests, 14 events, the chain is whole
EOF

done_testing
