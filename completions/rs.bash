# bash completion for the rs commands: rs-intake, rs-queue, rs-admin, rs-due,
# rs-notify, rs-report, rs-web
#
# One file serves every command.  Install it under each command's name
# where bash-completion looks for it, for example
#
#	/usr/share/bash-completion/completions/rs-intake
#	/usr/share/bash-completion/completions/rs-queue
#	/usr/share/bash-completion/completions/rs-admin
#	/usr/share/bash-completion/completions/rs-due
#	/usr/share/bash-completion/completions/rs-notify
#	/usr/share/bash-completion/completions/rs-report
#	/usr/share/bash-completion/completions/rs-web
#
# (copies or links), or source it from ~/.bashrc.  Radicados and assignees
# come from the commands' own listing, "rs-queue -o tsv list -a"; types,
# topics and teams from "rs-admin -o tsv terms" and "rs-admin -o tsv
# topics"; closures from "rs-admin -o tsv closures"; a request's documents
# from "rs-queue -o tsv docs ID" and the review list's numbers from
# "rs-queue -o tsv inbox"; all read from the database named on the command
# line with -d, else $RS_DB, else ./rs.db.
# rs-notify offers, for each kind, the radicados whose status calls for it;
# rs-report, for each report, the options it takes.

_rs_channels='presencial telefonico correo web escrito'
_rs_types='peticion queja reclamo sugerencia denuncia felicitacion informacion consulta autoridad'
_rs_preferentials='discapacidad gestante adulto_mayor movilidad_reducida infante veterano vulnerable periodista'
_rs_requester_kinds='funcionario contratista tercero ciudadano autoridad'
_rs_formats='csv tsv json table'
_rs_encodings='utf-8 cp1252 latin1'
_rs_settings='bounce_address cutoff hours mail_topic mail_type max_message office_address office_email office_name office_phone prefix received_days retention saturday sender switchboard templates web_rate zone'
_rs_outcomes='favorable parcial negativa informativa'
# The kinds of notice (rs-notify(1)); recordatorio goes with --to.
_rs_kinds='acuse constancia requerimiento prorroga_requerimiento prorroga traslado respuesta desistimiento encuesta'
# The steps of rs-queue that name a request (rs-queue -h).
_rs_steps='take release assign hold resume prolong extend forward answer close reopen void note rate link merge'
# The rest of rs-queue's commands: documents and the mailbox's review list,
# and the decisions on a message of that list.
_rs_queue_more='attach docs doc inbox correct'
# The fields rs-queue correct takes as field=value (rs-queue(1)).
_rs_correct_fields='type topic team priority preferential name salutation id_number email phone address requester_kind subject'
_rs_inbox_verbs='show attach register discard'
# The catalog a new database starts with (rs-db(5)), for when there is no
# database to ask.
_rs_seed_topics='cuentas_pago comisiones legalizacion_comisiones otro'
_rs_seed_teams='contabilidad comisiones'
# The reports of rs-report, and the keys its summary groups by (--by).
_rs_reports='daily summary pqrsd satisfaction'
_rs_report_keys='channel type topic team assignee month'
_rs_report_formats="$_rs_formats html eml"

# The rs command next to the one being completed: ./rs-queue for ./rs-intake.
_rs_tool()
{
	case ${COMP_WORDS[0]} in
	*/*)	printf '%s/%s\n' "${COMP_WORDS[0]%/*}" "$1" ;;
	*)	printf '%s\n' "$1" ;;
	esac
}

# Sets _rs_db to the -d option of the command line, as words ("-d" "db").
_rs_dbopt()
{
	local i w
	_rs_db=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--)	break ;;
		-d)	((i + 1 < COMP_CWORD)) &&
			    _rs_db=(-d "${COMP_WORDS[i + 1]/#\~/$HOME}") ;;
		-d?*)	_rs_db=(-d "${w#-d}") ;;
		esac
	done
}

# One column of "rs-queue -o tsv list -a", without the header, empty
# values and repeats.  2 is the radicado, 11 the topic, 12 the team, 13 the
# assignee.
_rs_listing()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-queue)" "${_rs_db[@]}" -o tsv list -a 2>/dev/null |
	    awk -F '\t' -v c="$1" 'NR > 1 && $c != "" && !seen[$c]++ { print $c }'
}

# The radicados of "rs-queue -o tsv list -a" whose status (column 8)
# matches the extended regular expression $1, or every one when it is empty.
_rs_radicados_in()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-queue)" "${_rs_db[@]}" -o tsv list -a 2>/dev/null |
	    awk -F '\t' -v re="$1" 'NR > 1 && $2 != "" && (re == "" || $8 ~ re) { print $2 }'
}

# The statuses in which rs-notify may send a kind: the rule of rs-notify(1).
_rs_notify_statuses()
{
	case $1 in
	requerimiento|prorroga_requerimiento)
		echo '^en_espera$' ;;
	traslado)	echo '^trasladada$' ;;
	respuesta)	echo '^(respondida|cerrada)$' ;;
	desistimiento)	echo '^desistida$' ;;
	recordatorio)	echo '^(radicada|asignada|en_espera)$' ;;
	*)		echo '' ;;
	esac
}

# One column of "rs-admin -o tsv $1" (terms or topics), else the words $3:
# column 1 of terms is the type; of topics, 1 the topic and 2 the team.
_rs_catalog()
{
	local -a _rs_db
	local out
	_rs_dbopt
	out=$("$(_rs_tool rs-admin)" "${_rs_db[@]}" -o tsv "$1" 2>/dev/null |
	    awk -F '\t' -v c="$2" 'NR > 1 && $c != "" && !seen[$c]++ { print $c }')
	printf '%s\n' "${out:-${3// /$'\n'}}"
}

# The logins of the users catalog, the inactive ones too.
_rs_logins()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-admin)" "${_rs_db[@]}" -o tsv -a users 2>/dev/null |
	    awk -F '\t' 'NR > 1 { print $1 }'
}

# Whether the command line holds the word $1 before the cursor.
_rs_has_word()
{
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == "$1" ]] && return 0
	done
	return 1
}

# The values of field $1 of rs-queue correct that start with $2.
_rs_correct_value()
{
	case $1 in
	type)	_rs_words "$(_rs_catalog terms 1 "$_rs_types")" "$2" ;;
	topic)	_rs_words "$(_rs_catalog topics 1 "$_rs_seed_topics")" "$2" ;;
	team)	_rs_words "$(_rs_catalog topics 2 "$_rs_seed_teams")" "$2" ;;
	priority)
		_rs_words $'0\n1\n2' "$2" ;;
	preferential)
		_rs_words "${_rs_preferentials// /$'\n'}" "$2" ;;
	salutation)
		_rs_words $'senor\nsenora' "$2" ;;
	requester_kind)
		_rs_words "${_rs_requester_kinds// /$'\n'}" "$2" ;;
	*)	COMPREPLY=() ;;
	esac
}

# Whether the rs-queue command line names a step (next included), or
# another command that records an event at -n: attach, an inbox decision.
_rs_queue_step()
{
	local w
	for w in next $_rs_steps attach inbox correct; do
		_rs_has_word "$w" && return 0
	done
	return 1
}

# The documents of request $1, "rs-queue -o tsv docs": their names.
_rs_doc_names()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-queue)" "${_rs_db[@]}" -o tsv docs "$1" 2>/dev/null |
	    awk -F '\t' 'NR > 1 && $2 != "" && !seen[$2]++ { print $2 }'
}

# The numbers of the review list, "rs-queue -o tsv inbox": those waiting.
_rs_inbox_numbers()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-queue)" "${_rs_db[@]}" -o tsv inbox 2>/dev/null |
	    awk -F '\t' 'NR > 1 && $1 != "" { print $1 }'
}

# The office's closures, "rs-admin -o tsv closures": their dates.
_rs_closure_days()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-admin)" "${_rs_db[@]}" -o tsv closures 2>/dev/null |
	    awk -F '\t' 'NR > 1 && $1 != "" { print $1 }'
}

# The office's time zone, in which times without an offset are read.
_rs_zone()
{
	local -a _rs_db
	local zone
	_rs_dbopt
	zone=$("$(_rs_tool rs-admin)" "${_rs_db[@]}" config zone 2>/dev/null)
	printf '%s\n' "${zone:-America/Bogota}"
}

# The office's own address, the office_email setting, for --to.
_rs_office_email()
{
	local -a _rs_db
	_rs_dbopt
	"$(_rs_tool rs-admin)" "${_rs_db[@]}" config office_email 2>/dev/null
}

# COMPREPLY from newline-separated words.
_rs_words()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# A value that holds ':' (a time of day), where bash splits words: complete
# the whole word as typed, then hand back only what follows its last ':'.
_rs_timeval()
{
	local line=${COMP_LINE:0:COMP_POINT} word pre i
	word=${line##*[[:space:]=]}
	_rs_words "$1" "$word"
	if [[ $COMP_WORDBREAKS == *:* && $word == *:* ]]; then
		pre=${word%"${word##*:}"}
		for i in "${!COMPREPLY[@]}"; do
			COMPREPLY[i]=${COMPREPLY[i]#"$pre"}
		done
	fi
}

# A comma-separated list of the words $1, each at most once: the word $2
# up to its last comma, followed by each word not yet in it.
_rs_list()
{
	local pre= w IFS=$'\n'
	local -a left=()
	[[ $2 == *,* ]] && pre=${2%,*},
	for w in $1; do
		[[ ,$pre == *",$w,"* ]] || left+=("$pre$w")
	done
	COMPREPLY=($(compgen -W "${left[*]}" -- "$2"))
}

_rs_files()
{
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	COMPREPLY=($(compgen -f -- "$1"))
}

# The value of option $2 of command $1; returns 1 when $2 takes none.
_rs_value()
{
	local cmd=$1 opt=$2 cur=$3
	case $cmd:$opt in
	*:-d|rs-admin:--anchors)
		_rs_files "$cur" ;;
	rs-report:-o)
		_rs_words "${_rs_report_formats// /$'\n'}" "$cur" ;;
	*:-o)	_rs_words "${_rs_formats// /$'\n'}" "$cur" ;;
	rs-intake:-n|rs-intake:--received-at)
		_rs_timeval "$(TZ=$(_rs_zone) date +%Y-%m-%dT%H:%M)" ;;
	rs-queue:-n)
		# a date for the list, a date and time for a step
		if _rs_has_word list || ! _rs_queue_step; then
			_rs_words "$(TZ=$(_rs_zone) date +%Y-%m-%d)" "$cur"
		else
			_rs_timeval "$(TZ=$(_rs_zone) date +%Y-%m-%dT%H:%M)"
		fi ;;
	rs-due:-n|rs-report:-n|rs-report:--from|rs-report:--to)
		_rs_words "$(TZ=$(_rs_zone) date +%Y-%m-%d)" "$cur" ;;
	rs-report:--layout)
		_rs_words $'long\nwide' "$cur" ;;
	rs-report:--by)
		_rs_list "${_rs_report_keys// /$'\n'}" "$cur" ;;
	rs-report:--mail-to)
		COMPREPLY=() ;;
	rs-queue:--outcome)
		_rs_words "${_rs_outcomes// /$'\n'}" "$cur" ;;
	rs-queue:--to)
		# extend, prolong: a date; forward: the authority, free text
		if _rs_has_word extend || _rs_has_word prolong; then
			_rs_words "$(TZ=$(_rs_zone) date +%Y-%m-%d)" "$cur"
		else
			COMPREPLY=()
		fi ;;
	rs-queue:--days)
		_rs_words $'5\n10\n15' "$cur" ;;
	rs-queue:-F|rs-queue:-A|rs-intake:-A)
		_rs_files "$cur" ;;
	rs-queue:-t)
		# inbox register -t: a type; list and next -t: a team
		if _rs_has_word inbox; then
			_rs_words "$(_rs_catalog terms 1 "$_rs_types")" "$cur"
		else
			_rs_words "$(_rs_catalog topics 2 "$_rs_seed_teams")" "$cur"
		fi ;;
	rs-queue:-m|rs-queue:-r|rs-queue:--why|rs-queue:--will-do|rs-queue:--can-do)
		COMPREPLY=() ;;
	rs-admin:-n|rs-notify:-n)
		_rs_timeval "$(TZ=$(_rs_zone) date +%Y-%m-%dT%H:%M)" ;;
	rs-notify:-M)
		compopt -o filenames 2>/dev/null
		local IFS=$'\n'; COMPREPLY=($(compgen -d -- "$cur")) ;;
	rs-notify:--to)
		_rs_words "$(_rs_office_email)" "$cur" ;;
	rs-admin:--coordinator)
		_rs_words $'yes\nno' "$cur" ;;
	rs-admin:-g)
		local IFS=$'\n'; COMPREPLY=($(compgen -g -- "$cur")) ;;
	rs-due:-A)
		_rs_words "$(_rs_listing 13)" "$cur" ;;
	*:-u)	local IFS=$'\n'; COMPREPLY=($(compgen -u -- "$cur")) ;;
	rs-due:-C)
		_rs_files "$cur" ;;
	rs-due:-c)
		_rs_timeval '16:00' ;;
	rs-due:-w)
		_rs_words $'1\n2\n3\n5\n10' "$cur" ;;
	*:-c|*:--channel)
		_rs_words "${_rs_channels// /$'\n'}" "$cur" ;;
	rs-intake:-t|*:--type)
		_rs_words "$(_rs_catalog terms 1 "$_rs_types")" "$cur" ;;
	rs-queue:-t|rs-due:-t|*:--team)
		_rs_words "$(_rs_catalog topics 2 "$_rs_seed_teams")" "$cur" ;;
	*:-T|*:--topic)
		_rs_words "$(_rs_catalog topics 1 "$_rs_seed_topics")" "$cur" ;;
	*:--priority)
		_rs_words $'0\n1\n2' "$cur" ;;
	*:--preferential)
		_rs_words "${_rs_preferentials// /$'\n'}" "$cur" ;;
	*:--requester-kind)
		_rs_words "${_rs_requester_kinds// /$'\n'}" "$cur" ;;
	*:--salutation)
		_rs_words $'senor\nsenora' "$cur" ;;
	*:--encoding)
		_rs_words "${_rs_encodings// /$'\n'}" "$cur" ;;
	rs-intake:-[Nesp]|rs-intake:-D|*:--name|*:--email|*:--phone|\
	*:--subject|*:--description|*:--id-number|*:--office|*:--external-ref|\
	*:--address|*:--representative-*|*:--priority-reason)
		COMPREPLY=() ;;
	*)	return 1 ;;
	esac
	return 0
}

# Time-zone names from the system's database, one directory level at a time.
_rs_zones()
{
	local dir=/usr/share/zoneinfo f IFS=$'\n'
	COMPREPLY=()
	if [[ -d $dir ]]; then
		for f in $(cd "$dir" && compgen -f -- "$1"); do
			case $f in
			posix*|right*|*.tab|*.zi|*.list|localtime|leapseconds) ;;
			*)	if [[ -d $dir/$f ]]; then
					COMPREPLY+=("$f/")
				else
					COMPREPLY+=("$f")
				fi ;;
			esac
		done
		[[ ${COMPREPLY[*]} == */ ]] && compopt -o nospace 2>/dev/null
	fi
	((${#COMPREPLY[@]})) || COMPREPLY=($(compgen -W 'America/Bogota' -- "$1"))
}

# This year and the next, in the office's zone.
_rs_years()
{
	local y
	y=$(TZ=$(_rs_zone) date +%Y)
	_rs_words "$y"$'\n'"$((10#$y + 1))" "$1"
}

# The value of setting $1 for "rs-admin config KEY VALUE".
_rs_setting_value()
{
	local key=$1 cur=$2
	case $key in
	saturday)	_rs_words $'yes\nno' "$cur" ;;
	cutoff)		_rs_timeval '16:00' ;;
	hours)		_rs_timeval '08:00-12:00,13:00-16:00' ;;
	prefix)		_rs_words 'RS' "$cur" ;;
	max_message)	_rs_words $'10\n25\n50' "$cur" ;;
	templates)	compopt -o filenames 2>/dev/null
			local IFS=$'\n'; COMPREPLY=($(compgen -d -- "$cur")) ;;
	mail_type)	_rs_words "$(_rs_catalog terms 1 "$_rs_types")" "$cur" ;;
	mail_topic)	_rs_words "$(_rs_catalog topics 1 "$_rs_seed_topics")" "$cur" ;;
	zone)		_rs_zones "$cur" ;;
	*)		COMPREPLY=() ;;
	esac
}

_rs()
{
	local cmd cur prev opt i j n w verb= nargs=0 takes cword=0 filter= explain=
	local -a words=() ops=()
	COMPREPLY=()

	# bash splits a time such as 16:00 at the colon; put it together again
	for ((i = n = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == : ]] && ((n > 0)); then
			words[n - 1]+=:
			((i == COMP_CWORD)) && cword=$((n - 1))
			if ((i + 1 < ${#COMP_WORDS[@]})); then
				((i++))
				words[n - 1]+=${COMP_WORDS[i]}
				((i == COMP_CWORD)) && cword=$((n - 1))
			fi
			continue
		fi
		words[n]=$w
		((i == COMP_CWORD)) && cword=$n
		((n++))
	done
	cmd=${words[0]##*/}
	cur=${words[cword]}
	prev=${words[cword - 1]}

	# --opt=value, whether or not '=' breaks words
	if [[ $cur == = && $prev == --* ]]; then
		_rs_value "$cmd" "$prev" "" && return
	elif [[ $prev == = && $cword -ge 2 &&
	    ${words[cword - 2]} == --* ]]; then
		_rs_value "$cmd" "${words[cword - 2]}" "$cur" && return
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		if _rs_value "$cmd" "$opt" "${cur#*=}"; then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$opt=${COMPREPLY[i]}
			done
			return
		fi
	fi

	# The options that take a value, for each command.
	case $cmd in
	rs-intake)
		takes=' -A -c -D -d -e -N -n -o -p -s -T -t -u --address --channel --description --email --encoding --external-ref --id-number --name --office --phone --preferential --priority --priority-reason --received-at --representative-email --representative-id-number --representative-name --representative-phone --requester-kind --salutation --subject --team --topic --type ' ;;
	rs-queue)
		takes=' -A -d -F -m -n -o -r -t -u --can-do --days --outcome --to --why --will-do ' ;;
	rs-admin)
		takes=' -d -g -n -o -u --anchor --anchors --coordinator --email --team ' ;;
	rs-due)
		takes=' -A -C -c -d -n -o -t -w ' ;;
	rs-notify)
		takes=' -d -M -n -u --to ' ;;
	rs-report)
		takes=' -d -n -o --by --from --layout --mail-to --to ' ;;
	rs-web)
		takes=' -d ' ;;
	*)	return ;;
	esac

	# The value of the option before the word being completed.
	if [[ $prev == -?* && $takes == *" $prev "* ]]; then
		_rs_value "$cmd" "$prev" "$cur"
		return
	fi

	# The command's verb, and how many operands follow it.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [[ $w == -- ]]; then
			[[ $cmd == rs-intake ]] && verb=--
		elif [[ $w == -?* ]]; then
			# rs-due's modes: -f filters, -x explains
			if [[ $cmd == rs-due && $w != --* ]]; then
				for ((j = 1; j < ${#w}; j++)); do
					case ${w:j:1} in
					[ACcdnotw]) break ;;	# the rest is a value
					f)	filter=1 ;;
					x)	explain=1 ;;
					esac
				done
			fi
			if [[ ${words[i + 1]} == = ]]; then
				((i += 2))		# --opt = value
			elif [[ $takes == *" $w "* ]]; then
				((i++))			# -o value
			fi
		elif [[ -z $verb ]]; then
			verb=$w
		else
			ops[nargs++]=$w
		fi
	done

	case $cmd in
	rs-intake)
		if [[ $cur == -* && $verb != -- ]]; then
			if _rs_has_word -i; then
				# the guided prompt: where, when, who, the channel
				_rs_words "$(printf '%s\n' -c -d -n -u --channel)" "$cur"
			elif _rs_has_word -m; then
				# e-mail messages: only the type and the topic
				_rs_words "$(printf '%s\n' -d -h -m -n -o -T -t -u -V \
				    --help --topic --type --version)" "$cur"
			else
				_rs_words "$(printf '%s\n' -A -c -D -d -e -h -i -m -N -n -o -p -s -T -t -u -V \
				    --address --anonymous --channel --description \
				    --email --encoding --external-ref --help \
				    --id-number --name --office --phone --preferential \
				    --priority --priority-reason --received-at \
				    --representative-email \
				    --representative-id-number --representative-name \
				    --representative-phone --requester-kind \
				    --salutation --subject --team --topic --type \
				    --version)" "$cur"
			fi
		else
			_rs_files "$cur"
		fi ;;
	rs-web)
		# a CGI program: the web server runs it, a person tries -d
		[[ $cur == -* ]] && _rs_words $'-d\n-h\n-V' "$cur" ;;
	rs-notify)
		# the options come before the kind; the radicados after it
		if [[ -z $verb ]]; then
			if [[ $cur == -* ]]; then
				_rs_words "$(printf '%s\n' -d -F -h -M -n -p -s -u -V \
				    --help --strict --to)" "$cur"
			elif _rs_has_word --to || [[ " ${words[*]:1:cword-1} " == *" --to="* ]]; then
				_rs_words recordatorio "$cur"
			else
				_rs_words "${_rs_kinds// /$'\n'}" "$cur"
			fi
		else
			_rs_words "$(_rs_radicados_in "$(_rs_notify_statuses "$verb")")" "$cur"
		fi ;;
	rs-queue)
		# the options of each step (rs-queue -h), after -d -n -o -u
		local stepopts=
		case $verb in
		hold)	stepopts=$'--late\n-m' ;;
		resume|reopen|void|note|rate)
			stepopts=-m ;;
		prolong) stepopts=$'-m\n--to' ;;
		extend)	stepopts=$'-m\n--to\n--days' ;;
		forward) stepopts=$'--to\n-m' ;;
		answer)	stepopts=$'--outcome\n-m\n-F\n--why\n--will-do\n--can-do\n-A\n--strict' ;;
		close)	stepopts=$'--withdrawn\n-m' ;;
		link)	stepopts=$'--identical\n-m' ;;
		merge)	stepopts=-m ;;
		esac
		case $verb in
		'')	if [[ $cur == -* ]]; then
				_rs_words $'-d\n-h\n-n\n-o\n-u\n-V' "$cur"
			else
				_rs_words "$(printf '%s\n' list search show next $_rs_steps $_rs_queue_more)" "$cur"
			fi ;;
		list)	[[ $cur == -* ]] &&
			    _rs_words $'-a\n-d\n-n\n-o\n-t\n-V' "$cur" ;;
		search)	# the options, before the words; the words are the caller's
			((nargs == 0)) && [[ $cur == -* ]] &&
			    _rs_words $'-a\n-d\n-n\n-o\n-t' "$cur" ;;
		show)	if [[ $cur == -* ]]; then
				_rs_words $'-d\n-o' "$cur"
			elif ((nargs == 0)); then
				_rs_words "$(_rs_listing 2)" "$cur"
			fi ;;
		next)	[[ $cur == -* ]] &&
			    _rs_words $'-d\n-n\n-o\n-r\n-t\n-u' "$cur" ;;
		attach)	if [[ $cur == -* ]]; then
				_rs_words $'-A\n-d\n-m\n-n\n-o\n-u' "$cur"
			elif ((nargs == 0)); then
				_rs_words "$(_rs_listing 2)" "$cur"
			fi ;;
		docs|doc)
			if [[ $cur == -* ]]; then
				if [[ $verb == docs ]]; then
					_rs_words $'-d\n-o' "$cur"
				else
					_rs_words -d "$cur"
				fi
			elif ((nargs == 0)); then
				_rs_words "$(_rs_listing 2)" "$cur"
			elif ((nargs == 1)) && [[ $verb == doc ]]; then
				# names may hold spaces: quote them as file names
				compopt -o filenames 2>/dev/null
				_rs_words "$(_rs_doc_names "${ops[0]}")" "$cur"
			fi ;;
		correct)
			# correct -m text id field=value ...; bash may split
			# the word at its '='
			if [[ $cur == -* ]]; then
				((nargs == 0)) &&
				    _rs_words $'-d\n-m\n-n\n-o\n-u' "$cur"
			elif ((nargs == 0)); then
				_rs_words "$(_rs_listing 2)" "$cur"
			elif [[ $cur == = ]]; then
				_rs_correct_value "$prev" ""
			elif [[ $prev == = ]]; then
				_rs_correct_value "${words[cword - 2]}" "$cur"
			elif [[ $cur == *=* ]]; then
				_rs_correct_value "${cur%%=*}" "${cur#*=}"
				for i in "${!COMPREPLY[@]}"; do
					COMPREPLY[i]=${cur%%=*}=${COMPREPLY[i]}
				done
			else
				compopt -o nospace 2>/dev/null
				_rs_words "$(printf '%s=\n' $_rs_correct_fields)" "$cur"
			fi ;;
		inbox)	# inbox [-a]; inbox show|attach|register|discard n [id]
			if ((nargs == 0)); then
				if [[ $cur == -* ]]; then
					_rs_words $'-a\n-d\n-o' "$cur"
				else
					_rs_words "${_rs_inbox_verbs// /$'\n'}" "$cur"
				fi
			elif [[ $cur == -* ]]; then
				((nargs == 1)) && case ${ops[0]} in
				show)	_rs_words -d "$cur" ;;
				attach)	_rs_words $'--no-resume\n-d\n-n\n-o\n-u' "$cur" ;;
				register)
					_rs_words $'-d\n-n\n-o\n-t\n-u' "$cur" ;;
				discard)
					_rs_words $'-d\n-m\n-n\n-u' "$cur" ;;
				esac
			elif ((nargs == 1)); then
				_rs_words "$(_rs_inbox_numbers)" "$cur"
			elif ((nargs == 2)) && [[ ${ops[0]} == attach ]]; then
				_rs_words "$(_rs_listing 2)" "$cur"
			fi ;;
		take|release|assign|hold|resume|prolong|extend|forward|answer|close|\
		reopen|void|note|rate|link|merge)
			if [[ $cur == -* ]]; then
				((nargs == 0)) &&
				    _rs_words "$(printf '%s\n' -d -n -o -r -u $stepopts)" "$cur"
			elif ((nargs == 0)); then
				_rs_words "$(_rs_listing 2)" "$cur"
			elif ((nargs == 1)) && [[ $verb == assign ]]; then
				_rs_words "$(_rs_listing 13)" "$cur"
			elif ((nargs == 1)) && [[ $verb == rate ]]; then
				_rs_words $'1\n2\n3\n4\n5' "$cur"
			elif ((nargs == 1)) && [[ $verb == link || $verb == merge ]]; then
				# the other request of the same matter
				_rs_words "$(_rs_listing 2)" "$cur"
			fi ;;
		esac ;;
	rs-due)
		if [[ $cur == -* ]]; then
			if [[ -n $filter ]]; then
				_rs_words $'-C\n-c\n-f\n-n\n-S\n-w' "$cur"
			elif [[ $verb == calendar ]]; then
				_rs_words $'-d\n-o' "$cur"
			elif [[ -n $explain || $verb == add ]]; then
				_rs_words $'-d\n-o\n-x' "$cur"
			elif [[ -z $verb ]]; then
				_rs_words $'-A\n-a\n-C\n-c\n-d\n-f\n-h\n-n\n-o\n-q\n-S\n-t\n-V\n-w\n-x' "$cur"
			fi
		elif [[ -n $filter ]]; then
			_rs_files "$cur"
		else
			case $verb in
			'')	if [[ -n $explain ]]; then
					_rs_words "$(_rs_listing 2; echo add)" "$cur"
				else
					_rs_words $'calendar\nadd' "$cur"
				fi ;;
			calendar)
				((nargs < 2)) && _rs_years "$cur" ;;
			add)	if ((nargs == 0)); then
					_rs_timeval "$(TZ=$(_rs_zone) date +%Y-%m-%dT%H:%M)"
				elif ((nargs == 1)); then
					_rs_words "${_rs_types// /$'\n'}" "$cur"
				fi ;;
			esac
		fi ;;
	rs-admin)
		case $verb in
		'')	if [[ $cur == -* ]]; then
				_rs_words $'-a\n-d\n-g\n-h\n-n\n-o\n-u\n-V' "$cur"
			else
				_rs_words $'init\nconfig\nclosures\nterms\ntopics\nusers\ncheck\nbackup\ncopy\nexport\nanonymize' "$cur"
			fi ;;
		users)	if [[ $cur == -* ]]; then
				if ((nargs == 0)); then
					_rs_words $'-a\n-d\n-o' "$cur"
				elif [[ ${ops[0]} == set ]]; then
					_rs_words $'-d\n--coordinator\n--email\n--team' "$cur"
				fi
			elif ((nargs == 0)); then
				_rs_words $'set\nactivate\ndeactivate' "$cur"
			elif ((nargs == 1)); then
				_rs_words "$(_rs_logins)" "$cur"
			fi ;;
		terms)	if [[ $cur == -* ]]; then
				_rs_words $'-a\n-d\n-o' "$cur"
			elif ((nargs == 0)); then
				_rs_words "$(_rs_catalog terms 1 "$_rs_types")" "$cur"
			elif ((nargs == 1)); then
				_rs_words $'0\n10\n15\n30' "$cur"
			fi ;;
		topics)	if [[ $cur == -* ]]; then
				_rs_words $'-d\n-o' "$cur"
			elif ((nargs == 0)); then
				_rs_words "$(_rs_catalog topics 1 "$_rs_seed_topics")" "$cur"
			elif ((nargs == 1)); then
				_rs_words "$(_rs_catalog topics 2 "$_rs_seed_teams")" "$cur"
			fi ;;
		check)	[[ $cur == -* ]] &&
			    _rs_words $'-d\n--anchor\n--anchors' "$cur" ;;
		init)	[[ $cur == -* ]] && _rs_words $'-d\n-g' "$cur" ;;
		anonymize)
			[[ $cur == -* ]] &&
			    _rs_words $'-d\n-n\n-o\n-u\n--before' "$cur" ;;
		backup|copy)
			if [[ $cur == -* ]]; then
				_rs_words -d "$cur"
			elif ((nargs == 0)); then
				_rs_files "$cur"
			fi ;;
		export)	if [[ $cur == -* ]]; then
				_rs_words $'-d\n-n' "$cur"
			elif ((nargs == 0)); then
				_rs_files "$cur"
			fi ;;
		closures)
			if [[ $cur == -* ]]; then
				_rs_words $'-d\n-n\n-o\n-u' "$cur"
			elif ((nargs == 0)); then
				_rs_words $'list\nadd\nrm' "$cur"
				[[ $cur == [0-9]* ]] && _rs_years "$cur"
			elif ((nargs == 1)); then
				case ${ops[0]} in
				list)	_rs_years "$cur" ;;
				add)	_rs_words "$(TZ=$(_rs_zone) date +%Y-%m-%d)" "$cur" ;;
				rm)	_rs_words "$(_rs_closure_days)" "$cur" ;;
				esac
			fi ;;
		config)	if ((nargs == 0)); then
				_rs_words "${_rs_settings// /$'\n'}" "$cur"
			elif ((nargs == 1)); then
				for ((i = cword - 1; i > 0; i--)); do
					[[ ${words[i]} == config ]] && break
				done
				_rs_setting_value "${words[i + 1]}" "$cur"
			fi ;;
		esac ;;
	rs-report)
		# options come before or after the report; each report takes
		# its own (rs-report -h), and nothing follows it
		if [[ $cur == -* ]]; then
			case $verb in
			'')	_rs_words $'-d\n-f\n-h\n-n\n-o\n-V\n--by\n--excel\n--from\n--layout\n--mail-to\n--personal\n--to' "$cur" ;;
			daily)	_rs_words $'-d\n-n\n-o\n--excel\n--layout\n--mail-to\n--personal' "$cur" ;;
			summary)
				_rs_words $'-d\n-o\n--by\n--excel\n--from\n--layout\n--to' "$cur" ;;
			pqrsd)	_rs_words $'-d\n-n\n-o\n--excel\n--from\n--layout\n--personal\n--to' "$cur" ;;
			satisfaction)
				_rs_words $'-d\n-o\n--excel\n--from\n--layout\n--personal\n--to' "$cur" ;;
			esac
		elif [[ -z $verb ]]; then
			_rs_words "${_rs_reports// /$'\n'}" "$cur"
		elif [[ " ${words[*]} " == *" -f "* ]]; then
			# -f reads CSV files after the report
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	esac
}

complete -F _rs rs-intake rs-queue rs-admin rs-due rs-notify rs-report rs-web
