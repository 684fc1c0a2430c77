#!/bin/bash
# lifecycle.sh [nrows]: on a database of nrows registered requests, time
# (1) `rs-queue show ID` against `sqlite3 DB "select ..."` as whole
# processes, the way operators call them in shell loops, and (2) four
# processes racing `rs-queue next`: takes per second together.

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
build=${RS_BUILD:-$root}
for c in rs-admin rs-intake rs-queue; do
	[ -x "$build/$c" ] || die 69 "$build/$c: missing (run make first)"
done
build_tools
db=$(rs_database "$n") || die 1 "cannot build the database"
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
work=$tmp/work.db
cp "$db" "$work"
# the copy on disk before anything is timed: its write-back would
# otherwise fall on the fsyncs of the takes
sync
echo "lifecycle on $n requests (seed $seed)"
machine

# 200 radicados spread over the year, the same list for both
k=200
for i in $(seq 1 $k); do
	printf 'RS-2024-%06d\n' $(( (i * 7919) % n + 1 ))
done >"$tmp/ids"
export RS_DB=$work

show_rs() {
	while read -r id; do
		"$build/rs-queue" -o csv show "$id" >/dev/null || return 1
	done <"$tmp/ids"
}
show_sql() {
	while read -r id; do
		sqlite3 "$work" "SELECT r.*, e.seq, e.at, e.actor, e.kind,
		    e.details, e.due_on FROM requests r JOIN events e
		    ON e.request = r.seq WHERE r.id = '$id' ORDER BY e.seq" \
		    >/dev/null || return 1
	done <"$tmp/ids"
}
# shell functions: timed with the clock, not /usr/bin/time
clock() {
	local label=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	"$@" || return 1
	t1=$(date +%s.%N)
	secs=$(echo "scale=3; ($t1 - $t0) / 1" | bc)
}

show_sql; show_rs	# warm the page cache
clock sql show_sql || die 1 "sqlite3 failed"
sql=$secs
printf '%-22s %8s s for %d lookups\n' "sqlite3 select" "$secs" $k
clock rs show_rs || die 1 "rs-queue show failed"
printf '%-22s %8s s for %d lookups\n' "rs-queue show" "$secs" $k
echo "ratio show/sqlite3  $(echo "scale=2; $secs / $sql" | bc)"

# four operators taking requests at once, on the morning of 2025-01-02
# (RS_CLOCK: a step may not claim a time far before the clock)
per=250
export RS_CLOCK=2025-01-02T09:00
racer() {
	local i=0
	while [ $i -lt $per ]; do
		"$build/rs-queue" -u "op$1" -n 2025-01-02T09:00 next \
		    >/dev/null || return 1
		i=$((i + 1))
	done
}
race() {
	racer 1 & racer 2 & racer 3 & racer 4 &
	wait
}
clock race race || die 1 "racing next failed"
takes=$(sqlite3 "$work" "SELECT count(*) FROM events WHERE kind = 'take'")
dups=$(sqlite3 "$work" "SELECT count(*) FROM (SELECT request FROM events
    WHERE kind = 'take' GROUP BY request HAVING count(*) > 1)")
printf '%-22s %8s s for %d takes (%s recorded, %s taken twice)\n' \
    "4 x rs-queue next" "$secs" $((4 * per)) "$takes" "$dups"
echo "takes per second  $(echo "scale=0; $takes / $secs" | bc)"
