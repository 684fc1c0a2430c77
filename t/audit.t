#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin check (DESIGN §2, §3): the hash chain of the events and every
# request's status, assignee and due date replayed from its events.  The
# store is tampered with behind rs's back, with sqlite3, each time on a
# fresh copy; check names the radicado and the event and exits 65.
plan 24

check 'rs-admin init' 'rs-admin init'
# Tue 2 Jul: peticion and queja due Tue 23 Jul (15 business days), the
# informacion request Tue 16 Jul (10).
cat >in.csv <<'EOF'
received_at,channel,type,name,email,subject
2024-07-02T09:00,web,peticion,Ana,ana@x.co,Uno
2024-07-02T10:00,web,queja,Bea,bea@x.co,Dos
2024-07-02T11:00,web,informacion,Cy,cy@x.co,Tres
EOF
check 'three requests and five steps' "
    rs-intake -n 2024-07-02T12:00 -u recepcion in.csv &&
    rs-queue -n 2024-07-03T09:00 -u ana take RS-2024-000001 &&
    rs-queue -n 2024-07-03T09:10 -u beto take RS-2024-000002 &&
    rs-queue -n 2024-07-04T09:00 -u ana answer --outcome favorable -m Listo. RS-2024-000001 &&
    rs-queue -n 2024-07-05T09:00 -u beto hold -m anexo RS-2024-000002 &&
    rs-queue -n 2024-07-05T10:00 -u ana close RS-2024-000001"
steps() {
	rs-intake -n 2024-07-02T12:00 -u recepcion in.csv &&
	rs-queue -n 2024-07-03T09:00 -u ana take RS-2024-000001 &&
	rs-queue -n 2024-07-03T09:10 -u beto take RS-2024-000002 &&
	rs-queue -n 2024-07-04T09:00 -u ana answer --outcome favorable -m Listo. RS-2024-000001 &&
	rs-queue -n 2024-07-05T09:00 -u beto hold -m anexo RS-2024-000002 &&
	rs-queue -n 2024-07-05T10:00 -u ana close RS-2024-000001
}
# the copies below are tampered with by sqlite3: on PostgreSQL, the same
# steps are taken again in a file, rs.db, to copy
if [ "${RS_TEST_BACKEND:-sqlite}" = pg ]; then
	(RS_DB=$trash/rs.db && export RS_DB && rs-admin init && steps) \
	    >/dev/null || echo "# rs.db: the steps not taken again"
fi
check_sql 'the events: 1-3 intakes, then take, take, answer, hold, close' \
    "select seq, request, kind, actor, coalesce(due_on, '') from events order by seq" \
    '1|1|intake|recepcion|2024-07-23
2|2|intake|recepcion|2024-07-23
3|3|intake|recepcion|2024-07-16
4|1|take|ana|2024-07-23
5|2|take|beto|2024-07-23
6|1|answer|ana|2024-07-23
7|2|hold|beto|
8|1|close|ana|2024-07-23'

check_out 'check on a consistent store: ok, with the path it was given ($RS_DB)' \
    'rs-admin check' <<EOF
$checked: ok: 3 requests, 8 events, the chain is whole
EOF
ok '... nothing on stderr' test ! -s err
check_out '... and with -d' 'rs-admin -d rs.db check' <<EOF
rs.db: ok: 3 requests, 8 events, the chain is whole
EOF
check 'an empty store' 'rs-admin -d empty.db init'
check_out 'check on it: ok, nothing to chain' 'rs-admin -d empty.db check' <<EOF
empty.db: ok: 0 requests, 0 events, the chain is whole
EOF

# copy NAME SQL: a copy of the store (SQLite's own backup, kept from
# others as rs demands), then SQL on it
copy() {
	rm -f "$1" && sqlite3 rs.db ".backup $1" && chmod o-rwx "$1" &&
	    sqlite3 "$1" "$2"
}

copy actor.db "drop trigger events_no_update;
    update events set actor = 'eve' where seq = 4"
check_err 'an event'"'"'s actor rewritten: the hash, and the assignee it implies' 65 \
    'rs-admin: actor.db: RS-2024-000001: event 4 (take) was changed after it was written: its hash does not match
rs-admin: actor.db: RS-2024-000001: assignee is ana but its events say eve (event 8)
rs-admin: actor.db: 2 problems found' \
    'rs-admin -d actor.db check'
ok '... nothing on stdout' test ! -s out

copy text.db "drop trigger events_no_update;
    update events set details = json_set(details, '$.text', 'Negado.') where seq = 6"
check_err 'an answer'"'"'s text rewritten: the hash' 65 \
    'rs-admin: text.db: RS-2024-000001: event 6 (answer) was changed after it was written: its hash does not match
rs-admin: text.db: 1 problem found' \
    'rs-admin -d text.db check'

copy middle.db "drop trigger events_no_delete; delete from events where seq = 5"
check_err 'an event deleted in the middle: the link, the count, the replay' 65 \
    'rs-admin: middle.db: RS-2024-000001: event 6 does not follow event 4: an event between them is missing or was changed
rs-admin: middle.db: the chain has 7 events but its head records 8: events were removed or added behind rs
rs-admin: middle.db: RS-2024-000002: assignee is beto but its events say nobody (event 7)
rs-admin: middle.db: 3 problems found' \
    'rs-admin -d middle.db check'

# Nothing follows the last event: only the head recorded at each commit
# can tell that it is gone.
copy last.db "drop trigger events_no_delete; delete from events where seq = 8"
check_err 'the last event deleted: the chain head catches it' 65 \
    'rs-admin: last.db: the chain has 7 events but its head records 8: events were removed or added behind rs
rs-admin: last.db: RS-2024-000001: status is cerrada but its events say respondida (event 6)
rs-admin: last.db: 2 problems found' \
    'rs-admin -d last.db check'

# A forged event with a correct link and a correct hash (SHA-256 over the
# previous hash and each field as length:bytes, as lib/lifecycle.c says):
# the chain itself is whole, only the head recorded at the last commit
# tells.
cat >forge <<'EOF'
#!/bin/sh
# forge DB REQUEST AT ACTOR KIND DETAILS DUE_ON: append a well-formed event
prev=$(sqlite3 "$1" 'select hex(hash) from events order by seq desc limit 1')
hash=$(perl -MDigest::SHA=sha256_hex -e '
	my $s = pack("H*", shift);
	$s .= length($_) . ":" . $_ for @ARGV;
	print sha256_hex($s);' "$prev" "$2" "$3" "$4" "$5" "$6" "$7")
sqlite3 "$1" "insert into events (request, at, actor, kind, details, due_on,
    prev_hash, hash) values ($2, '$3', '$4', '$5', '$6', '$7', X'$prev',
    X'$hash')"
EOF
chmod +x forge
copy forged.db 'select 1' >/dev/null
check 'a forged note on RS-2024-000003, hashed as rs would' \
    "./forge forged.db 3 2024-07-06T09:00:00-05:00 eve note '{\"text\":\"visto bueno\"}' 2024-07-16"
check_err '... check: the head records one event less' 65 \
    'rs-admin: forged.db: the chain has 9 events but its head records 8: events were removed or added behind rs
rs-admin: forged.db: 1 problem found' \
    'rs-admin -d forged.db check'

copy careless.db "insert into events (request, at, actor, kind, details,
    due_on, prev_hash, hash) select 3, '2024-07-06T09:00:00-05:00', 'eve',
    'note', '{\"text\":\"x\"}', '2024-07-16', hash, hash from events where seq = 8"
check_err 'a forged event with a made-up hash' 65 \
    'rs-admin: careless.db: RS-2024-000003: event 9 (note) was changed after it was written: its hash does not match
rs-admin: careless.db: the chain has 9 events but its head records 8: events were removed or added behind rs
rs-admin: careless.db: 2 problems found' \
    'rs-admin -d careless.db check'

copy close.db "insert into events (request, at, actor, kind, details,
    due_on, prev_hash, hash) select 2, '2024-07-06T09:00:00-05:00', 'eve',
    'close', '{\"as\":\"desistida\"}', null, hash, hash from events where seq = 8"
check_err 'a forged close: the hash, the head, and the row that disagrees' 65 \
    'rs-admin: close.db: RS-2024-000002: event 9 (close) was changed after it was written: its hash does not match
rs-admin: close.db: the chain has 9 events but its head records 8: events were removed or added behind rs
rs-admin: close.db: RS-2024-000002: status is en_espera but its events say desistida (event 9)
rs-admin: close.db: 3 problems found' \
    'rs-admin -d close.db check'

# The rows: no trigger guards them, the events do.
copy row.db "update requests set status = 'asignada', due_on = '2024-07-24'
    where id = 'RS-2024-000002'"
check_err 'a row'"'"'s status and due_on edited: named with what the events say' 65 \
    'rs-admin: row.db: RS-2024-000002: status is asignada but its events say en_espera (event 7)
rs-admin: row.db: RS-2024-000002: due_on is 2024-07-24 but its events say empty (event 7)
rs-admin: row.db: 2 problems found' \
    'rs-admin -d row.db check'
copy due.db "update requests set due_on = '2024-08-30' where id = 'RS-2024-000003'"
check_err 'a due date moved on an untouched request' 65 \
    'rs-admin: due.db: RS-2024-000003: due_on is 2024-08-30 but its events say 2024-07-16 (event 3)
rs-admin: due.db: 1 problem found' \
    'rs-admin -d due.db check'
copy who.db "update requests set assignee = 'eve' where id = 'RS-2024-000001'"
check_err 'the assignee edited' 65 \
    'rs-admin: who.db: RS-2024-000001: assignee is eve but its events say ana (event 8)
rs-admin: who.db: 1 problem found' \
    'rs-admin -d who.db check'

# art. 17: the month limit decides tacit withdrawal, so it is audited too;
# held Fri 2024-07-05 and never notified: no month runs yet
copy limit.db "update requests set hold_limit = '2024-12-31' where id = 'RS-2024-000002'"
check_err 'a month limit for a requirement never notified' 65 \
    'rs-admin: limit.db: RS-2024-000002: hold_limit is 2024-12-31 but its events say empty (event 7)
rs-admin: limit.db: 1 problem found' \
    'rs-admin -d limit.db check'

copy orphan.db "insert into requests (id, received_at, received_ts,
    effective_on, channel, type, name, status) values ('RS-2024-000004',
    '2024-07-02T12:00:00-05:00', 0, '2024-07-02', 'web', 'peticion', 'Eve',
    'radicada')"
check_err 'a request inserted without rs: no intake event' 65 \
    'rs-admin: orphan.db: RS-2024-000004: has no intake event
rs-admin: orphan.db: 1 problem found' \
    'rs-admin -d orphan.db check'

check_out 'the original is untouched and still whole' 'rs-admin check' <<EOF
$checked: ok: 3 requests, 8 events, the chain is whole
EOF
check_err 'check takes no operand' 64 "$(rs-admin -h)" 'rs-admin check now'

done_testing
