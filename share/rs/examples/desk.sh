#!/bin/sh
# desk.sh - register a walk-in request at the desk and print its constancia.
#
# usage: desk.sh [-d db] [-t type] [name contact subject [description]]
#
# With no operands the script asks for the name, the e-mail address or
# phone number and the subject.  The contact is taken as an e-mail address
# when it holds an '@', else as a phone number.  The request is registered
# with rs-intake -c presencial; the script prints the radicado and the
# legal due date, then the constancia of the verbal petition (Decreto 1166
# de 2016, art. 2.2.3.12.3) with rs-notify -p constancia, to hand over
# signed or send to a printer:
#
#	desk.sh 'Ana Pérez' ana@example.com 'Pago de una cuenta' | lp
#
# The database is -d db, else $RS_DB, else ./rs.db; the operator is
# $RS_USER, else the login name.  See rs-intake(1) and rs-notify(1).
#
# Registra una solicitud presencial en la ventanilla e imprime la
# constancia de la petición verbal.

usage() {
	echo 'usage: desk.sh [-d db] [-t type] [name contact subject [description]]' >&2
	exit 64
}

db=
type=peticion
while getopts d:t: opt; do
	case $opt in
	d)	db=$OPTARG ;;
	t)	type=$OPTARG ;;
	*)	usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$db" ] && { RS_DB=$db; export RS_DB; }

# ask PROMPT: read one answer from the operator, asked again while empty
ask() {
	answer=
	while [ -z "$answer" ]; do
		printf '%s: ' "$1" >&2
		IFS= read -r answer || { echo >&2; exit 66; }
	done
}

case $# in
0)
	ask 'Nombre'
	name=$answer
	ask 'Correo electrónico o teléfono'
	contact=$answer
	ask 'Asunto'
	subject=$answer
	printf 'Descripción (opcional): ' >&2
	IFS= read -r description || description=
	;;
3|4)
	name=$1 contact=$2 subject=$3 description=${4-}
	;;
*)
	usage ;;
esac

case $contact in
*@*)	how=-e ;;
*)	how=-p ;;
esac

# rs-intake writes the stored request as a header line and one row; with
# -o tsv column 1 is the radicado and column 4 the due date.
if [ -n "$description" ]; then
	row=$(rs-intake -o tsv -c presencial -t "$type" -N "$name" \
	    "$how" "$contact" -s "$subject" -D "$description") || exit
else
	row=$(rs-intake -o tsv -c presencial -t "$type" -N "$name" \
	    "$how" "$contact" -s "$subject") || exit
fi
id=$(printf '%s\n' "$row" | awk -F '\t' 'NR == 2 { print $1 }')
due=$(printf '%s\n' "$row" | awk -F '\t' 'NR == 2 { print $4 }')
[ -n "$id" ] || { echo 'desk.sh: rs-intake gave no radicado' >&2; exit 70; }

echo "Radicado: $id"
echo "Vence: ${due:-sin término}"
echo
rs-notify -p constancia "$id"
