#!/bin/bash
# report.sh [nrows]: time rs-report daily on two databases of nrows
# requests, against sqlite3 running queries for the same figures:
# an office's (office_database in common.sh: nearly everything answered,
# a backlog of what is not yet due), and the worst case, where nothing
# was ever answered and every request is open and listed.

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
build=${RS_BUILD:-$root}
[ -x "$build/rs-report" ] || die 69 "$build/rs-report: missing (run make first)"
[ -x "$build/rs-admin" ] || die 69 "$build/rs-admin: missing (run make first)"
build_tools
office=$(office_database "$n") || die 1 "cannot build the office's database"
worst=$(rs_database "$n") || die 1 "cannot build the database"
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
echo "rs-report daily on $n requests (seed $seed)"
machine
day=2025-01-02
next=2025-01-03
t0=$(TZ=America/Bogota date -d "$day 00:00" +%s)
t1=$(TZ=America/Bogota date -d "$next 00:00" +%s)
open="(r.status = 'radicada' OR r.status = 'asignada' OR r.status = 'en_espera')"
# the same figures in SQL, each query by the index it needs: received
# that day by channel and type, answered that day and on time, the open
# backlog by age, every open request with its business days left (what
# falls due and what is overdue), and the month's compliance
cat >"$tmp/q.sql" <<SQL
SELECT channel, count(*) FROM requests
    WHERE received_ts >= $t0 AND received_ts < $t1 GROUP BY channel;
SELECT type, count(*) FROM requests
    WHERE received_ts >= $t0 AND received_ts < $t1 GROUP BY type;
SELECT count(*), sum(substr(answered_at, 1, 10) <= due_on) FROM requests
    WHERE answered_at >= '$day' AND answered_at < '$next';
SELECT (t.rank - e.rank) / 5, count(*) FROM requests r
    JOIN business_days e ON e.day = r.effective_on
    JOIN business_days t ON t.day = '$day' WHERE $open GROUP BY 1;
SELECT r.id, r.team, r.assignee, r.due_on, d.rank - t.rank FROM requests r
    JOIN business_days d ON d.day = r.due_on
    JOIN business_days t ON t.day = '$day' WHERE $open;
SELECT count(*), sum(substr(answered_at, 1, 10) <= due_on) FROM requests
    WHERE answered_at >= substr('$day', 1, 8) || '01';
SQL

measure() {	# LABEL DB
	# open it once with rs first: an older schema is upgraded then,
	# not inside the timed run
	"$build/rs-admin" -d "$2" config >/dev/null ||
	    die 1 "$2: rs-admin failed"
	warm "$2"
	timed rs "$build/rs-report" -d "$2" -n $day -o csv daily \
	    >"$tmp/rs.csv" || die 1 "rs-report failed: $(cat "$tmp/rs.err")"
	rs=$secs
	printf '%-8s %-10s %8s s  peak RSS %8s KiB  %s lines\n' "$1" \
	    rs-report "$secs" "$rss" "$(wc -l <"$tmp/rs.csv")"
	timed sql sqlite3 -csv "$2" <"$tmp/q.sql" >"$tmp/sql.csv" ||
	    die 1 "sqlite3 failed: $(cat "$tmp/sql.err")"
	printf '%-8s %-10s %8s s  peak RSS %8s KiB  %s lines\n' "$1" \
	    sqlite3 "$secs" "$rss" "$(wc -l <"$tmp/sql.csv")"
	echo "$1 ratio rs/sqlite3  $(echo "scale=2; $rs / $secs" | bc)"
}
measure office "$office"
measure worst "$worst"
