/*
 * calendar.c - national holidays, office closures and business days
 * (DESIGN §5 rules 1-4).
 *
 * The holidays are computed for any year from Ley 51 de 1983, never kept
 * by hand.  Business days are answered from a bitmap, one bit a day,
 * built a year at a time on first use, because due dates are computed
 * for every row of large imports.
 */
#include <stdlib.h>
#include <string.h>

#include "rs.h"

#define CUTOFF_DEFAULT	(16 * 3600)	/* protocol: mail after 4 pm waits */
#define CACHE_MIN_YEAR	1		/* years the bitmap may cover */
#define CACHE_MAX_YEAR	9999
#define HOLIDAY_MIN_YEAR 1
#define HOLIDAY_MAX_YEAR 999999

enum rule_kind {
	FIXED,		/* kept on its date */
	MONDAY,		/* moved to the next Monday unless already Monday */
	EASTER,		/* Easter Sunday + offset, kept */
	EASTER_MONDAY	/* Easter Sunday + offset, moved like MONDAY */
};

struct rule {
	enum rule_kind	 kind;
	int		 month;		/* FIXED, MONDAY */
	int		 mday;		/* FIXED, MONDAY; offset for EASTER* */
	const char	*name;
};

/*
 * Ley 51 de 1983 art. 1 (Código Sustantivo del Trabajo art. 177), in the
 * law's own order, which also orders the names of two feasts that share
 * a day.  The feasts of numeral 2 "cuando no caigan en día lunes se
 * trasladarán al lunes siguiente", and one that falls on a Sunday moves
 * to the Monday as well.
 */
static const struct rule rules[] = {
	{ FIXED,	 1,  1, "Año Nuevo" },
	{ MONDAY,	 1,  6, "Reyes Magos" },
	{ MONDAY,	 3, 19, "San José" },
	{ FIXED,	 5,  1, "Día del Trabajo" },
	{ MONDAY,	 6, 29, "San Pedro y San Pablo" },
	{ FIXED,	 7, 20, "Día de la Independencia" },
	{ FIXED,	 8,  7, "Batalla de Boyacá" },
	{ MONDAY,	 8, 15, "Asunción de la Virgen" },
	{ MONDAY,	10, 12, "Día de la Raza" },
	{ MONDAY,	11,  1, "Todos los Santos" },
	{ MONDAY,	11, 11, "Independencia de Cartagena" },
	{ FIXED,	12,  8, "Inmaculada Concepción" },
	{ FIXED,	12, 25, "Navidad" },
	{ EASTER,	 0, -3, "Jueves Santo" },
	{ EASTER,	 0, -2, "Viernes Santo" },
	{ EASTER_MONDAY, 0, 39, "Ascensión del Señor" },	/* Thu -> +43 */
	{ EASTER_MONDAY, 0, 60, "Corpus Christi" },		/* Thu -> +64 */
	{ EASTER_MONDAY, 0, 68, "Sagrado Corazón" },		/* Fri -> +71 */
};
#define NRULES	(sizeof(rules) / sizeof(rules[0]))

/* Names of two feasts on one day, made once and kept for the process. */
struct joined {
	struct joined	*next;
	char		 name[];
};
static struct joined	*joined_names;

/* Per-year holidays for rs_holiday_name(), filled on demand. */
#define YCACHE_SIZE	64	/* a power of two */
struct ycache {
	int			used;
	int			year;
	int			n;
	struct rs_holiday	h[RS_MAX_HOLIDAYS];
};
static struct ycache	ycache[YCACHE_SIZE];

/*
 * The business-day bitmap behind cal->cache: a set bit is a business
 * day.  It is kept for one value of cal->saturday, so a caller may flip
 * that field at any time and the next call rebuilds the map.
 */
struct bizmap {
	rs_day	first;		/* 1 January of cal->cache_first_year */
	rs_day	end;		/* 1 January after the last covered year */
	int	saturday;
	uint8_t	bits[];
};

rs_day
rs_easter(int year)
{
	int	golden, century, yy, leapc, lc, moonfix, sync, epact;
	int	yq, yr, dow, corr, month, day;

	/*
	 * The anonymous Gregorian computus (Meeus): the Paschal full moon
	 * from the Metonic cycle with the Gregorian solar and lunar
	 * corrections, then the Sunday after it.
	 */
	golden = year % 19;
	century = year / 100;
	yy = year % 100;
	leapc = century / 4;
	lc = century % 4;
	moonfix = (century + 8) / 25;
	sync = (century - moonfix + 1) / 3;
	epact = (19 * golden + century - leapc - sync + 15) % 30;
	yq = yy / 4;
	yr = yy % 4;
	dow = (32 + 2 * lc + 2 * yq - epact - yr) % 7;
	corr = (golden + 11 * epact + 22 * dow) / 451;
	month = (epact + dow - 7 * corr + 114) / 31;
	day = (epact + dow - 7 * corr + 114) % 31 + 1;
	return rs_day_from_ymd(year, month, day);
}

static rs_day
next_monday(rs_day d)
{
	/* weekday 1 is Monday: stays; Sunday (0) moves 1; Tuesday 6 */
	return d + (8 - rs_weekday(d)) % 7;
}

static const char *
join_names(const char *a, const char *b)
{
	struct joined	*j;
	size_t		 la, lb;

	la = strlen(a);
	lb = strlen(b);
	for (j = joined_names; j != NULL; j = j->next)
		if (strncmp(j->name, a, la) == 0 &&
		    strncmp(j->name + la, " y ", 3) == 0 &&
		    strcmp(j->name + la + 3, b) == 0)
			return j->name;
	j = rs_malloc(sizeof(*j) + la + 3 + lb + 1);
	memcpy(j->name, a, la);
	memcpy(j->name + la, " y ", 3);
	memcpy(j->name + la + 3, b, lb + 1);
	j->next = joined_names;
	joined_names = j;
	return j->name;
}

int
rs_holidays(int year, struct rs_holiday out[RS_MAX_HOLIDAYS])
{
	struct rs_holiday	h[NRULES], tmp;
	rs_day			easter, d;
	size_t			i, j;
	int			n;

	if (year < HOLIDAY_MIN_YEAR || year > HOLIDAY_MAX_YEAR)
		return 0;
	easter = rs_easter(year);
	for (i = 0; i < NRULES; i++) {
		switch (rules[i].kind) {
		case FIXED:
			d = rs_day_from_ymd(year, rules[i].month,
			    rules[i].mday);
			break;
		case MONDAY:
			d = next_monday(rs_day_from_ymd(year, rules[i].month,
			    rules[i].mday));
			break;
		case EASTER:
			d = easter + rules[i].mday;
			break;
		default:
			d = next_monday(easter + rules[i].mday);
			break;
		}
		h[i].day = d;
		h[i].name = rules[i].name;
	}
	/* Insertion sort: stable, so a shared day keeps the law's order. */
	for (i = 1; i < NRULES; i++) {
		tmp = h[i];
		for (j = i; j > 0 && h[j - 1].day > tmp.day; j--)
			h[j] = h[j - 1];
		h[j] = tmp;
	}
	/* DESIGN §5 rule 2: two feasts on one Monday are one day off. */
	n = 0;
	for (i = 0; i < NRULES; i++) {
		if (n > 0 && out[n - 1].day == h[i].day)
			out[n - 1].name = join_names(out[n - 1].name,
			    h[i].name);
		else
			out[n++] = h[i];
	}
	return n;
}

static const struct ycache *
year_holidays(int year)
{
	struct ycache	*c;

	c = &ycache[(unsigned)year & (YCACHE_SIZE - 1)];
	if (!c->used || c->year != year) {
		c->n = rs_holidays(year, c->h);
		c->year = year;
		c->used = 1;
	}
	return c;
}

const char *
rs_holiday_name(rs_day day)
{
	const struct ycache	*c;
	int			 y, i;

	rs_day_to_ymd(day, &y, NULL, NULL);
	c = year_holidays(y);
	for (i = 0; i < c->n && c->h[i].day <= day; i++)
		if (c->h[i].day == day)
			return c->h[i].name;
	return NULL;
}

/* ---- the office calendar ------------------------------------------------ */

static void
cache_drop(struct rs_calendar *cal)
{
	free(cal->cache);
	cal->cache = NULL;
	cal->cache_first_year = 0;
	cal->cache_years = 0;
}

void
rs_calendar_init(struct rs_calendar *cal)
{
	memset(cal, 0, sizeof(*cal));	/* Monday-Friday, no closures */
	cal->cutoff = CUTOFF_DEFAULT;
}

/* Index of the first closure on or after day. */
static size_t
closure_search(const struct rs_calendar *cal, rs_day day)
{
	size_t	lo = 0, hi = cal->nclosures, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->closures[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
rs_calendar_add_closure(struct rs_calendar *cal, rs_day day,
    const char *reason)
{
	size_t	i;
	char	*r;

	r = rs_strdup(reason != NULL ? reason : "");
	i = closure_search(cal, day);
	if (i < cal->nclosures && cal->closures[i].day == day) {
		free(cal->closures[i].reason);
		cal->closures[i].reason = r;
		return;		/* same days closed: the map still holds */
	}
	cal->closures = rs_realloc(cal->closures,
	    (cal->nclosures + 1) * sizeof(cal->closures[0]));
	memmove(&cal->closures[i + 1], &cal->closures[i],
	    (cal->nclosures - i) * sizeof(cal->closures[0]));
	cal->closures[i].day = day;
	cal->closures[i].reason = r;
	cal->nclosures++;
	cache_drop(cal);
}

const char *
rs_calendar_closure(const struct rs_calendar *cal, rs_day day)
{
	size_t	i;

	i = closure_search(cal, day);
	if (i < cal->nclosures && cal->closures[i].day == day)
		return cal->closures[i].reason;
	return NULL;
}

void
rs_calendar_free(struct rs_calendar *cal)
{
	size_t	i;

	for (i = 0; i < cal->nclosures; i++)
		free(cal->closures[i].reason);
	free(cal->closures);
	cal->closures = NULL;
	cal->nclosures = 0;
	cache_drop(cal);
}

/* DESIGN §5 rule 1, asked day by day: what the bitmap stores. */
static int
business_day_slow(struct rs_calendar *cal, rs_day day)
{
	int	wd;

	wd = rs_weekday(day);
	if (wd == 0 || (wd == 6 && !cal->saturday))
		return 0;
	return rs_holiday_name(day) == NULL &&
	    rs_calendar_closure(cal, day) == NULL;
}

static void
bit_clear(struct bizmap *m, rs_day day)
{
	uint32_t	i;

	if (day < m->first || day >= m->end)
		return;
	i = (uint32_t)(day - m->first);
	m->bits[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

/* Build the bitmap for the years first..last. */
static void
cache_build(struct rs_calendar *cal, int first, int last)
{
	const struct ycache	*yc;
	struct bizmap		*m;
	rs_day			 d, start, end;
	size_t			 ndays, i;
	int			 y, k, wd;

	start = rs_day_from_ymd(first, 1, 1);
	end = rs_day_from_ymd(last + 1, 1, 1);
	ndays = (size_t)(end - start);
	m = rs_calloc(1, sizeof(*m) + (ndays + 7) / 8);
	m->first = start;
	m->end = end;
	m->saturday = cal->saturday;

	/* Rule 1: Monday to Friday, and Saturday when the office opens. */
	wd = rs_weekday(start);
	for (i = 0; i < ndays; i++) {
		if (wd != 0 && (wd != 6 || cal->saturday))
			m->bits[i >> 3] |= (uint8_t)(1u << (i & 7));
		if (++wd == 7)
			wd = 0;
	}
	/* Rule 2: national holidays, Ley 51 de 1983. */
	for (y = first; y <= last; y++) {
		yc = year_holidays(y);
		for (k = 0; k < yc->n; k++)
			bit_clear(m, yc->h[k].day);
	}
	/* Rule 1: the office's own closures. */
	for (i = closure_search(cal, start); i < cal->nclosures &&
	    (d = cal->closures[i].day) < end; i++)
		bit_clear(m, d);

	free(cal->cache);
	cal->cache = (uint8_t *)m;
	cal->cache_first_year = first;
	cal->cache_years = last - first + 1;
}

/* The bitmap had no answer: grow it to day's year, or ask directly. */
static int
business_day_miss(struct rs_calendar *cal, rs_day day)
{
	const struct bizmap	*m;
	uint32_t		 i;
	int			 y, first, last;

	rs_day_to_ymd(day, &y, NULL, NULL);
	if (y < CACHE_MIN_YEAR || y > CACHE_MAX_YEAR)
		return business_day_slow(cal, day);
	m = (const struct bizmap *)cal->cache;
	if (m == NULL || m->saturday != cal->saturday) {
		first = last = y;
	} else {
		first = cal->cache_first_year;
		last = first + cal->cache_years - 1;
		if (y < first)
			first = y;
		/* Terms run forward: cover next year too while here. */
		if (y > last)
			last = y < CACHE_MAX_YEAR ? y + 1 : y;
	}
	cache_build(cal, first, last);
	m = (const struct bizmap *)cal->cache;
	i = (uint32_t)(day - m->first);
	return m->bits[i >> 3] >> (i & 7) & 1;
}

int
rs_business_day(struct rs_calendar *cal, rs_day day)
{
	const struct bizmap	*m;
	uint32_t		 i;

	m = (const struct bizmap *)cal->cache;
	if (m != NULL && m->saturday == cal->saturday &&
	    day >= m->first && day < m->end) {
		i = (uint32_t)(day - m->first);
		return m->bits[i >> 3] >> (i & 7) & 1;
	}
	return business_day_miss(cal, day);
}

rs_day
rs_next_business_day(struct rs_calendar *cal, rs_day day)
{
	/* Ends: every week has a Monday, and holidays and closures are
	 * finitely many. */
	do
		day++;
	while (!rs_business_day(cal, day));
	return day;
}

rs_day
rs_effective_day(struct rs_calendar *cal, rs_day day, int secs_of_day)
{
	/*
	 * DESIGN §5 rule 3, radicación efectiva: at or after the cut-off
	 * (the protocol's 4 pm: later mail is handled in the next slot), or
	 * on a day the office is closed, the request counts as received on
	 * the next business day.
	 */
	if (secs_of_day < cal->cutoff && rs_business_day(cal, day))
		return day;
	return rs_next_business_day(cal, day);
}

rs_day
rs_add_business_days(struct rs_calendar *cal, rs_day day, int n)
{
	/*
	 * DESIGN §5 rule 4.  Ley 1755 art. 14: "dentro de los quince (15)
	 * días siguientes a su recepción", so the day received never counts;
	 * Ley 4 de 1913 art. 62: terms in days leave out the days off.
	 */
	while (n-- > 0)
		day = rs_next_business_day(cal, day);
	return day;
}

int
rs_business_days_between(struct rs_calendar *cal, rs_day from, rs_day to)
{
	rs_day	lo, hi, d;
	int	count = 0;

	lo = from < to ? from : to;
	hi = from < to ? to : from;
	for (d = lo + 1; d <= hi; d++)
		count += rs_business_day(cal, d);
	return to < from ? -count : count;
}
