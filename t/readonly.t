#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Read-only access (rs-db(5)): the commands that only read open the
# database read-only, and give the same output when the file, or the file
# and its directory, may not be written by whoever reads: an auditor, an
# analyst, a copy of a backup.  They run here as an unprivileged user
# (root ignores permissions, so the test drops them with setpriv).
plan 18

if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || {
		echo "Bail out! running as root, setpriv (util-linux) is needed to read as a user"
		exit 1
	}
	as_user='setpriv --reuid=65534 --regid=65534 --clear-groups'
else
	as_user=
fi

check 'an office with three requests and their steps' \
    "rs-admin init &&
     rs-intake -n 2024-08-13T09:00 -c web -t peticion -N 'Ana Ruiz' -e ana@x.co -s 'Cobro doble' >/dev/null &&
     rs-intake -n 2024-08-13T10:00 -c correo -t queja -N 'Luis Mora' -e luis@x.co -s 'Trato en ventanilla' >/dev/null &&
     rs-intake -n 2024-08-14T11:00 -c presencial -t informacion -N 'Eva Gil' -p 3001234567 -s 'Copia de contrato' >/dev/null &&
     rs-queue -n 2024-08-14T12:00 -u ana take RS-2024-000001 >/dev/null &&
     rs-queue -n 2024-08-15T09:00 -u ana answer --outcome favorable -m 'Se devolvió' RS-2024-000001 >/dev/null"

# reads DB: what each reading command writes, as a list of outputs
cat >reads <<'EOF'
rs-report -n 2024-08-20 daily
rs-report -o table -n 2024-08-20 --from 2024-08-01 --to 2024-08-31 pqrsd
rs-due -n 2024-08-20
rs-due -q -n 2024-08-20 -w 30; echo "status $?"
rs-due -x RS-2024-000002
rs-queue -n 2024-08-20 list -a
rs-queue -o table show RS-2024-000001
rs-queue search luis
rs-admin check
EOF
chmod 755 . && chmod 644 reads
cat >read_all.sh <<'EOF'
while IFS= read -r cmd; do
	echo "== $cmd"
	RS_DB=$1 sh -c "$cmd" 2>&1 | sed "s|$1|DB|g"
done <reads
EOF
check 'what they write from the office database' "sh ./read_all.sh $RS_DB >expected.reads"
ok '... (something, each of them)' sh -c '[ "$(grep -c "^== " expected.reads)" -eq 9 ] && ! grep -q "^rs-" expected.reads'

# (a) a file the reader may not write, in a directory it may
# the reader is in the file's group (nogroup, 65534), never one of the
# others: rs refuses a file others may read (t/files-hostile.t)
mkdir a && cp rs.db a/rs.db && chmod 440 a/rs.db && chgrp 65534 a/rs.db 2>/dev/null &&
    chown 65534 a 2>/dev/null; chmod 755 a
check 'a file it may not write: the same output' \
    "$as_user sh ./read_all.sh $trash/a/rs.db >a.reads && diff expected.reads a.reads"
ok '... and leaves no -wal or -shm of its own that would keep writers out' \
    sh -c '[ "$(ls a)" = rs.db ]'
check_err '... while a step on it is refused, 77' 77 \
    'rs-queue: a/rs.db: permission denied (it must be readable and writable)' \
    "$as_user rs-queue -d a/rs.db -n 2024-08-20T09:00 -u luis take RS-2024-000002"
check_err '... and an intake too' 77 \
    'rs-intake: a/rs.db: permission denied (it must be readable and writable)' \
    "$as_user rs-intake -d a/rs.db -n 2024-08-20T09:00 -c web -t peticion -N X -e x@x.co -s y"
check_sql '... nothing written' 'select count(*) from requests' 3
RS_DB=$trash/a/rs.db check_sql '... in the copy either' 'select count(*), max(status) from requests' '3|respondida'

# (b) the file and its directory read-only: no -wal, no -shm can be made;
# a copy no one writes is read as immutable
mkdir b && cp rs.db b/rs.db && chmod 440 b/rs.db && { chgrp 65534 b/rs.db 2>/dev/null; chmod 555 b; }
check 'a read-only directory: the same output' \
    "$as_user sh ./read_all.sh $trash/b/rs.db >b.reads && diff expected.reads b.reads"
ok '... and nothing made beside the file' sh -c '[ "$(ls b)" = rs.db ]'
check_err '... a step is refused, 77' 77 \
    'rs-queue: b/rs.db: permission denied (it must be readable and writable)' \
    "$as_user rs-queue -d b/rs.db -n 2024-08-20T09:00 -u luis take RS-2024-000002"
check_out 'rs-admin backup reads it too' \
    "$as_user rs-admin -d b/rs.db backup /tmp/rs-readonly-$$.db | sed 's/.*: chain head /head /' && sqlite3 /tmp/rs-readonly-$$.db 'select count(*) from requests'; rm -f /tmp/rs-readonly-$$.db /tmp/rs-readonly-$$.db.anchor" <<'EOF'
head 5:dad3c870aa3c0b4a66c9bf54bbbdbdd632012b1ec131a6cbc408a9c1374c859f
3
EOF

# (b') the same, but a file someone may write: no lock-free reading
mkdir b2 && cp rs.db b2/rs.db && chmod 660 b2/rs.db && { chgrp 65534 b2/rs.db 2>/dev/null; chmod 555 b2; }
check_err 'a file others may write, in a read-only directory: refused, 77' 77 \
    'rs-report: b2/rs.db: cannot be read here: SQLite needs to write its -shm index beside it, and the directory is not writable (read it where it is, or a copy no one may write: chmod a-w)' \
    "$as_user rs-report -d b2/rs.db -n 2024-08-20 daily"

# (c) a -wal with pages the file lacks, and no -shm, in a read-only
# directory: reading the file alone would show the past, so it is refused.
# Another connection left open keeps the -wal of a step from going away.
mkfifo hold.fifo
sqlite3 "$RS_DB" <hold.fifo >/dev/null 2>&1 &
holder=$!
exec 5>hold.fifo
printf 'SELECT count(*) FROM requests;\n.shell touch held\n' >&5
i=0
until [ -e held ] || [ $i -ge 400 ]; do	# the holder's connection is open
	sleep 0.05
	i=$((i + 1))
done
rs-queue -n 2024-08-20T09:00 -u luis take RS-2024-000002 >/dev/null
mkdir c && cp rs.db c/rs.db && cp rs.db-wal c/rs.db-wal
exec 5>&-
wait $holder
chmod 440 c/rs.db c/rs.db-wal && { chgrp 65534 c/rs.db c/rs.db-wal 2>/dev/null; chmod 555 c; }
ok 'a copy with its -wal, without its -shm' test -s c/rs.db-wal
check_err '... is refused, saying what to do, 77' 77 \
    "rs-report: c/rs.db: cannot be read here: its -wal holds changes not yet in the file, and SQLite needs to write its -shm index beside it to read them (read it where its directory is writable, or a copy made with rs-admin backup)" \
    "$as_user rs-report -d c/rs.db -n 2024-08-20 daily"

# (d) a file of an older schema cannot be upgraded by a reader
mkdir d && cp rs.db d/rs.db && sqlite3 d/rs.db "$undo_step6 pragma user_version = 5" &&
    chmod 440 d/rs.db && { chgrp 65534 d/rs.db 2>/dev/null; chmod 555 d; }
check_err 'an older schema, read-only: not upgraded, 77' 77 \
    'rs-report: d/rs.db: schema version 5 is older than this program'"'"'s (8), and it cannot be upgraded here: it is read-only (open it once with write access, for instance rs-admin -d d/rs.db config)' \
    "$as_user rs-report -d d/rs.db -n 2024-08-20 daily"
check_err 'a file it may not read: 77' 77 \
    'rs-report: e.db: permission denied (it must be readable)' \
    "cp rs.db e.db && chmod 600 e.db && $as_user rs-report -d e.db -n 2024-08-20 daily"

chmod 755 b b2 c d
