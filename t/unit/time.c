/*
 * t/unit/time.c - day numbers, the office zone, ISO 8601 in and out.
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"
#include "tap.h"

/* Is tzdata installed?  Without it only Bogotá (a fixed -05) and UTC. */
static int
have_zone(const char *zone)
{
	char		 path[1024];
	const char	*dir;

	if ((dir = getenv("TZDIR")) != NULL && *dir != '\0') {
		snprintf(path, sizeof(path), "%s/%s", dir, zone);
		if (access(path, R_OK) == 0)
			return 1;
	}
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	return access(path, R_OK) == 0;
}

static const char *
fmt_date(rs_day d)
{
	static char	buf[4][RS_DATE_LEN];
	static int	i;

	i = (i + 1) % 4;
	rs_format_date(d, buf[i]);
	return buf[i];
}

/* The instant s parses to, formatted back in the office zone. */
static const char *
roundtrip(const char *s)
{
	static char	buf[RS_DATETIME_LEN];
	rs_time		t;

	if (rs_parse_datetime(s, &t) == -1)
		return NULL;
	rs_format_datetime(t, buf);
	return buf;
}

/*
 * In a child whose TZ says tz before rs is first used, parse and format
 * a few times; the answer must not depend on tz.
 */
static void
check_env_zone(const char *tz, int call_zone_set)
{
	static const char *in[] = {
		"2024-08-13T16:45", "2024-08-13T21:45:00Z", "2024-08-13",
		"2024-12-31 23:59:59",
	};
	char	out[512], want[512], tmp[64];
	int	fd[2], status;
	size_t	i, n;
	ssize_t	r;
	pid_t	pid;
	rs_time	t;
	rs_day	d;
	int	secs;

	want[0] = '\0';
	strcat(want, "2024-08-13T16:45:00-05:00 2024-08-13 60300|");
	strcat(want, "2024-08-13T16:45:00-05:00 2024-08-13 60300|");
	strcat(want, "2024-08-13T00:00:00-05:00 2024-08-13 0|");
	strcat(want, "2024-12-31T23:59:59-05:00 2024-12-31 86399|");
	strcat(want, "America/Bogota");

	if (pipe(fd) == -1 || (pid = fork()) == -1) {
		ok(0, "TZ=%s: fork", tz);
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		setenv("TZ", tz, 1);
		tzset();
		if (call_zone_set && rs_zone_set("America/Bogota") == -1)
			_exit(2);
		out[0] = '\0';
		for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
			if (rs_parse_datetime(in[i], &t) == -1)
				_exit(3);
			rs_format_datetime(t, tmp);
			d = rs_local_day(t, &secs);
			n = strlen(out);
			snprintf(out + n, sizeof(out) - n, "%s %s %d|", tmp,
			    fmt_date(d), secs);
		}
		n = strlen(out);
		snprintf(out + n, sizeof(out) - n, "%s", rs_zone());
		if (write(fd[1], out, strlen(out)) == -1)
			_exit(4);
		_exit(0);
	}
	close(fd[1]);
	n = 0;
	while (n < sizeof(out) - 1 &&
	    (r = read(fd[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "TZ=%s%s: child ran", tz, call_zone_set ? " + rs_zone_set" : "");
	is_str(out, want, "TZ=%s%s: same instants and local days", tz,
	    call_zone_set ? " + rs_zone_set" : "");
}

static void
test_days(void)
{
	static const struct {
		const char	*s;
		rs_day		 day;
		int		 wday;
	} t[] = {
		{ "1970-01-01", 0, 4 },
		{ "1969-12-31", -1, 3 },
		{ "2000-03-01", 11017, 3 },
		{ "2024-08-13", 19948, 2 },
		{ "1900-03-01", -25508, 4 },
		{ "1600-02-29", -135081, 2 },
		{ "0001-01-01", -719162, 1 },
		{ "9999-12-31", 2932896, 5 },
	};
	size_t	i;
	rs_day	d, prev;
	int	y, m, dd, bad, wd, py;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = 12345;
		ok(rs_parse_date(t[i].s, &d) == 0 && d == t[i].day,
		    "%s is day %ld", t[i].s, (long)t[i].day);
		is_int(rs_weekday(t[i].day), t[i].wday, "%s weekday", t[i].s);
		is_str(fmt_date(t[i].day), t[i].s, "%s formats back", t[i].s);
	}

	/* Every day of years 1..9999: consecutive, valid, weekday steps. */
	bad = 0;
	prev = rs_day_from_ymd(1, 1, 1) - 1;
	wd = rs_weekday(prev);
	py = 0;
	for (d = prev + 1; d <= rs_day_from_ymd(9999, 12, 31); d++) {
		rs_day_to_ymd(d, &y, &m, &dd);
		wd = (wd + 1) % 7;
		if (!rs_ymd_valid(y, m, dd) || rs_day_from_ymd(y, m, dd) != d ||
		    rs_weekday(d) != wd || (y != py && (m != 1 || dd != 1)))
			bad++;
		py = y;
	}
	is_int(bad, 0, "years 1..9999 convert both ways, day by day");

	is_int(rs_days_in_month(2024, 2), 29, "February 2024 has 29 days");
	is_int(rs_days_in_month(2023, 2), 28, "February 2023 has 28 days");
	is_int(rs_days_in_month(1900, 2), 28, "February 1900 has 28 days");
	is_int(rs_days_in_month(2000, 2), 29, "February 2000 has 29 days");
	is_int(rs_days_in_month(2024, 4), 30, "April has 30 days");
	is_int(rs_days_in_month(2024, 13), 0, "month 13 has no days");
}

static void
test_parse_date(void)
{
	static const char *good[] = {
		"2024-02-29", "2000-02-29", "2024-12-31", "0001-01-01",
		"9999-12-31",
	};
	static const char *bad[] = {
		"2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
		"2024-04-31", "2024-01-00", "2024-01-32", "0000-01-01",
		"2024-1-01", "2024-01-1", "24-01-01", "2024/01/01",
		"2024-01-01 ", " 2024-01-01", "2024-01-01T00:00", "",
		"20240101", "2024-0a-01", "+024-01-01", "2024--1-01",
	};
	size_t	i;
	rs_day	d;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ok(rs_parse_date(good[i], &d) == 0 &&
		    strcmp(fmt_date(d), good[i]) == 0, "date \"%s\" is good",
		    good[i]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = 777;
		ok(rs_parse_date(bad[i], &d) == -1 && d == 777,
		    "date \"%s\" is refused", bad[i]);
	}
}

static void
test_datetime(void)
{
	static const struct {
		const char	*in;
		const char	*out;
		int		 history;	/* needs Bogotá's tzdata */
	} good[] = {
		{ "2024-08-13T16:45", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13 16:45", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13T16:45:00", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13 16:45:07", "2024-08-13T16:45:07-05:00", 0 },
		{ "2024-08-13T21:45:00Z", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13T21:45Z", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13 16:45:00+02:00", "2024-08-13T09:45:00-05:00", 0 },
		{ "2024-08-13T16:45:00-05:00", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13T16:45-0500", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13T16:45:00-05", "2024-08-13T16:45:00-05:00", 0 },
		{ "2024-08-13T16:45:00+0530", "2024-08-13T06:15:00-05:00", 0 },
		{ "2024-08-13T00:00:00+00:00", "2024-08-12T19:00:00-05:00", 0 },
		{ "2024-08-13", "2024-08-13T00:00:00-05:00", 0 },
		{ "2024-02-29T23:59:59", "2024-02-29T23:59:59-05:00", 0 },
		{ "2025-01-01T04:59:59Z", "2024-12-31T23:59:59-05:00", 0 },
		{ "2024-08-13T00:00", "2024-08-13T00:00:00-05:00", 0 },
		/* Bogotá's 1992-93 rationing time: tzdata knows it */
		{ "1992-06-01T12:00", "1992-06-01T12:00:00-04:00", 1 },
		/* clocks went from 00:00 to 01:00 on 3 May 1992 */
		{ "1992-05-03", "1992-05-03T01:00:00-04:00", 1 },
		/* and 24:00 back to 23:00 on 6 Feb 1993: the first 23:30 */
		{ "1993-02-06T23:30", "1993-02-06T23:30:00-04:00", 1 },
		{ "1993-02-07T04:30:00Z", "1993-02-06T23:30:00-05:00", 1 },
		{ "1993-02-07T00:00", "1993-02-07T00:00:00-05:00", 1 },
		/*
		 * Bogotá mean time, -4:56:16: the offset is rounded to the
		 * minute and the wall clock follows, so the text still
		 * names the same instant
		 */
		{ "1900-01-01T04:56:16Z", "1900-01-01T00:00:16-04:56", 1 },
		{ "1900-01-01T00:00:16-04:56", "1900-01-01T00:00:16-04:56", 1 },
	};
	static const char *bad[] = {
		"2024-08-13T24:00", "2024-08-13T16:60", "2024-08-13T16:45:60",
		"2024-08-13T16:45x", "2024-08-13T16:45:00x", "",
		"2024-08-13T", "2024-08-13T16", "2024-08-13T1:45",
		"2024-08-13T16:45:00.5", "2024-08-13T16:45:00.000Z",
		"2024-08-13t16:45", "2024-08-13_16:45", "2024-08-13T16:45 ",
		"2024-08-13T16:45:00z", "2024-08-13T16:45+5",
		"2024-08-13T16:45+05:0",
		"2024-08-13T16:45+05:", "2024-08-13T16:45+24:00",
		"2024-08-13T16:45+05:60", "2024-08-13T16:45+05:00:00",
		"2024-08-13Z", "2023-02-29T10:00", "2024-04-31 10:00",
		"2024-8-13T16:45", "2024-08-13T16:4", "2024-08-13  16:45",
		"2024-08-13T16:45-", "2024-08-13T16:45Z0",
		/* offsets that carry the instant out of the years 1..9999 */
		"9999-12-31T23:59-12:00", "0001-01-01T00:00+14:00",
	};
	size_t	i;
	rs_time	t;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (good[i].history && !have_zone("America/Bogota"))
			skip("datetime \"%s\": no tzdata", good[i].in);
		else
			is_str(roundtrip(good[i].in), good[i].out,
			    "datetime \"%s\"", good[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = 4242;
		ok(rs_parse_datetime(bad[i], &t) == -1 && t == 4242,
		    "datetime \"%s\" is refused", bad[i]);
	}
	ok(rs_parse_datetime("2024-08-13T21:45:00Z", &t) == 0 &&
	    t == 1723585500, "2024-08-13T21:45:00Z is 1723585500");
	ok(rs_parse_datetime("1970-01-01T00:00:00Z", &t) == 0 && t == 0,
	    "the epoch is 0");
}

static void
test_local(void)
{
	static const struct {
		const char	*in;
		const char	*day;
		int		 secs;
	} t[] = {
		{ "2024-08-13T23:59:59", "2024-08-13", 86399 },
		{ "2024-08-14T00:00:00", "2024-08-14", 0 },
		{ "2024-08-14T04:59:59Z", "2024-08-13", 86399 },
		{ "2024-08-14T05:00:00Z", "2024-08-14", 0 },
		{ "2024-08-14T00:30:00Z", "2024-08-13", 70200 },
		{ "2025-01-01T03:00:00Z", "2024-12-31", 79200 },
		{ "1969-12-31T23:59:59", "1969-12-31", 86399 },
		{ "1960-06-15T12:00", "1960-06-15", 43200 },
	};
	size_t	i;
	rs_time	tt;
	rs_day	d;
	int	secs;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		secs = -1;
		if (rs_parse_datetime(t[i].in, &tt) == -1) {
			ok(0, "%s parses", t[i].in);
			continue;
		}
		d = rs_local_day(tt, &secs);
		is_str(fmt_date(d), t[i].day, "%s is local day %s", t[i].in,
		    t[i].day);
		is_int(secs, t[i].secs, "%s is %d s after local midnight",
		    t[i].in, t[i].secs);
	}
	rs_parse_datetime("2024-08-13T10:00", &tt);
	is_int(rs_local_day(tt, NULL), 19948, "rs_local_day takes NULL secs");
	is_int(rs_local_time(19948, 36000), tt,
	    "rs_local_time(2024-08-13, 10:00) is the parsed instant");
	is_int(rs_local_time(19948, 36000), tt, "and again from the cache");
	is_int(rs_local_time(19948, 0), 1723525200,
	    "2024-08-13 local midnight is 05:00Z");
}

static void
test_clock(void)
{
	static const struct {
		const char	*s;
		int		 secs;
	} t[] = {
		{ "00:00", 0 }, { "16:00", 57600 }, { "15:59:59", 57599 },
		{ "23:59:59", 86399 }, { "08:05", 29100 }, { "24:00", -1 },
		{ "12:60", -1 }, { "12:00:60", -1 }, { "8:00", -1 },
		{ "08:00:0", -1 }, { "08:00 ", -1 }, { "", -1 },
		{ "0800", -1 }, { "08:00:00:00", -1 }, { "ab:cd", -1 },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(rs_parse_clock(t[i].s), t[i].secs, "clock \"%s\"",
		    t[i].s);
}

static void
test_zones(void)
{
	static const char *bad[] = {
		"Nowhere/Land", "", "../../etc/passwd", "/etc/localtime",
		"America/../America/Bogota", "zone.tab", "America",
		"America/Bogota ", "<-05>5", "EST5EDT,M3.2.0,M11.1.0",
	};
	char	buf[RS_DATETIME_LEN];
	size_t	i;
	rs_time	t;
	rs_day	d, day;
	int	secs, h, bad_rt, bad_first;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(rs_zone_set(bad[i]), -1, "zone \"%s\" is unknown",
		    bad[i]);
	is_str(rs_zone(), "America/Bogota", "a refused zone leaves the old");
	is_int(rs_zone_set(NULL), -1, "zone NULL is unknown");

	is_int(rs_zone_set("UTC"), 0, "zone UTC");
	is_str(rs_zone(), "UTC", "rs_zone() says UTC");
	is_str(roundtrip("2024-08-13T16:45"), "2024-08-13T16:45:00+00:00",
	    "UTC wall time is written +00:00");
	is_str(roundtrip("2024-08-13T16:45-05:00"),
	    "2024-08-13T21:45:00+00:00", "an offset is honoured in UTC");

	if (!have_zone("Asia/Tokyo") || !have_zone("America/New_York") ||
	    !have_zone("Europe/Madrid")) {
		skip("zones other than Bogotá and UTC: no tzdata");
		rs_zone_set("America/Bogota");
		return;
	}
	is_int(rs_zone_set("Asia/Tokyo"), 0, "zone Asia/Tokyo");
	is_str(roundtrip("2024-08-13T16:45"), "2024-08-13T16:45:00+09:00",
	    "Tokyo wall time");
	is_str(roundtrip("2024-08-13T21:45:00Z"), "2024-08-14T06:45:00+09:00",
	    "Tokyo is a day ahead late in the UTC evening");

	is_int(rs_zone_set("America/New_York"), 0, "zone America/New_York");
	is_str(roundtrip("2024-11-03T01:30"), "2024-11-03T01:30:00-04:00",
	    "New York fall back: the first 01:30");
	is_str(roundtrip("2024-11-03T06:30:00Z"), "2024-11-03T01:30:00-05:00",
	    "New York fall back: the second 01:30 by offset");
	is_str(roundtrip("2024-11-03T00:30"), "2024-11-03T00:30:00-04:00",
	    "New York before fall back");
	is_str(roundtrip("2024-11-03T03:00"), "2024-11-03T03:00:00-05:00",
	    "New York after fall back");
	is_str(roundtrip("2024-03-10T02:30"), "2024-03-10T03:30:00-04:00",
	    "New York spring forward: a missing 02:30 reads as EST");
	is_str(roundtrip("2024-03-10T01:59:59"), "2024-03-10T01:59:59-05:00",
	    "New York just before spring forward");
	is_str(roundtrip("2024-03-10T03:00"), "2024-03-10T03:00:00-04:00",
	    "New York just after spring forward");

	/*
	 * Every quarter hour of 2023-2025 in New York: the instant shows
	 * the same wall time back (but in the spring gap), and is the
	 * earliest one that does.
	 */
	bad_rt = bad_first = 0;
	for (day = rs_day_from_ymd(2023, 1, 1);
	    day <= rs_day_from_ymd(2025, 12, 31); day++) {
		for (h = 0; h < 86400; h += 900) {
			t = rs_local_time(day, h);
			d = rs_local_day(t, &secs);
			if (d != day || secs != h) {
				/* only the missing hour may move, by 1 h */
				if (d != day || secs != h + 3600)
					bad_rt++;
				continue;
			}
			d = rs_local_day(t - 3600, &secs);
			if (d == day && secs == h)
				bad_first++;
		}
	}
	is_int(bad_rt, 0, "New York 2023-2025: wall times round-trip");
	is_int(bad_first, 0, "New York 2023-2025: the earliest instant");

	is_int(rs_zone_set("Europe/Madrid"), 0, "zone Europe/Madrid");
	is_str(roundtrip("2024-07-01T12:00"), "2024-07-01T12:00:00+02:00",
	    "Madrid summer time");
	is_str(roundtrip("2024-01-01T12:00"), "2024-01-01T12:00:00+01:00",
	    "Madrid winter time");

	is_int(rs_zone_set("America/Bogota"), 0, "zone America/Bogota again");
	is_str(rs_zone(), "America/Bogota", "rs_zone() says America/Bogota");
	rs_parse_datetime("2024-08-13T16:45", &t);
	rs_format_datetime(t, buf);
	is_str(buf, "2024-08-13T16:45:00-05:00", "back in Bogotá");
}

/* rs_format_int writes what printf's %lld writes, and says how long */
static void
test_format_int(void)
{
	static const int64_t v[] = {
		0, 1, -1, 9, 10, 99, 100, 123456, 999999, 1000000, -42,
		INT64_MAX, INT64_MIN, INT64_MIN + 1
	};
	char got[24], want[24];
	size_t i, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), "%lld", (long long)v[i]);
		n = rs_format_int(v[i], got);
		is_str(got, want, "rs_format_int(%s)", want);
		is_int((int)n, (int)strlen(want), "... and its length");
	}
}

int
main(void)
{
	/*
	 * Whatever the environment says, rs starts in Bogotá: each child
	 * sets TZ before its first rs call, so these run before this
	 * process uses rs at all.
	 */
	check_env_zone("UTC", 0);
	check_env_zone("Asia/Tokyo", 0);
	check_env_zone("garbage", 0);
	check_env_zone("Europe/Madrid", 1);
	check_env_zone(":/nonexistent/zone", 1);

	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	is_str(rs_zone(), "America/Bogota", "default zone is America/Bogota");
	test_days();
	test_parse_date();
	test_datetime();
	test_local();
	test_clock();
	test_zones();
	test_format_int();
	return done();
}
