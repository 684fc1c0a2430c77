/*
 * terms.c - law: the legal term of each type of request over time, and
 * the first day rs counts in.  Dates in, dates out; no database (the
 * catalog a database keeps, the terms table, is seeded from this table
 * in db.c and looked up there).
 */
#include <string.h>

#include "rs.h"

#define FIRST		RS_CALENDAR_FIRST_DAY
/*
 * Decreto 491 de 2020 art. 5 lengthened the terms of art. 14 for the
 * petitions received during the health emergency, from the day it was
 * published; Ley 2207 de 2022 repealed it, in force from 17 May
 * 2022.  A request is under the rule of the day it was received (the
 * local date of received_at, not its effective day).
 */
#define D491_FROM	"2020-03-28"
#define D491_UNTIL	"2022-05-16"
#define D491_BEFORE	"2020-03-27"
#define D491_AFTER	"2022-05-17"

#define LEY_1755_14	"Ley 1755 de 2015 art. 14"
#define LEY_1755_30	"Ley 1755 de 2015 art. 30"
#define DECRETO_491	"Decreto 491 de 2020 art. 5"

/*
 * The one term table of rs: a new database's terms table is this list,
 * and rs-due -f, rs-due add and rs-report -f use it without a database.
 * Each type's periods follow each other without a gap from the first
 * day, the last one open (valid_until NULL).
 *
 * Ley 1755 de 2015 art. 14: 15 business days; 10 for documents and
 * information (num. 1), 30 for consultations (num. 2).  Art. 30: 10 for
 * another authority's request for information or documents; any other
 * petition of an authority is a petition of art. 14.
 *
 * Decreto 491 de 2020 art. 5: 30 days; 20 for documents and information
 * (num. i), 35 for consultations (num. ii).  An authority asking for
 * information or documents asks what num. i lengthened to 20, and the
 * emergency that made documents slow to gather for a citizen made them
 * slow for an authority too: 20, not art. 30's 10.
 */
const struct rs_term rs_default_terms[] = {
	{ "peticion", FIRST, D491_BEFORE, 15, LEY_1755_14,
	    "Petición en interés general o particular (Ley 1755 art. 14)" },
	{ "peticion", D491_FROM, D491_UNTIL, 30, DECRETO_491,
	    "Petición en interés general o particular (Decreto 491 de 2020 "
	    "art. 5)" },
	{ "peticion", D491_AFTER, NULL, 15, LEY_1755_14,
	    "Petición en interés general o particular (Ley 1755 art. 14)" },
	{ "queja", FIRST, D491_BEFORE, 15, LEY_1755_14,
	    "Queja (Ley 1755 art. 14)" },
	{ "queja", D491_FROM, D491_UNTIL, 30, DECRETO_491,
	    "Queja (Decreto 491 de 2020 art. 5)" },
	{ "queja", D491_AFTER, NULL, 15, LEY_1755_14,
	    "Queja (Ley 1755 art. 14)" },
	{ "reclamo", FIRST, D491_BEFORE, 15, LEY_1755_14,
	    "Reclamo (Ley 1755 art. 14)" },
	{ "reclamo", D491_FROM, D491_UNTIL, 30, DECRETO_491,
	    "Reclamo (Decreto 491 de 2020 art. 5)" },
	{ "reclamo", D491_AFTER, NULL, 15, LEY_1755_14,
	    "Reclamo (Ley 1755 art. 14)" },
	{ "sugerencia", FIRST, D491_BEFORE, 15, LEY_1755_14,
	    "Sugerencia (Ley 1755 art. 14)" },
	{ "sugerencia", D491_FROM, D491_UNTIL, 30, DECRETO_491,
	    "Sugerencia (Decreto 491 de 2020 art. 5)" },
	{ "sugerencia", D491_AFTER, NULL, 15, LEY_1755_14,
	    "Sugerencia (Ley 1755 art. 14)" },
	{ "denuncia", FIRST, D491_BEFORE, 15, LEY_1755_14,
	    "Denuncia (Ley 1755 art. 14)" },
	{ "denuncia", D491_FROM, D491_UNTIL, 30, DECRETO_491,
	    "Denuncia (Decreto 491 de 2020 art. 5)" },
	{ "denuncia", D491_AFTER, NULL, 15, LEY_1755_14,
	    "Denuncia (Ley 1755 art. 14)" },
	/* no term under any rule */
	{ "felicitacion", FIRST, NULL, 0, NULL,
	    "Felicitación (sin término legal)" },
	{ "informacion", FIRST, D491_BEFORE, 10, LEY_1755_14,
	    "Solicitud de documentos o información (Ley 1755 art. 14 "
	    "num. 1)" },
	{ "informacion", D491_FROM, D491_UNTIL, 20, DECRETO_491,
	    "Solicitud de documentos o información (Decreto 491 de 2020 "
	    "art. 5 num. i)" },
	{ "informacion", D491_AFTER, NULL, 10, LEY_1755_14,
	    "Solicitud de documentos o información (Ley 1755 art. 14 "
	    "num. 1)" },
	{ "consulta", FIRST, D491_BEFORE, 30, LEY_1755_14,
	    "Consulta (Ley 1755 art. 14 num. 2)" },
	{ "consulta", D491_FROM, D491_UNTIL, 35, DECRETO_491,
	    "Consulta (Decreto 491 de 2020 art. 5 num. ii)" },
	{ "consulta", D491_AFTER, NULL, 30, LEY_1755_14,
	    "Consulta (Ley 1755 art. 14 num. 2)" },
	{ "autoridad", FIRST, D491_BEFORE, 10, LEY_1755_30,
	    "Solicitud de información o documentos de otra autoridad "
	    "(Ley 1755 art. 30)" },
	{ "autoridad", D491_FROM, D491_UNTIL, 20, DECRETO_491,
	    "Solicitud de información o documentos de otra autoridad "
	    "(Decreto 491 de 2020 art. 5 num. i)" },
	{ "autoridad", D491_AFTER, NULL, 10, LEY_1755_30,
	    "Solicitud de información o documentos de otra autoridad "
	    "(Ley 1755 art. 30)" },
	{ NULL, NULL, NULL, 0, NULL, NULL }
};

#define NDEFAULT	(sizeof(rs_default_terms) / sizeof(rs_default_terms[0]))

int
rs_term_covers(const struct rs_term *t, const char *day)
{
	return strcmp(t->valid_from, day) <= 0 &&
	    (t->valid_until == NULL || strcmp(day, t->valid_until) <= 0);
}

const struct rs_term *
rs_default_term(const char *type, rs_day received)
{
	/* the bounds as day numbers, read once: the filter asks per row */
	static rs_day from[NDEFAULT], until[NDEFAULT];
	static int parsed;
	const struct rs_term *t;
	size_t i;

	if (!parsed) {
		for (i = 0; rs_default_terms[i].type; i++) {
			t = &rs_default_terms[i];
			if (rs_parse_date(t->valid_from, &from[i]) == -1 ||
			    (t->valid_until && rs_parse_date(t->valid_until,
			    &until[i]) == -1))
				rs_die(EX_SOFTWARE, "terms: bad period of %s",
				    t->type);
			if (t->valid_until == NULL)
				until[i] = INT32_MAX;
		}
		parsed = 1;
	}
	for (i = 0; rs_default_terms[i].type; i++)
		if (received >= from[i] && received <= until[i] &&
		    strcmp(rs_default_terms[i].type, type) == 0)
			return &rs_default_terms[i];
	return NULL;
}

const char *
rs_default_types(void)
{
	static const char *names[NDEFAULT];
	size_t i, j, n = 0;

	for (i = 0; rs_default_terms[i].type; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(names[j], rs_default_terms[i].type) == 0)
				break;
		if (j == n)
			names[n++] = rs_default_terms[i].type;
	}
	names[n] = NULL;
	return rs_list_join(names);
}

const char *
rs_first_day_check(rs_day day)
{
	/* Ley 51 de 1983, whose holidays rs computes, took effect in
	 * December 1983: rs counts from the first day of 1984 on */
	if (day >= rs_day_from_ymd(RS_CALENDAR_FIRST_YEAR, 1, 1))
		return NULL;
	return "the holiday calendar of Ley 51 de 1983 applies from "
	    RS_STRING(RS_CALENDAR_FIRST_YEAR) "; earlier dates are not "
	    "modelled";
}
