#!/bin/sh
# The demo's day (scripts/demo.sh) on PostgreSQL gives what it gives on
# SQLite: the same output, notices and report, all but what is random
# by design (the lookup codes, the nonces under the chain, and so its
# head) or the machine's (the web page's port and pid, the store's name).
. "$(dirname "$0")/lib.sh"
. "$top/t/pg.sh"
stop_webs() {
	for d in lite pg; do
		[ -f "$trash/$d/demo/web/lighttpd.pid" ] &&
		    kill "$(cat "$trash/$d/demo/web/lighttpd.pid")" 2>/dev/null
	done
	pg_stop
}
trap stop_webs EXIT
trap 'exit 1' HUP INT TERM
plan 9

ok 'a private cluster starts' pg_start "$trash/cluster"
mkdir -p lite pg
# one day for both runs, a Thursday, whatever the machine's date
export RS_DEMO_TODAY=2026-12-03
unset RS_CLOCK
check 'the day on SQLite' \
    "RS_DEMO_DIR=$trash/lite sh $top/scripts/demo.sh >lite.out 2>lite.err"
check 'the day on PostgreSQL' \
    "RS_DEMO_DIR=$trash/pg RS_DEMO_DB='$PG_URI' sh $top/scripts/demo.sh >pg.out 2>pg.err"

# what differs by design, put aside
same() {	# FILE: its text with the random and the machine's masked
	sed -e 's/^Cabeza de la cadena de eventos: .*/Cabeza de la cadena de eventos: (cabeza)/' \
	    -e "s|^$trash/lite/demo.db: ok:|(store): ok:|" \
	    -e "s|^$PG_URI: office \"main\": ok:|(store): ok:|" \
	    -e 's/[A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}/(código)/g' \
	    -e 's/chain_head[^<]*/chain_head/' \
	    -e 's/[0-9][0-9]*:[0-9a-f]\{64\}/(cabeza)/g' "$1" |
	    sed '/^== rs-web:/,$d'
}
same lite.out >lite.same
same pg.out >pg.same
check_out 'the same output' 'diff -u lite.same pg.same' </dev/null
ok '... of the whole day' grep -q '^== rs-admin check' pg.same
same lite/demo/avisos.mbox >lite.mbox
same pg/demo/avisos.mbox >pg.mbox
check_out 'the same notices' 'diff -u lite.mbox pg.mbox' </dev/null
same lite/demo/informe-diario.html >lite.html
same pg/demo/informe-diario.html >pg.html
check_out 'the same daily report' 'diff -u lite.html pg.html' </dev/null
check 'rs-admin check passes on PostgreSQL after the day' \
    "rs-admin -d '$PG_URI' check"
url=$(sed -n 's|^   the form:   \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' pg.out)
code=$(sed -n 's/^   try the lookup with \(RS-[0-9]*-[0-9]*\) and the code its acuse gave: \([A-Z0-9-]*\)$/\1 \2/p' pg.out)
check "its web page looks a request up on PostgreSQL ($code)" \
    "set -- $code && test \"\$(curl -s -o page.html -w '%{http_code}' \
        --data-urlencode radicado=\$1 --data-urlencode codigo=\$2 '$url/consulta')\" = 200 &&
     grep -q \"\$1\" page.html"
done_testing
