/*
 * template.c - notices from templates (DESIGN §7)
 *
 * A template is UTF-8 text of at most 64 KiB: header lines "Name: value",
 * a blank line, then the body.  Placeholders:
 *
 *	{{name}}		the value of name; an unknown name is an error
 *	{{#name}} … {{/name}}	what lies between, only when name is set
 *				and not empty (an absent name is empty)
 *
 * Names are made of a-z, 0-9 and '_'.  A placeholder never spans lines;
 * a block may, and blocks nest.  Inside a block that is left out only the
 * syntax is checked, so {{#x}}{{x}}{{/x}} needs no x.  A body line that
 * holds a block tag and renders to nothing but blanks is left out with
 * its line end, so that a block may sit on lines of its own and a line
 * such as "{{#telefono}}Teléfono: {{telefono}}{{/telefono}}" disappears
 * when there is no telephone.  In a header a block opens and closes on
 * the same line, line breaks and other controls in a value become
 * spaces (a value must never make a header of its own), and a header
 * whose value renders empty is left out.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rs.h"

#ifndef RS_SHAREDIR
#define RS_SHAREDIR	"/usr/local/share/rs"
#endif

#define TEMPLATE_MAX	(64 * 1024)	/* bytes in a template file */
#define KIND_MAX	32		/* ^[a-z_]{1,32}$ */
#define NAME_MAX_LEN	64		/* bytes in a placeholder name */
#define DEPTH_MAX	8		/* blocks open at once */

struct rs_vars {
	char	**names;
	char	**values;
	size_t	  n;
	size_t	  cap;
};

struct rs_vars *
rs_vars_new(void)
{
	return rs_calloc(1, sizeof(struct rs_vars));
}

/* A NULL value is stored as the empty string. */
void
rs_vars_set(struct rs_vars *v, const char *name, const char *value)
{
	size_t	i;

	if (value == NULL)
		value = "";
	for (i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0) {
			free(v->values[i]);
			v->values[i] = rs_strdup(value);
			return;
		}
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->names = rs_realloc(v->names, v->cap * sizeof(char *));
		v->values = rs_realloc(v->values, v->cap * sizeof(char *));
	}
	v->names[v->n] = rs_strdup(name);
	v->values[v->n] = rs_strdup(value);
	v->n++;
}

const char *
rs_vars_get(const struct rs_vars *v, const char *name)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->values[i];
	return NULL;
}

void
rs_vars_free(struct rs_vars *v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		free(v->names[i]);
		free(v->values[i]);
	}
	free(v->names);
	free(v->values);
	free(v);
}

/* ---- the headers a template may set ----------------------------------- */

/*
 * A template writes the text of a notice, never where it goes nor how it
 * travels: a Bcc or a Cc would send it to someone the request does not
 * name, a Received would forge its path.  So a template sets only these;
 * rs sets its own (and any Content-*) from the request and the office.
 */
static const struct {
	const char		*name;
	enum rs_header_use	 use;
} headers[] = {
	{ "Subject",			RS_HEADER_TEXT },
	{ "Reply-To",			RS_HEADER_ADDRESS },
	{ "Organization",		RS_HEADER_TEXT },
	{ "Keywords",			RS_HEADER_TEXT },
	{ "Comments",			RS_HEADER_TEXT },
	{ "From",			RS_HEADER_OWN },
	{ "To",				RS_HEADER_OWN },
	{ "Date",			RS_HEADER_OWN },
	{ "Message-ID",			RS_HEADER_OWN },
	{ "MIME-Version",		RS_HEADER_OWN },
	{ "Auto-Submitted",		RS_HEADER_OWN },
	{ "Disposition-Notification-To", RS_HEADER_OWN },
	{ NULL,				RS_HEADER_UNKNOWN }
};

enum rs_header_use
rs_template_header(const char *name, size_t len)
{
	size_t	i;

	if (len >= 8 && strncasecmp(name, "Content-", 8) == 0)
		return RS_HEADER_OWN;
	for (i = 0; headers[i].name != NULL; i++)
		if (strlen(headers[i].name) == len &&
		    strncasecmp(headers[i].name, name, len) == 0)
			return headers[i].use;
	return RS_HEADER_UNKNOWN;
}

const char *
rs_template_headers(void)
{
	static char	list[256];
	size_t		i, n = 0;

	if (list[0] == '\0')
		for (i = 0; headers[i].name != NULL; i++)
			if (headers[i].use != RS_HEADER_OWN &&
			    n < sizeof(list))
				n += (size_t)snprintf(list + n,
				    sizeof(list) - n, "%s%s", n > 0 ? ", " : "",
				    headers[i].name);
	return list;
}

/* ---- finding a template ------------------------------------------------- */

static int
kind_valid(const char *kind)
{
	size_t	n;

	for (n = 0; kind[n] != '\0'; n++)
		if ((kind[n] < 'a' || kind[n] > 'z') && kind[n] != '_')
			return 0;
	return n >= 1 && n <= KIND_MAX;
}

/*
 * dir + sub + "/" + kind + ".txt" when readable, else NULL.  What is
 * there but is not a file of its own (a symbolic link, a FIFO), and a
 * directory the office names (own) that is a link, is returned all the
 * same: rendering it says why it is refused, rather than another
 * template taking its place without a word.
 */
static char *
readable(const char *dir, const char *sub, const char *kind, int own)
{
	struct rs_buf	b = { NULL, 0, 0 };
	struct stat	sb;

	if (own && lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
		return rs_strdup(dir);
	rs_buf_addf(&b, "%s%s/%s.txt", dir, sub, kind);
	if (lstat(b.s, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISDIR(sb.st_mode))
		return b.s;
	if (access(b.s, R_OK) == 0)
		return b.s;
	rs_buf_free(&b);
	return NULL;
}

/* The directory of the running program, or NULL when unknown. */
static char *
program_dir(void)
{
	char	 buf[PATH_MAX];
	char	*slash;
	ssize_t	 n;

	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0 || (size_t)n >= sizeof(buf) - 1)
		return NULL;
	buf[n] = '\0';
	if (buf[0] != '/' || (slash = strrchr(buf, '/')) == NULL)
		return NULL;
	if (slash == buf)
		slash++;	/* a program in / */
	*slash = '\0';
	return rs_strdup(buf);
}

char *
rs_template_path(const char *office_dir, const char *kind)
{
	const char	*env;
	char		*dir, *path;

	/* The kind becomes part of a file name: no "/", no "..". */
	if (kind == NULL || !kind_valid(kind))
		return NULL;
	if (office_dir != NULL && *office_dir != '\0' &&
	    (path = readable(office_dir, "", kind, 1)) != NULL)
		return path;
	if ((env = getenv("RS_TEMPLATES")) != NULL && *env != '\0' &&
	    (path = readable(env, "", kind, 1)) != NULL)
		return path;
	/* the build tree (cmd beside share/), then an installed tree found
	 * from the program itself (bin/../share/rs), so a package built
	 * for one prefix and unpacked under another still finds its own */
	if ((dir = program_dir()) != NULL) {
		path = readable(strcmp(dir, "/") == 0 ? "" : dir,
		    "/share/rs/templates", kind, 0);
		if (path == NULL)
			path = readable(dir, "/../share/rs/templates", kind,
			    0);
		free(dir);
		if (path != NULL)
			return path;
	}
	return readable(RS_SHAREDIR, "/templates", kind, 0);
}

/* ---- rendering -------------------------------------------------------- */

static char	errbuf[PATH_MAX + 256];
static int	status = EX_CONFIG;	/* of the last refusal */

int
rs_template_status(void)
{
	return status;
}

struct block {
	char	 name[NAME_MAX_LEN + 1];
	long	 line;
	int	 hides;		/* this block is left out */
};

struct render {
	const char		*path;
	const struct rs_vars	*vars;
	long			 line;
	struct rs_buf		 out;
	struct block		 stack[DEPTH_MAX];
	int			 depth;
	int			 hidden;	/* open blocks that are left out */
	int			 had_tag;	/* a block tag on this line */
};

static int __attribute__((format(printf, 2, 3)))
fail(struct render *r, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	n = snprintf(errbuf, sizeof(errbuf), "%s:%ld: ", r->path, r->line);
	if (n < 0 || (size_t)n >= sizeof(errbuf))
		return -1;
	va_start(ap, fmt);
	vsnprintf(errbuf + n, sizeof(errbuf) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int
name_valid(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || n > NAME_MAX_LEN)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] < 'a' || s[i] > 'z') && (s[i] < '0' || s[i] > '9') &&
		    s[i] != '_')
			return 0;
	return 1;
}

static const char *
find2(const char *s, const char *end, char c)
{
	for (; s + 1 < end; s++)
		if (s[0] == c && s[1] == c)
			return s;
	return NULL;
}

static void
emit(struct render *r, const char *s, size_t n)
{
	if (r->hidden == 0 && n > 0)
		rs_buf_add(&r->out, s, n);
}

/* One tag, the text between "{{" and "}}". */
static int
tag(struct render *r, const char *t, size_t n)
{
	struct block	*b;
	const char	*value;
	char		 name[NAME_MAX_LEN + 1];
	char		 sigil = '\0';

	if (n > 0 && (t[0] == '#' || t[0] == '/'))
		sigil = *t++, n--;
	if (!name_valid(t, n)) {
		/* Quote at most 40 bytes, never half a character. */
		if (n > 40)
			for (n = 40; n > 0 && (t[n] & 0xc0) == 0x80; n--)
				;
		return fail(r, "bad placeholder {{%.*s%.*s}}: a name is made "
		    "of a-z, 0-9 and _", sigil ? 1 : 0, &sigil, (int)n, t);
	}
	memcpy(name, t, n);
	name[n] = '\0';
	if (sigil == '#') {
		if (r->depth == DEPTH_MAX)
			return fail(r, "blocks nested deeper than %d",
			    DEPTH_MAX);
		value = rs_vars_get(r->vars, name);
		b = &r->stack[r->depth++];
		memcpy(b->name, name, n + 1);
		b->line = r->line;
		b->hides = r->hidden > 0 || value == NULL || *value == '\0';
		r->hidden += b->hides;
		r->had_tag = 1;
	} else if (sigil == '/') {
		if (r->depth == 0)
			return fail(r, "{{/%s}} closes no block", name);
		b = &r->stack[r->depth - 1];
		if (strcmp(b->name, name) != 0)
			return fail(r, "{{/%s}} where {{#%s}} of line %ld "
			    "should be closed", name, b->name, b->line);
		r->hidden -= b->hides;
		r->depth--;
		r->had_tag = 1;
	} else if (r->hidden == 0) {
		if ((value = rs_vars_get(r->vars, name)) == NULL)
			return fail(r, "unknown placeholder {{%s}}", name);
		rs_buf_adds(&r->out, value);
	}
	return 0;
}

/* The text of one line, without its line end. */
static int
text(struct render *r, const char *s, const char *end)
{
	const char	*open, *close;

	while (s < end) {
		if ((open = find2(s, end, '{')) == NULL) {
			emit(r, s, (size_t)(end - s));
			break;
		}
		emit(r, s, (size_t)(open - s));
		if ((close = find2(open + 2, end, '}')) == NULL)
			return fail(r, "unclosed {{");
		if (tag(r, open + 2, (size_t)(close - open - 2)) == -1)
			return -1;
		s = close + 2;
	}
	return 0;
}

static int
blank(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Header "Name: value": a name of letters, digits and '-'. */
static const char *
header_colon(const char *s, const char *end)
{
	const char	*p;

	for (p = s; p < end && *p != ':'; p++)
		if (!(*p >= 'A' && *p <= 'Z') && !(*p >= 'a' && *p <= 'z') &&
		    !(*p >= '0' && *p <= '9') && *p != '-')
			return NULL;
	return p < end && p > s ? p : NULL;
}

static int
header(struct render *r, const char *s, const char *end, struct rs_buf *out)
{
	const char	*colon, *v;
	char		*p;
	size_t		 i, j;

	if ((colon = header_colon(s, end)) == NULL)
		return fail(r, "expected a header line Name: value, "
		    "or a blank line before the body");
	switch (rs_template_header(s, (size_t)(colon - s))) {
	case RS_HEADER_OWN:
		return fail(r, "%.*s: set by rs, not by a template",
		    (int)(colon - s), s);
	case RS_HEADER_UNKNOWN:
		return fail(r, "%.*s: not a header a template may set "
		    "(expected one of %s)", (int)(colon - s), s,
		    rs_template_headers());
	default:
		break;
	}
	for (v = colon + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	rs_buf_reset(&r->out);
	if (text(r, v, end) == -1)
		return -1;
	if (r->depth > 0)
		return fail(r, "{{#%s}} is not closed on its header line",
		    r->stack[r->depth - 1].name);
	/* Controls become spaces, runs of blanks one space. */
	p = r->out.s;
	for (i = j = 0; i < r->out.len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c == 0x7f)
			c = ' ';
		if (c == ' ' && (j == 0 || p[j - 1] == ' '))
			continue;
		p[j++] = (char)c;
	}
	while (j > 0 && p[j - 1] == ' ')
		j--;
	if (j == 0)
		return 0;
	rs_buf_add(out, s, (size_t)(colon - s));
	rs_buf_adds(out, ": ");
	rs_buf_add(out, p, j);
	rs_buf_addc(out, '\n');
	return 0;
}

/* One body line; nl: it ends with a line end. */
static int
body_line(struct render *r, const char *s, const char *end, int nl)
{
	size_t	mark = r->out.len;

	r->had_tag = 0;
	if (text(r, s, end) == -1)
		return -1;
	if (r->had_tag && (r->out.s == NULL ||
	    blank(r->out.s + mark, r->out.s + r->out.len))) {
		rs_buf_add(&r->out, "", 0);	/* never NULL below */
		r->out.len = mark;
		r->out.s[mark] = '\0';
		return 0;
	}
	if (nl)
		emit(r, "\n", 1);
	return 0;
}

static int
read_template(const char *path, char **data, size_t *len)
{
	struct rs_buf	 why = { 0 };
	FILE		*fp;
	char		*buf;
	size_t		 n, got = 0;
	int		 fd;

	/* a template is a file of its own: no link, no FIFO to hang on */
	if ((fd = rs_open_own(AT_FDCWD, path, O_RDONLY, 0, path, &why,
	    &status)) == -1) {
		snprintf(errbuf, sizeof(errbuf), "%s", rs_buf_str(&why));
		rs_buf_free(&why);
		return -1;
	}
	if ((fp = fdopen(fd, "rb")) == NULL) {
		snprintf(errbuf, sizeof(errbuf), "%s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	buf = rs_malloc(TEMPLATE_MAX + 2);
	/* One byte more than allowed tells a file that is too large. */
	while (got < TEMPLATE_MAX + 1 &&
	    (n = fread(buf + got, 1, TEMPLATE_MAX + 1 - got, fp)) > 0)
		got += n;
	if (ferror(fp)) {
		snprintf(errbuf, sizeof(errbuf), "%s: %s", path,
		    strerror(errno));
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	if (got > TEMPLATE_MAX) {
		snprintf(errbuf, sizeof(errbuf), "%s: larger than 64 KiB",
		    path);
		free(buf);
		return -1;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

static long
line_of(const char *s, size_t off)
{
	long	line = 1;
	size_t	i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

int
rs_template_render(const char *path, const struct rs_vars *vars,
    char **headers, char **body, const char **err)
{
	struct render	 r;
	struct rs_buf	 hdr = { NULL, 0, 0 };
	char		*data, *s, *end, *eol;
	size_t		 len, bad, i, j;
	int		 in_body = 0, rc = -1;

	*headers = *body = NULL;
	if (err != NULL)
		*err = errbuf;
	status = EX_CONFIG;
	if (read_template(path, &data, &len) == -1)
		return -1;
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.vars = vars;
	if ((s = memchr(data, '\0', len)) != NULL) {
		r.line = line_of(data, (size_t)(s - data));
		fail(&r, "NUL byte");
		goto out;
	}
	if ((bad = rs_utf8_invalid(data, len)) < len) {
		r.line = line_of(data, bad);
		fail(&r, "invalid UTF-8");
		goto out;
	}
	/* CRLF is read as LF; a lone CR stays. */
	for (i = j = 0; i < len; i++)
		if (!(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n'))
			data[j++] = data[i];
	len = j;
	data[len] = '\0';
	s = data;
	end = data + len;
	/* A byte order mark from a Windows editor is not part of the text. */
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (r.line = 1; s < end; r.line++, s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		if (in_body) {
			if (body_line(&r, s, eol, eol < end) == -1)
				goto out;
		} else if (blank(s, eol)) {
			in_body = 1;
			rs_buf_reset(&r.out);	/* it held the headers' values */
		} else if (header(&r, s, eol, &hdr) == -1)
			goto out;
	}
	if (!in_body)
		rs_buf_reset(&r.out);	/* it held the headers' values */
	if (r.depth > 0) {
		r.line = r.stack[r.depth - 1].line;
		fail(&r, "{{#%s}} is never closed", r.stack[r.depth - 1].name);
		goto out;
	}
	*headers = hdr.s ? hdr.s : rs_strdup("");
	hdr.s = NULL;
	*body = r.out.s ? r.out.s : rs_strdup("");
	r.out.s = NULL;
	rc = 0;
out:
	rs_buf_free(&hdr);
	rs_buf_free(&r.out);
	free(data);
	return rc;
}
