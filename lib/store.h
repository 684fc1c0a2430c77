/*
 * store.h - the store layer's statements, one interface over SQLite and
 * PostgreSQL (lib/store.c, lib/pg.c).  Above it the record and report
 * layers speak SQL through these calls alone; below it each backend
 * speaks its own library.
 *
 * A statement's SQL is written once, in the dialect both accept:
 * parameters as ?N (PostgreSQL's $N is made from them), RETURNING instead
 * of last_insert_rowid, and functions PostgreSQL lacks defined by its
 * schema (lib/pgschema.c).
 */
#ifndef RS_STORE_H
#define RS_STORE_H

#include <stddef.h>
#include <stdint.h>

struct rs_db;
struct rs_stmt;

/* What a column holds, with SQLite's numbers. */
#define RS_INTEGER	1
#define RS_FLOAT	2
#define RS_TEXT		3
#define RS_BLOB		4
#define RS_NULL		5

/* Prepare; an error is fatal (rs_db_die). */
struct rs_stmt *rs_db_prepare(struct rs_db *, const char *sql);
/* Prepare *st once for this connection (finalized and cleared when it
 * closes); a connection opened later prepares its own. */
struct rs_stmt *rs_db_cached(struct rs_db *, struct rs_stmt **st,
	    const char *sql);
/* Step a statement; returns 1 for a row, 0 when done; errors are fatal. */
int	 rs_db_step(struct rs_db *, struct rs_stmt *);
/* For the audit, which reads what may be damaged: NULL, or -1 from a
 * step, on an error, and rs_db_error says what it was (busy: another
 * holds a lock; nomem: out of memory). */
struct rs_stmt *rs_db_try_prepare(struct rs_db *, const char *sql);
int	 rs_db_try_step(struct rs_stmt *);
const char *rs_db_error(struct rs_db *, int *busy, int *nomem);
void	 rs_reset(struct rs_stmt *);	/* to run again; bindings stay */
void	 rs_clear(struct rs_stmt *);	/* every parameter NULL */
void	 rs_finalize(struct rs_stmt *);	/* NULL is nothing */

/*
 * Parameters count from 1.  rs_bind_text's and rs_bind_blob's values
 * must stay as they are until the statement is reset or finalized;
 * rs_bind_copy copies.  A NULL string binds NULL.
 */
void	 rs_bind_int(struct rs_stmt *, int, int);
void	 rs_bind_int64(struct rs_stmt *, int, int64_t);
void	 rs_bind_text(struct rs_stmt *, int, const char *);
void	 rs_bind_textn(struct rs_stmt *, int, const char *, size_t);
void	 rs_bind_copy(struct rs_stmt *, int, const char *);
void	 rs_bind_blob(struct rs_stmt *, int, const void *, size_t);
void	 rs_bind_null(struct rs_stmt *, int);
int	 rs_bind_count(struct rs_stmt *);
/* Is ?N (name "?N") a parameter of the statement? */
int	 rs_bind_index(struct rs_stmt *, const char *name);

/* The current row's columns, from 0; valid until the next step. */
const char *rs_col_text(struct rs_stmt *, int);
int	 rs_col_int(struct rs_stmt *, int);
int64_t	 rs_col_int64(struct rs_stmt *, int);
const void *rs_col_blob(struct rs_stmt *, int);
int	 rs_col_bytes(struct rs_stmt *, int);
int	 rs_col_type(struct rs_stmt *, int);
int	 rs_col_count(struct rs_stmt *);
const char *rs_col_name(struct rs_stmt *, int);

/* Rows the last INSERT, UPDATE or DELETE changed. */
int64_t	 rs_db_changes(struct rs_db *);
/* The seq of the row the last INSERT made (PostgreSQL: its key trigger's). */
int64_t	 rs_db_last_id(struct rs_db *);
/* Is a transaction open? */
int	 rs_db_in_transaction(struct rs_db *);
/* Is it PostgreSQL? */
int	 rs_db_is_pg(const struct rs_db *);

#endif
