#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Files and permissions lose nothing and leak nothing (rs-db(5),
# "The file"): a database others may read or write is refused, whoever
# opens it; a database reached through a symbolic link is refused naming
# the link; an init or a backup that fails (a full disk, here a file-size
# limit) leaves nothing behind.
plan 27

NOW=2024-08-13T09:00
check 'an office with a request' \
    "rs-admin init &&
     rs-intake -n $NOW -c web -t peticion -N 'Ana Ruiz' -e ana@x.co -s 'Cobro doble' >/dev/null"
count() {
	sqlite3 "${1:-$RS_DB}" 'select count(*) from requests'
}

# --- a database open to others -------------------------------------------

cp rs.db open.db && chmod 644 open.db
check_err 'a world-readable database: a step is refused, 77, with the fix' 77 \
    'rs-intake: open.db: others may read it (mode 0644), and it holds personal data; refused (chmod o-rwx open.db)' \
    "rs-intake -d open.db -n $NOW -c web -t queja -N Bea -e bea@x.co -s Dos"
check_err '... and so is a command that only reads' 77 \
    'rs-queue: open.db: others may read it (mode 0644), and it holds personal data; refused (chmod o-rwx open.db)' \
    'rs-queue -d open.db list'
ok '... which made no -wal or -shm beside it' \
    test ! -e open.db-wal -a ! -e open.db-shm
chmod 662 open.db
check_err 'a world-writable database is refused, 77' 77 \
    'rs-report: open.db: others may write it (mode 0662), and it holds personal data; refused (chmod o-rwx open.db)' \
    'rs-report -d open.db -n 2024-08-20 daily'
chmod 666 open.db
check_err 'read and write: refused, 77' 77 \
    'rs-admin: open.db: others may read and write it (mode 0666), and it holds personal data; refused (chmod o-rwx open.db)' \
    'rs-admin -d open.db check'
ok '... nothing was written to it' test "$(count open.db)" = 1
# a writer held open on a FIFO, so that its -wal and -shm would be there
# to see: SQLite gives them the database's mode, 0666 here
rm -f fifo && mkfifo fifo
exec 3<>fifo
rs-intake -d open.db -n $NOW fifo >/dev/null 2>writer.err 3>&- &
writer=$!
printf 'channel,type,name,email,subject\nweb,queja,Bea,bea@x.co,Dos\n' >&3
i=0
while [ ! -e open.db-wal ] && kill -0 $writer 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.02
	i=$((i + 1))
done
sides=$(echo $(ls open.db-wal open.db-shm 2>/dev/null))
exec 3>&-
wait $writer
st=$?
ok "a writer on it is refused, 77 ($st)" test $st -eq 77
ok "... before it made a -wal or -shm open to others (${sides:-none})" \
    test -z "$sides"
chmod o-rwx open.db
check 'the fix it gives: the database works again' \
    "rs-intake -d open.db -n $NOW -c web -t queja -N Bea -e bea@x.co -s Dos"
ok '... with the step' test "$(count open.db)" = 2
# a -wal or -shm left open to others by some other program
cp rs.db side.db && : >side.db-wal && chmod 666 side.db-wal
check_err 'a -wal others may read and write: refused, naming it' 77 \
    'rs-queue: side.db-wal: others may read and write it (mode 0666), and it holds personal data; refused (chmod o-rwx side.db-wal)' \
    'rs-queue -d side.db -n 2024-08-20T09:00 -u ana take RS-2024-000001'
rm side.db-wal && : >side.db-shm && chmod 604 side.db-shm
check_err 'a -shm others may read: refused, naming it' 77 \
    'rs-due: side.db-shm: others may read it (mode 0604), and it holds personal data; refused (chmod o-rwx side.db-shm)' \
    'rs-due -d side.db -n 2024-08-20'
rm side.db-shm
check 'group-readable and group-writable stay usable (0660)' \
    'chmod 660 side.db && rs-queue -d side.db -n 2024-08-20T09:00 -u ana take RS-2024-000001 >/dev/null'

# --- symbolic links on the path ------------------------------------------

mkdir real && cp rs.db real/rs.db && ln -s real link
here=$(pwd -P)
check_err 'a database through a symlinked directory: 77, naming the link and the real path' 77 \
    "rs-queue: link/rs.db: link is a symbolic link (to real), and the database is not opened through one; refused (use its real path: $here/real/rs.db)" \
    'rs-queue -d link/rs.db list'
check_err '... a link further up, in an absolute path' 77 \
    "rs-intake: $here/link/rs.db: $here/link is a symbolic link (to real), and the database is not opened through one; refused (use its real path: $here/real/rs.db)" \
    "rs-intake -d $here/link/rs.db -n $NOW -c web -t queja -N Bea -e bea@x.co -s Dos"
ok '... nothing written through it' test "$(count real/rs.db)" = 1
check_out '... the real path works' 'rs-queue -d real/rs.db -o csv list | cut -d, -f2' <<'EOF'
id
RS-2024-000001
EOF
check_err 'init through a symlinked directory: refused, 77' 77 \
    "rs-admin: link/new.db: link is a symbolic link (to real), and the database is not opened through one; refused (use its real path: $here/real/new.db)" \
    'rs-admin -d link/new.db init'
ok '... and nothing was created behind it' test ! -e real/new.db

# --- a full disk: a file-size limit (SIGXFSZ ignored: write fails EFBIG) ---
# The limit, in blocks of 512 (dash) or 1024 bytes (bash), is far below a
# new database (about 1 MB) and above what a reader needs (a 32 kB -shm).

mkdir full
check_err 'init on a full disk: 74' 74 \
    'rs-admin: full/rs.db: disk I/O error' \
    "trap '' XFSZ; ulimit -f 200; rs-admin -d full/rs.db init"
check_out '... leaves nothing behind' 'ls -A full' </dev/null
check_out '... so init works once there is room' 'rs-admin -d full/rs.db init && ls -A full' <<'EOF'
rs.db
EOF
check_err 'backup on a full disk: 74' 74 \
    'rs-admin: full/copy.db: disk I/O error' \
    "trap '' XFSZ; ulimit -f 200; rs-admin backup full/copy.db"
check_out '... leaves nothing behind, no -journal' 'ls -A full' <<'EOF'
rs.db
EOF
check_out '... so backup works once there is room, with its anchor' \
    'rs-admin backup full/copy.db | sed "s/ 1:[0-9a-f]\\{64\\}\$/ 1:HASH/" &&
     ls -A full && rs-admin -d full/copy.db check --anchors full/copy.db.anchor' <<'EOF'
full/copy.db: chain head 1:HASH
copy.db
copy.db.anchor
rs.db
full/copy.db: ok: 1 request, 1 event, the chain is whole
full/copy.db: the chain passes through the anchor given
EOF
check_out '... the copy is 0660 too' 'stat -c %a full/copy.db' <<'EOF'
660
EOF

done_testing
