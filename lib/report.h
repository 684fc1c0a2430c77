/*
 * report.h - the report layer: rs-report's three steps, each behind its
 * own seam: the requests a report reads, from the database or from CSV
 * (report.c, the only one that speaks SQL); the report computed from them
 * as sections of rows (report-model.c); and its renderings (report-out.c,
 * and the mail in report-mail.c, the one part that needs GMime).
 *
 * What a report is asked for travels as one query description, which the
 * command builds from its options and the office's settings.
 */
#ifndef RS_REPORT_H
#define RS_REPORT_H

#include <string.h>

#include "rs.h"

enum rs_report_kind {
	RS_REPORT_DAILY,	/* the coordinator's day */
	RS_REPORT_SUMMARY,	/* a period's summary */
	RS_REPORT_PQRSD,	/* Ley 1712 de 2014 art. 11 */
	RS_REPORT_SATISFACTION	/* the requesters' ratings */
};

/* html and eml chart the daily report's last 30 days. */
#define RS_REPORT_TREND_DAYS	30

/* What summary --by groups by, in the order given. */
enum { RS_KEY_CHANNEL, RS_KEY_TYPE, RS_KEY_TOPIC, RS_KEY_TEAM,
    RS_KEY_ASSIGNEE, RS_KEY_MONTH, RS_NKEYS };
extern const char *const rs_report_key_names[RS_NKEYS];	/* channel... */

struct rs_report_query {
	enum rs_report_kind	 kind;
	struct rs_calendar	*cal;		/* the office's; -f: national */
	rs_day			 today;		/* the report's day (-n) */
	/* daily: from the same moment of the business day before, to
	 * now (the end of -n's day when it is a bare date) */
	rs_time			 start, end;
	int			 period;	/* --from and --to given */
	rs_day			 from, to;
	int			 personal;	/* --personal */
	int			 trend;		/* daily: a day at a time */
	int			 by[RS_NKEYS];	/* summary --by, in order */
	size_t			 nby;
	/* a table, a page or a mail: groups that are value codes are
	 * shown by their labels (a metric's column says so itself:
	 * RS_CODE); csv, tsv and json keep the codes */
	int			 people;
	const char		*office;	/* office_name */
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

/* Whether r's status is status; inline, as every report asks it of
 * every request. */
static inline int
rs_req_is(const struct rs_req *r, const char *status)
{
	return r->status != NULL && strcmp(r->status, status) == 0;
}

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
/* The chain's head, SEQ:HASH, the daily report publishes as an anchor
 * (rs-admin check --anchor): 1, or 0 from CSV or with no events. */
int	 rs_report_chain_head(struct rs_report_source *,
	    char head[RS_ANCHOR_LEN]);
void	 rs_reqs_free(struct rs_reqs *);
void	 rs_report_source_free(struct rs_report_source *);

/* ---- report-model.c: a report as sections of rows ------------------------ */

/*
 * Every format reads the same sections: csv, tsv and json as one long
 * table (section, group, metric, value), tables for people as one
 * titled table per section.  A section is a row a group and a column a
 * metric (struct rs_column: the stable name and the Spanish label);
 * a figure of its own is a section of one row with no group label.
 */
struct rs_report_row {
	char	*group;
	char	**values;	/* one a metric; NULL when empty */
};

struct rs_report_section {
	const char		*name;		/* stable English name */
	char			*title;		/* Spanish, for people */
	char			*group_label;	/* Spanish; NULL: no groups */
	const struct rs_column	*metrics;
	size_t			 nmetrics;
	int			 meta;		/* what the report is: the
						 * heading of a table */
	int			 coded;		/* groups are value codes */
	int			 people;	/* ... shown by their labels */
	struct rs_report_row	*rows;
	size_t			 nrows, cap;
};

#define RS_REPORT_MAX_SECTIONS	16

struct rs_report {
	char			*office;	/* the first line of a table */
	struct rs_buf		 heading;	/* Spanish lines for people */
	struct rs_buf		 footing;	/* and after the sections */
	struct rs_report_section *sections[RS_REPORT_MAX_SECTIONS];
	size_t			 nsections;
	int			 people;	/* groups by their labels */
	struct rs_report_block	*blocks;	/* the rows' strings */
};

/* q's report, computed from the requests src gives. */
void	 rs_report_make(struct rs_report *, const struct rs_report_query *,
	    struct rs_report_source *);
void	 rs_report_free(struct rs_report *);

/* ---- report-out.c: the report written in a format ------------------------ */

/* csv, tsv, json: the long table (section, group, metric, value). */
void	 rs_report_long(const struct rs_report *, FILE *, enum rs_format);
/* --excel (DESIGN §4): the long table as a spreadsheet opens it. */
void	 rs_report_excel(const struct rs_report *, FILE *);
/* --layout wide: a table a section, as CSV, TSV or --excel writes. */
void	 rs_report_wide(const struct rs_report *, FILE *, enum rs_format,
	    int excel);
/* A table for people: the heading, then each section under its title. */
void	 rs_report_table(struct rs_report *, FILE *);
/* -o html: one self-contained page, in b. */
void	 rs_report_html(struct rs_report *, struct rs_buf *b);

/* ---- report-mail.c: -o eml, the one renderer that needs GMime ----------- */

/* The page and the table text beside it, as one multipart/alternative
 * message from sender (the office) to to; verb and day name it. */
void	 rs_report_mail(struct rs_report *, FILE *, const char *sender,
	    const char *to, const char *verb, rs_day day);

#endif /* RS_REPORT_H */
