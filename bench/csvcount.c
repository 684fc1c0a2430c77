/*
 * csvcount: count the records and fields of a CSV file with libcsv and
 * nothing else; the floor under any libcsv filter's running time.
 */

#include <csv.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BLOCKSIZE	(64 * 1024)

struct counts {
	unsigned long long	 records;
	unsigned long long	 fields;
};

static void
usage(void)
{
	fprintf(stderr, "usage: csvcount [file]\n");
	exit(64);
}

static void
count_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)len;
	c->fields++;
}

static void
count_record(int term, void *data)
{
	struct counts *c = data;

	(void)term;
	c->records++;
}

int
main(int argc, char *argv[])
{
	static char buf[BLOCKSIZE];
	struct csv_parser p;
	struct counts c = { 0, 0 };
	FILE *fp;
	const char *name;
	size_t n;
	int ch;

	while ((ch = getopt(argc, argv, "")) != -1)
		usage();
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();

	if (argc == 1 && !(argv[0][0] == '-' && argv[0][1] == '\0')) {
		name = argv[0];
		if ((fp = fopen(name, "rb")) == NULL)
			err(66, "%s", name);
	} else {
		name = "stdin";
		fp = stdin;
	}

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		errx(70, "cannot initialize the CSV parser");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (csv_parse(&p, buf, n, count_field, count_record, &c) != n)
			errx(65, "%s: %s", name, csv_strerror(csv_error(&p)));
	}
	if (ferror(fp))
		err(74, "%s", name);
	if (csv_fini(&p, count_field, count_record, &c) != 0)
		errx(65, "%s: %s", name, csv_strerror(csv_error(&p)));
	csv_free(&p);

	if (printf("%llu %llu\n", c.records, c.fields) < 0 ||
	    fflush(stdout) == EOF || fclose(stdout) == EOF)
		err(74, "stdout");
	return 0;
}
