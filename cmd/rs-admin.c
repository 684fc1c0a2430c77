/* rs-admin - set-up and upkeep: init, config, closures, terms, topics,
 * users, check, backup, anonymize */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"

static const char usage_text[] =
	    "usage: rs-admin [-d db] [-g group] init\n"
	    "       rs-admin [-d db] [-n datetime] [-o format] [-u user] "
	    "config [key [value [from]]]\n"
	    "       rs-admin [-d db] [-o format] closures [list] [year]\n"
	    "       rs-admin [-d db] [-n datetime] [-o format] [-u user] "
	    "closures add date reason\n"
	    "       rs-admin [-d db] [-n datetime] [-o format] [-u user] "
	    "closures rm date\n"
	    "       rs-admin [-a] [-d db] [-o format] terms [type days "
	    "[description]]\n"
	    "       rs-admin [-d db] [-o format] topics [topic team "
	    "[description]]\n"
	    "       rs-admin [-a] [-d db] [-o format] users\n"
	    "       rs-admin [-d db] users set [--coordinator yes | no] "
	    "[--email address]\n"
	    "                [--team team] login [name]\n"
	    "       rs-admin [-d db] users activate | deactivate login\n"
	    "       rs-admin [-d db] check [--anchor seq:hash ...] "
	    "[--anchors file]\n"
	    "       rs-admin [-d db] backup file\n"
	    "       rs-admin [-d db] copy file | uri\n"
	    "       rs-admin [-d db] [-n datetime] export file\n"
	    "       rs-admin [-d db] [-n datetime] [-o format] [-u user] "
	    "anonymize [--before date]\n";

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

static const struct rs_column config_columns[] = {
	{ "key", "Clave", 0 },
	{ "value", "Valor", 0 },
};

static const struct rs_column closure_columns[] = {
	{ "date", "Fecha", 0 },
	{ "weekday", "Día", 0 },
	{ "reason", "Motivo", 0 },
};

static const struct rs_column anonymize_columns[] = {
	{ "id", "Radicado", 0 },
	{ "closed_on", "Cerrada", 0 },
};

static enum rs_format fmt;
static const char *beforeopt, *dbopt, *fmtopt, *groupopt, *nowopt, *useropt;
static const char *coordopt, *emailopt, *teamopt, *anchorsopt;
static int allopt;
/* check --anchor: the points the chain must pass through */
static struct rs_anchor *anchors;
static size_t nanchors;

static const struct option longopts[] = {
	{ "anchor", required_argument, NULL, 'A' },
	{ "anchors", required_argument, NULL, 'F' },
	{ "before", required_argument, NULL, 'B' },
	{ "coordinator", required_argument, NULL, 'C' },
	{ "email", required_argument, NULL, 'E' },
	{ "team", required_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};

#define ANCHOR_EXPECTED	"expected seq:hash, an event's number and its " \
	"hash in 64 hexadecimal digits"

static void
anchor_add(const struct rs_anchor *a)
{
	anchors = rs_realloc(anchors, (nanchors + 1) * sizeof(*anchors));
	anchors[nanchors++] = *a;
}

/* --anchor: a bad one is a usage error, and nothing is checked */
static void
anchor_opt(const char *s)
{
	struct rs_anchor a;

	if (rs_anchor_parse(s, &a) == -1)
		rs_die(EX_USAGE, "--anchor: " ANCHOR_EXPECTED "; got \"%s\"",
		    s);
	anchor_add(&a);
}

/*
 * --anchors FILE: one anchor a line, as the daily report and the backups
 * give them; what follows it on the line (a date, where it was taken)
 * and blank lines and lines starting with # are for people.
 */
static void
anchors_file(const char *path)
{
	struct rs_anchor a;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, len;
	ssize_t n;
	long lineno = 0;

	if ((fp = fopen(path, "r")) == NULL)
		rs_die(errno == ENOENT ? EX_NOINPUT : errno == EACCES ?
		    EX_NOPERM : EX_IOERR, "%s: %s", path, strerror(errno));
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		len = strspn(line, " \t");
		if (line[len] == '\0' || line[len] == '#')
			continue;
		memmove(line, line + len, strlen(line + len) + 1);
		line[strcspn(line, " \t")] = '\0';
		if (rs_anchor_parse(line, &a) == -1)
			rs_die(EX_DATAERR, "%s:%ld: " ANCHOR_EXPECTED "; got "
			    "\"%.80s\"", path, lineno, line);
		anchor_add(&a);
	}
	if (ferror(fp))
		rs_die(EX_IOERR, "%s: %s", path, strerror(errno));
	free(line);
	fclose(fp);
}

/* Options may come before the verb or after it. */
static void
options(int argc, char *argv[], const char *optstring)
{
	int ch;

	while ((ch = getopt_long(argc, argv, optstring, longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'a':
			allopt = 1;
			break;
		case 'A':
			anchor_opt(optarg);
			break;
		case 'B':
			beforeopt = optarg;
			break;
		case 'C':
			coordopt = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'E':
			emailopt = optarg;
			break;
		case 'F':
			anchorsopt = optarg;
			break;
		case 'g':
			groupopt = optarg;
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
		case 'T':
			teamopt = optarg;
			break;
		case 'u':
			useropt = optarg;
			break;
		case 'V':
			printf("rs-admin %s\n", RS_VERSION);
			rs_stdout_close();
			exit(0);
		default:
			usage();
		}
	}
}

/*
 * A shared office (init -g): several operators, Unix users of one group,
 * write one database.  SQLite makes the -wal and -shm files beside it on
 * first use, owned by whoever opens it first and given the database's
 * mode whatever that user's umask.  So the directory must be the group's,
 * group-writable and setgid (what is made in it takes its group, not the
 * maker's own), and the files the group's, mode 0660.  What the caller
 * owns (or root) is put right, each change printed; anything else is
 * explained with the commands an administrator must run, and init stops
 * there, before creating the database.
 */
static const char *
group_name(gid_t gid, char buf[32])
{
	struct group *gr;

	if ((gr = getgrgid(gid)) != NULL)
		return gr->gr_name;
	snprintf(buf, 32, "%lu", (unsigned long)gid);
	return buf;
}

static void
unshared(const char *path, int dir, const struct stat *sb, gid_t gid,
    mode_t want)
{
	char was[32], chgrp[PATH_MAX + 64] = "", chmod[PATH_MAX + 64] = "";

	if (sb->st_gid != gid)
		snprintf(chgrp, sizeof(chgrp), "chgrp %s %s", groupopt, path);
	if ((sb->st_mode & 07777) != want)
		snprintf(chmod, sizeof(chmod), "chmod %s %s",
		    dir ? "g+rwxs" : "0660", path);
	rs_die(EX_NOPERM, "%s: not set up for the group %s (group %s, mode "
	    "%04o); an administrator must run: %s%s%s", path, groupopt,
	    group_name(sb->st_gid, was), (unsigned)(sb->st_mode & 07777),
	    chgrp, *chgrp && *chmod ? " && " : "", chmod);
}

/*
 * Give the directory or file at path to the group: 1 if something was
 * changed, 0 if it was right (or, if optional, is not there).  Through a
 * descriptor opened without following links: in a group-writable
 * directory an operator could swap a file for a link under root's feet.
 */
static int
share(const char *path, int dir, gid_t gid, int optional)
{
	struct stat sb;
	mode_t mode, want;
	char was[32];
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    (dir ? O_DIRECTORY : 0));
	if (fd == -1) {
		if (errno == ENOENT && optional)
			return 0;
		if (errno == ELOOP)
			rs_die(EX_NOPERM, "%s: is a symbolic link; refused",
			    path);
		/* unreadable: still say what it lacks */
		if (errno != EACCES || lstat(path, &sb) == -1)
			rs_die(errno == EACCES ? EX_NOPERM : EX_CANTCREAT,
			    "%s: %s", path, strerror(errno));
	} else if (fstat(fd, &sb) == -1)
		rs_die(EX_IOERR, "%s: %s", path, strerror(errno));
	if (!dir && !S_ISREG(sb.st_mode))
		rs_die(EX_NOINPUT, "%s: not a regular file", path);
	mode = sb.st_mode & 07777;
	want = dir ? mode | S_ISGID | S_IRWXG : 0660;
	if (sb.st_gid == gid && mode == want) {
		if (fd != -1)
			close(fd);
		return 0;
	}
	if (fd == -1 || (geteuid() != 0 && sb.st_uid != geteuid()))
		unshared(path, dir, &sb, gid, want);
	/* the group first: a chmod by one outside the group drops setgid */
	if (sb.st_gid != gid) {
		if (fchown(fd, (uid_t)-1, gid) == -1) {
			if (errno == EPERM)	/* an owner outside the group */
				unshared(path, dir, &sb, gid, want);
			rs_die(EX_IOERR, "%s: %s", path, strerror(errno));
		}
		printf("%s: group changed from %s to %s\n", path,
		    group_name(sb.st_gid, was), groupopt);
	}
	if (mode != want) {
		if (fchmod(fd, want) == -1)
			rs_die(errno == EPERM ? EX_NOPERM : EX_IOERR, "%s: %s",
			    path, strerror(errno));
		printf("%s: mode changed from %04o to %04o\n", path,
		    (unsigned)mode, (unsigned)want);
	}
	close(fd);
	return 1;
}

/* Only a database is given to the group, never whatever -d names. */
static void
is_database(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) == -1)
		return;		/* unreadable: share() says what it lacks */
	if (read(fd, head, sizeof(head)) != (ssize_t)sizeof(head) ||
	    memcmp(head, magic, sizeof(magic)) != 0)
		rs_die(EX_DATAERR, "%s: not an rs database", path);
	close(fd);
}

static void
init(const char *path, int argc)
{
	struct stat sb;
	struct group *gr;
	const char *tmp;
	char *dir, *side;
	gid_t gid = 0;
	int changed, exists;

	if (argc != 1)
		usage();
	if (rs_db_is_uri(path)) {
		/* a new office of the server's database: its schema, as the
		 * server's roles and grants share it, not a file's group */
		if (groupopt)
			rs_die(EX_USAGE, "-g: a file's group; an office on "
			    "PostgreSQL is shared with GRANT (rs-db(5))");
		rs_db_close(rs_db_open(path, RS_DB_CREATE));
		return;
	}
	if (groupopt) {
		if ((gr = getgrnam(groupopt)) == NULL)
			rs_die(EX_USAGE, "-g: no such group \"%s\"",
			    groupopt);
		gid = gr->gr_gid;
	}
	if ((exists = lstat(path, &sb) == 0)) {
		if (S_ISLNK(sb.st_mode))
			rs_die(EX_NOPERM, "%s: is a symbolic link; refused",
			    path);
		if (groupopt == NULL)
			rs_die(EX_CANTCREAT, "%s: already exists", path);
	}
	if (groupopt) {
		dir = rs_dirname(path);
		if (exists) {
			/* an office already at work: set up what is missing,
			 * the contents untouched */
			if (!S_ISREG(sb.st_mode))
				rs_die(EX_NOINPUT, "%s: not a regular file",
				    path);
			is_database(path);
			changed = share(dir, 1, gid, 0);
			changed |= share(path, 0, gid, 0);
			side = rs_malloc(strlen(path) + 5);
			sprintf(side, "%s-wal", path);
			changed |= share(side, 0, gid, 1);
			sprintf(side, "%s-shm", path);
			changed |= share(side, 0, gid, 1);
			free(side);
			if (!changed)
				printf("%s: already set up for the group %s\n",
				    path, groupopt);
			free(dir);
			return;
		}
		share(dir, 1, gid, 0);
		free(dir);
	}
	/* made whole beside it, then put in place: a failure leaves
	 * nothing behind */
	tmp = rs_db_create(path);
	if (groupopt)
		share(tmp, 0, gid, 0);
	rs_db_place();
	if (groupopt)
		printf("%s: created, mode 0660, group %s\n", path, groupopt);
}

/* The instant and actor of the events an upkeep step writes. */
static void
event_stamp(char at[RS_DATETIME_LEN], const char **actor)
{
	rs_time now;

	if (nowopt) {
		if (rs_parse_datetime(nowopt, &now) == -1)
			rs_die(EX_USAGE, "-n: expected a date and time like "
			    "2024-08-13T16:45; got \"%s\"", nowopt);
	} else
		now = rs_now();
	rs_format_datetime(now, at);
	*actor = rs_actor(useropt);
	if (rs_has_controls(*actor, 0) || strlen(*actor) > 64)
		rs_die(EX_USAGE, "-u: expected a user name; got \"%s\"",
		    *actor);
}

/* The day of the stamp, in the office's zone: the calendar changes from
 * it on. */
static rs_day
stamp_day(const char *at)
{
	rs_time t;

	if (rs_parse_datetime(at, &t) == -1)
		rs_die(EX_SOFTWARE, "%s: bad time", at);
	return rs_local_day(t, NULL);
}

/*
 * The calendar changed inside the open transaction: move the dates of
 * the open requests with it, and list what moved.
 */
static void
reschedule(struct rs_db *db, const char *reason)
{
	struct rs_calendar cal;
	struct rs_out *out;
	const char *actor;
	char at[RS_DATETIME_LEN];
	FILE *tmp;
	long n;

	event_stamp(at, &actor);
	rs_db_calendar(db, &cal);
	/* the analysts' calendar moves with it, in the same transaction */
	rs_db_business_days(db, &cal);
	/* listed after the commit, and only when something moved */
	if ((tmp = tmpfile()) == NULL)
		rs_die(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	out = rs_out_new(tmp, fmt, rs_reschedule_columns,
	    rs_reschedule_ncolumns);
	n = rs_reschedule(db, &cal, at, actor, reason, out);
	rs_out_end(out);
	rs_calendar_free(&cal);
	rs_db_commit(db);
	if (n > 0) {
		char buf[8192];
		size_t k;

		rewind(tmp);
		while ((k = fread(buf, 1, sizeof(buf), tmp)) > 0)
			fwrite(buf, 1, k, stdout);
	}
	fclose(tmp);
}

static void
closures(const char *path, int argc, char *argv[])
{
	const char *verb = argc > 1 ? argv[1] : "list";
	const char *cells[3], *why, *actor;
	char at[RS_DATETIME_LEN], date[RS_DATE_LEN];
	struct rs_buf reason = { 0 };
	struct rs_closure *list;
	struct rs_out *out;
	struct rs_db *db;
	rs_day day;
	size_t n, i;
	int year = 0;

	if (strcmp(verb, "add") == 0) {
		if (argc != 4)
			usage();
		if (rs_parse_date(argv[2], &day) == -1)
			rs_die(EX_DATAERR, "%s: expected a date like "
			    "2024-12-24", argv[2]);
		if ((why = rs_first_day_check(day)) != NULL)
			rs_die(EX_DATAERR, "%s: %s", argv[2], why);
		if (*argv[3] == '\0' || rs_has_controls(argv[3], 0) ||
		    strlen(argv[3]) > 200)
			rs_die(EX_DATAERR, "reason: expected 1 to 200 "
			    "characters of text");
		db = rs_db_open(path, RS_DB_WRITE);
		event_stamp(at, &actor);
		rs_db_begin(db);
		if ((why = rs_db_closure_add(db, day, argv[3],
		    stamp_day(at), at)) != NULL) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s: %s", argv[2], why);
		}
		rs_buf_addf(&reason, "cierre %s: %s", argv[2], argv[3]);
		reschedule(db, rs_buf_str(&reason));
	} else if (strcmp(verb, "rm") == 0) {
		if (argc != 3)
			usage();
		if (rs_parse_date(argv[2], &day) == -1)
			rs_die(EX_DATAERR, "%s: expected a date like "
			    "2024-12-24", argv[2]);
		db = rs_db_open(path, RS_DB_WRITE);
		event_stamp(at, &actor);
		rs_db_begin(db);
		if ((why = rs_db_closure_rm(db, day, stamp_day(at))) != NULL) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s: %s", argv[2], why);
		}
		rs_buf_addf(&reason, "sin cierre %s", argv[2]);
		reschedule(db, rs_buf_str(&reason));
	} else if (strcmp(verb, "list") == 0 || (argc == 2 &&
	    rs_all_digits(verb))) {
		if (strcmp(verb, "list") == 0 ? argc > 3 : argc != 2)
			usage();
		/* "closures list 2025" or just "closures 2025" */
		why = strcmp(verb, "list") == 0 ? (argc == 3 ? argv[2] : NULL) :
		    verb;
		if (why && (!rs_all_digits(why) || strlen(why) != 4))
			rs_die(EX_USAGE, "%s: expected a year", why);
		year = why ? atoi(why) : 0;
		db = rs_db_open(path, RS_DB_WRITE);
		list = rs_db_closures(db, year, &n);
		out = rs_out_new(stdout, fmt, closure_columns, 3);
		for (i = 0; i < n; i++) {
			rs_format_date(list[i].day, date);
			cells[0] = date;
			cells[1] = rs_weekday_names[rs_weekday(list[i].day)];
			cells[2] = list[i].reason;
			rs_out_row(out, cells);
		}
		rs_out_end(out);
		rs_closures_free(list, n);
	} else {
		rs_warn("closures %s: unknown command", verb);
		usage();
	}
	rs_buf_free(&reason);
	rs_db_close(db);
}

/* A catalog key: lower-case ASCII, digits and '_', as the value sets. */
static int
valid_key(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return n >= 1 && n <= 32;
}

static void
catalog_text(const char *what, const char *v)
{
	if (*v == '\0' || rs_has_controls(v, 0) || strlen(v) > 200)
		rs_die(EX_DATAERR, "%s: expected 1 to 200 characters of text",
		    what);
}

/*
 * The term catalog, listed (the period in force of each type, or with -a
 * every period) or set for the period in force a type at a time; a
 * change applies to the requests registered afterwards.
 */
static void
terms(const char *path, int argc, char *argv[])
{
	const struct rs_column *cols;
	struct rs_out *out;
	struct rs_db *db;
	size_t ncols;
	int days;

	/* -a lists every period; a term is set for the one in force */
	if ((argc != 1 && argc != 3 && argc != 4) || (allopt && argc != 1))
		usage();
	db = rs_db_open(path, RS_DB_WRITE);
	if (argc == 1) {
		cols = rs_term_columns(allopt, &ncols);
		out = rs_out_new(stdout, fmt, cols, ncols);
		rs_db_terms_list(db, allopt, out);
		rs_out_end(out);
		rs_db_close(db);
		return;
	}
	if (!valid_key(argv[1]))
		rs_die(EX_DATAERR, "%s: expected a type name of lower-case "
		    "letters, digits and _", argv[1]);
	if (!rs_all_digits(argv[2]) || strlen(argv[2]) > 3 ||
	    (days = atoi(argv[2])) > 365)
		rs_die(EX_DATAERR, "%s: expected business days from 0 "
		    "(no term) to 365", argv[2]);
	if (argc == 4)
		catalog_text("description", argv[3]);
	rs_db_begin(db);
	rs_db_term_set(db, argv[1], days, argc == 4 ? argv[3] : NULL);
	rs_db_commit(db);
	rs_db_close(db);
}

/* The topics and the team each belongs to, listed or set a row at a
 * time. */
static void
topics(const char *path, int argc, char *argv[])
{
	const struct rs_column *cols;
	struct rs_out *out;
	struct rs_db *db;
	size_t ncols;

	if (argc != 1 && argc != 3 && argc != 4)
		usage();
	db = rs_db_open(path, RS_DB_WRITE);
	if (argc == 1) {
		cols = rs_topic_columns(&ncols);
		out = rs_out_new(stdout, fmt, cols, ncols);
		rs_db_topics_list(db, out);
		rs_out_end(out);
		rs_db_close(db);
		return;
	}
	if (!valid_key(argv[1]))
		rs_die(EX_DATAERR, "%s: expected a topic name of lower-case "
		    "letters, digits and _", argv[1]);
	if (!valid_key(argv[2]))
		rs_die(EX_DATAERR, "%s: expected a team name of lower-case "
		    "letters, digits and _", argv[2]);
	if (argc == 4)
		catalog_text("description", argv[3]);
	rs_db_begin(db);
	rs_db_topic_set(db, argv[1], argv[2], argc == 4 ? argv[3] : NULL);
	rs_db_commit(db);
	rs_db_close(db);
}

/*
 * The users catalog: listed (the active users, or with -a everyone), a
 * user added or changed a field at a time, deactivated or made active
 * again.  Users are never deleted: their logins stay in the history, and
 * a deactivated one keeps their name for it and is given no more work.
 * An empty value of --email or --team takes the field away.
 */
static void
users(const char *path, int argc, char *argv[])
{
	const struct rs_column *cols;
	const char *sub, *why, *login;
	struct rs_user u;
	struct rs_out *out;
	struct rs_db *db;
	size_t ncols;
	long open;
	int found;

	if (argc == 1) {
		db = rs_db_open(path, RS_DB_WRITE);
		cols = rs_user_columns(&ncols);
		out = rs_out_new(stdout, fmt, cols, ncols);
		rs_users_list(db, allopt, fmt == RS_FMT_TABLE, out);
		rs_out_end(out);
		rs_db_close(db);
		return;
	}
	sub = argv[1];
	if (allopt)
		usage();
	if (strcmp(sub, "set") == 0) {
		/* the options of set, before or after its operands: 0
		 * starts getopt afresh, in its permuting order */
		argv[1] = (char *)rs_progname;
		optind = 0;
		options(argc - 1, argv + 1, "d:hn:o:u:V");
		argc -= optind;
		argv += optind;
		if (argc != 2 && argc != 3)
			usage();
		login = argv[1];
		if (coordopt && strcmp(coordopt, "yes") &&
		    strcmp(coordopt, "no"))
			rs_die(EX_USAGE, "--coordinator: expected yes or no; "
			    "got \"%s\"", coordopt);
	} else if (strcmp(sub, "activate") == 0 ||
	    strcmp(sub, "deactivate") == 0) {
		if (argc != 3 || coordopt || emailopt || teamopt)
			usage();
		login = argv[2];
	} else {
		rs_warn("users %s: unknown command", sub);
		usage();
	}
	db = rs_db_open(path, RS_DB_WRITE);
	/* read, change and write the row in one write transaction */
	rs_db_begin(db);
	found = rs_user_get(db, login, &u);
	if (strcmp(sub, "set") == 0) {
		if (!found) {
			u.login = rs_strdup(login);
			u.active = 1;
		}
		if (argc == 3) {
			free(u.name);
			u.name = rs_strdup(argv[2]);
		}
		if (emailopt) {
			free(u.email);
			u.email = *emailopt ? rs_strdup(emailopt) : NULL;
		}
		if (teamopt) {
			free(u.team);
			u.team = *teamopt ? rs_strdup(teamopt) : NULL;
		}
		if (coordopt)
			u.coordinator = strcmp(coordopt, "yes") == 0;
		if ((why = rs_user_check(db, &u)) != NULL) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s: %s", login, why);
		}
	} else {
		if (!found) {
			rs_db_rollback(db);
			rs_die(EX_DATAERR, "%s: no such user", login);
		}
		u.active = strcmp(sub, "activate") == 0;
	}
	rs_user_put(db, &u);
	open = u.active ? 0 : rs_user_open_requests(db, u.login);
	rs_db_commit(db);
	/* deactivating stops new work, not the work in hand */
	if (open > 0)
		rs_warn("%s: still has %ld open request%s (rs-queue list -a, "
		    "rs-queue assign)", u.login, open, open == 1 ? "" : "s");
	rs_user_free(&u);
	rs_db_close(db);
}

static void
report(void *arg, const char *msg)
{
	rs_warn("%s: %s", (const char *)arg, msg);
}

/* what check lists that is no problem: on standard output */
static void
note(void *arg, const char *msg)
{
	printf("%s: %s\n", (const char *)arg, msg);
}

/*
 * Every line names what was checked: the file, or on a server the URI
 * (its password as ***) and the office, so that the lines of a cron job
 * that checks several offices tell them apart.
 */
static int
check(const char *path, int argc)
{
	struct rs_db *db;
	struct rs_buf name = { 0 };
	const char *office, *p;
	long problems, nreq, nev, dated;

	if (argc != 1)
		usage();
	if (anchorsopt != NULL)
		anchors_file(anchorsopt);
	db = rs_db_open(path, RS_DB_READ | RS_DB_UNTRUSTED);
	rs_buf_adds(&name, db->path);
	if ((office = rs_db_office(db)) != NULL)
		rs_buf_addf(&name, ": office \"%s\"", office);
	p = rs_buf_str(&name);
	rs_db_read_begin(db);	/* one snapshot for the whole audit */
	problems = rs_audit(db, report, (void *)p, &nreq, &nev);
	problems += rs_audit_anchors(db, anchors, nanchors, report,
	    (void *)p);
	dated = rs_audit_dated(db, note, (void *)p);
	rs_db_rollback(db);	/* it read; a damaged file may refuse COMMIT */
	rs_db_close(db);
	if (problems > 0) {
		rs_warn("%s: %ld problem%s found", p, problems,
		    problems == 1 ? "" : "s");
		rs_buf_free(&name);
		return EX_DATAERR;
	}
	printf("%s: ok: %ld request%s, %ld event%s, the chain is whole\n",
	    p, nreq, nreq == 1 ? "" : "s", nev, nev == 1 ? "" : "s");
	if (nanchors == 1)
		printf("%s: the chain passes through the anchor given\n", p);
	else if (nanchors > 1)
		printf("%s: the chain passes through the %zu anchors given\n",
		    p, nanchors);
	if (dated > 0)
		printf("%s: %ld step%s dated apart from the clock, with the "
		    "reason given\n", p, dated, dated == 1 ? "" : "s");
	rs_buf_free(&name);
	return 0;
}

/*
 * The analysts' door: a database of the views' figures with pseudonyms
 * only, which can be handed to whoever counts without the office group.
 */
static void
export(const char *path, int argc, char *argv[])
{
	struct rs_db *db;
	char at[RS_DATETIME_LEN];
	const char *actor;
	rs_time now;
	long nreq, nev, nnot;

	if (argc != 2)
		usage();
	db = rs_db_open(path, RS_DB_WRITE);
	event_stamp(at, &actor);
	(void)rs_parse_datetime(at, &now);
	rs_export(db, argv[1], now, &nreq, &nev, &nnot);
	rs_db_close(db);
	printf("%s: %ld requests, %ld events, %ld notices, no personal "
	    "data\n", argv[1], nreq, nev, nnot);
}

/*
 * The head of the chain in the copy, its last event's number and hash:
 * printed, so that cron mails it to whoever keeps the anchors, and kept
 * beside the copy in FILE.anchor, a line that check --anchors reads.
 * Taken from the copy, the one snapshot the copy is of.
 */
static void
backup_anchor(const char *copy, const char *side)
{
	struct rs_db *db;
	char head[RS_ANCHOR_LEN];
	FILE *fp;
	int fd;

	db = rs_db_open(copy, RS_DB_READ);
	(void)rs_chain_head(db, head);
	rs_db_close(db);
	if ((fd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0644)) == -1 || (fp = fdopen(fd, "w")) == NULL)
		rs_die(errno == EACCES ? EX_NOPERM : EX_CANTCREAT, "%s: %s",
		    side, strerror(errno));
	if (*head)
		fprintf(fp, "%s %s\n", head, copy);
	if (fclose(fp) == EOF)
		rs_die(EX_IOERR, "%s: %s", side, strerror(errno));
	if (*head)
		printf("%s: chain head %s\n", copy, head);
	else
		printf("%s: no events, no chain head\n", copy);
}

/*
 * An online, consistent copy through SQLite's backup API, made whole
 * beside its name and put there at the end: a failed copy leaves nothing.
 * An office on PostgreSQL is copied the same way into a new SQLite file.
 */
static void
backup(const char *path, int argc, char *argv[])
{
	struct rs_copy *copy;
	struct rs_db *db;
	struct stat sb;
	struct timespec t0, t1;
	const char *tmp, *why;
	int64_t bytes;
	int status;
	struct rs_buf side = { 0 };

	if (argc != 2)
		usage();
	if (lstat(argv[1], &sb) == 0)
		rs_die(EX_CANTCREAT, "%s: already exists", argv[1]);
	rs_buf_addf(&side, "%s.anchor", argv[1]);
	if (lstat(rs_buf_str(&side), &sb) == 0)
		rs_die(EX_CANTCREAT, "%s: already exists", rs_buf_str(&side));
	db = rs_db_open(path, RS_DB_READ);
	if (rs_db_is_pg(db)) {
		/* an office on a server: a SQLite file of it, whole, which
		 * every command opens (rs_db_copy_office) */
		rs_db_copy_office(db, argv[1]);
		rs_db_close(db);
		backup_anchor(argv[1], rs_buf_str(&side));
		rs_buf_free(&side);
		return;
	}
	/* the copy holds the same personal data: 0660 like the original */
	tmp = rs_db_stage(argv[1]);
	copy = rs_db_copy_open(tmp, argv[1]);
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "%s: %s: copiando…", rs_progname, argv[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	status = rs_db_copy(db, copy, &bytes, &why);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (isatty(STDERR_FILENO)) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		double mb = (double)bytes / 1e6;

		/* how much, and how fast, on the terminal only */
		fprintf(stderr, "\r\033[K");
		if (status == 0)
			fprintf(stderr, "%s: %s: %.1f MB copiados en %.1f s "
			    "(%.0f MB por segundo)\n", rs_progname, argv[1],
			    mb, secs, secs > 0 ? mb / secs : mb);
	}
	if (status != 0) {
		rs_db_copy_close(copy, 0);
		rs_die(status, "%s: %s", argv[1], why);
	}
	rs_db_copy_close(copy, 1);
	rs_db_place();
	rs_db_close(db);
	backup_anchor(argv[1], rs_buf_str(&side));
	rs_buf_free(&side);
}

/*
 * An office moved whole: from SQLite to PostgreSQL, back, or between
 * servers (rs_db_copy_office).
 */
static void
copy_office(const char *path, int argc, char *argv[])
{
	struct rs_db *db;
	struct stat sb;
	int64_t n;
	char *shown;

	if (argc != 2)
		usage();
	if (!rs_db_is_uri(argv[1]) && lstat(argv[1], &sb) == 0)
		rs_die(EX_CANTCREAT, "%s: already exists", argv[1]);
	db = rs_db_open(path, RS_DB_READ);
	n = rs_db_copy_office(db, argv[1]);
	rs_db_close(db);
	shown = rs_db_shown(argv[1]);	/* never a password */
	printf("%s: %lld filas copiadas\n", shown, (long long)n);
	free(shown);
}

/*
 * Ley 1581 de 2012: the personal data of finished requests past the
 * retention, made anonymous (rs_anonymize says what that takes).
 */
static void
anonymize(const char *path, int argc)
{
	struct rs_anonymized *a;
	struct rs_out *out;
	struct rs_db *db;
	const char *actor, *cells[2];
	char at[RS_DATETIME_LEN], before[RS_DATE_LEN];
	rs_day day, today;
	rs_time now;
	size_t n, i;
	char *v;
	int y, m, d, years;

	if (argc != 1)
		usage();
	if (beforeopt && rs_parse_date(beforeopt, &day) == -1)
		rs_die(EX_USAGE, "--before: expected a date like 2024-12-24; "
		    "got \"%s\"", beforeopt);
	db = rs_db_open(path, RS_DB_WRITE);
	rs_db_zone(db);
	event_stamp(at, &actor);
	if (rs_parse_datetime(at, &now) == -1)
		rs_die(EX_SOFTWARE, "%s: cannot read the present", at);
	today = rs_local_day(now, NULL);
	if (beforeopt) {
		if (day > today)
			rs_die(EX_USAGE, "--before: %s is after today (%s)",
			    beforeopt, (rs_format_date(today, before), before));
	} else {
		v = rs_setting(db, "retention");
		if (*v == '\0')
			rs_die(EX_USAGE, "anonymize: expected --before date, "
			    "or a retention in years (rs-admin config "
			    "retention years)");
		years = atoi(v);
		free(v);
		rs_day_to_ymd(today, &y, &m, &d);
		if (m == 2 && d == 29)
			d = 28;
		day = rs_day_from_ymd(y - years, m, d);
	}
	rs_format_date(day, before);
	n = rs_anonymize(db, before, at, actor, &a);
	rs_db_close(db);

	if (fmtopt) {
		out = rs_out_new(stdout, fmt, anonymize_columns, 2);
		for (i = 0; i < n; i++) {
			cells[0] = a[i].id;
			cells[1] = a[i].closed_on;
			rs_out_row(out, cells);
		}
		rs_out_end(out);
	} else
		printf("%zu request%s closed before %s anonymized\n", n,
		    n == 1 ? "" : "s", before);
	/* what the chain holds itself stays: said, not hidden */
	for (i = 0; i < n; i++)
		if (a[i].kept != NULL)
			rs_warn("%s: event%s %s still hold%s personal data in "
			    "the chain, which cannot be cleared without "
			    "breaking it (see rs-db(5))", a[i].id,
			    strchr(a[i].kept, ',') ? "s" : "", a[i].kept,
			    strchr(a[i].kept, ',') ? "" : "s");
	rs_anonymized_free(a, n);
}

static void
config(const char *path, int argc, char *argv[])
{
	const char *const *keys, *why, *cells[2];
	struct rs_out *out;
	struct rs_db *db;
	char *v;
	size_t i;

	/* saturday alone takes the day it changes from */
	if (argc > 4 || (argc == 4 && strcmp(argv[1], "saturday")))
		usage();
	if (argc >= 2 && !rs_setting_known(argv[1]))
		rs_die(EX_USAGE, "%s: unknown setting (known: %s)", argv[1],
		    rs_list_join(rs_setting_keys()));
	db = rs_db_open(path, RS_DB_WRITE);
	if (argc == 1) {
		keys = rs_setting_keys();
		out = rs_out_new(stdout, fmt, config_columns, 2);
		for (i = 0; keys[i]; i++) {
			v = rs_setting(db, keys[i]);
			cells[0] = keys[i];
			cells[1] = v;
			rs_out_row(out, cells);
			free(v);
		}
		rs_out_end(out);
	} else if (argc == 2) {
		v = rs_setting(db, argv[1]);
		printf("%s\n", v);
		free(v);
	} else {
		if ((why = rs_setting_check(argv[1], argv[2])) != NULL)
			rs_die(EX_DATAERR, "%s: %s; got \"%s\"", argv[1], why,
			    argv[2]);
		/* the mailbox's defaults must name what the catalogs have,
		 * or every incoming message would bounce */
		if (strcmp(argv[1], "mail_type") == 0 ||
		    (strcmp(argv[1], "mail_topic") == 0 && *argv[2])) {
			int known;

			known = strcmp(argv[1], "mail_type") ?
			    rs_db_topic_known(db, argv[2]) :
			    rs_db_type_known(db, argv[2]);
			if (!known)
				rs_die(EX_DATAERR, "%s: not in the %s catalog "
				    "(rs-admin %s); got \"%s\"", argv[1],
				    strcmp(argv[1], "mail_type") ? "topics" :
				    "terms", strcmp(argv[1], "mail_type") ?
				    "topics" : "terms", argv[2]);
		}
		/*
		 * DESIGN §5 rule 1: whether Saturdays count moves the open
		 * requests' dates, from the day it changes (today unless
		 * given), never before.  The cut-off is not applied
		 * backwards: it decided the effective day when each request
		 * came in.
		 */
		if (strcmp(argv[1], "saturday") == 0) {
			struct rs_buf reason = { 0 };
			const char *actor;
			char at[RS_DATETIME_LEN], from_s[RS_DATE_LEN];
			rs_day today, from;

			event_stamp(at, &actor);
			from = today = stamp_day(at);
			if (argc == 4 && rs_parse_date(argv[3], &from) == -1)
				rs_die(EX_DATAERR, "%s: expected a date like "
				    "2025-02-01", argv[3]);
			if ((why = rs_first_day_check(from)) != NULL)
				rs_die(EX_DATAERR, "%s: %s", argv[3], why);
			rs_db_begin(db);
			if ((why = rs_db_saturdays_from(db,
			    strcmp(argv[2], "yes") == 0, from, today, at))) {
				rs_db_rollback(db);
				rs_die(EX_DATAERR, "%s: %s", argv[3], why);
			}
			rs_format_date(from, from_s);
			rs_buf_addf(&reason, "%s: %s desde el %s", argv[1],
			    argv[2], from_s);
			reschedule(db, rs_buf_str(&reason));
			rs_buf_free(&reason);
		} else {
			rs_db_begin(db);
			rs_setting_set(db, argv[1], argv[2]);
			rs_db_commit(db);
		}
	}
	rs_db_close(db);
}

int
main(int argc, char *argv[])
{
	const char *path, *verb;

	rs_setprogname(argv[0]);
	rs_signals();
	options(argc, argv, "+ad:g:hn:o:u:V");
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	/* the verb's own options; getopt's messages name the program */
	verb = argv[0];
	argv[0] = (char *)rs_progname;
	optind = 1;
	options(argc, argv, "+ad:g:hn:o:u:V");
	argv[optind - 1] = (char *)verb;
	argc -= optind - 1;
	argv += optind - 1;
	if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json or table; "
		    "got \"%s\"", fmtopt);
	if ((beforeopt && strcmp(verb, "anonymize") != 0) ||
	    (groupopt && strcmp(verb, "init") != 0) ||
	    (allopt && strcmp(verb, "terms") != 0 &&
	    strcmp(verb, "users") != 0) ||
	    ((coordopt || emailopt || teamopt) && strcmp(verb, "users") != 0) ||
	    ((nanchors || anchorsopt) && strcmp(verb, "check") != 0))
		usage();
	path = rs_db_path(dbopt);
	if (strcmp(verb, "init") == 0)
		init(path, argc);
	else if (strcmp(verb, "config") == 0)
		config(path, argc, argv);
	else if (strcmp(verb, "closures") == 0)
		closures(path, argc, argv);
	else if (strcmp(verb, "terms") == 0)
		terms(path, argc, argv);
	else if (strcmp(verb, "topics") == 0)
		topics(path, argc, argv);
	else if (strcmp(verb, "users") == 0)
		users(path, argc, argv);
	else if (strcmp(verb, "check") == 0) {
		int status = check(path, argc);

		rs_stdout_close();
		return status;
	} else if (strcmp(verb, "backup") == 0)
		backup(path, argc, argv);
	else if (strcmp(verb, "copy") == 0)
		copy_office(path, argc, argv);
	else if (strcmp(verb, "export") == 0)
		export(path, argc, argv);
	else if (strcmp(verb, "anonymize") == 0)
		anonymize(path, argc);
	else {
		rs_warn("%s: unknown command", verb);
		usage();
	}
	rs_stdout_close();
	return 0;
}
