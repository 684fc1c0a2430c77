/*
 * output.c - the four listing formats of DESIGN §2: csv (RFC 4180), tsv
 * (tabs, with \t \n \r \\ escaped), json (one object per line) and an
 * aligned table with Spanish labels for people.
 */
#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs.h"

#define TABLE_MAXWIDTH	40	/* a cell wider than this is cut with "…" */

struct rs_out {
	FILE			*fp;
	enum rs_format		 fmt;
	const struct rs_column	*cols;
	size_t			 ncols;
	int			 header_done;
	/* table: every cell kept until rs_out_end() to size the columns */
	char			**cells;
	size_t			 nrows;
	size_t			 cap;
};

int
rs_format_parse(const char *s, enum rs_format *fmt)
{
	if (s == NULL) {
		*fmt = isatty(STDOUT_FILENO) ? RS_FMT_TABLE : RS_FMT_CSV;
		return 0;
	}
	if (strcmp(s, "csv") == 0)
		*fmt = RS_FMT_CSV;
	else if (strcmp(s, "tsv") == 0)
		*fmt = RS_FMT_TSV;
	else if (strcmp(s, "json") == 0)
		*fmt = RS_FMT_JSON;
	else if (strcmp(s, "table") == 0)
		*fmt = RS_FMT_TABLE;
	else
		return -1;
	return 0;
}

struct rs_out *
rs_out_new(FILE *fp, enum rs_format fmt, const struct rs_column *cols,
    size_t ncols)
{
	struct rs_out *o;

	o = rs_calloc(1, sizeof(*o));
	o->fp = fp;
	o->fmt = fmt;
	o->cols = cols;
	o->ncols = ncols;
	return o;
}

void
rs_csv_put(FILE *fp, const char *s, int delim)
{
	const char *p;
	const char reject[] = { '"', '\r', '\n', (char)delim, '\0' };
	size_t n;

	if (s == NULL)
		return;
	/* one scan, and the length it finds spares fputs() another */
	n = strcspn(s, reject);
	if (s[n] == '\0') {
		fwrite(s, 1, n, fp);
		return;
	}
	putc('"', fp);
	while ((p = strchr(s, '"')) != NULL) {
		fwrite(s, 1, (size_t)(p - s) + 1, fp);
		putc('"', fp);
		s = p + 1;
	}
	fputs(s, fp);
	putc('"', fp);
}

static void
tsv_put(FILE *fp, const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		default:
			putc(*s, fp);
		}
	}
}

void
rs_json_add(struct rs_buf *b, const char *s)
{
	unsigned char c;

	rs_buf_addc(b, '"');
	for (; s && (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '"' || c == '\\') {
			rs_buf_addc(b, '\\');
			rs_buf_addc(b, c);
		} else if (c == '\n')
			rs_buf_adds(b, "\\n");
		else if (c == '\r')
			rs_buf_adds(b, "\\r");
		else if (c == '\t')
			rs_buf_adds(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			rs_buf_addf(b, "\\u%04x", c);
		else
			rs_buf_addc(b, c);
	}
	rs_buf_addc(b, '"');
}

void
rs_json_put(FILE *fp, const char *s)
{
	unsigned char c;

	putc('"', fp);
	for (; s && (c = (unsigned char)*s) != '\0'; s++) {
		switch (c) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(fp, "\\u%04x", c);
			else
				putc(c, fp);
		}
	}
	putc('"', fp);
}

static void
separated_row(struct rs_out *o, const char *const *cells, int delim)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		if (i)
			putc(delim, o->fp);
		if (delim == '\t')
			tsv_put(o->fp, cells[i]);
		else
			rs_csv_put(o->fp, cells[i], delim);
	}
	putc('\n', o->fp);
}

static void
json_row(struct rs_out *o, const char *const *cells)
{
	size_t i;

	putc('{', o->fp);
	for (i = 0; i < o->ncols; i++) {
		if (i)
			putc(',', o->fp);
		rs_json_put(o->fp, o->cols[i].name);
		putc(':', o->fp);
		if ((o->cols[i].flags & RS_NUMERIC)) {
			if (cells[i] && *cells[i])
				fputs(cells[i], o->fp);
			else
				fputs("null", o->fp);
		} else
			rs_json_put(o->fp, cells[i] ? cells[i] : "");
	}
	fputs("}\n", o->fp);
}

/* A table cell: one line, at most TABLE_MAXWIDTH characters unless wide. */
static char *
table_cell(const char *s, int wide)
{
	struct rs_buf b = { 0 };
	size_t chars = 0;

	for (; s && *s; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80) {
			if (!wide && chars == TABLE_MAXWIDTH - 1) {
				rs_buf_adds(&b, "…");
				break;
			}
			chars++;
		}
		if (*s == '\n' || *s == '\t' || *s == '\r')
			rs_buf_addc(&b, ' ');
		else
			rs_buf_addc(&b, *s);
	}
	return b.s ? b.s : rs_strdup("");
}

void
rs_out_row(struct rs_out *o, const char *const *cells)
{
	size_t i;

	if (o->fmt == RS_FMT_TABLE) {
		if (o->nrows == o->cap) {
			o->cap = o->cap ? o->cap * 2 : 64;
			o->cells = rs_realloc(o->cells,
			    o->cap * o->ncols * sizeof(char *));
		}
		for (i = 0; i < o->ncols; i++)
			o->cells[o->nrows * o->ncols + i] =
			    table_cell(o->cols[i].flags & RS_CODE ?
			    rs_label(cells[i]) : cells[i],
			    o->cols[i].flags & RS_WIDE);
		o->nrows++;
		return;
	}
	if (!o->header_done && o->fmt != RS_FMT_JSON) {
		const char **names = rs_calloc(o->ncols, sizeof(char *));

		for (i = 0; i < o->ncols; i++)
			names[i] = o->cols[i].name;
		separated_row(o, names, o->fmt == RS_FMT_TSV ? '\t' : ',');
		free(names);
	}
	o->header_done = 1;
	if (o->fmt == RS_FMT_JSON)
		json_row(o, cells);
	else
		separated_row(o, cells, o->fmt == RS_FMT_TSV ? '\t' : ',');
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static void
table_line(struct rs_out *o, const char *const *cells, const size_t *width)
{
	size_t i, w, last;

	/* no trailing blanks: stop after the last cell with something */
	for (last = o->ncols; last > 1 && *cells[last - 1] == '\0'; last--)
		;
	for (i = 0; i < last; i++) {
		w = rs_utf8_width(cells[i]);
		if ((o->cols[i].flags & RS_NUMERIC) && o->header_done)
			pad(o->fp, width[i] - w);
		fputs(cells[i], o->fp);
		if (i + 1 < last) {
			if (!((o->cols[i].flags & RS_NUMERIC) && o->header_done))
				pad(o->fp, width[i] - w);
			fputs("  ", o->fp);
		}
	}
	putc('\n', o->fp);
}

void
rs_out_end(struct rs_out *o)
{
	size_t i, r, w, *width;
	const char **labels;

	if (o->fmt != RS_FMT_TABLE) {
		/* a csv or tsv stream with no rows still names its columns */
		if (!o->header_done && o->fmt != RS_FMT_JSON) {
			labels = rs_calloc(o->ncols, sizeof(char *));
			for (i = 0; i < o->ncols; i++)
				labels[i] = o->cols[i].name;
			separated_row(o, labels,
			    o->fmt == RS_FMT_TSV ? '\t' : ',');
			free(labels);
		}
		free(o);
		return;
	}
	width = rs_calloc(o->ncols, sizeof(size_t));
	labels = rs_calloc(o->ncols, sizeof(char *));
	for (i = 0; i < o->ncols; i++) {
		labels[i] = o->cols[i].label;
		width[i] = rs_utf8_width(labels[i]);
		for (r = 0; r < o->nrows; r++) {
			w = rs_utf8_width(o->cells[r * o->ncols + i]);
			if (w > width[i])
				width[i] = w;
		}
	}
	table_line(o, labels, width);
	o->header_done = 1;
	for (r = 0; r < o->nrows; r++)
		table_line(o, (const char *const *)o->cells + r * o->ncols,
		    width);
	for (i = 0; i < o->nrows * o->ncols; i++)
		free(o->cells[i]);
	free(o->cells);
	free(width);
	free(labels);
	free(o);
}

void
rs_json_key(struct rs_buf *b, const char *key)
{
	if (b->len > 0 && b->s[b->len - 1] != '{' && b->s[b->len - 1] != '[')
		rs_buf_addc(b, ',');
	rs_json_add(b, key);
	rs_buf_addc(b, ':');
}

void
rs_json_str(struct rs_buf *b, const char *key, const char *value)
{
	if (value == NULL)
		return;
	rs_json_key(b, key);
	rs_json_add(b, value);
}

#define TEXT_WIDTH	80	/* a line for people when nothing says */
#define TEXT_MINWIDTH	20	/* room left for the text after an indent */

size_t
rs_text_width(int fd)
{
	struct winsize ws;
	const char *s;
	long n;
	char *end;

	/* $COLUMNS first, as ls(1) does: a script can ask for a width */
	if ((s = getenv("COLUMNS")) != NULL && *s) {
		n = strtol(s, &end, 10);
		if (*end == '\0' && n > 0 && n < 10000)
			return (size_t)n;
	}
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return TEXT_WIDTH;
}

/* The characters (code points) of the n bytes at s. */
static size_t
span_width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Does the line of n bytes at s hold anything but blanks? */
static int
has_words(const char *s, size_t n)
{
	return strspn(s, " \t\r") < n;
}

/* One line of text (no newline in it), wrapped. */
static void
wrap_line(FILE *fp, const char *s, size_t len, size_t indent, size_t width)
{
	const char *end = s + len, *w;
	size_t col = indent, ww, n;
	int first = 1;

	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s == end)
			break;
		for (w = s; w < end && *w != ' ' && *w != '\t' && *w != '\r';
		    w++)
			;
		ww = span_width(s, (size_t)(w - s));
		if (!first && col + 1 + ww > width) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			putc(' ', fp);
			col++;
		}
		first = 0;
		/* a word wider than a whole line goes on in pieces */
		while (col + ww > width) {
			for (n = 0; s < w && col < width; col++) {
				n = 1;
				while (s + n < w &&
				    ((unsigned char)s[n] & 0xc0) == 0x80)
					n++;
				fwrite(s, 1, n, fp);
				s += n;
			}
			ww = span_width(s, (size_t)(w - s));
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
		}
		fwrite(s, 1, (size_t)(w - s), fp);
		col += ww;
		s = w;
	}
}

void
rs_text_wrap(FILE *fp, const char *s, size_t indent, size_t width)
{
	const char *end, *nl;
	int first = 1;

	if (width < indent + TEXT_MINWIDTH)
		width = indent + TEXT_MINWIDTH;
	/* blank lines at the end (a message's signature gap) say nothing */
	for (end = s + strlen(s); end > s && strchr(" \t\r\n", end[-1]);
	    end--)
		;
	for (; s < end || first; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if (!first) {
			putc('\n', fp);
			/* a blank line stays blank, with no trailing spaces */
			if (has_words(s, (size_t)(nl - s)))
				fprintf(fp, "%*s", (int)indent, "");
		}
		first = 0;
		wrap_line(fp, s, (size_t)(nl - s), indent, width);
		if (nl == end)
			break;
	}
	putc('\n', fp);
}
