#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Refused steps (DESIGN §2: "refused transitions name the current
# status"; §5 rules 5-7; §6 exit status): each one exits 65 (bad data) or
# 64 (usage) with its exact message, and writes nothing: every row, the
# number of events and the chain's head are as before.
plan 122

USAGE=$(rs-queue -h)
R1=RS-2024-000001 R2=RS-2024-000002 R3=RS-2024-000003 R4=RS-2024-000004
R5=RS-2024-000005 R6=RS-2024-000006 R7=RS-2024-000007 R8=RS-2024-000008
R9=RS-2024-000009 R10=RS-2024-000010

snapshot() {
	sql "select * from requests order by seq;
	    select count(*), max(seq) from events;
	    select events, hex(head) from chain"
}
# refused DESC STATUS STDERR CMD: check_err, then that nothing changed
refused() {
	snapshot >snap.before
	check_err "$@"
	snapshot >snap.after
	ok '... nothing written' cmp -s snap.before snap.after
}
# the status and assignee of a request
row() {
	printf "select status, coalesce(assignee, ''), coalesce(due_on, ''),
	    coalesce(hold_limit, '') from requests where id = '%s'" "$1"
}

check 'rs-admin init' 'rs-admin init && rs-admin config sender atencion@oficina.gov.co'
# Tue 2 Jul 2024, effective that day.  peticion (15): 3-5 (3), 8-12 (8),
# 15-19 (13), 22, 23 (15): due Tue 23 Jul.  The 10th business day (the
# last for a requirement, art. 17): Tue 16 Jul.  Twice the term (30):
# ... 23 (15), 24-26 (18), 29-31 (21), 1, 2 Aug (23), 5, 6 (25), 8, 9
# (27; Wed 7 Aug is a holiday), 12-14 (30): Wed 14 Aug.
cat >in.csv <<'EOF'
received_at,channel,type,name,email,subject
2024-07-02T08:00,web,peticion,Ana,ana@x.co,Uno
2024-07-02T08:01,web,peticion,Bea,bea@x.co,Dos
2024-07-02T08:02,web,peticion,Carla,carla@x.co,Tres
2024-07-02T08:03,web,peticion,Dora,dora@x.co,Cuatro
2024-07-02T08:04,web,sugerencia,Eli,eli@x.co,Cinco
2024-07-02T08:05,web,peticion,Fabio,fabio@x.co,Seis
2024-07-02T08:06,web,peticion,Gil,gil@x.co,Siete
2024-07-02T08:07,web,peticion,Hugo,hugo@x.co,Ocho
2024-07-02T08:08,web,felicitacion,Ines,ines@x.co,Nueve
2024-07-02T08:09,web,peticion,Juan,juan@x.co,Diez
EOF
check 'ten requests' 'rs-intake -n 2024-07-02T08:30 -u recepcion in.csv'
check 'R1 taken, answered and closed: cerrada' "
    rs-queue -n 2024-07-02T09:00 -u ana take $R1 &&
    rs-queue -n 2024-07-03T09:00 -u ana answer --outcome favorable -m Listo. $R1 &&
    rs-queue -n 2024-07-04T09:00 -u ana close $R1"
check 'R2 taken: asignada' "rs-queue -n 2024-07-02T09:00 -u ana take $R2"
check 'R4 held: en_espera, its requirement printed and handed over' "
    rs-queue -n 2024-07-03T09:00 -u ana hold -m 'la firma' $R4 &&
    rs-notify -n 2024-07-03T09:05 -u ana -p requerimiento $R4 >/dev/null"
check 'R5 voided: anulada' "rs-queue -n 2024-07-02T09:00 -u ana void -m 'por error' $R5"
check_sql 'the statuses' "select id, status from requests where seq <= 5 order by seq" \
    "$R1|cerrada
$R2|asignada
$R3|radicada
$R4|en_espera
$R5|anulada"

# --- steps not allowed from the current status ------------------------------------

refused 'answer a cerrada request' 65 \
    "rs-queue: $R1: cannot answer: status is cerrada" \
    "rs-queue -n 2024-07-05T09:00 -u ana answer --outcome favorable -m Otra. $R1"
refused 'take an asignada one' 65 \
    "rs-queue: $R2: cannot take: status is asignada" \
    "rs-queue -n 2024-07-05T09:00 -u beto take $R2"
refused 'release a radicada one' 65 \
    "rs-queue: $R3: cannot release: status is radicada" \
    "rs-queue -n 2024-07-05T09:00 -u ana release $R3"
refused 'resume a radicada one' 65 \
    "rs-queue: $R3: cannot resume: status is radicada" \
    "rs-queue -n 2024-07-05T09:00 -u ana resume $R3"
refused 'hold an en_espera one' 65 \
    "rs-queue: $R4: cannot hold: status is en_espera" \
    "rs-queue -n 2024-07-05T09:00 -u ana hold -m otra $R4"
refused 'extend a held one: the clock is stopped' 65 \
    "rs-queue: $R4: cannot extend: status is en_espera" \
    "rs-queue -n 2024-07-05T09:00 -u ana extend --days 2 -m razones $R4"
refused 'answer a held one' 65 \
    "rs-queue: $R4: cannot answer: status is en_espera" \
    "rs-queue -n 2024-07-05T09:00 -u ana answer --outcome favorable -m Listo. $R4"
refused 'close a radicada one without --withdrawn' 65 \
    "rs-queue: $R3: cannot close: status is radicada (when the requester withdraws it: --withdrawn)" \
    "rs-queue -n 2024-07-05T09:00 -u ana close $R3"
refused 'close a held one before its month: the limit named' 65 \
    "rs-queue: $R4: cannot close: the requester has until 2024-08-05 to answer the requirement (Ley 1755 art. 17)" \
    "rs-queue -n 2024-07-05T09:00 -u ana close $R4"
refused 'reopen a radicada one' 65 \
    "rs-queue: $R3: cannot reopen: status is radicada" \
    "rs-queue -n 2024-07-05T09:00 -u ana reopen -m otra $R3"
refused 'void an anulada one' 65 \
    "rs-queue: $R5: cannot void: status is anulada" \
    "rs-queue -n 2024-07-05T09:00 -u ana void -m otra $R5"
refused 'rate a radicada one' 65 \
    "rs-queue: $R3: cannot rate: status is radicada" \
    "rs-queue -n 2024-07-05T09:00 -u ana rate $R3 4"
refused 'forward an anulada one' 65 \
    "rs-queue: $R5: cannot forward: status is anulada" \
    "rs-queue -n 2024-07-05T09:00 -u ana forward --to Alcaldía $R5"
refused 'take a cerrada one' 65 \
    "rs-queue: $R1: cannot take: status is cerrada" \
    "rs-queue -n 2024-07-05T09:00 -u ana take $R1"

# --- what a step needs -----------------------------------------------------------------

refused 'rate 6' 65 "rs-queue: $R1: rating: expected 1 to 5; got \"6\"" \
    "rs-queue -n 2024-07-05T09:00 -u ana rate $R1 6"
refused 'rate 0' 65 "rs-queue: $R1: rating: expected 1 to 5; got \"0\"" \
    "rs-queue -n 2024-07-05T09:00 -u ana rate $R1 0"
refused 'rate 10' 65 "rs-queue: $R1: rating: expected 1 to 5; got \"10\"" \
    "rs-queue -n 2024-07-05T09:00 -u ana rate $R1 10"
refused 'hold without saying what is missing' 65 \
    "rs-queue: $R3: hold: say what is missing (-m)" \
    "rs-queue -n 2024-07-05T09:00 -u ana hold $R3"
refused 'void without a reason' 65 \
    "rs-queue: $R3: void: the reason is required (-m)" \
    "rs-queue -n 2024-07-05T09:00 -u ana void $R3"
refused 'reopen without a reason' 65 \
    "rs-queue: $R1: reopen: the reason is required (-m)" \
    "rs-queue -n 2024-07-05T09:00 -u ana reopen $R1"
refused 'note without a text' 65 \
    "rs-queue: $R3: note: the text is required (-m)" \
    "rs-queue -n 2024-07-05T09:00 -u ana note -m '' $R3"
refused 'forward without the authority' 65 \
    "rs-queue: $R3: forward: name the authority (--to)" \
    "rs-queue -n 2024-07-05T09:00 -u ana forward -m traslado $R3"
refused 'assign to an empty name' 65 \
    "rs-queue: $R3: assign: expected the name of who takes it" \
    "rs-queue -n 2024-07-05T09:00 -u ana assign $R3 ''"

# --- the requirement within 10 business days (art. 17) ------------------------------

R6ROW="$(row $R6)"
refused 'hold on the 11th business day (Wed 17 Jul): the last day named' 65 \
    "rs-queue: $R6: cannot hold: a requirement must be made within 10 business days of the effective day (by 2024-07-16; Ley 1755 art. 17); --late records it as a late requirement, which stops no clock" \
    "rs-queue -n 2024-07-17T09:00 -u ana hold -m 'la firma' $R6"
check_err '... with --late: allowed, a warning, exit 0' 0 \
    "rs-queue: $R6: the requirement is late (Ley 1755 art. 17): recorded and notified, and the clock keeps running" \
    "rs-queue -n 2024-07-17T09:00 -u ana hold --late -m 'la firma' $R6"
check_sql '... it stops no clock: still radicada, due Tue 23 Jul, no limit' \
    "$R6ROW" 'radicada||2024-07-23|'
check_sql '... recorded late, stopping nothing' \
    "select kind, json_type(details, '$.late'), json_type(details, '$.stops'),
     json_extract(details, '$.missing')
     from events where seq = (select max(seq) from events)" 'hold|true|false|la firma'
# The month runs from the requirement's notice, not from the step.
check_out 'hold on the 10th business day (Tue 16 Jul): allowed, silently, no limit yet' \
    "rs-queue -n 2024-07-16T17:00 -u ana hold -m 'la firma' $R7" <<EOF
id,status,assignee,due_on,hold_limit
$R7,en_espera,,,
EOF
ok '... no warning' test ! -s err
check_sql '... not late' \
    "select case when json_type(details, '$.late') is null then 1 else 0 end from events
     where seq = (select max(seq) from events)" 1

# --- extension (art. 14 parágrafo) -------------------------------------------------

refused 'extend without -m' 65 \
    "rs-queue: $R8: extend: the reasons are required (-m); Ley 1755 art. 14 parágrafo" \
    "rs-queue -n 2024-07-10T09:00 -u ana extend --days 2 $R8"
refused 'extend without --to or --days' 65 \
    "rs-queue: $R8: extend: give the new date (--to) or the business days to add (--days)" \
    "rs-queue -n 2024-07-10T09:00 -u ana extend -m razones $R8"
refused 'extend past 2N: --to Thu 15 Aug' 65 \
    "rs-queue: $R8: cannot extend: an extension cannot go past 2024-08-14, twice the term (Ley 1755 art. 14 parágrafo)" \
    "rs-queue -n 2024-07-10T09:00 -u ana extend --to 2024-08-15 -m razones $R8"
# 23 Jul + 17 business days: 24-26 (3), 29-31 (6), 1, 2 (8), 5, 6 (10), 8, 9
# (12), 12-15 (16), 16 (17): Fri 16 Aug.
refused 'extend past 2N: --days 17' 65 \
    "rs-queue: $R8: cannot extend: an extension cannot go past 2024-08-14, twice the term (Ley 1755 art. 14 parágrafo)" \
    "rs-queue -n 2024-07-10T09:00 -u ana extend --days 17 -m razones $R8"
refused 'extend to the due date itself' 65 \
    "rs-queue: $R8: cannot extend: the new date must come after the due date 2024-07-23" \
    "rs-queue -n 2024-07-10T09:00 -u ana extend --to 2024-07-23 -m razones $R8"
refused 'extend after the due date passed (Wed 24 Jul)' 65 \
    "rs-queue: $R8: cannot extend: the legal term ran out on 2024-07-23; an extension must be given before it (Ley 1755 art. 14 parágrafo)" \
    "rs-queue -n 2024-07-24T08:00 -u ana extend --to 2024-08-01 -m razones $R8"
refused 'extend a felicitacion: no term' 65 \
    "rs-queue: $R9: cannot extend: this type has no legal term to extend" \
    "rs-queue -n 2024-07-10T09:00 -u ana extend --to 2024-08-01 -m razones $R9"
check_out 'extend on the due date itself to exactly 2N: allowed' \
    "rs-queue -n 2024-07-23T17:00 -u ana extend --to 2024-08-14 -m razones $R8" <<EOF
id,status,assignee,due_on,hold_limit
$R8,radicada,,2024-08-14,
EOF

# --- answers (protocol 5.2) -----------------------------------------------------------

refused 'answer negativa without its three parts' 65 \
    "rs-queue: $R10: answer: a negative answer needs its three parts (protocol 5.2): --why, --will-do, --can-do" \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome negativa -m No. $R10"
refused 'answer negativa with two of them' 65 \
    "rs-queue: $R10: answer: a negative answer needs its three parts (protocol 5.2): --why, --will-do, --can-do" \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome negativa -m No. --why razones --will-do nada $R10"
refused 'answer negativa with an empty part' 65 \
    "rs-queue: $R10: answer: a negative answer needs its three parts (protocol 5.2): --why, --will-do, --can-do" \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome negativa -m No. --why razones --will-do nada --can-do '' $R10"
refused 'answer with an unknown outcome' 65 \
    "rs-queue: $R10: answer: outcome: expected one of favorable, parcial, negativa, informativa" \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome positiva -m Sí. $R10"
refused 'answer without an outcome' 65 \
    "rs-queue: $R10: answer: outcome: expected one of favorable, parcial, negativa, informativa" \
    "rs-queue -n 2024-07-10T09:00 -u ana answer -m Listo. $R10"
refused 'answer without a text' 65 \
    "rs-queue: $R10: answer: the text of the answer is required (-m or -F)" \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome favorable $R10"
refused 'answer -F of a missing file' 66 \
    'rs-queue: nowhere.txt: No such file or directory' \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome favorable -F nowhere.txt $R10"
check 'R10 answered: respondida' \
    "rs-queue -n 2024-07-10T09:00 -u ana answer --outcome favorable -m Listo. $R10"
refused 'close a respondida one as withdrawn' 65 \
    "rs-queue: $R10: cannot close as withdrawn: status is respondida" \
    "rs-queue -n 2024-07-11T09:00 -u ana close --withdrawn $R10"

# --- unknown requests ----------------------------------------------------------------------

refused 'take an unknown id' 65 'rs-queue: RS-2024-999999: no such request' \
    'rs-queue -n 2024-07-05T09:00 -u ana take RS-2024-999999'
refused 'hold an unknown id' 65 'rs-queue: RS-2024-999999: no such request' \
    "rs-queue -n 2024-07-05T09:00 -u ana hold -m 'la firma' RS-2024-999999"
refused 'rate an unknown id' 65 'rs-queue: RS-2024-999999: no such request' \
    'rs-queue -n 2024-07-05T09:00 -u ana rate RS-2024-999999 5'

# --- usage errors (64) ------------------------------------------------------------------

refused 'take without an id' 64 "$USAGE" 'rs-queue -n 2024-07-05T09:00 -u ana take'
refused 'take with two ids' 64 "$USAGE" \
    "rs-queue -n 2024-07-05T09:00 -u ana take $R3 $R2"
refused 'take --late: an option take does not take' 64 "$USAGE" \
    "rs-queue -n 2024-07-05T09:00 -u ana take --late $R3"
refused 'hold --withdrawn' 64 "$USAGE" \
    "rs-queue -n 2024-07-05T09:00 -u ana hold --withdrawn -m x $R3"
refused 'assign without the user' 64 "$USAGE" \
    "rs-queue -n 2024-07-05T09:00 -u ana assign $R3"
refused 'rate without the rating' 64 "$USAGE" \
    "rs-queue -n 2024-07-05T09:00 -u ana rate $R1"
refused 'extend --days abc' 64 \
    'rs-queue: --days: expected a number of business days; got "abc"' \
    "rs-queue -n 2024-07-05T09:00 -u ana extend --days abc -m x $R3"
refused 'extend --to 2024-13-01' 64 \
    'rs-queue: --to: expected a date like 2024-08-13; got "2024-13-01"' \
    "rs-queue -n 2024-07-05T09:00 -u ana extend --to 2024-13-01 -m x $R3"
refused 'a step with a bad -n' 64 \
    'rs-queue: -n: expected a date like 2024-08-13 or a date and time like 2024-08-13T16:45; got "ayer"' \
    "rs-queue -n ayer -u ana take $R3"

# --- next with nothing to take: exit 1, no output --------------------------------------

check 'an empty store' 'rs-admin -d empty.db init'
ok 'next on an empty queue: exit 1, nothing on stdout or stderr' sh -c \
    'rs-queue -d empty.db -n 2024-07-05T09:00 -u ana next >next.out 2>next.err
     test $? -eq 1 && test ! -s next.out && test ! -s next.err'
snapshot >snap.before
ok 'next -t of a team with nothing queued: exit 1, no output' sh -c \
    'rs-queue -n 2024-07-05T09:00 -u ana next -t nadie >next.out 2>next.err
     test $? -eq 1 && test ! -s next.out && test ! -s next.err'
snapshot >snap.after
ok '... nothing written' cmp -s snap.before snap.after

check_out 'rs-admin check: the store is whole after all of it' 'rs-admin check' <<EOF
$checked: ok: 10 requests, 21 events, the chain is whole
EOF

done_testing
