/*
 * t/unit/csv.c - the CSV reader against the inputs offices produce
 *
 * Each case reads a whole input and renders what came out as one string:
 * "<line>[field|field]" for each record, then "." at the end of input or
 * "!<line>: <reason>" for an error, so a failure shows both sides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

#define PLAN	122

static int ntest, nfail;

static void
ok(int cond, const char *desc)
{
	ntest++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntest, desc);
}

/* The input in a real stream, NUL bytes and all. */
static FILE *
input(const char *s, size_t len)
{
	FILE *fp;

	if ((fp = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(1);
	}
	if (len > 0 && fwrite(s, 1, len, fp) != len) {
		perror("fwrite");
		exit(1);
	}
	rewind(fp);
	return fp;
}

static void
render(struct rs_csv *c, struct rs_buf *out)
{
	char **f;
	int i, n;

	while ((n = rs_csv_read(c, &f)) > 0) {
		rs_buf_addf(out, "%ld[", rs_csv_line(c));
		for (i = 0; i < n; i++) {
			if (i > 0)
				rs_buf_addc(out, '|');
			rs_buf_adds(out, f[i]);
		}
		rs_buf_addc(out, ']');
	}
	if (n == 0)
		rs_buf_addc(out, '.');
	else
		rs_buf_addf(out, "!%ld: %s", rs_csv_line(c), rs_csv_error(c));
}

static void
check_enc(const char *desc, const char *in, size_t len, const char *enc,
    const char *want)
{
	struct rs_buf out = { NULL, 0, 0 };
	struct rs_csv *c;
	const char *err = NULL;
	FILE *fp;
	int good;

	fp = input(in, len);
	if ((c = rs_csv_open(fp, "in.csv", enc, &err)) == NULL)
		rs_buf_addf(&out, "open: %s", err);
	else {
		render(c, &out);
		rs_csv_close(c);
	}
	fclose(fp);
	good = strcmp(rs_buf_str(&out), want) == 0;
	ok(good, desc);
	if (!good)
		printf("# want: %s\n#  got: %s\n", want, rs_buf_str(&out));
	rs_buf_free(&out);
}

#define CHECK(desc, in, want) \
	check_enc(desc, in, sizeof(in) - 1, NULL, want)
#define CHECK_ENC(desc, in, enc, want) \
	check_enc(desc, in, sizeof(in) - 1, enc, want)

static void
check_delimiter(const char *desc, const char *in, int want)
{
	struct rs_csv *c;
	const char *err;
	FILE *fp;

	fp = input(in, strlen(in));
	c = rs_csv_open(fp, "in.csv", NULL, &err);
	ok(c != NULL && rs_csv_delimiter(c) == want, desc);
	rs_csv_close(c);
	fclose(fp);
}

static void
basics(void)
{
	CHECK("LF line ends", "a,b,c\n1,2,3\n4,5,6\n",
	    "1[a|b|c]2[1|2|3]3[4|5|6].");
	CHECK("CRLF line ends", "a,b\r\n1,2\r\n3,4\r\n",
	    "1[a|b]2[1|2]3[3|4].");
	CHECK("no line end after the last record", "a,b\n1,2",
	    "1[a|b]2[1|2].");
	CHECK("no CRLF after the last record, a lone CR", "a,b\r\n1,2\r",
	    "1[a|b]2[1|2].");
	CHECK("header only", "a,b\n", "1[a|b].");
	CHECK("UTF-8 BOM skipped", "\xef\xbb\xbf" "nombre,x\n\xc3\xb1,1\n",
	    "1[nombre|x]2[\xc3\xb1|1].");
	CHECK("quoted delimiters and quotes",
	    "a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n\"\",\"\"\"\"\n",
	    "1[a|b]2[x,y|he said \"hi\"]3[|\"].");
	CHECK("empty fields", "a,b,c\n,,\n", "1[a|b|c]2[||].");
	CHECK("leading and trailing spaces kept", "a,b\n  x , y  \n",
	    "1[a|b]2[  x | y  ].");
	CHECK("spaces inside quotes kept", "a\n\" q \"\n", "1[a]2[ q ].");
	CHECK("quoted last field at end of input", "a,b\n1,\"x\"",
	    "1[a|b]2[1|x].");
	CHECK("quoted newline, later line numbers",
	    "a,b\n\"l1\nl2\",x\n\"p\r\nq\r\nr\",y\r\nlast,z\n",
	    "1[a|b]2[l1\nl2|x]4[p\nq\nr|y]7[last|z].");
	CHECK("quoted newline in a later field",
	    "a,b,c\n1,\"x\n\ny\",3\n4,5,6\n",
	    "1[a|b|c]2[1|x\n\ny|3]5[4|5|6].");
	CHECK("blank lines skipped", "\na,b\n\n1,2\n\r\n\n3,4\n\n",
	    "2[a|b]4[1|2]7[3|4].");
	CHECK("semicolon delimiter", "a;b,c;d\n1;2,x;3\n",
	    "1[a|b,c|d]2[1|2,x|3].");
	CHECK("4-byte UTF-8 accepted", "a\n\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\n",
	    "1[a]2[\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf].");
	/* rs-csv(5): a CR alone in a field is a line break there */
	CHECK("a bare CR is a line break in its field", "a,b\n1\r2,3\n",
	    "1[a|b]2[1\n2|3].");
	CHECK("a bare CR inside quotes is a line break", "a\n\"x\ry\"\n",
	    "1[a]2[x\ny].");
	CHECK("a bare CR counts no line", "a\n\"x\ry\"\nz\n",
	    "1[a]2[x\ny]3[z].");
	CHECK("tabs kept, quoted or not", "a,b\n\tx\t,\" \t \"\n",
	    "1[a|b]2[\tx\t| \t ].");
	CHECK("spaces and tabs alone", "a,b\n \t, \n", "1[a|b]2[ \t| ].");
	CHECK("blank line ended by CRLF, then spaces", "a\r\n\r\n x\r\n",
	    "1[a]3[ x].");

	check_delimiter("comma by default", "a,b\n", ',');
	check_delimiter("semicolon when more of them", "a;b;c,d\n", ';');
	check_delimiter("comma on a tie", "a;b,c\n", ',');
	check_delimiter("quoted semicolons do not count",
	    "\"a;b;c\",d\nx;y;z;w\n", ',');
	check_delimiter("only the header line counts", "a,b\n1;2;3;4\n", ',');
	check_delimiter("semicolon after a BOM", "\xef\xbb\xbf" "a;b\n", ';');
	check_delimiter("empty input", "", ',');
}

static void
errors(void)
{
	const char *err = NULL;
	FILE *fp;
	char **f;
	struct rs_csv *c;
	int n1, n2;

	CHECK("unterminated quoted field at the end",
	    "a,b\n1,2\n3,\"open\nmore\n",
	    "1[a|b]2[1|2]!3: unterminated quoted field");
	CHECK("unterminated quote on the last line", "a\n\"",
	    "1[a]!2: unterminated quoted field");
	CHECK("unterminated quote swallows later records",
	    "a,b\n\"x\n1,2\n3,4\n",
	    "1[a|b]!2: unterminated quoted field");
	CHECK("quote inside an unquoted field", "a,b\n1,x\"y\n",
	    "1[a|b]!2: malformed quoted field");
	CHECK("text after a closing quote", "a,b\n\"x\"y,1\n",
	    "1[a|b]!2: malformed quoted field");
	CHECK("space after a closing quote", "a,b\n\"x\" ,1\n",
	    "1[a|b]!2: malformed quoted field");
	CHECK("malformed on a record's second line", "a,b\n\"x\ny\"z,1\n",
	    "1[a|b]!3: malformed quoted field");
	check_enc("NUL byte", "a,b\n1,2\n3,\0\n", 12, NULL,
	    "1[a|b]2[1|2]!3: NUL byte in input");
	CHECK("too few fields", "a,b,c\n1,2,3\n1,2\n",
	    "1[a|b|c]2[1|2|3]!3: expected 3 fields, got 2");
	CHECK("too many fields", "a,b\n1,2,3,4\n",
	    "1[a|b]!2: expected 2 fields, got 4");
	CHECK("field count error at the record's first line",
	    "a,b\n\"x\ny\"\n",
	    "1[a|b]!2: expected 2 fields, got 1");
	CHECK("a line of spaces is a record", "a,b\n   \n",
	    "1[a|b]!2: expected 2 fields, got 1");
	CHECK("empty input", "", "!1: empty input: no header line");
	CHECK("only blank lines", "\n\r\n\n", "!1: empty input: no header line");
	CHECK("only a BOM", "\xef\xbb\xbf", "!1: empty input: no header line");
	CHECK("invalid UTF-8 names the byte",
	    "a,b\nJos\xe9 Pe\xf1" "a,1\n",
	    "1[a|b]!2: invalid UTF-8 at byte 4 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("invalid UTF-8 counted after a BOM",
	    "\xef\xbb\xbf" "a\xff\n",
	    "!1: invalid UTF-8 at byte 5 (Windows-1252? try --encoding cp1252)");
	CHECK("overlong form refused", "a\n\xc0\xaf\n",
	    "1[a]!2: invalid UTF-8 at byte 1 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("3-byte overlong refused", "a\nx\xe0\x9f\xbf\n",
	    "1[a]!2: invalid UTF-8 at byte 2 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("surrogate refused", "a\nxy\xed\xa0\x80\n",
	    "1[a]!2: invalid UTF-8 at byte 3 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("above U+10FFFF refused", "a\n\xf4\x90\x80\x80\n",
	    "1[a]!2: invalid UTF-8 at byte 1 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("truncated sequence at the end refused", "a\nx\xc3",
	    "1[a]!2: invalid UTF-8 at byte 2 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("invalid UTF-8 inside a quoted newline", "a\n\"x\ny\x80\"\n",
	    "1[a]!3: invalid UTF-8 at byte 2 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("bytes F8 to FA refused", "a\nx \xf8\xf9\xfa\n",
	    "1[a]!2: invalid UTF-8 at byte 3 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("the records before a bad byte come first",
	    "a\n1\n2\n\n3\xff\n4\n",
	    "1[a]2[1]3[2]!5: invalid UTF-8 at byte 2 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("a NUL later on the line wins", "a\nx\xffy\0\n",
	    "1[a]!2: NUL byte in input");
	/* each with its own message and the way to convert it */
	CHECK("UTF-16LE with a byte order mark", "\xff\xfe" "a\0,\0b\0\n\0",
	    "!1: the file is UTF-16: convert with iconv -f UTF-16 -t UTF-8");
	CHECK("UTF-16BE with a byte order mark", "\xfe\xff\0a\0,\0b\0\n",
	    "!1: the file is UTF-16: convert with iconv -f UTF-16 -t UTF-8");
	CHECK("UTF-16LE without one", "a\0,\0b\0\n\0",
	    "!1: the file is UTF-16: convert with iconv -f UTF-16 -t UTF-8");
	CHECK_ENC("UTF-16 read as cp1252 is still UTF-16",
	    "\xff\xfe" "a\0\n\0", "cp1252", "!1: the file is UTF-16: convert with iconv -f UTF-16 -t UTF-8");
	CHECK("line ends that are CR alone", "a,b\r1,2\r",
	    "!1: line endings are CR only: convert with tr '\\r' '\\n'");
	CHECK("a CR that ends the input is no sign of them", "a,b\r",
	    "1[a|b].");
	CHECK("a CR inside the header's quotes is no line end",
	    "\"a\rb\",c\n1,2\n", "1[a\nb|c]2[1|2].");
	CHECK("invalid UTF-8 on an earlier line wins over a NUL",
	    "a\nx\xff\n\0\n",
	    "1[a]!2: invalid UTF-8 at byte 2 "
	    "(Windows-1252? try --encoding cp1252)");
	CHECK("a NUL wins over a malformed quote on its line",
	    "a\nx\"y\0\n", "1[a]!2: NUL byte in input");
	CHECK("malformed quote on an earlier line wins",
	    "a\nx\"y\n\xff\n", "1[a]!2: malformed quoted field");
	CHECK("tab after a closing quote", "a,b\n\"x\"\t,1\n",
	    "1[a|b]!2: malformed quoted field");
	CHECK("unterminated quote in a later field names its line",
	    "a,b,c\n1,\"x\ny\",\"open\nz\n",
	    "1[a|b|c]!3: unterminated quoted field");
	CHECK("too many fields, the surplus ones spanning lines",
	    "a,b\n1,2,\"3\n4\"\n5,6\n",
	    "1[a|b]!2: expected 2 fields, got 3");

	/* An error stays: the caller must not read on past it. */
	fp = input("a\n\"x\"y\n1\n", 9);
	c = rs_csv_open(fp, "in.csv", NULL, &err);
	rs_csv_read(c, &f);
	n1 = rs_csv_read(c, &f);
	n2 = rs_csv_read(c, &f);
	ok(n1 == -1 && n2 == -1 && rs_csv_line(c) == 2 &&
	    strcmp(rs_csv_error(c), "malformed quoted field") == 0,
	    "an error is sticky");
	rs_csv_close(c);
	fclose(fp);
}

static void
encodings(void)
{
	const char *err = "";
	struct rs_csv *c;

	CHECK_ENC("cp1252 converted", "nombre,v\nJos\xe9 Pe\xf1" "a,\x80\x93\n",
	    "cp1252", "1[nombre|v]2[Jos\xc3\xa9 Pe\xc3\xb1" "a|"
	    "\xe2\x82\xac\xe2\x80\x9c].");
	CHECK_ENC("CP1252 in capitals", "n\n\xe9\n", "CP1252",
	    "1[n]2[\xc3\xa9].");
	CHECK_ENC("windows-1252", "n\n\xe9\n", "windows-1252",
	    "1[n]2[\xc3\xa9].");
	CHECK_ENC("latin1", "n\n\xd1\n", "latin1", "1[n]2[\xc3\x91].");
	CHECK_ENC("iso-8859-1", "n\n\xd1\n", "iso-8859-1", "1[n]2[\xc3\x91].");
	CHECK_ENC("utf-8 named", "n\n\xc3\xa9\n", "UTF-8", "1[n]2[\xc3\xa9].");
	CHECK_ENC("cp1252 with semicolons and CRLF",
	    "a;b\r\n\"x;\xe1\";\xfa\r\n", "cp1252",
	    "1[a|b]2[x;\xc3\xa1|\xc3\xba].");
	CHECK_ENC("byte undefined in cp1252", "n\nab\x81\n", "cp1252",
	    "1[n]!2: undefined cp1252 byte 0x81 at byte 3");
	CHECK_ENC("0x9D undefined too", "n\n\x9d\n", "latin1",
	    "1[n]!2: undefined cp1252 byte 0x9D at byte 1");
	CHECK_ENC("NUL in cp1252", "n\nx\0\n", "cp1252",
	    "1[n]!2: NUL byte in input");
	CHECK_ENC("cp1252 bytes that UTF-8 never has",
	    "n\n\xf8\xf9\xfa \xff\n", "cp1252",
	    "1[n]2[\xc3\xb8\xc3\xb9\xc3\xba \xc3\xbf].");
	CHECK_ENC("cp1252 CR, CRLF, tabs and spaces",
	    "n,m\r\n\t\xe9\r1 ,\"\r\n\"\r\n", "cp1252",
	    "1[n|m]2[\t\xc3\xa9\n1 |\n].");
	CHECK_ENC("undefined cp1252 byte after good lines",
	    "n\nx\n\xe9\xe9\n\xe9\x8d\n", "cp1252",
	    "1[n]2[x]3[\xc3\xa9\xc3\xa9]!4: "
	    "undefined cp1252 byte 0x8D at byte 2");
	CHECK_ENC("NUL in cp1252 after an undefined byte on its line",
	    "n\nx\x81\0\n", "cp1252", "1[n]!2: NUL byte in input");
	CHECK_ENC("a BOM contradicts cp1252", "\xef\xbb\xbfn\nx\n", "cp1252",
	    "!1: input starts with a UTF-8 byte order mark: "
	    "it is UTF-8, not cp1252");

	c = rs_csv_open(stdin, "in.csv", "ebcdic", &err);
	ok(c == NULL && strcmp(err, "unknown encoding \"ebcdic\" "
	    "(known: utf-8, cp1252, latin1)") == 0, "unknown encoding refused");
}

/* Inputs bigger than the reader's buffer. */
static void
sizes(void)
{
	struct rs_buf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	char *big;
	size_t i;

	big = rs_malloc(3 * RS_CSV_FIELD_MAX);
	memset(big, 'x', 3 * RS_CSV_FIELD_MAX);

	rs_buf_adds(&in, "a,b\n1,");
	rs_buf_add(&in, big, RS_CSV_FIELD_MAX);
	rs_buf_adds(&in, "\n2,3\n");
	rs_buf_adds(&want, "1[a|b]2[1|");
	rs_buf_add(&want, big, RS_CSV_FIELD_MAX);
	rs_buf_adds(&want, "]3[2|3].");
	check_enc("field at the cap accepted", in.s, in.len, NULL, want.s);

	rs_buf_reset(&in);
	rs_buf_reset(&want);
	rs_buf_adds(&in, "a,b\n1,\"");
	rs_buf_add(&in, big, RS_CSV_FIELD_MAX);
	rs_buf_adds(&in, "\"\n2,3\n");
	rs_buf_adds(&want, "1[a|b]2[1|");
	rs_buf_add(&want, big, RS_CSV_FIELD_MAX);
	rs_buf_adds(&want, "]3[2|3].");
	check_enc("quoted field at the cap accepted", in.s, in.len, NULL,
	    want.s);

	rs_buf_reset(&in);
	rs_buf_adds(&in, "a,b\n1,2\n1,");
	rs_buf_add(&in, big, RS_CSV_FIELD_MAX + 1);
	rs_buf_adds(&in, "\n");
	check_enc("field one byte over refused", in.s, in.len, NULL,
	    "1[a|b]2[1|2]!3: field longer than 65536 bytes");

	rs_buf_reset(&in);
	rs_buf_adds(&in, "a,b\n1,\"");
	rs_buf_add(&in, big, RS_CSV_FIELD_MAX + 1);
	rs_buf_adds(&in, "\"\n");
	check_enc("quoted field one byte over refused", in.s, in.len, NULL,
	    "1[a|b]!2: field longer than 65536 bytes");

	/* A runaway quote stops at the cap, where the field began. */
	rs_buf_reset(&in);
	rs_buf_adds(&in, "a,b\n1,2\n3,\"");
	for (i = 0; i < 20000; i++)
		rs_buf_adds(&in, "4,5\n");
	check_enc("runaway quote stops at the cap", in.s, in.len, NULL,
	    "1[a|b]2[1|2]!3: field longer than 65536 bytes");

	rs_buf_reset(&in);
	rs_buf_adds(&in, "a\n");
	for (i = 0; i < 200; i++)
		rs_buf_add(&in, big, RS_CSV_FIELD_MAX);
	check_enc("a 13 MB field stops early", in.s, in.len, NULL,
	    "1[a]!2: field longer than 65536 bytes");

	rs_buf_reset(&in);
	rs_buf_adds(&in, "a,b,c\n");
	rs_buf_add(&in, big, 60000);
	rs_buf_adds(&in, ",");
	rs_buf_add(&in, big, 10000);
	rs_buf_adds(&in, "\xff,c\n");
	check_enc("byte position beyond the read buffer", in.s, in.len, NULL,
	    "1[a|b|c]!2: invalid UTF-8 at byte 70002 "
	    "(Windows-1252? try --encoding cp1252)");

	rs_buf_free(&in);
	rs_buf_free(&want);
	free(big);
}

/* Straddling cases need exact offsets: build them around the boundary. */
static void
straddle(void)
{
	struct rs_buf in = { NULL, 0, 0 };
	struct rs_csv *c;
	const char *err;
	const char *ch;
	char **f, desc[80];
	FILE *fp;
	size_t pad, k;
	int n, good;

	/*
	 * Walk a character and its CRLF across the 64 KiB boundary: the CR
	 * alone at the end (k 0), a clean cut (1), the character cut (2, 3).
	 */
	for (k = 0; k < 8; k++) {
		ch = k < 4 ? "\xc3\xa9" : "\xf0\x9f\x98\x80";
		rs_buf_reset(&in);
		rs_buf_adds(&in, "h,i\ny,");
		for (pad = 65527 + k % 4; pad > 0; pad--)
			rs_buf_addc(&in, 'x');
		rs_buf_adds(&in, ch);
		rs_buf_adds(&in, "\r\n2,3\r\n");
		fp = input(in.s, in.len);
		c = rs_csv_open(fp, "in.csv", NULL, &err);
		good = rs_csv_read(c, &f) == 2;
		n = rs_csv_read(c, &f);
		good = good && n == 2 && rs_csv_line(c) == 2 &&
		    strlen(f[1]) == 65527 + k % 4 + strlen(ch) &&
		    strcmp(f[1] + 65527 + k % 4, ch) == 0;
		good = good && rs_csv_read(c, &f) == 2 &&
		    strcmp(f[0], "2") == 0 && rs_csv_line(c) == 3 &&
		    rs_csv_read(c, &f) == 0;
		snprintf(desc, sizeof(desc), "%zu-byte character and CRLF "
		    "across the read buffer, shift %zu", strlen(ch), k % 4);
		ok(good, desc);
		rs_csv_close(c);
		fclose(fp);
	}

	/* A bad sequence cut by the buffer is still found, at its byte. */
	rs_buf_reset(&in);
	rs_buf_adds(&in, "h,i\ny,");
	for (pad = 65529; pad > 0; pad--)
		rs_buf_addc(&in, 'x');
	rs_buf_adds(&in, "\xe2\x82x\n");
	check_enc("bad sequence across the read buffer", in.s, in.len, NULL,
	    "1[h|i]!2: invalid UTF-8 at byte 65532 "
	    "(Windows-1252? try --encoding cp1252)");

	/* Many short records: line numbers survive every refill. */
	rs_buf_reset(&in);
	rs_buf_adds(&in, "n,v\n");
	for (n = 0; n < 50000; n++)
		rs_buf_addf(&in, n % 100 == 0 ? "\"%d\n\",%d\n" : "%d,%d\n",
		    n, n);
	fp = input(in.s, in.len);
	c = rs_csv_open(fp, "in.csv", NULL, &err);
	rs_csv_read(c, &f);
	good = 1;
	{
		long line = 2;
		int i = 0;
		char want[32];

		while ((n = rs_csv_read(c, &f)) == 2) {
			snprintf(want, sizeof(want), i % 100 == 0 ? "%d\n" :
			    "%d", i);
			if (rs_csv_line(c) != line || strcmp(f[0], want) != 0)
				good = 0;
			line += i % 100 == 0 ? 2 : 1;
			i++;
		}
		good = good && n == 0 && i == 50000;
	}
	ok(good, "line numbers across 50000 records and refills");
	rs_csv_close(c);
	fclose(fp);
	rs_buf_free(&in);
}

/* The reader's buffer: it parses the input in pieces of up to this. */
#define BLOCK	65536

/*
 * Append records "f,xx…" ended by eol to in, and what render() makes of
 * them to want, until in holds exactly len bytes; *line counts lines.
 */
static void
pad_to(struct rs_buf *in, struct rs_buf *want, size_t len, const char *eol,
    long *line)
{
	size_t n, k;

	while (in->len < len) {
		n = len - in->len > 200 ? 100 : len - in->len;
		rs_buf_adds(in, "f,");
		rs_buf_addf(want, "%ld[f|", (*line)++);
		for (k = 2 + strlen(eol); k < n; k++) {
			rs_buf_addc(in, 'x');
			rs_buf_addc(want, 'x');
		}
		rs_buf_adds(in, eol);
		rs_buf_addc(want, ']');
	}
}

/* Header "h,i", then padding up to len bytes. */
static long
start_at(struct rs_buf *in, struct rs_buf *want, size_t len, const char *eol)
{
	long line = 2;

	rs_buf_reset(in);
	rs_buf_reset(want);
	rs_buf_addf(in, "h,i%s", eol);
	rs_buf_adds(want, "1[h|i]");
	pad_to(in, want, len, eol, &line);
	return line;
}

/* Whole pieces of input: what falls on their boundaries. */
static void
blocks(void)
{
	static const char *const chars[] = {
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"
	};
	struct rs_buf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	char desc[100];
	size_t i, k, len;
	long line;

	/* A character cut by the boundary, k of its bytes before it. */
	for (i = 0; i < 3; i++)
		for (k = 1; k < strlen(chars[i]); k++) {
			line = start_at(&in, &want, BLOCK - k - 2, "\n");
			rs_buf_addf(&in, "y,%s\nz,1\n", chars[i]);
			rs_buf_addf(&want, "%ld[y|%s]%ld[z|1].", line, chars[i],
			    line + 1);
			snprintf(desc, sizeof(desc), "%zu-byte character cut "
			    "by a piece boundary after %zu", strlen(chars[i]),
			    k);
			check_enc(desc, in.s, in.len, NULL, want.s);
		}

	line = start_at(&in, &want, BLOCK - 4, "\r\n");
	rs_buf_adds(&in, "y,1\r\nz,2\r\n");
	rs_buf_addf(&want, "%ld[y|1]%ld[z|2].", line, line + 1);
	check_enc("CRLF cut by a piece boundary", in.s, in.len, NULL, want.s);

	line = start_at(&in, &want, BLOCK - 4, "\r\n");
	rs_buf_adds(&in, "y,1\rq\r\nz,2\r\n");
	rs_buf_addf(&want, "%ld[y|1\nq]%ld[z|2].", line, line + 1);
	check_enc("bare CR last before a piece boundary", in.s, in.len, NULL,
	    want.s);

	/* The quoted LF last in a piece, first in the next; a quoted CRLF. */
	for (k = 0; k < 3; k++) {
		line = start_at(&in, &want, BLOCK - 5 + (k == 1), "\n");
		rs_buf_adds(&in, k == 2 ? "q,\"a\r\nb\"\nz,1\n" :
		    "q,\"a\nb\"\nz,1\n");
		rs_buf_addf(&want, "%ld[q|a\nb]%ld[z|1].", line, line + 2);
		snprintf(desc, sizeof(desc), "quoted %s %s a piece boundary",
		    k == 2 ? "CRLF cut by" : "LF", k == 0 ? "before" :
		    k == 1 ? "after" : "");
		check_enc(desc, in.s, in.len, NULL, want.s);
	}

	/* Errors pieces later: the line, the byte, the records before. */
	line = start_at(&in, &want, 3 * BLOCK + 100, "\n");
	rs_buf_add(&in, "n,\0\n", 4);
	rs_buf_addf(&want, "!%ld: NUL byte in input", line);
	check_enc("NUL byte pieces later", in.s, in.len, NULL, want.s);

	line = start_at(&in, &want, 2 * BLOCK - 10, "\n");
	rs_buf_adds(&in, "y,xxxxxxxxxxxxxxxxxxxx\xff\nz,1\n");
	rs_buf_addf(&want, "!%ld: invalid UTF-8 at byte 23 "
	    "(Windows-1252? try --encoding cp1252)", line);
	check_enc("invalid UTF-8 on a line begun in the piece before", in.s,
	    in.len, NULL, want.s);

	line = start_at(&in, &want, 2 * BLOCK + 5, "\r\n");
	rs_buf_adds(&in, "\r\n\r\nm,x\"y\r\n");
	rs_buf_addf(&want, "!%ld: malformed quoted field", line + 2);
	check_enc("malformed quote pieces later, after blank lines", in.s,
	    in.len, NULL, want.s);

	line = start_at(&in, &want, BLOCK + 50, "\n");
	rs_buf_adds(&in, "r,\"");
	for (i = 0; i < 20000; i++)
		rs_buf_adds(&in, "4,5\n");
	rs_buf_addf(&want, "!%ld: field longer than 65536 bytes", line);
	check_enc("runaway quote from a later piece stops at the cap", in.s,
	    in.len, NULL, want.s);

	line = start_at(&in, &want, 2 * BLOCK + 7, "\n");
	rs_buf_adds(&in, "\"a\nb\",\"open\nmore\n");
	rs_buf_addf(&want, "!%ld: unterminated quoted field", line + 1);
	check_enc("unterminated quote pieces later names its line", in.s,
	    in.len, NULL, want.s);

	line = start_at(&in, &want, 3 * BLOCK + 1, "\r\n");
	rs_buf_adds(&in, "y,\xe9\r\n\r\nz,\xe9\x81\r\n");
	rs_buf_addf(&want, "%ld[y|\xc3\xa9]!%ld: undefined cp1252 byte 0x81 "
	    "at byte 4", line, line + 2);
	check_enc("cp1252 pieces later", in.s, in.len, "cp1252", want.s);

	/* A piece of records only, none left over, the last without LF. */
	line = start_at(&in, &want, BLOCK, "\n");
	check_enc("input of exactly one piece", in.s, in.len, NULL,
	    (rs_buf_addc(&want, '.'), want.s));
	len = in.len - 1;
	in.s[len] = '\0';
	in.len = len;
	check_enc("one piece but the last LF", in.s, in.len, NULL, want.s);

	rs_buf_free(&in);
	rs_buf_free(&want);
}

/*
 * A long input mixing what offices send: CRLF and LF, blank lines,
 * quoted line ends, spaces and tabs; every record checked.
 */
static void
long_input(void)
{
	struct rs_buf in = { NULL, 0, 0 };
	struct rs_csv *c;
	const char *err;
	char **f, want[64];
	FILE *fp;
	long line, i, n = 300000;
	int good, r;

	rs_buf_adds(&in, "n,v\r\n");
	for (i = 0; i < n; i++) {
		if (i % 11 == 0)
			rs_buf_adds(&in, i % 2 ? "\r\n" : "\n");
		if (i % 7 == 0)
			rs_buf_addf(&in, "%ld,\"l1\r\n l2,\"", i);
		else if (i % 5 == 0)
			rs_buf_addf(&in, "%ld, s\tp ", i);
		else
			rs_buf_addf(&in, "%ld,v%ld", i, i);
		rs_buf_adds(&in, i % 13 == 0 ? "\r\n" : "\n");
	}
	fp = input(in.s, in.len);
	c = rs_csv_open(fp, "in.csv", NULL, &err);
	good = rs_csv_read(c, &f) == 2 && rs_csv_line(c) == 1;
	line = 2;
	for (i = 0; good && i < n; i++) {
		if (i % 11 == 0)
			line++;
		if ((r = rs_csv_read(c, &f)) != 2 || rs_csv_line(c) != line) {
			printf("# record %ld: %d fields, line %ld, want %ld\n",
			    i, r, rs_csv_line(c), line);
			good = 0;
			break;
		}
		if (i % 7 == 0)
			snprintf(want, sizeof(want), "l1\n l2,");
		else if (i % 5 == 0)
			snprintf(want, sizeof(want), " s\tp ");
		else
			snprintf(want, sizeof(want), "v%ld", i);
		if (strtol(f[0], NULL, 10) != i || strcmp(f[1], want) != 0) {
			printf("# record %ld: %s|%s\n", i, f[0], f[1]);
			good = 0;
		}
		line += i % 7 == 0 ? 2 : 1;
	}
	ok(good && rs_csv_read(c, &f) == 0, "300000 records of every kind, "
	    "each on its line");
	rs_csv_close(c);
	fclose(fp);
	rs_buf_free(&in);
}

int
main(void)
{
	printf("1..%d\n", PLAN);
	basics();
	errors();
	encodings();
	sizes();
	straddle();
	blocks();
	long_input();
	if (ntest != PLAN)
		printf("# planned %d, ran %d\n", PLAN, ntest);
	return nfail > 0 || ntest != PLAN;
}
