/*
 * pg.c - store layer: PostgreSQL through libpq, for a database named by
 * a connection URI (rs-db(5)).
 *
 * libpq is loaded when such a URI is opened, never before: linked in,
 * it and the libraries it needs (TLS, Kerberos, LDAP) would be bound at
 * the start of every command, on SQLite too, where a command lives a
 * few milliseconds (bench/README.md).
 *
 * An office is a schema of the database (RS_OFFICE; "main" when none
 * is named), first in the search path, so the same SQL serves any
 * office and offices never wait for one another.  Every write takes the
 * office's lock first, the one row of its schema_version, as SQLite's
 * BEGIN IMMEDIATE takes the file's: each transaction of an office runs
 * alone, as every one appends to the office's hash chain anyway, and
 * none ever needs to be run again.  A reader takes a snapshot and no
 * lock.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "rs.h"
#include "pg.h"

/* The libpq calls used, loaded by name from libpq.so.5. */
#define PQ_CALLS \
	X(PGconn *, PQconnectdb, (const char *)) \
	X(ConnStatusType, PQstatus, (const PGconn *)) \
	X(char *, PQerrorMessage, (const PGconn *)) \
	X(void, PQfinish, (PGconn *)) \
	X(PGresult *, PQexec, (PGconn *, const char *)) \
	X(PGresult *, PQexecParams, (PGconn *, const char *, int, \
	    const Oid *, const char *const *, const int *, const int *, int)) \
	X(PGresult *, PQprepare, (PGconn *, const char *, const char *, int, \
	    const Oid *)) \
	X(PGresult *, PQexecPrepared, (PGconn *, const char *, int, \
	    const char *const *, const int *, const int *, int)) \
	X(ExecStatusType, PQresultStatus, (const PGresult *)) \
	X(char *, PQresultErrorField, (const PGresult *, int)) \
	X(char *, PQresultErrorMessage, (const PGresult *)) \
	X(void, PQclear, (PGresult *)) \
	X(int, PQntuples, (const PGresult *)) \
	X(int, PQnfields, (const PGresult *)) \
	X(char *, PQfname, (const PGresult *, int)) \
	X(Oid, PQftype, (const PGresult *, int)) \
	X(char *, PQgetvalue, (const PGresult *, int, int)) \
	X(int, PQgetlength, (const PGresult *, int, int)) \
	X(int, PQgetisnull, (const PGresult *, int, int)) \
	X(char *, PQcmdTuples, (PGresult *)) \
	X(unsigned char *, PQunescapeBytea, (const unsigned char *, size_t *)) \
	X(void, PQfreemem, (void *)) \
	X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *)) \
	X(char *, PQescapeIdentifier, (PGconn *, const char *, size_t)) \
	X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *, \
	    PQnoticeProcessor, void *)) \
	X(PQconninfoOption *, PQconninfoParse, (const char *, char **)) \
	X(void, PQconninfoFree, (PQconninfoOption *))

static struct {
#define X(ret, name, args) ret (*name) args;
	PQ_CALLS
#undef X
} pq;

/* Type oids of pg_type.h, stable across versions. */
#define OID_BOOL	16
#define OID_BYTEA	17
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_FLOAT4	700
#define OID_FLOAT8	701
#define OID_NUMERIC	1700

struct rs_pg {
	PGconn		*conn;
	char		*office;
	int64_t		 changes;
	int		 nprepared;	/* names given: s1, s2, ... */
	char		 state[6];	/* SQLSTATE of the last error */
	char		*error;		/* its message, one line */
	char		*statement;	/* and the statement's text */
};

struct rs_pgstmt {
	struct rs_db	*db;
	char		*sql;		/* with $N for ?N */
	char		 name[16];	/* prepared once when cached */
	int		 cached, prepared;
	int		 nparams;
	const char	**vals;
	int		*lens, *fmts;
	char		**own;		/* copies, freed with the statement */
	PGresult	*res;
	int		 ran, row, nrows;
	unsigned char	*blob;		/* a bytea of the current row */
	size_t		 blobn;
};

static void
load_libpq(void)
{
	static int loaded;
	void *h;

	if (loaded)
		return;
	if ((h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL)) == NULL)
		rs_die(EX_UNAVAILABLE, "PostgreSQL: cannot load libpq "
		    "(install libpq5): %s", dlerror());
#define X(ret, name, args) \
	if ((*(void **)&pq.name = dlsym(h, #name)) == NULL) \
		rs_die(EX_UNAVAILABLE, "PostgreSQL: libpq lacks %s", #name);
	PQ_CALLS
#undef X
	loaded = 1;
}

/* A buffer's text as a string of its own. */
static char *
take(struct rs_buf *b)
{
	char *s = rs_strdup(rs_buf_str(b));

	rs_buf_free(b);
	return s;
}

int
rs_pg_uri(const char *name)
{
	return strncmp(name, "postgresql://", 13) == 0 ||
	    strncmp(name, "postgres://", 11) == 0;
}

/*
 * The URI as messages show it: a password, in the user part or as a
 * parameter, becomes "***".
 */
char *
rs_pg_shown(const char *uri)
{
	struct rs_buf b = { 0 };
	const char *p, *at, *colon, *auth, *end;

	auth = strstr(uri, "://") + 3;
	end = auth + strcspn(auth, "/?");
	at = NULL;
	for (p = auth; p < end; p++)
		if (*p == '@')
			at = p;
	rs_buf_add(&b, uri, (size_t)(auth - uri));
	if (at != NULL && (colon = memchr(auth, ':', (size_t)(at - auth)))) {
		rs_buf_add(&b, auth, (size_t)(colon - auth));
		rs_buf_adds(&b, ":***");
		p = at;
	} else
		p = auth;
	while (*p) {
		if ((*p == '?' || *p == '&') &&
		    strncmp(p + 1, "password=", 9) == 0) {
			rs_buf_add(&b, p, 10);
			rs_buf_adds(&b, "***");
			p += 10;
			p += strcspn(p, "&");
			continue;
		}
		rs_buf_addc(&b, *p++);
	}
	return take(&b);
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Keep the error of r (or of the connection) for rs_pg_die. */
static void
keep_error(struct rs_pg *pg, PGresult *r)
{
	const char *state = NULL, *msg = NULL;
	char *p, *q;

	if (r != NULL) {
		state = pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
		msg = pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	}
	if (msg == NULL)
		msg = pq.PQerrorMessage(pg->conn);
	/* no SQLSTATE: the connection failed */
	snprintf(pg->state, sizeof(pg->state), "%s", state ? state : "08006");
	free(pg->error);
	free(pg->statement);
	pg->statement = NULL;
	pg->error = rs_strdup(msg);
	/* one line: libpq's lines, tabs and double spaces as one space */
	for (p = q = pg->error; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n')
			*q++ = *p;
		else if (q > pg->error && q[-1] != ' ')
			*q++ = ' ';
	while (q > pg->error && q[-1] == ' ')
		q--;
	*q = '\0';
}

/* The exit status of an SQLSTATE (DESIGN §8). */
static int
state_status(const char *s)
{
	if (strncmp(s, "08", 2) == 0 ||		/* connection */
	    strcmp(s, "40001") == 0 ||		/* serialization failure */
	    strcmp(s, "40P01") == 0 ||		/* deadlock */
	    strcmp(s, "55P03") == 0 ||		/* lock not available */
	    strcmp(s, "57014") == 0 ||		/* canceled (a timeout) */
	    strncmp(s, "57P0", 4) == 0 ||	/* shutdown, cannot connect */
	    strcmp(s, "25006") == 0 ||		/* a standby, read-only */
	    strcmp(s, "53300") == 0)		/* too many connections */
		return EX_TEMPFAIL;
	if (strncmp(s, "28", 2) == 0 || strcmp(s, "42501") == 0)
		return EX_NOPERM;
	if (strncmp(s, "23", 2) == 0 || strcmp(s, "P0001") == 0 ||
	    strncmp(s, "22", 2) == 0)
		return EX_DATAERR;
	if (strcmp(s, "53100") == 0 || strncmp(s, "58", 2) == 0)
		return EX_IOERR;
	if (strcmp(s, "3D000") == 0)
		return EX_NOINPUT;
	return EX_SOFTWARE;
}

/* An internal error names the statement, without its values, for the
 * report of the fault. */
void
rs_pg_die(struct rs_db *db)
{
	struct rs_pg *pg = db->pg;
	int status = state_status(pg->state);

	if (status == EX_SOFTWARE && pg->statement != NULL)
		rs_die(status, "%s: %s (SQLSTATE %s, in: %s)", db->path,
		    pg->error ? pg->error : "error", pg->state, pg->statement);
	rs_die(status, "%s: %s", db->path, pg->error ? pg->error : "error");
}

const char *
rs_pg_error(struct rs_db *db, int *busy)
{
	*busy = state_status(db->pg->state) == EX_TEMPFAIL;
	return db->pg->error ? db->pg->error : "error";
}

/* Run sql; 0, or -1 with the error kept. */
static int
try_exec(struct rs_db *db, const char *sql)
{
	PGresult *r;
	ExecStatusType s;

	r = pq.PQexec(db->pg->conn, sql);
	s = pq.PQresultStatus(r);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		pq.PQclear(r);
		return 0;
	}
	keep_error(db->pg, r);
	pq.PQclear(r);
	return -1;
}

void
rs_pg_exec(struct rs_db *db, const char *sql)
{
	if (try_exec(db, sql) == -1)
		rs_pg_die(db);
}

/* The office's schema version, or -1 when it has none (no such office). */
int
rs_pg_version(struct rs_db *db)
{
	PGresult *r;
	int v = -1;

	r = pq.PQexec(db->pg->conn, "SELECT version FROM schema_version");
	if (pq.PQresultStatus(r) == PGRES_TUPLES_OK) {
		if (pq.PQntuples(r) == 1)
			v = atoi(pq.PQgetvalue(r, 0, 0));
	} else {
		keep_error(db->pg, r);
		/* undefined table: the office was never made */
		if (strcmp(db->pg->state, "42P01") != 0) {
			pq.PQclear(r);
			rs_pg_die(db);
		}
	}
	pq.PQclear(r);
	return v;
}

/* A valid office name: a schema name that needs no quoting. */
static const char *
office_name(void)
{
	const char *o, *p;

	if ((o = getenv("RS_OFFICE")) == NULL || *o == '\0')
		o = "main";
	if (!(*o >= 'a' && *o <= 'z') || strlen(o) > 63)
		goto bad;
	for (p = o; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			goto bad;
	if (strncmp(o, "pg_", 3) == 0 || strcmp(o, "public") == 0 ||
	    strcmp(o, "information_schema") == 0)
		goto bad;
	return o;
bad:
	rs_die(EX_USAGE, "RS_OFFICE: expected a name of lower-case letters, "
	    "digits and _, starting with a letter, at most 63, not public, "
	    "information_schema or pg_...; got \"%s\"", o);
}

/*
 * A URI libpq cannot read is a usage error (64), never worth running
 * again.  libpq's reason quotes the piece it stumbled on, which may be
 * the password: the reason is kept, the quotation is not.
 */
static void
parse_uri(struct rs_db *db, const char *uri)
{
	PQconninfoOption *opts;
	char *err = NULL, *q;

	if ((opts = pq.PQconninfoParse(uri, &err)) != NULL) {
		pq.PQconninfoFree(opts);
		return;
	}
	if (err == NULL)
		rs_die(EX_OSERR, "out of memory");
	if ((q = strstr(err, ": \"")) != NULL)
		*q = '\0';
	err[strcspn(err, "\n")] = '\0';
	rs_die(EX_USAGE, "%s: not a connection URI libpq can read: %s",
	    db->path, err);
}

/*
 * Connect.  The reason a connection failed has no SQLSTATE in libpq, so
 * the refused login is told by the server's words: 77; a database that
 * does not exist 66; a parameter libpq refuses before it connects
 * (sslmode=bogus, a port that is no number) 64, as a URI it cannot
 * read; anything else (no server, a standby, a network down) 75, worth
 * trying again.
 */
static void
connect_uri(struct rs_db *db, const char *uri)
{
	struct rs_pg *pg = db->pg;
	const char *m;

	parse_uri(db, uri);
	pg->conn = pq.PQconnectdb(uri);
	if (pq.PQstatus(pg->conn) == CONNECTION_OK) {
		pq.PQsetNoticeProcessor(pg->conn, quiet, NULL);
		return;
	}
	keep_error(pg, NULL);
	m = pg->error;
	if (strstr(m, "authentication failed") || strstr(m, "no pg_hba.conf") ||
	    strstr(m, "password") || (strstr(m, "role \"") &&
	    strstr(m, "does not exist")))
		rs_die(EX_NOPERM, "%s: login refused: %s", db->path, m);
	if (strstr(m, "database \"") && strstr(m, "does not exist"))
		rs_die(EX_NOINPUT, "%s: %s", db->path, m);
	/* libpq's checks of the parameters' values, before any connection:
	 * a server's refusal starts "connection to server" */
	if (strncmp(m, "invalid ", 8) == 0)
		rs_die(EX_USAGE, "%s: %s", db->path, m);
	rs_die(EX_TEMPFAIL, "%s: cannot connect: %s", db->path, m);
}

/*
 * A new office needs a database that sorts text by its bytes, as SQLite
 * does: the lists and reports order names, topics and logins, and the
 * same commands give the same output on either store.
 */
static void
byte_order(struct rs_db *db)
{
	PGresult *r;
	const char *c, *provider, *enc;

	r = pq.PQexec(db->pg->conn, "SELECT datcollate, datlocprovider, "
	    "coalesce(daticulocale, ''), pg_encoding_to_char(encoding) "
	    "FROM pg_database WHERE datname = current_database()");
	if (pq.PQresultStatus(r) != PGRES_TUPLES_OK || pq.PQntuples(r) != 1) {
		keep_error(db->pg, r);
		pq.PQclear(r);
		rs_pg_die(db);
	}
	c = pq.PQgetvalue(r, 0, 0);
	provider = pq.PQgetvalue(r, 0, 1);
	enc = pq.PQgetvalue(r, 0, 3);
	if (strcmp(provider, "i") == 0)
		c = pq.PQgetvalue(r, 0, 2);
	if (strcmp(enc, "UTF8") != 0 || strcmp(provider, "i") == 0 ||
	    (strcmp(c, "C") != 0 && strcmp(c, "POSIX") != 0 &&
	    strcmp(c, "C.UTF-8") != 0 && strcmp(c, "C.utf8") != 0)) {
		char *what = rs_strdup(strcmp(enc, "UTF8") != 0 ? enc : c);

		pq.PQclear(r);
		rs_die(EX_CONFIG, "%s: the database is in %s; rs needs UTF-8 "
		    "text sorted by its bytes, as on SQLite (CREATE DATABASE "
		    "... TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8')",
		    db->path, what);
	}
	pq.PQclear(r);
}

void
rs_pg_open(struct rs_db *db, const char *uri, int mode)
{
	struct rs_buf sql = { 0 };
	long timeout;
	int v;

	load_libpq();
	db->pg = rs_calloc(1, sizeof(*db->pg));
	db->pg->office = rs_strdup(office_name());
	db->busy_ms = timeout = rs_db_busy_ms();
	connect_uri(db, uri);
	/* the office first in the path; public after it for the
	 * extensions there (unaccent) */
	rs_buf_addf(&sql, "SET search_path TO %s, public; "
	    "SET client_encoding TO 'UTF8'; SET lock_timeout TO %ld; "
	    "SET client_min_messages TO warning", db->pg->office,
	    timeout > 0 ? timeout : 1);
	rs_pg_exec(db, rs_buf_str(&sql));
	rs_buf_free(&sql);
	v = rs_pg_version(db);
	if (v == -1 && mode != RS_DB_CREATE)
		rs_die(EX_NOINPUT, "%s: no office \"%s\" (create it with "
		    "rs-admin init)", db->path, db->pg->office);
	if (v != -1 && mode == RS_DB_CREATE)
		rs_die(EX_CANTCREAT, "%s: office \"%s\" already exists",
		    db->path, db->pg->office);
	if (v > RS_SCHEMA_VERSION)
		rs_die(EX_CONFIG, "%s: schema version %d is newer than this "
		    "program's (%d); refused", db->path, v, RS_SCHEMA_VERSION);
	if (v == -1) {
		byte_order(db);
		rs_db_pg_create(db, db->pg->office);
	}
	else if (v < RS_SCHEMA_VERSION)
		rs_die(EX_SOFTWARE, "%s: schema version %d: no step from it "
		    "on PostgreSQL", db->path, v);
}

void
rs_pg_close(struct rs_db *db)
{
	struct rs_pg *pg = db->pg;

	pq.PQfinish(pg->conn);
	free(pg->office);
	free(pg->error);
	free(pg->statement);
	free(pg);
	db->pg = NULL;
}

const char *
rs_pg_office(struct rs_db *db)
{
	return db->pg->office;
}

int
rs_pg_begin(struct rs_db *db, int may_wait_out)
{
	rs_pg_exec(db, "BEGIN");
	if (try_exec(db, "SELECT version FROM schema_version FOR UPDATE") == 0)
		return 0;
	if (may_wait_out && strcmp(db->pg->state, "55P03") == 0) {
		try_exec(db, "ROLLBACK");
		return -1;
	}
	/* a role granted SELECT only: an analyst's */
	if (strcmp(db->pg->state, "42501") == 0)
		rs_die(EX_NOPERM, "%s: office \"%s\": this login may read it, "
		    "not write to it (%s)", db->path, db->pg->office,
		    db->pg->error);
	rs_pg_die(db);
}

void
rs_pg_commit(struct rs_db *db)
{
	rs_pg_exec(db, "COMMIT");
}

void
rs_pg_rollback(struct rs_db *db)
{
	if (rs_pg_in_transaction(db))
		try_exec(db, "ROLLBACK");
}

void
rs_pg_read_begin(struct rs_db *db)
{
	rs_pg_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

int
rs_pg_in_transaction(struct rs_db *db)
{
	PGTransactionStatusType t = pq.PQtransactionStatus(db->pg->conn);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR ||
	    t == PQTRANS_ACTIVE;
}

int64_t
rs_pg_changes(struct rs_db *db)
{
	return db->pg->changes;
}

int64_t
rs_pg_last_id(struct rs_db *db)
{
	PGresult *r;
	int64_t v;

	r = pq.PQexec(db->pg->conn,
	    "SELECT current_setting('rs.last_id', true)");
	if (pq.PQresultStatus(r) != PGRES_TUPLES_OK) {
		keep_error(db->pg, r);
		pq.PQclear(r);
		rs_pg_die(db);
	}
	v = strtoll(pq.PQgetvalue(r, 0, 0), NULL, 10);
	pq.PQclear(r);
	return v;
}

/*
 * SQLite's parameters, ?N and ?, as PostgreSQL's $N; nothing within
 * quotes or comments is touched.  The number of parameters in *n.
 */
static char *
translate(const char *sql, int *n)
{
	struct rs_buf b = { 0 };
	const char *p = sql;
	int next = 1, k;
	char q;

	*n = 0;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			q = *p;
			rs_buf_addc(&b, *p++);
			while (*p && *p != q)
				rs_buf_addc(&b, *p++);
			if (*p)
				rs_buf_addc(&b, *p++);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				rs_buf_addc(&b, *p++);
		} else if (*p == '?') {
			p++;
			if (*p >= '0' && *p <= '9') {
				k = (int)strtol(p, (char **)&p, 10);
				if (k >= next)
					next = k + 1;
			} else
				k = next++;
			if (k > *n)
				*n = k;
			rs_buf_addf(&b, "$%d", k);
		} else
			rs_buf_addc(&b, *p++);
	}
	return take(&b);
}

struct rs_pgstmt *
rs_pg_prepare(struct rs_db *db, const char *sql, int cached)
{
	struct rs_pgstmt *st;

	st = rs_calloc(1, sizeof(*st));
	st->db = db;
	st->sql = translate(sql, &st->nparams);
	st->cached = cached;
	if (st->nparams > 0) {
		st->vals = rs_calloc((size_t)st->nparams, sizeof(*st->vals));
		st->lens = rs_calloc((size_t)st->nparams, sizeof(*st->lens));
		st->fmts = rs_calloc((size_t)st->nparams, sizeof(*st->fmts));
		st->own = rs_calloc((size_t)st->nparams, sizeof(*st->own));
	}
	return st;
}

static void
drop_result(struct rs_pgstmt *st)
{
	if (st->res != NULL)
		pq.PQclear(st->res);
	st->res = NULL;
	if (st->blob != NULL)
		pq.PQfreemem(st->blob);
	st->blob = NULL;
	st->ran = st->row = st->nrows = 0;
}

/* Run the statement: 0, or -1 with the error kept. */
static int
run(struct rs_db *db, struct rs_pgstmt *st)
{
	struct rs_pg *pg = db->pg;
	PGresult *r;
	ExecStatusType s;
	const char *t;

	if (st->cached && !st->prepared) {
		snprintf(st->name, sizeof(st->name), "s%d", ++pg->nprepared);
		r = pq.PQprepare(pg->conn, st->name, st->sql, 0, NULL);
		if (pq.PQresultStatus(r) != PGRES_COMMAND_OK) {
			keep_error(pg, r);
			pq.PQclear(r);
			return -1;
		}
		pq.PQclear(r);
		st->prepared = 1;
	}
	if (st->prepared)
		r = pq.PQexecPrepared(pg->conn, st->name, st->nparams,
		    st->vals, st->lens, st->fmts, 0);
	else
		r = pq.PQexecParams(pg->conn, st->sql, st->nparams, NULL,
		    st->vals, st->lens, st->fmts, 0);
	s = pq.PQresultStatus(r);
	if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
		keep_error(pg, r);
		pg->statement = rs_strdup(st->sql);
		pq.PQclear(r);
		return -1;
	}
	st->res = r;
	st->ran = 1;
	st->nrows = s == PGRES_TUPLES_OK ? pq.PQntuples(r) : 0;
	t = pq.PQcmdTuples(r);
	if (t != NULL && *t)
		pg->changes = strtoll(t, NULL, 10);
	return 0;
}

/*
 * A statement that fails ends PostgreSQL's transaction, and every later
 * one in it fails too ("current transaction is aborted"), where SQLite
 * goes on.  The audit reads on past a table it cannot read, in its one
 * snapshot, so its statements run within a savepoint each: a failure
 * undoes that one statement, its error kept, and the snapshot stays.
 */
static int
run_guarded(struct rs_db *db, struct rs_pgstmt *st)
{
	if (pq.PQtransactionStatus(db->pg->conn) != PQTRANS_INTRANS)
		return run(db, st);
	if (try_exec(db, "SAVEPOINT rs_try") == -1)
		return -1;
	if (run(db, st) == 0)
		return try_exec(db, "RELEASE SAVEPOINT rs_try");
	/* the statement's error stays kept unless this fails too */
	(void)try_exec(db, "ROLLBACK TO SAVEPOINT rs_try");
	return -1;
}

static int
step(struct rs_db *db, struct rs_pgstmt *st, int guarded)
{
	if (!st->ran && (guarded ? run_guarded(db, st) : run(db, st)) == -1)
		return -1;
	if (st->blob != NULL) {
		pq.PQfreemem(st->blob);
		st->blob = NULL;
	}
	if (st->row >= st->nrows)
		return 0;
	st->row++;
	return 1;
}

int
rs_pg_try_step(struct rs_db *db, struct rs_pgstmt *st)
{
	return step(db, st, 1);
}

int
rs_pg_step(struct rs_db *db, struct rs_pgstmt *st)
{
	int r;

	if ((r = step(db, st, 0)) == -1)
		rs_pg_die(db);
	return r;
}

void
rs_pg_reset(struct rs_pgstmt *st)
{
	drop_result(st);
}

static void
unbind(struct rs_pgstmt *st, int i)
{
	free(st->own[i]);
	st->own[i] = NULL;
	st->vals[i] = NULL;
	st->lens[i] = 0;
	st->fmts[i] = 0;
}

void
rs_pg_clear(struct rs_pgstmt *st)
{
	int i;

	for (i = 0; i < st->nparams; i++)
		unbind(st, i);
}

void
rs_pg_finalize(struct rs_pgstmt *st)
{
	drop_result(st);
	rs_pg_clear(st);
	free(st->vals);
	free(st->lens);
	free(st->fmts);
	free(st->own);
	free(st->sql);
	free(st);
}

void
rs_pg_bind(struct rs_pgstmt *st, int i, const void *v, size_t n,
    int binary, int copy)
{
	char *c;

	if (i < 1 || i > st->nparams)
		return;
	i--;
	unbind(st, i);
	if (v == NULL)
		return;
	if (copy || !binary) {
		/* text goes NUL-ended: a copy when the length is not the
		 * string's own */
		if (copy || strlen(v) != n) {
			c = rs_malloc(n + 1);
			memcpy(c, v, n);
			c[n] = '\0';
			st->own[i] = c;
			v = c;
		}
	}
	st->vals[i] = v;
	st->lens[i] = (int)n;
	st->fmts[i] = binary;
}

void
rs_pg_bind_int(struct rs_pgstmt *st, int i, int64_t v)
{
	char buf[24];

	if (i < 1 || i > st->nparams)
		return;
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	rs_pg_bind(st, i, buf, strlen(buf), 0, 1);
}

int
rs_pg_bind_count(struct rs_pgstmt *st)
{
	return st->nparams;
}

int
rs_pg_bind_index(struct rs_pgstmt *st, const char *name)
{
	int k;

	if (name[0] != '?' || (k = atoi(name + 1)) < 1 || k > st->nparams)
		return 0;
	return k;
}

static int
has(struct rs_pgstmt *st, int i)
{
	return st->res != NULL && st->row >= 1 && st->row <= st->nrows &&
	    i >= 0 && i < pq.PQnfields(st->res);
}

const char *
rs_pg_col_text(struct rs_pgstmt *st, int i)
{
	if (!has(st, i) || pq.PQgetisnull(st->res, st->row - 1, i))
		return NULL;
	return pq.PQgetvalue(st->res, st->row - 1, i);
}

/* An integer as SQLite gives it: a boolean is 1 or 0, text its number. */
int64_t
rs_pg_col_int(struct rs_pgstmt *st, int i)
{
	const char *v;

	if ((v = rs_pg_col_text(st, i)) == NULL)
		return 0;
	if (pq.PQftype(st->res, i) == OID_BOOL)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

const void *
rs_pg_col_blob(struct rs_pgstmt *st, int i, size_t *n)
{
	const char *v;
	size_t dummy;

	if (n == NULL)
		n = &dummy;
	*n = 0;
	if ((v = rs_pg_col_text(st, i)) == NULL)
		return NULL;
	if (pq.PQftype(st->res, i) != OID_BYTEA) {
		*n = strlen(v);
		return v;
	}
	if (st->blob != NULL)
		pq.PQfreemem(st->blob);
	st->blob = pq.PQunescapeBytea((const unsigned char *)v, &st->blobn);
	if (st->blob == NULL)
		rs_die(EX_OSERR, "out of memory");
	*n = st->blobn;
	return st->blob;
}

int
rs_pg_col_type(struct rs_pgstmt *st, int i)
{
	if (!has(st, i) || pq.PQgetisnull(st->res, st->row - 1, i))
		return RS_NULL;
	switch (pq.PQftype(st->res, i)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return RS_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return RS_FLOAT;
	case OID_BYTEA:
		return RS_BLOB;
	default:
		return RS_TEXT;
	}
}

int
rs_pg_col_count(struct rs_pgstmt *st)
{
	if (!st->ran && run(st->db, st) == -1)
		rs_pg_die(st->db);
	return st->res ? pq.PQnfields(st->res) : 0;
}

const char *
rs_pg_col_name(struct rs_pgstmt *st, int i)
{
	if (!st->ran && run(st->db, st) == -1)
		rs_pg_die(st->db);
	return pq.PQfname(st->res, i);
}
