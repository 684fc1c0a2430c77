#!/bin/sh
# The HTML report in a real browser, chromium headless: rendered to a PNG
# its charts are there (pixels of the chart colours); printed to PDF it
# is A4, every page drawn (pdftoppm), no table cut (pdftotext); and the
# first screen at 1280x800 opens with what needs doing.  Without chromium,
# poppler-utils or python3 it fails, saying so: scripts/deps.sh installs
# them.
. "$(dirname "$0")/lib.sh"
plan 10

browser=
for b in chromium chromium-browser; do
	command -v $b >/dev/null 2>&1 && browser=$b && break
done
if [ -z "$browser" ] || ! command -v python3 >/dev/null 2>&1 ||
    ! command -v pdftoppm >/dev/null 2>&1; then
	echo "Bail out! chromium, poppler-utils and python3 are needed (sh scripts/deps.sh installs them)"
	exit 1
fi

check 'a report with data' \
    "rs-admin init &&
     printf '%s\n' 'received_at,channel,type,name,email,subject' \
     '2024-08-12T09:00,web,peticion,Ana,ana@x.co,Pago' \
     '2024-08-13T10:00,correo,queja,Beto,beto@x.co,Trato' >in.csv &&
     rs-intake -n 2024-08-13T12:00 in.csv >/dev/null &&
     rs-report -n 2024-08-13 -o html daily >daily.html"
check 'chromium renders it headless' \
    "$browser --headless --no-sandbox --disable-gpu --no-first-run \
     --disable-background-networking --disable-component-update \
     --disable-sync --user-data-dir=\"\$PWD/profile\" \
     --window-size=900,2400 --screenshot=\"\$PWD/daily.png\" \
     \"file://\$PWD/daily.html\" >/dev/null 2>&1 && test -s daily.png"
# decode the PNG (8-bit RGB or RGBA, any filter) and count the pixels of
# the charts' first colour, #2a6f97
check 'the charts are drawn: pixels of the chart colour' \
    "python3 - daily.png <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
i, idat = 8, b''
while i < len(d):
    n, t = struct.unpack('>I4s', d[i:i + 8])
    if t == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', d[i + 8:i + 18])
    elif t == b'IDAT':
        idat += d[i + 8:i + 8 + n]
    i += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride, prev, hits, p = zlib.decompress(idat), w * bpp, None, 0, 0
for y in range(h):
    f, row = raw[p], bytearray(raw[p + 1:p + 1 + stride]); p += 1 + stride
    for x in range(stride):
        a = row[x - bpp] if x >= bpp else 0
        b = prev[x] if prev else 0
        c = prev[x - bpp] if prev and x >= bpp else 0
        if f == 1: row[x] = (row[x] + a) & 255
        elif f == 2: row[x] = (row[x] + b) & 255
        elif f == 3: row[x] = (row[x] + (a + b) // 2) & 255
        elif f == 4:
            q = a + b - c; pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
            row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    hits += sum(1 for x in range(0, stride, bpp) if tuple(row[x:x + 3]) == (0x2a, 0x6f, 0x97))
    prev = row
sys.exit(0 if hits > 50 else 1)
PY"

# --- printed on A4, and the first screen at 1280x800 ------------------------------
# 70 requests received in July, none answered: on 2024-08-21 every one is
# overdue, a list of several pages
{
	echo 'received_at,channel,type,name,email,subject'
	i=1
	while [ $i -le 70 ]; do
		printf '2024-07-%02dT09:00,web,peticion,Persona %d,p%d@x.co,Asunto %d\n' \
		    $(( (i - 1) % 28 + 1 )) $i $i $i
		i=$((i + 1))
	done
} >many.csv
check 'an office with 70 overdue requests, its daily page' \
    "RS_DB=\$PWD/many.db rs-admin init && RS_DB=\$PWD/many.db rs-intake -n 2024-07-29T12:00 many.csv >/dev/null &&
     RS_DB=\$PWD/many.db rs-report -n 2024-08-21 -o html daily >many.html"
# headless ARGS...: chromium with a profile of its own
cat >headless <<EOF
exec $browser --headless --no-sandbox --disable-gpu --no-first-run \\
    --disable-background-networking --disable-component-update \\
    --disable-sync --user-data-dir="$PWD/profile" "\$@" >/dev/null 2>&1
EOF
check 'chromium prints it to PDF' \
    "sh ./headless --no-pdf-header-footer --print-to-pdf=\$PWD/many.pdf file://\$PWD/many.html &&
     test -s many.pdf"
# A4 is 595.28 x 841.89 points; chromium rounds it to whole pixels
cat >pages.awk <<'EOF'
/^Pages:/ { print ($2 > 1 ? "pages: more than one" : "one page") }
/^Page size:/ { printf "%.0f x %.0f\n", $3, $5 }
EOF
check_out '... on A4 paper, several pages' 'pdfinfo many.pdf | awk -f pages.awk' <<'EOF'
pages: more than one
595 x 842
EOF
# each page drawn (a grey image has dark pixels), none blank
check 'every page has something on it' \
    "pdftoppm -r 30 -gray many.pdf page && ls page-*.pgm >pages &&
     python3 - page-*.pgm <<'PY'
import sys
for f in sys.argv[1:]:
    d = open(f, 'rb').read()
    parts = d.split(None, 4)
    assert parts[0] == b'P5', f
    w, h = int(parts[1]), int(parts[2])
    px = parts[4][-w * h:]
    dark = sum(1 for b in px if b < 128)
    if dark < 100:
        sys.exit('%s: blank (%d dark pixels)' % (f, dark))
PY"
# nothing cut: every radicado of the list is in the text, whole, and no
# word runs past the paper's right edge
check_out 'no table cut: every overdue radicado is there' \
    "pdftotext many.pdf - | grep -o 'RS-2024-0000[0-9][0-9]' | sort -u | wc -l" <<'EOF'
70
EOF
check 'no word past the edge of the paper' \
    "pdftotext -bbox many.pdf many.bbox.html &&
     python3 - many.bbox.html <<'PY'
import re, sys
t = open(sys.argv[1]).read()
w = float(re.search(r'<page width=\"([0-9.]+)\"', t).group(1))
for m in re.finditer(r'xMax=\"([0-9.]+)\"[^>]*>([^<]*)<', t):
    if float(m.group(1)) > w:
        sys.exit('past the edge: %s' % m.group(2))
PY"
# the first screen a coordinator sees, 1280x800: the page printed on a
# sheet of that size holds the heading and what needs doing first
check_out 'the first screen at 1280x800 opens with what needs doing' \
    "sed 's|</style>|@page { size: 1280px 800px; margin: 0; } @media print { body { margin: 2em; font-size: 16px; } }</style>|' many.html >screen.html &&
     sh ./headless --no-pdf-header-footer --print-to-pdf=\$PWD/screen.pdf file://\$PWD/screen.html &&
     pdftotext -f 1 -l 1 screen.pdf - | grep -e '^Informe diario' -e '^Vencidas' -e '^Vencen hoy' -e '^Recibidas por canal'" <<'EOF'
Informe diario del miércoles 21 de agosto de 2024
Vencidas
EOF
done_testing
