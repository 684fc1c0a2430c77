# rs - POSIX make; honours CC, CFLAGS, LDFLAGS, STATIC_LIBS, PREFIX, DESTDIR
.POSIX:
.SUFFIXES:

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
SHAREDIR = $(PREFIX)/share/rs
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC = cc
CFLAGS = -O2 -g -Wall -Wextra
LDFLAGS =
PKG_CONFIG = pkg-config

RS_CPPFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib
# libpq's header only: the library itself is loaded when a PostgreSQL
# URI is opened (lib/pg.c)
PKG_CFLAGS != $(PKG_CONFIG) --cflags sqlite3 nettle libpq 2>/dev/null || true
# SQLite and nettle are linked in statically: each command lives a few
# milliseconds, and binding the shared libraries' symbols took a third
# of the instructions of an `rs-queue next` (bench/README.md).  After a
# security update of libsqlite3-dev or nettle-dev, rebuild and reinstall
# rs.  STATIC_LIBS="-lsqlite3 -lnettle" links the shared libraries.
STATIC_LIBS = -Wl,-Bstatic -lsqlite3 -lnettle -Wl,-Bdynamic -lm
# libpq, the client of the PostgreSQL store, is not linked at all: it
# and what comes with it (TLS, Kerberos, LDAP) would be bound at every
# start; lib/pg.c loads it when a PostgreSQL URI is opened.
# libcsv ships no pkg-config file
LIBS = $(STATIC_LIBS) -lcsv
# GMime only where mail is read or written, so the other commands start fast
MAIL_CFLAGS != $(PKG_CONFIG) --cflags gmime-3.0 2>/dev/null || true
MAIL_LIBS != $(PKG_CONFIG) --libs gmime-3.0 2>/dev/null || echo -lgmime-3.0 -lgobject-2.0 -lglib-2.0

BIN = rs-intake rs-queue rs-admin rs-due rs-notify rs-report rs-web
LIBOBJ = lib/util.o lib/time.o lib/calendar.o lib/terms.o lib/csv.o \
	lib/output.o lib/db.o lib/request.o lib/lifecycle.o lib/template.o \
	lib/html.o lib/documents.o lib/mailbox.o lib/users.o \
	lib/search.o lib/correct.o lib/export.o lib/links.o lib/form.o \
	lib/web.o lib/listing.o lib/notices.o lib/report.o \
	lib/report-model.o lib/report-out.o lib/store.o lib/pg.o lib/pgschema.o
MAILOBJ = lib/mail.o lib/multipart.o
# the report as a mail (-o eml): GMime, so rs-report's alone
REPORTMAILOBJ = lib/report-mail.o
UNIT = t/unit/time.t t/unit/calendar.t t/unit/csv.t t/unit/clock.t \
	t/unit/holidays.t t/unit/terms.t t/unit/template.t t/unit/mail.t \
	t/unit/html.t
# The tests that run a second time on PostgreSQL (t/pg-suite.sh): all
# of PG_TESTS with make check-pg; make check runs PG_CHECK, one or more
# files of each part, so that the whole of make check stays within ten
# minutes on two cores.  The others are about SQLite files as such
# (modes, WAL, damaged pages, backups through SQLite, the fuzzers'
# files), about the build, or run PostgreSQL clusters of their own
# (t/pg-*.t, which make check runs).
PG_TESTS = t/lifecycle.t t/queue.t t/due.t t/due-explain.t t/due-filter.t \
	t/law.t t/show.t t/next-race.t t/clock.t t/closures.t t/terms.t \
	t/catalogs.t t/concurrency.t t/intake-due.t \
	t/report.t t/report-morning.t t/report-html.t t/report-excel.t \
	t/report-chromium.t t/export.t t/anonymize.t t/views.t t/audit.t \
	t/admin.t \
	t/search.t t/users.t t/links.t t/correct.t t/intake-prompt.t \
	t/intake-prompt2.t t/intake-prompt3.t t/refused.t \
	t/intake-csv.t t/intake-fields.t t/intake-contact.t \
	t/intake-idempotent.t t/intake-mail.t t/mail-sort.t t/mail-loop.t \
	t/mail-postfix.t t/notify.t t/notify-hostile.t t/notify-sendmail.t \
	t/hostile-in.t t/web.t t/web-server.t t/web-browser.t t/completion.t
PG_CHECK = t/lifecycle.t t/law.t t/intake-csv.t t/intake-mail.t \
	t/mail-postfix.t t/search.t t/correct.t t/report.t t/audit.t \
	t/notify-sendmail.t t/web-server.t
MAN1 = man/rs-intake.1 man/rs-queue.1 man/rs-admin.1 man/rs-due.1 \
	man/rs-notify.1 man/rs-report.1 man/rs-web.1
MAN5 = man/rs-csv.5 man/rs-db.5
MAN7 = man/rs.7
EXAMPLES = share/rs/examples/web-form.csv share/rs/examples/correo-1.eml \
	share/rs/examples/correo-2.eml share/rs/examples/crontab \
	share/rs/examples/postfix-master.cf share/rs/examples/postfix-main.cf \
	share/rs/examples/procmailrc \
	share/rs/examples/desk.sh share/rs/examples/lighttpd.conf
TEMPLATES = share/rs/templates/acuse.txt share/rs/templates/constancia.txt \
	share/rs/templates/requerimiento.txt \
	share/rs/templates/prorroga_requerimiento.txt share/rs/templates/prorroga.txt \
	share/rs/templates/traslado.txt share/rs/templates/traslado_autoridad.txt \
	share/rs/templates/respuesta.txt \
	share/rs/templates/desistimiento.txt share/rs/templates/encuesta.txt \
	share/rs/templates/recordatorio.txt

all: $(BIN)

lib/librs.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(LIBOBJ): lib/rs.h lib/store.h
lib/util.o: lib/util.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/util.c
lib/time.o: lib/time.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/time.c
lib/calendar.o: lib/calendar.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/calendar.c
lib/terms.o: lib/terms.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/terms.c
lib/csv.o: lib/csv.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/csv.c
lib/output.o: lib/output.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/output.c
lib/users.o: lib/users.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/users.c
lib/search.o: lib/search.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/search.c
lib/db.o: lib/db.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/db.c
lib/request.o: lib/request.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/request.c
lib/lifecycle.o: lib/lifecycle.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/lifecycle.c
lib/correct.o: lib/correct.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/correct.c
lib/links.o: lib/links.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/links.c
lib/listing.o: lib/listing.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/listing.c
lib/store.o: lib/store.c lib/store.h lib/pg.h
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/store.c
lib/pg.o: lib/pg.c lib/store.h lib/pg.h
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/pg.c
lib/notices.o: lib/notices.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/notices.c
lib/pgschema.o: lib/pgschema.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/pgschema.c
lib/export.o: lib/export.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/export.c
lib/report.o: lib/report.c lib/report.h
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/report.c
lib/report-model.o: lib/report-model.c lib/report.h
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/report-model.c
lib/report-out.o: lib/report-out.c lib/report.h
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/report-out.c
lib/report-mail.o: lib/report-mail.c lib/report.h lib/rs.h
	$(CC) $(RS_CPPFLAGS) $(MAIL_CFLAGS) $(CFLAGS) -c -o $@ lib/report-mail.c
lib/template.o: lib/template.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -DRS_SHAREDIR='"$(SHAREDIR)"' -c -o $@ lib/template.c
lib/documents.o: lib/documents.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/documents.c
lib/mailbox.o: lib/mailbox.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/mailbox.c
lib/html.o: lib/html.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/html.c
lib/form.o: lib/form.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/form.c
lib/web.o: lib/web.c
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ lib/web.c
lib/mail.o: lib/mail.c lib/rs.h
	$(CC) $(RS_CPPFLAGS) $(MAIL_CFLAGS) $(CFLAGS) -c -o $@ lib/mail.c
lib/multipart.o: lib/multipart.c lib/rs.h
	$(CC) $(RS_CPPFLAGS) $(MAIL_CFLAGS) $(CFLAGS) -c -o $@ lib/multipart.c

rs-intake: cmd/rs-intake.c lib/rs.h lib/librs.a $(MAILOBJ)
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-intake.c $(MAILOBJ) lib/librs.a $(LIBS) $(MAIL_LIBS)
rs-notify: cmd/rs-notify.c lib/rs.h lib/librs.a $(MAILOBJ)
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-notify.c $(MAILOBJ) lib/librs.a $(LIBS) $(MAIL_LIBS)
rs-queue: cmd/rs-queue.c lib/rs.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-queue.c lib/librs.a $(LIBS)
rs-admin: cmd/rs-admin.c lib/rs.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-admin.c lib/librs.a $(LIBS)
rs-report: cmd/rs-report.c lib/rs.h lib/report.h lib/librs.a $(MAILOBJ) \
	    $(REPORTMAILOBJ)
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-report.c $(REPORTMAILOBJ) $(MAILOBJ) lib/librs.a $(LIBS) $(MAIL_LIBS)
rs-web: cmd/rs-web.c lib/rs.h lib/librs.a $(MAILOBJ)
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-web.c $(MAILOBJ) lib/librs.a $(LIBS) $(MAIL_LIBS)
rs-due: cmd/rs-due.c lib/rs.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/rs-due.c lib/librs.a $(LIBS)

t/unit/time.t: t/unit/time.c t/unit/tap.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/time.c lib/librs.a $(LIBS)
t/unit/calendar.t: t/unit/calendar.c t/unit/tap.h t/unit/days.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/calendar.c lib/librs.a $(LIBS)
t/unit/clock.t: t/unit/clock.c t/unit/tap.h t/unit/days.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/clock.c lib/librs.a $(LIBS)
t/unit/holidays.t: t/unit/holidays.c t/unit/tap.h t/unit/days.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/holidays.c lib/librs.a $(LIBS)
t/unit/terms.t: t/unit/terms.c t/unit/tap.h t/unit/days.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/terms.c lib/librs.a $(LIBS)
t/unit/html.t: t/unit/html.c t/unit/tap.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/html.c lib/librs.a $(LIBS)
t/unit/template.t: t/unit/template.c t/unit/tap.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/template.c lib/librs.a $(LIBS)
t/unit/mail.t: t/unit/mail.c t/unit/tap.h lib/librs.a $(MAILOBJ)
	$(CC) $(RS_CPPFLAGS) $(MAIL_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/mail.c $(MAILOBJ) lib/librs.a $(LIBS) $(MAIL_LIBS)
t/unit/csv.t: t/unit/csv.c lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/unit/csv.c lib/librs.a $(LIBS)

# the office's schema on PostgreSQL as a psql script, for t/pg-schema.t
t/pgbase: t/pgbase.c lib/rs.h lib/librs.a
	$(CC) $(RS_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ t/pgbase.c lib/librs.a $(LIBS)

# Installs what a fresh Debian machine lacks (or says how), then nothing.
deps:
	@sh scripts/deps.sh

check: deps
	@$(MAKE) all $(UNIT)
	@$(MAKE) lint fuzz-replay
	prove -e '' $(UNIT) t/*.t
	sh t/pg-suite.sh $(PG_CHECK)

# Every file of PG_TESTS on PostgreSQL (some six minutes more).
check-pg: deps
	@$(MAKE) all
	sh t/pg-suite.sh $(PG_TESTS)

# The whole suite again under AddressSanitizer and UBSan; rebuilds
# everything instrumented, then cleans so a plain build follows.
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
check-asan: deps
	@$(MAKE) clean
	@$(MAKE) CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" all $(UNIT) fuzz-replay
	ASAN_OPTIONS=detect_leaks=0 prove -e '' $(UNIT) t/*.t
	@$(MAKE) clean

# The fuzz targets built with the C compiler under ASan/UBSan, for
# t/fuzz-corpus.t to replay the corpus; `make fuzz` runs them for real.
fuzz-replay:
	@CC="$(CC)" RS_CPPFLAGS="$(RS_CPPFLAGS)" PKG_CFLAGS="$(PKG_CFLAGS)" \
	    MAIL_CFLAGS="$(MAIL_CFLAGS)" LIBS="$(LIBS)" MAIL_LIBS="$(MAIL_LIBS)" \
	    sh scripts/fuzz-replay.sh

FUZZTIME = 60
fuzz:
	@sh scripts/deps.sh clang afl++
	@RS_CPPFLAGS="$(RS_CPPFLAGS)" PKG_CFLAGS="$(PKG_CFLAGS)" \
	    MAIL_CFLAGS="$(MAIL_CFLAGS)" LIBS="$(LIBS)" MAIL_LIBS="$(MAIL_LIBS)" \
	    FUZZTIME="$(FUZZTIME)" sh scripts/fuzz.sh

lint:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7)

demo: deps
	@$(MAKE) all
	sh scripts/demo.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(SHAREDIR)/examples $(DESTDIR)$(SHAREDIR)/templates \
	    $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR)
	cp $(BIN) $(DESTDIR)$(BINDIR)/
	cd $(DESTDIR)$(BINDIR) && chmod 755 $(BIN)
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	cp $(EXAMPLES) $(DESTDIR)$(SHAREDIR)/examples/
	cp $(TEMPLATES) $(DESTDIR)$(SHAREDIR)/templates/
	for b in $(BIN); do \
		cp completions/rs.bash $(DESTDIR)$(BASHCOMPDIR)/$$b || exit 1; \
	done
	cp completions/_rs $(DESTDIR)$(ZSHCOMPDIR)/_rs

uninstall:
	cd $(DESTDIR)$(BINDIR) && rm -f $(BIN)
	rm -f $(DESTDIR)$(MANDIR)/man1/rs-intake.1 \
	    $(DESTDIR)$(MANDIR)/man1/rs-queue.1 \
	    $(DESTDIR)$(MANDIR)/man1/rs-admin.1 \
	    $(DESTDIR)$(MANDIR)/man1/rs-due.1 \
	    $(DESTDIR)$(MANDIR)/man1/rs-notify.1 \
	    $(DESTDIR)$(MANDIR)/man1/rs-report.1 \
	    $(DESTDIR)$(MANDIR)/man1/rs-web.1 \
	    $(DESTDIR)$(MANDIR)/man5/rs-csv.5 $(DESTDIR)$(MANDIR)/man5/rs-db.5 \
	    $(DESTDIR)$(MANDIR)/man7/rs.7
	cd $(DESTDIR)$(SHAREDIR)/examples 2>/dev/null && rm -f web-form.csv \
	    correo-1.eml correo-2.eml crontab postfix-master.cf \
	    postfix-main.cf procmailrc \
	    desk.sh lighttpd.conf; true
	cd $(DESTDIR)$(SHAREDIR)/templates 2>/dev/null && rm -f acuse.txt \
	    constancia.txt requerimiento.txt prorroga_requerimiento.txt \
	    prorroga.txt traslado.txt \
	    traslado_autoridad.txt \
	    respuesta.txt desistimiento.txt encuesta.txt recordatorio.txt; true
	-rmdir $(DESTDIR)$(SHAREDIR)/examples $(DESTDIR)$(SHAREDIR)/templates \
	    $(DESTDIR)$(SHAREDIR) 2>/dev/null
	cd $(DESTDIR)$(BASHCOMPDIR) && rm -f $(BIN)
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_rs

clean:
	rm -f $(BIN) $(LIBOBJ) $(MAILOBJ) $(REPORTMAILOBJ) lib/librs.a $(UNIT) \
	    t/pgbase
	rm -rf t/trash demo.db demo.db-wal demo.db-shm demo fuzz/build

.PHONY: all deps check check-pg check-asan fuzz fuzz-replay lint demo install uninstall clean
