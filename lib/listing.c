/*
 * listing.c - record: the requests as the commands list and show them
 * (rs-due's list and explanations, rs-queue's list, card, history and
 * the rows a step changed).  The commands get plain values, a row at a
 * time or as a struct, and never see the store's statements; what they
 * compute from them (days left, states, the order of the list) stays
 * with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

static const char *
text(struct rs_stmt *st, int i)
{
	return rs_col_text(st, i);
}

/* ---- rs-due: the requests whose clock runs, or ran ----------------------- */

/* The columns of a due row, in the order due_row() reads them. */
#define DUE_COLUMNS "seq, id, status, type, channel, team, assignee, " \
	"effective_on, due_on, hold_limit, subject, answered_at"

static void
due_row(struct rs_stmt *st, struct rs_listed *r, rs_listed_fn *fn, void *arg)
{
	r->seq = rs_col_int64(st, 0);
	r->id = text(st, 1);
	r->status = text(st, 2);
	r->type = text(st, 3);
	r->channel = text(st, 4);
	r->team = text(st, 5);
	r->assignee = text(st, 6);
	r->effective_on = text(st, 7);
	r->due_on = text(st, 8);
	r->hold_limit = text(st, 9);
	r->subject = text(st, 10);
	r->answered_at = text(st, 11);
	r->unnotified = rs_col_int(st, 12);
	fn(arg, r);
}

void
rs_due_requests(struct rs_db *db, const char *team, const char *assignee,
    int answered, rs_listed_fn *fn, void *arg)
{
	struct rs_buf sql = { 0 };
	struct rs_listed r;
	struct rs_stmt *st;
	int tp = 0, ap = 0;

	/* numbered without a gap: PostgreSQL must know every parameter's
	 * type, and an unused ?1 has none */
	if (team)
		tp = 1;
	if (assignee)
		ap = tp + 1;
	rs_buf_adds(&sql, "SELECT " DUE_COLUMNS ", 0, priority, received_ts "
	    "FROM requests r WHERE ");
	/* answered ones; not a merged one, closed with no answer of its
	 * own (rs-queue merge) */
	rs_buf_adds(&sql, answered ? "(" RS_OPEN_SQL " OR ((status = "
	    "'respondida' OR status = 'cerrada' AND answered_at IS NOT NULL) "
	    "AND (" RS_ANSWER_RETURNED_SQL("r") ") IS NOT TRUE))" :
	    RS_OPEN_SQL);
	if (team)
		rs_buf_addf(&sql, " AND team = ?%d", tp);
	if (assignee)
		rs_buf_addf(&sql, " AND assignee = ?%d", ap);
	/* and the answers that reached nobody: still owed a notice */
	rs_buf_adds(&sql, " UNION ALL SELECT " DUE_COLUMNS ", 1, priority, "
	    "received_ts FROM requests r WHERE seq IN (SELECT request FROM "
	    "notices WHERE state = 'failed') AND (status = 'respondida' OR "
	    "status = 'cerrada') AND " RS_ANSWER_RETURNED_SQL("r"));
	if (team)
		rs_buf_addf(&sql, " AND team = ?%d", tp);
	if (assignee)
		rs_buf_addf(&sql, " AND assignee = ?%d", ap);
	rs_buf_adds(&sql, " ORDER BY priority DESC, received_ts, seq");
	st = rs_db_prepare(db, rs_buf_str(&sql));
	if (team)
		rs_bind_text(st, tp, team);
	if (assignee)
		rs_bind_text(st, ap, assignee);
	memset(&r, 0, sizeof(r));	/* what the list does not read */
	while (rs_db_step(db, st))
		due_row(st, &r, fn, arg);
	rs_finalize(st);
	rs_buf_free(&sql);
}

int
rs_request_arrival(struct rs_db *db, const char *id, struct rs_arrival *a)
{
	struct rs_stmt *st;
	int found;

	memset(a, 0, sizeof(*a));
	st = rs_db_prepare(db, "SELECT seq, received_at, type, cutoff "
	    "FROM requests WHERE id = ?");
	rs_bind_text(st, 1, id);
	if ((found = rs_db_step(db, st))) {
		a->seq = rs_col_int64(st, 0);
		a->received_at = rs_db_dup(st, 1);
		a->type = rs_db_dup(st, 2);
		a->cutoff = rs_db_dup(st, 3);
	}
	rs_finalize(st);
	return found ? 0 : -1;
}

void
rs_arrival_free(struct rs_arrival *a)
{
	free(a->received_at);
	free(a->type);
	free(a->cutoff);
}

/* ---- rs-queue: the queue, a request's card and history ------------------- */

void
rs_queue_requests(struct rs_db *db, const char *team, int all,
    rs_listed_fn *fn, void *arg)
{
	struct rs_buf sql = { 0 };
	struct rs_listed r;
	struct rs_stmt *st;

	/* no seq: reading it from the index was a tenth of the list's
	 * statement, and the list has no use for it */
	rs_buf_adds(&sql, "SELECT id, priority, received_at, "
	    "effective_on, due_on, status, channel, type, topic, team, "
	    "assignee, name, subject FROM requests WHERE ");
	rs_buf_adds(&sql, all ? "1 = 1" : RS_OPEN_SQL);
	if (team)
		rs_buf_adds(&sql, " AND team = ?1");
	rs_buf_adds(&sql, " ORDER BY " RS_ATTENTION_ORDER);
	st = rs_db_prepare(db, rs_buf_str(&sql));
	if (team)
		rs_bind_text(st, 1, team);
	memset(&r, 0, sizeof(r));
	while (rs_db_step(db, st)) {
		r.id = text(st, 0);
		r.priority = text(st, 1);
		r.received_at = text(st, 2);
		r.effective_on = text(st, 3);
		r.due_on = text(st, 4);
		r.status = text(st, 5);
		r.channel = text(st, 6);
		r.type = text(st, 7);
		r.topic = text(st, 8);
		r.team = text(st, 9);
		r.assignee = text(st, 10);
		r.name = text(st, 11);
		r.subject = text(st, 12);
		fn(arg, &r);
	}
	rs_finalize(st);
	rs_buf_free(&sql);
}

/*
 * The two look-ups below run once a request of a batch (a step's rows,
 * a reminder's requests): prepared once for the connection, as a
 * statement a batch, since preparing one is most of a look-up's cost.
 */
int
rs_request_state(struct rs_db *db, int64_t seq, rs_listed_fn *fn, void *arg)
{
	static struct rs_stmt *st;
	struct rs_listed r;
	int found;

	rs_db_cached(db, &st, "SELECT id, status, assignee, due_on, "
	    "hold_limit FROM requests WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if ((found = rs_db_step(db, st))) {
		memset(&r, 0, sizeof(r));
		r.seq = seq;
		r.id = text(st, 0);
		r.status = text(st, 1);
		r.assignee = text(st, 2);
		r.due_on = text(st, 3);
		r.hold_limit = text(st, 4);
		fn(arg, &r);
	}
	rs_reset(st);
	return found ? 0 : -1;
}

int
rs_request_reminded(struct rs_db *db, const char *id, rs_listed_fn *fn,
    void *arg)
{
	static struct rs_stmt *st;
	struct rs_listed r;
	int found;

	rs_db_cached(db, &st, "SELECT seq, id, due_on, subject, assignee, "
	    "team FROM requests WHERE id = ?");
	rs_bind_text(st, 1, id);
	if ((found = rs_db_step(db, st))) {
		memset(&r, 0, sizeof(r));
		r.seq = rs_col_int64(st, 0);
		r.id = text(st, 1);
		r.due_on = text(st, 2);
		r.subject = text(st, 3);
		r.assignee = text(st, 4);
		r.team = text(st, 5);
		fn(arg, &r);
	}
	rs_reset(st);
	return found ? 0 : -1;
}

int
rs_request_card(struct rs_db *db, const char *id, struct rs_card *card)
{
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	size_t i, n;
	int found;

	for (n = 0; rs_all_columns[n].name; n++)
		continue;
	rs_buf_adds(&sql, "SELECT ");
	for (i = 0; i < n; i++)
		rs_buf_addf(&sql, "%s%s", i ? ", " : "",
		    rs_all_columns[i].name);
	rs_buf_adds(&sql, ", seq FROM requests WHERE id = ?");
	st = rs_db_prepare(db, rs_buf_str(&sql));
	rs_bind_text(st, 1, id);
	memset(card, 0, sizeof(*card));
	if ((found = rs_db_step(db, st))) {
		card->n = n;
		card->v = rs_calloc(n, sizeof(*card->v));
		for (i = 0; i < n; i++)
			card->v[i] = rs_db_dup(st, (int)i);
		card->seq = rs_col_int64(st, (int)n);
	}
	rs_finalize(st);
	rs_buf_free(&sql);
	return found ? 0 : -1;
}

void
rs_card_free(struct rs_card *card)
{
	size_t i;

	for (i = 0; i < card->n; i++)
		free(card->v[i]);
	free(card->v);
}

struct rs_event_line *
rs_request_events(struct rs_db *db, int64_t seq, int people, size_t *n)
{
	struct rs_event_line *ev = NULL, *e;
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	size_t cap = 0;

	/* the events as shown: with the personal data they refer to */
	if (people)
		rs_buf_addf(&sql, "SELECT seq, at, actor, %s, "
		    "ltrim(%s || " RS_EVENT_DATED_SQL ", '\n'), due_on "
		    "FROM %s e WHERE request = ?1 ORDER BY seq",
		    rs_event_label_sql(), rs_event_summary_sql,
		    rs_events_shown_sql);
	else
		rs_buf_addf(&sql, "SELECT seq, at, actor, kind, details, "
		    "due_on FROM %s e WHERE request = ?1 ORDER BY seq",
		    rs_events_shown_sql);
	st = rs_db_prepare(db, rs_buf_str(&sql));
	rs_bind_int64(st, 1, seq);
	*n = 0;
	while (rs_db_step(db, st)) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			ev = rs_realloc(ev, cap * sizeof(*ev));
		}
		e = &ev[(*n)++];
		e->n = rs_db_dup(st, 0);
		e->at = rs_db_dup(st, 1);
		e->actor = rs_db_dup(st, 2);
		e->kind = rs_db_dup(st, 3);
		e->details = rs_db_dup(st, 4);
		e->due_on = rs_db_dup(st, 5);
	}
	rs_finalize(st);
	rs_buf_free(&sql);
	return ev;
}

void
rs_event_lines_free(struct rs_event_line *ev, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(ev[i].n);
		free(ev[i].at);
		free(ev[i].actor);
		free(ev[i].kind);
		free(ev[i].details);
		free(ev[i].due_on);
	}
	free(ev);
}

/* ---- rs-notify: what a notice tells of the queue and the history -------- */

long
rs_queue_position(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	long position = 0;

	st = rs_db_prepare(db, "SELECT count(*) FROM requests a, requests r "
	    "WHERE r.seq = ?1 AND (a.status = 'radicada' OR "
	    "a.status = 'asignada' OR a.status = 'en_espera') AND "
	    "(a.priority > r.priority OR (a.priority = r.priority AND "
	    "(a.received_ts < r.received_ts OR (a.received_ts = "
	    "r.received_ts AND a.seq <= r.seq))))");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st))
		position = (long)rs_col_int64(st, 0);
	rs_finalize(st);
	return position;
}

long
rs_answers_after(struct rs_db *db, const char *day)
{
	struct rs_stmt *st;
	long answered = 0;

	st = rs_db_prepare(db, "SELECT count(*) FROM events WHERE "
	    "kind = 'answer' AND substr(at, 1, 10) > ?");
	rs_bind_text(st, 1, day);
	if (rs_db_step(db, st))
		answered = (long)rs_col_int64(st, 0);
	rs_finalize(st);
	return answered;
}

char *
rs_last_detail(struct rs_db *db, int64_t seq, const char *kind,
    const char *key)
{
	struct rs_stmt *st;
	char *v = NULL;
	char path[64];

	snprintf(path, sizeof(path), "$.%s", key);
	st = rs_db_prepare(db, "SELECT json_extract(details, ?3) FROM events "
	    "WHERE request = ?1 AND kind = ?2 ORDER BY seq DESC LIMIT 1");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, kind);
	rs_bind_copy(st, 3, path);
	if (rs_db_step(db, st) && rs_col_text(st, 0))
		v = rs_strdup(text(st, 0));
	rs_finalize(st);
	return v ? v : rs_strdup("");
}

char *
rs_due_before_extension(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	char *v = NULL;

	st = rs_db_prepare(db, "SELECT due_on FROM events WHERE request = ?1 "
	    "AND due_on IS NOT NULL AND seq < (SELECT max(seq) FROM events "
	    "WHERE request = ?1 AND kind = 'extend') ORDER BY seq DESC "
	    "LIMIT 1");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st))
		v = rs_db_dup(st, 0);
	rs_finalize(st);
	return v;
}

char *
rs_request_due(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	char *v = NULL;

	st = rs_db_prepare(db, "SELECT due_on FROM requests WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st))
		v = rs_db_dup(st, 0);
	rs_finalize(st);
	return v;
}
