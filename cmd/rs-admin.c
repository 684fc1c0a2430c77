/* rs-admin - set-up and upkeep: init, config */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

static const char usage_text[] =
	    "usage: rs-admin [-d db] init\n"
	    "       rs-admin [-d db] [-o format] config [key [value]]\n";

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

static enum rs_format fmt;
static const char *dbopt, *fmtopt;

/* Options may come before the verb or after it. */
static void
options(int argc, char *argv[], const char *optstring)
{
	int ch;

	while ((ch = getopt(argc, argv, optstring)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			help();
			break;
		case 'o':
			fmtopt = optarg;
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

static void
init(const char *path, int argc)
{
	struct stat sb;
	struct rs_db *db;

	if (argc != 1)
		usage();
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode))
			rs_die(EX_NOPERM, "%s: is a symbolic link; refused",
			    path);
		rs_die(EX_CANTCREAT, "%s: already exists", path);
	}
	db = rs_db_open(path, 1);
	rs_db_close(db);
}

static void
config(const char *path, int argc, char *argv[])
{
	const char *const *keys, *why, *cells[2];
	struct rs_out *out;
	sqlite3_stmt *st;
	struct rs_db *db;
	char *v;
	size_t i;

	if (argc > 3)
		usage();
	if (argc >= 2 && !rs_setting_known(argv[1]))
		rs_die(EX_USAGE, "%s: unknown setting (known: %s)", argv[1],
		    rs_list_join(rs_setting_keys()));
	db = rs_db_open(path, 0);
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
		rs_db_begin(db);
		st = rs_db_prepare(db, "INSERT INTO settings (key, value) "
		    "VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
		    "value = excluded.value");
		sqlite3_bind_text(st, 1, argv[1], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, argv[2], -1, SQLITE_STATIC);
		rs_db_step(db, st);
		sqlite3_finalize(st);
		rs_db_commit(db);
	}
	rs_db_close(db);
}

int
main(int argc, char *argv[])
{
	const char *path, *verb;

	rs_setprogname(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	options(argc, argv, "+d:ho:V");
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	/* the verb's own options; getopt's messages name the program */
	verb = argv[0];
	argv[0] = (char *)rs_progname;
	optind = 1;
	options(argc, argv, "+d:ho:V");
	argv[optind - 1] = (char *)verb;
	argc -= optind - 1;
	argv += optind - 1;
	if (rs_format_parse(fmtopt, &fmt) == -1)
		rs_die(EX_USAGE, "-o: expected csv, tsv, json or table; "
		    "got \"%s\"", fmtopt);
	path = rs_db_path(dbopt);
	if (strcmp(verb, "init") == 0)
		init(path, argc);
	else if (strcmp(verb, "config") == 0)
		config(path, argc, argv);
	else {
		rs_warn("%s: unknown command", verb);
		usage();
	}
	rs_stdout_close();
	return 0;
}
