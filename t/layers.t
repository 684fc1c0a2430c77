#!/bin/sh
# The commands hold no SQL: every statement is a function of lib/ that
# speaks the domain (README, "Layout"), so that the store behind them is
# one seam.  A command that calls SQLite, prepares a statement or holds
# SQL text fails here, naming the file and line.
. "$(dirname "$0")/lib.sh"
plan 4

src=$top/cmd

# SQL text: a string that starts with a statement's keyword
sql='"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|REPLACE|VACUUM|ATTACH)[[:space:](]'

check_out 'no command includes or calls SQLite' \
    "grep -n 'sqlite3' $src/*.c | sed 's|^$src/||'" </dev/null
check_out 'no command prepares or runs a statement' \
    "grep -nE 'rs_db_(prepare|exec|step)' $src/*.c | sed 's|^$src/||'" </dev/null
check_out 'no command holds SQL text' \
    "grep -nE '$sql' $src/*.c | sed 's|^$src/||'" </dev/null

# and the check above does find what it looks for
printf '%s\n' 'static const char *q = "SELECT id FROM requests";' >probe.c
check_out '... and the pattern finds a statement' \
    "grep -cE '$sql' probe.c" <<'EOF'
1
EOF
done_testing
