/*
 * users.c - the people at the desk (table users, DESIGN §5): the name an
 * operator's login stands for in greetings, assignments and reminders,
 * their team, and who coordinates it.  Layer: record.
 *
 * The catalog is optional.  While it is empty an office works as it did
 * before it existed: any name may be given work, and reminders go to the
 * address the caller names.  Once it has a row, work goes to the people
 * in it and reminders to their own addresses.  A user is never deleted:
 * their login stays in the events and on the requests they handled, and
 * a deactivated user keeps their name for that history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

#define LOGIN_MAX	32
#define NAME_MAX_BYTES	200

static const struct rs_column user_columns[] = {
	{ "login", "Usuario", 0 },
	{ "name", "Nombre", 0 },
	{ "email", "Correo", 0 },
	{ "team", "Equipo", 0 },
	{ "coordinator", "Coordina", RS_NUMERIC },
	{ "active", "Activo", RS_NUMERIC },
};

static char msg[512];

/* The name the catalog gives login, allocated; NULL if it has none. */
char *
rs_user_name(struct rs_db *db, const char *login)
{
	struct rs_stmt *st;
	char *name = NULL;

	if (login == NULL)
		return NULL;
	st = rs_db_prepare(db, "SELECT name FROM users WHERE login = ?");
	rs_bind_text(st, 1, login);
	if (rs_db_step(db, st))
		name = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	return name;
}

const struct rs_column *
rs_user_columns(size_t *n)
{
	*n = sizeof(user_columns) / sizeof(user_columns[0]);
	return user_columns;
}

/* The flags are 0 and 1 for machines, "sí" and "no" for people. */
long
rs_users_list(struct rs_db *db, int all, int human, struct rs_out *out)
{
	struct rs_stmt *st;
	long n;

	st = rs_db_prepare(db, "SELECT login, name, email, team, "
	    "CASE WHEN ?2 = 1 THEN CASE coordinator WHEN 1 THEN 'sí' "
	    "ELSE 'no' END ELSE CAST(coordinator AS TEXT) END, "
	    "CASE WHEN ?2 = 1 THEN CASE active WHEN 1 THEN 'sí' ELSE 'no' "
	    "END ELSE CAST(active AS TEXT) END "
	    "FROM users WHERE ?1 = 1 OR active = 1 ORDER BY login");
	rs_bind_int(st, 1, all);
	rs_bind_int(st, 2, human);
	n = rs_db_rows(db, st, out);
	rs_finalize(st);
	return n;
}

/* The catalog is in use once it has a row, active or not. */
int
rs_users_empty(struct rs_db *db)
{
	struct rs_stmt *st;
	int empty;

	st = rs_db_prepare(db, "SELECT 1 FROM users LIMIT 1");
	empty = !rs_db_step(db, st);
	rs_finalize(st);
	return empty;
}

static void
user_read(struct rs_stmt *st, struct rs_user *u)
{
	u->login = rs_db_dup(st, 0);
	u->name = rs_db_dup(st, 1);
	u->email = rs_db_dup(st, 2);
	u->team = rs_db_dup(st, 3);
	u->coordinator = rs_col_int(st, 4);
	u->active = rs_col_int(st, 5);
}

#define USER_SELECT \
	"SELECT login, name, email, team, coordinator, active FROM users "

/* 1 and *u (free it with rs_user_free) when login is in the catalog. */
int
rs_user_get(struct rs_db *db, const char *login, struct rs_user *u)
{
	struct rs_stmt *st;
	int found;

	memset(u, 0, sizeof(*u));
	st = rs_db_prepare(db, USER_SELECT "WHERE login = ?");
	rs_bind_text(st, 1, login);
	if ((found = rs_db_step(db, st)))
		user_read(st, u);
	rs_finalize(st);
	return found;
}

void
rs_user_free(struct rs_user *u)
{
	free(u->login);
	free(u->name);
	free(u->email);
	free(u->team);
	memset(u, 0, sizeof(*u));
}

/*
 * A login as Unix and the portable user names of POSIX have them, in
 * lower case: what RS_USER or -u name the operator by.
 */
int
rs_login_valid(const char *s)
{
	size_t n;

	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (n = 0; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '.' ||
		    s[n] == '_' || s[n] == '-'))
			return 0;
	return n <= LOGIN_MAX;
}

/* The teams of the topics catalog, NULL-ended; free the list and each. */
static char **
teams(struct rs_db *db)
{
	struct rs_stmt *st;
	char **list = rs_calloc(1, sizeof(char *));
	size_t n = 0;

	st = rs_db_prepare(db, "SELECT DISTINCT team FROM topics "
	    "ORDER BY team");
	while (rs_db_step(db, st)) {
		list = rs_realloc(list, (n + 2) * sizeof(char *));
		list[n++] = rs_db_dup(st, 0);
		list[n] = NULL;
	}
	rs_finalize(st);
	return list;
}

/*
 * NULL when u may go into the catalog, else "field: what was expected".
 * A team is one the topics catalog routes requests to, so that the
 * queue of a user's team is never empty by a typing mistake.
 */
const char *
rs_user_check(struct rs_db *db, const struct rs_user *u)
{
	char **list;
	size_t i;
	int known = 0;

	if (!rs_login_valid(u->login)) {
		snprintf(msg, sizeof(msg), "login: expected a lower-case "
		    "letter, then up to %d of a-z, 0-9, '.', '_' and '-'; "
		    "got \"%s\"", LOGIN_MAX - 1, u->login);
		return msg;
	}
	if (u->name == NULL)
		return "name: required for a new user";
	if (*u->name == '\0' || rs_has_controls(u->name, 0) ||
	    strlen(u->name) > NAME_MAX_BYTES ||
	    rs_utf8_invalid(u->name, strlen(u->name)) != strlen(u->name))
		return "name: expected 1 to 200 characters of text";
	if (u->email && rs_address_check(u->email) != NULL) {
		snprintf(msg, sizeof(msg), "email: not a valid address: "
		    "\"%s\" (%s)", u->email, rs_address_check(u->email));
		return msg;
	}
	if (u->team) {
		list = teams(db);
		for (i = 0; list[i]; i++)
			known |= strcmp(list[i], u->team) == 0;
		if (!known)
			snprintf(msg, sizeof(msg), "team: expected a team of "
			    "the topics catalog, one of %s; got \"%s\"",
			    rs_list_join((const char *const *)list), u->team);
		for (i = 0; list[i]; i++)
			free(list[i]);
		free(list);
		if (!known)
			return msg;
	}
	if (u->coordinator && u->team == NULL)
		return "coordinator: a coordinator needs a team (--team)";
	return NULL;
}

/* Within the caller's transaction: add u, or change the user it names. */
void
rs_user_put(struct rs_db *db, const struct rs_user *u)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "INSERT INTO users (login, name, email, team, "
	    "coordinator, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT (login) DO UPDATE SET name = excluded.name, "
	    "email = excluded.email, team = excluded.team, "
	    "coordinator = excluded.coordinator, active = excluded.active");
	rs_bind_text(st, 1, u->login);
	rs_bind_text(st, 2, u->name);
	rs_bind_text(st, 3, u->email);
	rs_bind_text(st, 4, u->team);
	rs_bind_int(st, 5, u->coordinator);
	rs_bind_int(st, 6, u->active);
	rs_db_step(db, st);
	rs_finalize(st);
}

/* The open requests login has in hand. */
long
rs_user_open_requests(struct rs_db *db, const char *login)
{
	struct rs_stmt *st;
	long n = 0;

	st = rs_db_prepare(db, "SELECT count(*) FROM requests WHERE "
	    RS_OPEN_SQL " AND assignee = ?");
	rs_bind_text(st, 1, login);
	if (rs_db_step(db, st))
		n = rs_col_int64(st, 0);
	rs_finalize(st);
	return n;
}

/*
 * NULL when a request may be assigned to login, else why not: with a
 * catalog, only to an active user of it; without one, to anyone, as
 * before the catalog existed.
 */
const char *
rs_user_assignable(struct rs_db *db, const char *login)
{
	struct rs_user u;
	const char *why = NULL;

	if (rs_users_empty(db))
		return NULL;
	if (!rs_user_get(db, login, &u)) {
		snprintf(msg, sizeof(msg), "%s: not in the users catalog "
		    "(rs-admin users)", login);
		why = msg;
	} else if (!u.active) {
		snprintf(msg, sizeof(msg), "%s: inactive in the users catalog "
		    "(rs-admin users -a)", login);
		why = msg;
	}
	rs_user_free(&u);
	return why;
}

/* The team of login when it is an active user with one; allocated. */
char *
rs_user_team(struct rs_db *db, const char *login)
{
	struct rs_stmt *st;
	char *team = NULL;

	st = rs_db_prepare(db, "SELECT team FROM users WHERE login = ? AND "
	    "active = 1 AND team IS NOT NULL");
	rs_bind_text(st, 1, login);
	if (rs_db_step(db, st))
		team = rs_db_dup(st, 0);
	rs_finalize(st);
	return team;
}

/*
 * Who a reminder of a request goes to: its assignee when an active user
 * with an address; else (nobody has it, or the catalog cannot reach who
 * has it) each active coordinator of its team with an address, who can
 * give it to someone.  How many; *users is allocated (free each with
 * rs_user_free, then the array).
 */
size_t
rs_user_reminded(struct rs_db *db, const char *assignee, const char *team,
    struct rs_user **users)
{
	struct rs_stmt *st;
	size_t n = 0;
	int pass;

	*users = NULL;
	for (pass = 0; pass < 2 && n == 0; pass++) {
		if (pass == 0 && assignee == NULL)
			continue;
		if (pass == 1 && team == NULL)
			break;
		st = rs_db_prepare(db, pass == 0 ?
		    USER_SELECT "WHERE login = ?1 AND active = 1 AND "
		    "coalesce(email, '') <> ''" :
		    USER_SELECT "WHERE team = ?1 AND coordinator = 1 AND "
		    "active = 1 AND coalesce(email, '') <> '' ORDER BY login");
		rs_bind_text(st, 1, pass == 0 ? assignee : team);
		while (rs_db_step(db, st)) {
			*users = rs_realloc(*users, (n + 1) * sizeof(**users));
			user_read(st, &(*users)[n++]);
		}
		rs_finalize(st);
	}
	return n;
}
