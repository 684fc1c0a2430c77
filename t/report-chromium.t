#!/bin/sh
# When Debian's chromium is installed, the HTML report is rendered
# headless to a PNG and its charts are there: pixels of the chart colours.
# Skipped, not failed, where chromium or python3 is absent.
. "$(dirname "$0")/lib.sh"
plan 3

browser=
for b in chromium chromium-browser; do
	command -v $b >/dev/null 2>&1 && browser=$b && break
done
if [ -z "$browser" ] || ! command -v python3 >/dev/null 2>&1; then
	for i in 1 2 3; do
		echo "ok $i # skip chromium or python3 is not installed"
	done
	exit 0
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
done_testing
