#!/bin/sh
# The fuzz corpus replayed through each target under ASan and UBSan:
# every input that once found a bug, and the seeds, stay harmless.
cd "$(dirname "$0")/.." || exit 1
dir=fuzz/build/replay
if [ ! -x $dir/csv ]; then
	echo "1..0 # SKIP the replay targets are not built (make check builds them)"
	exit 0
fi
targets=$(ls fuzz/corpus)
n=0
for target in $targets; do
	n=$((n + $(ls fuzz/corpus/$target | wc -l)))
done
echo "1..$n"
err=t/trash/fuzz-corpus.err
mkdir -p t/trash
i=0
for target in $targets; do
	for f in fuzz/corpus/$target/*; do
		i=$((i + 1))
		if ASAN_OPTIONS=detect_leaks=0 $dir/$target "$f" >/dev/null 2>$err; then
			echo "ok $i - $target: ${f##*/}"
		else
			echo "not ok $i - $target: ${f##*/}"
			sed 's/^/# /' $err
		fi
	done
done
rm -f $err
