#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-intake reading CSV as offices produce it (DESIGN §4): line ends, BOM,
# quoting, ';' exports, cp1252, and every malformed file refused whole
# with file:line, nothing written, no radicado number used.
plan 63

NOW=2024-08-13T09:00		# Tuesday: effective the same day, due 2024-09-04
H=channel,type,name,email,subject,description
COLS=id,received_at,effective_on,due_on,channel,type,topic,team,priority,preferential,name,salutation,id_number,email,phone,office,requester_kind,subject,description,external_ref,status,new
KNOWN='received_at, channel, type, topic, team, priority, preferential, name, salutation, id_number, email, phone, office, requester_kind, subject, description, external_ref, address, anonymous, representative_name, representative_id_number, representative_email, representative_phone, priority_reason'
# ROW n name email subject description: one output row received at $NOW
ROW() {
	printf 'RS-2024-%06d,2024-08-13T09:00:00-05:00,2024-08-13,2024-09-04,correo,peticion,,,0,,%s,,,%s,,,,%s,%s,,radicada,1\n' "$@"
}

# same EXPECTED ACTUAL: diff them, showing the difference as diagnostics
same() {
	diff -u "$1" "$2" >diff || { _show diff; return 1; }
}

check 'rs-admin init creates the store' 'rs-admin init'

# --- refused files, on an empty store: nothing may be written -------------

printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bea,bea@x.co,Dos,b\ncorreo,peticion,Bob,bob,Tres,c\n' $H >later.csv
check_err 'a bad row after good ones refuses the whole file' 65 \
    'rs-intake: later.csv:4: email: not a valid address: "bob"' \
    "rs-intake -n $NOW later.csv"
ok 'nothing printed for a refused file' test ! -s out
check_sql 'no row of the refused file was written' \
    'select count(*) from requests; select count(*) from events' '0
0'
check_sql 'the refused file used no radicado number' \
    'select count(*) from counters' 0

printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bob\n' $H >few.csv
check_err 'a row with too few fields is refused' 65 \
    'rs-intake: few.csv:3: expected 6 fields, got 3' \
    "rs-intake -n $NOW few.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bob,bob@x.co,Dos,b,extra\n' $H >many.csv
check_err 'a row with too many fields is refused' 65 \
    'rs-intake: many.csv:3: expected 6 fields, got 7' \
    "rs-intake -n $NOW many.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

# The quote opened on line 3 runs to the end: one error, not one giant field.
printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bea,bea@x.co,Dos,"b\ncorreo,peticion,Cy,cy@x.co,Tres,c\ncorreo,peticion,Di,di@x.co,Cuatro,d\n' $H >unterm.csv
check_err 'an unterminated quote at end of file is refused' 65 \
    'rs-intake: unterm.csv:3: unterminated quoted field' \
    "rs-intake -n $NOW unterm.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bea,bea@x.co,Do"s",b\n' $H >stray.csv
check_err 'a quote inside an unquoted field is refused' 65 \
    'rs-intake: stray.csv:3: malformed quoted field' \
    "rs-intake -n $NOW stray.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bea,bea@x.co,Dos,b\000c\n' $H >nul.csv
check_err 'a NUL byte is refused' 65 \
    'rs-intake: nul.csv:3: NUL byte in input' \
    "rs-intake -n $NOW nul.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

# "correo,peticion,Jos" is 19 bytes: the cp1252 é is byte 20.
printf '%s\r\ncorreo,peticion,Jos\351 Pe\361a,jose@x.co,Uno,a\r\n' $H >cp1252.csv
check_err 'cp1252 without --encoding is refused with a hint' 65 \
    'rs-intake: cp1252.csv:2: invalid UTF-8 at byte 20 (Windows-1252? try --encoding cp1252)' \
    "rs-intake -n $NOW cp1252.csv"
check_sql '... and nothing written, no mojibake' 'select count(*) from requests' 0

printf '\357\273\277%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\n' $H >bomcp.csv
check_err 'a UTF-8 file read as cp1252 is refused' 65 \
    'rs-intake: bomcp.csv:1: input starts with a UTF-8 byte order mark: it is UTF-8, not cp1252' \
    "rs-intake -n $NOW --encoding cp1252 bomcp.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

printf '%s,colour\ncorreo,peticion,Ana,ana@x.co,Uno,a,red\n' $H >unknown.csv
check_err 'an unknown column is refused with the known ones' 65 \
    "rs-intake: unknown.csv:1: unknown column \"colour\" (known: $KNOWN)" \
    "rs-intake -n $NOW unknown.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

printf '%s,email\ncorreo,peticion,Ana,ana@x.co,Uno,a,ana@y.co\n' $H >twice.csv
check_err 'a duplicate column is refused' 65 \
    'rs-intake: twice.csv:1: column "email" appears twice' \
    "rs-intake -n $NOW twice.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

printf 'channel,name,email,subject\ncorreo,Ana,ana@x.co,Uno\n' >notype.csv
check_err 'a missing required column is refused' 65 \
    'rs-intake: notype.csv:1: missing column "type"' \
    "rs-intake -n $NOW notype.csv"
printf 'channel,type,email,subject\ncorreo,peticion,ana@x.co,Uno\n' >noname.csv
check_err 'the name column is required' 65 \
    'rs-intake: noname.csv:1: missing column "name"' \
    "rs-intake -n $NOW noname.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

big=$(head -c 65536 /dev/zero | tr '\0' x)
printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bea,bea@x.co,Dos,%sy\n' $H "$big" >big.csv
check_err 'a field over 65536 bytes is refused' 65 \
    'rs-intake: big.csv:3: field longer than 65536 bytes' \
    "rs-intake -n $NOW big.csv"
printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,a\ncorreo,peticion,Bea,bea@x.co,Dos,"%s\ny"\n' $H "$big" >bigq.csv
check_err 'a quoted field over 65536 bytes is refused' 65 \
    'rs-intake: bigq.csv:3: field longer than 65536 bytes' \
    "rs-intake -n $NOW bigq.csv"
check_sql '... and nothing written' 'select count(*) from requests' 0

: >empty.csv
check_err 'an empty file is refused' 65 \
    'rs-intake: empty.csv:1: empty input: no header line' \
    "rs-intake -n $NOW empty.csv"
check_err 'empty standard input is refused' 65 \
    'rs-intake: stdin:1: empty input: no header line' \
    "rs-intake -n $NOW </dev/null"

check_err 'a missing file' 66 \
    'rs-intake: nosuch.csv: No such file or directory' \
    "rs-intake -n $NOW nosuch.csv"

# Lines 2-4 are one record: the bad row is physical line 5.
printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,"uno\ndos\ntres"\ncorreo,peticion,Bob,bob,Dos,b\n' $H >mline.csv
check_err 'after quoted newlines, the bad row has its physical line' 65 \
    'rs-intake: mline.csv:5: email: not a valid address: "bob"' \
    "rs-intake -n $NOW mline.csv"
printf '%s\r\ncorreo,peticion,Ana,ana@x.co,Uno,"uno\r\ndos\r\n\r\ntres"\r\ncorreo,peticion,Bea,bea@x.co,Dos,b\r\ncorreo,peticion,Bob\r\n' $H >mline-crlf.csv
check_err '... also with CRLF and a blank line inside the quotes' 65 \
    'rs-intake: mline-crlf.csv:7: expected 6 fields, got 3' \
    "rs-intake -n $NOW mline-crlf.csv"
printf '%s\ncorreo,peticion,Ana,ana@x.co,Uno,"uno\ndos"\ncorreo,peticion,"Bea\nBaz",bea@x.co,Dos,b\n' $H >mname.csv
check_err 'a record over several lines is reported at its first line' 65 \
    'rs-intake: mname.csv:4: name: control characters are not allowed' \
    "rs-intake -n $NOW mname.csv"
check_err 'errors on standard input are reported as stdin:LINE' 65 \
    'rs-intake: stdin:5: email: not a valid address: "bob"' \
    "rs-intake -n $NOW <mline.csv"
check_sql 'no refused file wrote anything or used a number' \
    'select count(*) from requests; select count(*) from counters' '0
0'

# --- accepted files -----------------------------------------------------

printf '%s\ncorreo,peticion,Ana Pérez,ana@x.co,Pago,Cuenta de marzo\ncorreo,peticion,Bea,bea@x.co,Viáticos,\n' $H >lf.csv
{ echo $COLS
  ROW 1 'Ana Pérez' ana@x.co Pago 'Cuenta de marzo'
  ROW 2 Bea bea@x.co Viáticos ''
} >lf.expected
check_out 'LF file: after the refusals numbering starts at 1' \
    "rs-intake -n $NOW lf.csv" <lf.expected

printf '%s\r\ncorreo,peticion,Cy,cy@x.co,Uno,"linea 1\r\nlinea 2"\r\ncorreo,peticion,Di,di@x.co,Dos,d\r\n' $H >crlf.csv
check_out 'CRLF file' "rs-intake -n $NOW crlf.csv" <<EOF
$COLS
RS-2024-000003,2024-08-13T09:00:00-05:00,2024-08-13,2024-09-04,correo,peticion,,,0,,Cy,,,cy@x.co,,,,Uno,"linea 1
linea 2",,radicada,1
$(ROW 4 Di di@x.co Dos d)
EOF
# a CR written into the statement: char(13) is a type's name on PostgreSQL
cr=$(printf '\r')
check_sql 'CRLF: no CR is stored, a quoted CRLF is stored as LF' \
    "select id, hex(description), instr(subject, '$cr'), instr(name, '$cr') from requests where id in ('RS-2024-000003', 'RS-2024-000004') order by id" \
    "RS-2024-000003|6C696E656120310A6C696E65612032|0|0
RS-2024-000004|64|0|0"

printf '\357\273\277%s\ncorreo,peticion,Eva,eva@x.co,Bom,e\n' $H >bom.csv
check_out 'a UTF-8 byte order mark is skipped' "rs-intake -n $NOW bom.csv" <<EOF
$COLS
$(ROW 5 Eva eva@x.co Bom e)
EOF
check_sql '... and the first column is channel, not BOM+channel' \
    "select channel, hex(substr(channel, 1, 1)) from requests where id = 'RS-2024-000005'" \
    'correo|63'

printf '%s\ncorreo,peticion,Fer,fer@x.co,"Pago, marzo","Dijo ""urgente"", luego ""no"""\n' $H >quoted.csv
check_out 'quoted commas and doubled quotes' "rs-intake -n $NOW quoted.csv" <<EOF
$COLS
$(ROW 6 Fer fer@x.co '"Pago, marzo"' '"Dijo ""urgente"", luego ""no"""')
EOF
check_sql '... stored unquoted' \
    "select subject || '|' || description from requests where id = 'RS-2024-000006'" \
    'Pago, marzo|Dijo "urgente", luego "no"'

printf '%s\ncorreo,peticion,Gil,gil@x.co,Nl,"uno\n\ndos, ""tres""\n"\ncorreo,peticion,Hoy,hoy@x.co,Dos,h\n' $H >nl.csv
check 'quoted newlines in a description' "rs-intake -n $NOW nl.csv"
# white space around a value is no part of it (rs-csv(5)): the final
# newline of the description goes, the inner ones stay
check_sql '... stored exactly, the next row intact' \
    "select id, quote(description) from requests where id in ('RS-2024-000007', 'RS-2024-000008') order by id" \
    "RS-2024-000007|'uno

dos, \"tres\"'
RS-2024-000008|'h'"

# A spreadsheet export in a Spanish locale: BOM, ';', CRLF, commas as data.
printf '\357\273\277channel;type;name;email;subject;description\r\ncorreo;peticion;Ivo;ivo@x.co;Pago, abril;"uno; dos"\r\n' >semi.csv
check_out "a ';'-delimited export is detected from the header" \
    "rs-intake -n $NOW semi.csv" <<EOF
$COLS
$(ROW 9 Ivo ivo@x.co '"Pago, abril"' 'uno; dos')
EOF
check_sql "... commas in it are data" \
    "select subject || '|' || description from requests where id = 'RS-2024-000009'" \
    'Pago, abril|uno; dos'

printf 'subject,description,email,name,type,channel\nOrden,o,ole@x.co,Ole,queja,web\n' >order.csv
check_out 'columns in any order' "rs-intake -n $NOW order.csv" <<EOF
$COLS
RS-2024-000010,2024-08-13T09:00:00-05:00,2024-08-13,2024-09-04,web,queja,,,0,,Ole,,,ole@x.co,,,,Orden,o,,radicada,1
EOF

check_out 'cp1252 with --encoding cp1252' \
    "rs-intake -n $NOW --encoding cp1252 cp1252.csv" <<EOF
$COLS
$(ROW 11 'José Peña' jose@x.co Uno a)
EOF
check_sql '... stored as UTF-8' \
    "select name, hex(name) from requests where id = 'RS-2024-000011'" \
    'José Peña|4A6F73C3A9205065C3B161'
printf 'channel;type;name;email;subject;description\r\ncorreo;reclamo;Mar\355a Ib\341\361ez;maria@x.co;Cobro \223doble\224;\200 50\r\n' >excel.csv
check 'a cp1252 spreadsheet export with ; and CRLF' \
    "rs-intake -n $NOW --encoding cp1252 excel.csv"
check_sql '... stored as UTF-8 (curly quotes and euro sign too)' \
    "select name || '|' || subject || '|' || description from requests where id = 'RS-2024-000012'" \
    'María Ibáñez|Cobro “doble”|€ 50'

printf '%s\ncorreo,peticion,Kai,kai@x.co,Max,%s\n' $H "$big" >max.csv
check 'a field of exactly 65536 bytes is taken' "rs-intake -n $NOW max.csv"
check_sql '... whole' \
    "select length(description) from requests where id = 'RS-2024-000013'" \
    65536

# Several files: each is its own transaction, committed and printed in turn.
printf '%s\ncorreo,peticion,Leo,leo@x.co,Uno,l\ncorreo,peticion,Lia,lia@x.co,Dos,l\n' $H >good.csv
printf '%s\ncorreo,peticion,Mo,mo@x.co,Uno,m\ncorreo,fax,Mia,mia@x.co,Dos,m\n' $H >bad.csv
check_err 'several files: the bad second one is refused' 65 \
    'rs-intake: bad.csv:3: type: expected one of peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad; got "fax"' \
    "rs-intake -n $NOW good.csv bad.csv"
{ echo $COLS
  ROW 14 Leo leo@x.co Uno l
  ROW 15 Lia lia@x.co Dos l
} >good.expected
ok '... the good first one was printed' same good.expected out
check_sql '... and committed, nothing of the bad one' \
    "select count(*), max(id) from requests; select name from requests where name in ('Mo', 'Mia')" \
    '15|RS-2024-000015'
check_sql 'the counter went no further than the committed rows' \
    'select year, last from counters' '2024|15'

printf '%s\ncorreo,peticion,Ned,ned@x.co,Sig,n\n' $H >next.csv
check_out 'the next import continues the numbering without a gap' \
    "rs-intake -n $NOW next.csv" <<EOF
$COLS
$(ROW 16 Ned ned@x.co Sig n)
EOF
check_sql 'every row has its intake event' \
    'select count(*) from requests r join events e on e.request = r.seq' 16

# a table is printed whole, so each file gets its own: the committed
# file's rows are shown even when a later file is refused
printf '%s\ncorreo,peticion,Ona,ona@x.co,Tab,o\n' $H >t1.csv
check_err 'as a table, the bad second file is refused' 65 \
    'rs-intake: bad.csv:3: type: expected one of peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad; got "fax"' \
    "rs-intake -n $NOW -o table t1.csv bad.csv"
ok '... and the table of the first file was printed' \
    sh -c 'test $(wc -l <out) -eq 2 && grep -q "^Radicado " out && grep -q "^RS-2024-000017 .* Ona " out'

done_testing
