/*
 * correct.c - record: a request's data corrected after intake (rs-queue
 * correct).  The values are checked by intake's own rules (request.c),
 * the row changes in one transaction with one chained "correct" event a
 * field, and rs-admin check replays those events against the row.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

/*
 * The columns an operator may correct: the requester's data and how the
 * request is classified and routed.  Not channel, received_at, office,
 * description or external_ref: they record what came in, as it came.
 */
const char *const rs_correct_fields[] = {
	"type", "topic", "team", "priority", "preferential", "name",
	"salutation", "id_number", "email", "phone", "address",
	"requester_kind", "subject", NULL
};
#define NFIX	(sizeof(rs_correct_fields) / sizeof(rs_correct_fields[0]) - 1)
#define TYPE	0

static const struct rs_column columns[] = {
	{ "id", "Radicado", 0 },
	{ "field", "Campo", 0 },
	{ "old", "Antes", 0 },
	{ "new", "Ahora", 0 },
	{ "due_on", "Vence", 0 },
};

const struct rs_column *
rs_correct_columns(size_t *n)
{
	*n = sizeof(columns) / sizeof(columns[0]);
	return columns;
}

static int
fix_index(const char *name)
{
	size_t k;

	for (k = 0; k < NFIX; k++)
		if (strcmp(rs_correct_fields[k], name) == 0)
			return (int)k;
	return -1;
}

/* Whether a field is the requester's data that anonymize clears. */
static int
personal_field(const char *name)
{
	char quoted[64];

	snprintf(quoted, sizeof(quoted), "'%s'", name);
	return strstr(RS_PERSONAL_FIELDS_SQL, quoted) != NULL;
}

/* The intake column of a correctable field. */
static int
intake_field(size_t k)
{
	return rs_field_lookup(rs_correct_fields[k]);
}

static const char *
refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static const char *
refuse(const char *fmt, ...)
{
	static char why[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return why;
}

static char *
dup_or_null(const char *s)
{
	return s && *s ? rs_strdup((const char *)s) : NULL;
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	return strcmp(a, b) == 0;
}

/* The row as intake saw it: the F_NFIELDS columns in their order. */
#define ROW_SQL \
	"SELECT received_at, channel, type, topic, team, priority, " \
	"preferential, name, salutation, id_number, email, phone, office, " \
	"requester_kind, subject, description, external_ref, address, " \
	"anonymous, representative_name, representative_id_number, " \
	"representative_email, representative_phone, priority_reason, " \
	"seq, status, due_on, term_days, extended_days, " \
	"extended_to FROM requests WHERE id = ?"
enum { R_SEQ = F_NFIELDS, R_STATUS, R_DUE, R_TERM, R_EXTDAYS, R_EXTTO };

/* Ley 1755 art. 14: the new type's term, from the same effective day,
 * its used days and suspensions kept. */
static void
new_due(struct rs_db *db, struct rs_calendar *cal, struct rs_correction *c,
    int days)
{
	struct rs_clock clock;
	struct rs_hold *holds;
	rs_day d = RS_NO_DAY;

	rs_request_clock(db, c->seq, &clock, &holds);
	clock.term = days;
	/* the term of another type is a new term, not a date moved: the
	 * dates the old one gave bind it no more (clock_from) */
	clock.promised = clock.promised_legal = RS_NO_DAY;
	if (days > 0)
		d = rs_due_date(cal, &clock);
	free(holds);
	c->due[0] = '\0';
	if (d != RS_NO_DAY)
		rs_format_date(d, c->due);
}

static void
write_changes(struct rs_db *db, struct rs_correction *c, char **want,
    int type_changed, int days)
{
	struct rs_buf details = { 0 }, values = { 0 }, *v;
	struct rs_stmt *st;
	char at[RS_DATETIME_LEN];
	int personal;
	size_t k, i;

	st = rs_db_prepare(db, "UPDATE requests SET type = ?1, topic = ?2, "
	    "team = ?3, priority = CAST(?4 AS INTEGER), preferential = ?5, "
	    "name = ?6, salutation = ?7, id_number = ?8, email = ?9, "
	    "phone = ?10, address = ?11, requester_kind = ?12, "
	    "subject = ?13, "
	    "term_days = CASE WHEN ?14 = 1 THEN ?15 ELSE term_days END, "
	    /* the reason of an urgency is gone with the urgency */
	    "priority_reason = CASE WHEN CAST(?4 AS INTEGER) = 2 "
	    "  THEN priority_reason END, "
	    "due_on = ?16 WHERE seq = ?17");
	for (k = 0; k < NFIX; k++)
		if (want[k])
			rs_bind_text(st, (int)k + 1, want[k]);
	rs_bind_int(st, 14, type_changed);
	if (days > 0)
		rs_bind_int(st, 15, days);
	if (c->due[0])
		rs_bind_text(st, 16, c->due);
	rs_bind_int64(st, 17, c->seq);
	rs_db_step(db, st);
	rs_finalize(st);

	rs_format_datetime(c->now, at);
	for (i = 0; i < c->nchanged; i++) {
		rs_buf_reset(&details);
		rs_buf_reset(&values);
		rs_buf_adds(&details, "{\"field\":");
		rs_json_add(&details, c->changed[i]);
		/* the requester's data stays out of the chain (event_data),
		 * so that anonymize can clear it */
		personal = personal_field(c->changed[i]);
		if (personal)
			rs_buf_addc(&values, '{');
		v = personal ? &values : &details;
		rs_json_key(v, "old");
		if (c->old[i])
			rs_json_add(v, c->old[i]);
		else
			rs_buf_adds(v, "null");
		rs_json_key(v, "new");
		if (c->new[i])
			rs_json_add(v, c->new[i]);
		else
			rs_buf_adds(v, "null");
		rs_buf_adds(&details, ",\"reason\":");
		rs_json_add(&details, c->reason);
		/* the term the new type gave, for the audit's replay */
		if (strcmp(c->changed[i], "type") == 0) {
			if (days > 0)
				rs_buf_addf(&details, ",\"term_days\":%d",
				    days);
			else
				rs_buf_adds(&details, ",\"term_days\":null");
		}
		if (personal)
			rs_event_append_personal(db, c->seq, at, c->actor,
			    "correct", &details, &values,
			    c->due[0] ? c->due : NULL);
		else {
			rs_buf_addc(&details, '}');
			rs_event_append(db, c->seq, at, c->actor, "correct",
			    rs_buf_str(&details), c->due[0] ? c->due : NULL);
		}
	}
	rs_buf_free(&details);
	rs_buf_free(&values);
}

const char *
rs_correct(struct rs_db *db, struct rs_calendar *cal, struct rs_correction *c)
{
	struct rs_intake *in = NULL;
	struct rs_stmt *row;
	char *v[F_NFIELDS], *owned[F_NFIELDS], *cur[NFIX], *want[NFIX];
	const char *why = NULL, *field, *team, *status;
	char prio[24];
	int given[NFIX], f, days = 0, priority, type_changed, k;
	size_t i;

	memset(v, 0, sizeof(v));
	memset(owned, 0, sizeof(owned));
	memset(cur, 0, sizeof(cur));
	memset(want, 0, sizeof(want));
	memset(given, 0, sizeof(given));
	c->nchanged = 0;
	c->due[0] = '\0';
	if (c->reason == NULL || *c->reason == '\0')
		return "correct: the reason is required (-m)";
	if ((why = rs_text_check(c->reason, RS_CSV_FIELD_MAX, 1)) != NULL)
		return refuse("correct: the reason: %s", why);
	if (c->n == 0)
		return "correct: give at least one field=value";

	row = rs_db_prepare(db, ROW_SQL);
	rs_bind_text(row, 1, c->id);
	if (!rs_db_step(db, row)) {
		why = "no such request";
		goto out;
	}
	c->seq = rs_col_int64(row, R_SEQ);
	status = rs_col_text(row, R_STATUS);
	if (rs_status_index(status) < 0) {
		/* a row changed behind rs (rs-admin check finds it) */
		why = rs_status_wrong(status);
		goto out;
	}
	/* what is closed is on record as it was closed; reopen first */
	if (strcmp(status, "cerrada") == 0 || strcmp(status, "trasladada") == 0 ||
	    strcmp(status, "desistida") == 0 || strcmp(status, "anulada") == 0) {
		why = refuse("cannot correct: status is %s", status);
		goto out;
	}
	for (f = 0; f < F_NFIELDS; f++)
		v[f] = owned[f] = dup_or_null(rs_col_text(row, f));
	for (i = 0; i < NFIX; i++) {
		f = intake_field(i);
		cur[i] = dup_or_null(rs_col_text(row, f));
	}
	/* an anonymous request's name is the office's word for none, which
	 * intake writes itself; its urgency's reason is checked below */
	if (v[F_ANONYMOUS] && strcmp(v[F_ANONYMOUS], "1") == 0) {
		free(owned[F_NAME]);
		v[F_NAME] = owned[F_NAME] = NULL;
	}
	free(owned[F_PRIORITY_REASON]);
	v[F_PRIORITY_REASON] = owned[F_PRIORITY_REASON] = NULL;

	for (i = 0; i < c->n; i++) {
		if ((k = fix_index(c->field[i])) < 0) {
			why = refuse("correct: unknown field \"%s\"; expected "
			    "one of %s", c->field[i],
			    rs_list_join(rs_correct_fields));
			goto out;
		}
		if (given[k]++) {
			why = refuse("correct: %s: given twice", c->field[i]);
			goto out;
		}
		if (rs_utf8_invalid(c->value[i], strlen(c->value[i])) !=
		    strlen(c->value[i])) {
			why = refuse("%s: not UTF-8 text", c->field[i]);
			goto out;
		}
		f = intake_field(k);
		free(owned[f]);
		v[f] = owned[f] = rs_strdup(c->value[i]);
	}
	/* intake's routing: a new topic brings its team, unless the team
	 * is given too; a topic cleared leaves the team where it is */
	if (given[fix_index("topic")] && !given[fix_index("team")] &&
	    v[F_TOPIC] && *v[F_TOPIC])
		v[F_TEAM] = NULL;

	/* checked as intake checks, which trims v and may complete it:
	 * what was allocated is freed through owned */
	in = rs_intake_new(db, c->now, c->actor);
	if ((why = rs_intake_check(in, v, &field, &days, &team,
	    &priority)) != NULL) {
		why = refuse("%s: %s", field, why);
		goto out;
	}
	rs_format_int(priority, prio);
	for (i = 0; i < NFIX; i++) {
		f = intake_field(i);
		if (f == F_TEAM)
			want[i] = (char *)team;
		else if (f == F_PRIORITY)
			want[i] = prio;
		else
			want[i] = v[f] && *v[f] ? v[f] : NULL;
		if (same(cur[i], want[i]))
			continue;
		c->changed[c->nchanged] = rs_correct_fields[i];
		c->old[c->nchanged] = cur[i] ? rs_strdup(cur[i]) : NULL;
		c->new[c->nchanged] = want[i] ? rs_strdup(want[i]) : NULL;
		c->nchanged++;
	}
	if (c->nchanged == 0) {
		why = "nothing to correct: every value given is the current one";
		goto out;
	}

	type_changed = !same(cur[TYPE], want[TYPE]);
	if (rs_col_text(row, R_DUE))
		snprintf(c->due, sizeof(c->due), "%s",
		    rs_col_text(row, R_DUE));
	if (type_changed) {
		/* the answer was given under the type it had: the record of
		 * that term stays */
		if (strcmp(status, "respondida") == 0) {
			why = "type: cannot change once answered (status is "
			    "respondida)";
			goto out;
		}
		/* art. 14 parágrafo: an extension is given within the term
		 * of the type it was given for, up to twice it */
		if (rs_col_int(row, R_EXTDAYS) > 0 ||
		    rs_col_type(row, R_EXTTO) != RS_NULL) {
			why = refuse("type: cannot change: the term was "
			    "extended to %s (Ley 1755 art. 14 parágrafo)",
			    rs_col_text(row, R_EXTTO));
			goto out;
		}
		new_due(db, cal, c, days);
	}
	write_changes(db, c, want, type_changed, days);
	why = NULL;
out:
	if (why)
		rs_correct_free(c);
	rs_finalize(row);
	rs_intake_free(in);
	for (f = 0; f < F_NFIELDS; f++)
		free(owned[f]);
	for (i = 0; i < NFIX; i++)
		free(cur[i]);
	return why;
}

void
rs_correct_free(struct rs_correction *c)
{
	size_t i;

	for (i = 0; i < c->nchanged; i++) {
		free(c->old[i]);
		free(c->new[i]);
	}
	c->nchanged = 0;
}

/* ---- the audit (rs-admin check) ------------------------------------------ */

/* What a request's correct events made of it. */
struct replay {
	int64_t	 seq;		/* the request; 0: none yet */
	char	*id;
	int	 set[NFIX + 1];	/* the field was corrected (and term_days) */
	char	*value[NFIX + 1];
	int64_t	 event[NFIX + 1];
};

/* The row against the last value each corrected field was given. */
static void
replay_end(struct rs_db *db, struct replay *r, long *n, rs_report_fn *report,
    void *arg)
{
	static struct rs_stmt *st;
	const char *stored;
	size_t k;

	if (r->seq == 0)
		return;
	rs_db_cached(db, &st, "SELECT type, topic, team, priority, "
	    "preferential, name, salutation, id_number, email, phone, "
	    "address, requester_kind, subject, term_days FROM requests "
	    "WHERE seq = ?");
	rs_bind_int64(st, 1, r->seq);
	if (rs_db_step(db, st))
		for (k = 0; k <= NFIX; k++) {
			if (!r->set[k])
				continue;
			stored = rs_col_text(st, (int)k);
			if (stored && *stored == '\0')
				stored = NULL;
			if (!same(stored, r->value[k]))
				rs_finding(n, report, arg, "%s: %s is %s but its "
				    "events say %s (event %lld)", r->id,
				    k < NFIX ? rs_correct_fields[k] :
				    "term_days", stored ? stored : "empty",
				    r->value[k] ? r->value[k] : "empty",
				    (long long)r->event[k]);
		}
	rs_reset(st);
	for (k = 0; k <= NFIX; k++)
		free(r->value[k]);
	free(r->id);
	memset(r, 0, sizeof(*r));
}

static void
replay_set(struct replay *r, size_t k, const char *value,
    int64_t event)
{
	free(r->value[k]);
	r->value[k] = dup_or_null(value);
	r->set[k] = 1;
	r->event[k] = event;
}

long
rs_correct_audit(struct rs_db *db, rs_report_fn *report, void *arg)
{
	struct replay r = { 0 };
	struct rs_buf sql = { 0 };
	struct rs_stmt *st;
	const char *field, *old;
	int64_t seq, req;
	long n = 0;
	size_t j;
	int k;

	/* details that are not JSON are rs_audit's finding, and the
	 * replay cannot read them: no replay of such a file */
	st = rs_db_prepare(db, "SELECT count(*) FROM events "
	    "WHERE kind IN ('correct', 'anonymize') AND "
	    "json_valid(details) = 0");
	k = rs_db_step(db, st) ? rs_col_int(st, 0) : 0;
	rs_finalize(st);
	if (k != 0)
		return 0;
	/* the values as shown: a personal field's from event_data */
	rs_buf_addf(&sql, "SELECT e.seq, e.request, "
	    "coalesce(r.id, 'request ' || e.request), "
	    "json_extract(e.details, '$.field'), "
	    "json_extract(e.details, '$.old'), "
	    "json_extract(e.details, '$.new'), "
	    "json_extract(e.details, '$.term_days'), e.kind, "
	    "json_type(e.details, '$.new') IS NULL "
	    "FROM %s e JOIN requests r ON r.seq = e.request "
	    "WHERE e.kind IN ('correct', 'anonymize') "
	    "ORDER BY e.request, e.seq", rs_events_shown_sql);
	st = rs_db_prepare(db, rs_buf_str(&sql));
	rs_buf_free(&sql);
	while (rs_db_step(db, st)) {
		seq = rs_col_int64(st, 0);
		req = rs_col_int64(st, 1);
		if (req != r.seq) {
			replay_end(db, &r, &n, report, arg);
			r.seq = req;
			r.id = rs_strdup(rs_col_text(st, 2));
		}
		/* anonymized: the requester's data is a pseudonym or gone
		 * from the row, and from the events' data */
		if (strcmp(rs_col_text(st, 7),
		    "anonymize") == 0) {
			for (j = 0; j < NFIX; j++)
				if (personal_field(rs_correct_fields[j]))
					r.set[j] = 0;
			continue;
		}
		field = rs_col_text(st, 3);
		if (field == NULL || (k = fix_index(field)) < 0) {
			rs_finding(&n, report, arg, "%s: event %lld (correct) "
			    "names no field rs corrects", r.id,
			    (long long)seq);
			continue;
		}
		/* its values cleared: nothing to compare from here on */
		if (rs_col_int(st, 8)) {
			r.set[k] = 0;
			continue;
		}
		/* each correction starts from what the last one left */
		old = rs_col_text(st, 4);
		if (r.set[k] && !same(old, r.value[k]))
			rs_finding(&n, report, arg, "%s: event %lld (correct) "
			    "says %s was %s but event %lld made it %s", r.id,
			    (long long)seq, field, old ? old : "empty",
			    (long long)r.event[k],
			    r.value[k] ? r.value[k] : "empty");
		replay_set(&r, (size_t)k, rs_col_text(st, 5), seq);
		if (k == TYPE)
			replay_set(&r, NFIX, rs_col_text(st, 6), seq);
	}
	replay_end(db, &r, &n, report, arg);
	rs_finalize(st);
	return n;
}
