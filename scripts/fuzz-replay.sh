#!/bin/sh
# Replays the committed fuzz corpus through every fuzz target, built with
# the C compiler alone under AddressSanitizer and UBSan.  Prints TAP;
# `make check` runs it through prove.  Called by make with the flags:
#   CC RS_CPPFLAGS PKG_CFLAGS MAIL_CFLAGS LIBS MAIL_LIBS
set -eu
cd "$(dirname "$0")/.."
san='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined'
out=fuzz/build/replay
mkdir -p "$out"
CC=${CC:-cc}
for src in lib/*.c fuzz/*.c; do
	obj=$out/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ lib/rs.h -nt "$obj" ]; then
		# shellcheck disable=SC2086
		$CC -O1 -g $san $RS_CPPFLAGS $PKG_CFLAGS $MAIL_CFLAGS \
		    -c "$src" -o "$obj"
	fi
done
# the objects of today's lib/*.c: one left from a file since removed
# would be linked twice
libs=
for src in lib/*.c; do
	libs="$libs $out/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')"
done
# The targets are the directories of the corpus, one per fuzz/TARGET.c.
targets=$(ls fuzz/corpus)
for target in $targets; do
	# shellcheck disable=SC2086
	$CC $san -o "$out/$target" "$out/fuzz_$target.o" "$out/fuzz_replay.o" \
	    $libs $LIBS $MAIL_LIBS -lm
done
