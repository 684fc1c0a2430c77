/*
 * report-model.c - report layer: the reports of rs-report (DESIGN §2): the
 * coordinator's day, a period's summary, the Ley 1712 de 2014 report on
 * petitions and the requesters' satisfaction, each computed as sections of
 * rows (report.h) from the requests the loader gives (report.c).
 * Nothing here knows where the requests came from or how the report
 * will be written.
 */
#include <stdlib.h>
#include <string.h>

#include "rs.h"
#include "report.h"

/* ---- the report: sections of rows ---------------------------------------- */

/*
 * The rows' groups and values, some millions of short strings in a long
 * report, are carved out of large blocks and freed with them: a malloc
 * and a free of each cost more than the string, and freeing them one by
 * one made the C library's allocator merge its free lists over and over.
 * The blocks belong to the report being made (rs_report_make).
 */
#define BLOCK_SIZE	(64 * 1024)

struct rs_report_block {
	struct rs_report_block	*next;
	size_t			 used, size;
	char			 data[];
};

static struct rs_report	*making;

/* n bytes, aligned for the values' pointers. */
static void *
carve(size_t n)
{
	struct rs_report_block *b = making->blocks;
	size_t size;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < n) {
		size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = rs_malloc(sizeof(*b) + size);
		b->next = making->blocks;
		b->used = 0;
		b->size = size;
		making->blocks = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

static char *
carve_str(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(carve(n), s, n);
}

static struct rs_report_section *
section_new(struct rs_report *rep, const char *name, const char *title,
    const char *group_label, const struct rs_column *metrics, size_t n)
{
	struct rs_report_section *s;

	if (rep->nsections == RS_REPORT_MAX_SECTIONS)
		rs_die(EX_SOFTWARE, "%s: too many sections", name);
	s = rs_calloc(1, sizeof(*s));
	s->name = name;
	s->title = rs_strdup(title);
	s->group_label = group_label ? rs_strdup(group_label) : NULL;
	s->metrics = metrics;
	s->nmetrics = n;
	s->people = rep->people;
	rep->sections[rep->nsections++] = s;
	return s;
}

static struct rs_report_row *
row_new(struct rs_report_section *s, const char *group)
{
	struct rs_report_row *r;

	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->rows = rs_realloc(s->rows, s->cap * sizeof(*s->rows));
	}
	r = &s->rows[s->nrows++];
	if (s->people && s->coded && group) {
		struct rs_buf b = { 0 };

		rs_label_key(group, &b);
		r->group = carve_str(rs_buf_str(&b));
		rs_buf_free(&b);
	} else
		r->group = carve_str(group ? group : "");
	r->values = memset(carve(s->nmetrics * sizeof(char *)), 0,
	    s->nmetrics * sizeof(char *));
	return r;
}

static void
put_s(struct rs_report_row *r, size_t m, const char *v)
{
	r->values[m] = v ? carve_str(v) : NULL;
}

static void
put_i(struct rs_report_row *r, size_t m, long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	put_s(r, m, buf);
}

static void
put_day(struct rs_report_row *r, size_t m, rs_day d)
{
	char buf[RS_DATE_LEN];

	if (d == RS_NO_DAY)
		return;
	rs_format_date(d, buf);
	put_s(r, m, buf);
}

/* A percentage with one decimal; empty when there is nothing to divide. */
static void
put_pct(struct rs_report_row *r, size_t m, long part, long whole)
{
	char buf[24];

	if (whole <= 0)
		return;
	snprintf(buf, sizeof(buf), "%.1f", 100.0 * (double)part /
	    (double)whole);
	put_s(r, m, buf);
}

void
rs_report_free(struct rs_report *rep)
{
	struct rs_report_section *s;
	struct rs_report_block *b;
	size_t i;

	while ((b = rep->blocks) != NULL) {
		rep->blocks = b->next;
		free(b);
	}
	for (i = 0; i < rep->nsections; i++) {
		s = rep->sections[i];
		free(s->rows);
		free(s->title);
		free(s->group_label);
		free(s);
	}
	free(rep->office);
	rs_buf_free(&rep->heading);
	rs_buf_free(&rep->footing);
}

/* ---- what every report computes the same way ------------------------------ */

static int
is_open(const struct rs_req *r)
{
	return rs_req_is(r, "radicada") || rs_req_is(r, "asignada") ||
	    rs_req_is(r, "en_espera");
}

static const struct rs_column trend_metrics[] = {
	{ "received", "Recibidas", RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
};

/* Voided requests were registered by mistake: they are no request. */
static int
is_answered(const struct rs_req *r)
{
	return r->answered != RS_NO_DAY && !rs_req_is(r, "anulada");
}

/*
 * Merged into another request (rs-queue merge), which answers for it:
 * the one way a request is closed (cerrada) without an answer of its
 * own, so a CSV (-f) tells it as well as the database.  Neither pending
 * nor late.
 */
static int
is_merged(const struct rs_req *r)
{
	return rs_req_is(r, "cerrada") && r->answered == RS_NO_DAY;
}

/* rs-due's rule: answered by the end of the due day, or with no term. */
static int
on_time(const struct rs_report_query *q, const struct rs_req *r)
{
	int left;

	return rs_clock_state(q->cal, q->today, 0, r->due, RS_NO_DAY,
	    r->answered, &left) == RS_A_TIEMPO;
}

/* Business days from the effective day to day; 0 for a day before it. */
static int
days_from_effective(const struct rs_report_query *q, const struct rs_req *r,
    rs_day day)
{
	int n;

	if (r->effective == RS_NO_DAY || day == RS_NO_DAY)
		return 0;
	n = rs_business_days_between(q->cal, r->effective, day);
	return n < 0 ? 0 : n;
}

static void
month_of(rs_day d, char buf[8])
{
	int y, m, dd;

	if (d == RS_NO_DAY) {
		buf[0] = '\0';
		return;
	}
	rs_day_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 8, "%04d-%02d", y, m);
}

/* Grouping: the requests sorted by a key, then taken run by run. */
struct keyed {
	char		*key;
	struct rs_req	*r;
};

struct grp {
	char		*key;
	struct rs_req	**m;
	size_t		 n;
};

/* The keys a request is grouped by: summary --by's, and the month a
 * rating was given (satisfaction). */
#define KEY_RATED_MONTH	RS_NKEYS
const char *const rs_report_key_names[RS_NKEYS] = {
	"channel", "type", "topic", "team", "assignee", "month"
};
static const char *const key_labels[RS_NKEYS] = {
	"Canal", "Tipo", "Tema", "Equipo", "Asignada a", "Mes"
};

/* A request's group: its values of the keys, between slashes; "total"
 * when there is no key. */
static void
key_of(const struct rs_req *r, const int *keys, size_t nkeys,
    struct rs_buf *b)
{
	const char *v;
	char m[8];
	size_t i;

	for (i = 0; i < nkeys; i++) {
		if (i)
			rs_buf_addc(b, '/');
		switch (keys[i]) {
		case RS_KEY_CHANNEL:
			v = r->channel;
			break;
		case RS_KEY_TYPE:
			v = r->type;
			break;
		case RS_KEY_TOPIC:
			v = r->topic;
			break;
		case RS_KEY_TEAM:
			v = r->team;
			break;
		case RS_KEY_ASSIGNEE:
			v = r->assignee;
			break;
		case KEY_RATED_MONTH:
			month_of(r->rated, m);
			v = m;
			break;
		default:
			month_of(r->received, m);
			v = m;
		}
		rs_buf_adds(b, v ? v : "");
	}
	if (nkeys == 0)
		rs_buf_adds(b, "total");
}

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->r->id, y->r->id);
}

/* Groups of v by the keys, in key order (bytewise), members in
 * radicado order; returns how many. */
static size_t
group_by(struct rs_req *const *v, size_t n, const int *keys, size_t nkeys,
    struct grp **out)
{
	struct rs_buf b = { 0 };
	struct keyed *k;
	struct grp *g = NULL;
	size_t i, j, ng = 0;

	k = rs_calloc(n, sizeof(*k));
	for (i = 0; i < n; i++) {
		rs_buf_reset(&b);
		key_of(v[i], keys, nkeys, &b);
		k[i].key = rs_strdup(rs_buf_str(&b));
		k[i].r = v[i];
	}
	if (n > 1)
		qsort(k, n, sizeof(*k), keyed_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(k[j].key, k[i].key) == 0; j++)
			;
		g = rs_realloc(g, (ng + 1) * sizeof(*g));
		g[ng].key = rs_strdup(k[i].key);
		g[ng].n = j - i;
		g[ng].m = rs_calloc(j - i, sizeof(struct rs_req *));
		for (; i < j; i++)
			g[ng].m[g[ng].n - (j - i)] = k[i].r;
		ng++;
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
	rs_buf_free(&b);
	*out = g;
	return ng;
}

static void
groups_free(struct grp *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(g[i].key);
		free(g[i].m);
	}
	free(g);
}

/* One section of counts: a row a group, one metric. */
static void
count_section(struct rs_report *rep, const char *name, const char *title,
    const char *label, const struct rs_column *metric, struct rs_req *const *v,
    size_t n, int key)
{
	struct rs_report_section *s;
	struct grp *g;
	size_t ng, i;

	s = section_new(rep, name, title, label, metric, 1);
	s->coded = 1;		/* by channel or by type */
	ng = group_by(v, n, &key, 1, &g);
	for (i = 0; i < ng; i++)
		put_i(row_new(s, g[i].key), 0, (long)g[i].n);
	groups_free(g, ng);
}

/* Lists ordered by a date, then by radicado. */
static rs_day sort_day(const struct rs_req *r, int which);

static int	 list_which;

static int
list_cmp(const void *a, const void *b)
{
	const struct rs_req *x = *(struct rs_req *const *)a;
	const struct rs_req *y = *(struct rs_req *const *)b;
	rs_day dx = sort_day(x, list_which), dy = sort_day(y, list_which);

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(x->id, y->id);
}

enum { BY_DUE, BY_LIMIT, BY_ID, BY_RATED };

static rs_day
sort_day(const struct rs_req *r, int which)
{
	switch (which) {
	case BY_DUE:
		return r->due;
	case BY_LIMIT:
		return r->hold_limit;
	case BY_RATED:
		return r->rated;
	default:
		return 0;
	}
}

static void
sort_list(struct rs_req **v, size_t n, int which)
{
	list_which = which;
	if (n > 1)	/* an empty list may have no array at all */
		qsort(v, n, sizeof(*v), list_cmp);
}

/* The meta section: what the report is, for machines. */
static const struct rs_column meta_metrics[] = {
	{ "report", "Informe", 0 },
	{ "date", "Fecha", 0 },
	{ "from", "Desde", 0 },
	{ "to", "Hasta", 0 },
	{ "by", "Agrupado por", 0 },
	{ "chain_head", "Cabeza de la cadena de eventos", 0 },
};
enum { META_REPORT, META_DATE, META_FROM, META_TO, META_BY, META_CHAIN,
    NMETA };

static struct rs_report_row *
meta_section(struct rs_report *rep, const char *name)
{
	struct rs_report_section *s;
	struct rs_report_row *r;

	s = section_new(rep, "report", "Informe", NULL, meta_metrics, NMETA);
	s->meta = 1;
	r = row_new(s, "");
	put_s(r, META_REPORT, name);
	return r;
}

/* ---- daily ---------------------------------------------------------------- */

static const struct rs_column received_metric[] = {
	{ "received", "Recibidas", RS_NUMERIC },
};
static const struct rs_column answered_metrics[] = {
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
};
static const struct rs_column backlog_metric[] = {
	{ "open", "Abiertas", RS_NUMERIC },
};
static const struct rs_column due_metrics[] = {
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "due_on", "Vence", 0 },
	{ "days_left", "Días hábiles restantes", RS_NUMERIC },
};
static const struct rs_column overdue_metrics[] = {
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "due_on", "Vence", 0 },
	{ "days_overdue", "Días hábiles de retraso", RS_NUMERIC },
	{ "name", "Nombre", 0 },	/* --personal only */
};
static const struct rs_column undelivered_metrics[] = {
	{ "notice", "Aviso", 0 },
	{ "failed_at", "Devuelto", 0 },
	{ "reason", "Motivo", RS_WIDE },
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
};

/* The section the notices that came back are listed in. */
struct undelivered {
	struct rs_report_section	*s;
	int				 personal;
};

/* One notice that came back, a row of the daily report. */
static void
undelivered_row(void *arg, const char *id, const char *kind,
    const char *failed_at, const char *failure, const char *team,
    const char *assignee)
{
	struct undelivered *u = arg;
	struct rs_report_row *row = row_new(u->s, id);

	put_s(row, 0, kind);
	put_s(row, 1, failed_at);
	put_s(row, 2, NULL);
	/* the mail server's reason quotes the address: personal data */
	if (failure != NULL) {
		char *r = u->personal ? rs_strdup(failure) :
		    rs_redact_addresses(failure);

		put_s(row, 2, r);
		free(r);
	}
	put_s(row, 3, team);
	put_s(row, 4, assignee);
}

static const struct rs_column dated_metrics[] = {
	{ "step", "Paso", 0 },
	{ "claimed_at", "Fecha declarada", 0 },
	{ "written_at", "Registrado", 0 },
	{ "actor", "Funcionario", 0 },
	{ "reason", "Motivo", RS_WIDE },
};

/* One step dated apart from the clock, a row of the daily report. */
static void
dated_row(void *arg, const char *id, const char *kind, const char *at,
    const char *written_at, const char *actor, const char *reason)
{
	struct rs_report_row *row = row_new(arg, id);

	put_s(row, 0, kind);
	put_s(row, 1, at);
	put_s(row, 2, written_at);
	put_s(row, 3, actor);
	put_s(row, 4, reason);
}

static const struct rs_column suspended_metrics[] = {
	{ "team", "Equipo", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "hold_limit", "Límite", 0 },
	{ "days_left", "Días hábiles restantes", RS_NUMERIC },
};
static const struct rs_column compliance_metrics[] = {
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
	{ "on_time_pct", "% a tiempo", RS_NUMERIC },
};

/* The backlog's ages in business days since the effective day. */
static const struct {
	int		 max;
	const char	*name;
} age_buckets[] = {
	{ 5, "0-5" }, { 10, "6-10" }, { 15, "11-15" }, { 30, "16-30" },
	{ -1, ">30" },
};
#define NBUCKETS (sizeof(age_buckets) / sizeof(age_buckets[0]))

#define DUE_SOON_DAYS	3	/* what falls due: today and 3 more */
#define HOLD_WARN_DAYS	5	/* a requirement's month about to end */

/* What the daily report's sections read: the query, the requests
 * loaded for it, and a list as long to pick some of them into. */
struct day {
	struct rs_report		*rep;
	const struct rs_report_query	*q;
	struct rs_report_source		*src;
	struct rs_reqs			 all;
	struct rs_req			**v;
	rs_day				 month_start;	/* today's */
	long				 m_answered, m_ontime;	/* in it */
};

/* What the report is: its day and window, and the heading's lines. */
static void
daily_heading(struct day *d)
{
	const struct rs_report_query *q = d->q;
	struct rs_report_row *row;
	char date[RS_DATE_LEN], at[RS_DATETIME_LEN], longday[64];
	char head[RS_ANCHOR_LEN];
	rs_day first = rs_local_day(q->start, NULL);
	int secs;

	rs_format_date(q->today, date);
	row = meta_section(d->rep, "daily");
	put_s(row, META_DATE, date);
	rs_format_datetime(q->start, at);
	put_s(row, META_FROM, at);
	rs_format_datetime(q->end, at);
	put_s(row, META_TO, at);
	rs_format_long_date(q->today, longday, sizeof(longday));
	rs_buf_addf(&d->rep->heading, "Informe diario del %s\n", longday);
	/* said when the window is more than the day itself */
	(void)rs_local_day(q->start, &secs);
	if (first != q->today || secs != 0) {
		rs_format_long_date(first, longday, sizeof(longday));
		rs_buf_addf(&d->rep->heading, "Lo recibido y lo respondido "
		    "desde el %s a las %02d:%02d\n", longday, secs / 3600,
		    secs / 60 % 60);
	}
	/* the chain's anchor (none from -f: no events), kept where no
	 * operator rewrites it, the coordinator's mailbox: rs-admin check
	 * --anchor.  For people at the end, after what needs doing. */
	if (rs_report_chain_head(d->src, head)) {
		put_s(row, META_CHAIN, head);
		rs_buf_addf(&d->rep->footing, "Cabeza de la cadena de eventos: "
		    "%s\n", head);
	}
}

/* Every overdue open request. */
static void
daily_overdue(struct day *d)
{
	const struct rs_report_query *q = d->q;
	struct rs_report_section *s;
	struct rs_report_row *row;
	struct rs_req *r, **v = d->v;
	size_t i, n;

	for (n = i = 0; i < d->all.n; i++) {
		r = &d->all.v[i];
		/* the day first: most open requests are not late, and
		 * the statuses are string comparisons */
		if (r->due != RS_NO_DAY && r->due < q->today && is_open(r) &&
		    !rs_req_is(r, "en_espera"))
			v[n++] = r;
	}
	sort_list(v, n, BY_DUE);
	s = section_new(d->rep, "overdue", "Vencidas", "Radicado",
	    overdue_metrics, q->personal ? 5 : 4);
	for (i = 0; i < n; i++) {
		row = row_new(s, v[i]->id);
		put_s(row, 0, v[i]->team);
		put_s(row, 1, v[i]->assignee);
		put_day(row, 2, v[i]->due);
		put_i(row, 3, rs_business_days_between(q->cal, v[i]->due,
		    q->today));
		if (q->personal)
			put_s(row, 4, v[i]->name);
	}
}

/* What falls due today or in the next DUE_SOON_DAYS business days. */
static void
daily_due_soon(struct day *d)
{
	const struct rs_report_query *q = d->q;
	struct rs_report_section *s;
	struct rs_report_row *row;
	struct rs_req *r, **v = d->v;
	enum rs_state st;
	size_t i, n;
	int left;

	for (n = i = 0; i < d->all.n; i++) {
		r = &d->all.v[i];
		if (!is_open(r) || rs_req_is(r, "en_espera"))
			continue;
		st = rs_clock_state(q->cal, q->today, DUE_SOON_DAYS, r->due,
		    RS_NO_DAY, RS_NO_DAY, &left);
		if (st == RS_VENCE_HOY || st == RS_POR_VENCER)
			v[n++] = r;
	}
	sort_list(v, n, BY_DUE);
	s = section_new(d->rep, "due_soon", "Vencen hoy o en los próximos 3 "
	    "días hábiles", "Radicado", due_metrics, 4);
	for (i = 0; i < n; i++) {
		row = row_new(s, v[i]->id);
		put_s(row, 0, v[i]->team);
		put_s(row, 1, v[i]->assignee);
		put_day(row, 2, v[i]->due);
		put_i(row, 3, rs_business_days_between(q->cal, q->today,
		    v[i]->due));
	}
}

/* Answered is not notified (Ley 1437 art. 56): what came back.  From
 * the database only, as are the steps dated apart. */
static void
daily_undelivered(struct day *d)
{
	struct undelivered u;

	if (d->src->db == NULL)
		return;
	u.s = section_new(d->rep, "undelivered", "Avisos no entregados "
	    "(el correo los devolvió)", "Radicado", undelivered_metrics, 5);
	u.personal = d->q->personal;
	rs_report_undelivered(d->src, undelivered_row, &u);
}

/* Ley 1755 art. 17: the requester's month about to run out, or out;
 * first the requirements whose notice is owed, which start no month
 * (no limit). */
static void
daily_suspended(struct day *d)
{
	const struct rs_report_query *q = d->q;
	struct rs_report_section *s;
	struct rs_report_row *row;
	struct rs_req *r, **v = d->v;
	size_t i, n;

	for (n = i = 0; i < d->all.n; i++) {
		r = &d->all.v[i];
		if (rs_req_is(r, "en_espera") && (r->hold_limit == RS_NO_DAY ||
		    rs_business_days_between(q->cal, q->today,
		    r->hold_limit) <= HOLD_WARN_DAYS))
			v[n++] = r;
	}
	sort_list(v, n, BY_LIMIT);
	s = section_new(d->rep, "suspended", "En espera del solicitante: "
	    "requerimiento sin notificar (sin límite), o el mes vence en 5 "
	    "días hábiles o ya venció (Ley 1755 art. 17)",
	    "Radicado", suspended_metrics, 4);
	for (i = 0; i < n; i++) {
		row = row_new(s, v[i]->id);
		put_s(row, 0, v[i]->team);
		put_s(row, 1, v[i]->assignee);
		put_day(row, 2, v[i]->hold_limit);
		if (v[i]->hold_limit != RS_NO_DAY)
			put_i(row, 3, rs_business_days_between(q->cal,
			    q->today, v[i]->hold_limit));
	}
}

/* The steps dated apart from the clock in the window: counted on time
 * by the day they claim, and listed. */
static void
daily_dated(struct day *d)
{
	struct rs_report_section *s;

	if (d->src->db == NULL)
		return;
	s = section_new(d->rep, "dated", "Pasos registrados con otra fecha "
	    "(con el motivo)", "Radicado", dated_metrics, 5);
	rs_report_dated(d->src, d->q, dated_row, s);
}

/* What came in during the window, by channel and by type; a voided
 * request was registered by mistake: never received. */
static void
daily_received(struct day *d)
{
	const struct rs_report_query *q = d->q;
	struct rs_req *r, **v = d->v;
	size_t i, n;

	for (n = i = 0; i < d->all.n; i++) {
		r = &d->all.v[i];
		if (r->received_at > q->start && r->received_at <= q->end &&
		    !rs_req_is(r, "anulada"))
			v[n++] = r;
	}
	count_section(d->rep, "received_by_channel", "Recibidas por canal",
	    "Canal", received_metric, v, n, RS_KEY_CHANNEL);
	count_section(d->rep, "received_by_type", "Recibidas por tipo",
	    "Tipo", received_metric, v, n, RS_KEY_TYPE);
}

/*
 * What was answered in the window, and how much of it on time; and, in
 * the same pass, the month's answers up to the report's day, which
 * daily_compliance writes.
 */
static void
daily_answered(struct day *d)
{
	struct rs_report_row *row;
	struct rs_req *r;
	long answered = 0, ontime = 0;
	size_t i;

	for (i = 0; i < d->all.n; i++) {
		r = &d->all.v[i];
		if (!is_answered(r) || r->answered > d->q->today ||
		    r->answered < d->month_start)
			continue;
		d->m_answered++;
		d->m_ontime += on_time(d->q, r);
		if (r->answered_at > d->q->start &&
		    r->answered_at <= d->q->end) {
			answered++;
			ontime += on_time(d->q, r);
		}
	}
	row = row_new(section_new(d->rep, "answered", "Respondidas", NULL,
	    answered_metrics, 3), "");
	put_i(row, 0, answered);
	put_i(row, 1, ontime);
	put_i(row, 2, answered - ontime);
}

/* The backlog (radicada, asignada, en_espera) by age. */
static void
daily_backlog(struct day *d)
{
	struct rs_report_section *s;
	long buckets[NBUCKETS] = { 0 };
	size_t i, k;
	int age;

	for (i = 0; i < d->all.n; i++) {
		if (!is_open(&d->all.v[i]))
			continue;
		age = days_from_effective(d->q, &d->all.v[i], d->q->today);
		for (k = 0; k + 1 < NBUCKETS && age > age_buckets[k].max; k++)
			;
		buckets[k]++;
	}
	s = section_new(d->rep, "backlog_by_age", "Abiertas por antigüedad "
	    "(días hábiles desde la radicación efectiva)", "Días hábiles",
	    backlog_metric, 1);
	for (k = 0; k < NBUCKETS; k++)
		put_i(row_new(s, age_buckets[k].name), 0, buckets[k]);
}

/* The month's compliance up to the report's day, as daily_answered
 * counted it. */
static void
daily_compliance(struct day *d)
{
	struct rs_report_row *row;
	char month[8];

	month_of(d->q->today, month);
	row = row_new(section_new(d->rep, "compliance_month", "Cumplimiento "
	    "del mes hasta hoy", "Mes", compliance_metrics, 4), month);
	put_i(row, 0, d->m_answered);
	put_i(row, 1, d->m_ontime);
	put_i(row, 2, d->m_answered - d->m_ontime);
	put_pct(row, 3, d->m_ontime, d->m_answered);
}

/* For the chart: what came in and what went out, a day at a time
 * (html and eml, and a terminal's sparklines). */
static void
daily_trend(struct day *d)
{
	struct rs_report_section *s;
	struct rs_report_row *row;
	const struct rs_req *r;
	char dd[RS_DATE_LEN];
	rs_day day;
	long in, out;
	size_t i;

	if (!d->q->trend)
		return;
	s = section_new(d->rep, "by_day", "Recibidas y respondidas, últimos "
	    "30 días", "Día", trend_metrics, 2);
	for (day = d->q->today - (RS_REPORT_TREND_DAYS - 1);
	    day <= d->q->today; day++) {
		for (in = out = 0, i = 0; i < d->all.n; i++) {
			r = &d->all.v[i];
			in += r->received == day && !rs_req_is(r, "anulada");
			out += is_answered(r) && r->answered == day;
		}
		rs_format_date(day, dd);
		row = row_new(s, dd + 5);	/* MM-DD */
		put_i(row, 0, in);
		put_i(row, 1, out);
	}
}

/*
 * The daily report's sections as the coordinator reads them: what the
 * report is, then what needs doing (late, falling due, answers that did
 * not arrive, the requester's month running out, steps dated apart),
 * then the counts of the day, the charts last.  A new figure is a
 * function here, in the place where it is to be read.  Each stands
 * alone, but for daily_compliance, which writes what daily_answered
 * counted in its pass over the requests.
 */
static void (*const daily_sections[])(struct day *) = {
	daily_heading,
	daily_overdue, daily_due_soon, daily_undelivered, daily_suspended,
	daily_dated,
	daily_received, daily_answered, daily_backlog, daily_compliance,
	daily_trend,
};

static void
daily(struct rs_report *rep, const struct rs_report_query *q,
    struct rs_report_source *src)
{
	struct day d = { 0 };
	size_t i;
	int y, m, dd;

	rs_day_to_ymd(q->today, &y, &m, &dd);
	d.month_start = rs_day_from_ymd(y, m, 1);
	d.rep = rep;
	d.q = q;
	d.src = src;
	rs_report_load(src, q, &d.all);
	d.v = rs_calloc(d.all.n, sizeof(*d.v));
	for (i = 0; i < sizeof(daily_sections) / sizeof(daily_sections[0]);
	    i++)
		daily_sections[i](&d);
	free(d.v);
	rs_reqs_free(&d.all);
}

/* ---- summary -------------------------------------------------------------- */

static const struct rs_column summary_metrics[] = {
	{ "received", "Recibidas", RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
	{ "on_time_pct", "% a tiempo", RS_NUMERIC },
	{ "median_days", "Mediana (días)", RS_NUMERIC },
	{ "p90_days", "Percentil 90 (días)", RS_NUMERIC },
	{ "extensions", "Prórrogas", RS_NUMERIC },
	{ "forwards", "Trasladadas", RS_NUMERIC },
	{ "withdrawals", "Desistidas", RS_NUMERIC },
	{ "voided", "Anuladas (no se cuentan)", RS_NUMERIC },
};
enum { S_RECEIVED, S_ANSWERED, S_ON_TIME, S_LATE, S_PCT, S_MEDIAN, S_P90,
    S_EXTENSIONS, S_FORWARDS, S_WITHDRAWALS, S_VOIDED, NSUMMARY };

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/*
 * The median (the middle value, or the mean of the two middle ones) and
 * the 90th percentile by nearest rank (the smallest value that at least
 * 90 % of the values do not exceed) of n sorted values.
 */
static void
put_median(struct rs_report_row *row, size_t m, const int *v, size_t n)
{
	char buf[24];
	int sum;

	if (n == 0)
		return;
	if (n % 2) {
		put_i(row, m, v[n / 2]);
		return;
	}
	sum = v[n / 2 - 1] + v[n / 2];
	if (sum % 2)
		snprintf(buf, sizeof(buf), "%d.5", sum / 2);
	else
		snprintf(buf, sizeof(buf), "%d", sum / 2);
	put_s(row, m, buf);
}

static void
put_p90(struct rs_report_row *row, size_t m, const int *v, size_t n)
{
	if (n > 0)
		put_i(row, m, v[(9 * n + 9) / 10 - 1]);
}

static void
put_period(struct rs_report_row *meta, const struct rs_report_query *q)
{
	char a[RS_DATE_LEN], b[RS_DATE_LEN];

	rs_format_date(q->from, a);
	rs_format_date(q->to, b);
	put_s(meta, META_FROM, a);
	put_s(meta, META_TO, b);
}

static void
summary(struct rs_report *rep, const struct rs_report_query *q,
    struct rs_report_source *src)
{
	struct rs_reqs all = { 0 };
	struct rs_report_section *s;
	struct rs_req **v, *r;
	struct rs_report_row *row, *meta;
	struct grp *g;
	struct rs_buf keys = { 0 }, label = { 0 }, title = { 0 };
	char a[RS_DATE_LEN], b[RS_DATE_LEN];
	size_t i, j, ng, nd;
	int *days, k;
	long answered, ontime, ext, fw, wd, vd;

	rs_report_load(src, q, &all);
	meta = meta_section(rep, "summary");
	put_period(meta, q);
	rs_buf_adds(&title, "Por ");
	for (i = 0; i < q->nby; i++) {
		k = q->by[i];
		rs_buf_addf(&keys, "%s%s", i ? "," : "",
		    rs_report_key_names[k]);
		rs_buf_addf(&label, "%s%s", i ? " / " : "", key_labels[k]);
		/* "Por canal / tipo" */
		rs_buf_addf(&title, "%s%c%s", i ? " / " : "",
		    key_labels[k][0] - 'A' + 'a', key_labels[k] + 1);
	}
	if (q->nby)
		put_s(meta, META_BY, rs_buf_str(&keys));
	rs_format_date(q->from, a);
	rs_format_date(q->to, b);
	rs_buf_addf(&rep->heading, "Resumen de las solicitudes recibidas del "
	    "%s al %s\n", a, b);

	v = rs_calloc(all.n, sizeof(*v));
	days = rs_calloc(all.n, sizeof(*days));
	for (i = 0; i < all.n; i++)
		v[i] = &all.v[i];
	ng = group_by(v, all.n, q->by, q->nby, &g);
	s = section_new(rep, "summary", q->nby ? rs_buf_str(&title) : "Total",
	    q->nby ? rs_buf_str(&label) : "Grupo", summary_metrics, NSUMMARY);
	/* channel and type among the keys; a topic or team is the office's
	 * own word and passes as it is */
	s->coded = 1;
	for (i = 0; i < ng; i++) {
		answered = ontime = ext = fw = wd = vd = 0;
		nd = 0;
		for (j = 0; j < g[i].n; j++) {
			r = g[i].m[j];
			ext += r->extensions;
			fw += r->forwarded;
			wd += rs_req_is(r, "desistida");
			vd += rs_req_is(r, "anulada");
			if (!is_answered(r))
				continue;
			answered++;
			ontime += on_time(q, r);
			days[nd++] = days_from_effective(q, r, r->answered);
		}
		if (nd > 1)
			qsort(days, nd, sizeof(*days), int_cmp);
		row = row_new(s, g[i].key);
		put_i(row, S_RECEIVED, (long)g[i].n - vd);
		put_i(row, S_ANSWERED, answered);
		put_i(row, S_ON_TIME, ontime);
		put_i(row, S_LATE, answered - ontime);
		put_pct(row, S_PCT, ontime, answered);
		put_median(row, S_MEDIAN, days, nd);
		put_p90(row, S_P90, days, nd);
		put_i(row, S_EXTENSIONS, ext);
		put_i(row, S_FORWARDS, fw);
		put_i(row, S_WITHDRAWALS, wd);
		put_i(row, S_VOIDED, vd);
	}
	groups_free(g, ng);
	free(days);
	free(v);
	rs_buf_free(&keys);
	rs_buf_free(&label);
	rs_buf_free(&title);
	rs_reqs_free(&all);
}

/* ---- pqrsd: Ley 1712 de 2014 art. 11, Decreto 1081 de 2015 art. 2.1.1.6.2 */

static const struct rs_column pqrsd_totals[] = {
	{ "received", "Solicitudes recibidas", RS_NUMERIC },
	{ "forwarded", "Trasladadas a otra autoridad", RS_NUMERIC },
	{ "information_requests", "Solicitudes de información", RS_NUMERIC },
	{ "information_denied", "Solicitudes de información negadas",
	    RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "Respondidas a tiempo", RS_NUMERIC },
	{ "late", "Respondidas extemporáneamente", RS_NUMERIC },
	{ "pending", "Pendientes", RS_NUMERIC },
	{ "withdrawals", "Desistidas", RS_NUMERIC },
	{ "merged", "Fusionadas con otra solicitud", RS_NUMERIC },
	{ "extensions", "Prórrogas", RS_NUMERIC },
	{ "on_time_pct", "% respondidas a tiempo", RS_NUMERIC },
	{ "voided", "Anuladas (no se cuentan)", RS_NUMERIC },
	/* answered is not notified (Ley 1437 art. 56) */
	{ "notified", "Notificadas por correo", RS_NUMERIC },
	{ "answer_returned", "Respuesta devuelta por el correo",
	    RS_NUMERIC },
};
enum { P_RECEIVED, P_FORWARDED, P_INFO, P_INFO_DENIED, P_ANSWERED,
    P_ON_TIME, P_LATE, P_PENDING, P_WITHDRAWALS, P_MERGED, P_EXTENSIONS, P_PCT,
    P_VOIDED, P_NOTIFIED, P_RETURNED, NPTOTALS };

static const struct rs_column pqrsd_request_metrics[] = {
	{ "type", "Tipo", RS_CODE },
	{ "channel", "Canal", RS_CODE },
	{ "received_on", "Recibida", 0 },
	{ "effective_on", "Radicación efectiva", 0 },
	{ "due_on", "Vence", 0 },
	{ "answered_on", "Respondida", 0 },
	{ "days", "Días hábiles", RS_NUMERIC },
	{ "result", "Resultado", RS_CODE },
	{ "name", "Nombre", 0 },	/* --personal only */
};
enum { Q_TYPE, Q_CHANNEL, Q_RECEIVED, Q_EFFECTIVE, Q_DUE, Q_ANSWERED, Q_DAYS,
    Q_RESULT, Q_NAME, NQ };

static const struct rs_column pqrsd_group_metrics[] = {
	{ "received", "Recibidas", RS_NUMERIC },
	{ "forwarded", "Trasladadas", RS_NUMERIC },
	{ "answered", "Respondidas", RS_NUMERIC },
	{ "on_time", "A tiempo", RS_NUMERIC },
	{ "late", "Extemporáneas", RS_NUMERIC },
	{ "pending", "Pendientes", RS_NUMERIC },
	{ "withdrawals", "Desistidas", RS_NUMERIC },
	{ "merged", "Fusionadas", RS_NUMERIC },
	{ "extensions", "Prórrogas", RS_NUMERIC },
	{ "denied", "Negadas", RS_NUMERIC },
};
enum { G_RECEIVED, G_FORWARDED, G_ANSWERED, G_ON_TIME, G_LATE, G_PENDING,
    G_WITHDRAWALS, G_MERGED, G_EXTENSIONS, G_DENIED, NG };

/* Where a request stands for the report, in the domain's words. */
static const char *
result(const struct rs_report_query *q, const struct rs_req *r)
{
	if (r->answered != RS_NO_DAY)
		return on_time(q, r) ? "a_tiempo" : "extemporanea";
	if (r->forwarded)
		return "trasladada";
	if (rs_req_is(r, "desistida"))
		return "desistida";
	if (is_merged(r))
		return "fusionada";
	return "pendiente";
}

static void
pqrsd_group(struct rs_report *rep, const struct rs_report_query *q,
    const char *name, const char *title, const char *label,
    struct rs_req *const *v, size_t n, int key)
{
	struct rs_report_section *s;
	struct grp *g;
	struct rs_report_row *row;
	struct rs_req *r;
	long c[NG];
	size_t ng, i, j;
	const char *res;

	s = section_new(rep, name, title, label, pqrsd_group_metrics, NG);
	s->coded = 1;		/* by type or by channel */
	ng = group_by(v, n, &key, 1, &g);
	for (i = 0; i < ng; i++) {
		memset(c, 0, sizeof(c));
		for (j = 0; j < g[i].n; j++) {
			r = g[i].m[j];
			res = result(q, r);
			c[G_RECEIVED]++;
			c[G_FORWARDED] += r->forwarded;
			c[G_ANSWERED] += r->answered != RS_NO_DAY;
			c[G_ON_TIME] += strcmp(res, "a_tiempo") == 0;
			c[G_LATE] += strcmp(res, "extemporanea") == 0;
			c[G_PENDING] += strcmp(res, "pendiente") == 0;
			c[G_WITHDRAWALS] += rs_req_is(r, "desistida");
			c[G_MERGED] += is_merged(r);
			c[G_EXTENSIONS] += r->extensions;
			c[G_DENIED] += r->answered != RS_NO_DAY &&
			    r->outcome && strcmp(r->outcome, "negativa") == 0;
		}
		row = row_new(s, g[i].key);
		for (j = 0; j < NG; j++)
			put_i(row, j, c[j]);
	}
	groups_free(g, ng);
}

static void
pqrsd(struct rs_report *rep, const struct rs_report_query *q,
    struct rs_report_source *src)
{
	struct rs_reqs all = { 0 };
	struct rs_report_section *s;
	struct rs_req **v, *r;
	struct rs_report_row *row, *meta;
	char a[RS_DATE_LEN], b[RS_DATE_LEN], date[RS_DATE_LEN];
	long t[NPTOTALS] = { 0 };
	const char *res;
	rs_day end;
	size_t i, n;

	rs_report_load(src, q, &all);
	meta = meta_section(rep, "pqrsd");
	rs_format_date(q->today, date);
	put_s(meta, META_DATE, date);
	put_period(meta, q);
	rs_format_date(q->from, a);
	rs_format_date(q->to, b);
	rs_buf_addf(&rep->heading, "Informe de PQRSD (Ley 1712 de 2014 art. 11; "
	    "Decreto 1081 de 2015 art. 2.1.1.6.2)\nSolicitudes recibidas del "
	    "%s al %s, estado al %s\n", a, b, date);

	/* voided ones were registered by mistake: counted apart, no more */
	v = rs_calloc(all.n, sizeof(*v));
	for (n = i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (rs_req_is(r, "anulada")) {
			t[P_VOIDED]++;
			continue;
		}
		v[n++] = r;
		res = result(q, r);
		t[P_RECEIVED]++;
		t[P_FORWARDED] += r->forwarded;
		if (r->type && strcmp(r->type, "informacion") == 0) {
			t[P_INFO]++;
			t[P_INFO_DENIED] += r->answered != RS_NO_DAY &&
			    r->outcome && strcmp(r->outcome, "negativa") == 0;
		}
		t[P_ANSWERED] += r->answered != RS_NO_DAY;
		t[P_NOTIFIED] += r->answered != RS_NO_DAY && r->notified > 0;
		t[P_RETURNED] += r->answered != RS_NO_DAY && r->notified < 0;
		t[P_ON_TIME] += strcmp(res, "a_tiempo") == 0;
		t[P_LATE] += strcmp(res, "extemporanea") == 0;
		t[P_PENDING] += strcmp(res, "pendiente") == 0;
		t[P_WITHDRAWALS] += rs_req_is(r, "desistida");
		t[P_MERGED] += is_merged(r);
		t[P_EXTENSIONS] += r->extensions;
	}
	s = section_new(rep, "totals", "Totales", NULL, pqrsd_totals, NPTOTALS);
	row = row_new(s, "");
	/* from CSV (-f) without v_requests' notified_on and
	 * answer_returned, the delivery of the answers is not known */
	for (i = 0; i < NPTOTALS; i++)
		if (i != P_PCT && (src->db != NULL || src->notices ||
		    (i != P_NOTIFIED && i != P_RETURNED)))
			put_i(row, i, t[i]);
	put_pct(row, P_PCT, t[P_ON_TIME], t[P_ANSWERED]);

	/* the response time of each request, in radicado order */
	sort_list(v, n, BY_ID);
	s = section_new(rep, "requests", "Tiempo de respuesta de cada "
	    "solicitud (días hábiles desde la radicación efectiva)",
	    "Radicado", pqrsd_request_metrics, q->personal ? NQ : NQ - 1);
	for (i = 0; i < n; i++) {
		r = v[i];
		res = result(q, r);
		/* answered: to the answer; forwarded, withdrawn or merged:
		 * to that day; pending: so far */
		end = r->answered != RS_NO_DAY ? r->answered :
		    strcmp(res, "pendiente") != 0 ? r->closed : q->today;
		row = row_new(s, r->id);
		put_s(row, Q_TYPE, r->type);
		put_s(row, Q_CHANNEL, r->channel);
		put_day(row, Q_RECEIVED, r->received);
		put_day(row, Q_EFFECTIVE, r->effective);
		put_day(row, Q_DUE, r->due);
		put_day(row, Q_ANSWERED, r->answered);
		if (end != RS_NO_DAY)
			put_i(row, Q_DAYS, days_from_effective(q, r, end));
		put_s(row, Q_RESULT, res);
		if (q->personal)
			put_s(row, Q_NAME, r->name);
	}

	pqrsd_group(rep, q, "by_type", "Por tipo", "Tipo", v, n, RS_KEY_TYPE);
	pqrsd_group(rep, q, "by_channel", "Por canal", "Canal", v, n,
	    RS_KEY_CHANNEL);
	free(v);
	rs_reqs_free(&all);
}

/* ---- satisfaction --------------------------------------------------------- */

static const struct rs_column rating_metrics[] = {
	{ "ratings", "Calificaciones", RS_NUMERIC },
	{ "mean", "Promedio", RS_NUMERIC },
	{ "rating_1", "1", RS_NUMERIC },
	{ "rating_2", "2", RS_NUMERIC },
	{ "rating_3", "3", RS_NUMERIC },
	{ "rating_4", "4", RS_NUMERIC },
	{ "rating_5", "5", RS_NUMERIC },
	{ "comments", "Con comentario", RS_NUMERIC },
};
enum { R_RATINGS, R_MEAN, R_1, R_COMMENTS = R_1 + 5, NRATING };

static const struct rs_column comment_metrics[] = {
	{ "rated_on", "Fecha", 0 },
	{ "rating", "Calificación", RS_NUMERIC },
	{ "comment", "Comentario", RS_WIDE },
};

static void
put_ratings(struct rs_report_row *row, struct rs_req *const *v, size_t n)
{
	long dist[5] = { 0 }, sum = 0;
	char buf[24];
	size_t i;

	for (i = 0; i < n; i++) {
		dist[v[i]->rating - 1]++;
		sum += v[i]->rating;
	}
	put_i(row, R_RATINGS, (long)n);
	if (n > 0) {
		snprintf(buf, sizeof(buf), "%.2f", (double)sum / (double)n);
		put_s(row, R_MEAN, buf);
	}
	for (i = 0; i < 5; i++)
		put_i(row, R_1 + i, dist[i]);
}

static void
rating_groups(struct rs_report *rep, const char *name, const char *title,
    const char *label, struct rs_req *const *v, size_t n, int key)
{
	struct rs_report_section *s;
	struct grp *g;
	size_t ng, i;

	s = section_new(rep, name, title, label, rating_metrics, NRATING - 1);
	ng = group_by(v, n, &key, 1, &g);
	for (i = 0; i < ng; i++)
		put_ratings(row_new(s, g[i].key), g[i].m, g[i].n);
	groups_free(g, ng);
}

static void
satisfaction(struct rs_report *rep, const struct rs_report_query *q,
    struct rs_report_source *src)
{
	struct rs_reqs all = { 0 };
	struct rs_report_section *s;
	struct rs_req **v, *r;
	struct rs_report_row *row, *meta;
	char a[RS_DATE_LEN], b[RS_DATE_LEN];
	long comments = 0;
	size_t i, n;

	/* the comment is loaded to be counted; it is shown with --personal */
	rs_report_load(src, q, &all);
	meta = meta_section(rep, "satisfaction");
	rs_buf_adds(&rep->heading, "Satisfacción de los solicitantes\n");
	if (q->period) {
		put_period(meta, q);
		rs_format_date(q->from, a);
		rs_format_date(q->to, b);
		rs_buf_addf(&rep->heading, "Calificaciones del %s al %s\n", a,
		    b);
	}
	v = rs_calloc(all.n, sizeof(*v));
	for (n = i = 0; i < all.n; i++) {
		r = &all.v[i];
		if (r->rating < 1 || r->rating > 5)
			continue;
		if (q->period && (r->rated == RS_NO_DAY || r->rated < q->from ||
		    r->rated > q->to))
			continue;
		v[n++] = r;
		comments += r->comment != NULL && *r->comment != '\0';
	}
	s = section_new(rep, "overall", "Todas", NULL, rating_metrics,
	    NRATING);
	row = row_new(s, "");
	put_ratings(row, v, n);
	put_i(row, R_COMMENTS, comments);
	rating_groups(rep, "by_team", "Por equipo", "Equipo", v, n,
	    RS_KEY_TEAM);
	rating_groups(rep, "by_month", "Por mes", "Mes", v, n,
	    KEY_RATED_MONTH);
	/* the requester's own words may name people: --personal only */
	if (q->personal) {
		sort_list(v, n, BY_RATED);
		s = section_new(rep, "comments", "Comentarios", "Radicado",
		    comment_metrics, 3);
		for (i = 0; i < n; i++) {
			if (v[i]->comment == NULL || *v[i]->comment == '\0')
				continue;
			row = row_new(s, v[i]->id);
			put_day(row, 0, v[i]->rated);
			put_i(row, 1, v[i]->rating);
			put_s(row, 2, v[i]->comment);
		}
	}
	free(v);
	rs_reqs_free(&all);
}

void
rs_report_make(struct rs_report *rep, const struct rs_report_query *q,
    struct rs_report_source *src)
{
	rep->office = rs_strdup(q->office);
	rep->people = q->people;
	making = rep;
	switch (q->kind) {
	case RS_REPORT_DAILY:
		daily(rep, q, src);
		break;
	case RS_REPORT_SUMMARY:
		summary(rep, q, src);
		break;
	case RS_REPORT_PQRSD:
		pqrsd(rep, q, src);
		break;
	case RS_REPORT_SATISFACTION:
		satisfaction(rep, q, src);
		break;
	}
	making = NULL;
}
