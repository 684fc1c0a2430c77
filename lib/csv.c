/*
 * csv.c - reading RFC 4180 as offices produce it (DESIGN §4)
 *
 * libcsv does the quoting; this file feeds it one physical line at a
 * time so that line numbers stay exact across quoted newlines, checks the
 * bytes (NUL, UTF-8 or a legacy encoding) before they reach the parser,
 * and collects each record's fields in an arena reused for the next.
 * Memory stays bounded whatever the input size: one read buffer, one
 * converted-line buffer, libcsv's field buffer (capped by
 * RS_CSV_FIELD_MAX) and the current record.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "rs.h"

#define READ_SIZE	(64 * 1024)
/* A cp1252 byte becomes at most three UTF-8 bytes. */
#define CONV_SIZE	(3 * READ_SIZE)

struct rs_csv {
	FILE			*fp;
	iconv_t			 cd;		/* (iconv_t)-1: input is UTF-8 */
	struct csv_parser	 parser;
	int			 delim;

	unsigned char		*buf;		/* raw input, READ_SIZE */
	size_t			 start;		/* unconsumed bytes: [start, end) */
	size_t			 end;
	int			 eof;
	char			*conv;		/* one converted piece */

	long			 line;		/* physical line being fed */
	int			 bol;		/* nothing of it fed yet */
	size_t			 linepos;	/* its bytes so far, for messages */
	int			 in_record;	/* a record began, not yet ended */
	long			 rec_line;	/* where that record began */
	long			 field_line;	/* where its current field began */
	long			 where;		/* what rs_csv_line() reports */

	int			 have_header;
	size_t			 ncols;		/* fields in the header */
	size_t			 nfields;	/* fields seen in this record */
	int			 row_done;
	int			 done;		/* end of input reached */

	char			*arena;		/* this record's fields, NUL-ended */
	size_t			 alen;
	size_t			 acap;
	size_t			*off;		/* where each field starts in arena */
	char			**fv;		/* handed to the caller */
	size_t			 fcap;		/* room in off and fv */

	const char		*err;		/* sticky once set */
	char			 errbuf[160];
};

static int
no_space(unsigned char c)
{
	/* RFC 4180: spaces are part of a field. */
	(void)c;
	return 0;
}

static int
is_lf(unsigned char c)
{
	/*
	 * Only LF ends a record: the CR of a CRLF has already been dropped,
	 * and feeding one physical line at a time relies on the record end
	 * being the last byte fed.  A CR anywhere else is data; whether a
	 * field may hold control characters is for the caller to judge.
	 */
	return c == '\n';
}

static void
fail(struct rs_csv *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct rs_csv *c, long line, const char *fmt, ...)
{
	va_list ap;

	if (c->err != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(c->errbuf, sizeof(c->errbuf), fmt, ap);
	va_end(ap);
	c->err = c->errbuf;
	c->where = line;
}

static void
grow_fields(struct rs_csv *c, size_t need)
{
	size_t n;

	if (need <= c->fcap)
		return;
	n = c->fcap ? c->fcap : 16;
	while (n < need)
		n *= 2;
	c->off = rs_realloc(c->off, n * sizeof(*c->off));
	c->fv = rs_realloc(c->fv, n * sizeof(*c->fv));
	c->fcap = n;
}

/* libcsv: one field has ended. */
static void
field_end(void *s, size_t len, void *arg)
{
	struct rs_csv *c = arg;
	long began;
	size_t n;

	began = c->field_line;
	/* A later field of this record starts on the line this one ended. */
	c->field_line = c->line;
	if (c->err != NULL)
		return;
	if (len > RS_CSV_FIELD_MAX) {
		fail(c, began, "field longer than %d bytes", RS_CSV_FIELD_MAX);
		return;
	}
	c->nfields++;
	/* Surplus fields are only counted, for the message. */
	if (c->have_header && c->nfields > c->ncols)
		return;
	grow_fields(c, c->nfields + 1);
	if (c->alen + len + 1 > c->acap) {
		n = c->acap ? c->acap : 1024;
		while (n < c->alen + len + 1)
			n *= 2;
		c->arena = rs_realloc(c->arena, n);
		c->acap = n;
	}
	c->off[c->nfields - 1] = c->alen;
	memcpy(c->arena + c->alen, s, len);
	c->alen += len;
	c->arena[c->alen++] = '\0';
}

/* libcsv: the record has ended. */
static void
row_end(int ch, void *arg)
{
	struct rs_csv *c = arg;

	(void)ch;
	c->in_record = 0;
	c->row_done = 1;
}

/*
 * Offset of the first byte that does not begin a well-formed UTF-8
 * sequence (Unicode table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF), or len.  rs_utf8_invalid() says the same; this one
 * skips ASCII a word at a time because every input byte passes here.
 */
static size_t
utf8_check(const unsigned char *s, size_t len)
{
	uint64_t w;
	size_t i = 0;
	unsigned char b, lo, hi;
	int n;

	while (i < len) {
		while (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		b = s[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		/* The second byte's range is what rules out the bad forms. */
		lo = 0x80;
		hi = 0xbf;
		if (b >= 0xc2 && b <= 0xdf)
			n = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			n = 2;
			if (b == 0xe0)
				lo = 0xa0;
			else if (b == 0xed)
				hi = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			n = 3;
			if (b == 0xf0)
				lo = 0x90;
			else if (b == 0xf4)
				hi = 0x8f;
		} else
			return i;
		if (len - i <= (size_t)n || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		if (n >= 2 && (s[i + 2] & 0xc0) != 0x80)
			return i;
		if (n == 3 && (s[i + 3] & 0xc0) != 0x80)
			return i;
		i += n + 1;
	}
	return len;
}

/*
 * Bytes at the end of a piece cut off mid-line that must wait for the
 * rest: a CR (it may be half of a CRLF) or the start of a UTF-8 sequence.
 */
static size_t
holdback(const unsigned char *s, size_t n)
{
	size_t k, need;
	unsigned char b;

	if (n > 0 && s[n - 1] == '\r')
		return 1;
	for (k = 1; k <= 3 && k <= n; k++) {
		b = s[n - k];
		if ((b & 0xc0) == 0x80)
			continue;
		if (b < 0xc0)
			return 0;
		need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
		return need > k ? k : 0;
	}
	return 0;
}

/* Keep the unconsumed bytes, then read more after them. */
static void
fill(struct rs_csv *c)
{
	size_t n;

	if (c->start > 0) {
		memmove(c->buf, c->buf + c->start, c->end - c->start);
		c->end -= c->start;
		c->start = 0;
	}
	n = fread(c->buf + c->end, 1, READ_SIZE - c->end, c->fp);
	if (n == 0) {
		if (ferror(c->fp))
			fail(c, c->line, "read error: %s",
			    strerror(errno ? errno : EIO));
		c->eof = 1;
	}
	c->end += n;
}

/*
 * Check, convert and parse one piece of the current physical line: the
 * whole line with its LF (eol), or part of a line longer than the read
 * buffer, or the last line of input when it has no LF.
 */
static int
feed(struct rs_csv *c, unsigned char *s, size_t len, int eol)
{
	char *in, *out;
	size_t rawlen, bad, inleft, outleft, done;

	rawlen = len;
	if (c->bol && !c->in_record) {
		/* Blank lines between records are no records. */
		if ((eol && len == 1) || (eol && len == 2 && s[0] == '\r') ||
		    (!eol && len == 1 && s[0] == '\r'))
			goto next;
		c->in_record = 1;
		c->rec_line = c->field_line = c->line;
	}
	if (memchr(s, '\0', len) != NULL) {
		fail(c, c->line, "NUL byte in input");
		return -1;
	}
	/*
	 * CRLF becomes LF, also inside quoted fields: a value means the same
	 * whichever system wrote the file.
	 */
	if (eol && len >= 2 && s[len - 2] == '\r') {
		s[len - 2] = '\n';
		len--;
	} else if (!eol && c->eof && len >= 1 && s[len - 1] == '\r')
		len--;

	if (c->cd == (iconv_t)-1) {
		if ((bad = utf8_check(s, len)) < len) {
			fail(c, c->line, "invalid UTF-8 at byte %zu "
			    "(Windows-1252? try --encoding cp1252)",
			    c->linepos + bad + 1);
			return -1;
		}
		in = (char *)s;
	} else {
		in = (char *)s;
		inleft = len;
		out = c->conv;
		outleft = CONV_SIZE;
		if (iconv(c->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
			if (errno != EILSEQ) {
				fail(c, c->line, "cannot convert from cp1252: "
				    "%s", strerror(errno));
				return -1;
			}
			/* Single-byte input: the offset is the byte's. */
			bad = (size_t)(in - (char *)s);
			fail(c, c->line, "undefined cp1252 byte 0x%02X "
			    "at byte %zu", (unsigned char)*in,
			    c->linepos + bad + 1);
			return -1;
		}
		len = CONV_SIZE - outleft;
		in = c->conv;
	}

	done = csv_parse(&c->parser, in, len, field_end, row_end, c);
	if (c->err != NULL)
		return -1;
	if (done < len) {
		if (csv_error(&c->parser) == CSV_EPARSE)
			fail(c, c->line, "malformed quoted field");
		else
			fail(c, c->line, "%s",
			    csv_strerror(csv_error(&c->parser)));
		return -1;
	}
	/*
	 * A field still open must not grow past the cap before its end is
	 * seen (a runaway quote would swallow the file).  The slack of one
	 * is a closing quote libcsv keeps until it sees the next byte.
	 */
	if (c->parser.entry_pos > RS_CSV_FIELD_MAX + 1) {
		fail(c, c->field_line, "field longer than %d bytes",
		    RS_CSV_FIELD_MAX);
		return -1;
	}
next:
	if (eol) {
		c->line++;
		c->linepos = 0;
		c->bol = 1;
	} else {
		c->linepos += rawlen;
		c->bol = 0;
	}
	return 0;
}

/* Feed input until a record has ended or the input has. */
static int
feed_record(struct rs_csv *c)
{
	unsigned char *s, *nl;
	size_t n, len;

	while (!c->row_done) {
		s = c->buf + c->start;
		n = c->end - c->start;
		if ((nl = memchr(s, '\n', n)) != NULL) {
			len = (size_t)(nl - s) + 1;
			c->start += len;
			if (feed(c, s, len, 1) == -1)
				return -1;
		} else if (c->eof) {
			if (n > 0) {
				c->start += n;
				if (feed(c, s, n, 0) == -1)
					return -1;
				continue;
			}
			/* STRICT_FINI: an open quote at the end is an error. */
			if (csv_fini(&c->parser, field_end, row_end, c) != 0) {
				fail(c, c->field_line,
				    "unterminated quoted field");
				return -1;
			}
			if (c->err != NULL)
				return -1;
			c->done = 1;
			return 0;
		} else if (c->start > 0 || c->end < READ_SIZE) {
			fill(c);
			if (c->err != NULL)
				return -1;
		} else {
			/* A line longer than the buffer goes in pieces. */
			len = n - holdback(s, n);
			c->start += len;
			if (feed(c, s, len, 0) == -1)
				return -1;
		}
	}
	return 0;
}

int
rs_csv_read(struct rs_csv *c, char ***fields)
{
	size_t i;

	*fields = NULL;
	if (c->err != NULL)
		return -1;
	if (c->done)
		return 0;
	c->nfields = 0;
	c->alen = 0;
	c->row_done = 0;
	if (feed_record(c) == -1)
		return -1;
	if (!c->row_done) {
		if (!c->have_header) {
			fail(c, 1, "empty input: no header line");
			return -1;
		}
		return 0;
	}
	c->where = c->rec_line;
	if (!c->have_header) {
		c->have_header = 1;
		c->ncols = c->nfields;
	} else if (c->nfields != c->ncols) {
		fail(c, c->rec_line, "expected %zu fields, got %zu", c->ncols,
		    c->nfields);
		return -1;
	}
	grow_fields(c, c->nfields + 1);
	for (i = 0; i < c->nfields; i++)
		c->fv[i] = c->arena + c->off[i];
	c->fv[i] = NULL;
	*fields = c->fv;
	return (int)c->nfields;
}

/*
 * ';' when the header has more of them than commas outside quotes (a
 * spreadsheet in a Spanish locale), else ','.  The header is the first
 * line that is not blank, as far as the first read holds it.
 */
static int
detect_delimiter(const unsigned char *s, size_t n)
{
	size_t i, semi = 0, comma = 0;
	int quoted = 0;

	for (i = 0; i < n && (s[i] == '\n' || s[i] == '\r'); i++)
		;
	for (; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (s[i] == '\n')
			break;
		else if (s[i] == ';')
			semi++;
		else if (s[i] == ',')
			comma++;
	}
	return semi > comma ? ';' : ',';
}

/*
 * The names a user may give.  latin1 is read as cp1252, as web browsers
 * do (WHATWG Encoding): files labelled latin1 nearly always hold cp1252
 * characters such as the euro sign or curly quotes in 0x80-0x9f, where
 * ISO-8859-1 would put invisible control characters.
 */
static const char *const utf8_names[] = { "utf-8", "utf8", NULL };
static const char *const cp1252_names[] = {
	"cp1252", "windows-1252", "latin1", "latin-1", "iso-8859-1",
	"iso8859-1", NULL
};

static int
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

struct rs_csv *
rs_csv_open(FILE *fp, const char *name, const char *encoding, const char **err)
{
	static char msg[160];
	struct rs_csv *c;
	iconv_t cd = (iconv_t)-1;

	/* Messages carry no name: the caller prefixes "file:line: ". */
	(void)name;
	if (encoding != NULL && !name_in(encoding, utf8_names)) {
		if (!name_in(encoding, cp1252_names)) {
			snprintf(msg, sizeof(msg), "unknown encoding \"%s\" "
			    "(known: utf-8, cp1252, latin1)", encoding);
			*err = msg;
			return NULL;
		}
		if ((cd = iconv_open("UTF-8", "CP1252")) == (iconv_t)-1) {
			snprintf(msg, sizeof(msg), "cannot convert from "
			    "cp1252: %s", strerror(errno));
			*err = msg;
			return NULL;
		}
	}

	c = rs_calloc(1, sizeof(*c));
	c->fp = fp;
	c->cd = cd;
	c->buf = rs_malloc(READ_SIZE);
	if (cd != (iconv_t)-1)
		c->conv = rs_malloc(CONV_SIZE);
	c->line = 1;
	c->bol = 1;
	c->where = 1;
	c->field_line = 1;

	if (csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0)
		rs_die(EX_SOFTWARE, "csv_init failed");
	csv_set_space_func(&c->parser, no_space);
	csv_set_term_func(&c->parser, is_lf);
	csv_set_realloc_func(&c->parser, rs_realloc);
	csv_set_free_func(&c->parser, free);
	/* libcsv grows its field buffer by this much at a time. */
	csv_set_blk_size(&c->parser, 4096);

	fill(c);
	if (c->end >= 3 && memcmp(c->buf, "\xef\xbb\xbf", 3) == 0) {
		if (cd != (iconv_t)-1)
			fail(c, 1, "input starts with a UTF-8 byte order "
			    "mark: it is UTF-8, not cp1252");
		c->start = 3;
		/* Byte positions count within the line as stored. */
		c->linepos = 3;
	}
	c->delim = detect_delimiter(c->buf + c->start, c->end - c->start);
	csv_set_delim(&c->parser, (unsigned char)c->delim);
	return c;
}

long
rs_csv_line(const struct rs_csv *c)
{
	return c->where;
}

const char *
rs_csv_error(const struct rs_csv *c)
{
	return c->err != NULL ? c->err : "";
}

int
rs_csv_delimiter(const struct rs_csv *c)
{
	return c->delim;
}

void
rs_csv_close(struct rs_csv *c)
{
	if (c == NULL)
		return;
	csv_free(&c->parser);
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	free(c->buf);
	free(c->conv);
	free(c->arena);
	free(c->off);
	free(c->fv);
	free(c);
}
