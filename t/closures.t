#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin closures and config saturday (DESIGN §2, §3, §5 rules 1, 3, 4):
# a change to the office calendar moves the open requests' dates in the
# same transaction, with a "reschedule" event for each request moved.
# The calendar keeps its history (Ley 4 de 1913 art. 62: a day counts as
# it was): a closure is decided on or before its day, the Saturday
# setting changes from today on, and a due date once given is never moved
# earlier.  Every date was counted by hand (holidays: 2024-12-08 Sun, 2024-12-25
# Wed, 2025-01-01 Wed, 2025-01-06 Mon).
plan 54

A='rs-admin -n 2025-01-03T09:00'
E='rs-admin -n 2024-12-23T09:00'	# the day before Nochebuena
MOVED=id,status,effective_on_before,effective_on,due_on_before,due_on,hold_limit_before,hold_limit
USAGE='usage: rs-admin [-d db] [-g group] init
       rs-admin [-d db] [-n datetime] [-o format] [-u user] config [key [value [from]]]
       rs-admin [-d db] [-o format] closures [list] [year]
       rs-admin [-d db] [-n datetime] [-o format] [-u user] closures add date reason
       rs-admin [-d db] [-n datetime] [-o format] [-u user] closures rm date
       rs-admin [-a] [-d db] [-o format] terms [type days [description]]
       rs-admin [-d db] [-o format] topics [topic team [description]]
       rs-admin [-a] [-d db] [-o format] users
       rs-admin [-d db] users set [--coordinator yes | no] [--email address]
                [--team team] login [name]
       rs-admin [-d db] users activate | deactivate login
       rs-admin [-d db] check [--anchor seq:hash ...] [--anchors file]
       rs-admin [-d db] backup file
       rs-admin [-d db] copy file | uri
       rs-admin [-d db] [-n datetime] export file
       rs-admin [-d db] [-n datetime] [-o format] [-u user] anonymize [--before date]'

# dates: effective_on|due_on of every request, in radicado order
DATES="select id, effective_on, coalesce(due_on, '') from requests order by seq"

check 'rs-admin init creates the store' 'rs-admin init'

#  1 Mon 2 Dec peticion         due Mon 23 Dec, before 24 Dec: stays
#  2 Wed 18 Dec informacion     due Fri 3 Jan (24 Dec day 4)
#  3 Fri 20 Dec peticion        due Wed 15 Jan, answered: stays
#  4 Mon 23 Dec peticion        due Thu 16 Jan (24 Dec day 1), assigned
#  5 Tue 24 Dec 10:00 peticion  that day; 26 Dec day 1 ... due Fri 17 Jan
#  6 Thu 26 Dec felicitacion    no term
#  7 Thu 19 Dec queja           due Tue 14 Jan, closed: stays
#  8 Tue 24 Dec 17:00 peticion  after the cut-off: Thu 26 Dec; due Mon 20 Jan
#  9 Mon 23 Dec peticion        forwarded: stays
# 10 Sat 28 Dec peticion        Mon 30 Dec; due Wed 22 Jan
# 11 Tue 17 Dec 15:30 peticion  before the 16:00 cut-off: that day; Fri 10 Jan
# 12 Thu 2 Jan 2025 peticion    due Fri 24 Jan
cat >in.csv <<'EOF'
received_at,channel,type,name,email,subject
2024-12-02T10:00,correo,peticion,Ana,ana@x.co,Uno
2024-12-18T09:00,correo,informacion,Bea,bea@x.co,Dos
2024-12-20T10:00,correo,peticion,Carla,carla@x.co,Tres
2024-12-23T10:00,correo,peticion,Dora,dora@x.co,Cuatro
2024-12-24T10:00,correo,peticion,Eli,eli@x.co,Cinco
2024-12-26T10:00,correo,felicitacion,Fabio,fabio@x.co,Seis
2024-12-19T10:00,web,queja,Gil,gil@x.co,Siete
2024-12-24T17:00,web,peticion,Hugo,hugo@x.co,Ocho
2024-12-23T11:00,web,peticion,Ines,ines@x.co,Nueve
2024-12-28T10:00,web,peticion,Juan,juan@x.co,Diez
2024-12-17T15:30,web,peticion,Kelly,kelly@x.co,Once
2025-01-02T10:00,web,peticion,Luis,luis@x.co,Doce
EOF
check 'twelve requests registered' 'rs-intake -n 2025-01-03T08:00 in.csv'
# No command answers, assigns or forwards yet: do it by hand.
# the rows changed: a line each (RETURNING), as either store prints them
sql "
update requests set status = 'respondida',
 answered_at = '2024-12-27T10:00:00-05:00' where id = 'RS-2024-000003' returning 1;
update requests set status = 'cerrada',
 answered_at = '2025-01-02T10:00:00-05:00' where id = 'RS-2024-000007' returning 1;
update requests set status = 'asignada', assignee = 'maria'
 where id = 'RS-2024-000004' returning 1;
update requests set status = 'trasladada' where id = 'RS-2024-000009' returning 1" >changed
check_out 'answered, closed, assigned and forwarded by hand' 'wc -l <changed' <<EOF
4
EOF
ORIGINAL='RS-2024-000001|2024-12-02|2024-12-23
RS-2024-000002|2024-12-18|2025-01-03
RS-2024-000003|2024-12-20|2025-01-15
RS-2024-000004|2024-12-23|2025-01-16
RS-2024-000005|2024-12-24|2025-01-17
RS-2024-000006|2024-12-26|
RS-2024-000007|2024-12-19|2025-01-14
RS-2024-000008|2024-12-26|2025-01-20
RS-2024-000009|2024-12-23|2025-01-16
RS-2024-000010|2024-12-30|2025-01-22
RS-2024-000011|2024-12-17|2025-01-10
RS-2025-000001|2025-01-02|2025-01-24'
check_sql 'the dates as registered' "$DATES" "$ORIGINAL"

# --- closures add ------------------------------------------------------------------------

# With Tue 24 Dec closed:
#  2: 19, 20, 23, 26, 27, 30, 31, 2, 3, (6 Reyes) 7 Jan
#  4: 26 Dec is day 1: Fri 17 Jan
#  5: received on the closed day: effective Thu 26 (25 is Navidad); 27 Dec
#     day 1 ... Mon 20 Jan
# 11: 18, 19, 20, 23, 26, ... day 15 Mon 13 Jan
check_err 'closures add for a day that has passed: refused' 65 \
    'rs-admin: 2024-12-24: the day has passed: a closure is decided on or before its day (a day counts as it was, Ley 4 de 1913 art. 62)' \
    "$A closures add 2024-12-24 Nochebuena"
check_sql '... nothing written' "$DATES" "$ORIGINAL"
check_out 'closures add the day before: the open requests moved, listed as CSV' \
    "$E closures add 2024-12-24 Nochebuena" <<EOF
$MOVED
RS-2024-000002,radicada,2024-12-18,2024-12-18,2025-01-03,2025-01-07,,
RS-2024-000004,asignada,2024-12-23,2024-12-23,2025-01-16,2025-01-17,,
RS-2024-000005,radicada,2024-12-24,2024-12-26,2025-01-17,2025-01-20,,
RS-2024-000011,radicada,2024-12-17,2024-12-17,2025-01-10,2025-01-13,,
EOF
WITH_CLOSURE='RS-2024-000001|2024-12-02|2024-12-23
RS-2024-000002|2024-12-18|2025-01-07
RS-2024-000003|2024-12-20|2025-01-15
RS-2024-000004|2024-12-23|2025-01-17
RS-2024-000005|2024-12-26|2025-01-20
RS-2024-000006|2024-12-26|
RS-2024-000007|2024-12-19|2025-01-14
RS-2024-000008|2024-12-26|2025-01-20
RS-2024-000009|2024-12-23|2025-01-16
RS-2024-000010|2024-12-30|2025-01-22
RS-2024-000011|2024-12-17|2025-01-13
RS-2025-000001|2025-01-02|2025-01-24'
check_sql '... and stored: answered, closed and forwarded ones untouched' \
    "$DATES" "$WITH_CLOSURE"
check_sql 'one reschedule event for each request moved, with its due date' \
    "select r.id, e.kind, json_extract(e.details, '$.reason'), e.due_on, e.at, e.actor from events e
     join requests r on r.seq = e.request where e.kind = 'reschedule'
     order by e.seq" \
    'RS-2024-000002|reschedule|cierre 2024-12-24: Nochebuena|2025-01-07|2024-12-23T09:00:00-05:00|tester
RS-2024-000004|reschedule|cierre 2024-12-24: Nochebuena|2025-01-17|2024-12-23T09:00:00-05:00|tester
RS-2024-000005|reschedule|cierre 2024-12-24: Nochebuena|2025-01-20|2024-12-23T09:00:00-05:00|tester
RS-2024-000011|reschedule|cierre 2024-12-24: Nochebuena|2025-01-13|2024-12-23T09:00:00-05:00|tester'
check_sql '... and none for the others' \
    "select r.id, count(e.seq) from requests r left join events e
     on e.request = r.seq and e.kind = 'reschedule'
     where r.id in ('RS-2024-000001', 'RS-2024-000003', 'RS-2024-000006',
     'RS-2024-000007', 'RS-2024-000008', 'RS-2024-000009',
     'RS-2024-000010', 'RS-2025-000001') group by r.id order by r.id" \
    'RS-2024-000001|0
RS-2024-000003|0
RS-2024-000006|0
RS-2024-000007|0
RS-2024-000008|0
RS-2024-000009|0
RS-2024-000010|0
RS-2025-000001|0'
check_out 'rs-due agrees: the list shows the new dates' \
    'rs-due -n 2025-01-03 | grep -e RS-2024-000005 -e RS-2024-000002 | cut -d, -f1,7,8' <<'EOF'
RS-2024-000002,2024-12-18,2025-01-07
RS-2024-000005,2024-12-26,2025-01-20
EOF

check_out 'the same closure again, another reason: nothing moves, nothing printed' \
    "$E closures add 2024-12-24 'Nochebuena (decreto)'" </dev/null
check_sql '... no new events' \
    "select count(*) from events where kind = 'reschedule'" 4
check_out 'a closure on a holiday moves nothing' \
    "$E closures add 2024-12-25 Navidad" </dev/null
check_out 'a closure past every due date moves nothing' \
    "$E closures add 2025-03-14 Inventario" </dev/null
check_sql '... and the dates are as before' "$DATES" "$WITH_CLOSURE"

# --- closures list --------------------------------------------------------------------------

check_out 'closures list' 'rs-admin closures list' <<'EOF'
date,weekday,reason
2024-12-24,martes,Nochebuena (decreto)
2024-12-25,miércoles,Navidad
2025-03-14,viernes,Inventario
EOF
check_out 'closures alone is list' 'rs-admin closures' <<'EOF'
date,weekday,reason
2024-12-24,martes,Nochebuena (decreto)
2024-12-25,miércoles,Navidad
2025-03-14,viernes,Inventario
EOF
check_out 'closures list 2024' 'rs-admin closures list 2024' <<'EOF'
date,weekday,reason
2024-12-24,martes,Nochebuena (decreto)
2024-12-25,miércoles,Navidad
EOF
check_out 'closures 2025' 'rs-admin closures 2025' <<'EOF'
date,weekday,reason
2025-03-14,viernes,Inventario
EOF
check_out 'closures 2026: the header alone' 'rs-admin closures 2026' <<'EOF'
date,weekday,reason
EOF
check_out 'closures -o table: Spanish headers' 'rs-admin -o table closures' <<'EOF'
Fecha       Día        Motivo
2024-12-24  martes     Nochebuena (decreto)
2024-12-25  miércoles  Navidad
2025-03-14  viernes    Inventario
EOF
check_out 'closures -o json 2025' 'rs-admin closures -o json 2025' <<'EOF'
{"date":"2025-03-14","weekday":"viernes","reason":"Inventario"}
EOF
check_err 'closures list 25: not a year' 64 'rs-admin: 25: expected a year' \
    'rs-admin closures list 25'

# --- closures rm ------------------------------------------------------------------------------

check 'closures rm of a closure that moved nothing' \
    "$E closures rm 2024-12-25 >out.rm && test ! -s out.rm"
check_err 'closures rm of a day that has passed: refused' 65 \
    'rs-admin: 2024-12-24: the day has passed: the office was closed that day (a day counts as it was, Ley 4 de 1913 art. 62)' \
    'rs-admin -n 2025-01-03T10:00 closures rm 2024-12-24'
# Removed before the day, the closure goes; the dates the requests were
# given stay: a later change never moves a date earlier.
# Neither a due date nor an effective day moves back: request 5, received
# on the 24th, keeps counting from the 26th.
check_out 'closures rm 2024-12-24 the day before: no date moves back' \
    'rs-admin -n 2024-12-23T10:00 closures rm 2024-12-24' </dev/null
check_sql '... stored' "$DATES" "$WITH_CLOSURE"
check_out 'rs-due -x says why the date stays' \
    'rs-due -x RS-2024-000002 | tail -2 | head -1' <<'EOF'
2025-01-07,martes,,fecha ya dada al peticionario: un cambio posterior del calendario no la adelanta (el cómputo daría 2025-01-03),Ley 4 de 1913 art. 62: cada día cuenta como fue
EOF

snapshot() {
	sql "select * from closures order by day;
	    select seq, hash from events order by seq;
	    select * from requests order by seq" | cksum
}
snapshot >before
check_err 'rm of a day with no closure' 65 \
    'rs-admin: 2024-12-24: no closure on that day' \
    "$E closures rm 2024-12-24"
snapshot >after
ok '... changes nothing' cmp -s before after
check_err 'add: a bad date' 65 \
    'rs-admin: 2024-02-30: expected a date like 2024-12-24' \
    "$A closures add 2024-02-30 Cierre"
check_err 'rm: a bad date' 65 \
    'rs-admin: 24/12/2024: expected a date like 2024-12-24' \
    "$A closures rm 24/12/2024"
check_err 'add: an empty reason' 65 \
    'rs-admin: reason: expected 1 to 200 characters of text' \
    "$A closures add 2024-12-26 ''"
check_err 'add without a reason' 64 "$USAGE" "$A closures add 2024-12-26"
check_err 'closures drop: unknown' 64 "rs-admin: closures drop: unknown command
$USAGE" "$A closures drop 2024-12-26"
snapshot >after
ok '... none of them changed anything' cmp -s before after

# --- the transaction -------------------------------------------------------------------------

BAD=$(store_for bad)
check 'a second store whose only request has a broken received_at' \
    "rs-admin -d '$BAD' init &&
     rs-intake -d '$BAD' -n 2025-01-03T08:00 -c correo -t peticion -N Ana \
         -e ana@x.co -s Uno --received-at 2024-12-18T09:00 >/dev/null" &&
    on "$BAD" sql "update requests set received_at = 'ayer'"
check_err 'the reschedule fails...' 65 \
    "rs-admin: $BAD: RS-2024-000001: received_at: bad time" \
    "$E -d '$BAD' closures add 2024-12-24 Nochebuena"
check_out '... and the closure was not added either: one transaction' \
    "rs-admin -d '$BAD' closures" <<'EOF'
date,weekday,reason
EOF

# --- config saturday, config cutoff --------------------------------------------------------------

# Saturdays open from Fri 3 Jan 2025: the Saturdays before it stay days
# off (Sat 28 Dec: request 10 keeps its effective Mon 30 Dec), those from
# Sat 4 Jan count.  Counting them would make every open due date earlier,
# and a date given is never moved earlier: nothing moves.
check_out 'config saturday yes from today: nothing moves earlier' \
    'rs-admin -n 2025-01-03T11:00 config saturday yes' </dev/null
check_sql '... stored as they were' "$DATES" "$WITH_CLOSURE"
check_sql '... the analysts'"'"' calendar: past Saturdays off, later ones open' \
    "select day, business from business_days where day in
     ('2024-12-28', '2025-01-04', '2025-01-11') order by day" \
    '2024-12-28|0
2025-01-04|1
2025-01-11|1'
check_sql '... the setting keeps its history' \
    'select from_day, open, set_at from saturdays' \
    '2025-01-03|1|2025-01-03T11:00:00-05:00'
check_err 'config saturday with a day that has passed: refused' 65 \
    'rs-admin: 2024-12-28: the day has passed: the Saturday setting changes from today on (a day counts as it was, Ley 4 de 1913 art. 62)' \
    'rs-admin -n 2025-01-03T11:00 config saturday no 2024-12-28'
check_err 'config saturday with a day before 1984: refused' 65 \
    'rs-admin: 1983-12-31: the holiday calendar of Ley 51 de 1983 applies from 1984; earlier dates are not modelled' \
    'rs-admin -n 2025-01-03T11:00 config saturday yes 1983-12-31'
check_err 'config saturday with no date: refused' 65 \
    'rs-admin: 2025-02-30: expected a date like 2025-02-01' \
    'rs-admin -n 2025-01-03T11:00 config saturday yes 2025-02-30'
check_err 'config cutoff takes no day' 64 "$USAGE" \
    'rs-admin -n 2025-01-03T11:00 config cutoff 15:00 2025-02-01'
check_out 'config cutoff 15:00: prints nothing' \
    'rs-admin -n 2025-01-03T11:00 config cutoff 15:00' </dev/null
check_sql '... and moves nothing: the cut-off is applied at intake only' \
    "$DATES" "$WITH_CLOSURE"
# Saturdays off again from Sat 11 Jan: Sat 4 Jan stays a business day.
# Request 12 (Thu 2 Jan, 15 days; given Fri 24 Jan): 3, 4 (Sat), 7-10,
# 13-17, 20-23 is day 15: Thu 23 Jan, earlier than given: it stays.
check_out 'config saturday no from Sat 11 Jan: nothing moves earlier' \
    'rs-admin -n 2025-01-03T12:00 config saturday no 2025-01-11' </dev/null
check_sql '... Sat 4 Jan open, Sat 11 Jan not' \
    "select day, business from business_days where day in
     ('2025-01-04', '2025-01-11') order by day" \
    '2025-01-04|1
2025-01-11|0'
check_sql '... the setting reads as the last value set' \
    "select value from settings where key = 'saturday'" no

BROKEN=$(store_for broken)
rs-admin copy "$BROKEN" >/dev/null &&
    on "$BROKEN" sql "update saturdays set from_day = 'ayer'
    where from_day = '2025-01-11'"
check_err 'a history of the Saturday setting with a bad date: named' 65 \
    "rs-due: $BROKEN: saturdays: bad date \"ayer\"" \
    "rs-due -d '$BROKEN' -n 2025-01-03"

done_testing
