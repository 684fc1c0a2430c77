#!/bin/bash
# stores.sh [ops]: the two stores side by side.  Intakes and takes per
# second with 1, 2, 4, 8 and 16 processes at once, on a SQLite file (WAL)
# and on an office of a private PostgreSQL cluster (t/pg.sh, with
# PostgreSQL's durable defaults: fsync, synchronous_commit and
# full_page_writes on, as an office runs it), and through PgBouncer
# (session pooling) when it is installed.  Every run checks what it did
# and says so.  Then the cost of one command, run alone, on each store.
#
# ops: the intakes, or the takes, of one run, shared out among its
# processes (default 48, a multiple of 16).  Also read: LEVELS (the
# process counts, "1 2 4 8 16"), REPS (runs of each point, 3; the median
# is given), COST_RUNS (runs of each command alone, 50).

. "$(dirname "$0")/common.sh"

ops=${1:-48}
case $ops in
''|*[!0-9]*|0)
	echo "usage: $prog [ops]" >&2
	exit 64
esac
levels=${LEVELS:-1 2 4 8 16}
reps=${REPS:-3}
cost_runs=${COST_RUNS:-50}
for p in $levels; do
	[ $((ops % p)) -eq 0 ] || die 64 "ops ($ops) is not a multiple of $p"
done
build=${RS_BUILD:-$root}
for c in rs-admin rs-intake rs-queue; do
	[ -x "$build/$c" ] || die 69 "$build/$c: missing (run make first)"
done
command -v sqlite3 >/dev/null || die 69 "sqlite3: not found"
command -v psql >/dev/null ||
    die 69 "psql: not found (scripts/deps.sh installs PostgreSQL)"
build_tools
# the requests to take: enough for every run of every store
take_csv=$(data_file $((reps * ops * $(echo "$levels" | wc -w) + ops))) ||
    exit
small_csv=$(data_file 200) || exit

# EPOCHREALTIME's decimal point, and rs's messages, in one locale
export LC_ALL=C.UTF-8
# a step's time is the one it claims (-n), whatever the day of the run
export RS_CLOCK=claimed
unset RS_DB RS_OFFICE RS_BUSY_TIMEOUT

tmp=$(mktemp -d) || die 73 "cannot create a temporary directory"
# as root the cluster runs as another user, who must reach its directory
chmod 755 "$tmp"
bouncer_pid=
bouncer_dir=
cleanup() {
	if [ -n "$bouncer_pid" ]; then
		kill -INT "$bouncer_pid" 2>/dev/null
		wait "$bouncer_pid" 2>/dev/null
	fi
	[ -n "$bouncer_dir" ] && rm -rf "$bouncer_dir"
	pg_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# --- the stores --------------------------------------------------------------

# A private cluster with PostgreSQL's own (durable) settings.
. "$root/t/pg.sh"
PG_FAST=0 pg_start "$tmp/pg" >"$tmp/pg_start.out" 2>&1 || {
	cat "$tmp/pg_start.out" >&2
	die 1 "no PostgreSQL cluster"
}
pg_uri=$PG_URI

# PgBouncer in front of it, on a socket of its own, when installed.
# Session pooling: rs sets its search path and prepares statements for
# the whole session, so a server connection must stay with one client
# until it goes; what is saved is the server's start for each command.
bouncer_uri=
start_bouncer() {
	local as=

	command -v pgbouncer >/dev/null || return 1
	bouncer_dir=$(mktemp -d /tmp/rsbouncer.XXXXXX) || return 1
	printf '"rs" ""\n' >"$bouncer_dir/users.txt"
	cat >"$bouncer_dir/pgbouncer.ini" <<-END
	[databases]
	rs = host=$PG_SOCK dbname=rs user=rs
	[pgbouncer]
	unix_socket_dir = $bouncer_dir
	listen_port = 6432
	auth_type = trust
	auth_file = $bouncer_dir/users.txt
	pool_mode = session
	max_client_conn = 100
	default_pool_size = 20
	logfile = $bouncer_dir/pgbouncer.log
	END
	# PgBouncer refuses to run as root: as root, the cluster's user
	if [ "$(id -u)" -eq 0 ]; then
		chown -R "${PG_USER:-postgres}" "$bouncer_dir" || return 1
		as="setpriv --reuid=${PG_USER:-postgres} --regid=$(id -gn \
		    "${PG_USER:-postgres}") --init-groups"
	fi
	# shellcheck disable=SC2086	# as: words on purpose
	$as pgbouncer "$bouncer_dir/pgbouncer.ini" \
	    >"$bouncer_dir/stdout" 2>&1 </dev/null &
	bouncer_pid=$!
	bouncer_uri="postgresql:///rs?host=$bouncer_dir&port=6432&user=rs"
	local n=50
	while ! psql -X -q -At -d "$bouncer_uri" -c 'SELECT 1' \
	    >/dev/null 2>&1; do
		if [ $n -le 0 ] || ! kill -0 "$bouncer_pid" 2>/dev/null; then
			cat "$bouncer_dir/stdout" "$bouncer_dir/pgbouncer.log" \
			    >&2 2>/dev/null
			bouncer_uri=
			return 1
		fi
		sleep 0.1
		n=$((n - 1))
	done
}

legs="sqlite pg"
if start_bouncer; then
	legs="$legs bouncer"
	bouncer_note="pgbouncer $(pgbouncer --version 2>/dev/null |
	    head -n 1 | awk '{ print $NF }'), session pooling"
elif command -v pgbouncer >/dev/null; then
	die 1 "pgbouncer is installed but did not start (above)"
else
	bouncer_note="not installed (apt-get install pgbouncer): not measured"
fi

# leg_db LEG NAME: the RS_DB of the store NAME of a leg; the office is
# NAME (RS_OFFICE) on the server
leg_db() {
	case $1 in
	sqlite) echo "$tmp/$2.db" ;;
	pg) echo "$pg_uri" ;;
	bouncer) echo "$bouncer_uri" ;;
	esac
}

# leg_office LEG NAME: each leg's offices have names of their own
leg_office() {
	echo "${1:0:1}_$2"
}

# q LEG NAME SQL: SQL on a leg's store, rows as sqlite3 prints them; the
# server is asked directly, not through PgBouncer
q() {
	case $1 in
	sqlite)
		sqlite3 "$tmp/$2.db" "$3"
		;;
	*)
		PGOPTIONS="-c search_path=$(leg_office "$1" "$2"),public" \
		    psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$pg_uri" \
		    -c "$3"
	esac
}

# on LEG NAME CMD [ARG...]: an rs command on a leg's store NAME
on() {
	local leg=$1 name=$2

	shift 2
	RS_DB=$(leg_db "$leg" "$name") RS_OFFICE=$(leg_office "$leg" "$name") \
	    "$@"
}

# check LEG NAME: rs-admin check on the store, its verdict on one line
check() {
	local out

	if out=$(on "$1" "$2" "$build/rs-admin" check 2>&1); then
		echo "check ok"
	else
		# the statement is long: the message before it
		echo "check FAILED: $(echo "$out" | head -n 1 |
		    sed 's/ (SQLSTATE.*//; s/^rs-admin: [^ ]*: \(office "[^"]*": \)\{0,1\}//')"
	fi
}

load() {
	cut -d ' ' -f 1-3 /proc/loadavg
}

echo "stores: $ops operations a run, processes: $levels, $reps runs each"
machine
echo "sqlite: a file, journal_mode=WAL, synchronous=FULL (rs's own settings)"
echo "postgresql: $(psql -X -At -d "$pg_uri" -c 'SHOW server_version' |
    cut -d ' ' -f 1), private cluster (t/pg.sh, PG_FAST=0):" \
    "$(psql -X -At -d "$pg_uri" -c "SELECT string_agg(name || '=' ||
    current_setting(name), ', ' ORDER BY name) FROM pg_settings
    WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes',
    'wal_sync_method', 'shared_buffers')")"
echo "pgbouncer: $bouncer_note"
echo "load at start: $(load)"

# --- one run -----------------------------------------------------------------

results=$tmp/results
: >"$results"

intake_worker() {	# W K: K intakes of one row, one process each
	local i=1

	while [ $i -le "$2" ]; do
		"$build/rs-intake" -n 2024-08-13T17:00 -c web -t peticion \
		    -N "Escritor $1" -e "w$1@x.co" -s "solicitud $1-$i" \
		    --received-at 2024-08-13T09:00 >/dev/null 2>>"$run/err" ||
		    echo "process $1: intake $i failed" >>"$run/err"
		i=$((i + 1))
	done
}

take_worker() {		# W K: K takes; each logs the clock, who, the id
	local i=1 out

	while [ $i -le "$2" ]; do
		if out=$("$build/rs-queue" -u "op$1" -n 2025-01-02T09:00 \
		    -o csv next 2>>"$run/err"); then
			out=${out#*$'\n'}
			printf '%s %s %s\n' "$EPOCHREALTIME" "$1" "${out%%,*}" \
			    >>"$run/took"
		else
			echo "process $1: take $i failed ($?)" >>"$run/err"
		fi
		i=$((i + 1))
	done
}

# race OP LEG NAME P: P processes, ops/P operations each; secs
race() {
	local op=$1 leg=$2 name=$3 p=$4 w t0 t1 pids=

	export RS_DB RS_OFFICE
	RS_DB=$(leg_db "$leg" "$name")
	RS_OFFICE=$(leg_office "$leg" "$name")
	t0=$(date +%s.%N)
	for w in $(seq 1 "$p"); do
		"${op}_worker" "$w" $((ops / p)) &
		pids="$pids $!"
	done
	# these alone: the server and PgBouncer are children too
	# shellcheck disable=SC2086
	wait $pids
	t1=$(date +%s.%N)
	unset RS_DB RS_OFFICE
	secs=$(echo "scale=3; ($t1 - $t0) / 1" | bc)
}

# errors: the processes' failures, if any, on one line
errors() {
	if [ -s "$run/err" ]; then
		echo "ERRORS $(wc -l <"$run/err"): $(head -n 1 "$run/err")"
	else
		echo "no error"
	fi
}

# intake_run LEG P REP: a new store, ops intakes by P processes
intake_run() {
	local leg=$1 p=$2 r=$3 name=i${2}_$3 got want

	run=$tmp/run
	rm -rf "$run" && mkdir "$run"
	on "$leg" "$name" "$build/rs-admin" init >/dev/null 2>"$run/init" || {
		cat "$run/init" >&2
		die 1 "$leg: rs-admin init failed"
	}
	race intake "$leg" "$name" "$p"
	# radicados 1..N, each once, and the year's counter at N
	got=$(q "$leg" "$name" "SELECT count(*), count(DISTINCT id),
	    min(CAST(substr(id, 9) AS BIGINT)),
	    max(CAST(substr(id, 9) AS BIGINT)) FROM requests")
	got="$got|$(q "$leg" "$name" "SELECT last FROM counters
	    WHERE year = 2024")"
	want="$ops|$ops|1|$ops|$ops"
	printf '%s %s %s\n' intake "$leg" "$p $(echo "scale=1; $ops / $secs" |
	    bc)" >>"$results"
	printf 'intake %-7s %2d proc run %d: %4d in %6s s = %6s/s  ' \
	    "$leg" "$p" "$r" "$ops" "$secs" "$(echo "scale=1; $ops / $secs" |
	    bc)"
	if [ "$got" = "$want" ]; then
		printf 'radicados 1..%d gapless, unique, counter %d; ' "$ops" \
		    "$ops"
	else
		printf 'RADICADOS WRONG (rows|distinct|min|max|counter: %s); ' \
		    "$got"
	fi
	printf '%s; %s; load %s\n' "$(errors)" "$(check "$leg" "$name")" \
	    "$(load)"
}

# take_run LEG P REP: ops takes by P processes from the store "takes"
take_run() {
	local leg=$1 p=$2 r=$3 mark events twice inv clients same late

	run=$tmp/run
	rm -rf "$run" && mkdir "$run"
	: >"$run/took"
	mark=$(q "$leg" takes "SELECT coalesce(max(seq), 0) FROM events")
	race take "$leg" takes "$p"
	printf '%s %s %s\n' take "$leg" "$p $(echo "scale=1; $ops / $secs" |
	    bc)" >>"$results"
	# the takes of this run in their commit order (the events' order)
	q "$leg" takes "SELECT r.id FROM events e JOIN requests r
	    ON r.seq = e.request WHERE e.kind = 'take' AND e.seq > $mark
	    ORDER BY e.seq" >"$run/events"
	events=$(wc -l <"$run/events")
	twice=$(q "$leg" takes "SELECT count(*) FROM (SELECT request
	    FROM events WHERE kind = 'take' GROUP BY request
	    HAVING count(*) > 1) t")
	# pairs taken in the opposite of the attention order (priority
	# DESC, received_ts, seq): a before b, yet b came first
	inv=$(q "$leg" takes "WITH t AS (SELECT e.seq AS es, r.priority AS p,
	    r.received_ts AS ts, r.seq AS rs FROM events e JOIN requests r
	    ON r.seq = e.request WHERE e.kind = 'take' AND e.seq > $mark)
	    SELECT count(*) FROM t a JOIN t b ON a.es < b.es
	    WHERE b.p > a.p OR (b.p = a.p AND (b.ts < a.ts OR
	    (b.ts = a.ts AND b.rs < a.rs)))")
	# what the processes say they took: the same requests, each once
	clients=$(wc -l <"$run/took")
	if [ "$(cut -d ' ' -f 3 "$run/took" | sort)" = \
	    "$(sort "$run/events")" ] &&
	    [ "$(cut -d ' ' -f 3 "$run/took" | sort -u | wc -l)" -eq "$clients" ]
	then
		same="the processes got the same $clients, once each"
	else
		same="THE PROCESSES' $clients IDS DIFFER FROM THE EVENTS"
	fi
	# the order the processes logged them in (their clock after each
	# process ended, which the scheduler may swap; not a fault)
	q "$leg" takes "SELECT r.id FROM events e JOIN requests r
	    ON r.seq = e.request WHERE e.kind = 'take' AND e.seq > $mark
	    ORDER BY r.priority DESC, r.received_ts, r.seq" >"$run/order"
	late=$(sort -n "$run/took" | awk 'NR == FNR { rank[$1] = NR; next }
	    { k = rank[$3]; for (i = 0; i < n; i++) if (seen[i] > k) c++
	      seen[n++] = k } END { print c + 0 }' "$run/order" -)
	printf 'take   %-7s %2d proc run %d: %4d in %6s s = %6s/s  ' \
	    "$leg" "$p" "$r" "$events" "$secs" "$(echo "scale=1; $ops / $secs" |
	    bc)"
	printf '%s; taken twice %s; inversions %s (by the processes'"'"' clock %s); %s; %s; load %s\n' \
	    "$same" "$twice" "$inv" "$late" "$(errors)" \
	    "$(check "$leg" takes)" "$(load)"
	[ "$events" -eq "$ops" ] ||
	    echo "take   $leg: $events takes recorded, $ops asked"
}

# --- the runs ------------------------------------------------------------------

# The office whose requests are taken: the generated ones, registered
# on the morning of 2025-01-01, all waiting, with their priorities and
# preferential treatment (the attention order is more than arrival).
for leg in $legs; do
	on "$leg" takes "$build/rs-admin" init >/dev/null &&
	    on "$leg" takes "$build/rs-intake" -n 2025-01-01T00:00 \
	    "$take_csv" >/dev/null || die 1 "$leg: cannot register $take_csv"
done
echo "takes from $(q sqlite takes "SELECT count(*) FROM requests"
    ) generated requests (seed $seed), $(
    q sqlite takes "SELECT count(*) FROM requests WHERE priority > 0"
    ) of them urgent or preferential; sqlite file $(
    stat -c %s "$tmp/takes.db") bytes"
echo

# the legs in turn at each point, so that the load falls on all alike
for op in intake take; do
	for p in $levels; do
		for r in $(seq 1 "$reps"); do
			for leg in $legs; do
				"${op}_run" "$leg" "$p" "$r"
			done
		done
	done
done
echo "load after the runs: $(load)"

# --- one command alone -------------------------------------------------------

# Each command COST_RUNS times in turn on each store (the stores
# alternate), timed by bash's clock around it (date's own start would
# fall inside); wall milliseconds, median.  The small office: 200
# generated requests, a fresh one on each store.
for leg in $legs; do
	on "$leg" small "$build/rs-admin" init >/dev/null &&
	    on "$leg" small "$build/rs-intake" -n 2025-01-01T00:00 \
	    "$small_csv" >/dev/null || die 1 "$leg: cannot register $small_csv"
done
cost=$tmp/cost
: >"$cost"
# stamp LABEL CMD...: time one run of CMD, its output thrown away
stamp() {
	local label=$1 t0 t1

	shift
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>>"$tmp/cost.err"
	t1=$EPOCHREALTIME
	echo "$label $t0 $t1" >>"$cost"
}
nowhere="postgresql:///rs?host=$tmp/none&user=rs"
for i in $(seq 1 "$cost_runs"); do
	stamp "start" "$build/rs-queue" -V
	RS_DB=$nowhere stamp "libpq,no-server" "$build/rs-admin" topics
	for leg in $legs; do
		stamp "topics,$leg" on "$leg" small "$build/rs-admin" topics
		stamp "list,$leg" on "$leg" small "$build/rs-queue" -o csv list
		stamp "intake,$leg" on "$leg" small "$build/rs-intake" \
		    -n 2025-01-02T09:00 -c web -t peticion -N "Persona $i" \
		    -e "p$i@x.co" -s "una más $i"
	done
done
# the failures expected: the command with no server behind its URI
grep -v 'cannot connect' "$tmp/cost.err" | head -n 3 >&2

echo
echo "one command alone, wall ms, median of $cost_runs (load $(load)):"
awk '{ ms[$1, ++n[$1]] = ($3 - $2) * 1000 }
END {
	for (k in n) {
		m = n[k]
		for (i = 1; i <= m; i++)
			v[i] = ms[k, i]
		# insertion sort: m is small
		for (i = 2; i <= m; i++) {
			x = v[i]
			for (j = i - 1; j >= 1 && v[j] > x; j--)
				v[j + 1] = v[j]
			v[j + 1] = x
		}
		med = m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
		printf "%s %.2f\n", k, med
	}
}' "$cost" | sort >"$tmp/medians"
med() {
	awk -v k="$1" '$1 == k { print $2 }' "$tmp/medians"
}
printf '%-34s %10s %10s %10s\n' command sqlite postgresql pgbouncer
for c in topics list intake; do
	case $c in
	topics) what="rs-admin topics (open, read 4 rows)" ;;
	list) what="rs-queue -o csv list (200+ rows)" ;;
	intake) what="rs-intake of one row" ;;
	esac
	printf '%-34s %10s %10s %10s\n' "$what" "$(med "$c,sqlite")" \
	    "$(med "$c,pg")" "$(med "$c,bouncer")"
done
printf '%-34s %10s\n' "rs-queue -V (a process, no store)" "$(med start)"
printf '%-34s %10s\n' "rs-admin topics, no server there" \
    "$(med libpq,no-server)"

# --- the medians -------------------------------------------------------------

echo
for op in intake take; do
	echo "${op}s per second, median of $reps runs:"
	printf '%-10s %10s %10s %10s\n' processes sqlite postgresql pgbouncer
	for p in $levels; do
		printf '%-10s' "$p"
		for leg in sqlite pg bouncer; do
			awk -v o="$op" -v l="$leg" -v p="$p" \
			    '$1 == o && $2 == l && $3 == p { print $4 }' \
			    "$results" | sort -n |
			    awk '{ v[NR] = $1 } END { printf " %10s",
				NR ? v[int((NR + 1) / 2)] : "-" }'
		done
		echo
	done
done
