#!/bin/sh
# The bash completion (completions/rs.bash) loads in bash and completes a
# verb, an option value and a radicado taken from the database.
. "$(dirname "$0")/lib.sh"
plan 13

command -v bash >/dev/null 2>&1 ||
    { echo "Bail out! bash is needed to load the completion"; exit 1; }

# comp.bash WORD... CUR: what _rs offers for the command line WORD... CUR,
# the cursor at the end of CUR, one word a line, sorted.
cat >comp.bash <<'EOS'
source "$1" || exit 1
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
complete -p "${COMP_WORDS[0]}" | grep -q -- '-F _rs ' || exit 1
_rs "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
EOS
comp="bash comp.bash '$top/completions/rs.bash'"

check 'a scratch database with two requests' \
    "rs-admin init && rs-admin config sender oficina@example.gov.co &&
     rs-intake -n 2024-08-13T10:00 -c presencial -t peticion -N Ana -e ana@x.co -s Pago >/dev/null &&
     rs-intake -n 2024-08-13T11:00 -c correo -t queja -N Luis -p 3001234567 -s Demora >/dev/null"
check_out 'a verb: rs-queue ans' "$comp rs-queue ans" <<'EOF'
answer
EOF
check_out 'a verb: rs-queue sea' "$comp rs-queue sea" <<'EOF'
search
EOF
check_out 'a verb: rs-queue mer' "$comp rs-queue mer" <<'EOF'
merge
EOF
check_out 'link --identical (Ley 1755 art. 22): rs-queue link --i' \
    "$comp rs-queue link --i" <<'EOF'
--identical
EOF
check_out 'the options of search, before its words: rs-queue search -' \
    "$comp rs-queue search -" <<'EOF'
-a
-d
-n
-o
-t
EOF
check_out 'an option value: rs-queue -o j' "$comp rs-queue -o j" <<'EOF'
json
EOF
check_out 'an option value: rs-intake --channel co' \
    "$comp rs-intake --channel co" <<'EOF'
correo
EOF
check_out 'an option value: rs-intake -c co' "$comp rs-intake -c co" <<'EOF'
correo
EOF
check_out 'the options of init: rs-admin init -' "$comp rs-admin init -" <<'EOF'
-d
-g
EOF
check_out 'a group for init -g: rs-admin init -g ro' "$comp rs-admin init -g ro" <<'EOF'
root
EOF
check_out 'a radicado from $RS_DB: rs-queue show RS-' \
    "$comp rs-queue show RS-" <<'EOF'
RS-2024-000001
RS-2024-000002
EOF
check_out 'the options of the web page: rs-web -' "$comp rs-web -" <<'EOF'
-V
-d
-h
EOF
done_testing
