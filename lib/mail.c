/*
 * mail.c - messages out and in (DESIGN §7, rs-intake -m, rs-notify).
 *
 * GMime 3 does most of MIME: quoted-printable, charsets, parsing.  What is
 * ours: refusing unsafe header values and addresses before anything is
 * built, the encoded-words of the headers that carry people's text (GMime
 * makes them too long), the mbox and Maildir framing, running sendmail
 * without a shell, and turning an HTML-only message into text.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "rs.h"

extern char **environ;

#define NESTING_MAX	32	/* multiparts within multiparts */

static void
mime_init(void)
{
	static int	done;

	if (!done) {
		g_mime_init();
		done = 1;
	}
}

/* ---- composing ----------------------------------------------------------- */

static char	compose_err[256];

static const char *
refuse(const char *what, const char *why)
{
	snprintf(compose_err, sizeof(compose_err), "%s: %s", what, why);
	return compose_err;
}

static int
header_name_valid(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static void	raw_last(GMimeMessage *, const char *);

/*
 * Walk the "Name: value" lines of text; with msg NULL only check them,
 * else append each to msg.  NULL when all are good, else why not.
 */
static const char *
extra_headers(const char *text, GMimeMessage *msg)
{
	const char	*line, *end, *colon, *why;
	char		*name, *value, *v, *e;
	size_t		 len;

	for (line = text; line != NULL && *line != '\0'; line = end) {
		end = strchr(line, '\n');
		len = end != NULL ? (size_t)(end - line) : strlen(line);
		if (end != NULL)
			end++;
		/* Tolerate CRLF line ends, as a template edited elsewhere has. */
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		if ((colon = memchr(line, ':', len)) == NULL) {
			v = rs_strndup(line, len);
			why = refuse(v, "header line has no colon");
			free(v);
			return why;
		}
		name = rs_strndup(line, (size_t)(colon - line));
		if (!header_name_valid(name)) {
			why = refuse(name, "not a valid header name");
			free(name);
			return why;
		}
		/* the subject is given apart, never twice */
		switch (strcasecmp(name, "Subject") == 0 ? RS_HEADER_OWN :
		    rs_template_header(name, strlen(name))) {
		case RS_HEADER_OWN:
			why = refuse(name, "header is set by rs, not by a template");
			free(name);
			return why;
		case RS_HEADER_UNKNOWN:
			why = refuse(name, "not a header a template may set");
			free(name);
			return why;
		default:
			break;
		}
		value = rs_strndup(colon + 1, len - (size_t)(colon + 1 - line));
		for (v = value; *v == ' ' || *v == '\t'; v++)
			;
		for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t');)
			*--e = '\0';
		if ((why = rs_header_check(v)) != NULL) {
			why = refuse(name, why);
			free(name);
			free(value);
			return why;
		}
		if (msg != NULL) {
			g_mime_object_append_header(GMIME_OBJECT(msg), name, v,
			    "utf-8");
			/* text, not addresses: written as the subject is */
			if (rs_template_header(name, strlen(name)) ==
			    RS_HEADER_TEXT)
				raw_last(msg, v);
		}
		free(name);
		free(value);
	}
	return NULL;
}

/* Every part of m checked before anything is built. */
static const char *
compose_check(const struct rs_message *m)
{
	const char	*why;
	const char	*id = m->message_id;
	size_t		 len;

	if ((why = rs_address_check(m->from)) != NULL)
		return refuse("from", why);
	if ((why = rs_address_check(m->to)) != NULL)
		return refuse("to", why);
	if (m->receipt_to != NULL &&
	    (why = rs_address_check(m->receipt_to)) != NULL)
		return refuse("receipt address", why);
	if ((why = rs_header_check(m->from_name)) != NULL)
		return refuse("from name", why);
	if ((why = rs_header_check(m->to_name)) != NULL)
		return refuse("to name", why);
	if ((why = rs_header_check(m->subject)) != NULL)
		return refuse("subject", why);
	if (id == NULL || *id == '\0')
		return refuse("message-id", "missing");
	if ((why = rs_header_check(id)) != NULL)
		return refuse("message-id", why);
	if (strpbrk(id, "<> \t") != NULL)
		return refuse("message-id", "contains \"<\", \">\" or white space");
	if (m->headers != NULL && (why = extra_headers(m->headers, NULL)))
		return why;
	if (m->body != NULL) {
		len = strlen(m->body);
		if (rs_utf8_invalid(m->body, len) != len)
			return refuse("body", "not valid UTF-8");
		if (rs_has_controls(m->body, 1))
			return refuse("body", "contains a control character");
	}
	if (m->html != NULL) {
		len = strlen(m->html);
		if (rs_utf8_invalid(m->html, len) != len)
			return refuse("html", "not valid UTF-8");
		if (rs_has_controls(m->html, 1))
			return refuse("html", "contains a control character");
	}
	return NULL;
}

/* ---- header text (RFC 2047, RFC 5322 folding) -------------------------- */

/*
 * GMime splits a long word into encoded-words every 39 characters of
 * text, whatever their size once encoded: 39 emoji make one encoded-word
 * of over 200 characters, and a display name is never split at all.  So
 * the headers that carry people's text are written here: each
 * encoded-word at most 75 characters (RFC 2047 section 2), cut only
 * between UTF-8 characters, on lines of at most 76.
 */
#define EW_MAX		75	/* characters in one encoded-word */
#define EW_LINE		76	/* characters on a line holding one */
#define EW_WRAP		12	/* "=?UTF-8?B?" and "?=" */

struct folded {
	struct rs_buf	 b;
	size_t		 col;	/* characters on the current line */
	size_t		 start;	/* col after "Name:" */
};

static int
is_atext(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* A byte Q may write as itself in any header (RFC 2047 5 (3)). */
static int
q_plain(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || strchr("!*+-/", c) != NULL;
}

static size_t
q_len(unsigned char c)
{
	return q_plain(c) || c == ' ' ? 1 : 3;
}

/* Bytes in the UTF-8 character that starts with c. */
static size_t
char_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* The word must be encoded: it is not ASCII, it would read as an
 * encoded-word, it cannot fit on a line of its own, or (in a phrase) it
 * is not an atom. */
static int
needs_encoding(const char *w, size_t n, int phrase)
{
	size_t	i;

	if (n + 1 > EW_LINE)
		return 1;
	for (i = 0; i < n; i++) {
		if ((unsigned char)w[i] >= 0x80)
			return 1;
		if (w[i] == '=' && i + 1 < n && w[i + 1] == '?')
			return 1;
		if (phrase && !is_atext((unsigned char)w[i]))
			return 1;
	}
	return 0;
}

/* Start a new line, folding before the white space ws. */
static void
fold(struct folded *f)
{
	rs_buf_adds(&f->b, "\n");
	f->col = 0;
}

/* A word that goes as it is, after its white space. */
static void
put_plain(struct folded *f, const char *ws, size_t wslen, const char *w,
    size_t n)
{
	if (f->col > f->start && f->col + wslen + n > EW_LINE) {
		fold(f);
		if (wslen == 0)
			ws = " ", wslen = 1;
	}
	rs_buf_add(&f->b, ws, wslen);
	rs_buf_add(&f->b, w, n);
	f->col += wslen + n;
}

static void
put_b(struct rs_buf *b, const unsigned char *s, size_t n)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long v;
	size_t	i;

	for (i = 0; i < n; i += 3) {
		v = (unsigned long)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		rs_buf_addc(b, abc[v >> 18 & 63]);
		rs_buf_addc(b, abc[v >> 12 & 63]);
		rs_buf_addc(b, i + 1 < n ? abc[v >> 6 & 63] : '=');
		rs_buf_addc(b, i + 2 < n ? abc[v & 63] : '=');
	}
}

static void
put_q(struct rs_buf *b, const unsigned char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] == ' ')
			rs_buf_addc(b, '_');
		else if (q_plain(s[i]))
			rs_buf_addc(b, (char)s[i]);
		else
			rs_buf_addf(b, "=%02X", s[i]);
}

/*
 * Text s as encoded-words after the white space ws: as many whole
 * characters in each as its room on the line allows, Q when that is no
 * longer than B (text, mostly ASCII), else B; B always in a display
 * name, where Q would have to escape more.
 */
/*
 * Where the encoded-word of s[i..n) that fits in room ends: after whole
 * characters only; in B, unless it holds the rest, after a multiple of
 * three bytes, so that it ends without padding (GMime, reading, decodes
 * adjacent B words as one stream and loses the text after a padded one).
 * i when none fits.
 */
static size_t
fit(const unsigned char *u, size_t i, size_t n, size_t room, int q)
{
	size_t	j, k, len = 0, clen, best = i;

	for (j = i; j < n; j += clen) {
		clen = char_len(u[j]);
		if (j + clen > n)
			clen = n - j;
		for (k = 0; q && k < clen; k++)
			len += q_len(u[j + k]);
		if (!q)
			len = (j + clen - i + 2) / 3 * 4;
		if (EW_WRAP + len > room)
			break;
		if (q || j + clen == n || (j + clen - i) % 3 == 0)
			best = j + clen;
	}
	return best;
}

/*
 * Text s as encoded-words after the white space ws: as many whole
 * characters in each as its room on the line allows, Q when that is no
 * longer than B (text, mostly ASCII), else B; B always in a display
 * name, where Q would have to escape more.
 */
static void
put_encoded(struct folded *f, const char *ws, size_t wslen, const char *s,
    size_t n, int phrase)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	i, j, qn = 0, room, mark;
	int	q;

	for (i = 0; i < n; i++)
		qn += q_len(u[i]);
	q = !phrase && qn <= (n + 2) / 3 * 4;
	for (i = 0; i < n; i = j) {
		/* the room this encoded-word has on the line */
		room = f->col + wslen < EW_LINE ? EW_LINE - f->col - wslen : 0;
		if (room > EW_MAX)
			room = EW_MAX;
		if ((j = fit(u, i, n, room, q)) == i && f->col > f->start) {
			/* not one character fits here: on the next line */
			fold(f);
			if (wslen == 0)
				ws = " ", wslen = 1;
			j = fit(u, i, n, EW_MAX, q);
		}
		if (j == i)	/* never: a line of its own holds 45 bytes */
			j = i + char_len(u[i]) > n ? n : i + char_len(u[i]);
		rs_buf_add(&f->b, ws, wslen);
		mark = f->b.len;
		rs_buf_adds(&f->b, q ? "=?UTF-8?Q?" : phrase ? "=?UTF-8?b?" :
		    "=?UTF-8?B?");
		if (q)
			put_q(&f->b, u + i, j - i);
		else
			put_b(&f->b, u + i, j - i);
		rs_buf_adds(&f->b, "?=");
		f->col += wslen + f->b.len - mark;
		/* white space between encoded-words is not part of the text */
		ws = " ";
		wslen = 1;
	}
}

/*
 * Text as a header value: words that need no encoding as they are, each
 * run of words that do as encoded-words that hold the spaces between
 * them; folded before white space.  phrase: 0 for text, 1 for a display
 * name, 2 for one on trial.  A display name that is ASCII but not all
 * atoms goes as one quoted string when it fits.
 */
static void
put_text(struct folded *f, const char *s, int phrase)
{
	const char	*p, *w, *ws, *run = NULL, *run_ws = NULL;
	size_t		 n, len, i;
	int		 ascii = 1, whole = 0;

	len = strlen(s);
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80 || (s[i] == '=' &&
		    s[i + 1] == '?'))
			ascii = 0;
	if (phrase && ascii && len > 0 && f->col + 3 + len <= EW_LINE) {
		for (i = 0; i < len && (is_atext((unsigned char)s[i]) ||
		    s[i] == ' '); i++)
			;
		if (i < len) {
			rs_buf_adds(&f->b, " \"");
			for (i = 0; i < len; i++) {
				if (s[i] == '"' || s[i] == '\\')
					rs_buf_addc(&f->b, '\\');
				rs_buf_addc(&f->b, s[i]);
			}
			rs_buf_addc(&f->b, '"');
			f->col += len + 3;
			return;
		}
	}
	/*
	 * A display name folded before a plain word reads back, in GMime,
	 * with the line break in it: one that would fold is encoded whole,
	 * and folds only between its encoded-words.
	 */
	if (phrase == 1) {
		struct folded	trial = *f;

		memset(&trial.b, 0, sizeof(trial.b));
		put_text(&trial, s, 2);
		whole = memchr(rs_buf_str(&trial.b), '\n', trial.b.len) != NULL;
		rs_buf_free(&trial.b);
	}
	if (whole) {
		for (p = s; *p == ' ' || *p == '\t'; p++)
			;
		for (n = strlen(p); n > 0 && (p[n - 1] == ' ' ||
		    p[n - 1] == '\t'); n--)
			;
		if (n > 0)
			put_encoded(f, " ", 1, p, n, 1);
		return;
	}
	for (p = s; *p != '\0';) {
		for (ws = p; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && *p != ' ' && *p != '\t'; p++)
			;
		n = (size_t)(p - w);
		if (needs_encoding(w, n, phrase)) {
			if (run == NULL) {
				run = w;
				run_ws = ws;
			}
			continue;
		}
		if (run != NULL) {
			/* the run ends before this word's white space */
			put_encoded(f, f->col == f->start ? " " : run_ws,
			    f->col == f->start ? 1 : (size_t)(run - run_ws),
			    run, (size_t)(ws - run), phrase);
			run = NULL;
		}
		put_plain(f, f->col == f->start ? " " : ws,
		    f->col == f->start ? 1 : (size_t)(w - ws), w, n);
	}
	if (run != NULL) {
		for (n = strlen(run); n > 0 && (run[n - 1] == ' ' ||
		    run[n - 1] == '\t'); n--)
			;
		put_encoded(f, f->col == f->start ? " " : run_ws,
		    f->col == f->start ? 1 : (size_t)(run - run_ws), run, n,
		    phrase);
	}
}

/* Replace the value GMime would write for header name by ours. */
static void
set_raw(GMimeMessage *msg, const char *name, struct folded *f)
{
	GMimeHeaderList	*list;
	GMimeHeader	*h;

	rs_buf_addc(&f->b, '\n');
	list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	if ((h = g_mime_header_list_get_header(list, name)) != NULL)
		g_mime_header_set_raw_value(h, rs_buf_str(&f->b));
	rs_buf_free(&f->b);
}

static void
folded_start(struct folded *f, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->col = f->start = strlen(name) + 1;
}

/* The header appended last, its text written as the subject's is. */
static void
raw_last(GMimeMessage *msg, const char *text)
{
	GMimeHeaderList	*list;
	GMimeHeader	*h;
	struct folded	 f;
	int		 n;

	list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	if ((n = g_mime_header_list_get_count(list)) <= 0)
		return;
	h = g_mime_header_list_get_header_at(list, n - 1);
	folded_start(&f, g_mime_header_get_name(h));
	put_text(&f, text, 0);
	rs_buf_addc(&f.b, '\n');
	g_mime_header_set_raw_value(h, rs_buf_str(&f.b));
	rs_buf_free(&f.b);
}

/* "Name <address>", or the address alone when there is no name. */
static void
raw_mailbox(GMimeMessage *msg, const char *header, const char *name,
    const char *addr)
{
	struct folded	f;
	struct rs_buf	a = { 0 };

	folded_start(&f, header);
	if (name != NULL && *name != '\0') {
		put_text(&f, name, 1);
		rs_buf_addf(&a, "<%s>", addr);
	} else
		rs_buf_adds(&a, addr);
	put_plain(&f, " ", 1, rs_buf_str(&a), a.len);
	rs_buf_free(&a);
	set_raw(msg, header, &f);
}

static void
raw_text(GMimeMessage *msg, const char *header, const char *text)
{
	struct folded	f;

	folded_start(&f, header);
	put_text(&f, text, 0);
	set_raw(msg, header, &f);
}

/* The instant t as the office's wall clock, with the office's offset. */
static GDateTime *
office_datetime(rs_time t)
{
	GTimeZone	*tz;
	GDateTime	*utc, *local;
	rs_day		 day;
	int64_t		 off;
	int		 secs;

	day = rs_local_day(t, &secs);
	off = (int64_t)day * 86400 + secs - t;
	/* RFC 5322 zones have no seconds: as rs_format_datetime rounds. */
	off = (off >= 0 ? off + 30 : off - 30) / 60 * 60;
	if ((utc = g_date_time_new_from_unix_utc(t)) == NULL)
		return NULL;
	tz = g_time_zone_new_offset((gint32)off);
	local = g_date_time_to_timezone(utc, tz);
	g_time_zone_unref(tz);
	g_date_time_unref(utc);
	return local;
}

static void
add_mailbox(InternetAddressList *list, const char *name, const char *addr)
{
	InternetAddress	*ia;

	ia = internet_address_mailbox_new(name != NULL ? name : "", addr);
	/* UTF-8 always, rather than whichever charset GMime finds best. */
	internet_address_set_charset(ia, "utf-8");
	internet_address_list_add(list, ia);
	g_object_unref(ia);
}

/*
 * A text part of UTF-8 bytes in quoted-printable: the content goes in as
 * bytes, for g_mime_text_part_set_text() would pick a "best" charset and
 * convert to it.
 */
static GMimeTextPart *
utf8_part(const char *subtype, const char *body)
{
	GMimeTextPart	*text;
	GMimeStream	*stream;
	GMimeDataWrapper *content;

	text = g_mime_text_part_new_with_subtype(subtype);
	stream = g_mime_stream_mem_new_with_buffer(body, strlen(body));
	content = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(text), content);
	g_object_unref(content);
	g_object_unref(stream);
	g_mime_text_part_set_charset(text, "utf-8");
	g_mime_part_set_content_encoding(GMIME_PART(text),
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	return text;
}

char *
rs_message_compose(const struct rs_message *m, const char **err)
{
	GMimeMessage	*msg;
	GMimeTextPart	*text;
	GDateTime	*date;
	const char	*why, *body;
	char		*s, *out;

	if ((why = compose_check(m)) != NULL) {
		*err = why;
		return NULL;
	}
	if ((date = office_datetime(m->date)) == NULL) {
		*err = "date: out of range";
		return NULL;
	}
	mime_init();
	msg = g_mime_message_new(TRUE);
	add_mailbox(g_mime_message_get_from(msg), m->from_name, m->from);
	add_mailbox(g_mime_message_get_to(msg), m->to_name, m->to);
	g_mime_message_set_subject(msg, m->subject != NULL ? m->subject : "",
	    "utf-8");
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	g_mime_message_set_message_id(msg, m->message_id);
	if (m->headers != NULL)
		extra_headers(m->headers, msg);
	g_mime_object_set_header(GMIME_OBJECT(msg), "MIME-Version", "1.0",
	    NULL);
	/* RFC 3834 5: no responder answers it, none loops with it */
	if (m->auto_submitted != NULL)
		g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted",
		    m->auto_submitted, NULL);
	/* RFC 8098: a mail reader that shows it may say so (Ley 1437 art.
	 * 56 counts an electronic notification from its access) */
	if (m->receipt_to != NULL) {
		char *v = g_strdup_printf("<%s>", m->receipt_to);

		g_mime_object_set_header(GMIME_OBJECT(msg),
		    "Disposition-Notification-To", v, NULL);
		g_free(v);
	}

	body = m->body != NULL ? m->body : "";
	text = utf8_part("plain", body);
	if (m->ndocs > 0) {
		/* RFC 2046 5.1.3: the text, then each document */
		GMimeMultipart *mixed;
		size_t i;

		mixed = g_mime_multipart_new_with_subtype("mixed");
		g_mime_multipart_add(mixed, GMIME_OBJECT(text));
		for (i = 0; i < m->ndocs; i++) {
			GMimePart *part;
			GMimeStream *mem;
			GMimeDataWrapper *content;
			const struct rs_attachment *d = &m->docs[i];

			part = g_mime_part_new_with_type("application",
			    "octet-stream");
			if (d->type != NULL && strchr(d->type, '/') != NULL) {
				GMimeContentType *ct;

				ct = g_mime_content_type_parse(NULL, d->type);
				if (ct != NULL) {
					g_mime_object_set_content_type(
					    GMIME_OBJECT(part), ct);
					g_object_unref(ct);
				}
			}
			mem = g_mime_stream_mem_new_with_buffer(d->data,
			    d->len);
			content = g_mime_data_wrapper_new_with_stream(mem,
			    GMIME_CONTENT_ENCODING_DEFAULT);
			g_object_unref(mem);
			g_mime_part_set_content(part, content);
			g_object_unref(content);
			g_mime_part_set_content_encoding(part,
			    GMIME_CONTENT_ENCODING_BASE64);
			/* RFC 2231 names, as GMime writes them */
			g_mime_part_set_filename(part, d->name);
			g_mime_multipart_add(mixed, GMIME_OBJECT(part));
			g_object_unref(part);
		}
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
		g_object_unref(mixed);
	} else if (m->html == NULL)
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(text));
	else {
		/* RFC 2046 5.1.4: the plainest first, the richest last */
		GMimeMultipart *alt;
		GMimeTextPart *html;

		alt = g_mime_multipart_new_with_subtype("alternative");
		html = utf8_part("html", m->html);
		g_mime_multipart_add(alt, GMIME_OBJECT(text));
		g_mime_multipart_add(alt, GMIME_OBJECT(html));
		g_object_unref(html);
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(alt));
		g_object_unref(alt);
	}
	g_object_unref(text);

	/* the people's text, encoded and folded as RFC 2047 wants */
	raw_mailbox(msg, "From", m->from_name, m->from);
	raw_mailbox(msg, "To", m->to_name, m->to);
	raw_text(msg, "Subject", m->subject != NULL ? m->subject : "");
	s = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	g_object_unref(msg);
	out = rs_strdup(s);
	g_free(s);
	return out;
}

/* ---- delivering ---------------------------------------------------------- */

int
rs_mbox_write(FILE *fp, const char *envelope_from, rs_time t,
    const char *message)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	const char	*line, *end, *p;
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	size_t		 len;
	int		 bad = 0;

	if (gmtime_r(&tt, &tm) == NULL) {
		tt = 0;
		gmtime_r(&tt, &tm);
	}
	/* The envelope sender is one word on the separator line. */
	if (envelope_from == NULL || rs_address_check(envelope_from) != NULL)
		envelope_from = "MAILER-DAEMON";
	if (fprintf(fp, "From %s %s %s %2d %02d:%02d:%02d %d\n", envelope_from,
	    days[tm.tm_wday], months[tm.tm_mon], tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, tm.tm_year + 1900) < 0)
		bad = 1;
	for (line = message; *line != '\0'; line = end) {
		end = strchr(line, '\n');
		end = end != NULL ? end + 1 : line + strlen(line);
		len = (size_t)(end - line);
		/* mboxrd: quote ^>*From so that a reader can unquote it. */
		for (p = line; *p == '>'; p++)
			;
		if (strncmp(p, "From ", 5) == 0 && putc('>', fp) == EOF)
			bad = 1;
		if (fwrite(line, 1, len, fp) != len)
			bad = 1;
		if (end[-1] != '\n' && putc('\n', fp) == EOF)
			bad = 1;
	}
	if (putc('\n', fp) == EOF)
		bad = 1;
	return bad || ferror(fp) ? -1 : 0;
}

static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The host name as a Maildir file name may hold it. */
static void
maildir_host(struct rs_buf *b)
{
	char	host[256];
	char	*p;

	if (gethostname(host, sizeof(host)) == -1 || host[0] == '\0')
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	for (p = host; *p; p++) {
		if (*p == '/')
			rs_buf_adds(b, "\\057");
		else if (*p == ':')
			rs_buf_adds(b, "\\072");
		else
			rs_buf_addc(b, *p);
	}
}

/*
 * Each part of the Maildir as itself, never through a link: a Maildir,
 * or its tmp/ or new/, that is a symbolic link would put the notices
 * wherever the link points.  Each is opened once and the message is
 * written relative to it, so that none can be swapped for a link between
 * the check and the write.
 */
static int
maildir_part(int dirfd, const char *dir, const char *sub, struct rs_buf *why,
    int *status)
{
	struct rs_buf	shown = { 0 };
	int		fd;

	rs_buf_addf(&shown, "%s/%s", dir, sub);
	if (mkdirat(dirfd, sub, 0700) == -1 && errno != EEXIST) {
		*status = errno == EACCES ? EX_NOPERM : EX_CANTCREAT;
		rs_refuse(why, "%s: %s", rs_buf_str(&shown), strerror(errno));
		rs_buf_free(&shown);
		return -1;
	}
	fd = rs_open_own(dirfd, sub, O_RDONLY | O_DIRECTORY, 0,
	    rs_buf_str(&shown), why, status);
	if (fd == -1 && *status == EX_NOINPUT)
		*status = EX_CANTCREAT;
	rs_buf_free(&shown);
	return fd;
}

int
rs_maildir_deliver(const char *dir, const char *message, char **path,
    struct rs_buf *why, int *status)
{
	static unsigned long counter;
	struct rs_buf	 host = { 0 }, name = { 0 };
	size_t		 len = strlen(message);
	int		 top, tmp = -1, new = -1, cur = -1, fd = -1, tries;
	int		 rc = -1;

	*path = NULL;
	if (dir == NULL || *dir == '\0') {
		*status = EX_USAGE;
		rs_refuse(why, "-M: expected a Maildir");
		return -1;
	}
	if ((top = rs_open_own(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY, 0, dir,
	    why, status)) == -1) {
		/* missing, or not a directory: the message cannot be made */
		if (*status == EX_NOINPUT)
			*status = EX_CANTCREAT;
		return -1;
	}
	if ((tmp = maildir_part(top, dir, "tmp", why, status)) == -1 ||
	    (new = maildir_part(top, dir, "new", why, status)) == -1 ||
	    (cur = maildir_part(top, dir, "cur", why, status)) == -1)
		goto out;
	maildir_host(&host);
	*status = EX_CANTCREAT;
	for (tries = 0; tries < 100; tries++) {
		rs_buf_reset(&name);
		rs_buf_addf(&name, "%lld.%ld_%lu.%s", (long long)time(NULL),
		    (long)getpid(), counter++, rs_buf_str(&host));
		fd = openat(tmp, rs_buf_str(&name), O_WRONLY | O_CREAT |
		    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd == -1 && errno == EEXIST)
			continue;
		if (fd == -1) {
			rs_refuse(why, "%s/tmp/%s: %s", dir, rs_buf_str(&name),
			    strerror(errno));
			goto out;
		}
		if (write_all(fd, message, len) == -1 || fsync(fd) == -1 ||
		    close(fd) == -1) {
			rs_refuse(why, "%s/tmp/%s: %s", dir, rs_buf_str(&name),
			    strerror(errno));
			close(fd);	/* EBADF when closed: no matter */
			unlinkat(tmp, rs_buf_str(&name), 0);
			goto out;
		}
		/* link() never replaces a message already in new/ */
		if (linkat(tmp, rs_buf_str(&name), new, rs_buf_str(&name),
		    0) == 0) {
			unlinkat(tmp, rs_buf_str(&name), 0);
			break;
		}
		if (errno == EEXIST) {
			unlinkat(tmp, rs_buf_str(&name), 0);
			continue;
		}
		/* file systems without hard links */
		if (renameat(tmp, rs_buf_str(&name), new,
		    rs_buf_str(&name)) == 0)
			break;
		rs_refuse(why, "%s/new/%s: %s", dir, rs_buf_str(&name),
		    strerror(errno));
		unlinkat(tmp, rs_buf_str(&name), 0);
		goto out;
	}
	if (tries == 100) {
		rs_refuse(why, "%s/tmp: %s", dir, strerror(EEXIST));
		goto out;
	}
	/* some file systems cannot sync a directory; that is no failure */
	if (fsync(new) == -1 && errno != EINVAL && errno != EBADF) {
		rs_refuse(why, "%s/new: %s", dir, strerror(errno));
		unlinkat(new, rs_buf_str(&name), 0);
		goto out;
	}
	rs_buf_reset(&host);
	rs_buf_addf(&host, "%s/new/%s", dir, rs_buf_str(&name));
	*path = rs_strdup(rs_buf_str(&host));
	*status = 0;
	rc = 0;
out:
	if (cur != -1)
		close(cur);
	if (new != -1)
		close(new);
	if (tmp != -1)
		close(tmp);
	close(top);
	rs_buf_free(&host);
	rs_buf_free(&name);
	return rc;
}

/*
 * The message as sendmail's standard input: an unlinked file, not a pipe.
 * A pipe takes the message whole into its buffer and cannot tell whether
 * sendmail read it; a sendmail that read 100 bytes and exited 0 looked
 * like a delivery.  A file shares its offset with the child, so once it
 * has exited, the offset says how much of the message it read.
 */
static int
message_file(const char *message, size_t len)
{
	const char	*dir = getenv("TMPDIR");
	struct rs_buf	 path = { 0 };
	int		 fd, saved;

	if (dir == NULL || *dir != '/')
		dir = "/tmp";
	rs_buf_addf(&path, "%s/rs-sendmail.XXXXXX", dir);
	fd = mkstemp(path.s);
	saved = errno;
	if (fd != -1) {
		unlink(path.s);
		if (write_all(fd, message, len) == -1 ||
		    lseek(fd, 0, SEEK_SET) == -1) {
			saved = errno;
			close(fd);
			fd = -1;
		}
	}
	rs_buf_free(&path);
	errno = saved;
	return fd;
}

int
rs_sendmail(const char *program, const char *from, const char *recipient,
    const char *message, size_t *taken)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t	 deflt;
	char		*argv[7];
	size_t		 len = strlen(message);
	off_t		 at;
	pid_t		 pid;
	int		 fd, rc, status;

	if (taken != NULL)
		*taken = 0;
	if (program == NULL || *program == '\0' ||
	    rs_address_check(from) != NULL ||
	    rs_address_check(recipient) != NULL) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = message_file(message, len)) == -1)
		return -1;
	fcntl(fd, F_SETFD, FD_CLOEXEC);

	/* Never -t: the recipient is the one after "--", never a header. */
	argv[0] = (char *)program;
	argv[1] = "-i";
	argv[2] = "-f";
	argv[3] = (char *)from;
	argv[4] = "--";
	argv[5] = (char *)recipient;
	argv[6] = NULL;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, STDIN_FILENO);
	/* Our standard output is data; whatever sendmail says is not. */
	posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
	posix_spawnattr_init(&attr);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGPIPE);
	posix_spawnattr_setsigdefault(&attr, &deflt);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
	rc = posix_spawnp(&pid, program, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc != 0) {
		close(fd);
		errno = rc;
		return -1;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			rc = errno;
			close(fd);
			errno = rc;
			return -1;
		}
	at = lseek(fd, 0, SEEK_CUR);
	close(fd);
	if (taken != NULL && at > 0)
		*taken = (size_t)at < len ? (size_t)at : len;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	if (!WIFEXITED(status))
		return EX_SOFTWARE;
	/* It said yes without reading it all: not a delivery to record. */
	if (WEXITSTATUS(status) == 0 && (at < 0 || (size_t)at < len)) {
		errno = EPIPE;
		return -1;
	}
	return WEXITSTATUS(status);
}

/* ---- reading ------------------------------------------------------------- */

static void
add_utf8(struct rs_buf *b, unsigned long c)
{
	if (c < 0x80)
		rs_buf_addc(b, (int)c);
	else if (c < 0x800) {
		rs_buf_addc(b, (int)(0xc0 | (c >> 6)));
		rs_buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		rs_buf_addc(b, (int)(0xe0 | (c >> 12)));
		rs_buf_addc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		rs_buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		rs_buf_addc(b, (int)(0xf0 | (c >> 18)));
		rs_buf_addc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		rs_buf_addc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		rs_buf_addc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* s as valid UTF-8: each byte that is not becomes U+FFFD. */
static char *
utf8_repair(const char *s)
{
	struct rs_buf	 b = { 0 };
	size_t		 len, ok;

	if (s == NULL)
		s = "";
	len = strlen(s);
	while (len > 0) {
		ok = rs_utf8_invalid(s, len);
		rs_buf_add(&b, s, ok);
		if (ok == len)
			break;
		add_utf8(&b, 0xfffd);
		s += ok + 1;
		len -= ok + 1;
	}
	return b.s != NULL ? b.s : rs_strdup("");
}

/*
 * A text part as UTF-8.  Declared UTF-8 (or nothing, or ASCII): its
 * decoded bytes, each invalid one made U+FFFD, for GMime's conversion
 * would drop them without a trace.  Any other charset: GMime converts.
 */
static char *
part_text(GMimeTextPart *part)
{
	const char	*cs = g_mime_text_part_get_charset(part);
	GMimeDataWrapper *content;
	GMimeStream	*mem;
	GByteArray	*bytes;
	char		*raw, *text;

	if (cs != NULL && g_ascii_strcasecmp(cs, "utf-8") != 0 &&
	    g_ascii_strcasecmp(cs, "utf8") != 0 &&
	    g_ascii_strcasecmp(cs, "us-ascii") != 0) {
		raw = g_mime_text_part_get_text(part);
		text = utf8_repair(raw);
		g_free(raw);
		return text;
	}
	if ((content = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return rs_strdup("");
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(content, mem);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	raw = rs_strndup((const char *)bytes->data, bytes->len);
	g_object_unref(mem);
	text = utf8_repair(raw);
	free(raw);
	return text;
}

/* A header's text on one line: controls become spaces, ends trimmed. */
static char *
one_line(const char *s)
{
	char	*t, *p, *q;

	t = utf8_repair(s);
	for (p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	for (p = t; *p == ' '; p++)
		;
	q = p + strlen(p);
	while (q > p && q[-1] == ' ')
		q--;
	*q = '\0';
	memmove(t, p, (size_t)(q - p) + 1);
	return t;
}

/* Body text: valid UTF-8, LF line ends, no controls but tab and newline. */
static char *
body_clean(const char *s)
{
	char	*t, *p, *q;

	t = utf8_repair(s);
	for (p = q = t; *p; p++) {
		if (*p == '\r') {
			if (p[1] != '\n')
				*q++ = '\n';
			continue;
		}
		if (((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') ||
		    *p == 0x7f)
			continue;
		*q++ = *p;
	}
	*q = '\0';
	return t;
}

/* ---- HTML made text ------------------------------------------------------ */

struct html_text {
	struct rs_buf	 out;
	int		 space;		/* white space is pending */
	int		 breaks;	/* line breaks pending, at most 2 */
};

static void
ht_text(struct html_text *h, const char *s, size_t n)
{
	int	i;

	if (h->out.len > 0) {
		if (h->breaks > 0)
			for (i = 0; i < h->breaks; i++)
				rs_buf_addc(&h->out, '\n');
		else if (h->space)
			rs_buf_addc(&h->out, ' ');
	}
	h->breaks = h->space = 0;
	rs_buf_add(&h->out, s, n);
}

static void
ht_char(struct html_text *h, unsigned long c)
{
	struct rs_buf	b = { 0 };

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == 0xa0) {
		h->space = 1;
		return;
	}
	if (c < 0x20 || c == 0x7f || c == 0xad)	/* controls, soft hyphen */
		return;
	add_utf8(&b, c);
	ht_text(h, b.s, b.len);
	rs_buf_free(&b);
}

/* A block ends or starts: at least n line breaks (2: a paragraph). */
static void
ht_block(struct html_text *h, int n)
{
	if (h->breaks < n)
		h->breaks = n;
}

static const struct {
	const char	*name;
	unsigned long	 c;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xa0 },
	{ "aacute", 0xe1 }, { "eacute", 0xe9 }, { "iacute", 0xed },
	{ "oacute", 0xf3 }, { "uacute", 0xfa }, { "Aacute", 0xc1 },
	{ "Eacute", 0xc9 }, { "Iacute", 0xcd }, { "Oacute", 0xd3 },
	{ "Uacute", 0xda }, { "ntilde", 0xf1 }, { "Ntilde", 0xd1 },
	{ "uuml", 0xfc }, { "Uuml", 0xdc }, { "auml", 0xe4 }, { "euml", 0xeb },
	{ "iuml", 0xef }, { "ouml", 0xf6 }, { "agrave", 0xe0 },
	{ "egrave", 0xe8 }, { "igrave", 0xec }, { "ograve", 0xf2 },
	{ "ugrave", 0xf9 }, { "Agrave", 0xc0 }, { "Egrave", 0xc8 },
	{ "acirc", 0xe2 }, { "ecirc", 0xea }, { "icirc", 0xee },
	{ "ocirc", 0xf4 }, { "ucirc", 0xfb }, { "atilde", 0xe3 },
	{ "otilde", 0xf5 }, { "ccedil", 0xe7 }, { "Ccedil", 0xc7 },
	{ "iexcl", 0xa1 }, { "iquest", 0xbf }, { "ordf", 0xaa },
	{ "ordm", 0xba }, { "laquo", 0xab }, { "raquo", 0xbb },
	{ "copy", 0xa9 }, { "reg", 0xae }, { "deg", 0xb0 }, { "middot", 0xb7 },
	{ "shy", 0xad }, { "times", 0xd7 }, { "divide", 0xf7 },
	{ "sect", 0xa7 }, { "para", 0xb6 }, { "cent", 0xa2 }, { "pound", 0xa3 },
	{ "euro", 0x20ac }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
	{ "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bdquo", 0x201e },
	{ "hellip", 0x2026 }, { "bull", 0x2022 }, { "trade", 0x2122 },
	{ "zwsp", 0x200b }, { "ensp", ' ' }, { "emsp", ' ' },
	{ "thinsp", ' ' },
};

/* What HTML makes of &#128; to &#159;: the Windows-1252 characters. */
static const unsigned short cp1252[32] = {
	0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
	0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
};

/* The entity at s ("&..."): its character and length, or 0 if none. */
static size_t
entity(const char *s, unsigned long *c)
{
	const char	*p = s + 1;
	unsigned long	 v = 0;
	size_t		 i, n;
	int		 hex = 0, digits = 0;

	if (*p == '#') {
		p++;
		if (*p == 'x' || *p == 'X') {
			hex = 1;
			p++;
		}
		for (;; p++, digits++) {
			if (*p >= '0' && *p <= '9')
				v = v * (hex ? 16 : 10) + (unsigned long)(*p - '0');
			else if (hex && *p >= 'a' && *p <= 'f')
				v = v * 16 + (unsigned long)(*p - 'a' + 10);
			else if (hex && *p >= 'A' && *p <= 'F')
				v = v * 16 + (unsigned long)(*p - 'A' + 10);
			else
				break;
			if (v > 0x10ffff)
				v = 0x110000;
		}
		if (digits == 0)
			return 0;
		if (*p == ';')
			p++;
		if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			v = 0xfffd;
		else if (v >= 0x80 && v <= 0x9f)
			v = cp1252[v - 0x80];
		*c = v;
		return (size_t)(p - s);
	}
	for (n = 0; (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' &&
	    p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9'); n++)
		if (n > 10)
			return 0;
	if (n == 0 || p[n] != ';')
		return 0;
	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		if (strlen(entities[i].name) == n &&
		    strncmp(entities[i].name, p, n) == 0) {
			*c = entities[i].c;
			return n + 2;
		}
	return 0;
}

static int
tag_is(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* Past the end of the element name opened at s ("</name"), or NULL. */
static const char *
find_close(const char *s, const char *name)
{
	size_t	n = strlen(name);

	for (; (s = strchr(s, '<')) != NULL; s++)
		if (s[1] == '/' && strncasecmp(s + 2, name, n) == 0)
			return s + 2 + n;
	return NULL;
}

/* The end of the tag whose name ends at s: past its '>' (quotes kept). */
static const char *
tag_end(const char *s)
{
	char	q = 0;

	for (; *s != '\0'; s++) {
		if (q) {
			if (*s == q)
				q = 0;
		} else if (*s == '"' || *s == '\'')
			q = *s;
		else if (*s == '>')
			return s + 1;
	}
	return s;
}

/*
 * A simple reading of HTML as text: tags dropped, the common entities
 * decoded, white space collapsed, line breaks kept for <br>, paragraphs
 * for <p> and other blocks, list items on lines of their own.
 */
static char *
html_to_text(const char *html)
{
	static const char *const paragraph[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
		"table", "blockquote", "hr", "pre", "address", "center", NULL
	};
	static const char *const line[] = {
		"div", "li", "tr", "dt", "dd", "section", "article", "header",
		"footer", "form", "caption", "nav", "main", NULL
	};
	static const char *const hidden[] = {
		"head", "script", "style", "title", "template", NULL
	};
	struct html_text h = { { 0 }, 0, 0 };
	const char	*s = html, *p, *e;
	char		 name[16], *text;
	unsigned long	 c;
	size_t		 n, len;
	int		 closing;

	while (*s != '\0') {
		if (*s == '&') {
			if ((n = entity(s, &c)) > 0) {
				ht_char(&h, c);
				s += n;
			} else
				ht_text(&h, s++, 1);
			continue;
		}
		if (*s != '<') {
			/* One UTF-8 character, whole. */
			len = 1;
			while ((s[len] & 0xc0) == 0x80)
				len++;
			if (len == 1)
				ht_char(&h, (unsigned char)*s);
			else
				ht_text(&h, s, len);
			s += len;
			continue;
		}
		if (strncmp(s, "<!--", 4) == 0) {
			e = strstr(s + 4, "-->");
			s = e != NULL ? e + 3 : s + strlen(s);
			continue;
		}
		if (s[1] == '!' || s[1] == '?') {
			s = tag_end(s + 2);
			continue;
		}
		p = s + 1;
		closing = *p == '/';
		if (closing)
			p++;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
			ht_text(&h, s++, 1);	/* a bare "<" */
			continue;
		}
		for (n = 0; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'); p++)
			if (n < sizeof(name) - 1)
				name[n++] = (char)(*p | 0x20);
		name[n] = '\0';
		s = tag_end(p);
		if (!closing && tag_is(name, hidden) &&
		    (e = find_close(s, name)) != NULL) {
			s = tag_end(e);
			continue;
		}
		if (strcmp(name, "br") == 0) {
			if (h.breaks < 2)
				h.breaks++;
		} else if (tag_is(name, paragraph))
			ht_block(&h, 2);
		else if (tag_is(name, line)) {
			ht_block(&h, 1);
			if (!closing && strcmp(name, "li") == 0) {
				ht_text(&h, "-", 1);
				h.space = 1;
			}
		} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
			h.space = 1;
	}
	text = rs_strdup(rs_buf_str(&h.out));
	rs_buf_free(&h.out);
	return text;
}

/* ---- parsing ------------------------------------------------------------- */

static int	parse_message(GMimeMessage *, struct rs_mail_in *, int depth);

struct parts {
	GMimeObject	*plain;
	GMimeObject	*html;
	struct rs_buf	 attachments;
	struct rs_mail_in *mi;
	int		 in_report;
};

/* What a memory stream holds, NUL-terminated; the stream is released. */
static char *
stream_bytes(GMimeStream *mem, size_t *len)
{
	GByteArray	*bytes;
	char		*data;

	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	*len = bytes->len;
	data = rs_malloc(bytes->len + 1);
	if (bytes->len > 0)
		memcpy(data, bytes->data, bytes->len);
	data[bytes->len] = '\0';
	g_object_unref(mem);
	return data;
}

/* The decoded bytes of a leaf part. */
static char *
part_bytes(GMimePart *part, size_t *len)
{
	GMimeDataWrapper *content;
	GMimeStream	*mem;

	*len = 0;
	if ((content = g_mime_part_get_content(part)) == NULL)
		return rs_strdup("");
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(content, mem);
	return stream_bytes(mem, len);
}

/* An object written out as it is (headers and encoded body). */
static char *
object_bytes(GMimeObject *o, size_t *len)
{
	GMimeStream	*mem;

	mem = g_mime_stream_mem_new();
	g_mime_object_write_to_stream(o, NULL, mem);
	return stream_bytes(mem, len);
}

static void
add_doc(struct rs_mail_in *mi, const char *name, const char *type,
    char *data, size_t len)
{
	struct rs_attachment *d;
	char	*p;

	mi->docs = rs_realloc(mi->docs, (mi->ndocs + 1) * sizeof(*mi->docs));
	d = &mi->docs[mi->ndocs++];
	d->name = one_line(name);
	/* a file name, not a path: whatever writes it out later */
	for (p = d->name; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	if (*d->name == '\0' || strcmp(d->name, ".") == 0 ||
	    strcmp(d->name, "..") == 0) {
		free(d->name);
		d->name = rs_strdup("adjunto");
	}
	d->type = one_line(type);
	d->data = data;
	d->len = len;
}

static void
note_attachment(struct parts *w, const char *filename)
{
	char	*name;

	name = one_line(filename);
	if (*name != '\0') {
		if (w->attachments.len > 0)
			rs_buf_adds(&w->attachments, ", ");
		rs_buf_adds(&w->attachments, name);
	}
	free(name);
}

static void
add_id(char ***list, size_t *n, const char *id)
{
	size_t	i;
	char	*v;

	if (id == NULL || *id == '\0')
		return;
	v = one_line(id);
	if (*v == '\0' || strlen(v) > 998) {
		free(v);
		return;
	}
	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], v) == 0) {
			free(v);
			return;
		}
	*list = rs_realloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = v;
}

/* Every Message-ID in a header's text ("<a@b> <c@d>"). */
static void
add_ids(char ***list, size_t *n, const char *text)
{
	GMimeReferences	*refs;
	int		 i, k;

	if (text == NULL)
		return;
	if ((refs = g_mime_references_parse(NULL, text)) == NULL)
		return;
	k = g_mime_references_length(refs);
	for (i = 0; i < k; i++)
		add_id(list, n, g_mime_references_get_message_id(refs, i));
	g_mime_references_free(refs);
}

/* "Message-ID: <…>" lines in returned text: a bounce that quotes the
 * message inline (Exim, many appliances) instead of attaching it. */
static void
scan_ids(struct rs_mail_in *mi, const char *text)
{
	const char	*p, *line;

	for (line = text; line && *line; line = p ? p + 1 : NULL) {
		p = strchr(line, '\n');
		while (*line == ' ' || *line == '\t' || *line == '>')
			line++;
		if (strncasecmp(line, "Message-ID:", 11) == 0) {
			char *one = p ? rs_strndup(line + 11,
			    (size_t)(p - line - 11)) : rs_strdup(line + 11);

			add_ids(&mi->returned, &mi->nreturned, one);
			free(one);
		}
		if (p == NULL)
			break;
	}
}

/* The returned message's identity, from a message/rfc822 or
 * text/rfc822-headers part of a report. */
static void
returned_headers(struct rs_mail_in *mi, const char *text, size_t len)
{
	GMimeParser	*parser;
	GMimeStream	*stream;
	GMimeMessage	*msg;

	stream = g_mime_stream_mem_new_with_buffer(text, len);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (msg != NULL) {
		add_id(&mi->returned, &mi->nreturned,
		    g_mime_message_get_message_id(msg));
		g_object_unref(msg);
	}
}

/* One "Name: value" field of a delivery-status group, if it is name. */
static void
dsn_field(char **dst, const char *line, size_t n, const char *name)
{
	size_t	 k = strlen(name);
	const char *v;

	if (*dst != NULL || n <= k || strncasecmp(line, name, k) != 0 ||
	    line[k] != ':')
		return;
	v = line + k + 1;
	n -= k + 1;
	while (n > 0 && (*v == ' ' || *v == '\t'))
		v++, n--;
	/* "rfc822; addr", "smtp; 550 …", "dns; host": the type goes */
	if (strcmp(name, "Status") && strcmp(name, "Action")) {
		const char *semi = memchr(v, ';', n);

		if (semi != NULL) {
			n -= (size_t)(semi + 1 - v);
			v = semi + 1;
			while (n > 0 && *v == ' ')
				v++, n--;
		}
	}
	{
		char *raw = rs_strndup(v, n), *p, *q;

		*dst = one_line(raw);
		free(raw);
		/* a folded Diagnostic-Code: one space where lines joined */
		for (p = q = *dst; *p; p++)
			if (*p != ' ' || q == *dst || q[-1] != ' ')
				*q++ = *p;
		*q = '\0';
	}
}

/* One unfolded line of a delivery-status part: the fields kept. */
static void
dsn_line(struct rs_mail_in *mi, const struct rs_buf *line)
{
	if (line->len == 0)
		return;
	dsn_field(&mi->dsn_action, line->s, line->len, "Action");
	dsn_field(&mi->dsn_status, line->s, line->len, "Status");
	dsn_field(&mi->dsn_diagnostic, line->s, line->len, "Diagnostic-Code");
	dsn_field(&mi->dsn_recipient, line->s, line->len, "Final-Recipient");
}

/*
 * RFC 3464 section 2: a per-message group, then per-recipient groups.
 * The first recipient's fields are the ones kept; continuation lines
 * (folded Diagnostic-Code) are joined.
 */
static void
delivery_status(struct rs_mail_in *mi, const char *text)
{
	struct rs_buf	 line = { 0 };
	const char	*p, *nl;

	for (p = text; p && *p; p = nl ? nl + 1 : NULL) {
		size_t n;

		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0 && (*p == ' ' || *p == '\t') && line.len > 0) {
			rs_buf_add(&line, p, n);
		} else {
			dsn_line(mi, &line);
			rs_buf_reset(&line);
			rs_buf_add(&line, p, n);
		}
		if (nl == NULL)
			break;
	}
	dsn_line(mi, &line);
	rs_buf_free(&line);
	if (mi->dsn_action != NULL) {
		char *q;

		for (q = mi->dsn_action; *q; q++)
			*q = (char)g_ascii_tolower(*q);
	}
}

/* RFC 8098 section 3.2: the fields of a read receipt that matter here. */
static void
disposition(struct rs_mail_in *mi, const char *text)
{
	const char	*p, *nl;
	char		*id = NULL;

	for (p = text; p && *p; p = nl ? nl + 1 : NULL) {
		size_t n;

		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (strncasecmp(p, "Disposition:", 12) == 0 &&
		    mi->mdn_disposition == NULL) {
			char *raw = rs_strndup(p + 12, n - 12);

			mi->mdn_disposition = one_line(raw);
			free(raw);
		} else if (strncasecmp(p, "Original-Message-ID:", 20) == 0 &&
		    id == NULL)
			id = rs_strndup(p + 20, n - 20);
		else
			dsn_field(&mi->dsn_recipient, p, n, "Final-Recipient");
	}
	if (id != NULL) {
		add_ids(&mi->returned, &mi->nreturned, id);
		free(id);
	}
}

static void
walk_parts(GMimeObject *o, struct parts *w, int depth)
{
	GMimeContentDisposition *disp;
	GMimeContentType *ct;
	const char	*fn, *rt;
	char		*data, *type;
	size_t		 len;
	int		 i, n, was;

	if (o == NULL || depth > NESTING_MAX)
		return;
	ct = g_mime_object_get_content_type(o);
	if (GMIME_IS_MULTIPART(o)) {
		was = w->in_report;
		if (g_mime_content_type_is_type(ct, "multipart", "report") &&
		    (rt = g_mime_content_type_get_parameter(ct,
		    "report-type")) != NULL) {
			if (g_ascii_strcasecmp(rt, "delivery-status") == 0) {
				w->mi->report = 1;
				w->in_report = 1;
			} else if (g_ascii_strcasecmp(rt,
			    "disposition-notification") == 0) {
				w->mi->mdn = 1;
				w->in_report = 1;
			}
		}
		n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < n; i++)
			walk_parts(g_mime_multipart_get_part(GMIME_MULTIPART(o),
			    i), w, depth + 1);
		w->in_report = was;
		return;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *inner = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o));

		if (w->in_report) {
			/* the message a report returns: its identity */
			if (inner != NULL)
				add_id(&w->mi->returned, &w->mi->nreturned,
				    g_mime_message_get_message_id(inner));
			return;
		}
		/* A forwarded message is an attachment, named or not, and
		 * the first one is also read as the message it is. */
		disp = g_mime_object_get_content_disposition(o);
		fn = disp != NULL ? g_mime_content_disposition_get_parameter(disp,
		    "filename") : NULL;
		note_attachment(w, fn != NULL && *fn ? fn : "mensaje.eml");
		if (inner != NULL) {
			data = object_bytes(GMIME_OBJECT(inner), &len);
			add_doc(w->mi, fn != NULL && *fn ? fn : "mensaje.eml",
			    "message/rfc822", data, len);
			if (w->mi->forwarded == NULL && depth < NESTING_MAX) {
				struct rs_mail_in *f = rs_calloc(1, sizeof(*f));

				if (parse_message(inner, f, depth + 1) == 0)
					w->mi->forwarded = f;
				else {
					rs_mail_free(f);
					free(f);
				}
			}
		}
		return;
	}
	if (!GMIME_IS_PART(o))
		return;
	if (w->in_report) {
		if (g_mime_content_type_is_type(ct, "message",
		    "disposition-notification") || g_mime_content_type_is_type(
		    ct, "message", "global-disposition-notification")) {
			data = part_bytes(GMIME_PART(o), &len);
			disposition(w->mi, data);
			free(data);
			return;
		}
		if (g_mime_content_type_is_type(ct, "message",
		    "delivery-status") || g_mime_content_type_is_type(ct,
		    "message", "global-delivery-status")) {
			data = part_bytes(GMIME_PART(o), &len);
			delivery_status(w->mi, data);
			free(data);
			return;
		}
		if (g_mime_content_type_is_type(ct, "text", "rfc822-headers") ||
		    g_mime_content_type_is_type(ct, "message",
		    "global-headers")) {
			data = part_bytes(GMIME_PART(o), &len);
			returned_headers(w->mi, data, len);
			free(data);
			return;
		}
	}
	fn = g_mime_part_get_filename(GMIME_PART(o));
	if (fn != NULL && *fn != '\0') {
		note_attachment(w, fn);
		data = part_bytes(GMIME_PART(o), &len);
		type = g_mime_content_type_get_mime_type(ct);
		add_doc(w->mi, fn, type, data, len);
		g_free(type);
		return;
	}
	if (g_mime_part_is_attachment(GMIME_PART(o)) || !GMIME_IS_TEXT_PART(o)) {
		/* a document without a name is still a document */
		if (!g_mime_content_type_is_type(ct, "text", "*") ||
		    g_mime_part_is_attachment(GMIME_PART(o))) {
			data = part_bytes(GMIME_PART(o), &len);
			type = g_mime_content_type_get_mime_type(ct);
			add_doc(w->mi, "adjunto", type, data, len);
			g_free(type);
		}
		return;
	}
	if (w->plain == NULL && g_mime_content_type_is_type(ct, "text", "plain"))
		w->plain = o;
	else if (w->html == NULL &&
	    g_mime_content_type_is_type(ct, "text", "html"))
		w->html = o;
}

/* The date of the top-most Received: header (after its last ';'). */
static int
received_date(GMimeMessage *msg, rs_time *t)
{
	GMimeHeaderList	*hl;
	GMimeHeader	*h;
	GDateTime	*dt;
	const char	*v, *semi;
	int		 i, n;

	hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	n = g_mime_header_list_get_count(hl);
	for (i = 0; i < n; i++) {
		h = g_mime_header_list_get_header_at(hl, i);
		if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received"))
			continue;
		if ((v = g_mime_header_get_value(h)) == NULL ||
		    (semi = strrchr(v, ';')) == NULL)
			return -1;
		if ((dt = g_mime_utils_header_decode_date(semi + 1)) == NULL)
			return -1;
		*t = g_date_time_to_unix(dt);
		g_date_time_unref(dt);
		return 0;
	}
	return -1;
}

static InternetAddressMailbox *
first_mailbox(InternetAddressList *list, int depth)
{
	InternetAddressMailbox *mb;
	InternetAddress	*ia;
	int		 i, n;

	if (list == NULL || depth > 2)
		return NULL;
	n = internet_address_list_length(list);
	for (i = 0; i < n; i++) {
		ia = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			return INTERNET_ADDRESS_MAILBOX(ia);
		if (INTERNET_ADDRESS_IS_GROUP(ia) && (mb = first_mailbox(
		    internet_address_group_get_members(
		    INTERNET_ADDRESS_GROUP(ia)), depth + 1)) != NULL)
			return mb;
	}
	return NULL;
}

/* Every address of a header, space separated, into b. */
static void
header_addresses(GMimeMessage *msg, const char *name, struct rs_buf *b)
{
	GMimeHeaderList	*hl;
	GMimeHeader	*h;
	InternetAddressList *list;
	InternetAddress	*ia;
	int		 i, n, k, m;

	hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	n = g_mime_header_list_get_count(hl);
	for (i = 0; i < n; i++) {
		h = g_mime_header_list_get_header_at(hl, i);
		if (g_ascii_strcasecmp(g_mime_header_get_name(h), name))
			continue;
		if ((list = internet_address_list_parse(NULL,
		    g_mime_header_get_value(h))) == NULL)
			continue;
		m = internet_address_list_length(list);
		for (k = 0; k < m; k++) {
			ia = internet_address_list_get_address(list, k);
			if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
				continue;
			if (b->len > 0)
				rs_buf_addc(b, ' ');
			rs_buf_adds(b, internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia)));
		}
		g_object_unref(list);
	}
}

/*
 * RFC 3834 section 5 (Auto-Submitted), and the marks that vacation
 * programs, Exchange and mailing lists use instead: the first found.
 */
static char *
automatic_mark(GMimeMessage *msg)
{
	static const char *const marks[] = {
		"Auto-Submitted", "X-Autoreply", "X-Autorespond",
		"X-Auto-Response-Suppress", "Precedence", "List-Id",
		"List-Unsubscribe", "X-Autogenerated", "X-AutoReply-From",
		"X-Mail-Autoreply", "X-FC-MachineGenerated", NULL
	};
	const char	*v;
	char		*val, *out;
	size_t		 i;

	for (i = 0; marks[i]; i++) {
		if ((v = g_mime_object_get_header(GMIME_OBJECT(msg),
		    marks[i])) == NULL)
			continue;
		val = one_line(v);
		if (strcmp(marks[i], "Auto-Submitted") == 0 &&
		    strncasecmp(val, "no", 2) == 0 &&
		    (val[2] == '\0' || val[2] == ' ' || val[2] == ';')) {
			free(val);
			continue;	/* "no": a person wrote it */
		}
		if (strcmp(marks[i], "Precedence") == 0 &&
		    strcasecmp(val, "bulk") && strcasecmp(val, "junk") &&
		    strcasecmp(val, "list")) {
			free(val);
			continue;
		}
		if (strcmp(marks[i], "X-Auto-Response-Suppress") == 0 &&
		    (strcasecmp(val, "none") == 0 || *val == '\0')) {
			free(val);
			continue;
		}
		out = rs_malloc(strlen(marks[i]) + strlen(val) + 3);
		sprintf(out, "%s: %s", marks[i], val);
		free(val);
		return out;
	}
	return NULL;
}

static int
parse_message(GMimeMessage *msg, struct rs_mail_in *mi, int depth)
{
	InternetAddressMailbox *mb;
	GDateTime	*date;
	struct parts	 w = { NULL, NULL, { 0 }, NULL, 0 };
	struct rs_buf	 rc = { 0 };
	const char	*addr, *id, *rp;
	char		*text, *fixed;

	mb = first_mailbox(g_mime_message_get_from(msg), 0);
	addr = mb != NULL ? internet_address_mailbox_get_addr(mb) : NULL;
	if (addr == NULL || strchr(addr, '@') == NULL)
		return -1;
	mi->from_addr = one_line(addr);
	mi->from_name = one_line(internet_address_get_name(
	    INTERNET_ADDRESS(mb)));
	mb = first_mailbox(g_mime_message_get_reply_to(msg), 0);
	addr = mb != NULL ? internet_address_mailbox_get_addr(mb) : NULL;
	if (addr != NULL && strchr(addr, '@') != NULL) {
		mi->reply_to_addr = one_line(addr);
		mi->reply_to_name = one_line(internet_address_get_name(
		    INTERNET_ADDRESS(mb)));
	}
	mi->subject = one_line(g_mime_message_get_subject(msg));
	id = g_mime_message_get_message_id(msg);
	if (id != NULL && *id != '\0') {
		mi->message_id = one_line(id);
		if (*mi->message_id == '\0') {
			free(mi->message_id);
			mi->message_id = NULL;
		}
	}
	add_ids(&mi->refs, &mi->nrefs, g_mime_object_get_header(
	    GMIME_OBJECT(msg), "In-Reply-To"));
	add_ids(&mi->refs, &mi->nrefs, g_mime_object_get_header(
	    GMIME_OBJECT(msg), "References"));
	mi->auto_mark = automatic_mark(msg);
	if ((rp = g_mime_object_get_header(GMIME_OBJECT(msg),
	    "Return-Path")) != NULL) {
		char *v = one_line(rp);

		mi->null_sender = strcmp(v, "<>") == 0 || *v == '\0';
		free(v);
	}
	header_addresses(msg, "Delivered-To", &rc);
	header_addresses(msg, "X-Original-To", &rc);
	header_addresses(msg, "To", &rc);
	mi->rcpts = rc.s != NULL ? rc.s : rs_strdup("");

	if (received_date(msg, &mi->received) == 0)
		mi->has_time = 1;
	else if ((date = g_mime_message_get_date(msg)) != NULL) {
		mi->received = g_date_time_to_unix(date);
		mi->has_time = 1;
	}

	w.mi = mi;
	walk_parts(g_mime_message_get_mime_part(msg), &w, depth);
	if (w.plain != NULL) {
		text = part_text(GMIME_TEXT_PART(w.plain));
		mi->body = body_clean(text);
		free(text);
	} else if (w.html != NULL) {
		fixed = part_text(GMIME_TEXT_PART(w.html));
		text = html_to_text(fixed);
		free(fixed);
		mi->body = body_clean(text);
		free(text);
	} else
		mi->body = rs_strdup("");
	if (w.attachments.len > 0)
		mi->attachments = rs_strdup(rs_buf_str(&w.attachments));
	rs_buf_free(&w.attachments);
	/* a bounce that quotes what it returns in its text */
	if (mi->nreturned == 0)
		scan_ids(mi, mi->body);
	return 0;
}

static int
read_all(FILE *fp, struct rs_buf *b, size_t max)
{
	char	chunk[8192];
	size_t	n;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		rs_buf_add(b, chunk, n);
		if (max > 0 && b->len > max)
			return -2;
	}
	return ferror(fp) ? -1 : 0;
}

int
rs_mail_parse(FILE *fp, struct rs_mail_in *mi, const char **err)
{
	return rs_mail_parse_bounded(fp, 0, mi, err);
}

int
rs_mail_parse_bounded(FILE *fp, size_t max, struct rs_mail_in *mi,
    const char **err)
{
	static char	 toobig[128];
	GMimeParser	*parser;
	GMimeStream	*stream;
	GMimeMessage	*msg;
	struct rs_buf	 in = { 0 };
	int		 rc;

	memset(mi, 0, sizeof(*mi));
	if ((rc = read_all(fp, &in, max)) != 0) {
		rs_buf_free(&in);
		if (rc == -2) {
			snprintf(toobig, sizeof(toobig), "the message is "
			    "over %zu bytes (setting max_message); nothing "
			    "was registered", max);
			*err = toobig;
		} else
			*err = "cannot read the message";
		return -1;
	}
	mime_init();
	stream = g_mime_stream_mem_new_with_buffer(in.s != NULL ? in.s : "",
	    in.len);
	parser = g_mime_parser_new_with_stream(stream);
	/* As an MTA or a mailbox hands it over: after a "From " line. */
	if (in.len >= 5 && memcmp(in.s, "From ", 5) == 0)
		g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (msg == NULL || g_mime_header_list_get_count(
	    g_mime_object_get_header_list(GMIME_OBJECT(msg))) == 0) {
		if (msg != NULL)
			g_object_unref(msg);
		rs_buf_free(&in);
		*err = "not an RFC 5322 message";
		return -1;
	}
	if (parse_message(msg, mi, 0) == -1) {
		g_object_unref(msg);
		rs_buf_free(&in);
		rs_mail_free(mi);
		*err = "no From address";
		return -1;
	}
	g_object_unref(msg);
	mi->raw = in.s != NULL ? in.s : rs_strdup("");
	mi->raw_len = in.len;
	return 0;
}

static void
free_list(char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
rs_mail_free(struct rs_mail_in *mi)
{
	size_t	i;

	if (mi == NULL)
		return;
	free(mi->from_name);
	free(mi->from_addr);
	free(mi->reply_to_name);
	free(mi->reply_to_addr);
	free(mi->subject);
	free(mi->message_id);
	free(mi->body);
	free(mi->attachments);
	free_list(mi->refs, mi->nrefs);
	free(mi->auto_mark);
	free(mi->rcpts);
	free(mi->dsn_action);
	free(mi->dsn_status);
	free(mi->dsn_diagnostic);
	free(mi->dsn_recipient);
	free(mi->mdn_disposition);
	free_list(mi->returned, mi->nreturned);
	for (i = 0; i < mi->ndocs; i++) {
		free(mi->docs[i].name);
		free(mi->docs[i].type);
		free(mi->docs[i].data);
	}
	free(mi->docs);
	if (mi->forwarded != NULL) {
		rs_mail_free(mi->forwarded);
		free(mi->forwarded);
	}
	free(mi->raw);
	memset(mi, 0, sizeof(*mi));
}
