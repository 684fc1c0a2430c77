/*
 * pg.h - store layer, the PostgreSQL backend's side of store.c and
 * db.c; nothing else includes it.
 */
#ifndef RS_PG_H
#define RS_PG_H

struct rs_pgstmt;

/* Is name a libpq connection URI (postgresql://, postgres://)? */
int	 rs_pg_uri(const char *name);
/* The URI without its password, for every message. */
char	*rs_pg_shown(const char *uri);
/* Connect, set the office, check or create its schema (db.c's modes). */
void	 rs_pg_open(struct rs_db *, const char *uri, int mode);
void	 rs_pg_close(struct rs_db *);
const char *rs_pg_office(struct rs_db *);
void	 rs_pg_die(struct rs_db *) __attribute__((noreturn));
void	 rs_pg_exec(struct rs_db *, const char *sql);
/* BEGIN with the office's write lock: 0, or -1 when another writer
 * held it past the busy timeout (only when may_wait_out). */
int	 rs_pg_begin(struct rs_db *, int may_wait_out);
void	 rs_pg_commit(struct rs_db *);
void	 rs_pg_rollback(struct rs_db *);
void	 rs_pg_read_begin(struct rs_db *);
int	 rs_pg_in_transaction(struct rs_db *);
int64_t	 rs_pg_changes(struct rs_db *);
int64_t	 rs_pg_last_id(struct rs_db *);
int	 rs_pg_version(struct rs_db *);

struct rs_pgstmt *rs_pg_prepare(struct rs_db *, const char *sql, int cached);
int	 rs_pg_step(struct rs_db *, struct rs_pgstmt *);
/* 1, 0, or -1 on an error, kept for rs_pg_error; in a transaction,
 * the statement alone is undone and the transaction goes on */
int	 rs_pg_try_step(struct rs_db *, struct rs_pgstmt *);
const char *rs_pg_error(struct rs_db *, int *busy);
void	 rs_pg_reset(struct rs_pgstmt *);
void	 rs_pg_clear(struct rs_pgstmt *);
void	 rs_pg_finalize(struct rs_pgstmt *);
/* binary: a blob; copy: keep a copy rather than the pointer */
void	 rs_pg_bind(struct rs_pgstmt *, int, const void *, size_t,
	    int binary, int copy);
void	 rs_pg_bind_int(struct rs_pgstmt *, int, int64_t);
int	 rs_pg_bind_count(struct rs_pgstmt *);
int	 rs_pg_bind_index(struct rs_pgstmt *, const char *name);
const char *rs_pg_col_text(struct rs_pgstmt *, int);
int64_t	 rs_pg_col_int(struct rs_pgstmt *, int);
const void *rs_pg_col_blob(struct rs_pgstmt *, int, size_t *);
int	 rs_pg_col_type(struct rs_pgstmt *, int);
int	 rs_pg_col_count(struct rs_pgstmt *);
const char *rs_pg_col_name(struct rs_pgstmt *, int);

#endif
