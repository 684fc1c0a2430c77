#!/bin/sh
# Moving an office: rs-admin copy takes a day's office (the demo's: its
# requests, events and chain, notices, mail, documents, users, codes)
# from SQLite to PostgreSQL and back again, and rs-admin backup takes it
# from PostgreSQL into a file.  Every table comes back as it went, row
# for row and byte for byte; check passes at each end; the chain head
# is the same everywhere.
. "$(dirname "$0")/lib.sh"
. "$top/t/pg.sh"
trap 'pg_stop; [ -f demo/web/lighttpd.pid ] && kill "$(cat demo/web/lighttpd.pid)" 2>/dev/null' EXIT
trap 'exit 1' HUP INT TERM
plan 25

ok 'a private cluster starts' pg_start "$trash/pg"
unset RS_CLOCK
check 'an office'"'"'s day on SQLite (the demo'"'"'s)' \
    "RS_DEMO_TODAY=2026-12-03 RS_DEMO_DIR=$trash sh $top/scripts/demo.sh >demo.out 2>&1"
[ -f demo/web/lighttpd.pid ] && kill "$(cat demo/web/lighttpd.pid)"
export RS_OFFICE=bogota
LITE=$trash/demo.db
PG=$PG_URI

tables='settings saturdays topics closures counters requests events chain
    notices business_days blobs documents mail_seen inbox terms links users
    event_data access_codes web_hits'
# every row of every table, blobs in hexadecimal, sorted
dump() {	# FILE
	for t in $tables; do
		sqlite3 "$1" ".mode quote" "SELECT '$t', * FROM $t" | sort
	done
}
# how many rows in all
rows_in() {	# FILE
	for t in $tables; do
		sqlite3 "$1" "SELECT count(*) FROM $t"
	done | awk '{ n += $1 } END { print n }'
}
# the head a backup of STORE prints
head_of() {	# STORE NAME
	rs-admin -d "$1" backup "$trash/$2.db" | sed 's/.*chain head //'
}

rows=$(rows_in "$LITE")
check_out 'copy from SQLite to an office of PostgreSQL: every row' \
    "rs-admin -d '$LITE' copy '$PG'" <<EOF
$PG: $rows filas copiadas
EOF
check 'check passes on PostgreSQL' "rs-admin -d '$PG' check >/dev/null"
RS_DB=$PG
check_sql '... where the requests are, in the office'"'"'s schema' \
    "SELECT count(*) FROM bogota.requests" "$(sqlite3 "$LITE" 'SELECT count(*) FROM requests')"
check_sql '... and the search index was built there' \
    "SELECT count(*) FROM requests_fts
    WHERE doc @@ to_tsquery('rs_search', 'rodriguez')" 1

check_out 'copy back to a new SQLite file' \
    "rs-admin -d '$PG' copy back.db" <<EOF
back.db: $rows filas copiadas
EOF
check 'check passes on the file' 'rs-admin -d back.db check >/dev/null'
dump "$LITE" >lite.rows
dump back.db >back.rows
check_out 'every table came back row for row, byte for byte' \
    'diff lite.rows back.rows' </dev/null
ok '... and there was much to compare' [ "$(wc -l <back.rows)" -gt 36000 ]

check_out 'the office goes on on PostgreSQL: the next radicado' \
    "rs-intake -d '$PG' -n 2026-12-04T09:00 -c presencial -t peticion \
    -N 'Ana Ruiz' -e ana@example.com -s 'Después de la mudanza' |
    sed -n 2p | cut -d, -f1" <<'EOF'
RS-2026-000016
EOF

# a backup of the office on the server is a file of it
check_out 'backup of an office on PostgreSQL: a file, and its head' \
    "rs-admin -d '$PG' backup copia.db | sed 's/chain head [0-9]*:[0-9a-f]*\$/chain head H/'" <<'EOF'
copia.db: chain head H
EOF
check 'its anchor beside it' 'test -s copia.db.anchor'
check 'check passes on the file at that anchor' \
    'rs-admin -d copia.db check --anchors copia.db.anchor >/dev/null'
ok '... which holds the new request' \
    [ "$(sqlite3 copia.db 'SELECT count(*) FROM requests')" -eq 16 ]
h1=$(head_of "$PG" h1)
h2=$(head_of copia.db h2)
ok "the server and its backup end in one chain head ($h1)" \
    [ -n "$h1" ] && [ "$h1" = "$h2" ]

# an export that cannot be written whole leaves nothing beside its name
check_err 'an export past the file-size limit: 73' 73 \
    "rs-admin: $trash/analisis.db.tmp: disk I/O error" \
    "trap '' XFSZ; ulimit -f 256; rs-admin -d '$PG' -n 2026-12-05T08:00 export '$trash/analisis.db'"
check_out '... and no file of it is left, nor its journal' 'ls | sed -n /analisis/p' </dev/null
check 'with room, the export is whole' \
    "rs-admin -d '$PG' -n 2026-12-05T08:00 export analisis.db >/dev/null &&
    test \"\$(sqlite3 analisis.db 'SELECT count(*) FROM requests')\" -eq 16"

# never over what exists
check_err 'copy to a file that exists: 73' 73 \
    'rs-admin: back.db: already exists' "rs-admin -d '$LITE' copy back.db"
check_err 'copy to an office that exists: 73' 73 \
    "rs-admin: $PG: office \"bogota\" already exists" \
    "rs-admin -d '$LITE' copy '$PG'"
check_sql '... and the office there is untouched' \
    "SELECT count(*) FROM requests" 16

# a copy that fails half-way leaves no office behind
cp "$LITE" bad.db
sqlite3 bad.db "UPDATE requests SET subject = CAST(X'C3' AS TEXT) WHERE seq = 15"
check_err 'a value the server refuses (not UTF-8): 65' 65 \
    "rs-admin: $PG: invalid byte sequence for encoding \"UTF8\": 0xc3" \
    "RS_OFFICE=medellin rs-admin -d bad.db copy '$PG'"
check_sql '... and no office medellin was left there' \
    "SELECT count(*) FROM pg_namespace WHERE nspname = 'medellin'" 0
check 'so the copy may simply be run again, once the value is mended' \
    "sqlite3 bad.db \"UPDATE requests SET subject = 'Arreglado' WHERE seq = 15\" &&
    RS_OFFICE=medellin rs-admin -d bad.db copy '$PG' >/dev/null"
done_testing
