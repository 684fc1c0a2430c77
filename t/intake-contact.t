#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Requests the law accepts without a name or a mailbox (Ley 1755 art. 16):
# anonymous, a postal address only, through a representative, and an
# internal extension with the office's switchboard; their refusals, and
# what rs-notify and rs-admin anonymize do with them.
plan 39

NOW=2024-03-04T10:00		# Monday: due 2024-03-26
I="rs-intake -n $NOW"
COLS=id,received_at,effective_on,due_on,channel,type,topic,team,priority,preferential,name,salutation,id_number,email,phone,office,requester_kind,subject,description,external_ref,status,new
ANONMSG='an anonymous request has no name and no contact data'
TYPES='denuncia, queja, reclamo, sugerencia, felicitacion, informacion'
count() { sql 'select count(*) from requests'; }

check 'rs-admin init and a sender' \
    'rs-admin init && rs-admin config sender pqrsd@example.gov.co'

# --- refusals: exact message, status 65, nothing written ---------------------------

check_err 'anonymous peticion refused' 65 \
    "rs-intake: anonymous: type peticion is answered to someone and cannot be anonymous; expected one of $TYPES" \
    "$I -c escrito -t peticion --anonymous -s Cobro"
check_err 'anonymous with a name refused' 65 \
    "rs-intake: name: $ANONMSG; got \"Ana\"" \
    "$I -c escrito -t denuncia --anonymous -N Ana -s Cobro"
check_err 'anonymous with an e-mail refused' 65 \
    "rs-intake: email: $ANONMSG; got \"a@x.co\"" \
    "$I -c escrito -t denuncia --anonymous -e a@x.co -s Cobro"
check_err 'anonymous with a representative refused' 65 \
    "rs-intake: representative_name: $ANONMSG; got \"Juan\"" \
    "$I -c escrito -t queja --anonymous --representative-name Juan -s Cobro"
check_err 'no way to reach the person' 65 \
    'rs-intake: email: required when there is no phone, address, representative_email or representative_phone (one way to reach the person), unless anonymous' \
    "$I -c escrito -t peticion -N Ana -s Cobro"
check_err 'a representative contact without the name' 65 \
    "rs-intake: representative_name: required with the representative's id_number, email or phone" \
    "$I -c escrito -t peticion -N Ana --representative-email abo@x.co -s Cobro"
check_err 'a bad representative e-mail' 65 \
    'rs-intake: representative_email: not a valid address: "abo"' \
    "$I -c escrito -t peticion -N Ana --representative-name Juan --representative-email abo -s Cobro"
check_err 'an extension without the switchboard' 65 \
    "rs-intake: phone: \"1196\" looks like an internal extension: set the office's switchboard number to take 3 to 5 digits as one (rs-admin config switchboard NUMBER)" \
    "$I -c telefonico -t peticion -N Ana -p 1196 -s Cobro"
check_err 'a representative phone extension, the same' 65 \
    "rs-intake: representative_phone: \"2040\" looks like an internal extension: set the office's switchboard number to take 3 to 5 digits as one (rs-admin config switchboard NUMBER)" \
    "$I -c telefonico -t peticion -N Ana -e a@x.co --representative-name Juan --representative-phone 2040 -s Cobro"
printf 'channel,type,anonymous,subject\nescrito,denuncia,1,Uno\nescrito,denuncia,si,Dos\n' >badanon.csv
check_err 'CSV: anonymous other than 1/yes/0/no' 65 \
    'rs-intake: badanon.csv:3: anonymous: expected 1 (yes) or 0 (no); got "si"' \
    "$I badanon.csv"
printf 'channel,type,name,subject\nescrito,peticion,Ana,Uno\n' >nocontact.csv
check_err 'CSV: no column to reach the person' 65 \
    'rs-intake: nocontact.csv:1: missing a column to reach the person: email, phone, address, representative_email or representative_phone (or anonymous)' \
    "$I nocontact.csv"
check_err 'switchboard must be a phone' 65 \
    'rs-admin: switchboard: expected the office'"'"'s phone number: 7 to 20 digits with spaces or + - ( ) ., or nothing; got "12"' \
    'rs-admin config switchboard 12'
check_sql 'nothing written by any refusal' \
    "select count(*) from requests; select count(*) from counters; select value from settings where key = 'switchboard'" '0
0'

# --- accepted, by options ------------------------------------------------------------

check_out 'an anonymous denuncia by options' \
    "$I -c escrito -t denuncia --anonymous -s 'Cobros en ventanilla'" <<EOF
$COLS
RS-2024-000001,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,escrito,denuncia,,,0,,Anónimo,,,,,,,Cobros en ventanilla,,,radicada,1
EOF
check_out 'a postal address only' \
    "$I -c escrito -t peticion -N 'Ana Pérez' --salutation senora --address 'Calle 10 # 5-20, Sopó' -s 'Paz y salvo'" <<EOF
$COLS
RS-2024-000002,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,escrito,peticion,,,0,,Ana Pérez,senora,,,,,,Paz y salvo,,,radicada,1
EOF
check_out 'through a representative, reached by e-mail' \
    "$I -c correo -t reclamo -N 'Luis Díaz' -p 3001234567 --representative-name 'Juan Gómez' --representative-id-number 79123456 --representative-email juan@abogados.co -s 'Cobro doble'" <<EOF
$COLS
RS-2024-000003,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,correo,reclamo,,,0,,Luis Díaz,,,,3001234567,,,Cobro doble,,,radicada,1
EOF
check 'config switchboard' "rs-admin config switchboard '601 341 7000'"
check_out 'with it, an extension is stored whole' \
    "$I -c telefonico -t peticion -N Beto -p 1196 -s Viáticos" <<EOF
$COLS
RS-2024-000004,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,telefonico,peticion,,,0,,Beto,,,,601 341 7000 ext. 1196,,,Viáticos,,,radicada,1
EOF
check_sql 'what is stored' \
    "select id, name, anonymous, quote(address), quote(representative_name), quote(representative_id_number), quote(representative_email), quote(representative_phone) from requests order by seq" \
    "RS-2024-000001|Anónimo|1|NULL|NULL|NULL|NULL|NULL
RS-2024-000002|Ana Pérez|0|'Calle 10 # 5-20, Sopó'|NULL|NULL|NULL|NULL
RS-2024-000003|Luis Díaz|0|NULL|'Juan Gómez'|'79123456'|'juan@abogados.co'|NULL
RS-2024-000004|Beto|0|NULL|NULL|NULL|NULL|NULL"

# --- accepted, by CSV ------------------------------------------------------------------

printf 'channel,type,name,anonymous,address,representative_name,representative_phone,phone,subject\nescrito,sugerencia,,yes,,,,,Buzón\nescrito,peticion,Eva,,"Cra 7 # 1-1",,,,Carta\nescrito,queja,Fabio,0,,Gina,2040,,Por ella\nescrito,denuncia,,1,,,,,Otra\n' >contact.csv
check_out 'CSV: anonymous, address, a representative with an extension' \
    "$I contact.csv" <<EOF
$COLS
RS-2024-000005,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,escrito,sugerencia,,,0,,Anónimo,,,,,,,Buzón,,,radicada,1
RS-2024-000006,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,escrito,peticion,,,0,,Eva,,,,,,,Carta,,,radicada,1
RS-2024-000007,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,escrito,queja,,,0,,Fabio,,,,,,,Por ella,,,radicada,1
RS-2024-000008,2024-03-04T10:00:00-05:00,2024-03-04,2024-03-26,escrito,denuncia,,,0,,Anónimo,,,,,,,Otra,,,radicada,1
EOF
check_sql '... stored' \
    "select id, anonymous, coalesce(address, '-'), coalesce(representative_name, '-'), coalesce(representative_phone, '-') from requests where seq >= 5 order by seq" \
    'RS-2024-000005|1|-|-|-
RS-2024-000006|0|Cra 7 # 1-1|-|-
RS-2024-000007|0|-|Gina|601 341 7000 ext. 2040
RS-2024-000008|1|-|-|-'
check_out 'rs-queue show lists the representative' \
    "rs-queue -o table show RS-2024-000003 | grep -E '^(Nombre|Teléfono|Representante|Documento representante|Correo representante):'" <<'EOF'
Nombre:                   Luis Díaz
Teléfono:                 3001234567
Representante:            Juan Gómez
Documento representante:  79123456
Correo representante:     juan@abogados.co
EOF
# the view's columns, from each store's own catalog
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	vcols="select name from pragma_table_info('v_requests')"
else
	vcols="select column_name as name from information_schema.columns where table_schema = 'main' and table_name = 'v_requests'"
fi
check_sql 'v_requests shows none of it' \
    "select count(*) from ($vcols) c where name in ('name', 'address', 'anonymous') or name like 'representative%'" 0

# --- rs-notify -----------------------------------------------------------------------

check_err 'anonymous: nobody to notify' 65 \
    'rs-notify: RS-2024-000001: no acuse to notify: the request is anonymous (-p prints it to post)' \
    "rs-notify -n $NOW acuse RS-2024-000001"
ok '... nothing printed' test ! -s out
check_sql '... nothing recorded' 'select count(*) from notices' 0
check_out 'anonymous with -p: printed to post' \
    "rs-notify -n $NOW -p acuse RS-2024-000001 | sed -n '1,3p'" <<'EOF'
Recibimos su solicitud, radicado RS-2024-000001

Respetado(a) ciudadano(a):
EOF
check_err 'postal only, without -p: no e-mail address' 65 \
    'rs-notify: RS-2024-000002: no e-mail address to write to (-p prints it)' \
    "rs-notify -n $NOW acuse RS-2024-000002"
check_out 'postal with -p: the letter carries the address' \
    "rs-notify -n $NOW -p acuse RS-2024-000002 | sed -n '1,6p'" <<'EOF'
Señora Ana Pérez
Calle 10 # 5-20, Sopó

Recibimos su solicitud, radicado RS-2024-000002

Señora Ana Pérez:
EOF
check_sql '... recorded as printed to the address' \
    "select r.id, n.recipient, n.via from notices n join requests r on r.seq = n.request order by n.seq" \
    'RS-2024-000001|(impresa)|print
RS-2024-000002|Calle 10 # 5-20, Sopó|print'
check 'a representative: the notice goes to their e-mail' \
    "rs-notify -n $NOW acuse RS-2024-000003 >rep.mbox"
check_out '... addressed to the representative, for the person' \
    "grep -E '^To:' rep.mbox; grep -c 'en representaci=C3=B3n de Luis D=C3=ADaz' rep.mbox" <<'EOF'
To: Juan =?UTF-8?b?R8OzbWV6?= <juan@abogados.co>
1
EOF
check_sql '... recorded to that address' \
    "select recipient, via from notices where request = 3" 'juan@abogados.co|mbox'

# --- rs-admin anonymize ----------------------------------------------------------------

for id in RS-2024-000001 RS-2024-000002 RS-2024-000003 RS-2024-000007; do
	rs-queue -n 2024-03-05T09:00 answer --outcome favorable -m "Listo, radicado $id" $id >/dev/null &&
	rs-queue -n 2024-03-06T09:00 close $id >/dev/null || echo "# close $id failed"
done
check 'anonymize the closed ones' \
    'rs-admin -n 2024-06-01T10:00 anonymize --before 2024-04-01 >/dev/null'
check_sql 'the address and the representative are gone, the anonymous name stays' \
    "select id, cast(substr(name, 1, 8) = 'persona-' as integer), quote(address), cast(substr(representative_name, 1, 8) = 'persona-' as integer), quote(representative_id_number), cast(substr(representative_email, 1, 8) = 'persona-' and substr(representative_email, length(representative_email) - 15) = '@anonimo.invalid' as integer), quote(representative_phone) from requests where seq in (1, 2, 3, 7) order by seq" \
    "RS-2024-000001|0|NULL||NULL||NULL
RS-2024-000002|1|NULL||NULL||NULL
RS-2024-000003|1|NULL|1|NULL|1|NULL
RS-2024-000007|1|NULL|1|NULL||NULL"
check_sql '... Anónimo kept as it was' "select name from requests where seq = 1" 'Anónimo'
check_sql '... the notices no longer name the address' \
    "select count(*) from notices where recipient like '%Calle%' or recipient like '%abogados%'" 0
check 'rs-admin check passes' 'rs-admin check'
