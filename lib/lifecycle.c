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
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "rs.h"


/* The chain head, cached for the length of one transaction. */
static uint8_t	head[SHA256_DIGEST_SIZE];
static int	head_known;
static long	appended;	/* events added in this transaction */
/* prepared on the one connection that writes events (rs_db_cached) */
static struct rs_stmt *ins_event, *sel_head;

static void
hash_field(struct sha256_ctx *ctx, const char *s)
{
	char len[24];
	size_t n, slen;

	if (s == NULL) {
		sha256_update(ctx, 1, (const uint8_t *)"-");
		return;
	}
	slen = strlen(s);
	n = rs_format_int((int64_t)slen, len);
	len[n++] = ':';
	sha256_update(ctx, n, (const uint8_t *)len);
	sha256_update(ctx, slen, (const uint8_t *)s);
}

/*
 * written_at and time_reason join the hash from schema 6 on, when they
 * say something at does not: an event written before it has no
 * written_at, one written at the time it claims the same hash as then,
 * and a written time changed afterwards no longer matches.
 */
static void
event_hash(const uint8_t prev[SHA256_DIGEST_SIZE], int64_t request,
    const char *at, const char *actor, const char *kind, const char *details,
    const char *due_on, const char *written_at, const char *time_reason,
    uint8_t out[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;
	char req[24];

	rs_format_int(request, req);
	sha256_init(&ctx);
	sha256_update(&ctx, SHA256_DIGEST_SIZE, prev);
	hash_field(&ctx, req);
	hash_field(&ctx, at);
	hash_field(&ctx, actor);
	hash_field(&ctx, kind);
	hash_field(&ctx, details);
	hash_field(&ctx, due_on);
	/* at is never NULL but in a file changed behind rs */
	if ((written_at != NULL && (at == NULL ||
	    strcmp(written_at, at) != 0)) || time_reason != NULL) {
		hash_field(&ctx, written_at);
		hash_field(&ctx, time_reason);
	}
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

/* Why the events of this transaction claim a time far from the clock. */
static char	*time_reason;

void
rs_event_time_reason(const char *reason)
{
	free(time_reason);
	time_reason = reason ? rs_strdup(reason) : NULL;
}

void
rs_event_reset(void)
{
	head_known = 0;
	appended = 0;
	rs_event_time_reason(NULL);
}

void
rs_event_flush(struct rs_db *db)
{
	struct rs_stmt *st;

	if (appended == 0) {
		rs_event_time_reason(NULL);
		return;
	}
	st = rs_db_prepare(db, "INSERT INTO chain (id, events, head) "
	    "VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET "
	    "events = chain.events + ?1, head = ?2");
	rs_bind_int64(st, 1, appended);
	rs_bind_blob(st, 2, head, sizeof(head));
	rs_db_step(db, st);
	rs_finalize(st);
	rs_event_reset();
}

void
rs_event_append(struct rs_db *db, int64_t request, const char *at,
    const char *actor, const char *kind, const char *details,
    const char *due_on)
{
	uint8_t hash[SHA256_DIGEST_SIZE];
	char wall[RS_DATETIME_LEN];
	const char *written = at;
	const void *p;
	rs_time t;

	if (ins_event == NULL) {
		head_known = 0;
		rs_db_cached(db, &ins_event, "INSERT INTO events (request, "
		    "at, actor, kind, details, due_on, prev_hash, hash, "
		    "written_at, time_reason) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		rs_db_cached(db, &sel_head,
		    "SELECT hash FROM events ORDER BY seq DESC LIMIT 1");
	}
	/* BEGIN IMMEDIATE holds the write lock: the head cannot move under
	 * us within the transaction, so reading it once is enough. */
	if (!head_known || !rs_db_in_transaction(db)) {
		/* the first event chains to 32 zero bytes */
		memset(head, 0, sizeof(head));
		if (rs_db_step(db, sel_head) &&
		    rs_col_bytes(sel_head, 0) == sizeof(head) &&
		    (p = rs_col_blob(sel_head, 0)) != NULL)
			memcpy(head, p, sizeof(head));
		rs_reset(sel_head);
		head_known = rs_db_in_transaction(db);
	}
	if (!rs_wall_clock(&t)) {
		rs_format_datetime(t, wall);
		written = wall;
	}
	event_hash(head, request, at, actor, kind, details, due_on, written,
	    time_reason, hash);
	rs_bind_int64(ins_event, 1, request);
	rs_bind_text(ins_event, 2, at);
	rs_bind_text(ins_event, 3, actor);
	rs_bind_text(ins_event, 4, kind);
	rs_bind_text(ins_event, 5, details);
	rs_bind_text(ins_event, 6, due_on);
	rs_bind_blob(ins_event, 7, head, sizeof(head));
	rs_bind_blob(ins_event, 8, hash, sizeof(hash));
	rs_bind_text(ins_event, 9, written);
	rs_bind_text(ins_event, 10, time_reason);
	rs_db_step(db, ins_event);
	rs_reset(ins_event);
	rs_clear(ins_event);
	memcpy(head, hash, sizeof(head));
	appended++;
}

/*
 * An event about the requester's own data (Ley 1581 de 2012): the data
 * goes to event_data, beside the chain, and the chained details hold
 * only the SHA-256 of it ("personal"), so that rs-admin anonymize can
 * delete it without rewriting the chain, and rs-admin check can still
 * tell, while it is there, that it was not changed.  A random nonce in
 * the data keeps the hash from naming a value once the data is gone.
 * details and personal are JSON objects opened and not closed.
 */
void
rs_event_append_personal(struct rs_db *db, int64_t request, const char *at,
    const char *actor, const char *kind, struct rs_buf *details,
    struct rs_buf *personal, const char *due_on)
{
	static const char hex[] = "0123456789abcdef";
	static struct rs_stmt *ins;
	uint8_t nonce[16], digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx sc;
	struct rs_buf data = { 0 };
	char sum[2 * SHA256_DIGEST_SIZE + 1];
	size_t i;

	if (getentropy(nonce, sizeof(nonce)) == -1)
		rs_die(EX_OSERR, "getentropy: %s", strerror(errno));
	rs_buf_adds(&data, "{\"nonce\":\"");
	for (i = 0; i < sizeof(nonce); i++)
		rs_buf_addf(&data, "%02x", nonce[i]);
	rs_buf_addc(&data, '"');
	if (personal->len > 1)		/* more than its '{' */
		rs_buf_addf(&data, ",%s", rs_buf_str(personal) + 1);
	rs_buf_addc(&data, '}');
	sha256_init(&sc);
	sha256_update(&sc, data.len, (const uint8_t *)rs_buf_str(&data));
	sha256_digest(&sc, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++) {
		sum[2 * i] = hex[digest[i] >> 4];
		sum[2 * i + 1] = hex[digest[i] & 0xf];
	}
	sum[sizeof(sum) - 1] = '\0';
	rs_json_str(details, "personal", sum);
	rs_buf_addc(details, '}');
	rs_event_append(db, request, at, actor, kind, rs_buf_str(details),
	    due_on);
	rs_db_cached(db, &ins, "INSERT INTO event_data (event, request, data) "
	    "VALUES (?, ?, ?)");
	rs_bind_int64(ins, 1, rs_db_last_id(db));
	rs_bind_int64(ins, 2, request);
	rs_bind_text(ins, 3, rs_buf_str(&data));
	rs_db_step(db, ins);
	rs_reset(ins);
	rs_buf_free(&data);
}

/*
 * The events as people and programs see them (rs-queue show): the
 * details with the personal data they refer to put back, from
 * event_data, or for a notice from its row of notices; without the
 * nonce and the hash.  Once anonymized, the data is gone and the
 * notice's address is a pseudonym.  The members are joined one by one,
 * not with json_patch, for which a null (a field corrected to empty)
 * would mean "remove".  Each member is written as JSON text by its type,
 * not given to json_group_object, which tells a JSON value from a
 * string by SQLite's subtype: PostgreSQL's text has none.  A container
 * is already JSON, minified, in json_each's value.
 */
const char rs_events_shown_sql[] =
    "(SELECT e.seq AS seq, e.request AS request, e.at AS at,"
    " e.actor AS actor, e.kind AS kind, e.due_on AS due_on,"
    " e.written_at AS written_at, e.time_reason AS time_reason,"
    " CASE WHEN d.data IS NOT NULL THEN (SELECT '{' ||"
    "  coalesce(group_concat(json_quote(key) || ':' || CASE type"
    "  WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'"
    "  WHEN 'null' THEN 'null' WHEN 'text' THEN json_quote(value)"
    "  ELSE value END, ','), '') || '}' FROM (SELECT key, value, type"
    "  FROM json_each(e.details) WHERE key <> 'personal' UNION ALL"
    "  SELECT key, value, type FROM json_each(d.data)"
    "  WHERE key <> 'nonce') AS m)"
    " WHEN json_type(e.details, '$.personal') IS NOT NULL THEN"
    "  json_remove(e.details, '$.personal')"
    " WHEN e.kind = 'notice' AND json_type(e.details, '$.notice') ="
    "  'integer' THEN json_set(e.details, '$.to', (SELECT n.recipient"
    "  FROM notices n WHERE n.seq = CAST(json_extract(e.details,"
    "  '$.notice') AS BIGINT)))"
    " ELSE e.details END AS details"
    " FROM events e LEFT JOIN event_data d ON d.event = e.seq)";

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
	{ "status", "Estado", RS_CODE },
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
event_day(const char *at)
{
	rs_time t;

	if (at == NULL || rs_parse_datetime((const char *)at, &t) == -1)
		return RS_NO_DAY;
	return rs_local_day(t, NULL);
}

static rs_day
column_day(struct rs_stmt *st, int i)
{
	const char *s;
	rs_day d;

	s = rs_col_text(st, i);
	if (s == NULL || rs_parse_date((const char *)s, &d) == -1)
		return RS_NO_DAY;
	return d;
}

/* The clock from the row's first columns: effective_on, term_days,
 * extended_days (in that order), the holds from the events. */
static void
clock_from(struct rs_db *db, int64_t seq, struct rs_stmt *row,
    struct rs_clock *c, struct rs_hold **holds)
{
	static struct rs_stmt *ev, *pr;
	struct rs_hold *h = NULL;
	rs_day *late = NULL;
	size_t n = 0, m = 0, i;
	const char *kind;

	memset(c, 0, sizeof(*c));
	c->effective = column_day(row, 0);
	c->term = rs_col_int(row, 1);
	c->extended_term = rs_col_int(row, 2);
	c->extended_to = RS_NO_DAY;
	rs_db_cached(db, &ev, "SELECT kind, at, "
	    "coalesce(json_extract(details, '$.stops'), '1') "
	    "FROM events WHERE request = ? AND "
	    "(kind = 'hold' OR kind = 'resume') ORDER BY seq");
	rs_bind_int64(ev, 1, seq);
	while (rs_db_step(db, ev)) {
		kind = rs_col_text(ev, 0);
		/* a late requirement is on record but stopped nothing */
		if (strcmp(kind, "hold") == 0 &&
		    !rs_col_int(ev, 2)) {
			late = rs_realloc(late, (m + 1) * sizeof(*late));
			late[m++] = event_day(rs_col_text(ev, 1));
		} else if (strcmp(kind, "hold") == 0) {
			h = rs_realloc(h, (n + 1) * sizeof(*h));
			h[n].held = event_day(rs_col_text(ev, 1));
			h[n].resumed = RS_NO_DAY;
			n++;
		} else if (n > 0 && h[n - 1].resumed == RS_NO_DAY)
			h[n - 1].resumed = event_day(rs_col_text(ev, 1));
	}
	rs_reset(ev);
	/* one block for the caller to free: the late ones after the rest */
	if (m > 0) {
		h = rs_realloc(h, (n + m) * sizeof(*h));
		for (i = 0; i < m; i++) {
			h[n + i].held = late[i];
			h[n + i].resumed = RS_NO_DAY;
		}
		free(late);
		c->late = &h[n];
		c->nlate = m;
	}
	c->holds = h;
	c->nholds = n;
	*holds = h;
	/* every due date the request was given is in its events; a
	 * corrected type is a new term, bound by no date of the old one */
	rs_db_cached(db, &pr, "SELECT max(due_on), max(CASE WHEN "
	    "seq < (SELECT coalesce(min(seq), 9e18) FROM events "
	    "WHERE request = ?1 AND kind = 'extend') THEN due_on END) "
	    "FROM events WHERE request = ?1 AND seq >= (SELECT "
	    "coalesce(max(seq), 0) FROM events WHERE request = ?1 AND "
	    "kind = 'correct' AND json_extract(details, '$.field') = "
	    "'type')");
	rs_bind_int64(pr, 1, seq);
	c->promised = c->promised_legal = RS_NO_DAY;
	if (rs_db_step(db, pr)) {
		c->promised = column_day(pr, 0);
		c->promised_legal = column_day(pr, 1);
	}
	rs_reset(pr);
}

void
rs_request_clock(struct rs_db *db, int64_t seq, struct rs_clock *c,
    struct rs_hold **holds)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "SELECT effective_on, term_days, extended_days "
	    "FROM requests WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if (!rs_db_step(db, st))
		rs_die(EX_SOFTWARE, "%s: request %lld vanished", db->path,
		    (long long)seq);
	clock_from(db, seq, st, c, holds);
	rs_finalize(st);
}

/*
 * Ley 1755 art. 17: the requester's month runs from the notice of the
 * requirement, the first requerimiento sent since the requirement (at;
 * NULL: the last one) and before until, if any, and not returned.
 */
static rs_day
notice_between(struct rs_db *db, int64_t seq, const char *at,
    const char *until)
{
	struct rs_stmt *st;
	rs_day day;

	st = rs_db_prepare(db, "SELECT min(sent_at) FROM notices WHERE "
	    "request = ?1 AND kind = 'requerimiento' AND state = 'sent' AND "
	    "sent_at >= coalesce(?2, (SELECT max(e.at) FROM events e WHERE "
	    "e.request = ?1 AND e.kind = 'hold')) AND "
	    "(CAST(?3 AS TEXT) IS NULL OR sent_at < ?3)");
	rs_bind_int64(st, 1, seq);
	if (at)
		rs_bind_text(st, 2, at);
	if (until)
		rs_bind_text(st, 3, until);
	rs_db_step(db, st);
	day = event_day(rs_col_text(st, 0));
	rs_finalize(st);
	return day;
}

void
rs_request_history(struct rs_db *db, int64_t seq, struct rs_history *h)
{
	struct rs_stmt *st;
	struct rs_month *mo;
	struct rs_extension *e;
	const char *kind, *at;
	char *open_at = NULL;	/* the last stopping hold's, notice unseen */
	rs_day day;

	memset(h, 0, sizeof(*h));
	h->limit_given = RS_NO_DAY;
	h->forwarded = RS_NO_DAY;
	st = rs_db_prepare(db, "SELECT status, channel, hold_limit FROM "
	    "requests WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st)) {
		h->waiting = strcmp(rs_col_text(st, 0),
		    "en_espera") == 0;
		h->verbal = rs_channel_verbal(rs_col_text(st, 1));
		h->limit_given = column_day(st, 2);
	}
	rs_finalize(st);

	st = rs_db_prepare(db, "SELECT kind, at, "
	    "coalesce(json_extract(details, '$.stops'), '1'), "
	    "json_extract(details, '$.hold_limit'), "
	    "json_extract(details, '$.to'), "
	    "coalesce(json_extract(details, '$.days'), '0'), "
	    "json_extract(details, '$.reasons'), "
	    "json_extract(details, '$.authority') "
	    "FROM events WHERE request = ? AND kind IN ('hold', 'resume', "
	    "'prolong', 'extend', 'forward') ORDER BY seq");
	rs_bind_int64(st, 1, seq);
	while (rs_db_step(db, st)) {
		kind = rs_col_text(st, 0);
		at = rs_col_text(st, 1);
		day = event_day(rs_col_text(st, 1));
		mo = h->nmonths > 0 ? &h->months[h->nmonths - 1] : NULL;
		if (strcmp(kind, "hold") == 0) {
			/* a notice after the next requirement is that one's */
			if (open_at) {
				mo->notified = notice_between(db, seq, open_at,
				    at);
				free(open_at);
				open_at = NULL;
			}
			/* a late requirement starts no month (art. 17) */
			if (!rs_col_int(st, 2))
				continue;
			h->months = rs_realloc(h->months, (h->nmonths + 1) *
			    sizeof(*h->months));
			mo = &h->months[h->nmonths++];
			mo->held = day;
			mo->notified = mo->resumed = mo->prolonged =
			    mo->prolonged_to = RS_NO_DAY;
			open_at = rs_strdup(at);
		} else if (strcmp(kind, "resume") == 0) {
			if (mo && mo->resumed == RS_NO_DAY)
				mo->resumed = day;
		} else if (strcmp(kind, "prolong") == 0) {
			if (mo) {
				mo->prolonged = day;
				mo->prolonged_to = column_day(st, 3);
			}
		} else if (strcmp(kind, "extend") == 0) {
			h->extensions = rs_realloc(h->extensions,
			    (h->nextensions + 1) * sizeof(*h->extensions));
			e = &h->extensions[h->nextensions++];
			e->day = day;
			e->to = column_day(st, 4);
			e->days = rs_col_int(st, 5);
			e->reasons = rs_col_text(st, 6) ?
			    rs_strdup(rs_col_text(st,
			    6)) : NULL;
		} else {
			h->forwarded = day;
			free(h->authority);
			h->authority = rs_col_text(st, 7) ?
			    rs_strdup(rs_col_text(st,
			    7)) : NULL;
		}
	}
	rs_finalize(st);
	if (open_at) {
		h->months[h->nmonths - 1].notified = notice_between(db, seq,
		    open_at, NULL);
		free(open_at);
	}
}

void
rs_history_free(struct rs_history *h)
{
	size_t i;

	for (i = 0; i < h->nextensions; i++)
		free(h->extensions[i].reasons);
	free(h->extensions);
	free(h->months);
	free(h->authority);
	memset(h, 0, sizeof(*h));
}

/*
 * Ley 1755 art. 17: the month to comply runs from the day after the
 * requirement reached the requester, so from its notice: the first
 * requerimiento sent since the last hold and not returned.
 */
/* The notices n of request ?1 sent since its last requirement. */
#define SINCE_HOLD_SQL \
	"n.sent_at >= (SELECT max(e.at) FROM events e WHERE " \
	"e.request = ?1 AND e.kind = 'hold')"

rs_day
rs_hold_notice_day(struct rs_db *db, int64_t seq)
{
	return notice_between(db, seq, NULL, NULL);
}

int
rs_notice_already_sent(struct rs_db *db, int64_t seq, const char *kind)
{
	struct rs_stmt *st;
	int n;

	/* a requirement, and more time for it, once for each hold */
	st = rs_db_prepare(db, "SELECT count(*) FROM notices n WHERE "
	    "n.request = ?1 AND n.kind = ?2 AND (?2 <> 'requerimiento' AND "
	    "?2 <> 'prorroga_requerimiento' OR " SINCE_HOLD_SQL ")");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, kind);
	rs_db_step(db, st);
	n = rs_col_int(st, 0);
	rs_finalize(st);
	return n > 0;
}

int
rs_hold_notified(struct rs_db *db, struct rs_calendar *cal, int64_t seq,
    char limit[RS_DATE_LEN])
{
	struct rs_stmt *st;
	rs_day day;
	int n;

	if ((day = rs_hold_notice_day(db, seq)) == RS_NO_DAY)
		return 0;
	rs_format_date(rs_hold_limit(cal, day), limit);
	st = rs_db_prepare(db, "UPDATE requests SET hold_limit = ? WHERE "
	    "seq = ? AND status = 'en_espera' AND hold_limit IS NULL");
	rs_bind_copy(st, 1, limit);
	rs_bind_int64(st, 2, seq);
	rs_db_step(db, st);
	rs_finalize(st);
	n = rs_db_changes(db);
	return n > 0;
}

int
rs_hold_returned(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;

	/* the requirement did not arrive: no month runs until it does */
	if (rs_hold_notice_day(db, seq) != RS_NO_DAY)
		return 0;
	st = rs_db_prepare(db, "UPDATE requests SET hold_limit = NULL WHERE "
	    "seq = ? AND status = 'en_espera' AND hold_limit IS NOT NULL");
	rs_bind_int64(st, 1, seq);
	rs_db_step(db, st);
	rs_finalize(st);
	return rs_db_changes(db) > 0;
}

long
rs_reschedule(struct rs_db *db, struct rs_calendar *cal, const char *at,
    const char *actor, const char *reason, struct rs_out *out)
{
	struct rs_stmt *sel, *upd;
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

	sel = rs_db_prepare(db, "SELECT effective_on, term_days, extended_days, "
	    "seq, id, status, received_at, due_on, hold_limit, cutoff "
	    "FROM requests WHERE " RS_OPEN_SQL " ORDER BY seq");
	upd = rs_db_prepare(db, "UPDATE requests SET effective_on = ?, "
	    "due_on = ?, hold_limit = ? WHERE seq = ?");
	while (rs_db_step(db, sel)) {
		seq = rs_col_int64(sel, 3);
		if (rs_parse_datetime(rs_col_text(sel, 6),
		    &received) == -1)
			rs_die(EX_DATAERR, "%s: %s: received_at: bad time",
			    db->path, rs_col_text(sel, 4));
		clock_from(db, seq, sel, &c, &holds);
		/* DESIGN §5 rule 3: a closure may move the effective day,
		 * decided with the cut-off that was in force at intake */
		cal->cutoff = rs_parse_clock(rs_col_text(sel, 9));
		day = rs_local_day(received, &secs);
		/* never earlier: a change from today on cannot make a
		 * request received before it count from an earlier day */
		day = rs_effective_day(cal, day, secs);
		if (day > c.effective)
			c.effective = day;
		rs_format_date(c.effective, eff);
		due[0] = limit[0] = '\0';
		if ((day = rs_due_date(cal, &c)) != RS_NO_DAY)
			rs_format_date(day, due);
		/* the month from the requirement's notice (from the
		 * requirement itself in a file older than schema 5), never
		 * earlier than the day the requester was given */
		if (c.nholds > 0 && holds[c.nholds - 1].resumed == RS_NO_DAY &&
		    rs_col_type(sel, 8) != RS_NULL) {
			rs_day given = column_day(sel, 8);

			if ((day = rs_hold_notice_day(db, seq)) == RS_NO_DAY)
				day = holds[c.nholds - 1].held;
			day = rs_hold_limit(cal, day);
			/* a day given, a month prolonged (art. 17), that
			 * the office no longer works moves to the next */
			if (given > day)
				day = rs_business_day(cal, given) ? given :
				    rs_next_business_day(cal, given);
			rs_format_date(day, limit);
		}
		free(holds);
		old_eff = rs_col_text(sel, 0);
		old_due = rs_col_text(sel, 7);
		old_limit = rs_col_text(sel, 8);
		if (strcmp(old_eff, eff) == 0 &&
		    strcmp(old_due ? old_due : "", due) == 0 &&
		    strcmp(old_limit ? old_limit : "", limit) == 0)
			continue;
		rs_bind_copy(upd, 1, eff);
		if (*due)
			rs_bind_copy(upd, 2, due);
		else
			rs_bind_null(upd, 2);
		if (*limit)
			rs_bind_copy(upd, 3, limit);
		else
			rs_bind_null(upd, 3);
		rs_bind_int64(upd, 4, seq);
		if (out) {
			cells[0] = rs_col_text(sel, 4);
			cells[1] = rs_col_text(sel, 5);
			cells[2] = old_eff;
			cells[3] = eff;
			cells[4] = old_due;
			cells[5] = due;
			cells[6] = old_limit;
			cells[7] = limit;
			rs_out_row(out, cells);
		}
		rs_db_step(db, upd);
		rs_reset(upd);
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
	rs_finalize(sel);
	rs_finalize(upd);
	rs_buf_free(&details);
	cal->cutoff = saved_cutoff;
	return changed;
}

/* ---- the lifecycle: one transition table (DESIGN §1, §2) ------------------ */

enum status {
	S_RADICADA, S_ASIGNADA, S_EN_ESPERA, S_RESPONDIDA, S_CERRADA,
	S_TRASLADADA, S_DESISTIDA, S_ANULADA, S_N
};

#define B(s)	(1u << (s))
#define OPEN	(B(S_RADICADA) | B(S_ASIGNADA) | B(S_EN_ESPERA))
#define ALL	((1u << S_N) - 1)

enum {
	TO_KEEP = -1,		/* the status stays */
	TO_BACK = -2,		/* asignada when someone has it, else radicada */
	TO_ASSIGNED = -3,	/* asignada, except en_espera stays */
	TO_CLOSE = -4		/* cerrada after an answer, else desistida */
};

static const struct transition {
	const char	*verb;	/* also the event's kind */
	unsigned	 from;	/* the statuses it is allowed from */
	int		 to;
} transitions[] = {
	{ "take",	B(S_RADICADA),				S_ASIGNADA },
	{ "assign",	OPEN,					TO_ASSIGNED },
	{ "release",	B(S_ASIGNADA),				S_RADICADA },
	/* Ley 1755 art. 17: the requirement stops the clock */
	{ "hold",	B(S_RADICADA) | B(S_ASIGNADA),		S_EN_ESPERA },
	{ "resume",	B(S_EN_ESPERA),				TO_BACK },
	/* art. 17: the requester asks for more time to comply */
	{ "prolong",	B(S_EN_ESPERA),				TO_KEEP },
	/* art. 14 parágrafo: while the clock runs */
	{ "extend",	B(S_RADICADA) | B(S_ASIGNADA),		TO_KEEP },
	/* art. 21 */
	{ "forward",	OPEN,					S_TRASLADADA },
	{ "answer",	B(S_RADICADA) | B(S_ASIGNADA),		S_RESPONDIDA },
	/* art. 17 (tacit) and art. 18 (express) withdrawal, or after the
	 * answer */
	{ "close",	OPEN | B(S_RESPONDIDA),			TO_CLOSE },
	{ "reopen",	B(S_RESPONDIDA) | B(S_CERRADA),		TO_BACK },
	/* registered by mistake: never deleted */
	{ "void",	ALL & ~B(S_ANULADA),			S_ANULADA },
	{ "note",	ALL,					TO_KEEP },
	{ "rate",	B(S_RESPONDIDA) | B(S_CERRADA),		TO_KEEP },
	/* the same matter twice, or art. 22's identical petitions: on
	 * record on each request, whatever its status (links.c) */
	{ "link",	ALL & ~B(S_ANULADA),			TO_KEEP },
	/* closed as merged into the other, which answers for both */
	{ "merge",	OPEN,					S_CERRADA },
	{ NULL, 0, 0 }
};

const char *const rs_verbs[] = {
	"take", "assign", "release", "hold", "resume", "prolong", "extend",
	"forward", "answer", "close", "reopen", "void", "note", "rate",
	"link", "merge", NULL
};

const char *const rs_outcomes[] = {
	"favorable", "parcial", "negativa", "informativa", NULL
};

static const struct {
	const char *kind, *label;
} labels[] = {
	{ "intake", "radicación" }, { "take", "tomada" },
	{ "assign", "asignación" }, { "release", "liberada" },
	{ "hold", "requerimiento" }, { "resume", "reanudación" },
	{ "prolong", "más plazo al peticionario" },
	{ "extend", "prórroga" }, { "forward", "traslado" },
	{ "answer", "respuesta" }, { "close", "cierre" },
	{ "reopen", "reapertura" }, { "void", "anulación" },
	{ "note", "nota" }, { "rate", "calificación" },
	{ "link", "relacionada" }, { "merge", "fusionada" },
	{ "reschedule", "cambio de calendario" }, { "notice", "aviso" },
	{ "anonymize", "anonimización" },
	{ "correct", "corrección" },	/* correct.c */
	/* the mailbox (mailbox.c) and the documents (documents.c) */
	{ "message", "mensaje recibido" }, { "documents", "documentos" },
	{ "bounce", "aviso no entregado" }, { "delay", "aviso demorado" },
	{ "dsn", "informe de entrega" },
	{ "autoreply", "respuesta automática" },
	{ "receipt", "acuse de lectura" }, { "inbox", "a revisión" },
	{ "discard", "descartado" },
	{ NULL, NULL }
};

const char *
rs_event_label_sql(void)
{
	static struct rs_buf b;
	size_t i;

	if (b.len)
		return rs_buf_str(&b);
	rs_buf_adds(&b, "CASE kind");
	for (i = 0; labels[i].kind; i++)
		rs_buf_addf(&b, " WHEN '%s' THEN '%s'", labels[i].kind,
		    labels[i].label);
	rs_buf_adds(&b, " ELSE kind END");
	return rs_buf_str(&b);
}

/* What an event says, in Spanish, from its JSON details. */
const char rs_event_summary_sql[] =
    "CASE kind"
    " WHEN 'assign' THEN 'a ' || json_extract(details, '$.to')"
    " WHEN 'hold' THEN 'falta: ' || json_extract(details, '$.missing') ||"
    "  CASE WHEN json_type(details, '$.late') = 'true' THEN ' (tardío)'"
    "  ELSE '' END"
    " WHEN 'resume' THEN coalesce(json_extract(details, '$.text'), '')"
    " WHEN 'prolong' THEN 'hasta ' || json_extract(details, '$.hold_limit') ||"
    "  ': ' || json_extract(details, '$.text')"
    " WHEN 'extend' THEN 'hasta ' || json_extract(details, '$.to') || ': ' ||"
    "  json_extract(details, '$.reasons')"
    " WHEN 'forward' THEN 'a ' || json_extract(details, '$.authority') ||"
    "  CASE WHEN json_type(details, '$.late') = 'true' THEN ' (tardío)'"
    "  ELSE '' END"
    "  || coalesce(': ' || json_extract(details, '$.text'), '')"
    /* protocol 5.2: a negative answer's three parts, each on its line,
     * in the words the letter to the requester uses (respuesta.txt) */
    " WHEN 'answer' THEN json_extract(details, '$.outcome') || ': ' ||"
    "  json_extract(details, '$.text') ||"
    "  coalesce('\n' || 'Por qué: ' || json_extract(details, '$.why'),"
    "  '') || coalesce('\n' || 'Lo que vamos a hacer: ' ||"
    "  json_extract(details, '$.will_do'), '') ||"
    "  coalesce('\n' || 'Lo que usted puede hacer: ' ||"
    "  json_extract(details, '$.can_do'), '') ||"
    "  coalesce('\n' || 'Respondida con ' ||"
    "  json_extract(details, '$.with') || ', de idéntico contenido"
    " (Ley 1755 art. 22)', '')"
    " WHEN 'close' THEN json_extract(details, '$.as') ||"
    "  coalesce(': ' || json_extract(details, '$.text'), '')"
    " WHEN 'reopen' THEN json_extract(details, '$.text')"
    " WHEN 'void' THEN json_extract(details, '$.text')"
    " WHEN 'note' THEN json_extract(details, '$.text')"
    " WHEN 'rate' THEN json_extract(details, '$.rating') || ' de 5' ||"
    "  coalesce(': ' || json_extract(details, '$.text'), '')"
    " WHEN 'reschedule' THEN json_extract(details, '$.reason')"
    " WHEN 'link' THEN CASE json_extract(details, '$.kind')"
    "  WHEN 'duplicate' THEN 'duplicada con '"
    "  WHEN 'identical' THEN 'idéntica a '"
    "  WHEN 'merged' THEN 'se le fusionó ' ELSE '' END ||"
    "  json_extract(details, '$.with') ||"
    "  CASE json_extract(details, '$.kind') WHEN 'identical'"
    "  THEN ' (Ley 1755 art. 22)' ELSE '' END ||"
    "  coalesce(': ' || json_extract(details, '$.text'), '')"
    " WHEN 'merge' THEN 'fusionada en ' || json_extract(details, '$.into') ||"
    "  coalesce(': ' || json_extract(details, '$.text'), '')"
    " WHEN 'notice' THEN "
    RS_NOTICE_NAME_SQL("json_extract(details, '$.kind')")
    "  || CASE json_extract(details, '$.via') WHEN 'print' THEN ' impres' || "
    RS_NOTICE_ENDING_SQL("json_extract(details, '$.kind')")
    "  ELSE ' enviad' || "
    RS_NOTICE_ENDING_SQL("json_extract(details, '$.kind')")
    "  || ' a ' || json_extract(details, '$.to') END ||"
    "  coalesce('; el mes para atenderlo vence el ' ||"
    "  json_extract(details, '$.hold_limit'), '')"
    " WHEN 'anonymize' THEN json_extract(details, '$.reason')"
    " WHEN 'correct' THEN " RS_CORRECT_SUMMARY_SQL
    " WHEN 'message' THEN 'de ' || json_extract(details, '$.from') ||"
    "  ': ' || coalesce(json_extract(details, '$.subject'), '') ||"
    "  coalesce('\n' || json_extract(details, '$.text'), '')"
    " WHEN 'documents' THEN json_array_length(details, '$.documents') ||"
    "  ' documento(s)' || coalesce(': ' || json_extract(details, '$.text'),"
    "  '')"
    " WHEN 'bounce' THEN " RS_NOTICE_NAME_SQL("json_extract(details, '$.notice')") " || ': ' ||"
    "  json_extract(details, '$.reason')"
    " WHEN 'delay' THEN " RS_NOTICE_NAME_SQL("json_extract(details, '$.notice')") " || ': ' ||"
    "  json_extract(details, '$.reason')"
    " WHEN 'dsn' THEN " RS_NOTICE_NAME_SQL("json_extract(details, '$.notice')") " || ': ' ||"
    "  json_extract(details, '$.action')"
    " WHEN 'autoreply' THEN 'de ' || json_extract(details, '$.from') ||"
    "  ': ' || json_extract(details, '$.mark')"
    /* RFC 8098: "displayed" is read; anything else is said as is */
    " WHEN 'receipt' THEN " RS_NOTICE_NAME_SQL("json_extract(details, '$.notice')") " ||"
    "  CASE WHEN lower(json_extract(details, '$.disposition')) LIKE"
    "  '%displayed' THEN ' leíd' || " RS_NOTICE_ENDING_SQL("json_extract(details, '$.notice')") " ELSE ': ' ||"
    "  json_extract(details, '$.disposition') END"
    " WHEN 'inbox' THEN 'de ' || json_extract(details, '$.from') ||"
    "  ': ' || json_extract(details, '$.reason')"
    " WHEN 'discard' THEN json_extract(details, '$.text')"
    " ELSE coalesce(details, '') END";

static const char *audit_value(struct rs_stmt *, int, int, char [64]);

int
rs_status_index(const char *s)
{
	int i;

	if (s == NULL)
		return -1;	/* a damaged row */
	for (i = 0; i < S_N; i++)
		if (strcmp(rs_statuses[i], s) == 0)
			return i;
	return -1;
}

const char *
rs_status_wrong(const char *s)
{
	static char why[512];

	snprintf(why, sizeof(why), "requests.status: expected one of %s; "
	    "got %s%s%s", rs_list_join(rs_statuses), s ? "\"" : "",
	    s ? s : "NULL", s ? "\"" : "");
	return why;
}

/* The one place that says where a step leads (rs_apply and the audit). */
static int
status_after(const struct transition *t, int from, int has_assignee,
    const char *close_as, int stops)
{
	/* Ley 1755 art. 17: a requirement that stops no clock leaves the
	 * request where it was */
	if (!stops)
		return from;
	switch (t->to) {
	case TO_KEEP:
		return from;
	case TO_BACK:
		return has_assignee ? S_ASIGNADA : S_RADICADA;
	case TO_ASSIGNED:
		return from == S_EN_ESPERA ? S_EN_ESPERA : S_ASIGNADA;
	case TO_CLOSE:
		return close_as && strcmp(close_as, "cerrada") == 0 ?
		    S_CERRADA : S_DESISTIDA;
	default:
		return t->to;
	}
}

static const struct transition *
transition(const char *verb)
{
	const struct transition *t;

	for (t = transitions; t->verb; t++)
		if (strcmp(t->verb, verb) == 0)
			return t;
	return NULL;
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

int
rs_hold_prolonged(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	int n;

	st = rs_db_prepare(db, "SELECT count(*) FROM events WHERE "
	    "request = ?1 AND kind = 'prolong' AND seq > (SELECT max(seq) "
	    "FROM events WHERE request = ?1 AND kind = 'hold')");
	rs_bind_int64(st, 1, seq);
	rs_db_step(db, st);
	n = rs_col_int(st, 0);
	rs_finalize(st);
	return n > 0;
}

/* "2024-08-13" for a bare date, else the whole time, as -n gave it. */
static void
claim_text(rs_time t, int day_only, char buf[RS_DATETIME_LEN])
{
	if (day_only)
		rs_format_date(rs_local_day(t, NULL), buf);
	else
		rs_format_datetime(t, buf);
}

/* Is claimed before the time at?  A bare date compares by days. */
static int
claim_before(rs_time claimed, int day_only, const char *at)
{
	rs_time t;

	if (at == NULL || rs_parse_datetime((const char *)at, &t) == -1)
		return 0;
	if (day_only)
		return rs_local_day(claimed, NULL) < rs_local_day(t, NULL);
	return claimed < t;
}

/*
 * The time a step claims (-n) must be one the record can be trusted
 * with: not before the request was received, nor before its last event,
 * nor after the clock; further from the clock than the setting
 * clock_bound (minutes) only with a reason, which the event keeps and
 * rs-admin check lists.  NULL when the claim stands.
 */
static const char *
claim_check(struct rs_db *db, const struct rs_action *a,
    const char *received, struct rs_buf *why)
{
	struct rs_stmt *st;
	char claim[RS_DATETIME_LEN], clock[RS_DATETIME_LEN];
	const char *bad = NULL;
	char *v;
	rs_time wall;
	long bound, apart;

	claim_text(a->now, a->day_only, claim);
	if (claim_before(a->now, a->day_only, received))
		return rs_refuse(why, "-n %s: a step cannot come before the "
		    "request was received (%s)", claim, received);
	st = rs_db_prepare(db, "SELECT seq, at FROM events WHERE request = ? "
	    "ORDER BY seq DESC LIMIT 1");
	rs_bind_int64(st, 1, a->seq);
	if (rs_db_step(db, st) && claim_before(a->now, a->day_only,
	    rs_col_text(st, 1)))
		bad = rs_refuse(why, "-n %s: a step cannot come before the "
		    "request's last event (%lld, %s)", claim,
		    (long long)rs_col_int64(st, 0),
		    rs_col_text(st, 1));
	rs_finalize(st);
	if (bad || (bad = rs_claim_future(a->now, a->day_only, claim,
	    why)) != NULL || rs_wall_clock(&wall))
		return bad;
	rs_format_datetime(wall, clock);
	v = rs_setting(db, "clock_bound");
	bound = atol(v);
	free(v);
	apart = a->day_only ? (long)(rs_local_day(wall, NULL) -
	    rs_local_day(a->now, NULL)) * 1440 : (long)((wall - a->now) / 60);
	if (apart > bound && !given(a->time_reason))
		return rs_refuse(why, "-n %s: %ld minutes before the clock (%s), "
		    "more than the setting clock_bound allows (%ld); say why "
		    "with -r", claim, apart, clock, bound);
	rs_event_time_reason(apart > bound ? a->time_reason : NULL);
	return NULL;
}

/* Was the request's last requirement made late? */
static int
last_hold_late(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	int late = 0;

	st = rs_db_prepare(db, "SELECT json_extract(details, '$.late') FROM "
	    "events WHERE request = ? AND kind = 'hold' ORDER BY seq DESC "
	    "LIMIT 1");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st))
		late = rs_col_int(st, 0);
	rs_finalize(st);
	return late;
}

const char *
rs_apply(struct rs_db *db, struct rs_calendar *cal, struct rs_action *a)
{
	static struct rs_buf why, details;
	const struct transition *t;
	struct rs_stmt *st;
	struct rs_clock clock;
	struct rs_hold *holds = NULL;
	char at[RS_DATETIME_LEN], today_s[RS_DATE_LEN], due[RS_DATE_LEN];
	char extra[RS_DATE_LEN], prolonged[RS_DATE_LEN], v[64];
	const char *new_assignee, *set_due = NULL;
	char *old_assignee = NULL, *old_due = NULL, *old_limit = NULL;
	rs_day today, d, received;
	int from, to, i, keep_due = 1, extended_days = 0, verbal, stops = 1;
	const char *close_as = NULL;

	if ((t = transition(a->verb)) == NULL)
		return rs_refuse(&why, "%s: unknown step", a->verb);
	rs_format_datetime(a->now, at);
	today = rs_local_day(a->now, NULL);
	rs_format_date(today, today_s);

	st = rs_db_prepare(db, "SELECT seq, status, assignee, due_on, "
	    "hold_limit, received_at, channel FROM requests WHERE id = ?");
	rs_bind_text(st, 1, a->id);
	if (!rs_db_step(db, st)) {
		rs_finalize(st);
		return rs_refuse(&why, "no such request");
	}
	a->seq = rs_col_int64(st, 0);
	from = rs_col_type(st, 1) == RS_TEXT ?
	    rs_status_index(rs_col_text(st, 1)) : -1;
	if (from < 0) {
		/* a row changed behind rs (rs-admin check finds it) */
		rs_refuse(&why, "requests.status: expected one of %s; got %s",
		    rs_list_join(rs_statuses), audit_value(st, 1,
		    rs_col_type(st, 1), v));
		rs_finalize(st);
		goto out;
	}
	if (rs_col_text(st, 2))
		old_assignee = rs_strdup(rs_col_text(st, 2));
	if (rs_col_text(st, 3))
		old_due = rs_strdup(rs_col_text(st, 3));
	if (rs_col_text(st, 4))
		old_limit = rs_strdup(rs_col_text(st, 4));
	received = event_day(rs_col_text(st, 5));
	verbal = rs_channel_verbal(rs_col_text(st, 6));
	if (a->claimed &&
	    claim_check(db, a, rs_col_text(st, 5), &why) != NULL) {
		rs_finalize(st);
		goto out;
	}
	rs_finalize(st);
	if (!(t->from & B(from))) {
		rs_refuse(&why, "cannot %s: status is %s", a->verb,
		    rs_statuses[from]);
		goto out;
	}

	new_assignee = old_assignee;
	rs_buf_reset(&details);
	rs_buf_addc(&details, '{');
	rs_request_clock(db, a->seq, &clock, &holds);
	a->warning = NULL;

	if (strcmp(a->verb, "take") == 0)
		new_assignee = a->actor;
	else if (strcmp(a->verb, "assign") == 0) {
		if (!given(a->who) || rs_has_controls(a->who, 0) ||
		    strlen(a->who) > 64) {
			rs_refuse(&why, "assign: expected the name of who takes "
			    "it");
			goto out;
		}
		new_assignee = a->who;
		rs_json_str(&details, "to", a->who);
	} else if (strcmp(a->verb, "release") == 0)
		new_assignee = NULL;
	else if (strcmp(a->verb, "hold") == 0) {
		const char *late;

		if (!given(a->text)) {
			rs_refuse(&why, "hold: say what is missing (-m)");
			goto out;
		}
		/* Ley 1755 art. 17: within 10 business days, and while the
		 * term runs; a late one is asked and stops nothing */
		if ((late = rs_hold_check(cal, &clock, today))) {
			if (!a->late) {
				rs_refuse(&why, "cannot hold: %s; --late records "
				    "it as a late requirement, which stops no "
				    "clock", late);
				goto out;
			}
			a->warning = "the requirement is late (Ley 1755 "
			    "art. 17): recorded and notified, and the clock "
			    "keeps running";
			stops = 0;
		}
		rs_json_str(&details, "missing", a->text);
		if (late)
			rs_buf_adds(&details, ",\"late\":true,\"stops\":false");
		else
			keep_due = 0;	/* the clock stops; the month runs
					 * from the notice (rs_hold_notified) */
	} else if (strcmp(a->verb, "resume") == 0) {
		if (clock.nholds > 0)
			holds[clock.nholds - 1].resumed = today;
		d = rs_due_date(cal, &clock);
		if (d != RS_NO_DAY) {
			rs_format_date(d, due);
			set_due = due;
		}
		keep_due = 0;
		rs_json_str(&details, "text", given(a->text) ? a->text : NULL);
	} else if (strcmp(a->verb, "prolong") == 0) {
		const char *bad;
		rs_day limit;

		/* Ley 1755 art. 17: asked by the requester, once, before the
		 * month runs out, for up to a month more */
		if (!given(a->text)) {
			rs_refuse(&why, "prolong: say how the requester asked for "
			    "it (-m)");
			goto out;
		}
		if (old_limit == NULL || rs_parse_date(old_limit, &limit)) {
			rs_refuse(&why, "cannot prolong: the requirement has not "
			    "been notified, and its month has not started "
			    "(Ley 1755 art. 17)");
			goto out;
		}
		if (rs_hold_prolonged(db, a->seq)) {
			rs_refuse(&why, "cannot prolong: the month was already "
			    "prolonged once (Ley 1755 art. 17: \"hasta por un "
			    "término igual\")");
			goto out;
		}
		d = a->to;
		if ((bad = rs_hold_prolong_check(cal, limit, today, &d))) {
			rs_refuse(&why, "cannot prolong: %s", bad);
			goto out;
		}
		rs_format_date(d, prolonged);
		rs_json_str(&details, "text", a->text);
		rs_json_str(&details, "from", old_limit);
		rs_json_str(&details, "hold_limit", prolonged);
	} else if (strcmp(a->verb, "extend") == 0) {
		const char *bad;

		if (!given(a->text)) {
			rs_refuse(&why, "extend: the reasons are required (-m); "
			    "Ley 1755 art. 14 parágrafo");
			goto out;
		}
		d = a->to;
		if (d == RS_NO_DAY) {
			rs_day cur = rs_due_date(cal, &clock);

			if (a->days <= 0 || cur == RS_NO_DAY) {
				rs_refuse(&why, "extend: give the new date "
				    "(--to) or the business days to add "
				    "(--days)");
				goto out;
			}
			d = rs_add_business_days(cal, cur, a->days);
		}
		if ((bad = rs_extension_check(cal, &clock, today, d))) {
			rs_refuse(&why, "cannot extend: %s", bad);
			goto out;
		}
		rs_format_date(d, due);
		set_due = due;
		keep_due = 0;
		/* the clock runs (no hold is open): the days up to the new
		 * date are the extended term */
		extended_days = rs_days_used(cal, &clock, d);
		rs_json_str(&details, "to", due);
		rs_buf_addf(&details, ",\"days\":%d", extended_days);
		rs_json_str(&details, "reasons", a->text);
	} else if (strcmp(a->verb, "forward") == 0) {
		if (!given(a->authority) || rs_has_controls(a->authority, 0)) {
			rs_refuse(&why, "forward: name the authority (--to)");
			goto out;
		}
		rs_json_str(&details, "authority", a->authority);
		rs_json_str(&details, "text", given(a->text) ? a->text : NULL);
		/* art. 21: at once when the petition was made aloud, within
		 * 5 business days of receipt when written; later is on
		 * record */
		d = rs_forward_limit(cal, received, verbal);
		if (today > d) {
			rs_format_date(d, extra);
			rs_buf_adds(&details, ",\"late\":true");
			rs_json_str(&details, "limit", extra);
			a->warning = verbal ? "a verbal petition is forwarded "
			    "at once (Ley 1755 art. 21): recorded as late" :
			    "forwarded after the 5 business days of Ley 1755 "
			    "art. 21: recorded as late";
		}
	} else if (strcmp(a->verb, "answer") == 0) {
		for (i = 0; rs_outcomes[i] &&
		    (!a->outcome || strcmp(rs_outcomes[i], a->outcome)); i++)
			;
		if (rs_outcomes[i] == NULL) {
			rs_refuse(&why, "answer: outcome: expected one of %s",
			    rs_list_join(rs_outcomes));
			goto out;
		}
		if (!given(a->text)) {
			rs_refuse(&why, "answer: the text of the answer is "
			    "required (-m or -F)");
			goto out;
		}
		/* protocol 5.2: a negative answer says why, what the office
		 * will do and what the requester can do */
		if (strcmp(a->outcome, "negativa") == 0 && (!given(a->why) ||
		    !given(a->will_do) || !given(a->can_do))) {
			rs_refuse(&why, "answer: a negative answer needs its three "
			    "parts (protocol 5.2): --why, --will-do, "
			    "--can-do");
			goto out;
		}
		rs_json_str(&details, "outcome", a->outcome);
		rs_json_str(&details, "text", a->text);
		/* required for a negative answer, kept for any other */
		rs_json_str(&details, "why", given(a->why) ? a->why : NULL);
		rs_json_str(&details, "will_do", given(a->will_do) ?
		    a->will_do : NULL);
		rs_json_str(&details, "can_do", given(a->can_do) ?
		    a->can_do : NULL);
		/* Ley 1755 art. 22: answered with an identical petition */
		rs_json_str(&details, "with", given(a->other) ? a->other :
		    NULL);
		if (new_assignee == NULL)
			new_assignee = a->actor;
	} else if (strcmp(a->verb, "close") == 0) {
		if (from == S_RESPONDIDA) {
			if (a->withdrawn) {
				rs_refuse(&why, "cannot close as withdrawn: "
				    "status is respondida");
				goto out;
			}
			close_as = "cerrada";
		} else if (a->withdrawn)
			close_as = "desistida";		/* art. 18 */
		else if (from == S_EN_ESPERA && last_hold_late(db, a->seq)) {
			/* held by a late requirement under the rule of a
			 * file older than schema 5 */
			rs_refuse(&why, "cannot close as withdrawn: the "
			    "requirement was made late, and a late one stops "
			    "no clock and starts no month (Ley 1755 art. 17); "
			    "resume the request");
			goto out;
		} else if (from == S_EN_ESPERA && old_limit &&
		    strcmp(today_s, old_limit) > 0)
			close_as = "desistida";		/* art. 17 */
		else if (from == S_EN_ESPERA && old_limit == NULL) {
			rs_refuse(&why, "cannot close: the requirement has not "
			    "been notified, and the month to answer it runs "
			    "from its notice (Ley 1755 art. 17)");
			goto out;
		} else if (from == S_EN_ESPERA) {
			rs_refuse(&why, "cannot close: the requester has until "
			    "%s to answer the requirement (Ley 1755 art. 17)",
			    old_limit);
			goto out;
		} else {
			rs_refuse(&why, "cannot close: status is %s (when the "
			    "requester withdraws it: --withdrawn)",
			    rs_statuses[from]);
			goto out;
		}
		rs_json_str(&details, "as", close_as);
		if (a->withdrawn)	/* art. 18: express */
			rs_buf_adds(&details, ",\"withdrawn\":true");
		rs_json_str(&details, "text", given(a->text) ? a->text : NULL);
	} else if (strcmp(a->verb, "reopen") == 0 ||
	    strcmp(a->verb, "void") == 0) {
		char *into;

		/* a merged request lives on in the one it joined */
		if (strcmp(a->verb, "reopen") == 0 &&
		    rs_merged_into(db, a->seq, &into) != 0) {
			rs_refuse(&why, "cannot reopen: it was merged into %s",
			    into);
			free(into);
			goto out;
		}
		if (!given(a->text)) {
			rs_refuse(&why, "%s: the reason is required (-m)",
			    a->verb);
			goto out;
		}
		rs_json_str(&details, "text", a->text);
	} else if (strcmp(a->verb, "note") == 0) {
		if (!given(a->text)) {
			rs_refuse(&why, "note: the text is required (-m)");
			goto out;
		}
		rs_json_str(&details, "text", a->text);
	} else if (strcmp(a->verb, "rate") == 0) {
		if (a->rating < 1 || a->rating > 5) {
			rs_refuse(&why, "rate: expected a rating from 1 to 5");
			goto out;
		}
		rs_buf_addf(&details, "%s\"rating\":%d",
		    details.len > 1 ? "," : "", a->rating);
		rs_json_str(&details, "text", given(a->text) ? a->text : NULL);
	} else if (strcmp(a->verb, "link") == 0 ||
	    strcmp(a->verb, "merge") == 0) {
		/* rs_link() checked the pair and writes the link */
		if (!given(a->other)) {
			rs_refuse(&why, "%s: name the other request", a->verb);
			goto out;
		}
		if (strcmp(a->verb, "link") == 0) {
			rs_json_str(&details, "with", a->other);
			rs_json_str(&details, "kind", a->link_kind);
		} else {
			rs_json_str(&details, "into", a->other);
			rs_json_str(&details, "as", "fusionada");
		}
		rs_json_str(&details, "text", given(a->text) ? a->text : NULL);
	}

	to = status_after(t, from, new_assignee != NULL, close_as, stops);
	a->status = rs_statuses[to];
	if (keep_due)
		set_due = old_due;

	st = rs_db_prepare(db, "UPDATE requests SET status = ?1, "
	    "assignee = ?2, due_on = ?3, "
	    "held_on = CASE WHEN ?4 = 'hold' AND ?13 THEN ?5 "
	    "  WHEN ?4 = 'resume' THEN NULL ELSE held_on END, "
	    "hold_limit = CASE WHEN ?4 = 'hold' AND ?13 THEN NULL "
	    "  WHEN ?4 = 'resume' THEN NULL WHEN ?4 = 'prolong' THEN ?6 "
	    "  ELSE hold_limit END, "
	    "extended_to = CASE ?4 WHEN 'extend' THEN ?3 ELSE extended_to END, "
	    "extended_days = CASE ?4 WHEN 'extend' THEN ?12 "
	    "  ELSE extended_days END, "
	    "forwarded_to = CASE ?4 WHEN 'forward' THEN ?7 "
	    "  ELSE forwarded_to END, "
	    "answered_at = CASE ?4 WHEN 'answer' THEN ?8 WHEN 'reopen' "
	    "  THEN NULL ELSE answered_at END, "
	    "outcome = CASE ?4 WHEN 'answer' THEN ?9 WHEN 'reopen' THEN NULL "
	    "  ELSE outcome END, "
	    "closed_at = CASE WHEN ?4 = 'reopen' THEN NULL "
	    "  WHEN ?1 IN ('cerrada', 'trasladada', 'desistida', 'anulada') "
	    "  AND closed_at IS NULL THEN ?8 ELSE closed_at END, "
	    "rating = CASE ?4 WHEN 'rate' THEN ?10 ELSE rating END "
	    "WHERE seq = ?11");
	rs_bind_text(st, 1, a->status);
	if (new_assignee)
		rs_bind_copy(st, 2, new_assignee);
	if (set_due)
		rs_bind_copy(st, 3, set_due);
	rs_bind_text(st, 4, a->verb);
	rs_bind_text(st, 5, today_s);
	if (a->authority)
		rs_bind_text(st, 7, a->authority);
	rs_bind_text(st, 8, at);
	if (a->outcome)
		rs_bind_text(st, 9, a->outcome);
	rs_bind_int(st, 10, a->rating);
	rs_bind_int64(st, 11, a->seq);
	rs_bind_int(st, 12, extended_days);
	rs_bind_int(st, 13, stops);
	if (strcmp(a->verb, "prolong") == 0)
		rs_bind_text(st, 6, prolonged);
	rs_db_step(db, st);
	rs_finalize(st);

	if (details.len == 1)
		rs_buf_reset(&details);
	else
		rs_buf_addc(&details, '}');
	rs_event_append(db, a->seq, at, a->actor, a->verb,
	    details.len ? rs_buf_str(&details) : NULL, set_due);
	free(holds);
	free(old_assignee);
	free(old_due);
	free(old_limit);
	return NULL;
out:
	free(holds);
	free(old_assignee);
	free(old_due);
	free(old_limit);
	return rs_buf_str(&why);
}

/* Diminutives the protocols forbid (M-A-SCD-01 6.1, Sopó 5.3). */
static const char *const diminutives[] = {
	"mamita", "papito", "reinita", "abuelita", "abuelito", "hijita",
	"hijito", "muñeca", "princesa", "mi amor", "mijo", "mija", NULL
};

/* Is the acronym spelled out anywhere: "(WORD)" or "WORD (" ? */
static int
explained(const char *text, const char *word)
{
	const char *p;
	size_t n = strlen(word);

	for (p = text; (p = strstr(p, word)) != NULL; p += n) {
		if (p > text && p[-1] == '(' && p[n] == ')')
			return 1;
		if (strncmp(p + n, " (", 2) == 0)
			return 1;
	}
	return 0;
}

/*
 * Protocol 5.1 and 5.2 on an answer before it goes out: no diminutives,
 * no bare "Sí."/"No.", acronyms explained, no text pasted into many
 * answers.  Each finding is a warning, or an error with --strict.
 */
int
rs_answer_check(struct rs_db *db, const char *id, const char *text,
    const char *prefix, int pending)
{
	const char *p, *q;
	char word[16], *lower;
	size_t i, n;
	int findings = 0;
	struct rs_stmt *st;

	lower = rs_strdup(text);
	for (i = 0; lower[i]; i++)
		if (lower[i] >= 'A' && lower[i] <= 'Z')
			lower[i] = (char)(lower[i] - 'A' + 'a');
	for (i = 0; diminutives[i]; i++)
		if (strstr(lower, diminutives[i])) {
			rs_warn("%s: the answer says \"%s\": no diminutives "
			    "(protocol 6.1)", id, diminutives[i]);
			findings++;
		}
	free(lower);
	for (p = text; *p == ' ' || *p == '\n'; p++)
		;
	for (q = p + strlen(p); q > p && (q[-1] == ' ' || q[-1] == '\n'); q--)
		;
	n = (size_t)(q - p);
	if ((n == 3 && strncmp(p, "No.", 3) == 0) || (n == 2 &&
	    strncmp(p, "No", 2) == 0) || (n == 4 && strncmp(p, "Sí.", 4) ==
	    0) || (n == 3 && strncmp(p, "Sí", 3) == 0)) {
		rs_warn("%s: a bare \"%.*s\" is no answer: explain it "
		    "(protocol 5.1)", id, (int)n, p);
		findings++;
	}
	/* an acronym (two to five capitals) must be spelled out somewhere
	 * in the answer: "Registro Único Tributario (RUT)" or "RUT
	 * (Registro …)"; radicados and words in capitals are not acronyms */
	for (p = text; *p; p++) {
		if (!(*p >= 'A' && *p <= 'Z') ||
		    (p > text && ((p[-1] >= 'A' && p[-1] <= 'Z') ||
		    (p[-1] >= 'a' && p[-1] <= 'z'))))
			continue;
		for (n = 0; p[n] >= 'A' && p[n] <= 'Z' && n < sizeof(word) - 1;
		    n++)
			word[n] = p[n];
		word[n] = '\0';
		if (n < 2 || n > 5 || (p[n] >= 'a' && p[n] <= 'z') ||
		    p[n] == '-' || strcmp(word, prefix) == 0) {
			p += n - 1;
			continue;
		}
		if (explained(text, word)) {
			p += n - 1;
			continue;
		}
		rs_warn("%s: \"%s\" is not explained: spell an acronym out "
		    "the first time (protocol 5.1)", id, word);
		findings++;
		p += n - 1;
	}
	/* protocol 5.2: personalised, not pasted; Ley 1755 art. 22's
	 * identical petitions share one answer, which counts once */
	st = rs_db_prepare(db, "SELECT count(DISTINCT request) FROM events "
	    "WHERE kind = 'answer' AND json_extract(details, '$.text') = ? "
	    "AND json_extract(details, '$.with') IS NULL");
	rs_bind_text(st, 1, text);
	if (rs_db_step(db, st) && rs_col_int(st, 0) + pending >= 3) {
		rs_warn("%s: the same answer text was given to %d requests: "
		    "personalise it (protocol 5.2)", id,
		    rs_col_int(st, 0) + pending);
		findings++;
	}
	rs_finalize(st);
	return findings;
}

char *
rs_next_id(struct rs_db *db, const char *team)
{
	struct rs_stmt *st;
	char *id = NULL;

	/* the same order as the queue, within the waiting ones' index */
	st = rs_db_prepare(db, "SELECT id FROM requests WHERE " RS_WAITING_SQL
	    " AND (CAST(?1 AS TEXT) IS NULL OR team = ?1)"
	    " ORDER BY " RS_ATTENTION_ORDER " LIMIT 1");
	if (team)
		rs_bind_text(st, 1, team);
	if (rs_db_step(db, st))
		id = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	return id;
}

/* ---- the audit (rs-admin check) ------------------------------------------ */

struct derived {
	int64_t		 seq;		/* the request's */
	char		*id;		/* its radicado, for the findings */
	signed char	 status;	/* -1: no intake seen */
	char		*assignee;
	char		*due;
	char		*hold_limit;	/* art. 17: set by a hold */
	int64_t		 last;		/* the last event's seq */
};

void
rs_finding(long *n, rs_report_fn *report, void *arg, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report(arg, msg);
	(*n)++;
}

static void
set_text(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? rs_strdup((const char *)src) : NULL;
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	return strcmp(a, (const char *)b) == 0;
}

/* A row's value against what its events say. */
static void
disagree(long *n, rs_report_fn *report, void *arg, const char *id,
    const char *column, const char *derived, const char *stored,
    const char *none, int64_t last)
{
	if (same_text(derived, stored))
		return;
	rs_finding(n, report, arg, "%s: %s is %s but its events say %s "
	    "(event %lld)", id, column, stored ? (const char *)stored : none,
	    derived ? derived : none, (long long)last);
}

/*
 * A step's claimed time against the record (claim_check): never before
 * the day the request was received, never after the time it was
 * written.  Events before schema 6 have no written time to hold it to.
 */
static void
dated_check(long *n, rs_report_fn *report, void *arg, const char *id,
    int64_t seq, const char *kind, const char *at,
    const char *written, const char *received)
{
	rs_time a, w, r;

	if (at == NULL || rs_parse_datetime((const char *)at, &a) == -1)
		return;
	if (received && rs_parse_datetime((const char *)received, &r) == 0 &&
	    rs_local_day(a, NULL) < rs_local_day(r, NULL))
		rs_finding(n, report, arg, "%s: event %lld (%s) claims %s, before "
		    "the request was received (%s)", id, (long long)seq, kind,
		    at, received);
	if (written && rs_parse_datetime((const char *)written, &w) == 0 &&
	    a > w)
		rs_finding(n, report, arg, "%s: event %lld (%s) claims %s, after "
		    "it was written (%s)", id, (long long)seq, kind, at,
		    written);
}

void
rs_dated_steps(struct rs_db *db, rs_time from, rs_time to, rs_dated_fn *fn,
    void *arg)
{
	struct rs_stmt *st;

	/* the written times carry their offset: compared as moments */
	st = rs_db_prepare(db, "SELECT r.id, e.kind, e.at, e.written_at, "
	    "e.actor, e.time_reason FROM events e JOIN requests r ON "
	    "r.seq = e.request WHERE e.time_reason IS NOT NULL AND "
	    "CAST(strftime('%s', e.written_at) AS INTEGER) > ?1 AND "
	    "CAST(strftime('%s', e.written_at) AS INTEGER) <= ?2 "
	    "ORDER BY e.seq");
	rs_bind_int64(st, 1, from);
	rs_bind_int64(st, 2, to);
	while (rs_db_step(db, st))
		fn(arg, rs_col_text(st, 0),
		    rs_col_text(st, 1),
		    rs_col_text(st, 2),
		    rs_col_text(st, 3),
		    rs_col_text(st, 4),
		    rs_col_text(st, 5));
	rs_finalize(st);
}

long
rs_audit_dated(struct rs_db *db, rs_report_fn *report, void *arg)
{
	struct rs_stmt *st;
	char line[1024];
	long n = 0;

	/* what cannot be read, rs_audit has reported: no more here */
	if ((st = rs_db_try_prepare(db, "SELECT coalesce(r.id, '(buzón)'), "
	    "e.seq, coalesce(e.kind, 'NULL'), coalesce(e.at, 'NULL'), "
	    "coalesce(e.written_at, 'NULL'), e.time_reason FROM events e "
	    "LEFT JOIN requests r ON r.seq = e.request "
	    "WHERE e.time_reason IS NOT NULL ORDER BY e.seq")) == NULL)
		return 0;
	while (rs_db_try_step(st) == 1) {
		snprintf(line, sizeof(line), "%s: event %lld (%s) claims %s, "
		    "written %s: %s", rs_col_text(st, 0),
		    (long long)rs_col_int64(st, 1),
		    rs_col_text(st, 2), rs_col_text(st, 3),
		    rs_col_text(st, 4), rs_col_text(st, 5));
		report(arg, line);
		n++;
	}
	rs_finalize(st);
	return n;
}

/* Each row of event_data against the hash its event holds. */
static long
data_audit(struct rs_db *db, rs_report_fn *report, void *arg)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	char sum[2 * SHA256_DIGEST_SIZE + 1];
	struct sha256_ctx sc;
	struct rs_stmt *st;
	const char *want;
	long n = 0;
	size_t i;

	st = rs_db_prepare(db, "SELECT d.event, d.data, "
	    "json_extract(e.details, '$.personal'), "
	    "coalesce(r.id, '(buzón)') FROM event_data d "
	    "LEFT JOIN events e ON e.seq = d.event "
	    "LEFT JOIN requests r ON r.seq = d.request ORDER BY d.event");
	while (rs_db_step(db, st)) {
		sha256_init(&sc);
		sha256_update(&sc, (size_t)rs_col_bytes(st, 1),
		    (const uint8_t *)rs_col_text(st, 1));
		sha256_digest(&sc, sizeof(digest), digest);
		for (i = 0; i < sizeof(digest); i++) {
			sum[2 * i] = hex[digest[i] >> 4];
			sum[2 * i + 1] = hex[digest[i] & 0xf];
		}
		sum[sizeof(sum) - 1] = '\0';
		want = rs_col_text(st, 2);
		if (want == NULL || strcmp(want, sum) != 0)
			rs_finding(&n, report, arg, "%s: event %lld: its "
			    "personal data is not what the chain holds the "
			    "hash of", rs_col_text(st, 3),
			    (long long)rs_col_int64(st, 0));
	}
	rs_finalize(st);
	return n;
}

/*
 * The audit reads a file that may have been changed behind rs, or
 * damaged: every value is untrusted.  A column may be NULL or of another
 * type, a number out of range, a code unknown, the JSON malformed, a
 * reference dangling, a page unreadable.  Each is a finding that names
 * the table, the row and the column and says what was expected; an
 * error reading a table is a finding too, and the audit goes on with
 * the next one.  Only a busy database or a lack of memory stops it.
 */
struct audit {
	struct rs_db	*db;
	rs_report_fn	*report;
	void		*arg;
	long		 problems;
	struct derived	*req;		/* by seq, ascending */
	size_t		 nreq;
	int		 unreadable;	/* tables that could not be read */
};

static void
audit_error(struct audit *au, const char *table)
{
	const char *msg;
	int busy, nomem;

	msg = rs_db_error(au->db, &busy, &nomem);
	if (busy)
		rs_db_die(au->db);
	/* a record whose damaged header claims gigabytes: SQLite says it
	 * is out of memory, but the fault is the file's */
	rs_finding(&au->problems, au->report, au->arg, "%s: cannot be "
	    "read: %s%s", table, msg, nomem ? " (a damaged record claims "
	    "more than can be allocated)" : "");
	au->unreadable++;
}

static struct rs_stmt *
audit_prepare(struct audit *au, const char *table, const char *sql)
{
	struct rs_stmt *st;

	if ((st = rs_db_try_prepare(au->db, sql)) != NULL)
		return st;
	audit_error(au, table);
	return NULL;
}

/* Whether a table can be read at all (a finding when not): the audits
 * of other modules read it with the statements of writers, which stop
 * at the first error. */
static int
audit_readable(struct audit *au, const char *table)
{
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	int ok;

	rs_buf_addf(&sql, "SELECT 1 FROM %s LIMIT 1", table);
	st = audit_prepare(au, table, rs_buf_str(&sql));
	rs_buf_free(&sql);
	if (st == NULL)
		return 0;
	if (!(ok = rs_db_try_step(st) >= 0))
		audit_error(au, table);
	rs_finalize(st);
	return ok;
}

/* 1 for a row, 0 at the end or on an error, which is a finding */
static int
audit_step(struct audit *au, struct rs_stmt *st, const char *table)
{
	if (st == NULL)
		return 0;
	switch (rs_db_try_step(st)) {
	case 1:
		return 1;
	case 0:
		return 0;
	default:
		audit_error(au, table);
		return 0;
	}
}

/* A value as a finding quotes it: NULL, a number, or text cut short. */
static const char *
audit_value(struct rs_stmt *st, int i, int type, char buf[64])
{
	const char *p;

	switch (type) {
	case RS_NULL:
		return "NULL";
	case RS_BLOB:
		snprintf(buf, 64, "a blob of %d bytes",
		    rs_col_bytes(st, i));
		return buf;
	case RS_INTEGER:
	case RS_FLOAT:
		snprintf(buf, 64, "%s", rs_col_text(st, i));
		return buf;
	}
	p = rs_col_text(st, i);
	snprintf(buf, 64, "\"%.40s%s\"", p ? (const char *)p : "",
	    p && strlen((const char *)p) > 40 ? "…" : "");
	return buf;
}

static int
derived_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = ((const struct derived *)b)->seq;

	return x < y ? -1 : x > y;
}

static struct derived *
derived_find(struct audit *au, int64_t seq)
{
	if (au->nreq == 0)
		return NULL;
	return bsearch(&seq, au->req, au->nreq, sizeof(*au->req),
	    derived_cmp);
}

/* whether kind is one rs writes: the kinds of the label table */
static int
event_kind_known(const char *kind)
{
	size_t i;

	for (i = 0; labels[i].kind; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return 1;
	return 0;
}

static const char *
event_kinds(void)
{
	static struct rs_buf b;
	size_t i;

	if (b.len == 0)
		for (i = 0; labels[i].kind; i++)
			rs_buf_addf(&b, "%s%s", i ? ", " : "", labels[i].kind);
	return rs_buf_str(&b);
}

/* The requests, by seq: the radicado each finding names. */
static void
audit_requests_load(struct audit *au)
{
	struct rs_stmt *st;
	struct derived *d;
	size_t cap = 0;
	char v[64];

	st = audit_prepare(au, "requests", "SELECT seq, id FROM requests "
	    "ORDER BY seq");
	while (audit_step(au, st, "requests")) {
		if (au->nreq == cap) {
			cap = cap ? 2 * cap : 64;
			au->req = rs_realloc(au->req, cap * sizeof(*au->req));
		}
		d = &au->req[au->nreq++];
		memset(d, 0, sizeof(*d));
		d->seq = rs_col_int64(st, 0);
		d->status = -1;
		if (rs_col_type(st, 1) == RS_TEXT)
			d->id = rs_strdup(rs_col_text(st, 1));
		else {
			snprintf(v, sizeof(v), "request %lld",
			    (long long)d->seq);
			d->id = rs_strdup(v);
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "requests.id: expected a radicado; got %s", d->id,
			    audit_value(st, 1, rs_col_type(st, 1), v));
		}
		if (d->seq < 1)
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "requests.seq: expected a number from 1 on; got "
			    "%lld", d->id, (long long)d->seq);
	}
	rs_finalize(st);
}

/* 2. the chain, event by event, and 3. each request's replay */
static long
audit_events(struct audit *au, uint8_t prev[SHA256_DIGEST_SIZE])
{
	const struct transition *t;
	struct derived *d;
	struct rs_stmt *st;
	uint8_t want[SHA256_DIGEST_SIZE];
	const char *kind, *id;
	char idbuf[48], v[64];
	int64_t seq, r, last = 0;
	long n = 0;
	int from, json, known, treq, tkind, tdetails, tat;

	memset(prev, 0, SHA256_DIGEST_SIZE);
	/* the details are read as JSON only where they are JSON */
	st = audit_prepare(au, "events", "SELECT e.seq, e.request, r.id, "
	    "e.at, e.actor, e.kind, e.details, e.due_on, e.prev_hash, "
	    "e.hash, "
	    "CASE WHEN j = 1 THEN json_extract(e.details, '$.to') END, "
	    "CASE WHEN j = 1 THEN json_extract(e.details, '$.as') END, "
	    "CASE WHEN j = 1 THEN json_extract(e.details, '$.hold_limit') "
	    "END, "
	    /* text on PostgreSQL, read as a number: the default is too */
	    "CASE WHEN j = 1 THEN coalesce(json_extract(e.details, "
	    "'$.stops'), '1') ELSE '1' END, "
	    /* nested, not AND: PostgreSQL may evaluate either side first */
	    "CASE WHEN j = 1 THEN CASE WHEN json_type(e.details, "
	    "'$.hold_limit') IS NOT NULL THEN 1 ELSE 0 END ELSE 0 END, "
	    "e.written_at, e.time_reason, r.received_at, "
	    "e.details IS NULL OR j = 1, typeof(e.request) = 'integer' "
	    "FROM (SELECT *, json_valid(details) AS j FROM events) e "
	    "LEFT JOIN requests r ON r.seq = e.request ORDER BY e.seq");
	while (audit_step(au, st, "events")) {
		/* the types first: reading a value as text converts it */
		treq = rs_col_type(st, 1);
		tkind = rs_col_type(st, 5);
		tdetails = rs_col_type(st, 6);
		tat = rs_col_type(st, 3);
		seq = rs_col_int64(st, 0);
		r = rs_col_int64(st, 1);
		id = rs_col_text(st, 2);
		kind = rs_col_text(st, 5);
		json = rs_col_int(st, 18);
		n++;
		/* request 0: the office's own record (the review list of
		 * the mailbox), chained like every event, replayed by none */
		if (!rs_col_int(st, 19)) {
			rs_finding(&au->problems, au->report, au->arg, "event "
			    "%lld: events.request: expected a request "
			    "number; got %s", (long long)seq,
			    audit_value(st, 1, treq, v));
			id = "?";
		} else if (id == NULL && r == RS_OFFICE)
			id = "(buzón)";
		else if (id == NULL && au->unreadable) {
			id = "?";	/* the requests could not be read */
		} else if (id == NULL) {
			rs_finding(&au->problems, au->report, au->arg, "event "
			    "%lld: its request %lld does not exist",
			    (long long)seq, (long long)r);
			id = "?";
		}
		snprintf(idbuf, sizeof(idbuf), "%s", id);
		id = idbuf;
		known = kind != NULL && tkind == RS_TEXT &&
		    event_kind_known(kind);
		if (!known)
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "event %lld: events.kind: expected one of %s; got "
			    "%s", id, (long long)seq, event_kinds(),
			    audit_value(st, 5, tkind, v));
		if (tat != RS_TEXT)
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "event %lld: events.at: expected a date and time; "
			    "got %s", id, (long long)seq,
			    audit_value(st, 3, tat, v));
		if (!json)
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "event %lld: events.details: expected JSON; got "
			    "%s", id, (long long)seq,
			    audit_value(st, 6, tdetails, v));
		if (rs_col_bytes(st, 8) != SHA256_DIGEST_SIZE ||
		    memcmp(rs_col_blob(st, 8), prev,
		    SHA256_DIGEST_SIZE)) {
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "event %lld does not follow event %lld: an event "
			    "between them is missing or was changed", id,
			    (long long)seq, (long long)last);
			if (rs_col_bytes(st, 8) == SHA256_DIGEST_SIZE)
				memcpy(prev, rs_col_blob(st, 8),
				    SHA256_DIGEST_SIZE);
		}
		event_hash(prev, r, rs_col_text(st, 3),
		    rs_col_text(st, 4), kind,
		    rs_col_text(st, 6),
		    rs_col_text(st, 7),
		    rs_col_text(st, 15),
		    rs_col_text(st, 16), want);
		if (rs_col_bytes(st, 9) != SHA256_DIGEST_SIZE ||
		    memcmp(rs_col_blob(st, 9), want, sizeof(want)))
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "event %lld (%s) was changed after it was written: "
			    "its hash does not match", id, (long long)seq,
			    kind ? kind : "NULL");
		if (rs_col_bytes(st, 9) == SHA256_DIGEST_SIZE)
			memcpy(prev, rs_col_blob(st, 9),
			    SHA256_DIGEST_SIZE);
		last = seq;
		if (!known || !rs_col_int(st, 19) ||
		    r == RS_OFFICE || (d = derived_find(au, r)) == NULL)
			continue;

		/* the replay: the same table rs_apply follows */
		from = d->status;
		d->last = seq;
		if (strcmp(kind, "intake") == 0) {
			d->status = S_RADICADA;
		} else if (from < 0) {
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "event %lld (%s) comes before its intake", id,
			    (long long)seq, kind);
			continue;
		} else if ((t = transition(kind)) != NULL) {
			dated_check(&au->problems, au->report, au->arg, id,
			    seq, kind, rs_col_text(st, 3),
			    rs_col_text(st, 15),
			    rs_col_text(st, 17));
			if (!(t->from & B(from)))
				rs_finding(&au->problems, au->report, au->arg,
				    "%s: event %lld (%s) is not allowed from "
				    "%s", id, (long long)seq, kind,
				    rs_statuses[from]);
			if (strcmp(kind, "take") == 0 ||
			    (strcmp(kind, "answer") == 0 &&
			    d->assignee == NULL))
				set_text(&d->assignee,
				    rs_col_text(st, 4));
			else if (strcmp(kind, "assign") == 0)
				set_text(&d->assignee,
				    rs_col_text(st, 10));
			else if (strcmp(kind, "release") == 0)
				set_text(&d->assignee, NULL);
			d->status = (signed char)status_after(t, from,
			    d->assignee != NULL,
			    rs_col_text(st, 11),
			    rs_col_int(st, 13));
		}
		/* every event records the due date after it */
		set_text(&d->due, rs_col_text(st, 7));
		/* the month limit: none at a hold (set by its notice in
		 * older files), set by the notice, moved by a reschedule,
		 * cleared by a returned notice and by the resume */
		if (strcmp(kind, "hold") == 0 || rs_col_int(st, 14))
			set_text(&d->hold_limit, rs_col_text(st, 12));
		else if (strcmp(kind, "resume") == 0)
			set_text(&d->hold_limit, NULL);
	}
	rs_finalize(st);
	return n;
}

/* the head recorded at each commit: a chain cut short shows here */
static void
audit_head(struct audit *au, long n, const uint8_t prev[SHA256_DIGEST_SIZE])
{
	struct rs_stmt *st;

	st = audit_prepare(au, "chain", "SELECT events, head FROM chain "
	    "WHERE id = 1");
	if (audit_step(au, st, "chain")) {
		if (rs_col_int64(st, 0) != n)
			rs_finding(&au->problems, au->report, au->arg, "the "
			    "chain has %ld events but its head records %lld: "
			    "events were removed or added behind rs", n,
			    (long long)rs_col_int64(st, 0));
		else if (rs_col_bytes(st, 1) != SHA256_DIGEST_SIZE ||
		    memcmp(rs_col_blob(st, 1), prev,
		    SHA256_DIGEST_SIZE))
			rs_finding(&au->problems, au->report, au->arg, "the "
			    "chain's last hash is not the head recorded at the "
			    "last commit: events were rewritten behind rs");
	} else if (st != NULL && n > 0)
		rs_finding(&au->problems, au->report, au->arg, "the chain's "
		    "head is missing");
	rs_finalize(st);
}

/* the rows must agree with what their events say */
static void
audit_rows(struct audit *au)
{
	struct derived *d;
	struct rs_stmt *st;
	const char *stored;
	char v[64];
	int type;

	st = audit_prepare(au, "requests", "SELECT seq, status, assignee, "
	    "due_on, hold_limit FROM requests ORDER BY seq");
	while (audit_step(au, st, "requests")) {
		if ((d = derived_find(au, rs_col_int64(st, 0))) ==
		    NULL)
			continue;	/* changed since it was loaded: no */
		/* the type first: reading it as text converts it */
		type = rs_col_type(st, 1);
		stored = rs_col_text(st, 1);
		if (type != RS_TEXT || rs_status_index(stored) < 0) {
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "requests.status: expected one of %s; got %s",
			    d->id, rs_list_join(rs_statuses),
			    audit_value(st, 1, type, v));
			continue;
		}
		if (d->status < 0) {
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "has no intake event", d->id);
			continue;
		}
		if (strcmp(rs_statuses[d->status], stored))
			rs_finding(&au->problems, au->report, au->arg, "%s: "
			    "status is %s but its events say %s (event %lld)",
			    d->id, stored, rs_statuses[d->status],
			    (long long)d->last);
		disagree(&au->problems, au->report, au->arg, d->id, "due_on",
		    d->due, rs_col_text(st, 3), "empty", d->last);
		disagree(&au->problems, au->report, au->arg, d->id,
		    "hold_limit", d->hold_limit, rs_col_text(st, 4),
		    "empty", d->last);
		disagree(&au->problems, au->report, au->arg, d->id,
		    "assignee", d->assignee, rs_col_text(st, 2),
		    "nobody", d->last);
	}
	rs_finalize(st);
}

/* integrity_check's lines, each a finding, without the heading of the
 * main database */
static void
integrity_finding(struct audit *au, const char *msg)
{
	const char *nl;

	if (strncmp(msg, "*** in database main ***\n", 25) == 0)
		msg += 25;
	for (; *msg; msg = *nl ? nl + 1 : nl) {
		if ((nl = strchr(msg, '\n')) == NULL)
			nl = msg + strlen(msg);
		if (nl > msg)
			rs_finding(&au->problems, au->report, au->arg,
			    "integrity: %.*s", (int)(nl - msg), msg);
	}
}

long
rs_audit(struct rs_db *db, rs_report_fn *report, void *arg, long *nrequests,
    long *nevents)
{
	struct audit au = { .db = db, .report = report, .arg = arg };
	struct rs_stmt *st;
	uint8_t prev[SHA256_DIGEST_SIZE];
	const char *msg;
	size_t i;
	long n;

	/* 1. SQLite's own check of the file, a finding a line; a server
	 * checks its own pages (data checksums), and no client reads them */
	if (!rs_db_is_pg(db)) {
		st = audit_prepare(&au, "file", "PRAGMA integrity_check");
		while (audit_step(&au, st, "file"))
			if ((msg = rs_col_text(st, 0)) != NULL &&
			    strcmp(msg, "ok") != 0)
				integrity_finding(&au, msg);
		rs_finalize(st);
		au.unreadable = 0;	/* the tables may still be read */
	}

	audit_requests_load(&au);
	*nrequests = (long)au.nreq;
	n = audit_events(&au, prev);
	*nevents = n;
	/* what follows compares with the events: not when some could not
	 * be read, where it would only repeat that */
	if (au.unreadable == 0) {
		audit_head(&au, n, prev);
		/* every document's bytes are still the ones its event
		 * names */
		au.problems += rs_documents_audit(db, report, arg);
		/* the corrected columns are the last values their events
		 * gave, read with their personal data beside the chain,
		 * which must be what the chain hashed */
		if (audit_readable(&au, "event_data")) {
			au.problems += rs_correct_audit(db, report, arg);
			au.problems += data_audit(db, report, arg);
		}
		/* the web page's codes are hashes of codes of real
		 * requests */
		if (audit_readable(&au, "access_codes"))
			au.problems += rs_codes_audit(db, report, arg);
		audit_rows(&au);
	}
	for (i = 0; i < au.nreq; i++) {
		free(au.req[i].id);
		free(au.req[i].assignee);
		free(au.req[i].due);
		free(au.req[i].hold_limit);
	}
	free(au.req);
	return au.problems;
}

/* ---- the chain's anchors ------------------------------------------------- */

/*
 * The chain proves only that no event was changed since the head it
 * ends in: whoever can write the file can rewrite an event and recompute
 * every hash after it.  An anchor, an event's number and hash published
 * where the file's writers cannot reach (the coordinator's mailbox, a
 * log on another host), pins the history up to that event: check finds
 * the chain through it or says that it was rewritten.
 */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
rs_anchor_parse(const char *s, struct rs_anchor *a)
{
	int64_t seq = 0;
	size_t i;
	int hi, lo;

	if (*s < '1' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (seq > (INT64_MAX - 9) / 10)
			return -1;
		seq = seq * 10 + (*s - '0');
	}
	if (*s++ != ':')
		return -1;
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		if ((hi = hexval(s[2 * i])) < 0 ||
		    (lo = hexval(s[2 * i + 1])) < 0)
			return -1;
		a->hash[i] = (uint8_t)(hi << 4 | lo);
	}
	if (s[2 * SHA256_DIGEST_SIZE] != '\0')
		return -1;
	a->seq = seq;
	return 0;
}

static void
anchor_format(int64_t seq, const uint8_t *hash, char buf[RS_ANCHOR_LEN])
{
	size_t i, n;

	n = (size_t)snprintf(buf, RS_ANCHOR_LEN, "%lld:", (long long)seq);
	for (i = 0; i < SHA256_DIGEST_SIZE && n + 2 < RS_ANCHOR_LEN; i++)
		n += (size_t)snprintf(buf + n, RS_ANCHOR_LEN - n, "%02x",
		    hash[i]);
}

int64_t
rs_chain_head(struct rs_db *db, char buf[RS_ANCHOR_LEN])
{
	struct rs_stmt *st;
	int64_t seq = 0;

	if (buf != NULL)
		*buf = '\0';
	st = rs_db_prepare(db, "SELECT seq, hash FROM events ORDER BY seq "
	    "DESC LIMIT 1");
	if (rs_db_step(db, st) &&
	    rs_col_bytes(st, 1) == SHA256_DIGEST_SIZE) {
		seq = rs_col_int64(st, 0);
		if (buf != NULL)
			anchor_format(seq, rs_col_blob(st, 1), buf);
	}
	rs_finalize(st);
	return seq;
}

long
rs_audit_anchors(struct rs_db *db, const struct rs_anchor *anchors, size_t n,
    rs_report_fn *report, void *arg)
{
	struct audit au = { .db = db, .report = report, .arg = arg };
	struct rs_stmt *st;
	char want[RS_ANCHOR_LEN], got[RS_ANCHOR_LEN];
	size_t i;

	st = audit_prepare(&au, "events", "SELECT hash FROM events WHERE "
	    "seq = ?");
	for (i = 0; st != NULL && i < n; i++) {
		anchor_format(anchors[i].seq, anchors[i].hash, want);
		rs_reset(st);
		rs_bind_int64(st, 1, anchors[i].seq);
		if (!audit_step(&au, st, "events"))
			rs_finding(&au.problems, report, arg, "anchor %s: "
			    "event %lld is missing: events were removed or "
			    "rewritten since the anchor was taken", want,
			    (long long)anchors[i].seq);
		else if (rs_col_bytes(st, 0) != SHA256_DIGEST_SIZE ||
		    memcmp(rs_col_blob(st, 0), anchors[i].hash,
		    SHA256_DIGEST_SIZE)) {
			if (rs_col_bytes(st, 0) == SHA256_DIGEST_SIZE)
				anchor_format(anchors[i].seq,
				    rs_col_blob(st, 0), got);
			else
				snprintf(got, sizeof(got), "0:none");
			rs_finding(&au.problems, report, arg, "anchor %s: "
			    "the chain does not pass through it: event %lld "
			    "has hash %s: the history was rewritten since the "
			    "anchor was taken", want,
			    (long long)anchors[i].seq, strchr(got, ':') + 1);
		}
	}
	rs_finalize(st);
	return au.problems;
}
