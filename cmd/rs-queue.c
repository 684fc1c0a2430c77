/* rs-queue - the attention queue: list and show */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "rs.h"

static const char usage_text[] =
	    "usage: rs-queue [-d db] [-n date] [-o format] [list [-a] "
	    "[-t team]]\n"
	    "       rs-queue [-d db] [-o format] show id\n";

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

static const struct rs_column list_columns[] = {
	{ "position", "Turno", 1 },
	{ "id", "Radicado", 0 },
	{ "priority", "Prioridad", 1 },
	{ "received_at", "Recibida", 0 },
	{ "effective_on", "Radicación efectiva", 0 },
	{ "due_on", "Vence", 0 },
	{ "days_left", "Días hábiles", 1 },
	{ "status", "Estado", 0 },
	{ "channel", "Canal", 0 },
	{ "type", "Tipo", 0 },
	{ "topic", "Tema", 0 },
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "name", "Nombre", 0 },
	{ "subject", "Asunto", 0 },
};
#define NLIST (sizeof(list_columns) / sizeof(list_columns[0]))

/* Every column of a request, in the order of rs-csv(5). */
static const struct rs_column request_columns[] = {
	{ "id", "Radicado", 0 },
	{ "status", "Estado", 0 },
	{ "received_at", "Recibida", 0 },
	{ "effective_on", "Radicación efectiva", 0 },
	{ "due_on", "Vence", 0 },
	{ "term_days", "Término (días hábiles)", 1 },
	{ "channel", "Canal", 0 },
	{ "type", "Tipo", 0 },
	{ "topic", "Tema", 0 },
	{ "team", "Equipo", 0 },
	{ "priority", "Prioridad", 1 },
	{ "preferential", "Atención preferencial", 0 },
	{ "name", "Nombre", 0 },
	{ "salutation", "Trato", 0 },
	{ "id_number", "Identificación", 0 },
	{ "email", "Correo", 0 },
	{ "phone", "Teléfono", 0 },
	{ "office", "Dependencia", 0 },
	{ "requester_kind", "Solicitante", 0 },
	{ "subject", "Asunto", 0 },
	{ "description", "Descripción", 0 },
	{ "external_ref", "Referencia externa", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "answered_at", "Respondida", 0 },
	{ "outcome", "Sentido de la respuesta", 0 },
};
#define NREQUEST (sizeof(request_columns) / sizeof(request_columns[0]))

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

static struct rs_db	*db;
static enum rs_format	 fmt;
static rs_day		 today;
static const char	*dbopt, *fmtopt, *nowopt;

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
	case 'o':
		fmtopt = optarg;
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

/* Open the store and settle the format and "today" once options are read. */
static void
setup(void)
{
	if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json or table; "
		    "got \"%s\"", fmtopt);
	db = rs_db_open(rs_db_path(dbopt), 0);
	rs_db_zone(db);
	if (nowopt) {
		if (rs_parse_date(nowopt, &today) == -1)
			rs_die(EX_USAGE, "-n: expected a date like 2024-08-13; "
			    "got \"%s\"", nowopt);
	} else
		today = rs_local_day((rs_time)time(NULL), NULL);
}

static void
list(int argc, char *argv[])
{
	struct rs_calendar cal;
	struct rs_out *out;
	struct rs_buf sql = { 0 };
	sqlite3_stmt *st;
	const char *team = NULL, *cells[NLIST];
	char pos[24], left[24];
	rs_day due;
	long n = 0;
	int ch, all = 0, i;

	optind = 1;
	if (argc > 0)
		argv[0] = (char *)rs_progname;	/* getopt's messages */
	while (argc > 0 && (ch = getopt(argc, argv, "ad:hn:o:t:V")) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 't':
			team = optarg;
			break;
		default:
			if (!common_option(ch))
				usage();
		}
	}
	if (argc > 0 && optind != argc)
		usage();
	setup();

	rs_db_calendar(db, &cal);
	rs_buf_adds(&sql, "SELECT id, priority, received_at, effective_on, "
	    "due_on, status, channel, type, topic, team, assignee, name, "
	    "subject FROM requests WHERE ");
	rs_buf_adds(&sql, all ? "1" : RS_OPEN_SQL);
	if (team)
		rs_buf_adds(&sql, " AND team = ?1");
	rs_buf_adds(&sql, " ORDER BY " RS_ATTENTION_ORDER);
	st = rs_db_prepare(db, rs_buf_str(&sql));
	if (team)
		sqlite3_bind_text(st, 1, team, -1, SQLITE_STATIC);

	out = rs_out_new(stdout, fmt, list_columns, NLIST);
	while (rs_db_step(db, st)) {
		snprintf(pos, sizeof(pos), "%ld", ++n);
		cells[0] = pos;
		cells[1] = (const char *)sqlite3_column_text(st, 0);
		cells[2] = (const char *)sqlite3_column_text(st, 1);
		cells[3] = (const char *)sqlite3_column_text(st, 2);
		cells[4] = (const char *)sqlite3_column_text(st, 3);
		cells[5] = (const char *)sqlite3_column_text(st, 4);
		left[0] = '\0';
		if (cells[5] && rs_parse_date(cells[5], &due) == 0)
			snprintf(left, sizeof(left), "%d",
			    rs_business_days_between(&cal, today, due));
		cells[6] = left;
		for (i = 7; i < (int)NLIST; i++)
			cells[i] = (const char *)sqlite3_column_text(st, i - 2);
		rs_out_row(out, cells);
	}
	sqlite3_finalize(st);
	rs_out_end(out);
	rs_buf_free(&sql);
	rs_calendar_free(&cal);
}

static void
show_table(sqlite3_stmt *req, sqlite3_stmt *ev)
{
	struct rs_out *out;
	const char *v;
	size_t i, w, width = 0;

	for (i = 0; i < NREQUEST; i++)
		if ((w = rs_utf8_width(request_columns[i].label)) > width)
			width = w;
	for (i = 0; i < NREQUEST; i++) {
		v = (const char *)sqlite3_column_text(req, (int)i);
		if (v == NULL || *v == '\0')
			continue;
		printf("%s:%*s ", request_columns[i].label,
		    (int)(width - rs_utf8_width(request_columns[i].label)), "");
		/* a value's further lines stay under the value, so no line
		 * of a description can pass for a field of the card */
		for (; *v; v++) {
			putchar(*v);
			if (*v == '\n' && v[1] != '\0')
				printf("%*s", (int)width + 2, "");
		}
		putchar('\n');
	}
	printf("\nHistorial\n");
	out = rs_out_new(stdout, RS_FMT_TABLE, event_columns, NEVENT);
	rs_db_rows(db, ev, out);
	rs_out_end(out);
}

static void
show_json(sqlite3_stmt *req, sqlite3_stmt *ev)
{
	size_t i;
	int n = 0, c;
	const char *v;

	putchar('{');
	for (i = 0; i < NREQUEST; i++) {
		v = (const char *)sqlite3_column_text(req, (int)i);
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
	while (rs_db_step(db, ev)) {
		if (n++)
			putchar(',');
		putchar('{');
		for (c = 1; c < (int)NEVENT; c++) {
			v = (const char *)sqlite3_column_text(ev, c);
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
	fputs("]}\n", stdout);
}

/*
 * csv and tsv: one table, one row an event, each row carrying the request
 * as it is now, so that both fit one header.
 */
static void
show_flat(sqlite3_stmt *req, sqlite3_stmt *ev)
{
	struct rs_column cols[NREQUEST + NHISTORY];
	const char *cells[NREQUEST + NHISTORY];
	struct rs_out *out;
	size_t i;

	for (i = 0; i < NREQUEST; i++) {
		cols[i] = request_columns[i];
		cells[i] = (const char *)sqlite3_column_text(req, (int)i);
	}
	for (i = 0; i < NHISTORY; i++)
		cols[NREQUEST + i] = history_columns[i];
	out = rs_out_new(stdout, fmt, cols, NREQUEST + NHISTORY);
	while (rs_db_step(db, ev)) {
		for (i = 0; i < NHISTORY; i++)
			cells[NREQUEST + i] =
			    (const char *)sqlite3_column_text(ev, (int)i + 1);
		rs_out_row(out, cells);
	}
	rs_out_end(out);
}

static void
show(int argc, char *argv[])
{
	struct rs_buf sql = { 0 };
	sqlite3_stmt *req, *ev;
	size_t i;
	int ch;

	optind = 1;
	argv[0] = (char *)rs_progname;	/* getopt's messages */
	while ((ch = getopt(argc, argv, "d:hn:o:V")) != -1)
		if (!common_option(ch))
			usage();
	if (optind != argc - 1)
		usage();
	setup();
	argv += optind - 1;
	rs_buf_adds(&sql, "SELECT ");
	for (i = 0; i < NREQUEST; i++)
		rs_buf_addf(&sql, "%s%s", i ? ", " : "",
		    request_columns[i].name);
	rs_buf_adds(&sql, ", seq FROM requests WHERE id = ?");
	req = rs_db_prepare(db, rs_buf_str(&sql));
	sqlite3_bind_text(req, 1, argv[1], -1, SQLITE_STATIC);
	if (!rs_db_step(db, req))
		rs_die(EX_DATAERR, "%s: no such request", argv[1]);
	ev = rs_db_prepare(db, "SELECT ?1, seq, at, actor, kind, details, "
	    "due_on FROM events WHERE request = ?2 ORDER BY seq");
	sqlite3_bind_text(ev, 1, argv[1], -1, SQLITE_STATIC);
	sqlite3_bind_int64(ev, 2, sqlite3_column_int64(req, (int)NREQUEST));

	switch (fmt) {
	case RS_FMT_TABLE:
		show_table(req, ev);
		break;
	case RS_FMT_JSON:
		show_json(req, ev);
		break;
	default:
		show_flat(req, ev);
	}
	sqlite3_finalize(req);
	sqlite3_finalize(ev);
	rs_buf_free(&sql);
}

int
main(int argc, char *argv[])
{
	int ch;

	rs_setprogname(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	while ((ch = getopt(argc, argv, "+d:hn:o:V")) != -1)
		if (!common_option(ch))
			usage();
	argc -= optind;
	argv += optind;

	if (argc == 0 || strcmp(argv[0], "list") == 0)
		list(argc, argv);
	else if (strcmp(argv[0], "show") == 0)
		show(argc, argv);
	else {
		rs_warn("%s: unknown command", argv[0]);
		usage();
	}
	rs_db_close(db);
	rs_stdout_close();
	return 0;
}
