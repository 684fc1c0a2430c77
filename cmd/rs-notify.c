/* rs-notify - the notices the law and the protocols require (DESIGN §7) */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"

static const char usage_text[] =
    "usage: rs-notify [-F] [-d db] [-M dir | -p | -s] [-n datetime] [-u user] "
    "[--strict]\n"
    "                 kind [id ...]\n"
    "       rs-notify [-d db] [-M dir | -s] [-n datetime] [-u user] "
    "[--to address]\n"
    "                 recordatorio [id ...]\n";

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

static void
help(void)
{
	fputs(usage_text, stdout);
	rs_stdout_close();
	exit(0);
}

/* The kinds of DESIGN §1; recordatorio goes to the office's people, not
 * the requester. */
static const char *const kinds[] = {
	"acuse", "constancia", "requerimiento", "prorroga_requerimiento",
	"prorroga", "traslado", "respuesta", "desistimiento", "encuesta",
	"recordatorio", NULL
};

/* Ley 1755 de 2015: the names the law gives the types, for people */
static const struct {
	const char *value, *label;
} labels[] = {
	{ "peticion", "petición" }, { "queja", "queja" },
	{ "reclamo", "reclamo" }, { "sugerencia", "sugerencia" },
	{ "denuncia", "denuncia" }, { "felicitacion", "felicitación" },
	{ "informacion", "solicitud de documentos o información" },
	{ "consulta", "consulta" },
	{ "autoridad", "petición de otra autoridad" },
	{ "presencial", "atención presencial" },
	{ "telefonico", "línea telefónica" },
	{ "correo", "correo electrónico" }, { "web", "formulario web" },
	{ "escrito", "comunicación escrita" },
	{ NULL, NULL }
};

enum { DELIVER_MBOX, DELIVER_MAILDIR, DELIVER_SENDMAIL, DELIVER_PRINT };

static struct rs_db	*db;
static struct rs_calendar cal;
static int		 force, strict, deliver = DELIVER_MBOX;
static const char	*maildir, *reminders_to;
static rs_time		 now;
static const char	*actor;
static char		*sender, *office_dir, *domain, *prefix, *bounce_base;
static int		 failures, pending;
/* standard output stopped taking notices: its errno; and how many went */
static int		 stopped;
static long		 delivered;
/* the acuse's code, until the acuse is recorded */
static char		 acuse_code[RS_CODE_LEN], acuse_id[64];
/* on paper, what heads the letter: the name and the postal address */
static const char	*letter_head;

static const char *
label(const char *value)
{
	size_t i;

	for (i = 0; value && labels[i].value; i++)
		if (strcmp(labels[i].value, value) == 0)
			return labels[i].label;
	return value ? value : "";
}

static void
set_long_date(struct rs_vars *v, const char *name, const char *date)
{
	char buf[64];
	rs_day d;

	if (date && rs_parse_date(date, &d) == 0) {
		rs_format_long_date(d, buf, sizeof(buf));
		rs_vars_set(v, name, buf);
	} else
		rs_vars_set(v, name, "");
}

static void
set_long_time(struct rs_vars *v, const char *name, const char *when)
{
	char buf[96], day[64];
	rs_time t;
	int secs;

	if (when && rs_parse_datetime(when, &t) == 0) {
		rs_format_long_date(rs_local_day(t, &secs), day, sizeof(day));
		snprintf(buf, sizeof(buf), "%s a las %02d:%02d", day,
		    secs / 3600, secs / 60 % 60);
		rs_vars_set(v, name, buf);
	} else
		rs_vars_set(v, name, "");
}

/* "8:00 a. m." from "08:00" */
static void
spoken_clock(const char *hhmm, struct rs_buf *b)
{
	int secs = rs_parse_clock(hhmm), h, m;

	if (secs < 0) {
		rs_buf_adds(b, hhmm);
		return;
	}
	h = secs / 3600;
	m = secs / 60 % 60;
	if (h == 12 && m == 0)
		rs_buf_adds(b, "12:00 m.");
	else
		rs_buf_addf(b, "%d:%02d %s", h > 12 ? h - 12 : h, m,
		    h < 12 ? "a. m." : "p. m.");
}

/* "de 8:00 a. m. a 12:00 m. y de 1:00 p. m. a 4:00 p. m." */
static char *
spoken_hours(const char *hours)
{
	struct rs_buf b = { 0 };
	char *copy = rs_strdup(hours), *range, *save = NULL, *dash;
	int n = 0;

	for (range = strtok_r(copy, ",", &save); range;
	    range = strtok_r(NULL, ",", &save)) {
		if ((dash = strchr(range, '-')) == NULL)
			continue;
		*dash = '\0';
		rs_buf_adds(&b, n++ ? " y de " : "de ");
		spoken_clock(range, &b);
		rs_buf_adds(&b, " a ");
		spoken_clock(dash + 1, &b);
	}
	free(copy);
	return b.s ? b.s : rs_strdup("");
}

/*
 * Position in the queue and an estimate of the wait from the recent
 * service rate: answers of the last 20 business days (protocol 6.2 and
 * 6.3: tell how long, approximately, the wait will be).
 */
static void
set_queue(struct rs_vars *v, int64_t seq, const char *due)
{
	rs_day today, from;
	char fromdate[RS_DATE_LEN], buf[160], longdue[64];
	long position, answered;
	rs_day d;

	position = rs_queue_position(db, seq);
	snprintf(buf, sizeof(buf), "%ld", position);
	rs_vars_set(v, "turno", buf);

	today = rs_local_day(now, NULL);
	from = today;
	for (d = 0; d < 20; d++)
		do
			from--;
		while (!rs_business_day(&cal, from));
	rs_format_date(from, fromdate);
	answered = rs_answers_after(db, fromdate);
	if (answered > 0) {
		long days = (position * 20 + answered - 1) / answered;

		if (days <= 1)
			snprintf(buf, sizeof(buf), "un día hábil");
		else
			snprintf(buf, sizeof(buf), "unos %ld días hábiles",
			    days);
	} else if (due && rs_parse_date(due, &d) == 0) {
		rs_format_long_date(d, longdue, sizeof(longdue));
		snprintf(buf, sizeof(buf), "el tiempo que permita la fila, en "
		    "todo caso antes del %s", longdue);
	} else
		snprintf(buf, sizeof(buf), "el menor tiempo posible");
	rs_vars_set(v, "espera", buf);
}

static void
set_detail(struct rs_vars *v, const char *name, int64_t seq,
    const char *kind, const char *key)
{
	char *s = rs_last_detail(db, seq, kind, key);

	rs_vars_set(v, name, s);
	free(s);
}

/* The due date the last extension replaced (art. 14 parágrafo). */
static void
set_before_extension(struct rs_vars *v, int64_t seq)
{
	char *due = rs_due_before_extension(db, seq);

	set_long_date(v, "vence_inicial", due);
	free(due);
}

/* The office's own placeholders, from the settings. */
static void
set_office(struct rs_vars *v)
{
	static const char *const map[][2] = {
		{ "oficina", "office_name" },
		{ "telefono_oficina", "office_phone" },
		{ "correo_oficina", "office_email" },
		{ "direccion_oficina", "office_address" },
	};
	char *s, *h;
	char day[64];
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		s = rs_setting(db, map[i][1]);
		rs_vars_set(v, map[i][0], s);
		free(s);
	}
	s = rs_setting(db, "hours");
	h = spoken_hours(s);
	rs_vars_set(v, "horario", h);
	free(h);
	free(s);
	rs_format_long_date(rs_local_day(now, NULL), day, sizeof(day));
	rs_vars_set(v, "fecha_hoy", day);
}

/* The notice was delivered: record it, and its event, at once. */
static void
record(int64_t seq, const char *kind, const char *to, const char *msgid,
    const char *via, const char *envelope)
{
	struct rs_buf details = { 0 };
	char at[RS_DATETIME_LEN], limit[RS_DATE_LEN], *due;
	int64_t notice;

	rs_format_datetime(now, at);
	rs_db_begin(db);
	notice = rs_notice_record(db, seq, kind, to, msgid, via, at, actor,
	    envelope);
	rs_buf_adds(&details, "{\"kind\":");
	rs_json_add(&details, kind);
	/* the address by reference to its row of notices, which anonymize
	 * clears: never in the chain (Ley 1581 de 2012) */
	rs_buf_addf(&details, ",\"notice\":%lld", (long long)notice);
	rs_buf_adds(&details, ",\"message_id\":");
	rs_json_add(&details, msgid);
	rs_buf_adds(&details, ",\"via\":");
	rs_json_add(&details, via);
	/* Ley 1755 art. 17: the month to comply runs from this notice */
	if (strcmp(kind, "requerimiento") == 0 &&
	    rs_hold_notified(db, &cal, seq, limit))
		rs_json_str(&details, "hold_limit", limit);
	rs_buf_addc(&details, '}');
	if (strcmp(kind, "acuse") == 0 && *acuse_code)
		rs_code_keep(db, seq, acuse_id, acuse_code, at, "acuse");
	/* a notice changes nothing of the clock: the due date stays */
	due = rs_request_due(db, seq);
	rs_event_append(db, seq, at, actor, "notice", rs_buf_str(&details),
	    due);
	free(due);
	rs_db_commit(db);
	rs_buf_free(&details);
}

/*
 * What goes to standard output is delivered once all of it is written
 * and, into a pipe, once its reader has taken all of it: a reader that
 * stops half-way (`| head -c 1000`) must not leave a notice on record
 * that nobody got.  Else the notices stop here, with status 74.
 */
static int
stdout_delivered(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout) &&
	    rs_fd_drained(STDOUT_FILENO) == 0)
		return 0;
	stopped = errno ? errno : EIO;
	return EX_IOERR;
}

/* Say what standard output took before it stopped, and what is left. */
static void __attribute__((noreturn))
stopped_die(size_t left, size_t total, const char *what)
{
	struct rs_buf why = { 0 };

	if (stopped == EPIPE)
		rs_buf_adds(&why, "stdout closed");
	else
		rs_buf_addf(&why, "stdout: %s", strerror(stopped));
	rs_die(EX_IOERR, "%s after %ld notice%s; %zu of %zu %s left pending: "
	    "run again", rs_buf_str(&why), delivered, delivered == 1 ? "" :
	    "s", left, total, what);
}

/* Deliver one message; 0 when it is out, else the exit status to use. */
static int
deliver_one(const char *id, const char *to, const char *text,
    const char *subject, const char *body, const char *envelope,
    const char **via)
{
	struct rs_buf why = { 0 };
	const char *program;
	char *path;
	size_t taken;
	int st;

	switch (deliver) {
	case DELIVER_PRINT:
		*via = "print";
		if (letter_head && *letter_head)
			printf("%s\n\n", letter_head);
		printf("%s\n\n%s", subject, body);
		if (*body && body[strlen(body) - 1] != '\n')
			putchar('\n');
		printf("\f");
		return stdout_delivered();
	case DELIVER_MAILDIR:
		*via = "maildir";
		if (rs_maildir_deliver(maildir, text, &path, &why, &st) ==
		    -1) {
			rs_warn("%s: %s", id, rs_buf_str(&why));
			rs_buf_free(&why);
			return st;
		}
		free(path);
		return 0;
	case DELIVER_SENDMAIL:
		*via = "sendmail";
		program = getenv("RS_SENDMAIL");
		if (program == NULL || *program == '\0')
			program = "/usr/sbin/sendmail";
		st = rs_sendmail(program, envelope, to, text, &taken);
		if (st == 0)
			return 0;
		if (st == -1 && errno == EPIPE) {
			rs_warn("%s: %s read %zu of %zu bytes and exited 0; "
			    "not sent", id, program, taken, strlen(text));
			return EX_IOERR;
		}
		if (st == -1) {
			rs_warn("%s: %s: %s", id, program, strerror(errno));
			return EX_UNAVAILABLE;
		}
		if (st == EX_TEMPFAIL) {
			rs_warn("%s: sendmail said try later; left pending",
			    id);
			return EX_TEMPFAIL;
		}
		rs_warn("%s: sendmail exited %d; not sent", id, st);
		return EX_UNAVAILABLE;
	default:
		*via = "mbox";
		/* the From_ line is the mbox's framing, not a return path */
		if (rs_mbox_write(stdout, sender, now, text) == -1) {
			stopped = errno ? errno : EIO;
			return EX_IOERR;
		}
		return stdout_delivered();
	}
}

/* The last requirement was made late: on record, to be notified, while
 * the request stays open and its clock runs (Ley 1755 art. 17). */
static int
late_hold(int64_t seq, const char *status)
{
	char *stops;
	int late;

	if (strcmp(status, "radicada") && strcmp(status, "asignada"))
		return 0;
	stops = rs_last_detail(db, seq, "hold", "stops");
	late = strcmp(stops, "0") == 0;
	free(stops);
	return late;
}

/* The notices that notify the requester of a decision (Ley 1437 arts.
 * 56 and 67): their access counts, so they ask for a read receipt. */
static int
notifies(const char *kind)
{
	static const char *const decisions[] = {
		"requerimiento", "prorroga", "traslado", "traslado_autoridad",
		"respuesta", "desistimiento", NULL
	};
	size_t i;

	for (i = 0; decisions[i]; i++)
		if (strcmp(decisions[i], kind) == 0)
			return 1;
	return 0;
}

/* Render and deliver; *status is set on failure. */
static void
send_rendered(const char *id, int64_t seq, const char *kind,
    const struct rs_vars *v, const char *to, const char *to_name,
    const struct rs_attachment *docs, size_t ndocs)
{
	struct rs_message m = { 0 };
	struct rs_buf subject = { 0 }, msgid = { 0 }, extra = { 0 };
	struct rs_buf envelope = { 0 }, tag = { 0 };
	long n;
	const char *err, *via = "mbox", *line, *nl;
	char *path, *headers = NULL, *body = NULL, *text = NULL;
	int st;

	if (stopped)	/* standard output took no more */
		return;
	if ((path = rs_template_path(office_dir, kind)) == NULL) {
		rs_warn("%s: no template for %s", id, kind);
		failures = EX_CONFIG;
		return;
	}
	if (rs_template_render(path, v, &headers, &body, &err) == -1) {
		rs_warn("%s", err);
		free(path);
		failures = rs_template_status();
		return;
	}
	free(path);
	/* the template's headers: Subject, and any other it sets */
	for (line = headers; line && *line; line = nl ? nl + 1 : NULL) {
		size_t n;

		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		if (n > 9 && strncasecmp(line, "Subject: ", 9) == 0)
			rs_buf_add(&subject, line + 9, n - 9);
		else if (n > 0) {
			rs_buf_add(&extra, line, n);
			rs_buf_addc(&extra, '\n');
		}
		if (nl == NULL)
			break;
	}
	/* stable per request, kind and sending: a run that did not get
	 * to record it sends the same message; a second one (-F, a
	 * second requirement) is another, so that a bounce names the one
	 * it returns.  A reminder is new each time. */
	if (seq > 0) {
		n = rs_notices_sent(db, seq, kind) + 1;
		if (n > 1)
			rs_buf_addf(&tag, "%s-%ld", kind, n);
		else
			rs_buf_adds(&tag, kind);
		rs_buf_addf(&msgid, "%s.%s@%s", rs_buf_str(&tag), id, domain);
	} else {
		/* a run writes a reminder to each person: one id each */
		static int letters;

		rs_buf_addf(&msgid, "%s.%lld.%ld.%d@%s", kind, (long long)now,
		    (long)getpid(), ++letters, domain);
	}
	/* on paper: the text, no message and no address needed */
	if (deliver == DELIVER_PRINT) {
		if ((st = deliver_one(id, to, NULL, rs_buf_str(&subject),
		    body, NULL, &via)) != 0) {
			failures = st;
			goto out;
		}
		delivered++;
		if (seq > 0)
			record(seq, kind, *to ? to : "(impresa)", "", via,
			    NULL);
		goto out;
	}
	/* the return path names the notice, so that its bounce comes back
	 * to it and never to the intake mailbox as a new request */
	if (seq > 0) {
		const char *base = *bounce_base ? bounce_base : sender;
		const char *at = strrchr(base, '@');

		rs_buf_addf(&envelope, "%.*s+%s.%s%s", (int)(at - base), base,
		    rs_buf_str(&tag), id, at);
		if (rs_address_check(rs_buf_str(&envelope)) != NULL) {
			rs_buf_reset(&envelope);
			rs_buf_adds(&envelope, base);
		}
	} else
		rs_buf_adds(&envelope, *bounce_base ? bounce_base : sender);
	m.from = sender;
	m.auto_submitted = strcmp(kind, "acuse") == 0 ? "auto-replied" :
	    "auto-generated";
	/* what notifies a decision asks for a read receipt, to the return
	 * path that names it (Ley 1437 art. 56) */
	if (seq > 0 && notifies(kind))
		m.receipt_to = rs_buf_str(&envelope);
	m.docs = docs;
	m.ndocs = ndocs;
	m.from_name = rs_vars_get(v, "oficina");
	m.to = to;
	m.to_name = to_name;
	m.subject = rs_buf_str(&subject);
	m.message_id = rs_buf_str(&msgid);
	m.headers = extra.len ? rs_buf_str(&extra) : NULL;
	m.body = body;
	m.date = now;
	if ((text = rs_message_compose(&m, &err)) == NULL) {
		rs_warn("%s: %s: refused: %s", id, kind, err);
		failures = EX_DATAERR;
		goto out;
	}
	if ((st = deliver_one(id, to, text, m.subject, body,
	    rs_buf_str(&envelope), &via)) != 0) {
		if (st == EX_TEMPFAIL)
			pending = 1;
		else
			failures = st;
		goto out;
	}
	delivered++;
	if (seq > 0)
		record(seq, kind, to, m.message_id, via,
		    rs_buf_str(&envelope));
out:
	free(text);
	free(headers);
	free(body);
	rs_buf_free(&subject);
	rs_buf_free(&msgid);
	rs_buf_free(&extra);
	rs_buf_free(&envelope);
	rs_buf_free(&tag);
}

/* "Superintendencia <radicacion@x.gov.co>": the name, and the address
 * when there is a good one (else NULL). */
static void
authority_split(const char *text, char **name, char **addr)
{
	const char *lt, *gt;
	char *a;

	*addr = NULL;
	if (text == NULL)
		text = "";
	lt = strrchr(text, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt && gt[1] == '\0') {
		a = rs_strndup(lt + 1, (size_t)(gt - lt - 1));
		if (rs_address_check(a) == NULL) {
			*addr = a;
			while (lt > text && lt[-1] == ' ')
				lt--;
			*name = rs_strndup(text, (size_t)(lt - text));
			if (**name == '\0') {
				free(*name);
				*name = rs_strdup(a);
			}
			return;
		}
		free(a);
	} else if (strchr(text, '@') && rs_address_check(text) == NULL)
		*addr = rs_strdup(text);
	*name = rs_strdup(text);
}

static void
notify(const char *kind, const char *id)
{
	struct rs_vars *v;
	struct rs_notified r;
	const char *c, *email, *name, *sal, *status, *text, *address;
	const char *rep_name, *rep_email;
	struct rs_buf saludo = { 0 }, term = { 0 }, head = { 0 };
	char *to = NULL, *to_name = NULL;
	struct rs_attachment *docs = NULL;
	size_t ndocs = 0;
	char *authority = NULL, *authority_addr = NULL, *survivor = NULL;
	int64_t seq, answer_seq;
	int n, no_requester = 0, anonymous;

	if (rs_notified_load(db, id, &r) == -1) {
		rs_warn("%s: no such request", id);
		failures = EX_DATAERR;
		return;
	}
	seq = r.seq;
	email = r.email;
	name = r.name;
	sal = r.salutation;
	status = r.status;
	anonymous = r.anonymous;
	address = r.address;
	rep_name = r.representative_name;
	rep_email = r.representative_email;
	if (rs_status_index(status) < 0) {
		/* a row changed behind rs (rs-admin check finds it) */
		rs_warn("%s: %s", id, rs_status_wrong(status));
		failures = EX_DATAERR;
		rs_notified_free(&r);
		return;
	}
	/* Ley 1437 art. 67: a representative is notified for the person,
	 * at the representative's address when there is one */
	if (rep_email && *rep_email)
		email = rep_email;

	if (!force && rs_notice_already_sent(db, seq, kind)) {
		rs_warn("%s: %s already sent (-F sends it again)", id, kind);
		rs_notified_free(&r);
		return;
	}
	/* a merged request is answered by the one it was merged into: its
	 * requester gets that answer, under the request's own radicado */
	answer_seq = seq;
	if (strcmp(kind, "respuesta") == 0 && strcmp(status, "cerrada") == 0 &&
	    (answer_seq = rs_merged_into(db, seq, &survivor)) != 0) {
		if (!rs_request_answered(db, answer_seq)) {
			rs_warn("%s: no respuesta to notify: merged into %s, "
			    "which is not answered yet", id, survivor);
			failures = EX_DATAERR;
			rs_notified_free(&r);
			free(survivor);
			return;
		}
	} else
		answer_seq = seq;
	/* each notice only where the request's history calls for it */
	if (strcmp(status, "anulada") == 0 ||
	    (strcmp(kind, "requerimiento") == 0 &&
	    strcmp(status, "en_espera") != 0 && !late_hold(seq, status)) ||
	    (strcmp(kind, "prorroga_requerimiento") == 0 &&
	    (strcmp(status, "en_espera") != 0 ||
	    !rs_hold_prolonged(db, seq))) ||
	    (strcmp(kind, "respuesta") == 0 && strcmp(status, "respondida") &&
	    strcmp(status, "cerrada")) ||
	    (strcmp(kind, "traslado") == 0 &&
	    strcmp(status, "trasladada") != 0) ||
	    (strcmp(kind, "desistimiento") == 0 &&
	    strcmp(status, "desistida") != 0) ||
	    (strcmp(kind, "prorroga") == 0 &&
	    r.extended_to == NULL)) {
		if (strcmp(kind, "prorroga") == 0 &&
		    strcmp(status, "anulada") != 0)
			rs_warn("%s: no prorroga to notify: the term was not "
			    "extended", id);
		else if (strcmp(kind, "prorroga_requerimiento") == 0 &&
		    strcmp(status, "en_espera") == 0)
			rs_warn("%s: no prorroga_requerimiento to notify: the "
			    "requester's month was not prolonged", id);
		else
			rs_warn("%s: no %s to notify: status is %s", id, kind,
			    status);
		failures = EX_DATAERR;
		rs_notified_free(&r);
		return;
	}
	/* nobody to write to; on paper the answer can still be posted
	 * where the public sees it (Ley 1437 art. 69) */
	if (anonymous && deliver != DELIVER_PRINT) {
		rs_warn("%s: no %s to notify: the request is anonymous (-p "
		    "prints it to post)", id, kind);
		failures = EX_DATAERR;
		if (strcmp(kind, "traslado") != 0) {
			rs_notified_free(&r);
			return;
		}
		no_requester = 1;
	} else if ((email == NULL || *email == '\0') &&
	    deliver != DELIVER_PRINT) {
		rs_warn("%s: no e-mail address to write to (-p prints it)",
		    id);
		failures = EX_DATAERR;
		/* the authority still gets the request it must answer */
		if (strcmp(kind, "traslado") != 0) {
			rs_notified_free(&r);
			return;
		}
		no_requester = 1;
	}

	v = rs_vars_new();
	set_office(v);
	rs_vars_set(v, "radicado", id);
	rs_vars_set(v, "nombre", name);
	/* protocol 5.1: "señor"/"señora" and the name the person uses */
	c = sal && strcmp(sal, "senora") == 0 ? "Señora" :
	    sal && strcmp(sal, "senor") == 0 ? "Señor" : "";
	rs_vars_set(v, "trato", c);
	rs_buf_addf(&saludo, "%s%s%s", c, *c ? " " : "", name);
	if (anonymous) {
		rs_buf_reset(&saludo);
		rs_buf_adds(&saludo, "Respetado(a) ciudadano(a)");
	} else if (rep_name && *rep_name) {
		rs_buf_reset(&saludo);
		rs_buf_addf(&saludo, "%s, en representación de %s", rep_name,
		    name);
	}
	rs_vars_set(v, "saludo", rs_buf_str(&saludo));
	rs_vars_set(v, "direccion", address ? address : "");
	rs_vars_set(v, "representante", rep_name ? rep_name : "");
	/* a letter by post carries its address */
	if (address && *address) {
		if (rep_name && *rep_name)
			rs_buf_addf(&head, "%s\nen representación de %s\n%s",
			    rep_name, name, address);
		else
			rs_buf_addf(&head, "%s%s%s\n%s", c, *c ? " " : "",
			    name, address);
	}
	rs_vars_set(v, "asunto", r.subject ? r.subject : "");
	rs_vars_set(v, "descripcion", r.description ? r.description : "");
	rs_vars_set(v, "canal", label(r.channel));
	rs_vars_set(v, "tipo", label(r.type));
	n = r.term_days;
	if (n > 0)
		rs_buf_addf(&term, "%d días hábiles", n);
	else
		rs_buf_adds(&term, "sin término legal");
	rs_vars_set(v, "termino", rs_buf_str(&term));
	set_long_time(v, "recibida", r.received_at);
	set_long_date(v, "radicacion_efectiva", r.effective_on);
	set_long_date(v, "vence", r.due_on);
	rs_vars_set(v, "equipo", r.team ? r.team : "");
	set_long_date(v, "limite", r.hold_limit);
	/* art. 17: the month runs from this very notice; a late
	 * requirement suspends nothing and sets no month */
	rs_vars_set(v, "suspende", "");
	rs_vars_set(v, "tardio", "");
	if (strcmp(kind, "requerimiento") == 0 &&
	    strcmp(status, "en_espera") == 0) {
		rs_vars_set(v, "suspende", "sí");
		if (r.hold_limit == NULL) {
			char limit[RS_DATE_LEN];

			rs_format_date(rs_hold_limit(&cal,
			    rs_local_day(now, NULL)), limit);
			set_long_date(v, "limite", limit);
		}
	} else if (strcmp(kind, "requerimiento") == 0)
		rs_vars_set(v, "tardio", "sí");
	set_long_date(v, "prorroga_hasta", r.extended_to);
	/* "Name <address>": the name for people, the address to send the
	 * request itself to (Ley 1755 art. 21) */
	authority_split(r.forwarded_to, &authority, &authority_addr);
	rs_vars_set(v, "autoridad", authority);
	rs_vars_set(v, "funcionario", r.assignee ? r.assignee : actor);
	set_queue(v, seq, r.due_on);
	set_detail(v, "falta", seq, "hold", "missing");
	set_detail(v, "motivos", seq, "extend", "reasons");
	set_detail(v, "respuesta", answer_seq, "answer", "text");
	set_detail(v, "por_que", answer_seq, "answer", "why");
	set_detail(v, "que_hara", answer_seq, "answer", "will_do");
	set_detail(v, "que_puede_hacer", answer_seq, "answer", "can_do");
	/* answered together: merged into another, or with an identical
	 * petition (Ley 1755 art. 22) */
	rs_vars_set(v, "fusionada_con", survivor ? survivor : "");
	set_detail(v, "identica_con", seq, "answer", "with");
	rs_vars_set(v, "identificacion", r.id_number ? r.id_number : "");
	rs_buf_reset(&term);
	rs_buf_addf(&term, "%s%s%s", email ? email : "",
	    email && *email && r.phone ? ", " : "", r.phone ? r.phone : "");
	if (address && *address)
		rs_buf_addf(&term, "%s%s", term.len ? ", " : "", address);
	rs_vars_set(v, "contacto", rs_buf_str(&term));
	{
		char *docs_text = rs_documents_text(db, seq);

		rs_vars_set(v, "documentos", docs_text);
		free(docs_text);
	}
	set_detail(v, "expreso", seq, "close", "withdrawn");
	set_before_extension(v, seq);
	if (strcmp(rs_vars_get(v, "expreso"), "0") == 0)
		rs_vars_set(v, "expreso", "");
	rs_vars_set(v, "vencidas", "");
	rs_vars_set(v, "por_vencer", "");
	rs_vars_set(v, "destinatario", "");
	/* the code to look the request up on the web page (rs-web): a
	 * new one in each acuse, kept (as a hash) once the acuse is out */
	acuse_code[0] = '\0';
	if (strcmp(kind, "acuse") == 0) {
		rs_code_make(acuse_code);
		snprintf(acuse_id, sizeof(acuse_id), "%s", id);
	}
	rs_vars_set(v, "codigo", acuse_code);

	if (strcmp(kind, "respuesta") == 0) {
		char *outcome = rs_last_detail(db, answer_seq, "answer",
		    "outcome");

		text = rs_vars_get(v, "respuesta");
		/* protocol 5.2: a negative answer goes out whole or not */
		if (strcmp(outcome, "negativa") == 0 &&
		    (!*rs_vars_get(v, "por_que") ||
		    !*rs_vars_get(v, "que_hara") ||
		    !*rs_vars_get(v, "que_puede_hacer"))) {
			rs_warn("%s: a negative answer needs its three parts "
			    "(protocol 5.2); not sent", id);
			failures = EX_DATAERR;
			free(outcome);
			goto out;
		}
		free(outcome);
		if (rs_answer_check(db, id, text, prefix, 0) > 0 && strict) {
			rs_warn("%s: not sent (--strict)", id);
			failures = EX_DATAERR;
			goto out;
		}
	}
	/* on paper with no mailbox, the notice is on record as sent to
	 * the postal address */
	to = rs_strdup(email && *email ? email : deliver == DELIVER_PRINT &&
	    address ? address : "");
	to_name = rs_strdup(email == rep_email && rep_name ? rep_name :
	    name);
	/* the answer goes with the documents given with it */
	if (strcmp(kind, "respuesta") == 0)
		docs = rs_documents_load(db, answer_seq, "answer", &ndocs);
	if (!no_requester) {
		letter_head = rs_buf_str(&head);
		send_rendered(id, seq, kind, v, to, to_name, docs, ndocs);
		letter_head = NULL;
	}
	rs_documents_free(docs, ndocs);
	docs = NULL;
	ndocs = 0;
	/* art. 21: the request goes to the authority, with what the
	 * requester brought; the notice above tells the requester.  On
	 * paper, the letter lists the documents to go with it. */
	if (strcmp(kind, "traslado") == 0) {
		if (authority_addr == NULL && deliver != DELIVER_PRINT)
			rs_warn("%s: no address for %s (rs-queue forward --to "
			    "'Name <address>'): send it the request and its "
			    "documents yourself (rs-queue docs)", id,
			    authority);
		else if (!force && rs_notice_already_sent(db, seq,
		    "traslado_autoridad"))
			rs_warn("%s: traslado_autoridad already sent (-F "
			    "sends it again)", id);
		else {
			if (deliver != DELIVER_PRINT)
				docs = rs_documents_load(db, seq, NULL,
				    &ndocs);
			send_rendered(id, seq, "traslado_autoridad", v,
			    authority_addr ? authority_addr : "", authority,
			    docs, ndocs);
			rs_documents_free(docs, ndocs);
			docs = NULL;
		}
	}
out:
	rs_notified_free(&r);
	free(survivor);
	free(authority);
	free(authority_addr);
	free(to);
	free(to_name);
	rs_vars_free(v);
	rs_buf_free(&saludo);
	rs_buf_free(&term);
	rs_buf_free(&head);
}

/*
 * The answer of a request reaches the requesters of those merged into
 * it, each at their own address under their own radicado; each once,
 * as any notice (-F: again).
 */
static void
notify_merged(const char *id)
{
	char **merged;
	int64_t seq;
	size_t i;

	if ((seq = rs_request_seq(db, id)) == 0)
		return;
	merged = rs_merged_list(db, seq);
	for (i = 0; merged[i]; i++) {
		int64_t m = rs_request_seq(db, merged[i]);

		if (force || !rs_notice_already_sent(db, m, "respuesta"))
			notify("respuesta", merged[i]);
		if (stopped)
			break;
	}
	rs_strings_free(merged);
}

/* A reminder being written: to whom, and the requests it lists. */
struct letter {
	struct rs_user	 u;		/* login NULL: the --to address */
	char		*team;		/* reminded as the team's coordinator */
	struct rs_buf	 late, soon;
};

static struct letter *letters;
static size_t nletters;

/* The letter to user u (or, NULL, to --to), started when new. */
static struct letter *
letter_for(const struct rs_user *u)
{
	size_t i;

	for (i = 0; i < nletters; i++)
		if (u == NULL ? letters[i].u.login == NULL :
		    letters[i].u.login &&
		    strcmp(letters[i].u.login, u->login) == 0)
			return &letters[i];
	letters = rs_realloc(letters, (nletters + 1) * sizeof(*letters));
	memset(&letters[nletters], 0, sizeof(*letters));
	if (u) {
		letters[nletters].u = *u;
		letters[nletters].u.login = rs_strdup(u->login);
		letters[nletters].u.name = rs_strdup(u->name);
		letters[nletters].u.email = rs_strdup(u->email);
		letters[nletters].u.team = u->team ? rs_strdup(u->team) : NULL;
	}
	return &letters[nletters++];
}

static void
letter_add(struct letter *l, int overdue, const char *line)
{
	rs_buf_adds(overdue ? &l->late : &l->soon, line);
}

/*
 * Who reads a request's line: with an empty users catalog, the --to
 * address alone, as always; with one, the people lib/users.c names,
 * else --to; else nobody, which is said.
 */
static void
remind_route(const char *id, const char *assignee, const char *team,
    int overdue, const char *line, int catalog)
{
	struct rs_user *users;
	struct letter *l;
	size_t n = 0, i;

	if (catalog)
		n = rs_user_reminded(db, assignee, team, &users);
	for (i = 0; i < n; i++) {
		l = letter_for(&users[i]);
		if ((assignee == NULL || strcmp(assignee, users[i].login)) &&
		    l->team == NULL)
			l->team = rs_strdup(team);
		letter_add(l, overdue, line);
		rs_user_free(&users[i]);
	}
	if (catalog)
		free(users);
	if (n > 0)
		return;
	if (reminders_to) {
		letter_add(letter_for(NULL), overdue, line);
		return;
	}
	rs_warn("%s: no one to remind: no active assignee or coordinator of "
	    "%s%s with an e-mail (rs-admin users), and no --to", id,
	    team ? "team " : "its team", team ? team : "");
	failures = EX_DATAERR;
}

/* One request of a reminder, its line routed to its readers. */
struct remind_one {
	rs_day		 today;
	int		 catalog;
	struct rs_buf	 line;
};

static void
remind_row(void *arg, const struct rs_listed *r)
{
	struct remind_one *o = arg;
	char longday[64], *name;
	rs_day due;

	if (r->due_on == NULL || rs_parse_date(r->due_on, &due) == -1)
		return;
	name = rs_user_name(db, r->assignee);
	rs_format_long_date(due, longday, sizeof(longday));
	rs_buf_reset(&o->line);
	rs_buf_addf(&o->line, "- %s, vence el %s: %s (%s)\n", r->id, longday,
	    r->subject ? r->subject : "", name ? name : r->assignee ?
	    r->assignee : "sin asignar");
	remind_route(r->id, r->assignee, r->team, due < o->today,
	    rs_buf_str(&o->line), o->catalog);
	free(name);
}

/*
 * recordatorio: the requests given, each to whoever must act on it, one
 * letter a person greeted by name; or, with no users catalog, all in
 * one message to the office's address.
 */
static void
remind(char **ids, size_t n)
{
	struct rs_vars *v;
	struct remind_one o = { 0 };
	struct letter *l;
	size_t i, left = 0;
	int catalog = !rs_users_empty(db);

	if (!catalog && reminders_to == NULL)
		rs_die(EX_USAGE, "recordatorio: expected --to address (the "
		    "users catalog is empty: rs-admin users)");
	/* without a catalog, the office's letter, as before it */
	if (!catalog)
		letter_for(NULL);
	o.today = rs_local_day(now, NULL);
	o.catalog = catalog;
	for (i = 0; i < n; i++)
		if (rs_request_reminded(db, ids[i], remind_row, &o) == -1) {
			rs_warn("%s: no such request", ids[i]);
			failures = EX_DATAERR;
		}
	for (i = 0; i < nletters; i++) {
		l = &letters[i];
		v = rs_vars_new();
		set_office(v);
		rs_vars_set(v, "destinatario", l->u.login ? l->u.name :
		    reminders_to);
		rs_vars_set(v, "coordinacion", l->team ? l->team : "");
		rs_vars_set(v, "vencidas", l->late.len ?
		    rs_buf_str(&l->late) : "(ninguna)\n");
		rs_vars_set(v, "por_vencer", l->soon.len ?
		    rs_buf_str(&l->soon) : "(ninguna)\n");
		/* a person, or --to beside the catalog, hears of what
		 * there is; without a catalog the office's address gets
		 * its letter even when nothing is listed, as it did */
		if (!catalog || l->late.len || l->soon.len)
			send_rendered("recordatorio", 0, "recordatorio", v,
			    l->u.login ? l->u.email : reminders_to,
			    l->u.login ? l->u.name : NULL, NULL, 0);
		if (stopped && left == 0)
			left = nletters - i;
		rs_vars_free(v);
		rs_user_free(&l->u);
		free(l->team);
		rs_buf_free(&l->late);
		rs_buf_free(&l->soon);
	}
	free(letters);
	rs_buf_free(&o.line);
	if (stopped)
		stopped_die(left, nletters, "reminders");
}

/*
 * The radicados: the operands, else standard input, one a line or CSV
 * with an "id" column (rs-intake's, rs-queue's or rs-due's output).
 */
static char **
read_ids(size_t *n)
{
	struct rs_csv *csv;
	const char *err;
	char **cells, **ids = NULL;
	int k, col = -1, i;

	*n = 0;
	if ((csv = rs_csv_open(stdin, "stdin", NULL, &err)) == NULL)
		rs_die(EX_SOFTWARE, "%s", err);
	while ((k = rs_csv_read(csv, &cells)) > 0) {
		if (col == -1) {
			for (i = 0; i < k; i++)
				if (strcmp(cells[i], "id") == 0)
					col = i;
			if (col >= 0)
				continue;	/* a header */
			if (k != 1)
				rs_die(EX_DATAERR, "stdin:1: expected an id "
				    "column, or one radicado a line");
			col = 0;
		}
		if (*cells[col] == '\0')
			continue;
		ids = rs_realloc(ids, (*n + 1) * sizeof(*ids));
		ids[(*n)++] = rs_strdup(cells[col]);
	}
	if (k == -1)
		rs_die(EX_DATAERR, "stdin:%ld: %s", rs_csv_line(csv),
		    rs_csv_error(csv));
	rs_csv_close(csv);
	return ids;
}

enum { O_STRICT = 256, O_TO };

static const struct option longopts[] = {
	{ "strict",	no_argument,       NULL, O_STRICT },
	{ "to",		required_argument, NULL, O_TO },
	{ "help",	no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	const char *dbopt = NULL, *nowopt = NULL, *useropt = NULL, *kind;
	const char *why, *at;
	char **ids;
	size_t n, i;
	int ch;

	rs_setprogname(argv[0]);
	rs_signals();
	while ((ch = getopt_long(argc, argv, "+d:FhM:n:psu:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'h':
			help();
			break;
		case 'M':
			deliver = DELIVER_MAILDIR;
			maildir = optarg;
			break;
		case 'n':
			nowopt = optarg;
			break;
		case 'p':
			deliver = DELIVER_PRINT;
			break;
		case 's':
			deliver = DELIVER_SENDMAIL;
			break;
		case 'u':
			useropt = optarg;
			break;
		case 'V':
			printf("rs-notify %s\n", RS_VERSION);
			rs_stdout_close();
			return 0;
		case O_STRICT:
			strict = 1;
			break;
		case O_TO:
			reminders_to = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	kind = argv[0];
	for (i = 0; kinds[i] && strcmp(kinds[i], kind); i++)
		;
	if (kinds[i] == NULL)
		rs_die(EX_USAGE, "%s: expected one of %s", kind,
		    rs_list_join(kinds));
	/* recordatorio without --to: to the people of the users catalog */
	if (reminders_to && strcmp(kind, "recordatorio") != 0)
		usage();
	if (reminders_to && (why = rs_address_check(reminders_to)))
		rs_die(EX_USAGE, "--to: %s: %s", reminders_to, why);

	db = rs_db_open(rs_db_path(dbopt), RS_DB_WRITE);
	rs_db_calendar(db, &cal);
	if (nowopt) {
		if (rs_parse_datetime(nowopt, &now) == -1)
			rs_die(EX_USAGE, "-n: expected a date and time like "
			    "2024-08-13T16:45; got \"%s\"", nowopt);
		rs_claim_not_future(now);
	} else
		now = rs_now();
	actor = rs_actor(useropt);
	if (rs_has_controls(actor, 0) || strlen(actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"", actor);
	sender = rs_setting(db, "sender");
	if (*sender == '\0')
		rs_die(EX_CONFIG, "%s: sender: not set (rs-admin config "
		    "sender ADDRESS)", db->path);
	if ((why = rs_address_check(sender)) != NULL)
		rs_die(EX_CONFIG, "%s: sender: %s: %s", db->path, sender, why);
	at = strchr(sender, '@');
	domain = rs_strdup(at + 1);
	bounce_base = rs_setting(db, "bounce_address");
	office_dir = rs_setting(db, "templates");
	prefix = rs_setting(db, "prefix");

	if (argc > 1) {
		ids = argv + 1;
		n = (size_t)argc - 1;
	} else
		ids = read_ids(&n);
	if (strcmp(kind, "recordatorio") == 0)
		remind(ids, n);
	else
		for (i = 0; i < n; i++) {
			notify(kind, ids[i]);
			if (strcmp(kind, "respuesta") == 0 && !stopped)
				notify_merged(ids[i]);
			if (stopped)
				stopped_die(n - i, n, "requests");
		}
	rs_calendar_free(&cal);
	rs_db_close(db);
	rs_stdout_close();
	/* sendmail said try later: the MTA's convention, retry later */
	if (failures)
		return failures;
	return pending ? EX_TEMPFAIL : 0;
}
