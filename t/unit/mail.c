/*
 * t/unit/mail.c - header and address checks, composing and parsing
 * messages with GMime, mbox and Maildir delivery, sendmail (DESIGN §7).
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rs.h"
#include "tap.h"

static char	fixtures[1024] = "t/mail";

static rs_time
T(const char *s)
{
	rs_time	t;

	if (rs_parse_datetime(s, &t) == -1) {
		printf("Bail out! bad date in test: %s\n", s);
		exit(2);
	}
	return t;
}

/* The whole of a file, or NULL. */
static char *
slurp(const char *path)
{
	struct rs_buf	 b = { 0 };
	char		 chunk[4096];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		rs_buf_add(&b, chunk, n);
	fclose(fp);
	rs_buf_addc(&b, '\0');
	return b.s;
}

static void
spew(const char *path, const char *text, mode_t mode)
{
	FILE	*fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) == EOF || chmod(path, mode) == -1) {
		printf("Bail out! cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

/* s without its trailing newlines (a copy). */
static char *
chomp(const char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		n--;
	return rs_strndup(s, n);
}

static int
parse_text(const char *text, struct rs_mail_in *mi, const char **err)
{
	FILE	*fp;
	int	 rc;

	if ((fp = fmemopen((void *)text, strlen(text), "r")) == NULL) {
		printf("Bail out! fmemopen: %s\n", strerror(errno));
		exit(2);
	}
	rc = rs_mail_parse(fp, mi, err);
	fclose(fp);
	return rc;
}

static int
parse_fixture(const char *name, struct rs_mail_in *mi, const char **err)
{
	char	path[2048];
	FILE	*fp;
	int	 rc;

	snprintf(path, sizeof(path), "%s/%s", fixtures, name);
	if ((fp = fopen(path, "r")) == NULL) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(2);
	}
	*err = NULL;
	rc = rs_mail_parse(fp, mi, err);
	fclose(fp);
	return rc;
}

static void
test_header_check(void)
{
	is_str(rs_header_check("Ana Pérez"), NULL, "plain text is a safe value");
	is_str(rs_header_check(NULL), NULL, "no value is safe");
	is_str(rs_header_check("Ana\r\nBcc: x@y"),
	    "header value contains a line break", "CRLF injection refused");
	is_str(rs_header_check("Ana\nBcc: x@y"),
	    "header value contains a line break", "LF injection refused");
	is_str(rs_header_check("Ana\rBcc: x@y"),
	    "header value contains a line break", "bare CR refused");
	is_str(rs_header_check("a\tb"),
	    "header value contains a control character", "tab refused");
	is_str(rs_header_check("a\x1b[31mb"),
	    "header value contains a control character", "escape refused");
	is_str(rs_header_check("a\x7f"),
	    "header value contains a control character", "DEL refused");
	ok(rs_header_check("Pe\xf1" "a") != NULL, "Latin-1 bytes refused");
}

static void
test_address_check(void)
{
	static const char *const good[] = {
		"ana@x.co", "ana.perez+pqrs@alcaldia.example.gov.co",
		"o'brien@example.com", "A_B-c@sub.example.org",
	};
	static const char *const bad[] = {
		"", "ana", "ana@", "@x.co", "a@@x.co", "a@b@x.co",
		"ana@localhost", "ana@.x.co", "ana@x.co.", "ana@x..co",
		"añá@x.co", "<ana@x.co>", "Ana <ana@x.co>", "a,b@x.co",
		"a;b@x.co", "\"a\"@x.co", "a(b)@x.co", "ana@x.co\t",
		"--ana@x.co", "ana@x.co\r\nBcc: y@z.co",
	};
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		is_str(rs_address_check(good[i]), NULL, "good address %s",
		    good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(rs_address_check(bad[i]) != NULL, "bad address #%zu", i);
	ok(rs_address_check(NULL) != NULL, "no address is bad");
	is_str(rs_address_check("Ana\r\nBcc: x@y"),
	    "address contains a control character", "header injection");
	is_str(rs_address_check("-oQ/tmp/x@y"), "address starts with \"-\"",
	    "sendmail option injection");
	is_str(rs_address_check("a@b c@d"), "address contains white space",
	    "two addresses in one");
	is_str(rs_address_check("ana@x.co\n"),
	    "address contains a control character", "trailing newline");
	is_str(rs_address_check("ana@localhost"), "address domain has no dot",
	    "domain without a dot");
	is_str(rs_address_check("a@b@x.co"), "address has more than one \"@\"",
	    "two @");
}

static const char *
make_subject(void)
{
	static char	buf[1024];
	const char	*pat = "Radicación RS-2024-000123: señora Muñoz, "
	    "su petición 😀 fue atendida ✅ — ¡gracias! ";
	size_t		 n = 0, chars = 0, k;

	/* 200 characters, cut on a character boundary. */
	while (chars < 200) {
		for (k = 0; pat[k] != '\0' && chars < 200;) {
			do
				buf[n++] = pat[k++];
			while (((unsigned char)pat[k] & 0xc0) == 0x80);
			chars++;
		}
	}
	buf[n] = '\0';
	return buf;
}

static const char *
make_body(void)
{
	static char	buf[4096];
	size_t		n;
	int		i;

	n = (size_t)snprintf(buf, sizeof(buf),
	    "Señora Peña:\n\nSu petición fue radicada con el número "
	    "RS-2024-000123 el martes 13 de agosto de 2024.\n\n");
	for (i = 0; i < 12; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
		    "línea larga número %d con acentos áéíóú y eñes; ", i);
	snprintf(buf + n, sizeof(buf) - n, "\nFrom the desk of the office, "
	    "ñandú.\n>From quoted\nespacio al final   \n=3D no es QP\n"
	    "Línea final: ¿¡ÁÉÍÓÚ ü!?\n");
	return buf;
}

/* The headers of a message, up to the blank line, as a copy. */
static char *
header_part(const char *msg)
{
	const char	*e = strstr(msg, "\n\n");

	return rs_strndup(msg, e != NULL ? (size_t)(e - msg) + 1 : 0);
}

static int
all_7bit(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static size_t
longest_line(const char *s)
{
	size_t	n = 0, max = 0;

	for (; *s; s++) {
		if (*s == '\n')
			n = 0;
		else if (++n > max)
			max = n;
	}
	return max;
}

static void
test_compose(void)
{
	struct rs_message m;
	struct rs_mail_in mi;
	const char	*err, *body;
	char		*msg, *h, *a, *b;

	memset(&m, 0, sizeof(m));
	m.from = "pqrsd@alcaldia.example.gov.co";
	m.from_name = "Alcaldía de Ejemplo — Atención al Ciudadano";
	m.to = "jose.pena@example.co";
	m.to_name = "José Peña Muñoz";
	m.subject = make_subject();
	m.message_id = "RS-2024-000123.acuse@alcaldia.example.gov.co";
	m.headers = "Reply-To: pqrsd@alcaldia.example.gov.co\n"
	    "Keywords: RS-2024-000123\nOrganization: Secretaría de Gobierno\n";
	m.body = body = make_body();
	m.date = T("2024-08-13T16:45:00-05:00");
	is_int((long long)rs_utf8_width(m.subject), 200,
	    "the subject has 200 characters");

	msg = rs_message_compose(&m, &err);
	if (!ok(msg != NULL, "compose a notice")) {
		printf("# %s\n", err);
		return;
	}
	h = header_part(msg);
	ok(all_7bit(h), "headers have no raw 8-bit bytes");
	ok(all_7bit(msg), "the whole message is 7-bit");
	ok(strstr(h, "\nSubject: =?") != NULL || strncmp(h, "Subject: =?", 11)
	    == 0, "the subject is an encoded-word");
	ok(strstr(h, "=?UTF-8?") != NULL || strstr(h, "=?utf-8?") != NULL,
	    "encoded-words in UTF-8");
	ok(strstr(h, "Date: Tue, 13 Aug 2024 16:45:00 -0500\n") != NULL,
	    "Date in the office zone");
	ok(strstr(h, "Message-Id: <RS-2024-000123.acuse@alcaldia.example.gov.co>"
	    "\n") != NULL, "Message-ID as given");
	ok(strstr(h, "MIME-Version: 1.0\n") != NULL, "MIME-Version");
	ok(strstr(h, "Content-Type: text/plain; charset=utf-8\n") != NULL,
	    "text/plain in UTF-8");
	ok(strstr(h, "Content-Transfer-Encoding: quoted-printable\n") != NULL,
	    "quoted-printable");
	ok(strstr(h, "Keywords: RS-2024-000123\n") != NULL, "extra header");
	ok(strstr(h, "<jose.pena@example.co>") != NULL, "To address");
	ok(strstr(h, "<pqrsd@alcaldia.example.gov.co>") != NULL, "From address");
	ok(strstr(msg, "Se=C3=B1ora Pe=C3=B1a:") != NULL,
	    "body encoded as UTF-8 quoted-printable");
	ok(strstr(msg, "\r") == NULL, "LF line ends");
	ok(longest_line(msg) <= 78, "no line longer than 78 (%zu)",
	    longest_line(msg));
	free(h);

	memset(&mi, 0, sizeof(mi));
	if (!ok(parse_text(msg, &mi, &err) == 0, "parse it back")) {
		printf("# %s\n", err);
		free(msg);
		return;
	}
	is_str(mi.from_name, m.from_name, "from name round trip");
	is_str(mi.from_addr, m.from, "from address round trip");
	is_str(mi.subject, m.subject, "200-character subject round trip");
	is_str(mi.message_id, m.message_id, "message-id round trip");
	a = chomp(mi.body);
	b = chomp(body);
	is_str(a, b, "body round trip");
	free(a);
	free(b);
	ok(mi.has_time, "a time was found");
	is_int(mi.received, m.date, "Date: round trip");
	is_str(mi.attachments, NULL, "no attachments");
	rs_mail_free(&mi);
	free(msg);

	/* The display name the task names, as the From of a message. */
	m.from_name = "José Peña Muñoz";
	m.headers = NULL;
	msg = rs_message_compose(&m, &err);
	ok(msg != NULL && parse_text(msg, &mi, &err) == 0,
	    "compose and parse with an accented sender");
	is_str(mi.from_name, "José Peña Muñoz", "accented sender round trip");
	rs_mail_free(&mi);
	free(msg);

	/* A display name with specials must be quoted, not split. */
	m.from_name = "Peña, José \"Pepe\" (oficina)";
	msg = rs_message_compose(&m, &err);
	ok(msg != NULL && parse_text(msg, &mi, &err) == 0,
	    "compose and parse a name with specials");
	is_str(mi.from_name, m.from_name, "name with specials round trip");
	is_str(mi.from_addr, m.from, "address beside it");
	rs_mail_free(&mi);
	free(msg);
}

/* The text of one encoded-word "=?UTF-8?X?...?=" of n bytes, or NULL. */
static char *
ew_decode(const char *w, size_t n)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct rs_buf	 b = { 0 };
	const char	*p, *e = w + n - 2, *c;
	unsigned long	 v = 0;
	int		 bits = 0, hex;

	if (n < 12 || strncasecmp(w, "=?UTF-8?", 8) != 0 || w[9] != '?')
		return NULL;
	for (p = w + 10; p < e; p++)
		if (w[8] == 'B' || w[8] == 'b') {
			if (*p == '=')
				break;
			if ((c = strchr(abc, *p)) == NULL)
				goto bad;
			v = v << 6 | (unsigned long)(c - abc);
			if ((bits += 6) >= 8) {
				bits -= 8;
				rs_buf_addc(&b, (int)(v >> bits & 0xff));
			}
		} else if (*p == '_')
			rs_buf_addc(&b, ' ');
		else if (*p == '=' && p + 2 < e &&
		    sscanf(p + 1, "%2x", (unsigned *)&hex) == 1) {
			rs_buf_addc(&b, hex);
			p += 2;
		} else
			rs_buf_addc(&b, *p);
	rs_buf_addc(&b, '\0');
	return b.s;
bad:
	rs_buf_free(&b);
	return NULL;
}

/*
 * Every encoded-word of the headers h at most 75 characters and whole
 * UTF-8 characters; every line holding one at most 76; returns how many
 * words, or -1 and says which broke the rule.
 */
static int
ew_check(const char *h)
{
	const char	*p, *q, *line, *nl;
	char		*text;
	int		 n = 0;

	for (line = h; *line; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		if (strstr(line, "=?") != NULL && strstr(line, "=?") < nl &&
		    nl - line > 76) {
			printf("# line of %d: %.*s\n", (int)(nl - line),
			    (int)(nl - line), line);
			return -1;
		}
		if (*nl == '\0')
			break;
	}
	for (p = h; (p = strstr(p, "=?")) != NULL; p = q + 2) {
		if ((q = strstr(p + 10, "?=")) == NULL)
			return -1;
		if (q + 2 - p > 75) {
			printf("# encoded-word of %d\n", (int)(q + 2 - p));
			return -1;
		}
		text = ew_decode(p, (size_t)(q + 2 - p));
		if (text == NULL ||
		    rs_utf8_invalid(text, strlen(text)) != strlen(text)) {
			printf("# not whole characters: %.*s\n",
			    (int)(q + 2 - p), p);
			free(text);
			return -1;
		}
		free(text);
		n++;
	}
	return n;
}

/* Names and subjects without spaces: RFC 2047 words of 75 at most,
 * never cut inside a character, and GMime reads back the same text. */
static void
test_encoded_words(void)
{
	static const char *const texts[] = {
		"ÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñezÁnaMaríaPéñaÑúñez",
		"🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳",
		"Poda🌳delárbolcaídofrentealacasanúmero12delaveredaLaFuente,quebloquealavía🚧yponeenriesgoalosniños👧🏽quepasanhacialaescuela;pedimosatenciónpronta,gracias✅señora🙏!!",
		"unapalabraasciisinespaciosdemasdesetentaycincocaracteresquenocabeenunalineadecorreo",
		"Peña =?UTF-8?B?QmNjOiB4QHkuY28=?= de la vereda",
		"Acuse de recibo RS-2024-000001: ñ",
		"José Peña",
	};
	struct rs_message m;
	struct rs_mail_in mi;
	const char	*err;
	char		*msg, *h, comments[512];
	size_t		 i;
	int		 n;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		memset(&m, 0, sizeof(m));
		m.from = "pqrsd@alcaldia.example.gov.co";
		m.from_name = texts[i];
		m.to = "ana@example.co";
		m.to_name = texts[i];
		m.subject = texts[i];
		m.message_id = "x.1@alcaldia.example.gov.co";
		snprintf(comments, sizeof(comments), "Comments: %s\n",
		    texts[i]);
		m.headers = comments;
		m.body = "Hola\n";
		m.date = T("2024-08-13T09:00");
		msg = rs_message_compose(&m, &err);
		if (!ok(msg != NULL, "compose with text %zu", i)) {
			printf("# %s\n", err);
			continue;
		}
		h = header_part(msg);
		n = ew_check(h);
		ok(n > 0, "text %zu: encoded-words of 75 at most, whole "
		    "characters, lines of 76 at most", i);
		ok(longest_line(h) <= 78, "text %zu: header lines of 78 at "
		    "most (%zu)", i, longest_line(h));
		memset(&mi, 0, sizeof(mi));
		if (ok(parse_text(msg, &mi, &err) == 0, "text %zu: parsed "
		    "back", i)) {
			is_str(mi.subject, texts[i], "text %zu: subject", i);
			is_str(mi.from_name, texts[i], "text %zu: name", i);
			rs_mail_free(&mi);
		}
		free(h);
		free(msg);
	}
	/* the same for a template's own text header */
	memset(&m, 0, sizeof(m));
	m.from = "pqrsd@alcaldia.example.gov.co";
	m.to = "ana@example.co";
	m.subject = "x";
	m.message_id = "x.1@alcaldia.example.gov.co";
	m.headers = "Organization: AlcaldíaMunicipaldeSopóCundinamarcaSecretaríadeGobiernoyParticipaciónCiudadana\n";
	m.body = "Hola\n";
	m.date = T("2024-08-13T09:00");
	msg = rs_message_compose(&m, &err);
	h = msg != NULL ? header_part(msg) : NULL;
	ok(h != NULL && ew_check(h) > 1, "a template's header in words "
	    "of 75 at most");
	free(h);
	free(msg);
}

static void
test_compose_refused(void)
{
	static const struct {
		const char	*what;
		const char	*field;
		const char	*value;
		const char	*err;
	} t[] = {
		{ "subject injection", "subject", "Hola\r\nBcc: x@y.co",
		  "subject: header value contains a line break" },
		{ "to name injection", "to_name", "Ana\r\nBcc: x@y",
		  "to name: header value contains a line break" },
		{ "from name control", "from_name", "Ana\x07",
		  "from name: header value contains a control character" },
		{ "bad recipient", "to", "a@b c@d",
		  "to: address contains white space" },
		{ "option as recipient", "to", "-oQ/tmp/x@y",
		  "to: address starts with \"-\"" },
		{ "bad sender", "from", "ana@x.co\n",
		  "from: address contains a control character" },
		{ "message-id with <>", "message_id", "<a@b.co>",
		  "message-id: contains \"<\", \">\" or white space" },
		{ "message-id with space", "message_id", "a b@c.co",
		  "message-id: contains \"<\", \">\" or white space" },
		{ "no message-id", "message_id", NULL, "message-id: missing" },
		{ "header value injection", "headers",
		  "Keywords: 1\rBcc: x@y.co\n",
		  "Keywords: header value contains a line break" },
		{ "header override", "headers", "Subject: otro\n",
		  "Subject: header is set by rs, not by a template" },
		{ "content override", "headers", "content-type: text/html\n",
		  "content-type: header is set by rs, not by a template" },
		{ "a Bcc", "headers", "Bcc: espia@x.co\n",
		  "Bcc: not a header a template may set" },
		{ "a Cc", "headers", "Keywords: a\ncc: espia@x.co\n",
		  "cc: not a header a template may set" },
		{ "a Received", "headers", "Received: from x by y\n",
		  "Received: not a header a template may set" },
		{ "bad header name", "headers", "X Radicado: 1\n",
		  "X Radicado: not a valid header name" },
		{ "header without colon", "headers", "Keywords 1\n",
		  "Keywords 1: header line has no colon" },
		{ "body not UTF-8", "body", "Pe\xf1" "a\n",
		  "body: not valid UTF-8" },
	};
	struct rs_message m;
	const char	*err;
	char		*msg;
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&m, 0, sizeof(m));
		m.from = "pqrsd@alcaldia.example.gov.co";
		m.to = "ana@example.co";
		m.subject = "Acuse";
		m.message_id = "x.1@alcaldia.example.gov.co";
		m.body = "Hola\n";
		m.date = T("2024-08-13T09:00");
		if (strcmp(t[i].field, "subject") == 0)
			m.subject = t[i].value;
		else if (strcmp(t[i].field, "to_name") == 0)
			m.to_name = t[i].value;
		else if (strcmp(t[i].field, "from_name") == 0)
			m.from_name = t[i].value;
		else if (strcmp(t[i].field, "to") == 0)
			m.to = t[i].value;
		else if (strcmp(t[i].field, "from") == 0)
			m.from = t[i].value;
		else if (strcmp(t[i].field, "message_id") == 0)
			m.message_id = t[i].value;
		else if (strcmp(t[i].field, "headers") == 0)
			m.headers = t[i].value;
		else
			m.body = t[i].value;
		err = NULL;
		msg = rs_message_compose(&m, &err);
		ok(msg == NULL, "refused: %s", t[i].what);
		is_str(err, t[i].err, "reason: %s", t[i].what);
		free(msg);
	}
}

static void
test_mbox(void)
{
	const char	*msg = "From: a@b.co\nSubject: x\n\nFrom here\n"
	    ">From there\n>>From far\nFrom: no space after From\n"
	    "not From at start\nFromage\nlast line";
	const char	*want = "From rs@x.co Tue Aug 13 21:45:00 2024\n"
	    "From: a@b.co\nSubject: x\n\n>From here\n>>From there\n"
	    ">>>From far\nFrom: no space after From\nnot From at start\n"
	    "Fromage\nlast line\n\n";
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL) {
		printf("Bail out! open_memstream: %s\n", strerror(errno));
		exit(2);
	}
	is_int(rs_mbox_write(fp, "rs@x.co", T("2024-08-13T16:45:00-05:00"),
	    msg), 0, "mbox write");
	is_int(rs_mbox_write(fp, "bad address", T("2024-08-03T00:00:00Z"),
	    "Subject: y\n\nFrom me\n"), 0, "second message");
	fclose(fp);
	ok(strncmp(buf, want, strlen(want)) == 0,
	    "From line in UTC, ^>*From quoted, blank line after");
	is_str(buf + strlen(want), "From MAILER-DAEMON Sat Aug  3 00:00:00 2024\n"
	    "Subject: y\n\n>From me\n\n",
	    "a bad envelope sender becomes MAILER-DAEMON; day padded");
	free(buf);

	/* A write error is reported. */
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		setvbuf(fp, NULL, _IONBF, 0);
		is_int(rs_mbox_write(fp, "rs@x.co", 0, "Subject: z\n\nz\n"), -1,
		    "write error on /dev/full");
		fclose(fp);
	} else
		skip("no /dev/full");
}

static void
test_maildir(void)
{
	char		 dir[] = "/tmp/rs-mail-maildir.XXXXXX";
	char		 sub[1024], missing[1100], link[1100], want[2300];
	char		*p1 = NULL, *p2 = NULL, *got;
	const char	*msg = "From: a@b.co\nSubject: x\n\nHola\n";
	struct rs_buf	 why = { 0 };
	struct stat	 st;
	size_t		 n;
	int		 status = -1;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(2);
	}
	is_int(rs_maildir_deliver(dir, msg, &p1, &why, &status), 0,
	    "maildir delivery");
	snprintf(sub, sizeof(sub), "%s/new/", dir);
	n = strlen(sub);
	ok(p1 != NULL && strncmp(p1, sub, n) == 0 &&
	    strchr(p1 + n, '/') == NULL, "lands in new/");
	got = p1 != NULL ? slurp(p1) : NULL;
	is_str(got, msg, "the file is the message");
	free(got);
	ok(p1 != NULL && stat(p1, &st) == 0 && (st.st_mode & 077) == 0,
	    "readable by its owner only");
	snprintf(sub, sizeof(sub), "%s/cur", dir);
	ok(stat(sub, &st) == 0 && S_ISDIR(st.st_mode), "cur/ made");
	snprintf(sub, sizeof(sub), "%s/tmp", dir);
	ok(rmdir(sub) == 0, "tmp/ left empty");
	is_int(rs_maildir_deliver(dir, msg, &p2, &why, &status), 0,
	    "second delivery");
	ok(p1 != NULL && p2 != NULL && strcmp(p1, p2) != 0, "unique names");

	snprintf(missing, sizeof(missing), "%s/no/such", dir);
	is_int(rs_maildir_deliver(missing, msg, &got, &why, &status), -1,
	    "a missing directory fails");
	snprintf(want, sizeof(want), "%s: No such file or directory",
	    missing);
	is_str(rs_buf_str(&why), want, "… saying so");
	is_int(status, 73, "… with status 73");

	/* the Maildir, or its new/, as a link to elsewhere: refused */
	snprintf(link, sizeof(link), "%s/link", dir);
	if (symlink(dir, link) == -1) {
		printf("Bail out! symlink: %s\n", strerror(errno));
		exit(2);
	}
	is_int(rs_maildir_deliver(link, msg, &got, &why, &status), -1,
	    "a Maildir that is a symbolic link is refused");
	snprintf(want, sizeof(want), "%s: is a symbolic link; refused", link);
	is_str(rs_buf_str(&why), want, "… saying so");
	is_int(status, 77, "… with status 77");
	unlink(link);
	snprintf(sub, sizeof(sub), "%s/new", dir);
	snprintf(link, sizeof(link), "%s/elsewhere", dir);
	if (rename(sub, link) == -1 || symlink(link, sub) == -1) {
		printf("Bail out! symlink: %s\n", strerror(errno));
		exit(2);
	}
	is_int(rs_maildir_deliver(dir, msg, &got, &why, &status), -1,
	    "a new/ that is a symbolic link is refused");
	snprintf(want, sizeof(want), "%s: is a symbolic link; refused", sub);
	is_str(rs_buf_str(&why), want, "… saying so");
	is_int(status, 77, "… with status 77");
	snprintf(want, sizeof(want), "%s/tmp", dir);
	ok(rmdir(want) == 0, "… and nothing was left in tmp/");
	unlink(sub);
	if (rename(link, sub) == -1) {
		printf("Bail out! rename: %s\n", strerror(errno));
		exit(2);
	}
	rs_buf_free(&why);

	if (p1)
		unlink(p1);
	if (p2)
		unlink(p2);
	free(p1);
	free(p2);
	snprintf(sub, sizeof(sub), "%s/tmp", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/new", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/cur", dir);
	rmdir(sub);
	ok(rmdir(dir) == 0, "nothing else left behind");
}

static void
test_sendmail(void)
{
	static const int statuses[] = { 0, 75, 1 };
	char		 dir[] = "/tmp/rs-mail-sendmail.XXXXXX";
	char		 prog[256], deaf[256], argvf[256], stdinf[256];
	char		 script[1024], *got, *big;
	const char	*msg = "From: pqrsd@x.co\nTo: ana@x.co\nSubject: s\n\n"
	    "Hola,\nFrom here\n.\nadiós\n";
	size_t		 i;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(2);
	}
	snprintf(prog, sizeof(prog), "%s/sendmail", dir);
	snprintf(deaf, sizeof(deaf), "%s/deaf-sendmail", dir);
	snprintf(argvf, sizeof(argvf), "%s/argv", dir);
	snprintf(stdinf, sizeof(stdinf), "%s/stdin", dir);
	snprintf(script, sizeof(script), "#!/bin/sh\n"
	    ": >'%s'\nfor a do printf '%%s\\n' \"$a\" >>'%s'; done\n"
	    "cat >'%s'\nexit \"${FAKE_SENDMAIL_STATUS:-0}\"\n",
	    argvf, argvf, stdinf);
	spew(prog, script, 0755);
	spew(deaf, "#!/bin/sh\nexit \"${FAKE_SENDMAIL_STATUS:-0}\"\n", 0755);

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		char	st[8];

		snprintf(st, sizeof(st), "%d", statuses[i]);
		setenv("FAKE_SENDMAIL_STATUS", st, 1);
		unlink(argvf);
		unlink(stdinf);
		is_int(rs_sendmail(prog, "pqrsd@x.co", "ana@x.co", msg, NULL),
		    statuses[i], "sendmail exit %d is returned", statuses[i]);
		got = slurp(argvf);
		is_str(got, "-i\n-f\npqrsd@x.co\n--\nana@x.co\n",
		    "argv is -i -f FROM -- RCPT (exit %d)", statuses[i]);
		free(got);
		got = slurp(stdinf);
		is_str(got, msg, "stdin is the message (exit %d)", statuses[i]);
		free(got);
	}

	unlink(argvf);
	errno = 0;
	is_int(rs_sendmail(prog, "pqrsd@x.co", "-oQ/tmp/x@y", msg, NULL), -1,
	    "an option as recipient is refused");
	is_int(errno, EINVAL, "with EINVAL");
	is_int(rs_sendmail(prog, "a@b c@d", "ana@x.co", msg, NULL), -1,
	    "a bad sender is refused");
	ok(access(argvf, F_OK) == -1, "and sendmail never ran");

	snprintf(script, sizeof(script), "%s/no-such-sendmail", dir);
	errno = 0;
	is_int(rs_sendmail(script, "pqrsd@x.co", "ana@x.co", msg, NULL), -1,
	    "a missing program is -1");
	is_int(errno, ENOENT, "with ENOENT");

	/* A sendmail that exits without reading: EPIPE, not SIGPIPE. */
	big = rs_malloc(1 << 20);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	setenv("FAKE_SENDMAIL_STATUS", "75", 1);
	is_int(rs_sendmail(deaf, "pqrsd@x.co", "ana@x.co", big, NULL), 75,
	    "an early exit is its status, and we live");
	setenv("FAKE_SENDMAIL_STATUS", "0", 1);
	errno = 0;
	is_int(rs_sendmail(deaf, "pqrsd@x.co", "ana@x.co", big, NULL), -1,
	    "success without reading the message is no success");
	is_int(errno, EPIPE, "with EPIPE");
	free(big);

	/* A sendmail that reads 10 bytes of a small message, and says yes:
	 * the pipe used to take it all, and it passed for sent. */
	spew(deaf, "#!/bin/sh\ndd bs=10 count=1 of=/dev/null 2>/dev/null\n"
	    "exit 0\n", 0755);
	{
		size_t	taken = 0;

		errno = 0;
		is_int(rs_sendmail(deaf, "pqrsd@x.co", "ana@x.co", msg,
		    &taken), -1, "a sendmail that read part of it is no "
		    "success");
		is_int(errno, EPIPE, "with EPIPE");
		is_int((long long)taken, 10,
		    "it says how much was read (%zu)", taken);
	}
	unsetenv("FAKE_SENDMAIL_STATUS");

	unlink(prog);
	unlink(deaf);
	unlink(argvf);
	unlink(stdinf);
	ok(rmdir(dir) == 0, "nothing else left behind");
}

static void
test_parse_fixtures(void)
{
	struct rs_mail_in mi;
	const char	*err;
	char		*s;

	/* multipart/alternative: the text/plain part, not the HTML. */
	is_int(parse_fixture("alternative.eml", &mi, &err), 0,
	    "alternative.eml");
	is_str(mi.from_name, "Ana Pérez", "Q-encoded display name");
	is_str(mi.from_addr, "ana.perez@example.co", "from address");
	is_str(mi.subject, "Solicitud de certificado", "plain subject");
	is_str(mi.message_id, "alt-1@mail.example.co", "message-id without <>");
	s = chomp(mi.body);
	is_str(s, "Buenos días,\nnecesito un certificado de residencia.",
	    "text/plain of multipart/alternative");
	free(s);
	ok(mi.has_time, "has a time");
	is_int(mi.received, T("2024-08-13T09:15:00-05:00"), "Date: used");
	is_str(mi.attachments, NULL, "no attachments");
	rs_mail_free(&mi);

	is_int(parse_fixture("latin1-base64.eml", &mi, &err), 0,
	    "latin1-base64.eml");
	s = chomp(mi.body);
	is_str(s, "Buenos días,\nsolicito copia del expediente número 45 de "
	    "la señora Muñoz.\nGracias.", "base64 ISO-8859-1 body in UTF-8");
	free(s);
	rs_mail_free(&mi);

	is_int(parse_fixture("encoded-subject.eml", &mi, &err), 0,
	    "encoded-subject.eml");
	is_str(mi.subject, "Radicación de petición urgente: señora Muñoz",
	    "UTF-8 B and ISO-8859-1 Q encoded-words");
	is_str(mi.from_name, "María José Peña", "Latin-1 Q display name");
	rs_mail_free(&mi);

	is_int(parse_fixture("no-message-id.eml", &mi, &err), 0,
	    "no-message-id.eml");
	is_str(mi.message_id, NULL, "no Message-ID is NULL");
	is_str(mi.from_name, "", "a bare address has an empty name");
	is_str(mi.from_addr, "luis@example.co", "bare address");
	s = chomp(mi.body);
	is_str(s, "Un mensaje sin Message-ID.", "a message with no MIME");
	free(s);
	rs_mail_free(&mi);

	is_int(parse_fixture("html-only.eml", &mi, &err), 0, "html-only.eml");
	is_str(mi.from_name, "Rosa Díaz", "raw UTF-8 display name");
	is_str(mi.body, "Señores de la alcaldía:\n\n"
	    "Esperé > 3 horas & nadie me atendió.\n"
	    "Pido una respuesta \"pronta\" — gracias ❤.\n\n"
	    "- Uno\n- Dos\n\nFirma", "HTML made text");
	rs_mail_free(&mi);

	is_int(parse_fixture("received.eml", &mi, &err), 0, "received.eml");
	ok(mi.has_time, "has a time");
	is_int(mi.received, T("2024-08-19T16:05:30-05:00"),
	    "the top-most Received: date, not Date:");
	rs_mail_free(&mi);

	is_int(parse_fixture("attachment.eml", &mi, &err), 0,
	    "attachment.eml");
	is_str(mi.attachments, "informe.pdf, foto número 1.jpg",
	    "attachment file names (RFC 2231 decoded)");
	s = chomp(mi.body);
	is_str(s, "Adjunto el informe y la foto.", "body beside attachments");
	free(s);
	rs_mail_free(&mi);

	is_int(parse_fixture("mbox-envelope.eml", &mi, &err), 0,
	    "a message after an mbox From line");
	is_str(mi.from_addr, "juan@example.co", "its From:");
	is_str(mi.subject, "Entregado por el MTA", "its Subject:");
	rs_mail_free(&mi);

	is_int(parse_fixture("bad-utf8.eml", &mi, &err), 0, "bad-utf8.eml");
	ok(rs_utf8_invalid(mi.subject, strlen(mi.subject)) ==
	    strlen(mi.subject), "subject is valid UTF-8");
	ok(rs_utf8_invalid(mi.body, strlen(mi.body)) == strlen(mi.body),
	    "body is valid UTF-8");
	ok(strstr(mi.body, "aquí") != NULL, "good text kept");
	rs_mail_free(&mi);

	is_int(parse_fixture("not-a-message.txt", &mi, &err), -1,
	    "plain text is refused");
	is_str(err, "not an RFC 5322 message", "reason");
	is_int(parse_text("", &mi, &err), -1, "empty input is refused");
	is_str(err, "not an RFC 5322 message", "reason");
	is_int(parse_fixture("no-from.eml", &mi, &err), -1,
	    "no From is refused");
	is_str(err, "no From address", "reason");
	is_int(parse_text("From: Ana\nSubject: x\n\nhola\n", &mi, &err), -1,
	    "a From without an address is refused");
	is_str(err, "no From address", "reason");
	ok(mi.from_addr == NULL && mi.body == NULL, "nothing left on failure");

	/* Header values that decode to line breaks stay on one line. */
	is_int(parse_text("From: a@b.co\nSubject: =?UTF-8?Q?a=0D=0ABcc:_x?=\n"
	    "\nhola\r\nadios\r\n", &mi, &err), 0, "encoded line breaks");
	ok(mi.subject != NULL && rs_header_check(mi.subject) == NULL,
	    "the decoded subject is a safe header value");
	is_str(mi.body, "hola\nadios\n", "CRLF made LF");
	rs_mail_free(&mi);
}

/* What sorting reads of the shapes in t/mail/in (MANIFEST says what). */
static void
test_parse_sorting(void)
{
	struct rs_mail_in mi;
	const char	*err;
	FILE		*fp;
	char		*big;
	size_t		 i;

	is_int(parse_fixture("in/dsn-postfix.eml", &mi, &err), 0,
	    "Postfix's RFC 3464 report");
	ok(mi.report, "multipart/report; report-type=delivery-status");
	ok(mi.null_sender, "Return-Path: <>");
	is_str(mi.dsn_action, "failed", "Action:");
	is_str(mi.dsn_status, "5.1.1", "Status:");
	is_str(mi.dsn_recipient, "marta.ruiz@example.net",
	    "Final-Recipient: its address, the type left out");
	ok(mi.dsn_diagnostic != NULL && strstr(mi.dsn_diagnostic,
	    "  ") == NULL, "a folded Diagnostic-Code on one line, one space "
	    "at each join");
	is_int((int)mi.nreturned, 1, "one returned Message-ID");
	is_str(mi.nreturned ? mi.returned[0] : NULL,
	    "respuesta.RS-2026-000003@oficina.example.gov.co",
	    "from the returned message/rfc822");
	is_int((int)mi.ndocs, 0, "the returned message is no document");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/dsn-exim.eml", &mi, &err), 0,
	    "Exim's bounce, the returned headers in its text");
	ok(!mi.report, "no report");
	is_str(mi.nreturned ? mi.returned[0] : NULL,
	    "acuse.RS-2026-000001@oficina.example.gov.co",
	    "the Message-ID: line in the text");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/dsn-delayed.eml", &mi, &err), 0,
	    "a delay report");
	is_str(mi.dsn_action, "delayed", "Action: delayed");
	is_str(mi.nreturned ? mi.returned[0] : NULL,
	    "respuesta.RS-2026-000003@oficina.example.gov.co",
	    "from text/rfc822-headers");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/dsn-token-only.eml", &mi, &err), 0,
	    "a bounce with only the return path's token");
	ok(mi.rcpts != NULL && strstr(mi.rcpts, "pqrsd-rebotes+respuesta."
	    "RS-2026-000003@oficina.example.gov.co") != NULL,
	    "Delivered-To, X-Original-To and To collected");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/vacation-rfc3834.eml", &mi, &err), 0,
	    "a Sieve vacation reply");
	is_str(mi.auto_mark, "Auto-Submitted: auto-replied (vacation)",
	    "RFC 3834 Auto-Submitted, first");
	is_int((int)mi.nrefs, 1, "In-Reply-To and References, once");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/vacation-outlook.eml", &mi, &err), 0,
	    "an Exchange automatic reply");
	is_str(mi.auto_mark, "X-Auto-Response-Suppress: All",
	    "no Auto-Submitted: Exchange's own mark");
	ok(strstr(mi.subject, "RS-2026-000001") != NULL,
	    "a radicado split across two encoded-words, whole once decoded");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/reply-outlook.eml", &mi, &err), 0,
	    "an Outlook reply");
	is_str(mi.auto_mark, NULL, "a person's reply has no mark");
	ok(mi.nrefs >= 1 && strcmp(mi.refs[mi.nrefs - 1],
	    "requerimiento.RS-2026-000002@oficina.example.gov.co") == 0,
	    "References only");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/reply-thunderbird.eml", &mi, &err), 0,
	    "a Thunderbird reply with a document");
	is_int((int)mi.ndocs, 1, "one document");
	is_str(mi.ndocs ? mi.docs[0].name : NULL, "certificación laboral.pdf",
	    "its RFC 2231 name");
	is_str(mi.ndocs ? mi.docs[0].type : NULL, "application/pdf",
	    "its type");
	is_int(mi.ndocs ? (int)mi.docs[0].len : -1, 212, "its decoded bytes");
	ok(mi.raw != NULL && mi.raw_len > 0 && memcmp(mi.raw, "Return-Path",
	    11) == 0, "the message as it came, kept");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/attachments-2231.eml", &mi, &err), 0,
	    "three documents");
	is_int((int)mi.ndocs, 3, "three");
	for (i = 0; i < mi.ndocs && i < 3; i++)
		ok(mi.docs[i].name[0] != '\0', "document %zu named", i + 1);
	is_int(mi.ndocs > 1 ? (int)mi.docs[1].len : -1, 0,
	    "a 0-byte document is a document");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/forwarded.eml", &mi, &err), 0,
	    "a forward by staff");
	ok(mi.forwarded != NULL, "the forwarded message read as one");
	is_str(mi.forwarded ? mi.forwarded->from_addr : NULL,
	    "carmen.soto@example.co", "its sender");
	is_str(mi.forwarded ? mi.forwarded->subject : NULL,
	    "Solicitud de paz y salvo", "its subject");
	is_int(mi.forwarded ? (int)mi.forwarded->ndocs : -1, 1,
	    "its own document");
	is_str(mi.ndocs ? mi.docs[0].type : NULL, "message/rfc822",
	    "and the forward itself a document");
	rs_mail_free(&mi);

	is_int(parse_fixture("in/reply-to-portal.eml", &mi, &err), 0,
	    "a portal's gateway");
	is_str(mi.reply_to_addr, "pedro.rios@example.co", "Reply-To:");
	is_str(mi.reply_to_name, "Pedro Ríos", "its name");
	is_str(mi.from_addr, "noreply@portal.example.gov.co", "From: kept");
	rs_mail_free(&mi);

	/* the bound: refused before anything is parsed */
	big = rs_malloc(4096);
	memset(big, 'a', 4095);
	big[4095] = '\0';
	memcpy(big, "From: a@b.co\n\n", 14);
	fp = fmemopen(big, 4095, "r");
	is_int(rs_mail_parse_bounded(fp, 1000, &mi, &err), -1,
	    "over the bound: refused");
	is_str(err, "the message is over 1000 bytes (setting max_message); "
	    "nothing was registered", "why");
	ok(mi.raw == NULL && mi.from_addr == NULL, "nothing kept");
	fclose(fp);
	fp = fmemopen(big, 4095, "r");
	is_int(rs_mail_parse_bounded(fp, 4095, &mi, &err), 0,
	    "at the bound: taken");
	rs_mail_free(&mi);
	fclose(fp);
	free(big);
}

/* The encuesta asks for a number from 1 to 5 in a reply. */
static void
test_rating_in(void)
{
	static const struct {
		const char	*body;
		int		 rating;
	} t[] = {
		{ "5", 5 },
		{ "5\n\nEl 1 de diciembre escribió:\n> ¿Cómo le atendimos?", 5 },
		{ "  4 \n", 4 },
		{ "5 excelente atención", 5 },
		{ "Calificación: 3", 3 },
		{ "calificacion:2", 2 },
		{ "\n\n1\n", 1 },
		{ "> 5\nGracias", 0 },		/* quoted: not theirs */
		{ "Gracias\n5", 0 },		/* not the first line */
		{ "10", 0 },
		{ "6", 0 },
		{ "0", 0 },
		{ "2 de 10", 0 },
		{ "5/10", 0 },
		{ "4 de 5", 4 },
		{ "5/5 muy bien", 5 },
		{ "3 de 50", 0 },
		{ "4.5", 0 },
		{ "5.", 5 },
		{ "45", 0 },
		{ "", 0 },
	};
	size_t	i;

	static const struct {
		const char	*body;
		int		 rating;
	} alone[] = {
		{ "5", 5 }, { "5.", 5 }, { " 4 ! ", 4 }, { "4 de 5", 4 },
		{ "Calificación: 3", 3 },
		{ "5 excelente", 0 },		/* more than the rating */
		{ "3 preguntas más", 0 },
		{ "2 documentos adjuntos", 0 },
	};

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(rs_rating_in(t[i].body, 0), t[i].rating, "rating case "
		    "%zu (expected %d)", i + 1, t[i].rating);
	/* a reply not threaded to the encuesta: the rating alone */
	for (i = 0; i < sizeof(alone) / sizeof(alone[0]); i++)
		is_int(rs_rating_in(alone[i].body, 1), alone[i].rating,
		    "a rating alone, case %zu (expected %d)", i + 1,
		    alone[i].rating);
}

static void
test_radicado_in(void)
{
	static const struct {
		const char	*text;
		const char	*id;
	} t[] = {
		{ "Re: Respuesta a su solicitud RS-2026-000003", "RS-2026-000003" },
		{ "RS-2026-000003: gracias", "RS-2026-000003" },
		{ "RE: rs-2026-000004 info", "RS-2026-000004" },
		{ "(RS-2026-000010)", "RS-2026-000010" },
		{ "XRS-2026-000003", NULL },		/* inside a word */
		{ "RS-2026-1000031", "RS-2026-1000031" },	/* past 999999 */
		{ "RS-2026-00003", NULL },		/* five digits */
		{ "RS-2026-0000000001", NULL },		/* ten */
		{ "RS-26-000003", NULL },
		{ "RS 2026 000003", NULL },
		{ "Sin radicado", NULL },
	};
	char	id[32];
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(rs_radicado_in(t[i].text, "RS", id) ? id : NULL,
		    t[i].id, "radicado in \"%s\"", t[i].text);
}

static void
test_redact(void)
{
	char	*s;

	s = rs_redact_addresses("550 5.1.1 <marta.ruiz@example.net>: "
	    "Recipient address rejected: User unknown");
	is_str(s, "550 5.1.1 [dirección] Recipient address rejected: User "
	    "unknown", "an address in a mail server's reason");
	free(s);
	s = rs_redact_addresses("failure notice");
	is_str(s, "failure notice", "no address: as it was");
	free(s);
	s = rs_redact_addresses("  a@b  c ");
	is_str(s, "  [dirección]  c ", "the spaces kept");
	free(s);
}

int
main(int argc, char **argv)
{
	const char	*slash;

	(void)argc;
	/* The fixtures are in t/mail, beside the directory of this program. */
	if ((slash = strrchr(argv[0], '/')) != NULL)
		snprintf(fixtures, sizeof(fixtures), "%.*s/../mail",
		    (int)(slash - argv[0]), argv[0]);
	if (rs_zone_set("America/Bogota") == -1) {
		printf("Bail out! no America/Bogota zone\n");
		return 2;
	}
	test_header_check();
	test_address_check();
	test_parse_sorting();
	test_rating_in();
	test_redact();
	test_radicado_in();
	test_compose();
	test_encoded_words();
	test_compose_refused();
	test_mbox();
	test_maildir();
	test_sendmail();
	test_parse_fixtures();
	return done();
}
