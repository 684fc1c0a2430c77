#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Times the record can be trusted with: every event keeps the time it
# was written (the clock, RS_CLOCK here) beside the time it claims (-n).
# A step cannot claim a time before the request was received, before its
# last event, or in the future, nor an intake or a notice in the future; one further from the clock than the
# setting clock_bound (60 minutes) needs a reason (-r), and is listed by
# rs-admin check and by the daily report.
plan 28

R=RS-2026-000001
check 'an office' 'rs-admin init'
check 'a request received Fri 4 Dec 2026 at 09:00, written at 09:05' \
    "RS_CLOCK=2026-12-04T09:05 rs-intake -n 2026-12-04T09:00 -c web \
        -t peticion -N Ana -e ana@x.co -s 'Un trámite' >/dev/null"
check_sql '... both times kept' \
    "select at, written_at, coalesce(time_reason, '-') from events" \
    "2026-12-04T09:00:00-05:00|2026-12-04T09:05:00-05:00|-"

check_err 'a step dated a month before the receipt is refused' 65 \
    "rs-queue: $R: -n 2026-11-03: a step cannot come before the request was received (2026-12-04T09:00:00-05:00)" \
    "RS_CLOCK=2026-12-04T10:00 rs-queue -n 2026-11-03 note -m x $R"
check_err '... also with a reason' 65 \
    "rs-queue: $R: -n 2026-12-04T08:00:00-05:00: a step cannot come before the request was received (2026-12-04T09:00:00-05:00)" \
    "RS_CLOCK=2026-12-04T10:00 rs-queue -n 2026-12-04T08:00 -r 'lo olvidé' note -m x $R"
check_err 'a step dated after the clock is refused' 65 \
    "rs-queue: $R: -n 2026-12-04T11:00:00-05:00: a step cannot be dated in the future (the clock says 2026-12-04T10:00:00-05:00)" \
    "RS_CLOCK=2026-12-04T10:00 rs-queue -n 2026-12-04T11:00 note -m x $R"
check_err 'two hours back, without a reason, is refused' 65 \
    "rs-queue: $R: -n 2026-12-04T10:00:00-05:00: 120 minutes before the clock (2026-12-04T12:00:00-05:00), more than the setting clock_bound allows (60); say why with -r" \
    "RS_CLOCK=2026-12-04T12:00 rs-queue -n 2026-12-04T10:00 note -m x $R"
check_err 'an intake dated after the clock is refused' 65 \
    "rs-intake: -n 2026-12-05T09:00:00-05:00: a step cannot be dated in the future (the clock says 2026-12-04T12:00:00-05:00)" \
    "RS_CLOCK=2026-12-04T12:00 rs-intake -n 2026-12-05T09:00 -c web -t peticion -N Fut -e fut@x.co -s Mañana"
check_err '... and so is a notice' 65 \
    "rs-notify: -n 2026-12-04T12:01:00-05:00: a step cannot be dated in the future (the clock says 2026-12-04T12:00:00-05:00)" \
    "RS_CLOCK=2026-12-04T12:00 rs-notify -n 2026-12-04T12:01 -p acuse $R"
check_sql '... and nothing of them was written' \
    "select (select count(*) from events) || ',' || (select count(*) from requests) || ',' || (select count(*) from notices)" 1,1,0

check 'half an hour back needs no reason' \
    "RS_CLOCK=2026-12-04T10:30 rs-queue -n 2026-12-04T10:00 -r 'sin motivo' assign $R ana >/dev/null"
check_sql '... and keeps none' \
    "select at, written_at, coalesce(time_reason, '-') from events where seq = 2" \
    "2026-12-04T10:00:00-05:00|2026-12-04T10:30:00-05:00|-"
check 'five hours back with a reason is written' \
    "RS_CLOCK=2026-12-04T16:00 rs-queue -n 2026-12-04T11:00 -r 'atendida en ventanilla sin sistema' note -m 'llamó' $R >/dev/null"
check_sql '... with its reason beside both times' \
    "select at, written_at, time_reason from events where seq = 3" \
    "2026-12-04T11:00:00-05:00|2026-12-04T16:00:00-05:00|atendida en ventanilla sin sistema"
check_err 'a step before the last event is refused, reason or not' 65 \
    "rs-queue: $R: -n 2026-12-04T10:45:00-05:00: a step cannot come before the request's last event (3, 2026-12-04T11:00:00-05:00)" \
    "RS_CLOCK=2026-12-04T16:10 rs-queue -n 2026-12-04T10:45 -r 'otra vez' note -m y $R"
check 'a bare date of the day of the last event is the same day' \
    "RS_CLOCK=2026-12-04T16:20 rs-queue -n 2026-12-04 note -m z $R >/dev/null"
check 'without -n a step is dated by the clock' \
    "RS_CLOCK=2026-12-04T16:25 rs-queue note -m w $R >/dev/null"
check_sql '... and written at it' \
    "select at, written_at from events where seq = 5" \
    "2026-12-04T16:25:00-05:00|2026-12-04T16:25:00-05:00"

check 'the bound is a setting: none at all' 'rs-admin config clock_bound 0'
check_err '... then a minute back needs a reason' 65 \
    "rs-queue: $R: -n 2026-12-04T16:29:00-05:00: 1 minutes before the clock (2026-12-04T16:30:00-05:00), more than the setting clock_bound allows (0); say why with -r" \
    "RS_CLOCK=2026-12-04T16:30 rs-queue -n 2026-12-04T16:29 note -m v $R"
check 'a week (10080 minutes) of leeway' 'rs-admin config clock_bound 10080'
check 'a step a day back then needs no reason' \
    "RS_CLOCK=2026-12-05T16:30 rs-queue -n 2026-12-04T16:30 note -m u $R >/dev/null"

check_err 'a reason on two lines is refused' 64 \
    'rs-queue: -r: expected why the step is dated so, in one line of at most 500 bytes' \
    "RS_CLOCK=2026-12-05T16:30 rs-queue -n 2026-12-04T16:30 -r 'una
dos' note -m t $R"
check_err 'a reason with no step is a usage error' 64 \
    "$(rs-queue -h)" \
    "rs-queue -r x list"
check_err 'a clock that is no time is refused' 64 \
    'rs-queue: RS_CLOCK: expected a date and time like 2024-08-13T16:45, or claimed; got "mañana"' \
    "RS_CLOCK=mañana rs-queue note -m s $R"

check_out 'rs-admin check lists the step dated apart, and says ok' \
    'rs-admin check' <<EOF
$checked: $R: event 3 (note) claims 2026-12-04T11:00:00-05:00, written 2026-12-04T16:00:00-05:00: atendida en ventanilla sin sistema
$checked: ok: 1 request, 6 events, the chain is whole
$checked: 1 step dated apart from the clock, with the reason given
EOF
# rs-db(5)'s checker of the chain, run as the page gives it, on a copy of
# the store in a file (rs-admin backup makes one from either store)
sed -n '/^import hashlib, sqlite3, sys/,/^\.Ed/p' "$top/man/rs-db.5" |
    sed -e '$d' -e 's/rs\.db/chain.db/' >chain.py
check_out "rs-db(5)'s checker of the chain agrees, a step dated apart in it" \
    'rs-admin backup chain.db >/dev/null && python3 chain.py' <<'EOF'
chain intact: 6 events
EOF
check_out 'rs-queue show says when a step dated apart was written, and why' \
    "COLUMNS=80 rs-queue -o table show $R | sed -n '/^3 /,/^4 /p'" <<'EOF2'
3  2026-12-04 11:00  tester  nota
   llamó
   Registrado el 2026-12-04 16:00; motivo de la fecha: atendida en ventanilla
   sin sistema
4  2026-12-04 00:00  tester  nota
EOF2
