/* Fuzz target: the date, clock and date-time parsers, and a round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[RS_DATETIME_LEN], *s;
	rs_time t, u;
	rs_day d;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)rs_parse_date(s, &d);
	(void)rs_parse_clock(s);
	if (rs_parse_datetime(s, &t) == 0) {
		/* What was taken prints and reads back as the same instant. */
		rs_format_datetime(t, buf);
		if (rs_parse_datetime(buf, &u) != 0 || u != t)
			abort();
	}
	free(s);
	return 0;
}
