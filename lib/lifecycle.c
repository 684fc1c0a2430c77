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
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "rs.h"


/* The chain head, cached for the length of one transaction. */
static uint8_t	head[SHA256_DIGEST_SIZE];
static int	head_known;
static struct sqlite3_stmt *ins_event, *sel_head;
static struct sqlite3 *stmt_db;	/* the connection they were prepared on */

static void
hash_field(struct sha256_ctx *ctx, const char *s)
{
	char len[24];

	if (s == NULL) {
		sha256_update(ctx, 1, (const uint8_t *)"-");
		return;
	}
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	sha256_update(ctx, strlen(len), (const uint8_t *)len);
	sha256_update(ctx, strlen(s), (const uint8_t *)s);
}

static void
event_hash(const uint8_t prev[SHA256_DIGEST_SIZE], int64_t request,
    const char *at, const char *actor, const char *kind, const char *details,
    const char *due_on, uint8_t out[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;
	char req[24];

	snprintf(req, sizeof(req), "%lld", (long long)request);
	sha256_init(&ctx);
	sha256_update(&ctx, SHA256_DIGEST_SIZE, prev);
	hash_field(&ctx, req);
	hash_field(&ctx, at);
	hash_field(&ctx, actor);
	hash_field(&ctx, kind);
	hash_field(&ctx, details);
	hash_field(&ctx, due_on);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
rs_event_reset(void)
{
	head_known = 0;
}

void
rs_event_append(struct rs_db *db, int64_t request, const char *at,
    const char *actor, const char *kind, const char *details,
    const char *due_on)
{
	uint8_t hash[SHA256_DIGEST_SIZE];
	const void *p;

	if (ins_event == NULL || stmt_db != db->h) {
		stmt_db = db->h;
		head_known = 0;
		ins_event = rs_db_prepare(db, "INSERT INTO events (request, "
		    "at, actor, kind, details, due_on, prev_hash, hash) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
		sel_head = rs_db_prepare(db,
		    "SELECT hash FROM events ORDER BY seq DESC LIMIT 1");
	}
	/* BEGIN IMMEDIATE holds the write lock: the head cannot move under
	 * us within the transaction, so reading it once is enough. */
	if (!head_known || sqlite3_get_autocommit(db->h)) {
		/* the first event chains to 32 zero bytes */
		memset(head, 0, sizeof(head));
		if (rs_db_step(db, sel_head) &&
		    sqlite3_column_bytes(sel_head, 0) == sizeof(head) &&
		    (p = sqlite3_column_blob(sel_head, 0)) != NULL)
			memcpy(head, p, sizeof(head));
		sqlite3_reset(sel_head);
		head_known = !sqlite3_get_autocommit(db->h);
	}
	event_hash(head, request, at, actor, kind, details, due_on, hash);
	sqlite3_bind_int64(ins_event, 1, request);
	sqlite3_bind_text(ins_event, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 5, details, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 6, due_on, -1, SQLITE_STATIC);
	sqlite3_bind_blob(ins_event, 7, head, sizeof(head), SQLITE_STATIC);
	sqlite3_bind_blob(ins_event, 8, hash, sizeof(hash), SQLITE_STATIC);
	rs_db_step(db, ins_event);
	sqlite3_reset(ins_event);
	sqlite3_clear_bindings(ins_event);
	memcpy(head, hash, sizeof(head));
}

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
