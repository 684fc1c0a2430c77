/*
 * csvread: read a CSV file through rs_csv_open/rs_csv_read (lib/csv.c)
 * and count its records and fields, printed as csvcount prints them; its
 * time over csvcount's is the reader's cost over the bare libcsv floor.
 */

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rs.h"

static void
usage(void)
{
	fprintf(stderr, "usage: csvread [-e encoding] [file]\n");
	exit(64);
}

int
main(int argc, char *argv[])
{
	unsigned long long records = 0, fields = 0;
	struct rs_csv *c;
	const char *encoding = NULL, *name, *msg;
	char **f;
	FILE *fp;
	int ch, n;

	while ((ch = getopt(argc, argv, "e:")) != -1)
		switch (ch) {
		case 'e':
			encoding = optarg;
			break;
		default:
			usage();
		}
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

	if ((c = rs_csv_open(fp, name, encoding, &msg)) == NULL)
		errx(65, "%s: %s", name, msg);
	while ((n = rs_csv_read(c, &f)) > 0) {
		records++;
		fields += (unsigned long long)n;
	}
	if (n < 0)
		errx(65, "%s:%ld: %s", name, rs_csv_line(c), rs_csv_error(c));
	rs_csv_close(c);

	if (printf("%llu %llu\n", records, fields) < 0 ||
	    fflush(stdout) == EOF || fclose(stdout) == EOF)
		err(74, "stdout");
	return 0;
}
