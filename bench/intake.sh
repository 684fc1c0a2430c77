#!/bin/bash
# intake.sh [nrows]: time a bare sqlite3 .import against rs-intake on the
# same generated intake file, both writing with WAL and synchronous=FULL;
# then the floor: sqlite3 alone copying the imported rows into an rs
# database, its tables, indexes and an event a request, with no parsing,
# validation, dates, hashing or output.

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

# sqlite_run LABEL DB SCRIPT TABLE: time sqlite3 running SCRIPT on DB
# (its stderr in LABEL.err, shown when it fails) and report the rows of
# TABLE; secs keeps the time
sqlite_run() {
	if timed "$1" sqlite3 -bail "$2" <"$3" >/dev/null && [ ! -s "$1.err" ]
	then
		report "sqlite3 $1" "$(sqlite3 "$2" "SELECT count(*) FROM $4")" "$2"
	else
		cat "$1.err" >&2
		return 1
	fi
}

warm "$csv"
echo "intake of $n rows (seed $seed, $(stat -c %s "$csv") bytes)"
machine
failed=0

if sqlite_run .import bare.db import.sql bare; then
	sqlite_secs=$secs
else
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

# The floor: what SQLite alone needs to store the rows as rs stores them
# (requests and their indexes, one event each), with the same pragmas
# and in one transaction.  Dates are taken as they come; the hashes are
# random: nothing of rs's own work is in this time.
cat >floor.sql <<'END'
PRAGMA synchronous=FULL;
PRAGMA cache_size=-262144;
ATTACH 'bare.db' AS b;
BEGIN;
INSERT INTO requests (id, received_at, received_ts, effective_on, due_on,
    term_days, channel, type, topic, team, priority, preferential, name,
    salutation, id_number, email, phone, office, requester_kind, subject,
    description, external_ref)
SELECT printf('RS-2024-%06d', rowid), received_at || '-05:00',
    unixepoch(received_at) + 18000, substr(received_at, 1, 10),
    substr(received_at, 1, 10), 15, channel, type, nullif(topic, ''),
    nullif(team, ''), CAST(priority AS INTEGER), nullif(preferential, ''),
    name, nullif(salutation, ''), nullif(id_number, ''), nullif(email, ''),
    nullif(phone, ''), nullif(office, ''), nullif(requester_kind, ''),
    nullif(subject, ''), nullif(description, ''), nullif(external_ref, '')
FROM b.bare;
INSERT INTO events (request, at, actor, kind, due_on, prev_hash, hash)
SELECT seq, '2025-01-01T00:00:00-05:00', 'bench', 'intake', due_on,
    randomblob(32), randomblob(32) FROM requests;
COMMIT;
END
"$build/rs-admin" -d floor.db init >/dev/null 2>&1 ||
    die 1 "rs-admin init failed"
sqlite_run floor floor.db floor.sql requests ||
    die 1 "the floor's copy failed"
floor_secs=$secs
awk -v a="$rs_secs" -v b="$sqlite_secs" -v f="$floor_secs" 'BEGIN {
	if (b > 0)
		printf "ratio rs/sqlite3  %.2f  (floor/sqlite3 %.2f, " \
		    "rs/floor %.2f)\n", a / b, f / b, a / f
	else
		print "ratio rs/sqlite3  -"
}'
