#!/bin/sh
# The toolkit under the faults of the real world (issue 8, DESIGN §3, §6):
# a writer killed half-way, a lock held past the timeout, a full disk,
# read-only files, stdout that cannot be written, symlinked, truncated and
# corrupted databases, and the permissions of every file rs creates.
. "$(dirname "$0")/lib.sh"
plan 44

NOW=2024-08-13T10:00
H=received_at,channel,type,name,email,subject,description

# big.csv: 10,000 rows received in 2024
awk -v h=$H 'BEGIN { print h
	for (i = 1; i <= 10000; i++)
		printf "2024-08-13T09:00,web,peticion,Persona %d,p%d@x.co,Asunto %d,Descripcion del caso numero %d\n", i, i, i, i
}' >big.csv
# old.csv: three rows received in 2023, committed before the crash
printf '%s\n' $H \
    2023-05-02T09:00,web,peticion,Antes,a@x.co,Uno,a \
    2023-05-02T09:00,web,peticion,Antes,a@x.co,Dos,b \
    2023-05-02T09:00,web,peticion,Antes,a@x.co,Tres,c >old.csv
printf '%s\n' $H 2024-08-13T09:00,web,peticion,Una,u@x.co,Sola,x >one.csv

mode() {	# mode FILE: its permission bits
	stat -c %a "$1"
}
count() {	# count [DB]: the number of requests
	sqlite3 "${1:-$RS_DB}" 'select count(*) from requests'
}

check 'rs-admin init' 'rs-admin init'

# --- kill -9 half-way through a 10,000-row file ----------------------------
# rs-intake imports old.csv (committed, its frames left in the -wal), then
# reads big.csv from a FIFO that delivers the first 5,000 rows and stalls:
# the kill lands inside the open transaction every time, however fast the
# machine (a plain file of 10,000 rows is imported in about 0.1 s here).
head -n 5001 big.csv >half.csv
mkfifo fifo
: >crash.out
rs-intake -n $NOW old.csv fifo >crash.out 2>crash.err &
victim=$!
(cat half.csv; exec sleep 30) >fifo 2>/dev/null &
feeder=$!
i=0	# old.csv committed and shown (header + 3 rows), then 0.3 s of reading
while [ "$(wc -l <crash.out)" -lt 4 ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
sleep 0.3
ok 'the writer is still inside the transaction when killed' \
    kill -0 $victim
kill -9 $victim
wait $victim 2>/dev/null
kill $feeder 2>/dev/null
wait $feeder 2>/dev/null
ok 'the crash left the -wal and -shm files behind' \
    test -s rs.db-wal -a -f rs.db-shm
wal_mode=$(mode rs.db-wal) shm_mode=$(mode rs.db-shm)
ok "the -wal and -shm are not world-readable ($wal_mode, $shm_mode)" \
    test "$wal_mode" = 660 -a "$shm_mode" = 660
check_out 'rs-admin check passes after the crash (rs opens it first)' \
    'rs-admin check' <<EOF
$checked: ok: 3 requests, 3 events, the chain is whole
EOF
check_sql 'the committed file survived from the -wal; none of the killed one' \
    "select substr(id, 1, 7), count(*) from requests group by 1" 'RS-2023|3'
check_sql 'the killed file used no radicado number' \
    'select year, last from counters order by year' '2023|3'
check 'the same file imports after the crash' \
    "rs-intake -n $NOW big.csv >/dev/null"
check_sql 'numbered RS-2024-000001..010000, gapless and unique' \
    "select count(*), count(distinct id), min(id), max(id) from requests where id like 'RS-2024-%'" \
    '10000|10000|RS-2024-000001|RS-2024-010000'
check 'rs-admin check passes after the re-import' 'rs-admin check'

# --- a lock held past RS_BUSY_TIMEOUT ---------------------------------------
before=$(count)
# the holder keeps the lock until told, through a fifo, to let go; it
# says it has the lock by touching a file, so no timing decides the test
mkfifo hold.fifo
sqlite3 "$RS_DB" <hold.fifo >held 2>&1 &
holder=$!
exec 5>hold.fifo
printf 'BEGIN IMMEDIATE;\n.shell touch lock.taken\n' >&5
i=0
until [ -e lock.taken ] || [ $i -ge 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
check_err 'a lock held past the timeout: exit 75' 75 \
    "rs-intake: $RS_DB: database is locked" \
    "RS_BUSY_TIMEOUT=300 rs-intake -n $NOW one.csv"
ok 'it gave up while the lock was still held' kill -0 $holder
ok 'it printed nothing' test ! -s out
ok 'nothing was written while locked' test "$(count)" = "$before"
printf 'COMMIT;\n' >&5
exec 5>&-
wait $holder
check 'the retry after the lock works' \
    "RS_BUSY_TIMEOUT=300 rs-intake -n $NOW one.csv >/dev/null"
check_sql 'and takes the next number' \
    "select id from requests order by seq desc limit 1" 'RS-2024-010001'

# --- a full disk during an import -------------------------------------------
# disk.db is fresh; 6000 blocks of 512 bytes (3 MB) hold the 1.7 MB of
# output in the temporary file but not the 4+ MB the import adds to the -wal.
DISK=$trash/disk.db
RS_DB=$DISK
check 'a fresh database for the full disk' 'rs-admin init'
# the kernel's answer to a write past the limit is EFBIG, plus SIGXFSZ
# unless it is ignored; with it ignored, the write fails like on a full disk
check_err 'a full disk (ulimit -f, SIGXFSZ ignored): exit 74' 74 \
    "rs-intake: $DISK: disk I/O error" \
    "trap '' XFSZ; ulimit -f 6000; RS_DB=$DISK rs-intake -n $NOW big.csv >/dev/null"
check_sql 'nothing of that file was written' \
    'select count(*) from requests; select count(*) from counters' '0
0'
# the plain ulimit -f of the issue: the program must not die of SIGXFSZ
check_err 'a full disk (plain ulimit -f): exit 74, not killed by SIGXFSZ' 74 \
    "rs-intake: $DISK: disk I/O error" \
    "ulimit -f 6000; RS_DB=$DISK exec rs-intake -n $NOW big.csv >/dev/null"
check 'rs-admin check passes after the full disk' "RS_DB=$DISK rs-admin check"
check_sql 'still nothing written' \
    "select count(*) from requests" 0
check "the import works once there is room" \
    "RS_DB=$DISK rs-intake -n $NOW big.csv >/dev/null"
check_sql 'numbered 1..10000: the failed import used no number' \
    "select count(*), min(id), max(id) from requests" \
    '10000|RS-2024-000001|RS-2024-010000'
RS_DB=$trash/rs.db

# --- read-only database or directory ----------------------------------------
# root ignores permissions: run these as nobody, through setpriv(1)
as_user=
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 &&
	    as_user='setpriv --reuid=65534 --regid=65534 --clear-groups'
fi
if [ "$(id -u)" -eq 0 ] && [ -z "$as_user" ]; then
	echo "Bail out! running as root, setpriv (util-linux) is needed to test as a user"
	exit 1
else
	# nobody reads it as a member of its group: others may not
	chmod 755 . && cp rs.db ro.db && chmod 440 ro.db &&
	    { chgrp 65534 ro.db 2>/dev/null; :; }
	check_err 'a read-only database: exit 77, a clear error' 77 \
	    "rs-intake: ro.db: permission denied (it must be readable and writable)" \
	    "$as_user rs-intake -d ro.db -n $NOW one.csv"
	check_sql 'nothing written to it' \
	    "select count(*) from requests" "$(count ro.db)"
	rm -f ro.db
	mkdir rodir && cp rs.db rodir/rs.db && chmod 660 rodir/rs.db &&
	    { chgrp 65534 rodir/rs.db 2>/dev/null; chmod 555 rodir; }
	check_err 'a read-only directory: exit 77, a clear error' 77 \
	    "rs-intake: rodir: permission denied (the database needs its -wal and -shm files beside it)" \
	    "$as_user rs-intake -d rodir/rs.db -n $NOW one.csv"
	ok 'nothing written there' test "$(count rodir/rs.db)" = "$(count)"
	chmod 755 rodir
fi

# --- stdout that cannot be written ------------------------------------------
check_err 'rs-queue list >/dev/full: exit 74' 74 \
    'rs-queue: stdout: No space left on device' 'rs-queue list >/dev/full'
check_err 'rs-intake >/dev/full: exit 74' 74 \
    'rs-intake: stdout: No space left on device' \
    "rs-intake -n $NOW one.csv >/dev/full"

# --- symlinked, truncated and corrupted databases ---------------------------
ln -s rs.db link.db
before=$(count)
check_err 'a symlinked database is refused' 77 \
    'rs-intake: link.db: is a symbolic link; refused' \
    "rs-intake -d link.db -n $NOW one.csv"
ok 'nothing written through the link' test "$(count)" = "$before"

# copies of the main file alone, after rs closed it cleanly (no -wal)
size=$(stat -c %s rs.db)
pages=$((size / 4096))
cp rs.db trunc.db && truncate -s $((size / 2)) trunc.db
check_err 'a truncated database: a clear error, exit 65' 65 \
    'rs-intake: trunc.db: damaged database: database disk image is malformed' \
    "rs-intake -d trunc.db -n $NOW one.csv"
ok 'nothing printed' test ! -s out
ok 'nothing written to the truncated file' \
    test "$(stat -c %s trunc.db)" = $((size / 2)) -a ! -s trunc.db-wal
cp rs.db bad.db
awk 'BEGIN { for (i = 0; i < 8192; i++) printf "X" }' |
    dd of=bad.db bs=4096 seek=$((pages / 2)) count=2 conv=notrunc 2>/dev/null
cp bad.db bad.orig
# A page no statement of an intake reads is found by the integrity_check
# that comes before the first write only on a file up to
# RS_WRITE_CHECK_MAX (2 MiB, lib/rs.h): the check holds the write lock.
# This file is larger: a known gap, reported as TODO, until a write
# checks the tables it touches.
[ "$size" -gt $((2 * 1024 * 1024)) ] &&
    TODO='past 2 MiB, corrupted pages an intake never reads are found by rs-admin check only'
check_err 'a corrupted database: a clear error, exit 65' 65 \
    "rs-intake: bad.db: damaged database: Page $((pages / 2 + 2)): btreeInitPage() returns error code 11; nothing was written" \
    "rs-intake -d bad.db -n $NOW one.csv"
check 'nothing written to the corrupted file' \
    'sqlite3 bad.db "PRAGMA wal_checkpoint" >/dev/null 2>&1; cmp bad.db bad.orig'
TODO=
check 'rs-admin check refuses it: exit 65, "malformed"' \
    'rs-admin -d bad.db check 2>e; st=$?; grep -q "events: cannot be read: database disk image is malformed" e &&
     tail -n 1 e | grep -qx "rs-admin: bad.db: [0-9]* problems found" && test $st -eq 65'

# --- permissions of new databases -------------------------------------------
ok "a new database is 0660 under umask 022 ($(mode rs.db))" \
    test "$(mode rs.db)" = 660
(umask 000; RS_DB=$trash/open.db rs-admin init)
ok "a new database is 0660 under umask 000 ($(mode open.db))" \
    test "$(mode open.db)" = 660
# its -wal and -shm, while a writer holds them open (stalled on a FIFO)
rm -f fifo && mkfifo fifo
(umask 000; RS_DB=$trash/open.db exec rs-intake -n $NOW fifo >/dev/null) &
writer=$!
exec 3>fifo
head -n 2 big.csv >&3
i=0
until [ -f open.db-shm ] && [ -f open.db-wal ] || [ $i -ge 100 ]; do
	sleep 0.02
	i=$((i + 1))
done
wal_mode=$(mode open.db-wal) shm_mode=$(mode open.db-shm)
exec 3>&-
wait $writer
ok "umask 000: the -wal is 0660 ($wal_mode)" test "$wal_mode" = 660
ok "umask 000: the -shm is 0660 ($shm_mode)" test "$shm_mode" = 660
ok 'umask 000: the writer finished' test "$(count open.db)" = 1
ok 'no file rs made here is world-readable' \
    test -z "$(find . -maxdepth 1 -type f -name '*.db*' -perm -o=r)"
done_testing
