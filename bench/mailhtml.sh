#!/bin/bash
# bench/mailhtml.sh [bytes]: rs-intake -m on HTML-only messages of about
# BYTES bytes each (default 2,400,000), one for each kind of hostile body
# and one of plain, well-formed HTML to compare with; and a plain text
# body of "Message-ID:" lines, which the text of a bounce is searched
# for.  Each body is generated with awk: nothing is downloaded or cached.
# For each kind it prints the wall-clock seconds, the peak RSS (KiB) and
# the length in bytes of the description registered: the time must grow
# with the input's length alone, and no description may be empty.  A run
# longer than $LIMIT seconds (default 300) is stopped and shown as such.
# $KINDS names the kinds to run (default all).  Needs ./rs-admin and
# ./rs-intake (or in $RS_BUILD).
. "$(dirname "$0")/common.sh"

case ${1:-2400000} in
''|*[!0-9]*)
	echo "usage: $prog [bytes]" >&2
	exit 64
	;;
esac
bytes=${1:-2400000}
limit=${LIMIT:-300}
build=${RS_BUILD:-$root}
for c in rs-admin rs-intake; do
	[ -x "$build/$c" ] || die 69 "$build/$c: not built (make, or set RS_BUILD)"
done
tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

# body KIND: about $bytes bytes of HTML of that kind on stdout
body() {
	awk -v kind="$1" -v bytes="$bytes" 'BEGIN {
		if (kind == "plain") {
			u = "<p>Solicito copia del expediente 2024-118 &amp; la " \
			    "respuesta a mi petici&oacute;n.<br>Gracias.</p>\n"
		} else if (kind == "script") {
			u = "<script>x\n"		# never closed
		} else if (kind == "style") {
			u = "<STYLE>p{}\n"		# never closed, upper case
		} else if (kind == "comment") {
			printf "<p>Texto antes</p><!--\n"	# one stray opener
			u = "<p>Texto que sigue al comentario abierto.</p>\n"
		} else if (kind == "comments") {
			u = "<!-- x\n"			# many, none closed
		} else if (kind == "lt") {
			u = "si x<y entonces\n"		# "<" and no ">" anywhere
		} else if (kind == "quote") {
			u = "<a \">\"\n"		# quotes that pair across tags
		} else if (kind == "entity") {
			u = "&#00000000000000000000000000000000000000000000233\n"
		} else if (kind == "ids") {
			for (n = i = 0; n < bytes; n += length(u))
				printf "%s", u = "Message-ID: <" i++ "@x.co>\n"
			exit
		}
		for (n = 0; n < bytes; n += length(u))
			printf "%s", u
	}'
}

# message KIND: the whole message
message() {
	printf 'From: Ana <ana@example.co>\nTo: pqrsd@example.gov.co\n'
	printf 'Subject: Prueba %s\nDate: Tue, 20 Aug 2024 14:00:00 -0500\n' "$1"
	printf 'Message-ID: <%s@bench.example.co>\nMIME-Version: 1.0\n' "$1"
	if [ "$1" = ids ]; then
		printf 'Content-Type: text/plain; charset=utf-8\n\n'
	else
		printf 'Content-Type: text/html; charset=utf-8\n\n'
	fi
	body "$1"
}

machine
echo "body: about $bytes bytes each; rs-intake from $build"
printf '%-10s %9s %10s %12s\n' kind seconds 'rss KiB' description
for kind in ${KINDS:-plain script style comment comments lt quote entity ids}; do
	message "$kind" >"$tmp/$kind.eml"
	warm "$tmp/$kind.eml"
	rm -f "$tmp/rs.db" "$tmp/rs.db-wal" "$tmp/rs.db-shm"
	"$build/rs-admin" -d "$tmp/rs.db" init || die 70 "rs-admin init failed"
	if timed "$kind" timeout "$limit" "$build/rs-intake" -d "$tmp/rs.db" \
	    -m -n 2024-09-02T08:00 "$tmp/$kind.eml" >/dev/null; then
		len=$(sqlite3 "$tmp/rs.db" \
		    'select length(cast(description as blob)) from requests')
	elif [ "$?" -eq 124 ]; then
		secs=">$limit" rss=- len=stopped
	else
		len="failed: $(tail -n 1 "$tmp/$kind.err")"
	fi
	printf '%-10s %9s %10s %12s\n' "$kind" "$secs" "$rss" "$len"
done
