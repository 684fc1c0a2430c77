/*
 * t/unit/clock.c - the legal clock of a request: DESIGN §5 rules 4-7
 * (Ley 1755 de 2015 arts. 14, 17 and 21), the deadline states of rs-due,
 * the day-by-day explanations and dates written out in Spanish.
 *
 * Every expected date was counted by hand on the Colombian calendars of
 * 2024-2026 (Ley 51 de 1983); the comments show the count.  Holidays on
 * weekdays that matter here:
 *   2024: Mon 1 Jan, Mon 8 Jan, Mon 25 Mar, Thu 28 Mar, Fri 29 Mar,
 *         Wed 1 May, Mon 13 May, Mon 3 Jun, Mon 10 Jun, Mon 1 Jul,
 *         Wed 7 Aug, Mon 19 Aug, Mon 14 Oct, Mon 4 Nov, Mon 11 Nov,
 *         Wed 25 Dec (20 Jul and 8 Dec fall on weekends)
 *   2025: Wed 1 Jan, Mon 6 Jan, Mon 24 Mar, Thu 17 Apr, Fri 18 Apr,
 *         Thu 1 May, Mon 2 Jun, Mon 23 Jun, Mon 30 Jun, Thu 7 Aug,
 *         Mon 18 Aug, Mon 13 Oct, Mon 3 Nov, Mon 17 Nov, Mon 8 Dec,
 *         Thu 25 Dec (20 Jul is a Sunday)
 *   2026: Thu 1 Jan, Mon 12 Jan, Mon 23 Mar, Thu 2 Apr, Fri 3 Apr, ...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"
#include "tap.h"
#include "days.h"

#define NONE	RS_NO_DAY

/* A clock with up to two holds; NULL dates are RS_NO_DAY. */
struct clk {
	struct rs_hold	holds[2];
	struct rs_clock	c;
};

static const struct rs_clock *
mkclock(struct clk *k, const char *eff, int term, const char *h1,
    const char *r1, const char *h2, const char *r2, const char *ext)
{
	memset(k, 0, sizeof(*k));
	k->c.effective = D(eff);
	k->c.term = term;
	k->c.extended_to = D(ext);
	k->c.holds = k->holds;
	k->c.nholds = 0;
	if (h1 != NULL) {
		k->holds[0].held = D(h1);
		k->holds[0].resumed = D(r1);
		k->c.nholds = 1;
	}
	if (h2 != NULL) {
		k->holds[1].held = D(h2);
		k->holds[1].resumed = D(r2);
		k->c.nholds = 2;
	}
	return &k->c;
}

/* ---- rule 4: the due date, no suspension --------------------------------- */

static void
test_due_plain(void)
{
	static const struct {
		const char	*eff;
		int		 term;
		const char	*due;
		const char	*why;
	} t[] = {
		/* DESIGN worked example: Jan 3 W(1) 4(2) 5 F(3), Sat 6, Sun 7,
		 * Mon 8 Reyes, 9 T(4) 10(5) 11(6) 12 F(7) 15 M(8) 16(9)
		 * 17(10) 18(11) 19 F(12) 22 M(13) 23(14) 24 W(15) */
		{ "2024-01-02", 15, "2024-01-24", "DESIGN: peticion, Reyes" },
		/* Dec 19 Th(1) 20 F(2) 23 M(3) 24 T(4), 25 Navidad,
		 * 26 Th(5) 27 F(6) 30 M(7) 31 T(8), 1 Jan, 2 Th(9) 3 F(10) */
		{ "2024-12-18", 10, "2025-01-03", "DESIGN: informacion" },
		/* Dec 10 W(1) 11(2) 12 F(3) 15 M(4) 16(5) 17(6) 18(7)
		 * 19 F(8) 22 M(9) 23(10) 24(11), 25 Navidad, 26 F(12)
		 * 29 M(13) 30(14) 31 W(15) */
		{ "2025-12-09", 15, "2025-12-31", "DESIGN: Sat 6 Dec filing" },
		/* Aug 20 W(1) 21(2) 22 F(3) 25 M(4) 26(5) 27(6) 28(7)
		 * 29 F(8) Sep 1 M(9) 2(10) 3(11) 4(12) 5 F(13) 8 M(14)
		 * 9 T(15) */
		{ "2025-08-19", 15, "2025-09-09", "Sat 16 Aug filing, Asunción" },
		/* autoridad: 10th is Jan 17 (see the first count) */
		{ "2024-01-02", 10, "2024-01-17", "autoridad 10" },
		/* consulta: ...24 W(15) 25 Th(16) 26 F(17) 29 M(18) 30(19)
		 * 31(20) Feb 1 Th(21) 2 F(22) 5 M(23) 6(24) 7(25) 8(26)
		 * 9 F(27) 12 M(28) 13(29) 14 W(30) */
		{ "2024-01-02", 30, "2024-02-14", "consulta 30" },
		/* Apr 15 T(1) 16 W(2), 17-18 Holy Week, 21 M(3) 22(4) 23(5)
		 * 24(6) 25 F(7) 28 M(8) 29(9) 30 W(10) */
		{ "2025-04-14", 10, "2025-04-30", "over Holy Week 2025" },
		/* 2025-12-31 is day 15 of the Dec example; Jan 1 2026,
		 * 2 F(16) 5 M(17) 6(18) 7(19) 8(20) 9 F(21), Mon 12 Reyes,
		 * 13(22) 14(23) 15(24) 16 F(25) 19 M(26) 20(27) 21(28)
		 * 22(29) 23 F(30) */
		{ "2025-12-09", 30, "2026-01-23", "into 2026, Reyes on the 12th" },
		{ "2024-01-02", 1, "2024-01-03", "one day" },
		/* Fri 2024-08-16 + 1: Sat, Sun, Mon 19 Asunción, Tue 20 */
		{ "2024-08-16", 1, "2024-08-20", "one day over a holiday Monday" },
	};
	struct rs_calendar	cal;
	struct clk		k;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(fmt(rs_due_date(&cal, mkclock(&k, t[i].eff, t[i].term,
		    NULL, NULL, NULL, NULL, NULL))), t[i].due,
		    "due: effective %s + %d = %s (%s)", t[i].eff, t[i].term,
		    t[i].due, t[i].why);

	/* felicitacion: no term, no due date */
	ok(rs_due_date(&cal, mkclock(&k, "2024-01-02", 0, NULL, NULL, NULL,
	    NULL, NULL)) == RS_NO_DAY, "due: no term -> RS_NO_DAY");
	ok(rs_due_date(&cal, mkclock(&k, "2024-01-02", 0, "2024-01-05",
	    "2024-01-12", NULL, NULL, NULL)) == RS_NO_DAY,
	    "due: no term with a hold -> RS_NO_DAY");

	/* art. 14 parágrafo: an extended request is due on the new date */
	is_str(fmt(rs_due_date(&cal, mkclock(&k, "2024-01-02", 15, NULL, NULL,
	    NULL, NULL, "2024-02-14"))), "2024-02-14",
	    "due: extended_to set -> extended_to");
	is_str(fmt(rs_due_date(&cal, mkclock(&k, "2024-12-02", 15,
	    "2024-12-05", "2025-01-10", NULL, NULL, "2025-02-10"))),
	    "2025-02-10", "due: extended_to set with a hold -> extended_to");
	rs_calendar_free(&cal);
}

/* ---- the effective day of a filing on a Saturday before a holiday ------- */

static int	nsteps_eff;

static void
count_step(void *arg, const struct rs_step *s)
{
	(void)arg;
	(void)s;
	nsteps_eff++;
}

static void
test_effective(void)
{
	static const struct {
		const char	*day;
		int		 secs;
		const char	*eff;
		const char	*why;
	} t[] = {
		{ "2025-08-16", 10 * 3600, "2025-08-19",
		    "Sat 16 Aug 2025, Mon 18 Asunción -> Tue 19" },
		{ "2025-12-06", 10 * 3600, "2025-12-09",
		    "Sat 6 Dec 2025, Mon 8 Inmaculada -> Tue 9" },
		{ "2024-01-02", 7 * 3600, "2024-01-02",
		    "Tue 07:00 before office hours: that day" },
		{ "2024-08-13", 16 * 3600, "2024-08-14",
		    "Tue 16:00, the cut-off: next day" },
		{ "2024-08-13", 16 * 3600 - 1, "2024-08-13",
		    "Tue 15:59:59: that day" },
		{ "2025-04-16", 17 * 3600, "2025-04-21",
		    "Wed of Holy Week after the cut-off -> Mon 21 Apr" },
		{ "2024-12-31", 23 * 3600, "2025-01-02",
		    "New Year's Eve at night -> Thu 2 Jan" },
	};
	struct rs_calendar	cal;
	struct clk		k;
	rs_day			eff;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		is_str(fmt(rs_effective_day(&cal, D(t[i].day), t[i].secs)),
		    t[i].eff, "effective: %s (%s)", t[i].eff, t[i].why);
		nsteps_eff = 0;
		eff = rs_explain_effective(&cal, D(t[i].day), t[i].secs,
		    count_step, NULL);
		is_str(fmt(eff), t[i].eff,
		    "rs_explain_effective returns %s (%s)", t[i].eff,
		    t[i].why);
		ok(nsteps_eff >= 1, "rs_explain_effective explains %s (%d "
		    "steps)", t[i].day, nsteps_eff);
	}
	/* the Saturday filing before Asunción, peticion: due Tue 9 Sep
	 * (count in test_due_plain) */
	eff = rs_effective_day(&cal, D("2025-08-16"), 10 * 3600);
	is_str(fmt(rs_due_date(&cal, mkclock(&k, fmt(eff), 15, NULL, NULL,
	    NULL, NULL, NULL))), "2025-09-09",
	    "Sat 2025-08-16 peticion: due Tue 2025-09-09");
	rs_calendar_free(&cal);
}

/* ---- rule 5: suspension (art. 17) ---------------------------------------- */

static void
test_suspension(void)
{
	static const struct {
		const char	*eff;
		int		 term;
		const char	*h1, *r1, *h2, *r2;
		const char	*due;	/* NULL: clock stopped */
		const char	*bound;	/* 2N with the same holds, or NULL */
		const char	*why;
	} t[] = {
		/* used: Dec 3 T(1) 4 W(2) 5 Th(3) = 3.  Stopped from Dec 6
		 * to Fri 10 Jan (Dec 25, Jan 1, Mon 6 Jan Reyes inside).
		 * Rest from Mon 13 Jan: 13(4) 14(5) 15(6) 16(7) 17 F(8)
		 * 20 M(9) 21(10) 22(11) 23(12) 24 F(13) 27 M(14) 28 T(15).
		 * 2N: 29 W(16) 30(17) 31 F(18) Feb 3 M(19) 4(20) 5(21)
		 * 6(22) 7 F(23) 10 M(24) 11(25) 12(26) 13(27) 14 F(28)
		 * 17 M(29) 18 T(30) */
		{ "2024-12-02", 15, "2024-12-05", "2025-01-10", NULL, NULL,
		    "2025-01-28", "2025-02-18",
		    "over the year end: used 3, resumes Mon 13 Jan as day 4" },
		/* used: Mar 17 M(1) 18 T(2) 19 W(3) = 3.  Stopped to Wed
		 * 16 Apr (Mon 24 Mar inside).  Rest after Apr 16: 17-18
		 * Holy Week, 21 M(4) 22(5) 23(6) 24(7) 25 F(8) 28 M(9)
		 * 29(10) 30(11), 1 May, 2 F(12) 5 M(13) 6(14) 7 W(15) */
		{ "2025-03-14", 15, "2025-03-19", "2025-04-16", NULL, NULL,
		    "2025-05-07", NULL,
		    "resumes just before Holy Week and 1 May" },
		/* hold and resume the same day: used 5 (Jan 3,4,5,9,10),
		 * rest from Thu 11: 11(6) 12(7) 15(8) 16(9) 17(10) 18(11)
		 * 19(12) 22(13) 23(14) 24(15): no day lost */
		{ "2024-01-02", 15, "2024-01-10", "2024-01-10", NULL, NULL,
		    "2024-01-24", "2024-02-14",
		    "resumed the day of the hold: the term does not move" },
		/* used 5, resumed Thu 11: rest from Fri 12: 12(6) 15(7)
		 * 16(8) 17(9) 18(10) 19(11) 22(12) 23(13) 24(14) 25(15) */
		{ "2024-01-02", 15, "2024-01-10", "2024-01-11", NULL, NULL,
		    "2024-01-25", NULL, "resumed the next day: one day later" },
		/* used 5, stopped to Tue 16: 17(6) 18(7) 19(8) 22(9)
		 * 23(10) 24(11) 25(12) 26(13) 29(14) 30(15) */
		{ "2024-01-02", 15, "2024-01-10", "2024-01-16", NULL, NULL,
		    "2024-01-30", NULL, "resumed Tue 16 Jan" },
		/* hold on the last day: 15 used, 0 left; at least one
		 * business day remains: resumed Fri 2 Feb -> Mon 5 Feb */
		{ "2024-01-02", 15, "2024-01-24", "2024-02-02", NULL, NULL,
		    "2024-02-05", NULL,
		    "hold on day 15: one business day after the resume" },
		/* hold on day 14 (Tue 23): 1 left: Mon 5 Feb (15) */
		{ "2024-01-02", 15, "2024-01-23", "2024-02-02", NULL, NULL,
		    "2024-02-05", NULL, "hold on day 14: 1 left" },
		/* hold on day 13 (Mon 22): 2 left: 5 M(14) 6 T(15) */
		{ "2024-01-02", 15, "2024-01-22", "2024-02-02", NULL, NULL,
		    "2024-02-06", NULL, "hold on day 13: 2 left" },
		/* hold on the effective day's first business day after:
		 * Wed 3 Jan (1 used), resumed Fri 5 Jan: rest from Tue 9
		 * (Mon 8 Reyes): 9(2) 10(3) 11(4) 12(5) 15(6) 16(7) 17(8)
		 * 18(9) 19(10) 22(11) 23(12) 24(13) 25(14) 26(15) */
		{ "2024-01-02", 15, "2024-01-03", "2024-01-05", NULL, NULL,
		    "2024-01-26", NULL, "resumed Fri, Mon is Reyes" },
		/* two holds.  Hold 1 Fri 5 Jan: used 3 (3,4,5); resumed Fri
		 * 12 Jan: Mon 15(4) 16(5) 17(6); hold 2 Wed 17: used 6;
		 * resumed Mon 5 Feb: Tue 6(7) 7(8) 8(9) 9 F(10) 12 M(11)
		 * 13(12) 14(13) 15(14) 16 F(15).  2N: 19 M(16) 20(17)
		 * 21(18) 22(19) 23 F(20) 26 M(21) 27(22) 28(23) 29 Th(24)
		 * Mar 1 F(25) 4 M(26) 5(27) 6(28) 7(29) 8 F(30) */
		{ "2024-01-02", 15, "2024-01-05", "2024-01-12", "2024-01-17",
		    "2024-02-05", "2024-02-16", "2024-03-08",
		    "two holds, one after the other" },
		/* stopped: the last hold has no resume yet */
		{ "2024-01-02", 15, "2024-01-05", NULL, NULL, NULL,
		    NULL, NULL, "one open hold: no due date" },
		{ "2024-01-02", 15, "2024-01-05", "2024-01-12", "2024-01-17",
		    NULL, NULL, NULL, "second hold open: no due date" },
		/* informacion 10, eff Wed 18 Dec 2024: hold Fri 20 Dec
		 * (19 Th(1) 20 F(2): used 2), resumed Thu 2 Jan 2025: Fri 3
		 * (3) Tue 7 (4; Mon 6 Reyes) 8(5) 9(6) 10 F(7) 13 M(8)
		 * 14(9) 15 W(10) */
		{ "2024-12-18", 10, "2024-12-20", "2025-01-02", NULL, NULL,
		    "2025-01-15", NULL, "informacion over the holidays" },
	};
	struct rs_calendar	cal;
	struct clk		k;
	const struct rs_clock	*c;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = mkclock(&k, t[i].eff, t[i].term, t[i].h1, t[i].r1,
		    t[i].h2, t[i].r2, NULL);
		is_str(fmt(rs_due_date(&cal, c)), t[i].due ? t[i].due :
		    "(none)", "suspension: due %s (%s)",
		    t[i].due ? t[i].due : "none", t[i].why);
		if (t[i].bound != NULL)
			is_str(fmt(rs_extension_bound(&cal, c)), t[i].bound,
			    "suspension: 2N bound %s (%s)", t[i].bound,
			    t[i].why);
	}
	rs_calendar_free(&cal);

	/* closures: inside the suspension they change nothing; after the
	 * resume they push the due date (base: resumed Tue 16 -> Jan 30) */
	rs_calendar_init(&cal);
	rs_calendar_add_closure(&cal, D("2024-01-15"), "Traslado de sede");
	is_str(fmt(rs_due_date(&cal, mkclock(&k, "2024-01-02", 15,
	    "2024-01-10", "2024-01-16", NULL, NULL, NULL))), "2024-01-30",
	    "suspension: a closure while stopped changes nothing");
	rs_calendar_add_closure(&cal, D("2024-01-22"), "Jornada electoral");
	/* 17(6) 18(7) 19(8) [22 closed] 23(9) 24(10) 25(11) 26(12)
	 * 29(13) 30(14) 31(15) */
	is_str(fmt(rs_due_date(&cal, mkclock(&k, "2024-01-02", 15,
	    "2024-01-10", "2024-01-16", NULL, NULL, NULL))), "2024-01-31",
	    "suspension: a closure after the resume adds a day");
	rs_calendar_free(&cal);
}

static void
test_days_used(void)
{
	static const struct {
		const char	*h1, *r1, *h2, *r2;
		const char	*eff;
		const char	*day;
		int		 used;
	} t[] = {
		/* no hold, eff Tue 2 Jan 2024 */
		{ NULL, NULL, NULL, NULL, "2024-01-02", "2024-01-02", 0 },
		{ NULL, NULL, NULL, NULL, "2024-01-02", "2024-01-03", 1 },
		{ NULL, NULL, NULL, NULL, "2024-01-02", "2024-01-06", 3 },
		{ NULL, NULL, NULL, NULL, "2024-01-02", "2024-01-08", 3 },
		{ NULL, NULL, NULL, NULL, "2024-01-02", "2024-01-10", 5 },
		{ NULL, NULL, NULL, NULL, "2024-01-02", "2024-01-24", 15 },
		/* hold Thu 5 Dec 2024, resumed Fri 10 Jan 2025 */
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2024-12-04", 2 },
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2024-12-05", 3 },
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2024-12-20", 3 },
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2025-01-10", 3 },
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2025-01-13", 4 },
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2025-01-17", 8 },
		{ "2024-12-05", "2025-01-10", NULL, NULL, "2024-12-02",
		    "2025-01-28", 15 },
		/* still open */
		{ "2024-12-05", NULL, NULL, NULL, "2024-12-02",
		    "2025-01-31", 3 },
		/* two holds (counts in test_suspension) */
		{ "2024-01-05", "2024-01-12", "2024-01-17", "2024-02-05",
		    "2024-01-02", "2024-01-16", 5 },
		{ "2024-01-05", "2024-01-12", "2024-01-17", "2024-02-05",
		    "2024-01-02", "2024-01-20", 6 },
		{ "2024-01-05", "2024-01-12", "2024-01-17", "2024-02-05",
		    "2024-01-02", "2024-02-05", 6 },
		{ "2024-01-05", "2024-01-12", "2024-01-17", "2024-02-05",
		    "2024-01-02", "2024-02-06", 7 },
		{ "2024-01-05", "2024-01-12", "2024-01-17", "2024-02-05",
		    "2024-01-02", "2024-02-16", 15 },
	};
	struct rs_calendar	cal;
	struct clk		k;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(rs_days_used(&cal, mkclock(&k, t[i].eff, 15, t[i].h1,
		    t[i].r1, t[i].h2, t[i].r2, NULL), D(t[i].day)), t[i].used,
		    "days used by %s (effective %s, %s hold%s): %d", t[i].day,
		    t[i].eff, t[i].h2 ? "two" : t[i].h1 ? "one" : "no",
		    t[i].h1 && !t[i].h2 ? "" : "s", t[i].used);
	rs_calendar_free(&cal);
}

/* ---- art. 17: the requirement goes out within 10 business days ----------- */

static void
test_hold_check(void)
{
	static const struct {
		const char	*eff;
		const char	*day;
		int		 allowed;
		const char	*why;
		int		 term;	/* 0: 15 */
	} t[] = {
		/* 10th after Tue 2 Jan 2024: 3(1) 4(2) 5(3) 9(4) 10(5)
		 * 11(6) 12(7) 15(8) 16(9) 17 W(10) */
		{ "2024-01-02", "2024-01-02", 1, "the effective day itself", 15 },
		{ "2024-01-02", "2024-01-03", 1, "day 1", 15 },
		{ "2024-01-02", "2024-01-16", 1, "day 9", 15 },
		{ "2024-01-02", "2024-01-17", 1, "day 10", 15 },
		{ "2024-01-02", "2024-01-18", 0, "day 11", 15 },
		{ "2024-01-02", "2024-02-14", 0, "day 30", 15 },
		/* 10th after Wed 18 Dec 2024 is Fri 3 Jan 2025 */
		{ "2024-12-18", "2025-01-03", 1, "day 10 over Christmas", 15 },
		{ "2024-12-18", "2025-01-04", 0, "Sat after day 10", 15 },
		{ "2024-12-18", "2025-01-07", 0, "day 11 (Mon 6 Reyes)", 15 },
		/* 10th after Tue 9 Dec 2025: 10(1) 11(2) 12(3) 15(4) 16(5)
		 * 17(6) 18(7) 19(8) 22(9) 23 T(10) */
		{ "2025-12-09", "2025-12-23", 1, "day 10", 15 },
		{ "2025-12-09", "2025-12-24", 0, "day 11", 15 },
		/* 10th after Mon 14 Apr 2025: 15(1) 16(2) 21(3) 22(4) 23(5)
		 * 24(6) 25(7) 28(8) 29(9) 30 W(10); 1 May; Fri 2 (11) */
		{ "2025-04-14", "2025-04-30", 1, "day 10 after Holy Week", 15 },
		{ "2025-04-14", "2025-05-02", 0, "day 11 after 1 May", 15 },
		/* art. 17 cannot suspend a term that ran out: a 5-day term
		 * from Tue 2 Jan 2024 ends Wed 10 Jan, before day 10 */
		{ "2024-01-02", "2024-01-10", 1, "5-day term, on its last day",
		    5 },
		{ "2024-01-02", "2024-01-11", 0, "5-day term, the day after it "
		    "ran out (still within 10 days)", 5 },
		/* informacion, 10 days: the two limits meet on Wed 17 Jan */
		{ "2024-01-02", "2024-01-17", 1, "10-day term, day 10", 10 },
		{ "2024-01-02", "2024-01-18", 0, "10-day term, day 11", 10 },
	};
	struct rs_calendar	cal;
	struct clk		k;
	const char		*r;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r = rs_hold_check(&cal, mkclock(&k, t[i].eff, t[i].term ?
		    t[i].term : 15, NULL, NULL, NULL, NULL, NULL), D(t[i].day));
		if (t[i].allowed)
			ok(r == NULL, "hold on %s (effective %s, %s): "
			    "allowed%s%s", t[i].day, t[i].eff, t[i].why,
			    r ? " -- refused: " : "", r ? r : "");
		else
			ok(r != NULL, "hold on %s (effective %s, %s): refused",
			    t[i].day, t[i].eff, t[i].why);
	}
	r = rs_hold_check(&cal, mkclock(&k, "2024-01-02", 5, NULL, NULL, NULL,
	    NULL, NULL), D("2024-01-11"));
	is_str(r, "the term ran out on 2024-01-10, and a term that has run "
	    "out cannot be suspended (Ley 1755 art. 17)",
	    "art. 17: the reason a late requirement stops nothing");
	rs_calendar_free(&cal);
}

/* ---- art. 17: one calendar month from the day after the requirement ----- */

static void
test_hold_limit(void)
{
	static const struct {
		const char	*held;
		const char	*limit;
		const char	*why;
	} t[] = {
		{ "2025-01-15", "2025-02-17",
		    "Wed 15 Jan: from Thu 16 -> Sun 16 Feb -> Mon 17" },
		{ "2025-01-30", "2025-02-28",
		    "Thu 30 Jan: from 31 -> no 31 Feb -> Fri 28 Feb" },
		{ "2024-01-30", "2024-02-29",
		    "Tue 30 Jan 2024: from 31 -> leap Thu 29 Feb" },
		{ "2024-12-20", "2025-01-21",
		    "Fri 20 Dec: from Sat 21 -> Tue 21 Jan 2025" },
		{ "2024-12-05", "2025-01-07",
		    "Thu 5 Dec: from 6 -> Mon 6 Jan Reyes -> Tue 7" },
		{ "2025-12-31", "2026-02-02",
		    "Wed 31 Dec: from Thu 1 Jan -> Sun 1 Feb -> Mon 2" },
		{ "2025-07-17", "2025-08-19",
		    "Thu 17 Jul: from 18 -> Mon 18 Aug Asunción -> Tue 19" },
		{ "2025-07-15", "2025-08-19",
		    "Tue 15 Jul: from 16 -> Sat 16 Aug -> Tue 19" },
		{ "2025-01-31", "2025-03-03",
		    "Fri 31 Jan: from Sat 1 Feb -> Sat 1 Mar -> Mon 3" },
		{ "2024-02-29", "2024-04-01",
		    "Thu 29 Feb: from Fri 1 Mar -> Mon 1 Apr" },
		{ "2024-07-31", "2024-09-02",
		    "Wed 31 Jul: from 1 Aug -> Sun 1 Sep -> Mon 2" },
		{ "2025-04-29", "2025-05-30",
		    "Tue 29 Apr: from 30 Apr -> Fri 30 May (same number)" },
		{ "2025-05-29", "2025-07-01",
		    "Thu 29 May: from 30 -> Mon 30 Jun (two feasts) -> Tue" },
		{ "2025-05-30", "2025-07-01",
		    "Fri 30 May: from 31 -> no 31 Jun -> 30 Jun -> Tue 1 Jul" },
		{ "2026-03-02", "2026-04-06",
		    "Mon 2 Mar 2026: from 3 -> Good Friday 3 Apr -> Mon 6" },
	};
	struct rs_calendar	cal;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(fmt(rs_hold_limit(&cal, D(t[i].held))), t[i].limit,
		    "hold limit: %s -> %s (%s)", t[i].held, t[i].limit,
		    t[i].why);
	rs_calendar_add_closure(&cal, D("2025-02-17"), "Inventario");
	is_str(fmt(rs_hold_limit(&cal, D("2025-01-15"))), "2025-02-18",
	    "hold limit: a closure on Mon 17 Feb -> Tue 18");
	rs_calendar_free(&cal);

	rs_calendar_init(&cal);
	cal.saturday = 1;
	is_str(fmt(rs_hold_limit(&cal, D("2025-07-15"))), "2025-08-16",
	    "hold limit, Saturdays open: Sat 16 Aug stays");
	rs_calendar_free(&cal);
}

/* ---- rule 6: extension (art. 14 parágrafo) ------------------------------- */

static void
test_extension(void)
{
	static const struct {
		const char	*eff;
		int		 term;
		const char	*h1, *r1;
		const char	*today;
		const char	*to;
		int		 allowed;
		const char	*why;
	} t[] = {
		/* eff Tue 2 Jan 2024, 15: due Wed 24 Jan, 2N = Wed 14 Feb
		 * (count in test_due_plain: consulta 30) */
		{ "2024-01-02", 15, NULL, NULL, "2024-01-20", "2024-02-14", 1,
		    "to exactly 2N (Wed 14 Feb)" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-20", "2024-02-15", 0,
		    "to 2N+1 (Thu 15 Feb)" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-10", "2024-01-25", 1,
		    "to the day after the due date" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-24", "2024-02-01", 1,
		    "asked on the due date itself" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-25", "2024-02-01", 0,
		    "asked the day after the due date" },
		{ "2024-01-02", 15, NULL, NULL, "2024-02-05", "2024-02-14", 0,
		    "asked long after the due date" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-20", "2024-01-24", 0,
		    "to the due date itself: nothing extended" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-20", "2024-01-23", 0,
		    "to before the due date" },
		{ "2024-01-02", 15, NULL, NULL, "2024-01-20", "2024-03-01", 0,
		    "to far past 2N" },
		/* informacion 10, eff Wed 18 Dec 2024: due Fri 3 Jan;
		 * 2N: 7 T(11; Mon 6 Reyes) 8(12) 9(13) 10 F(14) 13 M(15)
		 * 14(16) 15(17) 16(18) 17 F(19) 20 M(20) */
		{ "2024-12-18", 10, NULL, NULL, "2025-01-03", "2025-01-20", 1,
		    "informacion: to 2N = Mon 20 Jan" },
		{ "2024-12-18", 10, NULL, NULL, "2025-01-03", "2025-01-21", 0,
		    "informacion: to 2N+1 = Tue 21 Jan" },
		/* with the year-end hold: due Tue 28 Jan 2025, 2N Tue 18 Feb
		 * (without the suspension 2N would be Thu 16 Jan) */
		{ "2024-12-02", 15, "2024-12-05", "2025-01-10", "2025-01-20",
		    "2025-02-18", 1, "suspension out of 2N: to Tue 18 Feb" },
		{ "2024-12-02", 15, "2024-12-05", "2025-01-10", "2025-01-20",
		    "2025-02-19", 0, "suspension out of 2N: to Wed 19 Feb" },
		{ "2024-12-02", 15, "2024-12-05", "2025-01-10", "2025-01-28",
		    "2025-02-10", 1,
		    "on the held due date (past the unsuspended one)" },
		{ "2024-12-02", 15, "2024-12-05", "2025-01-10", "2025-01-29",
		    "2025-02-10", 0, "the day after the held due date" },
	};
	/* eff Tue 2 Jan 2024, 15: legal due Wed 24 Jan, 2N Wed 14 Feb */
	static const struct {
		const char	*eff, *ext, *today, *to;
		const char	*why;	/* NULL: allowed */
	} again[] = {
		{ "2024-01-02", NULL, "2024-01-20", "2024-01-27",
		    "2024-01-27 is not a business day (sábado)" },
		{ "2024-01-02", NULL, "2024-01-20", "2024-01-28",
		    "2024-01-28 is not a business day (domingo)" },
		{ "2024-01-02", NULL, "2024-01-20", "2024-01-26", NULL },
		/* a second extension, while the legal term runs */
		{ "2024-01-02", "2024-02-01", "2024-01-24", "2024-02-08", NULL },
		{ "2024-01-02", "2024-02-01", "2024-01-24", "2024-02-01",
		    "the new date must come after the due date 2024-02-01" },
		{ "2024-01-02", "2024-02-01", "2024-01-24", "2024-01-30",
		    "the new date must come after the due date 2024-02-01" },
		/* ... and once it ran out, though the extended one runs */
		{ "2024-01-02", "2024-02-01", "2024-01-25", "2024-02-08",
		    "the legal term ran out on 2024-01-24; an extension must "
		    "be given before it (Ley 1755 art. 14 parágrafo)" },
	};
	struct rs_calendar	cal;
	struct clk		k;
	const struct rs_clock	*c;
	const char		*r;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(again) / sizeof(again[0]); i++) {
		c = mkclock(&k, again[i].eff, 15, NULL, NULL, NULL, NULL,
		    again[i].ext);
		r = rs_extension_check(&cal, c, D(again[i].today),
		    D(again[i].to));
		is_str(r, again[i].why, "art. 14 par.: extension on %s to %s "
		    "(extended before to %s)", again[i].today, again[i].to,
		    again[i].ext ? again[i].ext : "nothing");
	}
	rs_calendar_add_closure(&cal, D("2024-01-26"), "Inventario");
	is_str(rs_extension_check(&cal, mkclock(&k, "2024-01-02", 15, NULL,
	    NULL, NULL, NULL, NULL), D("2024-01-20"), D("2024-01-26")),
	    "2024-01-26 is not a business day (cierre de la oficina: "
	    "Inventario)", "art. 14 par.: not to a day the office is closed");
	rs_calendar_free(&cal);
	rs_calendar_init(&cal);
	is_str(fmt(rs_extension_bound(&cal, mkclock(&k, "2024-01-02", 15,
	    NULL, NULL, NULL, NULL, NULL))), "2024-02-14",
	    "2N bound: eff 2024-01-02, 15 -> 30th business day Wed 14 Feb");
	is_str(fmt(rs_extension_bound(&cal, mkclock(&k, "2024-12-18", 10,
	    NULL, NULL, NULL, NULL, NULL))), "2025-01-20",
	    "2N bound: eff 2024-12-18, 10 -> 20th business day Mon 20 Jan");
	is_str(fmt(rs_extension_bound(&cal, mkclock(&k, "2025-12-09", 15,
	    NULL, NULL, NULL, NULL, NULL))), "2026-01-23",
	    "2N bound: eff 2025-12-09, 15 -> 30th business day Fri 23 Jan");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = mkclock(&k, t[i].eff, t[i].term, t[i].h1, t[i].r1, NULL,
		    NULL, NULL);
		r = rs_extension_check(&cal, c, D(t[i].today), D(t[i].to));
		if (t[i].allowed)
			ok(r == NULL, "extension on %s to %s: allowed (%s)%s%s",
			    t[i].today, t[i].to, t[i].why,
			    r ? " -- refused: " : "", r ? r : "");
		else
			ok(r != NULL, "extension on %s to %s: refused (%s)",
			    t[i].today, t[i].to, t[i].why);
	}
	rs_calendar_free(&cal);
}

/* ---- rule 7: forwarding (art. 21) ---------------------------------------- */

static void
test_forward(void)
{
	static const struct {
		const char	*eff;
		const char	*limit;
		const char	*why;
		int		 verbal;
	} t[] = {
		/* written: 5 business days after the day of receipt, which
		 * need not be a business day itself (Sat 6 Dec 2025) */
		{ "2025-12-06", "2025-12-15",
		    "received Sat: 9(1) 10(2) 11(3) 12(4) 15 M(5)", 0 },
		{ "2024-01-06", "2024-01-15",
		    "received Sat 6 Jan (Reyes moved to 8): 9(1) .. 12(4) "
		    "15 M(5)", 0 },
		/* verbal: de inmediato, the day itself */
		{ "2024-01-02", "2024-01-02", "at the desk: the same day", 1 },
		{ "2025-12-09", "2025-12-09", "by phone: the same day", 1 },
		{ "2024-01-02", "2024-01-10",
		    "3 W(1) 4(2) 5 F(3), Mon 8 Reyes, 9(4) 10 W(5)", 0 },
		{ "2024-12-18", "2024-12-26",
		    "19(1) 20(2) 23(3) 24(4), 25 Navidad, 26 Th(5)", 0 },
		{ "2025-12-09", "2025-12-16",
		    "10(1) 11(2) 12(3) 15(4) 16 T(5)", 0 },
		{ "2025-04-14", "2025-04-23",
		    "15(1) 16(2), Holy Thu/Fri, 21(3) 22(4) 23 W(5)", 0 },
		{ "2025-08-19", "2025-08-26",
		    "20(1) 21(2) 22(3) 25(4) 26 T(5)", 0 },
		{ "2024-08-13", "2024-08-21",
		    "14(1) 15(2) 16(3), Mon 19 Asunción, 20(4) 21 W(5)", 0 },
	};
	struct rs_calendar	cal;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(fmt(rs_forward_limit(&cal, D(t[i].eff), t[i].verbal)),
		    t[i].limit, "art. 21 forward limit: %s received %s -> %s "
		    "(%s)", t[i].verbal ? "verbal" : "written", t[i].eff,
		    t[i].limit, t[i].why);
	rs_calendar_free(&cal);
}

/* ---- a date once given is never moved earlier (DESIGN §9) ---------------- */

static void
count_kept(void *arg, const struct rs_step *st)
{
	if (strstr(st->what, "fecha ya dada") != NULL)
		*(rs_day *)arg = st->day;
}

static int nlate_seen;

static void
count_late(void *arg, const struct rs_step *st)
{
	(void)arg;
	if (strstr(st->what, "requerimiento tardío") != NULL &&
	    st->count == 0)
		nlate_seen++;
}

static void
test_promised(void)
{
	static const struct {
		const char	*promised;
		const char	*due;
		const char	*why;
	} t[] = {
		/* eff Tue 2 Jan 2024, 15 days: Wed 24 Jan */
		{ NULL, "2024-01-24", "nothing given: the count" },
		{ "2024-01-24", "2024-01-24", "given the same date" },
		{ "2024-01-22", "2024-01-24", "given an earlier one: the count" },
		{ "2024-01-26", "2024-01-26", "given a later one (a closure "
		    "since removed): kept" },
	};
	struct rs_calendar	cal;
	struct clk		k;
	struct rs_clock		c;
	rs_day			at;
	size_t			i;

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = *mkclock(&k, "2024-01-02", 15, NULL, NULL, NULL, NULL,
		    NULL);
		c.promised = D(t[i].promised);
		is_str(fmt(rs_due_date(&cal, &c)), t[i].due,
		    "promised %s: due %s (%s)", t[i].promised ?
		    t[i].promised : "nothing", t[i].due, t[i].why);
		at = RS_NO_DAY;
		rs_explain_due(&cal, &c, count_kept, &at);
		is_str(fmt(at), t[i].promised && strcmp(t[i].promised,
		    t[i].due) == 0 && strcmp(t[i].due, "2024-01-24") ?
		    t[i].due : "(none)", "... the explanation %s it",
		    at != RS_NO_DAY ? "says" : "has no line for");
	}
	/* art. 17: a late requirement is shown on its day and stops
	 * nothing: day 12 (Thu 18 Jan) and one after the due date */
	{
		struct rs_hold late[2] = {
			{ D("2024-01-18"), RS_NO_DAY },
			{ D("2024-01-29"), RS_NO_DAY },
		};

		c = *mkclock(&k, "2024-01-02", 15, NULL, NULL, NULL, NULL,
		    NULL);
		c.late = late;
		c.nlate = 2;
		is_str(fmt(rs_due_date(&cal, &c)), "2024-01-24",
		    "art. 17: late requirements leave the due date alone");
		nlate_seen = 0;
		rs_explain_due(&cal, &c, count_late, NULL);
		is_int(nlate_seen, 2, "... and the explanation shows both");
	}
	/* held: no date while the clock is stopped, whatever was given */
	c = *mkclock(&k, "2024-01-02", 15, "2024-01-05", NULL, NULL, NULL,
	    NULL);
	c.promised = D("2024-01-24");
	is_str(fmt(rs_due_date(&cal, &c)), "(none)",
	    "promised, then held: no due date while held");
	rs_calendar_free(&cal);
}

/* ---- deadline states ----------------------------------------------------- */

#define ANY_LEFT	(INT32_MIN + 1)	/* days_left not checked */

static void
test_state(void)
{
	static const char *const names[RS_NSTATES] = {
		"vencida", "vence_hoy", "por_vencer", "no_notificada",
		"requerimiento_no_notificado", "desistimiento", "en_espera", "al_dia", "a_tiempo",
		"extemporanea",
	};
	static const struct {
		const char	*today;
		int		 warn;
		const char	*due;
		const char	*hold_limit;
		const char	*answered;
		enum rs_state	 state;
		int		 left;
		const char	*why;
	} t[] = {
		/* due Wed 24 Jan 2024 */
		{ "2024-01-25", 3, "2024-01-24", NULL, NULL, RS_VENCIDA, -1,
		    "the day after" },
		{ "2024-01-29", 3, "2024-01-24", NULL, NULL, RS_VENCIDA, -3,
		    "Mon after: 25, 26, 29 past" },
		{ "2024-01-24", 3, "2024-01-24", NULL, NULL, RS_VENCE_HOY, 0,
		    "on the due date" },
		{ "2024-01-24", 0, "2024-01-24", NULL, NULL, RS_VENCE_HOY, 0,
		    "on the due date, warn 0" },
		{ "2024-01-23", 3, "2024-01-24", NULL, NULL, RS_POR_VENCER, 1,
		    "the day before" },
		{ "2024-01-19", 3, "2024-01-24", NULL, NULL, RS_POR_VENCER, 3,
		    "Fri 19: 22, 23, 24 left = warn" },
		{ "2024-01-20", 3, "2024-01-24", NULL, NULL, RS_POR_VENCER, 3,
		    "Sat 20: 22, 23, 24 left" },
		{ "2024-01-18", 3, "2024-01-24", NULL, NULL, RS_AL_DIA, 4,
		    "Thu 18: 4 left > warn" },
		{ "2024-01-19", 0, "2024-01-24", NULL, NULL, RS_AL_DIA, 3,
		    "warn 0: no por_vencer" },
		{ "2024-01-08", 5, "2024-01-24", NULL, NULL, RS_AL_DIA, 12,
		    "Mon 8 Reyes: 9..24 is 12 business days" },
		{ "2024-01-23", 1, "2024-01-24", NULL, NULL, RS_POR_VENCER, 1,
		    "warn 1, one left" },
		/* no term */
		{ "2024-01-10", 3, NULL, NULL, NULL, RS_AL_DIA, INT32_MIN,
		    "no term" },
		/* clock stopped: held Wed 15 Jan 2025, limit Mon 17 Feb */
		{ "2025-02-10", 3, NULL, "2025-02-17", NULL, RS_EN_ESPERA,
		    INT32_MIN, "waiting for the requester" },
		{ "2025-02-17", 3, NULL, "2025-02-17", NULL, RS_EN_ESPERA,
		    INT32_MIN, "on the last day of the month" },
		{ "2025-02-18", 3, NULL, "2025-02-17", NULL,
		    RS_DESISTIMIENTO, INT32_MIN, "the day after the month" },
		{ "2025-02-10", 3, "2025-01-20", "2025-02-17", NULL,
		    RS_EN_ESPERA, ANY_LEFT, "stopped beats an old due date" },
		/* answered */
		{ "2024-01-30", 3, "2024-01-24", NULL, "2024-01-24",
		    RS_A_TIEMPO, -4, "answered on the due date" },
		{ "2024-01-30", 3, "2024-01-24", NULL, "2024-01-10",
		    RS_A_TIEMPO, -4, "answered early" },
		{ "2024-01-30", 3, "2024-01-24", NULL, "2024-01-25",
		    RS_EXTEMPORANEA, -4, "answered a day late" },
		{ "2024-01-20", 3, "2024-01-24", NULL, "2024-01-19",
		    RS_A_TIEMPO, 3, "answered, due still ahead" },
		{ "2025-03-10", 3, "2025-01-20", "2025-02-17", "2025-01-16",
		    RS_A_TIEMPO, ANY_LEFT, "answered beats stopped" },
	};
	struct rs_calendar	cal;
	enum rs_state		st;
	size_t			i;
	int			left;

	for (i = 0; i < RS_NSTATES; i++)
		is_str(rs_state_names[i], names[i], "rs_state_names[%zu]", i);

	rs_calendar_init(&cal);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		left = 12345;
		st = rs_clock_state(&cal, D(t[i].today), t[i].warn,
		    D(t[i].due), D(t[i].hold_limit), D(t[i].answered), &left);
		is_str(st < RS_NSTATES ? rs_state_names[st] : "(bad)",
		    names[t[i].state], "state on %s, due %s: %s (%s)",
		    t[i].today, t[i].due ? t[i].due : "none",
		    names[t[i].state], t[i].why);
		if (t[i].left != ANY_LEFT)
			is_int(left, t[i].left, "days left on %s, due %s (%s)",
			    t[i].today, t[i].due ? t[i].due : "none",
			    t[i].why);
	}
	/* art. 17: held, the requirement not yet notified: no month runs */
	st = rs_clock_state(&cal, D("2025-02-20"), 3, RS_NO_DAY,
	    RS_HOLD_PENDING, RS_NO_DAY, &left);
	is_str(rs_state_names[st], "requerimiento_no_notificado",
	    "art. 17: held, its notice owed: requerimiento_no_notificado, "
	    "never desistimiento");
	st = rs_clock_state(&cal, D("2025-02-20"), 3, RS_NO_DAY,
	    RS_HOLD_PENDING, D("2025-02-19"), &left);
	is_str(rs_state_names[st], "a_tiempo", "... answered beats it");
	/* days_left is rs_business_days_between(today, due) */
	{
		rs_day	d, due = D("2024-01-24");
		int	bad = 0;

		for (d = D("2023-12-01"); d <= D("2024-03-01"); d++) {
			rs_clock_state(&cal, d, 3, due, RS_NO_DAY, RS_NO_DAY,
			    &left);
			if (left != rs_business_days_between(&cal, d, due))
				bad++;
		}
		is_int(bad, 0, "days left = business days between, "
		    "Dec 2023 - Feb 2024");
	}
	/* an answered request with no term: days_left has no due date */
	left = 12345;
	st = rs_clock_state(&cal, D("2024-01-30"), 3, RS_NO_DAY, RS_NO_DAY,
	    D("2024-01-20"), &left);
	ok(st == RS_A_TIEMPO || st == RS_EXTEMPORANEA,
	    "answered without a term: an answered state (got %s)",
	    st < RS_NSTATES ? rs_state_names[st] : "(bad)");
	is_int(left, INT32_MIN, "answered without a term: days left INT32_MIN");
	rs_calendar_free(&cal);
}

/* ---- dates written out --------------------------------------------------- */

static void
test_long_date(void)
{
	static const struct {
		const char	*day;
		const char	*text;
	} t[] = {
		{ "2024-08-13", "martes 13 de agosto de 2024" },
		{ "2025-01-01", "miércoles 1 de enero de 2025" },
		{ "2025-12-06", "sábado 6 de diciembre de 2025" },
		{ "2024-02-29", "jueves 29 de febrero de 2024" },
		{ "2026-03-01", "domingo 1 de marzo de 2026" },
		{ "2025-04-18", "viernes 18 de abril de 2025" },
		{ "2024-05-13", "lunes 13 de mayo de 2024" },
		{ "2025-06-30", "lunes 30 de junio de 2025" },
		{ "2025-07-20", "domingo 20 de julio de 2025" },
		{ "2025-09-09", "martes 9 de septiembre de 2025" },
		{ "2024-10-31", "jueves 31 de octubre de 2024" },
		{ "2025-11-05", "miércoles 5 de noviembre de 2025" },
		{ "2024-01-24", "miércoles 24 de enero de 2024" },
		{ "2000-01-01", "sábado 1 de enero de 2000" },
	};
	static const char *const wd[7] = {
		"domingo", "lunes", "martes", "miércoles", "jueves",
		"viernes", "sábado",
	};
	char	buf[128];
	size_t	i;

	for (i = 0; i < 7; i++)
		is_str(rs_weekday_names[i], wd[i], "rs_weekday_names[%zu]", i);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(buf, 'X', sizeof(buf));
		buf[sizeof(buf) - 1] = '\0';
		rs_format_long_date(D(t[i].day), buf, sizeof(buf));
		is_str(buf, t[i].text, "long date %s", t[i].day);
	}
}

/* ---- explanations -------------------------------------------------------- */

struct step {
	rs_day	 day;
	int	 count;
	char	*what;
};

struct steps {
	struct step	s[512];
	int		n;
	int		overflow;
};

static void
collect(void *arg, const struct rs_step *st)
{
	struct steps	*ss = arg;

	if (ss->n >= (int)(sizeof(ss->s) / sizeof(ss->s[0]))) {
		ss->overflow++;
		return;
	}
	ss->s[ss->n].day = st->day;
	ss->s[ss->n].count = st->count;
	ss->s[ss->n].what = st->what ? strdup(st->what) : NULL;
	ss->n++;
}

static void
steps_free(struct steps *ss)
{
	int	i;

	for (i = 0; i < ss->n; i++)
		free(ss->s[i].what);
	ss->n = 0;
}

/*
 * The explanation of a due date: one step a day from the day after the
 * effective day to the due date, in order; counts 1..N on counted days,
 * 0 elsewhere.  Returns the index of the first step after the effective
 * day (so that the rest is checked even if the effective day is shown).
 */
static void
check_walk(const char *label, struct steps *ss, rs_day eff, rs_day due,
    int term)
{
	int	i, first, consecutive, increasing, counted, last, nowhat;

	ok(ss->overflow == 0 && ss->n > 0, "%s: steps reported (%d)", label,
	    ss->n);
	if (ss->n == 0)
		return;
	is_str(fmt(ss->s[0].day), fmt(eff + 1),
	    "%s: first step is the day after the effective day", label);
	first = 0;
	if (ss->s[0].day == eff && ss->n > 1)
		first = 1;	/* tolerated above as a failure, go on */
	consecutive = increasing = 1;
	counted = last = nowhat = 0;
	for (i = first; i < ss->n; i++) {
		if (i > first && ss->s[i].day != ss->s[i - 1].day + 1)
			consecutive = 0;
		if (ss->s[i].count != 0) {
			if (ss->s[i].count != last + 1)
				increasing = 0;
			last = ss->s[i].count;
			counted++;
		}
		if (ss->s[i].what == NULL || ss->s[i].what[0] == '\0')
			nowhat++;
	}
	ok(consecutive, "%s: one step a day, in order", label);
	ok(increasing, "%s: counted days numbered 1, 2, 3, ...", label);
	is_int(counted, term, "%s: %d days counted", label, term);
	is_str(fmt(ss->s[ss->n - 1].day), fmt(due), "%s: last step is %s",
	    label, fmt(due));
	is_int(ss->s[ss->n - 1].count, term, "%s: last step counts %d", label,
	    term);
	is_int(nowhat, 0, "%s: every step says what it means", label);
}

static const struct step *
step_on(const struct steps *ss, rs_day d)
{
	int	i;

	for (i = 0; i < ss->n; i++)
		if (ss->s[i].day == d)
			return &ss->s[i];
	return NULL;
}

static void
test_explain(void)
{
	static struct steps	ss;
	struct rs_calendar	cal;
	struct clk		k;
	const struct step	*s;
	rs_day			r, d;
	int			bad, sat;

	rs_calendar_init(&cal);

	/* DESIGN: received Tue 2 Jan 2024 07:00, peticion -> Wed 24 Jan */
	memset(&ss, 0, sizeof(ss));
	r = rs_explain_due(&cal, mkclock(&k, "2024-01-02", 15, NULL, NULL,
	    NULL, NULL, NULL), collect, &ss);
	is_str(fmt(r), "2024-01-24", "explain: returns the due date 2024-01-24");
	check_walk("explain 2024-01-02", &ss, D("2024-01-02"), D("2024-01-24"),
	    15);
	is_int(ss.n, 22, "explain 2024-01-02: 22 days, 3 Jan to 24 Jan");
	s = step_on(&ss, D("2024-01-08"));
	ok(s != NULL && s->count == 0, "explain: Mon 8 Jan is skipped");
	ok(s != NULL && s->what && strstr(s->what, "Reyes Magos") != NULL,
	    "explain: Mon 8 Jan says Reyes Magos (\"%s\")",
	    s && s->what ? s->what : "(none)");
	sat = 0;
	bad = 0;
	for (d = D("2024-01-06"); d <= D("2024-01-20"); d += 7) {
		s = step_on(&ss, d);
		sat++;
		if (s == NULL || s->count != 0 || s->what == NULL ||
		    strstr(s->what, "sábado") == NULL) {
			printf("# %s: \"%s\"\n", fmt(d),
			    s && s->what ? s->what : "(none)");
			bad++;
		}
	}
	is_int(bad, 0, "explain: the %d Saturdays are skipped as sábado", sat);
	bad = 0;
	for (d = D("2024-01-07"); d <= D("2024-01-21"); d += 7)
		if ((s = step_on(&ss, d)) == NULL || s->count != 0)
			bad++;
	is_int(bad, 0, "explain: the Sundays are skipped");
	s = step_on(&ss, D("2024-01-09"));
	is_int(s ? s->count : -1, 4, "explain: Tue 9 Jan is day 4");
	s = step_on(&ss, D("2024-01-19"));
	is_int(s ? s->count : -1, 12, "explain: Fri 19 Jan is day 12");
	steps_free(&ss);

	/* DESIGN: Wed 18 Dec 2024, informacion -> Fri 3 Jan 2025 */
	memset(&ss, 0, sizeof(ss));
	r = rs_explain_due(&cal, mkclock(&k, "2024-12-18", 10, NULL, NULL,
	    NULL, NULL, NULL), collect, &ss);
	is_str(fmt(r), "2025-01-03", "explain: returns 2025-01-03");
	check_walk("explain 2024-12-18", &ss, D("2024-12-18"), D("2025-01-03"),
	    10);
	s = step_on(&ss, D("2024-12-25"));
	ok(s != NULL && s->count == 0, "explain: Navidad is skipped");
	s = step_on(&ss, D("2025-01-01"));
	ok(s != NULL && s->count == 0, "explain: 1 Jan is skipped");
	steps_free(&ss);

	/* suspension over the year end: used 3, stopped Fri 6 Dec to Fri
	 * 10 Jan, Mon 13 Jan is day 4, Tue 28 Jan day 15 */
	memset(&ss, 0, sizeof(ss));
	r = rs_explain_due(&cal, mkclock(&k, "2024-12-02", 15, "2024-12-05",
	    "2025-01-10", NULL, NULL, NULL), collect, &ss);
	is_str(fmt(r), "2025-01-28", "explain with a hold: returns 2025-01-28");
	check_walk("explain hold", &ss, D("2024-12-02"), D("2025-01-28"), 15);
	s = step_on(&ss, D("2024-12-05"));
	is_int(s ? s->count : -1, 3, "explain hold: Thu 5 Dec (the hold) is "
	    "day 3");
	bad = 0;
	for (d = D("2024-12-06"); d <= D("2025-01-10"); d++)
		if ((s = step_on(&ss, d)) == NULL || s->count != 0)
			bad++;
	is_int(bad, 0, "explain hold: 6 Dec to 10 Jan (the resume) count 0");
	s = step_on(&ss, D("2025-01-13"));
	is_int(s ? s->count : -1, 4, "explain hold: Mon 13 Jan is day 4");
	steps_free(&ss);

	/* two holds: 3 + 3 + 9 */
	memset(&ss, 0, sizeof(ss));
	r = rs_explain_due(&cal, mkclock(&k, "2024-01-02", 15, "2024-01-05",
	    "2024-01-12", "2024-01-17", "2024-02-05", NULL), collect, &ss);
	is_str(fmt(r), "2024-02-16", "explain two holds: returns 2024-02-16");
	check_walk("explain two holds", &ss, D("2024-01-02"), D("2024-02-16"),
	    15);
	bad = 0;
	for (d = D("2024-01-06"); d <= D("2024-01-12"); d++)
		if ((s = step_on(&ss, d)) == NULL || s->count != 0)
			bad++;
	for (d = D("2024-01-18"); d <= D("2024-02-05"); d++)
		if ((s = step_on(&ss, d)) == NULL || s->count != 0)
			bad++;
	is_int(bad, 0, "explain two holds: both suspensions count 0");
	s = step_on(&ss, D("2024-01-15"));
	is_int(s ? s->count : -1, 4, "explain two holds: Mon 15 Jan is day 4");
	s = step_on(&ss, D("2024-02-06"));
	is_int(s ? s->count : -1, 7, "explain two holds: Tue 6 Feb is day 7");
	steps_free(&ss);

	rs_calendar_free(&cal);
}

/* ---- the prefix-count shortcut agrees with the day-by-day walk ---------- */

static void
no_step(void *arg, const struct rs_step *s)
{
	(void)arg;
	(void)s;
}

/* rs_due_date (the shortcut, for a clock never stopped) against
 * rs_explain_due (the walk that tells each day) over every day of
 * 2023-12-01 .. 2027-01-31 and terms short and long */
static void
agree(struct rs_calendar *cal, const char *what)
{
	static const int terms[] = { 1, 2, 5, 10, 15, 30, 45, 200 };
	struct rs_clock k = { 0 };
	rs_day d, fast, slow, bad = RS_NO_DAY;
	size_t i;
	int n = 0, badterm = 0;

	for (d = D("2023-12-01"); d <= D("2027-01-31"); d++)
		for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
			k.effective = d;
			k.term = terms[i];
			k.extended_to = RS_NO_DAY;
			fast = rs_due_date(cal, &k);
			slow = rs_explain_due(cal, &k, no_step, NULL);
			n++;
			if (fast != slow && bad == RS_NO_DAY) {
				bad = d;
				badterm = terms[i];
			}
		}
	ok(bad == RS_NO_DAY, "due dates by prefix counts = by the walk, "
	    "%d clocks, %s%s%s", n, what, bad == RS_NO_DAY ? "" :
	    "; first differs: ", bad == RS_NO_DAY ? "" : fmt(bad));
	if (bad != RS_NO_DAY)
		printf("# term %d\n", badterm);
}

static void
test_shortcut(void)
{
	struct rs_calendar cal;

	rs_calendar_init(&cal);
	agree(&cal, "Monday to Friday");
	rs_calendar_add_closure(&cal, D("2024-12-24"), "Cierre");
	rs_calendar_add_closure(&cal, D("2025-06-30"), "Inventario");
	rs_calendar_add_closure(&cal, D("2026-12-31"), "Cierre");
	agree(&cal, "with closures");
	cal.saturday = 1;
	agree(&cal, "with closures and Saturdays");
	rs_calendar_free(&cal);
}

int
main(void)
{
	test_due_plain();
	test_effective();
	test_suspension();
	test_days_used();
	test_hold_check();
	test_hold_limit();
	test_extension();
	test_forward();
	test_promised();
	test_state();
	test_long_date();
	test_explain();
	test_shortcut();
	return done();
}
