/*
 * form.c - a web form's fields, as a browser sends them: the
 * application/x-www-form-urlencoded body or query string (WHATWG URL
 * standard, "application/x-www-form-urlencoded parsing").  Foundation
 * layer: knows nothing of requests.
 */
#include <stdlib.h>
#include <string.h>

#include "rs.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * One name or value decoded: '+' is a space, "%XY" the byte XY.  A '%'
 * not followed by two hex digits is refused rather than kept as the
 * standard allows: no browser sends one, and a form that arrives so was
 * not written by the page.
 */
static char *
decode(const char *s, size_t len, const char **err)
{
	char *out, *o;
	size_t i;
	int hi, lo;

	o = out = rs_malloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] != '%')
			*o++ = s[i];
		else {
			if (i + 2 >= len ||
			    (hi = hexval((unsigned char)s[i + 1])) == -1 ||
			    (lo = hexval((unsigned char)s[i + 2])) == -1) {
				free(out);
				*err = "a \"%\" without two hex digits";
				return NULL;
			}
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		}
	}
	*o = '\0';
	/* text only: a NUL would cut the value short, and everything
	 * after stores and shows UTF-8 */
	if ((size_t)(o - out) != strlen(out) ||
	    rs_utf8_invalid(out, strlen(out)) != strlen(out)) {
		free(out);
		*err = "not UTF-8 text";
		return NULL;
	}
	return out;
}

void
rs_form_add(struct rs_form *f, char *name, char *value)
{
	f->names = rs_realloc(f->names, (f->n + 1) * sizeof(*f->names));
	f->values = rs_realloc(f->values, (f->n + 1) * sizeof(*f->values));
	f->names[f->n] = name;
	f->values[f->n] = value;
	f->n++;
}

int
rs_form_decode(const char *s, size_t len, size_t max_fields,
    struct rs_form *f, const char **err)
{
	const char *p, *end, *amp, *eq;
	char *name, *value;

	*err = NULL;
	for (p = s, end = s + len; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;	/* "a=1&&b=2": nothing between */
		if (f->n >= max_fields) {
			*err = "too many fields";
			return -1;
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if ((name = decode(p, (size_t)(eq - p), err)) == NULL)
			return -1;
		value = decode(eq < amp ? eq + 1 : amp,
		    eq < amp ? (size_t)(amp - eq - 1) : 0, err);
		if (value == NULL) {
			free(name);
			return -1;
		}
		rs_form_add(f, name, value);
		if (amp == end)
			break;
	}
	return 0;
}

const char *
rs_form_get(const struct rs_form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->names[i], name) == 0)
			return f->values[i];
	return NULL;
}

size_t
rs_form_count(const struct rs_form *f, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->names[i], name) == 0)
			n++;
	return n;
}

void
rs_form_free(struct rs_form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->names[i]);
		free(f->values[i]);
	}
	free(f->names);
	free(f->values);
	for (i = 0; i < f->nfiles; i++) {
		free(f->files[i].name);
		free(f->files[i].type);
		free(f->files[i].data);
	}
	free(f->files);
	memset(f, 0, sizeof(*f));
}
