/*
 * rs.h - the one shared header of rs, sectioned by source file.
 *
 * lib/ never parses options, never prints to stdout and never calls exit
 * except through rs_die().
 */
#ifndef RS_H
#define RS_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>
#include "store.h"

struct rs_buf;

#define RS_VERSION "0.1.0"

/* ---- util.c ------------------------------------------------------------ */

extern const char *rs_progname;

void	 rs_setprogname(const char *argv0);
/* SIGPIPE and SIGXFSZ ignored: write errors, not deaths (DESIGN §6). */
void	 rs_signals(void);
/* "progname: message" on stderr, then exit(status): the one fatal path. */
void	 rs_die(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
/* When set, called by rs_die with the status before it exits: a fuzz
 * target, which must not exit, jumps back from it to its next input. */
extern void (*rs_die_hook)(int);
void	 rs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Both write the message escaped (rs_escape_write): a control character
 * or a byte that is not UTF-8 in what it quotes shows as \r, \x1b, …
 */
void	 rs_escape_write(FILE *, const char *, size_t len);
void	*rs_malloc(size_t);
void	*rs_calloc(size_t, size_t);
void	*rs_realloc(void *, size_t);
char	*rs_strdup(const char *);
char	*rs_strndup(const char *, size_t);
/* The directory of a path, "." for a bare name; to free. */
char	*rs_dirname(const char *);
/*
 * Flush and check stdout: a reader that went away (EPIPE) ends the
 * program quietly with status 0; any other write error is fatal (74).
 */
void	 rs_stdout_check(void);
void	 rs_stdout_close(void);
/*
 * For a pipe: wait until its reader has taken all that was written to
 * fd (0), or went away leaving some of it unread (-1, EPIPE).  0 at once
 * for anything else.
 */
int	 rs_fd_drained(int fd);
/*
 * Open path (relative to dirfd, as openat(2)) as a file of rs's own:
 * never through a symbolic link, only a regular file or (O_DIRECTORY) a
 * directory, never blocking on a FIFO.  The descriptor, or -1 with
 * "SHOWN: why" in *why and the exit status of rs(7) in *status: 77 for
 * a link or no permission, 66 for what is not a file (or directory) or
 * is missing, 73 for what cannot be created.
 */
int	 rs_open_own(int dirfd, const char *path, int flags, mode_t mode,
	    const char *shown, struct rs_buf *why, int *status);

/*
 * Progress of long work on stderr, only when stderr is a terminal: at
 * most a few updates a second ("rs-intake: web.csv: 120000 filas, 41000
 * por segundo"); rs_progress_end() clears the line.
 */
void	 rs_progress(const char *what, long done, const char *unit);
void	 rs_progress_end(void);

struct rs_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
/* Why a step is refused, formatted into why; its text. */
const char *rs_refuse(struct rs_buf *why, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 rs_buf_add(struct rs_buf *, const char *, size_t);
void	 rs_buf_adds(struct rs_buf *, const char *);
void	 rs_buf_addc(struct rs_buf *, int);
void	 rs_buf_addf(struct rs_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 rs_buf_reset(struct rs_buf *);
void	 rs_buf_free(struct rs_buf *);
const char *rs_buf_str(struct rs_buf *);	/* NUL-terminated view */

/* Cut s to at most max bytes on a character boundary, marking the cut. */
char	*rs_clip(const char *s, size_t max, const char *mark);
/* s with each word holding an "@" made "[dirección]" (personal data out
 * of a mail server's text); caller frees. */
char	*rs_redact_addresses(const char *s);
/* Offset of the first byte that is not valid UTF-8, or len when all is. */
size_t	 rs_utf8_invalid(const char *, size_t len);
/* Number of characters (code points) in valid UTF-8 text. */
size_t	 rs_utf8_width(const char *);
/*
 * Does s contain a C0 control, DEL or a C1 control (U+0080 to U+009F,
 * which some terminals obey as escapes)?  Tab and newline allowed if
 * asked.
 */
int	 rs_has_controls(const char *, int allow_newlines);
/* Does the UTF-8 text at p begin with a C1 control? */
#define RS_C1_AT(p)	((unsigned char)(p)[0] == 0xc2 && \
	    (unsigned char)(p)[1] >= 0x80 && (unsigned char)(p)[1] <= 0x9f)
/* Is s made only of [0-9]? (empty: no) */
int	 rs_all_digits(const char *);
/* v in decimal at buf (21 bytes are enough), NUL-terminated; its length.
 * For the per-row paths, where snprintf() was a tenth of an intake. */
size_t	 rs_format_int(int64_t v, char *buf);
/* NULL when a header value is safe (no CR, LF or other control, valid
 * UTF-8), else why. */
const char *rs_header_check(const char *);
/*
 * NULL when mail systems, sendmail and a shell cannot misread the
 * address, else why: ASCII, at most RS_ADDRESS_MAX bytes, one "@" with a
 * local part and a dotted domain without empty labels, no white space,
 * control or any of RS_ADDRESS_REFUSED, not starting with "-".  Every
 * address rs takes in (CSV, a message's From and Reply-To, the prompt,
 * corrections, settings) and every one it sends to goes through it.
 */
#define RS_ADDRESS_MAX	254	/* RFC 5321 4.5.3.1.3, a path less its <> */
/* What no address may hold (rs-csv(5) lists them): the specials of RFC
 * 5322 (a quoted or bracketed address is not one mail systems agree on;
 * a literal [IP] domain is refused with them) and "|", a pipe to an MTA
 * alias or a shell. */
#define RS_ADDRESS_REFUSED	"<>()[],;:\\\"|"
#define RS_ADDRESS_REFUSED_TEXT	"< > ( ) [ ] , ; : \\ \" |"
const char *rs_address_check(const char *);

/* ---- time.c ------------------------------------------------------------ */

/*
 * A civil date is a day number: days since 1970-01-01 (proleptic
 * Gregorian).  An instant is seconds since the epoch, UTC.  Every
 * conversion between the two goes through the office's zone (the "zone"
 * setting, default America/Bogota), whatever TZ says.
 */
typedef int32_t	rs_day;
typedef int64_t	rs_time;

#define RS_DATE_LEN	11	/* "2024-08-13" + NUL */
#define RS_DATETIME_LEN	32	/* "2024-08-13T16:45:00-05:00" + NUL */

rs_day	 rs_day_from_ymd(int y, int m, int d);
void	 rs_day_to_ymd(rs_day, int *y, int *m, int *d);
int	 rs_weekday(rs_day);		/* 0 Sunday .. 6 Saturday */
int	 rs_days_in_month(int y, int m);
int	 rs_ymd_valid(int y, int m, int d);
/* Strict YYYY-MM-DD; 0 on success, -1 on a malformed or impossible date. */
int	 rs_parse_date(const char *, rs_day *);
void	 rs_format_date(rs_day, char buf[RS_DATE_LEN]);

/* Select the office zone for every later conversion; -1 if unknown. */
int	 rs_zone_set(const char *zone);
const char *rs_zone(void);
/*
 * ISO 8601 in: "2024-08-13T16:45", "2024-08-13 16:45:00", with or without
 * seconds, with an offset ("-05:00", "-0500") or "Z" or none (then local
 * to the office zone); a bare date is its midnight.  0 on success, -1 on
 * a malformed or impossible value.
 */
int	 rs_parse_datetime(const char *, rs_time *);
/* ISO 8601 out, in the office zone with its offset. */
void	 rs_format_datetime(rs_time, char buf[RS_DATETIME_LEN]);
/* The office-zone date of an instant, and the seconds since its midnight. */
rs_day	 rs_local_day(rs_time, int *secs_of_day);
/*
 * The computer's clock, which every event keeps as the time it was
 * written.  RS_CLOCK in the environment sets it instead: a date and time
 * (demos, replays), or "claimed", a clock that reads whatever each step
 * claims (-n), for test suites that date every step.  Returns 1 for
 * "claimed" (*t untouched), else 0; a malformed RS_CLOCK is fatal (64).
 */
int	 rs_wall_clock(rs_time *t);
/* the time now: RS_CLOCK when it names one, else the system clock */
rs_time	 rs_now(void);
/* A time claimed with -n (claim, as written; a bare date compares by
 * days) after the clock: the refusal in why; NULL when it is not, and
 * always with RS_CLOCK=claimed. */
const char *rs_claim_future(rs_time claimed, int day_only,
	    const char *claim, struct rs_buf *why);
/* -n of a command that writes an intake or a notice: after the clock,
 * the refusal is fatal (65). */
void	 rs_claim_not_future(rs_time claimed);
/* The instant of a local date and time of day in the office zone. */
rs_time	 rs_local_time(rs_day, int secs_of_day);
/* "HH:MM" or "HH:MM:SS" to seconds after midnight; -1 if malformed. */
int	 rs_parse_clock(const char *);
/* Seconds after midnight to "HH:MM" (or "HH:MM:SS" when not whole). */
void	 rs_format_clock(int secs, char buf[16]);
/* "martes 13 de agosto de 2024": dates written out for people. */
void	 rs_format_long_date(rs_day, char *buf, size_t len);
extern const char *const rs_weekday_names[7];	/* "domingo" .. "sábado" */

/* ---- calendar.c: DESIGN §5, Ley 51 de 1983, Ley 1755 de 2015 ------------ */

#define RS_MAX_HOLIDAYS	24

struct rs_holiday {
	rs_day		 day;
	const char	*name;	/* Spanish; two on one day joined with " y " */
};

struct rs_closure {
	rs_day	 day;
	char	*reason;
};

/* From this day on, Saturdays are business days or not. */
struct rs_saturdays {
	rs_day			 from;
	int			 open;
};

/*
 * A day is a business day or not as it was on that day (Ley 4 de 1913
 * art. 62): the Saturday setting has a history, each change in force
 * from its day; saturday says what held before the first change.
 */
struct rs_calendar {
	int			 saturday;	/* Saturdays are business days */
	struct rs_saturdays	*saturdays;	/* changes, sorted by from */
	size_t			 nsaturdays;
	int			 cutoff;	/* seconds after midnight */
	struct rs_closure	*closures;	/* sorted by day, unique */
	size_t			 nclosures;
	/* private: business-day bitmap cache, one bit a day */
	int			 cache_first_year;
	int			 cache_years;
	uint8_t			*cache;
};

/* Gregorian Easter Sunday of year. */
rs_day	 rs_easter(int year);
/* The national holidays of year in date order; returns how many. */
int	 rs_holidays(int year, struct rs_holiday out[RS_MAX_HOLIDAYS]);
/* The holiday's name, or NULL when day is no national holiday. */
const char *rs_holiday_name(rs_day);

/* Monday-Friday, cut-off 16:00, no closures. */
void	 rs_calendar_init(struct rs_calendar *);
void	 rs_calendar_add_closure(struct rs_calendar *, rs_day, const char *);
/* Saturdays open (or not) from day on, until a later change. */
void	 rs_calendar_saturdays_from(struct rs_calendar *, rs_day, int open);
/* Whether the office opened on Saturdays on day. */
int	 rs_calendar_saturday_open(const struct rs_calendar *, rs_day);
/* The closure's reason, or NULL. */
const char *rs_calendar_closure(const struct rs_calendar *, rs_day);
void	 rs_calendar_free(struct rs_calendar *);
int	 rs_business_day(struct rs_calendar *, rs_day);
/* The first business day strictly after day. */
rs_day	 rs_next_business_day(struct rs_calendar *, rs_day);
/* Radicación efectiva: the day received if it is a business day and the
 * time is before the cut-off, else the next business day. */
rs_day	 rs_effective_day(struct rs_calendar *, rs_day, int secs_of_day);
/* The n-th business day after day (day itself never counts); n >= 1. */
rs_day	 rs_add_business_days(struct rs_calendar *, rs_day, int n);
/* Business days in (from, to]; negative when to < from. */
int	 rs_business_days_between(struct rs_calendar *, rs_day from, rs_day to);

/*
 * The legal clock of a request: DESIGN §5 rules 4-8.  Each function that
 * may refuse returns NULL when the step is allowed, else the reason.
 */
#define RS_NO_DAY	INT32_MIN

/* Ley 1755 art. 17: the clock stops from a requirement to compliance. */
struct rs_hold {
	rs_day	 held;		/* the day the requirement was made */
	rs_day	 resumed;	/* the day the requester complied, or RS_NO_DAY */
};

struct rs_clock {
	rs_day			 effective;	/* radicación efectiva */
	int			 term;		/* business days; 0: no term */
	const struct rs_hold	*holds;		/* in order */
	size_t			 nholds;
	rs_day			 extended_to;	/* art. 14 par.; or RS_NO_DAY */
	/*
	 * An extension recorded as the term it made, in business days from
	 * the effective day (0: none): a later suspension or closure moves
	 * it as it moves any term.  When set, extended_to is not used.
	 */
	int			 extended_term;
	/* the rule that set term, for explanations; NULL: Ley 1755 art. 14 */
	const char		*law;
	/*
	 * The latest due date the request has been given (0 or RS_NO_DAY:
	 * none): a date promised is never moved earlier by a later change
	 * of the calendar.
	 */
	rs_day			 promised;
	/* ... and the latest before any extension: the legal term's */
	rs_day			 promised_legal;
	/* requirements made late: on record, they stop nothing (art. 17);
	 * only their held day is used, for the explanation */
	const struct rs_hold	*late;
	size_t			 nlate;
};

/* The due date; RS_NO_DAY with no term or while the clock is stopped. */
rs_day	 rs_due_date(struct rs_calendar *, const struct rs_clock *);
/* Business days counted from the effective day to the end of day, the
 * suspensions left out (not bounded by the term). */
int	 rs_days_used(struct rs_calendar *, const struct rs_clock *, rs_day);
/*
 * Art. 17: a requirement stops the clock only when made within 10
 * business days of the effective day and before the term ran out; NULL
 * when one made on day does, else why not.
 */
const char *rs_hold_check(struct rs_calendar *, const struct rs_clock *,
	    rs_day day);
/* Art. 17: one calendar month from the day after the requirement. */
rs_day	 rs_hold_limit(struct rs_calendar *, rs_day held);
/*
 * Art. 17: the requester asks, before the month runs out, for up to as
 * much again.  *to: the new limit asked (RS_NO_DAY: the whole month,
 * set on return).
 */
const char *rs_hold_prolong_check(struct rs_calendar *, rs_day limit,
	    rs_day today, rs_day *to);
/* Art. 14 parágrafo: the latest date an extension may reach (2N). */
rs_day	 rs_extension_bound(struct rs_calendar *, const struct rs_clock *);
const char *rs_extension_check(struct rs_calendar *, const struct rs_clock *,
	    rs_day today, rs_day to);
/* Art. 21: the last day to forward on time: the day received for a
 * verbal petition, 5 business days after it for a written one. */
rs_day	 rs_forward_limit(struct rs_calendar *, rs_day received, int verbal);

/* The state of a request's deadline (rs-due, DESIGN §2). */
enum rs_state {
	RS_VENCIDA, RS_VENCE_HOY, RS_POR_VENCER,
	/* answered, but the respuesta came back: nobody was notified
	 * (Ley 1437 art. 56); rs-due says so, the clock never does */
	RS_NO_NOTIFICADA,
	/* held, but the requirement has not reached the requester: its
	 * month has not started (Ley 1755 art. 17); the office owes the
	 * notice */
	RS_REQUERIMIENTO_NO_NOTIFICADO,
	RS_DESISTIMIENTO, RS_EN_ESPERA, RS_AL_DIA, RS_A_TIEMPO,
	RS_EXTEMPORANEA, RS_NSTATES
};
extern const char *const rs_state_names[RS_NSTATES];
/* A hold_limit for a request held whose requirement is not notified. */
#define RS_HOLD_PENDING	(RS_NO_DAY + 1)
/*
 * due: the due date or RS_NO_DAY; hold_limit: set while the clock is
 * stopped (RS_HOLD_PENDING until the requirement is notified); answered: the day of the answer or RS_NO_DAY (an answer with
 * no legal term is a_tiempo).  *days_left is
 * the business days from today to the due date (0 on it, negative past
 * it), or INT32_MIN when there is none.
 */
enum rs_state rs_clock_state(struct rs_calendar *, rs_day today, int warn,
	    rs_day due, rs_day hold_limit, rs_day answered, int *days_left);

/*
 * One line of an explanation: a day and what it meant for the clock,
 * in Spanish, with the rule behind it.  count is the business day's
 * number in the term, or 0 when the day does not count.
 */
struct rs_step {
	rs_day		 day;
	int		 count;
	const char	*what;
	const char	*law;
};
typedef void	 rs_step_fn(void *, const struct rs_step *);
/* The effective day of an intake at secs_of_day on day, explained. */
rs_day	 rs_explain_effective(struct rs_calendar *, rs_day, int secs_of_day,
	    rs_step_fn *, void *);
/* Every day after the effective day up to the due date, explained. */
rs_day	 rs_explain_due(struct rs_calendar *, const struct rs_clock *,
	    rs_step_fn *, void *);

/*
 * What a request's events add to its explanation: the month of each
 * requirement that stopped the clock (art. 17), the extensions (art. 14
 * parágrafo) and the forwarding (art. 21).  rs_request_history fills it.
 */
struct rs_month {
	rs_day	 held;		/* the requirement */
	rs_day	 notified;	/* its notice, or RS_NO_DAY: no month yet */
	rs_day	 resumed;	/* the requester complied, or RS_NO_DAY */
	rs_day	 prolonged;	/* more time asked for, or RS_NO_DAY */
	rs_day	 prolonged_to;	/* the limit it gave */
};
struct rs_extension {
	rs_day	 day;		/* the day it was granted */
	rs_day	 to;		/* the due date it gave */
	int	 days;		/* the term it made; 0 in older records */
	char	*reasons;
};
struct rs_history {
	struct rs_month		*months;	/* in order */
	size_t			 nmonths;
	rs_day			 limit_given;	/* the open month's, as stored */
	int			 waiting;	/* status en_espera */
	struct rs_extension	*extensions;	/* in order */
	size_t			 nextensions;
	int			 verbal;	/* made in person or by phone */
	rs_day			 forwarded;	/* or RS_NO_DAY */
	char			*authority;
};
/*
 * The whole explanation of a request received on day at secs_of_day:
 * the effective day, the term, and with h (may be NULL) the rows its
 * events add, all in date order.  Returns the due date, as
 * rs_explain_due does.
 */
rs_day	 rs_explain_request(struct rs_calendar *, rs_day, int secs_of_day,
	    const struct rs_clock *, const struct rs_history *h,
	    rs_step_fn *, void *);

/* ---- terms.c: the term of each type over time, the first day ------------- */

#define RS_STRING(x)	RS_STRING_(x)
#define RS_STRING_(x)	#x

/*
 * The first day rs counts in: Ley 51 de 1983, whose holidays rs computes,
 * took effect in December 1983.  Terms and calendars of earlier dates are
 * refused, at every entry point, with rs_first_day_check().
 */
#define RS_CALENDAR_FIRST_YEAR	1984
#define RS_CALENDAR_FIRST_DAY	RS_STRING(RS_CALENDAR_FIRST_YEAR) "-01-01"
/* NULL when day is on or after RS_CALENDAR_FIRST_DAY, else why not. */
const char *rs_first_day_check(rs_day);

/*
 * One period of a type's legal term: the requests received (the local
 * date of received_at) from valid_from to valid_until, both included,
 * have days business days under law.  A type's periods follow each other
 * without a gap from RS_CALENDAR_FIRST_DAY; the last is open.
 */
struct rs_term {
	const char	*type;
	const char	*valid_from;	/* YYYY-MM-DD */
	const char	*valid_until;	/* YYYY-MM-DD; NULL: in force */
	int		 days;		/* business days; 0: no term */
	const char	*law;		/* NULL: none (no term), or the
					 * office's own type */
	const char	*description;
};
/*
 * The built-in table (Ley 1755 de 2015 arts. 14 and 30, Decreto 491 de
 * 2020 art. 5): a new database's terms table, and the one rs-due -f,
 * rs-due add and rs-report -f use without a database.  NULL-ended.
 */
extern const struct rs_term rs_default_terms[];
/* The built-in period of type for a request received on day, or NULL
 * when type is unknown (or day before RS_CALENDAR_FIRST_DAY). */
const struct rs_term *rs_default_term(const char *type, rs_day received);
/* Does the period hold day (YYYY-MM-DD)? */
int	 rs_term_covers(const struct rs_term *, const char *day);
const char *rs_default_types(void);	/* "peticion, queja, ..." */

/* ---- csv.c: reading RFC 4180 (DESIGN §4) ---------------------------------- */

#define RS_CSV_FIELD_MAX	65536	/* bytes in one field */

struct rs_csv;

/*
 * Read CSV from fp; name is used in messages.  encoding is NULL or
 * "utf-8" (strict), or "cp1252" / "windows-1252" / "latin1" (converted to
 * UTF-8 with iconv).  A UTF-8 BOM is skipped; the delimiter (',' or ';')
 * is detected from the header line.  Returns NULL with *err set when the
 * encoding is unknown.
 */
struct rs_csv *rs_csv_open(FILE *fp, const char *name, const char *encoding,
	    const char **err);
/*
 * Next record: returns its number of fields (every record has as many as
 * the header), 0 at end of input, -1 on an error (rs_csv_error() says
 * which, rs_csv_line() where).  Fields are NUL-terminated UTF-8 and stay
 * valid until the next call.
 */
int	 rs_csv_read(struct rs_csv *, char ***fields);
/* Physical line (1-based) on which the last record, or the error, began. */
long	 rs_csv_line(const struct rs_csv *);
const char *rs_csv_error(const struct rs_csv *);
int	 rs_csv_delimiter(const struct rs_csv *);
void	 rs_csv_close(struct rs_csv *);

/* ---- output.c: csv, tsv, json lines, aligned tables ------------------------ */

enum rs_format { RS_FMT_CSV, RS_FMT_TSV, RS_FMT_JSON, RS_FMT_TABLE };

struct rs_column {
	const char	*name;		/* stable English name (csv, tsv, json) */
	const char	*label;		/* Spanish label (table) */
	int		 flags;
};
#define RS_NUMERIC	1	/* json: unquoted when non-empty; right-aligned */
#define RS_WIDE		2	/* table: running text, never cut */
#define RS_CODE		4	/* table, html: a value code, by its label */

struct rs_out;

/* -o argument to a format; NULL means the default (table on a terminal). */
int	 rs_format_parse(const char *, enum rs_format *);
struct rs_out *rs_out_new(FILE *, enum rs_format, const struct rs_column *,
	    size_t ncols);
/* Cells: ncols strings, NULL for an empty one. */
void	 rs_out_row(struct rs_out *, const char *const *cells);
void	 rs_out_end(struct rs_out *);	/* tables are written here */
void	 rs_csv_put(FILE *, const char *, int delim);	/* one quoted field */
void	 rs_json_put(FILE *, const char *);		/* one JSON string */
void	 rs_json_add(struct rs_buf *, const char *);	/* the same, to a buffer */
/* A member of an object being built in a buffer: "key": (with the comma
 * before it, unless it is the first), and "key":"value" (nothing when
 * value is NULL). */
void	 rs_json_key(struct rs_buf *, const char *key);
void	 rs_json_str(struct rs_buf *, const char *key, const char *value);
/*
 * Running text for people, never cut: rs_text_width is the width to
 * wrap to on fd ($COLUMNS, else the terminal's, else 80).  rs_text_wrap
 * writes s from column indent, where the caller left the cursor, breaking
 * lines between words before width (a word longer than a line is split),
 * each further line indented by indent; each line of s stays a line, a
 * blank one blank.  It ends the last line.
 */
size_t	 rs_text_width(int fd);
void	 rs_text_wrap(FILE *, const char *s, size_t indent, size_t width);

/* ---- html.c: one self-contained, printable page (rs-report -o html) ------ */

struct rs_chart {
	const char	 *title;
	int		  lines;	/* lines with points, else bars */
	const char *const *labels;	/* npoints, under the x axis */
	size_t		  npoints;
	const char	 *series[3];	/* their names, for the legend */
	const double	 *values[3];	/* nseries arrays of npoints */
	size_t		  nseries;
};

void	 rs_html_begin(struct rs_buf *, const char *title, const char *subtitle);
void	 rs_html_table(struct rs_buf *, const char *title,
	    const struct rs_column *, size_t ncols, const char *const *cells,
	    size_t nrows);
/* Every data point is one mark (rect or circle, class "point"). */
void	 rs_html_chart(struct rs_buf *, const struct rs_chart *);
void	 rs_html_end(struct rs_buf *, const char *footer);

/* Every text of a web page goes through this one function: & < > " '
 * written as entities. */
void	 rs_html_esc(struct rs_buf *, const char *);

/* ---- form.c and multipart.c: a web form's fields -------------------------- */

struct rs_form {
	char			**names;	/* as sent, in order */
	char			**values;	/* UTF-8 text, NUL-free */
	size_t			  n;
	struct rs_attachment	 *files;	/* multipart: the files */
	size_t			  nfiles;
};
/*
 * application/x-www-form-urlencoded: s (len bytes, not NUL-terminated)
 * into f, at most max_fields fields.  0, or -1 with *err saying why (a
 * bad "%" escape, a NUL or text that is not UTF-8, too many fields).
 */
int	 rs_form_decode(const char *s, size_t len, size_t max_fields,
	    struct rs_form *, const char **err);
/* multipart/form-data (RFC 7578), parsed with GMime: the body and its
 * Content-Type; fields and files each bounded.  0, or -1 and *err. */
int	 rs_form_multipart(const char *content_type, const char *body,
	    size_t len, size_t max_fields, size_t max_files, struct rs_form *,
	    const char **err);
void	 rs_form_add(struct rs_form *, char *name, char *value);
/* The first value of a field, or NULL; how many fields have the name. */
const char *rs_form_get(const struct rs_form *, const char *name);
size_t	 rs_form_count(const struct rs_form *, const char *name);
void	 rs_form_free(struct rs_form *);

/* ---- db.c -------------------------------------------------------------- */

struct sqlite3;
struct rs_pg;

#define RS_SCHEMA_VERSION 8
/* The tokenizer of requests_fts (schema 6): words folded to lower case
 * without accents, so "garcia" finds "García"; search.c tokenizes what
 * is typed with the same one. */
#define RS_FTS_TOKENIZER "unicode61 remove_diacritics 2"
/* pgschema.c: an office on PostgreSQL is made at this version at once */
#define RS_PG_BASE_VERSION 8
/* The statements that make an office in an empty schema first in
 * search_path, NULL-ended. */
extern const char *const rs_pg_base[];

struct rs_db {
	struct sqlite3	*h;		/* SQLite, or */
	struct rs_pg	*pg;		/* PostgreSQL (pg.c) */
	char		*path;
	long		 busy_ms;	/* RS_BUSY_TIMEOUT, default 5000 */
	struct timespec	 busy_since;
	/* statements lib/ keeps for the life of the connection */
	struct rs_stmt **cached[8];
	int		 ncached;
	int		 made_sides;	/* a reader made the -wal and -shm */
	int		 checked;	/* integrity_check before the first write */
	int		 untrusted;	/* RS_DB_UNTRUSTED */
	int		 held;		/* RS_DB_HELD */
};
/* The largest file that a write checks first with integrity_check
 * (lib/db.c): some 8 ms of checking, a new office's file and its first
 * thousand or so requests.  The check holds the write lock, so every
 * other writer waits for it: at 16 MiB (65 ms) eight desks registering
 * at once fell from some 400 intakes a second to 19 (bench/README.md). */
#define RS_WRITE_CHECK_MAX	(2L * 1024 * 1024)

/* The tables of an office (NULL-ended), and a copy of all their rows
 * from one database to another, within their transactions; how many. */
extern const char *const rs_db_tables[];
int64_t	 rs_db_copy_rows(struct rs_db *from, struct rs_db *to);
/* Does name say PostgreSQL (a postgresql:// or postgres:// URI)? */
int	 rs_db_is_uri(const char *name);
/* A store's name as a message may show it: a file's path, or a URI with
 * its password as *** (free it). */
char	*rs_db_shown(const char *name);
/* The office open on PostgreSQL (RS_OFFICE, else main); NULL for a file. */
const char *rs_db_office(struct rs_db *);
/* rs-admin copy: the office of from into a new file or office, dest;
 * how many rows. */
int64_t	 rs_db_copy_office(struct rs_db *from, const char *dest);
/* Make an office on PostgreSQL (pg.c, at open with RS_DB_CREATE). */
void	 rs_db_pg_create(struct rs_db *, const char *office);
/* RS_BUSY_TIMEOUT: how long a writer waits for another, in ms (5000) */
long	 rs_db_busy_ms(void);
/* -d, else $RS_DB, else ./rs.db */
const char *rs_db_path(const char *opt);
/*
 * Open an existing database to write (RS_DB_WRITE), or an empty file to
 * make one of (RS_DB_CREATE, rs_db_create's), or only to read
 * (RS_DB_READ): a file
 * this user may not write, in a directory that may be read-only too, is
 * read as it is, and nothing of it is ever written or upgraded.
 */
#define RS_DB_WRITE	0
#define RS_DB_CREATE	1
#define RS_DB_READ	2
/* Or'ed with the mode by the audit, which reads any file: an error the
 * file's contents cause, whatever SQLite calls it, is a damaged database
 * (65), not an internal error. */
#define RS_DB_UNTRUSTED	8
/* Or'ed with RS_DB_CREATE by rs-admin copy: a new office on PostgreSQL
 * is made in a transaction left open, for the copy to fill and commit
 * (a copy that fails leaves no office). */
#define RS_DB_HELD	16
struct rs_db *rs_db_open(const char *path, int mode);
void	 rs_db_close(struct rs_db *);
/*
 * A new file made whole beside path, under a temporary name (returned),
 * 0660, removed with what SQLite made beside it if the program exits
 * before rs_db_place links it to path (73 if path exists by then).
 * rs_db_create makes a new database that way.
 */
const char *rs_db_stage(const char *path);
const char *rs_db_create(const char *path);
void	 rs_db_place(void);
/* The connection last opened and not yet closed, even half-way through
 * rs_db_open: a fuzz target that returns from rs_die closes it. */
extern struct rs_db *rs_db_opened;
/* Report a database error with the file name and exit (75 when busy). */
void	 rs_db_die(struct rs_db *) __attribute__((noreturn));
/* A copy of column i of the row, or NULL for NULL; the caller frees it. */
char	*rs_db_dup(struct rs_stmt *, int i);
void	 rs_db_exec(struct rs_db *, const char *sql);
void	 rs_db_begin(struct rs_db *);	/* BEGIN IMMEDIATE */
/* BEGIN IMMEDIATE, or -1 when still busy after the timeout. */
int	 rs_db_try_begin(struct rs_db *);
void	 rs_db_commit(struct rs_db *);
void	 rs_db_rollback(struct rs_db *);
/* One snapshot for several reads (what others commit meanwhile is not
 * seen), on any handle, a read-only one too. */
void	 rs_db_read_begin(struct rs_db *);
void	 rs_db_read_end(struct rs_db *);
/* Step st to the end, writing each row's columns as text to out; how
 * many rows. */
long	 rs_db_rows(struct rs_db *, struct rs_stmt *, struct rs_out *);
/*
 * rs-admin backup: an online, consistent copy into the empty file
 * (rs_db_stage's) that is to become name, the name every message gives
 * (opening it fails with 73).  rs_db_copy copies every page in one step,
 * one read snapshot: 0 and the bytes copied, or the exit status (75 when
 * busy, else 74) and why.  rs_db_copy_close closes the copy, and when it
 * is to be kept checks that it closed (74).
 */
struct rs_copy;
struct rs_copy *rs_db_copy_open(const char *file, const char *name);
int	 rs_db_copy(struct rs_db *, struct rs_copy *, int64_t *bytes,
	    const char **why);
void	 rs_db_copy_close(struct rs_copy *, int keep);
/* settings, with the built-in defaults of DESIGN §2 */
char	*rs_setting(struct rs_db *, const char *key);	/* caller frees */
int	 rs_setting_known(const char *key);
const char *rs_setting_default(const char *key);
const char *const *rs_setting_keys(void);
/* Validate a value for key; NULL when good, else the reason. */
const char *rs_setting_check(const char *key, const char *value);
/* Within the caller's transaction; the value checked beforehand. */
void	 rs_setting_set(struct rs_db *, const char *key, const char *value);
/* Make the "zone" setting the office zone of every time conversion. */
void	 rs_db_zone(struct rs_db *);
/* Rewrite the business_days table from the calendar, within the
 * caller's transaction (at creation, and when the calendar changes). */
void	 rs_db_business_days(struct rs_db *, struct rs_calendar *);
/*
 * The calendar changes from today on, never for a day that has passed
 * (Ley 4 de 1913 art. 62); each returns why not, or NULL when done.
 * at: when the change was decided.
 */
const char *rs_db_closure_add(struct rs_db *, rs_day, const char *reason,
	    rs_day today, const char *at);
const char *rs_db_closure_rm(struct rs_db *, rs_day, rs_day today);
const char *rs_db_saturdays_from(struct rs_db *, int open, rs_day from,
	    rs_day today, const char *at);
/* The closures of year (0: every year) in date order, *n of them. */
struct rs_closure *rs_db_closures(struct rs_db *, int year, size_t *n);
void	 rs_closures_free(struct rs_closure *, size_t n);
/* The office calendar and zone from settings and closures. */
void	 rs_db_calendar(struct rs_db *, struct rs_calendar *);
/*
 * The term catalog, the terms table: each type's periods (terms.c).
 * The period of type for a request received on day: 0 and *t, whose
 * strings stay valid until the next call; -1 when the catalog has no such
 * type.  A type none of whose periods holds day (the table edited by
 * hand) is a data error (65).
 */
int	 rs_db_term(struct rs_db *, const char *type, rs_day, struct rs_term *);
/*
 * The rule behind a request's term of days: the law of its type's period
 * of the day received when that period has those days; else of another
 * period of the type that has them (a request registered before the
 * periods, or before the office changed the days); else NULL.  Valid
 * until the next call.
 */
const char *rs_db_term_law(struct rs_db *, const char *type, rs_day received,
	    int days);
/* The catalog's types in the order they were added, NULL-ended; the
 * caller frees each and the list. */
char	**rs_db_types(struct rs_db *, size_t *n);
/* The topics in name order, the same way. */
char	**rs_db_topics(struct rs_db *, size_t *n);
/* Is type in the term catalog, topic in the topics? */
int	 rs_db_type_known(struct rs_db *, const char *type);
int	 rs_db_topic_known(struct rs_db *, const char *topic);
/* rs-admin topics: each topic, its team and description. */
const struct rs_column *rs_topic_columns(size_t *n);
void	 rs_db_topics_list(struct rs_db *, struct rs_out *);
/* Within the caller's transaction: topic belongs to team; its
 * description set unless NULL (a new topic is described by its name). */
void	 rs_db_topic_set(struct rs_db *, const char *topic, const char *team,
	    const char *description);
/* rs-admin terms: the period in force of each type, or (all) every
 * period in date order, with these columns. */
const struct rs_column *rs_term_columns(int all, size_t *n);
void	 rs_db_terms_list(struct rs_db *, int all, struct rs_out *);
/* Within the caller's transaction: the term of type's period in force
 * (0: no term), and its description unless NULL; a new type gets one
 * period from RS_CALENDAR_FIRST_DAY, described by its name. */
void	 rs_db_term_set(struct rs_db *, const char *type, int days,
	    const char *description);

/* ---- request.c: records, validation, intake ------------------------------- */

/*
 * The intake columns of DESIGN §4, in their documented order; up to
 * external_ref they are also the columns of intake's output, and the
 * ways to reach the person without a mailbox, or without a name, follow
 * (Ley 1755 art. 16).
 */
enum rs_field {
	F_RECEIVED_AT, F_CHANNEL, F_TYPE, F_TOPIC, F_TEAM, F_PRIORITY,
	F_PREFERENTIAL, F_NAME, F_SALUTATION, F_ID_NUMBER, F_EMAIL, F_PHONE,
	F_OFFICE, F_REQUESTER_KIND, F_SUBJECT, F_DESCRIPTION, F_EXTERNAL_REF,
	F_ADDRESS, F_ANONYMOUS, F_REPRESENTATIVE_NAME,
	F_REPRESENTATIVE_ID_NUMBER, F_REPRESENTATIVE_EMAIL,
	F_REPRESENTATIVE_PHONE,
	F_PRIORITY_REASON,	/* stored, but not in the intake's output row */
	F_NFIELDS
};

/* The name stored for an anonymous request (requests.name is NOT NULL). */
#define RS_ANONYMOUS_NAME	"Anónimo"
/* A phone as stored: up to 40 bytes, or the switchboard's number (a
 * phone, 40 at most) with " ext. " and an extension. */
#define RS_PHONE_LEN		96

extern const char *const rs_field_names[F_NFIELDS + 1];	/* NULL-ended */
extern const char *const rs_channels[];		/* NULL-terminated */
/* A petition made in person or by phone (Ley 1755 art. 21). */
int	 rs_channel_verbal(const char *);
extern const char *const rs_preferentials[];
/* The same groups as the protocols name them, for people (Spanish). */
extern const char *const rs_preferential_labels[];
/* The Spanish label of a value code (channel, type, status, outcome,
 * requester kind, a report's result) for people; the code itself when
 * it has none, such as an office's own topic or team. */
const char *rs_label(const char *code);
/* The same for a key of several codes joined by '/': "correo/queja". */
void	 rs_label_key(const char *key, struct rs_buf *out);
/* An identity document number: letters, digits, '-' and '.'. */
int	 rs_id_number_valid(const char *);
extern const char *const rs_requester_kinds[];
extern const char *const rs_salutations[];
/* The types a request may have without a name (Ley 1755 art. 16). */
extern const char *const rs_anonymous_types[];
extern const char *const rs_statuses[];
/* The index of a status in rs_statuses, or -1 (NULL, or unknown: a row
 * changed behind rs). */
int	 rs_status_index(const char *);
/* What is wrong with such a status, for a message: "requests.status:
 * expected one of ...; got "x"" (or NULL); a static buffer. */
const char *rs_status_wrong(const char *);
extern const char *const rs_open_statuses[];

/*
 * The attention order (DESIGN §2): priority (Ley 1755 art. 20 urgent, then
 * Decreto 19 de 2012 art. 13 preferential), then strict arrival order as
 * the protocols demand, then the radicado number.
 */
#define RS_ATTENTION_ORDER "priority DESC, received_ts, seq"
/* The open statuses, written as the partial index requests_queue has it
 * so that the planner uses that index. */
#define RS_OPEN_SQL \
	"(status = 'radicada' OR status = 'asignada' OR status = 'en_espera')"
/* Of request alias r: every respuesta sent came back (no notice of it
 * reached the requester); NULL when none was sent.  The comparison is
 * made a number, since PostgreSQL has no min() of booleans. */
#define RS_ANSWER_RETURNED_SQL(r) \
	"(SELECT min(CASE WHEN n.state = 'failed' THEN 1 ELSE 0 END) " \
	"FROM notices n WHERE n.request = " r ".seq AND " \
	"n.kind = 'respuesta') = 1"
/* The requests nobody has taken yet, written as the partial index
 * requests_waiting has it, for the same reason. */
#define RS_WAITING_SQL "status = 'radicada' AND assignee IS NULL"

int	 rs_field_lookup(const char *name);	/* -1 if unknown */
/* The phone rule of intake: 7 to 20 digits, spaces, + - ( ) . "ext";
 * 3 to 5 digits alone are an internal extension, taken only when the
 * switchboard setting says which number it belongs to. */
int	 rs_phone_valid(const char *);
int	 rs_phone_extension(const char *);

/* "a, b, c" for messages */
const char *rs_list_join(const char *const *list);

struct rs_intake;

/* Everything an intake needs that does not change within a batch. */
struct rs_intake *rs_intake_new(struct rs_db *, rs_time now, const char *actor);
void	 rs_intake_free(struct rs_intake *);
/* A batch: BEGIN IMMEDIATE; rs_intake_one() for each request; then
 * rs_intake_commit() (the radicado counters are written with it) or
 * rs_intake_rollback(), which leaves no number used. */
void	 rs_intake_begin(struct rs_intake *);
/* The same, but -1 instead of exit 75 when the database is still locked
 * after RS_BUSY_TIMEOUT: for a caller that can keep what it holds. */
int	 rs_intake_try_begin(struct rs_intake *);
void	 rs_intake_commit(struct rs_intake *);
void	 rs_intake_rollback(struct rs_intake *);
/*
 * Validate one request and register it inside the batch.
 * v: F_NFIELDS values (NULL or "" = not given), trimmed of white space
 * in place.  On a validation failure
 * returns -1 and sets *field (the column) and *reason; nothing is written.
 * On success returns 1 when a new radicado was registered, 0 when the
 * external_ref was already registered; row receives the output cells
 * (rs_intake_columns() order), valid until the next call.
 */
int	 rs_intake_one(struct rs_intake *, char *const *v, const char **field,
	    const char **reason, const char ***row);
const struct rs_column *rs_intake_columns(size_t *n);
/*
 * The checks of rs_intake_one on a whole request, registering nothing
 * (rs-queue correct): v, F_NFIELDS values trimmed in place, completed
 * as intake completes them (requester_kind of type autoridad).  NULL
 * when they pass, with the term of the type for the day received
 * (*days, 0: none), the team (the topic's when v gives none) and the
 * priority (raised for a preferential group); else the reason, and
 * *field names the column.
 */
const char *rs_intake_check(struct rs_intake *, char **v, const char **field,
	    int *days, const char **team, int *priority);
/* What a person is told in Spanish of a refusal of rs_intake_one
 * (field and reason as it gave them; type: the type asked for), into
 * out; its text. */
const char *rs_intake_said(const char *field, const char *reason,
	    const char *type, struct rs_buf *out);
/* The same for a value of field f that breaks its rule. */
const char *rs_field_invalid_said(int f);
/* The rule of every free-text value: at most max bytes (0: no bound),
 * no control characters (newlines only when allowed).  NULL, or why. */
const char *rs_text_check(const char *, size_t max, int newlines);
/* The longest postal address (requests.address), in bytes. */
#define RS_POSTAL_MAX	300

/* ---- lifecycle.c: statuses, events, the audit chain ------------------------ */

/*
 * Append one event inside the caller's transaction, chaining its hash to
 * the previous event's.
 */
void	 rs_event_append(struct rs_db *, int64_t request_seq, const char *at,
	    const char *actor, const char *kind, const char *details,
	    const char *due_on);
/*
 * The same for an event about the requester's own data: personal (a JSON
 * object opened, not closed) goes to event_data, beside the chain, which
 * rs-admin anonymize clears; details (the same) gets its SHA-256.
 */
void	 rs_event_append_personal(struct rs_db *, int64_t request_seq,
	    const char *at, const char *actor, const char *kind,
	    struct rs_buf *details, struct rs_buf *personal,
	    const char *due_on);
/* FROM this instead of events: the details with the personal data they
 * refer to put back (event_data, notices), for rs-queue show. */
extern const char rs_events_shown_sql[];
/*
 * Whether the chained event e holds personal data in its own details, as
 * those written before schema 7 do: a notice's address, a correction's
 * old and new values of the requester's data, what the mailbox kept of a
 * message (its sender, subject and text; the office's own record of the
 * review list still does).  rs-admin anonymize cannot clear them without
 * breaking the chain, and reports them.
 */
#define RS_EVENT_PERSONAL_SQL(e) \
	"((" e ".kind = 'notice' AND json_type(" e ".details, '$.to')" \
	" IS NOT NULL) OR (" e ".kind = 'correct' AND" \
	" json_type(" e ".details, '$.personal') IS NULL AND" \
	" json_extract(" e ".details, '$.field') IN (" RS_PERSONAL_FIELDS_SQL \
	")) OR (json_type(" e ".details, '$.personal') IS NULL AND" \
	" (json_type(" e ".details, '$.from') IS NOT NULL OR" \
	" json_type(" e ".details, '$.recipient') IS NOT NULL)))"
/* The requester's data that anonymize clears, as rs-queue correct names
 * the fields: their corrections keep the values out of the chain. */
#define RS_PERSONAL_FIELDS_SQL \
	"'name', 'id_number', 'email', 'phone', 'address', 'subject'"
/* The request number of the office's own events (the mailbox's review
 * list): chained and checked like any, belonging to no request. */
#define RS_OFFICE	0
/* users.c: the name the users catalog gives a login (allocated), or
 * NULL when it has none. */
char	*rs_user_name(struct rs_db *, const char *login);
/* users.c: the catalog (rs-admin users); NULL email and team for none */
struct rs_user {
	char	*login;
	char	*name;
	char	*email;
	char	*team;		/* a team of the topics catalog */
	int	 coordinator;	/* reminded of the team's unassigned requests */
	int	 active;	/* 0: kept for history, given no work */
};
const struct rs_column *rs_user_columns(size_t *n);
/* Every user (all) or the active ones in login order; human: the flags
 * as "sí"/"no", else 0/1.  How many. */
long	 rs_users_list(struct rs_db *, int all, int human, struct rs_out *);
/* No row at all: the office works as before the catalog existed. */
int	 rs_users_empty(struct rs_db *);
int	 rs_user_get(struct rs_db *, const char *login, struct rs_user *);
void	 rs_user_free(struct rs_user *);
int	 rs_login_valid(const char *);
/* NULL when u may be stored, else "field: what was expected". */
const char *rs_user_check(struct rs_db *, const struct rs_user *);
void	 rs_user_put(struct rs_db *, const struct rs_user *);
long	 rs_user_open_requests(struct rs_db *, const char *login);
/* NULL when a request may be assigned to login, else why not. */
const char *rs_user_assignable(struct rs_db *, const char *login);
/* The team of an active user (allocated), or NULL. */
char	*rs_user_team(struct rs_db *, const char *login);
/* Who is reminded of a request with this assignee and team (users.c
 * says the rule); how many, in *users (allocated). */
size_t	 rs_user_reminded(struct rs_db *, const char *assignee,
	    const char *team, struct rs_user **users);

/* Why the events appended until the commit claim a time further from
 * the clock than the setting clock_bound allows (NULL: they do not). */
void	 rs_event_time_reason(const char *reason);
/* Forget the cached chain head (after a rollback). */
void	 rs_event_reset(void);
/* Before COMMIT (rs_db_commit does it): record the chain's new head. */
void	 rs_event_flush(struct rs_db *);
/*
 * The clock of request seq as its row and events have it: the effective
 * day and term from the row, the suspensions from its hold and resume
 * events, the extension from the row.  *holds is allocated (free it).
 */
void	 rs_request_clock(struct rs_db *, int64_t seq, struct rs_clock *,
	    struct rs_hold **holds);
/* What the events of request seq add to its explanation (rs-due -x):
 * free it with rs_history_free. */
void	 rs_request_history(struct rs_db *, int64_t seq, struct rs_history *);
void	 rs_history_free(struct rs_history *);
/*
 * Ley 1755 art. 17: the month to comply with a requirement runs from its
 * notice.  rs_hold_notice_day: the day the first requerimiento since the
 * last hold went out and was not returned, or RS_NO_DAY.
 * rs_hold_notified: the month's limit set from that day, written to
 * limit; 1 when the request had none yet.  rs_hold_returned: the limit
 * cleared when no notice of the requirement stands; 1 when cleared.
 */
rs_day	 rs_hold_notice_day(struct rs_db *, int64_t seq);
/* Was a notice of kind sent for the request (a requerimiento: since its
 * last requirement)? */
int	 rs_notice_already_sent(struct rs_db *, int64_t seq, const char *kind);
/* What people read where a held request has no month yet. */
#define RS_HOLD_UNNOTIFIED \
	"sin notificar: el mes para atenderlo corre desde el aviso"
int	 rs_hold_notified(struct rs_db *, struct rs_calendar *, int64_t seq,
	    char limit[RS_DATE_LEN]);
int	 rs_hold_returned(struct rs_db *, int64_t seq);
/* Art. 17: was the month of the last requirement prolonged already? */
int	 rs_hold_prolonged(struct rs_db *, int64_t seq);
/*
 * After the calendar changed (a closure, the Saturday setting):
 * recompute the effective day, due date and month limit of
 * every open request within the caller's transaction, writing a
 * "reschedule" event for each that changed, its details a JSON object
 * with the reason, the effective day and any month limit.
 * Each change is also written to out (rs_reschedule_columns), if any.
 */
long	 rs_reschedule(struct rs_db *, struct rs_calendar *, const char *at,
	    const char *actor, const char *reason, struct rs_out *out);
extern const struct rs_column rs_reschedule_columns[];
extern const size_t rs_reschedule_ncolumns;
/* The steps of a request (DESIGN §2 rs-queue), applied by rs_apply(). */
struct rs_action {
	const char	*verb;		/* take, assign, release, hold, … */
	const char	*id;		/* the radicado */
	const char	*actor;
	rs_time		 now;
	const char	*who;		/* assign */
	const char	*text;		/* what is missing, reasons, answer,
					 * note or comment */
	const char	*outcome;	/* answer */
	const char	*why;		/* answer negativa: protocol 5.2 */
	const char	*will_do;
	const char	*can_do;
	const char	*authority;	/* forward */
	rs_day		 to;		/* extend, or RS_NO_DAY */
	int		 days;		/* extend by business days, or 0 */
	int		 rating;	/* rate: 1-5 */
	int		 late;		/* hold after the 10 days, on record */
	int		 withdrawn;	/* close: the requester withdrew */
	int		 strict;	/* answer: refuse on a protocol finding */
	int		 claimed;	/* now is the operator's (-n or the
					 * clock), held to the record; not
					 * the time a message came */
	int		 day_only;	/* now was given as a bare date */
	const char	*time_reason;	/* why now is far from the clock */
	const char	*other;		/* link, merge: the other radicado;
					 * answer: the one it was answered
					 * with (Ley 1755 art. 22) */
	const char	*link_kind;	/* link: duplicate, identical, merged */
	/* out */
	int64_t		 seq;
	const char	*status;	/* after the step */
	const char	*warning;	/* e.g. a late forward, on record */
};

extern const char *const rs_verbs[];		/* NULL-terminated */
extern const char *const rs_outcomes[];
/*
 * Apply one step inside the caller's transaction (BEGIN IMMEDIATE):
 * check it against the transition table and the law, update the row and
 * append its event.  NULL when done, else why it was refused.  An
 * unknown radicado is refused with "no such request".
 */
const char *rs_apply(struct rs_db *, struct rs_calendar *, struct rs_action *);
/*
 * The protocol's checks of an answer's text (M-A-SCD-01 5.1, 5.2, 6.1):
 * no diminutives, no bare "Sí."/"No.", acronyms spelled out, no text
 * pasted into many answers.  Each finding is a warning on stderr; how
 * many.  pending: the answer is not recorded yet (it counts as one more
 * of the same text).
 */
int	 rs_answer_check(struct rs_db *, const char *id, const char *text,
	    const char *prefix, int pending);
/* The first unassigned request in attention order (team may be NULL), or
 * NULL when there is none; the caller then takes it with rs_apply(). */
char	*rs_next_id(struct rs_db *, const char *team);
/* SQL for an event's Spanish summary from its kind and details; a
 * summary of several parts (an answer and its reasons) has one a line. */
extern const char rs_event_summary_sql[];
/* What a step dated apart from the clock adds to it, for people: when
 * it was written and why (events.written_at, time_reason); '' else. */
#define RS_EVENT_DATED_SQL \
	"CASE WHEN time_reason IS NULL THEN '' ELSE '\n' ||" \
	" 'Registrado el ' || replace(substr(written_at, 1, 16), 'T', ' ') ||" \
	" '; motivo de la fecha: ' || time_reason END"
/* SQL for the Spanish name of the notice kind k (DESIGN §1), and the
 * ending, "a" or "o", of a participle that agrees with it ("respuesta
 * enviada", "acuse enviado"). */
#define RS_NOTICE_NAME_SQL(k) \
	"CASE " k " WHEN 'prorroga' THEN 'prórroga'" \
	" WHEN 'traslado_autoridad' THEN 'traslado a la autoridad'" \
	" ELSE " k " END"
#define RS_NOTICE_ENDING_SQL(k) \
	"CASE WHEN " k " IN ('constancia', 'prorroga', 'respuesta'," \
	" 'encuesta') THEN 'a' ELSE 'o' END"
/* SQL for the Spanish name of an event's kind. */
const char *rs_event_label_sql(void);

/*
 * rs-admin check: SQLite's integrity check; the hash chain from the first
 * event to the head recorded at the last commit; and every request's
 * status, assignee and due date replayed from its events through the
 * transition table.  Each finding goes to report; returns how many.
 */
/* ---- export.c: pseudonyms, and the analysts' database ------------------ */

/* SQL function rs_pseudonym(value, kind) on db: "persona-" and hex
 * digits keyed by the office's secret salt (made and stored at first
 * use: inside a write transaction); kind 'email' adds
 * "@anonimo.invalid". */
void	 rs_db_pseudonyms(struct rs_db *);
/* Write path, a new database for analysts: the rows of v_requests (with
 * a requester pseudonym), v_events and v_notices, the business days, and
 * what it is; mode 0644, whole or not at all.  The counts written. */
void	 rs_export(struct rs_db *, const char *path, rs_time now,
	    long *nrequests, long *nevents, long *nnotices);
/* One request rs_anonymize made anonymous: its radicado, the day it
 * was closed, and the chained events that still hold personal data of
 * their own (RS_EVENT_PERSONAL_SQL), as "5, 7", or NULL for none. */
struct rs_anonymized {
	char	*id;
	char	*closed_on;
	char	*kept;
};
/*
 * Ley 1581 de 2012: the requests closed before the day before (and not
 * yet anonymized) made anonymous in one transaction, each with an
 * "anonymize" event; the messages set aside before it purged.  The
 * requests, in order, in *out (free with rs_anonymized_free); how many.
 */
size_t	 rs_anonymize(struct rs_db *, const char *before, const char *at,
	    const char *actor, struct rs_anonymized **out);
void	 rs_anonymized_free(struct rs_anonymized *, size_t n);

typedef void	 rs_report_fn(void *, const char *);
/* One finding of the audit, formatted, to report; counted in *n. */
void	 rs_finding(long *n, rs_report_fn *, void *, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
long	 rs_audit(struct rs_db *, rs_report_fn *, void *, long *nrequests,
	    long *nevents);
/*
 * The chain's anchors: an event's number and hash, "SEQ:HASH" (64
 * hexadecimal digits), published where the file's writers cannot
 * rewrite it (the daily report, the backups) and checked by rs-admin
 * check --anchor.
 */
#define RS_ANCHOR_LEN	(20 + 1 + 64 + 1)
struct rs_anchor {
	int64_t	 seq;
	uint8_t	 hash[32];
};
/* 0, or -1 when s is not SEQ:HASH */
int	 rs_anchor_parse(const char *s, struct rs_anchor *);
/* The head of the chain, its last event: its number (0 when there are
 * no events) and, in buf if not NULL, its anchor ("" when none). */
int64_t	 rs_chain_head(struct rs_db *, char buf[RS_ANCHOR_LEN]);
/* Each anchor the chain does not pass through is a finding; how many. */
long	 rs_audit_anchors(struct rs_db *, const struct rs_anchor *, size_t n,
	    rs_report_fn *, void *);
/* The steps dated apart from the clock with a reason (-r), one line each
 * to report; how many. */
long	 rs_audit_dated(struct rs_db *, rs_report_fn *, void *);
/* The steps written in (from, to] (the clock's) that claim a time needing a
 * reason: each one's radicado, kind, claimed and written times, actor
 * and reason. */
typedef void rs_dated_fn(void *, const char *id, const char *kind,
	    const char *at, const char *written_at, const char *actor,
	    const char *reason);
void	 rs_dated_steps(struct rs_db *, rs_time from, rs_time to,
	    rs_dated_fn *, void *);

/* The operator: opt, else $RS_USER, else the login name. */
const char *rs_actor(const char *opt);

/* ---- search.c: finding a request by what the caller says ------------------ */

struct rs_search;

/* More words than a caller says; the SQL of more would grow past
 * SQLite's limits. */
#define RS_SEARCH_MAX_WORDS	32
/*
 * The words typed (each operand split at white space), tokenized as
 * requests_fts is, into *out.  0 when good; -1 when no word has a letter
 * or a digit; -2 when more than RS_SEARCH_MAX_WORDS have.  Needs the
 * database for its FTS5 tokenizer.
 */
int	 rs_search_new(struct rs_db *, char *const *words, int n,
	    struct rs_search **out);
/* Write to out (rs_search_columns()) the requests every word matches, in
 * attention order: the open ones, or all; of one team, or any.  How many. */
long	 rs_search_run(struct rs_search *, struct rs_calendar *, rs_day today,
	    int all, const char *team, struct rs_out *out);
void	 rs_search_free(struct rs_search *);
const struct rs_column *rs_search_columns(size_t *n);
/* ---- correct.c: a request's data corrected after intake ------------------- */

/* The fields rs-queue correct changes, NULL-ended: the columns of
 * rs-csv(5) and requests.address. */
extern const char *const rs_correct_fields[];
#define RS_CORRECT_MAX	16

struct rs_correction {
	const char	*id;
	const char	*reason;
	const char	*actor;
	rs_time		 now;
	/* the fields and their values ("" clears one), as given */
	const char	*field[RS_CORRECT_MAX];
	const char	*value[RS_CORRECT_MAX];
	size_t		 n;
	/* out: each field changed, in the order of rs_correct_fields, with
	 * those the rules of intake changed with it (team, priority,
	 * requester_kind); NULL for an empty value */
	int64_t		 seq;
	const char	*changed[RS_CORRECT_MAX];
	char		*old[RS_CORRECT_MAX];
	char		*new[RS_CORRECT_MAX];
	size_t		 nchanged;
	char		 due[RS_DATE_LEN];	/* after it; "" when none */
};
/*
 * Within the caller's transaction: check every value as intake does,
 * then update the row and append one "correct" event a field changed.
 * A type change gives the new type's term of the day received, counted
 * from the same effective day with the same suspensions.  NULL when
 * done, else why it was refused (nothing written).  rs_correct_free()
 * after either.
 */
const char *rs_correct(struct rs_db *, struct rs_calendar *,
	    struct rs_correction *);
void	 rs_correct_free(struct rs_correction *);
/* rs-queue correct's output: a row a field changed. */
const struct rs_column *rs_correct_columns(size_t *n);
/* rs-admin check: each corrected column of a row holds the last value
 * its correct events gave it, term_days the last type's; findings. */
long	 rs_correct_audit(struct rs_db *, rs_report_fn *, void *);
/* What a correct event says: "tipo: peticion → queja". */
#define RS_CORRECT_SUMMARY_SQL \
	"CASE json_extract(details, '$.field')" \
	" WHEN 'type' THEN 'tipo' WHEN 'topic' THEN 'tema'" \
	" WHEN 'team' THEN 'equipo' WHEN 'priority' THEN 'prioridad'" \
	" WHEN 'preferential' THEN 'atención preferencial'" \
	" WHEN 'name' THEN 'nombre' WHEN 'salutation' THEN 'trato'" \
	" WHEN 'id_number' THEN 'identificación'" \
	" WHEN 'email' THEN 'correo' WHEN 'phone' THEN 'teléfono'" \
	" WHEN 'address' THEN 'dirección'" \
	" WHEN 'requester_kind' THEN 'solicitante'" \
	" WHEN 'subject' THEN 'asunto'" \
	" ELSE json_extract(details, '$.field') END || ': ' ||" \
	" CASE WHEN json_type(details, '$.new') IS NULL THEN '[anonimizado]'" \
	" ELSE coalesce(json_extract(details, '$.old'), '(vacío)') || ' → ' ||" \
	" coalesce(json_extract(details, '$.new'), '(vacío)') END"

/* Every column and its Spanish label (request.c); the request's own come
 * first, up to an empty entry. */
extern const struct rs_column rs_all_columns[];
/* Fill out with the columns named (a NULL-ended list). */
void	 rs_columns(const char *const *names, struct rs_column *out);

/* ---- links.c: requests that are one matter --------------------------------- */

/*
 * Within the caller's transaction: a->verb "link" (a->link_kind
 * duplicate or identical, Ley 1755 art. 22) or "merge" of a->id with
 * a->other: one event on each request and the link.  A merge closes
 * a->id (cerrada, "as fusionada") into a->other, which answers for it.
 * NULL when done, *other_seq set; else the message, radicado first
 * ("RS-2024-000002: no such request"), and the caller rolls back.
 */
const char *rs_link(struct rs_db *, struct rs_calendar *, struct rs_action *,
	    int64_t *other_seq);
/* The request seq was merged into: its row number (and *id, to free), or
 * 0. */
int64_t	 rs_merged_into(struct rs_db *, int64_t seq, char **id);
/* Has the request an answer (answered_at)? */
int	 rs_request_answered(struct rs_db *, int64_t seq);
/* The radicados merged into seq and still closed so, NULL-ended;
 * rs_strings_free. */
char	**rs_merged_list(struct rs_db *, int64_t seq);
/*
 * Ley 1755 art. 22: after a's answer (rs_apply), answer in the same
 * transaction every open request of its identical group with the same
 * answer, each naming a->id; their row numbers in *seqs (to free).
 * Those waiting for their requester (en_espera) are left, named in
 * *waiting (NULL-ended; rs_strings_free).  NULL when done, else the
 * message, radicado first.
 */
const char *rs_answer_identical(struct rs_db *, struct rs_calendar *,
	    const struct rs_action *a, int64_t **seqs, size_t *n,
	    char ***waiting);
/* rs-queue show: a request's links, the kind in Spanish for people
 * (people) or as a code: duplicate, identical, merged_into,
 * merged_from. */
const struct rs_column *rs_link_columns(size_t *n);
long	 rs_links_list(struct rs_db *, int64_t seq, int people,
	    struct rs_out *);

/* ---- listing.c: the requests as the commands list and show them ---------- */

/*
 * A request as a list shows it: text as stored, NULL where the store
 * has none or the list does not read it; valid during the callback.
 */
struct rs_listed {
	int64_t		 seq;
	const char	*id;
	const char	*status;
	const char	*priority;
	const char	*received_at;
	const char	*effective_on;
	const char	*due_on;
	const char	*hold_limit;
	const char	*channel;
	const char	*type;
	const char	*topic;
	const char	*team;
	const char	*assignee;
	const char	*name;
	const char	*subject;
	const char	*answered_at;
	int		 unnotified;	/* answered, and no answer reached
					 * the requester */
};
typedef void	 rs_listed_fn(void *, const struct rs_listed *);
/*
 * rs-due: the open requests (answered: and those answered, less a
 * merged one closed with no answer of its own), then the answers that
 * reached nobody (unnotified), of team and assignee when not NULL, each
 * in attention order.  Fills every field but priority, received_at,
 * topic and name.
 */
void	 rs_due_requests(struct rs_db *, const char *team,
	    const char *assignee, int answered, rs_listed_fn *, void *);
/* rs-due -x: what a request's clock starts from; 0, or -1 when id is
 * no request. */
struct rs_arrival {
	int64_t	 seq;
	char	*received_at;
	char	*type;
	char	*cutoff;	/* the cut-off at intake, "HH:MM"; or NULL */
};
int	 rs_request_arrival(struct rs_db *, const char *id,
	    struct rs_arrival *);
void	 rs_arrival_free(struct rs_arrival *);
/* rs-queue list: the open requests (all: every one) of team when not
 * NULL, in attention order.  Fills every field but seq, hold_limit and
 * answered_at. */
void	 rs_queue_requests(struct rs_db *, const char *team, int all,
	    rs_listed_fn *, void *);
/* Where request seq stands after a step: id, status, assignee, due_on
 * and hold_limit given to fn; -1 when there is no such request. */
int	 rs_request_state(struct rs_db *, int64_t seq, rs_listed_fn *, void *);
/* rs-notify recordatorio: request id's seq, id, due_on, subject,
 * assignee and team given to fn; -1 when there is no such request. */
int	 rs_request_reminded(struct rs_db *, const char *id, rs_listed_fn *,
	    void *);
/* rs-queue show: a request's card, every column of rs_all_columns in
 * its order (NULL where empty); 0, or -1 when id is no request. */
struct rs_card {
	int64_t	 seq;
	size_t	 n;
	char	**v;
};
int	 rs_request_card(struct rs_db *, const char *id, struct rs_card *);
void	 rs_card_free(struct rs_card *);
/* A request's history, oldest first, *n events; for people the step's
 * Spanish name in kind and what it says in details, else the codes and
 * the JSON; NULL where empty.  Free with rs_event_lines_free. */
struct rs_event_line {
	char	*n;		/* its number in the chain */
	char	*at;
	char	*actor;
	char	*kind;
	char	*details;
	char	*due_on;
};
struct rs_event_line *rs_request_events(struct rs_db *, int64_t seq,
	    int people, size_t *n);
void	 rs_event_lines_free(struct rs_event_line *, size_t n);
/* Request seq's place in the attention order among the open ones. */
long	 rs_queue_position(struct rs_db *, int64_t seq);
/* How many answers were given after day ("YYYY-MM-DD"), by any. */
long	 rs_answers_after(struct rs_db *, const char *day);
/* Field key of the details of request seq's last event of kind, as
 * text; "" when none.  To free. */
char	*rs_last_detail(struct rs_db *, int64_t seq, const char *kind,
	    const char *key);
/* The due date the last extension replaced (Ley 1755 art. 14
 * parágrafo), or NULL; to free. */
char	*rs_due_before_extension(struct rs_db *, int64_t seq);
/* Request seq's due date now, or NULL; to free. */
char	*rs_request_due(struct rs_db *, int64_t seq);

/* ---- notices.c: what a notice reads of a request, and its record --------- */

/* A request as a notice about it reads it: copies, NULL where empty. */
struct rs_notified {
	int64_t	 seq;
	char	*email;
	char	*name;
	char	*salutation;
	char	*status;
	char	*received_at;
	char	*effective_on;
	char	*due_on;
	int	 term_days;	/* 0: no term */
	char	*type;
	char	*channel;
	char	*team;
	char	*subject;
	char	*description;
	char	*id_number;
	char	*hold_limit;
	char	*extended_to;
	char	*forwarded_to;
	char	*assignee;
	char	*phone;
	int	 anonymous;
	char	*address;
	char	*representative_name;
	char	*representative_email;
};
/* 0, or -1 when id is no request. */
int	 rs_notified_load(struct rs_db *, const char *id, struct rs_notified *);
void	 rs_notified_free(struct rs_notified *);
/* Within the caller's transaction: a notice of kind to request seq went
 * to recipient to (message msgid, via how, envelope sender unless NULL
 * or empty) at at, sent by actor; its row number in notices.  Its event
 * is the caller's. */
int64_t	 rs_notice_record(struct rs_db *, int64_t seq, const char *kind,
	    const char *to, const char *msgid, const char *via, const char *at,
	    const char *actor, const char *envelope);

/* ---- web.c: the public web page (rs-web) -------------------------------------- */

/* The form's fields: the name sent (and the input's id), the intake
 * field it fills (-1: the page's own), its Spanish label.  NULL-ended. */
struct rs_web_field {
	const char	*name;
	int		 field;
	const char	*label;
};
extern const struct rs_web_field rs_web_fields[];
/* The types the page offers, in its order; NULL-ended. */
extern const char *const rs_web_types[];

/* The bounds of what the page takes: the fields (and their text
 * together, beside the documents, whose bound is max_message), the
 * files, the age of a form; the forms an address may send in an hour
 * are the setting web_rate. */
#define RS_WEB_FIELDS_MAX	32
#define RS_WEB_TEXT_MAX		(256 * 1024)
#define RS_WEB_FILES_MAX	10
#define RS_WEB_TOKEN_AGE	(4 * 3600)
/* max_message and RS_WEB_TEXT_MAX: the largest body the page reads. */
size_t	 rs_web_body_max(struct rs_db *);
/* Ley 1437 art. 56: an address needs the consent to be notified at it
 * (and the consent an address); NULL, or what the person is told. */
const char *rs_web_consent(const char *email, const char *consent);

/* nbytes (at most 64) random bytes from getrandom(2), in hex. */
void	 rs_random_hex(char *out, size_t nbytes);
/* The form's token against cross-site requests: TIME.HMAC-SHA256 keyed
 * by the office's web_secret (made at first use) over the time and the
 * random nonce of the form's cookie.  The check: NULL, or why not. */
#define RS_NONCE_HEX	32	/* the cookie's nonce, 16 bytes in hex */
#define RS_TOKEN_LEN	96
void	 rs_web_token(struct rs_db *, const char *nonce, rs_time now,
	    char out[RS_TOKEN_LEN]);
const char *rs_web_token_check(struct rs_db *, const char *nonce,
	    const char *token, rs_time now);
/* Is it a nonce as the cookie has it (RS_NONCE_HEX lower-case hex)? */
int	 rs_web_nonce_valid(const char *nonce);

/*
 * The code a requester looks a request up with, "ABCD-EFGH-JKMN": made
 * at random (getrandom) by rs_code_make, and kept by rs_code_keep, within
 * the caller's transaction, only as a SHA-256 (access_codes), once it is
 * given: on the web page, in an acuse (given: "web", "acuse").
 * rs_code_check: the request's row number when the code is one of the
 * radicado's, else 0, in the same time whether or not the radicado
 * exists.
 */
#define RS_CODE_LEN	15
void	 rs_code_make(char code[RS_CODE_LEN]);
void	 rs_code_keep(struct rs_db *, int64_t seq, const char *id,
	    const char *code, const char *at, const char *given);
int64_t	 rs_code_check(struct rs_db *, const char *id, const char *code);
/* rs-admin check: every code belongs to a request and is kept as a
 * hash; findings. */
long	 rs_codes_audit(struct rs_db *, rs_report_fn *, void *);
/* One more submission from address in the hour of now, in its own
 * transaction; how many this hour, this one included. */
long	 rs_web_hit(struct rs_db *, const char *address, rs_time now);

/* What a requester may see of a request: never notes, assignees or
 * other people's data. */
struct rs_web_step {
	char	*at;		/* when, ISO 8601 with the offset */
	char	*what;		/* Spanish */
};
struct rs_status {
	char		*id, *status, *type, *subject;
	char		*received_at, *effective_on, *due_on;
	char		*held_on, *hold_limit, *forwarded_to;
	char		*answered_at, *outcome;
	char		*answer, *why, *will_do, *can_do;
	struct rs_web_step	*steps;
	size_t		 nsteps;
};
void	 rs_web_status(struct rs_db *, int64_t seq, struct rs_status *);
void	 rs_status_free(struct rs_status *);

/* ---- template.c: notices from templates (DESIGN §7) ----------------------- */

/* The values a template's {{name}} placeholders take. */
struct rs_vars;

struct rs_vars *rs_vars_new(void);
void	 rs_vars_set(struct rs_vars *, const char *name, const char *value);
const char *rs_vars_get(const struct rs_vars *, const char *name);
void	 rs_vars_free(struct rs_vars *);
/*
 * The file of a notice kind, KIND.txt: in the office's directory (the
 * "templates" setting, when not empty), else $RS_TEMPLATES, else the build
 * tree's share/rs/templates next to the program, else ../share/rs/templates
 * from the program's directory (an installed tree, wherever it was
 * unpacked), else the templates of the prefix it was built for.  NULL
 * when none exists.  Caller frees.
 */
char	*rs_template_path(const char *office_dir, const char *kind);
/*
 * A template is header lines ("Subject: …"), a blank line, then the body.
 * Render it: every {{name}} replaced by its value; an unknown name, an
 * unclosed "{{" or a header line without a colon is refused (NULL, *err
 * says which line and why).  Returns the headers (NAME: value lines) in
 * *headers and the body in *body; both malloc'd.
 */
int	 rs_template_render(const char *path, const struct rs_vars *,
	    char **headers, char **body, const char **err);
/* The exit status of rs(7) for the last refusal of rs_template_render:
 * 77 for a symbolic link, 66 for what is not a regular file, else 78. */
int	 rs_template_status(void);
/*
 * The headers of a notice, one table: those a template may set (text or
 * addresses), those rs sets itself, and any other (Bcc, Cc, Received…),
 * which no template sets.  len: the name's bytes.
 */
enum rs_header_use {
	RS_HEADER_TEXT, RS_HEADER_ADDRESS, RS_HEADER_OWN, RS_HEADER_UNKNOWN
};
enum rs_header_use rs_template_header(const char *name, size_t len);
/* "Subject, Reply-To, …": those a template may set, for messages */
const char *rs_template_headers(void);

/* ---- mail.c: messages out and in, with GMime 3 (DESIGN §7) ------------------- */

/* A document carried by a message: its decoded bytes. */
struct rs_attachment {
	char	*name;		/* decoded file name; never empty */
	char	*type;		/* "application/pdf" */
	char	*data;
	size_t	 len;
};

struct rs_message {
	const char	*from;		/* address */
	const char	*from_name;	/* display name, may be NULL */
	const char	*to;
	const char	*to_name;
	const char	*subject;
	const char	*message_id;	/* without <>, stable per notice */
	const char	*headers;	/* more "Name: value" lines, or NULL */
	const char	*body;		/* UTF-8 text */
	const char	*html;		/* or NULL; else multipart/alternative */
	rs_time		 date;
	/* RFC 3834: "auto-generated", "auto-replied", or NULL */
	const char	*auto_submitted;
	/* RFC 8098: where a read receipt goes (Disposition-Notification-To),
	 * or NULL */
	const char	*receipt_to;
	/* documents: multipart/mixed, the text first (html is not used) */
	const struct rs_attachment *docs;
	size_t		 ndocs;
};

/*
 * The RFC 5322 message: MIME 1.0, text/plain UTF-8 in quoted-printable,
 * non-ASCII header text as RFC 2047 encoded-words, the given Message-ID.
 * Refused (NULL, *err) when a header or address fails its check.
 */
char	*rs_message_compose(const struct rs_message *, const char **err);
/* Append the message to an mbox stream ("From " line, >From quoting). */
int	 rs_mbox_write(FILE *, const char *envelope_from, rs_time,
	    const char *message);
/*
 * Deliver into a Maildir: written in tmp/, then linked into new/; the
 * final path in *path (malloc'd).  The Maildir, tmp/, new/ and cur/ are
 * taken only as themselves (rs_open_own: never a symbolic link); tmp/,
 * new/ and cur/ are made when missing.  0, or -1 with "what: why" in
 * *why and the exit status of rs(7) in *status: 77 for a symbolic link
 * or no permission, else 73.
 */
int	 rs_maildir_deliver(const char *dir, const char *message,
	    char **path, struct rs_buf *why, int *status);
/*
 * Hand the message to sendmail: the program run without a shell as
 * PROGRAM -i -f FROM -- RECIPIENT, the message on its standard input.
 * Returns sendmail's exit status, or -1 (errno) when it could not run,
 * and -1 with EPIPE when it exited 0 without reading all of it; *taken
 * (when not NULL): the bytes it read.
 */
int	 rs_sendmail(const char *program, const char *from,
	    const char *recipient, const char *message, size_t *taken);

/* An incoming message, for rs-intake -m. */
struct rs_mail_in {
	char	*from_name;	/* decoded display name, may be empty */
	char	*from_addr;
	char	*reply_to_name;	/* Reply-To:, or NULL */
	char	*reply_to_addr;
	char	*subject;	/* decoded */
	char	*message_id;	/* without <>, NULL when there is none */
	char	*body;		/* text/plain, or the HTML made text, in UTF-8 */
	char	*attachments;	/* "informe.pdf, foto.jpg", or NULL */
	rs_time	 received;	/* the first Received: date, else Date: */
	int	 has_time;	/* whether received was found */
	const char *time_header; /* "Received" or "Date": where it was */
	/* threading: Message-IDs without <>, In-Reply-To's first */
	char	**refs;
	size_t	 nrefs;
	/* RFC 3834 and the usual non-standard marks of an automatic
	 * message: the first found, as "Header: value", or NULL */
	char	*auto_mark;
	int	 null_sender;	/* Return-Path: <> (a bounce or auto-reply) */
	/* Delivered-To, X-Original-To and To, space separated: where a
	 * per-notice bounce address (+token) shows */
	char	*rcpts;
	/* a delivery report (RFC 3464), or a bounce in a common shape */
	int	 report;	/* multipart/report; report-type=delivery-status */
	char	*dsn_action;	/* failed, delayed, …; NULL when not said */
	char	*dsn_status;	/* "5.1.1" */
	char	*dsn_diagnostic;
	char	*dsn_recipient;
	char	**returned;	/* Message-IDs of the returned message */
	size_t	 nreturned;
	/* a read receipt (RFC 8098 multipart/report; report-type=
	 * disposition-notification): its Disposition, e.g. "manual-action/
	 * MDN-sent-manually; displayed"; the message it is about is in
	 * returned (Original-Message-ID) */
	int	 mdn;
	char	*mdn_disposition;
	/* documents, in message order */
	struct rs_attachment *docs;
	size_t	 ndocs;
	/* a message forwarded as an attachment (message/rfc822, outside a
	 * report), parsed the same way; NULL when none */
	struct rs_mail_in *forwarded;
	/* the message as it came, for the record */
	char	*raw;
	size_t	 raw_len;
};
/* Parse one RFC 5322 message; 0, or -1 with *err saying why it is
 * unusable (no From address, not a message, …). */
int	 rs_mail_parse(FILE *, struct rs_mail_in *, const char **err);
/* The same, refusing a message of more than max bytes (0: no bound)
 * before anything of it is parsed. */
int	 rs_mail_parse_bounded(FILE *, size_t max, struct rs_mail_in *,
	    const char **err);
void	 rs_mail_free(struct rs_mail_in *);

/* ---- documents.c and mailbox.c: the documents kept, the mailbox sorted ---- */

#define RS_HASH_LEN	65	/* SHA-256 in hex, NUL-terminated */

/* SHA-256 of data, lower-case hex. */
void	 rs_sha256_hex(const void *, size_t, char out[RS_HASH_LEN]);
/* Store bytes once by their SHA-256 (the blobs table); the hash out. */
void	 rs_blob_put(struct rs_db *, const void *, size_t,
	    char hash[RS_HASH_LEN]);

/* A document stored and named in an event. */
struct rs_doc {
	const char	*name;
	const char	*type;
	size_t		 size;
	const char	*role;	/* message, attachment, desk, answer */
	char		 hash[RS_HASH_LEN];
};
/* "documents":[{name, type, size, role, sha256}, …] into an object. */
void	 rs_documents_json(struct rs_buf *, const struct rs_doc *, size_t n);
/*
 * Append an event of kind to request seq (RS_OFFICE: the office's own)
 * whose details (a JSON object opened and not closed, or empty) get the
 * documents' names and hashes; then the documents rows, pointing at it.
 * Within the caller's transaction; the blobs are stored already.
 */
void	 rs_documents_event(struct rs_db *, int64_t seq, const char *at,
	    const char *actor, const char *kind, struct rs_buf *details,
	    const struct rs_doc *, size_t ndocs, const char *message_id);
/* The same, the requester's data in personal (a JSON object opened, or
 * NULL) kept beside the chain (rs_event_append_personal). */
void	 rs_documents_event_personal(struct rs_db *, int64_t seq,
	    const char *at, const char *actor, const char *kind,
	    struct rs_buf *details, struct rs_buf *personal,
	    const struct rs_doc *, size_t ndocs, const char *message_id);
/* rs-queue show: a request's documents, numbered from 1. */
const struct rs_column *rs_document_columns(size_t *n);
long	 rs_documents_list(struct rs_db *, int64_t seq, struct rs_out *);
/* One document's bytes, by its number or name: NULL, else why not. */
const char *rs_document_get(struct rs_db *, int64_t seq, const char *which,
	    char **data, size_t *len, char **name);
/* A request's documents with their bytes, for a notice: those of a
 * role, or (NULL) what the requester brought.  Free with
 * rs_documents_free(). */
struct rs_attachment *rs_documents_load(struct rs_db *, int64_t seq,
	    const char *role, size_t *n);
void	 rs_documents_free(struct rs_attachment *, size_t n);
/* The documents received, "- name (N bytes)" a line (the constancia). */
char	*rs_documents_text(struct rs_db *, int64_t seq);
/* rs-admin anonymize (Ley 1581 de 2012), within its transaction: the
 * bytes of request seq's documents purged (kept while a request not
 * anonymized, or a message waiting for review, holds the same), their
 * file names and what the review list kept of its messages blanked; the
 * hashes stay, as the chained events name them. */
void	 rs_documents_purge(struct rs_db *, int64_t seq, const char *at);
/* The same for the messages of the review list discarded before the
 * date that belong to no request; how many. */
long	 rs_inbox_purge(struct rs_db *, const char *before, const char *at);
/* rs-admin check: every blob hashes to its name; every document is
 * named by its hash in its event, on its request.  Findings. */
long	 rs_documents_audit(struct rs_db *, rs_report_fn *, void *);

/* What a message makes of a request: the requester (Reply-To: when a
 * gateway set it; the original sender when the office's staff forwarded
 * it), subject, text, and who is on record beside. */
struct rs_letter {
	char	*name;
	char	*email;
	char	*subject;
	char	*description;
	char	*message_id;
	char	*forwarded_by;	/* the official who forwarded it, or NULL */
	char	*sent_by;	/* From: when Reply-To: named the requester */
	rs_time	 received;
	int	 has_time;
	const char *time_header; /* the header it came from, or NULL */
};
void	 rs_letter_from_mail(const struct rs_mail_in *,
	    const char *office_domain, struct rs_letter *);
void	 rs_letter_free(struct rs_letter *);
/* The intake fields of a letter (channel correo), for rs_intake_one. */
void	 rs_letter_fields(const struct rs_letter *, rs_time now,
	    char *v[F_NFIELDS], char received[RS_DATETIME_LEN]);

/* The rating 1-5 a person wrote as the first line of their own (quotes
 * left out): "5", "5 excelente", "Calificación: 4", "4 de 5"; 0 when
 * none.  alone: the line holds nothing else ("5.", not "3 preguntas"). */
int	 rs_rating_in(const char *body, int alone);
/* The first radicado PREFIX-YYYY-NNNNNN in text, into id; 0 if none. */
int	 rs_radicado_in(const char *text, const char *prefix, char id[32]);
/* The decisions of rs-intake -m, in the order they are tried. */
extern const char *const rs_mail_decisions[];
/* rs-intake -m's own columns, after the intake's. */
const struct rs_column *rs_mail_columns(size_t *n);

struct rs_sorted {
	const char	*decision;	/* one of rs_mail_decisions */
	char		 id[32];	/* the radicado it concerns, or "" */
	char		*detail;	/* for the operator (free it) */
	int64_t		 inbox;		/* the review item, or 0 */
	int		 seen;		/* sorted before: nothing written */
};
/*
 * Sort one message within the caller's transaction, and record all of
 * it but a new request: a bounce marks its notice failed; an automatic
 * reply is an event or waits for review; a reply is a message event
 * that resumes a held request (Ley 1755 art. 17) or records a rating.
 * "new" writes nothing: the caller registers it, then rs_mail_keep().
 */
const char *rs_mail_sort(struct rs_db *, struct rs_calendar *,
	    const struct rs_mail_in *, rs_time now, const char *actor,
	    const char *prefix, const char *office_domain, struct rs_sorted *);
/* After a new request id from m: its message and documents kept. */
void	 rs_mail_keep(struct rs_db *, const char *id,
	    const struct rs_mail_in *, const struct rs_letter *,
	    const char *actor, rs_time now);

/* rs-queue attach, answer -A: files the desk adds to request seq, in a
 * "documents" event (role desk or answer). */
void	 rs_documents_add(struct rs_db *, int64_t seq, const char *at,
	    const char *actor, const char *role,
	    const struct rs_attachment *, size_t n, const char *text);
/* A file read whole as a document named by its base name: 0, or the
 * errno of the failure. */
int	 rs_file_read(const char *path, struct rs_attachment *);
/* The bound of a message and its documents, in bytes (max_message). */
size_t	 rs_max_message(struct rs_db *);
/* NULL when the documents together fit the bound, else why not. */
const char *rs_documents_bound(struct rs_db *, const struct rs_attachment *,
	    size_t n);
/* A MIME type from a file's name; application/octet-stream else. */
const char *rs_document_type(const char *name);
/* rs-queue show: the notices of request seq and their delivery state. */
const struct rs_column *rs_notice_columns(size_t *n);
long	 rs_notices_list(struct rs_db *, int64_t seq, int spanish,
	    struct rs_out *);
/* The same for people: each notice as a Spanish sentence (to whom and
 * when it went, or that it was printed; delivered, returned and why, or
 * read), oldest first.  A NULL-terminated array; free it with
 * rs_strings_free. */
char	**rs_notices_said(struct rs_db *, int64_t seq);
void	 rs_strings_free(char **);
/* How many notices of kind went out by mail for the request (a printed
 * one has no Message-ID to tell apart). */
long	 rs_notices_sent(struct rs_db *, int64_t seq, const char *kind);

/* The notices that came back and were not sent again since (the
 * coordinator's "avisos no entregados"), oldest first. */
typedef void rs_undelivered_fn(void *, const char *id, const char *kind,
	    const char *failed_at, const char *failure, const char *team,
	    const char *assignee);
void	 rs_undelivered(struct rs_db *, rs_undelivered_fn *, void *);

/* rs-queue inbox: the review list and the operator's decisions, each
 * an event; each returns NULL when done, else why not. */
const struct rs_column *rs_inbox_columns(size_t *n);
/* The pending items (all: every one), or item n alone when n > 0. */
void	 rs_inbox_list(struct rs_db *, int all, int64_t n, struct rs_out *);
const char *rs_inbox_raw(struct rs_db *, int64_t n, char **data,
	    size_t *len);
/* attach: with resume, a request waiting for the requester resumes
 * (Ley 1755 art. 17) and *resumed is its status after, else NULL. */
const char *rs_inbox_attach(struct rs_db *, struct rs_calendar *, int64_t n,
	    const char *id, int resume, rs_time now, const char *actor,
	    const char **resumed);
const char *rs_inbox_discard(struct rs_db *, int64_t n, const char *reason,
	    const char *at, const char *actor);
/* The row number of a radicado, or 0. */
int64_t	 rs_request_seq(struct rs_db *, const char *id);
/* Within a batch (rs_intake_begin): registered as a new request, its
 * row (rs_intake_columns()) written to out. */
const char *rs_inbox_register(struct rs_db *, struct rs_intake *, int64_t n,
	    const char *type, const char *topic, const char *actor,
	    rs_time now, struct rs_out *out);

#endif /* RS_H */
