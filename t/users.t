#!/bin/sh
. "$(dirname "$0")/lib.sh"
# The users catalog (rs-admin(1) users): listed in every format, a user
# added, changed and deactivated, every refusal exact and writing nothing;
# with the catalog in use, rs-queue assign only to its active users and
# rs-queue next from the operator's team; rs-notify recordatorio to each
# assignee and, for what nobody reachable has, to the team's coordinator.
# Without a catalog everything works as before it existed.
#
# Dates, as in notify.t: received Thu 1 Aug 2024, peticion, due Mon 26
# Aug; received Tue 13 Aug, due Wed 4 Sep; received Wed 14 Aug, due Thu
# 5 Sep (Mon 19 Aug is a holiday).  On Mon 2 Sep the first is overdue.
plan 44

SENDER=pqrsd@alcaldia.example.gov.co

# sendmail as rs-notify runs it: -i -f ENVELOPE -- RECIPIENT, the message
# on stdin; each message kept in sent/N.eml, each recipient in rcpt
cat >sendmail <<EOF
#!/bin/sh
for a; do rcpt=\$a; done
n=\$(ls $trash/sent | wc -l)
cat >$trash/sent/\$n.eml
echo "\$rcpt" >>$trash/rcpt
EOF
chmod +x sendmail
RS_SENDMAIL=$trash/sendmail
export RS_SENDMAIL
mkdir sent

# ./body N: the decoded text of message N (quoted-printable, UTF-8)
cat >body <<'EOF'
#!/bin/sh
exec perl -MMIME::QuotedPrint -0777 -ne \
    's/^.*?\n\n//s; print decode_qp($_)' "sent/$1.eml"
EOF
chmod +x body

USERS="select login, name, coalesce(email, '-'), coalesce(team, '-'),
    coordinator, active from users order by login"

check 'an office with three requests' \
    "rs-admin init && rs-admin config sender $SENDER &&
     printf 'received_at,channel,type,topic,name,email,subject\n2024-08-01T10:00,correo,peticion,comisiones,Uno,uno@x.co,Primera\n2024-08-13T10:00,correo,peticion,cuentas_pago,Dos,dos@x.co,Segunda\n2024-08-14T10:00,correo,peticion,otro,Tres,tres@x.co,Tercera\n' |
     rs-intake -n 2024-08-30T11:00 >/dev/null"

# --- an empty catalog: as before it existed ------------------------------------

check_out 'an empty catalog lists its header' 'rs-admin -o csv users' <<'EOF'
login,name,email,team,coordinator,active
EOF
check 'a copy of the office without users' 'rs-admin backup old.db'
check_out 'without a catalog, assign takes any name' \
    'rs-queue -d old.db -n 2024-08-30T12:00 -o csv assign RS-2024-000002 quien' <<'EOF'
id,status,assignee,due_on,hold_limit
RS-2024-000002,asignada,quien,2024-09-04,
EOF
check_out '... and next takes from the whole queue' \
    'rs-queue -d old.db -n 2024-08-30T12:00 -o csv -u ana next' <<'EOF'
id,status,assignee,due_on,hold_limit
RS-2024-000001,asignada,ana,2024-08-26,
EOF

# --- adding and changing users -------------------------------------------------

check 'the coordinator of contabilidad' \
    "rs-admin users set --team contabilidad --coordinator yes \
         --email marta.rojas@x.gov.co mrojas 'Marta Rojas'"
check 'two of its people and one of comisiones, options after the operands' \
    "rs-admin users set ana 'Ana María Ruiz' --team contabilidad --email ana@x.gov.co &&
     rs-admin users set pedro 'Pedro Gómez' --team contabilidad &&
     rs-admin users set juan 'Juan Pérez' --team comisiones"
check 'a field at a time: the e-mail of juan' \
    'rs-admin users set --email juan@x.gov.co juan'
check_out 'the catalog as csv' 'rs-admin -o csv users' <<'EOF'
login,name,email,team,coordinator,active
ana,Ana María Ruiz,ana@x.gov.co,contabilidad,0,1
juan,Juan Pérez,juan@x.gov.co,comisiones,0,1
mrojas,Marta Rojas,marta.rojas@x.gov.co,contabilidad,1,1
pedro,Pedro Gómez,,contabilidad,0,1
EOF
check_out 'as json, the flags as numbers' 'rs-admin users -o json' <<'EOF'
{"login":"ana","name":"Ana María Ruiz","email":"ana@x.gov.co","team":"contabilidad","coordinator":0,"active":1}
{"login":"juan","name":"Juan Pérez","email":"juan@x.gov.co","team":"comisiones","coordinator":0,"active":1}
{"login":"mrojas","name":"Marta Rojas","email":"marta.rojas@x.gov.co","team":"contabilidad","coordinator":1,"active":1}
{"login":"pedro","name":"Pedro Gómez","email":"","team":"contabilidad","coordinator":0,"active":1}
EOF
check 'pedro leaves' 'rs-admin users deactivate pedro'
check_out 'as a table, in Spanish, the active users' 'rs-admin -o table users' <<'EOF'
Usuario  Nombre          Correo                Equipo        Coordina  Activo
ana      Ana María Ruiz  ana@x.gov.co          contabilidad        no      sí
juan     Juan Pérez      juan@x.gov.co         comisiones          no      sí
mrojas   Marta Rojas     marta.rojas@x.gov.co  contabilidad        sí      sí
EOF
check_out 'with -a, the inactive too (tsv)' 'rs-admin -a -o tsv users | tail -1' <<'EOF'
pedro	Pedro Gómez		contabilidad	0	0
EOF

# --- refusals: exact, and nothing written --------------------------------------

check_err 'a login in capitals' 65 \
    "rs-admin: Zoe: login: expected a lower-case letter, then up to 31 of a-z, 0-9, '.', '_' and '-'; got \"Zoe\"" \
    "rs-admin users set Zoe 'Zoe Díaz'"
check_err 'a new user without a name' 65 \
    'rs-admin: zoe: name: required for a new user' \
    'rs-admin users set zoe --team comisiones'
check_err 'an empty name' 65 \
    'rs-admin: ana: name: expected 1 to 200 characters of text' \
    "rs-admin users set ana ''"
check_err 'a bad e-mail' 65 \
    'rs-admin: ana: email: not a valid address: "ana@x" (address domain has no dot)' \
    'rs-admin users set --email ana@x ana'
check_err 'a team no topic names' 65 \
    'rs-admin: ana: team: expected a team of the topics catalog, one of comisiones, contabilidad; got "juridica"' \
    'rs-admin users set --team juridica ana'
check_err 'a coordinator without a team' 65 \
    'rs-admin: zoe: coordinator: a coordinator needs a team (--team)' \
    "rs-admin users set --coordinator yes zoe 'Zoe Díaz'"
check_err 'taking the team of a coordinator away' 65 \
    'rs-admin: mrojas: coordinator: a coordinator needs a team (--team)' \
    "rs-admin users set --team '' mrojas"
check_err '--coordinator takes yes or no' 64 \
    'rs-admin: --coordinator: expected yes or no; got "si"' \
    'rs-admin users set --coordinator si ana'
check_err 'deactivating someone unknown' 65 \
    'rs-admin: zoe: no such user' \
    'rs-admin users deactivate zoe'
check_err 'an unknown users command' 64 \
    "rs-admin: users drop: unknown command
$(rs-admin -h)" \
    'rs-admin users drop zoe'
check_err '--email with another command' 64 "$(rs-admin -h)" \
    'rs-admin --email a@x.co topics'
check_sql '... and none of them wrote anything' "$USERS" \
'ana|Ana María Ruiz|ana@x.gov.co|contabilidad|0|1
juan|Juan Pérez|juan@x.gov.co|comisiones|0|1
mrojas|Marta Rojas|marta.rojas@x.gov.co|contabilidad|1|1
pedro|Pedro Gómez|-|contabilidad|0|0'

# --- the queue ----------------------------------------------------------------

check_out 'next without -t: from the operator'"'"'s team (not the older comisiones one)' \
    'rs-queue -n 2024-08-30T12:00 -o csv -u ana next' <<'EOF'
id,status,assignee,due_on,hold_limit
RS-2024-000002,asignada,ana,2024-09-04,
EOF
check_err 'assign to a login not in the catalog' 65 \
    'rs-queue: RS-2024-000001: cannot assign: zoe: not in the users catalog (rs-admin users)' \
    'rs-queue -n 2024-08-30T12:00 assign RS-2024-000001 zoe'
check_err 'assign to an inactive user' 65 \
    'rs-queue: RS-2024-000001: cannot assign: pedro: inactive in the users catalog (rs-admin users -a)' \
    'rs-queue -n 2024-08-30T12:00 assign RS-2024-000001 pedro'
check_sql '... nothing written: still radicada, no event' \
    "select status || '|' || coalesce(assignee, '-') || '|' ||
         (select count(*) from events e where e.request = r.seq)
     from requests r where id = 'RS-2024-000001'" \
    'radicada|-|1'
check_out 'assign to an active user' \
    'rs-queue -n 2024-08-30T12:00 -o csv assign RS-2024-000001 juan' <<'EOF'
id,status,assignee,due_on,hold_limit
RS-2024-000001,asignada,juan,2024-08-26,
EOF
check_out 'next -t keeps working: the team asked for' \
    'rs-queue -n 2024-08-30T12:00 -o csv -u juan next -t contabilidad && rs-queue -n 2024-08-30T12:00 -u juan release RS-2024-000003 >/dev/null' <<'EOF'
id,status,assignee,due_on,hold_limit
RS-2024-000003,asignada,juan,2024-09-05,
EOF
check 'next for an operator whose team has nothing left: exit 1, nothing out' \
    'rs-queue -n 2024-08-30T12:00 -o csv -u juan next >none; test $? -eq 1 && test ! -s none'

# --- the reminders --------------------------------------------------------------

check 'recordatorio without --to: to each person' \
    'rs-notify -s -n 2024-09-02T07:00 recordatorio RS-2024-000001 RS-2024-000002 RS-2024-000003'
check_out '... one message to each: assignees, then the coordinator' 'cat rcpt' <<'EOF'
juan@x.gov.co
ana@x.gov.co
marta.rojas@x.gov.co
EOF
check_out '... addressed by name' 'grep -h "^To:" sent/0.eml sent/2.eml' <<'EOF'
To: Juan =?UTF-8?b?UMOpcmV6?= <juan@x.gov.co>
To: Marta Rojas <marta.rojas@x.gov.co>
EOF
check_out 'the assignee is greeted by name and hears of their own request' \
    "./body 0 | sed -n '1p; /^- /p'" <<'EOF'
Juan Pérez:
- RS-2024-000001, vence el lunes 26 de agosto de 2024: Primera (Juan Pérez)
EOF
check_out 'the other assignee, of theirs' "./body 1 | sed -n '1p; /^- /p'" <<'EOF'
Ana María Ruiz:
- RS-2024-000002, vence el miércoles 4 de septiembre de 2024: Segunda (Ana María Ruiz)
EOF
check_out 'the coordinator hears of the unassigned one, as coordinator' \
    "./body 2 | sed -n '1p; /^Como/,/^\$/p; /^- /p'" <<'EOF'
Marta Rojas:
Como coordinador(a) del equipo contabilidad, recibe también las
solicitudes del equipo que no tienen a cargo a alguien que pueda
recibir este recordatorio. Le pedimos asignarlas sin demora para que
se respondan dentro del plazo legal.

- RS-2024-000003, vence el jueves 5 de septiembre de 2024: Tercera (sin asignar)
EOF
check 'an assignee the catalog cannot reach (juan inactive)' \
    'rm -f sent/* rcpt && rs-admin users deactivate juan 2>warn'
check_out '... deactivating says what is still in hand' 'cat warn' <<'EOF'
rs-admin: juan: still has 1 open request (rs-queue list -a, rs-queue assign)
EOF
check_err '... and a team without a coordinator: the rest sent, that one named' 65 \
    'rs-notify: RS-2024-000001: no one to remind: no active assignee or coordinator of team comisiones with an e-mail (rs-admin users), and no --to' \
    'rs-notify -s -n 2024-09-02T07:00 recordatorio RS-2024-000001 RS-2024-000002'
check_out '... ana got hers' 'cat rcpt' <<'EOF'
ana@x.gov.co
EOF
check '--to takes what no one in the catalog can be reminded of' \
    'rm -f sent/* rcpt &&
     rs-notify -s -n 2024-09-02T07:00 --to oficina@x.gov.co recordatorio RS-2024-000001 RS-2024-000002'
check_out '... to the office, greeted by the address' \
    "cat rcpt && ./body 0 | sed -n '1p; /^- /p'" <<'EOF'
oficina@x.gov.co
ana@x.gov.co
oficina@x.gov.co:
- RS-2024-000001, vence el lunes 26 de agosto de 2024: Primera (Juan Pérez)
EOF
