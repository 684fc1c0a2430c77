#!/bin/sh
# Each command's manual SYNOPSIS says exactly what its usage says (STYLE:
# usage() identical to the SYNOPSIS), compared word for word.
. "$(dirname "$0")/lib.sh"
plan 7

words() {	# the text as one word a line, without "usage:"
	tr -s ' \t\n' '\n\n\n' | sed '/^$/d; /^usage:$/d'
}
for c in rs-admin rs-due rs-intake rs-notify rs-queue rs-report rs-web; do
	mandoc -Tutf8 -O width=200 "$top/man/$c.1" | sed 's/.\x08//g' |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | words >man.$c
	"$c" -h | words >usage.$c
	check "$c: the SYNOPSIS is the usage" "diff -u usage.$c man.$c"
done
done_testing
