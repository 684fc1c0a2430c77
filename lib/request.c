/*
 * request.c - the request record: its columns and value sets (DESIGN §1,
 * §4), validation, and intake (radicación) with the radicado number, the
 * effective day and the due date (DESIGN §3, §5).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rs.h"

/* NULL-ended, like every list rs_list_join() is given */
const char *const rs_field_names[F_NFIELDS + 1] = {
	"received_at", "channel", "type", "topic", "team", "priority",
	"preferential", "name", "salutation", "id_number", "email", "phone",
	"office", "requester_kind", "subject", "description", "external_ref",
	"address", "anonymous", "representative_name",
	"representative_id_number", "representative_email",
	"representative_phone", "priority_reason", NULL
};

const char *const rs_channels[] = {
	"presencial", "telefonico", "correo", "web", "escrito", NULL
};

/* Ley 1755 art. 21 tells a verbal petition from a written one: at the
 * desk and by phone the person speaks; the rest arrive in writing. */
int
rs_channel_verbal(const char *channel)
{
	return channel != NULL && (strcmp(channel, "presencial") == 0 ||
	    strcmp(channel, "telefonico") == 0);
}

/*
 * The groups with preferential attention: Decreto 19 de 2012 art. 13;
 * and journalists, whose petitions for their work Ley 1755 de 2015 art.
 * 20 has handled preferentially.
 */
const char *const rs_preferentials[] = {
	"discapacidad", "gestante", "adulto_mayor", "movilidad_reducida",
	"infante", "veterano", "vulnerable", "periodista", NULL
};

/* as M-A-SCD-01 section 7 and Decreto 19 art. 13 name the groups */
const char *const rs_preferential_labels[] = {
	"persona con discapacidad", "mujer gestante", "adulto mayor",
	"persona con movilidad reducida", "niña o niño",
	"veterano de la fuerza pública",
	"persona en situación de vulnerabilidad",
	"periodista en ejercicio de su labor", NULL
};

/*
 * The value codes as people read them, with their accents: the one
 * table every table, page and mail takes its labels from.  Machine
 * formats keep the codes.
 */
static const struct {
	const char *code, *label;
} value_labels[] = {
	/* channels */
	{ "presencial", "Presencial" }, { "telefonico", "Telefónico" },
	{ "correo", "Correo electrónico" }, { "web", "Web" },
	{ "escrito", "Escrito" },
	/* types; autoridad is also a requester kind */
	{ "peticion", "Petición" }, { "queja", "Queja" },
	{ "reclamo", "Reclamo" }, { "sugerencia", "Sugerencia" },
	{ "denuncia", "Denuncia" }, { "felicitacion", "Felicitación" },
	{ "informacion", "Información" }, { "consulta", "Consulta" },
	{ "autoridad", "Autoridad" },
	/* statuses */
	{ "radicada", "Radicada" }, { "asignada", "Asignada" },
	{ "en_espera", "En espera" }, { "respondida", "Respondida" },
	{ "cerrada", "Cerrada" }, { "trasladada", "Trasladada" },
	{ "desistida", "Desistida" }, { "anulada", "Anulada" },
	/* outcomes of an answer */
	{ "favorable", "Favorable" }, { "parcial", "Parcial" },
	{ "negativa", "Negativa" }, { "informativa", "Informativa" },
	/* requester kinds */
	{ "funcionario", "Funcionario" }, { "contratista", "Contratista" },
	{ "tercero", "Tercero" }, { "ciudadano", "Ciudadano" },
	/* the result of a request in the Ley 1712 report */
	{ "a_tiempo", "A tiempo" }, { "extemporanea", "Extemporánea" },
	{ "pendiente", "Pendiente" }, { "fusionada", "Fusionada" },
};

const char *
rs_label(const char *code)
{
	size_t i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < sizeof(value_labels) / sizeof(value_labels[0]); i++)
		if (strcmp(value_labels[i].code, code) == 0)
			return value_labels[i].label;
	for (i = 0; rs_preferentials[i]; i++)	/* as the protocols say */
		if (strcmp(rs_preferentials[i], code) == 0)
			return rs_preferential_labels[i];
	return code;
}

void
rs_label_key(const char *key, struct rs_buf *out)
{
	const char *p;
	char *part;

	for (;;) {
		p = strchr(key, '/');
		part = rs_strndup(key, p ? (size_t)(p - key) : strlen(key));
		rs_buf_adds(out, rs_label(part));
		free(part);
		if (p == NULL)
			break;
		rs_buf_addc(out, '/');
		key = p + 1;
	}
}

/* autoridad: another public authority (Ley 1755 art. 30) */
const char *const rs_requester_kinds[] = {
	"funcionario", "contratista", "tercero", "ciudadano", "autoridad",
	NULL
};

const char *const rs_salutations[] = { "senor", "senora", NULL };

/*
 * Ley 1755 art. 16 asks a petition for a name, yet the authority may not
 * refuse one for what it lacks (art. 17), and a complaint or a report of
 * wrongdoing is acted on without one when it gives the facts (Ley 962 de
 * 2005 art. 81); information is anyone's to ask for (Ley 1712 de 2014
 * art. 4), its answer published.  A petition in the general sense, a
 * consultation and another authority's request are answered to someone:
 * they keep the name.
 */
const char *const rs_anonymous_types[] = {
	"denuncia", "queja", "reclamo", "sugerencia", "felicitacion",
	"informacion", NULL
};

const char *const rs_statuses[] = {
	"radicada", "asignada", "en_espera", "respondida", "cerrada",
	"trasladada", "desistida", "anulada", NULL
};

const char *const rs_open_statuses[] = {
	"radicada", "asignada", "en_espera", NULL
};

/*
 * Longest value of each free-text column, in bytes (description: the CSV
 * cap); 0 for the columns checked against a value set or a syntax.
 */
static const size_t field_max[F_NFIELDS] = {
	[F_NAME] = 200, [F_ID_NUMBER] = 20, [F_EMAIL] = 254, [F_PHONE] = 40,
	[F_OFFICE] = 200, [F_SUBJECT] = 300,
	[F_DESCRIPTION] = RS_CSV_FIELD_MAX, [F_EXTERNAL_REF] = 998,
	[F_ADDRESS] = RS_POSTAL_MAX, [F_REPRESENTATIVE_NAME] = 200,
	[F_REPRESENTATIVE_ID_NUMBER] = 20, [F_REPRESENTATIVE_EMAIL] = 254,
	[F_REPRESENTATIVE_PHONE] = 40, [F_PRIORITY_REASON] = 1000,
};

/*
 * Every column a person or a program sees, with its Spanish label: the
 * request's own in the order of rs-csv(5), then the ones commands
 * compute.  Commands pick theirs by name (rs_columns), so a label is
 * written once.
 */
const struct rs_column rs_all_columns[] = {
	{ "id", "Radicado", 0 },
	{ "status", "Estado", RS_CODE },
	{ "received_at", "Recibida", 0 },
	{ "effective_on", "Radicación efectiva", 0 },
	{ "due_on", "Vence", 0 },
	{ "term_days", "Término (días hábiles)", RS_NUMERIC },
	{ "channel", "Canal", RS_CODE },
	{ "type", "Tipo", RS_CODE },
	{ "topic", "Tema", 0 },
	{ "team", "Equipo", 0 },
	{ "priority", "Prioridad", RS_NUMERIC },
	{ "preferential", "Atención preferencial", RS_CODE },
	{ "name", "Nombre", 0 },
	{ "salutation", "Trato", 0 },
	{ "id_number", "Identificación", 0 },
	{ "email", "Correo", 0 },
	{ "phone", "Teléfono", 0 },
	{ "office", "Dependencia", 0 },
	{ "requester_kind", "Solicitante", RS_CODE },
	{ "subject", "Asunto", 0 },
	{ "description", "Descripción", 0 },
	{ "external_ref", "Referencia externa", 0 },
	{ "address", "Dirección", 0 },
	{ "representative_name", "Representante", 0 },
	/* no wider than the widest label above: a card's layout stays */
	{ "representative_id_number", "Documento representante", 0 },
	{ "representative_email", "Correo representante", 0 },
	{ "representative_phone", "Teléfono representante", 0 },
	{ "assignee", "Asignada a", 0 },
	{ "held_on", "Requerimiento", 0 },
	{ "hold_limit", "Límite del requerimiento", 0 },
	{ "extended_to", "Prorrogada hasta", 0 },
	{ "forwarded_to", "Trasladada a", 0 },
	{ "answered_at", "Respondida", 0 },
	{ "outcome", "Sentido de la respuesta", RS_CODE },
	{ "closed_at", "Cerrada", 0 },
	{ "rating", "Calificación", RS_NUMERIC },
	{ NULL, NULL, 0 },	/* the request's columns end here */
	{ "position", "Turno", RS_NUMERIC },
	{ "days_left", "Días hábiles", RS_NUMERIC },
	{ "state", "Situación", 0 },
	{ "new", "Nueva", RS_NUMERIC },
	/* a request's own, kept out of the list above, which rs-queue
	 * show reads in the order of its query */
	{ "priority_reason", "Motivo de la urgencia", 0 },
	{ NULL, NULL, 0 }
};

void
rs_columns(const char *const *names, struct rs_column *out)
{
	const struct rs_column *c;
	size_t i;
	int pass;

	for (i = 0; names[i]; i++) {
		for (pass = 0, c = rs_all_columns; pass < 2; c++) {
			if (c->name == NULL) {
				pass++;
				continue;
			}
			if (strcmp(c->name, names[i]) == 0)
				break;
		}
		if (pass == 2)
			rs_die(EX_SOFTWARE, "%s: no such column", names[i]);
		out[i] = *c;
	}
}

static const char *const intake_names[] = {
	"id", "received_at", "effective_on", "due_on", "channel", "type",
	"topic", "team", "priority", "preferential", "name", "salutation",
	"id_number", "email", "phone", "office", "requester_kind", "subject",
	"description", "external_ref", "status", "new", NULL
};

const struct rs_column *
rs_intake_columns(size_t *n)
{
	static struct rs_column cols[sizeof(intake_names) /
	    sizeof(intake_names[0])];

	*n = sizeof(intake_names) / sizeof(intake_names[0]) - 1;
	rs_columns(intake_names, cols);
	return cols;
}

/* the output: the fields up to external_ref, not the ways to reach the
 * person that came after it (rs-intake(1) keeps its columns) */
enum { O_ID, O_RECEIVED_AT, O_EFFECTIVE_ON, O_DUE_ON, O_FIELDS,
    O_STATUS = O_FIELDS + F_EXTERNAL_REF, O_NEW, O_N };

/* One period of the term catalog (terms.c, db.c). */
struct term {
	char	*type;
	rs_day	 from, until;	/* the days received it holds */
	int	 days;		/* 0: no legal term */
};

struct topic {
	char	*topic;
	char	*team;
};

struct rs_intake {
	struct rs_db		*db;
	struct rs_calendar	 cal;
	rs_time			 now;
	char			 now_s[RS_DATETIME_LEN];
	const char		*actor;
	char			*prefix;
	char			 cutoff[16];	/* "16:00" */
	struct term		*terms;
	size_t			 nterms;
	const char		**type_names;
	size_t			 ntypes;
	struct topic		*topics;
	size_t			 ntopics;
	const char		**topic_names;
	const char		**team_names;
	char			*switchboard;	/* "" when not set */
	rs_time			 earliest;	/* now less received_days */
	long			 received_days;
	int			 recheck;	/* a stored request checked again */
	/* a phone written whole: the switchboard and the extension */
	char			 phones[2][RS_PHONE_LEN];
	struct rs_stmt		*ins, *counter_get, *counter_set, *by_ref;
	/* the batch's radicado counters, read once under the write lock */
	struct counter {
		int		 year;
		int64_t		 last;
	}			*counters;
	size_t			 ncounters;
	/* the output row of the last call */
	char			 id[64];
	char			 received[RS_DATETIME_LEN];
	char			 effective[RS_DATE_LEN];
	char			 due[RS_DATE_LEN];
	char			 prio[24];
	const char		*row[O_N];
	struct rs_buf		 msg;
	char			*stored[O_N];	/* an already registered row */
};

int
rs_field_lookup(const char *name)
{
	int i;

	for (i = 0; i < F_NFIELDS; i++)
		if (strcmp(rs_field_names[i], name) == 0)
			return i;
	return -1;
}

const char *
rs_list_join(const char *const *list)
{
	static struct rs_buf b;
	size_t i;

	rs_buf_reset(&b);
	for (i = 0; list[i]; i++) {
		if (i)
			rs_buf_adds(&b, ", ");
		rs_buf_adds(&b, list[i]);
	}
	return rs_buf_str(&b);
}

static int
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static void
add_unique(const char ***list, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0)
			return;
	*list = rs_realloc(*list, (*n + 2) * sizeof(char *));
	(*list)[(*n)++] = s;
	(*list)[*n] = NULL;
}

struct rs_intake *
rs_intake_new(struct rs_db *db, rs_time now, const char *actor)
{
	struct rs_intake *in;
	struct rs_stmt *st;
	size_t nteams = 0;
	char *v;

	in = rs_calloc(1, sizeof(*in));
	in->db = db;
	in->now = now;
	in->actor = actor;
	rs_db_calendar(db, &in->cal);
	rs_format_datetime(now, in->now_s);
	in->prefix = rs_setting(db, "prefix");
	rs_format_clock(in->cal.cutoff, in->cutoff);
	in->switchboard = rs_setting(db, "switchboard");
	v = rs_setting(db, "received_days");
	in->received_days = atol(v);
	free(v);
	in->earliest = now - (rs_time)in->received_days * 86400;

	/* every period: a batch may hold requests of any day received */
	st = rs_db_prepare(db, "SELECT type, valid_from, valid_until, days "
	    "FROM terms t ORDER BY (SELECT min(rowid) FROM terms u "
	    "WHERE u.type = t.type), valid_from");
	in->type_names = rs_calloc(1, sizeof(char *));
	while (rs_db_step(db, st)) {
		struct term *t;
		const char *until;

		in->terms = rs_realloc(in->terms,
		    (in->nterms + 1) * sizeof(*in->terms));
		t = &in->terms[in->nterms++];
		t->type = rs_strdup(rs_col_text(st, 0));
		until = rs_col_text(st, 2);
		if (rs_parse_date(rs_col_text(st, 1),
		    &t->from) == -1 || (until && rs_parse_date(until,
		    &t->until) == -1))
			rs_die(EX_DATAERR, "%s: terms: bad period of %s",
			    db->path, t->type);
		if (until == NULL)
			t->until = INT32_MAX;
		t->days = rs_col_int(st, 3);
		add_unique(&in->type_names, &in->ntypes, t->type);
	}
	rs_finalize(st);

	st = rs_db_prepare(db, "SELECT topic, team FROM topics ORDER BY topic");
	in->topic_names = rs_calloc(1, sizeof(char *));
	in->team_names = rs_calloc(1, sizeof(char *));
	while (rs_db_step(db, st)) {
		in->topics = rs_realloc(in->topics,
		    (in->ntopics + 1) * sizeof(*in->topics));
		in->topics[in->ntopics].topic =
		    rs_strdup(rs_col_text(st, 0));
		in->topics[in->ntopics].team =
		    rs_strdup(rs_col_text(st, 1));
		add_unique(&in->team_names, &nteams,
		    in->topics[in->ntopics].team);
		add_unique(&in->topic_names, &in->ntopics,
		    in->topics[in->ntopics].topic);
	}
	rs_finalize(st);

	in->ins = rs_db_prepare(db, "INSERT INTO requests (id, received_at, "
	    "received_ts, effective_on, due_on, term_days, channel, type, "
	    "topic, team, priority, preferential, name, salutation, "
	    "id_number, email, phone, office, requester_kind, subject, "
	    "description, external_ref, cutoff, address, anonymous, "
	    "representative_name, representative_id_number, "
	    "representative_email, representative_phone, priority_reason) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
	    "?27, ?28, ?29, ?30)");
	/* no RETURNING: SQLite builds an ephemeral table for it per call */
	in->counter_get = rs_db_prepare(db,
	    "SELECT last FROM counters WHERE year = ?");
	in->counter_set = rs_db_prepare(db, "INSERT INTO counters (year, last) "
	    "VALUES (?1, ?2) ON CONFLICT (year) DO UPDATE SET last = ?2");
	in->by_ref = rs_db_prepare(db, "SELECT id, received_at, "
	    "effective_on, due_on, channel, type, topic, team, priority, "
	    "preferential, name, salutation, id_number, email, phone, "
	    "office, requester_kind, subject, description, external_ref, "
	    "status FROM requests WHERE external_ref = ?");
	return in;
}

void
rs_intake_free(struct rs_intake *in)
{
	size_t i;

	if (in == NULL)
		return;
	rs_finalize(in->ins);
	rs_finalize(in->counter_get);
	rs_finalize(in->counter_set);
	rs_finalize(in->by_ref);
	for (i = 0; i < in->nterms; i++)
		free(in->terms[i].type);
	for (i = 0; i < in->ntopics; i++) {
		free(in->topics[i].topic);
		free(in->topics[i].team);
	}
	for (i = 0; i < O_N; i++)
		free(in->stored[i]);
	free(in->terms);
	free(in->counters);
	free(in->topics);
	free(in->type_names);
	free(in->topic_names);
	free(in->team_names);
	free(in->prefix);
	free(in->switchboard);
	rs_calendar_free(&in->cal);
	rs_buf_free(&in->msg);
	free(in);
}

static const char *
fail(struct rs_intake *in, const char *fmt, const char *value)
{
	rs_buf_reset(&in->msg);
	rs_buf_addf(&in->msg, fmt, value);
	return rs_buf_str(&in->msg);
}

static const char *
expected(struct rs_intake *in, const char *const *list, const char *got)
{
	rs_buf_reset(&in->msg);
	rs_buf_addf(&in->msg, "expected one of %s; got \"%s\"",
	    rs_list_join(list), got);
	return rs_buf_str(&in->msg);
}

/* A phone: 7 to 20 digits, with spaces, + - ( ) . and "ext". */
int
rs_phone_valid(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strncmp(s, "ext", 3) == 0)
			s += 2;
		else if (strchr(" +-().", *s) == NULL)
			return 0;
	}
	return digits >= 7 && digits <= 20;
}

/* 3 to 5 digits and nothing else: an extension of the office's own
 * switchboard, as internal clients dial it ("1196"). */
int
rs_phone_extension(const char *s)
{
	size_t n = strlen(s);

	return n >= 3 && n <= 5 && rs_all_digits(s);
}

/*
 * A phone of the requester or the representative.  An extension is
 * stored whole, "6013417000 ext. 1196": the record reaches the person
 * from outside the building, and stays right if the office's number
 * changes later.  *p points at the form to store.
 */
static const char *
phone_check(struct rs_intake *in, char **p, char *buf)
{
	const char *s = *p;

	if (rs_phone_extension(s)) {
		if (*in->switchboard == '\0')
			return fail(in, "\"%s\" looks like an internal "
			    "extension: set the office's switchboard number "
			    "to take 3 to 5 digits as one (rs-admin config "
			    "switchboard NUMBER)", s);
		snprintf(buf, RS_PHONE_LEN, "%s ext. %s", in->switchboard, s);
		*p = buf;
		return NULL;
	}
	if (!rs_phone_valid(s))
		return fail(in, "expected 7 to 20 digits with spaces or "
		    "+ - ( ) .; got \"%s\"", s);
	return NULL;
}

/* Personal data an anonymous request cannot carry: the name is the
 * office's word for none, and there is nobody to reach. */
static const int anonymous_none[] = {
	F_NAME, F_SALUTATION, F_ID_NUMBER, F_EMAIL, F_PHONE, F_ADDRESS,
	F_REPRESENTATIVE_NAME, F_REPRESENTATIVE_ID_NUMBER,
	F_REPRESENTATIVE_EMAIL, F_REPRESENTATIVE_PHONE
};

/* "1" or "yes" is anonymous, "0", "no" or nothing is not; -1: neither. */
static int
anonymous_value(const char *s)
{
	if (s == NULL || strcmp(s, "0") == 0 || strcmp(s, "no") == 0)
		return 0;
	if (strcmp(s, "1") == 0 || strcmp(s, "yes") == 0)
		return 1;
	return -1;
}

int
rs_id_number_valid(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z') || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

static const char *
given(char *const *v, int f)
{
	return v[f] && *v[f] ? v[f] : NULL;
}

const char *
rs_text_check(const char *s, size_t max, int newlines)
{
	static char msg[48];

	if (max > 0 && strlen(s) > max) {
		snprintf(msg, sizeof(msg), "longer than %zu bytes", max);
		return msg;
	}
	if (rs_has_controls(s, newlines))
		return "control characters are not allowed";
	return NULL;
}

static void	 trim(char *const *, char **);

/* Check every value; on failure set *field and return the reason. */
static const char *
validate(struct rs_intake *in, char **v, const char **field,
    rs_time *received, int *days, const char **team, int *priority,
    int *v_anonymous)
{
	char at[RS_DATETIME_LEN];
	const char *s, *why;
	rs_day day;
	size_t i;
	int f, anonymous;

	for (f = 0; f < F_NFIELDS; f++) {
		*field = rs_field_names[f];
		if ((s = given(v, f)) == NULL)
			continue;
		if ((why = rs_text_check(s, field_max[f],
		    f == F_DESCRIPTION)) != NULL)
			return why;
	}

	*field = "received_at";
	*received = in->now;
	if ((s = given(v, F_RECEIVED_AT)) != NULL) {
		if (rs_parse_datetime(s, received) == -1) {
			int y, m, d, n = 0;

			if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
			    n == 10 && !rs_ymd_valid(y, m, d))
				return fail(in, "no such date: \"%s\"", s);
			return fail(in, "expected a date and time like "
			    "2024-08-13T16:45; got \"%s\"", s);
		}
		if (*received > in->now)
			return fail(in, "\"%s\" is in the future", s);
	}
	/* the day received decides the term (Decreto 491 de 2020), and
	 * none is counted before the holidays of Ley 51 de 1983 */
	day = rs_local_day(*received, NULL);
	if ((why = rs_first_day_check(day)) != NULL) {
		if (s == NULL) {
			rs_format_datetime(*received, at);
			s = at;
		}
		rs_buf_reset(&in->msg);
		rs_buf_addf(&in->msg, "%s; got \"%s\"", why, s);
		return rs_buf_str(&in->msg);
	}
	/* a forged Received:, a Date: of 1999, a year typed 0224: none
	 * may number, date or count a request; the calendar's own bound
	 * first, then the office's window */
	if (s != NULL && !in->recheck && *received < in->earliest) {
		rs_buf_reset(&in->msg);
		rs_buf_addf(&in->msg, "\"%s\" is more than %ld days before %s "
		    "(the setting received_days)", s, in->received_days,
		    in->now_s);
		return rs_buf_str(&in->msg);
	}

	*field = "channel";
	if ((s = given(v, F_CHANNEL)) == NULL)
		return "required";
	if (!in_list(rs_channels, s))
		return expected(in, rs_channels, s);

	*field = "type";
	if ((s = given(v, F_TYPE)) == NULL)
		return "required";
	if (!in_list(in->type_names, s))
		return expected(in, in->type_names, s);
	for (i = 0; i < in->nterms; i++)
		if (strcmp(in->terms[i].type, s) == 0 &&
		    in->terms[i].from <= day && day <= in->terms[i].until)
			break;
	if (i == in->nterms) {
		rs_format_date(day, at);
		rs_die(EX_DATAERR, "%s: terms: no period of %s for a request "
		    "received on %s", in->db->path, s, at);
	}
	*days = in->terms[i].days;

	*field = "topic";
	*team = given(v, F_TEAM);
	if ((s = given(v, F_TOPIC)) != NULL) {
		for (i = 0; i < in->ntopics; i++)
			if (strcmp(in->topics[i].topic, s) == 0)
				break;
		if (i == in->ntopics)
			return expected(in, in->topic_names, s);
		if (*team == NULL)
			*team = in->topics[i].team;
	}
	*field = "team";
	if (*team && !in_list(in->team_names, *team))
		return expected(in, in->team_names, *team);

	*field = "preferential";
	if ((s = given(v, F_PREFERENTIAL)) && !in_list(rs_preferentials, s))
		return expected(in, rs_preferentials, s);

	*field = "priority";
	*priority = 0;
	if ((s = given(v, F_PRIORITY)) != NULL) {
		if (s[1] != '\0' || s[0] < '0' || s[0] > '2')
			return fail(in, "expected 0 (normal), 1 (preferential) "
			    "or 2 (urgent); got \"%s\"", s);
		*priority = s[0] - '0';
	}
	/* Decreto 19 de 2012 art. 13, Ley 1755 art. 20: preferential
	 * groups go first */
	if (given(v, F_PREFERENTIAL) && *priority < 1)
		*priority = 1;
	/* Ley 1755 art. 20: the reason belongs to an urgent request */
	*field = "priority_reason";
	if (given(v, F_PRIORITY_REASON) && *priority != 2) {
		rs_buf_reset(&in->msg);
		rs_buf_addf(&in->msg, "only with priority 2 (urgent); got "
		    "priority %d", *priority);
		return rs_buf_str(&in->msg);
	}

	/* Ley 1755 art. 16: who asks, or nobody named */
	*field = "anonymous";
	if ((anonymous = anonymous_value(given(v, F_ANONYMOUS))) == -1)
		return fail(in, "expected 1 (yes) or 0 (no); got \"%s\"",
		    v[F_ANONYMOUS]);
	*v_anonymous = anonymous;
	if (anonymous) {
		if (!in_list(rs_anonymous_types, v[F_TYPE])) {
			rs_buf_reset(&in->msg);
			rs_buf_addf(&in->msg, "type %s is answered to someone "
			    "and cannot be anonymous; expected one of ",
			    v[F_TYPE]);
			rs_buf_adds(&in->msg, rs_list_join(rs_anonymous_types));
			return rs_buf_str(&in->msg);
		}
		for (i = 0; i < sizeof(anonymous_none) /
		    sizeof(anonymous_none[0]); i++) {
			f = anonymous_none[i];
			*field = rs_field_names[f];
			if ((s = given(v, f)) != NULL)
				return fail(in, "an anonymous request has no "
				    "name and no contact data; got \"%s\"", s);
		}
		v[F_NAME] = (char *)RS_ANONYMOUS_NAME;
	}

	*field = "name";
	if ((s = given(v, F_NAME)) == NULL)
		return "required";

	*field = "salutation";
	if ((s = given(v, F_SALUTATION)) && !in_list(rs_salutations, s))
		return expected(in, rs_salutations, s);

	*field = "id_number";
	if ((s = given(v, F_ID_NUMBER)) && !rs_id_number_valid(s))
		return fail(in, "expected letters, digits, '-' or '.'; "
		    "got \"%s\"", s);

	*field = "email";
	/* the one check rs-notify applies before anything is sent */
	if ((s = given(v, F_EMAIL)) && rs_address_check(s) != NULL)
		return fail(in, "not a valid address: \"%s\"", s);
	*field = "phone";
	if (given(v, F_PHONE) &&
	    (why = phone_check(in, &v[F_PHONE], in->phones[0])) != NULL)
		return why;

	/* Ley 1437 arts. 5 and 53, Ley 1755 art. 16: a representative
	 * acts for the person, and is reached for them */
	*field = "representative_id_number";
	if ((s = given(v, F_REPRESENTATIVE_ID_NUMBER)) && !rs_id_number_valid(s))
		return fail(in, "expected letters, digits, '-' or '.'; "
		    "got \"%s\"", s);
	*field = "representative_email";
	if ((s = given(v, F_REPRESENTATIVE_EMAIL)) &&
	    rs_address_check(s) != NULL)
		return fail(in, "not a valid address: \"%s\"", s);
	*field = "representative_phone";
	if (given(v, F_REPRESENTATIVE_PHONE) && (why = phone_check(in,
	    &v[F_REPRESENTATIVE_PHONE], in->phones[1])) != NULL)
		return why;
	*field = "representative_name";
	if (!given(v, F_REPRESENTATIVE_NAME) &&
	    (given(v, F_REPRESENTATIVE_ID_NUMBER) ||
	    given(v, F_REPRESENTATIVE_EMAIL) ||
	    given(v, F_REPRESENTATIVE_PHONE)))
		return "required with the representative's id_number, email "
		    "or phone";

	if (!anonymous && !given(v, F_EMAIL) && !given(v, F_PHONE) &&
	    !given(v, F_ADDRESS) && !given(v, F_REPRESENTATIVE_EMAIL) &&
	    !given(v, F_REPRESENTATIVE_PHONE)) {
		*field = "email";
		return "required when there is no phone, address, "
		    "representative_email or representative_phone (one way "
		    "to reach the person), unless anonymous";
	}

	*field = "requester_kind";
	if ((s = given(v, F_REQUESTER_KIND)) &&
	    !in_list(rs_requester_kinds, s))
		return expected(in, rs_requester_kinds, s);
	/*
	 * Ley 1755 art. 30: type autoridad, with its own term, is another
	 * authority asking for information or documents; an authority's
	 * other petitions are typed as any (art. 14), with requester_kind
	 * autoridad.
	 */
	if (strcmp(v[F_TYPE], "autoridad") == 0) {
		if (s == NULL)
			v[F_REQUESTER_KIND] = (char *)"autoridad";
		else if (strcmp(s, "autoridad") != 0)
			return fail(in, "type autoridad is another "
			    "authority's request for information or "
			    "documents (Ley 1755 art. 30): expected autoridad "
			    "or nothing; got \"%s\"", s);
	}

	*field = "subject";
	if (!given(v, F_SUBJECT) && !given(v, F_DESCRIPTION))
		return "required when there is no description";
	return NULL;
}

/*
 * What a person is told of a value intake refused, in Spanish: the web
 * page and the desk's prompt say it, the reason in English stays for
 * the log.  By field, then by the kind of refusal validate() gave.
 */
static const struct {
	int		 field;
	const char	*required;	/* nothing given */
	const char	*invalid;	/* a value that breaks the rule */
} said[] = {
	{ F_TYPE, "Elija el tipo de solicitud.",
	    "Elija un tipo de solicitud de la lista." },
	{ F_NAME, "Escriba su nombre, o marque la solicitud como anónima "
	    "si el tipo lo permite.", NULL },
	{ F_SALUTATION, NULL, "Elija «señor», «señora» o nada." },
	{ F_ID_NUMBER, NULL, "La identificación lleva solo letras, dígitos, "
	    "«-» o «.», sin espacios" },
	{ F_EMAIL, "Escriba al menos un dato para responderle: correo "
	    "electrónico, teléfono o dirección postal.",
	    "Correo no válido: debe ser como nombre@dominio.gov.co, sin "
	    "espacios." },
	{ F_PHONE, NULL, "El teléfono lleva de 7 a 20 dígitos, con espacios "
	    "o + - ( ) ." },
	{ F_SUBJECT, "Escriba el asunto o el texto de su solicitud.", NULL },
	{ -1, NULL, NULL }
};

const char *
rs_field_invalid_said(int f)
{
	int i;

	for (i = 0; said[i].field != -1; i++)
		if (said[i].field == f && said[i].invalid)
			return said[i].invalid;
	return "Revise este dato.";
}

const char *
rs_intake_said(const char *field, const char *reason, const char *type,
    struct rs_buf *out)
{
	int f = rs_field_lookup(field), i;

	rs_buf_reset(out);
	if (f == F_ANONYMOUS) {
		/* Ley 1755 art. 16: a petition is answered to someone */
		rs_buf_addf(out, "Una solicitud de tipo «%s» se responde a "
		    "alguien y no puede ser anónima. Pueden ser anónimas: ",
		    rs_label(type ? type : ""));
		for (i = 0; rs_anonymous_types[i]; i++)
			rs_buf_addf(out, "%s%s", i ? ", " : "",
			    rs_label(rs_anonymous_types[i]));
		rs_buf_adds(out, ".");
		return rs_buf_str(out);
	}
	if (strncmp(reason, "an anonymous request has no", 27) == 0)
		return rs_refuse(out, "Una solicitud anónima no lleva nombre "
		    "ni datos de contacto: borre este dato o no la marque como "
		    "anónima.");
	if (strncmp(reason, "longer than", 11) == 0 && f >= 0)
		return rs_refuse(out, "Es demasiado largo: a lo sumo %zu "
		    "bytes (una letra con tilde ocupa dos).", field_max[f]);
	if (strcmp(reason, "control characters are not allowed") == 0)
		return rs_refuse(out, "Tiene caracteres de control; escriba "
		    "solo texto.");
	for (i = 0; said[i].field != -1; i++) {
		if (said[i].field != f)
			continue;
		if (strncmp(reason, "required", 8) == 0 && said[i].required)
			return rs_refuse(out, "%s", said[i].required);
		if (strncmp(reason, "required", 8) != 0 && said[i].invalid)
			return rs_refuse(out, "%s", said[i].invalid);
	}
	return rs_refuse(out, "Revise este dato.");
}

const char *
rs_intake_check(struct rs_intake *in, char **v, const char **field,
    int *days, const char **team, int *priority)
{
	rs_time received;
	int anonymous;

	/* the time of receipt is the one stored: the window of the setting
	 * received_days is for times coming in, and a request corrected a
	 * year on was not received again */
	in->recheck = 1;
	trim(v, v);
	return validate(in, v, field, &received, days, team, priority,
	    &anonymous);
}

/*
 * PREFIX-YYYY-NNNNNN, at least six digits: what "%s-%04d-%06lld" writes,
 * without printf's cost on every row.  printf itself is kept for what
 * never happens (a prefix of up to 10 characters, db.c, and a year of
 * four digits, time.c, always fit).
 */
static void
format_id(char *buf, size_t n, const char *prefix, int year, int64_t num)
{
	char digits[24];
	size_t len, plen, dlen;

	plen = strlen(prefix);
	dlen = rs_format_int(num, digits);
	if (year < 0 || year > 9999 || plen + 6 + (dlen < 6 ? 6 : dlen) >= n) {
		snprintf(buf, n, "%s-%04d-%06lld", prefix, year,
		    (long long)num);
		return;
	}
	memcpy(buf, prefix, plen);
	len = plen;
	buf[len++] = '-';
	buf[len++] = (char)('0' + year / 1000 % 10);
	buf[len++] = (char)('0' + year / 100 % 10);
	buf[len++] = (char)('0' + year / 10 % 10);
	buf[len++] = (char)('0' + year % 10);
	buf[len++] = '-';
	for (; dlen < 6; dlen++)
		buf[len++] = '0';
	memcpy(buf + len, digits, strlen(digits) + 1);
}

/* The radicado, inside the transaction that inserts the row (DESIGN §3). */
static void
radicado_next(struct rs_intake *in, int year)
{
	struct counter *c;
	size_t i;

	for (i = 0; i < in->ncounters && in->counters[i].year != year; i++)
		;
	if (i == in->ncounters) {
		in->counters = rs_realloc(in->counters,
		    (i + 1) * sizeof(*in->counters));
		in->counters[i].year = year;
		in->counters[i].last = 0;
		rs_bind_int(in->counter_get, 1, year);
		if (rs_db_step(in->db, in->counter_get))
			in->counters[i].last =
			    rs_col_int64(in->counter_get, 0);
		rs_reset(in->counter_get);
		in->ncounters++;
	}
	c = &in->counters[i];
	c->last++;
	format_id(in->id, sizeof(in->id), in->prefix, year, c->last);
}

void
rs_intake_begin(struct rs_intake *in)
{
	rs_db_begin(in->db);
	in->ncounters = 0;
}

int
rs_intake_try_begin(struct rs_intake *in)
{
	in->ncounters = 0;
	return rs_db_try_begin(in->db);
}

void
rs_intake_commit(struct rs_intake *in)
{
	size_t i;

	for (i = 0; i < in->ncounters; i++) {
		rs_bind_int(in->counter_set, 1, in->counters[i].year);
		rs_bind_int64(in->counter_set, 2, in->counters[i].last);
		rs_db_step(in->db, in->counter_set);
		rs_reset(in->counter_set);
	}
	in->ncounters = 0;
	rs_db_commit(in->db);
}

void
rs_intake_rollback(struct rs_intake *in)
{
	in->ncounters = 0;
	rs_db_rollback(in->db);
}

static int
already_registered(struct rs_intake *in, const char *ref, const char ***row)
{
	int i, found;

	rs_bind_text(in->by_ref, 1, ref);
	found = rs_db_step(in->db, in->by_ref);
	if (found) {
		for (i = 0; i < O_NEW; i++) {
			const char *c = rs_col_text(in->by_ref, i);

			free(in->stored[i]);
			in->stored[i] = c ? rs_strdup(c) : NULL;
			in->row[i] = in->stored[i];
		}
		in->row[O_NEW] = "0";
		*row = in->row;
	}
	rs_reset(in->by_ref);
	return found;
}

static void
bind_opt(struct rs_stmt *st, int i, const char *s)
{
	if (s && *s)
		rs_bind_text(st, i, s);
	else
		rs_bind_null(st, i);
}

/*
 * Leading and trailing white space is no part of a value.  A CR is a
 * line end whatever wrote it (rs-csv(5)): CR LF and a CR alone become
 * LF, from a flag, the prompt or a message as from a file, so that no CR
 * reaches the store, a table or a notice.  Values are changed in place
 * only where there is something to change (some are constants).
 */
static void
trim(char *const *in, char **out)
{
	char *s, *e, *p, *q;
	int f;

	for (f = 0; f < F_NFIELDS; f++) {
		if ((s = in[f]) == NULL) {
			out[f] = NULL;
			continue;
		}
		if ((p = strchr(s, '\r')) != NULL) {
			for (q = p; *p; p++) {
				if (*p == '\r' && p[1] == '\n')
					p++;	/* the LF is written */
				*q++ = *p == '\r' ? '\n' : *p;
			}
			*q = '\0';
		}
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\n' || e[-1] == '\r'))
			e--;
		if (*e != '\0')	/* only when there was space to cut */
			*e = '\0';
		out[f] = s;
	}
}

int
rs_intake_one(struct rs_intake *in, char *const *raw, const char **field,
    const char **reason, const char ***row)
{
	char *v[F_NFIELDS];

	rs_time received;
	rs_day day, effective, due = 0;
	const char *team = NULL;
	int secs, days = 0, priority = 0, anonymous = 0, y, m, d, f;

	trim(raw, v);
	if ((*reason = validate(in, v, field, &received, &days, &team,
	    &priority, &anonymous)) != NULL)
		return -1;
	if (given(v, F_EXTERNAL_REF) &&
	    already_registered(in, v[F_EXTERNAL_REF], row))
		return 0;

	day = rs_local_day(received, &secs);
	/* DESIGN §5 rules 3-4: the effective day, then N business days */
	effective = rs_effective_day(&in->cal, day, secs);
	if (days > 0)
		due = rs_add_business_days(&in->cal, effective, days);
	rs_day_to_ymd(day, &y, &m, &d);
	radicado_next(in, y);
	rs_format_datetime(received, in->received);
	rs_format_date(effective, in->effective);
	if (days > 0)
		rs_format_date(due, in->due);
	else
		in->due[0] = '\0';
	rs_format_int(priority, in->prio);

	rs_bind_text(in->ins, 1, in->id);
	rs_bind_text(in->ins, 2, in->received);
	rs_bind_int64(in->ins, 3, received);
	rs_bind_text(in->ins, 4, in->effective);
	bind_opt(in->ins, 5, in->due);
	if (days > 0)
		rs_bind_int(in->ins, 6, days);
	else
		rs_bind_null(in->ins, 6);
	bind_opt(in->ins, 7, v[F_CHANNEL]);
	bind_opt(in->ins, 8, v[F_TYPE]);
	bind_opt(in->ins, 9, v[F_TOPIC]);
	bind_opt(in->ins, 10, team);
	rs_bind_int(in->ins, 11, priority);
	for (f = F_PREFERENTIAL; f <= F_EXTERNAL_REF; f++)
		bind_opt(in->ins, 12 + f - F_PREFERENTIAL, v[f]);
	rs_bind_text(in->ins, 23, in->cutoff);
	bind_opt(in->ins, 24, v[F_ADDRESS]);
	rs_bind_int(in->ins, 25, anonymous);
	for (f = F_REPRESENTATIVE_NAME; f <= F_REPRESENTATIVE_PHONE; f++)
		bind_opt(in->ins, 26 + f - F_REPRESENTATIVE_NAME, v[f]);
	bind_opt(in->ins, 30, v[F_PRIORITY_REASON]);
	rs_db_step(in->db, in->ins);
	rs_reset(in->ins);
	rs_clear(in->ins);

	/* the row itself holds what was received; the event, who and when */
	rs_event_append(in->db, rs_db_last_id(in->db),
	    in->now_s, in->actor, "intake", NULL, days > 0 ? in->due : NULL);

	/* the row points into v, which points into the caller's values */
	in->row[O_ID] = in->id;
	in->row[O_RECEIVED_AT] = in->received;
	in->row[O_EFFECTIVE_ON] = in->effective;
	in->row[O_DUE_ON] = in->due;
	for (f = F_CHANNEL; f <= F_EXTERNAL_REF; f++)
		in->row[O_FIELDS + f - F_CHANNEL] = v[f];
	in->row[O_FIELDS + F_TEAM - F_CHANNEL] = team;
	in->row[O_FIELDS + F_PRIORITY - F_CHANNEL] = in->prio;
	in->row[O_STATUS] = "radicada";
	in->row[O_NEW] = "1";
	*row = in->row;
	return 1;
}
