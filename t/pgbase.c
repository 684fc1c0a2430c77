/*
 * pgbase.c - the statements that make an office on PostgreSQL
 * (rs_pg_base), as a script for psql: t/pg-schema.t runs it in each
 * office's schema.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rs.h"

int
main(void)
{
	const char *const *s;

	for (s = rs_pg_base; *s != NULL; s++)
		printf("%s;\n", *s);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("pgbase: stdout");
		return 1;
	}
	return 0;
}
