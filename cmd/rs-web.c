/* rs-web - the office's public web page, a CGI program: the form that
 * registers a request, and the lookup of a request by radicado and code */
#include <nettle/base64.h>
#include <nettle/sha2.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs.h"

static const char usage_text[] = "usage: rs-web [-d db]\n";

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

static struct rs_db	*db;
static rs_time		 now;
static const char	*actor;
static const char	*base;		/* SCRIPT_NAME: where links start */
static char		*office;

/* Every page's look: relative units only, so that it reads at 200% and
 * on a telephone; the focus always shows. */
static const char style[] =
	"body{font-family:sans-serif;line-height:1.5;margin:0 auto;"
	"padding:1em;max-width:42em;color:#1a1a1a;background:#fff}"
	"label,legend{display:block;font-weight:bold;margin-top:1em}"
	"label.check{display:inline;font-weight:normal}"
	"input[type=text],input[type=email],input[type=tel],select,textarea"
	"{box-sizing:border-box;width:100%;font:inherit;padding:.3em;"
	"border:.1em solid #555}"
	"textarea{min-height:10em}"
	"fieldset{border:none;padding:0;margin:0}"
	".hint{color:#333;margin:.2em 0;font-size:.95em}"
	".error{color:#a00000;font-weight:bold;margin:.2em 0}"
	"[aria-invalid=true]{border:.2em solid #a00000}"
	"#errores{border:.2em solid #a00000;padding:0 1em;margin:1em 0}"
	"button{font:inherit;margin-top:1.5em;padding:.5em 1.5em}"
	":focus{outline:.2em solid #1a5fb4;outline-offset:.1em}"
	"dt{font-weight:bold}dd{margin:0 0 .5em 0}"
	"nav a{margin-right:1em}";

/* ---- the response ------------------------------------------------------ */

/* The style's hash for Content-Security-Policy: no inline style but
 * this one, no script at all. */
static const char *
style_hash(void)
{
	static char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
	uint8_t d[SHA256_DIGEST_SIZE];
	struct sha256_ctx sc;

	if (*b64)
		return b64;
	sha256_init(&sc);
	sha256_update(&sc, strlen(style), (const uint8_t *)style);
	sha256_digest(&sc, SHA256_DIGEST_SIZE, d);
	base64_encode_raw((char *)b64, SHA256_DIGEST_SIZE, d);
	b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE)] = '\0';
	return b64;
}

static void
security_headers(void)
{
	printf("X-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Cache-Control: no-store\r\n");
}

static int		 sent;		/* a response has begun */

/* A page: the status line, the headers, and the body built in b. */
static void
send_page(int status, const char *reason, const char *extra,
    struct rs_buf *b)
{
	sent = 1;
	printf("Status: %d %s\r\n", status, reason);
	printf("Content-Type: text/html; charset=utf-8\r\n");
	printf("Content-Security-Policy: default-src 'none'; "
	    "style-src 'sha256-%s'; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'\r\n", style_hash());
	security_headers();
	if (extra)
		fputs(extra, stdout);
	printf("Content-Length: %zu\r\n\r\n", b->len);
	fwrite(rs_buf_str(b), 1, b->len, stdout);
	rs_stdout_close();
}

static void
page_begin(struct rs_buf *b, const char *title)
{
	rs_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	rs_html_esc(b, title);
	rs_buf_adds(b, " — ");
	rs_html_esc(b, office);
	rs_buf_addf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n"
	    "<header>\n<p>", style);
	rs_html_esc(b, office);
	rs_buf_adds(b, "</p>\n<nav aria-label=\"Servicios\"><a href=\"");
	rs_html_esc(b, base);
	rs_buf_adds(b, "/\">Radicar una solicitud</a> <a href=\"");
	rs_html_esc(b, base);
	rs_buf_adds(b, "/consulta\">Consultar una solicitud</a></nav>\n"
	    "</header>\n<main>\n<h1>");
	rs_html_esc(b, title);
	rs_buf_adds(b, "</h1>\n");
}

static void
page_end(struct rs_buf *b)
{
	rs_buf_adds(b, "</main>\n</body>\n</html>\n");
}

/* A page that only says something: an error of the request itself. */
static void
message_page(int status, const char *reason, const char *title,
    const char *text, const char *extra)
{
	struct rs_buf b = { 0 };

	page_begin(&b, title);
	rs_buf_adds(&b, "<p id=\"errores\" role=\"alert\">");
	rs_html_esc(&b, text);
	rs_buf_adds(&b, "</p>\n<p><a href=\"");
	rs_html_esc(&b, base);
	rs_buf_adds(&b, "/\">Volver al formulario</a></p>\n");
	page_end(&b);
	send_page(status, reason, extra, &b);
	rs_buf_free(&b);
}

/*
 * The program ends early through the one fatal path of lib/ (the
 * database busy, missing or broken): the message is for the server's
 * log, and the person gets a page that says to try later, not a bare
 * error of the server.
 */
static void
failed(int status, void *arg)
{
	static const char text[] = "<!DOCTYPE html>\n<html lang=\"es\">\n"
	    "<head>\n<meta charset=\"utf-8\">\n<title>Servicio no "
	    "disponible</title>\n</head>\n<body>\n<main>\n<h1>Servicio no "
	    "disponible</h1>\n<p id=\"errores\" role=\"alert\">No pudimos "
	    "atender su solicitud en este momento. Vuelva a intentarlo en unos "
	    "minutos, o comuníquese con la oficina por otro canal.</p>\n"
	    "</main>\n</body>\n</html>\n";

	(void)arg;
	if (status == 0 || sent)
		return;
	sent = 1;
	if (status == EX_TEMPFAIL)
		printf("Status: 503 Service Unavailable\r\nRetry-After: 60\r\n");
	else
		printf("Status: 500 Internal Server Error\r\n");
	printf("Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Security-Policy: default-src 'none'\r\n");
	security_headers();
	printf("Content-Length: %zu\r\n\r\n%s", sizeof(text) - 1, text);
	fflush(stdout);
}

/* ---- the request --------------------------------------------------------- */

static const char *
env(const char *name)
{
	const char *s = getenv(name);

	return s ? s : "";
}

/* A cookie's value from HTTP_COOKIE, or NULL. */
static char *
cookie(const char *name)
{
	const char *s = env("HTTP_COOKIE"), *e;
	size_t n = strlen(name);

	while (*s) {
		while (*s == ' ' || *s == ';')
			s++;
		e = s + strcspn(s, ";");
		if ((size_t)(e - s) > n && strncmp(s, name, n) == 0 &&
		    s[n] == '=')
			return rs_strndup(s + n + 1, (size_t)(e - s - n - 1));
		s = e;
	}
	return NULL;
}

/*
 * The body, CONTENT_LENGTH bytes, refused before a byte is read when it
 * is larger than the page takes; NULL after the refusal page is sent.
 */
static char *
read_body(size_t max, size_t *len)
{
	const char *cl = env("CONTENT_LENGTH");
	char *body;
	size_t got = 0, k;

	if (!rs_all_digits(cl) || strlen(cl) > 12) {
		message_page(411, "Length Required", "Solicitud incompleta",
		    "El navegador no dijo el tamaño de lo que envió; vuelva "
		    "a intentarlo.", NULL);
		return NULL;
	}
	*len = (size_t)strtoull(cl, NULL, 10);
	if (*len > max) {
		char text[256];

		snprintf(text, sizeof(text), "Lo que envió ocupa más de lo "
		    "que recibimos por esta página (%zu MB en total, con los "
		    "documentos). Envíe menos documentos o más pequeños, o "
		    "tráigalos a la oficina.", (max + 999999) / 1000000);
		message_page(413, "Content Too Large", "Demasiado grande",
		    text, NULL);
		return NULL;
	}
	body = rs_malloc(*len + 1);
	while (got < *len && (k = fread(body + got, 1, *len - got, stdin)) > 0)
		got += k;
	body[got] = '\0';
	if (got != *len) {
		free(body);
		message_page(400, "Bad Request", "Solicitud incompleta",
		    "Lo que envió llegó incompleto; vuelva a intentarlo.",
		    NULL);
		return NULL;
	}
	return body;
}

/* Rate limit: too many forms from one address in an hour (web_rate;
 * 0: none, a server in front keeps its own). */
static int
too_many(void)
{
	const char *addr = env("REMOTE_ADDR");
	char *rate;
	long max;

	rate = rs_setting(db, "web_rate");
	max = atol(rate);
	free(rate);
	if (max == 0)
		return 0;
	if (*addr == '\0' || strlen(addr) > 64 || rs_has_controls(addr, 0))
		addr = "-";
	if (rs_web_hit(db, addr, now) <= max)
		return 0;
	message_page(429, "Too Many Requests", "Demasiadas solicitudes",
	    "Desde su conexión se enviaron muchas solicitudes en la última "
	    "hora. Espere una hora y vuelva a intentarlo, o comuníquese con "
	    "la oficina por otro canal.", "Retry-After: 3600\r\n");
	return 1;
}

/* ---- the form ------------------------------------------------------------- */

struct problem {
	const char	*name;		/* the form field */
	char		*text;		/* Spanish */
};

struct submission {
	struct rs_form	 form;
	struct problem	 problems[16];
	size_t		 nproblems;
	char		 nonce[RS_NONCE_HEX + 1];
	int		 new_nonce;	/* set the cookie */
};

static const char *
value_of(const struct submission *s, const char *name)
{
	const char *v = rs_form_get(&s->form, name);

	return v ? v : "";
}

static const char *
problem_of(const struct submission *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nproblems; i++)
		if (strcmp(s->problems[i].name, name) == 0)
			return s->problems[i].text;
	return NULL;
}

static void
add_problem(struct submission *s, const char *name, const char *text)
{
	if (problem_of(s, name) || s->nproblems ==
	    sizeof(s->problems) / sizeof(s->problems[0]))
		return;
	s->problems[s->nproblems].name = name;
	s->problems[s->nproblems].text = rs_strdup(text);
	s->nproblems++;
}

static const struct rs_web_field *
web_field(const char *name)
{
	const struct rs_web_field *w;

	for (w = rs_web_fields; w->name; w++)
		if (strcmp(w->name, name) == 0)
			return w;
	return NULL;
}

/* The web field that shows an intake field, or NULL. */
static const char *
web_name(int f)
{
	const struct rs_web_field *w;

	for (w = rs_web_fields; w->name; w++)
		if (w->field == f)
			return w->name;
	return NULL;
}

/* The attributes that tie a field to its error (WCAG 3.3.1). */
static void
invalid_attrs(struct rs_buf *b, const struct submission *s, const char *name,
    const char *hint)
{
	if (problem_of(s, name)) {
		rs_buf_addf(b, " aria-invalid=\"true\" aria-describedby=\""
		    "error-%s%s%s\"", name, hint ? " " : "", hint ? hint : "");
	} else if (hint)
		rs_buf_addf(b, " aria-describedby=\"%s\"", hint);
}

static void
error_text(struct rs_buf *b, const struct submission *s, const char *name)
{
	const char *p;

	if ((p = problem_of(s, name)) == NULL)
		return;
	rs_buf_addf(b, "<p class=\"error\" id=\"error-%s\">", name);
	rs_html_esc(b, p);
	rs_buf_adds(b, "</p>\n");
}

static void
label(struct rs_buf *b, const char *name, const char *extra)
{
	const struct rs_web_field *w = web_field(name);

	rs_buf_addf(b, "<label for=\"%s\">", name);
	rs_html_esc(b, w->label);
	if (extra)
		rs_html_esc(b, extra);
	rs_buf_adds(b, "</label>\n");
}

static void
hint(struct rs_buf *b, const char *id, const char *text)
{
	rs_buf_addf(b, "<p class=\"hint\" id=\"%s\">", id);
	rs_html_esc(b, text);
	rs_buf_adds(b, "</p>\n");
}

static void
text_input(struct rs_buf *b, const struct submission *s, const char *name,
    const char *type, const char *autocomplete, const char *extra,
    const char *hint_id, const char *hint_text)
{
	label(b, name, extra);
	if (hint_text)
		hint(b, hint_id, hint_text);
	error_text(b, s, name);
	rs_buf_addf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\"", type, name,
	    name);
	if (autocomplete)
		rs_buf_addf(b, " autocomplete=\"%s\"", autocomplete);
	invalid_attrs(b, s, name, hint_text ? hint_id : NULL);
	rs_buf_adds(b, " value=\"");
	rs_html_esc(b, value_of(s, name));
	rs_buf_adds(b, "\">\n");
}

static void
checkbox(struct rs_buf *b, const struct submission *s, const char *name,
    const char *hint_id, const char *hint_text)
{
	const struct rs_web_field *w = web_field(name);

	error_text(b, s, name);
	rs_buf_addf(b, "<p><input type=\"checkbox\" id=\"%s\" name=\"%s\" "
	    "value=\"1\"", name, name);
	invalid_attrs(b, s, name, hint_id);
	if (*value_of(s, name))
		rs_buf_adds(b, " checked");
	rs_buf_addf(b, "> <label class=\"check\" for=\"%s\">", name);
	rs_html_esc(b, w->label);
	rs_buf_adds(b, "</label></p>\n");
	hint(b, hint_id, hint_text);
}

static void
option(struct rs_buf *b, const char *value, const char *text,
    const char *chosen)
{
	rs_buf_adds(b, "<option value=\"");
	rs_html_esc(b, value);
	rs_buf_addc(b, '"');
	if (strcmp(value, chosen) == 0)
		rs_buf_adds(b, " selected");
	rs_buf_addc(b, '>');
	rs_html_esc(b, text);
	rs_buf_adds(b, "</option>\n");
}

/* The types the office's catalog has, in the page's order. */
static void
type_select(struct rs_buf *b, const struct submission *s)
{
	char **types;
	size_t n, i, j;

	label(b, "tipo", NULL);
	hint(b, "ayuda-tipo", "Petición: pide algo a la oficina. Queja o "
	    "reclamo: algo no se hizo bien. Denuncia: una conducta irregular "
	    "(puede ser anónima). Solicitud de información: documentos o "
	    "datos públicos.");
	error_text(b, s, "tipo");
	rs_buf_adds(b, "<select id=\"tipo\" name=\"tipo\"");
	invalid_attrs(b, s, "tipo", "ayuda-tipo");
	rs_buf_adds(b, ">\n");
	option(b, "", "Elija el tipo", value_of(s, "tipo"));
	types = rs_db_types(db, &n);
	for (i = 0; rs_web_types[i]; i++)
		for (j = 0; j < n; j++)
			if (strcmp(types[j], rs_web_types[i]) == 0)
				option(b, rs_web_types[i],
				    strcmp(rs_web_types[i], "informacion") ?
				    rs_label(rs_web_types[i]) :
				    "Solicitud de información",
				    value_of(s, "tipo"));
	for (j = 0; j < n; j++)
		free(types[j]);
	free(types);
	rs_buf_adds(b, "</select>\n");
}

static void
salutation_select(struct rs_buf *b, const struct submission *s)
{
	label(b, "saludo", NULL);
	error_text(b, s, "saludo");
	rs_buf_adds(b, "<select id=\"saludo\" name=\"saludo\"");
	invalid_attrs(b, s, "saludo", NULL);
	rs_buf_adds(b, ">\n");
	option(b, "", "Sin trato", value_of(s, "saludo"));
	option(b, "senor", "Señor", value_of(s, "saludo"));
	option(b, "senora", "Señora", value_of(s, "saludo"));
	rs_buf_adds(b, "</select>\n");
}

/* The cookie the form's token is bound to (double submit). */
static void
form_nonce(struct submission *s)
{
	char *c = cookie("rs_csrf");

	if (rs_web_nonce_valid(c))
		memcpy(s->nonce, c, RS_NONCE_HEX + 1);
	else {
		rs_random_hex(s->nonce, RS_NONCE_HEX / 2);
		s->new_nonce = 1;
	}
	free(c);
}

static char *
nonce_cookie(const struct submission *s)
{
	struct rs_buf b = { 0 };
	const char *path = *base ? base : "/";

	if (!s->new_nonce)
		return NULL;
	/* HttpOnly: no script reads it; SameSite=Strict: another site's
	 * page cannot send it back */
	rs_buf_addf(&b, "Set-Cookie: rs_csrf=%s; Path=%s; HttpOnly; "
	    "SameSite=Strict%s\r\n", s->nonce, path,
	    strcmp(env("HTTPS"), "on") == 0 ? "; Secure" : "");
	return b.s;
}

static void
form_page(int status, const char *reason, struct submission *s)
{
	struct rs_buf b = { 0 };
	const struct rs_web_field *w;
	char token[RS_TOKEN_LEN], limit[160], *extra;
	const char *p;

	form_nonce(s);
	rs_web_token(db, s->nonce, now, token);
	page_begin(&b, "Radicar una petición, queja, reclamo, sugerencia o "
	    "denuncia");
	if (s->nproblems > 0) {
		rs_buf_addf(&b, "<div id=\"errores\" role=\"alert\" "
		    "tabindex=\"-1\">\n<h2>No pudimos radicar su solicitud: "
		    "revise %s</h2>\n<ul>\n", s->nproblems == 1 ?
		    "este dato" : "estos datos");
		/* in the order of the form */
		for (w = rs_web_fields; w->name; w++) {
			if ((p = problem_of(s, w->name)) == NULL)
				continue;
			rs_buf_addf(&b, "<li><a href=\"#%s\">", w->name);
			rs_html_esc(&b, w->label);
			rs_buf_adds(&b, "</a>: ");
			rs_html_esc(&b, p);
			rs_buf_adds(&b, "</li>\n");
		}
		rs_buf_adds(&b, "</ul>\n</div>\n");
	}
	rs_buf_adds(&b, "<p>Por esta página puede presentar una petición, "
	    "queja, reclamo, sugerencia, denuncia, felicitación o solicitud "
	    "de información (Ley 1755 de 2015; Ley 1474 de 2011, art. 76). "
	    "Le daremos un número de radicado y un código para consultar su "
	    "estado.</p>\n<form method=\"post\" action=\"");
	rs_html_esc(&b, base);
	/* novalidate: the office's rules, said next to each field, not
	 * the browser's own messages for an e-mail input */
	rs_buf_adds(&b, "/\" enctype=\"multipart/form-data\" novalidate>\n"
	    "<input type=\"hidden\" id=\"csrf\" name=\"csrf\" value=\"");
	rs_html_esc(&b, token);
	rs_buf_adds(&b, "\">\n");
	type_select(&b, s);
	checkbox(&b, s, "anonimo", "ayuda-anonimo", "Solo una queja, reclamo, "
	    "sugerencia, denuncia, felicitación o solicitud de información "
	    "puede ser anónima. Sin nombre ni datos de contacto no podremos "
	    "enviarle la respuesta: la publicaremos, y usted la consulta con "
	    "el radicado y el código.");
	rs_buf_adds(&b, "<fieldset>\n<legend>Sus datos</legend>\n");
	/* protocol 5.1: the name the person uses */
	text_input(&b, s, "nombre", "text", "name", " (el que usted usa)",
	    NULL, NULL);
	salutation_select(&b, s);
	text_input(&b, s, "documento", "text", NULL, " (opcional)",
	    NULL, NULL);
	rs_buf_adds(&b, "</fieldset>\n<fieldset>\n<legend>Cómo le "
	    "respondemos</legend>\n<p class=\"hint\">Escriba al menos un "
	    "dato: correo electrónico, teléfono o dirección postal.</p>\n");
	text_input(&b, s, "correo", "email", "email", NULL, NULL, NULL);
	checkbox(&b, s, "autoriza_correo", "ayuda-autoriza", "Con la "
	    "autorización le notificamos por correo electrónico (Ley 1437 de "
	    "2011, art. 56).");
	text_input(&b, s, "telefono", "tel", "tel", NULL, NULL, NULL);
	text_input(&b, s, "direccion", "text", "street-address", NULL, NULL,
	    NULL);
	rs_buf_adds(&b, "</fieldset>\n<fieldset>\n<legend>Su solicitud"
	    "</legend>\n");
	text_input(&b, s, "asunto", "text", NULL, NULL, NULL, NULL);
	label(&b, "texto", NULL);
	error_text(&b, s, "texto");
	rs_buf_adds(&b, "<textarea id=\"texto\" name=\"texto\" rows=\"10\"");
	invalid_attrs(&b, s, "texto", NULL);
	rs_buf_adds(&b, ">");
	rs_html_esc(&b, value_of(s, "texto"));
	rs_buf_adds(&b, "</textarea>\n");
	label(&b, "adjunto", " (opcional)");
	snprintf(limit, sizeof(limit), "Hasta %d archivos, en total a lo "
	    "sumo %zu MB. Si hubo un error en otro dato, vuelva a elegir los "
	    "archivos.", RS_WEB_FILES_MAX, rs_max_message(db) / 1000000);
	hint(&b, "ayuda-adjunto", limit);
	error_text(&b, s, "adjunto");
	rs_buf_adds(&b, "<input type=\"file\" id=\"adjunto\" name=\"adjunto\" "
	    "multiple");
	invalid_attrs(&b, s, "adjunto", "ayuda-adjunto");
	rs_buf_adds(&b, ">\n</fieldset>\n<button type=\"submit\" "
	    "id=\"enviar\">Radicar la solicitud</button>\n</form>\n");
	page_end(&b);
	extra = nonce_cookie(s);
	send_page(status, reason, extra, &b);
	free(extra);
	rs_buf_free(&b);
}

/* ---- the submission -------------------------------------------------------- */

/* The intake values of the form: the channel is the page's. */
static void
intake_values(const struct submission *s, char *v[F_NFIELDS])
{
	const struct rs_web_field *w;
	const char *x;

	memset(v, 0, F_NFIELDS * sizeof(*v));
	v[F_CHANNEL] = rs_strdup("web");
	for (w = rs_web_fields; w->name; w++) {
		if (w->field < 0 || (x = rs_form_get(&s->form, w->name)) == NULL)
			continue;
		if (w->field == F_ANONYMOUS)
			v[w->field] = rs_strdup(*x ? "1" : "0");
		else
			v[w->field] = rs_strdup(x);
	}
}

static void
free_values(char *v[F_NFIELDS])
{
	int f;

	for (f = 0; f < F_NFIELDS; f++)
		free(v[f]);
}

/* What stands in for a required value left empty, so that the rules
 * after it are checked too; never registered. */
static const char *
stand_in(int f)
{
	switch (f) {
	case F_NAME:
		return "Nombre";
	case F_EMAIL:
		return "nadie@example.invalid";
	case F_SUBJECT:
		return "Asunto";
	default:
		return NULL;
	}
}

/*
 * Every refusal of intake's rules, each next to its field: intake stops
 * at the first, so the value refused is set aside (a required one given
 * a stand-in) and the check runs again, until it passes.
 */
static void
check_intake(struct rs_intake *in, struct submission *s)
{
	struct rs_buf said = { 0 };
	char *v[F_NFIELDS], *copy[F_NFIELDS];
	const char *field, *reason, *team, *name, *si;
	int days, priority, f, round;

	intake_values(s, v);
	for (round = 0; round < 2 * F_NFIELDS; round++) {
		memcpy(copy, v, sizeof(copy));
		if ((reason = rs_intake_check(in, copy, &field, &days, &team,
		    &priority)) == NULL)
			break;
		f = rs_field_lookup(field);
		if ((name = web_name(f)) == NULL)
			name = "tipo";	/* a rule of a field the page lacks */
		add_problem(s, name, rs_intake_said(field, reason,
		    v[F_TYPE], &said));
		if (f < 0 || f == F_ANONYMOUS || f == F_TYPE)
			break;	/* the rest would follow from this one */
		si = stand_in(f);
		if (v[f] && *v[f] && !(si && strcmp(v[f], si) == 0)) {
			free(v[f]);
			v[f] = NULL;
		} else if (si && !(v[f] && strcmp(v[f], si) == 0)) {
			free(v[f]);
			v[f] = rs_strdup(si);
		} else
			break;
	}
	free_values(v);
	rs_buf_free(&said);
}

/* A time for people, "lunes 4 de marzo de 2024, 10:00", and for
 * machines in the datetime attribute. */
static void
time_text(struct rs_buf *b, const char *iso)
{
	char when[96];
	rs_time t;
	int secs;

	if (iso == NULL || rs_parse_datetime(iso, &t) == -1) {
		rs_html_esc(b, iso ? iso : "—");
		return;
	}
	rs_format_long_date(rs_local_day(t, &secs), when, sizeof(when));
	rs_buf_adds(b, "<time datetime=\"");
	rs_html_esc(b, iso);
	rs_buf_adds(b, "\">");
	rs_html_esc(b, when);
	rs_buf_addf(b, ", %02d:%02d</time>", secs / 3600, secs / 60 % 60);
}

static void
radicado_page(const char *const *row, const char *code, int anonymous,
    const struct submission *s)
{
	struct rs_buf b = { 0 };
	char when[96], day[RS_DATE_LEN];
	rs_day d;

	page_begin(&b, "Su solicitud quedó radicada");
	rs_buf_adds(&b, "<p>Guarde el número de radicado y el código de "
	    "consulta: con los dos puede consultar el estado de su solicitud "
	    "en esta página. El código no se puede recuperar: no lo "
	    "guardamos, y solo usted lo tiene.</p>\n<dl>\n"
	    "<dt>Número de radicado</dt>\n<dd id=\"radicado\">");
	rs_html_esc(&b, row[0]);
	rs_buf_adds(&b, "</dd>\n<dt>Código de consulta</dt>\n"
	    "<dd id=\"codigo\">");
	rs_html_esc(&b, code);
	rs_buf_adds(&b, "</dd>\n<dt>Recibida</dt>\n<dd id=\"recibida\">");
	time_text(&b, row[1]);
	rs_buf_adds(&b, "</dd>\n<dt>Fecha de radicación</dt>\n"
	    "<dd id=\"radicacion\">");
	if (rs_parse_date(row[2], &d) == 0) {
		rs_format_long_date(d, when, sizeof(when));
		rs_format_date(d, day);
		rs_buf_addf(&b, "<time datetime=\"%s\">", day);
		rs_html_esc(&b, when);
		rs_buf_adds(&b, "</time>");
	}
	rs_buf_adds(&b, "</dd>\n<dt>Fecha límite de respuesta</dt>\n"
	    "<dd id=\"vence\">");
	if (row[3] && *row[3] && rs_parse_date(row[3], &d) == 0) {
		rs_format_long_date(d, when, sizeof(when));
		rs_format_date(d, day);
		rs_buf_addf(&b, "<time datetime=\"%s\">", day);
		rs_html_esc(&b, when);
		rs_buf_adds(&b, "</time>");
	} else
		rs_buf_adds(&b, "Este tipo de solicitud no tiene plazo legal "
		    "de respuesta.");
	rs_buf_adds(&b, "</dd>\n</dl>\n<p>La fecha de radicación es el día "
	    "desde el cual se cuenta el plazo: una solicitud que llega "
	    "después de la hora de cierre, o en un día que no es hábil, queda "
	    "radicada el día hábil siguiente (Ley 1755 de 2015).</p>\n<p>");
	/* as rs-notify reaches the person (rs-intake -i says the same) */
	if (anonymous)
		rs_buf_adds(&b, "Su solicitud es anónima: publicaremos la "
		    "respuesta (Ley 1437 de 2011, art. 69), y usted la "
		    "consulta aquí con el radicado y el código.");
	else if (*value_of(s, "correo")) {
		rs_buf_adds(&b, "Le enviaremos un acuse de recibo y la "
		    "respuesta al correo ");
		rs_html_esc(&b, value_of(s, "correo"));
		rs_buf_adds(&b, ".");
	} else if (*value_of(s, "direccion")) {
		rs_buf_adds(&b, "Le enviaremos la respuesta por carta a la "
		    "dirección ");
		rs_html_esc(&b, value_of(s, "direccion"));
		rs_buf_adds(&b, ".");
	} else {
		rs_buf_adds(&b, "Le daremos la respuesta por teléfono al ");
		rs_html_esc(&b, value_of(s, "telefono"));
		rs_buf_adds(&b, ".");
	}
	rs_buf_adds(&b, "</p>\n<p><a href=\"");
	rs_html_esc(&b, base);
	rs_buf_adds(&b, "/consulta\">Consultar el estado de una solicitud"
	    "</a></p>\n");
	page_end(&b);
	send_page(200, "OK", NULL, &b);
	rs_buf_free(&b);
}

static void
csrf_refused(void)
{
	message_page(403, "Forbidden", "El formulario venció",
	    "El formulario venció o no se envió desde esta página. "
	    "Vuelva a cargar el formulario y envíelo otra vez.", NULL);
}

static void
submit(void)
{
	struct submission s = { 0 };
	struct rs_intake *in;
	const char *err, *field, *reason, **row, *why;
	char *body, *nonce, *v[F_NFIELDS], at[RS_DATETIME_LEN];
	char code[RS_CODE_LEN];
	size_t len, i;
	int64_t seq;

	if (too_many())
		return;
	/* without the form's cookie the form is refused unread */
	nonce = cookie("rs_csrf");
	if (!rs_web_nonce_valid(nonce)) {
		free(nonce);
		csrf_refused();
		return;
	}
	free(nonce);
	if ((body = read_body(rs_web_body_max(db), &len)) == NULL)
		return;
	if (rs_form_multipart(env("CONTENT_TYPE"), body, len,
	    RS_WEB_FIELDS_MAX, RS_WEB_FILES_MAX, &s.form, &err) == -1) {
		free(body);
		if (strcmp(err, "too many files") == 0) {
			char text[160];

			snprintf(text, sizeof(text), "Adjunte a lo sumo %d "
			    "archivos.", RS_WEB_FILES_MAX);
			message_page(413, "Content Too Large",
			    "Demasiados archivos", text, NULL);
		} else
			message_page(400, "Bad Request", "Formulario no válido",
			    "Lo que llegó no es el formulario de esta página; "
			    "vuelva a cargarlo y envíelo otra vez.", NULL);
		rs_form_free(&s.form);
		return;
	}
	free(body);
	nonce = cookie("rs_csrf");
	why = rs_web_token_check(db, nonce, rs_form_get(&s.form, "csrf"), now);
	free(nonce);
	if (why != NULL) {
		csrf_refused();
		rs_form_free(&s.form);
		return;
	}
	/* the same rules as every channel, then the page's own */
	in = rs_intake_new(db, now, actor);
	check_intake(in, &s);
	/* an anonymous request has no address: intake says so at it */
	if (!problem_of(&s, "correo") && !*value_of(&s, "anonimo") &&
	    (why = rs_web_consent(
	    rs_form_get(&s.form, "correo"),
	    rs_form_get(&s.form, "autoriza_correo"))) != NULL)
		add_problem(&s, "autoriza_correo", why);
	if (rs_documents_bound(db, s.form.files, s.form.nfiles) != NULL) {
		char text[200];

		snprintf(text, sizeof(text), "Los documentos ocupan más de "
		    "%zu MB en total; adjunte menos o más pequeños, o tráigalos "
		    "a la oficina.", rs_max_message(db) / 1000000);
		add_problem(&s, "adjunto", text);
	}
	if (s.nproblems > 0) {
		form_page(422, "Unprocessable Content", &s);
		goto done;
	}

	intake_values(&s, v);
	rs_intake_begin(in);
	if (rs_intake_one(in, v, &field, &reason, &row) == -1) {
		/* checked above: only the catalog changed meanwhile */
		struct rs_buf said = { 0 };

		rs_intake_rollback(in);
		add_problem(&s, web_name(rs_field_lookup(field)) ?
		    web_name(rs_field_lookup(field)) : "tipo",
		    rs_intake_said(field, reason, v[F_TYPE], &said));
		rs_buf_free(&said);
		free_values(v);
		form_page(422, "Unprocessable Content", &s);
		goto done;
	}
	seq = rs_request_seq(db, row[0]);
	rs_format_datetime(now, at);
	if (s.form.nfiles > 0)
		rs_documents_add(db, seq, at, actor, "attachment",
		    s.form.files, s.form.nfiles, NULL);
	rs_code_make(code);
	rs_code_keep(db, seq, row[0], code, at, "web");
	rs_intake_commit(in);
	radicado_page(row, code, strcmp(v[F_ANONYMOUS] ? v[F_ANONYMOUS] :
	    "0", "1") == 0, &s);
	free_values(v);
done:
	for (i = 0; i < s.nproblems; i++)
		free(s.problems[i].text);
	rs_intake_free(in);
	rs_form_free(&s.form);
}

/* ---- the lookup ------------------------------------------------------------ */

static void
lookup_form(int status, const char *reason, const char *radicado,
    int failed)
{
	struct rs_buf b = { 0 };

	page_begin(&b, "Consultar una solicitud");
	if (failed)
		rs_buf_adds(&b, "<div id=\"errores\" role=\"alert\" "
		    "tabindex=\"-1\">\n<p>No encontramos una solicitud con ese "
		    "número de radicado y ese código. Revise los dos datos como "
		    "aparecen en el acuse de recibo o en la página de radicación"
		    ".</p>\n</div>\n");
	rs_buf_adds(&b, "<p>Escriba el número de radicado y el código de "
	    "consulta que le dimos al radicar su solicitud (en la página de "
	    "radicación o en el acuse de recibo).</p>\n<form method=\"post\" "
	    "action=\"");
	rs_html_esc(&b, base);
	rs_buf_adds(&b, "/consulta\">\n<label for=\"radicado\">Número de "
	    "radicado</label>\n<p class=\"hint\" id=\"ayuda-radicado\">Por "
	    "ejemplo RS-2024-000123.</p>\n<input type=\"text\" "
	    "id=\"radicado\" name=\"radicado\"");
	if (failed)
		rs_buf_adds(&b, " aria-invalid=\"true\" aria-describedby=\""
		    "errores ayuda-radicado\"");
	else
		rs_buf_adds(&b, " aria-describedby=\"ayuda-radicado\"");
	rs_buf_adds(&b, " value=\"");
	rs_html_esc(&b, radicado ? radicado : "");
	rs_buf_adds(&b, "\">\n<label for=\"codigo\">Código de consulta"
	    "</label>\n<p class=\"hint\" id=\"ayuda-codigo\">Doce letras y "
	    "números, como ABCD-EFGH-JKMN.</p>\n<input type=\"text\" "
	    "id=\"codigo\" name=\"codigo\" autocomplete=\"off\"");
	if (failed)
		rs_buf_adds(&b, " aria-invalid=\"true\" aria-describedby=\""
		    "errores ayuda-codigo\"");
	else
		rs_buf_adds(&b, " aria-describedby=\"ayuda-codigo\"");
	rs_buf_adds(&b, " value=\"\">\n<button type=\"submit\" "
	    "id=\"consultar\">Consultar</button>\n</form>\n");
	page_end(&b);
	send_page(status, reason, NULL, &b);
	rs_buf_free(&b);
}

static void
date_dd(struct rs_buf *b, const char *id, const char *date)
{
	char when[96];
	rs_day d;

	rs_buf_addf(b, "<dd id=\"%s\">", id);
	if (date && rs_parse_date(date, &d) == 0) {
		rs_format_long_date(d, when, sizeof(when));
		rs_buf_addf(b, "<time datetime=\"%.10s\">", date);
		rs_html_esc(b, when);
		rs_buf_adds(b, "</time>");
	} else
		rs_buf_adds(b, "—");
	rs_buf_adds(b, "</dd>\n");
}

/* A link to an answer's document: the radicado and code go with it. */
static void
document_link(struct rs_buf *b, const char *id, const char *code, size_t n,
    const char *name)
{
	const char *p;

	rs_buf_adds(b, "<li><a href=\"");
	rs_html_esc(b, base);
	rs_buf_adds(b, "/documento?radicado=");
	for (p = id; *p; p++)	/* a radicado is [A-Z0-9-] */
		rs_buf_addc(b, *p);
	rs_buf_adds(b, "&amp;codigo=");
	for (p = code; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			rs_buf_addc(b, *p);
	rs_buf_addf(b, "&amp;n=%zu\">", n);
	rs_html_esc(b, name);
	rs_buf_adds(b, "</a></li>\n");
}

static void
status_page(int64_t seq, const char *code)
{
	struct rs_buf b = { 0 };
	struct rs_status st;
	struct rs_attachment *docs;
	size_t i, ndocs;

	rs_web_status(db, seq, &st);
	page_begin(&b, "Estado de su solicitud");
	rs_buf_adds(&b, "<dl>\n<dt>Número de radicado</dt>\n<dd id=\""
	    "radicado\">");
	rs_html_esc(&b, st.id);
	rs_buf_adds(&b, "</dd>\n<dt>Tipo</dt>\n<dd>");
	rs_html_esc(&b, rs_label(st.type ? st.type : ""));
	rs_buf_adds(&b, "</dd>\n<dt>Estado</dt>\n<dd id=\"estado\">");
	rs_html_esc(&b, rs_label(st.status ? st.status : ""));
	rs_buf_adds(&b, "</dd>\n<dt>Fecha de radicación</dt>\n");
	date_dd(&b, "radicacion", st.effective_on);
	rs_buf_adds(&b, "<dt>Fecha límite de respuesta</dt>\n");
	date_dd(&b, "vence", st.due_on);
	if (st.status && strcmp(st.status, "en_espera") == 0) {
		rs_buf_adds(&b, "<dt>Esperamos información suya desde</dt>\n");
		date_dd(&b, "en-espera", st.held_on);
		if (st.hold_limit) {
			rs_buf_adds(&b, "<dt>Tiene plazo para enviarla hasta"
			    "</dt>\n");
			date_dd(&b, "plazo-peticionario", st.hold_limit);
		}
	}
	if (st.forwarded_to) {
		rs_buf_adds(&b, "<dt>Trasladada a</dt>\n<dd id=\"traslado\">");
		rs_html_esc(&b, st.forwarded_to);
		rs_buf_adds(&b, "</dd>\n");
	}
	rs_buf_adds(&b, "</dl>\n<h2>Lo que ha pasado</h2>\n<ol id=\"pasos\">\n");
	for (i = 0; i < st.nsteps; i++) {
		rs_buf_adds(&b, "<li>");
		time_text(&b, st.steps[i].at);
		rs_buf_adds(&b, ": ");
		rs_html_esc(&b, st.steps[i].what);
		rs_buf_adds(&b, "</li>\n");
	}
	rs_buf_adds(&b, "</ol>\n");
	if (st.answer) {
		rs_buf_adds(&b, "<h2>La respuesta</h2>\n<div id=\"respuesta\">"
		    "\n<p>Respondida el ");
		time_text(&b, st.answered_at);
		rs_buf_adds(&b, ".</p>\n<p>");
		rs_html_esc(&b, st.answer);
		rs_buf_adds(&b, "</p>\n");
		if (st.why) {
			rs_buf_adds(&b, "<p>Por qué: ");
			rs_html_esc(&b, st.why);
			rs_buf_adds(&b, "</p>\n");
		}
		if (st.will_do) {
			rs_buf_adds(&b, "<p>Lo que vamos a hacer: ");
			rs_html_esc(&b, st.will_do);
			rs_buf_adds(&b, "</p>\n");
		}
		if (st.can_do) {
			rs_buf_adds(&b, "<p>Lo que usted puede hacer: ");
			rs_html_esc(&b, st.can_do);
			rs_buf_adds(&b, "</p>\n");
		}
		docs = rs_documents_load(db, seq, "answer", &ndocs);
		if (ndocs > 0) {
			rs_buf_adds(&b, "<h3>Documentos de la respuesta</h3>\n"
			    "<ul id=\"documentos\">\n");
			for (i = 0; i < ndocs; i++)
				document_link(&b, st.id, code, i + 1,
				    docs[i].name);
			rs_buf_adds(&b, "</ul>\n");
		}
		rs_documents_free(docs, ndocs);
		rs_buf_adds(&b, "</div>\n");
	}
	page_end(&b);
	send_page(200, "OK", NULL, &b);
	rs_buf_free(&b);
	rs_status_free(&st);
}

static void
lookup(void)
{
	struct rs_form f = { 0 };
	const char *err, *ct = env("CONTENT_TYPE");
	char *body;
	size_t len;
	int64_t seq;

	if (too_many())
		return;
	if ((body = read_body(RS_WEB_TEXT_MAX, &len)) == NULL)
		return;
	if (strncmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
	    rs_form_decode(body, len, RS_WEB_FIELDS_MAX, &f, &err) == -1) {
		free(body);
		rs_form_free(&f);
		message_page(400, "Bad Request", "Formulario no válido",
		    "Lo que llegó no es el formulario de esta página; vuelva "
		    "a cargarlo y envíelo otra vez.", NULL);
		return;
	}
	free(body);
	seq = rs_code_check(db, rs_form_get(&f, "radicado"),
	    rs_form_get(&f, "codigo"));
	if (seq == 0)
		lookup_form(404, "Not Found", rs_form_get(&f, "radicado"), 1);
	else
		status_page(seq, rs_form_get(&f, "codigo"));
	rs_form_free(&f);
}

/* An answer's document, only with its request's radicado and code. */
static void
document(void)
{
	struct rs_form f = { 0 };
	struct rs_attachment *docs;
	const char *err, *n, *p;
	size_t ndocs = 0, k = 0;
	int64_t seq = 0;
	const char *type;

	if (too_many())
		return;
	if (rs_form_decode(env("QUERY_STRING"), strlen(env("QUERY_STRING")),
	    RS_WEB_FIELDS_MAX, &f, &err) == 0)
		seq = rs_code_check(db, rs_form_get(&f, "radicado"),
		    rs_form_get(&f, "codigo"));
	n = rs_form_get(&f, "n");
	if (seq != 0 && n && rs_all_digits(n) && strlen(n) < 6)
		k = (size_t)atoi(n);
	docs = seq ? rs_documents_load(db, seq, "answer", &ndocs) : NULL;
	if (k < 1 || k > ndocs) {
		rs_documents_free(docs, ndocs);
		rs_form_free(&f);
		message_page(404, "Not Found", "Documento no encontrado",
		    "No encontramos ese documento con ese radicado y ese "
		    "código.", NULL);
		return;
	}
	/* a download, never a page of this site: a type no browser runs,
	 * and no guessing of another */
	type = docs[k - 1].type;
	if (strcmp(type, "application/pdf") != 0 &&
	    strcmp(type, "image/png") != 0 && strcmp(type, "image/jpeg") != 0)
		type = "application/octet-stream";
	printf("Status: 200 OK\r\nContent-Type: %s\r\n", type);
	printf("Content-Disposition: attachment; filename=\"");
	for (p = docs[k - 1].name; *p; p++)
		putchar((unsigned char)*p < 0x80 && *p != '"' && *p != '\\' &&
		    (unsigned char)*p >= 0x20 ? *p : '_');
	printf("\"; filename*=UTF-8''");
	for (p = docs[k - 1].name; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			putchar(*p);
		else
			printf("%%%02X", (unsigned char)*p);
	printf("\r\nContent-Security-Policy: default-src 'none'; sandbox\r\n");
	security_headers();
	printf("Content-Length: %zu\r\n\r\n", docs[k - 1].len);
	fwrite(docs[k - 1].data, 1, docs[k - 1].len, stdout);
	rs_stdout_close();
	rs_documents_free(docs, ndocs);
	rs_form_free(&f);
}

int
main(int argc, char *argv[])
{
	const char *dbopt = NULL, *method, *path;
	struct submission s = { 0 };
	int ch;

	rs_setprogname(argv[0]);
	rs_signals();
	while ((ch = getopt(argc, argv, "d:hV")) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			rs_stdout_close();
			return 0;
		case 'V':
			printf("rs-web %s\n", RS_VERSION);
			rs_stdout_close();
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	method = env("REQUEST_METHOD");
	if (*method == '\0')
		rs_die(EX_USAGE, "REQUEST_METHOD: not set; rs-web runs as a "
		    "CGI program of a web server (rs-web(1))");
	actor = rs_actor(NULL);
	if (rs_has_controls(actor, 0) || strlen(actor) > 64)
		rs_die(EX_USAGE, "RS_USER: expected a user name; got \"%s\"",
		    actor);
	base = env("SCRIPT_NAME");
	if (strcmp(base, "/") == 0 || strpbrk(base, "\"'<>;, ") != NULL ||
	    rs_has_controls(base, 0))
		base = "";
	path = env("PATH_INFO");

	on_exit(failed, NULL);
	db = rs_db_open(rs_db_path(dbopt), RS_DB_WRITE);
	rs_db_zone(db);
	now = rs_now();
	office = rs_setting(db, "office_name");

	if (strcmp(path, "") == 0 || strcmp(path, "/") == 0) {
		if (strcmp(method, "POST") == 0)
			submit();
		else if (strcmp(method, "GET") == 0 ||
		    strcmp(method, "HEAD") == 0)
			form_page(200, "OK", &s);
		else
			message_page(405, "Method Not Allowed", "Método no "
			    "permitido", "Esta página solo se lee o se envía "
			    "desde su formulario.", "Allow: GET, HEAD, "
			    "POST\r\n");
	} else if (strcmp(path, "/consulta") == 0) {
		if (strcmp(method, "POST") == 0)
			lookup();
		else if (strcmp(method, "GET") == 0 ||
		    strcmp(method, "HEAD") == 0)
			lookup_form(200, "OK", NULL, 0);
		else
			message_page(405, "Method Not Allowed", "Método no "
			    "permitido", "Esta página solo se lee o se envía "
			    "desde su formulario.", "Allow: GET, HEAD, "
			    "POST\r\n");
	} else if (strcmp(path, "/documento") == 0 &&
	    (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0))
		document();
	else
		message_page(404, "Not Found", "Página no encontrada",
		    "Esta página no existe.", NULL);
	free(office);
	rs_db_close(db);
	return 0;
}
