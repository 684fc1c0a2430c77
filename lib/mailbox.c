/*
 * mailbox.c - record layer: the mailbox as a conversation.
 *
 * rs-intake -m sorts each message before anything is registered, in
 * this order: a delivery report, an automatic reply, a reply on a
 * request, else a new request; what cannot be sorted safely waits in
 * the review list (the inbox) for an operator.  Every message is kept
 * as a document (documents.c).
 *
 * Nothing here parses MIME: the message comes parsed (mail.c), so the
 * commands that only decide on the review list need no GMime.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "rs.h"

/* A message's documents: the message itself first, then each one. */
static struct rs_doc *
message_docs(struct rs_db *db, const struct rs_mail_in *m, const char *name,
    size_t *n)
{
	const struct rs_mail_in *f = m->forwarded;
	struct rs_doc *d;
	size_t i, k;

	/* and what a forwarded message carried, after it */
	k = f != NULL ? f->ndocs : 0;
	d = rs_calloc(m->ndocs + k + 1, sizeof(*d));
	d[0].name = name;
	d[0].type = "message/rfc822";
	d[0].size = m->raw_len;
	d[0].role = "message";
	rs_blob_put(db, m->raw, m->raw_len, d[0].hash);
	for (i = 0; i < m->ndocs; i++) {
		d[i + 1].name = m->docs[i].name;
		d[i + 1].type = m->docs[i].type;
		d[i + 1].size = m->docs[i].len;
		d[i + 1].role = "attachment";
		rs_blob_put(db, m->docs[i].data, m->docs[i].len,
		    d[i + 1].hash);
	}
	for (i = 0; i < k; i++) {
		struct rs_doc *e = &d[m->ndocs + 1 + i];

		e->name = f->docs[i].name;
		e->type = f->docs[i].type;
		e->size = f->docs[i].len;
		e->role = "attachment";
		rs_blob_put(db, f->docs[i].data, f->docs[i].len, e->hash);
	}
	*n = m->ndocs + k + 1;
	return d;
}

/* ---- a message made a request's fields ------------------------------------ */

/* The domain of an address, or "". */
static const char *
domain_of(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;

	return at ? at + 1 : "";
}

void
rs_letter_from_mail(const struct rs_mail_in *m, const char *office_domain,
    struct rs_letter *l)
{
	const struct rs_mail_in *who = m;
	struct rs_buf desc = { 0 };
	const char *name, *addr;
	char *local;

	memset(l, 0, sizeof(*l));
	/* a message forwarded by the office's own staff is the citizen's:
	 * registered with the original sender, the forwarder on record */
	if (m->forwarded != NULL && *office_domain &&
	    strcasecmp(domain_of(m->from_addr), office_domain) == 0) {
		who = m->forwarded;
		l->forwarded_by = rs_strdup(m->from_addr);
	}
	/* a portal's gateway writes From: noreply@…, Reply-To: the person */
	if (who->reply_to_addr != NULL &&
	    strcasecmp(who->reply_to_addr, who->from_addr) != 0) {
		addr = who->reply_to_addr;
		name = *who->reply_to_name ? who->reply_to_name : NULL;
		l->sent_by = rs_strdup(who->from_addr);
	} else {
		addr = who->from_addr;
		name = *who->from_name ? who->from_name : NULL;
	}
	if (name)
		l->name = rs_clip(name, 200, "…");
	else {
		local = rs_strdup(addr);
		*strchr(local, '@') = '\0';
		l->name = local;
	}
	l->email = rs_strdup(addr);
	l->subject = rs_clip(*who->subject ? who->subject : "(sin asunto)",
	    300, "…");
	rs_buf_adds(&desc, who->body ? who->body : "");
	if (who->attachments)
		rs_buf_addf(&desc, "%sAdjuntos: %s", desc.len ? "\n\n" : "",
		    who->attachments);
	l->description = rs_clip(rs_buf_str(&desc), RS_CSV_FIELD_MAX,
	    "\n[…texto recortado: el mensaje completo está entre los "
	    "documentos]");
	rs_buf_free(&desc);
	/* the office's copy is what counts: the outer Message-ID */
	l->message_id = m->message_id ? rs_strdup(m->message_id) : NULL;
	l->received = who->received;
	l->has_time = who->has_time;
	l->time_header = who->time_header;
	/* forwarded: the office received it when its official did */
	if (who != m && (!who->has_time ||
	    (m->has_time && who->received > m->received))) {
		l->received = m->received;
		l->has_time = m->has_time;
		l->time_header = m->time_header;
	}
}

void
rs_letter_free(struct rs_letter *l)
{
	free(l->name);
	free(l->email);
	free(l->subject);
	free(l->description);
	free(l->message_id);
	free(l->forwarded_by);
	free(l->sent_by);
	memset(l, 0, sizeof(*l));
}

void
rs_letter_fields(const struct rs_letter *l, rs_time now, char *v[F_NFIELDS],
    char received[RS_DATETIME_LEN])
{
	v[F_CHANNEL] = "correo";
	v[F_NAME] = l->name;
	v[F_EMAIL] = l->email;
	v[F_SUBJECT] = l->subject;
	v[F_DESCRIPTION] = l->description;
	v[F_EXTERNAL_REF] = l->message_id;
	/* a sender's clock ahead of ours is no reason to bounce the mail */
	if (l->has_time && l->received <= now) {
		rs_format_datetime(l->received, received);
		v[F_RECEIVED_AT] = received;
	}
}

/* ---- sorting ------------------------------------------------------------- */

const char *const rs_mail_decisions[] = {
	"bounce", "receipt", "autoreply", "reply", "new", "inbox", NULL
};

static const struct rs_column mail_columns[] = {
	{ "decision", "Clasificación", 0 },
	{ "concerns", "Solicitud", 0 },
	{ "detail", "Detalle", RS_WIDE },
};

const struct rs_column *
rs_mail_columns(size_t *n)
{
	*n = sizeof(mail_columns) / sizeof(mail_columns[0]);
	return mail_columns;
}

static int
is_daemon(const char *addr)
{
	static const char *const daemons[] = {
		"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon",
		NULL
	};
	const char *at = strchr(addr, '@');
	size_t i, n = at ? (size_t)(at - addr) : strlen(addr);

	for (i = 0; daemons[i]; i++)
		if (n == strlen(daemons[i]) &&
		    strncasecmp(addr, daemons[i], n) == 0)
			return 1;
	return 0;
}

/* Contains, ignoring ASCII case. */
static int
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; s && *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

/* The subject lines of vacation programs that mark nothing else. */
static int
automatic_subject(const char *subject)
{
	/* only what no person would start a petition with: "Vacaciones
	 * no pagadas" or "Ausencia de respuesta" are petitions */
	static const char *const starts[] = {
		"respuesta automática:", "respuesta automatica:",
		"automatic reply:", "autoreply:", "auto-reply:",
		"out of office:", "out of the office:", "fuera de la oficina:",
		"fuera de oficina:", NULL
	};
	size_t i;

	char lower[64];
	size_t k;

	/* ASCII and the Latin-1 capitals (U+00C0-U+00DE) made small, so
	 * that "RESPUESTA AUTOMÁTICA:" is one too */
	for (k = 0; subject[k] && k < sizeof(lower) - 1; k++) {
		unsigned char c = (unsigned char)subject[k];

		lower[k] = (char)tolower(c);
		if (k > 0 && (unsigned char)subject[k - 1] == 0xc3 &&
		    c >= 0x80 && c <= 0x9e && c != 0x97)
			lower[k] = (char)(c + 0x20);
	}
	lower[k] = '\0';
	for (i = 0; starts[i]; i++)
		if (strncmp(lower, starts[i], strlen(starts[i])) == 0)
			return 1;
	return 0;
}

/* A bounce's subject in the usual shapes, for a null sender. */
static int
bounce_subject(const char *subject)
{
	static const char *const words[] = {
		"undeliver", "delivery status notification", "returned mail",
		"mail delivery failed", "delivery failure", "failure notice",
		"no se puede entregar", "no entregado", "non remis",
		"unzustellbar", NULL
	};
	size_t i;

	for (i = 0; words[i]; i++)
		if (has_word(subject, words[i]))
			return 1;
	return 0;
}

/* A radicado in text: PREFIX-YYYY-NNNNNN; the first found, in id. */
int
rs_radicado_in(const char *text, const char *prefix, char id[32])
{
	size_t n = strlen(prefix), i;
	const char *p;

	if (n == 0 || n > 10)
		return 0;
	for (p = text; p && *p; p++) {
		if (strncasecmp(p, prefix, n) != 0 || p[n] != '-')
			continue;
		if (p > text && (isalnum((unsigned char)p[-1])))
			continue;
		for (i = 1; i <= 4 && isdigit((unsigned char)p[n + i]); i++)
			;
		if (i != 5 || p[n + 5] != '-')
			continue;
		/* six digits, more once a year passes 999999 */
		for (i = 1; i <= 10 && isdigit((unsigned char)p[n + 5 + i]);
		    i++)
			;
		if (i < 7 || i > 10)
			continue;
		memcpy(id, prefix, n);
		memcpy(id + n, p + n, 5 + i);
		id[n + 5 + i] = '\0';
		return 1;
	}
	return 0;
}

struct target {
	int64_t	 seq;
	char	 id[32];
	char	*status;
	char	*email;
	char	*notice_kind;	/* the notice it answers, when known */
	int64_t	 notice;
	const char *how;	/* "message-id", "envelope", "subject" */
};

static void
target_free(struct target *t)
{
	free(t->status);
	free(t->email);
	free(t->notice_kind);
	memset(t, 0, sizeof(*t));
}

static int
target_by_seq(struct rs_db *db, int64_t seq, struct target *t)
{
	struct rs_stmt *st;
	int found;

	st = rs_db_prepare(db, "SELECT id, status, email FROM requests "
	    "WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if ((found = rs_db_step(db, st))) {
		t->seq = seq;
		snprintf(t->id, sizeof(t->id), "%s",
		    rs_col_text(st, 0));
		t->status = rs_strdup(rs_col_text(st, 1));
		t->email = rs_col_text(st, 2) ? rs_strdup(rs_col_text(st, 2)) : NULL;
	}
	rs_finalize(st);
	return found;
}

static int
target_by_id(struct rs_db *db, const char *id, struct target *t)
{
	struct rs_stmt *st;
	int64_t seq = 0;

	st = rs_db_prepare(db, "SELECT seq FROM requests WHERE id = ?");
	rs_bind_text(st, 1, id);
	if (rs_db_step(db, st))
		seq = rs_col_int64(st, 0);
	rs_finalize(st);
	return seq > 0 && target_by_seq(db, seq, t);
}

/* A notice by the Message-ID it went out with: the last one sent. */
static int
target_by_notice(struct rs_db *db, const char *msgid, struct target *t)
{
	struct rs_stmt *st;
	int64_t seq = 0, notice = 0;
	char *kind = NULL;

	st = rs_db_prepare(db, "SELECT request, seq, kind FROM notices "
	    "WHERE message_id = ? ORDER BY seq DESC LIMIT 1");
	rs_bind_text(st, 1, msgid);
	if (rs_db_step(db, st)) {
		seq = rs_col_int64(st, 0);
		notice = rs_col_int64(st, 1);
		kind = rs_strdup(rs_col_text(st, 2));
	}
	rs_finalize(st);
	if (seq > 0 && target_by_seq(db, seq, t)) {
		t->notice = notice;
		t->notice_kind = kind;
		t->how = "message-id";
		return 1;
	}
	free(kind);
	return 0;
}

/* A thread: a notice rs sent, the request's own first message, or a
 * message already taken for a request. */
static int
target_by_thread(struct rs_db *db, const char *msgid, struct target *t)
{
	struct rs_stmt *st;
	int64_t seq = 0;

	if (target_by_notice(db, msgid, t))
		return 1;
	st = rs_db_prepare(db, "SELECT seq FROM requests WHERE "
	    "external_ref = ?1 UNION ALL SELECT request FROM mail_seen "
	    "WHERE message_id = ?1 AND request IS NOT NULL LIMIT 1");
	rs_bind_text(st, 1, msgid);
	if (rs_db_step(db, st))
		seq = rs_col_int64(st, 0);
	rs_finalize(st);
	if (seq > 0 && target_by_seq(db, seq, t)) {
		t->how = "message-id";
		return 1;
	}
	return 0;
}

/* The per-notice return address, local+KIND.RADICADO@domain. */
static int
target_by_envelope(struct rs_db *db, const char *rcpts, struct target *t)
{
	struct rs_stmt *st;
	const char *p, *end;
	char *addr;
	int64_t notice = 0, seq = 0;
	char *kind = NULL;

	for (p = rcpts; p && *p; p = *end ? end + 1 : end) {
		end = strchr(p, ' ');
		if (end == NULL)
			end = p + strlen(p);
		addr = rs_strndup(p, (size_t)(end - p));
		if (strchr(addr, '+') != NULL) {
			/* COLLATE NOCASE is SQLite's alone; an envelope
			 * address is ASCII, which lower() folds alike on
			 * both */
			st = rs_db_prepare(db, "SELECT request, seq, kind "
			    "FROM notices WHERE lower(envelope) = lower(?) "
			    "ORDER BY seq DESC LIMIT 1");
			rs_bind_text(st, 1, addr);
			if (rs_db_step(db, st)) {
				seq = rs_col_int64(st, 0);
				notice = rs_col_int64(st, 1);
				kind = rs_strdup(rs_col_text(st, 2));
			}
			rs_finalize(st);
		}
		free(addr);
		if (seq > 0)
			break;
	}
	if (seq > 0 && target_by_seq(db, seq, t)) {
		t->notice = notice;
		t->notice_kind = kind;
		t->how = "envelope";
		return 1;
	}
	free(kind);
	return 0;
}

static int
target_for_reply(struct rs_db *db, const struct rs_mail_in *m,
    const char *prefix, struct target *t)
{
	char id[32];
	size_t i;

	for (i = 0; i < m->nrefs; i++)
		if (target_by_thread(db, m->refs[i], t))
			return 1;
	if (rs_radicado_in(m->subject, prefix, id) && target_by_id(db, id, t)) {
		t->how = "subject";
		return 1;
	}
	return 0;
}

/* Did a notice of kind go to request seq? */
static int
notice_sent(struct rs_db *db, int64_t seq, const char *kind)
{
	struct rs_stmt *st;
	int found;

	st = rs_db_prepare(db, "SELECT 1 FROM notices WHERE request = ? AND "
	    "kind = ?");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, kind);
	found = rs_db_step(db, st);
	rs_finalize(st);
	return found;
}

static int
is_open(const char *status)
{
	size_t i;

	for (i = 0; rs_open_statuses[i]; i++)
		if (strcmp(rs_open_statuses[i], status) == 0)
			return 1;
	return 0;
}

/*
 * An answer to the encuesta: the first line the person wrote (quoted
 * lines and the quote's header left out) is a rating 1-5, alone or
 * with a few words ("5", "5 excelente", "Calificación: 4").
 */
int
rs_rating_in(const char *body, int alone)
{
	const char *p, *nl, *q, *end;
	size_t n;
	int r;

	for (p = body; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		end = p + n;
		for (q = p; q < end && isspace((unsigned char)*q); q++)
			;
		if (q == end || *q == '>')
			continue;	/* blank, or quoted: not theirs */
		if (end - q >= 14 && strncasecmp(q, "calificación:", 14) == 0)
			q += 14;
		else if (end - q >= 13 &&
		    strncasecmp(q, "calificacion:", 13) == 0)
			q += 13;
		while (q < end && isspace((unsigned char)*q))
			q++;
		if (q == end || *q < '1' || *q > '5')
			return 0;
		r = *q++ - '0';
		/* "4 de 5" and "4/5" are ratings; "2 de 10", "5/10", "45",
		 * "4.5" are not */
		if (end - q >= 2 && q[0] == '/' && q[1] == '5')
			q += 2;
		else if (end - q >= 5 && strncmp(q, " de 5", 5) == 0)
			q += 5;
		if (q < end && (isdigit((unsigned char)*q) ||
		    ((*q == '.' || *q == ',' || *q == '/') && q + 1 < end &&
		    isdigit((unsigned char)q[1])) || *q == '/' ||
		    (end - q >= 4 && strncmp(q, " de ", 4) == 0)))
			return 0;
		/* not a reply to the encuesta itself: the line says only
		 * the rating, not "3 preguntas más" */
		if (alone) {
			while (q < end && (isspace((unsigned char)*q) ||
			    *q == '.' || *q == '!'))
				q++;
			if (q != end)
				return 0;
		}
		return r;
	}
	return 0;
}

/* A resume as of when: never before the requirement it answers (a
 * message older than the hold cannot answer it; the clock then stopped
 * for no day). */
static rs_time
after_hold(struct rs_db *db, int64_t seq, rs_time when)
{
	struct rs_stmt *st;
	rs_time held = 0;

	st = rs_db_prepare(db, "SELECT at FROM events WHERE request = ? AND "
	    "kind = 'hold' ORDER BY seq DESC LIMIT 1");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st) && rs_col_text(st, 0) != NULL)
		rs_parse_datetime(rs_col_text(st, 0),
		    &held);
	rs_finalize(st);
	return when < held ? held : when;
}

/* The received instant as rs takes it: never after now. */
static void
arrival(const struct rs_mail_in *m, rs_time now, char at[RS_DATETIME_LEN],
    rs_time *when)
{
	*when = m->has_time && m->received <= now ? m->received : now;
	rs_format_datetime(*when, at);
}

static void
remember(struct rs_db *db, const struct rs_mail_in *m, const char *decision,
    int64_t request, int64_t inbox)
{
	struct rs_stmt *st;

	if (m->message_id == NULL)
		return;
	st = rs_db_prepare(db, "INSERT INTO mail_seen (message_id, "
	    "decision, request, inbox) VALUES (?, ?, ?, ?) "
	    "ON CONFLICT DO NOTHING");
	rs_bind_text(st, 1, m->message_id);
	rs_bind_text(st, 2, decision);
	if (request > 0)
		rs_bind_int64(st, 3, request);
	if (inbox > 0)
		rs_bind_int64(st, 4, inbox);
	rs_db_step(db, st);
	rs_finalize(st);
}

/* What the review list keeps of a message: enough to attach or
 * register it later without parsing it again. */
static void
letter_json(struct rs_buf *b, const struct rs_letter *l, const char *at,
    const struct rs_doc *docs, size_t ndocs)
{
	rs_buf_addc(b, '{');
	rs_json_str(b, "name", l->name);
	rs_json_str(b, "email", l->email);
	rs_json_str(b, "subject", l->subject);
	rs_json_str(b, "text", l->description);
	rs_json_str(b, "message_id", l->message_id);
	rs_json_str(b, "received_at", at);
	rs_json_str(b, "forwarded_by", l->forwarded_by);
	rs_json_str(b, "sent_by", l->sent_by);
	rs_documents_json(b, docs, ndocs);
	rs_buf_addc(b, '}');
}

static int64_t
to_inbox(struct rs_db *db, const struct rs_mail_in *m,
    const char *office_domain, const char *at, const char *actor,
    const char *reason, int64_t request)
{
	struct rs_letter l;
	struct rs_buf details = { 0 }, letter = { 0 };
	struct rs_doc *docs;
	struct rs_stmt *st;
	size_t ndocs;
	int64_t seq;

	docs = message_docs(db, m, "mensaje.eml", &ndocs);
	rs_letter_from_mail(m, office_domain, &l);
	letter_json(&letter, &l, at, docs, ndocs);
	st = rs_db_prepare(db, "INSERT INTO inbox (received_at, from_addr, "
	    "from_name, subject, message_id, reason, request, hash, letter) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	rs_bind_text(st, 1, at);
	rs_bind_text(st, 2, m->from_addr);
	rs_bind_text(st, 3, m->from_name);
	rs_bind_text(st, 4, m->subject);
	if (m->message_id)
		rs_bind_text(st, 5, m->message_id);
	rs_bind_text(st, 6, reason);
	if (request > 0)
		rs_bind_int64(st, 7, request);
	rs_bind_text(st, 8, docs[0].hash);
	rs_bind_text(st, 9, rs_buf_str(&letter));
	rs_db_step(db, st);
	rs_finalize(st);
	seq = rs_db_last_id(db);
	/* the office's own record: what came, and why it waits */
	rs_buf_addc(&details, '{');
	rs_json_key(&details, "inbox");
	rs_buf_addf(&details, "%lld", (long long)seq);
	rs_json_str(&details, "from", m->from_addr);
	rs_json_str(&details, "subject", m->subject);
	rs_json_str(&details, "message_id", m->message_id);
	rs_json_str(&details, "reason", reason);
	rs_documents_event(db, RS_OFFICE, at, actor, "inbox", &details,
	    docs, ndocs, m->message_id);
	remember(db, m, "inbox", 0, seq);
	rs_buf_free(&details);
	rs_buf_free(&letter);
	rs_letter_free(&l);
	free(docs);
	return seq;
}

/*
 * A message kept on a request, as an event of the given kind.  Who wrote
 * it, its subject and its text are the requester's data: beside the
 * chain (event_data), which anonymize clears, with personal (opened, or
 * empty) holding what the caller adds of the same kind.
 */
static void
on_request(struct rs_db *db, const struct target *t,
    const struct rs_mail_in *m, const char *at, const char *actor,
    const char *kind, const char *name, struct rs_buf *details,
    struct rs_buf *personal)
{
	struct rs_buf own = { 0 };
	struct rs_doc *docs;
	char *text;
	size_t ndocs;

	if (personal == NULL)
		personal = &own;
	docs = message_docs(db, m, name, &ndocs);
	if (details->len == 0)
		rs_buf_addc(details, '{');
	if (personal->len == 0)
		rs_buf_addc(personal, '{');
	rs_json_str(personal, "from", m->from_addr);
	rs_json_str(personal, "subject", m->subject);
	rs_json_str(details, "message_id", m->message_id);
	rs_json_str(details, "notice", t->notice_kind);
	if (strcmp(kind, "message") == 0) {
		text = rs_clip(m->body ? m->body : "", 8192, "\n[…]");
		rs_json_str(personal, "text", text);
		free(text);
	}
	rs_documents_event_personal(db, t->seq, at, actor, kind, details,
	    personal, docs, ndocs, m->message_id);
	remember(db, m, kind, t->seq, 0);
	rs_buf_free(&own);
	free(docs);
}

static char *
sorted_detail(const char *fmt, const char *a, const char *b)
{
	struct rs_buf d = { 0 };

	rs_buf_addf(&d, fmt, a ? a : "", b ? b : "");
	return d.s;
}

static void
bounce(struct rs_db *db, const struct rs_mail_in *m, const char *office,
    const char *at, const char *actor, struct rs_sorted *out)
{
	struct target t = { 0 };
	struct rs_buf details = { 0 }, reason = { 0 }, personal = { 0 };
	struct rs_stmt *st;
	size_t i;
	int failed, delayed;

	for (i = 0; i < m->nreturned && t.seq == 0; i++)
		if (!target_by_notice(db, m->returned[i], &t))
			target_free(&t);
	if (t.seq == 0 && !target_by_envelope(db, m->rcpts, &t))
		target_free(&t);
	if (t.seq == 0) {
		out->decision = "inbox";
		out->inbox = to_inbox(db, m, office, at, actor,
		    "rebote que no corresponde a ningún aviso enviado", 0);
		out->detail = rs_strdup("rebote sin aviso: a revisión");
		return;
	}
	/* RFC 3464 2.3.3: only "failed" says the message will not arrive;
	 * "delayed" is a warning.  A bounce in another shape is a failure. */
	failed = m->dsn_action == NULL || strcmp(m->dsn_action, "failed") == 0;
	if (m->dsn_status)
		rs_buf_adds(&reason, m->dsn_status);
	if (m->dsn_diagnostic)
		rs_buf_addf(&reason, "%s%s", reason.len ? " " : "",
		    m->dsn_diagnostic);
	if (reason.len == 0)
		rs_buf_adds(&reason, *m->subject ? m->subject :
		    "devuelto por el servidor de correo");
	rs_buf_addc(&details, '{');
	rs_json_str(&details, "action", failed ? "failed" : m->dsn_action);
	rs_json_str(&details, "status", m->dsn_status);
	/* the address, and the server's reason, which quotes it */
	rs_buf_addc(&personal, '{');
	rs_json_str(&personal, "recipient", m->dsn_recipient);
	rs_json_str(&personal, "reason", rs_buf_str(&reason));
	rs_json_key(&details, "notice_seq");
	rs_buf_addf(&details, "%lld", (long long)t.notice);
	if (failed) {
		st = rs_db_prepare(db, "UPDATE notices SET state = 'failed', "
		    "failed_at = ?, failure = ? WHERE seq = ?");
		rs_bind_text(st, 1, at);
		rs_bind_text(st, 2, rs_buf_str(&reason));
		rs_bind_int64(st, 3, t.notice);
		rs_db_step(db, st);
		rs_finalize(st);
		/* a requirement that did not arrive starts no month */
		if (t.notice_kind && strcmp(t.notice_kind, "requerimiento") == 0 &&
		    rs_hold_returned(db, t.seq))
			rs_buf_adds(&details, ",\"hold_limit\":null");
	}
	/* delivered, relayed, expanded: a report of success, on record */
	delayed = !failed && strcmp(m->dsn_action, "delayed") == 0;
	on_request(db, &t, m, at, actor, failed ? "bounce" : delayed ?
	    "delay" : "dsn", "rebote.eml", &details, &personal);
	out->decision = "bounce";
	snprintf(out->id, sizeof(out->id), "%s", t.id);
	out->detail = sorted_detail(failed ? "%s no entregado: %s" : delayed ?
	    "%s demorado: %s" : "%s: informe de entrega: %s", t.notice_kind,
	    failed || delayed ? rs_buf_str(&reason) : m->dsn_action);
	rs_buf_free(&details);
	rs_buf_free(&reason);
	rs_buf_free(&personal);
	target_free(&t);
}

/* Is the receipt from the address the notice went to (its From:, or
 * the Final-Recipient it reports)? */
static int
from_recipient(struct rs_db *db, int64_t notice, const struct rs_mail_in *m)
{
	struct rs_stmt *st;
	const char *to;
	int same = 0;

	st = rs_db_prepare(db, "SELECT recipient FROM notices WHERE seq = ?");
	rs_bind_int64(st, 1, notice);
	if (rs_db_step(db, st) && (to = rs_col_text(st, 0)) != NULL)
		same = strcasecmp(to, m->from_addr) == 0 ||
		    (m->dsn_recipient != NULL &&
		    strcasecmp(to, m->dsn_recipient) == 0);
	rs_finalize(st);
	return same;
}

/*
 * A read receipt (RFC 8098): the notice it names was displayed, or the
 * reader says why not.  Only "displayed" marks the notice accessed (Ley
 * 1437 art. 56: an electronic notification counts from its access).
 */
static void
receipt(struct rs_db *db, const struct rs_mail_in *m, const char *office,
    const char *at, const char *actor, struct rs_sorted *out)
{
	struct target t = { 0 };
	struct rs_buf details = { 0 };
	struct rs_stmt *st;
	const char *d = m->mdn_disposition ? m->mdn_disposition : "";
	size_t i;
	int seen;

	for (i = 0; i < m->nreturned && t.seq == 0; i++)
		if (!target_by_notice(db, m->returned[i], &t))
			target_free(&t);
	if (t.seq == 0 && !target_by_envelope(db, m->rcpts, &t))
		target_free(&t);
	if (t.seq == 0) {
		out->decision = "inbox";
		out->inbox = to_inbox(db, m, office, at, actor,
		    "acuse de lectura que no corresponde a ningún aviso", 0);
		out->detail = rs_strdup("acuse de lectura sin aviso: a "
		    "revisión");
		return;
	}
	/* the notice's Message-ID and return path are no secret: only its
	 * own recipient may say it was read */
	if (!from_recipient(db, t.notice, m)) {
		out->decision = "inbox";
		out->inbox = to_inbox(db, m, office, at, actor,
		    "acuse de lectura de quien no recibió el aviso", t.seq);
		snprintf(out->id, sizeof(out->id), "%s", t.id);
		out->detail = sorted_detail("acuse de lectura de %s, que no "
		    "recibió el aviso: a revisión%s", m->from_addr, "");
		target_free(&t);
		return;
	}
	/* "…; displayed", never "…; deleted" or a failure */
	seen = strlen(d) >= 9 && strcasecmp(d + strlen(d) - 9,
	    "displayed") == 0;
	if (seen) {
		st = rs_db_prepare(db, "UPDATE notices SET accessed_at = ? "
		    "WHERE seq = ? AND accessed_at IS NULL");
		rs_bind_text(st, 1, at);
		rs_bind_int64(st, 2, t.notice);
		rs_db_step(db, st);
		rs_finalize(st);
	}
	rs_buf_addc(&details, '{');
	rs_json_str(&details, "disposition", d);
	rs_json_key(&details, "notice_seq");
	rs_buf_addf(&details, "%lld", (long long)t.notice);
	on_request(db, &t, m, at, actor, "receipt", "acuse-de-lectura.eml",
	    &details, NULL);
	out->decision = "receipt";
	snprintf(out->id, sizeof(out->id), "%s", t.id);
	out->detail = sorted_detail(seen ? "%s leído%s" : "%s no leído: %s",
	    t.notice_kind, seen ? "" : d);
	rs_buf_free(&details);
	target_free(&t);
}

const char *
rs_mail_sort(struct rs_db *db, struct rs_calendar *cal,
    const struct rs_mail_in *m, rs_time now, const char *actor,
    const char *prefix, const char *office_domain, struct rs_sorted *out)
{
	struct target t = { 0 };
	struct rs_buf details = { 0 };
	struct rs_stmt *st;
	char at[RS_DATETIME_LEN];
	const char *requester;
	rs_time when;
	int automatic, rating;

	memset(out, 0, sizeof(*out));
	/* the same message twice is sorted once */
	if (m->message_id != NULL) {
		st = rs_db_prepare(db, "SELECT s.decision, r.id FROM mail_seen "
		    "s LEFT JOIN requests r ON r.seq = s.request "
		    "WHERE s.message_id = ?");
		rs_bind_text(st, 1, m->message_id);
		if (rs_db_step(db, st)) {
			size_t i;
			const char *d = rs_col_text(st, 0);

			for (i = 0; rs_mail_decisions[i]; i++)
				if (strcmp(d, rs_mail_decisions[i]) == 0)
					out->decision = rs_mail_decisions[i];
			/* a reply's own event kinds sort as a reply */
			if (out->decision == NULL)
				out->decision = strcmp(d, "bounce") == 0 ||
				    strcmp(d, "delay") == 0 ||
				    strcmp(d, "dsn") == 0 ? "bounce" :
				    strcmp(d, "receipt") == 0 ? "receipt" :
				    strcmp(d, "autoreply") == 0 ? "autoreply" :
				    "reply";
			if (rs_col_text(st, 1))
				snprintf(out->id, sizeof(out->id), "%s",
				    rs_col_text(st, 1));
			out->seen = 1;
			out->detail = rs_strdup("ya recibido: nada cambia");
		}
		rs_finalize(st);
		if (out->seen)
			return out->decision;
	}
	arrival(m, now, at, &when);
	automatic = m->auto_mark != NULL || automatic_subject(m->subject);

	/* 1. a delivery report, or a read receipt */
	if (m->mdn) {
		receipt(db, m, office_domain, at, actor, out);
		return out->decision;
	}
	if (m->report || is_daemon(m->from_addr) ||
	    (m->null_sender && !automatic) ||
	    (m->null_sender && bounce_subject(m->subject))) {
		bounce(db, m, office_domain, at, actor, out);
		return out->decision;
	}

	/* 2. an automatic reply: recorded where it belongs, never
	 * answered, never registered */
	if (automatic) {
		if (target_for_reply(db, m, prefix, &t)) {
			rs_buf_addc(&details, '{');
			rs_json_str(&details, "mark", m->auto_mark ? m->auto_mark :
			    "Subject");
			on_request(db, &t, m, at, actor, "autoreply",
			    "respuesta-automatica.eml", &details, NULL);
			out->decision = "autoreply";
			snprintf(out->id, sizeof(out->id), "%s", t.id);
			out->detail = sorted_detail("%s%s", "respuesta "
			    "automática: ", m->auto_mark ? m->auto_mark :
			    m->subject);
		} else {
			out->decision = "inbox";
			out->inbox = to_inbox(db, m, office_domain, at, actor,
			    "respuesta automática que no corresponde a "
			    "ninguna solicitud", 0);
			out->detail = rs_strdup("respuesta automática sin "
			    "solicitud: a revisión");
		}
		goto out;
	}

	/* 3. a reply on a request */
	if (!target_for_reply(db, m, prefix, &t)) {
		target_free(&t);
		out->decision = "new";
		goto out;
	}
	snprintf(out->id, sizeof(out->id), "%s", t.id);
	requester = t.email;
	if (requester == NULL || (strcasecmp(requester, m->from_addr) != 0 &&
	    (m->reply_to_addr == NULL ||
	    strcasecmp(requester, m->reply_to_addr) != 0))) {
		out->decision = "inbox";
		out->inbox = to_inbox(db, m, office_domain, at, actor,
		    "mensaje sobre una solicitud de otra persona", t.seq);
		out->detail = sorted_detail("de %s, que no es quien la "
		    "presentó: a revisión%s", m->from_addr, "");
		goto out;
	}
	on_request(db, &t, m, at, actor, "message", "mensaje.eml", &details,
	    NULL);
	out->decision = "reply";
	if (strcmp(t.status, "en_espera") == 0) {
		/* Ley 1755 art. 17: the requester complied; the clock runs
		 * again as of the day the answer was received */
		struct rs_action a = { 0 };
		const char *why;

		a.verb = "resume";
		a.id = t.id;
		a.actor = actor;
		a.now = after_hold(db, t.seq, when);
		a.text = "el solicitante respondió el requerimiento por correo";
		a.to = RS_NO_DAY;
		if ((why = rs_apply(db, cal, &a)) != NULL)
			out->detail = sorted_detail("no se reanudó: %s%s", why,
			    "");
		else
			out->detail = rs_strdup("requerimiento respondido: "
			    "el término se reanuda");
	} else if ((strcmp(t.status, "respondida") == 0 ||
	    strcmp(t.status, "cerrada") == 0) &&
	    (t.notice_kind && strcmp(t.notice_kind, "encuesta") == 0 ?
	    (rating = rs_rating_in(m->body, 0)) > 0 :
	    notice_sent(db, t.seq, "encuesta") &&
	    (rating = rs_rating_in(m->body, 1)) > 0)) {
		struct rs_action a = { 0 };
		const char *why;

		a.verb = "rate";
		a.id = t.id;
		a.actor = actor;
		a.now = when;
		a.rating = rating;
		a.text = "calificación recibida por correo";
		a.to = RS_NO_DAY;
		if ((why = rs_apply(db, cal, &a)) != NULL)
			out->detail = sorted_detail("calificación no "
			    "registrada: %s%s", why, "");
		else {
			char r[2] = { (char)('0' + rating), '\0' };

			out->detail = sorted_detail("calificación %s de 5%s",
			    r, "");
		}
	} else if (!is_open(t.status)) {
		/* recorded, and shown to the operator; nothing reopens by
		 * itself */
		out->inbox = to_inbox(db, m, office_domain, at, actor,
		    "mensaje sobre una solicitud que ya no está abierta",
		    t.seq);
		out->detail = sorted_detail("solicitud %s: a revisión%s",
		    t.status, "");
	} else
		out->detail = rs_strdup("mensaje del solicitante");
out:
	target_free(&t);
	rs_buf_free(&details);
	return out->decision;
}

void
rs_mail_keep(struct rs_db *db, const char *id, const struct rs_mail_in *m,
    const struct rs_letter *l, const char *actor, rs_time now)
{
	struct target t = { 0 };
	struct rs_buf details = { 0 }, personal = { 0 };
	char at[RS_DATETIME_LEN];
	rs_time when;

	if (!target_by_id(db, id, &t))
		return;
	arrival(m, now, at, &when);
	rs_buf_addc(&personal, '{');
	rs_json_str(&personal, "forwarded_by", l->forwarded_by);
	rs_json_str(&personal, "sent_by", l->sent_by);
	on_request(db, &t, m, at, actor, "documents", "mensaje.eml",
	    &details, &personal);
	rs_buf_free(&personal);
	/* remembered as new, whatever kind the event has */
	if (m->message_id) {
		struct rs_stmt *st = rs_db_prepare(db, "UPDATE mail_seen SET "
		    "decision = 'new' WHERE message_id = ?");

		rs_bind_text(st, 1, m->message_id);
		rs_db_step(db, st);
		rs_finalize(st);
	}
	rs_buf_free(&details);
	target_free(&t);
}

/* ---- the review list ------------------------------------------------------ */

static const struct rs_column inbox_columns[] = {
	{ "n", "N.º", RS_NUMERIC },
	{ "received_at", "Recibido", 0 },
	{ "from", "Remitente", 0 },
	{ "subject", "Asunto", 0 },
	{ "reason", "Por qué espera", 0 },
	{ "concerns", "Solicitud", 0 },
	{ "state", "Estado", 0 },
	{ "decision", "Decisión", 0 },
};

const struct rs_column *
rs_inbox_columns(size_t *n)
{
	*n = sizeof(inbox_columns) / sizeof(inbox_columns[0]);
	return inbox_columns;
}

void
rs_inbox_list(struct rs_db *db, int all, int64_t n, struct rs_out *out)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "SELECT i.seq, i.received_at, i.from_addr, "
	    "i.subject, i.reason, r.id, i.state, i.decision FROM inbox i "
	    "LEFT JOIN requests r ON r.seq = i.request "
	    "WHERE (?2 = 0 AND (?1 <> 0 OR i.state = 'pendiente')) "
	    "OR i.seq = ?2 "
	    "ORDER BY i.seq");
	rs_bind_int(st, 1, all);
	rs_bind_int64(st, 2, n);
	rs_db_rows(db, st, out);
	rs_finalize(st);
}

const char *
rs_inbox_raw(struct rs_db *db, int64_t n, char **data, size_t *len)
{
	struct rs_stmt *st;
	const char *why = NULL;
	const void *p;

	*data = NULL;
	*len = 0;
	st = rs_db_prepare(db, "SELECT b.data FROM inbox i JOIN blobs b "
	    "ON b.hash = i.hash WHERE i.seq = ?");
	rs_bind_int64(st, 1, n);
	if (!rs_db_step(db, st))
		why = "no such message in the review list";
	else if (rs_col_type(st, 0) == RS_NULL)
		why = "its content was purged (rs-admin anonymize)";
	else {
		*len = (size_t)rs_col_bytes(st, 0);
		*data = rs_malloc(*len + 1);
		if ((p = rs_col_blob(st, 0)) != NULL && *len > 0)
			memcpy(*data, p, *len);
	}
	rs_finalize(st);
	return why;
}

/* The pending item n: its letter, or why it cannot be decided. */
static const char *
inbox_pending(struct rs_db *db, int64_t n, char **letter, struct rs_buf *why)
{
	struct rs_stmt *st;
	const char *r = NULL;

	*letter = NULL;
	st = rs_db_prepare(db, "SELECT state, letter FROM inbox WHERE seq = ?");
	rs_bind_int64(st, 1, n);
	if (!rs_db_step(db, st))
		r = "no such message in the review list";
	else if (strcmp(rs_col_text(st, 0),
	    "pendiente") != 0) {
		rs_buf_reset(why);
		rs_buf_addf(why, "already decided: %s",
		    rs_col_text(st, 0));
		r = rs_buf_str(why);
	} else
		*letter = rs_strdup(rs_col_text(st, 1));
	rs_finalize(st);
	return r;
}

static void
inbox_decided(struct rs_db *db, int64_t n, const char *state,
    const char *decision, int64_t request, const char *at,
    const char *actor)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "UPDATE inbox SET state = ?1, decision = ?2, "
	    "request = coalesce(?3, request), decided_at = ?4, "
	    "decided_by = ?5 WHERE seq = ?6");
	rs_bind_text(st, 1, state);
	rs_bind_text(st, 2, decision);
	if (request > 0)
		rs_bind_int64(st, 3, request);
	rs_bind_text(st, 4, at);
	rs_bind_text(st, 5, actor);
	rs_bind_int64(st, 6, n);
	rs_db_step(db, st);
	rs_finalize(st);
	st = rs_db_prepare(db, "UPDATE mail_seen SET "
	    "request = CAST(?1 AS BIGINT) WHERE "
	    "inbox = ?2 AND CAST(?1 AS BIGINT) IS NOT NULL");
	if (request > 0)
		rs_bind_int64(st, 1, request);
	rs_bind_int64(st, 2, n);
	rs_db_step(db, st);
	rs_finalize(st);
}

/* The documents a letter names (their blobs are stored already). */
static struct rs_doc *
letter_docs(struct rs_db *db, const char *letter, size_t *n)
{
	struct rs_doc *docs = NULL;
	struct rs_stmt *st;
	static struct rs_buf names;

	*n = 0;
	rs_buf_reset(&names);
	/* one document a step, by its index: json_extract is what both
	 * stores have (json_each is SQLite's) */
	st = rs_db_prepare(db, "SELECT json_extract(?1, ?2), "
	    "json_extract(?1, ?3), json_extract(?1, ?4), "
	    "json_extract(?1, ?5), json_extract(?1, ?6)");
	rs_bind_text(st, 1, letter);
	for (;;) {
		static const char *const key[] = {
			"name", "type", "size", "role", "sha256"
		};
		char path[5][48];
		int k;

		for (k = 0; k < 5; k++) {
			snprintf(path[k], sizeof(path[k]), "$.documents[%zu].%s",
			    *n, key[k]);
			rs_bind_text(st, 2 + k, path[k]);
		}
		if (!rs_db_step(db, st) || rs_col_text(st, 0) == NULL)
			break;
		docs = rs_realloc(docs, (*n + 1) * sizeof(*docs));
		memset(&docs[*n], 0, sizeof(*docs));
		docs[*n].name = rs_strdup(rs_col_text(st, 0));
		docs[*n].type = rs_strdup(rs_col_text(st, 1));
		docs[*n].size = (size_t)rs_col_int64(st, 2);
		docs[*n].role = strcmp(rs_col_text(st,
		    3), "message") == 0 ? "message" : "attachment";
		snprintf(docs[*n].hash, RS_HASH_LEN, "%s",
		    rs_col_text(st, 4));
		(*n)++;
		rs_reset(st);
	}
	rs_finalize(st);
	return docs;
}

static void
docs_free(struct rs_doc *docs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)docs[i].name);
		free((char *)docs[i].type);
	}
	free(docs);
}

static char *
letter_get(struct rs_db *db, const char *letter, const char *key)
{
	struct rs_stmt *st;
	char path[64], *v = NULL;

	snprintf(path, sizeof(path), "$.%s", key);
	st = rs_db_prepare(db, "SELECT json_extract(?, ?)");
	rs_bind_text(st, 1, letter);
	rs_bind_text(st, 2, path);
	if (rs_db_step(db, st) && rs_col_text(st, 0))
		v = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	return v;
}

/* The letter's message as an event on request seq. */
static void
letter_event(struct rs_db *db, int64_t seq, const char *letter, int64_t n,
    const char *kind, const char *at, const char *actor)
{
	struct rs_buf details = { 0 }, personal = { 0 };
	struct rs_doc *docs;
	size_t ndocs;
	char *email, *subject, *msgid, *text, *fwd, *sent_by;

	docs = letter_docs(db, letter, &ndocs);
	email = letter_get(db, letter, "email");
	subject = letter_get(db, letter, "subject");
	msgid = letter_get(db, letter, "message_id");
	text = letter_get(db, letter, "text");
	fwd = letter_get(db, letter, "forwarded_by");
	sent_by = letter_get(db, letter, "sent_by");
	rs_buf_addc(&details, '{');
	rs_json_key(&details, "inbox");
	rs_buf_addf(&details, "%lld", (long long)n);
	rs_json_str(&details, "message_id", msgid);
	/* the requester's data beside the chain, as on_request keeps it */
	rs_buf_addc(&personal, '{');
	rs_json_str(&personal, "from", email);
	rs_json_str(&personal, "subject", subject);
	rs_json_str(&personal, "forwarded_by", fwd);
	rs_json_str(&personal, "sent_by", sent_by);
	if (strcmp(kind, "message") == 0 && text != NULL) {
		char *t = rs_clip(text, 8192, "\n[…]");

		rs_json_str(&personal, "text", t);
		free(t);
	}
	rs_documents_event_personal(db, seq, at, actor, kind, &details,
	    &personal, docs, ndocs, msgid);
	rs_buf_free(&personal);
	docs_free(docs, ndocs);
	free(email);
	free(subject);
	free(msgid);
	free(text);
	free(fwd);
	free(sent_by);
	rs_buf_free(&details);
}

const char *
rs_inbox_attach(struct rs_db *db, struct rs_calendar *cal, int64_t n,
    const char *id, int resume, rs_time now, const char *actor,
    const char **resumed)
{
	static struct rs_buf why;
	struct target t = { 0 };
	const char *r;
	char *letter, *came, at[RS_DATETIME_LEN];
	rs_time when = now;

	*resumed = NULL;
	if ((r = inbox_pending(db, n, &letter, &why)) != NULL)
		return r;
	if (!target_by_id(db, id, &t)) {
		free(letter);
		return "no such request";
	}
	rs_format_datetime(now, at);
	letter_event(db, t.seq, letter, n, "message", at, actor);
	inbox_decided(db, n, "adjuntado", id, t.seq, at, actor);
	/* the operator says it is the requester's: an answer to the
	 * requirement resumes the clock as of the day it came (Ley 1755
	 * art. 17), as when the mailbox sorts it */
	if (resume && strcmp(t.status, "en_espera") == 0) {
		struct rs_action a = { 0 };

		came = letter_get(db, letter, "received_at");
		if (came && rs_parse_datetime(came, &when) == 0 && when > now)
			when = now;
		free(came);
		a.verb = "resume";
		a.id = t.id;
		a.actor = actor;
		a.now = after_hold(db, t.seq, when);
		a.text = "el operador adjuntó la respuesta al requerimiento";
		a.to = RS_NO_DAY;
		if ((r = rs_apply(db, cal, &a)) != NULL) {
			rs_buf_reset(&why);
			rs_buf_addf(&why, "%s", r);
			free(letter);
			target_free(&t);
			return rs_buf_str(&why);
		}
		*resumed = a.status;
	}
	free(letter);
	target_free(&t);
	return NULL;
}

const char *
rs_inbox_discard(struct rs_db *db, int64_t n, const char *reason,
    const char *at, const char *actor)
{
	static struct rs_buf why;
	struct rs_buf details = { 0 };
	const char *r;
	char *letter;

	if (reason == NULL || *reason == '\0')
		return "discard: the reason is required (-m)";
	if ((r = inbox_pending(db, n, &letter, &why)) != NULL)
		return r;
	rs_buf_addc(&details, '{');
	rs_json_key(&details, "inbox");
	rs_buf_addf(&details, "%lld", (long long)n);
	rs_json_str(&details, "text", reason);
	rs_documents_event(db, RS_OFFICE, at, actor, "discard", &details, NULL,
	    0, NULL);
	inbox_decided(db, n, "descartado", reason, 0, at, actor);
	rs_buf_free(&details);
	free(letter);
	return NULL;
}

const char *
rs_inbox_register(struct rs_db *db, struct rs_intake *in, int64_t n,
    const char *type, const char *topic, const char *actor, rs_time now,
    struct rs_out *out)
{
	const char **row;
	static struct rs_buf why;
	struct rs_letter l = { 0 };
	struct target t = { 0 };
	char *v[F_NFIELDS] = { 0 }, received[RS_DATETIME_LEN], *letter, *r_at;
	const char *r, *field, *reason;
	char at[RS_DATETIME_LEN];

	if ((r = inbox_pending(db, n, &letter, &why)) != NULL)
		return r;
	l.name = letter_get(db, letter, "name");
	l.email = letter_get(db, letter, "email");
	l.subject = letter_get(db, letter, "subject");
	l.description = letter_get(db, letter, "text");
	l.message_id = letter_get(db, letter, "message_id");
	r_at = letter_get(db, letter, "received_at");
	if (r_at && rs_parse_datetime(r_at, &l.received) == 0)
		l.has_time = 1;
	free(r_at);
	rs_letter_fields(&l, now, v, received);
	v[F_TYPE] = (char *)type;
	if (topic != NULL && *topic != '\0')
		v[F_TOPIC] = (char *)topic;
	if (rs_intake_one(in, v, &field, &reason, &row) == -1) {
		rs_buf_reset(&why);
		rs_buf_addf(&why, "%s: %s", field, reason);
		r = rs_buf_str(&why);
		goto out;
	}
	rs_format_datetime(now, at);
	if (target_by_id(db, row[0], &t)) {
		letter_event(db, t.seq, letter, n, "documents", at, actor);
		inbox_decided(db, n, "radicado", row[0], t.seq, at, actor);
	}
	/* the row points into the letter: out before it goes */
	rs_out_row(out, row);
out:
	target_free(&t);
	rs_letter_free(&l);
	free(letter);
	return r;
}

