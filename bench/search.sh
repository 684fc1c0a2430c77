#!/bin/bash
# search.sh [nrows]: on a database of nrows registered requests (default
# 100,000), time `rs-queue search` as whole processes, the way the desk
# calls it, for what a caller gives: a name, an e-mail address, a phone
# dictated in groups, the last four digits of a phone, a common surname.
# Against it, the same FTS5 query in sqlite3 (the floor: the index alone,
# no quoting, no attention order, no output) and grep over the CSV (the
# way a caller is found without rs).

. "$(dirname "$0")/common.sh"

n=$(row_count "${1:-100000}") || exit
build=${RS_BUILD:-$root}
for c in rs-admin rs-intake rs-queue; do
	[ -x "$build/$c" ] || die 69 "$build/$c: missing (run make first)"
done
command -v sqlite3 >/dev/null || die 69 "sqlite3: missing"
build_tools
csv=$(data_file "$n") || die 1 "cannot make the data"
db=$(rs_database "$n") || die 1 "cannot build the database"
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
reps=${REPS:-20}

# The caller: a request from the middle of the year with a phone and an
# e-mail address; the surname is the most common one of the data.
IFS='|' read -r name email phone <<END
$(sqlite3 "$db" "SELECT name, email, phone FROM requests WHERE
    seq >= $n / 2 AND email IS NOT NULL AND phone LIKE '% % %'
    ORDER BY seq LIMIT 1")
END
[ -n "$name" ] || die 1 "no request with a phone in groups and an e-mail"
first=${name%% *}
rest=${name#* }
surname=${rest%% *}
last4=${phone: -4}

echo "search on $n requests (seed $seed), $reps runs each"
machine
warm "$csv"
warm "$db"

# clock LABEL COMMAND...: seconds for $reps runs of the command
clock() {
	local t0 t1 i
	t0=$(date +%s.%N)
	for ((i = 0; i < reps; i++)); do
		"$@" >/dev/null 2>&1
	done
	t1=$(date +%s.%N)
	ms=$(echo "scale=1; ($t1 - $t0) * 1000 / $reps" | bc)
}

rs() { "$build/rs-queue" -d "$db" -n 2025-01-02 -o csv search "$@"; }
fts() { sqlite3 "$db" "SELECT r.id, r.name, r.subject FROM requests_fts
    f JOIN requests r ON r.seq = f.rowid WHERE requests_fts MATCH '$1'"; }

printf '%-34s %6s %9s %9s %9s\n' query hits rs sqlite3 grep
row() {	# label words fts-query grep-pattern
	local hits rsms sqlms grepms
	hits=$(rs $2 | tail -n +2 | wc -l)
	clock rs $2
	rsms=$ms
	clock fts "$3"
	sqlms=$ms
	clock grep -i -F -- "$4" "$csv"
	grepms=$ms
	printf '%-34s %6d %7s ms %6s ms %6s ms\n' "$1" "$hits" "$rsms" \
	    "$sqlms" "$grepms"
}
row "name: $first $surname" "$first $surname" \
    "\"$first\"* AND \"$surname\"*" "$first $surname"
row "e-mail: $email" "$email" "\"$email\"*" "$email"
row "phone as dictated: $phone" "$phone" "\"$phone\"*" "$phone"
row "last four digits: $last4" "$last4" "\"$last4\"*" "$last4"
row "common surname: garcia" garcia '"garcia"*' García
echo "(sqlite3 and grep do less: no accent folding in grep, no suffix"
echo " match of the digits, no attention order or days left in either)"
