#!/bin/sh
# make-oversized.sh N: print to stdout a new petition (RFC 5322, LF line
# ends) with one base64 attachment, "anexos.bin", of N MiB (N * 1048576
# bytes) of zeros; deterministic, so two runs with the same N give the
# same bytes.  The Message-ID names N: <oversized-N@example.co>.
#	sh make-oversized.sh 30 >oversized.eml
set -e
case $1 in
''|*[!0-9]*)
	echo "usage: make-oversized.sh megabytes" >&2
	exit 64
	;;
esac
n=$(expr "$1" + 0)
bytes=$(( n * 1048576 ))
b=oversized-boundary-7f3a9c

cat <<HEAD
Return-Path: <ruben.castro@example.co>
X-Original-To: pqrsd@oficina.example.gov.co
Delivered-To: pqrsd@oficina.example.gov.co
Received: from mx.example.co (mx.example.co [203.0.113.25])
	by mx.oficina.example.gov.co (Postfix) with ESMTPS id 4YwT7s2LpXz9vD
	for <pqrsd@oficina.example.gov.co>; Tue, 15 Dec 2026 10:40:12 -0500 (-05)
From: =?utf-8?Q?Rub=C3=A9n_Castro?= <ruben.castro@example.co>
To: pqrsd@oficina.example.gov.co
Subject: =?utf-8?Q?Petici=C3=B3n_con_anexos?=
Date: Tue, 15 Dec 2026 10:40:05 -0500
Message-ID: <oversized-$n@example.co>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="$b"

--$b
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Buenos días:

Radico esta petición con los anexos del expediente ($n MiB).

Rubén Castro

--$b
Content-Type: application/octet-stream; name="anexos.bin"
Content-Disposition: attachment; filename="anexos.bin"
Content-Transfer-Encoding: base64

HEAD
if [ "$bytes" -gt 0 ]; then
	if command -v base64 >/dev/null 2>&1; then
		head -c "$bytes" /dev/zero | base64 | fold -w 76
	else
		head -c "$bytes" /dev/zero | openssl base64 | fold -w 76
	fi
fi
printf '\n--%s--\n' "$b"
