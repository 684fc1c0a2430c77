/*
 * documents.c - record layer: the documents kept, and the notices'
 * delivery.
 *
 * Every document (a message as it came, each attachment, a paper the
 * desk scanned, what goes with an answer) is stored once by its SHA-256
 * in the database, so that a backup stays one file; the hash is written
 * into a chained event, so that rs-admin check proves no document was
 * swapped.  Anonymizing purges the bytes and keeps the hashes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "rs.h"

/* ---- documents ----------------------------------------------------------- */

void
rs_sha256_hex(const void *data, size_t len, char out[RS_HASH_LEN])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&ctx);
	if (len > 0)
		sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * sizeof(d)] = '\0';
}

void
rs_blob_put(struct rs_db *db, const void *data, size_t len,
    char hash[RS_HASH_LEN])
{
	struct rs_stmt *st;

	rs_sha256_hex(data, len, hash);
	/* the same bytes twice are one blob; purged bytes come back when
	 * the same document arrives again */
	st = rs_db_prepare(db, "INSERT INTO blobs (hash, size, data) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (hash) DO UPDATE SET "
	    "data = excluded.data, purged_at = NULL WHERE blobs.data IS NULL");
	rs_bind_text(st, 1, hash);
	rs_bind_int64(st, 2, (int64_t)len);
	rs_bind_blob(st, 3, len > 0 ? data : "", len);
	rs_db_step(db, st);
	rs_finalize(st);
}

/* The due date a request has now: every event records it. */
static char *
current_due(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	char *due = NULL;

	st = rs_db_prepare(db, "SELECT due_on FROM requests WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st) && rs_col_text(st, 0))
		due = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	return due;
}

void
rs_documents_json(struct rs_buf *b, const struct rs_doc *docs, size_t n)
{
	size_t i;

	rs_json_key(b, "documents");
	rs_buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			rs_buf_addc(b, ',');
		rs_buf_addc(b, '{');
		rs_json_str(b, "name", docs[i].name);
		rs_json_str(b, "type", docs[i].type);
		rs_json_key(b, "size");
		rs_buf_addf(b, "%zu", docs[i].size);
		rs_json_str(b, "role", docs[i].role);
		rs_json_str(b, "sha256", docs[i].hash);
		rs_buf_addc(b, '}');
	}
	rs_buf_addc(b, ']');
}

void
rs_documents_event(struct rs_db *db, int64_t seq, const char *at,
    const char *actor, const char *kind, struct rs_buf *details,
    const struct rs_doc *docs, size_t ndocs, const char *message_id)
{
	rs_documents_event_personal(db, seq, at, actor, kind, details, NULL,
	    docs, ndocs, message_id);
}

void
rs_documents_event_personal(struct rs_db *db, int64_t seq, const char *at,
    const char *actor, const char *kind, struct rs_buf *details,
    struct rs_buf *personal, const struct rs_doc *docs, size_t ndocs,
    const char *message_id)
{
	struct rs_stmt *st;
	int64_t event;
	char *due;
	size_t i;

	if (details->len == 0)
		rs_buf_addc(details, '{');
	if (ndocs > 0)
		rs_documents_json(details, docs, ndocs);
	due = seq != RS_OFFICE ? current_due(db, seq) : NULL;
	if (personal != NULL)
		rs_event_append_personal(db, seq, at, actor, kind, details,
		    personal, due);
	else {
		rs_buf_addc(details, '}');
		rs_event_append(db, seq, at, actor, kind, rs_buf_str(details),
		    due);
	}
	free(due);
	event = rs_db_last_id(db);
	if (seq == RS_OFFICE || ndocs == 0)
		return;
	st = rs_db_prepare(db, "INSERT INTO documents (request, event, role, "
	    "name, type, size, hash, added_at, message_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	for (i = 0; i < ndocs; i++) {
		rs_bind_int64(st, 1, seq);
		rs_bind_int64(st, 2, event);
		rs_bind_text(st, 3, docs[i].role);
		rs_bind_text(st, 4, docs[i].name);
		rs_bind_text(st, 5, docs[i].type);
		rs_bind_int64(st, 6, (int64_t)docs[i].size);
		rs_bind_text(st, 7, docs[i].hash);
		rs_bind_text(st, 8, at);
		if (message_id)
			rs_bind_text(st, 9, message_id);
		else
			rs_bind_null(st, 9);
		rs_db_step(db, st);
		rs_reset(st);
		rs_clear(st);
	}
	rs_finalize(st);
}

static const struct rs_column document_columns[] = {
	{ "n", "N.º", RS_NUMERIC },
	{ "name", "Documento", 0 },
	{ "type", "Tipo", 0 },
	{ "size", "Bytes", RS_NUMERIC },
	{ "role", "Origen", 0 },
	{ "added_at", "Fecha", 0 },
	{ "message_id", "Mensaje", 0 },
	{ "sha256", "SHA-256", 0 },
};

const struct rs_column *
rs_document_columns(size_t *n)
{
	*n = sizeof(document_columns) / sizeof(document_columns[0]);
	return document_columns;
}

long
rs_documents_list(struct rs_db *db, int64_t seq, struct rs_out *out)
{
	struct rs_stmt *st;
	long n;

	st = rs_db_prepare(db, "SELECT row_number() OVER (ORDER BY seq), "
	    "name, type, size, role, added_at, message_id, hash "
	    "FROM documents WHERE request = ? ORDER BY seq");
	rs_bind_int64(st, 1, seq);
	n = rs_db_rows(db, st, out);
	rs_finalize(st);
	return n;
}

const char *
rs_document_get(struct rs_db *db, int64_t seq, const char *which,
    char **data, size_t *len, char **name)
{
	struct rs_stmt *st;
	const void *p;
	const char *why = NULL;

	*data = NULL;
	*len = 0;
	if (name)
		*name = NULL;
	/* by its number in rs-queue show, else by its name (the last one
	 * of that name) */
	st = rs_db_prepare(db, "SELECT d.name, b.data, b.size FROM "
	    "(SELECT row_number() OVER (ORDER BY seq) AS n, seq, name, hash "
	    " FROM documents WHERE request = ?1) d "
	    "JOIN blobs b ON b.hash = d.hash "
	    "WHERE d.n = ?3 OR d.name = ?2 "
	    "ORDER BY d.n = ?3 DESC, d.seq DESC "
	    "LIMIT 1");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, which);
	/* the number read here: ?2 is text, and PostgreSQL would refuse
	 * to read a name as a number; 0 is no document's */
	rs_bind_int64(st, 3, *which && rs_all_digits(which) ?
	    strtoll(which, NULL, 10) : 0);
	if (!rs_db_step(db, st))
		why = "no such document";
	else if (rs_col_type(st, 1) == RS_NULL)
		why = "its content was purged (rs-admin anonymize)";
	else {
		*len = (size_t)rs_col_bytes(st, 1);
		*data = rs_malloc(*len + 1);
		if ((p = rs_col_blob(st, 1)) != NULL && *len > 0)
			memcpy(*data, p, *len);
		if (name)
			*name = rs_strdup(rs_col_text(st, 0));
	}
	rs_finalize(st);
	return why;
}

/* Append one finding, as rs_audit's own. */
static void
audit_finding(long *n, rs_report_fn *report, void *arg, const char *msg)
{
	(*n)++;
	report(arg, msg);
}

long
rs_documents_audit(struct rs_db *db, rs_report_fn *report, void *arg)
{
	struct rs_stmt *st;
	struct rs_buf msg = { 0 };
	char hash[RS_HASH_LEN];
	long n = 0;

	st = rs_db_prepare(db, "SELECT hash, size, data FROM blobs "
	    "WHERE data IS NOT NULL ORDER BY hash");
	while (rs_db_step(db, st)) {
		const char *h = rs_col_text(st, 0);
		size_t len = (size_t)rs_col_bytes(st, 2);

		rs_sha256_hex(rs_col_blob(st, 2), len, hash);
		if (strcmp(hash, h) != 0 ||
		    (int64_t)len != rs_col_int64(st, 1)) {
			rs_buf_reset(&msg);
			rs_buf_addf(&msg, "document %s: its bytes were changed: "
			    "they hash to %s", h, hash);
			audit_finding(&n, report, arg, rs_buf_str(&msg));
		}
	}
	rs_finalize(st);
	/* each document is named, by its hash, in the event that added
	 * it, on the same request */
	/* a document named by its number in rs-queue docs */
	st = rs_db_prepare(db, "SELECT coalesce(r.id, 'request ' || "
	    "d.request), row_number() OVER (PARTITION BY "
	    "d.request ORDER BY d.seq), d.name, d.hash, "
	    "e.seq IS NULL, e.request = d.request, "
	    "instr(coalesce(e.details, ''), '\"' || d.hash || '\"') > 0, "
	    "b.hash IS NULL "
	    "FROM documents d LEFT JOIN requests r ON r.seq = d.request "
	    "LEFT JOIN events e ON e.seq = d.event "
	    "LEFT JOIN blobs b ON b.hash = d.hash ORDER BY d.seq");
	while (rs_db_step(db, st)) {
		const char *id = rs_col_text(st, 0);
		const char *why = NULL;

		if (rs_col_int(st, 4))
			why = "its event is missing";
		else if (!rs_col_int(st, 5))
			why = "its event belongs to another request";
		else if (!rs_col_int(st, 6))
			why = "its hash is not the one its event recorded: "
			    "the document was swapped";
		else if (rs_col_int(st, 7))
			why = "its content is missing";
		if (why == NULL)
			continue;
		rs_buf_reset(&msg);
		rs_buf_addf(&msg, "%s: document %lld (%s): %s",
		    id ? id : "?", (long long)rs_col_int64(st, 1),
		    rs_col_text(st, 2), why);
		audit_finding(&n, report, arg, rs_buf_str(&msg));
	}
	rs_finalize(st);
	rs_buf_free(&msg);
	return n;
}

struct rs_attachment *
rs_documents_load(struct rs_db *db, int64_t seq, const char *role,
    size_t *n)
{
	struct rs_attachment *docs = NULL;
	struct rs_stmt *st;
	const void *p;
	size_t len;

	*n = 0;
	/* role NULL: what the requester brought, not the office's own */
	/* an answer's documents: those of the answer in force, given
	 * since the request was last reopened */
	st = rs_db_prepare(db, "SELECT d.name, d.type, b.data FROM documents "
	    "d JOIN blobs b ON b.hash = d.hash WHERE d.request = ?1 AND "
	    "b.data IS NOT NULL AND ((d.role = ?2 AND d.event > coalesce("
	    "(SELECT max(e.seq) FROM events e WHERE e.request = ?1 AND "
	    "e.kind = 'reopen'), 0)) OR (?2 IS NULL AND "
	    "(d.role = 'attachment' OR d.role = 'desk' OR (d.role = "
	    "'message' AND d.type = 'message/rfc822' AND d.name = "
	    "'mensaje.eml')))) ORDER BY d.seq");
	rs_bind_int64(st, 1, seq);
	if (role)
		rs_bind_text(st, 2, role);
	while (rs_db_step(db, st)) {
		docs = rs_realloc(docs, (*n + 1) * sizeof(*docs));
		len = (size_t)rs_col_bytes(st, 2);
		docs[*n].name = rs_strdup(rs_col_text(st, 0));
		docs[*n].type = rs_strdup(rs_col_text(st, 1));
		docs[*n].data = rs_malloc(len + 1);
		if ((p = rs_col_blob(st, 2)) != NULL && len > 0)
			memcpy(docs[*n].data, p, len);
		docs[*n].len = len;
		(*n)++;
	}
	rs_finalize(st);
	return docs;
}

void
rs_documents_free(struct rs_attachment *docs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(docs[i].name);
		free(docs[i].type);
		free(docs[i].data);
	}
	free(docs);
}

char *
rs_documents_text(struct rs_db *db, int64_t seq)
{
	struct rs_buf b = { 0 };
	struct rs_stmt *st;

	/* Decreto 1166 de 2016: the documents received, one a line */
	st = rs_db_prepare(db, "SELECT name, size FROM documents WHERE "
	    "request = ? AND (role = 'attachment' OR role = 'desk') "
	    "ORDER BY seq");
	rs_bind_int64(st, 1, seq);
	while (rs_db_step(db, st))
		rs_buf_addf(&b, "- %s (%lld bytes)\n",
		    rs_col_text(st, 0),
		    (long long)rs_col_int64(st, 1));
	rs_finalize(st);
	if (b.len > 0)
		b.s[--b.len] = '\0';	/* the template ends the line */
	return b.s ? b.s : rs_strdup("");
}

/* ---- documents added by hand ---------------------------------------------- */

void
rs_documents_add(struct rs_db *db, int64_t seq, const char *at,
    const char *actor, const char *role, const struct rs_attachment *files,
    size_t n, const char *text)
{
	struct rs_buf details = { 0 };
	struct rs_doc *docs;
	size_t i;

	docs = rs_calloc(n, sizeof(*docs));
	for (i = 0; i < n; i++) {
		docs[i].name = files[i].name;
		docs[i].type = files[i].type;
		docs[i].size = files[i].len;
		docs[i].role = role;
		rs_blob_put(db, files[i].data, files[i].len, docs[i].hash);
	}
	rs_buf_addc(&details, '{');
	rs_json_str(&details, "text", text);
	rs_documents_event(db, seq, at, actor, "documents", &details, docs, n,
	    NULL);
	rs_buf_free(&details);
	free(docs);
}

/* What a file is, from its name: enough for a mail reader to open it. */
const char *
rs_document_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".pdf", "application/pdf" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".png", "image/png" },
		{ ".tif", "image/tiff" }, { ".tiff", "image/tiff" },
		{ ".txt", "text/plain" }, { ".csv", "text/csv" },
		{ ".eml", "message/rfc822" }, { ".html", "text/html" },
		{ ".doc", "application/msword" },
		{ ".docx", "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document" },
		{ ".xls", "application/vnd.ms-excel" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet" },
		{ ".odt", "application/vnd.oasis.opendocument.text" },
		{ ".ods", "application/vnd.oasis.opendocument.spreadsheet" },
		{ ".zip", "application/zip" }, { NULL, NULL }
	};
	size_t i, n = strlen(name), k;

	for (i = 0; types[i].ext; i++) {
		k = strlen(types[i].ext);
		if (n > k && strcasecmp(name + n - k, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

/* ---- the notices of a request ------------------------------------------- */

static const struct rs_column notice_columns[] = {
	{ "kind", "Aviso", 0 },
	{ "sent_at", "Enviado", 0 },
	{ "via", "Vía", 0 },
	{ "recipient", "Destinatario", 0 },
	{ "state", "Estado", 0 },
	{ "failed_at", "Devuelto", 0 },
	{ "failure", "Motivo", RS_WIDE },
	{ "accessed_at", "Leído", 0 },
};

const struct rs_column *
rs_notice_columns(size_t *n)
{
	*n = sizeof(notice_columns) / sizeof(notice_columns[0]);
	return notice_columns;
}

long
rs_notices_sent(struct rs_db *db, int64_t seq, const char *kind)
{
	struct rs_stmt *st;
	long n;

	st = rs_db_prepare(db, "SELECT count(*) FROM notices WHERE "
	    "request = ? AND kind = ? AND message_id <> ''");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, kind);
	rs_db_step(db, st);
	n = (long)rs_col_int64(st, 0);
	rs_finalize(st);
	return n;
}

long
rs_notices_list(struct rs_db *db, int64_t seq, int spanish,
    struct rs_out *out)
{
	struct rs_stmt *st;
	long n;

	st = rs_db_prepare(db, spanish ?
	    "SELECT kind, sent_at, via, recipient, CASE WHEN state = "
	    "'failed' THEN 'no entregado' WHEN accessed_at IS NOT NULL THEN "
	    "'leído' ELSE 'enviado' END, failed_at, failure, accessed_at "
	    "FROM notices WHERE request = ? ORDER BY seq" :
	    "SELECT kind, sent_at, via, recipient, state, failed_at, failure, "
	    "accessed_at FROM notices WHERE request = ? ORDER BY seq");
	rs_bind_int64(st, 1, seq);
	n = rs_db_rows(db, st, out);
	rs_finalize(st);
	return n;
}

/* An ISO 8601 time of the office as people read it: 2024-03-04 10:15 */
#define SPOKEN_TIME(t) "(substr(" t ", 1, 10) || ' ' || substr(" t ", 12, 5))"

/* notified is not delivered for a notice on paper (v_requests): it is
 * said printed, and nothing more */
static const char notice_said_sql[] =
    "SELECT " RS_NOTICE_NAME_SQL("kind") " || CASE WHEN via = 'print' THEN"
    "  ' impres' || " RS_NOTICE_ENDING_SQL("kind") " || ' el ' || "
    SPOKEN_TIME("sent_at")
    " ELSE ' enviad' || " RS_NOTICE_ENDING_SQL("kind") " || ' a ' ||"
    "  recipient || ' el ' || " SPOKEN_TIME("sent_at") " ||"
    "  CASE WHEN state = 'failed' THEN ', fallid' || "
    RS_NOTICE_ENDING_SQL("kind")
    "   || coalesce(' el ' || " SPOKEN_TIME("failed_at") ", '') ||"
    "   coalesce(': ' || nullif(failure, ''), '')"
    "  WHEN accessed_at IS NOT NULL THEN ', leíd' || "
    RS_NOTICE_ENDING_SQL("kind") " || ' el ' || "
    SPOKEN_TIME("accessed_at")
    "  ELSE ', entregad' || " RS_NOTICE_ENDING_SQL("kind") " END"
    " END FROM notices WHERE request = ? ORDER BY seq";

char **
rs_notices_said(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	const char *s;
	char **v = NULL;
	size_t n = 0;

	st = rs_db_prepare(db, notice_said_sql);
	rs_bind_int64(st, 1, seq);
	while (rs_db_step(db, st)) {
		s = rs_col_text(st, 0);
		v = rs_realloc(v, (n + 2) * sizeof(*v));
		v[n++] = rs_strdup(s ? s : "");
	}
	rs_finalize(st);
	if (v == NULL)
		v = rs_calloc(1, sizeof(*v));
	v[n] = NULL;
	return v;
}

void
rs_strings_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int64_t
rs_request_seq(struct rs_db *db, const char *id)
{
	struct rs_stmt *st;
	int64_t seq = 0;

	st = rs_db_prepare(db, "SELECT seq FROM requests WHERE id = ?");
	rs_bind_text(st, 1, id);
	if (rs_db_step(db, st))
		seq = rs_col_int64(st, 0);
	rs_finalize(st);
	return seq;
}

void
rs_undelivered(struct rs_db *db, rs_undelivered_fn *fn, void *arg)
{
	struct rs_stmt *st;

	/* each notice that came back, unless one of its kind went out to
	 * the request again afterwards and did not */
	st = rs_db_prepare(db, "SELECT r.id, n.kind, n.failed_at, n.failure, "
	    "r.team, r.assignee FROM notices n JOIN requests r "
	    "ON r.seq = n.request WHERE n.state = 'failed' AND NOT EXISTS "
	    "(SELECT 1 FROM notices m WHERE m.request = n.request AND "
	    "m.kind = n.kind AND m.seq > n.seq AND m.state = 'sent') "
	    "ORDER BY n.failed_at, n.seq");
	while (rs_db_step(db, st))
		fn(arg, rs_col_text(st, 0),
		    rs_col_text(st, 1),
		    rs_col_text(st, 2),
		    rs_col_text(st, 3),
		    rs_col_text(st, 4),
		    rs_col_text(st, 5));
	rs_finalize(st);
}

int
rs_file_read(const char *path, struct rs_attachment *a)
{
	struct rs_buf b = { 0 };
	const char *base;
	char buf[65536];
	size_t n;
	FILE *fp;
	int e;

	memset(a, 0, sizeof(*a));
	if ((fp = fopen(path, "rb")) == NULL)
		return errno;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		rs_buf_add(&b, buf, n);
	e = ferror(fp) ? errno : 0;
	fclose(fp);
	if (e != 0) {
		rs_buf_free(&b);
		return e;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	a->name = rs_strdup(base);
	a->type = rs_strdup(rs_document_type(base));
	a->data = b.s ? b.s : rs_strdup("");
	a->len = b.len;
	return 0;
}

size_t
rs_max_message(struct rs_db *db)
{
	char *mb = rs_setting(db, "max_message");
	size_t max = (size_t)atoi(mb) * 1000000;

	free(mb);
	return max;
}

const char *
rs_documents_bound(struct rs_db *db, const struct rs_attachment *files,
    size_t n)
{
	static char why[160];
	size_t i, total = 0, max = rs_max_message(db);

	for (i = 0; i < n; i++)
		total += files[i].len;
	if (total <= max)
		return NULL;
	snprintf(why, sizeof(why), "the documents are %zu bytes, over the "
	    "%zu of the setting max_message; nothing was written", total,
	    max);
	return why;
}

void
rs_documents_purge(struct rs_db *db, int64_t seq, const char *at)
{
	struct rs_stmt *st;

	/* the bytes go unless a request still whole, or a message still
	 * waiting for review, holds the same document */
	st = rs_db_prepare(db, "UPDATE blobs SET data = NULL, purged_at = ?2 "
	    "WHERE data IS NOT NULL AND hash IN (SELECT hash FROM documents "
	    "WHERE request = ?1) AND NOT EXISTS (SELECT 1 FROM documents d "
	    "WHERE d.hash = blobs.hash AND d.request <> ?1 AND NOT EXISTS "
	    "(SELECT 1 FROM events e WHERE e.request = d.request AND "
	    "e.kind = 'anonymize')) AND NOT EXISTS (SELECT 1 FROM inbox i "
	    "WHERE i.hash = blobs.hash AND i.state = 'pendiente')");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, at);
	rs_db_step(db, st);
	rs_finalize(st);
	/* a file's name may be a person's: only its kind stays */
	st = rs_db_prepare(db, "UPDATE documents SET name = '[anonimizado]' "
	    "WHERE request = ?1 AND role <> 'message'");
	rs_bind_int64(st, 1, seq);
	rs_db_step(db, st);
	rs_finalize(st);
	/* what the review list kept of its messages: the letter's
	 * documents alone, {"documents":[...]} as SQLite's json_object
	 * writes it, made of json_extract's text, which both stores have */
	st = rs_db_prepare(db, "UPDATE inbox SET from_addr = '[anonimizado]', "
	    "from_name = NULL, subject = '[anonimizado]', "
	    "letter = '{\"documents\":' || coalesce(json_extract(letter, "
	    "'$.documents'), 'null') || '}' "
	    "WHERE request = ?1 AND state <> 'pendiente'");
	rs_bind_int64(st, 1, seq);
	rs_db_step(db, st);
	rs_finalize(st);
	/* the mail server's reason for a failure quotes the address */
	st = rs_db_prepare(db, "UPDATE notices SET failure = '[anonimizado]' "
	    "WHERE request = ?1 AND failure IS NOT NULL");
	rs_bind_int64(st, 1, seq);
	rs_db_step(db, st);
	rs_finalize(st);
}

long
rs_inbox_purge(struct rs_db *db, const char *before, const char *at)
{
	struct rs_stmt *st;
	long n;

	/* the messages discarded before the date, that no request holds:
	 * their bytes, unless a request or a message still waiting holds
	 * the same, and what the list kept of them */
	st = rs_db_prepare(db, "UPDATE blobs SET data = NULL, purged_at = ?2 "
	    "WHERE data IS NOT NULL AND hash IN (SELECT hash FROM inbox "
	    "WHERE state = 'descartado' AND request IS NULL AND "
	    "substr(decided_at, 1, 10) < ?1) AND NOT EXISTS (SELECT 1 FROM "
	    "documents d WHERE d.hash = blobs.hash) AND NOT EXISTS (SELECT 1 "
	    "FROM inbox i WHERE i.hash = blobs.hash AND i.state = "
	    "'pendiente')");
	rs_bind_text(st, 1, before);
	rs_bind_text(st, 2, at);
	rs_db_step(db, st);
	rs_finalize(st);
	st = rs_db_prepare(db, "UPDATE inbox SET from_addr = '[anonimizado]', "
	    "from_name = NULL, subject = '[anonimizado]', letter = '{}' "
	    "WHERE state = 'descartado' AND request IS NULL AND "
	    "substr(decided_at, 1, 10) < ?1 AND from_addr <> '[anonimizado]'");
	rs_bind_text(st, 1, before);
	rs_db_step(db, st);
	n = rs_db_changes(db);
	rs_finalize(st);
	return n;
}
