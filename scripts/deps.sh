#!/bin/sh
# Install what building and testing rs needs on a Debian machine: with
# apt-get when we are root or may sudo without a password; otherwise say
# the exact command to run and stop with 69 (EX_UNAVAILABLE).  Packages
# named as arguments are wanted as well, for what only some targets use:
# `make fuzz` runs `sh scripts/deps.sh clang afl++`.
#
# Then the browser tests' driver: `npm ci` in t/web installs the
# versions of puppeteer-core and axe-core that t/web/package-lock.json
# names, from the npm registry, when t/web/node_modules lacks them.  That
# is the one time they are fetched; the build and the tests fetch nothing.
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
# the web page, rs-web, under a real server (lighttpd; t/web.sh, make
# demo), asked with curl; in a browser driven by node (t/web/): Debian's
# node and npm where the machine has none of its own
PKGS="$PKGS lighttpd curl"
# the server store: PostgreSQL's client library (libpq-dev) for the
# library, and the server itself with unaccent (postgresql-contrib), of
# which the tests run private clusters (t/pg.sh), never the system's
PKGS="$PKGS postgresql postgresql-contrib libpq-dev"
# and PgBouncer, which rs(7) puts beside each operator's host: a private
# one in front of such a cluster (t/pg-bouncer.t)
PKGS="$PKGS pgbouncer"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    PKGS="$PKGS nodejs npm"
PKGS="$PKGS $*"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
# web_deps: the browser tests' node modules, as t/web/package-lock.json
# pins them (npm ci); nothing when they are there already
web_deps() {
	w=$(dirname "$0")/../t/web
	[ -f "$w/node_modules/.package-lock.json" ] &&
	    [ ! "$w/package-lock.json" -nt "$w/node_modules/.package-lock.json" ] &&
	    return 0
	echo "deps: npm ci in t/web (puppeteer-core, axe-core)" >&2
	(cd "$w" && npm ci --no-audit --no-fund --ignore-scripts) >&2 || {
		echo "deps: npm ci in t/web failed; run: cd t/web && npm ci" >&2
		exit 69
	}
}

[ -z "$missing" ] && { web_deps; exit 0; }

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
# Debian starts the lighttpd it installs as a system service, on port 80
# of every address; the tests and the demo run instances of their own
# (t/web.sh), so the system's, new and unconfigured, is stopped and left
# disabled, as Postfix's is left unconfigured
case " $missing " in
*" lighttpd "*)
	if [ -d /run/systemd/system ]; then
		$SUDO systemctl disable --now lighttpd >&2 ||
		    echo "deps: could not stop the system's lighttpd (port 80)" >&2
	fi
esac
web_deps
