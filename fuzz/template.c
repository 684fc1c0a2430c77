/* Fuzz target: the template engine, on a template written to a file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "asunto", "nombre", "oficina",
	    "radicado", "saludo", "vence", "tipo", "respuesta", NULL };
	static char path[64];
	static struct rs_vars *v;
	char *headers, *body;
	const char *err;
	FILE *fp;
	int i;

	if (v == NULL) {
		snprintf(path, sizeof(path), "/tmp/rs-fuzz-tpl.%ld",
		    (long)getpid());
		v = rs_vars_new();
		for (i = 0; names[i] != NULL; i++)
			rs_vars_set(v, names[i], "Ana Pérez {{x}} \n");
	}
	if ((fp = fopen(path, "w")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	if (rs_template_render(path, v, &headers, &body, &err) == 0) {
		free(headers);
		free(body);
	}
	unlink(path);
	return 0;
}
