/*
 * search.c - finding a caller who has no radicado at hand (record layer):
 * by the name, the representative's name, the e-mail address, the phone,
 * the identity number, the subject or the description, through the FTS5
 * index requests_fts that schema 6 keeps with triggers (on PostgreSQL, a
 * tsvector a request that a trigger keeps, lib/pgschema.c).
 *
 * What the operator types is never FTS5 query syntax.  Each word is cut
 * into tokens by the index's own tokenizer (so accents and case fold the
 * same way on both sides), and the query is written from those tokens,
 * each phrase quoted: quotes, parentheses, "*", "-", NEAR, AND and OR
 * typed by the operator are text or separators, never operators.  On
 * PostgreSQL the office's function rs_search_tokens cuts the words as
 * its index has them, and the query is a tsquery of quoted lexemes.
 *
 * Every word must match (AND), each as the beginning of a word of the
 * request (prefix).  A word made of several tokens ("ana@x.co",
 * "52.123.456") is a phrase: its tokens in that order.
 *
 * Numbers: callers give their phone or document number in groups ("300
 * 123 4567") or only its last digits.  Consecutive words of digits are
 * read as one number, which matches as a phrase of those groups, or when
 * the digits of the phone or of the identity number end with it (4 digits
 * at least, so that "12" does not match one request in a hundred); failing
 * that, each of the groups may match by itself.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

/* Fewer digits than this match only as the beginning of a word. */
#define SUFFIX_MIN	4

struct word {
	char	*body;		/* its tokens, space-separated, for a phrase */
	char	*digits;	/* the tokens run together, if all are digits */
};

struct rs_search {
	struct rs_db	*db;
	struct word	*words;
	size_t		 nwords;
};

static const char *const search_names[] = {
	"id", "priority", "received_at", "due_on", "days_left", "status",
	"team", "assignee", "name", "id_number", "email", "phone", "subject",
	NULL
};
#define NSEARCH (sizeof(search_names) / sizeof(search_names[0]) - 1)
static struct rs_column search_columns[NSEARCH];

const struct rs_column *
rs_search_columns(size_t *n)
{
	if (search_columns[0].name == NULL)
		rs_columns(search_names, search_columns);
	*n = NSEARCH;
	return search_columns;
}

/* The FTS5 API of the connection, through which its tokenizer is used. */
static fts5_api *
fts5_of(struct rs_db *db)
{
	sqlite3_stmt *st;
	fts5_api *api = NULL;

	/* SQLite's own way to the API: a pointer bound to a statement */
	if (sqlite3_prepare_v2(db->h, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		rs_db_die(db);
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		rs_die(EX_SOFTWARE, "%s: SQLite was built without FTS5",
		    db->path);
	return api;
}

struct tokens {
	struct rs_buf	body;		/* the tokens, between spaces */
	struct rs_buf	digits;
	int		n;
	int		numeric;
};

static int
token_cb(void *ctx, int flags, const char *tok, int len, int start, int end)
{
	struct tokens *t = ctx;
	int i;

	(void)flags, (void)start, (void)end;
	if (len <= 0)
		return SQLITE_OK;
	if (t->n++ > 0)
		rs_buf_addc(&t->body, ' ');
	for (i = 0; i < len; i++) {
		rs_buf_addc(&t->body, tok[i]);
		if (tok[i] < '0' || tok[i] > '9')
			t->numeric = 0;
	}
	rs_buf_add(&t->digits, tok, (size_t)len);
	return SQLITE_OK;
}

/* The tokenizer of requests_fts, made with the table's own arguments. */
struct tokenizer {
	fts5_tokenizer	 api;
	Fts5Tokenizer	*tok;
};

static void
tokenizer_open(struct rs_db *db, struct tokenizer *tz)
{
	fts5_api *fts = fts5_of(db);
	const char *argv[8];
	char *args, *p;
	void *user;
	int argc = 0;

	args = rs_strdup(RS_FTS_TOKENIZER);
	for (p = strtok(args, " "); p && argc < 8; p = strtok(NULL, " "))
		argv[argc++] = p;
	if (argc == 0 ||
	    fts->xFindTokenizer(fts, argv[0], &user, &tz->api) != SQLITE_OK ||
	    tz->api.xCreate(user, argv + 1, argc - 1, &tz->tok) != SQLITE_OK)
		rs_die(EX_SOFTWARE, "%s: no FTS5 tokenizer \"%s\"", db->path,
		    RS_FTS_TOKENIZER);
	free(args);
}

/* The tokens of w (len bytes) as PostgreSQL's index has them, into t. */
static void
tokenize_pg(struct rs_db *db, struct rs_stmt *st, const char *w, size_t len,
    struct tokens *t)
{
	const char *p, *e;

	rs_reset(st);
	rs_bind_textn(st, 1, w, len);
	if (!rs_db_step(db, st) || (p = rs_col_text(st, 0)) == NULL)
		return;
	for (; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, " ");
		token_cb(t, 0, p, (int)(e - p), 0, 0);
	}
}

/*
 * Add the word w (len bytes) when it has a token; not only punctuation.
 * The tokens come from SQLite's tokenizer tz, or PostgreSQL's through
 * the statement st.
 */
static void
add_word(struct rs_search *s, struct tokenizer *tz, struct rs_stmt *st,
    const char *w, size_t len)
{
	struct tokens t;
	struct word *wd;

	memset(&t, 0, sizeof(t));
	t.numeric = 1;
	if (st != NULL)
		tokenize_pg(s->db, st, w, len, &t);
	else if (tz->api.xTokenize(tz->tok, &t, FTS5_TOKENIZE_QUERY, w,
	    (int)len, token_cb) != SQLITE_OK)
		rs_die(EX_SOFTWARE, "%s: the FTS5 tokenizer failed",
		    s->db->path);
	if (t.n > 0) {
		s->words = rs_realloc(s->words,
		    (s->nwords + 1) * sizeof(*s->words));
		wd = &s->words[s->nwords++];
		wd->body = rs_strdup(rs_buf_str(&t.body));
		wd->digits = t.numeric ? rs_strdup(rs_buf_str(&t.digits)) :
		    NULL;
	}
	rs_buf_free(&t.body);
	rs_buf_free(&t.digits);
}

int
rs_search_new(struct rs_db *db, char *const *argv, int argc,
    struct rs_search **out)
{
	static const char space[] = " \t\n\v\f\r";
	struct rs_search *s;
	struct tokenizer tz;
	struct rs_stmt *st = NULL;
	const char *p, *w;
	int i;

	*out = NULL;
	s = rs_calloc(1, sizeof(*s));
	s->db = db;
	if (rs_db_is_pg(db))
		st = rs_db_prepare(db, "SELECT rs_search_tokens(?1)");
	else
		tokenizer_open(db, &tz);
	/* the words of every operand: "300 123 4567" in one operand or
	 * three is the same search */
	for (i = 0; i < argc; i++)
		for (p = argv[i]; *p && s->nwords <= RS_SEARCH_MAX_WORDS; ) {
			p += strspn(p, space);
			w = p;
			p += strcspn(p, space);
			if (p > w)
				add_word(s, &tz, st, w, (size_t)(p - w));
		}
	if (st != NULL)
		rs_finalize(st);
	else
		tz.api.xDelete(tz.tok);
	if (s->nwords == 0 || s->nwords > RS_SEARCH_MAX_WORDS) {
		i = s->nwords == 0 ? -1 : -2;
		rs_search_free(s);
		return i;
	}
	*out = s;
	return 0;
}

void
rs_search_free(struct rs_search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nwords; i++) {
		free(s->words[i].body);
		free(s->words[i].digits);
	}
	free(s->words);
	free(s);
}

/*
 * rs_digits_end(value, digits): whether the digits of value end with
 * digits.  The digits of value stop at a letter after them, so that the
 * extension of "+57 601 3323400 ext. 1234" is not the end of the number;
 * the letters before them ("CE 123456") are skipped.
 */
static void
digits_end_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *v = sqlite3_value_text(argv[0]);
	const unsigned char *d = sqlite3_value_text(argv[1]);
	char buf[64];
	size_t n = 0, nd;

	(void)argc;
	if (v == NULL || d == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	for (; *v && n < sizeof(buf); v++) {
		if (*v >= '0' && *v <= '9')
			buf[n++] = (char)*v;
		else if (n > 0 && ((*v | 0x20) >= 'a' && (*v | 0x20) <= 'z'))
			break;
	}
	nd = strlen((const char *)d);
	sqlite3_result_int(ctx, nd > 0 && nd <= n &&
	    memcmp(buf + n - nd, d, nd) == 0);
}

struct query {
	struct rs_buf	 sql;
	char		**params;	/* after the team's ?1, if any */
	int		 nparams;
	int		 team;		/* 1: ?1 is the team; else none */
	int		 pg;		/* a tsquery, not an FTS5 query */
};

/*
 * One phrase, its last token a prefix, onto b: in FTS5 quoted,
 * "300 123 4567"*; in a tsquery each lexeme quoted, '300' <-> '123' <->
 * '4567':*.  unicode61 keeps no quote in a token; escaped anyway.
 */
static void
phrase(const struct query *q, struct rs_buf *b, const char *body)
{
	const char *p;

	rs_buf_adds(b, q->pg ? "'" : "\"");
	for (p = body; *p; p++) {
		if (q->pg && *p == ' ') {
			rs_buf_adds(b, "' <-> '");
			continue;
		}
		if (q->pg && (*p == '\'' || *p == '\\'))
			rs_buf_addc(b, '\\');
		else if (!q->pg && *p == '"')
			rs_buf_addc(b, '"');
		rs_buf_addc(b, *p);
	}
	rs_buf_adds(b, q->pg ? "':*" : "\"*");
}

/* The requests that match the query in parameter k. */
static void
match_sql(struct query *q, int k)
{
	if (q->pg)
		rs_buf_addf(&q->sql, "seq IN (SELECT seq FROM requests_fts "
		    "WHERE doc @@ CAST(?%d AS tsquery))", k);
	else
		rs_buf_addf(&q->sql, "seq IN (SELECT rowid FROM requests_fts "
		    "WHERE requests_fts MATCH ?%d)", k);
}

static int
param(struct query *q, const char *v)
{
	q->params = rs_realloc(q->params, (q->nparams + 1) * sizeof(char *));
	q->params[q->nparams++] = rs_strdup(v);
	return q->nparams + q->team;
}

/* A number: its groups as a phrase, or the end of a phone or an identity
 * number. */
static void
number_sql(struct query *q, const char *body, const char *digits)
{
	struct rs_buf b = { 0 };
	int k;

	phrase(q, &b, body);
	rs_buf_addc(&q->sql, '(');
	match_sql(q, param(q, rs_buf_str(&b)));
	if (strlen(digits) >= SUFFIX_MIN) {
		k = param(q, digits);
		rs_buf_addf(&q->sql, " OR rs_digits_end(phone, ?%d) = 1 OR "
		    "rs_digits_end(id_number, ?%d) = 1", k, k);
	}
	rs_buf_addc(&q->sql, ')');
	rs_buf_free(&b);
}

/* Words i..j-1, all of digits: as one number, or each by itself. */
static void
run_sql(struct query *q, const struct word *w, size_t i, size_t j)
{
	struct rs_buf body = { 0 }, digits = { 0 };
	size_t k;

	if (j - i == 1) {
		number_sql(q, w[i].body, w[i].digits);
		return;
	}
	for (k = i; k < j; k++) {
		if (k > i)
			rs_buf_addc(&body, ' ');
		rs_buf_adds(&body, w[k].body);
		rs_buf_adds(&digits, w[k].digits);
	}
	rs_buf_adds(&q->sql, "(");
	number_sql(q, rs_buf_str(&body), rs_buf_str(&digits));
	rs_buf_adds(&q->sql, " OR (");
	for (k = i; k < j; k++) {
		if (k > i)
			rs_buf_adds(&q->sql, " AND ");
		number_sql(q, w[k].body, w[k].digits);
	}
	rs_buf_adds(&q->sql, "))");
	rs_buf_free(&body);
	rs_buf_free(&digits);
}

static void
query_build(struct query *q, const struct rs_search *s, int all,
    const char *team)
{
	struct rs_buf match = { 0 };
	size_t i, j;

	rs_buf_adds(&q->sql, "SELECT id, priority, received_at, due_on, "
	    "status, team, assignee, name, id_number, email, phone, subject "
	    "FROM requests ");
	/* SQLite's planner told (below); PostgreSQL's chooses well */
	if (!q->pg)
		rs_buf_adds(&q->sql, "NOT INDEXED ");
	rs_buf_adds(&q->sql, "WHERE ");
	rs_buf_adds(&q->sql, all ? "1 = 1" : RS_OPEN_SQL);
	/* every parameter is in the statement, as PostgreSQL needs to
	 * know its type: ?1 only when there is a team */
	if (team) {
		q->team = 1;
		rs_buf_adds(&q->sql, " AND team = ?1");
	}
	/* the words that are not numbers, in one FTS5 query */
	for (i = 0; i < s->nwords; i++) {
		if (s->words[i].digits)
			continue;
		if (match.len > 0)
			rs_buf_adds(&match, q->pg ? " & " : " AND ");
		phrase(q, &match, s->words[i].body);
	}
	if (match.len > 0) {
		rs_buf_adds(&q->sql, " AND ");
		match_sql(q, param(q, rs_buf_str(&match)));
	}
	for (i = 0; i < s->nwords; i = j) {
		for (j = i; j < s->nwords && s->words[j].digits; j++)
			;
		if (j == i) {
			j++;
			continue;
		}
		rs_buf_adds(&q->sql, " AND ");
		run_sql(q, s->words, i, j);
	}
	/* NOT INDEXED above: walking the queue's index in attention order
	 * reads the requests one lookup each, 4 times slower than reading
	 * the few the index finds by rowid, or the table in its order when
	 * a number is compared with every phone, and sorting what matched */
	rs_buf_adds(&q->sql, " ORDER BY " RS_ATTENTION_ORDER);
	rs_buf_free(&match);
}

long
rs_search_run(struct rs_search *s, struct rs_calendar *cal, rs_day today,
    int all, const char *team, struct rs_out *out)
{
	struct query q = { { 0 }, NULL, 0, 0, 0 };
	struct rs_stmt *st;
	const char *cells[NSEARCH];
	char left[24];
	rs_day due;
	long n = 0;
	int i;

	/* PostgreSQL's rs_digits_end is the office's (lib/pgschema.c) */
	q.pg = rs_db_is_pg(s->db);
	if (!q.pg) {
		if (sqlite3_create_function(s->db->h, "rs_digits_end", 2,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, digits_end_fn,
		    NULL, NULL) != SQLITE_OK)
			rs_db_die(s->db);
		/* a search reads each page once at most: a small cache, as
		 * rs-report keeps, rather than a writer's */
		rs_db_exec(s->db, "PRAGMA cache_size = -8192");
	}
	query_build(&q, s, all, team);
	st = rs_db_prepare(s->db, rs_buf_str(&q.sql));
	if (team)
		rs_bind_text(st, 1, team);
	for (i = 0; i < q.nparams; i++)
		rs_bind_text(st, i + 1 + q.team, q.params[i]);
	while (rs_db_step(s->db, st)) {
		for (i = 0; i < 4; i++)
			cells[i] = rs_col_text(st, i);
		left[0] = '\0';
		if (cells[3] && rs_parse_date(cells[3], &due) == 0)
			snprintf(left, sizeof(left), "%d",
			    rs_business_days_between(cal, today, due));
		cells[4] = left;
		for (i = 5; i < (int)NSEARCH; i++)
			cells[i] = rs_col_text(st, i - 1);
		rs_out_row(out, cells);
		n++;
	}
	rs_finalize(st);
	for (i = 0; i < q.nparams; i++)
		free(q.params[i]);
	free(q.params);
	rs_buf_free(&q.sql);
	return n;
}
