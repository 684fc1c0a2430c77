/*
 * t/unit/template.c - notices from templates (DESIGN §7): the engine,
 * where a template is found, and the templates the office gets.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs.h"
#include "tap.h"

static char	tmp[PATH_MAX];		/* scratch directory, real path */
static char	shipped[PATH_MAX];	/* share/rs/templates of the tree */

static void
bail(const char *what)
{
	printf("Bail out! %s: %s\n", what, strerror(errno));
	exit(2);
}

/* tmp/name, in one of a few rotating buffers. */
static const char *
at(const char *name)
{
	static char	buf[8][PATH_MAX + 64];
	static int	i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmp, name);
	return buf[i];
}

static void
put(const char *path, const char *s, size_t len)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL)
		bail(path);
	if (fwrite(s, 1, len, fp) != len || fclose(fp) != 0)
		bail(path);
}

static void
dir(const char *path)
{
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		bail(path);
}

/* Render s as the template t.txt; returns what rs_template_render did. */
static int
render(const char *s, const struct rs_vars *v, char **h, char **b,
    const char **err)
{
	put(at("t.txt"), s, strlen(s));
	return rs_template_render(at("t.txt"), v, h, b, err);
}

/* The body of s rendered, or the error message: one string to compare. */
static const char *
body_of(const char *s, const struct rs_vars *v)
{
	static char	*last;
	const char	*err;
	char		*h, *b;

	free(last);
	if (render(s, v, &h, &b, &err) == -1)
		return last = rs_strdup(err);
	free(h);
	return last = b;
}

static const char *
headers_of(const char *s, const struct rs_vars *v)
{
	static char	*last;
	const char	*err;
	char		*h, *b;

	free(last);
	if (render(s, v, &h, &b, &err) == -1)
		return last = rs_strdup(err);
	free(b);
	return last = h;
}

/* The message expected for an error on a line of t.txt. */
static const char *
msg(long line, const char *what)
{
	static char	buf[4][PATH_MAX + 256];
	static int	i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s:%ld: %s", at("t.txt"), line,
	    what);
	return buf[i];
}

static void
test_vars(void)
{
	struct rs_vars	*v = rs_vars_new();

	is_str(rs_vars_get(v, "nombre"), NULL, "an unset name has no value");
	rs_vars_set(v, "nombre", "Ana");
	is_str(rs_vars_get(v, "nombre"), "Ana", "a set name has its value");
	rs_vars_set(v, "nombre", "Ana María");
	is_str(rs_vars_get(v, "nombre"), "Ana María",
	    "setting a name again replaces its value");
	rs_vars_set(v, "vacio", NULL);
	is_str(rs_vars_get(v, "vacio"), "", "a NULL value is empty");
	rs_vars_free(v);
}

static void
test_render(void)
{
	struct rs_vars	*v = rs_vars_new();
	const char	*err;
	char		*h, *b;
	int		 rc;

	rs_vars_set(v, "nombre", "Ana Pérez");
	rs_vars_set(v, "saludo", "Señora Ana Pérez");
	rs_vars_set(v, "radicado", "RS-2024-000001");
	rs_vars_set(v, "vacio", "");
	rs_vars_set(v, "asunto", "Pago\r\nBcc: otro@example.org\tya");
	rs_vars_set(v, "llaves", "{{radicado}}");
	rs_vars_set(v, "lineas", "uno\ndos");

	rc = render("Subject: Hola {{nombre}}\nKeywords: acuse\n\n"
	    "{{saludo}}:\nSu radicado es {{radicado}}.\n", v, &h, &b, &err);
	is_int(rc, 0, "a template renders");
	is_str(h, "Subject: Hola Ana Pérez\nKeywords: acuse\n",
	    "headers, each placeholder replaced");
	is_str(b, "Señora Ana Pérez:\nSu radicado es RS-2024-000001.\n",
	    "body after the blank line, each placeholder replaced");
	free(h);
	free(b);

	is_str(headers_of("Subject:   {{radicado}}  \n\nx\n", v),
	    "Subject: RS-2024-000001\n",
	    "a header value is trimmed; one space after the colon");
	is_str(headers_of("Subject: {{asunto}}\n\nx\n", v),
	    "Subject: Pago Bcc: otro@example.org ya\n",
	    "line breaks and tabs of a value in a header become spaces");
	is_str(headers_of("Subject: x\nComments: {{vacio}}\n\nx\n", v),
	    "Subject: x\n", "a header whose value renders empty is left out");
	is_str(headers_of("reply-to:x\n\nx\n", v), "reply-to: x\n",
	    "a header name of letters, digits and '-'");
	is_str(headers_of("\nSubject: en el cuerpo\n", v), "",
	    "no headers when the first line is blank");
	is_str(body_of("\nSubject: en el cuerpo\n", v),
	    "Subject: en el cuerpo\n", "then everything is body");
	is_str(body_of("Subject: x\n", v), "", "no blank line: no body");
	is_str(body_of("Subject: x\n \t\ncuerpo\n", v), "cuerpo\n",
	    "a line of blanks separates headers and body");
	is_str(body_of("Subject: x\n\n\ncuerpo\n\n", v), "\ncuerpo\n\n",
	    "blank lines of the body are kept");
	is_str(body_of("Subject: x\n\nsin fin de línea", v),
	    "sin fin de línea", "a last line without a line end stays so");
	is_str(body_of("\n{{radicado}}{{nombre}}\n", v),
	    "RS-2024-000001Ana Pérez\n", "placeholders side by side");
	is_str(body_of("\n[{{vacio}}]\n", v), "[]\n",
	    "an empty value is replaced by nothing");
	is_str(body_of("\n{{llaves}}\n", v), "{{radicado}}\n",
	    "a value is never read as a template");
	is_str(body_of("\n{{lineas}}\n", v), "uno\ndos\n",
	    "a value may hold lines in the body");
	is_str(body_of("\na { b } c }} d {x}\n", v), "a { b } c }} d {x}\n",
	    "single braces and a lone }} are text");
	is_str(body_of("\xef\xbb\xbfSubject: x\n\nhola\n", v), "hola\n",
	    "a byte order mark before the first header is skipped");
	is_str(body_of("\nseñora ñandú 😀\n", v), "señora ñandú 😀\n",
	    "UTF-8 text passes through");
	rs_vars_free(v);
}

static void
test_blocks(void)
{
	struct rs_vars	*v = rs_vars_new();

	rs_vars_set(v, "si", "1");
	rs_vars_set(v, "otro", "2");
	rs_vars_set(v, "vacio", "");
	rs_vars_set(v, "tel", "601 555 1234");
	rs_vars_set(v, "por_que", "La resolución no está firmada.");
	rs_vars_set(v, "que_hara", "");

	is_str(body_of("\nA{{#si}}-{{si}}-{{/si}}B\n", v), "A-1-B\n",
	    "a block with a value is rendered");
	is_str(body_of("\nA{{#vacio}}-{{vacio}}-{{/vacio}}B\n", v), "AB\n",
	    "a block with an empty value is left out");
	is_str(body_of("\nA{{#nada}}-{{nada}}-{{/nada}}B\n", v), "AB\n",
	    "a block with an absent name is left out");
	is_str(body_of("\nA{{#nada}}{{desconocido}}{{/nada}}B\n", v), "AB\n",
	    "inside a block left out, names are not looked up");
	is_str(body_of("\n{{#si}}\nlínea {{si}}\n{{/si}}\nfin\n", v),
	    "línea 1\nfin\n",
	    "tags on lines of their own leave no line behind (shown)");
	is_str(body_of("\n{{#vacio}}\nlínea\n\n{{/vacio}}\nfin\n", v),
	    "fin\n", "… nor when the block is left out");
	is_str(body_of("\n  {{#si}}\t\nx\n {{/si}} \n", v), "x\n",
	    "blanks around a tag alone on its line go with the line");
	is_str(body_of("\n{{#tel}}Teléfono: {{tel}}{{/tel}}\nfin\n", v),
	    "Teléfono: 601 555 1234\nfin\n",
	    "a one-line block with a value keeps its line");
	is_str(body_of("\n{{#vacio}}Teléfono: {{vacio}}{{/vacio}}\nfin\n", v),
	    "fin\n", "a one-line block left out takes its line away");
	is_str(body_of("\nTeléfono: {{vacio}}\n", v), "Teléfono: \n",
	    "a line without a tag is kept even when a value is empty");
	is_str(body_of("\n{{#si}}a{{#otro}}b{{/otro}}c{{/si}}\n", v),
	    "abc\n", "nested blocks, both shown");
	is_str(body_of("\n{{#si}}a{{#vacio}}b{{/vacio}}c{{/si}}\n", v),
	    "ac\n", "nested blocks, the inner left out");
	is_str(body_of("\n{{#vacio}}a{{#si}}b{{/si}}c{{/vacio}}d\n", v),
	    "d\n", "a block inside one left out is left out");
	is_str(body_of("\n{{#si}}x{{#si}}y{{/si}}{{/si}}\n", v), "xy\n",
	    "a block may nest in one of the same name");
	is_str(body_of("\n{{#si}}\nuno\n{{#vacio}}\ndos\n{{/vacio}}\n"
	    "tres\n{{/si}}\n", v), "uno\ntres\n",
	    "nested blocks over several lines");
	is_str(body_of("\nRespuesta.\n{{#por_que}}\n\nPor qué:\n{{por_que}}\n"
	    "{{/por_que}}\n{{#que_hara}}\n\nLo que vamos a hacer:\n"
	    "{{que_hara}}\n{{/que_hara}}\n\nAtentamente,\n", v),
	    "Respuesta.\n\nPor qué:\nLa resolución no está firmada.\n"
	    "\nAtentamente,\n",
	    "labelled paragraphs appear only with their text");
	is_str(headers_of("Subject: Hola{{#si}} {{si}}{{/si}}{{#vacio}} "
	    "x{{/vacio}}\n\nb\n", v), "Subject: Hola 1\n",
	    "blocks in a header line");
	rs_vars_free(v);
}

static void
test_errors(void)
{
	struct rs_vars	*v = rs_vars_new();
	char		*big, *h = (char *)"x", *b = (char *)"x";
	const char	*err = NULL;
	char		 want[PATH_MAX + 64];
	int		 rc;

	rs_vars_set(v, "nombre", "Ana");
	rs_vars_set(v, "vacio", "");

	rc = render("Subject: x\n\nhola\n{{nombre}} {{apellido}}\n", v, &h,
	    &b, &err);
	is_int(rc, -1, "an unknown placeholder is refused");
	is_str(err, msg(4, "unknown placeholder {{apellido}}"),
	    "… naming the file, the line and the placeholder");
	ok(h == NULL && b == NULL, "… and nothing is returned");
	/* a template writes what a notice says, not where it goes */
	is_str(headers_of("Subject: x\nBcc: espia@x.co\n\nb\n", v),
	    msg(2, "Bcc: not a header a template may set (expected one of "
	    "Subject, Reply-To, Organization, Keywords, Comments)"),
	    "a Bcc is refused with its file and line");
	is_str(headers_of("Subject: x\nReply-To: a@x.co\ncc: b@x.co\n\nb\n",
	    v), msg(3, "cc: not a header a template may set (expected one of "
	    "Subject, Reply-To, Organization, Keywords, Comments)"),
	    "a Cc, in any case, too");
	is_str(headers_of("Received: from x by y\nSubject: x\n\nb\n", v),
	    msg(1, "Received: not a header a template may set (expected one "
	    "of Subject, Reply-To, Organization, Keywords, Comments)"),
	    "a Received too");
	is_str(headers_of("Subject: x\nFROM: a@x.co\n\nb\n", v),
	    msg(2, "FROM: set by rs, not by a template"),
	    "a header rs sets is refused");
	is_str(headers_of("Subject: x\nContent-Transfer-Encoding: 8bit\n\nb\n",
	    v), msg(2, "Content-Transfer-Encoding: set by rs, not by a "
	    "template"), "any Content-* too");
	is_str(headers_of("Subject: x\nOrganization: {{nombre}}\nKeywords: k\n"
	    "Comments: c\n\nb\n", v), "Subject: x\nOrganization: Ana\n"
	    "Keywords: k\nComments: c\n", "the headers a template may set");
	is_str(body_of("Subject: x\nComments: {{apellido}}\n\nb\n", v),
	    msg(2, "unknown placeholder {{apellido}}"),
	    "an unknown placeholder in a header");
	is_str(body_of("Subject: x\n\n\n\n{{vacio}}\n{{#vacio}}x{{/vacio}}"
	    "{{nombre}} y {{nombre\n", v), msg(6, "unclosed {{"),
	    "an unclosed {{ is refused with its line");
	is_str(body_of("Subject: x {{nombre\n\nb\n", v), msg(1, "unclosed {{"),
	    "an unclosed {{ in a header");
	is_str(body_of("\na }} b {{nombre\n}}\n", v), msg(2, "unclosed {{"),
	    "a placeholder never spans lines");
	is_str(body_of("Subject: x\nHola señora Ana\n\nb\n", v),
	    msg(2, "expected a header line Name: value, or a blank line "
	    "before the body"), "a header line without a colon is refused");
	is_str(body_of("Mi asunto: x\n\nb\n", v),
	    msg(1, "expected a header line Name: value, or a blank line "
	    "before the body"), "a header name with a space is refused");
	is_str(body_of("Subject: x\n: y\n\nb\n", v),
	    msg(2, "expected a header line Name: value, or a blank line "
	    "before the body"), "an empty header name is refused");
	is_str(body_of("Subject: x\n  continued\n\nb\n", v),
	    msg(2, "expected a header line Name: value, or a blank line "
	    "before the body"), "a folded header line is refused");
	is_str(body_of("\n{{Nombre}}\n", v), msg(2, "bad placeholder "
	    "{{Nombre}}: a name is made of a-z, 0-9 and _"),
	    "a name with a capital is refused");
	is_str(body_of("\n{{ nombre }}\n", v), msg(2, "bad placeholder "
	    "{{ nombre }}: a name is made of a-z, 0-9 and _"),
	    "a name with blanks is refused");
	is_str(body_of("\n{{}}\n", v), msg(2, "bad placeholder "
	    "{{}}: a name is made of a-z, 0-9 and _"),
	    "an empty name is refused");
	is_str(body_of("\n{{#}}{{/}}\n", v), msg(2, "bad placeholder "
	    "{{#}}: a name is made of a-z, 0-9 and _"),
	    "an empty block name is refused");
	is_str(body_of("\n{{#vacio}}{{Mal}}{{/vacio}}\n", v),
	    msg(2, "bad placeholder {{Mal}}: a name is made of a-z, 0-9 "
	    "and _"), "the syntax is checked inside a block left out");
	is_str(body_of("\nx\n{{/nombre}}\n", v),
	    msg(3, "{{/nombre}} closes no block"),
	    "a closing tag with no block is refused");
	is_str(body_of("\n{{#nombre}}\n{{#vacio}}\n{{/nombre}}\n", v),
	    msg(4, "{{/nombre}} where {{#vacio}} of line 3 should be closed"),
	    "blocks closed in the wrong order are refused");
	is_str(body_of("\nuno\n{{#nombre}}\ndos\n", v),
	    msg(3, "{{#nombre}} is never closed"),
	    "a block never closed is refused with the line it opens on");
	is_str(body_of("Subject: {{#nombre}}x\n\n{{/nombre}}\n", v),
	    msg(1, "{{#nombre}} is not closed on its header line"),
	    "a block in a header closes on the same line");
	is_str(body_of("\n{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
	    "{{#a}}\n", v), msg(2, "blocks nested deeper than 8"),
	    "blocks nest at most 8 deep");
	is_str(body_of("Subject: x\n\nbien\nmal \xc3\x28\n", v),
	    msg(4, "invalid UTF-8"), "invalid UTF-8 is refused with its line");
	is_str(body_of("Subject: se\xf1ora\n\nb\n", v),
	    msg(1, "invalid UTF-8"), "Latin-1 text is refused");
	is_str(body_of("Subject: x\r\n\r\n\r\n\xff\r\n", v),
	    msg(4, "invalid UTF-8"), "lines are counted the same with CRLF");
	put(at("t.txt"), "Subject: x\n\na\0b\n", 14);
	rc = rs_template_render(at("t.txt"), v, &h, &b, &err);
	ok(rc == -1 && strcmp(err, msg(3, "NUL byte")) == 0,
	    "a NUL byte is refused with its line");

	big = rs_malloc(64 * 1024 + 2);
	memset(big, 'x', 64 * 1024 + 1);
	memcpy(big, "Subject: x\n\n", 12);
	big[64 * 1024 - 1] = '\n';
	put(at("t.txt"), big, 64 * 1024);
	rc = rs_template_render(at("t.txt"), v, &h, &b, &err);
	ok(rc == 0 && strlen(b) == 64 * 1024 - 12, "64 KiB are read");
	if (rc == 0) {
		free(h);
		free(b);
	}
	put(at("t.txt"), big, 64 * 1024 + 1);
	rc = rs_template_render(at("t.txt"), v, &h, &b, &err);
	snprintf(want, sizeof(want), "%s: larger than 64 KiB", at("t.txt"));
	ok(rc == -1 && strcmp(err, want) == 0,
	    "a byte more is refused: %s", rc == -1 ? err : "rendered");
	free(big);

	rc = rs_template_render(at("no-such.txt"), v, &h, &b, &err);
	snprintf(want, sizeof(want), "%s: No such file or directory",
	    at("no-such.txt"));
	ok(rc == -1 && strcmp(err, want) == 0, "a missing file: %s",
	    rc == -1 ? err : "rendered");
	rs_vars_free(v);
}

static void
test_crlf(void)
{
	struct rs_vars	*v = rs_vars_new();

	rs_vars_set(v, "nombre", "Ana");
	is_str(headers_of("Subject: a {{nombre}}\r\nKeywords: c\r\n\r\nHola\r\n", v),
	    "Subject: a Ana\nKeywords: c\n", "CRLF headers are read as LF");
	is_str(body_of("Subject: a\r\n\r\nHola\r\n{{nombre}}\r\n\r\nfin\r\n",
	    v), "Hola\nAna\n\nfin\n", "a CRLF body is read as LF");
	is_str(body_of("Subject: a\r\n\r\n{{#nombre}}\r\nx\r\n{{/nombre}}\r\n",
	    v), "x\n", "tag lines ending CRLF leave no line behind");
	is_str(body_of("\na\rb\r", v), "a\rb\r", "a lone CR stays");
	rs_vars_free(v);
}

/* The path the program at exe finds for office and kind, or "NULL". */
static const char *
probe(const char *exe, const char *office, const char *kind)
{
	static char	 out[PATH_MAX + 64];
	int		 fd[2], st;
	ssize_t		 n;
	size_t		 got = 0;
	pid_t		 pid;

	if (pipe(fd) == -1)
		bail("pipe");
	if ((pid = fork()) == -1)
		bail("fork");
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execl(exe, exe, "--path", office, kind, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while (got < sizeof(out) - 1 &&
	    (n = read(fd[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += (size_t)n;
	close(fd[0]);
	out[got] = '\0';
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		return "probe failed";
	return out;
}

static void
copy_self(const char *to)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, out;

	if ((in = open("/proc/self/exe", O_RDONLY)) == -1)
		bail("/proc/self/exe");
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755)) == -1)
		bail(to);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			bail(to);
	if (n == -1 || close(out) == -1)
		bail(to);
	close(in);
}

static void
test_path(void)
{
	char	*p;
	char	 kind32[33], kind33[34], name[64];

	dir(at("office"));
	dir(at("env"));
	dir(at("bin"));
	dir(at("bin/share"));
	dir(at("bin/share/rs"));
	dir(at("bin/share/rs/templates"));
	put(at("office/acuse.txt"), "Subject: o\n\nb\n", 13);
	put(at("env/acuse.txt"), "Subject: e\n\nb\n", 13);
	put(at("env/solo_env.txt"), "Subject: e\n\nb\n", 13);
	put(at("env/rs_probe.txt"), "Subject: e\n\nb\n", 13);
	put(at("bin/share/rs/templates/rs_probe.txt"), "x\n", 2);
	put(at("bin/share/rs/templates/rs_probe_bin.txt"), "x\n", 2);
	put(at("office/Acuse.txt"), "x\n", 2);
	put(at("office/acuse.TXT"), "x\n", 2);
	setenv("RS_TEMPLATES", at("env"), 1);

	p = rs_template_path(at("office"), "acuse");
	is_str(p, at("office/acuse.txt"), "the office's directory first");
	free(p);
	p = rs_template_path("", "acuse");
	is_str(p, at("env/acuse.txt"), "an empty office directory: "
	    "$RS_TEMPLATES");
	free(p);
	p = rs_template_path(NULL, "acuse");
	is_str(p, at("env/acuse.txt"), "no office directory: $RS_TEMPLATES");
	free(p);
	p = rs_template_path(at("office"), "solo_env");
	is_str(p, at("env/solo_env.txt"),
	    "a kind missing from the office's directory: $RS_TEMPLATES");
	free(p);
	p = rs_template_path(at("nonexistent"), "acuse");
	is_str(p, at("env/acuse.txt"), "a missing office directory is "
	    "passed over");
	free(p);
	if (geteuid() != 0) {
		chmod(at("office/acuse.txt"), 0);
		p = rs_template_path(at("office"), "acuse");
		is_str(p, at("env/acuse.txt"), "an unreadable file is passed "
		    "over");
		free(p);
		chmod(at("office/acuse.txt"), 0644);
	} else
		skip("root reads any file");

	is_str(rs_template_path(at("office"), "Acuse"), NULL,
	    "a kind with a capital is refused");
	is_str(rs_template_path(at("office"), "acuse.TXT"), NULL,
	    "a kind with a dot is refused");
	is_str(rs_template_path(at("office"), "../office/acuse"), NULL,
	    "a kind with a slash is refused");
	is_str(rs_template_path(at("office"), ""), NULL,
	    "an empty kind is refused");
	is_str(rs_template_path(at("office"), "acuse2"), NULL,
	    "a kind with a digit is refused");
	memset(kind32, 'k', 32);
	kind32[32] = '\0';
	memset(kind33, 'k', 33);
	kind33[33] = '\0';
	snprintf(name, sizeof(name), "office/%s.txt", kind32);
	put(at(name), "x\n", 2);
	snprintf(name, sizeof(name), "office/%s.txt", kind33);
	put(at(name), "x\n", 2);
	p = rs_template_path(at("office"), kind32);
	snprintf(name, sizeof(name), "office/%s.txt", kind32);
	is_str(p, at(name), "a kind of 32 letters is found");
	free(p);
	is_str(rs_template_path(at("office"), kind33), NULL,
	    "a kind of 33 letters is refused");
	is_str(rs_template_path(at("office"), "rs_no_such_kind"), NULL,
	    "a kind found nowhere: NULL");
	setenv("RS_TEMPLATES", "", 1);
	is_str(rs_template_path(at("office"), "solo_env"), NULL,
	    "an empty $RS_TEMPLATES is passed over");

	/* what is not a file of its own is found, and refused at rendering
	 * with the status rs(7) gives: a link (77), a FIFO (66) */
	{
		struct rs_vars	*v = rs_vars_new();
		const char	*err;
		char		*h, *b, want[PATH_MAX + 64];

		if (symlink(at("env/acuse.txt"), at("office/constancia.txt"))
		    == -1 || mkfifo(at("office/encuesta.txt"), 0644) == -1 ||
		    symlink(at("office"), at("linked")) == -1) {
			printf("Bail out! %s\n", strerror(errno));
			exit(2);
		}
		p = rs_template_path(at("office"), "constancia");
		is_str(p, at("office/constancia.txt"), "a link is found");
		is_int(rs_template_render(p, v, &h, &b, &err), -1,
		    "… and refused");
		snprintf(want, sizeof(want), "%s: is a symbolic link; refused",
		    at("office/constancia.txt"));
		is_str(err, want, "… saying so");
		is_int(rs_template_status(), 77, "… with status 77");
		free(p);
		p = rs_template_path(at("office"), "encuesta");
		is_str(p, at("office/encuesta.txt"), "a FIFO is found");
		is_int(rs_template_render(p, v, &h, &b, &err), -1,
		    "… and refused, never waited on");
		snprintf(want, sizeof(want), "%s: not a regular file",
		    at("office/encuesta.txt"));
		is_str(err, want, "… saying so");
		is_int(rs_template_status(), 66, "… with status 66");
		free(p);
		p = rs_template_path(at("linked"), "acuse");
		is_str(p, at("linked"), "a templates directory that is a link "
		    "is found");
		is_int(rs_template_render(p, v, &h, &b, &err), -1,
		    "… and refused");
		snprintf(want, sizeof(want), "%s: is a symbolic link; refused",
		    at("linked"));
		is_str(err, want, "… saying so");
		is_int(rs_template_status(), 77, "… with status 77");
		free(p);
		p = rs_template_path(at("office"), "acuse");
		rs_template_render(p, v, &h, &b, &err);
		is_int(rs_template_status(), 78, "a template error is 78");
		free(p);
		unlink(at("office/constancia.txt"));
		unlink(at("office/encuesta.txt"));
		unlink(at("linked"));
		rs_vars_free(v);
	}

	/* The build tree: a copy of this program finds its own share/. */
	copy_self(at("bin/probe"));
	setenv("RS_TEMPLATES", at("env"), 1);
	is_str(probe(at("bin/probe"), "", "rs_probe_bin"),
	    at("bin/share/rs/templates/rs_probe_bin.txt"),
	    "then share/rs/templates next to the program");
	is_str(probe(at("bin/probe"), "", "rs_probe"), at("env/rs_probe.txt"),
	    "$RS_TEMPLATES before the program's templates");
	unsetenv("RS_TEMPLATES");
	is_str(probe(at("bin/probe"), at("office"), "rs_probe"),
	    at("bin/share/rs/templates/rs_probe.txt"),
	    "no $RS_TEMPLATES: the program's templates");
	is_str(probe(at("bin/probe"), at("office"), "acuse"),
	    at("office/acuse.txt"),
	    "the office's directory before the program's templates");
}

/* The values the commands give, every one of them, none empty. */
static const char *const full[][2] = {
	{ "radicado", "RS-2024-000123" },
	{ "trato", "Señora" },
	{ "nombre", "Ana Pérez" },
	{ "saludo", "Señora Ana Pérez" },
	{ "asunto", "Pago de la cuenta de octubre" },
	{ "canal", "correo electrónico" },
	{ "tipo", "petición" },
	{ "termino", "15 días hábiles" },
	{ "recibida", "martes 13 de agosto de 2024 a las 16:45" },
	{ "radicacion_efectiva", "miércoles 14 de agosto de 2024" },
	{ "vence", "miércoles 4 de septiembre de 2024" },
	{ "turno", "7" },
	{ "espera", "unos 3 días hábiles" },
	{ "equipo", "Contabilidad" },
	{ "oficina", "La Secretaría Resuelve" },
	{ "telefono_oficina", "+57 601 332 3400 extensión 1196" },
	{ "correo_oficina", "lasecretariaresuelve@example.gov.co" },
	{ "direccion_oficina", "Calle 37 No. 8-40, piso -1, Bogotá" },
	{ "horario", "de 8:00 a. m. a 12:00 m. y de 1:00 p. m. a 4:00 p. m." },
	{ "falta", "El informe de actividades firmado por el supervisor." },
	{ "limite", "viernes 20 de septiembre de 2024" },
	{ "prorroga_hasta", "miércoles 25 de septiembre de 2024" },
	{ "motivos", "Debemos consultar el archivo central." },
	{ "autoridad", "la Alcaldía Municipal de Sopó" },
	{ "respuesta", "Su cuenta quedó aprobada y se pagará el viernes." },
	{ "por_que", "La resolución de pago aún no está firmada." },
	{ "que_hara", "La tramitaremos con prioridad esta semana." },
	{ "que_puede_hacer", "Puede pedir un anticipo al Grupo de Tesorería." },
	{ "funcionario", "Carlos Gómez" },
	{ "descripcion", "Solicita el pago de la cuenta de cobro de octubre." },
	{ "documentos", "Cuenta de cobro; informe de actividades" },
	{ "fecha_hoy", "lunes 2 de septiembre de 2024" },
	{ "vencidas", "RS-2024-000101 Pago de viáticos\n"
	    "RS-2024-000102 Legalización de comisión" },
	{ "por_vencer", "RS-2024-000123 Pago de la cuenta de octubre" },
	{ "destinatario", "Equipo de Contabilidad" },
	{ "identificacion", "52123456" },
	{ "contacto", "ana@example.com, 310 555 0192" },
	{ "vence_inicial", "miércoles 4 de septiembre de 2024" },
	{ "expreso", "" },
};
#define NFULL	(sizeof(full) / sizeof(full[0]))

static const char *const kinds[] = {
	"acuse", "constancia", "requerimiento", "prorroga", "traslado",
	"respuesta", "desistimiento", "encuesta", "recordatorio",
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

/* Protocolo 6.1: "reinita, mamita, abuelita, hijita, papito, muñeca,
 * princesa". */
static const char *const diminutives[] = {
	"mamita", "papito", "reinita", "muñeca", "princesa", "abuelita",
	"hijita",
};

/* ASCII-case-insensitive search. */
static int
contains(const char *s, const char *word)
{
	size_t	i, n = strlen(word);

	for (; *s; s++) {
		for (i = 0; i < n; i++) {
			char	a = s[i], b = word[i];

			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

/* A line that is only "Sí." or "No.": a curt answer (protocol 5.1). */
static int
bare_yes_no(const char *s)
{
	const char	*l;
	size_t		 n;

	for (l = s; *l; l += n + (l[n] == '\n')) {
		n = strcspn(l, "\n");
		if ((n == 4 && strncmp(l, "Sí.", 4) == 0) ||
		    (n == 3 && strncmp(l, "No.", 3) == 0))
			return 1;
	}
	return 0;
}

static char *
slurp(const char *path)
{
	FILE	*fp;
	char	*s;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		bail(path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = rs_malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		bail(path);
	s[n] = '\0';
	fclose(fp);
	return s;
}

static int
find_shipped(void)
{
	char	 exe[PATH_MAX], *slash, probe_path[PATH_MAX + 64];
	ssize_t	 n;

	if (access("share/rs/templates/acuse.txt", R_OK) == 0 &&
	    realpath("share/rs/templates", shipped) != NULL)
		return 0;
	/* t/unit/template.t: the tree is two directories up. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(probe_path, sizeof(probe_path),
		    "%s/../../share/rs/templates", exe);
		if (realpath(probe_path, shipped) != NULL)
			return 0;
	}
	return -1;
}

static void
test_shipped(void)
{
	struct rs_vars	*v, *sparse;
	const char	*err;
	char		*h, *b, *raw, *p, path[PATH_MAX + 64];
	size_t		 i, k;
	int		 rc, bad;

	if (find_shipped() == -1) {
		printf("Bail out! cannot find share/rs/templates: run from "
		    "the top of the tree\n");
		exit(2);
	}
	v = rs_vars_new();
	sparse = rs_vars_new();
	for (i = 0; i < NFULL; i++) {
		rs_vars_set(v, full[i][0], full[i][1]);
		rs_vars_set(sparse, full[i][0], "");
	}
	rs_vars_set(sparse, "radicado", "RS-2024-000123");
	rs_vars_set(sparse, "nombre", "José Peña");
	rs_vars_set(sparse, "saludo", "José Peña");
	rs_vars_set(sparse, "oficina", "Oficina de Atención al Ciudadano");

	for (k = 0; k < NKINDS; k++) {
		snprintf(path, sizeof(path), "%s/%s.txt", shipped, kinds[k]);
		/* What rs_template_path finds through $RS_TEMPLATES. */
		setenv("RS_TEMPLATES", shipped, 1);
		p = rs_template_path("", kinds[k]);
		is_str(p, path, "%s: found", kinds[k]);
		free(p);

		rc = rs_template_render(path, v, &h, &b, &err);
		if (!is_int(rc, 0, "%s: renders with every value", kinds[k])) {
			printf("# %s\n", err);
			continue;
		}
		ok(strncmp(h, "Subject: ", 9) == 0 && strlen(h) > 12,
		    "%s: has a Subject", kinds[k]);
		ok(strlen(b) > 200, "%s: has a body", kinds[k]);
		ok(strstr(h, "{{") == NULL && strstr(b, "{{") == NULL,
		    "%s: no placeholder left", kinds[k]);
		raw = slurp(path);
		bad = 0;
		for (i = 0; i < sizeof(diminutives) / sizeof(diminutives[0]);
		    i++)
			if (contains(raw, diminutives[i]) ||
			    contains(b, diminutives[i]) ||
			    contains(h, diminutives[i])) {
				printf("# %s: %s\n", kinds[k], diminutives[i]);
				bad++;
			}
		is_int(bad, 0, "%s: no diminutive", kinds[k]);
		ok(!bare_yes_no(b), "%s: no bare Sí. or No.", kinds[k]);
		if (strcmp(kinds[k], "recordatorio") == 0) {
			ok(strstr(b, "RS-2024-000101 Pago de viáticos\n"
			    "RS-2024-000102") != NULL &&
			    strstr(b, "Equipo de Contabilidad") != NULL,
			    "%s: the lists and the assignee", kinds[k]);
		} else {
			ok(strstr(b, "RS-2024-000123") != NULL &&
			    strstr(b, strcmp(kinds[k], "constancia") == 0 ?
			    "Nombre: Ana Pérez" : "Señora Ana Pérez:") != NULL,
			    "%s: the radicado and the salutation", kinds[k]);
		}
		/* The constancia leaves room to sign. */
		if (strcmp(kinds[k], "constancia") != 0)
			ok(strstr(b, "\n\n\n") == NULL,
			    "%s: no run of blank lines", kinds[k]);
		else
			ok(strstr(b, "verbal") != NULL &&
			    strstr(b, "Carlos Gómez") != NULL &&
			    strstr(b, "Cuenta de cobro") != NULL &&
			    strstr(b, "2.2.3.12.3") != NULL,
			    "%s: verbal, the official, the documents, "
			    "the article", kinds[k]);
		free(raw);
		free(h);
		free(b);

		rc = rs_template_render(path, sparse, &h, &b, &err);
		if (!is_int(rc, 0, "%s: renders with values missing",
		    kinds[k])) {
			printf("# %s\n", err);
			continue;
		}
		ok(strstr(b, "Teléfono:") == NULL &&
		    strstr(b, "Correo electrónico:") == NULL,
		    "%s: no contact line without its value", kinds[k]);
		free(h);
		free(b);
	}

	/* Protocol 5.2: the three parts, in order, only when given. */
	snprintf(path, sizeof(path), "%s/respuesta.txt", shipped);
	rc = rs_template_render(path, v, &h, &b, &err);
	if (rc == 0) {
		const char *a = strstr(b, "La resolución de pago aún no");
		const char *w = strstr(b, "Lo que vamos a hacer:\nLa "
		    "tramitaremos");
		const char *c = strstr(b, "Lo que usted puede hacer:\nPuede "
		    "pedir");

		ok(a && w && c && a < w && w < c && strstr(b, "Su cuenta") < a,
		    "respuesta: the answer, why, what we will do, "
		    "what you can do");
		free(h);
		free(b);
	} else
		ok(0, "respuesta: %s", err);
	rs_vars_set(v, "por_que", "");
	rs_vars_set(v, "que_hara", "");
	rs_vars_set(v, "que_puede_hacer", "");
	rc = rs_template_render(path, v, &h, &b, &err);
	if (rc == 0) {
		ok(strstr(b, "Su cuenta quedó aprobada") != NULL &&
		    strstr(b, "Por qué") == NULL &&
		    strstr(b, "Lo que vamos a hacer") == NULL &&
		    strstr(b, "Lo que usted puede hacer") == NULL &&
		    !contains(b, "lamentamos") && strstr(b, "\n\n\n") == NULL,
		    "respuesta: a favorable answer without the three parts");
		free(h);
		free(b);
	} else
		ok(0, "respuesta: %s", err);
	rs_vars_free(v);
	rs_vars_free(sparse);
}

static void
cleanup(const char *d)
{
	static const char *const files[] = {
		"t.txt", "office/acuse.txt", "office/Acuse.txt",
		"office/acuse.TXT", "env/acuse.txt", "env/solo_env.txt",
		"env/rs_probe.txt", "bin/share/rs/templates/rs_probe.txt",
		"bin/share/rs/templates/rs_probe_bin.txt", "bin/probe",
	};
	static const char *const dirs[] = {
		"office", "env", "bin/share/rs/templates", "bin/share/rs",
		"bin/share", "bin",
	};
	char	name[64];
	size_t	i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(at(files[i]));
	snprintf(name, sizeof(name), "office/%.32s.txt",
	    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
	unlink(at(name));
	snprintf(name, sizeof(name), "office/%.33s.txt",
	    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
	unlink(at(name));
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		rmdir(at(dirs[i]));
	rmdir(d);
}

int
main(int argc, char *argv[])
{
	char	 tmpl[PATH_MAX];
	char	*p;
	const char *base;

	/* Probe mode for the path test: print what this program finds. */
	if (argc == 4 && strcmp(argv[1], "--path") == 0) {
		p = rs_template_path(argv[2], argv[3]);
		printf("%s", p ? p : "NULL");
		free(p);
		return 0;
	}
	base = getenv("TMPDIR");
	snprintf(tmpl, sizeof(tmpl), "%s/rs-template.XXXXXX",
	    base && *base ? base : "/tmp");
	if (mkdtemp(tmpl) == NULL)
		bail(tmpl);
	if (realpath(tmpl, tmp) == NULL)
		bail(tmpl);

	test_vars();
	test_render();
	test_blocks();
	test_errors();
	test_crlf();
	test_path();
	test_shipped();
	cleanup(tmp);
	return done();
}
