#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-due -f (DESIGN §2, §4, §5): a pure filter over CSV with no database
# at all.  Every date below was counted by hand from Ley 1755 de 2015 and
# the Ley 51 de 1983 holidays (2023: Dec 8, Dec 25; 2024: Jan 1, Jan 8,
# Mar 25, Mar 28, Mar 29, ..., Dec 8, Dec 25; 2025: Jan 1, Jan 6, ...,
# Nov 17, Dec 8, Dec 25), never copied from the program.
plan 51

# No store anywhere: $RS_DB unset and no ./rs.db in this directory.
F='env -u RS_DB rs-due -f'
ADDED=effective_on,due_on,hold_limit,days_left,state
TYPES='peticion, queja, reclamo, sugerencia, denuncia, felicitacion, informacion, consulta, autoridad'
USAGE='usage: rs-due [-aq] [-A user] [-d db] [-n date] [-o format] [-t team] [-w days]
       rs-due [-d db] [-o format] -x id
       rs-due -f [-C file] [-c cutoff] [-n date] [-S] [-w days] [file ...]
       rs-due [-d db] [-o format] calendar year [year]
       rs-due [-x] [-d db] [-o format] add datetime type|days'

# --- columns in, columns out -----------------------------------------------------------

# Today Mon 2024-01-22.
#  1 Tue 2 Jan 07:00 peticion: that day; 15th day Wed 24 (Mon 8 Reyes): 2 left
#  2 Fri 19 Jan 16:00, at the cut-off: Mon 22; 10 days: Mon 5 Feb, 10 left
#  3 Wed 20 Dec 2023 queja: 25 Dec, 1 Jan and 8 Jan off: Mon 15 Jan, 5
#    days late (16, 17, 18, 19, 22)
#  4 Mon 22 Jan 08:00 consulta: 30 days, 4 Mar 2024 (February has 29)
printf '%s\n' 'id,received_at,type,note' \
    '1,2024-01-02T07:00,peticion,uno' \
    '2,2024-01-19T16:00,informacion,"dos, tres"' \
    '3,2023-12-20T10:00,queja,' \
    '4,2024-01-22T08:00,consulta,"dice ""hola""' 'y adiós"' >p.csv
check_out 'every input column passes through; the five are appended' \
    "$F -n 2024-01-22 p.csv" <<EOF
id,received_at,type,note,$ADDED
1,2024-01-02T07:00,peticion,uno,2024-01-02,2024-01-24,,2,por_vencer
2,2024-01-19T16:00,informacion,"dos, tres",2024-01-22,2024-02-05,,10,al_dia
3,2023-12-20T10:00,queja,,2023-12-20,2024-01-15,,-5,vencida
4,2024-01-22T08:00,consulta,"dice ""hola""
y adiós",2024-01-22,2024-03-04,,30,al_dia
EOF
ok '... and no database was created' test ! -e rs.db
check 'its own output fed back gives the same output' \
    "$F -n 2024-01-22 p.csv >once.csv && $F -n 2024-01-22 once.csv >twice.csv &&
     cmp once.csv twice.csv"
printf '%s\n' 'due_on,received_at,hold_limit,state,type,days_left' \
    '1999-01-01,2024-01-02T07:00,2000-01-01,vencida,peticion,99' >stale.csv
check_out 'columns already there are filled in place, stale values replaced' \
    "$F -n 2024-01-22 stale.csv" <<'EOF'
due_on,received_at,hold_limit,state,type,days_left,effective_on
2024-01-24,2024-01-02T07:00,,por_vencer,peticion,2,2024-01-02
EOF
check_out 'RS_DB naming a missing store changes nothing: no database at all' \
    "RS_DB=\$PWD/none.db rs-due -f -n 2024-01-22 p.csv | cmp - once.csv &&
     test ! -e none.db" </dev/null
check_out '-w 0: 2 days left is al_dia' \
    "$F -n 2024-01-22 -w 0 p.csv | sed -n 2p" <<'EOF'
1,2024-01-02T07:00,peticion,uno,2024-01-02,2024-01-24,,2,al_dia
EOF

# --- DESIGN §5 worked examples ---------------------------------------------------------

printf '%s\n' received_at,type 2024-01-02T07:00,peticion \
    2024-12-18T09:00,informacion 2025-12-06T10:00,peticion >worked.csv
check_out 'the three worked examples of DESIGN §5' \
    "$F -n 2024-01-02 worked.csv | cut -d, -f1-4" <<'EOF'
received_at,type,effective_on,due_on
2024-01-02T07:00,peticion,2024-01-02,2024-01-24
2024-12-18T09:00,informacion,2024-12-18,2025-01-03
2025-12-06T10:00,peticion,2025-12-09,2025-12-31
EOF
check_out '... the informacion one, the day before it is due' \
    "$F -n 2025-01-02 worked.csv | sed -n 3p" <<'EOF'
2024-12-18T09:00,informacion,2024-12-18,2025-01-03,,1,por_vencer
EOF

# --- term_days ----------------------------------------------------------------------------

# From Tue 2 Jan 2024: day 15 Wed 24, day 20 Wed 31 Jan, day 30 Wed 14 Feb;
# informacion's 10 days: Wed 17 Jan.
printf '%s\n' received_at,term_days 2024-01-02T07:00,20 \
    2024-01-02T07:00,30 2024-01-02T07:00,0 >term.csv
check_out 'term_days instead of type (0: no term)' \
    "$F -n 2024-01-31 term.csv" <<EOF
received_at,term_days,$ADDED
2024-01-02T07:00,20,2024-01-02,2024-01-31,,0,vence_hoy
2024-01-02T07:00,30,2024-01-02,2024-02-14,,10,al_dia
2024-01-02T07:00,0,2024-01-02,,,,al_dia
EOF
printf '%s\n' received_at,type,term_days 2024-01-02T07:00,informacion,20 \
    2024-01-02T07:00,informacion, >both.csv
check_out 'term_days wins over type; empty, the type decides' \
    "$F -n 2024-01-31 both.csv | cut -d, -f1-5" <<'EOF'
received_at,type,term_days,effective_on,due_on
2024-01-02T07:00,informacion,20,2024-01-02,2024-01-31
2024-01-02T07:00,informacion,,2024-01-02,2024-01-17
EOF
printf '%s\n' received_at,term_days 2024-01-02T07:00,diez >badterm.csv
check_err 'term_days not a number' 65 \
    'rs-due: badterm.csv:2: term_days: expected a number of business days; got "diez"' \
    "$F badterm.csv"

# --- suspension (art. 17) ---------------------------------------------------------------

# Mon 2 Dec 2024 08:00: used 3 days (3, 4, 5 Dec) up to the hold; resumed
# Fri 10 Jan 2025, counting goes on Mon 13 Jan as day 4 ... day 15 Tue 28.
printf '%s\n' received_at,type,held_on,resumed_on \
    2024-12-02T08:00,peticion,2024-12-05,2025-01-10 >resumed.csv
check_out 'held and resumed: the days used stay used, due Tue 2025-01-28' \
    "$F -n 2025-01-20 resumed.csv" <<EOF
received_at,type,held_on,resumed_on,$ADDED
2024-12-02T08:00,peticion,2024-12-05,2025-01-10,2024-12-02,2025-01-28,,6,al_dia
EOF
# The month runs from the day after the requirement:
#   held Wed 15 Jan 2025 -> 16 Feb, a Sunday -> Mon 17 Feb
#   held Thu 30 Jan 2025 -> 31 Feb does not exist -> Fri 28 Feb
#   held Tue 30 Jan 2024 -> Thu 29 Feb 2024 (leap year)
#   held Fri 7 Nov 2025 -> Mon 8 Dec, a holiday -> Tue 9 Dec
printf '%s\n' received_at,type,held_on \
    2025-01-02T09:00,peticion,2025-01-15 \
    2025-01-20T09:00,peticion,2025-01-30 \
    2024-01-22T09:00,peticion,2024-01-30 \
    2025-11-04T09:00,peticion,2025-11-07 >held.csv
check_out 'held, not resumed: no due date, the one-month limit, en_espera' \
    "$F -n 2025-02-17 held.csv" <<EOF
received_at,type,held_on,$ADDED
2025-01-02T09:00,peticion,2025-01-15,2025-01-02,,2025-02-17,,en_espera
2025-01-20T09:00,peticion,2025-01-30,2025-01-20,,2025-02-28,,en_espera
2024-01-22T09:00,peticion,2024-01-30,2024-01-22,,2024-02-29,,desistimiento
2025-11-04T09:00,peticion,2025-11-07,2025-11-04,,2025-12-09,,en_espera
EOF
check_out '... the day after the limit: desistimiento' \
    "$F -n 2025-02-18 held.csv | sed -n 2p" <<'EOF'
2025-01-02T09:00,peticion,2025-01-15,2025-01-02,,2025-02-17,,desistimiento
EOF
# The month runs from the requirement's notice (art. 17), when the file
# says when it went out; an empty hold_notified_on is a notice owed.
#   held Wed 15 Jan 2025, notified Mon 20 Jan -> Fri 21 Feb
printf '%s\n' received_at,type,held_on,hold_notified_on \
    2025-01-02T09:00,peticion,2025-01-15,2025-01-20 \
    2025-01-02T09:00,peticion,2025-01-15, >notified.csv
check_out 'art. 17: the month from hold_notified_on; none while it is owed' \
    "$F -n 2025-02-18 notified.csv" <<EOF
received_at,type,held_on,hold_notified_on,$ADDED
2025-01-02T09:00,peticion,2025-01-15,2025-01-20,2025-01-02,,2025-02-21,,en_espera
2025-01-02T09:00,peticion,2025-01-15,,2025-01-02,,,,requerimiento_no_notificado
EOF
# The rule rs-queue hold keeps: a requirement after the 10 business days
# (Thu 18 Jul 2024, from Tue 2 Jul; the 10th is Tue 16) or after the due
# date stops no clock: due Tue 23 Jul as if none were made.
printf '%s\n' received_at,type,held_on,resumed_on \
    2024-07-02T09:00,peticion,2024-07-18, \
    2024-07-02T09:00,peticion,2024-07-24,2024-07-30 \
    2024-07-02T09:00,peticion,2024-07-16,2024-07-18 \
    2024-07-02T09:00,felicitacion,2024-07-18, >late.csv
check_out 'art. 17: a late requirement stops nothing, whatever the type; one within the 10 days does' \
    "$F -n 2024-07-22 late.csv" <<EOF
received_at,type,held_on,resumed_on,$ADDED
2024-07-02T09:00,peticion,2024-07-18,,2024-07-02,2024-07-23,,1,por_vencer
2024-07-02T09:00,peticion,2024-07-24,2024-07-30,2024-07-02,2024-07-23,,1,por_vencer
2024-07-02T09:00,peticion,2024-07-16,2024-07-18,2024-07-02,2024-07-25,,3,por_vencer
2024-07-02T09:00,felicitacion,2024-07-18,,2024-07-02,,,,al_dia
EOF
printf '%s\n' received_at,type,held_on,resumed_on \
    2024-01-02T07:00,peticion,,2024-01-05 >noheld.csv
check_err 'resumed_on without held_on' 65 \
    'rs-due: noheld.csv:2: resumed_on: a resume needs its held_on; got "2024-01-05"' \
    "$F noheld.csv"

# --- extension, answers, forwarding -----------------------------------------------------

printf '%s\n' received_at,type,extended_to \
    2024-01-02T07:00,peticion,2024-02-14 >ext.csv
check_out 'extended_to is the new due date' "$F -n 2024-01-31 ext.csv" <<EOF
received_at,type,extended_to,$ADDED
2024-01-02T07:00,peticion,2024-02-14,2024-01-02,2024-02-14,,10,al_dia
EOF
# Due Wed 24 Jan 2024, by the end of that day.  04:30Z on the 25th is
# 23:30 on the 24th in Bogotá.
printf '%s\n' received_at,type,answered_on \
    2024-01-02T07:00,peticion,2024-01-24 \
    2024-01-02T07:00,peticion,2024-01-25 \
    2024-01-02T07:00,peticion,2024-01-25T04:30:00Z \
    2024-01-02T07:00,felicitacion,2024-01-25 >answered.csv
check_out 'answered_on: a_tiempo up to the due day, then extemporanea' \
    "$F -n 2024-01-31 answered.csv | cut -d, -f1-5,8" <<'EOF'
received_at,type,answered_on,effective_on,due_on,state
2024-01-02T07:00,peticion,2024-01-24,2024-01-02,2024-01-24,a_tiempo
2024-01-02T07:00,peticion,2024-01-25,2024-01-02,2024-01-24,extemporanea
2024-01-02T07:00,peticion,2024-01-25T04:30:00Z,2024-01-02,2024-01-24,a_tiempo
2024-01-02T07:00,felicitacion,2024-01-25,2024-01-02,,a_tiempo
EOF
printf '%s\n' id,received_at,type,status \
    1,2024-01-02T07:00,peticion,trasladada \
    2,2024-01-02T07:00,peticion,desistida \
    3,2024-01-02T07:00,peticion,anulada \
    4,2024-01-02T07:00,peticion,radicada >status.csv
check_out 'trasladada, desistida, anulada: dates, but nothing owed (empty state)' \
    "$F -n 2024-01-22 status.csv" <<EOF
id,received_at,type,status,$ADDED
1,2024-01-02T07:00,peticion,trasladada,2024-01-02,2024-01-24,,,
2,2024-01-02T07:00,peticion,desistida,2024-01-02,2024-01-24,,,
3,2024-01-02T07:00,peticion,anulada,2024-01-02,2024-01-24,,,
4,2024-01-02T07:00,peticion,radicada,2024-01-02,2024-01-24,,2,por_vencer
EOF

# --- the calendar: -C, -S, -c --------------------------------------------------------------

printf '%s\n' '# cierres de la oficina' '2024-12-24 Nochebuena' '' \
    '2024-12-31,Fin de año' >closures.txt
printf '%s\n' '2024-12-24 Nochebuena' >nochebuena.txt
printf '%s\n' received_at,type 2024-12-18T09:00,informacion \
    2024-12-24T09:00,peticion >dec.csv
# informacion Wed 18 Dec: 19, 20, 23, (24 closed), 26, 27, 30, 2 Jan, 3,
# (6 Reyes), 7: Tue 7 Jan.  With 31 Dec closed too: Wed 8 Jan.
# peticion received on Tue 24 Dec, a closure: 25 is Navidad, effective Thu
# 26; 27, 30, (31 closed), 2, 3, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21:
# Tue 21 Jan.
check_out '-C one closure moves the informacion to Tue 2025-01-07' \
    "$F -n 2025-01-07 -C nochebuena.txt dec.csv | sed -n 2p" <<'EOF'
2024-12-18T09:00,informacion,2024-12-18,2025-01-07,,0,vence_hoy
EOF
check_out '-C two closures (comments, blank lines, comma form)' \
    "$F -n 2025-01-07 -C closures.txt dec.csv" <<EOF
received_at,type,$ADDED
2024-12-18T09:00,informacion,2024-12-18,2025-01-08,,1,por_vencer
2024-12-24T09:00,peticion,2024-12-26,2025-01-21,,10,al_dia
EOF
check_out 'without -C: the national calendar alone' \
    "$F -n 2025-01-07 dec.csv | cut -d, -f3-4" <<'EOF'
effective_on,due_on
2024-12-18,2025-01-03
2024-12-24,2025-01-17
EOF
printf '%s\n' '2024-12-24 Nochebuena' 'cierre el 31 de diciembre' >badcl.txt
check_err 'a bad closures line: FILE:LINE' 65 \
    'rs-due: badcl.txt:2: expected a date like 2024-12-24, then an optional reason' \
    "$F -C badcl.txt dec.csv"
printf '%s\n' '2025-02-30 no existe' >badcl2.txt
check_err 'a closure on no such date' 65 \
    'rs-due: badcl2.txt:1: no such date: "2025-02-30"' \
    "$F -C badcl2.txt dec.csv"
check_err 'a missing closures file' 66 \
    'rs-due: nothere.txt: No such file or directory' "$F -C nothere.txt dec.csv"

# Fri 5 Jan 2024 17:00 peticion.  Saturdays counting: effective Sat 6; 8
# Jan is Reyes; 9-13 (5 days), 15-20 (11), 22-25: Thu 25 Jan.  Monday to
# Friday: effective Tue 9, due Tue 30 Jan.
printf '%s\n' received_at,type 2024-01-05T17:00,peticion >fri.csv
check_out '-S: Saturdays are business days' \
    "$F -S fri.csv | cut -d, -f3-4" <<'EOF'
effective_on,due_on
2024-01-06,2024-01-25
EOF
check_out '... without -S' "$F fri.csv | cut -d, -f3-4" <<'EOF'
effective_on,due_on
2024-01-09,2024-01-30
EOF
printf '%s\n' received_at,type 2024-01-02T14:59,peticion \
    2024-01-02T15:30,peticion >cut.csv
check_out '-c 15:00: 15:30 is the next day, due Thu 25 Jan' \
    "$F -c 15:00 cut.csv | cut -d, -f1,3-4" <<'EOF'
received_at,effective_on,due_on
2024-01-02T14:59,2024-01-02,2024-01-24
2024-01-02T15:30,2024-01-03,2024-01-25
EOF
check_out '... the default 16:00: both that day' \
    "$F cut.csv | cut -d, -f1,3-4" <<'EOF'
received_at,effective_on,due_on
2024-01-02T14:59,2024-01-02,2024-01-24
2024-01-02T15:30,2024-01-02,2024-01-24
EOF
check_err '-c 25:00' 64 \
    'rs-due: -c: expected a time of day as HH:MM; got "25:00"' "$F -c 25:00 cut.csv"

# --- bad input: file:line -------------------------------------------------------------------

printf '%s\n' id,received_at,type,note '1,2024-01-02T07:00,peticion,"a' 'b"' \
    2,ayer,peticion,x >bad1.csv
check_err 'a bad received_at, on the line where its row starts' 65 \
    'rs-due: bad1.csv:4: received_at: expected a date and time like 2024-08-13T16:45; got "ayer"' \
    "$F bad1.csv"
printf '%s\n' received_at,type 2024-01-02T07:00,tutela >bad2.csv
check_err 'an unknown type: the types listed' 65 \
    "rs-due: bad2.csv:2: type: expected one of $TYPES; got \"tutela\"" \
    "$F bad2.csv"
printf '%s\n' received_at,type 2024-01-02T07:00, >bad2b.csv
check_err 'an empty type' 65 \
    "rs-due: bad2b.csv:2: type: expected one of $TYPES; got \"\"" \
    "$F bad2b.csv"
printf '%s\n' received_at,type,held_on 2024-01-02T07:00,peticion,2024-01-05 \
    2024-01-02T07:00,peticion,2024-02-30 >bad3.csv
check_err 'a bad held_on' 65 \
    'rs-due: bad3.csv:3: held_on: expected a date like 2024-08-13; got "2024-02-30"' \
    "$F bad3.csv"
printf '%s\n' id,type 1,peticion >bad4.csv
check_err 'no received_at column' 65 \
    'rs-due: bad4.csv:1: missing column "received_at"' "$F bad4.csv"
printf '%s\n' id,received_at 1,2024-01-02T07:00 >bad5.csv
check_err 'neither type nor term_days' 65 \
    'rs-due: bad5.csv:1: missing column "type" or "term_days"' "$F bad5.csv"
: >empty.csv
check_err 'an empty file' 65 \
    'rs-due: empty.csv:1: empty input: no header line' "$F empty.csv"
check_err 'empty stdin' 65 \
    'rs-due: stdin:1: empty input: no header line' "$F </dev/null"
check_err 'a missing input file' 66 \
    'rs-due: nothere.csv: No such file or directory' "$F nothere.csv"
check_out 'a header alone: the header with the five added' \
    "printf 'received_at,type\n' | $F" <<EOF
received_at,type,$ADDED
EOF

# --- several files, stdin, CRLF, BOM ----------------------------------------------------

printf '%s\n' id,received_at,type 1,2024-01-02T07:00,peticion >a.csv
printf '%s\n' id,received_at,type 2,2024-01-19T16:00,informacion >b.csv
check_out 'several files: one header, the rows of each in turn' \
    "$F -n 2024-01-22 a.csv b.csv" <<EOF
id,received_at,type,$ADDED
1,2024-01-02T07:00,peticion,2024-01-02,2024-01-24,,2,por_vencer
2,2024-01-19T16:00,informacion,2024-01-22,2024-02-05,,10,al_dia
EOF
check_out 'stdin as -, between files' \
    "$F -n 2024-01-22 a.csv - <b.csv | cut -d, -f1,5" <<'EOF'
id,due_on
1,2024-01-24
2,2024-02-05
EOF
check_out 'stdin when no file is named' "$F -n 2024-01-22 <b.csv" <<EOF
id,received_at,type,$ADDED
2,2024-01-19T16:00,informacion,2024-01-22,2024-02-05,,10,al_dia
EOF
printf '%s\n' received_at,type,id 2024-12-18T09:00,informacion,2 >c.csv
check_err 'a second file with its columns in another order is refused' 65 \
    "rs-due: c.csv:1: the header differs from the first file's" \
    "$F a.csv c.csv"
printf '%s\n' id,received_at 2,2024-12-18T09:00 >d.csv
check_err 'a second file with other columns is refused' 65 \
    "rs-due: d.csv:1: the header differs from the first file's" \
    "$F a.csv d.csv"
sed 's/$/\r/' worked.csv >crlf.csv
check 'CRLF input: the same output as LF' \
    "$F -n 2024-01-02 crlf.csv >crlf.out && $F -n 2024-01-02 worked.csv >lf.out &&
     cmp crlf.out lf.out"
printf '\357\273\277' | cat - p.csv >bom.csv
check 'a UTF-8 BOM before the header: the same output' \
    "$F -n 2024-01-22 bom.csv >bom.out && cmp bom.out once.csv"

# --- usage ------------------------------------------------------------------------------------

check_err '-f with -d: no database in a filter' 64 "$USAGE" "$F -d x.db p.csv"
check_err '-f with -q' 64 "$USAGE" "$F -q p.csv"
ok 'after all this, still no database' test ! -e rs.db

done_testing
