#!/bin/bash
# intake.sh [nrows]: time a bare sqlite3 .import against rs-intake on the
# same generated intake file, both writing with WAL and synchronous=FULL.

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
# The rs binaries: the build tree's root, or $RS_BUILD.
build=${RS_BUILD:-$root}
for cmd in rs-admin rs-intake; do
	[ -x "$build/$cmd" ] ||
	    die 69 "$build/$cmd: not built; run make in $build first"
done
command -v sqlite3 >/dev/null || die 69 "sqlite3: not found"
build_tools
csv=$(data_file "$n") || exit
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
ln -s "$csv" "$tmp/file.csv" && cd "$tmp" || die 73 "$tmp: cannot use"

# .import makes the table from the header, inside one transaction.
cat >import.sql <<'END'
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
.mode csv
.import file.csv bare
END

# report LABEL ROWS DB: one line of figures.
report() {
	printf '%-16s %8s s  peak RSS %8s KiB  rows %s  db %s bytes\n' \
	    "$1" "$secs" "$rss" "$2" "$(stat -c %s "$3" 2>/dev/null || echo -)"
}

warm "$csv"
echo "intake of $n rows (seed $seed, $(stat -c %s "$csv") bytes)"
machine
failed=0

if timed sqlite3 sqlite3 -bail bare.db <import.sql >/dev/null &&
    [ ! -s sqlite3.err ]; then
	sqlite_secs=$secs
	rows=$(sqlite3 bare.db 'SELECT count(*) FROM bare')
	report "sqlite3 .import" "$rows" bare.db
else
	cat sqlite3.err >&2
	echo "$prog: sqlite3 .import failed" >&2
	failed=1
fi

if ! "$build/rs-admin" -d rs.db init >/dev/null 2>rs-admin.err; then
	cat rs-admin.err >&2
	die 1 "rs-admin init failed"
fi
if timed rs-intake "$build/rs-intake" -d rs.db -n 2025-01-01T00:00 \
    file.csv >/dev/null; then
	rs_secs=$secs
	rows=$(sqlite3 rs.db 'SELECT count(*) FROM requests' 2>/dev/null ||
	    echo '?')
	report rs-intake "$rows" rs.db
	[ -s rs-intake.err ] && sed 's/^/rs-intake: stderr: /' rs-intake.err |
	    head -n 5 >&2
else
	cat rs-intake.err >&2
	echo "$prog: rs-intake failed" >&2
	failed=1
fi

[ "$failed" -eq 0 ] || exit 1
awk -v a="$rs_secs" -v b="$sqlite_secs" 'BEGIN {
	if (b > 0)
		printf "ratio rs/sqlite3  %.2f\n", a / b
	else
		print "ratio rs/sqlite3  -"
}'
