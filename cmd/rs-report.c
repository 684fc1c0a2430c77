/*
 * rs-report - reports: the coordinator's day, a period's summary, the
 * Ley 1712 de 2014 report on petitions, and the requesters' satisfaction
 * (DESIGN §2).
 *
 * Three steps, kept apart so that other sources and other formats fit:
 * load the requests a report needs into memory (struct req; a CSV stream
 * can fill the same records), compute the report as sections of rows
 * (struct report), and render it in a format.  Every format reads the same
 * sections: csv, tsv and json as one long table (section, group, metric,
 * value), tables for people as one titled table per section.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rs.h"

static const char usage_text[] =
    "usage: rs-report [-d db] [-n when] [-o format] [--excel] [--layout layout]\n"
    "                 [--personal] daily\n"
    "       rs-report [-d db] [-n when] -o eml --mail-to address [--personal] "
    "daily\n"
    "       rs-report [-d db] [-o format] [--excel] [--layout layout]\n"
    "                 --from date --to date [--by keys] summary\n"
    "       rs-report [-d db] [-n date] [-o format] [--excel] [--layout layout]\n"
    "                 [--personal] --from date --to date pqrsd\n"
    "       rs-report [-d db] [-o format] [--excel] [--layout layout] "
    "[--personal]\n"
    "                 [--from date --to date] satisfaction\n"
    "       rs-report -f [-n date] [-o format] [--excel] [--layout layout] "
    "[--personal]\n"
    "                 [--from date --to date] [--by keys] report [file ...]\n";

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

/* ---- the report: sections of rows ---------------------------------------- */

/* A table, a page or a mail: groups that are value codes are shown by
 * their labels (a metric's column says so itself: RS_CODE). */
static int	 people;


struct row {
	char	*group;
	char	**values;	/* one a metric; NULL when empty */
};

struct section {
	const char		*name;		/* stable English name */
	char			*title;		/* Spanish, for people */
	char			*group_label;	/* Spanish; NULL: no groups */
	const struct rs_column	*metrics;
	size_t			 nmetrics;
	int			 meta;		/* what the report is: the
						 * heading of a table */
	int			 coded;		/* groups are value codes */
	struct row		*rows;
	size_t			 nrows, cap;
};

#define MAX_SECTIONS	16

struct report {
	char		*office;	/* the first line of a table */
	struct rs_buf	 heading;	/* Spanish lines for people */
	struct section	*sections[MAX_SECTIONS];
	size_t		 nsections;
};

static struct section *
section_new(struct report *rep, const char *name, const char *title,
    const char *group_label, const struct rs_column *metrics, size_t n)
{
	struct section *s;

	if (rep->nsections == MAX_SECTIONS)
		rs_die(EX_SOFTWARE, "%s: too many sections", name);
	s = rs_calloc(1, sizeof(*s));
	s->name = name;
	s->title = rs_strdup(title);
	s->group_label = group_label ? rs_strdup(group_label) : NULL;
	s->metrics = metrics;
	s->nmetrics = n;
	rep->sections[rep->nsections++] = s;
	return s;
}

static struct row *
row_new(struct section *s, const char *group)
{
	struct row *r;

	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->rows = rs_realloc(s->rows, s->cap * sizeof(*s->rows));
	}
	r = &s->rows[s->nrows++];
	if (people && s->coded && group) {
		struct rs_buf b = { 0 };

		rs_label_key(group, &b);
		r->group = rs_strdup(rs_buf_str(&b));
		rs_buf_free(&b);
	} else
		r->group = rs_strdup(group ? group : "");
	r->values = rs_calloc(s->nmetrics, sizeof(char *));
	return r;
}

static void
put_s(struct row *r, size_t m, const char *v)
{
	free(r->values[m]);
	r->values[m] = v ? rs_strdup(v) : NULL;
}

static void
put_i(struct row *r, size_t m, long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	put_s(r, m, buf);
}

static void
put_day(struct row *r, size_t m, rs_day d)
{
	char buf[RS_DATE_LEN];

	if (d == RS_NO_DAY)
		return;
	rs_format_date(d, buf);
	put_s(r, m, buf);
}

/* A percentage with one decimal; empty when there is nothing to divide. */
static void
put_pct(struct row *r, size_t m, long part, long whole)
{
	char buf[24];

	if (whole <= 0)
		return;
	snprintf(buf, sizeof(buf), "%.1f", 100.0 * (double)part /
	    (double)whole);
	put_s(r, m, buf);
}

static void
report_free(struct report *rep)
{
	struct section *s;
	size_t i, j, k;

	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		for (j = 0; j < s->nrows; j++) {
			for (k = 0; k < s->nmetrics; k++)
				free(s->rows[j].values[k]);
			free(s->rows[j].values);
			free(s->rows[j].group);
		}
		free(s->rows);
		free(s->title);
		free(s->group_label);
		free(s);
	}
	free(rep->office);
	rs_buf_free(&rep->heading);
}

/* ---- rendering ----------------------------------------------------------- */

/* csv, tsv and json: every report is one table of four columns. */
static const struct rs_column long_columns[] = {
	{ "section", "Sección", 0 },
	{ "group", "Grupo", 0 },
	{ "metric", "Métrica", 0 },
	{ "value", "Valor", 0 },
};
#define NLONG (sizeof(long_columns) / sizeof(long_columns[0]))

typedef void cell_row_fn(void *, const char *const *);

/* Each (section, group, metric, value) in order; the meta section leaves
 * out what does not apply to this report. */
static void
long_rows(const struct report *rep, cell_row_fn *fn, void *arg)
{
	const struct section *s;
	const char *cells[NLONG];
	size_t i, j, k;

	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		for (j = 0; j < s->nrows; j++)
			for (k = 0; k < s->nmetrics; k++) {
				if (s->meta && s->rows[j].values[k] == NULL)
					continue;
				cells[0] = s->name;
				cells[1] = s->rows[j].group;
				cells[2] = s->metrics[k].name;
				cells[3] = s->rows[j].values[k];
				fn(arg, cells);
			}
		rs_stdout_check();
	}
}

static void
out_row(void *arg, const char *const *cells)
{
	rs_out_row(arg, cells);
}

static void
render_long(const struct report *rep, enum rs_format fmt)
{
	struct rs_out *out;

	out = rs_out_new(stdout, fmt, long_columns, NLONG);
	long_rows(rep, out_row, out);
	rs_out_end(out);
}

/*
 * --excel (DESIGN §4): what a spreadsheet opens as it is: a UTF-8 byte
 * order mark, ';' between cells, CRLF line ends, and a cell that the
 * spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) made text with a leading apostrophe.  A plain number
 * such as -6 is no formula and stays a number.
 */
static int
plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static void
excel_cell(const char *s)
{
	struct rs_buf b = { 0 };
	const char *dot;

	if (s == NULL)
		return;
	/* a Colombian spreadsheet reads 87,5 as a number and 87.5 as text:
	 * the decimal mark is the comma (never a thousands separator) */
	if (plain_number(s) && (dot = strchr(s, '.')) != NULL) {
		rs_buf_addf(&b, "%.*s,%s", (int)(dot - s), s, dot + 1);
		rs_csv_put(stdout, rs_buf_str(&b), ';');
		rs_buf_free(&b);
		return;
	}
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0' && !plain_number(s)) {
		rs_buf_addc(&b, '\'');
		rs_buf_adds(&b, s);
		rs_csv_put(stdout, rs_buf_str(&b), ';');
		rs_buf_free(&b);
		return;
	}
	rs_csv_put(stdout, s, ';');
}

static void
excel_row(void *arg, const char *const *cells)
{
	size_t i, n = arg ? *(const size_t *)arg : NLONG;

	for (i = 0; i < n; i++) {
		if (i)
			putchar(';');
		excel_cell(cells[i]);
	}
	fputs("\r\n", stdout);
}

static void
render_excel(const struct report *rep)
{
	const char *names[NLONG];
	size_t i;

	fputs("\xef\xbb\xbf", stdout);
	for (i = 0; i < NLONG; i++)
		names[i] = long_columns[i].name;
	excel_row(NULL, names);
	long_rows(rep, excel_row, NULL);
}

/*
 * The wide layout, for spreadsheets: a table a section, one row a group
 * and one column a metric, each table under its own header line
 * (section, group, then the metrics' names) and apart from the next by
 * an empty line; the report section, what the report is, comes first.
 * excel: as --excel writes; else fmt, CSV or TSV.
 */
static void
render_wide(const struct report *rep, enum rs_format fmt, int excel)
{
	const struct section *s;
	struct rs_column *cols;
	struct rs_out *out;
	const char **cells;
	size_t i, j, k, n;

	if (excel)
		fputs("\xef\xbb\xbf", stdout);
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		n = s->nmetrics + 2;
		cols = rs_calloc(n, sizeof(*cols));
		cells = rs_calloc(n, sizeof(char *));
		cols[0] = long_columns[0];
		cols[1] = long_columns[1];
		for (k = 0; k < s->nmetrics; k++)
			cols[k + 2] = s->metrics[k];
		if (i > 0)
			fputs(excel ? "\r\n" : "\n", stdout);
		out = NULL;
		if (excel) {
			for (k = 0; k < n; k++)
				cells[k] = cols[k].name;
			excel_row(&n, cells);
		} else
			out = rs_out_new(stdout, fmt, cols, n);
		for (j = 0; j < s->nrows; j++) {
			cells[0] = s->name;
			cells[1] = s->rows[j].group;
			for (k = 0; k < s->nmetrics; k++)
				cells[k + 2] = s->rows[j].values[k];
			if (excel)
				excel_row(&n, cells);
			else
				rs_out_row(out, cells);
		}
		if (out != NULL)
			rs_out_end(out);	/* a header even with no rows */
		free(cols);
		free(cells);
		rs_stdout_check();
	}
}

/* Tables: the heading, then each section under its Spanish title. */
static const struct rs_column pair_columns[] = {
	{ "metric", "Concepto", 0 },
	{ "value", "Valor", RS_NUMERIC },
};

/*
 * On a terminal the 30-day trend reads best as two lines of bars, one
 * a day, scaled together: ▁▂▃▄▅▆▇█ (a blank for none).
 */
static void
sparklines(FILE *fp, const struct section *s)
{
	static const char *const bars[] = {
		"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	double max = 0, v;
	size_t j, k;

	for (j = 0; j < s->nrows; j++)
		for (k = 0; k < 2; k++)
			if (s->rows[j].values[k] &&
			    (v = strtod(s->rows[j].values[k], NULL)) > max)
				max = v;
	fprintf(fp, "\n%s (%s a %s, máximo %g)\n", s->title,
	    s->nrows ? s->rows[0].group : "", s->nrows ?
	    s->rows[s->nrows - 1].group : "", max);
	for (k = 0; k < 2; k++) {
		fprintf(fp, "%-12s ", s->metrics[k].label);
		for (j = 0; j < s->nrows; j++) {
			v = s->rows[j].values[k] ?
			    strtod(s->rows[j].values[k], NULL) : 0;
			fputs(v <= 0 || max <= 0 ? " " :
			    bars[(int)((v / max) * 7.999)], fp);
		}
		fputc('\n', fp);
	}
}

static void
render_table(struct report *rep, FILE *fp)
{
	const struct section *s;
	struct rs_column *cols;
	struct rs_out *out;
	const char **cells;
	size_t i, j, k;

	fprintf(fp, "%s\n%s", rep->office, rs_buf_str(&rep->heading));
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		if (s->meta)
			continue;
		if (strcmp(s->name, "by_day") == 0) {
			sparklines(fp, s);
			continue;
		}
		fprintf(fp, "\n%s\n", s->title);
		if (s->group_label == NULL) {
			/* one row: a line a metric reads better */
			out = rs_out_new(fp, RS_FMT_TABLE, pair_columns, 2);
			for (j = 0; j < s->nrows; j++)
				for (k = 0; k < s->nmetrics; k++) {
					const char *c[2];

					c[0] = s->metrics[k].label;
					c[1] = s->rows[j].values[k];
					rs_out_row(out, c);
				}
			rs_out_end(out);
			continue;
		}
		if (s->nrows == 0) {
			fprintf(fp, "(ninguna)\n");
			continue;
		}
		cols = rs_calloc(s->nmetrics + 1, sizeof(*cols));
		cells = rs_calloc(s->nmetrics + 1, sizeof(char *));
		cols[0].name = "group";
		cols[0].label = s->group_label;
		for (k = 0; k < s->nmetrics; k++)
			cols[k + 1] = s->metrics[k];
		out = rs_out_new(fp, RS_FMT_TABLE, cols, s->nmetrics + 1);
		for (j = 0; j < s->nrows; j++) {
			cells[0] = *s->rows[j].group ? s->rows[j].group :
			    "(sin dato)";
			for (k = 0; k < s->nmetrics; k++)
				cells[k + 1] = s->rows[j].values[k];
			rs_out_row(out, cells);
		}
		rs_out_end(out);
		free(cols);
		free(cells);
		if (fp == stdout)
			rs_stdout_check();
	}
}

/* ---- the requests a report reads ----------------------------------------- */

struct req {
	char		*id;
	/* interned: a handful of distinct values among many rows */
	const char	*channel, *type, *topic, *team, *assignee, *status;
	const char	*outcome;
	char		*name;		/* --personal only */
	char		*comment;	/* the last rating's text; --personal */
	rs_day		 received;	/* the office-zone day */
	rs_time		 received_at, answered_at;	/* 0: no answer */
	rs_day		 effective, due, answered, hold_limit, closed;
	rs_day		 rated;		/* the day of the last rating */
	int		 rating;	/* 0: none */
	int		 extensions;	/* extend events */
	int		 forwarded;	/* a forward event, or trasladada */
	int		 notified;	/* respuesta delivered 1, returned -1 */
};

struct reqs {
	struct req	*v;
	size_t		 n, cap;
};

/* A small string pool: the catalog values and user names repeat. */
#define POOL_SIZE	4096
static char	*pool[POOL_SIZE];
static size_t	 npool;

static const char *
intern(const unsigned char *s)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;
	size_t i;

	if (s == NULL)
		return NULL;
	for (p = s; *p; p++)
		h = (h ^ *p) * 16777619u;
	for (i = h & (POOL_SIZE - 1); pool[i] != NULL;
	    i = (i + 1) & (POOL_SIZE - 1))
		if (strcmp(pool[i], (const char *)s) == 0)
			return pool[i];
	if (npool >= POOL_SIZE / 2)	/* a full pool: plain copies */
		return rs_strdup((const char *)s);
	npool++;
	return pool[i] = rs_strdup((const char *)s);
}

static rs_day
col_date(sqlite3_stmt *st, int i)
{
	const unsigned char *s;
	rs_day d;

	if ((s = sqlite3_column_text(st, i)) == NULL ||
	    rs_parse_date((const char *)s, &d) == -1)
		return RS_NO_DAY;
	return d;
}

/* A column's date and time; 0 when empty. */
static rs_time
col_time(sqlite3_stmt *st, int i)
{
	const unsigned char *s;
	rs_time t;

	if ((s = sqlite3_column_text(st, i)) == NULL ||
	    rs_parse_datetime((const char *)s, &t) == -1)
		return 0;
	return t;
}

static rs_day
col_time_day(sqlite3_stmt *st, int i)
{
	const unsigned char *s;
	rs_time t;

	if ((s = sqlite3_column_text(st, i)) == NULL ||
	    rs_parse_datetime((const char *)s, &t) == -1)
		return RS_NO_DAY;
	return rs_local_day(t, NULL);
}

static int
is_status(const struct req *r, const char *status)
{
	return r->status != NULL && strcmp(r->status, status) == 0;
}

static int
is_open(const struct req *r)
{
	return is_status(r, "radicada") || is_status(r, "asignada") ||
	    is_status(r, "en_espera");
}

enum {
	L_EVENTS = 1,		/* extensions and forwards */
	L_RATINGS = 2,		/* the last rating's day and text */
	L_PERSONAL = 4,		/* the name, and the rating's text */
	L_PERIOD = 8,		/* -f: received between ?1 and ?2 */
	L_RATED = 16		/* -f: rated and not voided */
};

/*
 * The requests matching where (SQL on requests r, with ?1..?3 bound to
 * the integers and text given), with what the flags ask for.
 */
static struct rs_calendar cal;
static rs_day	 today;
static int	 personal;
/* The daily report's window: from the same moment of the business day
 * before, to now (the end of -n's day when it is a bare date). */
static rs_time	 report_start, report_end;
static int	 now_secs;	/* -1: -n gave a bare date */
static int	 trend;		/* html and eml chart the last 30 days */
static int	 html, eml;	/* -o html, -o eml */
static const char *mailto;	/* --mail-to */
static char	*db_sender;
static int	 stream;	/* -f */

/* ---- -f: the same requests from CSV, with no database -------------------- */

static struct reqs streamed;

static void
push(struct reqs *out, const struct req *from)
{
	struct req *r;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 256;
		out->v = rs_realloc(out->v, out->cap * sizeof(*out->v));
	}
	r = &out->v[out->n++];
	*r = *from;
	r->id = rs_strdup(from->id);
	r->name = from->name ? rs_strdup(from->name) : NULL;
	r->comment = from->comment ? rs_strdup(from->comment) : NULL;
}

/* What the SQL of each report selects, for rows read from CSV. */
static void
stream_select(struct reqs *out, int flags, int64_t a1, int64_t a2)
{
	rs_day lo = rs_local_day(a1, NULL), hi = rs_local_day(a2, NULL);
	size_t i;
	struct req *r;

	for (i = 0; i < streamed.n; i++) {
		r = &streamed.v[i];
		if ((flags & L_PERIOD) && (r->received < lo ||
		    r->received >= hi))
			continue;
		if ((flags & L_RATED) && (r->rating == 0 ||
		    is_status(r, "anulada")))
			continue;
		push(out, r);
	}
}

enum { FS_ID, FS_STATUS, FS_RECEIVED, FS_EFFECTIVE, FS_DUE, FS_ANSWERED,
    FS_CHANNEL, FS_TYPE, FS_TOPIC, FS_TEAM, FS_ASSIGNEE, FS_OUTCOME, FS_HOLD,
    FS_CLOSED, FS_RATING, FS_NAME, FS_EXTENSIONS, FS_FORWARDED, FS_NOTIFIED,
    FS_RETURNED, FS_N };
/* the columns rs-due -f, rs-queue list -a and v_requests write */
static const char *const stream_names[FS_N][2] = {
	{ "id", NULL }, { "status", NULL }, { "received_at", NULL },
	{ "effective_on", NULL }, { "due_on", NULL },
	{ "answered_on", "answered_at" }, { "channel", NULL },
	{ "type", NULL }, { "topic", NULL }, { "team", NULL },
	{ "assignee", NULL }, { "outcome", NULL }, { "hold_limit", NULL },
	{ "closed_on", "closed_at" }, { "rating", NULL }, { "name", NULL },
	{ "extensions", NULL }, { "forwarded_to", NULL },
	{ "notified_on", NULL }, { "answer_returned", NULL },
};
/* whether the rows read say if each answer reached its requester */
static int stream_notices;

static rs_day	stream_day(const char *, long, const char *, const char *);

/* The moment of a date or a date and time: a bare date is the last
 * second of its day, so that it falls in one report's window; 0 when
 * empty. */
static rs_time
stream_time(const char *name, long line, const char *col, const char *v)
{
	rs_time t;
	rs_day d;

	if (v == NULL || *v == '\0')
		return 0;
	if (rs_parse_date(v, &d) == 0)
		return rs_local_time(d + 1, 0) - 1;
	if (rs_parse_datetime(v, &t) == 0)
		return t;
	(void)stream_day(name, line, col, v);	/* says what is wrong */
	return 0;
}

static rs_day
stream_day(const char *name, long line, const char *col, const char *v)
{
	rs_time t;
	rs_day d;

	if (v == NULL || *v == '\0')
		return RS_NO_DAY;
	if (rs_parse_date(v, &d) == 0)
		return d;
	if (rs_parse_datetime(v, &t) == 0)
		return rs_local_day(t, NULL);
	rs_die(EX_DATAERR, "%s:%ld: %s: expected a date like 2024-08-13; "
	    "got \"%s\"", name, line, col, v);
}

static void
stream_file(FILE *fp, const char *name)
{
	struct rs_csv *csv;
	struct req r;
	struct rs_clock c;
	const struct rs_term *term;
	const char *err, *why, *v[FS_N];
	char **cells;
	int col[FS_N], n, i, k, secs;
	rs_time t;
	long seq = 0;

	if ((csv = rs_csv_open(fp, name, NULL, &err)) == NULL)
		rs_die(EX_SOFTWARE, "%s", err);
	if ((n = rs_csv_read(csv, &cells)) <= 0)
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    n == 0 ? "empty input: no header line" :
		    rs_csv_error(csv));
	for (k = 0; k < FS_N; k++) {
		col[k] = -1;
		for (i = 0; i < n; i++)
			if (strcmp(cells[i], stream_names[k][0]) == 0 ||
			    (stream_names[k][1] &&
			    strcmp(cells[i], stream_names[k][1]) == 0))
				col[k] = i;
	}
	if (col[FS_RECEIVED] < 0)
		rs_die(EX_DATAERR, "%s:1: missing column \"received_at\"",
		    name);
	stream_notices = col[FS_NOTIFIED] >= 0 && col[FS_RETURNED] >= 0;
	while ((n = rs_csv_read(csv, &cells)) > 0) {
		long line = rs_csv_line(csv);

		for (k = 0; k < FS_N; k++)
			v[k] = col[k] >= 0 && *cells[col[k]] ?
			    cells[col[k]] : NULL;
		memset(&r, 0, sizeof(r));
		if (rs_parse_datetime(v[FS_RECEIVED], &t) == -1)
			rs_die(EX_DATAERR, "%s:%ld: received_at: expected a "
			    "date and time like 2024-08-13T16:45; got \"%s\"",
			    name, line, v[FS_RECEIVED] ? v[FS_RECEIVED] : "");
		r.received_at = t;
		r.received = rs_local_day(t, &secs);
		if ((why = rs_first_day_check(r.received)) != NULL)
			rs_die(EX_DATAERR, "%s:%ld: received_at: %s; "
			    "got \"%s\"", name, line, why, v[FS_RECEIVED]);
		seq++;
		if (v[FS_ID])
			r.id = (char *)v[FS_ID];
		else {
			static char fake[32];

			snprintf(fake, sizeof(fake), "%s:%ld", name, line);
			r.id = fake;
		}
		r.effective = stream_day(name, line, "effective_on",
		    v[FS_EFFECTIVE]);
		if (r.effective == RS_NO_DAY)
			r.effective = rs_effective_day(&cal, r.received, secs);
		r.due = stream_day(name, line, "due_on", v[FS_DUE]);
		/* an empty due_on is a fact (no term, or the clock stopped);
		 * only without the column is it computed from the type, with
		 * the term of the day received (Decreto 491 de 2020) */
		if (r.due == RS_NO_DAY && col[FS_DUE] < 0 && v[FS_TYPE] &&
		    (term = rs_default_term(v[FS_TYPE], r.received)) != NULL &&
		    term->days > 0) {
			memset(&c, 0, sizeof(c));
			c.effective = r.effective;
			c.term = term->days;
			c.extended_to = RS_NO_DAY;
			r.due = rs_due_date(&cal, &c);
		}
		r.answered_at = stream_time(name, line, "answered_on",
		    v[FS_ANSWERED]);
		r.answered = stream_day(name, line, "answered_on",
		    v[FS_ANSWERED]);
		r.hold_limit = stream_day(name, line, "hold_limit", v[FS_HOLD]);
		r.closed = stream_day(name, line, "closed_on", v[FS_CLOSED]);
		r.rated = RS_NO_DAY;
		r.channel = intern((const unsigned char *)v[FS_CHANNEL]);
		r.type = intern((const unsigned char *)v[FS_TYPE]);
		r.topic = intern((const unsigned char *)v[FS_TOPIC]);
		r.team = intern((const unsigned char *)v[FS_TEAM]);
		r.assignee = intern((const unsigned char *)v[FS_ASSIGNEE]);
		r.outcome = intern((const unsigned char *)v[FS_OUTCOME]);
		/* without a status column, the answer tells it */
		r.status = intern((const unsigned char *)(v[FS_STATUS] ?
		    v[FS_STATUS] : r.answered != RS_NO_DAY ? "respondida" :
		    "radicada"));
		if (v[FS_RATING] && (strlen(v[FS_RATING]) != 1 ||
		    v[FS_RATING][0] < '1' || v[FS_RATING][0] > '5'))
			rs_die(EX_DATAERR, "%s:%ld: rating: expected 1 to 5; "
			    "got \"%s\"", name, line, v[FS_RATING]);
		r.rating = v[FS_RATING] ? v[FS_RATING][0] - '0' : 0;
		r.extensions = v[FS_EXTENSIONS] ? atoi(v[FS_EXTENSIONS]) : 0;
		r.forwarded = v[FS_FORWARDED] != NULL ||
		    is_status(&r, "trasladada");
		r.name = personal && v[FS_NAME] ? (char *)v[FS_NAME] : NULL;
		r.notified = v[FS_NOTIFIED] ? 1 : v[FS_RETURNED] &&
		    strcmp(v[FS_RETURNED], "1") == 0 ? -1 : 0;
		push(&streamed, &r);
	}
	if (n == -1)
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    rs_csv_error(csv));
	rs_csv_close(csv);
}

static void
load(struct rs_db *db, struct reqs *out, const char *where, int flags,
    int64_t a1, int64_t a2, const char *a3)
{
	struct rs_buf sql = { 0 };
	sqlite3_stmt *st;
	struct req *r;

	if (db == NULL) {	/* -f: the rows read from CSV */
		stream_select(out, flags, a1, a2);
		return;
	}
	rs_buf_adds(&sql, "SELECT r.id, r.received_ts, r.effective_on, "
	    "r.due_on, r.channel, r.type, r.topic, r.team, r.assignee, "
	    "r.status, r.outcome, r.answered_at, r.hold_limit, r.closed_at, "
	    "r.rating, ");
	rs_buf_adds(&sql, flags & L_PERSONAL ? "r.name, " : "NULL, ");
	rs_buf_adds(&sql, flags & L_EVENTS ?
	    "(SELECT count(*) FROM events e WHERE e.request = r.seq AND "
	    "e.kind = 'extend'), "
	    "EXISTS (SELECT 1 FROM events e WHERE e.request = r.seq AND "
	    "e.kind = 'forward'), " : "0, 0, ");
	rs_buf_adds(&sql, flags & L_RATINGS ?
	    "(SELECT e.at FROM events e WHERE e.request = r.seq AND "
	    "e.kind = 'rate' ORDER BY e.seq DESC LIMIT 1), "
	    "(SELECT json_extract(e.details, '$.text') FROM events e "
	    "WHERE e.request = r.seq AND e.kind = 'rate' "
	    "ORDER BY e.seq DESC LIMIT 1), " : "NULL, NULL, ");
	/* the answer reached the requester (1), came back (-1), or no
	 * respuesta went out (0) */
	rs_buf_adds(&sql, flags & L_EVENTS ?
	    "(SELECT CASE WHEN count(*) = 0 THEN 0 WHEN max(n.state = "
	    "'sent' AND n.via <> 'print') THEN 1 WHEN max(n.state = "
	    "'failed') AND NOT max(n.state = 'sent') THEN -1 ELSE 0 END "
	    "FROM notices n WHERE n.request = r.seq AND "
	    "n.kind = 'respuesta') " : "0 ");
	rs_buf_addf(&sql, "FROM requests r WHERE %s ORDER BY r.seq", where);
	st = rs_db_prepare(db, rs_buf_str(&sql));
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a1);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, a2);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_text(st, 3, a3, -1, SQLITE_STATIC);
	while (rs_db_step(db, st)) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 256;
			out->v = rs_realloc(out->v, out->cap * sizeof(*out->v));
		}
		r = &out->v[out->n++];
		memset(r, 0, sizeof(*r));
		r->id = rs_strdup((const char *)sqlite3_column_text(st, 0));
		r->received_at = sqlite3_column_int64(st, 1);
		r->received = rs_local_day(r->received_at, NULL);
		r->effective = col_date(st, 2);
		r->due = col_date(st, 3);
		r->channel = intern(sqlite3_column_text(st, 4));
		r->type = intern(sqlite3_column_text(st, 5));
		r->topic = intern(sqlite3_column_text(st, 6));
		r->team = intern(sqlite3_column_text(st, 7));
		r->assignee = intern(sqlite3_column_text(st, 8));
		r->status = intern(sqlite3_column_text(st, 9));
		r->outcome = intern(sqlite3_column_text(st, 10));
		r->answered = col_time_day(st, 11);
		r->answered_at = col_time(st, 11);
		r->hold_limit = col_date(st, 12);
		r->closed = col_time_day(st, 13);
		r->rating = sqlite3_column_int(st, 14);
		if (sqlite3_column_text(st, 15) != NULL)
			r->name = rs_strdup((const char *)
			    sqlite3_column_text(st, 15));
		r->extensions = sqlite3_column_int(st, 16);
		r->forwarded = sqlite3_column_int(st, 17) ||
		    is_status(r, "trasladada");
		r->rated = col_time_day(st, 18);
		if ((flags & L_PERSONAL) && sqlite3_column_text(st, 19) != NULL)
			r->comment = rs_strdup((const char *)
			    sqlite3_column_text(st, 19));
		r->notified = sqlite3_column_int(st, 20);
	}
	sqlite3_finalize(st);
	rs_buf_free(&sql);
}

static void
reqs_free(struct reqs *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].name);
		free(rs->v[i].comment);
	}
	free(rs->v);
}

/* ---- what every report computes the same way ------------------------------ */


#define TREND_DAYS	30

static const struct rs_column trend_metrics[] = {
	{ "received", "Recibidas", RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
};

/* Voided requests were registered by mistake: they are no request. */
static int
is_answered(const struct req *r)
{
	return r->answered != RS_NO_DAY && !is_status(r, "anulada");
}

/*
 * Merged into another request (rs-queue merge), which answers for it:
 * the one way a request is closed (cerrada) without an answer of its
 * own, so a CSV (-f) tells it as well as the database.  Neither pending
 * nor late.
 */
static int
is_merged(const struct req *r)
{
	return is_status(r, "cerrada") && r->answered == RS_NO_DAY;
}

/* rs-due's rule: answered by the end of the due day, or with no term. */
static int
on_time(const struct req *r)
{
	int left;

	return rs_clock_state(&cal, today, 0, r->due, RS_NO_DAY, r->answered,
	    &left) == RS_A_TIEMPO;
}

/* Business days from the effective day to day; 0 for a day before it. */
static int
days_from_effective(const struct req *r, rs_day day)
{
	int n;

	if (r->effective == RS_NO_DAY || day == RS_NO_DAY)
		return 0;
	n = rs_business_days_between(&cal, r->effective, day);
	return n < 0 ? 0 : n;
}

static void
month_of(rs_day d, char buf[8])
{
	int y, m, dd;

	if (d == RS_NO_DAY) {
		buf[0] = '\0';
		return;
	}
	rs_day_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 8, "%04d-%02d", y, m);
}

/* Grouping: the requests sorted by a key, then taken run by run. */
struct keyed {
	char		*key;
	struct req	*r;
};

struct grp {
	char		*key;
	struct req	**m;
	size_t		 n;
};

typedef void key_fn(const struct req *, struct rs_buf *);

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->r->id, y->r->id);
}

/* Groups of v by key, in key order (bytewise), members in radicado
 * order; returns how many. */
static size_t
group_by(struct req *const *v, size_t n, key_fn *key, struct grp **out)
{
	struct rs_buf b = { 0 };
	struct keyed *k;
	struct grp *g = NULL;
	size_t i, j, ng = 0;

	k = rs_calloc(n, sizeof(*k));
	for (i = 0; i < n; i++) {
		rs_buf_reset(&b);
		key(v[i], &b);
		k[i].key = rs_strdup(rs_buf_str(&b));
		k[i].r = v[i];
	}
	if (n > 1)
		qsort(k, n, sizeof(*k), keyed_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(k[j].key, k[i].key) == 0; j++)
			;
		g = rs_realloc(g, (ng + 1) * sizeof(*g));
		g[ng].key = rs_strdup(k[i].key);
		g[ng].n = j - i;
		g[ng].m = rs_calloc(j - i, sizeof(struct req *));
		for (; i < j; i++)
			g[ng].m[g[ng].n - (j - i)] = k[i].r;
		ng++;
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
	rs_buf_free(&b);
	*out = g;
	return ng;
}

static void
groups_free(struct grp *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(g[i].key);
		free(g[i].m);
	}
	free(g);
}

static void
key_channel(const struct req *r, struct rs_buf *b)
{
	rs_buf_adds(b, r->channel ? r->channel : "");
}

static void
key_type(const struct req *r, struct rs_buf *b)
{
	rs_buf_adds(b, r->type ? r->type : "");
}

static void
key_team(const struct req *r, struct rs_buf *b)
{
	rs_buf_adds(b, r->team ? r->team : "");
}

static void
key_rated_month(const struct req *r, struct rs_buf *b)
{
	char m[8];

	month_of(r->rated, m);
	rs_buf_adds(b, m);
}

/* One section of counts: a row a group, one metric. */
static void
count_section(struct report *rep, const char *name, const char *title,
    const char *label, const struct rs_column *metric, struct req *const *v,
    size_t n, key_fn *key)
{
	struct section *s;
	struct grp *g;
	size_t ng, i;

	s = section_new(rep, name, title, label, metric, 1);
	s->coded = 1;		/* by channel or by type */
	ng = group_by(v, n, key, &g);
	for (i = 0; i < ng; i++)
		put_i(row_new(s, g[i].key), 0, (long)g[i].n);
	groups_free(g, ng);
}

/* Lists ordered by a date, then by radicado. */
static rs_day sort_day(const struct req *r, int which);

static int	 list_which;

static int
list_cmp(const void *a, const void *b)
{
	const struct req *x = *(struct req *const *)a;
	const struct req *y = *(struct req *const *)b;
	rs_day dx = sort_day(x, list_which), dy = sort_day(y, list_which);

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(x->id, y->id);
}

enum { BY_DUE, BY_LIMIT, BY_ID, BY_RATED };

static rs_day
sort_day(const struct req *r, int which)
{
	switch (which) {
	case BY_DUE:
		return r->due;
	case BY_LIMIT:
		return r->hold_limit;
	case BY_RATED:
		return r->rated;
	default:
		return 0;
	}
}

static void
sort_list(struct req **v, size_t n, int which)
{
	list_which = which;
	if (n > 1)	/* an empty list may have no array at all */
		qsort(v, n, sizeof(*v), list_cmp);
}

/* The meta section: what the report is, for machines. */
static const struct rs_column meta_metrics[] = {
	{ "report", "Informe", 0 },
	{ "date", "Fecha", 0 },
	{ "from", "Desde", 0 },
	{ "to", "Hasta", 0 },
	{ "by", "Agrupado por", 0 },
	{ "chain_head", "Cabeza de la cadena de eventos", 0 },
};
enum { META_REPORT, META_DATE, META_FROM, META_TO, META_BY, META_CHAIN,
    NMETA };

static struct row *
meta_section(struct report *rep, const char *name)
{
	struct section *s;
	struct row *r;

	s = section_new(rep, "report", "Informe", NULL, meta_metrics, NMETA);
	s->meta = 1;
	r = row_new(s, "");
	put_s(r, META_REPORT, name);
	return r;
}

/* ---- daily ---------------------------------------------------------------- */

static const struct rs_column received_metric[] = {
	{ "received", "Recibidas", RS_NUMERIC },
};
static const struct rs_column answered_metrics[] = {
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
};
static const struct rs_column backlog_metric[] = {
	{ "open", "Abiertas", RS_NUMERIC },
};
static const struct rs_column due_metrics[] = {
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "due_on", "Vence", 0 },
	{ "days_left", "Días hábiles restantes", RS_NUMERIC },
};
static const struct rs_column overdue_metrics[] = {
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "due_on", "Vence", 0 },
	{ "days_overdue", "Días hábiles de retraso", RS_NUMERIC },
	{ "name", "Nombre", 0 },	/* --personal only */
};
static const struct rs_column undelivered_metrics[] = {
	{ "notice", "Aviso", 0 },
	{ "failed_at", "Devuelto", 0 },
	{ "reason", "Motivo", RS_WIDE },
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
};

/* One notice that came back, a row of the daily report. */
static void
undelivered_row(void *arg, const char *id, const char *kind,
    const char *failed_at, const char *failure, const char *team,
    const char *assignee)
{
	struct row *row = row_new(arg, id);

	put_s(row, 0, kind);
	put_s(row, 1, failed_at);
	put_s(row, 2, NULL);
	/* the mail server's reason quotes the address: personal data */
	if (failure != NULL) {
		char *r = personal ? rs_strdup(failure) :
		    rs_redact_addresses(failure);

		put_s(row, 2, r);
		free(r);
	}
	put_s(row, 3, team);
	put_s(row, 4, assignee);
}

static const struct rs_column dated_metrics[] = {
	{ "step", "Paso", 0 },
	{ "claimed_at", "Fecha declarada", 0 },
	{ "written_at", "Registrado", 0 },
	{ "actor", "Funcionario", 0 },
	{ "reason", "Motivo", RS_WIDE },
};

/* One step dated apart from the clock, a row of the daily report. */
static void
dated_row(void *arg, const char *id, const char *kind, const char *at,
    const char *written_at, const char *actor, const char *reason)
{
	struct row *row = row_new(arg, id);

	put_s(row, 0, kind);
	put_s(row, 1, at);
	put_s(row, 2, written_at);
	put_s(row, 3, actor);
	put_s(row, 4, reason);
}

static const struct rs_column suspended_metrics[] = {
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "hold_limit", "Límite", 0 },
	{ "days_left", "Días hábiles restantes", RS_NUMERIC },
};
static const struct rs_column compliance_metrics[] = {
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
	{ "on_time_pct", "% a tiempo", RS_NUMERIC },
};

/* The backlog's ages in business days since the effective day. */
static const struct {
	int		 max;
	const char	*name;
} age_buckets[] = {
	{ 5, "0-5" }, { 10, "6-10" }, { 15, "11-15" }, { 30, "16-30" },
	{ -1, ">30" },
};
#define NBUCKETS (sizeof(age_buckets) / sizeof(age_buckets[0]))

#define DUE_SOON_DAYS	3	/* what falls due: today and 3 more */
#define HOLD_WARN_DAYS	5	/* a requirement's month about to end */

/*
 * The daily report's sections as the coordinator reads them: first what
 * needs doing (late, falling due, answers that did not arrive, the
 * requester's month running out, steps dated apart), then the counts of
 * the day, the charts last.
 */
static const char *const daily_order[] = {
	"overdue", "due_soon", "undelivered", "suspended", "dated",
	"received_by_channel", "received_by_type", "answered",
	"backlog_by_age", "compliance_month", "by_day", NULL
};

static void
action_first(struct report *rep)
{
	struct section *sorted[MAX_SECTIONS];
	size_t i, k, n = 0;

	for (i = 0; i < rep->nsections; i++)	/* what the report is */
		if (rep->sections[i]->meta)
			sorted[n++] = rep->sections[i];
	for (k = 0; daily_order[k]; k++)
		for (i = 0; i < rep->nsections; i++)
			if (!rep->sections[i]->meta &&
			    strcmp(rep->sections[i]->name, daily_order[k]) == 0)
				sorted[n++] = rep->sections[i];
	if (n != rep->nsections)
		rs_die(EX_SOFTWARE, "daily: a section out of daily_order");
	memcpy(rep->sections, sorted, n * sizeof(sorted[0]));
}

static void
daily(struct rs_db *db, struct report *rep)
{
	struct reqs all = { 0 };
	struct section *s;
	struct req **v, *r;
	struct row *row;
	char date[RS_DATE_LEN], longday[64], month[8], before[RS_DATE_LEN];
	char at[RS_DATETIME_LEN], head[RS_ANCHOR_LEN];
	long answered = 0, ontime = 0, m_answered = 0, m_ontime = 0;
	long buckets[NBUCKETS] = { 0 };
	size_t i, n, k;
	rs_day month_start, prev, first, lo;
	int y, m, d, left, secs;

	rs_day_to_ymd(today, &y, &m, &d);
	month_start = rs_day_from_ymd(y, m, 1);
	/* the window: since the same moment of the business day before
	 * (the end of it, for a bare date), so that a report each business
	 * morning misses nothing, the weekend and holidays included */
	for (prev = today - 1, k = 0; k < 366 && !rs_business_day(&cal, prev);
	    k++)
		prev--;
	report_start = now_secs < 0 ? rs_local_time(prev + 1, 0) :
	    rs_local_time(prev, now_secs);
	first = rs_local_day(report_start, NULL);
	/* the open ones, what came in today and what was answered this
	 * month; the answer's day is checked exactly below, this only
	 * narrows the scan (a day's margin for the zone).  Three lookups,
	 * each by its own index, instead of one scan of every request:
	 * written as an OR, the planner reads the whole table. */
	lo = trend && today - TREND_DAYS < month_start - 1 ?
	    today - TREND_DAYS : month_start - 1;
	rs_format_date(first - 1 < lo ? first - 1 : lo, before);
	lo = trend ? today - (TREND_DAYS - 1) : today;
	load(db, &all, "r.seq IN ("
	    "SELECT seq FROM requests WHERE " RS_OPEN_SQL " UNION "
	    "SELECT seq FROM requests WHERE received_ts >= ?1 AND "
	    "received_ts < ?2 UNION "
	    "SELECT seq FROM requests WHERE answered_at >= ?3)",
	    personal ? L_PERSONAL : 0, rs_local_time(first < lo ? first : lo,
	    0), rs_local_time(today + 1, 0), before);
	v = rs_calloc(all.n, sizeof(*v));

	rs_format_date(today, date);
	row = meta_section(rep, "daily");
	put_s(row, META_DATE, date);
	rs_format_datetime(report_start, at);
	put_s(row, META_FROM, at);
	rs_format_datetime(report_end, at);
	put_s(row, META_TO, at);
	rs_format_long_date(today, longday, sizeof(longday));
	rs_buf_addf(&rep->heading, "Informe diario del %s\n", longday);
	/* said when the window is more than the day itself */
	(void)rs_local_day(report_start, &secs);
	if (first != today || secs != 0) {
		rs_format_long_date(first, longday, sizeof(longday));
		rs_buf_addf(&rep->heading, "Lo recibido y lo respondido "
		    "desde el %s a las %02d:%02d\n", longday, secs / 3600,
		    secs / 60 % 60);
	}
	/* the chain's anchor (none from -f: no events), kept where no
	 * operator rewrites it, the coordinator's mailbox: rs-admin check
	 * --anchor */
	if (db != NULL && rs_chain_head(db, head) > 0) {
		put_s(row, META_CHAIN, head);
		rs_buf_addf(&rep->heading, "Cabeza de la cadena de eventos: "
		    "%s\n", head);
	}

	/* a voided request was registered by mistake: never received */
	for (n = i = 0; i < all.n; i++)
		if (all.v[i].received_at > report_start &&
		    all.v[i].received_at <= report_end &&
		    !is_status(&all.v[i], "anulada"))
			v[n++] = &all.v[i];
	count_section(rep, "received_by_channel", "Recibidas por canal",
	    "Canal", received_metric, v, n, key_channel);
	count_section(rep, "received_by_type", "Recibidas por tipo", "Tipo",
	    received_metric, v, n, key_type);

	for (i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (!is_answered(r) || r->answered > today ||
		    r->answered < month_start)
			continue;
		m_answered++;
		m_ontime += on_time(r);
		if (r->answered_at > report_start &&
		    r->answered_at <= report_end) {
			answered++;
			ontime += on_time(r);
		}
	}
	if (trend) {
		rs_day day;

		/* for the chart: what came in and what went out, a day at
		 * a time (html and eml only) */
		s = section_new(rep, "by_day", "Recibidas y respondidas, "
		    "últimos 30 días", "Día", trend_metrics, 2);
		for (day = today - (TREND_DAYS - 1); day <= today; day++) {
			long in = 0, out = 0;
			char dd[RS_DATE_LEN];

			for (i = 0; i < all.n; i++) {
				in += all.v[i].received == day &&
				    !is_status(&all.v[i], "anulada");
				out += is_answered(&all.v[i]) &&
				    all.v[i].answered == day;
			}
			rs_format_date(day, dd);
			row = row_new(s, dd + 5);	/* MM-DD */
			put_i(row, 0, in);
			put_i(row, 1, out);
		}
	}
	s = section_new(rep, "answered", "Respondidas", NULL,
	    answered_metrics, 3);
	row = row_new(s, "");
	put_i(row, 0, answered);
	put_i(row, 1, ontime);
	put_i(row, 2, answered - ontime);

	/* the backlog: radicada, asignada, en_espera */
	for (i = 0; i < all.n; i++) {
		if (!is_open(&all.v[i]))
			continue;
		left = days_from_effective(&all.v[i], today);
		for (k = 0; k + 1 < NBUCKETS && left > age_buckets[k].max; k++)
			;
		buckets[k]++;
	}
	s = section_new(rep, "backlog_by_age", "Abiertas por antigüedad "
	    "(días hábiles desde la radicación efectiva)", "Días hábiles",
	    backlog_metric, 1);
	for (k = 0; k < NBUCKETS; k++)
		put_i(row_new(s, age_buckets[k].name), 0, buckets[k]);

	/* what falls due today or in the next DUE_SOON_DAYS business days */
	for (n = i = 0; i < all.n; i++) {
		enum rs_state st;

		r = &all.v[i];
		if (!is_open(r) || is_status(r, "en_espera"))
			continue;
		st = rs_clock_state(&cal, today, DUE_SOON_DAYS, r->due,
		    RS_NO_DAY, RS_NO_DAY, &left);
		if (st == RS_VENCE_HOY || st == RS_POR_VENCER)
			v[n++] = r;
	}
	sort_list(v, n, BY_DUE);
	s = section_new(rep, "due_soon", "Vencen hoy o en los próximos 3 días "
	    "hábiles", "Radicado", due_metrics, 4);
	for (i = 0; i < n; i++) {
		row = row_new(s, v[i]->id);
		put_s(row, 0, v[i]->team);
		put_s(row, 1, v[i]->assignee);
		put_day(row, 2, v[i]->due);
		put_i(row, 3, rs_business_days_between(&cal, today, v[i]->due));
	}

	/* every overdue open request */
	for (n = i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (is_open(r) && !is_status(r, "en_espera") &&
		    r->due != RS_NO_DAY && r->due < today)
			v[n++] = r;
	}
	sort_list(v, n, BY_DUE);
	s = section_new(rep, "overdue", "Vencidas", "Radicado",
	    overdue_metrics, personal ? 5 : 4);
	for (i = 0; i < n; i++) {
		row = row_new(s, v[i]->id);
		put_s(row, 0, v[i]->team);
		put_s(row, 1, v[i]->assignee);
		put_day(row, 2, v[i]->due);
		put_i(row, 3, rs_business_days_between(&cal, v[i]->due, today));
		if (personal)
			put_s(row, 4, v[i]->name);
	}

	/* Ley 1755 art. 17: the requester's month about to run out, or
	 * out; first the requirements whose notice is owed, which start
	 * no month (no limit) */
	for (n = i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (is_status(r, "en_espera") && (r->hold_limit == RS_NO_DAY ||
		    rs_business_days_between(&cal, today, r->hold_limit) <=
		    HOLD_WARN_DAYS))
			v[n++] = r;
	}
	sort_list(v, n, BY_LIMIT);
	s = section_new(rep, "suspended", "En espera del solicitante: "
	    "requerimiento sin notificar (sin límite), o el mes vence en 5 "
	    "días hábiles o ya venció (Ley 1755 art. 17)",
	    "Radicado", suspended_metrics, 4);
	for (i = 0; i < n; i++) {
		row = row_new(s, v[i]->id);
		put_s(row, 0, v[i]->team);
		put_s(row, 1, v[i]->assignee);
		put_day(row, 2, v[i]->hold_limit);
		if (v[i]->hold_limit != RS_NO_DAY)
			put_i(row, 3, rs_business_days_between(&cal, today,
			    v[i]->hold_limit));
	}

	/* answered is not notified (Ley 1437 art. 56): what came back */
	if (db != NULL) {
		s = section_new(rep, "undelivered", "Avisos no entregados "
		    "(el correo los devolvió)", "Radicado",
		    undelivered_metrics, 5);
		rs_undelivered(db, undelivered_row, s);
		/* counted on time by the day they claim, and listed */
		s = section_new(rep, "dated", "Pasos registrados con otra "
		    "fecha (con el motivo)", "Radicado", dated_metrics, 5);
		rs_dated_steps(db, report_start, report_end, dated_row, s);
	}

	month_of(today, month);
	s = section_new(rep, "compliance_month", "Cumplimiento del mes hasta "
	    "hoy", "Mes", compliance_metrics, 4);
	row = row_new(s, month);
	put_i(row, 0, m_answered);
	put_i(row, 1, m_ontime);
	put_i(row, 2, m_answered - m_ontime);
	put_pct(row, 3, m_ontime, m_answered);

	free(v);
	reqs_free(&all);
	action_first(rep);
}

/* ---- summary -------------------------------------------------------------- */

enum { K_CHANNEL, K_TYPE, K_TOPIC, K_TEAM, K_ASSIGNEE, K_MONTH, NKEYS };
static const char *const key_names[NKEYS] = {
	"channel", "type", "topic", "team", "assignee", "month"
};
static const char *const key_labels[NKEYS] = {
	"Canal", "Tipo", "Tema", "Equipo", "Asignada a", "Mes"
};
static int	 by[NKEYS];	/* the --by keys, in order */
static size_t	 nby;

static void
key_by(const struct req *r, struct rs_buf *b)
{
	const char *v;
	char m[8];
	size_t i;

	for (i = 0; i < nby; i++) {
		if (i)
			rs_buf_addc(b, '/');
		switch (by[i]) {
		case K_CHANNEL:
			v = r->channel;
			break;
		case K_TYPE:
			v = r->type;
			break;
		case K_TOPIC:
			v = r->topic;
			break;
		case K_TEAM:
			v = r->team;
			break;
		case K_ASSIGNEE:
			v = r->assignee;
			break;
		default:
			month_of(r->received, m);
			v = m;
		}
		rs_buf_adds(b, v ? v : "");
	}
	if (nby == 0)
		rs_buf_adds(b, "total");
}

static const struct rs_column summary_metrics[] = {
	{ "received", "Recibidas", RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
	{ "on_time_pct", "% a tiempo", RS_NUMERIC },
	{ "median_days", "Mediana (días)", RS_NUMERIC },
	{ "p90_days", "Percentil 90 (días)", RS_NUMERIC },
	{ "extensions", "Prórrogas", RS_NUMERIC },
	{ "forwards", "Trasladadas", RS_NUMERIC },
	{ "withdrawals", "Desistidas", RS_NUMERIC },
	{ "voided", "Anuladas (no se cuentan)", RS_NUMERIC },
};
enum { S_RECEIVED, S_ANSWERED, S_ON_TIME, S_LATE, S_PCT, S_MEDIAN, S_P90,
    S_EXTENSIONS, S_FORWARDS, S_WITHDRAWALS, S_VOIDED, NSUMMARY };

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/*
 * The median (the middle value, or the mean of the two middle ones) and
 * the 90th percentile by nearest rank (the smallest value that at least
 * 90 % of the values do not exceed) of n sorted values.
 */
static void
put_median(struct row *row, size_t m, const int *v, size_t n)
{
	char buf[24];
	int sum;

	if (n == 0)
		return;
	if (n % 2) {
		put_i(row, m, v[n / 2]);
		return;
	}
	sum = v[n / 2 - 1] + v[n / 2];
	if (sum % 2)
		snprintf(buf, sizeof(buf), "%d.5", sum / 2);
	else
		snprintf(buf, sizeof(buf), "%d", sum / 2);
	put_s(row, m, buf);
}

static void
put_p90(struct row *row, size_t m, const int *v, size_t n)
{
	if (n > 0)
		put_i(row, m, v[(9 * n + 9) / 10 - 1]);
}

static rs_day	 from, to;

static void
put_period(struct row *meta)
{
	char a[RS_DATE_LEN], b[RS_DATE_LEN];

	rs_format_date(from, a);
	rs_format_date(to, b);
	put_s(meta, META_FROM, a);
	put_s(meta, META_TO, b);
}

static void
summary(struct rs_db *db, struct report *rep)
{
	struct reqs all = { 0 };
	struct section *s;
	struct req **v, *r;
	struct row *row, *meta;
	struct grp *g;
	struct rs_buf keys = { 0 }, label = { 0 }, title = { 0 };
	char a[RS_DATE_LEN], b[RS_DATE_LEN];
	size_t i, j, ng, nd;
	int *days;
	long answered, ontime, ext, fw, wd, vd;

	load(db, &all, "r.received_ts >= ?1 AND r.received_ts < ?2",
	    L_EVENTS | L_PERIOD, rs_local_time(from, 0),
	    rs_local_time(to + 1, 0), NULL);
	meta = meta_section(rep, "summary");
	put_period(meta);
	rs_buf_adds(&title, "Por ");
	for (i = 0; i < nby; i++) {
		rs_buf_addf(&keys, "%s%s", i ? "," : "", key_names[by[i]]);
		rs_buf_addf(&label, "%s%s", i ? " / " : "", key_labels[by[i]]);
		/* "Por canal / tipo" */
		rs_buf_addf(&title, "%s%c%s", i ? " / " : "",
		    key_labels[by[i]][0] - 'A' + 'a', key_labels[by[i]] + 1);
	}
	if (nby)
		put_s(meta, META_BY, rs_buf_str(&keys));
	rs_format_date(from, a);
	rs_format_date(to, b);
	rs_buf_addf(&rep->heading, "Resumen de las solicitudes recibidas del "
	    "%s al %s\n", a, b);

	v = rs_calloc(all.n, sizeof(*v));
	days = rs_calloc(all.n, sizeof(*days));
	for (i = 0; i < all.n; i++)
		v[i] = &all.v[i];
	ng = group_by(v, all.n, key_by, &g);
	s = section_new(rep, "summary", nby ? rs_buf_str(&title) : "Total",
	    nby ? rs_buf_str(&label) : "Grupo", summary_metrics, NSUMMARY);
	/* channel and type among the keys; a topic or team is the office's
	 * own word and passes as it is */
	s->coded = 1;
	for (i = 0; i < ng; i++) {
		answered = ontime = ext = fw = wd = vd = 0;
		nd = 0;
		for (j = 0; j < g[i].n; j++) {
			r = g[i].m[j];
			ext += r->extensions;
			fw += r->forwarded;
			wd += is_status(r, "desistida");
			vd += is_status(r, "anulada");
			if (!is_answered(r))
				continue;
			answered++;
			ontime += on_time(r);
			days[nd++] = days_from_effective(r, r->answered);
		}
		if (nd > 1)
			qsort(days, nd, sizeof(*days), int_cmp);
		row = row_new(s, g[i].key);
		put_i(row, S_RECEIVED, (long)g[i].n - vd);
		put_i(row, S_ANSWERED, answered);
		put_i(row, S_ON_TIME, ontime);
		put_i(row, S_LATE, answered - ontime);
		put_pct(row, S_PCT, ontime, answered);
		put_median(row, S_MEDIAN, days, nd);
		put_p90(row, S_P90, days, nd);
		put_i(row, S_EXTENSIONS, ext);
		put_i(row, S_FORWARDS, fw);
		put_i(row, S_WITHDRAWALS, wd);
		put_i(row, S_VOIDED, vd);
	}
	groups_free(g, ng);
	free(days);
	free(v);
	rs_buf_free(&keys);
	rs_buf_free(&label);
	rs_buf_free(&title);
	reqs_free(&all);
}

/* ---- pqrsd: Ley 1712 de 2014 art. 11, Decreto 1081 de 2015 art. 2.1.1.6.2 */

static const struct rs_column pqrsd_totals[] = {
	{ "received", "Solicitudes recibidas", RS_NUMERIC },
	{ "forwarded", "Trasladadas a otra autoridad", RS_NUMERIC },
	{ "information_requests", "Solicitudes de información", RS_NUMERIC },
	{ "information_denied", "Solicitudes de información negadas",
	    RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "Respondidas a tiempo", RS_NUMERIC },
	{ "late", "Respondidas extemporáneamente", RS_NUMERIC },
	{ "pending", "Pendientes", RS_NUMERIC },
	{ "withdrawals", "Desistidas", RS_NUMERIC },
	{ "merged", "Fusionadas con otra solicitud", RS_NUMERIC },
	{ "extensions", "Prórrogas", RS_NUMERIC },
	{ "on_time_pct", "% respondidas a tiempo", RS_NUMERIC },
	{ "voided", "Anuladas (no se cuentan)", RS_NUMERIC },
	/* answered is not notified (Ley 1437 art. 56) */
	{ "notified", "Notificadas por correo", RS_NUMERIC },
	{ "answer_returned", "Respuesta devuelta por el correo",
	    RS_NUMERIC },
};
enum { P_RECEIVED, P_FORWARDED, P_INFO, P_INFO_DENIED, P_ANSWERED,
    P_ON_TIME, P_LATE, P_PENDING, P_WITHDRAWALS, P_MERGED, P_EXTENSIONS, P_PCT,
    P_VOIDED, P_NOTIFIED, P_RETURNED, NPTOTALS };

static const struct rs_column pqrsd_request_metrics[] = {
	{ "type", "Tipo", RS_CODE },
	{ "channel", "Canal", RS_CODE },
	{ "received_on", "Recibida", 0 },
	{ "effective_on", "Radicación efectiva", 0 },
	{ "due_on", "Vence", 0 },
	{ "answered_on", "Respondida", 0 },
	{ "days", "Días hábiles", RS_NUMERIC },
	{ "result", "Resultado", RS_CODE },
	{ "name", "Nombre", 0 },	/* --personal only */
};
enum { Q_TYPE, Q_CHANNEL, Q_RECEIVED, Q_EFFECTIVE, Q_DUE, Q_ANSWERED, Q_DAYS,
    Q_RESULT, Q_NAME, NQ };

static const struct rs_column pqrsd_group_metrics[] = {
	{ "received", "Recibidas", RS_NUMERIC },
	{ "forwarded", "Trasladadas", RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
	{ "pending", "Pendientes", RS_NUMERIC },
	{ "withdrawals", "Desistidas", RS_NUMERIC },
	{ "merged", "Fusionadas", RS_NUMERIC },
	{ "extensions", "Prórrogas", RS_NUMERIC },
	{ "denied", "Negadas", RS_NUMERIC },
};
enum { G_RECEIVED, G_FORWARDED, G_ANSWERED, G_ON_TIME, G_LATE, G_PENDING,
    G_WITHDRAWALS, G_MERGED, G_EXTENSIONS, G_DENIED, NG };

/* Where a request stands for the report, in the domain's words. */
static const char *
result(const struct req *r)
{
	if (r->answered != RS_NO_DAY)
		return on_time(r) ? "a_tiempo" : "extemporanea";
	if (r->forwarded)
		return "trasladada";
	if (is_status(r, "desistida"))
		return "desistida";
	if (is_merged(r))
		return "fusionada";
	return "pendiente";
}

static void
pqrsd_group(struct report *rep, const char *name, const char *title,
    const char *label, struct req *const *v, size_t n, key_fn *key)
{
	struct section *s;
	struct grp *g;
	struct row *row;
	struct req *r;
	long c[NG];
	size_t ng, i, j;
	const char *res;

	s = section_new(rep, name, title, label, pqrsd_group_metrics, NG);
	s->coded = 1;		/* by type or by channel */
	ng = group_by(v, n, key, &g);
	for (i = 0; i < ng; i++) {
		memset(c, 0, sizeof(c));
		for (j = 0; j < g[i].n; j++) {
			r = g[i].m[j];
			res = result(r);
			c[G_RECEIVED]++;
			c[G_FORWARDED] += r->forwarded;
			c[G_ANSWERED] += r->answered != RS_NO_DAY;
			c[G_ON_TIME] += strcmp(res, "a_tiempo") == 0;
			c[G_LATE] += strcmp(res, "extemporanea") == 0;
			c[G_PENDING] += strcmp(res, "pendiente") == 0;
			c[G_WITHDRAWALS] += is_status(r, "desistida");
			c[G_MERGED] += is_merged(r);
			c[G_EXTENSIONS] += r->extensions;
			c[G_DENIED] += r->answered != RS_NO_DAY &&
			    r->outcome && strcmp(r->outcome, "negativa") == 0;
		}
		row = row_new(s, g[i].key);
		for (j = 0; j < NG; j++)
			put_i(row, j, c[j]);
	}
	groups_free(g, ng);
}

static void
pqrsd(struct rs_db *db, struct report *rep)
{
	struct reqs all = { 0 };
	struct section *s;
	struct req **v, *r;
	struct row *row, *meta;
	char a[RS_DATE_LEN], b[RS_DATE_LEN], date[RS_DATE_LEN];
	long t[NPTOTALS] = { 0 };
	const char *res;
	rs_day end;
	size_t i, n;

	load(db, &all, "r.received_ts >= ?1 AND r.received_ts < ?2",
	    L_EVENTS | L_PERIOD | (personal ? L_PERSONAL : 0),
	    rs_local_time(from, 0), rs_local_time(to + 1, 0), NULL);
	meta = meta_section(rep, "pqrsd");
	rs_format_date(today, date);
	put_s(meta, META_DATE, date);
	put_period(meta);
	rs_format_date(from, a);
	rs_format_date(to, b);
	rs_buf_addf(&rep->heading, "Informe de PQRSD (Ley 1712 de 2014 art. 11; "
	    "Decreto 1081 de 2015 art. 2.1.1.6.2)\nSolicitudes recibidas del "
	    "%s al %s, estado al %s\n", a, b, date);

	/* voided ones were registered by mistake: counted apart, no more */
	v = rs_calloc(all.n, sizeof(*v));
	for (n = i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (is_status(r, "anulada")) {
			t[P_VOIDED]++;
			continue;
		}
		v[n++] = r;
		res = result(r);
		t[P_RECEIVED]++;
		t[P_FORWARDED] += r->forwarded;
		if (r->type && strcmp(r->type, "informacion") == 0) {
			t[P_INFO]++;
			t[P_INFO_DENIED] += r->answered != RS_NO_DAY &&
			    r->outcome && strcmp(r->outcome, "negativa") == 0;
		}
		t[P_ANSWERED] += r->answered != RS_NO_DAY;
		t[P_NOTIFIED] += r->answered != RS_NO_DAY && r->notified > 0;
		t[P_RETURNED] += r->answered != RS_NO_DAY && r->notified < 0;
		t[P_ON_TIME] += strcmp(res, "a_tiempo") == 0;
		t[P_LATE] += strcmp(res, "extemporanea") == 0;
		t[P_PENDING] += strcmp(res, "pendiente") == 0;
		t[P_WITHDRAWALS] += is_status(r, "desistida");
		t[P_MERGED] += is_merged(r);
		t[P_EXTENSIONS] += r->extensions;
	}
	s = section_new(rep, "totals", "Totales", NULL, pqrsd_totals, NPTOTALS);
	row = row_new(s, "");
	/* from CSV (-f) without v_requests' notified_on and
	 * answer_returned, the delivery of the answers is not known */
	for (i = 0; i < NPTOTALS; i++)
		if (i != P_PCT && (db != NULL || stream_notices ||
		    (i != P_NOTIFIED && i != P_RETURNED)))
			put_i(row, i, t[i]);
	put_pct(row, P_PCT, t[P_ON_TIME], t[P_ANSWERED]);

	/* the response time of each request, in radicado order */
	sort_list(v, n, BY_ID);
	s = section_new(rep, "requests", "Tiempo de respuesta de cada "
	    "solicitud (días hábiles desde la radicación efectiva)",
	    "Radicado", pqrsd_request_metrics, personal ? NQ : NQ - 1);
	for (i = 0; i < n; i++) {
		r = v[i];
		res = result(r);
		/* answered: to the answer; forwarded, withdrawn or merged:
		 * to that day; pending: so far */
		end = r->answered != RS_NO_DAY ? r->answered :
		    strcmp(res, "pendiente") != 0 ? r->closed : today;
		row = row_new(s, r->id);
		put_s(row, Q_TYPE, r->type);
		put_s(row, Q_CHANNEL, r->channel);
		put_day(row, Q_RECEIVED, r->received);
		put_day(row, Q_EFFECTIVE, r->effective);
		put_day(row, Q_DUE, r->due);
		put_day(row, Q_ANSWERED, r->answered);
		if (end != RS_NO_DAY)
			put_i(row, Q_DAYS, days_from_effective(r, end));
		put_s(row, Q_RESULT, res);
		if (personal)
			put_s(row, Q_NAME, r->name);
	}

	pqrsd_group(rep, "by_type", "Por tipo", "Tipo", v, n, key_type);
	pqrsd_group(rep, "by_channel", "Por canal", "Canal", v, n,
	    key_channel);
	free(v);
	reqs_free(&all);
}

/* ---- satisfaction --------------------------------------------------------- */

static const struct rs_column rating_metrics[] = {
	{ "ratings", "Calificaciones", RS_NUMERIC },
	{ "mean", "Promedio", RS_NUMERIC },
	{ "rating_1", "1", RS_NUMERIC },
	{ "rating_2", "2", RS_NUMERIC },
	{ "rating_3", "3", RS_NUMERIC },
	{ "rating_4", "4", RS_NUMERIC },
	{ "rating_5", "5", RS_NUMERIC },
	{ "comments", "Con comentario", RS_NUMERIC },
};
enum { R_RATINGS, R_MEAN, R_1, R_COMMENTS = R_1 + 5, NRATING };

static const struct rs_column comment_metrics[] = {
	{ "rated_on", "Fecha", 0 },
	{ "rating", "Calificación", RS_NUMERIC },
	{ "comment", "Comentario", RS_WIDE },
};

static void
put_ratings(struct row *row, struct req *const *v, size_t n)
{
	long dist[5] = { 0 }, sum = 0;
	char buf[24];
	size_t i;

	for (i = 0; i < n; i++) {
		dist[v[i]->rating - 1]++;
		sum += v[i]->rating;
	}
	put_i(row, R_RATINGS, (long)n);
	if (n > 0) {
		snprintf(buf, sizeof(buf), "%.2f", (double)sum / (double)n);
		put_s(row, R_MEAN, buf);
	}
	for (i = 0; i < 5; i++)
		put_i(row, R_1 + i, dist[i]);
}

static void
rating_groups(struct report *rep, const char *name, const char *title,
    const char *label, struct req *const *v, size_t n, key_fn *key)
{
	struct section *s;
	struct grp *g;
	size_t ng, i;

	s = section_new(rep, name, title, label, rating_metrics, NRATING - 1);
	ng = group_by(v, n, key, &g);
	for (i = 0; i < ng; i++)
		put_ratings(row_new(s, g[i].key), g[i].m, g[i].n);
	groups_free(g, ng);
}

static void
satisfaction(struct rs_db *db, struct report *rep, int period)
{
	struct reqs all = { 0 };
	struct section *s;
	struct req **v, *r;
	struct row *row, *meta;
	char a[RS_DATE_LEN], b[RS_DATE_LEN];
	long comments = 0;
	size_t i, n;

	/* the comment is loaded to be counted; it is shown with --personal */
	load(db, &all, "r.rating IS NOT NULL AND r.status <> 'anulada'",
	    L_RATINGS | L_PERSONAL | L_RATED, 0, 0, NULL);
	meta = meta_section(rep, "satisfaction");
	rs_buf_adds(&rep->heading, "Satisfacción de los solicitantes\n");
	if (period) {
		put_period(meta);
		rs_format_date(from, a);
		rs_format_date(to, b);
		rs_buf_addf(&rep->heading, "Calificaciones del %s al %s\n", a,
		    b);
	}
	v = rs_calloc(all.n, sizeof(*v));
	for (n = i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (r->rating < 1 || r->rating > 5)
			continue;
		if (period && (r->rated == RS_NO_DAY || r->rated < from ||
		    r->rated > to))
			continue;
		v[n++] = r;
		comments += r->comment != NULL && *r->comment != '\0';
	}
	s = section_new(rep, "overall", "Todas", NULL, rating_metrics,
	    NRATING);
	row = row_new(s, "");
	put_ratings(row, v, n);
	put_i(row, R_COMMENTS, comments);
	rating_groups(rep, "by_team", "Por equipo", "Equipo", v, n, key_team);
	rating_groups(rep, "by_month", "Por mes", "Mes", v, n,
	    key_rated_month);
	/* the requester's own words may name people: --personal only */
	if (personal) {
		sort_list(v, n, BY_RATED);
		s = section_new(rep, "comments", "Comentarios", "Radicado",
		    comment_metrics, 3);
		for (i = 0; i < n; i++) {
			if (v[i]->comment == NULL || *v[i]->comment == '\0')
				continue;
			row = row_new(s, v[i]->id);
			put_day(row, 0, v[i]->rated);
			put_i(row, 1, v[i]->rating);
			put_s(row, 2, v[i]->comment);
		}
	}
	free(v);
	reqs_free(&all);
}

/* ---- options and main ----------------------------------------------------- */

/* The metric a section's bar chart shows: a rate when it has one. */
static int
chart_metric(const struct section *s)
{
	size_t k;

	for (k = 0; k < s->nmetrics; k++)
		if (strstr(s->metrics[k].name, "rate") != NULL)
			return (int)k;
	for (k = 0; k < s->nmetrics; k++)
		if (s->metrics[k].flags & RS_NUMERIC)
			return (int)k;
	return -1;
}

/*
 * html: one self-contained page, a table a section, a chart where a
 * trend, an age or a rate is worth seeing.  eml: that page with the
 * table text beside it, as one multipart/alternative message.
 */
static void
render_page(struct report *rep, const char *sender, const char *verb)
{
	struct rs_buf b = { 0 }, subject = { 0 }, msgid = { 0 };
	const struct section *s;
	struct rs_column *cols;
	struct rs_chart ch;
	struct rs_message m = { 0 };
	const char **cells, **labels, *err;
	double *vals[2];
	char *text = NULL, *msg, date[RS_DATE_LEN];
	size_t i, j, k, nc, tlen = 0;
	FILE *mem;
	int metric;

	rs_html_begin(&b, rep->office, rs_buf_str(&rep->heading));
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		if (s->meta)
			continue;
		nc = s->nmetrics + (s->group_label != NULL);
		cols = rs_calloc(nc, sizeof(*cols));
		cells = rs_calloc(nc * (s->nrows ? s->nrows : 1),
		    sizeof(char *));
		if (s->group_label) {
			cols[0].name = "group";
			cols[0].label = s->group_label;
		}
		for (k = 0; k < s->nmetrics; k++)
			cols[k + (s->group_label != NULL)] = s->metrics[k];
		for (j = 0; j < s->nrows; j++) {
			if (s->group_label)
				cells[j * nc] = *s->rows[j].group ?
				    s->rows[j].group : "(sin dato)";
			for (k = 0; k < s->nmetrics; k++)
				cells[j * nc + k + (s->group_label != NULL)] =
				    s->rows[j].values[k];
		}
		memset(&ch, 0, sizeof(ch));
		labels = rs_calloc(s->nrows ? s->nrows : 1, sizeof(char *));
		vals[0] = rs_calloc(s->nrows ? s->nrows : 1, sizeof(double));
		vals[1] = rs_calloc(s->nrows ? s->nrows : 1, sizeof(double));
		metric = chart_metric(s);
		for (j = 0; j < s->nrows; j++) {
			labels[j] = *s->rows[j].group ? s->rows[j].group :
			    "(sin dato)";
			for (k = 0; k < 2 && k < s->nmetrics; k++) {
				size_t mk = strcmp(s->name, "by_day") == 0 ?
				    k : (size_t)metric;
				const char *v = metric < 0 ? NULL :
				    s->rows[j].values[mk];

				vals[k][j] = v ? strtod(v, NULL) : 0;
			}
		}
		ch.labels = labels;
		ch.npoints = s->nrows;
		ch.title = s->title;
		if (strcmp(s->name, "by_day") == 0) {
			ch.lines = 1;
			ch.series[0] = "Recibidas";
			ch.series[1] = "Respondidas";
			ch.values[0] = vals[0];
			ch.values[1] = vals[1];
			ch.nseries = 2;
			rs_html_chart(&b, &ch);
		} else {
			rs_html_table(&b, s->title, cols, nc, cells, s->nrows);
			/* bars for the groups of a section: the backlog by
			 * age, the on-time rate by type, and the like */
			if (s->group_label && s->nrows > 1 && s->nrows <= 40 &&
			    metric >= 0 && strcmp(s->name, "overdue") &&
			    strcmp(s->name, "due_soon") &&
			    strcmp(s->name, "requests") &&
			    strcmp(s->name, "comments")) {
				ch.series[0] = s->metrics[metric].label;
				ch.values[0] = vals[0];
				ch.nseries = 1;
				ch.title = s->metrics[metric].label;
				rs_html_chart(&b, &ch);
			}
		}
		free(labels);
		free(vals[0]);
		free(vals[1]);
		free(cols);
		free(cells);
	}
	rs_html_end(&b, "Generado por rs " RS_VERSION ".");
	if (html) {
		fputs(rs_buf_str(&b), stdout);
		rs_buf_free(&b);
		return;
	}
	/* eml: the text as the table, the page beside it */
	if ((mem = open_memstream(&text, &tlen)) == NULL)
		rs_die(EX_SOFTWARE, "memory stream: %s", strerror(errno));
	render_table(rep, mem);
	fclose(mem);
	rs_format_date(today, date);
	/* the heading's first line names the report and its day */
	rs_buf_add(&subject, rs_buf_str(&rep->heading),
	    strcspn(rs_buf_str(&rep->heading), "\n"));
	if (subject.len == 0)
		rs_buf_adds(&subject, verb);
	rs_buf_addf(&msgid, "report.%s.%s.%ld@%s", verb, date,
	    (long)getpid(), strchr(sender, '@') + 1);
	m.from = sender;
	m.from_name = rep->office;
	m.to = mailto;
	m.subject = rs_buf_str(&subject);
	m.message_id = rs_buf_str(&msgid);
	m.body = text;
	m.html = rs_buf_str(&b);
	m.date = rs_now();
	if ((msg = rs_message_compose(&m, &err)) == NULL)
		rs_die(EX_DATAERR, "eml: %s", err);
	fputs(msg, stdout);
	free(msg);
	free(text);
	rs_buf_free(&b);
	rs_buf_free(&subject);
	rs_buf_free(&msgid);
}

enum { O_EXCEL = 256, O_PERSONAL, O_FROM, O_TO, O_BY, O_MAIL_TO, O_LAYOUT };

static const struct option long_options[] = {
	{ "excel",	no_argument,		NULL, O_EXCEL },
	{ "personal",	no_argument,		NULL, O_PERSONAL },
	{ "from",	required_argument,	NULL, O_FROM },
	{ "to",		required_argument,	NULL, O_TO },
	{ "by",		required_argument,	NULL, O_BY },
	{ "mail-to",	required_argument,	NULL, O_MAIL_TO },
	{ "layout",	required_argument,	NULL, O_LAYOUT },
	{ NULL, 0, NULL, 0 }
};

static const char	*dbopt, *fmtopt, *nowopt, *fromopt, *toopt, *byopt;
static const char	*layoutopt;
static int		 excel;

static void
options(int argc, char *argv[])
{
	int ch;

	while ((ch = getopt_long(argc, argv, "+d:fhn:o:V", long_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			stream = 1;
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
		case 'V':
			printf("rs-report %s\n", RS_VERSION);
			rs_stdout_close();
			exit(0);
		case O_EXCEL:
			excel = 1;
			break;
		case O_PERSONAL:
			personal = 1;
			break;
		case O_FROM:
			fromopt = optarg;
			break;
		case O_LAYOUT:
			layoutopt = optarg;
			break;
		case O_MAIL_TO:
			mailto = optarg;
			break;
		case O_TO:
			toopt = optarg;
			break;
		case O_BY:
			byopt = optarg;
			break;
		default:
			usage();
		}
	}
}

/*
 * Now, in the office's zone once its calendar is read: -n's date (its
 * end: the whole day is past), -n's date and time, or the clock.
 */
static void
set_now(void)
{
	rs_time t;

	if (nowopt == NULL) {
		t = rs_now();
		today = rs_local_day(t, &now_secs);
		report_end = t;
	} else if (rs_parse_date(nowopt, &today) == 0) {
		now_secs = -1;
		report_end = rs_local_time(today + 1, 0);
	} else if (rs_parse_datetime(nowopt, &t) == 0) {
		today = rs_local_day(t, &now_secs);
		report_end = t;
	} else
		rs_die(EX_USAGE, "-n: expected a date like 2024-08-13 or a "
		    "date and time like 2024-08-13T07:00; got \"%s\"", nowopt);
}

static rs_day
parse_day(const char *s, const char *what)
{
	rs_day d;

	if (rs_parse_date(s, &d) == -1)
		rs_die(EX_USAGE, "%s: expected a date like 2024-08-13; got "
		    "\"%s\"", what, s);
	return d;
}

static void
parse_by(const char *s)
{
	const char *p, *end;
	size_t i, k, len;

	for (p = s;; p = end + 1) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < NKEYS; i++)
			if (strlen(key_names[i]) == len &&
			    strncmp(key_names[i], p, len) == 0)
				break;
		if (i == NKEYS)
			rs_die(EX_USAGE, "--by: expected channel, type, topic, "
			    "team, assignee or month; got \"%.*s\"", (int)len,
			    p);
		for (k = 0; k < nby; k++)
			if (by[k] == (int)i)
				rs_die(EX_USAGE, "--by: \"%s\" given twice",
				    key_names[i]);
		by[nby++] = (int)i;
		if (end == NULL)
			break;
	}
}

int
main(int argc, char *argv[])
{
	struct report rep = { 0 };
	struct rs_db *db;
	enum rs_format fmt;
	const char *verb;
	int period, wide;

	rs_setprogname(argv[0]);
	rs_signals();
	argv[0] = (char *)rs_progname;	/* getopt's messages */
	options(argc, argv);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	/* options may follow the report's name too */
	verb = argv[0];
	argv[0] = (char *)rs_progname;
	optind = 1;
	options(argc, argv);
	/* -f reads its CSV from the operands after the report, or stdin */
	if (optind != argc && !stream)
		usage();
	if (stream && dbopt)
		usage();
	if (strcmp(verb, "daily") != 0 && strcmp(verb, "summary") != 0 &&
	    strcmp(verb, "pqrsd") != 0 && strcmp(verb, "satisfaction") != 0) {
		rs_warn("%s: unknown report", verb);
		usage();
	}

	/* what each report takes (the usage) */
	if (strcmp(verb, "daily") == 0) {
		if (fromopt || toopt || byopt)
			usage();
	} else if (strcmp(verb, "summary") == 0) {
		if (nowopt || personal)
			usage();
	} else if (strcmp(verb, "pqrsd") == 0) {
		if (byopt)
			usage();
	} else if (nowopt || byopt)
		usage();
	if (fmtopt && strcmp(fmtopt, "html") == 0)
		html = 1;
	else if (fmtopt && strcmp(fmtopt, "eml") == 0)
		eml = 1;
	else if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json, table, html or "
		    "eml; got \"%s\"", fmtopt);
	if (eml != (mailto != NULL))
		rs_die(EX_USAGE, "-o eml and --mail-to go together");
	if (mailto && rs_address_check(mailto) != NULL)
		rs_die(EX_USAGE, "--mail-to: %s: %s", mailto,
		    rs_address_check(mailto));
	if ((html || eml) && excel)
		usage();
	if (excel) {
		if (fmtopt == NULL)
			fmt = RS_FMT_CSV;	/* --excel is CSV */
		else if (fmt != RS_FMT_CSV)
			rs_die(EX_USAGE, "--excel: only with -o csv; got "
			    "\"%s\"", fmtopt);
	}
	/* spreadsheets take the wide layout; scripts, the long one */
	wide = excel;
	if (layoutopt && strcmp(layoutopt, "long") == 0)
		wide = 0;
	else if (layoutopt && strcmp(layoutopt, "wide") == 0) {
		if (!excel && (html || eml || (fmt != RS_FMT_CSV &&
		    fmt != RS_FMT_TSV)))
			rs_die(EX_USAGE, "--layout wide: only with -o csv, "
			    "-o tsv or --excel");
		wide = 1;
	} else if (layoutopt)
		rs_die(EX_USAGE, "--layout: expected long or wide; got "
		    "\"%s\"", layoutopt);
	if (fromopt)
		from = parse_day(fromopt, "--from");
	if (toopt)
		to = parse_day(toopt, "--to");
	period = fromopt != NULL;
	if ((fromopt == NULL) != (toopt == NULL) ||
	    (!period && (strcmp(verb, "summary") == 0 ||
	    strcmp(verb, "pqrsd") == 0)))
		rs_die(EX_USAGE, "%s: %s", verb, strcmp(verb,
		    "satisfaction") == 0 ? "--from and --to go together" :
		    "--from and --to are required");
	if (period && from > to)
		rs_die(EX_USAGE, "--from: %s comes after --to %s", fromopt,
		    toopt);
	if (byopt)
		parse_by(byopt);

	if (stream) {
		/* the national calendar, Monday to Friday, the 16:00 cut-off:
		 * the dates rs-due -f writes come with the rows anyway */
		FILE *fp;
		int i;

		db = NULL;
		rs_calendar_init(&cal);
		set_now();
		if (optind == argc)
			stream_file(stdin, "stdin");
		for (i = optind; i < argc; i++) {
			if (strcmp(argv[i], "-") == 0) {
				stream_file(stdin, "stdin");
				continue;
			}
			if ((fp = fopen(argv[i], "rb")) == NULL)
				rs_die(errno == ENOENT ? EX_NOINPUT : EX_NOPERM,
				    "%s: %s", argv[i], strerror(errno));
			stream_file(fp, argv[i]);
			fclose(fp);
		}
		rep.office = rs_strdup(rs_setting_default("office_name"));
		if (eml)
			rs_die(EX_USAGE, "-o eml needs the database's sender; "
			    "not with -f");
	} else {
		db = rs_db_open(rs_db_path(dbopt), RS_DB_READ);
		/* a report reads each page once: a small cache reuses its
		 * memory where the large one of the writers (db.c) would
		 * take a fresh page of memory for every page read */
		rs_db_exec(db, "PRAGMA cache_size = -8192");
		rs_db_calendar(db, &cal);	/* and the office's zone */
		set_now();
		rep.office = rs_setting(db, "office_name");
	}
	/* the trend: charts in html and eml, sparklines on a terminal */
	trend = html || eml || (!excel && fmtopt == NULL &&
	    fmt == RS_FMT_TABLE && isatty(STDOUT_FILENO) &&
	    strcmp(verb, "daily") == 0);
	if (eml && db) {
		db_sender = rs_setting(db, "sender");
		if (*db_sender == '\0')
			rs_die(EX_CONFIG, "%s: sender: not set (rs-admin config "
			    "sender ADDRESS)", db->path);
	}

	/* CSV, TSV and JSON keep the codes; people read labels */
	people = html || eml || fmt == RS_FMT_TABLE;
	if (strcmp(verb, "daily") == 0)
		daily(db, &rep);
	else if (strcmp(verb, "summary") == 0)
		summary(db, &rep);
	else if (strcmp(verb, "pqrsd") == 0)
		pqrsd(db, &rep);
	else
		satisfaction(db, &rep, period);
	if (db)
		rs_db_close(db);

	if (wide)
		render_wide(&rep, fmt, excel);
	else if (excel)
		render_excel(&rep);
	else if (html || eml)
		render_page(&rep, db_sender, verb);
	else if (fmt == RS_FMT_TABLE)
		render_table(&rep, stdout);
	else
		render_long(&rep, fmt);
	report_free(&rep);
	rs_calendar_free(&cal);
	rs_stdout_close();
	return 0;
}
