# Sourced by the benchmark scripts (bash): paths, tools, data, timing.

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
prog=$(basename "$0")
seed=${SEED:-1}

die() {
	status=$1
	shift
	echo "$prog: $*" >&2
	exit "$status"
}

# The row count from the first argument, default 1,000,000.
row_count() {
	case ${1:-1000000} in
	''|*[!0-9]*)
		echo "usage: $prog [nrows]" >&2
		exit 64
		;;
	esac
	echo "${1:-1000000}"
}

# Build bench/gen and bench/csvcount when missing or older than the source.
build_tools() {
	if [ ! -x "$bench/gen" ] || [ "$bench/gen.c" -nt "$bench/gen" ] ||
	    [ ! -x "$bench/csvcount" ] ||
	    [ "$bench/csvcount.c" -nt "$bench/csvcount" ]; then
		"$bench/build.sh" || die 70 "cannot build the benchmark tools"
	fi
}

# Print the path of the generated CSV for N rows and $SEED, cached in
# bench/data/ and made again when gen is newer than it.
data_file() {
	local f="$bench/data/intake-$1-s$seed.csv"

	if [ ! -s "$f" ] || [ "$bench/gen" -nt "$f" ]; then
		mkdir -p "$bench/data" || die 73 "$bench/data: cannot create"
		echo "$prog: generating $1 rows (seed $seed)" >&2
		"$bench/gen" -s "$seed" "$1" >"$f.tmp" &&
		    mv "$f.tmp" "$f" || die 73 "$f: cannot write"
	fi
	echo "$f"
}

# Date and machine, to go with the figures.
machine() {
	echo "date: $(date '+%Y-%m-%d %H:%M %z')"
	echo "machine: $(nproc) cpu, $(sed -n 's/^model name[[:space:]]*: //p' \
	    /proc/cpuinfo | head -n 1)"
}

# timed LABEL COMMAND [ARG ...]: run the command with its stderr kept in
# $tmp/LABEL.err; set secs and rss (peak resident set, KiB, or "-" when
# only bash's time is there) and return the command's status.
timed() {
	local label=$1 status

	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$tmp/$label.time" "$@" \
		    2>"$tmp/$label.err"
		status=$?
		read -r secs rss <<-END
		$(tail -n 1 "$tmp/$label.time")
		END
	else
		local TIMEFORMAT=%R

		{ time "$@" 2>"$tmp/$label.err"; } 2>"$tmp/$label.time"
		status=$?
		secs=$(tail -n 1 "$tmp/$label.time")
		rss=-
	fi
	return "$status"
}

# Read the file once so that every command finds it in the page cache.
warm() {
	cat "$1" >/dev/null
}

# Print the path of a database of N registered requests (from the
# generated CSV), cached in bench/data/ and made again when rs-intake or
# the data is newer than it.
rs_database() {
	local n=$1 build=${RS_BUILD:-$root} csv db

	csv=$(data_file "$n") || return 1
	db=$bench/data/rs-$n-s$seed.db
	if [ ! -s "$db" ] || [ "$csv" -nt "$db" ] ||
	    [ "$build/rs-intake" -nt "$db" ]; then
		echo "$prog: registering $n requests into $db" >&2
		rm -f "$db" "$db-wal" "$db-shm"
		"$build/rs-admin" -d "$db" init &&
		    "$build/rs-intake" -d "$db" -n 2025-01-01T00:00 "$csv" \
		    >/dev/null || return 1
	fi
	echo "$db"
}

# Print the path of an office's database: the N registered requests of
# rs_database, answered the way an office answers them, as seen on the
# morning of 2025-01-02.  Every request already due by then is answered
# and closed, between its effective day and twelve days later (most of
# them on time), except one in a thousand, left open and overdue; of
# those not yet due, one in nine was answered on the morning of the
# report.  The answers are written with SQL into the columns that
# `rs-queue answer` and `close` set, without their events (a million
# rs-queue processes would take hours): rs-report reads those columns.
# Cached in bench/data/ next to the database it comes from.
office_database() {
	local n=$1 db office

	db=$(rs_database "$n") || return 1
	office=$bench/data/office-$n-s$seed.db
	if [ ! -s "$office" ] || [ "$db" -nt "$office" ]; then
		echo "$prog: answering requests into $office" >&2
		rm -f "$office" "$office-wal" "$office-shm"
		# a copy kept from others, as rs demands of a database
		sqlite3 "$db" ".backup '$office.tmp'" &&
		chmod o-rwx "$office.tmp" &&
		sqlite3 "$office.tmp" "
		    BEGIN;
		    UPDATE requests SET status = 'cerrada',
		      assignee = 'op' || (seq % 40), outcome = 'favorable',
		      answered_at = min(date(effective_on, '+' || (seq % 13) ||
		        ' days'), '2024-12-31') || 'T10:00:00-05:00',
		      closed_at = min(date(effective_on, '+' || (seq % 13) ||
		        ' days'), '2024-12-31') || 'T15:00:00-05:00'
		    WHERE due_on < '2025-01-02' AND seq % 1000 <> 0;
		    UPDATE requests SET status = 'respondida',
		      assignee = 'op' || (seq % 40), outcome = 'favorable',
		      answered_at = '2025-01-02T10:00:00-05:00'
		    WHERE status = 'radicada' AND due_on >= '2025-01-02'
		      AND seq % 9 = 0;
		    COMMIT;" >/dev/null &&
		mv "$office.tmp" "$office" || return 1
	fi
	echo "$office"
}
