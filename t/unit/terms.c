/*
 * t/unit/terms.c - the term of each type over time (Ley 1755 de 2015
 * arts. 14 and 30, Decreto 491 de 2020 art. 5, Ley 2207 de 2022) and the
 * first day rs counts in (Ley 51 de 1983).  The due dates were counted by
 * hand from the holidays of each year, never copied from the program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"
#include "tap.h"
#include "days.h"

#define L14	"Ley 1755 de 2015 art. 14"
#define L30	"Ley 1755 de 2015 art. 30"
#define D491	"Decreto 491 de 2020 art. 5"

/* The term of each type on the days around each change of rule. */
static void
test_periods(void)
{
	static const struct {
		const char	*rule;
		const char	*type;
		const char	*day;	/* received */
		int		 days;
		const char	*law;
	} t[] = {
		{ "Ley 1755 art. 14, the first day rs counts",
		    "peticion", "1984-01-01", 15, L14 },
		{ "Ley 1755 art. 14, the day before Decreto 491",
		    "peticion", "2020-03-27", 15, L14 },
		{ "Decreto 491 art. 5: petitions in general, its first day",
		    "peticion", "2020-03-28", 30, D491 },
		{ "Decreto 491 art. 5, in force", "peticion", "2021-06-15",
		    30, D491 },
		{ "Decreto 491 art. 5, its last day (Ley 2207 de 2022 in "
		    "force the next)", "peticion", "2022-05-16", 30, D491 },
		{ "Ley 1755 art. 14 again from Ley 2207 de 2022",
		    "peticion", "2022-05-17", 15, L14 },
		{ "Ley 1755 art. 14, today", "peticion", "2026-12-05", 15,
		    L14 },
		{ "Decreto 491 art. 5: a queja is a petition", "queja",
		    "2020-03-28", 30, D491 },
		{ "Ley 1755 art. 14: queja", "queja", "2022-05-17", 15, L14 },
		{ "Decreto 491 art. 5: reclamo", "reclamo", "2021-01-04", 30,
		    D491 },
		{ "Ley 1755 art. 14: reclamo", "reclamo", "2019-12-31", 15,
		    L14 },
		{ "Decreto 491 art. 5: sugerencia", "sugerencia", "2022-05-16",
		    30, D491 },
		{ "Ley 1755 art. 14: sugerencia", "sugerencia", "2023-01-02",
		    15, L14 },
		{ "Decreto 491 art. 5: denuncia", "denuncia", "2020-11-11",
		    30, D491 },
		{ "Ley 1755 art. 14: denuncia", "denuncia", "2020-03-27", 15,
		    L14 },
		{ "Ley 1755 art. 14 num. 1: documents and information",
		    "informacion", "2020-03-27", 10, L14 },
		{ "Decreto 491 art. 5 num. i: documents and information",
		    "informacion", "2020-03-28", 20, D491 },
		{ "Ley 1755 art. 14 num. 1 again", "informacion",
		    "2022-05-17", 10, L14 },
		{ "Ley 1755 art. 14 num. 2: consultations", "consulta",
		    "2020-03-27", 30, L14 },
		{ "Decreto 491 art. 5 num. ii: consultations", "consulta",
		    "2020-03-28", 35, D491 },
		{ "Ley 1755 art. 14 num. 2 again", "consulta", "2022-05-17",
		    30, L14 },
		{ "Ley 1755 art. 30: information for another authority",
		    "autoridad", "2020-03-27", 10, L30 },
		{ "Decreto 491 art. 5 num. i: information for another "
		    "authority, 20 like any", "autoridad", "2021-06-15", 20,
		    D491 },
		{ "Ley 1755 art. 30 again", "autoridad", "2022-05-17", 10,
		    L30 },
		{ "felicitacion: no term before Decreto 491", "felicitacion",
		    "2019-01-01", 0, NULL },
		{ "felicitacion: no term under Decreto 491 either",
		    "felicitacion", "2021-01-01", 0, NULL },
	};
	const struct rs_term *term;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		term = rs_default_term(t[i].type, D(t[i].day));
		if (!ok(term != NULL, "%s: %s received %s has a period",
		    t[i].rule, t[i].type, t[i].day))
			continue;
		is_int(term->days, t[i].days, "%s: %s received %s: %d days",
		    t[i].rule, t[i].type, t[i].day, t[i].days);
		is_str(term->law, t[i].law, "%s: %s received %s: the law",
		    t[i].rule, t[i].type, t[i].day);
	}
	ok(rs_default_term("tutela", D("2024-01-02")) == NULL,
	    "an unknown type has no built-in term");
	ok(rs_default_term("peticion", D("1983-12-31")) == NULL,
	    "Ley 51 de 1983: no term before 1984");
	is_str(rs_default_types(), "peticion, queja, reclamo, sugerencia, "
	    "denuncia, felicitacion, informacion, consulta, autoridad",
	    "each type once, in the table's order");
}

/* The table itself: each type's periods follow each other without a gap
 * or an overlap from the first day, and the last one is open. */
static void
test_table(void)
{
	const struct rs_term *t, *u;
	rs_day until, from;
	int bad = 0, open;

	for (t = rs_default_terms; t->type; t++) {
		/* the first period of its type */
		for (u = rs_default_terms; u < t; u++)
			if (strcmp(u->type, t->type) == 0)
				break;
		if (u < t)
			continue;
		if (strcmp(t->valid_from, RS_CALENDAR_FIRST_DAY) != 0)
			bad++;
		until = D(t->valid_from) - 1;
		open = 0;
		for (u = t; u->type; u++) {
			if (strcmp(u->type, t->type) != 0)
				continue;
			from = D(u->valid_from);
			if (open || from != until + 1)
				bad++;
			if (u->valid_until == NULL)
				open = 1;
			else {
				until = D(u->valid_until);
				if (until < from)
					bad++;
			}
			if (u->days < 0 || u->days > 365 ||
			    u->description == NULL)
				bad++;
			if ((u->days == 0) != (u->law == NULL))
				bad++;
		}
		if (!open)
			bad++;
	}
	is_int(bad, 0, "every type's periods run from %s without a gap, the "
	    "last one open", RS_CALENDAR_FIRST_DAY);
	ok(rs_term_covers(&rs_default_terms[1], "2020-03-28") &&
	    rs_term_covers(&rs_default_terms[1], "2022-05-16") &&
	    !rs_term_covers(&rs_default_terms[1], "2022-05-17") &&
	    !rs_term_covers(&rs_default_terms[1], "2020-03-27"),
	    "Decreto 491: a period holds its first and its last day");
}

/*
 * The day received decides the rule, not the effective day; then the
 * term counts from the effective day (DESIGN §5 rules 3 and 4).
 */
static void
test_due(void)
{
	static const struct {
		const char	*rule;
		const char	*type;
		const char	*day;	/* received */
		int		 secs;
		const char	*effective;
		const char	*due;
	} t[] = {
		/* 2020: San José Mon 23 Mar, Holy Thursday and Good Friday
		 * 9 and 10 Apr, 1 May */
		{ "Ley 1755 art. 14: Fri 27 Mar 2020 after the cut-off is "
		    "effective Mon 30, received under the old rule: 15",
		    "peticion", "2020-03-27", 17 * 3600, "2020-03-30",
		    "2020-04-22" },
		{ "Decreto 491 art. 5: Sat 28 Mar 2020, its first day: 30",
		    "peticion", "2020-03-28", 10 * 3600, "2020-03-30",
		    "2020-05-14" },
		/* 2022: Ascensión 30 May, Corpus Christi 20 Jun, Sagrado
		 * Corazón 27 Jun, San Pedro 4 Jul */
		{ "Decreto 491 art. 5: Mon 16 May 2022 after the cut-off is "
		    "effective Tue 17, when Ley 2207 was in force: still 30",
		    "peticion", "2022-05-16", 17 * 3600, "2022-05-17",
		    "2022-07-01" },
		{ "Ley 1755 art. 14: Tue 17 May 2022: 15", "peticion",
		    "2022-05-17", 9 * 3600, "2022-05-17", "2022-06-08" },
		/* 2021: Reyes Mon 11 Jan */
		{ "Decreto 491 art. 5 num. i: informacion, 20", "informacion",
		    "2021-01-05", 10 * 3600, "2021-01-05", "2021-02-03" },
		{ "Decreto 491 art. 5 num. ii: consulta, 35", "consulta",
		    "2021-01-05", 10 * 3600, "2021-01-05", "2021-02-24" },
		{ "Decreto 491 art. 5 num. i: autoridad, 20", "autoridad",
		    "2021-01-05", 10 * 3600, "2021-01-05", "2021-02-03" },
	};
	struct rs_calendar cal;
	struct rs_clock c;
	const struct rs_term *term;
	size_t i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.effective = rs_effective_day(&cal, D(t[i].day), t[i].secs);
		c.extended_to = RS_NO_DAY;
		if ((term = rs_default_term(t[i].type, D(t[i].day))) != NULL)
			c.term = term->days;
		is_str(fmt(c.effective), t[i].effective, "%s: effective",
		    t[i].rule);
		is_str(fmt(rs_due_date(&cal, &c)), t[i].due, "%s: due",
		    t[i].rule);
	}
	rs_calendar_free(&cal);
}

/* Ley 51 de 1983 took effect in December 1983: from 1984 on only. */
static void
test_first_day(void)
{
	static const struct {
		const char	*day;
		int		 refused;
	} t[] = {
		{ "1500-01-01", 1 }, { "1983-01-01", 1 },
		{ "1983-12-31", 1 }, { "1984-01-01", 0 },
		{ "1984-01-02", 0 }, { "2020-03-28", 0 },
		{ "2100-12-31", 0 },
	};
	size_t i;

	is_int(RS_CALENDAR_FIRST_YEAR, 1984, "the first year is 1984");
	is_str(RS_CALENDAR_FIRST_DAY, "1984-01-01", "the first day");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(rs_first_day_check(D(t[i].day)) != NULL, t[i].refused,
		    "Ley 51 de 1983: %s %s", t[i].day, t[i].refused ?
		    "refused" : "counted");
	is_str(rs_first_day_check(D("1983-12-31")), "the holiday calendar of "
	    "Ley 51 de 1983 applies from 1984; earlier dates are not "
	    "modelled", "the reason names the rule");
}

int
main(void)
{
	test_periods();
	test_table();
	test_due();
	test_first_day();
	return done();
}
