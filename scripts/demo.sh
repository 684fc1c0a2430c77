#!/bin/sh
# A working day of rs on demo.db, run by `make demo`.
set -e
cd "$(dirname "$0")/.."
PATH=$(pwd):$PATH
RS_DB=$(pwd)/demo.db
export PATH RS_DB
# the office's day, in the office's zone, whatever this machine's TZ is
today=$(TZ=America/Bogota date +%Y-%m-%d)
clock=${today}T17:30

rm -f demo.db demo.db-wal demo.db-shm
echo "== rs-admin init: a new office file (mode 0660, WAL)"
rs-admin init
rs-admin config office_name 'La Secretaría Resuelve'
rs-admin config office_phone '+57 601 3323400 ext. 1196'
rs-admin config office_email 'lasecretariaresuelve@minambiente.gov.co'

echo
echo "== rs-intake: the web form's batch of the day (one transaction)"
sed "s/^T/${today}T/" share/rs/examples/web-form.csv |
    RS_USER=portal rs-intake -n "$clock" -o table |
    cut -c1-150

echo
echo "== rs-intake: the same batch again registers nothing new (external_ref)"
sed "s/^T/${today}T/" share/rs/examples/web-form.csv |
    RS_USER=portal rs-intake -n "$clock" -o tsv | cut -f1,22 | head -4

echo
echo "== rs-intake: walk-in desk and phone line"
RS_USER=mlopez rs-intake -n "$clock" -o table \
    -c presencial -t peticion -T cuentas_pago \
    -N 'Blanca Nieves Rincón' --salutation senora \
    --preferential adulto_mayor -p '601 555 1234' \
    -s 'Certificado de pagos del año' \
    --received-at "${today}T10:45" | cut -c1-150
RS_USER=mlopez rs-intake -n "$clock" -o table \
    -c telefonico -t peticion -T comisiones --priority 2 \
    -N 'Julián Restrepo' --salutation senor -p '315 222 3344' \
    -s 'Comisión de mañana sin resolución' \
    -D 'Viaja mañana a una visita de control ambiental y la resolución no ha sido expedida.' \
    --received-at "${today}T15:10" | cut -c1-150
echo "   (a wrong request is refused with the field and the reason:)"
rs-intake -n "$clock" -c presencial -t peticon -N 'Ana' -e ana@x.co -s x ||
    echo "   exit status $?"

echo
echo "== rs-queue: the attention queue (urgent, preferential, then arrival)"
rs-queue -n "$today" -o table list | cut -c1-170

echo
first=$(rs-queue -n "$today" -o csv list | sed -n 2p | cut -d, -f2)
echo "== rs-queue show $first"
rs-queue -o table show "$first"

echo
echo "Done: the data is in demo.db (sqlite3 demo.db), RS_DB=demo.db for more."
