#!/bin/sh
. "$(dirname "$0")/lib.sh"
# rs-report --excel for a spreadsheet in Colombia: decimals with a comma,
# the wide layout (a table a section, a column a metric) unless --layout
# long; checked by opening it in LibreOffice Calc, headless, with the
# es-CO CSV import, and reading the cells' types back from the xlsx.
plan 10

command -v soffice >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1 || {
	echo "Bail out! soffice (libreoffice-calc-nogui) and unzip are needed (sh scripts/deps.sh installs them)"
	exit 1
}

# three answered in July: two on time (66.7 %), business days 4, 7 and 21
cat >in.csv <<'EOF'
id,status,received_at,effective_on,due_on,answered_on,channel,type
A-1,respondida,2024-07-01T09:00:00-05:00,2024-07-01,2024-07-22,2024-07-05,web,peticion
A-2,respondida,2024-07-02T09:00:00-05:00,2024-07-02,2024-07-23,2024-07-11,web,peticion
A-3,respondida,2024-07-03T09:00:00-05:00,2024-07-03,2024-07-24,2024-08-01,correo,queja
EOF
check_out '--excel: the wide layout, decimals with a comma' \
    "rs-report -f --excel --from 2024-07-01 --to 2024-07-31 summary in.csv | tr -d '\\r' | sed 1s/^.//" <<'EOF'
section;group;report;date;from;to;by;chain_head
report;;summary;;2024-07-01;2024-07-31;;

section;group;received;answered;on_time;late;on_time_pct;median_days;p90_days;extensions;forwards;withdrawals;voided
summary;total;3;3;2;1;66,7;7;21;0;0;0;0
EOF
check_out '--excel --layout long: one value a line, with the comma too' \
    "rs-report -f --excel --layout long --from 2024-07-01 --to 2024-07-31 summary in.csv | tr -d '\\r' | grep on_time_pct" <<'EOF'
summary;total;on_time_pct;66,7
EOF
check_out '-o csv --layout wide: the same tables for a script, with the dot' \
    "rs-report -f -o csv --layout wide --from 2024-07-01 --to 2024-07-31 --by channel summary in.csv | sed -n '4,6p'" <<'EOF'
section,group,received,answered,on_time,late,on_time_pct,median_days,p90_days,extensions,forwards,withdrawals,voided
summary,correo,1,1,0,1,0.0,21,21,0,0,0,0
summary,web,2,2,2,0,100.0,5.5,7,0,0,0,0
EOF
check_err '--layout: long or wide' 64 \
    'rs-report: --layout: expected long or wide; got "ancho"' \
    'rs-report -f --layout ancho --from 2024-07-01 --to 2024-07-31 summary in.csv'
check_err '--layout wide: not for JSON' 64 \
    'rs-report: --layout wide: only with -o csv, -o tsv or --excel' \
    'rs-report -f -o json --layout wide --from 2024-07-01 --to 2024-07-31 summary in.csv'

# Calc with the es-CO CSV import: ';', '"', UTF-8 (76), from line 1,
# language 9226 (es-CO); a private profile in this directory
rs-report -f --excel --from 2024-07-01 --to 2024-07-31 --by channel summary in.csv >s.csv
cat >calc.sh <<'EOF'
HOME=$PWD timeout 180 soffice --headless -env:UserInstallation=file://$PWD/profile \
    --infilter="CSV:59,34,76,1,,9226" --convert-to xlsx --outdir "$PWD" "$1" >/dev/null 2>&1 &&
    test -s "${1%.csv}.xlsx"
EOF
check 'LibreOffice Calc opens the --excel CSV as es-CO' 'sh ./calc.sh s.csv'
# cell TYPE: row 6 (web) of the summary table; t="n" a number, t="s" text
cat >cells.sh <<'EOF'
unzip -p "$1" xl/worksheets/sheet1.xml |
    grep -o "<c r=\"[A-Z]*$2\"[^>]*><v>[^<]*</v>" |
    sed 's/<c r="\([A-Z]*\)[0-9]*"[^>]* t="\([a-z]*\)"><v>\([^<]*\)<\/v>/\1 \2 \3/'
EOF
check_out '... on_time_pct, median_days are numbers: 100 and 5.5' \
    "sh ./cells.sh s.xlsx 6 | sed -n '3p;7,9p'" <<'EOF'
C n 2
G n 100
H n 5.5
I n 7
EOF
check_out '... the group is text' "sh ./cells.sh s.xlsx 6 | sed -n 2p | cut -d' ' -f1,2" <<'EOF'
B s
EOF
# the reason for the comma: the same figure with a dot is text in es-CO
rs-report -f -o csv --layout wide --from 2024-07-01 --to 2024-07-31 --by channel summary in.csv |
    tr ',' ';' >dot.csv
check 'a decimal with a dot, opened the same way' 'sh ./calc.sh dot.csv'
check_out '... is text there, not a number' "sh ./cells.sh dot.xlsx 6 | sed -n 8p | cut -d' ' -f1,2" <<'EOF'
H s
EOF
