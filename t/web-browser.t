#!/bin/sh
# The office's web page, rs-web, as a person uses it: served by a real
# lighttpd (t/web.sh, share/rs/examples/lighttpd.conf) and used in
# Debian's Chromium, headless, driven by puppeteer-core (t/web/browser.js):
# the form, a refusal that says what is wrong and keeps what was typed,
# a request with an attachment, its radicado, the lookup with the right
# code and with a wrong one.  Each page passes axe-core's WCAG 2.1 A and
# AA rules, is used with the keyboard alone (Tab reaches every field and
# the button, in order), fits 640 CSS px (200% zoom of a 1280 px window)
# without scrolling sideways, and its screenshot shows something.  Then
# the database holds what the browser was told.
#
# As root (CI), the server and rs-web run as a user of their own, in
# the office group that owns the database (rs-admin init -g), as the
# README's deployment says; as anyone else, as the caller.  Without
# lighttpd, chromium, node or t/web/node_modules it fails saying so:
# scripts/deps.sh installs them.
. "$(dirname "$0")/lib.sh"
. "$top/t/web.sh"

# the browser's checks, in the order browser.js makes them
steps='form-load|GET / is the form, in Spanish, with every field of the interface
form-axe|... no WCAG 2.1 A or AA violation (axe-core)
form-keyboard|... the Tab key reaches every field and the button, in order, the focus shown
form-zoom|... at 200% zoom it fits the window, no sideways scroll
form-screenshot|... and its screenshot is not blank
refused-status|a request with no e-mail, phone or address is refused: 422
refused-announced|... the error summary #errores is an alert
refused-field|... the field says its error, aria-invalid and described by it
refused-kept|... and what was typed is kept
refused-axe|... no WCAG violation on the refused form
refused-zoom|... it fits at 200% zoom
refused-screenshot|... its screenshot is not blank
radicado-page|with an e-mail and an attachment it is registered: radicado, code, due date
radicado-axe|... no WCAG violation on the radicado page
radicado-zoom|... it fits at 200% zoom
radicado-screenshot|... its screenshot is not blank
lookup-load|GET /consulta is the lookup form
lookup-axe|... no WCAG violation
lookup-keyboard|... the Tab key reaches radicado, code and the button, the focus shown
lookup-zoom|... it fits at 200% zoom
lookup-screenshot|... its screenshot is not blank
status-page|the radicado with its code shows the request'"'"'s status
status-axe|... no WCAG violation on the status page
status-zoom|... it fits at 200% zoom
status-screenshot|... its screenshot is not blank
wrong-code|the radicado with a wrong code: 404, a message, no status
wrong-axe|... no WCAG violation on that page
wrong-zoom|... it fits at 200% zoom
wrong-screenshot|... its screenshot is not blank
no-script-errors|no script error and nothing refused by the page'"'"'s own policy'
nsteps=$(printf '%s\n' "$steps" | wc -l)
plan $((nsteps + 12))

for p in lighttpd node curl chromium; do
	command -v $p >/dev/null 2>&1 && continue
	echo "Bail out! $p is needed (sh scripts/deps.sh installs it)"
	exit 1
done
if [ ! -d "$top/t/web/node_modules/puppeteer-core" ] ||
    [ ! -d "$top/t/web/node_modules/axe-core" ]; then
	echo "Bail out! t/web/node_modules lacks puppeteer-core or axe-core (sh scripts/deps.sh runs npm ci there)"
	exit 1
fi

# as root: a user for the server and a group for the office, as in the
# README; unique names, so that a run beside this one does not collide
tmp=
g=
u=
drop_users() {
	if [ -n "$u" ]; then
		userdel "$u" 2>/dev/null
		groupdel "$u" 2>/dev/null
		groupdel "$g" 2>/dev/null
	fi
}
cleanup() {
	web_stop
	drop_users
	[ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP INT TERM

# the office's file where the web user reaches it, and rs-web too (the
# build tree may lie under a directory closed to others); an office on
# PostgreSQL, the test's own, it reaches through the server
tmp=$(mktemp -d /tmp/rs-web.XXXXXX) && chmod 755 "$tmp" || exit 1
mkdir "$tmp/bin" "$tmp/office" && cp "$top/rs-web" "$tmp/bin/" 2>/dev/null
WEB_CGI=$tmp/bin/rs-web
case $RS_DB in
postgres*) ;;
*)	RS_DB=$tmp/office/rs.db
esac
export RS_DB
if [ "$(id -u)" -eq 0 ]; then
	g=rs-office-$$
	u=rs-web-$$
	drop_users	# what a run killed with SIGKILL under this pid left
	groupadd "$g" && useradd -M -U -G "$g" -s /usr/sbin/nologin "$u" || {
		echo "Bail out! cannot add the user $u and the group $g"
		exit 1
	}
	WEB_USER=$u
	case $RS_DB in
	postgres*)
		# shared by the server's roles and grants, not a file's group
		check 'the office, on the server' 'rs-admin init' ;;
	*)
		check 'the office database, for its group' "rs-admin init -g $g >/dev/null"
	esac
else
	check 'the office database' 'rs-admin init'
fi
check 'the office'"'"'s name' "rs-admin config office_name 'La Secretaría Resuelve'"

# a Friday morning, 10:00 in Bogotá: the request's times are known
RS_CLOCK=2026-12-04T10:00
ok 'lighttpd serves rs-web on 127.0.0.1' web_start "$trash/web"

# a small PDF, the attachment
printf '%%PDF-1.4\n%% constancia laboral de prueba\n%%%%EOF\n' >constancia.pdf

mkdir -p browser
node "$top/t/web/browser.js" "$WEB_URL" "$trash/browser" \
    "$trash/constancia.pdf" >results.tsv 2>browser.err
st=$?
if [ $st -ne 0 ]; then
	echo "# node t/web/browser.js exited $st:"
	_show browser.err
fi
# what stopped the visit, if anything did
grep '^visit	' results.tsv | cut -f3- | sed 's/^/# /'

# step NAME: the browser's verdict on the check NAME
step() {
	line=$(grep "^$1	" results.tsv | head -1)
	case $line in
	"$1	ok")
		return 0 ;;
	"")
		echo "# $1: not checked: the visit stopped before it"
		return 1 ;;
	*)
		printf '# %s\n' "$(printf '%s\n' "$line" | cut -f3-)"
		return 1 ;;
	esac
}
while IFS='|' read -r name desc; do
	ok "$desc" step "$name"
done <<EOF
$steps
EOF

pid=$WEB_PID
web_stop
ok 'the server is stopped, and nothing of it is left' \
    sh -c "[ -n '$pid' ] && ! kill -0 '$pid' 2>/dev/null"

# what the browser was told is what the database holds
radicado=$(cat browser/radicado 2>/dev/null)
codigo=$(cat browser/codigo 2>/dev/null)
vence=$(cat browser/vence 2>/dev/null)
check_sql 'one request: the refused one wrote nothing' \
    'select count(*) from requests' 1
check_sql '... the radicado the page showed, from the web, as the form said' \
    "select id, channel, type, name, email, subject from requests" \
    "$radicado|web|peticion|Rosa Elena Díaz Muñoz|rosa.diaz@example.com|Certificado de tiempo de servicio"
check_sql '... received at the clock'"'"'s time, registered by the server'"'"'s RS_USER' \
    "select r.received_at, e.actor from requests r join events e on e.request = r.seq
     order by e.seq limit 1" \
    "2026-12-04T10:00:00-05:00|web"
# the due date shown is the law's: 15 business days after Friday 4 December 2026
due=$(rs-due add 2026-12-04T10:00 peticion | sed -n 2p | cut -d, -f4)
check_sql '... due on the day rs-due gives' \
    'select due_on from requests' "$due"
y=${due%%-*}
m=$(echo "$due" | cut -d- -f2)
d=$(echo "$due" | cut -d- -f3 | sed 's/^0//')
mes=$(echo 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre' |
    cut -d' ' -f"$(echo "$m" | sed 's/^0//')")
ok "... and the page said so (\"$vence\")" \
    sh -c "printf '%s\n' \"\$1\" | grep -q -e \"$due\" -e \"$d de $mes de $y\"" sh "$vence"
check_sql '... the attachment kept, whole' \
    "select d.role, d.name, d.size from documents d join requests r on r.seq = d.request
     where d.role = 'attachment'" \
    "attachment|constancia.pdf|$(wc -c <constancia.pdf | tr -d ' ')"
# the whole store as text, each store's dump of it
case $RS_DB in
postgres*) pg_dump -d "$RS_DB" >store.dump ;;
*) sqlite3 "$RS_DB" .dump >store.dump
esac
ok "... and the code given is not stored as shown" \
    sh -c "[ -n \"\$1\" ] && [ -s store.dump ] && ! grep -qF -- \"\$1\" store.dump" sh "$codigo"
check 'rs-admin check passes on what the web wrote' 'rs-admin check >/dev/null'
done_testing
