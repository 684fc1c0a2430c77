#!/bin/sh
# Radicado numbers stay consecutive, unique and gapless per year when
# several rs-intake processes write to one file at once (DESIGN §3).
. "$(dirname "$0")/lib.sh"
plan 6

rs-admin init

writer() {	# writer N: 200 intakes, one process each
	i=1
	while [ $i -le 200 ]; do
		rs-intake -n 2024-08-13T17:00 -c web -t peticion \
		    -N "Escritor $1" -e "w$1@x.co" -s "solicitud $1-$i" \
		    --received-at 2024-08-13T09:00 >/dev/null 2>>errors.$1 ||
		    echo "writer $1: intake $i failed" >>errors.$1
		i=$((i + 1))
	done
}
writer 1 & writer 2 & writer 3 & writer 4 &
wait

check 'no writer saw an error' 'cat errors.* >all-errors; test ! -s all-errors'
check_sql 'every intake registered' \
    'select count(*), count(distinct id) from requests' '800|800'
check_sql 'numbers 1..800 with no gap' \
    "select min(cast(substr(id, 9) as integer)), max(cast(substr(id, 9) as integer)) from requests" \
    '1|800'
check_sql 'the year counter agrees' 'select year, last from counters' '2024|800'
check_sql 'each writer got its 200' \
    "select name, count(*) from requests group by name order by name" \
    'Escritor 1|200
Escritor 2|200
Escritor 3|200
Escritor 4|200'
check_sql 'one intake event per request' \
    "select count(*) from events e join requests r on r.seq = e.request where e.kind = 'intake'" \
    '800'
done_testing
