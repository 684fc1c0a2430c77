/*
 * time.c - civil dates as day numbers, the office's time zone, and
 * ISO 8601 in and out (DESIGN §3, Times).
 *
 * Dates never touch the C library: a day number is pure arithmetic on the
 * proleptic Gregorian calendar.  Instants are converted through the
 * office zone, which rs_zone_set() installs in TZ so that localtime_r()
 * answers for it whatever the process environment said before.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs.h"

#define SECS_PER_DAY	86400
#define DEFAULT_ZONE	"America/Bogota"
/*
 * Bogotá has kept a fixed -05:00 since the end of the 1992-93 rationing
 * time, so without tzdata this POSIX rule is still right for any date an
 * office will see.
 */
#define BOGOTA_POSIX	"<-05>5"
#define ZONEINFO	"/usr/share/zoneinfo"

/* Days from 0001-01-01 to 1970-01-01. */
#define EPOCH_ORDINAL	719162
#define DAYS_400Y	146097
#define DAYS_100Y	36524
#define DAYS_4Y		1461

static char	zone_name[128];
static int	zone_ready;

/*
 * rs_local_time() runs once a row on large imports: remember, for each
 * local day, the zone offset when it holds all day long (no transition
 * that day), so most calls need no localtime_r() at all.
 */
#define OFFCACHE_SIZE	4096	/* a power of two; 11 years without clashes */
struct offcache {
	rs_day	day;
	int32_t	off;
	int	used;
};
static struct offcache	offcache[OFFCACHE_SIZE];
/* and for instants, by UTC day: every date-time read or written asks */
static struct offcache	utccache[OFFCACHE_SIZE];

static const int cumdays[2][13] = {
	{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 },
	{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 },
};

static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b) != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

rs_day
rs_day_from_ymd(int y, int m, int d)
{
	int64_t	py, ord;

	/* Out of range months are folded into the year so this never reads
	 * outside cumdays; callers validate with rs_ymd_valid(). */
	py = (int64_t)y + floordiv(m - 1, 12);
	m = (int)((m - 1) - floordiv(m - 1, 12) * 12) + 1;
	/* Days before 1 January of py, counted from 0001-01-01. */
	py -= 1;
	ord = py * 365 + floordiv(py, 4) - floordiv(py, 100) +
	    floordiv(py, 400);
	ord += cumdays[is_leap(py + 1)][m - 1] + (d - 1);
	return (rs_day)(ord - EPOCH_ORDINAL);
}

void
rs_day_to_ymd(rs_day day, int *y, int *m, int *d)
{
	int64_t	n, q400, c100, q4, y1, year;
	int	leap, mon;

	n = (int64_t)day + EPOCH_ORDINAL;	/* 0 is 0001-01-01 */
	q400 = floordiv(n, DAYS_400Y);
	n -= q400 * DAYS_400Y;
	c100 = n / DAYS_100Y;
	if (c100 == 4)		/* 31 December of a year divisible by 400 */
		c100 = 3;
	n -= c100 * DAYS_100Y;
	q4 = n / DAYS_4Y;
	n -= q4 * DAYS_4Y;
	y1 = n / 365;
	if (y1 == 4)		/* 31 December of a leap year */
		y1 = 3;
	n -= y1 * 365;
	year = q400 * 400 + c100 * 100 + q4 * 4 + y1 + 1;
	leap = is_leap(year);
	for (mon = 1; mon < 12 && n >= cumdays[leap][mon]; mon++)
		;
	if (y != NULL)
		*y = (int)year;
	if (m != NULL)
		*m = mon;
	if (d != NULL)
		*d = (int)(n - cumdays[leap][mon - 1]) + 1;
}

int
rs_weekday(rs_day day)
{
	/* 1970-01-01 was a Thursday. */
	return (int)(((int64_t)day + 4) - floordiv((int64_t)day + 4, 7) * 7);
}

int
rs_days_in_month(int y, int m)
{
	if (m < 1 || m > 12)
		return 0;
	return cumdays[is_leap(y)][m] - cumdays[is_leap(y)][m - 1];
}

int
rs_ymd_valid(int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12)
		return 0;
	return d >= 1 && d <= rs_days_in_month(y, m);
}

/* Exactly n ASCII digits at s. */
static int
digits(const char *s, int n, int *out)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* "YYYY-MM-DD" at the start of s; the caller looks at what follows. */
static int
parse_ymd(const char *s, rs_day *day)
{
	int	y, m, d;

	if (digits(s, 4, &y) == -1 || s[4] != '-' ||
	    digits(s + 5, 2, &m) == -1 || s[7] != '-' ||
	    digits(s + 8, 2, &d) == -1)
		return -1;
	if (!rs_ymd_valid(y, m, d))
		return -1;
	*day = rs_day_from_ymd(y, m, d);
	return 0;
}

int
rs_parse_date(const char *s, rs_day *day)
{
	rs_day	d;

	if (s == NULL || strlen(s) != 10 || parse_ymd(s, &d) == -1)
		return -1;
	*day = d;
	return 0;
}

void
rs_format_date(rs_day day, char buf[RS_DATE_LEN])
{
	int	y, m, d;

	rs_day_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, RS_DATE_LEN, "%04d-%02d-%02d", y, m, d);
		return;
	}
	/* by hand: a date is written for every row of large files */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

void
rs_format_clock(int secs, char buf[16])
{
	if (secs % 60)
		snprintf(buf, 16, "%02d:%02d:%02d", secs / 3600 % 100,
		    secs / 60 % 60, secs % 60);
	else
		snprintf(buf, 16, "%02d:%02d", secs / 3600 % 100, secs / 60 % 60);
}

const char *const rs_weekday_names[7] = {
	"domingo", "lunes", "martes", "miércoles", "jueves", "viernes",
	"sábado"
};

static const char *const month_names[12] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre"
};

void
rs_format_long_date(rs_day day, char *buf, size_t len)
{
	int	y, m, d;

	rs_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, len, "%s %d de %s de %d", rs_weekday_names[rs_weekday(day)],
	    d, month_names[m - 1], y);
}

/* ---- the office zone ---------------------------------------------------- */

/*
 * Zone names are tzdata paths: letters, digits and "/_+-", never
 * absolute and never climbing out of the zoneinfo directory.
 */
static int
zone_name_ok(const char *z)
{
	const char	*p;

	if (*z == '\0' || *z == '/' || strstr(z, "..") != NULL ||
	    strlen(z) >= sizeof(zone_name))
		return 0;
	for (p = z; *p != '\0'; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("/_+-", *p) != NULL))
			return 0;
	}
	return 1;
}

/* Is path a compiled tzdata file (not zone.tab, tzdata.zi and the like)? */
static int
is_tzfile(const char *path)
{
	struct stat	st;
	char		magic[4];
	int		fd, ok;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	if ((fd = open(path, O_RDONLY)) == -1)
		return 0;
	ok = read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
	    memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return ok;
}

/*
 * Find zone's file under $TZDIR, then the system directory; on success
 * tz receives the TZ value naming that very file.
 */
static int
zone_lookup(const char *zone, char *tz, size_t tzlen)
{
	const char	*dirs[2];
	size_t		 i;
	int		 n;

	dirs[0] = getenv("TZDIR");
	dirs[1] = ZONEINFO;
	for (i = 0; i < 2; i++) {
		if (dirs[i] == NULL || *dirs[i] == '\0')
			continue;
		/* ":path" makes the C library read the file, not a rule. */
		n = snprintf(tz, tzlen, ":%s/%s", dirs[i], zone);
		if (n < 0 || (size_t)n >= tzlen)
			continue;
		if (is_tzfile(tz + 1))
			return 0;
	}
	return -1;
}

static void
offcache_clear(void)
{
	memset(offcache, 0, sizeof(offcache));
	memset(utccache, 0, sizeof(utccache));
}

int
rs_zone_set(const char *zone)
{
	char	tz[1024];

	if (zone == NULL || !zone_name_ok(zone))
		return -1;
	if (zone_lookup(zone, tz, sizeof(tz)) == -1) {
		/* Without tzdata only the zones we can spell as rules. */
		if (strcmp(zone, DEFAULT_ZONE) == 0)
			snprintf(tz, sizeof(tz), "%s", BOGOTA_POSIX);
		else if (strcmp(zone, "UTC") == 0 ||
		    strcmp(zone, "Etc/UTC") == 0)
			snprintf(tz, sizeof(tz), "UTC0");
		else
			return -1;
	}
	if (setenv("TZ", tz, 1) == -1)
		return -1;
	tzset();
	snprintf(zone_name, sizeof(zone_name), "%s", zone);
	offcache_clear();
	zone_ready = 1;
	return 0;
}

static void
zone_init(void)
{
	if (!zone_ready && rs_zone_set(DEFAULT_ZONE) == -1)
		rs_die(EX_CONFIG, "cannot select time zone %s", DEFAULT_ZONE);
}

const char *
rs_zone(void)
{
	zone_init();
	return zone_name;
}

/* The zone's offset from UTC at instant t, in seconds east. */
static long
offset_raw(rs_time t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

/*
 * The same, remembered for each UTC day whose first and last seconds
 * agree (zones change at most once a day, as rs_local_time() assumes):
 * a file of a million rows asked localtime_r() three to five times a row.
 */
static long
offset_at(rs_time t)
{
	struct offcache	*c;
	int64_t		 u = floordiv(t, SECS_PER_DAY);
	long		 o;

	c = &utccache[(uint32_t)u & (OFFCACHE_SIZE - 1)];
	if (c->used && c->day == u)
		return c->off;
	o = offset_raw(u * SECS_PER_DAY);
	if (u >= INT32_MIN && u <= INT32_MAX &&
	    offset_raw(u * SECS_PER_DAY + SECS_PER_DAY - 1) == o) {
		c->day = (rs_day)u;
		c->off = (int32_t)o;
		c->used = 1;
		return o;
	}
	return offset_raw(t);
}

/*
 * The instant of wall-clock time w (local seconds counted as if they
 * were UTC).  The offsets a day before and a day after are the only ones
 * in play; of those that reproduce w the earliest instant wins (the
 * first 01:30 when clocks fall back), and a time that does not exist
 * (clocks spring forward) is read with the offset from before the jump.
 */
static rs_time
wall_to_instant(int64_t w)
{
	long	cand[2], o;
	rs_time	best = 0;
	int	i, found = 0;

	cand[0] = offset_at(w - SECS_PER_DAY);
	cand[1] = offset_at(w + SECS_PER_DAY);
	for (i = 0; i < 2; i++) {
		o = cand[i];
		if (offset_at(w - o) == o && (!found || w - o < best)) {
			best = w - o;
			found = 1;
		}
	}
	return found ? best : w - cand[0];
}

rs_time
rs_local_time(rs_day day, int secs_of_day)
{
	struct offcache	*c;
	int64_t		 midnight;
	rs_time		 t0;
	long		 o;

	zone_init();
	midnight = (int64_t)day * SECS_PER_DAY;
	c = &offcache[(uint32_t)day & (OFFCACHE_SIZE - 1)];
	if (c->used && c->day == day)
		return midnight + secs_of_day - c->off;

	/*
	 * The day is uniform when midnight exists and the offset at its
	 * first and last second agree (zones change at most once a day).
	 */
	t0 = wall_to_instant(midnight);
	o = (long)(midnight - t0);
	if (offset_at(t0) == o && offset_at(t0 + SECS_PER_DAY - 1) == o) {
		c->day = day;
		c->off = (int32_t)o;
		c->used = 1;
		return midnight + secs_of_day - o;
	}
	return wall_to_instant(midnight + secs_of_day);
}

rs_day
rs_local_day(rs_time t, int *secs_of_day)
{
	int64_t	w, day;

	zone_init();
	w = t + offset_at(t);
	day = floordiv(w, SECS_PER_DAY);
	if (secs_of_day != NULL)
		*secs_of_day = (int)(w - day * SECS_PER_DAY);
	return (rs_day)day;
}

/* v, 0 to 99, as two digits */
static void
two(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

void
rs_format_datetime(rs_time t, char buf[RS_DATETIME_LEN])
{
	int64_t	w, day;
	long	off;
	int	secs, y, m, d, sign, offmin;

	zone_init();
	off = offset_at(t);
	/*
	 * ISO 8601 offsets have no seconds: round old local mean times to
	 * the minute and shift the wall clock with them, so the text still
	 * names exactly the instant t.
	 */
	off = (off >= 0 ? off + 30 : off - 30) / 60 * 60;
	w = t + off;
	day = floordiv(w, SECS_PER_DAY);
	secs = (int)(w - day * SECS_PER_DAY);
	rs_day_to_ymd((rs_day)day, &y, &m, &d);
	sign = off < 0 ? '-' : '+';
	/* Real offsets stay within a day; the modulo only bounds the text. */
	offmin = (int)((off < 0 ? -off : off) / 60 % (100 * 60));
	if (y < 0 || y > 9999) {
		snprintf(buf, RS_DATETIME_LEN,
		    "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d,
		    secs / 3600 % 24, secs / 60 % 60, secs % 60, sign,
		    offmin / 60, offmin % 60);
		return;
	}
	/* by hand, as rs_format_date: one for every request and event */
	rs_format_date((rs_day)day, buf);
	buf[10] = 'T';
	two(buf + 11, secs / 3600 % 24);
	buf[13] = ':';
	two(buf + 14, secs / 60 % 60);
	buf[16] = ':';
	two(buf + 17, secs % 60);
	buf[19] = (char)sign;
	two(buf + 20, offmin / 60);
	buf[22] = ':';
	two(buf + 23, offmin % 60);
	buf[25] = '\0';
}

/* "HH:MM" or "HH:MM:SS" at s; *len receives how much was read. */
static int
parse_hms(const char *s, int *secs, size_t *len)
{
	int	h, m, sec = 0;

	if (digits(s, 2, &h) == -1 || s[2] != ':' ||
	    digits(s + 3, 2, &m) == -1)
		return -1;
	*len = 5;
	if (s[5] == ':') {
		if (digits(s + 6, 2, &sec) == -1)
			return -1;
		*len = 8;
	}
	/* No leap second: a deadline clock never shows :60. */
	if (h > 23 || m > 59 || sec > 59)
		return -1;
	*secs = h * 3600 + m * 60 + sec;
	return 0;
}

int
rs_parse_clock(const char *s)
{
	size_t	len;
	int	secs;

	if (s == NULL || parse_hms(s, &secs, &len) == -1 || s[len] != '\0')
		return -1;
	return secs;
}

/* "Z", "+HH:MM", "+HHMM" or "+HH" (or '-') filling all of s. */
static int
parse_offset(const char *s, long *off)
{
	int	h, m = 0, sign;

	if (strcmp(s, "Z") == 0) {
		*off = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(s, 2, &h) == -1)
		return -1;
	s += 2;
	if (*s == ':') {
		if (digits(s + 1, 2, &m) == -1)
			return -1;
		s += 3;
	} else if (*s != '\0') {
		if (digits(s, 2, &m) == -1)
			return -1;
		s += 2;
	}
	if (*s != '\0' || h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

int
rs_parse_datetime(const char *s, rs_time *t)
{
	rs_day	day;
	size_t	len;
	rs_time	w;
	long	off;
	int	secs, y, m, d;

	if (s == NULL || parse_ymd(s, &day) == -1)
		return -1;
	s += 10;
	if (*s == '\0') {
		*t = rs_local_time(day, 0);
		return 0;
	}
	if (*s != 'T' && *s != ' ')
		return -1;
	s++;
	if (parse_hms(s, &secs, &len) == -1)
		return -1;
	s += len;
	if (*s == '\0') {
		*t = rs_local_time(day, secs);
		return 0;
	}
	if (parse_offset(s, &off) == -1)
		return -1;
	w = (int64_t)day * SECS_PER_DAY + secs - off;
	/*
	 * An offset can carry the instant across a year boundary: refuse
	 * what the office's own clock could not write back as a year
	 * 0001..9999, so every instant taken prints and reads again.
	 */
	rs_day_to_ymd(rs_local_day(w, NULL), &y, &m, &d);
	if (!rs_ymd_valid(y, m, d))
		return -1;
	*t = w;
	return 0;
}

int
rs_wall_clock(rs_time *t)
{
	const char *v;

	if ((v = getenv("RS_CLOCK")) == NULL || *v == '\0') {
		*t = (rs_time)time(NULL);
		return 0;
	}
	if (strcmp(v, "claimed") == 0)
		return 1;
	if (rs_parse_datetime(v, t) == -1)
		rs_die(EX_USAGE, "RS_CLOCK: expected a date and time like "
		    "2024-08-13T16:45, or claimed; got \"%s\"", v);
	return 0;
}

const char *
rs_claim_future(rs_time claimed, int day_only, const char *claim,
    struct rs_buf *why)
{
	char clock[RS_DATETIME_LEN];
	rs_time wall;

	if (rs_wall_clock(&wall) || (day_only ? rs_local_day(claimed, NULL) <=
	    rs_local_day(wall, NULL) : claimed <= wall))
		return NULL;
	rs_format_datetime(wall, clock);
	return rs_refuse(why, "-n %s: a step cannot be dated in the future "
	    "(the clock says %s)", claim, clock);
}

void
rs_claim_not_future(rs_time claimed)
{
	struct rs_buf why = { 0 };
	char claim[RS_DATETIME_LEN];

	rs_format_datetime(claimed, claim);
	if (rs_claim_future(claimed, 0, claim, &why) != NULL)
		rs_die(EX_DATAERR, "%s", rs_buf_str(&why));
}

rs_time
rs_now(void)
{
	rs_time t;

	if (rs_wall_clock(&t))
		return (rs_time)time(NULL);
	return t;
}
