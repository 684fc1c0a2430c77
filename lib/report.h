/*
 * report.h - rs-report's three steps, each behind its own seam: the
 * requests a report reads, from the database or from CSV (report.c, the
 * only one that speaks SQL); the report computed from them as sections
 * of rows (report-model.c); and its renderings (report-out.c, and the
 * mail in report-mail.c, the one part that needs GMime).
 *
 * What a report is asked for travels as one query description, which
 * the command builds from its options and the office's settings.
 */
#ifndef RS_REPORT_H
#define RS_REPORT_H

#include "rs.h"

enum rs_report_kind {
	RS_REPORT_DAILY,	/* the coordinator's day */
	RS_REPORT_SUMMARY,	/* a period's summary */
	RS_REPORT_PQRSD,	/* Ley 1712 de 2014 art. 11 */
	RS_REPORT_SATISFACTION	/* the requesters' ratings */
};

/* html and eml chart the daily report's last 30 days. */
#define RS_REPORT_TREND_DAYS	30

struct rs_report_query {
	enum rs_report_kind	 kind;
	const char		*name;		/* daily, summary, ... */
	struct rs_calendar	*cal;		/* the office's (-f: national) */
	rs_day			 today;		/* the report's day (-n) */
	/* daily: from the same moment of the business day before, to
	 * now (the end of -n's day when it is a bare date) */
	rs_time			 start, end;
	int			 period;	/* --from and --to given */
	rs_day			 from, to;
	int			 personal;	/* --personal */
	int			 trend;		/* daily: a day at a time */
};

/* The daily report's window opens at the same moment of the business
 * day before today (the end of that day when secs < 0: -n gave a bare
 * date), so that a report each business morning misses nothing, the
 * weekend and holidays included. */
rs_time	 rs_report_window_start(struct rs_calendar *, rs_day today, int secs);

/* ---- report.c: the requests a report reads ------------------------------ */

struct rs_req {
	char		*id;
	/* interned: a handful of distinct values among many rows */
	const char	*channel, *type, *topic, *team, *assignee, *status;
	const char	*outcome;
	char		*name;		/* --personal only */
	char		*comment;	/* the last rating's text */
	rs_day		 received;	/* the office-zone day */
	rs_time		 received_at, answered_at;	/* 0: no answer */
	rs_day		 effective, due, answered, hold_limit, closed;
	rs_day		 rated;		/* the day of the last rating */
	int		 rating;	/* 0: none */
	int		 extensions;	/* extend events */
	int		 forwarded;	/* a forward event, or trasladada */
	int		 notified;	/* respuesta delivered 1, returned -1 */
};

struct rs_reqs {
	struct rs_req	*v;
	size_t		 n, cap;
};

/* Where a report's requests come from: the database, or the rows of
 * CSV read by rs_report_read_csv (rs-report -f). */
struct rs_report_source {
	struct rs_db	*db;		/* NULL: rows */
	struct rs_reqs	 rows;
	int		 notices;	/* the rows say whether each answer
					 * reached its requester */
};

/* The database, read-only, for a report. */
struct rs_db *rs_report_db_open(const char *path);
/* One CSV stream of requests (rs-csv(5): what rs-due -f, rs-queue
 * list -a and v_requests write), added to src's rows; dies naming the
 * file, line and column of bad input. */
void	 rs_report_read_csv(struct rs_report_source *,
	    const struct rs_report_query *, FILE *, const char *name);
/* The requests q's report reads, added to out. */
void	 rs_report_load(struct rs_report_source *,
	    const struct rs_report_query *, struct rs_reqs *out);
/* From the database only (CSV has no events, src->db is NULL): the
 * notices that came back, and the steps dated apart from the clock in
 * q's window, each a call of fn. */
void	 rs_report_undelivered(struct rs_report_source *,
	    rs_undelivered_fn *, void *);
void	 rs_report_dated(struct rs_report_source *,
	    const struct rs_report_query *, rs_dated_fn *, void *);
void	 rs_reqs_free(struct rs_reqs *);
void	 rs_report_source_free(struct rs_report_source *);

#endif /* RS_REPORT_H */
