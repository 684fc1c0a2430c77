#!/bin/bash
# due.sh [nrows]: time rs-due -f on the generated intake file against the
# libcsv floor (bench/csvcount) and, when python3 has pandas, against the
# pandas + numpy script an analyst would write (bench/due_pandas.py).

. "$(dirname "$0")/common.sh"

n=$(row_count "$@") || exit
build=${RS_BUILD:-$root}
[ -x "$build/rs-due" ] || die 69 "$build/rs-due: missing (run make first)"
build_tools
csv=$(data_file "$n") || exit
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

warm "$csv"
echo "due filter on $n rows (seed $seed, $(stat -c %s "$csv") bytes)"
machine
timed csvcount "$bench/csvcount" "$csv" >/dev/null ||
    die 1 "csvcount failed: $(cat "$tmp/csvcount.err")"
floor=$secs
printf '%-12s %8s s  peak RSS %8s KiB\n' csvcount "$secs" "$rss"
# timed writing to /dev/null, as csvcount writes nothing: 470 MB going to
# disk made the figure swing by half a second from run to run; the file
# for the comparison with pandas is written afterwards, untimed
timed rsdue env -u RS_DB "$build/rs-due" -f -n 2025-06-30 "$csv" \
    >/dev/null || die 1 "rs-due failed: $(cat "$tmp/rsdue.err")"
rs=$secs
printf '%-12s %8s s  peak RSS %8s KiB\n' rs-due "$secs" "$rss"
env -u RS_DB "$build/rs-due" -f -n 2025-06-30 "$csv" >"$tmp/rs.csv" ||
    die 1 "rs-due failed"
echo "ratio rs-due/csvcount  $(echo "scale=2; $rs / $floor" | bc)"

py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import pandas, numpy' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "pandas: not installed (apt-get install python3-pandas); skipped"
	exit 0
fi
env -u RS_DB "$build/rs-due" -o csv calendar 2023 2026 >"$tmp/hol.csv"
timed pandas "$py" "$bench/due_pandas.py" "$csv" "$tmp/hol.csv" 2025-06-30 \
    >"$tmp/pd.csv" || die 1 "pandas failed: $(cat "$tmp/pandas.err")"
printf '%-12s %8s s  peak RSS %8s KiB\n' pandas "$secs" "$rss"
echo "ratio pandas/rs-due  $(echo "scale=2; $secs / $rs" | bc)"
# both must compute the same dates: compare effective_on, due_on,
# days_left and state row by row (rs-due adds hold_limit, pandas not)
"$py" - "$tmp/rs.csv" "$tmp/pd.csv" <<'PY'
import csv, sys
a = csv.DictReader(open(sys.argv[1], newline=""))
b = csv.DictReader(open(sys.argv[2], newline=""))
diff = rows = 0
for x, y in zip(a, b):
    rows += 1
    for k in ("effective_on", "due_on", "days_left", "state"):
        if x[k] != y[k]:
            diff += 1
            if diff <= 5:
                print("differ at row", rows, k, x[k], y[k])
print("rows compared", rows, "differences", diff)
PY
