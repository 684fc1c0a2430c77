/*
 * notices.c - record: what rs-notify reads of a request to write to its
 * requester, and the notices it records as sent.  The delivery itself
 * (sendmail, a Maildir, paper) is rs-notify's and lib/mail.c's.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

int
rs_notified_load(struct rs_db *db, const char *id, struct rs_notified *r)
{
	struct rs_stmt *st;
	int found;

	memset(r, 0, sizeof(*r));
	st = rs_db_prepare(db, "SELECT seq, email, name, salutation, status, "
	    "received_at, effective_on, due_on, term_days, type, channel, "
	    "team, subject, description, id_number, hold_limit, extended_to, "
	    "forwarded_to, assignee, phone, anonymous, address, "
	    "representative_name, representative_email "
	    "FROM requests WHERE id = ?");
	rs_bind_text(st, 1, id);
	if ((found = rs_db_step(db, st))) {
		r->seq = rs_col_int64(st, 0);
		r->email = rs_db_dup(st, 1);
		r->name = rs_db_dup(st, 2);
		r->salutation = rs_db_dup(st, 3);
		r->status = rs_db_dup(st, 4);
		r->received_at = rs_db_dup(st, 5);
		r->effective_on = rs_db_dup(st, 6);
		r->due_on = rs_db_dup(st, 7);
		r->term_days = rs_col_int(st, 8);
		r->type = rs_db_dup(st, 9);
		r->channel = rs_db_dup(st, 10);
		r->team = rs_db_dup(st, 11);
		r->subject = rs_db_dup(st, 12);
		r->description = rs_db_dup(st, 13);
		r->id_number = rs_db_dup(st, 14);
		r->hold_limit = rs_db_dup(st, 15);
		r->extended_to = rs_db_dup(st, 16);
		r->forwarded_to = rs_db_dup(st, 17);
		r->assignee = rs_db_dup(st, 18);
		r->phone = rs_db_dup(st, 19);
		r->anonymous = rs_col_int(st, 20);
		r->address = rs_db_dup(st, 21);
		r->representative_name = rs_db_dup(st, 22);
		r->representative_email = rs_db_dup(st, 23);
	}
	rs_finalize(st);
	return found ? 0 : -1;
}

void
rs_notified_free(struct rs_notified *r)
{
	free(r->email);
	free(r->name);
	free(r->salutation);
	free(r->status);
	free(r->received_at);
	free(r->effective_on);
	free(r->due_on);
	free(r->type);
	free(r->channel);
	free(r->team);
	free(r->subject);
	free(r->description);
	free(r->id_number);
	free(r->hold_limit);
	free(r->extended_to);
	free(r->forwarded_to);
	free(r->assignee);
	free(r->phone);
	free(r->address);
	free(r->representative_name);
	free(r->representative_email);
	memset(r, 0, sizeof(*r));
}

int64_t
rs_notice_record(struct rs_db *db, int64_t seq, const char *kind,
    const char *to, const char *msgid, const char *via, const char *at,
    const char *actor, const char *envelope)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "INSERT INTO notices (request, kind, "
	    "recipient, message_id, via, sent_at, sent_by, envelope) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, kind);
	rs_bind_text(st, 3, to);
	rs_bind_text(st, 4, msgid);
	rs_bind_text(st, 5, via);
	rs_bind_text(st, 6, at);
	rs_bind_text(st, 7, actor);
	if (envelope && *envelope)
		rs_bind_text(st, 8, envelope);
	rs_db_step(db, st);
	rs_finalize(st);
	return rs_db_last_id(db);
}
