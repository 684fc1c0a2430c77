/*
 * lifecycle.c - events and the audit chain (DESIGN §3).
 *
 * Every event carries the hash of the event before it, so rewriting or
 * removing one breaks every hash after it.  An event's hash is SHA-256
 * over the previous hash (32 bytes; zeros for the first event) and the
 * event's fields (request, at, actor, kind, details, due_on), each
 * written as its length, a colon and its bytes ("-" for NULL), so no two
 * different events serialise alike.  Both are stored as 32-byte blobs.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "rs.h"


/* The chain head, cached for the length of one transaction. */
static uint8_t	head[SHA256_DIGEST_SIZE];
static int	head_known;
static struct sqlite3_stmt *ins_event, *sel_head;
static struct sqlite3 *stmt_db;	/* the connection they were prepared on */

static void
hash_field(struct sha256_ctx *ctx, const char *s)
{
	char len[24];

	if (s == NULL) {
		sha256_update(ctx, 1, (const uint8_t *)"-");
		return;
	}
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	sha256_update(ctx, strlen(len), (const uint8_t *)len);
	sha256_update(ctx, strlen(s), (const uint8_t *)s);
}

static void
event_hash(const uint8_t prev[SHA256_DIGEST_SIZE], int64_t request,
    const char *at, const char *actor, const char *kind, const char *details,
    const char *due_on, uint8_t out[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;
	char req[24];

	snprintf(req, sizeof(req), "%lld", (long long)request);
	sha256_init(&ctx);
	sha256_update(&ctx, SHA256_DIGEST_SIZE, prev);
	hash_field(&ctx, req);
	hash_field(&ctx, at);
	hash_field(&ctx, actor);
	hash_field(&ctx, kind);
	hash_field(&ctx, details);
	hash_field(&ctx, due_on);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
rs_event_reset(void)
{
	head_known = 0;
}

void
rs_event_append(struct rs_db *db, int64_t request, const char *at,
    const char *actor, const char *kind, const char *details,
    const char *due_on)
{
	uint8_t hash[SHA256_DIGEST_SIZE];
	const void *p;

	if (ins_event == NULL || stmt_db != db->h) {
		stmt_db = db->h;
		head_known = 0;
		ins_event = rs_db_prepare(db, "INSERT INTO events (request, "
		    "at, actor, kind, details, due_on, prev_hash, hash) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
		sel_head = rs_db_prepare(db,
		    "SELECT hash FROM events ORDER BY seq DESC LIMIT 1");
	}
	/* BEGIN IMMEDIATE holds the write lock: the head cannot move under
	 * us within the transaction, so reading it once is enough. */
	if (!head_known || sqlite3_get_autocommit(db->h)) {
		/* the first event chains to 32 zero bytes */
		memset(head, 0, sizeof(head));
		if (rs_db_step(db, sel_head) &&
		    sqlite3_column_bytes(sel_head, 0) == sizeof(head) &&
		    (p = sqlite3_column_blob(sel_head, 0)) != NULL)
			memcpy(head, p, sizeof(head));
		sqlite3_reset(sel_head);
		head_known = !sqlite3_get_autocommit(db->h);
	}
	event_hash(head, request, at, actor, kind, details, due_on, hash);
	sqlite3_bind_int64(ins_event, 1, request);
	sqlite3_bind_text(ins_event, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 5, details, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 6, due_on, -1, SQLITE_STATIC);
	sqlite3_bind_blob(ins_event, 7, head, sizeof(head), SQLITE_STATIC);
	sqlite3_bind_blob(ins_event, 8, hash, sizeof(hash), SQLITE_STATIC);
	rs_db_step(db, ins_event);
	sqlite3_reset(ins_event);
	sqlite3_clear_bindings(ins_event);
	memcpy(head, hash, sizeof(head));
}

const char *
rs_actor(const char *opt)
{
	static char name[256];
	struct passwd *pw;
	const char *p;

	if (opt && *opt)
		return opt;
	if ((p = getenv("RS_USER")) && *p)
		return p;
	if ((p = getlogin()) && *p)
		return p;
	if ((pw = getpwuid(geteuid())) != NULL) {
		snprintf(name, sizeof(name), "%s", pw->pw_name);
		return name;
	}
	return "unknown";
}

const struct rs_column rs_reschedule_columns[] = {
	{ "id", "Radicado", 0 },
	{ "status", "Estado", 0 },
	{ "effective_on_before", "Radicación antes", 0 },
	{ "effective_on", "Radicación efectiva", 0 },
	{ "due_on_before", "Vencía", 0 },
	{ "due_on", "Vence", 0 },
	{ "hold_limit_before", "Límite antes", 0 },
	{ "hold_limit", "Límite del requerimiento", 0 },
};
const size_t rs_reschedule_ncolumns =
    sizeof(rs_reschedule_columns) / sizeof(rs_reschedule_columns[0]);

static rs_day
event_day(const unsigned char *at)
{
	rs_time t;

	if (at == NULL || rs_parse_datetime((const char *)at, &t) == -1)
		return RS_NO_DAY;
	return rs_local_day(t, NULL);
}

static rs_day
column_day(sqlite3_stmt *st, int i)
{
	const unsigned char *s;
	rs_day d;

	s = sqlite3_column_text(st, i);
	if (s == NULL || rs_parse_date((const char *)s, &d) == -1)
		return RS_NO_DAY;
	return d;
}

/* The clock from the row's first columns: effective_on, term_days,
 * extended_to (in that order), the holds from the events. */
static void
clock_from(struct rs_db *db, int64_t seq, sqlite3_stmt *row,
    struct rs_clock *c, struct rs_hold **holds)
{
	static sqlite3_stmt *ev;
	static struct sqlite3 *ev_db;
	struct rs_hold *h = NULL;
	size_t n = 0;
	const char *kind;

	c->effective = column_day(row, 0);
	c->term = sqlite3_column_int(row, 1);
	c->extended_to = column_day(row, 2);
	if (ev == NULL || ev_db != db->h) {
		ev = rs_db_prepare(db, "SELECT kind, at FROM events WHERE "
		    "request = ? AND (kind = 'hold' OR kind = 'resume') "
		    "ORDER BY seq");
		ev_db = db->h;
	}
	sqlite3_bind_int64(ev, 1, seq);
	while (rs_db_step(db, ev)) {
		kind = (const char *)sqlite3_column_text(ev, 0);
		if (strcmp(kind, "hold") == 0) {
			h = rs_realloc(h, (n + 1) * sizeof(*h));
			h[n].held = event_day(sqlite3_column_text(ev, 1));
			h[n].resumed = RS_NO_DAY;
			n++;
		} else if (n > 0 && h[n - 1].resumed == RS_NO_DAY)
			h[n - 1].resumed = event_day(sqlite3_column_text(ev, 1));
	}
	sqlite3_reset(ev);
	c->holds = h;
	c->nholds = n;
	*holds = h;
}

void
rs_request_clock(struct rs_db *db, int64_t seq, struct rs_clock *c,
    struct rs_hold **holds)
{
	sqlite3_stmt *st;

	st = rs_db_prepare(db, "SELECT effective_on, term_days, extended_to "
	    "FROM requests WHERE seq = ?");
	sqlite3_bind_int64(st, 1, seq);
	if (!rs_db_step(db, st))
		rs_die(EX_SOFTWARE, "%s: request %lld vanished", db->path,
		    (long long)seq);
	clock_from(db, seq, st, c, holds);
	sqlite3_finalize(st);
}

long
rs_reschedule(struct rs_db *db, struct rs_calendar *cal, const char *at,
    const char *actor, const char *reason, struct rs_out *out)
{
	sqlite3_stmt *sel, *upd;
	struct rs_clock c;
	struct rs_hold *holds;
	struct rs_buf details = { 0 };
	const char *cells[8], *old_eff, *old_due, *old_limit;
	char eff[RS_DATE_LEN], due[RS_DATE_LEN], limit[RS_DATE_LEN];
	rs_day day;
	rs_time received;
	int64_t seq;
	int secs, saved_cutoff = cal->cutoff;
	long changed = 0;

	sel = rs_db_prepare(db, "SELECT effective_on, term_days, extended_to, "
	    "seq, id, status, received_at, due_on, hold_limit, cutoff "
	    "FROM requests WHERE " RS_OPEN_SQL " ORDER BY seq");
	upd = rs_db_prepare(db, "UPDATE requests SET effective_on = ?, "
	    "due_on = ?, hold_limit = ? WHERE seq = ?");
	while (rs_db_step(db, sel)) {
		seq = sqlite3_column_int64(sel, 3);
		if (rs_parse_datetime((const char *)sqlite3_column_text(sel, 6),
		    &received) == -1)
			rs_die(EX_DATAERR, "%s: %s: received_at: bad time",
			    db->path, sqlite3_column_text(sel, 4));
		clock_from(db, seq, sel, &c, &holds);
		/* DESIGN §5 rule 3: a closure may move the effective day,
		 * decided with the cut-off that was in force at intake */
		cal->cutoff = rs_parse_clock((const char *)
		    sqlite3_column_text(sel, 9));
		day = rs_local_day(received, &secs);
		c.effective = rs_effective_day(cal, day, secs);
		rs_format_date(c.effective, eff);
		due[0] = limit[0] = '\0';
		if ((day = rs_due_date(cal, &c)) != RS_NO_DAY)
			rs_format_date(day, due);
		if (c.nholds > 0 && holds[c.nholds - 1].resumed == RS_NO_DAY)
			rs_format_date(rs_hold_limit(cal,
			    holds[c.nholds - 1].held), limit);
		free(holds);
		old_eff = (const char *)sqlite3_column_text(sel, 0);
		old_due = (const char *)sqlite3_column_text(sel, 7);
		old_limit = (const char *)sqlite3_column_text(sel, 8);
		if (strcmp(old_eff, eff) == 0 &&
		    strcmp(old_due ? old_due : "", due) == 0 &&
		    strcmp(old_limit ? old_limit : "", limit) == 0)
			continue;
		sqlite3_bind_text(upd, 1, eff, -1, SQLITE_TRANSIENT);
		if (*due)
			sqlite3_bind_text(upd, 2, due, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(upd, 2);
		if (*limit)
			sqlite3_bind_text(upd, 3, limit, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(upd, 3);
		sqlite3_bind_int64(upd, 4, seq);
		if (out) {
			cells[0] = (const char *)sqlite3_column_text(sel, 4);
			cells[1] = (const char *)sqlite3_column_text(sel, 5);
			cells[2] = old_eff;
			cells[3] = eff;
			cells[4] = old_due;
			cells[5] = due;
			cells[6] = old_limit;
			cells[7] = limit;
			rs_out_row(out, cells);
		}
		rs_db_step(db, upd);
		sqlite3_reset(upd);
		rs_buf_reset(&details);
		rs_buf_adds(&details, "{\"reason\":");
		rs_json_add(&details, reason);
		rs_buf_adds(&details, ",\"effective_on\":");
		rs_json_add(&details, eff);
		if (*limit) {
			rs_buf_adds(&details, ",\"hold_limit\":");
			rs_json_add(&details, limit);
		}
		rs_buf_addc(&details, '}');
		rs_event_append(db, seq, at, actor, "reschedule",
		    rs_buf_str(&details), *due ? due : NULL);
		changed++;
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	rs_buf_free(&details);
	cal->cutoff = saved_cutoff;
	return changed;
}
