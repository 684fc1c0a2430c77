#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-admin init and config, and the store's guarantees (DESIGN §3):
# 0660, WAL, schema version, newer schemas refused, symlinks refused,
# append-only events.
plan 60

KEYS='bounce_address, clock_bound, cutoff, hours, mail_topic, mail_type, max_message, office_address, office_email, office_name, office_phone, prefix, received_days, retention, saturday, sender, switchboard, templates, web_rate, zone'

# --- init --------------------------------------------------------------------

check_err 'config before init: no such database' 66 \
    'rs-admin: nowhere.db: no such database (create it with rs-admin init)' \
    'rs-admin -d nowhere.db config'
ok '... and none is created' test ! -e nowhere.db

check 'init with umask 022' 'rs-admin init'
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	check_out '... creates the file 0660' 'stat -c %a rs.db' <<EOF
660
EOF
else	# an office is a schema: no file, no mode; it is there
	check_sql '... creates the office' \
	    "select count(*) from pg_namespace where nspname = 'main'" 1
fi
check 'init with umask 077' '(umask 077 && rs-admin -d u077.db init)'
check_out '... still 0660: group-shared' 'stat -c %a u077.db' <<EOF
660
EOF
check 'init with umask 000' '(umask 000 && rs-admin -d u000.db init)'
check_out '... still 0660: never world-readable' 'stat -c %a u000.db' <<EOF
660
EOF
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	check_sql 'the store is in WAL mode' 'pragma journal_mode' wal
	check_sql 'schema version 8' 'pragma user_version' 8
else	# the server keeps its own log; the version is a row
	check_sql 'the store is in a transaction-safe server' \
	    "select current_setting('fsync') in ('on', 'off')" t
	check_sql 'schema version 8' 'select version from schema_version' 8
fi

# what the store holds, whichever it is: the file's bytes, or every
# row of the office on PostgreSQL (pg_dump's \restrict lines hold a
# key random each time, and are no part of the data)
snapshot() {
	case $RS_DB in
	postgres*)
		pg_dump -d "$RS_DB" -n "${RS_OFFICE:-main}" --data-only \
		    --inserts | grep -v '^\\\(un\)\{0,1\}restrict ' | cksum
		;;
	*)
		cksum "$RS_DB"
	esac
}
snapshot >before
check_err 'init on an existing file is refused' 73 \
    'rs-admin: u077.db: already exists' 'rs-admin -d u077.db init'
# PostgreSQL: the database exists, the office (a schema in it) does
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	exists='already exists'
else
	exists='office "main" already exists'
fi
check_err 'init on an existing store ($RS_DB)' 73 \
    "rs-admin: $RS_DB: $exists" 'rs-admin init'
snapshot >after
ok '... which is left alone' cmp -s before after
ln -s elsewhere.db dangling.db
check_err 'init through a dangling symbolic link is refused' 77 \
    'rs-admin: dangling.db: is a symbolic link; refused' 'rs-admin -d dangling.db init'
ok '... and creates nothing where it points' test ! -e elsewhere.db

# --- config -----------------------------------------------------------------------

check_out 'config lists every setting with its default' 'rs-admin config' <<'EOF'
key,value
bounce_address,
clock_bound,60
cutoff,16:00
hours,"08:00-12:00,13:00-16:00"
mail_topic,
mail_type,peticion
max_message,25
office_address,
office_email,
office_name,Oficina de Atención al Ciudadano
office_phone,
prefix,RS
received_days,3650
retention,
saturday,no
sender,
switchboard,
templates,
web_rate,30
zone,America/Bogota
EOF
check_out 'config KEY prints one value' 'rs-admin config zone' <<EOF
America/Bogota
EOF
check_out 'config KEY VALUE sets it, silently' \
    "rs-admin config office_name 'Secretaría General'" </dev/null
check_out '... and it reads back' 'rs-admin config office_name' <<EOF
Secretaría General
EOF
check 'config saturday yes' 'rs-admin config saturday yes'
check 'config saturday no' 'rs-admin config saturday no'
check_err 'clock_bound -1 is refused' 65 \
    'rs-admin: clock_bound: expected minutes from 0 to 43200; got "-1"' \
    'rs-admin config clock_bound -1'
check_err 'cutoff 25:00 is refused' 65 \
    'rs-admin: cutoff: expected a time of day as HH:MM; got "25:00"' \
    'rs-admin config cutoff 25:00'
check_err 'prefix ab is refused' 65 \
    'rs-admin: prefix: expected 1 to 10 capital letters or digits; got "ab"' \
    'rs-admin config prefix ab'
check_err 'prefix with a dash is refused' 65 \
    'rs-admin: prefix: expected 1 to 10 capital letters or digits; got "RS-X"' \
    'rs-admin config prefix RS-X'
check_err 'saturday maybe is refused' 65 \
    'rs-admin: saturday: expected yes or no; got "maybe"' \
    'rs-admin config saturday maybe'
check_err 'zone Nowhere/Land is refused' 65 \
    'rs-admin: zone: unknown time zone; got "Nowhere/Land"' \
    'rs-admin config zone Nowhere/Land'
check_err 'a zone climbing out of zoneinfo is refused' 65 \
    'rs-admin: zone: unknown time zone; got "../../etc/passwd"' \
    'rs-admin config zone ../../etc/passwd'
check_err 'an unknown key is refused with the known ones' 64 \
    "rs-admin: colour: unknown setting (known: $KEYS)" \
    'rs-admin config colour'
check_err '... also when setting it' 64 \
    "rs-admin: colour: unknown setting (known: $KEYS)" \
    'rs-admin config colour red'
check_sql 'no refused value was stored' \
    "select key || '=' || value from settings order by key" \
    'office_name=Secretaría General
saturday=no'

# --- the cut-off setting moves the effective day -------------------------------

# Tuesday 2024-08-13, 15:30: before 16:00, after 15:00.
check_out 'at 15:30 with the default cut-off: the same day' \
    'rs-intake -n 2024-08-13T18:00 -c web -t peticion -N Ana -e ana@x.co -s Uno --received-at 2024-08-13T15:30 | cut -d, -f1-4' <<EOF
id,received_at,effective_on,due_on
RS-2024-000001,2024-08-13T15:30:00-05:00,2024-08-13,2024-09-04
EOF
check 'config cutoff 15:00' 'rs-admin config cutoff 15:00'
check_out 'at 15:30 with cut-off 15:00: the next business day' \
    'rs-intake -n 2024-08-13T18:00 -c web -t peticion -N Bea -e bea@x.co -s Dos --received-at 2024-08-13T15:30 | cut -d, -f1-4' <<EOF
id,received_at,effective_on,due_on
RS-2024-000002,2024-08-13T15:30:00-05:00,2024-08-14,2024-09-05
EOF
check_out 'at 14:59 with cut-off 15:00: the same day' \
    'rs-intake -n 2024-08-13T18:00 -c web -t peticion -N Cy -e cy@x.co -s Tres --received-at 2024-08-13T14:59 | cut -d, -f1-4' <<EOF
id,received_at,effective_on,due_on
RS-2024-000003,2024-08-13T14:59:00-05:00,2024-08-13,2024-09-04
EOF

# --- events are append-only ---------------------------------------------------------

append_only() {	# SQL: refused by the store itself
	! sql "$1" 2>sqlerr && grep -q "events are append-only" sqlerr
}
ok 'sqlite3 cannot UPDATE an event' append_only "update events set actor = 'x'"
ok 'sqlite3 cannot DELETE an event' append_only "delete from events"
check_sql '... the history is intact' \
    "select count(*), count(distinct actor), min(actor) from events" '3|1|tester'

# --- a newer schema is refused, never altered -----------------------------------------

# What follows is about SQLite files, their versions and their upgrades:
# on PostgreSQL, the store's history above is made again in a file, rs.db
if [ "${RS_TEST_BACKEND:-sqlite}" = pg ]; then
	(RS_DB=$trash/rs.db && export RS_DB && set -e &&
	rs-admin init && rs-admin config office_name 'Secretaría General' &&
	rs-admin config saturday yes && rs-admin config saturday no &&
	rs-intake -n 2024-08-13T18:00 -c web -t peticion -N Ana -e ana@x.co \
	    -s Uno --received-at 2024-08-13T15:30 &&
	rs-admin config cutoff 15:00 &&
	rs-intake -n 2024-08-13T18:00 -c web -t peticion -N Bea -e bea@x.co \
	    -s Dos --received-at 2024-08-13T15:30 &&
	rs-intake -n 2024-08-13T18:00 -c web -t peticion -N Cy -e cy@x.co \
	    -s Tres --received-at 2024-08-13T14:59) >/dev/null ||
	    echo "# rs.db: the history not made again"
fi
cp rs.db new.db
sqlite3 new.db 'pragma user_version = 99'
cksum new.db >before
check_err 'rs-admin refuses a newer database' 78 \
    "rs-admin: new.db: schema version 99 is newer than this program's (8); refused" \
    'rs-admin -d new.db config'
check_err 'rs-queue refuses it' 78 \
    "rs-queue: new.db: schema version 99 is newer than this program's (8); refused" \
    'rs-queue -d new.db list'
check_err 'rs-intake refuses it' 78 \
    "rs-intake: new.db: schema version 99 is newer than this program's (8); refused" \
    'rs-intake -d new.db -c web -t peticion -N Di -e di@x.co -s Cuatro'
cksum new.db >after
ok '... the file is not altered' cmp -s before after
check_out '... its version still 99, nothing added' \
    "sqlite3 new.db 'pragma user_version; select count(*) from requests'" <<EOF
99
3
EOF

# --- an older schema is upgraded in place -------------------------------------------

# version 1 as it was: no indexes on the times or the waiting ones, the
# priority check as a list; nothing of step 3 (documents, the review
# list, the notices' delivery state); a term a type, with no periods
# (step 4); no history of the calendar (step 5)
cp rs.db old.db
sqlite3 old.db "$undo_step6 drop table saturdays; alter table closures drop column added_at;
    create table terms_v1 (type TEXT PRIMARY KEY,
      days INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 365),
      description TEXT NOT NULL);
    insert into terms_v1 select type, days, description from terms
      where valid_until is null order by rowid;
    drop table terms; alter table terms_v1 rename to terms;
    drop table documents; drop table inbox; drop table blobs;
    drop table mail_seen; drop view v_notices; drop index notices_message_id;
    drop index notices_failed;
    drop view v_requests; create view v_requests as select id from requests;
    alter table notices drop column state;
    alter table notices drop column failed_at;
    alter table notices drop column failure;
    alter table notices drop column envelope;
    alter table notices drop column accessed_at;
    pragma writable_schema = on;
    update sqlite_schema set sql = replace(sql,
      'CHECK (priority = 0 OR priority = 1 OR priority = 2)',
      'CHECK (priority IN (0, 1, 2))') where name = 'requests';
    pragma writable_schema = off;
    drop index requests_received; drop index requests_answered;
    drop index requests_waiting;
    pragma user_version = 1"
check_out 'a version 1 database, as it was' \
    "sqlite3 old.db 'select sql from sqlite_schema where name = \"requests\"' |
    grep -o 'CHECK (priority[^)]*))'" <<EOF
CHECK (priority IN (0, 1, 2))
EOF
check_out 'a version 1 database is read as before' \
    "rs-queue -d old.db -o csv list -a | cut -d, -f2" <<EOF
id
RS-2024-000003
RS-2024-000001
RS-2024-000002
EOF
check_out '... and upgraded to the current version, with the three indexes of step 2' \
    "sqlite3 old.db 'pragma user_version; select name from sqlite_master
    where name like '\''requests_%ed'\'' or name = '\''requests_waiting'\''
    order by name'" <<EOF
8
requests_answered
requests_received
requests_waiting
EOF
check_out '... its priority check as three comparisons, still in force' \
    "sqlite3 old.db 'select sql from sqlite_schema where name = \"requests\"' |
    grep -o 'CHECK (priority[^)]*)'
    sqlite3 old.db 'update requests set priority = 3' 2>&1 |
    grep -o 'CHECK constraint failed: .*2'
    sqlite3 old.db 'pragma integrity_check; select count(*) from requests
    where priority = 3'" <<EOF
CHECK (priority = 0 OR priority = 1 OR priority = 2)
CHECK constraint failed: priority = 0 OR priority = 1 OR priority = 2
ok
0
EOF
check_out '... which the daily report uses' \
    "sqlite3 old.db 'explain query plan select seq from requests
    where received_ts >= 1 and received_ts < 2 union
    select seq from requests where answered_at >= 1' | grep -o 'INDEX requests_[a-z]*' | sort" <<EOF
INDEX requests_answered
INDEX requests_received
EOF
check_out '... and rs-queue next' \
    "sqlite3 old.db \"explain query plan select id from requests
    where status = 'radicada' and assignee is null
    and (null is null or team = null)
    order by priority desc, received_ts, seq limit 1\" |
    grep -o 'INDEX requests_[a-z]*'" <<EOF
INDEX requests_waiting
EOF
check_out '... and step 3: documents, the review list, notices delivered or not' \
    "sqlite3 old.db 'select name from sqlite_master where name in
    (\"blobs\", \"documents\", \"inbox\", \"mail_seen\", \"v_notices\")
    order by name; select count(*) from notices where state <> \"sent\";
    select count(notified_on) + sum(answer_returned) from v_requests'" <<EOF
blobs
documents
inbox
mail_seen
v_notices
0
0
EOF
check 'rs-admin check passes on the upgraded file' 'rs-admin -d old.db check'
# step 5: the Saturday setting a version 4 file had holds from the first
# day rs counts; its closures get the time they were decided, unknown
cp rs.db sat.db
sqlite3 sat.db "$undo_step6 drop table saturdays; alter table closures drop column added_at;
    insert or replace into settings values ('saturday', 'yes');
    insert into closures values ('2024-12-24', 'Nochebuena');
    pragma user_version = 4"
check_out 'step 5: Saturdays open before it stay open, from 1984' \
    "rs-admin -d sat.db config saturday &&
     sqlite3 sat.db 'select * from saturdays;
       select day, ifnull(added_at, \"-\") from closures'" <<EOF
yes
1984-01-01|1|
2024-12-24|-
EOF

# --- a symbolic link is refused ---------------------------------------------------------

ln -s rs.db link.db
check_err 'rs-queue refuses a symlinked database' 77 \
    'rs-queue: link.db: is a symbolic link; refused' 'rs-queue -d link.db list'
check_err 'rs-admin refuses it' 77 \
    'rs-admin: link.db: is a symbolic link; refused' 'rs-admin -d link.db config'
check_err 'rs-intake refuses it' 77 \
    'rs-intake: link.db: is a symbolic link; refused' \
    'rs-intake -d link.db -c web -t peticion -N Di -e di@x.co -s Cuatro'
check_sql '... and wrote nothing through it' 'select count(*) from requests' 3

# the mailbox's defaults name what the catalogs have, or every message bounces
check_err 'mail_type outside the term table is refused' 65 \
    'rs-admin: mail_type: not in the terms catalog (rs-admin terms); got "tutela"' \
    'rs-admin config mail_type tutela'
check_err 'mail_topic outside the topics is refused' 65 \
    'rs-admin: mail_topic: not in the topics catalog (rs-admin topics); got "nada"' \
    'rs-admin config mail_topic nada'
check 'a known topic is taken, and none at all too' \
    "rs-admin config mail_topic comisiones && rs-admin config mail_topic ''"
check_err 'an empty mail_type is refused' 65 \
    'rs-admin: mail_type: expected a type from the term table; got ""' \
    "rs-admin config mail_type ''"

done_testing
