#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin check on files damaged or changed behind rs (rs-admin(1)):
# whatever a column holds, whatever page is broken, the audit names the
# table, the row and the column and what was expected, and exits 65;
# never a crash.  The other commands refuse such a row the same way.
# The anchors of the chain (--anchor, --anchors) catch a history
# rewritten with its chain recomputed.
plan 33
# the copies are made as the store is, closed to others: rs refuses a
# file others may read before it looks inside
umask 007

check 'rs-admin init' 'rs-admin init && rs-admin config sender oficina@x.co'
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

# copy NAME SQL...: a copy of the store (SQLite's own backup), then each
# SQL in a session of its own (a schema changed takes effect in the next)
copy() {
	f=$1
	shift
	rm -f "$f" && sqlite3 rs.db ".backup $f" || return 1
	for sql; do
		sqlite3 "$f" "$sql" || return 1
	done
}
# columns made nullable, as a file edited by other means may have them
nullable() {	# table column
	echo "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql =
	    replace(sql, '$2 TEXT NOT NULL', '$2 TEXT') WHERE name = '$1'"
}

copy seq.db 'UPDATE requests SET seq = -7 WHERE seq = 2'
check_err 'a request numbered -7: named, and its events have no request' 65 \
    'rs-admin: seq.db: RS-2024-000002: requests.seq: expected a number from 1 on; got -7
rs-admin: seq.db: event 2: its request 2 does not exist
rs-admin: seq.db: event 5: its request 2 does not exist
rs-admin: seq.db: event 7: its request 2 does not exist
rs-admin: seq.db: RS-2024-000002: has no intake event
rs-admin: seq.db: 5 problems found' \
    'rs-admin -d seq.db check'

copy kind.db "$(nullable events kind)" \
    'DROP TRIGGER events_no_update; UPDATE events SET kind = NULL WHERE seq = 5'
check_err 'an event with a NULL kind' 65 \
    'rs-admin: kind.db: RS-2024-000002: event 5: events.kind: expected one of intake, take, assign, release, hold, resume, prolong, extend, forward, answer, close, reopen, void, note, rate, link, merge, reschedule, notice, anonymize, correct, message, documents, bounce, delay, dsn, autoreply, receipt, inbox, discard; got NULL
rs-admin: kind.db: RS-2024-000002: event 5 (NULL) was changed after it was written: its hash does not match
rs-admin: kind.db: RS-2024-000002: assignee is beto but its events say nobody (event 7)
rs-admin: kind.db: 3 problems found' \
    'rs-admin -d kind.db check'

copy unknown.db \
    'DROP TRIGGER events_no_update; UPDATE events SET kind = '"'"'teleport'"'"' WHERE seq = 4'
check_err 'an event of a kind rs never writes' 65 \
    'rs-admin: unknown.db: RS-2024-000001: event 4: events.kind: expected one of intake, take, assign, release, hold, resume, prolong, extend, forward, answer, close, reopen, void, note, rate, link, merge, reschedule, notice, anonymize, correct, message, documents, bounce, delay, dsn, autoreply, receipt, inbox, discard; got "teleport"
rs-admin: unknown.db: RS-2024-000001: event 4 (teleport) was changed after it was written: its hash does not match
rs-admin: unknown.db: 2 problems found' \
    'rs-admin -d unknown.db check'

copy at.db "$(nullable events at)" \
    'DROP TRIGGER events_no_update; UPDATE events SET at = NULL WHERE seq = 4'
check_err 'an event with no time (found by the fuzzer: it crashed the hash)' 65 \
    'rs-admin: at.db: RS-2024-000001: event 4: events.at: expected a date and time; got NULL
rs-admin: at.db: RS-2024-000001: event 4 (take) was changed after it was written: its hash does not match
rs-admin: at.db: 2 problems found' \
    'rs-admin -d at.db check'

copy status.db "$(nullable requests status)" \
    'UPDATE requests SET status = NULL WHERE seq = 3'
check_err 'a request with a NULL status' 65 \
    'rs-admin: status.db: RS-2024-000003: requests.status: expected one of radicada, asignada, en_espera, respondida, cerrada, trasladada, desistida, anulada; got NULL
rs-admin: status.db: 1 problem found' \
    'rs-admin -d status.db check'
check_err '... rs-queue take refuses it, naming the request and the field' 65 \
    'rs-queue: RS-2024-000003: requests.status: expected one of radicada, asignada, en_espera, respondida, cerrada, trasladada, desistida, anulada; got NULL' \
    'rs-queue -d status.db -n 2024-07-08T09:00 -u ana take RS-2024-000003'
check_err '... and so does rs-notify' 65 \
    'rs-notify: RS-2024-000003: requests.status: expected one of radicada, asignada, en_espera, respondida, cerrada, trasladada, desistida, anulada; got NULL' \
    'rs-notify -d status.db -n 2024-07-08T09:00 acuse RS-2024-000003'
ok '... which sent nothing' test ! -s out

copy code.db 'PRAGMA ignore_check_constraints = ON;
    UPDATE requests SET status = '"'"'perdida'"'"' WHERE seq = 3'
check_err 'an unknown status: SQLite'"'"'s CHECK, and the column named' 65 \
    'rs-admin: code.db: integrity: CHECK constraint failed in requests
rs-admin: code.db: RS-2024-000003: requests.status: expected one of radicada, asignada, en_espera, respondida, cerrada, trasladada, desistida, anulada; got "perdida"
rs-admin: code.db: 2 problems found' \
    'rs-admin -d code.db check'
check_err '... a write refuses the file before it writes' 65 \
    'rs-queue: code.db: damaged database: CHECK constraint failed in requests; nothing was written' \
    'rs-queue -d code.db -n 2024-07-08T09:00 -u ana take RS-2024-000003'

copy json.db 'DROP TRIGGER events_no_update;
    UPDATE events SET details = '"'"'{"missing":'"'"' WHERE seq = 7'
check_err 'details that are not JSON' 65 \
    'rs-admin: json.db: RS-2024-000002: event 7: events.details: expected JSON; got "{"missing":"
rs-admin: json.db: RS-2024-000002: event 7 (hold) was changed after it was written: its hash does not match
rs-admin: json.db: 2 problems found' \
    'rs-admin -d json.db check'

copy type.db 'DROP TRIGGER events_no_update;
    UPDATE events SET request = '"'"'uno'"'"' WHERE seq = 4'
check_err 'a request number that is text' 65 \
    'rs-admin: type.db: event 4: events.request: expected a request number; got "uno"
rs-admin: type.db: ?: event 4 (take) was changed after it was written: its hash does not match
rs-admin: type.db: 2 problems found' \
    'rs-admin -d type.db check'

copy nochain.db 'DROP TABLE chain'
check_err 'a table dropped' 65 \
    'rs-admin: nochain.db: chain: cannot be read: no such table: chain
rs-admin: nochain.db: 1 problem found' \
    'rs-admin -d nochain.db check'

# the bytes of the file: cut short, or one bit flipped in a page
copy trunc.db 'PRAGMA journal_mode = DELETE' >/dev/null
truncate -s $(($(stat -c %s trunc.db) / 2)) trunc.db
check_err 'a truncated file' 65 \
    'rs-admin: trunc.db: damaged database: database disk image is malformed' \
    'rs-admin -d trunc.db check'
awk 'BEGIN { for (i = 0; i < 64; i++) print "not a database, but long enough" }' >text.db
check_err 'a file that is not a database' 65 \
    'rs-admin: text.db: damaged database: file is not a database' \
    'rs-admin -d text.db check'
check_err '... nor written into' 65 \
    'rs-intake: text.db: damaged database: file is not a database' \
    'rs-intake -d text.db -n 2024-07-08T09:00 in.csv'
# flip PAGE OFFSET FILE: one bit of one byte, in a page of the events
flip() {
	python3 -c 'import sys
f = open(sys.argv[3], "r+b")
f.seek((int(sys.argv[1]) - 1) * 4096 + int(sys.argv[2]))
b = f.read(1)[0]
f.seek(-1, 1)
f.write(bytes([b ^ 0x10]))' "$@"
}
page=$(sqlite3 rs.db "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' LIMIT 1")
copy header.db 'PRAGMA journal_mode = DELETE' >/dev/null
flip "$page" 0 header.db
check_err 'a flipped bit in a page'"'"'s header: SQLite'"'"'s finding, and the table it hides' 65 \
    "rs-admin: header.db: integrity: Page $page: btreeInitPage() returns error code 11
rs-admin: header.db: file: cannot be read: database disk image is malformed
rs-admin: header.db: events: cannot be read: database disk image is malformed
rs-admin: header.db: 3 problems found" \
    'rs-admin -d header.db check'
check_err '... and an intake refuses to write into it' 65 \
    "rs-intake: header.db: damaged database: Page $page: btreeInitPage() returns error code 11; nothing was written" \
    'rs-intake -d header.db -n 2024-07-08T09:00 in.csv'
copy content.db 'PRAGMA journal_mode = DELETE' >/dev/null
flip "$page" 4000 content.db
check_err 'a flipped bit in an event'"'"'s text: the chain' 65 \
    'rs-admin: content.db: RS-2024-000001: event 1 (intake) was changed after it was written: its hash does not match
rs-admin: content.db: 1 problem found' \
    'rs-admin -d content.db check'

# found by the fuzzer: a record whose header claims gigabytes, which
# SQLite cannot allocate; the file's fault, not an internal error (70)
cp "$top/fuzz/corpus/db/fuzz-nomem-f60dedfa789e.db" nomem.db
check 'a record that claims more than memory: a finding, exit 65' \
    'rs-admin -d nomem.db check 2>e; st=$?; test $st -eq 65 &&
     grep -qx "rs-admin: nomem.db: file: cannot be read: out of memory (a damaged record claims more than can be allocated)" e &&
     tail -n 1 e | grep -qx "rs-admin: nomem.db: 31 problems found"'

# --- anchors ------------------------------------------------------------------

# the coordinator's morning mail carries the chain's head
rs-report -n 2024-07-08 -o csv daily >daily.csv
head=$(sed -n 's/^report,,chain_head,//p' daily.csv)
check_out 'the daily report names the chain'"'"'s head' "echo $head" <<'EOF'
8:b814575a7a917f488cf7bdf21d0feece939e73a3d5e0422d03e9df4c409ff5ad
EOF
check_out 'a matching anchor passes' "rs-admin check --anchor $head" <<EOF
$checked: ok: 3 requests, 8 events, the chain is whole
$checked: the chain passes through the anchor given
EOF

# the answer rewritten, every hash after it recomputed: whole again
copy rewritten.db
python3 "$top/t/rechain.py" rewritten.db 6 '{"outcome":"negativa","text":"No."}'
check_out 'a rewritten answer with its chain recomputed passes the chain alone' \
    'rs-admin -d rewritten.db check' <<'EOF'
rewritten.db: ok: 3 requests, 8 events, the chain is whole
EOF
check_err '... but not the anchor the report published' 65 \
    "rs-admin: rewritten.db: anchor $head: the chain does not pass through it: event 8 has hash HASH: the history was rewritten since the anchor was taken
rs-admin: rewritten.db: 1 problem found" \
    "rs-admin -d rewritten.db check --anchor $head 2>e >/dev/null; st=\$?
     sed 's/has hash [0-9a-f]*:/has hash HASH:/' e >&2; exit \$st"
printf '# anchors from the daily reports\n\n%s 2024-07-08 informe diario\n' \
    "$head" >anchors.txt
check_err '... nor --anchors FILE' 65 \
    "rs-admin: rewritten.db: anchor $head: the chain does not pass through it: event 8 has hash HASH: the history was rewritten since the anchor was taken
rs-admin: rewritten.db: 1 problem found" \
    "rs-admin -d rewritten.db check --anchors anchors.txt 2>e >/dev/null;
     st=\$?; sed 's/has hash [0-9a-f]*:/has hash HASH:/' e >&2; exit \$st"
check_err 'an anchor past the end: events were removed' 65 \
    "rs-admin: rs.db: anchor 9:${head#8:}: event 9 is missing: events were removed or rewritten since the anchor was taken
rs-admin: rs.db: 1 problem found" \
    "rs-admin -d rs.db check --anchor 9:${head#8:}"
check_err 'a bad --anchor: a usage error' 64 \
    'rs-admin: --anchor: expected seq:hash, an event'"'"'s number and its hash in 64 hexadecimal digits; got "8:60a1"' \
    'rs-admin check --anchor 8:60a1'
ok '... which checked nothing' test ! -s out
printf '%s\nnot-an-anchor\n' "$head" >bad-anchors.txt
check_err 'a bad line in --anchors: its file and line' 65 \
    'rs-admin: bad-anchors.txt:2: expected seq:hash, an event'"'"'s number and its hash in 64 hexadecimal digits; got "not-an-anchor"' \
    'rs-admin check --anchors bad-anchors.txt'
check_err 'a missing --anchors file' 66 \
    'rs-admin: nowhere.txt: No such file or directory' \
    'rs-admin check --anchors nowhere.txt'
check_err '--anchor belongs to check' 64 "$(rs-admin -h)" \
    "rs-admin config --anchor $head"
