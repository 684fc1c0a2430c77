#!/bin/sh
# rs-report -o html and -o eml: one self-contained page that parses as
# XML, with a mark per data point in its charts; a multipart/alternative
# message with the same report as text and as that page.
. "$(dirname "$0")/lib.sh"
plan 16

check 'a store with a few requests' \
    "rs-admin init && rs-admin config sender oficina@example.gov.co &&
     printf '%s\n' 'received_at,channel,type,name,email,subject' \
     '2024-08-12T09:00,web,peticion,Ana Pérez,ana@x.co,Pago' \
     '2024-08-13T10:00,correo,queja,Beto Ruiz,beto@x.co,Trato' \
     '2024-08-13T11:00,web,informacion,Carla Díaz,carla@x.co,Copia' >in.csv &&
     rs-intake -n 2024-08-13T12:00 in.csv >/dev/null &&
     rs-queue -n 2024-08-13T15:00 answer --outcome favorable -m Listo RS-2024-000001 >/dev/null"
check 'daily -o html' 'rs-report -n 2024-08-13 -o html daily >daily.html'

command -v python3 >/dev/null 2>&1 ||
    { echo "Bail out! python3 is needed (sh scripts/deps.sh installs it)"; exit 1; }
# the page parses as XML (the polyglot form of HTML)
XML='import sys, xml.dom.minidom
xml.dom.minidom.parseString(sys.stdin.read().replace("<!DOCTYPE html>", ""))'
check '... parses as XML' "python3 -c '$XML' <daily.html"
ok '... self-contained: no script, nothing loaded from elsewhere' \
    sh -c '! grep -q -e "<script" -e "src=" -e "href=" daily.html'
check_out '... the 30-day trend: a point a day for each series' \
    "grep -c '<circle class=\"point\"' daily.html" <<'EOF'
60
EOF
check_out '... the backlog by age: a bar an age bucket' \
    "sed -n '/<h2>Días hábiles abiertas<\/h2>/,/<\/svg>/p;/Abiertas por antigüedad/,/<\/svg>/p' daily.html |
     grep -c '<rect class=\"point\"'" <<'EOF'
5
EOF
ok '... each mark titled with its value' \
    grep -q '<title>08-13, Recibidas: 2</title>' daily.html
ok '... no personal data' sh -c '! grep -q -e Pérez -e ana@x.co daily.html'
check 'summary --by type -o html, a bar a type' \
    "rs-report -o html --from 2024-08-01 --to 2024-08-31 --by type summary >sum.html &&
     test \$(grep -c '<rect class=\"point\"' sum.html) -eq 3"
check 'daily -o eml --mail-to' \
    'rs-report -n 2024-08-13 -o eml --mail-to coord@example.gov.co daily >daily.eml'
check_out '... a MIME message: the text and the page' \
	    "python3 -c 'import email, sys; from email import policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=policy.default)
print(m[\"To\"]); print(m[\"Subject\"]); print(m.get_content_type())
print(*[p.get_content_type() for p in m.iter_parts()])' <daily.eml" <<'EOF'
coord@example.gov.co
Informe diario del martes 13 de agosto de 2024
multipart/alternative
text/plain text/html
EOF
# on a terminal (script(1) gives one) the trend is two lines of bars
check 'daily on a terminal' \
    "script -qec 'rs-report -n 2024-08-13 daily' /dev/null >tty.out"
# 30 days from 07-15: 28 blanks, then 08-12 (1 in: half of the 2 of
# 08-13) and 08-13 (2 in, the maximum, full; 1 out, half)
check_out '... the trend as sparklines: a bar a day, scaled together' \
    "tr -d '\\r' <tty.out | grep -A2 'últimos 30 días' | sed 's/ *\$//'" <<'EOF'
Recibidas y respondidas, últimos 30 días (07-15 a 08-13, máximo 2)
Recibidas                                ▄█
Respondidas                               ▄
EOF
check_err '-o eml needs --mail-to' 64 'rs-report: -o eml and --mail-to go together' \
    'rs-report -o eml daily'
check_err '--mail-to must be an address' 64 \
    'rs-report: --mail-to: -oQ/tmp/x@y: address starts with "-"' \
    'rs-report -o eml --mail-to -oQ/tmp/x@y daily'
check_err 'eml needs the sender' 78 \
    "rs-report: $RS_DB: sender: not set (rs-admin config sender ADDRESS)" \
    "rs-admin config sender '' && rs-report -o eml --mail-to a@b.co daily"
done_testing
