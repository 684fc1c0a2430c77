#!/bin/sh
# Build the benchmark tools next to this script: bench/gen, bench/csvcount,
# bench/csvread.
set -e
cd "$(dirname "$0")"
${CC:-cc} -O2 -Wall -Wextra ${CFLAGS:-} -o gen gen.c
${CC:-cc} -O2 -Wall -Wextra ${CFLAGS:-} -o csvcount csvcount.c -lcsv
${CC:-cc} -O2 -Wall -Wextra ${CFLAGS:-} -I ../lib -o csvread csvread.c \
    ../lib/csv.c ../lib/util.c -lcsv
