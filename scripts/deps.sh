#!/bin/sh
# Install what building and testing rs needs on a Debian machine: with
# apt-get when we are root or may sudo without a password; otherwise say
# the exact command to run and stop with 69 (EX_UNAVAILABLE).  Packages
# named as arguments are wanted as well, for what only some targets use:
# `make fuzz` runs `sh scripts/deps.sh clang afl++`.
#
# Postfix, chromium and poppler are for the tests only: t/postfix.sh runs private instances of
# it, under their own configuration directories, and never uses the
# system's.  So that installing it asks nothing and leaves a system
# instance that cannot start (no /etc/postfix/main.cf: it listens nowhere
# and relays nothing), debconf is told "No configuration" first.
PKGS="build-essential pkg-config libsqlite3-dev libcsv-dev nettle-dev libgmime-3.0-dev perl sqlite3 mandoc postfix"
# the tests read pages as a browser does (chromium, headless), their PDF
# pages (poppler-utils) and images and XML (python3)
PKGS="$PKGS chromium poppler-utils python3"
# and open the spreadsheet CSV as Calc does (libreoffice-calc-nogui, unzip)
PKGS="$PKGS libreoffice-calc-nogui unzip"
PKGS="$PKGS $*"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: missing:$missing (no apt-get here: install them with your package manager)" >&2
	exit 69
fi
if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "deps: missing:$missing" >&2
	echo "deps: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 69
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
case " $missing " in
*" postfix "*)
	printf '%s\n' \
	    'postfix postfix/main_mailer_type select No configuration' \
	    'postfix postfix/mailname string localhost' |
	    $SUDO debconf-set-selections || {
		echo "deps: debconf-set-selections failed; not installing postfix" >&2
		exit 69
	}
esac
$SUDO apt-get update -qq >&2 &&
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2 || {
	echo "deps: apt-get failed; run: sudo apt-get install -y$missing" >&2
	exit 69
}
