/* Fuzz target: a web form's body, as application/x-www-form-urlencoded
 * and as multipart/form-data (rs-web). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* What rs-web relies on: every value is text, UTF-8, without a NUL. */
static void
text_only(const struct rs_form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (rs_utf8_invalid(f->names[i], strlen(f->names[i])) !=
		    strlen(f->names[i]) ||
		    rs_utf8_invalid(f->values[i], strlen(f->values[i])) !=
		    strlen(f->values[i]))
			abort();
	for (i = 0; i < f->nfiles; i++)
		if (*f->files[i].name == '\0' ||
		    strchr(f->files[i].name, '/') != NULL)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rs_form f = { 0 };
	const char *err;

	if (rs_form_decode((const char *)data, size, RS_WEB_FIELDS_MAX, &f,
	    &err) == 0) {
		text_only(&f);
		if (f.n > RS_WEB_FIELDS_MAX)
			abort();
		(void)rs_form_get(&f, "radicado");
	} else if (err == NULL)
		abort();
	rs_form_free(&f);

	if (rs_form_multipart("multipart/form-data; boundary=frontera",
	    (const char *)data, size, RS_WEB_FIELDS_MAX, RS_WEB_FILES_MAX, &f,
	    &err) == 0)
		text_only(&f);
	rs_form_free(&f);
	return 0;
}
