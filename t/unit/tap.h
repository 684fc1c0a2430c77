/*
 * tap.h - just enough of the Test Anything Protocol for the C unit tests.
 *
 *	plan(n);		"1..n" up front (or skip it: done() prints it)
 *	ok(cond, fmt, ...);	"ok 1 - ..." or "not ok 1 - ..."
 *	is_int(got, want, fmt, ...);
 *	is_str(got, want, fmt, ...);	NULL is a value too
 *	skip(fmt, ...);		"ok 1 # skip ...": a test that cannot run here
 *	return done();		nonzero when a test failed or the plan missed
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int	tap_planned = -1;
static int	tap_run;
static int	tap_failed;

static inline void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
}

static inline void
tap_vreport(int pass, const char *fmt, va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	putchar('\n');
}

static inline int __attribute__((format(printf, 2, 3)))
ok(int pass, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tap_vreport(pass, fmt, ap);
	va_end(ap);
	return pass;
}

static inline int __attribute__((format(printf, 3, 4)))
is_int(long long got, long long want, const char *fmt, ...)
{
	va_list	ap;
	int	pass = got == want;

	va_start(ap, fmt);
	tap_vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got:      %lld\n#   expected: %lld\n", got, want);
	return pass;
}

static inline int __attribute__((format(printf, 3, 4)))
is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list	ap;
	int	pass;

	if (got == NULL || want == NULL)
		pass = got == want;
	else
		pass = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got:      %s%s%s\n#   expected: %s%s%s\n",
		    got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
		    want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	return pass;
}

static inline void __attribute__((format(printf, 1, 2)))
skip(const char *fmt, ...)
{
	va_list	ap;

	tap_run++;
	printf("ok %d # skip ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline int
done(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_run != tap_planned) {
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
		return 1;
	}
	if (tap_failed > 0)
		printf("# failed %d of %d tests\n", tap_failed, tap_run);
	fflush(stdout);
	return tap_failed > 0 || ferror(stdout);
}

#endif /* TAP_H */
