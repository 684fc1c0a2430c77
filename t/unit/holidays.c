/*
 * t/unit/holidays.c - the national holidays of Ley 51 de 1983 (DESIGN §5
 * rule 2): the published calendars of 2018-2023 and 2027, and the rules
 * themselves over every year from 1900 to 2200.
 *
 * The expectations come from the published calendars and from the law,
 * never from the implementation: Easter is recomputed here with the
 * anonymous Gregorian (Meeus/Jones/Butcher) algorithm, and the law's
 * eighteen days are derived from it independently of rs_holidays().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"
#include "tap.h"
#include "days.h"

/*
 * (a) The published calendars ("festivos en Colombia").  Each entry is
 * the day off as published; the comment says which holiday and, for the
 * moved ones, from which date it was moved to the Monday.  A day with two
 * holidays is one entry (both names in `name`, `second` non-NULL).
 */
static const struct {
	const char	*day;
	const char	*name;
	const char	*second;	/* the other holiday of a merged day */
} official[] = {
	/* 2018: Easter Sun 1 April */
	{ "2018-01-01", "Año Nuevo", NULL },		/* Mon */
	{ "2018-01-08", "Reyes Magos", NULL },		/* Sat 6 -> Mon 8 */
	{ "2018-03-19", "San José", NULL },		/* Mon 19 stays */
	{ "2018-03-29", "Jueves Santo", NULL },	/* Easter-3 */
	{ "2018-03-30", "Viernes Santo", NULL },	/* Easter-2 */
	{ "2018-05-01", "Día del Trabajo", NULL },	/* Tue */
	{ "2018-05-14", "Ascensión del Señor", NULL },	/* Easter+43 */
	{ "2018-06-04", "Corpus Christi", NULL },	/* Easter+64 */
	{ "2018-06-11", "Sagrado Corazón", NULL },	/* Easter+71 */
	{ "2018-07-02", "San Pedro y San Pablo", NULL },	/* Fri 29 Jun -> Mon */
	{ "2018-07-20", "Día de la Independencia", NULL },	/* Fri */
	{ "2018-08-07", "Batalla de Boyacá", NULL },	/* Tue */
	{ "2018-08-20", "Asunción de la Virgen", NULL },	/* Wed 15 -> Mon 20 */
	{ "2018-10-15", "Día de la Raza", NULL },	/* Fri 12 -> Mon 15 */
	{ "2018-11-05", "Todos los Santos", NULL },	/* Thu 1 -> Mon 5 */
	{ "2018-11-12", "Independencia de Cartagena", NULL },	/* Sun 11 -> Mon 12 */
	{ "2018-12-08", "Inmaculada Concepción", NULL },	/* Sat */
	{ "2018-12-25", "Navidad", NULL },		/* Tue */

	/* 2019: Easter Sun 21 April; 1 July has two holidays (17 days) */
	{ "2019-01-01", "Año Nuevo", NULL },		/* Tue */
	{ "2019-01-07", "Reyes Magos", NULL },		/* Sun 6 -> Mon 7 */
	{ "2019-03-25", "San José", NULL },		/* Tue 19 -> Mon 25 */
	{ "2019-04-18", "Jueves Santo", NULL },
	{ "2019-04-19", "Viernes Santo", NULL },
	{ "2019-05-01", "Día del Trabajo", NULL },	/* Wed */
	{ "2019-06-03", "Ascensión del Señor", NULL },	/* 21 Apr + 43 */
	{ "2019-06-24", "Corpus Christi", NULL },	/* 21 Apr + 64 */
	{ "2019-07-01", "San Pedro y San Pablo", "Sagrado Corazón" },
		/* Sat 29 Jun -> Mon 1 Jul; 21 Apr + 71 = Mon 1 Jul */
	{ "2019-07-20", "Día de la Independencia", NULL },	/* Sat */
	{ "2019-08-07", "Batalla de Boyacá", NULL },	/* Wed */
	{ "2019-08-19", "Asunción de la Virgen", NULL },	/* Thu 15 -> Mon 19 */
	{ "2019-10-14", "Día de la Raza", NULL },	/* Sat 12 -> Mon 14 */
	{ "2019-11-04", "Todos los Santos", NULL },	/* Fri 1 -> Mon 4 */
	{ "2019-11-11", "Independencia de Cartagena", NULL },	/* Mon stays */
	{ "2019-12-08", "Inmaculada Concepción", NULL },	/* Sun */
	{ "2019-12-25", "Navidad", NULL },		/* Wed */

	/* 2020: Easter Sun 12 April */
	{ "2020-01-01", "Año Nuevo", NULL },		/* Wed */
	{ "2020-01-06", "Reyes Magos", NULL },		/* Mon stays */
	{ "2020-03-23", "San José", NULL },		/* Thu 19 -> Mon 23 */
	{ "2020-04-09", "Jueves Santo", NULL },
	{ "2020-04-10", "Viernes Santo", NULL },
	{ "2020-05-01", "Día del Trabajo", NULL },	/* Fri */
	{ "2020-05-25", "Ascensión del Señor", NULL },	/* 12 Apr + 43 */
	{ "2020-06-15", "Corpus Christi", NULL },	/* 12 Apr + 64 */
	{ "2020-06-22", "Sagrado Corazón", NULL },	/* 12 Apr + 71 */
	{ "2020-06-29", "San Pedro y San Pablo", NULL },	/* Mon stays */
	{ "2020-07-20", "Día de la Independencia", NULL },	/* Mon */
	{ "2020-08-07", "Batalla de Boyacá", NULL },	/* Fri */
	{ "2020-08-17", "Asunción de la Virgen", NULL },	/* Sat 15 -> Mon 17 */
	{ "2020-10-12", "Día de la Raza", NULL },	/* Mon stays */
	{ "2020-11-02", "Todos los Santos", NULL },	/* Sun 1 -> Mon 2 */
	{ "2020-11-16", "Independencia de Cartagena", NULL },	/* Wed 11 -> Mon 16 */
	{ "2020-12-08", "Inmaculada Concepción", NULL },	/* Tue */
	{ "2020-12-25", "Navidad", NULL },		/* Fri */

	/* 2021: Easter Sun 4 April */
	{ "2021-01-01", "Año Nuevo", NULL },		/* Fri */
	{ "2021-01-11", "Reyes Magos", NULL },		/* Wed 6 -> Mon 11 */
	{ "2021-03-22", "San José", NULL },		/* Fri 19 -> Mon 22 */
	{ "2021-04-01", "Jueves Santo", NULL },
	{ "2021-04-02", "Viernes Santo", NULL },
	{ "2021-05-01", "Día del Trabajo", NULL },	/* Sat */
	{ "2021-05-17", "Ascensión del Señor", NULL },	/* 4 Apr + 43 */
	{ "2021-06-07", "Corpus Christi", NULL },	/* 4 Apr + 64 */
	{ "2021-06-14", "Sagrado Corazón", NULL },	/* 4 Apr + 71 */
	{ "2021-07-05", "San Pedro y San Pablo", NULL },	/* Tue 29 Jun -> Mon 5 Jul */
	{ "2021-07-20", "Día de la Independencia", NULL },	/* Tue */
	{ "2021-08-07", "Batalla de Boyacá", NULL },	/* Sat */
	{ "2021-08-16", "Asunción de la Virgen", NULL },	/* Sun 15 -> Mon 16 */
	{ "2021-10-18", "Día de la Raza", NULL },	/* Tue 12 -> Mon 18 */
	{ "2021-11-01", "Todos los Santos", NULL },	/* Mon stays */
	{ "2021-11-15", "Independencia de Cartagena", NULL },	/* Thu 11 -> Mon 15 */
	{ "2021-12-08", "Inmaculada Concepción", NULL },	/* Wed */
	{ "2021-12-25", "Navidad", NULL },		/* Sat */

	/* 2022: Easter Sun 17 April */
	{ "2022-01-01", "Año Nuevo", NULL },		/* Sat */
	{ "2022-01-10", "Reyes Magos", NULL },		/* Thu 6 -> Mon 10 */
	{ "2022-03-21", "San José", NULL },		/* Sat 19 -> Mon 21 */
	{ "2022-04-14", "Jueves Santo", NULL },
	{ "2022-04-15", "Viernes Santo", NULL },
	{ "2022-05-01", "Día del Trabajo", NULL },	/* Sun */
	{ "2022-05-30", "Ascensión del Señor", NULL },	/* 17 Apr + 43 */
	{ "2022-06-20", "Corpus Christi", NULL },	/* 17 Apr + 64 */
	{ "2022-06-27", "Sagrado Corazón", NULL },	/* 17 Apr + 71 */
	{ "2022-07-04", "San Pedro y San Pablo", NULL },	/* Wed 29 Jun -> Mon 4 Jul */
	{ "2022-07-20", "Día de la Independencia", NULL },	/* Wed */
	{ "2022-08-07", "Batalla de Boyacá", NULL },	/* Sun */
	{ "2022-08-15", "Asunción de la Virgen", NULL },	/* Mon stays */
	{ "2022-10-17", "Día de la Raza", NULL },	/* Wed 12 -> Mon 17 */
	{ "2022-11-07", "Todos los Santos", NULL },	/* Tue 1 -> Mon 7 */
	{ "2022-11-14", "Independencia de Cartagena", NULL },	/* Fri 11 -> Mon 14 */
	{ "2022-12-08", "Inmaculada Concepción", NULL },	/* Thu */
	{ "2022-12-25", "Navidad", NULL },		/* Sun */

	/* 2023: Easter Sun 9 April */
	{ "2023-01-01", "Año Nuevo", NULL },		/* Sun */
	{ "2023-01-09", "Reyes Magos", NULL },		/* Fri 6 -> Mon 9 */
	{ "2023-03-20", "San José", NULL },		/* Sun 19 -> Mon 20 */
	{ "2023-04-06", "Jueves Santo", NULL },
	{ "2023-04-07", "Viernes Santo", NULL },
	{ "2023-05-01", "Día del Trabajo", NULL },	/* Mon */
	{ "2023-05-22", "Ascensión del Señor", NULL },	/* 9 Apr + 43 */
	{ "2023-06-12", "Corpus Christi", NULL },	/* 9 Apr + 64 */
	{ "2023-06-19", "Sagrado Corazón", NULL },	/* 9 Apr + 71 */
	{ "2023-07-03", "San Pedro y San Pablo", NULL },	/* Thu 29 Jun -> Mon 3 Jul */
	{ "2023-07-20", "Día de la Independencia", NULL },	/* Thu */
	{ "2023-08-07", "Batalla de Boyacá", NULL },	/* Mon */
	{ "2023-08-21", "Asunción de la Virgen", NULL },	/* Tue 15 -> Mon 21 */
	{ "2023-10-16", "Día de la Raza", NULL },	/* Thu 12 -> Mon 16 */
	{ "2023-11-06", "Todos los Santos", NULL },	/* Wed 1 -> Mon 6 */
	{ "2023-11-13", "Independencia de Cartagena", NULL },	/* Sat 11 -> Mon 13 */
	{ "2023-12-08", "Inmaculada Concepción", NULL },	/* Fri */
	{ "2023-12-25", "Navidad", NULL },		/* Mon */

	/* 2027: Easter Sun 28 March */
	{ "2027-01-01", "Año Nuevo", NULL },		/* Fri */
	{ "2027-01-11", "Reyes Magos", NULL },		/* Wed 6 -> Mon 11 */
	{ "2027-03-22", "San José", NULL },		/* Fri 19 -> Mon 22 */
	{ "2027-03-25", "Jueves Santo", NULL },
	{ "2027-03-26", "Viernes Santo", NULL },
	{ "2027-05-01", "Día del Trabajo", NULL },	/* Sat */
	{ "2027-05-10", "Ascensión del Señor", NULL },	/* 28 Mar + 43 */
	{ "2027-05-31", "Corpus Christi", NULL },	/* 28 Mar + 64 */
	{ "2027-06-07", "Sagrado Corazón", NULL },	/* 28 Mar + 71 */
	{ "2027-07-05", "San Pedro y San Pablo", NULL },	/* Tue 29 Jun -> Mon 5 Jul */
	{ "2027-07-20", "Día de la Independencia", NULL },	/* Tue */
	{ "2027-08-07", "Batalla de Boyacá", NULL },	/* Sat */
	{ "2027-08-16", "Asunción de la Virgen", NULL },	/* Sun 15 -> Mon 16 */
	{ "2027-10-18", "Día de la Raza", NULL },	/* Tue 12 -> Mon 18 */
	{ "2027-11-01", "Todos los Santos", NULL },	/* Mon stays */
	{ "2027-11-15", "Independencia de Cartagena", NULL },	/* Thu 11 -> Mon 15 */
	{ "2027-12-08", "Inmaculada Concepción", NULL },	/* Wed */
	{ "2027-12-25", "Navidad", NULL },		/* Sat */
};
#define NOFFICIAL	(sizeof(official) / sizeof(official[0]))

static const int official_years[] = { 2018, 2019, 2020, 2021, 2022, 2023,
    2027 };

/* Days that would be holidays if nothing were moved: none of them is. */
static const char *const not_holidays[] = {
	"2018-01-06", "2018-06-29", "2018-08-15", "2018-10-12", "2018-11-01",
	"2018-11-11", "2019-01-06", "2019-03-19", "2019-06-29", "2019-08-15",
	"2019-10-12", "2019-11-01", "2020-03-19", "2020-08-15", "2020-11-01",
	"2020-11-11", "2021-01-06", "2021-03-19", "2021-06-29", "2021-10-12",
	"2021-11-11", "2022-01-06", "2022-03-19", "2022-06-29", "2022-10-12",
	"2022-11-01", "2022-11-11", "2023-01-06", "2023-03-19", "2023-06-29",
	"2023-08-15", "2023-10-12", "2023-11-01", "2023-11-11", "2027-01-06",
	"2027-03-19", "2027-06-29", "2027-08-15", "2027-10-12", "2027-11-11",
	/* Easter Monday, Easter Sunday, Holy Wednesday are working days
	 * in Colombia (Sundays aside) */
	"2019-04-22", "2020-04-13", "2023-04-10", "2027-03-29",
	"2019-04-17", "2027-03-24",
};

static void
test_official(void)
{
	struct rs_holiday	h[RS_MAX_HOLIDAYS];
	const char		*name;
	char			 ys[8];
	size_t			 i, k, yi;
	rs_day			 d;
	int			 y, n, want, days, other;

	for (yi = 0; yi < sizeof(official_years) / sizeof(official_years[0]);
	    yi++) {
		y = official_years[yi];
		snprintf(ys, sizeof(ys), "%d-", y);
		memset(h, 0, sizeof(h));
		n = rs_holidays(y, h);
		want = days = 0;
		for (i = 0; i < NOFFICIAL; i++)
			if (strncmp(official[i].day, ys, 5) == 0) {
				want++;
				days += official[i].second ? 2 : 1;
			}
		is_int(days, 18, "%d: the published calendar has 18 holidays",
		    y);
		is_int(n, want, "%d: rs_holidays gives %d dates", y, want);
		k = 0;
		for (i = 0; i < NOFFICIAL; i++) {
			if (strncmp(official[i].day, ys, 5) != 0)
				continue;
			if ((int)k >= n || n < 0) {
				ok(0, "%d: holiday %zu (%s) missing", y, k + 1,
				    official[i].day);
				k++;
				continue;
			}
			is_str(fmt(h[k].day), official[i].day,
			    "%d: holiday %zu is on %s", y, k + 1,
			    official[i].day);
			if (official[i].second == NULL)
				is_str(h[k].name, official[i].name,
				    "%s is %s", official[i].day,
				    official[i].name);
			else
				ok(h[k].name != NULL &&
				    strstr(h[k].name, official[i].name) &&
				    strstr(h[k].name, official[i].second) &&
				    strstr(h[k].name, " y ") != NULL,
				    "%s is %s and %s (got \"%s\")",
				    official[i].day, official[i].name,
				    official[i].second,
				    h[k].name ? h[k].name : "(null)");
			k++;
		}
	}

	/* rs_holiday_name() on each published day */
	for (i = 0; i < NOFFICIAL; i++) {
		name = rs_holiday_name(D(official[i].day));
		if (official[i].second == NULL)
			is_str(name, official[i].name, "rs_holiday_name(%s)",
			    official[i].day);
		else
			ok(name != NULL && strstr(name, official[i].name) &&
			    strstr(name, official[i].second),
			    "rs_holiday_name(%s) names both holidays",
			    official[i].day);
	}

	/* no other day of those years is a holiday */
	for (yi = 0; yi < sizeof(official_years) / sizeof(official_years[0]);
	    yi++) {
		y = official_years[yi];
		other = 0;
		for (d = rs_day_from_ymd(y, 1, 1);
		    d <= rs_day_from_ymd(y, 12, 31); d++) {
			if (rs_holiday_name(d) == NULL)
				continue;
			for (i = 0; i < NOFFICIAL; i++)
				if (D(official[i].day) == d)
					break;
			if (i == NOFFICIAL) {
				printf("# unexpected holiday %s: %s\n", fmt(d),
				    rs_holiday_name(d));
				other++;
			}
		}
		is_int(other, 0, "%d: no holiday besides the published ones",
		    y);
	}
	for (i = 0; i < sizeof(not_holidays) / sizeof(not_holidays[0]); i++)
		ok(rs_holiday_name(D(not_holidays[i])) == NULL,
		    "%s is no holiday (moved, or never one)", not_holidays[i]);
}

/* ---- (b) the rules, 1900-2200 ------------------------------------------ */

/* Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8). */
static rs_day
easter_ref(int y)
{
	int	a, b, c, d, e, f, g, h, i, k, l, m, month, day;

	a = y % 19;
	b = y / 100;
	c = y % 100;
	d = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;
	h = (19 * a + b - d - g + 15) % 30;
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7;
	m = (a + 11 * h + 22 * l) / 451;
	month = (h + l - 7 * m + 114) / 31;
	day = (h + l - 7 * m + 114) % 31 + 1;
	return rs_day_from_ymd(y, month, day);
}

/* The Monday on or after d (Ley 51 de 1983 art. 1). */
static rs_day
monday_on_or_after(rs_day d)
{
	while (rs_weekday(d) != 1)
		d++;
	return d;
}

/* The eighteen holidays of the law for year y, in no particular order. */
static void
law_days(int y, rs_day out[18])
{
	rs_day	e = easter_ref(y);
	int	i = 0;

	/* fixed */
	out[i++] = rs_day_from_ymd(y, 1, 1);
	out[i++] = rs_day_from_ymd(y, 5, 1);
	out[i++] = rs_day_from_ymd(y, 7, 20);
	out[i++] = rs_day_from_ymd(y, 8, 7);
	out[i++] = rs_day_from_ymd(y, 12, 8);
	out[i++] = rs_day_from_ymd(y, 12, 25);
	out[i++] = e - 3;		/* Jueves Santo */
	out[i++] = e - 2;		/* Viernes Santo */
	/* moved to the next Monday */
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 1, 6));
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 3, 19));
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 6, 29));
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 8, 15));
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 10, 12));
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 11, 1));
	out[i++] = monday_on_or_after(rs_day_from_ymd(y, 11, 11));
	out[i++] = e + 43;		/* Ascensión (+39, moved) */
	out[i++] = e + 64;		/* Corpus Christi (+60, moved) */
	out[i++] = e + 71;		/* Sagrado Corazón (+68, moved) */
}

static int
is_fixed(rs_day d)
{
	int	y, m, dd;

	rs_day_to_ymd(d, &y, &m, &dd);
	return (m == 1 && dd == 1) || (m == 5 && dd == 1) ||
	    (m == 7 && dd == 20) || (m == 8 && dd == 7) ||
	    (m == 12 && dd == 8) || (m == 12 && dd == 25);
}

static int
find(const struct rs_holiday *h, int n, rs_day d)
{
	int	j;

	for (j = 0; j < n; j++)
		if (h[j].day == d)
			return j;
	return -1;
}

static int
count_y(const char *s)
{
	int	n = 0;

	for (; s != NULL && (s = strstr(s, " y ")) != NULL; s += 3)
		n++;
	return n;
}

static void
test_rules(void)
{
	static const int	fixed_md[6][2] = {
		{ 1, 1 }, { 5, 1 }, { 7, 20 }, { 8, 7 }, { 12, 8 }, { 12, 25 }
	};
	struct rs_holiday	h[RS_MAX_HOLIDAYS];
	rs_day			law[18], e;
	int			y, n, j, k, mult, f;
	int			bad_easter, bad_easter_ref, bad_monday;
	int			bad_fixed, bad_holy, bad_count, bad_days;
	int			bad_merged, bad_moveable, bad_extra, bad_year;
	int			bad_order, merged_years, y2, m2, d2;

	bad_easter = bad_easter_ref = bad_monday = bad_fixed = bad_holy = 0;
	bad_count = bad_days = bad_merged = bad_moveable = bad_extra = 0;
	bad_year = bad_order = merged_years = 0;
	for (y = 1900; y <= 2200; y++) {
		e = rs_easter(y);
		if (rs_weekday(e) != 0 || e < rs_day_from_ymd(y, 3, 22) ||
		    e > rs_day_from_ymd(y, 4, 25))
			bad_easter++;
		if (e != easter_ref(y)) {
			if (bad_easter_ref++ < 5)
				printf("# rs_easter(%d) = %s, expected %s\n",
				    y, fmt(e), fmt(easter_ref(y)));
		}

		memset(h, 0, sizeof(h));
		n = rs_holidays(y, h);
		if (n < 0 || n > RS_MAX_HOLIDAYS) {
			bad_count++;
			continue;
		}
		if (n != 17 && n != 18)
			bad_count++;

		for (j = 0; j < n; j++) {
			rs_day_to_ymd(h[j].day, &y2, &m2, &d2);
			if (y2 != y)
				bad_year++;
			if (j > 0 && h[j - 1].day >= h[j].day)
				bad_order++;
			/* moved kinds: not fixed, not Holy Thursday/Friday */
			if (!is_fixed(h[j].day) && h[j].day != e - 3 &&
			    h[j].day != e - 2 && rs_weekday(h[j].day) != 1) {
				if (bad_monday++ < 5)
					printf("# %s (%s) is no Monday\n",
					    fmt(h[j].day), h[j].name);
			}
		}
		for (k = 0; k < 6; k++)
			if (find(h, n, rs_day_from_ymd(y, fixed_md[k][0],
			    fixed_md[k][1])) < 0)
				bad_fixed++;
		if (find(h, n, e - 3) < 0 || find(h, n, e - 2) < 0 ||
		    rs_weekday(e - 3) != 4 || rs_weekday(e - 2) != 5)
			bad_holy++;
		if (find(h, n, e + 43) < 0 || find(h, n, e + 64) < 0 ||
		    find(h, n, e + 71) < 0 || rs_weekday(e + 43) != 1 ||
		    rs_weekday(e + 64) != 1 || rs_weekday(e + 71) != 1)
			bad_moveable++;

		/*
		 * The law's 18 days against the list: every one present,
		 * nothing else, and a day holding two of them is one entry
		 * whose name joins both with " y " (San Pedro y San Pablo
		 * has one " y " of its own).
		 */
		law_days(y, law);
		for (k = 0; k < 18; k++)
			if (find(h, n, law[k]) < 0) {
				if (bad_days++ < 5)
					printf("# %d: %s missing\n", y,
					    fmt(law[k]));
			}
		for (j = 0; j < n; j++) {
			mult = 0;
			for (k = 0; k < 18; k++)
				if (law[k] == h[j].day)
					mult++;
			if (mult == 0) {
				if (bad_extra++ < 5)
					printf("# %d: extra holiday %s\n", y,
					    fmt(h[j].day));
				continue;
			}
			if (mult > 1) {
				merged_years++;
				/* law[10] is San Pedro's Monday */
				f = h[j].day == law[10] ? 1 : 0;
				if (h[j].name == NULL ||
				    count_y(h[j].name) < mult - 1 + f) {
					if (bad_merged++ < 5)
						printf("# %s: merged name "
						    "\"%s\"\n", fmt(h[j].day),
						    h[j].name ? h[j].name :
						    "(null)");
				}
			}
		}
		/* 18 holidays a year, a merged day counted twice */
		mult = 0;
		for (j = 0; j < n; j++)
			for (k = 0; k < 18; k++)
				if (law[k] == h[j].day)
					mult++;
		if (mult != 18)
			bad_count++;
	}
	is_int(bad_easter, 0,
	    "1900-2200: Easter is a Sunday between 22 March and 25 April");
	is_int(bad_easter_ref, 0,
	    "1900-2200: rs_easter agrees with the anonymous Gregorian rule");
	is_int(bad_count, 0,
	    "1900-2200: 17 or 18 dates, 18 holidays with a merged day twice");
	is_int(bad_year, 0, "1900-2200: every holiday falls in its year");
	is_int(bad_order, 0, "1900-2200: in date order, one entry a day");
	is_int(bad_fixed, 0,
	    "1900-2200: 1 Jan, 1 May, 20 Jul, 7 Aug, 8 Dec, 25 Dec always");
	is_int(bad_holy, 0,
	    "1900-2200: Holy Thursday Easter-3 and Good Friday Easter-2");
	is_int(bad_monday, 0, "1900-2200: every moved holiday is a Monday");
	is_int(bad_moveable, 0,
	    "1900-2200: Ascension/Corpus/Sacred Heart Easter+43/+64/+71, "
	    "Mondays");
	is_int(bad_days, 0, "1900-2200: every holiday of the law is listed");
	is_int(bad_extra, 0, "1900-2200: nothing listed beyond the law");
	is_int(bad_merged, 0,
	    "1900-2200: a day with two holidays joins both names with \" y \"");
	ok(merged_years > 0, "1900-2200: merged days occur (%d found)",
	    merged_years);
}

int
main(void)
{
	test_official();
	test_rules();
	return done();
}
