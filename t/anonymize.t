#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin anonymize (Ley 1581 de 2012): the personal data of finished
# requests older than a date becomes stable pseudonyms; every figure, the
# reports and the audit chain stay as they were.
plan 59

rs-admin init
intake() {	# at name email subject [more...]
	at=$1 n=$2 e=$3 s=$4
	shift 4
	rs-intake -n "$at" -c web -t peticion -N "$n" -e "$e" -s "$s" "$@" >/dev/null
}
# 1: closed in 2020; 2: the same person (other spacing and case), withdrawn
# in 2020; 3: answered, not closed; 4: open; 5: closed in 2024 (recent)
intake 2020-03-02T09:00 'Ana Ruiz' ana@x.co 'Mi cuenta' -p 3001234567 \
    --id-number 52123456 --office Tesorería -D 'Soy Ana Ruiz, cédula 52123456'
intake 2020-04-01T09:00 'ana  RUIZ' ANA@x.co 'Otra cuenta' --id-number 52123456
intake 2020-05-04T09:00 'Bea Soto' bea@x.co 'Pago' -p 3109876543
intake 2020-06-01T09:00 'Cy Paz' cy@x.co 'Comisión'
intake 2024-04-01T09:00 'Di Mora' di@x.co 'Cuenta' -D 'Soy Di'
q() { rs-queue "$@" >/dev/null; }
q -n 2020-03-03T09:00 answer --outcome favorable -m Listo RS-2020-000001
q -n 2020-03-04T09:00 close RS-2020-000001
q -n 2020-03-05T09:00 rate RS-2020-000001 4
q -n 2020-04-02T09:00 close --withdrawn RS-2020-000002
q -n 2020-05-05T09:00 answer --outcome favorable -m Hecho RS-2020-000003
q -n 2024-04-02T09:00 answer --outcome favorable -m Hecho RS-2024-000001
q -n 2024-04-03T09:00 close RS-2024-000001

views() { sql 'select * from v_requests order by id'; }
pqrsd() { rs-report -n 2024-06-01 -o csv --from 2020-01-01 --to 2024-12-31 pqrsd; }
personal="select id, name, coalesce(id_number, '-'), coalesce(email, '-'), coalesce(phone, '-'), coalesce(office, '-'), subject, coalesce(description, '-') from requests order by seq"
views >views.before
pqrsd >pqrsd.before
sql "$personal" >personal.before
nevents=$(sql 'select count(*) from events')

# --- refused arguments write nothing ----------------------------------------------

check_err 'a bad date is refused' 64 \
    'rs-admin: --before: expected a date like 2024-12-24; got "2021-13-01"' \
    'rs-admin anonymize --before 2021-13-01'
check_err 'a date after today is refused' 64 \
    'rs-admin: --before: 2030-01-01 is after today (2024-06-01)' \
    'rs-admin -n 2024-06-01T10:00 anonymize --before 2030-01-01'
check_err 'no date and no retention setting' 64 \
    'rs-admin: anonymize: expected --before date, or a retention in years (rs-admin config retention years)' \
    'rs-admin -n 2024-06-01T10:00 anonymize'
check_err '--before belongs to anonymize only' 64 \
    "$(rs-admin -h)" 'rs-admin config --before 2021-01-01'
check_err 'anonymize takes no operands' 64 \
    "$(rs-admin -h)" 'rs-admin anonymize --before 2021-01-01 RS-2020-000001'
check_sql '... nothing written: the personal data' "$personal" "$(cat personal.before)"
check_sql '... no event, no salt' \
    "select (select count(*) from events where kind = 'anonymize'), (select count(*) from settings where key = 'anonymize_salt')" '0|0'

# --- a run that fails half-way leaves nothing behind --------------------------------

if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	sql "create trigger boom before update of name on requests when old.id = 'RS-2020-000002' begin select raise(abort, 'boom'); end"
else
	sql "create function boom() returns trigger language plpgsql as \$\$
	    begin if old.id = 'RS-2020-000002' then raise exception 'boom';
	    end if; return new; end \$\$;
	    create trigger boom before update of name on requests
	    for each row execute function boom()"
fi
ok 'a run failing on its second request fails' sh -c \
    '! rs-admin -n 2024-06-01T10:00 anonymize --before 2021-01-01 >out 2>err'
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	sql 'drop trigger boom'
else
	sql 'drop trigger boom on requests; drop function boom()'
fi
check_sql '... the first request keeps its data' "$personal" "$(cat personal.before)"
check_sql '... no event, no salt, the chain head as it was' \
    "select (select count(*) from events where kind = 'anonymize'), (select count(*) from settings where key = 'anonymize_salt'), (select events from chain)" "0|0|$nevents"
check 'rs-admin check passes after the failed run' 'rs-admin check'

# --- anonymize --before ---------------------------------------------------------------

check_out 'anonymize --before prints the count' \
    'rs-admin -n 2024-06-01T10:00 -u dpo anonymize --before 2021-01-01' <<'ENDOUT'
2 requests closed before 2021-01-01 anonymized
ENDOUT
e1=$(sql 'select email from requests where seq = 1')
check_sql 'only the old finished ones changed' "select id, status, CASE WHEN substr(name, 1, 8) = 'persona-' THEN 1 ELSE 0 END, coalesce(id_number, '-'), coalesce(email, '-'), coalesce(phone, '-'), coalesce(office, '-'), subject, coalesce(description, '-') from requests order by seq" \
"RS-2020-000001|cerrada|1|-|$e1|-|Tesorería|[anonimizado]|[anonimizado]
RS-2020-000002|desistida|1|-|$e1|-|-|[anonimizado]|-
RS-2020-000003|respondida|0|-|bea@x.co|3109876543|-|Pago|-
RS-2020-000004|radicada|0|-|cy@x.co|-|-|Comisión|-
RS-2024-000001|cerrada|0|-|di@x.co|-|-|Cuenta|Soy Di"
check_sql 'pseudonyms: persona- and ten hex digits, e-mail at anonimo.invalid' \
    "select count(*) from requests where seq <= 2 and substr(name, 1, 8) = 'persona-' and ltrim(substr(name, 9), '0123456789abcdef') = '' and length(name) = 18 and substr(email, 1, 8) = 'persona-' and ltrim(substr(email, 9, 10), '0123456789abcdef') = '' and substr(email, 19) = '@anonimo.invalid' and length(email) = 34" 2
check_sql 'the same person has the same pseudonyms in both requests' \
    'select count(distinct name), count(distinct email) from requests where seq <= 2' '1|1'
check_sql '... and the name and the e-mail differ' \
    "select case when name <> substr(email, 1, 18) then 1 else 0 end from requests where seq = 1" 1
check_sql 'no trace of the personal data in the anonymized rows' \
    "select count(*) from requests where seq <= 2 and (lower(name) like '%ruiz%' or lower(email) like '%x.co' or id_number is not null or phone is not null or description like '%52123456%')" 0
check_sql 'one anonymize event each, with the reason and the date' \
    "select r.id, e.actor, e.at, e.details, case when e.due_on = r.due_on then 1 else 0 end from events e join requests r on r.seq = e.request where e.kind = 'anonymize' order by e.seq" \
    'RS-2020-000001|dpo|2024-06-01T10:00:00-05:00|{"reason":"Ley 1581 de 2012","before":"2021-01-01"}|1
RS-2020-000002|dpo|2024-06-01T10:00:00-05:00|{"reason":"Ley 1581 de 2012","before":"2021-01-01"}|1'
views >views.after
ok 'every figure in v_requests is unchanged' cmp -s views.before views.after
pqrsd >pqrsd.after
ok 'rs-report pqrsd is unchanged' cmp -s pqrsd.before pqrsd.after
check_out 'rs-admin check passes: the chain is whole' 'rs-admin check' <<ENDOUT
$checked: ok: 5 requests, $((nevents + 2)) events, the chain is whole
ENDOUT

# --- a second run changes nothing ---------------------------------------------------------

sql "$personal" >personal.once
check_out 'a second run anonymizes nothing' \
    'rs-admin -n 2024-06-02T10:00 -o csv anonymize --before 2021-01-01' <<'ENDOUT'
id,closed_on
ENDOUT
check_sql '... the data is as the first run left it' "$personal" "$(cat personal.once)"
check_sql '... and no event was added' 'select count(*), (select events from chain) from events' \
    "$((nevents + 2))|$((nevents + 2))"

# --- the retention setting ----------------------------------------------------------------

check_out 'retention is empty by default' 'rs-admin config retention' <<'ENDOUT'

ENDOUT
check_err 'retention 0 is refused' 65 \
    'rs-admin: retention: expected a number of years from 1 to 99, or nothing for no retention; got "0"' \
    'rs-admin config retention 0'
check_err 'retention five is refused' 65 \
    'rs-admin: retention: expected a number of years from 1 to 99, or nothing for no retention; got "five"' \
    'rs-admin config retention five'
check 'config retention 2' 'rs-admin config retention 2'
# closed 2024-04-03: more than 2 years before 2026-04-04, not before 2026-04-03
check_out 'with retention 2 on 2026-04-03, what closed on 2024-04-03 stays' \
    'rs-admin -n 2026-04-03T10:00 -o csv anonymize' <<'ENDOUT'
id,closed_on
ENDOUT
check_out '... on 2026-04-04 it is anonymized, listed with -o csv' \
    'rs-admin -n 2026-04-04T10:00 -o csv anonymize' <<'ENDOUT'
id,closed_on
RS-2024-000001,2024-04-03
ENDOUT
check_sql '... the answered and the open ones keep their data' \
    "select id, name, email from requests where substr(name, 1, 8) <> 'persona-' order by seq" \
    'RS-2020-000003|Bea Soto|bea@x.co
RS-2020-000004|Cy Paz|cy@x.co'
check 'rs-admin check still passes' 'rs-admin check'

# --- documents ----------------------------------------------------------------------

# 6 and 7 closed in 2021, each with a scanned paper; 8 open, holding the
# same paper as 6
printf 'cédula de Eva Gil\n' >'cedula Eva Gil.pdf'
printf 'poder de Fer Sol\n' >poder.pdf
intake 2021-03-01T09:00 'Eva Gil' eva@x.co 'Paz y salvo' -A 'cedula Eva Gil.pdf'
intake 2021-03-02T09:00 'Fer Sol' fer@x.co 'Poder' -A poder.pdf
intake 2021-03-03T09:00 'Eva Gil' eva@x.co 'Otra' -A 'cedula Eva Gil.pdf'
for id in RS-2021-000001 RS-2021-000002; do
	q -n 2021-03-05T09:00 answer --outcome favorable -m "Listo: $id" $id
	q -n 2021-03-06T09:00 close $id
done
check_out 'anonymize --before 2022-01-01: the two closed in 2021' \
    'rs-admin -n 2026-04-05T10:00 -o csv --before 2022-01-01 anonymize' <<'ENDOUT'
id,closed_on
RS-2021-000001,2021-03-06
RS-2021-000002,2021-03-06
ENDOUT
check_sql "... their documents' names blanked, the hashes kept" \
    "select r.id, d.name, length(d.hash) from documents d
     join requests r on r.seq = d.request order by d.seq" \
    'RS-2021-000001|[anonimizado]|64
RS-2021-000002|[anonimizado]|64
RS-2021-000003|cedula Eva Gil.pdf|64'
check_err "... a document only they held: its bytes purged" 65 \
    'rs-queue: RS-2021-000002: 1: its content was purged (rs-admin anonymize)' \
    'rs-queue doc RS-2021-000002 1'
check_out "... one an open request holds too: kept for it" \
    "rs-queue doc RS-2021-000003 1" <<'ENDOUT'
cédula de Eva Gil
ENDOUT
check_sql '... one blob purged, with its day' \
    "select count(*), min(purged_at) from blobs where data is null" \
    '1|2026-04-05T10:00:00-05:00'
check 'rs-admin check passes with purged documents' 'rs-admin check'

# --- the mailbox: a bounce's reason, a message set aside ------------------------------

rs-admin config sender pqrsd@oficina.example.gov.co
intake 2021-05-03T09:00 'Hugo Paz' hugo@x.co 'Licencia'
rs-notify -n 2021-05-03T09:10 acuse RS-2021-000004 >/dev/null
cat >rebote.eml <<'ENDMSG'
From: MAILER-DAEMON@mx.x.co
To: pqrsd@oficina.example.gov.co
Subject: Mail delivery failed: returning message to sender
Date: Mon, 03 May 2021 09:20:00 -0500
Message-ID: <rebote-2021@mx.x.co>

550 5.1.1 <hugo@x.co>: User unknown

------ This is a copy of the message's headers. ------

Message-ID: <acuse.RS-2021-000004@oficina.example.gov.co>
ENDMSG
cat >boletin.eml <<'ENDMSG'
From: Boletín <boletin@lista.x.co>
To: pqrsd@oficina.example.gov.co
Subject: Boletín de mayo
Date: Mon, 03 May 2021 11:00:00 -0500
Message-ID: <boletin-2021-05@lista.x.co>
List-Id: <boletin.lista.x.co>

Noticias del mes.
ENDMSG
q -n 2021-05-04T09:00 answer --outcome favorable -m 'La licencia sale el lunes.' RS-2021-000004
q -n 2021-05-05T09:00 close RS-2021-000004
check 'its acuse bounced; a bulletin set aside, then discarded' \
    "rs-intake -m -n 2021-05-03T10:00 rebote.eml boletin.eml >/dev/null &&
     rs-queue -n 2021-05-04T09:00 inbox discard -m 'boletín' 1 >/dev/null"
check_out 'anonymize --before 2022-01-01 again: the request closed since' \
    'rs-admin -n 2026-04-06T10:00 -o csv --before 2022-01-01 anonymize' <<'ENDOUT'
id,closed_on
RS-2021-000004,2021-05-05
ENDOUT
cp err anonymize.err
check_out '... with nothing it could not clear to report' 'cat anonymize.err' </dev/null
check_sql '... the bounce kept the address beside the chain: gone now' \
    "select count(*) from events e left join event_data d on d.event = e.seq
     where e.details like '%hugo%' or d.data like '%hugo%'" 0
check_sql "... the mail server's reason, which quoted the address, blanked" \
    "select state, failure from notices where request =
     (select seq from requests where id = 'RS-2021-000004')" \
    'failed|[anonimizado]'
check_sql '... the discarded bulletin: its sender, subject and bytes gone' \
    "select from_addr, subject, letter, (select cast(data is null as integer) from blobs b
     where b.hash = i.hash) from inbox i where seq = 1" \
    '[anonimizado]|[anonimizado]|{}|1'
check 'rs-admin check passes' 'rs-admin check'

# --- notices and corrections: the chain holds no address ---------------------------------

intake 2021-06-01T09:00 'Iris Vega' iris@x.co 'Permiso' -p 3001112222
I=RS-2021-000005
check 'an acuse to the requester, her data corrected, an answer and its notice' \
    "rs-notify -n 2021-06-01T09:10 acuse $I >/dev/null &&
     rs-queue -n 2021-06-02T09:00 correct -m 'lo dijo por teléfono' $I \
       email=iris.vega@x.co phone='601 555 0000' name='Iris Vega Díaz' >/dev/null &&
     rs-queue -n 2021-06-02T10:00 correct -m 'ya no tiene' $I phone= >/dev/null &&
     rs-queue -n 2021-06-03T09:00 answer --outcome favorable -m Listo $I >/dev/null &&
     rs-notify -n 2021-06-03T09:10 respuesta $I >/dev/null &&
     rs-queue -n 2021-06-04T09:00 close $I >/dev/null"
check_sql 'no event of hers holds her address, phone or name in its details' \
    "select count(*) from events e join requests r on r.seq = e.request
     where r.id = '$I' and (e.details like '%iris%' or e.details like '%601 555%'
     or e.details like '%Vega%' or e.details like '%3001112222%')" 0
check_out 'before: show puts them back, from the notices and beside the chain' \
    "rs-queue -o table show $I | grep -E '^    (.*enviad|nombre|correo|teléfono)'" <<'ENDOUT'
    acuse enviado a iris@x.co
    nombre: Iris Vega → Iris Vega Díaz
    correo: iris@x.co → iris.vega@x.co
    teléfono: 3001112222 → 601 555 0000
    teléfono: 601 555 0000 → (vacío)
    respuesta enviada a iris.vega@x.co
ENDOUT
check_out 'anonymize: nothing it cannot clear, nothing said on stderr' \
    'rs-admin -n 2026-04-07T10:00 -o csv --before 2022-01-01 anonymize 2>&1' <<'ENDOUT'
id,closed_on
RS-2021-000005,2021-06-04
ENDOUT
to() {	# the pseudonym a notice of hers went to
	sql "select recipient from notices where kind = '$1' and
	    request = (select seq from requests where id = '$I')"
}
check_out 'after: show gives pseudonyms and no data of hers' \
    "rs-queue -o table show $I | grep -E '^    (.*enviad|nombre|correo|teléfono)'" <<ENDOUT
    acuse enviado a $(to acuse)
    nombre: [anonimizado]
    correo: [anonimizado]
    teléfono: [anonimizado]
    teléfono: [anonimizado]
    respuesta enviada a $(to respuesta)
ENDOUT
check_out '... nowhere in it' \
    "rs-queue -o table show $I | { grep -c -i -e iris -e vega -e '601 555' -e 3001112222 || :; }" <<'ENDOUT'
0
ENDOUT
check_out '... nor as JSON' \
    "rs-queue -o json show $I | { grep -c -i -e iris -e vega -e '601 555' -e 3001112222 || :; }" <<'ENDOUT'
0
ENDOUT
check_sql '... her data beside the chain is gone' \
    "select count(*) from event_data where request = (select seq from requests where id = '$I')" 0
check 'rs-admin check passes: the chain untouched' 'rs-admin check'

# --- a file of schema 6: its notice events hold the address ---------------------------

# legacy.py DB SEQ: event SEQ, a notice, as rs wrote it before schema 7
# (the address in its details), with the chain hashed again from it on
cat >legacy.py <<'ENDPY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
seq = int(sys.argv[2])
old = db.execute("select json_remove(json_set(details, '$.to', (select"
    " recipient from notices n where n.seq = json_extract(e.details,"
    " '$.notice'))), '$.notice') from events e where seq = ?",
    (seq,)).fetchone()[0]
def field(h, s):
    if s is None:
        h.update(b'-')
    else:
        b = s.encode()
        h.update(str(len(b)).encode() + b':' + b)
rows = db.execute("select seq, request, at, actor, kind, details, due_on,"
    " written_at, time_reason, prev_hash from events where seq >= ?"
    " order by seq", (seq,)).fetchall()
prev = rows[0][9]
db.execute("drop trigger events_no_update")
for r in rows:
    details = old if r[0] == seq else r[5]
    h = hashlib.sha256(prev)
    for v in (str(r[1]), r[2], r[3], r[4], details, r[6]):
        field(h, v)
    if (r[7] is not None and r[7] != r[2]) or r[8] is not None:
        field(h, r[7])
        field(h, r[8])
    db.execute("update events set details = ?, prev_hash = ?, hash = ?"
        " where seq = ?", (details, prev, h.digest(), r[0]))
    prev = h.digest()
db.execute("update chain set head = ?", (prev,))
db.execute("create trigger events_no_update before update on events begin"
    " select raise(abort, 'events are append-only'); end")
db.commit()
ENDPY
mkdir six
check 'a schema 6 file: an acuse whose event holds the address' \
    "export RS_DB=six/rs.db && rs-admin init &&
     rs-admin config sender pqrsd@oficina.example.gov.co &&
     rs-intake -n 2021-07-01T09:00 -c web -t peticion -N 'Juan Mar' -e juan@x.co -s Licencia >/dev/null &&
     rs-notify -n 2021-07-01T09:10 acuse RS-2021-000001 >/dev/null &&
     rs-queue -n 2021-07-02T09:00 close --withdrawn RS-2021-000001 >/dev/null &&
     python3 legacy.py six/rs.db 2 &&
     sqlite3 six/rs.db '$undo_step7 pragma user_version = 6'"
check_out '... is upgraded to the current version (8) and passes rs-admin check: its chain untouched' \
    "rs-admin -d six/rs.db check && sqlite3 six/rs.db 'pragma user_version;
     select json_extract(details, \"\$.to\") from events where seq = 2'" <<'ENDOUT'
six/rs.db: ok: 1 request, 3 events, the chain is whole
8
juan@x.co
ENDOUT
check_out 'anonymize clears what it can' \
    'rs-admin -d six/rs.db -n 2026-04-07T10:00 --before 2022-01-01 anonymize' <<'ENDOUT'
1 request closed before 2022-01-01 anonymized
ENDOUT
cp err anonymize.err
check_out '... and says which event still holds personal data' \
    'cat anonymize.err' <<'ENDOUT'
rs-admin: RS-2021-000001: event 2 still holds personal data in the chain, which cannot be cleared without breaking it (see rs-db(5))
ENDOUT
check 'rs-admin check passes' 'rs-admin -d six/rs.db check'

done_testing
