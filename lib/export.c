/*
 * export.c - the analysts' door: a separate database with the figures
 * of the documented views and pseudonyms only (rs-admin export), and
 * rs-admin anonymize, with the pseudonyms it gives names and e-mail
 * addresses.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "rs.h"

/*
 * A pseudonym is keyed by a secret salt kept in the settings table, so
 * one person keeps one pseudonym across requests and the figures per
 * requester survive anonymization and export alike.
 */
#define SALT_BYTES	32
#define PSEUDO_HEX	10

static char anon_salt[2 * SALT_BYTES + 1];

/* "persona-" and the first hex digits of SHA-256 over the salt and the
 * value, written as its length, a colon and its bytes, after folding
 * spaces and ASCII case so that "Ana  Ruiz" and "ana ruiz" agree. */
static void
pseudonym_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *v = sqlite3_value_text(argv[0]);
	const unsigned char *kind = sqlite3_value_text(argv[1]);
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx sc;
	struct rs_buf b = { 0 }, out = { 0 };
	char len[24];
	int space = 0, i;

	(void)argc;
	if (v == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	for (; *v; v++) {
		if (*v == ' ' || *v == '\t') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			rs_buf_addc(&b, ' ');
		space = 0;
		rs_buf_addc(&b, *v >= 'A' && *v <= 'Z' ? *v - 'A' + 'a' : *v);
	}
	snprintf(len, sizeof(len), "%zu:", b.len);
	sha256_init(&sc);
	sha256_update(&sc, strlen(anon_salt), (const uint8_t *)anon_salt);
	sha256_update(&sc, strlen(len), (const uint8_t *)len);
	sha256_update(&sc, b.len, (const uint8_t *)rs_buf_str(&b));
	sha256_digest(&sc, SHA256_DIGEST_SIZE, digest);
	rs_buf_adds(&out, "persona-");
	for (i = 0; i < PSEUDO_HEX; i++)
		rs_buf_addc(&out, hex[(digest[i / 2] >> (i % 2 ? 0 : 4)) & 0xf]);
	if (kind && strcmp((const char *)kind, "email") == 0)
		rs_buf_adds(&out, "@anonimo.invalid");
	sqlite3_result_text(ctx, rs_buf_str(&out), -1, SQLITE_TRANSIENT);
	rs_buf_free(&b);
	rs_buf_free(&out);
}

/* The salt, made at first use inside the open transaction. */
static void
anon_salt_load(struct rs_db *db)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[SALT_BYTES];
	struct rs_stmt *st;
	int fd, i, found = 0;
	ssize_t k;

	st = rs_db_prepare(db, "SELECT value FROM settings WHERE key = "
	    "'anonymize_salt'");
	if (rs_db_step(db, st) && rs_col_bytes(st, 0) ==
	    2 * SALT_BYTES) {
		memcpy(anon_salt, rs_col_text(st, 0), 2 * SALT_BYTES);
		found = 1;
	}
	rs_finalize(st);
	if (found)
		return;
	if ((fd = open("/dev/urandom", O_RDONLY)) == -1 ||
	    (k = read(fd, raw, sizeof(raw))) != (ssize_t)sizeof(raw))
		rs_die(EX_OSERR, "/dev/urandom: %s", strerror(errno));
	close(fd);
	for (i = 0; i < SALT_BYTES; i++) {
		anon_salt[2 * i] = hex[raw[i] >> 4];
		anon_salt[2 * i + 1] = hex[raw[i] & 0xf];
	}
	anon_salt[2 * SALT_BYTES] = '\0';
	st = rs_db_prepare(db, "INSERT INTO settings (key, value) VALUES "
	    "('anonymize_salt', ?) ON CONFLICT (key) DO UPDATE SET "
	    "value = excluded.value");
	rs_bind_text(st, 1, anon_salt);
	rs_db_step(db, st);
	rs_finalize(st);
}

void
rs_db_pseudonyms(struct rs_db *db)
{
	anon_salt_load(db);
	/* PostgreSQL's office has the same function (lib/pgschema.c),
	 * reading the salt from the settings */
	if (rs_db_is_pg(db))
		return;
	if (sqlite3_create_function(db->h, "rs_pseudonym", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, pseudonym_fn, NULL,
	    NULL) != SQLITE_OK)
		rs_db_die(db);
}

/*
 * The requester as analysts may count them: the pseudonym of the e-mail
 * address, else of the name; one already made a pseudonym by anonymize
 * is kept as it is, so a person is one requester before and after; an
 * anonymous request has none.
 */
#define REQUESTER_SQL \
	"CASE WHEN r.anonymous = 1 THEN NULL" \
	" WHEN r.email LIKE 'persona-%@anonimo.invalid' THEN r.email" \
	" WHEN r.email IS NOT NULL THEN rs_pseudonym(r.email, 'email')" \
	" WHEN r.name LIKE 'persona-%' THEN r.name" \
	" ELSE rs_pseudonym(r.name, 'name') END"

/*
 * What the export holds: the views' rows, the calendar, and what it is.
 * numbers: the columns read from the events' JSON, which SQLite's
 * json_extract gives as numbers and the server's as text; the export
 * from a server writes them as numbers too, so that an analyst's
 * "rating = 5" finds the same rows in either export.
 */
static const struct {
	const char	*name;
	const char	*select;
	const char	*numbers[3];
} export_tables[] = {
	{ "requests", "SELECT v.*, " REQUESTER_SQL " AS requester"
	    " FROM v_requests v JOIN requests r ON r.id = v.id"
	    " ORDER BY r.seq", { NULL } },
	{ "events", "SELECT * FROM v_events ORDER BY seq",
	    { "late", "rating", NULL } },
	{ "notices", "SELECT * FROM v_notices ORDER BY seq", { NULL } },
	{ "business_days", "SELECT * FROM business_days ORDER BY day",
	    { NULL } },
};
#define NEXPORT	(sizeof(export_tables) / sizeof(export_tables[0]))

static const char *const about_sql[] = {
	"CREATE TABLE x.about (key TEXT PRIMARY KEY, value TEXT)",
	"INSERT INTO x.about VALUES ('office_name', ?1)",
	"INSERT INTO x.about VALUES ('exported_at', ?2)",
	"INSERT INTO x.about VALUES ('schema_version', ?3)",
	NULL
};

static long
count(struct rs_db *db, const char *sql)
{
	struct rs_stmt *st;
	long n;

	st = rs_db_prepare(db, sql);
	rs_db_step(db, st);
	n = (long)rs_col_int64(st, 0);
	rs_finalize(st);
	return n;
}

/* The file being written, removed if the export dies before it is
 * whole, with the journal SQLite keeps beside it while it writes. */
static char *partial;

static void
remove_partial(void)
{
	struct rs_buf journal = { 0 };

	if (partial == NULL)
		return;
	unlink(partial);
	rs_buf_addf(&journal, "%s-journal", partial);
	unlink(rs_buf_str(&journal));
	rs_buf_free(&journal);
}

/* The office's schema version, as each store keeps it. */
static long
user_version_of(struct rs_db *db)
{
	return count(db, rs_db_is_pg(db) ?
	    "SELECT version FROM schema_version" :
	    "SELECT user_version FROM pragma_user_version");
}

/* The export of a SQLite office: the file attached, each table made
 * from its SELECT in one snapshot; the salt is written the first time. */
static void
export_sqlite(struct rs_db *db, const char *file, const char *at,
    long *n)
{
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	char *office;
	size_t i;

	rs_db_exec(db, "BEGIN IMMEDIATE");
	rs_db_pseudonyms(db);
	st = rs_db_prepare(db, "ATTACH DATABASE ? AS x");
	rs_bind_text(st, 1, file);
	rs_db_step(db, st);
	rs_finalize(st);
	for (i = 0; i < NEXPORT; i++) {
		rs_buf_free(&sql);
		rs_buf_addf(&sql, "CREATE TABLE x.%s AS %s",
		    export_tables[i].name, export_tables[i].select);
		rs_db_exec(db, rs_buf_str(&sql));
	}
	office = rs_setting(db, "office_name");
	for (i = 0; about_sql[i]; i++) {
		st = rs_db_prepare(db, about_sql[i]);
		if (rs_bind_index(st, "?1"))
			rs_bind_text(st, 1, office);
		if (rs_bind_index(st, "?2"))
			rs_bind_text(st, 2, at);
		if (rs_bind_index(st, "?3"))
			rs_bind_int64(st, 3, user_version_of(db));
		rs_db_step(db, st);
		rs_finalize(st);
	}
	free(office);
	for (i = 0; i < NEXPORT; i++) {
		rs_buf_free(&sql);
		rs_buf_addf(&sql, "SELECT count(*) FROM x.%s",
		    export_tables[i].name);
		n[i] = count(db, rs_buf_str(&sql));
	}
	rs_db_exec(db, "COMMIT");
	rs_db_exec(db, "DETACH DATABASE x");
	rs_buf_free(&sql);
}

static void
xdie(sqlite3 *x, const char *file)
{
	rs_die(EX_CANTCREAT, "%s: %s", file, sqlite3_errmsg(x));
}

/*
 * The export of an office on PostgreSQL: the same SELECTs in one
 * transaction of the office, their rows written into a SQLite file of
 * the same tables, each value as the server typed it (a numeric
 * without a fraction an integer, as SQLite would have it).
 */
static void
export_pg(struct rs_db *db, const char *file, const char *at, long *n)
{
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	sqlite3 *x;
	sqlite3_stmt *ins;
	const char *v;
	char *office, *end;
	double d;
	long long ll;
	size_t i, j;
	char *number;
	int c, nc, k;

	if (sqlite3_open_v2(":memory:", &x, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		rs_die(EX_OSERR, "out of memory");
	if (sqlite3_prepare_v2(x, "ATTACH DATABASE ? AS x", -1, &ins,
	    NULL) != SQLITE_OK ||
	    sqlite3_bind_text(ins, 1, file, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(ins) != SQLITE_DONE ||
	    sqlite3_finalize(ins) != SQLITE_OK ||
	    sqlite3_exec(x, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		xdie(x, file);
	rs_db_begin(db);
	rs_db_pseudonyms(db);
	for (i = 0; i < NEXPORT; i++) {
		st = rs_db_prepare(db, export_tables[i].select);
		nc = rs_col_count(st);
		number = rs_calloc((size_t)nc + 1, 1);
		for (c = 0; c < nc; c++)
			for (j = 0; export_tables[i].numbers[j]; j++)
				if (strcmp(rs_col_name(st, c),
				    export_tables[i].numbers[j]) == 0)
					number[c] = 1;
		rs_buf_addf(&sql, "CREATE TABLE x.%s (", export_tables[i].name);
		for (c = 0; c < nc; c++)
			rs_buf_addf(&sql, "%s\"%s\"", c ? ", " : "",
			    rs_col_name(st, c));
		rs_buf_adds(&sql, ")");
		if (sqlite3_exec(x, rs_buf_str(&sql), NULL, NULL, NULL) !=
		    SQLITE_OK)
			xdie(x, file);
		rs_buf_free(&sql);
		rs_buf_addf(&sql, "INSERT INTO x.%s VALUES (",
		    export_tables[i].name);
		for (c = 0; c < nc; c++)
			rs_buf_adds(&sql, c ? ", ?" : "?");
		rs_buf_adds(&sql, ")");
		if (sqlite3_prepare_v2(x, rs_buf_str(&sql), -1, &ins, NULL) !=
		    SQLITE_OK)
			xdie(x, file);
		rs_buf_free(&sql);
		n[i] = 0;
		while (rs_db_step(db, st)) {
			for (c = 0; c < nc; c++) {
				k = c + 1;
				switch (rs_col_type(st, c)) {
				case RS_NULL:
					sqlite3_bind_null(ins, k);
					break;
				case RS_INTEGER:
					sqlite3_bind_int64(ins, k,
					    rs_col_int64(st, c));
					break;
				case RS_FLOAT:
					v = rs_col_text(st, c);
					ll = strtoll(v, &end, 10);
					if (*end == '\0') {
						sqlite3_bind_int64(ins, k, ll);
						break;
					}
					d = strtod(v, NULL);
					sqlite3_bind_double(ins, k, d);
					break;
				case RS_BLOB:
					sqlite3_bind_blob(ins, k,
					    rs_col_blob(st, c),
					    rs_col_bytes(st, c),
					    SQLITE_TRANSIENT);
					break;
				default:
					v = rs_col_text(st, c);
					if (number[c] && *v != '\0') {
						ll = strtoll(v, &end, 10);
						if (*end == '\0') {
							sqlite3_bind_int64(ins,
							    k, ll);
							break;
						}
					}
					sqlite3_bind_text(ins, k, v, -1,
					    SQLITE_TRANSIENT);
				}
			}
			if (sqlite3_step(ins) != SQLITE_DONE ||
			    sqlite3_reset(ins) != SQLITE_OK)
				xdie(x, file);
			n[i]++;
		}
		rs_finalize(st);
		sqlite3_finalize(ins);
		free(number);
	}
	office = rs_setting(db, "office_name");
	for (i = 0; about_sql[i]; i++) {
		if (sqlite3_prepare_v2(x, about_sql[i], -1, &ins, NULL) !=
		    SQLITE_OK)
			xdie(x, file);
		if (sqlite3_bind_parameter_index(ins, "?1"))
			sqlite3_bind_text(ins, 1, office, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_index(ins, "?2"))
			sqlite3_bind_text(ins, 2, at, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_index(ins, "?3"))
			sqlite3_bind_int64(ins, 3, user_version_of(db));
		if (sqlite3_step(ins) != SQLITE_DONE)
			xdie(x, file);
		sqlite3_finalize(ins);
	}
	free(office);
	/* the salt made now is the office's: kept for the next export */
	rs_db_commit(db);
	if (sqlite3_exec(x, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		xdie(x, file);
	sqlite3_close(x);
}

void
rs_export(struct rs_db *db, const char *path, rs_time now,
    long *nrequests, long *nevents, long *nnotices)
{
	struct rs_buf tmp = { 0 };
	struct stat sb;
	char at[RS_DATETIME_LEN];
	long n[NEXPORT];
	int fd;

	if (lstat(path, &sb) == 0)
		rs_die(EX_CANTCREAT, "%s: already exists", path);
	/* written beside it and renamed when whole: no half an export */
	rs_buf_addf(&tmp, "%s.tmp", path);
	if ((fd = open(rs_buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW, 0644)) == -1 || fchmod(fd, 0644) == -1 ||
	    close(fd) == -1)
		rs_die(errno == EACCES ? EX_NOPERM : EX_CANTCREAT, "%s: %s",
		    rs_buf_str(&tmp), strerror(errno));
	partial = rs_strdup(rs_buf_str(&tmp));
	atexit(remove_partial);
	rs_format_datetime(now, at);
	if (rs_db_is_pg(db))
		export_pg(db, rs_buf_str(&tmp), at, n);
	else
		export_sqlite(db, rs_buf_str(&tmp), at, n);
	*nrequests = n[0];
	*nevents = n[1];
	*nnotices = n[2];
	if (rename(rs_buf_str(&tmp), path) == -1)
		rs_die(EX_CANTCREAT, "%s: %s", path, strerror(errno));
	free(partial);
	partial = NULL;
	rs_buf_free(&tmp);
}

/*
 * Ley 1581 de 2012: the personal data of finished requests is kept no
 * longer than needed.  Names and e-mail addresses become pseudonyms
 * keyed by the secret salt, so one person keeps one pseudonym across
 * requests and the figures per requester survive (a representative's
 * too); identity numbers, phones and postal addresses go; the free text
 * is blanked; the addresses the notices went to become pseudonyms, and a
 * mail server's reason for a failure (it quotes the address) goes; the
 * personal data events keep beside the chain (event_data) is deleted;
 * the bytes of the documents are purged, their hashes kept.  Every
 * figure (status, dates, types, teams, ratings) is left as it was, and
 * each request gets an "anonymize" event on the chain.  What the chained
 * events hold themselves (those written before schema 7) cannot go
 * without breaking the chain: it is reported.
 */
static const char *const anonymize_sql[] = {
	/* an anonymous request's name is no one's: it stays */
	"UPDATE requests SET "
	"name = CASE WHEN anonymous = 1 THEN name "
	"  ELSE rs_pseudonym(name, 'name') END, id_number = NULL, "
	"email = rs_pseudonym(email, 'email'), phone = NULL, "
	"address = NULL, "
	"representative_name = rs_pseudonym(representative_name, 'name'), "
	"representative_id_number = NULL, "
	"representative_email = "
	"  rs_pseudonym(representative_email, 'email'), "
	"representative_phone = NULL, "
	"subject = CASE WHEN subject IS NULL THEN NULL "
	"  ELSE '[anonimizado]' END, "
	"description = CASE WHEN description IS NULL THEN NULL "
	"  ELSE '[anonimizado]' END "
	"WHERE seq = ?1",
	"UPDATE notices SET recipient = rs_pseudonym(recipient, 'email'), "
	"failure = CASE WHEN failure IS NULL THEN NULL "
	"  ELSE '[anonimizado]' END WHERE request = ?1",
	"DELETE FROM event_data WHERE request = ?1",
	NULL
};

/* The chained events of request seq that keep personal data. */
static char *
kept_events(struct rs_db *db, int64_t seq)
{
	static struct rs_stmt *st;
	struct rs_buf b = { 0 };

	rs_db_cached(db, &st, "SELECT e.seq FROM events e "
	    "WHERE e.request = ? AND " RS_EVENT_PERSONAL_SQL("e")
	    " ORDER BY e.seq");
	rs_bind_int64(st, 1, seq);
	while (rs_db_step(db, st))
		rs_buf_addf(&b, "%s%lld", b.len ? ", " : "",
		    (long long)rs_col_int64(st, 0));
	rs_reset(st);
	return b.s;
}

size_t
rs_anonymize(struct rs_db *db, const char *before, const char *at,
    const char *actor, struct rs_anonymized **out)
{
	struct rs_anonymized *a = NULL;
	struct rs_buf details = { 0 };
	struct rs_stmt *st, *upd[sizeof(anonymize_sql) /
	    sizeof(anonymize_sql[0])];
	int64_t *seqs = NULL;
	char **dues = NULL;
	size_t n = 0, cap = 0, i, k;

	rs_db_begin(db);
	/* closed_at is the one mark of a closed request: lib/lifecycle.c
	 * sets it on entering a final status and clears it on reopening */
	st = rs_db_prepare(db, "SELECT seq, id, due_on, "
	    "substr(closed_at, 1, 10) FROM requests r WHERE "
	    "closed_at IS NOT NULL AND substr(closed_at, 1, 10) < ?1 AND "
	    "NOT EXISTS (SELECT 1 FROM events e WHERE e.request = r.seq "
	    "AND e.kind = 'anonymize') ORDER BY seq");
	rs_bind_text(st, 1, before);
	while (rs_db_step(db, st)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			seqs = rs_realloc(seqs, cap * sizeof(*seqs));
			dues = rs_realloc(dues, cap * sizeof(*dues));
			a = rs_realloc(a, cap * sizeof(*a));
		}
		seqs[n] = rs_col_int64(st, 0);
		a[n].id = rs_strdup(rs_col_text(st, 1));
		dues[n] = rs_col_type(st, 2) == RS_NULL ? NULL :
		    rs_strdup(rs_col_text(st, 2));
		a[n].closed_on = rs_strdup(rs_col_text(st, 3));
		a[n].kept = NULL;
		n++;
	}
	rs_finalize(st);
	if (n > 0) {
		rs_db_pseudonyms(db);
		for (k = 0; anonymize_sql[k]; k++)
			upd[k] = rs_db_prepare(db, anonymize_sql[k]);
		rs_buf_addf(&details, "{\"reason\":\"Ley 1581 de 2012\","
		    "\"before\":\"%s\"}", before);
		for (i = 0; i < n; i++) {
			for (k = 0; anonymize_sql[k]; k++) {
				rs_bind_int64(upd[k], 1, seqs[i]);
				rs_db_step(db, upd[k]);
				rs_reset(upd[k]);
			}
			/* the due date is the request's own: the replay of
			 * the audit takes it from every event */
			rs_event_append(db, seqs[i], at, actor, "anonymize",
			    rs_buf_str(&details), dues[i]);
			/* after its event: a document it shares with a
			 * request anonymized earlier in the run goes too */
			rs_documents_purge(db, seqs[i], at);
			a[i].kept = kept_events(db, seqs[i]);
		}
		for (k = 0; anonymize_sql[k]; k++)
			rs_finalize(upd[k]);
	}
	/* and the messages set aside that no request holds */
	if (rs_inbox_purge(db, before, at) > 0 || n > 0)
		rs_db_commit(db);
	else
		rs_db_rollback(db);
	for (i = 0; i < n; i++)
		free(dues[i]);
	free(dues);
	free(seqs);
	rs_buf_free(&details);
	*out = a;
	return n;
}

void
rs_anonymized_free(struct rs_anonymized *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].closed_on);
		free(a[i].kept);
	}
	free(a);
}
