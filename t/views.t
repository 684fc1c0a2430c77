#!/bin/sh
# The analysts' door (DESIGN §3): business_days counts business days in
# SQL exactly as rs does, and the views v_requests and v_events give the
# figures rs reports, without personal data.
. "$(dirname "$0")/lib.sh"
plan 11

check 'rs-admin init fills the calendar table' 'rs-admin init'
check_sql 'every day of 2000-2099, 2024 with 246 business days' \
    "select count(*) from business_days;
     select sum(business) from business_days where day like '2024-%'" \
    '36525
246'
check_sql 'a holiday names itself and counts for nothing' \
    "select day, business, holiday, rank - (select rank from business_days
     where day = '2024-01-05') from business_days
     where day between '2024-01-05' and '2024-01-09'" \
    '2024-01-05|1||0
2024-01-06|0||0
2024-01-07|0||0
2024-01-08|0|Reyes Magos|0
2024-01-09|1||1'

# the worked example: received Tue 2024-01-02 07:00, due Wed 2024-01-24
printf '%s\n' 'received_at,channel,type,name,email,phone,subject' \
    '2024-01-02T07:00,web,peticion,Ana Pérez,ana@x.co,3001234567,Pago' \
    '2024-01-02T08:00,web,peticion,Beto Ruiz,beto@x.co,,Viáticos' \
    '2024-01-02T09:00,web,queja,Carla Díaz,carla@x.co,,Trato' >day.csv
check 'three requests' 'rs-intake -n 2024-01-02T10:00 day.csv >/dev/null'
check 'one answered on its due date, one a day late' \
    'rs-queue -n 2024-01-24T16:00 -u ana answer --outcome favorable -m Listo RS-2024-000001 >/dev/null &&
     rs-queue -n 2024-01-25T09:00 -u ana answer --outcome parcial -m Parte RS-2024-000002 >/dev/null'
check_sql 'v_requests: business days taken and the on-time flag' \
    'select id, effective_on, due_on, answered_on, business_days_taken,
     on_time, open from v_requests order by id' \
    'RS-2024-000001|2024-01-02|2024-01-24|2024-01-24|15|1|0
RS-2024-000002|2024-01-02|2024-01-24|2024-01-25|16|0|0
RS-2024-000003|2024-01-02|2024-01-24||||1'
check_sql 'v_events: the steps, their outcome, no free text' \
    "select id, kind, outcome from v_events where kind = 'answer' order by seq" \
    'RS-2024-000001|answer|favorable
RS-2024-000002|answer|parcial'
check_out 'no personal data in the views' \
    "sqlite3 \"\$RS_DB\" 'select * from v_requests; select * from v_events' |
     grep -c -e Pérez -e ana@x.co -e 3001234567 -e Listo; true" <<'EOF'
0
EOF
check_out '... nor a column for it' \
    "sqlite3 \"\$RS_DB\" 'select name from pragma_table_info(\"v_requests\")
     union all select name from pragma_table_info(\"v_events\")' |
     grep -x -e name -e email -e phone -e id_number -e subject -e description -e details; true" </dev/null
check 'an office closure on Wed 2024-01-10' \
    "rs-admin -n 2024-01-03T08:00 closures add 2024-01-10 'Inventario' >/dev/null"
check_sql '... moves the calendar table in the same step' \
    "select business, closure from business_days where day = '2024-01-10';
     select business_days_taken from v_requests where id = 'RS-2024-000001'" \
    '0|Inventario
14'
done_testing
