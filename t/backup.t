#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin backup FILE (DESIGN §2 "online, consistent"; §3 0660, readers
# never block writers; §6 exit 73 when the output cannot be created).
plan 27

USAGE=$(rs-admin -h)

# the store's content: every row, every event's hash, the chain's head
content() {
	sqlite3 "$1" "select * from requests order by seq;
	    select seq, request, kind, hex(hash) from events order by seq;
	    select events, hex(head) from chain; select * from counters"
}

check 'rs-admin init' 'rs-admin init'
cat >in.csv <<'EOF'
received_at,channel,type,name,email,subject
2024-07-02T09:00,web,peticion,Ana,ana@x.co,Uno
2024-07-02T10:00,web,queja,Bea,bea@x.co,Dos
2024-07-02T11:00,web,informacion,Cy,cy@x.co,Tres
EOF
check 'three requests, two steps' '
    rs-intake -n 2024-07-02T12:00 in.csv &&
    rs-queue -n 2024-07-03T09:00 -u ana next &&
    rs-queue -n 2024-07-03T09:30 -u ana hold -m anexo RS-2024-000001'

check_out 'backup FILE: only the chain head of the copy, to keep as an anchor' \
    'rs-admin backup copy.db' <<'EOF'
copy.db: chain head 5:bb4742d14c7989641844844918b133fd3d7638cbb671cb87c872f46274ba0c33
EOF
check_out '... also kept beside it, a line check --anchors reads' \
    'cat copy.db.anchor' <<'EOF'
5:bb4742d14c7989641844844918b133fd3d7638cbb671cb87c872f46274ba0c33 copy.db
EOF
check_out '... which it does' 'rs-admin check --anchors copy.db.anchor' <<EOF
$checked: ok: 3 requests, 5 events, the chain is whole
$checked: the chain passes through the anchor given
EOF
check_out '... the copy is 0660 (umask 022)' 'stat -c %a copy.db' <<'EOF'
660
EOF
check_out '... it passes rs-admin check' 'rs-admin -d copy.db check' <<'EOF'
copy.db: ok: 3 requests, 5 events, the chain is whole
EOF
content rs.db >content.orig
content copy.db >content.copy
ok '... with the same rows, events and chain head' cmp -s content.orig content.copy
check 'a backup under umask 077' '(umask 077 && rs-admin backup copy077.db)'
check_out '... still 0660: group-shared, never world-readable' 'stat -c %a copy077.db' <<'EOF'
660
EOF
check 'a backup under umask 000' '(umask 000 && rs-admin backup copy000.db)'
check_out '... still 0660' 'stat -c %a copy000.db' <<'EOF'
660
EOF

cksum copy.db >before
check_err 'backup onto an existing file: refused' 73 \
    'rs-admin: copy.db: already exists' 'rs-admin backup copy.db'
cksum copy.db >after
ok '... which is left alone' cmp -s before after
ln -s elsewhere.db link.db
check_err 'backup through a dangling symbolic link: refused' 73 \
    'rs-admin: link.db: already exists' 'rs-admin backup link.db'
ok '... nothing created where it points' test ! -e elsewhere.db
check_err 'backup into a missing directory' 73 \
    'rs-admin: nodir/copy.db: No such file or directory' 'rs-admin backup nodir/copy.db'
check_err 'backup without FILE' 64 "$USAGE" 'rs-admin backup'
check_err 'backup of a missing store' 66 \
    'rs-admin: nowhere.db: no such database (create it with rs-admin init)' \
    'rs-admin -d nowhere.db backup x.db'
ok '... creates no copy' test ! -e x.db

# --- a backup while two writers run -------------------------------------------------

# intake and next in loops for two seconds; three backups meanwhile
end=$(( $(date +%s) + 2 ))
intaker() {
	i=0
	while [ "$(date +%s)" -lt $end ]; do
		i=$((i + 1))
		rs-intake -n 2024-07-04T10:00 -c web -t peticion -N "Carga $i" \
		    -e carga@x.co -s "carga $i" >/dev/null 2>>writer.err ||
		    echo "intake $i: exit $?" >>writer.err
	done
	echo $i >intakes
}
taker() {
	while [ "$(date +%s)" -lt $end ]; do
		rs-queue -n 2024-07-04T10:00 -u op next >/dev/null 2>>writer.err
		st=$?
		[ $st -le 1 ] || echo "next: exit $st" >>writer.err
	done
}
: >writer.err
intaker & taker &
sleep 0.5; rs-admin backup live1.db 2>backup.err; echo $? >>backup.status
sleep 0.5; rs-admin backup live2.db 2>>backup.err; echo $? >>backup.status
sleep 0.5; rs-admin backup live3.db 2>>backup.err; echo $? >>backup.status
wait

check_out 'the three backups succeeded, silently; the writers saw no error' \
    'cat backup.status backup.err writer.err' <<'EOF'
0
0
0
EOF
ok '... and wrote something meanwhile' test "$(cat intakes)" -gt 3
check 'each backup passes rs-admin check' '
    for f in live1.db live2.db live3.db; do
	rs-admin -d $f check >/dev/null || exit 1
    done'
# one moment of the store: every request with its intake event, every
# taken one with its take, every event with its request, no number lost
check_out '... and is one consistent moment of the store' '
    for f in live1.db live2.db live3.db; do
	sqlite3 $f "select
	    (select count(*) from requests r where not exists (select 1 from
	     events e where e.request = r.seq and e.kind = '"'intake'"')),
	    (select count(*) from requests r where r.status = '"'asignada'"' and
	     not exists (select 1 from events e where e.request = r.seq and
	     e.kind = '"'take'"')),
	    (select count(*) from events e where not exists (select 1 from
	     requests r where r.seq = e.request)),
	    (select count(*) = (select max(last) from counters) from requests
	     where id like '"'RS-2024-%'"')"
    done' <<'EOF'
0|0|0|1
0|0|0|1
0|0|0|1
EOF
check_out 'the store itself passes check' 'rs-admin check | sed "s/: ok: .*//"' <<EOF
$RS_DB
EOF

# on a terminal it says how much and how fast; off one, nothing
check 'a backup on a terminal reports its size and rate' \
    "script -qec 'rs-admin backup tty-copy.db' /dev/null | tr -d '\\r' >tty.out &&
     grep -q 'rs-admin: tty-copy.db: [0-9.]* MB copiados en [0-9.]* s' tty.out"
check_out '... and off a terminal says nothing of it: only the chain head' \
    'rs-admin backup quiet-copy.db 2>&1 |
     sed "s/ [0-9]*:[0-9a-f]*\$/ SEQ:HASH/"' <<'EOF'
quiet-copy.db: chain head SEQ:HASH
EOF
done_testing
