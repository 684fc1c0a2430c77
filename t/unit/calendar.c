/*
 * t/unit/calendar.c - holidays (Ley 51 de 1983), business days, the
 * effective day and due dates of DESIGN §5.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"
#include "tap.h"
#include "days.h"

static void
test_easter(void)
{
	static const struct {
		int		 year;
		const char	*day;
	} t[] = {
		{ 1583, "1583-04-10" }, { 1818, "1818-03-22" },
		{ 1900, "1900-04-15" }, { 1943, "1943-04-25" },
		{ 1961, "1961-04-02" }, { 2000, "2000-04-23" },
		{ 2008, "2008-03-23" }, { 2011, "2011-04-24" },
		{ 2019, "2019-04-21" }, { 2024, "2024-03-31" },
		{ 2025, "2025-04-20" }, { 2026, "2026-04-05" },
		{ 2038, "2038-04-25" }, { 2100, "2100-03-28" },
		{ 2200, "2200-04-06" }, { 2285, "2285-03-22" },
		{ 9999, "9999-03-28" },
	};
	size_t	i;
	int	y, bad;
	rs_day	e;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(fmt(rs_easter(t[i].year)), t[i].day, "Easter %d",
		    t[i].year);
	/* Always a Sunday between 22 March and 25 April. */
	bad = 0;
	for (y = 1583; y <= 9999; y++) {
		e = rs_easter(y);
		if (rs_weekday(e) != 0 || e < rs_day_from_ymd(y, 3, 22) ||
		    e > rs_day_from_ymd(y, 4, 25))
			bad++;
	}
	is_int(bad, 0, "Easter 1583-9999 is a Sunday, 22 March to 25 April");
}

/* The published calendars: 18 holidays a year, two share 2025-06-30. */
static const struct {
	const char	*day;
	const char	*name;
} official[] = {
	{ "2024-01-01", "Año Nuevo" },
	{ "2024-01-08", "Reyes Magos" },
	{ "2024-03-25", "San José" },
	{ "2024-03-28", "Jueves Santo" },
	{ "2024-03-29", "Viernes Santo" },
	{ "2024-05-01", "Día del Trabajo" },
	{ "2024-05-13", "Ascensión del Señor" },
	{ "2024-06-03", "Corpus Christi" },
	{ "2024-06-10", "Sagrado Corazón" },
	{ "2024-07-01", "San Pedro y San Pablo" },
	{ "2024-07-20", "Día de la Independencia" },
	{ "2024-08-07", "Batalla de Boyacá" },
	{ "2024-08-19", "Asunción de la Virgen" },
	{ "2024-10-14", "Día de la Raza" },
	{ "2024-11-04", "Todos los Santos" },
	{ "2024-11-11", "Independencia de Cartagena" },
	{ "2024-12-08", "Inmaculada Concepción" },
	{ "2024-12-25", "Navidad" },

	{ "2025-01-01", "Año Nuevo" },
	{ "2025-01-06", "Reyes Magos" },
	{ "2025-03-24", "San José" },
	{ "2025-04-17", "Jueves Santo" },
	{ "2025-04-18", "Viernes Santo" },
	{ "2025-05-01", "Día del Trabajo" },
	{ "2025-06-02", "Ascensión del Señor" },
	{ "2025-06-23", "Corpus Christi" },
	{ "2025-06-30", "San Pedro y San Pablo y Sagrado Corazón" },
	{ "2025-07-20", "Día de la Independencia" },
	{ "2025-08-07", "Batalla de Boyacá" },
	{ "2025-08-18", "Asunción de la Virgen" },
	{ "2025-10-13", "Día de la Raza" },
	{ "2025-11-03", "Todos los Santos" },
	{ "2025-11-17", "Independencia de Cartagena" },
	{ "2025-12-08", "Inmaculada Concepción" },
	{ "2025-12-25", "Navidad" },

	{ "2026-01-01", "Año Nuevo" },
	{ "2026-01-12", "Reyes Magos" },
	{ "2026-03-23", "San José" },
	{ "2026-04-02", "Jueves Santo" },
	{ "2026-04-03", "Viernes Santo" },
	{ "2026-05-01", "Día del Trabajo" },
	{ "2026-05-18", "Ascensión del Señor" },
	{ "2026-06-08", "Corpus Christi" },
	{ "2026-06-15", "Sagrado Corazón" },
	{ "2026-06-29", "San Pedro y San Pablo" },
	{ "2026-07-20", "Día de la Independencia" },
	{ "2026-08-07", "Batalla de Boyacá" },
	{ "2026-08-17", "Asunción de la Virgen" },
	{ "2026-10-12", "Día de la Raza" },
	{ "2026-11-02", "Todos los Santos" },
	{ "2026-11-16", "Independencia de Cartagena" },
	{ "2026-12-08", "Inmaculada Concepción" },
	{ "2026-12-25", "Navidad" },
};
#define NOFFICIAL	(sizeof(official) / sizeof(official[0]))

static void
test_official(void)
{
	struct rs_holiday	h[RS_MAX_HOLIDAYS];
	size_t			i, k;
	rs_day			d;
	int			y, n, j, want, days;

	for (y = 2024; y <= 2026; y++) {
		n = rs_holidays(y, h);
		want = 0;
		for (i = 0; i < NOFFICIAL; i++)
			if (strncmp(official[i].day, y == 2024 ? "2024" :
			    y == 2025 ? "2025" : "2026", 4) == 0)
				want++;
		is_int(n, want, "%d has %d holiday dates", y, want);
		k = 0;
		for (i = 0; i < NOFFICIAL; i++) {
			if (atoi(official[i].day) != y)
				continue;
			if ((int)k < n) {
				is_str(fmt(h[k].day), official[i].day,
				    "%d holiday %zu is on %s", y, k + 1,
				    official[i].day);
				is_str(h[k].name, official[i].name,
				    "%s is %s", official[i].day,
				    official[i].name);
			} else
				ok(0, "%d holiday %zu missing", y, k + 1);
			k++;
		}
		/* 18 days off a year: the shared date counts twice. */
		days = 0;
		for (j = 0; j < n; j++)
			days += strcmp(h[j].name,
			    "San Pedro y San Pablo y Sagrado Corazón") == 0 ?
			    2 : 1;
		is_int(days, 18, "%d has 18 holidays by law", y);
	}

	for (i = 0; i < NOFFICIAL; i++)
		is_str(rs_holiday_name(D(official[i].day)), official[i].name,
		    "rs_holiday_name(%s)", official[i].day);
	/* Every other day of 2024-2026 is no holiday. */
	n = 0;
	for (d = D("2024-01-01"); d <= D("2026-12-31"); d++) {
		if (rs_holiday_name(d) == NULL)
			continue;
		for (i = 0; i < NOFFICIAL; i++)
			if (D(official[i].day) == d)
				break;
		if (i == NOFFICIAL)
			n++;
	}
	is_int(n, 0, "no other holidays in 2024-2026");
	ok(rs_holiday_name(D("2025-06-29")) == NULL,
	    "Sunday 2025-06-29 itself is no holiday (moved)");
	ok(rs_holiday_name(D("2024-01-06")) == NULL,
	    "Saturday 2024-01-06 itself is no holiday (moved)");
	is_str(rs_holiday_name(D("2038-07-05")),
	    "San Pedro y San Pablo y Sagrado Corazón", "2038-07-05 shared");
}

static void
test_holiday_rules(void)
{
	struct rs_holiday	h[RS_MAX_HOLIDAYS];
	int			y, n, j, bad_order, bad_name, bad_count;
	int			bad_monday, wd;

	bad_order = bad_name = bad_count = bad_monday = 0;
	for (y = 1900; y <= 2300; y++) {
		n = rs_holidays(y, h);
		if (n != 17 && n != 18)
			bad_count++;
		for (j = 0; j < n; j++) {
			if (j > 0 && h[j - 1].day >= h[j].day)
				bad_order++;
			if (rs_holiday_name(h[j].day) != h[j].name)
				bad_name++;
			wd = rs_weekday(h[j].day);
			/* only the fixed dates and Holy Week are no Mondays */
			if (wd != 1 && strcmp(h[j].name, "Jueves Santo") != 0 &&
			    strcmp(h[j].name, "Viernes Santo") != 0 &&
			    strcmp(h[j].name, "Año Nuevo") != 0 &&
			    strcmp(h[j].name, "Día del Trabajo") != 0 &&
			    strcmp(h[j].name, "Día de la Independencia") != 0 &&
			    strcmp(h[j].name, "Batalla de Boyacá") != 0 &&
			    strcmp(h[j].name, "Inmaculada Concepción") != 0 &&
			    strcmp(h[j].name, "Navidad") != 0)
				bad_monday++;
		}
	}
	is_int(bad_count, 0, "1900-2300: 17 or 18 holiday dates a year");
	is_int(bad_order, 0, "1900-2300: holidays sorted, one entry a day");
	is_int(bad_name, 0, "1900-2300: rs_holiday_name agrees");
	is_int(bad_monday, 0, "1900-2300: moved holidays are Mondays");
	n = rs_holidays(2024, h);
	ok(n == 18 && rs_weekday(h[2].day) == 1 &&
	    h[2].day == D("2024-03-25"), "San José 2024 (Tue 19) -> Mon 25");
	ok(rs_holiday_name(D("2024-11-11")) != NULL &&
	    rs_weekday(D("2024-11-11")) == 1,
	    "11 Nov 2024 is a Monday and stays");
	ok(rs_holiday_name(D("2025-07-20")) != NULL,
	    "20 July 2025, a Sunday, stays (fixed)");
}

/* DESIGN §5 worked examples and more: received, term -> dates. */
static void
test_due(void)
{
	static const struct {
		const char	*received;	/* local, office zone */
		int		 term;
		const char	*effective;
		const char	*due;
		const char	*why;
	} t[] = {
		{ "2024-01-02T07:00", 15, "2024-01-02", "2024-01-24",
		    "DESIGN: Tue peticion, Mon 8 Jan is Reyes" },
		{ "2024-12-18T09:00", 10, "2024-12-18", "2025-01-03",
		    "DESIGN: Wed informacion over Christmas" },
		{ "2025-12-06T10:00", 15, "2025-12-09", "2025-12-31",
		    "DESIGN: Sat peticion, Mon 8 Dec is a holiday" },
		{ "2024-08-13T15:59:59", 15, "2024-08-13", "2024-09-04",
		    "15:59:59 is the same day" },
		{ "2024-08-13T16:00:00", 15, "2024-08-14", "2024-09-05",
		    "16:00:00 is the next day" },
		{ "2024-08-13T07:59", 1, "2024-08-13", "2024-08-14",
		    "before office hours counts that day" },
		{ "2024-08-09T16:00", 1, "2024-08-12", "2024-08-13",
		    "Friday 16:00 -> Monday" },
		{ "2024-08-16T16:30", 1, "2024-08-20", "2024-08-21",
		    "Friday 16:30 -> Tuesday (Mon 19 Aug is Asunción)" },
		{ "2024-08-16T15:00", 1, "2024-08-16", "2024-08-20",
		    "Friday 15:00: the term skips the holiday Monday" },
		{ "2024-08-17T09:00", 1, "2024-08-20", "2024-08-21",
		    "Saturday -> Tuesday" },
		{ "2024-08-18T09:00", 1, "2024-08-20", "2024-08-21",
		    "Sunday -> Tuesday" },
		{ "2024-08-19T09:00", 1, "2024-08-20", "2024-08-21",
		    "a holiday morning -> next day" },
		{ "2025-04-16T17:00", 10, "2025-04-21", "2025-05-06",
		    "Wed of Holy Week after cut-off -> Mon after Easter" },
		{ "2025-06-27T16:00", 1, "2025-07-01", "2025-07-02",
		    "Fri 16:00 -> Tue (Mon 30 Jun: two feasts)" },
		{ "2024-12-31T23:59:59", 30, "2025-01-02", "2025-02-14",
		    "New Year's Eve at night, consulta" },
		{ "2024-08-13", 15, "2024-08-13", "2024-09-04",
		    "a bare date is midnight" },
		{ "2024-08-13T21:00:00Z", 15, "2024-08-14", "2024-09-05",
		    "21:00Z is 16:00 in Bogotá" },
		{ "2024-08-13T20:59:59Z", 15, "2024-08-13", "2024-09-04",
		    "20:59:59Z is 15:59:59 in Bogotá" },
	};
	struct rs_calendar	cal;
	rs_time			tt;
	rs_day			day, eff;
	size_t			i;
	int			secs;

	rs_calendar_init(&cal);
	is_int(cal.saturday, 0, "init: Saturdays closed");
	is_int(cal.cutoff, 16 * 3600, "init: cut-off 16:00");
	is_int((long long)cal.nclosures, 0, "init: no closures");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (rs_parse_datetime(t[i].received, &tt) == -1) {
			ok(0, "%s parses", t[i].received);
			continue;
		}
		day = rs_local_day(tt, &secs);
		eff = rs_effective_day(&cal, day, secs);
		is_str(fmt(eff), t[i].effective, "%s: effective (%s)",
		    t[i].received, t[i].why);
		is_str(fmt(rs_add_business_days(&cal, eff, t[i].term)),
		    t[i].due, "%s + %d: due (%s)", t[i].received, t[i].term,
		    t[i].why);
		is_int(rs_business_days_between(&cal, eff,
		    rs_add_business_days(&cal, eff, t[i].term)), t[i].term,
		    "%s: %d business days from effective to due",
		    t[i].received, t[i].term);
	}
	cal.cutoff = 17 * 3600;
	is_str(fmt(rs_effective_day(&cal, D("2024-08-13"), 16 * 3600 + 1800)),
	    "2024-08-13", "cut-off 17:00: 16:30 is the same day");
	is_str(fmt(rs_effective_day(&cal, D("2024-08-13"), 17 * 3600)),
	    "2024-08-14", "cut-off 17:00: 17:00 is the next day");
	rs_calendar_free(&cal);
}

static void
test_business_days(void)
{
	static const struct {
		const char	*day;
		int		 business;
	} t[] = {
		{ "2024-08-12", 1 }, { "2024-08-13", 1 }, { "2024-08-16", 1 },
		{ "2024-08-17", 0 }, { "2024-08-18", 0 }, { "2024-08-19", 0 },
		{ "2024-12-24", 1 }, { "2024-12-25", 0 }, { "2024-12-31", 1 },
		{ "2025-01-01", 0 }, { "2025-04-17", 0 }, { "2025-04-18", 0 },
		{ "2025-06-30", 0 }, { "2025-07-01", 1 }, { "2025-07-20", 0 },
		{ "2026-06-29", 0 }, { "2026-01-12", 0 }, { "2026-01-13", 1 },
	};
	static const struct {
		const char	*from;
		const char	*to;
		int		 n;
	} between[] = {
		{ "2024-01-02", "2024-01-24", 15 },
		{ "2024-01-24", "2024-01-02", -15 },
		{ "2024-08-13", "2024-08-13", 0 },
		{ "2024-08-09", "2024-08-12", 1 },	/* Fri -> Mon */
		{ "2024-08-12", "2024-08-09", -1 },	/* (Fri, Mon]: Mon */
		{ "2024-08-17", "2024-08-18", 0 },	/* Sat -> Sun */
		{ "2024-08-16", "2024-08-19", 0 },	/* Fri -> holiday Mon */
		{ "2024-08-16", "2024-08-20", 1 },
		{ "2024-12-24", "2024-12-26", 1 },
		{ "2024-12-31", "2025-01-02", 1 },
		{ "2023-12-29", "2025-01-02", 247 },	/* all of 2024, + 1 */
		{ "2025-01-02", "2023-12-29", -247 },
	};
	struct rs_calendar	cal;
	size_t			i;
	rs_day			d, e;
	int			n, bad, count;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(rs_business_day(&cal, D(t[i].day)), t[i].business,
		    "%s is %sa business day", t[i].day,
		    t[i].business ? "" : "not ");
	for (i = 0; i < sizeof(between) / sizeof(between[0]); i++)
		is_int(rs_business_days_between(&cal, D(between[i].from),
		    D(between[i].to)), between[i].n,
		    "business days in (%s, %s]", between[i].from,
		    between[i].to);

	/* 2024: 262 weekdays less 16 weekday holidays (20 Jul and 8 Dec
	 * fall on weekends) */
	count = rs_business_days_between(&cal, D("2023-12-31"),
	    D("2024-12-31"));
	is_int(count, 246, "2024 has 246 business days");

	/* The bitmap grows either way and agrees with the rules. */
	ok(rs_business_day(&cal, D("2040-01-02")) == 1 &&
	    rs_business_day(&cal, D("1990-01-01")) == 0 &&
	    rs_business_day(&cal, D("1990-01-02")) == 1,
	    "far years forward and back");
	bad = 0;
	for (d = D("1985-01-01"); d <= D("2045-12-31"); d++) {
		int wd = rs_weekday(d);
		int want = wd != 0 && wd != 6 && rs_holiday_name(d) == NULL;

		if (rs_business_day(&cal, d) != want)
			bad++;
	}
	is_int(bad, 0, "1985-2045: bitmap agrees with weekday and holidays");
	ok(rs_business_day(&cal, D("0001-01-01")) == 0 &&
	    rs_business_day(&cal, D("0001-01-02")) == 1 &&
	    rs_business_day(&cal, D("9999-12-31")) == 1,
	    "year 1 (Mon 1 Jan a holiday, Tue 2 Jan not) and Fri 9999-12-31");
	is_int(rs_next_business_day(&cal, D("9999-12-31")),
	    D("9999-12-31") + 3, "past the last year: Mon 10000-01-03");

	/* add and between are inverses; next is add 1. */
	bad = 0;
	for (d = D("2024-11-01"); d <= D("2026-02-28"); d++) {
		if (rs_next_business_day(&cal, d) !=
		    rs_add_business_days(&cal, d, 1))
			bad++;
		for (n = 1; n <= 40; n++) {
			e = rs_add_business_days(&cal, d, n);
			if (!rs_business_day(&cal, e) ||
			    rs_business_days_between(&cal, d, e) != n ||
			    rs_business_days_between(&cal, d, e - 1) != n - 1)
				bad++;
		}
	}
	is_int(bad, 0, "add_business_days and business_days_between agree");
	rs_calendar_free(&cal);
}

static void
test_saturday(void)
{
	struct rs_calendar	cal;

	rs_calendar_init(&cal);
	cal.saturday = 1;
	is_int(rs_business_day(&cal, D("2025-12-06")), 1,
	    "Saturday open: Sat 2025-12-06 is a business day");
	is_str(fmt(rs_effective_day(&cal, D("2025-12-06"), 10 * 3600)),
	    "2025-12-06", "Saturday open: effective the same Saturday");
	is_str(fmt(rs_add_business_days(&cal, D("2025-12-06"), 15)),
	    "2025-12-26", "Saturday open: peticion due Fri 2025-12-26");
	is_int(rs_business_day(&cal, D("2025-12-07")), 0,
	    "Saturday open: Sunday still closed");
	is_int(rs_business_day(&cal, D("2024-01-06")), 1,
	    "Saturday open: Sat 6 Jan 2024 (Reyes moved to Mon)");
	is_int(rs_business_days_between(&cal, D("2024-08-16"),
	    D("2024-08-20")), 2, "Saturday open: (Fri, Tue] has Sat and Tue");

	cal.saturday = 0;	/* changed after use: still honoured */
	is_int(rs_business_day(&cal, D("2025-12-06")), 0,
	    "Saturday closed again: Sat 2025-12-06 is no business day");
	is_str(fmt(rs_effective_day(&cal, D("2025-12-06"), 10 * 3600)),
	    "2025-12-09", "Saturday closed again: effective Tue 2025-12-09");
	rs_calendar_free(&cal);
}

/*
 * Ley 4 de 1913 art. 62: a day counts as it was.  The office opens on
 * Saturdays from Sat 6 Dec 2025 and stops again from Sat 17 Jan 2026.
 */
static void
test_saturday_history(void)
{
	static const struct {
		const char	*day;
		int		 business;
		const char	*why;
	} t[] = {
		{ "2025-11-29", 0, "the Saturday before the change" },
		{ "2025-12-06", 1, "the first Saturday open" },
		{ "2025-12-13", 1, "open" },
		{ "2025-12-27", 1, "open over the holidays" },
		{ "2026-01-10", 1, "the last Saturday open" },
		{ "2026-01-17", 0, "closed again from its day" },
		{ "2026-01-24", 0, "closed" },
		{ "2025-12-07", 0, "Sundays never open" },
		{ "2025-12-08", 0, "a holiday stays a holiday" },
	};
	struct rs_calendar	cal;
	size_t			i;

	rs_calendar_init(&cal);
	/* the bitmap first: a change made later must show */
	is_int(rs_business_day(&cal, D("2025-12-06")), 0,
	    "before any change: Saturdays closed");
	rs_calendar_saturdays_from(&cal, D("2026-01-17"), 0);
	rs_calendar_saturdays_from(&cal, D("2025-12-06"), 1);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(rs_business_day(&cal, D(t[i].day)), t[i].business,
		    "art. 62: %s is %sa business day (%s)", t[i].day,
		    t[i].business ? "" : "not ", t[i].why);
	/* effective Sat 6 Dec 2025 09:00, 15 days: 9-13 (Sat) is 5 ... */
	is_str(fmt(rs_effective_day(&cal, D("2025-11-29"), 10 * 3600)),
	    "2025-12-01", "received Sat 29 Nov, before the change: Mon 1 Dec");
	is_str(fmt(rs_effective_day(&cal, D("2025-12-06"), 10 * 3600)),
	    "2025-12-06", "received Sat 6 Dec, the first open: that day");
	/* (Fri 28 Nov, Sat 6 Dec]: Mon 1 - Fri 5 and Sat 6 */
	is_int(rs_business_days_between(&cal, D("2025-11-28"),
	    D("2025-12-06")), 6, "the count takes the change on its day");
	is_int(rs_business_days_between(&cal, D("2025-11-21"),
	    D("2025-11-29")), 5, "... and none before it");
	rs_calendar_saturdays_from(&cal, D("2025-12-06"), 0);
	is_int(rs_business_day(&cal, D("2025-12-06")), 0,
	    "a change on the same day replaces the earlier one");
	is_int((long long)cal.nsaturdays, 2, "two changes kept");
	rs_calendar_free(&cal);
	ok(cal.saturdays == NULL && cal.nsaturdays == 0,
	    "rs_calendar_free empties the history");
}

static void
test_closures(void)
{
	struct rs_calendar	cal;
	rs_day			eff;
	size_t			i;
	int			sorted;

	rs_calendar_init(&cal);
	eff = D("2024-01-02");
	/* build the bitmap first: a closure added later must show */
	is_str(fmt(rs_add_business_days(&cal, eff, 15)), "2024-01-24",
	    "before closures: due 2024-01-24");
	rs_calendar_add_closure(&cal, D("2024-01-15"), "Traslado de sede");
	is_int(rs_business_day(&cal, D("2024-01-15")), 0,
	    "closed Mon 2024-01-15 is no business day");
	is_str(fmt(rs_add_business_days(&cal, eff, 15)), "2024-01-25",
	    "a closure in the term moves the due date a day");
	rs_calendar_add_closure(&cal, D("2024-01-25"), "Jornada electoral");
	is_str(fmt(rs_add_business_days(&cal, eff, 15)), "2024-01-26",
	    "a closure on the due date moves it to the next business day");
	rs_calendar_add_closure(&cal, D("2024-01-20"), "Sábado");
	is_str(fmt(rs_add_business_days(&cal, eff, 15)), "2024-01-26",
	    "a closure on a Saturday changes nothing");
	rs_calendar_add_closure(&cal, D("2024-01-02"), "Inventario");
	is_str(fmt(rs_effective_day(&cal, D("2024-01-02"), 7 * 3600)),
	    "2024-01-03", "received on a closure day: effective next day");
	rs_calendar_add_closure(&cal, D("2023-12-29"), "Cierre de año");
	rs_calendar_add_closure(&cal, D("2024-01-15"), "Traslado de sede 2");

	is_int((long long)cal.nclosures, 5, "five closures, one replaced");
	sorted = 1;
	for (i = 1; i < cal.nclosures; i++)
		if (cal.closures[i - 1].day >= cal.closures[i].day)
			sorted = 0;
	ok(sorted, "closures kept sorted and unique");
	is_str(rs_calendar_closure(&cal, D("2024-01-15")),
	    "Traslado de sede 2", "a repeated day replaces the reason");
	is_str(rs_calendar_closure(&cal, D("2023-12-29")), "Cierre de año",
	    "first closure found");
	is_str(rs_calendar_closure(&cal, D("2024-01-25")),
	    "Jornada electoral", "last closure found");
	ok(rs_calendar_closure(&cal, D("2024-01-16")) == NULL,
	    "no closure on 2024-01-16");
	ok(rs_calendar_closure(&cal, D("2020-01-01")) == NULL &&
	    rs_calendar_closure(&cal, D("2030-01-01")) == NULL,
	    "no closure before the first or after the last");
	is_int(rs_business_day(&cal, D("2023-12-29")), 0,
	    "closure on Fri 2023-12-29 (bitmap grows back a year)");
	is_int(rs_business_days_between(&cal, D("2023-12-28"),
	    D("2024-01-03")), 1, "(2023-12-28, 2024-01-03]: only Jan 3");
	rs_calendar_free(&cal);
	ok(cal.closures == NULL && cal.nclosures == 0 && cal.cache == NULL,
	    "rs_calendar_free empties the calendar");
	rs_calendar_free(&cal);
	ok(1, "rs_calendar_free twice is harmless");
}

int
main(void)
{
	test_easter();
	test_official();
	test_holiday_rules();
	test_due();
	test_business_days();
	test_saturday();
	test_saturday_history();
	test_closures();
	return done();
}
