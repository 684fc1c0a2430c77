#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake: every column's validation (DESIGN §1 value sets, §4 required
# columns), through flags and through CSV, and what intake derives.
plan 63

NOW=2024-08-13T09:00		# Tuesday
I="rs-intake -n $NOW"
OK='-c correo -t peticion -N Ana -e ana@x.co -s Asunto'	# a valid request
COLS=id,received_at,effective_on,due_on,channel,type,topic,team,priority,preferential,name,salutation,id_number,email,phone,office,requester_kind,subject,description,external_ref,status,new
TYPES='peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad'
DATEMSG='expected a date and time like 2024-08-13T16:45'

check 'rs-admin init creates the store' 'rs-admin init'

# --- one request from flags -----------------------------------------------

check_out 'one request from flags and long options prints its row' \
    "$I -c presencial -t queja -N 'Ana Pérez' -e ana@x.co -p '601 332 3400' \
    -s 'Cobro doble' -D 'Me cobraron dos veces' -T cuentas_pago \
    --received-at 2024-08-12T15:30 --preferential adulto_mayor \
    --office 'Secretaría General' --salutation senora --id-number 52123456 \
    --requester-kind ciudadano --external-ref desk-0001" <<EOF
$COLS
RS-2024-000001,2024-08-12T15:30:00-05:00,2024-08-12,2024-09-03,presencial,queja,cuentas_pago,contabilidad,1,adulto_mayor,Ana Pérez,senora,52123456,ana@x.co,601 332 3400,Secretaría General,ciudadano,Cobro doble,Me cobraron dos veces,desk-0001,radicada,1
EOF
check_sql '... and stores it with its term, registrar and event' \
    "select id, status, term_days, received_ts from requests; select kind, actor, at, due_on from events" \
    'RS-2024-000001|radicada|15|1723494600
intake|tester|2024-08-13T09:00:00-05:00|2024-09-03'
check_out 'the long names of the short options' \
    "$I --channel web --type consulta --name Bea --email bea@x.co --phone 3001234567 --subject Uno --description Dos --topic comisiones --team comisiones --priority 2" <<EOF
$COLS
RS-2024-000002,2024-08-13T09:00:00-05:00,2024-08-13,2024-09-25,web,consulta,comisiones,comisiones,2,,Bea,,,bea@x.co,3001234567,,,Uno,Dos,,radicada,1
EOF

# --- each value set: a bad value, its exact message -------------------------

check_err 'channel outside its set' 65 \
    'rs-intake: channel: expected one of presencial, telefonico, correo, web, escrito; got "fax"' \
    "$I $OK -c fax"
check_err 'type outside its set' 65 \
    "rs-intake: type: expected one of $TYPES; got \"peticon\"" \
    "$I $OK -t peticon"
check_err 'topic outside the catalog' 65 \
    'rs-intake: topic: expected one of comisiones, cuentas_pago, legalizacion_comisiones, otro; got "pagos"' \
    "$I $OK -T pagos"
check_err 'team outside the catalog' 65 \
    'rs-intake: team: expected one of comisiones, contabilidad; got "tesoreria"' \
    "$I $OK --team tesoreria"
check_err 'preferential outside its set' 65 \
    'rs-intake: preferential: expected one of discapacidad, gestante, adulto_mayor, movilidad_reducida, infante, veterano, vulnerable, periodista; got "anciano"' \
    "$I $OK --preferential anciano"
check_err 'salutation outside its set' 65 \
    'rs-intake: salutation: expected one of senor, senora; got "doctor"' \
    "$I $OK --salutation doctor"
check_err 'requester_kind outside its set' 65 \
    'rs-intake: requester_kind: expected one of funcionario, contratista, tercero, ciudadano, autoridad; got "vecino"' \
    "$I $OK --requester-kind vecino"
check_err 'priority outside 0-2' 65 \
    'rs-intake: priority: expected 0 (normal), 1 (preferential) or 2 (urgent); got "3"' \
    "$I $OK --priority 3"
check_err 'priority not a number' 65 \
    'rs-intake: priority: expected 0 (normal), 1 (preferential) or 2 (urgent); got "-1"' \
    "$I $OK --priority=-1"

# --- required values ----------------------------------------------------------

check_err 'name required' 65 'rs-intake: name: required' \
    "$I -c correo -t peticion -e ana@x.co -s Asunto"
check_err 'channel required' 65 'rs-intake: channel: required' \
    "$I -t peticion -N Ana -e ana@x.co -s Asunto"
check_err 'type required' 65 'rs-intake: type: required' \
    "$I -c correo -N Ana -e ana@x.co -s Asunto"
check_err 'no email and no phone' 65 \
    'rs-intake: email: required when there is no phone, address, representative_email or representative_phone (one way to reach the person), unless anonymous' \
    "$I -c correo -t peticion -N Ana -s Asunto"
check_err 'neither subject nor description' 65 \
    'rs-intake: subject: required when there is no description' \
    "$I -c correo -t peticion -N Ana -e ana@x.co"

# --- contact data -------------------------------------------------------------

check_err 'an email that would be a sendmail option' 65 \
    'rs-intake: email: not a valid address: "-oQ/tmp/x@y"' \
    "$I $OK -e -oQ/tmp/x@y"
check_err 'two addresses in one' 65 \
    'rs-intake: email: not a valid address: "a@b c@d"' \
    "$I $OK -e 'a@b c@d'"
check_err 'an email without @' 65 \
    'rs-intake: email: not a valid address: "ana"' \
    "$I $OK -e ana"
check_err 'an email with a header break' 65 \
    'rs-intake: email: control characters are not allowed' \
    "$I $OK -e \"\$(printf 'ana@x.co\\r\\nBcc: z@y.co')\""
check_err 'a phone with letters' 65 \
    'rs-intake: phone: expected 7 to 20 digits with spaces or + - ( ) .; got "12ab567"' \
    "$I $OK -p 12ab567"
check_err 'a phone of 3 digits: an extension, without a switchboard' 65 \
    'rs-intake: phone: "123" looks like an internal extension: set the office'"'"'s switchboard number to take 3 to 5 digits as one (rs-admin config switchboard NUMBER)' \
    "$I $OK -p 123"
check_err 'a bad phone is refused even with a good email' 65 \
    'rs-intake: phone: expected 7 to 20 digits with spaces or + - ( ) .; got "llamar"' \
    "$I $OK -p llamar"

# --- received_at ----------------------------------------------------------------

check_err 'received_at malformed (hour of one digit)' 65 \
    "rs-intake: received_at: $DATEMSG; got \"2024-08-13T9:00\"" \
    "$I $OK --received-at 2024-08-13T9:00"
check_err 'received_at malformed (day first)' 65 \
    "rs-intake: received_at: $DATEMSG; got \"13/08/2024\"" \
    "$I $OK --received-at 13/08/2024"
check_err 'received_at 2023-02-29 does not exist' 65 \
    "rs-intake: received_at: no such date: \"2023-02-29\"" \
    "$I $OK --received-at 2023-02-29"
check_err 'received_at 2024-13-01 does not exist' 65 \
    "rs-intake: received_at: no such date: \"2024-13-01\"" \
    "$I $OK --received-at 2024-13-01"
check_err 'received_at 2024-04-31 does not exist' 65 \
    "rs-intake: received_at: no such date: \"2024-04-31\"" \
    "$I $OK --received-at 2024-04-31"
check_err 'received_at 25:00 does not exist' 65 \
    "rs-intake: received_at: $DATEMSG; got \"2024-08-13T25:00\"" \
    "$I $OK --received-at 2024-08-13T25:00"
check_err 'received_at a second after -n is in the future' 65 \
    'rs-intake: received_at: "2024-08-13T09:00:01" is in the future' \
    "$I $OK --received-at 2024-08-13T09:00:01"
check_err 'received_at in the future by its offset' 65 \
    'rs-intake: received_at: "2024-08-13T14:30:00Z" is in the future' \
    "$I $OK --received-at 2024-08-13T14:30:00Z"

# --- control characters -----------------------------------------------------------

check_err 'an escape sequence in a name' 65 \
    'rs-intake: name: control characters are not allowed' \
    "$I $OK -N \"\$(printf 'Ana\\033[2J')\""
check_err 'a tab in a name' 65 \
    'rs-intake: name: control characters are not allowed' \
    "$I $OK -N \"\$(printf 'Ana\\tPérez')\""
check_err 'a DEL in a name' 65 \
    'rs-intake: name: control characters are not allowed' \
    "$I $OK -N \"\$(printf 'Ana\\177')\""
check_sql 'no refused request was written' 'select count(*) from requests' 2

# --- the same checks through CSV carry file:line --------------------------------

H=received_at,channel,type,name,email,phone,subject,salutation
printf '%s\n,correo,peticion,Ana,ana@x.co,,Uno,senora\n,correo,peticion,Bea,bea@x.co,,Dos,Sra.\n' $H >salut.csv
check_err 'CSV: a bad salutation on line 3' 65 \
    'rs-intake: salut.csv:3: salutation: expected one of senor, senora; got "Sra."' \
    "$I salut.csv"
printf '%s\n2024-04-31T10:00,correo,peticion,Ana,ana@x.co,,Uno,\n' $H >date.csv
check_err 'CSV: an impossible date' 65 \
    'rs-intake: date.csv:2: received_at: no such date: "2024-04-31T10:00"' \
    "$I date.csv"
printf '%s\n,correo,peticion,Ana,,,Uno,\n' $H >nocontact.csv
check_err 'CSV: empty email and phone' 65 \
    'rs-intake: nocontact.csv:2: email: required when there is no phone, address, representative_email or representative_phone (one way to reach the person), unless anonymous' \
    "$I nocontact.csv"
printf '%s\n,correo,peticion,,ana@x.co,,Uno,\n' $H >noname.csv
check_err 'CSV: an empty name' 65 'rs-intake: noname.csv:2: name: required' \
    "$I noname.csv"
printf '%s\n,correo,peticion,"Ana\001",ana@x.co,,Uno,\n' $H >ctl.csv
check_err 'CSV: a control character in a name' 65 \
    'rs-intake: ctl.csv:2: name: control characters are not allowed' \
    "$I ctl.csv"
printf '%s\n,correo,peticion,"Ana\nPérez",ana@x.co,,Uno,\n' $H >nlname.csv
check_err 'CSV: a newline in a name' 65 \
    'rs-intake: nlname.csv:2: name: control characters are not allowed' \
    "$I nlname.csv"
check_sql 'still nothing written' 'select count(*) from requests' 2

# --- what intake derives ----------------------------------------------------------

printf 'channel,type,name,email,subject,preferential,priority\ncorreo,peticion,Pref,p1@x.co,Uno,gestante,\ncorreo,peticion,Pref0,p2@x.co,Dos,discapacidad,0\ncorreo,peticion,Urg,p3@x.co,Tres,adulto_mayor,2\ncorreo,peticion,Norm,p4@x.co,Cuatro,,\ncorreo,peticion,Urg2,p5@x.co,Cinco,,2\n' >prio.csv
check 'rows with preferential groups and priorities' "$I prio.csv"
check_sql 'preferential sets priority to at least 1, urgent stays 2' \
    "select name, priority, coalesce(preferential, '-') from requests where email like 'p_@x.co' order by id" \
    'Pref|1|gestante
Pref0|1|discapacidad
Urg|2|adulto_mayor
Norm|0|-
Urg2|2|-'

printf 'channel,type,name,email,subject,topic,team\ncorreo,peticion,T1,t1@x.co,Uno,comisiones,\ncorreo,peticion,T2,t2@x.co,Dos,otro,\ncorreo,peticion,T3,t3@x.co,Tres,legalizacion_comisiones,\ncorreo,peticion,T4,t4@x.co,Cuatro,,\ncorreo,peticion,T5,t5@x.co,Cinco,cuentas_pago,\n' >topic.csv
check 'rows with topics and no team' "$I topic.csv"
check_sql 'topic fills team' \
    "select name, coalesce(topic, '-'), coalesce(team, '-') from requests where email like 't_@x.co' order by id" \
    'T1|comisiones|comisiones
T2|otro|contabilidad
T3|legalizacion_comisiones|comisiones
T4|-|-
T5|cuentas_pago|contabilidad'

check_out 'felicitacion has no term: empty due_on' \
    "$I -c web -t felicitacion -N Fe -e fe@x.co -s Gracias" <<EOF
$COLS
RS-2024-000013,2024-08-13T09:00:00-05:00,2024-08-13,,web,felicitacion,,,0,,Fe,,,fe@x.co,,,,Gracias,,,radicada,1
EOF
check_sql '... stored as NULL due_on and term_days' \
    "select quote(due_on), quote(term_days), effective_on from requests where id = 'RS-2024-000013'" \
    'NULL|NULL|2024-08-13'

check_out 'a phone and a description are enough' \
    "$I -c telefonico -t peticion -N Gus -p '+57 (601) 332-3400 ext. 1234' -D 'Llamó por su pago'" <<EOF
$COLS
RS-2024-000014,2024-08-13T09:00:00-05:00,2024-08-13,2024-09-04,telefonico,peticion,,,0,,Gus,,,,+57 (601) 332-3400 ext. 1234,,,,Llamó por su pago,,radicada,1
EOF
check 'a plus address and a dotted domain are valid' \
    "$I $OK -e ana.perez+pqrs@minambiente.gov.co"
check 'an id_number with dots and a dash is valid' \
    "$I $OK --id-number 1.234.567-8"
check 'received_at on 29 February of a leap year is valid' \
    "$I $OK --received-at 2024-02-29T10:00"
check_sql '... with its dates' \
    "select received_at, effective_on, due_on from requests where id = 'RS-2024-000017'" \
    '2024-02-29T10:00:00-05:00|2024-02-29|2024-03-21'
check 'a description may hold newlines and tabs' \
    "$I $OK -D \"\$(printf 'uno\\tdos\\ntres')\""
check_sql '... kept as given' \
    "select hex(description) from requests where id = 'RS-2024-000018'" \
    '756E6F09646F730A74726573'
check_sql 'every accepted request was written once' \
    'select count(*), count(distinct id) from requests' '18|18'

# Last, so that if they are wrongly taken they shift no number above.
check_err 'a name of blanks is no name' 65 'rs-intake: name: required' \
    "$I $OK -N '   '"
check_err 'a subject of blanks and no description' 65 \
    'rs-intake: subject: required when there is no description' \
    "$I -c correo -t peticion -N Ana -e ana@x.co -s '  '"
check_sql '... and neither was written' 'select count(*) from requests' 18

check 'a journalist asks for the contracts of the year' \
    "rs-intake -n 2024-08-13T10:00 -c web -t informacion -N 'Prensa Libre' \
        -e prensa@x.co -s 'Contratos de 2024' --preferential periodista >/dev/null"
# Ley 1755 de 2015 art. 20: a journalist's petition for their work is
# handled preferentially, as the groups of Decreto 19 de 2012 art. 13
check_sql '... preferential: priority 1, ahead of arrival order' \
    "select priority, preferential from requests where email = 'prensa@x.co'" \
    '1|periodista'
done_testing
