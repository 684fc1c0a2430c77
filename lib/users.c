/*
 * users.c - the people at the desk (table users, DESIGN §5): the name an
 * operator's login stands for in greetings, assignments and reminders.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

/* The name the catalog gives login, allocated; NULL if it has none. */
char *
rs_user_name(struct rs_db *db, const char *login)
{
	sqlite3_stmt *st;
	char *name = NULL;

	if (login == NULL)
		return NULL;
	st = rs_db_prepare(db, "SELECT name FROM users WHERE login = ?");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (rs_db_step(db, st))
		name = rs_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return name;
}
