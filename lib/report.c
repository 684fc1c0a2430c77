/*
 * report.c - report layer: the requests a report reads (rs-report), from
 * the database or from CSV (-f), as one array of records whatever the
 * source.  What each report needs is said by a query description
 * (report.h), never by the command's options; every SQL statement of
 * rs-report is here.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"
#include "report.h"

/* A small string pool: the catalog values and user names repeat. */
#define POOL_SIZE	4096
static char	*pool[POOL_SIZE];
static size_t	 npool;

static const char *
intern(const char *s)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;
	size_t i;

	if (s == NULL)
		return NULL;
	for (p = (const unsigned char *)s; *p; p++)
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
col_date(struct rs_stmt *st, int i)
{
	const char *s;
	rs_day d;

	if ((s = rs_col_text(st, i)) == NULL ||
	    rs_parse_date((const char *)s, &d) == -1)
		return RS_NO_DAY;
	return d;
}

/* A column's date and time; 0 when empty. */
static rs_time
col_time(struct rs_stmt *st, int i)
{
	const char *s;
	rs_time t;

	if ((s = rs_col_text(st, i)) == NULL ||
	    rs_parse_datetime((const char *)s, &t) == -1)
		return 0;
	return t;
}

static rs_day
col_time_day(struct rs_stmt *st, int i)
{
	const char *s;
	rs_time t;

	if ((s = rs_col_text(st, i)) == NULL ||
	    rs_parse_datetime((const char *)s, &t) == -1)
		return RS_NO_DAY;
	return rs_local_day(t, NULL);
}

enum {
	L_EVENTS = 1,		/* extensions and forwards */
	L_RATINGS = 2,		/* the last rating's day and text */
	L_PERSONAL = 4,		/* the name, and the rating's text */
	L_PERIOD = 8,		/* -f: received between ?1 and ?2 */
	L_RATED = 16		/* -f: rated and not voided */
};

/* ---- -f: the same requests from CSV, with no database -------------------- */

static void
push(struct rs_reqs *out, const struct rs_req *from)
{
	struct rs_req *r;

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
stream_select(const struct rs_reqs *streamed, struct rs_reqs *out, int flags,
    int64_t a1, int64_t a2)
{
	rs_day lo = rs_local_day(a1, NULL), hi = rs_local_day(a2, NULL);
	size_t i;
	struct rs_req *r;

	for (i = 0; i < streamed->n; i++) {
		r = &streamed->v[i];
		if ((flags & L_PERIOD) && (r->received < lo ||
		    r->received >= hi))
			continue;
		if ((flags & L_RATED) && (r->rating == 0 ||
		    rs_req_is(r, "anulada")))
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

void
rs_report_read_csv(struct rs_report_source *src,
    const struct rs_report_query *q, FILE *fp, const char *name)
{
	struct rs_csv *csv;
	struct rs_req r;
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
	src->notices = col[FS_NOTIFIED] >= 0 && col[FS_RETURNED] >= 0;
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
			r.effective = rs_effective_day(q->cal, r.received,
			    secs);
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
			r.due = rs_due_date(q->cal, &c);
		}
		r.answered_at = stream_time(name, line, "answered_on",
		    v[FS_ANSWERED]);
		r.answered = stream_day(name, line, "answered_on",
		    v[FS_ANSWERED]);
		r.hold_limit = stream_day(name, line, "hold_limit", v[FS_HOLD]);
		r.closed = stream_day(name, line, "closed_on", v[FS_CLOSED]);
		r.rated = RS_NO_DAY;
		r.channel = intern((const char *)v[FS_CHANNEL]);
		r.type = intern((const char *)v[FS_TYPE]);
		r.topic = intern((const char *)v[FS_TOPIC]);
		r.team = intern((const char *)v[FS_TEAM]);
		r.assignee = intern((const char *)v[FS_ASSIGNEE]);
		r.outcome = intern((const char *)v[FS_OUTCOME]);
		/* without a status column, the answer tells it */
		r.status = intern((const char *)(v[FS_STATUS] ?
		    v[FS_STATUS] : r.answered != RS_NO_DAY ? "respondida" :
		    "radicada"));
		if (v[FS_RATING] && (strlen(v[FS_RATING]) != 1 ||
		    v[FS_RATING][0] < '1' || v[FS_RATING][0] > '5'))
			rs_die(EX_DATAERR, "%s:%ld: rating: expected 1 to 5; "
			    "got \"%s\"", name, line, v[FS_RATING]);
		r.rating = v[FS_RATING] ? v[FS_RATING][0] - '0' : 0;
		r.extensions = v[FS_EXTENSIONS] ? atoi(v[FS_EXTENSIONS]) : 0;
		r.forwarded = v[FS_FORWARDED] != NULL ||
		    rs_req_is(&r, "trasladada");
		r.name = q->personal && v[FS_NAME] ? (char *)v[FS_NAME] : NULL;
		r.notified = v[FS_NOTIFIED] ? 1 : v[FS_RETURNED] &&
		    strcmp(v[FS_RETURNED], "1") == 0 ? -1 : 0;
		push(&src->rows, &r);
	}
	if (n == -1)
		rs_die(EX_DATAERR, "%s:%ld: %s", name, rs_csv_line(csv),
		    rs_csv_error(csv));
	rs_csv_close(csv);
}

/*
 * The requests matching where (SQL on requests r, with ?1..?3 bound to
 * the integers and text given), with what the flags ask for.
 */
static void
load(struct rs_report_source *src, struct rs_reqs *out, const char *where,
    int flags, int64_t a1, int64_t a2, const char *a3)
{
	struct rs_db *db = src->db;
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	struct rs_req *r;

	if (db == NULL) {	/* -f: the rows read from CSV */
		stream_select(&src->rows, out, flags, a1, a2);
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
	 * respuesta went out (0); max() of 0 and 1, not of a comparison,
	 * which is a boolean PostgreSQL has no max() for */
	rs_buf_adds(&sql, flags & L_EVENTS ?
	    "(SELECT CASE WHEN count(*) = 0 THEN 0 "
	    "WHEN max(CASE WHEN n.state = 'sent' AND n.via <> 'print' "
	    "THEN 1 ELSE 0 END) = 1 THEN 1 "
	    "WHEN max(CASE WHEN n.state = 'failed' THEN 1 ELSE 0 END) = 1 "
	    "AND max(CASE WHEN n.state = 'sent' THEN 1 ELSE 0 END) = 0 "
	    "THEN -1 ELSE 0 END "
	    "FROM notices n WHERE n.request = r.seq AND "
	    "n.kind = 'respuesta') " : "0 ");
	rs_buf_addf(&sql, "FROM requests r WHERE %s ORDER BY r.seq", where);
	st = rs_db_prepare(db, rs_buf_str(&sql));
	if (rs_bind_count(st) >= 1)
		rs_bind_int64(st, 1, a1);
	if (rs_bind_count(st) >= 2)
		rs_bind_int64(st, 2, a2);
	if (rs_bind_count(st) >= 3)
		rs_bind_text(st, 3, a3);
	while (rs_db_step(db, st)) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 256;
			out->v = rs_realloc(out->v, out->cap * sizeof(*out->v));
		}
		r = &out->v[out->n++];
		memset(r, 0, sizeof(*r));
		r->id = rs_strdup(rs_col_text(st, 0));
		r->received_at = rs_col_int64(st, 1);
		r->received = rs_local_day(r->received_at, NULL);
		r->effective = col_date(st, 2);
		r->due = col_date(st, 3);
		r->channel = intern(rs_col_text(st, 4));
		r->type = intern(rs_col_text(st, 5));
		r->topic = intern(rs_col_text(st, 6));
		r->team = intern(rs_col_text(st, 7));
		r->assignee = intern(rs_col_text(st, 8));
		r->status = intern(rs_col_text(st, 9));
		r->outcome = intern(rs_col_text(st, 10));
		r->answered = col_time_day(st, 11);
		r->answered_at = col_time(st, 11);
		r->hold_limit = col_date(st, 12);
		r->closed = col_time_day(st, 13);
		r->rating = rs_col_int(st, 14);
		if (rs_col_text(st, 15) != NULL)
			r->name = rs_strdup(rs_col_text(st, 15));
		r->extensions = rs_col_int(st, 16);
		r->forwarded = rs_col_int(st, 17) ||
		    rs_req_is(r, "trasladada");
		r->rated = col_time_day(st, 18);
		if ((flags & L_PERSONAL) && rs_col_text(st, 19) != NULL)
			r->comment = rs_strdup(rs_col_text(st, 19));
		r->notified = rs_col_int(st, 20);
	}
	rs_finalize(st);
	rs_buf_free(&sql);
}

void
rs_reqs_free(struct rs_reqs *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].name);
		free(rs->v[i].comment);
	}
	free(rs->v);
}

void
rs_report_source_free(struct rs_report_source *src)
{
	rs_reqs_free(&src->rows);
	memset(&src->rows, 0, sizeof(src->rows));
}

struct rs_db *
rs_report_db_open(const char *path)
{
	struct rs_db *db;

	db = rs_db_open(path, RS_DB_READ);
	/* a report reads each page once: a small cache reuses its memory
	 * where the large one of the writers (db.c) would take a fresh
	 * page of memory for every page read; PostgreSQL's cache is the
	 * server's, not ours to size */
	if (!rs_db_is_pg(db))
		rs_db_exec(db, "PRAGMA cache_size = -8192");
	return db;
}

rs_time
rs_report_window_start(struct rs_calendar *cal, rs_day today, int secs)
{
	rs_day prev;
	int k;

	for (prev = today - 1, k = 0; k < 366 && !rs_business_day(cal, prev);
	    k++)
		prev--;
	return secs < 0 ? rs_local_time(prev + 1, 0) :
	    rs_local_time(prev, secs);
}

/*
 * The daily report's: the open ones, what came in since the window
 * opened (or in the trend's days) and what was answered this month; the
 * answer's day is checked exactly by the report, this only narrows the
 * scan (a day's margin for the zone).  Three lookups, each by its own
 * index, instead of one scan of every request: written as an OR, the
 * planner reads the whole table.
 */
static void
load_daily(struct rs_report_source *src, const struct rs_report_query *q,
    struct rs_reqs *out)
{
	char before[RS_DATE_LEN];
	rs_day month_start, first, lo;
	int y, m, d;

	rs_day_to_ymd(q->today, &y, &m, &d);
	month_start = rs_day_from_ymd(y, m, 1);
	first = rs_local_day(q->start, NULL);
	lo = q->trend && q->today - RS_REPORT_TREND_DAYS < month_start - 1 ?
	    q->today - RS_REPORT_TREND_DAYS : month_start - 1;
	rs_format_date(first - 1 < lo ? first - 1 : lo, before);
	lo = q->trend ? q->today - (RS_REPORT_TREND_DAYS - 1) : q->today;
	load(src, out, "r.seq IN ("
	    "SELECT seq FROM requests WHERE " RS_OPEN_SQL " UNION "
	    "SELECT seq FROM requests WHERE received_ts >= ?1 AND "
	    "received_ts < ?2 UNION "
	    "SELECT seq FROM requests WHERE answered_at >= ?3)",
	    q->personal ? L_PERSONAL : 0, rs_local_time(first < lo ? first :
	    lo, 0), rs_local_time(q->today + 1, 0), before);
}

void
rs_report_load(struct rs_report_source *src, const struct rs_report_query *q,
    struct rs_reqs *out)
{
	switch (q->kind) {
	case RS_REPORT_DAILY:
		load_daily(src, q, out);
		break;
	case RS_REPORT_SUMMARY:
	case RS_REPORT_PQRSD:
		/* received in the period */
		load(src, out, "r.received_ts >= ?1 AND r.received_ts < ?2",
		    L_EVENTS | L_PERIOD | (q->kind == RS_REPORT_PQRSD &&
		    q->personal ? L_PERSONAL : 0), rs_local_time(q->from, 0),
		    rs_local_time(q->to + 1, 0), NULL);
		break;
	case RS_REPORT_SATISFACTION:
		/* the comment is loaded to be counted; the report shows it
		 * with --personal only */
		load(src, out, "r.rating IS NOT NULL AND r.status <> 'anulada'",
		    L_RATINGS | L_PERSONAL | L_RATED, 0, 0, NULL);
		break;
	}
}

int
rs_report_chain_head(struct rs_report_source *src, char head[RS_ANCHOR_LEN])
{
	return src->db != NULL && rs_chain_head(src->db, head) > 0;
}

void
rs_report_undelivered(struct rs_report_source *src, rs_undelivered_fn *fn,
    void *arg)
{
	if (src->db != NULL)
		rs_undelivered(src->db, fn, arg);
}

void
rs_report_dated(struct rs_report_source *src, const struct rs_report_query *q,
    rs_dated_fn *fn, void *arg)
{
	if (src->db != NULL)
		rs_dated_steps(src->db, q->start, q->end, fn, arg);
}
