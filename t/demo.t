#!/bin/sh
. "$(dirname "$0")/lib.sh"
# make demo's day (scripts/demo.sh), run here as the quick start runs it:
# on the machine's own date and clock, whatever the hour, into this
# scratch directory.  It must run whole and leave a sound database.
plan 6

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
