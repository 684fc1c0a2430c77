#!/bin/sh
# Runs each fuzz target for FUZZTIME seconds (default 60): with libFuzzer
# (clang -fsanitize=fuzzer) always, and with AFL++ too when afl-clang-fast
# is installed (`make fuzz` installs clang and afl++ first).  Both build
# the targets under ASan and UBSan and start from fuzz/corpus/TARGET,
# with the tokens of fuzz/TARGET.dict when there is one.
# What libFuzzer finds new goes to fuzz/build/new/TARGET; an AFL++ run
# keeps its queue and log in fuzz/build/afl/out-TARGET and TARGET.log
# until the next run.  Crashes of both go to fuzz/build/crash-TARGET-*.
# A crash stops the run (libFuzzer's status, 1 for AFL++): add its input
# to the corpus with the fix, so `make check` replays it from then on.
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
	# fuzz/TARGET.dict, when there is one: the tokens the target's
	# input is made of, which random mutation takes long to find
	dict=
	[ -f "fuzz/$target.dict" ] && dict=-dict=fuzz/$target.dict
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=0 "$out/$target" -max_total_time="$t" \
	    -max_len=70000 -artifact_prefix=fuzz/build/crash-$target- $dict \
	    "fuzz/build/new/$target" "fuzz/corpus/$target"
done
if command -v afl-clang-fast >/dev/null 2>&1; then
	aout=fuzz/build/afl
	mkdir -p "$aout"
	# The same sanitizers as above; AFL++'s own libFuzzer driver takes the
	# place of -fsanitize=fuzzer.  The library once, then each target.
	san='-fsanitize=address,undefined -fno-sanitize-recover=undefined'
	alibs=
	for src in lib/*.c; do
		obj=$aout/$(basename "$src" .c).o
		# shellcheck disable=SC2086
		AFL_QUIET=1 afl-clang-fast -O1 -g $san $RS_CPPFLAGS \
		    $PKG_CFLAGS $MAIL_CFLAGS -c "$src" -o "$obj"
		alibs="$alibs $obj"
	done
	# afl-fuzz insists on abort_on_error and symbolize=0: a sanitizer
	# report must end in abort() to count as a crash.  Recording where
	# each block was allocated (GMime allocates a lot, unwound slowly)
	# makes the mail target fifteen times slower; the crash, replayed
	# with fuzz/build/afl/TARGET FILE, tells the whole story.
	ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:malloc_context_size=0
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:symbolize=0
	export ASAN_OPTIONS UBSAN_OPTIONS
	# A core_pattern that pipes to a crash handler (systemd-coredump,
	# apport) makes afl-fuzz refuse to start.  Under ASan no core is
	# dumped and every crash ends in the sanitizer's abort, so no crash
	# is lost by going on.
	case $(cat /proc/sys/kernel/core_pattern 2>/dev/null) in
	'|'*)	AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
		export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES ;;
	esac
	for target in $targets; do
		# shellcheck disable=SC2086
		AFL_QUIET=1 afl-clang-fast -O1 -g -fsanitize=fuzzer $san \
		    $RS_CPPFLAGS $PKG_CFLAGS $MAIL_CFLAGS -o "$aout/$target" \
		    fuzz/$target.c $alibs $LIBS $MAIL_LIBS -lm
		# Each run starts afresh: afl-fuzz will not reuse an output
		# directory that holds more than 25 minutes of fuzzing.
		rm -rf "$aout/out-$target"
		echo "fuzz: $target with AFL++ for $t s"
		dict=
		[ -f "fuzz/$target.dict" ] && dict="-x fuzz/$target.dict"
		# shellcheck disable=SC2086
		AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 afl-fuzz -V "$t" -G 70000 $dict \
		    -i "fuzz/corpus/$target" -o "$aout/out-$target" \
		    -- "$aout/$target" >"$aout/$target.log" 2>&1 || {
			st=$?
			tail -n 30 "$aout/$target.log" | sed 's/^/fuzz: afl-fuzz: /' >&2
			exit "$st"
		}
		res=$aout/out-$target/default
		awk -v t="$target" '$1 ~ /^(execs_done|corpus_count|saved_crashes|saved_hangs)$/ {
			s = s " " $1 "=" $3 }
		    END { print "fuzz: " t " with AFL++:" s }' "$res/fuzzer_stats"
		crashed=
		for f in "$res"/crashes/id:*; do
			[ -f "$f" ] || continue
			name=$(basename "$f" | sed 's/,src:.*//' | tr ':,' '--')
			cp "$f" "fuzz/build/crash-$target-afl-$name"
			crashed=1
		done
		if [ -n "$crashed" ]; then
			echo "fuzz: AFL++ found crashes in $target: fuzz/build/crash-$target-afl-*" >&2
			exit 1
		fi
	done
else
	echo "fuzz: afl-clang-fast not found; AFL++ skipped (apt-get install afl++)"
fi
