/*
 * lifecycle.c - events and the audit chain (DESIGN §3).
 *
 * Every event carries the hash of the event before it, so rewriting or
 * removing one breaks every hash after it.  An event's hash is SHA-256
 * over the previous hash and the event's fields, each written as its
 * length, a colon and its bytes, so no two different events serialise
 * alike.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "rs.h"

#define HASH_HEX	(SHA256_DIGEST_SIZE * 2 + 1)

/* The chain head, cached for the length of one transaction. */
static char	head[HASH_HEX];
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
event_hash(const char *prev, int64_t request, const char *at,
    const char *actor, const char *kind, const char *details,
    const char *due_on, char out[HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char req[24];
	size_t i;

	snprintf(req, sizeof(req), "%lld", (long long)request);
	sha256_init(&ctx);
	hash_field(&ctx, prev);
	hash_field(&ctx, req);
	hash_field(&ctx, at);
	hash_field(&ctx, actor);
	hash_field(&ctx, kind);
	hash_field(&ctx, details);
	hash_field(&ctx, due_on);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * sizeof(d)] = '\0';
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
	char hash[HASH_HEX];

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
		strcpy(head, "");
		if (rs_db_step(db, sel_head))
			snprintf(head, sizeof(head), "%s",
			    (const char *)sqlite3_column_text(sel_head, 0));
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
	sqlite3_bind_text(ins_event, 7, head, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins_event, 8, hash, -1, SQLITE_STATIC);
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
