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
	rs_day	 first;		/* 1 January of cal->cache_first_year */
	rs_day	 end;		/* 1 January after the last covered year */
	int	 saturday;
	int32_t	*rank;		/* rank[i]: business days in [first, first+i) */
	uint8_t	 bits[];
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
	if (cal->cache)
		free(((struct bizmap *)cal->cache)->rank);
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

void
rs_calendar_saturdays_from(struct rs_calendar *cal, rs_day from, int open)
{
	size_t i;

	for (i = 0; i < cal->nsaturdays && cal->saturdays[i].from < from; i++)
		;
	if (i < cal->nsaturdays && cal->saturdays[i].from == from) {
		cal->saturdays[i].open = open;
	} else {
		cal->saturdays = rs_realloc(cal->saturdays,
		    (cal->nsaturdays + 1) * sizeof(cal->saturdays[0]));
		memmove(&cal->saturdays[i + 1], &cal->saturdays[i],
		    (cal->nsaturdays - i) * sizeof(cal->saturdays[0]));
		cal->saturdays[i].from = from;
		cal->saturdays[i].open = open;
		cal->nsaturdays++;
	}
	cache_drop(cal);
}

int
rs_calendar_saturday_open(const struct rs_calendar *cal, rs_day day)
{
	size_t i;
	int open = cal->saturday;

	/* a handful of changes in an office's life: a walk will do */
	for (i = 0; i < cal->nsaturdays && cal->saturdays[i].from <= day; i++)
		open = cal->saturdays[i].open;
	return open;
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
	free(cal->saturdays);
	cal->saturdays = NULL;
	cal->nsaturdays = 0;
	cache_drop(cal);
}

/* DESIGN §5 rule 1, asked day by day: what the bitmap stores. */
static int
business_day_slow(struct rs_calendar *cal, rs_day day)
{
	int	wd;

	wd = rs_weekday(day);
	if (wd == 0 || (wd == 6 && !rs_calendar_saturday_open(cal, day)))
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

	/* Rule 1: Monday to Friday, and Saturday when the office opened
	 * on Saturdays that day. */
	wd = rs_weekday(start);
	for (i = 0; i < ndays; i++) {
		if (wd != 0 && (wd != 6 || rs_calendar_saturday_open(cal,
		    start + (rs_day)i)))
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
	/* prefix counts: days_left for a whole file in constant time a row */
	m->rank = rs_calloc(ndays + 1, sizeof(*m->rank));
	for (i = 0; i < ndays; i++)
		m->rank[i + 1] = m->rank[i] + (m->bits[i >> 3] >> (i & 7) & 1);

	if (cal->cache)
		free(((struct bizmap *)cal->cache)->rank);
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

	const struct bizmap *m;

	lo = from < to ? from : to;
	hi = from < to ? to : from;
	/* both ends in the bitmap (building it if need be): subtract ranks */
	rs_business_day(cal, lo);
	rs_business_day(cal, hi);
	m = (const struct bizmap *)cal->cache;
	if (m != NULL && m->saturday == cal->saturday && lo >= m->first &&
	    hi < m->end)
		count = m->rank[hi - m->first + 1] - m->rank[lo - m->first + 1];
	else
		for (d = lo + 1; d <= hi; d++)
			count += rs_business_day(cal, d);
	return to < from ? -count : count;
}

/* ---- the legal clock: DESIGN §5 rules 4-8 -------------------------------- */

const char *const rs_state_names[RS_NSTATES] = {
	"vencida", "vence_hoy", "por_vencer", "no_notificada",
	"requerimiento_no_notificado", "desistimiento", "en_espera", "al_dia", "a_tiempo", "extemporanea"
};

#define LAW_TERM	"Ley 1755 de 2015 art. 14"
#define LAW_DAYS	"Ley 4 de 1913 art. 62"
#define LAW_HOLIDAYS	"Ley 51 de 1983"
#define LAW_HOLD	"Ley 1755 de 2015 art. 17"
#define LAW_EXTENSION	"Ley 1755 de 2015 art. 14 parágrafo"
#define LAW_FORWARD	"Ley 1755 de 2015 art. 21"
#define LAW_CUTOFF	"protocolo de atención: hora de corte de la radicación"
#define LAW_KEPT	"Ley 4 de 1913 art. 62: cada día cuenta como fue"

struct walk {
	struct rs_calendar	*cal;
	const struct rs_clock	*clock;
	int			 term;
	rs_day			 until;	/* stop after this day, or RS_NO_DAY */
	rs_step_fn		*fn;
	void			*arg;
	int			 used;	/* business days of the term used */
	char			 what[256];
};

static void
emit(struct walk *w, rs_day day, int count, const char *law)
{
	struct rs_step st;

	if (w->fn == NULL)
		return;
	st.day = day;
	st.count = count;
	st.what = w->what;
	st.law = law;
	w->fn(w->arg, &st);
}

/* Why a day is not a business day, in Spanish; NULL when it is one. */
static const char *
day_off(struct rs_calendar *cal, rs_day day, char *buf, size_t len,
    const char **law)
{
	const char *name;
	int wd;

	if (rs_business_day(cal, day))
		return NULL;
	*law = LAW_DAYS;
	if ((name = rs_holiday_name(day)) != NULL) {
		snprintf(buf, len, "festivo: %s", name);
		*law = LAW_HOLIDAYS;
	} else if ((name = rs_calendar_closure(cal, day)) != NULL) {
		snprintf(buf, len, "cierre de la oficina: %s", name);
		*law = "cierre decidido por la entidad";
	} else {
		wd = rs_weekday(day);
		snprintf(buf, len, "%s", rs_weekday_names[wd]);
	}
	return buf;
}

/*
 * The n-th business day after day, from the bitmap's prefix counts: the
 * walk below without the walking, for a clock that never stopped and
 * nobody who reads the steps (rs-due -f on every row of a file).  Jump
 * ahead by the business days still missing: no day holds more than one,
 * so a jump never passes the answer, and the day where the count is
 * reached is a business day.  RS_NO_DAY when the bitmap does not cover
 * the way; the walk takes over then.
 */
static rs_day
nth_business_day(struct rs_calendar *cal, rs_day day, int n)
{
	const struct bizmap *m;
	rs_day d;
	int have;

	if (n > (CACHE_MAX_YEAR - CACHE_MIN_YEAR + 1) * 366)
		return RS_NO_DAY;	/* past any year the bitmap covers */
	d = day + n;
	rs_business_day(cal, d);	/* the bitmap up to there */
	m = (const struct bizmap *)cal->cache;
	if (m == NULL || m->saturday != cal->saturday || day < m->first)
		return RS_NO_DAY;
	for (;;) {
		if (d >= m->end)
			return RS_NO_DAY;
		have = m->rank[d - m->first + 1] - m->rank[day - m->first + 1];
		if (have == n)
			return d;
		d += n - have;
	}
}

/* The requirements made late on the days [from, to]: they stop nothing. */
static void
late_lines(struct walk *w, rs_day from, rs_day to)
{
	const struct rs_clock *c = w->clock;
	char day[RS_DATE_LEN];
	size_t i;

	for (i = 0; i < c->nlate; i++)
		if (c->late[i].held >= from && c->late[i].held <= to) {
			rs_format_date(c->late[i].held, day);
			snprintf(w->what, sizeof(w->what), "requerimiento "
			    "tardío del %s: no suspende el término", day);
			emit(w, c->late[i].held, 0, LAW_HOLD);
		}
}

/*
 * Count the term day by day from the day after the effective day.
 * Ley 1755 art. 17: from a requirement the clock stops; the days already
 * used (up to and including the day of the requirement) stay used, and
 * the count resumes on the first business day after the requester
 * complies.
 */
static rs_day
walk(struct walk *w)
{
	const struct rs_clock *c = w->clock;
	char held[RS_DATE_LEN], resumed[RS_DATE_LEN];
	const char *law;
	size_t h = 0;
	rs_day d;

	w->used = 0;
	if (w->term <= 0)
		return RS_NO_DAY;
	if (w->fn == NULL && c->nholds == 0 && w->until == RS_NO_DAY &&
	    (d = nth_business_day(w->cal, c->effective, w->term)) !=
	    RS_NO_DAY) {
		w->used = w->term;
		return d;
	}
	for (d = c->effective + 1;; d++) {
		if (w->until != RS_NO_DAY && d > w->until)
			return RS_NO_DAY;
		if (w->fn != NULL)
			late_lines(w, d, d);
		while (h < c->nholds && c->holds[h].resumed != RS_NO_DAY &&
		    d > c->holds[h].resumed && d > c->holds[h].held)
			h++;
		if (h < c->nholds && d > c->holds[h].held) {
			if (w->fn == NULL) {
				if (c->holds[h].resumed == RS_NO_DAY)
					return RS_NO_DAY;
				continue;
			}
			rs_format_date(c->holds[h].held, held);
			if (c->holds[h].resumed == RS_NO_DAY) {
				snprintf(w->what, sizeof(w->what), "término "
				    "suspendido desde el requerimiento del %s, "
				    "hasta que el peticionario lo atienda",
				    held);
				emit(w, d, 0, LAW_HOLD);
				return RS_NO_DAY;
			}
			rs_format_date(c->holds[h].resumed, resumed);
			snprintf(w->what, sizeof(w->what), "suspendido: "
			    "requerimiento del %s, atendido el %s", held,
			    resumed);
			emit(w, d, 0, LAW_HOLD);
			continue;
		}
		/* the words only when someone reads them: this loop runs
		 * for every row of a large file */
		if (w->fn == NULL) {
			if (!rs_business_day(w->cal, d))
				continue;
		} else if (day_off(w->cal, d, w->what, sizeof(w->what),
		    &law)) {
			emit(w, d, 0, law);
			continue;
		}
		/* a requirement made on the last day cannot use the term up:
		 * at least the first business day after compliance remains */
		if (h < c->nholds && d == c->holds[h].held &&
		    w->used + 1 == w->term) {
			snprintf(w->what, sizeof(w->what), "día del "
			    "requerimiento: queda para después de atenderlo");
			emit(w, d, 0, LAW_HOLD);
			continue;
		}
		w->used++;
		if (w->fn) {
			int ext = c->term > 0 && w->term > c->term &&
			    w->used > c->term && w->until == RS_NO_DAY;

			snprintf(w->what, sizeof(w->what), "día hábil %d de "
			    "%d%s", w->used, w->term, ext ? " (prórroga)" : "");
			emit(w, d, w->used, ext ? LAW_EXTENSION :
			    c->law ? c->law : LAW_TERM);
		}
		if (w->used == w->term)
			return d;
	}
}

/* A date once given is never moved earlier (DESIGN §9). */
static rs_day
kept(const struct rs_clock *c, rs_day due)
{
	if (due != RS_NO_DAY && c->promised != RS_NO_DAY && c->promised > due)
		return c->promised;
	return due;
}

rs_day
rs_due_date(struct rs_calendar *cal, const struct rs_clock *c)
{
	struct walk w = { 0 };

	if (c->extended_term <= 0 && c->extended_to != RS_NO_DAY)
		return kept(c, c->extended_to);
	w.cal = cal;
	w.clock = c;
	w.term = c->extended_term > 0 ? c->extended_term : c->term;
	w.until = RS_NO_DAY;
	return kept(c, walk(&w));
}

int
rs_days_used(struct rs_calendar *cal, const struct rs_clock *c, rs_day day)
{
	struct walk w = { 0 };

	w.cal = cal;
	w.clock = c;
	w.term = INT32_MAX;	/* count past the term: extensions need it */
	w.until = day;
	walk(&w);
	return w.used;
}

const char *
rs_hold_check(struct rs_calendar *cal, const struct rs_clock *c, rs_day day)
{
	static char why[200];
	char last[RS_DATE_LEN];
	rs_day limit, due;

	/*
	 * Ley 1755 art. 17: "requerirá al peticionario dentro de los diez
	 * (10) días siguientes a la fecha de radicación": by the end of the
	 * 10th business day, so a Saturday after it is already too late.
	 * A term that has run out cannot be suspended at all.
	 */
	due = rs_due_date(cal, c);
	if (c->term > 0 && due != RS_NO_DAY && day > due) {
		rs_format_date(due, last);
		snprintf(why, sizeof(why), "the term ran out on %s, and a "
		    "term that has run out cannot be suspended (Ley 1755 "
		    "art. 17)", last);
		return why;
	}
	limit = rs_add_business_days(cal, c->effective, 10);
	if (day <= limit)
		return NULL;
	rs_format_date(limit, last);
	snprintf(why, sizeof(why), "a requirement must be made within 10 "
	    "business days of the effective day (by %s; Ley 1755 art. 17)",
	    last);
	return why;
}

rs_day
rs_hold_limit(struct rs_calendar *cal, rs_day held)
{
	int y, m, d, last;
	rs_day limit;

	/*
	 * Ley 1755 art. 17: "el término máximo de un (1) mes", counted from
	 * the day after the requirement; a month ends on the same day
	 * number, or on the last day of a shorter month (Ley 4 de 1913
	 * art. 59), moved to the next business day when the office is
	 * closed (art. 62).
	 */
	rs_day_to_ymd(held + 1, &y, &m, &d);
	if (++m > 12) {
		m = 1;
		y++;
	}
	last = rs_days_in_month(y, m);
	limit = rs_day_from_ymd(y, m, d < last ? d : last);
	if (!rs_business_day(cal, limit))
		limit = rs_next_business_day(cal, limit);
	return limit;
}

const char *
rs_hold_prolong_check(struct rs_calendar *cal, rs_day limit, rs_day today,
    rs_day *to)
{
	static char why[200];
	char a[RS_DATE_LEN], off[160];
	const char *law;
	rs_day bound;

	/*
	 * Ley 1755 art. 17: the requester is not taken to have withdrawn
	 * when "antes de vencer el plazo concedido solicite prórroga hasta
	 * por un término igual": asked on or before the last day, for at
	 * most another month, counted as the first from the day after it.
	 */
	rs_format_date(limit, a);
	if (today > limit) {
		snprintf(why, sizeof(why), "the month ran out on %s; more time "
		    "is asked for before it (Ley 1755 art. 17)", a);
		return why;
	}
	bound = rs_hold_limit(cal, limit);
	if (*to == RS_NO_DAY)
		*to = bound;
	if (*to <= limit) {
		snprintf(why, sizeof(why), "the new limit must come after "
		    "%s", a);
		return why;
	}
	rs_format_date(*to, a);
	if (day_off(cal, *to, off, sizeof(off), &law)) {
		snprintf(why, sizeof(why), "%s is not a business day (%s)", a,
		    off);
		return why;
	}
	if (*to > bound) {
		rs_format_date(bound, a);
		snprintf(why, sizeof(why), "at most a month more, to %s (Ley "
		    "1755 art. 17: \"hasta por un término igual\")", a);
		return why;
	}
	return NULL;
}

rs_day
rs_extension_bound(struct rs_calendar *cal, const struct rs_clock *c)
{
	struct walk w = { 0 };

	/* art. 14 parágrafo: "que no podrá exceder del doble del
	 * inicialmente previsto", counted as the term itself is */
	w.cal = cal;
	w.clock = c;
	w.term = 2 * c->term;
	w.until = RS_NO_DAY;
	return walk(&w);
}

const char *
rs_extension_check(struct rs_calendar *cal, const struct rs_clock *c,
    rs_day today, rs_day to)
{
	static char why[200];
	struct rs_clock legal;
	char a[RS_DATE_LEN], off[160];
	const char *law;
	rs_day due, cur, bound;

	if (c->term <= 0)
		return "this type has no legal term to extend";
	/* art. 14 parágrafo: the notice goes out "antes del vencimiento del
	 * término señalado en la ley": the legal term, suspensions counted,
	 * not one an earlier extension gave */
	legal = *c;
	legal.extended_term = 0;
	legal.extended_to = RS_NO_DAY;
	legal.promised = c->promised_legal;
	if ((due = rs_due_date(cal, &legal)) == RS_NO_DAY)
		return "the term is suspended (Ley 1755 art. 17)";
	rs_format_date(due, a);
	if (today > due) {
		snprintf(why, sizeof(why), "the legal term ran out on %s; an "
		    "extension must be given before it (Ley 1755 art. 14 "
		    "parágrafo)", a);
		return why;
	}
	/* a promised date is a business day, and a later one than before */
	rs_format_date(to, a);
	if (day_off(cal, to, off, sizeof(off), &law)) {
		snprintf(why, sizeof(why), "%s is not a business day (%s)", a,
		    off);
		return why;
	}
	cur = rs_due_date(cal, c);
	rs_format_date(cur, a);
	if (to <= cur) {
		snprintf(why, sizeof(why), "the new date must come after the "
		    "due date %s", a);
		return why;
	}
	bound = rs_extension_bound(cal, c);
	if (to > bound) {
		rs_format_date(bound, a);
		snprintf(why, sizeof(why), "an extension cannot go past %s, "
		    "twice the term (Ley 1755 art. 14 parágrafo)", a);
		return why;
	}
	return NULL;
}

rs_day
rs_forward_limit(struct rs_calendar *cal, rs_day received, int verbal)
{
	/*
	 * Ley 1755 art. 21: the requester is told "de inmediato ... si este
	 * actúa verbalmente, o dentro de los cinco (5) días siguientes al de
	 * la recepción, si obró por escrito": the day itself for a petition
	 * made in person or by phone; five business days after the day it
	 * arrived, not after the effective day, for a written one.
	 */
	if (verbal)
		return received;
	return rs_add_business_days(cal, received, 5);
}

enum rs_state
rs_clock_state(struct rs_calendar *cal, rs_day today, int warn, rs_day due,
    rs_day hold_limit, rs_day answered, int *days_left)
{
	int left = INT32_MIN;

	if (due != RS_NO_DAY)
		left = rs_business_days_between(cal, today, due);
	*days_left = left;
	if (answered != RS_NO_DAY)
		return due == RS_NO_DAY || answered <= due ? RS_A_TIEMPO :
		    RS_EXTEMPORANEA;
	if (hold_limit == RS_HOLD_PENDING)
		return RS_REQUERIMIENTO_NO_NOTIFICADO;
	if (hold_limit != RS_NO_DAY)
		/* past the month, the request may be closed as withdrawn */
		return today <= hold_limit ? RS_EN_ESPERA : RS_DESISTIMIENTO;
	if (due == RS_NO_DAY)
		return RS_AL_DIA;
	if (today > due)
		return RS_VENCIDA;
	if (today == due)
		return RS_VENCE_HOY;
	if (left >= 1 && left <= warn)
		return RS_POR_VENCER;
	return RS_AL_DIA;
}

rs_day
rs_explain_effective(struct rs_calendar *cal, rs_day day, int secs,
    rs_step_fn *fn, void *arg)
{
	struct walk w = { 0 };
	const char *law;
	char longday[64], off[160];
	rs_day eff, d;

	w.fn = fn;
	w.arg = arg;
	rs_format_long_date(day, longday, sizeof(longday));
	snprintf(w.what, sizeof(w.what), "recibida el %s a las %02d:%02d",
	    longday, secs / 3600, secs / 60 % 60);
	emit(&w, day, 0, "");
	eff = rs_effective_day(cal, day, secs);
	if (eff == day) {
		snprintf(w.what, sizeof(w.what), "día hábil y antes del corte "
		    "de las %02d:%02d: se radica el mismo día",
		    cal->cutoff / 3600, cal->cutoff / 60 % 60);
		emit(&w, day, 0, LAW_CUTOFF);
		return eff;
	}
	if (day_off(cal, day, off, sizeof(off), &law))
		snprintf(w.what, sizeof(w.what), "no es día hábil (%s): se "
		    "radica el siguiente día hábil", off);
	else
		snprintf(w.what, sizeof(w.what), "después del corte de las "
		    "%02d:%02d: se radica el siguiente día hábil",
		    cal->cutoff / 3600, cal->cutoff / 60 % 60);
	emit(&w, day, 0, day_off(cal, day, off, sizeof(off), &law) ? law :
	    LAW_CUTOFF);
	for (d = day + 1; d < eff; d++) {
		day_off(cal, d, w.what, sizeof(w.what), &law);
		emit(&w, d, 0, law);
	}
	snprintf(w.what, sizeof(w.what), "radicación efectiva");
	emit(&w, eff, 0, LAW_TERM);
	return eff;
}

rs_day
rs_explain_due(struct rs_calendar *cal, const struct rs_clock *c,
    rs_step_fn *fn, void *arg)
{
	struct walk w = { 0 };
	char a[RS_DATE_LEN];
	const char *law;
	rs_day due, d;

	w.cal = cal;
	w.clock = c;
	w.term = c->extended_term > 0 ? c->extended_term : c->term;
	w.until = RS_NO_DAY;
	w.fn = fn;
	w.arg = arg;
	due = walk(&w);
	if (c->term <= 0) {
		snprintf(w.what, sizeof(w.what), "sin término legal");
		emit(&w, c->effective, 0, LAW_TERM);
	}
	/* the ones made after the term ran out */
	if (due != RS_NO_DAY)
		late_lines(&w, due + 1, INT32_MAX);
	if (c->extended_term > 0 || c->extended_to == RS_NO_DAY ||
	    due == RS_NO_DAY) {
		if (kept(c, due) != due) {
			rs_format_date(due, a);
			snprintf(w.what, sizeof(w.what), "fecha ya dada al "
			    "peticionario: un cambio posterior del calendario "
			    "no la adelanta (el cómputo daría %s)", a);
			emit(&w, c->promised, 0, LAW_KEPT);
		}
		return kept(c, due);
	}
	/* art. 14 parágrafo: the days the extension adds */
	rs_format_date(due, a);
	for (d = due + 1; d <= c->extended_to; d++) {
		if (!day_off(cal, d, w.what, sizeof(w.what), &law)) {
			snprintf(w.what, sizeof(w.what), "prórroga del "
			    "vencimiento del %s", a);
			law = LAW_EXTENSION;
		}
		emit(&w, d, 0, law);
	}
	return kept(c, c->extended_to);
}

/* ---- what the request's events add --------------------------------------- */

/* The rows of the events, each held back until the walk passes its day. */
struct merge {
	struct rs_step	*s;
	size_t		 n, next;
	rs_step_fn	*fn;
	void		*arg;
};

/* Added in date order; on one day, in the order added. */
static void
merge_add(struct merge *m, rs_day day, const char *law, struct rs_buf *what)
{
	size_t i;

	m->s = rs_realloc(m->s, (m->n + 1) * sizeof(*m->s));
	for (i = m->n; i > 0 && m->s[i - 1].day > day; i--)
		m->s[i] = m->s[i - 1];
	m->s[i].day = day;
	m->s[i].count = 0;
	m->s[i].what = rs_strdup(rs_buf_str(what));
	m->s[i].law = law;
	m->n++;
	rs_buf_reset(what);
}

/* The rows of the days before day, then the walk's own. */
static void
merged(void *arg, const struct rs_step *s)
{
	struct merge *m = arg;

	while (m->next < m->n && m->s[m->next].day < s->day)
		m->fn(m->arg, &m->s[m->next++]);
	m->fn(m->arg, s);
}

/*
 * Ley 1755 art. 17: the month of each requirement, from the day after
 * its notice, as it applied: up to the day the requester complied, or
 * to its end, after which, the requester silent, the request may be
 * closed as withdrawn.  More time asked for before the end moves it.
 */
static void
month_rows(struct rs_calendar *cal, const struct rs_history *h,
    struct merge *m, struct rs_buf *b)
{
	const struct rs_month *mo;
	char held[RS_DATE_LEN], from[RS_DATE_LEN], longday[64];
	rs_day limit;
	size_t i;

	for (i = 0; i < h->nmonths; i++) {
		mo = &h->months[i];
		if (mo->notified == RS_NO_DAY || (mo->resumed != RS_NO_DAY &&
		    mo->notified > mo->resumed))
			continue;
		rs_format_date(mo->held, held);
		rs_buf_addf(b, "requerimiento del %s notificado al "
		    "peticionario: el mes para atenderlo corre desde el día "
		    "siguiente", held);
		merge_add(m, mo->notified, LAW_HOLD, b);
		limit = rs_hold_limit(cal, mo->notified);
		if (mo->prolonged != RS_NO_DAY &&
		    mo->prolonged_to != RS_NO_DAY) {
			rs_format_date(limit, from);
			limit = mo->prolonged_to;
			rs_format_long_date(limit, longday, sizeof(longday));
			rs_buf_addf(b, "prórroga pedida por el peticionario, "
			    "hasta por un término igual: tiene hasta el %s (el "
			    "mes vencía el %s)", longday, from);
			merge_add(m, mo->prolonged, LAW_HOLD, b);
		}
		if (mo->resumed == RS_NO_DAY && i == h->nmonths - 1 &&
		    h->limit_given > limit)
			limit = h->limit_given;	/* never earlier (§9) */
		if (mo->resumed != RS_NO_DAY && mo->resumed <= limit)
			continue;	/* complied within the month */
		rs_format_long_date(limit, longday, sizeof(longday));
		rs_buf_addf(b, "el peticionario tiene hasta el %s para atender "
		    "el requerimiento", longday);
		merge_add(m, limit, LAW_HOLD, b);
		if (mo->resumed == RS_NO_DAY && h->waiting) {
			rs_buf_adds(b, "vencido el mes sin que el peticionario "
			    "atienda el requerimiento, puede decretarse el "
			    "desistimiento tácito");
			merge_add(m, limit + 1, LAW_HOLD, b);
		}
	}
}

/* Art. 14 parágrafo: each extension on the day it was granted. */
static void
extension_rows(const struct rs_clock *c, const struct rs_history *h,
    struct merge *m, struct rs_buf *b)
{
	const struct rs_extension *e;
	char longday[64];
	int before = c->term;
	size_t i;

	for (i = 0; i < h->nextensions; i++) {
		e = &h->extensions[i];
		rs_buf_adds(b, "prórroga del término");
		if (e->days > 0)
			rs_buf_addf(b, " de %d a %d días hábiles", before,
			    e->days);
		if (e->to != RS_NO_DAY) {
			rs_format_long_date(e->to, longday, sizeof(longday));
			rs_buf_addf(b, ", hasta el %s", longday);
		}
		rs_buf_addf(b, "; razones: %s", e->reasons ? e->reasons : "");
		merge_add(m, e->day, LAW_EXTENSION, b);
		if (e->days > 0)
			before = e->days;
	}
}

/*
 * Art. 21: forwarded to the competent authority at once when the
 * petition was made aloud, within 5 business days of its receipt when
 * written (rs_forward_limit, as rs-queue forward judged it).
 */
static void
forward_rows(struct rs_calendar *cal, rs_day received,
    const struct rs_history *h, struct merge *m, struct rs_buf *b)
{
	char last[RS_DATE_LEN];
	rs_day limit;
	int n;

	if (h->forwarded == RS_NO_DAY)
		return;
	limit = rs_forward_limit(cal, received, h->verbal);
	n = rs_business_days_between(cal, received, h->forwarded);
	rs_format_date(limit, last);
	rs_buf_addf(b, "trasladada por competencia a %s", h->authority ?
	    h->authority : "");
	if (h->verbal && h->forwarded <= limit)
		rs_buf_adds(b, ": petición verbal, trasladada de inmediato");
	else if (h->verbal)
		rs_buf_addf(b, ", fuera de término: una petición verbal se "
		    "traslada de inmediato, el %s", last);
	else if (h->forwarded <= limit && n == 0)
		rs_buf_adds(b, " el día de la recepción, dentro de los 5 "
		    "días hábiles");
	else if (h->forwarded <= limit)
		rs_buf_addf(b, " el día hábil %d de los 5 siguientes a la "
		    "recepción: a tiempo", n);
	else
		rs_buf_addf(b, " el día hábil %d tras la recepción, fuera de "
		    "término: los 5 días hábiles vencieron el %s", n, last);
	merge_add(m, h->forwarded, LAW_FORWARD, b);
}

rs_day
rs_explain_request(struct rs_calendar *cal, rs_day day, int secs,
    const struct rs_clock *c, const struct rs_history *h, rs_step_fn *fn,
    void *arg)
{
	struct merge m = { 0 };
	struct rs_buf b = { 0 };
	rs_day due;
	size_t i;

	m.fn = fn;
	m.arg = arg;
	if (h != NULL) {
		month_rows(cal, h, &m, &b);
		extension_rows(c, h, &m, &b);
		forward_rows(cal, day, h, &m, &b);
	}
	rs_explain_effective(cal, day, secs, merged, &m);
	due = rs_explain_due(cal, c, merged, &m);
	/* the ones after the walk's last day */
	while (m.next < m.n)
		fn(arg, &m.s[m.next++]);
	for (i = 0; i < m.n; i++)
		free((char *)m.s[i].what);
	free(m.s);
	rs_buf_free(&b);
	return due;
}
