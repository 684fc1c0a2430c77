/* rs-due - legal deadlines: the list, explanations, the calendar, a filter */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"

static const char usage_text[] =
    "usage: rs-due [-aq] [-A user] [-d db] [-n date] [-o format] [-t team] "
    "[-w days]\n"
    "       rs-due [-d db] [-o format] -x id\n"
    "       rs-due -f [-C file] [-c cutoff] [-n date] [-S] [-w days] "
    "[file ...]\n"
    "       rs-due [-d db] [-o format] calendar year [year]\n"
    "       rs-due [-x] [-d db] [-o format] add datetime type|days\n";

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

static const char *const due_names[] = {
	"id", "status", "type", "channel", "team", "assignee", "effective_on",
	"due_on", "hold_limit", "days_left", "state", "subject", NULL
};
#define NDUE (sizeof(due_names) / sizeof(due_names[0]) - 1)
static struct rs_column due_columns[NDUE];

static const struct rs_column step_columns[] = {
	{ "date", "Fecha", 0 },
	{ "weekday", "Día", 0 },
	{ "count", "Cuenta", 1 },
	{ "what", "Qué pasa", RS_WIDE },
	{ "law", "Fundamento", RS_WIDE },
};
#define NSTEP (sizeof(step_columns) / sizeof(step_columns[0]))

static const struct rs_column calendar_columns[] = {
	{ "date", "Fecha", 0 },
	{ "weekday", "Día", 0 },
	{ "kind", "Clase", 0 },
	{ "name", "Nombre", 0 },
};

static const char *const add_names[] = {
	"received_at", "effective_on", "term_days", "due_on", NULL
};
static struct rs_column add_columns[4];

/* The columns the filter adds, or fills where the input has them. */
enum { A_EFFECTIVE, A_DUE, A_LIMIT, A_LEFT, A_STATE, A_N };
static const char *const added_names[A_N] = {
	"effective_on", "due_on", "hold_limit", "days_left", "state"
};

static enum rs_format	 fmt;
static const char	*fmtopt, *dbopt;
static rs_day		 today;
static int		 warn = 3;

static struct rs_db *
open_db(void)
{
	struct rs_db *db;

	db = rs_db_open(rs_db_path(dbopt), RS_DB_READ);
	rs_db_zone(db);
	return db;
}

/*
 * calendar and add work without a database: then the national calendar
 * alone, Monday to Friday with the 16:00 cut-off.
 */
static struct rs_db *
open_db_if_any(struct rs_calendar *cal)
{
	struct stat sb;
	struct rs_db *db;

	if (dbopt == NULL && getenv("RS_DB") == NULL &&
	    stat(rs_db_path(NULL), &sb) == -1) {
		rs_calendar_init(cal);
		return NULL;
	}
	db = open_db();
	rs_db_calendar(db, cal);
	return db;
}

static int
parse_days(const char *s, const char *what)
{
	char *end;
	long n;

	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 0 || n > 365)
		rs_die(EX_USAGE, "%s: expected a number of days from 0 to 365; "
		    "got \"%s\"", what, s);
	return (int)n;
}

/* ---- the list ------------------------------------------------------------ */

struct due_row {
	enum rs_state	 state;
	int		 left;
	rs_day		 sortday;
	long		 order;		/* attention order */
	char		*cells[NDUE];
};

static int
due_cmp(const void *a, const void *b)
{
	const struct due_row *x = a, *y = b;

	/* most urgent first: by state, then the earliest date, then the
	 * attention order */
	if (x->state != y->state)
		return x->state < y->state ? -1 : 1;
	if (x->sortday != y->sortday)
		return x->sortday < y->sortday ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static rs_day
text_day(const char *s)
{
	rs_day d;

	if (s == NULL || rs_parse_date(s, &d) == -1)
		return RS_NO_DAY;
	return d;
}

/* What list() gathers from the store, row by row. */
struct due_list {
	struct rs_calendar	 cal;
	struct due_row		*rows;
	size_t			 n, cap;
	int			 quiet;
	int			 found;	/* something owed */
};

static void
due_add(void *arg, const struct rs_listed *q)
{
	struct due_list *l = arg;
	struct due_row *r;
	const char *v[NDUE];
	rs_day due, limit, answered;
	rs_time t;
	char left[16];
	size_t c;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->rows = rs_realloc(l->rows, l->cap * sizeof(*l->rows));
	}
	r = &l->rows[l->n];
	due = text_day(q->due_on);
	limit = text_day(q->hold_limit);
	/* held, and the month not started: the notice is owed */
	if (limit == RS_NO_DAY && strcmp(q->status, "en_espera") == 0)
		limit = RS_HOLD_PENDING;
	answered = RS_NO_DAY;
	if (q->answered_at != NULL &&
	    rs_parse_datetime(q->answered_at, &t) == 0)
		answered = rs_local_day(t, NULL);
	r->state = rs_clock_state(&l->cal, today, warn, due, limit,
	    answered, &r->left);
	if (q->unnotified) {
		r->state = RS_NO_NOTIFICADA;
		r->left = INT32_MIN;
	}
	if (r->state <= RS_REQUERIMIENTO_NO_NOTIFICADO)
		l->found = 1;
	if (l->quiet)
		return;
	r->sortday = r->state == RS_EN_ESPERA ||
	    r->state == RS_DESISTIMIENTO ? limit : due;
	if (r->state == RS_REQUERIMIENTO_NO_NOTIFICADO)
		r->sortday = today;	/* owed now: attention order */
	if (r->sortday == RS_NO_DAY)	/* nothing owed: last */
		r->sortday = INT32_MAX;
	r->order = (long)l->n;
	left[0] = '\0';
	if (r->left != INT32_MIN)
		snprintf(left, sizeof(left), "%d", r->left);
	v[0] = q->id;
	v[1] = q->status;
	v[2] = q->type;
	v[3] = q->channel;
	v[4] = q->team;
	v[5] = q->assignee;
	v[6] = q->effective_on;
	v[7] = q->due_on;
	v[8] = q->hold_limit;
	v[9] = *left ? left : NULL;
	v[10] = rs_state_names[r->state];
	v[11] = q->subject;
	for (c = 0; c < NDUE; c++)
		r->cells[c] = v[c] ? rs_strdup(v[c]) : NULL;
	l->n++;
}

static int
list(const char *team, const char *assignee, int all, int quiet)
{
	struct due_list l = { 0 };
	struct rs_out *out;
	struct rs_db *db;
	size_t i, c;

	db = open_db();
	rs_db_calendar(db, &l.cal);
	l.quiet = quiet;
	rs_due_requests(db, team, assignee, all, due_add, &l);
	if (!quiet) {
		if (l.n > 0)	/* no rows, no array: qsort wants one */
			qsort(l.rows, l.n, sizeof(*l.rows), due_cmp);
		out = rs_out_new(stdout, fmt, due_columns, NDUE);
		for (i = 0; i < l.n; i++) {
			rs_out_row(out, (const char *const *)l.rows[i].cells);
			for (c = 0; c < NDUE; c++)
				free(l.rows[i].cells[c]);
		}
		rs_out_end(out);
	}
	free(l.rows);
	rs_calendar_free(&l.cal);
	rs_db_close(db);
	return l.found;
}

/* ---- explanations -------------------------------------------------------- */

static void
put_step(void *arg, const struct rs_step *s)
{
	struct rs_out *out = arg;
	const char *cells[NSTEP];
	char date[RS_DATE_LEN], count[16];

	rs_format_date(s->day, date);
	snprintf(count, sizeof(count), "%d", s->count);
	cells[0] = date;
	cells[1] = rs_weekday_names[rs_weekday(s->day)];
	cells[2] = s->count ? count : NULL;
	cells[3] = s->what;
	cells[4] = s->law;
	rs_out_row(out, cells);
}

/* A closing line: the result, in words, for the table. */
static void
put_result(struct rs_out *out, rs_day day, const char *what, const char *law)
{
	struct rs_step s;

	s.day = day;
	s.count = 0;
	s.what = what;
	s.law = law;
	put_step(out, &s);
}

static void
explain_clock(struct rs_calendar *cal, struct rs_out *out, rs_time received,
    const struct rs_clock *clock, const struct rs_history *history,
    const char *type)
{
	struct rs_buf b = { 0 };
	char longday[64];
	rs_day due, day;
	int secs;

	day = rs_local_day(received, &secs);
	due = rs_explain_request(cal, day, secs, clock, history, put_step,
	    out);
	if (due != RS_NO_DAY) {
		rs_format_long_date(due, longday, sizeof(longday));
		rs_buf_addf(&b, "vence el %s, al final del día (%s, %d días "
		    "hábiles%s)", longday, type, clock->term,
		    clock->extended_to != RS_NO_DAY || clock->extended_term > 0 ?
		    ", con prórroga" : "");
		put_result(out, due, rs_buf_str(&b), clock->law ? clock->law :
		    "Ley 1755 de 2015 art. 14");
	}
	rs_buf_free(&b);
}

static void
explain(const char *id)
{
	struct rs_calendar cal;
	struct rs_clock clock;
	struct rs_history history;
	struct rs_arrival a;
	struct rs_hold *holds;
	struct rs_out *out;
	struct rs_db *db;
	rs_time received;

	db = open_db();
	rs_db_calendar(db, &cal);
	rs_db_read_begin(db);	/* the request and its events as one */
	if (rs_request_arrival(db, id, &a) == -1)
		rs_die(EX_DATAERR, "%s: no such request", id);
	if (rs_parse_datetime(a.received_at, &received) == -1)
		rs_die(EX_DATAERR, "%s: received_at: bad time", id);
	/* the cut-off that decided the effective day at intake */
	cal.cutoff = rs_parse_clock(a.cutoff);
	rs_request_clock(db, a.seq, &clock, &holds);
	rs_request_history(db, a.seq, &history);
	/* the term is the request's own, and the rule that set it that of
	 * its type on the day it was received (Decreto 491 de 2020) */
	clock.law = rs_db_term_law(db, a.type, rs_local_day(received, NULL),
	    clock.term);
	rs_db_read_end(db);
	out = rs_out_new(stdout, fmt, step_columns, NSTEP);
	explain_clock(&cal, out, received, &clock, &history, a.type);
	rs_out_end(out);
	rs_history_free(&history);
	free(holds);
	rs_arrival_free(&a);
	rs_calendar_free(&cal);
	rs_db_close(db);
}

/* ---- calendar and add ---------------------------------------------------- */

static int
parse_year(const char *s)
{
	const char *why;

	if (strlen(s) != 4 || !rs_all_digits(s) || atoi(s) < 1)
		rs_die(EX_USAGE, "%s: expected a year like 2025", s);
	if ((why = rs_first_day_check(rs_day_from_ymd(atoi(s), 1, 1))) !=
	    NULL)
		rs_die(EX_USAGE, "%s: %s", s, why);
	return atoi(s);
}

static void
calendar(int argc, char *argv[])
{
	struct rs_holiday hol[RS_MAX_HOLIDAYS];
	struct rs_calendar cal;
	struct rs_out *out;
	struct rs_db *db;
	const char *cells[4];
	char date[RS_DATE_LEN];
	int y, first, last, n, i;
	size_t c;

	if (argc < 2 || argc > 3)
		usage();
	first = parse_year(argv[1]);
	last = argc == 3 ? parse_year(argv[2]) : first;
	if (last < first)
		rs_die(EX_USAGE, "%s %s: the second year comes before the "
		    "first", argv[1], argv[2]);
	if (last - first > 100)
		rs_die(EX_USAGE, "%s %s: expected a range of at most 100 years",
		    argv[1], argv[2]);
	db = open_db_if_any(&cal);
	out = rs_out_new(stdout, fmt, calendar_columns, 4);
	for (y = first; y <= last; y++) {
		n = rs_holidays(y, hol);
		c = 0;
		/* holidays and closures merged in date order */
		for (i = 0; i <= n; i++) {
			rs_day until = i < n ? hol[i].day :
			    rs_day_from_ymd(y + 1, 1, 1);

			for (; c < cal.nclosures && cal.closures[c].day < until;
			    c++) {
				if (cal.closures[c].day <
				    rs_day_from_ymd(y, 1, 1))
					continue;
				rs_format_date(cal.closures[c].day, date);
				cells[0] = date;
				cells[1] = rs_weekday_names[
				    rs_weekday(cal.closures[c].day)];
				cells[2] = "cierre";
				cells[3] = cal.closures[c].reason;
				rs_out_row(out, cells);
			}
			if (i == n)
				break;
			rs_format_date(hol[i].day, date);
			cells[0] = date;
			cells[1] = rs_weekday_names[rs_weekday(hol[i].day)];
			cells[2] = "festivo";
			cells[3] = hol[i].name;
			rs_out_row(out, cells);
		}
	}
	rs_out_end(out);
	rs_calendar_free(&cal);
	rs_db_close(db);
}

/* The term of a type for a request received on day: the database's
 * catalog, else the built-in one; -1 when the type is unknown. */
static int
type_term(struct rs_db *db, const char *type, rs_day day, struct rs_term *t)
{
	const struct rs_term *def;

	if (db != NULL)
		return rs_db_term(db, type, day, t);
	if ((def = rs_default_term(type, day)) == NULL)
		return -1;
	*t = *def;
	return 0;
}

static void
add(int argc, char *argv[], int explaining)
{
	struct rs_calendar cal;
	struct rs_clock clock = { 0 };
	struct rs_term term;
	struct rs_out *out;
	struct rs_db *db;
	const char *cells[4], *why;
	char at[RS_DATETIME_LEN], eff[RS_DATE_LEN], due[RS_DATE_LEN], n[16];
	rs_time received;
	rs_day day;
	int secs, days;

	if (argc != 3)
		usage();
	db = open_db_if_any(&cal);
	if (rs_parse_datetime(argv[1], &received) == -1)
		rs_die(EX_DATAERR, "%s: expected a date and time like "
		    "2024-08-13T16:45", argv[1]);
	day = rs_local_day(received, &secs);
	if ((why = rs_first_day_check(day)) != NULL)
		rs_die(EX_DATAERR, "%s: %s", argv[1], why);
	if (rs_all_digits(argv[2])) {
		if (strlen(argv[2]) > 3 || (days = atoi(argv[2])) > 365)
			rs_die(EX_DATAERR, "%s: expected a number of days from "
			    "0 to 365", argv[2]);
	} else if (type_term(db, argv[2], day, &term) == -1)
		rs_die(EX_DATAERR, "%s: expected a number of days or a type "
		    "(%s)", argv[2], rs_default_types());
	else {
		/* the term of the day received (Decreto 491 de 2020) */
		days = term.days;
		clock.law = term.law;
	}
	clock.effective = rs_effective_day(&cal, day, secs);
	clock.term = days;
	clock.extended_to = RS_NO_DAY;
	if (explaining) {
		out = rs_out_new(stdout, fmt, step_columns, NSTEP);
		explain_clock(&cal, out, received, &clock, NULL, argv[2]);
	} else {
		out = rs_out_new(stdout, fmt, add_columns, 4);
		rs_format_datetime(received, at);
		rs_format_date(clock.effective, eff);
		snprintf(n, sizeof(n), "%d", days);
		due[0] = '\0';
		if (days > 0)
			rs_format_date(rs_due_date(&cal, &clock), due);
		cells[0] = at;
		cells[1] = eff;
		cells[2] = n;
		cells[3] = due;
		rs_out_row(out, cells);
	}
	rs_out_end(out);
	rs_calendar_free(&cal);
	rs_db_close(db);
}

/* ---- the filter ---------------------------------------------------------- */

static void
load_closures(struct rs_calendar *cal, const char *path)
{
	FILE *fp;
	const char *why;
	char *line = NULL, *p, *reason;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	rs_day day;

	if ((fp = fopen(path, "r")) == NULL)
		rs_die(errno == ENOENT ? EX_NOINPUT : EX_NOPERM, "%s: %s",
		    path, strerror(errno));
	/* "2024-12-24 Nochebuena" or "2024-12-24,Nochebuena"; # comments */
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		if (strlen(p) < 10 || (p[10] != '\0' && p[10] != ' ' &&
		    p[10] != '\t' && p[10] != ',' && p[10] != ';'))
			rs_die(EX_DATAERR, "%s:%ld: expected a date like "
			    "2024-12-24, then an optional reason", path,
			    lineno);
		reason = p[10] ? p + 11 : p + 10;
		p[10] = '\0';
		if (rs_parse_date(p, &day) == 0 &&
		    (why = rs_first_day_check(day)) != NULL)
			rs_die(EX_DATAERR, "%s:%ld: %s; got \"%s\"", path,
			    lineno, why, p);
		if (rs_parse_date(p, &day) == -1) {
			int y, m, d, k = 0;

			if (sscanf(p, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 &&
			    k == 10)
				rs_die(EX_DATAERR, "%s:%ld: no such date: "
				    "\"%s\"", path, lineno, p);
			rs_die(EX_DATAERR, "%s:%ld: expected a date like "
			    "2024-12-24, then an optional reason", path,
			    lineno);
		}
		while (*reason == ' ' || *reason == '\t')
			reason++;
		rs_calendar_add_closure(cal, day, *reason ? reason :
		    "cierre de la oficina");
	}
	if (ferror(fp))
		rs_die(EX_IOERR, "%s: %s", path, strerror(errno));
	free(line);
	fclose(fp);
}

enum { IN_RECEIVED, IN_TYPE, IN_TERM, IN_STATUS, IN_HELD, IN_NOTIFIED,
    IN_RESUMED, IN_EXTENDED, IN_ANSWERED, IN_N };
static const char *const in_names[IN_N] = {
	"received_at", "type", "term_days", "status", "held_on",
	"hold_notified_on", "resumed_on", "extended_to", "answered_on"
};

struct filter {
	struct rs_calendar	 cal;
	char			**header;	/* the first file's */
	const char		*name;
	long			 line;
	int			 in[IN_N];	/* column of each, or -1 */
	int			 added[A_N];	/* column, -1: appended */
	int			 ncols;		/* of the input */
	int			 delim;
	char			*date_buf[A_N];
};

static void out_flush(void);

/* "file:line: field: reason", reason made of what and the value */
static void
bad(struct filter *f, const char *field, const char *what, const char *v)
{
	out_flush();	/* the rows before this one, as streamed */
	rs_die(EX_DATAERR, "%s:%ld: %s: %s; got \"%s\"", f->name, f->line,
	    field, what, v);
}

static rs_day
cell_day(struct filter *f, char **cells, int which)
{
	const char *s, *why;
	rs_time t;
	rs_day d;

	if (f->in[which] < 0 || *(s = cells[f->in[which]]) == '\0')
		return RS_NO_DAY;
	if (rs_parse_date(s, &d) == -1) {
		/* a full time is taken too (answered_at-like values) */
		if (rs_parse_datetime(s, &t) == -1)
			bad(f, in_names[which], "expected a date like "
			    "2024-08-13", s);
		d = rs_local_day(t, NULL);
	}
	if ((why = rs_first_day_check(d)) != NULL)
		bad(f, in_names[which], why, s);
	return d;
}

static int out_delim = ',';	/* the input's: a spreadsheet gets its own */
/* what makes a cell need quotes, and the end of a cell: a table, because
 * a byte-by-byte look-up beats strcspn() on short cells */
static unsigned char special[256] = {
	['\0'] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1, [','] = 1
};

/*
 * The filter writes every cell of large files: through a buffer of its
 * own, one scan a cell, rather than stdio's calls a character.
 */
static char	obuf[1 << 16];
static size_t	olen;

static void
out_flush(void)
{
	if (olen > 0 && fwrite(obuf, 1, olen, stdout) != olen)
		rs_stdout_check();
	olen = 0;
}

static void
out_bytes(const char *s, size_t n)
{
	if (olen + n > sizeof(obuf)) {
		out_flush();
		if (n > sizeof(obuf)) {
			if (fwrite(s, 1, n, stdout) != n)
				rs_stdout_check();
			return;
		}
	}
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void
out_byte(int c)
{
	if (olen == sizeof(obuf))
		out_flush();
	obuf[olen++] = (char)c;
}

static void
put_cell(const char *s, int first)
{
	size_t n;

	const unsigned char *p = (const unsigned char *)s;

	if (!first)
		out_byte(out_delim);
	while (!special[p[0]]) {
		if (special[p[1]]) {
			p += 1;
			break;
		}
		if (special[p[2]]) {
			p += 2;
			break;
		}
		if (special[p[3]]) {
			p += 3;
			break;
		}
		p += 4;
	}
	n = (size_t)((const char *)p - s);
	if (s[n] == '\0') {
		out_bytes(s, n);
		return;
	}
	/* RFC 4180: quoted, with each quote doubled */
	out_byte('"');
	for (;;) {
		n = strcspn(s, "\"");
		out_bytes(s, n);
		if (s[n] == '\0')
			break;
		out_bytes("\"\"", 2);
		s += n + 1;
	}
	out_byte('"');
}

/* The added cells' text.  A date's is kept for the next row: a file in
 * order of arrival has thousands of rows with the same dates. */
static char	out[A_N][RS_DATE_LEN > 16 ? RS_DATE_LEN : 16];
static rs_day	shown[A_N] = { RS_NO_DAY, RS_NO_DAY, RS_NO_DAY };

static const char *
date_cell(int a, rs_day day)
{
	if (shown[a] != day) {
		rs_format_date(day, out[a]);
		shown[a] = day;
	}
	return out[a];
}

static void
filter_row(struct filter *f, char **cells)
{
	struct rs_hold hold;
	struct rs_clock clock = { 0 };
	const struct rs_term *t;
	const char *s, *why, *status = "";
	const char *vals[A_N];
	rs_time received;
	rs_day day, due, limit = RS_NO_DAY, answered, notified;
	enum rs_state st;
	int secs, term, left, i, a;

	s = cells[f->in[IN_RECEIVED]];
	if (rs_parse_datetime(s, &received) == -1)
		bad(f, "received_at", "expected a date and time like "
		    "2024-08-13T16:45", s);
	day = rs_local_day(received, &secs);
	if ((why = rs_first_day_check(day)) != NULL)
		bad(f, "received_at", why, s);
	if (f->in[IN_TERM] >= 0 && *cells[f->in[IN_TERM]] != '\0') {
		s = cells[f->in[IN_TERM]];
		if (!rs_all_digits(s) || strlen(s) > 3 || atoi(s) > 365)
			bad(f, "term_days", "expected a number of business "
			    "days", s);
		term = atoi(s);
	} else {
		/* the term of the day received (Decreto 491 de 2020) */
		s = f->in[IN_TYPE] >= 0 ? cells[f->in[IN_TYPE]] : "";
		if ((t = rs_default_term(s, day)) == NULL) {
			struct rs_buf types = { 0 };

			rs_buf_addf(&types, "expected one of %s",
			    rs_default_types());
			bad(f, "type", rs_buf_str(&types), s);
		}
		term = t->days;
	}
	if (f->in[IN_STATUS] >= 0)
		status = cells[f->in[IN_STATUS]];

	clock.effective = rs_effective_day(&f->cal, day, secs);
	clock.term = term;
	clock.extended_to = cell_day(f, cells, IN_EXTENDED);
	hold.held = cell_day(f, cells, IN_HELD);
	hold.resumed = cell_day(f, cells, IN_RESUMED);
	/* Ley 1755 art. 17, the rule rs-queue hold keeps: a requirement
	 * made late stops no clock, and sets no month */
	if (hold.held != RS_NO_DAY &&
	    rs_hold_check(&f->cal, &clock, hold.held) != NULL) {
		hold.held = RS_NO_DAY;
		hold.resumed = RS_NO_DAY;
	} else if (hold.held != RS_NO_DAY) {
		clock.holds = &hold;
		clock.nholds = 1;
		/* the month runs from the requirement's notice; a file
		 * without the column has it notified the day it was made */
		notified = f->in[IN_NOTIFIED] < 0 ? hold.held :
		    cell_day(f, cells, IN_NOTIFIED);
		if (hold.resumed == RS_NO_DAY)
			limit = notified == RS_NO_DAY ? RS_HOLD_PENDING :
			    rs_hold_limit(&f->cal, notified);
	} else if (hold.resumed != RS_NO_DAY)
		bad(f, "resumed_on", "a resume needs its held_on",
		    cells[f->in[IN_RESUMED]]);
	answered = cell_day(f, cells, IN_ANSWERED);
	due = term > 0 ? rs_due_date(&f->cal, &clock) : RS_NO_DAY;

	vals[A_EFFECTIVE] = date_cell(A_EFFECTIVE, clock.effective);
	vals[A_DUE] = vals[A_LIMIT] = vals[A_LEFT] = vals[A_STATE] = "";
	if (due != RS_NO_DAY)
		vals[A_DUE] = date_cell(A_DUE, due);
	if (limit != RS_NO_DAY && limit != RS_HOLD_PENDING)
		vals[A_LIMIT] = date_cell(A_LIMIT, limit);
	/* closed without an answer, nothing is owed: forwarded,
	 * withdrawn, voided, or merged into another (cerrada unanswered) */
	if (strcmp(status, "trasladada") != 0 &&
	    strcmp(status, "desistida") != 0 &&
	    strcmp(status, "anulada") != 0 &&
	    (strcmp(status, "cerrada") != 0 || answered != RS_NO_DAY)) {
		st = rs_clock_state(&f->cal, today, warn, due, limit, answered,
		    &left);
		vals[A_STATE] = rs_state_names[st];
		/* once answered, nothing is left to count */
		if (left != INT32_MIN && answered == RS_NO_DAY) {
			rs_format_int(left, out[A_LEFT]);
			vals[A_LEFT] = out[A_LEFT];
		}
	}

	for (i = 0; i < f->ncols; i++) {
		for (a = 0; a < A_N && f->added[a] != i; a++)
			;
		put_cell(a < A_N ? vals[a] : cells[i], i == 0);
	}
	for (a = 0; a < A_N; a++)
		if (f->added[a] < 0)
			put_cell(vals[a], f->ncols == 0 && a == 0);
	out_byte('\n');
}

static void
filter_file(struct filter *f, FILE *fp, const char *name, int first_file)
{
	struct rs_csv *csv;
	const char *err;
	char **cells;
	int n, i, a;

	f->name = name;
	if ((csv = rs_csv_open(fp, name, NULL, &err)) == NULL)
		rs_die(EX_USAGE, "%s", err);
	if ((n = rs_csv_read(csv, &cells)) <= 0) {
		if (n == 0)
			rs_die(EX_DATAERR, "%s:1: empty input: no header line",
			    name);
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    rs_csv_error(csv));
	}
	if (!first_file) {
		int same = n == f->ncols;

		for (i = 0; same && i < n; i++)
			same = strcmp(cells[i], f->header[i]) == 0;
		if (!same)
			rs_die(EX_DATAERR, "%s:1: the header differs from the "
			    "first file's", name);
	} else {
		f->header = rs_calloc((size_t)n, sizeof(char *));
		for (i = 0; i < n; i++)
			f->header[i] = rs_strdup(cells[i]);
		out_delim = rs_csv_delimiter(csv);
		special[','] = 0;
		special[(unsigned char)out_delim] = 1;
	}
	f->ncols = n;
	for (i = 0; i < IN_N; i++)
		f->in[i] = -1;
	for (a = 0; a < A_N; a++)
		f->added[a] = -1;
	for (i = 0; i < n; i++) {
		int k;

		for (k = 0; k < IN_N; k++)
			if (strcmp(cells[i], in_names[k]) == 0)
				f->in[k] = i;
		for (k = 0; k < A_N; k++)
			if (strcmp(cells[i], added_names[k]) == 0)
				f->added[k] = i;
	}
	if (f->in[IN_RECEIVED] < 0)
		rs_die(EX_DATAERR, "%s:1: missing column \"received_at\"", name);
	if (f->in[IN_TYPE] < 0 && f->in[IN_TERM] < 0)
		rs_die(EX_DATAERR, "%s:1: missing column \"type\" or "
		    "\"term_days\"", name);
	if (first_file) {
		for (i = 0; i < n; i++)
			put_cell(cells[i], i == 0);
		for (a = 0; a < A_N; a++)
			if (f->added[a] < 0)
				put_cell(added_names[a], n == 0 && a == 0);
		out_byte('\n');
	}
	while ((n = rs_csv_read(csv, &cells)) > 0) {
		f->line = rs_csv_line(csv);
		filter_row(f, cells);
	}
	if (n == -1) {
		out_flush();	/* the rows before the bad one, as streamed */
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    rs_csv_error(csv));
	}
	out_flush();
	rs_csv_close(csv);
}

static void
filter(int argc, char *argv[], const char *closures, int saturday,
    const char *cutoff)
{
	struct filter f = { 0 };
	FILE *fp;
	int i;

	rs_calendar_init(&f.cal);
	f.cal.saturday = saturday;
	if (cutoff && (f.cal.cutoff = rs_parse_clock(cutoff)) < 0)
		rs_die(EX_USAGE, "-c: expected a time of day as HH:MM; got "
		    "\"%s\"", cutoff);
	if (closures)
		load_closures(&f.cal, closures);
	if (argc == 0)
		filter_file(&f, stdin, "stdin", 1);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			filter_file(&f, stdin, "stdin", i == 0);
			continue;
		}
		if ((fp = fopen(argv[i], "rb")) == NULL)
			rs_die(errno == ENOENT ? EX_NOINPUT : EX_NOPERM,
			    "%s: %s", argv[i], strerror(errno));
		filter_file(&f, fp, argv[i], i == 0);
		fclose(fp);
	}
	rs_calendar_free(&f.cal);
}

static const char *team, *assignee, *closures, *cutoff, *nowopt;
static int all, quiet, filtering, saturday, x;

#define OPTSTRING "+A:aC:c:d:fhn:o:qSt:Vw:x"

static void
options(int argc, char *argv[])
{
	int ch;

	while ((ch = getopt(argc, argv, OPTSTRING)) != -1) {
		switch (ch) {
		case 'A':
			assignee = optarg;
			break;
		case 'a':
			all = 1;
			break;
		case 'C':
			closures = optarg;
			break;
		case 'c':
			cutoff = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			filtering = 1;
			break;
		case 'h':
			help();
			break;
		case 'n':
			nowopt = optarg;
			break;
		case 'o':
			fmtopt = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'S':
			saturday = 1;
			break;
		case 't':
			team = optarg;
			break;
		case 'V':
			printf("rs-due %s\n", RS_VERSION);
			rs_stdout_close();
			exit(0);
		case 'w':
			warn = parse_days(optarg, "-w");
			break;
		case 'x':
			x = 1;
			break;
		default:
			usage();
		}
	}
}

int
main(int argc, char *argv[])
{
	const char *verb;
	int found;

	rs_setprogname(argv[0]);
	rs_signals();
	rs_columns(due_names, due_columns);
	rs_columns(add_names, add_columns);
	options(argc, argv);
	argc -= optind;
	argv += optind;
	if (argc > 0 && (strcmp(argv[0], "calendar") == 0 ||
	    strcmp(argv[0], "add") == 0)) {
		/* the verb's own options; getopt's messages name us */
		verb = argv[0];
		argv[0] = (char *)rs_progname;
		optind = 1;
		options(argc, argv);
		argv[optind - 1] = (char *)verb;
		argc -= optind - 1;
		argv += optind - 1;
	}
	if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json or table; "
		    "got \"%s\"", fmtopt);
	if (nowopt) {
		if (rs_parse_date(nowopt, &today) == -1)
			rs_die(EX_USAGE, "-n: expected a date like 2024-08-13; "
			    "got \"%s\"", nowopt);
	} else
		today = RS_NO_DAY;	/* set once the zone is known */

	if (filtering) {
		if (x || quiet || all || team || assignee || dbopt || fmtopt)
			usage();
		if (today == RS_NO_DAY)
			today = rs_local_day(rs_now(), NULL);
		filter(argc, argv, closures, saturday, cutoff);
		rs_stdout_close();
		return 0;
	}
	if (closures || cutoff || saturday)
		usage();
	if (argc > 0 && strcmp(argv[0], "calendar") == 0) {
		if (x || quiet || all || team || assignee)
			usage();
		calendar(argc, argv);
	} else if (argc > 0 && strcmp(argv[0], "add") == 0) {
		if (quiet || all || team || assignee)
			usage();
		add(argc, argv, x);
	} else if (x) {
		if (argc != 1 || quiet || all || team || assignee)
			usage();
		explain(argv[0]);
	} else {
		if (argc != 0)
			usage();
		if (today == RS_NO_DAY) {
			struct rs_db *db = open_db();	/* the office's today */

			today = rs_local_day(rs_now(), NULL);
			rs_db_close(db);
		}
		found = list(team, assignee, all, quiet);
		rs_stdout_close();
		/* grep's convention, for cron: 0 when something needs
		 * attention, 1 when nothing does */
		return quiet && !found ? 1 : 0;
	}
	rs_stdout_close();
	return 0;
}
