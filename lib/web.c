/*
 * web.c - the public web page's rules and what it keeps (rs-web): its
 * form's fields and bounds, the form's token against cross-site
 * requests, the requester's code for looking a request up, the count of
 * submissions per address, and what a requester may see of a request.
 * Record layer: over db.c.
 */
#include <sys/random.h>

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

/*
 * The form's fields, in the order the page shows them: the name the
 * browser sends (also the input's id), the intake column it fills, and
 * the Spanish label.  The channel is web; everything else of intake is
 * the office's to set.
 */
const struct rs_web_field rs_web_fields[] = {
	{ "tipo",	F_TYPE,		"Tipo de solicitud" },
	{ "anonimo",	F_ANONYMOUS,	"Presentarla en forma anónima" },
	{ "nombre",	F_NAME,		"Nombre" },
	{ "saludo",	F_SALUTATION,	"Cómo quiere que nos dirijamos a usted" },
	{ "documento",	F_ID_NUMBER,	"Número de identificación" },
	{ "correo",	F_EMAIL,	"Correo electrónico" },
	{ "telefono",	F_PHONE,	"Teléfono" },
	{ "direccion",	F_ADDRESS,	"Dirección postal" },
	{ "autoriza_correo", -1,
	    "Autorizo que me notifiquen por correo electrónico" },
	{ "asunto",	F_SUBJECT,	"Asunto" },
	{ "texto",	F_DESCRIPTION,	"Texto de la solicitud" },
	{ "adjunto",	-1,		"Documentos adjuntos" },
	{ NULL,		-1,		NULL }
};

/* The types the form offers (Ley 1474 de 2011 art. 76, PQRSD, and
 * information, Ley 1712 de 2014), in this order; a type the office
 * removed from its catalog is not offered. */
const char *const rs_web_types[] = {
	"peticion", "queja", "reclamo", "sugerencia", "denuncia",
	"felicitacion", "informacion", NULL
};

/* The whole body: the office's bound on documents, and room for the
 * fields and the MIME around them. */
size_t
rs_web_body_max(struct rs_db *db)
{
	return rs_max_message(db) + RS_WEB_TEXT_MAX;
}

/*
 * Ley 1437 art. 56: the office notifies by e-mail only whom consented.
 * The form asks for the consent with the address, so that an address on
 * record is an address the requester agreed to be notified at; the rule
 * of intake then holds as it does for every channel.
 */
const char *
rs_web_consent(const char *email, const char *consent)
{
	if (email && *email && !(consent && *consent))
		return "Para recibir la respuesta por correo electrónico, "
		    "marque la autorización de notificación por correo (Ley "
		    "1437 de 2011, art. 56); si no la da, deje el correo en "
		    "blanco y escriba otro dato de contacto.";
	if (!(email && *email) && consent && *consent)
		return "Escriba el correo electrónico en el que autoriza que "
		    "le notifiquen.";
	return NULL;
}

/* ---- randomness and secrets ---------------------------------------------- */

static void
random_bytes(void *buf, size_t n)
{
	ssize_t k;

	/* getrandom(2) blocks only until the pool is first seeded */
	while ((k = getrandom(buf, n, 0)) != (ssize_t)n)
		if (k != -1 || errno != EINTR)
			rs_die(EX_OSERR, "getrandom: %s", strerror(errno));
}

static void
hex(const uint8_t *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 0xf];
	}
	out[2 * n] = '\0';
}

void
rs_random_hex(char *out, size_t nbytes)
{
	uint8_t b[64];

	if (nbytes > sizeof(b))
		nbytes = sizeof(b);
	random_bytes(b, nbytes);
	hex(b, nbytes, out);
}

/* The key of the form's tokens: made at first use and kept in the
 * settings, like the pseudonyms' salt. */
static char *
web_secret(struct rs_db *db)
{
	struct rs_stmt *st;
	char key[2 * 32 + 1], *s = NULL;

	st = rs_db_prepare(db, "SELECT value FROM settings WHERE key = "
	    "'web_secret'");
	if (rs_db_step(db, st) && rs_col_bytes(st, 0) == 64)
		s = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	if (s != NULL)
		return s;
	rs_random_hex(key, 32);
	rs_db_begin(db);
	/* another process may have made one meanwhile: the first stays */
	st = rs_db_prepare(db, "INSERT INTO settings (key, value) VALUES "
	    "('web_secret', ?) ON CONFLICT (key) DO NOTHING");
	rs_bind_text(st, 1, key);
	rs_db_step(db, st);
	rs_finalize(st);
	st = rs_db_prepare(db, "SELECT value FROM settings WHERE key = "
	    "'web_secret'");
	if (rs_db_step(db, st))
		s = rs_strdup(rs_col_text(st, 0));
	rs_finalize(st);
	rs_db_commit(db);
	return s;
}

static void
token_mac(const char *secret, const char *ts, const char *nonce,
    char out[2 * SHA256_DIGEST_SIZE + 1])
{
	struct hmac_sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];

	hmac_sha256_set_key(&h, strlen(secret), (const uint8_t *)secret);
	hmac_sha256_update(&h, strlen(ts), (const uint8_t *)ts);
	hmac_sha256_update(&h, 1, (const uint8_t *)".");
	hmac_sha256_update(&h, strlen(nonce), (const uint8_t *)nonce);
	hmac_sha256_digest(&h, SHA256_DIGEST_SIZE, d);
	hex(d, SHA256_DIGEST_SIZE, out);
}

void
rs_web_token(struct rs_db *db, const char *nonce, rs_time now,
    char out[RS_TOKEN_LEN])
{
	char ts[24], mac[2 * SHA256_DIGEST_SIZE + 1], *secret;

	secret = web_secret(db);
	rs_format_int(now, ts);
	token_mac(secret, ts, nonce, mac);
	snprintf(out, RS_TOKEN_LEN, "%s.%s", ts, mac);
	free(secret);
}

int
rs_web_nonce_valid(const char *nonce)
{
	return nonce != NULL && strlen(nonce) == RS_NONCE_HEX &&
	    strspn(nonce, "0123456789abcdef") == RS_NONCE_HEX;
}

const char *
rs_web_token_check(struct rs_db *db, const char *nonce, const char *token,
    rs_time now)
{
	char ts[24], mac[2 * SHA256_DIGEST_SIZE + 1], *secret;
	const char *dot;
	rs_time t;
	int same;

	if (!rs_web_nonce_valid(nonce))
		return "no form cookie";
	if (token == NULL || (dot = strchr(token, '.')) == NULL ||
	    dot == token || (size_t)(dot - token) >= sizeof(ts) ||
	    strlen(dot + 1) != 2 * SHA256_DIGEST_SIZE)
		return "no form token";
	memcpy(ts, token, (size_t)(dot - token));
	ts[dot - token] = '\0';
	if (!rs_all_digits(ts))
		return "no form token";
	t = strtoll(ts, NULL, 10);
	/* a token from a little ahead is a clock between servers */
	if (t > now + 300 || now - t > RS_WEB_TOKEN_AGE)
		return "the form is too old";
	secret = web_secret(db);
	token_mac(secret, ts, nonce, mac);
	free(secret);
	same = memeql_sec(mac, dot + 1, 2 * SHA256_DIGEST_SIZE);
	return same ? NULL : "the form token does not match";
}

/* ---- the requester's code -------------------------------------------------- */

/* No 0/O, 1/I/L: a code is read from paper and typed again. */
static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/* The code as typed, made the canonical 12 characters: letters upper
 * case, spaces and dashes out.  0 when it cannot be one. */
static int
code_canonical(const char *s, char out[13])
{
	size_t n = 0;
	int c;

	for (; *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		c = *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s;
		if (n == 12 || strchr(code_alphabet, c) == NULL || c == '\0')
			return 0;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n == 12;
}

/* What is stored of a code: SHA-256 of the radicado and the code.  A
 * code has 59 random bits, so a fast hash is enough; the radicado in it
 * keeps one hash from matching another request. */
static void
code_hash(const char *id, const char *canonical, char out[RS_HASH_LEN])
{
	struct sha256_ctx sc;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&sc);
	sha256_update(&sc, 8, (const uint8_t *)"rs-code:");
	sha256_update(&sc, strlen(id), (const uint8_t *)id);
	sha256_update(&sc, 1, (const uint8_t *)":");
	sha256_update(&sc, 12, (const uint8_t *)canonical);
	sha256_digest(&sc, SHA256_DIGEST_SIZE, d);
	hex(d, SHA256_DIGEST_SIZE, out);
}

void
rs_code_make(char code[RS_CODE_LEN])
{
	uint8_t b[12];
	char canonical[13];
	size_t i, n = 0;

	/* a byte of 248 or more is drawn again (248 is 8 times the
	 * alphabet's 31), so that every character is as likely */
	for (i = 0; i < 12; ) {
		if (n == 0) {
			random_bytes(b, sizeof(b));
			n = sizeof(b);
		}
		if (b[--n] < 248)
			canonical[i++] = code_alphabet[b[n] % 31];
	}
	canonical[12] = '\0';
	snprintf(code, RS_CODE_LEN, "%.4s-%.4s-%.4s", canonical,
	    canonical + 4, canonical + 8);
}

void
rs_code_keep(struct rs_db *db, int64_t seq, const char *id,
    const char *code, const char *at, const char *given)
{
	char canonical[13], hash[RS_HASH_LEN];
	struct rs_stmt *st;

	if (!code_canonical(code, canonical))
		rs_die(EX_SOFTWARE, "%s: a code not made by rs_code_make", id);
	code_hash(id, canonical, hash);
	st = rs_db_prepare(db, "INSERT INTO access_codes (request, hash, "
	    "given, made_at) VALUES (?, ?, ?, ?)");
	rs_bind_int64(st, 1, seq);
	rs_bind_text(st, 2, hash);
	rs_bind_text(st, 3, given);
	rs_bind_text(st, 4, at);
	rs_db_step(db, st);
	rs_finalize(st);
}

int64_t
rs_code_check(struct rs_db *db, const char *id, const char *code)
{
	char canonical[13], hash[RS_HASH_LEN];
	struct rs_stmt *st;
	int64_t seq = 0, found = 0;
	int rows = 0, ok;

	/* the same work whether or not the radicado or the code is good:
	 * a wrong pair takes as long as an unknown radicado */
	ok = code_canonical(code ? code : "", canonical);
	if (!ok)
		memset(canonical, 'A', 12), canonical[12] = '\0';
	code_hash(id ? id : "", canonical, hash);
	st = rs_db_prepare(db, "SELECT r.seq, a.hash FROM requests r JOIN "
	    "access_codes a ON a.request = r.seq WHERE r.id = ?");
	rs_bind_text(st, 1, id ? id : "");
	while (rs_db_step(db, st)) {
		const char *h = rs_col_text(st, 1);

		rows++;
		seq = rs_col_int64(st, 0);
		if (h != NULL && strlen(h) == RS_HASH_LEN - 1 &&
		    memeql_sec(h, hash, RS_HASH_LEN - 1) && ok)
			found = seq;
	}
	rs_finalize(st);
	if (rows == 0)
		(void)memeql_sec(hash, hash, RS_HASH_LEN - 1);
	return found;
}

long
rs_codes_audit(struct rs_db *db, rs_report_fn *report, void *arg)
{
	struct rs_stmt *st;
	long n = 0;

	/* a code belongs to a request, and what is kept of it is a hash,
	 * never the code itself; a hash that is not all hex digits keeps
	 * something after ltrim strips them (GLOB is SQLite's alone) */
	st = rs_db_prepare(db, "SELECT a.rowid, a.request, r.id, a.hash FROM "
	    "access_codes a LEFT JOIN requests r ON r.seq = a.request "
	    "WHERE r.seq IS NULL OR length(a.hash) <> 64 OR "
	    "ltrim(a.hash, '0123456789abcdef') <> '' ORDER BY a.rowid");
	while (rs_db_step(db, st))
		if (rs_col_type(st, 2) == RS_NULL)
			rs_finding(&n, report, arg, "access code %lld: no "
			    "request %lld", (long long)rs_col_int64(st,
			    0), (long long)rs_col_int64(st, 1));
		else
			rs_finding(&n, report, arg, "%s: access code %lld: "
			    "not a SHA-256 in hex", rs_col_text(st, 2),
			    (long long)rs_col_int64(st, 0));
	rs_finalize(st);
	return n;
}

/* ---- submissions per address ---------------------------------------------- */

long
rs_web_hit(struct rs_db *db, const char *address, rs_time now)
{
	struct rs_stmt *st;
	int64_t hour = now / 3600;
	long n = 0;

	rs_db_begin(db);
	/* the addresses are personal data: a day of them is enough */
	st = rs_db_prepare(db, "DELETE FROM web_hits WHERE hour < ?");
	rs_bind_int64(st, 1, hour - 24);
	rs_db_step(db, st);
	rs_finalize(st);
	st = rs_db_prepare(db, "INSERT INTO web_hits (address, hour, hits) "
	    "VALUES (?1, ?2, 1) ON CONFLICT (address, hour) DO UPDATE SET "
	    "hits = web_hits.hits + 1");
	rs_bind_text(st, 1, address);
	rs_bind_int64(st, 2, hour);
	rs_db_step(db, st);
	rs_finalize(st);
	st = rs_db_prepare(db, "SELECT hits FROM web_hits WHERE address = ?1 "
	    "AND hour = ?2");
	rs_bind_text(st, 1, address);
	rs_bind_int64(st, 2, hour);
	if (rs_db_step(db, st))
		n = rs_col_int(st, 0);
	rs_finalize(st);
	rs_db_commit(db);
	return n;
}

/* ---- what the requester sees ------------------------------------------------ */

static char *
col(struct rs_stmt *st, int i)
{
	const char *s = rs_col_text(st, i);

	return s && *s ? rs_strdup(s) : NULL;
}

/*
 * The steps a requester may see, in order, each with its day: the
 * office's internal steps (assignment, notes, links, corrections) and
 * their details stay out; of a requirement, what is missing, which the
 * requester was told.
 */
#define STEPS_SQL \
	"SELECT at, CASE kind" \
	" WHEN 'intake' THEN 'Recibida'" \
	" WHEN 'hold' THEN 'En espera de información suya: ' ||" \
	"  coalesce(json_extract(details, '$.missing'), '')" \
	" WHEN 'resume' THEN 'Se reanudó el trámite'" \
	" WHEN 'extend' THEN 'Se amplió el plazo hasta el ' ||" \
	"  json_extract(details, '$.to')" \
	" WHEN 'forward' THEN 'Trasladada por competencia a ' ||" \
	"  json_extract(details, '$.authority')" \
	" WHEN 'answer' THEN 'Respondida'" \
	" WHEN 'close' THEN 'Cerrada'" \
	" WHEN 'reopen' THEN 'Reabierta'" \
	" WHEN 'void' THEN 'Anulada'" \
	" END FROM events WHERE request = ? AND kind IN ('intake', 'hold'," \
	" 'resume', 'extend', 'forward', 'answer', 'close', 'reopen', 'void')" \
	" ORDER BY seq"

void
rs_web_status(struct rs_db *db, int64_t seq, struct rs_status *s)
{
	struct rs_stmt *st;

	memset(s, 0, sizeof(*s));
	st = rs_db_prepare(db, "SELECT id, status, type, subject, "
	    "received_at, effective_on, coalesce(extended_to, due_on), "
	    "held_on, hold_limit, forwarded_to, answered_at, outcome "
	    "FROM requests WHERE seq = ?");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st)) {
		s->id = col(st, 0);
		s->status = col(st, 1);
		s->type = col(st, 2);
		s->subject = col(st, 3);
		s->received_at = col(st, 4);
		s->effective_on = col(st, 5);
		s->due_on = col(st, 6);
		s->held_on = col(st, 7);
		s->hold_limit = col(st, 8);
		s->forwarded_to = col(st, 9);
		s->answered_at = col(st, 10);
		s->outcome = col(st, 11);
	}
	rs_finalize(st);

	st = rs_db_prepare(db, STEPS_SQL);
	rs_bind_int64(st, 1, seq);
	while (rs_db_step(db, st)) {
		s->steps = rs_realloc(s->steps,
		    (s->nsteps + 1) * sizeof(*s->steps));
		s->steps[s->nsteps].at = col(st, 0);
		s->steps[s->nsteps].what = col(st, 1);
		s->nsteps++;
	}
	rs_finalize(st);

	/* the answer in force, with protocol 5.2's three parts when
	 * negative, as the letter to the requester says them */
	if (s->answered_at == NULL)
		return;
	st = rs_db_prepare(db, "SELECT json_extract(details, '$.text'), "
	    "json_extract(details, '$.why'), json_extract(details, "
	    "'$.will_do'), json_extract(details, '$.can_do') FROM events "
	    "WHERE request = ? AND kind = 'answer' ORDER BY seq DESC LIMIT 1");
	rs_bind_int64(st, 1, seq);
	if (rs_db_step(db, st)) {
		s->answer = col(st, 0);
		s->why = col(st, 1);
		s->will_do = col(st, 2);
		s->can_do = col(st, 3);
	}
	rs_finalize(st);
}

void
rs_status_free(struct rs_status *s)
{
	size_t i;

	free(s->id);
	free(s->status);
	free(s->type);
	free(s->subject);
	free(s->received_at);
	free(s->effective_on);
	free(s->due_on);
	free(s->held_on);
	free(s->hold_limit);
	free(s->forwarded_to);
	free(s->answered_at);
	free(s->outcome);
	free(s->answer);
	free(s->why);
	free(s->will_do);
	free(s->can_do);
	for (i = 0; i < s->nsteps; i++) {
		free(s->steps[i].at);
		free(s->steps[i].what);
	}
	free(s->steps);
	memset(s, 0, sizeof(*s));
}
