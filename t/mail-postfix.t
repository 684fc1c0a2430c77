#!/bin/sh
. "$(dirname "$0")/lib.sh"
. "$top/t/postfix.sh"
# The mailbox as a conversation, end to end through a real Postfix
# (t/postfix.sh: a private instance in the scratch directory, its intake
# routing that of share/rs/examples): requests arrive through its pipe
# into rs-intake -m; notices leave through its sendmail with their
# return path; a reply to the requerimiento resumes the held request; a
# respuesta to an address that does not exist comes back as a bounce
# and marks the notice failed; neither makes a radicado; a database busy
# past RS_BUSY_TIMEOUT gives 75 and Postfix delivers the message later.
plan 32

D=oficina.example.gov.co
# The instance, the database and the rs-intake its pipe runs, where the
# pipe's user can reach them whatever lies above the checkout; the files
# SQLite makes beside the database as root take the database's owner.
S=$(pf_scratch) || exit 1
PF=$S/pf
trap 'pf_stop "$PF"; [ -e lock.pid ] && kill "$(cat lock.pid)" 2>/dev/null;
    pf_unscratch "$S"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$S/db" "$S/bin" && cp "$top/rs-intake" "$S/bin/" &&
    chmod 755 "$S/bin/rs-intake" || exit 1
# On PostgreSQL the store is the test's database, which the pipe's user
# reaches by the cluster's socket.
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	DB=$S/db/rs.db
	RS_DB=$DB
else
	DB=$RS_DB
fi
# pipe DATETIME: the rs transport registers as of DATETIME
pipe() {
	pf_pipe_cmd "RS_BUSY_TIMEOUT=300 exec $S/bin/rs-intake -m -u correo -n $1 -d '$DB'"
}
inject() {	# FROM FILE: a message handed to the instance's sendmail
	"$PF_DIR/sendmail" -i -f "$1" -- "pqrsd@$D" <"$2"
}

check 'an office: sender, bounce address' \
    "rs-admin init && rs-admin config sender pqrsd@$D &&
     rs-admin config bounce_address pqrsd-rebotes@$D &&
     rs-admin config office_name 'La Secretaría Resuelve'"
pf_mailbox luis.gomez@example.co
ok "the database's directory, the pipe user's" chown -R "$PF_USER:" "$S/db"
PF_PIPE_CMD=false
ok 'a private Postfix: pf_start' pf_start "$PF"
RS_SENDMAIL=$PF_DIR/sendmail
export RS_SENDMAIL

# --- a request by mail -------------------------------------------------------------

cat >peticion.eml <<EOF
From: Luis Gómez <luis.gomez@example.co>
To: pqrsd@$D
Subject: Cuenta de cobro de noviembre
Date: Tue, 01 Dec 2026 08:40:00 -0500
Message-ID: <cuenta-nov@example.co>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Adjunto la cuenta de cobro de noviembre para su trámite.
EOF
pipe 2026-12-01T09:00
ok 'Luis writes to the office: through Postfix into rs-intake -m' \
    inject luis.gomez@example.co peticion.eml
ok '... delivered' pf_wait_idle 30
check_sql '... registered, the message kept' \
    "select id, name, email, received_at, channel,
     (select count(*) from documents d where d.request = r.seq) from requests r" \
    'RS-2026-000001|Luis Gómez|luis.gomez@example.co|2026-12-01T09:00:00-05:00|correo|1'
check 'the acuse through its sendmail' \
    'rs-notify -s -n 2026-12-01T09:10 acuse RS-2026-000001'
ok '... delivered to his mailbox' pf_wait_idle 30
MD=$(pf_maildir luis.gomez@example.co)
acuse=$(grep -l 'Subject: Recibimos su solicitud' "$MD"/new/* 2>/dev/null | head -1)
check_out "... with its return path and Auto-Submitted, as Postfix delivered it" \
    "grep -i -e '^Return-Path:' -e '^Auto-Submitted:' '$acuse'" <<EOF
Return-Path: <pqrsd-rebotes+acuse.RS-2026-000001@$D>
Auto-Submitted: auto-replied
EOF

# --- the requerimiento, and the reply that resumes the clock -----------------------

check 'a requerimiento: the clock stops (Ley 1755 art. 17)' \
    "rs-queue -n 2026-12-01T11:00 hold -m 'Falta la certificación bancaria' RS-2026-000001 >/dev/null &&
     rs-notify -s -n 2026-12-01T11:05 requerimiento RS-2026-000001"
ok '... delivered' pf_wait_idle 30
req=$(grep -l -i "^Message-ID: <requerimiento\\." "$MD"/new/* 2>/dev/null | head -1)
reqid=$(sed -n 's/^Message-I[Dd]: *//p' "$req" | head -1)
ok '... its Message-ID read from his mailbox' test "$reqid" = "<requerimiento.RS-2026-000001@$D>"
cat >respuesta.eml <<EOF
From: Luis Gómez <luis.gomez@example.co>
To: pqrsd@$D
Subject: Re: Necesitamos información para continuar su solicitud RS-2026-000001
Date: Thu, 03 Dec 2026 09:55:00 -0500
Message-ID: <re-req@example.co>
In-Reply-To: $reqid
References: <cuenta-nov@example.co> $reqid
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

Adjunto la certificación bancaria.
--b
Content-Type: application/pdf
Content-Disposition: attachment; filename*=utf-8''certificaci%C3%B3n%20bancaria.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjQKY2VydGlmaWNhY2nDs24K
--b--
EOF
pipe 2026-12-03T10:00
ok 'his reply, through Postfix' inject luis.gomez@example.co respuesta.eml
ok '... delivered' pf_wait_idle 30
check_sql '... no radicado: the request resumed as of the day it came' \
    "select (select count(*) from requests), status, cast(hold_limit is null as integer)
     from requests where id = 'RS-2026-000001';
     select kind, substr(at, 1, 10) from events where request = 1
     and kind in ('message', 'resume') order by seq" \
    '1|radicada|1
message|2026-12-03
resume|2026-12-03'
check_out '... his document kept, byte for byte' \
    "rs-queue doc RS-2026-000001 'certificación bancaria.pdf'" <<'EOF'
%PDF-1.4
certificación
EOF

# --- a respuesta to an address that does not exist ------------------------------------

check 'a request at the desk, for an address with no mailbox' \
    "rs-intake -n 2026-12-02T09:00 -c presencial -t peticion -N 'Marta Ruiz' \
        -e marta.ruiz@example.net -s 'Paz y salvo' >/dev/null &&
     rs-queue -n 2026-12-04T10:00 answer --outcome favorable \
        -m 'Adjuntamos el paz y salvo.' RS-2026-000002 >/dev/null"
pipe 2026-12-04T11:00
check 'the respuesta: sendmail takes it' \
    'rs-notify -s -n 2026-12-04T10:05 respuesta RS-2026-000002'
ok '... Postfix bounces it to its return path, into rs-intake -m' pf_wait_idle 30
check_sql '... the notice failed, with the reason; no radicado' \
    "select n.kind, n.state, n.failure,
     (select count(*) from requests) from notices n where n.request = 2" \
    'respuesta|failed|5.1.1 User unknown in virtual mailbox table|2'
check_out '... rs-due: answered, not notified' \
    "rs-due -n 2026-12-04 -o csv | grep RS-2026-000002 | cut -d, -f1,11" <<'EOF'
RS-2026-000002,no_notificada
EOF

# --- busy: 75, and Postfix delivers it later ----------------------------------------------

# another writer holds the database until release/ exists: SQLite's
# BEGIN IMMEDIATE, or the office's row FOR UPDATE (rs-db(5)), which says
# it holds it by the file held
(
	{
		if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
			echo 'BEGIN IMMEDIATE;'
		else
			echo 'BEGIN;'
			echo 'SELECT version FROM main.schema_version FOR UPDATE;'
			echo '\! touch held'
		fi
		echo "INSERT INTO main.settings VALUES ('lock_test', 'x')"
		echo ' ON CONFLICT (key) DO UPDATE SET value = excluded.value;'
		i=0
		while [ ! -e release ] && [ $i -lt 3000 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		echo 'ROLLBACK;'
	} | if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
		sqlite3 "$DB" >/dev/null
	else
		psql -X -q -d "$DB" >/dev/null
	fi
) &
echo $! >lock.pid
locked() {
	i=0
	while [ $i -lt 100 ]; do
		if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
			sqlite3 "$DB" 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;' \
			    >/dev/null 2>&1 || return 0
		else
			[ -e held ] && return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
ok 'another writer holds the database' locked
sed 's/cuenta-nov@/cuenta-dic@/; s/noviembre/diciembre/g' peticion.eml >otra.eml
ok 'a message while it is busy' inject luis.gomez@example.co otra.eml
ok '... rs-intake exits 75: Postfix keeps it, deferred' pf_wait_deferred 30 1
check_sql '... nothing registered yet' 'select count(*) from requests' '2'
touch release
ok 'the writer is done' wait "$(cat lock.pid)"
rm -f lock.pid
ok 'Postfix tries again (pf_flush)' pf_flush
ok '... delivered' pf_wait_idle 30
check_sql '... registered once' \
    "select count(*), max(id) from requests" '3|RS-2026-000003'

ok 'pf_stop' pf_stop "$PF"
ok '... nothing of the instance is left running' test -z "$(pf_pids "$PF")"
check 'rs-admin check: the chain and the documents hold' 'rs-admin check'
done_testing
