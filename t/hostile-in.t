#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Hostile input on the way in: HTML-only mail that hides or swallows its
# text, times of receipt outside the window of the setting received_days,
# addresses with the characters rs-csv(5) refuses, files in UTF-16 or with
# CR line ends, a CR alone in a field, and control characters echoed in
# messages.  Each refusal: exact message, status 65, nothing written.
# The mail fixtures are t/mail/; the speed of the HTML reading is
# measured in bench/mailhtml.sh, never here.
plan 59

M=$top/t/mail
NOW=2024-09-02T08:00
H=received_at,channel,type,name,email,subject,description
COUNT='select count(*) from requests'

check 'rs-admin init' 'rs-admin init'
for f in html-unclosed-comment html-unclosed-script html-script-only \
    html-no-gt date-1970 received-1999 from-bracket from-pipe \
    reply-to-colon; do
	cp "$M/$f.eml" .
done

# --- HTML made text ---------------------------------------------------------------

check 'a stray "<!--": registered' \
    "rs-intake -m -n $NOW html-unclosed-comment.eml >/dev/null"
check_sql '... the text after it kept, only the opening dropped' \
    "select description from requests where external_ref = 'hostile-comment@example.co'" \
    'sin cierre

Señores:

Pido copia del expediente.'
check 'a <script> and a <style> never closed: registered' \
    "rs-intake -m -n $NOW html-unclosed-script.eml >/dev/null"
check_sql '... what follows each is read, not hidden' \
    "select description from requests where external_ref = 'hostile-script@example.co'" \
    'Antes

var a = 1;

Después

p {}

Al final'
check 'HTML that leaves no text: registered' \
    "rs-intake -m -n $NOW html-script-only.eml >/dev/null"
check_sql '... with the HTML as it came, never empty' \
    "select description from requests where external_ref = 'hostile-script-only@example.co'" \
    '<html><head><title>t</title></head><script>alert(1)</script></html>'
check 'a "<" with no ">" after it, a quote never closed: registered' \
    "rs-intake -m -n $NOW html-no-gt.eml >/dev/null"
check_sql '... both are text' \
    "select description from requests where external_ref = 'hostile-lt@example.co'" \
    'Cuota doble

Pago a<b y c<d, <a title="sin cierre'

# --- times of receipt: the window of received_days ---------------------------------

check_sql 'four requests so far' "$COUNT" 4
check_err 'a message dated 1970: refused, named by its Date: header' 65 \
    'rs-intake: date-1970.eml: Date: the holiday calendar of Ley 51 de 1983 applies from 1984; earlier dates are not modelled; got "1969-12-31T19:00:00-05:00"' \
    "rs-intake -m -n $NOW date-1970.eml"
check_err 'a forged Received: of 1999: refused, named by that header' 65 \
    'rs-intake: received-1999.eml: Received: "1999-01-01T10:00:00-05:00" is more than 3650 days before 2024-09-02T08:00:00-05:00 (the setting received_days)' \
    "rs-intake -m -n $NOW received-1999.eml"
check_sql '... neither wrote anything' \
    "$COUNT; select count(*) from mail_seen where message_id like 'hostile-19%'" '4
0'
printf '%s\n' "$H" '2024-03-01T10:00,web,peticion,Ana,ana@x.co,Una,x' \
    '0024-03-04T10:00,web,peticion,Bea,bea@x.co,Dos,x' >year24.csv
check_err 'a CSV year 0024: file, line and column; the batch refused' 65 \
    'rs-intake: year24.csv:3: received_at: the holiday calendar of Ley 51 de 1983 applies from 1984; earlier dates are not modelled; got "0024-03-04T10:00"' \
    'rs-intake -n 2024-03-05 year24.csv'
printf '%s\n' "$H" '1999-12-31T10:00,web,peticion,Ana,ana@x.co,Una,x' >y1999.csv
check_err 'a CSV year 1999: refused' 65 \
    'rs-intake: y1999.csv:2: received_at: "1999-12-31T10:00" is more than 3650 days before 2024-03-05T00:00:00-05:00 (the setting received_days)' \
    'rs-intake -n 2024-03-05 y1999.csv'
check_sql '... nothing of either batch written' "$COUNT" 4
printf '%s\n' "$H" '2014-03-07T23:59,web,peticion,Ana,ana@x.co,Una,x' >edge-out.csv
check_err 'one minute more than 3650 days back: refused' 65 \
    'rs-intake: edge-out.csv:2: received_at: "2014-03-07T23:59" is more than 3650 days before 2024-03-05T00:00:00-05:00 (the setting received_days)' \
    'rs-intake -n 2024-03-05 edge-out.csv'
printf '%s\n' "$H" '2014-03-08T00:00,web,peticion,Ana,ana@x.co,Borde,x' >edge-in.csv
check_out 'exactly 3650 days back: registered in its own year' \
    'rs-intake -n 2024-03-05 edge-in.csv | cut -d, -f1,2' <<'EOF'
id,received_at
RS-2014-000001,2014-03-08T00:00:00-05:00
EOF
check_err 'the flag --received-at: refused the same way' 65 \
    'rs-intake: received_at: "1999-01-01" is more than 3650 days before 2024-03-05T00:00:00-05:00 (the setting received_days)' \
    'rs-intake -n 2024-03-05 -c web -t peticion -N Ana -e ana@x.co -s Hola --received-at 1999-01-01'
check_err 'received_days 0: refused' 65 \
    'rs-admin: received_days: expected days from 1 to 36500; got "0"' \
    'rs-admin config received_days 0'
check_err 'received_days 36501: refused' 65 \
    'rs-admin: received_days: expected days from 1 to 36500; got "36501"' \
    'rs-admin config received_days 36501'
check 'received_days 36500, for an office moving its old files in' \
    'rs-admin config received_days 36500'
check_out '... then 1999 is registered, in 1999' \
    'rs-intake -n 2024-03-05 y1999.csv | cut -d, -f1' <<'EOF'
id
RS-1999-000001
EOF
check 'received_days back to its default' 'rs-admin config received_days 3650'

# --- addresses: one rule, the list of rs-csv(5) --------------------------------------

# the characters the man page lists, as the reader sees them
sed -n 's/^\.Ql \(<>.*\) ,$/\1/p' "$top/man/rs-csv.5" |
    sed 's/\\(dq/"/g; s/\\e/\\/g' >refused-chars
ok 'rs-csv(5) lists the twelve characters, the pipe among them' \
    test "$(cat refused-chars)" = '<>()[],;:\"|'
i=0
while [ $i -lt 12 ]; do
	i=$((i + 1))
	c=$(cut -c $i refused-chars)
	q=$(printf '%s' "$c" | sed 's/"/""/')
	printf '%s\n' "$H" "2024-03-01T10:00,web,peticion,Ana,\"a${q}b@x.co\",Una,x" \
	    >addr$i.csv
	check_err "an address with $c: refused" 65 \
	    "rs-intake: addr$i.csv:2: email: not a valid address: \"a${c}b@x.co\"" \
	    "rs-intake -n 2024-03-05 addr$i.csv"
done
printf '%s\n' "$H" '2024-03-01T10:00,web,peticion,Ana,a@[127.0.0.1],Una,x' >literal.csv
check_err 'a domain written as an address in brackets: refused' 65 \
    'rs-intake: literal.csv:2: email: not a valid address: "a@[127.0.0.1]"' \
    'rs-intake -n 2024-03-05 literal.csv'
check_err 'a From: a@[127.0.0.1]: refused' 65 \
    'rs-intake: from-bracket.eml: email: not a valid address: "a@[127.0.0.1]"' \
    "rs-intake -m -n $NOW from-bracket.eml"
check_err 'a From: with a pipe: refused' 65 \
    'rs-intake: from-pipe.eml: email: not a valid address: "a|cmd@example.co"' \
    "rs-intake -m -n $NOW from-pipe.eml"
check_err 'a Reply-To: with a colon: refused' 65 \
    'rs-intake: reply-to-colon.eml: email: not a valid address: ""a:b"@example.co"' \
    "rs-intake -m -n $NOW reply-to-colon.eml"
check_err 'a representative_email with a backslash: refused' 65 \
    'rs-intake: representative_email: not a valid address: "a\b@x.co"' \
    "rs-intake -n 2024-03-05 -c web -t peticion -N Ana -e ana@x.co -s Hola --representative-name Luis --representative-email 'a\\b@x.co'"
check_err 'a correction to an address with a pipe: refused' 65 \
    'rs-queue: RS-2024-000001: email: not a valid address: "a|b@x.co"' \
    "rs-queue -n $NOW correct -m x RS-2024-000001 'email=a|b@x.co'"
check_sql '... nothing of it written' "$COUNT; select count(*) from events where kind = 'correct'" '6
0'

# --- the file's encoding and line ends ----------------------------------------------

printf 'received_at,channel,type,name,email,subject\r2024-03-01T10:00,web,peticion,Ana,ana@x.co,Hola\r' >cr.csv
check_err 'line ends that are CR alone: told, with the conversion' 65 \
    "rs-intake: cr.csv:1: line endings are CR only: convert with tr '\\r' '\\n'" \
    'rs-intake -n 2024-03-05 cr.csv'
printf '%s\n' "$H" '2024-03-01T10:00,web,peticion,Ana,ana@x.co,Hola,x' |
    iconv -f UTF-8 -t UTF-16 >u16.csv
check_err 'UTF-16 with its byte order mark: told, with the conversion' 65 \
    'rs-intake: u16.csv:1: the file is UTF-16: convert with iconv -f UTF-16 -t UTF-8' \
    'rs-intake -n 2024-03-05 u16.csv'
printf '%s\n' "$H" '2024-03-01T10:00,web,peticion,Ana,ana@x.co,Hola,x' |
    iconv -f UTF-8 -t UTF-16BE >u16be.csv
check_err 'UTF-16BE without one: the same' 65 \
    'rs-intake: u16be.csv:1: the file is UTF-16: convert with iconv -f UTF-16 -t UTF-8' \
    'rs-intake -n 2024-03-05 u16be.csv'
{ printf '%s\n' "$H"
  printf '2024-03-01T10:00,web,peticion,Ana,ana@x.co,CR,"uno\rdos\rtres"\n'
} >crfield.csv
{ printf '%s\n' "$H"
  printf '2024-03-01T10:00,web,peticion,"Ana\rPaz",ana@x.co,Hola,x\n'
} >crname.csv
check_err 'a CR alone in a name: a line break, which a name may not hold' 65 \
    'rs-intake: crname.csv:2: name: control characters are not allowed' \
    'rs-intake -n 2024-03-05 crname.csv'
check 'a CR alone in a description: registered' \
    'rs-intake -n 2024-03-05 crfield.csv >crfield.out'
check_sql '... stored as a line break, never a CR' \
    "select hex(description) from requests where subject = 'CR'" \
    "$(printf 'uno\ndos\ntres' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
ok '... and written out as one' \
    test "$(tr -d -c '\r' <crfield.out | wc -c)" -eq 0
check 'a CR alone and a CR LF in -D: registered' \
    "rs-intake -n 2024-03-05 -c web -t peticion -N Ana -e ana@x.co -s CRD -D \"\$(printf 'uno\\rdos\\r\\ntres')\" >/dev/null"
check_sql '... each stored as a line break' \
    "select hex(description) from requests where subject = 'CRD'" \
    "$(printf 'uno\ndos\ntres' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"

# --- control characters in messages --------------------------------------------------

printf 'received_at,channel\033[2J,type\n' >esc.csv
check_err 'a header name with an escape sequence: shown escaped' 65 \
    'rs-intake: esc.csv:1: unknown column "channel\x1b[2J" (known: received_at, channel, type, topic, team, priority, preferential, name, salutation, id_number, email, phone, office, requester_kind, subject, description, external_ref, address, anonymous, representative_name, representative_id_number, representative_email, representative_phone, priority_reason)' \
    'rs-intake -n 2024-03-05 esc.csv'
check_err 'a -u value with a CR: shown escaped' 64 \
    'rs-intake: -u: expected a user name; got "x\ry"' \
    "rs-intake -n 2024-03-05 -u \"\$(printf 'x\\ry')\" esc.csv"
check_err 'a file name with an escape and a byte that is not UTF-8' 66 \
    'rs-intake: a\x1bb\xff.csv: No such file or directory' \
    "rs-intake -n 2024-03-05 \"\$(printf 'a\\033b\\377.csv')\""
printf '%s\n' "$H" "$(printf '2024-03-01T10:00,web,peticion,Ana,ana@x.co,Hola\302\233[2J,x')" >c1.csv
check_err 'a C1 control (U+009B, an escape to some terminals): refused' 65 \
    'rs-intake: c1.csv:2: subject: control characters are not allowed' \
    'rs-intake -n 2024-03-05 c1.csv'
check_err '... and shown escaped where it is quoted' 64 \
    'rs-intake: -u: expected a user name; got "a\xc2\x9bb"' \
    "rs-intake -n 2024-03-05 -u \"\$(printf 'a\\302\\233b')\" c1.csv"
check_sql 'nothing refused was written' "$COUNT" 8
