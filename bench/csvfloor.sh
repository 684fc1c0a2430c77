#!/bin/bash
# csvfloor.sh [nrows]: time bench/csvcount (libcsv, counting only) on the
# generated intake file: the floor for any filter built on libcsv.

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
build_tools
csv=$(data_file "$n") || exit
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

warm "$csv"
echo "csvcount on $n rows (seed $seed, $(stat -c %s "$csv") bytes)"
machine
if ! timed csvcount "$bench/csvcount" "$csv" >"$tmp/count"; then
	cat "$tmp/csvcount.err" >&2
	die 1 "csvcount failed"
fi
read -r records fields <"$tmp/count"
printf '%-12s %8s s  peak RSS %8s KiB  records %s fields %s\n' \
    csvcount "$secs" "$rss" "$records" "$fields"
