#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Effective day and due date through the real rs-intake (DESIGN §5), with
# the clock pinned by -n.  Every date below was counted by hand against
# the Colombian holidays of 2024 and 2025.
plan 27

NOW=2025-12-31T12:00		# after every reception below

# due DESC ENV TYPE RECEIVED [NOW]: intake one request, then print what it
# printed (received_at,effective_on,due_on) and what it stored (a|b|c);
# expected output on stdin.
n=0
# ./sql SQL: t/sql, for the command of a check, which runs in a shell
# of its own
ln -s "$top/t/sql" sql
due() {
	n=$((n + 1))
	if [ -n "$4" ]; then at="--received-at $4"; else at=; fi
	check_out "$1" "$2 rs-intake -n ${5:-$NOW} -c correo -t $3 -N Ana \
	    -e ana@x.co -s Asunto --external-ref case$n $at >row.csv &&
	    sed -n 2p row.csv | cut -d, -f2-4 &&
	    ./sql \"select received_at, effective_on,
	    coalesce(due_on, '') from requests where external_ref = 'case$n'\""
}

check 'rs-admin init creates the store' 'rs-admin init'

# --- the worked examples of DESIGN §5 ----------------------------------------

due 'Tue 2024-01-02 07:00 peticion: that day, due Wed 24 (Mon 8 is Reyes)' \
    '' peticion 2024-01-02T07:00 <<EOF
2024-01-02T07:00:00-05:00,2024-01-02,2024-01-24
2024-01-02T07:00:00-05:00|2024-01-02|2024-01-24
EOF
due 'Wed 2024-12-18 09:00 informacion: due Fri 2025-01-03' \
    '' informacion 2024-12-18T09:00 <<EOF
2024-12-18T09:00:00-05:00,2024-12-18,2025-01-03
2024-12-18T09:00:00-05:00|2024-12-18|2025-01-03
EOF
due 'Sat 2025-12-06 peticion: effective Tue 9 (Mon 8 holiday), due Wed 31' \
    '' peticion 2025-12-06T10:00 <<EOF
2025-12-06T10:00:00-05:00,2025-12-09,2025-12-31
2025-12-06T10:00:00-05:00|2025-12-09|2025-12-31
EOF

# --- the cut-off (16:00) ---------------------------------------------------------

due 'Tue 2024-08-13 15:59:59: the same day (Mon 19 Aug is a holiday)' \
    '' peticion 2024-08-13T15:59:59 <<EOF
2024-08-13T15:59:59-05:00,2024-08-13,2024-09-04
2024-08-13T15:59:59-05:00|2024-08-13|2024-09-04
EOF
due 'Tue 2024-08-13 16:00:00: the next business day' \
    '' peticion 2024-08-13T16:00:00 <<EOF
2024-08-13T16:00:00-05:00,2024-08-14,2024-09-05
2024-08-13T16:00:00-05:00|2024-08-14|2024-09-05
EOF
due 'Fri 2024-08-16 16:30: past Sat, Sun and the Monday holiday to Tue 20' \
    '' peticion 2024-08-16T16:30 <<EOF
2024-08-16T16:30:00-05:00,2024-08-20,2024-09-10
2024-08-16T16:30:00-05:00|2024-08-20|2024-09-10
EOF
due 'Mon 2024-08-19 09:00, a holiday: the next business day' \
    '' peticion 2024-08-19T09:00 <<EOF
2024-08-19T09:00:00-05:00,2024-08-20,2024-09-10
2024-08-19T09:00:00-05:00|2024-08-20|2024-09-10
EOF
due 'Fri 2025-04-11 16:30: Holy Thursday, Good Friday and 1 May skipped' \
    '' queja 2025-04-11T16:30 <<EOF
2025-04-11T16:30:00-05:00,2025-04-14,2025-05-08
2025-04-11T16:30:00-05:00|2025-04-14|2025-05-08
EOF
due 'Tue 2024-12-31 23:59:59: past New Year to Thu 2 Jan, Reyes skipped' \
    '' reclamo 2024-12-31T23:59:59 <<EOF
2024-12-31T23:59:59-05:00,2025-01-02,2025-01-24
2024-12-31T23:59:59-05:00|2025-01-02|2025-01-24
EOF

# --- an explicit offset is converted to Bogotá time first --------------------

due '2024-08-13T21:30:00Z is 16:30 in Bogotá: the next business day' \
    '' peticion 2024-08-13T21:30:00Z <<EOF
2024-08-13T16:30:00-05:00,2024-08-14,2024-09-05
2024-08-13T16:30:00-05:00|2024-08-14|2024-09-05
EOF
due '2024-08-13T20:59:59Z is 15:59:59 in Bogotá: the same day' \
    '' peticion 2024-08-13T20:59:59Z <<EOF
2024-08-13T15:59:59-05:00,2024-08-13,2024-09-04
2024-08-13T15:59:59-05:00|2024-08-13|2024-09-04
EOF
due '2024-08-14T05:30+0900 is still Tue 13 at 15:30 in Bogotá' \
    '' peticion 2024-08-14T05:30+0900 <<EOF
2024-08-13T15:30:00-05:00,2024-08-13,2024-09-04
2024-08-13T15:30:00-05:00|2024-08-13|2024-09-04
EOF
due '2024-08-13T17:30:00-04:00 is 16:30 in Bogotá' \
    '' peticion 2024-08-13T17:30:00-04:00 <<EOF
2024-08-13T16:30:00-05:00,2024-08-14,2024-09-05
2024-08-13T16:30:00-05:00|2024-08-14|2024-09-05
EOF

# --- the other terms ----------------------------------------------------------------

due 'consulta: 30 business days (San José, Holy Thursday and Friday skipped)' \
    '' consulta 2024-03-04T10:00 <<EOF
2024-03-04T10:00:00-05:00,2024-03-04,2024-04-18
2024-03-04T10:00:00-05:00|2024-03-04|2024-04-18
EOF
due 'autoridad: 10 business days (Mon 14 Oct skipped)' \
    '' autoridad 2024-10-10T11:00 <<EOF
2024-10-10T11:00:00-05:00,2024-10-10,2024-10-25
2024-10-10T11:00:00-05:00|2024-10-10|2024-10-25
EOF
due 'informacion: 10 business days' \
    '' informacion 2024-08-14T09:00 <<EOF
2024-08-14T09:00:00-05:00,2024-08-14,2024-08-29
2024-08-14T09:00:00-05:00|2024-08-14|2024-08-29
EOF
due 'denuncia: 15 business days like peticion' \
    '' denuncia 2024-01-02T07:00 <<EOF
2024-01-02T07:00:00-05:00,2024-01-02,2024-01-24
2024-01-02T07:00:00-05:00|2024-01-02|2024-01-24
EOF
due 'felicitacion: effective day, no due date' \
    '' felicitacion 2025-12-06T10:00 <<EOF
2025-12-06T10:00:00-05:00,2025-12-09,
2025-12-06T10:00:00-05:00|2025-12-09|
EOF

# --- TZ in the environment changes nothing --------------------------------------

for tz in Asia/Tokyo UTC garbage; do
	due "TZ=$tz: 15:59:59 is read in Bogotá, the same day" \
	    "TZ=$tz" peticion 2024-08-13T15:59:59 <<EOF
2024-08-13T15:59:59-05:00,2024-08-13,2024-09-04
2024-08-13T15:59:59-05:00|2024-08-13|2024-09-04
EOF
	# No received_at: received "now", 23:30 in Bogotá (already the 14th
	# in Tokyo, the 14th 04:30 in UTC).
	due "TZ=$tz: -n 23:30 is Bogotá time, the next day" \
	    "TZ=$tz" peticion '' 2024-08-13T23:30 <<EOF
2024-08-13T23:30:00-05:00,2024-08-14,2024-09-05
2024-08-13T23:30:00-05:00|2024-08-14|2024-09-05
EOF
done
check_sql 'the stored instants are the same whatever TZ said' \
    "select external_ref, received_ts from requests where external_ref in ('case19', 'case20', 'case21', 'case22', 'case23', 'case24') order by seq" \
    'case19|1723582799
case20|1723609800
case21|1723582799
case22|1723609800
case23|1723582799
case24|1723609800'
check_sql 'so are the registration times of the events' \
    "select distinct e.at from events e join requests r on e.request = r.seq where r.external_ref in ('case20', 'case22', 'case24')" \
    '2024-08-13T23:30:00-05:00'

done_testing
