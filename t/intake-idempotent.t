#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake: idempotence on external_ref, and radicado numbers (DESIGN §3):
# PREFIX-YYYY-NNNNNN, consecutive per year of the received time in the
# office's zone, restarting each year.
plan 19

NOW=2025-01-10T12:00
COLS=id,received_at,effective_on,due_on,channel,type,topic,team,priority,preferential,name,salutation,id_number,email,phone,office,requester_kind,subject,description,external_ref,status,new
# ROW id received effective due name email subject ref new
ROW() {
	printf '%s,%s,%s,%s,correo,peticion,,,0,,%s,,,%s,,,,%s,,%s,radicada,%s\n' "$@"
}

same() {
	diff -u "$1" "$2" >diff || { _show diff; return 1; }
}

check 'rs-admin init creates the store' 'rs-admin init'

# 2025-01-01T03:00Z is still 31 December 2024, 22:00, in Bogotá.
printf 'received_at,channel,type,name,email,subject,external_ref\n2024-12-31T23:59:59,correo,peticion,Ana,ana@x.co,Uno,<m1@x.co>\n2025-01-01T00:00:00,correo,peticion,Bea,bea@x.co,Dos,<m2@x.co>\n2024-12-31T23:00:00,correo,peticion,Ana,ana@x.co,Uno otra vez,<m1@x.co>\n2025-01-01T03:00:00Z,correo,peticion,Cy,cy@x.co,Tres,<m3@x.co>\n' >mail.csv
check_out 'the same external_ref twice in one file makes one request' \
    "rs-intake -n $NOW mail.csv" <<EOF
$COLS
$(ROW RS-2024-000001 2024-12-31T23:59:59-05:00 2025-01-02 2025-01-24 Ana ana@x.co Uno '<m1@x.co>' 1)
$(ROW RS-2025-000001 2025-01-01T00:00:00-05:00 2025-01-02 2025-01-24 Bea bea@x.co Dos '<m2@x.co>' 1)
$(ROW RS-2024-000001 2024-12-31T23:59:59-05:00 2025-01-02 2025-01-24 Ana ana@x.co Uno '<m1@x.co>' 0)
$(ROW RS-2024-000002 2024-12-31T22:00:00-05:00 2025-01-02 2025-01-24 Cy cy@x.co Tres '<m3@x.co>' 1)
EOF
check_sql '... three requests, three events, numbers per year' \
    'select id, external_ref, subject from requests order by seq; select count(*) from events; select year, last from counters order by year' \
    'RS-2024-000001|<m1@x.co>|Uno
RS-2025-000001|<m2@x.co>|Dos
RS-2024-000002|<m3@x.co>|Tres
3
2024|2
2025|1'

check_out 'importing the same file again registers nothing: new=0' \
    "rs-intake -n 2025-01-11T08:00 mail.csv" <<EOF
$COLS
$(ROW RS-2024-000001 2024-12-31T23:59:59-05:00 2025-01-02 2025-01-24 Ana ana@x.co Uno '<m1@x.co>' 0)
$(ROW RS-2025-000001 2025-01-01T00:00:00-05:00 2025-01-02 2025-01-24 Bea bea@x.co Dos '<m2@x.co>' 0)
$(ROW RS-2024-000001 2024-12-31T23:59:59-05:00 2025-01-02 2025-01-24 Ana ana@x.co Uno '<m1@x.co>' 0)
$(ROW RS-2024-000002 2024-12-31T22:00:00-05:00 2025-01-02 2025-01-24 Cy cy@x.co Tres '<m3@x.co>' 0)
EOF
check_sql '... no row, no event, no number' \
    'select count(*) from requests; select count(*) from events; select year, last from counters order by year' \
    '3
3
2024|2
2025|1'

check_out 'a request from flags with a known external_ref shows the existing one' \
    "rs-intake -n $NOW -c web -t queja -N Otra -e otra@x.co -s Otro --external-ref '<m2@x.co>'" <<EOF
$COLS
$(ROW RS-2025-000001 2025-01-01T00:00:00-05:00 2025-01-02 2025-01-24 Bea bea@x.co Dos '<m2@x.co>' 0)
EOF
check_sql '... unchanged' \
    "select count(*), group_concat(channel || ' ' || type || ' ' || name) from requests where external_ref = '<m2@x.co>'" \
    '1|correo peticion Bea'

# A refused file leaves no external_ref behind: the corrected one is new.
printf 'channel,type,name,email,subject,external_ref\ncorreo,peticion,Di,di@x.co,Cuatro,<m4@x.co>\ncorreo,peticion,Eva,eva,Cinco,<m5@x.co>\n' >bad.csv
check_err 'a refused file' 65 'rs-intake: bad.csv:3: email: not a valid address: "eva"' \
    "rs-intake -n $NOW bad.csv"
sed 's/,eva,/,eva@x.co,/' bad.csv >fixed.csv
check_out '... once corrected, its rows are new and numbered without a gap' \
    "rs-intake -n $NOW fixed.csv" <<EOF
$COLS
$(ROW RS-2025-000002 2025-01-10T12:00:00-05:00 2025-01-10 2025-01-31 Di di@x.co Cuatro '<m4@x.co>' 1)
$(ROW RS-2025-000003 2025-01-10T12:00:00-05:00 2025-01-10 2025-01-31 Eva eva@x.co Cinco '<m5@x.co>' 1)
EOF

# --- numbering -----------------------------------------------------------------

printf 'received_at,channel,type,name,email,subject\n2025-01-02T09:00,correo,peticion,Fe,fe@x.co,A\n2024-12-30T10:00,correo,peticion,Gil,gil@x.co,B\n2025-01-03T09:00,correo,peticion,Hoy,hoy@x.co,C\n' >years.csv
check_out 'numbers follow the year of each received time' \
    "rs-intake -n $NOW years.csv" <<EOF
$COLS
$(ROW RS-2025-000004 2025-01-02T09:00:00-05:00 2025-01-02 2025-01-24 Fe fe@x.co A '' 1)
$(ROW RS-2024-000003 2024-12-30T10:00:00-05:00 2024-12-30 2025-01-22 Gil gil@x.co B '' 1)
$(ROW RS-2025-000005 2025-01-03T09:00:00-05:00 2025-01-03 2025-01-27 Hoy hoy@x.co C '' 1)
EOF
check 'TZ=Asia/Tokyo, 31 Dec 20:00 in Bogotá (1 Jan in Tokyo)' \
    "TZ=Asia/Tokyo rs-intake -n $NOW -c web -t peticion -N Ivo -e ivo@x.co -s D --received-at 2024-12-31T20:00"
check_sql '... is numbered in 2024' \
    "select id, received_at from requests where name = 'Ivo'" \
    'RS-2024-000004|2024-12-31T20:00:00-05:00'

check 'rs-admin config prefix MA' 'rs-admin config prefix MA'
check_out 'the prefix changes new ids; the count per year goes on' \
    "rs-intake -n $NOW -c web -t peticion -N Jo -e jo@x.co -s E --received-at 2025-01-09T10:00" <<EOF
$COLS
MA-2025-000006,2025-01-09T10:00:00-05:00,2025-01-09,2025-01-30,web,peticion,,,0,,Jo,,,jo@x.co,,,,E,,,radicada,1
EOF
check 'a 2024 request under the new prefix' \
    "rs-intake -n $NOW -c web -t peticion -N Kai -e kai@x.co -s F --received-at 2024-12-30T11:00"
ok '... is MA-2024-000005' grep -q '^MA-2024-000005,' out
check_sql 'old ids keep their prefix' \
    "select id from requests where name in ('Ana', 'Bea') order by id" \
    'RS-2024-000001
RS-2025-000001'
check_sql 'every year is numbered 1..N with no gap and no repeat' \
    "select substr(id, length(id) - 10, 4) y, count(*), count(distinct substr(id, length(id) - 5)), min(cast(substr(id, length(id) - 5) as integer)), max(cast(substr(id, length(id) - 5) as integer)) from requests group by y order by y" \
    '2024|5|5|1|5
2025|6|6|1|6'
check_sql '... and the counters agree' \
    'select year, last from counters order by year' \
    '2024|5
2025|6'

done_testing
