/* Fuzz target: the CSV reader, strict UTF-8 and cp1252, to the end. */
#include <stdint.h>
#include <stdio.h>

#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
read_all(const uint8_t *data, size_t size, const char *encoding)
{
	struct rs_csv *c;
	const char *err;
	char **f;
	FILE *fp;
	int n;

	if ((fp = fmemopen((void *)data, size, "r")) == NULL)
		return;
	if ((c = rs_csv_open(fp, "fuzz.csv", encoding, &err)) != NULL) {
		while ((n = rs_csv_read(c, &f)) > 0)
			(void)f[n - 1][0];	/* touch the last field */
		if (n < 0)
			(void)rs_csv_error(c), (void)rs_csv_line(c);
		rs_csv_close(c);
	}
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;	/* fmemopen wants a buffer */
	read_all(data, size, NULL);
	read_all(data, size, "cp1252");
	return 0;
}
