#!/bin/sh
# An office on PostgreSQL: rs_pg_base (lib/pgschema.c) makes, in a
# schema of its own, the tables, views, indexes and triggers that the
# SQLite store has at the same version; its refusals hold; SQLite's
# functions that lib/ calls give SQLite's results; a search finds a name
# without its accents; and two offices in one database share nothing.
. "$(dirname "$0")/lib.sh"
. "$top/t/pg.sh"
trap 'pg_stop' EXIT
trap 'exit 1' HUP INT TERM
plan 27

# pg_is DESC OFFICE SQL <<EOF expected EOF: what pg_sql prints for SQL,
# run in OFFICE's schema (none: -)
pg_is() {
	cat >expected
	if [ "$2" = - ]; then
		RS_OFFICE='' pg_sql "$3" >out 2>err
	else
		RS_OFFICE=$2 pg_sql "$3" >out 2>err
	fi
	st=$?
	if [ $st -ne 0 ]; then
		echo "# exit $st"
		_show err
	elif ! diff -u expected out >diff; then
		_show diff
		st=1
	fi
	_result $st "$1"
}

# pg_refused DESC OFFICE SQL MESSAGE: SQL fails, saying MESSAGE
pg_refused() {
	RS_OFFICE=$2 pg_sql "$3" >out 2>err
	st=$?
	r=0
	if [ $st -eq 0 ]; then
		echo "# exit 0: not refused"
		r=1
	elif ! grep -q "ERROR:  $4\$" err; then
		echo "# expected ERROR:  $4"
		_show err
		r=1
	fi
	_result $r "$1"
}

check 'make t/pgbase' "make -s -C '$top' t/pgbase >/dev/null"
ok 'a private cluster starts' pg_start "$trash/pg"

# the offices, each made by the base script in its own schema
for office in bogota cali; do
	check "rs_pg_base makes office $office" \
	    "psql -X -q -v ON_ERROR_STOP=1 -d '$PG_URI' \
	    -c 'CREATE SCHEMA $office' &&
	    '$top/t/pgbase' | PGOPTIONS='-c search_path=$office' \
	    psql -X -q -v ON_ERROR_STOP=1 -d '$PG_URI' -f -"
done

pg_is 'the version is kept, one row' bogota \
    "SELECT version FROM schema_version" <<EOF
8
EOF
pg_refused '... and a second row is refused' bogota \
    "INSERT INTO schema_version VALUES (9)" \
    'duplicate key value violates unique constraint "schema_version_one"'

# What the SQLite store has at version 8, from rs-admin init: its
# tables and views, their columns in order, its indexes and triggers.
# FTS5's shadow tables are SQLite's; requests_fts is compared by name.
rs-admin init >/dev/null 2>&1
sqlite3 "$RS_DB" .tables | tr -s ' ' '\n' | grep . |
    grep -v '^requests_fts_\(config\|content\|data\|docsize\|idx\)$' |
    LC_ALL=C sort >tables.sqlite
sqlite3 "$RS_DB" "SELECT m.name || '.' || p.name FROM sqlite_schema m,
    pragma_table_info(m.name) p WHERE m.type IN ('table', 'view')
    AND m.name NOT LIKE 'requests_fts%' ORDER BY m.name, p.cid" |
    LC_ALL=C sort -s -t . -k 1,1 >columns.sqlite
sqlite3 "$RS_DB" "SELECT name FROM sqlite_schema WHERE type = 'index'
    AND name NOT LIKE 'sqlite_autoindex%'" | LC_ALL=C sort >indexes.sqlite
sqlite3 "$RS_DB" "SELECT name FROM sqlite_schema WHERE type = 'trigger'" |
    LC_ALL=C sort >triggers.sqlite

for office in bogota cali; do
	pg_is "$office: every table and view of SQLite's version 8" - \
	    "SELECT table_name FROM information_schema.tables
	    WHERE table_schema = '$office' AND table_name <> 'schema_version'
	    ORDER BY table_name COLLATE \"C\"" \
	    <tables.sqlite
done
# rowid: SQLite's own, a column on PostgreSQL where rs reads it
RS_OFFICE='' pg_sql "SELECT table_name || '.' || column_name
    FROM information_schema.columns WHERE table_schema = 'bogota'
    AND table_name NOT IN ('schema_version', 'requests_fts')
    AND column_name <> 'rowid'
    ORDER BY table_name, ordinal_position" |
    LC_ALL=C sort -s -t . -k 1,1 >columns.pg
check_out '... with their columns in SQLite'"'"'s order' \
    'diff -u columns.sqlite columns.pg' </dev/null
RS_OFFICE='' pg_sql "SELECT indexname FROM pg_indexes
    WHERE schemaname = 'bogota'" | LC_ALL=C sort >indexes.pg
check_out '... and every index of it' \
    'LC_ALL=C comm -23 indexes.sqlite indexes.pg' </dev/null
RS_OFFICE='' pg_sql "SELECT DISTINCT trigger_name
    FROM information_schema.triggers WHERE trigger_schema = 'bogota'" |
    LC_ALL=C sort >triggers.pg
check_out '... and every trigger' \
    'LC_ALL=C comm -23 triggers.sqlite triggers.pg' </dev/null

# the refusals, in SQLite's words
pg_sql "INSERT INTO bogota.requests (id, received_at, received_ts,
    effective_on, channel, type, name) VALUES ('RS-2026-000001',
    '2026-02-02T09:00:00-05:00', 1770040800, '2026-02-02', 'web',
    'peticion', 'José García Pérez');
    INSERT INTO bogota.events (request, at, actor, kind, prev_hash, hash)
    VALUES (1, '2026-02-02T09:00:00-05:00', 'web', 'intake', '\\x00',
    '\\x01');
    INSERT INTO bogota.blobs (hash, size, data) VALUES ('h', 1, '\\x61');
    INSERT INTO bogota.documents (request, event, role, name, type, size,
    hash, added_at) VALUES (1, 1, 'desk', 'a.txt', 'text/plain', 1, 'h',
    '2026-02-02T09:00:00-05:00')" >/dev/null 2>err || _show err
pg_refused 'a request is never deleted' bogota \
    "DELETE FROM requests" 'requests are never deleted'
pg_refused '... nor truncated' bogota \
    "TRUNCATE requests CASCADE" 'requests are never deleted'
pg_refused 'an event is never updated' bogota \
    "UPDATE events SET actor = 'x'" 'events are append-only'
pg_refused '... nor deleted' bogota \
    "DELETE FROM events" 'events are append-only'
pg_refused 'a document is never deleted' bogota \
    "DELETE FROM documents" 'documents are never deleted'

pg_is 'a seq given is taken (an office copied in)' bogota \
    "INSERT INTO requests (seq, id, received_at, received_ts,
    effective_on, channel, type, name) VALUES (41, 'RS-2025-000041',
    '2025-12-01T10:00:00-05:00', 1764601200, '2025-12-01', 'web',
    'queja', 'Ana');
    SELECT seq, id FROM requests ORDER BY seq" <<'EOF'
1|RS-2026-000001
41|RS-2025-000041
EOF

# SQLite's functions, as lib/ calls them: PostgreSQL's results are
# SQLite's, printed the same way (NULL as nothing)
cat >expressions <<'EOF'
json_extract('{"a":1}', '$.a')
json_extract('{"a":"x"}', '$.a')
json_extract('{"a":{"b":"c"}}', '$.a.b')
json_extract('{"a":{"b":[1, 2 ,{"c": true}]}}', '$.a')
json_extract('{"z":1,"a":[]}', '$')
json_extract('{"a":[10,20]}', '$.a[1]')
json_extract('{"a":true}', '$.a')
json_extract('{"a":false}', '$.a')
json_extract('{"a":null}', '$.a')
json_extract('{"a":1}', '$.b')
json_extract('{"a":1}', '$.a.b')
json_extract('{"a":1.5}', '$.a')
json_extract('{"a":2.0}', '$.a')
json_extract('{"a":-12}', '$.a')
json_extract('{"a b":"y"}', '$."a b"')
json_extract('{"t":"García \"dijo\"\nno"}', '$.t')
json_extract(NULL, '$.a')
coalesce(json_extract('{"stops":0}', '$.stops'), '1')
json_type('{"a":1}', '$.a')
json_type('{"a":1.5}', '$.a')
json_type('{"a":"x"}', '$.a')
json_type('{"a":true}', '$.a')
json_type('{"a":false}', '$.a')
json_type('{"a":null}', '$.a')
json_type('{"a":{}}', '$.a')
json_type('{"a":[]}', '$.a')
json_type('{"a":1}', '$.b')
json_valid('{"a":1}')
json_valid('{"a":1')
json_valid('not json')
json_valid('')
instr('abcabc', 'ca')
instr('abc', 'z')
instr('"h1" "h2"', '"h2"')
printf('%04d', 7)
printf('%04d', 2026)
printf('%04d', -5)
printf('%d', -5)
printf('%4d', 7)
printf('%04d', NULL)
strftime('%s', '2026-03-01T10:00:00-05:00')
strftime('%s', '2026-03-01T10:00:00.750+01:30')
strftime('%s', '2026-03-01 10:00:00')
strftime('%s', '2026-03-01T10:00Z')
strftime('%s', '2026-03-01')
strftime('%s', 'mañana')
CAST(strftime('%s', '2026-03-01T10:00:00-05:00') AS INTEGER)
typeof(1)
typeof('a')
typeof(1.5)
typeof(CAST(NULL AS INTEGER))
typeof(NULL)
EOF
while IFS= read -r e; do
	printf 'SELECT %s;\n' "$e"
done <expressions >expressions.sql
check 'sqlite3 answers every expression' \
    'sqlite3 -bail :memory: <expressions.sql >expected.sqlite'
pg_is 'the compatibility functions give SQLite'"'"'s results' bogota \
    "$(cat expressions.sql)" <expected.sqlite

# a name found without its accents, a word by its beginning, as FTS5
# finds it in SQLite
sqlite3 "$RS_DB" "INSERT INTO requests (id, received_at, received_ts,
    effective_on, channel, type, name) VALUES ('RS-2026-000001',
    '2026-02-02T09:00:00-05:00', 1770040800, '2026-02-02', 'web',
    'peticion', 'José García Pérez')"
check_sql 'SQLite finds García by garcia' \
    "SELECT r.id FROM requests_fts f JOIN requests r ON r.seq = f.rowid
    WHERE requests_fts MATCH 'garcia' AND requests_fts MATCH 'pere*'" \
    'RS-2026-000001'
pg_is '... and so does PostgreSQL, through requests_fts' bogota \
    "SELECT r.id FROM requests_fts f JOIN requests r ON r.seq = f.seq
    WHERE f.doc @@ to_tsquery('rs_search', 'garcia & pere:*')" <<'EOF'
RS-2026-000001
EOF
pg_is '... and by the new name once it is corrected' bogota \
    "UPDATE requests SET name = 'José Gárcia Núñez' WHERE seq = 1;
    SELECT r.id FROM requests_fts f JOIN requests r ON r.seq = f.seq
    WHERE f.doc @@ to_tsquery('rs_search', 'nunez');
    SELECT count(*) FROM requests_fts
    WHERE doc @@ to_tsquery('rs_search', 'perez')" <<'EOF'
RS-2026-000001
0
EOF

# two offices, nothing shared: the counter, the numbers, the index
pg_is 'each office counts its own radicados' cali \
    "INSERT INTO counters VALUES (2026, 1);
    INSERT INTO requests (id, received_at, received_ts, effective_on,
    channel, type, name) VALUES ('RS-2026-000001',
    '2026-02-03T09:00:00-05:00', 1770127200, '2026-02-03', 'web',
    'queja', 'Luis Garcés');
    SET search_path = bogota;
    INSERT INTO counters VALUES (2026, 7);
    UPDATE counters SET last = last + 1 WHERE year = 2026;
    SELECT 'bogota', last FROM bogota.counters;
    SELECT 'cali', last FROM cali.counters;
    SELECT 'cali', seq, id FROM cali.requests" <<'EOF'
bogota|8
cali|1
cali|1|RS-2026-000001
EOF
pg_is '... and searches its own requests' cali \
    "SELECT count(*) FROM requests_fts
    WHERE doc @@ to_tsquery('rs_search', 'garcia');
    SELECT count(*) FROM requests_fts
    WHERE doc @@ to_tsquery('rs_search', 'garces')" <<'EOF'
0
1
EOF
pg_is '... even when written from another office'"'"'s session' cali \
    "INSERT INTO bogota.requests (id, received_at, received_ts,
    effective_on, channel, type, name) VALUES ('RS-2026-000002',
    '2026-02-04T09:00:00-05:00', 1770213600, '2026-02-04', 'web',
    'queja', 'Marta Ibáñez');
    SELECT count(*) FROM requests_fts
    WHERE doc @@ to_tsquery('rs_search', 'ibanez');
    SELECT count(*) FROM bogota.requests_fts
    WHERE doc @@ to_tsquery('rs_search', 'ibanez')" <<'EOF'
0
1
EOF

# the views read the same on both stores: an answer that came back
answered="UPDATE requests SET status = 'respondida', due_on = '2026-02-23',
    answered_at = '2026-02-10T11:00:00-05:00', outcome = 'favorable'
    WHERE id = 'RS-2026-000001';
    INSERT INTO notices (request, kind, recipient, message_id, via,
    sent_at, sent_by, state, failed_at) VALUES (1, 'respuesta', 'j@e.co',
    '<m1@rs>', 'email', '2026-02-10T11:05:00-05:00', 'tester', 'failed',
    '2026-02-10T11:06:00-05:00')"
views="SELECT * FROM v_requests WHERE id = 'RS-2026-000001';
    SELECT id, at, on_day, actor, kind, due_on, outcome, closed_as, late,
    rating, notice_kind FROM v_events WHERE kind = 'answer';
    SELECT id, kind, via, sent_at, sent_on, state, failed_at, accessed_at
    FROM v_notices"
sqlite3 "$RS_DB" "$answered; INSERT INTO events (request, at, actor, kind,
    details, prev_hash, hash) VALUES (1, '2026-02-10T11:00:00-05:00',
    'tester', 'answer', '{\"outcome\":\"favorable\",\"late\":true,\"rating\":4}',
    x'00', x'01')" && sqlite3 "$RS_DB" "$views" >views.sqlite
sqlite3 "$RS_DB" "SELECT 'INSERT INTO business_days VALUES (''' || day ||
    ''', ' || business || ', ' || rank || ', NULL, NULL);' FROM business_days
    WHERE day IN ('2026-02-02', '2026-02-10')" >days.sql
pg_is 'the views read as on SQLite' bogota \
    "$(cat days.sql) $answered; INSERT INTO events (request, at, actor,
    kind, details, prev_hash, hash) VALUES (1,
    '2026-02-10T11:00:00-05:00', 'tester', 'answer',
    '{\"outcome\":\"favorable\",\"late\":true,\"rating\":4}', '\\x00',
    '\\x01'); $views" <views.sqlite

# pg_stopped: pg_stop stops the server, and nothing of it is left
pg_stopped() {
	_sock=$PG_SOCK
	_pid=$PG_PID
	[ -d "$_sock" ] && kill -0 "$_pid" 2>/dev/null && pg_stop &&
	    [ ! -d "$_sock" ] && ! kill -0 "$_pid" 2>/dev/null &&
	    [ -z "$PG_PID$PG_SOCK$PG_URI" ] && pg_stop
}
ok 'the cluster stops, its socket directory gone; twice is fine' pg_stopped
[ $_failed -eq 0 ] || pg_log
done_testing
