/*
 * csv.c - reading RFC 4180 as offices produce it (DESIGN §4)
 *
 * libcsv does the quoting.  This file reads the input in pieces of up to
 * 64 KiB that end at a line end (a longer line goes in several), checks
 * their bytes (NUL, UTF-8 or a legacy encoding) before they reach the
 * parser, and hands each piece to libcsv whole; the records a piece
 * completes wait in a queue that rs_csv_read() empties one at a time.
 * Line numbers come from the parser's callbacks: CSV_REPALL_NL reports
 * every line end outside quotes, blank lines included, and the line ends
 * inside a record are counted in its fields.  Memory stays bounded
 * whatever the input size: one read buffer, one converted-piece buffer,
 * libcsv's field buffer (capped by RS_CSV_FIELD_MAX) and the records of
 * one piece.
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

/*
 * libcsv's own tests for spaces (which it trims) and line ends (CR or
 * LF) are inline; a space or line-end function of ours would be called
 * through a pointer for every byte, which made the parse 45% slower on
 * bench/csvcount's input.  So the parser keeps its own tests and never
 * sees a byte they match but LF: a CR before LF is dropped, and spaces,
 * tabs and other CRs reach it as bytes that never occur in UTF-8
 * (Unicode table 3-7), given back when a record is complete.
 */
#define HIDDEN_SPACE	0xf8
#define HIDDEN_TAB	0xf9
#define HIDDEN_CR	0xfa

/* Bytes per round of the loops below that the compiler vectorizes. */
#define CHUNK		64

struct queued {
	size_t			 field;		/* its first field in off */
	long			 line;		/* where it began */
};

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

	long			 line;		/* the next record begins on */
	long			 piece_line;	/* the piece being fed begins on */
	size_t			 linepos;	/* bytes of its line before it */
	int			 hid_rare;	/* a tab or CR was hidden */

	int			 have_header;
	size_t			 ncols;		/* fields in the header */
	size_t			 nfields;	/* in the record being parsed */
	size_t			 rec_field;	/* its first field in off */
	size_t			 rec_byte;	/* its first byte in arena */
	long			 surplus_lf;	/* LFs in its surplus fields */
	int			 done;		/* end of input reached */

	char			*arena;		/* fields of the queued records */
	size_t			 alen;		/* and the one being parsed, */
	size_t			 acap;		/* each NUL-ended */
	size_t			*off;		/* field starts in arena */
	size_t			 noff;
	size_t			 offcap;
	struct queued		*queue;		/* complete records, in order */
	size_t			 qhead;		/* next one to hand out */
	size_t			 qlen;
	size_t			 qcap;
	char			**fv;		/* handed to the caller */
	long			 where;		/* what rs_csv_line() reports */

	const char		*err;		/* sticky once set */
	long			 err_line;	/* told after the queued ones */
	char			 errbuf[160];
};

static void
fail(struct rs_csv *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct rs_csv *c, long line, const char *fmt, ...)
{
	va_list ap;

	/* The first error found is the earliest in the input. */
	if (c->err != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(c->errbuf, sizeof(c->errbuf), fmt, ap);
	va_end(ap);
	c->err = c->errbuf;
	c->err_line = line;
}

static size_t
count_lf(const void *s, size_t len)
{
	const char *p = s, *e;
	size_t n = 0;

	if (len == 0)	/* libcsv hands an empty field as NULL */
		return 0;
	e = p + len;
	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* The line on which the field being parsed began. */
static long
field_line(const struct rs_csv *c)
{
	long n = c->line + c->surplus_lf;

	if (c->alen > c->rec_byte)
		n += (long)count_lf(c->arena + c->rec_byte,
		    c->alen - c->rec_byte);
	return n;
}

/* The line the parser has reached: where the next byte fed would be. */
static long
parser_line(const struct rs_csv *c)
{
	return field_line(c) + (long)count_lf(c->parser.entry_buf,
	    c->parser.entry_pos);
}

/* libcsv: one field has ended. */
static void
field_end(void *s, size_t len, void *arg)
{
	struct rs_csv *c = arg;
	size_t n;

	if (c->err != NULL)
		return;
	if (len > RS_CSV_FIELD_MAX) {
		fail(c, field_line(c), "field longer than %d bytes",
		    RS_CSV_FIELD_MAX);
		return;
	}
	c->nfields++;
	/* Surplus fields are only counted, for the message. */
	if (c->have_header && c->nfields > c->ncols) {
		c->surplus_lf += (long)count_lf(s, len);
		return;
	}
	if (c->noff == c->offcap) {
		c->offcap = c->offcap ? 2 * c->offcap : 256;
		c->off = rs_realloc(c->off, c->offcap * sizeof(*c->off));
	}
	if (c->alen + len + 1 > c->acap) {
		n = c->acap ? c->acap : 16384;
		while (n < c->alen + len + 1)
			n *= 2;
		c->arena = rs_realloc(c->arena, n);
		c->acap = n;
	}
	c->off[c->noff++] = c->alen;
	/* CSV_APPEND_NULL: the NUL after the field comes with it. */
	memcpy(c->arena + c->alen, s, len + 1);
	c->alen += len + 1;
}

/*
 * Give a record back the bytes hidden from the parser; return the number
 * of LFs in it.  Written as rounds of 16 bytes (records are short), which
 * compilers turn into vector code at -O2; tabs and CRs are rare, and
 * only looked for once one has been hidden.  A CR alone comes back as
 * LF: a line break, as a message's body has it, never a raw CR in the
 * store, a table or a notice (rs-csv(5)).  It was no line end of the
 * file, so it is not counted.
 */
static size_t
reveal(unsigned char *s, size_t len, int rare)
{
	size_t i, j, nl = 0;
	unsigned char b, k;

	for (i = 0; i + 16 <= len; i += 16) {
		k = 0;
		for (j = 0; j < 16; j++) {
			b = s[i + j];
			k += b == '\n';
			s[i + j] = b == HIDDEN_SPACE ? ' ' : b;
		}
		nl += k;
	}
	for (; i < len; i++) {
		b = s[i];
		nl += b == '\n';
		s[i] = b == HIDDEN_SPACE ? ' ' : b;
	}
	if (rare) {
		for (i = 0; i < len; i++)
			if (s[i] == HIDDEN_TAB)
				s[i] = '\t';
			else if (s[i] == HIDDEN_CR)
				s[i] = '\n';
	}
	return nl;
}

/* libcsv: a line end outside quotes, or the end of input. */
static void
row_end(int ch, void *arg)
{
	struct rs_csv *c = arg;
	size_t nl;

	(void)ch;
	if (c->err != NULL)
		return;
	/* CSV_REPALL_NL: a blank line is reported as a row of no fields. */
	if (c->nfields == 0) {
		c->line++;
		return;
	}
	nl = reveal((unsigned char *)c->arena + c->rec_byte,
	    c->alen - c->rec_byte, c->hid_rare);
	if (!c->have_header) {
		c->have_header = 1;
		c->ncols = c->nfields;
		c->fv = rs_malloc((c->ncols + 1) * sizeof(*c->fv));
	} else if (c->nfields != c->ncols) {
		fail(c, c->line, "expected %zu fields, got %zu", c->ncols,
		    c->nfields);
		return;
	}
	if (c->qlen == c->qcap) {
		c->qcap = c->qcap ? 2 * c->qcap : 64;
		c->queue = rs_realloc(c->queue, c->qcap * sizeof(*c->queue));
	}
	c->queue[c->qlen].field = c->rec_field;
	c->queue[c->qlen].line = c->line;
	c->qlen++;
	c->line += (long)nl + 1;
	c->nfields = 0;
	c->rec_field = c->noff;
	c->rec_byte = c->alen;
	c->surplus_lf = 0;
}

/*
 * Offset of the first byte that does not begin a well-formed UTF-8
 * sequence (Unicode table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF), or len.  rs_utf8_invalid() says the same; this one
 * is fast on Spanish text because every input byte passes here: CHUNK
 * bytes at a time it checks, without a branch per byte, that they are
 * ASCII and two-byte sequences only (a byte is a continuation exactly
 * when the one before is a lead, and none is C0, C1, or E0 and above).
 * Anything else, and the end, go through the full rules a byte at a
 * time.
 */
static size_t
utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0, j, lim;
	unsigned char b, lo, hi, e;
	int n;

	while (i < len) {
		/* A byte must follow the chunk: it may end in a lead. */
		if (i > 0 && len - i > CHUNK) {
			e = 0;
			for (j = 0; j < CHUNK; j++) {
				b = s[i + j];
				e |= (((b & 0xc0) == 0x80) !=
				    ((s[i + j - 1] & 0xc0) == 0xc0)) |
				    ((b & 0xfe) == 0xc0) | (b >= 0xe0);
			}
			if (e == 0) {
				i += CHUNK;
				continue;
			}
		}
		/* Start at a character: after a chunk, a lead ends it. */
		if (i > 0 && s[i - 1] >= 0xc0)
			i--;
		lim = len - i > CHUNK ? i + CHUNK : len;
		while (i < lim) {
			b = s[i];
			if (b < 0x80) {
				i++;
				continue;
			}
			/* The second byte's range rules out the bad forms. */
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
			if (len - i <= (size_t)n || s[i + 1] < lo ||
			    s[i + 1] > hi)
				return i;
			if (n >= 2 && (s[i + 2] & 0xc0) != 0x80)
				return i;
			if (n == 3 && (s[i + 3] & 0xc0) != 0x80)
				return i;
			i += n + 1;
		}
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
			fail(c, parser_line(c), "read error: %s",
			    strerror(errno ? errno : EIO));
		c->eof = 1;
	}
	c->end += n;
}

/*
 * Hide from the parser what its own tests would misread (see
 * HIDDEN_SPACE).  CRLF becomes LF, also inside quoted fields: a value
 * means the same whichever system wrote the file; a CR that ends the
 * input goes too; any other CR is a line break in its field (reveal).
 * Returns the new length.
 */
static size_t
hide(struct rs_csv *c, unsigned char *s, size_t len, int last)
{
	unsigned char *p;
	size_t i, j, o, n;

	if ((p = memchr(s, '\r', len)) != NULL) {
		i = o = (size_t)(p - s);
		while (i < len) {
			/* s[i] is a CR */
			if (i + 1 < len ? s[i + 1] != '\n' : !last) {
				s[o++] = HIDDEN_CR;
				c->hid_rare = 1;
			}
			i++;
			p = memchr(s + i, '\r', len - i);
			n = (p != NULL ? (size_t)(p - s) : len) - i;
			memmove(s + o, s + i, n);
			o += n;
			i += n;
		}
		len = o;
	}
	for (p = s; (p = memchr(p, '\t', len - (size_t)(p - s))) != NULL;
	    p++) {
		*p = HIDDEN_TAB;
		c->hid_rare = 1;
	}
	for (i = 0; i + CHUNK <= len; i += CHUNK)
		for (j = 0; j < CHUNK; j++)
			s[i + j] = s[i + j] == ' ' ? HIDDEN_SPACE : s[i + j];
	for (; i < len; i++)
		s[i] = s[i] == ' ' ? HIDDEN_SPACE : s[i];
	return len;
}

/*
 * A field still open must not grow past the cap before its end is seen
 * (a runaway quote would swallow the file): the cap is checked after
 * each piece, and, where parsing stopped at an error, at the line ends
 * in the field, the error coming after them.  The slack of one is a
 * closing quote libcsv keeps until it sees the next byte.
 */
static int
open_too_long(const struct rs_csv *c, int at_line_end)
{
	size_t n = c->parser.entry_pos;

	if (at_line_end)
		while (n > 0 && c->parser.entry_buf[n - 1] != '\n')
			n--;
	return n > RS_CSV_FIELD_MAX + 1;
}

/*
 * Parse checked bytes: whole lines, or part of a line longer than the
 * read buffer, or the last line of input (last).
 */
static int
parse(struct rs_csv *c, unsigned char *s, size_t len, int last)
{
	size_t done;

	len = hide(c, s, len, last);
	done = csv_parse(&c->parser, s, len, field_end, row_end, c);
	if (c->err != NULL)
		return -1;
	if (done < len) {
		if (open_too_long(c, 1))
			fail(c, field_line(c), "field longer than %d bytes",
			    RS_CSV_FIELD_MAX);
		else if (csv_error(&c->parser) == CSV_EPARSE)
			fail(c, c->piece_line + (long)count_lf(s, done),
			    "malformed quoted field");
		else
			fail(c, c->piece_line + (long)count_lf(s, done), "%s",
			    csv_strerror(csv_error(&c->parser)));
		return -1;
	}
	if (open_too_long(c, 0)) {
		fail(c, field_line(c), "field longer than %d bytes",
		    RS_CSV_FIELD_MAX);
		return -1;
	}
	return 0;
}

/* Bytes [0, k) of a piece are good; byte k is not.  Say where it is. */
static void
bad_byte(struct rs_csv *c, const unsigned char *s, size_t k, long *line,
    size_t *pos)
{
	const unsigned char *p;

	*line = c->piece_line + (long)count_lf(s, k);
	for (p = s + k; p > s && p[-1] != '\n'; p--)
		;
	*pos = (size_t)(s + k - p) + 1 + (p == s ? c->linepos : 0);
}

/* Where the line holding byte k of s begins. */
static size_t
line_start(const unsigned char *s, size_t k)
{
	while (k > 0 && s[k - 1] != '\n')
		k--;
	return k;
}

/*
 * Convert len bytes of cp1252 into c->conv; set *outlen.  Returns the
 * offset of the first byte cp1252 leaves undefined, or len.
 */
static size_t
convert(struct rs_csv *c, unsigned char *s, size_t len, size_t *outlen)
{
	char *in, *out;
	size_t inleft, outleft;

	in = (char *)s;
	inleft = len;
	out = c->conv;
	outleft = CONV_SIZE;
	if (iconv(c->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		if (errno != EILSEQ) {
			fail(c, c->piece_line, "cannot convert from cp1252: "
			    "%s", strerror(errno));
			*outlen = 0;
			return 0;
		}
		*outlen = CONV_SIZE - outleft;
		return (size_t)(in - (char *)s);
	}
	*outlen = CONV_SIZE - outleft;
	return len;
}

/*
 * Check, convert and parse one piece of input.  A byte that is not
 * allowed stops it at the start of its line: the lines before are
 * parsed, and their errors, earlier in the input, come first.
 */
static int
feed(struct rs_csv *c, unsigned char *s, size_t len, int last)
{
	unsigned char *nul, *out;
	size_t kn, kb, ls, pos, outlen;
	long line;
	int utf8, lf_ended;

	c->piece_line = parser_line(c);
	utf8 = c->cd == (iconv_t)-1;
	lf_ended = len > 0 && s[len - 1] == '\n';
	nul = memchr(s, '\0', len);
	kn = nul != NULL ? (size_t)(nul - s) : len;
	if (utf8) {
		kb = utf8_check(s, len);
		out = s;
		outlen = len;
	} else {
		kb = convert(c, s, len, &outlen);
		if (c->err != NULL)
			return -1;
		out = (unsigned char *)c->conv;
	}

	/* A NUL comes first on its line, like the line check did. */
	if (kn < len && (kn < kb || line_start(s, kn) == line_start(s, kb)))
		kb = kn;
	if (kb < len) {
		bad_byte(c, s, kb, &line, &pos);
		ls = line_start(s, kb);
		if (!utf8)
			convert(c, s, ls, &outlen);
		else
			outlen = ls;
		if (outlen > 0 && parse(c, out, outlen, 0) == -1)
			return -1;
		if (kb == kn)
			fail(c, line, "NUL byte in input");
		else if (utf8)
			fail(c, line, "invalid UTF-8 at byte %zu "
			    "(Windows-1252? try --encoding cp1252)", pos);
		else
			fail(c, line, "undefined cp1252 byte 0x%02X at byte "
			    "%zu", s[kb], pos);
		return -1;
	}

	if (parse(c, out, outlen, last) == -1)
		return -1;
	if (lf_ended)
		c->linepos = 0;
	else
		c->linepos += len;
	return 0;
}

/* Feed input until a record is queued or the input has ended. */
static void
feed_more(struct rs_csv *c)
{
	unsigned char *s;
	size_t n, len;

	while (c->qhead == c->qlen && c->err == NULL && !c->done) {
		s = c->buf + c->start;
		n = c->end - c->start;
		if (c->eof) {
			c->start += n;
			if (feed(c, s, n, 1) == -1)
				return;
			/* STRICT_FINI: an open quote at the end is an error. */
			if (csv_fini(&c->parser, field_end, row_end, c) != 0) {
				fail(c, field_line(c),
				    "unterminated quoted field");
				return;
			}
			c->done = 1;
		} else if (c->start > 0 || c->end < READ_SIZE) {
			fill(c);
		} else if ((len = line_start(s, n)) > 0) {
			/* Whole lines: the rest waits for the next read. */
			c->start += len;
			feed(c, s, len, 0);
		} else {
			/* A line longer than the buffer goes in pieces. */
			len = n - holdback(s, n);
			c->start += len;
			feed(c, s, len, 0);
		}
	}
}

/*
 * The records handed out are gone: move the one being parsed to the
 * front, so that the arena only ever holds one piece's records.
 */
static void
compact(struct rs_csv *c)
{
	size_t i;

	if (c->rec_byte > 0) {
		memmove(c->arena, c->arena + c->rec_byte,
		    c->alen - c->rec_byte);
		c->alen -= c->rec_byte;
		for (i = c->rec_field; i < c->noff; i++)
			c->off[i - c->rec_field] = c->off[i] - c->rec_byte;
		c->noff -= c->rec_field;
		c->rec_field = 0;
		c->rec_byte = 0;
	}
	c->qhead = 0;
	c->qlen = 0;
}

int
rs_csv_read(struct rs_csv *c, char ***fields)
{
	struct queued *q;
	size_t i;

	*fields = NULL;
	if (c->qhead == c->qlen) {
		if (c->err == NULL && !c->done) {
			compact(c);
			feed_more(c);
		}
		if (c->qhead == c->qlen) {
			if (c->err == NULL && !c->have_header)
				fail(c, 1, "empty input: no header line");
			if (c->err != NULL) {
				c->where = c->err_line;
				return -1;
			}
			return 0;
		}
	}
	q = &c->queue[c->qhead++];
	c->where = q->line;
	for (i = 0; i < c->ncols; i++)
		c->fv[i] = c->arena + c->off[q->field + i];
	c->fv[i] = NULL;
	*fields = c->fv;
	return (int)c->ncols;
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
 * Two kinds of file that would otherwise be refused for what they are
 * not, each told with the way to convert it.  UTF-16 (a spreadsheet's
 * "Unicode text"): a byte order mark, or a NUL beside the first
 * character, which "NUL byte in input" would report.  Line ends that are
 * CR alone (old Macintosh programs): the header's first line end, outside
 * quotes, is a CR not followed by LF, and the whole file would be read as
 * one header line.
 */
static void
sniff(struct rs_csv *c)
{
	const unsigned char *s = c->buf + c->start;
	size_t i, n = c->end - c->start;
	int quoted = 0;

	if ((n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) ||
	    (s[0] == 0xfe && s[1] == 0xff))) ||
	    (n >= 2 && (s[0] == '\0') != (s[1] == '\0'))) {
		fail(c, 1, "the file is UTF-16: convert with "
		    "iconv -f UTF-16 -t UTF-8");
		return;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (s[i] == '\n')
			return;
		else if (s[i] == '\r') {
			if (i + 1 < n ? s[i + 1] != '\n' : c->eof)
				fail(c, 1, "line endings are CR only: "
				    "convert with tr '\\r' '\\n'");
			return;
		}
	}
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
	c->where = 1;

	/* RFC 4180 spaces and line ends: see HIDDEN_SPACE. */
	if (csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
		rs_die(EX_SOFTWARE, "csv_init failed");
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
	sniff(c);
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
	free(c->queue);
	free(c->fv);
	free(c);
}
