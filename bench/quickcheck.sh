#!/bin/bash
# quickcheck.sh [nrows]: what SQLite's PRAGMA quick_check costs on a
# database of nrows registered requests (default 1,000,000), the check a
# write makes before its first change on a file up to RS_QUICK_CHECK_MAX
# (lib/rs.h): the file's size, the best of three warm runs, and so the
# cost of a megabyte; and rs-admin check's integrity_check beside it.

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
build=${RS_BUILD:-$root}
for c in rs-admin rs-intake rs-queue; do
	[ -x "$build/$c" ] || die 69 "$build/$c: missing (run make first)"
done
command -v sqlite3 >/dev/null || die 69 "sqlite3: missing"
build_tools
db=$(rs_database "$n") || die 1 "cannot build the database"
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
echo "quick_check on $n requests (seed $seed)"
machine

# shell functions and whole processes: timed with the clock
clock() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null || return 1
	t1=$(date +%s.%N)
	secs=$(echo "scale=3; ($t1 - $t0) / 1" | bc)
}
best() {	# the least of three runs of the command
	local b= i
	for i in 1 2 3; do
		clock "$@" || return 1
		if [ -z "$b" ] || [ "$(echo "$secs < $b" | bc)" = 1 ]; then
			b=$secs
		fi
	done
	secs=$b
}

bytes=$(stat -c %s "$db")
mb=$(echo "scale=1; $bytes / 1048576" | bc)
sqlite3 "$db" 'PRAGMA quick_check' >/dev/null	# warm the page cache
best sqlite3 "$db" 'PRAGMA quick_check' || die 1 "quick_check failed"
qc=$secs
best sqlite3 "$db" 'PRAGMA integrity_check' || die 1 "integrity_check failed"
ic=$secs
printf '%-26s %8s MB\n' "file" "$mb"
printf '%-26s %8s s  (%s ms a MB)\n' "PRAGMA quick_check" "$qc" \
    "$(echo "scale=2; $qc * 1000 / $mb" | bc)"
printf '%-26s %8s s  (%s ms a MB)\n' "PRAGMA integrity_check" "$ic" \
    "$(echo "scale=2; $ic * 1000 / $mb" | bc)"
echo "RS_QUICK_CHECK_MAX: $(sed -n 's/^#define RS_QUICK_CHECK_MAX[[:space:]]*//p' "$root/lib/rs.h")"
