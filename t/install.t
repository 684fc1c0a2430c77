#!/bin/sh
# make install puts everything where Debian and the BSDs expect it, the
# installed programs run from there and find their templates, and make
# uninstall removes exactly what install put.
. "$(dirname "$0")/lib.sh"
plan 8

root=$trash/root
check 'make install DESTDIR=... PREFIX=/usr' \
    "make -s -C '$top' install DESTDIR='$root' PREFIX=/usr >/dev/null"
check_out 'the programs, pages, templates and completions' \
    "cd '$root' && find . -type f | sort" <<'EOF'
./usr/bin/rs-admin
./usr/bin/rs-due
./usr/bin/rs-intake
./usr/bin/rs-notify
./usr/bin/rs-queue
./usr/bin/rs-report
./usr/bin/rs-web
./usr/share/bash-completion/completions/rs-admin
./usr/share/bash-completion/completions/rs-due
./usr/share/bash-completion/completions/rs-intake
./usr/share/bash-completion/completions/rs-notify
./usr/share/bash-completion/completions/rs-queue
./usr/share/bash-completion/completions/rs-report
./usr/share/bash-completion/completions/rs-web
./usr/share/man/man1/rs-admin.1
./usr/share/man/man1/rs-due.1
./usr/share/man/man1/rs-intake.1
./usr/share/man/man1/rs-notify.1
./usr/share/man/man1/rs-queue.1
./usr/share/man/man1/rs-report.1
./usr/share/man/man1/rs-web.1
./usr/share/man/man5/rs-csv.5
./usr/share/man/man5/rs-db.5
./usr/share/man/man7/rs.7
./usr/share/rs/examples/correo-1.eml
./usr/share/rs/examples/correo-2.eml
./usr/share/rs/examples/crontab
./usr/share/rs/examples/desk.sh
./usr/share/rs/examples/postfix-main.cf
./usr/share/rs/examples/postfix-master.cf
./usr/share/rs/examples/procmailrc
./usr/share/rs/examples/web-form.csv
./usr/share/rs/templates/acuse.txt
./usr/share/rs/templates/constancia.txt
./usr/share/rs/templates/desistimiento.txt
./usr/share/rs/templates/encuesta.txt
./usr/share/rs/templates/prorroga.txt
./usr/share/rs/templates/prorroga_requerimiento.txt
./usr/share/rs/templates/recordatorio.txt
./usr/share/rs/templates/requerimiento.txt
./usr/share/rs/templates/respuesta.txt
./usr/share/rs/templates/traslado.txt
./usr/share/rs/templates/traslado_autoridad.txt
./usr/share/zsh/site-functions/_rs
EOF
bin=$root/usr/bin
check 'the installed programs run' \
    "'$bin/rs-admin' init && '$bin/rs-admin' config sender oficina@example.gov.co &&
     '$bin/rs-intake' -n 2024-08-13T10:00 -c web -t peticion -N Ana -e ana@x.co -s Pago >/dev/null"
check 'the installed rs-notify finds its templates (no RS_TEMPLATES)' \
    "env -u RS_TEMPLATES '$bin/rs-notify' -n 2024-08-13T10:05 acuse RS-2024-000001 >out.mbox &&
     grep -q '^Subject: ' out.mbox && grep -q RS-2024-000001 out.mbox"
check 'the installed pages are clean for mandoc' \
    "mandoc -Tlint -Wwarning '$root'/usr/share/man/man*/*"
check 'make uninstall' \
    "make -s -C '$top' uninstall DESTDIR='$root' PREFIX=/usr >/dev/null"
check_out '... leaves no file behind' "cd '$root' && find . -type f" </dev/null
check_out '... nor the directories of rs' \
    "cd '$root' && find . -path '*rs*' -type d" </dev/null
done_testing
