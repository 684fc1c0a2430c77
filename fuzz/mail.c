/* Fuzz target: an incoming message, as rs-intake -m reads it. */
#include <stdint.h>
#include <stdio.h>

#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rs_mail_in m = { 0 };
	const char *err;
	FILE *fp;

	if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	if (rs_mail_parse(fp, &m, &err) == 0)
		rs_mail_free(&m);
	fclose(fp);
	return 0;
}
