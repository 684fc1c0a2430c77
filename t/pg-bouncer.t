#!/bin/sh
# The commands through PgBouncer, as rs(7) deploys it beside an
# operator's host: session pooling, the server connection handed from
# one short command to the next, reset between them (DISCARD ALL).  Two
# offices' commands take turns on the one server connection of the
# pool, and each office keeps its own numbering, statements and chain.
. "$(dirname "$0")/lib.sh"
. "$top/t/pg.sh"
bouncer=
trap '[ -n "$bouncer" ] && kill "$bouncer" 2>/dev/null && wait "$bouncer"; pg_stop; rm -rf "$bdir"' EXIT
trap 'exit 1' HUP INT TERM
plan 12

ok 'a private cluster starts' pg_start "$trash/pg"
ok 'pgbouncer is installed (scripts/deps.sh)' sh -c 'command -v pgbouncer >/dev/null'

# PgBouncer on a socket of its own, in front of the cluster's; as root
# it runs as the cluster's user, as PostgreSQL does
bdir=$(mktemp -d /tmp/rspgb.XXXXXX)
printf '"rs" ""\n' >"$trash/users.txt"
cat >"$trash/pgbouncer.ini" <<EOF
[databases]
rs = host=$PG_SOCK dbname=rs user=rs
[pgbouncer]
listen_addr =
listen_port = 6432
unix_socket_dir = $bdir
auth_type = trust
auth_file = $trash/users.txt
admin_users = rs
pool_mode = session
default_pool_size = 1
server_reset_query = DISCARD ALL
logfile = $trash/pgbouncer.log
EOF
if [ "$(id -u)" -eq 0 ]; then
	chown "$_pg_user:$_pg_group" "$bdir"
	chmod 644 "$trash/users.txt" "$trash/pgbouncer.ini"
	touch "$trash/pgbouncer.log" && chown "$_pg_user" "$trash/pgbouncer.log"
	setpriv --reuid="$_pg_user" --regid="$_pg_group" --init-groups \
	    pgbouncer "$trash/pgbouncer.ini" >/dev/null 2>&1 &
else
	pgbouncer "$trash/pgbouncer.ini" >/dev/null 2>&1 &
fi
bouncer=$!
n=0
while [ ! -S "$bdir/.s.PGSQL.6432" ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
ok 'pgbouncer listens on its socket' [ -S "$bdir/.s.PGSQL.6432" ]
RS_DB="postgresql:///rs?host=$bdir&port=6432&user=rs"
admin() {	# SHOW ...: PgBouncer's console
	psql -X -q -At -d "postgresql:///pgbouncer?host=$bdir&port=6432&user=rs" -c "$1"
}

check 'two offices made through it' \
    'rs-admin init && RS_OFFICE=cali rs-admin init'
cat >one.csv <<'EOF'
received_at,channel,type,name,email,subject
2026-12-03T09:00,web,peticion,Ana Ruiz,ana@example.com,Una
EOF
# the offices take turns: each command gets the connection the one
# before it left, reset
: >ids
for o in main cali main cali main cali; do
	RS_OFFICE=$o rs-intake -n 2026-12-03T10:00 -o tsv one.csv |
	    sed -n 2p | cut -f1 | sed "s/^/$o /" >>ids
done
check_out 'each office numbers its own, taking turns' 'cat ids' <<'EOF'
main RS-2026-000001
cali RS-2026-000001
main RS-2026-000002
cali RS-2026-000002
main RS-2026-000003
cali RS-2026-000003
EOF
admin 'SHOW SERVERS' | wc -l >servers
check_out '... all on one server connection' 'cat servers' <<'EOF'
1
EOF
check_out 'a take in each, in order' \
    'rs-queue -n 2026-12-03T11:00 -o tsv next | cut -f1 | sed -n 2p &&
    RS_OFFICE=cali rs-queue -n 2026-12-03T11:00 -o tsv next | cut -f1 | sed -n 2p' <<'EOF'
RS-2026-000001
RS-2026-000001
EOF
check 'each office'"'"'s chain verifies through it' \
    'rs-admin check >/dev/null && RS_OFFICE=cali rs-admin check >/dev/null'
check_out 'the report of both offices through it' \
    'RS_OFFICE=main,cali rs-report -o csv summary --from 2026-12-01 --to 2026-12-31 | grep "^summary,total,received,"' <<'EOF'
summary,total,received,6
EOF
admin 'SHOW SERVERS' | wc -l >servers
check_out 'still one server connection' 'cat servers' <<'EOF'
1
EOF
admin 'SHOW STATS' | awk -F'|' '$1 == "rs" { print ($2 > 10) }' >used
check_out '... used by every command' 'cat used' <<'EOF'
1
EOF
kill "$bouncer"
wait "$bouncer" 2>/dev/null
bouncer=
rm -rf "$bdir"
check_err 'PgBouncer gone: 75, worth trying again' 75 \
    "rs-queue: $RS_DB: cannot connect: connection to server on socket \"$bdir/.s.PGSQL.6432\" failed: No such file or directory Is the server running locally and accepting connections on that socket?" \
    'rs-queue list'
done_testing
