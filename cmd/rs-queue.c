/* rs-queue - the attention queue and every step of a request */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"

static const char usage_text[] =
	    "usage: rs-queue [-d db] [-n date] [-o format] [list [-a] "
	    "[-t team]]\n"
	    "       rs-queue [-d db] [-n date] [-o format] search [-a] "
	    "[-t team] word ...\n"
	    "       rs-queue [-d db] [-o format] show id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                next [-t team]\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                take | release id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                assign id user\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                hold [--late] -m text id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                resume [-m text] id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                prolong -m text [--to date] id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                extend -m text --to date | --days n id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                forward --to authority [-m text] id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                answer --outcome outcome -m text | -F file\n"
	    "                [--why text --will-do text --can-do text]\n"
	    "                [-A file ...] [--strict] id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                close [--withdrawn] [-m text] id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                reopen | void | note -m text id\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                rate [-m text] id rating\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                link [--identical] [-m text] id other\n"
	    "       rs-queue [-d db] [-n datetime [-r reason]] [-o format] [-u user]\n"
	    "                merge [-m text] id other\n"
	    "       rs-queue [-d db] [-n datetime] [-o format] [-u user] "
	    "correct -m text id\n"
	    "                field=value ...\n"
	    "       rs-queue [-d db] [-n datetime] [-o format] [-u user] "
	    "attach [-m text] -A file ... id\n"
	    "       rs-queue [-d db] [-o format] docs id\n"
	    "       rs-queue [-d db] doc id number | name\n"
	    "       rs-queue [-d db] [-o format] inbox [-a]\n"
	    "       rs-queue [-d db] inbox show n\n"
	    "       rs-queue [-d db] [-n datetime] [-o format] [-u user] "
	    "inbox attach [--no-resume]\n"
	    "                n id\n"
	    "       rs-queue [-d db] [-n datetime] [-o format] [-u user] "
	    "inbox register [-t type] n\n"
	    "       rs-queue [-d db] [-n datetime] [-u user] "
	    "inbox discard -m text n\n";

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

static const char *const list_names[] = {
	"position", "id", "priority", "received_at", "effective_on", "due_on",
	"days_left", "status", "channel", "type", "topic", "team", "assignee",
	"name", "subject", NULL
};
#define NLIST (sizeof(list_names) / sizeof(list_names[0]) - 1)
static struct rs_column list_columns[NLIST];

/* Every column of a request, in the order of rs-csv(5). */
static const struct rs_column *request_columns = rs_all_columns;
static size_t nrequest;	/* up to the empty entry */

/* csv and tsv of show: the request's columns, then the event's */
static const struct rs_column history_columns[] = {
	{ "event", "Evento", 1 },
	{ "event_at", "Fecha", 0 },
	{ "event_actor", "Actor", 0 },
	{ "event_kind", "Paso", 0 },
	{ "event_details", "Detalle", 0 },
	{ "event_due_on", "Vence", 0 },
};
#define NHISTORY (sizeof(history_columns) / sizeof(history_columns[0]))

static const struct rs_column event_columns[] = {
	{ "id", "Radicado", 0 },
	{ "event", "Evento", 1 },
	{ "at", "Fecha", 0 },
	{ "actor", "Actor", 0 },
	{ "kind", "Paso", 0 },
	{ "details", "Detalle", 0 },
	{ "due_on", "Vence", 0 },
};
#define NEVENT (sizeof(event_columns) / sizeof(event_columns[0]))

static const char *const step_names[] = {
	"id", "status", "assignee", "due_on", "hold_limit", NULL
};
#define NSTEPCOL (sizeof(step_names) / sizeof(step_names[0]) - 1)
static struct rs_column step_columns[NSTEPCOL];

static struct rs_db	*db;
static enum rs_format	 fmt;
static rs_day		 today;
static rs_time		 now;
static const char	*dbopt, *fmtopt, *nowopt, *useropt, *reasonopt;

/* The options every verb takes, before or after the verb's name. */
static int
common_option(int ch)
{
	switch (ch) {
	case 'd':
		dbopt = optarg;
		return 1;
	case 'n':
		nowopt = optarg;
		return 1;
	case 'r':
		reasonopt = optarg;
		return 1;
	case 'o':
		fmtopt = optarg;
		return 1;
	case 'u':
		useropt = optarg;
		return 1;
	case 'h':
		help();
		break;
	case 'V':
		printf("rs-queue %s\n", RS_VERSION);
		rs_stdout_close();
		exit(0);
	}
	return 0;
}

/* Open the store (RS_DB_READ for what only reads) and settle the format
 * and "today" once options are read. */
static void
setup(int mode)
{
	if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json or table; "
		    "got \"%s\"", fmtopt);
	db = rs_db_open(rs_db_path(dbopt), mode);
	rs_db_zone(db);
	/* a date for the list, a date and time for a step: both taken */
	if (nowopt) {
		if (rs_parse_datetime(nowopt, &now) == -1)
			rs_die(EX_USAGE, "-n: expected a date like 2024-08-13 "
			    "or a date and time like 2024-08-13T16:45; got "
			    "\"%s\"", nowopt);
	} else
		now = rs_now();
	today = rs_local_day(now, NULL);
}

/* The options of list and search: -a, -t team and the common ones. */
static void
listing_options(int argc, char *argv[], const char *spec, int *all,
    const char **team)
{
	int ch;

	while ((ch = getopt(argc, argv, spec)) != -1)
		switch (ch) {
		case 'a':
			*all = 1;
			break;
		case 't':
			*team = optarg;
			break;
		default:
			if (!common_option(ch))
				usage();
		}
}

/* What list() writes a row at a time. */
struct queue_list {
	struct rs_calendar	 cal;
	struct rs_out		*out;
	long			 n;
};

static void
queue_row(void *arg, const struct rs_listed *r)
{
	struct queue_list *l = arg;
	const char *cells[NLIST];
	char pos[24], left[24];
	rs_day due;

	snprintf(pos, sizeof(pos), "%ld", ++l->n);
	left[0] = '\0';
	if (r->due_on && rs_parse_date(r->due_on, &due) == 0)
		snprintf(left, sizeof(left), "%d",
		    rs_business_days_between(&l->cal, today, due));
	cells[0] = pos;
	cells[1] = r->id;
	cells[2] = r->priority;
	cells[3] = r->received_at;
	cells[4] = r->effective_on;
	cells[5] = r->due_on;
	cells[6] = left;
	cells[7] = r->status;
	cells[8] = r->channel;
	cells[9] = r->type;
	cells[10] = r->topic;
	cells[11] = r->team;
	cells[12] = r->assignee;
	cells[13] = r->name;
	cells[14] = r->subject;
	rs_out_row(l->out, cells);
}

static void
list(int argc, char *argv[])
{
	struct queue_list l = { 0 };
	const char *team = NULL;
	int all = 0;

	optind = 1;
	if (argc > 0)
		argv[0] = (char *)rs_progname;	/* getopt's messages */
	if (argc > 0)
		listing_options(argc, argv, "ad:hn:o:t:V", &all, &team);
	if (argc > 0 && optind != argc)
		usage();
	setup(RS_DB_READ);

	rs_db_calendar(db, &l.cal);
	l.out = rs_out_new(stdout, fmt, list_columns, NLIST);
	rs_queue_requests(db, team, all, queue_row, &l);
	rs_out_end(l.out);
	rs_calendar_free(&l.cal);
}

/*
 * search: the requests of a caller who has no radicado at hand.  The
 * words are the caller's text, never options or query syntax: options
 * come before them ("+"), and "--" lets a first word start with "-".
 * Nothing found is grep's "nothing matched", status 1.
 */
static int
search(int argc, char *argv[])
{
	struct rs_calendar cal;
	struct rs_search *s;
	struct rs_out *out;
	struct rs_buf typed = { 0 };
	const struct rs_column *cols;
	const char *team = NULL;
	size_t ncols;
	long n;
	int all = 0, i;

	argv[0] = (char *)rs_progname;	/* getopt's messages */
	optind = 1;
	listing_options(argc, argv, "+ad:hn:o:t:V", &all, &team);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		rs_die(EX_USAGE, "search: expected the words to look for: a "
		    "name, an e-mail address, a phone, an identity number or "
		    "words of the subject");
	for (i = 0; i < argc; i++) {
		if (rs_utf8_invalid(argv[i], strlen(argv[i])) !=
		    strlen(argv[i]))
			rs_die(EX_USAGE, "search: expected words in UTF-8; "
			    "word %d is not", i + 1);
		if (i > 0)
			rs_buf_addc(&typed, ' ');
		rs_buf_adds(&typed, argv[i]);
	}
	setup(RS_DB_READ);
	switch (rs_search_new(db, argv, argc, &s)) {
	case -1:
		rs_die(EX_USAGE, "search: expected words with a letter or a "
		    "digit; got \"%s\"", rs_buf_str(&typed));
	case -2:
		rs_die(EX_USAGE, "search: expected at most %d words",
		    RS_SEARCH_MAX_WORDS);
	}
	rs_db_calendar(db, &cal);
	cols = rs_search_columns(&ncols);
	out = rs_out_new(stdout, fmt, cols, ncols);
	n = rs_search_run(s, &cal, today, all, team, out);
	rs_out_end(out);
	rs_search_free(s);
	rs_calendar_free(&cal);
	rs_buf_free(&typed);
	return n > 0 ? 0 : 1;
}

/* The documents and the notices, under the history, when there are. */
static void
show_more(int64_t seq, size_t width)
{
	const struct rs_column *cols;
	struct rs_out *out;
	FILE *tmp;
	size_t n;
	long rows;
	char **said;
	int c;

	/* the requests that are the same matter (rs_link) */
	if ((tmp = tmpfile()) == NULL)
		rs_die(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	cols = rs_link_columns(&n);
	out = rs_out_new(tmp, RS_FMT_TABLE, cols, n);
	rows = rs_links_list(db, seq, 1, out);
	rs_out_end(out);
	if (rows > 0) {
		printf("\nRelacionadas\n");
		rewind(tmp);
		while ((c = getc(tmp)) != EOF)
			putchar(c);
	}
	fclose(tmp);
	if ((tmp = tmpfile()) == NULL)
		rs_die(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	cols = rs_document_columns(&n);
	out = rs_out_new(tmp, RS_FMT_TABLE, cols, n);
	rows = rs_documents_list(db, seq, out);
	rs_out_end(out);
	if (rows > 0) {
		printf("\nDocumentos\n");
		rewind(tmp);
		while ((c = getc(tmp)) != EOF)
			putchar(c);
	}
	fclose(tmp);
	said = rs_notices_said(db, seq);
	if (said[0])
		printf("\nAvisos\n");
	for (n = 0; said[n]; n++) {
		fputs("- ", stdout);
		rs_text_wrap(stdout, said[n], 2, width);
	}
	rs_strings_free(said);
}

/* The status on the request's card. */
static const char *
status_of(const struct rs_card *card)
{
	size_t i;

	for (i = 0; i < card->n; i++)
		if (strcmp(request_columns[i].name, "status") == 0 &&
		    card->v[i])
			return card->v[i];
	return "";
}

/* One event of the history, as show_history keeps it to align them. */
enum { EV_N, EV_AT, EV_ACTOR, EV_STEP, EV_SAID, EV_DUE, EV_FIELDS };
struct shown_event {
	char	*f[EV_FIELDS];
};

/*
 * The history for people: a line an event (number, time to the minute,
 * who, the step, and the due date where it changed), then what it says
 * in full, wrapped under it.
 */
static void
show_history(const struct rs_event_line *ev, size_t n, size_t width)
{
	struct shown_event *e;
	const char *v[EV_FIELDS], *due = "";
	size_t i, wn = 0, wactor = 0, wstep = 0;
	char **f;
	int c;

	e = rs_calloc(n ? n : 1, sizeof(*e));
	for (i = 0; i < n; i++) {
		f = e[i].f;
		v[EV_N] = ev[i].n;
		v[EV_AT] = ev[i].at;
		v[EV_ACTOR] = ev[i].actor;
		v[EV_STEP] = ev[i].kind;
		v[EV_SAID] = ev[i].details;
		v[EV_DUE] = ev[i].due_on;
		for (c = 0; c < EV_FIELDS; c++)
			f[c] = rs_strdup(v[c] ? v[c] : "");
		/* the office's own time, to the minute: 2024-07-02 09:00 */
		if (strlen(f[EV_AT]) >= 16) {
			f[EV_AT][10] = ' ';
			f[EV_AT][16] = '\0';
		}
		if (rs_utf8_width(f[EV_N]) > wn)
			wn = rs_utf8_width(f[EV_N]);
		if (rs_utf8_width(f[EV_ACTOR]) > wactor)
			wactor = rs_utf8_width(f[EV_ACTOR]);
		if (rs_utf8_width(f[EV_STEP]) > wstep)
			wstep = rs_utf8_width(f[EV_STEP]);
	}
	printf("\nHistorial\n");
	for (i = 0; i < n; i++) {
		f = e[i].f;
		printf("%*s  %s  %s%*s  %s", (int)wn, f[EV_N], f[EV_AT],
		    f[EV_ACTOR],
		    (int)(wactor - rs_utf8_width(f[EV_ACTOR])), "",
		    f[EV_STEP]);
		/* the due date where a step moved it, not on every line */
		if (*f[EV_DUE] && strcmp(f[EV_DUE], due) != 0) {
			printf("%*s  vence %s",
			    (int)(wstep - rs_utf8_width(f[EV_STEP])), "",
			    f[EV_DUE]);
			due = f[EV_DUE];
		}
		putchar('\n');
		if (*f[EV_SAID]) {
			printf("%*s", (int)wn + 2, "");
			rs_text_wrap(stdout, f[EV_SAID], wn + 2, width);
		}
	}
	for (i = 0; i < n; i++)
		for (c = 0; c < EV_FIELDS; c++)
			free(e[i].f[c]);
	free(e);
}

static void
show_table(const struct rs_card *card, const struct rs_event_line *ev,
    size_t nev)
{
	const char *v;
	size_t i, w, width = 0, cols;

	cols = rs_text_width(STDOUT_FILENO);
	for (i = 0; i < nrequest; i++)
		if ((w = rs_utf8_width(request_columns[i].label)) > width)
			width = w;
	for (i = 0; i < nrequest; i++) {
		v = card->v[i];
		/* Ley 1755 art. 17: the month runs from the notice */
		if ((v == NULL || *v == '\0') &&
		    strcmp(request_columns[i].name, "hold_limit") == 0 &&
		    strcmp(status_of(card), "en_espera") == 0)
			v = RS_HOLD_UNNOTIFIED;
		if (v == NULL || *v == '\0')
			continue;
		printf("%s:%*s ", request_columns[i].label,
		    (int)(width - rs_utf8_width(request_columns[i].label)), "");
		/* a value's further lines stay under the value, so no line
		 * of a description can pass for a field of the card */
		rs_text_wrap(stdout, v, width + 2, cols);
	}
	show_history(ev, nev, cols);
	show_more(card->seq, cols);
}

/* ,"name":[…]: the documents, the notices or the links of a request,
 * one JSON object each, as rs_out writes them one a line */
enum { J_DOCUMENTS, J_NOTICES, J_LINKS };

static void
json_list(const char *name, int64_t seq, int which)
{
	const struct rs_column *cols;
	struct rs_out *out;
	FILE *tmp;
	size_t n;
	int c, first = 1, start = 1;

	if ((tmp = tmpfile()) == NULL)
		rs_die(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	cols = which == J_NOTICES ? rs_notice_columns(&n) :
	    which == J_LINKS ? rs_link_columns(&n) : rs_document_columns(&n);
	out = rs_out_new(tmp, RS_FMT_JSON, cols, n);
	if (which == J_NOTICES)
		rs_notices_list(db, seq, 0, out);
	else if (which == J_LINKS)
		rs_links_list(db, seq, 0, out);
	else
		rs_documents_list(db, seq, out);
	rs_out_end(out);
	rewind(tmp);
	printf(",\"%s\":[", name);
	while ((c = getc(tmp)) != EOF) {
		if (c == '\n') {
			start = 1;
			continue;
		}
		if (start && !first)
			putchar(',');
		start = first = 0;
		putchar(c);
	}
	putchar(']');
	fclose(tmp);
}

/* One event's fields in the order of event_columns after the first. */
static void
event_fields(const struct rs_event_line *e, const char *v[NEVENT - 1])
{
	v[0] = e->n;
	v[1] = e->at;
	v[2] = e->actor;
	v[3] = e->kind;
	v[4] = e->details;
	v[5] = e->due_on;
}

static void
show_json(const struct rs_card *card, const struct rs_event_line *ev,
    size_t nev)
{
	const char *f[NEVENT - 1], *v;
	size_t i;
	int c;

	putchar('{');
	for (i = 0; i < nrequest; i++) {
		v = card->v[i];
		if (i)
			putchar(',');
		rs_json_put(stdout, request_columns[i].name);
		putchar(':');
		if ((request_columns[i].flags & RS_NUMERIC))
			fputs(v ? v : "null", stdout);
		else
			rs_json_put(stdout, v ? v : "");
	}
	fputs(",\"events\":[", stdout);
	for (i = 0; i < nev; i++) {
		if (i)
			putchar(',');
		putchar('{');
		event_fields(&ev[i], f);
		for (c = 1; c < (int)NEVENT; c++) {
			v = f[c - 1];
			if (c > 1)
				putchar(',');
			rs_json_put(stdout, event_columns[c].name);
			putchar(':');
			if ((event_columns[c].flags & RS_NUMERIC))
				fputs(v ? v : "null", stdout);
			else
				rs_json_put(stdout, v ? v : "");
		}
		putchar('}');
	}
	fputs("]", stdout);
	json_list("documents", card->seq, J_DOCUMENTS);
	json_list("notices", card->seq, J_NOTICES);
	json_list("links", card->seq, J_LINKS);
	fputs("}\n", stdout);
}

/*
 * csv and tsv: one table, one row an event, each row carrying the request
 * as it is now, so that both fit one header.
 */
static void
show_flat(const struct rs_card *card, const struct rs_event_line *ev,
    size_t nev)
{
	struct rs_column cols[nrequest + NHISTORY];
	const char *cells[nrequest + NHISTORY];
	struct rs_out *out;
	size_t i;

	for (i = 0; i < nrequest; i++) {
		cols[i] = request_columns[i];
		cells[i] = card->v[i];
	}
	for (i = 0; i < NHISTORY; i++)
		cols[nrequest + i] = history_columns[i];
	out = rs_out_new(stdout, fmt, cols, nrequest + NHISTORY);
	for (i = 0; i < nev; i++) {
		event_fields(&ev[i], &cells[nrequest]);
		rs_out_row(out, cells);
	}
	rs_out_end(out);
}

static void
show(int argc, char *argv[])
{
	struct rs_event_line *ev;
	struct rs_card card;
	size_t nev;
	int ch;

	optind = 1;
	argv[0] = (char *)rs_progname;	/* getopt's messages */
	while ((ch = getopt(argc, argv, "d:hn:o:V")) != -1)
		if (!common_option(ch))
			usage();
	if (optind != argc - 1)
		usage();
	setup(RS_DB_READ);
	argv += optind - 1;
	rs_db_read_begin(db);	/* the card and all under it as one */
	if (rs_request_card(db, argv[1], &card) == -1)
		rs_die(EX_DATAERR, "%s: no such request", argv[1]);
	ev = rs_request_events(db, card.seq, fmt == RS_FMT_TABLE, &nev);

	switch (fmt) {
	case RS_FMT_TABLE:
		show_table(&card, ev, nev);
		break;
	case RS_FMT_JSON:
		show_json(&card, ev, nev);
		break;
	default:
		show_flat(&card, ev, nev);
	}
	rs_db_read_end(db);
	rs_event_lines_free(ev, nev);
	rs_card_free(&card);
}

/* ---- the steps -------------------------------------------------------- */

/* The rows a step changed: its request's, then any other's it moved
 * with it (a link's other side, art. 22's identical answers). */
static void
step_row(void *arg, const struct rs_listed *r)
{
	const char *cells[NSTEPCOL];

	cells[0] = r->id;
	cells[1] = r->status;
	cells[2] = r->assignee;
	cells[3] = r->due_on;
	cells[4] = r->hold_limit;
	rs_out_row(arg, cells);
}

static void
step_rows(int64_t *seqs, size_t n)
{
	struct rs_out *out;
	size_t i;

	out = rs_out_new(stdout, fmt, step_columns, NSTEPCOL);
	for (i = 0; i < n; i++)
		rs_request_state(db, seqs[i], step_row, out);
	rs_out_end(out);
}

static void
step_output(struct rs_action *a)
{
	step_rows(&a->seq, 1);
}

/* The files of -A, read whole before anything is written. */
static struct rs_attachment *files;
static size_t nfiles;

static void
add_file(const char *path)
{
	struct rs_attachment *f;
	int e;

	files = rs_realloc(files, (nfiles + 1) * sizeof(*files));
	f = &files[nfiles];
	if ((e = rs_file_read(path, f)) != 0)
		rs_die(e == ENOENT ? EX_NOINPUT : e == EACCES ? EX_NOPERM :
		    EX_IOERR, "%s: %s", path, strerror(e));
	if (*f->name == '\0' || rs_has_controls(f->name, 0) ||
	    rs_utf8_invalid(f->name, strlen(f->name)) != strlen(f->name))
		rs_die(EX_DATAERR, "%s: expected a file name in UTF-8", path);
	nfiles++;
}

/* The documents within the bound of a message (max_message). */
static void
files_bounded(void)
{
	const char *why;

	if ((why = rs_documents_bound(db, files, nfiles)) != NULL)
		rs_die(EX_DATAERR, "%s", why);
}

/* Is s a step of the lifecycle's table? */
static int
is_verb(const char *s)
{
	int i;

	for (i = 0; rs_verbs[i] && strcmp(rs_verbs[i], s); i++)
		;
	return rs_verbs[i] != NULL;
}

/* What -n claims and -r says of it, for the checks of lib/. */
static void
claim(struct rs_action *a)
{
	a->claimed = 1;
	a->day_only = nowopt && strlen(nowopt) == RS_DATE_LEN - 1;
	if (reasonopt && (*reasonopt == '\0' ||
	    rs_has_controls(reasonopt, 0) || strlen(reasonopt) > 500))
		rs_die(EX_USAGE, "-r: expected why the step is dated so, in "
		    "one line of at most 500 bytes");
	a->time_reason = reasonopt;
}

/* One step, one transaction: refused, nothing is written. */
static void
apply(struct rs_action *a)
{
	struct rs_calendar cal;
	const char *why;
	int64_t *seqs = NULL, other = 0;
	char **waiting = NULL;
	size_t nseqs = 0, i;

	a->now = now;
	a->actor = rs_actor(useropt);
	claim(a);
	if (rs_has_controls(a->actor, 0) || strlen(a->actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"",
		    a->actor);
	rs_db_calendar(db, &cal);
	rs_db_begin(db);
	/* with a users catalog, work goes to the people in it */
	if (a->who && (why = rs_user_assignable(db, a->who)) != NULL) {
		rs_db_rollback(db);
		rs_die(EX_DATAERR, "%s: cannot assign: %s", a->id, why);
	}
	/* a link and a merge write on both requests: the message names
	 * the one refused */
	if (strcmp(a->verb, "link") == 0 || strcmp(a->verb, "merge") == 0) {
		if ((why = rs_link(db, &cal, a, &other)) != NULL) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s", why);
		}
	} else if ((why = rs_apply(db, &cal, a)) != NULL) {
		rs_db_rollback(db);
		rs_die(EX_DATAERR, "%s: %s", a->id, why);
	}
	/* the protocol's checks before the answer is committed: an answer
	 * --strict refuses is not an answer, and its day counts for
	 * nothing (M-A-SCD-01 5.1, 5.2) */
	if (strcmp(a->verb, "answer") == 0) {
		char *prefix = rs_setting(db, "prefix");
		int findings = rs_answer_check(db, a->id, a->text, prefix, 0);

		free(prefix);
		if (findings > 0 && a->strict) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s: not recorded (--strict)",
			    a->id);
		}
		/* Ley 1755 art. 22: identical petitions answered at once */
		if ((why = rs_answer_identical(db, &cal, a, &seqs, &nseqs,
		    &waiting)) != NULL) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s", why);
		}
	}
	if (nfiles > 0) {
		char at[RS_DATETIME_LEN];

		rs_format_datetime(a->now, at);
		rs_documents_add(db, a->seq, at, a->actor, "answer", files,
		    nfiles, NULL);
	}
	rs_db_commit(db);
	if (a->warning)
		rs_warn("%s: %s", a->id, a->warning);
	for (i = 0; waiting && waiting[i]; i++)
		rs_warn("%s: not answered with %s: it waits for its requester "
		    "(en_espera; Ley 1755 art. 17)", waiting[i], a->id);
	rs_strings_free(waiting);
	rs_calendar_free(&cal);
	seqs = rs_realloc(seqs, (nseqs + 2) * sizeof(*seqs));
	memmove(seqs + 1, seqs, nseqs * sizeof(*seqs));
	seqs[0] = a->seq;
	nseqs++;
	if (other)
		seqs[nseqs++] = other;
	step_rows(seqs, nseqs);
	free(seqs);
}

static char *
read_text(const char *path)
{
	struct rs_buf b = { 0 };
	char buf[8192];
	size_t n;
	FILE *fp;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL)
		rs_die(EX_NOINPUT, "%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		rs_buf_add(&b, buf, n);
		if (b.len > RS_CSV_FIELD_MAX)
			rs_die(EX_DATAERR, "%s: longer than %d bytes", path,
			    RS_CSV_FIELD_MAX);
	}
	if (ferror(fp))
		rs_die(EX_IOERR, "%s: %s", path, strerror(errno));
	if (fp != stdin)
		fclose(fp);
	if (rs_utf8_invalid(rs_buf_str(&b), b.len) != b.len)
		rs_die(EX_DATAERR, "%s: not UTF-8 text", path);
	return b.s ? b.s : rs_strdup("");
}

enum { O_OUTCOME = 256, O_WHY, O_WILL_DO, O_CAN_DO, O_TO, O_DAYS, O_LATE,
    O_WITHDRAWN, O_STRICT, O_NO_RESUME, O_IDENTICAL };

static const struct option step_options[] = {
	{ "outcome",	required_argument, NULL, O_OUTCOME },
	{ "why",	required_argument, NULL, O_WHY },
	{ "will-do",	required_argument, NULL, O_WILL_DO },
	{ "can-do",	required_argument, NULL, O_CAN_DO },
	{ "to",		required_argument, NULL, O_TO },
	{ "days",	required_argument, NULL, O_DAYS },
	{ "late",	no_argument,       NULL, O_LATE },
	{ "withdrawn",	no_argument,       NULL, O_WITHDRAWN },
	{ "strict",	no_argument,       NULL, O_STRICT },
	{ "identical",	no_argument,       NULL, O_IDENTICAL },
	{ NULL, 0, NULL, 0 }
};

/* inbox attach --no-resume: a message for the record only, say a third
 * party's, that answers no requirement */
static const struct option inbox_options[] = {
	{ "no-resume",	no_argument,       NULL, O_NO_RESUME },
	{ NULL, 0, NULL, 0 }
};

/* The options a step may take, and which it needs. */
static const struct {
	const char	*verb;
	const char	*allowed;	/* option letters and long ids */
	int		 operands;	/* after the id */
} step_shapes[] = {
	{ "take",	"",		0 },
	{ "release",	"",		0 },
	{ "assign",	"",		1 },
	{ "hold",	"mL",		0 },
	{ "resume",	"m",		0 },
	{ "prolong",	"mT",		0 },
	{ "extend",	"mTD",		0 },
	{ "forward",	"mT",		0 },
	{ "answer",	"mFOwkcAS",	0 },
	{ "close",	"mW",		0 },
	{ "reopen",	"m",		0 },
	{ "void",	"m",		0 },
	{ "note",	"m",		0 },
	{ "rate",	"m",		1 },
	{ "link",	"mI",		1 },
	{ "merge",	"m",		1 },
	{ NULL, NULL, 0 }
};

static void
step(int argc, char *argv[])
{
	struct rs_action a = { 0 };
	const char *verb = argv[0], *allowed, *to = NULL;
	char *text = NULL, letter;
	int ch, i, strict = 0, identical = 0;

	for (i = 0; step_shapes[i].verb && strcmp(step_shapes[i].verb, verb);
	    i++)
		;
	allowed = step_shapes[i].allowed;
	a.verb = verb;
	a.to = RS_NO_DAY;
	argv[0] = (char *)rs_progname;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "A:d:F:hm:n:o:r:u:V", step_options,
	    NULL)) != -1) {
		if (common_option(ch))
			continue;
		letter = ch == 'm' ? 'm' : ch == 'F' ? 'F' : ch == 'A' ? 'A' :
		    ch == O_OUTCOME ?
		    'O' : ch == O_WHY ? 'w' : ch == O_WILL_DO ? 'k' :
		    ch == O_CAN_DO ? 'c' : ch == O_TO ? 'T' : ch == O_DAYS ?
		    'D' : ch == O_LATE ? 'L' : ch == O_WITHDRAWN ? 'W' :
		    ch == O_STRICT ? 'S' : ch == O_IDENTICAL ? 'I' : '?';
		if (letter == '?' || strchr(allowed, letter) == NULL)
			usage();
		switch (ch) {
		case 'A':
			add_file(optarg);
			break;
		case 'm':
			a.text = optarg;
			break;
		case 'F':
			a.text = text = read_text(optarg);
			break;
		case O_OUTCOME:
			a.outcome = optarg;
			break;
		case O_WHY:
			a.why = optarg;
			break;
		case O_WILL_DO:
			a.will_do = optarg;
			break;
		case O_CAN_DO:
			a.can_do = optarg;
			break;
		case O_TO:
			to = optarg;
			break;
		case O_DAYS:
			if (!rs_all_digits(optarg) || strlen(optarg) > 3)
				rs_die(EX_USAGE, "--days: expected a number "
				    "of business days; got \"%s\"", optarg);
			a.days = atoi(optarg);
			break;
		case O_LATE:
			a.late = 1;
			break;
		case O_WITHDRAWN:
			a.withdrawn = 1;
			break;
		case O_STRICT:
			strict = 1;
			break;
		case O_IDENTICAL:
			identical = 1;
			break;
		}
	}
	if (argc - optind != 1 + step_shapes[i].operands)
		usage();
	a.id = argv[optind];
	if (strcmp(verb, "assign") == 0)
		a.who = argv[optind + 1];
	if (strcmp(verb, "link") == 0 || strcmp(verb, "merge") == 0) {
		a.other = argv[optind + 1];
		/* Ley 1755 art. 22: several persons, one content */
		a.link_kind = identical ? "identical" : "duplicate";
	}
	if (strcmp(verb, "rate") == 0) {
		const char *r = argv[optind + 1];

		if (strlen(r) != 1 || r[0] < '1' || r[0] > '5')
			rs_die(EX_DATAERR, "%s: rating: expected 1 to 5; got "
			    "\"%s\"", a.id, r);
		a.rating = r[0] - '0';
	}
	if (to && (strcmp(verb, "extend") == 0 ||
	    strcmp(verb, "prolong") == 0)) {
		if (rs_parse_date(to, &a.to) == -1)
			rs_die(EX_USAGE, "--to: expected a date like "
			    "2024-08-13; got \"%s\"", to);
	} else
		a.authority = to;
	if (a.text && rs_has_controls(a.text, 1))
		rs_die(EX_DATAERR, "%s: the text has control characters",
		    a.id);
	setup(RS_DB_WRITE);
	files_bounded();
	a.strict = strict;
	apply(&a);
	free(text);
}

static void
docs_out(int64_t seq)
{
	const struct rs_column *cols;
	struct rs_out *out;
	size_t n;

	cols = rs_document_columns(&n);
	out = rs_out_new(stdout, fmt, cols, n);
	rs_documents_list(db, seq, out);
	rs_out_end(out);
}

/* attach: the desk's scanned papers, added to a request at any time */
static void
attach(int argc, char *argv[])
{
	const char *text = NULL, *actor;
	char at[RS_DATETIME_LEN];
	int64_t seq;
	int ch;

	argv[0] = (char *)rs_progname;
	optind = 1;
	while ((ch = getopt(argc, argv, "A:d:hm:n:o:u:V")) != -1) {
		if (common_option(ch))
			continue;
		if (ch == 'A')
			add_file(optarg);
		else if (ch == 'm')
			text = optarg;
		else
			usage();
	}
	if (optind != argc - 1 || nfiles == 0)
		usage();
	if (text && rs_has_controls(text, 1))
		rs_die(EX_DATAERR, "%s: the text has control characters",
		    argv[optind]);
	actor = rs_actor(useropt);
	if (rs_has_controls(actor, 0) || strlen(actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"",
		    actor);
	setup(RS_DB_WRITE);
	files_bounded();
	rs_db_begin(db);
	if ((seq = rs_request_seq(db, argv[optind])) == 0)
		rs_die(EX_DATAERR, "%s: no such request", argv[optind]);
	rs_format_datetime(now, at);
	rs_documents_add(db, seq, at, actor, "desk", files, nfiles, text);
	rs_db_commit(db);
	docs_out(seq);
}

/* docs: the documents of a request; doc: one of them, as it is */
static void
docs(int argc, char *argv[])
{
	int64_t seq;
	int ch, one = strcmp(argv[0], "doc") == 0;

	argv[0] = (char *)rs_progname;
	optind = 1;
	while ((ch = getopt(argc, argv, "d:ho:V")) != -1)
		if (!common_option(ch))
			usage();
	if (argc - optind != 1 + one)
		usage();
	setup(RS_DB_READ);
	if ((seq = rs_request_seq(db, argv[optind])) == 0)
		rs_die(EX_DATAERR, "%s: no such request", argv[optind]);
	if (one) {
		const char *why;
		char *data;
		size_t len;

		if ((why = rs_document_get(db, seq, argv[optind + 1], &data,
		    &len, NULL)) != NULL)
			rs_die(EX_DATAERR, "%s: %s: %s", argv[optind],
			    argv[optind + 1], why);
		if (fwrite(data, 1, len, stdout) != len)
			rs_stdout_check();
		free(data);
		return;
	}
	docs_out(seq);
}

/* inbox: what the mailbox could not sort, and the operator's decision */
static void
inbox(int argc, char *argv[])
{
	const struct rs_column *cols;
	struct rs_out *out;
	const char *verb = NULL, *text = NULL, *type = NULL, *why, *actor;
	const char *resumed = NULL;
	struct rs_calendar cal;
	char at[RS_DATETIME_LEN];
	int ch, all = 0, resume = 1;
	int64_t n;
	size_t ncols;

	argv[0] = (char *)rs_progname;
	optind = 1;
	/* the decision's name comes first, its options after it */
	if (argc > 1 && argv[1][0] != '-') {
		verb = argv[1];
		argv++;
		argc--;
		argv[0] = (char *)rs_progname;
	}
	while ((ch = getopt_long(argc, argv, "ad:hm:n:o:t:u:V",
	    inbox_options, NULL)) != -1) {
		if (common_option(ch))
			continue;
		if (ch == 'a' && verb == NULL)
			all = 1;
		else if (ch == O_NO_RESUME && verb &&
		    strcmp(verb, "attach") == 0)
			resume = 0;
		else if (ch == 'm' && verb && strcmp(verb, "discard") == 0)
			text = optarg;
		else if (ch == 't' && verb && strcmp(verb, "register") == 0)
			type = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (verb == NULL) {
		if (argc != 0)
			usage();
		setup(RS_DB_READ);
		cols = rs_inbox_columns(&ncols);
		out = rs_out_new(stdout, fmt, cols, ncols);
		rs_inbox_list(db, all, 0, out);
		rs_out_end(out);
		return;
	}
	if ((strcmp(verb, "attach") == 0 ? 2 : 1) != argc ||
	    (strcmp(verb, "show") && strcmp(verb, "attach") &&
	    strcmp(verb, "register") && strcmp(verb, "discard")))
		usage();
	if (!rs_all_digits(argv[0]) || strlen(argv[0]) > 18)
		rs_die(EX_USAGE, "inbox %s: expected the number of a message "
		    "in the review list; got \"%s\"", verb, argv[0]);
	n = strtoll(argv[0], NULL, 10);
	if (text && rs_has_controls(text, 1))
		rs_die(EX_DATAERR, "inbox discard: the text has control "
		    "characters");
	setup(strcmp(verb, "show") == 0 ? RS_DB_READ : RS_DB_WRITE);
	if (strcmp(verb, "show") == 0) {
		char *data;
		size_t len;

		if ((why = rs_inbox_raw(db, n, &data, &len)) != NULL)
			rs_die(EX_DATAERR, "inbox %lld: %s", (long long)n,
			    why);
		if (fwrite(data, 1, len, stdout) != len)
			rs_stdout_check();
		free(data);
		return;
	}
	actor = rs_actor(useropt);
	if (rs_has_controls(actor, 0) || strlen(actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"",
		    actor);
	rs_format_datetime(now, at);
	if (strcmp(verb, "register") == 0) {
		struct rs_intake *in;
		char *deftype = NULL, *topic;
		size_t nc;

		if (type == NULL)
			type = deftype = rs_setting(db, "mail_type");
		/* the mailbox's topic, as rs-intake -m would give it */
		topic = rs_setting(db, "mail_topic");
		in = rs_intake_new(db, now, actor);
		cols = rs_intake_columns(&nc);
		out = rs_out_new(stdout, fmt, cols, nc);
		rs_intake_begin(in);
		if ((why = rs_inbox_register(db, in, n, type, topic, actor,
		    now, out)) != NULL) {
			rs_intake_rollback(in);
			rs_die(EX_DATAERR, "inbox %lld: %s", (long long)n,
			    why);
		}
		rs_intake_commit(in);
		rs_out_end(out);
		rs_intake_free(in);
		free(deftype);
		free(topic);
		return;
	}
	rs_db_calendar(db, &cal);
	rs_db_begin(db);
	why = strcmp(verb, "attach") == 0 ?
	    rs_inbox_attach(db, &cal, n, argv[1], resume, now, actor,
	    &resumed) :
	    rs_inbox_discard(db, n, text, at, actor);
	if (why != NULL) {
		rs_db_rollback(db);
		rs_die(EX_DATAERR, "inbox %lld: %s", (long long)n, why);
	}
	rs_db_commit(db);
	rs_calendar_free(&cal);
	if (resumed)
		rs_warn("%s: the requirement answered: the clock runs again "
		    "(Ley 1755 art. 17); status %s", argv[1], resumed);
	cols = rs_inbox_columns(&ncols);
	out = rs_out_new(stdout, fmt, cols, ncols);
	rs_inbox_list(db, 0, n, out);
	rs_out_end(out);
}

/* correct: the data of a request as it should have been registered; all
 * of it or, refused, none */
static void
correct(int argc, char *argv[])
{
	struct rs_correction c = { 0 };
	struct rs_calendar cal;
	const struct rs_column *cols;
	struct rs_out *out;
	const char *why, *cells[5];
	char *eq;
	size_t ncols, i;
	int ch;

	argv[0] = (char *)rs_progname;
	optind = 1;
	while ((ch = getopt(argc, argv, "d:hm:n:o:u:V")) != -1) {
		if (common_option(ch))
			continue;
		if (ch != 'm')
			usage();
		c.reason = optarg;
	}
	if (optind == argc)
		usage();
	c.id = argv[optind++];
	if (optind == argc)
		rs_die(EX_USAGE, "correct: give at least one field=value");
	if (argc - optind > RS_CORRECT_MAX)
		rs_die(EX_USAGE, "correct: at most %d fields", RS_CORRECT_MAX);
	for (; optind < argc; optind++) {
		if ((eq = strchr(argv[optind], '=')) == NULL)
			rs_die(EX_USAGE, "correct: expected field=value; got "
			    "\"%s\"", argv[optind]);
		*eq = '\0';
		c.field[c.n] = argv[optind];
		c.value[c.n++] = eq + 1;
	}
	setup(RS_DB_WRITE);
	c.now = now;
	c.actor = rs_actor(useropt);
	if (rs_has_controls(c.actor, 0) || strlen(c.actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"",
		    c.actor);
	rs_db_calendar(db, &cal);
	rs_db_begin(db);
	if ((why = rs_correct(db, &cal, &c)) != NULL) {
		rs_db_rollback(db);
		rs_die(EX_DATAERR, "%s: %s", c.id, why);
	}
	rs_db_commit(db);
	rs_calendar_free(&cal);
	cols = rs_correct_columns(&ncols);
	out = rs_out_new(stdout, fmt, cols, ncols);
	for (i = 0; i < c.nchanged; i++) {
		cells[0] = c.id;
		cells[1] = c.changed[i];
		cells[2] = c.old[i];
		cells[3] = c.new[i];
		cells[4] = c.due[0] ? c.due : NULL;
		rs_out_row(out, cells);
	}
	rs_out_end(out);
	rs_correct_free(&c);
}

/* next: take the first unassigned request in attention order, at once */
static int
next(int argc, char *argv[])
{
	struct rs_action a = { 0 };
	struct rs_calendar cal;
	const char *team = NULL, *why;
	char *id, *own = NULL;
	int ch;

	argv[0] = (char *)rs_progname;
	optind = 1;
	while ((ch = getopt(argc, argv, "d:hn:o:r:t:u:V")) != -1) {
		if (common_option(ch))
			continue;
		if (ch != 't')
			usage();
		team = optarg;
	}
	if (optind != argc)
		usage();
	setup(RS_DB_WRITE);
	a.verb = "take";
	a.now = now;
	a.to = RS_NO_DAY;
	a.actor = rs_actor(useropt);
	if (rs_has_controls(a.actor, 0) || strlen(a.actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"",
		    a.actor);
	claim(&a);
	rs_db_calendar(db, &cal);
	/* choosing and taking in one write transaction: two operators
	 * never get the same request, and none is skipped */
	rs_db_begin(db);
	/* without -t, an operator of a team takes from the team's queue */
	if (team == NULL)
		team = own = rs_user_team(db, a.actor);
	if ((id = rs_next_id(db, team)) == NULL) {
		rs_db_rollback(db);
		free(own);
		return 1;
	}
	a.id = id;
	/* the take can be refused for the time it claims */
	if ((why = rs_apply(db, &cal, &a)) != NULL)
		rs_die(EX_DATAERR, "%s: %s", id, why);
	rs_db_commit(db);
	rs_calendar_free(&cal);
	step_output(&a);
	free(id);
	free(own);
	return 0;
}

int
main(int argc, char *argv[])
{
	int ch, status = 0;

	rs_setprogname(argv[0]);
	rs_signals();
	rs_columns(list_names, list_columns);
	rs_columns(step_names, step_columns);
	while (rs_all_columns[nrequest].name)
		nrequest++;
	while ((ch = getopt(argc, argv, "+d:hn:o:r:u:V")) != -1)
		if (!common_option(ch))
			usage();
	argc -= optind;
	argv += optind;
	/* -r says why a step is dated so: the steps and next only */
	if (reasonopt && (argc == 0 || strcmp(argv[0], "next") != 0) &&
	    (argc == 0 || !is_verb(argv[0])))
		usage();

	if (argc == 0 || strcmp(argv[0], "list") == 0)
		list(argc, argv);
	else if (strcmp(argv[0], "search") == 0)
		status = search(argc, argv);
	else if (strcmp(argv[0], "show") == 0)
		show(argc, argv);
	else if (strcmp(argv[0], "next") == 0)
		status = next(argc, argv);
	else if (strcmp(argv[0], "attach") == 0)
		attach(argc, argv);
	else if (strcmp(argv[0], "docs") == 0 || strcmp(argv[0], "doc") == 0)
		docs(argc, argv);
	else if (strcmp(argv[0], "inbox") == 0)
		inbox(argc, argv);
	else if (strcmp(argv[0], "correct") == 0)
		correct(argc, argv);
	else {
		if (!is_verb(argv[0])) {
			rs_warn("%s: unknown command", argv[0]);
			usage();
		}
		step(argc, argv);
	}
	rs_db_close(db);
	rs_stdout_close();
	/* next on an empty queue, a search that found nothing: grep's
	 * "nothing matched" */
	return status;
}
