#!/bin/sh
# rs-web run as a web server runs a CGI program: the variables set, the
# body on standard input, the status line, headers and page checked.
. "$(dirname "$0")/lib.sh"
plan 83

RS_CLOCK=2024-03-04T10:00
B=rsweb0frontera
addr=192.0.2.10
nonce=
export RS_CLOCK B addr nonce

# The helpers are commands, for the checks' shells:
#   form FILE NAME=VALUE ...: a multipart/form-data body as a browser
#     sends it; NAME=@PATH sends the file PATH
#   get PATH [QUERY]; post FILE: the form, with the cookie of $nonce;
#   lookup RADICADO CODE: urlencoded; each from $addr
#   status FILE: the status line; header FILE NAME: a header's value
#   requests: how many requests; sql SQL: t/lib.sh's sql, as a command
#   sha256-base64: SHA-256 of stdin in base64, as a policy names a style
mkdir bin
PATH=$trash/bin:$PATH
cat >bin/form <<'EOS'
#!/bin/sh
f=$1
shift
: >"$f"
for kv; do
	n=${kv%%=*}
	v=${kv#*=}
	case $v in
	@*)	printf -- '--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: text/html\r\n\r\n' \
		    $B "$n" "${v#@}" >>"$f"
		cat "${v#@}" >>"$f" ;;
	*)	printf -- '--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s' \
		    $B "$n" "$v" >>"$f" ;;
	esac
	printf '\r\n' >>"$f"
done
printf -- '--%s--\r\n' $B >>"$f"
EOS
cat >bin/get <<'EOS'
#!/bin/sh
REQUEST_METHOD=GET SCRIPT_NAME=/pqrsd PATH_INFO=$1 QUERY_STRING=${2:-} \
    REMOTE_ADDR=$addr exec rs-web
EOS
cat >bin/post <<'EOS'
#!/bin/sh
CONTENT_LENGTH=$(wc -c <"$1") REQUEST_METHOD=POST SCRIPT_NAME=/pqrsd \
    PATH_INFO=/ CONTENT_TYPE="multipart/form-data; boundary=$B" \
    HTTP_COOKIE="tema=claro; rs_csrf=$nonce" REMOTE_ADDR=$addr \
    exec rs-web <"$1"
EOS
cat >bin/lookup <<'EOS'
#!/bin/sh
printf 'radicado=%s&codigo=%s' "$1" "$2" >q.txt
CONTENT_LENGTH=$(wc -c <q.txt) REQUEST_METHOD=POST SCRIPT_NAME=/pqrsd \
    PATH_INFO=/consulta CONTENT_TYPE=application/x-www-form-urlencoded \
    REMOTE_ADDR=$addr exec rs-web <q.txt
EOS
cat >bin/status <<'EOS'
#!/bin/sh
sed -n '1s/\r$//p' "$1"
EOS
cat >bin/header <<'EOS'
#!/bin/sh
sed -n "/^\r\$/q; s/^$2: \(.*\)\r\$/\1/p" "$1"
EOS
ln -s "$top/t/sql" bin/sql
cat >bin/requests <<'EOS'
#!/bin/sh
exec sql 'select count(*) from requests'
EOS
cat >bin/sha256-base64 <<'EOS'
#!/bin/sh
exec perl -MDigest::SHA=sha256 -MMIME::Base64 -0777 -ne \
    'print encode_base64(sha256($_), ""), "\n"'
EOS
chmod +x bin/*

check 'a new office' 'rs-admin init && rs-admin config max_message 1'

# --- the form ----------------------------------------------------------------------
get / >form.out
check_out 'GET /: the form' 'status form.out' <<'EOF'
Status: 200 OK
EOF
ok '... in Spanish, as HTML' grep -q '^<html lang="es">' form.out
ok '... with no script at all' sh -c '! grep -qi "<script" form.out'
check_out '... a policy that runs no script' \
    "header form.out Content-Security-Policy | sed 's/sha256-[^'\'']*/HASH/'" <<'EOF'
default-src 'none'; style-src 'HASH'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'
EOF
check_out '... the style the policy names is the page'"'"'s own' \
    "sed -n 's/^<style>\(.*\)<\/style>\$/\1/p' form.out | tr -d '\n' | sha256-base64" <<EOF
$(header form.out Content-Security-Policy | sed "s/.*'sha256-\([^']*\)'.*/\1/")
EOF
check_out '... nosniff' 'header form.out X-Content-Type-Options' <<'EOF'
nosniff
EOF
for f in tipo anonimo nombre saludo documento correo telefono direccion \
    autoriza_correo asunto texto adjunto; do
	grep -q "<label [^>]*for=\"$f\"" form.out &&
	    grep -q "id=\"$f\" name=\"$f\"" form.out || echo "$f" >>unlabelled
done
ok '... every field has its label' test ! -e unlabelled
ok '... and the button' grep -q '<button type="submit" id="enviar">' form.out
check_out '... the types offered, in order' \
    "sed -n '/<select id=\"tipo\"/,/<\/select>/s/.*value=\"\([a-z]*\)\".*/\1/p' form.out" <<'EOF'

peticion
queja
reclamo
sugerencia
denuncia
felicitacion
informacion
EOF
nonce=$(header form.out Set-Cookie | sed -n 's/^rs_csrf=\([0-9a-f]*\); Path=\/pqrsd; HttpOnly; SameSite=Strict$/\1/p')
token=$(sed -n 's/.*id="csrf" name="csrf" value="\([^"]*\)".*/\1/p' form.out)
ok '... a cookie of 32 hex digits, HttpOnly, SameSite=Strict' \
    test "${#nonce}" -eq 32
ok '... and the token in the form' test -n "$token"

# --- a request registered ------------------------------------------------------------
printf '%%PDF-1.4 una cédula\n' >cedula.pdf
form ok.body csrf="$token" tipo=peticion nombre='Ana Pérez' saludo=senora \
    documento=52123456 correo=ana@example.co autoriza_correo=1 \
    telefono='601 555 1234' asunto='Pago de la cuenta' \
    texto='Pido el pago de la cuenta de febrero.' adjunto=@cedula.pdf
post ok.body >ok.out
check_out 'POST /: registered' 'status ok.out' <<'EOF'
Status: 200 OK
EOF
check_out '... the radicado, the day, the due date' \
    "grep -o -e 'id=\"radicado\">[^<]*' -e 'id=\"recibida\"><time datetime=\"[^\"]*\">[^<]*' -e 'id=\"radicacion\"><time datetime=\"[^\"]*\">[^<]*' -e 'id=\"vence\"><time datetime=\"[^\"]*\">[^<]*' ok.out" <<'EOF'
id="radicado">RS-2024-000001
id="recibida"><time datetime="2024-03-04T10:00:00-05:00">lunes 4 de marzo de 2024, 10:00
id="radicacion"><time datetime="2024-03-04">lunes 4 de marzo de 2024
id="vence"><time datetime="2024-03-26">martes 26 de marzo de 2024
EOF
code=$(sed -n 's/.*id="codigo">\([^<]*\)<.*/\1/p' ok.out)
ok '... and a code of twelve letters and digits' \
    sh -c "echo '$code' | grep -Eqx '[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}'"
check_sql '... the code kept only as its hash' \
    "select count(*), sum(CASE WHEN hash = '$code' THEN 1 ELSE 0 END),
     max(given) from access_codes" '1|0|web'
check_sql '... the file kept as the request'"'"'s document, its type by its name' \
    "select name, type, size, role from documents" \
    'cedula.pdf|application/pdf|21|attachment'
check 'the same request through rs-intake' \
    "rs-intake -n 2024-03-04T10:00 -u tester -c web -t peticion -N 'Ana Pérez' \
     --salutation senora --id-number 52123456 -e ana@example.co \
     -p '601 555 1234' -s 'Pago de la cuenta' \
     -D 'Pido el pago de la cuenta de febrero.' >/dev/null"
# the columns of requests, each store's catalog asked
case $RS_DB in
postgres*)
	cols=$(sql "select string_agg(column_name, ',' order by ordinal_position)
	    from information_schema.columns where table_schema = current_schema()
	    and table_name = 'requests' and column_name not in ('seq', 'id',
	    'received_at', 'received_ts')") ;;
*)
	cols=$(sql "select group_concat(name) from pragma_table_info('requests') where name not in ('seq', 'id', 'received_at', 'received_ts')")
esac
check_out '... the same row, field for field' \
    "sql 'select $cols from requests' | uniq | wc -l" <<'EOF'
1
EOF
ok '... whose events were written by the web' \
    test "$(sql "select actor from events where kind = 'intake' order by seq limit 1")" = tester

# --- a form refused ------------------------------------------------------------------
form bad.body csrf="$token" tipo=peticion nombre='' documento='52 123' \
    correo='ana en example.co' asunto='Pago "urgente" de ana' \
    texto='Línea uno
Línea <dos>'
post bad.body >bad.out
check_out 'a form with mistakes: 422' 'status bad.out' <<'EOF'
Status: 422 Unprocessable Content
EOF
check_out '... a summary at the top, each problem linking to its field' \
    "sed -n '/<div id=\"errores\" role=\"alert\"/,/<\/div>/p' bad.out" <<'EOF'
<div id="errores" role="alert" tabindex="-1">
<h2>No pudimos radicar su solicitud: revise estos datos</h2>
<ul>
<li><a href="#nombre">Nombre</a>: Escriba su nombre, o marque la solicitud como anónima si el tipo lo permite.</li>
<li><a href="#documento">Número de identificación</a>: La identificación lleva solo letras, dígitos, «-» o «.», sin espacios</li>
<li><a href="#correo">Correo electrónico</a>: Correo no válido: debe ser como nombre@dominio.gov.co, sin espacios.</li>
</ul>
</div>
EOF
check_out '... each problem next to its field, which points at it' \
    "grep -e 'id=\"error-' -e 'aria-invalid=\"true\"' bad.out" <<'EOF'
<p class="error" id="error-nombre">Escriba su nombre, o marque la solicitud como anónima si el tipo lo permite.</p>
<input type="text" id="nombre" name="nombre" autocomplete="name" aria-invalid="true" aria-describedby="error-nombre" value="">
<p class="error" id="error-documento">La identificación lleva solo letras, dígitos, «-» o «.», sin espacios</p>
<input type="text" id="documento" name="documento" aria-invalid="true" aria-describedby="error-documento" value="52 123">
<p class="error" id="error-correo">Correo no válido: debe ser como nombre@dominio.gov.co, sin espacios.</p>
<input type="email" id="correo" name="correo" autocomplete="email" aria-invalid="true" aria-describedby="error-correo" value="ana en example.co">
EOF
check_out '... everything typed kept' \
    "grep -e 'id=\"asunto\"' -e 'selected' bad.out; sed -n '/<textarea/,/<\/textarea>/p' bad.out" <<'EOF'
<option value="peticion" selected>Petición</option>
<option value="" selected>Sin trato</option>
<input type="text" id="asunto" name="asunto" value="Pago &quot;urgente&quot; de ana">
<textarea id="texto" name="texto" rows="10">Línea uno
Línea &lt;dos&gt;</textarea>
EOF
check_out '... nothing registered' requests <<'EOF'
2
EOF

form anon.body csrf="$token" tipo=peticion anonimo=1 asunto='Sin nombre'
post anon.body >anon.out
check_out 'an anonymous petición: refused at the anonymous box, in Spanish' \
    "status anon.out; grep -o '<li>.*</li>' anon.out" <<'EOF'
Status: 422 Unprocessable Content
<li><a href="#anonimo">Presentarla en forma anónima</a>: Una solicitud de tipo «Petición» se responde a alguien y no puede ser anónima. Pueden ser anónimas: Denuncia, Queja, Reclamo, Sugerencia, Felicitación, Información.</li>
EOF
form anon.body csrf="$token" tipo=denuncia anonimo=1 asunto='Cobros en la ventanilla'
post anon.body >anon.out
check_out 'an anonymous denuncia: registered' \
    "status anon.out; grep -o 'id=\"radicado\">[^<]*' anon.out" <<'EOF'
Status: 200 OK
id="radicado">RS-2024-000003
EOF
check_sql '... as rs-intake --anonymous registers one' \
    "select name, anonymous, channel from requests where id = 'RS-2024-000003'" \
    'Anónimo|1|web'
anoncode=$(sed -n 's/.*id="codigo">\([^<]*\)<.*/\1/p' anon.out)
form consent.body csrf="$token" tipo=queja nombre=Luis correo=luis@example.co \
    asunto=Demora
post consent.body >consent.out
check_out 'an address without the consent to be notified at it (Ley 1437 art. 56)' \
    "status consent.out; grep 'id=\"error-' consent.out" <<'EOF'
Status: 422 Unprocessable Content
<p class="error" id="error-autoriza_correo">Para recibir la respuesta por correo electrónico, marque la autorización de notificación por correo (Ley 1437 de 2011, art. 56); si no la da, deje el correo en blanco y escriba otro dato de contacto.</p>
EOF

# --- hostile input ----------------------------------------------------------------
xss='"><script>alert(1)</script><img src=x onerror=alert(2)>'
form xss.body csrf="$token" tipo="$xss" nombre="$xss" asunto="$xss" \
    texto="</textarea>$xss" direccion="' onfocus='alert(3)"
post xss.body >xss.out
ok 'the classic script strings: refused and written back as text' \
    sh -c '! grep -qi -e "<script" -e "<img" -e "onfocus='"'"'" xss.out'
check_out '... escaped' \
    "grep -c -e '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;' -e '&#39; onfocus=&#39;alert(3)' xss.out" <<'EOF'
4
EOF
check_out 'a form without the cookie: 403, unread' \
    "nonce= post ok.body | { read -r l; echo \"\$l\"; } | tr -d '\r'" <<'EOF'
Status: 403 Forbidden
EOF
check_out '... with the cookie of another form: 403' \
    "nonce=0123456789abcdef0123456789abcdef post ok.body | head -1 | tr -d '\r'" <<'EOF'
Status: 403 Forbidden
EOF
# the token with its last digit changed (to another digit, whatever it was)
case $token in *0) forged=${token%?}1 ;; *) forged=${token%?}0 ;; esac
form forged.body csrf="$forged" tipo=peticion nombre=Ana correo=a@b.co \
    autoriza_correo=1 asunto=x
check_out '... with a token forged: 403' \
    "post forged.body | head -1 | tr -d '\r'" <<'EOF'
Status: 403 Forbidden
EOF
check_out '... with a token five hours old: 403' \
    "RS_CLOCK=2024-03-04T15:00 post ok.body | sed -n '1p; s/.*id=\"errores\" role=\"alert\">\(.*\)<\/p>/\1/p' | tr -d '\r'" <<'EOF'
Status: 403 Forbidden
El formulario venció o no se envió desde esta página. Vuelva a cargar el formulario y envíelo otra vez.
EOF
check_out '... nothing registered' requests <<'EOF'
3
EOF
head -c 1300000 /dev/zero >big.bin
form big.body csrf="$token" tipo=peticion nombre=Ana correo=a@b.co \
    autoriza_correo=1 asunto=Grande adjunto=@big.bin
check_out 'a body over max_message and the fields'"'"' room: 413, unread' \
    "post big.body | head -1 | tr -d '\r'" <<'EOF'
Status: 413 Content Too Large
EOF
head -c 900000 /dev/zero >a.bin
head -c 200000 /dev/zero >b.bin
form two.body csrf="$token" tipo=peticion nombre=Ana correo=a@b.co \
    autoriza_correo=1 asunto=Grande adjunto=@a.bin adjunto=@b.bin
check_out 'files over max_message together: 422 at the files field' \
    "post two.body >two.out; status two.out; grep 'id=\"error-adjunto\"' two.out" <<'EOF'
Status: 422 Unprocessable Content
<p class="error" id="error-adjunto">Los documentos ocupan más de 1 MB en total; adjunte menos o más pequeños, o tráigalos a la oficina.</p>
EOF
set --
for i in 1 2 3 4 5 6 7 8 9 10 11; do
	echo "$i" >f$i.txt
	set -- "$@" adjunto=@f$i.txt
done
form many.body csrf="$token" tipo=peticion nombre=Ana correo=a@b.co \
    autoriza_correo=1 asunto=Muchos "$@"
form long.body csrf="$token" tipo=peticion \
    nombre="$(printf '%0201d' 0)" telefono=3001234567 asunto=Largo
check_out 'a name longer than intake takes: 422 at the name' \
    "post long.body >long.out; status long.out; grep 'id=\"error-' long.out" <<'EOF'
Status: 422 Unprocessable Content
<p class="error" id="error-nombre">Es demasiado largo: a lo sumo 200 bytes (una letra con tilde ocupa dos).</p>
EOF
check_out 'eleven files: 413' "post many.body | head -1 | tr -d '\r'" <<'EOF'
Status: 413 Content Too Large
EOF
set --
for i in $(seq 1 33); do
	set -- "$@" "x$i=1"
done
form fields.body csrf="$token" "$@"
check_out 'thirty-three fields: 400' "post fields.body | head -1 | tr -d '\r'" <<'EOF'
Status: 400 Bad Request
EOF
check_out 'a body that is not multipart: 400' \
    "printf 'tipo=peticion' >plain.body; CONTENT_TYPE=text/plain CONTENT_LENGTH=13 REQUEST_METHOD=POST PATH_INFO=/ REMOTE_ADDR=\$addr HTTP_COOKIE=rs_csrf=\$nonce rs-web <plain.body | head -1 | tr -d '\r'" <<'EOF'
Status: 400 Bad Request
EOF
check_out 'no length: 411' \
    "REQUEST_METHOD=POST PATH_INFO=/ REMOTE_ADDR=\$addr HTTP_COOKIE=rs_csrf=\$nonce rs-web </dev/null | head -1 | tr -d '\r'" <<'EOF'
Status: 411 Length Required
EOF
check_out '... nothing registered' requests <<'EOF'
3
EOF

# --- the lookup ----------------------------------------------------------------------
# (from another address: each may send 30 forms an hour)
addr=192.0.2.11
get /consulta >consulta.out
check_out 'GET /consulta: the lookup form' \
    "status consulta.out; grep -o -e '<label for=\"[a-z]*\"' -e '<button[^>]*>' consulta.out" <<'EOF'
Status: 200 OK
<label for="radicado"
<label for="codigo"
<button type="submit" id="consultar">
EOF
lookup RS-2024-000001 "$code" >found.out
check_out 'the right code: the state and the due date' \
    "status found.out; grep -o -e 'id=\"estado\">[^<]*' -e 'id=\"vence\"><time datetime=\"[^\"]*\"' found.out; grep -c '<li>' found.out" <<'EOF'
Status: 200 OK
id="estado">Radicada
id="vence"><time datetime="2024-03-26"
1
EOF
lower=$(echo "$code" | tr 'A-Z' 'a-z' | tr -d -)
check_out '... typed in lower case without dashes too' \
    "lookup RS-2024-000001 '$lower' | head -1 | tr -d '\r'" <<'EOF'
Status: 200 OK
EOF
spaced=$(echo "$code" | tr - +)
check_out '... or with spaces, as a form sends them' \
    "lookup RS-2024-000001 '$spaced' | head -1 | tr -d '\r'" <<'EOF'
Status: 200 OK
EOF
ok '... no personal data on it' \
    sh -c '! grep -q -e "Ana" -e "52123456" -e "example.co" -e "601 555" found.out'
wrong=$(echo "$code" | tr 23456789ABCDEFGHJKMNPQRSTUVWXYZ 3456789ABCDEFGHJKMNPQRSTUVWXYZ2)
lookup RS-2024-000001 "$wrong" >wrong.out
check_out 'a wrong code: 404, the radicado kept, the code not' \
    "status wrong.out; sed -n 's/.*<p>\(No encontramos.*\)<\/p>/\1/p' wrong.out; grep -o 'id=\"radicado\" name=\"radicado\" [^>]*' wrong.out" <<'EOF'
Status: 404 Not Found
No encontramos una solicitud con ese número de radicado y ese código. Revise los dos datos como aparecen en el acuse de recibo o en la página de radicación.
id="radicado" name="radicado" aria-invalid="true" aria-describedby="errores ayuda-radicado" value="RS-2024-000001"
EOF
lookup RS-2024-000099 "$code" | sed 's/RS-2024-000099/RS-2024-000001/' >unknown.out
ok 'an unknown radicado: the same answer, byte for byte' cmp -s wrong.out unknown.out
check_out 'a radicado of script, and an office name of markup: written as text' \
    "rs-admin config office_name 'Oficina <b>Central</b>' &&
     lookup '\"><script>alert(5)</script>' x >xss2.out;
     grep -c -e '<script' -e '<b>' xss2.out;
     grep -o -e 'value=\"&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;\"' -e '<p>Oficina &lt;b&gt;Central&lt;/b&gt;</p>' xss2.out;
     rs-admin config office_name 'Oficina de Atención al Ciudadano'" <<'EOF'
0
<p>Oficina &lt;b&gt;Central&lt;/b&gt;</p>
value="&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;"
EOF
check_out 'the code of another request does not open this one' \
    "lookup RS-2024-000003 '$code' | head -1 | tr -d '\r'" <<'EOF'
Status: 404 Not Found
EOF
check_out 'a lookup with a bad escape: 400' \
    "printf 'radicado=%%zz' >q2; CONTENT_LENGTH=12 CONTENT_TYPE=application/x-www-form-urlencoded REQUEST_METHOD=POST PATH_INFO=/consulta REMOTE_ADDR=\$addr rs-web <q2 | head -1 | tr -d '\r'" <<'EOF'
Status: 400 Bad Request
EOF

# --- the acuse gives a code too ------------------------------------------------------
check 'the acuse of a request registered by rs-intake' \
    "rs-admin config sender pqrsd@example.gov.co &&
     RS_CLOCK=claimed rs-notify -n 2024-03-04T10:30 acuse RS-2024-000002 >acuse.mbox"
acode=$(sed -n 's/.*consulta: \([2-9A-Z-]*\)$/\1/p' acuse.mbox)
ok '... carries a code' test "${#acode}" -eq 14
check_out '... that opens it on the page' \
    "lookup RS-2024-000002 '$acode' | sed -n '1p; s/.*id=\"estado\">\([^<]*\)<.*/\1/p' | tr -d '\r'" <<'EOF'
Status: 200 OK
Radicada
EOF
check_sql '... kept as a hash, beside the page'"'"'s' \
    "select r.id, a.given from access_codes a join requests r on r.seq = a.request order by a.rowid" \
    'RS-2024-000001|web
RS-2024-000003|web
RS-2024-000002|acuse'

# --- what the requester sees of the office's work ------------------------------------
printf '%%PDF-1.4 la respuesta\n' >resolucion.pdf
printf '<html><script>alert(4)</script></html>\n' >anexo.html
check 'the office answers, with documents, and writes a note' \
    "RS_CLOCK=claimed; rs-queue -n 2024-03-05T09:00 take RS-2024-000001 >/dev/null &&
     rs-queue -n 2024-03-05T09:10 note -m 'Nota interna: llamar al supervisor' RS-2024-000001 >/dev/null &&
     rs-queue -n 2024-03-06T11:00 answer --outcome favorable \
        -m 'Pagamos la cuenta el 6 de marzo <b>sin falta</b>.' \
        -A resolucion.pdf -A anexo.html RS-2024-000001 >/dev/null"
lookup RS-2024-000001 "$code" >answered.out
check_out 'the lookup: answered, the steps, the answer, its documents' \
    "sed -n '/<dd id=\"estado\">/p; /<ol id=\"pasos\">/,/<\/ol>/p; /<div id=\"respuesta\">/,/<\/div>/p' answered.out" <<EOF
<dd id="estado">Respondida</dd>
<ol id="pasos">
<li><time datetime="2024-03-04T10:00:00-05:00">lunes 4 de marzo de 2024, 10:00</time>: Recibida</li>
<li><time datetime="2024-03-06T11:00:00-05:00">miércoles 6 de marzo de 2024, 11:00</time>: Respondida</li>
</ol>
<div id="respuesta">
<p>Respondida el <time datetime="2024-03-06T11:00:00-05:00">miércoles 6 de marzo de 2024, 11:00</time>.</p>
<p>Pagamos la cuenta el 6 de marzo &lt;b&gt;sin falta&lt;/b&gt;.</p>
<h3>Documentos de la respuesta</h3>
<ul id="documentos">
<li><a href="/pqrsd/documento?radicado=RS-2024-000001&amp;codigo=$code&amp;n=1">resolucion.pdf</a></li>
<li><a href="/pqrsd/documento?radicado=RS-2024-000001&amp;codigo=$code&amp;n=2">anexo.html</a></li>
</ul>
</div>
EOF
ok '... never the note' sh -c '! grep -q "Nota interna" answered.out'
get /documento "radicado=RS-2024-000001&codigo=$code&n=1" >doc1.out
check_out 'a document of the answer, as a download' \
    "status doc1.out; header doc1.out Content-Type; header doc1.out Content-Disposition; header doc1.out X-Content-Type-Options" <<'EOF'
Status: 200 OK
application/pdf
attachment; filename="resolucion.pdf"; filename*=UTF-8''resolucion.pdf
nosniff
EOF
check_out '... its bytes' "sed '1,/^\r\$/d' doc1.out | cmp - resolucion.pdf && echo same" <<'EOF'
same
EOF
get /documento "radicado=RS-2024-000001&codigo=$code&n=2" >doc2.out
check_out 'an HTML document: never served as a page' \
    "header doc2.out Content-Type; header doc2.out Content-Security-Policy" <<'EOF'
application/octet-stream
default-src 'none'; sandbox
EOF
check_out '... nor with a wrong code' \
    "get /documento 'radicado=RS-2024-000001&codigo=$wrong&n=1' | head -1 | tr -d '\r'" <<'EOF'
Status: 404 Not Found
EOF
check_out '... nor the requester'"'"'s own upload' \
    "get /documento 'radicado=RS-2024-000001&codigo=$code&n=3' | head -1 | tr -d '\r'" <<'EOF'
Status: 404 Not Found
EOF

check 'the office asks the anonymous requester for what is missing' \
    "RS_CLOCK=claimed; rs-queue -n 2024-03-05T09:00 take RS-2024-000003 >/dev/null &&
     rs-queue -n 2024-03-05T09:30 hold -m 'La fecha de los cobros' RS-2024-000003 >/dev/null"
check_out 'the lookup: waiting for the requester, since when and for what' \
    "lookup RS-2024-000003 '$anoncode' | sed -n '/<dd id=\"estado\">/p; /<dd id=\"en-espera\">/p; /<ol id=\"pasos\">/,/<\/ol>/p'" <<'EOF'
<dd id="estado">En espera</dd>
<dd id="en-espera"><time datetime="2024-03-05">martes 5 de marzo de 2024</time></dd>
<ol id="pasos">
<li><time datetime="2024-03-04T10:00:00-05:00">lunes 4 de marzo de 2024, 10:00</time>: Recibida</li>
<li><time datetime="2024-03-05T09:30:00-05:00">martes 5 de marzo de 2024, 09:30</time>: En espera de información suya: La fecha de los cobros</li>
</ol>
EOF

check 'the office forwards a request to the authority it belongs to' \
    "RS_CLOCK=claimed rs-queue -n 2024-03-05T10:00 forward \
        --to 'Superintendencia de Industria y Comercio' \
        -m 'Nota interna: competencia de la SIC' RS-2024-000002 >/dev/null"
check_out 'the lookup: forwarded, to whom, and never the office'"'"'s note' \
    "lookup RS-2024-000002 '$acode' >fwd.out; sed -n '/<dd id=\"estado\">/p; /<dd id=\"traslado\">/p; /<li>/p' fwd.out; grep -q 'Nota interna' fwd.out || echo 'no note'" <<'EOF'
<dd id="estado">Trasladada</dd>
<dd id="traslado">Superintendencia de Industria y Comercio</dd>
<li><time datetime="2024-03-04T10:00:00-05:00">lunes 4 de marzo de 2024, 10:00</time>: Recibida</li>
<li><time datetime="2024-03-05T10:00:00-05:00">martes 5 de marzo de 2024, 10:00</time>: Trasladada por competencia a Superintendencia de Industria y Comercio</li>
no note
EOF

# --- the limit of forms per address ---------------------------------------------------
addr=198.51.100.7
i=0
while [ $i -lt 30 ]; do
	lookup RS-2024-000001 "$wrong" >/dev/null
	i=$((i + 1))
done
lookup RS-2024-000001 "$code" >rate.out
check_out 'the 31st form in an hour from one address: 429, in Spanish' \
    "status rate.out; header rate.out Retry-After; sed -n 's/.*role=\"alert\">\(.*\)<\/p>/\1/p' rate.out" <<'EOF'
Status: 429 Too Many Requests
3600
Desde su conexión se enviaron muchas solicitudes en la última hora. Espere una hora y vuelva a intentarlo, o comuníquese con la oficina por otro canal.
EOF
check_out '... the next hour, it may again' \
    "RS_CLOCK=2024-03-04T11:00 lookup RS-2024-000001 '$code' | head -1 | tr -d '\r'" <<'EOF'
Status: 200 OK
EOF
check 'web_rate 0: no limit, for a server that keeps its own' \
    "rs-admin config web_rate 0 &&
     lookup RS-2024-000001 '$code' | head -1 | grep -q '^Status: 200 OK' &&
     rs-admin config web_rate 30"
check_err '... and a limit that is no number refused' 65 \
    'rs-admin: web_rate: expected forms an hour from 0 to 999999; got "treinta"' \
    'rs-admin config web_rate treinta'
check_out '... another address meanwhile, too' \
    "addr=198.51.100.8 lookup RS-2024-000001 '$code' | head -1 | tr -d '\r'" <<'EOF'
Status: 200 OK
EOF

# --- when the store fails ------------------------------------------------------------
# the holder keeps the lock until told, through a fifo, to let go; it
# says it has the lock by touching a file, so no timing decides the test.
# The lock is a writer's: SQLite's BEGIN IMMEDIATE; on PostgreSQL the
# office's row of schema_version (lib/pg.c), and the reason given is
# each store's own.
mkfifo hold.fifo
case $RS_DB in
postgres*)
	psql -X -q -d "$RS_DB" <hold.fifo >held 2>&1 &
	holder=$!
	exec 5>hold.fifo
	printf 'BEGIN;\nSELECT version FROM %s.schema_version FOR UPDATE;\n\\! touch lock.taken\n' \
	    "${RS_OFFICE:-main}" >&5
	locked='canceling statement due to lock timeout'
	;;
*)
	sqlite3 "$RS_DB" <hold.fifo >held 2>&1 &
	holder=$!
	exec 5>hold.fifo
	printf 'BEGIN IMMEDIATE;\n.shell touch lock.taken\n' >&5
	locked='database is locked'
esac
i=0
until [ -e lock.taken ] || [ $i -ge 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
RS_BUSY_TIMEOUT=200 lookup RS-2024-000001 "$code" >busy.out 2>busy.err
st=$?
check_out 'the database locked past the timeout: 503, to try again' \
    "echo $st; status busy.out; header busy.out Retry-After; sed -n 's/.*role=\"alert\">\(.*\)<\/p>/\1/p' busy.out; cat busy.err" <<EOF
75
Status: 503 Service Unavailable
60
No pudimos atender su solicitud en este momento. Vuelva a intentarlo en unos minutos, o comuníquese con la oficina por otro canal.
rs-web: $RS_DB: $locked
EOF
printf 'COMMIT;\n' >&5
exec 5>&-
wait $holder
check_out 'no database: 500, the reason in the server'"'"'s log' \
    "RS_DB=\$PWD/nada.db get / 2>nada.err | head -1 | tr -d '\r'; cat nada.err" <<EOF
Status: 500 Internal Server Error
rs-web: $PWD/nada.db: no such database (create it with rs-admin init)
EOF

# --- the rest ------------------------------------------------------------------------
check_out 'a page that does not exist: 404' \
    "get /admin | head -1 | tr -d '\r'" <<'EOF'
Status: 404 Not Found
EOF
check_out 'a method the page does not take: 405' \
    "REQUEST_METHOD=DELETE PATH_INFO=/ rs-web | sed -n '1p; /^Allow/p' | tr -d '\r'" <<'EOF'
Status: 405 Method Not Allowed
Allow: GET, HEAD, POST
EOF
check_err 'outside a web server: refused' 64 \
    'rs-web: REQUEST_METHOD: not set; rs-web runs as a CGI program of a web server (rs-web(1))' \
    'env -u REQUEST_METHOD rs-web'
check_err 'an operand: the usage' 64 'usage: rs-web [-d db]' \
    'REQUEST_METHOD=GET rs-web extra'
check 'rs-admin check passes' 'rs-admin check'
BAD=$(store_for bad)
rs-admin copy "$BAD" >/dev/null
(RS_DB=$BAD; sql "insert into access_codes (request, hash, given, made_at)
    values (99, '$(printf %064d 0)', 'web', '2024-03-04');
    insert into access_codes (request, hash, given, made_at)
    values (1, '$code', 'web', '2024-03-04')")
check_err '... and finds a code of no request, and a code kept as it is' 65 \
    "rs-admin: $(checked_as "$BAD"): access code 4: no request 99
rs-admin: $(checked_as "$BAD"): RS-2024-000001: access code 5: not a SHA-256 in hex
rs-admin: $(checked_as "$BAD"): 2 problems found" \
    "rs-admin -d '$BAD' check"
done_testing
