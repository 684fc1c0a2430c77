#!/bin/bash
# report.sh [nrows]: time rs-report daily on a database of nrows
# registered requests (bench/lifecycle.sh builds it), against sqlite3
# running the queries of the same figures.

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
build=${RS_BUILD:-$root}
[ -x "$build/rs-report" ] || die 69 "$build/rs-report: missing (run make first)"
build_tools
db=$(rs_database "$n") || die 1 "cannot build the database"
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
echo "rs-report daily on $n requests (seed $seed)"
machine
day=2025-01-02
warm "$db"
timed rs "$build/rs-report" -d "$db" -n $day -o csv daily >"$tmp/rs.csv" ||
    die 1 "rs-report failed: $(cat "$tmp/rs.err")"
rs=$secs
printf '%-16s %8s s  peak RSS %8s KiB  %s lines\n' rs-report "$secs" "$rss" \
    "$(wc -l <"$tmp/rs.csv")"
# the same figures in SQL over the analysts' view: received and answered
# that day by channel and type, the open backlog by age, what falls due,
# every overdue request, and the month's compliance
cat >"$tmp/q.sql" <<SQL
SELECT channel, count(*) FROM v_requests WHERE received_on = '$day' GROUP BY channel;
SELECT type, count(*) FROM v_requests WHERE received_on = '$day' GROUP BY type;
SELECT count(*), sum(on_time) FROM v_requests WHERE answered_on = '$day';
SELECT (t.rank - e.rank) / 5, count(*) FROM v_requests v
    JOIN business_days e ON e.day = v.effective_on
    JOIN business_days t ON t.day = '$day' WHERE v.open GROUP BY 1;
SELECT v.id, v.team, v.assignee, v.due_on, d.rank - t.rank FROM v_requests v
    JOIN business_days d ON d.day = v.due_on
    JOIN business_days t ON t.day = '$day' WHERE v.open;
SELECT count(*), sum(on_time) FROM v_requests WHERE answered_on >= substr('$day', 1, 8) || '01';
SQL
timed sql sqlite3 -csv "$db" <"$tmp/q.sql" >"$tmp/sql.csv" ||
    die 1 "sqlite3 failed: $(cat "$tmp/sql.err")"
printf '%-16s %8s s  peak RSS %8s KiB  %s lines\n' sqlite3 "$secs" "$rss" \
    "$(wc -l <"$tmp/sql.csv")"
echo "ratio rs/sqlite3  $(echo "scale=2; $rs / $secs" | bc)"
