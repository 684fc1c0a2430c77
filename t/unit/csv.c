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

#define PLAN	77

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
	CHECK("a bare CR is data", "a,b\n1\r2,3\n", "1[a|b]2[1\r2|3].");

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

int
main(void)
{
	printf("1..%d\n", PLAN);
	basics();
	errors();
	encodings();
	sizes();
	straddle();
	if (ntest != PLAN)
		printf("# planned %d, ran %d\n", PLAN, ntest);
	return nfail > 0 || ntest != PLAN;
}
