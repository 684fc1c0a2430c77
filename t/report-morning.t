#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-report daily as cron runs it at 07:00: the window runs from the same
# moment of the last business day before the report's day, so a report
# each business morning misses nothing (the afternoon, the weekend, a
# holiday) and counts nothing twice.  Tuesday 8 December 2026 is a
# holiday (Inmaculada Concepción); 5-6 December is a weekend.
plan 11

check 'rs-admin init' 'rs-admin init'
# in: Fri 4 at 06:50 (before Friday's report), 10:00 and 17:00; Sat 5
# 11:00; Sun 6 20:00; Mon 7 06:30; Mon 7 09:00 (after Monday's report)
cat >setup.sh <<'EOF'
set -e
intake() {	# intake AT CHANNEL TYPE
	rs-intake -n "$1" -c "$2" -t "$3" -N Persona -e p@x.co -s "$1" >/dev/null
}
intake 2026-12-04T06:50 web peticion
intake 2026-12-04T10:00 presencial queja
intake 2026-12-04T17:00 web peticion
intake 2026-12-05T11:00 correo reclamo
intake 2026-12-06T20:00 web peticion
intake 2026-12-07T06:30 correo peticion
intake 2026-12-07T09:00 telefonico consulta
EOF
check 'seven requests from Friday to Monday' 'sh ./setup.sh'
# Friday's 10:00 one is answered on Saturday; on Monday at 06:00 a step
# is dated back to Friday evening, with its reason
check 'an answer on Saturday, a step dated back on Monday' \
    "rs-queue -n 2026-12-05T09:00 answer --outcome favorable -m 'Resuelta' RS-2026-000002 >/dev/null &&
     RS_CLOCK=2026-12-07T06:00 rs-queue -n 2026-12-04T17:30 -r 'atendida en ventanilla sin sistema' note -m 'llamó' RS-2026-000003 >/dev/null"

check_out 'Monday 07:00: since Friday 07:00, the weekend included' \
    "rs-report -n 2026-12-07T07:00 daily | grep -e '^report,' -e '^received_by' -e '^answered,' -e '^dated,' | grep -v -e ,written_at, -e ,actor," <<'EOF'
report,,report,daily
report,,date,2026-12-07
report,,from,2026-12-04T07:00:00-05:00
report,,to,2026-12-07T07:00:00-05:00
report,,chain_head,9:045db9b493940c151ab588ca7951d01056de92b3531c3d40ceb505b80488edbd
dated,RS-2026-000003,step,note
dated,RS-2026-000003,claimed_at,2026-12-04T17:30:00-05:00
dated,RS-2026-000003,reason,atendida en ventanilla sin sistema
received_by_channel,correo,received,2
received_by_channel,presencial,received,1
received_by_channel,web,received,2
received_by_type,peticion,received,3
received_by_type,queja,received,1
received_by_type,reclamo,received,1
answered,,answered,1
answered,,on_time,1
answered,,late,0
EOF
check_out '... its heading says where the window starts' \
    "rs-report -o table -n 2026-12-07T07:00 daily | sed -n '2,3p'" <<'EOF'
Informe diario del lunes 7 de diciembre de 2026
Lo recibido y lo respondido desde el viernes 4 de diciembre de 2026 a las 07:00
EOF
check_out 'Tuesday 8 (a holiday) 07:00: since Monday 07:00, only the 09:00 call' \
    "rs-report -n 2026-12-08T07:00 daily | grep -e '^report,,from' -e '^received_by' -e '^answered,,answered'" <<'EOF'
report,,from,2026-12-07T07:00:00-05:00
received_by_channel,telefonico,received,1
received_by_type,consulta,received,1
answered,,answered,0
EOF
check_out 'Wednesday 9 07:00: the last business day is Monday, the holiday between' \
    "rs-report -n 2026-12-09T07:00 daily | grep -e '^report,,from' -e '^received_by_type'" <<'EOF'
report,,from,2026-12-07T07:00:00-05:00
received_by_type,consulta,received,1
EOF
check_out 'a bare date on Monday: from the end of Friday to the end of Monday' \
    "rs-report -n 2026-12-07 daily | grep -e '^report,,from' -e '^report,,to' -e '^received_by_type'" <<'EOF'
report,,from,2026-12-05T00:00:00-05:00
report,,to,2026-12-08T00:00:00-05:00
received_by_type,consulta,received,1
received_by_type,peticion,received,2
received_by_type,reclamo,received,1
EOF
check_out 'Friday 07:00: from Thursday 07:00, only the 06:50 one' \
    "rs-report -n 2026-12-04T07:00 daily | grep -e '^report,,from' -e '^received_by_type'" <<'EOF'
report,,from,2026-12-03T07:00:00-05:00
received_by_type,peticion,received,1
EOF
check_err 'a -n that is no date nor time' 64 \
    'rs-report: -n: expected a date like 2024-08-13 or a date and time like 2024-08-13T07:00; got "lunes"' \
    'rs-report -n lunes daily'
check 'rs-admin check' 'rs-admin check >/dev/null'
