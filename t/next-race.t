#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-queue next (DESIGN §2): "atomically take the first unassigned request
# in order".  Four operators race for 400 requests: each is taken once,
# none twice, none skipped, in strict arrival order.  Then next -t TEAM
# and the attention order: urgent, then preferential, then arrival.
plan 15

check 'rs-admin init' 'rs-admin init'
# 400 requests of Tue 2 Jul 2024, one a minute from 08:00 (the last at
# 14:39, before the cut-off): all effective that day, due Tue 23 Jul.
{
	echo received_at,channel,type,name,email,subject
	i=0
	while [ $i -lt 400 ]; do
		printf '2024-07-02T%02d:%02d,web,peticion,Persona %d,p%d@x.co,Asunto %d\n' \
		    $((8 + i / 60)) $((i % 60)) $i $i $i
		i=$((i + 1))
	done
} >many.csv
check '400 requests from one CSV file' 'rs-intake -n 2024-07-02T15:00 many.csv >/dev/null'
check_sql '... all radicada, in the queue' \
    "select status, count(*), min(due_on), max(due_on) from requests group by status" \
    'radicada|400|2024-07-23|2024-07-23'

# operator NAME: next until the queue is empty; its last exit status kept
operator() {
	while :; do
		rs-queue -n 2024-07-03T09:00 -u "$1" next >>took.$1 2>>err.$1
		st=$?
		[ $st -eq 0 ] || break
	done
	echo $st >status.$1
}
: >err.op1 >err.op2 >err.op3 >err.op4
: >took.op1 >took.op2 >took.op3 >took.op4
operator op1 & operator op2 & operator op3 & operator op4 &
wait

check_out 'each operator stopped on an empty queue (exit 1) with no error' \
    'cat status.op1 status.op2 status.op3 status.op4 err.op1 err.op2 err.op3 err.op4' <<'EOF'
1
1
1
1
EOF
check_out 'their outputs: 400 takes of 400 distinct requests' \
    'cat took.op1 took.op2 took.op3 took.op4 | grep "^RS-" | cut -d, -f1 |
     sort | uniq | wc -l; cat took.op* | grep -c "^RS-"' <<'EOF'
400
400
EOF
check 'each output row names its own operator' '
    for op in op1 op2 op3 op4; do
	grep "^RS-" took.$op | grep -v ",asignada,$op,2024-07-23,\$" && exit 1
    done; exit 0'
TOTAL=$(( $(grep -c '^RS-' took.op1) + $(grep -c '^RS-' took.op2) +
    $(grep -c '^RS-' took.op3) + $(grep -c '^RS-' took.op4) ))
ok "the 4 operators' counts add up to 400" test "$TOTAL" -eq 400
check_sql 'one take event for each request, none twice' \
    "select count(*), count(distinct request), sum(case when kind = 'take' then 1 else 0 end) from events
     where kind = 'take'" '400|400|400'
check_sql 'every request asignada' \
    "select status, count(*) from requests group by status" 'asignada|400'
check_sql "the store's counts per operator are theirs" \
    "select assignee, count(*) from requests group by assignee order by assignee" \
    "op1|$(grep -c '^RS-' took.op1)
op2|$(grep -c '^RS-' took.op2)
op3|$(grep -c '^RS-' took.op3)
op4|$(grep -c '^RS-' took.op4)"
check_sql 'the takes came in arrival order: never a later one before an earlier one' \
    "select count(*) from (select request, lag(request) over (order by seq) prev
     from events where kind = 'take') as t where request < prev" 0
check_out 'rs-admin check' 'rs-admin check' <<EOF
$checked: ok: 400 requests, 800 events, the chain is whole
EOF

# --- next -t TEAM, and the attention order ----------------------------------------------

# Topics: comisiones and legalizacion_comisiones -> team comisiones;
# cuentas_pago and otro -> contabilidad.  All Tue 2 Jul, due Tue 23 Jul.
cat >order.csv <<'EOF'
received_at,channel,type,topic,priority,preferential,name,email,subject
2024-07-02T08:00,web,peticion,comisiones,,,Ana,ana@x.co,Uno
2024-07-02T08:10,web,peticion,cuentas_pago,,,Bea,bea@x.co,Dos
2024-07-02T08:20,web,peticion,otro,,,Carla,carla@x.co,Tres
2024-07-02T09:00,presencial,peticion,cuentas_pago,,gestante,Dora,dora@x.co,Cuatro
2024-07-02T09:30,telefonico,peticion,legalizacion_comisiones,2,,Eli,eli@x.co,Cinco
2024-07-02T09:40,web,peticion,comisiones,,,Fabio,fabio@x.co,Seis
2024-07-02T09:50,telefonico,peticion,otro,2,,Gil,gil@x.co,Siete
EOF
check 'a second store with seven requests' \
    'rs-admin -d order.db init && rs-intake -d order.db -n 2024-07-02T15:00 order.csv >/dev/null'
# next -t comisiones: the urgent 5 first, then 1 and 6 by arrival; then
# nothing for that team though contabilidad's remain.  next alone: the
# urgent 7, the preferential 4 (gestante), then 2 and 3 by arrival.
check_out 'next -t comisiones takes only its team, urgent first; next: urgent, preferential, arrival' '
    N="rs-queue -d order.db -n 2024-07-03T09:00 -o csv"
    for i in 1 2 3; do $N -u ana next -t comisiones | sed 1d; done
    $N -u ana next -t comisiones; echo "exit $?"
    for i in 1 2 3 4; do $N -u beto next | sed 1d; done
    $N -u beto next; echo "exit $?"' <<'EOF'
RS-2024-000005,asignada,ana,2024-07-23,
RS-2024-000001,asignada,ana,2024-07-23,
RS-2024-000006,asignada,ana,2024-07-23,
exit 1
RS-2024-000007,asignada,beto,2024-07-23,
RS-2024-000004,asignada,beto,2024-07-23,
RS-2024-000002,asignada,beto,2024-07-23,
RS-2024-000003,asignada,beto,2024-07-23,
exit 1
EOF
ok '... and nothing on stderr' test ! -s err

done_testing
