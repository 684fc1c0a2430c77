/*
 * Fuzz target: the database reader of rs-admin check.  The input is a
 * whole database file, written to a temporary file (without a -wal or
 * -shm left from the input before), opened as check opens it, audited
 * in one read transaction with the anchors of the chain, and closed.
 *
 * A refusal (rs_die: a file that is not a database, a damaged schema)
 * is a clean answer, not a crash: rs_die_hook jumps back here and the
 * half-open connection is closed.  But status 70 (an internal error, or
 * "out of memory") is never the answer to a damaged file: it aborts, so
 * the fuzzer keeps the input.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static jmp_buf back;

static void
died(int status)
{
	if (status == EX_SOFTWARE)
		abort();
	longjmp(back, 1);
}

static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* What rs_db_close does, without its own fatal path. */
static void
close_opened(void)
{
	struct rs_db *db = rs_db_opened;
	sqlite3_stmt *st;
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncached; i++)
		*db->cached[i] = NULL;
	if (db->h != NULL) {
		/* SQLite's statements: the store's covers of them are
		 * left, a few bytes a run */
		while ((st = sqlite3_next_stmt(db->h, NULL)) != NULL)
			sqlite3_finalize(st);
		sqlite3_close(db->h);
	}
	free(db->path);
	free(db);
	rs_db_opened = NULL;
}

static void
remove_files(const char *path)
{
	char side[80];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static struct rs_anchor anchor;
	struct rs_db *volatile db = NULL;
	long nreq, nev;
	FILE *fp;
	int fd;

	/* the migrations of an older schema are the writers' path, slow
	 * (the business days of a century) and not this target's: only
	 * files of this schema (user_version, bytes 60-63) are audited */
	if (size < 100 || data[60] != 0 || data[61] != 0 || data[62] != 0 ||
	    data[63] != RS_SCHEMA_VERSION)
		return 0;
	if (*path == '\0') {
		snprintf(path, sizeof(path), "/tmp/rs-fuzz-db.%ld.db",
		    (long)getpid());
		rs_setprogname("rs-fuzz-db");
		rs_die_hook = died;
		/* an anchor on the first event of the seeds */
		(void)rs_anchor_parse("1:0000000000000000000000000000000000"
		    "000000000000000000000000000000", &anchor);
	}
	remove_files(path);
	/* the mode rs asks of a database: nobody else may read it */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		return 0;
	if ((fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		return 0;
	}
	if (fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return 0;
	}
	fclose(fp);
	if (setjmp(back) == 0) {
		db = rs_db_open(path, RS_DB_READ | RS_DB_UNTRUSTED);
		rs_db_exec(db, "BEGIN");
		(void)rs_audit(db, quiet, NULL, &nreq, &nev);
		(void)rs_audit_dated(db, quiet, NULL);
		(void)rs_audit_anchors(db, &anchor, 1, quiet, NULL);
		(void)rs_chain_head(db, NULL);
		rs_db_exec(db, "COMMIT");
		rs_db_close(db);
	} else
		close_opened();
	remove_files(path);
	return 0;
}
