/* util.c - messages, memory, growing buffers, UTF-8, checked stdout */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

const char *rs_progname = "rs";

/*
 * A reader that went away and a file-size limit are write errors like
 * any other: reported (EPIPE quietly) and given their exit status, never
 * a death by signal half-way.
 */
void
rs_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
}

void
rs_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	rs_progname = p ? p + 1 : argv0;
}

/*
 * Write len bytes of s as a person may safely read them: \t, \n and \r
 * for those, \xNN for every other control byte (C0, DEL, and both bytes
 * of a C1 control in UTF-8) and for every byte that is not UTF-8, the
 * rest as it is.  Messages quote what came in (file names, header
 * names, option values, fields): no input may move the terminal, forge
 * a line of a log, or hide what it holds.  Every message goes through
 * here (vmessage), so each quoted value is shown this way.
 */
void
rs_escape_write(FILE *fp, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, ok, n;
	unsigned char c;

	while (i < len) {
		c = s[i];
		n = 1;
		if (c >= 0x80) {
			/* one whole character, or one bad byte */
			ok = rs_utf8_invalid(str + i, len - i > 4 ? 4 : len - i);
			n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (ok < n || (c == 0xc2 && s[i + 1] < 0xa0))
				n = 0;
		} else if (c < 0x20 || c == 0x7f)
			n = 0;
		if (n > 0) {
			fwrite(s + i, 1, n, fp);
			i += n;
		} else if (c == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 &&
		    s[i + 1] < 0xa0) {
			fprintf(fp, "\\x%02x\\x%02x", c, s[i + 1]);
			i += 2;
		} else {
			if (c == '\t')
				fputs("\\t", fp);
			else if (c == '\n')
				fputs("\\n", fp);
			else if (c == '\r')
				fputs("\\r", fp);
			else
				fprintf(fp, "\\x%02x", c);
			i++;
		}
	}
}

static void
vmessage(const char *fmt, va_list ap)
{
	char small[1024], *msg = small;
	va_list aq;
	int n;

	fflush(stdout);
	va_copy(aq, ap);
	if ((n = vsnprintf(small, sizeof(small), fmt, ap)) < 0)
		small[0] = '\0';
	/* no rs_malloc: this may be telling that memory ran out */
	if (n >= (int)sizeof(small) && (msg = malloc((size_t)n + 1)) != NULL)
		vsnprintf(msg, (size_t)n + 1, fmt, aq);
	else
		msg = small;
	va_end(aq);
	fprintf(stderr, "%s: ", rs_progname);
	rs_escape_write(stderr, msg, strlen(msg));
	fputc('\n', stderr);
	if (msg != small)
		free(msg);
}

void	(*rs_die_hook)(int);

void
rs_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	if (rs_die_hook != NULL)
		rs_die_hook(status);
	exit(status);
}

void
rs_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void *
rs_malloc(size_t n)
{
	void *p;

	if ((p = malloc(n ? n : 1)) == NULL)
		rs_die(EX_SOFTWARE, "out of memory");
	return p;
}

void *
rs_calloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		rs_die(EX_SOFTWARE, "out of memory");
	return p;
}

void *
rs_realloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		rs_die(EX_SOFTWARE, "out of memory");
	return p;
}

char *
rs_strdup(const char *s)
{
	return rs_strndup(s, strlen(s));
}

char *
rs_dirname(const char *path)
{
	char *dir, *slash;

	dir = rs_strdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

const char *
rs_refuse(struct rs_buf *why, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rs_buf_reset(why);
	rs_buf_adds(why, msg);
	return rs_buf_str(why);
}

char *
rs_strndup(const char *s, size_t n)
{
	char *p;

	p = rs_malloc(n + 1);
	if (n > 0)	/* s may be NULL when there is nothing to copy */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * A reader that went away is no error for a filter (`rs-report | head -1`);
 * anything else that failed a write (a full disk) is.
 */
void
rs_stdout_check(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		exit(0);
	rs_die(EX_IOERR, "stdout: %s", strerror(errno ? errno : EIO));
}

void
rs_stdout_close(void)
{
	rs_stdout_check();
	if (fclose(stdout) != 0) {
		if (errno == EPIPE)
			exit(0);
		rs_die(EX_IOERR, "stdout: %s", strerror(errno));
	}
}

/*
 * A file rs reads or writes as its own (a template, a Maildir and what
 * is in it) is taken only as what it is: a link could point it at
 * another's file, and a FIFO or a device would hang or feed it.  So never
 * through a symbolic link, never anything but a regular file (or, with
 * O_DIRECTORY, a directory), and opened without blocking so that a FIFO
 * is found out rather than waited on.
 */
int
rs_open_own(int dirfd, const char *path, int flags, mode_t mode,
    const char *shown, struct rs_buf *why, int *status)
{
	struct stat	sb;
	int		fd, saved, dir = (flags & O_DIRECTORY) != 0;

	fd = openat(dirfd, path, flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC, mode);
	if (fd == -1) {
		saved = errno;
		if (fstatat(dirfd, path, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode)) {
			*status = EX_NOPERM;
			rs_refuse(why, "%s: is a symbolic link; refused",
			    shown);
		} else if (saved == ENXIO) {	/* a FIFO, no reader */
			*status = EX_NOINPUT;
			rs_refuse(why, "%s: not a regular file", shown);
		} else {
			*status = saved == EACCES || saved == EPERM ?
			    EX_NOPERM : flags & (O_WRONLY | O_RDWR | O_CREAT) ?
			    EX_CANTCREAT : EX_NOINPUT;
			rs_refuse(why, "%s: %s", shown, strerror(saved));
		}
		errno = saved;
		return -1;
	}
	if (fstat(fd, &sb) == -1 || (dir ? !S_ISDIR(sb.st_mode) :
	    !S_ISREG(sb.st_mode))) {
		close(fd);
		*status = EX_NOINPUT;
		if (dir)
			rs_refuse(why, "%s: %s", shown, strerror(ENOTDIR));
		else
			rs_refuse(why, "%s: not a regular file", shown);
		errno = EINVAL;
		return -1;
	}
	/* non-blocking only on the way in: a file reads as any other */
	if ((saved = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, saved & ~O_NONBLOCK);
	return fd;
}

/*
 * Written is not read: what goes into a pipe waits in it until its
 * reader takes it, and a reader that stops (`| head -c 1000`) leaves the
 * rest unread without a word.  So, for a pipe, wait until the reader has
 * taken all that was written (0) or went away leaving some of it (-1,
 * EPIPE).  Anything else (a file, a terminal) holds what was written.
 */
int
rs_fd_drained(int fd)
{
	struct pollfd	 p;
	struct stat	 sb;
	int		 n, wait = 1;

	if (fstat(fd, &sb) == -1 || !S_ISFIFO(sb.st_mode))
		return 0;
	for (;;) {
		/* a system that cannot say how much is left: as written */
		if (ioctl(fd, FIONREAD, &n) == -1 || n == 0)
			return 0;
		p.fd = fd;
		p.events = 0;
		p.revents = 0;
		if (poll(&p, 1, wait) == -1 && errno != EINTR)
			return 0;
		if (p.revents & (POLLERR | POLLHUP)) {
			if (ioctl(fd, FIONREAD, &n) == 0 && n == 0)
				return 0;
			errno = EPIPE;
			return -1;
		}
		if (wait < 64)
			wait *= 2;
	}
}

static int	progress_tty = -1;
static int	progress_shown;
static double	progress_start, progress_last;

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
rs_progress(const char *what, long done, const char *unit)
{
	double now, rate;

	if (progress_tty == -1)
		progress_tty = isatty(STDERR_FILENO);
	if (!progress_tty || (done & 1023) != 0)
		return;
	now = seconds();
	if (progress_start == 0)
		progress_start = progress_last = now;
	if (now - progress_last < 0.25)
		return;
	progress_last = now;
	rate = now > progress_start ? (double)done / (now - progress_start) : 0;
	fprintf(stderr, "\r%s: %s: %ld %s, %.0f por segundo\033[K",
	    rs_progname, what, done, unit, rate);
	progress_shown = 1;
}

void
rs_progress_end(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
	progress_start = 0;
}

static void
buf_grow(struct rs_buf *b, size_t more)
{
	size_t need;

	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = rs_realloc(b->s, b->cap);
}

void
rs_buf_add(struct rs_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
rs_buf_adds(struct rs_buf *b, const char *s)
{
	rs_buf_add(b, s, strlen(s));
}

void
rs_buf_addc(struct rs_buf *b, int c)
{
	buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
rs_buf_addf(struct rs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		rs_die(EX_SOFTWARE, "bad format");
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
rs_buf_reset(struct rs_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
rs_buf_free(struct rs_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *
rs_buf_str(struct rs_buf *b)
{
	return b->s ? b->s : "";
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, <= U+10FFFF. */
size_t
rs_utf8_invalid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;
	unsigned c, min;

	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			c &= 0x07;
			min = 0x10000;
		} else
			return i;
		if (i + n >= len)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

size_t
rs_utf8_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
rs_has_controls(const char *s, int allow_newlines)
{
	unsigned char c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (allow_newlines && (c == '\n' || c == '\t' || c == '\r'))
			continue;
		if (c < 0x20 || c == 0x7f || RS_C1_AT(s))
			return 1;
	}
	return 0;
}

size_t
rs_format_int(int64_t v, char *buf)
{
	char tmp[20];
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t n = 0, len = 0;

	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

int
rs_all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* ---- header values and addresses (DESIGN §7), shared by every command -- */

const char *
rs_header_check(const char *s)
{
	const unsigned char *p;
	size_t		 len;

	if (s == NULL)
		return NULL;
	/* A line break is how one header becomes two (Bcc: injection). */
	for (p = (const unsigned char *)s; *p; p++)
		if (*p == '\r' || *p == '\n')
			return "header value contains a line break";
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "header value contains a control character";
	len = strlen(s);
	if (rs_utf8_invalid(s, len) != len)
		return "header value is not valid UTF-8";
	return NULL;
}

const char *
rs_address_check(const char *s)
{
	const unsigned char *p;
	const char	*at, *domain, *d;

	if (s == NULL || *s == '\0')
		return "empty address";
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "address contains a control character";
	for (p = (const unsigned char *)s; *p; p++)
		if (*p == ' ')
			return "address contains white space";
	for (p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80)
			return "address is not ASCII";
	/* sendmail would take it for an option. */
	if (*s == '-')
		return "address starts with \"-\"";
	if (strpbrk(s, RS_ADDRESS_REFUSED) != NULL)
		return "address contains one of " RS_ADDRESS_REFUSED_TEXT;
	if (strlen(s) > RS_ADDRESS_MAX)
		return "address is too long";
	if ((at = strchr(s, '@')) == NULL)
		return "address has no \"@\"";
	if (strchr(at + 1, '@') != NULL)
		return "address has more than one \"@\"";
	if (at == s)
		return "address has an empty local part";
	domain = at + 1;
	if (*domain == '\0')
		return "address has an empty domain";
	if (strchr(domain, '.') == NULL)
		return "address domain has no dot";
	if (*domain == '.' || domain[strlen(domain) - 1] == '.')
		return "address domain has an empty label";
	for (d = domain; *d; d++)
		if (d[0] == '.' && d[1] == '.')
			return "address domain has an empty label";
	return NULL;
}

/* Cut s to at most max bytes on a character boundary, marking the cut. */
char *
rs_clip(const char *s, size_t max, const char *mark)
{
	struct rs_buf b = { 0 };
	size_t n = strlen(s);

	if (n <= max)
		return rs_strdup(s);
	n = max - strlen(mark);
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	rs_buf_add(&b, s, n);
	rs_buf_adds(&b, mark);
	return b.s;
}

char *
rs_redact_addresses(const char *s)
{
	struct rs_buf b = { 0 };
	const char *p, *start, *end;

	/* each white-space-delimited word with an "@" in it */
	for (p = s; *p; p = end) {
		for (start = p; *start == ' ' || *start == '\t'; start++)
			;
		rs_buf_add(&b, p, (size_t)(start - p));
		for (end = start; *end && *end != ' ' && *end != '\t'; end++)
			;
		if (memchr(start, '@', (size_t)(end - start)) != NULL)
			rs_buf_adds(&b, "[dirección]");
		else
			rs_buf_add(&b, start, (size_t)(end - start));
	}
	return b.s ? b.s : rs_strdup("");
}
