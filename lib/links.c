/*
 * links.c - record: requests that are one matter (rs-queue link and
 * merge).  A duplicate is the same person's request come in twice, by
 * two channels; a merged request is closed into the one that answers
 * for both, and keeps its radicado; identical petitions of several
 * persons (Ley 1755 art. 22) are answered once, each with its own
 * answer.  The links table holds each pair once, from the request that
 * was linked to the other; each request's side is a chained event
 * (lifecycle.c's transition table: link, merge), so rs-admin check
 * replays it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

/* The row number and status of a radicado; 0 when there is none. */
static int64_t
lookup(struct rs_db *db, const char *id, char **status)
{
	struct rs_stmt *st;
	int64_t seq = 0;

	*status = NULL;
	st = rs_db_prepare(db, "SELECT seq, status FROM requests WHERE id = ?");
	rs_bind_text(st, 1, id);
	if (rs_db_step(db, st)) {
		seq = rs_col_int64(st, 0);
		*status = rs_strdup(rs_col_text(st, 1));
	}
	rs_finalize(st);
	return seq;
}

/* The kind of the link between a and b, either way, or NULL. */
static char *
link_between(struct rs_db *db, int64_t a, int64_t b)
{
	struct rs_stmt *st;
	char *kind = NULL;

	st = rs_db_prepare(db, "SELECT kind FROM links WHERE "
	    "(request = ?1 AND other = ?2) OR (request = ?2 AND other = ?1)");
	rs_bind_int64(st, 1, a);
	rs_bind_int64(st, 2, b);
	if (rs_db_step(db, st))
		kind = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	return kind;
}

int64_t
rs_merged_into(struct rs_db *db, int64_t seq, char **id)
{
	struct rs_stmt *st;
	int64_t into = 0;

	if (id)
		*id = NULL;
	st = rs_db_prepare(db, "SELECT r.seq, r.id FROM links l JOIN "
	    "requests r ON r.seq = l.other WHERE l.request = ? AND "
	    "l.kind = 'merged'");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st)) {
		into = rs_col_int64(st, 0);
		if (id)
			*id = rs_strdup(rs_col_text(st, 1));
	}
	rs_finalize(st);
	return into;
}

int
rs_request_answered(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	int answered = 0;

	st = rs_db_prepare(db, "SELECT answered_at IS NOT NULL FROM requests "
	    "WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st))
		answered = rs_col_int(st, 0);
	rs_finalize(st);
	return answered;
}

char **
rs_merged_list(struct rs_db *db, int64_t seq)
{
	struct rs_stmt *st;
	char **ids = NULL;
	size_t n = 0;

	/* a merged request voided since is no one to write to */
	st = rs_db_prepare(db, "SELECT r.id FROM links l JOIN requests r ON "
	    "r.seq = l.request WHERE l.other = ? AND l.kind = 'merged' AND "
	    "r.status = 'cerrada' ORDER BY r.seq");
	rs_bind_int64(st, 1, seq);
	while (rs_db_step(db, st)) {
		ids = rs_realloc(ids, (n + 2) * sizeof(*ids));
		ids[n++] = rs_strdup(rs_col_text(st, 0));
	}
	rs_finalize(st);
	if (ids == NULL)
		ids = rs_calloc(1, sizeof(*ids));
	ids[n] = NULL;
	return ids;
}

const char *
rs_link(struct rs_db *db, struct rs_calendar *cal, struct rs_action *a,
    int64_t *other_seq)
{
	static struct rs_buf why;
	struct rs_action b;
	struct rs_stmt *st;
	char *status = NULL, *other_status = NULL, *kind = NULL, *third = NULL;
	const char *bad = NULL, *verb_kind;
	char at[RS_DATETIME_LEN];
	int64_t seq, other;
	int merge = strcmp(a->verb, "merge") == 0;

	if (strcmp(a->id, a->other) == 0)
		return rs_refuse(&why, merge ? "%s: cannot merge a request into "
		    "itself" : "%s: cannot link a request to itself", a->id);
	if ((seq = lookup(db, a->id, &status)) == 0)
		return rs_refuse(&why, "%s: no such request", a->id);
	if ((other = lookup(db, a->other, &other_status)) == 0) {
		bad = rs_refuse(&why, "%s: no such request", a->other);
		goto out;
	}
	/* a pair is linked once; a duplicate may then be merged */
	kind = link_between(db, seq, other);
	if (kind && (!merge || strcmp(kind, "duplicate") != 0)) {
		bad = rs_refuse(&why, "%s: already linked to %s (%s)", a->id,
		    a->other, kind);
		goto out;
	}
	if (merge) {
		char **into;

		/* one survivor answers: never a chain of merges */
		if (rs_merged_into(db, other, &third) != 0) {
			bad = rs_refuse(&why, "%s: cannot merge into %s: it was "
			    "merged into %s; merge into %s", a->id, a->other,
			    third, third);
			goto out;
		}
		if (strcmp(other_status, "radicada") &&
		    strcmp(other_status, "asignada") &&
		    strcmp(other_status, "en_espera") &&
		    strcmp(other_status, "respondida")) {
			bad = rs_refuse(&why, "%s: cannot merge into %s: status "
			    "is %s", a->id, a->other, other_status);
			goto out;
		}
		into = rs_merged_list(db, seq);
		if (into[0])
			bad = rs_refuse(&why, "%s: cannot merge: %s was merged "
			    "into it", a->id, into[0]);
		rs_strings_free(into);
		if (bad)
			goto out;
	}

	verb_kind = merge ? "merged" : a->link_kind;
	if ((bad = rs_apply(db, cal, a)) != NULL) {
		bad = rs_refuse(&why, "%s: %s", a->id, bad);
		goto out;
	}
	/* the other side: a link event, its status as it was */
	b = *a;
	b.verb = "link";
	b.id = a->other;
	b.other = a->id;
	b.link_kind = verb_kind;
	b.warning = NULL;
	if ((bad = rs_apply(db, cal, &b)) != NULL) {
		bad = rs_refuse(&why, "%s: %s", b.id, bad);
		goto out;
	}
	*other_seq = other;

	rs_format_datetime(a->now, at);
	st = rs_db_prepare(db, "DELETE FROM links WHERE "
	    "(request = ?1 AND other = ?2) OR (request = ?2 AND other = ?1)");
	rs_bind_int64(st, 1, seq);
	rs_bind_int64(st, 2, other);
	rs_db_step(db, st);
	rs_finalize(st);
	st = rs_db_prepare(db, "INSERT INTO links (request, other, kind, "
	    "linked_at, actor) VALUES (?, ?, ?, ?, ?)");
	rs_bind_int64(st, 1, seq);
	rs_bind_int64(st, 2, other);
	rs_bind_text(st, 3, verb_kind);
	rs_bind_text(st, 4, at);
	rs_bind_text(st, 5, a->actor);
	rs_db_step(db, st);
	rs_finalize(st);
out:
	free(status);
	free(other_status);
	free(kind);
	free(third);
	return bad;
}

const char *
rs_answer_identical(struct rs_db *db, struct rs_calendar *cal,
    const struct rs_action *a, int64_t **seqs, size_t *n, char ***waiting)
{
	static struct rs_buf why;
	struct rs_action b;
	struct rs_stmt *st;
	char **ids = NULL, **held = NULL;
	const char *bad = NULL;
	size_t nids = 0, nheld = 0, i;

	*seqs = NULL;
	*n = 0;
	/* the whole group, however its links were made: each identical
	 * link joins two petitions of the same content */
	st = rs_db_prepare(db, "WITH RECURSIVE g(s) AS "
	    "(SELECT CAST(?1 AS BIGINT) UNION "
	    "SELECT CASE WHEN l.request = g.s THEN l.other ELSE l.request END "
	    "FROM links l JOIN g ON l.request = g.s OR l.other = g.s "
	    "WHERE l.kind = 'identical') "
	    "SELECT r.id, r.status FROM g JOIN requests r ON r.seq = g.s "
	    "WHERE r.seq <> ?1 AND (r.status = 'radicada' OR "
	    "r.status = 'asignada' OR r.status = 'en_espera') ORDER BY r.seq");
	rs_bind_int64(st, 1, a->seq);
	while (rs_db_step(db, st)) {
		const char *id = rs_col_text(st, 0);

		/* Ley 1755 art. 17: waiting for what its requester owes */
		if (strcmp(rs_col_text(st, 1),
		    "en_espera") == 0) {
			held = rs_realloc(held, (nheld + 1) * sizeof(*held));
			held[nheld++] = rs_strdup(id);
			continue;
		}
		ids = rs_realloc(ids, (nids + 1) * sizeof(*ids));
		ids[nids++] = rs_strdup(id);
	}
	rs_finalize(st);
	held = rs_realloc(held, (nheld + 1) * sizeof(*held));
	held[nheld] = NULL;
	*waiting = held;
	for (i = 0; i < nids && bad == NULL; i++) {
		b = *a;
		b.id = ids[i];
		b.other = a->id;
		b.warning = NULL;
		if ((bad = rs_apply(db, cal, &b)) != NULL) {
			bad = rs_refuse(&why, "%s: %s", b.id, bad);
			break;
		}
		*seqs = rs_realloc(*seqs, (*n + 1) * sizeof(**seqs));
		(*seqs)[(*n)++] = b.seq;
	}
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	return bad;
}

static const struct rs_column link_columns[] = {
	{ "other", "Radicado", 0 },
	{ "kind", "Relación", 0 },
	{ "status", "Estado", RS_CODE },
	{ "linked_at", "Fecha", 0 },
	{ "actor", "Actor", 0 },
};

const struct rs_column *
rs_link_columns(size_t *n)
{
	*n = sizeof(link_columns) / sizeof(link_columns[0]);
	return link_columns;
}

long
rs_links_list(struct rs_db *db, int64_t seq, int people, struct rs_out *out)
{
	struct rs_stmt *st;
	long n;

	/* a merge seen from each side: merged_into on the one closed,
	 * merged_from on the one that answers for it */
	st = rs_db_prepare(db, "SELECT r.id, CASE WHEN ?2 = 1 THEN "
	    "CASE WHEN l.kind = 'duplicate' THEN 'duplicada' "
	    "WHEN l.kind = 'identical' THEN 'idéntica (Ley 1755 art. 22)' "
	    "WHEN l.request = ?1 THEN 'fusionada en esa' "
	    "ELSE 'fusionada en esta' END "
	    "WHEN l.kind = 'merged' AND l.request = ?1 THEN 'merged_into' "
	    "WHEN l.kind = 'merged' THEN 'merged_from' ELSE l.kind END, "
	    "r.status, l.linked_at, l.actor FROM links l JOIN requests r ON "
	    "r.seq = CASE WHEN l.request = ?1 THEN l.other ELSE l.request END "
	    "WHERE l.request = ?1 OR l.other = ?1 ORDER BY l.linked_at, r.seq");
	rs_bind_int64(st, 1, seq);
	rs_bind_int(st, 2, people);
	n = rs_db_rows(db, st, out);
	rs_finalize(st);
	return n;
}
