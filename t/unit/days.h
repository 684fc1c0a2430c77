/*
 * t/unit/days.h - dates in the unit tests: D("2024-01-24") for a day,
 * D(NULL) for none; fmt() to print one back, "(none)" for none.
 */
static rs_day
D(const char *s)
{
	rs_day	d;

	if (s == NULL)
		return RS_NO_DAY;
	if (rs_parse_date(s, &d) == -1) {
		printf("Bail out! bad date in test: %s\n", s);
		exit(2);
	}
	return d;
}

/* Eight at a time may be in use, as in one message. */
static const char *
fmt(rs_day d)
{
	static char	buf[8][RS_DATE_LEN];
	static int	i;

	if (d == RS_NO_DAY)
		return "(none)";
	i = (i + 1) % 8;
	rs_format_date(d, buf[i]);
	return buf[i];
}
