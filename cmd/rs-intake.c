/* rs-intake - register requests (radicar) from flags or CSV */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
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
	    "usage: rs-intake [-d db] [-n datetime] [-o format] [-u user] "
	    "[--encoding enc]\n"
	    "                 [file ...]\n"
	    "       rs-intake [-d db] [-n datetime] [-o format] [-u user] "
	    "-c channel -t type\n"
	    "                 -N name | --anonymous [-e email] [-p phone] "
	    "[-s subject]\n"
	    "                 [-D description] "
	    "[-T topic] [-A file ...] [--field value ...]\n"
	    "       rs-intake -m [-d db] [-n datetime] [-o format] [-u user] "
	    "[-T topic] [-t type]\n"
	    "                 [file ...]\n"
	    "       rs-intake -i [-d db] [-n datetime] [-u user] [-c channel]\n";

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

/* -h: the usage asked for is output, not an error */
static void
help(void)
{
	fputs(usage_text, stdout);
	rs_stdout_close();
	exit(0);
}

enum { OPT_ENCODING = 256, OPT_ANONYMOUS, OPT_FIELD = 512 };

static const struct option longopts[] = {
	{ "encoding",		required_argument, NULL, OPT_ENCODING },
	{ "received-at",	required_argument, NULL, OPT_FIELD + F_RECEIVED_AT },
	{ "channel",		required_argument, NULL, 'c' },
	{ "type",		required_argument, NULL, 't' },
	{ "topic",		required_argument, NULL, 'T' },
	{ "team",		required_argument, NULL, OPT_FIELD + F_TEAM },
	{ "priority",		required_argument, NULL, OPT_FIELD + F_PRIORITY },
	{ "preferential",	required_argument, NULL, OPT_FIELD + F_PREFERENTIAL },
	{ "name",		required_argument, NULL, 'N' },
	{ "salutation",		required_argument, NULL, OPT_FIELD + F_SALUTATION },
	{ "id-number",		required_argument, NULL, OPT_FIELD + F_ID_NUMBER },
	{ "email",		required_argument, NULL, 'e' },
	{ "phone",		required_argument, NULL, 'p' },
	{ "office",		required_argument, NULL, OPT_FIELD + F_OFFICE },
	{ "requester-kind",	required_argument, NULL, OPT_FIELD + F_REQUESTER_KIND },
	{ "subject",		required_argument, NULL, 's' },
	{ "description",	required_argument, NULL, 'D' },
	{ "external-ref",	required_argument, NULL, OPT_FIELD + F_EXTERNAL_REF },
	{ "address",		required_argument, NULL, OPT_FIELD + F_ADDRESS },
	{ "anonymous",		no_argument,       NULL, OPT_ANONYMOUS },
	{ "representative-name", required_argument, NULL,
	    OPT_FIELD + F_REPRESENTATIVE_NAME },
	{ "representative-id-number", required_argument, NULL,
	    OPT_FIELD + F_REPRESENTATIVE_ID_NUMBER },
	{ "representative-email", required_argument, NULL,
	    OPT_FIELD + F_REPRESENTATIVE_EMAIL },
	{ "representative-phone", required_argument, NULL,
	    OPT_FIELD + F_REPRESENTATIVE_PHONE },
	{ "priority-reason",	required_argument, NULL, OPT_FIELD + F_PRIORITY_REASON },
	{ "help",		no_argument,       NULL, 'h' },
	{ "version",		no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static struct rs_db	*db;
static struct rs_intake	*intake;
static struct rs_out	*out;
static FILE		*pending;	/* output of the batch not yet committed */
static enum rs_format	 fmt;
static const char	*encoding;
static char		*mail_type, *mail_topic;
static rs_time		 intake_now;
static int		 tables;	/* tables already written */
static int		 mail;		/* -m: RFC 5322 messages */
static struct rs_calendar mail_cal;
static char		*mail_prefix, *mail_domain;
static const char	*mail_actor;
static size_t		 mail_max, nintake;
static const struct rs_column *columns;
static size_t		 ncolumns;

/* Hand the committed batch's rows on; a reader that left ends us quietly. */
static void
emit_pending(void)
{
	char buf[65536];
	size_t n;

	fflush(pending);
	if (ferror(pending))
		rs_die(EX_IOERR, "temporary file: %s", strerror(errno));
	rewind(pending);
	while ((n = fread(buf, 1, sizeof(buf), pending)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			rs_stdout_check();
	rs_stdout_check();
	rewind(pending);
	if (ftruncate(fileno(pending), 0) == -1)
		rs_die(EX_IOERR, "temporary file: %s", strerror(errno));
}

static int
has_column(const int *col, int ncol, int field)
{
	int i;

	for (i = 0; i < ncol; i++)
		if (col[i] == field)
			return 1;
	return 0;
}

/* One file, one transaction: all of it or none of it (DESIGN §4). */
static void
intake_csv(FILE *fp, const char *name)
{
	struct rs_csv *csv;
	const char *err, *field, *reason, **row;
	char **cells, *v[F_NFIELDS];
	int col[F_NFIELDS * 2], ncol, i, n;
	long rows = 0;

	if ((csv = rs_csv_open(fp, name, encoding, &err)) == NULL)
		rs_die(EX_USAGE, "%s", err);
	if ((ncol = rs_csv_read(csv, &cells)) <= 0) {
		if (ncol == 0)
			rs_die(EX_DATAERR, "%s:1: empty input: no header line",
			    name);
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    rs_csv_error(csv));
	}
	if (ncol > F_NFIELDS * 2)
		rs_die(EX_DATAERR, "%s:1: %d columns; at most %d are known",
		    name, ncol, F_NFIELDS);
	for (i = 0; i < ncol; i++) {
		if ((col[i] = rs_field_lookup(cells[i])) == -1)
			rs_die(EX_DATAERR, "%s:1: unknown column \"%s\" "
			    "(known: %s)", name, cells[i],
			    rs_list_join(rs_field_names));
		for (n = 0; n < i; n++)
			if (col[n] == col[i])
				rs_die(EX_DATAERR, "%s:1: column \"%s\" "
				    "appears twice", name, cells[i]);
	}
	if (!has_column(col, ncol, F_CHANNEL))
		rs_die(EX_DATAERR, "%s:1: missing column \"channel\"", name);
	if (!has_column(col, ncol, F_TYPE))
		rs_die(EX_DATAERR, "%s:1: missing column \"type\"", name);
	/* an anonymous request has neither name nor contact (request.c) */
	if (!has_column(col, ncol, F_NAME) &&
	    !has_column(col, ncol, F_ANONYMOUS))
		rs_die(EX_DATAERR, "%s:1: missing column \"name\"", name);
	if (!has_column(col, ncol, F_EMAIL) &&
	    !has_column(col, ncol, F_PHONE) &&
	    !has_column(col, ncol, F_ADDRESS) &&
	    !has_column(col, ncol, F_REPRESENTATIVE_EMAIL) &&
	    !has_column(col, ncol, F_REPRESENTATIVE_PHONE) &&
	    !has_column(col, ncol, F_ANONYMOUS))
		rs_die(EX_DATAERR, "%s:1: missing a column to reach the "
		    "person: email, phone, address, representative_email or "
		    "representative_phone (or anonymous)", name);
	if (!has_column(col, ncol, F_SUBJECT) &&
	    !has_column(col, ncol, F_DESCRIPTION))
		rs_die(EX_DATAERR, "%s:1: missing column \"subject\" or "
		    "\"description\"", name);

	rs_intake_begin(intake);
	while ((n = rs_csv_read(csv, &cells)) > 0) {
		rs_progress(name, ++rows, "filas");
		memset(v, 0, sizeof(v));
		for (i = 0; i < ncol; i++)
			v[col[i]] = cells[i];
		if (rs_intake_one(intake, v, &field, &reason, &row) == -1) {
			rs_intake_rollback(intake);
			rs_progress_end();
			rs_die(EX_DATAERR, "%s:%ld: %s: %s", name,
			    rs_csv_line(csv), field, reason);
		}
		rs_out_row(out, row);
	}
	rs_progress_end();
	if (n == -1) {
		rs_intake_rollback(intake);
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    rs_csv_error(csv));
	}
	if (ferror(pending))
		rs_die(EX_IOERR, "temporary file: %s", strerror(errno));
	rs_intake_commit(intake);
	if (fmt == RS_FMT_TABLE) {
		/* a table is written whole: one a file, so that the rows
		 * of a committed file are shown even if a later one fails */
		rs_out_end(out);
		out = rs_out_new(pending, fmt, columns, ncolumns);
		tables++;
	}
	rs_csv_close(csv);
}

/*
 * One message, one transaction: sorted first (rs-intake(1) MAIL), and
 * registered only when it is neither a bounce, nor an automatic reply,
 * nor a reply on a request.  The same Message-ID twice is sorted once.
 */
static void
intake_mail(FILE *fp, const char *name, char **flags)
{
	struct rs_mail_in m = { 0 };
	struct rs_letter l;
	struct rs_sorted so;
	const char *err, *field, *reason, **row, *cells[64];
	char *v[F_NFIELDS] = { 0 }, received[RS_DATETIME_LEN];
	size_t i;

	if (rs_mail_parse_bounded(fp, mail_max, &m, &err) == -1)
		rs_die(EX_DATAERR, "%s: %s", name, err);
	rs_intake_begin(intake);
	rs_mail_sort(db, &mail_cal, &m, intake_now, mail_actor, mail_prefix,
	    mail_domain, &so);
	for (i = 0; i < ncolumns; i++)
		cells[i] = NULL;
	cells[0] = so.decision;
	if (strcmp(so.decision, "new") == 0) {
		rs_letter_from_mail(&m, mail_domain, &l);
		memcpy(v, flags, sizeof(v));
		rs_letter_fields(&l, intake_now, v, received);
		if (v[F_TYPE] == NULL)
			v[F_TYPE] = mail_type;
		if (v[F_TOPIC] == NULL && *mail_topic)
			v[F_TOPIC] = mail_topic;
		if (rs_intake_one(intake, v, &field, &reason, &row) == -1) {
			rs_intake_rollback(intake);
			/* the header the time came from, not the column */
			if (strcmp(field, "received_at") == 0 &&
			    v[F_RECEIVED_AT] == received && l.time_header)
				field = l.time_header;
			rs_die(EX_DATAERR, "%s: %s: %s", name, field, reason);
		}
		for (i = 0; i < nintake; i++)
			cells[1 + i] = row[i];
		/* a row already registered (its Message-ID) keeps what it
		 * has; a new one keeps the message and its documents */
		if (strcmp(row[nintake - 1], "1") == 0)
			rs_mail_keep(db, row[0], &m, &l, mail_actor,
			    intake_now);
		cells[1 + nintake] = row[0];
		cells[2 + nintake] = l.forwarded_by ? "reenviado por el "
		    "personal de la oficina" : l.sent_by ?
		    "Reply-To: como solicitante" : NULL;
		rs_out_row(out, cells);
		rs_intake_commit(intake);
		rs_letter_free(&l);
	} else {
		cells[1 + nintake] = *so.id ? so.id : NULL;
		cells[2 + nintake] = so.detail;
		rs_out_row(out, cells);
		rs_intake_commit(intake);
	}
	free(so.detail);
	rs_mail_free(&m);
}

/* -A: the papers the desk scanned, kept with the request they came with */
static struct rs_attachment *files;
static size_t nfiles;

static void
add_file(const char *path)
{
	int e;

	files = rs_realloc(files, (nfiles + 1) * sizeof(*files));
	if ((e = rs_file_read(path, &files[nfiles])) != 0)
		rs_die(e == ENOENT ? EX_NOINPUT : e == EACCES ? EX_NOPERM :
		    EX_IOERR, "%s: %s", path, strerror(e));
	if (rs_has_controls(files[nfiles].name, 0) ||
	    rs_utf8_invalid(files[nfiles].name, strlen(files[nfiles].name)) !=
	    strlen(files[nfiles].name))
		rs_die(EX_DATAERR, "%s: expected a file name in UTF-8", path);
	nfiles++;
}

static void
intake_flags(char **v, const char *actor)
{
	const char *field, *reason, **row, *why;

	if ((why = rs_documents_bound(db, files, nfiles)) != NULL)
		rs_die(EX_DATAERR, "%s", why);
	rs_intake_begin(intake);
	if (rs_intake_one(intake, v, &field, &reason, &row) == -1) {
		rs_intake_rollback(intake);
		rs_die(EX_DATAERR, "%s: %s", field, reason);
	}
	/* a new request: its papers, in the same transaction */
	if (nfiles > 0 && strcmp(row[ncolumns - 1], "1") == 0) {
		char at[RS_DATETIME_LEN];

		rs_format_datetime(intake_now, at);
		rs_documents_add(db, rs_request_seq(db, row[0]), at, actor,
		    "desk", files, nfiles, NULL);
	}
	rs_out_row(out, row);
	rs_intake_commit(intake);
}


/* ---- -i: the guided prompt for the desk and the phone (DESIGN §2) ---- */

static char	*gv[F_NFIELDS];		/* the answers, NULL when empty */
static char	**type_names, **topic_names;
static size_t	 ntypes, ntopics;
static char	 interrupt_msg[96];

/*
 * The answers the summary shows, in the order they are asked.  Whoever
 * speaks is asked first whether they act for another person: the name
 * and the ways to reach that follow are then the requester's, the person
 * the request is for (Ley 1437 de 2011 art. 5; Ley 1755 de 2015 art. 16).
 */
static const int items[] = {
	F_CHANNEL, F_REPRESENTATIVE_NAME, F_REPRESENTATIVE_ID_NUMBER,
	F_REPRESENTATIVE_EMAIL, F_REPRESENTATIVE_PHONE, F_NAME, F_SALUTATION,
	F_ID_NUMBER, F_EMAIL, F_ADDRESS, F_PHONE, F_PREFERENTIAL, F_PRIORITY,
	F_SUBJECT, F_DESCRIPTION, F_TYPE, F_TOPIC
};
#define NITEMS	(sizeof(items) / sizeof(items[0]))

/* The answers an anonymous request cannot carry: intake refuses them
 * (Ley 962 de 2005 art. 81: the facts, not the person). */
static const int personal[] = {
	F_SALUTATION, F_ID_NUMBER, F_EMAIL, F_ADDRESS, F_PHONE,
	F_REPRESENTATIVE_NAME, F_REPRESENTATIVE_ID_NUMBER,
	F_REPRESENTATIVE_EMAIL, F_REPRESENTATIVE_PHONE
};
#define NPERSONAL	(sizeof(personal) / sizeof(personal[0]))

/*
 * Ctrl-C before the request is saved: nothing was written, and the
 * operator is told so.  130 is what a shell reports for an interrupt,
 * so a loop that calls the prompt again can stop on it.
 */
static void
interrupted(int sig)
{
	ssize_t r;

	(void)sig;
	r = write(STDOUT_FILENO, "\n", 1);
	r = write(STDERR_FILENO, interrupt_msg, strlen(interrupt_msg));
	(void)r;
	_exit(130);
}

/* Saving holds Ctrl-C back: an interrupt then could not say truly
 * whether the request was registered. */
static void
hold_interrupts(int hold)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

static void
cancelled(void)
{
	putchar('\n');
	fflush(stdout);
	rs_die(EX_DATAERR, "cancelled; nothing registered");
}

/* One line from the operator without its line end; EOF (Ctrl-D)
 * cancels everything. */
static char *
read_line(void)
{
	static char *line;
	static size_t cap;
	ssize_t n;

	fflush(stdout);
	if ((n = getline(&line, &cap, stdin)) == -1)
		cancelled();
	while (n > 0 && strchr("\r\n \t", line[n - 1]))
		line[--n] = '\0';
	return line;
}

/* One line, trimmed. */
static char *
answer(void)
{
	char *s;

	for (s = read_line(); *s == ' ' || *s == '\t'; s++)
		;
	return s;
}

/*
 * The record of the situation: lines up to one holding a single ".",
 * so that a text pasted with many lines stays here and never spills
 * into the next questions.
 */
static char *
answer_lines(void)
{
	struct rs_buf b = { 0 };
	const char *s;
	char *text;

	while (strcmp(s = read_line(), ".") != 0) {
		if (rs_buf_str(&b)[0] != '\0' || *s != '\0') {
			rs_buf_adds(&b, s);
			rs_buf_addc(&b, '\n');
		}
	}
	text = rs_strdup(rs_buf_str(&b));
	rs_buf_free(&b);
	return text;
}

static void
set(int f, const char *s)
{
	free(gv[f]);
	gv[f] = *s ? rs_strdup(s) : NULL;
}

static void
again(const char *reason)
{
	printf("  → %s. Pregunte de nuevo.\n", reason);
}

static void
offer(const char *const *list, const char *const *labels)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (labels)
			printf("    %zu) %s (%s)\n", i + 1, labels[i], list[i]);
		else
			printf("    %zu) %s\n", i + 1, list[i]);
}

/* The index in list of a value, by name or by its number; -1 when
 * neither. */
static int
pick(const char *const *list, const char *s)
{
	size_t i, n;
	char *end;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return (int)i;
	n = strtoul(s, &end, 10);
	if (*s >= '0' && *s <= '9' && *end == '\0' && n >= 1)
		for (i = 0; list[i]; i++)
			if (i + 1 == n)
				return (int)i;
	return -1;
}

static int
yes(const char *s)
{
	return strcasecmp(s, "s") == 0 || strcasecmp(s, "si") == 0 ||
	    strcasecmp(s, "sí") == 0;
}

static int
no(const char *s)
{
	return strcasecmp(s, "n") == 0 || strcasecmp(s, "no") == 0;
}

static int
anonymous(void)
{
	return gv[F_ANONYMOUS] != NULL;
}

static int
represented(void)
{
	return gv[F_REPRESENTATIVE_NAME] != NULL;
}

/* Whether a question is asked, and shown in the summary: an anonymous
 * request has nobody to reach, and only a representative has the
 * representative's document and contact. */
static int
applies(int f)
{
	size_t i;

	if (anonymous())
		for (i = 0; i < NPERSONAL; i++)
			if (personal[i] == f)
				return 0;
	if (f == F_REPRESENTATIVE_ID_NUMBER || f == F_REPRESENTATIVE_EMAIL ||
	    f == F_REPRESENTATIVE_PHONE)
		return represented();
	return 1;
}

/* The requester's questions say whose answers they take once a
 * representative speaks for them. */
static const char *
whose(void)
{
	return represented() ? " de la persona representada" : "";
}

/*
 * No name given: the request may still be taken as anonymous, when its
 * type allows it (Ley 1755 art. 16, Ley 962 de 2005 art. 81); it then
 * keeps nothing personal.  Returns whether it is.
 */
static int
ask_anonymous(void)
{
	const char *s;
	size_t i;

	printf("  → Sin nombre, la solicitud solo puede radicarse como "
	    "anónima: sin datos de contacto, y la respuesta no se notifica "
	    "a nadie sino que se publica. Pueden ser anónimas: %s.\n",
	    rs_list_join(rs_anonymous_types));
	for (;;) {
		printf("¿La solicitud es anónima? (s/n): ");
		s = answer();
		if (no(s))
			return 0;
		if (yes(s))
			break;
		again("Responda s (sí) o n (no)");
	}
	set(F_ANONYMOUS, "1");
	for (i = 0; i < NPERSONAL; i++)
		set(personal[i], "");
	return 1;
}

/* Ask for one answer until it is good; empty is "none" unless the
 * field is required. */
/*
 * An answer of the person's or the representative's that breaks intake's
 * rule, said to the operator in Spanish (the check's own reason is for
 * the log): 1 when it is to be asked again.
 */
static int
bad_id_number(const char *s)
{
	if (rs_id_number_valid(s))
		return 0;
	again(rs_field_invalid_said(F_ID_NUMBER));
	return 1;
}

static int
bad_email(const char *s)
{
	if (*s == '\0' || rs_address_check(s) == NULL)
		return 0;
	printf("  → %s\n", rs_field_invalid_said(F_EMAIL));
	again("Revise la dirección");
	return 1;
}

static int
bad_phone(const char *s)
{
	if (*s == '\0' || rs_phone_valid(s))
		return 0;
	again(rs_field_invalid_said(F_PHONE));
	return 1;
}

static void
ask(int f)
{
	const char *const *list;
	const char *s;
	int k, urgent;

	for (;;) {
		switch (f) {
		case F_CHANNEL:
			printf("Canal por el que llega la solicitud:\n");
			offer(rs_channels, NULL);
			printf("Canal [%s]: ", gv[f] ? gv[f] : "presencial");
			s = answer();
			if (*s == '\0')
				s = gv[f] ? gv[f] : "presencial";
			if ((k = pick(rs_channels, s)) == -1) {
				again("Ese canal no existe; elija uno de la "
				    "lista");
				continue;
			}
			set(f, rs_channels[k]);
			return;
		case F_REPRESENTATIVE_NAME:
			/* Ley 1437 art. 5: a person may act through another */
			printf("¿La persona que se comunica actúa en "
			    "representación de otra (apoderado, representante "
			    "legal o acudiente)? (s/n) [%s]: ",
			    represented() ? "s" : "n");
			s = answer();
			if (*s != '\0' && !yes(s) && !no(s)) {
				again("Responda s (sí) o n (no)");
				continue;
			}
			if (*s == '\0' ? !represented() : no(s)) {
				set(F_REPRESENTATIVE_NAME, "");
				set(F_REPRESENTATIVE_ID_NUMBER, "");
				set(F_REPRESENTATIVE_EMAIL, "");
				set(F_REPRESENTATIVE_PHONE, "");
				return;
			}
			do {
				printf("Nombre del representante (quien se "
				    "comunica): ");
				s = answer();
				if (*s == '\0')
					again("El nombre del representante es "
					    "obligatorio");
			} while (*s == '\0');
			set(f, s);
			return;
		case F_REPRESENTATIVE_ID_NUMBER:
			printf("Número de identificación del representante "
			    "(vacío si no lo da): ");
			s = answer();
			if (bad_id_number(s))
				continue;
			set(f, s);
			return;
		case F_REPRESENTATIVE_EMAIL:
			printf("Correo electrónico del representante (vacío si "
			    "no tiene): ");
			s = answer();
			if (bad_email(s))
				continue;
			set(f, s);
			return;
		case F_REPRESENTATIVE_PHONE:
			printf("Teléfono del representante (vacío si no "
			    "tiene): ");
			s = answer();
			if (bad_phone(s))
				continue;
			set(f, s);
			return;
		case F_NAME:
			if (represented())
				printf("Nombre de la persona representada (a "
				    "nombre de quien va la solicitud): ");
			else
				printf("Nombre que usa la persona (vacío si no "
				    "lo da): ");
			s = answer();
			if (*s == '\0' && represented()) {
				/* an anonymous request has no representative */
				again("Con representante, el nombre de la "
				    "persona representada es obligatorio");
				continue;
			}
			if (*s == '\0') {
				if (ask_anonymous())
					return;
				again("El nombre es obligatorio");
				continue;
			}
			set(F_ANONYMOUS, "");
			set(f, s);
			return;
		case F_SALUTATION:
			printf("Trato%s (señor, señora o vacío): ", whose());
			s = answer();
			if (strcasecmp(s, "señor") == 0 ||
			    strcasecmp(s, "senor") == 0 ||
			    strcasecmp(s, "sr") == 0 || strcasecmp(s, "sr.") == 0)
				set(f, "senor");
			else if (strcasecmp(s, "señora") == 0 ||
			    strcasecmp(s, "senora") == 0 ||
			    strcasecmp(s, "sra") == 0 ||
			    strcasecmp(s, "sra.") == 0)
				set(f, "senora");
			else if (*s == '\0')
				set(f, "");
			else {
				again("Responda señor, señora o deje vacío");
				continue;
			}
			return;
		case F_ID_NUMBER:
			printf("Número de identificación%s (cédula u otro "
			    "documento; vacío si no lo da): ", whose());
			s = answer();
			if (bad_id_number(s))
				continue;
			set(f, s);
			return;
		case F_EMAIL:
			printf("Correo electrónico%s (vacío si no tiene): ",
			    whose());
			s = answer();
			if (bad_email(s))
				continue;
			set(f, s);
			return;
		case F_ADDRESS:
			/* a letter reaches whoever has neither e-mail nor
			 * phone (rs-notify -p prints it with the address) */
			printf("Dirección postal%s (vacío si no la da): ",
			    whose());
			s = answer();
			if (strlen(s) > RS_POSTAL_MAX) {
				again("La dirección es demasiado larga (300 "
				    "bytes como máximo)");
				continue;
			}
			if (rs_has_controls(s, 0)) {
				again("La dirección no puede llevar "
				    "tabuladores ni caracteres de control");
				continue;
			}
			set(f, s);
			return;
		case F_PHONE:
			/* one way to reach the person (Ley 1755 art. 16) */
			k = gv[F_EMAIL] || gv[F_ADDRESS] ||
			    gv[F_REPRESENTATIVE_EMAIL] ||
			    gv[F_REPRESENTATIVE_PHONE];
			printf("Teléfono%s%s: ", whose(), k ? " (vacío si no "
			    "tiene)" : "");
			s = answer();
			if (*s == '\0' && !k) {
				again(represented() ? "Sin correo ni dirección "
				    "de la persona, ni correo o teléfono del "
				    "representante, el teléfono es obligatorio "
				    "(una forma de contactarla)" : "Sin correo "
				    "ni dirección, el teléfono es obligatorio "
				    "(una forma de contactar a la persona)");
				continue;
			}
			if (bad_phone(s))
				continue;
			set(f, s);
			return;
		case F_PREFERENTIAL:
			/* Decreto 19 de 2012 art. 13; M-A-SCD-01 section 7 */
			printf("¿La persona pertenece a una población con "
			    "atención preferencial?\n");
			offer(rs_preferentials, rs_preferential_labels);
			printf("Población (número o nombre; vacío si "
			    "ninguna): ");
			s = answer();
			if (*s == '\0') {
				set(f, "");
				return;
			}
			if ((k = pick(rs_preferentials, s)) == -1) {
				again("Esa población no está en la lista; "
				    "elija una o deje vacío");
				continue;
			}
			set(f, rs_preferentials[k]);
			return;
		case F_PRIORITY:
			/* Ley 1755 art. 20: a fundamental right at risk of
			 * irreparable harm goes first, with its reason */
			urgent = gv[f] != NULL;
			printf("¿Hay un derecho fundamental en riesgo de "
			    "perjuicio irremediable (atención urgente, Ley "
			    "1755 art. 20)? (s/n) [%s]: ", urgent ? "s" : "n");
			s = answer();
			if (*s != '\0' && !yes(s) && !no(s)) {
				again("Responda s (sí) o n (no)");
				continue;
			}
			if (*s == '\0' ? !urgent : no(s)) {
				set(f, "");
				set(F_PRIORITY_REASON, "");
				return;
			}
			do {
				printf("Motivo de la urgencia (una línea): ");
				s = answer();
				if (*s == '\0')
					again("La atención urgente lleva su "
					    "motivo");
			} while (*s == '\0');
			set(F_PRIORITY_REASON, s);
			set(f, "2");
			return;
		case F_SUBJECT:
			printf("Motivo (una línea): ");
			s = answer();
			if (*s == '\0') {
				again("El motivo es obligatorio");
				continue;
			}
			set(f, s);
			return;
		case F_DESCRIPTION:
			printf("Registro de la situación: escriba las líneas "
			    "que necesite y termine con una línea que tenga "
			    "solo un punto (.):\n");
			free(gv[f]);
			gv[f] = answer_lines();
			if (*gv[f] == '\0')
				set(f, "");
			return;
		case F_TYPE:
			list = (const char *const *)type_names;
			printf("Tipo de solicitud:\n");
			offer(list, NULL);
			printf("Tipo [%s]: ", gv[f] ? gv[f] : "peticion");
			s = answer();
			if (*s == '\0')
				s = gv[f] ? gv[f] : "peticion";
			if ((k = pick(list, s)) == -1) {
				again("Ese tipo no existe; elija uno de la "
				    "lista");
				continue;
			}
			set(f, list[k]);
			return;
		case F_TOPIC:
			list = (const char *const *)topic_names;
			printf("Tema (vacío si ninguno):\n");
			offer(list, NULL);
			printf("Tema: ");
			s = answer();
			if (*s == '\0') {
				set(f, "");
				return;
			}
			if ((k = pick(list, s)) == -1) {
				again("Ese tema no existe; elija uno de la "
				    "lista o deje vacío");
				continue;
			}
			set(f, list[k]);
			return;
		default:
			rs_die(EX_SOFTWARE, "no question for field %d", f);
		}
	}
}

/* An answer as the summary shows it, after its label. */
static void
show_answer(int f)
{
	const char *v = gv[f], *p;
	size_t n;
	int k;

	if (f == F_PRIORITY) {
		printf(" %s\n", v ? "urgente (Ley 1755 art. 20)" :
		    gv[F_PREFERENTIAL] ? "preferencial" : "normal");
		return;
	}
	if (f == F_NAME && anonymous()) {
		printf(" %s (solicitud anónima)\n", RS_ANONYMOUS_NAME);
		return;
	}
	if (f == F_REPRESENTATIVE_NAME && v == NULL) {
		printf(" (ninguno: en nombre propio)\n");
		return;
	}
	if (v == NULL) {
		printf(" (vacío)\n");
		return;
	}
	if (f == F_SALUTATION)
		v = strcmp(v, "senor") == 0 ? "señor" : "señora";
	if (f == F_PREFERENTIAL &&
	    (k = pick(rs_preferentials, v)) != -1)
		v = rs_preferential_labels[k];
	if (f != F_DESCRIPTION) {
		printf(" %s\n", v);
		return;
	}
	/* the record keeps its lines, set off under the label */
	putchar('\n');
	for (; *v; v += n + (v[n] == '\n')) {
		p = strchr(v, '\n');
		n = p ? (size_t)(p - v) : strlen(v);
		if (n > 0)
			printf("        %.*s", (int)n, v);
		putchar('\n');
	}
}

static void
summary(void)
{
	static struct rs_column cols[NITEMS + 1];
	static int ready;
	const char *names[NITEMS + 2];
	size_t i;
	int n;

	if (!ready) {
		for (i = 0; i < NITEMS; i++)
			names[i] = rs_field_names[items[i]];
		names[i++] = rs_field_names[F_PRIORITY_REASON];
		names[i] = NULL;
		rs_columns(names, cols);
		ready = 1;
	}
	printf("\nResumen de la solicitud:\n");
	for (i = 0, n = 0; i < NITEMS; i++) {
		if (!applies(items[i]))
			continue;
		printf("  %2d) %s:", ++n, cols[i].label);
		show_answer(items[i]);
		if (items[i] == F_PRIORITY && gv[F_PRIORITY_REASON])
			printf("      %s: %s\n", cols[NITEMS].label,
			    gv[F_PRIORITY_REASON]);
	}
}

/* The answer numbered k in the summary, which numbers only the
 * questions that apply; -1 when there is none. */
static int
item_numbered(int k)
{
	size_t i;
	int n = 0;

	for (i = 0; i < NITEMS; i++)
		if (applies(items[i]) && ++n == k)
			return items[i];
	return -1;
}

/*
 * Ask one answer again, and then what it opens: a representative's
 * document and contact, or, when a name ends anonymity, the questions
 * it had skipped.
 */
static void
change(int f)
{
	int was_anonymous = anonymous(), was_represented = represented();
	size_t i, j;

	ask(f);
	for (i = 0; i < NITEMS; i++) {
		if (items[i] == f || !applies(items[i]))
			continue;
		if (f == F_NAME && was_anonymous && !anonymous()) {
			for (j = 0; j < NPERSONAL; j++)
				if (personal[j] == items[i])
					ask(items[i]);
		} else if (f == F_REPRESENTATIVE_NAME && !was_represented &&
		    (items[i] == F_REPRESENTATIVE_ID_NUMBER ||
		    items[i] == F_REPRESENTATIVE_EMAIL ||
		    items[i] == F_REPRESENTATIVE_PHONE))
			ask(items[i]);
	}
}

/* A value refused at registration: ask again what it concerns. */
static void
ask_refused(const char *field, const char *reason)
{
	const char *s;
	size_t i;
	int f;

	/* Ley 1755 art. 16: a petition is answered to someone */
	if ((f = rs_field_lookup(field)) == F_ANONYMOUS) {
		printf("  → No se pudo radicar: una solicitud de tipo %s se "
		    "responde a alguien y no puede ser anónima. Pueden ser "
		    "anónimas: %s.\n", gv[F_TYPE],
		    rs_list_join(rs_anonymous_types));
		for (;;) {
			printf("Escriba «t» para elegir otro tipo o «n» para "
			    "anotar el nombre de la persona: ");
			s = answer();
			if (strcasecmp(s, "t") == 0) {
				ask(F_TYPE);
				return;
			}
			if (strcasecmp(s, "n") == 0) {
				change(F_NAME);
				return;
			}
			again("Responda t o n");
		}
	}
	printf("  → No se pudo radicar: %s: %s.\n", field, reason);
	switch (f) {
	case F_EMAIL:
	case F_ADDRESS:
	case F_PHONE:
		ask(F_EMAIL);
		ask(F_ADDRESS);
		ask(F_PHONE);
		return;
	case F_PRIORITY_REASON:
		ask(F_PRIORITY);
		return;
	case -1:
		break;
	default:
		for (i = 0; i < NITEMS; i++)
			if (items[i] == f) {
				ask(f);
				return;
			}
	}
	rs_die(EX_DATAERR, "%s: %s", field, reason);
}

enum saving { SAVED, REFUSED, BUSY };

/* One attempt at registering the answers: the request's row in *row
 * and *id when saved. */
static enum saving
save(char **id, const char ***row)
{
	const char *field, *reason;

	hold_interrupts(1);
	if (rs_intake_try_begin(intake) == -1) {
		hold_interrupts(0);
		return BUSY;
	}
	if (rs_intake_one(intake, gv, &field, &reason, row) == -1) {
		rs_intake_rollback(intake);
		hold_interrupts(0);
		ask_refused(field, reason);
		return REFUSED;
	}
	*id = rs_strdup((*row)[0]);
	return SAVED;
}

/* A path or word as a shell reads it back: quoted unless plain. */
static void
put_word(const char *s)
{
	const char *p;

	if (*s && s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789_./-+=:,@%")] == '\0') {
		fputs(s, stdout);
		return;
	}
	putchar('\'');
	for (p = s; *p; p++)
		if (*p == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*p);
	putchar('\'');
}

/* The answers as a CSV file rs-intake registers (rs-csv(5)). */
static int
write_answers(FILE *fp, rs_time now)
{
	static const int cols[] = {
		F_RECEIVED_AT, F_CHANNEL, F_TYPE, F_TOPIC, F_PRIORITY,
		F_PREFERENTIAL, F_ANONYMOUS, F_NAME, F_SALUTATION,
		F_ID_NUMBER, F_EMAIL, F_PHONE, F_ADDRESS,
		F_REPRESENTATIVE_NAME, F_REPRESENTATIVE_ID_NUMBER,
		F_REPRESENTATIVE_EMAIL, F_REPRESENTATIVE_PHONE, F_SUBJECT,
		F_DESCRIPTION, F_PRIORITY_REASON
	};
	char at[RS_DATETIME_LEN];
	size_t i, n = sizeof(cols) / sizeof(cols[0]);

	/* the time of the conversation: the request keeps its day */
	rs_format_datetime(now, at);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", rs_field_names[cols[i]],
		    i + 1 < n ? "," : "\r\n");
	for (i = 0; i < n; i++) {
		rs_csv_put(fp, cols[i] == F_RECEIVED_AT ? at : gv[cols[i]],
		    ',');
		fputs(i + 1 < n ? "," : "\r\n", fp);
	}
	if (fflush(fp) == EOF || ferror(fp) || fsync(fileno(fp)) == -1)
		return -1;
	return 0;
}

/*
 * A new file in dir for the answers: pendiente-YYYYMMDD-HHMMSS-LOGIN.csv,
 * never one that exists.  0660 like the database: the office's group
 * registers it, nobody else reads it (Ley 1581).
 */
static char *
answers_file(const char *dir, const char *actor, rs_time now, int *err)
{
	struct rs_buf b = { 0 };
	FILE *fp;
	char *path, login[65];
	int y, m, d, secs, fd, i, k;

	rs_day_to_ymd(rs_local_day(now, &secs), &y, &m, &d);
	for (i = 0; actor[i] && i < 64; i++)
		login[i] = strchr("./", actor[i]) == NULL ? actor[i] : '_';
	login[i] = '\0';
	for (k = 1; k < 100; k++) {
		rs_buf_reset(&b);
		rs_buf_addf(&b, "%s/pendiente-%04d%02d%02d-%02d%02d%02d-%s",
		    dir, y, m, d, secs / 3600, secs / 60 % 60, secs % 60,
		    login);
		if (k > 1)
			rs_buf_addf(&b, "-%d", k);
		rs_buf_adds(&b, ".csv");
		fd = open(rs_buf_str(&b), O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW, 0660);
		if (fd == -1 && errno == EEXIST)
			continue;
		if (fd == -1)
			break;
		if (fchmod(fd, 0660) == -1 || (fp = fdopen(fd, "w")) == NULL) {
			*err = errno;
			close(fd);
			unlink(rs_buf_str(&b));
			rs_buf_free(&b);
			return NULL;
		}
		if (write_answers(fp, now) == -1) {
			*err = errno;
			fclose(fp);
			unlink(rs_buf_str(&b));
			rs_buf_free(&b);
			return NULL;
		}
		if (fclose(fp) == EOF) {
			*err = errno;
			unlink(rs_buf_str(&b));
			rs_buf_free(&b);
			return NULL;
		}
		path = rs_strdup(rs_buf_str(&b));
		rs_buf_free(&b);
		return path;
	}
	*err = errno;
	rs_buf_free(&b);
	return NULL;
}

/*
 * The database stayed locked: the answers go to a file, beside the
 * database (its directory is writable by every operator: SQLite's WAL
 * needs it), else in the current one; then the command that registers
 * it.  Returns only when neither could be written.
 */
static void
keep_answers(const char *actor, rs_time now)
{
	char *dbpath, *dir, *path, *slash, cwd[4096];
	int err = 0;

	if ((dbpath = realpath(db->path, NULL)) == NULL)
		dbpath = rs_strdup(db->path);
	dir = rs_strdup(dbpath);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	/* an interrupt now would leave half a file behind */
	hold_interrupts(1);
	if ((path = answers_file(*dir ? dir : "/", actor, now, &err)) ==
	    NULL && getcwd(cwd, sizeof(cwd)) != NULL)
		path = answers_file(cwd, actor, now, &err);
	if (path == NULL) {
		hold_interrupts(0);
		printf("  → No se pudo escribir el archivo (%s). Pruebe "
		    "reintentar.\n", strerror(err));
		free(dir);
		free(dbpath);
		return;
	}
	printf("\nLas respuestas quedaron en el archivo\n  ");
	put_word(path);
	printf("\nRadíquelas cuando la base de datos esté libre, con:\n"
	    "  rs-intake -d ");
	put_word(dbpath);
	printf(" -u ");
	put_word(actor);
	putchar(' ');
	put_word(path);
	putchar('\n');
	rs_die(EX_TEMPFAIL, "%s: database is locked; the answers are in %s",
	    db->path, path);
}

/* The database is busy: try again, or keep the answers in a file. */
static void
busy(const char *actor, rs_time now)
{
	const char *s;

	printf("\n  → La base de datos está ocupada por otro puesto y no "
	    "se pudo guardar. Las respuestas siguen aquí.\n");
	for (;;) {
		printf("Escriba «r» para reintentar o «a» para dejarlas en "
		    "un archivo y radicarlas después: ");
		s = answer();
		if (strcasecmp(s, "r") == 0)
			return;
		if (strcasecmp(s, "a") == 0) {
			keep_answers(actor, now);
			continue;
		}
		again("Responda r o a");
	}
}

static void
long_date(const char *iso, char *buf, size_t len)
{
	rs_day d;

	if (iso == NULL || rs_parse_date(iso, &d) == -1)
		snprintf(buf, len, "sin término legal");
	else
		rs_format_long_date(d, buf, len);
}

static void
intake_guided(const char *channel, const char *actor, rs_time now)
{
	struct sigaction sa;
	const char **row, *hello, *s;
	char *office, *operator, *id, eff[64], due[64];
	size_t i;
	int secs, k;

	snprintf(interrupt_msg, sizeof(interrupt_msg), "%s: interrupted; "
	    "nothing registered\n", rs_progname);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = interrupted;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);

	office = rs_setting(db, "office_name");
	/* the protocols: "habla (nombre y apellido)", not a login */
	if ((operator = rs_user_name(db, actor)) == NULL)
		operator = rs_strdup(actor);
	type_names = rs_db_types(db, &ntypes);
	topic_names = rs_db_topics(db, &ntopics);
	if (channel)
		set(F_CHANNEL, channel);

	(void)rs_local_day(now, &secs);
	hello = secs < 12 * 3600 ? "Buenos días" :
	    secs < 18 * 3600 ? "Buenas tardes" : "Buenas noches";
	printf("Diga: «%s, habla %s%s%s, ¿en qué le puedo colaborar?»\n\n",
	    hello, operator, *office ? " de " : "", office);

	for (i = 0; i < NITEMS; i++)
		if (applies(items[i]))
			ask(items[i]);

	for (;;) {
		summary();
		printf("Escriba el número de la respuesta que quiere cambiar, "
		    "«g» para guardar o «c» para cancelar: ");
		s = answer();
		if (strcasecmp(s, "c") == 0) {
			fflush(stdout);
			rs_die(EX_DATAERR, "cancelled; nothing registered");
		}
		if (strcasecmp(s, "g") == 0) {
			enum saving r;

			while ((r = save(&id, &row)) == BUSY)
				busy(actor, now);
			if (r == SAVED)
				break;
			continue;
		}
		k = atoi(s);
		if (*s < '1' || *s > '9' || s[strspn(s, "0123456789")] ||
		    k < 1 || k > (int)NITEMS || item_numbered(k) == -1) {
			again("Escriba un número de la lista, g o c");
			continue;
		}
		change(item_numbered(k));
	}
	/* the row's columns: id, received_at, effective_on, due_on, … */
	long_date(row[2], eff, sizeof(eff));
	long_date(row[3] && *row[3] ? row[3] : NULL, due, sizeof(due));
	rs_intake_commit(intake);
	/* registered: an interrupt now would only hide the radicado */
	signal(SIGINT, SIG_IGN);
	hold_interrupts(0);
	printf("\nRadicado: %s\n", id);
	printf("Radicación efectiva: %s\n", eff);
	printf("Fecha límite de respuesta: %s\n", due);
	/*
	 * As rs-notify reaches the person: nobody for an anonymous request,
	 * whose answer is posted for the public (Ley 1437 art. 69); else
	 * by e-mail, the representative's first (Ley 1437 art. 67); else a
	 * letter to the postal address; else the phone.
	 */
	if (anonymous())
		printf("Solicitud anónima: no hay a quién notificar. La "
		    "respuesta se publicará donde el público la vea (Ley 1437 "
		    "art. 69), para quien la consulte con el radicado.\n");
	else if (gv[F_REPRESENTATIVE_EMAIL])
		printf("La respuesta llegará al representante por correo "
		    "electrónico a %s\n", gv[F_REPRESENTATIVE_EMAIL]);
	else if (gv[F_EMAIL])
		printf("La respuesta llegará por correo electrónico a %s\n",
		    gv[F_EMAIL]);
	else if (gv[F_ADDRESS])
		printf("La respuesta llegará por carta a la dirección %s\n",
		    gv[F_ADDRESS]);
	else if (gv[F_REPRESENTATIVE_PHONE])
		printf("La respuesta llegará al representante por teléfono "
		    "al %s\n", gv[F_REPRESENTATIVE_PHONE]);
	else
		printf("La respuesta llegará por teléfono al %s\n",
		    gv[F_PHONE]);
	printf("\nDiga: «Su radicado es %s. Gracias por comunicarse con "
	    "%s.»\n", id, office);
	free(id);
	free(operator);
	free(office);
}

int
main(int argc, char *argv[])
{
	const char *dbopt = NULL, *nowopt = NULL, *fmtopt = NULL;
	const char **paths = NULL;
	size_t npaths = 0;
	const char *user = NULL, *actor;
	char *v[F_NFIELDS] = { 0 };
	rs_time now;
	FILE *fp;
	int ch, flags = 0, i, prompt = 0;

	rs_setprogname(argv[0]);
	rs_signals();
	while ((ch = getopt_long(argc, argv, "A:c:D:d:e:himN:n:o:p:s:T:t:u:V",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			/* read once the options are known good */
			paths = rs_realloc(paths, (npaths + 1) *
			    sizeof(*paths));
			paths[npaths++] = optarg;
			break;
		case 'c':
			v[F_CHANNEL] = optarg;
			flags = 1;
			break;
		case 'D':
			v[F_DESCRIPTION] = optarg;
			flags = 1;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'e':
			v[F_EMAIL] = optarg;
			flags = 1;
			break;
		case 'N':
			v[F_NAME] = optarg;
			flags = 1;
			break;
		case 'n':
			nowopt = optarg;
			break;
		case 'o':
			fmtopt = optarg;
			break;
		case 'p':
			v[F_PHONE] = optarg;
			flags = 1;
			break;
		case 's':
			v[F_SUBJECT] = optarg;
			flags = 1;
			break;
		case 'T':
			v[F_TOPIC] = optarg;
			flags = 1;
			break;
		case 't':
			v[F_TYPE] = optarg;
			flags = 1;
			break;
		case 'u':
			user = optarg;
			break;
		case 'h':
			help();
			break;
		case 'i':
			prompt = 1;
			break;
		case 'm':
			mail = 1;
			break;
		case 'V':
			printf("rs-intake %s\n", RS_VERSION);
			rs_stdout_close();
			return 0;
		case OPT_ENCODING:
			encoding = optarg;
			break;
		case OPT_ANONYMOUS:
			v[F_ANONYMOUS] = (char *)"1";
			flags = 1;
			break;
		default:
			if (ch >= OPT_FIELD && ch < OPT_FIELD + F_NFIELDS) {
				v[ch - OPT_FIELD] = optarg;
				flags = 1;
				break;
			}
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (mail) {
		/* -m takes the type and topic flags only */
		for (i = 0; i < F_NFIELDS; i++)
			if (v[i] && i != F_TYPE && i != F_TOPIC)
				usage();
		if (encoding)
			usage();
		flags = 0;
	}
	if (prompt) {
		/* -i asks for everything but the channel */
		for (i = 0; i < F_NFIELDS; i++)
			if (v[i] && i != F_CHANNEL)
				usage();
		if (mail || encoding || fmtopt || argc > 0)
			usage();
		flags = 0;
		if (!isatty(STDIN_FILENO))
			rs_die(EX_USAGE, "-i needs a terminal");
	}
	if (flags && argc > 0)
		usage();
	/* -A: documents go with one request registered from flags */
	if (npaths > 0 && (!flags || mail || prompt))
		usage();
	for (i = 0; i < (int)npaths; i++)
		add_file(paths[i]);
	free(paths);
	if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json or table; "
		    "got \"%s\"", fmtopt);
	actor = rs_actor(user);
	if (rs_has_controls(actor, 0) || strlen(actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"", actor);

	db = rs_db_open(rs_db_path(dbopt), RS_DB_WRITE);
	rs_db_zone(db);
	if (nowopt) {
		if (rs_parse_datetime(nowopt, &now) == -1)
			rs_die(EX_USAGE, "-n: expected a date and time like "
			    "2024-08-13T16:45; got \"%s\"", nowopt);
		rs_claim_not_future(now);
	} else
		now = rs_now();
	intake = rs_intake_new(db, now, actor);
	intake_now = now;

	if ((pending = tmpfile()) == NULL)
		rs_die(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	columns = rs_intake_columns(&ncolumns);
	if (mail) {
		/* the decision, the intake's columns, what it concerns */
		static struct rs_column mcols[64];
		const struct rs_column *extra;
		size_t nextra;

		extra = rs_mail_columns(&nextra);
		nintake = ncolumns;
		mcols[0] = extra[0];
		memcpy(mcols + 1, columns, ncolumns * sizeof(*columns));
		memcpy(mcols + 1 + ncolumns, extra + 1,
		    (nextra - 1) * sizeof(*extra));
		columns = mcols;
		ncolumns += nextra;
	}
	out = rs_out_new(pending, fmt, columns, ncolumns);
	if (prompt) {
		intake_guided(v[F_CHANNEL], actor, now);
		fclose(pending);
		rs_intake_free(intake);
		rs_db_close(db);
		rs_stdout_close();
		return 0;
	}
	if (mail) {
		char *sender, *mb;

		mail_type = rs_setting(db, "mail_type");
		mail_topic = rs_setting(db, "mail_topic");
		mail_prefix = rs_setting(db, "prefix");
		sender = rs_setting(db, "sender");
		if (*sender == '\0') {
			free(sender);
			sender = rs_setting(db, "office_email");
		}
		mail_domain = rs_strdup(strchr(sender, '@') ?
		    strchr(sender, '@') + 1 : "");
		free(sender);
		mb = rs_setting(db, "max_message");
		mail_max = (size_t)atoi(mb) * 1000000;
		free(mb);
		mail_actor = actor;
		rs_db_calendar(db, &mail_cal);
		if (argc == 0) {
			intake_mail(stdin, "stdin", v);
			emit_pending();
		}
		for (i = 0; i < argc; i++) {
			if (strcmp(argv[i], "-") == 0) {
				intake_mail(stdin, "stdin", v);
				emit_pending();
				continue;
			}
			if ((fp = fopen(argv[i], "rb")) == NULL)
				rs_die(errno == ENOENT ? EX_NOINPUT :
				    EX_NOPERM, "%s: %s", argv[i],
				    strerror(errno));
			intake_mail(fp, argv[i], v);
			fclose(fp);
			emit_pending();
		}
	} else if (flags) {
		intake_flags(v, actor);
		emit_pending();
	} else if (argc == 0) {
		intake_csv(stdin, "stdin");
		emit_pending();
	} else {
		for (i = 0; i < argc; i++) {
			if (strcmp(argv[i], "-") == 0) {
				intake_csv(stdin, "stdin");
			} else {
				if ((fp = fopen(argv[i], "rb")) == NULL)
					rs_die(errno == ENOENT ? EX_NOINPUT :
					    EX_NOPERM, "%s: %s", argv[i],
					    strerror(errno));
				intake_csv(fp, argv[i]);
				fclose(fp);
			}
			emit_pending();
		}
	}
	if (fmt == RS_FMT_TABLE && tables > 0)
		fclose(pending), pending = NULL;	/* the tables are out */
	else {
		rs_out_end(out);
		emit_pending();
	}
	rs_intake_free(intake);
	rs_db_close(db);
	rs_stdout_close();
	return 0;
}
