#!/bin/sh
# The PostgreSQL store as an office meets it: a URI chooses it; an
# office is made once, named by RS_OFFICE, in a database that sorts text
# as SQLite does; logins refused, databases and offices missing, a
# server away each have their exit status; a password never shows; two
# offices number apart and never wait for each other; a writer waits
# for another of its own office only up to RS_BUSY_TIMEOUT.
. "$(dirname "$0")/lib.sh"
. "$top/t/pg.sh"
trap 'pg_stop; [ -n "$holder" ] && kill "$holder" 2>/dev/null' EXIT
trap 'exit 1' HUP INT TERM
holder=
plan 47

ok 'a private cluster starts' pg_start "$trash/pg"
RS_DB=$PG_URI
sock=$PG_SOCK
uri_of() {	# DATABASE [PARAMS]: the URI of a database of the cluster
	echo "postgresql:///$1?host=$sock${2:+&$2}"
}

check_out 'init makes the office main' 'rs-admin init' </dev/null
check_err 'init again: the office exists' 73 \
    "rs-admin: $RS_DB: office \"main\" already exists" 'rs-admin init'
check_err 'init -g: a group is a file'"'"'s' 64 \
    "rs-admin: -g: a file's group; an office on PostgreSQL is shared with GRANT (rs-db(5))" \
    'rs-admin -g root init'
check_err 'another office: none yet' 66 \
    "rs-queue: $RS_DB: no office \"cali\" (create it with rs-admin init)" \
    'RS_OFFICE=cali rs-queue list'
check_out 'RS_OFFICE=cali rs-admin init makes it' \
    'RS_OFFICE=cali rs-admin init' </dev/null
check_err 'an office name that is not a plain identifier' 64 \
    'rs-queue: RS_OFFICE: expected a name of lower-case letters, digits and _, starting with a letter, at most 63, not public, information_schema or pg_...; got "Cali; drop"' \
    'RS_OFFICE="Cali; drop" rs-queue list'
check_err '... nor public' 64 \
    'rs-queue: RS_OFFICE: expected a name of lower-case letters, digits and _, starting with a letter, at most 63, not public, information_schema or pg_...; got "public"' \
    'RS_OFFICE=public rs-queue list'
check_err 'postgres:// is a URI too' 66 \
    "rs-queue: $(echo "$RS_DB" | sed 's|^postgresql:|postgres:|'): no office \"bogota\" (create it with rs-admin init)" \
    "RS_DB='$(echo "$RS_DB" | sed 's|^postgresql:|postgres:|')' RS_OFFICE=bogota rs-queue list"

# two offices: their own numbering, queue and chain
cat >batch.csv <<'EOF'
received_at,channel,type,name,email,subject
2026-12-03T09:00,web,peticion,Ana Ruiz,ana@example.com,Primera
2026-12-03T09:30,web,queja,Luis Mora,luis@example.com,Segunda
EOF
check 'two requests in main' 'rs-intake -n 2026-12-03T10:00 batch.csv >/dev/null'
check 'one in cali' \
    'head -2 batch.csv | RS_OFFICE=cali rs-intake -n 2026-12-03T10:00 >/dev/null'
check_out 'main numbers its own' 'rs-queue -o tsv list | cut -f2' <<'EOF'
id
RS-2026-000001
RS-2026-000002
EOF
check_out 'cali numbers its own from 1' \
    'RS_OFFICE=cali rs-queue -o tsv list | cut -f2' <<'EOF'
id
RS-2026-000001
EOF
check_sql 'the counters are two rows in two schemas' \
    "SELECT (SELECT last FROM main.counters) || ',' || (SELECT last FROM cali.counters)" \
    '2,1'
check_out 'each office'"'"'s chain verifies' \
    'rs-admin check && RS_OFFICE=cali rs-admin check' <<EOF
$RS_DB: office "main": ok: 2 requests, 2 events, the chain is whole
$RS_DB: office "cali": ok: 1 request, 1 event, the chain is whole
EOF

# a writer of main holds its lock: cali goes on, main waits and gives up
mkfifo hold
PGAPPNAME=holder psql -X -q -d "$RS_DB" -c 'BEGIN' \
    -c 'SELECT version FROM main.schema_version FOR UPDATE' \
    -c '\! echo locked >hold' -c 'SELECT pg_sleep(30)' >/dev/null 2>&1 &
holder=$!
read -r _ <hold
check 'with main locked, cali registers at once' \
    'head -2 batch.csv | sed "s/Primera/Tercera/" |
    RS_OFFICE=cali RS_BUSY_TIMEOUT=200 rs-intake -n 2026-12-03T10:05 >/dev/null'
check_err 'main waits 200 ms, then 75' 75 \
    "rs-intake: $RS_DB: canceling statement due to lock timeout" \
    'head -2 batch.csv | sed "s/Primera/Cuarta/" |
    RS_BUSY_TIMEOUT=200 rs-intake -n 2026-12-03T10:05 >/dev/null'
# the holder's session ended by the server, its lock with it
pg_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE application_name = 'holder'" >/dev/null
wait "$holder" 2>/dev/null
holder=
check_out '... and nothing of it was written' \
    'rs-queue -o tsv list | cut -f2 | sed 1d' <<'EOF'
RS-2026-000001
RS-2026-000002
EOF
check 'once free, main registers' \
    'head -2 batch.csv | sed "s/Primera/Cuarta/" |
    rs-intake -n 2026-12-03T10:06 >/dev/null'
check_sql '... the next number, no gap' \
    "SELECT id FROM requests ORDER BY seq DESC LIMIT 1" 'RS-2026-000003'

# a report over two offices: what rs-report -f makes of both offices' rows
check 'each office'"'"'s requests as rows' \
    'rs-queue list -a -o csv >main.csv && RS_OFFICE=cali rs-queue list -a -o csv >cali.csv'
rs-report -f -o csv summary --from 2026-12-01 --to 2026-12-31 main.csv cali.csv \
    >both.expected 2>&1
check_out 'RS_OFFICE=main,cali: one summary of both offices' \
    'RS_OFFICE=main,cali rs-report -o csv summary --from 2026-12-01 --to 2026-12-31' \
    <both.expected
ok '... of their five requests' grep -q '^summary,total,received,5$' both.expected
check_err 'the daily report is one office'"'"'s' 64 \
    "rs-report: daily: one office's morning; summary, pqrsd and satisfaction cover several offices" \
    'RS_OFFICE=main,cali rs-report daily'
check_err 'several offices of a SQLite file: there is one' 64 \
    'rs-report: RS_OFFICE: several offices are a PostgreSQL database'"'"'s; a SQLite file is one office (-f reads the rows of several)' \
    "RS_OFFICE=main,cali rs-report -d '$trash/none.db' summary --from 2026-12-01 --to 2026-12-31"

# an analyst's login: reads an office, writes nothing
pg_sql 'CREATE ROLE analista LOGIN' 'GRANT USAGE ON SCHEMA main TO analista' \
    'GRANT SELECT ON ALL TABLES IN SCHEMA main TO analista'
check_out 'a login granted SELECT reads the queue' \
    "RS_DB='$(uri_of rs user=analista)' rs-queue -o tsv list | cut -f2" <<'EOF'
id
RS-2026-000001
RS-2026-000003
RS-2026-000002
EOF
check 'a note, an event with details' \
    "rs-queue -n 2026-12-03T11:00 note -m 'Llamó para preguntar' RS-2026-000001"
psql -X -q -At -d "$(uri_of rs user=analista)" \
    -c 'SELECT count(*) FROM main.v_events WHERE late IS NULL' >views.out 2>&1
check_out 'the analyst reads the views by the office'"'"'s name, whatever its path' \
    'cat views.out' <<'EOF'
4
EOF
check_err '... and may not write: 77' 77 \
    "rs-intake: $(uri_of rs user=analista): office \"main\": this login may read it, not write to it (permission denied for table schema_version)" \
    "RS_DB='$(uri_of rs user=analista)' rs-intake -n 2026-12-03T10:07 batch.csv"

# what is missing or refused
check_err 'a database that does not exist: 66' 66 \
    "rs-queue: $(uri_of nada user=rs): connection to server on socket \"$sock/.s.PGSQL.5432\" failed: FATAL: database \"nada\" does not exist" \
    "RS_DB='$(uri_of nada user=rs)' rs-queue list"
check_err 'a role that does not exist: login refused, 77' 77 \
    "rs-queue: $(uri_of rs user=nadie): login refused: connection to server on socket \"$sock/.s.PGSQL.5432\" failed: FATAL: role \"nadie\" does not exist" \
    "RS_DB='$(uri_of rs user=nadie)' rs-queue list"
check_err 'a password is never shown' 77 \
    "rs-queue: postgresql://nadie:***@/rs?host=$sock: login refused: connection to server on socket \"$sock/.s.PGSQL.5432\" failed: FATAL: role \"nadie\" does not exist" \
    "RS_DB='postgresql://nadie:s3creta@/rs?host=$sock' rs-queue list"
check_err '... nor as a parameter' 77 \
    "rs-queue: $(uri_of rs user=nadie\&password=***): login refused: connection to server on socket \"$sock/.s.PGSQL.5432\" failed: FATAL: role \"nadie\" does not exist" \
    "RS_DB='$(uri_of rs user=nadie\&password=s3creta)' rs-queue list"
check_err 'a URI libpq cannot read: 64, and the password not in the reason' 64 \
    'rs-queue: postgresql://clave:***@[mal: not a connection URI libpq can read: end of string reached when looking for matching "]" in IPv6 host address in URI' \
    "rs-queue -d 'postgresql://clave:s3creta@[mal' list"
check_err '... nor where the password is what it cannot read' 64 \
    "rs-queue: $(uri_of rs user=rs\&password=***): not a connection URI libpq can read: invalid percent-encoded token" \
    "rs-queue -d '$(uri_of rs user=rs\&password=s3creta%zz)' list"
check_err 'a parameter libpq refuses: 64, never worth running again' 64 \
    "rs-queue: $(uri_of rs sslmode=bogus): invalid sslmode value: \"bogus\"" \
    "rs-queue -d '$(uri_of rs sslmode=bogus)' list"
check_out '... nor in the lines of check' \
    "RS_DB='postgresql://rs:s3creta@/rs?host=$sock' RS_OFFICE=cali rs-admin check" <<EOF
postgresql://rs:***@/rs?host=$sock: office "cali": ok: 2 requests, 2 events, the chain is whole
EOF
pg_sql 'CREATE DATABASE copia'
check_out '... nor in what copy says it filled' \
    "RS_OFFICE=cali rs-admin copy '$(uri_of copia user=rs\&password=s3creta)' | sed 's/: [0-9]* filas/: N filas/'" <<EOF
$(uri_of copia user=rs\&password=***): N filas copiadas
EOF
mkdir -p nothing
check_err 'no server there: 75, worth trying again' 75 \
    "rs-queue: postgresql:///rs?host=$trash/nothing&user=rs: cannot connect: connection to server on socket \"$trash/nothing/.s.PGSQL.5432\" failed: No such file or directory Is the server running locally and accepting connections on that socket?" \
    "RS_DB='postgresql:///rs?host=$trash/nothing&user=rs' rs-queue list"

# a database that would sort otherwise than SQLite
pg_sql "CREATE DATABASE icu TEMPLATE template0 ENCODING 'UTF8'
    LOCALE_PROVIDER icu ICU_LOCALE 'es-CO' LOCALE 'C.UTF-8'" \
    "CREATE DATABASE latin TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'"
check_err 'init refuses a database sorted by es-CO' 78 \
    "rs-admin: $(uri_of icu user=rs): the database is in es-CO; rs needs UTF-8 text sorted by its bytes, as on SQLite (CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8')" \
    "RS_DB='$(uri_of icu user=rs)' rs-admin init"
check_err '... and one in LATIN1' 78 \
    "rs-admin: $(uri_of latin user=rs): the database is in LATIN1; rs needs UTF-8 text sorted by its bytes, as on SQLite (CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8')" \
    "RS_DB='$(uri_of latin user=rs)' rs-admin init"
check_sql '... making no office there' \
    "SELECT count(*) FROM pg_namespace WHERE nspname = 'main'" 1

# a newer schema than the program's is refused, as on SQLite
pg_sql 'UPDATE main.schema_version SET version = version + 1'
check_err 'a newer schema: refused, 78' 78 \
    "rs-queue: $RS_DB: schema version 9 is newer than this program's (8); refused" \
    'rs-queue list'
pg_sql 'UPDATE main.schema_version SET version = version - 1'
check 'and back, it reads' 'rs-queue list >/dev/null'

# the refusals of the schema hold for a hand on the server too
check_err 'a request is never deleted, even by hand' 3 \
    'psql:<stdin>:1: ERROR:  requests are never deleted
CONTEXT:  PL/pgSQL function rs_refuse() line 1 at RAISE' \
    "echo 'DELETE FROM requests' | PGOPTIONS='-c search_path=main' psql -X -q -v ON_ERROR_STOP=1 -d '$RS_DB' -f -"
# a table that cannot be read is one finding, and the audit goes on
# past it in the same snapshot (a failed statement does not end it)
RS_OFFICE=cali pg_sql 'DROP TABLE access_codes'
check_err 'check on an office with a table dropped: that table alone' 65 \
    "rs-admin: $RS_DB: office \"cali\": access_codes: cannot be read: relation \"access_codes\" does not exist
rs-admin: $RS_DB: office \"cali\": 1 problem found" \
    'RS_OFFICE=cali rs-admin check'

pg_stop
check_err 'the server gone: 75' 75 \
    "rs-queue: $RS_DB: cannot connect: connection to server on socket \"$sock/.s.PGSQL.5432\" failed: No such file or directory Is the server running locally and accepting connections on that socket?" \
    'rs-queue list'
done_testing
