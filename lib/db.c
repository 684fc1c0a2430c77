/*
 * db.c - the shared store: open, pragmas, schema and migrations,
 * transactions, settings, and the one error path (DESIGN §3).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rs.h"
#include "pg.h"

/*
 * One entry a schema version: migrations[i] takes user_version i to i+1,
 * each in a transaction of its own.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the spine */
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	/* Ley 1755 de 2015 arts. 14 and 30: the legal term of each type,
	 * in business days; NULL for no term (felicitacion). */
	"CREATE TABLE terms ("
	"  type TEXT PRIMARY KEY,"
	"  days INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 365),"
	"  description TEXT NOT NULL"
	");"
	"CREATE TABLE topics ("
	"  topic TEXT PRIMARY KEY,"
	"  team TEXT NOT NULL,"
	"  description TEXT NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO topics VALUES"
	" ('cuentas_pago', 'contabilidad', 'Cuentas de pago de contratistas y proveedores'),"
	" ('comisiones', 'comisiones', 'Trámite de comisiones'),"
	" ('legalizacion_comisiones', 'comisiones', 'Legalización de comisiones'),"
	" ('otro', 'contabilidad', 'Otros trámites');"
	"CREATE TABLE closures ("
	"  day TEXT PRIMARY KEY,"
	"  reason TEXT NOT NULL"
	") WITHOUT ROWID;"
	/* the records-management rule: consecutive numbers per calendar
	 * year, no gaps, no repeats */
	"CREATE TABLE counters ("
	"  year INTEGER PRIMARY KEY,"
	"  last INTEGER NOT NULL"
	");"
	"CREATE TABLE requests ("
	"  seq INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  received_at TEXT NOT NULL,"
	"  received_ts INTEGER NOT NULL,"
	"  effective_on TEXT NOT NULL,"
	/* the cut-off in force at intake: it decided effective_on, and a
	 * later calendar change must not apply another one backwards */
	"  cutoff TEXT NOT NULL DEFAULT '16:00',"
	"  due_on TEXT,"
	"  term_days INTEGER,"
	"  channel TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  topic TEXT,"
	"  team TEXT,"
	"  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1, 2)),"
	"  preferential TEXT,"
	"  name TEXT NOT NULL,"
	"  salutation TEXT,"
	"  id_number TEXT,"
	"  email TEXT,"
	"  phone TEXT,"
	"  office TEXT,"
	"  requester_kind TEXT,"
	"  subject TEXT,"
	"  description TEXT,"
	"  external_ref TEXT,"
	/* OR chains, not IN (...): SQLite evaluates an IN list of more
	 * than two values through an ephemeral table on every insert */
	"  status TEXT NOT NULL DEFAULT 'radicada' CHECK ("
	"    status = 'radicada' OR status = 'asignada' OR"
	"    status = 'en_espera' OR status = 'respondida' OR"
	"    status = 'cerrada' OR status = 'trasladada' OR"
	"    status = 'desistida' OR status = 'anulada'),"
	"  assignee TEXT,"
	/* Ley 1755 art. 17: the requirement's day and its month limit,
	 * set while the clock is stopped */
	"  held_on TEXT,"
	"  hold_limit TEXT,"
	/* art. 14 parágrafo: the date an extension gave */
	"  extended_to TEXT,"
	/* ... and the term it made, in business days from effective_on, so
	 * that a later suspension or closure moves it like any term */
	"  extended_days INTEGER,"
	"  answered_at TEXT,"
	"  outcome TEXT,"
	/* art. 21: the authority a request was forwarded to */
	"  forwarded_to TEXT,"
	"  closed_at TEXT,"
	/* the requester's satisfaction, 1 to 5 */
	"  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5)"
	");"
	"CREATE UNIQUE INDEX requests_external_ref ON requests (external_ref)"
	"  WHERE external_ref IS NOT NULL;"
	/* the attention order: priority, arrival, number */
	"CREATE INDEX requests_queue ON requests (priority DESC, received_ts, seq)"
	"  WHERE " RS_OPEN_SQL ";"
	/* a radicado is never deleted: anulada is a status */
	"CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests BEGIN"
	"  SELECT RAISE(ABORT, 'requests are never deleted');"
	"END;"
	"CREATE TABLE events ("
	"  seq INTEGER PRIMARY KEY,"
	"  request INTEGER NOT NULL,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  details TEXT,"
	"  due_on TEXT,"
	"  prev_hash BLOB NOT NULL,"
	"  hash BLOB NOT NULL"
	");"
	"CREATE INDEX events_request ON events (request, seq);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'events are append-only');"
	"END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'events are append-only');"
	"END;"
	/* the chain's head, written with each commit: removing the last
	 * events leaves a chain that is whole but shorter than this */
	"CREATE TABLE chain ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  events INTEGER NOT NULL,"
	"  head BLOB NOT NULL"
	");"
	/* DESIGN §7: every notice delivered, recorded after delivery */
	"CREATE TABLE notices ("
	"  seq INTEGER PRIMARY KEY,"
	"  request INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  message_id TEXT NOT NULL,"
	"  via TEXT NOT NULL,"
	"  sent_at TEXT NOT NULL,"
	"  sent_by TEXT NOT NULL"
	");"
	"CREATE INDEX notices_request ON notices (request, kind);"
	/*
	 * For analysts: every day of the years rs counts in, whether it is
	 * a business day and why not, and its rank (business days from the
	 * first day up to it), so that SQL counts business days exactly as
	 * rs does: rank(b) - rank(a).  Rewritten when the calendar changes.
	 */
	"CREATE TABLE business_days ("
	"  day TEXT PRIMARY KEY,"
	"  business INTEGER NOT NULL,"
	"  rank INTEGER NOT NULL,"
	"  holiday TEXT,"
	"  closure TEXT"
	") WITHOUT ROWID;"
	/* the documented views: the figures rs-report uses, no personal
	 * data (no names, documents, addresses, phones or free text) */
	"CREATE VIEW v_requests AS SELECT"
	"  r.id, r.status, r.received_at,"
	"  substr(r.received_at, 1, 10) AS received_on,"
	"  r.effective_on, r.due_on, r.term_days, r.channel, r.type,"
	"  r.topic, r.team, r.priority, r.preferential, r.requester_kind,"
	"  r.assignee, r.hold_limit, r.extended_to, r.forwarded_to,"
	"  substr(r.answered_at, 1, 10) AS answered_on, r.outcome,"
	"  substr(r.closed_at, 1, 10) AS closed_on, r.rating,"
	"  CASE WHEN r.answered_at IS NOT NULL THEN"
	"    a.rank - e.rank END AS business_days_taken,"
	"  CASE WHEN r.answered_at IS NULL OR r.due_on IS NULL THEN NULL"
	"    WHEN substr(r.answered_at, 1, 10) <= r.due_on THEN 1"
	"    ELSE 0 END AS on_time,"
	"  CASE WHEN r.status IN ('radicada', 'asignada', 'en_espera')"
	"    THEN 1 ELSE 0 END AS open"
	" FROM requests r"
	" LEFT JOIN business_days e ON e.day = r.effective_on"
	" LEFT JOIN business_days a ON a.day = substr(r.answered_at, 1, 10);"
	"CREATE VIEW v_events AS SELECT"
	"  e.seq, r.id, e.at, substr(e.at, 1, 10) AS on_day, e.actor, e.kind,"
	"  e.due_on, json_extract(e.details, '$.outcome') AS outcome,"
	"  json_extract(e.details, '$.as') AS closed_as,"
	"  json_extract(e.details, '$.late') AS late,"
	"  json_extract(e.details, '$.rating') AS rating,"
	"  json_extract(e.details, '$.kind') AS notice_kind"
	" FROM events e JOIN requests r ON r.seq = e.request;",
	/*
	 * 1 -> 2: what came in and what was answered in a period, found
	 * without reading every request (the daily report, the period
	 * reports).  The answers' index leaves out the unanswered, so an
	 * intake does not write it.  And the waiting requests in the order
	 * of attention, for rs-queue next.
	 */
	"CREATE INDEX requests_received ON requests (received_ts);"
	"CREATE INDEX requests_answered ON requests (answered_at)"
	"  WHERE answered_at IS NOT NULL;"
	/* the next one to take, without stepping over every request
	 * already taken: those stay at the head of requests_queue, and each
	 * take read them all again */
	"CREATE INDEX requests_waiting ON requests (" RS_ATTENTION_ORDER ")"
	"  WHERE " RS_WAITING_SQL ";",
	/*
	 * 2 -> 3: the mailbox as a conversation (rs-intake -m sorts what
	 * comes in) and the documents kept.
	 *
	 * blobs: every document once, by its SHA-256 (lower-case hex);
	 * its bytes in the database so that a backup stays one file.  The
	 * bytes of an anonymized request's documents are purged (data
	 * NULL); the hash stays, as it does in the chained event.
	 */
	"CREATE TABLE blobs ("
	"  hash TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  data BLOB,"
	"  purged_at TEXT"
	") WITHOUT ROWID;"
	/* a request's documents: the original message itself (role
	 * 'message'), what it carried ('attachment'), what the desk
	 * scanned ('desk') and what went with the answer ('answer');
	 * event is the chained event that names the hash */
	"CREATE TABLE documents ("
	"  seq INTEGER PRIMARY KEY,"
	"  request INTEGER NOT NULL,"
	"  event INTEGER NOT NULL,"
	"  role TEXT NOT NULL CHECK (role = 'message' OR"
	"    role = 'attachment' OR role = 'desk' OR role = 'answer'),"
	"  name TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  hash TEXT NOT NULL REFERENCES blobs (hash),"
	"  added_at TEXT NOT NULL,"
	"  message_id TEXT"
	");"
	"CREATE INDEX documents_request ON documents (request, seq);"
	"CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN"
	"  SELECT RAISE(ABORT, 'documents are never deleted');"
	"END;"
	/* a notice is sent when it leaves, failed when a bounce names it
	 * (the request then does not count as notified); envelope is the
	 * per-notice return address its bounce comes back to */
	"ALTER TABLE notices ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'"
	"  CHECK (state = 'sent' OR state = 'failed');"
	"ALTER TABLE notices ADD COLUMN failed_at TEXT;"
	"ALTER TABLE notices ADD COLUMN failure TEXT;"
	"ALTER TABLE notices ADD COLUMN envelope TEXT;"
	/* when a read receipt (RFC 8098) said the requester saw it: Ley
	 * 1437 art. 56 counts an electronic notification from its access */
	"ALTER TABLE notices ADD COLUMN accessed_at TEXT;"
	"CREATE INDEX notices_message_id ON notices (message_id);"
	"CREATE INDEX notices_failed ON notices (request) WHERE state = 'failed';"
	/* every message rs-intake -m took and what became of it: the same
	 * message twice is sorted once, and a later reply whose
	 * References name an earlier one finds its request */
	"CREATE TABLE mail_seen ("
	"  message_id TEXT PRIMARY KEY,"
	"  decision TEXT NOT NULL,"
	"  request INTEGER,"
	"  inbox INTEGER"
	") WITHOUT ROWID;"
	/* what could not be sorted safely waits for an operator */
	"CREATE TABLE inbox ("
	"  seq INTEGER PRIMARY KEY,"
	"  received_at TEXT NOT NULL,"
	"  from_addr TEXT NOT NULL,"
	"  from_name TEXT,"
	"  subject TEXT,"
	"  message_id TEXT,"
	"  reason TEXT NOT NULL,"
	"  request INTEGER,"
	"  hash TEXT NOT NULL REFERENCES blobs (hash),"
	/* what attaching or registering it needs, as JSON */
	"  letter TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'pendiente' CHECK ("
	"    state = 'pendiente' OR state = 'adjuntado' OR"
	"    state = 'radicado' OR state = 'descartado'),"
	"  decided_at TEXT,"
	"  decided_by TEXT,"
	"  decision TEXT"
	");"
	"CREATE INDEX inbox_pending ON inbox (seq) WHERE state = 'pendiente';"
	/* answered (the office decided) is not notified (Ley 1437 art.
	 * 56: the answer reached the requester): the day the respuesta
	 * left and was not returned, and how many notices came back */
	"DROP VIEW v_requests;"
	"CREATE VIEW v_requests AS SELECT"
	"  r.id, r.status, r.received_at,"
	"  substr(r.received_at, 1, 10) AS received_on,"
	"  r.effective_on, r.due_on, r.term_days, r.channel, r.type,"
	"  r.topic, r.team, r.priority, r.preferential, r.requester_kind,"
	"  r.assignee, r.hold_limit, r.extended_to, r.forwarded_to,"
	"  substr(r.answered_at, 1, 10) AS answered_on, r.outcome,"
	"  substr(r.closed_at, 1, 10) AS closed_on, r.rating,"
	"  CASE WHEN r.answered_at IS NOT NULL THEN"
	"    a.rank - e.rank END AS business_days_taken,"
	"  CASE WHEN r.answered_at IS NULL OR r.due_on IS NULL THEN NULL"
	"    WHEN substr(r.answered_at, 1, 10) <= r.due_on THEN 1"
	"    ELSE 0 END AS on_time,"
	"  CASE WHEN r.status IN ('radicada', 'asignada', 'en_espera')"
	"    THEN 1 ELSE 0 END AS open,"
	"  (SELECT substr(min(n.sent_at), 1, 10) FROM notices n"
	"    WHERE n.request = r.seq AND n.kind = 'respuesta'"
	"    AND n.state = 'sent' AND n.via <> 'print') AS notified_on,"
	"  CASE WHEN " RS_ANSWER_RETURNED_SQL("r") " THEN 1 ELSE 0 END"
	"    AS answer_returned,"
	"  (SELECT substr(min(n.accessed_at), 1, 10) FROM notices n"
	"    WHERE n.request = r.seq AND n.kind = 'respuesta') AS answer_read_on"
	" FROM requests r"
	" LEFT JOIN business_days e ON e.day = r.effective_on"
	" LEFT JOIN business_days a ON a.day = substr(r.answered_at, 1, 10);"
	/* the notices as analysts count them: no address, and not the mail
	 * server's reason for a failure, which quotes the address */
	"CREATE VIEW v_notices AS SELECT"
	"  n.seq, r.id, n.kind, n.via, n.sent_at,"
	"  substr(n.sent_at, 1, 10) AS sent_on, n.state, n.failed_at,"
	"  n.accessed_at"
	" FROM notices n JOIN requests r ON r.seq = n.request;",

	/*
	 * 3 -> 4: the term catalog over time (DESIGN §9).  A type's term
	 * is that of the day a request was received, so that Decreto 491
	 * de 2020 art. 5 holds for what came in while it was in force: each
	 * type has periods, each with the rule that sets it.  Here each
	 * type's row becomes its one period from the first day rs counts
	 * in; migrate() then gives the types of the built-in table their
	 * periods (terms_over_time).
	 */
	"CREATE TABLE terms_v4 ("
	"  type TEXT NOT NULL,"
	/* the first and the last day received (the local date of
	 * received_at) the period holds; valid_until NULL: in force */
	"  valid_from TEXT NOT NULL,"
	"  valid_until TEXT CHECK (valid_until IS NULL OR"
	"    valid_until >= valid_from),"
	"  days INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 365),"
	/* the rule, as explanations cite it; NULL: none (no term, or a
	 * type of the office's own) */
	"  law TEXT,"
	"  description TEXT NOT NULL,"
	"  PRIMARY KEY (type, valid_from)"
	");"
	"INSERT INTO terms_v4 (type, valid_from, days, description)"
	"  SELECT type, '" RS_CALENDAR_FIRST_DAY "', days, description"
	"  FROM terms ORDER BY rowid;"
	"DROP TABLE terms;"
	"ALTER TABLE terms_v4 RENAME TO terms;"
	/* one period in force a type */
	"CREATE UNIQUE INDEX terms_in_force ON terms (type)"
	"  WHERE valid_until IS NULL;",

	/*
	 * 4 -> 5: the calendar keeps its history (DESIGN §9; Ley 4 de 1913
	 * art. 62: a day counts as it was).  The Saturday setting takes
	 * effect from a day; what was set before this step held all along.
	 * A closure records when it was decided.
	 */
	"CREATE TABLE saturdays ("
	"  from_day TEXT PRIMARY KEY,"
	"  open INTEGER NOT NULL CHECK (open IN (0, 1)),"
	"  set_at TEXT"
	") WITHOUT ROWID;"
	"INSERT INTO saturdays (from_day, open)"
	"  SELECT '" RS_CALENDAR_FIRST_DAY "', 1 FROM settings"
	"  WHERE key = 'saturday' AND value = 'yes';"
	"ALTER TABLE closures ADD COLUMN added_at TEXT;",

	/*
	 * 5 -> 6: the operator's desk (DESIGN §5).
	 *
	 * Each event keeps the wall-clock time it was written beside the
	 * time it claims (at), and the reason given when the two are
	 * further apart than the setting clock_bound; both are chained.
	 * Events before this step have neither.
	 */
	"ALTER TABLE events ADD COLUMN written_at TEXT;"
	"ALTER TABLE events ADD COLUMN time_reason TEXT;"
	/* requests the law accepts without a name or a mailbox: an
	 * anonymous denuncia, a letter with a postal address only, and
	 * one made through a representative (Ley 1755 art. 16) */
	"ALTER TABLE requests ADD COLUMN address TEXT;"
	"ALTER TABLE requests ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0"
	"  CHECK (anonymous = 0 OR anonymous = 1);"
	"ALTER TABLE requests ADD COLUMN representative_name TEXT;"
	"ALTER TABLE requests ADD COLUMN representative_id_number TEXT;"
	"ALTER TABLE requests ADD COLUMN representative_email TEXT;"
	"ALTER TABLE requests ADD COLUMN representative_phone TEXT;"
	/* Ley 1755 art. 20: why a request was given urgent attention */
	"ALTER TABLE requests ADD COLUMN priority_reason TEXT;"
	/* duplicates, merges and art. 22's identical petitions: each link
	 * once, from the request that was linked to the one it joins */
	"CREATE TABLE links ("
	"  request INTEGER NOT NULL,"
	"  other INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind = 'duplicate' OR kind = 'merged'"
	"    OR kind = 'identical'),"
	"  linked_at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  PRIMARY KEY (request, other),"
	"  CHECK (request <> other)"
	");"
	"CREATE INDEX links_other ON links (other);"
	/* the people at the desk: their names in greetings and reminders,
	 * their team, and who coordinates it */
	"CREATE TABLE users ("
	"  login TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  email TEXT,"
	"  team TEXT,"
	"  coordinator INTEGER NOT NULL DEFAULT 0"
	"    CHECK (coordinator = 0 OR coordinator = 1),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)"
	") WITHOUT ROWID;"
	/* finding a caller without a radicado: SQLite's FTS5 over the
	 * request's own columns, accents folded, kept by triggers */
	"CREATE VIRTUAL TABLE requests_fts USING fts5("
	"  name, representative_name, id_number, email, phone, subject,"
	"  description, content = 'requests', content_rowid = 'seq',"
	"  tokenize = '" RS_FTS_TOKENIZER "');"
	"CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN"
	"  INSERT INTO requests_fts (rowid, name, representative_name,"
	"    id_number, email, phone, subject, description)"
	"  VALUES (new.seq, new.name, new.representative_name, new.id_number,"
	"    new.email, new.phone, new.subject, new.description);"
	"END;"
	"CREATE TRIGGER requests_fts_update AFTER UPDATE OF name,"
	"  representative_name, id_number, email, phone, subject, description"
	"  ON requests BEGIN"
	"  INSERT INTO requests_fts (requests_fts, rowid, name,"
	"    representative_name, id_number, email, phone, subject,"
	"    description)"
	"  VALUES ('delete', old.seq, old.name, old.representative_name,"
	"    old.id_number, old.email, old.phone, old.subject,"
	"    old.description);"
	"  INSERT INTO requests_fts (rowid, name, representative_name,"
	"    id_number, email, phone, subject, description)"
	"  VALUES (new.seq, new.name, new.representative_name, new.id_number,"
	"    new.email, new.phone, new.subject, new.description);"
	"END;"
	"INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');",

	/*
	 * 6 -> 7: personal data out of the chain (Ley 1581 de 2012).  An
	 * event that concerns the requester's data keeps it here, not in
	 * its chained details, which hold the SHA-256 of this row's data
	 * instead (a random nonce in it: once the row is gone the hash says
	 * nothing); rs-admin anonymize deletes the rows, and the chain stays
	 * whole.  A notice event names its row of notices instead of the
	 * address.  The events written before this step keep what they
	 * hold: rewriting them would break the chain (rs-admin anonymize
	 * reports them).
	 */
	"CREATE TABLE event_data ("
	"  event INTEGER PRIMARY KEY,"
	"  request INTEGER NOT NULL,"
	"  data TEXT NOT NULL"
	");"
	"CREATE INDEX event_data_request ON event_data (request);",
	/* 7 -> 8: the public web page (rs-web).  A requester looks a
	 * request up with its radicado and a random code given with it;
	 * only the code's hash is kept, one a place it was given (the
	 * page, each acuse).  The page counts submissions per address
	 * and hour, and keeps a day of them. */
	"CREATE TABLE access_codes ("
	"  request INTEGER NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  given TEXT NOT NULL,"
	"  made_at TEXT NOT NULL"
	");"
	"CREATE INDEX access_codes_request ON access_codes (request);"
	"CREATE TABLE web_hits ("
	"  address TEXT NOT NULL,"
	"  hour INTEGER NOT NULL,"
	"  hits INTEGER NOT NULL,"
	"  PRIMARY KEY (address, hour)"
	") WITHOUT ROWID;",
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))
_Static_assert(NMIGRATIONS == RS_SCHEMA_VERSION,
    "one migration step for each schema version");

struct setting {
	const char	*key;
	const char	*def;
};

/* Every setting and its default; the man page rs-admin(1) lists them. */
static const struct setting settings[] = {
	{ "bounce_address",	"" },
	{ "clock_bound",	"60" },
	{ "cutoff",		"16:00" },
	{ "hours",		"08:00-12:00,13:00-16:00" },
	{ "mail_topic",		"" },
	{ "mail_type",		"peticion" },
	{ "max_message",	"25" },
	{ "office_address",	"" },
	{ "office_email",	"" },
	{ "office_name",	"Oficina de Atención al Ciudadano" },
	{ "office_phone",	"" },
	{ "prefix",		"RS" },
	{ "received_days",	"3650" },
	{ "retention",		"" },
	{ "saturday",		"no" },
	{ "sender",		"" },
	{ "switchboard",	"" },
	{ "templates",		"" },
	{ "web_rate",		"30" },
	{ "zone",		"America/Bogota" },
};

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

static const char *setting_keys[NSETTINGS + 1];

const char *
rs_db_path(const char *opt)
{
	const char *p;

	if (opt && *opt)
		return opt;
	if ((p = getenv("RS_DB")) && *p)
		return p;
	return "rs.db";
}

static int pragma_int(struct rs_db *, const char *);

static int
db_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return EX_TEMPFAIL;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return EX_NOPERM;
	case SQLITE_CANTOPEN:
		return EX_NOINPUT;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return EX_IOERR;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
		return EX_DATAERR;
	default:
		return EX_SOFTWARE;
	}
}

void
rs_db_die(struct rs_db *db)
{
	int rc;

	if (db->pg != NULL)
		rs_pg_die(db);
	rc = sqlite3_extended_errcode(db->h);
	/* a damaged file is said to be one, with SQLite's own words; for
	 * the audit, whatever the file makes fail (a schema changed behind
	 * rs: "no such column") is the file's fault too */
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ||
	    (db->untrusted && db_status(rc) == EX_SOFTWARE))
		rs_die(EX_DATAERR, "%s: damaged database: %s%s", db->path,
		    sqlite3_errmsg(db->h), (rc & 0xff) == SQLITE_NOMEM ?
		    " (a damaged record claims more than can be allocated)" :
		    "");
	rs_die(db_status(rc), "%s: %s", db->path, sqlite3_errmsg(db->h));
}

void
rs_db_exec(struct rs_db *db, const char *sql)
{
	if (db->pg != NULL)
		rs_pg_exec(db, sql);
	else if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		rs_db_die(db);
}

/*
 * Before the first write of a connection, inside its transaction: is the
 * file sound?  A write reads only the pages it goes through, so a damaged
 * page elsewhere would go unseen and the write succeed into a file that
 * rs-admin check calls malformed.  SQLite's integrity_check reads every
 * page: the b-trees, cells, free list, NOT NULL and CHECK constraints,
 * and that every index agrees with its table.  quick_check, which skips
 * the last, costs as much here and misses a damaged WITHOUT ROWID table
 * (business_days: rows out of order, NULLs), which check then reports.
 * It costs some 4 ms of processor a megabyte (bench/README.md), so only
 * files up to RS_WRITE_CHECK_MAX are checked; a larger one relies on
 * SQLite's own errors on the pages it reads.
 */
static void
sound(struct rs_db *db)
{
	struct rs_buf msg = { 0 };
	struct rs_stmt *st;
	const char *p;
	int bad = 0;

	if (db->checked++)
		return;
	if ((int64_t)pragma_int(db, "PRAGMA page_count") *
	    pragma_int(db, "PRAGMA page_size") > RS_WRITE_CHECK_MAX)
		return;
	st = rs_db_prepare(db, "PRAGMA integrity_check(1)");
	while (rs_db_step(db, st))
		if ((p = rs_col_text(st, 0)) != NULL &&
		    strcmp(p, "ok") != 0) {
			bad = 1;
			/* its lines in one, a message being one line, and
			 * without the heading of the main database */
			if (strncmp(p, "*** in database main ***\n", 25) == 0)
				p += 25;
			for (; *p; p++)
				rs_buf_addc(&msg, *p == '\n' ? ' ' : *p);
		}
	rs_finalize(st);
	if (bad) {
		rs_db_rollback(db);
		rs_die(EX_DATAERR, "%s: damaged database: %s; nothing was "
		    "written", db->path, rs_buf_str(&msg));
	}
}

void
rs_db_begin(struct rs_db *db)
{
	if (db->pg != NULL) {
		rs_pg_begin(db, 0);
		return;
	}
	rs_db_exec(db, "BEGIN IMMEDIATE");
	sound(db);
}

int
rs_db_try_begin(struct rs_db *db)
{
	if (db->pg != NULL)
		return rs_pg_begin(db, 1);
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK) {
		sound(db);
		return 0;
	}
	if ((sqlite3_extended_errcode(db->h) & 0xff) == SQLITE_BUSY)
		return -1;
	rs_db_die(db);
}

void
rs_db_commit(struct rs_db *db)
{
	rs_event_flush(db);
	if (db->pg != NULL)
		rs_pg_commit(db);
	else
		rs_db_exec(db, "COMMIT");
}

void
rs_db_rollback(struct rs_db *db)
{
	if (db->pg != NULL)
		rs_pg_rollback(db);
	else if (rs_db_in_transaction(db))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	rs_event_reset();
}

void
rs_db_read_begin(struct rs_db *db)
{
	if (db->pg != NULL)
		rs_pg_read_begin(db);
	else
		rs_db_exec(db, "BEGIN");
}

void
rs_db_read_end(struct rs_db *db)
{
	rs_db_exec(db, "COMMIT");
}



/*
 * Waiting for another writer: short sleeps, because an rs transaction
 * holds the lock for about a millisecond, where SQLite's own handler
 * sleeps up to 100 ms at a time.  Give up (and exit 75 at the caller)
 * once RS_BUSY_TIMEOUT milliseconds have passed.
 */
static int
busy_wait(void *arg, int count)
{
	struct rs_db *db = arg;
	struct timespec ts, now;
	long waited_ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		db->busy_since = now;
	waited_ms = (now.tv_sec - db->busy_since.tv_sec) * 1000 +
	    (now.tv_nsec - db->busy_since.tv_nsec) / 1000000;
	if (waited_ms >= db->busy_ms)
		return 0;
	/* 200 to 700 microseconds, spread so waiters do not move in step */
	ts.tv_sec = 0;
	ts.tv_nsec = 200000 + (long)((unsigned)(now.tv_nsec ^ getpid()) %
	    500) * 1000;
	nanosleep(&ts, NULL);
	return 1;
}

static int
pragma_int(struct rs_db *db, const char *sql)
{
	struct rs_stmt *st;
	int v = 0;

	st = rs_db_prepare(db, sql);
	if (rs_db_step(db, st))
		v = rs_col_int(st, 0);
	rs_finalize(st);
	return v;
}

static int
user_version(struct rs_db *db)
{
	return pragma_int(db, "PRAGMA user_version");
}

/*
 * Part of step 1 -> 2.  Version 1 wrote the priority check as `priority
 * IN (0, 1, 2)`, and for that list SQLite built a temporary table at
 * every insert into requests: a fifth of an intake's instructions.  The
 * same rule in three comparisons costs nothing.  The table's stored text
 * is edited in place, as SQLite's documentation allows for a change that
 * every stored row still satisfies; raising schema_version makes every
 * connection, this one included, read the schema again.
 */
static void
plain_priority_check(struct rs_db *db)
{
	char sql[64];
	int cookie;

	cookie = pragma_int(db, "PRAGMA schema_version");
	rs_db_exec(db, "PRAGMA writable_schema = ON");
	rs_db_exec(db, "UPDATE sqlite_schema SET sql = replace(sql, "
	    "'CHECK (priority IN (0, 1, 2))', "
	    "'CHECK (priority = 0 OR priority = 1 OR priority = 2)') "
	    "WHERE type = 'table' AND name = 'requests'");
	snprintf(sql, sizeof(sql), "PRAGMA schema_version = %d", cookie + 1);
	rs_db_exec(db, sql);
	rs_db_exec(db, "PRAGMA writable_schema = OFF");
}

/* The years the business_days table covers. */
#define BDAYS_FIRST	2000
#define BDAYS_LAST	2099

void
rs_db_business_days(struct rs_db *db, struct rs_calendar *cal)
{
	struct rs_stmt *st;
	char date[RS_DATE_LEN];
	const char *why;
	rs_day d, end;
	long rank = 0;
	int b;

	rs_db_exec(db, "DELETE FROM business_days");
	st = rs_db_prepare(db, "INSERT INTO business_days (day, business, "
	    "rank, holiday, closure) VALUES (?, ?, ?, ?, ?)");
	end = rs_day_from_ymd(BDAYS_LAST + 1, 1, 1);
	for (d = rs_day_from_ymd(BDAYS_FIRST, 1, 1); d < end; d++) {
		b = rs_business_day(cal, d);
		rank += b;
		rs_format_date(d, date);
		rs_bind_copy(st, 1, date);
		rs_bind_int(st, 2, b);
		rs_bind_int64(st, 3, rank);
		if ((why = rs_holiday_name(d)) != NULL)
			rs_bind_text(st, 4, why);
		else
			rs_bind_null(st, 4);
		if ((why = rs_calendar_closure(cal, d)) != NULL)
			rs_bind_copy(st, 5, why);
		else
			rs_bind_null(st, 5);
		rs_db_step(db, st);
		rs_reset(st);
	}
	rs_finalize(st);
}

/*
 * The term table's first rows come from the one list in terms.c: in the
 * table of version 1, a row a type, the period in force; step 3 -> 4
 * gives them the others.
 */
static void
seed_terms(struct rs_db *db)
{
	const struct rs_term *t;
	struct rs_stmt *st;

	st = rs_db_prepare(db, "INSERT INTO terms (type, days, description) "
	    "VALUES (?, ?, ?)");
	for (t = rs_default_terms; t->type; t++) {
		if (t->valid_until != NULL)
			continue;
		rs_bind_text(st, 1, t->type);
		if (t->days > 0)
			rs_bind_int(st, 2, t->days);
		else
			rs_bind_null(st, 2);
		rs_bind_text(st, 3, t->description);
		rs_db_step(db, st);
		rs_reset(st);
	}
	rs_finalize(st);
}

/* Bind a period's values from column i on: valid_until (with until),
 * days, law, description. */
static void
bind_period(struct rs_stmt *st, int i, const struct rs_term *t, int until,
    int days, const char *description)
{
	if (until)
		rs_bind_text(st, i++, t->valid_until);
	if (days > 0)
		rs_bind_int(st, i++, days);
	else
		rs_bind_null(st, i++);
	if (t->law)
		rs_bind_text(st, i++, t->law);
	else
		rs_bind_null(st, i++);
	rs_bind_text(st, i, description);
}

/*
 * Part of step 3 -> 4.  Each type the built-in table knows gets its
 * periods: those of the rule in force today (the law and the days of its
 * open period) with the days and description the office kept in its
 * row, the others (Decreto 491 de 2020) as built in.  The row itself
 * becomes the open period, so the types keep their order.  A type the
 * office added keeps its one period.  Version 3 described autoridad as
 * any petition of another authority; art. 30 is about information or
 * documents only.
 */
static void
terms_over_time(struct rs_db *db)
{
	static const char old_autoridad[] =
	    "Petición de otra autoridad (Ley 1755 art. 30)";
	const struct rs_term *now, *t;
	struct rs_stmt *get, *upd, *ins;
	char *description;
	int days, same;

	get = rs_db_prepare(db, "SELECT days, description FROM terms "
	    "WHERE type = ?");
	upd = rs_db_prepare(db, "UPDATE terms SET valid_from = ?2, "
	    "days = ?3, law = ?4, description = ?5 WHERE type = ?1");
	ins = rs_db_prepare(db, "INSERT INTO terms (type, valid_from, "
	    "valid_until, days, law, description) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	for (now = rs_default_terms; now->type; now++) {
		if (now->valid_until != NULL)
			continue;
		rs_bind_text(get, 1, now->type);
		if (!rs_db_step(db, get)) {
			rs_reset(get);
			continue;
		}
		days = rs_col_int(get, 0);
		description = rs_strdup(rs_col_text(get, 1));
		rs_reset(get);
		/* a description as rs wrote it is each period's own */
		if (strcmp(description, now->description) == 0 ||
		    strcmp(description, old_autoridad) == 0) {
			free(description);
			description = NULL;
		}

		rs_bind_text(upd, 1, now->type);
		rs_bind_text(upd, 2, now->valid_from);
		bind_period(upd, 3, now, 0, days, description ? description :
		    now->description);
		rs_db_step(db, upd);
		rs_reset(upd);

		for (t = rs_default_terms; t->type; t++) {
			if (t->valid_until == NULL ||
			    strcmp(t->type, now->type) != 0)
				continue;
			same = t->days == now->days && (t->law == NULL ||
			    now->law == NULL ? t->law == now->law :
			    strcmp(t->law, now->law) == 0);
			rs_bind_text(ins, 1, t->type);
			rs_bind_text(ins, 2, t->valid_from);
			bind_period(ins, 3, t, 1, same ? days : t->days,
			    same && description ? description :
			    t->description);
			rs_db_step(db, ins);
			rs_reset(ins);
		}
		free(description);
	}
	rs_finalize(get);
	rs_finalize(upd);
	rs_finalize(ins);
}

/* The catalog's order: types as they were added, each type's periods
 * by date. */
#define TERMS_ORDER \
	" ORDER BY (SELECT min(rowid) FROM terms u WHERE u.type = t.type)," \
	" valid_from"

int
rs_db_term(struct rs_db *db, const char *type, rs_day day, struct rs_term *t)
{
	static char *kept[5];
	struct rs_stmt *st;
	char date[RS_DATE_LEN];
	const char *v;
	int found = 0, any = 0, i;

	rs_format_date(day, date);
	st = rs_db_prepare(db, "SELECT type, valid_from, valid_until, law, "
	    "description, days, valid_from <= ?2 AND (valid_until IS NULL OR "
	    "valid_until >= ?2) FROM terms WHERE type = ?1");
	rs_bind_text(st, 1, type);
	rs_bind_text(st, 2, date);
	while (!found && rs_db_step(db, st)) {
		any = 1;
		if (!rs_col_int(st, 6))
			continue;
		found = 1;
		for (i = 0; i < 5; i++) {
			free(kept[i]);
			v = rs_col_text(st, i);
			kept[i] = v ? rs_strdup(v) : NULL;
		}
		t->type = kept[0];
		t->valid_from = kept[1];
		t->valid_until = kept[2];
		t->law = kept[3];
		t->description = kept[4];
		t->days = rs_col_int(st, 5);
	}
	rs_finalize(st);
	if (any && !found)
		rs_die(EX_DATAERR, "%s: terms: no period of %s for a request "
		    "received on %s", db->path, type, date);
	return found ? 0 : -1;
}

const char *
rs_db_term_law(struct rs_db *db, const char *type, rs_day day, int days)
{
	static char *law;
	struct rs_stmt *st;
	char date[RS_DATE_LEN];
	const char *v;

	free(law);
	law = NULL;
	rs_format_date(day, date);
	st = rs_db_prepare(db, "SELECT law FROM terms "
	    "WHERE type = ?1 AND coalesce(days, 0) = ?3 "
	    "ORDER BY valid_from <= ?2 AND (valid_until IS NULL OR "
	    "valid_until >= ?2) DESC, valid_from DESC LIMIT 1");
	rs_bind_text(st, 1, type);
	rs_bind_text(st, 2, date);
	rs_bind_int(st, 3, days);
	if (rs_db_step(db, st) &&
	    (v = rs_col_text(st, 0)) != NULL)
		law = rs_strdup(v);
	rs_finalize(st);
	return law;
}

/* The first column of each row, as a NULL-ended list. */
static char **
column_list(struct rs_db *db, const char *sql, size_t *n)
{
	struct rs_stmt *st;
	char **list;

	*n = 0;
	list = rs_calloc(1, sizeof(*list));
	st = rs_db_prepare(db, sql);
	while (rs_db_step(db, st)) {
		list = rs_realloc(list, (*n + 2) * sizeof(*list));
		list[(*n)++] = rs_strdup(rs_col_text(st, 0));
		list[*n] = NULL;
	}
	rs_finalize(st);
	return list;
}

char **
rs_db_types(struct rs_db *db, size_t *n)
{
	return column_list(db, "SELECT type FROM terms GROUP BY type "
	    "ORDER BY min(rowid)", n);
}

char **
rs_db_topics(struct rs_db *db, size_t *n)
{
	return column_list(db, "SELECT topic FROM topics ORDER BY topic", n);
}

static const struct rs_column term_columns[] = {
	{ "type", "Tipo", 0 },
	{ "days", "Días hábiles", RS_NUMERIC },
	{ "description", "Descripción", RS_WIDE },
};

static const struct rs_column period_columns[] = {
	{ "type", "Tipo", 0 },
	{ "valid_from", "Desde", 0 },
	{ "valid_until", "Hasta", 0 },
	{ "days", "Días hábiles", RS_NUMERIC },
	{ "law", "Norma", 0 },
	{ "description", "Descripción", RS_WIDE },
};

const struct rs_column *
rs_term_columns(int all, size_t *n)
{
	if (all) {
		*n = sizeof(period_columns) / sizeof(period_columns[0]);
		return period_columns;
	}
	*n = sizeof(term_columns) / sizeof(term_columns[0]);
	return term_columns;
}

void
rs_db_terms_list(struct rs_db *db, int all, struct rs_out *out)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, all ? "SELECT type, valid_from, valid_until, "
	    "days, law, description FROM terms t" TERMS_ORDER :
	    "SELECT type, days, description FROM terms t "
	    "WHERE valid_until IS NULL" TERMS_ORDER);
	rs_db_rows(db, st, out);
	rs_finalize(st);
}

void
rs_db_term_set(struct rs_db *db, const char *type, int days,
    const char *description)
{
	struct rs_stmt *st;
	int i;

	for (i = 0; i < 2; i++) {
		/* the period in force, else a new type from the first day */
		st = rs_db_prepare(db, i == 0 ? "UPDATE terms SET days = ?2, "
		    "description = coalesce(?3, description) "
		    "WHERE type = ?1 AND valid_until IS NULL" :
		    "INSERT INTO terms (type, valid_from, days, description) "
		    "VALUES (?1, '" RS_CALENDAR_FIRST_DAY "', ?2, "
		    "coalesce(?3, ?1))");
		rs_bind_text(st, 1, type);
		if (days > 0)
			rs_bind_int(st, 2, days);	/* 0: no term, NULL */
		if (description)
			rs_bind_text(st, 3, description);
		rs_db_step(db, st);
		rs_finalize(st);
		if (rs_db_changes(db) > 0)
			break;
	}
}

static const struct rs_column topic_columns[] = {
	{ "topic", "Tema", 0 },
	{ "team", "Equipo", 0 },
	{ "description", "Descripción", RS_WIDE },
};

const struct rs_column *
rs_topic_columns(size_t *n)
{
	*n = sizeof(topic_columns) / sizeof(topic_columns[0]);
	return topic_columns;
}

void
rs_db_topics_list(struct rs_db *db, struct rs_out *out)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "SELECT topic, team, description "
	    "FROM topics ORDER BY topic");
	rs_db_rows(db, st, out);
	rs_finalize(st);
}

void
rs_db_topic_set(struct rs_db *db, const char *topic, const char *team,
    const char *description)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "INSERT INTO topics (topic, team, description) "
	    "VALUES (?1, ?2, coalesce(?3, ?1)) ON CONFLICT (topic) DO UPDATE "
	    "SET team = excluded.team, "
	    "description = coalesce(?3, topics.description)");
	rs_bind_text(st, 1, topic);
	rs_bind_text(st, 2, team);
	if (description)
		rs_bind_text(st, 3, description);
	rs_db_step(db, st);
	rs_finalize(st);
}

/* Does the one-column query with one parameter find a row? */
static int
exists(struct rs_db *db, const char *sql, const char *v)
{
	struct rs_stmt *st;
	int found;

	st = rs_db_prepare(db, sql);
	rs_bind_text(st, 1, v);
	found = rs_db_step(db, st);
	rs_finalize(st);
	return found;
}

int
rs_db_type_known(struct rs_db *db, const char *type)
{
	return exists(db, "SELECT 1 FROM terms WHERE type = ?", type);
}

int
rs_db_topic_known(struct rs_db *db, const char *topic)
{
	return exists(db, "SELECT 1 FROM topics WHERE topic = ?", topic);
}

/* FreeBSD pkg's rule: one step a transaction, never a newer schema. */
static void
migrate(struct rs_db *db, int from)
{
	char sql[64];
	int v;

	for (v = from; v < (int)NMIGRATIONS; v++) {
		rs_db_begin(db);
		/* re-read under the write lock: another process may have
		 * migrated meanwhile */
		if (user_version(db) != v) {
			rs_db_commit(db);
			continue;
		}
		rs_db_exec(db, migrations[v]);
		if (v == 0) {
			struct rs_calendar cal;

			seed_terms(db);
			rs_calendar_init(&cal);
			rs_db_business_days(db, &cal);
			rs_calendar_free(&cal);
		}
		if (v == 1)
			plain_priority_check(db);
		if (v == 3)
			terms_over_time(db);
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		rs_db_exec(db, sql);
		rs_db_commit(db);
	}
}

/*
 * The file holds personal data (Ley 1581 de 2012; DESIGN §3: never
 * world-readable), and one others may write lets anyone rewrite the
 * history.  SQLite gives the -wal and -shm the database's own mode
 * whatever the umask, so a file open to others would open them too.
 * Refused for every command, the readers too: the group is the way to
 * share the file (rs-admin init -g), rs-admin export the way to hand
 * the figures to others.
 */
static void
private_file(const char *path)
{
	struct stat sb;
	const char *what;

	if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (sb.st_mode & (S_IROTH | S_IWOTH)) == 0)
		return;
	what = (sb.st_mode & S_IROTH) == 0 ? "write" :
	    (sb.st_mode & S_IWOTH) == 0 ? "read" : "read and write";
	rs_die(EX_NOPERM, "%s: others may %s it (mode %04o), and it holds "
	    "personal data; refused (chmod o-rwx %s)", path, what,
	    (unsigned)(sb.st_mode & 07777), path);
}

/* The database and the -wal and -shm beside it, where they are. */
static void
private_sides(const char *path)
{
	struct rs_buf side = { 0 };

	private_file(path);
	rs_buf_addf(&side, "%s-wal", path);
	private_file(rs_buf_str(&side));
	rs_buf_reset(&side);
	rs_buf_addf(&side, "%s-shm", path);
	private_file(rs_buf_str(&side));
	rs_buf_free(&side);
}

/*
 * SQLite opens the database without following a symbolic link anywhere
 * in its path (SQLITE_OPEN_NOFOLLOW: in a directory the group writes, a
 * link could send a writer to another file) and then says only that it
 * cannot open the file.  Name the link and the real path instead.
 */
static void
no_link_on_path(const char *path)
{
	struct rs_buf prefix = { 0 }, fix = { 0 };
	struct stat sb;
	char target[PATH_MAX], *dir, *real;
	const char *p, *base;
	ssize_t n;

	for (p = path; (p = strchr(p + 1, '/')) != NULL; ) {
		rs_buf_reset(&prefix);
		rs_buf_add(&prefix, path, (size_t)(p - path));
		if (prefix.len == 0 || lstat(rs_buf_str(&prefix), &sb) == -1 ||
		    !S_ISLNK(sb.st_mode))
			continue;
		if ((n = readlink(rs_buf_str(&prefix), target,
		    sizeof(target) - 1)) < 0)
			n = 0;
		target[n] = '\0';
		dir = rs_dirname(path);
		base = strrchr(path, '/') + 1;
		if ((real = realpath(dir, NULL)) != NULL)
			rs_buf_addf(&fix, " (use its real path: %s%s%s)", real,
			    strcmp(real, "/") == 0 ? "" : "/", base);
		rs_die(EX_NOPERM, "%s: %s is a symbolic link (to %s), and the "
		    "database is not opened through one; refused%s", path,
		    rs_buf_str(&prefix), target, rs_buf_str(&fix));
	}
	rs_buf_free(&prefix);
}

/*
 * Every command may write (a reader too needs the -shm file), so the
 * file must be readable and writable, and its directory writable for the
 * -wal and -shm files: say so plainly (77), where SQLite would only say
 * it cannot open the file.
 */
static void
permitted(const char *path, int mode)
{
	static const char *const sides[] = { "", "-wal", "-shm" };
	char *dir, *side;
	size_t i;

	/* a reader needs to read the file; how it reads it is open_read's */
	if (mode == RS_DB_READ) {
		if (access(path, R_OK) == -1 && errno == EACCES)
			rs_die(EX_NOPERM, "%s: permission denied (it must be "
			    "readable)", path);
		return;
	}

	/* a -wal or -shm left by an operator whose files the others
	 * cannot write (another group): SQLite would only say it cannot
	 * open the database */
	side = rs_malloc(strlen(path) + 5);
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		sprintf(side, "%s%s", path, sides[i]);
		if (access(side, R_OK | W_OK) == -1 && errno == EACCES)
			rs_die(EX_NOPERM, "%s: permission denied (it must be "
			    "readable and writable)", side);
	}
	free(side);
	dir = rs_dirname(path);
	if (access(dir, W_OK | X_OK) == -1 && errno == EACCES)
		rs_die(EX_NOPERM, "%s: permission denied (the database needs "
		    "its -wal and -shm files beside it)", dir);
	free(dir);
}

/*
 * Each rs command is one thread with one connection, started afresh for
 * each step an operator takes: SQLite's mutexes and its memory statistics
 * are pure cost there (a take spent about a tenth of its instructions on
 * them).  Set once, before SQLite initializes itself.
 */
static void
configure(void)
{
	static int done;

	if (done++)
		return;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * The -wal and -shm a reader made, when still its own and the -wal
 * empty: left there, owned by the reader, they would keep the writers out.
 * (Another reader that opened them meanwhile makes them again.)
 */
static void
remove_sides(const char *path)
{
	struct rs_buf wal = { 0 }, shm = { 0 };
	struct stat w, m;

	rs_buf_addf(&wal, "%s-wal", path);
	rs_buf_addf(&shm, "%s-shm", path);
	if (lstat(rs_buf_str(&wal), &w) == 0 && w.st_uid == geteuid() &&
	    w.st_size == 0 && lstat(rs_buf_str(&shm), &m) == 0 &&
	    m.st_uid == geteuid()) {
		unlink(rs_buf_str(&wal));
		unlink(rs_buf_str(&shm));
	}
	rs_buf_free(&wal);
	rs_buf_free(&shm);
}

/* The file of a reader that made its -wal and -shm, while open. */
static char *reader_path;

static void
reader_exit(void)
{
	if (reader_path != NULL)
		remove_sides(reader_path);
}

/* Whether the directory of path may not be written by this user. */
static int
dir_readonly(const char *path)
{
	char *dir;
	int ro;

	dir = rs_dirname(path);
	ro = access(dir, W_OK | X_OK) == -1;
	free(dir);
	return ro;
}

/*
 * SQLite reads a WAL database through its -shm index: a reader creates
 * it (and the -wal) when missing, which needs the directory writable, or
 * reads them as they are when both exist.  A copy in a directory no one
 * writes, with no -wal, is read as immutable: no index, no locks.  A -wal
 * that cannot be read that way holds pages the file lacks; reading the
 * file alone would show the past, so it is refused.
 */
static void
open_read(struct rs_db *db)
{
	struct rs_buf uri = { 0 }, wal = { 0 };
	struct stat sb;
	const char *p;
	int rc, had_wal;

	rs_buf_addf(&wal, "%s-wal", db->path);
	had_wal = lstat(rs_buf_str(&wal), &sb) == 0;
	rc = sqlite3_open_v2(db->path, &db->h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_master",
		    NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		/* what it made, owned by this reader, the writers could not
		 * open: rs_db_close removes them (DESIGN §3), and so does a
		 * reader that dies before it */
		if ((db->made_sides = !had_wal) && reader_path == NULL) {
			reader_path = rs_strdup(db->path);
			atexit(reader_exit);
		}
		rs_buf_free(&wal);
		return;
	}
	if (db->h == NULL)
		rs_die(EX_SOFTWARE, "%s: out of memory", db->path);
	if (stat(rs_buf_str(&wal), &sb) == 0 && sb.st_size > 0)
		rs_die(EX_NOPERM, "%s: cannot be read here: its -wal holds "
		    "changes not yet in the file, and SQLite needs to write "
		    "its -shm index beside it to read them (read it where "
		    "its directory is writable, or a copy made with rs-admin "
		    "backup)", db->path);
	/* immutable only where no one may write: else a writer could
	 * change the file under a reader that takes no locks */
	if (stat(db->path, &sb) == 0 && (sb.st_mode & 0222) != 0)
		rs_die(EX_NOPERM, "%s: cannot be read here: SQLite needs to "
		    "write its -shm index beside it, and the directory is not "
		    "writable (read it where it is, or a copy no one may "
		    "write: chmod a-w)", db->path);
	sqlite3_close(db->h);
	db->h = NULL;
	rs_buf_adds(&uri, "file:");
	for (p = db->path; *p; p++)	/* the path as a URI's */
		if (*p == '%' || *p == '?' || *p == '#')
			rs_buf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			rs_buf_addc(&uri, *p);
	rs_buf_adds(&uri, "?immutable=1");
	if (sqlite3_open_v2(rs_buf_str(&uri), &db->h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		if (db->h == NULL)
			rs_die(EX_SOFTWARE, "%s: out of memory", db->path);
		rs_db_die(db);
	}
	rs_buf_free(&uri);
	rs_buf_free(&wal);
}

struct rs_db *rs_db_opened;

/* Open path, naming it as name in what SQLite reports. */
long
rs_db_busy_ms(void)
{
	const char *env;
	char *end;
	long ms = 5000;

	if ((env = getenv("RS_BUSY_TIMEOUT")) && *env) {
		ms = strtol(env, &end, 10);
		if (*end != '\0' || ms < 0)
			rs_die(EX_CONFIG, "RS_BUSY_TIMEOUT: expected "
			    "milliseconds; got \"%s\"", env);
	}
	return ms;
}

static struct rs_db *
db_open(const char *path, const char *name, int mode)
{
	struct rs_db *db;
	struct stat sb;
	int v, flags, untrusted;

	untrusted = mode & RS_DB_UNTRUSTED;
	mode &= ~RS_DB_UNTRUSTED;
	no_link_on_path(path);
	if (lstat(path, &sb) == -1) {
		if (errno != ENOENT)
			rs_die(EX_NOINPUT, "%s: %s", path, strerror(errno));
		rs_die(EX_NOINPUT, "%s: no such database "
		    "(create it with rs-admin init)", path);
	} else if (S_ISLNK(sb.st_mode))
		rs_die(EX_NOPERM, "%s: is a symbolic link; refused", path);
	else if (!S_ISREG(sb.st_mode))
		rs_die(EX_NOINPUT, "%s: not a regular file", path);
	private_sides(path);
	/* a reader that may write after all reads as a writer does: the
	 * same locks, and an older schema upgraded */
	if (mode == RS_DB_READ && access(path, W_OK) == 0 &&
	    !dir_readonly(path))
		mode = RS_DB_WRITE;
	permitted(path, mode);

	db = rs_calloc(1, sizeof(*db));
	db->path = rs_strdup(name);
	db->untrusted = untrusted != 0;
	rs_db_opened = db;
	configure();
	if (mode == RS_DB_READ)
		open_read(db);
	else {
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
		if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
			if (db->h == NULL)
				rs_die(EX_SOFTWARE, "%s: out of memory",
				    path);
			rs_db_die(db);
		}
	}
	sqlite3_extended_result_codes(db->h, 1);
	/* the busy timeout comes before any statement (DESIGN §3) */
	db->busy_ms = rs_db_busy_ms();
	sqlite3_busy_handler(db->h, busy_wait, db);

	if (mode != RS_DB_READ)
		rs_db_exec(db, "PRAGMA synchronous = FULL");
	/* a large batch stays in memory instead of spilling to the WAL and
	 * reading pages back (allocated only as used) */
	rs_db_exec(db, "PRAGMA cache_size = -262144");
	rs_db_exec(db, "PRAGMA foreign_keys = OFF");

	v = user_version(db);
	if (v > RS_SCHEMA_VERSION)
		rs_die(EX_CONFIG, "%s: schema version %d is newer than this "
		    "program's (%d); refused", path, v, RS_SCHEMA_VERSION);
	if (v == 0 && mode != RS_DB_CREATE) {
		struct rs_stmt *st;
		int tables;

		st = rs_db_prepare(db, "SELECT count(*) FROM sqlite_master");
		rs_db_step(db, st);
		tables = rs_col_int(st, 0);
		rs_finalize(st);
		if (tables > 0)
			rs_die(EX_DATAERR, "%s: not an rs database", path);
		rs_die(EX_NOINPUT, "%s: empty database (create it with "
		    "rs-admin init)", path);
	}
	if (v == 0) {
		/* WAL is a property of the file, set once at creation */
		struct rs_stmt *st;

		st = rs_db_prepare(db, "PRAGMA journal_mode = WAL");
		rs_db_step(db, st);
		rs_finalize(st);
	}
	if (v < RS_SCHEMA_VERSION && mode == RS_DB_READ)
		rs_die(EX_NOPERM, "%s: schema version %d is older than this "
		    "program's (%d), and it cannot be upgraded here: it is "
		    "read-only (open it once with write access, for instance "
		    "rs-admin -d %s config)", path, v, RS_SCHEMA_VERSION, path);
	if (v < RS_SCHEMA_VERSION)
		migrate(db, v);
	return db;
}

struct rs_db *
rs_db_open(const char *path, int mode)
{
	struct rs_db *db;

	if (!rs_pg_uri(path))
		return db_open(path, path, mode);
	db = rs_calloc(1, sizeof(*db));
	db->path = rs_pg_shown(path);
	db->untrusted = (mode & RS_DB_UNTRUSTED) != 0;
	db->held = (mode & RS_DB_HELD) != 0;
	rs_db_opened = db;
	rs_pg_open(db, path, mode & ~(RS_DB_UNTRUSTED | RS_DB_HELD));
	return db;
}

/*
 * A new file (a database, a backup) is made whole under a temporary name
 * beside its own and linked to that name at the end: a failure half-way
 * (a full disk, a file-size limit) leaves nothing that would later say
 * "already exists", and no one ever opens half a file.  Whatever SQLite
 * made beside the temporary file goes with it.  One at a time.
 */
static char *staged, *staged_as;

static void
unstage(void)
{
	static const char *const sides[] = { "", "-journal", "-wal", "-shm" };
	struct rs_buf side = { 0 };
	size_t i;

	if (staged == NULL)
		return;
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		rs_buf_reset(&side);
		rs_buf_addf(&side, "%s%s", staged, sides[i]);
		unlink(rs_buf_str(&side));
	}
	rs_buf_free(&side);
	free(staged);
	free(staged_as);
	staged = staged_as = NULL;
}

const char *
rs_db_stage(const char *path)
{
	static int registered;
	struct rs_buf tmp = { 0 };
	int fd;

	if (staged != NULL)
		rs_die(EX_SOFTWARE, "%s: %s is being made", path, staged_as);
	rs_buf_addf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp.s)) == -1)
		rs_die(errno == EACCES || errno == EPERM || errno == EROFS ?
		    EX_NOPERM : EX_CANTCREAT, "%s: %s", path, strerror(errno));
	staged = tmp.s;
	staged_as = rs_strdup(path);
	if (!registered++)
		atexit(unstage);
	/* mkstemp made it 0600: 0660, a group-shared office file, never
	 * world-readable, whatever the umask */
	if (fchmod(fd, 0660) == -1 || close(fd) == -1)
		rs_die(EX_CANTCREAT, "%s: %s", path, strerror(errno));
	return staged;
}

/*
 * link, not rename: never over a file made there meanwhile.  A file
 * system without hard links renames, once nothing is there.
 */
static int
put_in_place(const char *from, const char *to)
{
	struct stat sb;

	if (link(from, to) == 0)
		return 0;
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
		return -1;
	if (lstat(to, &sb) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

void
rs_db_place(void)
{
	struct rs_buf wal = { 0 };
	struct stat sb;
	char *dir;
	int fd;

	if (staged == NULL)
		rs_die(EX_SOFTWARE, "no file is being made");
	/* pages SQLite could not move into the file: it is not whole */
	rs_buf_addf(&wal, "%s-wal", staged);
	if (lstat(rs_buf_str(&wal), &sb) == 0 && sb.st_size > 0)
		rs_die(EX_IOERR, "%s: could not be completed", staged_as);
	rs_buf_free(&wal);
	if (put_in_place(staged, staged_as) == -1)
		rs_die(errno == EACCES || errno == EPERM ? EX_NOPERM :
		    EX_CANTCREAT, errno == EEXIST ? "%s: already exists" :
		    "%s: %s", staged_as, strerror(errno));
	/* the new name on disk before anyone is told it is there */
	dir = rs_dirname(staged_as);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
		if (fsync(fd) == -1 && errno != EINVAL)
			rs_die(EX_IOERR, "%s: %s", dir, strerror(errno));
		close(fd);
	}
	free(dir);
	unstage();
}

const char *
rs_db_create(const char *path)
{
	const char *tmp;

	no_link_on_path(path);
	tmp = rs_db_stage(path);
	rs_db_close(db_open(tmp, path, RS_DB_CREATE));
	return tmp;
}

void
rs_db_close(struct rs_db *db)
{
	int i;

	if (db == NULL)
		return;
	if (db == rs_db_opened)
		rs_db_opened = NULL;
	/* statements cached by lib/ for the life of the connection; those
	 * of SQLite's own (FTS5 keeps some) go with it */
	for (i = 0; i < db->ncached; i++) {
		rs_finalize(*db->cached[i]);
		*db->cached[i] = NULL;
	}
	if (db->pg != NULL)
		rs_pg_close(db);
	else if (sqlite3_close(db->h) != SQLITE_OK)
		rs_db_die(db);
	if (db->made_sides) {
		remove_sides(db->path);
		free(reader_path);
		reader_path = NULL;
	}
	free(db->path);
	free(db);
}

struct rs_copy {
	sqlite3	*h;
	char	*name;
};

struct rs_copy *
rs_db_copy_open(const char *file, const char *name)
{
	struct rs_copy *c;

	c = rs_calloc(1, sizeof(*c));
	if (sqlite3_open_v2(file, &c->h, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		rs_die(EX_CANTCREAT, "%s: %s", name, sqlite3_errmsg(c->h));
	c->name = rs_strdup(name);
	return c;
}

int
rs_db_copy(struct rs_db *db, struct rs_copy *c, int64_t *bytes,
    const char **why)
{
	sqlite3_backup *b;
	int rc;

	/* all pages in one step: one read snapshot, whatever others write
	 * meanwhile (stepping in parts would restart on every write) */
	if ((b = sqlite3_backup_init(c->h, "main", db->h, "main")) == NULL)
		rs_die(EX_SOFTWARE, "%s: %s", c->name, sqlite3_errmsg(c->h));
	rc = sqlite3_backup_step(b, -1);
	*bytes = (int64_t)sqlite3_backup_pagecount(b) * 4096;
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	*why = sqlite3_errstr(rc);
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? EX_TEMPFAIL :
	    EX_IOERR;
}

void
rs_db_copy_close(struct rs_copy *c, int keep)
{
	if (!keep)
		sqlite3_close(c->h);
	else if (sqlite3_close(c->h) != SQLITE_OK)
		rs_die(EX_IOERR, "%s: cannot close the copy", c->name);
	free(c->name);
	free(c);
}


int
rs_setting_known(const char *key)
{
	return rs_setting_default(key) != NULL;
}

const char *
rs_setting_default(const char *key)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].key, key) == 0)
			return settings[i].def;
	return NULL;
}

const char *const *
rs_setting_keys(void)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		setting_keys[i] = settings[i].key;
	setting_keys[NSETTINGS] = NULL;
	return setting_keys;
}

static int
valid_hours(const char *s)
{
	char a[6], b[6];
	int n, ta, tb;

	/* "08:00-12:00,13:00-16:00" */
	while (*s) {
		if (sscanf(s, "%5[0-9:]-%5[0-9:]%n", a, b, &n) != 2)
			return 0;
		if ((ta = rs_parse_clock(a)) < 0 ||
		    (tb = rs_parse_clock(b)) < 0 || ta >= tb)
			return 0;
		s += n;
		if (*s == ',')
			s++;
		else if (*s)
			return 0;
	}
	return 1;
}

const char *
rs_setting_check(const char *key, const char *v)
{
	const char *p;

	if (!rs_setting_known(key))
		return "unknown setting";
	if (rs_has_controls(v, 0))
		return "control characters are not allowed";
	if (strcmp(key, "cutoff") == 0) {
		if (rs_parse_clock(v) < 0)
			return "expected a time of day as HH:MM";
	} else if (strcmp(key, "hours") == 0) {
		if (!valid_hours(v))
			return "expected ranges like 08:00-12:00,13:00-16:00";
	} else if (strcmp(key, "saturday") == 0) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			return "expected yes or no";
	} else if (strcmp(key, "prefix") == 0) {
		if (*v == '\0' || strlen(v) > 10)
			return "expected 1 to 10 capital letters or digits";
		for (p = v; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9')))
				return "expected 1 to 10 capital letters or "
				    "digits";
	} else if (strcmp(key, "zone") == 0) {
		char *old = rs_strdup(rs_zone());
		int bad = rs_zone_set(v) == -1;

		rs_zone_set(old);
		free(old);
		if (bad)
			return "unknown time zone";
	} else if (strcmp(key, "mail_type") == 0) {
		/* rs-admin also checks it against the term table */
		if (*v == '\0')
			return "expected a type from the term table";
	} else if (strcmp(key, "clock_bound") == 0) {
		/* minutes a step may claim before the clock without a
		 * reason: up to 30 days */
		if (!rs_all_digits(v) || strlen(v) > 5 || atoi(v) > 43200)
			return "expected minutes from 0 to 43200";
	} else if (strcmp(key, "web_rate") == 0) {
		/* forms an address may send rs-web in an hour; 0: no
		 * limit, for a server that keeps one of its own */
		if (!rs_all_digits(v) || strlen(v) > 6)
			return "expected forms an hour from 0 to 999999";
	} else if (strcmp(key, "received_days") == 0) {
		/* how far back a request's received time may lie: ten
		 * years by default, the backlog of earlier records, up to a
		 * century for an office that moves older files in */
		if (!rs_all_digits(v) || strlen(v) > 5 || atoi(v) < 1 ||
		    atoi(v) > 36500)
			return "expected days from 1 to 36500";
	} else if (strcmp(key, "max_message") == 0) {
		/* megabytes (10^6 bytes) a message, its documents included */
		if (!rs_all_digits(v) || strlen(v) > 4 || atoi(v) < 1)
			return "expected megabytes from 1 to 9999";
	} else if (strcmp(key, "sender") == 0 || strcmp(key,
	    "office_email") == 0 || strcmp(key, "bounce_address") == 0) {
		if (*v && rs_address_check(v) != NULL)
			return "expected an e-mail address";
	} else if (strcmp(key, "switchboard") == 0) {
		/* what an internal extension is dialled through (request.c) */
		if (*v && (!rs_phone_valid(v) || strlen(v) > 40))
			return "expected the office's phone number: 7 to 20 "
			    "digits with spaces or + - ( ) ., or nothing";
	} else if (strcmp(key, "office_name") == 0) {
		if (*v == '\0')
			return "must not be empty";
	} else if (strcmp(key, "retention") == 0) {
		/* Ley 1581 de 2012: years after closing; empty for none */
		if (*v && (!rs_all_digits(v) || strlen(v) > 2 ||
		    atoi(v) < 1))
			return "expected a number of years from 1 to 99, or "
			    "nothing for no retention";
	}
	return NULL;
}

char *
rs_setting(struct rs_db *db, const char *key)
{
	struct rs_stmt *st;
	char *v = NULL;

	st = rs_db_prepare(db, "SELECT value FROM settings WHERE key = ?");
	rs_bind_text(st, 1, key);
	if (rs_db_step(db, st))
		v = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	if (v == NULL)
		v = rs_strdup(rs_setting_default(key) ?
		    rs_setting_default(key) : "");
	return v;
}

void
rs_setting_set(struct rs_db *db, const char *key, const char *value)
{
	struct rs_stmt *st;

	st = rs_db_prepare(db, "INSERT INTO settings (key, value) "
	    "VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
	    "SET value = excluded.value");
	rs_bind_text(st, 1, key);
	rs_bind_text(st, 2, value);
	rs_db_step(db, st);
	rs_finalize(st);
}

void
rs_db_zone(struct rs_db *db)
{
	char *v;

	v = rs_setting(db, "zone");
	if (rs_zone_set(v) == -1)
		rs_die(EX_CONFIG, "%s: zone: unknown time zone \"%s\"",
		    db->path, v);
	free(v);
}

void
rs_db_calendar(struct rs_db *db, struct rs_calendar *cal)
{
	struct rs_stmt *st;
	rs_day day;
	char *v;

	rs_calendar_init(cal);
	rs_db_zone(db);
	v = rs_setting(db, "cutoff");
	if ((cal->cutoff = rs_parse_clock(v)) < 0)
		rs_die(EX_CONFIG, "%s: cutoff: expected HH:MM; got \"%s\"",
		    db->path, v);
	free(v);
	/* the Saturday setting as it was on each day */
	st = rs_db_prepare(db, "SELECT from_day, open FROM saturdays");
	while (rs_db_step(db, st)) {
		if (rs_parse_date(rs_col_text(st, 0),
		    &day) == -1)
			rs_die(EX_DATAERR, "%s: saturdays: bad date \"%s\"",
			    db->path, rs_col_text(st, 0));
		rs_calendar_saturdays_from(cal, day,
		    rs_col_int(st, 1));
	}
	rs_finalize(st);
	st = rs_db_prepare(db, "SELECT day, reason FROM closures");
	while (rs_db_step(db, st)) {
		if (rs_parse_date(rs_col_text(st, 0),
		    &day) == -1)
			rs_die(EX_DATAERR, "%s: closures: bad date \"%s\"",
			    db->path, rs_col_text(st, 0));
		rs_calendar_add_closure(cal, day,
		    rs_col_text(st, 1));
	}
	rs_finalize(st);
}

struct rs_closure *
rs_db_closures(struct rs_db *db, int year, size_t *n)
{
	struct rs_closure *c = NULL;
	struct rs_stmt *st;
	const char *day;
	size_t cap = 0;

	*n = 0;
	st = rs_db_prepare(db, "SELECT day, reason FROM closures "
	    "WHERE ?1 = 0 OR substr(day, 1, 4) = printf('%04d', ?1) "
	    "ORDER BY day");
	rs_bind_int(st, 1, year);
	while (rs_db_step(db, st)) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			c = rs_realloc(c, cap * sizeof(*c));
		}
		day = rs_col_text(st, 0);
		if (rs_parse_date(day, &c[*n].day) == -1)
			rs_die(EX_DATAERR, "%s: closures: bad date \"%s\"",
			    db->path, day);
		c[*n].reason = rs_strdup(rs_col_text(st, 1));
		(*n)++;
	}
	rs_finalize(st);
	return c;
}

void
rs_closures_free(struct rs_closure *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(c[i].reason);
	free(c);
}

/*
 * Ley 4 de 1913 art. 62 counts a day as it was: a day that has passed
 * stays what it was, so the calendar changes only from today on.
 */
static const char *
calendar_past(rs_day day, rs_day today, const char *what)
{
	static char why[200];

	if (day >= today)
		return NULL;
	snprintf(why, sizeof(why), "the day has passed: %s (a day counts as "
	    "it was, Ley 4 de 1913 art. 62)", what);
	return why;
}

const char *
rs_db_closure_add(struct rs_db *db, rs_day day, const char *reason,
    rs_day today, const char *at)
{
	struct rs_stmt *st;
	const char *why;
	char d[RS_DATE_LEN];

	if ((why = calendar_past(day, today, "a closure is decided on or "
	    "before its day")) != NULL)
		return why;
	rs_format_date(day, d);
	st = rs_db_prepare(db, "INSERT INTO closures (day, reason, added_at) "
	    "VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET "
	    "reason = excluded.reason");
	rs_bind_copy(st, 1, d);
	rs_bind_text(st, 2, reason);
	rs_bind_text(st, 3, at);
	rs_db_step(db, st);
	rs_finalize(st);
	return NULL;
}

const char *
rs_db_closure_rm(struct rs_db *db, rs_day day, rs_day today)
{
	struct rs_stmt *st;
	const char *why;
	char d[RS_DATE_LEN];

	rs_format_date(day, d);
	st = rs_db_prepare(db, "SELECT 1 FROM closures WHERE day = ?");
	rs_bind_copy(st, 1, d);
	if (!rs_db_step(db, st)) {
		rs_finalize(st);
		return "no closure on that day";
	}
	rs_finalize(st);
	if ((why = calendar_past(day, today, "the office was closed that "
	    "day")) != NULL)
		return why;
	st = rs_db_prepare(db, "DELETE FROM closures WHERE day = ?");
	rs_bind_copy(st, 1, d);
	rs_db_step(db, st);
	rs_finalize(st);
	return NULL;
}

const char *
rs_db_saturdays_from(struct rs_db *db, int open, rs_day from, rs_day today,
    const char *at)
{
	struct rs_stmt *st;
	const char *why;
	char d[RS_DATE_LEN];

	if ((why = calendar_past(from, today, "the Saturday setting changes "
	    "from today on")) != NULL)
		return why;
	rs_format_date(from, d);
	st = rs_db_prepare(db, "INSERT INTO saturdays (from_day, open, set_at) "
	    "VALUES (?, ?, ?) ON CONFLICT (from_day) DO UPDATE SET "
	    "open = excluded.open, set_at = excluded.set_at");
	rs_bind_copy(st, 1, d);
	rs_bind_int(st, 2, open);
	rs_bind_text(st, 3, at);
	rs_db_step(db, st);
	rs_finalize(st);
	/* the setting says what was set last */
	st = rs_db_prepare(db, "INSERT INTO settings (key, value) VALUES "
	    "('saturday', ?) ON CONFLICT (key) DO UPDATE SET "
	    "value = excluded.value");
	rs_bind_text(st, 1, open ? "yes" : "no");
	rs_db_step(db, st);
	rs_finalize(st);
	return NULL;
}

/*
 * Every table of an office, in the order a copy writes them; the search
 * index is not among them, each side building its own from requests.
 */
const char *const rs_db_tables[] = {
	"settings", "saturdays", "topics", "closures", "counters",
	"requests", "events", "chain", "notices", "business_days", "blobs",
	"documents", "mail_seen", "inbox", "terms", "links", "users",
	"event_data", "access_codes", "web_hits", NULL
};

/* A value of a row being copied. */
struct cell {
	int	 type;
	char	*v;
	size_t	 n;
	int64_t	 i;
};

/* Write the rows held (n of them, ncol cells each) in one INSERT. */
static void
copy_flush(struct rs_db *to, const char *table, char **names, int ncol,
    struct cell *rows, size_t n)
{
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	size_t r;
	int c, k = 0;

	rs_buf_addf(&sql, "INSERT INTO %s (", table);
	for (c = 0; c < ncol; c++)
		rs_buf_addf(&sql, "%s%s", c ? ", " : "", names[c]);
	rs_buf_adds(&sql, ") VALUES ");
	for (r = 0; r < n; r++) {
		rs_buf_adds(&sql, r ? ", (" : "(");
		for (c = 0; c < ncol; c++)
			rs_buf_addf(&sql, "%s?%d", c ? ", " : "", ++k);
		rs_buf_addc(&sql, ')');
	}
	st = rs_db_prepare(to, rs_buf_str(&sql));
	rs_buf_free(&sql);
	for (k = 0; k < (int)n * ncol; k++) {
		struct cell *x = &rows[k];

		switch (x->type) {
		case RS_NULL:
			rs_bind_null(st, k + 1);
			break;
		case RS_INTEGER:
			rs_bind_int64(st, k + 1, x->i);
			break;
		case RS_BLOB:
			rs_bind_blob(st, k + 1, x->v, x->n);
			break;
		default:
			rs_bind_textn(st, k + 1, x->v, x->n);
		}
	}
	rs_db_step(to, st);
	rs_finalize(st);
	for (k = 0; k < (int)n * ncol; k++) {
		free(rows[k].v);
		rows[k].v = NULL;
	}
}

/*
 * Copy every row of every table of from into to, within the callers'
 * transactions: the same values of the same types, in batches.
 */
int64_t
rs_db_copy_rows(struct rs_db *from, struct rs_db *to)
{
	/* some 2,000 values a statement: larger ones cost more to parse
	 * than the round trips they save (measured on the calendar) */
	enum { PARAMS = 2000 };
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	struct cell *rows = NULL;
	char **names = NULL;
	int64_t total = 0;
	size_t t, n, batch;
	int c, ncol;

	for (t = 0; rs_db_tables[t] != NULL; t++) {
		rs_buf_reset(&sql);
		rs_buf_addf(&sql, "SELECT * FROM %s", rs_db_tables[t]);
		st = rs_db_prepare(from, rs_buf_str(&sql));
		ncol = rs_col_count(st);
		names = rs_calloc((size_t)ncol, sizeof(*names));
		for (c = 0; c < ncol; c++)
			names[c] = rs_strdup(rs_col_name(st, c));
		batch = PARAMS / (size_t)(ncol > 0 ? ncol : 1);
		rows = rs_calloc(batch * (size_t)ncol, sizeof(*rows));
		n = 0;
		while (rs_db_step(from, st)) {
			for (c = 0; c < ncol; c++) {
				struct cell *x = &rows[n * (size_t)ncol + c];
				const void *p;

				x->type = rs_col_type(st, c);
				if (x->type == RS_INTEGER)
					x->i = rs_col_int64(st, c);
				else if (x->type == RS_BLOB) {
					x->n = (size_t)rs_col_bytes(st, c);
					p = rs_col_blob(st, c);
					x->v = rs_malloc(x->n + 1);
					memcpy(x->v, p, x->n);
				} else if (x->type != RS_NULL) {
					x->v = rs_strdup(rs_col_text(st, c));
					x->n = strlen(x->v);
				}
			}
			total++;
			if (++n == batch) {
				copy_flush(to, rs_db_tables[t], names, ncol,
				    rows, n);
				n = 0;
			}
		}
		if (n > 0)
			copy_flush(to, rs_db_tables[t], names, ncol, rows, n);
		rs_finalize(st);
		for (c = 0; c < ncol; c++)
			free(names[c]);
		free(names);
		free(rows);
	}
	rs_buf_free(&sql);
	return total;
}

/*
 * A new office on PostgreSQL, in one transaction (left open when the
 * connection is RS_DB_HELD, for rs-admin copy): its schema, the base
 * script at its version (lib/pgschema.c), and the rows a new SQLite file
 * starts with (settings, terms, topics, the business days), copied from
 * one made in memory by the same migration steps, so the two start
 * alike.
 */
void
rs_db_pg_create(struct rs_db *db, const char *office)
{
	struct rs_buf sql = { 0 };
	struct rs_db *mem;
	size_t i;

	mem = rs_calloc(1, sizeof(*mem));
	mem->path = rs_strdup("(new office)");
	configure();
	if (sqlite3_open_v2(":memory:", &mem->h, SQLITE_OPEN_READWRITE, NULL)
	    != SQLITE_OK)
		rs_die(EX_SOFTWARE, "out of memory");
	mem->checked = 1;
	migrate(mem, 0);
	rs_db_exec(db, "BEGIN");
	rs_buf_addf(&sql, "CREATE SCHEMA %s", office);
	rs_db_exec(db, rs_buf_str(&sql));
	for (i = 0; rs_pg_base[i] != NULL; i++)
		rs_db_exec(db, rs_pg_base[i]);
	rs_db_copy_rows(mem, db);
	if (!db->held)
		rs_db_exec(db, "COMMIT");
	rs_buf_free(&sql);
	rs_db_close(mem);
}

int
rs_db_is_uri(const char *name)
{
	return rs_pg_uri(name);
}

char *
rs_db_shown(const char *name)
{
	return rs_pg_uri(name) ? rs_pg_shown(name) : rs_strdup(name);
}

const char *
rs_db_office(struct rs_db *db)
{
	return db->pg != NULL ? rs_pg_office(db) : NULL;
}

/*
 * rs-admin copy: the office of from, whole, into dest, a new SQLite file
 * or a new office (RS_OFFICE's) of a PostgreSQL database: every row
 * of every table as it is, radicados, events and their chain, notices,
 * documents.  dest is made as init makes it, emptied, and filled in one
 * transaction, from one snapshot of from; a file appears only when
 * whole.  How many rows.
 */
int64_t
rs_db_copy_office(struct rs_db *from, const char *dest)
{
	struct rs_buf sql = { 0 };
	struct rs_db *to;
	const char *tmp = NULL;
	int64_t n;
	size_t t;

	if (rs_pg_uri(dest))
		to = rs_db_open(dest, RS_DB_CREATE | RS_DB_HELD);
	else {
		no_link_on_path(dest);
		tmp = rs_db_stage(dest);
		to = db_open(tmp, dest, RS_DB_CREATE);
	}
	rs_db_read_begin(from);
	rs_db_begin(to);
	for (t = 0; rs_db_tables[t] != NULL; t++) {
		rs_buf_reset(&sql);
		rs_buf_addf(&sql, "DELETE FROM %s", rs_db_tables[t]);
		rs_db_exec(to, rs_buf_str(&sql));
	}
	rs_buf_free(&sql);
	n = rs_db_copy_rows(from, to);
	rs_db_commit(to);
	rs_db_read_end(from);
	rs_db_close(to);
	if (tmp != NULL)
		rs_db_place();
	return n;
}
