#!/bin/bash
# quickcheck.sh [nrows]: what SQLite's PRAGMA integrity_check costs on a
# database of nrows registered requests (default 1,000,000): the check a
# write makes before its first change on a file up to RS_WRITE_CHECK_MAX
# (lib/rs.h), and the first step of rs-admin check; quick_check beside
# it.  The file's size, the best of three warm runs (the time on the
# clock, and the processor's, user and system), and so the cost of a
# megabyte.

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

# the best of three runs of a PRAGMA: clock and processor seconds
best() {
	local i w c b= bc=
	for i in 1 2 3; do
		/usr/bin/time -f '%e %U %S' -o "$tmp/time" sqlite3 "$db" \
		    "PRAGMA $1" >"$tmp/out" || return 1
		[ "$(cat "$tmp/out")" = ok ] || die 1 "$1: $(head -1 "$tmp/out")"
		read -r w u s <"$tmp/time"
		c=$(echo "$u + $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$w < $b" | bc)" = 1 ]; then
			b=$w
		fi
		if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc)" = 1 ]; then
			bc=$c
		fi
	done
	wall=$b cpu=$bc
}

[ -x /usr/bin/time ] || die 69 "/usr/bin/time: missing"
bytes=$(stat -c %s "$db")
mb=$(echo "scale=1; $bytes / 1048576" | bc)
sqlite3 "$db" 'PRAGMA quick_check' >/dev/null	# warm the page cache
printf '%-24s %8s MB\n' "file" "$mb"
for p in integrity_check quick_check; do
	best "$p" || die 1 "$p failed"
	printf '%-24s %7s s clock, %6s s processor (%s ms a MB)\n' \
	    "PRAGMA $p" "$wall" "$cpu" \
	    "$(echo "scale=2; $cpu * 1000 / $mb" | bc)"
done
echo "RS_WRITE_CHECK_MAX: $(sed -n 's/^#define RS_WRITE_CHECK_MAX[[:space:]]*//p' "$root/lib/rs.h")"
