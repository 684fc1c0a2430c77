/*
 * store.c - store layer: a statement on either backend.  The SQLite side
 * is here, a thin cover over its own calls; the PostgreSQL side is in
 * pg.c.  A statement knows its connection, so nothing above needs to.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"
#include "pg.h"

struct rs_stmt {
	struct rs_db	*db;
	sqlite3_stmt	*lite;
	struct rs_pgstmt *pg;
};

static struct rs_stmt *
prepare(struct rs_db *db, const char *sql, int cached)
{
	struct rs_stmt *st;

	st = rs_calloc(1, sizeof(*st));
	st->db = db;
	if (db->pg != NULL)
		st->pg = rs_pg_prepare(db, sql, cached);
	else if (sqlite3_prepare_v2(db->h, sql, -1, &st->lite, NULL) !=
	    SQLITE_OK) {
		free(st);
		rs_db_die(db);
	}
	return st;
}

struct rs_stmt *
rs_db_prepare(struct rs_db *db, const char *sql)
{
	return prepare(db, sql, 0);
}

struct rs_stmt *
rs_db_cached(struct rs_db *db, struct rs_stmt **st, const char *sql)
{
	if (*st != NULL)
		return *st;
	if (db->ncached == (int)(sizeof(db->cached) / sizeof(db->cached[0])))
		rs_die(EX_SOFTWARE, "%s: too many cached statements", db->path);
	*st = prepare(db, sql, 1);
	db->cached[db->ncached++] = st;
	return *st;
}

int
rs_db_step(struct rs_db *db, struct rs_stmt *st)
{
	if (st->pg != NULL)
		return rs_pg_step(db, st->pg);
	switch (sqlite3_step(st->lite)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		rs_db_die(db);
	}
}

struct rs_stmt *
rs_db_try_prepare(struct rs_db *db, const char *sql)
{
	struct rs_stmt *st;

	if (db->pg != NULL)
		return prepare(db, sql, 0);
	st = rs_calloc(1, sizeof(*st));
	st->db = db;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st->lite, NULL) == SQLITE_OK)
		return st;
	free(st);
	return NULL;
}

int
rs_db_try_step(struct rs_stmt *st)
{
	if (st->pg != NULL)
		return rs_pg_try_step(st->db, st->pg);
	switch (sqlite3_step(st->lite)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		return -1;
	}
}

const char *
rs_db_error(struct rs_db *db, int *busy, int *nomem)
{
	int rc;

	*nomem = 0;
	if (db->pg != NULL)
		return rs_pg_error(db, busy);
	rc = sqlite3_extended_errcode(db->h) & 0xff;
	*busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
	*nomem = rc == SQLITE_NOMEM;
	return sqlite3_errmsg(db->h);
}

void
rs_reset(struct rs_stmt *st)
{
	if (st->pg != NULL)
		rs_pg_reset(st->pg);
	else
		sqlite3_reset(st->lite);
}

void
rs_clear(struct rs_stmt *st)
{
	if (st->pg != NULL)
		rs_pg_clear(st->pg);
	else
		sqlite3_clear_bindings(st->lite);
}

void
rs_finalize(struct rs_stmt *st)
{
	if (st == NULL)
		return;
	if (st->pg != NULL)
		rs_pg_finalize(st->pg);
	else
		sqlite3_finalize(st->lite);
	free(st);
}

void
rs_bind_int(struct rs_stmt *st, int i, int v)
{
	rs_bind_int64(st, i, v);
}

void
rs_bind_int64(struct rs_stmt *st, int i, int64_t v)
{
	if (st->pg != NULL)
		rs_pg_bind_int(st->pg, i, v);
	else
		sqlite3_bind_int64(st->lite, i, v);
}

void
rs_bind_text(struct rs_stmt *st, int i, const char *v)
{
	if (st->pg != NULL)
		rs_pg_bind(st->pg, i, v, v ? strlen(v) : 0, 0, 0);
	else
		sqlite3_bind_text(st->lite, i, v, -1, SQLITE_STATIC);
}

void
rs_bind_textn(struct rs_stmt *st, int i, const char *v, size_t n)
{
	if (st->pg != NULL)
		rs_pg_bind(st->pg, i, v, n, 0, 1);
	else
		sqlite3_bind_text64(st->lite, i, v, n, SQLITE_STATIC,
		    SQLITE_UTF8);
}

void
rs_bind_copy(struct rs_stmt *st, int i, const char *v)
{
	if (st->pg != NULL)
		rs_pg_bind(st->pg, i, v, v ? strlen(v) : 0, 0, 1);
	else
		sqlite3_bind_text(st->lite, i, v, -1, SQLITE_TRANSIENT);
}

void
rs_bind_blob(struct rs_stmt *st, int i, const void *v, size_t n)
{
	if (st->pg != NULL)
		rs_pg_bind(st->pg, i, v, n, 1, 0);
	else
		sqlite3_bind_blob64(st->lite, i, v, n, SQLITE_STATIC);
}

void
rs_bind_null(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		rs_pg_bind(st->pg, i, NULL, 0, 0, 0);
	else
		sqlite3_bind_null(st->lite, i);
}

int
rs_bind_count(struct rs_stmt *st)
{
	if (st->pg != NULL)
		return rs_pg_bind_count(st->pg);
	return sqlite3_bind_parameter_count(st->lite);
}

int
rs_bind_index(struct rs_stmt *st, const char *name)
{
	if (st->pg != NULL)
		return rs_pg_bind_index(st->pg, name);
	return sqlite3_bind_parameter_index(st->lite, name);
}

const char *
rs_col_text(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		return rs_pg_col_text(st->pg, i);
	return (const char *)sqlite3_column_text(st->lite, i);
}

int
rs_col_int(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		return (int)rs_pg_col_int(st->pg, i);
	return sqlite3_column_int(st->lite, i);
}

int64_t
rs_col_int64(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		return rs_pg_col_int(st->pg, i);
	return sqlite3_column_int64(st->lite, i);
}

const void *
rs_col_blob(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		return rs_pg_col_blob(st->pg, i, NULL);
	return sqlite3_column_blob(st->lite, i);
}

int
rs_col_bytes(struct rs_stmt *st, int i)
{
	size_t n;

	if (st->pg != NULL) {
		rs_pg_col_blob(st->pg, i, &n);
		return (int)n;
	}
	return sqlite3_column_bytes(st->lite, i);
}

int
rs_col_type(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		return rs_pg_col_type(st->pg, i);
	return sqlite3_column_type(st->lite, i);
}

int
rs_col_count(struct rs_stmt *st)
{
	if (st->pg != NULL)
		return rs_pg_col_count(st->pg);
	return sqlite3_column_count(st->lite);
}

const char *
rs_col_name(struct rs_stmt *st, int i)
{
	if (st->pg != NULL)
		return rs_pg_col_name(st->pg, i);
	return sqlite3_column_name(st->lite, i);
}

int64_t
rs_db_changes(struct rs_db *db)
{
	if (db->pg != NULL)
		return rs_pg_changes(db);
	return sqlite3_changes64(db->h);
}

int64_t
rs_db_last_id(struct rs_db *db)
{
	if (db->pg != NULL)
		return rs_pg_last_id(db);
	return sqlite3_last_insert_rowid(db->h);
}

int
rs_db_in_transaction(struct rs_db *db)
{
	if (db->pg != NULL)
		return rs_pg_in_transaction(db);
	return !sqlite3_get_autocommit(db->h);
}

int
rs_db_is_pg(const struct rs_db *db)
{
	return db->pg != NULL;
}

char *
rs_db_dup(struct rs_stmt *st, int i)
{
	const char *v = rs_col_text(st, i);

	return v ? rs_strdup(v) : NULL;
}

long
rs_db_rows(struct rs_db *db, struct rs_stmt *st, struct rs_out *out)
{
	const char **cells;
	long rows = 0;
	int i, n;

	n = rs_col_count(st);
	cells = rs_calloc((size_t)n, sizeof(char *));
	while (rs_db_step(db, st)) {
		for (i = 0; i < n; i++)
			cells[i] = rs_col_text(st, i);
		rs_out_row(out, cells);
		rows++;
	}
	free(cells);
	return rows;
}
