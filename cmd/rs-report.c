/*
 * rs-report - reports: the coordinator's day, a period's summary, the
 * Ley 1712 de 2014 report on petitions, and the requesters' satisfaction
 * (DESIGN §2).
 *
 * The command reads its options and the office's settings into a query
 * description (struct rs_report_query), then takes the three steps of
 * lib/report.h: load the requests the report needs (from the database,
 * or from CSV with -f), compute the report as sections of rows, and
 * render it in a format.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"
#include "report.h"

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

/* what the report is asked for, and where its requests come from */
static struct rs_report_query	 query;
static struct rs_report_source	 src;
static struct rs_calendar	 cal;
static rs_day			 today;
/* The daily report's window ends now (the end of -n's day when it is
 * a bare date: now_secs is then -1). */
static rs_time			 report_end;
static int			 now_secs;
static int			 personal, stream;	/* --personal, -f */
static int			 html, eml;	/* -o html, -o eml */
static const char		*mailto;	/* --mail-to */
static rs_day			 from, to;	/* --from, --to */

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
		for (i = 0; i < RS_NKEYS; i++)
			if (strlen(rs_report_key_names[i]) == len &&
			    strncmp(rs_report_key_names[i], p, len) == 0)
				break;
		if (i == RS_NKEYS)
			rs_die(EX_USAGE, "--by: expected channel, type, topic, "
			    "team, assignee or month; got \"%.*s\"", (int)len,
			    p);
		for (k = 0; k < query.nby; k++)
			if (query.by[k] == (int)i)
				rs_die(EX_USAGE, "--by: \"%s\" given twice",
				    rs_report_key_names[i]);
		query.by[query.nby++] = (int)i;
		if (end == NULL)
			break;
	}
}

/* -f: the requests from the CSV files named, "-" or none for stdin. */
static void
read_csv(int argc, char *argv[])
{
	FILE *fp;
	int i;

	if (argc == 0)
		rs_report_read_csv(&src, &query, stdin, "stdin");
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			rs_report_read_csv(&src, &query, stdin, "stdin");
			continue;
		}
		if ((fp = fopen(argv[i], "rb")) == NULL)
			rs_die(errno == ENOENT ? EX_NOINPUT : EX_NOPERM,
			    "%s: %s", argv[i], strerror(errno));
		rs_report_read_csv(&src, &query, fp, argv[i]);
		fclose(fp);
	}
}

/* The report on stdout in the format asked for. */
static void
render(struct rs_report *rep, enum rs_format fmt, int wide,
    const char *sender, const char *verb)
{
	struct rs_buf page = { 0 };

	if (wide)
		rs_report_wide(rep, stdout, fmt, excel);
	else if (excel)
		rs_report_excel(rep, stdout);
	else if (html) {
		rs_report_html(rep, &page);
		fputs(rs_buf_str(&page), stdout);
		rs_buf_free(&page);
	} else if (eml)
		rs_report_mail(rep, stdout, sender, mailto, verb, today);
	else if (fmt == RS_FMT_TABLE)
		rs_report_table(rep, stdout);
	else
		rs_report_long(rep, stdout, fmt);
}

/*
 * Several offices of one PostgreSQL database (RS_OFFICE=a,b,...): a
 * report of a period covers them all, each office's requests read in
 * turn, as the rows of several -f streams are.  The calendar and zone
 * are the first office's (each request's dates come with it).  The
 * daily report is one office's morning.
 */
static char	**offices;
static size_t	  noffices;

static void
offices_of(const char *verb)
{
	const char *env = getenv("RS_OFFICE");
	char *list, *name, *save;

	if (env == NULL || strchr(env, ',') == NULL)
		return;
	if (!rs_db_is_uri(rs_db_path(dbopt)))
		rs_die(EX_USAGE, "RS_OFFICE: several offices are a PostgreSQL "
		    "database's; a SQLite file is one office (-f reads the "
		    "rows of several)");
	if (strcmp(verb, "daily") == 0)
		rs_die(EX_USAGE, "daily: one office's morning; summary, pqrsd "
		    "and satisfaction cover several offices");
	list = rs_strdup(env);
	for (name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		offices = rs_realloc(offices, (noffices + 1) *
		    sizeof(*offices));
		offices[noffices++] = rs_strdup(name);
	}
	free(list);
	if (noffices == 0)
		rs_die(EX_USAGE, "RS_OFFICE: expected office names separated "
		    "by commas; got \"%s\"", env);
	/* the first office opens the report: its calendar and zone */
	setenv("RS_OFFICE", offices[0], 1);
}

/* Each office's requests as rows, and the offices' names as the
 * report's; *db (the first office's) closed. */
static void
load_offices(struct rs_db **db, char **office)
{
	struct rs_report_source one;
	struct rs_buf names = { 0 };
	char *name;
	size_t i;

	rs_db_close(*db);
	*db = src.db = NULL;
	for (i = 0; i < noffices; i++) {
		setenv("RS_OFFICE", offices[i], 1);
		memset(&one, 0, sizeof(one));
		one.db = rs_report_db_open(rs_db_path(dbopt));
		rs_report_load(&one, &query, &src.rows);
		name = rs_setting(one.db, "office_name");
		rs_buf_addf(&names, "%s%s", i ? ", " : "", name);
		free(name);
		rs_db_close(one.db);
		one.db = NULL;
		rs_report_source_free(&one);
		free(offices[i]);
	}
	free(offices);
	/* the rows say whether each answer reached its requester */
	src.notices = 1;
	free(*office);
	*office = rs_strdup(rs_buf_str(&names));
	rs_buf_free(&names);
}

int
main(int argc, char *argv[])
{
	struct rs_report rep = { 0 };
	struct rs_db *db;
	enum rs_format fmt = RS_FMT_TABLE;	/* -o html and eml leave it */
	const char *verb;
	char *office, *sender = NULL;
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
	query.kind = strcmp(verb, "daily") == 0 ? RS_REPORT_DAILY :
	    strcmp(verb, "summary") == 0 ? RS_REPORT_SUMMARY :
	    strcmp(verb, "pqrsd") == 0 ? RS_REPORT_PQRSD :
	    RS_REPORT_SATISFACTION;
	query.cal = &cal;
	query.period = period;
	query.from = from;
	query.to = to;
	query.personal = personal;

	if (stream) {
		/* the national calendar, Monday to Friday, the 16:00 cut-off:
		 * the dates rs-due -f writes come with the rows anyway */
		db = NULL;
		rs_calendar_init(&cal);
		set_now();
		read_csv(argc - optind, argv + optind);
		office = rs_strdup(rs_setting_default("office_name"));
		if (eml)
			rs_die(EX_USAGE, "-o eml needs the database's sender; "
			    "not with -f");
	} else {
		offices_of(verb);
		db = src.db = rs_report_db_open(rs_db_path(dbopt));
		rs_db_calendar(db, &cal);	/* and the office's zone */
		set_now();
		office = rs_setting(db, "office_name");
	}
	/* the trend: charts in html and eml, sparklines on a terminal */
	query.trend = html || eml || (!excel && fmtopt == NULL &&
	    fmt == RS_FMT_TABLE && isatty(STDOUT_FILENO) &&
	    query.kind == RS_REPORT_DAILY);
	if (eml && db) {
		sender = rs_setting(db, "sender");
		if (*sender == '\0')
			rs_die(EX_CONFIG, "%s: sender: not set (rs-admin config "
			    "sender ADDRESS)", db->path);
	}
	query.today = today;
	query.start = rs_report_window_start(&cal, today, now_secs);
	query.end = report_end;
	/* CSV, TSV and JSON keep the codes; people read labels */
	query.people = html || eml || fmt == RS_FMT_TABLE;
	query.office = office;

	if (noffices > 1) {
		load_offices(&db, &office);
		query.office = office;
	}
	rs_report_make(&rep, &query, &src);
	if (db) {
		rs_db_close(db);
		src.db = NULL;
	}
	render(&rep, fmt, wide, sender, verb);
	rs_report_free(&rep);
	rs_report_source_free(&src);
	free(office);
	free(sender);
	rs_calendar_free(&cal);
	rs_stdout_close();
	return 0;
}
