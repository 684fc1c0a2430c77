#!/bin/sh
# A working day of rs on demo.db, run by `make demo`.
set -e
cd "$(dirname "$0")/.."
top=$(pwd)
PATH=$top:$PATH
# RS_DEMO_DIR: where demo.db and demo/ go; the source tree by default
cd "${RS_DEMO_DIR:-$top}"
# RS_DEMO_DB: another store for the day instead of demo.db, an office
# not yet made (a PostgreSQL URI and RS_OFFICE, rs-db(5))
RS_DB=${RS_DEMO_DB:-$(pwd)/demo.db}
# the day is replayed whatever the hour: each step is written at the time
# it claims (-n), as if taken live (RS_CLOCK in rs(7))
RS_CLOCK=claimed
export PATH RS_DB RS_CLOCK

# field ID COLUMN: a column of a request, as rs-queue show gives it
field() {
	rs-queue -o tsv show "$1" | awk -F '\t' -v c="$2" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
	    NR == 2 { print $k; exit }'
}
# the office's day, in the office's zone, whatever this machine's TZ is
# (RS_DEMO_TODAY: another day, for runs that must give the same output)
today=${RS_DEMO_TODAY:-$(TZ=America/Bogota date +%Y-%m-%d)}
year=${today%%-*}
clock=${today}T17:30

# the web page of an earlier demo serves demo.db: stop it first (its
# pid file, and only if that process is still the demo's lighttpd)
if [ -f demo/web/lighttpd.pid ]; then
	pid=$(cat demo/web/lighttpd.pid)
	case $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) in
	*"lighttpd -D -f $(pwd -P)/demo/web/lighttpd.conf"*)
		echo "== stopping the web page of the last demo (lighttpd $pid)"
		kill "$pid"
	esac
fi
[ -n "${RS_DEMO_DB:-}" ] || rm -f demo.db demo.db-wal demo.db-shm
echo "== rs-admin init: a new office file (mode 0660, WAL)"
rs-admin init
rs-admin config office_name 'La Secretaría Resuelve'
rs-admin config office_phone '+57 601 3323400 ext. 1196'
rs-admin config office_email 'lasecretariaresuelve@minambiente.gov.co'
rs-admin config sender 'lasecretariaresuelve@minambiente.gov.co'
rm -rf demo && mkdir demo

echo
echo "== rs-intake: the web form's batch of the day (one transaction)"
sed "s/^T/${today}T/" "$top"/share/rs/examples/web-form.csv |
    RS_USER=portal rs-intake -n "$clock" -o table |
    cat

echo
echo "== rs-intake: the same batch again registers nothing new (external_ref)"
sed "s/^T/${today}T/" "$top"/share/rs/examples/web-form.csv |
    RS_USER=portal rs-intake -n "$clock" -o tsv | cut -f1,22 | head -4

echo
echo "== rs-intake -m: the mailbox (one message, one request; the same one twice is one)"
for f in "$top"/share/rs/examples/correo-1.eml "$top"/share/rs/examples/correo-2.eml \
    "$top"/share/rs/examples/correo-1.eml; do
	RS_USER=buzon rs-intake -m -n "$clock" -o tsv "$f" | sed 1d |
	    cut -f1,2,3,5,12,23
done

echo
echo "== rs-notify acuse: the acknowledgements, into demo/avisos.mbox"
rs-queue -o csv list | RS_USER=buzon rs-notify -n "$clock" acuse \
    >demo/avisos.mbox ||
    echo "   (a request that left only a phone gets its acknowledgement by phone)"
grep -c '^From ' demo/avisos.mbox | sed 's/$/ mensajes/'

echo
echo "== rs-intake: walk-in desk and phone line"
RS_USER=mlopez rs-intake -n "$clock" -o table \
    -c presencial -t peticion -T cuentas_pago \
    -N 'Blanca Nieves Rincón' --salutation senora \
    --preferential adulto_mayor -p '601 555 1234' \
    -s 'Certificado de pagos del año' \
    --received-at "${today}T10:45"
RS_USER=mlopez rs-intake -n "$clock" -o table \
    -c telefonico -t peticion -T comisiones --priority 2 \
    -N 'Julián Restrepo' --salutation senor -p '315 222 3344' \
    -s 'Comisión de mañana sin resolución' \
    -D 'Viaja mañana a una visita de control ambiental y la resolución no ha sido expedida.' \
    --received-at "${today}T15:10"
echo "   (a wrong request is refused with the field and the reason:)"
rs-intake -n "$clock" -c presencial -t peticon -N 'Ana' -e ana@x.co -s x ||
    echo "   exit status $?"

echo
echo "== rs-queue: the attention queue (urgent, preferential, then arrival)"
rs-queue -n "$today" -o table list

echo
echo "== rs-queue next: operators take requests in attention order"
RS_USER=mlopez rs-queue -n "${today}T17:35" -o table next
RS_USER=jgarcia rs-queue -n "${today}T17:36" -o table next
RS_USER=jgarcia rs-queue -n "${today}T17:37" -o table next -t comisiones

echo
echo "== a requirement (Ley 1755 art. 17): the clock stops until it is answered;"
echo "   the requester's month runs from the notice that asks"
RS_USER=jgarcia rs-queue -n "${today}T17:40" -o table hold \
    -m 'Falta el informe de actividades firmado por el supervisor' \
    RS-${year}-000001
RS_USER=jgarcia rs-notify -n "${today}T17:41" requerimiento RS-${year}-000001 \
    >>demo/avisos.mbox
echo "   ... the requester answers the requirement by mail, with the document:"
echo "   the mailbox sorts it as a reply, keeps it, and the clock runs again"
domain=minambiente.gov.co
to=$(field RS-${year}-000001 email)
cat >demo/respuesta-requerimiento.eml <<EOF
From: $to
To: lasecretariaresuelve@$domain
Subject: Re: Necesitamos información para continuar su solicitud RS-${year}-000001
Date: $(LC_ALL=C TZ=America/Bogota date -R -d "$today 17:54")
Message-ID: <respuesta-req-${year}@correo.example.co>
In-Reply-To: <requerimiento.RS-${year}-000001@$domain>
References: <requerimiento.RS-${year}-000001@$domain>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

Adjunto el informe de actividades firmado por el supervisor.
--b
Content-Type: application/pdf
Content-Disposition: attachment; filename="informe-firmado.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJSBpbmZvcm1lIGZpcm1hZG8K
--b--
EOF
RS_USER=buzon rs-intake -m -n "${today}T17:55" -o tsv \
    demo/respuesta-requerimiento.eml | sed 1d | cut -f1,24,25
rs-queue -o table docs RS-${year}-000001

echo
echo "== an extension with its reasons (art. 14 parágrafo), at most twice the term"
RS_USER=jgarcia rs-queue -n "${today}T17:45" -o table extend --days 5 \
    -m 'La copia debe pedirse al archivo central del Ministerio' \
    RS-${year}-000002
RS_USER=jgarcia rs-notify -n "${today}T17:46" prorroga RS-${year}-000002 \
    >>demo/avisos.mbox
echo
echo "== a negative answer must carry its three parts (protocol 5.2)"
RS_USER=jgarcia rs-queue -n "${today}T17:50" answer --outcome negativa \
    -m 'No es posible girar los viáticos hoy.' RS-${year}-000008 ||
    echo "   exit status $?"
RS_USER=jgarcia rs-queue -n "${today}T17:52" -o table answer \
    --outcome negativa \
    -m 'Señor Hernán Darío Zapata: no es posible girar los viáticos antes del lunes.' \
    --why 'La resolución de la comisión aún no está firmada.' \
    --will-do 'El Grupo de Comisiones la tramitará con prioridad y le avisará por correo.' \
    --can-do 'Puede solicitar un avance con el formato de anticipos.' \
    RS-${year}-000008

echo "   and the answer goes to the requester, checked against the protocol:"
RS_USER=jgarcia rs-notify -n "${today}T17:53" respuesta RS-${year}-000008 \
    >>demo/avisos.mbox

echo
echo "== what comes back: the respuesta bounced, a vacation reply to an acuse"
to=$(field RS-${year}-000008 email)
cat >demo/rebote.eml <<EOF
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.$domain>
To: lasecretariaresuelve+respuesta.RS-${year}-000008@$domain
Subject: Undelivered Mail Returned to Sender
Date: $(LC_ALL=C TZ=America/Bogota date -R -d "$today 17:56")
Message-ID: <rebote-${year}-8@mx.$domain>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be
delivered to one or more recipients.
--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.$domain

Final-Recipient: rfc822; $to
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--r
Content-Type: text/rfc822-headers

Message-ID: <respuesta.RS-${year}-000008@$domain>
Subject: Respuesta a su solicitud RS-${year}-000008

--r--
EOF
# the first of the day's requests, which left an address
id=RS-${year}-000001
to=$(field "$id" email)
cat >demo/vacaciones.eml <<EOF
From: $to
To: lasecretariaresuelve@$domain
Subject: Respuesta automática: Recibimos su solicitud, radicado $id
Date: $(LC_ALL=C TZ=America/Bogota date -R -d "$today 17:57")
Message-ID: <vacaciones-${year}@correo.example.co>
In-Reply-To: <acuse.$id@$domain>
Auto-Submitted: auto-replied

Estoy de vacaciones hasta el lunes.
EOF
for f in demo/rebote.eml demo/vacaciones.eml; do
	RS_USER=buzon rs-intake -m -n "${today}T17:58" -o tsv "$f" |
	    sed 1d | cut -f1,24,25
done
echo "   (neither is a new radicado, and the auto-reply gets no acuse)"
echo "   the respuesta counts as answered, not as notified:"
rs-queue -o table show RS-${year}-000008 | sed -n '/^Avisos/,$p'

echo
echo "== rs-due: deadlines, most urgent first"
rs-due -n "$today" -o table

echo
echo "== rs-due -x: why RS-${year}-000009 is due when it is (came in after 16:00)"
rs-due -o table -x RS-${year}-000009 | head -8

echo
echo "== rs-queue show RS-${year}-000008: the request and its history"
rs-queue -o table show RS-${year}-000008 | tail -6

echo
# the next business day: not a Saturday, a Sunday or a holiday
next=$today
while :; do
	next=$(date -d "$next + 1 day" +%Y-%m-%d)
	case $(date -d "$next" +%u) in 6|7) continue ;; esac
	rs-due calendar "${next%%-*}" | grep -q "^$next," || break
done
# the web form works at night and on weekends: two requests after the
# office closed, the last the night before the next business day
eve=$(date -d "$next - 1 day" +%Y-%m-%d)
echo "== rs-intake: the web form after hours, $today 19:40 and $eve 22:15"
RS_USER=portal rs-intake -n "${today}T19:40" -c web -t peticion \
    -N 'Nubia Esperanza Rincón' -e nubia.rincon@example.com \
    -s 'Certificado de tiempo de servicio' -o tsv | sed 1d | cut -f1,2,3
RS_USER=portal rs-intake -n "${eve}T22:15" -c web -t queja \
    -N 'Julián Andrés Pardo' -e julian.pardo@example.com \
    -s 'Nadie contesta el teléfono de la Secretaría' -o tsv | sed 1d | cut -f1,2,3
echo
echo "== rs-report daily: the coordinator's next morning, by cron at 07:00 on"
echo "   $next: all since 07:00 of the last business day, nights, weekend and"
echo "   holidays included; first what needs doing, then the figures"
rs-report -n "${next}T07:00" -o table daily
rs-report -n "${next}T07:00" -o html daily >demo/informe-diario.html

echo
echo "== rs-admin check: the audit chain and every request against its events"
rs-admin check

echo
echo "== rs-web: the office's web page over demo.db, served by lighttpd"
echo "   (share/rs/examples/lighttpd.conf) on 127.0.0.1 only"
# the page takes requests now, on this machine's clock; as root it runs
# as root, on this machine alone (an office runs it as a user of its own:
# README, "The web page")
unset RS_CLOCK
[ "$(id -u)" -ne 0 ] || WEB_USER=root
WEB_DB=$RS_DB
WEB_CGI=$top/rs-web
. "$top/t/web.sh"
if ! web_start demo/web; then
	echo "demo: the web page could not start (see above)" >&2
	exit 1
fi
echo "$WEB_PID" >demo/web/lighttpd.pid
echo "   the form:   $WEB_URL/"
echo "   the lookup: $WEB_URL/consulta"
# a requester of the day looks up her request with the code of her acuse
awk '/^Message-I[Dd]: <acuse\./ { sub(/^Message-I[Dd]: <acuse\./, ""); sub(/@.*/, ""); id = $0 }
    id != "" && / consulta: [A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+$/ { print id, $NF; exit }' \
    demo/avisos.mbox >demo/web/consulta.txt
if read -r id code <demo/web/consulta.txt; then
	echo "   try the lookup with $id and the code its acuse gave: $code"
fi
echo "   It goes on after the demo; to stop it: kill $WEB_PID"
echo "   (its pid is also in $(pwd)/demo/web/lighttpd.pid)"

echo
echo "Done. Where to look:"
echo "  demo.db                   the office's file (sqlite3 -readonly demo.db,"
echo "                            or RS_DB=demo.db rs-queue, rs-due, rs-report)"
echo "  demo/avisos.mbox          the notices sent (mutt -f demo/avisos.mbox)"
echo "  demo/informe-diario.html  the daily report with its charts"
echo "  demo/web/                 the web page's server: its configuration and logs"

