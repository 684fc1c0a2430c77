#!/bin/sh
# Runs each fuzz target for FUZZTIME seconds (default 60): with libFuzzer
# (clang -fsanitize=fuzzer) always, and with AFL++ too when afl-clang-fast
# is installed.  Both start from fuzz/corpus/TARGET; what libFuzzer finds
# new goes to fuzz/build/new/TARGET, crashes to fuzz/build/crash-*.  A
# crash stops the run (libFuzzer's status, 1 for AFL++): add its input to
# the corpus with the fix, so `make check` replays it from then on.
set -eu
cd "$(dirname "$0")/.."
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is needed: apt-get install clang" >&2
	exit 69
fi
t=${FUZZTIME:-60}
fz='-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined'
out=fuzz/build/libfuzzer
mkdir -p "$out"
# The library once, instrumented for coverage, then one binary a target.
libs=
for src in lib/*.c; do
	obj=$out/$(basename "$src" .c).o
	# shellcheck disable=SC2086
	clang -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	    -fno-sanitize-recover=undefined \
	    $RS_CPPFLAGS $PKG_CFLAGS $MAIL_CFLAGS -c "$src" -o "$obj"
	libs="$libs $obj"
done
# The targets are the directories of the corpus, one per fuzz/TARGET.c.
targets=$(ls fuzz/corpus)
for target in $targets; do
	# shellcheck disable=SC2086
	clang -O1 -g $fz $RS_CPPFLAGS $PKG_CFLAGS $MAIL_CFLAGS \
	    -o "$out/$target" fuzz/$target.c $libs $LIBS $MAIL_LIBS -lm
	mkdir -p "fuzz/build/new/$target"
	echo "fuzz: $target with libFuzzer for $t s"
	ASAN_OPTIONS=detect_leaks=0 "$out/$target" -max_total_time="$t" \
	    -max_len=70000 -artifact_prefix=fuzz/build/crash-$target- \
	    "fuzz/build/new/$target" "fuzz/corpus/$target"
done
if command -v afl-clang-fast >/dev/null 2>&1; then
	aout=fuzz/build/afl
	mkdir -p "$aout"
	for target in $targets; do
		# shellcheck disable=SC2086
		afl-clang-fast -O1 -g -fsanitize=fuzzer $RS_CPPFLAGS \
		    $PKG_CFLAGS $MAIL_CFLAGS -o "$aout/$target" \
		    fuzz/$target.c lib/*.c $LIBS $MAIL_LIBS -lm
		echo "fuzz: $target with AFL++ for $t s"
		AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 afl-fuzz -V "$t" \
		    -i "fuzz/corpus/$target" -o "$aout/out-$target" \
		    -- "$aout/$target"
		if ls "$aout/out-$target"/default/crashes/id:* >/dev/null 2>&1; then
			echo "fuzz: AFL++ found crashes in $aout/out-$target" >&2
			exit 1
		fi
	done
else
	echo "fuzz: afl-clang-fast not found; AFL++ skipped (apt-get install afl++)"
fi
