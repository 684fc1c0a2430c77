#!/bin/sh
. "$(dirname "$0")/lib.sh"
# make demo's day (scripts/demo.sh), run here as the quick start runs it:
# on the machine's own date and clock, whatever the hour, into this
# scratch directory.  It must run whole and leave a sound database, and
# the web page serving it, which this test stops as the demo says.
plan 11

# the demo's web page, if it was left running by a failure here
stop_web() {
	[ -f "$trash/demo/web/lighttpd.pid" ] || return 0
	pid=$(cat "$trash/demo/web/lighttpd.pid")
	case $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) in
	*"lighttpd -D -f $trash/demo/web/lighttpd.conf"*) kill "$pid" ;;
	esac
}
trap stop_web EXIT
trap 'exit 129' HUP INT TERM

unset RS_CLOCK
check 'the demo runs whole' \
    "RS_DEMO_DIR=$trash sh $top/scripts/demo.sh >demo.out 2>demo.err"
check 'rs-admin check passes on what it left' 'rs-admin -d demo.db check'
RS_DB=$trash/demo.db
check_sql "it registered requests" \
    "select count(*) > 0 from requests" 1
ok 'it wrote the notices' test -s demo/avisos.mbox
ok 'and the daily report' grep -q '<html' demo/informe-diario.html
# the next morning's report covers from 07:00 of the demo's day (or the
# business day before it), the after-hours requests included
ok 'the next morning covers since the last business day, at 07:00' \
    grep -q '^Lo recibido y lo respondido desde el .* a las 07:00$' demo.out

# the web page: where the demo says, over demo.db, until stopped as it says
url=$(sed -n 's|^   the form:   \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' demo.out)
ok "the demo says where its web page is ($url)" test -n "$url"
check 'the web page answers there with the form' \
    "curl -sf '$url/' | grep -q 'id=\"enviar\"'"
check '... and looks up a request of the demo day: wrong code, 404' \
    "test \"\$(curl -s -o /dev/null -w '%{http_code}' \
        --data-urlencode radicado=\$(sqlite3 demo.db 'select id from requests order by seq limit 1') --data-urlencode codigo=AAAA-BBBB-CCCC \
        '$url/consulta')\" = 404"
code=$(sed -n 's/^   try the lookup with \(RS-[0-9]*-[0-9]*\) and the code its acuse gave: \([A-Z0-9-]*\)$/\1 \2/p' demo.out)
check "a requester looks up her request with the code of her acuse ($code)" \
    "set -- $code && test \"\$(curl -s -o page.html -w '%{http_code}' \
        --data-urlencode radicado=\$1 --data-urlencode codigo=\$2 '$url/consulta')\" = 200 &&
     grep -q 'id=\"estado\"' page.html && grep -q \"\$1\" page.html"
kill_cmd=$(sed -n 's/^   It goes on after the demo; to stop it: kill \([0-9][0-9]*\)$/\1/p' demo.out)
check 'stopping it as the demo says stops it' \
    "kill $kill_cmd && n=50 && while kill -0 $kill_cmd 2>/dev/null && [ \$n -gt 0 ]; do sleep 0.1; n=\$((n - 1)); done; ! kill -0 $kill_cmd 2>/dev/null"
