#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-notify against what would make it lie about a delivery or be bent:
# names and subjects without spaces (RFC 2047 encoded-words of 75 at
# most, read back whole by python3's email package); a sendmail that reads
# part of a notice and says yes; a reader of the mbox that stops half-way
# (| head -c); a Maildir, its new/ or tmp/ that is a symbolic link; a
# template that is a FIFO or a link, a templates directory that is a
# link; a template that adds Bcc, Cc or Received.  Each: the exact
# message and status, and nothing on record that was not delivered.
plan 41

SENDER=pqrsd@alcaldia.example.gov.co
NOW=2024-03-04T10:05

command -v python3 >/dev/null 2>&1 ||
    { echo "Bail out! python3 is needed (sh scripts/deps.sh installs it)"; exit 1; }
export PYTHONIOENCODING=utf-8

# a second office, with its own templates
TPL=$(store_for tpl)

NOTICES="select r.id, n.kind, n.via from notices n join requests r
    on r.seq = n.request order by n.seq"
EVENTS="select count(*) from events where kind = 'notice'"

check 'an office with three requests' \
    "rs-admin init && rs-admin config sender $SENDER &&
     for i in 1 2 3; do
         rs-intake -n 2024-03-04T10:00 -c correo -t peticion -N \"Ana \$i\" \
             -e ana\$i@example.co -s \"Pago \$i\" -D 'Un pago.' || exit 1
     done >/dev/null"

# --- a sendmail that reads 100 bytes and says yes ------------------------

cat >sendmail-100 <<'EOF'
#!/bin/sh
dd bs=100 count=1 of=/dev/null 2>/dev/null
exit 0
EOF
cat >sendmail-all <<EOF
#!/bin/sh
cat >$trash/sent.eml
EOF
chmod +x sendmail-100 sendmail-all
# the size of the notice, from a copy of the office that sends it whole
COPY=$(store_for copy)
check 'the notice as it would go, from a copy' \
    "rs-admin copy '$COPY' >/dev/null &&
     RS_SENDMAIL=$trash/sendmail-all rs-notify -d '$COPY' -n $NOW -s acuse RS-2024-000001"
SIZE=$(wc -c <sent.eml)
check_err 'a sendmail that read 100 bytes and exited 0: not sent, exit 74' 74 \
    "rs-notify: RS-2024-000001: $trash/sendmail-100 read 100 of $SIZE bytes and exited 0; not sent" \
    "RS_SENDMAIL=$trash/sendmail-100 rs-notify -n $NOW -s acuse RS-2024-000001"
check_sql '... nothing recorded' "$NOTICES; $EVENTS" '0'
check 'a sendmail that reads it all: sent' \
    "RS_SENDMAIL=$trash/sendmail-all rs-notify -n $NOW -s acuse RS-2024-000001"
check_sql '... recorded once' "$NOTICES; $EVENTS" 'RS-2024-000001|acuse|sendmail
1'

# --- a reader that stops: rs-notify | head -c ---------------------------

# the first notice's size in the mbox, from a copy
COPY=$(store_for copy)
check 'the mbox as it would go, from a copy' \
    "rs-admin copy '$COPY' >/dev/null &&
     rs-notify -d '$COPY' -n $NOW -F acuse RS-2024-000002 RS-2024-000003 >all.mbox"
FIRST=$(awk 'NR > 1 && /^From /{exit} {n += length($0) + 1} END{print n}' all.mbox)
ok '... two notices, each larger than 1000 bytes' \
    test "$(grep -c '^From ' all.mbox)" -eq 2 -a "$FIRST" -gt 1000
# head's status is the pipeline's: rs-notify's is kept in a file
stops() {	# BYTES: rs-notify's stderr and status when head takes BYTES
	echo "(rs-notify -n $NOW acuse RS-2024-000002 RS-2024-000003 2>notify.err;
	  echo \$? >notify.st) | head -c $1 >/dev/null;
	  cat notify.err >&2; exit \$(cat notify.st)"
}
check_err '| head -c 1000: the notice cut short is not sent, exit 74' 74 \
    'rs-notify: stdout closed after 0 notices; 2 of 2 requests left pending: run again' \
    "$(stops 1000)"
check_sql '... nothing more recorded' "$NOTICES; $EVENTS" 'RS-2024-000001|acuse|sendmail
1'
check_err '| head -c FIRST+100: the first whole, the second cut short' 74 \
    'rs-notify: stdout closed after 1 notice; 1 of 2 requests left pending: run again' \
    "$(stops $((FIRST + 100)))"
check_sql '... only the first recorded' "$NOTICES; $EVENTS" 'RS-2024-000001|acuse|sendmail
RS-2024-000002|acuse|mbox
2'
check 'run again: the one left pending goes' \
    "rs-notify -n $NOW acuse RS-2024-000003 >rest.mbox"
check_sql '... recorded' "$NOTICES; $EVENTS" 'RS-2024-000001|acuse|sendmail
RS-2024-000002|acuse|mbox
RS-2024-000003|acuse|mbox
3'
check_err 'on paper too: -p | head -c 10' 74 \
    'rs-notify: stdout closed after 0 notices; 1 of 1 requests left pending: run again' \
    "(rs-notify -n $NOW -p constancia RS-2024-000001 2>notify.err;
      echo \$? >notify.st) | head -c 10 >/dev/null;
      cat notify.err >&2; exit \$(cat notify.st)"
check_sql '... not recorded' "select count(*) from notices where kind = 'constancia'" '0'

# --- Maildirs through links ---------------------------------------------

mkdir -p real/new real/cur real/tmp elsewhere md-new/cur md-new/tmp md-tmp/new md-tmp/cur
ln -s real md-link
ln -s ../elsewhere md-new/new
ln -s ../elsewhere md-tmp/tmp
check_err '-M a Maildir that is a symbolic link: refused, exit 77' 77 \
    'rs-notify: RS-2024-000001: md-link: is a symbolic link; refused' \
    "rs-notify -n $NOW -F -M md-link constancia RS-2024-000001"
check_err '-M a Maildir whose new/ is a symbolic link: refused, exit 77' 77 \
    'rs-notify: RS-2024-000001: md-new/new: is a symbolic link; refused' \
    "rs-notify -n $NOW -F -M md-new constancia RS-2024-000001"
check_err '-M a Maildir whose tmp/ is a symbolic link: refused, exit 77' 77 \
    'rs-notify: RS-2024-000001: md-tmp/tmp: is a symbolic link; refused' \
    "rs-notify -n $NOW -F -M md-tmp constancia RS-2024-000001"
check_out '... nothing written through any of them' \
    'find real elsewhere md-new md-tmp -type f | wc -l' <<'EOF'
0
EOF
check_sql '... nothing recorded' "select count(*) from notices where kind = 'constancia'" '0'
check '-M a real Maildir: delivered' \
    "rs-notify -n $NOW -F -M real constancia RS-2024-000001"
check_out '... one message in new/' 'ls real/new | wc -l' <<'EOF'
1
EOF

# --- templates that are not files of their own, or add headers ------------

check 'an office with its own templates' \
    "rs-admin -d '$TPL' init && rs-admin -d '$TPL' config sender $SENDER &&
     mkdir tpl && rs-admin -d '$TPL' config templates '$trash/tpl' &&
     rs-intake -d '$TPL' -n 2024-03-04T10:00 -c correo -t peticion \
         -N 'ÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñez' \
         -e ana@example.co \
         -s 'Poda🌳delárbolcaídofrentealacasanúmero12delaveredaLaFuente,quebloquealavía🚧yponeenriesgoalosniños👧🏽quepasan' \
         -D 'Un árbol.' >/dev/null"
mkfifo tpl/acuse.txt
check_err 'a template that is a FIFO: refused at once, exit 66' 66 \
    "rs-notify: $trash/tpl/acuse.txt: not a regular file" \
    "timeout 20 rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
rm tpl/acuse.txt
printf 'Subject: {{asunto}}\n\n{{saludo}}: radicado {{radicado}}.\n' >elsewhere.txt
ln -s "$trash/elsewhere.txt" tpl/acuse.txt
check_err 'a template that is a symbolic link: refused, exit 77' 77 \
    "rs-notify: $trash/tpl/acuse.txt: is a symbolic link; refused" \
    "rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
rm tpl/acuse.txt
mv tpl tpl.real
ln -s tpl.real tpl
check_err 'a templates directory that is a symbolic link: refused, exit 77' 77 \
    "rs-notify: $trash/tpl: is a symbolic link; refused" \
    "rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
rm tpl
mv tpl.real tpl
printf 'Subject: {{asunto}}\nBcc: espia@example.org\n\n{{saludo}}: radicado {{radicado}}.\n' >tpl/acuse.txt
check_err 'a template that adds a Bcc: refused with file, line and header, exit 78' 78 \
    "rs-notify: $trash/tpl/acuse.txt:2: Bcc: not a header a template may set (expected one of Subject, Reply-To, Organization, Keywords, Comments)" \
    "rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
printf 'Subject: {{asunto}}\nReply-To: atencion@example.org\nCC: espia@example.org\n\nHola.\n' >tpl/acuse.txt
check_err '... a Cc, in any case' 78 \
    "rs-notify: $trash/tpl/acuse.txt:3: CC: not a header a template may set (expected one of Subject, Reply-To, Organization, Keywords, Comments)" \
    "rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
printf 'Received: from x by y\nSubject: {{asunto}}\n\nHola.\n' >tpl/acuse.txt
check_err '... a Received' 78 \
    "rs-notify: $trash/tpl/acuse.txt:1: Received: not a header a template may set (expected one of Subject, Reply-To, Organization, Keywords, Comments)" \
    "rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
printf 'Subject: {{asunto}}\nDate: {{fecha_hoy}}\n\nHola.\n' >tpl/acuse.txt
check_err '... a header rs sets itself' 78 \
    "rs-notify: $trash/tpl/acuse.txt:2: Date: set by rs, not by a template" \
    "rs-notify -d '$TPL' -n $NOW -F acuse RS-2024-000001"
on "$TPL" check_sql '... none of them recorded' \
    "select count(*) from notices; select count(*) from events where kind = 'notice'" \
    '0
0'

# --- a name and a subject without spaces ---------------------------------

printf 'Subject: {{asunto}}\nOrganization: {{nombre}}\n\n{{saludo}}: radicado {{radicado}}.\n' >tpl/acuse.txt
check 'a notice to a name and of a subject without spaces' \
    "rs-notify -d '$TPL' -n $NOW acuse RS-2024-000001 >long.mbox"
cat >words.py <<'EOF'
import re, sys
head = open(sys.argv[1], 'rb').read().decode('ascii').split('\n\n', 1)[0]
words = re.findall(r'=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=', head)
lines = [l for l in head.split('\n') if '=?' in l]
print('%d encoded-words, longest %d; %d lines with them, longest %d' % (
    len(words), max(map(len, words)), len(lines), max(map(len, lines))))
EOF
WORDS=$(python3 words.py long.mbox)
ok "... encoded-words of 75 at most, on lines of 76 at most ($WORDS)" \
    python3 -c "import re, sys; w = sys.argv[1]; n = list(map(int, re.findall(r'\d+', w)));
sys.exit(not (n[0] > 4 and n[1] <= 75 and n[3] <= 76))" "$WORDS"
# python3's email package, read as RFC 2047 says: its newer policy joins
# the encoded-words of a display name with a space between them (white
# space between encoded-words is no part of the text), so the names are
# decoded with decode_header; GMime reads them back in t/unit/mail.c
cat >read.py <<'EOF'
import email, mailbox, sys
from email.header import decode_header, make_header
from email.utils import getaddresses
def text(v):
    return str(make_header(decode_header(v)))
for m in mailbox.mbox(sys.argv[1], create=False):
    for h in sys.argv[2:]:
        if h in ('from', 'to'):
            name, addr = getaddresses([m[h]])[0]
            print(text(name))
            print(addr)
        elif h == 'defects':
            print(len(m.defects))
        else:
            print(text(m[h]))
EOF
check_out '... read back by python3: the same name and subject, no defects' \
    'python3 read.py long.mbox to subject organization defects' <<'EOF'
ÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñez
ana@example.co
Poda🌳delárbolcaídofrentealacasanúmero12delaveredaLaFuente,quebloquealavía🚧yponeenriesgoalosniños👧🏽quepasan
ÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñez
0
EOF
on "$TPL" check_sql '... recorded' "select count(*) from notices" 1

check 'an office name without spaces' \
    "rs-admin -d '$TPL' config office_name 'AlcaldíaMunicipaldeSopóCundinamarca—SecretaríadeGobiernoyParticipaciónCiudadana🏛'"
check 'a constancia from it' \
    "rs-notify -d '$TPL' -n $NOW constancia RS-2024-000001 >office.mbox"
WORDS=$(python3 words.py office.mbox)
ok "... encoded-words of 75 at most ($WORDS)" \
    python3 -c "import re, sys; n = list(map(int, re.findall(r'\d+', sys.argv[1])));
sys.exit(not (n[1] <= 75 and n[3] <= 76))" "$WORDS"
check_out '... read back: the same name' 'python3 read.py office.mbox from' <<'EOF'
AlcaldíaMunicipaldeSopóCundinamarca—SecretaríadeGobiernoyParticipaciónCiudadana🏛
pqrsd@alcaldia.example.gov.co
EOF

check 'rs-admin check: the chains hold' "rs-admin check && rs-admin -d '$TPL' check"
done_testing
