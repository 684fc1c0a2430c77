#!/bin/sh
. "$(dirname "$0")/lib.sh"
# No mail loop (rs-intake(1) SORTING, rs-notify(1)): a day of requests by
# mail, each acknowledged through sendmail as an office runs it
# (rs-intake -m | rs-notify -s acuse), to requesters whose mailboxes all
# answer every message automatically, in the shapes responders use: RFC
# 3834 Auto-Submitted, Exchange's X-Auto-Response-Suppress, an old
# vacation(1) with Precedence: bulk, and a responder that marks nothing
# at all.  Their answers go through the same pipeline until none is
# left: no radicado comes of them and no second notice goes out.
plan 9

DOMAIN=oficina.example.gov.co
mkdir queue
n=0

# The requesters' mailboxes: each notice delivered is answered at once,
# the answer left in queue/ for the office's mailbox.
cat >responder <<EOF
#!/bin/sh
# argv: -i -f ENVELOPE -- RECIPIENT; the message on stdin
rcpt=\$5
cat >msg
id=\$(sed -n 's/^Message-I[Dd]: *//p' msg | head -1)
subj=\$(sed -n 's/^Subject: *//p' msg | head -1)
k=\$(ls $trash/queue | wc -l)
case \$((k % 4)) in
0) marks='Auto-Submitted: auto-replied (vacation)' ;;
1) marks='X-Auto-Response-Suppress: All' ;;
2) marks='Precedence: bulk' ;;
3) marks='X-Mailer: un contestador sin marcas' ;;
esac
{
	echo "From: \$rcpt"
	echo "To: pqrsd@$DOMAIN"
	echo "Subject: Re: \$subj"
	echo "Date: Tue, 01 Dec 2026 15:00:00 -0500"
	echo "Message-ID: <auto-\$k@responder.example.co>"
	echo "In-Reply-To: \$id"
	echo "References: \$id"
	echo "\$marks"
	echo
	echo "Estoy fuera de la oficina. Responderé a mi regreso."
} >$trash/queue/\$k.eml
echo "\$rcpt" >>$trash/delivered
EOF
chmod +x responder
RS_SENDMAIL=$trash/responder
export RS_SENDMAIL

check 'an office' \
    "rs-admin init && rs-admin config sender pqrsd@$DOMAIN &&
     rs-admin config bounce_address pqrsd-rebotes@$DOMAIN"

# the day's mail: 24 requests, from 08:00 to 15:40
i=0
while [ $i -lt 24 ]; do
	h=$((8 + i / 3)) m=$((i % 3 * 20))
	cat >in-$i.eml <<EOF
From: Persona $i <persona$i@example.co>
To: pqrsd@$DOMAIN
Subject: Solicitud número $i
Date: Tue, 01 Dec 2026 $(printf '%02d:%02d' $h $m):00 -0500
Message-ID: <peticion-$i@example.co>

Solicito información sobre el trámite $i.
EOF
	i=$((i + 1))
done
check 'every request of the day, each acknowledged through sendmail' \
    'for f in in-*.eml; do
	rs-intake -m -n 2026-12-01T16:00 "$f" |
	    rs-notify -s -n 2026-12-01T16:00 acuse || exit 1
     done'
ok '... 24 acuses delivered, 24 automatic answers waiting' \
    test "$(wc -l <delivered)" -eq 24 -a "$(ls queue | wc -l)" -eq 24

# the answers into the mailbox, as the MTA would hand them over, round
# after round until nothing new comes back (a loop would never end: the
# rounds are bounded)
check 'their automatic answers, through the same pipeline, until none is left' \
    'round=0
     while [ $round -lt 5 ] && [ -n "$(ls queue)" ]; do
	mkdir -p done/$round && mv queue/* done/$round/
	for f in done/$round/*.eml; do
		rs-intake -m -n 2026-12-01T17:00 "$f" | tee -a sorted.csv |
		    rs-notify -s -n 2026-12-01T17:00 acuse || exit 1
	done
	round=$((round + 1))
     done
     [ -z "$(ls queue)" ] && [ $round -eq 1 ]'
check_sql 'no radicado came of them' 'select count(*) from requests' '24'
ok 'no second notice went out' test "$(wc -l <delivered)" -eq 24
check_sql '... and none is recorded' \
    "select kind, count(*), count(distinct request) from notices group by kind" \
    'acuse|24|24'
check_sql 'each answer kept where it belongs, or waiting for review' \
    "select kind, count(*) from events where kind in ('autoreply', 'message')
     group by kind order by kind" \
    'autoreply|18
message|6'
check 'rs-admin check: the chain holds' 'rs-admin check'
done_testing
