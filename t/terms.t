#!/bin/sh
. "$(dirname "$0")/lib.sh"
# The law to the letter (issue 13): a request from another authority
# (Ley 1755 de 2015 art. 30); the term catalog over time (Decreto 491 de
# 2020 art. 5, repealed by Ley 2207 de 2022, in force from 2022-05-17);
# nothing before the holidays of Ley 51 de 1983 (1984-01-01).
# Every date was counted by hand from the holidays of its year, never
# copied from the program: 1984 Reyes Mon 9 Jan; 2020 San José Mon 23
# Mar, Holy Week 9-10 Apr, 1 May; 2021 Reyes Mon 11 Jan, San José Mon 22
# Mar, Holy Week 1-2 Apr; 2022 Ascensión Mon 30 May, Corpus Christi Mon
# 20 Jun, Sagrado Corazón Mon 27 Jun, San Pedro Mon 4 Jul; 2024 San
# Pedro Mon 1 Jul, Boyacá Wed 7 Aug.
plan 63

L14='Ley 1755 de 2015 art. 14'
L30='Ley 1755 de 2015 art. 30'
D491='Decreto 491 de 2020 art. 5'
BEFORE='the holiday calendar of Ley 51 de 1983 applies from 1984; earlier dates are not modelled'
I='rs-intake -n 2024-08-30T08:00'
COLS=id,received_at,effective_on,due_on,type,requester_kind
# the intake's columns id, received_at, effective_on, due_on, type and
# requester_kind
PICK='cut -d, -f1-4,6,17'

check 'rs-admin init' 'rs-admin init'

# --- Ley 1755 de 2015 art. 30: another authority asking for information ---------------

check_out 'autoridad is described as art. 30 has it' \
    'rs-admin terms | grep ^autoridad' <<'EOF'
autoridad,10,Solicitud de información o documentos de otra autoridad (Ley 1755 art. 30)
EOF
# Tue 2 Jul 2024: 10 days: 3-5, 8-12, 15, 16.
check_out 'art. 30: type autoridad, no requester_kind: made autoridad, 10 days' \
    "$I -c correo -t autoridad -N 'Personería de Sopó' -e personeria@example.gov.co \
        -s 'Copia del expediente' --received-at 2024-07-02T09:00 | $PICK" <<EOF
$COLS
RS-2024-000001,2024-07-02T09:00:00-05:00,2024-07-02,2024-07-16,autoridad,autoridad
EOF
check_out 'art. 30: type autoridad from requester_kind autoridad' \
    "$I -c correo -t autoridad --requester-kind autoridad -N Contraloría \
        -e contraloria@example.gov.co -s Informe --received-at 2024-07-02T10:00 | $PICK" <<EOF
$COLS
RS-2024-000002,2024-07-02T10:00:00-05:00,2024-07-02,2024-07-16,autoridad,autoridad
EOF
# ./sql SQL: t/sql, for the command of a check, which runs in a shell
# of its own
ln -s "$top/t/sql" sql
./sql "select * from requests order by seq" >before.rows
check_err 'art. 30: type autoridad from a citizen is refused, naming the field' 65 \
    'rs-intake: requester_kind: type autoridad is another authority'"'"'s request for information or documents (Ley 1755 art. 30): expected autoridad or nothing; got "ciudadano"' \
    "$I -c web -t autoridad --requester-kind ciudadano -N Ana -e ana@x.co -s Copias"
cat >kind.csv <<'EOF'
channel,type,requester_kind,name,email,subject
web,autoridad,,Alcaldía de Tocancipá,alcaldia@example.gov.co,Certificado
web,autoridad,tercero,Bea,bea@x.co,Copias
EOF
check_err '... and from a CSV file: file:line, nothing of the file registered' 65 \
    'rs-intake: kind.csv:3: requester_kind: type autoridad is another authority'"'"'s request for information or documents (Ley 1755 art. 30): expected autoridad or nothing; got "tercero"' \
    "$I kind.csv"
ok '... the store is as it was' sh -c \
    './sql "select * from requests order by seq" >b && cmp -s before.rows b'
# 15 days: 3-5, 8-12, 15-19, 22, 23.  30 days: ... 22-26 (18), 29-31
# (21), 1, 2, 5, 6 (25), 8, 9 (27), 12-14 (30): Wed 14 Aug.
check_out "art. 14: an authority's petition is a peticion, 15 days" \
    "$I -c escrito -t peticion --requester-kind autoridad -N 'Concejo Municipal' \
        -e concejo@example.gov.co -s 'Proposición 12' --received-at 2024-07-02T11:00 | $PICK" <<EOF
$COLS
RS-2024-000003,2024-07-02T11:00:00-05:00,2024-07-02,2024-07-23,peticion,autoridad
EOF
check_out "art. 14 num. 2: an authority's consulta, 30 days" \
    "$I -c escrito -t consulta --requester-kind autoridad -N 'Concejo Municipal' \
        -e concejo@example.gov.co -s Concepto --received-at 2024-07-02T11:30 | $PICK" <<EOF
$COLS
RS-2024-000004,2024-07-02T11:30:00-05:00,2024-07-02,2024-08-14,consulta,autoridad
EOF
cat >authority.eml <<'EOF'
From: Procuraduría Provincial <provincial@example.gov.co>
To: pqrsd@example.gov.co
Subject: Solicitud de copias del contrato 14
Date: Wed, 03 Jul 2024 09:00:00 -0500
Message-ID: <oficio-77@example.gov.co>

Solicitamos copia del contrato 14 de 2024.
EOF
# Wed 3 Jul: 4, 5, 8-12, 15-17: Wed 17 Jul.
check_out 'art. 30 by mail (-t autoridad): requester_kind autoridad' \
    "$I -m -t autoridad authority.eml | cut -d, -f2,5,7,18" <<'EOF'
id,due_on,type,requester_kind
RS-2024-000005,2024-07-17,autoridad,autoridad
EOF
check_out 'rs-due -x names art. 30 for autoridad, each day and the result' \
    'rs-due -x RS-2024-000001 | grep -e "día hábil 1 de" -e "vence el"' <<EOF
2024-07-03,miércoles,1,día hábil 1 de 10,$L30
2024-07-16,martes,,"vence el martes 16 de julio de 2024, al final del día (autoridad, 10 días hábiles)",$L30
EOF
check_out "... and art. 14 for an authority's peticion" \
    'rs-due -x RS-2024-000003 | grep -e "día hábil 1 de" -e "vence el"' <<EOF
2024-07-03,miércoles,1,día hábil 1 de 15,$L14
2024-07-23,martes,,"vence el martes 23 de julio de 2024, al final del día (peticion, 15 días hábiles)",$L14
EOF
mkdir nodb
check_out 'rs-due add -x autoridad, without a database: art. 30 too' \
    '(cd nodb && env -u RS_DB rs-due add -x 2024-07-02T09:00 autoridad) | grep -e "día hábil 1 de" -e "vence el"' <<EOF
2024-07-03,miércoles,1,día hábil 1 de 10,$L30
2024-07-16,martes,,"vence el martes 16 de julio de 2024, al final del día (autoridad, 10 días hábiles)",$L30
EOF

# --- Decreto 491 de 2020 art. 5: the terms over time -----------------------------------

check_out 'terms -a: every period, the rule of each' 'rs-admin -a terms' <<EOF
type,valid_from,valid_until,days,law,description
peticion,1984-01-01,2020-03-27,15,$L14,Petición en interés general o particular (Ley 1755 art. 14)
peticion,2020-03-28,2022-05-16,30,$D491,Petición en interés general o particular (Decreto 491 de 2020 art. 5)
peticion,2022-05-17,,15,$L14,Petición en interés general o particular (Ley 1755 art. 14)
queja,1984-01-01,2020-03-27,15,$L14,Queja (Ley 1755 art. 14)
queja,2020-03-28,2022-05-16,30,$D491,Queja (Decreto 491 de 2020 art. 5)
queja,2022-05-17,,15,$L14,Queja (Ley 1755 art. 14)
reclamo,1984-01-01,2020-03-27,15,$L14,Reclamo (Ley 1755 art. 14)
reclamo,2020-03-28,2022-05-16,30,$D491,Reclamo (Decreto 491 de 2020 art. 5)
reclamo,2022-05-17,,15,$L14,Reclamo (Ley 1755 art. 14)
sugerencia,1984-01-01,2020-03-27,15,$L14,Sugerencia (Ley 1755 art. 14)
sugerencia,2020-03-28,2022-05-16,30,$D491,Sugerencia (Decreto 491 de 2020 art. 5)
sugerencia,2022-05-17,,15,$L14,Sugerencia (Ley 1755 art. 14)
denuncia,1984-01-01,2020-03-27,15,$L14,Denuncia (Ley 1755 art. 14)
denuncia,2020-03-28,2022-05-16,30,$D491,Denuncia (Decreto 491 de 2020 art. 5)
denuncia,2022-05-17,,15,$L14,Denuncia (Ley 1755 art. 14)
felicitacion,1984-01-01,,,,Felicitación (sin término legal)
informacion,1984-01-01,2020-03-27,10,$L14,Solicitud de documentos o información (Ley 1755 art. 14 num. 1)
informacion,2020-03-28,2022-05-16,20,$D491,Solicitud de documentos o información (Decreto 491 de 2020 art. 5 num. i)
informacion,2022-05-17,,10,$L14,Solicitud de documentos o información (Ley 1755 art. 14 num. 1)
consulta,1984-01-01,2020-03-27,30,$L14,Consulta (Ley 1755 art. 14 num. 2)
consulta,2020-03-28,2022-05-16,35,$D491,Consulta (Decreto 491 de 2020 art. 5 num. ii)
consulta,2022-05-17,,30,$L14,Consulta (Ley 1755 art. 14 num. 2)
autoridad,1984-01-01,2020-03-27,10,$L30,Solicitud de información o documentos de otra autoridad (Ley 1755 art. 30)
autoridad,2020-03-28,2022-05-16,20,$D491,Solicitud de información o documentos de otra autoridad (Decreto 491 de 2020 art. 5 num. i)
autoridad,2022-05-17,,10,$L30,Solicitud de información o documentos de otra autoridad (Ley 1755 art. 30)
EOF
check_out '... the same as the built-in table that works without a database' \
    'rs-admin -a terms -o json | sed -n 2p' <<EOF
{"type":"peticion","valid_from":"2020-03-28","valid_until":"2022-05-16","days":30,"law":"$D491","description":"Petición en interés general o particular (Decreto 491 de 2020 art. 5)"}
EOF

# The day received decides (the local date of received_at), not the
# effective day:
#  Fri 27 Mar 2020 15:00  effective that day; 15: 30, 31, 1-3, 6-8, 13-17,
#                         20, 21 Apr
#  Fri 27 Mar 2020 17:00  effective Mon 30 Mar, still Ley 1755: 15, 22 Apr
#  Sat 28 Mar 2020        Decreto 491's first day: 30 from Mon 30 Mar:
#                         ... 27-30 Apr (21), 4-8 May (26), 11-14
#  Mon 16 May 2022 17:00  effective Tue 17 May, when Ley 2207 was in force:
#                         still 30: 18-20, 23-27, 31, 1-3 Jun (12), 6-10,
#                         13-17, 21-24 (26), 28-30, 1 Jul
#  Tue 17 May 2022 08:00  Ley 1755 again: 15: ... 3 Jun (12), 6, 7, 8
#  17 May 2022 03:00Z     is Mon 16 May 22:00 in Bogotá: Decreto 491
#  Tue 5 Jan 2021         informacion 20: 6-8, 12-15, 18-22, 25-29, 1-3
#                         Feb; consulta 35: ... 8-12 (27), 15-19, 22-24;
#                         autoridad 20 like informacion; felicitacion none
cat >periods.csv <<'EOF'
received_at,channel,type,name,email,subject
2020-03-27T15:00,web,peticion,Ana,ana@x.co,A
2020-03-27T17:00,web,peticion,Bea,bea@x.co,B
2020-03-28T10:00,web,peticion,Cam,cam@x.co,C
2022-05-16T17:00,web,peticion,Dan,dan@x.co,D
2022-05-17T08:00,web,peticion,Eva,eva@x.co,E
2022-05-17T03:00Z,web,peticion,Fer,fer@x.co,F
EOF
# registered the day they came, so that steps can be dated then (a step
# never comes before its request's registration)
cat >p2021.csv <<'EOF'
received_at,channel,type,name,email,subject
2021-01-05T10:00,web,informacion,Gil,gil@x.co,G
2021-01-05T10:00,web,consulta,Hugo,hugo@x.co,H
2021-01-05T10:00,web,autoridad,Ines,ines@x.co,I
2021-01-05T10:00,web,felicitacion,Juan,juan@x.co,J
EOF
check_out 'intake: the term of the day received' \
    "{ $I periods.csv; rs-intake -n 2021-01-05T10:00 p2021.csv | sed 1d; } | $PICK" <<EOF
$COLS
RS-2020-000001,2020-03-27T15:00:00-05:00,2020-03-27,2020-04-21,peticion,
RS-2020-000002,2020-03-27T17:00:00-05:00,2020-03-30,2020-04-22,peticion,
RS-2020-000003,2020-03-28T10:00:00-05:00,2020-03-30,2020-05-14,peticion,
RS-2022-000001,2022-05-16T17:00:00-05:00,2022-05-17,2022-07-01,peticion,
RS-2022-000002,2022-05-17T08:00:00-05:00,2022-05-17,2022-06-08,peticion,
RS-2022-000003,2022-05-16T22:00:00-05:00,2022-05-17,2022-07-01,peticion,
RS-2021-000001,2021-01-05T10:00:00-05:00,2021-01-05,2021-02-03,informacion,
RS-2021-000002,2021-01-05T10:00:00-05:00,2021-01-05,2021-02-24,consulta,
RS-2021-000003,2021-01-05T10:00:00-05:00,2021-01-05,2021-02-03,autoridad,autoridad
RS-2021-000004,2021-01-05T10:00:00-05:00,2021-01-05,,felicitacion,
EOF
# the whole set, for the commands below that read it
sed 1d p2021.csv >>periods.csv
check_sql '... each request keeps its term' \
    "select id, coalesce(cast(term_days as text), '') from requests where id not like 'RS-2024-%' order by seq" \
    'RS-2020-000001|15
RS-2020-000002|15
RS-2020-000003|30
RS-2022-000001|30
RS-2022-000002|15
RS-2022-000003|30
RS-2021-000001|20
RS-2021-000002|35
RS-2021-000003|20
RS-2021-000004|'
cut -d, -f1,3 periods.csv >filter.csv
check_out 'rs-due -f: the same terms, without a database' \
    'rs-due -f -n 2024-08-30 filter.csv | cut -d, -f1-4' <<'EOF'
received_at,type,effective_on,due_on
2020-03-27T15:00,peticion,2020-03-27,2020-04-21
2020-03-27T17:00,peticion,2020-03-30,2020-04-22
2020-03-28T10:00,peticion,2020-03-30,2020-05-14
2022-05-16T17:00,peticion,2022-05-17,2022-07-01
2022-05-17T08:00,peticion,2022-05-17,2022-06-08
2022-05-17T03:00Z,peticion,2022-05-17,2022-07-01
2021-01-05T10:00,informacion,2021-01-05,2021-02-03
2021-01-05T10:00,consulta,2021-01-05,2021-02-24
2021-01-05T10:00,autoridad,2021-01-05,2021-02-03
2021-01-05T10:00,felicitacion,2021-01-05,
EOF
# rs-due add from the database's catalog and from the built-in table
sed 1d filter.csv | tr , ' ' >pairs
check 'rs-due add: the catalog and the built-in table agree on each' '
    while read at type; do
        rs-due add "$at" "$type" >>with-db || exit 1
        (cd nodb && env -u RS_DB rs-due add "$at" "$type") >>without || exit 1
    done <pairs && cmp with-db without'
check_out '... and with the intake' 'grep -v ^received_at with-db | cut -d, -f3,4' <<'EOF'
15,2020-04-21
15,2020-04-22
30,2020-05-14
30,2022-07-01
15,2022-06-08
30,2022-07-01
20,2021-02-03
35,2021-02-24
20,2021-02-03
0,
EOF
check_out 'rs-due -x names Decreto 491 for what came in while it was in force' \
    'rs-due -x RS-2020-000003 | grep -e "día hábil 1 de" -e "vence el"' <<EOF
2020-03-31,martes,1,día hábil 1 de 30,$D491
2020-05-14,jueves,,"vence el jueves 14 de mayo de 2020, al final del día (peticion, 30 días hábiles)",$D491
EOF
check_out '... and Ley 1755 for the day before, effective on the same Monday' \
    'rs-due -x RS-2020-000002 | grep -e "día hábil 1 de" -e "vence el"' <<EOF
2020-03-31,martes,1,día hábil 1 de 15,$L14
2020-04-22,miércoles,,"vence el miércoles 22 de abril de 2020, al final del día (peticion, 15 días hábiles)",$L14
EOF
check_out 'rs-due add -x in 2021: Decreto 491 art. 5 for consulta' \
    'rs-due add -x 2021-01-05T10:00 consulta | grep -e "día hábil 1 de" -e "vence el"' <<EOF
2021-01-06,miércoles,1,día hábil 1 de 35,$D491
2021-02-24,miércoles,,"vence el miércoles 24 de febrero de 2021, al final del día (consulta, 35 días hábiles)",$D491
EOF
# 1 Mar 2021, 30: 2-5, 8-12, 15-19, 23-26 (18), 29-31, 5-9 Apr (26),
# 12-15.  1 Mar 2024, 15: 4-8, 11-15, 18-22.
printf 'id,received_at,type\nX1,2021-03-01T10:00,peticion\nX2,2024-03-01T10:00,peticion\n' >report.csv
check_out 'rs-report -f: the due date of the day received' \
    "rs-report -f -o csv -n 2024-08-30 --from 2021-01-01 --to 2024-08-30 pqrsd report.csv |
     grep ',due_on,'" <<'EOF'
requests,X1,due_on,2021-04-15
requests,X2,due_on,2024-03-22
EOF
# Decreto 491 art. 5 par.: an extension up to twice the term: 40 business
# days for the informacion of 5 Jan 2021 (20 to 3 Feb; 4, 5, 8-12, 15-19,
# 22-26, 1-3 Mar), where Ley 1755's 10 would have allowed 20.
check 'an extension within twice the 20 days of Decreto 491 (to Wed 3 Mar 2021)' \
    'rs-queue -n 2021-02-01T09:00 extend --to 2021-03-03 -m "Expediente en archivo" RS-2021-000001'
check '... beyond it, for the autoridad of the same day, is refused (65)' \
    'rs-queue -n 2021-02-01T09:00 extend --to 2021-03-04 -m razones RS-2021-000003 2>err;
     test $? -eq 65 && grep -q "past 2021-03-03" err'

# the office sets the days of the period in force; the others stay
check 'terms peticion 12: the period in force' 'rs-admin terms peticion 12'
check_out '... the earlier periods as they were' 'rs-admin -a terms | grep ^peticion, | cut -d, -f1-4' <<'EOF'
peticion,1984-01-01,2020-03-27,15
peticion,2020-03-28,2022-05-16,30
peticion,2022-05-17,,12
EOF
check_out '... a request received in 2021 gets 30, one received now 12' \
    "$I -c web -t peticion -N Kim -e kim@x.co -s K --received-at 2021-06-01T10:00 | cut -d, -f1 &&
     $I -c web -t peticion -N Lia -e lia@x.co -s L | cut -d, -f1 &&
     ./sql \"select term_days from requests where id in ('RS-2021-000005', 'RS-2024-000006')\"" <<'EOF'
id
RS-2021-000005
id
RS-2024-000006
30
12
EOF
check_out 'terms: the period in force of each type, as before' 'rs-admin terms | sed -n "1,2p;\$p"' <<'EOF'
type,days,description
peticion,12,Petición en interés general o particular (Ley 1755 art. 14)
autoridad,10,Solicitud de información o documentos de otra autoridad (Ley 1755 art. 30)
EOF
check 'terms tutela 5: a new type, one period from 1984' 'rs-admin terms tutela 5'
check_out '... listed with -a' 'rs-admin -a terms | tail -1' <<'EOF'
tutela,1984-01-01,,5,,tutela
EOF
check_err '-a lists; it does not set' 64 "$(rs-admin -h)" 'rs-admin -a terms tutela 6'
check_err '-a belongs to terms' 64 "$(rs-admin -h)" 'rs-admin -a topics'

# a catalog edited by hand with a hole in a type's periods
# (a copy of the store: the file, or a database of its own made by
# rs-admin copy)
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	HOLE=hole.db
	cp rs.db "$HOLE"
else
	HOLE=$(store_for hole)
	rs-admin copy "$HOLE" >/dev/null
fi
RS_DB=$HOLE ./sql "update terms set valid_from = '2020-04-01'
    where type = 'queja' and valid_from = '2020-03-28'"
check_err 'a hole in the catalog: rs-intake stops (65)' 65 \
    "rs-intake: $HOLE: terms: no period of queja for a request received on 2020-03-30" \
    "$I -d '$HOLE' -c web -t queja -N Mo -e mo@x.co -s M --received-at 2020-03-30T10:00"
check_err '... and so does rs-due add' 65 \
    "rs-due: $HOLE: terms: no period of queja for a request received on 2020-03-30" \
    "rs-due -d '$HOLE' add 2020-03-30T10:00 queja"
RS_DB=$HOLE ./sql "update terms set valid_from = '2020-4-1' where type = 'queja'
    and valid_from = '2020-04-01'"
check_err 'a period that is no date: rs-intake stops (65)' 65 \
    "rs-intake: $HOLE: terms: bad period of queja" \
    "$I -d '$HOLE' -c web -t peticion -N Mo -e mo@x.co -s M"

# --- a version 3 database is upgraded ---------------------------------------------------

# Version 3 had one term a type, whatever the day: a peticion received in
# 2021 got 15 days (due Tue 23 Mar 2021: 2-5, 8-12, 15-19, 23), and an
# authority's request no requester_kind.  Registered here with the
# catalog as version 3 had it, then the file made version 3 as it was:
# no periods in the terms table (step 4) and nothing of step 5 (the
# calendar's history).  The office had shortened peticion to 10 and
# described queja its own way, and added tutela.
rs-admin -d v3.db init
sqlite3 v3.db "update terms set days = 15 where type = 'peticion'
    and valid_from = '2020-03-28'"
$I -d v3.db -c web -t peticion -N Nora -e nora@x.co -s Antes \
    --received-at 2021-03-01T10:00 >/dev/null
$I -d v3.db -c web -t autoridad -N 'Personería' -e p@example.gov.co -s Copias \
    --received-at 2023-06-01T10:00 >/dev/null
sqlite3 v3.db "update requests set requester_kind = null where type = 'autoridad';
    create table terms_v3 (type TEXT PRIMARY KEY,
      days INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 365),
      description TEXT NOT NULL);
    insert into terms_v3 select type, days, description from terms
      where valid_until is null order by rowid;
    update terms_v3 set days = 10 where type = 'peticion';
    update terms_v3 set description = 'Queja sobre la atención' where type = 'queja';
    update terms_v3 set description = 'Petición de otra autoridad (Ley 1755 art. 30)'
      where type = 'autoridad';
    insert into terms_v3 values ('tutela', 5, 'Relacionada con una acción de tutela');
    drop table terms; alter table terms_v3 rename to terms;
    drop table saturdays; alter table closures drop column added_at;
    $undo_step6
    pragma user_version = 3"
# the columns as version 3 had them: later steps only add
rcols=$(sqlite3 v3.db "select group_concat(name) from pragma_table_info('requests')")
ecols=$(sqlite3 v3.db "select group_concat(name) from pragma_table_info('events')")
sqlite3 v3.db "select $rcols from requests; select $ecols from events" >v3.rows
check_out 'a version 3 database: one term a type' \
    "sqlite3 v3.db 'pragma user_version; select count(*), count(distinct type) from terms'" <<'EOF'
3
10|10
EOF
check_out '... upgraded: the periods, the office'"'"'s days and words kept for the rule of today' \
    'rs-admin -d v3.db -a terms | cut -d, -f1-4,6 | grep -e ^peticion -e ^queja -e ^autoridad -e ^tutela' <<'EOF'
peticion,1984-01-01,2020-03-27,10,Petición en interés general o particular (Ley 1755 art. 14)
peticion,2020-03-28,2022-05-16,30,Petición en interés general o particular (Decreto 491 de 2020 art. 5)
peticion,2022-05-17,,10,Petición en interés general o particular (Ley 1755 art. 14)
queja,1984-01-01,2020-03-27,15,Queja sobre la atención
queja,2020-03-28,2022-05-16,30,Queja (Decreto 491 de 2020 art. 5)
queja,2022-05-17,,15,Queja sobre la atención
autoridad,1984-01-01,2020-03-27,10,Solicitud de información o documentos de otra autoridad (Ley 1755 art. 30)
autoridad,2020-03-28,2022-05-16,20,Solicitud de información o documentos de otra autoridad (Decreto 491 de 2020 art. 5 num. i)
autoridad,2022-05-17,,10,Solicitud de información o documentos de otra autoridad (Ley 1755 art. 30)
tutela,1984-01-01,,5,Relacionada con una acción de tutela
EOF
# the current version: the store's file's, or on PostgreSQL a file made
# now by init
if [ "${RS_TEST_BACKEND:-sqlite}" = sqlite ]; then
	CUR=rs.db
else
	CUR=current.db
	rs-admin -d "$CUR" init >/dev/null
fi
check_out '... at the current version' \
    "sqlite3 v3.db 'pragma user_version'; sqlite3 $CUR 'pragma user_version'" <<EOF
$(sqlite3 $CUR 'pragma user_version')
$(sqlite3 $CUR 'pragma user_version')
EOF
check 'no request or event rewritten' \
    "sqlite3 v3.db 'select $rcols from requests; select $ecols from events' | cmp -s - v3.rows"
check 'rs-admin check passes on the upgraded file' 'rs-admin -d v3.db check'
check_out 'the peticion of 2021 keeps its 15 days, explained as Ley 1755' \
    'rs-due -d v3.db -x RS-2021-000001 | sed -n "\$p"' <<EOF
2021-03-23,martes,,"vence el martes 23 de marzo de 2021, al final del día (peticion, 15 días hábiles)",$L14
EOF
check_out 'new requests: 30 in 2021, the office'"'"'s 10 now' \
    "$I -d v3.db -c web -t peticion -N Olga -e o@x.co -s O --received-at 2021-03-01T10:00 | cut -d, -f1,4 &&
     $I -d v3.db -c web -t peticion -N Paz -e p@x.co -s P --received-at 2024-07-02T09:00 | cut -d, -f1,4" <<'EOF'
id,due_on
RS-2021-000002,2021-04-15
id,due_on
RS-2024-000001,2024-07-16
EOF

# --- Ley 51 de 1983: nothing before 1984 ------------------------------------------------

check_err 'calendar 1983: refused (64)' 64 "rs-due: 1983: $BEFORE" 'rs-due calendar 1983'
check_err 'calendar 1500' 64 "rs-due: 1500: $BEFORE" 'rs-due calendar 1500'
check_err 'calendar 1983 1985: the first year' 64 "rs-due: 1983: $BEFORE" \
    'rs-due calendar 1983 1985'
check_out 'calendar 1984: Reyes already on Monday 9 January' \
    'rs-due calendar 1984 | sed -n 2,3p' <<'EOF'
1984-01-01,domingo,festivo,Año Nuevo
1984-01-09,lunes,festivo,Reyes Magos
EOF
check_err 'add 1983-12-31: refused (65)' 65 "rs-due: 1983-12-31T10:00: $BEFORE" \
    'rs-due add 1983-12-31T10:00 peticion'
check_err 'add: the date in Bogotá decides (1984-01-01T03:00Z is 31 Dec)' 65 \
    "rs-due: 1984-01-01T03:00Z: $BEFORE" 'rs-due add 1984-01-01T03:00Z 15'
# Mon 2 Jan 1984: 3-6, 10-13, 16-20, 23, 24.
check_out 'add 1984-01-02: counted' 'rs-due add 1984-01-02T10:00 peticion' <<'EOF'
received_at,effective_on,term_days,due_on
1984-01-02T10:00:00-05:00,1984-01-02,15,1984-01-24
EOF
printf 'received_at,type\n1984-01-02T10:00,peticion\n1983-12-30T10:00,peticion\n2024-07-02T09:00,peticion\n' >old.csv
check_err 'rs-due -f: a row of 1983 stops the filter (65)' 65 \
    "rs-due: old.csv:3: received_at: $BEFORE; got \"1983-12-30T10:00\"" \
    'rs-due -f -n 2024-08-30 old.csv >f.out'
check_out '... the rows before it already written' 'cut -d, -f1-4 f.out' <<'EOF'
received_at,type,effective_on,due_on
1984-01-02T10:00,peticion,1984-01-02,1984-01-24
EOF
printf 'received_at,type,held_on\n2024-07-02T09:00,peticion,1983-07-02\n' >held.csv
check_err 'rs-due -f: any date of the row' 65 \
    "rs-due: held.csv:2: held_on: $BEFORE; got \"1983-07-02\"" \
    'rs-due -f -n 2024-08-30 held.csv >/dev/null'
printf '2024-12-24 Nochebuena\n1983-12-24 Nochebuena\n' >cierres.txt
check_err 'rs-due -f -C: a closure of 1983' 65 \
    "rs-due: cierres.txt:2: $BEFORE; got \"1983-12-24\"" \
    'rs-due -f -C cierres.txt filter.csv'
# from 2024 the calendar's bound lies past the window of received_days
check 'received_days 36500: the window reaches back before 1984' \
    'rs-admin config received_days 36500'
for t in requests closures mail_seen; do
	sql "select * from $t order by 1"
done >before.rows
check_err 'rs-intake --received-at 1983-12-31: refused (65)' 65 \
    "rs-intake: received_at: $BEFORE; got \"1983-12-31T10:00\"" \
    "$I -c web -t peticion -N Ana -e ana@x.co -s Vieja --received-at 1983-12-31T10:00"
check_err 'rs-intake -n 1983: the present is received_at' 65 \
    "rs-intake: received_at: $BEFORE; got \"1983-06-01T10:00:00-05:00\"" \
    'rs-intake -n 1983-06-01T10:00 -c web -t peticion -N Ana -e ana@x.co -s Vieja'
printf 'received_at,channel,type,name,email,subject\n1984-01-02 09:00,web,peticion,Ana,ana@x.co,Una\n1983-12-30 09:00,web,peticion,Bea,bea@x.co,Dos\n' >old-intake.csv
check_err 'rs-intake FILE: file:line, nothing registered' 65 \
    "rs-intake: old-intake.csv:3: received_at: $BEFORE; got \"1983-12-30 09:00\"" \
    "$I old-intake.csv"
cat >old.eml <<'EOF'
From: Ana <ana@example.co>
To: pqrsd@example.gov.co
Subject: Una carta vieja
Date: Fri, 30 Dec 1983 10:00:00 -0500
Message-ID: <vieja-1@example.co>

Texto.
EOF
check_err 'rs-intake -m: a message of 1983' 65 \
    "rs-intake: stdin: Date: $BEFORE; got \"1983-12-30T10:00:00-05:00\"" \
    "$I -m <old.eml"
check_err 'rs-admin closures add 1983-12-24: refused (65)' 65 \
    "rs-admin: 1983-12-24: $BEFORE" \
    "rs-admin -n 1983-12-01T08:00 closures add 1983-12-24 'Cierre de la entidad'"
check 'none of them wrote anything' \
    'for t in requests closures mail_seen; do
	./sql "select * from $t order by 1"
     done >b && cmp -s before.rows b'
printf 'id,received_at,type\nY1,1983-12-30T10:00,peticion\n' >old-report.csv
check_err 'rs-report -f: a row of 1983' 65 \
    "rs-report: old-report.csv:2: received_at: $BEFORE; got \"1983-12-30T10:00\"" \
    'rs-report -f -n 2024-08-30 --from 2024-01-01 --to 2024-08-30 pqrsd old-report.csv'

done_testing
