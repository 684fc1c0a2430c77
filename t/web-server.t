#!/bin/sh
# The web page's server: lighttpd with share/rs/examples/lighttpd.conf,
# run by t/web.sh.  It listens on 127.0.0.1 alone; rs-web gets the
# store and the actor from it; the client's address, from the TLS server
# in front on this machine and from no one else, is what rs-web counts
# its limit by; the server refuses what it should before rs-web runs;
# and the harness says why when it cannot start, and leaves nothing
# running.  As root the server runs as nobody, with the office's
# directory its own.
. "$(dirname "$0")/lib.sh"
. "$top/t/web.sh"
plan 17

for p in lighttpd curl; do
	command -v $p >/dev/null 2>&1 && continue
	echo "Bail out! $p is needed (sh scripts/deps.sh installs it)"
	exit 1
done

check_out 'the example, as shipped, is lighttpd'"'"'s syntax' \
    "lighttpd -t -f '$top/share/rs/examples/lighttpd.conf'" <<'EOF'
Syntax OK
EOF

tmp=
cleanup() {
	web_stop
	[ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP INT TERM

# what the server's user reaches: the office and rs-web, under /tmp (an
# office on PostgreSQL, the test's own, it reaches through the server)
tmp=$(mktemp -d /tmp/rs-web-server.XXXXXX) && chmod 755 "$tmp" || exit 1
mkdir "$tmp/bin" "$tmp/office" && cp "$top/rs-web" "$tmp/bin/" 2>/dev/null
WEB_CGI=$tmp/bin/rs-web
case $RS_DB in
postgres*) ;;
*)	RS_DB=$tmp/office/rs.db
esac
export RS_DB

# sql SQL: t/lib.sh's sql, as a command for the checks' shells
mkdir bin
ln -s "$top/t/sql" bin/sql
PATH=$trash/bin:$PATH
check 'an office' 'rs-admin init'
if [ "$(id -u)" -eq 0 ]; then
	chown -R nobody "$tmp/office"
	(web_start "$trash/web"; echo $?) >start.out
	check_out 'as root, the harness wants the user to serve as' \
	    'cat start.out' <<EOF
# web_start: run as root, set WEB_USER to the user lighttpd and rs-web run as
1
EOF
	WEB_USER=nobody
else
	(WEB_USER=nobody; web_start "$trash/web"; echo $?) >start.out
	check_out 'not as root, the harness serves as the caller' \
	    'cat start.out' <<EOF
# web_start: WEB_USER is for root; lighttpd runs as $(id -un) here
1
EOF
fi
(WEB_CGI=$tmp/bin/nothing; web_start "$trash/web"; echo $?) >start.out
check_out 'a program that is not there: said, not started' \
    'cat start.out' <<EOF
# web_start: $tmp/bin/nothing: no such program (build it with make, or set WEB_CGI)
1
EOF

RS_CLOCK=2026-12-04T10:00
ok 'lighttpd serves rs-web' web_start "$trash/web"
port=${WEB_URL##*:}

# /proc/net/tcp and tcp6: every socket listening on the port is 127.0.0.1's
check_out 'it listens on 127.0.0.1 alone' \
    "awk -v p=\$(printf '%04X' $port) '\$4 == \"0A\" && \$2 ~ (\":\" p \"\$\") { print \$2 }' /proc/net/tcp /proc/net/tcp6" <<EOF
0100007F:$(printf '%04X' "$port")
EOF
check_out 'GET / is rs-web'"'"'s form, from the office'"'"'s store' \
    "curl -s -D head '$WEB_URL/' | grep -o 'id=\"enviar\"' && sed -n '1s/\\r\$//p' head" <<'EOF'
id="enviar"
HTTP/1.1 200 OK
EOF
check_out 'the server says its name, not its version' \
    "curl -s -o /dev/null -D - '$WEB_URL/consulta' | tr -d '\\r' | grep -i '^server:'" <<'EOF'
Server: rs-web
EOF

# ./lookup ADDRESS [CURL OPTIONS]: POST /consulta, a form for rs-web's
# limit, sent for the client ADDRESS; prints the status
cat >lookup <<EOF
#!/bin/sh
a=\$1
shift
exec curl -s -o /dev/null -w '%{http_code}\\n' "\$@" -H "X-Forwarded-For: \$a" \\
    --data-urlencode radicado=RS-2026-000001 \\
    --data-urlencode codigo=AAAA-BBBB-CCCC '$WEB_URL/consulta'
EOF
chmod +x lookup
check_out 'through the TLS server in front (on 127.0.0.1), the client'"'"'s address counts' \
    './lookup 203.0.113.7 && sql "select address, hits from web_hits"' <<'EOF'
404
203.0.113.7|1
EOF
check_out 'from anyone else, an X-Forwarded-For is not believed' \
    './lookup 198.51.100.9 --interface 127.0.0.2 &&
     sql "select address, hits from web_hits order by address"' <<'EOF'
404
127.0.0.2|1
203.0.113.7|1
EOF
check_out 'the 31st form of an hour from one client: 429, rs-web'"'"'s limit' \
    'i=0; while [ $i -lt 29 ]; do ./lookup 203.0.113.7 >/dev/null; i=$((i + 1)); done;
     ./lookup 203.0.113.7' <<'EOF'
429
EOF
check_out '... and another client is still served' \
    './lookup 203.0.113.8' <<'EOF'
404
EOF

# what the server refuses before rs-web runs
check_out 'a path with .. is refused by the server' \
    "curl -s -o /dev/null -w '%{http_code}\\n' --path-as-is '$WEB_URL/consulta/../etc/passwd'" <<'EOF'
400
EOF
# rs-web refuses a body over max_message (25 MB) and 256 KB with its own
# page; the server, above that, one over 26 MiB, before rs-web runs
# (with the cookie the form gives, as a browser that loaded it sends: a
# form without it is refused before its size is looked at)
check_out 'a body of 26 MB is refused by rs-web, with its Spanish page' \
    "curl -s -o /dev/null -c jar '$WEB_URL/' &&
     head -c 26000000 /dev/zero | curl -s -o body -w '%{http_code}\\n' -b jar \
        -H 'Content-Type: application/octet-stream' --data-binary @- '$WEB_URL/' &&
     if grep -q 'Demasiado grande' body; then echo rs-web; else echo server; fi" <<'EOF'
413
rs-web
EOF
check_out 'one over server.max-request-size (26 MiB) by the server itself' \
    "head -c 28000000 /dev/zero | curl -s -o body -w '%{http_code}\\n' \
        -H 'Content-Type: application/octet-stream' --data-binary @- '$WEB_URL/';
     if grep -q 'Demasiado grande' body; then echo rs-web; else echo server; fi" <<'EOF'
413
server
EOF

pid=$WEB_PID
web_stop
ok 'web_stop stops it, and nothing of it is left' \
    sh -c "[ -n '$pid' ] && ! kill -0 '$pid' 2>/dev/null"
ok '... nor anything listening on its port' \
    sh -c "! awk -v p=\$(printf '%04X' $port) '\$4 == \"0A\" && \$2 ~ (\":\" p \"\$\")' /proc/net/tcp /proc/net/tcp6 | grep -q ."
done_testing
