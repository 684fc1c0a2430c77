#!/bin/sh
# A shared office (rs(7), "Setting up a shared office"): two operators,
# real Unix users in one group, each with their own user group and umask
# 077, write one database; rs-admin init -g sets up the directory or says
# what an administrator must run.  It adds the users and the group, so it
# must run as root (CI does); anyone else gets a failure saying so.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	plan 1
	echo "not ok 1 - t/shared.t must run as root: it adds two Unix users and a group (id -u is $(id -u))"
	exit 1
fi
plan 29

# unique names, so that a second run (or one beside it) does not collide
g=rs-office-$$
u1=rs-op1-$$
u2=rs-op2-$$
tmp=
sqlpid=
cleanup() {
	[ -n "$sqlpid" ] && kill "$sqlpid" 2>/dev/null
	userdel "$u1" 2>/dev/null
	userdel "$u2" 2>/dev/null
	groupdel "$g" 2>/dev/null
	[ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP INT TERM

cleanup		# what a run killed with SIGKILL under this pid left
groupadd "$g" &&
    useradd -M -U -G "$g" -s /usr/sbin/nologin "$u1" &&
    useradd -M -U -G "$g" -s /usr/sbin/nologin "$u2" || {
	echo "# cannot add the users and group $g"
	exit 1
}

# the operators must reach the office and the commands: a directory of
# /tmp, not the build tree, whose parents may be closed to them
tmp=$(mktemp -d /tmp/rs-shared.XXXXXX) && chmod 755 "$tmp" || exit 1
mkdir "$tmp/bin" && cp "$top/rs-admin" "$top/rs-intake" "$top/rs-queue" "$tmp/bin" ||
    exit 1
PATH=$tmp/bin:$PATH
office=$tmp/office
RS_DB=$office/rs.db
export RS_DB

# as an operator: their own uid, user group and the office group
op1="setpriv --reuid=$u1 --regid=$u1 --init-groups env RS_USER=$u1"
op2="setpriv --reuid=$u2 --regid=$u2 --init-groups env RS_USER=$u2"

# --- a directory not set up for the group -------------------------------------

mkdir -m 0755 "$office"
check_err 'init -g in a directory the caller may not change: what to run' 77 \
    "rs-admin: $office: not set up for the group $g (group root, mode 0755); an administrator must run: chgrp $g $office && chmod g+rwxs $office" \
    "$op1 rs-admin init -g $g"
ok '... and nothing is created' test ! -e "$office/rs.db"
chgrp "$g" "$office"
check_err '... only what is missing' 77 \
    "rs-admin: $office: not set up for the group $g (group $g, mode 0755); an administrator must run: chmod g+rwxs $office" \
    "$op1 rs-admin init -g $g"
check_err 'init -g with an unknown group' 64 \
    "rs-admin: -g: no such group \"nobody-$$\"" \
    "rs-admin init -g nobody-$$"
check_err '-g with another command is a usage error' 64 \
    "$(rs-admin -h 2>&1)" \
    "rs-admin -g $g check"

# --- init sets up a directory its caller owns --------------------------------

chown "$u1" "$office"
chgrp root "$office"
check_out 'init -g puts right the directory its caller owns' \
    "umask 077 && $op1 rs-admin init -g $g" <<EOF
$office: group changed from root to $g
$office: mode changed from 0755 to 2775
$office/rs.db: created, mode 0660, group $g
EOF
check_out '... the directory: the group, group-writable, setgid' \
    "stat -c '%a %U %G' $office" <<EOF
2775 $u1 $g
EOF
check_out '... the database: 0660 in the group' \
    "stat -c '%a %U %G' $RS_DB" <<EOF
660 $u1 $g
EOF
check_out 'init -g again: already set up, nothing changed' \
    "rs-admin init -g $g" <<EOF
$RS_DB: already set up for the group $g
EOF
check_err 'init without -g still refuses an existing database' 73 \
    "rs-admin: $RS_DB: already exists" 'rs-admin init'

# --- two operators at work ---------------------------------------------------

check 'operator 1 (umask 077) registers a request' \
    "umask 077 && $op1 rs-intake -n 2024-08-14T09:00 -c web -t peticion -N Ana -e ana@x.co -s Uno"
check 'operator 2 (umask 077) takes it' \
    "umask 077 && $op2 rs-queue -n 2024-08-14T10:00 take RS-2024-000001"

# operator 1 keeps the database open, so the -wal and -shm files are
# theirs while operator 2 writes
mkfifo "$tmp/fifo"
(umask 077 && exec $op1 sqlite3 -batch "$RS_DB" <"$tmp/fifo" >"$tmp/sqlite.out" 2>&1) &
sqlpid=$!
exec 3>"$tmp/fifo"
echo 'SELECT count(*) FROM requests;' >&3
i=0
while [ ! -e "$RS_DB-shm" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check_out 'the -wal and -shm files operator 1 opened: 0660 in the group' \
    "stat -c '%n %a %U %G' $RS_DB-wal $RS_DB-shm" <<EOF
$RS_DB-wal 660 $u1 $g
$RS_DB-shm 660 $u1 $g
EOF
check 'operator 2 registers another meanwhile' \
    "umask 077 && $op2 rs-intake -n 2024-08-14T10:05 -c web -t queja -N Bea -e bea@x.co -s Dos"
exec 3>&-
wait "$sqlpid"
sqlpid=
check_out 'operator 1 lists both' \
    "$op1 rs-queue list | cut -d, -f2,8,13" <<EOF
id,status,assignee
RS-2024-000001,asignada,$u2
RS-2024-000002,radicada,
EOF
check_out 'rs-admin check as operator 2: ok' "$op2 rs-admin check" <<EOF
$RS_DB: ok: 2 requests, 3 events, the chain is whole
EOF

# --- a -wal left in another group --------------------------------------------

# as SQLite leaves it when its process dies, made where the directory did
# not give the office's group
$op2 sh -c "umask 077 && : >$RS_DB-wal && chgrp $u2 $RS_DB-wal"
check_err 'a -wal operator 1 cannot write: 77, naming it' 77 \
    "rs-queue: $RS_DB-wal: permission denied (it must be readable and writable)" \
    "$op1 rs-queue list"
check_err 'init -g by operator 1 says what to run' 77 \
    "rs-admin: $RS_DB-wal: not set up for the group $g (group $u2, mode 0600); an administrator must run: chgrp $g $RS_DB-wal && chmod 0660 $RS_DB-wal" \
    "$op1 rs-admin init -g $g"
check_out 'init -g by root puts it right' "rs-admin init -g $g" <<EOF
$RS_DB-wal: group changed from $u2 to $g
$RS_DB-wal: mode changed from 0600 to 0660
EOF
check_out '... and operator 1 works again' \
    "$op1 rs-queue list | cut -d, -f2" <<EOF
id
RS-2024-000001
RS-2024-000002
EOF

# --- what init -g leaves alone ----------------------------------------------

ln -s /etc/passwd "$office/rs.db-shm"
check_err 'a -shm that is a symbolic link is refused' 77 \
    "rs-admin: $RS_DB-shm: is a symbolic link; refused" "rs-admin init -g $g"
check_out '... and what it points to is untouched' 'stat -c "%a %G" /etc/passwd' <<EOF
644 root
EOF
rm "$office/rs.db-shm"
printf 'not a database\n' >"$office/notes.txt"
chmod 0644 "$office/notes.txt"
check_err 'init -g on a file that is no database is refused' 65 \
    "rs-admin: $office/notes.txt: not an rs database" \
    "rs-admin -d $office/notes.txt init -g $g"
check_out '... and left alone' "stat -c '%a %G' $office/notes.txt" <<EOF
644 $g
EOF

# --- the way rs(7) tells an administrator ------------------------------------

check 'install -d -m 2770 -g GROUP makes the directory' \
    "install -d -m 2770 -g $g $tmp/office2"
check_out 'init -g by root there: nothing to change, the database created' \
    "rs-admin -d $tmp/office2/rs.db init -g $g" <<EOF
$tmp/office2/rs.db: created, mode 0660, group $g
EOF
check_out '... root owns it, the group shares it' \
    "stat -c '%a %U %G' $tmp/office2/rs.db" <<EOF
660 root $g
EOF
check 'operator 2 registers there' \
    "umask 077 && $op2 rs-intake -d $tmp/office2/rs.db -n 2024-08-14T09:00 -c web -t peticion -N Ana -e ana@x.co -s Uno"
check_out 'operator 1 lists it' \
    "$op1 rs-queue -d $tmp/office2/rs.db list | cut -d, -f2" <<EOF
id
RS-2024-000001
EOF

done_testing
