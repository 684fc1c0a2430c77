#!/bin/sh
# Failover without loss: a primary with a synchronous streaming standby,
# the commands on a multi-host URI that wants the writable one.  The
# primary is killed (SIGKILL) in the middle of a stream of intakes and
# operators' takes, and the standby promoted.  Then: every intake that
# exited 0 is there; the numbering goes on with no gap and no repeat; no
# request was taken twice; the chain verifies; and each command that
# failed meanwhile exited 75 and succeeded when run again.
. "$(dirname "$0")/lib.sh"
. "$top/t/pg.sh"
streams=
trap 'for p in $streams; do kill "$p" 2>/dev/null; done; pg_standby_stop; pg_stop' EXIT
trap 'exit 1' HUP INT TERM
plan 18

# what survives a crash is the point here: fsync and the rest as they
# are by default
PG_FAST=0
ok 'a primary' pg_start "$trash/primary"
primary=$PG_SOCK
ok 'its standby, streaming (pg_basebackup -R)' pg_standby "$trash/standby" standby1
standby=$SB_SOCK
check 'the standby is synchronous' \
    "psql -X -q -d '$PG_URI' -c \"ALTER SYSTEM SET synchronous_standby_names = 'standby1'\" -c 'SELECT pg_reload_conf()' >/dev/null"
sync_state() {
	psql -X -q -At -d "$PG_URI" -c \
	    "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'"
}
n=0
while [ "$(sync_state)" != sync ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
sync_state >sync.got
check_out '... as pg_stat_replication says' 'cat sync.got' <<'EOF'
sync
EOF

# the commands know both hosts and want the one that writes
RS_DB="postgresql:///rs?host=$primary,$standby&user=rs&target_session_attrs=read-write"
export RS_DB
check 'rs-admin init through the multi-host URI' 'rs-admin init >/dev/null'

# A stream: N intakes, each a request of its own (external_ref), each
# run again while it exits 75; every attempt and its status logged.
N=40
cat >intakes.sh <<'EOF'
i=1
while [ $i -le $1 ]; do
	printf 'received_at,channel,type,name,email,subject,external_ref\n2026-12-03T09:00,web,peticion,Persona %d,p%d@example.com,Solicitud %d,ref-%03d\n' \
	    $i $i $i $i >one.csv
	while :; do
		rs-intake -n 2026-12-03T10:00 -o tsv one.csv >one.out 2>one.err
		st=$?
		echo "ref-$(printf %03d $i) $st" >>intakes.log
		[ $st -eq 0 ] && break
		[ $st -eq 75 ] || exit 1
		sleep 0.05
	done
	i=$((i + 1))
done
EOF
# Two operators taking the head of the queue, each run again while 75;
# what each take gave, when it exited 0.
cat >takes.sh <<'EOF'
j=1
while [ $j -le $2 ]; do
	while :; do
		RS_USER=$1 rs-queue -n 2026-12-03T11:00 -o tsv next >$1.out 2>$1.err
		st=$?
		echo "$1 $st" >>takes.log
		case $st in
		0) sed -n 2p $1.out | cut -f1 >>taken.log; break ;;
		1) sleep 0.05 ;;		# nothing to take yet
		75) sleep 0.05 ;;
		*) exit 1 ;;
		esac
	done
	j=$((j + 1))
done
EOF
: >intakes.log
: >takes.log
: >taken.log
sh intakes.sh $N &
p_intakes=$!
sh takes.sh ana 10 &
p_ana=$!
sh takes.sh beto 10 &
p_beto=$!
streams="$p_intakes $p_ana $p_beto"

# the primary dies when a third of the stream is in
n=0
while [ "$(grep -c ' 0$' intakes.log)" -lt 12 ] && [ $n -lt 600 ]; do
	sleep 0.05
	n=$((n + 1))
done
ok 'the stream is under way' [ "$(grep -c ' 0$' intakes.log)" -ge 12 ]
kill -KILL "$PG_PID"
wait "$PG_PID" 2>/dev/null
PG_PID=
# the commands find no writable server for a moment
sleep 0.5
check 'the standby is promoted' \
    "psql -X -q -At -d 'postgresql:///postgres?host=$standby&user=rs' -c 'SELECT pg_promote()' | grep -qx t"

finished=0
for p in $p_intakes $p_ana $p_beto; do
	wait "$p" && finished=$((finished + 1))
done
streams=
ok 'every stream ran to its end' [ $finished -eq 3 ]

# what the commands went through
awk '$2 != 0 && $2 != 75' intakes.log >odd.log
awk '$2 != 0 && $2 != 1 && $2 != 75' takes.log >>odd.log
check_out 'every command that failed exited 75' 'cat odd.log' </dev/null
ok 'some did: the switch was felt' \
    [ "$(awk '$2 == 75' intakes.log takes.log | wc -l)" -gt 0 ]
ok 'each intake that failed succeeded when run again' \
    [ "$(awk '$2 == 0 { print $1 }' intakes.log | sort -u | wc -l)" -eq $N ]

# what the new primary holds
awk '$2 == 0 { print $1 }' intakes.log | sort -u >refs.expected
sql 'SELECT external_ref FROM requests ORDER BY external_ref' >refs.got
check_out 'every intake that exited 0 is there, each once' \
    'cat refs.got' <refs.expected
seq -f 'RS-2026-%06g' 1 $N >ids.expected
sql 'SELECT id FROM requests ORDER BY seq' >ids.got
check_out 'the numbering goes on with no gap and no repeat' \
    'cat ids.got' <ids.expected
check_sql '... and the counter with it' \
    'SELECT last FROM counters WHERE year = 2026' $N
sql "SELECT r.id FROM events e JOIN requests r ON r.seq = e.request
    WHERE e.kind = 'take' GROUP BY r.id HAVING count(*) > 1" >twice.got
check_out 'no request was taken twice' 'cat twice.got' </dev/null
sort taken.log | uniq -d >twice.log
check_out '... as the operators saw it' 'cat twice.log' </dev/null
ok 'each operator took 10, once or more' \
    [ "$(sql "SELECT count(*) FROM events WHERE kind = 'take'")" -ge 20 ]
check 'the chain verifies: rs-admin check finds no problem' \
    'rs-admin check >/dev/null'

done_testing
