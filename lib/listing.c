/*
 * listing.c - record: the requests as the commands list and show them
 * (rs-due's list and explanations, rs-queue's list, card, history and
 * the rows a step changed).  The commands get plain values, a row at a
 * time or as a struct, and never see the store's statements; what they
 * compute from them (days left, states, the order of the list) stays
 * with them.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

static const char *
text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* ---- rs-due: the requests whose clock runs, or ran ----------------------- */

/* The columns of a due row, in the order due_row() reads them. */
#define DUE_COLUMNS "seq, id, status, type, channel, team, assignee, " \
	"effective_on, due_on, hold_limit, subject, answered_at, priority"

static void
due_row(sqlite3_stmt *st, rs_listed_fn *fn, void *arg)
{
	struct rs_listed r;

	memset(&r, 0, sizeof(r));
	r.seq = sqlite3_column_int64(st, 0);
	r.id = text(st, 1);
	r.status = text(st, 2);
	r.type = text(st, 3);
	r.channel = text(st, 4);
	r.team = text(st, 5);
	r.assignee = text(st, 6);
	r.effective_on = text(st, 7);
	r.due_on = text(st, 8);
	r.hold_limit = text(st, 9);
	r.subject = text(st, 10);
	r.answered_at = text(st, 11);
	r.priority = text(st, 12);
	r.unnotified = sqlite3_column_int(st, 13);
	fn(arg, &r);
}

void
rs_due_requests(struct rs_db *db, const char *team, const char *assignee,
    int answered, rs_listed_fn *fn, void *arg)
{
	struct rs_buf sql = { 0 };
	sqlite3_stmt *st;

	rs_buf_adds(&sql, "SELECT " DUE_COLUMNS ", 0, received_ts "
	    "FROM requests r WHERE ");
	/* answered ones; not a merged one, closed with no answer of its
	 * own (rs-queue merge) */
	rs_buf_adds(&sql, answered ? "(" RS_OPEN_SQL " OR ((status = "
	    "'respondida' OR status = 'cerrada' AND answered_at IS NOT NULL) "
	    "AND coalesce(NOT " RS_ANSWER_RETURNED_SQL("r") ", 1)))" :
	    RS_OPEN_SQL);
	if (team)
		rs_buf_adds(&sql, " AND team = ?1");
	if (assignee)
		rs_buf_adds(&sql, " AND assignee = ?2");
	/* and the answers that reached nobody: still owed a notice */
	rs_buf_adds(&sql, " UNION ALL SELECT " DUE_COLUMNS ", 1, received_ts "
	    "FROM requests r WHERE seq IN (SELECT request FROM notices WHERE "
	    "state = 'failed') AND (status = 'respondida' OR "
	    "status = 'cerrada') AND " RS_ANSWER_RETURNED_SQL("r"));
	if (team)
		rs_buf_adds(&sql, " AND team = ?1");
	if (assignee)
		rs_buf_adds(&sql, " AND assignee = ?2");
	rs_buf_adds(&sql, " ORDER BY priority DESC, received_ts, seq");
	st = rs_db_prepare(db, rs_buf_str(&sql));
	if (team)
		sqlite3_bind_text(st, 1, team, -1, SQLITE_STATIC);
	if (assignee)
		sqlite3_bind_text(st, 2, assignee, -1, SQLITE_STATIC);
	while (rs_db_step(db, st))
		due_row(st, fn, arg);
	sqlite3_finalize(st);
	rs_buf_free(&sql);
}

int
rs_request_arrival(struct rs_db *db, const char *id, struct rs_arrival *a)
{
	sqlite3_stmt *st;
	int found;

	memset(a, 0, sizeof(*a));
	st = rs_db_prepare(db, "SELECT seq, received_at, type, cutoff "
	    "FROM requests WHERE id = ?");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((found = rs_db_step(db, st))) {
		a->seq = sqlite3_column_int64(st, 0);
		a->received_at = rs_strdup(text(st, 1));
		a->type = rs_strdup(text(st, 2));
		a->cutoff = text(st, 3) ? rs_strdup(text(st, 3)) : NULL;
	}
	sqlite3_finalize(st);
	return found ? 0 : -1;
}

void
rs_arrival_free(struct rs_arrival *a)
{
	free(a->received_at);
	free(a->type);
	free(a->cutoff);
}
